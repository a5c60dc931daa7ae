/* test-remote-client.c — the client against a small SoupServer in this
 * process that misbehaves on purpose: errors, retries, deadlines,
 * oversized and malformed answers, TLS, and the publish outbox
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "remote-test-util.h"
#include "sluice-remote-client.h"
#include "sluice-remote-publish.h"

typedef enum
{
  FAKE_OK,
  FAKE_ERROR_500,
  FAKE_MALFORMED,
  FAKE_HUGE,
  FAKE_SILENT,          /* never answers */
  FAKE_RATE_LIMITED,    /* 429 Retry-After: 1 once, then fine */
  FAKE_UNAVAILABLE,     /* 503 until told otherwise */
  FAKE_SILENT_ONCE,     /* creates the version, then never answers the first attempt */
  FAKE_STALE,
  FAKE_INVALID,
  FAKE_FORBIDDEN,
} FakeMode;

typedef struct
{
  SoupServer *server;
  char       *url;
  FakeMode    mode;
  guint       requests;
  GHashTable *versions_by_key;   /* idempotency key → version number */
  guint       versions;
  GPtrArray  *keys_seen;
  GPtrArray  *authorizations;
  gint64      first_request_time;
  gint64      last_request_time;
} Fake;

static char *data_home;

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
respond_version (SoupServerMessage *msg,
                 guint              number)
{
  g_autofree char *body = g_strdup_printf ("{\"workflow\":\"demo\",\"number\":%u,\"digest\":\"sha256:00\","
                                           "\"author\":\"alice\",\"created_at\":\"2026-11-22T04:25:08Z\","
                                           "\"report_digest\":null,\"base_version\":%u}", number, number - 1);
  respond_json (msg, 201, body);
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fake *fake = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  gboolean publish = g_str_equal (soup_server_message_get_method (msg), "POST")
                     && g_str_equal (path, "/v1/workflows/demo/versions");

  fake->requests++;
  fake->last_request_time = g_get_monotonic_time ();
  if (fake->first_request_time == 0)
    fake->first_request_time = fake->last_request_time;
  g_ptr_array_add (fake->authorizations, g_strdup (authorization ? authorization : ""));
  if (key != NULL)
    g_ptr_array_add (fake->keys_seen, g_strdup (key));

  if (g_str_equal (path, "/v1/health"))
    {
      respond_json (msg, 200, "{\"status\":\"ok\",\"version\":\"9.9\"}");
      return;
    }
  if (g_strcmp0 (authorization, "Bearer good") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "WWW-Authenticate", "Bearer");
      respond_json (msg, 401, "{\"error\":{\"code\":\"unauthenticated\",\"message\":\"who are you?\"}}");
      return;
    }

  switch (fake->mode)
    {
    case FAKE_ERROR_500:
      respond_json (msg, 500, "{\"error\":{\"code\":\"internal\",\"message\":\"the disk is on fire\"}}");
      return;
    case FAKE_MALFORMED:
      respond_json (msg, 200, "{\"workflows\": [ {\"name\": ");
      return;
    case FAKE_HUGE:
      {
        gsize size = 3 * 1024 * 1024;
        char *body = g_malloc (size);

        memset (body, ' ', size);
        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, size);
      }
      return;
    case FAKE_SILENT:
      soup_server_message_pause (msg);
      return;
    case FAKE_RATE_LIMITED:
      if (fake->requests == 1)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
          respond_json (msg, 429, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}");
          return;
        }
      break;
    case FAKE_UNAVAILABLE:
      respond_json (msg, 503, "{\"error\":{\"code\":\"internal\",\"message\":\"restarting\"}}");
      return;
    case FAKE_STALE:
      respond_json (msg, 409, "{\"error\":{\"code\":\"stale_base\",\"message\":\"base 0 is not the latest\","
                              "\"current_version\":7}}");
      return;
    case FAKE_INVALID:
      respond_json (msg, 422, "{\"error\":{\"code\":\"invalid_workflow\",\"message\":\"the workflow has errors\","
                              "\"diagnostics\":[{\"severity\":\"error\",\"rule\":\"graph/dangling-edge\","
                              "\"path\":\"spec.steps[0].next\",\"line\":20,\"column\":11,"
                              "\"message\":\"“first” leads to “nowhere”\"}]}}");
      return;
    case FAKE_FORBIDDEN:
      respond_json (msg, 403, "{\"error\":{\"code\":\"forbidden\",\"message\":\"This request needs the role author; "
                              "val has the role viewer\",\"required_role\":\"author\"}}");
      return;
    case FAKE_OK:
    case FAKE_SILENT_ONCE:
    default:
      break;
    }

  if (publish)
    {
      gpointer number = key ? g_hash_table_lookup (fake->versions_by_key, key) : NULL;

      if (number == NULL)
        {
          number = GUINT_TO_POINTER (++fake->versions);
          if (key != NULL)
            g_hash_table_insert (fake->versions_by_key, g_strdup (key), number);
          /* the version exists now, but the answer gets lost */
          if (fake->mode == FAKE_SILENT_ONCE)
            {
              soup_server_message_pause (msg);
              return;
            }
        }
      respond_version (msg, GPOINTER_TO_UINT (number));
      return;
    }

  if (g_str_equal (path, "/v1/workflows"))
    respond_json (msg, 200, "{\"workflows\":[{\"name\":\"demo\",\"latest_version\":3,\"active_version\":2,"
                            "\"mode\":\"canary\",\"paused\":true}]}");
  else if (g_str_equal (path, "/v1/workflows/demo/status"))
    respond_json (msg, 200, "{\"workflow\":\"demo\",\"revision\":12,\"active_version\":2,\"mode\":\"canary\","
                            "\"canary\":{\"percent\":5.0},\"paused\":true,"
                            "\"paused_reason\":\"error budget breached: 7.5% errors over 5 min (budget 2%)\","
                            "\"kill_switch\":false,\"counters\":{\"events\":40,\"actions\":30,\"errors\":3},"
                            "\"error_rate\":0.075,\"error_budget\":{\"max_error_rate\":0.02,\"window_seconds\":300,"
                            "\"min_events\":20},\"updated_at\":\"2026-11-22T04:25:08Z\"}");
  else if (g_str_equal (path, "/v1/workflows/demo/runtime"))
    respond_json (msg, 200, "{}");
  else
    respond_json (msg, 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no such thing\"}}");
}

