/* test-sim-diff.c — dry runs over generated data, against a reference
 *
 * The sample generator writes some thousands of events; the test imports
 * them and also reads the very same JSON lines itself with json-glib, then
 * applies the workflow's rules in the plainest way it can (a loop, a hash
 * table, a sort) and compares: events and entities matched, runs after the
 * cooldown, actions per step, per-entity numbers, rate limits, canary and
 * the before/after diff. A before/after diff by hand (Story 2, T–30 to
 * T–45) comes first.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>

#include "sim-test-util.h"
#include "sluice-canary.h"
#include "sluice-sample-generator.h"
#include "sluice-sim-diff.h"

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define DAY_MS  (24 * HOUR_MS)

/* ---- helpers --------------------------------------------------------------------- */

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

/* @text with @from replaced by @to, which must be there exactly once. */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, from));
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static GHashTable *
entity_set (GPtrArray *stats)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < stats->len; i++)
    {
      const SluiceEntityStat *stat = g_ptr_array_index (stats, i);
      g_assert_false (g_hash_table_contains (set, stat->entity));
      g_hash_table_add (set, (gpointer) stat->entity);
    }
  return set;
}

static void
assert_same_set (GHashTable *a,
                 GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b, key))
      {
        g_test_message ("%s is in one set only", (const char *) key);
        g_test_fail ();
      }
}

static const SluiceActionDelta *
find_delta (SluiceSimDiff *diff,
            const char    *step_id)
{
  for (guint i = 0; i < diff->deltas->len; i++)
    {
      const SluiceActionDelta *delta = g_ptr_array_index (diff->deltas, i);
      if (g_str_equal (delta->step_id, step_id))
        return delta;
    }
  g_error ("no delta for %s", step_id);
  return NULL;
}

static gboolean
stats_contain (GPtrArray  *stats,
               const char *entity)
{
  for (guint i = 0; i < stats->len; i++)
    if (g_str_equal (((const SluiceEntityStat *) g_ptr_array_index (stats, i))->entity, entity))
      return TRUE;
  return FALSE;
}

/* ---- Story 2 by hand: T–30 to T–45 ---------------------------------------------------- */

/*            kind  days   T–30  T–45
 *   acct-a   MSA   20     yes   yes
 *   acct-b   NDA   40     no    yes
 *   acct-c   MSA   50     no    no
 *   acct-d   DPA   10     no    no    (kind)
 *   acct-e   NDA   45     no    yes   (edge: lte)
 *   acct-f   MSA   30     yes   yes   (edge)
 *   acct-g   MSA   31     no    yes
 *   acct-h   NDA   "20"   no    no    (text, not a number)            */
