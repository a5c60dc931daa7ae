/* sluice-report-window.c
 *
 * A report opens in a window of its own, not in a workflow's: it has no
 * document to edit, no dataset and needs no server. The Impact view shows
 * it read-only; the workflow it reviews is beside it as YAML, and can be
 * opened as a new, unsaved document for whoever wants to change it.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gtksourceview/gtksource.h>

#include "sluice-impact-view.h"
#include "sluice-report-window.h"
#include "sluice-window.h"

struct _SluiceReportWindow
{
  AdwApplicationWindow  parent_instance;

  AdwViewStack         *stack;
  SluiceImpactView     *impact_view;
  GtkSourceView        *yaml_view;

  SluiceReport         *report;
};

G_DEFINE_FINAL_TYPE (SluiceReportWindow, sluice_report_window, ADW_TYPE_APPLICATION_WINDOW)

/* By name, as the desktop's MIME database does. */
gboolean
sluice_is_report_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && sluice_report_output_for_filename (name) == SLUICE_REPORT_OUTPUT_NATIVE;
}

static void
update_style_scheme (SluiceReportWindow *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->yaml_view)));
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "classic-dark" : "classic");
  gtk_source_buffer_set_style_scheme (buffer, scheme);
}

static const char *
workflow_yaml (SluiceReportWindow *self)
{
  return json_object_get_string_member_with_default (sluice_report_get_workflow (self->report), "yaml", "");
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SluiceReportWindow *self = SLUICE_REPORT_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->impact_view), "impact.save-report", NULL);
}

/* The reviewed version as a new, unsaved workflow. */
static void
edit_workflow_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SluiceReportWindow *self = SLUICE_REPORT_WINDOW (widget);
  g_autoptr(SluiceDocument) document = sluice_document_new ();
  SluiceWindow *window;

  /* a text with problems is kept as it is, with its problems shown */
  sluice_document_set_text (document, workflow_yaml (self));

  window = sluice_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  sluice_window_set_document (window, document);
  gtk_window_present (GTK_WINDOW (window));
}

static void
sluice_report_window_dispose (GObject *object)
{
  SluiceReportWindow *self = SLUICE_REPORT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SLUICE_TYPE_REPORT_WINDOW);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (sluice_report_window_parent_class)->dispose (object);
}

static void
sluice_report_window_class_init (SluiceReportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sluice_report_window_dispose;

  g_type_ensure (SLUICE_TYPE_IMPACT_VIEW);
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/dev/sluice/Sluice/sluice-report-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SluiceReportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SluiceReportWindow, impact_view);
  gtk_widget_class_bind_template_child (widget_class, SluiceReportWindow, yaml_view);

  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.edit-workflow", NULL, edit_workflow_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
sluice_report_window_init (SluiceReportWindow *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceLanguage *yaml = gtk_source_language_manager_get_language (languages, "yaml");
  GtkSourceBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->yaml_view)));
  if (yaml != NULL)
    gtk_source_buffer_set_language (buffer, yaml);
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);

#ifdef SLUICE_DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

SluiceReportWindow *
sluice_report_window_new (GtkApplication *application,
                          SluiceReport   *report)
{
  SluiceReportWindow *self;
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;

  g_return_val_if_fail (SLUICE_IS_REPORT (report), NULL);

  self = g_object_new (SLUICE_TYPE_REPORT_WINDOW, "application", application, NULL);
  self->report = g_object_ref (report);

  title = sluice_report_get_title (report);
  /* Translators: the window title of a report opened read-only */
  window_title = g_strdup_printf (_("%s (Read-Only) — Sluice"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->yaml_view)), workflow_yaml (self), -1);
  sluice_impact_view_show_report (self->impact_view, report);
  return self;
}

SluiceReport *
sluice_report_window_get_report (SluiceReportWindow *self)
{
  g_return_val_if_fail (SLUICE_IS_REPORT_WINDOW (self), NULL);
  return self->report;
}

/* ---- opening a file ------------------------------------------------------------------ */

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  SluiceReport *report = sluice_report_load (task_data, cancellable, &error);

  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GtkApplication *application = GTK_APPLICATION (source);
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SluiceReport) report = g_task_propagate_pointer (G_TASK (result), &error);

  /* a window (the report's or the problem's) keeps the application now */
  g_application_release (G_APPLICATION (application));

  if (report == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, _("Could Not Open the Report"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_set_application (GTK_WINDOW (dialog), application);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  gtk_window_present (GTK_WINDOW (sluice_report_window_new (application, report)));
}

/**
 * sluice_report_window_open:
 * @parent: (nullable): the window a problem is shown over
 *
 * Reads the report in the background and shows it in a new window, or
 * says why it cannot.
 */
void
sluice_report_window_open (GtkApplication *application,
                           GFile          *file,
                           GtkWindow      *parent)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;

  g_return_if_fail (GTK_IS_APPLICATION (application));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (application, NULL, loaded_cb, parent ? g_object_ref (parent) : NULL);

  g_task_set_source_tag (task, sluice_report_window_open);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  /* opened from the command line, no window may be open while it loads */
  g_application_hold (G_APPLICATION (application));
  g_task_run_in_thread (task, load_in_thread);

  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}
