/* sluice-rollout-view.c — the Rollout view: publish, roll out, watch live
 *
 * This file holds the view's life cycle and what it is connected to. The
 * rest is split by concern: sluice-rollout-view-status.c shows what the
 * server says (the live status is a long poll that runs while the view is
 * on screen), sluice-rollout-view-actions.c changes the rollout,
 * sluice-rollout-view-servers.c does servers and sign-in, and
 * sluice-rollout-view-versions.c versions, publishing, the outbox and the
 * audit trail.
 *
 * Every call is asynchronous and cancellable: self->cancellable covers one
 * server and workflow, and is replaced when either changes.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sluice-rollout-view-private.h"

G_DEFINE_FINAL_TYPE (SluiceRolloutView, sluice_rollout_view, GTK_TYPE_WIDGET)

guint sluice_rollout_view_signals[SLUICE_ROLLOUT_VIEW_N_SIGNALS];

/* ---- small helpers ------------------------------------------------------------------ */

void
sluice_rollout_view_updated (SluiceRolloutView *self)
{
  g_signal_emit (self, sluice_rollout_view_signals[SLUICE_ROLLOUT_VIEW_UPDATED], 0);
}

void
sluice_rollout_view_toast (SluiceRolloutView *self,
                           const char        *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* Errors are shown, never only logged: @what says what was being done. */
void
sluice_rollout_view_show_error (SluiceRolloutView *self,
                                const char        *what,
                                const GError      *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  message = g_strdup_printf ("%s: %s", what, error->message);
  g_free (self->error);
  self->error = g_strdup (message);
  sluice_rollout_view_toast (self, message);

  if (g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_UNAUTHENTICATED))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->connection_row),
                                     _("The server no longer accepts this token"));
      adw_action_row_set_subtitle (self->connection_row, _("Enter a new access token above."));
      gtk_widget_set_visible (GTK_WIDGET (self->connection_row), TRUE);
    }
  sluice_rollout_view_updated (self);
}

static const char * const roles[] = { "viewer", "author", "publisher", "admin", NULL };

static int
role_rank (const char *role)
{
  for (int i = 0; roles[i] != NULL; i++)
    if (g_strcmp0 (roles[i], role) == 0)
      return i;
  return -1;
}

gboolean
sluice_rollout_view_role_at_least (SluiceRolloutView *self,
                                   const char        *role)
{
  return self->role != NULL && role_rank (self->role) >= role_rank (role);
}

const char *
sluice_rollout_view_role_name (const char *role)
{
  switch (role_rank (role))
    {
    case 0: return C_("role", "viewer");
    case 1: return C_("role", "author");
    case 2: return C_("role", "publisher");
    case 3: return C_("role", "admin");
    default: return role;
    }
}

char *
sluice_rollout_view_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (time == NULL)
    return g_strdup (_("unknown time"));

  local = g_date_time_to_local (time);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: a time today, see g_date_time_format() */
    return g_date_time_format (local, _("%H:%M:%S"));
  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%e %b %Y, %H:%M"));
}

GtkWindow *
sluice_rollout_view_get_window (SluiceRolloutView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

const char *
sluice_rollout_view_mode_name (SluiceRemoteMode mode)
{
  switch (mode)
    {
    case SLUICE_REMOTE_MODE_DISABLED: return _("Disabled");
    case SLUICE_REMOTE_MODE_SHADOW: return _("Shadow");
    case SLUICE_REMOTE_MODE_CANARY: return _("Canary");
    case SLUICE_REMOTE_MODE_FULL: return _("Full");
    case SLUICE_REMOTE_MODE_UNKNOWN:
    default: return _("Unknown");
    }
}

/* ---- everything for this server and workflow -------------------------------------------- */

static void
forget_answers (SluiceRolloutView *self)
{
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->rollout, sluice_remote_rollout_unref);
  g_clear_pointer (&self->status, sluice_remote_status_unref);
  g_clear_pointer (&self->kill_switch, sluice_remote_kill_switch_unref);
  g_clear_pointer (&self->audit, g_ptr_array_unref);
  g_clear_pointer (&self->outbox_entries, g_ptr_array_unref);
  self->versions_loaded = FALSE;
  self->unpublished = FALSE;
  self->settings_edited = FALSE;
  self->busy = 0;
  /* no server, or another workflow: nothing published to compare with */
  self->published_number = 0;
  if (self->impact_view != NULL)
    sluice_impact_view_set_published (self->impact_view, NULL, NULL);
}

