/* sluice-rate-limit.h — what a rate limit does to a stream of actions
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 actions;
  guint64 peak;            /* most actions wanted in any window of `per` */
  double  utilisation;     /* peak / limit × 100 */
  guint64 delayed;         /* waited for a free slot */
  guint64 dropped;         /* would have waited longer than the timeout */
  gint64  max_delay_ms;
  gint64  drain_ms;        /* first request to last sent */
} SluiceRateLimitOutcome;

void sluice_rate_limit_simulate (const gint64           *times_ms,
                                 gsize                   n_times,
                                 guint64                 limit,
                                 gint64                  per_ms,
                                 gint64                  timeout_ms,
                                 SluiceRateLimitOutcome *outcome);

G_END_DECLS
