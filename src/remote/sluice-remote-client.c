/* sluice-remote-client.c — the control plane's endpoints as async calls
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-remote-client-private.h"

G_DEFINE_FINAL_TYPE (SluiceRemoteClient, sluice_remote_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_DISPLAY_NAME,
  PROP_TOKEN,
  PROP_TLS_INSECURE,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sluice_remote_client_finalize (GObject *object)
{
  SluiceRemoteClient *self = SLUICE_REMOTE_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->display_name);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);

  G_OBJECT_CLASS (sluice_remote_client_parent_class)->finalize (object);
}

static void
sluice_remote_client_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SluiceRemoteClient *self = SLUICE_REMOTE_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, sluice_remote_client_get_display_name (self));
      break;
    case PROP_TLS_INSECURE:
      g_value_set_boolean (value, self->tls_insecure);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_remote_client_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SluiceRemoteClient *self = SLUICE_REMOTE_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize length = url ? strlen (url) : 0;

        /* "https://host/" and "https://host" are the same server */
        while (length > 0 && url[length - 1] == '/')
          length--;
        self->base_url = g_strndup (url ? url : "", length);
      }
      break;
    case PROP_DISPLAY_NAME:
      sluice_remote_client_set_display_name (self, g_value_get_string (value));
      break;
    case PROP_TOKEN:
      sluice_remote_client_set_token (self, g_value_get_string (value));
      break;
    case PROP_TLS_INSECURE:
      sluice_remote_client_set_tls_insecure (self, g_value_get_boolean (value));
      break;
    case PROP_TIMEOUT:
      sluice_remote_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_remote_client_class_init (SluiceRemoteClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sluice_remote_client_finalize;
  object_class->get_property = sluice_remote_client_get_property;
  object_class->set_property = sluice_remote_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* write-only, so it cannot end up in a property dump or a log */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  /* Shown by UIs as a warning: this server's certificate is not checked. */
  properties[PROP_TLS_INSECURE] =
    g_param_spec_boolean ("tls-insecure", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, 3600, 30,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sluice_remote_client_init (SluiceRemoteClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Sluice/%s ", PACKAGE_VERSION);

  self->timeout = 30;
  self->max_attempts = 4;
  self->retry_delay = 500;
  self->max_retry_delay = 10 * 1000;
  self->max_retry_after = 120;
  self->max_response_size = 64 * 1024 * 1024;
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "user-agent", user_agent,
                                                 NULL);
}

/**
 * sluice_remote_check_url:
 *
 * Returns: %TRUE when @url can be a control plane's address: http or
 * https, with a host.
 */
gboolean
sluice_remote_check_url (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0'
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS,
                   _("“%s” is not a server address; give one like https://sluice.example.com"),
                   url ? url : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * sluice_remote_client_new:
 * @base_url: "https://host[:port][/prefix]", without /v1
 *
 * Returns: (transfer full) (nullable): a client, or %NULL when @base_url
 * is not an http(s) address
 */
SluiceRemoteClient *
sluice_remote_client_new (const char  *base_url,
                          GError     **error)
{
  if (!sluice_remote_check_url (base_url, error))
    return NULL;
  return g_object_new (SLUICE_REMOTE_TYPE_CLIENT, "base-url", base_url, NULL);
}

const char *
sluice_remote_client_get_base_url (SluiceRemoteClient *self)
{
  g_return_val_if_fail (SLUICE_REMOTE_IS_CLIENT (self), NULL);
  return self->base_url;
}

/* How messages name the server: its saved name, or host:port. */
const char *
sluice_remote_client_get_display_name (SluiceRemoteClient *self)
{
  g_return_val_if_fail (SLUICE_REMOTE_IS_CLIENT (self), NULL);

  if (self->display_name == NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);

      if (uri != NULL && g_uri_get_port (uri) > 0)
        self->display_name = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
      else
        self->display_name = g_strdup (uri ? g_uri_get_host (uri) : self->base_url);
    }
  return self->display_name;
}

void
sluice_remote_client_set_display_name (SluiceRemoteClient *self,
                                       const char         *name)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));

  if (g_strcmp0 (self->display_name, name) == 0)
    return;
  g_free (self->display_name);
  self->display_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

