/* sluice-impact-view.c — scope, comparison and the live dry runs
 *
 * Every behaviour edit of the document, and every change of scope or
 * comparison, asks for a run. Runs start at once when none started in the
 * last SLUICE_IMPACT_THROTTLE_MS, otherwise when that time is up, with the
 * document as it is then: a single edit is answered as fast as the engine
 * runs, and a stream of edits (typing, dragging a value) is followed a few
 * times a second instead of queueing a run per keystroke. A newer run
 * cancels the older one in the worker, whose answer is then dropped.
 *
 * Datasets and imports are in sluice-impact-view-data.c; how a run's JSON
 * is shown is in sluice-impact-view-results.c.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-impact-view-private.h"

G_DEFINE_FINAL_TYPE (SluiceImpactView, sluice_impact_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_RUNNING,
  PROP_IMPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SHOW_STEP,
  UPDATED,
  IMPORT_FINISHED,
  DATASET_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- formatting ------------------------------------------------------------ */

/* 1234567 → "1,234,567" in the user's locale */
char *
sluice_impact_format_count (gint64 value)
{
  return g_strdup_printf ("%'" PRId64, value);
}

/* "+12", "−3" (a real minus sign), "±0" */
char *
sluice_impact_format_delta (gint64 delta)
{
  if (delta > 0)
    return g_strdup_printf ("+%'" PRId64, delta);
  if (delta < 0)
    return g_strdup_printf ("−%'" PRId64, -delta);
  return g_strdup ("±0");
}

char *
sluice_impact_format_bytes (guint64 bytes)
{
  return g_format_size (bytes);
}

void
sluice_impact_view_toast (SluiceImpactView *self,
                          const char       *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

/* A problem that does not stop the results from showing, e.g. the
 * comparison's file could not be read; NULL hides it. */
void
sluice_impact_view_set_banner (SluiceImpactView *self,
                               const char       *message)
{
  if (message != NULL)
    gtk_label_set_text (self->banner_label, message);
  /* hidden, it must not take the box's spacing either */
  gtk_widget_set_visible (GTK_WIDGET (self->banner_revealer), message != NULL);
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

/* ---- scope ------------------------------------------------------------------- */

/**
 * sluice_impact_view_make_scope:
 *
 * The scope the controls describe, against the open dataset.
 *
 * Returns: (transfer full) (nullable): the scope, or %NULL with @error set
 *   when the custom window cannot be read
 */
SluiceScope *
sluice_impact_view_make_scope (SluiceImpactView  *self,
                               GError           **error)
{
  static const char * const windows[] = { "1d", "7d", "30d" };
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  WindowChoice choice = gtk_drop_down_get_selected (self->window_dropdown);
  gint64 last = self->info != NULL && self->info->has_events ? self->info->last_ms : 0;
  guint canary = gtk_drop_down_get_selected (self->canary_dropdown);

  if (choice <= WINDOW_MONTH)
    {
      if (!sluice_scope_parse_window (scope, windows[choice], NULL, last, error))
        return NULL;
    }
  else if (choice == WINDOW_CUSTOM)
    {
      const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
      const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
      g_autofree char *from_text = g_strstrip (g_strdup (from));
      g_autofree char *to_text = g_strstrip (g_strdup (to));

      if (!sluice_scope_parse_window (scope, *from_text ? from_text : NULL, *to_text ? to_text : NULL, last, error))
        return NULL;
    }

  if (self->info != NULL && g_hash_table_size (self->unchecked_tenants) > 0)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < self->info->tenants->len; i++)
        {
          SluiceTenantCount *count = g_ptr_array_index (self->info->tenants, i);

          if (count->tenant != NULL && !g_hash_table_contains (self->unchecked_tenants, count->tenant))
            g_strv_builder_add (builder, count->tenant);
        }
      scope->tenants = g_strv_builder_end (builder);
    }

  if (g_hash_table_size (self->checked_segments) > 0)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, self->checked_segments);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        g_strv_builder_add (builder, name);
      scope->segments = g_strv_builder_end (builder);
    }

  /* the first item is the percentage, then the segments */
  if (canary == 0 || canary == GTK_INVALID_LIST_POSITION)
    scope->canary_percent = gtk_range_get_value (GTK_RANGE (self->canary_scale));
  else
    {
      GListModel *model = gtk_drop_down_get_model (self->canary_dropdown);
      scope->canary_segment = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), canary));
    }

  return g_steal_pointer (&scope);
}

