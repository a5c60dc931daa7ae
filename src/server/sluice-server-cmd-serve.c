/* sluice-server-cmd-serve.c — sluice-server [serve]: run the control plane
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "sluice-server-commands.h"
#include "sluice-server-http.h"

gboolean
sluice_server_parse_options (GOptionContext   *context,
                             int              *argc,
                             char           ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("sluice-server: %s\n", error->message);
      g_printerr (_("Run “%s --help” to see the options.\n"), g_get_prgname ());
      return FALSE;
    }
  return TRUE;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
sluice_server_command_serve (int    argc,
                             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceServerStore) store = NULL;
  g_autoptr(SluiceServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *url = NULL;
  int rate_limit = 0;
  guint sigterm, sigint;
  const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Keep the server’s state in DIR (created when missing)"), N_("DIR") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      N_("Listen on ADDRESS:PORT (default 127.0.0.1:8470; port 0 picks a free one)"), N_("ADDRESS:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
      N_("Serve HTTPS with the certificate in FILE (PEM)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
      N_("The private key of --tls-cert (PEM)"), N_("FILE") },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit,
      N_("Answer 429 to a token that sends more than N requests a second (default: no limit)"), N_("N") },
    { NULL }
  };

  context = g_option_context_new (_("— the reference Sluice control plane"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Commands:\n"
      "  sluice-server [serve] --data-dir DIR …   run the server (this command)\n"
      "  sluice-server token create …            make a token for a person or a program\n"
      "  sluice-server replay …                  replay events through a rollout, for demos\n\n"
      "On start the server prints one line, “Listening on URL”, to standard output.\n"
      "SIGINT and SIGTERM stop it cleanly. The state is DIR/sluice-server.db (SQLite)."));

  if (!sluice_server_parse_options (context, &argc, &argv))
    return SLUICE_SERVER_EXIT_USAGE;
  if (data_dir == NULL)
    {
      g_printerr (_("sluice-server: give --data-dir DIR\n"));
      return SLUICE_SERVER_EXIT_USAGE;
    }
  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_printerr (_("sluice-server: --tls-cert and --tls-key go together\n"));
      return SLUICE_SERVER_EXIT_USAGE;
    }
  if (rate_limit < 0)
    {
      g_printerr (_("sluice-server: --rate-limit must be 0 or more\n"));
      return SLUICE_SERVER_EXIT_USAGE;
    }

  if (tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error);
      if (certificate == NULL)
        {
          g_printerr (_("sluice-server: cannot load the TLS certificate: %s\n"), error->message);
          return SLUICE_SERVER_EXIT_USAGE;
        }
    }

  store = sluice_server_store_open (data_dir, &error);
  if (store == NULL)
    {
      g_printerr ("sluice-server: %s\n", error->message);
      return SLUICE_SERVER_EXIT_FAILED;
    }

  server = sluice_server_new (store, certificate);
  sluice_server_set_rate_limit (server, rate_limit);
  if (!sluice_server_listen (server, listen ? listen : "127.0.0.1:8470", &error))
    {
      g_printerr (_("sluice-server: cannot listen on %s: %s\n"), listen ? listen : "127.0.0.1:8470", error->message);
      return SLUICE_SERVER_EXIT_FAILED;
    }

  /* before saying we listen: whoever reads that line may stop us at once */
  loop = g_main_loop_new (NULL, FALSE);
  sigterm = g_unix_signal_add (SIGTERM, quit_cb, loop);
  sigint = g_unix_signal_add (SIGINT, quit_cb, loop);

  url = sluice_server_get_url (server);
  /* one line, flushed: tests and scripts read the port from it */
  printf ("Listening on %s\n", url);
  fflush (stdout);

  g_main_loop_run (loop);
  g_source_remove (sigterm);
  g_source_remove (sigint);

  sluice_server_shutdown (server);
  /* the answers to pending long polls are written and the connections
   * closed by the main loop: let it finish them before going */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return SLUICE_SERVER_EXIT_OK;
}
