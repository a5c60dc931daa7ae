/* sluice-server-reports.h — impact reports uploaded to the control plane
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sluice-server-store.h"

G_BEGIN_DECLS

JsonObject *sluice_server_reports_store  (SluiceServerStore        *store,
                                          const SluiceServerActor  *actor,
                                          const char               *data,
                                          gsize                     length,
                                          gboolean                 *created,
                                          GError                  **error);
GBytes     *sluice_server_reports_get    (SluiceServerStore        *store,
                                          const char               *digest,
                                          GError                  **error);
gboolean    sluice_server_reports_exists (SluiceServerStore        *store,
                                          const char               *digest);
gboolean    sluice_server_reports_digest_is_valid (const char      *digest);
char       *sluice_server_reports_workflow_digest (SluiceServerStore *store,
                                                   const char        *digest,
                                                   GError           **error);

G_END_DECLS
