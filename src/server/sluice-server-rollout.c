/* sluice-server-rollout.c — the rollout state machine
 *
 * disabled ⇄ shadow ⇄ canary → full, with pause, resume and rollback on
 * the side. Every change bumps the workflow's status revision and writes
 * its audit entry in the same transaction.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-server-error.h"
#include "sluice-server-rollout-private.h"
#include "sluice-server-versions.h"

static const char * const mode_names[] = {
  [SLUICE_SERVER_MODE_DISABLED] = "disabled",
  [SLUICE_SERVER_MODE_SHADOW]   = "shadow",
  [SLUICE_SERVER_MODE_CANARY]   = "canary",
  [SLUICE_SERVER_MODE_FULL]     = "full",
};

#define ROLLOUT_COLUMNS \
  "name, revision, mode, version, canary_percent, canary_segment, max_error_rate, window_seconds," \
  " min_events, auto_pause, paused, paused_reason, paused_by_kill_switch, window_start_ms," \
  " updated_at, updated_by"

const char *
sluice_server_mode_to_string (SluiceServerMode mode)
{
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (mode_names), "disabled");
  return mode_names[mode];
}

gboolean
sluice_server_mode_from_string (const char       *text,
                                SluiceServerMode *mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (mode_names); i++)
    if (g_strcmp0 (text, mode_names[i]) == 0)
      {
        *mode = i;
        return TRUE;
      }
  return FALSE;
}

void
sluice_server_rollout_change_clear (SluiceServerRolloutChange *change)
{
  g_clear_pointer (&change->canary_segment, g_free);
}

void
sluice_server_rollout_clear (SluiceServerRollout *rollout)
{
  g_clear_pointer (&rollout->workflow, g_free);
  g_clear_pointer (&rollout->canary_segment, g_free);
  g_clear_pointer (&rollout->paused_reason, g_free);
  g_clear_pointer (&rollout->updated_at, g_free);
  g_clear_pointer (&rollout->updated_by, g_free);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           index)
{
  return g_strdup (sluice_server_column_text (stmt, index));
}

/* Fails with not_found for a workflow nobody published yet. */
gboolean
sluice_server_rollout_load (SluiceServerStore    *store,
                            const char           *workflow,
                            SluiceServerRollout  *rollout,
                            GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = sluice_server_store_prepare (store, "SELECT " ROLLOUT_COLUMNS " FROM workflows WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, workflow, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_NOT_FOUND,
                   _("There is no workflow “%s”; publish a version first"), workflow);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return sluice_server_store_set_error (store, error);

  sluice_server_rollout_clear (rollout);
  rollout->workflow = column_dup (stmt, 0);
  rollout->revision = sqlite3_column_int64 (stmt, 1);
  if (!sluice_server_mode_from_string (sluice_server_column_text (stmt, 2), &rollout->mode))
    rollout->mode = SLUICE_SERVER_MODE_DISABLED;
  rollout->version = sqlite3_column_int64 (stmt, 3);
  rollout->has_canary_percent = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
  rollout->canary_percent = sqlite3_column_double (stmt, 4);
  rollout->canary_segment = column_dup (stmt, 5);
  rollout->max_error_rate = sqlite3_column_double (stmt, 6);
  rollout->window_seconds = sqlite3_column_int64 (stmt, 7);
  rollout->min_events = sqlite3_column_int64 (stmt, 8);
  rollout->auto_pause = sqlite3_column_int (stmt, 9) != 0;
  rollout->paused = sqlite3_column_int (stmt, 10) != 0;
  rollout->paused_reason = column_dup (stmt, 11);
  rollout->paused_by_kill_switch = sqlite3_column_int (stmt, 12) != 0;
  rollout->window_start_ms = sqlite3_column_int64 (stmt, 13);
  rollout->updated_at = column_dup (stmt, 14);
  rollout->updated_by = column_dup (stmt, 15);
  return TRUE;
}

