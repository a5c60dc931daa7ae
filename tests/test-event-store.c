/* test-event-store.c — the dataset file: imports, cancelling, digests
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
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

/* The dataset @name as it is */
static SluiceEventStore *
open_existing (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  SluiceEventStore *store;

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

/* Two ids from "//test" whose keys collide: FNV-1a is no cryptographic
 * hash, and a rho search over the bits of its state that the last byte
 * cannot change finds such a pair in seconds. The store must keep both. */
#define COLLIDING_ID_A "1JlbVFFikBA"
#define COLLIDING_ID_B "tL2YEGx5EBy"
#define COLLIDING_KEY  G_GINT64_CONSTANT (0x3d506d1baae76eb8)

/* An event with the given id; @n varies its content */
static char *
event_line_with_id (const char *id,
                    guint       n)
{
  return g_strdup_printf ("{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"//test\",\"type\":\"usage.updated\","
                          "\"time\":\"2026-10-01T00:%02u:00Z\",\"tenant\":\"t1\",\"data\":{\"percent\":%u}}\n",
                          id, n % 60, n);
}

/* The statements run on the store's connection that create something. */
static int
trace_creates_cb (unsigned  type,
                  void     *user_data,
                  void     *statement,
                  void     *sql)
{
  if (g_str_has_prefix (sql, "CREATE"))
    g_ptr_array_add (user_data, g_strdup (sql));
  return 0;
}

static GPtrArray *
trace_creates (SluiceEventStore *store)
{
  GPtrArray *creates = g_ptr_array_new_with_free_func (g_free);

  sqlite3_trace_v2 (sluice_event_store_get_database (store), SQLITE_TRACE_STMT, trace_creates_cb, creates);
  return creates;
}

static void
untrace (SluiceEventStore *store)
{
  sqlite3_trace_v2 (sluice_event_store_get_database (store), 0, NULL, NULL);
}

static gboolean
strings_contain (GPtrArray  *strings,
                 const char *prefix)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_has_prefix (strings->pdata[i], prefix))
      return TRUE;
  return FALSE;
}

