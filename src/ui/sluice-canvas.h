/* sluice-canvas.h — the workflow graph: draw, select, move, connect
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sluice-canvas-viewport.h"
#include "sluice-document.h"

G_BEGIN_DECLS

/* What a palette item carries in a drag: the step type's name as UTF-8
 * bytes, e.g. gdk_content_provider_new_for_bytes (SLUICE_STEP_MIME_TYPE, bytes). */
#define SLUICE_STEP_MIME_TYPE "application/x-sluice-step"

/* What the canvas puts on the clipboard: the copied steps and their
 * positions as JSON ({"steps": [...], "positions": {id: {x, y}}}). */
#define SLUICE_STEPS_MIME_TYPE "application/x-sluice-steps+json"

/* Geometry of a node, in canvas units (what layout.nodes stores). */
#define SLUICE_CANVAS_GRID        20.0
#define SLUICE_CANVAS_NODE_WIDTH  220.0
#define SLUICE_CANVAS_NODE_HEIGHT 80.0

#define SLUICE_TYPE_CANVAS (sluice_canvas_get_type ())
G_DECLARE_FINAL_TYPE (SluiceCanvas, sluice_canvas, SLUICE, CANVAS, GtkWidget)

GtkWidget            *sluice_canvas_new              (void);

SluiceDocument       *sluice_canvas_get_document     (SluiceCanvas    *self);
void                  sluice_canvas_set_document     (SluiceCanvas    *self,
                                                      SluiceDocument  *document);
SluiceCanvasViewport *sluice_canvas_get_viewport     (SluiceCanvas    *self);

char                **sluice_canvas_get_selection    (SluiceCanvas    *self);
void                  sluice_canvas_select_step      (SluiceCanvas    *self,
                                                      const char      *step_id);
const char           *sluice_canvas_get_focus_step   (SluiceCanvas    *self);

gboolean              sluice_canvas_get_step_bounds  (SluiceCanvas    *self,
                                                      const char      *step_id,
                                                      graphene_rect_t *bounds);
gboolean              sluice_canvas_add_step         (SluiceCanvas    *self,
                                                      const char      *type_name);
gboolean              sluice_canvas_add_step_at      (SluiceCanvas    *self,
                                                      const char      *type_name,
                                                      double           canvas_x,
                                                      double           canvas_y);
void                  sluice_canvas_zoom_to_fit      (SluiceCanvas    *self);

G_END_DECLS
