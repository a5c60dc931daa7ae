/* sluice-remote-call.c — one HTTP call to the control plane: deadline,
 * retries with backoff, a bounded response, errors that say what to do
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sluice-remote-client-private.h"
#include "sluice-remote-error.h"

#define READ_CHUNK (64 * 1024)

struct _SluiceRemoteCall
{
  SluiceRemoteClient *client;
  char               *method;
  char               *url;
  char               *content_type;
  GBytes             *body;
  GPtrArray          *headers;       /* name, value, name, value… */
  gboolean            retry;
  gboolean            anonymous;
  guint               extra_deadline;

  guint               attempt;
  SoupMessage        *message;
  GCancellable       *attempt_cancellable;
  GCancellable       *caller_cancellable;
  gulong              cancel_handler;
  GSource            *deadline;
  gboolean            deadline_hit;
  GSource            *backoff;
  GSource            *backoff_cancel;
  GInputStream       *stream;
  GByteArray         *received;
  guint               status;
};

static void start_attempt (GTask *task);

static void
clear_deadline (SluiceRemoteCall *call)
{
  if (call->deadline != NULL)
    {
      g_source_destroy (call->deadline);
      g_clear_pointer (&call->deadline, g_source_unref);
    }
}

static void
clear_backoff (SluiceRemoteCall *call)
{
  if (call->backoff != NULL)
    {
      g_source_destroy (call->backoff);
      g_clear_pointer (&call->backoff, g_source_unref);
    }
  if (call->backoff_cancel != NULL)
    {
      g_source_destroy (call->backoff_cancel);
      g_clear_pointer (&call->backoff_cancel, g_source_unref);
    }
}

static void
sluice_remote_call_free (SluiceRemoteCall *call)
{
  clear_deadline (call);
  clear_backoff (call);
  if (call->cancel_handler != 0)
    g_cancellable_disconnect (call->caller_cancellable, call->cancel_handler);
  g_clear_object (&call->caller_cancellable);
  g_clear_object (&call->attempt_cancellable);
  g_clear_object (&call->stream);
  g_clear_pointer (&call->received, g_byte_array_unref);
  g_clear_object (&call->message);
  g_clear_pointer (&call->headers, g_ptr_array_unref);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->content_type);
  g_free (call->url);
  g_free (call->method);
  g_clear_object (&call->client);
  g_free (call);
}

/**
 * sluice_remote_call_new:
 * @path: starting with "/v1/", query included, already escaped
 *
 * GET and PUT are retried; other methods only with an idempotency key.
 */
SluiceRemoteCall *
sluice_remote_call_new (SluiceRemoteClient *client,
                        const char         *method,
                        const char         *path)
{
  SluiceRemoteCall *call = g_new0 (SluiceRemoteCall, 1);

  call->client = g_object_ref (client);
  call->method = g_strdup (method);
  call->url = g_strconcat (client->base_url, path, NULL);
  call->headers = g_ptr_array_new_with_free_func (g_free);
  call->retry = g_str_equal (method, "GET") || g_str_equal (method, "PUT");
  return call;
}

void
sluice_remote_call_set_body (SluiceRemoteCall *call,
                             const char       *content_type,
                             GBytes           *body)
{
  g_free (call->content_type);
  call->content_type = g_strdup (content_type);
  g_clear_pointer (&call->body, g_bytes_unref);
  call->body = g_bytes_ref (body);
}

void
sluice_remote_call_set_json_body (SluiceRemoteCall *call,
                                  JsonBuilder      *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) body = NULL;
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  body = g_bytes_new_take (text, length);
  sluice_remote_call_set_body (call, "application/json", body);
}

void
sluice_remote_call_add_header (SluiceRemoteCall *call,
                               const char       *name,
                               const char       *value)
{
  g_ptr_array_add (call->headers, g_strdup (name));
  g_ptr_array_add (call->headers, g_strdup (value));
}

/* With a key, the server answers a repeat with the first answer: safe to retry. */
void
sluice_remote_call_set_idempotency_key (SluiceRemoteCall *call,
                                        const char       *key)
{
  sluice_remote_call_add_header (call, "Idempotency-Key", key);
  call->retry = TRUE;
}

/* For requests that are idempotent by nature, like content-addressed uploads. */
void
sluice_remote_call_set_retry (SluiceRemoteCall *call,
                              gboolean          retry)
{
  call->retry = retry;
}

void
sluice_remote_call_set_anonymous (SluiceRemoteCall *call)
{
  call->anonymous = TRUE;
}

/* A long poll may rightly stay silent for @seconds more than usual. */
void
sluice_remote_call_extend_deadline (SluiceRemoteCall *call,
                                    guint             seconds)
{
  call->extra_deadline = seconds;
}

