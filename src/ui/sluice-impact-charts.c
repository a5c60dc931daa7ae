/* sluice-impact-charts.c
 *
 * Colours come from the GNOME palette, one set for the light style and one
 * for the dark, so that tiles keep their meaning (green: new, red: drops
 * out, orange: more, blue: fewer, grey: the same) in both.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "sluice-impact-charts.h"

#define LEGEND_HEIGHT   24.0
#define GROUP_HEADER    18.0
#define GROUP_GAP        3.0
#define BAR_ROW         30.0
#define BAR_QUOTA_ROW   18.0

const char *
sluice_impact_change_to_string (SluiceImpactChange change)
{
  static const char * const names[] = { "none", "new", "dropped", "more", "fewer", "same", "other" };

  g_return_val_if_fail (change < SLUICE_IMPACT_N_CHANGES, "none");
  return names[change];
}

/* Returns: the change's name for people, translated */
const char *
sluice_impact_change_label (SluiceImpactChange change)
{
  switch (change)
    {
    case SLUICE_IMPACT_CHANGE_NEW:     return _("Newly qualifies");
    case SLUICE_IMPACT_CHANGE_DROPPED: return _("Drops out");
    case SLUICE_IMPACT_CHANGE_MORE:    return _("More actions");
    case SLUICE_IMPACT_CHANGE_FEWER:   return _("Fewer actions");
    case SLUICE_IMPACT_CHANGE_SAME:    return _("Same actions");
    case SLUICE_IMPACT_CHANGE_OTHER:   return _("Other entities");
    case SLUICE_IMPACT_CHANGE_NONE:
    case SLUICE_IMPACT_N_CHANGES:
    default:                           return _("Would get actions");
    }
}

static SluiceImpactColor
rgb (guint32 hex)
{
  return (SluiceImpactColor) { ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0, 1.0 };
}

void
sluice_impact_chart_style_init (SluiceImpactChartStyle *style,
                                gboolean                dark)
{
  g_return_if_fail (style != NULL);

  style->dark = dark;
  style->font = "Cantarell 10";
  if (dark)
    {
      style->foreground = rgb (0xffffff);
      style->background = rgb (0x242424);
      style->accent = rgb (0x3584e4);
      style->changes[SLUICE_IMPACT_CHANGE_NONE] = rgb (0x1c71d8);
      style->changes[SLUICE_IMPACT_CHANGE_NEW] = rgb (0x26a269);
      style->changes[SLUICE_IMPACT_CHANGE_DROPPED] = rgb (0xc01c28);
      style->changes[SLUICE_IMPACT_CHANGE_MORE] = rgb (0xc64600);
      style->changes[SLUICE_IMPACT_CHANGE_FEWER] = rgb (0x1a5fb4);
      style->changes[SLUICE_IMPACT_CHANGE_SAME] = rgb (0x5e5c64);
      style->changes[SLUICE_IMPACT_CHANGE_OTHER] = rgb (0x3d3846);
    }
  else
    {
      style->foreground = rgb (0x241f31);
      style->background = rgb (0xfafafa);
      style->accent = rgb (0x3584e4);
      style->changes[SLUICE_IMPACT_CHANGE_NONE] = rgb (0x62a0ea);
      style->changes[SLUICE_IMPACT_CHANGE_NEW] = rgb (0x2ec27e);
      style->changes[SLUICE_IMPACT_CHANGE_DROPPED] = rgb (0xe01b24);
      style->changes[SLUICE_IMPACT_CHANGE_MORE] = rgb (0xff7800);
      style->changes[SLUICE_IMPACT_CHANGE_FEWER] = rgb (0x3584e4);
      style->changes[SLUICE_IMPACT_CHANGE_SAME] = rgb (0xc0bfbc);
      style->changes[SLUICE_IMPACT_CHANGE_OTHER] = rgb (0xdeddda);
    }
}

