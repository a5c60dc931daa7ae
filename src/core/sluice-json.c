/* sluice-json.c
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sluice-json.h"

/**
 * sluice_json_deep_copy:
 *
 * json_node_copy() in json-glib 1.6 shares objects and arrays with the
 * original; a model that is edited needs copies that share nothing.
 *
 * Returns: (transfer full): a copy of @node sharing nothing with it
 */
JsonNode *
sluice_json_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, sluice_json_object_deep_copy (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *array_copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (array_copy, sluice_json_deep_copy (json_array_get_element (array, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array_copy);
        return copy;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

JsonObject *
sluice_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (copy, name, sluice_json_deep_copy (member));

  return copy;
}

char *
sluice_json_to_string (JsonNode *node,
                       gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/**
 * sluice_json_path_lookup:
 * @root: a JSON value
 * @path: a field path: names joined by dots, each optionally followed by
 *   [index] ("data.contacts[0].email")
 *
 * Returns: (transfer none) (nullable): the value at @path, or %NULL when
 *   any part of it is missing or of the wrong kind
 */
JsonNode *
sluice_json_path_lookup (JsonNode   *root,
                         const char *path)
{
  JsonNode *node = root;
  const char *p = path;

  while (node != NULL && *p != '\0')
    {
      const char *end = p;
      char name[256];
      gsize len;

      while (*end != '\0' && *end != '.' && *end != '[')
        end++;
      len = end - p;
      if (len > 0)
        {
          if (len >= sizeof name || !JSON_NODE_HOLDS_OBJECT (node))
            return NULL;
          memcpy (name, p, len);
          name[len] = '\0';
          node = json_object_get_member (json_node_get_object (node), name);
        }
      p = end;

      while (node != NULL && *p == '[')
        {
          char *close = NULL;
          guint64 index = g_ascii_strtoull (p + 1, &close, 10);
          JsonArray *array;

          if (!g_ascii_isdigit (p[1]) || close == NULL || *close != ']' || !JSON_NODE_HOLDS_ARRAY (node))
            return NULL;
          array = json_node_get_array (node);
          if (index >= json_array_get_length (array))
            return NULL;
          node = json_array_get_element (array, index);
          p = close + 1;
        }

      if (*p == '.')
        p++;
    }

  return node;
}

/**
 * sluice_double_to_string:
 *
 * The shortest decimal text that reads back as exactly @value: 0.1 is
 * "0.1", not g_ascii_dtostr()'s "0.10000000000000001". Values are shown to
 * people (rendered templates, canvas summaries) and written to files.
 *
 * Returns: (transfer full): the text, in the C locale
 */
char *
sluice_double_to_string (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.16g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.17g", value);

  return g_strdup (buf);
}
