/* test-simulator.c — the dry-run engine against answers worked out by hand
 *
 * Every dataset here is small and written by the test, so each expected
 * number can be checked with a pencil: the comments next to the events say
 * what each one must do. Nothing is compared with a second run of the
 * engine; where a rule is easier to state as code (the rate limiter, the
 * canary hash), the test carries its own slow, obvious model of it.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <sqlite3.h>

#include "sim-test-util.h"
#include "sluice-canary.h"
#include "sluice-rate-limit.h"
#include "sluice-sim-error.h"

#define MIN_MS  G_GINT64_CONSTANT (60000)
#define HOUR_MS (60 * MIN_MS)
#define DAY_MS  (24 * HOUR_MS)

/* The head of a workflow whose trigger is an event of type @event; the
 * trigger's keys follow at four spaces. */
#define WF_HEAD(name, event) \
  "apiVersion: sluice.dev/v1\n" \
  "kind: Workflow\n" \
  "metadata:\n" \
  "  name: " name "\n" \
  "  version: 1\n" \
  "spec:\n" \
  "  trigger:\n" \
  "    id: trig\n" \
  "    type: event\n" \
  "    event: " event "\n"

/* A filter row, in a trigger's or a condition step's `filters:` list. */
#define FILTER(path, op, value) \
  "    - path: " path "\n" \
  "      op: " op "\n" \
  "      value: " value "\n"
#define FILTER_NO_VALUE(path, op) \
  "    - path: " path "\n" \
  "      op: " op "\n"

#define RECORD_STEP(id) \
  "  - id: " id "\n" \
  "    type: record\n" \
  "    title: " id "\n"

static void
assert_filter (SluiceSimResult *result,
               const char      *step_id,
               guint            index,
               guint64          passed,
               guint64          rejected,
               guint64          missing,
               guint64          wrong_type,
               guint64          no_previous)
{
  const SluiceFilterOutcome *f = test_filter (result, step_id, index);

  g_test_message ("filter %u of %s (%s): passed %" PRIu64 " rejected %" PRIu64
                  " missing %" PRIu64 " wrong_type %" PRIu64 " no_previous %" PRIu64,
                  index, step_id, f->description, f->passed, f->rejected, f->missing, f->wrong_type, f->no_previous);
  g_assert_cmpuint (f->passed, ==, passed);
  g_assert_cmpuint (f->rejected, ==, rejected);
  g_assert_cmpuint (f->missing, ==, missing);
  g_assert_cmpuint (f->wrong_type, ==, wrong_type);
  g_assert_cmpuint (f->no_previous, ==, no_previous);
}

static guint32
entity_actions (SluiceSimResult *result,
                const char      *entity)
{
  const SluiceEntityStat *stat = sluice_sim_result_lookup_entity (result, entity);
  return stat ? stat->actions : 0;
}

/* ---- filters ---------------------------------------------------------------- */

/* Six events, one per entity, whose fields have every kind a filter meets:
 *   e1  n 80     s "storage"       tags ["x","y"]  at 30 min before the event
 *   e2  n 79.5   s "Storage full"  tags [1,2]      at a month before
 *   e3  n "80"   s 80              tags "x-y"      at true
 *   e4  (nothing: every path missing)
 *   e5  n null   s null            tags []         at null
 *   e6  n 100    s "bandwidth"     tags ["y"]      at the event time, in epoch seconds
 * and two events of another type that no run may look at. */
static const char filter_events[] =
  "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"//t\",\"type\":\"op.test\",\"time\":\"2026-03-01T10:00:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"acc\":\"a1\",\"n\":80,\"s\":\"storage\",\"tags\":[\"x\",\"y\"],\"at\":\"2026-03-01T09:30:00Z\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"e2\",\"source\":\"//t\",\"type\":\"op.test\",\"time\":\"2026-03-01T10:01:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"acc\":\"a2\",\"n\":79.5,\"s\":\"Storage full\",\"tags\":[1,2],\"at\":\"2026-02-01T10:01:00Z\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"e3\",\"source\":\"//t\",\"type\":\"op.test\",\"time\":\"2026-03-01T10:02:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"acc\":\"a3\",\"n\":\"80\",\"s\":80,\"tags\":\"x-y\",\"at\":true}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"e4\",\"source\":\"//t\",\"type\":\"op.test\",\"time\":\"2026-03-01T10:03:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"acc\":\"a4\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"e5\",\"source\":\"//t\",\"type\":\"op.test\",\"time\":\"2026-03-01T10:04:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"acc\":\"a5\",\"n\":null,\"s\":null,\"tags\":[],\"at\":null}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"e6\",\"source\":\"//t\",\"type\":\"op.test\",\"time\":\"2026-03-01T10:05:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"acc\":\"a6\",\"n\":100,\"s\":\"bandwidth\",\"tags\":[\"y\"],\"at\":1772359500}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"o1\",\"source\":\"//t\",\"type\":\"other.test\",\"time\":\"2026-03-01T10:00:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"acc\":\"a1\",\"n\":80,\"s\":\"storage\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"o2\",\"source\":\"//t\",\"type\":\"other.test\",\"time\":\"2026-03-01T10:02:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"acc\":\"a7\",\"n\":80}}\n";

static void
test_filter_ops (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  static const struct {
    guint64 p, r, m, w, np;
  } expected[] = {
    /*  0 n eq 80          */ { 1, 2, 1, 2, 0 },  /* e1 | e2 e6 | e4 | e3 e5 */
    /*  1 n ne 80          */ { 2, 1, 1, 2, 0 },  /* e2 e6 | e1 */
    /*  2 n gt 80          */ { 1, 2, 1, 2, 0 },  /* e6 | e1 e2 */
    /*  3 n gte 80         */ { 2, 1, 1, 2, 0 },  /* e1 e6 | e2 */
    /*  4 n lt 80          */ { 1, 2, 1, 2, 0 },  /* e2 | e1 e6 */
    /*  5 n lte 80         */ { 2, 1, 1, 2, 0 },  /* e1 e2 | e6 */
    /*  6 s in [...]       */ { 2, 1, 1, 2, 0 },  /* e1 e6 | e2 | e4 | e3 (80) e5 (null) */
    /*  7 s not_in [...]   */ { 2, 1, 1, 2, 0 },  /* e2 e6 | e1 */
    /*  8 s exists         */ { 5, 1, 0, 0, 0 },  /* null is there; only e4 lacks it */
    /*  9 s exists false   */ { 1, 5, 0, 0, 0 },
    /* 10 s contains torage*/ { 2, 1, 1, 2, 0 },  /* e1 e2 | e6 */
    /* 11 tags contains y  */ { 3, 2, 1, 0, 0 },  /* e1 e3 ("x-y" is text) e6 | e2 e5 */
    /* 12 tags contains 2  */ { 1, 3, 1, 1, 0 },  /* e2 | e1 e5 e6 | e4 | e3 (text vs number) */
    /* 13 s matches        */ { 2, 1, 1, 2, 0 },  /* e1 e6 | e2 */
    /* 14 at within 1h     */ { 2, 1, 1, 2, 0 },  /* e1 (30 min) e6 (0, epoch seconds) | e2 | e4 | e3 e5 */
    /* 15 n eq "80"        */ { 1, 0, 1, 4, 0 },  /* only the text "80" of e3 */
    /* 16 s gt "c"         */ { 1, 2, 1, 2, 0 },  /* "storage" | "Storage full" "bandwidth" */
    /* 17 n changed        */ { 0, 0, 1, 0, 5 },  /* every entity's first event */
  };

  test_dataset_import_all (ds, filter_events, 8);

  workflow = test_load_workflow (WF_HEAD ("filter-ops", "op.test")
                                 "    filters:\n"
                                 FILTER ("data.n", "eq", "80")
                                 FILTER ("data.n", "ne", "80")
                                 FILTER ("data.n", "gt", "80")
                                 FILTER ("data.n", "gte", "80")
                                 FILTER ("data.n", "lt", "80")
                                 FILTER ("data.n", "lte", "80")
                                 FILTER ("data.s", "in", "[storage, bandwidth]")
                                 FILTER ("data.s", "not_in", "[storage]")
                                 FILTER ("data.s", "exists", "true")
                                 FILTER ("data.s", "exists", "false")
                                 FILTER ("data.s", "contains", "torage")
                                 FILTER ("data.tags", "contains", "y")
                                 FILTER ("data.tags", "contains", "2")
                                 FILTER ("data.s", "matches", "'^[a-z]+$'")
                                 FILTER ("data.at", "within", "1h")
                                 FILTER ("data.n", "eq", "'80'")
                                 FILTER ("data.s", "gt", "c")
                                 FILTER_NO_VALUE ("data.n", "changed")
                                 "    next: act\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 RECORD_STEP ("act"));
  result = test_run (ds, workflow, NULL);

  g_assert_cmpuint (result->events_scanned, ==, 6);
  g_assert_cmpuint (result->filters->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_filter (result, "trig", i, expected[i].p, expected[i].r, expected[i].m, expected[i].w, expected[i].np);

  /* 8 and 9 never pass together */
  g_assert_cmpuint (result->events_matched, ==, 0);
  g_assert_cmpuint (result->actions_total, ==, 0);
  g_assert_true (test_has_finding (result, "data/filter-not-evaluated"));
}

/* Could-not-evaluate is never a pass, not even for the negative operators. */
static void
test_filter_not_evaluated_never_matches (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  static const struct {
    const char *filter;
    guint64     matched;
    const char *entities[4];
  } cases[] = {
    { FILTER ("data.n", "ne", "80"), 2, { "a2", "a6" } },
    { FILTER ("data.s", "not_in", "[storage]"), 2, { "a2", "a6" } },
    { FILTER ("data.n", "lte", "80"), 2, { "a1", "a2" } },
    { FILTER ("data.s", "exists", "false"), 1, { "a4" } },
    { FILTER ("data.n", "eq", "'80'"), 1, { "a3" } },
    { FILTER ("data.tags", "contains", "y"), 3, { "a1", "a3", "a6" } },
    { FILTER_NO_VALUE ("data.n", "changed"), 0, { NULL } },
  };

  test_dataset_import_all (ds, filter_events, 8);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *yaml = g_strconcat (WF_HEAD ("not-evaluated", "op.test")
                                           "    filters:\n", cases[i].filter,
                                           "    next: act\n"
                                           "  entityKey: data.acc\n"
                                           "  steps:\n"
                                           RECORD_STEP ("act"), NULL);
      g_autoptr(SluiceWorkflow) workflow = test_load_workflow (yaml);
      g_autoptr(SluiceSimResult) result = test_run (ds, workflow, NULL);

      g_test_message ("case %u: %s", i, cases[i].filter);
      g_assert_cmpuint (result->events_matched, ==, cases[i].matched);
      g_assert_cmpuint (result->entities_matched, ==, cases[i].matched);
      g_assert_cmpuint (sluice_sim_result_get_actions (result, "act"), ==, cases[i].matched);
      g_assert_cmpuint (result->entities->len, ==, cases[i].matched);
      for (guint k = 0; cases[i].entities[k] != NULL; k++)
        g_assert_cmpuint (entity_actions (result, cases[i].entities[k]), ==, 1);
    }
}

static void
test_filter_within_edges (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GString) events = g_string_new (NULL);

  /* all at 12:00; `at` is 1h before, 1h after, 1h 1ms before and after,
   * and the same instant written with an offset */
  test_add_event (events, "w1", "win.test", "2026-03-01T12:00:00Z", "t1", "{\"acc\":\"w1\",\"at\":\"2026-03-01T11:00:00Z\"}");
  test_add_event (events, "w2", "win.test", "2026-03-01T12:00:00Z", "t1", "{\"acc\":\"w2\",\"at\":\"2026-03-01T13:00:00Z\"}");
  test_add_event (events, "w3", "win.test", "2026-03-01T12:00:00Z", "t1", "{\"acc\":\"w3\",\"at\":\"2026-03-01T10:59:59.999Z\"}");
  test_add_event (events, "w4", "win.test", "2026-03-01T12:00:00Z", "t1", "{\"acc\":\"w4\",\"at\":\"2026-03-01T13:00:00.001Z\"}");
  test_add_event (events, "w5", "win.test", "2026-03-01T12:00:00Z", "t1", "{\"acc\":\"w5\",\"at\":\"2026-03-01T14:30:00+02:00\"}");
  test_add_event (events, "w6", "win.test", "2026-03-01T12:00:00Z", "t1", "{\"acc\":\"w6\",\"at\":\"not a time\"}");
  test_add_event (events, "w7", "win.test", "2026-03-01T12:00:00Z", "t1", "{\"acc\":\"w7\",\"at\":42}");
  test_dataset_import_all (ds, events->str, 7);

  workflow = test_load_workflow (WF_HEAD ("within-edges", "win.test")
                                 "    filters:\n"
                                 FILTER ("data.at", "within", "1h")
                                 "    next: act\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 RECORD_STEP ("act"));
  result = test_run (ds, workflow, NULL);

  /* w1 w2 w5 | w3 w4 w7 (1970) | w6: text that is no time */
  assert_filter (result, "trig", 0, 3, 3, 0, 1, 0);
  g_assert_nonnull (sluice_sim_result_lookup_entity (result, "w1"));
  g_assert_nonnull (sluice_sim_result_lookup_entity (result, "w2"));
  g_assert_nonnull (sluice_sim_result_lookup_entity (result, "w5"));
  g_assert_cmpuint (result->events_matched, ==, 3);
}

/* `changed` compares each event with the same entity's previous one, in
 * time order, whatever order the events were imported in. */
static void
test_filter_changed (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GString) events = g_string_new (NULL);

  /* in time order:
   *   a 01 free        no previous
   *   a 02 free        rejected
   *   b 03 pro         no previous
   *   a 04 pro         passed
   *   a 05 (no plan)   missing
   *   a 06 enterprise  passed (differs from both pro and nothing)
   *   b 07 pro         rejected
   * imported shuffled */
  test_add_event (events, "c06", "plan.test", "2026-03-01T06:00:00Z", "t1", "{\"acc\":\"a\",\"plan\":\"enterprise\"}");
  test_add_event (events, "c02", "plan.test", "2026-03-01T02:00:00Z", "t1", "{\"acc\":\"a\",\"plan\":\"free\"}");
  test_add_event (events, "c07", "plan.test", "2026-03-01T07:00:00Z", "t1", "{\"acc\":\"b\",\"plan\":\"pro\"}");
  test_add_event (events, "c01", "plan.test", "2026-03-01T01:00:00Z", "t1", "{\"acc\":\"a\",\"plan\":\"free\"}");
  test_add_event (events, "c05", "plan.test", "2026-03-01T05:00:00Z", "t1", "{\"acc\":\"a\"}");
  test_add_event (events, "c03", "plan.test", "2026-03-01T03:00:00Z", "t1", "{\"acc\":\"b\",\"plan\":\"pro\"}");
  test_add_event (events, "c04", "plan.test", "2026-03-01T04:00:00Z", "t1", "{\"acc\":\"a\",\"plan\":\"pro\"}");
  test_dataset_import_all (ds, events->str, 7);

  workflow = test_load_workflow (WF_HEAD ("changed", "plan.test")
                                 "    filters:\n"
                                 FILTER_NO_VALUE ("data.plan", "changed")
                                 "    next: act\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 RECORD_STEP ("act"));
  result = test_run (ds, workflow, NULL);

  assert_filter (result, "trig", 0, 2, 2, 1, 0, 2);
  g_assert_cmpuint (result->events_matched, ==, 2);
  g_assert_cmpuint (result->entities_matched, ==, 1);
  g_assert_cmpuint (entity_actions (result, "a"), ==, 2);
  g_assert_null (sluice_sim_result_lookup_entity (result, "b"));
}

/* The entity's previous event is the one before it in the dataset, also
 * when that one lies before the scope's window: a live run has seen it. */
static void
test_filter_changed_before_window (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  g_autoptr(GString) events = g_string_new (NULL);

  test_add_event (events, "p1", "plan.test", "2026-03-01T01:00:00Z", "t1", "{\"acc\":\"c\",\"plan\":\"free\"}");
  test_add_event (events, "p2", "plan.test", "2026-03-01T03:00:00Z", "t1", "{\"acc\":\"c\",\"plan\":\"pro\"}");
  test_add_event (events, "p3", "plan.test", "2026-03-01T04:00:00Z", "t1", "{\"acc\":\"c\",\"plan\":\"pro\"}");
  test_dataset_import_all (ds, events->str, 3);

  workflow = test_load_workflow (WF_HEAD ("changed-window", "plan.test")
                                 "    filters:\n"
                                 FILTER_NO_VALUE ("data.plan", "changed")
                                 "    next: act\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 RECORD_STEP ("act"));
  scope->from_ms = test_ms ("2026-03-01T02:00:00Z");
  result = test_run (ds, workflow, scope);

  /* p2: free → pro passes; p3: pro → pro is rejected */
  g_assert_cmpuint (result->events_scanned, ==, 2);
  assert_filter (result, "trig", 0, 1, 1, 0, 0, 0);
  g_assert_cmpuint (result->events_matched, ==, 1);
}



/* In a condition step too, `changed` compares with the entity's previous
 * event of the type, not with the previous event that happened to reach
 * the step. Entity a:
 *   t1  n 90  free        reaches the step: no previous      → else
 *   t2  n 50  pro         stopped by the trigger
 *   t3  n 90  pro         previous event (t2) was pro: same   → else
 *   t4  n 90  enterprise  previous event (t3) was pro: passes → then */
static void
test_filter_changed_in_condition (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GString) events = g_string_new (NULL);

  test_add_event (events, "t1", "cc.test", "2026-03-01T01:00:00Z", "t1", "{\"acc\":\"a\",\"n\":90,\"plan\":\"free\"}");
  test_add_event (events, "t2", "cc.test", "2026-03-01T02:00:00Z", "t1", "{\"acc\":\"a\",\"n\":50,\"plan\":\"pro\"}");
  test_add_event (events, "t3", "cc.test", "2026-03-01T03:00:00Z", "t1", "{\"acc\":\"a\",\"n\":90,\"plan\":\"pro\"}");
  test_add_event (events, "t4", "cc.test", "2026-03-01T04:00:00Z", "t1", "{\"acc\":\"a\",\"n\":90,\"plan\":\"enterprise\"}");
  test_dataset_import_all (ds, events->str, 4);

  workflow = test_load_workflow (WF_HEAD ("changed-condition", "cc.test")
                                 "    filters:\n"
                                 FILTER ("data.n", "gte", "80")
                                 "    next: plan-changed\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 "  - id: plan-changed\n"
                                 "    type: condition\n"
                                 "    filters:\n"
                                 FILTER_NO_VALUE ("data.plan", "changed")
                                 "    then: moved\n"
                                 "    else: stayed\n"
                                 RECORD_STEP ("moved")
                                 RECORD_STEP ("stayed"));
  result = test_run (ds, workflow, NULL);

  g_assert_cmpuint (result->runs, ==, 3);
  assert_filter (result, "plan-changed", 0, 1, 1, 0, 0, 1);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "moved"), ==, 1);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "stayed"), ==, 2);
}