/* Writes the row back as a new revision of the workflow's status. */
gboolean
sluice_server_rollout_save (SluiceServerStore          *store,
                            const SluiceServerActor    *actor,
                            SluiceServerRollout        *rollout,
                            GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_free (rollout->updated_at);
  rollout->updated_at = sluice_server_now ();
  g_free (rollout->updated_by);
  rollout->updated_by = g_strdup (actor->name);
  rollout->revision++;

  stmt = sluice_server_store_prepare (store,
                                      "UPDATE workflows SET revision = ?, mode = ?, version = ?, canary_percent = ?,"
                                      " canary_segment = ?, max_error_rate = ?, window_seconds = ?, min_events = ?,"
                                      " auto_pause = ?, paused = ?, paused_reason = ?, paused_by_kill_switch = ?,"
                                      " window_start_ms = ?, updated_at = ?, updated_by = ? WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rollout->revision);
  sqlite3_bind_text (stmt, 2, sluice_server_mode_to_string (rollout->mode), -1, SQLITE_STATIC);
  sluice_server_bind_version_or_null (stmt, 3, rollout->version);
  if (rollout->has_canary_percent)
    sqlite3_bind_double (stmt, 4, rollout->canary_percent);
  else
    sqlite3_bind_null (stmt, 4);
  sluice_server_bind_text_or_null (stmt, 5, rollout->canary_segment);
  sqlite3_bind_double (stmt, 6, rollout->max_error_rate);
  sqlite3_bind_int64 (stmt, 7, rollout->window_seconds);
  sqlite3_bind_int64 (stmt, 8, rollout->min_events);
  sqlite3_bind_int (stmt, 9, rollout->auto_pause);
  sqlite3_bind_int (stmt, 10, rollout->paused);
  sluice_server_bind_text_or_null (stmt, 11, rollout->paused_reason);
  sqlite3_bind_int (stmt, 12, rollout->paused_by_kill_switch);
  sqlite3_bind_int64 (stmt, 13, rollout->window_start_ms);
  sqlite3_bind_text (stmt, 14, rollout->updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, rollout->updated_by, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, rollout->workflow, -1, SQLITE_STATIC);
  return sluice_server_store_step_done (store, stmt, error);
}

JsonNode *
sluice_server_rollout_canary_to_json (const SluiceServerRollout *rollout)
{
  JsonObject *canary;
  JsonNode *node;

  if (rollout->mode != SLUICE_SERVER_MODE_CANARY
      || (!rollout->has_canary_percent && rollout->canary_segment == NULL))
    return json_node_new (JSON_NODE_NULL);

  canary = json_object_new ();
  if (rollout->canary_segment != NULL)
    json_object_set_string_member (canary, "segment", rollout->canary_segment);
  else
    json_object_set_double_member (canary, "percent", rollout->canary_percent);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, canary);
  return node;
}

JsonObject *
sluice_server_rollout_error_budget_to_json (const SluiceServerRollout *rollout)
{
  JsonObject *budget = json_object_new ();

  json_object_set_double_member (budget, "max_error_rate", rollout->max_error_rate);
  json_object_set_int_member (budget, "window_seconds", rollout->window_seconds);
  json_object_set_int_member (budget, "min_events", rollout->min_events);
  return budget;
}

/* The newest version other than the current one that ran (saw events
 * while rolled out) and never breached its error budget; 0 for none. */
gint64
sluice_server_rollout_last_good_version (SluiceServerStore         *store,
                                         const SluiceServerRollout *rollout)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sluice_server_store_prepare (store,
                                      "SELECT coalesce(max(number), 0) FROM versions WHERE workflow = ?"
                                      " AND number != ? AND ran_events > 0 AND breached = 0", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, rollout->workflow, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rollout->version);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

static void
set_version_or_null (JsonObject *object,
                     const char *member,
                     gint64      version)
{
  if (version > 0)
    json_object_set_int_member (object, member, version);
  else
    json_object_set_null_member (object, member);
}

static JsonObject *
rollout_to_json (SluiceServerStore         *store,
                 const SluiceServerRollout *rollout)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "workflow", rollout->workflow);
  json_object_set_string_member (object, "mode", sluice_server_mode_to_string (rollout->mode));
  set_version_or_null (object, "version", rollout->version);
  json_object_set_member (object, "canary", sluice_server_rollout_canary_to_json (rollout));
  json_object_set_object_member (object, "error_budget", sluice_server_rollout_error_budget_to_json (rollout));
  json_object_set_boolean_member (object, "auto_pause", rollout->auto_pause);
  json_object_set_boolean_member (object, "paused", rollout->paused);
  if (rollout->paused_reason != NULL)
    json_object_set_string_member (object, "paused_reason", rollout->paused_reason);
  else
    json_object_set_null_member (object, "paused_reason");
  set_version_or_null (object, "last_good_version", sluice_server_rollout_last_good_version (store, rollout));
  json_object_set_string_member (object, "updated_at", rollout->updated_at);
  json_object_set_string_member (object, "updated_by", rollout->updated_by);
  return object;
}