static void
set_color (cairo_t                 *cr,
           const SluiceImpactColor *color,
           double                   alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Dark text on light tiles, white on dark ones. */
static SluiceImpactColor
text_on (const SluiceImpactColor *fill)
{
  double luminance = 0.2126 * fill->red + 0.7152 * fill->green + 0.0722 * fill->blue;

  return luminance > 0.6 ? rgb (0x241f31) : rgb (0xffffff);
}

typedef enum
{
  TEXT_PLAIN = 0,
  TEXT_BOLD  = 1 << 0,
  TEXT_SMALL = 1 << 1,
  TEXT_RIGHT = 1 << 2,
} TextFlags;

/* Draws one line of text from (x, y) at its top, ellipsized to
 * @max_width; returns its width. One layout serves a whole chart. */
static double
draw_text (cairo_t                      *cr,
           PangoLayout                  *layout,
           const SluiceImpactChartStyle *style,
           const SluiceImpactColor      *color,
           const char                   *text,
           double                        x,
           double                        y,
           double                        max_width,
           TextFlags                     flags)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (style->font);
  int width, height;

  if (flags & TEXT_BOLD)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  if (flags & TEXT_SMALL)
    pango_font_description_set_size (font, pango_font_description_get_size (font) * 0.85);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_get_pixel_size (layout, &width, &height);

  if (flags & TEXT_RIGHT)
    x -= width;
  cairo_move_to (cr, x, y);
  set_color (cr, color, 1.0);
  pango_cairo_show_layout (cr, layout);

  return width;
}

static double
text_height (PangoLayout                  *layout,
             const SluiceImpactChartStyle *style)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (style->font);
  int height;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, "Ag", -1);
  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* ---- treemap ------------------------------------------------------------- */

/* The worst aspect ratio of a row of areas [start, end), largest first. */
static double
worst_ratio (const double *areas,
             guint         start,
             guint         end,
             double        sum,
             double        side)
{
  double largest = areas[start], smallest = areas[end - 1];
  double sum2 = sum * sum, side2 = side * side;

  return MAX (side2 * largest / sum2, sum2 / (side2 * smallest));
}

void
sluice_impact_squarify (const double *values,
                        guint         n_values,
                        double        x,
                        double        y,
                        double        width,
                        double        height,
                        double       *out_rects)
{
  g_autofree double *areas = NULL;
  double total = 0;
  guint n = 0, start = 0;

  for (guint i = 0; i < n_values; i++)
    {
      out_rects[4 * i] = x;
      out_rects[4 * i + 1] = y;
      out_rects[4 * i + 2] = 0;
      out_rects[4 * i + 3] = 0;
      if (values[i] > 0)
        {
          total += values[i];
          n = i + 1;
        }
    }
  if (total <= 0 || width <= 0 || height <= 0)
    return;

  areas = g_new0 (double, n);
  for (guint i = 0; i < n; i++)
    areas[i] = MAX (values[i], 0) * width * height / total;
  /* zeros at the end of the row would make every ratio infinite */
  while (n > 0 && areas[n - 1] <= 0)
    n--;

  while (start < n)
    {
      double side = MIN (width, height);
      double sum = areas[start];
      double worst = worst_ratio (areas, start, start + 1, sum, side);
      guint end = start + 1;

      while (end < n && areas[end] > 0)
        {
          double next_sum = sum + areas[end];
          double next = worst_ratio (areas, start, end + 1, next_sum, side);

          if (next > worst)
            break;
          sum = next_sum;
          worst = next;
          end++;
        }

      if (width >= height)
        {
          /* a column at the left */
          double thickness = sum / height, at = y;

          for (guint i = start; i < end; i++)
            {
              double length = areas[i] / thickness;

              out_rects[4 * i] = x;
              out_rects[4 * i + 1] = at;
              out_rects[4 * i + 2] = thickness;
              out_rects[4 * i + 3] = length;
              at += length;
            }
          x += thickness;
          width -= thickness;
        }
      else
        {
          /* a row at the top */
          double thickness = sum / width, at = x;

          for (guint i = start; i < end; i++)
            {
              double length = areas[i] / thickness;

              out_rects[4 * i] = at;
              out_rects[4 * i + 1] = y;
              out_rects[4 * i + 2] = length;
              out_rects[4 * i + 3] = thickness;
              at += length;
            }
          y += thickness;
          height -= thickness;
        }
      start = end;
    }
}

typedef struct
{
  guint  first;     /* index of its first item */
  guint  n;
  double total;
} Group;

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *ga = a, *gb = b;

  if (ga->total != gb->total)
    return ga->total < gb->total ? 1 : -1;
  return ga->first < gb->first ? -1 : ga->first > gb->first;
}

