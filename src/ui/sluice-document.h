/* sluice-document.h — one open workflow: its file, edits, undo, autosave
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sluice-workflow.h"

G_BEGIN_DECLS

#define SLUICE_TYPE_DOCUMENT (sluice_document_get_type ())
G_DECLARE_FINAL_TYPE (SluiceDocument, sluice_document, SLUICE, DOCUMENT, GObject)

/*
 * Every change to the workflow goes through the document, so that it can
 * be undone, saved and autosaved, and so that every view hears of it:
 *
 *   sluice_document_begin_edit (doc, _("Move step"));
 *   ... change the model returned by sluice_document_get_workflow () ...
 *   sluice_document_end_edit (doc);
 *
 * Edits nest; only the outermost pair makes one undo step. A drag that
 * moves a node many times is one begin/end pair, so one undo step.
 *
 * Signals:
 *   ::changed (SluiceDocument *doc, guint flags)  after an edit, undo, redo,
 *       load or text change; flags say what changed (SluiceDocumentChange).
 */
typedef enum
{
  SLUICE_DOCUMENT_CHANGE_BEHAVIOUR = 1 << 0,  /* steps, filters, safety… */
  SLUICE_DOCUMENT_CHANGE_LAYOUT    = 1 << 1,  /* node positions, viewport */
  SLUICE_DOCUMENT_CHANGE_REPLACED  = 1 << 2,  /* a whole new model (load, undo, text) */
} SluiceDocumentChange;

SluiceDocument  *sluice_document_new                (void);
SluiceDocument  *sluice_document_new_from_template  (const char      *template_name,
                                                     GError         **error);
gboolean         sluice_document_load               (SluiceDocument  *self,
                                                     GFile           *file,
                                                     GError         **error);
gboolean         sluice_document_save               (SluiceDocument  *self,
                                                     GFile           *file,
                                                     GError         **error);

SluiceWorkflow  *sluice_document_get_workflow       (SluiceDocument  *self);
GFile           *sluice_document_get_file           (SluiceDocument  *self);
char            *sluice_document_get_title          (SluiceDocument  *self);
gboolean         sluice_document_get_modified       (SluiceDocument  *self);

void             sluice_document_begin_edit         (SluiceDocument  *self,
                                                     const char      *label);
void             sluice_document_end_edit           (SluiceDocument  *self,
                                                     SluiceDocumentChange change);

/* The YAML view's edits: applied when the text loads; otherwise the text
 * is kept (and returned by get_text) and its problems are in diagnostics. */
gboolean         sluice_document_set_text           (SluiceDocument  *self,
                                                     const char      *text);
const char      *sluice_document_get_text           (SluiceDocument  *self);
gboolean         sluice_document_get_text_has_errors (SluiceDocument *self);
SluiceDiagnostics *sluice_document_get_diagnostics  (SluiceDocument  *self);

gboolean         sluice_document_can_undo           (SluiceDocument  *self);
gboolean         sluice_document_can_redo           (SluiceDocument  *self);
const char      *sluice_document_get_undo_label     (SluiceDocument  *self);
gboolean         sluice_document_undo               (SluiceDocument  *self);
gboolean         sluice_document_redo               (SluiceDocument  *self);

GFile           *sluice_document_get_draft_file     (SluiceDocument  *self);
gboolean         sluice_document_autosave           (SluiceDocument  *self,
                                                     GError         **error);
void             sluice_document_discard_draft      (SluiceDocument  *self);
GList           *sluice_document_list_drafts        (void);
SluiceDocument  *sluice_document_new_from_draft     (GFile           *draft,
                                                     GError         **error);

G_END_DECLS
