/* sluice-impact-bar-chart.h — requests by destination, against quotas
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sluice-charts.h"

G_BEGIN_DECLS

typedef struct
{
  const char *label;       /* a destination */
  const char *detail;      /* (nullable) the action type that sends there */
  double      value;       /* requests */
  double      before;      /* the comparison's, or < 0 */
  double      quota_peak;  /* busiest period, or < 0 without a quota */
  double      quota_limit;
  const char *quota_per;   /* the period, "1h" */
} SluiceImpactBar;

#define SLUICE_TYPE_IMPACT_BAR_CHART (sluice_impact_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (SluiceImpactBarChart, sluice_impact_bar_chart, SLUICE, IMPACT_BAR_CHART, GtkWidget)

GtkWidget *sluice_impact_bar_chart_new        (void);
void       sluice_impact_bar_chart_set_bars   (SluiceImpactBarChart  *self,
                                               const SluiceImpactBar *bars,
                                               guint                  n_bars);
guint      sluice_impact_bar_chart_get_n_bars (SluiceImpactBarChart  *self);

G_END_DECLS
