/* bench-simulator.c — how fast import and dry runs are, on real sizes
 *
 * Not a test: run it from a release build, e.g.
 *
 *   meson setup _build-rel --buildtype=release && ninja -C _build-rel
 *   _build-rel/tests/bench/bench-simulator --events 1000000
 *
 * It generates demo events, imports them into a fresh dataset, dry-runs
 * Story 1, changes its threshold (80 → 85) and its window, diffs the two
 * versions, and prints each time and the peak resident memory.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "sluice-sample-generator.h"
#include "sluice-sim-diff.h"
#include "sluice-simulator.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static long
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

static void
report (const char *what,
        double      seconds,
        const char *extra)
{
  printf ("%-40s %9.1f ms   peak RSS %4ld MB   %s\n", what, seconds * 1000, peak_rss_mb (), extra ? extra : "");
  fflush (stdout);
}

/* Story 1 with its threshold set to @threshold. */
static SluiceWorkflow *
story_1 (const char *path,
         gint64      threshold)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SluiceWorkflow *workflow = sluice_workflow_load_from_file (file, diagnostics, &error);
  g_autoptr(GPtrArray) filters = NULL;
  JsonArray *array;

  if (workflow == NULL)
    g_error ("cannot load %s", path);

  /* the second trigger filter is data.percent ≥ 80 */
  array = json_node_get_array (sluice_step_get_member (sluice_workflow_get_trigger (workflow), "filters"));
  json_object_set_int_member (json_array_get_object_element (array, 1), "value", threshold);
  sluice_workflow_changed (workflow);

  return workflow;
}

