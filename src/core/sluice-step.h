/* sluice-step.h — one node of a workflow graph
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sluice-step-type.h"

G_BEGIN_DECLS

typedef struct _SluiceStep SluiceStep;

/* An outgoing edge: "next", "then", "else", "default" or "cases[N]". */
typedef struct
{
  char       *label;
  const char *target;   /* owned by the step */
  JsonNode   *case_value; /* for cases, borrowed */
} SluiceEdge;

#define SLUICE_TYPE_STEP (sluice_step_get_type ())

GType                 sluice_step_get_type        (void) G_GNUC_CONST;
SluiceStep           *sluice_step_new             (const SluiceStepType *type,
                                                   const char           *id);
SluiceStep           *sluice_step_new_from_json   (JsonObject           *object);
SluiceStep           *sluice_step_copy            (const SluiceStep     *step);
SluiceStep           *sluice_step_ref             (SluiceStep           *step);
void                  sluice_step_unref           (SluiceStep           *step);
JsonObject           *sluice_step_get_json        (const SluiceStep     *step);
const SluiceStepType *sluice_step_get_step_type   (const SluiceStep     *step);
const char           *sluice_step_get_id          (const SluiceStep     *step);
void                  sluice_step_set_id          (SluiceStep           *step,
                                                   const char           *id);
const char           *sluice_step_get_title       (const SluiceStep     *step);
const char           *sluice_step_get_string      (const SluiceStep     *step,
                                                   const char           *field);
void                  sluice_step_set_string      (SluiceStep           *step,
                                                   const char           *field,
                                                   const char           *value);
JsonNode             *sluice_step_get_member      (const SluiceStep     *step,
                                                   const char           *field);
void                  sluice_step_set_member      (SluiceStep           *step,
                                                   const char           *field,
                                                   JsonNode             *value);
GPtrArray            *sluice_step_get_filters     (const SluiceStep     *step);
GArray               *sluice_step_get_edges       (const SluiceStep     *step);
const char           *sluice_step_get_source_path (const SluiceStep     *step);
void                  sluice_step_set_source_path (SluiceStep           *step,
                                                   const char           *path);
char                 *sluice_step_summarize       (const SluiceStep     *step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceStep, sluice_step_unref)

G_END_DECLS
