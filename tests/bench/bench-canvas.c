/* bench-canvas.c — how fast the canvas opens and draws big workflows
 *
 * Not a test: run it from a release build under Xvfb with the cairo
 * renderer, e.g.
 *
 *   meson setup _build-rel --buildtype=release && ninja -C _build-rel
 *   GDK_BACKEND=x11 GSK_RENDERER=cairo xvfb-run -a -s '-screen 0 1280x800x24' \
 *     _build-rel/tests/bench/bench-canvas
 *
 * For 500 and 2,000 steps (a random layered graph built with the model
 * API, without positions, so the auto layout runs) it measures the time to
 * load the YAML into a document, lay it out and show the first frame, then
 * renders frames while panning zoomed in, panning at the level-of-detail
 * threshold, panning zoomed to fit, and zooming, and prints the mean, 95th
 * percentile and maximum frame time of each. A frame is the canvas's
 * snapshot plus rendering it to a texture with the window's renderer.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "sluice-canvas.h"

#define N_FRAMES 150

static const char * const action_types[] = {
  "record", "notify", "ticket", "webhook", "api", "job", "delay", "cooldown",
};

static SluiceStep *
new_step (SluiceWorkflow *workflow,
          const char     *type_name,
          guint           index)
{
  g_autofree char *id = g_strdup_printf ("s%u", index);
  g_autofree char *text = g_strdup_printf ("Step %u for {{ data.account }}", index);
  g_autoptr(SluiceStep) step = sluice_step_new (sluice_step_type_lookup (type_name), id);

  /* enough configuration for a summary on each card */
  if (g_str_equal (type_name, "record") || g_str_equal (type_name, "ticket"))
    sluice_step_set_string (step, "title", text);
  else if (g_str_equal (type_name, "notify"))
    sluice_step_set_string (step, "channel", "email");
  else if (g_str_equal (type_name, "webhook"))
    sluice_step_set_string (step, "url", "https://hooks.example.com/bench");
  else if (g_str_equal (type_name, "delay"))
    sluice_step_set_string (step, "duration", "1h");
  else if (g_str_equal (type_name, "switch"))
    sluice_step_set_string (step, "path", "data.plan");

  sluice_workflow_add_step (workflow, step);
  return step;
}

static guint
free_ports (SluiceStep *step)
{
  const SluiceStepType *type = sluice_step_get_step_type (step);
  guint n = 0;

  switch (type->edges)
    {
    case SLUICE_STEP_EDGES_NEXT:
      return sluice_step_get_string (step, "next") ? 0 : 1;
    case SLUICE_STEP_EDGES_BRANCH:
      return !sluice_step_get_string (step, "then") + !sluice_step_get_string (step, "else");
    case SLUICE_STEP_EDGES_CASES:
      {
        JsonArray *cases = json_node_get_array (sluice_step_get_member (step, "cases"));

        for (guint i = 0; i < json_array_get_length (cases); i++)
          n += !json_object_has_member (json_array_get_object_element (cases, i), "next");
        return n + !sluice_step_get_string (step, "default");
      }
    case SLUICE_STEP_EDGES_NONE:
    default:
      return 0;
    }
}

/* Points the first free port of @step at @target. */
static void
connect_port (SluiceStep *step,
              const char *target)
{
  switch (sluice_step_get_step_type (step)->edges)
    {
    case SLUICE_STEP_EDGES_NEXT:
      sluice_step_set_string (step, "next", target);
      break;
    case SLUICE_STEP_EDGES_BRANCH:
      sluice_step_set_string (step, sluice_step_get_string (step, "then") ? "else" : "then", target);
      break;
    case SLUICE_STEP_EDGES_CASES:
      {
        JsonArray *cases = json_node_get_array (sluice_step_get_member (step, "cases"));

        for (guint i = 0; i < json_array_get_length (cases); i++)
          if (!json_object_has_member (json_array_get_object_element (cases, i), "next"))
            {
              json_object_set_string_member (json_array_get_object_element (cases, i), "next", target);
              return;
            }
        sluice_step_set_string (step, "default", target);
      }
      break;
    case SLUICE_STEP_EDGES_NONE:
    default:
      break;
    }
}

