/* test-impact-view.c — the Impact view: import, scope, live runs, diff
 *
 * Runs under Xvfb (see tests/meson.build). The view is driven through its
 * small public API (open a dataset, import files, set the window, keep a
 * comparison) and through document edits, the way the rest of the app
 * drives it; each run is waited for on the view's ::updated signal, and
 * the numbers are checked against the engine run directly.
 *
 * With SLUICE_TEST_SCREENSHOT_DIR set, /impact-view/screenshots saves
 * impact.png and impact-diff.png of a whole window, over the demo data or,
 * with SLUICE_TEST_BIG_EVENTS=FILE, over those events imported through the
 * view; it also prints the import throughput and the time from a threshold
 * edit to the updated summary.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "sluice-canvas.h"
#include "sluice-event-store.h"
#include "sluice-impact-entity.h"
#include "sluice-impact-treemap.h"
#include "sluice-impact-view.h"
#include "sluice-json.h"
#include "sluice-report-window.h"
#include "sluice-sample-generator.h"
#include "sluice-sim-diff.h"
#include "sluice-simulator.h"
#include "sluice-window.h"
#include "ui-test-util.h"

typedef struct
{
  GtkWindow        *window;
  SluiceImpactView *view;
  SluiceDocument   *document;
  char             *dir;
  char             *dataset;
  guint             n_updated;
  guint             n_imports;
  gboolean          import_ok;
  GPtrArray        *shown_steps;
} Fixture;

/* ---- helpers ----------------------------------------------------------------- */