static void
window_changed_cb (SluiceImpactView *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->window_dropdown) == WINDOW_CUSTOM;

  gtk_revealer_set_reveal_child (self->custom_revealer, custom);
  if (custom && *gtk_editable_get_text (GTK_EDITABLE (self->from_entry)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
  sluice_impact_view_schedule_run (self);
}

/* While typing, runs only once both entries make a window (half a
 * timestamp is no news); Enter runs anyway, so the problem is said. */
static void
custom_window_cb (SluiceImpactView *self,
                  GtkEntry         *entry)
{
  g_autoptr(SluiceScope) scope = NULL;
  gboolean valid;

  if (gtk_drop_down_get_selected (self->window_dropdown) != WINDOW_CUSTOM)
    return;

  scope = sluice_impact_view_make_scope (self, NULL);
  valid = scope != NULL;
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *widget = GTK_WIDGET (i == 0 ? self->from_entry : self->to_entry);

      if (valid)
        gtk_widget_remove_css_class (widget, "error");
      else
        gtk_widget_add_css_class (widget, "error");
    }
  if (valid)
    sluice_impact_view_schedule_run (self);
}

static void
custom_window_activate_cb (SluiceImpactView *self)
{
  if (gtk_drop_down_get_selected (self->window_dropdown) == WINDOW_CUSTOM)
    sluice_impact_view_schedule_run (self);
}

static void
canary_changed_cb (SluiceImpactView *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->canary_scale),
                            gtk_drop_down_get_selected (self->canary_dropdown) == 0);
  sluice_impact_view_schedule_run (self);
}

/* ---- comparison ----------------------------------------------------------------- */

static void
compare_changed_cb (SluiceImpactView *self)
{
  SluiceImpactComparison comparison = gtk_drop_down_get_selected (self->compare_dropdown);

  if (comparison == self->comparison)
    return;
  self->comparison = comparison;
  sluice_impact_view_schedule_run (self);
}

void
sluice_impact_view_set_comparison (SluiceImpactView       *self,
                                   SluiceImpactComparison  comparison)
{
  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));
  g_return_if_fail (comparison <= SLUICE_IMPACT_COMPARE_PUBLISHED);

  gtk_drop_down_set_selected (self->compare_dropdown, comparison);
}

/**
 * sluice_impact_view_keep_comparison:
 *
 * Keeps the workflow as it is now and compares the next edits with it.
 */
void
sluice_impact_view_keep_comparison (SluiceImpactView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  SluiceWorkflow *workflow;

  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));

  if (self->document == NULL)
    return;

  workflow = sluice_document_get_workflow (self->document);
  g_clear_object (&self->kept);
  g_free (self->kept_yaml);
  g_free (self->kept_label);
  self->kept = sluice_workflow_copy (workflow);
  /* the text is what a report would keep of it */
  self->kept_yaml = sluice_workflow_to_yaml (workflow);
  self->kept_label = g_date_time_format (now, "%X");

  if (self->comparison == SLUICE_IMPACT_COMPARE_SNAPSHOT)
    sluice_impact_view_schedule_run (self);
  else
    sluice_impact_view_set_comparison (self, SLUICE_IMPACT_COMPARE_SNAPSHOT);

  {
    g_autofree char *message = g_strdup_printf (_("Kept the workflow as of %s: edits are now compared with it"),
                                                self->kept_label);
    sluice_impact_view_toast (self, message);
  }
}

