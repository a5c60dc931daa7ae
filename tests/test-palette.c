/* test-palette.c — the step palette: listing, search, activation, drag data
 *
 * Runs under Xvfb (see tests/meson.build). The widgets are driven by
 * emitting their signals, as a user's clicks and keys would.
 *
 * With SLUICE_TEST_SCREENSHOT_DIR set, /palette/lists-every-type also
 * saves palette.png there.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "sluice-palette.h"
#include "sluice-step-type.h"

typedef struct
{
  GtkWindow     *window;
  SluicePalette *palette;
  GtkListBox    *list_box;
  GtkWidget     *search_entry;
} Fixture;

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type)
      && (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
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
  gint64 end = g_get_monotonic_time () + 300 * 1000;
  int width, height;

  if (dir == NULL)
    return;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }

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
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 280, 720);
  fixture->palette = SLUICE_PALETTE (sluice_palette_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->palette));
  gtk_window_present (fixture->window);
  iterate ();

  fixture->list_box = GTK_LIST_BOX (find_widget (GTK_WIDGET (fixture->palette), GTK_TYPE_LIST_BOX, NULL));
  fixture->search_entry = find_widget (GTK_WIDGET (fixture->palette), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (fixture->list_box);
  g_assert_nonnull (fixture->search_entry);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  iterate ();
}

static guint
n_rows (Fixture *fixture)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (fixture->list_box, n) != NULL)
    n++;
  return n;
}

static GtkListBoxRow *
row_named (Fixture    *fixture,
           const char *type_name)
{
  for (guint i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (fixture->list_box, i);

      if (row == NULL || g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), type_name) == 0)
        return row;
    }
}

static const char *
header_text (GtkListBoxRow *row)
{
  GtkWidget *header = gtk_list_box_row_get_header (row);

  return header && GTK_IS_LABEL (header) ? gtk_label_get_text (GTK_LABEL (header)) : NULL;
}

static void
test_lists_every_type (Fixture       *fixture,
                       gconstpointer  data)
{
  GListModel *model = sluice_palette_get_model (fixture->palette);
  const SluiceStepType *types;
  guint n_types;

  types = sluice_step_type_get_all (&n_types);
  g_assert_cmpuint (n_types, ==, 15);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_types);
  g_assert_cmpuint (n_rows (fixture), ==, n_types);

  for (guint i = 0; i < n_types; i++)
    {
      GtkListBoxRow *row = row_named (fixture, types[i].name);
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
      GtkWidget *image;

      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_string_object_get_string (item), ==, types[i].name);

      /* icon, title and description */
      image = find_widget (GTK_WIDGET (row), GTK_TYPE_IMAGE, NULL);
      g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (image)), ==, types[i].icon_name);
      g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                              types[i].icon_name));
    }

  /* a header where the category changes, and only there */
  g_assert_cmpstr (header_text (row_named (fixture, "event")), ==, sluice_step_category_title (SLUICE_STEP_CATEGORY_TRIGGER));
  g_assert_null (header_text (row_named (fixture, "schedule")));
  g_assert_cmpstr (header_text (row_named (fixture, "condition")), ==, sluice_step_category_title (SLUICE_STEP_CATEGORY_CONDITION));
  g_assert_cmpstr (header_text (row_named (fixture, "record")), ==, sluice_step_category_title (SLUICE_STEP_CATEGORY_ACTION));
  g_assert_cmpstr (header_text (row_named (fixture, "delay")), ==, sluice_step_category_title (SLUICE_STEP_CATEGORY_FLOW));
  g_assert_null (header_text (row_named (fixture, "end")));

  save_screenshot (GTK_WIDGET (fixture->window), "palette.png");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *model = sluice_palette_get_model (fixture->palette);
  g_autoptr(GtkStringObject) item = NULL;

  /* by title */
  sluice_palette_set_search_text (fixture->palette, "notify");
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  g_assert_nonnull (row_named (fixture, "notify"));
  /* the only match starts its own section */
  g_assert_cmpstr (header_text (row_named (fixture, "notify")), ==, sluice_step_category_title (SLUICE_STEP_CATEGORY_ACTION));

  /* by description, ignoring case */
  sluice_palette_set_search_text (fixture->palette, "TIMELINE");
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  item = g_list_model_get_item (model, 0);
  g_assert_cmpstr (gtk_string_object_get_string (item), ==, "record");

  /* every word must match, in any order */
  sluice_palette_set_search_text (fixture->palette, "  email   sends ");
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_nonnull (row_named (fixture, "notify"));

  /* by the YAML name */
  sluice_palette_set_search_text (fixture->palette, "foreach");
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* a broader word keeps several */
  sluice_palette_set_search_text (fixture->palette, "trigger");
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  sluice_palette_set_search_text (fixture->palette, "no such step");
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpuint (n_rows (fixture), ==, 0);

  /* typing in the entry filters too */
  gtk_editable_set_text (GTK_EDITABLE (fixture->search_entry), "delay");
  g_signal_emit_by_name (fixture->search_entry, "search-changed");
  iterate ();
  g_assert_cmpstr (sluice_palette_get_search_text (fixture->palette), ==, "delay");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  sluice_palette_set_search_text (fixture->palette, "");
  iterate ();
  g_assert_cmpuint (n_rows (fixture), ==, 15);
}