/* Sent as "Authorization: Bearer …"; never logged, never written to a file. */
void
sluice_remote_client_set_token (SluiceRemoteClient *self,
                                const char         *token)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = token && token[0] ? g_strstrip (g_strdup (token)) : NULL;
}

gboolean
sluice_remote_client_has_token (SluiceRemoteClient *self)
{
  g_return_val_if_fail (SLUICE_REMOTE_IS_CLIENT (self), FALSE);
  return self->token != NULL;
}

gboolean
sluice_remote_client_get_tls_insecure (SluiceRemoteClient *self)
{
  g_return_val_if_fail (SLUICE_REMOTE_IS_CLIENT (self), FALSE);
  return self->tls_insecure;
}

/* Accept any certificate from this server: for a self-signed demo only. */
void
sluice_remote_client_set_tls_insecure (SluiceRemoteClient *self,
                                       gboolean            insecure)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));

  insecure = !!insecure;
  if (self->tls_insecure == insecure)
    return;
  self->tls_insecure = insecure;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TLS_INSECURE]);
}

guint
sluice_remote_client_get_timeout (SluiceRemoteClient *self)
{
  g_return_val_if_fail (SLUICE_REMOTE_IS_CLIENT (self), 0);
  return self->timeout;
}

/**
 * sluice_remote_client_set_timeout:
 * @seconds: how long one attempt may take in all, and how long the
 *   connection may stay silent; 0 for no limit
 */
void
sluice_remote_client_set_timeout (SluiceRemoteClient *self,
                                  guint               seconds)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * sluice_remote_client_set_retry_policy:
 * @max_attempts: attempts in all, at least 1
 * @first_delay_ms: the wait before the second attempt; it doubles after
 * @max_delay_ms: the longest wait between attempts
 *
 * Only GET, PUT and requests with an idempotency key are retried, on
 * refused or lost connections, timeouts, 429 (after Retry-After) and
 * 502/503/504.
 */
void
sluice_remote_client_set_retry_policy (SluiceRemoteClient *self,
                                       guint               max_attempts,
                                       guint               first_delay_ms,
                                       guint               max_delay_ms)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));

  self->max_attempts = MAX (max_attempts, 1);
  self->retry_delay = first_delay_ms;
  self->max_retry_delay = MAX (max_delay_ms, first_delay_ms);
}

/* Answers larger than this are refused unread. */
void
sluice_remote_client_set_max_response_size (SluiceRemoteClient *self,
                                            gsize               size)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  self->max_response_size = size;
}

/* Helpers */

static char *
escape_segment (const char *segment)
{
  return g_uri_escape_string (segment, ":", FALSE);
}

/* "/v1/workflows/{name}" + suffix */
static char *
workflow_path (const char *workflow,
               const char *suffix)
{
  g_autofree char *escaped = escape_segment (workflow);

  return g_strconcat ("/v1/workflows/", escaped, suffix, NULL);
}

static void
send_get (SluiceRemoteClient  *self,
          const char          *path,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  sluice_remote_call_send_async (sluice_remote_call_new (self, "GET", path), source_tag,
                                 cancellable, callback, user_data);
}

typedef gpointer (*RecordParser) (JsonObject *object, GError **error);

/* Parses a record, naming the server when the answer is not one. */
static gpointer
parse_record (SluiceRemoteClient  *self,
              RecordParser         parse,
              JsonObject          *object,
              GError             **error)
{
  GError *parse_error = NULL;
  gpointer record;

  if (object == NULL)
    return NULL;
  record = parse (object, &parse_error);
  if (parse_error != NULL)
    {
      g_prefix_error (&parse_error, "%s: ", sluice_remote_client_get_display_name (self));
      g_propagate_error (error, parse_error);
    }
  return record;
}

static GPtrArray *
parse_list (SluiceRemoteClient  *self,
            JsonObject          *object,
            const char          *name,
            RecordParser         parse,
            GDestroyNotify       free_func,
            GError             **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (free_func);
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_PROTOCOL,
                   _("%s: the server’s answer has no “%s” list. Is it a Sluice control plane of a matching version?"),
                   sluice_remote_client_get_display_name (self), name);
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gpointer record;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      record = parse_record (self, (RecordParser) parse, json_node_get_object (element), error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

/* Health */

void
sluice_remote_client_health_async (SluiceRemoteClient  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  SluiceRemoteCall *call;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));

  call = sluice_remote_call_new (self, "GET", "/v1/health");
  sluice_remote_call_set_anonymous (call);
  sluice_remote_call_send_async (call, sluice_remote_client_health_async, cancellable, callback, user_data);
}

