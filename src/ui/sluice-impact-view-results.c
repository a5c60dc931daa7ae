/* sluice-impact-view-results.c — what a dry run found, on screen
 *
 * Everything here is drawn from the run's JSON (sluice_sim_result_to_json
 * and sluice_sim_diff_to_json), never from the engine's structs: an impact
 * report keeps the same JSON, so a report opened later shows through this
 * same code, without a dataset.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-impact-entity.h"
#include "sluice-impact-view-private.h"
#include "sluice-json.h"
#include "sluice-step-type.h"

#define MAX_CANARY_SHOWN 48

enum {
  CARD_EVENTS,
  CARD_ENTITIES,
  CARD_ACTIONS,
  CARD_REQUESTS,
  CARD_RUN_TIME,
  CARD_RATE_LIMIT,
  N_CARDS
};

static const char * const card_ids[N_CARDS] = {
  "events", "entities", "actions", "requests", "run-time", "rate-limit",
};

/* ---- JSON ------------------------------------------------------------------ */

static JsonObject *
object_of (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gint64
get_int (JsonObject *object,
         const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

static double
get_double (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : 0;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  return object ? object_of (json_object_get_member (object, member)) : NULL;
}

/* The requests to every destination, summed. */
static gint64
total_requests (JsonObject *result)
{
  JsonObject *by_destination = get_object (result, "requests_by_destination");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gint64 total = 0;

  if (by_destination == NULL)
    return 0;
  json_object_iter_init (&iter, by_destination);
  while (json_object_iter_next (&iter, &name, &value))
    total += json_node_get_int (value);
  return total;
}

/* The busiest rate limit: its utilisation, and the object. */
static JsonObject *
busiest_rate_limit (JsonObject *result,
                    double     *utilisation)
{
  JsonArray *limits = get_array (result, "rate_limits");
  JsonObject *busiest = NULL;

  *utilisation = 0;
  for (guint i = 0; limits != NULL && i < json_array_get_length (limits); i++)
    {
      JsonObject *limit = json_array_get_object_element (limits, i);
      double used = get_double (limit, "utilisation_percent");

      if (busiest == NULL || used > *utilisation)
        {
          busiest = limit;
          *utilisation = used;
        }
    }
  return busiest;
}

/* entity → actions, of a result's listed entities */
static GHashTable *
actions_by_entity (JsonObject *result)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *entities = get_array (result, "top_entities");

  for (guint i = 0; entities != NULL && i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = json_array_get_object_element (entities, i);
      const char *name = get_string (entity, "entity");

      if (name != NULL)
        g_hash_table_insert (table, (gpointer) name, GINT_TO_POINTER ((int) get_int (entity, "actions") + 1));
    }
  return table;
}

/* Returns: the actions, or -1 when the entity is not listed */
static gint64
lookup_actions (GHashTable *table,
                const char *entity)
{
  gpointer value = table ? g_hash_table_lookup (table, entity) : NULL;

  return value ? GPOINTER_TO_INT (value) - 1 : -1;
}

/* "2026-10-24T23:48:12.145Z" → "2026-10-24 23:48 UTC" */
static char *
format_time (const char *rfc3339)
{
  g_autoptr(GDateTime) time = rfc3339 ? g_date_time_new_from_iso8601 (rfc3339, NULL) : NULL;

  if (time == NULL)
    return g_strdup (rfc3339);
  return g_date_time_format (time, _("%Y-%m-%d %H:%M UTC"));
}

static char *
format_time_seconds (const char *rfc3339)
{
  g_autoptr(GDateTime) time = rfc3339 ? g_date_time_new_from_iso8601 (rfc3339, NULL) : NULL;

  if (time == NULL)
    return g_strdup (rfc3339);
  return g_date_time_format (time, _("%Y-%m-%d %H:%M:%S UTC"));
}

/* Removes the rows, and keeps the placeholder. */
static void
clear_list_box (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* ---- cards ----------------------------------------------------------------- */

static GtkWidget *
card_new (const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *value = gtk_label_new ("—");
  GtkWidget *delta = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_size_request (box, 150, -1);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_end (heading, 12);

  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_widget_add_css_class (value, "title-2");
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);

  gtk_widget_add_css_class (delta, "heading");
  gtk_widget_add_css_class (delta, "numeric");
  gtk_widget_set_valign (delta, GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (value, GTK_ALIGN_BASELINE);

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_box_append (GTK_BOX (row), value);
  gtk_box_append (GTK_BOX (row), delta);

  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (detail), 30);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_margin_start (detail, 12);
  gtk_widget_set_margin_end (detail, 12);
  gtk_widget_set_margin_bottom (detail, 12);
  gtk_widget_set_vexpand (detail, TRUE);
  gtk_widget_set_valign (detail, GTK_ALIGN_END);

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), detail);

  g_object_set_data (G_OBJECT (box), "value", value);
  g_object_set_data (G_OBJECT (box), "delta", delta);
  g_object_set_data (G_OBJECT (box), "detail", detail);
  return box;
}

/* Shows @value, its change (@delta_text, NULL for none; @sign says the
 * direction, for the colour) and a line of detail. Counts take the
 * treemap's colours (more is green like “newly qualifies”, fewer red like
 * “drops out”); for run time and rate-limit use, more is a warning. */
