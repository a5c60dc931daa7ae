/* test-auto-layout.c — the layered left-to-right layout, without a display
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sluice-auto-layout.h"

#define HEIGHT 80.0

static SluiceStep *
add (SluiceWorkflow *workflow,
     const char     *type,
     const char     *id)
{
  g_autoptr(SluiceStep) step = sluice_step_new (sluice_step_type_lookup (type), id);

  sluice_workflow_add_step (workflow, step);
  return sluice_workflow_lookup_step (workflow, id);
}

static void
set_cases (SluiceStep  *step,
           const char **targets)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; targets[i]; i++)
    {
      JsonObject *item = json_object_new ();
      g_autofree char *value = g_strdup_printf ("v%u", i);

      json_object_set_string_member (item, "value", value);
      json_object_set_string_member (item, "next", targets[i]);
      json_array_add_object_element (array, item);
    }
  json_node_take_array (node, array);
  sluice_step_set_member (step, "cases", node);
}

static const SluiceLayoutPosition *
find (GArray     *positions,
      const char *id)
{
  for (guint i = 0; i < positions->len; i++)
    if (g_str_equal (g_array_index (positions, SluiceLayoutPosition, i).step_id, id))
      return &g_array_index (positions, SluiceLayoutPosition, i);
  g_error ("no position for %s", id);
  return NULL;
}

static void
assert_no_overlap (GArray *positions,
                   double  width,
                   double  height)
{
  for (guint i = 0; i < positions->len; i++)
    for (guint j = i + 1; j < positions->len; j++)
      {
        const SluiceLayoutPosition *a = &g_array_index (positions, SluiceLayoutPosition, i);
        const SluiceLayoutPosition *b = &g_array_index (positions, SluiceLayoutPosition, j);
        gboolean apart = a->x + width <= b->x || b->x + width <= a->x
                         || a->y + height <= b->y || b->y + height <= a->y;

        if (!apart)
          g_error ("%s (%g, %g) overlaps %s (%g, %g)", a->step_id, a->x, a->y, b->step_id, b->x, b->y);
      }
}

/* Every edge between steps the trigger reaches goes left to right, unless
 * it closes a cycle (then it is the only way back). */
static void
assert_left_to_right (SluiceWorkflow *workflow,
                      GArray         *positions,
                      gboolean        allow_cycles)
{
  for (guint i = 0; i < sluice_workflow_get_n_steps (workflow); i++)
    {
      SluiceStep *step = sluice_workflow_get_step (workflow, i);
      g_autoptr(GArray) edges = sluice_step_get_edges (step);
      const SluiceLayoutPosition *from = find (positions, sluice_step_get_id (step));

      for (guint e = 0; e < edges->len; e++)
        {
          const char *target = g_array_index (edges, SluiceEdge, e).target;
          const SluiceLayoutPosition *to;

          if (sluice_workflow_lookup_step (workflow, target) == NULL)
            continue;
          to = find (positions, target);
          if (from->reachable != to->reachable)
            continue;
          if (allow_cycles && to->x <= from->x)
            continue;
          g_assert_cmpfloat (to->x, >, from->x);
        }
    }
}

typedef struct
{
  double column;
  double y1;
  double y2;
} Segment;

/* Crossings between edges of adjacent columns, from the positions. */
static guint
count_crossings (SluiceWorkflow *workflow,
                 GArray         *positions)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  guint crossings = 0;

  for (guint i = 0; i < sluice_workflow_get_n_steps (workflow); i++)
    {
      SluiceStep *step = sluice_workflow_get_step (workflow, i);
      g_autoptr(GArray) edges = sluice_step_get_edges (step);
      const SluiceLayoutPosition *from = find (positions, sluice_step_get_id (step));

      for (guint e = 0; e < edges->len; e++)
        {
          const SluiceLayoutPosition *to = find (positions, g_array_index (edges, SluiceEdge, e).target);
          Segment s = { from->column, from->y, to->y };

          if (to->column == from->column + 1)
            g_array_append_val (segments, s);
        }
    }

  for (guint i = 0; i < segments->len; i++)
    for (guint j = i + 1; j < segments->len; j++)
      {
        const Segment *a = &g_array_index (segments, Segment, i);
        const Segment *b = &g_array_index (segments, Segment, j);

        if (a->column != b->column || a->y1 == b->y1 || a->y2 == b->y2)
          continue;
        if ((a->y1 < b->y1) != (a->y2 < b->y2))
          crossings++;
      }
  return crossings;
}

