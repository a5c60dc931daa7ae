/* test-time.c — RFC 3339 timestamps to milliseconds and back
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "sluice-time.h"

#define MS(days, h, m, s, ms) \
  ((gint64) (days) * 86400000 + (gint64) (h) * 3600000 + (gint64) (m) * 60000 + (gint64) (s) * 1000 + (ms))

/* Days from 1970-01-01, worked out by hand or with `date -u -d … +%s`. */
#define D_2026_10_25 20751
#define D_2000_02_29 11016
#define D_2024_02_29 19782
#define D_2024_03_01 19783
#define D_2026_01_01 20454
#define D_2025_12_31 20453
#define D_1969_12_31 (-1)
#define D_0000_01_01 (-719528)
#define D_9999_12_31 2932896
#define D_2016_12_31 17166

static const struct {
  const char *text;
  gint64      ms;
} valid_times[] = {
  { "2026-10-25T13:04:05Z", MS (D_2026_10_25, 13, 4, 5, 0) },
  { "2026-10-25T13:04:05.123Z", MS (D_2026_10_25, 13, 4, 5, 123) },
  { "2026-10-25t13:04:05.123z", MS (D_2026_10_25, 13, 4, 5, 123) },
  { "2026-10-25 13:04:05Z", MS (D_2026_10_25, 13, 4, 5, 0) },
  /* fractions of any length, truncated to the millisecond */
  { "2026-10-25T13:04:05.1Z", MS (D_2026_10_25, 13, 4, 5, 100) },
  { "2026-10-25T13:04:05.12Z", MS (D_2026_10_25, 13, 4, 5, 120) },
  { "2026-10-25T13:04:05.1239Z", MS (D_2026_10_25, 13, 4, 5, 123) },
  { "2026-10-25T13:04:05.999999999Z", MS (D_2026_10_25, 13, 4, 5, 999) },
  { "2026-10-25T13:04:05.000000000000000000001Z", MS (D_2026_10_25, 13, 4, 5, 0) },
  /* offsets */
  { "2026-10-25T15:04:05+02:00", MS (D_2026_10_25, 13, 4, 5, 0) },
  { "2026-10-25T08:34:05-04:30", MS (D_2026_10_25, 13, 4, 5, 0) },
  { "2026-10-25T13:04:05+00:00", MS (D_2026_10_25, 13, 4, 5, 0) },
  { "2026-10-25T13:04:05-00:00", MS (D_2026_10_25, 13, 4, 5, 0) },
  { "2026-10-25T13:04:05.5+23:59", MS (D_2026_10_25, 13, 4, 5, 500) - 86340000 },
  /* offsets crossing midnight, the year and a leap day */
  { "2026-01-01T01:00:00+02:00", MS (D_2025_12_31, 23, 0, 0, 0) },
  { "2025-12-31T23:30:00-01:00", MS (D_2026_01_01, 0, 30, 0, 0) },
  { "2024-02-29T23:00:00-02:00", MS (D_2024_03_01, 1, 0, 0, 0) },
  { "2024-03-01T00:30:00+01:00", MS (D_2024_02_29, 23, 30, 0, 0) },
  /* leap years */
  { "2000-02-29T00:00:00Z", MS (D_2000_02_29, 0, 0, 0, 0) },
  { "2024-02-29T12:00:00Z", MS (D_2024_02_29, 12, 0, 0, 0) },
  /* the epoch and around it */
  { "1970-01-01T00:00:00Z", 0 },
  { "1970-01-01T00:00:00.001Z", 1 },
  { "1969-12-31T23:59:59.999Z", -1 },
  { "1969-12-31T00:00:00Z", MS (D_1969_12_31, 0, 0, 0, 0) },
  /* the ends of the range */
  { "0000-01-01T00:00:00Z", MS (D_0000_01_01, 0, 0, 0, 0) },
  { "9999-12-31T23:59:59.999Z", MS (D_9999_12_31, 23, 59, 59, 999) },
  /* a leap second is the last millisecond before the next day */
  { "2016-12-31T23:59:60Z", MS (D_2016_12_31, 23, 59, 59, 999) },
  { "2017-01-01T00:59:60+01:00", MS (D_2016_12_31, 23, 59, 59, 999) },
  /* CloudEvents conformance suite */
  { "2018-04-05T17:31:00Z", 1522949460000 },
  { "2018-04-05T17:31:00.000000000Z", 1522949460000 },
  { "2018-04-05T18:31:00+01:00", 1522949460000 },
  { "2018-04-05T16:31:00-01:00", 1522949460000 },
};

