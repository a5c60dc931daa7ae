/* sluice-event-store.c
 *
 * One dataset, one SQLite file. The envelope of each event gets typed
 * columns, the payload stays JSON text. An event is identified by its
 * source and id (as CloudEvents says); a 63-bit hash of the two is the
 * unique key, so the only index maintained while importing is a small one
 * of integers, and importing the same events again adds nothing. Into an
 * empty dataset even that index is built once at the end, by sorting.
 *
 * An import is one transaction: cancelled or failed, it leaves the dataset
 * as it was.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-event-store.h"
#include "sluice-sim-error.h"

/* "SLCE": tells our datasets from other SQLite files */
#define SLUICE_DATASET_APPLICATION_ID 0x534c4345
#define SLUICE_DATASET_VERSION        1

struct _SluiceEventStore
{
  GObject   parent_instance;

  char     *path;
  sqlite3  *db;
  guint64   generation;   /* grows with every import that adds events */
};

G_DEFINE_FINAL_TYPE (SluiceEventStore, sluice_event_store, G_TYPE_OBJECT)

static const char schema_sql[] =
  "CREATE TABLE IF NOT EXISTS events ("
  "  seq        INTEGER PRIMARY KEY,"   /* import order */
  "  key        INTEGER NOT NULL,"      /* hash of (source, id) */
  "  id         TEXT NOT NULL,"
  "  type       TEXT NOT NULL,"
  "  source     TEXT,"
  "  subject    TEXT,"
  "  time       INTEGER NOT NULL,"      /* UTC, ms since the epoch */
  "  tenant     TEXT,"
  "  data       TEXT,"                  /* the payload, JSON */
  "  extensions TEXT,"                  /* other attributes, a JSON object */
  "  hash       INTEGER NOT NULL"       /* of the event as read */
  ");"
  "CREATE UNIQUE INDEX IF NOT EXISTS events_key ON events (key);"
  "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS imports ("
  "  seq INTEGER PRIMARY KEY, source_name TEXT, started INTEGER, events_read INTEGER,"
  "  events_added INTEGER, duplicates INTEGER, conflicts INTEGER, rejected INTEGER,"
  "  elapsed_ms INTEGER);"
  "CREATE TABLE IF NOT EXISTS rejections ("
  "  import INTEGER NOT NULL REFERENCES imports (seq), line INTEGER, reason TEXT);"
  "CREATE TABLE IF NOT EXISTS segments ("
  "  name TEXT NOT NULL, entity TEXT NOT NULL, PRIMARY KEY (name, entity)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS runs ("
  "  seq INTEGER PRIMARY KEY, created INTEGER, workflow_name TEXT, workflow_digest TEXT,"
  "  dataset_digest TEXT, scope TEXT, summary TEXT);";

static gboolean
set_db_error (GError    **error,
              sqlite3    *db,
              const char *what)
{
  g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_DATABASE,
               /* Translators: “Cannot import: disk I/O error” */
               _("%s: %s"), what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_DATABASE,
                   _("The dataset could not be updated: %s"), message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           gint64      fallback)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = fallback;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW
      && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static gint64
meta_get (SluiceEventStore *self,
          const char       *name)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE name = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static void
meta_set (SluiceEventStore *self,
          const char       *name,
          gint64            value)
{
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (self->db, "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
}

static void
sluice_event_store_finalize (GObject *object)
{
  SluiceEventStore *self = (SluiceEventStore *) object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (sluice_event_store_parent_class)->finalize (object);
}

static void
sluice_event_store_class_init (SluiceEventStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sluice_event_store_finalize;
}

static void
sluice_event_store_init (SluiceEventStore *self)
{
}

/**
 * sluice_event_store_open:
 * @path: the dataset file; created when it does not exist
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 *   when the file cannot be opened or is not a Sluice dataset
 */
SluiceEventStore *
sluice_event_store_open (const char  *path,
                         GError     **error)
{
  g_autoptr(SluiceEventStore) self = NULL;
  gint64 application_id, version;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SLUICE_TYPE_EVENT_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_DATABASE,
                   _("Cannot open the dataset %s: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 5000);

  application_id = query_int (self->db, "PRAGMA application_id", -1);
  if (application_id == -1)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_NOT_A_DATASET,
                   _("%s is not a Sluice dataset (it is not an SQLite database)"), path);
      return NULL;
    }

  if (application_id == 0)
    {
      /* A new file, or an SQLite file of someone else's? Only an empty
       * database may become a dataset. */
      if (query_int (self->db, "SELECT count(*) FROM sqlite_schema", 0) != 0)
        {
          g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_NOT_A_DATASET,
                       _("%s is an SQLite database of another program, not a Sluice dataset"), path);
          return NULL;
        }

      /* Larger pages suit rows of a few hundred bytes read in scans. The
       * rollback journal (not WAL) writes an import's new pages once;
       * WAL would write them twice, once more when checkpointing. */
      if (!exec (self->db, "PRAGMA page_size = 8192;", error))
        return NULL;
      if (!exec (self->db, "BEGIN", error)
          || !exec (self->db, schema_sql, error))
        return NULL;
      {
        g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d; COMMIT;",
                                                SLUICE_DATASET_APPLICATION_ID, SLUICE_DATASET_VERSION);
        if (!exec (self->db, sql, error))
          return NULL;
      }
    }
  else if (application_id != SLUICE_DATASET_APPLICATION_ID)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_NOT_A_DATASET,
                   _("%s is an SQLite database of another program, not a Sluice dataset"), path);
      return NULL;
    }

  version = query_int (self->db, "PRAGMA user_version", 0);
  if (version > SLUICE_DATASET_VERSION)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_DATASET_VERSION,
                   _("%s was made by a newer version of Sluice (dataset version %" PRId64 "); update Sluice to open it"),
                   path, version);
      return NULL;
    }

  /* Debian builds SQLite with secure_delete on; we never need it. FULL
   * sync keeps the file sound through a power cut, and costs little: an
   * import is one transaction. */
  if (!exec (self->db,
             "PRAGMA secure_delete = OFF; PRAGMA synchronous = FULL; "
             "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; PRAGMA foreign_keys = ON;",
             error))
    return NULL;

  self->generation = meta_get (self, "generation");

  return g_steal_pointer (&self);
}