static Fake *
fake_new (FakeMode mode)
{
  Fake *fake = g_new0 (Fake, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fake->mode = mode;
  fake->versions_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->keys_seen = g_ptr_array_new_with_free_func (g_free);
  fake->authorizations = g_ptr_array_new_with_free_func (g_free);
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, handle_cb, fake, NULL);
  soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fake->server);
  fake->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return fake;
}

static void
fake_free (Fake *fake)
{
  /* closed connections and paused messages are let go by the main loop:
   * without this, what a test left behind depends on timing */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  soup_server_disconnect (fake->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fake->server);
  g_hash_table_unref (fake->versions_by_key);
  g_ptr_array_unref (fake->keys_seen);
  g_ptr_array_unref (fake->authorizations);
  g_free (fake->url);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fake, fake_free)

static SluiceRemoteClient *
client_for (const char *url,
            const char *token)
{
  g_autoptr(GError) error = NULL;
  SluiceRemoteClient *client = sluice_remote_client_new (url, &error);

  g_assert_no_error (error);
  sluice_remote_client_set_token (client, token);
  sluice_remote_client_set_timeout (client, 5);
  /* fast retries, so the tests are quick */
  sluice_remote_client_set_retry_policy (client, 3, 10, 40);
  return client;
}

static GPtrArray *
list_workflows (SluiceRemoteClient  *client,
                GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sluice_remote_client_list_workflows_async (client, NULL, remote_test_got_result, &result);
  return sluice_remote_client_list_workflows_finish (client, remote_test_wait (&result), error);
}

