/* sluice-window.c
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-argo-export.h"
#include "sluice-canvas.h"
#include "sluice-impact-view.h"
#include "sluice-inspector.h"
#include "sluice-palette.h"
#include "sluice-report-window.h"
#include "sluice-rollout-view.h"
#include "sluice-window.h"
#include "sluice-yaml-view.h"

struct _SluiceWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toasts;
  GtkPopover           *recent_popover;
  GtkStack             *recent_stack;
  GtkListBox           *recent_list;
  AdwViewStack         *stack;
  SluicePalette        *palette;
  SluiceCanvas         *canvas;
  SluiceInspector      *inspector;
  SluiceYamlView       *yaml_view;
  SluiceImpactView     *impact_view;
  SluiceRolloutView    *rollout_view;

  SluiceDocument       *document;
  GSettings            *settings;
  gboolean              close_confirmed;
  gboolean              pristine;     /* a blank document nobody touched */
};

G_DEFINE_FINAL_TYPE (SluiceWindow, sluice_window, ADW_TYPE_APPLICATION_WINDOW)

static GtkFileFilter *
workflow_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Workflows"));
  gtk_file_filter_add_pattern (filter, "*.workflow.yaml");
  gtk_file_filter_add_pattern (filter, "*.yaml");
  gtk_file_filter_add_pattern (filter, "*.yml");
  gtk_file_filter_add_mime_type (filter, "application/x-sluice-workflow");
  return filter;
}

void
sluice_window_toast (SluiceWindow *self,
                     const char   *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static void
update_title (SluiceWindow *self)
{
  g_autofree char *title = sluice_document_get_title (self->document);
  g_autofree char *full = NULL;

  full = sluice_document_get_modified (self->document)
    ? g_strdup_printf ("• %s — Sluice", title)
    : g_strdup_printf ("%s — Sluice", title);
  gtk_window_set_title (GTK_WINDOW (self), full);
}

static void
update_actions (SluiceWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", sluice_document_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", sluice_document_can_redo (self->document));
}

static void
document_state_cb (SluiceWindow *self)
{
  update_title (self);
  update_actions (self);
}

static void
document_changed_cb (SluiceWindow *self,
                     guint         flags)
{
  self->pristine = FALSE;
}

SluiceDocument *
sluice_window_get_document (SluiceWindow *self)
{
  g_return_val_if_fail (SLUICE_IS_WINDOW (self), NULL);
  return self->document;
}

/* A window showing a blank document that was never touched can take the
 * next file opened instead of opening another window. */
gboolean
sluice_window_is_pristine (SluiceWindow *self)
{
  g_return_val_if_fail (SLUICE_IS_WINDOW (self), FALSE);
  return self->pristine && !sluice_document_get_modified (self->document);
}

