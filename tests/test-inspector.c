/* test-inspector.c — the generated step form and its edits
 *
 * Runs under Xvfb (see tests/meson.build). Edits are made the way the
 * author makes them, by setting a row's text and emitting the signal that
 * Enter (or the apply button) emits, and checked on the model and the
 * document's undo stack.
 *
 * With SLUICE_TEST_SCREENSHOT_DIR set, /inspector/notify-step also saves
 * inspector.png there.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sluice-duration.h"
#include "sluice-filter-row.h"
#include "sluice-inspector.h"

typedef struct
{
  GtkWindow       *window;
  SluiceInspector *inspector;
  SluiceDocument  *document;
} Fixture;

/* ---- helpers --------------------------------------------------------------------- */

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_widgets (GtkWidget *root,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

static SluiceStep *
step (Fixture    *fixture,
      const char *id)
{
  return sluice_workflow_lookup_step (sluice_document_get_workflow (fixture->document), id);
}

static GtkWidget *
field (Fixture    *fixture,
       const char *name)
{
  GtkWidget *widget = sluice_inspector_get_field_widget (fixture->inspector, name);

  g_assert_nonnull (widget);
  return widget;
}

/* Types into an entry row and presses Enter. */
static void
enter_text (GtkWidget  *row,
            const char *text)
{
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  iterate ();
}

/* Undoes everything, then redoes it all: the document ends as it was,
 * and the inspector shows the same step again. */
static guint
count_undo_steps (Fixture *fixture)
{
  g_autofree char *step_id = g_strdup (sluice_inspector_get_step_id (fixture->inspector));
  guint n = 0;

  while (sluice_document_undo (fixture->document))
    n++;
  for (guint i = 0; i < n; i++)
    g_assert_true (sluice_document_redo (fixture->document));
  sluice_inspector_set_step_id (fixture->inspector, step_id);
  iterate ();
  return n;
}

static GPtrArray *
filter_rows (Fixture    *fixture,
             const char *field_name)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_widgets (field (fixture, field_name), SLUICE_TYPE_FILTER_ROW, rows);
  return rows;
}

static GtkWidget *
group_add_button (GtkWidget *group)
{
  GtkWidget *suffix = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group));

  g_assert_true (GTK_IS_BUTTON (suffix));
  return suffix;
}

static JsonArray *
step_array (Fixture    *fixture,
            const char *id,
            const char *member)
{
  JsonNode *node = sluice_step_get_member (step (fixture, id), member);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("SLUICE_TEST_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  wait_ms (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static GtkWidget *
button_with_icon (GtkWidget  *root,
                  const char *icon_name)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (g_ptr_array_index (buttons, i)), icon_name) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

/* ---- fixture ----------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples",
                                            "usage-quota-80.workflow.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  fixture->document = sluice_document_new ();
  g_assert_true (sluice_document_load (fixture->document, file, &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 380, 800);
  fixture->inspector = SLUICE_INSPECTOR (sluice_inspector_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->inspector));
  g_object_set (fixture->inspector, "document", fixture->document, NULL);
  gtk_window_present (fixture->window);
  iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  iterate ();
  g_clear_object (&fixture->document);
}

static void
add_step (Fixture    *fixture,
          const char *type_name,
          const char *id)
{
  g_autoptr(SluiceStep) new_step = sluice_step_new (sluice_step_type_lookup (type_name), id);

  sluice_document_begin_edit (fixture->document, "Add step");
  sluice_workflow_add_step (sluice_document_get_workflow (fixture->document), new_step);
  sluice_document_end_edit (fixture->document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR);
}

/* ---- tests ---------------------------------------------------------------------------- */

static void
test_workflow_page (Fixture       *fixture,
                    gconstpointer  data)
{
  SluiceWorkflow *workflow = sluice_document_get_workflow (fixture->document);
  GtkWidget *status = find_widget (GTK_WIDGET (fixture->inspector), ADW_TYPE_STATUS_PAGE);

  g_assert_null (sluice_inspector_get_step_id (fixture->inspector));
  g_assert_true (gtk_widget_is_visible (status));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "name"))), ==, "usage-quota-80");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "entityKey"))), ==, "data.account");
  g_assert_nonnull (find_widget (field (fixture, "description"), GTK_TYPE_TEXT_VIEW));

  /* an entity key that is not a path is shown, not applied */
  enter_text (field (fixture, "entityKey"), "data..account");
  g_assert_nonnull (sluice_inspector_get_field_problem (fixture->inspector, "entityKey"));
  g_assert_cmpstr (sluice_workflow_get_entity_key (workflow), ==, "data.account");
  g_assert_false (sluice_document_can_undo (fixture->document));

  enter_text (field (fixture, "entityKey"), "data.tenant");
  g_assert_null (sluice_inspector_get_field_problem (fixture->inspector, "entityKey"));
  g_assert_cmpstr (sluice_workflow_get_entity_key (sluice_document_get_workflow (fixture->document)), ==, "data.tenant");
  g_assert_cmpuint (count_undo_steps (fixture), ==, 1);

  /* an unknown step shows the workflow */
  sluice_inspector_set_step_id (fixture->inspector, "no-such-step");
  g_assert_true (gtk_widget_is_visible (status));
}

