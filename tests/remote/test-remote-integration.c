/* test-remote-integration.c — the client and sluice-cli against the real
 * sluice-server on 127.0.0.1: publish, conflicts, idempotent retries,
 * the rollout path, auto-pause, rollback, the kill switch, the audit
 * trail, roles, and a server frozen in the middle of a publish
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <json-glib/json-glib.h>

#include "remote-test-util.h"
#include "sluice-remote-client.h"
#include "sluice-remote-publish.h"

typedef struct
{
  GSubprocess *process;
  char        *data_dir;
  char        *url;
  char        *viewer;
  char        *author;
  char        *publisher;
  char        *admin;
} Server;

static char *server_bin;
static char *cli_bin;
static char *work_dir;
static Server *shared;

static const char workflow_template[] =
  "apiVersion: sluice.dev/v1\n"
  "kind: Workflow\n"
  "metadata:\n"
  "  name: %s\n"
  "spec:\n"
  "  trigger:\n"
  "    id: start\n"
  "    type: event\n"
  "    event: usage.updated\n"
  "    filters:\n"
  "    - path: data.percent\n"
  "      op: gte\n"
  "      value: %d\n"
  "    next: first\n"
  "  entityKey: data.account\n"
  "  steps:\n"
  "  - id: first\n"
  "    type: record\n"
  "    title: Usage at {{ data.percent }}%%\n";

static char *
workflow_yaml (const char *name,
               int         threshold)
{
  return g_strdup_printf (workflow_template, name, threshold);
}

static char *
write_workflow (const char *name,
                int         threshold)
{
  g_autofree char *yaml = workflow_yaml (name, threshold);
  g_autofree char *file = g_strdup_printf ("%s-%d.yaml", name, threshold);
  char *path = g_build_filename (work_dir, file, NULL);

  g_assert_true (g_file_set_contents (path, yaml, -1, NULL));
  return path;
}

static char *
make_token (const char *data_dir,
            const char *role,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;
  const char *argv[] = { server_bin, "token", "create", "--data-dir", data_dir, "--role", role, "--name", name, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (g_steal_pointer (&out));
}

/* A failed assertion aborts the test: the server must not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
server_start_on (Server     *server,
                 const char *listen)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, server_bin, "--data-dir", server->data_dir,
                                                 "--listen", listen, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (line, "/"));
  g_free (server->url);
  /* without the trailing slash, as saved servers and clients keep it */
  server->url = g_strndup (line + strlen ("Listening on "), strlen (line) - strlen ("Listening on ") - 1);
}

static void
server_start (Server *server)
{
  server_start_on (server, "127.0.0.1:0");
}

static Server *
server_new (const char *name)
{
  Server *server = g_new0 (Server, 1);

  server->data_dir = g_build_filename (work_dir, name, NULL);
  server->viewer = make_token (server->data_dir, "viewer", "val");
  server->author = make_token (server->data_dir, "author", "alice");
  server->publisher = make_token (server->data_dir, "publisher", "paul");
  server->admin = make_token (server->data_dir, "admin", "ada");
  server_start (server);
  return server;
}

static void
server_free (Server *server)
{
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGCONT);
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }
  g_free (server->data_dir);
  g_free (server->url);
  g_free (server->viewer);
  g_free (server->author);
  g_free (server->publisher);
  g_free (server->admin);
  g_free (server);
}

static SluiceRemoteClient *
client_as (Server     *server,
           const char *token)
{
  g_autoptr(GError) error = NULL;
  SluiceRemoteClient *client = sluice_remote_client_new (server->url, &error);

  g_assert_no_error (error);
  sluice_remote_client_set_token (client, token);
  sluice_remote_client_set_timeout (client, 10);
  sluice_remote_client_set_retry_policy (client, 3, 20, 100);
  return client;
}

/* sluice-cli with a token, the test's own settings, outbox and keyring */
static int
run_cli (const char  *token,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, cli_bin);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "SLUICE_TOKEN", token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "SLUICE_TOKEN");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Client helpers: each runs one call to the end. */

static SluiceRemoteVersion *
publish_raw (SluiceRemoteClient  *client,
             const char          *name,
             const char          *yaml,
             gint64               base,
             const char          *key,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sluice_remote_client_publish_async (client, name, yaml, base, key, NULL, NULL, remote_test_got_result, &result);
  return sluice_remote_client_publish_finish (client, remote_test_wait (&result), error);
}

