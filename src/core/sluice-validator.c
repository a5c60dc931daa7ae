/* sluice-validator.c — what is wrong or risky in a workflow that loads
 *
 * Every finding has a stable rule id (documented in help/C/validation.page),
 * a message that says what to do, and the position of the value it is about
 * when the workflow came from text.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-domain.h"
#include "sluice-filter.h"
#include "sluice-template.h"
#include "sluice-validator.h"

typedef struct
{
  SluiceWorkflow    *workflow;
  SluicePolicy      *policy;
  SluiceDiagnostics *diagnostics;
  GHashTable        *foreach_vars;   /* step id → GPtrArray of item names in scope */
  GPtrArray         *all_item_names; /* every for-each's item name */
} Validation;

static char *
step_path (const SluiceStep *step,
           const char       *field)
{
  const char *base = sluice_step_get_source_path (step);

  if (base == NULL)
    return field ? g_strdup (field) : NULL;
  return field ? g_strdup_printf ("%s.%s", base, field) : g_strdup (base);
}

static void
report (Validation       *v,
        SluiceSeverity    severity,
        const char       *rule_id,
        const SluiceStep *step,
        const char       *path,
        const char       *format,
        ...) G_GNUC_PRINTF (6, 7);

/* @path is relative to @step when there is one, else a document path. */
static void
report (Validation       *v,
        SluiceSeverity    severity,
        const char       *rule_id,
        const SluiceStep *step,
        const char       *path,
        const char       *format,
        ...)
{
  g_autofree char *full_path = step ? step_path (step, path) : g_strdup (path);
  g_autofree char *message = NULL;
  SluiceSourcePosition position = { 0, 0 };
  SluiceDiagnostic *diagnostic;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (full_path != NULL)
    sluice_workflow_lookup_position (v->workflow, full_path, &position);

  diagnostic = sluice_diagnostics_add (v->diagnostics, severity, rule_id,
                                       position.line, position.column, "%s", message);
  diagnostic->path = g_steal_pointer (&full_path);
  if (step != NULL)
    diagnostic->step_id = g_strdup (sluice_step_get_id (step));
}

static gboolean
is_trigger (const SluiceStep *step)
{
  return sluice_step_type_is_trigger (sluice_step_get_step_type (step));
}

static gboolean
field_is_missing (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return *json_node_get_string (node) == '\0';
  return FALSE;
}

/* ---- trigger -------------------------------------------------------------- */

static void
check_trigger (Validation *v)
{
  SluiceStep *trigger = sluice_workflow_get_trigger (v->workflow);
  guint n = sluice_workflow_get_n_steps (v->workflow);

  if (trigger == NULL)
    {
      report (v, SLUICE_SEVERITY_ERROR, "trigger/missing", NULL, "spec",
              _("The workflow has no trigger; add an event or schedule trigger as spec.trigger"));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      SluiceStep *step = sluice_workflow_get_step (v->workflow, i);

      if (step != trigger && is_trigger (step))
        report (v, SLUICE_SEVERITY_ERROR, "trigger/duplicate", step, "type",
                _("“%s” is a second trigger; a workflow has exactly one — remove it or make it a condition"),
                sluice_step_get_id (step));
    }

  if (g_str_equal (sluice_step_get_step_type (trigger)->name, "event")
      && field_is_missing (sluice_step_get_member (trigger, "filters")))
    report (v, SLUICE_SEVERITY_WARNING, "trigger/no-filters", trigger, "event",
            _("The trigger has no filters, so it fires on every “%s” event; add a filter to narrow it"),
            sluice_step_get_string (trigger, "event") ?: "");

  if (sluice_step_get_string (trigger, "next") == NULL)
    report (v, SLUICE_SEVERITY_WARNING, "trigger/no-next", trigger, NULL,
            _("The trigger leads nowhere; connect it to the first step with “next”"));
}

/* ---- graph ----------------------------------------------------------------- */

static char *
edge_path (const SluiceEdge *edge)
{
  return g_str_has_prefix (edge->label, "cases[")
    ? g_strdup_printf ("%s.next", edge->label)
    : g_strdup (edge->label);
}