char *
sluice_remote_client_health_finish (SluiceRemoteClient  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_health_async, error);

  if (object == NULL)
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (object, "version", "?"));
}

/* Who am I */

void
sluice_remote_client_whoami_async (SluiceRemoteClient  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  send_get (self, "/v1/whoami", sluice_remote_client_whoami_async, cancellable, callback, user_data);
}

gboolean
sluice_remote_client_whoami_finish (SluiceRemoteClient  *self,
                                    GAsyncResult        *result,
                                    char               **name,
                                    char               **role,
                                    GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_whoami_async, error);

  if (object == NULL)
    return FALSE;
  if (name != NULL)
    *name = g_strdup (json_object_get_string_member_with_default (object, "name", NULL));
  if (role != NULL)
    *role = g_strdup (json_object_get_string_member_with_default (object, "role", NULL));
  return TRUE;
}

/* Workflows */

void
sluice_remote_client_list_workflows_async (SluiceRemoteClient  *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  send_get (self, "/v1/workflows", sluice_remote_client_list_workflows_async, cancellable, callback, user_data);
}

GPtrArray *
sluice_remote_client_list_workflows_finish (SluiceRemoteClient  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_list_workflows_async, error);

  if (object == NULL)
    return NULL;
  return parse_list (self, object, "workflows", (RecordParser) sluice_remote_workflow_info_new_from_json,
                     (GDestroyNotify) sluice_remote_workflow_info_unref, error);
}

/* Versions */

void
sluice_remote_client_publish_async (SluiceRemoteClient  *self,
                                    const char          *workflow,
                                    const char          *yaml,
                                    gint64               base_version,
                                    const char          *idempotency_key,
                                    const char          *report_digest,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GBytes) body = NULL;
  SluiceRemoteCall *call;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (workflow != NULL && yaml != NULL && idempotency_key != NULL);
  g_return_if_fail (base_version >= 0);

  if (strlen (yaml) > SLUICE_REMOTE_MAX_PUBLISH_SIZE)
    {
      g_task_report_new_error (self, callback, user_data, sluice_remote_client_publish_async,
                               SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_TOO_LARGE,
                               _("The workflow is larger than %d bytes, the most a control plane accepts"),
                               SLUICE_REMOTE_MAX_PUBLISH_SIZE);
      return;
    }

  path = workflow_path (workflow, "/versions");
  base = g_strdup_printf ("%" PRId64, base_version);
  body = g_bytes_new (yaml, strlen (yaml));

  call = sluice_remote_call_new (self, "POST", path);
  sluice_remote_call_set_body (call, "application/yaml", body);
  sluice_remote_call_add_header (call, "Sluice-Base-Version", base);
  if (report_digest != NULL)
    sluice_remote_call_add_header (call, "Sluice-Report", report_digest);
  sluice_remote_call_set_idempotency_key (call, idempotency_key);
  sluice_remote_call_send_async (call, sluice_remote_client_publish_async, cancellable, callback, user_data);
}

SluiceRemoteVersion *
sluice_remote_client_publish_finish (SluiceRemoteClient  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_publish_async, error);
  return parse_record (self, (RecordParser) sluice_remote_version_new_from_json, object, error);
}

void
sluice_remote_client_list_versions_async (SluiceRemoteClient  *self,
                                          const char          *workflow,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (workflow != NULL);

  path = workflow_path (workflow, "/versions");
  send_get (self, path, sluice_remote_client_list_versions_async, cancellable, callback, user_data);
}

GPtrArray *
sluice_remote_client_list_versions_finish (SluiceRemoteClient  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_list_versions_async, error);

  if (object == NULL)
    return NULL;
  return parse_list (self, object, "versions", (RecordParser) sluice_remote_version_new_from_json,
                     (GDestroyNotify) sluice_remote_version_unref, error);
}

void
sluice_remote_client_get_version_async (SluiceRemoteClient  *self,
                                        const char          *workflow,
                                        gint64               number,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *suffix = g_strdup_printf ("/versions/%" PRId64, number);
  g_autofree char *path = NULL;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (workflow != NULL);

  path = workflow_path (workflow, suffix);
  send_get (self, path, sluice_remote_client_get_version_async, cancellable, callback, user_data);
}

