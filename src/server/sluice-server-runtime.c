/* sluice-server-runtime.c — runtime counters, the error budget and the status
 *
 * Counters arrive as increments from the executor (or a replay). Each
 * report is kept with its time, so the error rate is over a sliding
 * window; a breach pauses the workflow and marks the version as one that
 * rollback never goes back to.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-json.h"
#include "sluice-server-error.h"
#include "sluice-server-rollout-private.h"

typedef struct
{
  gint64 events;
  gint64 errors;
} WindowCounts;

static gboolean
window_counts (SluiceServerStore          *store,
               const SluiceServerRollout  *rollout,
               WindowCounts               *counts,
               GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 since = MAX (sluice_server_now_ms () - rollout->window_seconds * 1000, rollout->window_start_ms);

  counts->events = counts->errors = 0;
  stmt = sluice_server_store_prepare (store,
                                      "SELECT coalesce(sum(events), 0), coalesce(sum(errors), 0) FROM runtime_samples"
                                      " WHERE workflow = ? AND version = ? AND time_ms >= ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rollout->workflow, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rollout->version);
  sqlite3_bind_int64 (stmt, 3, since);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return sluice_server_store_set_error (store, error);
  counts->events = sqlite3_column_int64 (stmt, 0);
  counts->errors = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

static double
error_rate (const WindowCounts *counts)
{
  return counts->events > 0 ? (double) counts->errors / (double) counts->events : 0.0;
}

/* "7.5%" and "2%": one decimal, none when it is zero */
static char *
format_percent (double fraction)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double percent = fraction * 100.0;

  if (percent == (gint64) percent)
    g_ascii_formatd (buffer, sizeof buffer, "%.0f", percent);
  else
    g_ascii_formatd (buffer, sizeof buffer, "%.1f", percent);
  return g_strconcat (buffer, "%", NULL);
}

static char *
format_window (gint64 seconds)
{
  if (seconds % 3600 == 0)
    return g_strdup_printf (_("%" PRId64 " h"), seconds / 3600);
  if (seconds % 60 == 0)
    return g_strdup_printf (_("%" PRId64 " min"), seconds / 60);
  return g_strdup_printf (_("%" PRId64 " s"), seconds);
}

static gboolean
add_sample (SluiceServerStore          *store,
            const SluiceServerRollout  *rollout,
            const SluiceServerCounters *counters,
            GError                    **error)
{
  g_autoptr(sqlite3_stmt) sample = NULL;
  g_autoptr(sqlite3_stmt) totals = NULL;

  sample = sluice_server_store_prepare (store,
                                        "INSERT INTO runtime_samples (workflow, version, time_ms, events, actions, errors)"
                                        " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (sample == NULL)
    return FALSE;
  sqlite3_bind_text (sample, 1, rollout->workflow, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (sample, 2, rollout->version);
  sqlite3_bind_int64 (sample, 3, sluice_server_now_ms ());
  sqlite3_bind_int64 (sample, 4, counters->events);
  sqlite3_bind_int64 (sample, 5, counters->actions);
  sqlite3_bind_int64 (sample, 6, counters->errors);
  if (!sluice_server_store_step_done (store, sample, error))
    return FALSE;

  /* ran_events counts only what the version saw while rolled out */
  totals = sluice_server_store_prepare (store,
                                        "UPDATE versions SET events = events + ?, actions = actions + ?,"
                                        " errors = errors + ?, ran_events = ran_events + ?"
                                        " WHERE workflow = ? AND number = ?", error);
  if (totals == NULL)
    return FALSE;
  sqlite3_bind_int64 (totals, 1, counters->events);
  sqlite3_bind_int64 (totals, 2, counters->actions);
  sqlite3_bind_int64 (totals, 3, counters->errors);
  sqlite3_bind_int64 (totals, 4, rollout->mode != SLUICE_SERVER_MODE_DISABLED ? counters->events : 0);
  sqlite3_bind_text (totals, 5, rollout->workflow, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (totals, 6, rollout->version);
  return sluice_server_store_step_done (store, totals, error);
}

static gboolean
mark_breached (SluiceServerStore          *store,
               const SluiceServerRollout  *rollout,
               GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sluice_server_store_prepare (store,
                                      "UPDATE versions SET breached = 1 WHERE workflow = ? AND number = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rollout->workflow, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rollout->version);
  return sluice_server_store_step_done (store, stmt, error);
}

/* Pauses the workflow when the window's error rate is over budget. */
static gboolean
check_error_budget (SluiceServerStore        *store,
                    const SluiceServerActor  *actor,
                    SluiceServerRollout      *rollout,
                    GError                  **error)
{
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *window = NULL;
  WindowCounts counts;

  if (!rollout->auto_pause || rollout->paused || rollout->mode == SLUICE_SERVER_MODE_DISABLED)
    return TRUE;
  if (!window_counts (store, rollout, &counts, error))
    return FALSE;
  if (counts.events < MAX (rollout->min_events, 1) || error_rate (&counts) <= rollout->max_error_rate)
    return TRUE;

  rate = format_percent (error_rate (&counts));
  budget = format_percent (rollout->max_error_rate);
  window = format_window (rollout->window_seconds);
  g_free (rollout->paused_reason);
  rollout->paused_reason = g_strdup_printf (_("error budget breached: %s errors over %s (budget %s)"),
                                            rate, window, budget);
  rollout->paused = TRUE;

  details = json_object_new ();
  json_object_set_string_member (details, "reason", rollout->paused_reason);
  json_object_set_int_member (details, "events", counts.events);
  json_object_set_int_member (details, "errors", counts.errors);
  json_object_set_double_member (details, "error_rate", error_rate (&counts));
  json_object_set_object_member (details, "error_budget", sluice_server_rollout_error_budget_to_json (rollout));
  return mark_breached (store, rollout, error)
         && sluice_server_store_add_audit (store, actor, rollout->workflow, "auto_paused", rollout->version,
                                           NULL, details, error);
}

/**
 * sluice_server_runtime_record:
 *
 * Adds counters to the rolled-out version — also while paused or killed —
 * and pauses the workflow when its error budget breaks.
 */
gboolean
sluice_server_runtime_record (SluiceServerStore           *store,
                              const SluiceServerActor     *actor,
                              const char                  *workflow,
                              const SluiceServerCounters  *counters,
                              GError                     **error)
{
  g_auto(SluiceServerRollout) rollout = { 0 };

  if (!sluice_server_store_begin (store, error))
    return FALSE;
  if (!sluice_server_rollout_load (store, workflow, &rollout, error))
    goto fail;
  if (rollout.version == 0)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_TRANSITION,
                   _("Workflow “%s” has no version rolled out to count for"), workflow);
      goto fail;
    }

  if (!add_sample (store, &rollout, counters, error)
      || !check_error_budget (store, actor, &rollout, error))
    goto fail;

  /* the counters are part of the status: a new revision, same updated_at */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    stmt = sluice_server_store_prepare (store,
                                        "UPDATE workflows SET revision = revision + 1, paused = ?, paused_reason = ?"
                                        " WHERE name = ?", error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int (stmt, 1, rollout.paused);
    sluice_server_bind_text_or_null (stmt, 2, rollout.paused_reason);
    sqlite3_bind_text (stmt, 3, workflow, -1, SQLITE_STATIC);
    if (!sluice_server_store_step_done (store, stmt, error))
      goto fail;
  }

  if (!sluice_server_store_commit (store, error))
    goto fail;
  sluice_server_store_notify_changed (store, workflow);
  return TRUE;

fail:
  sluice_server_store_rollback (store);
  return FALSE;
}

static gboolean
version_counters (SluiceServerStore         *store,
                  const SluiceServerRollout *rollout,
                  SluiceServerCounters      *counters)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  counters->events = counters->actions = counters->errors = 0;
  stmt = sluice_server_store_prepare (store,
                                      "SELECT events, actions, errors FROM versions WHERE workflow = ? AND number = ?",
                                      NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rollout->workflow, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rollout->version);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      counters->events = sqlite3_column_int64 (stmt, 0);
      counters->actions = sqlite3_column_int64 (stmt, 1);
      counters->errors = sqlite3_column_int64 (stmt, 2);
    }
  return TRUE;
}

