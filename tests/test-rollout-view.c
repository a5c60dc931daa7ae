/* test-rollout-view.c — the Rollout view against a real sluice-server
 *
 * Runs under Xvfb (see tests/meson.build). Each test starts the
 * sluice-server built beside it (SLUICE_SERVER_BINARY) on 127.0.0.1, port 0,
 * with a fresh data folder and a token made with `sluice-server token
 * create`, signs the view in with that token directly (no keyring), and
 * drives it through its buttons, actions and dialogs the way an author
 * would: publish, shadow, canary 5 %, counters arriving through the long
 * poll, pause with a reason, the audit trail, a stale-base conflict.
 *
 * With SLUICE_TEST_SCREENSHOT_DIR set, /rollout-view/screenshot saves
 * rollout.png of a whole window during a canary, and
 * /rollout-view/compare-and-report rollout-compare.png of the diff.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <gtksourceview/gtksource.h>

#include "sluice-impact-view.h"
#include "sluice-line-diff.h"
#include "sluice-remote-client.h"
#include "sluice-remote-servers.h"
#include "sluice-report-window.h"
#include "sluice-rollout-view.h"
#include "sluice-window.h"
#include "ui-test-util.h"

typedef struct
{
  char               *dir;
  GSubprocess        *server;
  char               *url;
  char               *token;
  SluiceRemoteClient *client;    /* the test's own, to act "elsewhere" */
  GtkWindow          *window;
  SluiceRolloutView  *view;
  SluiceDocument     *document;
} Fixture;

/* ---- helpers ------------------------------------------------------------------------ */

static gboolean
wait_for (gboolean (*done) (Fixture *),
          Fixture   *fixture,
          guint      timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (!done (fixture))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static char *
make_token (Fixture    *fixture,
            const char *role,
            const char *name)
{
  const char *server = g_getenv ("SLUICE_SERVER_BINARY");
  const char *argv[] = { server, "token", "create", "--data-dir", fixture->dir,
                         "--role", role, "--name", name, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("sluice-server token create failed: %s", err);
  return g_strdup (g_strstrip (out));
}

#ifdef __linux__
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}
#endif

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *server = g_getenv ("SLUICE_SERVER_BINARY");
  const char *role = data ? data : "publisher";
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  GtkWidget *view;

  g_assert_nonnull (server);
  fixture->dir = g_dir_make_tmp ("sluice-test-rollout-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->token = make_token (fixture, role, g_str_equal (role, "admin") ? "alice" : "test");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
#ifdef __linux__
  /* a failed assertion must not leave a server behind, holding the log open */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
#endif
  fixture->server = g_subprocess_launcher_spawn (launcher, &error, server, "--data-dir", fixture->dir,
                                                 "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->server));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on "));
  fixture->url = g_strdup (line + strlen ("Listening on "));

  fixture->client = sluice_remote_client_new (fixture->url, &error);
  g_assert_no_error (error);
  sluice_remote_client_set_token (fixture->client, fixture->token);

  fixture->document = sluice_document_new_from_template ("usage-quota-80", &error);
  g_assert_no_error (error);

  view = sluice_rollout_view_new ();
  fixture->view = SLUICE_ROLLOUT_VIEW (view);
  sluice_rollout_view_set_document (fixture->view, fixture->document);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1280, 900);
  gtk_window_set_child (fixture->window, view);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  ui_test_wait_ms (50);
  g_clear_object (&fixture->document);
  g_clear_object (&fixture->client);
  g_subprocess_send_signal (fixture->server, SIGTERM);
  g_subprocess_wait (fixture->server, NULL, NULL);
  g_clear_object (&fixture->server);
  ui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->url);
  g_free (fixture->token);
}

static GtkWidget *
find_button (GtkWidget  *root,
             GType       type,
             const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && GTK_IS_BUTTON (root)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
step_button (Fixture    *fixture,
             const char *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (fixture->view), GTK_TYPE_TOGGLE_BUTTON, label);

  g_assert_nonnull (button);
  return button;
}

