/* sluice-charts.c
 *
 * Text goes through Pango with absolute sizes in user units, so a chart
 * looks the same in pixels on screen and in points on paper. The treemap
 * keeps every tile's area exactly proportional to its size (no header
 * strips for tenants; their names sit on top of their first tile), which
 * is what makes the picture honest and the layout testable.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "sluice-charts.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

/* GNOME palette colours: pale fills for light, deep ones for dark. */
static const SluiceChartPalette light_palette = {
  .background = RGB (0xffffff),
  .text = RGB (0x241f31),
  .text_dim = RGB (0x5e5c64),
  .grid = RGB (0xc0bfbc),
  .change = {
    [SLUICE_CHART_CHANGE_NONE] = RGB (0x99c1f1),
    [SLUICE_CHART_CHANGE_SAME] = RGB (0xdeddda),
    [SLUICE_CHART_CHANGE_NEW] = RGB (0x57e389),
    [SLUICE_CHART_CHANGE_DROPPED] = RGB (0xf66151),
    [SLUICE_CHART_CHANGE_MORE] = RGB (0xffbe6f),
    [SLUICE_CHART_CHANGE_FEWER] = RGB (0xdc8add),
    [SLUICE_CHART_CHANGE_OTHER] = RGB (0xefeeec),
  },
  .bar = RGB (0x62a0ea),
  .bar_over = RGB (0xe01b24),
  .limit = RGB (0x241f31),
  .font_family = "Sans",
  .font_size = 12,
};

static const SluiceChartPalette dark_palette = {
  .background = RGB (0x1e1e1e),
  .text = RGB (0xffffff),
  .text_dim = RGB (0xc0bfbc),
  .grid = RGB (0x5e5c64),
  .change = {
    [SLUICE_CHART_CHANGE_NONE] = RGB (0x1c71d8),
    [SLUICE_CHART_CHANGE_SAME] = RGB (0x5e5c64),
    [SLUICE_CHART_CHANGE_NEW] = RGB (0x26a269),
    [SLUICE_CHART_CHANGE_DROPPED] = RGB (0xc01c28),
    [SLUICE_CHART_CHANGE_MORE] = RGB (0xc64600),
    [SLUICE_CHART_CHANGE_FEWER] = RGB (0x813d9c),
    [SLUICE_CHART_CHANGE_OTHER] = RGB (0x3d3846),
  },
  .bar = RGB (0x3584e4),
  .bar_over = RGB (0xf66151),
  .limit = RGB (0xffffff),
  .font_family = "Sans",
  .font_size = 12,
};

const SluiceChartPalette *
sluice_chart_palette_light (void)
{
  return &light_palette;
}

const SluiceChartPalette *
sluice_chart_palette_dark (void)
{
  return &dark_palette;
}

/* Returns: the legend's name for @change */
const char *
sluice_chart_change_label (SluiceChartChange change)
{
  switch (change)
    {
    case SLUICE_CHART_CHANGE_NONE:
      return _("Acted on");
    case SLUICE_CHART_CHANGE_SAME:
      return _("Same actions");
    case SLUICE_CHART_CHANGE_NEW:
      return _("Newly qualifies");
    case SLUICE_CHART_CHANGE_DROPPED:
      return _("Drops out");
    case SLUICE_CHART_CHANGE_MORE:
      return _("More actions");
    case SLUICE_CHART_CHANGE_FEWER:
      return _("Fewer actions");
    case SLUICE_CHART_CHANGE_OTHER:
      return _("Other entities");
    case SLUICE_CHART_N_CHANGES:
    default:
      break;
    }
  g_return_val_if_reached ("");
}

/* ---- drawing helpers ------------------------------------------------------ */

