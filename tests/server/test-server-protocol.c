/* test-server-protocol.c — sluice-server: auth, roles, publishing, reports, run-test
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "server-test-util.h"

static void
test_health_and_auth (void)
{
  TestServer *server = test_server_new ();
  const char *garbage[] = {
    "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearer", "Bearer ", "bearer", "Bearer a b", "Token abc",
    "Bearer slc_0000000000000000000000000000000000000000000000000000000000000000",
  };

  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/health", NULL, NULL);
    test_assert_status (response, 200);
    g_assert_cmpstr (json_object_get_string_member (test_object (response), "status"), ==, "ok");
    g_assert_cmpstr (json_object_get_string_member (test_object (response), "version"), ==, "0.1.0");
  }

  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/whoami", NULL, NULL);
    test_assert_error (response, 401, "unauthenticated");
    g_assert_true (g_str_has_prefix (soup_message_headers_get_one (response->headers, "WWW-Authenticate"), "Bearer"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      const char *headers[] = { "Authorization", garbage[i], NULL };
      g_autoptr(TestResponse) response = test_request_full (server, "GET", "v1/whoami", NULL, NULL, NULL, 0, headers);
      test_assert_error (response, 401, "unauthenticated");
    }

  {
    /* a very long header, and bytes that are not text */
    g_autofree char *long_token = g_strnfill (100000, 'x');
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/whoami", long_token, NULL);
    /* refused: by libsoup (dropped or 4xx) or as an unknown token */
    g_assert_true (response->status == 0 || (response->status >= 400 && response->status < 500));
    g_assert_cmpuint (response->status, !=, 200);
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/health", NULL, NULL);
    test_assert_status (response, 200);
  }
  {
    const char *headers[] = { "Authorization", "Bearer \xff\xfe\x01", NULL };
    g_autoptr(TestResponse) response = test_request_full (server, "GET", "v1/whoami", NULL, NULL, NULL, 0, headers);
    test_assert_error (response, 401, "unauthenticated");
  }

  {
    const char *tokens[] = { server->viewer, server->author, server->publisher, server->admin };
    const char *names[] = { "vera", "alice", "paul", "ada" };
    const char *roles[] = { "viewer", "author", "publisher", "admin" };

    for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
      {
        g_autoptr(TestResponse) response = test_request (server, "GET", "v1/whoami", tokens[i], NULL);
        test_assert_status (response, 200);
        g_assert_cmpstr (json_object_get_string_member (test_object (response), "name"), ==, names[i]);
        g_assert_cmpstr (json_object_get_string_member (test_object (response), "role"), ==, roles[i]);
      }
  }

  test_server_free (server);
}

/* Each role may do its own things and those of the roles before it. */
static void
test_roles (void)
{
  TestServer *server = test_server_new ();
  g_autofree char *yaml = test_workflow_yaml ("roles", 80);
  const char *shadow = "{\"mode\":\"shadow\"}";

  {
    g_autoptr(TestResponse) response = test_publish (server, server->viewer, "roles", yaml, 0, NULL, NULL);
    test_assert_error (response, 403, "forbidden");
  }
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "roles", yaml, 0, NULL, NULL);
    test_assert_status (response, 201);
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/roles/versions", server->viewer, NULL);
    test_assert_status (response, 200);
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "PUT", "v1/workflows/roles/rollout", server->author, shadow);
    test_assert_error (response, 403, "forbidden");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "PUT", "v1/workflows/roles/rollout", server->publisher, shadow);
    test_assert_status (response, 200);
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "POST", "v1/workflows/roles/runtime", server->author,
                                                     "{\"events\":1}");
    test_assert_error (response, 403, "forbidden");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "POST", "v1/workflows/roles/runtime", server->publisher,
                                                     "{\"events\":1}");
    test_assert_status (response, 200);
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "POST", "v1/workflows/roles/rollout/pause", server->viewer, NULL);
    test_assert_error (response, 403, "forbidden");
  }
  {
    g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/workflows/roles/versions/1/run-test",
                                                          server->viewer, "application/json", "[]", -1, NULL);
    test_assert_error (response, 403, "forbidden");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "PUT", "v1/kill-switch", server->publisher,
                                                     "{\"engaged\":true}");
    test_assert_error (response, 403, "forbidden");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/kill-switch", server->viewer, NULL);
    test_assert_status (response, 200);
    g_assert_false (json_object_get_boolean_member (test_object (response), "engaged"));
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "PUT", "v1/kill-switch", server->admin,
                                                     "{\"engaged\":false}");
    test_assert_status (response, 200);
  }

  test_server_free (server);
}

