/* sluice-report-private.h — what the HTML and the PDF export share
 *
 * Both exports lay out the same tables in the same order; the tables are
 * worked out once here, as rows of text, so the two cannot disagree.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sluice-charts.h"
#include "sluice-report-data.h"
#include "sluice-report.h"

G_BEGIN_DECLS

/* Rows listed per table in the exports; the file keeps more. */
#define SLUICE_REPORT_EXPORT_ROWS 50

typedef struct
{
  const char *title;
  gboolean    numeric;      /* right-aligned */
  double      weight;       /* share of the width in the PDF */
} SluiceReportColumn;

typedef struct
{
  GArray    *columns;       /* SluiceReportColumn */
  GPtrArray *rows;          /* GStrv, one string per column */
  GArray    *marks;         /* int per row: a SluiceChartChange swatch, or -1 */
  guint      more;          /* rows left out */
  const char *empty;        /* said when there are no rows */
} SluiceReportTable;

void               sluice_report_table_free             (SluiceReportTable *table);

SluiceReportTable *sluice_report_table_top_entities     (SluiceReport      *report,
                                                         guint              max_rows);
SluiceReportTable *sluice_report_table_diff_list        (SluiceReport      *report,
                                                         const char        *member,
                                                         guint              max_rows);
SluiceReportTable *sluice_report_table_steps            (SluiceReport      *report);
SluiceReportTable *sluice_report_table_destinations     (SluiceReport      *report);
SluiceReportTable *sluice_report_table_rate_limits      (SluiceReport      *report);
SluiceReportTable *sluice_report_table_quotas           (SluiceReport      *report);
SluiceReportTable *sluice_report_table_filters          (SluiceReport      *report);
SluiceReportTable *sluice_report_table_findings         (SluiceReport      *report);
SluiceReportTable *sluice_report_table_provenance       (SluiceReport      *report);

char              *sluice_report_describe_scope         (SluiceReport      *report);
char              *sluice_report_describe_subtitle      (SluiceReport      *report);
char              *sluice_report_describe_diff          (SluiceReport      *report);
char              *sluice_report_describe_canary        (SluiceReport      *report);

/* JSON access that never fails: NULL or 0 for what is not there */
JsonObject        *sluice_report_json_object            (JsonObject        *object,
                                                         const char        *member);
JsonArray         *sluice_report_json_array             (JsonObject        *object,
                                                         const char        *member);
const char        *sluice_report_json_string            (JsonObject        *object,
                                                         const char        *member);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceReportTable, sluice_report_table_free)

G_END_DECLS
