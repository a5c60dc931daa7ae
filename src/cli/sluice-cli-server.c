/* sluice-cli-server.c — sluice-cli server: saved control planes and their tokens
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-cli-remote.h"
#include "sluice-remote-servers.h"
#include "sluice-remote-token.h"

/* One line from standard input, so the token is never an argument. */
static char *
read_token_line (void)
{
  char buffer[4096];

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;
  g_strstrip (buffer);
  if (buffer[0] == '\0')
    return NULL;
  return g_strdup (buffer);
}

static int
server_add (SluiceRemoteServers    *servers,
            SluiceCliRemoteOptions *options,
            const char             *name,
            const char             *url,
            gboolean                token_stdin)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;
  g_autoptr(GAsyncResult) result = NULL;

  if (token_stdin && (token = read_token_line ()) == NULL)
    {
      g_printerr (_("sluice-cli server: --token-stdin, but standard input holds no token\n"));
      return SLUICE_CLI_EXIT_USAGE;
    }

  if (!sluice_remote_servers_add (servers, name, url, options->insecure, &error))
    {
      g_printerr ("sluice-cli server: %s\n", error->message);
      return g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS)
             ? SLUICE_CLI_EXIT_USAGE : SLUICE_CLI_EXIT_FAILED;
    }
  if (options->insecure)
    g_printerr (_("sluice-cli server: warning: the certificate of “%s” will not be checked; "
                  "do this only for a demo server with a self-signed certificate\n"), name);
  printf (_("Saved server “%s”: %s\n"), name, url);

  if (token == NULL)
    return SLUICE_CLI_EXIT_OK;

  sluice_remote_token_store_async (url, token, sluice_cli_remote_cancellable (), sluice_cli_wait_cb, &wait);
  memset (token, 0, strlen (token));
  result = sluice_cli_wait_run (&wait);
  if (!sluice_remote_token_store_finish (result, &error))
    {
      g_printerr ("sluice-cli server: %s\n", error->message);
      g_printerr (_("sluice-cli server: the server is saved, but not its token; set SLUICE_TOKEN when you use it\n"));
      return SLUICE_CLI_EXIT_FAILED;
    }
  printf (_("Its token is in the keyring.\n"));
  return SLUICE_CLI_EXIT_OK;
}

static int
server_list (SluiceRemoteServers    *servers,
             SluiceCliRemoteOptions *options)
{
  g_autoptr(GPtrArray) list = sluice_remote_servers_list (servers);

  if (options->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < list->len; i++)
        {
          SluiceRemoteServer *server = g_ptr_array_index (list, i);
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "name", server->name);
          json_object_set_string_member (entry, "url", server->url);
          json_object_set_boolean_member (entry, "tls_insecure", server->tls_insecure);
          json_array_add_object_element (array, entry);
        }
      json_object_set_array_member (object, "servers", array);
      sluice_cli_print_json_object (object);
      return SLUICE_CLI_EXIT_OK;
    }

  if (list->len == 0)
    printf (_("No saved servers. Add one with “sluice-cli server add NAME ADDRESS”.\n"));
  for (guint i = 0; i < list->len; i++)
    {
      SluiceRemoteServer *server = g_ptr_array_index (list, i);

      printf ("%-20s %s%s\n", server->name, server->url,
              server->tls_insecure ? _("  (certificate not checked)") : "");
    }
  return SLUICE_CLI_EXIT_OK;
}

