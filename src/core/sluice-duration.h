/* sluice-duration.h — "7d", "1h30m", "250ms"
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SLUICE_MSEC_PER_SECOND  G_GINT64_CONSTANT (1000)
#define SLUICE_MSEC_PER_MINUTE  (60 * SLUICE_MSEC_PER_SECOND)
#define SLUICE_MSEC_PER_HOUR    (60 * SLUICE_MSEC_PER_MINUTE)
#define SLUICE_MSEC_PER_DAY     (24 * SLUICE_MSEC_PER_HOUR)
#define SLUICE_MSEC_PER_WEEK    (7 * SLUICE_MSEC_PER_DAY)

gboolean  sluice_duration_parse   (const char *text,
                                   gint64     *msec);
char     *sluice_duration_format  (gint64      msec);

G_END_DECLS
