/* sluice-server-store.c — the control plane's durable state in one SQLite file
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <glib/gi18n-lib.h>

#include "sluice-json.h"
#include "sluice-server-error.h"
#include "sluice-server-store.h"

/* "SLCS" in PRAGMA application_id: this file is a sluice-server store. */
#define STORE_APPLICATION_ID 0x534c4353
#define STORE_SCHEMA_VERSION 1

struct _SluiceServerStore
{
  GObject  parent_instance;
  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (SluiceServerStore, sluice_server_store, G_TYPE_OBJECT)

enum {
  WORKFLOW_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char schema_sql[] =
  "CREATE TABLE tokens ("
  "  id INTEGER PRIMARY KEY,"
  "  sha256 TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('viewer', 'author', 'publisher', 'admin')),"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE reports ("
  "  digest TEXT PRIMARY KEY,"
  "  title TEXT NOT NULL,"
  "  data BLOB NOT NULL,"
  "  uploaded_by TEXT NOT NULL,"
  "  created_at TEXT NOT NULL);"
  /* one row per workflow: its rollout and the revision of its status */
  "CREATE TABLE workflows ("
  "  name TEXT PRIMARY KEY,"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  mode TEXT NOT NULL DEFAULT 'disabled' CHECK (mode IN ('disabled', 'shadow', 'canary', 'full')),"
  "  version INTEGER,"
  "  canary_percent REAL,"
  "  canary_segment TEXT,"
  "  max_error_rate REAL NOT NULL DEFAULT 0.02,"
  "  window_seconds INTEGER NOT NULL DEFAULT 300,"
  "  min_events INTEGER NOT NULL DEFAULT 20,"
  "  auto_pause INTEGER NOT NULL DEFAULT 1,"
  "  paused INTEGER NOT NULL DEFAULT 0,"
  "  paused_reason TEXT,"
  "  paused_by_kill_switch INTEGER NOT NULL DEFAULT 0,"
  "  window_start_ms INTEGER NOT NULL DEFAULT 0,"
  "  updated_at TEXT NOT NULL,"
  "  updated_by TEXT NOT NULL);"
  "CREATE TABLE versions ("
  "  workflow TEXT NOT NULL REFERENCES workflows (name),"
  "  number INTEGER NOT NULL,"
  "  digest TEXT NOT NULL,"
  "  yaml TEXT NOT NULL,"
  "  author TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  report_digest TEXT REFERENCES reports (digest),"
  "  base_version INTEGER NOT NULL,"
  "  events INTEGER NOT NULL DEFAULT 0,"
  "  actions INTEGER NOT NULL DEFAULT 0,"
  "  errors INTEGER NOT NULL DEFAULT 0,"
  /* events seen while it was rolled out: it ran; breached: its budget broke */
  "  ran_events INTEGER NOT NULL DEFAULT 0,"
  "  breached INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (workflow, number));"
  "CREATE TABLE idempotency_keys ("
  "  key TEXT PRIMARY KEY,"
  "  workflow TEXT NOT NULL,"
  "  digest TEXT NOT NULL,"
  "  base_version INTEGER NOT NULL,"
  "  report_digest TEXT,"
  "  version INTEGER NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  FOREIGN KEY (workflow, version) REFERENCES versions (workflow, number));"
  /* runtime counters as reported, for the sliding error window */
  "CREATE TABLE runtime_samples ("
  "  id INTEGER PRIMARY KEY,"
  "  workflow TEXT NOT NULL REFERENCES workflows (name),"
  "  version INTEGER NOT NULL,"
  "  time_ms INTEGER NOT NULL,"
  "  events INTEGER NOT NULL,"
  "  actions INTEGER NOT NULL,"
  "  errors INTEGER NOT NULL);"
  "CREATE INDEX runtime_samples_window ON runtime_samples (workflow, version, time_ms);"
  "CREATE TABLE kill_switch ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  engaged INTEGER NOT NULL,"
  "  reason TEXT,"
  "  updated_at TEXT,"
  "  updated_by TEXT);"
  "INSERT INTO kill_switch (id, engaged) VALUES (1, 0);"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  time TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  workflow TEXT,"
  "  action TEXT NOT NULL,"
  "  version INTEGER,"
  "  report_digest TEXT,"
  "  details TEXT NOT NULL);"
  "CREATE INDEX audit_workflow ON audit (workflow, id);";

static void
sluice_server_store_finalize (GObject *object)
{
  SluiceServerStore *self = SLUICE_SERVER_STORE (object);

  g_clear_pointer (&self->db, sqlite3_close);

  G_OBJECT_CLASS (sluice_server_store_parent_class)->finalize (object);
}

static void
sluice_server_store_class_init (SluiceServerStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sluice_server_store_finalize;

  /* the workflow's name, or NULL when every workflow may have changed */
  signals[WORKFLOW_CHANGED] = g_signal_new ("workflow-changed",
                                            G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sluice_server_store_init (SluiceServerStore *self)
{
}

gboolean
sluice_server_store_set_error (SluiceServerStore  *self,
                               GError            **error)
{
  g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INTERNAL,
               _("The server’s database failed: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (SluiceServerStore  *self,
      const char         *sql,
      GError            **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sluice_server_store_set_error (self, error);
  return TRUE;
}

static gint64
query_int (SluiceServerStore *self,
           const char        *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * sluice_server_store_open:
 * @data_dir: the server's folder; created when missing
 *
 * Opens (or creates) DATA_DIR/sluice-server.db with WAL, foreign keys and
 * a busy timeout, so `sluice-server replay` can write while the server runs.
 */
SluiceServerStore *
sluice_server_store_open (const char  *data_dir,
                          GError     **error)
{
  g_autoptr(SluiceServerStore) self = g_object_new (SLUICE_TYPE_SERVER_STORE, NULL);
  g_autofree char *path = NULL;
  gint64 application_id, version;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the data folder %s: %s"), data_dir, g_strerror (saved_errno));
      return NULL;
    }

  path = g_build_filename (data_dir, SLUICE_SERVER_DB_NAME, NULL);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INTERNAL,
                   _("Cannot open the server database %s: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);

  application_id = query_int (self, "PRAGMA application_id");
  if (application_id == -1)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INTERNAL,
                   _("%s is not a sluice-server database"), path);
      return NULL;
    }

  if (!exec (self, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", error))
    return NULL;

  if (application_id == 0)
    {
      g_autofree char *stamp = NULL;

      if (query_int (self, "SELECT count(*) FROM sqlite_schema") != 0)
        {
          g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INTERNAL,
                       _("%s is an SQLite database of another program"), path);
          return NULL;
        }
      stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                               STORE_APPLICATION_ID, STORE_SCHEMA_VERSION);
      if (!exec (self, "BEGIN IMMEDIATE", error))
        return NULL;
      if (!exec (self, schema_sql, error) || !exec (self, stamp, error) || !exec (self, "COMMIT", error))
        {
          sluice_server_store_rollback (self);
          return NULL;
        }
    }
  else if (application_id != STORE_APPLICATION_ID)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INTERNAL,
                   _("%s is an SQLite database of another program"), path);
      return NULL;
    }

  version = query_int (self, "PRAGMA user_version");
  if (version != STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INTERNAL,
                   _("%s has schema version %" PRId64 "; this sluice-server reads version %d"),
                   path, version, STORE_SCHEMA_VERSION);
      return NULL;
    }

  return g_steal_pointer (&self);
}

sqlite3 *
sluice_server_store_get_database (SluiceServerStore *self)
{
  g_return_val_if_fail (SLUICE_IS_SERVER_STORE (self), NULL);
  return self->db;
}

/* IMMEDIATE: take the write lock now, so a concurrent replay waits
 * instead of failing halfway through our change. */
gboolean
sluice_server_store_begin (SluiceServerStore  *self,
                           GError            **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
sluice_server_store_commit (SluiceServerStore  *self,
                            GError            **error)
{
  if (!exec (self, "COMMIT", error))
    {
      sluice_server_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
sluice_server_store_rollback (SluiceServerStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *
sluice_server_store_prepare (SluiceServerStore  *self,
                             const char         *sql,
                             GError            **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sluice_server_store_set_error (self, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

gboolean
sluice_server_store_step_done (SluiceServerStore  *self,
                               sqlite3_stmt       *stmt,
                               GError            **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return sluice_server_store_set_error (self, error);
  return TRUE;
}

/**
 * sluice_server_store_add_audit:
 * @version: the version concerned, or 0 for none
 * @details: (nullable): what changed, stored as JSON
 *
 * Call inside the transaction of the change it records.
 */
gboolean
sluice_server_store_add_audit (SluiceServerStore       *self,
                               const SluiceServerActor *actor,
                               const char              *workflow,
                               const char              *action,
                               gint64                   version,
                               const char              *report_digest,
                               JsonObject              *details,
                               GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *now = sluice_server_now ();
  g_autofree char *details_text = NULL;

  if (details != NULL)
    json_node_set_object (node, details);
  else
    json_node_take_object (node, json_object_new ());
  details_text = sluice_json_to_string (node, FALSE);

  stmt = sluice_server_store_prepare (self,
                                      "INSERT INTO audit (time, actor, role, workflow, action, version, report_digest, details)"
                                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, actor->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sluice_server_role_to_string (actor->role), -1, SQLITE_STATIC);
  sluice_server_bind_text_or_null (stmt, 4, workflow);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_STATIC);
  sluice_server_bind_version_or_null (stmt, 6, version);
  sluice_server_bind_text_or_null (stmt, 7, report_digest);
  sqlite3_bind_text (stmt, 8, details_text, -1, SQLITE_STATIC);
  return sluice_server_store_step_done (self, stmt, error);
}

void
sluice_server_store_notify_changed (SluiceServerStore *self,
                                    const char        *workflow)
{
  g_return_if_fail (SLUICE_IS_SERVER_STORE (self));
  g_signal_emit (self, signals[WORKFLOW_CHANGED], 0, workflow);
}

/* Changes when another connection (a replay) commits: cheap to poll. */
gint64
sluice_server_store_data_version (SluiceServerStore *self)
{
  return query_int (self, "PRAGMA data_version");
}

char *
sluice_server_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  if (time == NULL)
    return g_strdup ("1970-01-01T00:00:00Z");
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

char *
sluice_server_now (void)
{
  return sluice_server_format_time (g_get_real_time () / G_USEC_PER_SEC);
}

gint64
sluice_server_now_ms (void)
{
  return g_get_real_time () / 1000;
}

void
sluice_server_bind_text_or_null (sqlite3_stmt *stmt,
                                 int           index,
                                 const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
sluice_server_bind_version_or_null (sqlite3_stmt *stmt,
                                    int           index,
                                    gint64        version)
{
  if (version > 0)
    sqlite3_bind_int64 (stmt, index, version);
  else
    sqlite3_bind_null (stmt, index);
}

const char *
sluice_server_column_text (sqlite3_stmt *stmt,
                           int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}
