/* sluice-report-data.h — what the Impact view, the HTML and the PDF show,
 * worked out once from the JSON of a dry run
 *
 * Every view renders from sluice_sim_result_to_json() (and
 * sluice_sim_diff_to_json()), live or loaded from a report file; these
 * functions turn that JSON into the plain data of the summary cards and
 * the charts, so the three always agree.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sluice-charts.h"

G_BEGIN_DECLS

/* A summary card: "Entities matched 143 (+12)". */
typedef struct
{
  const char *id;            /* "events_matched", "entities_matched", "actions_total",
                              * "requests", "run_time", "peak_rate_limit" */
  char       *label;
  char       *value;         /* formatted; "—" when there is nothing */
  char       *detail;        /* (nullable): a second line, "of 7,974 scanned" */
  char       *delta;         /* (nullable): "+12", "−3", "±0"; NULL without a comparison */
  double      number;
  double      delta_number;
  gboolean    has_value;
} SluiceReportHeadline;

void       sluice_report_headline_free     (SluiceReportHeadline *headline);

GPtrArray *sluice_report_headlines         (JsonObject           *result,
                                            JsonObject           *comparison_result);
GArray    *sluice_report_treemap_items     (JsonObject           *result,
                                            JsonObject           *comparison_result,
                                            JsonObject           *diff);
GArray    *sluice_report_destination_bars  (JsonObject           *result);
GArray    *sluice_report_limit_bars        (JsonObject           *result);

/* number helpers the views share */
gint64     sluice_report_json_int          (JsonObject           *object,
                                            const char           *member);
double     sluice_report_json_double       (JsonObject           *object,
                                            const char           *member);
gint64     sluice_report_requests_total    (JsonObject           *result);
gboolean   sluice_report_peak_rate_limit   (JsonObject           *result,
                                            double               *percent);
char      *sluice_report_format_count      (gint64                value);
char      *sluice_report_format_delta      (gint64                delta);
char      *sluice_report_format_duration   (gint64                ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceReportHeadline, sluice_report_headline_free)

G_END_DECLS