static void
check_ids_and_edges (Validation *v)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = sluice_workflow_get_n_steps (v->workflow);

  for (guint i = 0; i < n; i++)
    {
      SluiceStep *step = sluice_workflow_get_step (v->workflow, i);
      const char *id = sluice_step_get_id (step);
      g_autoptr(GArray) edges = NULL;

      if (g_hash_table_contains (seen, id))
        report (v, SLUICE_SEVERITY_ERROR, "graph/duplicate-id", step, "id",
                _("Another step is already called “%s”; step ids must be unique"), id);
      g_hash_table_add (seen, (gpointer) id);

      edges = sluice_step_get_edges (step);
      for (guint e = 0; e < edges->len; e++)
        {
          SluiceEdge *edge = &g_array_index (edges, SluiceEdge, e);
          SluiceStep *target = sluice_workflow_lookup_step (v->workflow, edge->target);
          g_autofree char *path = edge_path (edge);

          if (target == NULL)
            report (v, SLUICE_SEVERITY_ERROR, "graph/dangling-edge", step, path,
                    _("“%s” leads to “%s”, but there is no step with that id"), id, edge->target);
          else if (is_trigger (target))
            report (v, SLUICE_SEVERITY_ERROR, "graph/edge-to-trigger", step, path,
                    _("“%s” leads back to the trigger “%s”; a trigger only starts a workflow"),
                    id, edge->target);
        }
    }
}

typedef enum { WHITE, GREY, BLACK } Colour;

static void
visit_for_cycles (Validation *v,
                  SluiceStep *step,
                  GHashTable *colours)
{
  g_autoptr(GArray) edges = sluice_step_get_edges (step);

  g_hash_table_insert (colours, step, GINT_TO_POINTER (GREY));

  for (guint e = 0; e < edges->len; e++)
    {
      SluiceEdge *edge = &g_array_index (edges, SluiceEdge, e);
      SluiceStep *target = sluice_workflow_lookup_step (v->workflow, edge->target);
      Colour colour;

      if (target == NULL || is_trigger (target))
        continue;

      colour = GPOINTER_TO_INT (g_hash_table_lookup (colours, target));
      if (colour == GREY)
        {
          g_autofree char *path = edge_path (edge);

          report (v, SLUICE_SEVERITY_ERROR, "graph/cycle", step, path,
                  _("Going from “%s” to “%s” makes a loop; workflows only run forward — use a for-each to repeat steps"),
                  sluice_step_get_id (step), edge->target);
        }
      else if (colour == WHITE)
        visit_for_cycles (v, target, colours);
    }

  g_hash_table_insert (colours, step, GINT_TO_POINTER (BLACK));
}

/* Depth-first search; the recursion is bounded by the number of steps,
 * which the size limit on documents keeps in the low thousands. */
static void
check_cycles (Validation *v)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  guint n = sluice_workflow_get_n_steps (v->workflow);

  for (guint i = 0; i < n; i++)
    {
      SluiceStep *step = sluice_workflow_get_step (v->workflow, i);

      if (GPOINTER_TO_INT (g_hash_table_lookup (colours, step)) == WHITE)
        visit_for_cycles (v, step, colours);
    }
}

