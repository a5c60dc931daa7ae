/* sluice-report-data.c
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <glib/gi18n-lib.h>

#include "sluice-report-data.h"

void
sluice_report_headline_free (SluiceReportHeadline *headline)
{
  if (headline == NULL)
    return;

  g_free (headline->label);
  g_free (headline->value);
  g_free (headline->detail);
  g_free (headline->delta);
  g_free (headline);
}

/* ---- reading numbers ------------------------------------------------------ */

/* Returns: @member of @object as an integer; 0 when missing or not a number */
gint64
sluice_report_json_int (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return (gint64) json_node_get_double (node);
    default:
      return 0;
    }
}

/* Returns: @member of @object as a double; 0 when missing or not a number */
double
sluice_report_json_double (JsonObject *object,
                          const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    default:
      return 0;
    }
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* Returns: the requests to every destination together */
gint64
sluice_report_requests_total (JsonObject *result)
{
  JsonArray *destinations = get_array (result, "destinations");
  gint64 total = 0;

  for (guint i = 0; destinations && i < json_array_get_length (destinations); i++)
    total += sluice_report_json_int (json_array_get_object_element (destinations, i), "requests");
  return total;
}

/* Returns: whether there is a rate limit; its highest use in @percent */
gboolean
sluice_report_peak_rate_limit (JsonObject *result,
                               double     *percent)
{
  JsonArray *limits = get_array (result, "rate_limits");
  guint n = limits ? json_array_get_length (limits) : 0;

  *percent = 0;
  for (guint i = 0; i < n; i++)
    *percent = MAX (*percent, sluice_report_json_double (json_array_get_object_element (limits, i),
                                                        "utilisation_percent"));
  return n > 0;
}

static const char *
peak_rate_limit_target (JsonObject *result)
{
  JsonArray *limits = get_array (result, "rate_limits");
  const char *target = NULL;
  double best = -1;

  for (guint i = 0; limits && i < json_array_get_length (limits); i++)
    {
      JsonObject *limit = json_array_get_object_element (limits, i);
      double use = sluice_report_json_double (limit, "utilisation_percent");

      if (use > best)
        {
          best = use;
          target = get_string (limit, "target");
        }
    }
  return target;
}

/* ---- formatting ------------------------------------------------------------ */

/* Returns: @value with the locale's thousands separators */
char *
sluice_report_format_count (gint64 value)
{
  return g_strdup_printf ("%'" PRId64, value);
}

/* Returns: "+12", "−3" (with a real minus sign) or "±0" */
char *
sluice_report_format_delta (gint64 delta)
{
  if (delta > 0)
    return g_strdup_printf ("+%'" PRId64, delta);
  if (delta < 0)
    return g_strdup_printf ("−%'" PRId64, -delta);
  return g_strdup ("±0");
}

/* Returns: "850 ms", "4.2 s", "3.5 min", "2.1 h" or "3.0 d" */
char *
sluice_report_format_duration (gint64 ms)
{
  double value = ABS (ms);
  const char *sign = ms < 0 ? "−" : "";

  if (value < 1000)
    return g_strdup_printf (_("%s%.0f ms"), sign, value);
  if (value < 60 * 1000)
    return g_strdup_printf (_("%s%.1f s"), sign, value / 1000);
  if (value < 60 * 60 * 1000)
    return g_strdup_printf (_("%s%.1f min"), sign, value / 60000);
  if (value < 24 * 60 * 60 * 1000)
    return g_strdup_printf (_("%s%.1f h"), sign, value / 3600000);
  return g_strdup_printf (_("%s%.1f d"), sign, value / 86400000);
}

/* ---- headlines -------------------------------------------------------------- */

static SluiceReportHeadline *
headline_new (const char *id,
              const char *label)
{
  SluiceReportHeadline *headline = g_new0 (SluiceReportHeadline, 1);

  headline->id = id;
  headline->label = g_strdup (label);
  headline->has_value = TRUE;
  return headline;
}

