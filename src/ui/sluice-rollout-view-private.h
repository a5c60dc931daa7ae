/* sluice-rollout-view-private.h — shared by the Rollout view's files
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sluice-remote-client.h"
#include "sluice-remote-outbox.h"
#include "sluice-remote-servers.h"
#include "sluice-rollout-gauge.h"
#include "sluice-rollout-view.h"

G_BEGIN_DECLS

struct _SluiceRolloutView
{
  GtkWidget            parent_instance;

  /* template */
  AdwToastOverlay     *toasts;
  AdwComboRow         *server_row;
  GtkStringList       *server_model;
  AdwActionRow        *tls_warning_row;
  AdwEntryRow         *token_row;
  AdwActionRow        *identity_row;
  AdwActionRow        *connection_row;
  AdwActionRow        *keyring_row;
  AdwPreferencesGroup *publish_group;
  AdwActionRow        *publish_row;
  GtkButton           *publish_button;
  AdwActionRow        *attach_row;
  GtkSwitch           *attach_switch;
  AdwActionRow        *conflict_row;
  AdwPreferencesGroup *outbox_group;
  GtkListBox          *outbox_list;
  AdwPreferencesGroup *versions_group;
  GtkListBox          *versions_list;
  GtkStack            *rollout_stack;
  AdwStatusPage       *placeholder_page;
  GtkButton           *pause_button;
  GtkButton           *resume_button;
  GtkButton           *rollback_button;
  GtkLabel            *events_label;
  GtkLabel            *actions_label;
  GtkLabel            *errors_label;
  GtkLabel            *budget_label;
  SluiceRolloutGauge  *gauge;
  AdwActionRow        *mode_row;
  AdwActionRow        *paused_row;
  AdwActionRow        *kill_row;
  GtkButton           *kill_button;
  AdwActionRow        *live_error_row;
  GtkBox              *stepper;
  GtkLabel            *rule_label;
  AdwComboRow         *version_row;
  GtkStringList       *version_model;
  AdwComboRow         *canary_kind_row;
  AdwActionRow        *canary_percent_row;
  GtkSpinButton       *canary_percent_spin;
  AdwEntryRow         *canary_segment_row;
  GtkSpinButton       *max_rate_spin;
  GtkSpinButton       *window_spin;
  GtkSpinButton       *min_events_spin;
  GtkSwitch           *auto_pause_switch;
  AdwPreferencesGroup *audit_group;
  GtkListBox          *audit_list;
  GtkToggleButton     *step_buttons[4];   /* disabled, shadow, canary, full */

  /* what it shows */
  SluiceDocument      *document;
  SluiceImpactView    *impact_view;       /* weak */
  char                *workflow;          /* metadata.name of the open document */

  /* the connection */
  SluiceRemoteServers *servers;           /* NULL when the settings schema is missing */
  GPtrArray           *server_list;       /* SluiceRemoteServer, as in server_model */
  SluiceRemoteOutbox  *outbox;
  SluiceRemoteClient  *client;
  char                *name;              /* whoami */
  char                *role;
  GCancellable        *cancellable;       /* everything for this server and workflow */
  GCancellable        *poll_cancellable;  /* the long poll alone */
  guint                poll_retry_id;
  guint                poll_failures;
  gboolean             filling_servers;
  gboolean             environment_tried;  /* $SLUICE_SERVER, once */
  gint64               published_number;   /* given to the Impact view; 0: none */
  gboolean             syncing;           /* setting widgets from the server, not the user */
  gboolean             settings_edited;
  gint64               chosen_version;    /* picked in version_row by the author */
  guint                busy;              /* changes in flight */
  gboolean             publishing;
  const char          *change_failure;    /* what to say if the change in flight fails */

  /* the server's answers */
  GPtrArray           *versions;          /* SluiceRemoteVersion, newest first */
  gboolean             versions_loaded;
  SluiceRemoteRollout *rollout;
  SluiceRemoteStatus  *status;
  SluiceRemoteKillSwitch *kill_switch;
  GPtrArray           *audit;             /* SluiceRemoteAuditEntry */
  GPtrArray           *outbox_entries;    /* SluiceRemotePending for this server and workflow */
  gboolean             unpublished;       /* the server knows no such workflow yet */
  char                *error;             /* the last error shown */
};

