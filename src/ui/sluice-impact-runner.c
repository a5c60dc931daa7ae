/* sluice-impact-runner.c
 *
 * The event store's connection and the simulator's column caches may be
 * used from any thread, but from one thread at a time. So every job that
 * touches them — open, import, dry run, shadow log — is queued here and
 * run in a GTask thread only when the previous job has finished. The main
 * thread never touches the store; what it shows comes back as plain data
 * (SluiceImpactDatasetInfo, JSON).
 *
 * One simulator lives as long as its dataset is open, so its columns stay
 * warm: the first run over a million events takes about half a second,
 * the runs after an edit tens of milliseconds. The comparison version is
 * run once per (version, scope, dataset generation) and kept, so an edit
 * costs one run, not two.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-impact-runner.h"
#include "sluice-json.h"
#include "sluice-report.h"
#include "sluice-sim-diff.h"
#include "sluice-simulator.h"

struct _SluiceImpactRunner
{
  GObject                  parent_instance;

  /* main thread */
  GQueue                   pending;     /* Job, waiting their turn */
  struct _Job             *current;
  SluiceImpactDatasetInfo *info;

  /* the job's thread: only one job runs at a time */
  SluiceEventStore        *store;
  SluiceSimulator         *simulator;
  char                    *cached_key;  /* comparison digest + scope + generation */
  SluiceSimResult         *cached_result;
  JsonNode                *cached_json;
};

G_DEFINE_FINAL_TYPE (SluiceImpactRunner, sluice_impact_runner, G_TYPE_OBJECT)

enum {
  IMPORT_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  JOB_OPEN,
  JOB_IMPORT,
  JOB_SEGMENT,
  JOB_RUN,
  JOB_SHADOW_LOG,
  JOB_REPORT,
} JobKind;

typedef struct _Job
{
  JobKind                  kind;
  GTask                   *outer;      /* the caller's task */
  GTask                   *inner;      /* the thread's task */
  GCancellable            *cancellable; /* the job's own, cancelled with the caller's */
  gulong                   chain_id;

  /* open */
  GFile                   *file;
  /* import */
  GPtrArray               *files;      /* GFile */
  GInputStream            *input;
  char                    *name;
  guint64                  bytes_total;
  gint64                   started_us;
  guint                    file_index;
  /* segment: name and file */
  /* run, shadow log, report */
  SluiceImpactRunRequest  *request;
  char                    *entity;
  /* report: written to file (in the format its name says) */

  /* what the thread made */
  SluiceImpactDatasetInfo *info;
} Job;

/* ---- plain data -------------------------------------------------------------- */

SluiceImpactDatasetInfo *
sluice_impact_dataset_info_ref (SluiceImpactDatasetInfo *info)
{
  return g_atomic_rc_box_acquire (info);
}

static void
dataset_info_clear (SluiceImpactDatasetInfo *info)
{
  g_free (info->path);
  g_clear_pointer (&info->tenants, g_ptr_array_unref);
  g_strfreev (info->segments);
}

void
sluice_impact_dataset_info_unref (SluiceImpactDatasetInfo *info)
{
  if (info != NULL)
    g_atomic_rc_box_release_full (info, (GDestroyNotify) dataset_info_clear);
}

void
sluice_impact_run_request_free (SluiceImpactRunRequest *request)
{
  if (request == NULL)
    return;
  g_clear_object (&request->workflow);
  g_clear_object (&request->comparison);
  g_clear_object (&request->comparison_file);
  g_clear_pointer (&request->scope, sluice_scope_free);
  g_free (request);
}

void
sluice_impact_outcome_free (SluiceImpactOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_clear_pointer (&outcome->result, json_node_unref);
  g_clear_pointer (&outcome->comparison, json_node_unref);
  g_clear_pointer (&outcome->diff, json_node_unref);
  g_free (outcome->comparison_error);
  g_free (outcome);
}

static void
job_free (Job *job)
{
  if (job->chain_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (job->outer), job->chain_id);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->outer);
  g_clear_object (&job->inner);
  g_clear_object (&job->file);
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_clear_object (&job->input);
  g_free (job->name);
  g_clear_pointer (&job->request, sluice_impact_run_request_free);
  g_free (job->entity);
  g_clear_pointer (&job->info, sluice_impact_dataset_info_unref);
  g_free (job);
}

