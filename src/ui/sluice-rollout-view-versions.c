/* sluice-rollout-view-versions.c — versions, publishing, the outbox, the audit
 *
 * Publishes go through the outbox (sluice_remote_publish_async): written to
 * disk before they are sent, removed once the server confirms. What the
 * server has not confirmed is listed here with Retry and Discard.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <gtksourceview/gtksource.h>

#include "sluice-line-diff.h"
#include "sluice-remote-publish.h"
#include "sluice-report-window.h"
#include "sluice-rollout-view-private.h"

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

static char *
short_digest (const char *digest)
{
  const char *hex;

  if (digest == NULL)
    return NULL;
  hex = g_str_has_prefix (digest, "sha256:") ? digest + 7 : digest;
  return g_strndup (hex, 12);
}

static GtkWidget *
suffix_button (const char *label,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

/* ---- comparing a version with the open document ------------------------------------------------ */

static void
show_diff (SluiceRolloutView   *self,
           SluiceRemoteVersion *version,
           const char          *local)
{
  g_autofree char *old_label = g_strdup_printf (_("version %" PRId64), version->number);
  g_autofree char *diff = sluice_line_diff_unified (version->yaml, local, old_label, _("open workflow"), 3);
  g_autofree char *title = g_strdup_printf (_("Version %" PRId64 " and the Open Workflow"), version->number);
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autoptr(GtkSourceBuffer) buffer = NULL;
  GtkWidget *window, *header, *box, *scrolled, *source_view;

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), sluice_rollout_view_get_window (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 560);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  if (diff[0] == '\0')
    {
      GtkWidget *page = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "emblem-ok-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Differences"));
      adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                       _("The open workflow is the same as this version."));
      gtk_widget_set_vexpand (page, TRUE);
      gtk_box_append (GTK_BOX (box), page);
    }
  else
    {
      buffer = gtk_source_buffer_new_with_language (gtk_source_language_manager_get_language (languages, "diff"));
      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), diff, -1);
      source_view = gtk_source_view_new_with_buffer (buffer);
      gtk_text_view_set_editable (GTK_TEXT_VIEW (source_view), FALSE);
      gtk_text_view_set_monospace (GTK_TEXT_VIEW (source_view), TRUE);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (source_view), 12);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (source_view), 12);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (source_view), 12);
      gtk_accessible_update_property (GTK_ACCESSIBLE (source_view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), source_view);
      gtk_widget_set_vexpand (scrolled, TRUE);
      gtk_box_append (GTK_BOX (box), scrolled);
    }

  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data_full (G_OBJECT (window), "sluice-diff", g_steal_pointer (&diff), g_free);
  gtk_window_present (GTK_WINDOW (window));
}

static void
version_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local = NULL;

  version = sluice_remote_client_get_version_finish (SLUICE_REMOTE_CLIENT (source), result, &error);
  if (version == NULL)
    {
      sluice_rollout_view_show_error (self, _("Could not load the version"), error);
      return;
    }
  if (self->document == NULL)
    return;

  local = sluice_workflow_to_yaml (sluice_document_get_workflow (self->document));
  show_diff (self, version, local);
}

static void
compare_clicked_cb (GtkButton         *button,
                    SluiceRolloutView *self)
{
  SluiceRemoteVersion *version = g_object_get_data (G_OBJECT (button), "sluice-version");

  if (self->client == NULL)
    return;
  sluice_remote_client_get_version_async (self->client, version->workflow, version->number, self->cancellable,
                                          version_loaded_cb, g_object_ref (self));
}

/* ---- opening an attached report ---------------------------------------------------------------- */

static void
report_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SluiceReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;
  SluiceReportWindow *window;
  gsize size;
  const char *data;

  bytes = sluice_remote_client_get_report_finish (SLUICE_REMOTE_CLIENT (source), result, &error);
  if (bytes == NULL)
    {
      sluice_rollout_view_show_error (self, _("Could not download the report"), error);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  report = sluice_report_load_from_data (data, size, &error);
  if (report == NULL)
    {
      sluice_rollout_view_show_error (self, _("Could not open the report"), error);
      return;
    }

  parent = sluice_rollout_view_get_window (self);
  window = sluice_report_window_new (parent ? gtk_window_get_application (parent) : NULL, report);
  gtk_window_present (GTK_WINDOW (window));
}

