/* sluice-sim-result.c
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-duration.h"
#include "sluice-sim-result.h"
#include "sluice-step-type.h"
#include "sluice-time.h"

static void
step_outcome_free (SluiceStepOutcome *outcome)
{
  g_free (outcome->step_id);
  g_free (outcome->step_type);
  g_free (outcome);
}

static void
filter_outcome_free (SluiceFilterOutcome *outcome)
{
  g_free (outcome->step_id);
  g_free (outcome->description);
  g_free (outcome);
}

static void
rate_limit_result_free (SluiceRateLimitResult *result)
{
  g_free (result->target);
  g_free (result);
}

static void
destination_stat_free (SluiceDestinationStat *stat)
{
  g_free (stat->destination);
  g_free (stat->kind);
  g_free (stat);
}

static void
quota_result_free (SluiceQuotaResult *quota)
{
  g_free (quota->destination);
  g_free (quota);
}

SluiceSimResult *
sluice_sim_result_new (void)
{
  SluiceSimResult *result = g_new0 (SluiceSimResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_outcome_free);
  result->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) filter_outcome_free);
  result->rate_limits = g_ptr_array_new_with_free_func ((GDestroyNotify) rate_limit_result_free);
  result->destinations = g_ptr_array_new_with_free_func ((GDestroyNotify) destination_stat_free);
  result->quotas = g_ptr_array_new_with_free_func ((GDestroyNotify) quota_result_free);
  result->entities = g_array_new (FALSE, FALSE, sizeof (SluiceEntityStat));
  result->findings = sluice_diagnostics_new ();
  result->canary_percent = -1;

  return result;
}

SluiceSimResult *
sluice_sim_result_ref (SluiceSimResult *result)
{
  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
sluice_sim_result_unref (SluiceSimResult *result)
{
  if (result == NULL || !g_atomic_ref_count_dec (&result->ref_count))
    return;

  g_free (result->workflow_name);
  g_free (result->workflow_digest);
  g_free (result->dataset_digest);
  g_clear_pointer (&result->scope, sluice_scope_free);
  g_ptr_array_unref (result->steps);
  g_ptr_array_unref (result->filters);
  g_ptr_array_unref (result->rate_limits);
  g_ptr_array_unref (result->destinations);
  g_ptr_array_unref (result->quotas);
  g_array_unref (result->entities);
  g_ptr_array_unref (result->findings);
  g_free (result->canary_segment);
  g_clear_pointer (&result->pool, sluice_string_pool_unref);
  g_free (result);
}

/* Returns: the would-be actions of @step_id (0 for an unknown step) */
guint64
sluice_sim_result_get_actions (SluiceSimResult *result,
                               const char      *step_id)
{
  for (guint i = 0; i < result->steps->len; i++)
    {
      SluiceStepOutcome *step = g_ptr_array_index (result->steps, i);

      if (g_strcmp0 (step->step_id, step_id) == 0)
        return step->actions;
    }
  return 0;
}

/* Returns: (nullable): the entity's numbers, or %NULL when it did not match */
const SluiceEntityStat *
sluice_sim_result_lookup_entity (SluiceSimResult *result,
                                 const char      *entity)
{
  for (guint i = 0; i < result->entities->len; i++)
    {
      const SluiceEntityStat *stat = &g_array_index (result->entities, SluiceEntityStat, i);

      if (g_strcmp0 (stat->entity, entity) == 0)
        return stat;
    }
  return NULL;
}

/* ---- JSON ---------------------------------------------------------------- */

