/* sluice-sim-result.h — what a dry run found
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sluice-diagnostic.h"
#include "sluice-rate-limit.h"
#include "sluice-scope.h"
#include "sluice-string-pool.h"

G_BEGIN_DECLS

typedef struct
{
  char    *step_id;
  char    *step_type;
  guint64  reached;            /* runs that got to the step (times fan-out) */
  guint64  actions;            /* would-be actions, after everything */
  guint64  pending_approvals;  /* approval gates: approvals that would be asked */
  guint64  cap_hits;           /* for-each: events whose list was longer than the cap */
  guint64  suppressed;         /* cooldown steps: runs they held back */
} SluiceStepOutcome;

typedef struct
{
  char    *step_id;
  guint    index;              /* which filter of the step */
  char    *description;        /* "data.percent ≥ 80" */
  guint64  passed;
  guint64  rejected;
  guint64  missing;            /* could not evaluate: the path is not there */
  guint64  wrong_type;         /* could not evaluate: a value of another type */
  guint64  no_previous;        /* could not evaluate: `changed` on an entity's first event */
} SluiceFilterOutcome;

typedef struct
{
  char                   *target;     /* a step id, or "type:notify" */
  guint64                 limit;
  gint64                  per_ms;
  SluiceRateLimitOutcome  outcome;
} SluiceRateLimitResult;

typedef struct
{
  char    *destination;        /* a domain, "email", "ticket:ops", "timeline", … */
  char    *kind;               /* the action type that sends there */
  guint64  requests;
  guint64  peak_per_hour;
  guint64  peak_per_day;
} SluiceDestinationStat;

typedef struct
{
  char    *destination;
  guint64  limit;
  gint64   per_ms;
  guint64  peak;               /* most requests in any period of per_ms */
  double   utilisation;        /* peak / limit × 100 */
} SluiceQuotaResult;

typedef struct
{
  const char *entity;          /* in the result's pool */
  const char *tenant;          /* NULL for none */
  guint32     events;          /* matched events */
  guint32     runs;            /* runs after cooldown */
  guint32     actions;
  gboolean    in_canary;
} SluiceEntityStat;

typedef struct
{
  gatomicrefcount    ref_count;

  char              *workflow_name;
  char              *workflow_digest;
  char              *dataset_digest;
  SluiceScope       *scope;

  guint64            events_scanned;
  guint64            events_matched;
  guint64            entities_matched;
  guint64            events_without_entity;
  guint64            suppressed_by_cooldown;
  guint64            runs;
  guint64            actions_total;
  guint64            dropped_by_fan_out;
  guint64            events_over_fan_out;

  GPtrArray         *steps;          /* SluiceStepOutcome, in document order */
  GPtrArray         *filters;        /* SluiceFilterOutcome */
  GPtrArray         *rate_limits;    /* SluiceRateLimitResult */
  GPtrArray         *destinations;   /* SluiceDestinationStat, most requests first */
  GPtrArray         *quotas;         /* SluiceQuotaResult, as the workflow lists them */
  GArray            *entities;       /* SluiceEntityStat, most actions first */
  SluiceDiagnostics *findings;

  double             run_time_mean_ms;
  gint64             run_time_max_ms;

  double             canary_percent; /* < 0: none */
  char              *canary_segment;
  guint64            canary_entities;
  guint64            canary_actions;

  gint64             elapsed_ms;
  gint64             created_ms;     /* wall-clock time of the run */

  SluiceStringPool  *pool;
} SluiceSimResult;

SluiceSimResult   *sluice_sim_result_new           (void);
SluiceSimResult   *sluice_sim_result_ref           (SluiceSimResult *result);
void               sluice_sim_result_unref         (SluiceSimResult *result);
guint64            sluice_sim_result_get_actions   (SluiceSimResult *result,
                                                    const char      *step_id);
const SluiceEntityStat *sluice_sim_result_lookup_entity (SluiceSimResult *result,
                                                         const char      *entity);
JsonNode          *sluice_sim_result_to_json       (SluiceSimResult *result,
                                                    guint            max_entities);
char              *sluice_sim_result_to_text       (SluiceSimResult *result,
                                                    guint            max_entities);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceSimResult, sluice_sim_result_unref)

G_END_DECLS
