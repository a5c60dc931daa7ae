/* sluice-report-html.c — a report as one self-contained web page
 *
 * Everything is inline: the style sheet, and the charts as SVG drawn by
 * the same functions the app and the PDF use. There are no scripts and
 * nothing to fetch, so the page opens the same offline, in a mail
 * attachment or in a CI artefact viewer. It is written as XHTML-compatible
 * HTML (every element closed, only XML's entities) so a plain XML parser
 * can check it, and all text from the report is escaped.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-report-private.h"

#define CHART_WIDTH 960

static const char style_sheet[] =
  ":root { color-scheme: light; }\n"
  "body { margin: 0; background: #f6f5f4; color: #241f31;\n"
  "  font: 15px/1.5 Cantarell, \"Noto Sans\", \"DejaVu Sans\", system-ui, sans-serif; }\n"
  "main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 40px; }\n"
  "header h1 { font-size: 26px; line-height: 1.25; margin: 0 0 6px; }\n"
  "header p { color: #5e5c64; margin: 0; }\n"
  "section { background: #fff; border: 1px solid #deddda; border-radius: 12px;\n"
  "  padding: 20px 24px; margin: 20px 0; }\n"
  "h2 { font-size: 19px; margin: 0 0 12px; }\n"
  "h3 { font-size: 15px; margin: 18px 0 6px; }\n"
  "p.note { color: #5e5c64; margin: 4px 0 12px; }\n"
  ".cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }\n"
  ".card { border: 1px solid #deddda; border-radius: 10px; padding: 12px 16px; }\n"
  ".card .label { color: #5e5c64; font-size: 13px; font-weight: 600; }\n"
  ".card .value { font-size: 30px; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }\n"
  ".card .delta { font-size: 14px; font-weight: 700; margin-left: 8px; white-space: nowrap; }\n"
  ".card .detail { color: #5e5c64; font-size: 13px; }\n"
  ".delta.up { color: #c64600; } .delta.down { color: #1a5fb4; } .delta.flat { color: #77767b; }\n"
  "table { width: 100%; border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }\n"
  "th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #deddda; vertical-align: top;\n"
  "  overflow-wrap: anywhere; }\n"
  "th { font-size: 13px; color: #5e5c64; border-bottom: 2px solid #c0bfbc; }\n"
  "th.num, td.num { text-align: right; white-space: nowrap; overflow-wrap: normal; }\n"
  "tr.more td { color: #5e5c64; font-style: italic; border-bottom: none; }\n"
  "svg.chart { display: block; width: 100%; height: auto; margin: 8px 0; }\n"
  ".legend { display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 13px; margin: 4px 0 16px; }\n"
  ".swatch { display: inline-block; width: 11px; height: 11px; border-radius: 3px; margin-right: 6px;\n"
  "  vertical-align: -1px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
  ".columns { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }\n"
  ".severity { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 700;\n"
  "  -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
  ".severity.error { background: #e01b24; color: #fff; }\n"
  ".severity.warning { background: #f6d32d; color: #241f31; }\n"
  "code, pre { font-family: \"DejaVu Sans Mono\", \"Noto Sans Mono\", monospace; font-size: 13px; }\n"
  "pre { background: #f6f5f4; border: 1px solid #deddda; border-radius: 8px; padding: 12px 14px;\n"
  "  white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }\n"
  "footer { color: #77767b; font-size: 13px; text-align: center; }\n"
  "@page { size: A4; margin: 14mm; }\n"
  "@media print {\n"
  "  body { background: #fff; font-size: 10.5pt; }\n"
  "  main { max-width: none; padding: 0; }\n"
  "  section { border: none; border-radius: 0; padding: 0; margin: 0 0 16pt; }\n"
  "  h2 { break-after: avoid; border-bottom: 1px solid #c0bfbc; padding-bottom: 2pt; }\n"
  "  h3, .legend { break-after: avoid; }\n"
  "  tr, .card, svg.chart { break-inside: avoid; }\n"
  "  thead { display: table-header-group; }\n"
  "}\n"
  "@media (max-width: 720px) {\n"
  "  .cards { grid-template-columns: 1fr 1fr; }\n"
  "  .columns { grid-template-columns: 1fr; }\n"
  "}\n";

/* The light palette with labels a little larger: the page scales the
 * charts down to its column. */
static SluiceChartPalette
chart_palette (void)
{
  SluiceChartPalette palette = *sluice_chart_palette_light ();

  palette.font_size = 13;
  return palette;
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
  g_string_append (out, escaped);
}

static void
append_markup (GString    *out,
               const char *format,
               ...) G_GNUC_PRINTF (2, 3);

/* Like g_string_append_printf, with every string argument escaped. */
static void
append_markup (GString    *out,
               const char *format,
               ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (out, text);
}