static void
test_typed_records (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_OK);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) health_result = NULL;
  g_autoptr(GPtrArray) workflows = NULL;
  g_autoptr(SluiceRemoteStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  SluiceRemoteWorkflowInfo *info;

  sluice_remote_client_health_async (client, NULL, remote_test_got_result, &health_result);
  version = sluice_remote_client_health_finish (client, remote_test_wait (&health_result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (version, ==, "9.9");
  /* health is the one call without the token */
  g_assert_cmpstr (g_ptr_array_index (fake->authorizations, 0), ==, "");

  workflows = list_workflows (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workflows->len, ==, 1);
  info = g_ptr_array_index (workflows, 0);
  g_assert_cmpstr (info->name, ==, "demo");
  g_assert_cmpint (info->latest_version, ==, 3);
  g_assert_cmpint (info->active_version, ==, 2);
  g_assert_cmpint (info->mode, ==, SLUICE_REMOTE_MODE_CANARY);
  g_assert_true (info->paused);
  g_assert_cmpstr (g_ptr_array_index (fake->authorizations, 1), ==, "Bearer good");

  sluice_remote_client_get_status_async (client, "demo", -1, 0, NULL, remote_test_got_result, &result);
  status = sluice_remote_client_get_status_finish (client, remote_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->revision, ==, 12);
  g_assert_cmpfloat (status->canary_percent, ==, 5.0);
  g_assert_null (status->canary_segment);
  g_assert_cmpint (status->events, ==, 40);
  g_assert_cmpint (status->errors, ==, 3);
  g_assert_cmpfloat_with_epsilon (status->error_rate, 0.075, 1e-9);
  g_assert_cmpfloat_with_epsilon (status->error_budget.max_error_rate, 0.02, 1e-9);
  g_assert_cmpint (status->error_budget.window_seconds, ==, 300);
  g_assert_true (g_str_has_prefix (status->paused_reason, "error budget breached"));
  g_assert_cmpint (g_date_time_get_year (status->updated_at), ==, 2026);
}

static void
test_server_error (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_ERROR_500);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workflows = list_workflows (client, &error);

  g_assert_null (workflows);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SERVER);
  g_assert_cmpuint (sluice_remote_error_get_http_status (error), ==, 500);
  g_assert_cmpstr (sluice_remote_error_get_code (error), ==, "internal");
  g_assert_nonnull (strstr (error->message, "the disk is on fire"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  /* a 500 is not one of the statuses worth retrying */
  g_assert_cmpuint (fake->requests, ==, 1);
}

static void
test_malformed_body (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_MALFORMED);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workflows = list_workflows (client, &error);

  g_assert_null (workflows);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
}

static void
test_oversized_body (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_HUGE);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workflows = NULL;

  sluice_remote_client_set_max_response_size (client, 1024 * 1024);
  workflows = list_workflows (client, &error);
  g_assert_null (workflows);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "larger than"));
}

static void
test_unauthenticated (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_OK);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "tok-xyz987");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workflows = list_workflows (client, &error);

  g_assert_null (workflows);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_UNAUTHENTICATED);
  g_assert_nonnull (strstr (error->message, "token"));
  /* the message never repeats the token */
  g_assert_null (strstr (error->message, "xyz987"));
  g_assert_cmpstr (g_ptr_array_index (fake->authorizations, 0), ==, "Bearer tok-xyz987");
}

static void
test_forbidden_names_role (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_FORBIDDEN);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workflows = list_workflows (client, &error);

  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_FORBIDDEN);
  g_assert_cmpstr (sluice_remote_error_get_required_role (error), ==, "author");
  g_assert_nonnull (strstr (error->message, "“author” role"));
}

static void
test_rate_limited_retried (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_RATE_LIMITED);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workflows = list_workflows (client, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (workflows->len, ==, 1);
  g_assert_cmpuint (fake->requests, ==, 2);
  /* Retry-After: 1 was honoured, not the 10 ms backoff */
  g_assert_cmpint (fake->last_request_time - fake->first_request_time, >=, 900 * G_TIME_SPAN_MILLISECOND);
}

