/* sluice-cli-status.c — sluice-cli status: a workflow's live status, once or
 * as it changes
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-cli-remote.h"

/* One JSON object per line while watching: JSON Lines, for `jq` and friends. */
static void
print_json_line (JsonObject *object)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  fflush (stdout);
}

static SluiceRemoteStatus *
fetch (SluiceRemoteClient  *client,
       const char          *name,
       gint64               after,
       guint                wait_seconds,
       GError             **error)
{
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;
  g_autoptr(GAsyncResult) result = NULL;

  sluice_remote_client_get_status_async (client, name, after, wait_seconds, sluice_cli_remote_cancellable (),
                                         sluice_cli_wait_cb, &wait);
  result = sluice_cli_wait_run (&wait);
  return sluice_remote_client_get_status_finish (client, result, error);
}

int
sluice_cli_status (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceRemoteClient) client = NULL;
  g_autoptr(SluiceRemoteStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  SluiceCliRemoteOptions options;
  gboolean watch = FALSE;
  int wait_seconds = 30;
  int exit_status = SLUICE_CLI_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "watch", 'w', 0, G_OPTION_ARG_NONE, &watch,
      N_("Keep printing the status each time it changes, until Ctrl+C"), NULL },
    { "wait", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &wait_seconds,
      N_("How long each long poll may wait, in seconds (at most 60)"), N_("SECONDS") },
    { NULL }
  };

  sluice_cli_remote_options_init (&options);
  context = g_option_context_new (_("NAME — a workflow's live status: mode, pauses, counters, error rate"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sluice_cli_remote_add_options (context, &options, TRUE);
  g_option_context_set_description (context,
    _("With --watch and --format json, prints one JSON object per line (JSON Lines).\n\n"
      "Exit status: 0 done (also when --watch is stopped with Ctrl+C), 1 refused or\n"
      "failed, 2 bad arguments."));

  if (!sluice_cli_parse_options (context, &argc, &argv) || !sluice_cli_remote_check_options (&options, "status"))
    goto out;
  if (argc != 2)
    {
      g_printerr (_("sluice-cli status: give one workflow name\n"));
      goto out;
    }
  if (!sluice_cli_parse_workflow_name (argv[1], "status"))
    goto out;
  if (wait_seconds < 1 || wait_seconds > SLUICE_REMOTE_MAX_WAIT)
    {
      g_printerr (_("sluice-cli status: --wait must be between 1 and %d\n"), SLUICE_REMOTE_MAX_WAIT);
      goto out;
    }

  client = sluice_cli_remote_connect (&options, "status");
  if (client == NULL)
    goto out;

  status = fetch (client, argv[1], -1, 0, &error);
  while (status != NULL)
    {
      gint64 revision = status->revision;

      if (options.json)
        (watch ? print_json_line : sluice_cli_print_json_object) (status->json);
      else
        sluice_cli_print_status (status);

      if (!watch)
        break;

      /* a long poll answers unchanged after the wait: ask again */
      do
        {
          g_clear_pointer (&status, sluice_remote_status_unref);
          status = fetch (client, argv[1], revision, (guint) wait_seconds, &error);
        }
      while (status != NULL && status->revision == revision);

      if (status != NULL && !options.json)
        printf ("\n");
    }

  if (status == NULL)
    {
      /* Ctrl+C is how a watch ends */
      if (watch && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        exit_status = SLUICE_CLI_EXIT_OK;
      else
        exit_status = sluice_cli_remote_fail (&options, "status", error);
      goto out;
    }
  exit_status = SLUICE_CLI_EXIT_OK;

out:
  sluice_cli_remote_options_clear (&options);
  return exit_status;
}
