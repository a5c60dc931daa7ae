/* sluice-workflow.h — the workflow document model
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sluice-diagnostic.h"
#include "sluice-schema.h"
#include "sluice-step.h"

G_BEGIN_DECLS

#define SLUICE_API_VERSION "sluice.dev/v1"

#define SLUICE_TYPE_WORKFLOW (sluice_workflow_get_type ())
G_DECLARE_FINAL_TYPE (SluiceWorkflow, sluice_workflow, SLUICE, WORKFLOW, GObject)

SluiceWorkflow  *sluice_workflow_new                (const char        *name);
SluiceWorkflow  *sluice_workflow_new_from_json      (JsonNode          *document);
SluiceWorkflow  *sluice_workflow_load_from_data     (const char        *text,
                                                     gsize              length,
                                                     SluiceDiagnostics *diagnostics);
SluiceWorkflow  *sluice_workflow_load_from_file     (GFile             *file,
                                                     SluiceDiagnostics *diagnostics,
                                                     GError           **error);
JsonNode        *sluice_workflow_to_json            (SluiceWorkflow    *self,
                                                     gboolean           with_layout);
char            *sluice_workflow_to_yaml            (SluiceWorkflow    *self);
char            *sluice_workflow_get_digest         (SluiceWorkflow    *self);
SluiceWorkflow  *sluice_workflow_copy               (SluiceWorkflow    *self);
gboolean         sluice_workflow_equal              (SluiceWorkflow    *a,
                                                     SluiceWorkflow    *b);
void             sluice_workflow_changed            (SluiceWorkflow    *self);

const char      *sluice_workflow_get_name           (SluiceWorkflow    *self);
void             sluice_workflow_set_name           (SluiceWorkflow    *self,
                                                     const char        *name);
gint64           sluice_workflow_get_version        (SluiceWorkflow    *self);
void             sluice_workflow_set_version        (SluiceWorkflow    *self,
                                                     gint64             version);
const char      *sluice_workflow_get_description    (SluiceWorkflow    *self);
void             sluice_workflow_set_description    (SluiceWorkflow    *self,
                                                     const char        *description);
JsonObject      *sluice_workflow_get_metadata       (SluiceWorkflow    *self);
const char      *sluice_workflow_get_entity_key     (SluiceWorkflow    *self);
void             sluice_workflow_set_entity_key     (SluiceWorkflow    *self,
                                                     const char        *entity_key);
JsonObject      *sluice_workflow_get_safety         (SluiceWorkflow    *self);

guint            sluice_workflow_get_n_steps        (SluiceWorkflow    *self);
SluiceStep      *sluice_workflow_get_step           (SluiceWorkflow    *self,
                                                     guint              position);
SluiceStep      *sluice_workflow_lookup_step        (SluiceWorkflow    *self,
                                                     const char        *id);
SluiceStep      *sluice_workflow_get_trigger        (SluiceWorkflow    *self);
void             sluice_workflow_add_step           (SluiceWorkflow    *self,
                                                     SluiceStep        *step);
void             sluice_workflow_remove_step        (SluiceWorkflow    *self,
                                                     const char        *id);
char            *sluice_workflow_make_step_id       (SluiceWorkflow    *self,
                                                     const char        *base);
gboolean         sluice_workflow_rename_step        (SluiceWorkflow    *self,
                                                     const char        *old_id,
                                                     const char        *new_id);

gboolean         sluice_workflow_get_position       (SluiceWorkflow    *self,
                                                     const char        *step_id,
                                                     double            *x,
                                                     double            *y);
void             sluice_workflow_set_position       (SluiceWorkflow    *self,
                                                     const char        *step_id,
                                                     double             x,
                                                     double             y);
gboolean         sluice_workflow_get_viewport       (SluiceWorkflow    *self,
                                                     double            *x,
                                                     double            *y,
                                                     double            *zoom);
void             sluice_workflow_set_viewport       (SluiceWorkflow    *self,
                                                     double             x,
                                                     double             y,
                                                     double             zoom);

SluiceSourceMap *sluice_workflow_get_source_map     (SluiceWorkflow    *self);
gboolean         sluice_workflow_lookup_position    (SluiceWorkflow    *self,
                                                     const char        *path,
                                                     SluiceSourcePosition *position);

G_END_DECLS
