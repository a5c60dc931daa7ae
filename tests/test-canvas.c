/* test-canvas.c — the canvas, driven through its event controllers
 *
 * Runs under xvfb-run with GDK_BACKEND=x11 and GSK_RENDERER=cairo. Like
 * libshumate's tests, it emits the controllers' signals (a drag is
 * drag-begin, drag-update…, drag-end on the GtkGestureDrag) and checks the
 * model, the YAML and the undo history.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <adwaita.h>

#include "sluice-canvas.h"

typedef struct
{
  GtkWidget      *window;
  SluiceCanvas   *canvas;
  SluiceDocument *document;
} Fixture;

static void
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (done (data));
}

static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples",
                                            "usage-quota-80.workflow.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  f->document = sluice_document_new ();
  g_assert_true (sluice_document_load (f->document, file, &error));
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 700);
  f->canvas = SLUICE_CANVAS (sluice_canvas_new ());
  sluice_canvas_set_document (f->canvas, f->document);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas));
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for (is_allocated, f->canvas);
  wait_for (is_drawn, f->canvas);

  /* widget coordinates = canvas coordinates */
  sluice_canvas_viewport_set (sluice_canvas_get_viewport (f->canvas), 0, 0, 1.0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->document);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static SluiceWorkflow *
workflow (Fixture *f)
{
  return sluice_document_get_workflow (f->document);
}

static char *
yaml (Fixture *f)
{
  return sluice_workflow_to_yaml (workflow (f));
}

static gpointer
find_controller (GtkWidget *widget,
                 GType      type,
                 guint      button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        continue;
      if (button != 0 && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) != button)
        continue;
      return controller; /* the widget keeps it */
    }
  g_error ("no %s on the canvas", g_type_name (type));
  return NULL;
}

static graphene_rect_t
bounds_of (Fixture    *f,
           const char *id)
{
  graphene_rect_t r;

  g_assert_true (sluice_canvas_get_step_bounds (f->canvas, id, &r));
  return r;
}

/* A point on the card's body, away from its ports. */
static void
body_of (Fixture    *f,
         const char *id,
         double     *x,
         double     *y)
{
  graphene_rect_t r = bounds_of (f, id);

  *x = r.origin.x + 60;
  *y = r.origin.y + 20;
}

static void
drag (Fixture *f,
      double   x,
      double   y,
      double   dx,
      double   dy)
{
  GtkGesture *gesture = find_controller (GTK_WIDGET (f->canvas), GTK_TYPE_GESTURE_DRAG, GDK_BUTTON_PRIMARY);

  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  for (int i = 1; i <= 4; i++)
    g_signal_emit_by_name (gesture, "drag-update", dx * i / 4, dy * i / 4);
  g_signal_emit_by_name (gesture, "drag-end", dx, dy);
}

static void
click (Fixture *f,
       double   x,
       double   y,
       int      n_press)
{
  GtkGesture *gesture = find_controller (GTK_WIDGET (f->canvas), GTK_TYPE_GESTURE_CLICK, GDK_BUTTON_PRIMARY);

  g_signal_emit_by_name (gesture, "pressed", n_press, x, y);
  g_signal_emit_by_name (gesture, "released", n_press, x, y);
}

static char *
selection_string (Fixture *f)
{
  g_auto(GStrv) selection = sluice_canvas_get_selection (f->canvas);

  return g_strjoinv (",", selection);
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), action, NULL));
}

static gboolean
rects_overlap (const graphene_rect_t *a,
               const graphene_rect_t *b)
{
  return graphene_rect_intersection (a, b, NULL)
         && a->origin.x < b->origin.x + b->size.width && b->origin.x < a->origin.x + a->size.width
         && a->origin.y < b->origin.y + b->size.height && b->origin.y < a->origin.y + a->size.height;
}

static void
count_cb (gpointer data)
{
  (*(guint *) data)++;
}