static void
check_reachability (Validation *v)
{
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();
  SluiceStep *trigger = sluice_workflow_get_trigger (v->workflow);
  guint n = sluice_workflow_get_n_steps (v->workflow);

  if (trigger == NULL)
    return;

  g_ptr_array_add (queue, trigger);
  g_hash_table_add (reached, trigger);

  for (guint q = 0; q < queue->len; q++)
    {
      SluiceStep *step = g_ptr_array_index (queue, q);
      g_autoptr(GArray) edges = sluice_step_get_edges (step);
      const char *as = NULL;
      GPtrArray *inherited = g_hash_table_lookup (v->foreach_vars, sluice_step_get_id (step));

      if (g_str_equal (sluice_step_get_step_type (step)->name, "foreach"))
        as = sluice_step_get_string (step, "as") ?: "item";

      for (guint e = 0; e < edges->len; e++)
        {
          SluiceEdge *edge = &g_array_index (edges, SluiceEdge, e);
          SluiceStep *target = sluice_workflow_lookup_step (v->workflow, edge->target);
          gboolean grew = FALSE;
          GPtrArray *vars;

          if (target == NULL || is_trigger (target))
            continue;

          /* What item names are in scope flows along the edges. */
          vars = g_hash_table_lookup (v->foreach_vars, edge->target);
          if (vars == NULL)
            {
              vars = g_ptr_array_new ();
              g_hash_table_insert (v->foreach_vars, (gpointer) edge->target, vars);
            }
          if (as != NULL && !g_ptr_array_find_with_equal_func (vars, as, g_str_equal, NULL))
            {
              g_ptr_array_add (vars, (gpointer) as);
              grew = TRUE;
            }
          for (guint k = 0; inherited && k < inherited->len; k++)
            if (!g_ptr_array_find_with_equal_func (vars, inherited->pdata[k], g_str_equal, NULL))
              {
                g_ptr_array_add (vars, inherited->pdata[k]);
                grew = TRUE;
              }

          if (!g_hash_table_contains (reached, target))
            {
              g_hash_table_add (reached, target);
              g_ptr_array_add (queue, target);
            }
          else if (grew)
            {
              /* Names reached a step already visited: pass them on to the
               * steps after it too. Sets only grow, so this ends. */
              g_ptr_array_add (queue, target);
            }
        }
    }

  for (guint i = 0; i < n; i++)
    {
      SluiceStep *step = sluice_workflow_get_step (v->workflow, i);

      if (!is_trigger (step) && !g_hash_table_contains (reached, step))
        report (v, SLUICE_SEVERITY_WARNING, "graph/unreachable-step", step, "id",
                _("Nothing leads to “%s”, so it never runs; connect it or remove it"),
                sluice_step_get_id (step));
    }
}

/* ---- required fields ------------------------------------------------------------ */

static void
check_step_config (Validation *v,
                   SluiceStep *step)
{
  const SluiceStepType *type = sluice_step_get_step_type (step);
  JsonNode *cases;

  for (guint f = 0; type->fields[f].name != NULL; f++)
    {
      const SluiceField *field = &type->fields[f];

      /* the path names the field, so the inspector can mark its row; the
       * position falls back to the step, since the field is not there */
      if ((field->flags & SLUICE_FIELD_FLAG_REQUIRED)
          && field_is_missing (sluice_step_get_member (step, field->name)))
        report (v, SLUICE_SEVERITY_ERROR, "config/missing-field", step, field->name,
                _("The %s step “%s” needs “%s”: %s"),
                _(type->title), sluice_step_get_id (step), field->name, _(field->description));
    }

  cases = sluice_step_get_member (step, "cases");
  if (cases != NULL && JSON_NODE_HOLDS_ARRAY (cases))
    {
      JsonArray *array = json_node_get_array (cases);

      for (guint c = 0; c < json_array_get_length (array); c++)
        {
          JsonObject *item = json_array_get_object_element (array, c);
          g_autofree char *path = g_strdup_printf ("cases[%u]", c);

          if (!json_object_has_member (item, "value"))
            report (v, SLUICE_SEVERITY_ERROR, "config/missing-field", step, path,
                    _("Case %u of “%s” has no “value” to match"), c + 1, sluice_step_get_id (step));
          if (!json_object_has_member (item, "next"))
            report (v, SLUICE_SEVERITY_ERROR, "config/missing-field", step, path,
                    _("Case %u of “%s” has no “next” step"), c + 1, sluice_step_get_id (step));
        }
    }
}

