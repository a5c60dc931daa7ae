/* server-test-util.h — a real sluice-server process and a libsoup client for tests
 *
 * The server is the installed-to-be binary ($SLUICE_SERVER_BINARY), started with
 * --listen 127.0.0.1:0 on a temporary data folder; its first line of
 * output says the port. Requests are synchronous: the server is another
 * process, so blocking here blocks nobody else.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <inttypes.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

typedef struct
{
  char        *data_dir;
  GSubprocess *process;
  char        *url;           /* "http://127.0.0.1:PORT/" */
  SoupSession *session;
  char        *viewer;
  char        *author;
  char        *publisher;
  char        *admin;
} TestServer;

typedef struct
{
  guint               status;  /* 0 when the connection failed */
  char               *transport_error;
  GBytes             *body;
  JsonNode           *json;   /* NULL when the body is not JSON */
  SoupMessageHeaders *headers;
} TestResponse;

static inline const char *
test_server_binary (void)
{
  const char *path = g_getenv ("SLUICE_SERVER_BINARY");

  g_assert_nonnull (path);
  return path;
}

/* Runs `sluice-server ARGS…` to the end; returns its stdout. */
static inline char *
test_server_run_command (int *exit_status, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) test_server_binary ());
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  *exit_status = g_subprocess_get_exit_status (process);
  return out;
}

static inline char *
test_server_create_token (const char *data_dir,
                          const char *role,
                          const char *name)
{
  int status = -1;
  g_autofree char *out = test_server_run_command (&status, "token", "create", "--data-dir", data_dir,
                                                  "--role", role, "--name", name, NULL);

  g_assert_cmpint (status, ==, 0);
  return g_strdup (g_strstrip (out));
}

/* A server outlives no failed test: it gets SIGTERM when we die. */
static void
test_server_child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static inline void
test_server_start (TestServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *line = NULL;

  g_subprocess_launcher_set_child_setup (launcher, test_server_child_setup, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error,
                                                 test_server_binary (), "--data-dir", server->data_dir,
                                                 "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on http://127.0.0.1:"));
  g_free (server->url);
  server->url = g_strdup (line + strlen ("Listening on "));
  g_assert_true (g_str_has_suffix (server->url, "/"));
}

/* SIGTERM, and the server must exit cleanly (status 0). */
static inline void
test_server_stop (TestServer *server)
{
  g_autoptr(GError) error = NULL;

  if (server->process == NULL)
    return;
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait_check (server->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&server->process);
}

static inline TestServer *
test_server_new (void)
{
  TestServer *server = g_new0 (TestServer, 1);
  g_autoptr(GError) error = NULL;

  server->data_dir = g_dir_make_tmp ("sluice-server-test-XXXXXX", &error);
  g_assert_no_error (error);
  server->viewer = test_server_create_token (server->data_dir, "viewer", "vera");
  server->author = test_server_create_token (server->data_dir, "author", "alice");
  server->publisher = test_server_create_token (server->data_dir, "publisher", "paul");
  server->admin = test_server_create_token (server->data_dir, "admin", "ada");
  server->session = soup_session_new_with_options ("timeout", 90, NULL);
  test_server_start (server);
  return server;
}

static inline void
test_server_free (TestServer *server)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  test_server_stop (server);
  g_clear_object (&server->session);

  dir = g_dir_open (server->data_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (server->data_dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (server->data_dir);

  g_free (server->data_dir);
  g_free (server->url);
  g_free (server->viewer);
  g_free (server->author);
  g_free (server->publisher);
  g_free (server->admin);
  g_free (server);
}

static inline void
test_response_free (TestResponse *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response->transport_error);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestResponse, test_response_free)

/**
 * test_request:
 * @path: under the server, e.g. "v1/whoami"
 * @token: (nullable): sent as "Authorization: Bearer TOKEN"
 * @extra_headers: (nullable): NULL-terminated name, value, name, value…
 */
