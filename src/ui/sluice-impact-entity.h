/* sluice-impact-entity.h — one entity in the Impact view's lists
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SLUICE_TYPE_IMPACT_ENTITY (sluice_impact_entity_get_type ())
G_DECLARE_FINAL_TYPE (SluiceImpactEntity, sluice_impact_entity, SLUICE, IMPACT_ENTITY, GObject)

SluiceImpactEntity *sluice_impact_entity_new         (const char         *entity,
                                                      const char         *tenant,
                                                      guint               actions,
                                                      guint               before);
const char         *sluice_impact_entity_get_entity  (SluiceImpactEntity *self);
const char         *sluice_impact_entity_get_tenant  (SluiceImpactEntity *self);
guint               sluice_impact_entity_get_actions (SluiceImpactEntity *self);
guint               sluice_impact_entity_get_before  (SluiceImpactEntity *self);
int                 sluice_impact_entity_get_delta   (SluiceImpactEntity *self);

G_END_DECLS
