/* test-server-rollout.c — sluice-server: the rollout state machine, error
 * budget, rollback, kill switch, long polls, and state across restarts
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include "server-test-util.h"

static TestResponse *
put_rollout (TestServer *server,
             const char *name,
             const char *body)
{
  g_autofree char *path = g_strdup_printf ("v1/workflows/%s/rollout", name);
  return test_request (server, "PUT", path, server->publisher, body);
}

static TestResponse *
rollout_action (TestServer *server,
                const char *name,
                const char *action,
                const char *body)
{
  g_autofree char *path = g_strdup_printf ("v1/workflows/%s/rollout/%s", name, action);
  return test_request (server, "POST", path, server->publisher, body);
}

/* PUT that must work and leave the workflow in @mode. */
static void
assert_put (TestServer *server,
            const char *body,
            const char *mode)
{
  g_autoptr(TestResponse) response = put_rollout (server, "wf", body);

  test_assert_status (response, 200);
  g_assert_cmpstr (json_object_get_string_member (test_object (response), "mode"), ==, mode);
}

/* PUT that must be refused as a transition, naming the current mode. */
static void
assert_refused (TestServer *server,
                const char *body,
                const char *current_mode)
{
  g_autoptr(TestResponse) response = put_rollout (server, "wf", body);
  JsonObject *error;

  test_assert_error (response, 409, "invalid_transition");
  error = json_object_get_object_member (test_object (response), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "mode"), ==, current_mode);
}

static void
assert_bad (TestServer *server,
            const char *body)
{
  g_autoptr(TestResponse) response = put_rollout (server, "wf", body);
  test_assert_error (response, 400, "invalid_request");
}

