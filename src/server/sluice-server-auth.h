/* sluice-server-auth.h — bearer tokens and their roles
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sluice-server-role.h"
#include "sluice-server-store.h"

G_BEGIN_DECLS

#define SLUICE_SERVER_TOKEN_PREFIX "slc_"

char     *sluice_server_auth_create_token (SluiceServerStore  *store,
                                           const char         *name,
                                           SluiceServerRole    role,
                                           GError            **error);
gboolean  sluice_server_auth_lookup       (SluiceServerStore  *store,
                                           const char         *token,
                                           char              **name,
                                           SluiceServerRole   *role);
char     *sluice_server_auth_bearer_token (const char         *authorization);

G_END_DECLS