static GtkSpinButton *
canary_spin (Fixture *fixture)
{
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();

  /* the first in the template: the canary's size */
  ui_test_collect_widgets (GTK_WIDGET (fixture->view), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, >=, 1);
  return spins->pdata[0];
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GListModel) toplevels = NULL;

  toplevels = gtk_window_get_toplevels ();
  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
audit_has (Fixture    *fixture,
           const char *action)
{
  GPtrArray *audit = sluice_rollout_view_get_audit (fixture->view);

  for (guint i = 0; audit != NULL && i < audit->len; i++)
    if (g_strcmp0 (((SluiceRemoteAuditEntry *) audit->pdata[i])->action, action) == 0)
      return TRUE;
  return FALSE;
}

static guint
audit_count (Fixture    *fixture,
             const char *action)
{
  GPtrArray *audit = sluice_rollout_view_get_audit (fixture->view);
  guint n = 0;

  for (guint i = 0; audit != NULL && i < audit->len; i++)
    if (g_strcmp0 (((SluiceRemoteAuditEntry *) audit->pdata[i])->action, action) == 0)
      n++;
  return n;
}


/* ---- conditions ---------------------------------------------------------------------- */

static gboolean
signed_in (Fixture *fixture)
{
  return sluice_rollout_view_get_role (fixture->view) != NULL
      && sluice_rollout_view_get_versions (fixture->view) != NULL;
}

static gboolean
one_version (Fixture *fixture)
{
  GPtrArray *versions = sluice_rollout_view_get_versions (fixture->view);

  return versions != NULL && versions->len == 1 && sluice_rollout_view_get_status (fixture->view) != NULL;
}

static gboolean
in_shadow (Fixture *fixture)
{
  SluiceRemoteStatus *status = sluice_rollout_view_get_status (fixture->view);

  return status != NULL && status->mode == SLUICE_REMOTE_MODE_SHADOW && audit_count (fixture, "rollout_changed") >= 1;
}

static gboolean
in_canary (Fixture *fixture)
{
  SluiceRemoteStatus *status = sluice_rollout_view_get_status (fixture->view);

  return status != NULL && status->mode == SLUICE_REMOTE_MODE_CANARY && status->canary_percent == 5.0
      && audit_count (fixture, "rollout_changed") >= 2;
}

static gboolean
counted (Fixture *fixture)
{
  SluiceRemoteStatus *status = sluice_rollout_view_get_status (fixture->view);

  return status != NULL && status->events == 40 && status->errors == 1;
}

static gboolean
dialog_shown (Fixture *fixture)
{
  return find_dialog () != NULL;
}

static gboolean
paused (Fixture *fixture)
{
  SluiceRemoteStatus *status = sluice_rollout_view_get_status (fixture->view);

  return status != NULL && status->paused && audit_has (fixture, "paused");
}

static gboolean
outbox_kept (Fixture *fixture)
{
  GPtrArray *outbox = sluice_rollout_view_get_outbox (fixture->view);

  return outbox != NULL && outbox->len == 1;
}

/* ---- the test's own calls ---------------------------------------------------------------- */