JsonObject *
sluice_server_rollout_get (SluiceServerStore  *store,
                           const char         *workflow,
                           GError            **error)
{
  g_auto(SluiceServerRollout) rollout = { 0 };

  if (!sluice_server_rollout_load (store, workflow, &rollout, error))
    return NULL;
  return rollout_to_json (store, &rollout);
}

char *
sluice_server_rollout_get_mode (SluiceServerStore *store,
                                const char        *workflow)
{
  g_auto(SluiceServerRollout) rollout = { 0 };

  if (!sluice_server_rollout_load (store, workflow, &rollout, NULL))
    return g_strdup ("disabled");
  return g_strdup (sluice_server_mode_to_string (rollout.mode));
}

static gboolean
transition_allowed (SluiceServerMode from,
                    SluiceServerMode to)
{
  switch (to)
    {
    case SLUICE_SERVER_MODE_DISABLED:
    case SLUICE_SERVER_MODE_SHADOW:
      return TRUE;
    case SLUICE_SERVER_MODE_CANARY:
      return from != SLUICE_SERVER_MODE_DISABLED;
    case SLUICE_SERVER_MODE_FULL:
      return from == SLUICE_SERVER_MODE_CANARY;
    default:
      return FALSE;
    }
}

static gboolean
check_kill_switch (SluiceServerStore  *store,
                   SluiceServerMode    mode,
                   GError            **error)
{
  if (mode == SLUICE_SERVER_MODE_DISABLED || !sluice_server_kill_switch_engaged (store))
    return TRUE;
  g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_KILL_SWITCH,
               _("The global kill switch is engaged: nothing can be enabled until an admin releases it"));
  return FALSE;
}

/* Commits the change with its audit entry and answers the new rollout. */
static JsonObject *
finish_change (SluiceServerStore       *store,
               const SluiceServerActor *actor,
               SluiceServerRollout     *rollout,
               const char              *action,
               JsonObject              *details,
               GError                 **error)
{
  if (!sluice_server_rollout_save (store, actor, rollout, error)
      || !sluice_server_store_add_audit (store, actor, rollout->workflow, action, rollout->version, NULL,
                                         details, error)
      || !sluice_server_store_commit (store, error))
    {
      sluice_server_store_rollback (store);
      return NULL;
    }
  sluice_server_store_notify_changed (store, rollout->workflow);
  return rollout_to_json (store, rollout);
}

static gboolean
begin_and_load (SluiceServerStore    *store,
                const char           *workflow,
                SluiceServerRollout  *rollout,
                GError              **error)
{
  if (!sluice_server_store_begin (store, error))
    return FALSE;
  if (!sluice_server_rollout_load (store, workflow, rollout, error))
    {
      sluice_server_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
fail (SluiceServerStore *store)
{
  sluice_server_store_rollback (store);
  return FALSE;
}

static gboolean
apply_mode (SluiceServerStore               *store,
            SluiceServerRollout             *rollout,
            const SluiceServerRolloutChange *change,
            GError                         **error)
{
  gint64 version = change->version > 0 ? change->version : rollout->version;

  if (version == 0)
    version = sluice_server_versions_latest (store, rollout->workflow);
  if (version == 0 || !sluice_server_versions_exists (store, rollout->workflow, version))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_NOT_FOUND,
                   _("Workflow “%s” has no version %" PRId64 "; only published versions can be rolled out"),
                   rollout->workflow, version);
      return FALSE;
    }

  if (!check_kill_switch (store, change->mode, error))
    return FALSE;

  if (!transition_allowed (rollout->mode, change->mode))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_TRANSITION,
                   _("Cannot go from %s to %s: %s"),
                   sluice_server_mode_to_string (rollout->mode), sluice_server_mode_to_string (change->mode),
                   change->mode == SLUICE_SERVER_MODE_FULL ? _("full comes only after a canary (promote it)")
                                                           : _("a canary comes after shadow"));
      return FALSE;
    }

  /* a new version starts a new error window: the old one's errors are not its own */
  if (version != rollout->version)
    rollout->window_start_ms = sluice_server_now_ms ();
  rollout->version = version;
  rollout->mode = change->mode;

  g_clear_pointer (&rollout->canary_segment, g_free);
  rollout->has_canary_percent = change->mode == SLUICE_SERVER_MODE_CANARY && change->has_canary_percent;
  rollout->canary_percent = rollout->has_canary_percent ? change->canary_percent : 0;
  if (change->mode == SLUICE_SERVER_MODE_CANARY)
    rollout->canary_segment = g_strdup (change->canary_segment);
  return TRUE;
}

