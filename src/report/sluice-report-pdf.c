/* sluice-report-pdf.c — a report as an A4 PDF, drawn with cairo and Pango
 *
 * A small flow layout: a cursor moves down the page and everything asks
 * for the room it needs first, so a heading never ends a page, a table
 * row is never split and a table repeats its header on the next page;
 * paragraphs and the workflow's YAML break between lines. The document is
 * laid out twice, the first time only to count the pages for the
 * "page N of M" footers.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "sluice-report-private.h"

/* A4 in points */
#define PAGE_WIDTH   595.276
#define PAGE_HEIGHT  841.890
#define MARGIN       48.0
#define FOOTER_SPACE 28.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)

/* Charts are drawn at this many points per unit, so their 11-unit labels
 * come out near 8 pt. */
#define CHART_SCALE  0.72

#define FONT_FAMILY  "Sans"
#define MONO_FAMILY  "Monospace"

typedef struct
{
  SluiceReport *report;
  cairo_t      *cr;
  char         *title;
  double        y;
  guint         page;       /* the current page, from 1 */
  guint         n_pages;    /* 0 while counting */
} Pdf;

typedef enum
{
  STYLE_BODY,
  STYLE_DIM,
  STYLE_SMALL_DIM,
  STYLE_BOLD,
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_MONO,
  STYLE_TABLE,
  STYLE_TABLE_HEAD,
  STYLE_CARD_VALUE,
} Style;

static const struct
{
  const char *family;
  double      size;
  PangoWeight weight;
  PangoStyle  slant;
  double      gray;         /* 0 black … 1 white */
} styles[] = {
  [STYLE_BODY] = { FONT_FAMILY, 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0.14 },
  [STYLE_DIM] = { FONT_FAMILY, 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0.38 },
  [STYLE_SMALL_DIM] = { FONT_FAMILY, 7.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0.42 },
  [STYLE_BOLD] = { FONT_FAMILY, 9.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0.14 },
  [STYLE_TITLE] = { FONT_FAMILY, 18, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0.14 },
  [STYLE_HEADING] = { FONT_FAMILY, 13, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0.14 },
  [STYLE_SUBHEADING] = { FONT_FAMILY, 10, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0.14 },
  [STYLE_MONO] = { MONO_FAMILY, 7.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0.14 },
  [STYLE_TABLE] = { FONT_FAMILY, 8.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0.14 },
  [STYLE_TABLE_HEAD] = { FONT_FAMILY, 8, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0.38 },
  [STYLE_CARD_VALUE] = { FONT_FAMILY, 18, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0.14 },
};

static PangoLayout *
make_layout (Pdf        *pdf,
             const char *text,
             Style       style,
             double      width,
             int         max_lines)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, styles[style].family);
  pango_font_description_set_absolute_size (font, styles[style].size * PANGO_SCALE);
  pango_font_description_set_weight (font, styles[style].weight);
  pango_font_description_set_style (font, styles[style].slant);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_text (layout, text ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      if (max_lines > 0)
        {
          pango_layout_set_height (layout, -max_lines);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) width / PANGO_SCALE;
}

static void
set_gray (Pdf    *pdf,
          double  gray)
{
  cairo_set_source_rgb (pdf->cr, gray, gray, gray);
}

