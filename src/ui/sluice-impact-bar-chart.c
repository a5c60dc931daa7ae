/* sluice-impact-bar-chart.c
 *
 * A thin widget around the reports' bar chart (sluice-charts.c): requests
 * by destination with their change, then how close each quota comes to its
 * limit. It keeps a copy of the bars, asks for the height they need, and
 * says the numbers to screen readers.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sluice-impact-bar-chart.h"

/* between the requests and the quotas */
#define SECTION_GAP 8

struct _SluiceImpactBarChart
{
  GtkWidget     parent_instance;

  GArray       *requests;  /* SluiceBarItem: one per destination */
  GArray       *quotas;    /* SluiceBarItem: a quota's busiest period, in % of it */
  GStringChunk *strings;
};

G_DEFINE_FINAL_TYPE (SluiceImpactBarChart, sluice_impact_bar_chart, GTK_TYPE_WIDGET)

static double
section_height (GArray *items)
{
  return items->len > 0 ? sluice_bar_chart_preferred_height (items->len) : 0;
}

static void
sluice_impact_bar_chart_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  SluiceImpactBarChart *self = SLUICE_IMPACT_BAR_CHART (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  SluiceChartPalette palette = *(dark ? sluice_chart_palette_dark () : sluice_chart_palette_light ());
  double top = section_height (self->requests);
  cairo_t *cr;

  if (self->requests->len == 0)
    return;

  /* the view's own background, so the chart sits in it */
  palette.background = dark ? (SluiceChartColor) { 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1 }
                            : (SluiceChartColor) { 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0, 1 };
  palette.font_family = "Cantarell";

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sluice_bar_chart_draw (cr, width, top, (SluiceBarItem *) self->requests->data, self->requests->len, &palette);
  if (self->quotas->len > 0)
    {
      cairo_translate (cr, 0, top + SECTION_GAP);
      sluice_bar_chart_draw (cr, width, section_height (self->quotas),
                             (SluiceBarItem *) self->quotas->data, self->quotas->len, &palette);
    }
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
    *minimum = *natural = (int) (section_height (self->requests)
                                 + (self->quotas->len > 0 ? SECTION_GAP + section_height (self->quotas) : 0));
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

  g_array_unref (self->requests);
  g_array_unref (self->quotas);
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
  self->requests = g_array_new (FALSE, TRUE, sizeof (SluiceBarItem));
  self->quotas = g_array_new (FALSE, TRUE, sizeof (SluiceBarItem));

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
      char                 *text)
{
  g_autofree char *owned = text;

  return g_string_chunk_insert (self->strings, owned);
}

static void
add_bar (SluiceImpactBarChart  *self,
         const SluiceImpactBar *bar)
{
  SluiceBarItem request = { 0 };

  request.label = keep (self, bar->detail ? g_strdup_printf ("%s (%s)", bar->label, bar->detail) : g_strdup (bar->label));
  request.value = bar->value;
  if (bar->before >= 0)
    {
      g_autofree char *value = g_strdup_printf ("%'.0f", bar->value);
      g_autofree char *delta = bar->value == bar->before ? g_strdup ("±0")
                             : g_strdup_printf ("%s%'.0f", bar->value > bar->before ? "+" : "−", fabs (bar->value - bar->before));

      /* Translators: requests and their change, "294 (−171)" */
      request.value_text = keep (self, g_strdup_printf (_("%s (%s)"), value, delta));
    }
  g_array_append_val (self->requests, request);

  if (bar->quota_peak >= 0 && bar->quota_limit > 0)
    {
      SluiceBarItem quota = { 0 };

      /* Translators: the quota of a destination, "quota of api.billing" */
      quota.label = keep (self, g_strdup_printf (_("quota of %s"), bar->label));
      quota.value = 100 * bar->quota_peak / bar->quota_limit;
      quota.limit = 100;
      /* Translators: "35 % (7 of 20 per 1h)": the busiest period against the quota */
      quota.value_text = keep (self, g_strdup_printf (_("%.0f %% (%.0f of %.0f per %s)"), quota.value, bar->quota_peak,
                                                      bar->quota_limit, bar->quota_per ? bar->quota_per : "?"));
      g_array_append_val (self->quotas, quota);
    }
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

  g_array_set_size (self->requests, 0);
  g_array_set_size (self->quotas, 0);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  self->strings = g_string_chunk_new (1024);

  for (guint i = 0; i < n_bars; i++)
    {
      const SluiceImpactBar *bar = &bars[i];

      add_bar (self, bar);

      g_string_append_printf (text, " %s %.0f", bar->label, bar->value);
      if (bar->before >= 0)
        g_string_append_printf (text, _(" (was %.0f)"), bar->before);
      if (bar->quota_peak >= 0)
        g_string_append_printf (text, _(", peak %.0f per %s against a quota of %.0f"),
                                bar->quota_peak, bar->quota_per ? bar->quota_per : "", bar->quota_limit);
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
  return self->requests->len;
}
