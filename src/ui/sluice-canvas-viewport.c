/* sluice-canvas-viewport.c — zoom and scroll position of the canvas
 *
 * Like libshumate's ShumateViewport: a plain object, so the canvas, its
 * tests and anything that wants to follow the view (a minimap, the saved
 * layout) share one place for the numbers and the conversions.
 *
 * A canvas point (cx, cy) is shown at widget point
 *
 *   wx = (cx − offset_x) · zoom,   wy = (cy − offset_y) · zoom
 *
 * so (offset-x, offset-y) is the canvas point at the widget's top-left
 * corner — what the document's layout.viewport stores.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sluice-canvas-viewport.h"

struct _SluiceCanvasViewport
{
  GObject parent_instance;

  double  zoom;
  double  offset_x;
  double  offset_y;
};

G_DEFINE_FINAL_TYPE (SluiceCanvasViewport, sluice_canvas_viewport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_OFFSET_X,
  PROP_OFFSET_Y,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
clamp_zoom (double zoom)
{
  if (!isfinite (zoom))
    return 1.0;
  return CLAMP (zoom, SLUICE_CANVAS_ZOOM_MIN, SLUICE_CANVAS_ZOOM_MAX);
}

static void
sluice_canvas_viewport_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SluiceCanvasViewport *self = SLUICE_CANVAS_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_OFFSET_X:
      g_value_set_double (value, self->offset_x);
      break;

    case PROP_OFFSET_Y:
      g_value_set_double (value, self->offset_y);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_canvas_viewport_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SluiceCanvasViewport *self = SLUICE_CANVAS_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      sluice_canvas_viewport_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_OFFSET_X:
      sluice_canvas_viewport_set_offset (self, g_value_get_double (value), self->offset_y);
      break;

    case PROP_OFFSET_Y:
      sluice_canvas_viewport_set_offset (self, self->offset_x, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_canvas_viewport_class_init (SluiceCanvasViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sluice_canvas_viewport_get_property;
  object_class->set_property = sluice_canvas_viewport_set_property;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         SLUICE_CANVAS_ZOOM_MIN, SLUICE_CANVAS_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OFFSET_X] =
    g_param_spec_double ("offset-x", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OFFSET_Y] =
    g_param_spec_double ("offset-y", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sluice_canvas_viewport_init (SluiceCanvasViewport *self)
{
  self->zoom = 1.0;
}

SluiceCanvasViewport *
sluice_canvas_viewport_new (void)
{
  return g_object_new (SLUICE_TYPE_CANVAS_VIEWPORT, NULL);
}

double
sluice_canvas_viewport_get_zoom (SluiceCanvasViewport *self)
{
  g_return_val_if_fail (SLUICE_IS_CANVAS_VIEWPORT (self), 1.0);
  return self->zoom;
}

double
sluice_canvas_viewport_get_offset_x (SluiceCanvasViewport *self)
{
  g_return_val_if_fail (SLUICE_IS_CANVAS_VIEWPORT (self), 0.0);
  return self->offset_x;
}

double
sluice_canvas_viewport_get_offset_y (SluiceCanvasViewport *self)
{
  g_return_val_if_fail (SLUICE_IS_CANVAS_VIEWPORT (self), 0.0);
  return self->offset_y;
}

/**
 * sluice_canvas_viewport_set:
 *
 * Sets offset and zoom at once; listeners hear one batch of notifications,
 * so the canvas redraws once. @zoom is clamped to
 * [%SLUICE_CANVAS_ZOOM_MIN, %SLUICE_CANVAS_ZOOM_MAX].
 */
void
sluice_canvas_viewport_set (SluiceCanvasViewport *self,
                            double                x,
                            double                y,
                            double                zoom)
{
  g_return_if_fail (SLUICE_IS_CANVAS_VIEWPORT (self));

  zoom = clamp_zoom (zoom);
  if (!isfinite (x))
    x = self->offset_x;
  if (!isfinite (y))
    y = self->offset_y;

  g_object_freeze_notify (G_OBJECT (self));

  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  if (x != self->offset_x)
    {
      self->offset_x = x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET_X]);
    }
  if (y != self->offset_y)
    {
      self->offset_y = y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET_Y]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* Zooms around the canvas point at the widget's top-left corner; the
 * canvas uses sluice_canvas_viewport_zoom_at() to keep a point still. */
void
sluice_canvas_viewport_set_zoom (SluiceCanvasViewport *self,
                                 double                zoom)
{
  g_return_if_fail (SLUICE_IS_CANVAS_VIEWPORT (self));
  sluice_canvas_viewport_set (self, self->offset_x, self->offset_y, zoom);
}

