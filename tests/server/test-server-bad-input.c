/* test-server-bad-input.c — sluice-server refuses bad input without falling over,
 * and keeps only the hashes of its tokens
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "server-test-util.h"

static void
assert_still_alive (TestServer *server)
{
  g_autoptr(TestResponse) response = test_request (server, "GET", "v1/health", NULL, NULL);
  test_assert_status (response, 200);
}

static void
test_bad_json (void)
{
  TestServer *server = test_server_new ();
  const char *bodies[] = {
    "", "{", "[]", "\"shadow\"", "null", "{\"mode\":shadow}", "{\"mode\":1}", "{\"mode\":[\"shadow\"]}",
    "{\"mode\":\"shadow\",\"unknown\":1}", "{\"mode\":\"shadow\",\"version\":\"1\"}",
    "{\"mode\":\"shadow\",\"version\":1.5}", "{\"mode\":\"shadow\",\"version\":-3}",
    "{\"mode\":\"shadow\",\"version\":99999999999999999999999}", "{\"mode\":\"shadow\",\"error_budget\":5}",
    "{\"mode\":\"shadow\"}garbage", "\xff\xfe{}",
  };

  test_publish_ok (server, "wf", 80, 0);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(TestResponse) response = test_request_full (server, "PUT", "v1/workflows/wf/rollout",
                                                            server->publisher, "application/json", bodies[i], -1, NULL);
      g_test_message ("body %u", i);
      test_assert_error (response, 400, "invalid_request");
    }
  {
    g_autoptr(TestResponse) response = test_request (server, "PUT", "v1/workflows/wf/rollout", server->publisher,
                                                     "{\"mode\":\"shadow\",\"colour\":\"blue\"}");
    JsonObject *error = json_object_get_object_member (test_object (response), "error");

    test_assert_error (response, 400, "invalid_request");
    g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "colour"));
  }
  {
    const char *runtime[] = { "{\"events\":-1}", "{\"events\":\"5\"}", "{\"events\":1,\"latency\":3}",
                              "{\"errors\":true}" };

    for (guint i = 0; i < G_N_ELEMENTS (runtime); i++)
      {
        g_autoptr(TestResponse) response = test_request (server, "POST", "v1/workflows/wf/runtime",
                                                         server->publisher, runtime[i]);
        test_assert_error (response, 400, "invalid_request");
      }
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "PUT", "v1/kill-switch", server->admin,
                                                     "{\"engaged\":\"yes\"}");
    test_assert_error (response, 400, "invalid_request");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "POST", "v1/workflows/wf/rollout/pause", server->publisher,
                                                     "{\"why\":\"x\"}");
    test_assert_error (response, 400, "invalid_request");
  }
  {
    g_autoptr(TestResponse) response = test_request_full (server, "PUT", "v1/workflows/wf/rollout", server->publisher,
                                                          "text/html", "{\"mode\":\"shadow\"}", -1, NULL);
    test_assert_error (response, 415, "unsupported_media_type");
  }
  {
    /* nothing above changed the rollout */
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/rollout", server->viewer, NULL);
    g_assert_cmpstr (json_object_get_string_member (test_object (response), "mode"), ==, "disabled");
  }
  assert_still_alive (server);
  test_server_free (server);
}

static void
test_bad_yaml (void)
{
  TestServer *server = test_server_new ();
  const char *documents[] = {
    "", "\t\t", "- a\n- b\n", "a: b: c", "key: [unclosed", "&a [*a]", "!!binary AAAA",
    "apiVersion: sluice.dev/v1\nkind: Workflow\nmetadata:\n  name: wf\n  name: wf\n",
    "apiVersion: sluice.dev/v1\nkind: Workflow\nmetadata:\n  name: wf\nspec: 5\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(TestResponse) response = test_publish (server, server->author, "wf", documents[i], 0, NULL, NULL);
      g_test_message ("document %u", i);
      test_assert_error (response, 422, "invalid_workflow");
    }
  {
    g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/workflows/wf/versions", server->author,
                                                          "application/yaml", "name: \xff\xfe", -1,
                                                          (const char *[]) { "Sluice-Base-Version", "0", NULL });
    g_assert_cmpuint (response->status, >=, 400);
    g_assert_cmpuint (response->status, <, 500);
  }
  assert_still_alive (server);
  test_server_free (server);
}

static void
test_too_large (void)
{
  TestServer *server = test_server_new ();
  gsize size = 2 * 1024 * 1024;
  g_autofree char *big = g_malloc (size);

  memset (big, 'a', size);
  {
    g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/workflows/wf/versions", server->author,
                                                          "application/yaml", big, size,
                                                          (const char *[]) { "Sluice-Base-Version", "0", NULL });
    test_assert_error (response, 413, "too_large");
  }
  {
    /* JSON routes take 64 KiB; no token needed to be refused early */
    g_autoptr(TestResponse) response = test_request_full (server, "PUT", "v1/kill-switch", NULL,
                                                          "application/json", big, 100 * 1024, NULL);
    test_assert_error (response, 413, "too_large");
  }
  {
    /* reports may be bigger: 2 MiB is under their limit, but it is no report */
    g_autoptr(TestResponse) response = test_request_full (server, "POST", "v1/reports", server->author,
                                                          "application/json", big, size, NULL);
    test_assert_error (response, 400, "invalid_request");
  }
  assert_still_alive (server);
  test_server_free (server);
}