static void
test_transitions (void)
{
  TestServer *server = test_server_new ();

  {
    g_autoptr(TestResponse) response = put_rollout (server, "wf", "{\"mode\":\"shadow\"}");
    test_assert_error (response, 404, "not_found");
  }
  test_publish_ok (server, "wf", 80, 0);
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/rollout", server->viewer, NULL);
    JsonObject *rollout = test_object (response);
    JsonObject *budget = json_object_get_object_member (rollout, "error_budget");

    test_assert_status (response, 200);
    g_assert_cmpstr (json_object_get_string_member (rollout, "mode"), ==, "disabled");
    g_assert_true (json_object_get_null_member (rollout, "version"));
    g_assert_true (json_object_get_null_member (rollout, "canary"));
    g_assert_true (json_object_get_boolean_member (rollout, "auto_pause"));
    g_assert_false (json_object_get_boolean_member (rollout, "paused"));
    g_assert_true (json_object_get_null_member (rollout, "last_good_version"));
    g_assert_cmpfloat (json_object_get_double_member (budget, "max_error_rate"), ==, 0.02);
    g_assert_cmpint (json_object_get_int_member (budget, "window_seconds"), ==, 300);
    g_assert_cmpint (json_object_get_int_member (budget, "min_events"), ==, 20);
  }

  /* from disabled: only disabled and shadow */
  assert_refused (server, "{\"mode\":\"canary\",\"canary_percent\":5}", "disabled");
  assert_refused (server, "{\"mode\":\"full\"}", "disabled");
  assert_put (server, "{\"mode\":\"disabled\"}", "disabled");
  {
    g_autoptr(TestResponse) response = put_rollout (server, "wf", "{\"mode\":\"shadow\",\"version\":2}");
    test_assert_error (response, 404, "not_found");
  }
  assert_put (server, "{\"mode\":\"shadow\"}", "shadow");
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/rollout", server->viewer, NULL);
    g_assert_cmpint (json_object_get_int_member (test_object (response), "version"), ==, 1);
  }
  /* from shadow */
  assert_refused (server, "{\"mode\":\"full\"}", "shadow");
  {
    g_autoptr(TestResponse) response = rollout_action (server, "wf", "promote", NULL);
    test_assert_error (response, 409, "invalid_transition");
  }
  assert_put (server, "{\"mode\":\"shadow\"}", "shadow");
  assert_bad (server, "{\"mode\":\"canary\"}");
  assert_bad (server, "{\"mode\":\"canary\",\"canary_percent\":5,\"canary_segment\":\"beta\"}");
  assert_bad (server, "{\"mode\":\"canary\",\"canary_percent\":0}");
  assert_bad (server, "{\"mode\":\"canary\",\"canary_percent\":100.5}");
  assert_bad (server, "{\"mode\":\"canary\",\"canary_percent\":\"5\"}");
  assert_bad (server, "{\"mode\":\"shadow\",\"canary_percent\":5}");
  assert_bad (server, "{\"mode\":\"sideways\"}");
  assert_bad (server, "{\"version\":1}");
  assert_bad (server, "{\"mode\":\"shadow\",\"error_budget\":{\"max_error_rate\":2}}");
  assert_bad (server, "{\"mode\":\"shadow\",\"error_budget\":{\"speed\":2}}");
  assert_bad (server, "{\"mode\":\"shadow\",\"auto_pause\":\"yes\"}");
  {
    g_autoptr(TestResponse) response = put_rollout (server, "wf", "{\"mode\":\"canary\",\"canary_percent\":5}");
    JsonObject *canary;

    test_assert_status (response, 200);
    canary = json_object_get_object_member (test_object (response), "canary");
    g_assert_cmpfloat (json_object_get_double_member (canary, "percent"), ==, 5.0);
  }
  /* canary resize, to a segment */
  {
    g_autoptr(TestResponse) response = put_rollout (server, "wf", "{\"mode\":\"canary\",\"canary_segment\":\"beta-accounts\"}");
    JsonObject *canary;

    test_assert_status (response, 200);
    canary = json_object_get_object_member (test_object (response), "canary");
    g_assert_cmpstr (json_object_get_string_member (canary, "segment"), ==, "beta-accounts");
    g_assert_false (json_object_has_member (canary, "percent"));
  }
  /* full from canary by PUT, back to canary, then promote */
  assert_put (server, "{\"mode\":\"full\"}", "full");
  assert_refused (server, "{\"mode\":\"full\"}", "full");
  assert_put (server, "{\"mode\":\"canary\",\"canary_percent\":25}", "canary");
  {
    g_autoptr(TestResponse) response = rollout_action (server, "wf", "promote", NULL);
    test_assert_status (response, 200);
    g_assert_cmpstr (json_object_get_string_member (test_object (response), "mode"), ==, "full");
    g_assert_true (json_object_get_null_member (test_object (response), "canary"));
  }
  {
    g_autoptr(TestResponse) response = rollout_action (server, "wf", "promote", NULL);
    JsonObject *error;

    test_assert_error (response, 409, "invalid_transition");
    error = json_object_get_object_member (test_object (response), "error");
    g_assert_cmpstr (json_object_get_string_member (error, "mode"), ==, "full");
  }
  assert_put (server, "{\"mode\":\"shadow\"}", "shadow");
  assert_put (server, "{\"mode\":\"disabled\"}", "disabled");

  /* budget and auto_pause settings stick */
  {
    g_autoptr(TestResponse) response = put_rollout (server, "wf",
                                                    "{\"mode\":\"shadow\",\"auto_pause\":false,"
                                                    "\"error_budget\":{\"max_error_rate\":0.1,\"min_events\":5}}");
    JsonObject *budget;

    test_assert_status (response, 200);
    g_assert_false (json_object_get_boolean_member (test_object (response), "auto_pause"));
    budget = json_object_get_object_member (test_object (response), "error_budget");
    g_assert_cmpfloat (json_object_get_double_member (budget, "max_error_rate"), ==, 0.1);
    g_assert_cmpint (json_object_get_int_member (budget, "min_events"), ==, 5);
    g_assert_cmpint (json_object_get_int_member (budget, "window_seconds"), ==, 300);
  }

  /* pause and resume */
  {
    g_autoptr(TestResponse) response = rollout_action (server, "wf", "pause", "{\"reason\":\"looking into it\"}");
    test_assert_status (response, 200);
    g_assert_true (json_object_get_boolean_member (test_object (response), "paused"));
    g_assert_cmpstr (json_object_get_string_member (test_object (response), "paused_reason"), ==, "looking into it");
  }
  {
    g_autoptr(TestResponse) response = rollout_action (server, "wf", "resume", NULL);
    test_assert_status (response, 200);
    g_assert_false (json_object_get_boolean_member (test_object (response), "paused"));
    g_assert_true (json_object_get_null_member (test_object (response), "paused_reason"));
  }

  /* the audit trail has every change, newest first */
  {
    const char *expected[] = { "resumed", "paused", "rollout_changed", "rollout_changed", "rollout_changed",
                               "promoted", "rollout_changed" };
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/audit?limit=7", server->viewer, NULL);
    JsonArray *entries = json_object_get_array_member (test_object (response), "entries");

    g_assert_cmpuint (json_array_get_length (entries), ==, 7);
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        JsonObject *entry = json_array_get_object_element (entries, i);

        g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, expected[i]);
        g_assert_cmpstr (json_object_get_string_member (entry, "actor"), ==, "paul");
        g_assert_cmpstr (json_object_get_string_member (entry, "role"), ==, "publisher");
        g_assert_cmpstr (json_object_get_string_member (entry, "workflow"), ==, "wf");
      }
    {
      JsonObject *details = json_object_get_object_member (json_array_get_object_element (entries, 2), "details");
      g_assert_cmpstr (json_object_get_string_member (details, "from_mode"), ==, "disabled");
      g_assert_cmpstr (json_object_get_string_member (details, "to_mode"), ==, "shadow");
    }
  }

  test_server_free (server);
}