static void
store_id_cb (SluiceCanvas *canvas,
             const char   *step_id,
             char        **out)
{
  g_free (*out);
  *out = g_strdup (step_id);
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  SluiceWorkflow *w = workflow (f);
  double x, y;

  /* placed by the auto layout on the canvas, left to right, without
   * touching the document */
  g_assert_cmpuint (sluice_workflow_get_n_steps (w), ==, 4);
  g_assert_false (sluice_workflow_get_position (w, "record-nudge", &x, &y));
  g_assert_false (sluice_document_get_modified (f->document));
  g_assert_false (sluice_document_can_undo (f->document));

  g_assert_cmpfloat (bounds_of (f, "usage-updated").origin.x, <, bounds_of (f, "record-nudge").origin.x);
  g_assert_cmpfloat (bounds_of (f, "record-nudge").origin.x, <, bounds_of (f, "notify-owner").origin.x);
  g_assert_cmpfloat (bounds_of (f, "notify-owner").origin.x, <, bounds_of (f, "open-ticket").origin.x);
  g_assert_cmpfloat (bounds_of (f, "record-nudge").origin.y, ==, bounds_of (f, "open-ticket").origin.y);
}

static void
test_select (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *one = NULL;
  g_autofree char *none = NULL;
  g_autofree char *all = NULL;
  guint changes = 0;
  g_autofree char *activated = NULL;
  double x, y;

  g_signal_connect_swapped (f->canvas, "selection-changed", G_CALLBACK (count_cb), &changes);

  body_of (f, "notify-owner", &x, &y);
  click (f, x, y, 1);
  one = selection_string (f);
  g_assert_cmpstr (one, ==, "notify-owner");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (sluice_canvas_get_focus_step (f->canvas), ==, "notify-owner");

  click (f, 900, 600, 1);   /* empty space */
  none = selection_string (f);
  g_assert_cmpstr (none, ==, "");

  activate (f, "canvas.select-all");
  all = selection_string (f);
  g_assert_cmpstr (all, ==, "usage-updated,record-nudge,notify-owner,open-ticket");

  /* double-click opens */
  g_signal_connect (f->canvas, "activate-step", G_CALLBACK (store_id_cb), &activated);
  body_of (f, "open-ticket", &x, &y);
  {
    GtkGesture *gesture = find_controller (GTK_WIDGET (f->canvas), GTK_TYPE_GESTURE_CLICK, GDK_BUTTON_PRIMARY);
    g_signal_emit_by_name (gesture, "pressed", 2, x, y);
  }
  g_assert_cmpstr (activated, ==, "open-ticket");

  sluice_canvas_select_step (f->canvas, "record-nudge");
  g_clear_pointer (&one, g_free);
  one = selection_string (f);
  g_assert_cmpstr (one, ==, "record-nudge");
}

static void
test_move_snaps_and_undoes (Fixture       *f,
                            gconstpointer  data)
{
  graphene_rect_t before = bounds_of (f, "notify-owner");
  graphene_rect_t after;
  g_autofree char *text = NULL;
  double x, y, px, py;

  body_of (f, "notify-owner", &x, &y);
  drag (f, x, y, 47, 93);

  /* one edit, snapped to the 20 px grid */
  g_assert_true (sluice_workflow_get_position (workflow (f), "notify-owner", &px, &py));
  g_assert_cmpfloat (px, ==, round ((before.origin.x + 47) / 20) * 20);
  g_assert_cmpfloat (py, ==, round ((before.origin.y + 93) / 20) * 20);
  g_assert_cmpfloat (fmod (px, 20), ==, 0);
  g_assert_cmpfloat (fmod (py, 20), ==, 0);
  after = bounds_of (f, "notify-owner");
  g_assert_cmpfloat (after.origin.x, ==, px);
  g_assert_cmpfloat (after.origin.y, ==, py);

  text = yaml (f);
  g_assert_nonnull (strstr (text, "layout:"));
  g_assert_nonnull (strstr (text, "notify-owner:"));
  g_assert_true (sluice_document_can_undo (f->document));
  g_assert_true (sluice_document_get_modified (f->document));

  /* the whole drag is one undo step */
  g_assert_true (sluice_document_undo (f->document));
  g_assert_false (sluice_document_can_undo (f->document));
  g_assert_false (sluice_workflow_get_position (workflow (f), "notify-owner", &px, &py));
  after = bounds_of (f, "notify-owner");
  g_assert_cmpfloat (after.origin.x, ==, before.origin.x);
  g_assert_cmpfloat (after.origin.y, ==, before.origin.y);

  g_assert_true (sluice_document_redo (f->document));
  g_assert_true (sluice_workflow_get_position (workflow (f), "notify-owner", &px, &py));

  /* a drag below the threshold moves nothing */
  body_of (f, "open-ticket", &x, &y);
  drag (f, x, y, 1, 1);
  g_assert_false (sluice_workflow_get_position (workflow (f), "open-ticket", &px, &py));
}