static void
step_activated_cb (SluicePalette *palette,
                   const char    *type_name,
                   GPtrArray     *activated)
{
  g_ptr_array_add (activated, g_strdup (type_name));
}

static void
test_activation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) activated = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (fixture->palette, "step-activated", G_CALLBACK (step_activated_cb), activated);

  /* Enter or double-click on a row activates it */
  g_signal_emit_by_name (row_named (fixture, "ticket"), "activate");
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (activated, 0), ==, "ticket");

  /* Enter in the search entry takes the first match */
  sluice_palette_set_search_text (fixture->palette, "approv");
  iterate ();
  g_signal_emit_by_name (fixture->search_entry, "activate");
  g_assert_cmpuint (activated->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (activated, 1), ==, "approval");

  /* nothing to take */
  sluice_palette_set_search_text (fixture->palette, "xyzzy");
  iterate ();
  g_signal_emit_by_name (fixture->search_entry, "activate");
  g_assert_cmpuint (activated->len, ==, 2);
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  GListModel *controllers = gtk_widget_observe_controllers (fixture->search_entry);
  GtkEventController *keys = NULL;
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && keys == NULL)
        keys = controller;
    }
  g_assert_nonnull (keys);

  sluice_palette_focus_search (fixture->palette);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (fixture->window), fixture->search_entry)
                 || gtk_window_get_focus (fixture->window) == fixture->search_entry);

  /* Down moves into the list, onto the first row */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_true (gtk_window_get_focus (fixture->window) == GTK_WIDGET (gtk_list_box_get_row_at_index (fixture->list_box, 0)));

  /* Up from the first row goes back */
  g_signal_emit_by_name (fixture->list_box, "keynav-failed", GTK_DIR_UP, &handled);
  g_assert_true (handled);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (fixture->window), fixture->search_entry));

  /* other keys are left to the entry */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_a, 0, 0, &handled);
  g_assert_false (handled);

  g_object_unref (controllers);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  gdk_content_provider_write_mime_type_finish (GDK_CONTENT_PROVIDER (source), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_drag_source (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkListBoxRow *row = row_named (fixture, "webhook");
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (row));
  GtkDragSource *source = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  g_autoptr(GdkContentFormats) formats = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean done = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        source = GTK_DRAG_SOURCE (controller);
    }
  g_object_unref (controllers);
  g_assert_nonnull (source);
  g_assert_cmpint (gtk_drag_source_get_actions (source), ==, GDK_ACTION_COPY);

  g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &provider);
  g_assert_true (GDK_IS_CONTENT_PROVIDER (provider));

  /* only our private type: text dragged from elsewhere never becomes a step */
  formats = gdk_content_provider_ref_formats (provider);
  g_assert_true (gdk_content_formats_contain_mime_type (formats, SLUICE_PALETTE_MIME_TYPE));
  g_assert_cmpstr (SLUICE_PALETTE_MIME_TYPE, ==, "application/x-sluice-step");
  g_assert_false (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));
  g_assert_false (gdk_content_formats_contain_mime_type (formats, "text/plain"));
  g_assert_false (gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"));

  stream = g_memory_output_stream_new_resizable ();
  gdk_content_provider_write_mime_type_async (provider, SLUICE_PALETTE_MIME_TYPE, stream,
                                              G_PRIORITY_DEFAULT, NULL, write_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_output_stream_close (stream, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "webhook", 7);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/dev/sluice/Sluice/icons");

  g_test_add ("/palette/lists-every-type", Fixture, NULL, fixture_set_up, test_lists_every_type, fixture_tear_down);
  g_test_add ("/palette/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/palette/activation", Fixture, NULL, fixture_set_up, test_activation, fixture_tear_down);
  g_test_add ("/palette/keyboard", Fixture, NULL, fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/palette/drag-source", Fixture, NULL, fixture_set_up, test_drag_source, fixture_tear_down);

  return g_test_run ();
}