static SluiceRemoteVersion *
publish_kept (SluiceRemoteClient  *client,
              const char          *name,
              int                  threshold,
              gint64               base,
              GError             **error)
{
  g_autoptr(SluiceRemoteOutbox) outbox = sluice_remote_outbox_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *yaml = workflow_yaml (name, threshold);

  sluice_remote_publish_async (client, outbox, name, yaml, base, NULL, NULL, remote_test_got_result, &result);
  return sluice_remote_publish_finish (client, remote_test_wait (&result), NULL, error);
}

static GPtrArray *
list_versions (SluiceRemoteClient *client,
               const char         *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *versions;

  sluice_remote_client_list_versions_async (client, name, NULL, remote_test_got_result, &result);
  versions = sluice_remote_client_list_versions_finish (client, remote_test_wait (&result), &error);
  g_assert_no_error (error);
  return versions;
}

static SluiceRemoteRollout *
set_rollout (SluiceRemoteClient               *client,
             const char                       *name,
             const SluiceRemoteRolloutChange  *change,
             GError                          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sluice_remote_client_set_rollout_async (client, name, change, NULL, remote_test_got_result, &result);
  return sluice_remote_client_set_rollout_finish (client, remote_test_wait (&result), error);
}

static SluiceRemoteStatus *
get_status (SluiceRemoteClient *client,
            const char         *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SluiceRemoteStatus *status;

  sluice_remote_client_get_status_async (client, name, -1, 0, NULL, remote_test_got_result, &result);
  status = sluice_remote_client_get_status_finish (client, remote_test_wait (&result), &error);
  g_assert_no_error (error);
  return status;
}

static void
report_runtime (SluiceRemoteClient *client,
                const char         *name,
                gint64              events,
                gint64              errors)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sluice_remote_client_report_runtime_async (client, name, events, events, errors, NULL, remote_test_got_result, &result);
  g_assert_true (sluice_remote_client_report_runtime_finish (client, remote_test_wait (&result), &error));
  g_assert_no_error (error);
}

static GPtrArray *
list_audit (SluiceRemoteClient *client,
            const char         *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  sluice_remote_client_list_audit_async (client, name, 100, 0, NULL, remote_test_got_result, &result);
  entries = sluice_remote_client_list_audit_finish (client, remote_test_wait (&result), &error);
  g_assert_no_error (error);
  return entries;
}

static gboolean
audit_has (GPtrArray  *entries,
           const char *action)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((SluiceRemoteAuditEntry *) g_ptr_array_index (entries, i))->action, action) == 0)
      return TRUE;
  return FALSE;
}

static void
clear_outbox (void)
{
  g_autoptr(SluiceRemoteOutbox) outbox = sluice_remote_outbox_new (NULL);
  g_autoptr(GPtrArray) list = sluice_remote_outbox_list (outbox, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    sluice_remote_outbox_remove (outbox, ((SluiceRemotePending *) g_ptr_array_index (list, i))->id, NULL);
}

/* Tests */

static void
test_publish_and_conflict (void)
{
  g_autoptr(SluiceRemoteClient) client = client_as (shared, shared->author);
  g_autoptr(SluiceRemoteVersion) first = NULL;
  g_autoptr(SluiceRemoteVersion) stale = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  SluiceRemoteVersion *listed;

  first = publish_kept (client, "wf-conflict", 80, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->number, ==, 1);
  g_assert_cmpstr (first->author, ==, "alice");
  g_assert_true (g_str_has_prefix (first->digest, "sha256:"));
  g_assert_nonnull (first->created_at);

  stale = publish_kept (client, "wf-conflict", 85, 0, &error);
  g_assert_null (stale);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_CONFLICT);
  g_assert_cmpstr (sluice_remote_error_get_code (error), ==, "stale_base");
  g_assert_cmpint (sluice_remote_error_get_current_version (error), ==, 1);
  g_assert_nonnull (strstr (error->message, "version 1"));

  versions = list_versions (client, "wf-conflict");
  g_assert_cmpuint (versions->len, ==, 1);
  listed = g_ptr_array_index (versions, 0);
  g_assert_cmpstr (listed->digest, ==, first->digest);
  clear_outbox ();
}

