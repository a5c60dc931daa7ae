/* sluice-server-routes-versions.c — publishing, listing and test-running versions
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-server-private.h"
#include "sluice-server-reports.h"
#include "sluice-server-request.h"
#include "sluice-server-run-test.h"
#include "sluice-server-versions.h"

#define IDEMPOTENCY_KEY_MAX 128

static gboolean
idempotency_key_is_valid (const char *key)
{
  gsize length = strlen (key);

  if (length == 0 || length > IDEMPOTENCY_KEY_MAX)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (key[i] < 0x20 || key[i] > 0x7e)
      return FALSE;
  return TRUE;
}

/* The headers of a publish, checked; the strings point into @headers. */
static gboolean
read_publish_headers (SoupMessageHeaders   *headers,
                      SluiceServerPublish  *publish,
                      GError              **error)
{
  const char *base = soup_message_headers_get_one (headers, "Sluice-Base-Version");

  if (base == NULL)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("Sluice-Base-Version is required: the version this one is based on, 0 for the first"));
      return FALSE;
    }
  if (!sluice_server_parse_count (base, 0, G_MAXINT32, &publish->base_version))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("Sluice-Base-Version must be a whole number from 0"));
      return FALSE;
    }

  publish->idempotency_key = soup_message_headers_get_one (headers, "Idempotency-Key");
  if (publish->idempotency_key != NULL && !idempotency_key_is_valid (publish->idempotency_key))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("Idempotency-Key must be 1 to 128 printable ASCII characters"));
      return FALSE;
    }

  publish->report_digest = soup_message_headers_get_one (headers, "Sluice-Report");
  if (publish->report_digest != NULL && !sluice_server_reports_digest_is_valid (publish->report_digest))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_UNKNOWN_REPORT,
                   _("Sluice-Report must be “sha256:” and the 64 hexadecimal digits of an uploaded report"));
      return FALSE;
    }
  return TRUE;
}

void
sluice_server_handle_publish (SluiceServerRequest *request)
{
  static const char * const types[] = {
    "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain", NULL
  };
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  g_auto(SluiceServerPublishFailure) failure = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) version = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *yaml = NULL;
  SluiceServerPublish publish = { 0 };
  gsize length;
  const char *data = g_bytes_get_data (request->body, &length);

  if (!sluice_server_check_content_type (request, types, &error)
      || !read_publish_headers (headers, &publish, &error))
    {
      sluice_server_respond_error (request->msg, error, NULL);
      return;
    }
  if (!g_utf8_validate_len (data ? data : "", length, NULL) || (data != NULL && memchr (data, '\0', length)))
    {
      sluice_server_respond_problem (request->msg, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                                     _("The workflow must be UTF-8 text"));
      return;
    }

  yaml = g_strndup (data ? data : "", length);
  publish.workflow = request->params[0];
  publish.yaml = yaml;
  publish.length = length;

  version = sluice_server_versions_publish (request->server->store, &request->actor, &publish, &failure, &error);
  if (version != NULL)
    {
      sluice_server_respond_json (request->msg, 201, version);
      return;
    }

  if (g_error_matches (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_STALE_BASE))
    json_object_set_int_member (extra, "current_version", failure.current_version);
  if (g_error_matches (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_WORKFLOW))
    json_object_set_member (extra, "diagnostics", sluice_server_diagnostics_to_json (failure.diagnostics));
  sluice_server_respond_error (request->msg, error, extra);
}

void
sluice_server_handle_versions (SluiceServerRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *versions = sluice_server_versions_list (request->server->store, request->params[0], &error);

  if (versions == NULL)
    {
      sluice_server_respond_error (request->msg, error, NULL);
      return;
    }
  json_object_set_array_member (body, "versions", versions);
  sluice_server_respond_json (request->msg, 200, body);
}

void
sluice_server_handle_version (SluiceServerRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) version = sluice_server_versions_get (request->server->store, request->params[0],
                                                              request->number, TRUE, &error);

  if (version == NULL)
    sluice_server_respond_error (request->msg, error, NULL);
  else
    sluice_server_respond_json (request->msg, 200, version);
}

void
sluice_server_handle_run_test (SluiceServerRequest *request)
{
  static const char * const types[] = {
    "application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines",
    "application/cloudevents-batch+json", "text/plain", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;

  if (!sluice_server_check_content_type (request, types, &error))
    {
      sluice_server_respond_error (request->msg, error, NULL);
      return;
    }
  answer = sluice_server_run_test (request->server->store, &request->actor, request->params[0],
                                   request->number, request->body, &error);
  if (answer == NULL)
    sluice_server_respond_error (request->msg, error, NULL);
  else
    sluice_server_respond_json (request->msg, 200, answer);
}