/* `time` is the event's time: it compares with an RFC 3339 value, and
 * `within` measures it in milliseconds like every other time (an event is
 * 0 away from itself). Events at 10:00 and 10:05. */
static void
test_filter_time_path (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GString) events = g_string_new (NULL);

  test_add_event (events, "h1", "tp.test", "2026-03-01T10:00:00Z", "t1", "{\"acc\":\"a\"}");
  test_add_event (events, "h2", "tp.test", "2026-03-01T10:05:00Z", "t1", "{\"acc\":\"b\"}");
  test_dataset_import_all (ds, events->str, 2);

  workflow = test_load_workflow (WF_HEAD ("time-path", "tp.test")
                                 "    filters:\n"
                                 FILTER ("time", "gte", "'2026-03-01T10:01:00Z'")
                                 FILTER ("time", "within", "1h")
                                 FILTER ("time", "exists", "true")
                                 "    next: act\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 RECORD_STEP ("act"));
  result = test_run (ds, workflow, NULL);

  assert_filter (result, "trig", 2, 2, 0, 0, 0, 0);
  assert_filter (result, "trig", 0, 1, 1, 0, 0, 0);   /* h2 | h1 */
  assert_filter (result, "trig", 1, 2, 0, 0, 0, 0);
  g_assert_cmpuint (result->events_matched, ==, 1);
}

/* Envelope attributes, extension attributes and list positions are paths
 * like any other. */
