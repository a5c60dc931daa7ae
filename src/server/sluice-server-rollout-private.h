/* sluice-server-rollout-private.h — the rollout row the rollout files share
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sluice-server-rollout.h"

G_BEGIN_DECLS

typedef struct
{
  char             *workflow;
  gint64            revision;
  SluiceServerMode  mode;
  gint64            version;            /* 0: none */
  gboolean          has_canary_percent;
  double            canary_percent;
  char             *canary_segment;
  double            max_error_rate;
  gint64            window_seconds;
  gint64            min_events;
  gboolean          auto_pause;
  gboolean          paused;
  char             *paused_reason;
  gboolean          paused_by_kill_switch;
  gint64            window_start_ms;
  char             *updated_at;
  char             *updated_by;
} SluiceServerRollout;

void        sluice_server_rollout_clear   (SluiceServerRollout     *rollout);
gboolean    sluice_server_rollout_load    (SluiceServerStore       *store,
                                           const char              *workflow,
                                           SluiceServerRollout     *rollout,
                                           GError                 **error);
gboolean    sluice_server_rollout_save    (SluiceServerStore       *store,
                                           const SluiceServerActor *actor,
                                           SluiceServerRollout     *rollout,
                                           GError                 **error);
JsonNode   *sluice_server_rollout_canary_to_json       (const SluiceServerRollout *rollout);
JsonObject *sluice_server_rollout_error_budget_to_json (const SluiceServerRollout *rollout);
gint64      sluice_server_rollout_last_good_version    (SluiceServerStore         *store,
                                                        const SluiceServerRollout *rollout);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SluiceServerRollout, sluice_server_rollout_clear)

G_END_DECLS