static void
append_css_color (GString                *out,
                  const SluiceChartColor *color)
{
  g_string_append_printf (out, "#%02x%02x%02x",
                          (guint) (color->red * 255 + 0.5),
                          (guint) (color->green * 255 + 0.5),
                          (guint) (color->blue * 255 + 0.5));
}

static void
append_swatch (GString           *out,
               SluiceChartChange  change)
{
  g_string_append (out, "<span class=\"swatch\" style=\"background:");
  append_css_color (out, &sluice_chart_palette_light ()->change[change]);
  g_string_append (out, "\"></span>");
}

static void
append_table (GString           *out,
              SluiceReportTable *table)
{
  if (table->rows->len == 0 && table->empty != NULL)
    {
      append_markup (out, "<p class=\"note\">%s</p>\n", table->empty);
      return;
    }

  g_string_append (out, "<table>\n<thead><tr>");
  for (guint c = 0; c < table->columns->len; c++)
    {
      SluiceReportColumn *column = &g_array_index (table->columns, SluiceReportColumn, c);
      if (column->numeric)
        append_markup (out, "<th class=\"num\" scope=\"col\">%s</th>", column->title);
      else
        append_markup (out, "<th scope=\"col\">%s</th>", column->title);
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n");

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (table->rows, r);
      int mark = g_array_index (table->marks, int, r);

      g_string_append (out, "<tr>");
      for (guint c = 0; c < table->columns->len; c++)
        {
          SluiceReportColumn *column = &g_array_index (table->columns, SluiceReportColumn, c);

          g_string_append (out, column->numeric ? "<td class=\"num\">" : "<td>");
          if (c == 0 && mark >= 0)
            append_swatch (out, mark);
          append_escaped (out, cells[c]);
          g_string_append (out, "</td>");
        }
      g_string_append (out, "</tr>\n");
    }

  if (table->more > 0)
    {
      g_autofree char *more = sluice_report_format_count (table->more);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %s more", "… and %s more",
                                                            table->more), more);
      append_markup (out, "<tr class=\"more\"><td colspan=\"%u\">%s</td></tr>\n", table->columns->len, text);
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

static void
section_start (GString    *out,
               const char *id,
               const char *title)
{
  append_markup (out, "<section id=\"%s\">\n<h2>%s</h2>\n", id, title);
}

static void
section_end (GString *out)
{
  g_string_append (out, "</section>\n");
}

static void
note (GString    *out,
      const char *text)
{
  if (text != NULL)
    append_markup (out, "<p class=\"note\">%s</p>\n", text);
}

static void
append_cards (GString      *out,
              SluiceReport *report)
{
  g_autoptr(GPtrArray) headlines = sluice_report_headlines (sluice_report_get_result (report),
                                                            sluice_report_get_comparison_result (report));

  section_start (out, "summary", _("Summary"));
  if (sluice_report_get_comparison (report) != NULL)
    note (out, _("Changes are against the comparison version."));
  g_string_append (out, "<div class=\"cards\">\n");
  for (guint i = 0; i < headlines->len; i++)
    {
      SluiceReportHeadline *headline = g_ptr_array_index (headlines, i);

      append_markup (out, "<div class=\"card\" id=\"card-%s\">\n<div class=\"label\">%s</div>\n"
                          "<div><span class=\"value\">%s</span>",
                     headline->id, headline->label, headline->value);
      if (headline->delta != NULL)
        append_markup (out, "<span class=\"delta %s\">%s</span>",
                       headline->delta_number > 0 ? "up" : headline->delta_number < 0 ? "down" : "flat",
                       headline->delta);
      g_string_append (out, "</div>\n");
      if (headline->detail != NULL)
        append_markup (out, "<div class=\"detail\">%s</div>\n", headline->detail);
      g_string_append (out, "</div>\n");
    }
  g_string_append (out, "</div>\n");
  section_end (out);
}

static void
append_legend (GString  *out,
               gboolean  compared)
{
  static const SluiceChartChange order[] = {
    SLUICE_CHART_CHANGE_NEW, SLUICE_CHART_CHANGE_DROPPED, SLUICE_CHART_CHANGE_MORE,
    SLUICE_CHART_CHANGE_FEWER, SLUICE_CHART_CHANGE_SAME,
  };

  g_string_append (out, "<div class=\"legend\">");
  if (compared)
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      {
        g_string_append (out, "<span>");
        append_swatch (out, order[i]);
        append_escaped (out, sluice_chart_change_label (order[i]));
        g_string_append (out, "</span>");
      }
  append_markup (out, "<span>%s</span>", _("Area: actions per entity, grouped by tenant; the top entities are drawn."));
  g_string_append (out, "</div>\n");
}

