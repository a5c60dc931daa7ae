/* sluice-server-http.h — the control plane over HTTP (libsoup SoupServer)
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sluice-server-store.h"

G_BEGIN_DECLS

#define SLUICE_TYPE_SERVER (sluice_server_get_type ())
G_DECLARE_FINAL_TYPE (SluiceServer, sluice_server, SLUICE, SERVER, GObject)

SluiceServer *sluice_server_new            (SluiceServerStore *store,
                                            GTlsCertificate   *certificate);
gboolean      sluice_server_listen         (SluiceServer      *self,
                                            const char        *address,
                                            GError           **error);
char         *sluice_server_get_url        (SluiceServer      *self);
void          sluice_server_set_rate_limit (SluiceServer      *self,
                                            guint              requests_per_second);
void          sluice_server_shutdown       (SluiceServer      *self);

G_END_DECLS