static void
check_filters (Validation *v,
               SluiceStep *step)
{
  JsonNode *node = sluice_step_get_member (step, "filters");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autofree char *path = g_strdup_printf ("filters[%u]", i);
      g_autoptr(SluiceFilter) filter = NULL;
      g_autofree char *problem = NULL;

      if (field_is_missing (json_object_get_member (object, "path")))
        report (v, SLUICE_SEVERITY_ERROR, "config/missing-field", step, path,
                _("Filter %u of “%s” has no “path”: say which event field it tests"),
                i + 1, sluice_step_get_id (step));

      filter = sluice_filter_new_from_json (object);
      if (filter == NULL)
        {
          report (v, SLUICE_SEVERITY_ERROR, "config/missing-field", step, path,
                  _("Filter %u of “%s” has no “op”: say how to compare, e.g. op: gte"),
                  i + 1, sluice_step_get_id (step));
          continue;
        }

      if (!sluice_filter_check_value (filter, &problem))
        {
          g_autofree char *value_path = g_strdup_printf ("filters[%u].%s", i,
                                                         filter->value ? "value" : "op");
          report (v, SLUICE_SEVERITY_ERROR, "filter/invalid-value", step, value_path,
                  _("Filter %u of “%s”: %s"), i + 1, sluice_step_get_id (step), problem);
        }
    }
}

/* ---- templates ---------------------------------------------------------------- */

static const char * const event_fields[] = {
  "id", "type", "source", "subject", "time", "tenant", "specversion", "datacontenttype", "dataschema", NULL
};
static const char * const workflow_fields[] = { "name", "version", NULL };

static char *
path_segment (const char *path,
              guint       index)
{
  g_auto(GStrv) parts = g_strsplit_set (path, ".[", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (i == index)
      return g_strdup (parts[i]);
  return NULL;
}

static void
check_template (Validation *v,
                SluiceStep *step,
                const char *path,
                const char *text)
{
  g_autoptr(GPtrArray) refs = NULL;
  g_autofree char *problem = NULL;
  GPtrArray *vars = step ? g_hash_table_lookup (v->foreach_vars, sluice_step_get_id (step)) : NULL;

  if (!sluice_template_has_refs (text))
    return;

  refs = sluice_template_parse (text, &problem, NULL);
  if (refs == NULL)
    {
      report (v, SLUICE_SEVERITY_ERROR, "template/syntax", step, path, "%s", problem);
      return;
    }

  for (guint i = 0; i < refs->len; i++)
    {
      SluiceTemplateRef *ref = g_ptr_array_index (refs, i);
      g_autofree char *root = path_segment (ref->path, 0);
      g_autofree char *second = path_segment (ref->path, 1);

      if (g_str_equal (root, "data") || g_str_equal (root, "entity"))
        continue;

      if (g_str_equal (root, "event") || g_str_equal (root, "workflow"))
        {
          const char * const *known = g_str_equal (root, "event") ? event_fields : workflow_fields;

          if (second == NULL || !g_strv_contains (known, second))
            {
              g_autofree char *list = g_strjoinv (", ", (char **) known);
              report (v, SLUICE_SEVERITY_ERROR, "template/unknown-field", step, path,
                      _("“{{ %s }}”: %s has no field “%s”; it has %s"),
                      ref->path, root, second ?: "", list);
            }
          continue;
        }

      if (g_str_equal (root, "steps"))
        {
          if (second == NULL || sluice_workflow_lookup_step (v->workflow, second) == NULL)
            report (v, SLUICE_SEVERITY_ERROR, "template/unknown-step", step, path,
                    _("“{{ %s }}” refers to a step “%s” that does not exist"),
                    ref->path, second ?: "");
          continue;
        }

      if (vars != NULL && g_ptr_array_find_with_equal_func (vars, root, g_str_equal, NULL))
        continue;

      if (g_str_equal (root, "item")
          || g_ptr_array_find_with_equal_func (v->all_item_names, root, g_str_equal, NULL))
        report (v, SLUICE_SEVERITY_ERROR, "template/item-outside-foreach", step, path,
                _("“{{ %s }}” uses a for-each item, but this step does not run inside a for-each that names it “%s”"),
                ref->path, root);
      else
        report (v, SLUICE_SEVERITY_ERROR, "template/unknown-root", step, path,
                _("“{{ %s }}” starts with “%s”, which is not known; templates start with data, event, entity, workflow or steps"),
                ref->path, root);
    }
}

static void
check_field_templates (Validation        *v,
                       SluiceStep        *step,
                       const SluiceField *field,
                       JsonNode          *node,
                       const char        *path)
{
  switch (field->kind)
    {
    case SLUICE_FIELD_TEMPLATE:
    case SLUICE_FIELD_TEXT:
    case SLUICE_FIELD_URL:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        check_template (v, step, path, json_node_get_string (node));
      break;

    case SLUICE_FIELD_LIST:
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
              check_field_templates (v, step, field->item, json_array_get_element (array, i), item_path);
            }
        }
      break;

    case SLUICE_FIELD_MAP:
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *member;

          json_object_iter_init_ordered (&iter, json_node_get_object (node));
          while (json_object_iter_next_ordered (&iter, &name, &member))
            {
              g_autofree char *item_path = g_strdup_printf ("%s.%s", path, name);
              check_field_templates (v, step, field->item, member, item_path);
            }
        }
      break;

    case SLUICE_FIELD_STRING:
    case SLUICE_FIELD_IDENTIFIER:
    case SLUICE_FIELD_STEP_REF:
    case SLUICE_FIELD_PATH:
    case SLUICE_FIELD_CRON:
    case SLUICE_FIELD_DURATION:
    case SLUICE_FIELD_INTEGER:
    case SLUICE_FIELD_NUMBER:
    case SLUICE_FIELD_BOOLEAN:
    case SLUICE_FIELD_ENUM:
    case SLUICE_FIELD_VALUE:
    case SLUICE_FIELD_OBJECT:
    case SLUICE_FIELD_STEP:
    default:
      break;
    }
}