int
main (int   argc,
      char *argv[])
{
  gint64 n_events = 1000000;
  int seed = 1;
  g_autofree char *keep = NULL;
  g_autofree char *story = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "events", 'n', 0, G_OPTION_ARG_INT64, &n_events, "How many events (default 1000000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Generator seed (default 1)", "S" },
    { "keep", 'k', 0, G_OPTION_ARG_FILENAME, &keep, "Keep the event file and dataset in DIR", "DIR" },
    { "story", 0, 0, G_OPTION_ARG_FILENAME, &story, "Story 1's workflow file", "FILE" },
    { NULL }
  };
  g_autofree char *dir = NULL;
  g_autofree char *events_path = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(SluiceSimulator) simulator = NULL;
  g_autoptr(SluiceWorkflow) at_80 = NULL;
  g_autoptr(SluiceWorkflow) at_85 = NULL;
  g_autoptr(SluiceScope) everything = sluice_scope_new ();
  g_autoptr(SluiceScope) last_week = NULL;
  g_autoptr(SluiceSimResult) first = NULL;
  g_autoptr(SluiceSimResult) again = NULL;
  g_autoptr(SluiceSimResult) changed = NULL;
  g_autoptr(SluiceSimResult) windowed = NULL;
  g_autoptr(SluiceImportReport) imported = NULL;
  g_autoptr(SluiceSimDiff) diff = NULL;
  g_autofree char *extra = NULL;
  SluiceSampleOptions options;
  gint64 start, first_ms, last_ms;
  double seconds;
  GStatBuf info;

  context = g_option_context_new ("— measure import and dry-run speed");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (story == NULL)
    story = g_build_filename (SLUICE_SOURCE_DIR, "data", "examples", "usage-quota-80.workflow.yaml", NULL);

  dir = keep ? g_strdup (keep) : g_dir_make_tmp ("sluice-bench-XXXXXX", &error);
  g_assert_no_error (error);
  g_mkdir_with_parents (dir, 0700);
  events_path = g_build_filename (dir, "events.jsonl", NULL);
  db_path = g_build_filename (dir, "events.db", NULL);
  g_unlink (db_path);

  printf ("Sluice simulator benchmark: %" PRId64 " events, seed %d, in %s\n\n", n_events, seed, dir);

  /* generate */
  {
    g_autoptr(GFile) file = g_file_new_for_path (events_path);
    g_autoptr(GFileOutputStream) output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);

    g_assert_no_error (error);
    sluice_sample_options_init (&options);
    options.n_events = n_events;
    options.seed = seed;
    start = g_get_monotonic_time ();
    if (!sluice_sample_generator_write (G_OUTPUT_STREAM (output), &options, NULL, NULL, NULL, &error)
        || !g_output_stream_close (G_OUTPUT_STREAM (output), NULL, &error))
      g_error ("%s", error->message);
    seconds = seconds_since (start);
    g_stat (events_path, &info);
    extra = g_strdup_printf ("%.0f MB, %.0f MB/s", info.st_size / 1e6, info.st_size / 1e6 / seconds);
    report ("generate events", seconds, extra);
    g_clear_pointer (&extra, g_free);
  }

  /* import */
  {
    g_autoptr(GFile) file = g_file_new_for_path (events_path);

    store = sluice_event_store_open (db_path, &error);
    g_assert_no_error (error);
    start = g_get_monotonic_time ();
    imported = sluice_event_store_import_file (store, file, SLUICE_EVENT_FORMAT_AUTO, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    seconds = seconds_since (start);
    extra = g_strdup_printf ("%" PRIu64 " added, %.0f MB/s, %.0f k events/s",
                             imported->events_added, info.st_size / 1e6 / seconds, imported->events_added / 1e3 / seconds);
    report ("import", seconds, extra);
    g_clear_pointer (&extra, g_free);
  }

  at_80 = story_1 (story, 80);
  at_85 = story_1 (story, 85);
  simulator = sluice_simulator_new (store);

  start = g_get_monotonic_time ();
  first = sluice_simulator_run (simulator, at_80, everything, NULL, &error);
  g_assert_no_error (error);
  extra = g_strdup_printf ("%" PRIu64 " matched, %" PRIu64 " entities",
                           first->events_matched, first->entities_matched);
  report ("Story 1, first dry run", seconds_since (start), extra);
  g_clear_pointer (&extra, g_free);

  start = g_get_monotonic_time ();
  again = sluice_simulator_run (simulator, at_80, everything, NULL, &error);
  g_assert_no_error (error);
  report ("Story 1, run again", seconds_since (start), NULL);

  start = g_get_monotonic_time ();
  changed = sluice_simulator_run (simulator, at_85, everything, NULL, &error);
  g_assert_no_error (error);
  extra = g_strdup_printf ("%" PRIu64 " matched", changed->events_matched);
  report ("threshold 80 -> 85, re-run", seconds_since (start), extra);
  g_clear_pointer (&extra, g_free);

  sluice_event_store_get_time_range (store, &first_ms, &last_ms);
  last_week = sluice_scope_new ();
  sluice_scope_parse_window (last_week, "7d", NULL, last_ms, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  windowed = sluice_simulator_run (simulator, at_80, last_week, NULL, &error);
  g_assert_no_error (error);
  extra = g_strdup_printf ("%" PRIu64 " scanned", windowed->events_scanned);
  report ("window all -> last 7 days, re-run", seconds_since (start), extra);
  g_clear_pointer (&extra, g_free);

  start = g_get_monotonic_time ();
  diff = sluice_sim_diff_new (first, changed);
  extra = g_strdup_printf ("+%u −%u =%u entities", diff->added->len, diff->removed->len, diff->unchanged->len);
  report ("diff of the two results", seconds_since (start), extra);
  g_clear_pointer (&extra, g_free);

  /* a diff from nothing: a new simulator with no cache, both versions */
  {
    g_autoptr(SluiceSimulator) cold = sluice_simulator_new (store);
    g_autoptr(SluiceSimResult) a = NULL;
    g_autoptr(SluiceSimResult) b = NULL;
    g_autoptr(SluiceSimDiff) cold_diff = NULL;

    start = g_get_monotonic_time ();
    a = sluice_simulator_run (cold, at_80, everything, NULL, &error);
    b = sluice_simulator_run (cold, at_85, everything, NULL, &error);
    g_assert_no_error (error);
    cold_diff = sluice_sim_diff_new (a, b);
    report ("diff 80 vs 85 from a cold simulator", seconds_since (start), NULL);
  }

  printf ("\npeak resident memory: %ld MB\n", peak_rss_mb ());

  if (keep == NULL)
    {
      g_clear_object (&simulator);
      g_clear_object (&store);
      g_unlink (events_path);
      g_unlink (db_path);
      g_rmdir (dir);
    }

  return 0;
}
