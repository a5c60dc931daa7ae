/* sluice-cli-schema.c — sluice-cli schema
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-json.h"
#include "sluice-schema.h"

int
sluice_cli_schema (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonNode) schema = NULL;
  g_autofree char *text = NULL;

  context = g_option_context_new (_("— print the JSON Schema of the workflow format"));
  g_option_context_set_description (context,
    _("Editors that understand JSON Schema (for YAML too) can use it to check and\n"
      "complete workflow files. The same schema ships as sluice-workflow.schema.json."));

  if (!sluice_cli_parse_options (context, &argc, &argv))
    return SLUICE_CLI_EXIT_USAGE;

  if (argc > 1)
    {
      g_printerr (_("sluice-cli schema: takes no arguments\n"));
      return SLUICE_CLI_EXIT_USAGE;
    }

  schema = sluice_schema_to_json_schema ();
  text = sluice_json_to_string (schema, TRUE);
  printf ("%s\n", text);

  return SLUICE_CLI_EXIT_OK;
}