static void
check_step_templates (Validation *v,
                      SluiceStep *step)
{
  const SluiceStepType *type = sluice_step_get_step_type (step);

  for (guint f = 0; type->fields[f].name != NULL; f++)
    {
      JsonNode *node = sluice_step_get_member (step, type->fields[f].name);

      if (node != NULL)
        check_field_templates (v, step, &type->fields[f], node, type->fields[f].name);
    }
}

/* ---- destinations ---------------------------------------------------------------- */

static const char * const *
workflow_allowlist (Validation *v,
                    GStrv      *storage)
{
  JsonObject *safety = sluice_workflow_get_safety (v->workflow);
  JsonNode *node = safety ? json_object_get_member (safety, "allowlist") : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (builder, json_array_get_string_element (array, i));
    }

  *storage = g_strv_builder_end (builder);
  return (const char * const *) *storage;
}

static void
check_destination (Validation         *v,
                   SluiceStep         *step,
                   const char         *path,
                   const char         *host,
                   const char * const *allowlist)
{
  const char * const *policy_domains = v->policy ? sluice_policy_get_allowed_domains (v->policy) : NULL;

  if (host == NULL)
    return;

  if (strstr (host, "{{") != NULL)
    {
      report (v, SLUICE_SEVERITY_WARNING, "safety/dynamic-destination", step, path,
              _("Where “%s” sends to is decided by event data (%s), so it cannot be checked against the allowlist; use a fixed domain"),
              sluice_step_get_id (step), host);
      return;
    }

  if (!sluice_domain_is_allowed (host, allowlist))
    report (v, SLUICE_SEVERITY_ERROR, "safety/domain-not-allowed", step, path,
            allowlist[0] == NULL
              ? _("“%s” sends to %s, but the workflow allows no outbound domains; add it to spec.safety.allowlist")
              : _("“%s” sends to %s, which is not on the allowlist; add it to spec.safety.allowlist or use an allowed domain"),
            sluice_step_get_id (step), host);

  if (policy_domains != NULL && !sluice_domain_is_allowed (host, policy_domains))
    report (v, SLUICE_SEVERITY_ERROR, "policy/domain-not-allowed", step, path,
            _("The organisation policy does not allow calls to %s"), host);
}

