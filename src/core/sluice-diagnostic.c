/* sluice-diagnostic.c
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sluice-diagnostic.h"

void
sluice_diagnostic_free (SluiceDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;

  g_free (diagnostic->rule_id);
  g_free (diagnostic->message);
  g_free (diagnostic->path);
  g_free (diagnostic->step_id);
  g_free (diagnostic);
}

const char *
sluice_severity_to_string (SluiceSeverity severity)
{
  return severity == SLUICE_SEVERITY_ERROR ? "error" : "warning";
}

/**
 * sluice_diagnostic_format:
 *
 * Formats @diagnostic the way compilers do, so editors can jump to it:
 * `FILE:LINE:COL: error: [rule-id] message`.
 */
char *
sluice_diagnostic_format (const SluiceDiagnostic *diagnostic,
                          const char             *filename)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (diagnostic != NULL, NULL);

  if (filename != NULL)
    g_string_append_printf (out, "%s:", filename);
  if (diagnostic->line > 0)
    g_string_append_printf (out, "%u:%u:", diagnostic->line, diagnostic->column);
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s: [%s] %s",
                          sluice_severity_to_string (diagnostic->severity),
                          diagnostic->rule_id,
                          diagnostic->message);

  return g_string_free (out, FALSE);
}

SluiceDiagnostics *
sluice_diagnostics_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_diagnostic_free);
}

SluiceDiagnostic *
sluice_diagnostics_add (SluiceDiagnostics *diagnostics,
                        SluiceSeverity     severity,
                        const char        *rule_id,
                        guint              line,
                        guint              column,
                        const char        *format,
                        ...)
{
  SluiceDiagnostic *diagnostic;
  va_list args;

  g_return_val_if_fail (diagnostics != NULL, NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  diagnostic = g_new0 (SluiceDiagnostic, 1);
  diagnostic->severity = severity;
  diagnostic->rule_id = g_strdup (rule_id);
  diagnostic->line = line;
  diagnostic->column = column;

  va_start (args, format);
  diagnostic->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (diagnostics, diagnostic);

  return diagnostic;
}

guint
sluice_diagnostics_count (SluiceDiagnostics *diagnostics,
                          SluiceSeverity     severity)
{
  guint n = 0;

  g_return_val_if_fail (diagnostics != NULL, 0);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->severity == severity)
        n++;
    }

  return n;
}

static int
compare_diagnostics (gconstpointer a,
                     gconstpointer b)
{
  const SluiceDiagnostic *da = *(const SluiceDiagnostic **) a;
  const SluiceDiagnostic *db = *(const SluiceDiagnostic **) b;

  if (da->line != db->line)
    return da->line < db->line ? -1 : 1;
  if (da->column != db->column)
    return da->column < db->column ? -1 : 1;
  if (da->severity != db->severity)
    return da->severity == SLUICE_SEVERITY_ERROR ? -1 : 1;
  return g_strcmp0 (da->rule_id, db->rule_id);
}

/* Orders by position so output reads top to bottom; g_ptr_array_sort is a
 * stable merge sort, so findings at one place keep their discovery order. */
void
sluice_diagnostics_sort (SluiceDiagnostics *diagnostics)
{
  g_return_if_fail (diagnostics != NULL);

  g_ptr_array_sort (diagnostics, compare_diagnostics);
}

gboolean
sluice_diagnostics_has_rule (SluiceDiagnostics *diagnostics,
                             const char        *rule_id)
{
  g_return_val_if_fail (diagnostics != NULL, FALSE);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_strcmp0 (d->rule_id, rule_id) == 0)
        return TRUE;
    }

  return FALSE;
}