static void
test_idempotent_retry (void)
{
  g_autoptr(SluiceRemoteClient) client = client_as (shared, shared->author);
  g_autoptr(SluiceRemoteVersion) first = NULL;
  g_autoptr(SluiceRemoteVersion) again = NULL;
  g_autoptr(SluiceRemoteVersion) other = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *yaml = workflow_yaml ("wf-idem", 80);
  g_autofree char *changed = workflow_yaml ("wf-idem", 90);

  first = publish_raw (client, "wf-idem", yaml, 0, "key-wf-idem-1", &error);
  g_assert_no_error (error);
  again = publish_raw (client, "wf-idem", yaml, 0, "key-wf-idem-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->number, ==, first->number);
  versions = list_versions (client, "wf-idem");
  g_assert_cmpuint (versions->len, ==, 1);

  other = publish_raw (client, "wf-idem", changed, 0, "key-wf-idem-1", &error);
  g_assert_null (other);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_INVALID);
  g_assert_cmpstr (sluice_remote_error_get_code (error), ==, "idempotency_key_reused");
}

static void
test_invalid_workflow (void)
{
  g_autoptr(SluiceRemoteClient) client = client_as (shared, shared->author);
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *yaml = workflow_yaml ("wf-other-name", 80);

  /* metadata.name differs from the name in the path */
  version = publish_raw (client, "wf-invalid", yaml, 0, "key-wf-invalid", &error);
  g_assert_null (version);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_INVALID);
  g_assert_cmpstr (sluice_remote_error_get_code (error), ==, "invalid_workflow");
}