const char *
sluice_event_store_get_path (SluiceEventStore *self)
{
  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), NULL);
  return self->path;
}

/**
 * sluice_event_store_get_database:
 *
 * The connection, for the simulator's queries. Like the store itself, it
 * may be used from any thread, but from one thread at a time: it is opened
 * without SQLite's own locking, which would cost on every call.
 */
sqlite3 *
sluice_event_store_get_database (SluiceEventStore *self)
{
  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), NULL);
  return self->db;
}

/* Caches built from the events (the simulator's columns) stay valid while
 * the generation does not change. */
guint64
sluice_event_store_get_generation (SluiceEventStore *self)
{
  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), 0);
  return self->generation;
}

gint64
sluice_event_store_count_events (SluiceEventStore *self)
{
  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), 0);
  return meta_get (self, "count");
}

gboolean
sluice_event_store_get_time_range (SluiceEventStore *self,
                                   gint64           *first_ms,
                                   gint64           *last_ms)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), FALSE);

  sqlite3_prepare_v2 (self->db, "SELECT min(time), max(time) FROM events", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      *first_ms = sqlite3_column_int64 (stmt, 0);
      *last_ms = sqlite3_column_int64 (stmt, 1);
      found = TRUE;
    }
  sqlite3_finalize (stmt);

  return found;
}

/**
 * sluice_event_store_get_digest:
 *
 * A digest of the dataset's contents that does not depend on the order
 * events were imported in, so the same events give the same digest.
 *
 * Returns: (transfer full): "sha256:<hex>"
 */
char *
sluice_event_store_get_digest (SluiceEventStore *self)
{
  g_autofree char *text = NULL;
  g_autofree char *hex = NULL;

  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), NULL);

  text = g_strdup_printf ("sluice-dataset-v1:%" PRId64 ":%" G_GINT64_MODIFIER "x:%" G_GINT64_MODIFIER "x",
                          meta_get (self, "count"),
                          (guint64) meta_get (self, "hash_xor"),
                          (guint64) meta_get (self, "hash_sum"));
  hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  return g_strconcat ("sha256:", hex, NULL);
}

void
sluice_tenant_count_free (SluiceTenantCount *count)
{
  if (count == NULL)
    return;
  g_free (count->tenant);
  g_free (count);
}

static GPtrArray *
list_counts (SluiceEventStore *self,
             const char       *sql,
             GError          **error)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_tenant_count_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, self->db, _("Cannot read the dataset"));
      g_ptr_array_unref (result);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SluiceTenantCount *count = g_new0 (SluiceTenantCount, 1);

      count->tenant = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      count->n_events = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (result, count);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (error, self->db, _("Cannot read the dataset"));
      g_ptr_array_unref (result);
      return NULL;
    }

  return result;
}

/**
 * sluice_event_store_list_tenants:
 *
 * Returns: (transfer full) (element-type SluiceTenantCount): every tenant
 *   with its number of events, most events first
 */
GPtrArray *
sluice_event_store_list_tenants (SluiceEventStore *self,
                                 GError          **error)
{
  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), NULL);
  return list_counts (self, "SELECT tenant, count(*) AS n FROM events GROUP BY tenant ORDER BY n DESC, tenant", error);
}

/* The same shape, for event types: ->tenant holds the type. */
GPtrArray *
sluice_event_store_list_types (SluiceEventStore *self,
                               GError          **error)
{
  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), NULL);
  return list_counts (self, "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type", error);
}

/* ---- import ------------------------------------------------------------- */

void
sluice_import_report_free (SluiceImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->source_name);
  g_clear_pointer (&report->rejections, g_ptr_array_unref);
  g_free (report);
}

static void
rejection_free (SluiceImportRejection *rejection)
{
  if (rejection == NULL)
    return;
  g_free (rejection->reason);
  g_free (rejection);
}

static void
keep_rejection (SluiceImportReport *report,
                guint               line,
                char               *reason)
{
  SluiceImportRejection *rejection;

  report->rejected++;
  if (report->rejections->len >= SLUICE_IMPORT_MAX_KEPT_REJECTIONS)
    {
      g_free (reason);
      return;
    }

  rejection = g_new0 (SluiceImportRejection, 1);
  rejection->line = line;
  rejection->reason = reason;
  g_ptr_array_add (report->rejections, rejection);
}