enum {
  SLUICE_ROLLOUT_VIEW_UPDATED,
  SLUICE_ROLLOUT_VIEW_N_SIGNALS
};

extern guint sluice_rollout_view_signals[SLUICE_ROLLOUT_VIEW_N_SIGNALS];

/* sluice-rollout-view.c */
void     sluice_rollout_view_updated          (SluiceRolloutView  *self);
void     sluice_rollout_view_show_error       (SluiceRolloutView  *self,
                                               const char         *what,
                                               const GError       *error);
void     sluice_rollout_view_toast            (SluiceRolloutView  *self,
                                               const char         *message);
void     sluice_rollout_view_refresh          (SluiceRolloutView  *self);
void     sluice_rollout_view_update_state     (SluiceRolloutView  *self);
void     sluice_rollout_view_signed_in        (SluiceRolloutView  *self);
void     sluice_rollout_view_disconnect       (SluiceRolloutView  *self);
gboolean sluice_rollout_view_role_at_least    (SluiceRolloutView  *self,
                                               const char         *role);
char    *sluice_rollout_view_format_time      (GDateTime          *time);
GtkWindow *sluice_rollout_view_get_window     (SluiceRolloutView  *self);

const char *sluice_rollout_view_mode_name    (SluiceRemoteMode    mode);
const char *sluice_rollout_view_role_name    (const char         *role);

/* sluice-rollout-view-status.c */
extern const SluiceRemoteMode sluice_rollout_view_step_modes[4];

SluiceRemoteMode sluice_rollout_view_current_mode (SluiceRolloutView *self);
void     sluice_rollout_view_update_stepper   (SluiceRolloutView  *self);
void     sluice_rollout_view_set_rollout      (SluiceRolloutView  *self,
                                               SluiceRemoteRollout *rollout);
void     sluice_rollout_view_load_rollout     (SluiceRolloutView  *self);
void     sluice_rollout_view_load_kill_switch (SluiceRolloutView  *self);
void     sluice_rollout_view_poll_start       (SluiceRolloutView  *self);
void     sluice_rollout_view_poll_stop        (SluiceRolloutView  *self);
gint64   sluice_rollout_view_selected_version (SluiceRolloutView  *self);
void     sluice_rollout_view_fill_version_row (SluiceRolloutView  *self);

/* sluice-rollout-view-actions.c */
void     sluice_rollout_view_actions_class_init (GtkWidgetClass   *widget_class);
void     sluice_rollout_view_actions_init     (SluiceRolloutView  *self);

/* sluice-rollout-view-servers.c */
void     sluice_rollout_view_servers_class_init (GtkWidgetClass   *widget_class);
void     sluice_rollout_view_servers_init     (SluiceRolloutView  *self);
gboolean sluice_rollout_view_connect_from_environment (SluiceRolloutView *self);
void     sluice_rollout_view_update_remove_server (SluiceRolloutView *self);
void     sluice_rollout_view_fill_servers     (SluiceRolloutView  *self,
                                               const char         *select);
void     sluice_rollout_view_use_client       (SluiceRolloutView  *self,
                                               SluiceRemoteClient *client,
                                               const char         *token);

/* sluice-rollout-view-versions.c */
void     sluice_rollout_view_versions_class_init (GtkWidgetClass  *widget_class);
void     sluice_rollout_view_share_published  (SluiceRolloutView  *self);
void     sluice_rollout_view_load_versions    (SluiceRolloutView  *self);
void     sluice_rollout_view_show_versions    (SluiceRolloutView  *self);
void     sluice_rollout_view_load_audit       (SluiceRolloutView  *self);
void     sluice_rollout_view_load_outbox      (SluiceRolloutView  *self);
void     sluice_rollout_view_update_publish   (SluiceRolloutView  *self);

G_END_DECLS
