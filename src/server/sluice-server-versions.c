/* sluice-server-versions.c — published workflow versions and idempotent publishing
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-server-error.h"
#include "sluice-server-reports.h"
#include "sluice-server-versions.h"
#include "sluice-validator.h"
#include "sluice-workflow.h"

#define VERSION_COLUMNS "workflow, number, digest, author, created_at, report_digest, base_version"

void
sluice_server_publish_failure_clear (SluiceServerPublishFailure *failure)
{
  g_clear_pointer (&failure->diagnostics, g_ptr_array_unref);
  failure->current_version = 0;
}

JsonNode *
sluice_server_diagnostics_to_json (SluiceDiagnostics *diagnostics)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "severity", sluice_severity_to_string (d->severity));
      json_object_set_string_member (object, "rule", d->rule_id);
      if (d->path != NULL)
        json_object_set_string_member (object, "path", d->path);
      else
        json_object_set_null_member (object, "path");
      json_object_set_int_member (object, "line", d->line);
      json_object_set_int_member (object, "column", d->column);
      json_object_set_string_member (object, "message", d->message);
      json_array_add_object_element (array, object);
    }

  json_node_take_array (node, g_steal_pointer (&array));
  return node;
}

/* A row of VERSION_COLUMNS (and yaml at 7) as the protocol's version object. */
static JsonObject *
version_from_row (sqlite3_stmt *stmt,
                  gboolean      with_yaml)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "workflow", sluice_server_column_text (stmt, 0));
  json_object_set_int_member (object, "number", sqlite3_column_int64 (stmt, 1));
  json_object_set_string_member (object, "digest", sluice_server_column_text (stmt, 2));
  json_object_set_string_member (object, "author", sluice_server_column_text (stmt, 3));
  json_object_set_string_member (object, "created_at", sluice_server_column_text (stmt, 4));
  if (sqlite3_column_type (stmt, 5) == SQLITE_NULL)
    json_object_set_null_member (object, "report_digest");
  else
    json_object_set_string_member (object, "report_digest", sluice_server_column_text (stmt, 5));
  json_object_set_int_member (object, "base_version", sqlite3_column_int64 (stmt, 6));
  if (with_yaml)
    json_object_set_string_member (object, "yaml", sluice_server_column_text (stmt, 7));
  return object;
}

JsonObject *
sluice_server_versions_get (SluiceServerStore  *store,
                            const char         *workflow,
                            gint64              number,
                            gboolean            with_yaml,
                            GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sluice_server_store_prepare (store,
                                      "SELECT " VERSION_COLUMNS ", yaml FROM versions"
                                      " WHERE workflow = ? AND number = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, workflow, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, number);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_NOT_FOUND,
                   _("Workflow “%s” has no version %" PRId64), workflow, number);
      return NULL;
    }
  return version_from_row (stmt, with_yaml);
}

char *
sluice_server_versions_get_yaml (SluiceServerStore  *store,
                                 const char         *workflow,
                                 gint64              number,
                                 GError            **error)
{
  g_autoptr(JsonObject) version = sluice_server_versions_get (store, workflow, number, TRUE, error);

  if (version == NULL)
    return NULL;
  return g_strdup (json_object_get_string_member (version, "yaml"));
}

/* Newest first; an empty list for a workflow nobody published yet. */
JsonArray *
sluice_server_versions_list (SluiceServerStore  *store,
                             const char         *workflow,
                             GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonArray) versions = json_array_new ();
  int rc;

  stmt = sluice_server_store_prepare (store,
                                      "SELECT " VERSION_COLUMNS " FROM versions"
                                      " WHERE workflow = ? ORDER BY number DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, workflow, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_object_element (versions, version_from_row (stmt, FALSE));
  if (rc != SQLITE_DONE)
    {
      sluice_server_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&versions);
}