static void
open_report_clicked_cb (GtkButton         *button,
                        SluiceRolloutView *self)
{
  SluiceRemoteVersion *version = g_object_get_data (G_OBJECT (button), "sluice-version");

  if (self->client == NULL || version->report_digest == NULL)
    return;
  sluice_remote_client_get_report_async (self->client, version->report_digest, self->cancellable,
                                         report_loaded_cb, g_object_ref (self));
}

/* ---- the versions ------------------------------------------------------------------------------------ */

/* Also when the running version changes: its row says so. */
void
sluice_rollout_view_show_versions (SluiceRolloutView *self)
{
  gint64 active = self->status ? self->status->active_version : -1;

  clear_list (self->versions_list);
  if (self->versions == NULL || self->versions->len == 0)
    {
      gtk_list_box_append (self->versions_list,
                           placeholder_row (self->client && self->role ? _("Nothing published yet")
                                                                       : _("Sign in to see what is published")));
      return;
    }

  for (guint i = 0; i < self->versions->len; i++)
    {
      SluiceRemoteVersion *version = g_ptr_array_index (self->versions, i);
      g_autofree char *title = NULL;
      g_autofree char *when = sluice_rollout_view_format_time (version->created_at);
      g_autofree char *digest = short_digest (version->digest);
      g_autofree char *report = short_digest (version->report_digest);
      g_autofree char *subtitle = NULL;
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *button;

      title = version->number == active
        ? g_strdup_printf (_("Version %" PRId64 " (running)"), version->number)
        : g_strdup_printf (_("Version %" PRId64), version->number);
      if (report != NULL)
        /* Translators: author · time · digest · the attached report's digest */
        subtitle = g_strdup_printf (_("%s · %s · %s · report %s"), version->author, when, digest, report);
      else
        subtitle = g_strdup_printf (_("%s · %s · %s"), version->author, when, digest);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (row, subtitle);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), version->digest);

      if (version->report_digest != NULL)
        {
          button = suffix_button (_("_Report"), _("Open the impact report published with this version"));
          g_object_set_data_full (G_OBJECT (button), "sluice-version",
                                  sluice_remote_version_ref (version), (GDestroyNotify) sluice_remote_version_unref);
          g_signal_connect_object (button, "clicked", G_CALLBACK (open_report_clicked_cb), self, 0);
          adw_action_row_add_suffix (row, button);
        }
      button = suffix_button (_("_Compare"), _("Compare with the open workflow"));
      g_object_set_data_full (G_OBJECT (button), "sluice-version",
                              sluice_remote_version_ref (version), (GDestroyNotify) sluice_remote_version_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (compare_clicked_cb), self, 0);
      adw_action_row_add_suffix (row, button);

      gtk_list_box_append (self->versions_list, GTK_WIDGET (row));
    }
}

static void
versions_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *versions;

  versions = sluice_remote_client_list_versions_finish (SLUICE_REMOTE_CLIENT (source), result, &error);
  if (versions == NULL)
    {
      if (!g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_NOT_FOUND))
        {
          sluice_rollout_view_show_error (self, _("Could not list the versions"), error);
          return;
        }
      versions = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_remote_version_unref);
    }

  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->versions = versions;
  self->versions_loaded = TRUE;
  sluice_rollout_view_show_versions (self);
  sluice_rollout_view_fill_version_row (self);
  sluice_rollout_view_update_state (self);
  sluice_rollout_view_share_published (self);
  sluice_rollout_view_updated (self);
}

/* ---- the published version, for the Impact view's comparison ------------------------------------ */