void
sluice_window_set_document (SluiceWindow   *self,
                            SluiceDocument *document)
{
  g_return_if_fail (SLUICE_IS_WINDOW (self));
  g_return_if_fail (SLUICE_IS_DOCUMENT (document));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  self->pristine = FALSE;

  g_signal_connect_object (document, "notify::title", G_CALLBACK (document_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (document_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::can-undo", G_CALLBACK (document_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::can-redo", G_CALLBACK (document_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);

  sluice_canvas_set_document (self->canvas, document);
  g_object_set (self->inspector, "document", document, "step-id", NULL, NULL);
  sluice_yaml_view_set_document (self->yaml_view, document);
  sluice_impact_view_set_document (self->impact_view, document);
  sluice_rollout_view_set_document (self->rollout_view, document);

  document_state_cb (self);
}

static void
remember_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

/**
 * sluice_window_open_file:
 *
 * Opens @file here when this window's document is untouched, otherwise
 * in a new window; an impact report opens read-only in a window of its
 * own. Problems are shown, never lost in a log.
 */
void
sluice_window_open_file (SluiceWindow *self,
                         GFile        *file)
{
  g_autoptr(SluiceDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  SluiceWindow *target = self;

  if (sluice_is_report_file (file))
    {
      sluice_report_window_open (gtk_window_get_application (GTK_WINDOW (self)), file, GTK_WINDOW (self));
      return;
    }

  document = sluice_document_new ();
  if (!sluice_document_load (document, file, &error))
    {
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                             _("Could Not Open the Workflow"),
                                                                             error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (!sluice_window_is_pristine (self))
    {
      target = sluice_window_new (gtk_window_get_application (GTK_WINDOW (self)));
      gtk_window_present (GTK_WINDOW (target));
    }

  sluice_window_set_document (target, document);
  remember_recent (file);
}

void
sluice_window_show_view (SluiceWindow *self,
                         const char   *name)
{
  g_return_if_fail (SLUICE_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->stack, name);
}

/* ---- recent workflows --------------------------------------------------------- */

#define MAX_RECENT 10

static gboolean
is_workflow_uri (const char *uri)
{
  return g_str_has_suffix (uri, ".workflow.yaml") || g_str_has_suffix (uri, ".yaml")
      || g_str_has_suffix (uri, ".yml");
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *da = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *db = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (db, da);
}

/* Filled each time it opens: the recent list changes under us. */
static void
recent_popover_show_cb (SluiceWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  items = g_list_sort (items, compare_recent);
  for (GList *l = items; l != NULL && n < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GFile) file = NULL;
      g_autofree char *folder = NULL;
      GtkWidget *row, *box, *name, *where;

      if (!is_workflow_uri (uri) || !gtk_recent_info_exists (info))
        continue;

      file = g_file_new_for_uri (uri);
      {
        g_autoptr(GFile) parent = g_file_get_parent (file);
        folder = parent ? g_file_get_parse_name (parent) : g_strdup ("");
      }

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      name = gtk_label_new (gtk_recent_info_get_display_name (info));
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      where = gtk_label_new (folder);
      gtk_label_set_xalign (GTK_LABEL (where), 0);
      gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_START);
      gtk_widget_add_css_class (where, "dim-label");
      gtk_widget_add_css_class (where, "caption");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), where);

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_size_request (row, 280, -1);
      g_object_set_data_full (G_OBJECT (row), "sluice-uri", g_strdup (uri), g_free);
      gtk_list_box_append (self->recent_list, row);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  gtk_stack_set_visible_child_name (self->recent_stack, n > 0 ? "list" : "empty");
}

static void
recent_row_activated_cb (SluiceWindow  *self,
                         GtkListBoxRow *row)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "sluice-uri");
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  gtk_popover_popdown (self->recent_popover);
  sluice_window_open_file (self, file);
}