static void
test_publish_and_versions (void)
{
  TestServer *server = test_server_new ();
  g_autofree char *v1 = test_workflow_yaml ("quota", 80);
  g_autofree char *v2 = test_workflow_yaml ("quota", 85);
  g_autofree char *v3 = test_workflow_yaml ("quota", 90);

  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/quota/versions", server->viewer, NULL);
    test_assert_status (response, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (test_object (response), "versions")), ==, 0);
  }
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota", v1, 0, "key-1", NULL);
    JsonObject *version;

    test_assert_status (response, 201);
    version = test_object (response);
    g_assert_cmpstr (json_object_get_string_member (version, "workflow"), ==, "quota");
    g_assert_cmpint (json_object_get_int_member (version, "number"), ==, 1);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (version, "digest"), "sha256:"));
    g_assert_cmpstr (json_object_get_string_member (version, "author"), ==, "alice");
    g_assert_true (json_object_get_null_member (version, "report_digest"));
    g_assert_cmpint (json_object_get_int_member (version, "base_version"), ==, 0);
    g_assert_true (g_str_has_suffix (json_object_get_string_member (version, "created_at"), "Z"));
  }

  /* the same request again: the same answer, no new version */
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota", v1, 0, "key-1", NULL);
    test_assert_status (response, 201);
    g_assert_cmpint (json_object_get_int_member (test_object (response), "number"), ==, 1);
  }
  /* the same key for another body */
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota", v2, 1, "key-1", NULL);
    test_assert_error (response, 422, "idempotency_key_reused");
  }
  /* stale base */
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota", v2, 0, "key-2", NULL);
    JsonObject *error;

    test_assert_error (response, 409, "stale_base");
    error = json_object_get_object_member (test_object (response), "error");
    g_assert_cmpint (json_object_get_int_member (error, "current_version"), ==, 1);
  }
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota", v2, 1, "key-2", NULL);
    test_assert_status (response, 201);
    g_assert_cmpint (json_object_get_int_member (test_object (response), "number"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (test_object (response), "base_version"), ==, 1);
  }
  /* the first key, retried after another version came: still version 1 */
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota", v1, 0, "key-1", NULL);
    test_assert_status (response, 201);
    g_assert_cmpint (json_object_get_int_member (test_object (response), "number"), ==, 1);
  }
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota", v3, 2, NULL, NULL);
    test_assert_status (response, 201);
  }

  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/quota/versions", server->viewer, NULL);
    JsonArray *versions;

    test_assert_status (response, 200);
    versions = json_object_get_array_member (test_object (response), "versions");
    g_assert_cmpuint (json_array_get_length (versions), ==, 3);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (versions, 0), "number"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (versions, 2), "number"), ==, 1);
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/quota/versions/2", server->viewer, NULL);
    test_assert_status (response, 200);
    g_assert_cmpstr (json_object_get_string_member (test_object (response), "yaml"), ==, v2);
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/quota/versions/9", server->viewer, NULL);
    test_assert_error (response, 404, "not_found");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows", server->viewer, NULL);
    JsonObject *workflow;

    test_assert_status (response, 200);
    workflow = json_array_get_object_element (json_object_get_array_member (test_object (response), "workflows"), 0);
    g_assert_cmpstr (json_object_get_string_member (workflow, "name"), ==, "quota");
    g_assert_cmpint (json_object_get_int_member (workflow, "latest_version"), ==, 3);
    g_assert_true (json_object_get_null_member (workflow, "active_version"));
    g_assert_cmpstr (json_object_get_string_member (workflow, "mode"), ==, "disabled");
    g_assert_false (json_object_get_boolean_member (workflow, "paused"));
  }

  test_server_free (server);
}