static void
test_story_1 (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples",
                                            "usage-quota-80.workflow.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SluiceWorkflow) workflow = sluice_workflow_load_from_file (file, diagnostics, &error);
  g_autoptr(GArray) positions = NULL;
  static const char * const chain[] = { "usage-updated", "record-nudge", "notify-owner", "open-ticket" };

  g_assert_no_error (error);
  g_assert_nonnull (workflow);

  positions = sluice_auto_layout_compute (workflow, NULL);
  g_assert_cmpuint (positions->len, ==, 4);

  /* a chain is a straight line */
  for (guint i = 0; i < G_N_ELEMENTS (chain); i++)
    {
      const SluiceLayoutPosition *p = find (positions, chain[i]);

      g_assert_cmpuint (p->column, ==, i);
      g_assert_cmpfloat (p->x, ==, i * 320.0);
      g_assert_cmpfloat (p->y, ==, 0);
      g_assert_true (p->reachable);
    }
}

/* trigger → condition (then → a, else → b); a, b → join → end */
static SluiceWorkflow *
diamond (void)
{
  SluiceWorkflow *workflow = sluice_workflow_new ("diamond");
  SluiceStep *step;

  sluice_step_set_string (add (workflow, "event", "start"), "next", "check");
  step = add (workflow, "condition", "check");
  sluice_step_set_string (step, "then", "a");
  sluice_step_set_string (step, "else", "b");
  sluice_step_set_string (add (workflow, "notify", "a"), "next", "join");
  sluice_step_set_string (add (workflow, "ticket", "b"), "next", "join");
  sluice_step_set_string (add (workflow, "record", "join"), "next", "stop");
  add (workflow, "end", "stop");

  return workflow;
}

static void
test_branches (void)
{
  g_autoptr(SluiceWorkflow) workflow = diamond ();
  g_autoptr(GArray) positions = sluice_auto_layout_compute (workflow, NULL);
  const SluiceLayoutPosition *a, *b, *check, *join;

  g_assert_cmpuint (positions->len, ==, 6);
  assert_no_overlap (positions, 220, HEIGHT);
  assert_left_to_right (workflow, positions, FALSE);
  g_assert_cmpuint (count_crossings (workflow, positions), ==, 0);

  a = find (positions, "a");
  b = find (positions, "b");
  check = find (positions, "check");
  join = find (positions, "join");
  g_assert_cmpuint (a->column, ==, 2);
  g_assert_cmpuint (b->column, ==, 2);
  g_assert_cmpuint (join->column, ==, 3);
  /* then above else, the condition and the join level between them */
  g_assert_cmpfloat (a->y, <, b->y);
  g_assert_cmpfloat (check->y, >, a->y);
  g_assert_cmpfloat (check->y, <, b->y);
  g_assert_cmpfloat (fabs (join->y - check->y), <=, 20);

  /* on the grid */
  for (guint i = 0; i < positions->len; i++)
    {
      const SluiceLayoutPosition *p = &g_array_index (positions, SluiceLayoutPosition, i);

      g_assert_cmpfloat (fmod (p->x, 20), ==, 0);
      g_assert_cmpfloat (fmod (p->y, 20), ==, 0);
    }
}