static void
test_row_kinds (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *to, *spin;

  sluice_inspector_set_step_id (fixture->inspector, "notify-owner");
  iterate ();

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "id"))), ==, "notify-owner");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "name"))), ==, "Notify owner and CSM");
  g_assert_true (ADW_IS_COMBO_ROW (field (fixture, "channel")));
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (field (fixture, "channel")))),
                   ==, "email");
  g_assert_true (ADW_IS_ENTRY_ROW (field (fixture, "subject")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "subject"))), ==,
                   "Your storage is {{ data.percent }}% full");
  g_assert_true (ADW_IS_ENTRY_ROW (field (fixture, "webhookUrl")));
  g_assert_nonnull (find_widget (field (fixture, "message"), GTK_TYPE_TEXT_VIEW));

  /* recipients: one entry row per item */
  to = field (fixture, "to");
  g_assert_true (ADW_IS_PREFERENCES_GROUP (to));
  rows = g_ptr_array_new ();
  collect_widgets (to, ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 0)), ==, "{{ data.owner_email }}");

  /* the trigger: one filter row per filter */
  sluice_inspector_set_step_id (fixture->inspector, "usage-updated");
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = filter_rows (fixture, "filters");
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (sluice_filter_row_get_path (g_ptr_array_index (rows, 1)), ==, "data.percent");
  g_assert_cmpstr (sluice_filter_row_get_op (g_ptr_array_index (rows, 1)), ==, "gte");
  g_assert_cmpstr (sluice_filter_row_get_value_text (g_ptr_array_index (rows, 1)), ==, "80");
  g_assert_true (ADW_IS_ENTRY_ROW (field (fixture, "event")));

  /* numbers, switches and maps */
  add_step (fixture, "foreach", "each-contact");
  sluice_inspector_set_step_id (fixture->inspector, "each-contact");
  g_assert_true (ADW_IS_ACTION_ROW (field (fixture, "cap")));
  spin = find_widget (field (fixture, "cap"), GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin))), ==, 1);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin))), ==, 100000);
  g_assert_true (ADW_IS_ENTRY_ROW (field (fixture, "items")));

  add_step (fixture, "job", "run-report");
  sluice_inspector_set_step_id (fixture->inspector, "run-report");
  g_assert_nonnull (find_widget (field (fixture, "wait"), GTK_TYPE_SWITCH));
  g_assert_true (ADW_IS_PREFERENCES_GROUP (field (fixture, "args")));

  add_step (fixture, "delay", "wait-a-day");
  sluice_inspector_set_step_id (fixture->inspector, "wait-a-day");
  g_assert_true (ADW_IS_ENTRY_ROW (field (fixture, "duration")));
}

