/* sluice-step.c
 *
 * A step keeps all of its fields (id, type, name, configuration and edges)
 * in one JSON object shaped exactly like its YAML, so loading, saving,
 * copying and comparing need no per-type code; the accessors below give
 * typed views of it.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sluice-filter.h"
#include "sluice-json.h"
#include "sluice-step.h"

struct _SluiceStep
{
  gatomicrefcount       ref_count;
  const SluiceStepType *type;
  JsonObject           *json;
  char                 *source_path;
};

G_DEFINE_BOXED_TYPE (SluiceStep, sluice_step, sluice_step_ref, sluice_step_unref)

SluiceStep *
sluice_step_new (const SluiceStepType *type,
                 const char           *id)
{
  g_autoptr(JsonObject) object = json_object_new ();

  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "type", type->name);

  return sluice_step_new_from_json (object);
}

/**
 * sluice_step_new_from_json:
 * @object: a step as the schema reads it; it must name a known type
 *
 * Returns: (transfer full) (nullable): a step sharing @object
 */
SluiceStep *
sluice_step_new_from_json (JsonObject *object)
{
  const SluiceStepType *type;
  SluiceStep *step;

  type = sluice_step_type_lookup (json_object_get_string_member_with_default (object, "type", NULL));
  g_return_val_if_fail (type != NULL, NULL);

  step = g_new0 (SluiceStep, 1);
  g_atomic_ref_count_init (&step->ref_count);
  step->type = type;
  step->json = json_object_ref (object);

  return step;
}

SluiceStep *
sluice_step_copy (const SluiceStep *step)
{
  g_autoptr(JsonObject) copy = sluice_json_object_deep_copy (step->json);
  SluiceStep *result;

  result = sluice_step_new_from_json (copy);
  result->source_path = g_strdup (step->source_path);
  return result;
}

SluiceStep *
sluice_step_ref (SluiceStep *step)
{
  g_atomic_ref_count_inc (&step->ref_count);
  return step;
}

void
sluice_step_unref (SluiceStep *step)
{
  if (g_atomic_ref_count_dec (&step->ref_count))
    {
      json_object_unref (step->json);
      g_free (step->source_path);
      g_free (step);
    }
}

JsonObject *
sluice_step_get_json (const SluiceStep *step)
{
  return step->json;
}

const SluiceStepType *
sluice_step_get_step_type (const SluiceStep *step)
{
  return step->type;
}

const char *
sluice_step_get_id (const SluiceStep *step)
{
  return json_object_get_string_member_with_default (step->json, "id", "");
}

void
sluice_step_set_id (SluiceStep *step,
                    const char *id)
{
  json_object_set_string_member (step->json, "id", id);
}

/* The canvas title: the author's name for the step, or its type's. */
const char *
sluice_step_get_title (const SluiceStep *step)
{
  const char *name = sluice_step_get_string (step, "name");

  return name != NULL && *name != '\0' ? name : _(step->type->title);
}

/**
 * sluice_step_get_string:
 *
 * Returns: (nullable): the text of @field, or %NULL when it is not set or
 *   not text
 */