static void
test_publish_invalid (void)
{
  TestServer *server = test_server_new ();
  g_autofree char *other = test_workflow_yaml ("other-name", 80);
  g_autofree char *v1 = test_workflow_yaml ("quota", 80);

  /* YAML that does not parse: the diagnostics point at it */
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota",
                                                     "apiVersion: sluice.dev/v1\nkind: [Workflow\n", 0, NULL, NULL);
    JsonArray *diagnostics;
    JsonObject *first;

    test_assert_error (response, 422, "invalid_workflow");
    diagnostics = json_object_get_array_member (json_object_get_object_member (test_object (response), "error"),
                                                "diagnostics");
    g_assert_cmpuint (json_array_get_length (diagnostics), >=, 1);
    first = json_array_get_object_element (diagnostics, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "severity"), ==, "error");
    g_assert_true (json_object_has_member (first, "rule"));
    g_assert_true (json_object_has_member (first, "path"));
    g_assert_cmpint (json_object_get_int_member (first, "line"), >=, 2);
    g_assert_cmpint (json_object_get_int_member (first, "column"), >=, 1);
  }
  /* valid YAML, not a valid workflow */
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota",
                                                     "apiVersion: sluice.dev/v1\nkind: Workflow\nmetadata:\n  name: quota\n",
                                                     0, NULL, NULL);
    test_assert_error (response, 422, "invalid_workflow");
  }
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota", other, 0, NULL, NULL);
    JsonArray *diagnostics;

    test_assert_error (response, 422, "invalid_workflow");
    diagnostics = json_object_get_array_member (json_object_get_object_member (test_object (response), "error"),
                                                "diagnostics");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (diagnostics, 0), "path"),
                     ==, "metadata.name");
  }
  {
    g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/workflows/quota/versions", server->author,
                                                          "application/yaml", v1, -1, NULL);
    test_assert_error (response, 400, "invalid_request");
  }
  {
    const char *bad_bases[] = { "abc", "-1", "1.5", "+1", "0x1", "99999999999999999999" };

    for (guint i = 0; i < G_N_ELEMENTS (bad_bases); i++)
      {
        const char *headers[] = { "Sluice-Base-Version", bad_bases[i], NULL };
        g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/workflows/quota/versions",
                                                              server->author, "application/yaml", v1, -1, headers);
        test_assert_error (response, 400, "invalid_request");
      }
  }
  {
    g_autofree char *long_key = g_strnfill (129, 'k');
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota", v1, 0, long_key, NULL);
    test_assert_error (response, 400, "invalid_request");
  }
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota", v1, 0, NULL,
                                                     "sha256:0000000000000000000000000000000000000000000000000000000000000000");
    test_assert_error (response, 422, "invalid_request");
  }
  {
    g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/workflows/quota/versions", server->author,
                                                          "image/png", v1, -1,
                                                          (const char *[]) { "Sluice-Base-Version", "0", NULL });
    test_assert_error (response, 415, "unsupported_media_type");
  }
  /* nothing above made a version */
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/quota/versions", server->viewer, NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (test_object (response), "versions")), ==, 0);
  }

  test_server_free (server);
}

static const char run_test_events[] =
  "{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"usage.updated\",\"source\":\"//billing\",\"time\":\"2026-10-02T00:00:00Z\","
  "\"data\":{\"account\":\"acct-1\",\"metric\":\"storage\",\"percent\":91,\"quota_gb\":100,"
  "\"owner_email\":\"o@acct-1.example\",\"csm_email\":\"c@example\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"e2\",\"type\":\"usage.updated\",\"source\":\"//billing\",\"time\":\"2026-10-02T01:00:00Z\","
  "\"data\":{\"account\":\"acct-2\",\"metric\":\"storage\",\"percent\":40,\"quota_gb\":100,"
  "\"owner_email\":\"o@acct-2.example\",\"csm_email\":\"c@example\"}}\n"
  "{\"specversion\":\"1.0\",\"id\":\"e3\",\"type\":\"usage.updated\",\"source\":\"//billing\",\"time\":\"2026-10-02T02:00:00Z\","
  "\"data\":{\"account\":\"acct-3\",\"metric\":\"storage\",\"percent\":85,\"quota_gb\":100,"
  "\"owner_email\":\"o@acct-3.example\",\"csm_email\":\"c@example\"}}\n"
  "this line is not JSON\n";

static void
test_run_test (void)
{
  TestServer *server = test_server_new ();
  JsonObject *answer;
  JsonArray *candidates, *actions, *rejected;
  JsonObject *action;
  gboolean has_1 = FALSE, has_3 = FALSE;

  test_publish_ok (server, "quota", 80, 0);
  {
    g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/workflows/quota/versions/1/run-test",
                                                          server->author, "application/x-ndjson", run_test_events, -1,
                                                          NULL);
    test_assert_status (response, 200);
    answer = test_object (response);
    g_assert_cmpint (json_object_get_int_member (answer, "events"), ==, 3);

    candidates = json_object_get_array_member (answer, "candidates");
    g_assert_cmpuint (json_array_get_length (candidates), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        has_1 |= g_str_equal (json_array_get_string_element (candidates, i), "acct-1");
        has_3 |= g_str_equal (json_array_get_string_element (candidates, i), "acct-3");
      }
    g_assert_true (has_1 && has_3);

    actions = json_object_get_array_member (answer, "actions");
    g_assert_cmpuint (json_array_get_length (actions), >=, 2);
    action = json_array_get_object_element (actions, 0);
    g_assert_true (json_object_has_member (action, "step"));
    g_assert_true (json_object_has_member (action, "entity"));
    g_assert_true (json_object_has_member (action, "time"));
    g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (action, "rendered")));

    rejected = json_object_get_array_member (answer, "rejected");
    g_assert_cmpuint (json_array_get_length (rejected), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rejected, 0), "line"), ==, 4);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "logs")), >=, 1);
  }
  {
    g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/workflows/quota/versions/7/run-test",
                                                          server->author, "application/json", "[]", -1, NULL);
    test_assert_error (response, 404, "not_found");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/quota/audit?limit=1", server->viewer, NULL);
    JsonObject *entry = json_array_get_object_element (json_object_get_array_member (test_object (response), "entries"), 0);

    g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, "test_run");
    g_assert_cmpstr (json_object_get_string_member (entry, "actor"), ==, "alice");
  }

  test_server_free (server);
}

