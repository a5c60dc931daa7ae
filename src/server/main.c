/* main.c — sluice-server: the reference Sluice control plane
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sluice-server-commands.h"

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

  if (argc >= 2 && g_str_equal (argv[1], "--version"))
    {
      printf ("sluice-server %s\n", PACKAGE_VERSION);
      return SLUICE_SERVER_EXIT_OK;
    }

  /* "sluice-server COMMAND …": the command sees itself as argv[0] */
  if (argc >= 2 && argv[1][0] != '-')
    {
      static const struct {
        const char *name;
        int (*run) (int argc, char **argv);
      } commands[] = {
        { "serve",  sluice_server_command_serve },
        { "token",  sluice_server_command_token },
        { "replay", sluice_server_command_replay },
      };

      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_str_equal (argv[1], commands[i].name))
          {
            g_autofree char *prgname = g_strdup_printf ("sluice-server %s", commands[i].name);

            g_set_prgname (prgname);
            argv[1] = prgname;
            return commands[i].run (argc - 1, argv + 1);
          }

      g_printerr (_("sluice-server: unknown command “%s”; the commands are serve, token and replay\n"), argv[1]);
      return SLUICE_SERVER_EXIT_USAGE;
    }

  g_set_prgname ("sluice-server");
  return sluice_server_command_serve (argc, argv);
}