static void
published_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autofree char *label = NULL;

  version = sluice_remote_client_get_version_finish (SLUICE_REMOTE_CLIENT (source), result, NULL);
  /* a newer one was asked for meanwhile, or none can be had: the Impact
   * view says so when it is chosen */
  if (version == NULL || version->number != self->published_number || self->impact_view == NULL)
    return;

  /* Translators: which published version the Impact view compares with, "version 3 on prod" */
  label = g_strdup_printf (_("version %" PRId64 " on %s"), version->number,
                           sluice_remote_client_get_display_name (SLUICE_REMOTE_CLIENT (source)));
  sluice_impact_view_set_published (self->impact_view, version->yaml, label);
}

/**
 * sluice_rollout_view_share_published:
 *
 * Gives the Impact view the published version to compare with: the one
 * running, else the newest.
 */
void
sluice_rollout_view_share_published (SluiceRolloutView *self)
{
  gint64 number = 0;

  if (self->client != NULL && self->workflow != NULL)
    {
      if (self->status != NULL && self->status->active_version >= 1)
        number = self->status->active_version;
      else if (self->versions != NULL && self->versions->len > 0)
        number = ((SluiceRemoteVersion *) g_ptr_array_index (self->versions, 0))->number;
    }

  if (number == self->published_number)
    return;
  self->published_number = number;
  if (self->impact_view == NULL)
    return;

  if (number == 0)
    sluice_impact_view_set_published (self->impact_view, NULL, NULL);
  else
    sluice_remote_client_get_version_async (self->client, self->workflow, number, self->cancellable,
                                            published_loaded_cb, g_object_ref (self));
}

void
sluice_rollout_view_load_versions (SluiceRolloutView *self)
{
  if (self->client == NULL || self->workflow == NULL)
    {
      sluice_rollout_view_show_versions (self);
      return;
    }
  sluice_remote_client_list_versions_async (self->client, self->workflow, self->cancellable,
                                            versions_cb, g_object_ref (self));
}

/* ---- publishing --------------------------------------------------------------------------------------- */

static gint64
latest_version (SluiceRolloutView *self)
{
  if (self->versions == NULL || self->versions->len == 0)
    return 0;
  return ((SluiceRemoteVersion *) g_ptr_array_index (self->versions, 0))->number;
}

static gboolean
can_attach_report (SluiceRolloutView *self)
{
  return self->impact_view != NULL
      && (sluice_impact_view_get_report (self->impact_view) != NULL
          || sluice_impact_view_get_n_events (self->impact_view) > 0);
}

/* Says what a publish would do now, or why it cannot. */
void
sluice_rollout_view_update_publish (SluiceRolloutView *self)
{
  gboolean signed_in = self->client != NULL && self->role != NULL;
  gboolean author = sluice_rollout_view_role_at_least (self, "author");
  gboolean attach = can_attach_report (self);
  g_autofree char *subtitle = NULL;
  gint64 latest = latest_version (self);

  if (self->workflow == NULL)
    subtitle = g_strdup (_("The workflow needs a metadata.name first"));
  else if (!signed_in)
    subtitle = g_strdup (_("Sign in to publish"));
  else if (!author)
    /* Translators: %s is a role: viewer, author, publisher or admin */
    subtitle = g_strdup_printf (_("Publishing needs the author role; your role is %s"),
                                sluice_rollout_view_role_name (self->role));
  else if (!self->versions_loaded)
    subtitle = g_strdup (_("Looking for published versions…"));
  else if (latest == 0)
    subtitle = g_strdup_printf (_("“%s” as its first version"), self->workflow);
  else
    subtitle = g_strdup_printf (_("“%s” as version %" PRId64 ", on top of version %" PRId64),
                                self->workflow, latest + 1, latest);
  adw_action_row_set_subtitle (self->publish_row, subtitle);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rollout.publish",
                                 self->workflow != NULL && author && self->versions_loaded
                                 && !self->publishing);

  gtk_widget_set_sensitive (GTK_WIDGET (self->attach_row), attach);
  if (!attach)
    gtk_switch_set_active (self->attach_switch, FALSE);
  adw_action_row_set_subtitle (self->attach_row,
                               attach ? _("Reviewers see the Impact view’s dry run beside the version")
                                      : _("Open events in the Impact view to dry-run the workflow first"));
}