/* ---- open and save ---------------------------------------------------------- */

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  SluiceWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      sluice_window_open_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SluiceWindow *self = SLUICE_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) both = workflow_filter ();
  g_autoptr(GtkFileFilter) workflows = workflow_filter ();
  g_autoptr(GtkFileFilter) reports = gtk_file_filter_new ();

  gtk_file_filter_set_name (both, _("Workflows and impact reports"));
  gtk_file_filter_add_pattern (both, "*.sluice-report");
  gtk_file_filter_add_mime_type (both, "application/x-sluice-report");
  gtk_file_filter_set_name (reports, _("Impact reports"));
  gtk_file_filter_add_pattern (reports, "*.sluice-report");
  gtk_file_filter_add_mime_type (reports, "application/x-sluice-report");

  chooser = gtk_file_chooser_native_new (_("Open a Workflow or a Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), both);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), workflows);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), reports);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
save_to (SluiceWindow *self,
         GFile        *file)
{
  g_autoptr(GError) error = NULL;

  gboolean broken;

  /* pending typing in the YAML view belongs in the file */
  sluice_yaml_view_apply_now (self->yaml_view);
  broken = sluice_document_get_text_has_errors (self->document);

  if (!sluice_document_save (self->document, file, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);
      sluice_window_toast (self, message);
      return FALSE;
    }

  if (broken)
    sluice_window_toast (self, _("The YAML has errors: the last version without errors was saved"));

  remember_recent (file ? file : sluice_document_get_file (self->document));
  return TRUE;
}

typedef struct
{
  SluiceWindow *self;
  gboolean      close_after;
} SaveAsData;

static void
save_as_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SaveAsData      *data)
{
  SluiceWindow *self = data->self;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (save_to (self, file) && data->close_after)
        {
          self->close_confirmed = TRUE;
          gtk_window_close (GTK_WINDOW (self));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (data->self);
  g_free (data);
}

static void
save_as (SluiceWindow *self,
         gboolean      close_after)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = workflow_filter ();
  g_autofree char *name = NULL;
  SaveAsData *data = g_new0 (SaveAsData, 1);

  chooser = gtk_file_chooser_native_new (_("Save Workflow"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strdup_printf ("%s.workflow.yaml", sluice_workflow_get_name (sluice_document_get_workflow (self->document)) ?: "workflow");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  data->self = g_object_ref (self);
  data->close_after = close_after;
  g_signal_connect (chooser, "response", G_CALLBACK (save_as_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SluiceWindow *self = SLUICE_WINDOW (widget);

  if (sluice_document_get_file (self->document) == NULL)
    save_as (self, FALSE);
  else
    save_to (self, NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (SLUICE_WINDOW (widget), FALSE);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SluiceWindow *self = SLUICE_WINDOW (widget);

  /* in the YAML view, Ctrl+Z belongs to the text */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "yaml") == 0)
    sluice_yaml_view_apply_now (self->yaml_view);
  sluice_document_undo (self->document);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sluice_document_redo (SLUICE_WINDOW (widget)->document);
}

static void
new_from_template_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SluiceWindow *self = SLUICE_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(SluiceDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  SluiceWindow *target = self;

  document = sluice_document_new_from_template (name, &error);
  if (document == NULL)
    {
      sluice_window_toast (self, error->message);
      return;
    }

  if (!sluice_window_is_pristine (self))
    {
      target = sluice_window_new (gtk_window_get_application (GTK_WINDOW (self)));
      gtk_window_present (GTK_WINDOW (target));
    }
  sluice_window_set_document (target, document);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  sluice_window_show_view (SLUICE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* ---- export to Argo ------------------------------------------------------------- */

typedef struct
{
  SluiceWindow        *self;
  SluiceArgoManifests *manifests;
  guint                n_warnings;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_object_unref (data->self);
  sluice_argo_manifests_free (data->manifests);
  g_free (data);
}

static gboolean
write_into (GFile       *folder,
            const char  *name,
            const char  *contents,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_get_child (folder, name);

  /* replaced whole or not at all, like a saved workflow */
  return g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

static void
export_folder_cb (GtkNativeDialog *chooser,
                  int              response,
                  ExportData      *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      if (!write_into (folder, data->manifests->template_filename, data->manifests->template_yaml, &error)
          || !write_into (folder, data->manifests->trigger_filename, data->manifests->trigger_yaml, &error))
        message = g_strdup_printf (_("Could not export: %s"), error->message);
      else if (data->n_warnings > 0)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Exported %s and %s, with %u warning: see the YAML view",
                                                "Exported %s and %s, with %u warnings: see the YAML view",
                                                data->n_warnings),
                                   data->manifests->template_filename, data->manifests->trigger_filename,
                                   data->n_warnings);
      else
        message = g_strdup_printf (_("Exported %s and %s"),
                                   data->manifests->template_filename, data->manifests->trigger_filename);
      sluice_window_toast (data->self, message);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  export_data_free (data);
}

static void
choose_export_folder (ExportData *data)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export to Argo"), GTK_WINDOW (data->self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_folder_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_anyway_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  ExportData       *data)
{
  if (g_str_equal (response, "export"))
    choose_export_folder (data);
  else
    export_data_free (data);
}

/* The same export as `sluice-cli export --target argo`: what Argo cannot
 * express is said before anything is written. */
static void
export_argo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SluiceWindow *self = SLUICE_WINDOW (widget);
  g_autoptr(SluiceDiagnostics) findings = sluice_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  SluiceArgoManifests *manifests;
  ExportData *data;
  guint n_errors;

  sluice_yaml_view_apply_now (self->yaml_view);
  manifests = sluice_argo_export (sluice_document_get_workflow (self->document), NULL, findings, &error);
  if (manifests == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);
      sluice_window_toast (self, message);
      return;
    }

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->manifests = manifests;
  data->n_warnings = sluice_diagnostics_count (findings, SLUICE_SEVERITY_WARNING);
  n_errors = sluice_diagnostics_count (findings, SLUICE_SEVERITY_ERROR);

  if (n_errors > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      AdwMessageDialog *dialog;

      sluice_diagnostics_sort (findings);
      for (guint i = 0, shown = 0; i < findings->len && shown < 5; i++)
        {
          SluiceDiagnostic *d = g_ptr_array_index (findings, i);

          if (d->severity != SLUICE_SEVERITY_ERROR)
            continue;
          g_string_append_printf (body, "%s• %s", shown++ ? "\n" : "", d->message);
        }

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Argo Cannot Run This Workflow as Written"),
                                                           body->str));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export", _("_Export Anyway"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (export_anyway_cb), data);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  choose_export_folder (data);
}

/* ---- palette, canvas, inspector ------------------------------------------------ */

/* Ctrl+Shift+R from anywhere in the window: the report is of the Impact
 * view's results, so that is where it goes. */
static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SluiceWindow *self = SLUICE_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, "impact");
  gtk_widget_activate_action (GTK_WIDGET (self->impact_view), "impact.save-report", NULL);
}

