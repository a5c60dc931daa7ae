/* sluice-rate-limit.c
 *
 * The model is a sliding-window log limiter with a FIFO queue, which is
 * what the control plane runs: an action is sent at the first moment at
 * which fewer than `limit` actions were sent in the preceding `per`.
 * Actions that would wait longer than the workflow's timeout are dropped
 * and take no slot.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sluice-rate-limit.h"

/**
 * sluice_rate_limit_simulate:
 * @times_ms: when each action is wanted, sorted ascending
 * @timeout_ms: the longest wait before an action is dropped; 0 for none
 *
 * Runs the limiter over the actions in O(n).
 */
void
sluice_rate_limit_simulate (const gint64           *times_ms,
                            gsize                   n_times,
                            guint64                 limit,
                            gint64                  per_ms,
                            gint64                  timeout_ms,
                            SluiceRateLimitOutcome *outcome)
{
  g_autofree gint64 *sent = NULL;
  gsize n_sent = 0;
  gsize window_start = 0;

  g_return_if_fail (limit > 0 && per_ms > 0);

  *outcome = (SluiceRateLimitOutcome) { 0 };
  outcome->actions = n_times;
  if (n_times == 0)
    return;

  sent = g_new (gint64, n_times);

  for (gsize i = 0; i < n_times; i++)
    {
      gint64 wanted = times_ms[i];
      gint64 when = wanted;

      g_assert (i == 0 || times_ms[i - 1] <= wanted);

      /* peak demand: wanted times in (wanted - per, wanted] */
      while (times_ms[window_start] <= wanted - per_ms)
        window_start++;
      outcome->peak = MAX (outcome->peak, i - window_start + 1);

      /* Sent times only grow, so the slot frees when the action `limit`
       * places back leaves the window. */
      if (n_sent >= limit)
        when = MAX (wanted, sent[n_sent - limit] + per_ms);

      if (when > wanted)
        {
          if (timeout_ms > 0 && when - wanted > timeout_ms)
            {
              outcome->dropped++;
              continue;
            }
          outcome->delayed++;
          outcome->max_delay_ms = MAX (outcome->max_delay_ms, when - wanted);
        }

      sent[n_sent++] = when;
    }

  outcome->utilisation = 100.0 * outcome->peak / limit;
  if (n_sent > 0)
    outcome->drain_ms = sent[n_sent - 1] - times_ms[0];
}
