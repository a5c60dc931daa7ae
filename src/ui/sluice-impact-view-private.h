/* sluice-impact-view-private.h — shared by the Impact view's source files:
 * sluice-impact-view.c (scope, runs, comparison), sluice-impact-view-data.c
 * (datasets and imports) and sluice-impact-view-results.c (what a run
 * found, shown from its JSON)
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sluice-impact-bar-chart.h"
#include "sluice-impact-runner.h"
#include "sluice-impact-treemap.h"
#include "sluice-impact-view.h"
#include "sluice-report.h"

G_BEGIN_DECLS

/* How many entities a run's JSON lists: the treemap and the diff lists
 * show these; counts are always exact. */
#define SLUICE_IMPACT_MAX_ENTITIES 5000

/* Runs start at most this often while edits keep coming. */
#define SLUICE_IMPACT_THROTTLE_MS 150

typedef enum
{
  WINDOW_DAY,
  WINDOW_WEEK,
  WINDOW_MONTH,
  WINDOW_ALL,
  WINDOW_CUSTOM,
} WindowChoice;

struct _SluiceImpactView
{
  GtkWidget                parent_instance;

  /* template */
  AdwToastOverlay         *toasts;
  GtkRevealer             *import_revealer;
  GtkLabel                *import_label;
  GtkProgressBar          *import_progress;
  GtkStack                *main_stack;
  GtkWidget               *scope_bar;
  AdwPreferencesGroup     *report_group;
  AdwPreferencesGroup     *data_group;
  GtkWidget               *canary_controls;
  GtkDropDown             *window_dropdown;
  GtkRevealer             *custom_revealer;
  GtkEntry                *from_entry;
  GtkEntry                *to_entry;
  GtkMenuButton           *tenants_button;
  GtkListBox              *tenants_list;
  GtkMenuButton           *segments_button;
  GtkListBox              *segments_list;
  GtkDropDown             *compare_dropdown;
  GtkSpinner              *spinner;
  GtkLabel                *status_label;
  AdwFlap                 *flap;
  GtkStack                *results_stack;
  AdwStatusPage           *error_page;
  GtkRevealer             *banner_revealer;
  GtkLabel                *banner_label;
  AdwActionRow            *dataset_row;
  GtkMenuButton           *dataset_menu_button;
  AdwExpanderRow          *import_row;
  AdwPreferencesGroup     *summary_group;
  GtkFlowBox              *cards_box;
  GtkListBox              *steps_list;
  SluiceImpactTreemap     *treemap;
  AdwPreferencesGroup     *diff_group;
  GtkSearchEntry          *diff_search;
  GtkStack                *diff_stack;
  GtkBox                  *diff_lists_box;
  GtkListBox              *deltas_list;
  GtkListBox              *findings_list;
  SluiceImpactBarChart    *bar_chart;
  GtkDropDown             *canary_dropdown;
  GtkScale                *canary_scale;
  GtkLabel                *canary_label;
  GtkFlowBox              *canary_entities;
  GtkLabel                *entity_title;
  GtkLabel                *entity_subtitle;
  GtkStack                *entity_stack;
  GtkLabel                *entity_error;
  GtkListBox              *entity_events;
  GtkListBox              *entity_actions;

  /* made in code */
  GMenu                   *recent_menu;
  GtkWidget               *cards[8];
  GListStore              *diff_stores[SLUICE_IMPACT_N_DIFF_LISTS];
  GListModel              *diff_models[SLUICE_IMPACT_N_DIFF_LISTS];
  GtkLabel                *diff_titles[SLUICE_IMPACT_N_DIFF_LISTS];
  GtkStringFilter         *diff_filters[SLUICE_IMPACT_N_DIFF_LISTS];

  /* state */
  SluiceDocument          *document;
  GSignalGroup            *document_signals;
  GSettings               *settings;
  SluiceImpactRunner      *runner;
  GCancellable            *cancellable;       /* cancelled when the view goes */
  SluiceImpactDatasetInfo *info;

  GCancellable            *import_cancellable;
  gint64                   import_started_us;
  double                   import_fraction;

  GHashTable              *unchecked_tenants; /* tenant → TRUE; unchecked means out of scope */
  GHashTable              *checked_segments;
  gboolean                 updating_lists;    /* filling the check lists: no runs */

  SluiceImpactComparison   comparison;
  SluiceWorkflow          *kept;              /* the kept version */
  char                    *kept_yaml;
  char                    *kept_label;
  SluiceWorkflow          *published;         /* the control plane's version */
  char                    *published_label;

  guint                    throttle_id;
  gint64                   last_run_started_us;
  guint                    run_serial;
  GCancellable            *run_cancellable;
  gboolean                 running;
  gint64                   last_run_us;       /* edit (or scope change) to shown, for the last run */
  gint64                   requested_us;      /* when the change that the next run answers came */

  char                    *comparison_note;   /* why the asked comparison is missing */

  JsonNode                *result;
  JsonNode                *comparison_result;
  JsonNode                *diff;
  char                    *error;

  char                    *entity;            /* in the side panel */
  guint                    shadow_serial;
  SluiceReport            *report;            /* shown read-only, instead of runs */
  GtkWidget               *report_rows[4];    /* what the report was run on */
};

/* sluice-impact-view.c */
void     sluice_impact_view_schedule_run        (SluiceImpactView *self);
SluiceScope *sluice_impact_view_make_scope      (SluiceImpactView *self,
                                                 GError          **error);
void     sluice_impact_view_set_banner          (SluiceImpactView *self,
                                                 const char       *message);
void     sluice_impact_view_toast               (SluiceImpactView *self,
                                                 const char       *message);

SluiceImpactRunRequest *sluice_impact_view_make_request (SluiceImpactView  *self,
                                                          char             **comparison_note,
                                                          GError           **error);

/* sluice-impact-view-report.c */
void     sluice_impact_view_report_init         (SluiceImpactView *self);
void     sluice_impact_view_report_class_init   (GtkWidgetClass   *widget_class);
void     sluice_impact_view_update_report_action (SluiceImpactView *self);

/* sluice-impact-view-data.c */
GtkFileChooserNative *sluice_impact_view_chooser_new (SluiceImpactView     *self,
                                                      const char           *title,
                                                      GtkFileChooserAction  action,
                                                      const char           *accept);
void     sluice_impact_view_data_init           (SluiceImpactView *self);
void     sluice_impact_view_data_dispose        (SluiceImpactView *self);
void     sluice_impact_view_data_class_init     (GtkWidgetClass   *widget_class);
void     sluice_impact_view_update_dataset      (SluiceImpactView *self,
                                                 SluiceImpactDatasetInfo *info);

/* sluice-impact-view-results.c */
void     sluice_impact_view_results_init        (SluiceImpactView *self);
void     sluice_impact_view_results_class_init  (GtkWidgetClass   *widget_class);
void     sluice_impact_view_render              (SluiceImpactView *self);
void     sluice_impact_view_refresh_entity      (SluiceImpactView *self);

/* formatting shared by the files */
char    *sluice_impact_format_count             (gint64            value);
char    *sluice_impact_format_delta             (gint64            delta);
char    *sluice_impact_format_bytes             (guint64           bytes);

G_END_DECLS