static void
test_move_selection_together (Fixture       *f,
                              gconstpointer  data)
{
  graphene_rect_t a = bounds_of (f, "record-nudge");
  graphene_rect_t b = bounds_of (f, "open-ticket");
  double x, y;

  activate (f, "canvas.select-all");
  body_of (f, "record-nudge", &x, &y);
  drag (f, x, y, 100, 40);

  g_assert_cmpfloat (bounds_of (f, "record-nudge").origin.x, ==, a.origin.x + 100);
  g_assert_cmpfloat (bounds_of (f, "open-ticket").origin.x, ==, b.origin.x + 100);
  g_assert_cmpfloat (bounds_of (f, "open-ticket").origin.y, ==, b.origin.y + 40);

  g_assert_true (sluice_document_undo (f->document));
  g_assert_false (sluice_document_can_undo (f->document));
}

static void
test_connect (Fixture       *f,
              gconstpointer  data)
{
  graphene_rect_t from = bounds_of (f, "record-nudge");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  double x, y;

  /* from record-nudge's output port (right edge, 40 down) to open-ticket */
  body_of (f, "open-ticket", &x, &y);
  drag (f, from.origin.x + from.size.width, from.origin.y + 40,
        x - (from.origin.x + from.size.width), y - (from.origin.y + 40));

  g_assert_cmpstr (sluice_step_get_string (sluice_workflow_lookup_step (workflow (f), "record-nudge"), "next"),
                   ==, "open-ticket");
  after = yaml (f);
  g_assert_nonnull (strstr (after, "  - id: record-nudge\n"));
  g_assert_nonnull (strstr (after, "    next: open-ticket\n"));
  g_assert_cmpstr (sluice_document_get_undo_label (f->document), ==, "Connect steps");

  /* to empty space: nothing happens */
  before = yaml (f);
  drag (f, from.origin.x + from.size.width, from.origin.y + 40, 30, 400);
  g_clear_pointer (&after, g_free);
  after = yaml (f);
  g_assert_cmpstr (before, ==, after);

  /* not onto the trigger, which has no input */
  body_of (f, "usage-updated", &x, &y);
  drag (f, from.origin.x + from.size.width, from.origin.y + 40,
        x - (from.origin.x + from.size.width), y - (from.origin.y + 40));
  g_clear_pointer (&after, g_free);
  after = yaml (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_connect_switch_case (Fixture       *f,
                          gconstpointer  data)
{
  SluiceWorkflow *w = workflow (f);
  g_autoptr(SluiceStep) route = sluice_step_new (sluice_step_type_lookup ("switch"), "route");
  SluiceStep *added;
  JsonArray *cases = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  graphene_rect_t r;
  double x, y;

  for (guint i = 0; i < 2; i++)
    {
      JsonObject *item = json_object_new ();
      json_object_set_string_member (item, "value", i == 0 ? "pro" : "free");
      json_array_add_object_element (cases, item);
    }
  json_node_take_array (node, cases);
  sluice_step_set_member (route, "cases", node);
  sluice_step_set_string (route, "path", "data.plan");

  sluice_document_begin_edit (f->document, "Add switch");
  sluice_workflow_add_step (w, route);
  sluice_workflow_set_position (w, "route", 100, 400);
  sluice_document_end_edit (f->document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR | SLUICE_DOCUMENT_CHANGE_LAYOUT);

  /* three ports: pro, free, default at 30, 50, 70 */
  r = bounds_of (f, "route");
  g_assert_cmpfloat (r.size.height, ==, 100);
  body_of (f, "open-ticket", &x, &y);
  drag (f, r.origin.x + r.size.width, r.origin.y + 50, x - (r.origin.x + r.size.width), y - (r.origin.y + 50));
  drag (f, r.origin.x + r.size.width, r.origin.y + 70, x - (r.origin.x + r.size.width), y - (r.origin.y + 70));

  w = workflow (f);
  added = sluice_workflow_lookup_step (w, "route");
  cases = json_node_get_array (sluice_step_get_member (added, "cases"));
  g_assert_false (json_object_has_member (json_array_get_object_element (cases, 0), "next"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cases, 1), "next"), ==, "open-ticket");
  g_assert_cmpstr (sluice_step_get_string (added, "default"), ==, "open-ticket");
}

static void
test_drop_adds_step (Fixture       *f,
                     gconstpointer  data)
{
  GtkDropTarget *target = find_controller (GTK_WIDGET (f->canvas), GTK_TYPE_DROP_TARGET, 0);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("condition", 9);
  g_autoptr(GBytes) junk = g_bytes_new_static ("no-such-type", 12);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *selection = NULL;
  g_autofree char *text = NULL;
  gboolean handled = FALSE;
  SluiceStep *step;
  double x, y;

  /* the drop target takes our private mime type (read as GBytes), and
   * not any text from any app */
  {
    const char *ours[] = { SLUICE_STEP_MIME_TYPE };
    const char *plain[] = { "text/plain;charset=utf-8" };
    g_autoptr(GdkContentFormats) offered = gdk_content_formats_union_deserialize_gtypes (gdk_content_formats_new (ours, 1));
    g_autoptr(GdkContentFormats) other = gdk_content_formats_union_deserialize_gtypes (gdk_content_formats_new (plain, 1));

    g_assert_true (gdk_content_formats_match (gtk_drop_target_get_formats (target), offered));
    g_assert_false (gdk_content_formats_match (gtk_drop_target_get_formats (target), other));
  }

  g_value_init (&value, G_TYPE_BYTES);
  g_value_set_boxed (&value, bytes);
  g_signal_emit_by_name (target, "drop", &value, 500.0, 420.0, &handled);
  g_assert_true (handled);

  step = sluice_workflow_lookup_step (workflow (f), "condition");
  g_assert_nonnull (step);
  g_assert_cmpstr (sluice_step_get_step_type (step)->name, ==, "condition");
  g_assert_true (sluice_workflow_get_position (workflow (f), "condition", &x, &y));
  g_assert_cmpfloat (x, ==, 400);   /* centred on the drop point, snapped */
  g_assert_cmpfloat (y, ==, 380);
  selection = selection_string (f);
  g_assert_cmpstr (selection, ==, "condition");
  text = yaml (f);
  g_assert_nonnull (strstr (text, "  - id: condition\n    type: condition\n"));
  g_assert_cmpstr (sluice_document_get_undo_label (f->document), ==, "Add step");

  /* a second one gets a fresh id */
  g_signal_emit_by_name (target, "drop", &value, 900.0, 600.0, &handled);
  g_assert_nonnull (sluice_workflow_lookup_step (workflow (f), "condition-2"));

  /* unknown types are refused */
  g_value_set_boxed (&value, junk);
  g_signal_emit_by_name (target, "drop", &value, 500.0, 420.0, &handled);
  g_assert_false (handled);
  g_assert_cmpuint (sluice_workflow_get_n_steps (workflow (f)), ==, 6);
}

static void
test_add_step_beside_selection (Fixture       *f,
                                gconstpointer  data)
{
  graphene_rect_t anchor = bounds_of (f, "open-ticket");
  graphene_rect_t added;

  sluice_canvas_select_step (f->canvas, "open-ticket");
  g_assert_true (sluice_canvas_add_step (f->canvas, "end"));

  /* right of the selection, connected from it */
  added = bounds_of (f, "end");
  g_assert_cmpfloat (added.origin.x, >, anchor.origin.x + anchor.size.width);
  g_assert_cmpfloat (added.origin.y, ==, anchor.origin.y);
  g_assert_cmpstr (sluice_step_get_string (sluice_workflow_lookup_step (workflow (f), "open-ticket"), "next"),
                   ==, "end");
  g_assert_false (sluice_canvas_add_step (f->canvas, "no-such-type"));
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *text = NULL;
  double x, y;

  body_of (f, "notify-owner", &x, &y);
  click (f, x, y, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.delete", NULL));

  g_assert_null (sluice_workflow_lookup_step (workflow (f), "notify-owner"));
  /* and the edge into it */
  g_assert_null (sluice_step_get_string (sluice_workflow_lookup_step (workflow (f), "record-nudge"), "next"));
  text = yaml (f);
  g_assert_null (strstr (text, "id: notify-owner"));
  g_assert_null (strstr (text, "next: notify-owner"));
  g_assert_false (sluice_canvas_get_step_bounds (f->canvas, "notify-owner", &(graphene_rect_t) { 0 }));

  g_assert_true (sluice_document_undo (f->document));
  g_assert_nonnull (sluice_workflow_lookup_step (workflow (f), "notify-owner"));
  g_assert_cmpstr (sluice_step_get_string (sluice_workflow_lookup_step (workflow (f), "record-nudge"), "next"),
                   ==, "notify-owner");
}

static void
test_copy_paste_duplicate (Fixture       *f,
                           gconstpointer  data)
{
  SluiceStep *copy;
  g_autofree char *selection = NULL;
  guint n = sluice_workflow_get_n_steps (workflow (f));

  sluice_canvas_select_step (f->canvas, "record-nudge");
  activate (f, "canvas.copy");
  activate (f, "canvas.paste");

  copy = sluice_workflow_lookup_step (workflow (f), "record-nudge-2");
  g_assert_nonnull (copy);
  g_assert_cmpstr (sluice_step_get_title (copy), ==, "Record on timeline");
  g_assert_cmpstr (sluice_step_get_string (copy, "title"), ==, "Upgrade Nudge");
  /* an edge to a step outside the copy is kept */
  g_assert_cmpstr (sluice_step_get_string (copy, "next"), ==, "notify-owner");
  selection = selection_string (f);
  g_assert_cmpstr (selection, ==, "record-nudge-2");
  g_assert_cmpuint (sluice_workflow_get_n_steps (workflow (f)), ==, n + 1);

  /* duplicate two linked steps: the link follows the new ids; the trigger
   * is not duplicated (a workflow has one) */
  activate (f, "canvas.select-all");
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.duplicate", NULL);
  g_assert_cmpuint (sluice_workflow_get_n_steps (workflow (f)), ==, n + 1 + 4);
  g_assert_null (sluice_workflow_lookup_step (workflow (f), "usage-updated-2"));
  copy = sluice_workflow_lookup_step (workflow (f), "notify-owner-2");
  g_assert_nonnull (copy);
  g_assert_cmpstr (sluice_step_get_string (copy, "next"), ==, "open-ticket-2");
  g_assert_cmpstr (sluice_step_get_string (sluice_workflow_lookup_step (workflow (f), "record-nudge-3"), "next"),
                   ==, "notify-owner-2");
  g_assert_cmpstr (sluice_document_get_undo_label (f->document), ==, "Duplicate steps");

  /* one undo step each */
  g_assert_true (sluice_document_undo (f->document));
  g_assert_cmpuint (sluice_workflow_get_n_steps (workflow (f)), ==, n + 1);
  g_assert_true (sluice_document_undo (f->document));
  g_assert_cmpuint (sluice_workflow_get_n_steps (workflow (f)), ==, n);
}

static void
test_auto_layout (Fixture       *f,
                  gconstpointer  data)
{
  SluiceWorkflow *w;
  guint n;
  double x, y;

  /* make a mess first: a node on top of another, a new branch */
  body_of (f, "open-ticket", &x, &y);
  drag (f, x, y, bounds_of (f, "record-nudge").origin.x - bounds_of (f, "open-ticket").origin.x,
        bounds_of (f, "record-nudge").origin.y - bounds_of (f, "open-ticket").origin.y + 20);
  sluice_canvas_add_step_at (f->canvas, "end", 60, 500);

  activate (f, "canvas.auto-layout");
  g_assert_cmpstr (sluice_document_get_undo_label (f->document), ==, "Arrange steps");

  w = workflow (f);
  n = sluice_workflow_get_n_steps (w);
  for (guint i = 0; i < n; i++)
    {
      SluiceStep *step = sluice_workflow_get_step (w, i);
      graphene_rect_t a;
      g_autoptr(GArray) edges = sluice_step_get_edges (step);

      g_assert_true (sluice_workflow_get_position (w, sluice_step_get_id (step), &x, &y));
      a = bounds_of (f, sluice_step_get_id (step));
      g_assert_cmpfloat (a.origin.x, ==, x);
      g_assert_cmpfloat (a.origin.y, ==, y);

      for (guint j = i + 1; j < n; j++)
        {
          graphene_rect_t b = bounds_of (f, sluice_step_get_id (sluice_workflow_get_step (w, j)));
          g_assert_false (rects_overlap (&a, &b));
        }

      /* left to right along every edge */
      for (guint e = 0; e < edges->len; e++)
        {
          graphene_rect_t b = bounds_of (f, g_array_index (edges, SluiceEdge, e).target);
          g_assert_cmpfloat (b.origin.x, >=, a.origin.x + a.size.width);
        }
    }

  /* one undo step brings the mess back */
  g_assert_true (sluice_document_undo (f->document));
  g_assert_cmpstr (sluice_document_get_undo_label (f->document), ==, "Add step");
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *activated = NULL;
  graphene_rect_t before;
  double x, y;

  g_signal_connect (f->canvas, "activate-step", G_CALLBACK (store_id_cb), &activated);
  gtk_widget_grab_focus (GTK_WIDGET (f->canvas));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));

  /* Tab walks the steps in document order, then leaves */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->canvas), GTK_DIR_TAB_FORWARD));
  g_assert_cmpstr (sluice_canvas_get_focus_step (f->canvas), ==, "usage-updated");
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->canvas), GTK_DIR_TAB_FORWARD));
  g_assert_cmpstr (sluice_canvas_get_focus_step (f->canvas), ==, "record-nudge");
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->canvas), GTK_DIR_TAB_BACKWARD));
  g_assert_cmpstr (sluice_canvas_get_focus_step (f->canvas), ==, "usage-updated");
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (f->canvas), GTK_DIR_TAB_BACKWARD));

  /* Alt+Right / Alt+Left follow edges */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.follow-edge", "s", "forward"));
  g_assert_cmpstr (sluice_canvas_get_focus_step (f->canvas), ==, "record-nudge");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.follow-edge", "s", "forward"));
  g_assert_cmpstr (sluice_canvas_get_focus_step (f->canvas), ==, "notify-owner");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.follow-edge", "s", "back"));
  g_assert_cmpstr (sluice_canvas_get_focus_step (f->canvas), ==, "record-nudge");

  /* focus selects; arrows move the selection one grid step: one edit */
  before = bounds_of (f, "record-nudge");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-selection", "(ii)", 1, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-selection", "(ii)", 0, 1));
  g_assert_true (sluice_workflow_get_position (workflow (f), "record-nudge", &x, &y));
  g_assert_cmpfloat (x, ==, before.origin.x + 20);
  g_assert_cmpfloat (y, ==, before.origin.y + 20);
  g_assert_true (sluice_document_undo (f->document));
  g_assert_true (sluice_workflow_get_position (workflow (f), "record-nudge", &x, &y));
  g_assert_cmpfloat (x, ==, before.origin.x + 20);
  g_assert_cmpfloat (y, ==, before.origin.y);

  /* Enter opens */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.activate-focus", NULL));
  g_assert_cmpstr (activated, ==, "record-nudge");
}