static JsonObject *
change_details (SluiceServerMode     from_mode,
                gint64               from_version,
                SluiceServerRollout *rollout)
{
  JsonObject *details = json_object_new ();

  json_object_set_string_member (details, "from_mode", sluice_server_mode_to_string (from_mode));
  json_object_set_string_member (details, "to_mode", sluice_server_mode_to_string (rollout->mode));
  set_version_or_null (details, "from_version", from_version);
  set_version_or_null (details, "to_version", rollout->version);
  json_object_set_member (details, "canary", sluice_server_rollout_canary_to_json (rollout));
  return details;
}

/**
 * sluice_server_rollout_set:
 *
 * Applies a PUT of the rollout: checks the values (invalid_request), the
 * version (not_found), the kill switch (kill_switch) and the transition
 * (invalid_transition), in that order.
 */
JsonObject *
sluice_server_rollout_set (SluiceServerStore               *store,
                           const SluiceServerActor         *actor,
                           const char                      *workflow,
                           const SluiceServerRolloutChange *change,
                           GError                         **error)
{
  g_auto(SluiceServerRollout) rollout = { 0 };
  g_autoptr(JsonObject) details = NULL;
  SluiceServerMode from_mode;
  gint64 from_version;

  if (change->mode == SLUICE_SERVER_MODE_CANARY && change->has_canary_percent == (change->canary_segment != NULL))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("A canary needs exactly one of canary_percent and canary_segment"));
      return NULL;
    }
  if (change->mode != SLUICE_SERVER_MODE_CANARY && (change->has_canary_percent || change->canary_segment != NULL))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("%s is only for mode canary"),
                   change->has_canary_percent ? "canary_percent" : "canary_segment");
      return NULL;
    }

  if (!begin_and_load (store, workflow, &rollout, error))
    return NULL;

  from_mode = rollout.mode;
  from_version = rollout.version;
  if (!apply_mode (store, &rollout, change, error))
    {
      fail (store);
      return NULL;
    }

  if (change->has_max_error_rate)
    rollout.max_error_rate = change->max_error_rate;
  if (change->has_window_seconds)
    rollout.window_seconds = change->window_seconds;
  if (change->has_min_events)
    rollout.min_events = change->min_events;
  if (change->has_auto_pause)
    rollout.auto_pause = change->auto_pause;

  details = change_details (from_mode, from_version, &rollout);
  json_object_set_object_member (details, "error_budget", sluice_server_rollout_error_budget_to_json (&rollout));
  json_object_set_boolean_member (details, "auto_pause", rollout.auto_pause);
  return finish_change (store, actor, &rollout, "rollout_changed", details, error);
}

JsonObject *
sluice_server_rollout_promote (SluiceServerStore       *store,
                               const SluiceServerActor *actor,
                               const char              *workflow,
                               GError                 **error)
{
  g_auto(SluiceServerRollout) rollout = { 0 };
  g_autoptr(JsonObject) details = NULL;

  if (!begin_and_load (store, workflow, &rollout, error))
    return NULL;

  if (!check_kill_switch (store, SLUICE_SERVER_MODE_FULL, error))
    {
      fail (store);
      return NULL;
    }
  if (rollout.mode != SLUICE_SERVER_MODE_CANARY)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_TRANSITION,
                   _("Only a canary can be promoted; the workflow is in mode %s"),
                   sluice_server_mode_to_string (rollout.mode));
      fail (store);
      return NULL;
    }

  details = change_details (rollout.mode, rollout.version, &rollout);
  rollout.mode = SLUICE_SERVER_MODE_FULL;
  rollout.has_canary_percent = FALSE;
  g_clear_pointer (&rollout.canary_segment, g_free);
  json_object_set_string_member (details, "to_mode", "full");
  return finish_change (store, actor, &rollout, "promoted", details, error);
}