/* 63 bits of FNV-1a over source, a separator and id: the unique key. */
static gint64
event_key (const SluiceTextSpan *source,
           const SluiceTextSpan *id)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (gsize i = 0; i < source->len; i++)
    hash = (hash ^ (guchar) source->ptr[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  hash = (hash ^ 0xff) * G_GUINT64_CONSTANT (0x100000001b3);
  for (gsize i = 0; i < id->len; i++)
    hash = (hash ^ (guchar) id->ptr[i]) * G_GUINT64_CONSTANT (0x100000001b3);

  return (gint64) (hash & G_GUINT64_CONSTANT (0x7fffffffffffffff));
}

static void
bind_span (sqlite3_stmt         *stmt,
           int                   column,
           const SluiceTextSpan *span)
{
  if (span->ptr == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, span->ptr, span->len, SQLITE_STATIC);
}

static gboolean
span_equals (const SluiceTextSpan *span,
             const unsigned char  *text,
             int                   len)
{
  if (span->ptr == NULL)
    return text == NULL;
  return text != NULL && (gsize) len == span->len && memcmp (span->ptr, text, len) == 0;
}

static char *
span_dup (const SluiceTextSpan *span)
{
  return span->ptr ? g_strndup (span->ptr, span->len) : g_strdup ("");
}

/* The reason a conflict is rejected with, on either import path. */
static char *
conflict_reason (const SluiceTextSpan *id,
                 const SluiceTextSpan *source)
{
  g_autofree char *id_text = span_dup (id);
  g_autofree char *source_text = span_dup (source);

  return g_strdup_printf (_("an event with id “%s” from “%s” is already in the dataset with different content"),
                          id_text, source_text);
}

/* A column's text as a span: NULL stays NULL, as it came from the input. */
static SluiceTextSpan
column_span (sqlite3_stmt *stmt,
             int           column)
{
  SluiceTextSpan span;

  span.ptr = (const char *) sqlite3_column_text (stmt, column);
  span.len = span.ptr ? (gsize) sqlite3_column_bytes (stmt, column) : 0;
  return span;
}

typedef enum {
  INSERT_ADDED,
  INSERT_DUPLICATE,
  INSERT_CONFLICT,
  INSERT_FAILED,
} InsertResult;

typedef struct
{
  sqlite3_stmt *insert;
  sqlite3_stmt *lookup;
  guint64       hash_xor;
  guint64       hash_sum;

  /* A bulk import, into an empty dataset, inserts without the unique
   * index and settles shared keys once at the end (finish_bulk_import()).
   * Its rows have consecutive seq values from first_seq on. */
  gboolean      bulk;
  gint64        first_seq;
  GArray       *lines;            /* guint32 by seq - first_seq: the row's input line */
  GArray       *rejection_rows;   /* guint32 by kept rejection: rows inserted before it */
} Importer;

static void
bind_event (sqlite3_stmt            *insert,
            gint64                   key,
            const SluiceEventRecord *record)
{
  sqlite3_bind_int64 (insert, 1, key);
  bind_span (insert, 2, &record->id);
  bind_span (insert, 3, &record->type);
  bind_span (insert, 4, &record->source);
  bind_span (insert, 5, &record->subject);
  sqlite3_bind_int64 (insert, 6, record->time_ms);
  bind_span (insert, 7, &record->tenant);
  bind_span (insert, 8, &record->data);
  bind_span (insert, 9, &record->extensions);
  sqlite3_bind_int64 (insert, 10, (gint64) record->content_hash);
}

static InsertResult
insert_event (SluiceEventStore        *self,
              Importer                *importer,
              const SluiceEventRecord *record)
{
  gint64 key = event_key (&record->source, &record->id);

  /* Linear probing past the astronomically rare hash collision of two
   * different (source, id) pairs. */
  for (;;)
    {
      sqlite3_stmt *insert = importer->insert;
      sqlite3_stmt *lookup = importer->lookup;
      int rc;

      bind_event (insert, key, record);

      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        return INSERT_FAILED;

      if (sqlite3_changes (self->db) == 1)
        {
          importer->hash_xor ^= record->content_hash;
          importer->hash_sum += record->content_hash;
          return INSERT_ADDED;
        }

      /* The key is taken: the same event, a conflicting one, or a collision. */
      sqlite3_bind_int64 (lookup, 1, key);
      if (sqlite3_step (lookup) != SQLITE_ROW)
        {
          sqlite3_reset (lookup);
          return INSERT_FAILED;
        }

      if (span_equals (&record->id, sqlite3_column_text (lookup, 0), sqlite3_column_bytes (lookup, 0))
          && span_equals (&record->source, sqlite3_column_text (lookup, 1), sqlite3_column_bytes (lookup, 1)))
        {
          gboolean same = (guint64) sqlite3_column_int64 (lookup, 2) == record->content_hash;

          sqlite3_reset (lookup);
          return same ? INSERT_DUPLICATE : INSERT_CONFLICT;
        }

      sqlite3_reset (lookup);
      key = (key + 1) & G_GINT64_CONSTANT (0x7fffffffffffffff);
    }
}

/* Without the unique index, inserting is appending: random keys would
 * scatter the writes over an index larger than the cache. Whether a key
 * is taken is settled by finish_bulk_import(). */
static InsertResult
insert_event_bulk (SluiceEventStore        *self,
                   Importer                *importer,
                   const SluiceEventRecord *record)
{
  guint32 line = record->line;
  gint64 seq;
  int rc;

  bind_event (importer->insert, event_key (&record->source, &record->id), record);
  rc = sqlite3_step (importer->insert);
  sqlite3_reset (importer->insert);
  if (rc != SQLITE_DONE)
    return INSERT_FAILED;

  seq = sqlite3_last_insert_rowid (self->db);
  if (importer->lines->len == 0)
    importer->first_seq = seq;
  g_assert (seq == importer->first_seq + importer->lines->len);
  g_array_append_val (importer->lines, line);

  importer->hash_xor ^= record->content_hash;
  importer->hash_sum += record->content_hash;
  return INSERT_ADDED;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Fails the import: as cancelled when it was (SQLite was interrupted),
 * else with SQLite's error. */
static gboolean
set_import_error (SluiceEventStore *self,
                  GCancellable     *cancellable,
                  GError          **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return set_db_error (error, self->db, _("Cannot import"));
}

static gboolean
import_exec (SluiceEventStore *self,
             const char       *sql,
             GCancellable     *cancellable,
             GError          **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_import_error (self, cancellable, error);
  return TRUE;
}

static int
import_cancelled_cb (gpointer user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static gboolean
step_row (sqlite3_stmt *row,
          gint64        seq)
{
  sqlite3_reset (row);
  sqlite3_bind_int64 (row, 1, seq);
  return sqlite3_step (row) == SQLITE_ROW;
}

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* An event kept under a key that later rows share, to compare them with. */
typedef struct
{
  SluiceTextSpan id;            /* owned copies */
  SluiceTextSpan source;
  guint64        content_hash;
} KeptEvent;

static void
kept_event_clear (KeptEvent *kept)
{
  g_free ((char *) kept->id.ptr);
  g_free ((char *) kept->source.ptr);
}

static void
keep_event (GArray       *kept,
            sqlite3_stmt *row)
{
  SluiceTextSpan id = column_span (row, 0);
  SluiceTextSpan source = column_span (row, 1);
  KeptEvent event = { { NULL, 0 }, { NULL, 0 }, (guint64) sqlite3_column_int64 (row, 2) };

  event.id.ptr = g_memdup2 (id.ptr, id.len + 1);
  event.id.len = id.len;
  if (source.ptr != NULL)
    {
      event.source.ptr = g_memdup2 (source.ptr, source.len + 1);
      event.source.len = source.len;
    }
  g_array_append_val (kept, event);
}

/* A row that is another event than the first under its key: it moves on. */
typedef struct
{
  guint32 row;                  /* seq - first_seq */
  gint64  key;
} CollidingRow;

static int
compare_colliding_rows (gconstpointer a,
                        gconstpointer b)
{
  return compare_guint32 (&((const CollidingRow *) a)->row, &((const CollidingRow *) b)->row);
}

/* The reader's rejections (kept in input order, each with the number of
 * rows inserted before it) and the conflicts (rows, in input order) into
 * one list in input order, the first SLUICE_IMPORT_MAX_KEPT_REJECTIONS:
 * what keep_rejection() would have kept on the incremental path. */
static gboolean
merge_conflicts (Importer           *importer,
                 SluiceImportReport *report,
                 GArray             *conflicts,
                 sqlite3_stmt       *row)
{
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  guint r = 0, c = 0;

  while (merged->len < SLUICE_IMPORT_MAX_KEPT_REJECTIONS
         && (r < report->rejections->len || c < conflicts->len))
    {
      guint32 conflict = c < conflicts->len ? g_array_index (conflicts, guint32, c) : 0;

      if (c < conflicts->len
          && (r == report->rejections->len || conflict < g_array_index (importer->rejection_rows, guint32, r)))
        {
          SluiceImportRejection *rejection;
          SluiceTextSpan id, source;

          if (!step_row (row, importer->first_seq + conflict))
            return FALSE;
          id = column_span (row, 0);
          source = column_span (row, 1);

          rejection = g_new0 (SluiceImportRejection, 1);
          rejection->line = g_array_index (importer->lines, guint32, conflict);
          rejection->reason = conflict_reason (&id, &source);
          g_ptr_array_add (merged, rejection);
          c++;
        }
      else
        {
          g_ptr_array_add (merged, g_steal_pointer (&report->rejections->pdata[r]));
          r++;
        }
    }

  g_ptr_array_unref (report->rejections);
  report->rejections = g_steal_pointer (&merged);
  return TRUE;
}

/* Some of the import's rows share a key: the same event more than once in
 * the input, or (astronomically rarely) two events whose keys collide.
 * Each row after the first under a key is settled as insert_event() would
 * have settled it: the same event again is removed and counted as a
 * duplicate; the same id and source with other content is removed and
 * rejected as a conflict; another event moves on to the next free key.
 * (Only when such a move passes the key of an event later in the input
 * can its key differ from the one insert_event() would have chosen; it is
 * found by probing either way.) */
static gboolean
settle_shared_keys (SluiceEventStore   *self,
                    Importer           *importer,
                    SluiceImportReport *report,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(sqlite3_stmt) scan = NULL;
  g_autoptr(sqlite3_stmt) row = NULL;
  g_autoptr(sqlite3_stmt) probe = NULL;
  g_autoptr(sqlite3_stmt) move = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (KeptEvent));
  g_autoptr(GArray) conflicts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) colliding = g_array_new (FALSE, FALSE, sizeof (CollidingRow));
  g_autofree guint8 *removed = g_malloc0 (importer->lines->len / 8 + 1);
  guint64 n_removed = 0, n_duplicates = 0;
  gint64 run_key = -1, run_first = 0;
  int rc;

  g_array_set_clear_func (kept, (GDestroyNotify) kept_event_clear);

  /* A plain index is built by sorting too; in it, rows sharing a key are
   * next to each other in input order. */
  if (!import_exec (self, "CREATE INDEX events_key_bulk ON events (key)", cancellable, error))
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, "SELECT key, seq FROM events INDEXED BY events_key_bulk ORDER BY key, seq",
                          -1, &scan, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (self->db, "SELECT id, source, hash FROM events WHERE seq = ?",
                             -1, &row, NULL) != SQLITE_OK)
    return set_import_error (self, cancellable, error);

  while ((rc = sqlite3_step (scan)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (scan, 0);
      gint64 seq = sqlite3_column_int64 (scan, 1);
      guint32 offset = seq - importer->first_seq;
      guint64 content_hash;
      guint i;

      if (key != run_key)
        {
          run_key = key;
          run_first = seq;
          g_array_set_size (kept, 0);
          continue;
        }

      if (kept->len == 0)
        {
          if (!step_row (row, run_first))
            return set_import_error (self, cancellable, error);
          keep_event (kept, row);
        }

      if (!step_row (row, seq))
        return set_import_error (self, cancellable, error);
      content_hash = (guint64) sqlite3_column_int64 (row, 2);

      for (i = 0; i < kept->len; i++)
        {
          const KeptEvent *event = &g_array_index (kept, KeptEvent, i);

          if (span_equals (&event->id, sqlite3_column_text (row, 0), sqlite3_column_bytes (row, 0))
              && span_equals (&event->source, sqlite3_column_text (row, 1), sqlite3_column_bytes (row, 1)))
            break;
        }

      if (i == kept->len)
        {
          CollidingRow moving = { offset, key };

          keep_event (kept, row);
          g_array_append_val (colliding, moving);
          continue;
        }

      if (content_hash == g_array_index (kept, KeptEvent, i).content_hash)
        n_duplicates++;
      else
        g_array_append_val (conflicts, offset);
      removed[offset / 8] |= 1 << (offset % 8);
      n_removed++;
      importer->hash_xor ^= content_hash;
      importer->hash_sum -= content_hash;
    }
  if (rc != SQLITE_DONE)
    return set_import_error (self, cancellable, error);
  g_clear_pointer (&scan, sqlite3_finalize);

  /* found in key order, reported in input order */
  g_array_sort (conflicts, compare_guint32);
  if (!merge_conflicts (importer, report, conflicts, row))
    return set_import_error (self, cancellable, error);

  g_array_sort (colliding, compare_colliding_rows);
  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM events WHERE key = ?", -1, &probe, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (self->db, "UPDATE events SET key = ? WHERE seq = ?", -1, &move, NULL) != SQLITE_OK)
    return set_import_error (self, cancellable, error);
  for (guint i = 0; i < colliding->len; i++)
    {
      const CollidingRow *moving = &g_array_index (colliding, CollidingRow, i);
      gint64 key = moving->key;

      /* the first row under every key stays there, removed rows share
       * their key with it: a key is free when no row has it */
      do
        {
          key = (key + 1) & G_GINT64_CONSTANT (0x7fffffffffffffff);
          sqlite3_reset (probe);
          sqlite3_bind_int64 (probe, 1, key);
          rc = sqlite3_step (probe);
        }
      while (rc == SQLITE_ROW);
      if (rc != SQLITE_DONE)
        return set_import_error (self, cancellable, error);

      sqlite3_bind_int64 (move, 1, key);
      sqlite3_bind_int64 (move, 2, importer->first_seq + moving->row);
      rc = sqlite3_step (move);
      sqlite3_reset (move);
      if (rc != SQLITE_DONE)
        return set_import_error (self, cancellable, error);
    }

  /* Removing rows in seq order, without an index to update, touches each
   * page of the table once. (No statement may be reading while the index
   * is dropped.) */
  g_clear_pointer (&row, sqlite3_finalize);
  g_clear_pointer (&probe, sqlite3_finalize);
  g_clear_pointer (&move, sqlite3_finalize);
  if (!import_exec (self, "DROP INDEX events_key_bulk", cancellable, error))
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, "DELETE FROM events WHERE seq = ?", -1, &delete, NULL) != SQLITE_OK)
    return set_import_error (self, cancellable, error);
  for (guint32 offset = 0; offset < importer->lines->len; offset++)
    {
      if ((removed[offset / 8] & (1 << (offset % 8))) == 0)
        continue;

      sqlite3_bind_int64 (delete, 1, importer->first_seq + offset);
      rc = sqlite3_step (delete);
      sqlite3_reset (delete);
      if (rc != SQLITE_DONE)
        return set_import_error (self, cancellable, error);
    }

  report->events_added -= n_removed;
  report->duplicates += n_duplicates;
  report->conflicts += conflicts->len;
  report->rejected += conflicts->len;
  return TRUE;
}

