/* sluice-server-kill-switch.c — the global kill switch
 *
 * Engaging it pauses every workflow that is not paused already and
 * remembers which ones it paused, so releasing it resumes only those.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sluice-server-error.h"
#include "sluice-server-rollout.h"

gboolean
sluice_server_kill_switch_engaged (SluiceServerStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sluice_server_store_prepare (store, "SELECT engaged FROM kill_switch WHERE id = 1", NULL);
  /* a database that cannot answer is treated as engaged: fail safe */
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  return sqlite3_column_int (stmt, 0) != 0;
}

JsonObject *
sluice_server_kill_switch_get (SluiceServerStore  *store,
                               GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonObject *object;

  stmt = sluice_server_store_prepare (store,
                                      "SELECT engaged, reason, updated_at, updated_by FROM kill_switch WHERE id = 1",
                                      error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sluice_server_store_set_error (store, error);
      return NULL;
    }

  object = json_object_new ();
  json_object_set_boolean_member (object, "engaged", sqlite3_column_int (stmt, 0) != 0);
  for (int i = 1; i <= 3; i++)
    {
      const char *names[] = { NULL, "reason", "updated_at", "updated_by" };

      if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
        json_object_set_null_member (object, names[i]);
      else
        json_object_set_string_member (object, names[i], sluice_server_column_text (stmt, i));
    }
  return object;
}

static gboolean
pause_or_release_workflows (SluiceServerStore  *store,
                            gboolean            engaged,
                            const char         *reason,
                            const char         *now,
                            const char         *actor,
                            GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) touch = NULL;
  g_autofree char *paused_reason = NULL;

  if (engaged)
    {
      paused_reason = reason != NULL ? g_strdup_printf (_("kill switch engaged: %s"), reason)
                                     : g_strdup (_("kill switch engaged"));
      stmt = sluice_server_store_prepare (store,
                                          "UPDATE workflows SET paused = 1, paused_reason = ?,"
                                          " paused_by_kill_switch = 1 WHERE paused = 0", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, paused_reason, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = sluice_server_store_prepare (store,
                                          "UPDATE workflows SET paused = 0, paused_reason = NULL,"
                                          " paused_by_kill_switch = 0 WHERE paused_by_kill_switch = 1", error);
      if (stmt == NULL)
        return FALSE;
    }
  if (!sluice_server_store_step_done (store, stmt, error))
    return FALSE;

  /* every status shows the kill switch: every revision moves */
  touch = sluice_server_store_prepare (store,
                                       "UPDATE workflows SET revision = revision + 1, updated_at = ?, updated_by = ?",
                                       error);
  if (touch == NULL)
    return FALSE;
  sqlite3_bind_text (touch, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (touch, 2, actor, -1, SQLITE_STATIC);
  return sluice_server_store_step_done (store, touch, error);
}

JsonObject *
sluice_server_kill_switch_set (SluiceServerStore        *store,
                               const SluiceServerActor  *actor,
                               gboolean                  engaged,
                               const char               *reason,
                               GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *now = sluice_server_now ();
  gboolean was_engaged;

  if (!sluice_server_store_begin (store, error))
    return NULL;
  was_engaged = sluice_server_kill_switch_engaged (store);

  stmt = sluice_server_store_prepare (store,
                                      "UPDATE kill_switch SET engaged = ?, reason = ?, updated_at = ?, updated_by = ?"
                                      " WHERE id = 1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, engaged);
  sluice_server_bind_text_or_null (stmt, 2, engaged ? reason : NULL);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, actor->name, -1, SQLITE_STATIC);
  if (!sluice_server_store_step_done (store, stmt, error))
    goto fail;

  if (engaged != was_engaged
      && !pause_or_release_workflows (store, engaged, reason, now, actor->name, error))
    goto fail;

  if (reason != NULL)
    json_object_set_string_member (details, "reason", reason);
  json_object_set_boolean_member (details, "was_engaged", was_engaged);
  if (!sluice_server_store_add_audit (store, actor, NULL,
                                      engaged ? "kill_switch_engaged" : "kill_switch_released",
                                      0, NULL, details, error)
      || !sluice_server_store_commit (store, error))
    goto fail;

  sluice_server_store_notify_changed (store, NULL);
  return sluice_server_kill_switch_get (store, error);

fail:
  sluice_server_store_rollback (store);
  return NULL;
}