static void
set_card (SluiceImpactView *self,
          guint             card,
          const char       *value,
          const char       *delta_text,
          int               sign,
          const char       *detail)
{
  GtkWidget *box = self->cards[card];
  GtkWidget *delta = g_object_get_data (G_OBJECT (box), "delta");
  GtkWidget *heading = gtk_widget_get_first_child (box);
  g_autofree char *text = NULL;

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "value"), value);
  gtk_label_set_text (GTK_LABEL (delta), delta_text ? delta_text : "");
  gtk_widget_set_visible (delta, delta_text != NULL);
  gtk_widget_remove_css_class (delta, "success");
  gtk_widget_remove_css_class (delta, "error");
  gtk_widget_remove_css_class (delta, "warning");
  gtk_widget_remove_css_class (delta, "dim-label");
  if (card == CARD_RUN_TIME || card == CARD_RATE_LIMIT)
    gtk_widget_add_css_class (delta, sign > 0 ? "warning" : sign < 0 ? "success" : "dim-label");
  else
    gtk_widget_add_css_class (delta, sign > 0 ? "success" : sign < 0 ? "error" : "dim-label");
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "detail"), detail ? detail : "");

  /* one sentence for a screen reader: "Events matched: 42, −17 against the comparison." */
  text = delta_text
    ? g_strdup_printf (_("%s: %s, %s against the comparison. %s"), gtk_label_get_text (GTK_LABEL (heading)),
                       value, delta_text, detail ? detail : "")
    : g_strdup_printf ("%s: %s. %s", gtk_label_get_text (GTK_LABEL (heading)), value, detail ? detail : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
set_count_card (SluiceImpactView *self,
                guint             card,
                gint64            value,
                JsonObject       *before,
                gint64            before_value,
                const char       *detail)
{
  g_autofree char *text = sluice_impact_format_count (value);
  g_autofree char *delta = before ? sluice_impact_format_delta (value - before_value) : NULL;

  set_card (self, card, text, delta, before ? (value > before_value) - (value < before_value) : 0, detail);
}

static char *
format_ms (double ms)
{
  if (ms >= 60 * 60 * 1000)
    return g_strdup_printf (_("%.1f h"), ms / (60 * 60 * 1000));
  if (ms >= 60 * 1000)
    return g_strdup_printf (_("%.1f min"), ms / (60 * 1000));
  if (ms >= 10 * 1000)
    return g_strdup_printf (_("%.0f s"), ms / 1000);
  if (ms >= 1000)
    return g_strdup_printf (_("%.1f s"), ms / 1000);
  return g_strdup_printf (_("%.0f ms"), ms);
}

static void
render_cards (SluiceImpactView *self,
              JsonObject       *result,
              JsonObject       *before)
{
  g_autofree char *detail = NULL;
  g_autofree char *scanned = sluice_impact_format_count (get_int (result, "events_scanned"));
  JsonObject *run_time = get_object (result, "run_time");
  JsonObject *limit;
  double used, used_before = 0;
  gint64 requests = total_requests (result);
  guint n_destinations = get_object (result, "requests_by_destination")
                         ? json_object_get_size (get_object (result, "requests_by_destination")) : 0;

  detail = g_strdup_printf (_("of %s events of the trigger’s type in scope"), scanned);
  set_count_card (self, CARD_EVENTS, get_int (result, "events_matched"),
                  before, get_int (before, "events_matched"), detail);
  g_clear_pointer (&detail, g_free);

  {
    gint64 runs = get_int (result, "runs");
    gint64 held = get_int (result, "suppressed_by_cooldown");
    g_autofree char *runs_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " run",
                                                               "%" PRId64 " runs", runs), runs);

    detail = held == 0 ? g_strdup (runs_text)
      /* Translators: "41 runs; 3 events held back by the cooldown" */
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %" PRId64 " event held back by the cooldown",
                                      "%s; %" PRId64 " events held back by the cooldown", held),
                         runs_text, held);
  }
  set_count_card (self, CARD_ENTITIES, get_int (result, "entities_matched"),
                  before, get_int (before, "entities_matched"), detail);
  g_clear_pointer (&detail, g_free);

  if (get_int (result, "dropped_by_fan_out") > 0)
    detail = g_strdup_printf (_("after branches, cooldown and fan-out; %" PRId64 " dropped by maxFanOut"),
                              get_int (result, "dropped_by_fan_out"));
  else
    detail = g_strdup (_("after branches, cooldown and fan-out"));
  set_count_card (self, CARD_ACTIONS, get_int (result, "actions_total"),
                  before, get_int (before, "actions_total"), detail);
  g_clear_pointer (&detail, g_free);

  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "to %u destination", "to %u destinations", n_destinations),
                            n_destinations);
  set_count_card (self, CARD_REQUESTS, requests, before, before ? total_requests (before) : 0, detail);
  g_clear_pointer (&detail, g_free);

  {
    double mean = get_double (run_time, "mean_ms");
    double mean_before = get_double (get_object (before, "run_time"), "mean_ms");
    g_autofree char *value = format_ms (mean);
    g_autofree char *max = format_ms (get_int (run_time, "max_ms"));
    g_autofree char *delta = NULL;

    if (before != NULL)
      {
        g_autofree char *magnitude = format_ms (ABS (mean - mean_before));
        delta = mean == mean_before ? g_strdup ("±0") : g_strdup_printf ("%s%s", mean > mean_before ? "+" : "−", magnitude);
      }
    detail = g_strdup_printf (_("expected per run, %s at most"), max);
    set_card (self, CARD_RUN_TIME, value, delta, before ? (mean > mean_before) - (mean < mean_before) : 0, detail);
    g_clear_pointer (&detail, g_free);
  }

  limit = busiest_rate_limit (result, &used);
  if (before != NULL)
    busiest_rate_limit (before, &used_before);
  if (limit != NULL)
    {
      g_autofree char *value = g_strdup_printf ("%.0f %%", used);
      g_autofree char *delta = NULL;

      /* percentage points, not percent, as in the reports */
      if (before != NULL)
        delta = used == used_before ? g_strdup (_("±0 pt"))
                : g_strdup_printf (_("%s%.0f pt"), used > used_before ? "+" : "−", ABS (used - used_before));
      /* Translators: "open-ticket: 4 of 20 per 1h at the busiest; 0 delayed, 0 dropped" */
      detail = g_strdup_printf (_("%s: %" PRId64 " of %" PRId64 " per %s at the busiest; %" PRId64 " delayed, %" PRId64 " dropped"),
                                get_string (limit, "target"), get_int (limit, "peak"), get_int (limit, "limit"),
                                get_string (limit, "per") ?: "", get_int (limit, "delayed"), get_int (limit, "dropped"));
      set_card (self, CARD_RATE_LIMIT, value, delta, before ? (used > used_before) - (used < used_before) : 0, detail);
      g_clear_pointer (&detail, g_free);
    }
  else
    set_card (self, CARD_RATE_LIMIT, "—", NULL, 0, _("The workflow sets no rate limits"));

  /* over its limit: actions would be delayed or dropped */
  {
    GtkWidget *value = g_object_get_data (G_OBJECT (self->cards[CARD_RATE_LIMIT]), "value");

    if (used > 100)
      gtk_widget_add_css_class (value, "error");
    else
      gtk_widget_remove_css_class (value, "error");
  }
}

