/* sluice-cli-rollout.c — sluice-cli rollout, promote, pause, resume,
 * rollback and kill-switch: driving a workflow's enablement
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-cli-remote.h"
#include "sluice-duration.h"

/* "2%/5m" or "0.02/300s": the error rate and the window it is measured over. */
static gboolean
parse_error_budget (const char              *text,
                    SluiceRemoteErrorBudget *budget)
{
  g_auto(GStrv) parts = g_strsplit (text, "/", 2);
  g_autofree char *rate_text = NULL;
  gboolean percent;
  char *end = NULL;
  double rate;
  gint64 msec;

  if (g_strv_length (parts) != 2)
    return FALSE;
  rate_text = g_strstrip (g_strdup (parts[0]));
  percent = g_str_has_suffix (rate_text, "%");
  if (percent)
    rate_text[strlen (rate_text) - 1] = '\0';
  rate = g_ascii_strtod (rate_text, &end);
  if (end == rate_text || *end != '\0')
    return FALSE;
  if (percent)
    rate /= 100.0;
  if (!(rate >= 0 && rate <= 1))
    return FALSE;
  if (!sluice_duration_parse (g_strstrip (parts[1]), &msec) || msec < SLUICE_MSEC_PER_SECOND)
    return FALSE;

  budget->max_error_rate = rate;
  budget->window_seconds = msec / SLUICE_MSEC_PER_SECOND;
  return TRUE;
}

static int
finish_rollout (SluiceRemoteClient     *client,
                SluiceCliRemoteOptions *options,
                const char             *command,
                SluiceCliWait          *wait,
                SluiceRemoteRollout *(*finish) (SluiceRemoteClient *, GAsyncResult *, GError **))
{
  g_autoptr(GAsyncResult) result = sluice_cli_wait_run (wait);
  g_autoptr(GError) error = NULL;
  g_autoptr(SluiceRemoteRollout) rollout = finish (client, result, &error);

  if (rollout == NULL)
    return sluice_cli_remote_fail (options, command, error);
  if (options->json)
    sluice_cli_print_json_object (rollout->json);
  else
    sluice_cli_print_rollout (rollout);
  return SLUICE_CLI_EXIT_OK;
}

