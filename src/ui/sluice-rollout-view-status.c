/* sluice-rollout-view-status.c — what the server says, shown
 *
 * The rollout's rules as the stepper shows them, the live status (a long
 * poll that runs while the view is on screen and backs off when the server
 * cannot be reached), and the rollout's settings copied into the form.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-rollout-view-private.h"

#define POLL_WAIT_SECONDS 30
#define POLL_MAX_BACKOFF  60

const SluiceRemoteMode sluice_rollout_view_step_modes[4] = {
  SLUICE_REMOTE_MODE_DISABLED, SLUICE_REMOTE_MODE_SHADOW,
  SLUICE_REMOTE_MODE_CANARY, SLUICE_REMOTE_MODE_FULL,
};

static char *
canary_description (double      percent,
                    const char *segment)
{
  if (segment != NULL)
    return g_strdup_printf (_("segment “%s”"), segment);
  return g_strdup_printf (_("%g%% of entities"), percent);
}


/* ---- the rollout's rules, as the stepper shows them ------------------------------------ */

SluiceRemoteMode
sluice_rollout_view_current_mode (SluiceRolloutView *self)
{
  if (self->status != NULL)
    return self->status->mode;
  if (self->rollout != NULL)
    return self->rollout->mode;
  return SLUICE_REMOTE_MODE_DISABLED;
}

/* Why @to cannot be chosen now, or NULL when it can: the same rules as
 * the server's, so that a refused click is rare and explained ahead. */
static const char *
mode_blocked_reason (SluiceRolloutView *self,
                     SluiceRemoteMode   from,
                     SluiceRemoteMode   to)
{
  if (!sluice_rollout_view_role_at_least (self, "publisher"))
    return _("Changing the rollout needs the publisher role");
  if (to == from)
    return NULL;
  if (to != SLUICE_REMOTE_MODE_DISABLED && self->status != NULL && self->status->kill_switch)
    return _("The kill switch is engaged: only Disabled is allowed");
  if (to != SLUICE_REMOTE_MODE_DISABLED && (self->versions == NULL || self->versions->len == 0))
    return _("Publish a version first");
  if (to == SLUICE_REMOTE_MODE_CANARY && from == SLUICE_REMOTE_MODE_DISABLED)
    return _("Canary only after shadow: run it in shadow first");
  if (to == SLUICE_REMOTE_MODE_FULL && from != SLUICE_REMOTE_MODE_CANARY)
    return _("Promote to full only from canary");
  return NULL;
}

static const char *
mode_purpose (SluiceRemoteMode mode)
{
  switch (mode)
    {
    case SLUICE_REMOTE_MODE_DISABLED: return _("Nothing runs");
    case SLUICE_REMOTE_MODE_SHADOW: return _("Runs on every event and records what it would do; acts on nothing");
    case SLUICE_REMOTE_MODE_CANARY: return _("Acts for a share of entities or one segment");
    case SLUICE_REMOTE_MODE_FULL: return _("Acts for every entity");
    case SLUICE_REMOTE_MODE_UNKNOWN:
    default: return NULL;
    }
}

static char *
rule_text (SluiceRolloutView *self,
           SluiceRemoteMode   mode)
{
  switch (mode)
    {
    case SLUICE_REMOTE_MODE_DISABLED:
      return g_strdup (_("Disabled: nothing runs. Next comes shadow, which acts on nothing."));
    case SLUICE_REMOTE_MODE_SHADOW:
      return g_strdup (_("Shadow: it runs on every event and acts on none. Next comes canary."));
    case SLUICE_REMOTE_MODE_CANARY:
      {
        g_autofree char *canary = canary_description (self->status ? self->status->canary_percent : 0,
                                                      self->status ? self->status->canary_segment : NULL);
        return g_strdup_printf (_("Canary: it acts for %s. Promote it to full, resize it above, or step back to shadow."),
                                canary);
      }
    case SLUICE_REMOTE_MODE_FULL:
      return g_strdup (_("Full: it acts for every entity. Step back to canary or shadow, or disable it."));
    case SLUICE_REMOTE_MODE_UNKNOWN:
    default:
      return g_strdup ("");
    }
}

/* ---- what is shown, from what the server said ----------------------------------------- */

