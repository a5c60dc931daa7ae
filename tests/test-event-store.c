/* test-event-store.c — the dataset file: imports, cancelling, digests
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sluice-event-store.h"
#include "sluice-sim-error.h"

static char *tmpdir;

static char *
event_line (guint       n,
            const char *tenant)
{
  return g_strdup_printf ("{\"specversion\":\"1.0\",\"id\":\"e%u\",\"source\":\"//test\",\"type\":\"usage.updated\","
                          "\"time\":\"2026-10-01T00:%02u:00Z\",\"tenant\":\"%s\",\"data\":{\"account\":\"a%u\",\"percent\":%u}}\n",
                          n, n % 60, tenant, n % 7, n % 100);
}

static char *
events_text (guint first,
             guint last)
{
  GString *text = g_string_new (NULL);

  for (guint n = first; n <= last; n++)
    {
      g_autofree char *line = event_line (n, n % 2 ? "t1" : "t2");
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

static SluiceEventStore *
open_store (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  SluiceEventStore *store;

  g_unlink (path);
  store = sluice_event_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static SluiceImportReport *
import_text (SluiceEventStore *store,
             const char       *text,
             GCancellable     *cancellable,
             SluiceImportProgressFunc progress,
             GError          **error)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (g_strdup (text), strlen (text), g_free);

  return sluice_event_store_import (store, input, "test.jsonl", strlen (text), SLUICE_EVENT_FORMAT_AUTO,
                                    NULL, progress, cancellable, cancellable, error);
}

static void
test_import_and_reimport (void)
{
  g_autoptr(SluiceEventStore) store = open_store ("reimport.db");
  g_autofree char *text = events_text (1, 100);
  g_autoptr(SluiceImportReport) first = NULL;
  g_autoptr(SluiceImportReport) second = NULL;
  g_autoptr(GPtrArray) tenants = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;
  gint64 from, to;

  first = import_text (store, text, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->events_added, ==, 100);
  digest = sluice_event_store_get_digest (store);

  second = import_text (store, text, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->events_added, ==, 0);
  g_assert_cmpuint (second->duplicates, ==, 100);
  g_assert_cmpint (sluice_event_store_count_events (store), ==, 100);

  /* nothing added, nothing changed */
  {
    g_autofree char *again = sluice_event_store_get_digest (store);
    g_assert_cmpstr (digest, ==, again);
  }

  tenants = sluice_event_store_list_tenants (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tenants->len, ==, 2);
  g_assert_cmpint (((SluiceTenantCount *) tenants->pdata[0])->n_events, ==, 50);

  g_assert_true (sluice_event_store_get_time_range (store, &from, &to));
  g_assert_cmpint (to - from, ==, 59 * 60 * 1000);
}

/* The same events in another order give the same dataset digest. */
static void
test_digest_ignores_order (void)
{
  g_autoptr(SluiceEventStore) a = open_store ("digest-a.db");
  g_autoptr(SluiceEventStore) b = open_store ("digest-b.db");
  g_autofree char *low = events_text (1, 50);
  g_autofree char *high = events_text (51, 100);
  g_autoptr(GError) error = NULL;
  g_autofree char *digest_a = NULL;
  g_autofree char *digest_b = NULL;

  sluice_import_report_free (import_text (a, low, NULL, NULL, &error));
  sluice_import_report_free (import_text (a, high, NULL, NULL, &error));
  sluice_import_report_free (import_text (b, high, NULL, NULL, &error));
  sluice_import_report_free (import_text (b, low, NULL, NULL, &error));
  g_assert_no_error (error);

  digest_a = sluice_event_store_get_digest (a);
  digest_b = sluice_event_store_get_digest (b);
  g_assert_true (g_str_has_prefix (digest_a, "sha256:"));
  g_assert_cmpstr (digest_a, ==, digest_b);
}

static void
cancel_midway (const SluiceImportProgress *progress,
               gpointer                    user_data)
{
  if (progress->events_read > 0)
    g_cancellable_cancel (user_data);
}