static void
test_edit_field (Fixture       *fixture,
                 gconstpointer  data)
{
  sluice_inspector_set_step_id (fixture->inspector, "notify-owner");

  enter_text (field (fixture, "subject"), "Storage at {{ data.percent }}%");
  g_assert_cmpstr (sluice_step_get_string (step (fixture, "notify-owner"), "subject"), ==,
                   "Storage at {{ data.percent }}%");
  g_assert_cmpuint (count_undo_steps (fixture), ==, 1);
  g_assert_cmpstr (sluice_document_get_undo_label (fixture->document), ==, "Change “Subject”");

  /* pressing Enter again changes nothing, and is no new undo step */
  g_signal_emit_by_name (field (fixture, "subject"), "apply");
  g_assert_cmpuint (count_undo_steps (fixture), ==, 1);

  /* a pause in typing applies too */
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "subject")), "Quota warning");
  wait_ms (1200);
  g_assert_cmpstr (sluice_step_get_string (step (fixture, "notify-owner"), "subject"), ==, "Quota warning");
  g_assert_cmpuint (count_undo_steps (fixture), ==, 2);

  /* undo brings the old text back into the form */
  g_assert_true (sluice_document_undo (fixture->document));
  g_assert_true (sluice_document_undo (fixture->document));
  iterate ();
  g_assert_cmpstr (sluice_inspector_get_step_id (fixture->inspector), ==, "notify-owner");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "subject"))), ==,
                   "Your storage is {{ data.percent }}% full");

  /* an optional field emptied leaves the document */
  enter_text (field (fixture, "subject"), "");
  g_assert_null (sluice_step_get_member (step (fixture, "notify-owner"), "subject"));

  /* choices */
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (fixture, "channel")), 1);
  g_assert_cmpstr (sluice_step_get_string (step (fixture, "notify-owner"), "channel"), ==, "chat");

  /* text that reads as a number in YAML stays text */
  enter_text (field (fixture, "name"), "80");
  g_assert_cmpstr (sluice_step_get_string (step (fixture, "notify-owner"), "name"), ==, "80");
}