static void
runtime_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sluice_remote_client_report_runtime_finish (SLUICE_REMOTE_CLIENT (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
report_runtime (Fixture *fixture,
                gint64   events,
                gint64   actions,
                gint64   errors)
{
  gboolean done = FALSE;

  sluice_remote_client_report_runtime_async (fixture->client, "usage-quota-80", events, actions, errors,
                                             NULL, runtime_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
published_elsewhere_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SluiceRemoteVersion) version = NULL;

  version = sluice_remote_client_publish_finish (SLUICE_REMOTE_CLIENT (source), result, &error);
  g_assert_no_error (error);
  *(gint64 *) user_data = version->number;
}

/* ---- tests ------------------------------------------------------------------------------- */

static void
test_line_diff (void)
{
  g_autofree char *same = sluice_line_diff_unified ("a\nb\n", "a\nb\n", "old", "new", 3);
  g_autofree char *changed = sluice_line_diff_unified ("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nD\ne\nf\ng\nh\ni\n",
                                                       "old", "new", 1);
  g_autofree char *empty = sluice_line_diff_unified ("", "x\n", "old", "new", 3);

  g_assert_cmpstr (same, ==, "");
  g_assert_cmpstr (changed, ==,
                   "--- old\n+++ new\n"
                   "@@ -3,3 +3,3 @@\n c\n-d\n+D\n e\n"
                   "@@ -8,1 +8,2 @@\n h\n+i\n");
  g_assert_cmpstr (empty, ==, "--- old\n+++ new\n@@ -0,0 +1,1 @@\n+x\n");
}

static void
test_publish_and_roll_out (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *shadow, *canary, *full;
  SluiceRemoteStatus *status;
  SluiceRemoteVersion *version;
  AdwMessageDialog *dialog;
  gint64 elsewhere = 0;
  g_autofree char *yaml = NULL;

  sluice_rollout_view_connect (fixture->view, fixture->url, FALSE, fixture->token);
  g_assert_true (wait_for (signed_in, fixture, 10));
  g_assert_cmpstr (sluice_rollout_view_get_role (fixture->view), ==, "publisher");
  g_assert_cmpuint (sluice_rollout_view_get_versions (fixture->view)->len, ==, 0);

  /* nothing published: no rollout step makes sense yet */
  shadow = step_button (fixture, "_Shadow");
  canary = step_button (fixture, "_Canary");
  full = step_button (fixture, "_Full");
  g_assert_false (gtk_widget_get_sensitive (shadow));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (shadow), ==, "Publish a version first");

  /* publish: version 1, and the live status starts */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "rollout.publish", NULL);
  g_assert_true (wait_for (one_version, fixture, 10));
  version = g_ptr_array_index (sluice_rollout_view_get_versions (fixture->view), 0);
  g_assert_cmpint (version->number, ==, 1);
  g_assert_cmpstr (version->author, ==, "test");
  g_assert_true (g_str_has_prefix (version->digest, "sha256:"));

  /* the rules, visible before anyone clicks */
  g_assert_true (gtk_widget_get_sensitive (shadow));
  g_assert_false (gtk_widget_get_sensitive (canary));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (canary), ==, "Canary only after shadow: run it in shadow first");
  g_assert_false (gtk_widget_get_sensitive (full));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (full), ==, "Promote to full only from canary");

  /* shadow, then canary at 5 %: each seen through the long poll */
  g_signal_emit_by_name (shadow, "clicked");
  g_assert_true (wait_for (in_shadow, fixture, 10));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (shadow)));
  g_assert_true (gtk_widget_get_sensitive (canary));
  g_assert_false (gtk_widget_get_sensitive (full));

  gtk_spin_button_set_value (canary_spin (fixture), 5);
  g_signal_emit_by_name (canary, "clicked");
  g_assert_true (wait_for (in_canary, fixture, 10));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (canary)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (shadow)));
  g_assert_true (gtk_widget_get_sensitive (full));
  status = sluice_rollout_view_get_status (fixture->view);
  g_assert_cmpint (status->active_version, ==, 1);

  /* counters from the executor arrive without any click */
  report_runtime (fixture, 40, 12, 1);
  g_assert_true (wait_for (counted, fixture, 10));

  /* pause, with a reason typed into the dialog */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "rollout.pause", NULL);
  g_assert_true (wait_for (dialog_shown, fixture, 5));
  dialog = find_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "checking the numbers");
  adw_message_dialog_response (dialog, "pause");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (wait_for (paused, fixture, 10));
  status = sluice_rollout_view_get_status (fixture->view);
  g_assert_cmpstr (status->paused_reason, ==, "checking the numbers");

  /* the audit trail has each step, newest first */
  g_assert_true (audit_has (fixture, "version_published"));
  g_assert_cmpuint (audit_count (fixture, "rollout_changed"), ==, 2);
  g_assert_cmpstr (((SluiceRemoteAuditEntry *) sluice_rollout_view_get_audit (fixture->view)->pdata[0])->action,
                   ==, "paused");

  /* someone else publishes version 2: ours is refused as stale and kept */
  yaml = sluice_workflow_to_yaml (sluice_document_get_workflow (fixture->document));
  sluice_remote_client_publish_async (fixture->client, "usage-quota-80", yaml, 1, "test-elsewhere", NULL,
                                      NULL, published_elsewhere_cb, &elsewhere);
  while (elsewhere == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (elsewhere, ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "rollout.publish", NULL);
  g_assert_true (wait_for (outbox_kept, fixture, 10));
  g_assert_nonnull (sluice_rollout_view_get_error (fixture->view));
  g_assert_nonnull (strstr (sluice_rollout_view_get_error (fixture->view), "2"));

  /* the author drops it */
  g_signal_emit_by_name (find_button (GTK_WIDGET (fixture->view), GTK_TYPE_BUTTON, "_Discard"), "clicked");
  g_assert_cmpuint (sluice_rollout_view_get_outbox (fixture->view)->len, ==, 0);
}