static void
add_cases (SluiceStep *step,
           guint       n)
{
  JsonArray *cases = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_object_new ();
      g_autofree char *value = g_strdup_printf ("plan-%u", i);

      json_object_set_string_member (item, "value", value);
      json_array_add_object_element (cases, item);
    }
  json_node_take_array (node, cases);
  sluice_step_set_member (step, "cases", node);
}

/* A random layered graph: a trigger, a switch fanning out, then columns of
 * about √n steps, each step reached from the column before it and with a
 * few more edges one or two columns on. */
static SluiceWorkflow *
generate (guint   n,
          guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  SluiceWorkflow *workflow = sluice_workflow_new ("bench");
  g_autoptr(GPtrArray) previous = g_ptr_array_new ();
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  guint width = MAX (4, (guint) (sqrt (n) + 0.5));
  guint count = 0;
  SluiceStep *trigger, *route;

  sluice_workflow_set_entity_key (workflow, "data.account");
  trigger = new_step (workflow, "event", count++);
  sluice_step_set_string (trigger, "event", "usage.updated");
  route = new_step (workflow, "switch", count++);
  add_cases (route, width - 1);
  connect_port (trigger, sluice_step_get_id (route));
  g_ptr_array_add (previous, route);

  while (count < n)
    {
      g_autoptr(GPtrArray) column = g_ptr_array_new ();
      guint size = MIN (width, n - count);

      for (guint i = 0; i < size; i++)
        {
          int dice = g_rand_int_range (rand, 0, 100);
          SluiceStep *step;

          if (count + size >= n && dice < 50)
            step = new_step (workflow, "end", count++);
          else if (dice < 22)
            step = new_step (workflow, "condition", count++);
          else if (dice < 26)
            {
              step = new_step (workflow, "switch", count++);
              add_cases (step, 3);
            }
          else
            step = new_step (workflow, action_types[g_rand_int_range (rand, 0, G_N_ELEMENTS (action_types))], count++);
          g_ptr_array_add (column, step);
        }

      /* everyone is reached from the column before, where a port is free */
      for (guint i = 0; i < column->len; i++)
        {
          guint start = g_rand_int_range (rand, 0, previous->len);

          for (guint k = 0; k < previous->len; k++)
            {
              SluiceStep *parent = g_ptr_array_index (previous, (start + k) % previous->len);

              if (free_ports (parent) > 0)
                {
                  connect_port (parent, sluice_step_get_id (g_ptr_array_index (column, i)));
                  break;
                }
            }
        }

      /* some of the ports left over go one column on, or skip one */
      for (guint k = 0; k < before->len; k++)
        {
          SluiceStep *step = g_ptr_array_index (before, k);

          if (free_ports (step) > 0 && g_rand_int_range (rand, 0, 100) < 15)
            connect_port (step, sluice_step_get_id (g_ptr_array_index (column, g_rand_int_range (rand, 0, column->len))));
        }
      for (guint k = 0; k < previous->len; k++)
        {
          SluiceStep *step = g_ptr_array_index (previous, k);

          while (free_ports (step) > 0 && g_rand_int_range (rand, 0, 100) < 40)
            connect_port (step, sluice_step_get_id (g_ptr_array_index (column, g_rand_int_range (rand, 0, column->len))));
        }

      g_ptr_array_set_size (before, 0);
      g_ptr_array_extend (before, previous, NULL, NULL);
      g_ptr_array_set_size (previous, 0);
      g_ptr_array_extend (previous, column, NULL, NULL);
    }

  return workflow;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* One frame: what GTK does for the canvas when it draws a window. */
static void
render_frame (GtkWidget *window,
              GtkWidget *canvas)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t bounds;

  gtk_widget_snapshot_child (window, canvas, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  gsk_render_node_get_bounds (node, &bounds);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, &bounds);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
report_frames (const char *what,
               GArray     *times,
               double      zoom)
{
  double sum = 0;

  g_array_sort (times, compare_doubles);
  for (guint i = 0; i < times->len; i++)
    sum += g_array_index (times, double, i);

  printf ("  %-28s zoom %4.2f  %3u frames   mean %6.2f ms   p95 %6.2f ms   max %6.2f ms\n",
          what, zoom, times->len, sum / times->len,
          g_array_index (times, double, (guint) (times->len * 0.95)),
          g_array_index (times, double, times->len - 1));
  fflush (stdout);
}

/* Lets the canvas finish what it does once a zoom has stopped (it draws
 * scaled old tiles while zooming and redraws them SETTLE_MS later). */
static void
settle (GtkWidget *window,
        GtkWidget *canvas)
{
  gint64 end = g_get_monotonic_time () + 250 * 1000;

  render_frame (window, canvas);
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  render_frame (window, canvas);
}

/* What the renderer needs for a frame with nothing in it: a texture of
 * the canvas's size filled with one colour. */
static void
baseline (GtkWidget *window,
          GtkWidget *canvas)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (canvas), gtk_widget_get_height (canvas));
  GdkRGBA white = { 1, 1, 1, 1 };

  for (guint i = 0; i < N_FRAMES; i++)
    {
      g_autoptr(GskRenderNode) node = gsk_color_node_new (&white, &bounds);
      g_autoptr(GdkTexture) texture = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, &bounds);
      ms = ms_since (start);
      g_array_append_val (times, ms);
    }
  report_frames ("empty frame (renderer only)", times, 1.0);
}

