/* sluice-time.h — RFC 3339 timestamps to and from UTC milliseconds
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "-0001-01-01T00:00:00.000Z" is 25 bytes; room for the NUL and more. */
#define SLUICE_TIME_FORMAT_SIZE 32

gboolean  sluice_time_parse_rfc3339       (const char *text,
                                           gsize       len,
                                           gint64     *msec);
gboolean  sluice_time_parse_epoch_seconds (const char *text,
                                           gsize       len,
                                           gint64     *msec);
gsize     sluice_time_format_to_buffer    (gint64      msec,
                                           char        buffer[SLUICE_TIME_FORMAT_SIZE]);
char     *sluice_time_format              (gint64      msec);

gint64    sluice_time_days_from_civil     (gint        year,
                                           guint       month,
                                           guint       day);

G_END_DECLS