static TestResponse *
report_runtime (TestServer *server,
                gint64      events,
                gint64      errors)
{
  g_autofree char *body = g_strdup_printf ("{\"events\":%" PRId64 ",\"actions\":%" PRId64
                                           ",\"errors\":%" PRId64 "}", events, events * 2, errors);
  return test_request (server, "POST", "v1/workflows/wf/runtime", server->publisher, body);
}

static JsonObject *
get_rollout (TestServer    *server,
             TestResponse **keep)
{
  *keep = test_request (server, "GET", "v1/workflows/wf/rollout", server->viewer, NULL);
  test_assert_status (*keep, 200);
  return test_object (*keep);
}

static void
test_error_budget_and_rollback (void)
{
  TestServer *server = test_server_new ();
  g_autoptr(TestResponse) keep = NULL;
  JsonObject *rollout;

  test_publish_ok (server, "wf", 80, 0);
  test_publish_ok (server, "wf", 81, 1);
  test_publish_ok (server, "wf", 82, 2);

  /* nothing ran yet: nothing to roll back to */
  assert_put (server, "{\"mode\":\"shadow\",\"version\":1}", "shadow");
  {
    g_autoptr(TestResponse) response = rollout_action (server, "wf", "rollback", NULL);
    test_assert_error (response, 409, "no_good_version");
  }

  /* version 1 runs well */
  {
    g_autoptr(TestResponse) response = report_runtime (server, 100, 1);
    JsonObject *counters;

    test_assert_status (response, 200);
    g_assert_false (json_object_get_boolean_member (test_object (response), "paused"));
    counters = json_object_get_object_member (test_object (response), "counters");
    g_assert_cmpint (json_object_get_int_member (counters, "events"), ==, 100);
    g_assert_cmpint (json_object_get_int_member (counters, "actions"), ==, 200);
    g_assert_cmpint (json_object_get_int_member (counters, "errors"), ==, 1);
  }

  /* version 2 in a canary breaks its budget */
  assert_put (server, "{\"mode\":\"canary\",\"version\":2,\"canary_percent\":5}", "canary");
  {
    g_autoptr(TestResponse) response = report_runtime (server, 10, 5);
    /* under min_events: no pause yet */
    g_assert_false (json_object_get_boolean_member (test_object (response), "paused"));
  }
  {
    g_autoptr(TestResponse) response = report_runtime (server, 30, 1);
    JsonObject *status = test_object (response);

    test_assert_status (response, 200);
    g_assert_true (json_object_get_boolean_member (status, "paused"));
    g_assert_cmpstr (json_object_get_string_member (status, "paused_reason"), ==,
                     "error budget breached: 15% errors over 5 min (budget 2%)");
    g_assert_cmpint (json_object_get_int_member (status, "active_version"), ==, 2);
    g_assert_cmpfloat (json_object_get_double_member (status, "error_rate"), ==, 6.0 / 40.0);
  }
  /* counters are still recorded while paused */
  {
    g_autoptr(TestResponse) response = report_runtime (server, 10, 0);
    JsonObject *counters = json_object_get_object_member (test_object (response), "counters");

    g_assert_cmpint (json_object_get_int_member (counters, "events"), ==, 50);
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/audit?limit=1", server->viewer, NULL);
    JsonObject *entry = json_array_get_object_element (json_object_get_array_member (test_object (response), "entries"), 0);

    g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, "auto_paused");
    g_assert_cmpint (json_object_get_int_member (entry, "version"), ==, 2);
  }

  rollout = get_rollout (server, &keep);
  g_assert_cmpint (json_object_get_int_member (rollout, "last_good_version"), ==, 1);
  g_clear_pointer (&keep, test_response_free);

  /* rollback: version 1, same canary, unpaused */
  {
    g_autoptr(TestResponse) response = rollout_action (server, "wf", "rollback", NULL);
    JsonObject *canary;

    test_assert_status (response, 200);
    g_assert_cmpint (json_object_get_int_member (test_object (response), "version"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (test_object (response), "mode"), ==, "canary");
    g_assert_false (json_object_get_boolean_member (test_object (response), "paused"));
    canary = json_object_get_object_member (test_object (response), "canary");
    g_assert_cmpfloat (json_object_get_double_member (canary, "percent"), ==, 5.0);
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/audit?limit=1", server->viewer, NULL);
    JsonObject *entry = json_array_get_object_element (json_object_get_array_member (test_object (response), "entries"), 0);
    JsonObject *details = json_object_get_object_member (entry, "details");

    g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, "rolled_back");
    g_assert_cmpint (json_object_get_int_member (details, "from_version"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (details, "to_version"), ==, 1);
  }

  /* version 3 runs fine; rolling back from it skips version 2, which breached */
  assert_put (server, "{\"mode\":\"canary\",\"version\":3,\"canary_percent\":5}", "canary");
  {
    g_autoptr(TestResponse) response = report_runtime (server, 50, 0);
    g_assert_false (json_object_get_boolean_member (test_object (response), "paused"));
  }
  {
    g_autoptr(TestResponse) response = rollout_action (server, "wf", "rollback", NULL);
    test_assert_status (response, 200);
    g_assert_cmpint (json_object_get_int_member (test_object (response), "version"), ==, 1);
  }
  /* and from 1, the last good is now 3 */
  rollout = get_rollout (server, &keep);
  g_assert_cmpint (json_object_get_int_member (rollout, "last_good_version"), ==, 3);

  test_server_free (server);
}

