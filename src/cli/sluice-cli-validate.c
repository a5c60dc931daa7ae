/* sluice-cli-validate.c — sluice-cli validate
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-json.h"
#include "sluice-validator.h"

static JsonNode *
diagnostics_to_json (SluiceDiagnostics *diagnostics)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, sluice_severity_to_string (d->severity));
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, d->rule_id);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, d->message);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, d->line);
      json_builder_set_member_name (builder, "column");
      json_builder_add_int_value (builder, d->column);
      if (d->path)
        {
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, d->path);
        }
      if (d->step_id)
        {
          json_builder_set_member_name (builder, "step");
          json_builder_add_string_value (builder, d->step_id);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

int
sluice_cli_validate (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluicePolicy) policy = NULL;
  g_autoptr(JsonArray) results = json_array_new ();
  g_autofree char *policy_path = NULL;
  g_autofree char *format = NULL;
  gboolean strict = FALSE;
  gboolean json;
  guint n_errors = 0, n_warnings = 0, n_files = 0;
  int status = SLUICE_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "policy", 'p', 0, G_OPTION_ARG_FILENAME, &policy_path,
      N_("Also check the organisation policy in FILE"), N_("FILE") },
    { "strict", 's', 0, G_OPTION_ARG_NONE, &strict,
      N_("Fail on warnings too"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: text (default) or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("FILE… — check workflows for errors and risks"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Prints one line per finding: FILE:LINE:COLUMN: error|warning: [rule] message.\n"
      "Give “-” to read standard input.\n\n"
      "Exit status: 0 when every file is valid, 1 when any has errors (or warnings\n"
      "with --strict), 2 when a file cannot be read or the options are wrong."));

  if (!sluice_cli_parse_options (context, &argc, &argv))
    return SLUICE_CLI_EXIT_USAGE;

  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      g_printerr (_("sluice-cli validate: unknown format “%s”; use text or json\n"), format);
      return SLUICE_CLI_EXIT_USAGE;
    }
  json = g_strcmp0 (format, "json") == 0;

  if (argc < 2)
    {
      g_printerr (_("sluice-cli validate: give at least one workflow file\n"));
      return SLUICE_CLI_EXIT_USAGE;
    }

  if (policy_path != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
      g_autofree char *text = NULL;
      gsize length;

      text = sluice_cli_read_input (policy_path, &length, &error);
      if (text == NULL)
        {
          g_printerr (_("sluice-cli validate: cannot read the policy %s: %s\n"), policy_path, error->message);
          return SLUICE_CLI_EXIT_USAGE;
        }
      policy = sluice_policy_load_from_data (text, length, diagnostics);
      if (policy == NULL)
        {
          sluice_cli_print_diagnostics (diagnostics, policy_path, stderr);
          g_printerr (_("sluice-cli validate: the policy %s is not valid\n"), policy_path);
          return SLUICE_CLI_EXIT_USAGE;
        }
    }

  for (int i = 1; i < argc; i++)
    {
      const char *filename = argv[i];
      g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
      g_autoptr(SluiceWorkflow) workflow = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gsize length;
      guint errors, warnings;

      text = sluice_cli_read_input (filename, &length, &error);
      if (text == NULL)
        {
          g_printerr (_("sluice-cli validate: cannot read %s: %s\n"), filename, error->message);
          status = SLUICE_CLI_EXIT_USAGE;
          continue;
        }

      n_files++;
      workflow = sluice_workflow_load_from_data (text, length, diagnostics);
      if (workflow != NULL)
        sluice_workflow_validate (workflow, policy, diagnostics);

      sluice_diagnostics_sort (diagnostics);
      errors = sluice_diagnostics_count (diagnostics, SLUICE_SEVERITY_ERROR);
      warnings = sluice_diagnostics_count (diagnostics, SLUICE_SEVERITY_WARNING);
      n_errors += errors;
      n_warnings += warnings;

      if ((errors > 0 || (strict && warnings > 0)) && status == SLUICE_CLI_EXIT_OK)
        status = SLUICE_CLI_EXIT_FAILED;

      if (json)
        {
          JsonObject *result = json_object_new ();

          json_object_set_string_member (result, "file", filename);
          json_object_set_boolean_member (result, "valid", errors == 0);
          json_object_set_int_member (result, "errors", errors);
          json_object_set_int_member (result, "warnings", warnings);
          json_object_set_member (result, "diagnostics", diagnostics_to_json (diagnostics));
          json_array_add_object_element (results, result);
        }
      else
        sluice_cli_print_diagnostics (diagnostics, filename, stdout);
    }

  if (json)
    {
      g_autoptr(JsonObject) root = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;

      json_object_set_boolean_member (root, "valid", n_errors == 0 && status != SLUICE_CLI_EXIT_USAGE);
      json_object_set_int_member (root, "errors", n_errors);
      json_object_set_int_member (root, "warnings", n_warnings);
      json_object_set_array_member (root, "files", g_steal_pointer (&results));
      json_node_set_object (node, root);
      text = sluice_json_to_string (node, TRUE);
      printf ("%s\n", text);
    }
  else
    {
      /* Translators: the three parts of “3 files checked, 1 error, 2 warnings” */
      g_autofree char *files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file checked",
                                                             "%u files checked", n_files), n_files);
      g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error",
                                                              "%u errors", n_errors), n_errors);
      g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                                                "%u warnings", n_warnings), n_warnings);

      fflush (stdout);
      g_printerr ("%s, %s, %s\n", files, errors, warnings);
    }

  return status;
}
