/* sluice-server-cmd-token.c — sluice-server token create
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sluice-server-auth.h"
#include "sluice-server-commands.h"

int
sluice_server_command_token (int    argc,
                             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceServerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *token = NULL;
  SluiceServerRole role;
  const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("The server’s folder"), N_("DIR") },
    { "role", 'r', 0, G_OPTION_ARG_STRING, &role_name,
      N_("viewer, author, publisher or admin"), N_("ROLE") },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name,
      N_("Who the token is for; shown in the audit trail"), N_("WHO") },
    { NULL }
  };

  context = g_option_context_new (_("create — make a token"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Prints a new random token on standard output. Only its SHA-256 is stored,\n"
      "so it cannot be shown again: keep it in the user’s keyring.\n"
      "Roles include the ones before them: viewer (read), author (+ publish,\n"
      "reports, run-test), publisher (+ rollout), admin (+ kill switch)."));

  if (!sluice_server_parse_options (context, &argc, &argv))
    return SLUICE_SERVER_EXIT_USAGE;
  if (argc != 2 || g_strcmp0 (argv[1], "create") != 0)
    {
      g_printerr (_("sluice-server token: the only subcommand is “create”\n"));
      return SLUICE_SERVER_EXIT_USAGE;
    }
  if (data_dir == NULL || name == NULL || role_name == NULL)
    {
      g_printerr (_("sluice-server token create: give --data-dir, --role and --name\n"));
      return SLUICE_SERVER_EXIT_USAGE;
    }
  role = sluice_server_role_from_string (role_name);
  if (role == SLUICE_SERVER_ROLE_NONE)
    {
      g_printerr (_("sluice-server token create: unknown role “%s”; use viewer, author, publisher or admin\n"),
                  role_name);
      return SLUICE_SERVER_EXIT_USAGE;
    }
  if (*name == '\0' || !g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > 128)
    {
      g_printerr (_("sluice-server token create: the name must be 1 to 128 characters of UTF-8\n"));
      return SLUICE_SERVER_EXIT_USAGE;
    }

  store = sluice_server_store_open (data_dir, &error);
  if (store == NULL)
    {
      g_printerr ("sluice-server: %s\n", error->message);
      return SLUICE_SERVER_EXIT_FAILED;
    }
  token = sluice_server_auth_create_token (store, name, role, &error);
  if (token == NULL)
    {
      g_printerr ("sluice-server: %s\n", error->message);
      return SLUICE_SERVER_EXIT_FAILED;
    }

  printf ("%s\n", token);
  return SLUICE_SERVER_EXIT_OK;
}