static void
test_kill_switch (void)
{
  TestServer *server = test_server_new ();

  test_publish_ok (server, "wf", 80, 0);
  test_publish_ok (server, "other", 80, 0);
  assert_put (server, "{\"mode\":\"shadow\"}", "shadow");
  assert_put (server, "{\"mode\":\"canary\",\"canary_percent\":10}", "canary");
  {
    g_autoptr(TestResponse) response = test_request (server, "POST", "v1/workflows/other/rollout/pause",
                                                     server->publisher, "{\"reason\":\"manual\"}");
    test_assert_status (response, 200);
  }

  {
    g_autoptr(TestResponse) response = test_request (server, "PUT", "v1/kill-switch", server->admin,
                                                     "{\"engaged\":true,\"reason\":\"incident 42\"}");
    JsonObject *state = test_object (response);

    test_assert_status (response, 200);
    g_assert_true (json_object_get_boolean_member (state, "engaged"));
    g_assert_cmpstr (json_object_get_string_member (state, "reason"), ==, "incident 42");
    g_assert_cmpstr (json_object_get_string_member (state, "updated_by"), ==, "ada");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/status", server->viewer, NULL);
    JsonObject *status = test_object (response);

    g_assert_true (json_object_get_boolean_member (status, "kill_switch"));
    g_assert_true (json_object_get_boolean_member (status, "paused"));
  }

  /* no enablement while killed; disabling still works */
  {
    g_autoptr(TestResponse) response = put_rollout (server, "wf", "{\"mode\":\"shadow\"}");
    test_assert_error (response, 423, "kill_switch");
  }
  {
    g_autoptr(TestResponse) response = rollout_action (server, "wf", "promote", NULL);
    test_assert_error (response, 423, "kill_switch");
  }
  {
    g_autoptr(TestResponse) response = rollout_action (server, "wf", "resume", NULL);
    test_assert_error (response, 423, "kill_switch");
  }
  {
    g_autoptr(TestResponse) response = put_rollout (server, "other", "{\"mode\":\"disabled\"}");
    test_assert_status (response, 200);
  }

  {
    g_autoptr(TestResponse) response = test_request (server, "PUT", "v1/kill-switch", server->admin,
                                                     "{\"engaged\":false}");
    test_assert_status (response, 200);
    g_assert_false (json_object_get_boolean_member (test_object (response), "engaged"));
  }
  /* released: wf resumes, other stays paused for its own reason */
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/status", server->viewer, NULL);
    g_assert_false (json_object_get_boolean_member (test_object (response), "kill_switch"));
    g_assert_false (json_object_get_boolean_member (test_object (response), "paused"));
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/other/status", server->viewer, NULL);
    g_assert_true (json_object_get_boolean_member (test_object (response), "paused"));
    g_assert_cmpstr (json_object_get_string_member (test_object (response), "paused_reason"), ==, "manual");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/audit?limit=2", server->viewer, NULL);
    JsonArray *entries = json_object_get_array_member (test_object (response), "entries");

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0), "action"),
                     ==, "kill_switch_released");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 1), "action"),
                     ==, "rollout_changed");
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/audit?limit=3", server->viewer, NULL);
    JsonArray *entries = json_object_get_array_member (test_object (response), "entries");
    JsonObject *engaged = json_array_get_object_element (entries, 2);

    g_assert_cmpstr (json_object_get_string_member (engaged, "action"), ==, "kill_switch_engaged");
    g_assert_true (json_object_get_null_member (engaged, "workflow"));
  }
  /* paging: before= the oldest seen goes further back */
  {
    g_autoptr(TestResponse) first = test_request (server, "GET", "v1/audit?limit=2", server->viewer, NULL);
    JsonArray *entries = json_object_get_array_member (test_object (first), "entries");
    gint64 last_id = json_object_get_int_member (json_array_get_object_element (entries, 1), "id");
    g_autofree char *path = g_strdup_printf ("v1/audit?limit=2&before=%" PRId64, last_id);
    g_autoptr(TestResponse) next = test_request (server, "GET", path, server->viewer, NULL);
    JsonArray *older = json_object_get_array_member (test_object (next), "entries");

    g_assert_cmpuint (json_array_get_length (older), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (older, 0), "id"), <, last_id);
  }

  test_server_free (server);
}