static SluiceReportHeadline *
count_headline (const char *id,
                const char *label,
                gint64      value,
                gboolean    compared,
                gint64      before)
{
  SluiceReportHeadline *headline = headline_new (id, label);

  headline->number = value;
  headline->value = sluice_report_format_count (value);
  if (compared)
    {
      headline->delta_number = (double) (value - before);
      headline->delta = sluice_report_format_delta (value - before);
    }
  return headline;
}

/**
 * sluice_report_headlines:
 * @result: a result's JSON
 * @comparison_result: (nullable): the comparison version's, for the deltas
 *
 * The summary cards, in order: events matched, entities matched, would-be
 * actions, estimated requests, run time per run, peak rate-limit use.
 *
 * Returns: (transfer full) (element-type SluiceReportHeadline)
 */
GPtrArray *
sluice_report_headlines (JsonObject *result,
                         JsonObject *comparison_result)
{
  GPtrArray *headlines = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_report_headline_free);
  JsonObject *before = comparison_result;
  gboolean compared = before != NULL;
  SluiceReportHeadline *headline;
  JsonArray *tenants = get_array (result, "tenants");
  JsonArray *destinations = get_array (result, "destinations");
  JsonObject *run_time = get_object (result, "run_time");
  double peak = 0, peak_before = 0;
  gboolean has_peak, has_peak_before;

  g_return_val_if_fail (result != NULL, headlines);

  headline = count_headline ("events_matched", _("Events matched"),
                             sluice_report_json_int (result, "events_matched"),
                             compared, sluice_report_json_int (before, "events_matched"));
  {
    g_autofree char *scanned = sluice_report_format_count (sluice_report_json_int (result, "events_scanned"));
    headline->detail = g_strdup_printf (_("of %s scanned"), scanned);
  }
  g_ptr_array_add (headlines, headline);

  headline = count_headline ("entities_matched", _("Entities matched"),
                             sluice_report_json_int (result, "entities_matched"),
                             compared, sluice_report_json_int (before, "entities_matched"));
  if (tenants != NULL)
    {
      guint n = json_array_get_length (tenants);
      headline->detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u tenant", "in %u tenants", n), n);
    }
  g_ptr_array_add (headlines, headline);

  headline = count_headline ("actions_total", _("Would-be actions"),
                             sluice_report_json_int (result, "actions_total"),
                             compared, sluice_report_json_int (before, "actions_total"));
  {
    gint64 runs = sluice_report_json_int (result, "runs");
    g_autofree char *text = sluice_report_format_count (runs);
    headline->detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %s run", "in %s runs", runs), text);
  }
  g_ptr_array_add (headlines, headline);

  headline = count_headline ("requests", _("Estimated requests"),
                             sluice_report_requests_total (result),
                             compared, sluice_report_requests_total (before));
  if (destinations != NULL)
    {
      guint n = json_array_get_length (destinations);
      headline->detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "to %u destination", "to %u destinations", n), n);
    }
  g_ptr_array_add (headlines, headline);

  headline = headline_new ("run_time", _("Run time per run"));
  headline->number = sluice_report_json_double (run_time, "mean_ms");
  headline->value = sluice_report_format_duration ((gint64) round (headline->number));
  {
    g_autofree char *max = sluice_report_format_duration (sluice_report_json_int (run_time, "max_ms"));
    headline->detail = g_strdup_printf (_("%s at most"), max);
  }
  if (compared)
    {
      double mean_before = sluice_report_json_double (get_object (before, "run_time"), "mean_ms");
      gint64 delta = (gint64) round (headline->number - mean_before);
      g_autofree char *text = sluice_report_format_duration (ABS (delta));

      headline->delta_number = headline->number - mean_before;
      headline->delta = delta == 0 ? g_strdup ("±0") : g_strdup_printf ("%s%s", delta > 0 ? "+" : "−", text);
    }
  g_ptr_array_add (headlines, headline);

  headline = headline_new ("peak_rate_limit", _("Peak rate-limit use"));
  has_peak = sluice_report_peak_rate_limit (result, &peak);
  has_peak_before = compared && sluice_report_peak_rate_limit (before, &peak_before);
  if (has_peak)
    {
      const char *target = peak_rate_limit_target (result);

      headline->number = peak;
      headline->value = g_strdup_printf ("%.0f %%", peak);
      if (target != NULL)
        headline->detail = g_strdup_printf (_("of the limit on %s"), target);
    }
  else
    {
      headline->has_value = FALSE;
      headline->value = g_strdup ("—");
      headline->detail = g_strdup (_("no rate limits"));
    }
  if (compared && (has_peak || has_peak_before))
    {
      double delta = peak - peak_before;

      headline->delta_number = delta;
      /* percentage points, not percent */
      headline->delta = fabs (delta) < 0.5 ? g_strdup (_("±0 pt"))
                        : g_strdup_printf (_("%s%.0f pt"), delta > 0 ? "+" : "−", fabs (delta));
    }
  g_ptr_array_add (headlines, headline);

  return headlines;
}