static void
test_invalid_duration (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *duration;
  GPtrArray *problems = g_ptr_array_new ();
  gint64 msec;

  add_step (fixture, "delay", "wait-a-day");
  sluice_document_begin_edit (fixture->document, "Set duration");
  sluice_step_set_string (step (fixture, "wait-a-day"), "duration", "1d");
  sluice_document_end_edit (fixture->document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR);
  sluice_inspector_set_step_id (fixture->inspector, "wait-a-day");
  before = sluice_workflow_to_yaml (sluice_document_get_workflow (fixture->document));
  g_assert_cmpuint (count_undo_steps (fixture), ==, 2);

  duration = field (fixture, "duration");
  enter_text (duration, "1x");
  g_assert_nonnull (sluice_inspector_get_field_problem (fixture->inspector, "duration"));
  g_assert_nonnull (strstr (sluice_inspector_get_field_problem (fixture->inspector, "duration"), "is not a duration"));
  g_assert_true (gtk_widget_has_css_class (duration, "error"));

  /* the message is shown below the field */
  collect_widgets (gtk_widget_get_parent (duration), GTK_TYPE_LABEL, problems);
  {
    gboolean shown = FALSE;

    for (guint i = 0; i < problems->len; i++)
      if (gtk_widget_is_visible (g_ptr_array_index (problems, i))
          && strstr (gtk_label_get_text (g_ptr_array_index (problems, i)), "is not a duration"))
        shown = TRUE;
    g_assert_true (shown);
  }
  g_ptr_array_unref (problems);

  /* and the model is as it was, with no new undo step */
  after = sluice_workflow_to_yaml (sluice_document_get_workflow (fixture->document));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_undo_steps (fixture), ==, 2);

  /* a valid one is applied, written the way the loader writes it */
  duration = field (fixture, "duration");
  enter_text (duration, "90m");
  g_assert_null (sluice_inspector_get_field_problem (fixture->inspector, "duration"));
  g_assert_false (gtk_widget_has_css_class (duration, "error"));
  g_assert_true (sluice_duration_parse (sluice_step_get_string (step (fixture, "wait-a-day"), "duration"), &msec));
  g_assert_cmpint (msec, ==, 90 * SLUICE_MSEC_PER_MINUTE);
  g_assert_cmpuint (count_undo_steps (fixture), ==, 3);

  /* a required field is not emptied */
  duration = field (fixture, "duration");
  enter_text (duration, "");
  g_assert_nonnull (sluice_inspector_get_field_problem (fixture->inspector, "duration"));
  g_assert_nonnull (sluice_step_get_string (step (fixture, "wait-a-day"), "duration"));
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  SluiceFilterRow *row;
  JsonArray *filters;
  JsonObject *filter;
  JsonArray *values;

  sluice_inspector_set_step_id (fixture->inspector, "usage-updated");

  /* a new row is the author's until it is a filter */
  g_signal_emit_by_name (group_add_button (field (fixture, "filters")), "clicked");
  rows = filter_rows (fixture, "filters");
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpuint (json_array_get_length (step_array (fixture, "usage-updated", "filters")), ==, 2);
  g_assert_false (sluice_document_can_undo (fixture->document));

  row = g_ptr_array_index (rows, 2);
  sluice_filter_row_set_path (row, "data.plan");
  sluice_filter_row_set_op (row, "in");          /* picking an op commits: no value yet */
  g_assert_nonnull (sluice_filter_row_get_problem (row));
  g_assert_cmpuint (json_array_get_length (step_array (fixture, "usage-updated", "filters")), ==, 2);

  sluice_filter_row_set_value_text (row, "pro, enterprise, \"1.0\"");
  g_assert_true (sluice_filter_row_commit (row));
  g_assert_null (sluice_filter_row_get_problem (row));

  filters = step_array (fixture, "usage-updated", "filters");
  g_assert_cmpuint (json_array_get_length (filters), ==, 3);
  filter = json_array_get_object_element (filters, 2);
  g_assert_cmpstr (json_object_get_string_member (filter, "path"), ==, "data.plan");
  g_assert_cmpstr (json_object_get_string_member (filter, "op"), ==, "in");
  values = json_object_get_array_member (filter, "value");
  g_assert_cmpuint (json_array_get_length (values), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (values, 0), ==, "pro");
  g_assert_cmpstr (json_array_get_string_element (values, 2), ==, "1.0");
  g_assert_cmpuint (count_undo_steps (fixture), ==, 1);
  g_assert_cmpstr (sluice_document_get_undo_label (fixture->document), ==, "Add filter to “Filters”");

  /* an existing filter: a number stays a number; a bad value is not applied */
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = filter_rows (fixture, "filters");
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 1);
  sluice_filter_row_set_value_text (row, "90");
  g_assert_true (sluice_filter_row_commit (row));
  filter = json_array_get_object_element (step_array (fixture, "usage-updated", "filters"), 1);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (filter, "value")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (filter, "value"), ==, 90);

  sluice_filter_row_set_op (row, "within");
  g_assert_nonnull (strstr (sluice_filter_row_get_problem (row), "duration"));
  filter = json_array_get_object_element (step_array (fixture, "usage-updated", "filters"), 1);
  g_assert_cmpstr (json_object_get_string_member (filter, "op"), ==, "gte");
  g_assert_cmpuint (count_undo_steps (fixture), ==, 2);
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = filter_rows (fixture, "filters");
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (sluice_filter_row_get_op (row), ==, "gte");
  sluice_filter_row_set_op (row, "within");

  /* Enter in the value entry applies */
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (row), GTK_TYPE_ENTRY, entries);
    g_assert_cmpuint (entries->len, ==, 2);
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 1)), "30d");
    g_signal_emit_by_name (g_ptr_array_index (entries, 1), "activate");
  }
  filter = json_array_get_object_element (step_array (fixture, "usage-updated", "filters"), 1);
  g_assert_cmpstr (json_object_get_string_member (filter, "op"), ==, "within");
  g_assert_cmpstr (json_object_get_string_member (filter, "value"), ==, "30d");

  /* removing a row removes its filter */
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "remove");
  iterate ();
  filters = step_array (fixture, "usage-updated", "filters");
  g_assert_cmpuint (json_array_get_length (filters), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (filters, 0), "path"), ==, "data.percent");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (filters, 1), "path"), ==, "data.plan");
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = filter_rows (fixture, "filters");
  g_assert_cmpuint (rows->len, ==, 2);

  /* the form follows an undo */
  g_assert_true (sluice_document_undo (fixture->document));
  iterate ();
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = filter_rows (fixture, "filters");
  g_assert_cmpuint (rows->len, ==, 3);
}