static void
show (Pdf         *pdf,
      PangoLayout *layout,
      Style        style,
      double       x,
      double       y)
{
  set_gray (pdf, styles[style].gray);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

/* ---- pages ------------------------------------------------------------------ */

static void
draw_footer (Pdf *pdf)
{
  g_autofree char *page = NULL;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double y = PAGE_HEIGHT - MARGIN + 10;

  if (pdf->n_pages > 0)
    page = g_strdup_printf (_("Page %u of %u"), pdf->page, pdf->n_pages);
  else
    page = g_strdup_printf (_("Page %u of %u"), pdf->page, pdf->page);

  left = make_layout (pdf, pdf->title, STYLE_SMALL_DIM, CONTENT_WIDTH * 0.7, 1);
  right = make_layout (pdf, page, STYLE_SMALL_DIM, -1, 0);

  set_gray (pdf, 0.8);
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_move_to (pdf->cr, MARGIN, y - 4);
  cairo_line_to (pdf->cr, PAGE_WIDTH - MARGIN, y - 4);
  cairo_stroke (pdf->cr);

  show (pdf, left, STYLE_SMALL_DIM, MARGIN, y);
  show (pdf, right, STYLE_SMALL_DIM, PAGE_WIDTH - MARGIN - layout_width (right), y);
}

static double
bottom (void)
{
  return PAGE_HEIGHT - MARGIN - FOOTER_SPACE + 10;
}

static void
new_page (Pdf *pdf)
{
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN;
  draw_footer (pdf);
}

/* Makes sure @height fits below the cursor; returns whether a page began. */
static gboolean
need (Pdf    *pdf,
      double  height)
{
  if (pdf->y + height <= bottom () || pdf->y <= MARGIN + 0.01)
    return FALSE;
  new_page (pdf);
  return TRUE;
}

/* ---- blocks ---------------------------------------------------------------- */

/* A wrapped paragraph, broken between lines across pages. */
static void
paragraph (Pdf        *pdf,
           const char *text,
           Style       style,
           double      space_after)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoLayoutIter *iter;

  if (text == NULL || *text == '\0')
    return;

  layout = make_layout (pdf, text, style, CONTENT_WIDTH, 0);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double baseline, top;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - top;
      need (pdf, (double) logical.height / PANGO_SCALE);

      set_gray (pdf, styles[style].gray);
      cairo_move_to (pdf->cr, MARGIN + (double) logical.x / PANGO_SCALE, pdf->y + baseline);
      pango_cairo_show_layout_line (pdf->cr, line);
      pdf->y += (double) logical.height / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  pdf->y += space_after;
}

/* What must follow a heading on its page: at least @keep points of what
 * comes next, but never more than a page. */
static double
keep_with_next (double height,
                double keep)
{
  return MIN (height + MAX (keep, 50), bottom () - MARGIN);
}

static double
paragraph_height (Pdf        *pdf,
                  const char *text,
                  Style       style)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (text == NULL || *text == '\0')
    return 0;
  layout = make_layout (pdf, text, style, CONTENT_WIDTH, 0);
  return layout_height (layout);
}

/* @keep: the height of what must stay with the heading */
static void
heading (Pdf        *pdf,
         const char *text,
         double      keep)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, text, STYLE_HEADING, CONTENT_WIDTH, 1);
  double h = layout_height (layout);

  if (pdf->y > MARGIN + 0.01)
    pdf->y += 14;
  need (pdf, keep_with_next (h + 10, keep));
  show (pdf, layout, STYLE_HEADING, MARGIN, pdf->y);
  pdf->y += h + 3;

  set_gray (pdf, 0.75);
  cairo_set_line_width (pdf->cr, 0.75);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  cairo_line_to (pdf->cr, PAGE_WIDTH - MARGIN, pdf->y);
  cairo_stroke (pdf->cr);
  pdf->y += 7;
}

static void
subheading (Pdf        *pdf,
            const char *text,
            double      keep)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, text, STYLE_SUBHEADING, CONTENT_WIDTH, 1);
  double h = layout_height (layout);

  pdf->y += 6;
  need (pdf, keep_with_next (h + 4, keep));
  show (pdf, layout, STYLE_SUBHEADING, MARGIN, pdf->y);
  pdf->y += h + 4;
}

static void
swatch (Pdf               *pdf,
        SluiceChartChange  change,
        double             x,
        double             y)
{
  const SluiceChartColor *color = &sluice_chart_palette_light ()->change[change];

  cairo_set_source_rgb (pdf->cr, color->red, color->green, color->blue);
  cairo_rectangle (pdf->cr, x, y, 7, 7);
  cairo_fill (pdf->cr);
}

static void
table_header (Pdf               *pdf,
              SluiceReportTable *table,
              const double      *widths)
{
  double x = MARGIN, h = 0;

  for (guint c = 0; c < table->columns->len; c++)
    {
      SluiceReportColumn *column = &g_array_index (table->columns, SluiceReportColumn, c);
      g_autoptr(PangoLayout) layout = make_layout (pdf, column->title, STYLE_TABLE_HEAD, widths[c] - 6, 2);

      if (column->numeric)
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      show (pdf, layout, STYLE_TABLE_HEAD, x + 3, pdf->y);
      h = MAX (h, layout_height (layout));
      x += widths[c];
    }
  pdf->y += h + 3;

  set_gray (pdf, 0.7);
  cairo_set_line_width (pdf->cr, 0.75);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  cairo_line_to (pdf->cr, PAGE_WIDTH - MARGIN, pdf->y);
  cairo_stroke (pdf->cr);
  pdf->y += 3;
}