static void
set_color (cairo_t                *cr,
           const SluiceChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* Dark text on pale fills, white on deep ones. */
static SluiceChartColor
text_color_on (const SluiceChartColor *fill)
{
  double luminance = 0.2126 * fill->red + 0.7152 * fill->green + 0.0722 * fill->blue;
  SluiceChartColor dark = RGB (0x241f31);
  SluiceChartColor white = RGB (0xffffff);

  return luminance > 0.5 ? dark : white;
}

/* Label sizes relative to the palette's: 0 is the base size. */
static double
font_size (const SluiceChartPalette *palette,
           double                    step)
{
  return (palette->font_size > 0 ? palette->font_size : 12) + step;
}

static PangoLayout *
make_layout (cairo_t                  *cr,
             const SluiceChartPalette *palette,
             const char               *text,
             double                    size,
             gboolean                  bold,
             double                    max_width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, palette->font_family ? palette->font_family : "Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static double
layout_width (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return width;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return height;
}

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Like "%'.0f" but the same in every locale's digits: 12 345 678. */
static char *
format_value (double value)
{
  if (fabs (value - round (value)) < 1e-9 && fabs (value) < 1e15)
    return g_strdup_printf ("%'.0f", value);
  return g_strdup_printf ("%'.1f", value);
}

/* ---- treemap ------------------------------------------------------------- */

static int
compare_weights_desc (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const double *weights = user_data;
  double wa = weights[*(const guint *) a];
  double wb = weights[*(const guint *) b];

  if (wa != wb)
    return wa > wb ? -1 : 1;
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

/* The worst aspect ratio of a row of areas laid along a side of @side. */
static double
worst_ratio (const double *areas,
             const guint  *order,
             guint         from,
             guint         to,
             double        side)
{
  double sum = 0, lo = G_MAXDOUBLE, hi = 0;

  for (guint i = from; i < to; i++)
    {
      double a = areas[order[i]];
      sum += a;
      lo = MIN (lo, a);
      hi = MAX (hi, a);
    }
  if (sum <= 0 || lo <= 0)
    return G_MAXDOUBLE;
  return MAX (side * side * hi / (sum * sum), (sum * sum) / (side * side * lo));
}

/**
 * sluice_treemap_squarify:
 * @weights: one weight per rectangle; 0 or less gets no area
 * @area: the rectangle to fill
 * @rects: (out caller-allocates): @n_weights rectangles, in the order of @weights
 *
 * The squarified layout of Bruls, Huizing and van Wijk: rectangles whose
 * areas are exactly proportional to the weights, tiling @area without gaps
 * or overlaps, as close to squares as the greedy rows allow. A zero weight
 * gets an empty rectangle at the area's origin.
 */
void
sluice_treemap_squarify (const double          *weights,
                         guint                  n_weights,
                         const SluiceChartRect *area,
                         SluiceChartRect       *rects)
{
  g_autofree guint *order = g_new (guint, MAX (n_weights, 1));
  g_autofree double *areas = g_new0 (double, MAX (n_weights, 1));
  double total = 0;
  double x = area->x, y = area->y, w = area->width, h = area->height;
  guint m = 0;

  for (guint i = 0; i < n_weights; i++)
    {
      rects[i] = (SluiceChartRect) { area->x, area->y, 0, 0 };
      if (weights[i] > 0)
        {
          order[m++] = i;
          total += weights[i];
        }
    }
  if (m == 0 || w <= 0 || h <= 0)
    return;

  for (guint i = 0; i < m; i++)
    areas[order[i]] = weights[order[i]] / total * w * h;
  g_qsort_with_data (order, m, sizeof (guint), compare_weights_desc, (gpointer) weights);

  for (guint i = 0; i < m;)
    {
      gboolean wide = w >= h;
      double side = wide ? h : w;
      double row_area = 0, thickness, along = 0;
      guint j = i + 1;

      while (j < m && worst_ratio (areas, order, i, j + 1, side) <= worst_ratio (areas, order, i, j, side))
        j++;

      for (guint k = i; k < j; k++)
        row_area += areas[order[k]];

      /* the last row takes what is left, so rounding never leaves a gap */
      if (j == m)
        thickness = wide ? w : h;
      else
        thickness = MIN (row_area / side, wide ? w : h);

      for (guint k = i; k < j; k++)
        {
          double a = areas[order[k]];
          double start = along;
          double end = (k + 1 == j) ? side : along + side * a / row_area;
          SluiceChartRect *r = &rects[order[k]];

          if (wide)
            *r = (SluiceChartRect) { x, y + start, thickness, end - start };
          else
            *r = (SluiceChartRect) { x + start, y, end - start, thickness };
          along = end;
        }

      if (wide)
        {
          x += thickness;
          w -= thickness;
        }
      else
        {
          y += thickness;
          h -= thickness;
        }
      i = j;
    }
}

typedef struct
{
  const char *tenant;
  double      total;
  GArray     *members;   /* guint: item indexes */
} TenantGroup;

static void
tenant_group_clear (gpointer data)
{
  TenantGroup *group = data;
  g_clear_pointer (&group->members, g_array_unref);
}

/**
 * sluice_treemap_layout:
 *
 * Where sluice_treemap_draw() puts each tenant and entity in a
 * @width × @height area. Tenants tile the area, entities tile their
 * tenant, and every entity's area is proportional to its
 * SLUICE_TREEMAP_ITEM_SIZE(). Items of size 0 get no rectangle.
 *
 * Returns: (transfer full) (element-type SluiceTreemapHit): the tenants'
 *   areas first, then the entities'; the strings are the items'
 */
GArray *
sluice_treemap_layout (const SluiceTreemapItem *items,
                       guint                    n_items,
                       double                   width,
                       double                   height)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (SluiceTreemapHit));
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (TenantGroup));
  g_autoptr(GHashTable) by_tenant = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree double *weights = NULL;
  g_autofree SluiceChartRect *rects = NULL;
  SluiceChartRect area = { 0, 0, width, height };
  guint first_entity_hit;

  g_return_val_if_fail (items != NULL || n_items == 0, hits);

  g_array_set_clear_func (groups, tenant_group_clear);

  for (guint i = 0; i < n_items; i++)
    {
      const SluiceTreemapItem *item = &items[i];
      guint64 size = SLUICE_TREEMAP_ITEM_SIZE (item);
      /* "" cannot be a tenant id, so it stands for "no tenant" */
      const char *key = item->tenant ? item->tenant : "";
      gpointer found;
      TenantGroup *group;

      if (size == 0)
        continue;

      if (g_hash_table_lookup_extended (by_tenant, key, NULL, &found))
        group = &g_array_index (groups, TenantGroup, GPOINTER_TO_UINT (found));
      else
        {
          TenantGroup fresh = { item->tenant, 0, g_array_new (FALSE, FALSE, sizeof (guint)) };

          g_hash_table_insert (by_tenant, (gpointer) key, GUINT_TO_POINTER (groups->len));
          g_array_append_val (groups, fresh);
          group = &g_array_index (groups, TenantGroup, groups->len - 1);
        }
      group->total += size;
      g_array_append_val (group->members, i);
    }

  if (groups->len == 0)
    return hits;

  weights = g_new (double, groups->len);
  rects = g_new (SluiceChartRect, groups->len);
  for (guint g = 0; g < groups->len; g++)
    weights[g] = g_array_index (groups, TenantGroup, g).total;
  sluice_treemap_squarify (weights, groups->len, &area, rects);

  for (guint g = 0; g < groups->len; g++)
    {
      SluiceTreemapHit hit = { rects[g], G_MAXUINT, NULL, g_array_index (groups, TenantGroup, g).tenant };
      g_array_append_val (hits, hit);
    }

  first_entity_hit = hits->len;
  for (guint g = 0; g < groups->len; g++)
    {
      TenantGroup *group = &g_array_index (groups, TenantGroup, g);
      SluiceChartRect tenant_rect = g_array_index (hits, SluiceTreemapHit, g).rect;
      g_autofree double *member_weights = g_new (double, group->members->len);
      g_autofree SluiceChartRect *member_rects = g_new (SluiceChartRect, group->members->len);

      for (guint k = 0; k < group->members->len; k++)
        {
          const SluiceTreemapItem *item = &items[g_array_index (group->members, guint, k)];
          member_weights[k] = SLUICE_TREEMAP_ITEM_SIZE (item);
        }
      sluice_treemap_squarify (member_weights, group->members->len, &tenant_rect, member_rects);

      for (guint k = 0; k < group->members->len; k++)
        {
          guint index = g_array_index (group->members, guint, k);
          SluiceTreemapHit hit = { member_rects[k], index, items[index].entity, items[index].tenant };

          g_array_append_val (hits, hit);
        }
    }
  g_assert (hits->len >= first_entity_hit);

  return hits;
}