/* Builds the unique index the bulk import went without. SQLite builds it
 * by sorting the keys, which is fast; only when keys repeat are the rows
 * sharing them settled first. */
static gboolean
finish_bulk_import (SluiceEventStore   *self,
                    Importer           *importer,
                    SluiceImportReport *report,
                    GCancellable       *cancellable,
                    GError            **error)
{
  const char *create_index = "CREATE UNIQUE INDEX events_key ON events (key)";
  gint64 cache_size = query_int (self->db, "PRAGMA cache_size", -65536);
  g_autofree char *restore = NULL;
  gboolean ok;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* SQLite sorts in runs of cache_size bytes (see bulk_import_begin()):
   * a smaller cache while sorting keeps the peak lower, and is no slower. */
  sqlite3_exec (self->db, "PRAGMA cache_size = -16384", NULL, NULL, NULL);

  /* Sorting millions of keys takes seconds: cancelling interrupts it. */
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 1000, import_cancelled_cb, cancellable);

  rc = sqlite3_exec (self->db, create_index, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    ok = TRUE;
  else if ((rc & 0xff) == SQLITE_CONSTRAINT)
    ok = settle_shared_keys (self, importer, report, cancellable, error)
         && import_exec (self, create_index, cancellable, error);
  else
    ok = set_import_error (self, cancellable, error);

  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  restore = g_strdup_printf ("PRAGMA cache_size = %" PRId64, cache_size);
  sqlite3_exec (self->db, restore, NULL, NULL, NULL);

  return ok;
}