static void
uploaded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(char **) user_data = sluice_remote_client_upload_report_finish (SLUICE_REMOTE_CLIENT (source), result,
                                                                    NULL, &error);
  g_assert_no_error (error);
}

static GtkWindow *
find_toplevel (GType       type,
               const char *title_prefix)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type)
          && (title_prefix == NULL || g_str_has_prefix (gtk_window_get_title (window) ?: "", title_prefix)))
        return window;
    }
  return NULL;
}

static gboolean
diff_shown (Fixture *fixture)
{
  return find_toplevel (ADW_TYPE_WINDOW, "Version 1") != NULL;
}

static gboolean
report_shown (Fixture *fixture)
{
  return find_toplevel (SLUICE_TYPE_REPORT_WINDOW, NULL) != NULL;
}

static void
test_compare_and_report (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *cli = g_getenv ("SLUICE_CLI");
  g_autofree char *events = g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples", "demo-events.jsonl.gz", NULL);
  g_autofree char *report_path = g_build_filename (fixture->dir, "impact.sluice-report", NULL);
  g_autofree char *workflow_path = g_build_filename (fixture->dir, "usage-quota-80.workflow.yaml", NULL);
  const char *argv[] = { cli, "report", workflow_path, "-e", events, "-o", report_path, NULL };
  g_autoptr(GString) yaml = NULL;
  g_autoptr(GFile) report_file = NULL;
  g_autoptr(GBytes) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *local = sluice_workflow_to_yaml (sluice_document_get_workflow (fixture->document));
  g_autofree char *text = NULL;
  SluiceRemoteVersion *version;
  GtkWindow *diff_window;
  GtkWidget *source_view;
  GtkTextIter start, end;
  GtkTextBuffer *buffer;
  gint64 published = 0;
  int status;

  /* version 1, published elsewhere with another description and a report
   * of that version (the server checks the report is of it) */
  yaml = g_string_new (local);
  g_assert_cmpuint (g_string_replace (yaml, "When an account reaches", "When an account nears", 1), ==, 1);
  g_file_set_contents (workflow_path, yaml->str, -1, &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  report_file = g_file_new_for_path (report_path);
  report = g_file_load_bytes (report_file, NULL, NULL, &error);
  g_assert_no_error (error);
  sluice_remote_client_upload_report_async (fixture->client, report, NULL, uploaded_cb, &digest);
  while (digest == NULL)
    g_main_context_iteration (NULL, TRUE);

  sluice_remote_client_publish_async (fixture->client, "usage-quota-80", yaml->str, 0, "test-report", digest,
                                      NULL, published_elsewhere_cb, &published);
  while (published == 0)
    g_main_context_iteration (NULL, TRUE);

  sluice_rollout_view_connect (fixture->view, fixture->url, FALSE, fixture->token);
  g_assert_true (wait_for (one_version, fixture, 10));
  version = g_ptr_array_index (sluice_rollout_view_get_versions (fixture->view), 0);
  g_assert_cmpstr (version->report_digest, ==, digest);

  /* Compare: a read-only diff of that version against the open document */
  g_signal_emit_by_name (find_button (GTK_WIDGET (fixture->view), GTK_TYPE_BUTTON, "_Compare"), "clicked");
  g_assert_true (wait_for (diff_shown, fixture, 10));
  diff_window = find_toplevel (ADW_TYPE_WINDOW, "Version 1");
  source_view = ui_test_find_widget (GTK_WIDGET (diff_window), GTK_SOURCE_TYPE_VIEW);
  g_assert_nonnull (source_view);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (source_view)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (source_view));
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer))), ==, "diff");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (text, "-    When an account nears"));
  g_assert_nonnull (strstr (text, "+    When an account reaches"));
  if (g_getenv ("SLUICE_TEST_SCREENSHOT_DIR") != NULL)
    ui_test_save_screenshot (GTK_WIDGET (diff_window), "rollout-compare.png");
  gtk_window_destroy (diff_window);

  /* Report: downloaded and shown read-only */
  g_signal_emit_by_name (find_button (GTK_WIDGET (fixture->view), GTK_TYPE_BUTTON, "_Report"), "clicked");
  g_assert_true (wait_for (report_shown, fixture, 10));
  gtk_window_destroy (find_toplevel (SLUICE_TYPE_REPORT_WINDOW, NULL));
}