/**
 * sluice_treemap_hit_at:
 *
 * Returns: (nullable) (transfer none): the entity under (@x, @y), or the
 *   tenant's area when the point is on no entity, or %NULL
 */
const SluiceTreemapHit *
sluice_treemap_hit_at (GArray *hits,
                       double  x,
                       double  y)
{
  const SluiceTreemapHit *tenant = NULL;

  g_return_val_if_fail (hits != NULL, NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      const SluiceTreemapHit *hit = &g_array_index (hits, SluiceTreemapHit, i);
      const SluiceChartRect *r = &hit->rect;

      if (x < r->x || y < r->y || x >= r->x + r->width || y >= r->y + r->height)
        continue;
      if (hit->entity != NULL)
        return hit;
      tenant = hit;
    }
  return tenant;
}

static void
draw_empty (cairo_t                  *cr,
            double                    width,
            double                    height,
            const char               *text,
            const SluiceChartPalette *palette)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, palette, text, font_size (palette, 1), FALSE, width - 16);

  set_color (cr, &palette->text_dim);
  show_layout_at (cr, layout,
                  MAX (8, (width - layout_width (layout)) / 2),
                  (height - layout_height (layout)) / 2);
}

/* A tenant's name on a chip at the corner of its area; its height, or 0
 * when the area is too small for it. */