/**
 * sluice_impact_view_set_published:
 * @yaml: (nullable): the workflow as the control plane has it, or %NULL
 *   when there is none (not signed in, nothing published)
 * @label: (nullable): what to call it, e.g. "version 3 on prod"
 *
 * The version "The Published Version" compares with.
 */
void
sluice_impact_view_set_published (SluiceImpactView *self,
                                  const char       *yaml,
                                  const char       *label)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;

  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));

  if (yaml != NULL)
    workflow = sluice_workflow_load_from_data (yaml, strlen (yaml), diagnostics);
  if (workflow == NULL && self->published == NULL)
    return;
  if (workflow != NULL && self->published != NULL && sluice_workflow_equal (workflow, self->published)
      && g_strcmp0 (label, self->published_label) == 0)
    return;

  g_set_object (&self->published, workflow);
  g_free (self->published_label);
  self->published_label = workflow != NULL ? g_strdup (label) : NULL;
  if (self->comparison == SLUICE_IMPACT_COMPARE_PUBLISHED)
    sluice_impact_view_schedule_run (self);
}

static void
keep_comparison_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  sluice_impact_view_keep_comparison (SLUICE_IMPACT_VIEW (widget));
}

/* ---- runs ------------------------------------------------------------------------- */

static void
set_running (SluiceImpactView *self,
             gboolean          running)
{
  if (self->running == running)
    return;
  self->running = running;
  gtk_spinner_set_spinning (self->spinner, running);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

typedef struct
{
  SluiceImpactView *self;
  guint             serial;
  gint64            requested_us;
} RunData;

static void
show_run_error (SluiceImpactView *self,
                const char       *message)
{
  g_free (self->error);
  self->error = g_strdup (message);

  /* with results on screen, say it above them; otherwise instead of them */
  if (self->result != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s. The numbers below are from the last run that worked."), message);
      sluice_impact_view_set_banner (self, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->results_stack), "dim-label");
    }
  else
    {
      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->results_stack, "error");
    }
  gtk_label_set_text (self->status_label, _("Not updated"));
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunData *data = user_data;
  g_autoptr(SluiceImpactView) self = data->self;
  g_autoptr(SluiceImpactOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  guint serial = data->serial;
  gint64 requested_us = data->requested_us;

  g_free (data);
  outcome = sluice_impact_runner_run_finish (SLUICE_IMPACT_RUNNER (source), result, &error);

  /* a newer run replaced this one: it will answer */
  if (serial != self->run_serial || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (self->throttle_id == 0)
    set_running (self, FALSE);

  if (outcome == NULL)
    {
      show_run_error (self, error->message);
      g_signal_emit (self, signals[UPDATED], 0);
      return;
    }

  g_clear_pointer (&self->error, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->results_stack), "dim-label");
  sluice_impact_view_set_banner (self, outcome->comparison_error ? outcome->comparison_error : self->comparison_note);

  g_clear_pointer (&self->result, json_node_unref);
  g_clear_pointer (&self->comparison_result, json_node_unref);
  g_clear_pointer (&self->diff, json_node_unref);
  self->result = g_steal_pointer (&outcome->result);
  self->comparison_result = g_steal_pointer (&outcome->comparison);
  self->diff = g_steal_pointer (&outcome->diff);

  sluice_impact_view_render (self);
  gtk_stack_set_visible_child_name (self->results_stack, "results");

  self->last_run_us = g_get_monotonic_time () - requested_us;
  {
    g_autofree char *status = g_strdup_printf (_("Dry run %.0f ms · shown %.0f ms after the change"),
                                               outcome->run_us / 1000.0, self->last_run_us / 1000.0);
    gtk_label_set_text (self->status_label, status);
  }

  sluice_impact_view_refresh_entity (self);
  g_signal_emit (self, signals[UPDATED], 0);
}

