/* sluice-impact-bar-chart.h — requests by destination, against quotas
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sluice-impact-charts.h"

G_BEGIN_DECLS

#define SLUICE_TYPE_IMPACT_BAR_CHART (sluice_impact_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (SluiceImpactBarChart, sluice_impact_bar_chart, SLUICE, IMPACT_BAR_CHART, GtkWidget)

GtkWidget *sluice_impact_bar_chart_new        (void);
void       sluice_impact_bar_chart_set_bars   (SluiceImpactBarChart  *self,
                                               const SluiceImpactBar *bars,
                                               guint                  n_bars);
guint      sluice_impact_bar_chart_get_n_bars (SluiceImpactBarChart  *self);

G_END_DECLS