static gboolean
wait_until (gboolean (*done) (Fixture *),
            Fixture   *fixture,
            guint      timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (!done (fixture))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

static gboolean
run_done (Fixture *fixture)
{
  return fixture->n_updated > 0 && !sluice_impact_view_get_running (fixture->view);
}

/* Waits for the run a change asked for, and returns its result. */
static JsonObject *
wait_run (Fixture *fixture)
{
  JsonNode *result;

  g_assert_true (wait_until (run_done, fixture, 60));
  fixture->n_updated = 0;
  result = sluice_impact_view_get_result (fixture->view);
  g_assert_nonnull (result);
  return json_node_get_object (result);
}

static gboolean
import_done (Fixture *fixture)
{
  return fixture->n_imports > 0;
}

static void
updated_cb (SluiceImpactView *view,
            Fixture          *fixture)
{
  fixture->n_updated++;
}

static void
import_finished_cb (SluiceImpactView *view,
                    gboolean          success,
                    Fixture          *fixture)
{
  fixture->n_imports++;
  fixture->import_ok = success;
}

static void
show_step_cb (SluiceImpactView *view,
              const char       *step_id,
              Fixture          *fixture)
{
  g_ptr_array_add (fixture->shown_steps, g_strdup (step_id));
}

static char *
example_path (const char *name)
{
  return g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples", name, NULL);
}

/* Opens a fresh dataset in the test's folder and imports the demo events
 * through the view. */
static void
open_demo_dataset (Fixture *fixture)
{
  g_autofree char *demo = example_path ("demo-events.jsonl.gz");
  g_autoptr(GFile) dataset = g_file_new_for_path (fixture->dataset);
  g_autoptr(GFile) events = g_file_new_for_path (demo);

  sluice_impact_view_open_dataset (fixture->view, dataset);
  while (sluice_impact_view_get_dataset_path (fixture->view) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (sluice_impact_view_get_n_events (fixture->view), ==, 0);

  fixture->n_imports = 0;
  sluice_impact_view_import_files (fixture->view, &events, 1);
  g_assert_true (sluice_impact_view_get_importing (fixture->view));
  g_assert_true (wait_until (import_done, fixture, 60));
  g_assert_true (fixture->import_ok);
  g_assert_false (sluice_impact_view_get_importing (fixture->view));
  g_assert_cmpint (sluice_impact_view_get_n_events (fixture->view), ==, 20000);
}

/* Story 1's threshold, changed the way the inspector changes it. */
static void
set_threshold (Fixture *fixture,
               double   threshold)
{
  SluiceWorkflow *workflow = sluice_document_get_workflow (fixture->document);
  SluiceStep *trigger = sluice_workflow_get_trigger (workflow);
  JsonNode *filters = sluice_json_deep_copy (sluice_step_get_member (trigger, "filters"));
  JsonObject *percent = json_array_get_object_element (json_node_get_array (filters), 1);

  g_assert_cmpstr (json_object_get_string_member (percent, "path"), ==, "data.percent");
  json_object_set_int_member (percent, "value", (gint64) threshold);

  sluice_document_begin_edit (fixture->document, "Change the threshold");
  sluice_step_set_member (trigger, "filters", filters);
  sluice_document_end_edit (fixture->document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR);
}

/* Story 1 at @threshold, over the same dataset and window, run by the
 * engine itself: what the view must show. */
static SluiceSimResult *
engine_run (Fixture    *fixture,
            double      threshold,
            const char *window)
{
  g_autofree char *path = example_path ("usage-quota-80.workflow.yaml");
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(SluiceSimulator) simulator = NULL;
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_strdup_printf ("value: %.0f", threshold);
  g_auto(GStrv) parts = NULL;
  gint64 first, last;
  SluiceSimResult *result;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  parts = g_strsplit (text, "value: 80", 2);
  edited = g_strjoinv (value, parts);
  workflow = sluice_workflow_load_from_data (edited, strlen (edited), diagnostics);
  g_assert_nonnull (workflow);

  store = sluice_event_store_open (fixture->dataset, &error);
  g_assert_no_error (error);
  g_assert_true (sluice_event_store_get_time_range (store, &first, &last));
  g_assert_true (sluice_scope_parse_window (scope, window, NULL, last, &error));
  simulator = sluice_simulator_new (store);
  result = sluice_simulator_run (simulator, workflow, scope, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static GtkWidget *
find_step_row (GtkWidget  *root,
               const char *step_id)
{
  if (GTK_IS_LIST_BOX_ROW (root) && g_strcmp0 (g_object_get_data (G_OBJECT (root), "sluice-step-id"), step_id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_step_row (child, step_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ---- fixture ------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = example_path ("usage-quota-80.workflow.yaml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sluice-test-impact-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->dataset = g_build_filename (fixture->dir, "events.db", NULL);
  fixture->shown_steps = g_ptr_array_new_with_free_func (g_free);

  fixture->document = sluice_document_new ();
  g_assert_true (sluice_document_load (fixture->document, file, &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 800);
  fixture->view = SLUICE_IMPACT_VIEW (sluice_impact_view_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  g_signal_connect (fixture->view, "updated", G_CALLBACK (updated_cb), fixture);
  g_signal_connect (fixture->view, "import-finished", G_CALLBACK (import_finished_cb), fixture);
  g_signal_connect (fixture->view, "show-step", G_CALLBACK (show_step_cb), fixture);
  sluice_impact_view_set_document (fixture->view, fixture->document);
  gtk_window_present (fixture->window);
  ui_test_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  /* the worker finishes what it was doing before the dataset closes */
  ui_test_wait_ms (200);
  g_clear_object (&fixture->document);
  g_ptr_array_unref (fixture->shown_steps);
  ui_test_remove_tree (fixture->dir);
  g_free (fixture->dataset);
  g_free (fixture->dir);
}

/* ---- tests ---------------------------------------------------------------------- */

/* The demo events through the view: progress, the summary, then a run of
 * Story 1 over the last 7 days (the settings' default) as the engine says. */
static void
test_import_and_run (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SluiceSimResult) expected = NULL;
  g_autofree char *events = NULL;
  JsonObject *result;

  open_demo_dataset (fixture);
  g_assert_cmpfloat (sluice_impact_view_get_import_fraction (fixture->view), >, 0.99);

  result = wait_run (fixture);
  expected = engine_run (fixture, 80, "7d");
  g_assert_cmpint (json_object_get_int_member (result, "events_matched"), ==, expected->events_matched);
  g_assert_cmpint (json_object_get_int_member (result, "entities_matched"), ==, expected->entities_matched);
  g_assert_cmpint (json_object_get_int_member (result, "actions_total"), ==, expected->actions_total);
  g_assert_cmpint (expected->events_matched, >, 0);
  g_assert_null (sluice_impact_view_get_error (fixture->view));

  /* the cards show the same numbers */
  events = g_strdup_printf ("%" PRIu64, expected->events_matched);
  g_assert_cmpstr (sluice_impact_view_get_card_value (fixture->view, "events"), ==, events);

  /* without a comparison there is no diff */
  g_assert_null (sluice_impact_view_get_diff (fixture->view));
  g_assert_cmpuint (g_list_model_get_n_items (sluice_impact_view_get_diff_model (fixture->view, SLUICE_IMPACT_DIFF_ADDED)), ==, 0);
}

static gboolean
import_under_way (Fixture *fixture)
{
  return sluice_impact_view_get_import_fraction (fixture->view) > 0.05;
}

/* 200,000 events, cancelled part way: the dataset is as it was. */
static void
test_import_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *big = g_build_filename (fixture->dir, "big.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (big);
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SluiceSampleOptions options;

  open_demo_dataset (fixture);
  wait_run (fixture);

  sluice_sample_options_init (&options);
  options.n_events = 200000;
  options.seed = 7;
  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sluice_sample_generator_write (G_OUTPUT_STREAM (output), &options, NULL, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (output), NULL, &error));
  g_assert_no_error (error);

  fixture->n_imports = 0;
  sluice_impact_view_import_files (fixture->view, &file, 1);
  g_assert_true (wait_until (import_under_way, fixture, 60));
  g_assert_cmpuint (fixture->n_imports, ==, 0);
  g_assert_true (sluice_impact_view_get_importing (fixture->view));

  sluice_impact_view_cancel_import (fixture->view);
  g_assert_true (wait_until (import_done, fixture, 60));
  g_assert_false (fixture->import_ok);
  g_assert_false (sluice_impact_view_get_importing (fixture->view));

  /* rolled back: the view and the file say so */
  g_assert_cmpint (sluice_impact_view_get_n_events (fixture->view), ==, 20000);
  store = sluice_event_store_open (fixture->dataset, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sluice_event_store_count_events (store), ==, 20000);

  /* and the same file imports when left alone (its ids overlap the demo's:
   * those are rejected as conflicts, the rest added) */
  fixture->n_imports = 0;
  sluice_impact_view_import_files (fixture->view, &file, 1);
  g_assert_true (wait_until (import_done, fixture, 120));
  g_assert_true (fixture->import_ok);
  g_assert_cmpint (sluice_impact_view_get_n_events (fixture->view), >, 200000);
  g_clear_object (&store);
  store = sluice_event_store_open (fixture->dataset, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sluice_event_store_count_events (store), ==, sluice_impact_view_get_n_events (fixture->view));
}

/* Changing the window, then the tenants, changes the numbers. */
static void
test_scope_change (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SluiceSimResult) month = NULL;
  g_autofree char *events = NULL;
  const char * const one_tenant[] = { "t01", NULL };
  JsonObject *result;
  gint64 week, all_tenants;

  open_demo_dataset (fixture);
  week = json_object_get_int_member (wait_run (fixture), "events_matched");

  g_assert_true (sluice_impact_view_set_window (fixture->view, "30d"));
  result = wait_run (fixture);
  month = engine_run (fixture, 80, "30d");
  all_tenants = json_object_get_int_member (result, "events_matched");
  g_assert_cmpint (all_tenants, ==, month->events_matched);
  g_assert_cmpint (all_tenants, >, week);
  events = g_strdup_printf ("%" PRId64, all_tenants);
  g_assert_cmpstr (sluice_impact_view_get_card_value (fixture->view, "events"), ==, events);

  sluice_impact_view_set_tenants (fixture->view, one_tenant);
  result = wait_run (fixture);
  g_assert_cmpint (json_object_get_int_member (result, "events_matched"), <, all_tenants);
  g_assert_cmpint (json_object_get_int_member (result, "events_matched"), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "tenants")), ==, 1);

  /* a custom window that makes no sense is said, not run */
  sluice_impact_view_set_tenants (fixture->view, NULL);
  sluice_impact_view_set_custom_window (fixture->view, "last tuesday", NULL);
  g_assert_true (wait_until (run_done, fixture, 30));
  fixture->n_updated = 0;
  g_assert_nonnull (sluice_impact_view_get_error (fixture->view));
  g_assert_nonnull (strstr (sluice_impact_view_get_error (fixture->view), "last tuesday"));

  sluice_impact_view_set_custom_window (fixture->view, "30d", NULL);
  result = wait_run (fixture);
  g_assert_null (sluice_impact_view_get_error (fixture->view));
  g_assert_cmpint (json_object_get_int_member (result, "events_matched"), ==, all_tenants);
}

/* An edit of the document re-runs, and the numbers follow. */
static void
test_document_edit (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SluiceSimResult) expected = NULL;
  JsonObject *result;
  gint64 before;

  open_demo_dataset (fixture);
  sluice_impact_view_set_window (fixture->view, "30d");
  before = json_object_get_int_member (wait_run (fixture), "events_matched");

  set_threshold (fixture, 95);
  g_assert_true (sluice_impact_view_get_running (fixture->view));
  result = wait_run (fixture);
  expected = engine_run (fixture, 95, "30d");
  g_assert_cmpint (json_object_get_int_member (result, "events_matched"), ==, expected->events_matched);
  g_assert_cmpint (expected->events_matched, <, before);

  /* many edits in a row: the last one is what is shown */
  for (int threshold = 81; threshold <= 90; threshold++)
    set_threshold (fixture, threshold);
  result = wait_run (fixture);
  g_clear_pointer (&expected, sluice_sim_result_unref);
  expected = engine_run (fixture, 90, "30d");
  g_assert_cmpint (json_object_get_int_member (result, "events_matched"), ==, expected->events_matched);

  /* undo is an edit too */
  g_assert_true (sluice_document_undo (fixture->document));
  result = wait_run (fixture);
  g_clear_pointer (&expected, sluice_sim_result_unref);
  expected = engine_run (fixture, 89, "30d");
  g_assert_cmpint (json_object_get_int_member (result, "events_matched"), ==, expected->events_matched);

  /* a workflow without a trigger cannot be dry-run: the view says why */
  sluice_document_begin_edit (fixture->document, "Remove the trigger");
  sluice_workflow_remove_step (sluice_document_get_workflow (fixture->document), "usage-updated");
  sluice_document_end_edit (fixture->document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR);
  g_assert_true (wait_until (run_done, fixture, 30));
  fixture->n_updated = 0;
  g_assert_nonnull (sluice_impact_view_get_error (fixture->view));
  g_assert_nonnull (strstr (sluice_impact_view_get_error (fixture->view), "trigger"));
}

static GtkWidget *find_group (GtkWidget  *root,
                              const char *title);

static guint
count_entities (Fixture              *fixture,
                SluiceImpactDiffList  list)
{
  return g_list_model_get_n_items (sluice_impact_view_get_diff_model (fixture->view, list));
}

static void
check_diff_80_85 (Fixture *fixture)
{
  g_autoptr(SluiceSimResult) before = engine_run (fixture, 80, "7d");
  g_autoptr(SluiceSimResult) after = engine_run (fixture, 85, "7d");
  g_autoptr(SluiceSimDiff) expected = sluice_sim_diff_new (before, after);
  JsonObject *diff;
  GListModel *removed;

  g_assert_nonnull (sluice_impact_view_get_diff (fixture->view));
  diff = json_node_get_object (sluice_impact_view_get_diff (fixture->view));
  g_assert_cmpint (json_object_get_int_member (diff, "removed_entities"), ==, expected->removed->len);
  g_assert_cmpint (json_object_get_int_member (diff, "added_entities"), ==, expected->added->len);
  g_assert_cmpint (json_object_get_int_member (diff, "unchanged_entities"), ==, expected->unchanged->len);

  /* the lists hold them all */
  g_assert_cmpuint (count_entities (fixture, SLUICE_IMPACT_DIFF_ADDED), ==, expected->added->len);
  g_assert_cmpuint (count_entities (fixture, SLUICE_IMPACT_DIFF_REMOVED), ==, expected->removed->len);
  g_assert_cmpuint (count_entities (fixture, SLUICE_IMPACT_DIFF_UNCHANGED), ==, expected->unchanged->len);
  g_assert_cmpuint (expected->removed->len, >, 0);
  g_assert_cmpuint (expected->unchanged->len, >, 0);

  /* entities that drop out had actions before and have none now */
  removed = sluice_impact_view_get_diff_model (fixture->view, SLUICE_IMPACT_DIFF_REMOVED);
  for (guint i = 0; i < g_list_model_get_n_items (removed); i++)
    {
      g_autoptr(SluiceImpactEntity) entity = g_list_model_get_item (removed, i);

      g_assert_cmpuint (sluice_impact_entity_get_actions (entity), ==, 0);
      g_assert_cmpuint (sluice_impact_entity_get_before (entity), >, 0);
      g_assert_null (sluice_sim_result_lookup_entity (after, sluice_impact_entity_get_entity (entity))
                     && sluice_sim_result_lookup_entity (after, sluice_impact_entity_get_entity (entity))->actions > 0
                     ? "qualifies" : NULL);
    }
}

/* 80 → 85 against a kept version, then against the saved file. */
static void
test_diff (Fixture       *fixture,
           gconstpointer  data)
{
  GListModel *unchanged;
  GtkWidget *search;
  guint n_unchanged;

  open_demo_dataset (fixture);
  wait_run (fixture);

  sluice_impact_view_keep_comparison (fixture->view);
  wait_run (fixture);
  g_assert_nonnull (sluice_impact_view_get_diff (fixture->view));
  g_assert_cmpuint (count_entities (fixture, SLUICE_IMPACT_DIFF_ADDED), ==, 0);
  g_assert_cmpuint (count_entities (fixture, SLUICE_IMPACT_DIFF_REMOVED), ==, 0);

  set_threshold (fixture, 85);
  wait_run (fixture);
  check_diff_80_85 (fixture);

  /* the lists can be searched */
  unchanged = sluice_impact_view_get_diff_model (fixture->view, SLUICE_IMPACT_DIFF_UNCHANGED);
  n_unchanged = g_list_model_get_n_items (unchanged);
  {
    g_autoptr(SluiceImpactEntity) first = g_list_model_get_item (unchanged, 0);
    g_autofree char *needle = g_strdup (sluice_impact_entity_get_entity (first));

    search = ui_test_find_widget (find_group (GTK_WIDGET (fixture->view), "Effect Diff"), GTK_TYPE_SEARCH_ENTRY);
    g_assert_nonnull (search);
    gtk_editable_set_text (GTK_EDITABLE (search), needle);
    g_signal_emit_by_name (search, "search-changed");
    ui_test_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (unchanged), ==, 1);
    gtk_editable_set_text (GTK_EDITABLE (search), "");
    g_signal_emit_by_name (search, "search-changed");
    ui_test_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (unchanged), ==, n_unchanged);
  }

  /* the same against the file on disk, which still says 80 */
  sluice_impact_view_set_comparison (fixture->view, SLUICE_IMPACT_COMPARE_FILE);
  wait_run (fixture);
  check_diff_80_85 (fixture);

  sluice_impact_view_set_comparison (fixture->view, SLUICE_IMPACT_COMPARE_NONE);
  wait_run (fixture);
  g_assert_null (sluice_impact_view_get_diff (fixture->view));
  g_assert_cmpuint (count_entities (fixture, SLUICE_IMPACT_DIFF_REMOVED), ==, 0);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SaveWait;

static void
report_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SaveWait *wait = user_data;

  wait->ok = sluice_impact_view_save_report_finish (SLUICE_IMPACT_VIEW (source), result, &wait->error);
  wait->done = TRUE;
}

/* Saves what @view shows into @dir/@name; returns the error, if any. */
static GError *
save_report (SluiceImpactView *view,
             const char       *dir,
             const char       *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SaveWait wait = { FALSE, FALSE, NULL };

  sluice_impact_view_save_report (view, file, NULL, report_saved_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.ok == (wait.error == NULL));
  return wait.error;
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  g_assert_nonnull (object);
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_int_member (object, name);
}

/* Save Report writes what the view shows (80 → 85 against the kept
 * version); the report opens read-only in a window of its own with the
 * same numbers and no dataset, and exports from there. */
static void
test_report_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "review.sluice-report", NULL);
  g_autofree char *html_path = g_build_filename (fixture->dir, "review.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SluiceReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *events = NULL;
  JsonObject *shown, *shown_diff, *saved, *saved_diff;
  SluiceReportWindow *window;
  SluiceImpactView *read_only;

  open_demo_dataset (fixture);
  wait_run (fixture);
  sluice_impact_view_keep_comparison (fixture->view);
  wait_run (fixture);
  set_threshold (fixture, 85);
  shown = wait_run (fixture);
  shown_diff = json_node_get_object (sluice_impact_view_get_diff (fixture->view));

  /* a name that says no format is refused, and nothing is written */
  error = save_report (fixture->view, fixture->dir, "review.txt");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_clear_error (&error);

  error = save_report (fixture->view, fixture->dir, "review.sluice-report");
  g_assert_no_error (error);

  report = sluice_report_load (file, NULL, &error);
  g_assert_no_error (error);
  saved = sluice_report_get_result (report);
  saved_diff = sluice_report_get_diff (report);
  g_assert_cmpint (member_int (saved, "events_matched"), ==, member_int (shown, "events_matched"));
  g_assert_cmpint (member_int (saved, "entities_matched"), ==, member_int (shown, "entities_matched"));
  g_assert_cmpint (member_int (saved, "actions_total"), ==, member_int (shown, "actions_total"));
  g_assert_nonnull (sluice_report_get_comparison (report));
  g_assert_cmpint (member_int (saved_diff, "added_entities"), ==, member_int (shown_diff, "added_entities"));
  g_assert_cmpint (member_int (saved_diff, "removed_entities"), ==, member_int (shown_diff, "removed_entities"));
  g_assert_cmpint (member_int (saved_diff, "removed_entities"), >, 0);
  /* the workflow as edited, not as saved */
  g_assert_nonnull (strstr (json_object_get_string_member (sluice_report_get_workflow (report), "yaml"),
                            "value: 85"));

  /* opened read-only: the same numbers, without the dataset */
  window = sluice_report_window_new (NULL, report);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_iterate ();
  read_only = SLUICE_IMPACT_VIEW (ui_test_find_widget (GTK_WIDGET (window), SLUICE_TYPE_IMPACT_VIEW));
  g_assert_nonnull (read_only);
  g_assert_true (sluice_impact_view_get_report (read_only) == report);
  g_assert_null (sluice_impact_view_get_dataset_path (read_only));
  g_assert_cmpstr (sluice_impact_view_get_card_value (read_only, "events"), ==,
                   sluice_impact_view_get_card_value (fixture->view, "events"));
  g_assert_cmpstr (sluice_impact_view_get_card_value (read_only, "entities"), ==,
                   sluice_impact_view_get_card_value (fixture->view, "entities"));
  g_assert_cmpuint (g_list_model_get_n_items (sluice_impact_view_get_diff_model (read_only, SLUICE_IMPACT_DIFF_REMOVED)), ==,
                    count_entities (fixture, SLUICE_IMPACT_DIFF_REMOVED));
  g_assert_nonnull (find_group (GTK_WIDGET (read_only), "Impact Report"));
  g_assert_true (gtk_widget_is_visible (find_group (GTK_WIDGET (read_only), "Impact Report")));
  g_assert_false (gtk_widget_is_visible (find_group (GTK_WIDGET (read_only), "Data")));

  /* and exported from there, with no dataset */
  error = save_report (read_only, fixture->dir, "review.html");
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  events = g_strdup_printf ("%" PRId64, member_int (saved, "events_matched"));
  g_assert_nonnull (strstr (html, "<html"));
  g_assert_nonnull (strstr (html, events));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate ();
}

/* Step rows and findings lead to the canvas; the canary follows the slider. */
static void
test_steps_and_canary (Fixture       *fixture,
                       gconstpointer  data)
{
  JsonObject *result, *canary;
  GtkWidget *row;
  gint64 half;

  open_demo_dataset (fixture);
  sluice_impact_view_set_window (fixture->view, "30d");
  wait_run (fixture);

  row = find_step_row (GTK_WIDGET (fixture->view), "notify-owner");
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  g_assert_cmpuint (fixture->shown_steps->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->shown_steps, 0), ==, "notify-owner");

  sluice_impact_view_set_canary (fixture->view, 50);
  result = wait_run (fixture);
  canary = json_object_get_object_member (result, "canary");
  g_assert_cmpfloat (json_object_get_double_member (canary, "percent"), ==, 50);
  half = json_object_get_int_member (canary, "entities");
  g_assert_cmpint (half, >, 0);
  g_assert_cmpint (half, <, json_object_get_int_member (result, "entities_matched"));

  sluice_impact_view_set_canary (fixture->view, 100);
  result = wait_run (fixture);
  canary = json_object_get_object_member (result, "canary");
  g_assert_cmpint (json_object_get_int_member (canary, "entities"), ==,
                   json_object_get_int_member (result, "entities_matched"));
}

