/* sluice-impact-view-report.c — impact reports in the Impact view
 *
 * “Save Report…” makes the report in the worker with sluice_report_new(),
 * from the same dry runs `sluice-cli report` makes, so a report saved in
 * the app and one written by CI agree number for number. A report opened
 * from a file is shown read-only instead of live runs: no dataset and no
 * scope controls, a group saying what was run where and by whom, and the
 * same action writes it out again as a report, an HTML page or a PDF.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-impact-view-private.h"

enum {
  ROW_WORKFLOW,
  ROW_COMPARISON,
  ROW_DATASET,
  ROW_CREATED,
  N_ROWS
};

G_STATIC_ASSERT (N_ROWS <= G_N_ELEMENTS (((SluiceImpactView *) NULL)->report_rows));

/* ---- saving ----------------------------------------------------------------------- */

static void
write_report_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  SluiceReport *report = g_object_get_data (G_OBJECT (task), "sluice-report");
  GFile *file = task_data;
  GError *error = NULL;

  if (sluice_report_write (report, file, sluice_report_output_for_filename (g_file_peek_path (file)),
                           cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
report_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (sluice_impact_runner_report_finish (SLUICE_IMPACT_RUNNER (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * sluice_impact_view_save_report:
 * @file: a local file; its extension chooses the format: .sluice-report,
 *   .html or .pdf
 *
 * Writes the impact report of what the view shows: the workflow as it is
 * now, dry-run in the current scope and against the current comparison,
 * or, for a report opened read-only, that report.
 */
void
sluice_impact_view_save_report (SluiceImpactView    *self,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SluiceImpactRunRequest *request;

  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sluice_impact_view_save_report);

  if (g_file_peek_path (file) == NULL
      || sluice_report_output_for_filename (g_file_peek_path (file)) == SLUICE_REPORT_OUTPUT_UNKNOWN)
    {
      g_autofree char *name = g_file_get_basename (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                               _("“%s” does not say which kind of report to write: end its name in .sluice-report, .html or .pdf"),
                               name);
      return;
    }

  if (self->report != NULL)
    {
      g_object_set_data_full (G_OBJECT (task), "sluice-report", g_object_ref (self->report), g_object_unref);
      g_task_set_task_data (task, g_object_ref (file), g_object_unref);
      g_task_run_in_thread (task, write_report_in_thread);
      return;
    }

  if (self->document == NULL || self->info == NULL || !self->info->has_events)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("Open a dataset with events to dry-run the workflow before saving a report"));
      return;
    }

  request = sluice_impact_view_make_request (self, NULL, &error);
  if (request == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sluice_impact_runner_report_async (self->runner, request, file, cancellable,
                                     report_written_cb, g_steal_pointer (&task));
}

gboolean
sluice_impact_view_save_report_finish (SluiceImpactView  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SluiceImpactView *self = SLUICE_IMPACT_VIEW (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  if (sluice_impact_view_save_report_finish (self, result, &error))
    message = g_strdup_printf (_("Report saved as “%s”"), name);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup_printf (_("Could not save the report: %s"), error->message);

  if (message != NULL)
    sluice_impact_view_toast (self, message);
}

static GtkFileFilter *
report_filter (const char *name,
               const char *pattern,
               const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime_type);
  /* which extension a name without one gets */
  g_object_set_data_full (G_OBJECT (filter), "sluice-extension", g_strdup (pattern + 1), g_free);
  return filter;
}

static char *
suggested_name (SluiceImpactView *self)
{
  const char *name = NULL;

  if (self->report != NULL)
    name = json_object_get_string_member_with_default (sluice_report_get_workflow (self->report), "name", NULL);
  else if (self->document != NULL)
    name = sluice_workflow_get_name (sluice_document_get_workflow (self->document));

  /* Translators: the name a new report file gets; %s is the workflow's name */
  return g_strdup_printf (_("%s-impact.sluice-report"), name != NULL && *name != '\0' ? name : "workflow");
}

static void
save_response_cb (GtkNativeDialog  *chooser,
                  int               response,
                  SluiceImpactView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (chosen);
      GFile *file;

      /* “review” in the PDF filter means review.pdf */
      if (path != NULL && sluice_report_output_for_filename (path) == SLUICE_REPORT_OUTPUT_UNKNOWN && filter != NULL)
        {
          g_autofree char *with_extension = g_strconcat (path, g_object_get_data (G_OBJECT (filter), "sluice-extension"), NULL);
          file = g_file_new_for_path (with_extension);
        }
      else
        file = g_object_ref (chosen);

      sluice_impact_view_save_report (self, file, self->cancellable, save_done_cb, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SluiceImpactView *self = SLUICE_IMPACT_VIEW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = suggested_name (self);
  GtkFileFilter *filters[] = {
    report_filter (_("Impact reports"), "*.sluice-report", "application/x-sluice-report"),
    report_filter (_("Web pages (HTML)"), "*.html", "text/html"),
    report_filter (_("PDF documents"), "*.pdf", "application/pdf"),
  };

  chooser = sluice_impact_view_chooser_new (self, self->report ? _("Export the Report") : _("Save an Impact Report"),
                                            GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filters[i]);
      g_object_unref (filters[i]);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A report needs results to report on; a report opened from a file can
 * always be written out again. */
void
sluice_impact_view_update_report_action (SluiceImpactView *self)
{
  gboolean can_save = self->report != NULL
                   || (self->document != NULL && self->result != NULL && self->info != NULL && self->info->has_events);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "impact.save-report", can_save);
}

/* ---- showing a report -------------------------------------------------------------- */

static char *
describe_workflow (JsonObject *workflow)
{
  const char *name = json_object_get_string_member_with_default (workflow, "name", NULL);
  gint64 version = json_object_get_int_member_with_default (workflow, "version", 0);

  if (name == NULL || *name == '\0')
    name = _("Unnamed workflow");
  if (version > 0)
    /* Translators: a workflow and its version, "usage-quota-80, version 3" */
    return g_strdup_printf (_("%s, version %" PRId64), name, version);
  return g_strdup (name);
}

static void
set_row (SluiceImpactView *self,
         guint             row,
         const char       *title,
         const char       *subtitle)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->report_rows[row]), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->report_rows[row]), subtitle ? subtitle : "");
}