void
sluice_rollout_view_update_stepper (SluiceRolloutView *self)
{
  SluiceRemoteMode mode = sluice_rollout_view_current_mode (self);
  g_autofree char *rule = rule_text (self, mode);

  self->syncing = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (sluice_rollout_view_step_modes); i++)
    {
      GtkWidget *button = GTK_WIDGET (self->step_buttons[i]);
      const char *blocked = mode_blocked_reason (self, mode, sluice_rollout_view_step_modes[i]);
      g_autofree char *tooltip = NULL;

      gtk_toggle_button_set_active (self->step_buttons[i], sluice_rollout_view_step_modes[i] == mode);
      gtk_widget_set_sensitive (button, blocked == NULL && self->busy == 0);
      if (sluice_rollout_view_step_modes[i] == mode)
        tooltip = g_strdup_printf (_("%s: the current mode. %s"), sluice_rollout_view_mode_name (mode), mode_purpose (mode));
      else if (blocked != NULL)
        tooltip = g_strdup (blocked);
      else
        tooltip = g_strdup (mode_purpose (sluice_rollout_view_step_modes[i]));
      gtk_widget_set_tooltip_text (button, tooltip);
    }
  self->syncing = FALSE;

  gtk_label_set_label (self->rule_label, rule);
}

static char *
format_window (gint64 seconds)
{
  if (seconds >= 3600 && seconds % 3600 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " hour", "%" PRId64 " hours", seconds / 3600),
                            seconds / 3600);
  if (seconds >= 60 && seconds % 60 == 0)
    return g_strdup_printf (_("%" PRId64 " min"), seconds / 60);
  return g_strdup_printf (_("%" PRId64 " s"), seconds);
}

static void
update_status (SluiceRolloutView *self)
{
  SluiceRemoteStatus *status = self->status;
  g_autofree char *events = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *budget = NULL;
  double max_rate;

  if (status == NULL)
    return;

  events = g_strdup_printf ("%" PRId64, status->events);
  actions = g_strdup_printf ("%" PRId64, status->actions);
  errors = g_strdup_printf ("%" PRId64, status->errors);
  gtk_label_set_label (self->events_label, events);
  gtk_label_set_label (self->actions_label, actions);
  gtk_label_set_label (self->errors_label, errors);

  if (status->active_version < 1)
    mode = g_strdup (sluice_rollout_view_mode_name (status->mode));
  else if (status->mode == SLUICE_REMOTE_MODE_CANARY)
    {
      g_autofree char *canary = canary_description (status->canary_percent, status->canary_segment);

      /* Translators: mode, canary size, version */
      mode = g_strdup_printf (_("%s, %s · version %" PRId64),
                              sluice_rollout_view_mode_name (status->mode), canary, status->active_version);
    }
  else
    mode = g_strdup_printf (_("%s · version %" PRId64),
                            sluice_rollout_view_mode_name (status->mode), status->active_version);
  adw_action_row_set_subtitle (self->mode_row, mode);

  gtk_widget_set_visible (GTK_WIDGET (self->paused_row), status->paused);
  adw_action_row_set_subtitle (self->paused_row,
                               status->paused_reason ? status->paused_reason : _("No reason was given"));

  max_rate = status->error_budget.max_error_rate;
  if (max_rate > 0)
    {
      g_autofree char *window = format_window (status->error_budget.window_seconds);

      /* Translators: "Errors 1.5% · budget 2.0% over 5 min, from 20 events" */
      budget = g_strdup_printf (_("Errors %.1f%% · budget %.1f%% over %s, from %" PRId64 " events"),
                                status->error_rate * 100, max_rate * 100, window,
                                status->error_budget.min_events);
    }
  else
    budget = g_strdup_printf (_("Error rate %.1f%%; no error budget is set"), status->error_rate * 100);
  gtk_label_set_label (self->budget_label, budget);
  sluice_rollout_gauge_set_value (self->gauge, status->error_rate, MAX (max_rate, 0),
                                  status->events, MAX (status->error_budget.min_events, 0));
}