/**
 * sluice_impact_view_make_request:
 * @comparison_note: (out) (optional): why the comparison asked for is
 *   missing, if it is
 *
 * A dry run of the document as it is now, in the scope and with the
 * comparison the controls say.
 *
 * Returns: (transfer full) (nullable): the request, or %NULL with @error
 *   set when the scope cannot be read
 */
SluiceImpactRunRequest *
sluice_impact_view_make_request (SluiceImpactView  *self,
                                 char             **comparison_note,
                                 GError           **error)
{
  g_autoptr(SluiceImpactRunRequest) request = g_new0 (SluiceImpactRunRequest, 1);
  const char *note = NULL;

  request->scope = sluice_impact_view_make_scope (self, error);
  if (request->scope == NULL)
    return NULL;

  request->workflow = sluice_workflow_copy (sluice_document_get_workflow (self->document));
  request->max_entities = SLUICE_IMPACT_MAX_ENTITIES;

  switch (self->comparison)
    {
    case SLUICE_IMPACT_COMPARE_FILE:
      if (sluice_document_get_file (self->document) != NULL)
        request->comparison_file = g_object_ref (sluice_document_get_file (self->document));
      else
        note = _("The workflow has not been saved yet, so there is no saved file to compare with. Save it, or keep a version to compare with.");
      break;
    case SLUICE_IMPACT_COMPARE_SNAPSHOT:
      if (self->kept != NULL)
        request->comparison = sluice_workflow_copy (self->kept);
      else
        note = _("No version is kept yet: “Keep as Comparison” keeps the workflow as it is now.");
      break;
    case SLUICE_IMPACT_COMPARE_PUBLISHED:
      if (self->published != NULL)
        request->comparison = sluice_workflow_copy (self->published);
      else
        note = _("No published version is known: sign in to the control plane in the Rollout view (Alt+4), where this workflow’s published versions are listed.");
      break;
    case SLUICE_IMPACT_COMPARE_NONE:
    default:
      break;
    }

  if (comparison_note != NULL)
    *comparison_note = g_strdup (note);
  return g_steal_pointer (&request);
}

