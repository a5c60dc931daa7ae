/* sluice-cli-report.c — sluice-cli report: an impact report for CI
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-cli-dataset.h"
#include "sluice-report.h"
#include "sluice-simulator.h"

static SluiceSimResult *
run (SluiceSimulator   *simulator,
     SluiceWorkflow    *workflow,
     const SluiceScope *scope,
     const char        *filename)
{
  g_autoptr(GError) error = NULL;
  SluiceSimResult *result = sluice_simulator_run (simulator, workflow, scope, NULL, &error);

  if (result == NULL)
    g_printerr ("sluice-cli report: %s: %s\n", filename, error->message);
  return result;
}

int
sluice_cli_report (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(SluiceSimulator) simulator = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceWorkflow) comparison = NULL;
  g_autoptr(SluiceScope) scope = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(SluiceSimResult) comparison_result = NULL;
  g_autoptr(SluiceReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *compare = NULL;
  g_autofree char *output = NULL;
  SluiceCliScopeOptions options;
  SluiceReportOutput kind;
  int status = SLUICE_CLI_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the report; its extension picks the format: .html, .pdf or .sluice-report"), N_("FILE") },
    { "compare", 'c', 0, G_OPTION_ARG_FILENAME, &compare,
      N_("Compare with this version of the workflow: who newly qualifies, who drops out, the deltas"), N_("OTHER") },
    { NULL }
  };

  sluice_cli_scope_options_init (&options);
  context = g_option_context_new (_("WORKFLOW — write an impact report of a workflow's dry run"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, sluice_cli_scope_option_group (&options));
  g_option_context_set_description (context,
    _("Dry-runs WORKFLOW (and, with --compare, the other version) over the events in\n"
      "scope and writes what it would do: the headline numbers with their deltas, the\n"
      "blast radius, who newly qualifies and who drops out, actions per step,\n"
      "requests by destination, rate limits and quotas, filter diagnostics, findings,\n"
      "the scope and where everything came from, and the workflow itself.\n\n"
      "The format follows the --output extension:\n"
      "  .sluice-report  the report file, which the Sluice app opens read-only\n"
      "  .html           one self-contained page: no scripts, nothing fetched\n"
      "  .pdf            A4 pages\n"
      "--format and --top do not apply; nothing is recorded in the dataset's history.\n\n"
      "Exit status: 0 when the report was written, 1 when a workflow is not valid or\n"
      "cannot be run, 2 on bad options, an unusable dataset or an unwritable output."));

  if (!sluice_cli_parse_options (context, &argc, &argv))
    goto out;
  if (argc != 2)
    {
      g_printerr (_("sluice-cli report: give one workflow file\n"));
      goto out;
    }
  if (output == NULL)
    {
      g_printerr (_("sluice-cli report: give --output FILE (.html, .pdf or %s)\n"), SLUICE_REPORT_EXTENSION);
      goto out;
    }
  kind = sluice_report_output_for_filename (output);
  if (kind == SLUICE_REPORT_OUTPUT_UNKNOWN)
    {
      g_printerr (_("sluice-cli report: cannot tell the format of %s; name it .html, .pdf or %s\n"),
                  output, SLUICE_REPORT_EXTENSION);
      goto out;
    }
  if (options.format != NULL)
    {
      g_printerr (_("sluice-cli report: the format follows the --output extension; leave out --format\n"));
      goto out;
    }

  workflow = sluice_cli_load_workflow (argv[1], "report");
  if (compare != NULL)
    comparison = sluice_cli_load_workflow (compare, "report");
  if (workflow == NULL || (compare != NULL && comparison == NULL))
    {
      status = SLUICE_CLI_EXIT_FAILED;
      goto out;
    }

  store = sluice_cli_open_dataset (&options, "report");
  if (store == NULL || (scope = sluice_cli_make_scope (&options, store, "report")) == NULL)
    goto out;

  simulator = sluice_simulator_new (store);
  result = run (simulator, workflow, scope, argv[1]);
  if (result != NULL && comparison != NULL)
    comparison_result = run (simulator, comparison, scope, compare);
  if (result == NULL || (comparison != NULL && comparison_result == NULL))
    {
      status = SLUICE_CLI_EXIT_FAILED;
      goto out;
    }

  report = sluice_report_new (workflow, comparison, result, comparison_result, store);
  if (options.events != NULL)
    {
      g_autofree char *name = g_path_get_basename (options.events);
      sluice_report_set_dataset_name (report, name);
    }

  file = g_file_new_for_commandline_arg (output);
  if (!sluice_report_write (report, file, kind, NULL, &error))
    {
      g_printerr (_("sluice-cli report: cannot write %s: %s\n"), output, error->message);
      goto out;
    }

  printf (_("Wrote %s: %" PRIu64 " events matched, %" PRIu64 " entities, %"
            PRIu64 " would-be actions\n"),
          output, result->events_matched, result->entities_matched, result->actions_total);
  status = SLUICE_CLI_EXIT_OK;

out:
  sluice_cli_scope_options_clear (&options);
  return status;
}
