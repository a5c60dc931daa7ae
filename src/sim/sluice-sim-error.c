/* sluice-sim-error.c
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sluice-sim-error.h"

G_DEFINE_QUARK (sluice-sim-error-quark, sluice_sim_error)