static void
test_pan_and_zoom (Fixture       *f,
                   gconstpointer  data)
{
  SluiceCanvasViewport *viewport = sluice_canvas_get_viewport (f->canvas);
  GtkEventController *scroll = find_controller (GTK_WIDGET (f->canvas), GTK_TYPE_EVENT_CONTROLLER_SCROLL, 0);
  GtkGesture *middle = find_controller (GTK_WIDGET (f->canvas), GTK_TYPE_GESTURE_DRAG, GDK_BUTTON_MIDDLE);
  gboolean handled;
  double zoom;

  /* left-drag on empty space pans */
  drag (f, 900, 600, -100, -50);
  g_assert_cmpfloat (sluice_canvas_viewport_get_offset_x (viewport), ==, 100);
  g_assert_cmpfloat (sluice_canvas_viewport_get_offset_y (viewport), ==, 50);
  g_assert_false (sluice_document_can_undo (f->document));

  /* middle-drag pans anywhere, even over a card */
  g_signal_emit_by_name (middle, "drag-begin", 100.0, 100.0);
  g_signal_emit_by_name (middle, "drag-update", 50.0, 0.0);
  g_signal_emit_by_name (middle, "drag-end", 100.0, 0.0);
  g_assert_cmpfloat (sluice_canvas_viewport_get_offset_x (viewport), ==, 0);

  /* a wheel click scrolls */
  g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
  g_assert_true (handled);
  g_assert_cmpfloat (sluice_canvas_viewport_get_offset_y (viewport), ==, 110);

  activate (f, "canvas.zoom-in");
  zoom = sluice_canvas_viewport_get_zoom (viewport);
  g_assert_cmpfloat_with_epsilon (zoom, 1.25, 1e-9);
  activate (f, "canvas.zoom-out");
  activate (f, "canvas.zoom-out");
  g_assert_cmpfloat_with_epsilon (sluice_canvas_viewport_get_zoom (viewport), 0.8, 1e-9);

  /* fit: every card visible */
  activate (f, "canvas.zoom-fit");
  {
    graphene_rect_t visible;
    graphene_rect_t card = bounds_of (f, "open-ticket");

    sluice_canvas_viewport_get_visible_rect (viewport, gtk_widget_get_width (GTK_WIDGET (f->canvas)),
                                             gtk_widget_get_height (GTK_WIDGET (f->canvas)), &visible);
    g_assert_true (graphene_rect_contains_rect (&visible, &card));
    card = bounds_of (f, "usage-updated");
    g_assert_true (graphene_rect_contains_rect (&visible, &card));
  }
}