static void
test_rollout_path (void)
{
  g_autoptr(SluiceRemoteClient) author = client_as (shared, shared->author);
  g_autoptr(SluiceRemoteClient) publisher = client_as (shared, shared->publisher);
  g_autoptr(SluiceRemoteVersion) v1 = NULL;
  g_autoptr(SluiceRemoteVersion) v2 = NULL;
  g_autoptr(SluiceRemoteRollout) shadow = NULL;
  g_autoptr(SluiceRemoteRollout) canary = NULL;
  g_autoptr(SluiceRemoteRollout) full = NULL;
  g_autoptr(SluiceRemoteRollout) canary2 = NULL;
  g_autoptr(SluiceRemoteRollout) rolled_back = NULL;
  g_autoptr(SluiceRemoteStatus) status = NULL;
  g_autoptr(SluiceRemoteStatus) paused = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GAsyncResult) promoted_result = NULL;
  g_autoptr(GAsyncResult) rollback_result = NULL;
  g_autoptr(GError) error = NULL;
  SluiceRemoteRolloutChange change;

  v1 = publish_kept (author, "wf-rollout", 80, 0, &error);
  g_assert_no_error (error);

  sluice_remote_rollout_change_init (&change, SLUICE_REMOTE_MODE_SHADOW);
  shadow = set_rollout (publisher, "wf-rollout", &change, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shadow->mode, ==, SLUICE_REMOTE_MODE_SHADOW);
  g_assert_cmpint (shadow->version, ==, 1);

  sluice_remote_rollout_change_init (&change, SLUICE_REMOTE_MODE_CANARY);
  change.canary_percent = 5;
  change.error_budget = (SluiceRemoteErrorBudget) { 0.02, 300, 10 };
  change.auto_pause = 1;
  canary = set_rollout (publisher, "wf-rollout", &change, &error);
  g_assert_no_error (error);
  g_assert_cmpint (canary->mode, ==, SLUICE_REMOTE_MODE_CANARY);
  g_assert_cmpfloat (canary->canary_percent, ==, 5.0);
  g_assert_cmpint (canary->error_budget.min_events, ==, 10);
  g_assert_true (canary->auto_pause);

  sluice_remote_client_promote_async (publisher, "wf-rollout", NULL, remote_test_got_result, &promoted_result);
  full = sluice_remote_client_rollout_action_finish (publisher, remote_test_wait (&promoted_result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (full->mode, ==, SLUICE_REMOTE_MODE_FULL);

  /* version 1 runs well in full: it becomes a good version */
  report_runtime (publisher, "wf-rollout", 50, 0);
  status = get_status (publisher, "wf-rollout");
  g_assert_cmpint (status->mode, ==, SLUICE_REMOTE_MODE_FULL);
  g_assert_cmpint (status->events, >=, 50);
  g_assert_false (status->paused);

  /* version 2 as a canary breaks its budget: paused by itself */
  v2 = publish_kept (author, "wf-rollout", 90, 1, &error);
  g_assert_no_error (error);
  sluice_remote_rollout_change_init (&change, SLUICE_REMOTE_MODE_CANARY);
  change.version = v2->number;
  change.canary_percent = 5;
  canary2 = set_rollout (publisher, "wf-rollout", &change, &error);
  g_assert_no_error (error);
  g_assert_cmpint (canary2->version, ==, 2);
  report_runtime (publisher, "wf-rollout", 40, 20);
  paused = get_status (publisher, "wf-rollout");
  g_assert_true (paused->paused);
  g_assert_nonnull (strstr (paused->paused_reason, "error budget breached"));
  g_assert_cmpfloat (paused->error_rate, >, 0.02);

  sluice_remote_client_rollback_async (publisher, "wf-rollout", NULL, remote_test_got_result, &rollback_result);
  rolled_back = sluice_remote_client_rollout_action_finish (publisher, remote_test_wait (&rollback_result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rolled_back->version, ==, 1);
  g_assert_false (rolled_back->paused);

  audit = list_audit (publisher, "wf-rollout");
  g_assert_true (audit_has (audit, "version_published"));
  g_assert_true (audit_has (audit, "rollout_changed"));
  g_assert_true (audit_has (audit, "promoted"));
  g_assert_true (audit_has (audit, "auto_paused"));
  g_assert_true (audit_has (audit, "rolled_back"));
  clear_outbox ();
}

static void
test_invalid_transition (void)
{
  g_autoptr(SluiceRemoteClient) author = client_as (shared, shared->author);
  g_autoptr(SluiceRemoteClient) publisher = client_as (shared, shared->publisher);
  g_autoptr(SluiceRemoteVersion) v1 = NULL;
  g_autoptr(SluiceRemoteRollout) full = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SluiceRemoteRollout) rollback = NULL;
  g_autoptr(GError) error = NULL;
  SluiceRemoteRolloutChange change;

  v1 = publish_kept (author, "wf-transition", 80, 0, &error);
  g_assert_no_error (error);
  sluice_remote_rollout_change_init (&change, SLUICE_REMOTE_MODE_FULL);
  full = set_rollout (publisher, "wf-transition", &change, &error);
  g_assert_null (full);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_CONFLICT);
  g_assert_cmpstr (sluice_remote_error_get_code (error), ==, "invalid_transition");
  g_clear_error (&error);

  sluice_remote_client_rollback_async (publisher, "wf-transition", NULL, remote_test_got_result, &result);
  rollback = sluice_remote_client_rollout_action_finish (publisher, remote_test_wait (&result), &error);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_CONFLICT);
  g_assert_cmpstr (sluice_remote_error_get_code (error), ==, "no_good_version");
  clear_outbox ();
}