/* Returns the temp_store setting to restore with bulk_import_end(), or -1.
 *
 * With temp_store = MEMORY, SQLite would sort the keys for the index with
 * an allocation for each, some 50 bytes: 500 MB for 10 million events; and
 * it would keep statement journals in memory, which hold the pages an
 * index build reuses after another was dropped. With FILE it sorts in runs
 * and merges them from temporary files, and journals statements there, no
 * slower. The setting cannot change inside a transaction, and whether the
 * dataset is empty is only sure inside it: this asks before. */
static gint64
bulk_import_begin (SluiceEventStore *self)
{
  gint64 temp_store;

  if (meta_get (self, "count") != 0)
    return -1;

  temp_store = query_int (self->db, "PRAGMA temp_store", -1);
  if (temp_store == 1 || !exec (self->db, "PRAGMA temp_store = FILE", NULL))
    return -1;
  return temp_store;
}

static void
bulk_import_end (SluiceEventStore *self,
                 gint64            temp_store)
{
  g_autofree char *sql = NULL;

  if (temp_store < 0)
    return;
  sql = g_strdup_printf ("PRAGMA temp_store = %" PRId64, temp_store);
  exec (self->db, sql, NULL);
}

static void
record_import (SluiceEventStore   *self,
               SluiceImportReport *report,
               gint64              started)
{
  sqlite3_stmt *stmt = NULL;
  gint64 import_seq;

  sqlite3_prepare_v2 (self->db,
                      "INSERT INTO imports (source_name, started, events_read, events_added, duplicates,"
                      " conflicts, rejected, elapsed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, report->source_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, started / 1000);
  sqlite3_bind_int64 (stmt, 3, report->events_read);
  sqlite3_bind_int64 (stmt, 4, report->events_added);
  sqlite3_bind_int64 (stmt, 5, report->duplicates);
  sqlite3_bind_int64 (stmt, 6, report->conflicts);
  sqlite3_bind_int64 (stmt, 7, report->rejected);
  sqlite3_bind_int64 (stmt, 8, report->elapsed_ms);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  import_seq = sqlite3_last_insert_rowid (self->db);

  sqlite3_prepare_v2 (self->db, "INSERT INTO rejections (import, line, reason) VALUES (?, ?, ?)", -1, &stmt, NULL);
  for (guint i = 0; i < report->rejections->len; i++)
    {
      SluiceImportRejection *rejection = g_ptr_array_index (report->rejections, i);

      sqlite3_bind_int64 (stmt, 1, import_seq);
      sqlite3_bind_int (stmt, 2, rejection->line);
      sqlite3_bind_text (stmt, 3, rejection->reason, -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
}

/**
 * sluice_event_store_import:
 * @input: the events, in any format the reader takes (gzip too)
 * @source_name: what to call the input in reports, e.g. the file name
 * @bytes_total: the input's size for progress, or 0 when unknown
 * @mapping: (nullable): where the envelope is in non-CloudEvents objects
 * @progress: (nullable): called now and then, from this thread
 *
 * Imports a stream of events in one transaction. Rejected values are
 * reported with their line and reason, and the rest is imported. Events
 * already in the dataset are skipped; an event with the id of an imported
 * one but other content is rejected.
 *
 * Returns: (transfer full) (nullable): what happened, or %NULL with @error
 *   set when the import failed or was cancelled; the dataset is then as
 *   it was before
 */
SluiceImportReport *
sluice_event_store_import (SluiceEventStore         *self,
                           GInputStream             *input,
                           const char               *source_name,
                           guint64                   bytes_total,
                           SluiceEventFormat         format,
                           const SluiceEventMapping *mapping,
                           SluiceImportProgressFunc  progress,
                           gpointer                  user_data,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  g_autoptr(SluiceImportReport) report = NULL;
  g_autoptr(SluiceEventReader) reader = NULL;
  Importer importer = { 0 };
  SluiceImportProgress status = { 0 };
  gint64 temp_store;
  gint64 started = g_get_real_time ();
  gint64 started_mono = g_get_monotonic_time ();
  gboolean ok = FALSE;

  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);

  report = g_new0 (SluiceImportReport, 1);
  report->source_name = g_strdup (source_name ? source_name : "-");
  report->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);

  temp_store = bulk_import_begin (self);
  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    {
      bulk_import_end (self, temp_store);
      return NULL;
    }

  /* Into an empty dataset, the first import of a big file: inserting
   * random keys into a growing unique index would make it several times
   * slower, so the index is dropped and built again at the end (all in
   * this transaction). */
  importer.bulk = meta_get (self, "count") == 0
                  && query_int (self->db, "SELECT EXISTS (SELECT 1 FROM events)", 1) == 0;
  if (importer.bulk)
    {
      importer.lines = g_array_new (FALSE, FALSE, sizeof (guint32));
      importer.rejection_rows = g_array_new (FALSE, FALSE, sizeof (guint32));
      if (!exec (self->db, "DROP INDEX IF EXISTS events_key", error))
        goto out;
    }

  if (sqlite3_prepare_v2 (self->db,
                          importer.bulk
                          ? "INSERT INTO events (key, id, type, source, subject, time, tenant,"
                            " data, extensions, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                          : "INSERT OR IGNORE INTO events (key, id, type, source, subject, time, tenant,"
                            " data, extensions, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &importer.insert, NULL) != SQLITE_OK
      || (!importer.bulk
          && sqlite3_prepare_v2 (self->db, "SELECT id, source, hash FROM events WHERE key = ?",
                                 -1, &importer.lookup, NULL) != SQLITE_OK))
    {
      set_db_error (error, self->db, _("Cannot import"));
      goto out;
    }

  reader = sluice_event_reader_new (input, format, mapping);
  status.bytes_total = bytes_total;

  for (;;)
    {
      SluiceEventRecord record;
      SluiceEventRejection rejection;
      SluiceEventReadResult result;

      result = sluice_event_reader_next (reader, &record, &rejection, cancellable, error);

      if (result == SLUICE_EVENT_READ_END)
        break;
      if (result == SLUICE_EVENT_READ_ERROR)
        goto out;

      report->events_read++;

      if (result == SLUICE_EVENT_READ_REJECTED)
        {
          /* where it goes among the conflicts finish_bulk_import() finds */
          if (importer.bulk && report->rejections->len < SLUICE_IMPORT_MAX_KEPT_REJECTIONS)
            {
              guint32 rows_before = importer.lines->len;

              g_array_append_val (importer.rejection_rows, rows_before);
            }
          keep_rejection (report, rejection.line, g_strdup (rejection.reason));
        }
      else
        {
          switch (importer.bulk
                  ? insert_event_bulk (self, &importer, &record)
                  : insert_event (self, &importer, &record))
            {
            case INSERT_ADDED:
              report->events_added++;
              break;
            case INSERT_DUPLICATE:
              report->duplicates++;
              break;
            case INSERT_CONFLICT:
              report->conflicts++;
              keep_rejection (report, record.line, conflict_reason (&record.id, &record.source));
              break;
            case INSERT_FAILED:
            default:
              set_db_error (error, self->db, _("Cannot import"));
              goto out;
            }
        }

      if (progress != NULL && (report->events_read & 0x3fff) == 0)
        {
          status.bytes_read = sluice_event_reader_get_bytes_read (reader);
          status.events_read = report->events_read;
          status.events_added = report->events_added;
          progress (&status, user_data);
        }
    }

  if (progress != NULL)
    {
      status.bytes_read = sluice_event_reader_get_bytes_read (reader);
      status.events_read = report->events_read;
      status.events_added = report->events_added;
      progress (&status, user_data);
    }

  if (importer.bulk)
    {
      guint64 inserted = report->events_added;

      if (!finish_bulk_import (self, &importer, report, cancellable, error))
        goto out;

      /* the input's duplicates and conflicts are only known now */
      if (progress != NULL && report->events_added != inserted)
        {
          status.events_added = report->events_added;
          progress (&status, user_data);
        }
    }

  report->elapsed_ms = (g_get_monotonic_time () - started_mono) / 1000;

  meta_set (self, "count", meta_get (self, "count") + report->events_added);
  meta_set (self, "hash_xor", (gint64) ((guint64) meta_get (self, "hash_xor") ^ importer.hash_xor));
  meta_set (self, "hash_sum", (gint64) ((guint64) meta_get (self, "hash_sum") + importer.hash_sum));
  if (report->events_added > 0)
    meta_set (self, "generation", self->generation + 1);
  record_import (self, report, started);

  ok = exec (self->db, "COMMIT", error);
  if (ok && report->events_added > 0)
    self->generation++;

out:
  sqlite3_finalize (importer.insert);
  sqlite3_finalize (importer.lookup);
  g_clear_pointer (&importer.lines, g_array_unref);
  g_clear_pointer (&importer.rejection_rows, g_array_unref);

  if (!ok)
    exec (self->db, "ROLLBACK", NULL);
  bulk_import_end (self, temp_store);

  return ok ? g_steal_pointer (&report) : NULL;
}

/**
 * sluice_event_store_import_file:
 *
 * Like sluice_event_store_import(), reporting progress against the file's
 * size and naming the file in the report.
 */
SluiceImportReport *
sluice_event_store_import_file (SluiceEventStore         *self,
                                GFile                    *file,
                                SluiceEventFormat         format,
                                const SluiceEventMapping *mapping,
                                SluiceImportProgressFunc  progress,
                                gpointer                  user_data,
                                GCancellable             *cancellable,
                                GError                  **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  input = g_file_read (file, cancellable, error);
  if (input == NULL)
    return NULL;

  info = g_file_input_stream_query_info (input, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  name = g_file_get_basename (file);

  return sluice_event_store_import (self, G_INPUT_STREAM (input), name,
                                    info ? (guint64) g_file_info_get_size (info) : 0,
                                    format, mapping, progress, user_data, cancellable, error);
}

/* ---- segments ------------------------------------------------------------ */

/**
 * sluice_event_store_import_segment:
 * @name: the segment's name, e.g. "enterprise-eu"
 * @input: entity ids, one per line; for CSV the first column (a header
 *   line that names a column, such as "account", is skipped)
 * @n_entities: (out) (optional): how many ids the segment has now
 *
 * Replaces the segment @name with the ids in @input.
 */
gboolean
sluice_event_store_import_segment (SluiceEventStore *self,
                                   const char       *name,
                                   GInputStream     *input,
                                   guint            *n_entities,
                                   GCancellable     *cancellable,
                                   GError          **error)
{
  g_autoptr(GDataInputStream) lines = NULL;
  sqlite3_stmt *stmt = NULL;
  guint line_number = 0;
  gboolean ok = FALSE;
  char *line;
  gsize length;

  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);

  lines = g_data_input_stream_new (input);
  g_data_input_stream_set_newline_type (lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  sqlite3_prepare_v2 (self->db, "DELETE FROM segments WHERE name = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (self->db, "INSERT OR IGNORE INTO segments (name, entity) VALUES (?, ?)", -1, &stmt, NULL);

  while ((line = g_data_input_stream_read_line_utf8 (lines, &length, cancellable, error)) != NULL)
    {
      g_autofree char *owned = line;
      char *entity = g_strstrip (line);
      char *comma = strchr (entity, ',');

      line_number++;
      if (comma != NULL)
        *comma = '\0';
      entity = g_strstrip (entity);
      if (entity[0] == '"' && entity[strlen (entity) - 1] == '"' && strlen (entity) >= 2)
        {
          entity[strlen (entity) - 1] = '\0';
          entity++;
        }

      if (*entity == '\0' || *entity == '#')
        continue;
      /* a CSV header: the first line, naming a column */
      if (line_number == 1 && comma != NULL && g_ascii_isalpha (*entity) && strchr (entity, '-') == NULL)
        continue;

      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_db_error (error, self->db, _("Cannot import the segment"));
          goto out;
        }
      sqlite3_reset (stmt);
    }

  if (error != NULL && *error != NULL)
    goto out;

  ok = exec (self->db, "COMMIT", error);

out:
  sqlite3_finalize (stmt);
  if (!ok)
    {
      exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }

  if (n_entities != NULL)
    {
      g_auto(GStrv) ids = sluice_event_store_get_segment (self, name, NULL);
      *n_entities = ids ? g_strv_length (ids) : 0;
    }

  return TRUE;
}

static GStrv
query_strings (SluiceEventStore *self,
               const char       *sql,
               const char       *arg,
               GError          **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, self->db, _("Cannot read the dataset"));
      return NULL;
    }
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (error, self->db, _("Cannot read the dataset"));
      return NULL;
    }

  return g_strv_builder_end (builder);
}

GStrv
sluice_event_store_list_segments (SluiceEventStore *self,
                                  GError          **error)
{
  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), NULL);
  return query_strings (self, "SELECT DISTINCT name FROM segments ORDER BY name", NULL, error);
}

/**
 * sluice_event_store_get_segment:
 *
 * Returns: (transfer full) (nullable): the entity ids of the segment, or
 *   %NULL with @error set when there is no segment of that name
 */
GStrv
sluice_event_store_get_segment (SluiceEventStore *self,
                                const char       *name,
                                GError          **error)
{
  GStrv ids;

  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (self), NULL);

  ids = query_strings (self, "SELECT entity FROM segments WHERE name = ? ORDER BY entity", name, error);
  if (ids != NULL && ids[0] == NULL)
    {
      g_strfreev (ids);
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_SCOPE,
                   _("The dataset has no segment called “%s”; import it first"), name);
      return NULL;
    }

  return ids;
}
