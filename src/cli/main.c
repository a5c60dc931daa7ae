/* main.c — sluice-cli: Sluice workflows from the command line and CI
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"

static const struct {
  const char       *name;
  SluiceCliCommand  run;
  const char       *summary;
} commands[] = {
  { "validate", sluice_cli_validate, N_("Check workflows for errors and risks") },
  { "fmt",      sluice_cli_fmt,      N_("Print workflows in canonical form") },
  { "schema",   sluice_cli_schema,   N_("Print the JSON Schema of the workflow format") },
  { "import",   sluice_cli_import,   N_("Import events into a dataset") },
  { "segment",  sluice_cli_segment,  N_("Import and list segments (named lists of entities)") },
  { "simulate", sluice_cli_simulate, N_("Dry-run a workflow over a dataset") },
  { "diff",     sluice_cli_diff,     N_("Compare what two versions of a workflow would do") },
  { "report",   sluice_cli_report,   N_("Write an impact report: HTML, PDF or a report file") },
  { "generate-sample", sluice_cli_generate_sample, N_("Generate reproducible sample events of the demo domain") },
  { "export",   sluice_cli_export,   N_("Write a workflow as Argo Events and Argo Workflows manifests") },
  { "server",   sluice_cli_server,   N_("Save control plane servers and their tokens") },
  { "publish",  sluice_cli_publish,  N_("Publish a new version of a workflow to a control plane") },
  { "outbox",   sluice_cli_outbox,   N_("List, retry or discard publishes not confirmed yet") },
  { "versions", sluice_cli_versions, N_("List the published versions of a workflow") },
  { "rollout",  sluice_cli_rollout,  N_("Show or change a workflow's rollout: disabled, shadow, canary, full") },
  { "promote",  sluice_cli_promote,  N_("Turn a workflow's canary into its full rollout") },
  { "pause",    sluice_cli_pause,    N_("Pause a workflow") },
  { "resume",   sluice_cli_resume,   N_("Resume a paused workflow") },
  { "rollback", sluice_cli_rollback, N_("Go back to a workflow's last good version") },
  { "kill-switch", sluice_cli_kill_switch, N_("Show, engage or release the global kill switch") },
  { "status",   sluice_cli_status,   N_("Show a workflow's live status, or watch it") },
  { "audit",    sluice_cli_audit,    N_("Show who changed what on a control plane") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: sluice-cli COMMAND [OPTION…] [ARGUMENT…]"));
  fprintf (stream, "%s\n", _("Design, check and dry-run event-driven automation workflows."));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Options:"));
  fprintf (stream, "  %-18s %s\n", "-h, --help", _("Show this help"));
  fprintf (stream, "  %-18s %s\n", "--version", _("Show the version"));
  fprintf (stream, "\n%s\n", _("Run “sluice-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* SLUICE_LOCALEDIR points at translations that are not installed, for
   * tests and for running from the build folder */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SLUICE_LOCALEDIR") ? g_getenv ("SLUICE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return SLUICE_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return SLUICE_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("sluice-cli %s\n", PACKAGE_VERSION);
      return SLUICE_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          /* The command sees itself as argv[0], so its --help reads
           * "sluice-cli validate [OPTION…]". */
          g_autofree char *prgname = g_strdup_printf ("sluice-cli %s", commands[i].name);
          g_set_prgname (prgname);
          argv[1] = prgname;
          return commands[i].run (argc - 1, argv + 1);
        }
    }

  g_printerr (_("sluice-cli: unknown command “%s”\n"), argv[1]);
  g_printerr (_("Run “sluice-cli --help” to see the commands.\n"));
  return SLUICE_CLI_EXIT_USAGE;
}