static gboolean
start_run_cb (gpointer user_data)
{
  SluiceImpactView *self = user_data;
  g_autoptr(SluiceImpactRunRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  RunData *data;

  self->throttle_id = 0;

  if (self->document == NULL || self->info == NULL)
    {
      set_running (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  if (self->info->n_events == 0)
    {
      self->run_serial++;
      set_running (self, FALSE);
      g_clear_pointer (&self->result, json_node_unref);
      show_run_error (self, _("The dataset has no events yet. Import event files, or drop them here."));
      g_signal_emit (self, signals[UPDATED], 0);
      return G_SOURCE_REMOVE;
    }

  g_clear_pointer (&self->comparison_note, g_free);
  request = sluice_impact_view_make_request (self, &self->comparison_note, &error);
  if (request == NULL)
    {
      /* superseded runs must not answer after this */
      self->run_serial++;
      set_running (self, FALSE);
      show_run_error (self, error->message);
      g_signal_emit (self, signals[UPDATED], 0);
      return G_SOURCE_REMOVE;
    }

  self->last_run_started_us = g_get_monotonic_time ();
  self->run_serial++;
  if (self->result == NULL)
    gtk_stack_set_visible_child_name (self->results_stack, "waiting");

  data = g_new0 (RunData, 1);
  data->self = g_object_ref (self);
  data->serial = self->run_serial;
  data->requested_us = self->requested_us;
  self->requested_us = 0;

  sluice_impact_runner_run_async (self->runner, g_steal_pointer (&request), self->cancellable, run_done_cb, data);
  return G_SOURCE_REMOVE;
}

/**
 * sluice_impact_view_schedule_run:
 *
 * Asks for a dry run of the document as it will be when the run starts.
 */
void
sluice_impact_view_schedule_run (SluiceImpactView *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 since;

  /* an import holds the worker; the dataset it changes is run when it ends */
  if (self->document == NULL || self->info == NULL || self->updating_lists || self->import_cancellable != NULL)
    return;

  if (self->requested_us == 0)
    self->requested_us = now;
  set_running (self, TRUE);

  if (self->throttle_id != 0)
    return;

  since = (now - self->last_run_started_us) / 1000;
  if (since >= SLUICE_IMPACT_THROTTLE_MS)
    /* after what else this main loop iteration changes */
    self->throttle_id = g_idle_add_full (G_PRIORITY_DEFAULT, start_run_cb, self, NULL);
  else
    self->throttle_id = g_timeout_add_full (G_PRIORITY_DEFAULT, SLUICE_IMPACT_THROTTLE_MS - since,
                                            start_run_cb, self, NULL);
}

/* ---- the document ---------------------------------------------------------------- */

static void
document_changed_cb (SluiceImpactView *self,
                     guint             flags)
{
  /* moving nodes changes nothing a dry run sees */
  if (flags & (SLUICE_DOCUMENT_CHANGE_BEHAVIOUR | SLUICE_DOCUMENT_CHANGE_REPLACED))
    sluice_impact_view_schedule_run (self);
}

/* Saving changes the saved file the view may compare with. */
static void
document_modified_cb (SluiceImpactView *self)
{
  if (self->comparison == SLUICE_IMPACT_COMPARE_FILE)
    sluice_impact_view_schedule_run (self);
}

void
sluice_impact_view_set_document (SluiceImpactView *self,
                                 SluiceDocument   *document)
{
  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));
  g_return_if_fail (document == NULL || SLUICE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  /* a version kept of another workflow is no comparison for this one */
  if (self->document != NULL)
    {
      g_clear_object (&self->kept);
      g_clear_pointer (&self->kept_yaml, g_free);
      if (self->comparison == SLUICE_IMPACT_COMPARE_SNAPSHOT)
        sluice_impact_view_set_comparison (self, SLUICE_IMPACT_COMPARE_NONE);
    }
  g_set_object (&self->document, document);

  g_signal_group_set_target (self->document_signals, document);
  sluice_impact_view_schedule_run (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

SluiceDocument *
sluice_impact_view_get_document (SluiceImpactView *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), NULL);
  return self->document;
}

/* ---- the step a row stands for ------------------------------------------------------- */

static void
step_row_activated_cb (SluiceImpactView *self,
                       GtkListBoxRow    *row)
{
  const char *step_id = g_object_get_data (G_OBJECT (row), "sluice-step-id");

  if (step_id != NULL)
    g_signal_emit (self, signals[SHOW_STEP], 0, step_id);
}

/* ---- public -------------------------------------------------------------------------- */

GtkWidget *
sluice_impact_view_new (void)
{
  return g_object_new (SLUICE_TYPE_IMPACT_VIEW, NULL);
}

/**
 * sluice_impact_view_set_window:
 * @window: "1d", "7d", "30d" or "all"
 *
 * Returns: %FALSE for another value
 */
gboolean
sluice_impact_view_set_window (SluiceImpactView *self,
                               const char       *window)
{
  static const char * const names[] = { "1d", "7d", "30d", "all" };

  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (window, names[i]) == 0)
      {
        gtk_drop_down_set_selected (self->window_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

/**
 * sluice_impact_view_set_custom_window:
 * @from: (nullable): an RFC 3339 time, or a duration back from the newest event
 * @to: (nullable): the same, for the end (excluded)
 */
void
sluice_impact_view_set_custom_window (SluiceImpactView *self,
                                      const char       *from,
                                      const char       *to)
{
  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from ? from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to ? to : "");
  gtk_drop_down_set_selected (self->window_dropdown, WINDOW_CUSTOM);
  /* as Enter does: a window that cannot be read is said */
  custom_window_activate_cb (self);
}

void
sluice_impact_view_set_canary (SluiceImpactView *self,
                               double            percent)
{
  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));

  gtk_drop_down_set_selected (self->canary_dropdown, 0);
  gtk_range_set_value (GTK_RANGE (self->canary_scale), CLAMP (percent, 0, 100));
}

gboolean
sluice_impact_view_get_running (SluiceImpactView *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), FALSE);
  return self->running;
}