static gboolean
shadow_log_shown (Fixture *fixture)
{
  GtkWidget *flap = ui_test_find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_FLAP);
  GtkWidget *stack = ui_test_find_widget (adw_flap_get_flap (ADW_FLAP (flap)), GTK_TYPE_STACK);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "log") == 0;
}

/* A click on the treemap opens the entity's shadow log. */
static void
entity_activated_cb (GtkWidget  *treemap,
                     const char *entity,
                     char      **out)
{
  g_free (*out);
  *out = g_strdup (entity);
}

static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

/* The blast radius without a mouse: focus, arrows, Enter. */
static void
test_treemap_keyboard (Fixture       *fixture,
                       gconstpointer  data)
{
  SluiceImpactTreemap *treemap;
  g_autofree char *activated = NULL;
  const SluiceImpactTreemapEntity *first, *second;

  open_demo_dataset (fixture);
  wait_run (fixture);
  treemap = SLUICE_IMPACT_TREEMAP (ui_test_find_widget (GTK_WIDGET (fixture->view), SLUICE_TYPE_IMPACT_TREEMAP));
  g_assert_nonnull (treemap);
  g_assert_cmpuint (sluice_impact_treemap_get_n_entities (treemap), >, 1);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (treemap)));
  g_signal_connect (treemap, "entity-activated", G_CALLBACK (entity_activated_cb), &activated);

  first = sluice_impact_treemap_get_entity (treemap, 0);
  second = sluice_impact_treemap_get_entity (treemap, 1);
  g_assert_nonnull (first->entity);
  g_assert_nonnull (second->entity);

  g_assert_true (press_key (GTK_WIDGET (treemap), GDK_KEY_Home));
  g_assert_true (press_key (GTK_WIDGET (treemap), GDK_KEY_Right));
  g_assert_true (press_key (GTK_WIDGET (treemap), GDK_KEY_Return));
  g_assert_cmpstr (activated, ==, second->entity);

  g_assert_true (press_key (GTK_WIDGET (treemap), GDK_KEY_Left));
  g_assert_true (press_key (GTK_WIDGET (treemap), GDK_KEY_space));
  g_assert_cmpstr (activated, ==, first->entity);
  /* past the first one the cursor stays */
  g_assert_true (press_key (GTK_WIDGET (treemap), GDK_KEY_Left));
  g_assert_true (press_key (GTK_WIDGET (treemap), GDK_KEY_Return));
  g_assert_cmpstr (activated, ==, first->entity);
  g_assert_true (wait_until (shadow_log_shown, fixture, 30));
}

