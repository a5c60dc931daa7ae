/* sim-test-util.h — datasets and workflows for the dry-run engine's tests
 *
 * A dataset is a real event store in a temporary directory, filled through
 * the importer from JSON Lines the test writes. Everything here only sets
 * up and tears down; the expected answers are in the tests.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sluice-event-store.h"
#include "sluice-scope.h"
#include "sluice-sim-result.h"
#include "sluice-simulator.h"
#include "sluice-workflow.h"

typedef struct
{
  char             *dir;
  char             *path;
  SluiceEventStore *store;
  SluiceSimulator  *sim;
} TestDataset;

static inline TestDataset *
test_dataset_new (void)
{
  TestDataset *ds = g_new0 (TestDataset, 1);
  g_autoptr(GError) error = NULL;

  ds->dir = g_dir_make_tmp ("sluice-sim-XXXXXX", &error);
  g_assert_no_error (error);
  ds->path = g_build_filename (ds->dir, "events.sluice", NULL);
  ds->store = sluice_event_store_open (ds->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds->store);

  return ds;
}

/* One simulator per dataset, as the app keeps it. */
static inline SluiceSimulator *
test_dataset_get_simulator (TestDataset *ds)
{
  if (ds->sim == NULL)
    ds->sim = sluice_simulator_new (ds->store);
  return ds->sim;
}

static inline void
test_dataset_free (TestDataset *ds)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (ds == NULL)
    return;

  g_clear_object (&ds->sim);
  g_clear_object (&ds->store);

  dir = g_dir_open (ds->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (ds->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (ds->dir);

  g_free (ds->path);
  g_free (ds->dir);
  g_free (ds);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDataset, test_dataset_free)

static inline SluiceImportReport *
test_dataset_import_bytes (TestDataset *ds,
                           GBytes      *bytes)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GError) error = NULL;
  SluiceImportReport *report;

  report = sluice_event_store_import (ds->store, input, "test.jsonl", g_bytes_get_size (bytes),
                                      SLUICE_EVENT_FORMAT_JSONL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static inline SluiceImportReport *
test_dataset_import (TestDataset *ds,
                     const char  *jsonl)
{
  g_autoptr(GBytes) bytes = g_bytes_new (jsonl, strlen (jsonl));
  return test_dataset_import_bytes (ds, bytes);
}

/* Imports and checks that every line was taken. */
static inline void
test_dataset_import_all (TestDataset *ds,
                         const char  *jsonl,
                         guint        n_expected)
{
  g_autoptr(SluiceImportReport) report = test_dataset_import (ds, jsonl);

  for (guint i = 0; i < report->rejections->len; i++)
    {
      SluiceImportRejection *rejection = g_ptr_array_index (report->rejections, i);
      g_test_message ("line %u rejected: %s", rejection->line, rejection->reason);
    }
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpuint (report->events_added, ==, n_expected);
}

static inline void
test_dataset_import_segment (TestDataset *ds,
                             const char  *name,
                             const char  *text,
                             guint        n_expected)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (sluice_event_store_import_segment (ds->store, name, input, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n_expected);
}

/* Appends one CloudEvent line; @tenant and @data may be NULL (left out). */
static inline void
test_add_event (GString    *out,
                const char *id,
                const char *type,
                const char *time,
                const char *tenant,
                const char *data)
{
  g_string_append_printf (out, "{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"//test.example\","
                          "\"type\":\"%s\",\"time\":\"%s\"", id, type, time);
  if (tenant != NULL)
    g_string_append_printf (out, ",\"tenant\":\"%s\"", tenant);
  if (data != NULL)
    g_string_append_printf (out, ",\"data\":%s", data);
  g_string_append (out, "}\n");
}

/* Milliseconds since the epoch, by GLib's own ISO 8601 parser. */
static inline gint64
test_ms (const char *iso8601)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

static inline SluiceWorkflow *
test_load_workflow (const char *yaml)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  SluiceWorkflow *workflow = sluice_workflow_load_from_data (yaml, strlen (yaml), diagnostics);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_test_message ("%u:%u: %s: %s", d->line, d->column, d->rule_id, d->message);
    }
  g_assert_nonnull (workflow);
  return workflow;
}