/* Returns: (transfer none) (nullable): the result shown, as sluice_sim_result_to_json () makes it */
JsonNode *
sluice_impact_view_get_result (SluiceImpactView *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), NULL);
  return self->result;
}

/* Returns: (transfer none) (nullable): the diff shown, as sluice_sim_diff_to_json () makes it */
JsonNode *
sluice_impact_view_get_diff (SluiceImpactView *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), NULL);
  return self->diff;
}

/* Returns: (nullable): why the last run did not give results */
const char *
sluice_impact_view_get_error (SluiceImpactView *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), NULL);
  return self->error;
}

/* Returns: from a change to its results on screen, for the last run */
gint64
sluice_impact_view_get_last_run_us (SluiceImpactView *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), 0);
  return self->last_run_us;
}

/* Returns: (transfer none): the list shown, filtered and sorted
 *   (SluiceImpactEntity items) */
GListModel *
sluice_impact_view_get_diff_model (SluiceImpactView     *self,
                                   SluiceImpactDiffList  list)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), NULL);
  g_return_val_if_fail (list < SLUICE_IMPACT_N_DIFF_LISTS, NULL);
  return self->diff_models[list];
}

void
sluice_impact_view_show_results (SluiceImpactView *self,
                                 JsonNode         *result,
                                 JsonNode         *comparison,
                                 JsonNode         *diff)
{
  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));
  g_return_if_fail (result != NULL && JSON_NODE_HOLDS_OBJECT (result));

  g_clear_pointer (&self->result, json_node_unref);
  g_clear_pointer (&self->comparison_result, json_node_unref);
  g_clear_pointer (&self->diff, json_node_unref);
  self->result = json_node_ref (result);
  self->comparison_result = comparison ? json_node_ref (comparison) : NULL;
  self->diff = diff ? json_node_ref (diff) : NULL;

  sluice_impact_view_render (self);
  gtk_stack_set_visible_child_name (self->main_stack, "impact");
  gtk_stack_set_visible_child_name (self->results_stack, "results");
}

/* ---- life cycle ------------------------------------------------------------------------ */

static void
sluice_impact_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SluiceImpactView *self = SLUICE_IMPACT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_IMPORTING:
      g_value_set_boolean (value, sluice_impact_view_get_importing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_impact_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SluiceImpactView *self = SLUICE_IMPACT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      sluice_impact_view_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_impact_view_dispose (GObject *object)
{
  SluiceImpactView *self = (SluiceImpactView *) object;

  /* the runner finishes its jobs, and drops what they found */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->throttle_id, g_source_remove);
  sluice_impact_view_data_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SLUICE_TYPE_IMPACT_VIEW);

  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->runner);
  g_clear_object (&self->settings);
  g_clear_object (&self->kept);
  g_clear_object (&self->published);
  g_clear_object (&self->report);
  g_clear_object (&self->recent_menu);
  for (guint i = 0; i < SLUICE_IMPACT_N_DIFF_LISTS; i++)
    {
      g_clear_object (&self->diff_stores[i]);
      g_clear_object (&self->diff_models[i]);
      g_clear_object (&self->diff_filters[i]);
    }
  g_clear_pointer (&self->info, sluice_impact_dataset_info_unref);
  g_clear_pointer (&self->result, json_node_unref);
  g_clear_pointer (&self->comparison_result, json_node_unref);
  g_clear_pointer (&self->diff, json_node_unref);

  G_OBJECT_CLASS (sluice_impact_view_parent_class)->dispose (object);
}

