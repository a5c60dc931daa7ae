/* sluice-server-run-test.h — a server-side dry run of a version over given events
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sluice-server-store.h"

G_BEGIN_DECLS

/* At most this many would-be actions are listed in full. */
#define SLUICE_SERVER_RUN_TEST_MAX_ACTIONS 1000

JsonObject *sluice_server_run_test (SluiceServerStore        *store,
                                    const SluiceServerActor  *actor,
                                    const char               *workflow,
                                    gint64                    number,
                                    GBytes                   *events,
                                    GError                  **error);

G_END_DECLS