typedef struct
{
  const SluiceImpactTreemapItem *items;
  guint                          index;
} ItemRef;

static int
compare_item_refs (gconstpointer a,
                   gconstpointer b)
{
  const ItemRef *ra = a, *rb = b;
  double va = ra->items[ra->index].value, vb = rb->items[rb->index].value;

  if (va != vb)
    return va < vb ? 1 : -1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

static void
draw_legend (cairo_t                       *cr,
             PangoLayout                   *layout,
             double                         y,
             double                         width,
             const SluiceImpactTreemapItem *items,
             guint                          n_items,
             const SluiceImpactChartStyle  *style)
{
  static const SluiceImpactChange order[] = {
    SLUICE_IMPACT_CHANGE_NONE, SLUICE_IMPACT_CHANGE_NEW, SLUICE_IMPACT_CHANGE_DROPPED,
    SLUICE_IMPACT_CHANGE_MORE, SLUICE_IMPACT_CHANGE_FEWER, SLUICE_IMPACT_CHANGE_SAME,
    SLUICE_IMPACT_CHANGE_OTHER,
  };
  gboolean compared = FALSE, other = FALSE;
  double x = 0;

  for (guint i = 0; i < n_items; i++)
    {
      if (items[i].change != SLUICE_IMPACT_CHANGE_NONE && items[i].change != SLUICE_IMPACT_CHANGE_OTHER)
        compared = TRUE;
      if (items[i].change == SLUICE_IMPACT_CHANGE_OTHER)
        other = TRUE;
    }

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      SluiceImpactChange change = order[k];

      if (change == SLUICE_IMPACT_CHANGE_NONE && compared)
        continue;
      if (change != SLUICE_IMPACT_CHANGE_NONE && change != SLUICE_IMPACT_CHANGE_OTHER && !compared)
        continue;
      if (change == SLUICE_IMPACT_CHANGE_OTHER && !other)
        continue;
      if (x > width - 40)
        break;

      cairo_rectangle (cr, x, y + 7, 12, 12);
      set_color (cr, &style->changes[change], 1.0);
      cairo_fill (cr);
      x += 16;
      x += draw_text (cr, layout, style, &style->foreground, sluice_impact_change_label (change),
                      x, y + 4, width - x, TEXT_SMALL);
      x += 16;
    }

  if (x < width - 160)
    draw_text (cr, layout, style, &style->foreground, _("Size: would-be actions"),
               width, y + 4, 0, TEXT_SMALL | TEXT_RIGHT);
}

