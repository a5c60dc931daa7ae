/* sluice-server-request.c — strict reading of what a request carries
 *
 * Unknown members, wrong types and numbers out of range are refused with
 * a message that names the field: a client bug shows at once, instead of
 * a setting silently not taking effect.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-server-error.h"
#include "sluice-server-request.h"

/* ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$ — no dots, slashes or escapes,
 * so no name can reach outside its place. */
gboolean
sluice_server_name_is_valid (const char *name)
{
  gsize length;

  if (name == NULL)
    return FALSE;
  length = strlen (name);
  if (length == 0 || length > 63 || name[0] == '-' || name[length - 1] == '-')
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!(g_ascii_islower (name[i]) || g_ascii_isdigit (name[i]) || name[i] == '-'))
      return FALSE;
  return TRUE;
}

/* Plain decimal digits only: no sign, spaces, hex or exponent. */
gboolean
sluice_server_parse_count (const char *text,
                           gint64      min,
                           gint64      max,
                           gint64     *value)
{
  guint64 number = 0;

  if (text == NULL || *text == '\0' || strlen (text) > 18)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      number = number * 10 + (guint64) (*p - '0');
    }
  if ((gint64) number < min || (gint64) number > max)
    return FALSE;
  *value = (gint64) number;
  return TRUE;
}

static gboolean invalid (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_set_error_literal (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST, "");
  if (error != NULL && *error != NULL)
    {
      g_free ((*error)->message);
      (*error)->message = g_strdup_vprintf (format, args);
    }
  va_end (args);
  return FALSE;
}

JsonObject *
sluice_server_parse_json_object (const char  *body,
                                 gsize        length,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (length == 0)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("The request needs a JSON object as its body"));
      return NULL;
    }
  if (!g_utf8_validate_len (body, length, NULL))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("The body is not UTF-8 text"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, body, length, &local_error))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("The body is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("The body must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

gboolean
sluice_server_check_members (JsonObject         *object,
                             const char * const *allowed,
                             const char         *where,
                             GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                     _("Unknown field “%s%s”"), where ? where : "", (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

/* A member that is missing or null leaves *value alone. */
static JsonNode *
get_value (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

gboolean
sluice_server_get_string_member (JsonObject  *object,
                                 const char  *name,
                                 char       **value,
                                 GError     **error)
{
  JsonNode *node = get_value (object, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, _("“%s” must be a string"), name);
  if (strlen (json_node_get_string (node)) > 1024)
    return invalid (error, _("“%s” is longer than 1024 bytes"), name);
  g_free (*value);
  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
sluice_server_get_int_member (JsonObject  *object,
                              const char  *name,
                              gint64       min,
                              gint64       max,
                              gboolean    *present,
                              gint64      *value,
                              GError     **error)
{
  JsonNode *node = get_value (object, name);
  gint64 number;

  *present = FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, _("“%s” must be a whole number"), name);
  number = json_node_get_int (node);
  if (number < min || number > max)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("“%s” must be between %" PRId64 " and %" PRId64), name, min, max);
      return FALSE;
    }
  *present = TRUE;
  *value = number;
  return TRUE;
}

gboolean
sluice_server_get_double_member (JsonObject  *object,
                                 const char  *name,
                                 gboolean    *present,
                                 double      *value,
                                 GError     **error)
{
  JsonNode *node = get_value (object, name);
  double number;

  *present = FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return invalid (error, _("“%s” must be a number"), name);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    number = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    number = json_node_get_double (node);
  else
    return invalid (error, _("“%s” must be a number"), name);
  if (!isfinite (number))
    return invalid (error, _("“%s” must be a finite number"), name);
  *present = TRUE;
  *value = number;
  return TRUE;
}

gboolean
sluice_server_get_boolean_member (JsonObject  *object,
                                  const char  *name,
                                  gboolean    *present,
                                  gboolean    *value,
                                  GError     **error)
{
  JsonNode *node = get_value (object, name);

  *present = FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, _("“%s” must be true or false"), name);
  *present = TRUE;
  *value = json_node_get_boolean (node);
  return TRUE;
}

/* Returns NULL both when absent (no error) and when wrong (error set). */
JsonObject *
sluice_server_get_object_member (JsonObject  *object,
                                 const char  *name,
                                 GError     **error)
{
  JsonNode *node = get_value (object, name);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, _("“%s” must be an object"), name);
      return NULL;
    }
  return json_node_get_object (node);
}