/* ---- in the job's thread -------------------------------------------------------- */

static SluiceImpactDatasetInfo *
describe_store (SluiceEventStore *store,
                GError          **error)
{
  SluiceImpactDatasetInfo *info = g_atomic_rc_box_new0 (SluiceImpactDatasetInfo);

  info->path = g_strdup (sluice_event_store_get_path (store));
  info->n_events = sluice_event_store_count_events (store);
  info->has_events = sluice_event_store_get_time_range (store, &info->first_ms, &info->last_ms);
  info->generation = sluice_event_store_get_generation (store);
  info->tenants = sluice_event_store_list_tenants (store, error);
  if (info->tenants != NULL)
    info->segments = sluice_event_store_list_segments (store, error);
  if (info->segments == NULL)
    {
      sluice_impact_dataset_info_unref (info);
      return NULL;
    }
  return info;
}

static void
forget_comparison (SluiceImpactRunner *self)
{
  g_clear_pointer (&self->cached_key, g_free);
  g_clear_pointer (&self->cached_result, sluice_sim_result_unref);
  g_clear_pointer (&self->cached_json, json_node_unref);
}

static gboolean
open_in_thread (SluiceImpactRunner  *self,
                Job                 *job,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autofree char *path = g_file_get_path (job->file);
  g_autoptr(SluiceEventStore) store = NULL;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Datasets must be local files"));
      return FALSE;
    }

  /* the same dataset again keeps its warm simulator */
  if (self->store == NULL || g_strcmp0 (sluice_event_store_get_path (self->store), path) != 0)
    {
      store = sluice_event_store_open (path, error);
      if (store == NULL)
        return FALSE;

      forget_comparison (self);
      g_clear_object (&self->simulator);
      g_set_object (&self->store, store);
      self->simulator = sluice_simulator_new (self->store);
    }

  job->info = describe_store (self->store, error);
  return job->info != NULL;
}

typedef struct
{
  SluiceImpactRunner         *self;
  SluiceImpactImportProgress  progress;
} ProgressIdle;

static void
progress_idle_free (ProgressIdle *idle)
{
  g_object_unref (idle->self);
  g_free (idle->progress.file_name);
  g_free (idle);
}

static gboolean
emit_progress_cb (gpointer data)
{
  ProgressIdle *idle = data;

  g_signal_emit (idle->self, signals[IMPORT_PROGRESS], 0, &idle->progress);
  return G_SOURCE_REMOVE;
}

/* Called by the importer in the job's thread; shown in the main thread. */
static void
import_progress_cb (const SluiceImportProgress *status,
                    gpointer                    user_data)
{
  Job *job = user_data;
  ProgressIdle *idle = g_new0 (ProgressIdle, 1);

  idle->self = g_object_ref (g_task_get_source_object (job->inner));
  idle->progress.file_index = job->file_index;
  idle->progress.n_files = job->files ? job->files->len : 1;
  idle->progress.file_name = g_strdup (job->name);
  idle->progress.bytes_read = status->bytes_read;
  idle->progress.bytes_total = status->bytes_total;
  idle->progress.events_read = status->events_read;
  idle->progress.events_added = status->events_added;
  idle->progress.elapsed_us = g_get_monotonic_time () - job->started_us;

  g_main_context_invoke_full (g_task_get_context (job->inner), G_PRIORITY_DEFAULT,
                              emit_progress_cb, idle, (GDestroyNotify) progress_idle_free);
}