int
sluice_cli_rollout (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceRemoteClient) client = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *segment = NULL;
  g_autofree char *error_budget = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;
  SluiceCliRemoteOptions options;
  SluiceRemoteRolloutChange change;
  gint64 version = 0;
  gint64 min_events = -1;
  double percent = 0;
  gboolean auto_pause = FALSE;
  gboolean no_auto_pause = FALSE;
  int status = SLUICE_CLI_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode,
      N_("disabled, shadow, canary or full (without it, show the rollout)"), N_("MODE") },
    { "version", 'v', 0, G_OPTION_ARG_INT64, &version,
      N_("The version to roll out (default: the current one, or the latest)"), N_("N") },
    { "percent", 'p', 0, G_OPTION_ARG_DOUBLE, &percent,
      N_("canary: this share of the entities, 0 < P ≤ 100"), N_("P") },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment,
      N_("canary: the entities of this segment"), N_("SEGMENT") },
    { "error-budget", 'e', 0, G_OPTION_ARG_STRING, &error_budget,
      N_("Pause when errors exceed this rate over this window, like 2%/5m"), N_("RATE/WINDOW") },
    { "min-events", 0, 0, G_OPTION_ARG_INT64, &min_events,
      N_("…but only once the window holds at least N events"), N_("N") },
    { "auto-pause", 0, 0, G_OPTION_ARG_NONE, &auto_pause,
      N_("Pause by itself when the error budget is breached"), NULL },
    { "no-auto-pause", 0, 0, G_OPTION_ARG_NONE, &no_auto_pause,
      N_("Only report breaches of the error budget"), NULL },
    { NULL }
  };

  sluice_cli_remote_options_init (&options);
  context = g_option_context_new (_("NAME — show or change how a workflow is rolled out"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sluice_cli_remote_add_options (context, &options, TRUE);
  g_option_context_set_description (context,
    _("The usual path: --mode shadow (runs, acts on nothing), then --mode canary with\n"
      "--percent 5 or --segment, then “sluice-cli promote”. full comes only from canary;\n"
      "disabled from anywhere.\n\n"
      "Exit status: 0 done, 1 refused or failed, 2 bad arguments."));

  if (!sluice_cli_parse_options (context, &argc, &argv) || !sluice_cli_remote_check_options (&options, "rollout"))
    goto out;
  if (argc != 2)
    {
      g_printerr (_("sluice-cli rollout: give one workflow name\n"));
      goto out;
    }
  if (!sluice_cli_parse_workflow_name (argv[1], "rollout"))
    goto out;

  sluice_remote_rollout_change_init (&change, sluice_remote_mode_from_string (mode));
  if (mode != NULL && change.mode == SLUICE_REMOTE_MODE_UNKNOWN)
    {
      g_printerr (_("sluice-cli rollout: unknown mode “%s”; use disabled, shadow, canary or full\n"), mode);
      goto out;
    }
  if (mode == NULL && (version != 0 || percent != 0 || segment || error_budget || min_events >= 0
                       || auto_pause || no_auto_pause))
    {
      g_printerr (_("sluice-cli rollout: say which --mode these options are for\n"));
      goto out;
    }
  if (version < 0 || (percent != 0 && !(percent > 0 && percent <= 100)) || (auto_pause && no_auto_pause)
      || (percent != 0 && segment != NULL) || min_events < -1)
    {
      g_printerr (_("sluice-cli rollout: --version must be positive, --percent between 0 and 100, and only "
                    "one of --percent and --segment, of --auto-pause and --no-auto-pause\n"));
      goto out;
    }
  if (change.mode == SLUICE_REMOTE_MODE_CANARY && percent == 0 && segment == NULL)
    {
      g_printerr (_("sluice-cli rollout: a canary needs --percent P or --segment NAME\n"));
      goto out;
    }
  if (change.mode != SLUICE_REMOTE_MODE_CANARY && (percent != 0 || segment != NULL))
    {
      g_printerr (_("sluice-cli rollout: --percent and --segment are for --mode canary\n"));
      goto out;
    }
  if (error_budget != NULL && !parse_error_budget (error_budget, &change.error_budget))
    {
      g_printerr (_("sluice-cli rollout: cannot read the error budget “%s”; write it like 2%%/5m\n"), error_budget);
      goto out;
    }
  change.version = version;
  change.canary_percent = percent;
  change.canary_segment = segment;
  change.error_budget.min_events = min_events;
  change.auto_pause = auto_pause ? 1 : no_auto_pause ? 0 : -1;

  client = sluice_cli_remote_connect (&options, "rollout");
  if (client == NULL)
    goto out;

  if (mode == NULL)
    {
      sluice_remote_client_get_rollout_async (client, argv[1], sluice_cli_remote_cancellable (),
                                              sluice_cli_wait_cb, &wait);
      status = finish_rollout (client, &options, "rollout", &wait, sluice_remote_client_get_rollout_finish);
    }
  else
    {
      sluice_remote_client_set_rollout_async (client, argv[1], &change, sluice_cli_remote_cancellable (),
                                              sluice_cli_wait_cb, &wait);
      status = finish_rollout (client, &options, "rollout", &wait, sluice_remote_client_set_rollout_finish);
    }

out:
  sluice_cli_remote_options_clear (&options);
  return status;
}

typedef enum { ACTION_PROMOTE, ACTION_PAUSE, ACTION_RESUME, ACTION_ROLLBACK } RolloutAction;

static int
run_rollout_action (int            argc,
                    char         **argv,
                    RolloutAction  action)
{
  static const char * const commands[] = { "promote", "pause", "resume", "rollback" };
  const char *command = commands[action];
  const char *summaries[] = {
    N_("NAME — make a workflow's canary its full rollout"),
    N_("NAME — stop a workflow from acting, keeping its rollout"),
    N_("NAME — let a paused workflow act again, with a fresh error window"),
    N_("NAME — go back to the last version that ran within its error budget"),
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceRemoteClient) client = NULL;
  g_autofree char *reason = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;
  SluiceCliRemoteOptions options;
  GCancellable *cancellable;
  int status = SLUICE_CLI_EXIT_USAGE;
  const GOptionEntry reason_entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the audit trail"), N_("TEXT") },
    { NULL }
  };

  sluice_cli_remote_options_init (&options);
  context = g_option_context_new (_(summaries[action]));
  if (action == ACTION_PAUSE)
    g_option_context_add_main_entries (context, reason_entries, GETTEXT_PACKAGE);
  sluice_cli_remote_add_options (context, &options, TRUE);
  g_option_context_set_description (context, _("Exit status: 0 done, 1 refused or failed, 2 bad arguments."));

  if (!sluice_cli_parse_options (context, &argc, &argv) || !sluice_cli_remote_check_options (&options, command))
    goto out;
  if (argc != 2)
    {
      g_printerr (_("sluice-cli %s: give one workflow name\n"), command);
      goto out;
    }
  if (!sluice_cli_parse_workflow_name (argv[1], command))
    goto out;

  client = sluice_cli_remote_connect (&options, command);
  if (client == NULL)
    goto out;

  cancellable = sluice_cli_remote_cancellable ();
  switch (action)
    {
    case ACTION_PROMOTE:
      sluice_remote_client_promote_async (client, argv[1], cancellable, sluice_cli_wait_cb, &wait);
      break;
    case ACTION_PAUSE:
      sluice_remote_client_pause_async (client, argv[1], reason, cancellable, sluice_cli_wait_cb, &wait);
      break;
    case ACTION_RESUME:
      sluice_remote_client_resume_async (client, argv[1], cancellable, sluice_cli_wait_cb, &wait);
      break;
    case ACTION_ROLLBACK:
    default:
      sluice_remote_client_rollback_async (client, argv[1], cancellable, sluice_cli_wait_cb, &wait);
      break;
    }
  status = finish_rollout (client, &options, command, &wait, sluice_remote_client_rollout_action_finish);

out:
  sluice_cli_remote_options_clear (&options);
  return status;
}

