/* sluice-impact-bar-chart.c
 *
 * A thin widget around sluice_impact_draw_bar_chart(): it keeps a copy of
 * the bars, asks for the height they need, and says the numbers to
 * screen readers.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sluice-impact-bar-chart.h"

struct _SluiceImpactBarChart
{
  GtkWidget     parent_instance;

  GArray       *bars;      /* SluiceImpactBar, strings in @strings */
  GStringChunk *strings;
};

G_DEFINE_FINAL_TYPE (SluiceImpactBarChart, sluice_impact_bar_chart, GTK_TYPE_WIDGET)

static void
sluice_impact_bar_chart_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  SluiceImpactBarChart *self = SLUICE_IMPACT_BAR_CHART (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  SluiceImpactChartStyle style;
  cairo_t *cr;

  if (self->bars->len == 0)
    return;

  sluice_impact_chart_style_init (&style, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sluice_impact_draw_bar_chart (cr, width, height, (SluiceImpactBar *) self->bars->data, self->bars->len, &style);
  cairo_destroy (cr);
}

static void
sluice_impact_bar_chart_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  SluiceImpactBarChart *self = SLUICE_IMPACT_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 300;
      *natural = 600;
    }
  else
    *minimum = *natural = (int) sluice_impact_bar_chart_height ((SluiceImpactBar *) self->bars->data, self->bars->len);
}

static void
style_changed_cb (SluiceImpactBarChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sluice_impact_bar_chart_finalize (GObject *object)
{
  SluiceImpactBarChart *self = (SluiceImpactBarChart *) object;

  g_array_unref (self->bars);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (sluice_impact_bar_chart_parent_class)->finalize (object);
}

static void
sluice_impact_bar_chart_class_init (SluiceImpactBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sluice_impact_bar_chart_finalize;
  widget_class->snapshot = sluice_impact_bar_chart_snapshot;
  widget_class->measure = sluice_impact_bar_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sluice_impact_bar_chart_init (SluiceImpactBarChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (SluiceImpactBar));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
sluice_impact_bar_chart_new (void)
{
  return g_object_new (SLUICE_TYPE_IMPACT_BAR_CHART, NULL);
}

static const char *
keep (SluiceImpactBarChart *self,
      const char           *text)
{
  return text ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

/**
 * sluice_impact_bar_chart_set_bars:
 * @bars: (array length=n_bars): copied
 */
void
sluice_impact_bar_chart_set_bars (SluiceImpactBarChart  *self,
                                  const SluiceImpactBar *bars,
                                  guint                  n_bars)
{
  g_autoptr(GString) text = g_string_new (_("Requests by destination:"));

  g_return_if_fail (SLUICE_IS_IMPACT_BAR_CHART (self));
  g_return_if_fail (bars != NULL || n_bars == 0);

  g_array_set_size (self->bars, 0);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  self->strings = g_string_chunk_new (1024);

  for (guint i = 0; i < n_bars; i++)
    {
      SluiceImpactBar bar = bars[i];

      bar.label = keep (self, bar.label);
      bar.detail = keep (self, bar.detail);
      bar.quota_per = keep (self, bar.quota_per);
      g_array_append_val (self->bars, bar);

      g_string_append_printf (text, " %s %.0f", bar.label, bar.value);
      if (bar.before >= 0)
        g_string_append_printf (text, _(" (was %.0f)"), bar.before);
      if (bar.quota_peak >= 0)
        g_string_append_printf (text, _(", peak %.0f per %s against a quota of %.0f"),
                                bar.quota_peak, bar.quota_per ? bar.quota_per : "", bar.quota_limit);
      g_string_append_c (text, ';');
    }
  if (n_bars == 0)
    g_string_append_printf (text, " %s", _("none"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
sluice_impact_bar_chart_get_n_bars (SluiceImpactBarChart *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_BAR_CHART (self), 0);
  return self->bars->len;
}
