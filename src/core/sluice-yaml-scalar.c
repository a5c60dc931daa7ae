/* sluice-yaml-scalar.c
 *
 * We read plain scalars with the YAML 1.2 core schema (what current tools
 * agree on), and when writing we quote every string that *any* common YAML
 * reader would take for something else — including YAML 1.1 readers
 * (PyYAML, Ruby, Go yaml.v2), where `yes`, `on`, `0123` and `1:30` are not
 * text. That is how a document survives a trip through other tools.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <stdlib.h>
#include <errno.h>

#include "sluice-json.h"
#include "sluice-yaml-scalar.h"

static gboolean
in_list (const char         *text,
         const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strcmp (text, words[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const null_words[] = { "", "~", "null", "Null", "NULL", NULL };
static const char * const true_words[] = { "true", "True", "TRUE", NULL };
static const char * const false_words[] = { "false", "False", "FALSE", NULL };

static gboolean
all_chars (const char *p,
           const char *allowed)
{
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    if (strchr (allowed, *p) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  const char *digits = text;
  int base = 10;
  char *end = NULL;
  gint64 v;

  if (g_str_has_prefix (text, "0x"))
    base = 16, digits = text + 2;
  else if (g_str_has_prefix (text, "0o"))
    base = 8, digits = text + 2;
  else if (*text == '-' || *text == '+')
    digits = text + 1;

  if (base == 16 && !all_chars (digits, "0123456789abcdefABCDEF"))
    return FALSE;
  if (base == 8 && !all_chars (digits, "01234567"))
    return FALSE;
  if (base == 10 && !all_chars (digits, "0123456789"))
    return FALSE;

  errno = 0;
  /* base 10 keeps its sign so that G_MININT64 parses */
  v = g_ascii_strtoll (base == 10 ? text : digits, &end, base);
  if (errno != 0 || *end != '\0')
    return FALSE;

  if (out)
    *out = v;
  return TRUE;
}

static gboolean
parse_float (const char *text,
             double     *out)
{
  const char *p = text;
  gboolean digits = FALSE;
  char *end = NULL;

  if (*p == '-' || *p == '+')
    p++;

  if (in_list (p, (const char * const[]) { ".inf", ".Inf", ".INF", NULL }))
    {
      if (out)
        *out = *text == '-' ? -INFINITY : INFINITY;
      return TRUE;
    }
  if (in_list (text, (const char * const[]) { ".nan", ".NaN", ".NAN", NULL }))
    {
      if (out)
        *out = NAN;
      return TRUE;
    }

  /* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '-' || *p == '+')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;

  if (out)
    *out = g_ascii_strtod (text, &end);
  return TRUE;
}

/**
 * sluice_yaml_resolve_plain:
 * @text: a plain (unquoted) scalar
 * @value: (out) (optional): the resolved value
 *
 * Resolves a plain scalar with the YAML 1.2 core schema.
 */
SluiceScalarType
sluice_yaml_resolve_plain (const char        *text,
                           SluiceScalarValue *value)
{
  SluiceScalarValue dummy;

  if (value == NULL)
    value = &dummy;

  if (in_list (text, null_words))
    return SLUICE_SCALAR_NULL;
  if (in_list (text, true_words))
    {
      value->boolean = TRUE;
      return SLUICE_SCALAR_BOOL;
    }
  if (in_list (text, false_words))
    {
      value->boolean = FALSE;
      return SLUICE_SCALAR_BOOL;
    }
  if (parse_int (text, &value->integer))
    return SLUICE_SCALAR_INT;
  if (parse_float (text, &value->number))
    return SLUICE_SCALAR_FLOAT;

  return SLUICE_SCALAR_STRING;
}

/* Forms that YAML 1.1 readers resolve to a non-string although YAML 1.2
 * reads them as text: booleans like yes/no/on/off/y/n, octal with a
 * leading zero, binary, sexagesimal numbers, numbers with underscores and
 * timestamps. */
gboolean
sluice_yaml_is_yaml11_special (const char *text)
{
  static const char * const words[] = {
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
    "on", "On", "ON", "off", "Off", "OFF", "=", "<<", NULL
  };
  const char *p = text;

  if (in_list (text, words))
    return TRUE;

  if (*p == '-' || *p == '+')
    p++;

  /* Anything numeric-looking: digits, '_', ':', '.', and a leading 0b/0x */
  if (g_str_has_prefix (p, "0b") && all_chars (p + 2, "01_"))
    return TRUE;
  if (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
    {
      if (all_chars (p, "0123456789_:.eE+-"))
        return TRUE;
    }

  /* Timestamps: 2001-12-14, 2001-12-14t21:59:43.10-05:00, … */
  if (strlen (text) >= 8 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1])
      && g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]) && text[4] == '-')
    return TRUE;

  return FALSE;
}

/**
 * sluice_yaml_string_needs_quotes:
 *
 * Whether @text, written plain, would be read back as anything other than
 * this exact string by a YAML 1.1 or 1.2 reader. libyaml itself takes care
 * of indicators and white space; this covers what only type resolution sees.
 */
gboolean
sluice_yaml_string_needs_quotes (const char *text)
{
  if (sluice_yaml_resolve_plain (text, NULL) != SLUICE_SCALAR_STRING)
    return TRUE;
  if (sluice_yaml_is_yaml11_special (text))
    return TRUE;
  /* Case variants YAML 1.1 readers know (tRUE is not, but NULL, Null are) */
  if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "false") == 0
      || g_ascii_strcasecmp (text, "null") == 0 || g_ascii_strcasecmp (text, "yes") == 0
      || g_ascii_strcasecmp (text, "no") == 0 || g_ascii_strcasecmp (text, "on") == 0
      || g_ascii_strcasecmp (text, "off") == 0)
    return TRUE;
  return FALSE;
}

/**
 * sluice_yaml_format_double:
 *
 * The shortest text that reads back as the same double *and* as a float,
 * not an integer: 1.0 stays "1.0".
 */
char *
sluice_yaml_format_double (double value)
{
  g_autofree char *text = NULL;

  if (isnan (value))
    return g_strdup (".nan");
  if (isinf (value))
    return g_strdup (value > 0 ? ".inf" : "-.inf");

  text = sluice_double_to_string (value);
  if (strpbrk (text, ".eE") == NULL)
    return g_strconcat (text, ".0", NULL);

  /* "1e+20" reads back as a float in YAML 1.2 core, fine as it is */
  return g_steal_pointer (&text);
}