static GPtrArray *
import_in_thread (SluiceImpactRunner  *self,
                  Job                 *job,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_import_report_free);

  if (self->store == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("Open or create a dataset before importing events"));
      return NULL;
    }

  job->started_us = g_get_monotonic_time ();

  if (job->input != NULL)
    {
      SluiceImportReport *report;

      report = sluice_event_store_import (self->store, job->input, job->name, job->bytes_total,
                                          SLUICE_EVENT_FORMAT_AUTO, NULL,
                                          import_progress_cb, job, cancellable, error);
      if (report == NULL)
        return NULL;
      g_ptr_array_add (reports, report);
    }

  for (guint i = 0; job->files != NULL && i < job->files->len; i++)
    {
      GFile *file = g_ptr_array_index (job->files, i);
      SluiceImportReport *report;

      job->file_index = i;
      g_free (job->name);
      job->name = g_file_get_basename (file);
      report = sluice_event_store_import_file (self->store, file, SLUICE_EVENT_FORMAT_AUTO, NULL,
                                               import_progress_cb, job, cancellable, error);
      if (report == NULL)
        {
          /* the files before were imported whole; say which one failed */
          if (error != NULL && *error != NULL && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_prefix_error (error, "%s: ", job->name);
          break;
        }
      g_ptr_array_add (reports, report);
    }

  /* what was imported before a failure or a cancel stays: describe it */
  job->info = describe_store (self->store, NULL);

  if (error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&reports);
}

static gboolean
segment_in_thread (SluiceImpactRunner  *self,
                   Job                 *job,
                   guint               *n_entities,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autoptr(GFileInputStream) input = NULL;

  if (self->store == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("Open or create a dataset before importing a segment"));
      return FALSE;
    }

  input = g_file_read (job->file, cancellable, error);
  if (input == NULL
      || !sluice_event_store_import_segment (self->store, job->name, G_INPUT_STREAM (input),
                                             n_entities, cancellable, error))
    return FALSE;

  job->info = describe_store (self->store, error);
  return job->info != NULL;
}

static SluiceWorkflow *
load_comparison (SluiceImpactRunRequest  *request,
                 GError                 **error)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(GError) local_error = NULL;
  SluiceWorkflow *workflow;

  if (request->comparison != NULL)
    return g_object_ref (request->comparison);

  workflow = sluice_workflow_load_from_file (request->comparison_file, diagnostics, &local_error);
  if (workflow != NULL)
    return workflow;

  if (local_error != NULL)
    g_set_error (error, local_error->domain, local_error->code,
                 _("The saved file could not be read: %s"), local_error->message);
  else
    {
      const SluiceDiagnostic *first = diagnostics->len > 0 ? g_ptr_array_index (diagnostics, 0) : NULL;

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The saved file is not a valid workflow: %s"),
                   first ? first->message : _("it could not be loaded"));
    }
  return NULL;
}

/* The comparison's result, run once per version, scope and dataset. */
static SluiceSimResult *
run_comparison (SluiceImpactRunner      *self,
                SluiceImpactRunRequest  *request,
                gboolean                *cached,
                SluiceWorkflow         **out_workflow,
                GCancellable            *cancellable,
                GError                 **error)
{
  g_autoptr(SluiceWorkflow) workflow = load_comparison (request, error);
  g_autoptr(SluiceScope) scope = NULL;
  g_autoptr(JsonNode) scope_json = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *scope_text = NULL;
  g_autofree char *key = NULL;
  SluiceSimResult *result;

  *cached = FALSE;
  if (workflow == NULL)
    return NULL;

  /* who a canary covers does not matter to the comparison */
  scope = sluice_scope_copy (request->scope);
  scope->canary_percent = -1;
  g_clear_pointer (&scope->canary_segment, g_free);

  digest = sluice_workflow_get_digest (workflow);
  scope_json = sluice_scope_to_json (scope);
  scope_text = sluice_json_to_string (scope_json, FALSE);
  key = g_strdup_printf ("%s %s %" PRIu64, digest, scope_text,
                         sluice_event_store_get_generation (self->store));

  if (out_workflow != NULL)
    *out_workflow = g_object_ref (workflow);

  if (g_strcmp0 (key, self->cached_key) == 0)
    {
      *cached = TRUE;
      return sluice_sim_result_ref (self->cached_result);
    }

  result = sluice_simulator_run (self->simulator, workflow, scope, cancellable, error);
  if (result == NULL)
    {
      if (out_workflow != NULL)
        g_clear_object (out_workflow);
      return NULL;
    }

  forget_comparison (self);
  self->cached_key = g_steal_pointer (&key);
  self->cached_result = sluice_sim_result_ref (result);
  self->cached_json = sluice_sim_result_to_json (result, request->max_entities);
  return result;
}

