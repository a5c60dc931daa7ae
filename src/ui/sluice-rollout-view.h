/* sluice-rollout-view.h — the Rollout view: publish, roll out, watch live
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sluice-document.h"
#include "sluice-impact-view.h"
#include "sluice-remote-client.h"

G_BEGIN_DECLS

#define SLUICE_TYPE_ROLLOUT_VIEW (sluice_rollout_view_get_type ())
G_DECLARE_FINAL_TYPE (SluiceRolloutView, sluice_rollout_view, SLUICE, ROLLOUT_VIEW, GtkWidget)

GtkWidget           *sluice_rollout_view_new             (void);
void                 sluice_rollout_view_set_document    (SluiceRolloutView *self,
                                                          SluiceDocument    *document);
SluiceDocument      *sluice_rollout_view_get_document    (SluiceRolloutView *self);
void                 sluice_rollout_view_set_impact_view (SluiceRolloutView *self,
                                                          SluiceImpactView  *impact_view);

/* Signs in to @url with @token for this session only, without the
 * keyring or saved servers (tests, and addresses given on the command line). */
void                 sluice_rollout_view_connect         (SluiceRolloutView *self,
                                                          const char        *url,
                                                          gboolean           tls_insecure,
                                                          const char        *token);

/* What is shown; ::updated is emitted whenever any of it changes. */
SluiceRemoteClient  *sluice_rollout_view_get_client      (SluiceRolloutView *self);
const char          *sluice_rollout_view_get_role        (SluiceRolloutView *self);
GPtrArray           *sluice_rollout_view_get_versions    (SluiceRolloutView *self);
SluiceRemoteRollout *sluice_rollout_view_get_rollout     (SluiceRolloutView *self);
SluiceRemoteStatus  *sluice_rollout_view_get_status      (SluiceRolloutView *self);
GPtrArray           *sluice_rollout_view_get_audit       (SluiceRolloutView *self);
GPtrArray           *sluice_rollout_view_get_outbox      (SluiceRolloutView *self);
const char          *sluice_rollout_view_get_error       (SluiceRolloutView *self);

G_END_DECLS