typedef enum { PAN, ZOOM } Motion;

static void
run_frames (const char *what,
            GtkWidget  *window,
            GtkWidget  *canvas,
            Motion      motion)
{
  SluiceCanvasViewport *viewport = sluice_canvas_get_viewport (SLUICE_CANVAS (canvas));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double width = gtk_widget_get_width (canvas), height = gtk_widget_get_height (canvas);
  double zoom = sluice_canvas_viewport_get_zoom (viewport);

  render_frame (window, canvas);
  for (guint i = 0; i < N_FRAMES; i++)
    {
      gint64 start;
      double ms;

      if (motion == PAN)
        /* a steady drag: 12 px right and 5 px down per frame, turning back halfway */
        sluice_canvas_viewport_scroll_by (viewport, i < N_FRAMES / 2 ? 12 : -12, i < N_FRAMES / 2 ? 5 : -5);
      else
        /* in towards 2× and out again, around the middle */
        sluice_canvas_viewport_zoom_at (viewport,
                                        sluice_canvas_viewport_get_zoom (viewport) * (i < N_FRAMES / 2 ? 1.03 : 1 / 1.03),
                                        width / 2, height / 2);

      start = g_get_monotonic_time ();
      render_frame (window, canvas);
      ms = ms_since (start);
      g_array_append_val (times, ms);
      /* what the main loop would do between frames (timeouts, idles) */
      g_main_context_iteration (NULL, FALSE);
    }

  report_frames (what, times, zoom);
}

/* The frame that redraws the tiles once a zoom has stopped. */
static void
time_settled_frame (const char *what,
                    GtkWidget  *window,
                    GtkWidget  *canvas)
{
  gint64 end = g_get_monotonic_time () + 250 * 1000;
  gint64 start;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  start = g_get_monotonic_time ();
  render_frame (window, canvas);
  printf ("  %-28s %.2f ms\n", what, ms_since (start));
}

