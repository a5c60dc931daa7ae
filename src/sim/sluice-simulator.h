/* sluice-simulator.h — dry runs of a workflow over a dataset
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sluice-event-store.h"
#include "sluice-scope.h"
#include "sluice-sim-result.h"
#include "sluice-workflow.h"

G_BEGIN_DECLS

#define SLUICE_TYPE_SIMULATOR (sluice_simulator_get_type ())
G_DECLARE_FINAL_TYPE (SluiceSimulator, sluice_simulator, SLUICE, SIMULATOR, GObject)

SluiceSimulator  *sluice_simulator_new          (SluiceEventStore  *store);
SluiceEventStore *sluice_simulator_get_store    (SluiceSimulator   *self);
SluiceSimResult  *sluice_simulator_run          (SluiceSimulator   *self,
                                                 SluiceWorkflow    *workflow,
                                                 const SluiceScope *scope,
                                                 GCancellable      *cancellable,
                                                 GError           **error);
JsonNode         *sluice_simulator_shadow_log   (SluiceSimulator   *self,
                                                 SluiceWorkflow    *workflow,
                                                 const SluiceScope *scope,
                                                 const char        *entity,
                                                 guint              max_events,
                                                 GCancellable      *cancellable,
                                                 GError           **error);
gboolean          sluice_simulator_record_run   (SluiceSimulator   *self,
                                                 SluiceSimResult   *result,
                                                 GError           **error);

G_END_DECLS