static void
member_int (JsonBuilder *builder,
            const char  *name,
            gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
member_string (JsonBuilder *builder,
               const char  *name,
               const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
member_double (JsonBuilder *builder,
               const char  *name,
               double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_entity (JsonBuilder            *builder,
            const SluiceEntityStat *stat)
{
  json_builder_begin_object (builder);
  member_string (builder, "entity", stat->entity);
  member_string (builder, "tenant", stat->tenant);
  member_int (builder, "events", stat->events);
  member_int (builder, "runs", stat->runs);
  member_int (builder, "actions", stat->actions);
  json_builder_set_member_name (builder, "in_canary");
  json_builder_add_boolean_value (builder, stat->in_canary);
  json_builder_end_object (builder);
}

/* Entities grouped by tenant: how many matched and the actions they get. */
static void
add_tenants (JsonBuilder     *builder,
             SluiceSimResult *result)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < result->entities->len; i++)
    {
      const SluiceEntityStat *stat = &g_array_index (result->entities, SluiceEntityStat, i);
      const char *tenant = stat->tenant ? stat->tenant : "";
      guint64 *totals = g_hash_table_lookup (seen, tenant);

      if (totals == NULL)
        {
          totals = g_new0 (guint64, 2);
          g_hash_table_insert (seen, (gpointer) tenant, totals);
          g_ptr_array_add (order, (gpointer) tenant);
        }
      totals[0]++;
      totals[1] += stat->actions;
    }

  json_builder_set_member_name (builder, "tenants");
  json_builder_begin_array (builder);
  for (guint i = 0; i < order->len; i++)
    {
      const char *tenant = g_ptr_array_index (order, i);
      guint64 *totals = g_hash_table_lookup (seen, tenant);

      json_builder_begin_object (builder);
      member_string (builder, "tenant", *tenant ? tenant : NULL);
      member_int (builder, "entities", totals[0]);
      member_int (builder, "actions", totals[1]);
      json_builder_end_object (builder);
      g_free (totals);
    }
  json_builder_end_array (builder);
}

/**
 * sluice_sim_result_to_json:
 * @max_entities: how many of the top entities to list
 *
 * The result as the CLI prints it with --format json and as reports keep
 * it. Top-level keys: events_scanned, events_matched, entities_matched,
 * actions, requests_by_destination, rate_limits, findings, filters,
 * top_entities, canary, elapsed_ms and more.
 */
JsonNode *
sluice_sim_result_to_json (SluiceSimResult *result,
                           guint            max_entities)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) scope = sluice_scope_to_json (result->scope);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "workflow");
  json_builder_begin_object (builder);
  member_string (builder, "name", result->workflow_name);
  member_string (builder, "digest", result->workflow_digest);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "dataset");
  json_builder_begin_object (builder);
  member_string (builder, "digest", result->dataset_digest);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "scope");
  json_builder_add_value (builder, json_node_ref (scope));

  member_int (builder, "events_scanned", result->events_scanned);
  member_int (builder, "events_matched", result->events_matched);
  member_int (builder, "entities_matched", result->entities_matched);
  member_int (builder, "events_without_entity", result->events_without_entity);
  member_int (builder, "suppressed_by_cooldown", result->suppressed_by_cooldown);
  member_int (builder, "runs", result->runs);
  member_int (builder, "actions_total", result->actions_total);
  member_int (builder, "dropped_by_fan_out", result->dropped_by_fan_out);

  json_builder_set_member_name (builder, "actions");
  json_builder_begin_object (builder);
  for (guint i = 0; i < result->steps->len; i++)
    {
      SluiceStepOutcome *step = g_ptr_array_index (result->steps, i);
      const SluiceStepType *type = sluice_step_type_lookup (step->step_type);

      if (type != NULL && type->category == SLUICE_STEP_CATEGORY_ACTION)
        member_int (builder, step->step_id, step->actions);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->steps->len; i++)
    {
      SluiceStepOutcome *step = g_ptr_array_index (result->steps, i);

      json_builder_begin_object (builder);
      member_string (builder, "id", step->step_id);
      member_string (builder, "type", step->step_type);
      member_int (builder, "reached", step->reached);
      member_int (builder, "actions", step->actions);
      member_int (builder, "pending_approvals", step->pending_approvals);
      member_int (builder, "cap_hits", step->cap_hits);
      member_int (builder, "suppressed", step->suppressed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "requests_by_destination");
  json_builder_begin_object (builder);
  for (guint i = 0; i < result->destinations->len; i++)
    {
      SluiceDestinationStat *stat = g_ptr_array_index (result->destinations, i);
      member_int (builder, stat->destination, stat->requests);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "destinations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->destinations->len; i++)
    {
      SluiceDestinationStat *stat = g_ptr_array_index (result->destinations, i);

      json_builder_begin_object (builder);
      member_string (builder, "destination", stat->destination);
      member_string (builder, "kind", stat->kind);
      member_int (builder, "requests", stat->requests);
      member_int (builder, "peak_per_hour", stat->peak_per_hour);
      member_int (builder, "peak_per_day", stat->peak_per_day);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "quotas");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->quotas->len; i++)
    {
      SluiceQuotaResult *quota = g_ptr_array_index (result->quotas, i);
      g_autofree char *per = sluice_duration_format (quota->per_ms);

      json_builder_begin_object (builder);
      member_string (builder, "destination", quota->destination);
      member_int (builder, "limit", quota->limit);
      member_string (builder, "per", per);
      member_int (builder, "peak", quota->peak);
      member_double (builder, "utilisation_percent", quota->utilisation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "rate_limits");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->rate_limits->len; i++)
    {
      SluiceRateLimitResult *limit = g_ptr_array_index (result->rate_limits, i);
      g_autofree char *per = sluice_duration_format (limit->per_ms);

      json_builder_begin_object (builder);
      member_string (builder, "target", limit->target);
      member_int (builder, "limit", limit->limit);
      member_string (builder, "per", per);
      member_int (builder, "actions", limit->outcome.actions);
      member_int (builder, "peak", limit->outcome.peak);
      member_double (builder, "utilisation_percent", limit->outcome.utilisation);
      member_int (builder, "delayed", limit->outcome.delayed);
      member_int (builder, "dropped", limit->outcome.dropped);
      member_int (builder, "max_delay_ms", limit->outcome.max_delay_ms);
      member_int (builder, "drain_ms", limit->outcome.drain_ms);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->findings->len; i++)
    {
      SluiceDiagnostic *d = g_ptr_array_index (result->findings, i);

      json_builder_begin_object (builder);
      member_string (builder, "severity", sluice_severity_to_string (d->severity));
      member_string (builder, "rule", d->rule_id);
      member_string (builder, "message", d->message);
      member_string (builder, "step", d->step_id);
      if (d->line > 0)
        {
          member_int (builder, "line", d->line);
          member_int (builder, "column", d->column);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "filters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->filters->len; i++)
    {
      SluiceFilterOutcome *f = g_ptr_array_index (result->filters, i);

      json_builder_begin_object (builder);
      member_string (builder, "step", f->step_id);
      member_int (builder, "index", f->index);
      member_string (builder, "filter", f->description);
      member_int (builder, "passed", f->passed);
      member_int (builder, "rejected", f->rejected);
      member_int (builder, "not_evaluated", f->missing + f->wrong_type + f->no_previous);
      member_int (builder, "missing", f->missing);
      member_int (builder, "wrong_type", f->wrong_type);
      member_int (builder, "no_previous", f->no_previous);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "top_entities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (max_entities, result->entities->len); i++)
    add_entity (builder, &g_array_index (result->entities, SluiceEntityStat, i));
  json_builder_end_array (builder);

  add_tenants (builder, result);

  json_builder_set_member_name (builder, "canary");
  if (result->canary_percent < 0 && result->canary_segment == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      if (result->canary_segment)
        member_string (builder, "segment", result->canary_segment);
      else
        member_double (builder, "percent", result->canary_percent);
      member_int (builder, "entities", result->canary_entities);
      member_int (builder, "entities_matched", result->entities_matched);
      member_int (builder, "actions", result->canary_actions);
      json_builder_set_member_name (builder, "sample");
      json_builder_begin_array (builder);
      for (guint i = 0, n = 0; i < result->entities->len && n < max_entities; i++)
        {
          const SluiceEntityStat *stat = &g_array_index (result->entities, SluiceEntityStat, i);
          if (stat->in_canary)
            {
              json_builder_add_string_value (builder, stat->entity);
              n++;
            }
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "run_time");
  json_builder_begin_object (builder);
  member_double (builder, "mean_ms", result->run_time_mean_ms);
  member_int (builder, "max_ms", result->run_time_max_ms);
  json_builder_end_object (builder);

  member_int (builder, "elapsed_ms", result->elapsed_ms);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- text ---------------------------------------------------------------- */

static void
line (GString    *out,
      const char *label,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

/* "  Label ………… value" with labels padded to one column */
static void
line (GString    *out,
      const char *label,
      const char *format,
      ...)
{
  g_autofree char *value = NULL;
  va_list args;
  glong width = g_utf8_strlen (label, -1);

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);

  g_string_append_printf (out, "  %s", label);
  for (glong i = width; i < 26; i++)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, " %s\n", value);
}

/**
 * sluice_sim_result_to_text:
 *
 * The result for people: headline numbers first, then the steps, the
 * limits, the filters, the findings and the entities hit hardest.
 */
char *
sluice_sim_result_to_text (SluiceSimResult *result,
                           guint            max_entities)
{
  GString *out = g_string_new (NULL);
  const SluiceScope *scope = result->scope;
  g_autofree char *from = scope->from_ms == G_MININT64 ? g_strdup (_("the beginning")) : sluice_time_format (scope->from_ms);
  g_autofree char *to = scope->to_ms == G_MAXINT64 ? g_strdup (_("the end")) : sluice_time_format (scope->to_ms);

  if (scope->from_ms == G_MININT64 && scope->to_ms == G_MAXINT64)
    g_string_append_printf (out, _("Dry run of %s over all events\n\n"), result->workflow_name ?: "?");
  else
    g_string_append_printf (out, _("Dry run of %s over %s … %s\n\n"), result->workflow_name ?: "?", from, to);

  line (out, _("Events scanned"), "%" PRIu64, result->events_scanned);
  line (out, _("Events matched"), "%" PRIu64, result->events_matched);
  line (out, _("Entities matched"), "%" PRIu64, result->entities_matched);
  line (out, _("Runs"), _("%" PRIu64 " (%" PRIu64 " held back by the cooldown)"),
        result->runs, result->suppressed_by_cooldown);
  line (out, _("Would-be actions"), "%" PRIu64, result->actions_total);
  line (out, _("Run time per run"), _("%.0f ms on average, %" PRId64 " ms at most"),
        result->run_time_mean_ms, result->run_time_max_ms);
  if (result->canary_percent >= 0 || result->canary_segment != NULL)
    line (out, _("Canary"), _("%" PRIu64 " of %" PRIu64 " entities, %" PRIu64 " actions"),
          result->canary_entities, result->entities_matched, result->canary_actions);

  g_string_append_printf (out, "\n%s\n", _("Steps"));
  for (guint i = 0; i < result->steps->len; i++)
    {
      SluiceStepOutcome *step = g_ptr_array_index (result->steps, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", step->step_id, step->step_type);

      if (sluice_step_type_is_trigger (sluice_step_type_lookup (step->step_type)))
        line (out, label, _("the trigger: %" PRIu64 " events matched"), result->events_matched);
      else if (step->reached > 0)
        {
          GString *detail = g_string_new (NULL);

          g_string_append_printf (detail, _("reached %" PRIu64), step->reached);
          if (step->actions > 0)
            g_string_append_printf (detail, _(", %" PRIu64 " actions"), step->actions);
          if (step->pending_approvals > 0)
            g_string_append_printf (detail, _(", %" PRIu64 " approvals asked"), step->pending_approvals);
          if (step->cap_hits > 0)
            g_string_append_printf (detail, _(", cap reached %" PRIu64 " times"), step->cap_hits);
          if (step->suppressed > 0)
            g_string_append_printf (detail, _(", %" PRIu64 " held back"), step->suppressed);
          line (out, label, "%s", detail->str);
          g_string_free (detail, TRUE);
        }
      else
        line (out, label, "%s", _("never reached"));
    }

  if (result->destinations->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Requests by destination"));
      for (guint i = 0; i < result->destinations->len; i++)
        {
          SluiceDestinationStat *stat = g_ptr_array_index (result->destinations, i);
          line (out, stat->destination, _("%" PRIu64 " (peak %" PRIu64 "/h, %" PRIu64 "/day)"),
                stat->requests, stat->peak_per_hour, stat->peak_per_day);
        }
    }

  if (result->quotas->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Quotas"));
      for (guint i = 0; i < result->quotas->len; i++)
        {
          SluiceQuotaResult *quota = g_ptr_array_index (result->quotas, i);
          g_autofree char *per = sluice_duration_format (quota->per_ms);
          g_autofree char *label = g_strdup_printf ("%s ≤ %" PRIu64 "/%s", quota->destination, quota->limit, per);

          line (out, label, _("peak %" PRIu64 " (%.0f%%)"), quota->peak, quota->utilisation);
        }
    }

  if (result->rate_limits->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Rate limits"));
      for (guint i = 0; i < result->rate_limits->len; i++)
        {
          SluiceRateLimitResult *limit = g_ptr_array_index (result->rate_limits, i);
          g_autofree char *per = sluice_duration_format (limit->per_ms);
          g_autofree char *label = g_strdup_printf ("%s ≤ %" PRIu64 "/%s", limit->target, limit->limit, per);

          line (out, label, _("peak %" PRIu64 " (%.0f%%), %" PRIu64 " delayed, %" PRIu64 " dropped"),
                limit->outcome.peak, limit->outcome.utilisation, limit->outcome.delayed, limit->outcome.dropped);
        }
    }

  if (result->filters->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Filters (passed / rejected / could not evaluate)"));
      for (guint i = 0; i < result->filters->len; i++)
        {
          SluiceFilterOutcome *f = g_ptr_array_index (result->filters, i);
          g_autofree char *label = g_strdup_printf ("%s: %s", f->step_id, f->description);

          line (out, label, "%" PRIu64 " / %" PRIu64 " / %" PRIu64,
                f->passed, f->rejected, f->missing + f->wrong_type + f->no_previous);
        }
    }

  if (result->findings->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Findings"));
      for (guint i = 0; i < result->findings->len; i++)
        {
          SluiceDiagnostic *d = g_ptr_array_index (result->findings, i);
          g_string_append_printf (out, "  %s: [%s] %s\n", sluice_severity_to_string (d->severity), d->rule_id, d->message);
        }
    }

  if (result->entities->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Entities with the most actions"));
      for (guint i = 0; i < MIN (max_entities, result->entities->len); i++)
        {
          const SluiceEntityStat *stat = &g_array_index (result->entities, SluiceEntityStat, i);
          g_autofree char *label = g_strdup_printf ("%s (%s)", stat->entity, stat->tenant ?: "—");

          g_autofree char *actions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action", "%u actions", stat->actions),
                                                      stat->actions);
          g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "from %u event", "from %u events",
                                                                  stat->events),
                                                     stat->events);

          /* Translators: “3 actions” “from 2 events”, maybe “, in the canary” */
          line (out, label, _("%s %s%s"), actions, events, stat->in_canary ? _(", in the canary") : "");
        }
    }

  g_string_append_printf (out, "\n%s\n", _("Nothing was sent: this was a dry run."));
  return g_string_free (out, FALSE);
}