static void
test_list_items (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *pending, *remove;
  JsonArray *to;

  sluice_inspector_set_step_id (fixture->inspector, "notify-owner");

  g_signal_emit_by_name (group_add_button (field (fixture, "to")), "clicked");
  collect_widgets (field (fixture, "to"), ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  pending = g_ptr_array_index (rows, 1);

  /* an empty new item is nothing yet */
  g_signal_emit_by_name (pending, "apply");
  g_assert_cmpuint (json_array_get_length (step_array (fixture, "notify-owner", "to")), ==, 1);

  enter_text (pending, "{{ data.billing_email }}");
  to = step_array (fixture, "notify-owner", "to");
  g_assert_cmpuint (json_array_get_length (to), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (to, 1), ==, "{{ data.billing_email }}");

  /* editing the first one */
  enter_text (g_ptr_array_index (rows, 0), "{{ data.admin_email }}");
  to = step_array (fixture, "notify-owner", "to");
  g_assert_cmpstr (json_array_get_string_element (to, 0), ==, "{{ data.admin_email }}");
  g_assert_cmpstr (json_array_get_string_element (to, 1), ==, "{{ data.billing_email }}");

  /* removing the first one */
  remove = button_with_icon (g_ptr_array_index (rows, 0), "user-trash-symbolic");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  to = step_array (fixture, "notify-owner", "to");
  g_assert_cmpuint (json_array_get_length (to), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (to, 0), ==, "{{ data.billing_email }}");
  g_assert_cmpuint (count_undo_steps (fixture), ==, 3);
}

static void
test_map_items (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  JsonNode *headers;

  add_step (fixture, "webhook", "call-crm");
  sluice_inspector_set_step_id (fixture->inspector, "call-crm");

  g_signal_emit_by_name (group_add_button (field (fixture, "headers")), "clicked");
  collect_widgets (field (fixture, "headers"), GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 2);
  gtk_editable_set_text (g_ptr_array_index (entries, 0), "X-Account");
  gtk_editable_set_text (g_ptr_array_index (entries, 1), "{{ data.account }}");
  g_signal_emit_by_name (g_ptr_array_index (entries, 1), "activate");

  headers = sluice_step_get_member (step (fixture, "call-crm"), "headers");
  g_assert_nonnull (headers);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (headers), "X-Account"), ==, "{{ data.account }}");

  /* renaming the key keeps the value */
  gtk_editable_set_text (g_ptr_array_index (entries, 0), "X-Tenant");
  g_signal_emit_by_name (g_ptr_array_index (entries, 0), "activate");
  headers = sluice_step_get_member (step (fixture, "call-crm"), "headers");
  g_assert_false (json_object_has_member (json_node_get_object (headers), "X-Account"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (headers), "X-Tenant"), ==, "{{ data.account }}");
}

static void
test_numbers_and_switches (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *spin, *toggle, *clear;

  add_step (fixture, "foreach", "each-contact");
  sluice_inspector_set_step_id (fixture->inspector, "each-contact");

  spin = find_widget (field (fixture, "cap"), GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "");   /* not set */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 25);
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activate");
  g_assert_cmpint (json_node_get_int (sluice_step_get_member (step (fixture, "each-contact"), "cap")), ==, 25);

  /* back to the default */
  clear = button_with_icon (field (fixture, "cap"), "edit-clear-symbolic");
  g_assert_nonnull (clear);
  g_signal_emit_by_name (clear, "clicked");
  g_assert_null (sluice_step_get_member (step (fixture, "each-contact"), "cap"));

  add_step (fixture, "job", "run-report");
  sluice_inspector_set_step_id (fixture->inspector, "run-report");
  toggle = find_widget (field (fixture, "wait"), GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (json_node_get_boolean (sluice_step_get_member (step (fixture, "run-report"), "wait")));
}

static void
step_id_notify_cb (SluiceInspector *inspector,
                   GParamSpec      *pspec,
                   guint           *count)
{
  (*count)++;
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  guint notified = 0;
  double x, y;

  sluice_inspector_set_step_id (fixture->inspector, "notify-owner");
  g_signal_connect (fixture->inspector, "notify::step-id", G_CALLBACK (step_id_notify_cb), &notified);

  /* a taken id is refused */
  enter_text (field (fixture, "id"), "open-ticket");
  g_assert_nonnull (sluice_inspector_get_field_problem (fixture->inspector, "id"));
  g_assert_nonnull (step (fixture, "notify-owner"));

  enter_text (field (fixture, "id"), "Not An Id");
  g_assert_nonnull (sluice_inspector_get_field_problem (fixture->inspector, "id"));

  enter_text (field (fixture, "id"), "notify-people");
  g_assert_null (sluice_inspector_get_field_problem (fixture->inspector, "id"));
  g_assert_null (step (fixture, "notify-owner"));
  g_assert_nonnull (step (fixture, "notify-people"));
  g_assert_cmpstr (sluice_step_get_string (step (fixture, "record-nudge"), "next"), ==, "notify-people");
  g_assert_cmpstr (sluice_inspector_get_step_id (fixture->inspector), ==, "notify-people");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (count_undo_steps (fixture), ==, 1);
  g_assert_false (sluice_workflow_get_position (sluice_document_get_workflow (fixture->document), "notify-owner", &x, &y));

  /* undoing the rename takes the shown step away: the workflow is shown */
  notified = 0;
  g_assert_true (sluice_document_undo (fixture->document));
  iterate ();
  g_assert_null (sluice_inspector_get_step_id (fixture->inspector));
  g_assert_cmpuint (notified, ==, 1);
}