static void
test_kill_switch (void)
{
  g_autoptr(SluiceRemoteClient) author = client_as (shared, shared->author);
  g_autoptr(SluiceRemoteClient) publisher = client_as (shared, shared->publisher);
  g_autoptr(SluiceRemoteClient) admin = client_as (shared, shared->admin);
  g_autoptr(SluiceRemoteVersion) v1 = NULL;
  g_autoptr(SluiceRemoteKillSwitch) engaged = NULL;
  g_autoptr(SluiceRemoteKillSwitch) denied = NULL;
  g_autoptr(SluiceRemoteKillSwitch) released = NULL;
  g_autoptr(SluiceRemoteRollout) blocked = NULL;
  g_autoptr(SluiceRemoteStatus) status = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  SluiceRemoteRolloutChange change;

  v1 = publish_kept (author, "wf-kill", 80, 0, &error);
  g_assert_no_error (error);

  /* a publisher may not touch it */
  sluice_remote_client_set_kill_switch_async (publisher, TRUE, "no", NULL, remote_test_got_result, &r1);
  denied = sluice_remote_client_kill_switch_finish (publisher, remote_test_wait (&r1), &error);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "admin"));
  g_clear_error (&error);

  sluice_remote_client_set_kill_switch_async (admin, TRUE, "incident 42", NULL, remote_test_got_result, &r2);
  engaged = sluice_remote_client_kill_switch_finish (admin, remote_test_wait (&r2), &error);
  g_assert_no_error (error);
  g_assert_true (engaged->engaged);
  g_assert_cmpstr (engaged->reason, ==, "incident 42");
  g_assert_cmpstr (engaged->updated_by, ==, "ada");

  status = get_status (publisher, "wf-kill");
  g_assert_true (status->kill_switch);

  sluice_remote_rollout_change_init (&change, SLUICE_REMOTE_MODE_SHADOW);
  blocked = set_rollout (publisher, "wf-kill", &change, &error);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_KILL_SWITCH);
  g_assert_nonnull (strstr (error->message, "kill switch"));
  g_clear_error (&error);

  sluice_remote_client_set_kill_switch_async (admin, FALSE, NULL, NULL, remote_test_got_result, &r3);
  released = sluice_remote_client_kill_switch_finish (admin, remote_test_wait (&r3), &error);
  g_assert_no_error (error);
  g_assert_false (released->engaged);

  audit = list_audit (admin, NULL);
  g_assert_true (audit_has (audit, "kill_switch_engaged"));
  g_assert_true (audit_has (audit, "kill_switch_released"));
  clear_outbox ();
}

static void
test_roles (void)
{
  g_autoptr(SluiceRemoteClient) viewer = client_as (shared, shared->viewer);
  g_autoptr(SluiceRemoteClient) stranger = client_as (shared, "slc_not_a_token");
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(SluiceRemoteVersion) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_workflow ("wf-roles", 80);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *yaml = workflow_yaml ("wf-roles", 80);

  version = publish_raw (viewer, "wf-roles", yaml, 0, "key-roles", &error);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "author"));
  g_clear_error (&error);

  other = publish_raw (stranger, "wf-roles", yaml, 0, "key-roles", &error);
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_UNAUTHENTICATED);

  /* the same through the CLI: exit 1, a message that says what is needed */
  g_assert_cmpint (run_cli (shared->viewer, &out, &err, "publish", path, "--server", shared->url, "--base", "0", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "author"));
  g_assert_nonnull (strstr (err, "kept in the outbox"));
  g_assert_cmpint (run_cli ("slc_wrong", &out2, &err2, "versions", "wf-roles", "--server", shared->url, NULL), ==, 1);
  g_assert_nonnull (strstr (err2, "did not accept the access token"));
  g_assert_nonnull (strstr (err2, "SLUICE_TOKEN"));
  g_assert_null (strstr (err2, "slc_wrong"));
  clear_outbox ();
}

static void
test_cli_flow (void)
{
  g_autofree char *v1 = write_workflow ("wf-cli", 80);
  g_autofree char *v2 = write_workflow ("wf-cli", 85);
  g_autofree char *events = g_build_filename (work_dir, "events.jsonl", NULL);
  g_autofree char *report = g_build_filename (work_dir, "wf-cli.sluice-report", NULL);
  g_autoptr(JsonObject) pending = NULL;
  g_autoptr(JsonObject) versions = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonObject) latest = NULL;
  g_autofree char *id = NULL;
  char *out = NULL;
  char *err = NULL;