static void
column_widths (SluiceReportTable *table,
               double            *widths)
{
  double total = 0;

  for (guint c = 0; c < table->columns->len; c++)
    total += g_array_index (table->columns, SluiceReportColumn, c).weight;
  for (guint c = 0; c < table->columns->len; c++)
    widths[c] = CONTENT_WIDTH * g_array_index (table->columns, SluiceReportColumn, c).weight / total;
}

static PangoLayout *
cell_layout (Pdf               *pdf,
             SluiceReportTable *table,
             const double      *widths,
             guint              r,
             guint              c)
{
  GStrv cells = g_ptr_array_index (table->rows, r);
  SluiceReportColumn *column = &g_array_index (table->columns, SluiceReportColumn, c);
  double indent = (c == 0 && g_array_index (table->marks, int, r) >= 0) ? 11 : 0;
  PangoLayout *layout = make_layout (pdf, cells[c], STYLE_TABLE, widths[c] - 6 - indent, 3);

  if (column->numeric)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  return layout;
}

/* Short tables stay on one page; long ones start with a few rows at least. */
static gboolean
keeps_together (double rows_height)
{
  return rows_height + 24 <= (bottom () - MARGIN) * 0.4;
}

/* Returns: how much of @table must follow its heading on the same page */
static double
table_keep_height (Pdf               *pdf,
                   SluiceReportTable *table)
{
  g_autofree double *widths = NULL;
  double total = 0, first = 0;

  if (table->rows->len == 0)
    return table->empty ? paragraph_height (pdf, table->empty, STYLE_DIM) + 4 : 0;

  widths = g_new (double, table->columns->len);
  column_widths (table, widths);
  for (guint r = 0; r < table->rows->len; r++)
    {
      double h = 0;

      for (guint c = 0; c < table->columns->len; c++)
        {
          g_autoptr(PangoLayout) layout = cell_layout (pdf, table, widths, r, c);
          h = MAX (h, layout_height (layout));
        }
      total += h + 4;
      if (r < 3)
        first += h + 4;
    }
  return 24 + (keeps_together (total) ? total : first);
}

static void
table (Pdf               *pdf,
       SluiceReportTable *table)
{
  g_autofree double *widths = NULL;
  g_autofree double *heights = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  double total_h = 0;

  if (table->rows->len == 0)
    {
      if (table->empty != NULL)
        paragraph (pdf, table->empty, STYLE_DIM, 4);
      return;
    }

  widths = g_new (double, table->columns->len);
  column_widths (table, widths);

  /* lay every row out first: a short table is kept on one page */
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  heights = g_new (double, table->rows->len);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *layouts = g_ptr_array_new_with_free_func (g_object_unref);

      heights[r] = 0;
      for (guint c = 0; c < table->columns->len; c++)
        {
          PangoLayout *layout = cell_layout (pdf, table, widths, r, c);

          heights[r] = MAX (heights[r], layout_height (layout));
          g_ptr_array_add (layouts, layout);
        }
      heights[r] += 4;
      total_h += heights[r];
      g_ptr_array_add (rows, layouts);
    }

  need (pdf, keeps_together (total_h) ? total_h + 24 : 40);
  table_header (pdf, table, widths);

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *layouts = g_ptr_array_index (rows, r);
      int mark = g_array_index (table->marks, int, r);
      double x = MARGIN;

      if (need (pdf, heights[r]))
        table_header (pdf, table, widths);

      for (guint c = 0; c < table->columns->len; c++)
        {
          double indent = (c == 0 && mark >= 0) ? 11 : 0;

          if (indent > 0)
            swatch (pdf, mark, x + 3, pdf->y + 3);
          show (pdf, g_ptr_array_index (layouts, c), STYLE_TABLE, x + 3 + indent, pdf->y + 1);
          x += widths[c];
        }
      pdf->y += heights[r];

      set_gray (pdf, 0.88);
      cairo_set_line_width (pdf->cr, 0.4);
      cairo_move_to (pdf->cr, MARGIN, pdf->y - 0.5);
      cairo_line_to (pdf->cr, PAGE_WIDTH - MARGIN, pdf->y - 0.5);
      cairo_stroke (pdf->cr);
    }

  if (table->more > 0)
    {
      g_autofree char *more = sluice_report_format_count (table->more);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %s more", "… and %s more",
                                                            table->more), more);
      pdf->y += 2;
      paragraph (pdf, text, STYLE_DIM, 0);
    }
  pdf->y += 4;
}