static double
draw_tenant_chip (cairo_t                  *cr,
                  const SluiceTreemapHit   *hit,
                  const SluiceChartPalette *palette)
{
  const SluiceChartRect *r = &hit->rect;
  g_autoptr(PangoLayout) layout = NULL;
  SluiceChartColor chip = palette->background;
  double w, h;

  if (r->width < 4 * font_size (palette, 0) || r->height < 3 * font_size (palette, 0))
    return 0;

  layout = make_layout (cr, palette, hit->tenant ? hit->tenant : _("No tenant"), font_size (palette, 0), TRUE,
                        r->width - 14);
  w = layout_width (layout) + 8;
  h = layout_height (layout) + 4;

  chip.alpha = 0.88;
  set_color (cr, &chip);
  cairo_rectangle (cr, r->x + 2, r->y + 2, w, h);
  cairo_fill (cr);
  set_color (cr, &palette->text);
  show_layout_at (cr, layout, r->x + 6, r->y + 4);

  return h + 2;
}

static void
draw_tile_label (cairo_t                  *cr,
                 const SluiceTreemapItem  *item,
                 const SluiceChartRect    *r,
                 double                    top,
                 const SluiceChartPalette *palette)
{
  SluiceChartColor ink = text_color_on (&palette->change[item->change]);
  g_autoptr(PangoLayout) name = NULL;
  double y = r->y + top + 3;

  if (r->width < 3 * font_size (palette, 0) || r->height - top < font_size (palette, 5))
    return;

  name = make_layout (cr, palette, item->entity, font_size (palette, 0), FALSE, r->width - 8);
  set_color (cr, &ink);
  show_layout_at (cr, name, r->x + 4, y);
  y += layout_height (name);

  if (r->y + r->height - y >= font_size (palette, 3))
    {
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) count = NULL;

      if (item->change == SLUICE_CHART_CHANGE_DROPPED)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "was %'" PRIu64 " action",
                                             "was %'" PRIu64 " actions", item->before),
                                item->before);
      else if (item->change == SLUICE_CHART_CHANGE_MORE || item->change == SLUICE_CHART_CHANGE_FEWER)
        text = g_strdup_printf (_("%'" PRIu64 " (was %'" PRIu64 ")"), item->actions, item->before);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" PRIu64 " action",
                                             "%'" PRIu64 " actions", item->actions),
                                item->actions);
      count = make_layout (cr, palette, text, font_size (palette, -1), FALSE, r->width - 8);
      ink.alpha = 0.8;
      set_color (cr, &ink);
      show_layout_at (cr, count, r->x + 4, y);
    }
}

