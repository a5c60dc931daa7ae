/* sluice-impact-entity.c
 *
 * Plain read-only properties, so that GtkStringFilter and the column
 * view's sorters can reach them through property expressions.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sluice-impact-entity.h"

struct _SluiceImpactEntity
{
  GObject  parent_instance;

  char    *entity;
  char    *tenant;
  guint    actions;
  guint    before;
};

G_DEFINE_FINAL_TYPE (SluiceImpactEntity, sluice_impact_entity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENTITY,
  PROP_TENANT,
  PROP_ACTIONS,
  PROP_BEFORE,
  PROP_DELTA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sluice_impact_entity_finalize (GObject *object)
{
  SluiceImpactEntity *self = (SluiceImpactEntity *) object;

  g_free (self->entity);
  g_free (self->tenant);

  G_OBJECT_CLASS (sluice_impact_entity_parent_class)->finalize (object);
}

static void
sluice_impact_entity_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SluiceImpactEntity *self = SLUICE_IMPACT_ENTITY (object);

  switch (prop_id)
    {
    case PROP_ENTITY:
      g_value_set_string (value, self->entity);
      break;
    case PROP_TENANT:
      g_value_set_string (value, self->tenant);
      break;
    case PROP_ACTIONS:
      g_value_set_uint (value, self->actions);
      break;
    case PROP_BEFORE:
      g_value_set_uint (value, self->before);
      break;
    case PROP_DELTA:
      g_value_set_int (value, sluice_impact_entity_get_delta (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_impact_entity_class_init (SluiceImpactEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sluice_impact_entity_finalize;
  object_class->get_property = sluice_impact_entity_get_property;

  properties[PROP_ENTITY] =
    g_param_spec_string ("entity", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TENANT] =
    g_param_spec_string ("tenant", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIONS] =
    g_param_spec_uint ("actions", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BEFORE] =
    g_param_spec_uint ("before", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELTA] =
    g_param_spec_int ("delta", NULL, NULL, G_MININT, G_MAXINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sluice_impact_entity_init (SluiceImpactEntity *self)
{
}

/**
 * sluice_impact_entity_new:
 * @before: its actions under the comparison version
 */
SluiceImpactEntity *
sluice_impact_entity_new (const char *entity,
                          const char *tenant,
                          guint       actions,
                          guint       before)
{
  SluiceImpactEntity *self = g_object_new (SLUICE_TYPE_IMPACT_ENTITY, NULL);

  self->entity = g_strdup (entity);
  self->tenant = g_strdup (tenant);
  self->actions = actions;
  self->before = before;
  return self;
}

const char *
sluice_impact_entity_get_entity (SluiceImpactEntity *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_ENTITY (self), NULL);
  return self->entity;
}

const char *
sluice_impact_entity_get_tenant (SluiceImpactEntity *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_ENTITY (self), NULL);
  return self->tenant;
}

guint
sluice_impact_entity_get_actions (SluiceImpactEntity *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_ENTITY (self), 0);
  return self->actions;
}

guint
sluice_impact_entity_get_before (SluiceImpactEntity *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_ENTITY (self), 0);
  return self->before;
}

int
sluice_impact_entity_get_delta (SluiceImpactEntity *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_ENTITY (self), 0);
  return (int) self->actions - (int) self->before;
}
