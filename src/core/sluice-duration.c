/* sluice-duration.c
 *
 * Durations are written as a sequence of <number><unit> with units w, d, h,
 * m, s and ms, largest first: "7d", "1h30m", "500ms". Negative durations do
 * not exist in a workflow.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "sluice-duration.h"

static const struct {
  const char *suffix;
  gint64      msec;
} units[] = {
  { "w",  SLUICE_MSEC_PER_WEEK },
  { "d",  SLUICE_MSEC_PER_DAY },
  { "h",  SLUICE_MSEC_PER_HOUR },
  { "ms", 1 },
  { "m",  SLUICE_MSEC_PER_MINUTE },
  { "s",  SLUICE_MSEC_PER_SECOND },
};

/* A century is far beyond any window a workflow needs, and keeps the
 * arithmetic clear of overflow. */
#define MAX_DURATION_MSEC (G_GINT64_CONSTANT (100) * 365 * SLUICE_MSEC_PER_DAY)

/**
 * sluice_duration_parse:
 * @text: a duration such as "7d" or "1h30m"
 * @msec: (out) (optional): the duration in milliseconds
 *
 * Returns: %TRUE if @text is a valid duration
 */
gboolean
sluice_duration_parse (const char *text,
                       gint64     *msec)
{
  const char *p = text;
  gint64 total = 0;
  gint64 last_unit = G_MAXINT64;

  if (text == NULL || *text == '\0')
    return FALSE;

  while (*p != '\0')
    {
      gint64 n = 0;
      gboolean matched = FALSE;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        {
          n = n * 10 + (*p - '0');
          if (n > MAX_DURATION_MSEC)
            return FALSE;
          p++;
        }

      for (guint i = 0; i < G_N_ELEMENTS (units); i++)
        {
          if (g_str_has_prefix (p, units[i].suffix))
            {
              /* units must go from largest to smallest, each once */
              if (units[i].msec >= last_unit)
                return FALSE;
              last_unit = units[i].msec;
              if (n > MAX_DURATION_MSEC / units[i].msec)
                return FALSE;
              total += n * units[i].msec;
              if (total > MAX_DURATION_MSEC)
                return FALSE;
              p += strlen (units[i].suffix);
              matched = TRUE;
              break;
            }
        }

      if (!matched)
        return FALSE;
    }

  if (msec)
    *msec = total;
  return TRUE;
}

/**
 * sluice_duration_format:
 *
 * The canonical spelling of a duration: largest units first, zero parts
 * left out ("1h30m"); zero is "0s". Weeks are read but written as days,
 * because retention and cooldown windows are thought of in days ("14d").
 */
char *
sluice_duration_format (gint64 msec)
{
  static const struct { const char *suffix; gint64 msec; } order[] = {
    { "d", SLUICE_MSEC_PER_DAY },
    { "h", SLUICE_MSEC_PER_HOUR }, { "m", SLUICE_MSEC_PER_MINUTE },
    { "s", SLUICE_MSEC_PER_SECOND }, { "ms", 1 },
  };
  GString *out;

  g_return_val_if_fail (msec >= 0, NULL);

  if (msec == 0)
    return g_strdup ("0s");

  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      gint64 n = msec / order[i].msec;

      if (n > 0)
        {
          g_string_append_printf (out, "%" PRId64 "%s", n, order[i].suffix);
          msec -= n * order[i].msec;
        }
    }

  return g_string_free (out, FALSE);
}
