/* sluice-server-rollout.h — progressive enablement: modes, pause, rollback, kill switch
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sluice-server-store.h"

G_BEGIN_DECLS

typedef enum
{
  SLUICE_SERVER_MODE_DISABLED,
  SLUICE_SERVER_MODE_SHADOW,
  SLUICE_SERVER_MODE_CANARY,
  SLUICE_SERVER_MODE_FULL,
} SluiceServerMode;

const char *sluice_server_mode_to_string   (SluiceServerMode  mode);
gboolean    sluice_server_mode_from_string (const char       *text,
                                            SluiceServerMode *mode);

/* A PUT of the rollout; the has_* flags say which optional members came. */
typedef struct
{
  SluiceServerMode mode;
  gint64           version;            /* 0: keep, or the latest */
  gboolean         has_canary_percent;
  double           canary_percent;
  char            *canary_segment;
  gboolean         has_max_error_rate;
  double           max_error_rate;
  gboolean         has_window_seconds;
  gint64           window_seconds;
  gboolean         has_min_events;
  gint64           min_events;
  gboolean         has_auto_pause;
  gboolean         auto_pause;
} SluiceServerRolloutChange;

void        sluice_server_rollout_change_clear (SluiceServerRolloutChange *change);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SluiceServerRolloutChange, sluice_server_rollout_change_clear)

JsonObject *sluice_server_rollout_get       (SluiceServerStore               *store,
                                             const char                      *workflow,
                                             GError                         **error);
JsonObject *sluice_server_rollout_set       (SluiceServerStore               *store,
                                             const SluiceServerActor         *actor,
                                             const char                      *workflow,
                                             const SluiceServerRolloutChange *change,
                                             GError                         **error);
JsonObject *sluice_server_rollout_promote   (SluiceServerStore               *store,
                                             const SluiceServerActor         *actor,
                                             const char                      *workflow,
                                             GError                         **error);
JsonObject *sluice_server_rollout_pause     (SluiceServerStore               *store,
                                             const SluiceServerActor         *actor,
                                             const char                      *workflow,
                                             const char                      *reason,
                                             GError                         **error);
JsonObject *sluice_server_rollout_resume    (SluiceServerStore               *store,
                                             const SluiceServerActor         *actor,
                                             const char                      *workflow,
                                             GError                         **error);
JsonObject *sluice_server_rollout_rollback  (SluiceServerStore               *store,
                                             const SluiceServerActor         *actor,
                                             const char                      *workflow,
                                             GError                         **error);
char       *sluice_server_rollout_get_mode  (SluiceServerStore               *store,
                                             const char                      *workflow);
JsonArray  *sluice_server_workflows_list    (SluiceServerStore               *store,
                                             GError                         **error);

/* the global kill switch, in sluice-server-kill-switch.c */
gboolean    sluice_server_kill_switch_engaged (SluiceServerStore             *store);
JsonObject *sluice_server_kill_switch_get   (SluiceServerStore               *store,
                                             GError                         **error);
JsonObject *sluice_server_kill_switch_set   (SluiceServerStore               *store,
                                             const SluiceServerActor         *actor,
                                             gboolean                         engaged,
                                             const char                      *reason,
                                             GError                         **error);

/* runtime counters, the error budget and the status, in sluice-server-runtime.c */
typedef struct
{
  gint64 events;
  gint64 actions;
  gint64 errors;
} SluiceServerCounters;

gboolean    sluice_server_runtime_record    (SluiceServerStore               *store,
                                             const SluiceServerActor         *actor,
                                             const char                      *workflow,
                                             const SluiceServerCounters      *counters,
                                             GError                         **error);
JsonObject *sluice_server_status_get        (SluiceServerStore               *store,
                                             const char                      *workflow,
                                             GError                         **error);
gint64      sluice_server_status_revision   (SluiceServerStore               *store,
                                             const char                      *workflow);

G_END_DECLS