static void
test_unavailable_retried_then_reported (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_UNAVAILABLE);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workflows = list_workflows (client, &error);

  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SERVER);
  g_assert_true (sluice_remote_error_is_transient (error));
  g_assert_cmpuint (fake->requests, ==, 3);
  g_clear_error (&error);

  /* a POST without an idempotency key is never repeated */
  fake->requests = 0;
  sluice_remote_client_report_runtime_async (client, "demo", 10, 5, 1, NULL, remote_test_got_result, &result);
  g_assert_false (sluice_remote_client_report_runtime_finish (client, remote_test_wait (&result), &error));
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SERVER);
  g_assert_cmpuint (fake->requests, ==, 1);
}

static void
test_deadline (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_SILENT);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workflows = NULL;
  gint64 start = g_get_monotonic_time ();

  sluice_remote_client_set_timeout (client, 1);
  sluice_remote_client_set_retry_policy (client, 2, 10, 10);
  workflows = list_workflows (client, &error);
  g_assert_null (workflows);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "did not answer in time"));
  g_assert_cmpuint (fake->requests, ==, 2);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_TIME_SPAN_SECOND);
}

static void
cancel_soon_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_SILENT);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workflows = NULL;

  g_timeout_add_once (100, cancel_soon_cb, cancellable);
  sluice_remote_client_list_workflows_async (client, cancellable, remote_test_got_result, &result);
  workflows = sluice_remote_client_list_workflows_finish (client, remote_test_wait (&result), &error);
  g_assert_null (workflows);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fake->requests, ==, 1);
}

static void
test_connection_refused (void)
{
  g_autoptr(SluiceRemoteClient) client = client_for ("http://127.0.0.1:1", "good");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workflows = list_workflows (client, &error);

  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "refused"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1:1"));
}

static void
test_dns (void)
{
  g_autoptr(SluiceRemoteClient) client = client_for ("http://no-such-host.invalid:8470", "good");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workflows = list_workflows (client, &error);

  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_DNS);
  g_assert_nonnull (strstr (error->message, "no-such-host.invalid"));
}

static void
test_bad_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SluiceRemoteClient) client = sluice_remote_client_new ("ftp://example.com", &error);

  g_assert_null (client);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS);
}

static void
health_only_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  respond_json (msg, 200, "{\"status\":\"ok\",\"version\":\"9.9\"}");
}

static void
test_tls (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert_path = g_test_build_filename (G_TEST_DIST, "test-cert.pem", NULL);
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "test-key.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SluiceRemoteClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autofree char *url = NULL;
  g_autofree char *version = NULL;
  GSList *uris;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return;
    }
  g_assert_no_error (error);

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, "/v1/health", health_only_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_assert_true (g_str_has_prefix (url, "https://"));

  client = client_for (url, "good");
  sluice_remote_client_health_async (client, NULL, remote_test_got_result, &result);
  version = sluice_remote_client_health_finish (client, remote_test_wait (&result), &error);
  g_assert_null (version);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "self-signed"));
  g_assert_nonnull (strstr (error->message, "--insecure"));
  g_clear_error (&error);

  /* the demo opt-out, per server */
  sluice_remote_client_set_tls_insecure (client, TRUE);
  sluice_remote_client_health_async (client, NULL, remote_test_got_result, &second);
  version = sluice_remote_client_health_finish (client, remote_test_wait (&second), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (version, ==, "9.9");
  soup_server_disconnect (server);
}