static char *
query_text (SluiceEventStore *store,
            const char       *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (sluice_event_store_get_database (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Every row but its seq (import order), sorted by key. */
static char *
dump_events (SluiceEventStore *store)
{
  GString *dump = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (sluice_event_store_get_database (store),
                      "SELECT key, id, type, source, subject, time, tenant, data, extensions, hash"
                      " FROM events ORDER BY key", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
            g_string_append (dump, "NULL");
          else
            g_string_append (dump, (const char *) sqlite3_column_text (stmt, i));
          g_string_append_c (dump, '|');
        }
      g_string_append_c (dump, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (dump, FALSE);
}

static void
assert_same_reports (const SluiceImportReport *a,
                     const SluiceImportReport *b)
{
  g_assert_cmpuint (a->events_read, ==, b->events_read);
  g_assert_cmpuint (a->events_added, ==, b->events_added);
  g_assert_cmpuint (a->duplicates, ==, b->duplicates);
  g_assert_cmpuint (a->conflicts, ==, b->conflicts);
  g_assert_cmpuint (a->rejected, ==, b->rejected);
  g_assert_cmpuint (a->rejections->len, ==, b->rejections->len);
  for (guint i = 0; i < a->rejections->len; i++)
    {
      const SluiceImportRejection *x = g_ptr_array_index (a->rejections, i);
      const SluiceImportRejection *y = g_ptr_array_index (b->rejections, i);

      g_assert_cmpuint (x->line, ==, y->line);
      g_assert_cmpstr (x->reason, ==, y->reason);
    }
}

/* The unique index is there, as a new dataset has it, and nothing else. */
static void
assert_key_index (SluiceEventStore *store)
{
  g_autofree char *sql = query_text (store, "SELECT sql FROM sqlite_schema WHERE name = 'events_key'");
  g_autofree char *indexes = query_text (store, "SELECT group_concat (name) FROM sqlite_schema"
                                                " WHERE type = 'index' AND tbl_name = 'events'");

  g_assert_cmpstr (sql, ==, "CREATE UNIQUE INDEX events_key ON events (key)");
  g_assert_cmpstr (indexes, ==, "events_key");
}

typedef struct
{
  SluiceImportReport *bulk;
  SluiceImportReport *incremental;
} ImportPair;

/* Imports @text into an empty dataset (the bulk path) and into one that
 * holds an unrelated event (the incremental path), then that event into
 * the first: both must end the same, and report the same. */
static ImportPair
import_both_ways (const char *name,
                  const char *text,
                  gboolean    expect_shared_keys)
{
  g_autofree char *bulk_name = g_strconcat (name, "-bulk.db", NULL);
  g_autofree char *incremental_name = g_strconcat (name, "-incremental.db", NULL);
  g_autoptr(SluiceEventStore) bulk = open_store (bulk_name);
  g_autoptr(SluiceEventStore) incremental = open_store (incremental_name);
  g_autofree char *unrelated = event_line_with_id ("unrelated", 1);
  g_autoptr(GPtrArray) creates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bulk_digest = NULL, *incremental_digest = NULL;
  g_autofree char *bulk_rows = NULL, *incremental_rows = NULL;
  ImportPair pair;

  creates = trace_creates (bulk);
  pair.bulk = import_text (bulk, text, NULL, NULL, &error);
  g_assert_no_error (error);
  untrace (bulk);
  g_assert_true (strings_contain (creates, "CREATE UNIQUE INDEX events_key ON events (key)"));
  g_assert_cmpint (strings_contain (creates, "CREATE INDEX events_key_bulk"), ==, expect_shared_keys);
  assert_key_index (bulk);
  g_assert_cmpint (sluice_event_store_count_events (bulk), ==, pair.bulk->events_added);
  /* the settings the index was built with are undone */
  {
    g_autofree char *temp_store = query_text (bulk, "PRAGMA temp_store");
    g_autofree char *cache_size = query_text (bulk, "PRAGMA cache_size");

    g_assert_cmpstr (temp_store, ==, "2");
    g_assert_cmpstr (cache_size, ==, "-65536");
  }
  sluice_import_report_free (import_text (bulk, unrelated, NULL, NULL, &error));
  g_assert_no_error (error);

  sluice_import_report_free (import_text (incremental, unrelated, NULL, NULL, &error));
  g_assert_no_error (error);
  g_ptr_array_set_size (creates, 0);
  sqlite3_trace_v2 (sluice_event_store_get_database (incremental), SQLITE_TRACE_STMT, trace_creates_cb, creates);
  pair.incremental = import_text (incremental, text, NULL, NULL, &error);
  g_assert_no_error (error);
  untrace (incremental);
  g_assert_cmpuint (creates->len, ==, 0);

  assert_same_reports (pair.bulk, pair.incremental);

  bulk_digest = sluice_event_store_get_digest (bulk);
  incremental_digest = sluice_event_store_get_digest (incremental);
  g_assert_cmpstr (bulk_digest, ==, incremental_digest);
  g_assert_cmpint (sluice_event_store_count_events (bulk), ==, sluice_event_store_count_events (incremental));

  bulk_rows = dump_events (bulk);
  incremental_rows = dump_events (incremental);
  g_assert_cmpstr (bulk_rows, ==, incremental_rows);

  /* and the same input again finds every event where the bulk path put it */
  {
    g_autoptr(SluiceImportReport) bulk_again = import_text (bulk, text, NULL, NULL, &error);
    g_autoptr(SluiceImportReport) incremental_again = import_text (incremental, text, NULL, NULL, &error);

    g_assert_no_error (error);
    assert_same_reports (bulk_again, incremental_again);
    g_assert_cmpuint (bulk_again->events_added, ==, 0);
  }

  return pair;
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

/* Duplicates, conflicts and a real key collision inside one file: the bulk
 * path (into an empty dataset) settles them as the incremental path does. */
static void
test_bulk_import_settles_like_incremental (void)
{
  const char *lines[] = {
    "e1", "A", "{not json", "B", "e1", "B", "A'", "B'", "e2", "e2'",
    "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\"}", "e1'", "A", "e3", "e1''", "B",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(SluiceEventStore) check = NULL;
  ImportPair pair;
  const SluiceImportRejection *rejection;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      const char *name = lines[i];
      guint variant = strlen (name) - strcspn (name, "'");   /* each ' other content */
      g_autofree char *id = g_strndup (name, strcspn (name, "'"));
      g_autofree char *line = NULL;

      if (name[0] == '{')
        line = g_strconcat (name, "\n", NULL);
      else
        line = event_line_with_id (g_str_equal (id, "A") ? COLLIDING_ID_A : g_str_equal (id, "B") ? COLLIDING_ID_B : id,
                                   variant);
      g_string_append (text, line);
    }

  pair = import_both_ways ("settle", text->str, TRUE);

  g_assert_cmpuint (pair.bulk->events_read, ==, 16);
  g_assert_cmpuint (pair.bulk->events_added, ==, 5);      /* e1 A B e2 e3 */
  g_assert_cmpuint (pair.bulk->duplicates, ==, 4);        /* e1 B A B */
  g_assert_cmpuint (pair.bulk->conflicts, ==, 5);         /* A' B' e2' e1' e1'' */
  g_assert_cmpuint (pair.bulk->rejected, ==, 7);
  rejection = g_ptr_array_index (pair.bulk->rejections, 0);
  g_assert_cmpuint (rejection->line, ==, 3);
  rejection = g_ptr_array_index (pair.bulk->rejections, 1);
  g_assert_cmpuint (rejection->line, ==, 7);
  g_assert_cmpstr (rejection->reason, ==, "an event with id “" COLLIDING_ID_A "” from “//test” is already in the dataset with different content");
  rejection = g_ptr_array_index (pair.bulk->rejections, 6);
  g_assert_cmpuint (rejection->line, ==, 15);

  /* the two events of one key: the first keeps it, the second moved on */
  check = open_existing ("settle-bulk.db");
  {
    g_autofree char *keys = query_text (check, "SELECT group_concat (key) FROM (SELECT key FROM events"
                                               " WHERE id IN ('" COLLIDING_ID_A "', '" COLLIDING_ID_B "') ORDER BY seq)");
    g_autofree char *expected = g_strdup_printf ("%" PRId64 ",%" PRId64,
                                                 COLLIDING_KEY, COLLIDING_KEY + 1);
    g_assert_cmpstr (keys, ==, expected);
  }

  sluice_import_report_free (pair.bulk);
  sluice_import_report_free (pair.incremental);
}

/* More rejections than are kept, conflicts and bad values interleaved:
 * the same first ones are kept, in line order. */
static void
test_bulk_import_keeps_rejections_in_order (void)
{
  g_autofree char *first = event_line_with_id ("first", 1);
  g_autoptr(GString) text = g_string_new (first);
  ImportPair pair;

  g_string_append (text, "{bad\n{bad\n");

  for (guint n = 1; n <= 800; n++)
    {
      g_autofree char *line = event_line (n, "t1");
      g_string_append (text, line);
    }
  for (guint n = 1; n <= 800; n++)
    {
      g_autofree char *same = event_line (n, "t1");
      g_autofree char *other = event_line (n, "t2");

      g_string_append (text, "[1\n");
      g_string_append (text, n % 3 ? other : same);
    }

  pair = import_both_ways ("order", text->str, TRUE);

  g_assert_cmpuint (pair.bulk->events_added, ==, 801);
  g_assert_cmpuint (pair.bulk->duplicates, ==, 266);
  g_assert_cmpuint (pair.bulk->conflicts, ==, 534);
  g_assert_cmpuint (pair.bulk->rejected, ==, 2 + 800 + 534);
  g_assert_cmpuint (pair.bulk->rejections->len, ==, SLUICE_IMPORT_MAX_KEPT_REJECTIONS);

  sluice_import_report_free (pair.bulk);
  sluice_import_report_free (pair.incremental);
}

/* Values of one line (a JSON array): a conflict and a bad value keep the
 * order they had in the line. */
static void
test_bulk_import_one_line (void)
{
  g_autofree char *e1 = g_strchomp (event_line (1, "t1"));
  g_autofree char *e1_other = g_strchomp (event_line (1, "t2"));
  g_autofree char *e2 = g_strchomp (event_line (2, "t1"));
  g_autofree char *text = g_strdup_printf ("[%s, 5, %s, %s, 6]\n", e1, e1_other, e2);
  ImportPair pair;
  const SluiceImportRejection *rejection;

  pair = import_both_ways ("one-line", text, TRUE);

  g_assert_cmpuint (pair.bulk->events_added, ==, 2);
  g_assert_cmpuint (pair.bulk->rejected, ==, 3);
  rejection = g_ptr_array_index (pair.bulk->rejections, 1);
  g_assert_nonnull (strstr (rejection->reason, "already in the dataset"));
  rejection = g_ptr_array_index (pair.bulk->rejections, 0);
  g_assert_null (strstr (rejection->reason, "already in the dataset"));

  sluice_import_report_free (pair.bulk);
  sluice_import_report_free (pair.incremental);
}

/* Without shared keys the index is built once. */
static void
test_bulk_import_plain (void)
{
  g_autofree char *text = events_text (1, 300);
  ImportPair pair;

  pair = import_both_ways ("plain", text, FALSE);
  g_assert_cmpuint (pair.bulk->events_added, ==, 300);

  sluice_import_report_free (pair.bulk);
  sluice_import_report_free (pair.incremental);
}

typedef struct
{
  const char   *prefix;
  GCancellable *cancellable;
} CancelAt;

static int
cancel_at_statement_cb (unsigned  type,
                        void     *user_data,
                        void     *statement,
                        void     *sql)
{
  CancelAt *at = user_data;

  if (g_str_has_prefix (sql, at->prefix))
    g_cancellable_cancel (at->cancellable);
  return 0;
}

static void
assert_empty_dataset (SluiceEventStore *store)
{
  g_autofree char *n_rows = query_text (store, "SELECT count(*) FROM events");
  g_autofree char *n_imports = query_text (store, "SELECT count(*) FROM imports");

  g_assert_cmpint (sluice_event_store_count_events (store), ==, 0);
  g_assert_cmpuint (sluice_event_store_get_generation (store), ==, 0);
  g_assert_cmpstr (n_rows, ==, "0");
  g_assert_cmpstr (n_imports, ==, "0");
  assert_key_index (store);
}

/* Cancelled while reading, while building the index or while settling
 * shared keys, a bulk import leaves the dataset empty, index and all; the
 * next import is a bulk import again. */
static void
test_cancel_bulk_import (void)
{
  const char *stages[] = { NULL, "CREATE UNIQUE INDEX", "CREATE INDEX events_key_bulk", "DELETE FROM events" };
  g_autofree char *big = events_text (1, 30000);
  g_autofree char *twice = g_strconcat (big, big, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(SluiceEventStore) store = open_store ("cancel-bulk.db");
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(SluiceImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      CancelAt at = { stages[i], cancellable };

      if (stages[i] == NULL)
        report = import_text (store, twice, cancellable, cancel_midway, &error);
      else
        {
          sqlite3_trace_v2 (sluice_event_store_get_database (store), SQLITE_TRACE_STMT, cancel_at_statement_cb, &at);
          report = import_text (store, twice, cancellable, NULL, &error);
          untrace (store);
        }
      g_assert_null (report);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      assert_empty_dataset (store);

      g_clear_error (&error);
      report = import_text (store, twice, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->events_added, ==, 30000);
      g_assert_cmpuint (report->duplicates, ==, 30000);
      assert_key_index (store);
    }
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
  g_test_add_func ("/sim/store/bulk-import/settles-like-incremental", test_bulk_import_settles_like_incremental);
  g_test_add_func ("/sim/store/bulk-import/keeps-rejections-in-order", test_bulk_import_keeps_rejections_in_order);
  g_test_add_func ("/sim/store/bulk-import/one-line", test_bulk_import_one_line);
  g_test_add_func ("/sim/store/bulk-import/plain", test_bulk_import_plain);
  g_test_add_func ("/sim/store/bulk-import/cancel", test_cancel_bulk_import);
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