static void
test_drill_down (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *treemap, *flap, *events_list;
  JsonObject *result, *top;
  const char *entity;
  guint n_rows = 0;

  open_demo_dataset (fixture);
  result = wait_run (fixture);
  top = json_array_get_object_element (json_object_get_array_member (result, "top_entities"), 0);
  entity = json_object_get_string_member (top, "entity");

  treemap = ui_test_find_widget (GTK_WIDGET (fixture->view), g_type_from_name ("SluiceImpactTreemap"));
  g_assert_nonnull (treemap);
  g_signal_emit_by_name (treemap, "entity-activated", entity);

  flap = ui_test_find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_FLAP);
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  g_assert_true (wait_until (shadow_log_shown, fixture, 30));

  events_list = ui_test_find_widget (adw_flap_get_flap (ADW_FLAP (flap)), GTK_TYPE_LIST_BOX);
  for (GtkWidget *child = gtk_widget_get_first_child (events_list); child; child = gtk_widget_get_next_sibling (child))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, json_object_get_int_member (top, "events"));
}

/* "Open the Demo Data": the bundled events, into the user's cache folder. */
static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "sluice", "demo-events.db", NULL);

  fixture->n_imports = 0;
  sluice_impact_view_import_demo (fixture->view);
  g_assert_true (wait_until (import_done, fixture, 60));
  g_assert_true (fixture->import_ok);
  g_assert_cmpstr (sluice_impact_view_get_dataset_path (fixture->view), ==, path);
  g_assert_cmpint (sluice_impact_view_get_n_events (fixture->view), ==, 20000);
  wait_run (fixture);
  g_assert_null (sluice_impact_view_get_error (fixture->view));
}