static inline TestResponse *
test_request_full (TestServer         *server,
                   const char         *method,
                   const char         *path,
                   const char         *token,
                   const char         *content_type,
                   const char         *body,
                   gssize              length,
                   const char * const *extra_headers)
{
  g_autofree char *url = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  TestResponse *response = g_new0 (TestResponse, 1);
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", value);
    }
  for (guint i = 0; extra_headers != NULL && extra_headers[i] != NULL; i += 2)
    soup_message_headers_replace (headers, extra_headers[i], extra_headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }

  response->body = soup_session_send_and_read (server->session, msg, NULL, &error);
  if (response->body == NULL)
    {
      /* the server may drop a request it will not read (huge headers) */
      response->transport_error = g_strdup (error->message);
      response->body = g_bytes_new (NULL, 0);
      response->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
      return response;
    }
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (g_bytes_get_size (response->body) > 0
      && json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL),
                                     g_bytes_get_size (response->body), NULL))
    response->json = json_node_ref (json_parser_get_root (parser));
  return response;
}

static inline TestResponse *
test_request (TestServer *server,
              const char *method,
              const char *path,
              const char *token,
              const char *json_body)
{
  return test_request_full (server, method, path, token,
                            json_body ? "application/json" : NULL, json_body, -1, NULL);
}

static inline void
test_response_log (TestResponse *response)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body));
  g_autofree char *escaped = g_strescape (text, NULL);

  g_test_message ("status %u (%s), body: %s", response->status,
                  response->transport_error ? response->transport_error : "no transport error", escaped);
}

static inline JsonObject *
test_object (TestResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_node_get_object (response->json);
}

/* Asserts the status and, for errors, the protocol's error code. */
static inline void
test_assert_error (TestResponse *response,
                   guint         status,
                   const char   *code)
{
  JsonObject *error;

  if (response->status != status)
    test_response_log (response);
  g_assert_cmpuint (response->status, ==, status);
  error = json_object_get_object_member (test_object (response), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_true (strlen (json_object_get_string_member (error, "message")) > 0);
}

static inline void
test_assert_status (TestResponse *response,
                    guint         status)
{
  if (response->status != status)
    test_response_log (response);
  g_assert_cmpuint (response->status, ==, status);
}

/* The demo workflow under another name, with its threshold changed so
 * each threshold makes a different version. */
static inline char *
test_workflow_yaml (const char *name,
                    int         threshold)
{
  g_autofree char *path = g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples",
                                            "usage-quota-80.workflow.yaml", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) yaml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name_line = g_strdup_printf ("name: %s\n", name);
  g_autofree char *value_line = g_strdup_printf ("value: %d\n", threshold);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  yaml = g_string_new (text);
  g_assert_cmpint (g_string_replace (yaml, "name: usage-quota-80\n", name_line, 1), ==, 1);
  g_assert_cmpint (g_string_replace (yaml, "value: 80\n", value_line, 1), ==, 1);
  return g_string_free (g_steal_pointer (&yaml), FALSE);
}

static inline TestResponse *
test_publish (TestServer *server,
              const char *token,
              const char *name,
              const char *yaml,
              gint64      base,
              const char *key,
              const char *report)
{
  g_autofree char *path = g_strdup_printf ("v1/workflows/%s/versions", name);
  g_autofree char *base_text = g_strdup_printf ("%" PRId64, base);
  const char *headers[8] = { "Sluice-Base-Version", base_text, NULL };
  guint n = 2;

  if (key != NULL)
    {
      headers[n++] = "Idempotency-Key";
      headers[n++] = key;
    }
  if (report != NULL)
    {
      headers[n++] = "Sluice-Report";
      headers[n++] = report;
    }
  headers[n] = NULL;
  return test_request_full (server, "POST", path, token, "application/yaml", yaml, -1, headers);
}

/* Publishes threshold @threshold of @name as the next version; returns its number. */
static inline gint64
test_publish_ok (TestServer *server,
                 const char *name,
                 int         threshold,
                 gint64      base)
{
  g_autofree char *yaml = test_workflow_yaml (name, threshold);
  g_autoptr(TestResponse) response = test_publish (server, server->author, name, yaml, base, NULL, NULL);

  test_assert_status (response, 201);
  return json_object_get_int_member (test_object (response), "number");
}