static void
test_filter_envelope_paths (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;

  test_dataset_import_all (ds,
    "{\"specversion\":\"1.0\",\"id\":\"v1\",\"source\":\"//billing.example\",\"subject\":\"acct/1\",\"type\":\"env.test\","
    "\"time\":\"2026-03-01T10:00:00Z\",\"tenant\":\"t1\",\"region\":\"eu\",\"data\":{\"acc\":\"v1\",\"contacts\":[{\"email\":\"a@x\"}]}}\n"
    "{\"specversion\":\"1.0\",\"id\":\"v2\",\"source\":\"//crm.example\",\"type\":\"env.test\","
    "\"time\":\"2026-03-01T10:01:00Z\",\"tenant\":\"t2\",\"region\":\"us\",\"data\":{\"acc\":\"v2\",\"contacts\":[]}}\n"
    "{\"specversion\":\"1.0\",\"id\":\"v3\",\"source\":\"//billing.example\",\"subject\":\"acct/3\",\"type\":\"env.test\","
    "\"time\":\"2026-03-01T10:02:00Z\",\"data\":{\"acc\":\"v3\",\"contacts\":[{\"email\":\"b@x\"},{\"email\":\"c@x\"}]}}\n",
    3);

  workflow = test_load_workflow (WF_HEAD ("envelope", "env.test")
                                 "    filters:\n"
                                 FILTER ("source", "eq", "//billing.example")
                                 FILTER ("subject", "exists", "true")
                                 FILTER ("tenant", "in", "[t1, t2]")
                                 FILTER ("region", "eq", "eu")
                                 FILTER ("data.contacts[0].email", "eq", "a@x")
                                 FILTER ("data.contacts[1].email", "exists", "true")
                                 FILTER ("id", "matches", "'^v[12]$'")
                                 "    next: act\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 RECORD_STEP ("act"));
  result = test_run (ds, workflow, NULL);

  assert_filter (result, "trig", 0, 2, 1, 0, 0, 0);   /* v1 v3 | v2 */
  assert_filter (result, "trig", 1, 2, 1, 0, 0, 0);   /* v1 v3 | v2 */
  assert_filter (result, "trig", 2, 2, 0, 1, 0, 0);   /* v1 v2 | - | v3 has no tenant */
  assert_filter (result, "trig", 3, 1, 1, 1, 0, 0);   /* v1 | v2 | v3 */
  assert_filter (result, "trig", 4, 1, 1, 1, 0, 0);   /* v1 | v3 (b@x) | v2 (empty list) */
  assert_filter (result, "trig", 5, 1, 2, 0, 0, 0);   /* v3 | v1 v2 */
  assert_filter (result, "trig", 6, 2, 1, 0, 0, 0);   /* v1 v2 | v3 */
  g_assert_cmpuint (result->events_matched, ==, 0);
}

/* The simulator keeps columns between runs. A second workflow that needs
 * a new path reads it into the cached, time-sorted table; an import in
 * between makes it start over. The events are imported against time
 * order, so a column read in import order would land on the wrong rows. */
static void
test_cache_reruns (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(SluiceWorkflow) by_a = NULL;
  g_autoptr(SluiceWorkflow) by_b = NULL;
  g_autoptr(SluiceSimResult) r1 = NULL;
  g_autoptr(SluiceSimResult) r2 = NULL;
  g_autoptr(SluiceSimResult) r3 = NULL;
  g_autoptr(SluiceSimResult) r4 = NULL;

  /* event k (k = 1…9) at minute k, entity ek, a = k, b = "vk"; imported 9, 8, …, 1 */
  for (guint k = 9; k >= 1; k--)
    {
      g_autofree char *id = g_strdup_printf ("r%u", k);
      g_autofree char *time = g_strdup_printf ("2026-03-01T10:%02u:00Z", k);
      g_autofree char *data = g_strdup_printf ("{\"acc\":\"e%u\",\"a\":%u,\"b\":\"v%u\"}", k, k, k);
      test_add_event (events, id, "cache.test", time, "t1", data);
    }
  test_dataset_import_all (ds, events->str, 9);

  by_a = test_load_workflow (WF_HEAD ("cache-a", "cache.test")
                             "    filters:\n"
                             FILTER ("data.a", "gte", "7")
                             "    next: act\n"
                             "  entityKey: data.acc\n"
                             "  steps:\n"
                             RECORD_STEP ("act"));
  by_b = test_load_workflow (WF_HEAD ("cache-b", "cache.test")
                             "    filters:\n"
                             FILTER ("data.b", "in", "[v2, v3]")
                             FILTER ("data.a", "lte", "2")
                             "    next: act\n"
                             "  entityKey: data.acc\n"
                             "  steps:\n"
                             RECORD_STEP ("act"));

  r1 = test_run (ds, by_a, NULL);
  g_assert_cmpuint (r1->events_matched, ==, 3);
  g_assert_nonnull (sluice_sim_result_lookup_entity (r1, "e7"));
  g_assert_nonnull (sluice_sim_result_lookup_entity (r1, "e9"));

  r2 = test_run (ds, by_b, NULL);
  assert_filter (r2, "trig", 0, 2, 7, 0, 0, 0);
  assert_filter (r2, "trig", 1, 2, 7, 0, 0, 0);
  g_assert_cmpuint (r2->events_matched, ==, 1);
  g_assert_nonnull (sluice_sim_result_lookup_entity (r2, "e2"));

  /* two more events, one before all the others */
  test_dataset_import_all (ds,
    "{\"specversion\":\"1.0\",\"id\":\"r0\",\"source\":\"//t\",\"type\":\"cache.test\",\"time\":\"2026-03-01T09:00:00Z\","
    "\"tenant\":\"t1\",\"data\":{\"acc\":\"e0\",\"a\":8,\"b\":\"v3\"}}\n"
    "{\"specversion\":\"1.0\",\"id\":\"r10\",\"source\":\"//t\",\"type\":\"cache.test\",\"time\":\"2026-03-01T10:10:00Z\","
    "\"tenant\":\"t1\",\"data\":{\"acc\":\"e10\",\"a\":1,\"b\":\"v2\"}}\n",
    2);
  r3 = test_run (ds, by_a, NULL);
  g_assert_cmpuint (r3->events_scanned, ==, 11);
  g_assert_cmpuint (r3->events_matched, ==, 4);
  g_assert_nonnull (sluice_sim_result_lookup_entity (r3, "e0"));
  r4 = test_run (ds, by_b, NULL);
  g_assert_cmpuint (r4->events_matched, ==, 2);
  g_assert_nonnull (sluice_sim_result_lookup_entity (r4, "e10"));

  /* the earlier results keep their own entity names */
  g_assert_nonnull (sluice_sim_result_lookup_entity (r1, "e8"));
  g_assert_cmpstr (g_array_index (r2->entities, SluiceEntityStat, 0).entity, ==, "e2");
}

/* ---- scope ---------------------------------------------------------------------- */

static void
test_scope_window (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(GString) events = g_string_new (NULL);
  static const struct {
    const char *from, *to;
    guint64     scanned;
  } windows[] = {
    { "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", 3 },  /* 10:00, 10:30, 10:59:59.999 */
    { "2026-03-01T10:00:00Z", "2026-03-01T10:00:00Z", 0 },
    { "2026-03-01T10:00:00.001Z", "2026-03-01T11:00:00.001Z", 3 },  /* 10:30, 10:59:59.999, 11:00 */
    { "2026-03-01T09:59:59.999Z", "2026-03-01T10:00:00Z", 1 },
    { "2026-03-01T10:00:00Z", NULL, 5 },
    { NULL, "2026-03-01T11:00:00Z", 4 },
    { NULL, NULL, 6 },
    { "2026-03-01T12:00:00Z", "2026-03-01T11:00:00Z", 0 },
  };

  test_add_event (events, "w5", "win.test", "2026-03-01T11:00:00.001Z", "t1", "{\"acc\":\"w\"}");
  test_add_event (events, "w0", "win.test", "2026-03-01T09:59:59.999Z", "t1", "{\"acc\":\"w\"}");
  test_add_event (events, "w4", "win.test", "2026-03-01T11:00:00Z", "t1", "{\"acc\":\"w\"}");
  test_add_event (events, "w1", "win.test", "2026-03-01T10:00:00Z", "t1", "{\"acc\":\"w\"}");
  test_add_event (events, "w3", "win.test", "2026-03-01T10:59:59.999Z", "t1", "{\"acc\":\"w\"}");
  test_add_event (events, "w2", "win.test", "2026-03-01T10:30:00Z", "t1", "{\"acc\":\"w\"}");
  test_add_event (events, "x1", "other.test", "2026-03-01T10:30:00Z", "t1", "{\"acc\":\"w\"}");
  test_dataset_import_all (ds, events->str, 7);

  workflow = test_load_workflow (WF_HEAD ("window", "win.test")
                                 "    next: act\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 RECORD_STEP ("act"));

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      g_autoptr(SluiceScope) scope = sluice_scope_new ();
      g_autoptr(SluiceSimResult) result = NULL;

      if (windows[i].from)
        scope->from_ms = test_ms (windows[i].from);
      if (windows[i].to)
        scope->to_ms = test_ms (windows[i].to);
      result = test_run (ds, workflow, scope);

      g_test_message ("window %u: [%s, %s)", i, windows[i].from, windows[i].to);
      g_assert_cmpuint (result->events_scanned, ==, windows[i].scanned);
      g_assert_cmpuint (result->events_matched, ==, windows[i].scanned);
      g_assert_cmpuint (result->runs, ==, windows[i].scanned);
      g_assert_cmpuint (sluice_sim_result_get_actions (result, "act"), ==, windows[i].scanned);
    }
}

/* t1: a1 a2 a1 and one without an entity; t2: b1 b2; no tenant: c1 */
static const char tenant_events[] =
  "{\"specversion\":\"1.0\",\"id\":\"t1\",\"source\":\"//t\",\"type\":\"ten.test\",\"time\":\"2026-03-01T10:00:00Z\",\"tenant\":\"t1\",\"data\":{\"acc\":\"a1\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"t2\",\"source\":\"//t\",\"type\":\"ten.test\",\"time\":\"2026-03-01T10:01:00Z\",\"tenant\":\"t1\",\"data\":{\"acc\":\"a2\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"t3\",\"source\":\"//t\",\"type\":\"ten.test\",\"time\":\"2026-03-01T10:02:00Z\",\"tenant\":\"t1\",\"data\":{\"acc\":\"a1\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"t4\",\"source\":\"//t\",\"type\":\"ten.test\",\"time\":\"2026-03-01T10:03:00Z\",\"tenant\":\"t1\",\"data\":{\"other\":1}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"t5\",\"source\":\"//t\",\"type\":\"ten.test\",\"time\":\"2026-03-01T10:04:00Z\",\"tenant\":\"t2\",\"data\":{\"acc\":\"b1\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"t6\",\"source\":\"//t\",\"type\":\"ten.test\",\"time\":\"2026-03-01T10:05:00Z\",\"tenant\":\"t2\",\"data\":{\"acc\":\"b2\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"t7\",\"source\":\"//t\",\"type\":\"ten.test\",\"time\":\"2026-03-01T10:06:00Z\",\"data\":{\"acc\":\"c1\"}}\n";

static SluiceWorkflow *
tenant_workflow (void)
{
  return test_load_workflow (WF_HEAD ("tenants", "ten.test")
                             "    next: act\n"
                             "  entityKey: data.acc\n"
                             "  steps:\n"
                             RECORD_STEP ("act"));
}

/* A trigger type without events: nothing runs, and the run says why.
 * Run in a child process: loading an empty type has tripped
 * UndefinedBehaviorSanitizer (qsort of a NULL array), which aborts, and
 * that must fail this test only. */
static void
test_no_events (void)
{
  g_autoptr(TestDataset) ds = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  ds = test_dataset_new ();
  test_dataset_import_all (ds, tenant_events, 7);
  workflow = test_load_workflow (WF_HEAD ("no-events", "nothing.here")
                                 "    next: act\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 RECORD_STEP ("act"));
  result = test_run (ds, workflow, NULL);
  g_assert_cmpuint (result->events_scanned, ==, 0);
  g_assert_cmpuint (result->runs, ==, 0);
  g_assert_cmpuint (result->entities->len, ==, 0);
  g_assert_true (test_has_finding (result, "data/no-events"));
}

static void
test_scope_tenants (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  static const struct {
    const char *tenants[3];
    gboolean    all;
    guint64     scanned, without_entity, entities;
  } cases[] = {
    { { NULL }, TRUE, 7, 1, 5 },
    { { "t1", NULL }, FALSE, 4, 1, 2 },
    { { "t2", NULL }, FALSE, 2, 0, 2 },
    { { "t1", "t2", NULL }, FALSE, 6, 1, 4 },
    { { "t9", NULL }, FALSE, 0, 0, 0 },
  };

  test_dataset_import_all (ds, tenant_events, 7);
  workflow = tenant_workflow ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SluiceScope) scope = sluice_scope_new ();
      g_autoptr(SluiceSimResult) result = NULL;

      if (!cases[i].all)
        scope->tenants = g_strdupv ((char **) cases[i].tenants);
      result = test_run (ds, workflow, scope);

      g_test_message ("tenant case %u", i);
      g_assert_cmpuint (result->events_scanned, ==, cases[i].scanned);
      g_assert_cmpuint (result->events_matched, ==, cases[i].scanned);
      g_assert_cmpuint (result->events_without_entity, ==, cases[i].without_entity);
      g_assert_cmpuint (result->entities_matched, ==, cases[i].entities);
      g_assert_cmpuint (result->runs, ==, cases[i].scanned - cases[i].without_entity);

      if (i == 0)
        {
          const SluiceEntityStat *a1 = sluice_sim_result_lookup_entity (result, "a1");
          const SluiceEntityStat *c1 = sluice_sim_result_lookup_entity (result, "c1");

          g_assert_nonnull (a1);
          g_assert_cmpstr (a1->tenant, ==, "t1");
          g_assert_cmpuint (a1->events, ==, 2);
          g_assert_cmpuint (a1->actions, ==, 2);
          g_assert_nonnull (c1);
          g_assert_null (c1->tenant);
          /* the most actions first */
          g_assert_cmpstr (g_array_index (result->entities, SluiceEntityStat, 0).entity, ==, "a1");
          g_assert_true (test_has_finding (result, "data/entity-missing"));
        }
    }
}

static void
test_scope_segments (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  static const struct {
    const char *segments[3];
    const char *tenant;
    guint64     scanned, entities;
  } cases[] = {
    { { "vip", NULL }, NULL, 3, 2 },         /* a1 a1 b2 */
    { { "eu", NULL }, NULL, 2, 2 },          /* a2 c1 */
    { { "vip", "eu", NULL }, NULL, 5, 4 },
    { { "vip", NULL }, "t1", 2, 1 },         /* a1 a1 */
  };

  test_dataset_import_all (ds, tenant_events, 7);
  /* an id without events, a comment and a blank line; a CSV with a header */
  test_dataset_import_segment (ds, "vip", "a1\n# a comment\n\nb2\nzz-none\n", 3);
  test_dataset_import_segment (ds, "eu", "account,region\na2,eu\n\"c1\",eu\n", 2);
  workflow = tenant_workflow ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SluiceScope) scope = sluice_scope_new ();
      g_autoptr(SluiceSimResult) result = NULL;

      scope->segments = g_strdupv ((char **) cases[i].segments);
      if (cases[i].tenant)
        {
          const char *tenants[] = { cases[i].tenant, NULL };
          scope->tenants = g_strdupv ((char **) tenants);
        }
      result = test_run (ds, workflow, scope);

      g_test_message ("segment case %u", i);
      g_assert_cmpuint (result->events_scanned, ==, cases[i].scanned);
      g_assert_cmpuint (result->events_matched, ==, cases[i].scanned);
      g_assert_cmpuint (result->events_without_entity, ==, 0);
      g_assert_cmpuint (result->entities_matched, ==, cases[i].entities);
    }

  /* importing a segment again replaces it */
  test_dataset_import_segment (ds, "vip", "b1\n", 1);
  {
    g_autoptr(SluiceScope) scope = sluice_scope_new ();
    g_autoptr(SluiceSimResult) result = NULL;
    const char *segments[] = { "vip", NULL };

    scope->segments = g_strdupv ((char **) segments);
    result = test_run (ds, workflow, scope);
    g_assert_cmpuint (result->events_scanned, ==, 1);
    g_assert_nonnull (sluice_sim_result_lookup_entity (result, "b1"));
  }

  /* a segment as the canary */
  {
    g_autoptr(SluiceScope) scope = sluice_scope_new ();
    g_autoptr(SluiceSimResult) result = NULL;

    scope->canary_segment = g_strdup ("eu");
    result = test_run (ds, workflow, scope);
    g_assert_cmpuint (result->entities_matched, ==, 5);
    g_assert_cmpuint (result->canary_entities, ==, 2);
    g_assert_cmpuint (result->canary_actions, ==, 2);
    for (guint i = 0; i < result->entities->len; i++)
      {
        const SluiceEntityStat *stat = &g_array_index (result->entities, SluiceEntityStat, i);
        gboolean expected = g_str_equal (stat->entity, "a2") || g_str_equal (stat->entity, "c1");
        g_assert_cmpint (stat->in_canary, ==, expected);
      }
  }

  /* an unknown segment is an error, not an empty scope */
  {
    g_autoptr(SluiceScope) scope = sluice_scope_new ();
    g_autoptr(GError) error = NULL;
    const char *segments[] = { "nope", NULL };
    SluiceSimResult *result;

    scope->segments = g_strdupv ((char **) segments);
    result = sluice_simulator_run (test_dataset_get_simulator (ds), workflow, scope, NULL, &error);
    g_assert_null (result);
    g_assert_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_SCOPE);
  }
}

/* ---- trigger, entity, cooldown ----------------------------------------------------- */

/* The trigger's `source` ("only events from this source") narrows the
 * events like its type does. */
static void
test_trigger_source (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;

  test_dataset_import_all (ds,
    "{\"specversion\":\"1.0\",\"id\":\"s1\",\"source\":\"//billing.example\",\"type\":\"src.test\",\"time\":\"2026-03-01T10:00:00Z\",\"data\":{\"acc\":\"a\"}}\n"
    "{\"specversion\":\"1.0\",\"id\":\"s2\",\"source\":\"//crm.example\",\"type\":\"src.test\",\"time\":\"2026-03-01T10:01:00Z\",\"data\":{\"acc\":\"b\"}}\n"
    "{\"specversion\":\"1.0\",\"id\":\"s3\",\"source\":\"//billing.example\",\"type\":\"src.test\",\"time\":\"2026-03-01T10:02:00Z\",\"data\":{\"acc\":\"c\"}}\n",
    3);

  workflow = test_load_workflow (WF_HEAD ("source", "src.test")
                                 "    source: //billing.example\n"
                                 "    next: act\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 RECORD_STEP ("act"));
  result = test_run (ds, workflow, NULL);

  g_assert_cmpuint (result->events_matched, ==, 2);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "act"), ==, 2);
  g_assert_null (sluice_sim_result_lookup_entity (result, "b"));
}