gint64
sluice_server_versions_latest (SluiceServerStore *store,
                               const char        *workflow)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sluice_server_store_prepare (store,
                                      "SELECT coalesce(max(number), 0) FROM versions WHERE workflow = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, workflow, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
sluice_server_versions_exists (SluiceServerStore *store,
                               const char        *workflow,
                               gint64             number)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sluice_server_store_prepare (store,
                                      "SELECT 1 FROM versions WHERE workflow = ? AND number = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, workflow, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, number);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Loads and validates the YAML the way `sluice-cli validate` does; only
 * errors refuse a version, warnings do not. */
static SluiceWorkflow *
load_workflow (const SluiceServerPublish  *publish,
               SluiceServerPublishFailure *failure,
               GError                    **error)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;

  workflow = sluice_workflow_load_from_data (publish->yaml, publish->length, diagnostics);
  if (workflow != NULL)
    sluice_workflow_validate (workflow, NULL, diagnostics);

  if (workflow != NULL && sluice_diagnostics_count (diagnostics, SLUICE_SEVERITY_ERROR) == 0
      && g_strcmp0 (sluice_workflow_get_name (workflow), publish->workflow) != 0)
    {
      sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "server/name-mismatch", 0, 0,
                              _("metadata.name is “%s” but the version is published as “%s”"),
                              sluice_workflow_get_name (workflow) ?: "", publish->workflow);
      ((SluiceDiagnostic *) g_ptr_array_index (diagnostics, diagnostics->len - 1))->path = g_strdup ("metadata.name");
    }

  if (workflow == NULL || sluice_diagnostics_count (diagnostics, SLUICE_SEVERITY_ERROR) > 0)
    {
      guint n_errors = sluice_diagnostics_count (diagnostics, SLUICE_SEVERITY_ERROR);

      sluice_diagnostics_sort (diagnostics);
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_WORKFLOW,
                   g_dngettext (GETTEXT_PACKAGE, "The workflow is not valid: %u error",
                                "The workflow is not valid: %u errors", n_errors), n_errors);
      failure->diagnostics = g_steal_pointer (&diagnostics);
      return NULL;
    }

  return g_steal_pointer (&workflow);
}

/* Same key: the same request again (replay its answer) or a mistake. */
static gboolean
check_idempotency_key (SluiceServerStore         *store,
                       const SluiceServerPublish *publish,
                       const char                *digest,
                       gint64                    *replayed_version,
                       GError                   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *replayed_version = 0;
  stmt = sluice_server_store_prepare (store,
                                      "SELECT workflow, digest, base_version, report_digest, version"
                                      " FROM idempotency_keys WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, publish->idempotency_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return sluice_server_store_set_error (store, error);

  if (g_strcmp0 (sluice_server_column_text (stmt, 0), publish->workflow) != 0
      || g_strcmp0 (sluice_server_column_text (stmt, 1), digest) != 0
      || sqlite3_column_int64 (stmt, 2) != publish->base_version
      || g_strcmp0 (sluice_server_column_text (stmt, 3), publish->report_digest) != 0)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_IDEMPOTENCY_KEY_REUSED,
                   _("The Idempotency-Key “%s” was already used for a different publish; use a new key"),
                   publish->idempotency_key);
      return FALSE;
    }

  *replayed_version = sqlite3_column_int64 (stmt, 4);
  return TRUE;
}