static void
sluice_impact_view_finalize (GObject *object)
{
  SluiceImpactView *self = (SluiceImpactView *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->run_cancellable);
  g_hash_table_unref (self->unchecked_tenants);
  g_hash_table_unref (self->checked_segments);
  g_free (self->kept_yaml);
  g_free (self->kept_label);
  g_free (self->published_label);
  g_free (self->error);
  g_free (self->comparison_note);
  g_free (self->entity);

  G_OBJECT_CLASS (sluice_impact_view_parent_class)->finalize (object);
}

static void
sluice_impact_view_class_init (SluiceImpactViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sluice_impact_view_get_property;
  object_class->set_property = sluice_impact_view_set_property;
  object_class->dispose = sluice_impact_view_dispose;
  object_class->finalize = sluice_impact_view_finalize;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SLUICE_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* a run is wanted or under way */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SluiceImpactView::show-step:
   * @step_id: the step a finding or row is about
   *
   * The author wants to see the step on the canvas.
   */
  signals[SHOW_STEP] =
    g_signal_new ("show-step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * SluiceImpactView::updated:
   *
   * A run's results (or its error) are on screen.
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SluiceImpactView::import-finished:
   * @success: %FALSE when the import failed or was cancelled
   */
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * SluiceImpactView::dataset-changed:
   *
   * Another dataset was opened, or the open one changed (an import).
   */
  signals[DATASET_CHANGED] =
    g_signal_new ("dataset-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SLUICE_TYPE_IMPACT_TREEMAP);
  g_type_ensure (SLUICE_TYPE_IMPACT_BAR_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, "/dev/sluice/Sluice/sluice-impact-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, toasts);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, import_label);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, import_progress);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, scope_bar);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, report_group);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, data_group);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, canary_controls);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, window_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, custom_revealer);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, tenants_button);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, tenants_list);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, segments_button);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, segments_list);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, compare_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, spinner);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, status_label);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, flap);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, results_stack);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, error_page);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, banner_label);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, dataset_row);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, dataset_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, import_row);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, summary_group);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, cards_box);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, steps_list);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, treemap);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, diff_group);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, diff_search);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, diff_stack);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, diff_lists_box);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, deltas_list);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, findings_list);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, bar_chart);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, canary_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, canary_scale);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, canary_label);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, canary_entities);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, entity_title);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, entity_subtitle);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, entity_stack);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, entity_error);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, entity_events);
  gtk_widget_class_bind_template_child (widget_class, SluiceImpactView, entity_actions);
  gtk_widget_class_bind_template_callback (widget_class, window_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_window_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_window_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, canary_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, step_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "impact.keep-comparison", NULL, keep_comparison_action);

  sluice_impact_view_data_class_init (widget_class);
  sluice_impact_view_results_class_init (widget_class);
  sluice_impact_view_report_class_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "impactview");
}

static void
sluice_impact_view_init (SluiceImpactView *self)
{
  g_autofree char *default_scope = NULL;

  self->unchecked_tenants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->checked_segments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->runner = sluice_impact_runner_new ();
  self->settings = g_settings_new ("dev.sluice.Sluice");

  /* while the template is built no run is wanted */
  self->updating_lists = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->document_signals = g_signal_group_new (SLUICE_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::modified",
                                 G_CALLBACK (document_modified_cb), self, G_CONNECT_SWAPPED);

  /* the settings' window, counted back from the dataset's newest event */
  default_scope = g_settings_get_string (self->settings, "default-scope");
  if (!sluice_impact_view_set_window (self, default_scope))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), default_scope);
      gtk_drop_down_set_selected (self->window_dropdown, WINDOW_CUSTOM);
    }

  sluice_impact_view_data_init (self);
  sluice_impact_view_results_init (self);
  sluice_impact_view_report_init (self);
  self->updating_lists = FALSE;
}