static inline SluiceSimResult *
test_run (TestDataset       *ds,
          SluiceWorkflow    *workflow,
          const SluiceScope *scope)
{
  g_autoptr(SluiceScope) all = sluice_scope_new ();
  g_autoptr(GError) error = NULL;
  SluiceSimResult *result;

  result = sluice_simulator_run (test_dataset_get_simulator (ds), workflow, scope ? scope : all, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static inline const SluiceStepOutcome *
test_step (SluiceSimResult *result,
           const char      *step_id)
{
  for (guint i = 0; i < result->steps->len; i++)
    {
      const SluiceStepOutcome *step = g_ptr_array_index (result->steps, i);
      if (g_strcmp0 (step->step_id, step_id) == 0)
        return step;
    }
  g_error ("no step “%s” in the result", step_id);
  return NULL;
}

static inline const SluiceFilterOutcome *
test_filter (SluiceSimResult *result,
             const char      *step_id,
             guint            index)
{
  for (guint i = 0; i < result->filters->len; i++)
    {
      const SluiceFilterOutcome *filter = g_ptr_array_index (result->filters, i);
      if (g_strcmp0 (filter->step_id, step_id) == 0 && filter->index == index)
        return filter;
    }
  g_error ("no filter %u of “%s” in the result", index, step_id);
  return NULL;
}

static inline const SluiceRateLimitResult *
test_rate_limit (SluiceSimResult *result,
                 const char      *target)
{
  for (guint i = 0; i < result->rate_limits->len; i++)
    {
      const SluiceRateLimitResult *limit = g_ptr_array_index (result->rate_limits, i);
      if (g_strcmp0 (limit->target, target) == 0)
        return limit;
    }
  g_error ("no rate limit on “%s” in the result", target);
  return NULL;
}

static inline gboolean
test_has_finding (SluiceSimResult *result,
                  const char      *rule_id)
{
  return sluice_diagnostics_has_rule (result->findings, rule_id);
}

/* ---- an independent model of the limiter ---------------------------------- */

/* The sliding-window log with a FIFO queue, the slow and obvious way: an
 * action goes at the first moment t ≥ its wanted time and ≥ the previous
 * send at which fewer than @limit sends lie in (t − per, t]. */
typedef struct
{
  guint64 peak;
  guint64 delayed;
  guint64 dropped;
  gint64  max_delay_ms;
  gint64  drain_ms;
} TestLimiterOutcome;

static inline void
test_limiter_reference (const gint64       *wanted,
                        gsize               n,
                        guint64             limit,
                        gint64              per_ms,
                        gint64              timeout_ms,
                        TestLimiterOutcome *out)
{
  g_autofree gint64 *sent = g_new0 (gint64, MAX (n, 1));
  gsize n_sent = 0;

  memset (out, 0, sizeof *out);

  for (gsize i = 0; i < n; i++)
    {
      guint64 in_window = 0;

      for (gsize j = 0; j < n; j++)
        if (wanted[j] > wanted[i] - per_ms && wanted[j] <= wanted[i])
          in_window++;
      out->peak = MAX (out->peak, in_window);
    }

  for (gsize i = 0; i < n; i++)
    {
      gint64 t = wanted[i];

      if (n_sent > 0)
        t = MAX (t, sent[n_sent - 1]);

      for (;;)
        {
          guint64 count = 0;
          gint64 oldest = G_MAXINT64;

          for (gsize j = 0; j < n_sent; j++)
            if (sent[j] > t - per_ms && sent[j] <= t)
              {
                count++;
                oldest = MIN (oldest, sent[j]);
              }
          if (count < limit)
            break;
          t = oldest + per_ms;
        }

      if (t > wanted[i])
        {
          if (timeout_ms > 0 && t - wanted[i] > timeout_ms)
            {
              out->dropped++;
              continue;
            }
          out->delayed++;
          out->max_delay_ms = MAX (out->max_delay_ms, t - wanted[i]);
        }
      sent[n_sent++] = t;
    }

  if (n_sent > 0)
    out->drain_ms = sent[n_sent - 1] - wanted[0];
}
