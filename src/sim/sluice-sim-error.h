/* sluice-sim-error.h — errors of the simulation layer
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SLUICE_SIM_ERROR (sluice_sim_error_quark ())

typedef enum
{
  SLUICE_SIM_ERROR_FAILED,
  SLUICE_SIM_ERROR_NOT_A_DATASET,   /* the file is not a Sluice dataset */
  SLUICE_SIM_ERROR_DATASET_VERSION, /* made by a newer Sluice */
  SLUICE_SIM_ERROR_DATABASE,        /* SQLite said no */
  SLUICE_SIM_ERROR_INPUT,           /* an input file cannot be used at all */
  SLUICE_SIM_ERROR_SCOPE,           /* a scope names something that does not exist */
  SLUICE_SIM_ERROR_WORKFLOW,        /* the workflow cannot be simulated */
} SluiceSimError;

GQuark sluice_sim_error_quark (void);

G_END_DECLS
