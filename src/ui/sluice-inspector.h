/* sluice-inspector.h — the form of the selected step, or of the workflow
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sluice-document.h"

G_BEGIN_DECLS

#define SLUICE_TYPE_INSPECTOR (sluice_inspector_get_type ())
G_DECLARE_FINAL_TYPE (SluiceInspector, sluice_inspector, SLUICE, INSPECTOR, GtkWidget)

/*
 * The form is built from the step type's field table (sluice-step-type.c)
 * plus the common fields (id, title); every change is one document edit,
 * so it can be undone. Input the loader would reject (a bad duration, a
 * path that is not a path) is shown next to its field and not applied.
 *
 * Properties:
 *   "document" (SluiceDocument)  the document edited
 *   "step-id"  (string)          the step shown, or NULL for the
 *       workflow's own settings. Renaming the step in the form changes
 *       it (with a notification); so does an undo or a text edit that
 *       removes the step (to NULL).
 */
GtkWidget      *sluice_inspector_new                (void);
SluiceDocument *sluice_inspector_get_document       (SluiceInspector *self);
void            sluice_inspector_set_document       (SluiceInspector *self,
                                                     SluiceDocument  *document);
const char     *sluice_inspector_get_step_id        (SluiceInspector *self);
void            sluice_inspector_set_step_id        (SluiceInspector *self,
                                                     const char      *step_id);

/* The row (or, for lists and maps, the group) that edits @field_name of
 * the shown step or workflow ("subject", "filters", "id", "entityKey"),
 * for focusing a field from a finding, and for tests. */
GtkWidget      *sluice_inspector_get_field_widget   (SluiceInspector *self,
                                                     const char      *field_name);
gboolean        sluice_inspector_focus_field        (SluiceInspector *self,
                                                     const char      *field_name);
/* Why the text in the field was not applied, or NULL. */
const char     *sluice_inspector_get_field_problem  (SluiceInspector *self,
                                                     const char      *field_name);

G_END_DECLS
