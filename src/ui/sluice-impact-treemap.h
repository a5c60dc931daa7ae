/* sluice-impact-treemap.h — the blast radius: tenants → entities, sized by
 * actions, coloured by change
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
  const char         *entity;     /* NULL for the rest of a tenant */
  const char         *tenant;     /* NULL for none */
  guint               actions;
  guint               before;     /* actions under the comparison */
  guint               events;     /* matched events */
  guint               n_entities; /* 1, or how many the rest stands for */
  SluiceChartChange   change;
} SluiceImpactTreemapEntity;

#define SLUICE_TYPE_IMPACT_TREEMAP (sluice_impact_treemap_get_type ())
G_DECLARE_FINAL_TYPE (SluiceImpactTreemap, sluice_impact_treemap, SLUICE, IMPACT_TREEMAP, GtkWidget)

GtkWidget *sluice_impact_treemap_new            (void);
void       sluice_impact_treemap_set_entities   (SluiceImpactTreemap             *self,
                                                 const SluiceImpactTreemapEntity *entities,
                                                 guint                            n_entities);
guint      sluice_impact_treemap_get_n_entities (SluiceImpactTreemap             *self);
const SluiceImpactTreemapEntity *
           sluice_impact_treemap_get_entity     (SluiceImpactTreemap             *self,
                                                 guint                            index);
void       sluice_impact_treemap_set_selected   (SluiceImpactTreemap             *self,
                                                 const char                      *entity);
int        sluice_impact_treemap_hit_test       (SluiceImpactTreemap             *self,
                                                 double                           x,
                                                 double                           y);

G_END_DECLS