void
sluice_impact_draw_treemap (cairo_t                       *cr,
                            double                         width,
                            double                         height,
                            const SluiceImpactTreemapItem *items,
                            guint                          n_items,
                            const SluiceImpactChartStyle  *style,
                            GArray                        *tiles)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_autofree double *group_values = NULL;
  g_autofree double *group_rects = NULL;
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  double map_height = height > 3 * LEGEND_HEIGHT ? height - LEGEND_HEIGHT : height;
  double line = text_height (layout, style);

  g_return_if_fail (cr != NULL && style != NULL);
  g_return_if_fail (items != NULL || n_items == 0);

  if (tiles != NULL)
    g_array_set_size (tiles, 0);

  for (guint i = 0; i < n_items; i++)
    {
      Group *last = groups->len > 0 ? &g_array_index (groups, Group, groups->len - 1) : NULL;

      if (last == NULL || g_strcmp0 (items[last->first].group, items[i].group) != 0)
        {
          Group group = { i, 0, 0 };
          g_array_append_val (groups, group);
          last = &g_array_index (groups, Group, groups->len - 1);
        }
      last->n++;
      last->total += MAX (items[i].value, 0);
    }
  g_array_sort (groups, compare_groups);

  group_values = g_new0 (double, groups->len + 1);
  group_rects = g_new0 (double, 4 * (groups->len + 1));
  for (guint g = 0; g < groups->len; g++)
    group_values[g] = g_array_index (groups, Group, g).total;
  sluice_impact_squarify (group_values, groups->len, 0, 0, width, map_height, group_rects);

  for (guint g = 0; g < groups->len; g++)
    {
      Group *group = &g_array_index (groups, Group, g);
      double gx = group_rects[4 * g] + GROUP_GAP / 2, gy = group_rects[4 * g + 1] + GROUP_GAP / 2;
      double gw = group_rects[4 * g + 2] - GROUP_GAP, gh = group_rects[4 * g + 3] - GROUP_GAP;
      double header = gh > 3 * GROUP_HEADER && gw > 48 ? MAX (GROUP_HEADER, line + 2) : 0;
      g_autofree ItemRef *refs = NULL;
      g_autofree double *values = NULL;
      g_autofree double *rects = NULL;

      if (gw <= 1 || gh <= 1)
        continue;

      if (header > 0)
        {
          const char *name = items[group->first].group ? items[group->first].group : _("No tenant");
          g_autofree char *text = g_strdup_printf ("%s · %.0f", name, group->total);

          draw_text (cr, layout, style, &style->foreground, text, gx + 2, gy + 1, gw - 4, TEXT_BOLD | TEXT_SMALL);
          if (tiles != NULL)
            {
              SluiceImpactTreemapTile tile = { gx, gy, gw, header, -1, group->first };
              g_array_append_val (tiles, tile);
            }
        }

      refs = g_new (ItemRef, group->n);
      values = g_new (double, group->n);
      rects = g_new (double, 4 * group->n);
      for (guint k = 0; k < group->n; k++)
        refs[k] = (ItemRef) { items, group->first + k };
      qsort (refs, group->n, sizeof (ItemRef), compare_item_refs);
      for (guint k = 0; k < group->n; k++)
        values[k] = items[refs[k].index].value;
      sluice_impact_squarify (values, group->n, gx, gy + header, gw, gh - header, rects);

      for (guint k = 0; k < group->n; k++)
        {
          const SluiceImpactTreemapItem *item = &items[refs[k].index];
          const SluiceImpactColor *fill = &style->changes[MIN (item->change, SLUICE_IMPACT_N_CHANGES - 1)];
          double x = rects[4 * k], y = rects[4 * k + 1], w = rects[4 * k + 2], h = rects[4 * k + 3];

          if (w <= 0 || h <= 0)
            continue;

          cairo_rectangle (cr, x, y, w, h);
          set_color (cr, fill, 1.0);
          cairo_fill_preserve (cr);
          set_color (cr, &style->background, 1.0);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);

          if (item->change == SLUICE_IMPACT_CHANGE_DROPPED)
            {
              /* hatched: these actions would no longer happen */
              SluiceImpactColor ink = text_on (fill);

              cairo_save (cr);
              cairo_rectangle (cr, x, y, w, h);
              cairo_clip (cr);
              set_color (cr, &ink, 0.35);
              cairo_set_line_width (cr, 1.0);
              for (double d = -h; d < w; d += 6)
                {
                  cairo_move_to (cr, x + d, y + h);
                  cairo_line_to (cr, x + d + h, y);
                }
              cairo_stroke (cr);
              cairo_restore (cr);
            }

          if (w > 48 && h > line + 4 && item->label != NULL)
            {
              SluiceImpactColor ink = text_on (fill);

              cairo_save (cr);
              cairo_rectangle (cr, x, y, w, h);
              cairo_clip (cr);
              draw_text (cr, layout, style, &ink, item->label, x + 4, y + 2, w - 8, TEXT_SMALL);
              if (h > 2 * line + 6)
                {
                  g_autofree char *value = g_strdup_printf ("%.0f", item->value);
                  draw_text (cr, layout, style, &ink, value, x + 4, y + 2 + line, w - 8, TEXT_SMALL);
                }
              cairo_restore (cr);
            }

          if (tiles != NULL)
            {
              SluiceImpactTreemapTile tile = { x, y, w, h, (int) refs[k].index, group->first };
              g_array_append_val (tiles, tile);
            }
        }
    }

  if (n_items > 0 && map_height < height)
    draw_legend (cr, layout, map_height, width, items, n_items, style);
}

/* ---- bar chart ----------------------------------------------------------- */