static void
append_blast_radius (GString      *out,
                     SluiceReport *report)
{
  JsonObject *result = sluice_report_get_result (report);
  gboolean compared = sluice_report_get_comparison (report) != NULL;
  g_autoptr(GArray) items = sluice_report_treemap_items (result, sluice_report_get_comparison_result (report),
                                                         sluice_report_get_diff (report));
  g_autoptr(SluiceReportTable) table = sluice_report_table_top_entities (report, SLUICE_REPORT_EXPORT_ROWS);
  g_autofree char *svg = NULL;
  g_autofree char *title = NULL;
  g_autofree char *entities = sluice_report_format_count (sluice_report_json_int (result, "entities_matched"));
  SluiceChartPalette palette = chart_palette ();

  section_start (out, "blast-radius", _("Blast radius"));
  title = g_strdup_printf (_("Treemap of the %s entities matched, by tenant, sized by actions"), entities);
  svg = sluice_treemap_to_svg ((SluiceTreemapItem *) items->data, items->len, &palette,
                               CHART_WIDTH, 440, "treemap", title);
  g_string_append (out, svg);
  g_string_append_c (out, '\n');
  append_legend (out, compared);

  append_markup (out, "<h3>%s</h3>\n", _("Entities with the most actions"));
  append_table (out, table);
  section_end (out);
}

static void
append_diff (GString      *out,
             SluiceReport *report)
{
  g_autoptr(SluiceReportTable) added = NULL;
  g_autoptr(SluiceReportTable) removed = NULL;
  g_autofree char *summary = NULL;

  if (sluice_report_get_diff (report) == NULL)
    return;

  added = sluice_report_table_diff_list (report, "added", SLUICE_REPORT_EXPORT_ROWS);
  removed = sluice_report_table_diff_list (report, "removed", SLUICE_REPORT_EXPORT_ROWS);
  summary = sluice_report_describe_diff (report);

  section_start (out, "diff", _("Who changes"));
  note (out, summary);
  g_string_append (out, "<div class=\"columns\">\n<div>\n");
  append_markup (out, "<h3>%s</h3>\n", _("Newly qualify"));
  append_table (out, added);
  g_string_append (out, "</div>\n<div>\n");
  append_markup (out, "<h3>%s</h3>\n", _("Drop out"));
  append_table (out, removed);
  g_string_append (out, "</div>\n</div>\n");
  section_end (out);
}

static void
append_table_section (GString           *out,
                      const char        *id,
                      const char        *title,
                      const char        *intro,
                      SluiceReportTable *table)
{
  section_start (out, id, title);
  note (out, intro);
  append_table (out, table);
  section_end (out);
}

static void
append_destinations (GString      *out,
                     SluiceReport *report)
{
  JsonObject *result = sluice_report_get_result (report);
  g_autoptr(GArray) bars = sluice_report_destination_bars (result);
  g_autoptr(SluiceReportTable) table = sluice_report_table_destinations (report);
  SluiceChartPalette palette = chart_palette ();

  section_start (out, "destinations", _("Requests by destination"));
  if (bars->len > 0)
    {
      g_autofree char *svg = sluice_bar_chart_to_svg ((SluiceBarItem *) bars->data, bars->len,
                                                      &palette, CHART_WIDTH,
                                                      sluice_bar_chart_preferred_height (bars->len),
                                                      "destinations", _("Requests by destination"));
      g_string_append (out, svg);
      g_string_append_c (out, '\n');
    }
  append_table (out, table);
  section_end (out);
}

static void
append_limits (GString      *out,
               SluiceReport *report)
{
  JsonObject *result = sluice_report_get_result (report);
  g_autoptr(GArray) bars = sluice_report_limit_bars (result);
  g_autoptr(SluiceReportTable) rate_limits = sluice_report_table_rate_limits (report);
  g_autoptr(SluiceReportTable) quotas = sluice_report_table_quotas (report);
  SluiceChartPalette palette = chart_palette ();

  section_start (out, "limits", _("Rate limits and quotas"));
  note (out, _("The busiest window of each limit as a share of the limit: past the mark at 100 percent, actions would wait or be dropped."));
  if (bars->len > 0)
    {
      g_autofree char *svg = sluice_bar_chart_to_svg ((SluiceBarItem *) bars->data, bars->len,
                                                      &palette, CHART_WIDTH,
                                                      sluice_bar_chart_preferred_height (bars->len),
                                                      "limits", _("Busiest window as a share of each limit"));
      g_string_append (out, svg);
      g_string_append_c (out, '\n');
    }
  append_markup (out, "<h3>%s</h3>\n", _("Rate limits"));
  append_table (out, rate_limits);
  append_markup (out, "<h3>%s</h3>\n", _("Quotas"));
  append_table (out, quotas);
  section_end (out);
}