void
sluice_canvas_viewport_set_offset (SluiceCanvasViewport *self,
                                   double                x,
                                   double                y)
{
  g_return_if_fail (SLUICE_IS_CANVAS_VIEWPORT (self));
  sluice_canvas_viewport_set (self, x, y, self->zoom);
}

void
sluice_canvas_viewport_canvas_to_widget (SluiceCanvasViewport *self,
                                         double                canvas_x,
                                         double                canvas_y,
                                         double               *widget_x,
                                         double               *widget_y)
{
  g_return_if_fail (SLUICE_IS_CANVAS_VIEWPORT (self));

  if (widget_x)
    *widget_x = (canvas_x - self->offset_x) * self->zoom;
  if (widget_y)
    *widget_y = (canvas_y - self->offset_y) * self->zoom;
}

void
sluice_canvas_viewport_widget_to_canvas (SluiceCanvasViewport *self,
                                         double                widget_x,
                                         double                widget_y,
                                         double               *canvas_x,
                                         double               *canvas_y)
{
  g_return_if_fail (SLUICE_IS_CANVAS_VIEWPORT (self));

  if (canvas_x)
    *canvas_x = widget_x / self->zoom + self->offset_x;
  if (canvas_y)
    *canvas_y = widget_y / self->zoom + self->offset_y;
}

/* The part of the canvas a widget of the given size shows, in canvas units. */
void
sluice_canvas_viewport_get_visible_rect (SluiceCanvasViewport *self,
                                         double                widget_width,
                                         double                widget_height,
                                         graphene_rect_t      *rect)
{
  g_return_if_fail (SLUICE_IS_CANVAS_VIEWPORT (self));
  g_return_if_fail (rect != NULL);

  graphene_rect_init (rect, self->offset_x, self->offset_y,
                      widget_width / self->zoom, widget_height / self->zoom);
}

/* Moves the view by a distance in widget pixels (a pan drag or a scroll). */
void
sluice_canvas_viewport_scroll_by (SluiceCanvasViewport *self,
                                  double                widget_dx,
                                  double                widget_dy)
{
  g_return_if_fail (SLUICE_IS_CANVAS_VIEWPORT (self));

  sluice_canvas_viewport_set (self,
                              self->offset_x + widget_dx / self->zoom,
                              self->offset_y + widget_dy / self->zoom,
                              self->zoom);
}

/**
 * sluice_canvas_viewport_zoom_at:
 * @widget_x: a point in widget coordinates that keeps showing the same
 *   canvas point, e.g. the pointer for Ctrl+scroll
 *
 * Changes the zoom (clamped) around a point.
 */
void
sluice_canvas_viewport_zoom_at (SluiceCanvasViewport *self,
                                double                zoom,
                                double                widget_x,
                                double                widget_y)
{
  double cx, cy;

  g_return_if_fail (SLUICE_IS_CANVAS_VIEWPORT (self));

  zoom = clamp_zoom (zoom);
  sluice_canvas_viewport_widget_to_canvas (self, widget_x, widget_y, &cx, &cy);
  sluice_canvas_viewport_set (self, cx - widget_x / zoom, cy - widget_y / zoom, zoom);
}

/**
 * sluice_canvas_viewport_fit:
 * @canvas_rect: what to show, in canvas units
 * @padding: free space to keep around it, in widget pixels
 * @max_zoom: do not zoom in further than this (1.0 keeps small graphs at
 *   their natural size)
 *
 * Zooms and scrolls so @canvas_rect is centred and fits the widget, as far
 * as the zoom limits allow.
 */
void
sluice_canvas_viewport_fit (SluiceCanvasViewport  *self,
                            const graphene_rect_t *canvas_rect,
                            double                 widget_width,
                            double                 widget_height,
                            double                 padding,
                            double                 max_zoom)
{
  double avail_w, avail_h, zoom;
  double cx, cy;

  g_return_if_fail (SLUICE_IS_CANVAS_VIEWPORT (self));
  g_return_if_fail (canvas_rect != NULL);

  avail_w = MAX (widget_width - 2 * padding, 1);
  avail_h = MAX (widget_height - 2 * padding, 1);
  zoom = MIN (avail_w / MAX (canvas_rect->size.width, 1),
              avail_h / MAX (canvas_rect->size.height, 1));
  zoom = MIN (zoom, max_zoom);
  zoom = clamp_zoom (zoom);

  cx = canvas_rect->origin.x + canvas_rect->size.width / 2;
  cy = canvas_rect->origin.y + canvas_rect->size.height / 2;
  sluice_canvas_viewport_set (self,
                              cx - widget_width / 2 / zoom,
                              cy - widget_height / 2 / zoom,
                              zoom);
}