#define CLI(token, expected, ...)                                                  \
  G_STMT_START {                                                                   \
    int _status;                                                                   \
    g_clear_pointer (&out, g_free);                                                \
    g_clear_pointer (&err, g_free);                                                \
    _status = run_cli (token, &out, &err, __VA_ARGS__, NULL);                      \
    if (_status != (expected))                                                     \
      g_error ("sluice-cli exited %d, not %d\nstdout: %s\nstderr: %s",           \
               _status, (expected), out, err);                                     \
  } G_STMT_END

  /* a saved server, by name */
  CLI (NULL, 0, "server", "add", "local", shared->url);
  CLI (NULL, 0, "server", "list");
  g_assert_nonnull (strstr (out, "local"));
  g_assert_nonnull (strstr (out, shared->url));
  CLI (shared->author, 0, "server", "check", "--server", "local");
  g_assert_nonnull (strstr (out, "alice"));

  /* publish with a report, then a stale publish that is kept */
  g_assert_true (g_file_set_contents (events, "{\"id\":\"e1\",\"type\":\"usage.updated\",\"source\":\"t\","
                                      "\"time\":\"2026-11-01T00:00:00Z\",\"data\":{\"account\":\"a1\",\"percent\":85}}\n",
                                      -1, NULL));
  CLI (NULL, 0, "report", v1, "--events", events, "--output", report);
  CLI (shared->author, 0, "publish", v1, "--server", "local", "--report", report);
  g_assert_nonnull (strstr (out, "Published wf-cli version 1"));
  CLI (shared->author, 1, "publish", v2, "--server", "local", "--base", "0");
  g_assert_nonnull (strstr (err, "version 1"));
  g_assert_nonnull (strstr (err, "kept in the outbox"));

  CLI (NULL, 0, "outbox", "list", "--format", "json");
  pending = parse_object (out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pending, "pending")), ==, 1);
  {
    JsonObject *entry = json_array_get_object_element (json_object_get_array_member (pending, "pending"), 0);

    g_assert_true (json_object_get_boolean_member (entry, "needs_author"));
    g_assert_cmpstr (json_object_get_string_member (entry, "last_error_code"), ==, "stale_base");
    id = g_strdup (json_object_get_string_member (entry, "id"));
  }
  /* refused publishes are not retried by themselves */
  CLI (shared->author, 0, "outbox", "retry");
  g_assert_nonnull (strstr (err, "waits for you"));
  CLI (shared->author, 0, "outbox", "retry", id, "--base", "1");
  g_assert_nonnull (strstr (out, "version 2"));
  CLI (NULL, 0, "outbox", "list");
  g_assert_nonnull (strstr (out, "empty"));

  CLI (shared->viewer, 0, "versions", "wf-cli", "--server", "local", "--format", "json");
  versions = parse_object (out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (versions, "versions")), ==, 2);
  latest = json_object_ref (json_array_get_object_element (json_object_get_array_member (versions, "versions"), 1));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (latest, "report_digest"), "sha256:"));
  /* what a stale publish is told to merge into can be fetched */
  CLI (shared->viewer, 0, "versions", "wf-cli", "--server", "local", "--show", "2");
  g_assert_nonnull (strstr (out, "kind: Workflow"));
  g_assert_nonnull (strstr (out, "name: wf-cli"));
  CLI (shared->viewer, 1, "versions", "wf-cli", "--server", "local", "--show", "9");
  g_assert_nonnull (strstr (err, "9"));

  /* shadow → canary 5% → full */
  CLI (shared->publisher, 0, "rollout", "wf-cli", "--server", "local", "--mode", "shadow");
  g_assert_nonnull (strstr (out, "shadow"));
  CLI (shared->publisher, 0, "rollout", "wf-cli", "--server", "local", "--mode", "canary", "--percent", "5",
       "--error-budget", "2%/5m", "--min-events", "10", "--auto-pause");
  g_assert_nonnull (strstr (out, "canary 5%"));
  g_assert_nonnull (strstr (out, "2% errors over 300 s"));
  CLI (shared->publisher, 0, "promote", "wf-cli", "--server", "local");
  g_assert_nonnull (strstr (out, "full"));
  CLI (shared->publisher, 0, "pause", "wf-cli", "--server", "local", "--reason", "checking a complaint");
  g_assert_nonnull (strstr (out, "checking a complaint"));
  CLI (shared->viewer, 0, "status", "wf-cli", "--server", "local", "--format", "json");
  status = parse_object (out);
  g_assert_cmpstr (json_object_get_string_member (status, "mode"), ==, "full");
  g_assert_true (json_object_get_boolean_member (status, "paused"));
  CLI (shared->publisher, 0, "resume", "wf-cli", "--server", "local");
  CLI (shared->viewer, 0, "audit", "wf-cli", "--server", "local");
  g_assert_nonnull (strstr (out, "promoted"));
  g_assert_nonnull (strstr (out, "paused"));
  g_assert_nonnull (strstr (out, "paul"));

  /* refusals and mistakes */
  CLI (shared->publisher, 1, "kill-switch", "on", "--server", "local");
  g_assert_nonnull (strstr (err, "admin"));
  CLI (shared->admin, 0, "kill-switch", "on", "--server", "local", "--reason", "drill");
  g_assert_nonnull (strstr (out, "ENGAGED"));
  CLI (shared->publisher, 1, "rollout", "wf-cli", "--server", "local", "--mode", "shadow");
  g_assert_nonnull (strstr (err, "kill switch"));
  CLI (shared->admin, 0, "kill-switch", "off", "--server", "local");
  CLI (shared->publisher, 2, "rollout", "wf-cli", "--server", "local", "--mode", "sideways");
  CLI (shared->publisher, 2, "rollout", "wf-cli", "--server", "local", "--mode", "canary");
  CLI (shared->publisher, 2, "rollout", "../etc", "--server", "local");
  CLI (shared->publisher, 2, "status", "wf-cli");
  g_assert_nonnull (strstr (err, "SLUICE_SERVER"));
  CLI (shared->publisher, 2, "status", "wf-cli", "--server", "nowhere");
  g_assert_nonnull (strstr (err, "nowhere"));
  CLI (shared->publisher, 1, "status", "wf-cli", "--server", "http://127.0.0.1:1", "--attempts", "1");
  g_assert_nonnull (strstr (err, "refused"));

  CLI (NULL, 0, "server", "remove", "local");
  CLI (NULL, 1, "server", "remove", "local");
  g_free (out);
  g_free (err);