static void
set_publishing (SluiceRolloutView *self,
                gboolean           publishing)
{
  self->publishing = publishing;
  sluice_rollout_view_update_publish (self);
}

static void
published_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(SluiceRemotePending) kept = NULL;
  g_autoptr(GError) error = NULL;

  version = sluice_remote_publish_finish (SLUICE_REMOTE_CLIENT (source), result, &kept, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_publishing (self, FALSE);

  if (version != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Published version %" PRId64), version->number);

      sluice_rollout_view_toast (self, message);
      sluice_rollout_view_refresh (self);
      return;
    }

  if (g_strcmp0 (sluice_remote_error_get_code (error), "stale_base") == 0)
    {
      g_autofree char *title = g_strdup_printf (_("Version %" PRId64 " is the latest now"),
                                                sluice_remote_error_get_current_version (error));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->conflict_row), title);
      adw_action_row_set_subtitle (self->conflict_row,
                                   _("Someone published since this list was loaded. Refresh, compare the "
                                     "latest version with your workflow, then publish again."));
      gtk_widget_set_visible (GTK_WIDGET (self->conflict_row), TRUE);
    }
  sluice_rollout_view_show_error (self, kept ? _("Not published; it waits in the outbox") : _("Could not publish"),
                                  error);
  sluice_rollout_view_load_outbox (self);
}

static void
publish_with_report (SluiceRolloutView *self,
                     const char        *report_digest)
{
  g_autofree char *yaml = NULL;

  if (self->document == NULL || self->client == NULL || self->workflow == NULL)
    {
      set_publishing (self, FALSE);
      return;
    }

  yaml = sluice_workflow_to_yaml (sluice_document_get_workflow (self->document));
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_row), FALSE);
  sluice_remote_publish_async (self->client, self->outbox, self->workflow, yaml, latest_version (self),
                               report_digest, self->cancellable, published_cb, g_object_ref (self));
}

static void
report_uploaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;

  digest = sluice_remote_client_upload_report_finish (SLUICE_REMOTE_CLIENT (source), result, NULL, &error);
  if (digest == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_publishing (self, FALSE);
      sluice_rollout_view_show_error (self, _("Could not upload the impact report; nothing was published"), error);
      return;
    }
  publish_with_report (self, digest);
}

static void
report_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(GFile) file = g_object_steal_data (G_OBJECT (self), "sluice-report-file");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (!sluice_impact_view_save_report_finish (SLUICE_IMPACT_VIEW (source), result, &error)
      || (bytes = g_file_load_bytes (file, self->cancellable, NULL, &error)) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_publishing (self, FALSE);
      sluice_rollout_view_show_error (self, _("Could not write the impact report; nothing was published"), error);
      if (file != NULL)
        g_file_delete (file, NULL, NULL);
      return;
    }
  g_file_delete (file, NULL, NULL);

  if (self->client == NULL)
    {
      set_publishing (self, FALSE);
      return;
    }
  sluice_remote_client_upload_report_async (self->client, bytes, self->cancellable,
                                            report_uploaded_cb, g_object_ref (self));
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SluiceRolloutView *self = SLUICE_ROLLOUT_VIEW (widget);

  if (self->client == NULL || self->workflow == NULL || self->document == NULL)
    return;

  /* the model is the last text that loaded: publishing it would not be
   * what the author sees in the YAML view */
  if (sluice_document_get_text_has_errors (self->document))
    {
      sluice_rollout_view_toast (self, _("The YAML has errors: fix them before publishing, or undo to the last valid text"));
      return;
    }

  set_publishing (self, TRUE);

  /* the report first: a version must name a report the server already has */
  if (gtk_switch_get_active (self->attach_switch) && self->impact_view != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GFileIOStream) stream = NULL;
      g_autoptr(GFile) file = g_file_new_tmp ("sluice-XXXXXX.sluice-report", &stream, &error);

      if (file == NULL)
        {
          set_publishing (self, FALSE);
          sluice_rollout_view_show_error (self, _("Could not write the impact report"), error);
          return;
        }
      g_object_set_data_full (G_OBJECT (self), "sluice-report-file", g_object_ref (file), g_object_unref);
      sluice_impact_view_save_report (self->impact_view, file, self->cancellable,
                                      report_saved_cb, g_object_ref (self));
      return;
    }

  publish_with_report (self, NULL);
}