static void
append_findings (GString      *out,
                 SluiceReport *report)
{
  g_autoptr(SluiceReportTable) table = sluice_report_table_findings (report);

  section_start (out, "findings", _("Findings"));
  if (table->rows->len == 0)
    note (out, table->empty);
  else
    {
      g_string_append (out, "<table>\n<thead><tr>");
      for (guint c = 0; c < table->columns->len; c++)
        append_markup (out, "<th scope=\"col\">%s</th>",
                       g_array_index (table->columns, SluiceReportColumn, c).title);
      g_string_append (out, "</tr></thead>\n<tbody>\n");
      for (guint r = 0; r < table->rows->len; r++)
        {
          GStrv cells = g_ptr_array_index (table->rows, r);
          const char *severity = g_str_equal (cells[0], "error") ? "error" : "warning";

          append_markup (out, "<tr><td><span class=\"severity %s\">%s</span></td><td><code>%s</code></td>"
                              "<td>%s</td><td>%s</td></tr>\n",
                         severity, cells[0], cells[1], cells[2], cells[3]);
        }
      g_string_append (out, "</tbody>\n</table>\n");
    }
  section_end (out);
}

static void
append_yaml (GString    *out,
             const char *title,
             JsonObject *workflow)
{
  const char *yaml = sluice_report_json_string (workflow, "yaml");

  append_markup (out, "<h3>%s</h3>\n<pre class=\"yaml\">", title);
  append_escaped (out, yaml);
  g_string_append (out, "</pre>\n");
}

/**
 * sluice_report_to_html:
 *
 * Returns: (transfer full): the report as one self-contained HTML page:
 *   headline numbers, blast radius, who changes, actions per step,
 *   requests, limits, filters, findings, provenance and the workflow
 */
char *
sluice_report_to_html (SluiceReport *self)
{
  GString *out = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *canary = NULL;
  g_autoptr(SluiceReportTable) steps = NULL;
  g_autoptr(SluiceReportTable) filters = NULL;
  g_autoptr(SluiceReportTable) provenance = NULL;
  JsonObject *comparison;

  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);

  title = sluice_report_get_title (self);
  subtitle = sluice_report_describe_subtitle (self);
  comparison = sluice_report_get_comparison (self);

  g_string_append (out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\"/>\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
  append_markup (out, "<meta name=\"generator\" content=\"%s\"/>\n<title>%s</title>\n",
                 "Sluice " PACKAGE_VERSION, title);
  /* raw: entities mean nothing inside <style>, and the sheet needs none */
  g_string_append (out, "<style>\n");
  g_string_append (out, style_sheet);
  g_string_append (out, "</style>\n</head>\n<body>\n<main>\n");

  append_markup (out, "<header>\n<h1>%s</h1>\n<p>%s</p>\n</header>\n", title, subtitle);

  append_cards (out, self);
  append_blast_radius (out, self);
  append_diff (out, self);

  steps = sluice_report_table_steps (self);
  append_table_section (out, "steps", _("Actions per step"),
                        _("Runs that reached each step and the actions it would take, after cooldowns, caps and approvals."),
                        steps);

  append_destinations (out, self);
  append_limits (out, self);

  filters = sluice_report_table_filters (self);
  append_table_section (out, "filters", _("Filter diagnostics"),
                        _("Events each filter let through or rejected, and those it could not evaluate."),
                        filters);

  append_findings (out, self);

  canary = sluice_report_describe_canary (self);
  if (canary != NULL)
    {
      section_start (out, "canary", _("Canary"));
      note (out, canary);
      section_end (out);
    }

  provenance = sluice_report_table_provenance (self);
  append_table_section (out, "provenance", _("Scope and provenance"), NULL, provenance);

  section_start (out, "workflow", _("Workflow"));
  append_yaml (out, _("The workflow under review"), sluice_report_get_workflow (self));
  if (comparison != NULL)
    append_yaml (out, _("The comparison version"), comparison);
  section_end (out);

  {
    g_autofree char *footer = g_strdup_printf (_("A dry run: nothing was sent. Made with Sluice %s."), PACKAGE_VERSION);
    append_markup (out, "<footer>%s</footer>\n", footer);
  }
  g_string_append (out, "</main>\n</body>\n</html>\n");

  return g_string_free (out, FALSE);
}

/**
 * sluice_report_export_html:
 *
 * Writes sluice_report_to_html() to @file atomically.
 */
gboolean
sluice_report_export_html (SluiceReport  *self,
                           GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *html = NULL;

  g_return_val_if_fail (SLUICE_IS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  html = sluice_report_to_html (self);
  return g_file_replace_contents (file, html, strlen (html), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, cancellable, error);
}
