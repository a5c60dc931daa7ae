/* sluice-step-type.h — the kinds of step a workflow is made of
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sluice-schema.h"

G_BEGIN_DECLS

typedef enum
{
  SLUICE_STEP_CATEGORY_TRIGGER,
  SLUICE_STEP_CATEGORY_CONDITION,
  SLUICE_STEP_CATEGORY_ACTION,
  SLUICE_STEP_CATEGORY_FLOW,
} SluiceStepCategory;

/* How a step of a type connects to the steps after it. */
typedef enum
{
  SLUICE_STEP_EDGES_NONE,       /* end */
  SLUICE_STEP_EDGES_NEXT,       /* next */
  SLUICE_STEP_EDGES_BRANCH,     /* then / else */
  SLUICE_STEP_EDGES_CASES,      /* cases[].next / default */
} SluiceStepEdges;

typedef struct
{
  const char         *name;          /* the `type:` in YAML */
  SluiceStepCategory  category;
  const char         *title;         /* N_() */
  const char         *description;   /* N_() one line, for the palette */
  const char         *icon_name;
  SluiceStepEdges     edges;
  gboolean            external;      /* calls outside the organisation: needs a rate limit */
  const SluiceField  *fields;        /* config fields, ended by { NULL } */
} SluiceStepType;

const SluiceStepType *sluice_step_type_lookup    (const char          *name);
const SluiceStepType *sluice_step_type_get_all   (guint               *n_types);
const char           *sluice_step_category_title (SluiceStepCategory   category);
const char           *sluice_step_category_name  (SluiceStepCategory   category);
gboolean              sluice_step_type_is_trigger (const SluiceStepType *type);

G_END_DECLS