static void
test_entity_key (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GString) events = g_string_new (NULL);
  const SluiceEntityStat *stat;

  test_add_event (events, "k1", "key.test", "2026-03-01T10:01:00Z", "t1", "{\"acc\":\"x1\"}");
  test_add_event (events, "k2", "key.test", "2026-03-01T10:02:00Z", "t1", "{\"acc\":42}");
  test_add_event (events, "k3", "key.test", "2026-03-01T10:03:00Z", "t1", "{\"acc\":\"42\"}");   /* the same entity as 42 */
  test_add_event (events, "k4", "key.test", "2026-03-01T10:04:00Z", "t1", "{\"acc\":7.5}");
  test_add_event (events, "k5", "key.test", "2026-03-01T10:05:00Z", "t1", "{\"other\":\"x1\"}");  /* no entity: */
  test_add_event (events, "k6", "key.test", "2026-03-01T10:06:00Z", "t1", "{\"acc\":null}");
  test_add_event (events, "k7", "key.test", "2026-03-01T10:07:00Z", "t1", "{\"acc\":true}");
  test_add_event (events, "k8", "key.test", "2026-03-01T10:08:00Z", "t1", "{\"acc\":{\"id\":1}}");
  test_add_event (events, "k9", "key.test", "2026-03-01T10:09:00Z", "t1", NULL);
  test_add_event (events, "k10", "key.test", "2026-03-01T10:10:00Z", "t1", "{\"acc\":\"x1\"}");
  test_dataset_import_all (ds, events->str, 10);

  workflow = test_load_workflow (WF_HEAD ("entity-key", "key.test")
                                 "    next: act\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 RECORD_STEP ("act"));
  result = test_run (ds, workflow, NULL);

  g_assert_cmpuint (result->events_scanned, ==, 10);
  g_assert_cmpuint (result->events_matched, ==, 10);
  g_assert_cmpuint (result->events_without_entity, ==, 5);
  g_assert_cmpuint (result->entities_matched, ==, 3);
  g_assert_cmpuint (result->runs, ==, 5);
  g_assert_cmpuint (result->actions_total, ==, 5);
  g_assert_cmpuint (result->entities->len, ==, 3);
  stat = sluice_sim_result_lookup_entity (result, "42");
  g_assert_nonnull (stat);
  g_assert_cmpuint (stat->events, ==, 2);
  stat = sluice_sim_result_lookup_entity (result, "7.5");
  g_assert_nonnull (stat);
  g_assert_cmpuint (stat->events, ==, 1);
  stat = sluice_sim_result_lookup_entity (result, "x1");
  g_assert_nonnull (stat);
  g_assert_cmpuint (stat->events, ==, 2);
  g_assert_true (test_has_finding (result, "data/entity-missing"));

  /* numbers as entities in a segment, as their text */
  test_dataset_import_segment (ds, "numbers", "42\n7.5\n", 2);
  {
    g_autoptr(SluiceScope) scope = sluice_scope_new ();
    g_autoptr(SluiceSimResult) in_segment = NULL;
    const char *segments[] = { "numbers", NULL };

    scope->segments = g_strdupv ((char **) segments);
    in_segment = test_run (ds, workflow, scope);
    g_assert_cmpuint (in_segment->events_scanned, ==, 3);
    g_assert_cmpuint (in_segment->entities_matched, ==, 2);
  }
}

/* spec.safety.cooldown: measured from the entity's last run, in time
 * order, whatever the import order. Entity a at hours 0 1 5 7 8 14 16 20,
 * b at 2 and 3, cooldown 6h:
 *   a: 0 run, 1 5 held (< 6), 7 run, 8 held, 14 run, 16 held, 20 run (= 14 + 6h)
 *   b: 2 run, 3 held
 * A cooldown counted from held events would hold 7 too (5 + 6h = 11). */
static const char *cooldown_hours[] = {
  /* two imports, both against time order */
  "a16", "a0", "b3", "a8", NULL,
  "a20", "a1", "a14", "b2", "a5", "a7", NULL,
};

static SluiceWorkflow *
cooldown_workflow (void)
{
  return test_load_workflow (WF_HEAD ("cooldown", "cool.test")
                             "    next: act\n"
                             "  entityKey: data.acc\n"
                             "  steps:\n"
                             RECORD_STEP ("act")
                             "  safety:\n"
                             "    cooldown: 6h\n");
}

static void
import_cooldown_events (TestDataset *ds)
{
  guint batch = 0;
  g_autoptr(GString) events = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cooldown_hours); i++)
    {
      const char *name = cooldown_hours[i];

      if (name == NULL)
        {
          test_dataset_import_all (ds, events->str, batch == 0 ? 4 : 6);
          g_string_truncate (events, 0);
          batch++;
          continue;
        }
      {
        guint hour = atoi (name + 1);
        g_autofree char *time = g_strdup_printf ("2026-03-02T%02u:00:00Z", hour);
        g_autofree char *data = g_strdup_printf ("{\"acc\":\"%c\",\"hour\":%u}", name[0], hour);

        test_add_event (events, name, "cool.test", time, "t1", data);
      }
    }
}

static void
test_cooldown_time_order (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  const SluiceEntityStat *a, *b;

  import_cooldown_events (ds);
  workflow = cooldown_workflow ();
  result = test_run (ds, workflow, NULL);

  g_assert_cmpuint (result->events_matched, ==, 10);
  g_assert_cmpuint (result->entities_matched, ==, 2);
  g_assert_cmpuint (result->runs, ==, 5);
  g_assert_cmpuint (result->suppressed_by_cooldown, ==, 5);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "act"), ==, 5);
  a = sluice_sim_result_lookup_entity (result, "a");
  b = sluice_sim_result_lookup_entity (result, "b");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->events, ==, 8);
  g_assert_cmpuint (a->runs, ==, 4);
  g_assert_cmpuint (a->actions, ==, 4);
  g_assert_cmpuint (b->events, ==, 2);
  g_assert_cmpuint (b->runs, ==, 1);
}

/* The shadow log of the same entity: its events earliest first, each with
 * its fate. */
static void
test_cooldown_shadow_log_order (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  g_autoptr(JsonNode) log = NULL;
  g_autoptr(GError) error = NULL;
  static const struct {
    guint       hour;
    const char *fate;
  } expected[] = {
    { 0, "run" }, { 1, "cooldown" }, { 5, "cooldown" }, { 7, "run" },
    { 8, "cooldown" }, { 14, "run" }, { 16, "cooldown" }, { 20, "run" },
  };
  JsonArray *entries;

  import_cooldown_events (ds);
  workflow = cooldown_workflow ();
  log = sluice_simulator_shadow_log (test_dataset_get_simulator (ds), workflow, scope, "a", 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (log);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (log));
  entries = json_node_get_array (log);
  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected) && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonObject *event = json_object_get_object_member (entry, "event");
      JsonObject *data = json_object_get_object_member (event, "data");
      JsonArray *actions = json_object_get_array_member (entry, "actions");

      g_assert_cmpint (json_object_get_int_member (data, "hour"), ==, expected[i].hour);
      g_assert_cmpstr (json_object_get_string_member (entry, "fate"), ==, expected[i].fate);
      g_assert_cmpuint (json_array_get_length (actions), ==, g_str_equal (expected[i].fate, "run") ? 1 : 0);
    }
}

/* ---- the graph ------------------------------------------------------------------------ */

static void
test_graph_condition (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(GString) events = g_string_new (NULL);
  static const char * const matches[] = { "any", "all" };

  test_add_event (events, "x1", "cond.test", "2026-03-01T10:01:00Z", "t1", "{\"acc\":\"x1\",\"n\":95,\"s\":\"low\"}");
  test_add_event (events, "x2", "cond.test", "2026-03-01T10:02:00Z", "t1", "{\"acc\":\"x2\",\"n\":10,\"s\":\"urgent\"}");
  test_add_event (events, "x3", "cond.test", "2026-03-01T10:03:00Z", "t1", "{\"acc\":\"x3\",\"n\":10,\"s\":\"low\"}");
  test_add_event (events, "x4", "cond.test", "2026-03-01T10:04:00Z", "t1", "{\"acc\":\"x4\"}");
  test_add_event (events, "x5", "cond.test", "2026-03-01T10:05:00Z", "t1", "{\"acc\":\"x5\",\"n\":\"95\",\"s\":1}");
  test_add_event (events, "x6", "cond.test", "2026-03-01T10:06:00Z", "t1", "{\"acc\":\"x6\",\"n\":90,\"s\":\"urgent\"}");
  test_dataset_import_all (ds, events->str, 6);

  for (guint m = 0; m < G_N_ELEMENTS (matches); m++)
    {
      g_autofree char *yaml = g_strdup_printf (WF_HEAD ("condition", "cond.test")
                                               "    next: check\n"
                                               "  entityKey: data.acc\n"
                                               "  steps:\n"
                                               "  - id: check\n"
                                               "    type: condition\n"
                                               "    match: %s\n"
                                               "    filters:\n"
                                               FILTER ("data.n", "gte", "90")
                                               FILTER ("data.s", "eq", "urgent")
                                               "    then: hot\n"
                                               "    else: cold\n"
                                               RECORD_STEP ("hot")
                                               "    next: check-more\n"
                                               "  - id: check-more\n"
                                               "    type: condition\n"
                                               "    filters:\n"
                                               FILTER ("data.n", "gt", "92")
                                               "    then: very-hot\n"
                                               RECORD_STEP ("very-hot")
                                               RECORD_STEP ("cold"),
                                               matches[m]);
      g_autoptr(SluiceWorkflow) workflow = test_load_workflow (yaml);
      g_autoptr(SluiceSimResult) result = test_run (ds, workflow, NULL);

      g_test_message ("match: %s", matches[m]);
      g_assert_cmpuint (result->runs, ==, 6);
      g_assert_cmpuint (test_step (result, "check")->reached, ==, 6);
      /* both filters are counted on every visit, whatever the other said */
      assert_filter (result, "check", 0, 2, 2, 1, 1, 0);   /* x1 x6 | x2 x3 | x4 | x5 */
      assert_filter (result, "check", 1, 2, 2, 1, 1, 0);   /* x2 x6 | x1 x3 | x4 | x5 */

      if (m == 0)
        {
          /* any: x1 x2 x6 go on; x3, and x4 x5 that could not be evaluated, do not */
          g_assert_cmpuint (sluice_sim_result_get_actions (result, "hot"), ==, 3);
          g_assert_cmpuint (sluice_sim_result_get_actions (result, "cold"), ==, 3);
          assert_filter (result, "check-more", 0, 1, 2, 0, 0, 0);   /* x1 | x2 x6 */
          g_assert_cmpuint (sluice_sim_result_get_actions (result, "very-hot"), ==, 1);
          g_assert_cmpuint (result->actions_total, ==, 7);
          g_assert_cmpuint (entity_actions (result, "x1"), ==, 2);
          g_assert_cmpuint (entity_actions (result, "x4"), ==, 1);
        }
      else
        {
          g_assert_cmpuint (sluice_sim_result_get_actions (result, "hot"), ==, 1);
          g_assert_cmpuint (sluice_sim_result_get_actions (result, "cold"), ==, 5);
          assert_filter (result, "check-more", 0, 0, 1, 0, 0, 0);   /* x6: 90 */
          g_assert_cmpuint (sluice_sim_result_get_actions (result, "very-hot"), ==, 0);
          g_assert_cmpuint (result->actions_total, ==, 6);
        }
    }
}

static void
test_graph_switch (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GString) events = g_string_new (NULL);

  test_add_event (events, "s1", "sw.test", "2026-03-01T10:01:00Z", "t1", "{\"acc\":\"s1\",\"plan\":\"enterprise\"}");
  test_add_event (events, "s2", "sw.test", "2026-03-01T10:02:00Z", "t1", "{\"acc\":\"s2\",\"plan\":3}");
  test_add_event (events, "s3", "sw.test", "2026-03-01T10:03:00Z", "t1", "{\"acc\":\"s3\",\"plan\":\"3\"}");
  test_add_event (events, "s4", "sw.test", "2026-03-01T10:04:00Z", "t1", "{\"acc\":\"s4\",\"plan\":true}");
  test_add_event (events, "s5", "sw.test", "2026-03-01T10:05:00Z", "t1", "{\"acc\":\"s5\"}");
  test_add_event (events, "s6", "sw.test", "2026-03-01T10:06:00Z", "t1", "{\"acc\":\"s6\",\"plan\":\"free\"}");
  test_add_event (events, "s7", "sw.test", "2026-03-01T10:07:00Z", "t1", "{\"acc\":\"s7\",\"plan\":\"enterprise\"}");
  test_add_event (events, "s8", "sw.test", "2026-03-01T10:08:00Z", "t1", "{\"acc\":\"s8\",\"plan\":null}");
  test_add_event (events, "s9", "sw.test", "2026-03-01T10:09:00Z", "t1", "{\"acc\":\"s9\",\"plan\":3.0}");
  test_dataset_import_all (ds, events->str, 9);

  workflow = test_load_workflow (WF_HEAD ("switch", "sw.test")
                                 "    next: by-plan\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 "  - id: by-plan\n"
                                 "    type: switch\n"
                                 "    path: data.plan\n"
                                 "    cases:\n"
                                 "    - value: enterprise\n"
                                 "      next: to-enterprise\n"
                                 "    - value: 3\n"
                                 "      next: to-three\n"
                                 "    - value: true\n"
                                 "      next: to-true\n"
                                 "    - value: enterprise\n"
                                 "      next: to-second\n"
                                 "    default: to-default\n"
                                 RECORD_STEP ("to-enterprise")
                                 RECORD_STEP ("to-three")
                                 RECORD_STEP ("to-true")
                                 RECORD_STEP ("to-second")
                                 RECORD_STEP ("to-default"));
  result = test_run (ds, workflow, NULL);

  g_assert_cmpuint (test_step (result, "by-plan")->reached, ==, 9);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "to-enterprise"), ==, 2);  /* s1 s7 */
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "to-three"), ==, 2);       /* s2 s9 */
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "to-true"), ==, 1);        /* s4 */
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "to-second"), ==, 0);      /* the first case wins */
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "to-default"), ==, 4);     /* s3 ("3") s5 s6 s8 */
  g_assert_cmpuint (entity_actions (result, "s3"), ==, 1);
  g_assert_cmpuint (result->actions_total, ==, 9);
}

/* Two for-eachs in a row multiply: contacts capped at 3, then tags capped
 * at 2 for each contact. */