const char *
sluice_impact_view_get_card_value (SluiceImpactView *self,
                                   const char       *card)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), NULL);

  for (guint i = 0; i < N_CARDS; i++)
    if (g_strcmp0 (card, card_ids[i]) == 0)
      return gtk_label_get_text (g_object_get_data (G_OBJECT (self->cards[i]), "value"));
  return NULL;
}

/* ---- steps ----------------------------------------------------------------- */

static GtkWidget *
delta_label (gint64 delta)
{
  g_autofree char *text = sluice_impact_format_delta (delta);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, delta > 0 ? "success" : delta < 0 ? "error" : "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (label, 56, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  return label;
}

static GtkWidget *
step_row (const char *step_id,
          const char *type_name,
          const char *subtitle)
{
  const SluiceStepType *type = type_name ? sluice_step_type_lookup (type_name) : NULL;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), step_id);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (type != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), type->icon_name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Show the step on the canvas"));
  g_object_set_data_full (G_OBJECT (row), "sluice-step-id", g_strdup (step_id), g_free);
  return row;
}

static void
render_steps (SluiceImpactView *self,
              JsonObject       *result,
              JsonObject       *diff)
{
  JsonArray *steps = get_array (result, "steps");
  JsonObject *actions = get_object (result, "actions");
  JsonObject *deltas = get_object (diff, "actions_delta");

  clear_list_box (self->steps_list);

  for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      const char *id = get_string (step, "id");
      const char *type_name = get_string (step, "type");
      const SluiceStepType *type = sluice_step_type_lookup (type_name);
      g_autofree char *reached = sluice_impact_format_count (get_int (step, "reached"));
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *count;

      if (id == NULL || (type != NULL && type->category == SLUICE_STEP_CATEGORY_TRIGGER))
        continue;

      /* Translators: "Notify · reached 41 times" */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · reached %s time", "%s · reached %s times",
                                               get_int (step, "reached")),
                                  type ? _(type->title) : type_name, reached);
      row = step_row (id, type_name, subtitle);

      if (actions != NULL && json_object_has_member (actions, id))
        {
          g_autofree char *value = sluice_impact_format_count (get_int (step, "actions"));
          g_autofree char *accessible = g_strdup_printf (_("%s would-be actions"), value);

          count = gtk_label_new (value);
          gtk_widget_add_css_class (count, "numeric");
          gtk_widget_add_css_class (count, "heading");
          gtk_accessible_update_property (GTK_ACCESSIBLE (count), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);

          if (deltas != NULL && json_object_has_member (deltas, id))
            adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                       delta_label (get_int (get_object (deltas, id), "delta")));
        }
      gtk_list_box_append (self->steps_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->steps_list),
                          gtk_list_box_get_row_at_index (self->steps_list, 0) != NULL);
}

/* ---- blast radius ---------------------------------------------------------- */

static int
compare_by_tenant (gconstpointer a,
                   gconstpointer b)
{
  const SluiceImpactTreemapEntity *ea = a, *eb = b;
  int c = g_strcmp0 (ea->tenant, eb->tenant);

  if (c != 0)
    return c;
  /* the rest of a tenant last */
  return (ea->entity == NULL) - (eb->entity == NULL);
}

static SluiceChartChange
change_of (gint64   actions,
           gint64   before,
           gboolean compared)
{
  if (!compared)
    return SLUICE_CHART_CHANGE_NONE;
  if (before <= 0 && actions > 0)
    return SLUICE_CHART_CHANGE_NEW;
  if (actions > before)
    return SLUICE_CHART_CHANGE_MORE;
  if (actions < before)
    return SLUICE_CHART_CHANGE_FEWER;
  return SLUICE_CHART_CHANGE_SAME;
}

