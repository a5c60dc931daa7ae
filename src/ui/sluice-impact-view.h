/* sluice-impact-view.h — the Impact view: dry runs that follow every edit
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "sluice-document.h"
#include "sluice-report.h"

G_BEGIN_DECLS

/* What the edited workflow is compared with. */
typedef enum
{
  SLUICE_IMPACT_COMPARE_NONE,
  SLUICE_IMPACT_COMPARE_FILE,      /* the document's file, as saved */
  SLUICE_IMPACT_COMPARE_SNAPSHOT,  /* a version kept with "Keep as Comparison" */
  SLUICE_IMPACT_COMPARE_PUBLISHED, /* the control plane's, as the Rollout view gives it */
} SluiceImpactComparison;

/* The effect diff's lists. */
typedef enum
{
  SLUICE_IMPACT_DIFF_ADDED,        /* newly qualify */
  SLUICE_IMPACT_DIFF_REMOVED,      /* drop out */
  SLUICE_IMPACT_DIFF_UNCHANGED,    /* qualify in both */
  SLUICE_IMPACT_N_DIFF_LISTS
} SluiceImpactDiffList;

#define SLUICE_TYPE_IMPACT_VIEW (sluice_impact_view_get_type ())
G_DECLARE_FINAL_TYPE (SluiceImpactView, sluice_impact_view, SLUICE, IMPACT_VIEW, GtkWidget)

GtkWidget      *sluice_impact_view_new                (void);
void            sluice_impact_view_set_document       (SluiceImpactView       *self,
                                                       SluiceDocument         *document);
SluiceDocument *sluice_impact_view_get_document       (SluiceImpactView       *self);

/* Data: all of these run in the background; see ::import-finished,
 * ::dataset-changed and the "importing" property. */
void            sluice_impact_view_open_dataset       (SluiceImpactView       *self,
                                                       GFile                  *file);
void            sluice_impact_view_import_files       (SluiceImpactView       *self,
                                                       GFile                 **files,
                                                       guint                   n_files);
void            sluice_impact_view_import_demo        (SluiceImpactView       *self);
void            sluice_impact_view_import_segment     (SluiceImpactView       *self,
                                                       const char             *name,
                                                       GFile                  *file);
void            sluice_impact_view_cancel_import      (SluiceImpactView       *self);
gboolean        sluice_impact_view_get_importing      (SluiceImpactView       *self);
const char     *sluice_impact_view_get_dataset_path   (SluiceImpactView       *self);
gint64          sluice_impact_view_get_n_events       (SluiceImpactView       *self);
double          sluice_impact_view_get_import_fraction (SluiceImpactView      *self);

/* Scope */
gboolean        sluice_impact_view_set_window         (SluiceImpactView       *self,
                                                       const char             *window);
void            sluice_impact_view_set_custom_window  (SluiceImpactView       *self,
                                                       const char             *from,
                                                       const char             *to);
void            sluice_impact_view_set_tenants        (SluiceImpactView       *self,
                                                       const char * const     *tenants);
void            sluice_impact_view_set_segments       (SluiceImpactView       *self,
                                                       const char * const     *segments);
void            sluice_impact_view_set_canary         (SluiceImpactView       *self,
                                                       double                  percent);

/* Comparison */
void            sluice_impact_view_set_comparison     (SluiceImpactView       *self,
                                                       SluiceImpactComparison  comparison);
void            sluice_impact_view_keep_comparison    (SluiceImpactView       *self);
void            sluice_impact_view_set_published      (SluiceImpactView       *self,
                                                       const char             *yaml,
                                                       const char             *label);

/* What is shown */
gboolean        sluice_impact_view_get_running        (SluiceImpactView       *self);
JsonNode       *sluice_impact_view_get_result         (SluiceImpactView       *self);
JsonNode       *sluice_impact_view_get_diff           (SluiceImpactView       *self);
const char     *sluice_impact_view_get_error          (SluiceImpactView       *self);
const char     *sluice_impact_view_get_card_value     (SluiceImpactView       *self,
                                                       const char             *card);
GListModel     *sluice_impact_view_get_diff_model     (SluiceImpactView       *self,
                                                       SluiceImpactDiffList    list);
gint64          sluice_impact_view_get_last_run_us    (SluiceImpactView       *self);
void            sluice_impact_view_show_entity        (SluiceImpactView       *self,
                                                       const char             *entity);

/* Shows results made elsewhere (an impact report), the same way as live
 * ones: a sluice_sim_result_to_json () node, and optionally the
 * comparison's result and sluice_sim_diff_to_json (). */
void            sluice_impact_view_show_results       (SluiceImpactView       *self,
                                                       JsonNode               *result,
                                                       JsonNode               *comparison,
                                                       JsonNode               *diff);

/* Impact reports: save what is shown, or show a report read-only. */
void            sluice_impact_view_save_report        (SluiceImpactView       *self,
                                                       GFile                  *file,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean        sluice_impact_view_save_report_finish (SluiceImpactView       *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);
void            sluice_impact_view_show_report        (SluiceImpactView       *self,
                                                       SluiceReport           *report);
SluiceReport   *sluice_impact_view_get_report         (SluiceImpactView       *self);

G_END_DECLS