static gboolean
insert_version (SluiceServerStore          *store,
                const SluiceServerActor    *actor,
                const SluiceServerPublish  *publish,
                const char                 *digest,
                gint64                      number,
                GError                    **error)
{
  g_autoptr(sqlite3_stmt) row = NULL;
  g_autoptr(sqlite3_stmt) version = NULL;
  g_autoptr(sqlite3_stmt) key = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *now = sluice_server_now ();

  row = sluice_server_store_prepare (store,
                                     "INSERT OR IGNORE INTO workflows (name, updated_at, updated_by) VALUES (?, ?, ?)",
                                     error);
  if (row == NULL)
    return FALSE;
  sqlite3_bind_text (row, 1, publish->workflow, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (row, 3, actor->name, -1, SQLITE_STATIC);
  if (!sluice_server_store_step_done (store, row, error))
    return FALSE;

  version = sluice_server_store_prepare (store,
                                         "INSERT INTO versions (workflow, number, digest, yaml, author, created_at,"
                                         " report_digest, base_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (version == NULL)
    return FALSE;
  sqlite3_bind_text (version, 1, publish->workflow, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (version, 2, number);
  sqlite3_bind_text (version, 3, digest, -1, SQLITE_STATIC);
  sqlite3_bind_text (version, 4, publish->yaml, publish->length, SQLITE_STATIC);
  sqlite3_bind_text (version, 5, actor->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (version, 6, now, -1, SQLITE_STATIC);
  sluice_server_bind_text_or_null (version, 7, publish->report_digest);
  sqlite3_bind_int64 (version, 8, publish->base_version);
  if (!sluice_server_store_step_done (store, version, error))
    return FALSE;

  if (publish->idempotency_key != NULL)
    {
      key = sluice_server_store_prepare (store,
                                         "INSERT INTO idempotency_keys (key, workflow, digest, base_version,"
                                         " report_digest, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
      if (key == NULL)
        return FALSE;
      sqlite3_bind_text (key, 1, publish->idempotency_key, -1, SQLITE_STATIC);
      sqlite3_bind_text (key, 2, publish->workflow, -1, SQLITE_STATIC);
      sqlite3_bind_text (key, 3, digest, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (key, 4, publish->base_version);
      sluice_server_bind_text_or_null (key, 5, publish->report_digest);
      sqlite3_bind_int64 (key, 6, number);
      sqlite3_bind_text (key, 7, now, -1, SQLITE_STATIC);
      if (!sluice_server_store_step_done (store, key, error))
        return FALSE;
    }

  json_object_set_string_member (details, "digest", digest);
  json_object_set_int_member (details, "base_version", publish->base_version);
  return sluice_server_store_add_audit (store, actor, publish->workflow, "version_published", number,
                                        publish->report_digest, details, error);
}

/**
 * sluice_server_versions_publish:
 * @failure: filled with the extra members of the error body on failure
 *
 * Validates the YAML and stores it as the next version, if @publish's
 * base is still the latest. A retry with the same idempotency key and
 * the same request answers the version it made the first time.
 *
 * Returns: (transfer full): the version object, or %NULL with @error set
 */
JsonObject *
sluice_server_versions_publish (SluiceServerStore          *store,
                                const SluiceServerActor    *actor,
                                const SluiceServerPublish  *publish,
                                SluiceServerPublishFailure *failure,
                                GError                    **error)
{
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autofree char *digest = NULL;
  gint64 replayed = 0, latest;

  workflow = load_workflow (publish, failure, error);
  if (workflow == NULL)
    return NULL;
  digest = sluice_workflow_get_digest (workflow);

  if (!sluice_server_store_begin (store, error))
    return NULL;

  if (publish->idempotency_key != NULL
      && !check_idempotency_key (store, publish, digest, &replayed, error))
    goto fail;
  if (replayed > 0)
    {
      sluice_server_store_rollback (store);
      return sluice_server_versions_get (store, publish->workflow, replayed, FALSE, error);
    }

  if (publish->report_digest != NULL && !sluice_server_reports_exists (store, publish->report_digest))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_UNKNOWN_REPORT,
                   _("Sluice-Report names the report %s, which was not uploaded; upload it first"),
                   publish->report_digest);
      goto fail;
    }

  /* a report of another version would tell reviewers about something else */
  if (publish->report_digest != NULL)
    {
      g_autofree char *reviewed = sluice_server_reports_workflow_digest (store, publish->report_digest, error);

      if (reviewed == NULL)
        goto fail;
      if (!g_str_equal (reviewed, digest))
        {
          g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_UNKNOWN_REPORT,
                       _("The report %s reviewed another version of this workflow (%s, not %s); "
                         "save a report of this version and attach that"),
                       publish->report_digest, reviewed, digest);
          goto fail;
        }
    }

  latest = sluice_server_versions_latest (store, publish->workflow);
  if (publish->base_version != latest)
    {
      failure->current_version = latest;
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_STALE_BASE,
                   _("The version is based on version %" PRId64 " but the latest is %" PRId64
                     "; update to the latest version and publish again"),
                   publish->base_version, latest);
      goto fail;
    }

  if (!insert_version (store, actor, publish, digest, latest + 1, error)
      || !sluice_server_store_commit (store, error))
    goto fail;

  sluice_server_store_notify_changed (store, publish->workflow);
  return sluice_server_versions_get (store, publish->workflow, latest + 1, FALSE, error);

fail:
  sluice_server_store_rollback (store);
  return NULL;
}