static void
test_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_times); i++)
    {
      const char *text = valid_times[i].text;
      gint64 ms = G_MININT64;

      if (!sluice_time_parse_rfc3339 (text, strlen (text), &ms))
        g_error ("“%s” should parse", text);
      if (ms != valid_times[i].ms)
        g_error ("“%s”: expected %" PRId64 ", got %" PRId64,
                 text, valid_times[i].ms, ms);
    }
}

static void
test_invalid (void)
{
  static const char * const invalid[] = {
    "",
    "yesterday",
    "lunchtime",
    "2026-10-25",                      /* a date is not a date-time */
    "2026-10-25T13:04Z",               /* seconds are required */
    "2018-04-05T18:31Z",
    "2026-10-25T13:04:05",             /* so is the offset */
    "2026-10-25T13:04:05X",
    "2018-04-05T18:31:00+05",          /* hour-only offset */
    "2018-04-05T18:31:00+0500",        /* offset without a colon */
    "2018-04-05T18:31:00+xx:00",
    "2018-04-05T18:31:00+25:00",       /* offset out of range */
    "2018-04-05T18:31:00+05:60",
    "2026-02-29T00:00:00Z",            /* not a leap year */
    "1900-02-29T00:00:00Z",            /* not one either: divisible by 100 */
    "2026-02-30T00:00:00Z",
    "2026-04-31T00:00:00Z",
    "2026-13-01T00:00:00Z",
    "2026-00-01T00:00:00Z",
    "2026-01-00T00:00:00Z",
    "2026-01-32T00:00:00Z",
    "2026-10-25T24:00:00Z",            /* hour 24 */
    "2026-10-25T23:60:00Z",
    "2026-10-25T23:59:61Z",
    "2026-10-25T12:59:60Z",            /* leap seconds only end a UTC day */
    "2026-10-25T13:04:05.Z",           /* a point without digits */
    "2026-10-25T13:04:05,123Z",        /* no comma fractions */
    "2026-10-25T13:04:05Z ",           /* nothing after */
    " 2026-10-25T13:04:05Z",
    "2026-10-25X13:04:05Z",
    "26-10-25T13:04:05Z",
    "+2026-10-25T13:04:05Z",
    "2026-1-25T13:04:05Z",
    "2026/10/25T13:04:05Z",
    "2026-10-25T13:04:05ZZ",
    "2026-10-25T1a:04:05Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      gint64 ms = 42;

      if (sluice_time_parse_rfc3339 (invalid[i], strlen (invalid[i]), &ms))
        g_error ("“%s” should be rejected, got %" PRId64, invalid[i], ms);
      g_assert_cmpint (ms, ==, 42);
    }

  /* the length is respected: no reading past it */
  g_assert_false (sluice_time_parse_rfc3339 ("2026-10-25T13:04:05Z", 19, NULL));
  g_assert_true (sluice_time_parse_rfc3339 ("2026-10-25T13:04:05Zjunk", 20, NULL));
}