static void
render_treemap (SluiceImpactView *self,
                JsonObject       *result,
                JsonObject       *before,
                JsonObject       *diff)
{
  g_autoptr(GArray) entities = g_array_new (FALSE, TRUE, sizeof (SluiceImpactTreemapEntity));
  g_autoptr(GHashTable) before_actions = before ? actions_by_entity (before) : NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);  /* tenant → {actions, entities} */
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *top = get_array (result, "top_entities");
  JsonArray *tenants = get_array (result, "tenants");
  JsonArray *removed = get_array (diff, "removed");
  JsonArray *new_ones = get_array (diff, "added");
  gboolean compared = diff != NULL;

  for (guint i = 0; new_ones != NULL && i < json_array_get_length (new_ones); i++)
    g_hash_table_add (added, (gpointer) get_string (json_array_get_object_element (new_ones, i), "entity"));

  for (guint i = 0; top != NULL && i < json_array_get_length (top); i++)
    {
      JsonObject *object = json_array_get_object_element (top, i);
      SluiceImpactTreemapEntity entity = { 0 };
      const char *tenant = get_string (object, "tenant");
      gint64 was;
      gint64 *sum;

      entity.entity = get_string (object, "entity");
      entity.tenant = tenant;
      entity.actions = get_int (object, "actions");
      entity.events = get_int (object, "events");
      entity.n_entities = 1;
      if (entity.actions == 0)
        continue;

      was = lookup_actions (before_actions, entity.entity);
      /* not listed in the comparison: new if the diff says so, else the same */
      if (was < 0)
        was = g_hash_table_contains (added, entity.entity) ? 0 : entity.actions;
      entity.before = was;
      entity.change = change_of (entity.actions, was, compared);
      g_array_append_val (entities, entity);

      sum = g_hash_table_lookup (listed, tenant ? tenant : "");
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 2);
          g_hash_table_insert (listed, (gpointer) (tenant ? tenant : ""), sum);
        }
      sum[0] += entity.actions;
      sum[1]++;
    }

  /* what the list leaves out of each tenant, as one tile */
  for (guint i = 0; tenants != NULL && i < json_array_get_length (tenants); i++)
    {
      JsonObject *object = json_array_get_object_element (tenants, i);
      const char *tenant = get_string (object, "tenant");
      gint64 *sum = g_hash_table_lookup (listed, tenant ? tenant : "");
      gint64 rest = get_int (object, "actions") - (sum ? sum[0] : 0);

      if (rest > 0)
        {
          SluiceImpactTreemapEntity entity = { 0 };

          entity.tenant = tenant;
          entity.actions = rest;
          entity.before = rest;
          entity.n_entities = MAX (get_int (object, "entities") - (sum ? sum[1] : 0), 1);
          entity.change = SLUICE_CHART_CHANGE_OTHER;
          g_array_append_val (entities, entity);
        }
    }

  for (guint i = 0; removed != NULL && i < json_array_get_length (removed); i++)
    {
      JsonObject *object = json_array_get_object_element (removed, i);
      SluiceImpactTreemapEntity entity = { 0 };

      entity.entity = get_string (object, "entity");
      entity.tenant = get_string (object, "tenant");
      entity.before = get_int (object, "actions");
      entity.n_entities = 1;
      entity.change = SLUICE_CHART_CHANGE_DROPPED;
      g_array_append_val (entities, entity);
    }

  g_array_sort (entities, compare_by_tenant);
  sluice_impact_treemap_set_entities (self->treemap, (SluiceImpactTreemapEntity *) entities->data, entities->len);
}

/* ---- effect diff ------------------------------------------------------------ */

static void
fill_diff_store (SluiceImpactView     *self,
                 SluiceImpactDiffList  list,
                 JsonArray            *entities,
                 GHashTable           *before_actions)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = entities ? json_array_get_length (entities) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = json_array_get_object_element (entities, i);
      gint64 actions = get_int (object, "actions");
      gint64 before = 0;

      switch (list)
        {
        case SLUICE_IMPACT_DIFF_REMOVED:
          before = actions;
          actions = 0;
          break;
        case SLUICE_IMPACT_DIFF_UNCHANGED:
          before = lookup_actions (before_actions, get_string (object, "entity"));
          if (before < 0)
            before = actions;
          break;
        case SLUICE_IMPACT_DIFF_ADDED:
        case SLUICE_IMPACT_N_DIFF_LISTS:
        default:
          break;
        }
      g_ptr_array_add (items, sluice_impact_entity_new (get_string (object, "entity"), get_string (object, "tenant"),
                                                        actions, before));
    }

  g_list_store_splice (self->diff_stores[list], 0, g_list_model_get_n_items (G_LIST_MODEL (self->diff_stores[list])),
                       items->pdata, items->len);
}

static void
render_diff (SluiceImpactView *self,
             JsonObject       *before,
             JsonObject       *diff)
{
  static const char * const counts[] = { "added_entities", "removed_entities", "unchanged_entities" };
  static const char * const lists[] = { "added", "removed", "unchanged" };
  const char *titles[] = { _("Newly Qualify"), _("Drop Out"), _("Qualify in Both") };
  g_autoptr(GHashTable) before_actions = NULL;
  JsonObject *deltas = get_object (diff, "actions_delta");
  g_autofree char *description = NULL;

  if (diff == NULL)
    {
      for (guint i = 0; i < SLUICE_IMPACT_N_DIFF_LISTS; i++)
        g_list_store_remove_all (self->diff_stores[i]);
      clear_list_box (self->deltas_list);
      gtk_stack_set_visible_child_name (self->diff_stack, "none");
      adw_preferences_group_set_description (self->diff_group, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->diff_search), FALSE);
      return;
    }

  before_actions = actions_by_entity (before);
  for (guint i = 0; i < SLUICE_IMPACT_N_DIFF_LISTS; i++)
    {
      JsonArray *entities = get_array (diff, lists[i]);
      gint64 count = get_int (diff, counts[i]);
      guint listed = entities ? json_array_get_length (entities) : 0;
      g_autofree char *n = sluice_impact_format_count (count);
      g_autofree char *title = listed < count
        /* Translators: "Drop Out · 17 (the first 5,000 listed)" */
        ? g_strdup_printf (_("%s · %s (the first %u listed)"), titles[i], n, listed)
        : g_strdup_printf ("%s · %s", titles[i], n);

      fill_diff_store (self, i, entities, before_actions);
      gtk_label_set_text (self->diff_titles[i], title);
    }

  clear_list_box (self->deltas_list);
  if (deltas != NULL)
    {
      JsonObjectIter iter;
      const char *step_id;
      JsonNode *node;

      json_object_iter_init_ordered (&iter, deltas);
      while (json_object_iter_next_ordered (&iter, &step_id, &node))
        {
          JsonObject *delta = object_of (node);
          g_autofree char *from = sluice_impact_format_count (get_int (delta, "before"));
          g_autofree char *to = sluice_impact_format_count (get_int (delta, "after"));
          /* Translators: actions of a step before → after the change */
          g_autofree char *subtitle = g_strdup_printf (_("%s → %s actions"), from, to);
          GtkWidget *row = step_row (step_id, NULL, subtitle);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row), delta_label (get_int (delta, "delta")));
          gtk_list_box_append (self->deltas_list, row);
        }
    }

  switch (self->comparison)
    {
    case SLUICE_IMPACT_COMPARE_SNAPSHOT:
      description = g_strdup_printf (_("Against the version kept at %s."), self->kept_label ? self->kept_label : "?");
      break;
    case SLUICE_IMPACT_COMPARE_FILE:
      description = g_strdup (_("Against the saved file."));
      break;
    case SLUICE_IMPACT_COMPARE_PUBLISHED:
      /* Translators: %s says which, e.g. "version 3 on prod" */
      description = g_strdup_printf (_("Against the published version: %s."),
                                     self->published_label ? self->published_label : "?");
      break;
    case SLUICE_IMPACT_COMPARE_NONE:
    default:
      description = g_strdup (_("Against the comparison version."));
      break;
    }
  adw_preferences_group_set_description (self->diff_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->diff_search), TRUE);
  gtk_stack_set_visible_child_name (self->diff_stack, "diff");
}