static gboolean
shadow_counted (Fixture *fixture)
{
  SluiceRemoteStatus *status = sluice_rollout_view_get_status (fixture->view);

  return in_shadow (fixture) && status->events == 10;
}

static gboolean
two_versions (Fixture *fixture)
{
  GPtrArray *versions = sluice_rollout_view_get_versions (fixture->view);

  return versions != NULL && versions->len == 2;
}

static gboolean
running_version_2 (Fixture *fixture)
{
  SluiceRemoteStatus *status = sluice_rollout_view_get_status (fixture->view);
  SluiceRemoteRollout *rollout = sluice_rollout_view_get_rollout (fixture->view);

  return status != NULL && status->active_version == 2 && rollout != NULL && rollout->version == 2
      && rollout->last_good_version == 1;
}

static gboolean
rolled_back (Fixture *fixture)
{
  SluiceRemoteStatus *status = sluice_rollout_view_get_status (fixture->view);

  return status != NULL && status->active_version == 1 && audit_has (fixture, "rolled_back");
}

static gboolean
killed (Fixture *fixture)
{
  SluiceRemoteStatus *status = sluice_rollout_view_get_status (fixture->view);

  GtkWidget *release = find_button (GTK_WIDGET (fixture->view), GTK_TYPE_BUTTON, "_Release");

  /* and the view has the server's answer: Release can be clicked */
  return status != NULL && status->kill_switch && release != NULL && gtk_widget_is_sensitive (release);
}

static gboolean
released (Fixture *fixture)
{
  SluiceRemoteStatus *status = sluice_rollout_view_get_status (fixture->view);

  return status != NULL && !status->kill_switch;
}