static void
test_error_mapping (void)
{
  struct { guint status; const char *body; int code; const char *says; } cases[] = {
    { 400, "{\"error\":{\"code\":\"invalid_request\",\"message\":\"unknown field “colour”\"}}",
      SLUICE_REMOTE_ERROR_INVALID, "colour" },
    { 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no workflow “x”\"}}", SLUICE_REMOTE_ERROR_NOT_FOUND, "“x”" },
    { 409, "{\"error\":{\"code\":\"invalid_transition\",\"message\":\"full only from canary\",\"mode\":\"shadow\"}}",
      SLUICE_REMOTE_ERROR_CONFLICT, "shadow mode" },
    { 409, "{\"error\":{\"code\":\"no_good_version\",\"message\":\"none\"}}", SLUICE_REMOTE_ERROR_CONFLICT, "roll back" },
    { 413, "{\"error\":{\"code\":\"too_large\",\"message\":\"over 1 MiB\"}}", SLUICE_REMOTE_ERROR_TOO_LARGE, "too large" },
    { 423, "{\"error\":{\"code\":\"kill_switch\",\"message\":\"engaged\"}}", SLUICE_REMOTE_ERROR_KILL_SWITCH, "kill switch" },
    { 422, "{\"error\":{\"code\":\"idempotency_key_reused\",\"message\":\"x\"}}", SLUICE_REMOTE_ERROR_INVALID, "idempotency key" },
    { 502, "<html>Bad Gateway</html>", SLUICE_REMOTE_ERROR_SERVER, "502" },
    { 418, "", SLUICE_REMOTE_ERROR_PROTOCOL, "418" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autoptr(GError) error = sluice_remote_error_new_for_response ("prod", cases[i].status, NULL, body);
      g_autoptr(GError) copy = g_error_copy (error);

      g_assert_error (error, SLUICE_REMOTE_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].says);
      g_assert_true (g_str_has_prefix (error->message, "prod") || strstr (error->message, "prod") != NULL);
      /* what the server said survives a copy */
      g_assert_cmpstr (sluice_remote_error_get_code (copy), ==, sluice_remote_error_get_code (error));
      g_assert_cmpuint (sluice_remote_error_get_http_status (copy), ==, cases[i].status);
    }
}

/* The outbox */

static SluiceRemoteVersion *
publish (SluiceRemoteClient   *client,
         SluiceRemoteOutbox   *outbox,
         gint64                base,
         SluiceRemotePending **kept,
         GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sluice_remote_publish_async (client, outbox, "demo", "apiVersion: sluice.dev/v1\n", base, NULL, NULL,
                               remote_test_got_result, &result);
  return sluice_remote_publish_finish (client, remote_test_wait (&result), kept, error);
}

static SluiceRemoteVersion *
publish_again (SluiceRemoteClient   *client,
               SluiceRemoteOutbox   *outbox,
               SluiceRemotePending  *pending,
               GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sluice_remote_publish_pending_async (client, outbox, pending, NULL, remote_test_got_result, &result);
  return sluice_remote_publish_finish (client, remote_test_wait (&result), NULL, error);
}

static guint
outbox_length (SluiceRemoteOutbox *outbox)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = sluice_remote_outbox_list (outbox, &error);

  g_assert_no_error (error);
  return list->len;
}

static void
test_outbox_confirmed (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_OK);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(SluiceRemoteOutbox) outbox = sluice_remote_outbox_new (NULL);
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(SluiceRemotePending) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (data_home, "sluice", "outbox", NULL);

  g_assert_cmpstr (sluice_remote_outbox_get_directory (outbox), ==, expected);
  version = publish (client, outbox, 0, &kept, &error);
  g_assert_no_error (error);
  g_assert_null (kept);
  g_assert_cmpint (version->number, ==, 1);
  g_assert_cmpstr (version->author, ==, "alice");
  g_assert_cmpuint (outbox_length (outbox), ==, 0);
  g_assert_cmpuint (fake->keys_seen->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (fake->keys_seen, 0), "sluice-"));
}