static void
diff_search_cb (SluiceImpactView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->diff_search));

  for (guint i = 0; i < SLUICE_IMPACT_N_DIFF_LISTS; i++)
    gtk_string_filter_set_search (self->diff_filters[i], *text ? text : NULL);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const char               *property)
{
  SluiceImpactEntity *entity = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  GtkWidget *widget = GTK_WIDGET (label);

  if (g_str_equal (property, "entity"))
    gtk_label_set_text (label, sluice_impact_entity_get_entity (entity));
  else if (g_str_equal (property, "tenant"))
    gtk_label_set_text (label, sluice_impact_entity_get_tenant (entity) ?: "—");
  else if (g_str_equal (property, "delta"))
    {
      int delta = sluice_impact_entity_get_delta (entity);
      g_autofree char *text = sluice_impact_format_delta (delta);

      gtk_label_set_text (label, text);
      gtk_widget_remove_css_class (widget, "success");
      gtk_widget_remove_css_class (widget, "error");
      if (delta != 0)
        gtk_widget_add_css_class (widget, delta > 0 ? "success" : "error");
    }
  else
    {
      guint value = g_str_equal (property, "before") ? sluice_impact_entity_get_before (entity)
                                                      : sluice_impact_entity_get_actions (entity);
      g_autofree char *text = sluice_impact_format_count (value);

      gtk_label_set_text (label, text);
    }
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            const char    *property,
            gboolean       numeric,
            gboolean       expand)
{
  int width = expand ? -1 : numeric ? 64 : 56;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression = gtk_property_expression_new (SLUICE_TYPE_IMPACT_ENTITY, NULL, property);
  GtkSorter *sorter;
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), (gpointer) property);

  if (numeric)
    {
      sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
      /* most first, as a blast radius is read */
      gtk_numeric_sorter_set_sort_order (GTK_NUMERIC_SORTER (sorter), GTK_SORT_DESCENDING);
    }
  else
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);

  g_object_unref (sorter);
  g_object_unref (column);
}

static void
diff_row_activated_cb (GtkColumnView    *view,
                       guint             position,
                       SluiceImpactView *self)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(SluiceImpactEntity) entity = g_list_model_get_item (model, position);

  if (entity != NULL)
    sluice_impact_view_show_entity (self, sluice_impact_entity_get_entity (entity));
}

static void
update_placeholder (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    GtkWidget  *placeholder)
{
  gtk_widget_set_visible (placeholder, g_list_model_get_n_items (model) == 0);
}

static void
build_diff_list (SluiceImpactView     *self,
                 SluiceImpactDiffList  list)
{
  const char *empty[] = { _("No entity newly qualifies"), _("No entity drops out"), _("No entity qualifies in both") };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *placeholder = gtk_label_new (empty[list]);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  GtkExpression *expression = gtk_property_expression_new (SLUICE_TYPE_IMPACT_ENTITY, NULL, "entity");
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkNoSelection *selection;

  self->diff_stores[list] = g_list_store_new (SLUICE_TYPE_IMPACT_ENTITY);
  self->diff_filters[list] = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->diff_filters[list], GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->diff_filters[list], TRUE);

  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->diff_stores[list])),
                                        g_object_ref (GTK_FILTER (self->diff_filters[list])));

  add_column (view, _("Entity"), "entity", FALSE, TRUE);
  add_column (view, _("Tenant"), "tenant", FALSE, FALSE);
  if (list == SLUICE_IMPACT_DIFF_UNCHANGED)
    {
      add_column (view, _("Actions"), "actions", TRUE, FALSE);
      add_column (view, _("Change"), "delta", TRUE, FALSE);
    }
  else
    add_column (view, _("Actions"), list == SLUICE_IMPACT_DIFF_REMOVED ? "before" : "actions", TRUE, FALSE);

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), g_object_ref (gtk_column_view_get_sorter (view)));
  self->diff_models[list] = G_LIST_MODEL (g_object_ref (sorted));
  selection = gtk_no_selection_new (G_LIST_MODEL (sorted));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_column_view_set_show_row_separators (view, TRUE);
  g_signal_connect (view, "activate", G_CALLBACK (diff_row_activated_cb), self);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  self->diff_titles[list] = GTK_LABEL (title);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  /* narrow windows scroll the list sideways rather than widen the view */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, -1, 240);

  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_can_target (placeholder, FALSE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), scrolled);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), placeholder);
  g_signal_connect_object (sorted, "items-changed", G_CALLBACK (update_placeholder), placeholder, 0);
  gtk_frame_set_child (GTK_FRAME (frame), overlay);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (self->diff_lists_box, box);

  /* most actions first, as the engine ranks them */
  {
    GtkColumnViewColumn *column = g_list_model_get_item (gtk_column_view_get_columns (view), 2);

    gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
    g_object_unref (column);
  }
}