static void
fill_report_group (SluiceImpactView *self,
                   SluiceReport     *report)
{
  JsonObject *workflow = sluice_report_get_workflow (report);
  JsonObject *comparison = sluice_report_get_comparison (report);
  JsonObject *dataset = sluice_report_get_dataset (report);
  g_autofree char *workflow_text = describe_workflow (workflow);
  g_autofree char *comparison_text = NULL;
  g_autofree char *dataset_text = NULL;
  g_autofree char *created_text = NULL;
  g_autofree char *events = NULL;
  const char *file_name = json_object_get_string_member_with_default (dataset, "file_name", NULL);
  const char *first = json_object_get_string_member_with_default (dataset, "first_event", NULL);
  const char *last = json_object_get_string_member_with_default (dataset, "last_event", NULL);
  JsonObject *document = json_node_get_object (sluice_report_get_document (report));
  const char *generator = json_object_get_string_member_with_default (document, "generator", "");

  set_row (self, ROW_WORKFLOW, workflow_text,
           json_object_get_string_member_with_default (workflow, "digest", NULL));

  if (comparison != NULL)
    {
      g_autofree char *version = describe_workflow (comparison);

      /* Translators: %s is a workflow and its version */
      comparison_text = g_strdup_printf (_("Compared with %s"), version);
      set_row (self, ROW_COMPARISON, comparison_text,
               json_object_get_string_member_with_default (comparison, "digest", NULL));
    }
  else
    set_row (self, ROW_COMPARISON, _("Compared with nothing"), _("The report shows one version on its own"));

  events = sluice_impact_format_count (json_object_get_int_member_with_default (dataset, "events", 0));
  if (first != NULL && last != NULL)
    /* Translators: "events.db: 1,000,000 events from 2026-10-01T00:00:00Z to …" */
    dataset_text = g_strdup_printf (_("%s: %s events from %s to %s"),
                                    file_name ? file_name : _("Dataset"), events, first, last);
  else
    dataset_text = g_strdup_printf (_("%s: %s events"), file_name ? file_name : _("Dataset"), events);
  set_row (self, ROW_DATASET, dataset_text, json_object_get_string_member_with_default (dataset, "digest", NULL));

  /* Translators: "By Ada Lovelace on 2026-11-22T04:25:08Z" */
  created_text = g_strdup_printf (_("By %s on %s"), sluice_report_get_author (report),
                                  sluice_report_get_created (report));
  set_row (self, ROW_CREATED, created_text, generator);
}

static JsonNode *
node_of (JsonObject *object)
{
  return object != NULL ? json_node_init_object (json_node_alloc (), object) : NULL;
}

/**
 * sluice_impact_view_show_report:
 *
 * Shows @report read-only: its results, what it was run on, and nothing
 * that would need its dataset.
 */
void
sluice_impact_view_show_report (SluiceImpactView *self,
                                SluiceReport     *report)
{
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) comparison = NULL;
  g_autoptr(JsonNode) diff = NULL;

  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));
  g_return_if_fail (SLUICE_IS_REPORT (report));

  g_set_object (&self->report, report);
  gtk_widget_set_visible (self->scope_bar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->data_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->report_group), TRUE);
  /* the canary shown is the one the report was made with */
  gtk_widget_set_visible (self->canary_controls, FALSE);
  fill_report_group (self, report);

  result = node_of (sluice_report_get_result (report));
  comparison = node_of (sluice_report_get_comparison_result (report));
  diff = node_of (sluice_report_get_diff (report));
  sluice_impact_view_show_results (self, result, comparison, diff);
  sluice_impact_view_update_report_action (self);
}

/* Returns: (transfer none) (nullable): the report shown read-only */
SluiceReport *
sluice_impact_view_get_report (SluiceImpactView *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), NULL);
  return self->report;
}

/* ---- setup ------------------------------------------------------------------------- */

void
sluice_impact_view_report_class_init (GtkWidgetClass *widget_class)
{
  /* Ctrl+Shift+R is bound by the windows, so it works from every view */
  gtk_widget_class_install_action (widget_class, "impact.save-report", NULL, save_report_action);
}

void
sluice_impact_view_report_init (SluiceImpactView *self)
{
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));
  static const char * const icons[N_ROWS] = {
    "sluice-yaml-symbolic", "view-dual-symbolic", "drive-harddisk-symbolic", "avatar-default-symbolic",
  };

  gtk_widget_set_valign (export, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "impact.save-report");
  gtk_widget_set_tooltip_text (export, _("Write this report again: as a report file, an HTML page or a PDF"));
  adw_preferences_group_set_header_suffix (self->report_group, export);

  for (guint i = 0; i < N_ROWS; i++)
    {
      self->report_rows[i] = adw_action_row_new ();
      adw_action_row_set_icon_name (ADW_ACTION_ROW (self->report_rows[i]), icons[i]);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->report_rows[i]), 1);
      adw_preferences_group_add (self->report_group, self->report_rows[i]);
    }

  sluice_impact_view_update_report_action (self);
}