typedef struct
{
  TestServer *server;
  char       *path;
  gint64      elapsed_us;
  gint64      revision;
  guint       status;
} LongPoll;

/* In a thread with its own session: the main thread changes things meanwhile. */
static gpointer
long_poll_thread (gpointer data)
{
  LongPoll *poll = data;
  g_autofree char *url = g_strconcat (poll->server->url, poll->path, NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 90, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *authorization = g_strconcat ("Bearer ", poll->server->viewer, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 start = g_get_monotonic_time ();

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  poll->elapsed_us = g_get_monotonic_time () - start;
  poll->status = soup_message_get_status (msg);
  if (body != NULL && json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
    poll->revision = json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "revision");
  return NULL;
}

static void
test_long_poll (void)
{
  TestServer *server = test_server_new ();
  gint64 revision;

  test_publish_ok (server, "wf", 80, 0);
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/status", server->viewer, NULL);
    JsonObject *status = test_object (response);

    test_assert_status (response, 200);
    revision = json_object_get_int_member (status, "revision");
    g_assert_cmpstr (json_object_get_string_member (status, "mode"), ==, "disabled");
    g_assert_true (json_object_get_null_member (status, "active_version"));
    g_assert_false (json_object_get_boolean_member (status, "kill_switch"));
    g_assert_cmpfloat (json_object_get_double_member (status, "error_rate"), ==, 0.0);
    g_assert_true (json_object_has_member (status, "counters"));
    g_assert_true (json_object_has_member (status, "error_budget"));
    g_assert_true (json_object_has_member (status, "updated_at"));
  }

  /* nothing changes: answers after the wait, same revision */
  {
    LongPoll poll = { server, g_strdup_printf ("v1/workflows/wf/status?after=%" PRId64 "&wait=1", revision) };
    long_poll_thread (&poll);
    g_assert_cmpuint (poll.status, ==, 200);
    g_assert_cmpint (poll.revision, ==, revision);
    g_assert_cmpint (poll.elapsed_us, >=, 900000);
    g_free (poll.path);
  }

  /* a change answers at once */
  {
    LongPoll poll = { server, g_strdup_printf ("v1/workflows/wf/status?after=%" PRId64 "&wait=30", revision) };
    GThread *thread = g_thread_new ("long-poll", long_poll_thread, &poll);

    g_usleep (300000);
    assert_put (server, "{\"mode\":\"shadow\"}", "shadow");
    g_thread_join (thread);
    g_assert_cmpuint (poll.status, ==, 200);
    g_assert_cmpint (poll.revision, >, revision);
    g_assert_cmpint (poll.elapsed_us, <, 10 * G_USEC_PER_SEC);
    revision = poll.revision;
    g_free (poll.path);
  }

  /* a counter report is a change too */
  {
    LongPoll poll = { server, g_strdup_printf ("v1/workflows/wf/status?after=%" PRId64 "&wait=30", revision) };
    GThread *thread = g_thread_new ("long-poll", long_poll_thread, &poll);

    g_usleep (300000);
    {
      g_autoptr(TestResponse) response = report_runtime (server, 5, 0);
      test_assert_status (response, 200);
    }
    g_thread_join (thread);
    g_assert_cmpint (poll.revision, >, revision);
    g_assert_cmpint (poll.elapsed_us, <, 10 * G_USEC_PER_SEC);
    g_free (poll.path);
  }

  /* a revision already passed answers at once */
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/status?after=0&wait=30",
                                                     server->viewer, NULL);
    test_assert_status (response, 200);
  }
  {
    const char *bad[] = { "?after=1&wait=61", "?after=-1&wait=1", "?after=x", "?after=1&wait=1.5" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = g_strconcat ("v1/workflows/wf/status", bad[i], NULL);
        g_autoptr(TestResponse) response = test_request (server, "GET", path, server->viewer, NULL);
        test_assert_error (response, 400, "invalid_request");
      }
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/nobody/status", server->viewer, NULL);
    test_assert_error (response, 404, "not_found");
  }

  test_server_free (server);
}