/* ---- the outbox ------------------------------------------------------------------------------------------ */

static void
retried_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(GError) error = NULL;

  version = sluice_remote_publish_finish (SLUICE_REMOTE_CLIENT (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (version == NULL)
    {
      sluice_rollout_view_show_error (self, _("Still not published"), error);
      sluice_rollout_view_load_outbox (self);
      return;
    }

  {
    g_autofree char *message = g_strdup_printf (_("Published version %" PRId64), version->number);
    sluice_rollout_view_toast (self, message);
  }
  sluice_rollout_view_refresh (self);
}

static void
retry_clicked_cb (GtkButton         *button,
                  SluiceRolloutView *self)
{
  SluiceRemotePending *pending = g_object_get_data (G_OBJECT (button), "sluice-pending");
  gint64 latest = latest_version (self);

  if (self->client == NULL)
    return;

  /* after a conflict and a refresh, the author asks for it on top of the latest */
  if (g_strcmp0 (pending->last_error_code, "stale_base") == 0 && latest > pending->base_version)
    sluice_remote_pending_rebase (pending, latest);

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  sluice_remote_publish_pending_async (self->client, self->outbox, pending, self->cancellable,
                                       retried_cb, g_object_ref (self));
}

static void
discard_clicked_cb (GtkButton         *button,
                    SluiceRolloutView *self)
{
  SluiceRemotePending *pending = g_object_get_data (G_OBJECT (button), "sluice-pending");
  g_autoptr(GError) error = NULL;

  if (!sluice_remote_outbox_remove (self->outbox, pending->id, &error))
    sluice_rollout_view_show_error (self, _("Could not discard the publish"), error);
  sluice_rollout_view_load_outbox (self);
}

/**
 * sluice_rollout_view_load_outbox:
 *
 * Lists the publishes kept for this server and workflow.
 */
void
sluice_rollout_view_load_outbox (SluiceRolloutView *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  const char *url = self->client ? sluice_remote_client_get_base_url (self->client) : NULL;

  g_clear_pointer (&self->outbox_entries, g_ptr_array_unref);
  self->outbox_entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_remote_pending_unref);
  clear_list (self->outbox_list);

  all = url && self->workflow ? sluice_remote_outbox_list (self->outbox, &error) : NULL;
  if (error != NULL)
    sluice_rollout_view_show_error (self, _("Could not read the outbox"), error);

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      SluiceRemotePending *pending = g_ptr_array_index (all, i);
      g_autofree char *when = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      AdwActionRow *row;
      GtkWidget *button;

      if (g_strcmp0 (pending->server_url, url) != 0 || g_strcmp0 (pending->workflow, self->workflow) != 0)
        continue;
      g_ptr_array_add (self->outbox_entries, sluice_remote_pending_ref (pending));

      when = sluice_rollout_view_format_time (pending->created_at);
      title = pending->base_version > 0
        ? g_strdup_printf (_("Publish of %s, on top of version %" PRId64), when, pending->base_version)
        : g_strdup_printf (_("Publish of %s, as the first version"), when);
      if (pending->last_error != NULL)
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attempt; %s", "%u attempts; %s", pending->attempts),
                                    pending->attempts, pending->last_error);
      else
        subtitle = g_strdup (_("Not sent yet"));

      row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (row, subtitle);
      adw_action_row_set_subtitle_lines (row, 0);
      adw_action_row_set_icon_name (row, pending->needs_author ? "dialog-warning-symbolic" : "mail-outbox-symbolic");

      button = suffix_button (_("_Discard"), _("Drop this publish; nothing is sent"));
      g_object_set_data_full (G_OBJECT (button), "sluice-pending", sluice_remote_pending_ref (pending),
                              (GDestroyNotify) sluice_remote_pending_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (discard_clicked_cb), self, 0);
      adw_action_row_add_suffix (row, button);

      button = suffix_button (_("Re_try"), g_strcmp0 (pending->last_error_code, "stale_base") == 0
                                           ? _("Send it again, on top of the latest version listed")
                                           : _("Send it again; the server publishes it once, however often it is sent"));
      g_object_set_data_full (G_OBJECT (button), "sluice-pending", sluice_remote_pending_ref (pending),
                              (GDestroyNotify) sluice_remote_pending_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (retry_clicked_cb), self, 0);
      gtk_widget_set_sensitive (button, self->role != NULL);
      adw_action_row_add_suffix (row, button);

      gtk_list_box_append (self->outbox_list, GTK_WIDGET (row));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->outbox_group), self->outbox_entries->len > 0);
  sluice_rollout_view_updated (self);
}