/* Values that are not events are listed with their line and reason. */
static void
test_rejections (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "some-bad.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *lines =
    "{\"specversion\":\"1.0\",\"id\":\"x1\",\"source\":\"//t\",\"type\":\"usage.updated\",\"time\":\"2026-10-30T00:00:00Z\",\"data\":{\"account\":\"a\"}}\n"
    "{not json\n"
    "{\"specversion\":\"1.0\",\"id\":\"x2\",\"source\":\"//t\",\"type\":\"usage.updated\",\"time\":\"yesterday\"}\n";
  GtkWidget *expander;
  guint n_rows = 0;

  open_demo_dataset (fixture);
  wait_run (fixture);
  g_assert_true (g_file_set_contents (path, lines, -1, NULL));

  fixture->n_imports = 0;
  sluice_impact_view_import_files (fixture->view, &file, 1);
  g_assert_true (wait_until (import_done, fixture, 60));
  g_assert_true (fixture->import_ok);
  g_assert_cmpint (sluice_impact_view_get_n_events (fixture->view), ==, 20001);

  expander = ui_test_find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_EXPANDER_ROW);
  g_assert_nonnull (expander);
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), "1"));
  /* the expander's own header is an action row too: count the rejections */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    ui_test_collect_widgets (expander, ADW_TYPE_ACTION_ROW, rows);
    for (guint i = 0; i < rows->len; i++)
      if (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "some-bad.jsonl, line "))
        n_rows++;
  }
  g_assert_cmpuint (n_rows, ==, 2);

  /* the new event joins the next run */
  wait_run (fixture);
}