/* The request's own workflow, over the open dataset. */
static SluiceSimResult *
run_workflow (SluiceImpactRunner      *self,
              SluiceImpactRunRequest  *request,
              GCancellable            *cancellable,
              GError                 **error)
{
  if (self->simulator == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("Open a dataset to dry-run the workflow"));
      return NULL;
    }
  return sluice_simulator_run (self->simulator, request->workflow, request->scope, cancellable, error);
}

static SluiceImpactOutcome *
run_in_thread (SluiceImpactRunner  *self,
               Job                 *job,
               GCancellable        *cancellable,
               GError             **error)
{
  SluiceImpactRunRequest *request = job->request;
  g_autoptr(SluiceImpactOutcome) outcome = g_new0 (SluiceImpactOutcome, 1);
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(SluiceSimResult) before = NULL;
  gint64 started = g_get_monotonic_time ();

  result = run_workflow (self, request, cancellable, error);
  if (result == NULL)
    return NULL;

  if (request->comparison != NULL || request->comparison_file != NULL)
    {
      g_autoptr(GError) comparison_error = NULL;
      gboolean cached;

      before = run_comparison (self, request, &cached, NULL, cancellable, &comparison_error);
      if (g_error_matches (comparison_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&comparison_error));
          return NULL;
        }
      if (before == NULL)
        outcome->comparison_error = g_strdup (comparison_error->message);
    }
  outcome->run_us = g_get_monotonic_time () - started;

  outcome->result = sluice_sim_result_to_json (result, request->max_entities);
  if (before != NULL)
    {
      g_autoptr(SluiceSimDiff) diff = sluice_sim_diff_new (before, result);

      outcome->comparison = json_node_ref (self->cached_json);
      outcome->diff = sluice_sim_diff_to_json (diff, request->max_entities);
    }

  outcome->total_us = g_get_monotonic_time () - started;
  return g_steal_pointer (&outcome);
}

/* The same report sluice-cli report writes: the dry runs are made again
 * (the comparison's usually comes from the cache), with the report's own
 * limit on listed entities. */
