/* sluice-remote-servers.h — the control planes the user saved, by name
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SLUICE_REMOTE_SETTINGS_SCHEMA "dev.sluice.Sluice"

typedef struct
{
  char     *name;          /* NULL for an address given as is */
  char     *url;
  gboolean  tls_insecure;  /* accept any certificate: show a warning */
} SluiceRemoteServer;

void sluice_remote_server_free (SluiceRemoteServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceRemoteServer, sluice_remote_server_free)

#define SLUICE_REMOTE_TYPE_SERVERS (sluice_remote_servers_get_type ())
G_DECLARE_FINAL_TYPE (SluiceRemoteServers, sluice_remote_servers, SLUICE_REMOTE, SERVERS, GObject)

SluiceRemoteServers *sluice_remote_servers_new     (GError             **error);
GPtrArray           *sluice_remote_servers_list    (SluiceRemoteServers  *self);
SluiceRemoteServer  *sluice_remote_servers_lookup  (SluiceRemoteServers  *self,
                                                    const char           *name);
gboolean             sluice_remote_servers_add     (SluiceRemoteServers  *self,
                                                    const char           *name,
                                                    const char           *url,
                                                    gboolean              tls_insecure,
                                                    GError              **error);
gboolean             sluice_remote_servers_remove  (SluiceRemoteServers  *self,
                                                    const char           *name,
                                                    GError              **error);
SluiceRemoteServer  *sluice_remote_servers_resolve (SluiceRemoteServers  *self,
                                                    const char           *name_or_url,
                                                    GError              **error);

G_END_DECLS
