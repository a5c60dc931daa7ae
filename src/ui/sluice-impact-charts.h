/* sluice-impact-charts.h — the Impact view's charts as cairo draw functions
 *
 * Each chart is one function of (cairo_t, width, height, plain data,
 * style), so the same drawing serves the screen (gtk_snapshot_append_cairo),
 * PDF, SVG and PNG. Nothing here knows GTK.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* How an entity's actions changed against the comparison version. */
typedef enum
{
  SLUICE_IMPACT_CHANGE_NONE,     /* nothing to compare with */
  SLUICE_IMPACT_CHANGE_NEW,      /* newly qualifies */
  SLUICE_IMPACT_CHANGE_DROPPED,  /* drops out: sized by its actions before */
  SLUICE_IMPACT_CHANGE_MORE,
  SLUICE_IMPACT_CHANGE_FEWER,
  SLUICE_IMPACT_CHANGE_SAME,
  SLUICE_IMPACT_CHANGE_OTHER,    /* the rest of a group, not listed one by one */
  SLUICE_IMPACT_N_CHANGES
} SluiceImpactChange;

const char *sluice_impact_change_to_string (SluiceImpactChange change);
const char *sluice_impact_change_label     (SluiceImpactChange change);

typedef struct
{
  double red, green, blue, alpha;
} SluiceImpactColor;

typedef struct
{
  gboolean          dark;
  SluiceImpactColor foreground;   /* text */
  SluiceImpactColor background;   /* gaps between tiles */
  SluiceImpactColor accent;       /* bars */
  SluiceImpactColor changes[SLUICE_IMPACT_N_CHANGES];
  const char       *font;         /* a Pango font description, e.g. "Cantarell 10" */
} SluiceImpactChartStyle;

void sluice_impact_chart_style_init (SluiceImpactChartStyle *style,
                                     gboolean                dark);

/* ---- treemap ------------------------------------------------------------- */

typedef struct
{
  const char         *label;     /* the entity */
  const char         *group;     /* its tenant; NULL for none */
  double              value;     /* the tile's area: actions */
  SluiceImpactChange  change;
} SluiceImpactTreemapItem;

/* Where each item (or group header, item = -1) was drawn, for hit tests. */
typedef struct
{
  double x, y, width, height;
  int    item;
  int    group;                  /* index of the group's first item */
} SluiceImpactTreemapTile;

/* Squarified layout (Bruls, Huizing, van Wijk) of @values, largest first,
 * into the rectangle; one tile per value, zero for values ≤ 0. */
void sluice_impact_squarify      (const double            *values,
                                  guint                    n_values,
                                  double                   x,
                                  double                   y,
                                  double                   width,
                                  double                   height,
                                  double                  *out_rects);

/* Items of one group must be next to each other; groups are laid out by
 * their total, items within by value. @tiles (nullable) receives
 * SluiceImpactTreemapTile. The legend takes the bottom 24 px. */
void sluice_impact_draw_treemap  (cairo_t                       *cr,
                                  double                         width,
                                  double                         height,
                                  const SluiceImpactTreemapItem *items,
                                  guint                          n_items,
                                  const SluiceImpactChartStyle  *style,
                                  GArray                        *tiles);

/* ---- bar chart ----------------------------------------------------------- */

typedef struct
{
  const char *label;       /* a destination */
  const char *detail;      /* (nullable) the action type that sends there */
  double      value;       /* requests */
  double      before;      /* the comparison's, or < 0 */
  double      quota_peak;  /* busiest period, or < 0 without a quota */
  double      quota_limit;
  const char *quota_per;   /* the period, "1h" */
} SluiceImpactBar;

double sluice_impact_bar_chart_height (const SluiceImpactBar        *bars,
                                       guint                         n_bars);
void   sluice_impact_draw_bar_chart   (cairo_t                      *cr,
                                       double                        width,
                                       double                        height,
                                       const SluiceImpactBar        *bars,
                                       guint                         n_bars,
                                       const SluiceImpactChartStyle *style);

G_END_DECLS