/* ---- treemap ----------------------------------------------------------------- */

static void
treemap_item_clear (gpointer data)
{
  SluiceTreemapItem *item = data;

  g_free ((char *) item->entity);
  g_free ((char *) item->tenant);
}

static GHashTable *
entity_list_set (JsonObject *diff,
                 const char *member)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *list = get_array (diff, member);

  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      const char *entity = get_string (entry, "entity");

      if (entity != NULL)
        g_hash_table_insert (set, (gpointer) entity, entry);
    }
  return set;
}

static void
append_item (GArray            *items,
             const char        *entity,
             const char        *tenant,
             guint64            actions,
             guint64            before,
             SluiceChartChange  change)
{
  SluiceTreemapItem item = { g_strdup (entity), g_strdup (tenant), actions, before, change };
  g_array_append_val (items, item);
}

/**
 * sluice_report_treemap_items:
 * @result: a result's JSON; its top_entities become the tiles
 * @comparison_result: (nullable): the comparison version's
 * @diff: (nullable): the diff between them, which says exactly who is new
 *   and who drops out
 *
 * Returns: (transfer full) (element-type SluiceTreemapItem): the items,
 *   owning their strings; entities that drop out come last
 */
GArray *
sluice_report_treemap_items (JsonObject *result,
                             JsonObject *comparison_result,
                             JsonObject *diff)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (SluiceTreemapItem));
  g_autoptr(GHashTable) added = entity_list_set (diff, "added");
  g_autoptr(GHashTable) removed = entity_list_set (diff, "removed");
  g_autoptr(GHashTable) before = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *entities = get_array (result, "top_entities");
  JsonArray *old_entities = get_array (comparison_result, "top_entities");
  gboolean compared = comparison_result != NULL;

  g_array_set_clear_func (items, treemap_item_clear);
  g_return_val_if_fail (result != NULL, items);

  for (guint i = 0; old_entities && i < json_array_get_length (old_entities); i++)
    {
      JsonObject *entry = json_array_get_object_element (old_entities, i);
      const char *entity = get_string (entry, "entity");

      if (entity != NULL)
        g_hash_table_insert (before, (gpointer) entity, entry);
    }

  for (guint i = 0; entities && i < json_array_get_length (entities); i++)
    {
      JsonObject *entry = json_array_get_object_element (entities, i);
      const char *entity = get_string (entry, "entity");
      gint64 actions = sluice_report_json_int (entry, "actions");
      JsonObject *old = entity ? g_hash_table_lookup (before, entity) : NULL;
      gint64 old_actions = old ? sluice_report_json_int (old, "actions") : actions;
      SluiceChartChange change;

      if (entity == NULL || actions <= 0)
        continue;

      if (!compared)
        {
          change = SLUICE_CHART_CHANGE_NONE;
          old_actions = 0;
        }
      else if (g_hash_table_contains (added, entity) || (diff == NULL && old_actions == 0))
        {
          change = SLUICE_CHART_CHANGE_NEW;
          old_actions = 0;
        }
      else if (actions > old_actions)
        change = SLUICE_CHART_CHANGE_MORE;
      else if (actions < old_actions)
        change = SLUICE_CHART_CHANGE_FEWER;
      else
        change = SLUICE_CHART_CHANGE_SAME;

      append_item (items, entity, get_string (entry, "tenant"), actions, old_actions, change);
    }

  if (compared)
    {
      JsonArray *gone = get_array (diff, "removed");

      for (guint i = 0; gone && i < json_array_get_length (gone); i++)
        {
          JsonObject *entry = json_array_get_object_element (gone, i);
          const char *entity = get_string (entry, "entity");
          gint64 old_actions = sluice_report_json_int (entry, "actions");

          if (entity != NULL && old_actions > 0)
            append_item (items, entity, get_string (entry, "tenant"), 0, old_actions,
                         SLUICE_CHART_CHANGE_DROPPED);
        }
    }

  return items;
}

