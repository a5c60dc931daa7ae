/* sluice-server-audit.c — reading the audit trail
 *
 * Entries are written by each change, in its transaction
 * (sluice_server_store_add_audit); this file only reads them.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sluice-server-audit.h"

static JsonObject *
entry_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *entry = json_object_new ();
  const char *text_members[] = { NULL, "time", "actor", "role", "workflow", "action" };

  json_object_set_int_member (entry, "id", sqlite3_column_int64 (stmt, 0));
  for (int i = 1; i <= 5; i++)
    {
      if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
        json_object_set_null_member (entry, text_members[i]);
      else
        json_object_set_string_member (entry, text_members[i], sluice_server_column_text (stmt, i));
    }
  if (sqlite3_column_type (stmt, 6) == SQLITE_NULL)
    json_object_set_null_member (entry, "version");
  else
    json_object_set_int_member (entry, "version", sqlite3_column_int64 (stmt, 6));
  if (sqlite3_column_type (stmt, 7) == SQLITE_NULL)
    json_object_set_null_member (entry, "report_digest");
  else
    json_object_set_string_member (entry, "report_digest", sluice_server_column_text (stmt, 7));

  if (json_parser_load_from_data (parser, sluice_server_column_text (stmt, 8), -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    json_object_set_member (entry, "details", json_node_copy (json_parser_get_root (parser)));
  else
    json_object_set_object_member (entry, "details", json_object_new ());
  return entry;
}

/**
 * sluice_server_audit_list:
 * @workflow: (nullable): one workflow's entries, or every entry
 * @limit: at most this many (clamped to 1..SLUICE_SERVER_AUDIT_MAX_LIMIT)
 * @before: only entries with a smaller id; 0 for the newest
 *
 * Returns: (transfer full): entries, newest first
 */
JsonArray *
sluice_server_audit_list (SluiceServerStore  *store,
                          const char         *workflow,
                          gint64              limit,
                          gint64              before,
                          GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonArray) entries = json_array_new ();
  int rc;

  stmt = sluice_server_store_prepare (store,
                                      "SELECT id, time, actor, role, workflow, action, version, report_digest, details"
                                      " FROM audit WHERE (?1 IS NULL OR workflow = ?1) AND (?2 <= 0 OR id < ?2)"
                                      " ORDER BY id DESC LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  sluice_server_bind_text_or_null (stmt, 1, workflow);
  sqlite3_bind_int64 (stmt, 2, before);
  sqlite3_bind_int64 (stmt, 3, CLAMP (limit, 1, SLUICE_SERVER_AUDIT_MAX_LIMIT));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_object_element (entries, entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      sluice_server_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
