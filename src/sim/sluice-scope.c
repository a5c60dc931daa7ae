/* sluice-scope.c
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-duration.h"
#include "sluice-scope.h"
#include "sluice-sim-error.h"
#include "sluice-time.h"

SluiceScope *
sluice_scope_new (void)
{
  SluiceScope *scope = g_new0 (SluiceScope, 1);

  scope->from_ms = G_MININT64;
  scope->to_ms = G_MAXINT64;
  scope->canary_percent = -1;

  return scope;
}

SluiceScope *
sluice_scope_copy (const SluiceScope *scope)
{
  SluiceScope *copy = g_new0 (SluiceScope, 1);

  *copy = *scope;
  copy->tenants = g_strdupv (scope->tenants);
  copy->segments = g_strdupv (scope->segments);
  copy->canary_segment = g_strdup (scope->canary_segment);

  return copy;
}

void
sluice_scope_free (SluiceScope *scope)
{
  if (scope == NULL)
    return;

  g_strfreev (scope->tenants);
  g_strfreev (scope->segments);
  g_free (scope->canary_segment);
  g_free (scope);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       ms,
          gint64       unbounded)
{
  json_builder_set_member_name (builder, name);
  if (ms == unbounded)
    json_builder_add_null_value (builder);
  else
    {
      g_autofree char *text = sluice_time_format (ms);
      json_builder_add_string_value (builder, text);
    }
}

static void
add_strv (JsonBuilder *builder,
          const char  *name,
          GStrv        strv)
{
  json_builder_set_member_name (builder, name);
  if (strv == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

JsonNode *
sluice_scope_to_json (const SluiceScope *scope)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_time (builder, "from", scope->from_ms, G_MININT64);
  add_time (builder, "to", scope->to_ms, G_MAXINT64);
  add_strv (builder, "tenants", scope->tenants);
  add_strv (builder, "segments", scope->segments);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* "7d" counts back from @latest_ms; anything else is a timestamp. */
static gboolean
parse_point (const char  *text,
             gint64       latest_ms,
             gint64      *ms,
             GError     **error)
{
  gint64 duration;

  if (sluice_duration_parse (text, &duration))
    {
      *ms = latest_ms - duration;
      return TRUE;
    }
  if (sluice_time_parse_rfc3339 (text, strlen (text), ms))
    return TRUE;

  g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_SCOPE,
               _("“%s” is neither a time (2026-10-01T00:00:00Z) nor a duration back from the latest event (7d)"),
               text);
  return FALSE;
}

/**
 * sluice_scope_parse_window:
 * @from: (nullable): a timestamp, or a duration back from @latest_ms
 *   ("7d" = the last seven days of the dataset)
 * @to: (nullable): a timestamp, or a duration back from @latest_ms
 * @latest_ms: the time of the dataset's latest event
 *
 * Sets the time window. A window given as durations is relative to the
 * data, not to today, so a dry run over an older dataset still means
 * "the last 7 days of what happened".
 */
gboolean
sluice_scope_parse_window (SluiceScope  *scope,
                           const char   *from,
                           const char   *to,
                           gint64        latest_ms,
                           GError      **error)
{
  if (from != NULL && !parse_point (from, latest_ms, &scope->from_ms, error))
    return FALSE;
  if (to != NULL && !parse_point (to, latest_ms, &scope->to_ms, error))
    return FALSE;
  if (from != NULL && to == NULL)
    scope->to_ms = latest_ms + 1;

  if (scope->from_ms >= scope->to_ms)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_SCOPE,
                   _("The window starts after it ends; check its start and end (--from and --to)"));
      return FALSE;
    }

  return TRUE;
}
