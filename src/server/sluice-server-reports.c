/* sluice-server-reports.c — impact reports uploaded to the control plane
 *
 * Reports are kept by the SHA-256 of their bytes, so a version can name
 * the exact report its author looked at.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-report.h"
#include "sluice-server-error.h"
#include "sluice-server-reports.h"

/* "sha256:" and 64 lowercase hex digits, nothing else. */
gboolean
sluice_server_reports_digest_is_valid (const char *digest)
{
  if (digest == NULL || !g_str_has_prefix (digest, "sha256:") || strlen (digest) != 7 + 64)
    return FALSE;
  for (const char *p = digest + 7; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

gboolean
sluice_server_reports_exists (SluiceServerStore *store,
                              const char        *digest)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sluice_server_store_prepare (store, "SELECT 1 FROM reports WHERE digest = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * sluice_server_reports_store:
 * @created: set to %FALSE when the same bytes were already stored
 *
 * Checks that @data is a report Sluice can open, then keeps it.
 *
 * Returns: (transfer full): {"digest", "title"}, or %NULL with @error set
 */
JsonObject *
sluice_server_reports_store (SluiceServerStore        *store,
                             const SluiceServerActor  *actor,
                             const char               *data,
                             gsize                     length,
                             gboolean                 *created,
                             GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SluiceReport) report = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *hex = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *title = NULL;
  g_autofree char *now = sluice_server_now ();
  JsonObject *answer;

  *created = FALSE;
  report = sluice_report_load_from_data (data, length, &local_error);
  if (report == NULL)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("The body is not an impact report: %s"), local_error->message);
      return NULL;
    }

  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  digest = g_strconcat ("sha256:", hex, NULL);
  title = sluice_report_get_title (report);
  if (title == NULL || !g_utf8_validate (title, -1, NULL))
    {
      g_free (title);
      title = g_strdup ("");
    }

  if (!sluice_server_store_begin (store, error))
    return NULL;
  if (!sluice_server_reports_exists (store, digest))
    {
      stmt = sluice_server_store_prepare (store,
                                          "INSERT INTO reports (digest, title, data, uploaded_by, created_at)"
                                          " VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 3, data, length, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, actor->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
      if (!sluice_server_store_step_done (store, stmt, error))
        goto fail;

      json_object_set_string_member (details, "title", title);
      json_object_set_int_member (details, "bytes", length);
      if (!sluice_server_store_add_audit (store, actor, NULL, "dry_run_recorded", 0, digest, details, error))
        goto fail;
      *created = TRUE;
    }
  if (!sluice_server_store_commit (store, error))
    goto fail;

  answer = json_object_new ();
  json_object_set_string_member (answer, "digest", digest);
  json_object_set_string_member (answer, "title", title);
  return answer;

fail:
  sluice_server_store_rollback (store);
  return NULL;
}

GBytes *
sluice_server_reports_get (SluiceServerStore  *store,
                           const char         *digest,
                           GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sluice_server_store_prepare (store, "SELECT data FROM reports WHERE digest = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_NOT_FOUND,
                   _("There is no report %s"), digest);
      return NULL;
    }
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

/**
 * sluice_server_reports_workflow_digest:
 *
 * Returns: (transfer full) (nullable): the digest of the workflow the
 *   stored report @digest reviewed, or %NULL with @error set
 */
char *
sluice_server_reports_workflow_digest (SluiceServerStore  *store,
                                       const char         *digest,
                                       GError            **error)
{
  g_autoptr(GBytes) bytes = sluice_server_reports_get (store, digest, error);
  g_autoptr(SluiceReport) report = NULL;
  gsize length;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  /* it was checked when it was uploaded */
  report = sluice_report_load_from_data (data, length, error);
  if (report == NULL)
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (sluice_report_get_workflow (report), "digest", ""));
}