static gboolean
report_in_thread (SluiceImpactRunner  *self,
                  Job                 *job,
                  GCancellable        *cancellable,
                  GError             **error)
{
  SluiceImpactRunRequest *request = job->request;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(SluiceSimResult) before = NULL;
  g_autoptr(SluiceWorkflow) comparison = NULL;
  g_autoptr(SluiceReport) report = NULL;

  result = run_workflow (self, request, cancellable, error);
  if (result == NULL)
    return FALSE;

  if (request->comparison != NULL || request->comparison_file != NULL)
    {
      gboolean cached;

      before = run_comparison (self, request, &cached, &comparison, cancellable, error);
      if (before == NULL)
        return FALSE;
    }

  report = sluice_report_new (request->workflow, comparison, result, before, self->store);
  return sluice_report_write (report, job->file, sluice_report_output_for_filename (g_file_peek_path (job->file)),
                              cancellable, error);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  SluiceImpactRunner *self = source_object;
  Job *job = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (job->kind)
    {
    case JOB_OPEN:
      if (open_in_thread (self, job, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      break;

    case JOB_IMPORT:
      {
        GPtrArray *reports = import_in_thread (self, job, cancellable, &error);

        if (reports != NULL)
          g_task_return_pointer (task, reports, (GDestroyNotify) g_ptr_array_unref);
        else
          g_task_return_error (task, error);
      }
      break;

    case JOB_SEGMENT:
      {
        guint n = 0;

        if (segment_in_thread (self, job, &n, cancellable, &error))
          g_task_return_int (task, n);
        else
          g_task_return_error (task, error);
      }
      break;

    case JOB_RUN:
      {
        SluiceImpactOutcome *outcome = run_in_thread (self, job, cancellable, &error);

        if (outcome != NULL)
          g_task_return_pointer (task, outcome, (GDestroyNotify) sluice_impact_outcome_free);
        else
          g_task_return_error (task, error);
      }
      break;

    case JOB_REPORT:
      if (report_in_thread (self, job, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      break;

    case JOB_SHADOW_LOG:
      {
        JsonNode *log = NULL;

        if (self->simulator == NULL)
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Open a dataset first"));
        else
          log = sluice_simulator_shadow_log (self->simulator, job->request->workflow, job->request->scope,
                                             job->entity, 200, cancellable, &error);
        if (log != NULL)
          g_task_return_pointer (task, log, (GDestroyNotify) json_node_unref);
        else
          g_task_return_error (task, error);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ---- the queue, in the main thread ------------------------------------------------ */

static void start_next (SluiceImpactRunner *self);

/* Hands the thread's answer to the caller's task, keeps the dataset's
 * description, and starts the next job. */
static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  /* the job's task may hold the last reference */
  g_autoptr(SluiceImpactRunner) self = g_object_ref (SLUICE_IMPACT_RUNNER (source));
  Job *job = user_data;
  GTask *inner = G_TASK (result);
  g_autoptr(GTask) outer = g_object_ref (job->outer);
  GError *error = NULL;

  g_assert (self->current == job);
  self->current = NULL;

  if (job->info != NULL)
    {
      g_clear_pointer (&self->info, sluice_impact_dataset_info_unref);
      self->info = sluice_impact_dataset_info_ref (job->info);
    }

  switch (job->kind)
    {
    case JOB_OPEN:
      if (g_task_propagate_boolean (inner, &error))
        g_task_return_pointer (outer, sluice_impact_dataset_info_ref (job->info),
                               (GDestroyNotify) sluice_impact_dataset_info_unref);
      else
        g_task_return_error (outer, error);
      break;

    case JOB_REPORT:
      if (g_task_propagate_boolean (inner, &error))
        g_task_return_boolean (outer, TRUE);
      else
        g_task_return_error (outer, error);
      break;

    case JOB_SEGMENT:
      {
        gssize n = g_task_propagate_int (inner, &error);

        if (n >= 0)
          g_task_return_int (outer, n);
        else
          g_task_return_error (outer, error);
      }
      break;

    case JOB_IMPORT:
    case JOB_RUN:
    case JOB_SHADOW_LOG:
    default:
      {
        gpointer value = g_task_propagate_pointer (inner, &error);
        GDestroyNotify destroy = job->kind == JOB_IMPORT ? (GDestroyNotify) g_ptr_array_unref
                               : job->kind == JOB_RUN ? (GDestroyNotify) sluice_impact_outcome_free
                               : (GDestroyNotify) json_node_unref;

        if (value != NULL)
          g_task_return_pointer (outer, value, destroy);
        else
          g_task_return_error (outer, error);
      }
      break;
    }

  job_free (job);
  start_next (self);
}

static void
start_next (SluiceImpactRunner *self)
{
  Job *job;

  if (self->current != NULL || (job = g_queue_pop_head (&self->pending)) == NULL)
    return;

  self->current = job;
  /* the job's task holds the runner until the thread is done with it */
  job->inner = g_task_new (self, job->cancellable, job_done_cb, job);
  g_task_set_source_tag (job->inner, start_next);
  g_task_set_task_data (job->inner, job, NULL);
  g_task_run_in_thread (job->inner, job_thread);
}

static void
submit (SluiceImpactRunner *self,
        Job                *job)
{
  g_queue_push_tail (&self->pending, job);
  start_next (self);
}

static void
chain_cancel_cb (GCancellable *cancellable,
                 GCancellable *own)
{
  g_cancellable_cancel (own);
}

static Job *
job_new (SluiceImpactRunner  *self,
         JobKind              kind,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data,
         gpointer             source_tag)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->outer, source_tag);

  /* its own cancellable, so that a newer run can cancel this one alone */
  job->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    job->chain_id = g_cancellable_connect (cancellable, G_CALLBACK (chain_cancel_cb),
                                           g_object_ref (job->cancellable), g_object_unref);
  return job;
}

/* Ends the runs (or shadow logs) still waiting, and cancels the one in
 * progress: a newer one replaces them. */
static void
supersede (SluiceImpactRunner *self,
           JobKind             kind)
{
  GList *l = self->pending.head;

  while (l != NULL)
    {
      GList *next = l->next;
      Job *job = l->data;

      if (job->kind == kind)
        {
          g_queue_delete_link (&self->pending, l);
          g_task_return_new_error (job->outer, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   _("A newer dry run replaced this one"));
          job_free (job);
        }
      l = next;
    }

  if (self->current != NULL && self->current->kind == kind)
    g_cancellable_cancel (self->current->cancellable);
}

/* ---- public -------------------------------------------------------------------- */

static void
sluice_impact_runner_dispose (GObject *object)
{
  SluiceImpactRunner *self = (SluiceImpactRunner *) object;
  Job *job;

  /* only reached when no job runs: each holds a reference */
  while ((job = g_queue_pop_head (&self->pending)) != NULL)
    {
      g_task_return_new_error (job->outer, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Closed"));
      job_free (job);
    }

  G_OBJECT_CLASS (sluice_impact_runner_parent_class)->dispose (object);
}

static void
sluice_impact_runner_finalize (GObject *object)
{
  SluiceImpactRunner *self = (SluiceImpactRunner *) object;

  forget_comparison (self);
  g_clear_object (&self->simulator);
  g_clear_object (&self->store);
  g_clear_pointer (&self->info, sluice_impact_dataset_info_unref);

  G_OBJECT_CLASS (sluice_impact_runner_parent_class)->finalize (object);
}

static void
sluice_impact_runner_class_init (SluiceImpactRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sluice_impact_runner_dispose;
  object_class->finalize = sluice_impact_runner_finalize;

  /**
   * SluiceImpactRunner::import-progress:
   * @progress: a SluiceImpactImportProgress
   *
   * Emitted in the main thread while events are imported.
   */
  signals[IMPORT_PROGRESS] =
    g_signal_new ("import-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
sluice_impact_runner_init (SluiceImpactRunner *self)
{
  g_queue_init (&self->pending);
}

SluiceImpactRunner *
sluice_impact_runner_new (void)
{
  return g_object_new (SLUICE_TYPE_IMPACT_RUNNER, NULL);
}

/* Returns: (transfer none) (nullable): the open dataset, as last described */
SluiceImpactDatasetInfo *
sluice_impact_runner_get_info (SluiceImpactRunner *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_RUNNER (self), NULL);
  return self->info;
}

gboolean
sluice_impact_runner_is_busy (SluiceImpactRunner *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_RUNNER (self), FALSE);
  return self->current != NULL || self->pending.length > 0;
}

/**
 * sluice_impact_runner_open_async:
 * @file: a dataset, made when it does not exist
 *
 * Opens @file as the dataset of the next jobs.
 */
void
sluice_impact_runner_open_async (SluiceImpactRunner  *self,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Job *job;

  g_return_if_fail (SLUICE_IS_IMPACT_RUNNER (self));
  g_return_if_fail (G_IS_FILE (file));

  job = job_new (self, JOB_OPEN, cancellable, callback, user_data, sluice_impact_runner_open_async);
  job->file = g_object_ref (file);
  submit (self, job);
}

/* Returns: (transfer full): the dataset's description */
SluiceImpactDatasetInfo *
sluice_impact_runner_open_finish (SluiceImpactRunner  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sluice_impact_runner_import_async (SluiceImpactRunner  *self,
                                   GFile              **files,
                                   guint                n_files,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Job *job;

  g_return_if_fail (SLUICE_IS_IMPACT_RUNNER (self));
  g_return_if_fail (files != NULL || n_files == 0);

  job = job_new (self, JOB_IMPORT, cancellable, callback, user_data, sluice_impact_runner_import_async);
  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (job->files, g_object_ref (files[i]));
  submit (self, job);
}

/* Like sluice_impact_runner_import_async(), for one stream (a resource). */
void
sluice_impact_runner_import_stream_async (SluiceImpactRunner  *self,
                                          GInputStream        *input,
                                          const char          *name,
                                          guint64              bytes_total,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  Job *job;

  g_return_if_fail (SLUICE_IS_IMPACT_RUNNER (self));
  g_return_if_fail (G_IS_INPUT_STREAM (input));

  job = job_new (self, JOB_IMPORT, cancellable, callback, user_data, sluice_impact_runner_import_async);
  job->input = g_object_ref (input);
  job->name = g_strdup (name);
  job->bytes_total = bytes_total;
  submit (self, job);
}

/**
 * sluice_impact_runner_import_finish:
 *
 * Returns: (transfer full) (element-type SluiceImportReport): one report
 *   per file, or %NULL with @error set; files imported before a failure
 *   stay imported, the failed one is rolled back
 */
GPtrArray *
sluice_impact_runner_import_finish (SluiceImpactRunner  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sluice_impact_runner_import_segment_async (SluiceImpactRunner  *self,
                                           const char          *name,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  Job *job;

  g_return_if_fail (SLUICE_IS_IMPACT_RUNNER (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (G_IS_FILE (file));

  job = job_new (self, JOB_SEGMENT, cancellable, callback, user_data, sluice_impact_runner_import_segment_async);
  job->name = g_strdup (name);
  job->file = g_object_ref (file);
  submit (self, job);
}

/* Returns: how many entities the segment has, or 0 with @error set */
guint
sluice_impact_runner_import_segment_finish (SluiceImpactRunner  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? n : 0;
}

/**
 * sluice_impact_runner_run_async:
 * @request: (transfer full): what to run
 *
 * Dry-runs the request's workflow, and its comparison when it has one.
 */
void
sluice_impact_runner_run_async (SluiceImpactRunner     *self,
                                SluiceImpactRunRequest *request,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  Job *job;

  g_return_if_fail (SLUICE_IS_IMPACT_RUNNER (self));
  g_return_if_fail (request != NULL && SLUICE_IS_WORKFLOW (request->workflow) && request->scope != NULL);

  supersede (self, JOB_RUN);

  job = job_new (self, JOB_RUN, cancellable, callback, user_data, sluice_impact_runner_run_async);
  job->request = request;
  submit (self, job);
}

/* Returns: (transfer full): the outcome, or %NULL with @error set
 *   (G_IO_ERROR_CANCELLED when a newer run replaced this one) */
SluiceImpactOutcome *
sluice_impact_runner_run_finish (SluiceImpactRunner  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sluice_impact_runner_shadow_log_async:
 * @workflow: copied
 *
 * What the workflow would do to @entity; see sluice_simulator_shadow_log().
 * A newer request replaces one that has not finished.
 */
void
sluice_impact_runner_shadow_log_async (SluiceImpactRunner  *self,
                                       SluiceWorkflow      *workflow,
                                       const SluiceScope   *scope,
                                       const char          *entity,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Job *job;

  g_return_if_fail (SLUICE_IS_IMPACT_RUNNER (self));
  g_return_if_fail (SLUICE_IS_WORKFLOW (workflow));
  g_return_if_fail (scope != NULL && entity != NULL);

  supersede (self, JOB_SHADOW_LOG);

  job = job_new (self, JOB_SHADOW_LOG, cancellable, callback, user_data, sluice_impact_runner_shadow_log_async);
  job->request = g_new0 (SluiceImpactRunRequest, 1);
  job->request->workflow = sluice_workflow_copy (workflow);
  job->request->scope = sluice_scope_copy (scope);
  job->entity = g_strdup (entity);
  submit (self, job);
}

/* Returns: (transfer full): a JSON array of {event, fate, actions} */
JsonNode *
sluice_impact_runner_shadow_log_finish (SluiceImpactRunner  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sluice_impact_runner_report_async:
 * @request: (transfer full): what to run
 * @file: where to write the report; its name's extension says the format
 *   (.sluice-report, .html or .pdf)
 *
 * Dry-runs the request like sluice_impact_runner_run_async() and writes
 * the impact report of it, as `sluice-cli report` would. Reports wait
 * their turn; they do not replace each other or runs.
 */
void
sluice_impact_runner_report_async (SluiceImpactRunner     *self,
                                   SluiceImpactRunRequest *request,
                                   GFile                  *file,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  Job *job;

  g_return_if_fail (SLUICE_IS_IMPACT_RUNNER (self));
  g_return_if_fail (request != NULL && SLUICE_IS_WORKFLOW (request->workflow) && request->scope != NULL);
  g_return_if_fail (G_IS_FILE (file) && g_file_peek_path (file) != NULL);

  job = job_new (self, JOB_REPORT, cancellable, callback, user_data, sluice_impact_runner_report_async);
  job->request = request;
  job->file = g_object_ref (file);
  submit (self, job);
}

gboolean
sluice_impact_runner_report_finish (SluiceImpactRunner  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
