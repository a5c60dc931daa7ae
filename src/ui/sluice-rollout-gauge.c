/* sluice-rollout-gauge.c — the error rate against its budget, drawn
 *
 * A bar whose scale puts the budget at two thirds of the width, so there
 * is always room to show how far past it a rollout went. The budget is a
 * tick on the bar; the fill turns amber near it and red past it.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-rollout-gauge.h"

#define BAR_HEIGHT 10
#define TICK_EXTRA 4

struct _SluiceRolloutGauge
{
  GtkWidget  parent_instance;

  double     error_rate;
  double     max_error_rate;
  gint64     events;
  gint64     min_events;
};

G_DEFINE_FINAL_TYPE (SluiceRolloutGauge, sluice_rollout_gauge, GTK_TYPE_WIDGET)

static double
scale_max (SluiceRolloutGauge *self)
{
  double top = self->max_error_rate > 0 ? self->max_error_rate * 1.5 : 0.1;

  return MAX (top, self->error_rate);
}

static void
sluice_rollout_gauge_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  SluiceRolloutGauge *self = SLUICE_ROLLOUT_GAUGE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double top = scale_max (self);
  float y = (height - BAR_HEIGHT) / 2.0f;
  GdkRGBA fg, track, fill;
  GskRoundedRect rounded;
  float fill_width;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  track = fg;
  track.alpha *= 0.15f;
  gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (0, y, width, BAR_HEIGHT), BAR_HEIGHT / 2.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (0, y, width, BAR_HEIGHT));

  /* GNOME palette: green 4, yellow 5, red 3 */
  if (self->max_error_rate > 0 && self->error_rate > self->max_error_rate)
    gdk_rgba_parse (&fill, "#e01b24");
  else if (self->max_error_rate > 0 && self->error_rate > self->max_error_rate * 0.75)
    gdk_rgba_parse (&fill, "#e5a50a");
  else
    gdk_rgba_parse (&fill, "#2ec27e");
  /* below min_events the budget does not apply yet: a paler fill */
  if (self->events < self->min_events)
    fill.alpha = 0.5f;

  fill_width = top > 0 ? (float) (width * MIN (1.0, self->error_rate / top)) : 0;
  if (self->error_rate > 0)
    fill_width = MAX (fill_width, BAR_HEIGHT);
  gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (0, y, fill_width, BAR_HEIGHT));
  gtk_snapshot_pop (snapshot);

  if (self->max_error_rate > 0)
    {
      float x = (float) (width * self->max_error_rate / top);

      x = CLAMP (x, 1, width - 2);
      gtk_snapshot_append_color (snapshot, &fg,
                                 &GRAPHENE_RECT_INIT (x - 1, y - TICK_EXTRA, 2, BAR_HEIGHT + 2 * TICK_EXTRA));
    }
}

static void
sluice_rollout_gauge_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = 80, *natural = 240;
  else
    *minimum = *natural = BAR_HEIGHT + 2 * TICK_EXTRA + 2;
}

static void
sluice_rollout_gauge_class_init (SluiceRolloutGaugeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = sluice_rollout_gauge_snapshot;
  widget_class->measure = sluice_rollout_gauge_measure;
  gtk_widget_class_set_css_name (widget_class, "sluice-rollout-gauge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
sluice_rollout_gauge_init (SluiceRolloutGauge *self)
{
  self->min_events = 0;
  sluice_rollout_gauge_set_value (self, 0, 0, 0, 0);
}

GtkWidget *
sluice_rollout_gauge_new (void)
{
  return g_object_new (SLUICE_TYPE_ROLLOUT_GAUGE, NULL);
}

/**
 * sluice_rollout_gauge_set_value:
 * @error_rate: errors/events over the window, 0…1
 * @max_error_rate: the budget, 0…1; 0 when there is none
 *
 * Shows a rate against its budget, for the eye and for screen readers.
 */
void
sluice_rollout_gauge_set_value (SluiceRolloutGauge *self,
                                double              error_rate,
                                double              max_error_rate,
                                gint64              events,
                                gint64              min_events)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SLUICE_IS_ROLLOUT_GAUGE (self));

  self->error_rate = MAX (0, error_rate);
  self->max_error_rate = MAX (0, max_error_rate);
  self->events = events;
  self->min_events = min_events;

  if (self->max_error_rate <= 0)
    text = g_strdup_printf (_("%.1f%% errors, no error budget"), self->error_rate * 100);
  else if (events < min_events)
    text = g_strdup_printf (_("%.1f%% errors of a %.1f%% budget; it applies from %" PRId64
                              " events, %" PRId64 " so far"),
                            self->error_rate * 100, self->max_error_rate * 100, min_events, events);
  else
    text = g_strdup_printf (self->error_rate > self->max_error_rate
                            ? _("%.1f%% errors: over the %.1f%% budget")
                            : _("%.1f%% errors of a %.1f%% budget"),
                            self->error_rate * 100, self->max_error_rate * 100);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, scale_max (self) * 100,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->error_rate * 100,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
sluice_rollout_gauge_get_rate (SluiceRolloutGauge *self)
{
  g_return_val_if_fail (SLUICE_IS_ROLLOUT_GAUGE (self), 0);
  return self->error_rate;
}