static void
test_graph_foreach (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GString) events = g_string_new (NULL);
  const SluiceStepOutcome *each, *each_tag;

  /*                                                  contacts   tags     welcome  tag */
  test_add_event (events, "f1", "fe.test", "2026-03-01T10:01:00Z", "t1",
                  "{\"acc\":\"f1\",\"contacts\":[1,2,3,4,5],\"tags\":[\"t\"]}");  /* 5→3 cap  1        3        3 */
  test_add_event (events, "f2", "fe.test", "2026-03-01T10:02:00Z", "t1",
                  "{\"acc\":\"f2\",\"contacts\":[{\"e\":1},{\"e\":2}],\"tags\":[1,2,3,4]}");  /* 2  4→2 cap  2  4 */
  test_add_event (events, "f3", "fe.test", "2026-03-01T10:03:00Z", "t1",
                  "{\"acc\":\"f3\",\"contacts\":[],\"tags\":[1]}");                /* 0                  0        0 */
  test_add_event (events, "f4", "fe.test", "2026-03-01T10:04:00Z", "t1",
                  "{\"acc\":\"f4\",\"tags\":[1]}");                                /* missing            0        0 */
  test_add_event (events, "f5", "fe.test", "2026-03-01T10:05:00Z", "t1",
                  "{\"acc\":\"f5\",\"contacts\":\"abc\",\"tags\":[1]}");           /* not a list         0        0 */
  test_add_event (events, "f6", "fe.test", "2026-03-01T10:06:00Z", "t1",
                  "{\"acc\":\"f6\",\"contacts\":[[1],[2],[3]],\"tags\":[]}");      /* 3 (= cap)  0       3        0 */
  test_dataset_import_all (ds, events->str, 6);

  workflow = test_load_workflow (WF_HEAD ("foreach", "fe.test")
                                 "    next: each\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 "  - id: each\n"
                                 "    type: foreach\n"
                                 "    items: data.contacts\n"
                                 "    as: contact\n"
                                 "    cap: 3\n"
                                 "    next: welcome\n"
                                 RECORD_STEP ("welcome")
                                 "    next: each-tag\n"
                                 "  - id: each-tag\n"
                                 "    type: foreach\n"
                                 "    items: data.tags\n"
                                 "    as: tag\n"
                                 "    cap: 2\n"
                                 "    next: tagged\n"
                                 RECORD_STEP ("tagged"));
  result = test_run (ds, workflow, NULL);

  each = test_step (result, "each");
  each_tag = test_step (result, "each-tag");
  g_assert_cmpuint (each->reached, ==, 6);
  g_assert_cmpuint (each->cap_hits, ==, 1);
  g_assert_cmpuint (test_step (result, "welcome")->reached, ==, 8);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "welcome"), ==, 8);
  g_assert_cmpuint (each_tag->reached, ==, 8);
  g_assert_cmpuint (each_tag->cap_hits, ==, 1);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "tagged"), ==, 7);
  g_assert_cmpuint (result->actions_total, ==, 15);
  g_assert_cmpuint (entity_actions (result, "f1"), ==, 6);
  g_assert_cmpuint (entity_actions (result, "f2"), ==, 6);
  g_assert_cmpuint (entity_actions (result, "f6"), ==, 3);
  g_assert_cmpuint (result->runs, ==, 6);
  g_assert_true (test_has_finding (result, "data/fan-out-cap"));
}

static void
test_graph_approval (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GString) events = g_string_new (NULL);

  test_add_event (events, "g1", "gate.test", "2026-03-01T10:01:00Z", "t1", "{\"acc\":\"g1\",\"items\":[1,2]}");
  test_add_event (events, "g2", "gate.test", "2026-03-01T10:02:00Z", "t1", "{\"acc\":\"g2\",\"items\":[1]}");
  test_add_event (events, "g3", "gate.test", "2026-03-01T10:03:00Z", "t1", "{\"acc\":\"g3\",\"items\":[]}");
  test_add_event (events, "g4", "gate.test", "2026-03-01T10:04:00Z", "t1", "{\"acc\":\"g4\",\"items\":[1,2,3]}");
  test_dataset_import_all (ds, events->str, 4);

  workflow = test_load_workflow (WF_HEAD ("approval", "gate.test")
                                 "    next: each\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 "  - id: each\n"
                                 "    type: foreach\n"
                                 "    items: data.items\n"
                                 "    next: gate\n"
                                 "  - id: gate\n"
                                 "    type: approval\n"
                                 "    approvers:\n"
                                 "    - ops@sluice.example\n"
                                 "    next: act\n"
                                 RECORD_STEP ("act"));
  result = test_run (ds, workflow, NULL);

  g_assert_cmpuint (test_step (result, "gate")->reached, ==, 6);
  g_assert_cmpuint (test_step (result, "gate")->pending_approvals, ==, 6);
  g_assert_cmpuint (test_step (result, "gate")->actions, ==, 0);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "act"), ==, 6);
  g_assert_cmpuint (result->actions_total, ==, 6);
}

/* A cooldown step lets one run per entity through in its window. Entity a
 * at 0, 30, 60, 61 and 125 minutes, b at 10: a passes at 0, 60 (= 0 + 1h)
 * and 125; 30 and 61 are held. */
static void
test_graph_cooldown_step (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GString) events = g_string_new (NULL);

  test_add_event (events, "m125", "cs.test", "2026-03-01T02:05:00Z", "t1", "{\"acc\":\"a\"}");
  test_add_event (events, "m30", "cs.test", "2026-03-01T00:30:00Z", "t1", "{\"acc\":\"a\"}");
  test_add_event (events, "m0", "cs.test", "2026-03-01T00:00:00Z", "t1", "{\"acc\":\"a\"}");
  test_add_event (events, "m61", "cs.test", "2026-03-01T01:01:00Z", "t1", "{\"acc\":\"a\"}");
  test_add_event (events, "m60", "cs.test", "2026-03-01T01:00:00Z", "t1", "{\"acc\":\"a\"}");
  test_add_event (events, "b10", "cs.test", "2026-03-01T00:10:00Z", "t1", "{\"acc\":\"b\"}");
  test_dataset_import_all (ds, events->str, 6);

  workflow = test_load_workflow (WF_HEAD ("cooldown-step", "cs.test")
                                 "    next: cool\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 "  - id: cool\n"
                                 "    type: cooldown\n"
                                 "    window: 1h\n"
                                 "    next: act\n"
                                 RECORD_STEP ("act"));
  result = test_run (ds, workflow, NULL);

  g_assert_cmpuint (result->runs, ==, 6);
  g_assert_cmpuint (result->suppressed_by_cooldown, ==, 0);
  g_assert_cmpuint (test_step (result, "cool")->reached, ==, 6);
  g_assert_cmpuint (test_step (result, "cool")->suppressed, ==, 2);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "act"), ==, 4);
  g_assert_cmpuint (entity_actions (result, "a"), ==, 3);
  g_assert_cmpuint (entity_actions (result, "b"), ==, 1);
}

/* The cooldown step's `key` ("what counts as the same run; the entity when
 * empty"): with the agreement kind as the key, one entity's MSA and NDA
 * are cooled down apart. */
static void
test_graph_cooldown_key (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GString) events = g_string_new (NULL);

  test_add_event (events, "k1", "ck.test", "2026-03-01T00:00:00Z", "t1", "{\"acc\":\"a\",\"kind\":\"MSA\"}");
  test_add_event (events, "k2", "ck.test", "2026-03-01T00:10:00Z", "t1", "{\"acc\":\"a\",\"kind\":\"NDA\"}");
  test_add_event (events, "k3", "ck.test", "2026-03-01T00:20:00Z", "t1", "{\"acc\":\"a\",\"kind\":\"MSA\"}");
  test_dataset_import_all (ds, events->str, 3);

  workflow = test_load_workflow (WF_HEAD ("cooldown-key", "ck.test")
                                 "    next: cool\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 "  - id: cool\n"
                                 "    type: cooldown\n"
                                 "    window: 1d\n"
                                 "    key: \"{{ data.kind }}\"\n"
                                 "    next: act\n"
                                 RECORD_STEP ("act"));
  result = test_run (ds, workflow, NULL);

  /* k1 (MSA) and k2 (NDA) pass; k3 is the second MSA within the day */
  g_assert_cmpuint (test_step (result, "cool")->suppressed, ==, 1);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "act"), ==, 2);
}

/* After a for-each the steps run once per item; a cooldown step keyed on
 * the entity then lets the first item through and holds the others, which
 * come at the same moment for the same entity. */
static void
test_graph_cooldown_after_foreach (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GString) events = g_string_new (NULL);

  test_add_event (events, "i1", "cf.test", "2026-03-01T00:00:00Z", "t1", "{\"acc\":\"a\",\"items\":[1,2,3]}");
  test_add_event (events, "i2", "cf.test", "2026-03-01T00:10:00Z", "t1", "{\"acc\":\"a\",\"items\":[1,2]}");
  test_add_event (events, "i3", "cf.test", "2026-03-01T00:20:00Z", "t1", "{\"acc\":\"b\",\"items\":[1,2]}");
  test_dataset_import_all (ds, events->str, 3);

  workflow = test_load_workflow (WF_HEAD ("cooldown-foreach", "cf.test")
                                 "    next: each\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 "  - id: each\n"
                                 "    type: foreach\n"
                                 "    items: data.items\n"
                                 "    next: cool\n"
                                 "  - id: cool\n"
                                 "    type: cooldown\n"
                                 "    window: 1h\n"
                                 "    next: act\n"
                                 RECORD_STEP ("act"));
  result = test_run (ds, workflow, NULL);

  /* i1: 1 through, 2 held; i2: 2 held; i3: 1 through, 1 held */
  g_assert_cmpuint (test_step (result, "cool")->reached, ==, 7);
  g_assert_cmpuint (test_step (result, "cool")->suppressed, ==, 5);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "act"), ==, 2);

  /* the shadow log, which runs the steps once per item, must agree */
  {
    g_autoptr(SluiceScope) scope = sluice_scope_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) log = sluice_simulator_shadow_log (test_dataset_get_simulator (ds), workflow, scope,
                                                           "a", 10, NULL, &error);
    JsonArray *entries = json_node_get_array (log);
    guint shadow_actions = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < json_array_get_length (entries); i++)
      shadow_actions += json_array_get_length (json_object_get_array_member (json_array_get_object_element (entries, i), "actions"));
    g_test_message ("entity a: %u actions in the shadow log, %u in the run", shadow_actions, entity_actions (result, "a"));
    g_assert_cmpuint (shadow_actions, ==, 1);
    g_assert_cmpuint (entity_actions (result, "a"), ==, shadow_actions);
  }
}

/* ---- fan-out --------------------------------------------------------------------------- */

/* maxFanOut 4 over a for-each into two actions (record, then ticket):
 *   E1  3 items: record 3, ticket 1 (2 dropped)
 *   E2  1 item:  record 1, ticket 1
 *   E3  2 items: record 2, ticket 2 (exactly 4: nothing dropped)
 *   E4  5 items: record 4 (1 dropped), ticket 0 (5 dropped) */
static SluiceSimResult *
run_fan_out (TestDataset *ds)
{
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(GString) events = g_string_new (NULL);

  test_add_event (events, "E1", "fan.test", "2026-03-01T10:01:00Z", "t1", "{\"acc\":\"e1\",\"items\":[1,2,3]}");
  test_add_event (events, "E2", "fan.test", "2026-03-01T10:02:00Z", "t1", "{\"acc\":\"e2\",\"items\":[1]}");
  test_add_event (events, "E3", "fan.test", "2026-03-01T10:03:00Z", "t1", "{\"acc\":\"e3\",\"items\":[1,2]}");
  test_add_event (events, "E4", "fan.test", "2026-03-01T10:04:00Z", "t1", "{\"acc\":\"e4\",\"items\":[1,2,3,4,5]}");
  test_dataset_import_all (ds, events->str, 4);

  workflow = test_load_workflow (WF_HEAD ("fan-out", "fan.test")
                                 "    next: each\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 "  - id: each\n"
                                 "    type: foreach\n"
                                 "    items: data.items\n"
                                 "    cap: 10\n"
                                 "    next: note\n"
                                 RECORD_STEP ("note")
                                 "    next: open\n"
                                 "  - id: open\n"
                                 "    type: ticket\n"
                                 "    queue: ops\n"
                                 "    title: Look at {{ data.acc }}\n"
                                 "  safety:\n"
                                 "    maxFanOut: 4\n");
  return test_run (ds, workflow, NULL);
}

static void
test_fan_out_max (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceSimResult) result = run_fan_out (ds);

  g_assert_cmpuint (sluice_sim_result_get_actions (result, "note"), ==, 10);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "open"), ==, 4);
  g_assert_cmpuint (result->actions_total, ==, 14);
  g_assert_cmpuint (result->dropped_by_fan_out, ==, 8);
  g_assert_cmpuint (entity_actions (result, "e1"), ==, 4);
  g_assert_cmpuint (entity_actions (result, "e2"), ==, 2);
  g_assert_cmpuint (entity_actions (result, "e3"), ==, 4);
  g_assert_cmpuint (entity_actions (result, "e4"), ==, 4);
  g_assert_true (test_has_finding (result, "data/max-fan-out"));
}

/* E1 and E4 went over; E3 used its budget exactly and dropped nothing. */
static void
test_fan_out_events_over (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceSimResult) result = run_fan_out (ds);

  g_assert_cmpuint (result->events_over_fan_out, ==, 2);
}

/* ---- rate limits ----------------------------------------------------------------------- */

static void
check_limiter (const gint64 *times,
               gsize         n,
               guint64       limit,
               gint64        per_ms,
               gint64        timeout_ms)
{
  SluiceRateLimitOutcome outcome;
  TestLimiterOutcome expected;

  sluice_rate_limit_simulate (times, n, limit, per_ms, timeout_ms, &outcome);
  test_limiter_reference (times, n, limit, per_ms, timeout_ms, &expected);

  g_assert_cmpuint (outcome.actions, ==, n);
  g_assert_cmpuint (outcome.peak, ==, expected.peak);
  g_assert_cmpfloat_with_epsilon (outcome.utilisation, 100.0 * expected.peak / limit, 1e-9);
  g_assert_cmpuint (outcome.delayed, ==, expected.delayed);
  g_assert_cmpuint (outcome.dropped, ==, expected.dropped);
  g_assert_cmpint (outcome.max_delay_ms, ==, expected.max_delay_ms);
  g_assert_cmpint (outcome.drain_ms, ==, expected.drain_ms);
}

