/* sluice-report-tables.c — the report's tables and sentences, as text
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-report-private.h"

/* ---- JSON access ------------------------------------------------------------ */

JsonObject *
sluice_report_json_object (JsonObject *object,
                           const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
sluice_report_json_array (JsonObject *object,
                          const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
sluice_report_json_string (JsonObject *object,
                           const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

#define get_int sluice_report_json_int
#define get_object sluice_report_json_object
#define get_array sluice_report_json_array
#define get_string sluice_report_json_string

static guint
array_length (JsonArray *array)
{
  return array ? json_array_get_length (array) : 0;
}

/* ---- tables ----------------------------------------------------------------- */

void
sluice_report_table_free (SluiceReportTable *table)
{
  if (table == NULL)
    return;

  g_array_unref (table->columns);
  g_ptr_array_unref (table->rows);
  g_array_unref (table->marks);
  g_free (table);
}

static SluiceReportTable *
table_new (const char *empty)
{
  SluiceReportTable *table = g_new0 (SluiceReportTable, 1);

  table->columns = g_array_new (FALSE, TRUE, sizeof (SluiceReportColumn));
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->marks = g_array_new (FALSE, TRUE, sizeof (int));
  table->empty = empty;
  return table;
}

static void
add_column (SluiceReportTable *table,
            const char        *title,
            gboolean           numeric,
            double             weight)
{
  SluiceReportColumn column = { title, numeric, weight };
  g_array_append_val (table->columns, column);
}

/* Takes a row of exactly as many cells as there are columns. */
static void
add_row (SluiceReportTable *table,
         int                mark,
         ...)
{
  GPtrArray *cells = g_ptr_array_new ();
  va_list args;

  va_start (args, mark);
  for (guint i = 0; i < table->columns->len; i++)
    {
      char *cell = va_arg (args, char *);
      g_ptr_array_add (cells, cell ? cell : g_strdup ("—"));
    }
  va_end (args);
  g_ptr_array_add (cells, NULL);

  g_ptr_array_add (table->rows, g_ptr_array_free (cells, FALSE));
  g_array_append_val (table->marks, mark);
}

static char *
count (gint64 value)
{
  return sluice_report_format_count (value);
}

static char *
text (const char *value)
{
  return g_strdup (value ? value : "—");
}

static char *
percent (double value)
{
  return g_strdup_printf ("%.0f %%", value);
}

static gboolean
is_trigger_type (const char *type)
{
  return g_strcmp0 (type, "event") == 0 || g_strcmp0 (type, "schedule") == 0;
}

/**
 * sluice_report_table_top_entities:
 *
 * The entities with the most actions, with their change against the
 * comparison when there is one (and a swatch of the treemap's colour).
 */
SluiceReportTable *
sluice_report_table_top_entities (SluiceReport *report,
                                  guint         max_rows)
{
  SluiceReportTable *table = table_new (_("No events matched the trigger, so no entity would be acted on."));
  JsonObject *result = sluice_report_get_result (report);
  JsonObject *before = sluice_report_get_comparison_result (report);
  g_autoptr(GArray) items = sluice_report_treemap_items (result, before, sluice_report_get_diff (report));
  g_autoptr(GHashTable) by_entity = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *entities = get_array (result, "top_entities");
  guint n = array_length (entities);
  gboolean compared = before != NULL;

  for (guint i = 0; i < items->len; i++)
    {
      SluiceTreemapItem *item = &g_array_index (items, SluiceTreemapItem, i);
      if (item->change != SLUICE_CHART_CHANGE_DROPPED)
        g_hash_table_insert (by_entity, (gpointer) item->entity, item);
    }

  add_column (table, _("Entity"), FALSE, 3);
  add_column (table, _("Tenant"), FALSE, 1.4);
  add_column (table, _("Events"), TRUE, 1);
  add_column (table, _("Runs"), TRUE, 1);
  add_column (table, _("Actions"), TRUE, 1);
  if (compared)
    {
      add_column (table, _("Before"), TRUE, 1);
      add_column (table, _("Change"), FALSE, 1.8);
    }

  for (guint i = 0; i < MIN (n, max_rows); i++)
    {
      JsonObject *entry = json_array_get_object_element (entities, i);
      SluiceTreemapItem *item = g_hash_table_lookup (by_entity, get_string (entry, "entity") ?: "");
      int mark = item ? (int) item->change : -1;

      if (!compared)
        add_row (table, mark, text (get_string (entry, "entity")), text (get_string (entry, "tenant")),
                 count (get_int (entry, "events")), count (get_int (entry, "runs")),
                 count (get_int (entry, "actions")));
      else
        {
          char *change = NULL;
          char *old = NULL;

          if (item != NULL && item->change == SLUICE_CHART_CHANGE_NEW)
            change = g_strdup (_("newly qualifies"));
          else if (item != NULL)
            {
              gint64 delta = (gint64) item->actions - (gint64) item->before;
              change = sluice_report_format_delta (delta);
              old = count (item->before);
            }
          add_row (table, mark, text (get_string (entry, "entity")), text (get_string (entry, "tenant")),
                   count (get_int (entry, "events")), count (get_int (entry, "runs")),
                   count (get_int (entry, "actions")), old, change);
        }
    }

  table->more = MAX (get_int (result, "entities_matched"), (gint64) n) - MIN (n, max_rows);
  return table;
}

/**
 * sluice_report_table_diff_list:
 * @member: "added" (newly qualify) or "removed" (drop out)
 */
SluiceReportTable *
sluice_report_table_diff_list (SluiceReport *report,
                               const char   *member,
                               guint         max_rows)
{
  gboolean added = g_str_equal (member, "added");
  SluiceReportTable *table = table_new (added ? _("No entity newly qualifies.") : _("No entity drops out."));
  JsonObject *diff = sluice_report_get_diff (report);
  JsonArray *list = get_array (diff, member);
  g_autofree char *count_member = g_strconcat (member, "_entities", NULL);
  guint n = array_length (list);

  add_column (table, _("Entity"), FALSE, 3);
  add_column (table, _("Tenant"), FALSE, 1.4);
  add_column (table, added ? _("Actions") : _("Actions before"), TRUE, 1.2);

  for (guint i = 0; i < MIN (n, max_rows); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);

      add_row (table, added ? SLUICE_CHART_CHANGE_NEW : SLUICE_CHART_CHANGE_DROPPED,
               text (get_string (entry, "entity")), text (get_string (entry, "tenant")),
               count (get_int (entry, "actions")));
    }

  table->more = MAX (get_int (diff, count_member), (gint64) n) - MIN (n, max_rows);
  return table;
}

static JsonObject *
find_by (JsonArray  *array,
         const char *key,
         const char *value)
{
  for (guint i = 0; i < array_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      if (g_strcmp0 (get_string (entry, key), value) == 0)
        return entry;
    }
  return NULL;
}

/* Per step: how far runs got and the actions, with deltas. */
SluiceReportTable *
sluice_report_table_steps (SluiceReport *report)
{
  SluiceReportTable *table = table_new (_("The workflow has no steps."));
  JsonObject *result = sluice_report_get_result (report);
  JsonObject *before = sluice_report_get_comparison_result (report);
  JsonArray *steps = get_array (result, "steps");
  JsonArray *old_steps = get_array (before, "steps");
  gboolean compared = before != NULL;

  add_column (table, _("Step"), FALSE, 2.3);
  add_column (table, _("Type"), FALSE, 1.2);
  add_column (table, _("Reached"), TRUE, 1.3);
  add_column (table, _("Actions"), TRUE, 1);
  if (compared)
    {
      add_column (table, _("Before"), TRUE, 1);
      add_column (table, _("Change"), TRUE, 1);
    }
  add_column (table, _("Approvals"), TRUE, 1.4);
  add_column (table, _("Held back"), TRUE, 1.1);
  add_column (table, _("Over cap"), TRUE, 1);

  for (guint i = 0; i < array_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      const char *id = get_string (step, "id");
      const char *type = get_string (step, "type");
      gboolean trigger = is_trigger_type (type);
      /* a trigger "reaches" every event it matched */
      char *reached = count (trigger ? get_int (result, "events_matched") : get_int (step, "reached"));
      char *actions = trigger ? NULL : count (get_int (step, "actions"));

      if (!compared)
        add_row (table, -1, text (id), text (type), reached, actions,
                 count (get_int (step, "pending_approvals")), count (get_int (step, "suppressed")),
                 count (get_int (step, "cap_hits")));
      else
        {
          JsonObject *old = find_by (old_steps, "id", id);
          char *old_actions = NULL, *delta = NULL;

          if (old != NULL && !trigger)
            {
              old_actions = count (get_int (old, "actions"));
              delta = sluice_report_format_delta (get_int (step, "actions") - get_int (old, "actions"));
            }
          else if (!trigger)
            delta = g_strdup (_("new step"));
          add_row (table, -1, text (id), text (type), reached, actions, old_actions, delta,
                   count (get_int (step, "pending_approvals")), count (get_int (step, "suppressed")),
                   count (get_int (step, "cap_hits")));
        }
    }

  /* steps the comparison has and the workflow no longer does */
  for (guint i = 0; compared && i < array_length (old_steps); i++)
    {
      JsonObject *old = json_array_get_object_element (old_steps, i);
      const char *id = get_string (old, "id");

      if (find_by (steps, "id", id) != NULL || is_trigger_type (get_string (old, "type")))
        continue;
      add_row (table, -1, text (id), g_strdup_printf (_("%s (removed)"), get_string (old, "type") ?: "?"),
               NULL, count (0), count (get_int (old, "actions")), sluice_report_format_delta (-get_int (old, "actions")),
               NULL, NULL, NULL);
    }

  return table;
}

SluiceReportTable *
sluice_report_table_destinations (SluiceReport *report)
{
  SluiceReportTable *table = table_new (_("No action would send a request."));
  JsonObject *result = sluice_report_get_result (report);
  JsonObject *before = sluice_report_get_comparison_result (report);
  JsonArray *destinations = get_array (result, "destinations");
  JsonArray *old_destinations = get_array (before, "destinations");
  gboolean compared = before != NULL;

  add_column (table, _("Destination"), FALSE, 2.6);
  add_column (table, _("Action type"), FALSE, 1.3);
  add_column (table, _("Requests"), TRUE, 1.1);
  if (compared)
    {
      add_column (table, _("Before"), TRUE, 1);
      add_column (table, _("Change"), TRUE, 1);
    }
  add_column (table, _("Peak per hour"), TRUE, 1.3);
  add_column (table, _("Peak per day"), TRUE, 1.3);

  for (guint i = 0; i < array_length (destinations); i++)
    {
      JsonObject *stat = json_array_get_object_element (destinations, i);
      const char *destination = get_string (stat, "destination");

      if (!compared)
        add_row (table, -1, text (destination), text (get_string (stat, "kind")),
                 count (get_int (stat, "requests")),
                 count (get_int (stat, "peak_per_hour")), count (get_int (stat, "peak_per_day")));
      else
        {
          JsonObject *old = find_by (old_destinations, "destination", destination);
          gint64 old_requests = get_int (old, "requests");

          add_row (table, -1, text (destination), text (get_string (stat, "kind")),
                   count (get_int (stat, "requests")), count (old_requests),
                   sluice_report_format_delta (get_int (stat, "requests") - old_requests),
                   count (get_int (stat, "peak_per_hour")), count (get_int (stat, "peak_per_day")));
        }
    }

  return table;
}

SluiceReportTable *
sluice_report_table_rate_limits (SluiceReport *report)
{
  SluiceReportTable *table = table_new (_("The workflow sets no rate limits."));
  JsonArray *limits = get_array (sluice_report_get_result (report), "rate_limits");

  add_column (table, _("On"), FALSE, 2.2);
  add_column (table, _("Limit"), FALSE, 1.3);
  add_column (table, _("Actions"), TRUE, 1);
  add_column (table, _("Peak"), TRUE, 0.9);
  add_column (table, _("Use"), TRUE, 0.8);
  add_column (table, _("Delayed"), TRUE, 1);
  add_column (table, _("Dropped"), TRUE, 1);
  add_column (table, _("Longest delay"), TRUE, 1.3);

  for (guint i = 0; i < array_length (limits); i++)
    {
      JsonObject *limit = json_array_get_object_element (limits, i);
      g_autofree char *max = count (get_int (limit, "limit"));

      add_row (table, -1, text (get_string (limit, "target")),
               g_strdup_printf (_("%s per %s"), max, get_string (limit, "per") ?: "?"),
               count (get_int (limit, "actions")), count (get_int (limit, "peak")),
               percent (sluice_report_json_double (limit, "utilisation_percent")),
               count (get_int (limit, "delayed")), count (get_int (limit, "dropped")),
               sluice_report_format_duration (get_int (limit, "max_delay_ms")));
    }

  return table;
}

SluiceReportTable *
sluice_report_table_quotas (SluiceReport *report)
{
  SluiceReportTable *table = table_new (_("No quota is set for the destinations this workflow calls."));
  JsonArray *quotas = get_array (sluice_report_get_result (report), "quotas");

  add_column (table, _("Destination"), FALSE, 2.6);
  add_column (table, _("Quota"), FALSE, 1.6);
  add_column (table, _("Peak"), TRUE, 1);
  add_column (table, _("Use"), TRUE, 1);

  for (guint i = 0; i < array_length (quotas); i++)
    {
      JsonObject *quota = json_array_get_object_element (quotas, i);
      g_autofree char *max = count (get_int (quota, "limit"));

      add_row (table, -1, text (get_string (quota, "destination")),
               g_strdup_printf (_("%s per %s"), max, get_string (quota, "per") ?: "?"),
               count (get_int (quota, "peak")),
               percent (sluice_report_json_double (quota, "utilisation_percent")));
    }

  return table;
}

SluiceReportTable *
sluice_report_table_filters (SluiceReport *report)
{
  SluiceReportTable *table = table_new (_("The workflow has no filters."));
  JsonArray *filters = get_array (sluice_report_get_result (report), "filters");

  add_column (table, _("Step"), FALSE, 1.8);
  add_column (table, _("Filter"), FALSE, 2.6);
  add_column (table, _("Passed"), TRUE, 1);
  add_column (table, _("Rejected"), TRUE, 1);
  add_column (table, _("Not evaluated"), TRUE, 1.2);
  add_column (table, _("Why not"), FALSE, 2.2);

  for (guint i = 0; i < array_length (filters); i++)
    {
      JsonObject *filter = json_array_get_object_element (filters, i);
      GString *why = g_string_new (NULL);
      struct { const char *member; const char *label; } reasons[] = {
        { "missing", N_("missing") },
        { "wrong_type", N_("wrong type") },
        { "no_previous", N_("no previous value") },
      };

      for (guint r = 0; r < G_N_ELEMENTS (reasons); r++)
        {
          gint64 n = get_int (filter, reasons[r].member);
          g_autofree char *n_text = NULL;

          if (n == 0)
            continue;
          n_text = count (n);
          g_string_append_printf (why, "%s%s %s", why->len ? ", " : "", n_text, _(reasons[r].label));
        }

      add_row (table, -1, text (get_string (filter, "step")), text (get_string (filter, "filter")),
               count (get_int (filter, "passed")), count (get_int (filter, "rejected")),
               count (get_int (filter, "not_evaluated")),
               g_string_free (why, why->len == 0));
    }

  return table;
}

SluiceReportTable *
sluice_report_table_findings (SluiceReport *report)
{
  SluiceReportTable *table = table_new (_("No findings: the dry run raised no constraint or data problems."));
  JsonArray *findings = get_array (sluice_report_get_result (report), "findings");

  add_column (table, _("Severity"), FALSE, 1);
  add_column (table, _("Rule"), FALSE, 2);
  add_column (table, _("Step"), FALSE, 1.4);
  add_column (table, _("Finding"), FALSE, 5);

  for (guint i = 0; i < array_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      add_row (table, -1, text (get_string (finding, "severity")), text (get_string (finding, "rule")),
               text (get_string (finding, "step")), text (get_string (finding, "message")));
    }

  return table;
}

static char *
workflow_label (JsonObject *workflow)
{
  const char *name = get_string (workflow, "name");
  gint64 version = get_int (workflow, "version");

  if (version > 0)
    return g_strdup_printf (_("%s, version %" PRId64), name ? name : "?", version);
  return g_strdup (name ? name : "?");
}

static char *
dataset_label (JsonObject *dataset)
{
  const char *name = get_string (dataset, "file_name");
  g_autofree char *events = count (get_int (dataset, "events"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%s event)", "%s (%s events)",
                                       get_int (dataset, "events")),
                          name ? name : _("unnamed dataset"), events);
}

/* Where everything came from: two columns, what and which. */
SluiceReportTable *
sluice_report_table_provenance (SluiceReport *report)
{
  SluiceReportTable *table = table_new (NULL);
  JsonObject *workflow = sluice_report_get_workflow (report);
  JsonObject *comparison = sluice_report_get_comparison (report);
  JsonObject *dataset = sluice_report_get_dataset (report);
  JsonObject *result = sluice_report_get_result (report);
  const char *first = get_string (dataset, "first_event");
  const char *last = get_string (dataset, "last_event");

  add_column (table, _("What"), FALSE, 1.3);
  add_column (table, _("Which"), FALSE, 4);

  add_row (table, -1, g_strdup (_("Workflow")), workflow_label (workflow));
  add_row (table, -1, g_strdup (_("Workflow digest")), text (get_string (workflow, "digest")));
  if (comparison != NULL)
    {
      add_row (table, -1, g_strdup (_("Compared with")), workflow_label (comparison));
      add_row (table, -1, g_strdup (_("Comparison digest")), text (get_string (comparison, "digest")));
    }
  add_row (table, -1, g_strdup (_("Dataset")), dataset_label (dataset));
  add_row (table, -1, g_strdup (_("Dataset digest")), text (get_string (dataset, "digest")));
  add_row (table, -1, g_strdup (_("Events from")),
           first ? g_strdup_printf (_("%s to %s"), first, last ? last : "?") : NULL);
  add_row (table, -1, g_strdup (_("Scope")), sluice_report_describe_scope (report));
  add_row (table, -1, g_strdup (_("Dry run took")), sluice_report_format_duration (get_int (result, "elapsed_ms")));
  add_row (table, -1, g_strdup (_("Report made")), text (sluice_report_get_created (report)));
  add_row (table, -1, g_strdup (_("Made by")), text (sluice_report_get_author (report)));
  add_row (table, -1, g_strdup (_("Made with")),
           text (get_string (json_node_get_object (sluice_report_get_document (report)), "generator")));

  return table;
}

/* ---- sentences -------------------------------------------------------------- */

static char *
join_strings (JsonArray *array)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < array_length (array); i++)
    {
      const char *value = json_array_get_string_element (array, i);
      g_string_append_printf (out, "%s%s", i ? ", " : "", value ? value : "?");
    }
  return g_string_free (out, FALSE);
}

