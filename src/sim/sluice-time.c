/* sluice-time.c
 *
 * Timestamps are read millions of times per import, so they are parsed by
 * hand into UTC milliseconds with the days-from-civil arithmetic of Howard
 * Hinnant ("chrono-Compatible Low-Level Date Algorithms"), not through
 * GDateTime, which allocates and consults time zone data for each value.
 *
 * Accepted (RFC 3339 section 5.6, plus what RFC 3339 calls out as allowed):
 *
 *   2026-10-25T13:04:05Z            'T' or 't' or a space between date and time
 *   2026-10-25T13:04:05.123456789z  any number of fraction digits, truncated to ms
 *   2026-10-25T15:04:05+02:00       numeric offsets, -00:00 too
 *   2016-12-31T23:59:60Z            a leap second, read as 23:59:59.999
 *
 * Rejected: dates that do not exist (February 30, month 13), hour 24,
 * minute or second out of range, missing seconds, missing or partial
 * offsets ("+05"), years outside 0000–9999, anything before or after.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sluice-time.h"

#define MSEC_PER_SECOND G_GINT64_CONSTANT (1000)
#define MSEC_PER_MINUTE (60 * MSEC_PER_SECOND)
#define MSEC_PER_HOUR   (60 * MSEC_PER_MINUTE)
#define MSEC_PER_DAY    (24 * MSEC_PER_HOUR)

/* 9999-12-31T23:59:59Z: the last second a four-digit year can write. */
#define MAX_EPOCH_SECONDS G_GINT64_CONSTANT (253402300799)
/* 0000-01-01T00:00:00Z */
#define MIN_EPOCH_SECONDS G_GINT64_CONSTANT (-62167219200)

static inline gboolean
read_digits (const char *p,
             guint       n,
             guint      *value)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    {
      guint d = (guchar) p[i] - '0';

      if (d > 9)
        return FALSE;
      v = v * 10 + d;
    }
  *value = v;
  return TRUE;
}

static inline gboolean
is_leap_year (gint year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static guint
days_in_month (gint  year,
               guint month)
{
  static const guint8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && is_leap_year (year))
    return 29;
  return days[month - 1];
}

/**
 * sluice_time_days_from_civil:
 * @year: the proleptic Gregorian year (0 is 1 BC)
 * @month: 1 to 12
 * @day: 1 to 31
 *
 * Returns: the number of days from 1970-01-01 to the date, negative before
 */
gint64
sluice_time_days_from_civil (gint  year,
                             guint month,
                             guint day)
{
  gint64 y = (gint64) year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;                                       /* [0, 399] */
  gint64 doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;              /* [0, 146096] */

  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  days,
                 gint64 *year,
                 guint  *month,
                 guint  *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;

  *day = (guint) (doy - (153 * mp + 2) / 5 + 1);
  *month = (guint) (mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2);
}

/**
 * sluice_time_parse_rfc3339:
 * @text: the timestamp, not necessarily NUL-terminated
 * @len: its length in bytes
 * @msec: (out): UTC milliseconds since the epoch, fractions truncated
 *
 * Parses an RFC 3339 date-time such as "2026-10-25T13:04:05.123+02:00".
 *
 * Returns: %TRUE if @text is a valid RFC 3339 date-time
 */
gboolean
sluice_time_parse_rfc3339 (const char *text,
                           gsize       len,
                           gint64     *msec)
{
  const char *p = text;
  const char *end = text + len;
  guint year, month, day, hour, minute, second;
  guint frac_ms = 0;
  gint64 offset_ms = 0;
  gboolean leap_second = FALSE;
  gint64 total;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  /* "YYYY-MM-DDTHH:MM:SS" and at least one byte for the offset */
  if (len < 20)
    return FALSE;
  if (!read_digits (p, 4, &year) || p[4] != '-'
      || !read_digits (p + 5, 2, &month) || p[7] != '-'
      || !read_digits (p + 8, 2, &day)
      || (p[10] != 'T' && p[10] != 't' && p[10] != ' ')
      || !read_digits (p + 11, 2, &hour) || p[13] != ':'
      || !read_digits (p + 14, 2, &minute) || p[16] != ':'
      || !read_digits (p + 17, 2, &second))
    return FALSE;
  p += 19;

  if (month < 1 || month > 12 || day < 1 || day > days_in_month ((gint) year, month))
    return FALSE;
  if (hour > 23 || minute > 59 || second > 60)
    return FALSE;
  if (second == 60)
    {
      /* checked against the UTC time of day below */
      leap_second = TRUE;
      second = 59;
    }

  if (p < end && *p == '.')
    {
      guint scale = 100;
      const char *digits = ++p;

      while (p < end && (guint) ((guchar) *p - '0') <= 9)
        {
          frac_ms += ((guchar) *p - '0') * scale;
          scale /= 10;
          p++;
        }
      if (p == digits)
        return FALSE;
    }

  if (p >= end)
    return FALSE;
  if (*p == 'Z' || *p == 'z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      guint off_hour, off_minute;

      if (end - p < 6 || !read_digits (p + 1, 2, &off_hour) || p[3] != ':'
          || !read_digits (p + 4, 2, &off_minute)
          || off_hour > 23 || off_minute > 59)
        return FALSE;
      offset_ms = off_hour * MSEC_PER_HOUR + off_minute * MSEC_PER_MINUTE;
      if (*p == '-')
        offset_ms = -offset_ms;
      p += 6;
    }
  else
    return FALSE;

  if (p != end)
    return FALSE;

  if (leap_second)
    frac_ms = 999;

  total = sluice_time_days_from_civil ((gint) year, month, day) * MSEC_PER_DAY
          + hour * MSEC_PER_HOUR + minute * MSEC_PER_MINUTE
          + second * MSEC_PER_SECOND + frac_ms
          - offset_ms;

  /* Leap seconds are only ever inserted as the last second of a UTC day. */
  if (leap_second)
    {
      gint64 of_day = total % MSEC_PER_DAY;

      if (of_day < 0)
        of_day += MSEC_PER_DAY;
      if (of_day != MSEC_PER_DAY - 1)
        return FALSE;
    }

  if (msec != NULL)
    *msec = total;
  return TRUE;
}

