/* sluice-cli-publish.c — sluice-cli publish: a new version on the control plane
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-cli-remote.h"
#include "sluice-remote-publish.h"
#include "sluice-workflow.h"

/* The workflow's name, from its own metadata: that is what the server checks. */
static char *
workflow_name (const char *yaml,
               gsize       length,
               const char *filename)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) workflow = sluice_workflow_load_from_data (yaml, length, diagnostics);
  const char *name = workflow ? sluice_workflow_get_name (workflow) : NULL;

  if (name == NULL || name[0] == '\0')
    {
      sluice_cli_print_diagnostics (diagnostics, filename, stderr);
      g_printerr (_("sluice-cli publish: %s has no metadata.name; run “sluice-cli validate %s”\n"),
                  filename, filename);
      return NULL;
    }
  return g_strdup (name);
}

static char *
upload_report (SluiceRemoteClient     *client,
               SluiceCliRemoteOptions *options,
               const char             *filename,
               int                    *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *title = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;
  char *contents = NULL;
  gsize length = 0;
  char *digest;

  if (!g_file_get_contents (filename, &contents, &length, &error))
    {
      g_printerr (_("sluice-cli publish: cannot read the report: %s\n"), error->message);
      *status = SLUICE_CLI_EXIT_USAGE;
      return NULL;
    }
  bytes = g_bytes_new_take (contents, length);
  if (length > SLUICE_REMOTE_MAX_REPORT_SIZE)
    {
      g_printerr (_("sluice-cli publish: the report %s is larger than %d bytes, the most a server accepts\n"),
                  filename, SLUICE_REMOTE_MAX_REPORT_SIZE);
      *status = SLUICE_CLI_EXIT_USAGE;
      return NULL;
    }

  sluice_remote_client_upload_report_async (client, bytes, sluice_cli_remote_cancellable (), sluice_cli_wait_cb, &wait);
  result = sluice_cli_wait_run (&wait);
  digest = sluice_remote_client_upload_report_finish (client, result, &title, &error);
  if (digest == NULL)
    {
      *status = sluice_cli_remote_fail (options, "publish", error);
      g_printerr (_("sluice-cli publish: nothing was published, since the report did not get there\n"));
      return NULL;
    }
  if (!options->json)
    printf (_("Uploaded the report “%s” (%s)\n"), title ? title : filename, digest);
  return digest;
}

/* The newest version the server has, 0 for a new workflow. */
static gboolean
latest_version (SluiceRemoteClient     *client,
                SluiceCliRemoteOptions *options,
                const char             *name,
                gint64                 *latest,
                int                    *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;

  sluice_remote_client_list_versions_async (client, name, sluice_cli_remote_cancellable (), sluice_cli_wait_cb, &wait);
  result = sluice_cli_wait_run (&wait);
  versions = sluice_remote_client_list_versions_finish (client, result, &error);
  *latest = 0;
  if (versions == NULL)
    {
      if (g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_NOT_FOUND))
        return TRUE;
      *status = sluice_cli_remote_fail (options, "publish", error);
      g_printerr (_("sluice-cli publish: nothing was published; to publish without asking for the "
                    "latest version, give --base N\n"));
      return FALSE;
    }
  for (guint i = 0; i < versions->len; i++)
    *latest = MAX (*latest, ((SluiceRemoteVersion *) g_ptr_array_index (versions, i))->number);
  return TRUE;
}

/* After a failure: where the publish is, and what to do with it. */
void
sluice_cli_explain_kept (SluiceRemotePending *kept,
                         const GError        *error)
{
  gint64 current = sluice_remote_error_get_current_version (error);

  if (kept == NULL)
    return;
  if (!kept->needs_author)
    {
      g_printerr (_("The publish is kept in the outbox as %s; nothing is lost. "
                    "Send it again with “sluice-cli outbox retry %s”.\n"), kept->id, kept->id);
      return;
    }
  if (current >= 0)
    g_printerr (_("The publish is kept in the outbox as %s. Merge version %" PRId64
                  " into your workflow and publish again, or, to replace it with yours as it is, "
                  "“sluice-cli outbox retry %s --base %" PRId64 "”. "
                  "“sluice-cli outbox discard %s” drops it.\n"),
                kept->id, current, kept->id, current, kept->id);
  else
    g_printerr (_("The publish is kept in the outbox as %s, but the server refused it: fix the workflow "
                  "and publish again, then drop this one with “sluice-cli outbox discard %s”.\n"),
                kept->id, kept->id);
}