static void
test_diff_story2_by_hand (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(GString) events = g_string_new (NULL);
  g_autofree char *t30_yaml = read_example ("agreement-renewal-t30.workflow.yaml");
  g_autofree char *t45_yaml = replace_once (t30_yaml, "      op: lte\n      value: 30\n", "      op: lte\n      value: 45\n");
  g_autoptr(SluiceWorkflow) t30 = test_load_workflow (t30_yaml);
  g_autoptr(SluiceWorkflow) t45 = test_load_workflow (t45_yaml);
  g_autoptr(SluiceSimResult) r30 = NULL;
  g_autoptr(SluiceSimResult) r45 = NULL;
  g_autoptr(SluiceSimDiff) forward = NULL;
  g_autoptr(SluiceSimDiff) backward = NULL;
  static const struct {
    const char *account, *kind, *days;
  } agreements[] = {
    { "acct-a", "MSA", "20" }, { "acct-b", "NDA", "40" }, { "acct-c", "MSA", "50" },
    { "acct-d", "DPA", "10" }, { "acct-e", "NDA", "45" }, { "acct-f", "MSA", "30" },
    { "acct-g", "MSA", "31" }, { "acct-h", "NDA", "\"20\"" },
  };
  static const char * const added[] = { "acct-b", "acct-e", "acct-g" };
  static const char * const unchanged[] = { "acct-a", "acct-f" };

  for (guint i = 0; i < G_N_ELEMENTS (agreements); i++)
    {
      g_autofree char *id = g_strdup_printf ("agr-%u", i);
      g_autofree char *time = g_strdup_printf ("2026-03-01T1%u:00:00Z", i);
      g_autofree char *data = g_strdup_printf ("{\"account\":\"%s\",\"agreement_id\":\"agr-%u\",\"kind\":\"%s\","
                                               "\"expires_in_days\":%s,\"expires_on\":\"2026-04-01\","
                                               "\"contacts\":{\"legal\":\"legal@%s.example\"},"
                                               "\"document_url\":\"https://docs.sluice.example/agr-%u.pdf\"}",
                                               agreements[i].account, i, agreements[i].kind, agreements[i].days,
                                               agreements[i].account, i);
      test_add_event (events, id, "agreement.updated", time, "t1", data);
    }
  test_dataset_import_all (ds, events->str, G_N_ELEMENTS (agreements));

  r30 = test_run (ds, t30, NULL);
  r45 = test_run (ds, t45, NULL);
  g_assert_cmpuint (r30->events_matched, ==, 2);
  g_assert_cmpuint (r45->events_matched, ==, 5);
  g_assert_cmpuint (test_filter (r30, "agreement-updated", 1)->wrong_type, ==, 1);   /* acct-h */

  forward = sluice_sim_diff_new (r30, r45);
  g_assert_cmpuint (forward->added->len, ==, G_N_ELEMENTS (added));
  g_assert_cmpuint (forward->removed->len, ==, 0);
  g_assert_cmpuint (forward->unchanged->len, ==, G_N_ELEMENTS (unchanged));
  for (guint i = 0; i < G_N_ELEMENTS (added); i++)
    g_assert_true (stats_contain (forward->added, added[i]));
  for (guint i = 0; i < G_N_ELEMENTS (unchanged); i++)
    g_assert_true (stats_contain (forward->unchanged, unchanged[i]));
  g_assert_cmpuint (find_delta (forward, "deal-room")->before, ==, 2);
  g_assert_cmpuint (find_delta (forward, "deal-room")->after, ==, 5);
  g_assert_cmpuint (find_delta (forward, "notify-legal")->before, ==, 2);
  g_assert_cmpuint (find_delta (forward, "notify-legal")->after, ==, 5);

  backward = sluice_sim_diff_new (r45, r30);
  g_assert_cmpuint (backward->added->len, ==, 0);
  g_assert_cmpuint (backward->removed->len, ==, G_N_ELEMENTS (added));
  g_assert_cmpuint (backward->unchanged->len, ==, G_N_ELEMENTS (unchanged));
  for (guint i = 0; i < G_N_ELEMENTS (added); i++)
    g_assert_true (stats_contain (backward->removed, added[i]));
  g_assert_cmpuint (find_delta (backward, "deal-room")->before, ==, 5);
  g_assert_cmpuint (find_delta (backward, "deal-room")->after, ==, 2);

  /* the JSON form says the same */
  {
    g_autoptr(JsonNode) json = sluice_sim_diff_to_json (forward, 10);
    JsonObject *object = json_node_get_object (json);
    JsonObject *delta = json_object_get_object_member (json_object_get_object_member (object, "actions_delta"), "deal-room");

    g_assert_cmpint (json_object_get_int_member (object, "added_entities"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (object, "removed_entities"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (object, "unchanged_entities"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (delta, "delta"), ==, 3);
  }
}

/* An entity that matches but gets no action does not qualify. */
static void
test_diff_matched_without_actions (void)
{
  g_autoptr(TestDataset) ds = test_dataset_new ();
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(SluiceWorkflow) before = NULL;
  g_autoptr(SluiceWorkflow) after = NULL;
  g_autoptr(SluiceSimResult) rb = NULL;
  g_autoptr(SluiceSimResult) ra = NULL;
  g_autoptr(SluiceSimDiff) diff = NULL;

  test_add_event (events, "q1", "q.test", "2026-03-01T10:00:00Z", "t1", "{\"acc\":\"a\",\"n\":10}");
  test_add_event (events, "q2", "q.test", "2026-03-01T10:01:00Z", "t1", "{\"acc\":\"b\",\"n\":60}");
  test_add_event (events, "q3", "q.test", "2026-03-01T10:02:00Z", "t1", "{\"acc\":\"c\",\"n\":90}");
  test_dataset_import_all (ds, events->str, 3);

#define Q_WF(threshold) \
  "apiVersion: sluice.dev/v1\n" \
  "kind: Workflow\n" \
  "metadata:\n" \
  "  name: q\n" \
  "  version: 1\n" \
  "spec:\n" \
  "  trigger:\n" \
  "    id: trig\n" \
  "    type: event\n" \
  "    event: q.test\n" \
  "    next: big\n" \
  "  entityKey: data.acc\n" \
  "  steps:\n" \
  "  - id: big\n" \
  "    type: condition\n" \
  "    filters:\n" \
  "    - path: data.n\n" \
  "      op: gte\n" \
  "      value: " threshold "\n" \
  "    then: act\n" \
  "    else: stop\n" \
  "  - id: act\n" \
  "    type: record\n" \
  "    title: Big\n" \
  "  - id: stop\n" \
  "    type: end\n"
  before = test_load_workflow (Q_WF ("50"));
  after = test_load_workflow (Q_WF ("80"));
#undef Q_WF

  rb = test_run (ds, before, NULL);
  ra = test_run (ds, after, NULL);
  g_assert_cmpuint (rb->entities_matched, ==, 3);
  g_assert_cmpuint (ra->entities_matched, ==, 3);
  diff = sluice_sim_diff_new (rb, ra);
  g_assert_cmpuint (diff->added->len, ==, 0);
  g_assert_cmpuint (diff->removed->len, ==, 1);
  g_assert_true (stats_contain (diff->removed, "b"));
  g_assert_cmpuint (diff->unchanged->len, ==, 1);
  g_assert_true (stats_contain (diff->unchanged, "c"));
  g_assert_cmpuint (find_delta (diff, "act")->before, ==, 2);
  g_assert_cmpuint (find_delta (diff, "act")->after, ==, 1);
}

/* ---- generated data and the reference ----------------------------------------------------- */

typedef struct
{
  gint64      time;
  guint       line;
  const char *type;       /* interned */
  const char *tenant;     /* interned, or NULL */
  const char *account;    /* interned, or NULL */
  const char *metric;     /* interned, or NULL when not text */
  gboolean    has_percent;
  double      percent;
  const char *plan;       /* interned, or NULL when not text */
  gint        n_contacts; /* length of data.contacts; -1 when missing, -2 when not a list */
} RefEvent;

typedef struct
{
  GBytes *bytes;
  GArray *events;   /* RefEvent, in line order */
  gint64  end_ms;
} Sample;

static Sample sample;

/* Generates the sample once and reads it back, line by line, with json-glib. */
static void
sample_load (void)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  SluiceSampleOptions options;
  const char *text, *end;
  guint line = 0;

  if (sample.bytes != NULL)
    return;

  sluice_sample_options_init (&options);
  options.n_events = 20000;
  options.n_accounts = 300;
  options.n_tenants = 6;
  options.days = 10;
  options.seed = 7;
  g_assert_true (sluice_sample_generator_write (output, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  sample.bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  sample.end_ms = options.end_ms;
  sample.events = g_array_new (FALSE, TRUE, sizeof (RefEvent));

  text = g_bytes_get_data (sample.bytes, NULL);
  end = text + g_bytes_get_size (sample.bytes);
  while (text < end)
    {
      const char *newline = memchr (text, '\n', end - text);
      gsize len = newline ? (gsize) (newline - text) : (gsize) (end - text);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GDateTime) dt = NULL;
      JsonObject *object, *data;
      JsonNode *node;
      RefEvent event = { 0 };

      line++;
      g_assert_true (json_parser_load_from_data (parser, text, len, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      dt = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "time"), NULL);
      g_assert_nonnull (dt);

      event.line = line;
      event.time = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
      event.type = g_intern_string (json_object_get_string_member (object, "type"));
      if (json_object_has_member (object, "tenant"))
        event.tenant = g_intern_string (json_object_get_string_member (object, "tenant"));
      data = json_object_get_object_member (object, "data");
      if (data != NULL)
        {
          node = json_object_get_member (data, "account");
          if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            event.account = g_intern_string (json_node_get_string (node));
          node = json_object_get_member (data, "metric");
          if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            event.metric = g_intern_string (json_node_get_string (node));
          node = json_object_get_member (data, "plan");
          if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            event.plan = g_intern_string (json_node_get_string (node));
          node = json_object_get_member (data, "contacts");
          event.n_contacts = node == NULL ? -1 : JSON_NODE_HOLDS_ARRAY (node) ? (gint) json_array_get_length (json_node_get_array (node)) : -2;
          node = json_object_get_member (data, "percent");
          if (node && JSON_NODE_HOLDS_VALUE (node)
              && (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE))
            {
              event.has_percent = TRUE;
              event.percent = json_node_get_double (node);
            }
        }
      g_array_append_val (sample.events, event);
      text += len + 1;
    }
  g_test_message ("sample: %u events", sample.events->len);
}

static void
sample_clear (void)
{
  g_clear_pointer (&sample.bytes, g_bytes_unref);
  g_clear_pointer (&sample.events, g_array_unref);
}

static TestDataset *
sample_dataset (void)
{
  TestDataset *ds = test_dataset_new ();
  g_autoptr(SluiceImportReport) report = NULL;

  sample_load ();
  report = test_dataset_import_bytes (ds, sample.bytes);
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpuint (report->events_added, ==, sample.events->len);
  return ds;
}

/* The rules of a usage workflow: metric one of @metrics, percent ≥
 * @threshold, entity data.account, a per-entity cooldown. */
typedef struct
{
  const char * const *metrics;
  double              threshold;
  gint64              cooldown_ms;
  gint64              from_ms, to_ms;
} RefRules;

typedef struct
{
  const char *tenant;
  guint       events;
  guint       runs;
} RefEntity;

typedef struct
{
  guint64     scanned;
  guint64     metric_passed, metric_rejected;
  guint64     percent_passed, percent_rejected;
  guint64     matched;
  guint64     suppressed;
  guint64     runs;
  GHashTable *entities;   /* account → RefEntity */
  GArray     *run_times;  /* gint64, ascending */
} RefResult;

static void
ref_result_free (RefResult *ref)
{
  g_hash_table_unref (ref->entities);
  g_array_unref (ref->run_times);
  g_free (ref);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefResult, ref_result_free)

static int
compare_ref_events (gconstpointer a,
                    gconstpointer b)
{
  const RefEvent *ea = *(const RefEvent **) a, *eb = *(const RefEvent **) b;

  if (ea->time != eb->time)
    return ea->time < eb->time ? -1 : 1;
  return ea->line < eb->line ? -1 : ea->line > eb->line;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 ta = *(const gint64 *) a, tb = *(const gint64 *) b;
  return ta < tb ? -1 : ta > tb;
}

static RefResult *
reference_run (const RefRules *rules)
{
  RefResult *ref = g_new0 (RefResult, 1);
  g_autoptr(GPtrArray) in_scope = g_ptr_array_new ();
  g_autoptr(GHashTable) last_run = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  const char *usage = g_intern_static_string ("usage.updated");

  ref->entities = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  ref->run_times = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < sample.events->len; i++)
    {
      RefEvent *event = &g_array_index (sample.events, RefEvent, i);

      if (event->type == usage && event->time >= rules->from_ms && event->time < rules->to_ms)
        g_ptr_array_add (in_scope, event);
    }
  g_ptr_array_sort (in_scope, compare_ref_events);

  for (guint i = 0; i < in_scope->len; i++)
    {
      const RefEvent *event = g_ptr_array_index (in_scope, i);
      gboolean metric_ok = event->metric != NULL && g_strv_contains (rules->metrics, event->metric);
      gboolean percent_ok = event->has_percent && event->percent >= rules->threshold;
      RefEntity *entity;
      gint64 *last;

      ref->scanned++;
      g_assert_nonnull (event->metric);
      g_assert_true (event->has_percent);
      if (metric_ok)
        ref->metric_passed++;
      else
        ref->metric_rejected++;
      if (percent_ok)
        ref->percent_passed++;
      else
        ref->percent_rejected++;
      if (!metric_ok || !percent_ok)
        continue;

      ref->matched++;
      g_assert_nonnull (event->account);
      entity = g_hash_table_lookup (ref->entities, event->account);
      if (entity == NULL)
        {
          entity = g_new0 (RefEntity, 1);
          entity->tenant = event->tenant;
          g_hash_table_insert (ref->entities, (gpointer) event->account, entity);
        }
      entity->events++;

      last = g_hash_table_lookup (last_run, event->account);
      if (last != NULL && event->time < *last + rules->cooldown_ms)
        {
          ref->suppressed++;
          continue;
        }
      if (last == NULL)
        {
          last = g_new (gint64, 1);
          g_hash_table_insert (last_run, (gpointer) event->account, last);
        }
      *last = event->time;
      entity->runs++;
      ref->runs++;
      g_array_append_val (ref->run_times, event->time);
    }

  g_array_sort (ref->run_times, compare_times);
  return ref;
}

static guint64
brute_peak (GArray *times,
            gint64  window_ms)
{
  guint64 peak = 0;

  for (guint i = 0; i < times->len; i++)
    {
      gint64 t = g_array_index (times, gint64, i);
      guint64 n = 0;

      for (guint j = 0; j < times->len; j++)
        {
          gint64 u = g_array_index (times, gint64, j);
          n += u > t - window_ms && u <= t;
        }
      peak = MAX (peak, n);
    }
  return peak;
}

static const SluiceDestinationStat *
find_destination (SluiceSimResult *result,
                  const char      *name)
{
  for (guint i = 0; i < result->destinations->len; i++)
    {
      const SluiceDestinationStat *stat = g_ptr_array_index (result->destinations, i);
      if (g_str_equal (stat->destination, name))
        return stat;
    }
  return NULL;
}

static void
assert_rate_limit (SluiceSimResult *result,
                   const char      *target,
                   GArray          *times,
                   guint64          limit,
                   gint64           per_ms,
                   gint64           timeout_ms)
{
  const SluiceRateLimitResult *rl = test_rate_limit (result, target);
  TestLimiterOutcome expected;

  test_limiter_reference ((const gint64 *) times->data, times->len, limit, per_ms, timeout_ms, &expected);
  g_test_message ("%s: peak %" PRIu64 " delayed %" PRIu64 " dropped %" PRIu64,
                  target, expected.peak, expected.delayed, expected.dropped);
  g_assert_cmpuint (rl->limit, ==, limit);
  g_assert_cmpint (rl->per_ms, ==, per_ms);
  g_assert_cmpuint (rl->outcome.actions, ==, times->len);
  g_assert_cmpuint (rl->outcome.peak, ==, expected.peak);
  g_assert_cmpfloat_with_epsilon (rl->outcome.utilisation, 100.0 * expected.peak / limit, 1e-9);
  g_assert_cmpuint (rl->outcome.delayed, ==, expected.delayed);
  g_assert_cmpuint (rl->outcome.dropped, ==, expected.dropped);
  g_assert_cmpint (rl->outcome.max_delay_ms, ==, expected.max_delay_ms);
  g_assert_cmpint (rl->outcome.drain_ms, ==, expected.drain_ms);
}

/* Every matched entity's shadow log must tell what the run counted. */
static void
assert_shadow_logs_agree (TestDataset       *ds,
                          SluiceWorkflow    *workflow,
                          const SluiceScope *scope,
                          SluiceSimResult   *result,
                          guint              max_entities)
{
  for (guint i = 0; i < MIN (result->entities->len, max_entities); i++)
    {
      const SluiceEntityStat *stat = &g_array_index (result->entities, SluiceEntityStat, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) log = sluice_simulator_shadow_log (test_dataset_get_simulator (ds), workflow, scope,
                                                             stat->entity, G_MAXUINT, NULL, &error);
      JsonArray *entries;
      guint runs = 0, held = 0, actions = 0;

      g_assert_no_error (error);
      if (log == NULL)
        continue;
      entries = json_node_get_array (log);
      for (guint k = 0; k < json_array_get_length (entries); k++)
        {
          JsonObject *entry = json_array_get_object_element (entries, k);
          const char *fate = json_object_get_string_member (entry, "fate");

          runs += g_str_equal (fate, "run");
          held += g_str_equal (fate, "cooldown");
          actions += json_array_get_length (json_object_get_array_member (entry, "actions"));
        }
      if (runs != stat->runs || runs + held != stat->events || actions != stat->actions)
        g_test_message ("%s: shadow log runs %u held %u actions %u; run says runs %u events %u actions %u",
                        stat->entity, runs, held, actions, stat->runs, stat->events, stat->actions);
      g_assert_cmpuint (runs, ==, stat->runs);
      g_assert_cmpuint (runs + held, ==, stat->events);
      g_assert_cmpuint (actions, ==, stat->actions);
    }
}

/* Story 1 (usage-quota-80, as shipped) over the last 7 days of the sample,
 * and the same with tight rate limits and a long timeout so the limiter
 * has work to do. */
static void
check_story1 (TestDataset *ds,
              gint64       from_ms,
              gint64       to_ms)
{
  g_autofree char *yaml = read_example ("usage-quota-80.workflow.yaml");
  g_autofree char *tight1 = replace_once (yaml, "      limit: 100\n      per: 1h\n", "      limit: 2\n      per: 1d\n");
  g_autofree char *tight2 = replace_once (tight1, "      limit: 20\n      per: 1h\n", "      limit: 1\n      per: 4h\n");
  g_autofree char *tight = replace_once (tight2, "    timeout: 5m\n", "    timeout: 12h\n");
  static const char * const storage[] = { "storage", NULL };
  RefRules rules = { storage, 80, 7 * DAY_MS, from_ms, to_ms };
  g_autoptr(RefResult) ref = reference_run (&rules);
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  const char *yamls[] = { yaml, tight };
  guint64 multi_run_entities = 0;
  GHashTableIter iter;
  gpointer key, value;

  scope->from_ms = rules.from_ms;
  scope->to_ms = rules.to_ms;
  scope->canary_percent = 5;

  g_test_message ("reference: scanned %" PRIu64 " matched %" PRIu64 " entities %u runs %" PRIu64,
                  ref->scanned, ref->matched, g_hash_table_size (ref->entities), ref->runs);
  /* the sample must give the rules something to do */
  g_assert_cmpuint (ref->matched, >, 100);
  g_assert_cmpuint (ref->suppressed, >, 20);
  g_assert_cmpuint (g_hash_table_size (ref->entities), >, 10);

  for (guint y = 0; y < G_N_ELEMENTS (yamls); y++)
    {
      g_autoptr(SluiceWorkflow) workflow = test_load_workflow (yamls[y]);
      g_autoptr(SluiceSimResult) result = test_run (ds, workflow, scope);
      guint64 canary_entities = 0, canary_actions = 0;

      g_assert_cmpuint (result->events_scanned, ==, ref->scanned);
      g_assert_cmpuint (result->events_matched, ==, ref->matched);
      g_assert_cmpuint (result->entities_matched, ==, g_hash_table_size (ref->entities));
      g_assert_cmpuint (result->events_without_entity, ==, 0);
      g_assert_cmpuint (result->suppressed_by_cooldown, ==, ref->suppressed);
      g_assert_cmpuint (result->runs, ==, ref->runs);
      g_assert_cmpuint (sluice_sim_result_get_actions (result, "record-nudge"), ==, ref->runs);
      g_assert_cmpuint (sluice_sim_result_get_actions (result, "notify-owner"), ==, ref->runs);
      g_assert_cmpuint (sluice_sim_result_get_actions (result, "open-ticket"), ==, ref->runs);
      g_assert_cmpuint (result->actions_total, ==, 3 * ref->runs);
      g_assert_cmpuint (result->dropped_by_fan_out, ==, 0);

      g_assert_cmpuint (test_filter (result, "usage-updated", 0)->passed, ==, ref->metric_passed);
      g_assert_cmpuint (test_filter (result, "usage-updated", 0)->rejected, ==, ref->metric_rejected);
      g_assert_cmpuint (test_filter (result, "usage-updated", 1)->passed, ==, ref->percent_passed);
      g_assert_cmpuint (test_filter (result, "usage-updated", 1)->rejected, ==, ref->percent_rejected);

      /* every entity, and the ranking */
      g_assert_cmpuint (result->entities->len, ==, g_hash_table_size (ref->entities));
      for (guint i = 0; i < result->entities->len; i++)
        {
          const SluiceEntityStat *stat = &g_array_index (result->entities, SluiceEntityStat, i);
          const RefEntity *entity = g_hash_table_lookup (ref->entities, g_intern_string (stat->entity));
          gboolean in_canary = sluice_canary_contains ("usage-quota-80", stat->entity, 5);

          g_assert_nonnull (entity);
          if (entity == NULL)
            continue;
          g_assert_cmpuint (stat->events, ==, entity->events);
          g_assert_cmpuint (stat->runs, ==, entity->runs);
          g_assert_cmpuint (stat->actions, ==, 3 * entity->runs);
          g_assert_cmpstr (stat->tenant, ==, entity->tenant);
          g_assert_cmpint (stat->in_canary, ==, in_canary);
          if (in_canary)
            {
              canary_entities++;
              canary_actions += stat->actions;
            }
          if (i > 0)
            g_assert_cmpuint (g_array_index (result->entities, SluiceEntityStat, i - 1).actions, >=, stat->actions);
        }
      g_assert_cmpuint (result->canary_entities, ==, canary_entities);
      g_assert_cmpuint (result->canary_actions, ==, canary_actions);
      if (y == 0)
        assert_shadow_logs_agree (ds, workflow, scope, result, 30);

      /* requests per destination, and their busiest hour and day */
      {
        static const char * const destinations[] = { "timeline", "email", "ticket:ops" };

        for (guint d = 0; d < G_N_ELEMENTS (destinations); d++)
          {
            const SluiceDestinationStat *stat = find_destination (result, destinations[d]);

            g_assert_nonnull (stat);
            if (stat == NULL)
              continue;
            g_assert_cmpuint (stat->requests, ==, ref->runs);
            g_assert_cmpuint (stat->peak_per_hour, ==, brute_peak (ref->run_times, HOUR_MS));
            g_assert_cmpuint (stat->peak_per_day, ==, brute_peak (ref->run_times, DAY_MS));
          }
      }

      if (y == 0)
        {
          assert_rate_limit (result, "notify-owner", ref->run_times, 100, HOUR_MS, 5 * 60000);
          assert_rate_limit (result, "open-ticket", ref->run_times, 20, HOUR_MS, 5 * 60000);
        }
      else
        {
          const SluiceRateLimitResult *rl = test_rate_limit (result, "open-ticket");

          assert_rate_limit (result, "notify-owner", ref->run_times, 2, DAY_MS, 12 * HOUR_MS);
          assert_rate_limit (result, "open-ticket", ref->run_times, 1, 4 * HOUR_MS, 12 * HOUR_MS);
          /* the tight limits must have had work to do */
          g_assert_cmpuint (rl->outcome.delayed, >, 0);
          g_assert_cmpuint (rl->outcome.dropped, >, 0);
        }
    }

  g_hash_table_iter_init (&iter, ref->entities);
  while (g_hash_table_iter_next (&iter, &key, &value))
    multi_run_entities += ((RefEntity *) value)->runs > 1;
  g_test_message ("entities with more than one run: %" PRIu64, multi_run_entities);
  /* over the whole sample (10 days), some accounts run twice */
  if (to_ms - from_ms > 7 * DAY_MS)
    g_assert_cmpuint (multi_run_entities, >, 0);
}

/* Story 1 over the last 7 days of the sample, as the brief asks, and over
 * all of it, where the 7-day cooldown lets some accounts run twice. */
static void
test_story1_generated (void)
{
  g_autoptr(TestDataset) ds = sample_dataset ();

  check_story1 (ds, sample.end_ms - 7 * DAY_MS, sample.end_ms);
  check_story1 (ds, sample.end_ms - 10 * DAY_MS, sample.end_ms);
}

/* Two versions over the same generated events: the diff each way is the
 * mirror of the other, and both agree with the reference. A: storage at
 * 80%; B: storage or seats at 85%, so entities move both ways. */
static char *
usage_workflow (const char *metrics,
                const char *threshold)
{
  return g_strdup_printf ("apiVersion: sluice.dev/v1\n"
                          "kind: Workflow\n"
                          "metadata:\n"
                          "  name: usage-diff\n"
                          "  version: 1\n"
                          "spec:\n"
                          "  trigger:\n"
                          "    id: usage\n"
                          "    type: event\n"
                          "    event: usage.updated\n"
                          "    filters:\n"
                          "    - path: data.metric\n"
                          "      op: in\n"
                          "      value: %s\n"
                          "    - path: data.percent\n"
                          "      op: gte\n"
                          "      value: %s\n"
                          "    next: nudge\n"
                          "  entityKey: data.account\n"
                          "  steps:\n"
                          "  - id: nudge\n"
                          "    type: record\n"
                          "    title: Nudge\n"
                          "    next: tell\n"
                          "  - id: tell\n"
                          "    type: notify\n"
                          "    channel: email\n"
                          "    to:\n"
                          "    - \"{{ data.owner_email }}\"\n"
                          "    message: Usage at {{ data.percent }}%%\n"
                          "  safety:\n"
                          "    cooldown: 3d\n",
                          metrics, threshold);
}

static GHashTable *
reference_qualifying (RefResult *ref)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, ref->entities);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((RefEntity *) value)->runs > 0)
      g_hash_table_add (set, key);
  return set;
}