static gboolean
group_shows (GtkWidget  *root,
             const char *title,
             const char *text)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  collect_widgets (root, ADW_TYPE_PREFERENCES_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    {
      GtkWidget *group = g_ptr_array_index (groups, i);
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();

      if (g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), title) != 0
          || !gtk_widget_is_visible (group))
        continue;
      collect_widgets (group, ADW_TYPE_PREFERENCES_ROW, rows);
      for (guint r = 0; r < rows->len; r++)
        if (strstr (adw_preferences_row_get_title (g_ptr_array_index (rows, r)), text) != NULL)
          return TRUE;
    }
  return FALSE;
}

static void
test_findings_and_connections (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->inspector);

  sluice_inspector_set_step_id (fixture->inspector, "record-nudge");
  g_assert_false (group_shows (root, "Problems", ""));
  g_assert_true (group_shows (root, "Connections", "Notify owner and CSM"));
  g_assert_true (group_shows (root, "Connections", "From Event trigger"));

  /* a step nobody leads to is reported at the top of its form */
  add_step (fixture, "ticket", "stray-ticket");
  sluice_inspector_set_step_id (fixture->inspector, "stray-ticket");
  g_assert_true (group_shows (root, "Problems", "stray-ticket"));
  g_assert_true (group_shows (root, "Connections", "Not connected"));
  enter_text (field (fixture, "id"), "stray ticket");
  gtk_window_set_focus (fixture->window, NULL);
  save_screenshot (GTK_WIDGET (fixture->window), "inspector-problems.png");
  enter_text (field (fixture, "id"), "stray-ticket");

  /* fixing a finding from the form clears it */
  enter_text (field (fixture, "queue"), "ops");
  enter_text (field (fixture, "title"), "Check {{ data.account }}");
  g_assert_false (group_shows (root, "Problems", "needs “queue”"));
}

static void
test_notify_step (Fixture       *fixture,
                  gconstpointer  data)
{
  sluice_inspector_set_step_id (fixture->inspector, "notify-owner");
  g_assert_true (gtk_widget_get_mapped (field (fixture, "subject")));
  gtk_window_set_focus (fixture->window, NULL);
  save_screenshot (GTK_WIDGET (fixture->window), "inspector.png");

  if (g_getenv ("SLUICE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GPtrArray) scrolled = g_ptr_array_new ();
      GtkAdjustment *adjustment;

      collect_widgets (GTK_WIDGET (fixture->inspector), GTK_TYPE_SCROLLED_WINDOW, scrolled);
      for (guint i = 0; i < scrolled->len; i++)
        if (gtk_widget_get_mapped (g_ptr_array_index (scrolled, i)))
          {
            adjustment = gtk_scrolled_window_get_vadjustment (g_ptr_array_index (scrolled, i));
            gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
          }
      save_screenshot (GTK_WIDGET (fixture->window), "inspector-end.png");
    }

  sluice_inspector_set_step_id (fixture->inspector, "usage-updated");
  save_screenshot (GTK_WIDGET (fixture->window), "inspector-trigger.png");

  sluice_inspector_set_step_id (fixture->inspector, NULL);
  save_screenshot (GTK_WIDGET (fixture->window), "inspector-workflow.png");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("sluice-test-inspector-XXXXXX", NULL);
  int status;

  /* drafts of the edited documents go here, not into the user's data */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/dev/sluice/Sluice/icons");

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/inspector/workflow-page", test_workflow_page);
  ADD ("/inspector/row-kinds", test_row_kinds);
  ADD ("/inspector/edit-field", test_edit_field);
  ADD ("/inspector/invalid-duration", test_invalid_duration);
  ADD ("/inspector/filters", test_filters);
  ADD ("/inspector/list-items", test_list_items);
  ADD ("/inspector/map-items", test_map_items);
  ADD ("/inspector/numbers-and-switches", test_numbers_and_switches);
  ADD ("/inspector/rename", test_rename);
  ADD ("/inspector/findings-and-connections", test_findings_and_connections);
  ADD ("/inspector/notify-step", test_notify_step);
#undef ADD

  status = g_test_run ();
  remove_tree (data_home);

  return status;
}