static void
restart_calls (SluiceRolloutView *self)
{
  sluice_rollout_view_poll_stop (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/**
 * sluice_rollout_view_refresh:
 *
 * Loads everything again: versions, rollout, audit, outbox and the kill
 * switch, and (re)starts the live status.
 */
void
sluice_rollout_view_refresh (SluiceRolloutView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_row), FALSE);
  sluice_rollout_view_load_outbox (self);
  if (self->client == NULL || self->role == NULL)
    {
      sluice_rollout_view_update_state (self);
      return;
    }

  sluice_rollout_view_load_kill_switch (self);
  if (self->workflow != NULL)
    {
      sluice_rollout_view_load_versions (self);
      sluice_rollout_view_load_rollout (self);
      sluice_rollout_view_load_audit (self);
      sluice_rollout_view_poll_start (self);
    }
  sluice_rollout_view_update_state (self);
}

/* Called once whoami answered. */
void
sluice_rollout_view_signed_in (SluiceRolloutView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->connection_row), FALSE);
  sluice_rollout_view_refresh (self);
  sluice_rollout_view_updated (self);
}

/* Drops the client and all it answered; calls in flight are cancelled. */
void
sluice_rollout_view_disconnect (SluiceRolloutView *self)
{
  restart_calls (self);
  forget_answers (self);
  g_clear_object (&self->client);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);
}

static void
document_changed_cb (SluiceRolloutView *self,
                     guint              flags)
{
  SluiceWorkflow *workflow = sluice_document_get_workflow (self->document);
  const char *name = workflow ? sluice_workflow_get_name (workflow) : NULL;

  if (name != NULL && name[0] == '\0')
    name = NULL;

  if (g_strcmp0 (name, self->workflow) != 0)
    {
      g_free (self->workflow);
      self->workflow = g_strdup (name);
      restart_calls (self);
      forget_answers (self);
      sluice_rollout_view_refresh (self);
    }
  else
    sluice_rollout_view_update_publish (self);
}

void
sluice_rollout_view_set_document (SluiceRolloutView *self,
                                  SluiceDocument    *document)
{
  g_return_if_fail (SLUICE_IS_ROLLOUT_VIEW (self));
  g_return_if_fail (document == NULL || SLUICE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);

  g_clear_pointer (&self->workflow, g_free);
  if (document != NULL)
    document_changed_cb (self, SLUICE_DOCUMENT_CHANGE_REPLACED);
  else
    {
      restart_calls (self);
      forget_answers (self);
      sluice_rollout_view_update_state (self);
    }
}

SluiceDocument *
sluice_rollout_view_get_document (SluiceRolloutView *self)
{
  g_return_val_if_fail (SLUICE_IS_ROLLOUT_VIEW (self), NULL);
  return self->document;
}

/**
 * sluice_rollout_view_set_impact_view:
 *
 * The Impact view whose report can be attached to a publish.
 */
void
sluice_rollout_view_set_impact_view (SluiceRolloutView *self,
                                     SluiceImpactView  *impact_view)
{
  g_return_if_fail (SLUICE_IS_ROLLOUT_VIEW (self));

  g_set_weak_pointer (&self->impact_view, impact_view);
  sluice_rollout_view_update_publish (self);
}

/* ---- public --------------------------------------------------------------------------------- */

SluiceRemoteClient *
sluice_rollout_view_get_client (SluiceRolloutView *self)
{
  g_return_val_if_fail (SLUICE_IS_ROLLOUT_VIEW (self), NULL);
  return self->client;
}

const char *
sluice_rollout_view_get_role (SluiceRolloutView *self)
{
  g_return_val_if_fail (SLUICE_IS_ROLLOUT_VIEW (self), NULL);
  return self->role;
}

GPtrArray *
sluice_rollout_view_get_versions (SluiceRolloutView *self)
{
  g_return_val_if_fail (SLUICE_IS_ROLLOUT_VIEW (self), NULL);
  return self->versions;
}

SluiceRemoteRollout *
sluice_rollout_view_get_rollout (SluiceRolloutView *self)
{
  g_return_val_if_fail (SLUICE_IS_ROLLOUT_VIEW (self), NULL);
  return self->rollout;
}

SluiceRemoteStatus *
sluice_rollout_view_get_status (SluiceRolloutView *self)
{
  g_return_val_if_fail (SLUICE_IS_ROLLOUT_VIEW (self), NULL);
  return self->status;
}

GPtrArray *
sluice_rollout_view_get_audit (SluiceRolloutView *self)
{
  g_return_val_if_fail (SLUICE_IS_ROLLOUT_VIEW (self), NULL);
  return self->audit;
}

GPtrArray *
sluice_rollout_view_get_outbox (SluiceRolloutView *self)
{
  g_return_val_if_fail (SLUICE_IS_ROLLOUT_VIEW (self), NULL);
  return self->outbox_entries;
}

const char *
sluice_rollout_view_get_error (SluiceRolloutView *self)
{
  g_return_val_if_fail (SLUICE_IS_ROLLOUT_VIEW (self), NULL);
  return self->error;
}

