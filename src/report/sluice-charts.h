/* sluice-charts.h — the impact charts, drawn with cairo from plain data
 *
 * Each chart is one draw function: the app calls it from a snapshot
 * (gtk_snapshot_append_cairo), the PDF export on a PDF surface, and the
 * HTML export through *_to_svg. Nothing here knows GTK or JSON.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} SluiceChartRect;

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} SluiceChartColor;

/* How an entity's actions changed against the comparison version. */
typedef enum
{
  SLUICE_CHART_CHANGE_NONE,     /* nothing to compare with */
  SLUICE_CHART_CHANGE_SAME,
  SLUICE_CHART_CHANGE_NEW,      /* newly qualifies */
  SLUICE_CHART_CHANGE_DROPPED,  /* drops out: sized by its old actions */
  SLUICE_CHART_CHANGE_MORE,
  SLUICE_CHART_CHANGE_FEWER,
  SLUICE_CHART_CHANGE_OTHER,    /* the rest of a tenant, in one tile */
  SLUICE_CHART_N_CHANGES,
} SluiceChartChange;

/* Colours and font of the charts; the app fills one from its light or
 * dark style, the exports use sluice_chart_palette_light(). */
typedef struct
{
  SluiceChartColor  background;
  SluiceChartColor  text;
  SluiceChartColor  text_dim;
  SluiceChartColor  grid;
  SluiceChartColor  change[SLUICE_CHART_N_CHANGES];
  SluiceChartColor  bar;
  SluiceChartColor  bar_over;       /* a bar past its limit */
  SluiceChartColor  limit;          /* the limit mark */
  const char       *font_family;    /* NULL: "Sans" */
  double            font_size;      /* of labels, in user units; 0: 12 */
} SluiceChartPalette;

const SluiceChartPalette *sluice_chart_palette_light  (void);
const SluiceChartPalette *sluice_chart_palette_dark   (void);
const char               *sluice_chart_change_label   (SluiceChartChange change);

/* ---- treemap: tenants → entities, area ∝ actions ------------------------ */

typedef struct
{
  const char        *entity;
  const char        *tenant;   /* NULL: no tenant */
  guint64            actions;  /* under the version shown */
  guint64            before;   /* under the comparison version */
  SluiceChartChange  change;
} SluiceTreemapItem;

/* The tile's area: its actions, or for one that drops out its old actions. */
#define SLUICE_TREEMAP_ITEM_SIZE(item) \
  ((item)->change == SLUICE_CHART_CHANGE_DROPPED ? (item)->before : (item)->actions)

typedef struct
{
  SluiceChartRect  rect;
  guint            index;    /* into the items; G_MAXUINT for a tenant's area */
  const char      *entity;   /* the item's; NULL for a tenant's area */
  const char      *tenant;   /* the item's */
} SluiceTreemapHit;

void                    sluice_treemap_squarify      (const double             *weights,
                                                      guint                     n_weights,
                                                      const SluiceChartRect    *area,
                                                      SluiceChartRect          *rects);
GArray                 *sluice_treemap_layout        (const SluiceTreemapItem  *items,
                                                      guint                     n_items,
                                                      double                    width,
                                                      double                    height);
GArray                 *sluice_treemap_draw          (cairo_t                  *cr,
                                                      double                    width,
                                                      double                    height,
                                                      const SluiceTreemapItem  *items,
                                                      guint                     n_items,
                                                      const SluiceChartPalette *palette);
const SluiceTreemapHit *sluice_treemap_hit_at        (GArray                   *hits,
                                                      double                    x,
                                                      double                    y);
double                  sluice_treemap_draw_legend   (cairo_t                  *cr,
                                                      double                    width,
                                                      gboolean                  compared,
                                                      gboolean                  with_other,
                                                      const SluiceChartPalette *palette);
char                   *sluice_treemap_to_svg        (const SluiceTreemapItem  *items,
                                                      guint                     n_items,
                                                      const SluiceChartPalette *palette,
                                                      double                    width,
                                                      double                    height,
                                                      const char               *id_prefix,
                                                      const char               *title);

/* ---- horizontal bars: requests by destination, use against limits ------- */

typedef struct
{
  const char *label;
  double      value;
  double      limit;        /* <= 0: none */
  const char *value_text;   /* NULL: the value as a number */
} SluiceBarItem;

double  sluice_bar_chart_preferred_height (guint                     n_items);
void    sluice_bar_chart_draw             (cairo_t                  *cr,
                                           double                    width,
                                           double                    height,
                                           const SluiceBarItem      *items,
                                           guint                     n_items,
                                           const SluiceChartPalette *palette);
char   *sluice_bar_chart_to_svg           (const SluiceBarItem      *items,
                                           guint                     n_items,
                                           const SluiceChartPalette *palette,
                                           double                    width,
                                           double                    height,
                                           const char               *id_prefix,
                                           const char               *title);

/* ---- SVG for any of them ------------------------------------------------- */

typedef void (*SluiceChartDrawFunc) (cairo_t  *cr,
                                     double    width,
                                     double    height,
                                     gpointer  user_data);

char   *sluice_chart_to_svg               (double                    width,
                                           double                    height,
                                           const char               *id_prefix,
                                           const char               *title,
                                           SluiceChartDrawFunc       draw,
                                           gpointer                  user_data);

G_END_DECLS