/**
 * sluice_treemap_draw:
 * @cr: drawn on from (0, 0)
 * @items: the entities; those of size 0 are left out
 *
 * The blast radius: tenants → entities, each tile's area its actions,
 * coloured by its change against the comparison version.
 *
 * Returns: (transfer full) (element-type SluiceTreemapHit): the hit
 *   rectangles, as sluice_treemap_layout() gives them, for hover
 */
GArray *
sluice_treemap_draw (cairo_t                  *cr,
                     double                    width,
                     double                    height,
                     const SluiceTreemapItem  *items,
                     guint                     n_items,
                     const SluiceChartPalette *palette)
{
  GArray *hits;
  g_autofree double *chip_height = NULL;
  guint n_tenants = 0;

  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (palette != NULL, NULL);

  hits = sluice_treemap_layout (items, n_items, width, height);

  cairo_save (cr);
  set_color (cr, &palette->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  if (hits->len == 0)
    {
      draw_empty (cr, width, height, _("No entity would be acted on"), palette);
      cairo_restore (cr);
      return hits;
    }

  while (n_tenants < hits->len && g_array_index (hits, SluiceTreemapHit, n_tenants).entity == NULL)
    n_tenants++;

  /* tiles, with a hairline gap of the background between them */
  for (guint i = n_tenants; i < hits->len; i++)
    {
      const SluiceTreemapHit *hit = &g_array_index (hits, SluiceTreemapHit, i);
      const SluiceChartRect *r = &hit->rect;
      double inset = (r->width > 2 && r->height > 2) ? 0.5 : 0;

      set_color (cr, &palette->change[items[hit->index].change]);
      cairo_rectangle (cr, r->x + inset, r->y + inset, r->width - 2 * inset, r->height - 2 * inset);
      cairo_fill (cr);
    }

  /* a wider gap between tenants */
  set_color (cr, &palette->background);
  cairo_set_line_width (cr, 3);
  for (guint i = 0; i < n_tenants; i++)
    {
      const SluiceChartRect *r = &g_array_index (hits, SluiceTreemapHit, i).rect;
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      cairo_stroke (cr);
    }

  chip_height = g_new0 (double, n_tenants);
  for (guint i = 0; i < n_tenants; i++)
    chip_height[i] = draw_tenant_chip (cr, &g_array_index (hits, SluiceTreemapHit, i), palette);

  for (guint i = n_tenants; i < hits->len; i++)
    {
      const SluiceTreemapHit *hit = &g_array_index (hits, SluiceTreemapHit, i);
      double top = 0;

      /* the tile in its tenant's corner starts below the tenant's chip */
      for (guint t = 0; t < n_tenants; t++)
        {
          const SluiceChartRect *tr = &g_array_index (hits, SluiceTreemapHit, t).rect;
          if (fabs (tr->x - hit->rect.x) < 0.01 && fabs (tr->y - hit->rect.y) < 0.01)
            top = chip_height[t];
        }
      draw_tile_label (cr, &items[hit->index], &hit->rect, top, palette);
    }

  cairo_restore (cr);
  return hits;
}

/**
 * sluice_treemap_draw_legend:
 * @compared: whether the treemap is coloured by change
 * @with_other: whether some tiles stand for the rest of a tenant
 *
 * Swatches and names of the colours, wrapped to @width.
 *
 * Returns: the height it took
 */
double
sluice_treemap_draw_legend (cairo_t                  *cr,
                            double                    width,
                            gboolean                  compared,
                            gboolean                  with_other,
                            const SluiceChartPalette *palette)
{
  static const SluiceChartChange compared_order[] = {
    SLUICE_CHART_CHANGE_NEW, SLUICE_CHART_CHANGE_DROPPED, SLUICE_CHART_CHANGE_MORE,
    SLUICE_CHART_CHANGE_FEWER, SLUICE_CHART_CHANGE_SAME,
  };
  static const SluiceChartChange single[] = { SLUICE_CHART_CHANGE_NONE };
  const SluiceChartChange *order = compared ? compared_order : single;
  guint n_listed = compared ? G_N_ELEMENTS (compared_order) : G_N_ELEMENTS (single);
  guint n = n_listed + (with_other ? 1 : 0);
  double x = 0, y = 0, line = font_size (palette, 4);
  double box = font_size (palette, -2);

  for (guint i = 0; i < n; i++)
    {
      SluiceChartChange change = i < n_listed ? order[i] : SLUICE_CHART_CHANGE_OTHER;
      g_autoptr(PangoLayout) layout = make_layout (cr, palette, sluice_chart_change_label (change),
                                                               font_size (palette, -1), FALSE, -1);
      double w = box + 4 + layout_width (layout) + 16;

      if (x > 0 && x + w > width)
        {
          x = 0;
          y += line;
        }
      set_color (cr, &palette->change[change]);
      cairo_rectangle (cr, x, y + (line - box) / 2, box, box);
      cairo_fill (cr);
      set_color (cr, &palette->text);
      show_layout_at (cr, layout, x + box + 4, y + (line - layout_height (layout)) / 2);
      x += w;
    }

  {
    g_autoptr(PangoLayout) note = make_layout (cr, palette, _("Area: actions per entity, grouped by tenant"),
                                               font_size (palette, -1), FALSE, -1);
    double w = layout_width (note);

    if (x > 0 && x + w > width)
      {
        x = 0;
        y += line;
      }
    set_color (cr, &palette->text_dim);
    show_layout_at (cr, note, x, y + (line - layout_height (note)) / 2);
  }

  return y + line;
}

typedef struct
{
  const SluiceTreemapItem  *items;
  guint                     n_items;
  const SluiceChartPalette *palette;
} TreemapData;

static void
draw_treemap_cb (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  TreemapData *data = user_data;
  g_autoptr(GArray) hits = sluice_treemap_draw (cr, width, height, data->items, data->n_items, data->palette);
}

/**
 * sluice_treemap_to_svg:
 * @id_prefix: makes the ids in the SVG unique in a page of several charts
 * @title: (nullable): the chart's accessible name
 *
 * Returns: (transfer full): the treemap as an <svg> element to inline in HTML
 */
char *
sluice_treemap_to_svg (const SluiceTreemapItem  *items,
                       guint                     n_items,
                       const SluiceChartPalette *palette,
                       double                    width,
                       double                    height,
                       const char               *id_prefix,
                       const char               *title)
{
  TreemapData data = { items, n_items, palette };

  return sluice_chart_to_svg (width, height, id_prefix, title, draw_treemap_cb, &data);
}

/* ---- bar chart ------------------------------------------------------------ */

#define BAR_ROW_HEIGHT 28.0

/* Returns: the height at which @n_items bars look right */
double
sluice_bar_chart_preferred_height (guint n_items)
{
  return MAX (n_items, 1) * BAR_ROW_HEIGHT + 8;
}

/**
 * sluice_bar_chart_draw:
 * @items: one bar each, drawn top to bottom
 *
 * Horizontal bars on one scale (the largest value or limit), a label
 * before each and its value after; a limit is a mark across the bar's
 * row, and a bar past its limit takes the palette's bar_over colour.
 */
void
sluice_bar_chart_draw (cairo_t                  *cr,
                       double                    width,
                       double                    height,
                       const SluiceBarItem      *items,
                       guint                     n_items,
                       const SluiceChartPalette *palette)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);
  double label_max = MIN (width * 0.32, 220);
  double label_w = 0, value_w = 0, scale = 0;
  double row_h, bar_h, plot_x, plot_w;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (items != NULL || n_items == 0);

  cairo_save (cr);
  set_color (cr, &palette->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  if (n_items == 0)
    {
      draw_empty (cr, width, height, _("Nothing to show"), palette);
      cairo_restore (cr);
      return;
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *number = items[i].value_text ? NULL : format_value (items[i].value);
      PangoLayout *label = make_layout (cr, palette, items[i].label ? items[i].label : "", font_size (palette, 0),
                                        FALSE, label_max);
      PangoLayout *value = make_layout (cr, palette, items[i].value_text ? items[i].value_text : number,
                                        font_size (palette, 0), FALSE, width * 0.3);

      label_w = MAX (label_w, layout_width (label));
      value_w = MAX (value_w, layout_width (value));
      scale = MAX (scale, MAX (items[i].value, items[i].limit));
      g_ptr_array_add (labels, label);
      g_ptr_array_add (values, value);
    }

  row_h = MIN (height / n_items, BAR_ROW_HEIGHT * 1.5);
  bar_h = MIN (row_h * 0.6, 18);
  plot_x = label_w + 10;
  plot_w = MAX (width - plot_x - value_w - 12, 10);
  if (scale <= 0)
    scale = 1;

  set_color (cr, &palette->grid);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, plot_x - 0.5, 2);
  cairo_line_to (cr, plot_x - 0.5, row_h * n_items - 2);
  cairo_stroke (cr);

  for (guint i = 0; i < n_items; i++)
    {
      const SluiceBarItem *item = &items[i];
      PangoLayout *label = g_ptr_array_index (labels, i);
      PangoLayout *value = g_ptr_array_index (values, i);
      double top = i * row_h;
      double mid = top + row_h / 2;
      double bar_w = plot_w * MAX (item->value, 0) / scale;
      gboolean over = item->limit > 0 && item->value > item->limit;

      set_color (cr, &palette->text);
      show_layout_at (cr, label, plot_x - 10 - layout_width (label), mid - layout_height (label) / 2);

      set_color (cr, over ? &palette->bar_over : &palette->bar);
      cairo_rectangle (cr, plot_x, mid - bar_h / 2, MAX (bar_w, item->value > 0 ? 1 : 0), bar_h);
      cairo_fill (cr);

      if (item->limit > 0)
        {
          double lx = plot_x + plot_w * item->limit / scale;

          set_color (cr, &palette->limit);
          cairo_set_line_width (cr, 2);
          cairo_move_to (cr, lx, mid - bar_h / 2 - 4);
          cairo_line_to (cr, lx, mid + bar_h / 2 + 4);
          cairo_stroke (cr);
        }

      set_color (cr, over ? &palette->bar_over : &palette->text);
      show_layout_at (cr, value, plot_x + plot_w + 12, mid - layout_height (value) / 2);
    }

  cairo_restore (cr);
}