#undef CLI
}

static void
test_cli_watch (void)
{
  g_autoptr(SluiceRemoteClient) author = client_as (shared, shared->author);
  g_autoptr(SluiceRemoteClient) publisher = client_as (shared, shared->publisher);
  g_autoptr(SluiceRemoteVersion) v1 = NULL;
  g_autoptr(SluiceRemoteRollout) shadow = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) watch = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  SluiceRemoteRolloutChange change;
  guint objects = 0;
  char *line;

  v1 = publish_kept (author, "wf-watch", 80, 0, &error);
  g_assert_no_error (error);
  sluice_remote_rollout_change_init (&change, SLUICE_REMOTE_MODE_SHADOW);
  shadow = set_rollout (publisher, "wf-watch", &change, &error);
  g_assert_no_error (error);

  g_subprocess_launcher_setenv (launcher, "SLUICE_TOKEN", shared->viewer, TRUE);
  watch = g_subprocess_launcher_spawn (launcher, &error, cli_bin, "status", "wf-watch", "--watch", "--wait", "5",
                                       "--server", shared->url, "--format", "json", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (watch));

  /* one line now, one more for each change */
  while (objects < 3 && (line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      g_autoptr(JsonObject) status = parse_object (line);

      objects++;
      g_assert_cmpint (json_object_get_object_member (status, "counters") ? 1 : 0, ==, 1);
      if (objects == 3)
        g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "counters"), "events"), ==, 7);
      if (objects < 3)
        report_runtime (publisher, "wf-watch", objects == 1 ? 4 : 3, 0);
      g_free (line);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (objects, ==, 3);

  /* Ctrl+C ends a watch, and that is not a failure */
  g_subprocess_send_signal (watch, SIGINT);
  g_subprocess_wait (watch, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (watch));
  g_assert_cmpint (g_subprocess_get_exit_status (watch), ==, 0);
  clear_outbox ();
}

static void
test_frozen_server (void)
{
  Server *server = server_new ("frozen");
  g_autoptr(SluiceRemoteClient) author = client_as (server, server->author);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(JsonObject) pending = NULL;
  g_autofree char *path = write_workflow ("wf-frozen", 80);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err3 = NULL;
  g_autofree char *out4 = NULL;
  g_autofree char *err4 = NULL;

  clear_outbox ();

  /* frozen mid-publish: the connection is accepted, nothing answers */
  g_subprocess_send_signal (server->process, SIGSTOP);
  g_assert_cmpint (run_cli (server->author, &out, &err, "publish", path, "--server", server->url, "--base", "0",
                            "--timeout", "1", "--attempts", "2", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "did not answer in time"));
  g_assert_nonnull (strstr (err, "kept in the outbox"));

  g_assert_cmpint (run_cli (NULL, &out2, &err2, "outbox", "list", "--format", "json", NULL), ==, 0);
  pending = parse_object (out2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pending, "pending")), ==, 1);

  /* back to life: it may well process the frozen requests first; the
   * retry carries the same key, so there is one version in the end */
  g_subprocess_send_signal (server->process, SIGCONT);
  g_assert_cmpint (run_cli (server->author, &out3, &err3, "outbox", "retry", NULL), ==, 0);
  g_assert_nonnull (strstr (out3, "version 1"));
  g_assert_cmpint (run_cli (NULL, &out4, &err4, "outbox", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out4, "empty"));

  versions = list_versions (author, "wf-frozen");
  g_assert_cmpuint (versions->len, ==, 1);
  server_free (server);
}

