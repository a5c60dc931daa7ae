/* sluice-server-routes-rollout.c — rollout, runtime counters and status over HTTP
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-server-private.h"
#include "sluice-server-request.h"
#include "sluice-server-rollout.h"

#define SEGMENT_NAME_MAX 128
#define LONG_POLL_MAX_SECONDS 60

/* Answers the rollout, or the error with the current mode for
 * invalid_transition. */
static void
respond_rollout (SluiceServerRequest *request,
                 JsonObject          *rollout,
                 const GError        *error)
{
  g_autoptr(JsonObject) extra = NULL;

  if (rollout != NULL)
    {
      sluice_server_respond_json (request->msg, 200, rollout);
      return;
    }
  if (g_error_matches (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_TRANSITION))
    {
      g_autofree char *mode = sluice_server_rollout_get_mode (request->server->store, request->params[0]);

      extra = json_object_new ();
      json_object_set_string_member (extra, "mode", mode);
    }
  sluice_server_respond_error (request->msg, error, extra);
}

/* An empty body, or a JSON object with only @allowed members. */
static gboolean
read_optional_object (SluiceServerRequest  *request,
                      const char * const   *allowed,
                      JsonObject          **object,
                      GError              **error)
{
  if (g_bytes_get_size (request->body) == 0)
    {
      *object = json_object_new ();
      return TRUE;
    }
  return sluice_server_request_json (request, object, error)
         && sluice_server_check_members (*object, allowed, NULL, error);
}

static gboolean
segment_name_is_valid (const char *name)
{
  gsize length = strlen (name);

  if (length == 0 || length > SEGMENT_NAME_MAX)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (name[i]) && name[i] != '-' && name[i] != '_' && name[i] != '.')
      return FALSE;
  return TRUE;
}

static gboolean
read_error_budget (JsonObject                 *object,
                   SluiceServerRolloutChange  *change,
                   GError                    **error)
{
  static const char * const members[] = { "max_error_rate", "window_seconds", "min_events", NULL };
  g_autoptr(GError) local_error = NULL;
  JsonObject *budget = sluice_server_get_object_member (object, "error_budget", &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (budget == NULL)
    return TRUE;

  if (!sluice_server_check_members (budget, members, "error_budget.", error)
      || !sluice_server_get_double_member (budget, "max_error_rate", &change->has_max_error_rate,
                                           &change->max_error_rate, error)
      || !sluice_server_get_int_member (budget, "window_seconds", 1, 7 * 24 * 3600,
                                        &change->has_window_seconds, &change->window_seconds, error)
      || !sluice_server_get_int_member (budget, "min_events", 0, G_MAXINT32,
                                        &change->has_min_events, &change->min_events, error))
    return FALSE;

  if (change->has_max_error_rate && (change->max_error_rate < 0 || change->max_error_rate > 1))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("“error_budget.max_error_rate” must be between 0 and 1"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_rollout_change (JsonObject                 *object,
                     SluiceServerRolloutChange  *change,
                     GError                    **error)
{
  static const char * const members[] = {
    "mode", "version", "canary_percent", "canary_segment", "error_budget", "auto_pause", NULL
  };
  g_autofree char *mode = NULL;
  gboolean has_version = FALSE;

  if (!sluice_server_check_members (object, members, NULL, error)
      || !sluice_server_get_string_member (object, "mode", &mode, error)
      || !sluice_server_get_int_member (object, "version", 1, G_MAXINT32, &has_version, &change->version, error)
      || !sluice_server_get_double_member (object, "canary_percent", &change->has_canary_percent,
                                           &change->canary_percent, error)
      || !sluice_server_get_string_member (object, "canary_segment", &change->canary_segment, error)
      || !sluice_server_get_boolean_member (object, "auto_pause", &change->has_auto_pause, &change->auto_pause, error)
      || !read_error_budget (object, change, error))
    return FALSE;

  if (mode == NULL)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST, _("“mode” is required"));
      return FALSE;
    }
  if (!sluice_server_mode_from_string (mode, &change->mode))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("“mode” must be disabled, shadow, canary or full"));
      return FALSE;
    }
  if (change->has_canary_percent && !(change->canary_percent > 0 && change->canary_percent <= 100))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("“canary_percent” must be more than 0 and at most 100"));
      return FALSE;
    }
  if (change->canary_segment != NULL && !segment_name_is_valid (change->canary_segment))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("“canary_segment” must be 1 to 128 letters, digits, dots, dashes and underscores"));
      return FALSE;
    }
  return TRUE;
}

