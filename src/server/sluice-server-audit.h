/* sluice-server-audit.h — reading the audit trail
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sluice-server-store.h"

G_BEGIN_DECLS

#define SLUICE_SERVER_AUDIT_DEFAULT_LIMIT 100
#define SLUICE_SERVER_AUDIT_MAX_LIMIT     1000

JsonArray *sluice_server_audit_list (SluiceServerStore  *store,
                                     const char         *workflow,
                                     gint64              limit,
                                     gint64              before,
                                     GError            **error);

G_END_DECLS