/* A real report file, written by sluice-cli report. */
static char *
make_report (TestServer *server,
             gsize      *length)
{
  g_autofree char *dir = g_build_filename (server->data_dir, "report-work", NULL);
  g_autofree char *workflow = g_build_filename (dir, "quota.workflow.yaml", NULL);
  g_autofree char *events = g_build_filename (dir, "events.jsonl", NULL);
  g_autofree char *output = g_build_filename (dir, "quota.sluice-report", NULL);
  g_autofree char *yaml = test_workflow_yaml ("quota", 80);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (workflow, yaml, -1, NULL));
  g_assert_true (g_file_set_contents (events, run_test_events, -1, NULL));
  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                          g_getenv ("SLUICE_CLI"), "report", "--events", events, "-o", output, workflow, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (cli, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (output, &data, length, &error);
  g_assert_no_error (error);

  g_unlink (workflow);
  g_unlink (events);
  g_unlink (output);
  g_rmdir (dir);
  return data;
}

static void
test_reports (void)
{
  TestServer *server = test_server_new ();
  gsize length;
  g_autofree char *report = make_report (server, &length);
  g_autofree char *expected_digest = NULL;
  g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) report, length);
  g_autofree char *yaml = test_workflow_yaml ("quota", 80);

  expected_digest = g_strconcat ("sha256:", hex, NULL);
  {
    g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/reports", server->viewer,
                                                          "application/json", report, length, NULL);
    test_assert_error (response, 403, "forbidden");
  }
  {
    g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/reports", server->author,
                                                          "application/json", report, length, NULL);
    test_assert_status (response, 201);
    g_assert_cmpstr (json_object_get_string_member (test_object (response), "digest"), ==, expected_digest);
    g_assert_true (json_object_has_member (test_object (response), "title"));
  }
  {
    g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/reports", server->author,
                                                          "application/json", report, length, NULL);
    test_assert_status (response, 200);
  }
  {
    g_autofree char *path = g_strconcat ("v1/reports/", expected_digest, NULL);
    g_autoptr(TestResponse) response = test_request (server, "GET", path, server->viewer, NULL);

    test_assert_status (response, 200);
    g_assert_cmpuint (g_bytes_get_size (response->body), ==, length);
    g_assert_true (memcmp (g_bytes_get_data (response->body, NULL), report, length) == 0);
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/reports/sha256:nothex", server->viewer, NULL);
    test_assert_error (response, 400, "invalid_request");
  }
  {
    g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/reports", server->author,
                                                          "application/json", "{\"format\":\"nope\"}", -1, NULL);
    test_assert_error (response, 400, "invalid_request");
  }

  /* a report of the 80 % version is not the review of an 85 % one */
  {
    g_autofree char *other = test_workflow_yaml ("quota", 85);
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota", other, 0, "k85", expected_digest);

    test_assert_error (response, 422, "invalid_request");
    g_assert_nonnull (strstr (json_object_get_string_member (json_object_get_object_member (test_object (response), "error"),
                                                             "message"), "another version"));
  }
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "quota", yaml, 0, "k", expected_digest);
    test_assert_status (response, 201);
    g_assert_cmpstr (json_object_get_string_member (test_object (response), "report_digest"), ==, expected_digest);
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/audit?limit=10", server->viewer, NULL);
    JsonArray *entries = json_object_get_array_member (test_object (response), "entries");
    JsonObject *published = json_array_get_object_element (entries, 0);
    JsonObject *recorded = json_array_get_object_element (entries, 1);

    g_assert_cmpstr (json_object_get_string_member (published, "action"), ==, "version_published");
    g_assert_cmpstr (json_object_get_string_member (published, "report_digest"), ==, expected_digest);
    g_assert_cmpint (json_object_get_int_member (published, "version"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (recorded, "action"), ==, "dry_run_recorded");
    g_assert_cmpstr (json_object_get_string_member (recorded, "report_digest"), ==, expected_digest);
  }

  test_server_free (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/auth/health-and-tokens", test_health_and_auth);
  g_test_add_func ("/server/auth/roles", test_roles);
  g_test_add_func ("/server/versions/publish", test_publish_and_versions);
  g_test_add_func ("/server/versions/invalid", test_publish_invalid);
  g_test_add_func ("/server/versions/run-test", test_run_test);
  g_test_add_func ("/server/reports/upload-and-reference", test_reports);

  return g_test_run ();
}