/* Returns: "all events", or the window, tenants and segments in scope */
char *
sluice_report_describe_scope (SluiceReport *report)
{
  JsonObject *scope = sluice_report_get_scope (report);
  const char *from = get_string (scope, "from");
  const char *to = get_string (scope, "to");
  JsonArray *tenants = get_array (scope, "tenants");
  JsonArray *segments = get_array (scope, "segments");
  GString *out = g_string_new (NULL);

  if (from == NULL && to == NULL)
    g_string_append (out, _("all events"));
  else if (to == NULL)
    g_string_append_printf (out, _("events from %s"), from);
  else if (from == NULL)
    g_string_append_printf (out, _("events before %s"), to);
  else
    g_string_append_printf (out, _("events from %s to %s"), from, to);

  if (tenants != NULL)
    {
      g_autofree char *list = join_strings (tenants);
      g_string_append_printf (out, _("; tenants %s"), list);
    }
  if (segments != NULL)
    {
      g_autofree char *list = join_strings (segments);
      g_string_append_printf (out, _("; entities in segments %s"), list);
    }
  return g_string_free (out, FALSE);
}

/* Returns: "Compared with … · dataset … · all events · made … by …" */
char *
sluice_report_describe_subtitle (SluiceReport *report)
{
  JsonObject *comparison = sluice_report_get_comparison (report);
  g_autofree char *dataset = dataset_label (sluice_report_get_dataset (report));
  g_autofree char *scope = sluice_report_describe_scope (report);
  GString *out = g_string_new (NULL);

  if (comparison != NULL)
    {
      g_autofree char *label = workflow_label (comparison);
      g_string_append_printf (out, _("Compared with %s"), label);
      g_string_append (out, " · ");
    }
  g_string_append_printf (out, _("Dataset %s, %s"), dataset, scope);
  g_string_append (out, " · ");
  g_string_append_printf (out, _("Made %s by %s"), sluice_report_get_created (report) ?: "?",
                          sluice_report_get_author (report) ?: "?");
  return g_string_free (out, FALSE);
}