static void
check_destinations (Validation *v,
                    SluiceStep *step)
{
  static const char * const url_fields[] = { "url", "webhookUrl" };
  g_auto(GStrv) storage = NULL;
  const char * const *allowlist = workflow_allowlist (v, &storage);
  const char *channel = sluice_step_get_string (step, "channel");

  if (sluice_step_get_step_type (step)->category != SLUICE_STEP_CATEGORY_ACTION)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (url_fields); i++)
    {
      const char *url = sluice_step_get_string (step, url_fields[i]);
      g_autofree char *host = url ? sluice_url_get_host (url) : NULL;

      check_destination (v, step, url_fields[i], host, allowlist);
    }

  if (g_strcmp0 (channel, "email") == 0)
    {
      static const char * const recipient_fields[] = { "to", "cc" };

      for (guint f = 0; f < G_N_ELEMENTS (recipient_fields); f++)
        {
          JsonNode *node = sluice_step_get_member (step, recipient_fields[f]);
          JsonArray *array;

          if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
            continue;
          array = json_node_get_array (node);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              const char *address = json_array_get_string_element (array, i);
              g_autofree char *path = g_strdup_printf ("%s[%u]", recipient_fields[f], i);
              g_autofree char *domain = NULL;

              /* Addresses from event data go to the entity's own people; the
               * allowlist guards fixed outbound destinations. */
              if (address == NULL || sluice_template_has_refs (address))
                continue;
              domain = sluice_email_get_domain (address);
              check_destination (v, step, path, domain, allowlist);
            }
        }
    }
}

/* ---- safety ------------------------------------------------------------------------ */