static void
update_kill_switch (SluiceRolloutView *self)
{
  gboolean engaged = self->status ? self->status->kill_switch
                                  : (self->kill_switch && self->kill_switch->engaged);
  g_autofree char *subtitle = NULL;

  if (!engaged)
    subtitle = g_strdup (_("Released: workflows run as their rollouts say"));
  else if (self->kill_switch != NULL && self->kill_switch->engaged && self->kill_switch->reason != NULL)
    subtitle = g_strdup_printf (_("Engaged by %s: %s. Every workflow is paused."),
                                self->kill_switch->updated_by ? self->kill_switch->updated_by : _("someone"),
                                self->kill_switch->reason);
  else
    subtitle = g_strdup (_("Engaged: every workflow is paused"));
  adw_action_row_set_subtitle (self->kill_row, subtitle);

  gtk_button_set_label (self->kill_button, engaged ? _("_Release") : _("_Engage…"));
  if (engaged)
    gtk_widget_remove_css_class (GTK_WIDGET (self->kill_button), "destructive-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->kill_button), "destructive-action");
  gtk_widget_set_visible (GTK_WIDGET (self->kill_button), sluice_rollout_view_role_at_least (self, "admin"));
}

gint64
sluice_rollout_view_selected_version (SluiceRolloutView *self)
{
  guint selected = adw_combo_row_get_selected (self->version_row);

  if (self->versions == NULL || selected >= self->versions->len)
    return 0;
  return ((SluiceRemoteVersion *) g_ptr_array_index (self->versions, selected))->number;
}

/* Copies the rollout's settings into the form, unless the author is
 * in the middle of changing them. */
static void
sync_settings (SluiceRolloutView *self)
{
  SluiceRemoteRollout *rollout = self->rollout;

  if (rollout == NULL || self->settings_edited)
    return;

  self->syncing = TRUE;
  if (rollout->canary_segment != NULL)
    {
      adw_combo_row_set_selected (self->canary_kind_row, 1);
      gtk_editable_set_text (GTK_EDITABLE (self->canary_segment_row), rollout->canary_segment);
    }
  else if (rollout->canary_percent > 0)
    {
      adw_combo_row_set_selected (self->canary_kind_row, 0);
      gtk_spin_button_set_value (self->canary_percent_spin, rollout->canary_percent);
    }
  if (rollout->error_budget.max_error_rate >= 0)
    gtk_spin_button_set_value (self->max_rate_spin, rollout->error_budget.max_error_rate * 100);
  if (rollout->error_budget.window_seconds > 0)
    gtk_spin_button_set_value (self->window_spin, rollout->error_budget.window_seconds);
  if (rollout->error_budget.min_events > 0)
    gtk_spin_button_set_value (self->min_events_spin, rollout->error_budget.min_events);
  gtk_switch_set_active (self->auto_pause_switch, rollout->auto_pause);
  self->syncing = FALSE;
  sluice_rollout_view_fill_version_row (self);
}

/* Published versions, newest first; the rollout's own is selected until
 * the author picks another. */
void
sluice_rollout_view_fill_version_row (SluiceRolloutView *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gint64 keep = self->settings_edited ? self->chosen_version
              : self->rollout && self->rollout->version > 0 ? self->rollout->version : 0;
  guint selected = 0;

  for (guint i = 0; self->versions != NULL && i < self->versions->len; i++)
    {
      SluiceRemoteVersion *version = g_ptr_array_index (self->versions, i);

      if (version->number == keep)
        selected = i;
      g_ptr_array_add (labels, g_strdup_printf (_("Version %" PRId64), version->number));
    }
  g_ptr_array_add (labels, NULL);

  self->syncing = TRUE;
  gtk_string_list_splice (self->version_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->version_model)),
                          (const char * const *) labels->pdata);
  if (labels->len > 1)
    adw_combo_row_set_selected (self->version_row, selected);
  self->syncing = FALSE;
}

