/* sluice-rollout-gauge.h — the error rate against its budget, drawn
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SLUICE_TYPE_ROLLOUT_GAUGE (sluice_rollout_gauge_get_type ())
G_DECLARE_FINAL_TYPE (SluiceRolloutGauge, sluice_rollout_gauge, SLUICE, ROLLOUT_GAUGE, GtkWidget)

GtkWidget *sluice_rollout_gauge_new       (void);
void       sluice_rollout_gauge_set_value (SluiceRolloutGauge *self,
                                           double              error_rate,
                                           double              max_error_rate,
                                           gint64              events,
                                           gint64              min_events);
double     sluice_rollout_gauge_get_rate  (SluiceRolloutGauge *self);

G_END_DECLS