SluiceRemoteVersion *
sluice_remote_client_get_version_finish (SluiceRemoteClient  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_get_version_async, error);

  return parse_record (self, (RecordParser) sluice_remote_version_new_from_json, object, error);
}

void
sluice_remote_client_run_test_async (SluiceRemoteClient  *self,
                                     const char          *workflow,
                                     gint64               number,
                                     GBytes              *events,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *suffix = g_strdup_printf ("/versions/%" PRId64 "/run-test", number);
  g_autofree char *path = NULL;
  SluiceRemoteCall *call;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (workflow != NULL && events != NULL);

  path = workflow_path (workflow, suffix);
  call = sluice_remote_call_new (self, "POST", path);
  sluice_remote_call_set_body (call, "application/json", events);
  sluice_remote_call_send_async (call, sluice_remote_client_run_test_async, cancellable, callback, user_data);
}

JsonObject *
sluice_remote_client_run_test_finish (SluiceRemoteClient  *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  return sluice_remote_call_finish_object (self, result, sluice_remote_client_run_test_async, error);
}

/* Reports */

void
sluice_remote_client_upload_report_async (SluiceRemoteClient  *self,
                                          GBytes              *report,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  SluiceRemoteCall *call;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (report != NULL);

  call = sluice_remote_call_new (self, "POST", "/v1/reports");
  sluice_remote_call_set_body (call, "application/json", report);
  /* stored by the digest of its bytes: sending it twice stores it once */
  sluice_remote_call_set_retry (call, TRUE);
  sluice_remote_call_send_async (call, sluice_remote_client_upload_report_async, cancellable, callback, user_data);
}

char *
sluice_remote_client_upload_report_finish (SluiceRemoteClient  *self,
                                           GAsyncResult        *result,
                                           char               **title,
                                           GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_upload_report_async, error);
  const char *digest;

  if (object == NULL)
    return NULL;

  digest = json_object_get_string_member_with_default (object, "digest", NULL);
  if (digest == NULL)
    {
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_PROTOCOL,
                   _("%s: the server’s answer has no “%s”. Is it a Sluice control plane of a matching version?"),
                   sluice_remote_client_get_display_name (self), "digest");
      return NULL;
    }
  if (title != NULL)
    *title = g_strdup (json_object_get_string_member_with_default (object, "title", NULL));
  return g_strdup (digest);
}

void
sluice_remote_client_get_report_async (SluiceRemoteClient  *self,
                                       const char          *digest,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (digest != NULL);

  escaped = escape_segment (digest);
  path = g_strconcat ("/v1/reports/", escaped, NULL);
  send_get (self, path, sluice_remote_client_get_report_async, cancellable, callback, user_data);
}

GBytes *
sluice_remote_client_get_report_finish (SluiceRemoteClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  return sluice_remote_call_finish (self, result, sluice_remote_client_get_report_async, NULL, error);
}

/* Rollout */

void
sluice_remote_client_get_rollout_async (SluiceRemoteClient  *self,
                                        const char          *workflow,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (workflow != NULL);

  path = workflow_path (workflow, "/rollout");
  send_get (self, path, sluice_remote_client_get_rollout_async, cancellable, callback, user_data);
}

/* Accepts the rollout object itself, or wrapped as {"rollout": …}. */
static SluiceRemoteRollout *
parse_rollout (SluiceRemoteClient  *self,
               JsonObject          *object,
               GError             **error)
{
  JsonNode *wrapped;

  if (object == NULL)
    return NULL;
  wrapped = json_object_get_member (object, "rollout");
  if (!json_object_has_member (object, "mode") && wrapped != NULL && JSON_NODE_HOLDS_OBJECT (wrapped))
    object = json_node_get_object (wrapped);
  return parse_record (self, (RecordParser) sluice_remote_rollout_new_from_json, object, error);
}

SluiceRemoteRollout *
sluice_remote_client_get_rollout_finish (SluiceRemoteClient  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_get_rollout_async, error);

  return parse_rollout (self, object, error);
}