/* Which controls make sense now: the role, the mode and calls in flight. */
void
sluice_rollout_view_update_state (SluiceRolloutView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean signed_in = self->client != NULL && self->role != NULL;
  gboolean publisher = sluice_rollout_view_role_at_least (self, "publisher");
  gboolean paused = self->status != NULL && self->status->paused;
  gboolean live = signed_in && self->workflow != NULL && !self->unpublished;
  gint64 last_good = self->rollout ? self->rollout->last_good_version : -1;

  if (!signed_in)
    {
      adw_status_page_set_title (self->placeholder_page, _("Sign In to a Control Plane"));
      adw_status_page_set_description (self->placeholder_page,
                                       _("Choose a server and enter your access token to publish this workflow and roll it out."));
    }
  else if (self->workflow == NULL)
    {
      adw_status_page_set_title (self->placeholder_page, _("The Workflow Has No Name"));
      adw_status_page_set_description (self->placeholder_page,
                                       _("Give it a metadata.name in the YAML view: the server knows workflows by name."));
    }
  else
    {
      g_autofree char *description =
        g_strdup_printf (_("“%s” is not on this server yet. Publish it to roll it out."), self->workflow);

      adw_status_page_set_title (self->placeholder_page, _("Not Published Yet"));
      adw_status_page_set_description (self->placeholder_page, description);
    }
  gtk_stack_set_visible_child_name (self->rollout_stack, live && self->status != NULL ? "rollout" : "signed-out");

  gtk_widget_set_visible (GTK_WIDGET (self->identity_row), signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), self->client != NULL && !signed_in);
  /* nothing to list before the server said who we are */
  gtk_widget_set_visible (GTK_WIDGET (self->versions_group), signed_in && self->workflow != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->audit_group), signed_in && self->workflow != NULL);
  if (signed_in)
    {
      g_autofree char *who = g_strdup_printf (_("%s, %s"), self->name, sluice_rollout_view_role_name (self->role));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->identity_row), _("Signed In As"));
      adw_action_row_set_subtitle (self->identity_row, who);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->pause_button), !paused);
  gtk_widget_set_visible (GTK_WIDGET (self->resume_button), paused);
  gtk_widget_action_set_enabled (widget, "rollout.pause", live && publisher && self->busy == 0);
  gtk_widget_action_set_enabled (widget, "rollout.resume", live && publisher && self->busy == 0);
  gtk_widget_action_set_enabled (widget, "rollout.rollback", live && publisher && last_good > 0 && self->busy == 0);
  gtk_widget_action_set_enabled (widget, "rollout.apply-settings", live && publisher && self->busy == 0);
  gtk_widget_action_set_enabled (widget, "rollout.kill-switch",
                                 signed_in && sluice_rollout_view_role_at_least (self, "admin") && self->busy == 0);
  gtk_widget_action_set_enabled (widget, "rollout.forget-token", self->client != NULL);

  if (last_good > 0)
    {
      g_autofree char *tooltip = g_strdup_printf (_("Go back to version %" PRId64 ", the last one that ran within its budget"),
                                                  last_good);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->rollback_button), tooltip);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->rollback_button),
                                 _("No earlier version ran within its error budget"));

  sluice_rollout_view_update_stepper (self);
  update_status (self);
  update_kill_switch (self);
  sluice_rollout_view_update_publish (self);
}

/* ---- the rollout and the kill switch ------------------------------------------------------ */

void
sluice_rollout_view_set_rollout (SluiceRolloutView   *self,
             SluiceRemoteRollout *rollout)
{
  g_clear_pointer (&self->rollout, sluice_remote_rollout_unref);
  self->rollout = rollout ? sluice_remote_rollout_ref (rollout) : NULL;
  sync_settings (self);
  sluice_rollout_view_update_state (self);
  sluice_rollout_view_updated (self);
}

static void
get_rollout_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(SluiceRemoteRollout) rollout = NULL;
  g_autoptr(GError) error = NULL;

  rollout = sluice_remote_client_get_rollout_finish (SLUICE_REMOTE_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_NOT_FOUND))
    {
      self->unpublished = TRUE;
      sluice_rollout_view_update_state (self);
      return;
    }
  if (error != NULL)
    {
      sluice_rollout_view_show_error (self, _("Could not load the rollout"), error);
      return;
    }
  sluice_rollout_view_set_rollout (self, rollout);
}

void
sluice_rollout_view_load_rollout (SluiceRolloutView *self)
{
  if (self->client == NULL || self->workflow == NULL)
    return;
  sluice_remote_client_get_rollout_async (self->client, self->workflow, self->cancellable,
                                          get_rollout_cb, g_object_ref (self));
}

