/* sluice-cli-segment.c — sluice-cli segment
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-event-store.h"

int
sluice_cli_segment (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dataset = NULL;
  const GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &dataset, N_("The dataset"), N_("DB") },
    { NULL }
  };

  context = g_option_context_new (_("import NAME FILE | list | show NAME — named lists of entities"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("A segment is a list of entity ids (one per line, or the first column of a\n"
      "CSV file) used to scope dry runs (--segment) and canaries (--canary-segment).\n"
      "Importing a segment replaces one of the same name."));

  if (!sluice_cli_parse_options (context, &argc, &argv))
    return SLUICE_CLI_EXIT_USAGE;

  if (dataset == NULL || argc < 2)
    {
      g_printerr (_("sluice-cli segment: give --dataset DB and import, list or show\n"));
      return SLUICE_CLI_EXIT_USAGE;
    }

  store = sluice_event_store_open (dataset, &error);
  if (store == NULL)
    {
      g_printerr ("sluice-cli segment: %s\n", error->message);
      return SLUICE_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "import") && argc == 4)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[3]);
      g_autoptr(GFileInputStream) input = g_file_read (file, NULL, &error);
      guint n = 0;

      if (input == NULL || !sluice_event_store_import_segment (store, argv[2], G_INPUT_STREAM (input), &n, NULL, &error))
        {
          g_printerr ("sluice-cli segment: %s\n", error->message);
          return SLUICE_CLI_EXIT_USAGE;
        }
      printf (g_dngettext (GETTEXT_PACKAGE, "Segment %s: %u entity\n", "Segment %s: %u entities\n", n), argv[2], n);
      return SLUICE_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "list") && argc == 2)
    {
      g_auto(GStrv) names = sluice_event_store_list_segments (store, &error);

      if (names == NULL)
        {
          g_printerr ("sluice-cli segment: %s\n", error->message);
          return SLUICE_CLI_EXIT_USAGE;
        }
      for (guint i = 0; names[i] != NULL; i++)
        printf ("%s\n", names[i]);
      return SLUICE_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "show") && argc == 3)
    {
      g_auto(GStrv) ids = sluice_event_store_get_segment (store, argv[2], &error);

      if (ids == NULL)
        {
          g_printerr ("sluice-cli segment: %s\n", error->message);
          return SLUICE_CLI_EXIT_FAILED;
        }
      for (guint i = 0; ids[i] != NULL; i++)
        printf ("%s\n", ids[i]);
      return SLUICE_CLI_EXIT_OK;
    }

  g_printerr (_("sluice-cli segment: use “import NAME FILE”, “list” or “show NAME”\n"));
  return SLUICE_CLI_EXIT_USAGE;
}
