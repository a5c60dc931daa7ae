/* sluice-sim-diff.h — two versions of a workflow over the same events
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sluice-sim-result.h"

G_BEGIN_DECLS

typedef struct
{
  char    *step_id;
  guint64  before;
  guint64  after;
} SluiceActionDelta;

typedef struct
{
  SluiceSimResult *before;
  SluiceSimResult *after;
  GPtrArray       *added;       /* const SluiceEntityStat *, of after: newly qualify */
  GPtrArray       *removed;     /* const SluiceEntityStat *, of before: drop out */
  GPtrArray       *unchanged;   /* const SluiceEntityStat *, of after: qualify in both */
  GPtrArray       *deltas;      /* SluiceActionDelta, steps of both in order */
} SluiceSimDiff;

SluiceSimDiff *sluice_sim_diff_new      (SluiceSimResult *before,
                                         SluiceSimResult *after);
void           sluice_sim_diff_free     (SluiceSimDiff   *diff);
JsonNode      *sluice_sim_diff_to_json  (SluiceSimDiff   *diff,
                                         guint            max_entities);
char          *sluice_sim_diff_to_text  (SluiceSimDiff   *diff,
                                         guint            max_entities);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceSimDiff, sluice_sim_diff_free)

G_END_DECLS