/* Killed mid-publish: the CLI says the publish is kept; the server comes
 * back on the same address with its data, and the retry makes exactly one
 * version. */
static void
test_killed_server (void)
{
  Server *server = server_new ("killed");
  g_autoptr(SluiceRemoteClient) author = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) publish = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_workflow ("wf-killed", 80);
  g_autofree char *listen = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  clear_outbox ();
  listen = g_strdup (server->url + strlen ("http://"));

  /* the request reaches a server that never gets to answer it */
  g_subprocess_send_signal (server->process, SIGSTOP);
  g_subprocess_launcher_setenv (launcher, "SLUICE_TOKEN", server->author, TRUE);
  publish = g_subprocess_launcher_spawn (launcher, &error, cli_bin, "publish", path, "--server", server->url,
                                         "--base", "0", "--timeout", "5", "--attempts", "1", NULL);
  g_assert_no_error (error);
  g_usleep (500 * 1000);
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);

  g_subprocess_communicate_utf8 (publish, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (publish), ==, 1);
  g_assert_nonnull (strstr (err, "kept in the outbox"));

  server_start_on (server, listen);
  g_assert_cmpint (run_cli (server->author, &out2, &err2, "outbox", "retry", NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "version 1"));

  author = client_as (server, server->author);
  versions = list_versions (author, "wf-killed");
  g_assert_cmpuint (versions->len, ==, 1);
  server_free (server);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  g_autofree char *config = NULL;
  g_autofree char *keyring = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* sluice-cli reads $SLUICE_SERVER as an address: none from outside */
  server_bin = g_strdup (g_getenv ("SLUICE_SERVER_BINARY"));
  g_unsetenv ("SLUICE_SERVER");
  cli_bin = g_strdup (g_getenv ("SLUICE_CLI"));

  work_dir = remote_test_mkdtemp ();
  data_home = g_build_filename (work_dir, "data", NULL);
  config = g_build_filename (work_dir, "config", NULL);
  keyring = g_build_filename (work_dir, "keyring", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-only", TRUE);
  g_unsetenv ("SLUICE_TOKEN");

  if (server_bin == NULL || !g_file_test (server_bin, G_FILE_TEST_IS_EXECUTABLE) || cli_bin == NULL)
    {
      g_test_message ("SLUICE_SERVER_BINARY or SLUICE_CLI is not set: no integration tests");
      g_test_add_func ("/remote/integration/skipped", (GTestFunc) g_test_incomplete);
      status = g_test_run ();
      remote_test_rmdir (work_dir);
      return status == 0 ? 77 : status;
    }

  shared = server_new ("shared");

  g_test_add_func ("/remote/integration/publish-and-conflict", test_publish_and_conflict);
  g_test_add_func ("/remote/integration/idempotent-retry", test_idempotent_retry);
  g_test_add_func ("/remote/integration/invalid-workflow", test_invalid_workflow);
  g_test_add_func ("/remote/integration/rollout-path", test_rollout_path);
  g_test_add_func ("/remote/integration/invalid-transition", test_invalid_transition);
  g_test_add_func ("/remote/integration/kill-switch", test_kill_switch);
  g_test_add_func ("/remote/integration/roles", test_roles);
  g_test_add_func ("/remote/integration/cli-flow", test_cli_flow);
  g_test_add_func ("/remote/integration/cli-watch", test_cli_watch);
  g_test_add_func ("/remote/integration/frozen-server", test_frozen_server);
  g_test_add_func ("/remote/integration/killed-server", test_killed_server);

  status = g_test_run ();

  server_free (shared);
  remote_test_rmdir (work_dir);
  g_free (work_dir);
  g_free (server_bin);
  g_free (cli_bin);
  return status;
}