void
sluice_remote_client_set_rollout_async (SluiceRemoteClient              *self,
                                        const char                      *workflow,
                                        const SluiceRemoteRolloutChange *change,
                                        GCancellable                    *cancellable,
                                        GAsyncReadyCallback              callback,
                                        gpointer                         user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *path = NULL;
  const SluiceRemoteErrorBudget *budget;
  SluiceRemoteCall *call;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (workflow != NULL && change != NULL);
  g_return_if_fail (change->mode != SLUICE_REMOTE_MODE_UNKNOWN);

  budget = &change->error_budget;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, sluice_remote_mode_to_string (change->mode));
  if (change->version > 0)
    {
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, change->version);
    }
  if (change->canary_percent > 0)
    {
      json_builder_set_member_name (builder, "canary_percent");
      json_builder_add_double_value (builder, change->canary_percent);
    }
  if (change->canary_segment != NULL)
    {
      json_builder_set_member_name (builder, "canary_segment");
      json_builder_add_string_value (builder, change->canary_segment);
    }
  if (budget->max_error_rate >= 0 || budget->window_seconds >= 0 || budget->min_events >= 0)
    {
      json_builder_set_member_name (builder, "error_budget");
      json_builder_begin_object (builder);
      if (budget->max_error_rate >= 0)
        {
          json_builder_set_member_name (builder, "max_error_rate");
          json_builder_add_double_value (builder, budget->max_error_rate);
        }
      if (budget->window_seconds >= 0)
        {
          json_builder_set_member_name (builder, "window_seconds");
          json_builder_add_int_value (builder, budget->window_seconds);
        }
      if (budget->min_events >= 0)
        {
          json_builder_set_member_name (builder, "min_events");
          json_builder_add_int_value (builder, budget->min_events);
        }
      json_builder_end_object (builder);
    }
  if (change->auto_pause >= 0)
    {
      json_builder_set_member_name (builder, "auto_pause");
      json_builder_add_boolean_value (builder, change->auto_pause != 0);
    }
  json_builder_end_object (builder);

  path = workflow_path (workflow, "/rollout");
  call = sluice_remote_call_new (self, "PUT", path);
  sluice_remote_call_set_json_body (call, builder);
  sluice_remote_call_send_async (call, sluice_remote_client_set_rollout_async, cancellable, callback, user_data);
}

SluiceRemoteRollout *
sluice_remote_client_set_rollout_finish (SluiceRemoteClient  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_set_rollout_async, error);

  return parse_rollout (self, object, error);
}

static void
send_rollout_action (SluiceRemoteClient  *self,
                     const char          *workflow,
                     const char          *action,
                     const char          *reason,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autofree char *suffix = g_strconcat ("/rollout/", action, NULL);
  g_autofree char *path = workflow_path (workflow, suffix);
  SluiceRemoteCall *call = sluice_remote_call_new (self, "POST", path);

  if (reason != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
      json_builder_end_object (builder);
      sluice_remote_call_set_json_body (call, builder);
    }
  sluice_remote_call_send_async (call, sluice_remote_client_rollout_action_finish, cancellable, callback, user_data);
}

void
sluice_remote_client_promote_async (SluiceRemoteClient  *self,
                                    const char          *workflow,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (workflow != NULL);
  send_rollout_action (self, workflow, "promote", NULL, cancellable, callback, user_data);
}

void
sluice_remote_client_pause_async (SluiceRemoteClient  *self,
                                  const char          *workflow,
                                  const char          *reason,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (workflow != NULL);
  send_rollout_action (self, workflow, "pause", reason, cancellable, callback, user_data);
}

void
sluice_remote_client_resume_async (SluiceRemoteClient  *self,
                                   const char          *workflow,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (workflow != NULL);
  send_rollout_action (self, workflow, "resume", NULL, cancellable, callback, user_data);
}

void
sluice_remote_client_rollback_async (SluiceRemoteClient  *self,
                                     const char          *workflow,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (workflow != NULL);
  send_rollout_action (self, workflow, "rollback", NULL, cancellable, callback, user_data);
}

/* The finish function of promote, pause, resume and rollback. */
SluiceRemoteRollout *
sluice_remote_client_rollout_action_finish (SluiceRemoteClient  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_rollout_action_finish, error);

  return parse_rollout (self, object, error);
}

/* Kill switch */

void
sluice_remote_client_get_kill_switch_async (SluiceRemoteClient  *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  send_get (self, "/v1/kill-switch", sluice_remote_client_kill_switch_finish, cancellable, callback, user_data);
}