void
sluice_cli_print_published (SluiceRemoteClient     *client,
                            SluiceCliRemoteOptions *options,
                            SluiceRemoteVersion    *version)
{
  if (options->json)
    {
      sluice_cli_print_json_object (version->json);
      return;
    }
  printf (_("Published %s version %" PRId64 " on %s (%s)\n"),
          version->workflow ? version->workflow : "?", version->number,
          sluice_remote_client_get_display_name (client), version->digest ? version->digest : "?");
  fflush (stdout);
}

int
sluice_cli_publish (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceRemoteClient) client = NULL;
  g_autoptr(SluiceRemoteOutbox) outbox = NULL;
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(SluiceRemotePending) kept = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *yaml = NULL;
  g_autofree char *name = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;
  SluiceCliRemoteOptions options;
  gint64 base = -1;
  gsize length;
  int status = SLUICE_CLI_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "report", 'r', 0, G_OPTION_ARG_FILENAME, &report,
      N_("Attach this impact report (.sluice-report) to the version"), N_("FILE") },
    { "base", 'b', 0, G_OPTION_ARG_INT64, &base,
      N_("The version your changes are based on (default: the latest on the server; 0 for a new workflow)"), N_("N") },
    { NULL }
  };

  sluice_cli_remote_options_init (&options);
  context = g_option_context_new (_("WORKFLOW.yaml — publish a new version of a workflow"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sluice_cli_remote_add_options (context, &options, TRUE);
  g_option_context_set_description (context,
    _("Uploads the report first, if given, then publishes the workflow as a new version.\n"
      "The publish is kept in the outbox ($XDG_DATA_HOME/sluice/outbox) until the\n"
      "server confirms it; if it fails, “sluice-cli outbox retry” sends it again, and\n"
      "the server still creates one version only.\n"
      "If someone published since your base version, the server refuses (conflict).\n\n"
      "Exit status: 0 published, 1 refused or failed (the publish is kept), 2 bad arguments."));

  if (!sluice_cli_parse_options (context, &argc, &argv) || !sluice_cli_remote_check_options (&options, "publish"))
    goto out;
  if (argc != 2)
    {
      g_printerr (_("sluice-cli publish: give one workflow file\n"));
      goto out;
    }
  if (base < -1)
    {
      g_printerr (_("sluice-cli publish: --base must be 0 or more\n"));
      goto out;
    }

  yaml = sluice_cli_read_input (argv[1], &length, &error);
  if (yaml == NULL)
    {
      g_printerr (_("sluice-cli publish: cannot read %s: %s\n"), argv[1], error->message);
      goto out;
    }
  name = workflow_name (yaml, length, argv[1]);
  if (name == NULL)
    {
      status = SLUICE_CLI_EXIT_FAILED;
      goto out;
    }

  client = sluice_cli_remote_connect (&options, "publish");
  if (client == NULL)
    goto out;

  if (report != NULL && (digest = upload_report (client, &options, report, &status)) == NULL)
    goto out;
  if (base < 0 && !latest_version (client, &options, name, &base, &status))
    goto out;

  outbox = sluice_remote_outbox_new (NULL);
  sluice_remote_publish_async (client, outbox, name, yaml, base, digest,
                               sluice_cli_remote_cancellable (), sluice_cli_wait_cb, &wait);
  result = sluice_cli_wait_run (&wait);
  version = sluice_remote_publish_finish (client, result, &kept, &error);
  if (version == NULL)
    {
      status = sluice_cli_remote_fail (&options, "publish", error);
      sluice_cli_explain_kept (kept, error);
      goto out;
    }

  sluice_cli_print_published (client, &options, version);
  status = SLUICE_CLI_EXIT_OK;

out:
  sluice_cli_remote_options_clear (&options);
  return status;
}
