/* sluice-server-routes.c — the protocol's routes, and the small handlers
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sluice-server-audit.h"
#include "sluice-server-private.h"
#include "sluice-server-reports.h"
#include "sluice-server-request.h"
#include "sluice-server-rollout.h"

#define VIEWER    SLUICE_SERVER_ROLE_VIEWER
#define AUTHOR    SLUICE_SERVER_ROLE_AUTHOR
#define PUBLISHER SLUICE_SERVER_ROLE_PUBLISHER
#define ADMIN     SLUICE_SERVER_ROLE_ADMIN
#define JSON      SLUICE_SERVER_LIMIT_JSON

static const SluiceServerRoute routes[] = {
  { "GET",  "health",                            SLUICE_SERVER_ROLE_NONE, JSON, sluice_server_handle_health },
  { "GET",  "whoami",                            VIEWER,    JSON, sluice_server_handle_whoami },
  { "GET",  "workflows",                         VIEWER,    JSON, sluice_server_handle_workflows },
  { "GET",  "workflows/{name}/versions",         VIEWER,    JSON, sluice_server_handle_versions },
  { "POST", "workflows/{name}/versions",         AUTHOR,    SLUICE_SERVER_LIMIT_YAML, sluice_server_handle_publish },
  { "GET",  "workflows/{name}/versions/{n}",     VIEWER,    JSON, sluice_server_handle_version },
  { "POST", "workflows/{name}/versions/{n}/run-test", AUTHOR, SLUICE_SERVER_LIMIT_REPORT, sluice_server_handle_run_test },
  { "GET",  "workflows/{name}/rollout",          VIEWER,    JSON, sluice_server_handle_rollout_get },
  { "PUT",  "workflows/{name}/rollout",          PUBLISHER, JSON, sluice_server_handle_rollout_put },
  { "POST", "workflows/{name}/rollout/promote",  PUBLISHER, JSON, sluice_server_handle_promote },
  { "POST", "workflows/{name}/rollout/pause",    PUBLISHER, JSON, sluice_server_handle_pause },
  { "POST", "workflows/{name}/rollout/resume",   PUBLISHER, JSON, sluice_server_handle_resume },
  { "POST", "workflows/{name}/rollout/rollback", PUBLISHER, JSON, sluice_server_handle_rollback },
  { "POST", "workflows/{name}/runtime",          PUBLISHER, JSON, sluice_server_handle_runtime },
  { "GET",  "workflows/{name}/status",           VIEWER,    JSON, sluice_server_handle_status },
  { "GET",  "workflows/{name}/audit",            VIEWER,    JSON, sluice_server_handle_audit },
  { "GET",  "audit",                             VIEWER,    JSON, sluice_server_handle_audit },
  { "POST", "reports",                           AUTHOR,    SLUICE_SERVER_LIMIT_REPORT, sluice_server_handle_report_upload },
  { "GET",  "reports/{digest}",                  VIEWER,    JSON, sluice_server_handle_report_get },
  { "GET",  "kill-switch",                       VIEWER,    JSON, sluice_server_handle_kill_switch_get },
  { "PUT",  "kill-switch",                       ADMIN,     JSON, sluice_server_handle_kill_switch_put },
};

const SluiceServerRoute *
sluice_server_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

void
sluice_server_handle_health (SluiceServerRequest *request)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "status", "ok");
  json_object_set_string_member (body, "version", PACKAGE_VERSION);
  sluice_server_respond_json (request->msg, 200, body);
}

void
sluice_server_handle_whoami (SluiceServerRequest *request)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "name", request->actor.name);
  json_object_set_string_member (body, "role", sluice_server_role_to_string (request->actor.role));
  sluice_server_respond_json (request->msg, 200, body);
}

void
sluice_server_handle_workflows (SluiceServerRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *workflows = sluice_server_workflows_list (request->server->store, &error);

  if (workflows == NULL)
    {
      sluice_server_respond_error (request->msg, error, NULL);
      return;
    }
  json_object_set_array_member (body, "workflows", workflows);
  sluice_server_respond_json (request->msg, 200, body);
}

/* ?limit=N&before=ID, both optional */
void
sluice_server_handle_audit (SluiceServerRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  const char *limit_text = sluice_server_request_query (request, "limit");
  const char *before_text = sluice_server_request_query (request, "before");
  gint64 limit = SLUICE_SERVER_AUDIT_DEFAULT_LIMIT, before = 0;
  JsonArray *entries;

  if (limit_text != NULL && !sluice_server_parse_count (limit_text, 1, SLUICE_SERVER_AUDIT_MAX_LIMIT, &limit))
    {
      sluice_server_respond_problem (request->msg, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                                     _("“limit” must be a whole number from 1 to 1000"));
      return;
    }
  if (before_text != NULL && !sluice_server_parse_count (before_text, 1, G_MAXINT64, &before))
    {
      sluice_server_respond_problem (request->msg, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                                     _("“before” must be the id of an audit entry"));
      return;
    }

  /* /v1/audit has no {name}: params[0] is NULL and every entry is listed */
  entries = sluice_server_audit_list (request->server->store, request->params[0], limit, before, &error);
  if (entries == NULL)
    {
      sluice_server_respond_error (request->msg, error, NULL);
      return;
    }
  json_object_set_array_member (body, "entries", entries);
  sluice_server_respond_json (request->msg, 200, body);
}

