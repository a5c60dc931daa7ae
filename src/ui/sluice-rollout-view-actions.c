/* sluice-rollout-view-actions.c — changing the rollout
 *
 * The stepper, the settings' Apply, pause, resume, rollback and the kill
 * switch. The buttons show the server's state; a change shows once the
 * server answered, and a refusal is explained.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-rollout-view-private.h"

/* ---- changing the rollout ----------------------------------------------------------------- */

static void
rollout_changed (SluiceRolloutView   *self,
                 SluiceRemoteRollout *rollout,
                 GError              *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy--;

  if (error != NULL)
    {
      sluice_rollout_view_show_error (self, self->change_failure, error);
      sluice_rollout_view_update_state (self);
      sluice_rollout_view_load_rollout (self);
      return;
    }

  self->settings_edited = FALSE;
  sluice_rollout_view_set_rollout (self, rollout);
  sluice_rollout_view_load_audit (self);
}

static void
set_rollout_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(SluiceRemoteRollout) rollout = NULL;
  g_autoptr(GError) error = NULL;

  rollout = sluice_remote_client_set_rollout_finish (SLUICE_REMOTE_CLIENT (source), result, &error);
  rollout_changed (self, rollout, error);
}

/* promote, pause, resume and rollback */
static void
rollout_action_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(SluiceRemoteRollout) rollout = NULL;
  g_autoptr(GError) error = NULL;

  rollout = sluice_remote_client_rollout_action_finish (SLUICE_REMOTE_CLIENT (source), result, &error);
  rollout_changed (self, rollout, error);
}

static void
begin_change (SluiceRolloutView *self,
              const char        *failure)
{
  self->busy++;
  self->change_failure = failure;
  sluice_rollout_view_update_state (self);
}

static void
fill_change (SluiceRolloutView         *self,
             SluiceRemoteRolloutChange *change,
             SluiceRemoteMode           mode)
{
  sluice_remote_rollout_change_init (change, mode);
  change->version = sluice_rollout_view_selected_version (self);
  if (mode == SLUICE_REMOTE_MODE_CANARY)
    {
      if (adw_combo_row_get_selected (self->canary_kind_row) == 1)
        change->canary_segment = gtk_editable_get_text (GTK_EDITABLE (self->canary_segment_row));
      else
        change->canary_percent = gtk_spin_button_get_value (self->canary_percent_spin);
    }
  change->error_budget.max_error_rate = gtk_spin_button_get_value (self->max_rate_spin) / 100.0;
  change->error_budget.window_seconds = gtk_spin_button_get_value_as_int (self->window_spin);
  change->error_budget.min_events = gtk_spin_button_get_value_as_int (self->min_events_spin);
  change->auto_pause = gtk_switch_get_active (self->auto_pause_switch);
}

static void
request_mode (SluiceRolloutView *self,
              SluiceRemoteMode   mode)
{
  SluiceRemoteRolloutChange change;

  if (self->client == NULL || self->workflow == NULL)
    return;

  if (mode == SLUICE_REMOTE_MODE_CANARY && adw_combo_row_get_selected (self->canary_kind_row) == 1
      && gtk_editable_get_text (GTK_EDITABLE (self->canary_segment_row))[0] == '\0')
    {
      sluice_rollout_view_toast (self, _("Name the canary’s segment first"));
      gtk_widget_grab_focus (GTK_WIDGET (self->canary_segment_row));
      return;
    }

  if (mode == SLUICE_REMOTE_MODE_FULL && sluice_rollout_view_current_mode (self) == SLUICE_REMOTE_MODE_CANARY)
    {
      begin_change (self, _("Could not promote to full"));
      sluice_remote_client_promote_async (self->client, self->workflow, self->cancellable,
                                          rollout_action_cb, g_object_ref (self));
      return;
    }

  fill_change (self, &change, mode);
  begin_change (self, _("Could not change the rollout"));
  sluice_remote_client_set_rollout_async (self->client, self->workflow, &change, self->cancellable,
                                          set_rollout_cb, g_object_ref (self));
}

static void
step_toggled_cb (GtkToggleButton   *button,
                 SluiceRolloutView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "sluice-step"));

  if (self->syncing)
    return;

  /* the buttons show the server's mode; the answer moves them */
  if (sluice_rollout_view_step_modes[index] != sluice_rollout_view_current_mode (self))
    request_mode (self, sluice_rollout_view_step_modes[index]);
  sluice_rollout_view_update_stepper (self);
}

static void
apply_settings_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SluiceRolloutView *self = SLUICE_ROLLOUT_VIEW (widget);
  SluiceRemoteMode mode = sluice_rollout_view_current_mode (self);

  request_mode (self, mode == SLUICE_REMOTE_MODE_UNKNOWN ? SLUICE_REMOTE_MODE_DISABLED : mode);
}

static void
settings_edited_cb (SluiceRolloutView *self)
{
  if (!self->syncing)
    self->settings_edited = TRUE;
}

static void
version_selected_cb (SluiceRolloutView *self)
{
  if (self->syncing)
    return;
  self->chosen_version = sluice_rollout_view_selected_version (self);
  self->settings_edited = TRUE;
}

static void
canary_kind_cb (SluiceRolloutView *self)
{
  gboolean segment = adw_combo_row_get_selected (self->canary_kind_row) == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->canary_percent_row), !segment);
  gtk_widget_set_visible (GTK_WIDGET (self->canary_segment_row), segment);
  settings_edited_cb (self);
}