static gboolean
is_ready (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static void
bench (guint n)
{
  g_autoptr(SluiceWorkflow) generated = generate (n, 42);
  g_autofree char *yaml = sluice_workflow_to_yaml (generated);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SluiceDocument) document = sluice_document_new ();
  g_autoptr(GError) error = NULL;
  SluiceCanvasViewport *viewport;
  GtkWidget *window, *canvas;
  graphene_rect_t bounds;
  double t_load, t_layout, t_frame;
  gint64 start;
  int fd;
  guint n_edges = 0;

  for (guint i = 0; i < sluice_workflow_get_n_steps (generated); i++)
    {
      g_autoptr(GArray) edges = sluice_step_get_edges (sluice_workflow_get_step (generated, i));
      n_edges += edges->len;
    }

  fd = g_file_open_tmp ("bench-canvas-XXXXXX.workflow.yaml", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, yaml, -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  canvas = sluice_canvas_new ();
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_window_present (GTK_WINDOW (window));
  while (!is_ready (canvas))
    g_main_context_iteration (NULL, TRUE);

  printf ("%u steps, %u edges, %zu KB of YAML, canvas %d×%d\n",
          n, n_edges, strlen (yaml) / 1024, gtk_widget_get_width (canvas), gtk_widget_get_height (canvas));

  /* load: parse and validate the file; lay out and build the scene; first frame */
  start = g_get_monotonic_time ();
  if (!sluice_document_load (document, file, &error))
    g_error ("%s", error->message);
  t_load = ms_since (start);

  start = g_get_monotonic_time ();
  sluice_canvas_set_document (SLUICE_CANVAS (canvas), document);
  t_layout = ms_since (start);

  start = g_get_monotonic_time ();
  render_frame (window, canvas);
  t_frame = ms_since (start);

  printf ("  load %.1f ms = read+validate %.1f + layout+scene %.1f + first frame %.1f (zoomed to fit)\n",
          t_load + t_layout + t_frame, t_load, t_layout, t_frame);

  g_assert_true (sluice_canvas_get_step_bounds (SLUICE_CANVAS (canvas), "s0", &bounds));
  viewport = sluice_canvas_get_viewport (SLUICE_CANVAS (canvas));

  baseline (window, canvas);
  run_frames ("pan, zoomed to fit", window, canvas, PAN);

  sluice_canvas_viewport_set (viewport, bounds.origin.x - 40, bounds.origin.y - 200, 1.0);
  settle (window, canvas);
  run_frames ("pan, zoomed in (100%)", window, canvas, PAN);

  sluice_canvas_viewport_set (viewport, bounds.origin.x - 40, bounds.origin.y - 600, 0.5);
  settle (window, canvas);
  run_frames ("pan, 50% (most text)", window, canvas, PAN);

  sluice_canvas_viewport_set (viewport, bounds.origin.x - 40, bounds.origin.y - 3000, 0.25);
  settle (window, canvas);
  run_frames ("pan, 25% (boxes)", window, canvas, PAN);

  sluice_canvas_zoom_to_fit (SLUICE_CANVAS (canvas));
  settle (window, canvas);
  run_frames ("zoom from fit in and out", window, canvas, ZOOM);
  time_settled_frame ("redraw after the zoom stops", window, canvas);

  sluice_canvas_viewport_set (viewport, bounds.origin.x - 40, bounds.origin.y - 200, 1.0);
  settle (window, canvas);
  run_frames ("zoom from 100% in and out", window, canvas, ZOOM);
  time_settled_frame ("redraw after the zoom stops", window, canvas);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  printf ("\n");
}

int
main (int   argc,
      char *argv[])
{
  const char *renderer = g_getenv ("GSK_RENDERER");

  gtk_init ();
  adw_init ();

  printf ("GSK_RENDERER=%s, GDK_BACKEND=%s\n\n", renderer ? renderer : "(default)",
          g_getenv ("GDK_BACKEND") ? g_getenv ("GDK_BACKEND") : "(default)");

  if (argc > 1)
    bench ((guint) atoi (argv[1]));
  else
    {
      bench (500);
      bench (2000);
    }
  return 0;
}