static void
test_format (void)
{
  static const struct {
    gint64      ms;
    const char *text;
  } cases[] = {
    { 0, "1970-01-01T00:00:00Z" },
    { 1, "1970-01-01T00:00:00.001Z" },
    { -1, "1969-12-31T23:59:59.999Z" },
    { -1000, "1969-12-31T23:59:59Z" },
    { MS (D_2026_10_25, 13, 4, 5, 123), "2026-10-25T13:04:05.123Z" },
    { MS (D_2026_10_25, 13, 4, 5, 0), "2026-10-25T13:04:05Z" },
    { MS (D_2026_10_25, 13, 4, 5, 50), "2026-10-25T13:04:05.050Z" },
    { MS (D_2024_02_29, 23, 59, 59, 999), "2024-02-29T23:59:59.999Z" },
    { MS (D_0000_01_01, 0, 0, 0, 0), "0000-01-01T00:00:00Z" },
    { MS (D_9999_12_31, 23, 59, 59, 999), "9999-12-31T23:59:59.999Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buffer[SLUICE_TIME_FORMAT_SIZE];
      gsize len = sluice_time_format_to_buffer (cases[i].ms, buffer);
      g_autofree char *text = sluice_time_format (cases[i].ms);

      g_assert_cmpstr (buffer, ==, cases[i].text);
      g_assert_cmpuint (len, ==, strlen (cases[i].text));
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Formatting and parsing are inverse over the whole range, and agree with
 * GDateTime, which is slower but not wrong. */
static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3339);
  const gint64 lo = MS (D_0000_01_01, 0, 0, 0, 0) / 1000 + 86400;
  const gint64 hi = MS (D_9999_12_31, 0, 0, 0, 0) / 1000;

  for (guint i = 0; i < 20000; i++)
    {
      gint64 ms = (gint64) (g_rand_double_range (rand, (double) lo, (double) hi)) * 1000
                  + g_rand_int_range (rand, 0, 1000);
      char buffer[SLUICE_TIME_FORMAT_SIZE];
      gsize len = sluice_time_format_to_buffer (ms, buffer);
      gint64 back = 0;
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ms / 1000 - (ms % 1000 < 0));

      g_assert_true (sluice_time_parse_rfc3339 (buffer, len, &back));
      g_assert_cmpint (back, ==, ms);

      /* GDateTime years start at 1 */
      if (dt != NULL)
        {
          g_autofree char *fields = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d",
                                                     g_date_time_get_year (dt),
                                                     g_date_time_get_month (dt),
                                                     g_date_time_get_day_of_month (dt),
                                                     g_date_time_get_hour (dt),
                                                     g_date_time_get_minute (dt),
                                                     g_date_time_get_second (dt));

          g_assert_cmpmem (buffer, 19, fields, 19);
        }
    }

  /* every day of four centuries, against the proleptic Gregorian calendar */
  for (gint year = 1600; year < 2400; year++)
    for (guint month = 1; month <= 12; month++)
      {
        guint n = g_date_get_days_in_month (month, year);

        for (guint day = 1; day <= n; day++)
          {
            GDate date;

            g_date_clear (&date, 1);
            g_date_set_dmy (&date, day, month, year);
            g_assert_cmpint (sluice_time_days_from_civil (year, month, day),
                             ==, (gint64) g_date_get_julian (&date) - 719163);
          }
      }
}

static void
test_epoch_seconds (void)
{
  static const struct {
    const char *text;
    gboolean    ok;
    gint64      ms;
  } cases[] = {
    { "0", TRUE, 0 },
    { "1761397445", TRUE, 1761397445000 },
    { "1761397445.123", TRUE, 1761397445123 },
    { "1761397445.1239", TRUE, 1761397445123 },
    { "1761397445.5", TRUE, 1761397445500 },
    { "-1.5", TRUE, -1500 },
    { "1.761397445e9", TRUE, 1761397445000 },
    { "253402300799", TRUE, G_GINT64_CONSTANT (253402300799000) },
    { "253402300800", FALSE, 0 },               /* year 10000 */
    { "99999999999999999999", FALSE, 0 },
    { "1e300", FALSE, 0 },
    { "", FALSE, 0 },
    { "-", FALSE, 0 },
    { "1.", FALSE, 0 },
    { "12abc", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 ms = 0;
      gboolean ok = sluice_time_parse_epoch_seconds (cases[i].text, strlen (cases[i].text), &ms);

      if (ok != cases[i].ok)
        g_error ("“%s”: expected %s", cases[i].text, cases[i].ok ? "a time" : "a rejection");
      if (ok)
        g_assert_cmpint (ms, ==, cases[i].ms);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/time/parse", test_parse);
  g_test_add_func ("/sim/time/invalid", test_invalid);
  g_test_add_func ("/sim/time/format", test_format);
  g_test_add_func ("/sim/time/round-trip", test_round_trip);
  g_test_add_func ("/sim/time/epoch-seconds", test_epoch_seconds);

  return g_test_run ();
}