/* A chart drawn by the shared chart functions, @height in points. */
static void
chart (Pdf                 *pdf,
       double               height,
       SluiceChartDrawFunc  draw,
       gpointer             data)
{
  need (pdf, height);
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, MARGIN, pdf->y);
  cairo_scale (pdf->cr, CHART_SCALE, CHART_SCALE);
  draw (pdf->cr, CONTENT_WIDTH / CHART_SCALE, height / CHART_SCALE, data);
  cairo_restore (pdf->cr);
  pdf->y += height + 6;
}

typedef struct
{
  GArray   *items;
  gboolean  compared;
} TreemapChart;

static void
draw_treemap_cb (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  TreemapChart *chart = user_data;
  g_autoptr(GArray) hits = sluice_treemap_draw (cr, width, height, (SluiceTreemapItem *) chart->items->data,
                                                chart->items->len, sluice_chart_palette_light ());
}

static void
draw_legend_cb (cairo_t  *cr,
                double    width,
                double    height,
                gpointer  user_data)
{
  TreemapChart *chart = user_data;
  sluice_treemap_draw_legend (cr, width, chart->compared, FALSE, sluice_chart_palette_light ());
}

static void
draw_bars_cb (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  user_data)
{
  GArray *bars = user_data;
  sluice_bar_chart_draw (cr, width, height, (SluiceBarItem *) bars->data, bars->len, sluice_chart_palette_light ());
}

/* ---- sections -------------------------------------------------------------- */

static void
title_block (Pdf *pdf)
{
  g_autoptr(PangoLayout) title = make_layout (pdf, pdf->title, STYLE_TITLE, CONTENT_WIDTH, 3);
  g_autofree char *subtitle = sluice_report_describe_subtitle (pdf->report);

  show (pdf, title, STYLE_TITLE, MARGIN, pdf->y);
  pdf->y += layout_height (title) + 4;
  paragraph (pdf, subtitle, STYLE_DIM, 4);
}

static void
cards (Pdf *pdf)
{
  g_autoptr(GPtrArray) headlines = sluice_report_headlines (sluice_report_get_result (pdf->report),
                                                            sluice_report_get_comparison_result (pdf->report));
  const double gap = 8, card_h = 62;
  double card_w = (CONTENT_WIDTH - 2 * gap) / 3;
  guint rows = (headlines->len + 2) / 3;

  heading (pdf, _("Summary"), rows * (card_h + gap));

  for (guint i = 0; i < headlines->len; i++)
    {
      SluiceReportHeadline *headline = g_ptr_array_index (headlines, i);
      double x = MARGIN + (i % 3) * (card_w + gap);
      double y = pdf->y + (i / 3) * (card_h + gap);
      g_autoptr(PangoLayout) label = make_layout (pdf, headline->label, STYLE_TABLE_HEAD, card_w - 16, 1);
      g_autoptr(PangoLayout) value = make_layout (pdf, headline->value, STYLE_CARD_VALUE, -1, 0);
      g_autoptr(PangoLayout) detail = make_layout (pdf, headline->detail, STYLE_SMALL_DIM, card_w - 16, 1);

      set_gray (pdf, 0.85);
      cairo_set_line_width (pdf->cr, 0.75);
      cairo_rectangle (pdf->cr, x + 0.5, y + 0.5, card_w - 1, card_h - 1);
      cairo_stroke (pdf->cr);

      show (pdf, label, STYLE_TABLE_HEAD, x + 8, y + 7);
      show (pdf, value, STYLE_CARD_VALUE, x + 8, y + 19);
      if (headline->delta != NULL)
        {
          g_autoptr(PangoLayout) delta = make_layout (pdf, headline->delta, STYLE_BOLD, -1, 0);

          if (headline->delta_number > 0)
            cairo_set_source_rgb (pdf->cr, 0xc6 / 255.0, 0x46 / 255.0, 0);
          else if (headline->delta_number < 0)
            cairo_set_source_rgb (pdf->cr, 0x1a / 255.0, 0x5f / 255.0, 0xb4 / 255.0);
          else
            set_gray (pdf, 0.47);
          cairo_move_to (pdf->cr, x + 14 + layout_width (value), y + 27);
          pango_cairo_show_layout (pdf->cr, delta);
        }
      if (headline->detail != NULL)
        show (pdf, detail, STYLE_SMALL_DIM, x + 8, y + 45);
    }
  pdf->y += rows * (card_h + gap);
}

