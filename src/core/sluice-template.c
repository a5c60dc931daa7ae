/* sluice-template.c
 *
 * Templates are text with {{ path }} references, where path starts at one
 * of the roots the simulator and the runtime provide: data (the event
 * payload), event (id, type, source, subject, time, tenant), entity (the
 * entity key's value), workflow (name, version), steps.<id> and, inside a
 * for-each, the item name. Nothing else: no expressions, so a template can
 * always be checked before it runs and rendered without side effects.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-json.h"
#include "sluice-schema.h"
#include "sluice-template.h"

void
sluice_template_ref_free (SluiceTemplateRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->path);
  g_free (ref);
}

gboolean
sluice_template_has_refs (const char *text)
{
  return text != NULL && strstr (text, "{{") != NULL;
}

/**
 * sluice_template_parse:
 * @text: the template
 * @problem: (out) (optional): what is wrong, when parsing fails
 * @problem_offset: (out) (optional): the byte offset of the problem
 *
 * Returns: (transfer full) (nullable) (element-type SluiceTemplateRef):
 *   the references in order, or %NULL when @text is malformed
 */
GPtrArray *
sluice_template_parse (const char  *text,
                       char       **problem,
                       gsize       *problem_offset)
{
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_template_ref_free);
  const char *p = text;

  while ((p = strstr (p, "{{")) != NULL)
    {
      const char *close = strstr (p + 2, "}}");
      g_autofree char *inner = NULL;
      SluiceTemplateRef *ref;

      if (close == NULL)
        {
          if (problem)
            *problem = g_strdup (_("“{{” is never closed with “}}”"));
          if (problem_offset)
            *problem_offset = p - text;
          return NULL;
        }

      inner = g_strstrip (g_strndup (p + 2, close - p - 2));
      if (*inner == '\0' || !sluice_path_is_valid (inner))
        {
          if (problem)
            *problem = *inner == '\0'
              ? g_strdup (_("“{{ }}” is empty; write a field such as {{ data.account }}"))
              : g_strdup_printf (_("“%s” is not a field reference; templates hold a field path such as data.account"), inner);
          if (problem_offset)
            *problem_offset = p - text;
          return NULL;
        }

      ref = g_new0 (SluiceTemplateRef, 1);
      ref->path = g_steal_pointer (&inner);
      ref->offset = p - text;
      g_ptr_array_add (refs, ref);

      p = close + 2;
    }

  return g_steal_pointer (&refs);
}

static void
append_json (GString  *out,
             JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_string_append (out, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      g_autofree char *text = sluice_double_to_string (json_node_get_double (node));
      g_string_append (out, text);
    }
  else if (JSON_NODE_HOLDS_NULL (node))
    ; /* null renders as nothing, like a missing value */
  else
    {
      g_autofree char *text = sluice_json_to_string (node, FALSE);
      g_string_append (out, text);
    }
}

/**
 * sluice_template_render:
 * @text: the template
 * @context: an object with the roots (data, event, entity, …)
 * @n_missing: (out) (optional): how many references found no value
 *
 * Fills in the references. Missing values render as nothing and are
 * counted, so a caller can show that a would-be action lacks data. A
 * malformed template renders as it is.
 *
 * Returns: (transfer full): the rendered text
 */
char *
sluice_template_render (const char *text,
                        JsonNode   *context,
                        guint      *n_missing)
{
  g_autoptr(GPtrArray) refs = sluice_template_parse (text, NULL, NULL);
  GString *out;
  gsize pos = 0;
  guint missing = 0;

  if (refs == NULL)
    {
      if (n_missing)
        *n_missing = 0;
      return g_strdup (text);
    }

  out = g_string_sized_new (strlen (text) + 32);
  for (guint i = 0; i < refs->len; i++)
    {
      SluiceTemplateRef *ref = g_ptr_array_index (refs, i);
      const char *close = strstr (text + ref->offset + 2, "}}");
      JsonNode *value = sluice_json_path_lookup (context, ref->path);

      g_string_append_len (out, text + pos, ref->offset - pos);
      if (value != NULL)
        append_json (out, value);
      else
        missing++;
      pos = (close - text) + 2;
    }
  g_string_append (out, text + pos);

  if (n_missing)
    *n_missing = missing;

  return g_string_free (out, FALSE);
}