static GdkTexture *
render (Fixture *f)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  graphene_rect_t bounds;

  /* a zoom or style change needs a layout first, or GTK skips the widget */
  gtk_test_widget_wait_for_draw (widget);
  gtk_widget_snapshot_child (f->window, widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  gsk_render_node_get_bounds (node, &bounds);
  return gsk_renderer_render_texture (renderer, node, &bounds);
}

static void
test_render (Fixture       *f,
             gconstpointer  data)
{
  SluiceCanvasViewport *viewport = sluice_canvas_get_viewport (f->canvas);
  g_autoptr(GdkTexture) detailed = NULL;
  g_autoptr(GdkTexture) boxes = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();

  detailed = render (f);
  g_assert_cmpint (gdk_texture_get_width (detailed), >=, gtk_widget_get_width (GTK_WIDGET (f->canvas)));

  /* plain boxes when zoomed out, in the dark too */
  sluice_canvas_viewport_set (viewport, 0, 0, 0.3);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  boxes = render (f);
  g_assert_nonnull (boxes);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
deserialized_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  GValue *value = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gdk_content_deserialize_finish (result, value, &error));
  g_assert_no_error (error);
}

/* What a palette drag sends arrives as GBytes. */
static void
test_deserializer (void)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data ("notify", 6, NULL);
  g_auto(GValue) value = G_VALUE_INIT;
  GBytes *bytes;

  g_type_ensure (SLUICE_TYPE_CANVAS);
  g_type_class_unref (g_type_class_ref (SLUICE_TYPE_CANVAS));
  g_value_init (&value, G_TYPE_BYTES);
  gdk_content_deserialize_async (input, SLUICE_STEP_MIME_TYPE, G_TYPE_BYTES, G_PRIORITY_DEFAULT, NULL,
                                 deserialized_cb, &value);
  while (g_value_get_boxed (&value) == NULL)
    g_main_context_iteration (NULL, TRUE);

  bytes = g_value_get_boxed (&value);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "notify", 6);
}