static gboolean
accept_any_certificate_cb (SoupMessage          *message,
                           GTlsCertificate      *certificate,
                           GTlsCertificateFlags  errors,
                           gpointer              user_data)
{
  return TRUE;
}

static void
caller_cancelled_cb (GCancellable     *cancellable,
                     SluiceRemoteCall *call)
{
  if (call->attempt_cancellable != NULL)
    g_cancellable_cancel (call->attempt_cancellable);
}

static gboolean
deadline_reached_cb (gpointer user_data)
{
  SluiceRemoteCall *call = user_data;

  call->deadline_hit = TRUE;
  g_clear_pointer (&call->deadline, g_source_unref);
  g_cancellable_cancel (call->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
backoff_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  SluiceRemoteCall *call = g_task_get_task_data (task);

  clear_backoff (call);
  start_attempt (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

static gboolean
backoff_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  GTask *task = user_data;
  SluiceRemoteCall *call = g_task_get_task_data (task);

  g_object_ref (task);
  clear_backoff (call);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Exponential backoff with "equal jitter": half fixed, half random, so
 * many clients retrying after one outage spread out. */
static guint
backoff_delay (SluiceRemoteCall *call)
{
  guint64 delay = call->client->retry_delay;

  for (guint i = 1; i < call->attempt && delay < call->client->max_retry_delay; i++)
    delay *= 2;
  delay = MIN (delay, call->client->max_retry_delay);
  return (guint) (delay / 2 + g_random_int_range (0, (gint32) (delay / 2) + 1));
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  SluiceRemoteCall *call = g_task_get_task_data (task);

  call->backoff = g_timeout_source_new (delay_ms);
  g_source_set_static_name (call->backoff, "[sluice] retry backoff");
  g_source_set_callback (call->backoff, backoff_done_cb, g_object_ref (task), g_object_unref);
  g_source_attach (call->backoff, g_task_get_context (task));

  if (call->caller_cancellable != NULL)
    {
      call->backoff_cancel = g_cancellable_source_new (call->caller_cancellable);
      g_source_set_callback (call->backoff_cancel, (GSourceFunc) (void (*) (void)) backoff_cancelled_cb,
                             g_object_ref (task), g_object_unref);
      g_source_attach (call->backoff_cancel, g_task_get_context (task));
    }
}

static gboolean
can_retry (SluiceRemoteCall *call)
{
  return call->retry && call->attempt < call->client->max_attempts
         && !g_cancellable_is_cancelled (call->caller_cancellable);
}

static void
attempt_failed (GTask  *task,
                GError *error)
{
  SluiceRemoteCall *call = g_task_get_task_data (task);
  const char *server = sluice_remote_client_get_display_name (call->client);
  g_autoptr(GError) mapped = NULL;

  clear_deadline (call);
  g_clear_object (&call->stream);

  if (g_cancellable_is_cancelled (call->caller_cancellable))
    {
      g_task_return_error_if_cancelled (task);
      return;
    }

  if (call->deadline_hit)
    {
      g_autoptr(GError) timed_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "deadline");
      mapped = sluice_remote_error_new_for_transport (server, timed_out, 0);
    }
  else
    mapped = sluice_remote_error_new_for_transport (server, error,
                                                    soup_message_get_tls_peer_certificate_errors (call->message));

  if (can_retry (call)
      && (g_error_matches (mapped, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OFFLINE)
          || g_error_matches (mapped, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_TIMEOUT)))
    {
      schedule_retry (task, backoff_delay (call));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&mapped));
}

static void
response_received (GTask *task)
{
  SluiceRemoteCall *call = g_task_get_task_data (task);
  const char *server = sluice_remote_client_get_display_name (call->client);
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&call->received));
  g_autoptr(GError) error = NULL;
  guint retry_after;

  clear_deadline (call);

  if (SOUP_STATUS_IS_SUCCESSFUL (call->status))
    {
      g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
      return;
    }

  error = sluice_remote_error_new_for_response (server, call->status,
                                                soup_message_get_response_headers (call->message), body);
  retry_after = sluice_remote_error_get_retry_after (error);

  if (can_retry (call) && call->status == 429
      && retry_after <= call->client->max_retry_after)
    {
      schedule_retry (task, retry_after > 0 ? retry_after * 1000 : backoff_delay (call));
      return;
    }
  if (can_retry (call)
      && (call->status == SOUP_STATUS_BAD_GATEWAY || call->status == SOUP_STATUS_SERVICE_UNAVAILABLE
          || call->status == SOUP_STATUS_GATEWAY_TIMEOUT))
    {
      schedule_retry (task, MAX (backoff_delay (call), retry_after * 1000));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

static GError *
too_large_error (SluiceRemoteCall *call)
{
  g_autofree char *limit = g_format_size (call->client->max_response_size);

  return g_error_new (SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_PROTOCOL,
                      _("%s sent an answer larger than %s, more than Sluice expects; it was not read. "
                        "Is this address a Sluice control plane?"),
                      sluice_remote_client_get_display_name (call->client), limit);
}

static void body_read_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
read_more (GTask *task)
{
  SluiceRemoteCall *call = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (call->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   call->attempt_cancellable, body_read_cb, task);
}

static void
body_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SluiceRemoteCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      attempt_failed (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_clear_object (&call->stream);
      response_received (task);
      return;
    }
  if (call->received->len + g_bytes_get_size (chunk) > call->client->max_response_size)
    {
      clear_deadline (call);
      g_clear_object (&call->stream);
      g_task_return_error (task, too_large_error (call));
      return;
    }

  g_byte_array_append (call->received, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_more (g_steal_pointer (&task));
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SluiceRemoteCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GInputStream *stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  goffset length;

  if (stream == NULL)
    {
      attempt_failed (task, error);
      return;
    }

  call->stream = stream;
  call->status = soup_message_get_status (call->message);
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (call->message));
  if (length > 0 && (guint64) length > call->client->max_response_size)
    {
      clear_deadline (call);
      g_clear_object (&call->stream);
      g_task_return_error (task, too_large_error (call));
      return;
    }

  g_clear_pointer (&call->received, g_byte_array_unref);
  call->received = g_byte_array_new ();
  read_more (g_steal_pointer (&task));
}