/* Returns: (nullable): "12 entities newly qualify, 3 drop out, 140 qualify in both." */
char *
sluice_report_describe_diff (SluiceReport *report)
{
  JsonObject *diff = sluice_report_get_diff (report);
  gint64 added = get_int (diff, "added_entities");
  gint64 removed = get_int (diff, "removed_entities");
  gint64 both = get_int (diff, "unchanged_entities");
  g_autofree char *added_text = count (added);
  g_autofree char *removed_text = count (removed);
  g_autofree char *both_text = count (both);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  if (diff == NULL)
    return NULL;

  first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s entity newly qualifies", "%s entities newly qualify", added),
                           added_text);
  second = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s drops out", "%s drop out", removed), removed_text);
  third = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s qualifies under both versions",
                                        "%s qualify under both versions", both), both_text);
  /* TRANSLATORS: the three parts above, joined */
  return g_strdup_printf (_("%s, %s and %s."), first, second, third);
}

/* Returns: (nullable): who a canary would cover, when the scope asked */
char *
sluice_report_describe_canary (SluiceReport *report)
{
  JsonObject *canary = get_object (sluice_report_get_result (report), "canary");
  g_autofree char *entities = NULL;
  g_autofree char *matched = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *which = NULL;
  const char *segment;

  if (canary == NULL)
    return NULL;

  entities = count (get_int (canary, "entities"));
  matched = count (get_int (canary, "entities_matched"));
  actions = count (get_int (canary, "actions"));
  segment = get_string (canary, "segment");
  which = segment ? g_strdup_printf (_("the segment %s"), segment)
                  : g_strdup_printf (_("%.4g %% of the entities"), sluice_report_json_double (canary, "percent"));

  return g_strdup_printf (_("A canary of %s would cover %s of the %s entities matched, with %s actions."),
                          which, entities, matched, actions);
}