/* Pause: asks for a reason, which the status and audit then show. */
static void
pause_response_cb (AdwMessageDialog  *dialog,
                   const char        *response,
                   SluiceRolloutView *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *reason = gtk_editable_get_text (entry);

  if (g_strcmp0 (response, "pause") != 0 || self->client == NULL || self->workflow == NULL)
    return;

  begin_change (self, _("Could not pause"));
  sluice_remote_client_pause_async (self->client, self->workflow, reason[0] ? reason : NULL,
                                    self->cancellable, rollout_action_cb, g_object_ref (self));
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SluiceRolloutView *self = SLUICE_ROLLOUT_VIEW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *heading = g_strdup_printf (_("Pause “%s”?"), self->workflow);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (sluice_rollout_view_get_window (self), heading,
                                                       _("It stops acting until it is resumed; events are still counted. "
                                                         "The reason is shown to everyone and kept in the audit trail.")));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "pause", _("_Pause"), NULL);
  adw_message_dialog_set_default_response (dialog, "pause");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (pause_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SluiceRolloutView *self = SLUICE_ROLLOUT_VIEW (widget);

  begin_change (self, _("Could not resume"));
  sluice_remote_client_resume_async (self->client, self->workflow, self->cancellable,
                                     rollout_action_cb, g_object_ref (self));
}

static void
rollback_response_cb (AdwMessageDialog  *dialog,
                      const char        *response,
                      SluiceRolloutView *self)
{
  if (g_strcmp0 (response, "rollback") != 0 || self->client == NULL || self->workflow == NULL)
    return;

  begin_change (self, _("Could not roll back"));
  sluice_remote_client_rollback_async (self->client, self->workflow, self->cancellable,
                                       rollout_action_cb, g_object_ref (self));
}

static void
rollback_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SluiceRolloutView *self = SLUICE_ROLLOUT_VIEW (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (self->rollout == NULL || self->rollout->last_good_version < 1)
    return;

  heading = g_strdup_printf (_("Roll Back to Version %" PRId64 "?"), self->rollout->last_good_version);
  body = g_strdup_printf (_("Version %" PRId64 " replaces version %" PRId64
                            " in %s, for the same entities; a pause is lifted. "
                            "Version %" PRId64 " is the last one that ran within its error budget."),
                          self->rollout->last_good_version, self->rollout->version,
                          sluice_rollout_view_mode_name (self->rollout->mode), self->rollout->last_good_version);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (sluice_rollout_view_get_window (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "rollback", _("Roll _Back"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rollback", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (rollback_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
kill_switch_set_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(GError) error = NULL;
  SluiceRemoteKillSwitch *kill_switch;

  kill_switch = sluice_remote_client_kill_switch_finish (SLUICE_REMOTE_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy--;
  if (kill_switch == NULL)
    {
      sluice_rollout_view_show_error (self, _("Could not change the kill switch"), error);
      sluice_rollout_view_update_state (self);
      return;
    }
  g_clear_pointer (&self->kill_switch, sluice_remote_kill_switch_unref);
  self->kill_switch = kill_switch;
  sluice_rollout_view_toast (self, kill_switch->engaged ? _("Kill switch engaged: every workflow is paused")
                                                        : _("Kill switch released"));
  sluice_rollout_view_update_state (self);
  sluice_rollout_view_load_audit (self);
  sluice_rollout_view_updated (self);
}

static void
kill_response_cb (AdwMessageDialog  *dialog,
                  const char        *response,
                  SluiceRolloutView *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *reason = gtk_editable_get_text (entry);

  if (g_strcmp0 (response, "engage") != 0 || self->client == NULL)
    return;

  self->busy++;
  sluice_rollout_view_update_state (self);
  sluice_remote_client_set_kill_switch_async (self->client, TRUE, reason[0] ? reason : NULL,
                                              self->cancellable, kill_switch_set_cb, g_object_ref (self));
}

static void
kill_switch_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SluiceRolloutView *self = SLUICE_ROLLOUT_VIEW (widget);
  gboolean engaged = self->status ? self->status->kill_switch : (self->kill_switch && self->kill_switch->engaged);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (engaged)
    {
      /* releasing resumes nothing by itself: no need to confirm */
      self->busy++;
      sluice_rollout_view_update_state (self);
      sluice_remote_client_set_kill_switch_async (self->client, FALSE, NULL, self->cancellable,
                                                  kill_switch_set_cb, g_object_ref (self));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (sluice_rollout_view_get_window (self),
                                                       _("Stop Every Workflow?"),
                                                       _("The kill switch pauses every workflow on this server, "
                                                         "not only this one, until an admin releases it. "
                                                         "Releasing it does not resume workflows paused for other reasons.")));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "engage", _("_Stop Everything"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "engage", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (kill_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sluice_rollout_view_refresh (SLUICE_ROLLOUT_VIEW (widget));
}

/* ---- setup ------------------------------------------------------------------------------------ */

void
sluice_rollout_view_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, settings_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, canary_kind_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_selected_cb);

  gtk_widget_class_install_action (widget_class, "rollout.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "rollout.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "rollout.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "rollout.rollback", NULL, rollback_action);
  gtk_widget_class_install_action (widget_class, "rollout.kill-switch", NULL, kill_switch_action);
  gtk_widget_class_install_action (widget_class, "rollout.apply-settings", NULL, apply_settings_action);
}

/* The stepper's buttons, one per mode, in the order of a rollout. */
void
sluice_rollout_view_actions_init (SluiceRolloutView *self)
{
  static const char * const step_labels[4] = {
    N_("_Disabled"), N_("_Shadow"), N_("_Canary"), N_("_Full"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (step_labels); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_mnemonic (_(step_labels[i]));

      g_object_set_data (G_OBJECT (button), "sluice-step", GUINT_TO_POINTER (i));
      g_signal_connect (button, "toggled", G_CALLBACK (step_toggled_cb), self);
      gtk_box_append (self->stepper, button);
      self->step_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
}