double
sluice_impact_bar_chart_height (const SluiceImpactBar *bars,
                                guint                  n_bars)
{
  double height = 8;

  for (guint i = 0; i < n_bars; i++)
    height += BAR_ROW + (bars[i].quota_peak >= 0 ? BAR_QUOTA_ROW : 0);
  return height;
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
sluice_impact_draw_bar_chart (cairo_t                      *cr,
                              double                        width,
                              double                        height,
                              const SluiceImpactBar        *bars,
                              guint                         n_bars,
                              const SluiceImpactChartStyle *style)
{
  double label_width = MIN (220, width * 0.3);
  double value_width = MIN (260, width * 0.3);
  double bar_x = label_width + 12;
  double bar_width = MAX (10, width - bar_x - value_width - 8);
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  double line = text_height (layout, style);
  double max = 0, y = 4;

  g_return_if_fail (cr != NULL && style != NULL);
  g_return_if_fail (bars != NULL || n_bars == 0);

  for (guint i = 0; i < n_bars; i++)
    max = MAX (max, MAX (bars[i].value, bars[i].before));
  if (max <= 0)
    max = 1;

  for (guint i = 0; i < n_bars; i++)
    {
      const SluiceImpactBar *bar = &bars[i];
      g_autofree char *label = bar->detail ? g_strdup_printf ("%s · %s", bar->label, bar->detail) : g_strdup (bar->label);
      g_autofree char *value = NULL;
      double length = bar_width * bar->value / max;
      double bar_y = y + (BAR_ROW - 16) / 2;

      draw_text (cr, layout, style, &style->foreground, label, label_width, y + (BAR_ROW - line) / 2,
                 label_width, TEXT_RIGHT);

      rounded_rectangle (cr, bar_x, bar_y, MAX (length, 2), 16, 3);
      set_color (cr, &style->accent, 1.0);
      cairo_fill (cr);

      if (bar->before >= 0)
        {
          double at = bar_x + bar_width * bar->before / max;

          /* where the comparison was */
          cairo_rectangle (cr, at - 1, bar_y - 3, 2, 22);
          set_color (cr, &style->foreground, 0.8);
          cairo_fill (cr);
          value = bar->value == bar->before
            ? g_strdup_printf ("%.0f (±0)", bar->value)
            : g_strdup_printf ("%.0f (%s%.0f)", bar->value, bar->value > bar->before ? "+" : "−",
                               fabs (bar->value - bar->before));
        }
      else
        value = g_strdup_printf ("%.0f", bar->value);
      draw_text (cr, layout, style, &style->foreground, value, bar_x + MAX (length, bar->before >= 0 ? bar_width * bar->before / max : 0) + 8,
                 y + (BAR_ROW - line) / 2, value_width, TEXT_PLAIN);
      y += BAR_ROW;

      if (bar->quota_peak >= 0 && bar->quota_limit > 0)
        {
          double scale = MAX (bar->quota_limit, bar->quota_peak) * 1.1;
          double used = bar_width * bar->quota_peak / scale;
          double limit_at = bar_x + bar_width * bar->quota_limit / scale;
          gboolean over = bar->quota_peak > bar->quota_limit;
          g_autofree char *text = g_strdup_printf (_("peak %.0f per %s, quota %.0f (%.0f%%)"),
                                                   bar->quota_peak, bar->quota_per ? bar->quota_per : "",
                                                   bar->quota_limit, 100 * bar->quota_peak / bar->quota_limit);

          rounded_rectangle (cr, bar_x, y + 2, bar_width, 6, 3);
          set_color (cr, &style->foreground, 0.12);
          cairo_fill (cr);
          rounded_rectangle (cr, bar_x, y + 2, MAX (used, 2), 6, 3);
          set_color (cr, over ? &style->changes[SLUICE_IMPACT_CHANGE_DROPPED] : &style->changes[SLUICE_IMPACT_CHANGE_NEW], 1.0);
          cairo_fill (cr);
          /* the quota line */
          cairo_rectangle (cr, limit_at - 1, y - 2, 2, 14);
          set_color (cr, &style->foreground, 0.9);
          cairo_fill (cr);
          draw_text (cr, layout, style, &style->foreground, text, label_width, y - 2, label_width, TEXT_SMALL | TEXT_RIGHT);
          y += BAR_QUOTA_ROW;
        }
    }
}