void
sluice_server_handle_rollout_get (SluiceServerRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) rollout = sluice_server_rollout_get (request->server->store, request->params[0], &error);

  respond_rollout (request, rollout, error);
}

void
sluice_server_handle_rollout_put (SluiceServerRequest *request)
{
  g_auto(SluiceServerRolloutChange) change = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) rollout = NULL;

  if (!sluice_server_request_json (request, &object, &error)
      || !read_rollout_change (object, &change, &error))
    {
      sluice_server_respond_error (request->msg, error, NULL);
      return;
    }
  rollout = sluice_server_rollout_set (request->server->store, &request->actor, request->params[0], &change, &error);
  respond_rollout (request, rollout, error);
}

void
sluice_server_handle_promote (SluiceServerRequest *request)
{
  static const char * const none[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) rollout = NULL;

  if (read_optional_object (request, none, &object, &error))
    rollout = sluice_server_rollout_promote (request->server->store, &request->actor, request->params[0], &error);
  respond_rollout (request, rollout, error);
}

void
sluice_server_handle_pause (SluiceServerRequest *request)
{
  static const char * const members[] = { "reason", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) rollout = NULL;
  g_autofree char *reason = NULL;

  if (read_optional_object (request, members, &object, &error)
      && sluice_server_get_string_member (object, "reason", &reason, &error))
    rollout = sluice_server_rollout_pause (request->server->store, &request->actor, request->params[0],
                                           reason, &error);
  respond_rollout (request, rollout, error);
}

void
sluice_server_handle_resume (SluiceServerRequest *request)
{
  static const char * const none[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) rollout = NULL;

  if (read_optional_object (request, none, &object, &error))
    rollout = sluice_server_rollout_resume (request->server->store, &request->actor, request->params[0], &error);
  respond_rollout (request, rollout, error);
}

void
sluice_server_handle_rollback (SluiceServerRequest *request)
{
  static const char * const none[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) rollout = NULL;

  if (read_optional_object (request, none, &object, &error))
    rollout = sluice_server_rollout_rollback (request->server->store, &request->actor, request->params[0], &error);
  respond_rollout (request, rollout, error);
}

/* Answers the status after recording, so a replay sees auto-pause at once. */
void
sluice_server_handle_runtime (SluiceServerRequest *request)
{
  static const char * const members[] = { "events", "actions", "errors", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) status = NULL;
  SluiceServerCounters counters = { 0 };
  gboolean present;

  if (!sluice_server_request_json (request, &object, &error)
      || !sluice_server_check_members (object, members, NULL, &error)
      || !sluice_server_get_int_member (object, "events", 0, G_MAXINT32, &present, &counters.events, &error)
      || !sluice_server_get_int_member (object, "actions", 0, G_MAXINT32, &present, &counters.actions, &error)
      || !sluice_server_get_int_member (object, "errors", 0, G_MAXINT32, &present, &counters.errors, &error))
    {
      sluice_server_respond_error (request->msg, error, NULL);
      return;
    }

  if (!sluice_server_runtime_record (request->server->store, &request->actor, request->params[0], &counters, &error)
      || (status = sluice_server_status_get (request->server->store, request->params[0], &error)) == NULL)
    {
      respond_rollout (request, NULL, error);
      return;
    }
  sluice_server_respond_json (request->msg, 200, status);
}

/* ?after=REVISION&wait=SECONDS: a long poll that answers on the next
 * change, or after @wait seconds with the same status. */
void
sluice_server_handle_status (SluiceServerRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) status = NULL;
  const char *after_text = sluice_server_request_query (request, "after");
  const char *wait_text = sluice_server_request_query (request, "wait");
  gint64 after = -1, wait = 0;

  if (after_text != NULL && !sluice_server_parse_count (after_text, 0, G_MAXINT64, &after))
    {
      sluice_server_respond_problem (request->msg, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                                     _("“after” must be a revision: a whole number from 0"));
      return;
    }
  if (wait_text != NULL && !sluice_server_parse_count (wait_text, 0, LONG_POLL_MAX_SECONDS, &wait))
    {
      sluice_server_respond_problem (request->msg, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                                     _("“wait” must be a whole number of seconds from 0 to 60"));
      return;
    }

  status = sluice_server_status_get (request->server->store, request->params[0], &error);
  if (status == NULL)
    {
      sluice_server_respond_error (request->msg, error, NULL);
      return;
    }

  if (after >= 0 && wait > 0 && json_object_get_int_member (status, "revision") <= after)
    {
      sluice_server_long_poll_add (request->server, request->msg, request->params[0], after, wait);
      return;
    }
  sluice_server_respond_json (request->msg, 200, status);
}
