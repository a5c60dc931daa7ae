/* sluice-application.c
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sluice-application.h"
#include "sluice-report-window.h"
#include "sluice-window.h"

struct _SluiceApplication
{
  AdwApplication parent_instance;

  gboolean       drafts_checked;
};

G_DEFINE_FINAL_TYPE (SluiceApplication, sluice_application, ADW_TYPE_APPLICATION)

static SluiceWindow *
new_window (SluiceApplication *self)
{
  SluiceWindow *window = sluice_window_new (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
free_files (GList *files)
{
  g_list_free_full (files, g_object_unref);
}

static void
recover_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     SluiceApplication *self)
{
  GList *drafts = g_object_get_data (G_OBJECT (dialog), "drafts");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  for (GList *l = drafts; l != NULL; l = l->next)
    {
      GFile *draft = l->data;

      if (g_str_equal (response, "recover"))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(SluiceDocument) document = sluice_document_new_from_draft (draft, &error);
          SluiceWindow *window;

          if (document == NULL)
            {
              g_warning ("Could not recover %s: %s", g_file_peek_path (draft), error->message);
              continue;
            }
          window = SLUICE_IS_WINDOW (parent) && sluice_window_is_pristine (SLUICE_WINDOW (parent))
                   ? SLUICE_WINDOW (parent) : new_window (self);
          sluice_window_set_document (window, document);
          parent = NULL;
        }
      else if (g_str_equal (response, "discard"))
        {
          g_autofree char *path = g_file_get_path (draft);
          g_autofree char *origin = g_strconcat (path, ".origin", NULL);

          g_file_delete (draft, NULL, NULL);
          g_unlink (origin);
        }
    }
}

/* Drafts still on disk mean a session ended without saving: offer them
 * back before anything else happens. */
static void
offer_recovery (SluiceApplication *self,
                GtkWindow         *parent)
{
  GList *drafts;
  AdwMessageDialog *dialog;
  guint n;

  if (self->drafts_checked)
    return;
  self->drafts_checked = TRUE;

  drafts = sluice_document_list_drafts ();
  n = g_list_length (drafts);
  if (n == 0)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Recover Unsaved Work?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "Sluice did not close properly last time. %u workflow had changes that were not saved.",
                                               "Sluice did not close properly last time. %u workflows had changes that were not saved.",
                                               n),
                                  n);
  adw_message_dialog_add_responses (dialog,
                                    "later", _("_Later"),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "recover");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "drafts", drafts, (GDestroyNotify) free_files);
  g_signal_connect (dialog, "response", G_CALLBACK (recover_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sluice_application_activate (GApplication *application)
{
  SluiceApplication *self = SLUICE_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (new_window (self));
  gtk_window_present (window);
  offer_recovery (self, window);
}

static void
sluice_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  SluiceApplication *self = SLUICE_APPLICATION (application);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  SluiceWindow *window = SLUICE_IS_WINDOW (active) ? SLUICE_WINDOW (active) : NULL;

  for (int i = 0; i < n_files; i++)
    {
      /* a report needs no workflow window to open in */
      if (sluice_is_report_file (files[i]))
        {
          sluice_report_window_open (GTK_APPLICATION (self), files[i], active);
          continue;
        }
      if (window == NULL)
        window = new_window (self);
      sluice_window_open_file (window, files[i]);
    }
  if (window != NULL)
    offer_recovery (self, GTK_WINDOW (window));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  new_window (SLUICE_APPLICATION (user_data));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  /* each window asks about its unsaved changes as it closes */
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  for (GList *l = g_list_copy (windows); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Sluice authors", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (window,
                         "application-name", _("Sluice"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Sluice authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Design event-driven automation workflows, dry-run them against real events, and roll them out safely."),
                         "developers", developers,
                         "copyright", "© 2026 The Sluice authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* F1: the Mallard manual installed with the app, in the help viewer. */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri (window, "help:sluice", GDK_CURRENT_TIME);
}

static const GActionEntry app_actions[] = {
  { "help", help_action },
  { "new-window", new_window_action },
  { "quit", quit_action },
  { "about", about_action },
};

static void
sluice_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  static const char *help_overlay_accels[] = { "<Control>question", NULL };
  static const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (sluice_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay", help_overlay_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.help", help_accels);
}

static void
sluice_application_class_init (SluiceApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = sluice_application_activate;
  app_class->open = sluice_application_open;
  app_class->startup = sluice_application_startup;
}

static void
sluice_application_init (SluiceApplication *self)
{
}

SluiceApplication *
sluice_application_new (void)
{
  return g_object_new (SLUICE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/dev/sluice/Sluice",
                       NULL);
}
