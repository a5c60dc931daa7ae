/* sluice-server-commands.h — the commands of the sluice-server program
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SLUICE_SERVER_EXIT_OK     = 0,
  SLUICE_SERVER_EXIT_FAILED = 1,
  SLUICE_SERVER_EXIT_USAGE  = 2,
} SluiceServerExit;

int sluice_server_command_serve  (int argc, char **argv);
int sluice_server_command_token  (int argc, char **argv);
int sluice_server_command_replay (int argc, char **argv);

gboolean sluice_server_parse_options (GOptionContext   *context,
                                      int              *argc,
                                      char           ***argv);

G_END_DECLS
