/* sluice-cli-remote.h — what the control-plane commands share
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sluice-remote-client.h"
#include "sluice-remote-outbox.h"

G_BEGIN_DECLS

typedef struct
{
  char     *server;    /* --server, or $SLUICE_SERVER */
  char     *format;    /* text or json */
  gboolean  insecure;
  int       timeout;
  int       attempts;
  gboolean  json;
} SluiceCliRemoteOptions;

void                sluice_cli_remote_options_init    (SluiceCliRemoteOptions *options);
void                sluice_cli_remote_options_clear   (SluiceCliRemoteOptions *options);
void                sluice_cli_remote_add_options     (GOptionContext         *context,
                                                       SluiceCliRemoteOptions *options,
                                                       gboolean                with_server);
gboolean            sluice_cli_remote_check_options   (SluiceCliRemoteOptions *options,
                                                       const char             *command);
SluiceRemoteClient *sluice_cli_remote_connect         (SluiceCliRemoteOptions *options,
                                                       const char             *command);
SluiceRemoteClient *sluice_cli_remote_connect_url     (SluiceCliRemoteOptions *options,
                                                       const char             *url,
                                                       const char             *name,
                                                       gboolean                insecure,
                                                       const char             *command);

/* Waiting for one async call in a main loop; Ctrl+C cancels it. */
typedef struct
{
  GAsyncResult *result;
  GMainLoop    *loop;
} SluiceCliWait;

#define SLUICE_CLI_WAIT_INIT { NULL, NULL }

GCancellable       *sluice_cli_remote_cancellable     (void);
void                sluice_cli_wait_cb                (GObject                *source,
                                                       GAsyncResult           *result,
                                                       gpointer                user_data);
GAsyncResult       *sluice_cli_wait_run               (SluiceCliWait          *wait);

/* Output */
int                 sluice_cli_remote_fail            (SluiceCliRemoteOptions *options,
                                                       const char             *command,
                                                       const GError           *error);
void                sluice_cli_print_json_object      (JsonObject             *object);
void                sluice_cli_print_json_list        (const char             *name,
                                                       GPtrArray              *records,
                                                       gsize                   json_offset);
char               *sluice_cli_format_time            (GDateTime              *time);
void                sluice_cli_print_rollout          (SluiceRemoteRollout    *rollout);
void                sluice_cli_print_status           (SluiceRemoteStatus     *status);
void                sluice_cli_explain_kept           (SluiceRemotePending    *kept,
                                                       const GError           *error);
void                sluice_cli_print_published        (SluiceRemoteClient     *client,
                                                       SluiceCliRemoteOptions *options,
                                                       SluiceRemoteVersion    *version);
gboolean            sluice_cli_parse_workflow_name    (const char             *name,
                                                       const char             *command);

G_END_DECLS