/* A segment, imported and chosen, limits the entities in scope. */
static void
test_segments (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "pilot.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) csv = g_string_new ("account,name\n");
  const char * const pilot[] = { "pilot", NULL };
  JsonObject *result;
  JsonArray *top;

  open_demo_dataset (fixture);
  sluice_impact_view_set_window (fixture->view, "30d");
  result = wait_run (fixture);
  top = json_object_get_array_member (result, "top_entities");
  g_assert_cmpuint (json_array_get_length (top), >, 3);
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (csv, "%s,Pilot %u\n",
                            json_object_get_string_member (json_array_get_object_element (top, i), "entity"), i);
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));

  sluice_impact_view_import_segment (fixture->view, "pilot", file);
  result = wait_run (fixture);

  sluice_impact_view_set_segments (fixture->view, pilot);
  result = wait_run (fixture);
  g_assert_cmpint (json_object_get_int_member (result, "entities_matched"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (result, "scope"),
                                                                         "segments")), ==, 1);

  sluice_impact_view_set_segments (fixture->view, NULL);
  result = wait_run (fixture);
  g_assert_cmpint (json_object_get_int_member (result, "entities_matched"), >, 3);
}

/* In the window: a step row switches to the Design view and selects the
 * step on the canvas. */
static void
test_window (Fixture       *fixture,
             gconstpointer  data)
{
  SluiceWindow *window = g_object_new (SLUICE_TYPE_WINDOW, NULL);
  AdwViewStack *stack;
  SluiceImpactView *view;
  GtkWidget *canvas;
  g_auto(GStrv) selection = NULL;

  sluice_window_set_document (window, fixture->document);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_iterate ();

  stack = ADW_VIEW_STACK (ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  view = SLUICE_IMPACT_VIEW (ui_test_find_widget (GTK_WIDGET (window), SLUICE_TYPE_IMPACT_VIEW));
  canvas = ui_test_find_widget (GTK_WIDGET (window), g_type_from_name ("SluiceCanvas"));
  g_assert_nonnull (view);
  g_assert_true (sluice_impact_view_get_document (view) == fixture->document);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "impact"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "impact");

  g_signal_emit_by_name (view, "show-step", "open-ticket");
  ui_test_iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "design");
  selection = sluice_canvas_get_selection (SLUICE_CANVAS (canvas));
  g_assert_nonnull (selection);
  g_assert_cmpstr (selection[0], ==, "open-ticket");
  g_assert_null (selection[1]);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate ();
}