/* ---- the viewport alone --------------------------------------------------- */

static void
test_viewport (void)
{
  g_autoptr(SluiceCanvasViewport) viewport = sluice_canvas_viewport_new ();
  graphene_rect_t area = GRAPHENE_RECT_INIT (1000, 500, 2000, 1000);
  double x, y, cx, cy;
  guint notified = 0;

  g_signal_connect_swapped (viewport, "notify::zoom", G_CALLBACK (count_cb), &notified);

  sluice_canvas_viewport_set (viewport, 100, 50, 2.0);
  g_assert_cmpuint (notified, ==, 1);
  sluice_canvas_viewport_canvas_to_widget (viewport, 150, 60, &x, &y);
  g_assert_cmpfloat (x, ==, 100);
  g_assert_cmpfloat (y, ==, 20);
  sluice_canvas_viewport_widget_to_canvas (viewport, x, y, &cx, &cy);
  g_assert_cmpfloat (cx, ==, 150);
  g_assert_cmpfloat (cy, ==, 60);

  /* zooming keeps the point under the pointer still */
  sluice_canvas_viewport_widget_to_canvas (viewport, 300, 200, &cx, &cy);
  sluice_canvas_viewport_zoom_at (viewport, 3.0, 300, 200);
  sluice_canvas_viewport_canvas_to_widget (viewport, cx, cy, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 300, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 200, 1e-9);

  /* clamped to 0.1–4 */
  sluice_canvas_viewport_zoom_at (viewport, 100, 0, 0);
  g_assert_cmpfloat (sluice_canvas_viewport_get_zoom (viewport), ==, SLUICE_CANVAS_ZOOM_MAX);
  sluice_canvas_viewport_set_zoom (viewport, 0.001);
  g_assert_cmpfloat (sluice_canvas_viewport_get_zoom (viewport), ==, SLUICE_CANVAS_ZOOM_MIN);

  /* panning by widget pixels */
  sluice_canvas_viewport_set (viewport, 0, 0, 0.5);
  sluice_canvas_viewport_scroll_by (viewport, 10, -20);
  g_assert_cmpfloat (sluice_canvas_viewport_get_offset_x (viewport), ==, 20);
  g_assert_cmpfloat (sluice_canvas_viewport_get_offset_y (viewport), ==, -40);

  /* fit: centred, no bigger than max_zoom */
  sluice_canvas_viewport_fit (viewport, &area, 1000, 600, 0, 1.0);
  g_assert_cmpfloat (sluice_canvas_viewport_get_zoom (viewport), ==, 0.5);
  sluice_canvas_viewport_canvas_to_widget (viewport, 2000, 1000, &x, &y);
  g_assert_cmpfloat (x, ==, 500);
  g_assert_cmpfloat (y, ==, 300);
  area = GRAPHENE_RECT_INIT (0, 0, 100, 100);
  sluice_canvas_viewport_fit (viewport, &area, 1000, 600, 0, 1.0);
  g_assert_cmpfloat (sluice_canvas_viewport_get_zoom (viewport), ==, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/ui/canvas/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/ui/canvas/viewport", test_viewport);
  g_test_add_func ("/ui/canvas/deserializer", test_deserializer);
  ADD ("open", test_open);
  ADD ("select", test_select);
  ADD ("move-snaps-and-undoes", test_move_snaps_and_undoes);
  ADD ("move-selection-together", test_move_selection_together);
  ADD ("connect", test_connect);
  ADD ("connect-switch-case", test_connect_switch_case);
  ADD ("drop-adds-step", test_drop_adds_step);
  ADD ("add-step-beside-selection", test_add_step_beside_selection);
  ADD ("delete", test_delete);
  ADD ("copy-paste-duplicate", test_copy_paste_duplicate);
  ADD ("auto-layout", test_auto_layout);
  ADD ("keyboard", test_keyboard);
  ADD ("pan-and-zoom", test_pan_and_zoom);
  ADD ("render", test_render);

  return g_test_run ();
}