void
sluice_server_handle_kill_switch_get (SluiceServerRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) state = sluice_server_kill_switch_get (request->server->store, &error);

  if (state == NULL)
    sluice_server_respond_error (request->msg, error, NULL);
  else
    sluice_server_respond_json (request->msg, 200, state);
}

void
sluice_server_handle_kill_switch_put (SluiceServerRequest *request)
{
  static const char * const members[] = { "engaged", "reason", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) state = NULL;
  g_autofree char *reason = NULL;
  gboolean engaged = FALSE, present = FALSE;

  if (!sluice_server_request_json (request, &object, &error)
      || !sluice_server_check_members (object, members, NULL, &error)
      || !sluice_server_get_boolean_member (object, "engaged", &present, &engaged, &error)
      || !sluice_server_get_string_member (object, "reason", &reason, &error))
    {
      sluice_server_respond_error (request->msg, error, NULL);
      return;
    }
  if (!present)
    {
      sluice_server_respond_problem (request->msg, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                                     _("“engaged” is required"));
      return;
    }

  state = sluice_server_kill_switch_set (request->server->store, &request->actor, engaged, reason, &error);
  if (state == NULL)
    sluice_server_respond_error (request->msg, error, NULL);
  else
    sluice_server_respond_json (request->msg, 200, state);
}

void
sluice_server_handle_report_upload (SluiceServerRequest *request)
{
  static const char * const types[] = { "application/json", "application/x-sluice-report", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  gboolean created = FALSE;
  gsize length;
  const char *data = g_bytes_get_data (request->body, &length);

  if (!sluice_server_check_content_type (request, types, &error))
    {
      sluice_server_respond_error (request->msg, error, NULL);
      return;
    }
  answer = sluice_server_reports_store (request->server->store, &request->actor, data ? data : "", length,
                                        &created, &error);
  if (answer == NULL)
    sluice_server_respond_error (request->msg, error, NULL);
  else
    sluice_server_respond_json (request->msg, created ? 201 : 200, answer);
}

void
sluice_server_handle_report_get (SluiceServerRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = sluice_server_reports_get (request->server->store, request->params[0], &error);

  if (data == NULL)
    {
      sluice_server_respond_error (request->msg, error, NULL);
      return;
    }
  soup_server_message_set_status (request->msg, 200, NULL);
  soup_server_message_set_response (request->msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (data, NULL), g_bytes_get_size (data));
}