static void
test_names_and_paths (void)
{
  TestServer *server = test_server_new ();
  const char *bad_names[] = {
    "..a", "UPPER", "a.b", "a_b", "-a", "a-", "a%20b", "%C3%A9t%C3%A9",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  };
  const char *traversals[] = {
    "v1/workflows/../versions", "v1/workflows/%2e%2e/versions", "v1/workflows/%2E%2E/status",
    "v1/workflows/a%2fb/versions", "v1/workflows/..%2f..%2fetc/status", "v1/workflows/wf/../../audit/x",
  };

  test_publish_ok (server, "wf", 80, 0);
  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autofree char *path = g_strdup_printf ("v1/workflows/%s/versions", bad_names[i]);
      g_autoptr(TestResponse) response = test_request (server, "GET", path, server->viewer, NULL);

      g_test_message ("name %s", bad_names[i]);
      test_assert_error (response, 400, "invalid_name");
    }
  {
    g_autofree char *yaml = test_workflow_yaml ("wf", 80);
    g_autoptr(TestResponse) response = test_publish (server, server->author, "WF", yaml, 0, NULL, NULL);
    test_assert_error (response, 400, "invalid_name");
  }
  /* dot segments and encoded slashes never reach a handler as a name */
  for (guint i = 0; i < G_N_ELEMENTS (traversals); i++)
    {
      g_autoptr(TestResponse) response = test_request (server, "GET", traversals[i], server->viewer, NULL);

      /* 400 from libsoup itself when it cannot parse the target */
      g_test_message ("path %s: %u", traversals[i], response->status);
      g_assert_true (response->status == 400 || response->status == 404);
    }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/versions/abc", server->viewer, NULL);
    test_assert_error (response, 400, "invalid_request");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/versions/0", server->viewer, NULL);
    test_assert_error (response, 400, "invalid_request");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/nothing", server->viewer, NULL);
    test_assert_error (response, 404, "not_found");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "index.html", NULL, NULL);
    test_assert_error (response, 404, "not_found");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "DELETE", "v1/workflows/wf/versions", server->admin, NULL);
    test_assert_error (response, 405, "method_not_allowed");
    g_assert_nonnull (strstr (soup_message_headers_get_one (response->headers, "Allow"), "POST"));
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/audit?limit=0", server->viewer, NULL);
    test_assert_error (response, 400, "invalid_request");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/audit?before=abc", server->viewer, NULL);
    test_assert_error (response, 400, "invalid_request");
  }
  assert_still_alive (server);
  test_server_free (server);
}

/* The token printed once; the database holds its SHA-256 and never the token. */
static void
test_token_hash_only (void)
{
  TestServer *server = test_server_new ();
  g_autofree char *db_path = g_build_filename (server->data_dir, "sluice-server.db", NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, server->author, -1);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_rows = 0;
  gboolean found_hash = FALSE;

  g_assert_true (g_str_has_prefix (server->author, "slc_"));
  g_assert_cmpuint (strlen (server->author), ==, 4 + 64);
  g_assert_cmpstr (server->author, !=, server->viewer);

  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/whoami", server->author, NULL);
    test_assert_status (response, 200);
  }
  test_server_stop (server);

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM tokens", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      n_rows++;
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);

          g_assert_true (value == NULL || strstr (value, "slc_") == NULL);
          if (g_strcmp0 (value, hash) == 0)
            found_hash = TRUE;
        }
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_rows, ==, 4);
  g_assert_true (found_hash);

  /* nowhere else either: not in the audit trail */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit WHERE details LIKE '%slc_%'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (db_path, &contents, &length, NULL));
    g_assert_null (g_strstr_len (contents, length, server->author));
  }

  {
    int status = -1;
    g_autofree char *out = test_server_run_command (&status, "token", "create", "--data-dir", server->data_dir,
                                                    "--role", "emperor", "--name", "x", NULL);
    g_assert_cmpint (status, ==, 2);
  }

  test_server_start (server);
  test_server_free (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/bad-input/json", test_bad_json);
  g_test_add_func ("/server/bad-input/yaml", test_bad_yaml);
  g_test_add_func ("/server/bad-input/too-large", test_too_large);
  g_test_add_func ("/server/bad-input/names-and-paths", test_names_and_paths);
  g_test_add_func ("/server/auth/token-hash-only", test_token_hash_only);

  return g_test_run ();
}