static void
test_rate_limit_unit (void)
{
  static const gint64 burst[] = { 0, 0, 0, 0 };
  static const gint64 edge[] = { 0, 1000 };
  static const gint64 just_inside[] = { 0, 999 };
  static const gint64 drops[] = { 0, 0, 0, 900 };
  SluiceRateLimitOutcome o;

  /* nothing */
  sluice_rate_limit_simulate (NULL, 0, 5, 1000, 0, &o);
  g_assert_cmpuint (o.actions, ==, 0);
  g_assert_cmpuint (o.peak, ==, 0);
  g_assert_cmpuint (o.delayed + o.dropped, ==, 0);
  g_assert_cmpfloat (o.utilisation, ==, 0.0);

  /* four at once, 2 per second: two wait a second */
  sluice_rate_limit_simulate (burst, 4, 2, 1000, 0, &o);
  g_assert_cmpuint (o.peak, ==, 4);
  g_assert_cmpfloat_with_epsilon (o.utilisation, 200.0, 1e-9);
  g_assert_cmpuint (o.delayed, ==, 2);
  g_assert_cmpuint (o.dropped, ==, 0);
  g_assert_cmpint (o.max_delay_ms, ==, 1000);
  g_assert_cmpint (o.drain_ms, ==, 1000);

  /* a timeout of half a second drops them instead */
  sluice_rate_limit_simulate (burst, 4, 2, 1000, 500, &o);
  g_assert_cmpuint (o.delayed, ==, 0);
  g_assert_cmpuint (o.dropped, ==, 2);
  g_assert_cmpint (o.max_delay_ms, ==, 0);
  g_assert_cmpint (o.drain_ms, ==, 0);

  /* a wait of exactly the timeout is still a delay */
  sluice_rate_limit_simulate (burst, 4, 2, 1000, 1000, &o);
  g_assert_cmpuint (o.delayed, ==, 2);
  g_assert_cmpuint (o.dropped, ==, 0);

  /* the window is (t − per, t]: an action exactly `per` later is free */
  sluice_rate_limit_simulate (edge, 2, 1, 1000, 0, &o);
  g_assert_cmpuint (o.peak, ==, 1);
  g_assert_cmpuint (o.delayed, ==, 0);
  g_assert_cmpint (o.drain_ms, ==, 1000);
  sluice_rate_limit_simulate (just_inside, 2, 1, 1000, 0, &o);
  g_assert_cmpuint (o.peak, ==, 2);
  g_assert_cmpuint (o.delayed, ==, 1);
  g_assert_cmpint (o.max_delay_ms, ==, 1);

  /* dropped actions take no slot: the one at 900 waits only 100 ms */
  sluice_rate_limit_simulate (drops, 4, 1, 1000, 600, &o);
  g_assert_cmpuint (o.dropped, ==, 2);
  g_assert_cmpuint (o.delayed, ==, 1);
  g_assert_cmpint (o.max_delay_ms, ==, 100);
  g_assert_cmpint (o.drain_ms, ==, 1000);

  check_limiter (burst, 4, 2, 1000, 0);
  check_limiter (drops, 4, 1, 1000, 600);
}

/* The limiter against the slow model on random streams. */
static void
test_rate_limit_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);

  for (guint round = 0; round < 400; round++)
    {
      gsize n = g_rand_int_range (rand, 1, 60);
      g_autofree gint64 *times = g_new (gint64, n);
      guint64 limit = g_rand_int_range (rand, 1, 6);
      gint64 per = g_rand_int_range (rand, 1, 20) * 100;
      gint64 timeout = g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 1, 30) * 100;
      gint64 t = g_rand_int_range (rand, 0, 1000);

      for (gsize i = 0; i < n; i++)
        {
          /* bursts of equal times and gaps of every size */
          if (g_rand_int_range (rand, 0, 3) != 0)
            t += g_rand_int_range (rand, 0, 700);
          times[i] = t;
        }
      check_limiter (times, n, limit, per, timeout);
    }
}

/* A delay moves an action into a later window. Rate limit on `tell`: one
 * per hour, timeout 15 minutes. Events: A 10:00 (slow), B 10:50, C 11:30.
 *
 * Slow events wait 2h, so the actions are wanted at B 10:50, C 11:30,
 * A 12:00: C would wait until 11:50 (20 min > 15) and is dropped; A at
 * 12:00 finds B's slot free (10:50 + 1h). Peak: 2 in (11:00, 12:00].
 *
 * Without the delay: A 10:00, B 10:50 (waits to 11:00, 10 min), C 11:30
 * (would wait to 12:00, 30 min): dropped. */
static void
test_rate_limit_delay_across_window (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(GString) events = g_string_new (NULL);

  test_add_event (events, "A", "rl.test", "2026-03-01T10:00:00Z", "t1", "{\"acc\":\"A\",\"slow\":true}");
  test_add_event (events, "B", "rl.test", "2026-03-01T10:50:00Z", "t1", "{\"acc\":\"B\",\"slow\":false}");
  test_add_event (events, "C", "rl.test", "2026-03-01T11:30:00Z", "t1", "{\"acc\":\"C\"}");
  test_dataset_import_all (ds, events->str, 3);

  for (guint with_delay = 0; with_delay < 2; with_delay++)
    {
      g_autofree char *yaml = g_strdup_printf (WF_HEAD ("rate-delay", "rl.test")
                                               "    next: is-slow\n"
                                               "  entityKey: data.acc\n"
                                               "  steps:\n"
                                               "  - id: is-slow\n"
                                               "    type: condition\n"
                                               "    filters:\n"
                                               FILTER ("data.slow", "eq", "true")
                                               "    then: %s\n"
                                               "    else: tell\n"
                                               "  - id: wait\n"
                                               "    type: delay\n"
                                               "    duration: 2h\n"
                                               "    next: tell\n"
                                               "  - id: tell\n"
                                               "    type: notify\n"
                                               "    channel: email\n"
                                               "    to:\n"
                                               "    - \"owner@{{ data.acc }}.example\"\n"
                                               "    message: Hello\n"
                                               "  safety:\n"
                                               "    timeout: 15m\n"
                                               "    rateLimits:\n"
                                               "    - step: tell\n"
                                               "      limit: 1\n"
                                               "      per: 1h\n",
                                               with_delay ? "wait" : "tell");
      g_autoptr(SluiceWorkflow) workflow = test_load_workflow (yaml);
      g_autoptr(SluiceSimResult) result = test_run (ds, workflow, NULL);
      const SluiceRateLimitResult *limit = test_rate_limit (result, "tell");
      gint64 wanted_delayed[] = { test_ms ("2026-03-01T10:50:00Z"), test_ms ("2026-03-01T11:30:00Z"), test_ms ("2026-03-01T12:00:00Z") };
      gint64 wanted_now[] = { test_ms ("2026-03-01T10:00:00Z"), test_ms ("2026-03-01T10:50:00Z"), test_ms ("2026-03-01T11:30:00Z") };
      TestLimiterOutcome reference;
      const SluiceDestinationStat *email = NULL;

      g_test_message ("with delay: %u", with_delay);
      test_limiter_reference (with_delay ? wanted_delayed : wanted_now, 3, 1, HOUR_MS, 15 * MIN_MS, &reference);

      g_assert_cmpuint (sluice_sim_result_get_actions (result, "tell"), ==, 3);
      g_assert_cmpuint (limit->limit, ==, 1);
      g_assert_cmpint (limit->per_ms, ==, HOUR_MS);
      g_assert_cmpuint (limit->outcome.actions, ==, 3);
      g_assert_cmpuint (limit->outcome.peak, ==, 2);
      g_assert_cmpfloat_with_epsilon (limit->outcome.utilisation, 200.0, 1e-9);
      g_assert_cmpuint (limit->outcome.dropped, ==, 1);
      if (with_delay)
        {
          g_assert_cmpuint (limit->outcome.delayed, ==, 0);
          g_assert_cmpint (limit->outcome.max_delay_ms, ==, 0);
          g_assert_cmpint (limit->outcome.drain_ms, ==, 70 * MIN_MS);
          g_assert_cmpuint (test_step (result, "wait")->reached, ==, 1);
        }
      else
        {
          g_assert_cmpuint (limit->outcome.delayed, ==, 1);
          g_assert_cmpint (limit->outcome.max_delay_ms, ==, 10 * MIN_MS);
          g_assert_cmpint (limit->outcome.drain_ms, ==, 60 * MIN_MS);
        }
      g_assert_cmpuint (limit->outcome.peak, ==, reference.peak);
      g_assert_cmpuint (limit->outcome.delayed, ==, reference.delayed);
      g_assert_cmpuint (limit->outcome.dropped, ==, reference.dropped);
      g_assert_cmpint (limit->outcome.max_delay_ms, ==, reference.max_delay_ms);
      g_assert_cmpint (limit->outcome.drain_ms, ==, reference.drain_ms);
      g_assert_true (test_has_finding (result, "data/rate-limit-drop"));

      /* requests per destination, over the wanted times */
      for (guint i = 0; i < result->destinations->len; i++)
        {
          const SluiceDestinationStat *stat = g_ptr_array_index (result->destinations, i);
          if (g_str_equal (stat->destination, "email"))
            email = stat;
        }
      g_assert_nonnull (email);
      g_assert_cmpuint (email->requests, ==, 3);
      g_assert_cmpuint (email->peak_per_hour, ==, 2);
      g_assert_cmpuint (email->peak_per_day, ==, 3);
    }
}

/* A limit by action type counts every step of the type: two notify steps,
 * two events at the same minute, 3 per minute. */
static void
test_rate_limit_by_type (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GString) events = g_string_new (NULL);
  const SluiceRateLimitResult *limit;

  test_add_event (events, "n1", "rt.test", "2026-03-01T10:00:00Z", "t1", "{\"acc\":\"a\"}");
  test_add_event (events, "n2", "rt.test", "2026-03-01T10:00:00Z", "t1", "{\"acc\":\"b\"}");
  test_dataset_import_all (ds, events->str, 2);

  workflow = test_load_workflow (WF_HEAD ("rate-type", "rt.test")
                                 "    next: first\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 "  - id: first\n"
                                 "    type: notify\n"
                                 "    channel: email\n"
                                 "    to:\n"
                                 "    - a@sluice.example\n"
                                 "    message: One\n"
                                 "    next: second\n"
                                 "  - id: second\n"
                                 "    type: notify\n"
                                 "    channel: email\n"
                                 "    to:\n"
                                 "    - b@sluice.example\n"
                                 "    message: Two\n"
                                 "    next: note\n"
                                 RECORD_STEP ("note")
                                 "  safety:\n"
                                 "    rateLimits:\n"
                                 "    - type: notify\n"
                                 "      limit: 3\n"
                                 "      per: 1m\n");
  result = test_run (ds, workflow, NULL);

  limit = test_rate_limit (result, "type:notify");
  g_assert_cmpuint (limit->outcome.actions, ==, 4);
  g_assert_cmpuint (limit->outcome.peak, ==, 4);
  g_assert_cmpfloat_with_epsilon (limit->outcome.utilisation, 400.0 / 3.0, 1e-9);
  g_assert_cmpuint (limit->outcome.delayed, ==, 1);
  g_assert_cmpuint (limit->outcome.dropped, ==, 0);
  g_assert_cmpint (limit->outcome.max_delay_ms, ==, MIN_MS);
  g_assert_true (test_has_finding (result, "data/rate-limit-delay"));
}

/* ---- canary ---------------------------------------------------------------------------- */

/* The documented hash, written out again: FNV-1a 64 over the name, a zero
 * byte and the entity, mod 10000; in a canary of P% when below round(100 P). */
static guint64
reference_fnv1a (guint64       hash,
                 const guchar *bytes,
                 gsize         n)
{
  for (gsize i = 0; i < n; i++)
    hash = (hash ^ bytes[i]) * G_GUINT64_CONSTANT (1099511628211);
  return hash;
}

static guint
reference_bucket (const char *workflow,
                  const char *entity)
{
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);
  static const guchar zero = 0;

  hash = reference_fnv1a (hash, (const guchar *) workflow, strlen (workflow));
  hash = reference_fnv1a (hash, &zero, 1);
  hash = reference_fnv1a (hash, (const guchar *) entity, strlen (entity));
  return hash % 10000;
}

static gboolean
reference_in_canary (const char *workflow,
                     const char *entity,
                     double      percent)
{
  return reference_bucket (workflow, entity) < (guint) llround (percent * 100);
}

static void
test_canary_hash (void)
{
  static const char * const workflows[] = { "usage-quota-80", "agreement-renewal-t30", "", "é-ü" };
  static const double percents[] = { 0, 0.01, 1, 5, 10, 12.5, 50, 99.99, 100 };
  guint64 empty = G_GUINT64_CONSTANT (14695981039346656037);

  /* published FNV-1a 64 vectors: "" and "a" */
  g_assert_cmphex (reference_fnv1a (empty, (const guchar *) "", 0), ==, G_GUINT64_CONSTANT (0xcbf29ce484222325));
  g_assert_cmphex (reference_fnv1a (empty, (const guchar *) "a", 1), ==, G_GUINT64_CONSTANT (0xaf63dc4c8601ec8c));
  g_assert_cmphex (reference_fnv1a (empty, (const guchar *) "foobar", 6), ==, G_GUINT64_CONSTANT (0x85944171f73967e8));

  for (guint w = 0; w < G_N_ELEMENTS (workflows); w++)
    for (guint i = 0; i < 2000; i++)
      {
        g_autofree char *entity = g_strdup_printf ("acct-%05u", i);

        g_assert_cmpuint (sluice_canary_bucket (workflows[w], entity), ==, reference_bucket (workflows[w], entity));
        for (guint p = 0; p < G_N_ELEMENTS (percents); p++)
          g_assert_cmpint (sluice_canary_contains (workflows[w], entity, percents[p]), ==,
                           reference_in_canary (workflows[w], entity, percents[p]));
      }
}