/* ---- bars ---------------------------------------------------------------------- */

static void
bar_item_clear (gpointer data)
{
  SluiceBarItem *item = data;

  g_free ((char *) item->label);
  g_free ((char *) item->value_text);
}

static GArray *
bar_items_new (void)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (SluiceBarItem));

  g_array_set_clear_func (items, bar_item_clear);
  return items;
}

/**
 * sluice_report_destination_bars:
 *
 * Returns: (transfer full) (element-type SluiceBarItem): one bar per
 *   destination, its requests, most first; the items own their strings
 */
GArray *
sluice_report_destination_bars (JsonObject *result)
{
  GArray *items = bar_items_new ();
  JsonArray *destinations = get_array (result, "destinations");

  for (guint i = 0; destinations && i < json_array_get_length (destinations); i++)
    {
      JsonObject *stat = json_array_get_object_element (destinations, i);
      const char *destination = get_string (stat, "destination");
      const char *kind = get_string (stat, "kind");
      SluiceBarItem item = { 0 };

      item.label = kind ? g_strdup_printf ("%s (%s)", destination ? destination : "?", kind)
                        : g_strdup (destination ? destination : "?");
      item.value = sluice_report_json_int (stat, "requests");
      g_array_append_val (items, item);
    }
  return items;
}

/* One limit's bar: its busiest window as a percentage of the limit. */
static void
append_limit_bar (GArray     *items,
                  const char *label,
                  JsonObject *limit)
{
  g_autofree char *peak = sluice_report_format_count (sluice_report_json_int (limit, "peak"));
  g_autofree char *max = sluice_report_format_count (sluice_report_json_int (limit, "limit"));
  const char *per = get_string (limit, "per");
  SluiceBarItem item = { 0 };

  item.label = g_strdup (label);
  item.value = sluice_report_json_double (limit, "utilisation_percent");
  item.limit = 100;
  item.value_text = g_strdup_printf (_("%.0f %% (%s of %s per %s)"), item.value, peak, max, per ? per : "?");
  g_array_append_val (items, item);
}

/**
 * sluice_report_limit_bars:
 *
 * How close each rate limit ("rate limit notify-owner") and each quota
 * ("quota email") comes to its limit: the busiest window as a percentage
 * of the limit, with the limit marked at 100.
 *
 * Returns: (transfer full) (element-type SluiceBarItem)
 */
GArray *
sluice_report_limit_bars (JsonObject *result)
{
  GArray *items = bar_items_new ();
  JsonArray *limits = get_array (result, "rate_limits");
  JsonArray *quotas = get_array (result, "quotas");

  for (guint i = 0; limits && i < json_array_get_length (limits); i++)
    {
      JsonObject *limit = json_array_get_object_element (limits, i);
      const char *target = get_string (limit, "target");
      g_autofree char *label = g_strdup_printf (_("rate limit %s"), target ? target : "?");

      append_limit_bar (items, label, limit);
    }

  for (guint i = 0; quotas && i < json_array_get_length (quotas); i++)
    {
      JsonObject *quota = json_array_get_object_element (quotas, i);
      const char *destination = get_string (quota, "destination");
      g_autofree char *label = g_strdup_printf (_("quota %s"), destination ? destination : "?");

      append_limit_bar (items, label, quota);
    }
  return items;
}
