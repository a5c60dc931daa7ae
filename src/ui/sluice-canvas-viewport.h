/* sluice-canvas-viewport.h — zoom and scroll position of the canvas
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SLUICE_CANVAS_ZOOM_MIN 0.1
#define SLUICE_CANVAS_ZOOM_MAX 4.0

#define SLUICE_TYPE_CANVAS_VIEWPORT (sluice_canvas_viewport_get_type ())
G_DECLARE_FINAL_TYPE (SluiceCanvasViewport, sluice_canvas_viewport, SLUICE, CANVAS_VIEWPORT, GObject)

SluiceCanvasViewport *sluice_canvas_viewport_new               (void);

double                sluice_canvas_viewport_get_zoom          (SluiceCanvasViewport  *self);
void                  sluice_canvas_viewport_set_zoom          (SluiceCanvasViewport  *self,
                                                                double                 zoom);
double                sluice_canvas_viewport_get_offset_x      (SluiceCanvasViewport  *self);
double                sluice_canvas_viewport_get_offset_y      (SluiceCanvasViewport  *self);
void                  sluice_canvas_viewport_set_offset        (SluiceCanvasViewport  *self,
                                                                double                 x,
                                                                double                 y);
void                  sluice_canvas_viewport_set               (SluiceCanvasViewport  *self,
                                                                double                 x,
                                                                double                 y,
                                                                double                 zoom);

void                  sluice_canvas_viewport_canvas_to_widget  (SluiceCanvasViewport  *self,
                                                                double                 canvas_x,
                                                                double                 canvas_y,
                                                                double                *widget_x,
                                                                double                *widget_y);
void                  sluice_canvas_viewport_widget_to_canvas  (SluiceCanvasViewport  *self,
                                                                double                 widget_x,
                                                                double                 widget_y,
                                                                double                *canvas_x,
                                                                double                *canvas_y);
void                  sluice_canvas_viewport_get_visible_rect  (SluiceCanvasViewport  *self,
                                                                double                 widget_width,
                                                                double                 widget_height,
                                                                graphene_rect_t       *rect);

void                  sluice_canvas_viewport_scroll_by         (SluiceCanvasViewport  *self,
                                                                double                 widget_dx,
                                                                double                 widget_dy);
void                  sluice_canvas_viewport_zoom_at           (SluiceCanvasViewport  *self,
                                                                double                 zoom,
                                                                double                 widget_x,
                                                                double                 widget_y);
void                  sluice_canvas_viewport_fit               (SluiceCanvasViewport  *self,
                                                                const graphene_rect_t *canvas_rect,
                                                                double                 widget_width,
                                                                double                 widget_height,
                                                                double                 padding,
                                                                double                 max_zoom);

G_END_DECLS