static void
test_rollback_and_kill_switch (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *local = sluice_workflow_to_yaml (sluice_document_get_workflow (fixture->document));
  g_autoptr(GString) yaml = g_string_new (local);
  AdwMessageDialog *dialog;
  GPtrArray *combos;
  gint64 published = 0;

  sluice_rollout_view_connect (fixture->view, fixture->url, FALSE, fixture->token);
  g_assert_true (wait_for (signed_in, fixture, 10));
  g_assert_cmpstr (sluice_rollout_view_get_role (fixture->view), ==, "admin");

  /* version 1 runs in shadow without errors: a good version to go back to */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "rollout.publish", NULL);
  g_assert_true (wait_for (one_version, fixture, 10));
  g_signal_emit_by_name (step_button (fixture, "_Shadow"), "clicked");
  g_assert_true (wait_for (in_shadow, fixture, 10));
  report_runtime (fixture, 10, 2, 0);
  g_assert_true (wait_for (shadow_counted, fixture, 10));

  /* version 2 from elsewhere; the author picks it and applies */
  g_string_replace (yaml, "When an account reaches", "When an account nears", 1);
  sluice_remote_client_publish_async (fixture->client, "usage-quota-80", yaml->str, 1, "test-v2", NULL,
                                      NULL, published_elsewhere_cb, &published);
  while (published == 0)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "rollout.refresh", NULL);
  g_assert_true (wait_for (two_versions, fixture, 10));
  combos = g_ptr_array_new ();
  ui_test_collect_widgets (GTK_WIDGET (fixture->view), ADW_TYPE_COMBO_ROW, combos);
  /* the server, then the version */
  g_assert_cmpuint (combos->len, >=, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (combos->pdata[1]), ==, "_Version");
  adw_combo_row_set_selected (combos->pdata[1], 0);
  g_ptr_array_unref (combos);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "rollout.apply-settings", NULL);
  g_assert_true (wait_for (running_version_2, fixture, 10));

  /* roll back, confirmed in a dialog that names version 1 */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "rollout.rollback", NULL);
  g_assert_true (wait_for (dialog_shown, fixture, 5));
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Roll Back to Version 1?");
  adw_message_dialog_response (dialog, "rollback");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (wait_for (rolled_back, fixture, 10));

  /* the kill switch, behind a destructive confirmation */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "rollout.kill-switch", NULL);
  g_assert_true (wait_for (dialog_shown, fixture, 5));
  dialog = find_dialog ();
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "engage"), ==, ADW_RESPONSE_DESTRUCTIVE);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "incident 42");
  adw_message_dialog_response (dialog, "engage");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (wait_for (killed, fixture, 10));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (step_button (fixture, "_Full")), ==,
                   "The kill switch is engaged: only Disabled is allowed");

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "rollout.kill-switch", NULL);
  g_assert_true (wait_for (released, fixture, 10));
}

static gboolean
refused (Fixture *fixture)
{
  return sluice_rollout_view_get_error (fixture->view) != NULL;
}

static SluiceImpactView *compared_view;

static gboolean
compared_with_published (Fixture *fixture)
{
  return !sluice_impact_view_get_running (compared_view) && sluice_impact_view_get_diff (compared_view) != NULL;
}

static gboolean
demo_imported (Fixture *fixture)
{
  return !sluice_impact_view_get_importing (compared_view) && sluice_impact_view_get_n_events (compared_view) > 0;
}

/* The Impact view compares the open workflow (80 %) with the version the
 * control plane has (85 %, published from elsewhere) once the Rollout
 * view has signed in: entities between 80 and 85 % newly qualify. */
