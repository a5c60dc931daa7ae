/* sluice-filter.c
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-duration.h"
#include "sluice-filter.h"
#include "sluice-json.h"

const char * const sluice_filter_op_names[] = {
  "eq", "ne", "gt", "gte", "lt", "lte", "in", "not_in",
  "exists", "contains", "matches", "within", "changed", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (sluice_filter_op_names) == SLUICE_N_FILTER_OPS + 1);

gboolean
sluice_filter_op_from_string (const char     *name,
                              SluiceFilterOp *op)
{
  for (guint i = 0; i < SLUICE_N_FILTER_OPS; i++)
    {
      if (g_strcmp0 (name, sluice_filter_op_names[i]) == 0)
        {
          *op = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
sluice_filter_op_to_string (SluiceFilterOp op)
{
  g_return_val_if_fail (op < SLUICE_N_FILTER_OPS, NULL);
  return sluice_filter_op_names[op];
}

/* How an op reads in a one-line summary on a canvas node. */
const char *
sluice_filter_op_symbol (SluiceFilterOp op)
{
  static const char * const symbols[] = {
    "=", "≠", ">", "≥", "<", "≤", "in", "not in",
    "exists", "contains", "matches", "within", "changed",
  };

  g_return_val_if_fail (op < SLUICE_N_FILTER_OPS, NULL);
  return symbols[op];
}

void
sluice_filter_free (SluiceFilter *filter)
{
  if (filter == NULL)
    return;

  g_free (filter->path);
  g_clear_pointer (&filter->value, json_node_unref);
  g_free (filter);
}

/**
 * sluice_filter_new_from_json:
 * @object: a filter as loaded by the schema: {path, op, value}
 *
 * Returns: (transfer full) (nullable): the filter, or %NULL when @object
 *   has no valid op.
 */
SluiceFilter *
sluice_filter_new_from_json (JsonObject *object)
{
  SluiceFilter *filter;
  SluiceFilterOp op;

  if (!sluice_filter_op_from_string (json_object_get_string_member_with_default (object, "op", NULL), &op))
    return NULL;

  filter = g_new0 (SluiceFilter, 1);
  filter->path = g_strdup (json_object_get_string_member_with_default (object, "path", ""));
  filter->op = op;
  if (json_object_has_member (object, "value"))
    filter->value = sluice_json_deep_copy (json_object_get_member (object, "value"));

  return filter;
}

/**
 * sluice_filters_from_json:
 *
 * Returns: (transfer full) (element-type SluiceFilter): the valid filters
 *   of @array (may be %NULL), in order.
 */
GPtrArray *
sluice_filters_from_json (JsonArray *array)
{
  GPtrArray *filters = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_filter_free);

  if (array == NULL)
    return filters;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      SluiceFilter *filter;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      filter = sluice_filter_new_from_json (json_node_get_object (node));
      if (filter != NULL)
        g_ptr_array_add (filters, filter);
    }

  return filters;
}

static void
append_value (GString  *out,
              JsonNode *node)
{
  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_value (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else if (JSON_NODE_HOLDS_NULL (node))
    g_string_append (out, "null");
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    g_string_append (out, json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    g_string_append_printf (out, "%" PRId64, json_node_get_int (node));
  else
    {
      g_autofree char *text = sluice_double_to_string (json_node_get_double (node));
      g_string_append (out, text);
    }
}

/**
 * sluice_filter_describe:
 *
 * A short human summary, e.g. "data.percent ≥ 80".
 */
char *
sluice_filter_describe (const SluiceFilter *filter)
{
  GString *out = g_string_new (filter->path);

  g_string_append_printf (out, " %s", sluice_filter_op_symbol (filter->op));
  if (filter->value != NULL && filter->op != SLUICE_FILTER_EXISTS && filter->op != SLUICE_FILTER_CHANGED)
    {
      g_string_append_c (out, ' ');
      append_value (out, filter->value);
    }

  return g_string_free (out, FALSE);
}

static gboolean
node_is_scalar_of (JsonNode *node,
                   GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
node_is_number (JsonNode *node)
{
  return node_is_scalar_of (node, G_TYPE_INT64) || node_is_scalar_of (node, G_TYPE_DOUBLE);
}

/**
 * sluice_filter_check_value:
 * @problem: (out) (optional): what is wrong, for the author
 *
 * Whether the value suits the op: a list for `in`, a duration for `within`,
 * a regular expression that compiles for `matches`, and so on.
 */
gboolean
sluice_filter_check_value (const SluiceFilter *filter,
                           char              **problem)
{
  JsonNode *v = filter->value;
  char *msg = NULL;

  switch (filter->op)
    {
    case SLUICE_FILTER_EQ:
    case SLUICE_FILTER_NE:
      if (v == NULL || JSON_NODE_HOLDS_ARRAY (v))
        msg = g_strdup_printf (_("“%s” compares with one value; use “in” for a list"),
                               sluice_filter_op_to_string (filter->op));
      break;

    case SLUICE_FILTER_GT:
    case SLUICE_FILTER_GTE:
    case SLUICE_FILTER_LT:
    case SLUICE_FILTER_LTE:
      if (!node_is_number (v) && !node_is_scalar_of (v, G_TYPE_STRING))
        msg = g_strdup_printf (_("“%s” needs a number or a text value to compare with"),
                               sluice_filter_op_to_string (filter->op));
      break;

    case SLUICE_FILTER_IN:
    case SLUICE_FILTER_NOT_IN:
      if (v == NULL || !JSON_NODE_HOLDS_ARRAY (v))
        msg = g_strdup_printf (_("“%s” needs a list of values, e.g. [MSA, NDA]"),
                               sluice_filter_op_to_string (filter->op));
      break;

    case SLUICE_FILTER_EXISTS:
      if (v != NULL && !node_is_scalar_of (v, G_TYPE_BOOLEAN))
        msg = g_strdup (_("“exists” takes true or false (or no value, meaning true)"));
      break;

    case SLUICE_FILTER_CONTAINS:
      if (v == NULL || JSON_NODE_HOLDS_ARRAY (v) || JSON_NODE_HOLDS_NULL (v))
        msg = g_strdup (_("“contains” needs one value to look for"));
      break;

    case SLUICE_FILTER_MATCHES:
      if (!node_is_scalar_of (v, G_TYPE_STRING))
        msg = g_strdup (_("“matches” needs a regular expression as text"));
      else
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GRegex) regex = g_regex_new (json_node_get_string (v), G_REGEX_OPTIMIZE, 0, &error);

          if (regex == NULL)
            msg = g_strdup_printf (_("The regular expression does not compile: %s"), error->message);
        }
      break;

    case SLUICE_FILTER_WITHIN:
      if (!node_is_scalar_of (v, G_TYPE_STRING) || !sluice_duration_parse (json_node_get_string (v), NULL))
        msg = g_strdup (_("“within” needs a duration such as 30d or 12h"));
      break;

    case SLUICE_FILTER_CHANGED:
      if (v != NULL)
        msg = g_strdup (_("“changed” takes no value"));
      break;

    case SLUICE_N_FILTER_OPS:
    default:
      g_assert_not_reached ();
    }

  if (problem)
    *problem = msg;
  else
    g_free (msg);

  return msg == NULL;
}