/* A waiting long poll must not keep the server from stopping. */
static void
test_stop_while_polling (void)
{
  TestServer *server = test_server_new ();
  LongPoll poll = { server, g_strdup ("v1/workflows/wf/status?after=1000&wait=60") };
  GThread *thread;

  test_publish_ok (server, "wf", 80, 0);
  thread = g_thread_new ("long-poll", long_poll_thread, &poll);
  g_usleep (300000);
  test_server_stop (server);
  g_thread_join (thread);
  g_assert_cmpint (poll.elapsed_us, <, 30 * G_USEC_PER_SEC);
  g_free (poll.path);

  test_server_free (server);
}

static void
test_restart_keeps_state (void)
{
  TestServer *server = test_server_new ();
  g_autofree char *yaml = test_workflow_yaml ("wf", 80);

  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "wf", yaml, 0, "restart-key", NULL);
    test_assert_status (response, 201);
  }
  assert_put (server, "{\"mode\":\"shadow\"}", "shadow");
  assert_put (server, "{\"mode\":\"canary\",\"canary_percent\":12.5}", "canary");
  {
    g_autoptr(TestResponse) response = report_runtime (server, 40, 0);
    test_assert_status (response, 200);
  }

  test_server_stop (server);
  test_server_start (server);

  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/status", server->viewer, NULL);
    JsonObject *status = test_object (response);

    test_assert_status (response, 200);
    g_assert_cmpstr (json_object_get_string_member (status, "mode"), ==, "canary");
    g_assert_cmpint (json_object_get_int_member (status, "active_version"), ==, 1);
    g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (status, "canary"), "percent"),
                       ==, 12.5);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "counters"), "events"), ==, 40);
  }
  /* the idempotency key survives too */
  {
    g_autoptr(TestResponse) response = test_publish (server, server->author, "wf", yaml, 0, "restart-key", NULL);
    test_assert_status (response, 201);
    g_assert_cmpint (json_object_get_int_member (test_object (response), "number"), ==, 1);
  }
  {
    g_autoptr(TestResponse) response = test_request (server, "GET", "v1/workflows/wf/audit", server->viewer, NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (test_object (response), "entries")), ==, 3);
  }

  test_server_free (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/rollout/transitions", test_transitions);
  g_test_add_func ("/server/rollout/error-budget-and-rollback", test_error_budget_and_rollback);
  g_test_add_func ("/server/rollout/kill-switch", test_kill_switch);
  g_test_add_func ("/server/status/long-poll", test_long_poll);
  g_test_add_func ("/server/status/stop-while-polling", test_stop_while_polling);
  g_test_add_func ("/server/store/restart-keeps-state", test_restart_keeps_state);

  return g_test_run ();
}