/* a \ b, and a ∩ b */
static GHashTable *
set_minus (GHashTable *a,
           GHashTable *b,
           gboolean    intersect)
{
  GHashTable *out = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (b, key) == intersect)
      g_hash_table_add (out, key);
  return out;
}

static void
test_diff_generated (void)
{
  g_autoptr(TestDataset) ds = sample_dataset ();
  g_autofree char *yaml_a = usage_workflow ("[storage]", "80");
  g_autofree char *yaml_b = usage_workflow ("[storage, seats]", "85");
  g_autoptr(SluiceWorkflow) wa = test_load_workflow (yaml_a);
  g_autoptr(SluiceWorkflow) wb = test_load_workflow (yaml_b);
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  static const char * const metrics_a[] = { "storage", NULL };
  static const char * const metrics_b[] = { "storage", "seats", NULL };
  RefRules rules_a = { metrics_a, 80, 3 * DAY_MS, sample.end_ms - 10 * DAY_MS, sample.end_ms };
  RefRules rules_b = { metrics_b, 85, 3 * DAY_MS, sample.end_ms - 10 * DAY_MS, sample.end_ms };
  g_autoptr(RefResult) ref_a = reference_run (&rules_a);
  g_autoptr(RefResult) ref_b = reference_run (&rules_b);
  g_autoptr(GHashTable) q_a = reference_qualifying (ref_a);
  g_autoptr(GHashTable) q_b = reference_qualifying (ref_b);
  g_autoptr(GHashTable) only_b = set_minus (q_b, q_a, FALSE);
  g_autoptr(GHashTable) only_a = set_minus (q_a, q_b, FALSE);
  g_autoptr(GHashTable) both = set_minus (q_a, q_b, TRUE);
  g_autoptr(SluiceSimResult) ra = NULL;
  g_autoptr(SluiceSimResult) rb = NULL;
  g_autoptr(SluiceSimDiff) ab = NULL;
  g_autoptr(SluiceSimDiff) ba = NULL;
  g_autoptr(SluiceSimDiff) aa = NULL;

  scope->from_ms = rules_a.from_ms;
  scope->to_ms = rules_a.to_ms;
  ra = test_run (ds, wa, scope);
  rb = test_run (ds, wb, scope);

  g_test_message ("A qualifies %u, B %u; only A %u, only B %u, both %u",
                  g_hash_table_size (q_a), g_hash_table_size (q_b),
                  g_hash_table_size (only_a), g_hash_table_size (only_b), g_hash_table_size (both));
  g_assert_cmpuint (g_hash_table_size (only_a), >, 0);
  g_assert_cmpuint (g_hash_table_size (only_b), >, 0);
  g_assert_cmpuint (g_hash_table_size (both), >, 0);

  /* the 3-day cooldown must matter */
  g_assert_cmpuint (ref_a->suppressed, >, 0);
  g_assert_cmpuint (ref_a->runs, >, g_hash_table_size (q_a));
  g_assert_cmpuint (ra->runs, ==, ref_a->runs);
  g_assert_cmpuint (rb->runs, ==, ref_b->runs);
  g_assert_cmpuint (ra->events_matched, ==, ref_a->matched);
  g_assert_cmpuint (rb->events_matched, ==, ref_b->matched);

  ab = sluice_sim_diff_new (ra, rb);
  ba = sluice_sim_diff_new (rb, ra);

  {
    g_autoptr(GHashTable) ab_added = entity_set (ab->added);
    g_autoptr(GHashTable) ab_removed = entity_set (ab->removed);
    g_autoptr(GHashTable) ab_unchanged = entity_set (ab->unchanged);
    g_autoptr(GHashTable) ba_added = entity_set (ba->added);
    g_autoptr(GHashTable) ba_removed = entity_set (ba->removed);
    g_autoptr(GHashTable) ba_unchanged = entity_set (ba->unchanged);

    /* the mirror */
    assert_same_set (ab_added, ba_removed);
    assert_same_set (ab_removed, ba_added);
    assert_same_set (ab_unchanged, ba_unchanged);

    /* and the reference; entity names are interned on both sides */
    {
      g_autoptr(GHashTable) interned = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, ab_added);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (interned, (gpointer) g_intern_string (key));
      assert_same_set (interned, only_b);
    }
    g_assert_cmpuint (g_hash_table_size (ab_removed), ==, g_hash_table_size (only_a));
    g_assert_cmpuint (g_hash_table_size (ab_unchanged), ==, g_hash_table_size (both));
    for (guint i = 0; i < ab->removed->len; i++)
      g_assert_true (g_hash_table_contains (only_a, g_intern_string (((SluiceEntityStat *) g_ptr_array_index (ab->removed, i))->entity)));
    for (guint i = 0; i < ab->unchanged->len; i++)
      g_assert_true (g_hash_table_contains (both, g_intern_string (((SluiceEntityStat *) g_ptr_array_index (ab->unchanged, i))->entity)));
  }

  /* the added list holds B's numbers, the removed list A's */
  for (guint i = 0; i < ab->added->len; i++)
    {
      const SluiceEntityStat *stat = g_ptr_array_index (ab->added, i);
      const RefEntity *entity = g_hash_table_lookup (ref_b->entities, g_intern_string (stat->entity));

      g_assert_nonnull (entity);
      if (entity)
        g_assert_cmpuint (stat->actions, ==, 2 * entity->runs);
    }
  for (guint i = 0; i < ab->removed->len; i++)
    {
      const SluiceEntityStat *stat = g_ptr_array_index (ab->removed, i);
      const RefEntity *entity = g_hash_table_lookup (ref_a->entities, g_intern_string (stat->entity));

      g_assert_nonnull (entity);
      if (entity)
        g_assert_cmpuint (stat->actions, ==, 2 * entity->runs);
    }

  /* per-step deltas, each way */
  g_assert_cmpuint (find_delta (ab, "nudge")->before, ==, ref_a->runs);
  g_assert_cmpuint (find_delta (ab, "nudge")->after, ==, ref_b->runs);
  g_assert_cmpuint (find_delta (ab, "tell")->before, ==, ref_a->runs);
  g_assert_cmpuint (find_delta (ab, "tell")->after, ==, ref_b->runs);
  g_assert_cmpuint (find_delta (ba, "tell")->before, ==, ref_b->runs);
  g_assert_cmpuint (find_delta (ba, "tell")->after, ==, ref_a->runs);

  /* a version against itself: nobody moves */
  aa = sluice_sim_diff_new (ra, ra);
  g_assert_cmpuint (aa->added->len, ==, 0);
  g_assert_cmpuint (aa->removed->len, ==, 0);
  g_assert_cmpuint (aa->unchanged->len, ==, g_hash_table_size (q_a));
}