static void
palette_step_activated_cb (SluiceWindow *self,
                           const char   *type_name)
{
  sluice_canvas_add_step (self->canvas, type_name);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
canvas_selection_changed_cb (SluiceWindow *self)
{
  g_auto(GStrv) selection = sluice_canvas_get_selection (self->canvas);

  g_object_set (self->inspector,
                "step-id", selection && selection[0] && !selection[1] ? selection[0] : NULL,
                NULL);
}

/* A rename in the inspector, or the step vanishing on undo, moves the
 * canvas selection with it. */
static void
inspector_step_id_cb (SluiceWindow *self)
{
  const char *step_id = sluice_inspector_get_step_id (self->inspector);
  g_auto(GStrv) selection = sluice_canvas_get_selection (self->canvas);

  if (step_id == NULL && (selection == NULL || selection[0] == NULL))
    return;
  if (step_id != NULL && selection != NULL && selection[0] != NULL && selection[1] == NULL
      && g_str_equal (selection[0], step_id))
    return;
  sluice_canvas_select_step (self->canvas, step_id);
}

static void
search_steps_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SluiceWindow *self = SLUICE_WINDOW (widget);

  sluice_window_show_view (self, "design");
  sluice_palette_focus_search (self->palette);
}

/* A finding or a step row of the Impact view: show the step on the canvas. */
static void
impact_show_step_cb (SluiceWindow *self,
                     const char   *step_id)
{
  sluice_window_show_view (self, "design");
  sluice_canvas_select_step (self->canvas, step_id);
}

static void
canvas_activate_step_cb (SluiceWindow *self,
                         const char   *step_id)
{
  g_object_set (self->inspector, "step-id", step_id, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->inspector));
}