static void
test_compare_published (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *dataset_path = g_build_filename (fixture->dir, "events.db", NULL);
  g_autofree char *demo = g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples", "demo-events.jsonl.gz", NULL);
  g_autoptr(GFile) dataset = g_file_new_for_path (dataset_path);
  g_autoptr(GFile) events = g_file_new_for_path (demo);
  g_autofree char *yaml = sluice_workflow_to_yaml (sluice_document_get_workflow (fixture->document));
  g_auto(GStrv) parts = g_strsplit (yaml, "value: 80", 2);
  g_autofree char *published = g_strjoinv ("value: 85", parts);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  JsonObject *diff;
  gint64 number = 0;

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  compared_view = SLUICE_IMPACT_VIEW (sluice_impact_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (compared_view));
  gtk_window_present (window);
  sluice_impact_view_set_document (compared_view, fixture->document);
  sluice_impact_view_open_dataset (compared_view, dataset);
  while (sluice_impact_view_get_dataset_path (compared_view) == NULL)
    g_main_context_iteration (NULL, TRUE);
  sluice_impact_view_import_files (compared_view, &events, 1);
  g_assert_true (wait_for (demo_imported, fixture, 60));
  sluice_rollout_view_set_impact_view (fixture->view, compared_view);

  /* nothing known yet: the view says where to get it */
  sluice_impact_view_set_comparison (compared_view, SLUICE_IMPACT_COMPARE_PUBLISHED);
  g_assert_false (wait_for (compared_with_published, fixture, 2));

  sluice_remote_client_publish_async (fixture->client, "usage-quota-80", published, 0, "test-85", NULL,
                                      NULL, published_elsewhere_cb, &number);
  while (number == 0)
    g_main_context_iteration (NULL, TRUE);
  sluice_rollout_view_connect (fixture->view, fixture->url, FALSE, fixture->token);
  g_assert_true (wait_for (compared_with_published, fixture, 30));

  diff = json_node_get_object (sluice_impact_view_get_diff (compared_view));
  g_assert_cmpint (json_object_get_int_member (diff, "added_entities"), >, 0);
  g_assert_cmpint (json_object_get_int_member (diff, "removed_entities"), ==, 0);

  gtk_window_destroy (window);
  compared_view = NULL;
}

/* While the YAML view holds text that does not load, Publish would send
 * the last valid model instead: it refuses. */
static void
test_publish_refuses_broken_text (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *text = NULL;

  sluice_rollout_view_connect (fixture->view, fixture->url, FALSE, fixture->token);
  g_assert_true (wait_for (signed_in, fixture, 10));

  text = g_strconcat (sluice_document_get_text (fixture->document), "\nspec: [broken\n", NULL);
  sluice_document_set_text (fixture->document, text);
  g_assert_true (sluice_document_get_text_has_errors (fixture->document));

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "rollout.publish", NULL);
  g_assert_false (wait_for (one_version, fixture, 2));
  g_assert_cmpuint (sluice_rollout_view_get_versions (fixture->view)->len, ==, 0);
}

/* A saved server can be removed from the view, and is gone from the
 * settings; one only given for the session cannot. */
static void
test_remove_server (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SluiceRemoteServers) servers = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view;

  servers = sluice_remote_servers_new (&error);
  g_assert_no_error (error);
  g_assert_true (sluice_remote_servers_add (servers, "local", fixture->url, FALSE, &error));
  g_assert_no_error (error);

  gtk_window_destroy (fixture->window);
  view = sluice_rollout_view_new ();
  fixture->view = SLUICE_ROLLOUT_VIEW (view);
  sluice_rollout_view_set_document (fixture->view, fixture->document);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, view);
  gtk_window_present (fixture->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  gtk_widget_activate_action (view, "rollout.remove-server", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  saved = sluice_remote_servers_list (servers);
  g_assert_cmpuint (saved->len, ==, 0);
}

/* $SLUICE_SERVER and $SLUICE_TOKEN sign the view in when it is first
 * shown, as they do sluice-cli: a demo works without a keyring. */
static void
test_environment (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *view;

  gtk_window_destroy (fixture->window);
  g_setenv ("SLUICE_SERVER", fixture->url, TRUE);
  g_setenv ("SLUICE_TOKEN", fixture->token, TRUE);

  view = sluice_rollout_view_new ();
  fixture->view = SLUICE_ROLLOUT_VIEW (view);
  sluice_rollout_view_set_document (fixture->view, fixture->document);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, view);
  g_assert_null (sluice_rollout_view_get_role (fixture->view));
  gtk_window_present (fixture->window);

  g_assert_true (wait_for (signed_in, fixture, 10));
  g_assert_cmpstr (sluice_rollout_view_get_role (fixture->view), ==, "publisher");

  g_unsetenv ("SLUICE_SERVER");
  g_unsetenv ("SLUICE_TOKEN");
}