void
sluice_remote_client_set_kill_switch_async (SluiceRemoteClient  *self,
                                            gboolean             engaged,
                                            const char          *reason,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  SluiceRemoteCall *call;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "engaged");
  json_builder_add_boolean_value (builder, engaged);
  if (reason != NULL)
    {
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
    }
  json_builder_end_object (builder);

  call = sluice_remote_call_new (self, "PUT", "/v1/kill-switch");
  sluice_remote_call_set_json_body (call, builder);
  sluice_remote_call_send_async (call, sluice_remote_client_kill_switch_finish, cancellable, callback, user_data);
}

/* The finish function of both kill switch calls. */
SluiceRemoteKillSwitch *
sluice_remote_client_kill_switch_finish (SluiceRemoteClient  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_kill_switch_finish, error);

  return parse_record (self, (RecordParser) sluice_remote_kill_switch_new_from_json, object, error);
}

/* Status */

void
sluice_remote_client_get_status_async (SluiceRemoteClient  *self,
                                       const char          *workflow,
                                       gint64               after_revision,
                                       guint                wait_seconds,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;
  SluiceRemoteCall *call;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (workflow != NULL);

  wait_seconds = MIN (wait_seconds, SLUICE_REMOTE_MAX_WAIT);
  if (after_revision >= 0)
    {
      g_autofree char *suffix = g_strdup_printf ("/status?after=%" PRId64 "&wait=%u",
                                                 after_revision, wait_seconds);
      path = workflow_path (workflow, suffix);
    }
  else
    path = workflow_path (workflow, "/status");

  call = sluice_remote_call_new (self, "GET", path);
  if (after_revision >= 0)
    sluice_remote_call_extend_deadline (call, wait_seconds);
  sluice_remote_call_send_async (call, sluice_remote_client_get_status_async, cancellable, callback, user_data);
}

SluiceRemoteStatus *
sluice_remote_client_get_status_finish (SluiceRemoteClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_get_status_async, error);

  return parse_record (self, (RecordParser) sluice_remote_status_new_from_json, object, error);
}

void
sluice_remote_client_report_runtime_async (SluiceRemoteClient  *self,
                                           const char          *workflow,
                                           gint64               events,
                                           gint64               actions,
                                           gint64               errors,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *path = NULL;
  SluiceRemoteCall *call;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));
  g_return_if_fail (workflow != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "events");
  json_builder_add_int_value (builder, events);
  json_builder_set_member_name (builder, "actions");
  json_builder_add_int_value (builder, actions);
  json_builder_set_member_name (builder, "errors");
  json_builder_add_int_value (builder, errors);
  json_builder_end_object (builder);

  path = workflow_path (workflow, "/runtime");
  call = sluice_remote_call_new (self, "POST", path);
  sluice_remote_call_set_json_body (call, builder);
  sluice_remote_call_send_async (call, sluice_remote_client_report_runtime_async, cancellable, callback, user_data);
}

gboolean
sluice_remote_client_report_runtime_finish (SluiceRemoteClient  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_autoptr(GBytes) body = sluice_remote_call_finish (self, result, sluice_remote_client_report_runtime_async, NULL, error);

  return body != NULL;
}

/* Audit */

void
sluice_remote_client_list_audit_async (SluiceRemoteClient  *self,
                                       const char          *workflow,
                                       guint                limit,
                                       gint64               before,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GString) path = NULL;
  char separator = '?';

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (self));

  if (workflow != NULL)
    {
      g_autofree char *base = workflow_path (workflow, "/audit");
      path = g_string_new (base);
    }
  else
    path = g_string_new ("/v1/audit");

  if (limit > 0)
    {
      g_string_append_printf (path, "%climit=%u", separator, limit);
      separator = '&';
    }
  if (before > 0)
    g_string_append_printf (path, "%cbefore=%" PRId64, separator, before);

  send_get (self, path->str, sluice_remote_client_list_audit_async, cancellable, callback, user_data);
}

GPtrArray *
sluice_remote_client_list_audit_finish (SluiceRemoteClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_autoptr(JsonObject) object = sluice_remote_call_finish_object (self, result, sluice_remote_client_list_audit_async, error);

  if (object == NULL)
    return NULL;
  return parse_list (self, object, "entries", (RecordParser) sluice_remote_audit_entry_new_from_json,
                     (GDestroyNotify) sluice_remote_audit_entry_unref, error);
}