/* ---- closing ---------------------------------------------------------------------- */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SluiceWindow     *self)
{
  if (g_str_equal (response, "save"))
    {
      if (sluice_document_get_file (self->document) == NULL)
        save_as (self, TRUE);
      else if (save_to (self, NULL))
        {
          self->close_confirmed = TRUE;
          gtk_window_close (GTK_WINDOW (self));
        }
    }
  else if (g_str_equal (response, "discard"))
    {
      sluice_document_discard_draft (self->document);
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
sluice_window_close_request (GtkWindow *window)
{
  SluiceWindow *self = SLUICE_WINDOW (window);
  g_autofree char *title = NULL;
  AdwMessageDialog *dialog;

  if (!gtk_window_is_maximized (window))
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set (self->settings, "window-size", "(ii)", width, height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  if (self->close_confirmed || !sluice_document_get_modified (self->document))
    return GTK_WINDOW_CLASS (sluice_window_parent_class)->close_request (window);

  title = sluice_document_get_title (self->document);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"), NULL));
  adw_message_dialog_format_body (dialog, _("“%s” has changes that are not saved. Changes which are not saved will be lost."), title);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* ---- drag a file onto the window ------------------------------------------------------ */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SluiceWindow  *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    sluice_window_open_file (self, l->data);

  return files != NULL;
}

/* ---- life cycle ---------------------------------------------------------------------- */

static void
sluice_window_dispose (GObject *object)
{
  SluiceWindow *self = (SluiceWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SLUICE_TYPE_WINDOW);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sluice_window_parent_class)->dispose (object);
}

static void
sluice_window_class_init (SluiceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sluice_window_dispose;
  window_class->close_request = sluice_window_close_request;

  g_type_ensure (SLUICE_TYPE_PALETTE);
  g_type_ensure (SLUICE_TYPE_CANVAS);
  g_type_ensure (SLUICE_TYPE_INSPECTOR);
  g_type_ensure (SLUICE_TYPE_YAML_VIEW);
  g_type_ensure (SLUICE_TYPE_IMPACT_VIEW);
  g_type_ensure (SLUICE_TYPE_ROLLOUT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/dev/sluice/Sluice/sluice-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SluiceWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SluiceWindow, recent_popover);
  gtk_widget_class_bind_template_child (widget_class, SluiceWindow, recent_stack);
  gtk_widget_class_bind_template_child (widget_class, SluiceWindow, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, recent_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, SluiceWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SluiceWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, SluiceWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, SluiceWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, SluiceWindow, yaml_view);
  gtk_widget_class_bind_template_child (widget_class, SluiceWindow, impact_view);
  gtk_widget_class_bind_template_child (widget_class, SluiceWindow, rollout_view);
  gtk_widget_class_bind_template_callback (widget_class, palette_step_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, canvas_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, canvas_activate_step_cb);
  gtk_widget_class_bind_template_callback (widget_class, impact_show_step_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-template", "s", new_from_template_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.search-steps", NULL, search_steps_action);
  gtk_widget_class_install_action (widget_class, "win.export-argo", NULL, export_argo_action);
  gtk_widget_class_install_action (widget_class, "win.save-report", NULL, save_report_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-from-template", "s", "blank");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "design");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "yaml");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "impact");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-view", "s", "rollout");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search-steps", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-report", NULL);
}

static void
sluice_window_init (SluiceWindow *self)
{
  g_autoptr(SluiceDocument) document = sluice_document_new ();
  GtkDropTarget *drop;
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("dev.sluice.Sluice");
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

#ifdef SLUICE_DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  g_signal_connect_object (self->inspector, "notify::step-id",
                           G_CALLBACK (inspector_step_id_cb), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* a publish can carry the Impact view's report */
  sluice_rollout_view_set_impact_view (self->rollout_view, self->impact_view);

  sluice_window_set_document (self, document);
  self->pristine = TRUE;
}

SluiceWindow *
sluice_window_new (GtkApplication *application)
{
  return g_object_new (SLUICE_TYPE_WINDOW, "application", application, NULL);
}