/* ---- the audit trail -------------------------------------------------------------------------------------- */

static char *
audit_title (SluiceRemoteAuditEntry *entry)
{
  const char *action = entry->action;
  gint64 version = entry->version;

  if (g_strcmp0 (action, "version_published") == 0)
    return g_strdup_printf (_("Published version %" PRId64), version);
  if (g_strcmp0 (action, "dry_run_recorded") == 0)
    return g_strdup (_("Uploaded an impact report"));
  if (g_strcmp0 (action, "rollout_changed") == 0)
    {
      const char *from = json_object_get_string_member_with_default (entry->details, "from", NULL);
      const char *to = json_object_get_string_member_with_default (entry->details, "to", NULL);

      if (from == NULL)
        from = json_object_get_string_member_with_default (entry->details, "from_mode", "?");
      if (to == NULL)
        to = json_object_get_string_member_with_default (entry->details, "to_mode", "?");
      return g_strdup_printf (_("Rollout changed: %s → %s"),
                              sluice_rollout_view_mode_name (sluice_remote_mode_from_string (from)),
                              sluice_rollout_view_mode_name (sluice_remote_mode_from_string (to)));
    }
  if (g_strcmp0 (action, "promoted") == 0)
    return g_strdup (_("Promoted to full"));
  if (g_strcmp0 (action, "paused") == 0)
    return g_strdup (_("Paused"));
  if (g_strcmp0 (action, "resumed") == 0)
    return g_strdup (_("Resumed"));
  if (g_strcmp0 (action, "auto_paused") == 0)
    return g_strdup (_("Paused: error budget breached"));
  if (g_strcmp0 (action, "rolled_back") == 0)
    return g_strdup_printf (_("Rolled back to version %" PRId64), version);
  if (g_strcmp0 (action, "kill_switch_engaged") == 0)
    return g_strdup (_("Kill switch engaged"));
  if (g_strcmp0 (action, "kill_switch_released") == 0)
    return g_strdup (_("Kill switch released"));
  if (g_strcmp0 (action, "test_run") == 0)
    return g_strdup (_("Test run on the server"));
  return g_strdup (action);
}