/* ---- findings ------------------------------------------------------------------- */

static void
render_findings (SluiceImpactView *self,
                 JsonObject       *result)
{
  JsonArray *findings = get_array (result, "findings");

  clear_list_box (self->findings_list);
  for (guint i = 0; findings != NULL && i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *severity = get_string (finding, "severity");
      const char *step = get_string (finding, "step");
      const char *rule = get_string (finding, "rule");
      gboolean error = g_strcmp0 (severity, "error") == 0;
      g_autofree char *subtitle = step ? g_strdup_printf (_("%s · step %s"), rule ? rule : "", step) : g_strdup (rule);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic" : "dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, error ? "error" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      error ? _("Error") : _("Warning"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), get_string (finding, "message") ?: "");
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      if (step != NULL)
        {
          GtkWidget *go = gtk_image_new_from_icon_name ("go-next-symbolic");

          adw_action_row_add_suffix (ADW_ACTION_ROW (row), go);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_widget_set_tooltip_text (row, _("Show the step on the canvas"));
          g_object_set_data_full (G_OBJECT (row), "sluice-step-id", g_strdup (step), g_free);
        }
      gtk_list_box_append (self->findings_list, row);
    }
}

/* ---- cost and quota ------------------------------------------------------------- */

static void
render_bars (SluiceImpactView *self,
             JsonObject       *result,
             JsonObject       *before)
{
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (SluiceImpactBar));
  JsonArray *destinations = get_array (result, "destinations");
  JsonArray *quotas = get_array (result, "quotas");
  JsonObject *before_requests = get_object (before, "requests_by_destination");

  for (guint i = 0; destinations != NULL && i < json_array_get_length (destinations); i++)
    {
      JsonObject *destination = json_array_get_object_element (destinations, i);
      SluiceImpactBar bar = { 0 };

      bar.label = get_string (destination, "destination");
      bar.detail = get_string (destination, "kind");
      bar.value = get_int (destination, "requests");
      bar.before = before ? (before_requests ? get_int (before_requests, bar.label) : 0) : -1;
      bar.quota_peak = -1;

      for (guint q = 0; quotas != NULL && q < json_array_get_length (quotas); q++)
        {
          JsonObject *quota = json_array_get_object_element (quotas, q);

          if (g_strcmp0 (get_string (quota, "destination"), bar.label) == 0)
            {
              bar.quota_peak = get_int (quota, "peak");
              bar.quota_limit = get_int (quota, "limit");
              bar.quota_per = get_string (quota, "per");
            }
        }
      g_array_append_val (bars, bar);
    }

  sluice_impact_bar_chart_set_bars (self->bar_chart, (SluiceImpactBar *) bars->data, bars->len);
}

/* ---- canary ---------------------------------------------------------------------- */

static void
render_canary (SluiceImpactView *self,
               JsonObject       *result)
{
  JsonObject *canary = get_object (result, "canary");
  JsonArray *sample = get_array (canary, "sample");
  g_autofree char *entities = sluice_impact_format_count (get_int (canary, "entities"));
  g_autofree char *matched = sluice_impact_format_count (get_int (canary, "entities_matched"));
  g_autofree char *actions = sluice_impact_format_count (get_int (canary, "actions"));
  g_autofree char *text = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->canary_entities))) != NULL)
    gtk_flow_box_remove (self->canary_entities, child);

  if (canary == NULL)
    {
      gtk_label_set_text (self->canary_label, "");
      return;
    }

  {
    /* Translators: "12 of 785 entities" */
    g_autofree char *covered = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s entity", "%s of %s entities",
                                                             get_int (canary, "entities_matched")),
                                                entities, matched);
    g_autofree char *acted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s action", "%s actions",
                                                           get_int (canary, "actions")), actions);

    if (get_string (canary, "segment") != NULL)
      /* Translators: "Segment pilot: 12 of 785 entities, 36 actions" */
      text = g_strdup_printf (_("Segment %s: %s, %s"), get_string (canary, "segment"), covered, acted);
    else
      /* Translators: "5 %: 12 of 785 entities, 36 actions" */
      text = g_strdup_printf (_("%.0f %%: %s, %s"), get_double (canary, "percent"), covered, acted);
  }
  gtk_label_set_text (self->canary_label, text);

  for (guint i = 0; sample != NULL && i < MIN (json_array_get_length (sample), MAX_CANARY_SHOWN); i++)
    {
      const char *entity = json_array_get_string_element (sample, i);
      GtkWidget *label = gtk_label_new (entity);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_tooltip_text (label, _("Show its shadow log"));
      g_object_set_data_full (G_OBJECT (label), "sluice-entity", g_strdup (entity), g_free);
      gtk_flow_box_append (self->canary_entities, label);
    }
  if (sample != NULL && json_array_get_length (sample) > MAX_CANARY_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (_("and %" PRId64 " more"),
                                               get_int (canary, "entities") - MAX_CANARY_SHOWN);
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_flow_box_append (self->canary_entities, label);
    }
}

static void
canary_entity_activated_cb (SluiceImpactView *self,
                            GtkFlowBoxChild  *child)
{
  const char *entity = g_object_get_data (G_OBJECT (gtk_flow_box_child_get_child (child)), "sluice-entity");

  if (entity != NULL)
    sluice_impact_view_show_entity (self, entity);
}