static void
start_attempt (GTask *task)
{
  SluiceRemoteCall *call = g_task_get_task_data (task);
  SluiceRemoteClient *client = call->client;
  SoupMessageHeaders *headers;
  guint deadline = client->timeout + call->extra_deadline;

  call->attempt++;
  call->deadline_hit = FALSE;
  g_clear_object (&call->message);
  call->message = soup_message_new (call->method, call->url);
  g_assert (call->message != NULL);

  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (!call->anonymous && client->token != NULL && client->token[0] != '\0')
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", client->token, NULL);
      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  for (guint i = 0; i + 1 < call->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (call->headers, i),
                                  g_ptr_array_index (call->headers, i + 1));
  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (call->message, call->content_type, call->body);
  if (client->tls_insecure)
    g_signal_connect (call->message, "accept-certificate", G_CALLBACK (accept_any_certificate_cb), NULL);

  g_clear_object (&call->attempt_cancellable);
  call->attempt_cancellable = g_cancellable_new ();

  if (deadline > 0)
    {
      call->deadline = g_timeout_source_new (deadline * 1000);
      g_source_set_static_name (call->deadline, "[sluice] call deadline");
      g_source_set_callback (call->deadline, deadline_reached_cb, call, NULL);
      g_source_attach (call->deadline, g_task_get_context (task));
    }

  soup_session_send_async (client->session, call->message, G_PRIORITY_DEFAULT,
                           call->attempt_cancellable, sent_cb, task);
}

/**
 * sluice_remote_call_send_async:
 * @call: (transfer full): the call
 * @source_tag: the public function, checked again by the finish function
 */
void
sluice_remote_call_send_async (SluiceRemoteCall    *call,
                               gpointer             source_tag,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (call->client, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) sluice_remote_call_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (cancellable != NULL)
    {
      call->caller_cancellable = g_object_ref (cancellable);
      call->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb), call, NULL);
    }

  start_attempt (g_steal_pointer (&task));
}

/**
 * sluice_remote_call_finish:
 * @status: (out) (optional): the HTTP status of the answer
 *
 * Returns: (transfer full): the body of a 2xx answer
 */
GBytes *
sluice_remote_call_finish (SluiceRemoteClient  *client,
                           GAsyncResult        *result,
                           gpointer             source_tag,
                           guint               *status,
                           GError             **error)
{
  SluiceRemoteCall *call;

  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  /* no call data when the request was refused before it was sent */
  call = g_task_get_task_data (G_TASK (result));
  if (status != NULL)
    *status = call ? call->status : 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sluice_remote_call_finish_object:
 *
 * Returns: (transfer full): the JSON object of a 2xx answer; an empty
 * answer counts as an empty object, anything else as a protocol error.
 */
JsonObject *
sluice_remote_call_finish_object (SluiceRemoteClient  *client,
                                  GAsyncResult        *result,
                                  gpointer             source_tag,
                                  GError             **error)
{
  g_autoptr(GBytes) body = sluice_remote_call_finish (client, result, source_tag, NULL, error);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *data;
  gsize length;
  JsonNode *root;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &length);
  if (length == 0)
    return json_object_new ();

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_PROTOCOL,
                   _("%s sent an answer that is not valid JSON (%s). Is this address a Sluice control plane?"),
                   sluice_remote_client_get_display_name (client), parse_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_PROTOCOL,
                   _("%s sent an answer that is not a JSON object. Is this address a Sluice control plane?"),
                   sluice_remote_client_get_display_name (client));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}