static void
get_kill_switch_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(GError) error = NULL;
  SluiceRemoteKillSwitch *kill_switch;

  kill_switch = sluice_remote_client_kill_switch_finish (SLUICE_REMOTE_CLIENT (source), result, &error);
  if (kill_switch == NULL)
    {
      sluice_rollout_view_show_error (self, _("Could not read the kill switch"), error);
      return;
    }
  g_clear_pointer (&self->kill_switch, sluice_remote_kill_switch_unref);
  self->kill_switch = kill_switch;
  update_kill_switch (self);
  sluice_rollout_view_updated (self);
}

void
sluice_rollout_view_load_kill_switch (SluiceRolloutView *self)
{
  if (self->client == NULL)
    return;
  sluice_remote_client_get_kill_switch_async (self->client, self->cancellable,
                                              get_kill_switch_cb, g_object_ref (self));
}

/* ---- the live status: a long poll while the view is on screen --------------------------- */

static gboolean
status_changed_beyond_counters (SluiceRemoteStatus *old,
                                SluiceRemoteStatus *status)
{
  return old == NULL
      || old->mode != status->mode
      || old->active_version != status->active_version
      || old->paused != status->paused
      || old->kill_switch != status->kill_switch
      || old->canary_percent != status->canary_percent
      || g_strcmp0 (old->canary_segment, status->canary_segment) != 0;
}

static void poll_next (SluiceRolloutView *self);

static gboolean
poll_retry_cb (gpointer user_data)
{
  SluiceRolloutView *self = user_data;

  self->poll_retry_id = 0;
  poll_next (self);
  return G_SOURCE_REMOVE;
}

static void
status_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(SluiceRemoteStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed;

  status = sluice_remote_client_get_status_finish (SLUICE_REMOTE_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_NOT_FOUND))
    {
      /* nothing to watch until a first publish, which starts it again */
      self->unpublished = TRUE;
      sluice_rollout_view_update_state (self);
      sluice_rollout_view_updated (self);
      return;
    }

  if (error != NULL)
    {
      guint delay = MIN (POLL_MAX_BACKOFF, 1u << MIN (self->poll_failures, 6));

      self->poll_failures++;
      adw_action_row_set_subtitle (self->live_error_row, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->live_error_row), TRUE);
      g_free (self->error);
      self->error = g_strdup (error->message);
      if (g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_UNAUTHENTICATED))
        {
          sluice_rollout_view_show_error (self, _("Live status stopped"), error);
          return;
        }
      self->poll_retry_id = g_timeout_add_seconds (delay, poll_retry_cb, self);
      sluice_rollout_view_updated (self);
      return;
    }

  self->poll_failures = 0;
  self->unpublished = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->live_error_row), FALSE);

  changed = status_changed_beyond_counters (self->status, status);
  g_clear_pointer (&self->status, sluice_remote_status_unref);
  self->status = g_steal_pointer (&status);
  sluice_rollout_view_update_state (self);

  /* someone else may have changed the rollout: the details and the audit follow */
  if (changed)
    {
      sluice_rollout_view_show_versions (self);
      sluice_rollout_view_load_rollout (self);
      sluice_rollout_view_load_audit (self);
      sluice_rollout_view_share_published (self);
    }
  sluice_rollout_view_updated (self);

  poll_next (self);
}

static void
poll_next (SluiceRolloutView *self)
{
  gint64 after = self->status ? self->status->revision : -1;

  if (self->client == NULL || self->workflow == NULL || self->poll_cancellable == NULL)
    return;

  sluice_remote_client_get_status_async (self->client, self->workflow, after,
                                         after >= 0 ? POLL_WAIT_SECONDS : 0,
                                         self->poll_cancellable, status_cb, g_object_ref (self));
}

/* Only while the view is on screen and signed in. */
void
sluice_rollout_view_poll_start (SluiceRolloutView *self)
{
  sluice_rollout_view_poll_stop (self);
  if (self->client == NULL || self->role == NULL || self->workflow == NULL
      || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->poll_cancellable = g_cancellable_new ();
  self->poll_failures = 0;
  poll_next (self);
}

void
sluice_rollout_view_poll_stop (SluiceRolloutView *self)
{
  g_clear_handle_id (&self->poll_retry_id, g_source_remove);
  if (self->poll_cancellable != NULL)
    g_cancellable_cancel (self->poll_cancellable);
  g_clear_object (&self->poll_cancellable);
}

