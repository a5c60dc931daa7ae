/* sluice-cli.h — the commands of sluice-cli
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <gio/gio.h>

#include "sluice-diagnostic.h"

G_BEGIN_DECLS

/* Exit codes every command shares. */
typedef enum
{
  SLUICE_CLI_EXIT_OK      = 0,
  SLUICE_CLI_EXIT_FAILED  = 1,  /* invalid input, a failed check */
  SLUICE_CLI_EXIT_USAGE   = 2,  /* bad arguments, unreadable files */
} SluiceCliExit;

typedef int (*SluiceCliCommand) (int argc, char **argv);

int   sluice_cli_validate  (int argc, char **argv);
int   sluice_cli_fmt       (int argc, char **argv);
int   sluice_cli_schema    (int argc, char **argv);
int   sluice_cli_import    (int argc, char **argv);
int   sluice_cli_segment   (int argc, char **argv);
int   sluice_cli_simulate  (int argc, char **argv);
int   sluice_cli_diff      (int argc, char **argv);
int   sluice_cli_report    (int argc, char **argv);
int   sluice_cli_generate_sample (int argc, char **argv);
int   sluice_cli_export    (int argc, char **argv);

/* the control plane */
int   sluice_cli_server    (int argc, char **argv);
int   sluice_cli_publish   (int argc, char **argv);
int   sluice_cli_outbox    (int argc, char **argv);
int   sluice_cli_versions  (int argc, char **argv);
int   sluice_cli_rollout   (int argc, char **argv);
int   sluice_cli_promote   (int argc, char **argv);
int   sluice_cli_pause     (int argc, char **argv);
int   sluice_cli_resume    (int argc, char **argv);
int   sluice_cli_rollback  (int argc, char **argv);
int   sluice_cli_kill_switch (int argc, char **argv);
int   sluice_cli_status    (int argc, char **argv);
int   sluice_cli_audit     (int argc, char **argv);

/* shared helpers */
gboolean sluice_cli_parse_options   (GOptionContext  *context,
                                     int             *argc,
                                     char          ***argv);
char    *sluice_cli_read_input      (const char      *filename,
                                     gsize           *length,
                                     GError         **error);
void     sluice_cli_print_diagnostics (SluiceDiagnostics *diagnostics,
                                       const char        *filename,
                                       FILE              *stream);

G_END_DECLS