/* ---- screenshots and timings ----------------------------------------------------------- */

/* Scrolls the results so that @widget is at the top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  /* the viewport's child: coordinates in it do not move with the scrolling */
  GtkWidget *child = gtk_widget_get_first_child (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)));
  double x, y;

  g_assert_true (gtk_widget_translate_coordinates (widget, child, 0, 0, &x, &y));
  gtk_adjustment_set_value (adjustment, y - 12);
}

static GtkWidget *
find_group (GtkWidget  *root,
            const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (root) && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_group (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *big = g_getenv ("SLUICE_TEST_BIG_EVENTS");
  SluiceWindow *window;
  SluiceImpactView *view;
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  double sum = 0, worst = 0;

  if (g_getenv ("SLUICE_TEST_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("set SLUICE_TEST_SCREENSHOT_DIR to save screenshots");
      g_array_unref (times);
      return;
    }

  /* the whole window, as the author sees it */
  window = g_object_new (SLUICE_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  sluice_window_set_document (window, fixture->document);
  sluice_window_show_view (window, "impact");
  gtk_window_present (GTK_WINDOW (window));
  view = SLUICE_IMPACT_VIEW (ui_test_find_widget (GTK_WIDGET (window), SLUICE_TYPE_IMPACT_VIEW));
  gtk_window_destroy (fixture->window);
  fixture->window = GTK_WINDOW (window);
  fixture->view = view;
  g_signal_connect (view, "updated", G_CALLBACK (updated_cb), fixture);
  g_signal_connect (view, "import-finished", G_CALLBACK (import_finished_cb), fixture);
  ui_test_iterate ();
  ui_test_save_screenshot (GTK_WIDGET (window), "impact-empty.png");

  if (big != NULL)
    {
      g_autoptr(GFile) dataset = g_file_new_for_path (fixture->dataset);
      g_autoptr(GFile) events = g_file_new_for_path (big);
      g_autoptr(GFileInfo) info = g_file_query_info (events, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
      gint64 started;
      double seconds;

      sluice_impact_view_open_dataset (view, dataset);
      while (sluice_impact_view_get_dataset_path (view) == NULL)
        g_main_context_iteration (NULL, TRUE);

      fixture->n_imports = 0;
      started = g_get_monotonic_time ();
      sluice_impact_view_import_files (view, &events, 1);
      g_assert_true (wait_until (import_under_way, fixture, 60));
      ui_test_save_screenshot (GTK_WIDGET (window), "impact-import.png");
      g_assert_true (wait_until (import_done, fixture, 600));
      seconds = (g_get_monotonic_time () - started) / 1e6;
      g_assert_true (fixture->import_ok);
      printf ("# import in the app: %" PRId64 " events, %.1f MB in %.2f s: %.0f events/s, %.0f MB/s\n",
              sluice_impact_view_get_n_events (view), g_file_info_get_size (info) / 1e6, seconds,
              sluice_impact_view_get_n_events (view) / seconds, g_file_info_get_size (info) / 1e6 / seconds);
    }
  else
    {
      g_autofree char *demo = example_path ("demo-events.jsonl.gz");
      g_autoptr(GFile) dataset = g_file_new_for_path (fixture->dataset);
      g_autoptr(GFile) events = g_file_new_for_path (demo);

      sluice_impact_view_open_dataset (view, dataset);
      while (sluice_impact_view_get_dataset_path (view) == NULL)
        g_main_context_iteration (NULL, TRUE);
      fixture->n_imports = 0;
      sluice_impact_view_import_files (view, &events, 1);
      g_assert_true (wait_until (import_done, fixture, 60));
    }

  {
    gint64 started = g_get_monotonic_time ();

    fixture->n_updated = 0;
    wait_run (fixture);
    printf ("# first run after the import (cold columns): %.0f ms\n", (g_get_monotonic_time () - started) / 1000.0);
  }
  ui_test_save_screenshot (GTK_WIDGET (window), "impact.png");

  /* threshold edits, one at a time, each waited for */
  for (int i = 0; i < 20; i++)
    {
      gint64 started;
      double ms;

      ui_test_wait_ms (200);
      started = g_get_monotonic_time ();
      set_threshold (fixture, 81 + i % 10);
      wait_run (fixture);
      ms = (g_get_monotonic_time () - started) / 1000.0;
      g_array_append_val (times, ms);
      sum += ms;
      worst = MAX (worst, ms);
    }
  g_array_sort (times, compare_doubles);
  printf ("# threshold edit → updated summary, %u edits: median %.1f ms, mean %.1f ms, worst %.1f ms\n",
          times->len, g_array_index (times, double, times->len / 2), sum / times->len, worst);
  g_array_unref (times);

  /* back to 80, kept; then 85: the diff */
  set_threshold (fixture, 80);
  wait_run (fixture);
  sluice_impact_view_keep_comparison (view);
  wait_run (fixture);
  set_threshold (fixture, 85);
  wait_run (fixture);
  /* the toast about the kept version goes after a few seconds */
  ui_test_wait_ms (5500);
  ui_test_save_screenshot (GTK_WIDGET (window), "impact-compared.png");
  scroll_to (find_group (GTK_WIDGET (view), "Effect Diff"));
  ui_test_save_screenshot (GTK_WIDGET (window), "impact-diff.png");
  scroll_to (find_group (GTK_WIDGET (view), "Findings"));
  ui_test_save_screenshot (GTK_WIDGET (window), "impact-findings.png");

  {
    JsonObject *result = json_node_get_object (sluice_impact_view_get_result (view));
    JsonObject *top = json_array_get_object_element (json_object_get_array_member (result, "top_entities"), 0);

    sluice_impact_view_show_entity (view, json_object_get_string_member (top, "entity"));
    g_assert_true (wait_until (shadow_log_shown, fixture, 30));
    ui_test_save_screenshot (GTK_WIDGET (window), "impact-entity.png");
    /* unfolded: the panel sits beside the results at this width */
    g_assert_false (adw_flap_get_folded (ADW_FLAP (ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_FLAP))));
  }

  adw_flap_set_reveal_flap (ADW_FLAP (ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_FLAP)), FALSE);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  scroll_to (find_group (GTK_WIDGET (view), "Blast Radius"));
  ui_test_save_screenshot (GTK_WIDGET (window), "impact-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* quotas: a line under each bar */
  {
    JsonObject *safety = sluice_workflow_get_safety (sluice_document_get_workflow (fixture->document));
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_data (parser,
                                               "[{\"destination\": \"email\", \"limit\": 10, \"per\": \"1d\"},"
                                               " {\"destination\": \"ticket:ops\", \"limit\": 100, \"per\": \"1d\"}]",
                                               -1, NULL));
    sluice_document_begin_edit (fixture->document, "Add quotas");
    json_object_set_member (safety, "quotas", json_node_ref (json_parser_get_root (parser)));
    sluice_document_end_edit (fixture->document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR);
    wait_run (fixture);
    scroll_to (find_group (GTK_WIDGET (view), "Findings"));
    ui_test_save_screenshot (GTK_WIDGET (window), "impact-quotas.png");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ui_test_init (&argc, &argv, "impact");
  int status;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/impact-view/import-and-run", test_import_and_run);
  ADD ("/impact-view/demo", test_demo);
  ADD ("/impact-view/import-cancel", test_import_cancel);
  ADD ("/impact-view/rejections", test_rejections);
  ADD ("/impact-view/segments", test_segments);
  ADD ("/impact-view/scope-change", test_scope_change);
  ADD ("/impact-view/document-edit", test_document_edit);
  ADD ("/impact-view/diff", test_diff);
  ADD ("/impact-view/report-round-trip", test_report_round_trip);
  ADD ("/impact-view/steps-and-canary", test_steps_and_canary);
  ADD ("/impact-view/drill-down", test_drill_down);
  ADD ("/impact-view/treemap-keyboard", test_treemap_keyboard);
  ADD ("/impact-view/window", test_window);
  ADD ("/impact-view/screenshots", test_screenshots);
#undef ADD

  status = g_test_run ();
  ui_test_remove_tree (home);

  return status;
}
