/* sluice-cli-fmt.c — sluice-cli fmt
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-workflow.h"

/* Writes next to the file and renames over it, so an interrupted write
 * never leaves half a workflow behind. */
static gboolean
write_atomically (const char  *filename,
                  const char  *contents,
                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (filename);

  return g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

int
sluice_cli_fmt (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  gboolean check = FALSE;
  gboolean write = FALSE;
  int status = SLUICE_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "check", 'c', 0, G_OPTION_ARG_NONE, &check,
      N_("Write nothing; list the files that are not in canonical form and fail if there are any"), NULL },
    { "write", 'w', 0, G_OPTION_ARG_NONE, &write,
      N_("Rewrite the files in canonical form instead of printing them"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE… — print workflows in canonical form"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("The canonical form has a fixed key order and quotes values exactly when YAML\n"
      "would otherwise read them as something else, so the same workflow is always\n"
      "written the same way. Give “-” to read standard input.\n\n"
      "Exit status: 0 on success, 1 when a file is not valid (or, with --check, not\n"
      "canonical), 2 when a file cannot be read or the options are wrong."));

  if (!sluice_cli_parse_options (context, &argc, &argv))
    return SLUICE_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      g_printerr (_("sluice-cli fmt: give at least one workflow file\n"));
      return SLUICE_CLI_EXIT_USAGE;
    }
  if (check && write)
    {
      g_printerr (_("sluice-cli fmt: --check and --write cannot be used together\n"));
      return SLUICE_CLI_EXIT_USAGE;
    }
  if (argc > 2 && !check && !write)
    {
      g_printerr (_("sluice-cli fmt: to format several files, give --write or --check\n"));
      return SLUICE_CLI_EXIT_USAGE;
    }

  for (int i = 1; i < argc; i++)
    {
      const char *filename = argv[i];
      g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
      g_autoptr(SluiceWorkflow) workflow = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *canonical = NULL;
      gsize length;

      text = sluice_cli_read_input (filename, &length, &error);
      if (text == NULL)
        {
          g_printerr (_("sluice-cli fmt: cannot read %s: %s\n"), filename, error->message);
          status = SLUICE_CLI_EXIT_USAGE;
          continue;
        }

      workflow = sluice_workflow_load_from_data (text, length, diagnostics);
      if (workflow == NULL)
        {
          sluice_cli_print_diagnostics (diagnostics, filename, stderr);
          if (status == SLUICE_CLI_EXIT_OK)
            status = SLUICE_CLI_EXIT_FAILED;
          continue;
        }

      canonical = sluice_workflow_to_yaml (workflow);

      if (check)
        {
          if (strlen (canonical) != length || memcmp (canonical, text, length) != 0)
            {
              printf ("%s\n", filename);
              if (status == SLUICE_CLI_EXIT_OK)
                status = SLUICE_CLI_EXIT_FAILED;
            }
        }
      else if (write && !g_str_equal (filename, "-"))
        {
          if ((strlen (canonical) != length || memcmp (canonical, text, length) != 0)
              && !write_atomically (filename, canonical, &error))
            {
              g_printerr (_("sluice-cli fmt: cannot write %s: %s\n"), filename, error->message);
              status = SLUICE_CLI_EXIT_USAGE;
            }
        }
      else
        fputs (canonical, stdout);
    }

  return status;
}