/**
 * sluice_time_parse_epoch_seconds:
 * @text: a JSON number, not necessarily NUL-terminated
 * @len: its length in bytes
 * @msec: (out): UTC milliseconds since the epoch
 *
 * Reads a number of seconds since 1970-01-01T00:00:00Z, possibly with a
 * fraction or an exponent, as some sources write their event time.
 * Sub-millisecond digits are dropped (rounded toward zero).
 *
 * Returns: %TRUE if @text is a number within the years 0000–9999
 */
gboolean
sluice_time_parse_epoch_seconds (const char *text,
                                 gsize       len,
                                 gint64     *msec)
{
  const char *p = text;
  const char *end = text + len;
  gboolean negative = FALSE;
  gint64 seconds = 0;
  gint64 frac_ms = 0;
  guint n_digits = 0;
  gint64 total;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  while (p < end && (guint) ((guchar) *p - '0') <= 9)
    {
      /* 13 digits are beyond any year we accept; stop before overflow */
      if (++n_digits > 13)
        return FALSE;
      seconds = seconds * 10 + (*p - '0');
      p++;
    }
  if (n_digits == 0)
    return FALSE;
  if (p < end && *p == '.')
    {
      gint64 scale = 100;
      const char *digits = ++p;

      while (p < end && (guint) ((guchar) *p - '0') <= 9)
        {
          frac_ms += (*p - '0') * scale;
          scale /= 10;
          p++;
        }
      if (p == digits)
        return FALSE;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      /* rare: fall back to the C library on a NUL-terminated copy */
      g_autofree char *copy = g_strndup (text, len);
      char *copy_end = NULL;
      double value = g_ascii_strtod (copy, &copy_end);
      double ms;

      if (copy_end != copy + len || !isfinite (value))
        return FALSE;
      ms = trunc (value * 1000.0);
      if (ms > (double) MAX_EPOCH_SECONDS * 1000.0 + 999.0
          || ms < (double) MIN_EPOCH_SECONDS * 1000.0)
        return FALSE;
      if (msec != NULL)
        *msec = (gint64) ms;
      return TRUE;
    }
  if (p != end)
    return FALSE;

  total = seconds * MSEC_PER_SECOND + frac_ms;
  if (negative)
    total = -total;
  if (total > MAX_EPOCH_SECONDS * MSEC_PER_SECOND + 999
      || total < MIN_EPOCH_SECONDS * MSEC_PER_SECOND)
    return FALSE;

  if (msec != NULL)
    *msec = total;
  return TRUE;
}

static inline char *
put_digits (char  *out,
            guint  value,
            guint  n)
{
  for (guint i = n; i > 0; i--)
    {
      out[i - 1] = (char) ('0' + value % 10);
      value /= 10;
    }
  return out + n;
}

/**
 * sluice_time_format_to_buffer:
 * @msec: UTC milliseconds since the epoch
 * @buffer: where to write, at least %SLUICE_TIME_FORMAT_SIZE bytes
 *
 * Writes @msec as "2026-10-25T13:04:05.123Z", leaving out ".000" when
 * the time falls on a whole second. The result is NUL-terminated.
 *
 * Returns: the length written, without the NUL
 */
gsize
sluice_time_format_to_buffer (gint64 msec,
                              char   buffer[SLUICE_TIME_FORMAT_SIZE])
{
  gint64 days = msec / MSEC_PER_DAY;
  gint64 of_day = msec % MSEC_PER_DAY;
  gint64 year;
  guint month, day, ms;
  char *out = buffer;

  g_return_val_if_fail (buffer != NULL, 0);

  if (of_day < 0)
    {
      of_day += MSEC_PER_DAY;
      days--;
    }
  civil_from_days (days, &year, &month, &day);

  if (year < 0 || year > 9999)
    {
      /* outside RFC 3339; ISO 8601 expanded years keep it readable */
      out += g_snprintf (out, 16, "%+06" PRId64, year);
    }
  else
    out = put_digits (out, (guint) year, 4);
  *out++ = '-';
  out = put_digits (out, month, 2);
  *out++ = '-';
  out = put_digits (out, day, 2);
  *out++ = 'T';
  out = put_digits (out, (guint) (of_day / MSEC_PER_HOUR), 2);
  *out++ = ':';
  out = put_digits (out, (guint) (of_day / MSEC_PER_MINUTE % 60), 2);
  *out++ = ':';
  out = put_digits (out, (guint) (of_day / MSEC_PER_SECOND % 60), 2);
  ms = (guint) (of_day % MSEC_PER_SECOND);
  if (ms != 0)
    {
      *out++ = '.';
      out = put_digits (out, ms, 3);
    }
  *out++ = 'Z';
  *out = '\0';

  return (gsize) (out - buffer);
}

/**
 * sluice_time_format:
 * @msec: UTC milliseconds since the epoch
 *
 * Returns: (transfer full): @msec as an RFC 3339 UTC timestamp,
 *   see sluice_time_format_to_buffer()
 */
char *
sluice_time_format (gint64 msec)
{
  char buffer[SLUICE_TIME_FORMAT_SIZE];
  gsize len = sluice_time_format_to_buffer (msec, buffer);

  return g_strndup (buffer, len);
}
