/* sluice-cli-dataset.c
 *
 * `simulate`, `diff` and `report` take the same dataset and scope options;
 * they are defined and interpreted here once.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-cli-dataset.h"

void
sluice_cli_scope_options_init (SluiceCliScopeOptions *options)
{
  *options = (SluiceCliScopeOptions) { 0 };
  options->canary = -1;
  options->top = 10;
}

void
sluice_cli_scope_options_clear (SluiceCliScopeOptions *options)
{
  g_free (options->dataset);
  g_free (options->events);
  g_free (options->from);
  g_free (options->to);
  g_strfreev (options->tenants);
  g_strfreev (options->segments);
  g_free (options->canary_segment);
  g_free (options->format);
}

GOptionGroup *
sluice_cli_scope_option_group (SluiceCliScopeOptions *options)
{
  const GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &options->dataset,
      N_("The dataset to run over (made with “sluice-cli import”)"), N_("DB") },
    { "events", 'e', 0, G_OPTION_ARG_FILENAME, &options->events,
      N_("Or: an event file, imported into a temporary dataset"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options->from,
      N_("Start of the window: a time, or a duration back from the latest event (7d)"), N_("TIME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options->to,
      N_("End of the window (exclusive), like --from"), N_("TIME") },
    { "tenant", 't', 0, G_OPTION_ARG_STRING_ARRAY, &options->tenants,
      N_("Only this tenant; repeat for more"), N_("ID") },
    { "segment", 's', 0, G_OPTION_ARG_STRING_ARRAY, &options->segments,
      N_("Only entities of this segment; repeat for more"), N_("NAME") },
    { "canary", 0, 0, G_OPTION_ARG_DOUBLE, &options->canary,
      N_("Preview a canary of this percent of the entities"), N_("PERCENT") },
    { "canary-segment", 0, 0, G_OPTION_ARG_STRING, &options->canary_segment,
      N_("Preview a canary of this segment"), N_("NAME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options->format,
      N_("Output format: text (default) or json"), N_("FORMAT") },
    { "top", 0, 0, G_OPTION_ARG_INT, &options->top,
      N_("How many entities to list (default 10)"), N_("N") },
    { NULL }
  };
  GOptionGroup *group;

  group = g_option_group_new ("scope", _("Dataset and scope:"), _("Show the dataset and scope options"),
                              NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

gboolean
sluice_cli_check_format (const char *format,
                         const char *command)
{
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      g_printerr (_("sluice-cli %s: unknown format “%s”; use text or json\n"), command, format);
      return FALSE;
    }
  return TRUE;
}

/**
 * sluice_cli_open_dataset:
 *
 * Opens --dataset, or imports --events into a dataset in memory. Says
 * what went wrong and returns %NULL otherwise.
 */
SluiceEventStore *
sluice_cli_open_dataset (SluiceCliScopeOptions *options,
                         const char            *command)
{
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if ((options->dataset == NULL) == (options->events == NULL))
    {
      g_printerr (_("sluice-cli %s: give either --dataset DB or --events FILE\n"), command);
      return NULL;
    }

  if (options->dataset != NULL)
    {
      if (!g_file_test (options->dataset, G_FILE_TEST_IS_REGULAR))
        {
          g_printerr (_("sluice-cli %s: there is no dataset %s; make one with “sluice-cli import --dataset %s FILE”\n"),
                      command, options->dataset, options->dataset);
          return NULL;
        }
      store = sluice_event_store_open (options->dataset, &error);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->events);
      g_autoptr(SluiceImportReport) report = NULL;

      store = sluice_event_store_open (":memory:", &error);
      if (store != NULL)
        report = sluice_event_store_import_file (store, file, SLUICE_EVENT_FORMAT_AUTO, NULL,
                                                 NULL, NULL, NULL, &error);
      if (report != NULL && report->rejected > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "sluice-cli %s: %" PRIu64 " value of %s was rejected; run “sluice-cli import” to see why\n",
                                 "sluice-cli %s: %" PRIu64 " values of %s were rejected; run “sluice-cli import” to see why\n",
                                 report->rejected),
                    command, report->rejected, options->events);
      if (report == NULL)
        g_clear_object (&store);
    }

  if (store == NULL)
    {
      g_printerr ("sluice-cli %s: %s\n", command, error->message);
      return NULL;
    }

  return g_steal_pointer (&store);
}

SluiceScope *
sluice_cli_make_scope (SluiceCliScopeOptions *options,
                       SluiceEventStore      *store,
                       const char            *command)
{
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  g_autoptr(GError) error = NULL;
  gint64 first = 0, last = 0;

  sluice_event_store_get_time_range (store, &first, &last);
  if (!sluice_scope_parse_window (scope, options->from, options->to, last, &error))
    {
      g_printerr ("sluice-cli %s: %s\n", command, error->message);
      return NULL;
    }

  if (options->canary > 100)
    {
      g_printerr (_("sluice-cli %s: --canary is a percentage from 0 to 100\n"), command);
      return NULL;
    }

  scope->tenants = g_strdupv (options->tenants);
  scope->segments = g_strdupv (options->segments);
  scope->canary_percent = options->canary;
  scope->canary_segment = g_strdup (options->canary_segment);

  return g_steal_pointer (&scope);
}

/* Loads a workflow, printing its errors the way `validate` does. */
SluiceWorkflow *
sluice_cli_load_workflow (const char *filename,
                          const char *command)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SluiceWorkflow *workflow;
  gsize length;

  text = sluice_cli_read_input (filename, &length, &error);
  if (text == NULL)
    {
      g_printerr (_("sluice-cli %s: cannot read %s: %s\n"), command, filename, error->message);
      return NULL;
    }

  workflow = sluice_workflow_load_from_data (text, length, diagnostics);
  if (workflow == NULL)
    {
      sluice_cli_print_diagnostics (diagnostics, filename, stderr);
      g_printerr (_("sluice-cli %s: %s is not a valid workflow\n"), command, filename);
    }

  return workflow;
}