gint64
sluice_server_status_revision (SluiceServerStore *store,
                               const char        *workflow)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sluice_server_store_prepare (store, "SELECT revision FROM workflows WHERE name = ?", NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, workflow, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * sluice_server_status_get:
 *
 * The live status: counters are the rolled-out version's totals,
 * error_rate is over the current error window.
 */
JsonObject *
sluice_server_status_get (SluiceServerStore  *store,
                          const char         *workflow,
                          GError            **error)
{
  g_auto(SluiceServerRollout) rollout = { 0 };
  SluiceServerCounters totals;
  WindowCounts window;
  JsonObject *status, *counters, *window_object;

  if (!sluice_server_rollout_load (store, workflow, &rollout, error)
      || !window_counts (store, &rollout, &window, error))
    return NULL;
  version_counters (store, &rollout, &totals);

  status = json_object_new ();
  json_object_set_string_member (status, "workflow", rollout.workflow);
  json_object_set_int_member (status, "revision", rollout.revision);
  if (rollout.mode != SLUICE_SERVER_MODE_DISABLED && rollout.version > 0)
    json_object_set_int_member (status, "active_version", rollout.version);
  else
    json_object_set_null_member (status, "active_version");
  json_object_set_string_member (status, "mode", sluice_server_mode_to_string (rollout.mode));
  json_object_set_member (status, "canary", sluice_server_rollout_canary_to_json (&rollout));
  json_object_set_boolean_member (status, "paused", rollout.paused);
  if (rollout.paused_reason != NULL)
    json_object_set_string_member (status, "paused_reason", rollout.paused_reason);
  else
    json_object_set_null_member (status, "paused_reason");
  json_object_set_boolean_member (status, "kill_switch", sluice_server_kill_switch_engaged (store));

  counters = json_object_new ();
  json_object_set_int_member (counters, "events", totals.events);
  json_object_set_int_member (counters, "actions", totals.actions);
  json_object_set_int_member (counters, "errors", totals.errors);
  json_object_set_object_member (status, "counters", counters);
  json_object_set_double_member (status, "error_rate", error_rate (&window));

  /* an addition to the contract: what error_rate is computed over */
  window_object = json_object_new ();
  json_object_set_int_member (window_object, "events", window.events);
  json_object_set_int_member (window_object, "errors", window.errors);
  json_object_set_object_member (status, "window", window_object);

  json_object_set_object_member (status, "error_budget", sluice_server_rollout_error_budget_to_json (&rollout));
  json_object_set_string_member (status, "updated_at", rollout.updated_at);
  return status;
}