static int
server_remove (SluiceRemoteServers *servers,
               const char          *name)
{
  g_autoptr(SluiceRemoteServer) server = sluice_remote_servers_lookup (servers, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;

  if (!sluice_remote_servers_remove (servers, name, &error))
    {
      g_printerr ("sluice-cli server: %s\n", error->message);
      return SLUICE_CLI_EXIT_FAILED;
    }
  printf (_("Removed server “%s”.\n"), name);

  /* its token goes too; without a keyring there was none to forget */
  sluice_remote_token_clear_async (server->url, sluice_cli_remote_cancellable (), sluice_cli_wait_cb, &wait);
  result = sluice_cli_wait_run (&wait);
  if (!sluice_remote_token_clear_finish (result, &error))
    g_printerr (_("sluice-cli server: its token may still be in the keyring: %s\n"), error->message);
  return SLUICE_CLI_EXIT_OK;
}

/* Is it there, who am I to it? */
static int
server_check (SluiceCliRemoteOptions *options)
{
  g_autoptr(SluiceRemoteClient) client = sluice_cli_remote_connect (options, "server");
  g_autoptr(GAsyncResult) health = NULL;
  g_autoptr(GAsyncResult) whoami = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;
  SluiceCliWait wait_whoami = SLUICE_CLI_WAIT_INIT;

  if (client == NULL)
    return SLUICE_CLI_EXIT_USAGE;

  sluice_remote_client_health_async (client, sluice_cli_remote_cancellable (), sluice_cli_wait_cb, &wait);
  health = sluice_cli_wait_run (&wait);
  version = sluice_remote_client_health_finish (client, health, &error);
  if (version == NULL)
    return sluice_cli_remote_fail (options, "server", error);

  sluice_remote_client_whoami_async (client, sluice_cli_remote_cancellable (), sluice_cli_wait_cb, &wait_whoami);
  whoami = sluice_cli_wait_run (&wait_whoami);
  if (!sluice_remote_client_whoami_finish (client, whoami, &name, &role, &error))
    return sluice_cli_remote_fail (options, "server", error);

  if (options->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "url", sluice_remote_client_get_base_url (client));
      json_object_set_string_member (object, "version", version);
      json_object_set_string_member (object, "name", name);
      json_object_set_string_member (object, "role", role);
      json_object_set_boolean_member (object, "tls_insecure", sluice_remote_client_get_tls_insecure (client));
      sluice_cli_print_json_object (object);
    }
  else
    printf (_("%s runs Sluice control plane %s; you are %s, with the role %s.\n"),
            sluice_remote_client_get_display_name (client), version, name ? name : "?", role ? role : "?");
  return SLUICE_CLI_EXIT_OK;
}

int
sluice_cli_server (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceRemoteServers) servers = NULL;
  g_autoptr(GError) error = NULL;
  SluiceCliRemoteOptions options;
  gboolean token_stdin = FALSE;
  int status = SLUICE_CLI_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "token-stdin", 0, 0, G_OPTION_ARG_NONE, &token_stdin,
      N_("add: read the server’s access token from standard input and keep it in the keyring"), NULL },
    { NULL }
  };

  sluice_cli_remote_options_init (&options);
  context = g_option_context_new (_("add NAME ADDRESS | list | remove NAME | check — the saved control planes"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sluice_cli_remote_add_options (context, &options, TRUE);
  g_option_context_set_description (context,
    _("Servers are saved by name in the settings; their tokens in the keyring, never in\n"
      "a file. With --insecure, “add” saves that the server’s TLS certificate is not\n"
      "checked: for a demo server with a self-signed certificate only.\n"
      "“check” asks a server (--server) for its version and who your token is.\n\n"
      "Exit status: 0 done, 1 refused or failed, 2 bad arguments."));

  if (!sluice_cli_parse_options (context, &argc, &argv) || !sluice_cli_remote_check_options (&options, "server"))
    goto out;
  if (argc < 2)
    {
      g_printerr (_("sluice-cli server: say add, list, remove or check\n"));
      goto out;
    }

  if (g_str_equal (argv[1], "check") && argc == 2)
    {
      status = server_check (&options);
      goto out;
    }

  servers = sluice_remote_servers_new (&error);
  if (servers == NULL)
    {
      g_printerr ("sluice-cli server: %s\n", error->message);
      status = SLUICE_CLI_EXIT_FAILED;
      goto out;
    }

  if (g_str_equal (argv[1], "add") && argc == 4)
    status = server_add (servers, &options, argv[2], argv[3], token_stdin);
  else if (g_str_equal (argv[1], "list") && argc == 2)
    status = server_list (servers, &options);
  else if (g_str_equal (argv[1], "remove") && argc == 3)
    status = server_remove (servers, argv[2]);
  else
    g_printerr (_("sluice-cli server: use “server add NAME ADDRESS”, “server list”, “server remove NAME” "
                  "or “server check --server NAME”\n"));

out:
  sluice_cli_remote_options_clear (&options);
  return status;
}
