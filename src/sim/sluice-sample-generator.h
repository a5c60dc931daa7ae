/* sluice-sample-generator.h — reproducible sample events of the demo domain
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* 2026-11-01T00:00:00Z: a fixed end, so that the defaults reproduce. */
#define SLUICE_SAMPLE_DEFAULT_END_MS    G_GINT64_CONSTANT (1793491200000)
#define SLUICE_SAMPLE_DEFAULT_SEED      1
#define SLUICE_SAMPLE_DEFAULT_TENANTS   20
#define SLUICE_SAMPLE_DEFAULT_ACCOUNTS  50000
#define SLUICE_SAMPLE_DEFAULT_DAYS      30

/* Limits of the options; sluice_sample_options_check() enforces them. */
#define SLUICE_SAMPLE_MAX_TENANTS       999
#define SLUICE_SAMPLE_MAX_ACCOUNTS      1000000
#define SLUICE_SAMPLE_MAX_DAYS          3650
#define SLUICE_SAMPLE_MAX_EVENTS        G_GUINT64_CONSTANT (1000000000000)

/* What to generate. The output is a function of these fields alone. */
typedef struct
{
  guint64 n_events;     /* how many events to write */
  guint32 seed;
  gint64  end_ms;       /* end of the time window (excluded), UTC ms since the epoch */
  guint   n_tenants;    /* t01 … */
  guint   n_accounts;   /* acct-00001 …, each in one tenant */
  guint   days;         /* length of the time window that ends at end_ms */
} SluiceSampleOptions;

/**
 * SluiceSampleProgress:
 * @n_written: events written so far
 * @n_events: events to write in all
 *
 * Called now and then while writing, and once at the end with
 * @n_written == @n_events.
 */
typedef void (*SluiceSampleProgress) (guint64  n_written,
                                      guint64  n_events,
                                      gpointer user_data);

void     sluice_sample_options_init     (SluiceSampleOptions        *options);
gboolean sluice_sample_options_check    (const SluiceSampleOptions  *options,
                                         GError                    **error);

gboolean sluice_sample_generator_write  (GOutputStream              *output,
                                         const SluiceSampleOptions  *options,
                                         SluiceSampleProgress        progress_cb,
                                         gpointer                    user_data,
                                         GCancellable               *cancellable,
                                         GError                    **error);

G_END_DECLS