static JsonArray *
rate_limits (Validation *v)
{
  JsonObject *safety = sluice_workflow_get_safety (v->workflow);
  JsonNode *node = safety ? json_object_get_member (safety, "rateLimits") : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
check_rate_limit_targets (Validation *v)
{
  JsonArray *limits = rate_limits (v);

  for (guint i = 0; limits && i < json_array_get_length (limits); i++)
    {
      JsonObject *limit = json_array_get_object_element (limits, i);
      const char *step_id = json_object_get_string_member_with_default (limit, "step", NULL);
      const char *type_name = json_object_get_string_member_with_default (limit, "type", NULL);
      const SluiceStepType *type = type_name ? sluice_step_type_lookup (type_name) : NULL;
      g_autofree char *path = g_strdup_printf ("spec.safety.rateLimits[%u]", i);
      g_autofree char *limit_path = g_strdup_printf ("%s.limit", path);

      if ((step_id == NULL) == (type_name == NULL))
        report (v, SLUICE_SEVERITY_ERROR, "safety/rate-limit-target", NULL, path,
                _("A rate limit applies to one “step” or to one step “type”; give exactly one of them"));
      else if (step_id != NULL && sluice_workflow_lookup_step (v->workflow, step_id) == NULL)
        report (v, SLUICE_SEVERITY_ERROR, "safety/rate-limit-target", NULL, path,
                _("The rate limit is for a step “%s” that does not exist"), step_id);
      else if (type_name != NULL && (type == NULL || type->category != SLUICE_STEP_CATEGORY_ACTION))
        report (v, SLUICE_SEVERITY_ERROR, "safety/rate-limit-target", NULL, path,
                _("The rate limit is for “%s”, which is not an action type"), type_name);

      if (!json_object_has_member (limit, "limit") || !json_object_has_member (limit, "per"))
        report (v, SLUICE_SEVERITY_ERROR, "document/missing-field", NULL, limit_path,
                _("A rate limit needs both “limit” and “per”, e.g. limit: 100 per: 1h"));
    }
}

static gboolean
has_rate_limit (Validation *v,
                SluiceStep *step)
{
  JsonArray *limits = rate_limits (v);

  for (guint i = 0; limits && i < json_array_get_length (limits); i++)
    {
      JsonObject *limit = json_array_get_object_element (limits, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (limit, "step", NULL),
                     sluice_step_get_id (step)) == 0
          || g_strcmp0 (json_object_get_string_member_with_default (limit, "type", NULL),
                        sluice_step_get_step_type (step)->name) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
check_step_safety (Validation *v,
                   SluiceStep *step)
{
  const SluiceStepType *type = sluice_step_get_step_type (step);
  gint64 policy_fan_out = v->policy ? sluice_policy_get_max_fan_out (v->policy) : 0;

  if (type->external && !has_rate_limit (v, step))
    {
      if (v->policy && sluice_policy_get_require_rate_limits (v->policy))
        report (v, SLUICE_SEVERITY_ERROR, "policy/missing-rate-limit", step, "type",
                _("The organisation policy requires a rate limit on “%s”; add one to spec.safety.rateLimits"),
                sluice_step_get_id (step));
      else
        report (v, SLUICE_SEVERITY_WARNING, "safety/missing-rate-limit", step, "type",
                _("“%s” calls outside the organisation without a rate limit; add one to spec.safety.rateLimits"),
                sluice_step_get_id (step));
    }

  if (g_str_equal (type->name, "foreach"))
    {
      JsonNode *cap = sluice_step_get_member (step, "cap");

      if (cap == NULL)
        report (v, SLUICE_SEVERITY_ERROR, "safety/foreach-without-cap", step, "items",
                _("The for-each “%s” has no cap, so one event with a long list could fan out without limit; set “cap”"),
                sluice_step_get_id (step));
      else if (policy_fan_out > 0 && json_node_get_int (cap) > policy_fan_out)
        report (v, SLUICE_SEVERITY_ERROR, "policy/max-fan-out", step, "cap",
                _("The cap of “%s” is %" PRId64 ", above the organisation's maximum fan-out of %" PRId64),
                sluice_step_get_id (step), json_node_get_int (cap), policy_fan_out);
    }

  if (v->policy && sluice_policy_forbids_step_type (v->policy, type->name))
    report (v, SLUICE_SEVERITY_ERROR, "policy/forbidden-step-type", step, "type",
            _("The organisation policy does not allow %s steps (“%s”)"),
            type->name, sluice_step_get_id (step));
}

static void
check_document (Validation *v)
{
  JsonObject *safety = sluice_workflow_get_safety (v->workflow);
  const char *name = sluice_workflow_get_name (v->workflow);
  const char *entity_key = sluice_workflow_get_entity_key (v->workflow);

  if (name == NULL || *name == '\0')
    report (v, SLUICE_SEVERITY_ERROR, "document/missing-field", NULL, "metadata",
            _("The workflow has no name; set metadata.name, e.g. usage-quota-80"));

  if (entity_key == NULL || *entity_key == '\0')
    report (v, SLUICE_SEVERITY_ERROR, "spec/missing-entity-key", NULL, "spec",
            _("The workflow has no entity key; set spec.entityKey to the event field naming the affected account, e.g. data.account"));

  if (safety != NULL)
    {
      static const char * const keys[] = { "dedupeKey", "idempotencyKey" };

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          const char *text = json_object_get_string_member_with_default (safety, keys[i], NULL);
          g_autofree char *path = g_strdup_printf ("spec.safety.%s", keys[i]);

          if (text != NULL)
            check_template (v, NULL, path, text);
        }
    }

  if (v->policy != NULL)
    {
      gint64 policy_fan_out = sluice_policy_get_max_fan_out (v->policy);
      const char * const *policy_domains = sluice_policy_get_allowed_domains (v->policy);
      gint64 fan_out = safety ? json_object_get_int_member_with_default (safety, "maxFanOut", 0) : 0;
      gboolean has_cooldown = safety && json_object_has_member (safety, "cooldown");
      g_auto(GStrv) storage = NULL;
      const char * const *allowlist = workflow_allowlist (v, &storage);

      if (policy_fan_out > 0 && fan_out == 0)
        report (v, SLUICE_SEVERITY_ERROR, "policy/max-fan-out", NULL, "spec.safety",
                _("The organisation policy limits fan-out to %" PRId64 "; set spec.safety.maxFanOut"),
                policy_fan_out);
      else if (policy_fan_out > 0 && fan_out > policy_fan_out)
        report (v, SLUICE_SEVERITY_ERROR, "policy/max-fan-out", NULL, "spec.safety.maxFanOut",
                _("maxFanOut is %" PRId64 ", above the organisation's maximum of %" PRId64),
                fan_out, policy_fan_out);

      for (guint i = 0; i < sluice_workflow_get_n_steps (v->workflow); i++)
        if (g_str_equal (sluice_step_get_step_type (sluice_workflow_get_step (v->workflow, i))->name, "cooldown"))
          has_cooldown = TRUE;
      if (sluice_policy_get_require_cooldown (v->policy) && !has_cooldown)
        report (v, SLUICE_SEVERITY_ERROR, "policy/missing-cooldown", NULL, "spec.safety",
                _("The organisation policy requires a cooldown; set spec.safety.cooldown, e.g. 1d"));

      for (guint i = 0; policy_domains != NULL && allowlist[i] != NULL; i++)
        {
          g_autofree char *path = g_strdup_printf ("spec.safety.allowlist[%u]", i);
          const char *domain = allowlist[i];
          /* "*.x.com" is allowed when the policy allows "*.x.com" or a wider wildcard */
          const char *probe = g_str_has_prefix (domain, "*.") ? domain + 2 : domain;
          g_autofree char *sub = g_str_has_prefix (domain, "*.") ? g_strconcat ("sub.", probe, NULL) : g_strdup (probe);

          if (!sluice_domain_is_allowed (sub, policy_domains))
            report (v, SLUICE_SEVERITY_ERROR, "policy/domain-not-allowed", NULL, path,
                    _("The allowlist names %s, which the organisation policy does not allow"), domain);
        }
    }
}

static void
check_layout (Validation *v)
{
  g_autoptr(JsonNode) json = sluice_workflow_to_json (v->workflow, TRUE);
  JsonObject *root = json_node_get_object (json);
  JsonObject *layout = json_object_get_member (root, "layout") ? json_object_get_object_member (root, "layout") : NULL;
  JsonObject *nodes = layout && json_object_get_member (layout, "nodes") ? json_object_get_object_member (layout, "nodes") : NULL;
  JsonObjectIter iter;
  const char *id;
  JsonNode *member;

  if (nodes == NULL)
    return;

  json_object_iter_init_ordered (&iter, nodes);
  while (json_object_iter_next_ordered (&iter, &id, &member))
    {
      g_autofree char *path = g_strdup_printf ("layout.nodes.%s", id);

      if (sluice_workflow_lookup_step (v->workflow, id) == NULL)
        report (v, SLUICE_SEVERITY_WARNING, "layout/unknown-step", NULL, path,
                _("The layout places a step “%s” that does not exist; it is ignored"), id);
    }
}

/**
 * sluice_workflow_validate:
 * @workflow: a loaded workflow
 * @policy: (nullable): the organisation's policy, if any
 * @diagnostics: where findings are added
 *
 * Runs every check on @workflow. Findings are added in no particular
 * order; sort them with sluice_diagnostics_sort() to show them.
 */
void
sluice_workflow_validate (SluiceWorkflow    *workflow,
                          SluicePolicy      *policy,
                          SluiceDiagnostics *diagnostics)
{
  Validation v = { workflow, policy, diagnostics };
  guint n;

  g_return_if_fail (SLUICE_IS_WORKFLOW (workflow));
  g_return_if_fail (diagnostics != NULL);

  v.foreach_vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  v.all_item_names = g_ptr_array_new ();

  n = sluice_workflow_get_n_steps (workflow);
  for (guint i = 0; i < n; i++)
    {
      SluiceStep *step = sluice_workflow_get_step (workflow, i);

      if (g_str_equal (sluice_step_get_step_type (step)->name, "foreach"))
        g_ptr_array_add (v.all_item_names, (gpointer) (sluice_step_get_string (step, "as") ?: "item"));
    }

  check_document (&v);
  check_trigger (&v);
  check_ids_and_edges (&v);
  check_cycles (&v);
  check_reachability (&v);
  check_rate_limit_targets (&v);

  for (guint i = 0; i < n; i++)
    {
      SluiceStep *step = sluice_workflow_get_step (workflow, i);

      check_step_config (&v, step);
      check_filters (&v, step);
      check_step_templates (&v, step);
      check_destinations (&v, step);
      check_step_safety (&v, step);
    }

  check_layout (&v);

  g_hash_table_unref (v.foreach_vars);
  g_ptr_array_unref (v.all_item_names);
}