/* The first (depth-first) order crosses: the sweeps untangle it. */
static void
test_crossings (void)
{
  g_autoptr(SluiceWorkflow) workflow = sluice_workflow_new ("crossing");
  g_autoptr(GArray) positions = NULL;
  SluiceStep *route;
  const char *targets[] = { "a", "b", "c", NULL };

  sluice_step_set_string (add (workflow, "event", "start"), "next", "route");
  route = add (workflow, "switch", "route");
  set_cases (route, targets);
  sluice_step_set_string (route, "default", "d");
  sluice_step_set_string (add (workflow, "notify", "a"), "next", "y");
  sluice_step_set_string (add (workflow, "notify", "b"), "next", "x");
  sluice_step_set_string (add (workflow, "notify", "c"), "next", "y");
  add (workflow, "end", "d");
  add (workflow, "end", "y");
  add (workflow, "end", "x");

  positions = sluice_auto_layout_compute (workflow, NULL);
  assert_no_overlap (positions, 220, HEIGHT);
  assert_left_to_right (workflow, positions, FALSE);
  g_assert_cmpuint (count_crossings (workflow, positions), ==, 0);
}

static void
test_cycle (void)
{
  g_autoptr(SluiceWorkflow) workflow = sluice_workflow_new ("cycle");
  g_autoptr(GArray) positions = NULL;
  SluiceStep *retry;

  sluice_step_set_string (add (workflow, "event", "start"), "next", "call");
  sluice_step_set_string (add (workflow, "webhook", "call"), "next", "retry");
  retry = add (workflow, "condition", "retry");
  sluice_step_set_string (retry, "then", "wait");
  sluice_step_set_string (retry, "else", "done");
  sluice_step_set_string (add (workflow, "delay", "wait"), "next", "call");  /* back to call */
  add (workflow, "end", "done");

  positions = sluice_auto_layout_compute (workflow, NULL);
  g_assert_cmpuint (positions->len, ==, 5);
  assert_no_overlap (positions, 220, HEIGHT);
  assert_left_to_right (workflow, positions, TRUE);
  g_assert_cmpfloat (find (positions, "call")->x, <, find (positions, "retry")->x);
  g_assert_cmpfloat (find (positions, "retry")->x, <, find (positions, "wait")->x);
  /* the edge wait → call is the one left out */
  g_assert_cmpfloat (find (positions, "wait")->x, >, find (positions, "call")->x);
}

static void
test_unreachable (void)
{
  g_autoptr(SluiceWorkflow) workflow = sluice_workflow_new ("unreachable");
  g_autoptr(GArray) positions = NULL;
  guint max_reachable = 0;

  sluice_step_set_string (add (workflow, "event", "start"), "next", "one");
  sluice_step_set_string (add (workflow, "record", "one"), "next", "two");
  add (workflow, "end", "two");
  sluice_step_set_string (add (workflow, "notify", "orphan"), "next", "orphan-next");
  add (workflow, "end", "orphan-next");
  add (workflow, "delay", "alone");
  sluice_step_set_string (add (workflow, "job", "into-main"), "next", "two");

  positions = sluice_auto_layout_compute (workflow, NULL);
  g_assert_cmpuint (positions->len, ==, 7);
  assert_no_overlap (positions, 220, HEIGHT);
  assert_left_to_right (workflow, positions, FALSE);

  for (guint i = 0; i < positions->len; i++)
    {
      const SluiceLayoutPosition *p = &g_array_index (positions, SluiceLayoutPosition, i);
      if (p->reachable)
        max_reachable = MAX (max_reachable, p->column);
    }
  g_assert_cmpuint (max_reachable, ==, 2);
  g_assert_false (find (positions, "orphan")->reachable);
  g_assert_cmpuint (find (positions, "orphan")->column, ==, 3);
  g_assert_cmpuint (find (positions, "alone")->column, ==, 3);
  g_assert_cmpuint (find (positions, "into-main")->column, ==, 3);
  g_assert_cmpuint (find (positions, "orphan-next")->column, ==, 4);
}

static void
test_no_trigger (void)
{
  g_autoptr(SluiceWorkflow) workflow = sluice_workflow_new ("headless");
  g_autoptr(GArray) positions = NULL;

  sluice_step_set_string (add (workflow, "record", "one"), "next", "two");
  add (workflow, "end", "two");

  positions = sluice_auto_layout_compute (workflow, NULL);
  g_assert_cmpuint (find (positions, "one")->column, ==, 0);
  g_assert_cmpuint (find (positions, "two")->column, ==, 1);

  g_clear_pointer (&positions, g_array_unref);
  g_clear_object (&workflow);
  workflow = sluice_workflow_new ("empty");
  positions = sluice_auto_layout_compute (workflow, NULL);
  g_assert_cmpuint (positions->len, ==, 0);
}