/* contact-fanout (as shipped) over the whole sample: `changed` on the plan,
 * a 1-day cooldown, a condition, a for-each with a cap of 25. */
static void
test_contact_fanout_generated (void)
{
  g_autoptr(TestDataset) ds = sample_dataset ();
  g_autofree char *yaml = read_example ("contact-fanout.workflow.yaml");
  g_autoptr(SluiceWorkflow) workflow = test_load_workflow (yaml);
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GPtrArray) in_scope = g_ptr_array_new ();
  g_autoptr(GHashTable) previous = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) last_run = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GHashTable) actions_of = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  const char *account_updated = g_intern_static_string ("account.updated");
  const char *enterprise = g_intern_static_string ("enterprise");
  guint64 scanned = 0, passed = 0, rejected = 0, missing = 0, no_previous = 0;
  guint64 matched = 0, suppressed = 0, runs = 0;
  guint64 plan_pass = 0, plan_reject = 0, contacts_pass = 0, contacts_reject = 0;
  guint64 welcome = 0, note = 0, cap_hits = 0;
  g_autoptr(GHashTable) entities = g_hash_table_new (g_direct_hash, g_direct_equal);

  scope->from_ms = sample.end_ms - 10 * DAY_MS;
  scope->to_ms = sample.end_ms;

  for (guint i = 0; i < sample.events->len; i++)
    {
      RefEvent *event = &g_array_index (sample.events, RefEvent, i);

      if (event->type == account_updated && event->time >= scope->from_ms && event->time < scope->to_ms)
        g_ptr_array_add (in_scope, event);
    }
  g_ptr_array_sort (in_scope, compare_ref_events);

  for (guint i = 0; i < in_scope->len; i++)
    {
      const RefEvent *event = g_ptr_array_index (in_scope, i);
      const char *before = g_hash_table_lookup (previous, event->account);
      gint64 *last;
      guint *actions;

      scanned++;
      if (event->plan == NULL)
        {
          missing++;
          continue;
        }
      g_hash_table_insert (previous, (gpointer) event->account, (gpointer) event->plan);
      if (before == NULL)
        {
          no_previous++;
          continue;
        }
      if (before == event->plan)
        {
          rejected++;
          continue;
        }
      passed++;

      matched++;
      g_hash_table_add (entities, (gpointer) event->account);
      last = g_hash_table_lookup (last_run, event->account);
      if (last != NULL && event->time < *last + DAY_MS)
        {
          suppressed++;
          continue;
        }
      if (last == NULL)
        {
          last = g_new (gint64, 1);
          g_hash_table_insert (last_run, (gpointer) event->account, last);
        }
      *last = event->time;
      runs++;

      actions = g_hash_table_lookup (actions_of, event->account);
      if (actions == NULL)
        {
          actions = g_new0 (guint, 1);
          g_hash_table_insert (actions_of, (gpointer) event->account, actions);
        }

      /* is-enterprise: both filters counted on every visit */
      plan_pass += event->plan == enterprise;
      plan_reject += event->plan != enterprise;
      contacts_pass += event->n_contacts != -1;
      contacts_reject += event->n_contacts == -1;
      if (event->plan == enterprise && event->n_contacts != -1)
        {
          guint items = MAX (event->n_contacts, 0);

          if (items > 25)
            {
              cap_hits++;
              items = 25;
            }
          welcome += items;
          *actions += items;
        }
      else
        {
          note++;
          *actions += 1;
        }
    }

  g_test_message ("reference: scanned %" PRIu64 " matched %" PRIu64 " runs %" PRIu64
                  " welcome %" PRIu64 " note %" PRIu64 " cap hits %" PRIu64,
                  scanned, matched, runs, welcome, note, cap_hits);
  g_assert_cmpuint (suppressed, >, 0);
  g_assert_cmpuint (welcome, >, 0);
  g_assert_cmpuint (note, >, 0);

  result = test_run (ds, workflow, scope);
  g_assert_cmpuint (result->events_scanned, ==, scanned);
  g_assert_cmpuint (test_filter (result, "account-updated", 0)->passed, ==, passed);
  g_assert_cmpuint (test_filter (result, "account-updated", 0)->rejected, ==, rejected);
  g_assert_cmpuint (test_filter (result, "account-updated", 0)->missing, ==, missing);
  g_assert_cmpuint (test_filter (result, "account-updated", 0)->no_previous, ==, no_previous);
  g_assert_cmpuint (result->events_matched, ==, matched);
  g_assert_cmpuint (result->entities_matched, ==, g_hash_table_size (entities));
  g_assert_cmpuint (result->suppressed_by_cooldown, ==, suppressed);
  g_assert_cmpuint (result->runs, ==, runs);
  g_assert_cmpuint (test_filter (result, "is-enterprise", 0)->passed, ==, plan_pass);
  g_assert_cmpuint (test_filter (result, "is-enterprise", 0)->rejected, ==, plan_reject);
  g_assert_cmpuint (test_filter (result, "is-enterprise", 1)->passed, ==, contacts_pass);
  g_assert_cmpuint (test_filter (result, "is-enterprise", 1)->rejected, ==, contacts_reject);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "welcome-contact"), ==, welcome);
  g_assert_cmpuint (sluice_sim_result_get_actions (result, "note-plan"), ==, note);
  g_assert_cmpuint (test_step (result, "each-contact")->cap_hits, ==, cap_hits);
  g_assert_cmpuint (result->dropped_by_fan_out, ==, 0);
  for (guint i = 0; i < result->entities->len; i++)
    {
      const SluiceEntityStat *stat = &g_array_index (result->entities, SluiceEntityStat, i);
      const guint *actions = g_hash_table_lookup (actions_of, g_intern_string (stat->entity));

      g_assert_cmpuint (stat->actions, ==, actions ? *actions : 0);
    }

  assert_shadow_logs_agree (ds, workflow, scope, result, 15);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/sim/diff/story2-by-hand", test_diff_story2_by_hand);
  g_test_add_func ("/sim/diff/matched-without-actions", test_diff_matched_without_actions);
  g_test_add_func ("/sim/diff/generated-symmetry", test_diff_generated);
  g_test_add_func ("/sim/story1/generated", test_story1_generated);
  g_test_add_func ("/sim/contact-fanout/generated", test_contact_fanout_generated);

  status = g_test_run ();
  sample_clear ();
  return status;
}
