/* sluice-impact-runner.h — the Impact view's worker: one dataset, one
 * simulator, and every use of them in a thread, one job at a time
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sluice-event-store.h"
#include "sluice-scope.h"
#include "sluice-workflow.h"

G_BEGIN_DECLS

/* What the view shows about the open dataset; read-only once made. */
typedef struct
{
  char      *path;
  gint64     n_events;
  gboolean   has_events;
  gint64     first_ms;
  gint64     last_ms;
  GPtrArray *tenants;       /* SluiceTenantCount, most events first */
  GStrv      segments;      /* names */
  guint64    generation;
} SluiceImpactDatasetInfo;

SluiceImpactDatasetInfo *sluice_impact_dataset_info_ref   (SluiceImpactDatasetInfo *info);
void                     sluice_impact_dataset_info_unref (SluiceImpactDatasetInfo *info);

/* Progress of an import, handed to the main thread. */
typedef struct
{
  guint   file_index;       /* 0-based, of n_files */
  guint   n_files;
  char   *file_name;
  guint64 bytes_read;
  guint64 bytes_total;      /* 0 when unknown */
  guint64 events_read;
  guint64 events_added;
  gint64  elapsed_us;       /* since the import started */
} SluiceImpactImportProgress;

/* A dry run to make: the edited workflow, what to compare it with, where. */
typedef struct
{
  SluiceWorkflow *workflow;         /* a copy the job may keep */
  SluiceWorkflow *comparison;       /* (nullable) a copy, or … */
  GFile          *comparison_file;  /* (nullable) … a file loaded in the worker */
  SluiceScope    *scope;
  guint           max_entities;     /* how many entities the JSON lists */
} SluiceImpactRunRequest;

void sluice_impact_run_request_free (SluiceImpactRunRequest *request);

/* What a dry run found, as the JSON that the CLI and reports write:
 * sluice_sim_result_to_json () and sluice_sim_diff_to_json (). */
typedef struct
{
  JsonNode *result;
  JsonNode *comparison;        /* (nullable) the comparison's result */
  JsonNode *diff;              /* (nullable) comparison → result */
  char     *comparison_error;  /* (nullable) why there is no comparison */
  gint64    run_us;            /* the dry run (and the comparison's, if not cached) */
  gint64    total_us;          /* everything the job did */
} SluiceImpactOutcome;

void sluice_impact_outcome_free (SluiceImpactOutcome *outcome);

#define SLUICE_TYPE_IMPACT_RUNNER (sluice_impact_runner_get_type ())
G_DECLARE_FINAL_TYPE (SluiceImpactRunner, sluice_impact_runner, SLUICE, IMPACT_RUNNER, GObject)

SluiceImpactRunner      *sluice_impact_runner_new                 (void);
SluiceImpactDatasetInfo *sluice_impact_runner_get_info            (SluiceImpactRunner  *self);
gboolean                 sluice_impact_runner_is_busy             (SluiceImpactRunner  *self);

void                     sluice_impact_runner_open_async          (SluiceImpactRunner  *self,
                                                                   GFile               *file,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
SluiceImpactDatasetInfo *sluice_impact_runner_open_finish         (SluiceImpactRunner  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);

/* Imports @files one after the other, each in its own transaction.
 * ::import-progress is emitted on the main thread now and then. */
void                     sluice_impact_runner_import_async        (SluiceImpactRunner  *self,
                                                                   GFile              **files,
                                                                   guint                n_files,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
void                     sluice_impact_runner_import_stream_async (SluiceImpactRunner  *self,
                                                                   GInputStream        *input,
                                                                   const char          *name,
                                                                   guint64              bytes_total,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
GPtrArray               *sluice_impact_runner_import_finish       (SluiceImpactRunner  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);

void                     sluice_impact_runner_import_segment_async  (SluiceImpactRunner  *self,
                                                                     const char          *name,
                                                                     GFile               *file,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
guint                    sluice_impact_runner_import_segment_finish (SluiceImpactRunner  *self,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);

/* A newer run supersedes older ones: the one in progress is cancelled and
 * those still waiting end with G_IO_ERROR_CANCELLED. */
void                     sluice_impact_runner_run_async           (SluiceImpactRunner     *self,
                                                                   SluiceImpactRunRequest *request,
                                                                   GCancellable           *cancellable,
                                                                   GAsyncReadyCallback     callback,
                                                                   gpointer                user_data);
SluiceImpactOutcome     *sluice_impact_runner_run_finish          (SluiceImpactRunner     *self,
                                                                   GAsyncResult           *result,
                                                                   GError                **error);

void                     sluice_impact_runner_shadow_log_async    (SluiceImpactRunner  *self,
                                                                   SluiceWorkflow      *workflow,
                                                                   const SluiceScope   *scope,
                                                                   const char          *entity,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
JsonNode                *sluice_impact_runner_shadow_log_finish   (SluiceImpactRunner  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);

void                     sluice_impact_runner_report_async        (SluiceImpactRunner     *self,
                                                                   SluiceImpactRunRequest *request,
                                                                   GFile                  *file,
                                                                   GCancellable           *cancellable,
                                                                   GAsyncReadyCallback     callback,
                                                                   gpointer                user_data);
gboolean                 sluice_impact_runner_report_finish       (SluiceImpactRunner     *self,
                                                                   GAsyncResult           *result,
                                                                   GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceImpactDatasetInfo, sluice_impact_dataset_info_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceImpactRunRequest, sluice_impact_run_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceImpactOutcome, sluice_impact_outcome_free)

G_END_DECLS