static double
tall_height (const SluiceStep *step,
             gpointer          user_data)
{
  return g_str_equal (sluice_step_get_id (step), "route") ? 200 : HEIGHT;
}

/* A random DAG of 300 steps with switches; same answer twice, and sizes
 * from the callback are respected. */
static void
test_random_deterministic (void)
{
  g_autoptr(SluiceWorkflow) workflow = sluice_workflow_new ("random");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) second = NULL;
  SluiceAutoLayoutOptions options;
  const guint n = 300;
  SluiceStep *route;

  sluice_step_set_string (add (workflow, "event", "s0"), "next", "route");
  route = add (workflow, "switch", "route");
  {
    const char *targets[] = { "s2", "s3", "s4", NULL };
    set_cases (route, targets);
  }
  for (guint i = 2; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *next = g_strdup_printf ("s%u", MIN (n - 1, i + 1 + g_rand_int_range (rand, 0, 12)));
      g_autofree char *other = g_strdup_printf ("s%u", MIN (n - 1, i + 1 + g_rand_int_range (rand, 0, 12)));

      if (i == n - 1)
        add (workflow, "end", id);
      else if (g_rand_int_range (rand, 0, 4) == 0)
        {
          SluiceStep *step = add (workflow, "condition", id);
          sluice_step_set_string (step, "then", next);
          sluice_step_set_string (step, "else", other);
        }
      else
        sluice_step_set_string (add (workflow, "notify", id), "next", next);
    }

  sluice_auto_layout_options_init (&options);
  options.height_func = tall_height;
  first = sluice_auto_layout_compute (workflow, &options);
  second = sluice_auto_layout_compute (workflow, &options);

  g_assert_cmpuint (first->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const SluiceLayoutPosition *a = &g_array_index (first, SluiceLayoutPosition, i);
      const SluiceLayoutPosition *b = &g_array_index (second, SluiceLayoutPosition, i);

      g_assert_cmpstr (a->step_id, ==, b->step_id);
      g_assert_cmpfloat (a->x, ==, b->x);
      g_assert_cmpfloat (a->y, ==, b->y);
    }

  assert_left_to_right (workflow, first, FALSE);
  /* the tall switch is 200 high: nothing may sit in its column below it */
  for (guint i = 0; i < n; i++)
    {
      const SluiceLayoutPosition *p = &g_array_index (first, SluiceLayoutPosition, i);
      const SluiceLayoutPosition *r = find (first, "route");

      if (p != r && p->column == r->column)
        g_assert_true (p->y + HEIGHT <= r->y || p->y >= r->y + 200);
    }
  assert_no_overlap (first, 220, HEIGHT);
}

static void
test_apply (void)
{
  g_autoptr(SluiceWorkflow) workflow = diamond ();
  g_autoptr(GArray) positions = sluice_auto_layout_compute (workflow, NULL);
  double x, y;

  g_assert_false (sluice_workflow_get_position (workflow, "join", &x, &y));
  sluice_auto_layout_apply (workflow, positions);
  g_assert_true (sluice_workflow_get_position (workflow, "join", &x, &y));
  g_assert_cmpfloat (x, ==, find (positions, "join")->x);
  g_assert_cmpfloat (y, ==, find (positions, "join")->y);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/auto-layout/story-1", test_story_1);
  g_test_add_func ("/core/auto-layout/branches", test_branches);
  g_test_add_func ("/core/auto-layout/crossings", test_crossings);
  g_test_add_func ("/core/auto-layout/cycle", test_cycle);
  g_test_add_func ("/core/auto-layout/unreachable", test_unreachable);
  g_test_add_func ("/core/auto-layout/no-trigger", test_no_trigger);
  g_test_add_func ("/core/auto-layout/random-deterministic", test_random_deterministic);
  g_test_add_func ("/core/auto-layout/apply", test_apply);

  return g_test_run ();
}