static void
test_canary_share (void)
{
  static const struct {
    double percent;
    double tolerance;   /* percentage points: about four standard deviations */
  } sizes[] = {
    { 1, 0.4 }, { 5, 0.9 }, { 10, 1.2 }, { 25, 1.8 }, { 50, 2.0 },
  };
  const guint n = 10000;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint in = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *entity = g_strdup_printf ("acct-%05u", i + 1);
          in += sluice_canary_contains ("usage-quota-80", entity, sizes[s].percent);
        }
      g_test_message ("%g%%: %u of %u", sizes[s].percent, in, n);
      g_assert_cmpfloat (fabs (100.0 * in / n - sizes[s].percent), <=, sizes[s].tolerance);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *entity = g_strdup_printf ("acct-%05u", i + 1);

      /* growing only adds: 5% ⊂ 10% ⊂ 50%; 0% is nobody, 100% everybody */
      if (sluice_canary_contains ("usage-quota-80", entity, 5))
        g_assert_true (sluice_canary_contains ("usage-quota-80", entity, 10));
      if (sluice_canary_contains ("usage-quota-80", entity, 10))
        g_assert_true (sluice_canary_contains ("usage-quota-80", entity, 50));
      g_assert_false (sluice_canary_contains ("usage-quota-80", entity, 0));
      g_assert_true (sluice_canary_contains ("usage-quota-80", entity, 100));
      /* the same question, the same answer */
      g_assert_cmpint (sluice_canary_contains ("usage-quota-80", entity, 10), ==,
                       sluice_canary_contains ("usage-quota-80", entity, 10));
    }
}

/* The preview in a run: the same entities across runs and across versions
 * of the workflow, and exactly those the hash picks. */
static void
test_canary_runs (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(SluiceWorkflow) v1 = NULL;
  g_autoptr(SluiceWorkflow) v2 = NULL;
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  SluiceSimResult *results[3];
  guint checked = 0;

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *id = g_strdup_printf ("cy-%u", i);
      g_autofree char *time = g_strdup_printf ("2026-03-01T%02u:%02u:00Z", i / 60 % 24, i % 60);
      g_autofree char *data = g_strdup_printf ("{\"acc\":\"acct-%03u\",\"n\":%u}", i % 300, i % 100);

      test_add_event (events, id, "can.test", time, "t1", data);
    }
  test_dataset_import_all (ds, events->str, 600);

#define CANARY_WF(version, threshold) \
  "apiVersion: sluice.dev/v1\n" \
  "kind: Workflow\n" \
  "metadata:\n" \
  "  name: canary-preview\n" \
  "  version: " version "\n" \
  "spec:\n" \
  "  trigger:\n" \
  "    id: trig\n" \
  "    type: event\n" \
  "    event: can.test\n" \
  "    filters:\n" \
  FILTER ("data.n", "gte", threshold) \
  "    next: act\n" \
  "  entityKey: data.acc\n" \
  "  steps:\n" \
  RECORD_STEP ("act")

  v1 = test_load_workflow (CANARY_WF ("1", "50"));
  v2 = test_load_workflow (CANARY_WF ("2", "20"));
#undef CANARY_WF

  scope->canary_percent = 10;
  results[0] = test_run (ds, v1, scope);
  results[1] = test_run (ds, v1, scope);
  results[2] = test_run (ds, v2, scope);

  for (guint r = 0; r < G_N_ELEMENTS (results); r++)
    {
      guint64 entities = 0, actions = 0;

      for (guint i = 0; i < results[r]->entities->len; i++)
        {
          const SluiceEntityStat *stat = &g_array_index (results[r]->entities, SluiceEntityStat, i);
          gboolean expected = reference_in_canary ("canary-preview", stat->entity, 10);

          g_assert_cmpint (stat->in_canary, ==, expected);
          if (expected)
            {
              entities++;
              actions += stat->actions;
            }
          for (guint o = 0; o < G_N_ELEMENTS (results); o++)
            {
              const SluiceEntityStat *other = sluice_sim_result_lookup_entity (results[o], stat->entity);
              if (other != NULL)
                {
                  g_assert_cmpint (other->in_canary, ==, stat->in_canary);
                  checked++;
                }
            }
        }
      g_assert_cmpuint (results[r]->canary_entities, ==, entities);
      g_assert_cmpuint (results[r]->canary_actions, ==, actions);
      g_assert_cmpuint (entities, >, 0);
    }
  /* v1 (≥ 50) matches half the entities, v2 (≥ 20) most of them */
  g_assert_cmpuint (results[0]->entities_matched, <, results[2]->entities_matched);
  g_assert_cmpuint (checked, >, 500);

  for (guint r = 0; r < G_N_ELEMENTS (results); r++)
    sluice_sim_result_unref (results[r]);
}

/* ---- the event store ------------------------------------------------------------------- */

static void
test_store_reimport (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceImportReport) again = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) before = NULL;
  g_autoptr(SluiceSimResult) after = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *digest_again = NULL;
  guint64 generation;

  test_dataset_import_all (ds, tenant_events, 7);
  generation = sluice_event_store_get_generation (ds->store);
  digest = sluice_event_store_get_digest (ds->store);
  workflow = tenant_workflow ();
  before = test_run (ds, workflow, NULL);

  again = test_dataset_import (ds, tenant_events);
  g_assert_cmpuint (again->events_read, ==, 7);
  g_assert_cmpuint (again->events_added, ==, 0);
  g_assert_cmpuint (again->duplicates, ==, 7);
  g_assert_cmpuint (again->conflicts, ==, 0);
  g_assert_cmpuint (again->rejected, ==, 0);
  g_assert_cmpint (sluice_event_store_count_events (ds->store), ==, 7);
  g_assert_cmpuint (sluice_event_store_get_generation (ds->store), ==, generation);
  digest_again = sluice_event_store_get_digest (ds->store);
  g_assert_cmpstr (digest, ==, digest_again);

  after = test_run (ds, workflow, NULL);
  g_assert_cmpuint (after->events_scanned, ==, 7);
  g_assert_cmpuint (after->events_matched, ==, before->events_matched);
}

static void
test_store_conflict (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceImportReport) report = NULL;
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);
  SluiceImportRejection *rejection;

  test_add_event (first, "A", "st.test", "2026-03-01T10:00:00Z", "t1", "{\"acc\":\"a\",\"n\":1}");
  test_add_event (first, "B", "st.test", "2026-03-01T10:01:00Z", "t1", "{\"acc\":\"b\",\"n\":2}");
  test_add_event (first, "C", "st.test", "2026-03-01T10:02:00Z", "t1", "{\"acc\":\"c\",\"n\":3}");
  test_dataset_import_all (ds, first->str, 3);

  /* line 1 new; line 2 is B with other data; line 3 new; line 4 is C again,
   * the same; line 5 reuses A's id under another source: another event */
  test_add_event (second, "D", "st.test", "2026-03-01T10:03:00Z", "t1", "{\"acc\":\"d\",\"n\":4}");
  test_add_event (second, "B", "st.test", "2026-03-01T10:01:00Z", "t1", "{\"acc\":\"b\",\"n\":99}");
  test_add_event (second, "E", "st.test", "2026-03-01T10:04:00Z", "t1", "{\"acc\":\"e\",\"n\":5}");
  test_add_event (second, "C", "st.test", "2026-03-01T10:02:00Z", "t1", "{\"acc\":\"c\",\"n\":3}");
  g_string_append (second, "{\"specversion\":\"1.0\",\"id\":\"A\",\"source\":\"//elsewhere\",\"type\":\"st.test\","
                           "\"time\":\"2026-03-01T10:05:00Z\",\"tenant\":\"t1\",\"data\":{\"acc\":\"a\",\"n\":6}}\n");
  report = test_dataset_import (ds, second->str);

  g_assert_cmpuint (report->events_read, ==, 5);
  g_assert_cmpuint (report->events_added, ==, 3);
  g_assert_cmpuint (report->duplicates, ==, 1);
  g_assert_cmpuint (report->conflicts, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_cmpuint (report->rejections->len, ==, 1);
  rejection = g_ptr_array_index (report->rejections, 0);
  g_assert_cmpuint (rejection->line, ==, 2);
  g_assert_nonnull (strstr (rejection->reason, "B"));
  g_assert_cmpint (sluice_event_store_count_events (ds->store), ==, 6);

  /* the first B stays */
  {
    g_autoptr(SluiceWorkflow) workflow = test_load_workflow (WF_HEAD ("conflict", "st.test")
                                                             "    filters:\n"
                                                             FILTER ("data.n", "eq", "99")
                                                             "    next: act\n"
                                                             "  entityKey: data.acc\n"
                                                             "  steps:\n"
                                                             RECORD_STEP ("act"));
    g_autoptr(SluiceSimResult) result = test_run (ds, workflow, NULL);

    g_assert_cmpuint (result->events_scanned, ==, 6);
    g_assert_cmpuint (result->events_matched, ==, 0);
  }
}

/* Same events in another order: the same digest; other events: another. */
static void
test_store_digest (void)
{
  g_autoptr(TestDataset) a = test_dataset_new ();
  g_autoptr(TestDataset) b = test_dataset_new ();
  g_autoptr(TestDataset) c = test_dataset_new ();
  g_autoptr(GString) forward = g_string_new (NULL);
  g_autoptr(GString) backward = g_string_new (NULL);
  g_autoptr(GString) other = g_string_new (NULL);
  g_autofree char *da = NULL, *db = NULL, *dc = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i);
      g_autofree char *rid = g_strdup_printf ("d%u", 19 - i);
      g_autofree char *time = g_strdup_printf ("2026-03-01T10:%02u:00Z", i);
      g_autofree char *rtime = g_strdup_printf ("2026-03-01T10:%02u:00Z", 19 - i);
      g_autofree char *data = g_strdup_printf ("{\"acc\":\"x\",\"n\":%u}", i);
      g_autofree char *rdata = g_strdup_printf ("{\"acc\":\"x\",\"n\":%u}", 19 - i);
      g_autofree char *odata = g_strdup_printf ("{\"acc\":\"x\",\"n\":%u}", i == 7 ? 70 : i);

      test_add_event (forward, id, "dg.test", time, "t1", data);
      test_add_event (backward, rid, "dg.test", rtime, "t1", rdata);
      test_add_event (other, id, "dg.test", time, "t1", odata);
    }
  test_dataset_import_all (a, forward->str, 20);
  test_dataset_import_all (b, backward->str, 20);
  test_dataset_import_all (c, other->str, 20);
  da = sluice_event_store_get_digest (a->store);
  db = sluice_event_store_get_digest (b->store);
  dc = sluice_event_store_get_digest (c->store);
  g_assert_true (g_str_has_prefix (da, "sha256:"));
  g_assert_cmpuint (strlen (da), ==, strlen ("sha256:") + 64);
  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
}

/* ---- run history and the shadow log ------------------------------------------------------ */

static char *
read_example (const char *name)
{
  const char *datadir = g_getenv ("SLUICE_DATADIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_nonnull (datadir);
  path = g_build_filename (datadir, "examples", name, NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Story 1 by hand. acct-1 (t1): 91% storage → run; 95% a day later → held
 * by the 7-day cooldown; 50% → not matched; seats at 90% → not matched;
 * 85% eight days after the first → run. acct-2 (t2): 99% → run. */
static const char story1_events[] =
  "{\"specversion\":\"1.0\",\"id\":\"u1\",\"source\":\"//billing.sluice.example\",\"type\":\"usage.updated\",\"time\":\"2026-03-01T09:00:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"account\":\"acct-1\",\"metric\":\"storage\",\"percent\":91,\"quota_gb\":500,\"owner_email\":\"owner@acct-1.example\",\"csm_email\":\"csm-01@sluice.example\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"u2\",\"source\":\"//billing.sluice.example\",\"type\":\"usage.updated\",\"time\":\"2026-03-02T09:00:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"account\":\"acct-1\",\"metric\":\"storage\",\"percent\":95,\"quota_gb\":500,\"owner_email\":\"owner@acct-1.example\",\"csm_email\":\"csm-01@sluice.example\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"u3\",\"source\":\"//billing.sluice.example\",\"type\":\"usage.updated\",\"time\":\"2026-03-03T09:00:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"account\":\"acct-1\",\"metric\":\"storage\",\"percent\":50,\"quota_gb\":500,\"owner_email\":\"owner@acct-1.example\",\"csm_email\":\"csm-01@sluice.example\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"u4\",\"source\":\"//billing.sluice.example\",\"type\":\"usage.updated\",\"time\":\"2026-03-04T09:00:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"account\":\"acct-1\",\"metric\":\"seats\",\"percent\":90,\"quota_gb\":500,\"owner_email\":\"owner@acct-1.example\",\"csm_email\":\"csm-01@sluice.example\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"u5\",\"source\":\"//billing.sluice.example\",\"type\":\"usage.updated\",\"time\":\"2026-03-09T09:00:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"account\":\"acct-1\",\"metric\":\"storage\",\"percent\":85,\"quota_gb\":500,\"owner_email\":\"owner@acct-1.example\",\"csm_email\":\"csm-01@sluice.example\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"u6\",\"source\":\"//billing.sluice.example\",\"type\":\"usage.updated\",\"time\":\"2026-03-01T10:00:00Z\",\"tenant\":\"t2\","
  "\"data\":{\"account\":\"acct-2\",\"metric\":\"storage\",\"percent\":99,\"quota_gb\":100,\"owner_email\":\"owner@acct-2.example\",\"csm_email\":\"csm-02@sluice.example\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"p1\",\"source\":\"//crm.sluice.example\",\"type\":\"account.updated\",\"time\":\"2026-03-01T09:30:00Z\",\"tenant\":\"t1\","
  "\"data\":{\"account\":\"acct-1\",\"plan\":\"pro\"}}\n";

static void
test_story1_by_hand (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autofree char *yaml = read_example ("usage-quota-80.workflow.yaml");
  g_autoptr(SluiceWorkflow) workflow = test_load_workflow (yaml);
  g_autoptr(SluiceSimResult) result = NULL;
  const SluiceEntityStat *stat;

  test_dataset_import_all (ds, story1_events, 7);
  result = test_run (ds, workflow, NULL);

  g_assert_cmpuint (result->events_scanned, ==, 6);
  g_assert_cmpuint (result->events_matched, ==, 4);
  g_assert_cmpuint (result->entities_matched, ==, 2);
  g_assert_cmpuint (result->suppressed_by_cooldown, ==, 1);
  g_assert_cmpuint (result->runs, ==, 3);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "record-nudge"), ==, 3);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "notify-owner"), ==, 3);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "open-ticket"), ==, 3);
  g_assert_cmpuint (result->actions_total, ==, 9);
  assert_filter (result, "usage-updated", 0, 5, 1, 0, 0, 0);   /* metric eq storage */
  assert_filter (result, "usage-updated", 1, 5, 1, 0, 0, 0);   /* percent gte 80 */
  stat = sluice_sim_result_lookup_entity (result, "acct-1");
  g_assert_nonnull (stat);
  g_assert_cmpuint (stat->events, ==, 3);
  g_assert_cmpuint (stat->runs, ==, 2);
  g_assert_cmpuint (stat->actions, ==, 6);
  g_assert_cmpstr (stat->tenant, ==, "t1");
  g_assert_cmpstr (g_array_index (result->entities, SluiceEntityStat, 0).entity, ==, "acct-1");
}