int
sluice_cli_promote (int argc, char **argv)
{
  return run_rollout_action (argc, argv, ACTION_PROMOTE);
}

int
sluice_cli_pause (int argc, char **argv)
{
  return run_rollout_action (argc, argv, ACTION_PAUSE);
}

int
sluice_cli_resume (int argc, char **argv)
{
  return run_rollout_action (argc, argv, ACTION_RESUME);
}

int
sluice_cli_rollback (int argc, char **argv)
{
  return run_rollout_action (argc, argv, ACTION_ROLLBACK);
}

int
sluice_cli_kill_switch (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceRemoteClient) client = NULL;
  g_autoptr(SluiceRemoteKillSwitch) state = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;
  SluiceCliRemoteOptions options;
  int status = SLUICE_CLI_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the audit trail"), N_("TEXT") },
    { NULL }
  };

  sluice_cli_remote_options_init (&options);
  context = g_option_context_new (_("[on|off] — stop every workflow at once, or let them run again"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sluice_cli_remote_add_options (context, &options, TRUE);
  g_option_context_set_description (context,
    _("Without on or off, shows the kill switch. Turning it off does not resume\n"
      "workflows that were paused for other reasons. Needs the admin role.\n\n"
      "Exit status: 0 done, 1 refused or failed, 2 bad arguments."));

  if (!sluice_cli_parse_options (context, &argc, &argv) || !sluice_cli_remote_check_options (&options, "kill-switch"))
    goto out;
  if (argc > 2 || (argc == 2 && !g_str_equal (argv[1], "on") && !g_str_equal (argv[1], "off")))
    {
      g_printerr (_("sluice-cli kill-switch: say on or off, or nothing to see it\n"));
      goto out;
    }

  client = sluice_cli_remote_connect (&options, "kill-switch");
  if (client == NULL)
    goto out;

  if (argc == 2)
    sluice_remote_client_set_kill_switch_async (client, g_str_equal (argv[1], "on"), reason,
                                                sluice_cli_remote_cancellable (), sluice_cli_wait_cb, &wait);
  else
    sluice_remote_client_get_kill_switch_async (client, sluice_cli_remote_cancellable (), sluice_cli_wait_cb, &wait);
  result = sluice_cli_wait_run (&wait);
  state = sluice_remote_client_kill_switch_finish (client, result, &error);
  if (state == NULL)
    {
      status = sluice_cli_remote_fail (&options, "kill-switch", error);
      goto out;
    }

  if (options.json)
    sluice_cli_print_json_object (state->json);
  else
    {
      g_autofree char *when = sluice_cli_format_time (state->updated_at);
      const char *server = sluice_remote_client_get_display_name (client);
      const char *who = state->updated_by ? state->updated_by : "—";

      if (state->engaged)
        printf (_("The kill switch on %s is ENGAGED: no workflow runs (%s; since %s, by %s)\n"),
                server, state->reason ? state->reason : _("no reason given"), when, who);
      else if (state->updated_at != NULL)
        printf (_("The kill switch on %s is off (since %s, by %s)\n"), server, when, who);
      else
        printf (_("The kill switch on %s is off; it has never been engaged\n"), server);
    }
  status = SLUICE_CLI_EXIT_OK;

out:
  sluice_cli_remote_options_clear (&options);
  return status;
}