static void
test_bad_token (Fixture       *fixture,
                gconstpointer  data)
{
  sluice_rollout_view_connect (fixture->view, fixture->url, FALSE, "slc_not-a-token");
  g_assert_true (wait_for (refused, fixture, 10));
  g_assert_null (sluice_rollout_view_get_role (fixture->view));
  g_test_message ("shown: %s", sluice_rollout_view_get_error (fixture->view));
}

/* ---- the screenshot ---------------------------------------------------------------------- */

static gboolean
counted_for_screenshot (Fixture *fixture)
{
  SluiceRemoteStatus *status = sluice_rollout_view_get_status (fixture->view);

  return status != NULL && status->events == 1250 && audit_count (fixture, "rollout_changed") >= 2;
}

static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  SluiceWindow *window;

  if (g_getenv ("SLUICE_TEST_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("set SLUICE_TEST_SCREENSHOT_DIR to save screenshots");
      return;
    }

  /* the whole window, as the author sees it */
  window = g_object_new (SLUICE_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  sluice_window_set_document (window, fixture->document);
  sluice_window_show_view (window, "rollout");
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (fixture->window);
  fixture->window = GTK_WINDOW (window);
  fixture->view = SLUICE_ROLLOUT_VIEW (ui_test_find_widget (GTK_WIDGET (window), SLUICE_TYPE_ROLLOUT_VIEW));

  sluice_rollout_view_connect (fixture->view, fixture->url, FALSE, fixture->token);
  g_assert_true (wait_for (signed_in, fixture, 10));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "rollout.publish", NULL);
  g_assert_true (wait_for (one_version, fixture, 10));
  g_signal_emit_by_name (step_button (fixture, "_Shadow"), "clicked");
  g_assert_true (wait_for (in_shadow, fixture, 10));
  gtk_spin_button_set_value (canary_spin (fixture), 5);
  g_signal_emit_by_name (step_button (fixture, "_Canary"), "clicked");
  g_assert_true (wait_for (in_canary, fixture, 10));

  report_runtime (fixture, 1250, 64, 19);
  g_assert_true (wait_for (counted_for_screenshot, fixture, 10));
  /* the toasts of the steps above fade first */
  ui_test_wait_ms (6500);
  ui_test_save_screenshot (GTK_WIDGET (window), "rollout.png");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ui_test_init (&argc, &argv, "rollout");
  int status;

  g_test_add_func ("/rollout-view/line-diff", test_line_diff);
#define ADD(path, role, func) g_test_add (path, Fixture, role, fixture_set_up, func, fixture_tear_down)
  ADD ("/rollout-view/publish-and-roll-out", "publisher", test_publish_and_roll_out);
  ADD ("/rollout-view/compare-and-report", "publisher", test_compare_and_report);
  ADD ("/rollout-view/rollback-and-kill-switch", "admin", test_rollback_and_kill_switch);
  ADD ("/rollout-view/bad-token", "publisher", test_bad_token);
  ADD ("/rollout-view/environment", "publisher", test_environment);
  ADD ("/rollout-view/remove-server", "publisher", test_remove_server);
  ADD ("/rollout-view/publish-refuses-broken-text", "publisher", test_publish_refuses_broken_text);
  ADD ("/rollout-view/compare-published", "publisher", test_compare_published);
  ADD ("/rollout-view/screenshot", "admin", test_screenshot);
#undef ADD

  status = g_test_run ();
  ui_test_remove_tree (home);

  return status;
}