static gint64
detail_int (JsonObject *details,
            const char *member)
{
  JsonNode *node = json_object_get_member (details, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : -1;
}

/* What matters in the server's details, in words: versions, the canary,
 * a reason, a digest. The rest (budgets and the like) is in the JSON. */
static char *
audit_details (SluiceRemoteAuditEntry *entry)
{
  JsonObject *details = entry->details;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gint64 from_version = detail_int (details, "from_version");
  gint64 to_version = detail_int (details, "to_version");
  const char *reason = json_object_get_string_member_with_default (details, "reason", NULL);
  const char *digest = json_object_get_string_member_with_default (details, "digest", NULL);
  const char *title = json_object_get_string_member_with_default (details, "title", NULL);
  JsonNode *canary = json_object_get_member (details, "canary");

  if (from_version > 0 && to_version > 0 && from_version != to_version)
    g_ptr_array_add (parts, g_strdup_printf (_("version %" PRId64 " → %" PRId64),
                                             from_version, to_version));
  else if (to_version > 0 && entry->version != to_version)
    g_ptr_array_add (parts, g_strdup_printf (_("version %" PRId64), to_version));
  else if (entry->version > 0 && g_strcmp0 (entry->action, "version_published") != 0)
    g_ptr_array_add (parts, g_strdup_printf (_("version %" PRId64), entry->version));

  if (canary != NULL && JSON_NODE_HOLDS_OBJECT (canary))
    {
      JsonObject *object = json_node_get_object (canary);
      const char *segment = json_object_get_string_member_with_default (object, "segment", NULL);

      if (segment != NULL)
        g_ptr_array_add (parts, g_strdup_printf (_("segment “%s”"), segment));
      else if (json_object_has_member (object, "percent"))
        g_ptr_array_add (parts, g_strdup_printf (_("%g%% of entities"),
                                                 json_object_get_double_member (object, "percent")));
    }
  if (g_strcmp0 (entry->action, "auto_paused") == 0)
    {
      gint64 n_errors = detail_int (details, "errors"), n_events = detail_int (details, "events");
      g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " error", "%" PRId64 " errors",
                                                              n_errors), n_errors);
      g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " event", "%" PRId64 " events",
                                                              n_events), n_events);

      /* Translators: "7 errors in 93 events" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s in %s"), errors, events));
    }
  else if (reason != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("“%s”"), reason));
  if (digest != NULL)
    g_ptr_array_add (parts, short_digest (digest));
  if (title != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("“%s”"), title));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
show_audit (SluiceRolloutView *self)
{
  clear_list (self->audit_list);
  if (self->audit == NULL || self->audit->len == 0)
    {
      gtk_list_box_append (self->audit_list, placeholder_row (_("No changes recorded yet")));
      return;
    }

  for (guint i = 0; i < self->audit->len; i++)
    {
      SluiceRemoteAuditEntry *entry = g_ptr_array_index (self->audit, i);
      g_autofree char *title = audit_title (entry);
      g_autofree char *when = sluice_rollout_view_format_time (entry->time);
      g_autofree char *details = audit_details (entry);
      g_autofree char *subtitle = NULL;
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

      /* Translators: time · who (their role) · details */
      subtitle = details[0]
        ? g_strdup_printf (_("%s · %s (%s) · %s"), when, entry->actor, entry->role ? entry->role : "?", details)
        : g_strdup_printf (_("%s · %s (%s)"), when, entry->actor, entry->role ? entry->role : "?");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (row, subtitle);
      adw_action_row_set_subtitle_lines (row, 2);
      {
        /* everything the server said, for whoever needs it */
        g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), entry->details);
        g_autofree char *json = json_to_string (node, TRUE);

        gtk_widget_set_tooltip_text (GTK_WIDGET (row), json);
      }
      gtk_list_box_append (self->audit_list, GTK_WIDGET (row));
    }
}

static void
audit_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  entries = sluice_remote_client_list_audit_finish (SLUICE_REMOTE_CLIENT (source), result, &error);
  if (entries == NULL)
    {
      sluice_rollout_view_show_error (self, _("Could not load the audit trail"), error);
      return;
    }
  g_clear_pointer (&self->audit, g_ptr_array_unref);
  self->audit = entries;
  show_audit (self);
  sluice_rollout_view_updated (self);
}

void
sluice_rollout_view_load_audit (SluiceRolloutView *self)
{
  if (self->client == NULL || self->role == NULL || self->workflow == NULL)
    {
      show_audit (self);
      return;
    }
  sluice_remote_client_list_audit_async (self->client, self->workflow, 50, 0, self->cancellable,
                                         audit_cb, g_object_ref (self));
}

/* ---- setup ------------------------------------------------------------------------------------------------- */

void
sluice_rollout_view_versions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "rollout.publish", NULL, publish_action);
}