static void
test_outbox_kept_on_failure (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_UNAVAILABLE);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "secret-token-1234");
  g_autoptr(SluiceRemoteOutbox) outbox = sluice_remote_outbox_new (NULL);
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(SluiceRemoteVersion) retried = NULL;
  g_autoptr(SluiceRemotePending) kept = NULL;
  g_autoptr(SluiceRemotePending) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  sluice_remote_client_set_token (client, "good");
  version = publish (client, outbox, 0, &kept, &error);
  g_assert_null (version);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SERVER);
  g_clear_error (&error);

  /* kept on disk, with the error, not waiting for the author */
  g_assert_nonnull (kept);
  g_assert_false (kept->needs_author);
  g_assert_cmpuint (outbox_length (outbox), ==, 1);
  reread = sluice_remote_outbox_lookup (outbox, kept->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reread->idempotency_key, ==, kept->idempotency_key);
  g_assert_cmpstr (reread->workflow, ==, "demo");
  g_assert_true (g_str_has_prefix (fake->url, reread->server_url));
  g_assert_nonnull (strstr (reread->last_error, "restarting"));
  g_assert_cmpuint (reread->attempts, ==, 1);

  /* never a token in the outbox */
  path = g_strdup_printf ("%s/%s.json", sluice_remote_outbox_get_directory (outbox), kept->id);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "good"));
  g_assert_null (strstr (contents, "Bearer"));

  /* the server is back: the retry sends the same key, and the publish leaves the outbox */
  fake->mode = FAKE_OK;
  retried = publish_again (client, outbox, reread, &error);
  g_assert_no_error (error);
  g_assert_cmpint (retried->number, ==, 1);
  g_assert_cmpuint (outbox_length (outbox), ==, 0);
  for (guint i = 0; i < fake->keys_seen->len; i++)
    g_assert_cmpstr (g_ptr_array_index (fake->keys_seen, i), ==, kept->idempotency_key);
  g_assert_cmpuint (fake->versions, ==, 1);
}

static void
test_outbox_lost_answer (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_SILENT_ONCE);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(SluiceRemoteOutbox) outbox = sluice_remote_outbox_new (NULL);
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(GError) error = NULL;

  /* The first attempt creates version 1 but its answer never comes; the
   * retry (same key) gets version 1 back instead of making a version 2. */
  sluice_remote_client_set_timeout (client, 1);
  version = publish (client, outbox, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version->number, ==, 1);
  g_assert_cmpuint (fake->versions, ==, 1);
  g_assert_cmpuint (fake->requests, ==, 2);
  g_assert_cmpuint (outbox_length (outbox), ==, 0);
}

static void
test_outbox_needs_author (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_STALE);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(SluiceRemoteOutbox) outbox = sluice_remote_outbox_new (NULL);
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(SluiceRemoteVersion) rebased = NULL;
  g_autoptr(SluiceRemotePending) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_key = NULL;

  version = publish (client, outbox, 0, &kept, &error);
  g_assert_null (version);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_CONFLICT);
  g_assert_cmpint (sluice_remote_error_get_current_version (error), ==, 7);
  g_assert_nonnull (strstr (error->message, "version 7"));
  g_assert_true (sluice_remote_error_is_definitive (error));
  g_assert_true (kept->needs_author);
  g_assert_cmpstr (kept->last_error_code, ==, "stale_base");
  /* refused, not retried */
  g_assert_cmpuint (fake->requests, ==, 1);
  g_assert_cmpuint (outbox_length (outbox), ==, 1);
  g_clear_error (&error);

  /* rebased on 7: a new request, so a new key */
  old_key = g_strdup (kept->idempotency_key);
  sluice_remote_pending_rebase (kept, 7);
  g_assert_cmpstr (kept->idempotency_key, !=, old_key);
  g_assert_false (kept->needs_author);
  fake->mode = FAKE_OK;
  rebased = publish_again (client, outbox, kept, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox_length (outbox), ==, 0);
}

static void
test_outbox_invalid (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_INVALID);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(SluiceRemoteOutbox) outbox = sluice_remote_outbox_new (NULL);
  g_autoptr(SluiceRemotePending) kept = NULL;
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *details;

  version = publish (client, outbox, 0, &kept, &error);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "20:11: error: [graph/dangling-edge]"));
  details = sluice_remote_error_get_details (error);
  g_assert_nonnull (details);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (details, "diagnostics")), ==, 1);
  g_assert_true (kept->needs_author);
  g_assert_cmpuint (outbox_length (outbox), ==, 1);
  g_assert_true (sluice_remote_outbox_remove (outbox, kept->id, &error));
  g_assert_cmpuint (outbox_length (outbox), ==, 0);
}