/* A cancelled import leaves the dataset exactly as it was. */
static void
test_cancel_rolls_back (void)
{
  g_autoptr(SluiceEventStore) store = open_store ("cancel.db");
  g_autofree char *before_text = events_text (1, 10);
  g_autofree char *big = events_text (1000, 60000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SluiceImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *after = NULL;
  guint64 generation;

  sluice_import_report_free (import_text (store, before_text, NULL, NULL, &error));
  g_assert_no_error (error);
  digest = sluice_event_store_get_digest (store);
  generation = sluice_event_store_get_generation (store);

  report = import_text (store, big, cancellable, cancel_midway, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpint (sluice_event_store_count_events (store), ==, 10);
  after = sluice_event_store_get_digest (store);
  g_assert_cmpstr (digest, ==, after);
  g_assert_cmpuint (sluice_event_store_get_generation (store), ==, generation);
}

static void
test_rejections_kept (void)
{
  g_autoptr(SluiceEventStore) store = open_store ("rejections.db");
  g_autofree char *good = event_line (1, "t1");
  g_autofree char *text = g_strconcat (good, "{not json\n", "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\"}\n", NULL);
  g_autoptr(SluiceImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  SluiceImportRejection *rejection;

  report = import_text (store, text, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->events_added, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 2);
  rejection = g_ptr_array_index (report->rejections, 0);
  g_assert_cmpuint (rejection->line, ==, 2);
  rejection = g_ptr_array_index (report->rejections, 1);
  g_assert_cmpuint (rejection->line, ==, 3);
  g_assert_nonnull (strstr (rejection->reason, "time"));

  /* the dataset keeps them too, for the app to show later */
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (sluice_event_store_get_database (store),
                        "SELECT count(*) FROM rejections", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
    sqlite3_finalize (stmt);
  }
}

static void
test_refuses_other_files (void)
{
  g_autofree char *text_path = g_build_filename (tmpdir, "notes.txt", NULL);
  g_autofree char *db_path = g_build_filename (tmpdir, "other.db", NULL);
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_file_set_contents (text_path, "just some text, long enough to not be a database header at all", -1, NULL);
  store = sluice_event_store_open (text_path, &error);
  g_assert_null (store);
  g_assert_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_NOT_A_DATASET);
  g_clear_error (&error);

  g_unlink (db_path);
  sqlite3_open (db_path, &db);
  sqlite3_exec (db, "CREATE TABLE someone_elses (x)", NULL, NULL, NULL);
  sqlite3_close (db);
  store = sluice_event_store_open (db_path, &error);
  g_assert_null (store);
  g_assert_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_NOT_A_DATASET);
}

static void
test_segments (void)
{
  g_autoptr(SluiceEventStore) store = open_store ("segments.db");
  const char *csv = "account,name\n\"acct-1\",One\nacct-2,Two\n\n# a comment\nacct-2,Again\n";
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (csv, strlen (csv), NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) names = NULL;
  guint n = 0;

  g_assert_true (sluice_event_store_import_segment (store, "enterprise", input, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);

  ids = sluice_event_store_get_segment (store, "enterprise", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ids[0], ==, "acct-1");
  g_assert_cmpstr (ids[1], ==, "acct-2");
  g_assert_null (ids[2]);

  names = sluice_event_store_list_segments (store, &error);
  g_assert_cmpstrv (names, ((const char * const[]) { "enterprise", NULL }));

  g_assert_null (sluice_event_store_get_segment (store, "nope", &error));
  g_assert_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_SCOPE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmpdir = g_dir_make_tmp ("sluice-test-store-XXXXXX", NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/store/import-and-reimport", test_import_and_reimport);
  g_test_add_func ("/sim/store/digest-ignores-order", test_digest_ignores_order);
  g_test_add_func ("/sim/store/cancel-rolls-back", test_cancel_rolls_back);
  g_test_add_func ("/sim/store/rejections-kept", test_rejections_kept);
  g_test_add_func ("/sim/store/refuses-other-files", test_refuses_other_files);
  g_test_add_func ("/sim/store/segments", test_segments);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)))
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return status;
}