const char *
sluice_step_get_string (const SluiceStep *step,
                        const char       *field)
{
  JsonNode *node = json_object_get_member (step->json, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Setting %NULL removes the field. */
void
sluice_step_set_string (SluiceStep *step,
                        const char *field,
                        const char *value)
{
  if (value == NULL)
    json_object_remove_member (step->json, field);
  else
    json_object_set_string_member (step->json, field, value);
}

JsonNode *
sluice_step_get_member (const SluiceStep *step,
                        const char       *field)
{
  return json_object_get_member (step->json, field);
}

/* Takes ownership of @value; %NULL removes the field. */
void
sluice_step_set_member (SluiceStep *step,
                        const char *field,
                        JsonNode   *value)
{
  if (value == NULL)
    json_object_remove_member (step->json, field);
  else
    json_object_set_member (step->json, field, value);
}

/**
 * sluice_step_get_filters:
 *
 * Returns: (transfer full) (element-type SluiceFilter): the step's filters
 */
GPtrArray *
sluice_step_get_filters (const SluiceStep *step)
{
  JsonNode *node = json_object_get_member (step->json, "filters");

  return sluice_filters_from_json (node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL);
}

static void
clear_edge (SluiceEdge *edge)
{
  g_free (edge->label);
}

static void
add_edge (GArray     *edges,
          const char *label,
          const char *target,
          JsonNode   *case_value)
{
  SluiceEdge edge = { g_strdup (label), target, case_value };

  g_array_append_val (edges, edge);
}

/**
 * sluice_step_get_edges:
 *
 * The step's outgoing edges that name a target, in document order.
 *
 * Returns: (transfer full) (element-type SluiceEdge): the edges
 */
GArray *
sluice_step_get_edges (const SluiceStep *step)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (SluiceEdge));
  const char *target;

  g_array_set_clear_func (edges, (GDestroyNotify) clear_edge);

  switch (step->type->edges)
    {
    case SLUICE_STEP_EDGES_NEXT:
      if ((target = sluice_step_get_string (step, "next")))
        add_edge (edges, "next", target, NULL);
      break;

    case SLUICE_STEP_EDGES_BRANCH:
      if ((target = sluice_step_get_string (step, "then")))
        add_edge (edges, "then", target, NULL);
      if ((target = sluice_step_get_string (step, "else")))
        add_edge (edges, "else", target, NULL);
      break;

    case SLUICE_STEP_EDGES_CASES:
      {
        JsonNode *cases = json_object_get_member (step->json, "cases");

        if (cases != NULL && JSON_NODE_HOLDS_ARRAY (cases))
          {
            JsonArray *array = json_node_get_array (cases);

            for (guint i = 0; i < json_array_get_length (array); i++)
              {
                JsonObject *c = json_array_get_object_element (array, i);
                g_autofree char *label = g_strdup_printf ("cases[%u]", i);

                target = json_object_get_string_member_with_default (c, "next", NULL);
                if (target != NULL)
                  add_edge (edges, label, target, json_object_get_member (c, "value"));
              }
          }
        if ((target = sluice_step_get_string (step, "default")))
          add_edge (edges, "default", target, NULL);
      }
      break;

    case SLUICE_STEP_EDGES_NONE:
    default:
      break;
    }

  return edges;
}

const char *
sluice_step_get_source_path (const SluiceStep *step)
{
  return step->source_path;
}

void
sluice_step_set_source_path (SluiceStep *step,
                             const char *path)
{
  g_free (step->source_path);
  step->source_path = g_strdup (path);
}

static void
append_filters (GString          *out,
                const SluiceStep *step)
{
  g_autoptr(GPtrArray) filters = sluice_step_get_filters (step);
  gboolean any = g_strcmp0 (sluice_step_get_string (step, "match"), "any") == 0;

  for (guint i = 0; i < filters->len; i++)
    {
      g_autofree char *text = sluice_filter_describe (g_ptr_array_index (filters, i));

      if (out->len > 0)
        g_string_append (out, any ? _(" or ") : _(" and "));
      g_string_append (out, text);
    }
}

/**
 * sluice_step_summarize:
 *
 * One line that says what the step does with its configuration, for the
 * canvas ("data.percent ≥ 80", "email to {{ data.owner_email }}").
 *
 * Returns: (transfer full): the summary, possibly empty
 */
char *
sluice_step_summarize (const SluiceStep *step)
{
  GString *out = g_string_new (NULL);
  const char *name = step->type->name;
  const char *s;

  if (g_str_equal (name, "event"))
    {
      append_filters (out, step);
      if ((s = sluice_step_get_string (step, "event")))
        {
          if (out->len > 0)
            g_string_prepend (out, ": ");
          g_string_prepend (out, s);
        }
    }
  else if (g_str_equal (name, "condition"))
    append_filters (out, step);
  else if (g_str_equal (name, "schedule"))
    g_string_append (out, sluice_step_get_string (step, "cron") ?: "");
  else if (g_str_equal (name, "switch"))
    g_string_append_printf (out, _("on %s"), sluice_step_get_string (step, "path") ?: "…");
  else if (g_str_equal (name, "notify"))
    {
      JsonNode *to = sluice_step_get_member (step, "to");
      guint n = to && JSON_NODE_HOLDS_ARRAY (to) ? json_array_get_length (json_node_get_array (to)) : 0;

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s to %u recipient", "%s to %u recipients", n),
                              sluice_step_get_string (step, "channel") ?: "", n);
    }
  else if ((s = sluice_step_get_string (step, "title"))
           || (s = sluice_step_get_string (step, "url"))
           || (s = sluice_step_get_string (step, "job"))
           || (s = sluice_step_get_string (step, "operation"))
           || (s = sluice_step_get_string (step, "duration"))
           || (s = sluice_step_get_string (step, "window"))
           || (s = sluice_step_get_string (step, "items")))
    g_string_append (out, s);

  return g_string_free (out, FALSE);
}