static void
test_outbox_cancelled_kept (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_SILENT);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(SluiceRemoteOutbox) outbox = sluice_remote_outbox_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SluiceRemotePending) kept = NULL;
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(GError) error = NULL;

  g_timeout_add_once (100, cancel_soon_cb, cancellable);
  sluice_remote_publish_async (client, outbox, "demo", "x: 1\n", 0, NULL, cancellable, remote_test_got_result, &result);
  version = sluice_remote_publish_finish (client, remote_test_wait (&result), &kept, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (kept->last_error_code, ==, "cancelled");
  g_assert_cmpuint (outbox_length (outbox), ==, 1);
  g_assert_true (sluice_remote_outbox_remove (outbox, kept->id, NULL));
}

static void
test_outbox_ids (void)
{
  g_autoptr(SluiceRemoteOutbox) outbox = sluice_remote_outbox_new (NULL);
  g_autoptr(GError) error = NULL;

  /* ids come from the command line: no way out of the folder */
  g_assert_null (sluice_remote_outbox_lookup (outbox, "../../etc/passwd", &error));
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OUTBOX);
  g_clear_error (&error);
  g_assert_false (sluice_remote_outbox_remove (outbox, "nope-123", &error));
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OUTBOX);
}

static void
test_too_large_publish (void)
{
  g_autoptr(Fake) fake = fake_new (FAKE_OK);
  g_autoptr(SluiceRemoteClient) client = client_for (fake->url, "good");
  g_autoptr(SluiceRemoteOutbox) outbox = sluice_remote_outbox_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *yaml = g_strnfill (SLUICE_REMOTE_MAX_PUBLISH_SIZE + 1, 'x');

  sluice_remote_publish_async (client, outbox, "demo", yaml, 0, NULL, NULL, remote_test_got_result, &result);
  version = sluice_remote_publish_finish (client, remote_test_wait (&result), NULL, &error);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_TOO_LARGE);
  g_assert_cmpuint (fake->requests, ==, 0);
  g_assert_cmpuint (outbox_length (outbox), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  data_home = remote_test_mkdtemp ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_add_func ("/remote/client/typed-records", test_typed_records);
  g_test_add_func ("/remote/client/server-error", test_server_error);
  g_test_add_func ("/remote/client/malformed-body", test_malformed_body);
  g_test_add_func ("/remote/client/oversized-body", test_oversized_body);
  g_test_add_func ("/remote/client/unauthenticated", test_unauthenticated);
  g_test_add_func ("/remote/client/forbidden-names-role", test_forbidden_names_role);
  g_test_add_func ("/remote/client/rate-limited-retried", test_rate_limited_retried);
  g_test_add_func ("/remote/client/unavailable-retried", test_unavailable_retried_then_reported);
  g_test_add_func ("/remote/client/deadline", test_deadline);
  g_test_add_func ("/remote/client/cancel", test_cancel);
  g_test_add_func ("/remote/client/connection-refused", test_connection_refused);
  g_test_add_func ("/remote/client/dns", test_dns);
  g_test_add_func ("/remote/client/bad-url", test_bad_url);
  g_test_add_func ("/remote/client/tls", test_tls);
  g_test_add_func ("/remote/error/mapping", test_error_mapping);
  g_test_add_func ("/remote/outbox/confirmed", test_outbox_confirmed);
  g_test_add_func ("/remote/outbox/kept-on-failure", test_outbox_kept_on_failure);
  g_test_add_func ("/remote/outbox/lost-answer", test_outbox_lost_answer);
  g_test_add_func ("/remote/outbox/needs-author", test_outbox_needs_author);
  g_test_add_func ("/remote/outbox/invalid", test_outbox_invalid);
  g_test_add_func ("/remote/outbox/cancelled-kept", test_outbox_cancelled_kept);
  g_test_add_func ("/remote/outbox/ids", test_outbox_ids);
  g_test_add_func ("/remote/outbox/too-large", test_too_large_publish);

  status = g_test_run ();
  remote_test_rmdir (data_home);
  g_free (data_home);
  return status;
}