/* ---- all of it ------------------------------------------------------------------- */

static char *
describe_scope (JsonObject *result)
{
  JsonObject *scope = get_object (result, "scope");
  g_autofree char *from = format_time (get_string (scope, "from"));
  g_autofree char *to = format_time (get_string (scope, "to"));
  JsonArray *tenants = get_array (scope, "tenants");
  JsonArray *segments = get_array (scope, "segments");
  GString *text = g_string_new (NULL);

  if (from != NULL && to != NULL)
    g_string_append_printf (text, _("Events from %s to %s"), from, to);
  else if (from != NULL)
    g_string_append_printf (text, _("Events from %s"), from);
  else if (to != NULL)
    g_string_append_printf (text, _("Events until %s"), to);
  else
    g_string_append (text, _("All events"));
  if (tenants != NULL)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u tenant", ", %u tenants",
                                               json_array_get_length (tenants)),
                            json_array_get_length (tenants));
  if (segments != NULL)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u segment", ", %u segments",
                                               json_array_get_length (segments)),
                            json_array_get_length (segments));
  g_string_append (text, _(". A dry run: nothing was sent."));
  return g_string_free (text, FALSE);
}

/**
 * sluice_impact_view_render:
 *
 * Shows self->result, with self->comparison_result and self->diff when
 * there is a comparison.
 */
void
sluice_impact_view_render (SluiceImpactView *self)
{
  JsonObject *result = object_of (self->result);
  JsonObject *diff = object_of (self->diff);
  JsonObject *before = diff ? object_of (self->comparison_result) : NULL;
  g_autofree char *scope = NULL;

  if (result == NULL)
    return;

  scope = describe_scope (result);
  adw_preferences_group_set_description (self->summary_group, scope);

  render_cards (self, result, before);
  render_steps (self, result, diff);
  render_treemap (self, result, before, diff);
  render_diff (self, before, diff);
  render_findings (self, result);
  render_bars (self, result, before);
  render_canary (self, result);
  sluice_impact_view_update_report_action (self);
}

/* ---- one entity: its shadow log ---------------------------------------------------- */

static const char *
fate_label (const char  *fate,
            const char **css_class)
{
  *css_class = "dim-label";
  if (g_strcmp0 (fate, "run") == 0)
    {
      *css_class = "success";
      return _("Runs");
    }
  if (g_strcmp0 (fate, "cooldown") == 0)
    {
      *css_class = "warning";
      return _("Held by the cooldown");
    }
  if (g_strcmp0 (fate, "no-entity") == 0)
    {
      *css_class = "error";
      return _("No entity");
    }
  if (g_strcmp0 (fate, "out-of-scope") == 0)
    return _("Out of scope");
  return _("Not matched");
}

static char *
format_value (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      return sluice_json_to_string (node, FALSE);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = format_value (json_array_get_element (array, i));
          g_string_append_printf (text, "%s%s", i ? ", " : "", item);
        }
      return g_string_free (text, FALSE);
    }
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  return sluice_json_to_string (node, FALSE);
}

/* "account acct-25969 · metric storage · percent 93" */
static char *
summarize_data (JsonObject *data)
{
  GString *text = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  guint n = 0;

  if (data == NULL)
    return g_string_free (text, FALSE);

  json_object_iter_init_ordered (&iter, data);
  while (json_object_iter_next_ordered (&iter, &name, &value) && n < 6)
    {
      g_autofree char *formatted = NULL;

      if (!JSON_NODE_HOLDS_VALUE (value))
        continue;
      formatted = format_value (value);
      g_string_append_printf (text, "%s%s %s", n++ ? " · " : "", name, formatted);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
event_row (JsonObject *entry)
{
  JsonObject *event = get_object (entry, "event");
  JsonArray *actions = get_array (entry, "actions");
  const char *css_class;
  const char *fate = fate_label (get_string (entry, "fate"), &css_class);
  g_autofree char *summary = summarize_data (get_object (event, "data"));
  g_autofree char *full = event ? sluice_json_to_string (json_object_get_member (entry, "event"), TRUE) : NULL;
  g_autofree char *time = format_time_seconds (get_string (event, "time"));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge = gtk_label_new (fate);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), time ? time : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_tooltip_text (row, full);

  gtk_widget_add_css_class (badge, css_class);
  gtk_widget_add_css_class (badge, "caption-heading");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);

  if (actions != NULL && json_array_get_length (actions) > 0)
    {
      g_autofree char *n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action", "%u actions",
                                                         json_array_get_length (actions)),
                                            json_array_get_length (actions));
      GtkWidget *label = gtk_label_new (n);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static GtkWidget *
action_row (JsonObject *action)
{
  JsonObject *fields = get_object (action, "fields");
  const char *destination = get_string (action, "destination");
  const char *step = get_string (action, "step");
  g_autofree char *title = destination ? g_strdup_printf ("%s → %s", step, destination) : g_strdup (step);
  g_autofree char *time = format_time_seconds (get_string (action, "time"));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", get_string (action, "type") ?: "", time ? time : "");
  const SluiceStepType *type = sluice_step_type_lookup (get_string (action, "type"));
  GtkWidget *row = adw_expander_row_new ();
  gint64 missing = get_int (action, "missing_values");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (type != NULL)
    adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (row), type->icon_name);

  if (missing > 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%" PRId64 " template value is missing in this event",
                                                           "%" PRId64 " template values are missing in this event",
                                                           missing), missing);

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, tip);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), icon);
    }

  if (fields != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, fields);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        {
          g_autofree char *text = format_value (value);
          GtkWidget *field = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field), name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (field), text);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (field), 0);
          gtk_widget_add_css_class (field, "property");
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), field);
        }
    }
  return row;
}