static void
blast_radius (Pdf *pdf)
{
  SluiceReport *report = pdf->report;
  g_autoptr(GArray) items = sluice_report_treemap_items (sluice_report_get_result (report),
                                                         sluice_report_get_comparison_result (report),
                                                         sluice_report_get_diff (report));
  g_autoptr(SluiceReportTable) top = sluice_report_table_top_entities (report, SLUICE_REPORT_EXPORT_ROWS);
  TreemapChart data = { items, sluice_report_get_comparison (report) != NULL };

  heading (pdf, _("Blast radius"), 250);
  chart (pdf, 250, draw_treemap_cb, &data);
  chart (pdf, data.compared ? 26 : 14, draw_legend_cb, &data);
  subheading (pdf, _("Entities with the most actions"), table_keep_height (pdf, top));
  table (pdf, top);
}

static void
who_changes (Pdf *pdf)
{
  g_autoptr(SluiceReportTable) added = NULL;
  g_autoptr(SluiceReportTable) removed = NULL;
  g_autofree char *summary = NULL;

  if (sluice_report_get_diff (pdf->report) == NULL)
    return;

  added = sluice_report_table_diff_list (pdf->report, "added", SLUICE_REPORT_EXPORT_ROWS);
  removed = sluice_report_table_diff_list (pdf->report, "removed", SLUICE_REPORT_EXPORT_ROWS);
  summary = sluice_report_describe_diff (pdf->report);

  heading (pdf, _("Who changes"), paragraph_height (pdf, summary, STYLE_BODY) + 30 + table_keep_height (pdf, added));
  paragraph (pdf, summary, STYLE_BODY, 4);
  subheading (pdf, _("Newly qualify"), table_keep_height (pdf, added));
  table (pdf, added);
  subheading (pdf, _("Drop out"), table_keep_height (pdf, removed));
  table (pdf, removed);
}

static void
destinations (Pdf *pdf)
{
  g_autoptr(GArray) bars = sluice_report_destination_bars (sluice_report_get_result (pdf->report));
  g_autoptr(SluiceReportTable) rows = sluice_report_table_destinations (pdf->report);

  heading (pdf, _("Requests by destination"),
           bars->len > 0 ? sluice_bar_chart_preferred_height (bars->len) * CHART_SCALE : table_keep_height (pdf, rows));
  if (bars->len > 0)
    chart (pdf, sluice_bar_chart_preferred_height (bars->len) * CHART_SCALE, draw_bars_cb, bars);
  table (pdf, rows);
}

static void
limits (Pdf *pdf)
{
  g_autoptr(GArray) bars = sluice_report_limit_bars (sluice_report_get_result (pdf->report));
  g_autoptr(SluiceReportTable) rate_limits = sluice_report_table_rate_limits (pdf->report);
  g_autoptr(SluiceReportTable) quotas = sluice_report_table_quotas (pdf->report);

  const char *intro = _("The busiest window of each limit as a share of the limit: past the mark at 100 percent, "
                        "actions would wait or be dropped.");
  double chart_h = bars->len > 0 ? sluice_bar_chart_preferred_height (bars->len) * CHART_SCALE + 6 : 0;

  heading (pdf, _("Rate limits and quotas"), paragraph_height (pdf, intro, STYLE_DIM) + 4 + chart_h);
  paragraph (pdf, intro, STYLE_DIM, 4);
  if (bars->len > 0)
    chart (pdf, chart_h - 6, draw_bars_cb, bars);
  subheading (pdf, _("Rate limits"), table_keep_height (pdf, rate_limits));
  table (pdf, rate_limits);
  subheading (pdf, _("Quotas"), table_keep_height (pdf, quotas));
  table (pdf, quotas);
}

static void
yaml (Pdf        *pdf,
      const char *title,
      JsonObject *workflow)
{
  const char *text = sluice_report_json_string (workflow, "yaml");

  subheading (pdf, title, 80);
  paragraph (pdf, text, STYLE_MONO, 4);
}