GtkWidget *
sluice_rollout_view_new (void)
{
  return g_object_new (SLUICE_TYPE_ROLLOUT_VIEW, NULL);
}

/* ---- life cycle ------------------------------------------------------------------------------ */

static void
sluice_rollout_view_map (GtkWidget *widget)
{
  SluiceRolloutView *self = SLUICE_ROLLOUT_VIEW (widget);

  GTK_WIDGET_CLASS (sluice_rollout_view_parent_class)->map (widget);

  /* a server is contacted when the view is first shown, not before:
   * the one the environment names, as sluice-cli does (for demos and
   * sessions without a keyring), else the saved ones */
  if (self->client == NULL && !sluice_rollout_view_connect_from_environment (self))
    sluice_rollout_view_fill_servers (self, NULL);
  else if (self->poll_cancellable == NULL)
    sluice_rollout_view_poll_start (self);
}

static void
sluice_rollout_view_unmap (GtkWidget *widget)
{
  sluice_rollout_view_poll_stop (SLUICE_ROLLOUT_VIEW (widget));
  GTK_WIDGET_CLASS (sluice_rollout_view_parent_class)->unmap (widget);
}

static void
sluice_rollout_view_dispose (GObject *object)
{
  SluiceRolloutView *self = (SluiceRolloutView *) object;

  sluice_rollout_view_poll_stop (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_weak_pointer (&self->impact_view);

  gtk_widget_dispose_template (GTK_WIDGET (self), SLUICE_TYPE_ROLLOUT_VIEW);

  G_OBJECT_CLASS (sluice_rollout_view_parent_class)->dispose (object);
}

static void
sluice_rollout_view_finalize (GObject *object)
{
  SluiceRolloutView *self = (SluiceRolloutView *) object;

  forget_answers (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->servers);
  g_clear_object (&self->outbox);
  g_clear_pointer (&self->server_list, g_ptr_array_unref);
  g_clear_pointer (&self->workflow, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (sluice_rollout_view_parent_class)->finalize (object);
}

static void
sluice_rollout_view_class_init (SluiceRolloutViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sluice_rollout_view_dispose;
  object_class->finalize = sluice_rollout_view_finalize;
  widget_class->map = sluice_rollout_view_map;
  widget_class->unmap = sluice_rollout_view_unmap;

  /**
   * SluiceRolloutView::updated:
   *
   * Something the server said is now shown: versions, rollout, status,
   * audit, the outbox, or an error.
   */
  sluice_rollout_view_signals[SLUICE_ROLLOUT_VIEW_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SLUICE_TYPE_ROLLOUT_GAUGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/dev/sluice/Sluice/sluice-rollout-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sluice-rollout-view");

#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SluiceRolloutView, name)
  CHILD (toasts);
  CHILD (server_row);
  CHILD (server_model);
  CHILD (tls_warning_row);
  CHILD (token_row);
  CHILD (identity_row);
  CHILD (connection_row);
  CHILD (keyring_row);
  CHILD (publish_group);
  CHILD (publish_row);
  CHILD (publish_button);
  CHILD (attach_row);
  CHILD (attach_switch);
  CHILD (conflict_row);
  CHILD (outbox_group);
  CHILD (outbox_list);
  CHILD (versions_group);
  CHILD (versions_list);
  CHILD (rollout_stack);
  CHILD (placeholder_page);
  CHILD (pause_button);
  CHILD (resume_button);
  CHILD (rollback_button);
  CHILD (events_label);
  CHILD (actions_label);
  CHILD (errors_label);
  CHILD (budget_label);
  CHILD (gauge);
  CHILD (mode_row);
  CHILD (paused_row);
  CHILD (kill_row);
  CHILD (kill_button);
  CHILD (live_error_row);
  CHILD (stepper);
  CHILD (rule_label);
  CHILD (version_row);
  CHILD (version_model);
  CHILD (canary_kind_row);
  CHILD (canary_percent_row);
  CHILD (canary_percent_spin);
  CHILD (canary_segment_row);
  CHILD (max_rate_spin);
  CHILD (window_spin);
  CHILD (min_events_spin);
  CHILD (auto_pause_switch);
  CHILD (audit_group);
  CHILD (audit_list);
#undef CHILD

  sluice_rollout_view_actions_class_init (widget_class);
  sluice_rollout_view_servers_class_init (widget_class);
  sluice_rollout_view_versions_class_init (widget_class);
}

static void
sluice_rollout_view_init (SluiceRolloutView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sluice_rollout_view_actions_init (self);

  self->cancellable = g_cancellable_new ();
  self->outbox = sluice_remote_outbox_new (NULL);
  sluice_rollout_view_servers_init (self);
  sluice_rollout_view_update_state (self);
}