typedef struct
{
  SluiceImpactView *self;
  guint             serial;
} ShadowData;

static void
shadow_log_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ShadowData *data = user_data;
  g_autoptr(SluiceImpactView) self = data->self;
  g_autoptr(JsonNode) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  guint serial = data->serial;
  guint n_actions = 0, n_runs = 0;
  JsonObject *first_event;
  JsonArray *entries;
  const char *tenant;

  g_free (data);
  log = sluice_impact_runner_shadow_log_finish (SLUICE_IMPACT_RUNNER (source), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable) || serial != self->shadow_serial || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (log == NULL)
    {
      gtk_label_set_text (self->entity_error, error->message);
      gtk_stack_set_visible_child_name (self->entity_stack, "error");
      return;
    }

  clear_list_box (self->entity_events);
  clear_list_box (self->entity_actions);

  entries = json_node_get_array (log);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonArray *actions = get_array (entry, "actions");

      gtk_list_box_append (self->entity_events, event_row (entry));
      if (g_strcmp0 (get_string (entry, "fate"), "run") == 0)
        n_runs++;
      for (guint k = 0; actions != NULL && k < json_array_get_length (actions); k++, n_actions++)
        gtk_list_box_append (self->entity_actions, action_row (json_array_get_object_element (actions, k)));
    }

  if (json_array_get_length (entries) == 0)
    {
      gtk_label_set_text (self->entity_error, _("No events of this entity are in scope."));
      gtk_stack_set_visible_child_name (self->entity_stack, "error");
      return;
    }

  first_event = get_object (json_array_get_object_element (entries, 0), "event");
  tenant = get_string (first_event, "tenant");
  {
    guint n_events = json_array_get_length (entries);
    g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_events),
                                               n_events);
    g_autofree char *runs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", n_runs), n_runs);
    g_autofree char *actions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u would-be action",
                                                             "%u would-be actions", n_actions), n_actions);

    /* Translators: "t01 · 3 events, 2 runs, 6 would-be actions" */
    subtitle = g_strdup_printf (_("%s · %s, %s, %s"), tenant ? tenant : _("no tenant"), events, runs, actions);
  }
  gtk_label_set_text (self->entity_subtitle, subtitle);
  gtk_stack_set_visible_child_name (self->entity_stack, "log");
}

static void
request_shadow_log (SluiceImpactView *self)
{
  g_autoptr(SluiceScope) scope = NULL;
  ShadowData *data;

  if (self->entity == NULL || self->document == NULL || self->info == NULL)
    {
      gtk_label_set_text (self->entity_error, _("The shadow log needs the dataset the results came from."));
      gtk_stack_set_visible_child_name (self->entity_stack, "error");
      return;
    }

  scope = sluice_impact_view_make_scope (self, NULL);
  if (scope == NULL)
    return;

  data = g_new0 (ShadowData, 1);
  data->self = g_object_ref (self);
  data->serial = ++self->shadow_serial;
  sluice_impact_runner_shadow_log_async (self->runner, sluice_document_get_workflow (self->document), scope,
                                         self->entity, self->cancellable, shadow_log_done_cb, data);
}

/**
 * sluice_impact_view_show_entity:
 *
 * Opens the side panel with @entity's events and would-be actions.
 */
void
sluice_impact_view_show_entity (SluiceImpactView *self,
                                const char       *entity)
{
  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));
  g_return_if_fail (entity != NULL);

  g_free (self->entity);
  self->entity = g_strdup (entity);
  gtk_label_set_text (self->entity_title, entity);
  gtk_label_set_text (self->entity_subtitle, _("Shadow log"));
  gtk_stack_set_visible_child_name (self->entity_stack, "loading");
  adw_flap_set_reveal_flap (self->flap, TRUE);
  sluice_impact_treemap_set_selected (self->treemap, entity);
  request_shadow_log (self);
}

/* After a run, the open shadow log follows the edit too. */
void
sluice_impact_view_refresh_entity (SluiceImpactView *self)
{
  if (self->entity != NULL && adw_flap_get_reveal_flap (self->flap))
    request_shadow_log (self);
}

static void
entity_activated_cb (SluiceImpactView *self,
                     const char       *entity)
{
  sluice_impact_view_show_entity (self, entity);
}

static void
close_entity_cb (SluiceImpactView *self)
{
  adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* Closed by the button, a swipe or Escape: forget the entity. */
static void
flap_revealed_cb (SluiceImpactView *self)
{
  if (adw_flap_get_reveal_flap (self->flap))
    return;
  g_clear_pointer (&self->entity, g_free);
  sluice_impact_treemap_set_selected (self->treemap, NULL);
  self->shadow_serial++;
}

/* ---- setup ---------------------------------------------------------------------- */

void
sluice_impact_view_results_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, entity_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_entity_cb);
  gtk_widget_class_bind_template_callback (widget_class, diff_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, canary_entity_activated_cb);
}

void
sluice_impact_view_results_init (SluiceImpactView *self)
{
  const char *titles[N_CARDS] = {
    _("Events matched"), _("Entities matched"), _("Would-be actions"),
    _("Estimated requests"), _("Run time per run"), _("Peak rate-limit use"),
  };

  for (guint i = 0; i < N_CARDS; i++)
    {
      self->cards[i] = card_new (titles[i]);
      gtk_flow_box_append (self->cards_box, self->cards[i]);
      /* the numbers are read, not activated: no focus stop on each card */
      gtk_widget_set_focusable (gtk_widget_get_parent (self->cards[i]), FALSE);
    }

  for (guint i = 0; i < SLUICE_IMPACT_N_DIFF_LISTS; i++)
    build_diff_list (self, i);

  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (flap_revealed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->dataset_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->import_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->diff_search), FALSE);
}