static void
render (Pdf *pdf)
{
  SluiceReport *report = pdf->report;
  g_autoptr(SluiceReportTable) steps = sluice_report_table_steps (report);
  g_autoptr(SluiceReportTable) filters = sluice_report_table_filters (report);
  g_autoptr(SluiceReportTable) findings = sluice_report_table_findings (report);
  g_autoptr(SluiceReportTable) provenance = sluice_report_table_provenance (report);
  g_autofree char *canary = sluice_report_describe_canary (report);
  const char *intro;

  pdf->page = 1;
  pdf->y = MARGIN;
  draw_footer (pdf);

  title_block (pdf);
  cards (pdf);
  blast_radius (pdf);
  who_changes (pdf);

  intro = _("Runs that reached each step and the actions it would take, after cooldowns, caps and approvals.");
  heading (pdf, _("Actions per step"), paragraph_height (pdf, intro, STYLE_DIM) + 4 + table_keep_height (pdf, steps));
  paragraph (pdf, intro, STYLE_DIM, 4);
  table (pdf, steps);

  destinations (pdf);
  limits (pdf);

  intro = _("Events each filter let through or rejected, and those it could not evaluate.");
  heading (pdf, _("Filter diagnostics"), paragraph_height (pdf, intro, STYLE_DIM) + 4 + table_keep_height (pdf, filters));
  paragraph (pdf, intro, STYLE_DIM, 4);
  table (pdf, filters);

  heading (pdf, _("Findings"), table_keep_height (pdf, findings));
  table (pdf, findings);

  if (canary != NULL)
    {
      heading (pdf, _("Canary"), paragraph_height (pdf, canary, STYLE_BODY));
      paragraph (pdf, canary, STYLE_BODY, 4);
    }

  heading (pdf, _("Scope and provenance"), table_keep_height (pdf, provenance));
  table (pdf, provenance);

  heading (pdf, _("Workflow"), 120);
  yaml (pdf, _("The workflow under review"), sluice_report_get_workflow (report));
  if (sluice_report_get_comparison (report) != NULL)
    yaml (pdf, _("The comparison version"), sluice_report_get_comparison (report));

  cairo_show_page (pdf->cr);
}

static cairo_status_t
write_to_array_cb (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  if (closure != NULL)
    g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Lays the report out on a PDF surface writing into @out (or nowhere). */
static gboolean
render_pass (SluiceReport  *report,
             GByteArray    *out,
             guint          n_pages,
             guint         *pages_drawn,
             GError       **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_to_array_cb, out, PAGE_WIDTH, PAGE_HEIGHT);
  Pdf pdf = { report, NULL, sluice_report_get_title (report), MARGIN, 1, n_pages };
  cairo_status_t status;

  if (out != NULL)
    {
      JsonObject *workflow = sluice_report_get_workflow (report);

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf.title);
      if (sluice_report_get_author (report) != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, sluice_report_get_author (report));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Sluice " PACKAGE_VERSION);
      if (sluice_report_json_string (workflow, "digest") != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                        sluice_report_json_string (workflow, "digest"));
    }

  pdf.cr = cairo_create (surface);
  render (&pdf);
  status = cairo_status (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_free (pdf.title);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SLUICE_REPORT_ERROR, SLUICE_REPORT_ERROR_EXPORT,
                   _("Cannot draw the report as PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  *pages_drawn = pdf.page;
  return TRUE;
}

/**
 * sluice_report_to_pdf:
 * @n_pages: (out) (optional): how many A4 pages it has
 *
 * Returns: (transfer full) (nullable): the report as a PDF document
 */
GBytes *
sluice_report_to_pdf (SluiceReport  *self,
                      guint         *n_pages,
                      GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint counted = 0, drawn = 0;

  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);

  if (!render_pass (self, NULL, 0, &counted, error))
    return NULL;
  if (!render_pass (self, out, counted, &drawn, error))
    return NULL;
  g_warn_if_fail (counted == drawn);

  if (n_pages != NULL)
    *n_pages = drawn;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * sluice_report_export_pdf:
 * @n_pages: (out) (optional): how many pages were written
 *
 * Writes sluice_report_to_pdf() to @file atomically.
 */
gboolean
sluice_report_export_pdf (SluiceReport  *self,
                          GFile         *file,
                          guint         *n_pages,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SLUICE_IS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = sluice_report_to_pdf (self, n_pages, error);
  if (bytes == NULL)
    return FALSE;
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error);
}