typedef struct
{
  const SluiceBarItem      *items;
  guint                     n_items;
  const SluiceChartPalette *palette;
} BarData;

static void
draw_bars_cb (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  user_data)
{
  BarData *data = user_data;
  sluice_bar_chart_draw (cr, width, height, data->items, data->n_items, data->palette);
}

/* Returns: (transfer full): the bar chart as an <svg> element */
char *
sluice_bar_chart_to_svg (const SluiceBarItem      *items,
                         guint                     n_items,
                         const SluiceChartPalette *palette,
                         double                    width,
                         double                    height,
                         const char               *id_prefix,
                         const char               *title)
{
  BarData data = { items, n_items, palette };

  return sluice_chart_to_svg (width, height, id_prefix, title, draw_bars_cb, &data);
}

/* ---- SVG ------------------------------------------------------------------ */

static cairo_status_t
append_to_string_cb (void                *closure,
                     const unsigned char *data,
                     unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* cairo names surfaces by a counter that runs for the whole process; number
 * them from 1 in each SVG instead, so the same chart gives the same text. */
static void
renumber_surfaces (GString    *svg,
                   const char *id_prefix)
{
  g_autofree char *needle = g_strdup_printf ("%s-surface", id_prefix);
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *out = g_string_sized_new (svg->len);
  const char *p = svg->str;
  const char *found;

  while ((found = strstr (p, needle)) != NULL)
    {
      const char *digits = found + strlen (needle);
      const char *end = digits;
      g_autofree char *old = NULL;
      gpointer number;

      while (g_ascii_isdigit (*end))
        end++;
      old = g_strndup (digits, end - digits);
      number = g_hash_table_lookup (numbers, old);
      if (number == NULL)
        {
          number = GUINT_TO_POINTER (g_hash_table_size (numbers) + 1);
          g_hash_table_insert (numbers, g_steal_pointer (&old), number);
        }

      g_string_append_len (out, p, digits - p);
      g_string_append_printf (out, "%u", GPOINTER_TO_UINT (number));
      p = end;
    }
  g_string_append (out, p);

  g_string_assign (svg, out->str);
  g_string_free (out, TRUE);
}

/**
 * sluice_chart_to_svg:
 * @id_prefix: a prefix for every id in the SVG ("treemap")
 * @title: (nullable): the accessible name, as the SVG's <title>
 * @draw: draws the chart on a @width × @height area
 *
 * Draws on a cairo SVG surface in memory and makes the result fit to
 * inline in an HTML page: no XML declaration, no namespace URLs (HTML
 * gives inline SVG its namespace), href instead of xlink:href, and every
 * id prefixed, because cairo numbers its glyphs and clips the same way in
 * every SVG and one page holds several.
 *
 * Returns: (transfer full): an <svg> element
 */
char *
sluice_chart_to_svg (double               width,
                     double               height,
                     const char          *id_prefix,
                     const char          *title,
                     SluiceChartDrawFunc  draw,
                     gpointer             user_data)
{
  GString *svg = g_string_new (NULL);
  g_autofree char *id_attr = NULL;
  g_autofree char *href_attr = NULL;
  g_autofree char *url_ref = NULL;
  g_autofree char *open_tag = NULL;
  char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *start, *end;

  g_return_val_if_fail (draw != NULL, NULL);
  g_return_val_if_fail (id_prefix != NULL, NULL);

  surface = cairo_svg_surface_create_for_stream (append_to_string_cb, svg, width, height);
  cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_2);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  draw (cr, width, height, user_data);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_warning ("Cannot draw a chart as SVG: %s", cairo_status_to_string (cairo_surface_status (surface)));
  cairo_surface_destroy (surface);

  id_attr = g_strdup_printf ("id=\"%s-", id_prefix);
  href_attr = g_strdup_printf ("href=\"#%s-", id_prefix);
  url_ref = g_strdup_printf ("url(#%s-", id_prefix);
  g_string_replace (svg, "id=\"", id_attr, 0);
  g_string_replace (svg, "xlink:href=\"#", href_attr, 0);
  g_string_replace (svg, "url(#", url_ref, 0);

  renumber_surfaces (svg, id_prefix);

  /* our own root element in place of cairo's */
  start = strstr (svg->str, "<svg");
  end = start ? strchr (start, '>') : NULL;
  if (start == NULL || end == NULL)
    {
      g_string_free (svg, TRUE);
      return g_strdup ("<svg/>");
    }

  g_ascii_formatd (w, sizeof w, "%.0f", width);
  g_ascii_formatd (h, sizeof h, "%.0f", height);
  if (title != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      open_tag = g_strdup_printf ("<svg class=\"chart\" width=\"%s\" height=\"%s\" viewBox=\"0 0 %s %s\" "
                                  "role=\"img\" aria-labelledby=\"%s-title\"><title id=\"%s-title\">%s</title>",
                                  w, h, w, h, id_prefix, id_prefix, escaped);
    }
  else
    open_tag = g_strdup_printf ("<svg class=\"chart\" width=\"%s\" height=\"%s\" viewBox=\"0 0 %s %s\" aria-hidden=\"true\">",
                                w, h, w, h);

  {
    gsize head = start - svg->str;
    gsize tag_len = end + 1 - start;

    g_string_erase (svg, 0, head + tag_len);
    g_string_prepend (svg, open_tag);
  }

  /* no trailing newline, so the element sits cleanly inside other markup */
  while (svg->len > 0 && g_ascii_isspace (svg->str[svg->len - 1]))
    g_string_truncate (svg, svg->len - 1);

  return g_string_free (svg, FALSE);
}
