/* sluice-cli-simulate.c — sluice-cli simulate and sluice-cli diff
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-cli-dataset.h"
#include "sluice-json.h"
#include "sluice-sim-diff.h"
#include "sluice-simulator.h"

static void
print_json (JsonNode *node)
{
  g_autofree char *text = sluice_json_to_string (node, TRUE);
  printf ("%s\n", text);
}

int
sluice_cli_simulate (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(SluiceSimulator) simulator = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceScope) scope = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entity = NULL;
  SluiceCliScopeOptions options;
  gboolean no_record = FALSE;
  gboolean json;
  int status = SLUICE_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "entity", 0, 0, G_OPTION_ARG_STRING, &entity,
      N_("Show the shadow log of one entity: its events and the would-be actions, filled in"), N_("ID") },
    { "no-record", 0, 0, G_OPTION_ARG_NONE, &no_record,
      N_("Do not keep this run in the dataset's run history"), NULL },
    { NULL }
  };

  sluice_cli_scope_options_init (&options);
  context = g_option_context_new (_("WORKFLOW — dry-run a workflow over imported events"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, sluice_cli_scope_option_group (&options));
  g_option_context_set_description (context,
    _("Shows what the workflow would have done to the events in scope: events and\n"
      "entities matched, would-be actions per step, requests per destination, rate\n"
      "limit use, filters that could not be evaluated, findings, the entities with\n"
      "the most actions and, with --canary, who a canary would cover. Nothing is sent.\n"
      "Runs over a --dataset are kept in its run history.\n\n"
      "Exit status: 0 on success, 1 when the workflow is not valid, 2 on bad options\n"
      "or an unusable dataset."));

  if (!sluice_cli_parse_options (context, &argc, &argv))
    goto usage;
  if (argc != 2)
    {
      g_printerr (_("sluice-cli simulate: give one workflow file\n"));
      goto usage;
    }
  if (!sluice_cli_check_format (options.format, "simulate"))
    goto usage;
  json = g_strcmp0 (options.format, "json") == 0;

  workflow = sluice_cli_load_workflow (argv[1], "simulate");
  if (workflow == NULL)
    {
      sluice_cli_scope_options_clear (&options);
      return SLUICE_CLI_EXIT_FAILED;
    }

  store = sluice_cli_open_dataset (&options, "simulate");
  if (store == NULL || (scope = sluice_cli_make_scope (&options, store, "simulate")) == NULL)
    goto usage;

  simulator = sluice_simulator_new (store);

  if (entity != NULL)
    {
      g_autoptr(JsonNode) log = sluice_simulator_shadow_log (simulator, workflow, scope, entity, 100, NULL, &error);

      if (log == NULL)
        {
          g_printerr ("sluice-cli simulate: %s\n", error->message);
          goto usage;
        }
      print_json (log);
      sluice_cli_scope_options_clear (&options);
      return SLUICE_CLI_EXIT_OK;
    }

  result = sluice_simulator_run (simulator, workflow, scope, NULL, &error);
  if (result == NULL)
    {
      g_printerr ("sluice-cli simulate: %s\n", error->message);
      sluice_cli_scope_options_clear (&options);
      return SLUICE_CLI_EXIT_FAILED;
    }

  if (options.dataset != NULL && !no_record && !sluice_simulator_record_run (simulator, result, &error))
    {
      g_printerr ("sluice-cli simulate: %s\n", error->message);
      status = SLUICE_CLI_EXIT_USAGE;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = sluice_sim_result_to_json (result, MAX (options.top, 0));
      print_json (node);
    }
  else
    {
      g_autofree char *text = sluice_sim_result_to_text (result, MAX (options.top, 0));
      fputs (text, stdout);
    }

  sluice_cli_scope_options_clear (&options);
  return status;

usage:
  sluice_cli_scope_options_clear (&options);
  return SLUICE_CLI_EXIT_USAGE;
}

int
sluice_cli_diff (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(SluiceSimulator) simulator = NULL;
  g_autoptr(SluiceWorkflow) before = NULL;
  g_autoptr(SluiceWorkflow) after = NULL;
  g_autoptr(SluiceScope) scope = NULL;
  g_autoptr(SluiceSimResult) result_before = NULL;
  g_autoptr(SluiceSimResult) result_after = NULL;
  g_autoptr(SluiceSimDiff) diff = NULL;
  g_autoptr(GError) error = NULL;
  SluiceCliScopeOptions options;

  sluice_cli_scope_options_init (&options);
  context = g_option_context_new (_("BEFORE AFTER — compare two versions of a workflow over the same events"));
  g_option_context_add_group (context, sluice_cli_scope_option_group (&options));
  g_option_context_set_description (context,
    _("Lists the entities that newly qualify (AFTER acts on them, BEFORE did not),\n"
      "those that drop out, and how many stay, and the change in actions per step.\n\n"
      "Exit status: 0 on success, 1 when a workflow is not valid, 2 on bad options\n"
      "or an unusable dataset."));

  if (!sluice_cli_parse_options (context, &argc, &argv))
    goto usage;
  if (argc != 3)
    {
      g_printerr (_("sluice-cli diff: give two workflow files, BEFORE and AFTER\n"));
      goto usage;
    }
  if (!sluice_cli_check_format (options.format, "diff"))
    goto usage;

  before = sluice_cli_load_workflow (argv[1], "diff");
  after = sluice_cli_load_workflow (argv[2], "diff");
  if (before == NULL || after == NULL)
    {
      sluice_cli_scope_options_clear (&options);
      return SLUICE_CLI_EXIT_FAILED;
    }

  store = sluice_cli_open_dataset (&options, "diff");
  if (store == NULL || (scope = sluice_cli_make_scope (&options, store, "diff")) == NULL)
    goto usage;

  simulator = sluice_simulator_new (store);
  result_before = sluice_simulator_run (simulator, before, scope, NULL, &error);
  if (result_before != NULL)
    result_after = sluice_simulator_run (simulator, after, scope, NULL, &error);
  if (result_after == NULL)
    {
      g_printerr ("sluice-cli diff: %s\n", error->message);
      sluice_cli_scope_options_clear (&options);
      return SLUICE_CLI_EXIT_FAILED;
    }

  diff = sluice_sim_diff_new (result_before, result_after);
  if (g_strcmp0 (options.format, "json") == 0)
    {
      g_autoptr(JsonNode) node = sluice_sim_diff_to_json (diff, MAX (options.top, 0));
      print_json (node);
    }
  else
    {
      g_autofree char *text = sluice_sim_diff_to_text (diff, MAX (options.top, 0));
      fputs (text, stdout);
    }

  sluice_cli_scope_options_clear (&options);
  return SLUICE_CLI_EXIT_OK;

usage:
  sluice_cli_scope_options_clear (&options);
  return SLUICE_CLI_EXIT_USAGE;
}