JsonObject *
sluice_server_rollout_pause (SluiceServerStore       *store,
                             const SluiceServerActor *actor,
                             const char              *workflow,
                             const char              *reason,
                             GError                 **error)
{
  g_auto(SluiceServerRollout) rollout = { 0 };
  g_autoptr(JsonObject) details = json_object_new ();

  if (!begin_and_load (store, workflow, &rollout, error))
    return NULL;

  g_free (rollout.paused_reason);
  rollout.paused_reason = reason != NULL ? g_strdup (reason)
                                         : g_strdup_printf (_("paused by %s"), actor->name);
  rollout.paused = TRUE;
  json_object_set_string_member (details, "reason", rollout.paused_reason);
  return finish_change (store, actor, &rollout, "paused", details, error);
}

JsonObject *
sluice_server_rollout_resume (SluiceServerStore       *store,
                              const SluiceServerActor *actor,
                              const char              *workflow,
                              GError                 **error)
{
  g_auto(SluiceServerRollout) rollout = { 0 };
  g_autoptr(JsonObject) details = json_object_new ();

  if (!begin_and_load (store, workflow, &rollout, error))
    return NULL;
  if (!check_kill_switch (store, rollout.mode, error))
    {
      fail (store);
      return NULL;
    }

  if (rollout.paused_reason != NULL)
    json_object_set_string_member (details, "previous_reason", rollout.paused_reason);
  rollout.paused = FALSE;
  rollout.paused_by_kill_switch = FALSE;
  g_clear_pointer (&rollout.paused_reason, g_free);
  rollout.window_start_ms = sluice_server_now_ms ();
  return finish_change (store, actor, &rollout, "resumed", details, error);
}

/**
 * sluice_server_rollout_rollback:
 *
 * Goes back to the last good version in the same mode and canary size,
 * unpaused, with a fresh error window.
 */
JsonObject *
sluice_server_rollout_rollback (SluiceServerStore       *store,
                                const SluiceServerActor *actor,
                                const char              *workflow,
                                GError                 **error)
{
  g_auto(SluiceServerRollout) rollout = { 0 };
  g_autoptr(JsonObject) details = json_object_new ();
  gint64 good;

  if (!begin_and_load (store, workflow, &rollout, error))
    return NULL;

  good = sluice_server_rollout_last_good_version (store, &rollout);
  if (good == 0)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_NO_GOOD_VERSION,
                   _("No other version of “%s” ran without breaching its error budget; there is nothing to roll back to"),
                   workflow);
      fail (store);
      return NULL;
    }
  if (!check_kill_switch (store, rollout.mode, error))
    {
      fail (store);
      return NULL;
    }

  set_version_or_null (details, "from_version", rollout.version);
  json_object_set_int_member (details, "to_version", good);
  json_object_set_string_member (details, "mode", sluice_server_mode_to_string (rollout.mode));
  rollout.version = good;
  rollout.paused = FALSE;
  rollout.paused_by_kill_switch = FALSE;
  g_clear_pointer (&rollout.paused_reason, g_free);
  rollout.window_start_ms = sluice_server_now_ms ();
  return finish_change (store, actor, &rollout, "rolled_back", details, error);
}

JsonArray *
sluice_server_workflows_list (SluiceServerStore  *store,
                              GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonArray) workflows = json_array_new ();
  int rc;

  stmt = sluice_server_store_prepare (store,
                                      "SELECT name, (SELECT max(number) FROM versions WHERE workflow = name),"
                                      " mode, version, paused FROM workflows ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *object = json_object_new ();
      const char *mode = sluice_server_column_text (stmt, 2);

      json_object_set_string_member (object, "name", sluice_server_column_text (stmt, 0));
      json_object_set_int_member (object, "latest_version", sqlite3_column_int64 (stmt, 1));
      set_version_or_null (object, "active_version",
                           g_strcmp0 (mode, "disabled") != 0 ? sqlite3_column_int64 (stmt, 3) : 0);
      json_object_set_string_member (object, "mode", mode);
      json_object_set_boolean_member (object, "paused", sqlite3_column_int (stmt, 4) != 0);
      json_array_add_object_element (workflows, object);
    }
  if (rc != SQLITE_DONE)
    {
      sluice_server_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&workflows);
}