static void
test_record_run (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autofree char *yaml = read_example ("usage-quota-80.workflow.yaml");
  g_autoptr(SluiceWorkflow) workflow = test_load_workflow (yaml);
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *workflow_digest = sluice_workflow_get_digest (workflow);
  g_autofree char *dataset_digest = NULL;
  gint64 before_ms = g_get_real_time () / 1000;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rows = 0;

  test_dataset_import_all (ds, story1_events, 7);
  dataset_digest = sluice_event_store_get_digest (ds->store);
  scope->from_ms = test_ms ("2026-03-01T00:00:00Z");
  scope->to_ms = test_ms ("2026-03-08T00:00:00Z");
  result = test_run (ds, workflow, scope);
  g_assert_cmpuint (result->events_matched, ==, 3);   /* u1 u2 u6 */

  g_assert_true (sluice_simulator_record_run (test_dataset_get_simulator (ds), result, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open_v2 (ds->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT created, workflow_name, workflow_digest, dataset_digest, scope, summary"
                                           " FROM runs ORDER BY seq", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonParser) scope_parser = json_parser_new ();
      g_autoptr(JsonParser) summary_parser = json_parser_new ();
      JsonObject *summary, *scope_json;

      rows++;
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), >=, before_ms);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), <=, g_get_real_time () / 1000);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "usage-quota-80");
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, workflow_digest);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, dataset_digest);

      g_assert_true (json_parser_load_from_data (scope_parser, (const char *) sqlite3_column_text (stmt, 4), -1, NULL));
      scope_json = json_node_get_object (json_parser_get_root (scope_parser));
      g_assert_nonnull (scope_json);
      {
        g_autoptr(GString) text = g_string_new ((const char *) sqlite3_column_text (stmt, 4));
        g_assert_nonnull (strstr (text->str, "2026-03-01T00:00:00"));
        g_assert_nonnull (strstr (text->str, "2026-03-08T00:00:00"));
      }

      g_assert_true (json_parser_load_from_data (summary_parser, (const char *) sqlite3_column_text (stmt, 5), -1, NULL));
      summary = json_node_get_object (json_parser_get_root (summary_parser));
      g_assert_cmpint (json_object_get_int_member (summary, "events_matched"), ==, 3);
      g_assert_cmpint (json_object_get_int_member (summary, "entities_matched"), ==, 2);
      g_assert_cmpint (json_object_get_int_member (summary, "actions_total"), ==, 6);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (rows, ==, 1);

  /* another run, another row */
  g_assert_true (sluice_simulator_record_run (test_dataset_get_simulator (ds), result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (ds->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "SELECT count(*) FROM runs", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static JsonObject *
shadow_action (JsonObject *entry,
               const char *step)
{
  JsonArray *actions = json_object_get_array_member (entry, "actions");

  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      JsonObject *action = json_array_get_object_element (actions, i);
      if (g_strcmp0 (json_object_get_string_member (action, "step"), step) == 0)
        return action;
    }
  g_error ("no action of step %s", step);
  return NULL;
}

static void
test_shadow_log (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autofree char *yaml = read_example ("usage-quota-80.workflow.yaml");
  g_autoptr(SluiceWorkflow) workflow = test_load_workflow (yaml);
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  g_autoptr(JsonNode) log = NULL;
  g_autoptr(GError) error = NULL;
  static const struct {
    const char *id;
    const char *fate;
    guint       n_actions;
  } expected[] = {
    { "u1", "run", 3 }, { "u2", "cooldown", 0 }, { "u3", "not-matched", 0 },
    { "u4", "not-matched", 0 }, { "u5", "run", 3 },
  };
  JsonArray *entries;
  JsonObject *entry, *action, *fields;
  JsonArray *to;

  test_dataset_import_all (ds, story1_events, 7);
  log = sluice_simulator_shadow_log (test_dataset_get_simulator (ds), workflow, scope, "acct-1", 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (log);
  entries = json_node_get_array (log);
  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected) && i < json_array_get_length (entries); i++)
    {
      entry = json_array_get_object_element (entries, i);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "event"), "id"), ==, expected[i].id);
      g_assert_cmpstr (json_object_get_string_member (entry, "fate"), ==, expected[i].fate);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry, "actions")), ==, expected[i].n_actions);
    }

  /* the first run's actions, rendered from its event */
  entry = json_array_get_object_element (entries, 0);
  action = shadow_action (entry, "notify-owner");
  fields = json_object_get_object_member (action, "fields");
  g_assert_cmpstr (json_object_get_string_member (action, "type"), ==, "notify");
  g_assert_cmpstr (json_object_get_string_member (action, "destination"), ==, "email");
  g_assert_cmpstr (json_object_get_string_member (fields, "subject"), ==, "Your storage is 91% full");
  to = json_object_get_array_member (fields, "to");
  g_assert_cmpuint (json_array_get_length (to), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (to, 0), ==, "owner@acct-1.example");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (fields, "cc"), 0), ==, "csm-01@sluice.example");
  g_assert_nonnull (strstr (json_object_get_string_member (fields, "message"), "account acct-1 uses 91% of its 500 GB"));
  g_assert_cmpint (json_object_get_int_member (action, "missing_values"), ==, 0);
  g_assert_cmpint (test_ms (json_object_get_string_member (action, "time")), ==, test_ms ("2026-03-01T09:00:00Z"));

  action = shadow_action (entry, "record-nudge");
  fields = json_object_get_object_member (action, "fields");
  g_assert_cmpstr (json_object_get_string_member (fields, "title"), ==, "Upgrade Nudge");
  g_assert_cmpstr (json_object_get_string_member (fields, "detail"), ==, "Storage at 91% of 500 GB.");
  g_assert_cmpstr (json_object_get_string_member (action, "destination"), ==, "timeline");

  action = shadow_action (entry, "open-ticket");
  fields = json_object_get_object_member (action, "fields");
  g_assert_cmpstr (json_object_get_string_member (fields, "title"), ==, "Upgrade nudge: acct-1 at 91% storage");
  g_assert_nonnull (strstr (json_object_get_string_member (fields, "description"), "Account acct-1 (tenant t1) reached 91%"));
  g_assert_cmpstr (json_object_get_string_member (action, "destination"), ==, "ticket:ops");

  /* the second run renders its own event */
  entry = json_array_get_object_element (entries, 4);
  fields = json_object_get_object_member (shadow_action (entry, "notify-owner"), "fields");
  g_assert_cmpstr (json_object_get_string_member (fields, "subject"), ==, "Your storage is 85% full");

  /* at most max_events, the earliest first */
  {
    g_autoptr(JsonNode) two = sluice_simulator_shadow_log (test_dataset_get_simulator (ds), workflow, scope,
                                                           "acct-1", 2, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (two)), ==, 2);
  }

  /* an entity in another tenant than the scope's: its events are out of scope */
  {
    g_autoptr(SluiceScope) t1 = sluice_scope_new ();
    g_autoptr(JsonNode) other = NULL;
    const char *tenants[] = { "t1", NULL };
    JsonArray *array;

    t1->tenants = g_strdupv ((char **) tenants);
    other = sluice_simulator_shadow_log (test_dataset_get_simulator (ds), workflow, t1, "acct-2", 10, NULL, &error);
    g_assert_no_error (error);
    array = json_node_get_array (other);
    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "fate"), ==, "out-of-scope");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (array, 0), "actions")), ==, 0);
  }

  /* an entity the dataset does not have: nothing */
  {
    g_autoptr(JsonNode) none = sluice_simulator_shadow_log (test_dataset_get_simulator (ds), workflow, scope,
                                                            "acct-404", 10, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (none)), ==, 0);
  }
}

/* A shadow log lists a for-each's actions once per item, each with its
 * item filled in. */
static void
test_shadow_log_foreach (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  g_autoptr(JsonNode) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) events = g_string_new (NULL);
  JsonArray *actions;

  test_add_event (events, "fe1", "sf.test", "2026-03-01T10:00:00Z", "t1",
                  "{\"acc\":\"a\",\"contacts\":[{\"email\":\"x@a.example\"},{\"email\":\"y@a.example\"},{\"email\":\"z@a.example\"}]}");
  test_dataset_import_all (ds, events->str, 1);

  workflow = test_load_workflow (WF_HEAD ("shadow-foreach", "sf.test")
                                 "    next: each\n"
                                 "  entityKey: data.acc\n"
                                 "  steps:\n"
                                 "  - id: each\n"
                                 "    type: foreach\n"
                                 "    items: data.contacts\n"
                                 "    as: contact\n"
                                 "    cap: 2\n"
                                 "    next: hello\n"
                                 "  - id: hello\n"
                                 "    type: record\n"
                                 "    title: Hello {{ contact.email }}\n");
  log = sluice_simulator_shadow_log (test_dataset_get_simulator (ds), workflow, scope, "a", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (log)), ==, 1);
  actions = json_object_get_array_member (json_array_get_object_element (json_node_get_array (log), 0), "actions");
  g_assert_cmpuint (json_array_get_length (actions), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (actions, 0), "fields"), "title"),
                   ==, "Hello x@a.example");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (actions, 1), "fields"), "title"),
                   ==, "Hello y@a.example");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/sim/filter/ops", test_filter_ops);
  g_test_add_func ("/sim/filter/not-evaluated-never-matches", test_filter_not_evaluated_never_matches);
  g_test_add_func ("/sim/filter/within-edges", test_filter_within_edges);
  g_test_add_func ("/sim/filter/changed", test_filter_changed);
  g_test_add_func ("/sim/filter/changed-before-window", test_filter_changed_before_window);
  g_test_add_func ("/sim/filter/changed-in-condition", test_filter_changed_in_condition);
  g_test_add_func ("/sim/filter/envelope-paths", test_filter_envelope_paths);
  g_test_add_func ("/sim/filter/time-path", test_filter_time_path);
  g_test_add_func ("/sim/cache/reruns", test_cache_reruns);
  g_test_add_func ("/sim/trigger/no-events", test_no_events);
  g_test_add_func ("/sim/scope/window", test_scope_window);
  g_test_add_func ("/sim/scope/tenants", test_scope_tenants);
  g_test_add_func ("/sim/scope/segments", test_scope_segments);
  g_test_add_func ("/sim/trigger/source", test_trigger_source);
  g_test_add_func ("/sim/entity/key", test_entity_key);
  g_test_add_func ("/sim/cooldown/time-order", test_cooldown_time_order);
  g_test_add_func ("/sim/cooldown/shadow-log-order", test_cooldown_shadow_log_order);
  g_test_add_func ("/sim/graph/condition", test_graph_condition);
  g_test_add_func ("/sim/graph/switch", test_graph_switch);
  g_test_add_func ("/sim/graph/foreach", test_graph_foreach);
  g_test_add_func ("/sim/graph/approval", test_graph_approval);
  g_test_add_func ("/sim/graph/cooldown-step", test_graph_cooldown_step);
  g_test_add_func ("/sim/graph/cooldown-key", test_graph_cooldown_key);
  g_test_add_func ("/sim/graph/cooldown-after-foreach", test_graph_cooldown_after_foreach);
  g_test_add_func ("/sim/fan-out/max", test_fan_out_max);
  g_test_add_func ("/sim/fan-out/events-over", test_fan_out_events_over);
  g_test_add_func ("/sim/rate-limit/unit", test_rate_limit_unit);
  g_test_add_func ("/sim/rate-limit/random", test_rate_limit_random);
  g_test_add_func ("/sim/rate-limit/delay-across-window", test_rate_limit_delay_across_window);
  g_test_add_func ("/sim/rate-limit/by-type", test_rate_limit_by_type);
  g_test_add_func ("/sim/canary/hash", test_canary_hash);
  g_test_add_func ("/sim/canary/share", test_canary_share);
  g_test_add_func ("/sim/canary/runs", test_canary_runs);
  g_test_add_func ("/sim/store/reimport", test_store_reimport);
  g_test_add_func ("/sim/store/conflict", test_store_conflict);
  g_test_add_func ("/sim/store/digest", test_store_digest);
  g_test_add_func ("/sim/story1/by-hand", test_story1_by_hand);
  g_test_add_func ("/sim/record-run", test_record_run);
  g_test_add_func ("/sim/shadow-log/story1", test_shadow_log);
  g_test_add_func ("/sim/shadow-log/foreach", test_shadow_log_foreach);

  return g_test_run ();
}
