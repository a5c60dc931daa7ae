/* sluice-schema.c — reading, writing and describing documents by grammar
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-duration.h"
#include "sluice-schema.h"
#include "sluice-step-type.h"
#include "sluice-yaml-scalar.h"
#include "sluice-yaml-writer.h"

#define END { NULL }

/* ---- the fields every step has, and its edges ---------------------------- */

static const SluiceField step_head_fields[] = {
  { "id", SLUICE_FIELD_IDENTIFIER, SLUICE_FIELD_FLAG_REQUIRED, N_("Id"),
    N_("A unique name for the step: lower-case letters, digits and dashes") },
  { "type", SLUICE_FIELD_STRING, SLUICE_FIELD_FLAG_REQUIRED, N_("Type"),
    N_("What kind of step this is") },
  { "name", SLUICE_FIELD_STRING, 0, N_("Title"),
    N_("A title for the canvas; the type's name when empty") },
  END
};

static const SluiceField next_fields[] = {
  { "next", SLUICE_FIELD_STEP_REF, 0, N_("Next step"), N_("The step that follows") },
  END
};

static const SluiceField branch_fields[] = {
  { "then", SLUICE_FIELD_STEP_REF, 0, N_("Then"), N_("The step when the filters pass") },
  { "else", SLUICE_FIELD_STEP_REF, 0, N_("Else"), N_("The step when they do not") },
  END
};

static const SluiceField case_fields[] = {
  { "value", SLUICE_FIELD_VALUE, SLUICE_FIELD_FLAG_REQUIRED, N_("Value"),
    N_("The field value for this case") },
  { "next", SLUICE_FIELD_STEP_REF, SLUICE_FIELD_FLAG_REQUIRED, N_("Next step"),
    N_("The step for this case") },
  END
};

static const SluiceField case_item = {
  "case", SLUICE_FIELD_OBJECT, 0, N_("Case"), N_("A value and where it leads"),
  NULL, NULL, case_fields,
};

static const SluiceField cases_fields[] = {
  { "cases", SLUICE_FIELD_LIST, 0, N_("Cases"), N_("Where each value leads"), NULL, &case_item },
  { "default", SLUICE_FIELD_STEP_REF, 0, N_("Otherwise"),
    N_("The step when no case matches") },
  END
};

static const SluiceField no_fields[] = { END };

static const SluiceField *
edge_fields (const SluiceStepType *type)
{
  switch (type->edges)
    {
    case SLUICE_STEP_EDGES_NEXT:
      return next_fields;
    case SLUICE_STEP_EDGES_BRANCH:
      return branch_fields;
    case SLUICE_STEP_EDGES_CASES:
      return cases_fields;
    case SLUICE_STEP_EDGES_NONE:
    default:
      return no_fields;
    }
}

static const SluiceField *
fields_lookup (const SluiceField *fields,
               const char        *name)
{
  for (guint i = 0; fields[i].name != NULL; i++)
    if (strcmp (fields[i].name, name) == 0)
      return &fields[i];
  return NULL;
}

const SluiceField *
sluice_schema_object_lookup (const SluiceField *object,
                             const char        *name)
{
  g_return_val_if_fail (object->kind == SLUICE_FIELD_OBJECT, NULL);
  return fields_lookup (object->fields, name);
}

static const SluiceField *
step_field_lookup (const SluiceStepType *type,
                   const char           *name)
{
  const SluiceField *field;

  if ((field = fields_lookup (step_head_fields, name)))
    return field;
  if (type == NULL)
    return NULL;
  if ((field = fields_lookup (type->fields, name)))
    return field;
  return fields_lookup (edge_fields (type), name);
}

/* ---- source map ----------------------------------------------------------- */

SluiceSourceMap *
sluice_source_map_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
source_map_add (SluiceSourceMap      *map,
                const char           *path,
                const SluiceYamlNode *node)
{
  SluiceSourcePosition *position;

  if (map == NULL)
    return;

  position = g_new (SluiceSourcePosition, 1);
  position->line = node->line;
  position->column = node->column;
  g_hash_table_replace (map, g_strdup (path), position);
}

/**
 * sluice_source_map_lookup:
 *
 * Finds where @path was written; when it was not (a missing field), the
 * closest enclosing value that was: "spec.steps[2].url" falls back to
 * "spec.steps[2]".
 */
gboolean
sluice_source_map_lookup (SluiceSourceMap      *map,
                          const char           *path,
                          SluiceSourcePosition *position)
{
  g_autofree char *copy = g_strdup (path);

  if (map == NULL || path == NULL)
    return FALSE;

  for (;;)
    {
      SluiceSourcePosition *found = g_hash_table_lookup (map, copy);
      char *cut;

      if (found != NULL)
        {
          *position = *found;
          return TRUE;
        }

      if (*copy == '\0')
        return FALSE;
      cut = MAX (strrchr (copy, '.'), strrchr (copy, '['));
      /* a top-level key falls back to the document itself, path "" */
      *(cut != NULL ? cut : copy) = '\0';
    }
}

/* ---- formats of text fields ------------------------------------------------ */

gboolean
sluice_identifier_is_valid (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || len > 63)
    return FALSE;
  if (!g_ascii_islower (text[0]) && !g_ascii_isdigit (text[0]))
    return FALSE;
  if (text[len - 1] == '-')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* data.account, data.contacts[0].email, data.user_id */
gboolean
sluice_path_is_valid (const char *path)
{
  const char *p = path;

  if (*p == '\0')
    return FALSE;

  for (;;)
    {
      const char *start = p;

      while (g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '$' || *p == '@')
        p++;
      if (p == start)
        return FALSE;
      while (*p == '[')
        {
          p++;
          if (!g_ascii_isdigit (*p))
            return FALSE;
          while (g_ascii_isdigit (*p))
            p++;
          if (*p != ']')
            return FALSE;
          p++;
        }
      if (*p == '\0')
        return TRUE;
      if (*p != '.')
        return FALSE;
      p++;
    }
}

static gboolean
cron_is_valid (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, " \t", -1);
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      for (const char *p = parts[i]; *p; p++)
        if (!g_ascii_isalnum (*p) && strchr ("*,/-?", *p) == NULL)
          return FALSE;
      n++;
    }

  return n == 5;
}

static gboolean
url_is_valid (const char *text)
{
  const char *rest;

  if (g_str_has_prefix (text, "https://"))
    rest = text + 8;
  else if (g_str_has_prefix (text, "http://"))
    rest = text + 7;
  else
    return FALSE;

  if (*rest == '\0' || *rest == '/')
    return FALSE;

  /* No white space, except inside {{ template }} references. */
  for (const char *p = rest; *p != '\0'; p++)
    {
      if (p[0] == '{' && p[1] == '{')
        {
          const char *close = strstr (p + 2, "}}");

          if (close == NULL || memchr (p, '\n', close - p) != NULL)
            return FALSE;
          p = close + 1;
        }
      else if (*p == ' ' || *p == '\t' || *p == '\n')
        return FALSE;
    }

  return TRUE;
}

/* ---- reading ---------------------------------------------------------------- */

static char *
child_path (const char *path,
            const char *name)
{
  return path[0] == '\0' ? g_strdup (name) : g_strdup_printf ("%s.%s", path, name);
}

static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0];
      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

/* "did you mean …" for a misspelt key or value; NULL when nothing is close */
static const char *
closest (const char         *word,
         const char * const *candidates,
         guint               n)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;

  for (guint i = 0; i < n && candidates[i] != NULL; i++)
    {
      guint d = edit_distance (word, candidates[i]);
      if (d < best_distance)
        best = candidates[i], best_distance = d;
    }

  return best_distance <= MAX (2, strlen (word) / 3) ? best : NULL;
}

static void
error_at (SluiceSchemaContext  *context,
          const SluiceYamlNode *node,
          const char           *rule_id,
          const char           *path,
          const char           *format,
          ...) G_GNUC_PRINTF (5, 6);

static void
error_at (SluiceSchemaContext  *context,
          const SluiceYamlNode *node,
          const char           *rule_id,
          const char           *path,
          const char           *format,
          ...)
{
  g_autofree char *message = NULL;
  SluiceDiagnostic *diagnostic;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  diagnostic = sluice_diagnostics_add (context->diagnostics, SLUICE_SEVERITY_ERROR, rule_id,
                                       node->line, node->column, "%s", message);
  diagnostic->path = g_strdup (path);
}

static const char *
field_label (const char *path)
{
  const char *dot = strrchr (path, '.');
  return dot ? dot + 1 : path;
}

static gboolean
expect_kind (SluiceSchemaContext  *context,
             const SluiceYamlNode *node,
             SluiceYamlKind        kind,
             const char           *path,
             const char           *expected)
{
  if (node->kind == kind)
    return TRUE;

  error_at (context, node, "schema/type", path,
            /* Translators: “field” must be a list/a mapping (found a string) */
            _("“%s” must be %s, not %s"), field_label (path), expected,
            sluice_yaml_kind_describe (node));
  return FALSE;
}

/* A scalar that must be text: quoted, or plain that resolves to a string. */
static const char *
expect_text (SluiceSchemaContext  *context,
             const SluiceYamlNode *node,
             const char           *path,
             gboolean              one_line)
{
  if (!expect_kind (context, node, SLUICE_YAML_SCALAR, path, _("text")))
    return NULL;

  if (node->plain && sluice_yaml_resolve_plain (node->scalar, NULL) != SLUICE_SCALAR_STRING)
    {
      error_at (context, node, "schema/type", path,
                _("“%s” must be text, not %s; write \"%s\" to keep it as text"),
                field_label (path), sluice_yaml_kind_describe (node), node->scalar);
      return NULL;
    }

  if (one_line && strchr (node->scalar, '\n') != NULL)
    {
      error_at (context, node, "schema/type", path,
                _("“%s” must be a single line"), field_label (path));
      return NULL;
    }

  return node->scalar;
}

static JsonNode *
read_scalar_value (const SluiceYamlNode *node)
{
  SluiceScalarValue value;
  JsonNode *json = json_node_new (JSON_NODE_VALUE);

  if (!node->plain)
    {
      json_node_set_string (json, node->scalar);
      return json;
    }

  switch (sluice_yaml_resolve_plain (node->scalar, &value))
    {
    case SLUICE_SCALAR_NULL:
      json_node_init_null (json);
      break;
    case SLUICE_SCALAR_BOOL:
      json_node_set_boolean (json, value.boolean);
      break;
    case SLUICE_SCALAR_INT:
      json_node_set_int (json, value.integer);
      break;
    case SLUICE_SCALAR_FLOAT:
      json_node_set_double (json, value.number);
      break;
    case SLUICE_SCALAR_STRING:
    default:
      json_node_set_string (json, node->scalar);
      break;
    }

  return json;
}

static JsonNode *read_field (const SluiceField *, const SluiceYamlNode *, const char *, SluiceSchemaContext *);

static JsonNode *
read_object_fields (const SluiceField    *fields,
                    const SluiceStepType *step_type,
                    gboolean              is_step,
                    const SluiceYamlNode *node,
                    const char           *path,
                    SluiceSchemaContext  *context)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *result;

  for (guint i = 0; i < sluice_yaml_mapping_size (node); i++)
    {
      SluiceYamlNode *key = sluice_yaml_mapping_key (node, i);
      SluiceYamlNode *value = sluice_yaml_mapping_value (node, i);
      const SluiceField *field = is_step ? step_field_lookup (step_type, key->scalar)
                                         : fields_lookup (fields, key->scalar);
      g_autofree char *member_path = child_path (path, key->scalar);
      JsonNode *member;

      if (json_object_has_member (object, key->scalar))
        continue; /* a duplicate key, already reported */

      if (field == NULL)
        {
          g_autoptr(GPtrArray) names = g_ptr_array_new ();
          const char *suggestion;

          if (is_step)
            {
              for (guint j = 0; step_head_fields[j].name; j++)
                g_ptr_array_add (names, (gpointer) step_head_fields[j].name);
              if (step_type != NULL)
                {
                  for (guint j = 0; step_type->fields[j].name; j++)
                    g_ptr_array_add (names, (gpointer) step_type->fields[j].name);
                  for (const SluiceField *e = edge_fields (step_type); e->name; e++)
                    g_ptr_array_add (names, (gpointer) e->name);
                }
            }
          else
            for (guint j = 0; fields[j].name; j++)
              g_ptr_array_add (names, (gpointer) fields[j].name);
          g_ptr_array_add (names, NULL);

          suggestion = closest (key->scalar, (const char * const *) names->pdata, names->len);
          if (is_step && step_type != NULL)
            error_at (context, key, "schema/unknown-key", member_path,
                      suggestion ? _("Unknown key “%s” for a step of type %s; did you mean “%s”?")
                                 : _("Unknown key “%s” for a step of type %s%s"),
                      key->scalar, step_type->name, suggestion ? suggestion : "");
          else
            error_at (context, key, "schema/unknown-key", member_path,
                      suggestion ? _("Unknown key “%s”; did you mean “%s”?")
                                 : _("Unknown key “%s”%s"),
                      key->scalar, suggestion ? suggestion : "");
          continue;
        }

      member = read_field (field, value, member_path, context);
      if (member != NULL)
        json_object_set_member (object, key->scalar, member);
    }

  result = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (result, object);
  return result;
}

static JsonNode *
read_step (const SluiceField    *field,
           const SluiceYamlNode *node,
           const char           *path,
           SluiceSchemaContext  *context)
{
  const SluiceYamlNode *type_node;
  const SluiceStepType *type = NULL;
  JsonNode *result;
  JsonObject *object;

  if (!expect_kind (context, node, SLUICE_YAML_MAPPING, path, _("a mapping")))
    return NULL;

  type_node = sluice_yaml_mapping_lookup (node, "type");
  if (type_node == NULL)
    {
      error_at (context, node, "schema/required", path,
                _("The step has no “type”; say what kind of step it is, e.g. type: notify"));
    }
  else if (type_node->kind == SLUICE_YAML_SCALAR)
    {
      type = sluice_step_type_lookup (type_node->scalar);
      if (type == NULL)
        {
          guint n_types;
          const SluiceStepType *all = sluice_step_type_get_all (&n_types);
          g_autoptr(GPtrArray) names = g_ptr_array_new ();
          const char *suggestion;

          for (guint i = 0; i < n_types; i++)
            g_ptr_array_add (names, (gpointer) all[i].name);
          g_ptr_array_add (names, NULL);
          suggestion = closest (type_node->scalar, (const char * const *) names->pdata, n_types);
          if (suggestion)
            error_at (context, type_node, "schema/unknown-step-type", path,
                      _("Unknown step type “%s”; did you mean “%s”?"), type_node->scalar, suggestion);
          else
            error_at (context, type_node, "schema/unknown-step-type", path,
                      _("Unknown step type “%s”"), type_node->scalar);
        }
      else if ((field->flags & SLUICE_FIELD_FLAG_TRIGGER) && !sluice_step_type_is_trigger (type))
        {
          error_at (context, type_node, "schema/trigger-type", path,
                    _("The trigger must be an event or schedule trigger, not “%s”"),
                    type_node->scalar);
          type = NULL;
        }
    }

  /* A bad id is reported by the field check; only a missing one here. */
  if (sluice_yaml_mapping_lookup (node, "id") == NULL && !(field->flags & SLUICE_FIELD_FLAG_TRIGGER))
    error_at (context, node, "schema/required", path,
              _("The step has no “id”; give it a unique name such as notify-owner"));

  /* Without a known type we cannot tell which keys belong; reporting
   * every one of them as unknown would only bury the real error. */
  if (type == NULL)
    return NULL;

  result = read_object_fields (NULL, type, TRUE, node, path, context);
  object = json_node_get_object (result);

  if (!json_object_has_member (object, "id") && (field->flags & SLUICE_FIELD_FLAG_TRIGGER))
    json_object_set_string_member (object, "id", "trigger");

  return result;
}

static JsonNode *
read_field (const SluiceField    *field,
            const SluiceYamlNode *node,
            const char           *path,
            SluiceSchemaContext  *context)
{
  JsonNode *result = NULL;
  const char *text;
  SluiceScalarValue value;

  source_map_add (context->source_map, path, node);

  switch (field->kind)
    {
    case SLUICE_FIELD_STRING:
    case SLUICE_FIELD_TEMPLATE:
    case SLUICE_FIELD_TEXT:
      text = expect_text (context, node, path, field->kind != SLUICE_FIELD_TEXT);
      if (text != NULL)
        result = json_node_init_string (json_node_alloc (), text);
      break;

    case SLUICE_FIELD_IDENTIFIER:
    case SLUICE_FIELD_STEP_REF:
      text = expect_text (context, node, path, TRUE);
      if (text != NULL && !sluice_identifier_is_valid (text))
        error_at (context, node, "schema/format", path,
                  _("“%s” is not a valid name: use lower-case letters, digits and dashes (at most 63), e.g. notify-owner"),
                  text);
      else if (text != NULL)
        result = json_node_init_string (json_node_alloc (), text);
      break;

    case SLUICE_FIELD_PATH:
      text = expect_text (context, node, path, TRUE);
      if (text != NULL && !sluice_path_is_valid (text))
        error_at (context, node, "schema/format", path,
                  _("“%s” is not a field path; write names joined by dots, e.g. data.account or data.contacts[0].email"),
                  text);
      else if (text != NULL)
        result = json_node_init_string (json_node_alloc (), text);
      break;

    case SLUICE_FIELD_URL:
      text = expect_text (context, node, path, TRUE);
      if (text != NULL && !url_is_valid (text))
        error_at (context, node, "schema/format", path,
                  _("“%s” is not an http or https URL"), text);
      else if (text != NULL)
        result = json_node_init_string (json_node_alloc (), text);
      break;

    case SLUICE_FIELD_CRON:
      text = expect_text (context, node, path, TRUE);
      if (text != NULL && !cron_is_valid (text))
        error_at (context, node, "schema/format", path,
                  _("“%s” is not a cron expression; write five fields: minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-5"),
                  text);
      else if (text != NULL)
        result = json_node_init_string (json_node_alloc (), text);
      break;

    case SLUICE_FIELD_DURATION:
      {
        gint64 msec;

        if (!expect_kind (context, node, SLUICE_YAML_SCALAR, path, _("a duration")))
          break;
        if (!sluice_duration_parse (node->scalar, &msec))
          {
            error_at (context, node, "schema/format", path,
                      _("“%s” is not a duration; write a number and a unit (ms, s, m, h, d, w), e.g. 30s, 15m or 7d"),
                      node->scalar);
            break;
          }
        result = json_node_init_string (json_node_alloc (), node->scalar);
        {
          g_autofree char *canonical = sluice_duration_format (msec);
          json_node_set_string (result, canonical);
        }
      }
      break;

    case SLUICE_FIELD_INTEGER:
      if (!expect_kind (context, node, SLUICE_YAML_SCALAR, path, _("a whole number")))
        break;
      if (!node->plain || sluice_yaml_resolve_plain (node->scalar, &value) != SLUICE_SCALAR_INT)
        {
          error_at (context, node, "schema/type", path, _("“%s” must be a whole number, not %s"),
                    field_label (path), sluice_yaml_kind_describe (node));
          break;
        }
      if (value.integer < field->minimum || (field->maximum > 0 && value.integer > field->maximum))
        {
          if (field->maximum > 0)
            error_at (context, node, "schema/range", path,
                      _("“%s” must be between %" PRId64 " and %" PRId64),
                      field_label (path), field->minimum, field->maximum);
          else
            error_at (context, node, "schema/range", path,
                      _("“%s” must be at least %" PRId64),
                      field_label (path), field->minimum);
          break;
        }
      result = json_node_init_int (json_node_alloc (), value.integer);
      break;

    case SLUICE_FIELD_NUMBER:
      if (!expect_kind (context, node, SLUICE_YAML_SCALAR, path, _("a number")))
        break;
      switch (node->plain ? sluice_yaml_resolve_plain (node->scalar, &value) : SLUICE_SCALAR_STRING)
        {
        case SLUICE_SCALAR_INT:
          result = json_node_init_double (json_node_alloc (), (double) value.integer);
          break;
        case SLUICE_SCALAR_FLOAT:
          if (isfinite (value.number))
            {
              result = json_node_init_double (json_node_alloc (), value.number);
              break;
            }
          G_GNUC_FALLTHROUGH;
        case SLUICE_SCALAR_STRING:
        case SLUICE_SCALAR_NULL:
        case SLUICE_SCALAR_BOOL:
        default:
          error_at (context, node, "schema/type", path, _("“%s” must be a finite number, not %s"),
                    field_label (path), sluice_yaml_kind_describe (node));
          break;
        }
      break;

    case SLUICE_FIELD_BOOLEAN:
      if (!expect_kind (context, node, SLUICE_YAML_SCALAR, path, _("true or false")))
        break;
      if (!node->plain || sluice_yaml_resolve_plain (node->scalar, &value) != SLUICE_SCALAR_BOOL)
        {
          error_at (context, node, "schema/type", path, _("“%s” must be true or false, not “%s”"),
                    field_label (path), node->scalar);
          break;
        }
      result = json_node_init_boolean (json_node_alloc (), value.boolean);
      break;

    case SLUICE_FIELD_ENUM:
      if (!expect_kind (context, node, SLUICE_YAML_SCALAR, path, _("one of its choices")))
        break;
      if (!g_strv_contains (field->choices, node->scalar))
        {
          g_autofree char *choices = g_strjoinv (", ", (char **) field->choices);
          const char *suggestion = closest (node->scalar, field->choices, G_MAXUINT);

          if (suggestion)
            error_at (context, node, "schema/enum", path,
                      _("“%s” cannot be “%s”; did you mean “%s”? (choices: %s)"),
                      field_label (path), node->scalar, suggestion, choices);
          else
            error_at (context, node, "schema/enum", path,
                      _("“%s” cannot be “%s”; choose one of: %s"),
                      field_label (path), node->scalar, choices);
          break;
        }
      result = json_node_init_string (json_node_alloc (), node->scalar);
      break;

    case SLUICE_FIELD_VALUE:
      if (node->kind == SLUICE_YAML_SCALAR)
        result = read_scalar_value (node);
      else if (node->kind == SLUICE_YAML_SEQUENCE)
        {
          g_autoptr(JsonArray) array = json_array_new ();
          gboolean ok = TRUE;

          for (guint i = 0; i < node->children->len; i++)
            {
              SluiceYamlNode *item = g_ptr_array_index (node->children, i);
              g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);

              source_map_add (context->source_map, item_path, item);
              if (item->kind != SLUICE_YAML_SCALAR)
                {
                  error_at (context, item, "schema/type", item_path,
                            _("A list of values holds plain values, not %s"),
                            sluice_yaml_kind_describe (item));
                  ok = FALSE;
                  continue;
                }
              json_array_add_element (array, read_scalar_value (item));
            }
          if (ok)
            {
              result = json_node_new (JSON_NODE_ARRAY);
              json_node_set_array (result, array);
            }
        }
      else
        error_at (context, node, "schema/type", path,
                  _("“%s” must be a value or a list of values, not %s"),
                  field_label (path), sluice_yaml_kind_describe (node));
      break;

    case SLUICE_FIELD_LIST:
      if (!expect_kind (context, node, SLUICE_YAML_SEQUENCE, path, _("a list")))
        break;
      {
        g_autoptr(JsonArray) array = json_array_new ();

        for (guint i = 0; i < node->children->len; i++)
          {
            g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
            JsonNode *item = read_field (field->item, g_ptr_array_index (node->children, i),
                                         item_path, context);
            if (item != NULL)
              json_array_add_element (array, item);
          }
        result = json_node_new (JSON_NODE_ARRAY);
        json_node_set_array (result, array);
      }
      break;

    case SLUICE_FIELD_MAP:
      if (!expect_kind (context, node, SLUICE_YAML_MAPPING, path, _("a mapping")))
        break;
      {
        g_autoptr(JsonObject) object = json_object_new ();

        for (guint i = 0; i < sluice_yaml_mapping_size (node); i++)
          {
            SluiceYamlNode *key = sluice_yaml_mapping_key (node, i);
            g_autofree char *item_path = child_path (path, key->scalar);
            JsonNode *item;

            if (json_object_has_member (object, key->scalar))
              continue;
            item = read_field (field->item, sluice_yaml_mapping_value (node, i), item_path, context);
            if (item != NULL)
              json_object_set_member (object, key->scalar, item);
          }
        result = json_node_new (JSON_NODE_OBJECT);
        json_node_set_object (result, object);
      }
      break;

    case SLUICE_FIELD_OBJECT:
      if (!expect_kind (context, node, SLUICE_YAML_MAPPING, path, _("a mapping")))
        break;
      result = read_object_fields (field->fields, NULL, FALSE, node, path, context);
      break;

    case SLUICE_FIELD_STEP:
      result = read_step (field, node, path, context);
      break;

    default:
      g_assert_not_reached ();
    }

  return result;
}

/**
 * sluice_schema_read:
 * @field: the grammar of @node
 * @node: the YAML to read
 * @path: the document path of @node ("" for the root)
 * @context: where errors and source positions go
 *
 * Checks @node against @field and converts it to JSON: durations in their
 * canonical spelling, numbers and booleans typed. Unknown keys, wrong
 * types, bad formats and unknown choices are reported with their position;
 * whatever is wrong is left out of the result.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when @node
 *   itself is unusable
 */
JsonNode *
sluice_schema_read (const SluiceField    *field,
                    const SluiceYamlNode *node,
                    const char           *path,
                    SluiceSchemaContext  *context)
{
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (context != NULL && context->diagnostics != NULL, NULL);

  return read_field (field, node, path, context);
}

/* ---- writing -------------------------------------------------------------- */

static void write_field (const SluiceField *, JsonNode *, SluiceYamlWriter *);

static void
write_value (JsonNode         *node,
             SluiceYamlWriter *writer)
{
  if (JSON_NODE_HOLDS_NULL (node))
    sluice_yaml_writer_null (writer);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      sluice_yaml_writer_begin_sequence (writer, n == 0);
      for (guint i = 0; i < n; i++)
        write_value (json_array_get_element (array, i), writer);
      sluice_yaml_writer_end_sequence (writer);
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    sluice_yaml_writer_string (writer, json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    sluice_yaml_writer_boolean (writer, json_node_get_boolean (node));
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    sluice_yaml_writer_int (writer, json_node_get_int (node));
  else
    sluice_yaml_writer_double (writer, json_node_get_double (node));
}

static void
write_members (const SluiceField *fields,
               JsonObject        *object,
               SluiceYamlWriter  *writer)
{
  for (guint i = 0; fields[i].name != NULL; i++)
    {
      JsonNode *member = json_object_get_member (object, fields[i].name);

      if (member == NULL)
        continue;
      sluice_yaml_writer_plain (writer, fields[i].name);
      write_field (&fields[i], member, writer);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
write_field (const SluiceField *field,
             JsonNode          *node,
             SluiceYamlWriter  *writer)
{
  switch (field->kind)
    {
    case SLUICE_FIELD_NUMBER:
      {
        double v = json_node_get_double (node);

        /* Canvas coordinates are mostly whole: write 120, not 120.0 */
        if (v == (double) (gint64) v && ABS (v) < 1e15)
          sluice_yaml_writer_int (writer, (gint64) v);
        else
          sluice_yaml_writer_double (writer, v);
      }
      break;

    case SLUICE_FIELD_STRING:
    case SLUICE_FIELD_TEXT:
    case SLUICE_FIELD_TEMPLATE:
    case SLUICE_FIELD_IDENTIFIER:
    case SLUICE_FIELD_STEP_REF:
    case SLUICE_FIELD_PATH:
    case SLUICE_FIELD_URL:
    case SLUICE_FIELD_CRON:
    case SLUICE_FIELD_DURATION:
    case SLUICE_FIELD_INTEGER:
    case SLUICE_FIELD_BOOLEAN:
    case SLUICE_FIELD_ENUM:
    case SLUICE_FIELD_VALUE:
      write_value (node, writer);
      break;

    case SLUICE_FIELD_LIST:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        sluice_yaml_writer_begin_sequence (writer, n == 0);
        for (guint i = 0; i < n; i++)
          write_field (field->item, json_array_get_element (array, i), writer);
        sluice_yaml_writer_end_sequence (writer);
      }
      break;

    case SLUICE_FIELD_MAP:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);
        g_autoptr(GPtrArray) keys = g_ptr_array_new ();

        if (members == NULL)
          {
            sluice_yaml_writer_empty_mapping (writer);
            break;
          }

        /* Map keys carry no order in meaning; sorting makes output canonical. */
        for (GList *l = members; l; l = l->next)
          g_ptr_array_add (keys, l->data);
        g_ptr_array_sort (keys, compare_strings);

        sluice_yaml_writer_begin_mapping (writer);
        for (guint i = 0; i < keys->len; i++)
          {
            const char *key = g_ptr_array_index (keys, i);

            sluice_yaml_writer_string (writer, key);
            write_field (field->item, json_object_get_member (object, key), writer);
          }
        sluice_yaml_writer_end_mapping (writer);
      }
      break;

    case SLUICE_FIELD_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);

        if (json_object_get_size (object) == 0)
          {
            sluice_yaml_writer_empty_mapping (writer);
            break;
          }
        sluice_yaml_writer_begin_mapping (writer);
        write_members (field->fields, object, writer);
        sluice_yaml_writer_end_mapping (writer);
      }
      break;

    case SLUICE_FIELD_STEP:
      {
        JsonObject *object = json_node_get_object (node);
        const SluiceStepType *type =
          sluice_step_type_lookup (json_object_get_string_member_with_default (object, "type", NULL));

        g_return_if_fail (type != NULL);

        sluice_yaml_writer_begin_mapping (writer);
        write_members (step_head_fields, object, writer);
        write_members (type->fields, object, writer);
        write_members (edge_fields (type), object, writer);
        sluice_yaml_writer_end_mapping (writer);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * sluice_schema_write_yaml:
 * @field: the grammar of @value
 * @value: a value as sluice_schema_read() makes them
 *
 * Writes canonical YAML: keys in grammar order (map keys sorted), scalars
 * quoted exactly when needed, multi-line text as literal blocks.
 *
 * Returns: (transfer full): the YAML text
 */
char *
sluice_schema_write_yaml (const SluiceField *field,
                          JsonNode          *value)
{
  SluiceYamlWriter *writer = sluice_yaml_writer_new ();

  write_field (field, value, writer);
  return sluice_yaml_writer_finish (writer);
}

/* ---- JSON Schema ------------------------------------------------------------ */

#define IDENTIFIER_PATTERN "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"
#define PATH_PATTERN "^[A-Za-z0-9_$@-]+(\\[[0-9]+\\])*(\\.[A-Za-z0-9_$@-]+(\\[[0-9]+\\])*)*$"
#define DURATION_PATTERN "^([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"

static JsonObject *field_schema (const SluiceField *field);

static JsonObject *
string_schema (const char *pattern)
{
  JsonObject *schema = json_object_new ();

  json_object_set_string_member (schema, "type", "string");
  if (pattern)
    json_object_set_string_member (schema, "pattern", pattern);
  return schema;
}

static JsonObject *
scalar_value_schema (void)
{
  JsonObject *schema = json_object_new ();
  JsonArray *types = json_array_new ();

  json_array_add_string_element (types, "string");
  json_array_add_string_element (types, "number");
  json_array_add_string_element (types, "boolean");
  json_array_add_string_element (types, "null");
  json_object_set_array_member (schema, "type", types);
  return schema;
}

static JsonObject *
ref_schema (const char *def)
{
  JsonObject *schema = json_object_new ();
  g_autofree char *ref = g_strdup_printf ("#/$defs/%s", def);

  json_object_set_string_member (schema, "$ref", ref);
  return schema;
}

static void
add_properties (JsonObject        *properties,
                JsonArray         *required,
                const SluiceField *fields)
{
  for (guint i = 0; fields[i].name != NULL; i++)
    {
      json_object_set_object_member (properties, fields[i].name, field_schema (&fields[i]));
      if (required && (fields[i].flags & SLUICE_FIELD_FLAG_REQUIRED))
        json_array_add_string_element (required, fields[i].name);
    }
}

static JsonObject *
object_schema (const SluiceField *fields)
{
  JsonObject *schema = json_object_new ();
  JsonObject *properties = json_object_new ();
  JsonArray *required = json_array_new ();

  json_object_set_string_member (schema, "type", "object");
  add_properties (properties, required, fields);
  json_object_set_object_member (schema, "properties", properties);
  if (json_array_get_length (required) > 0)
    json_object_set_array_member (schema, "required", required);
  else
    json_array_unref (required);
  json_object_set_boolean_member (schema, "additionalProperties", FALSE);
  return schema;
}

static JsonObject *
field_schema (const SluiceField *field)
{
  JsonObject *schema = NULL;

  switch (field->kind)
    {
    case SLUICE_FIELD_STRING:
      schema = string_schema ("^[^\\n]*$");
      break;
    case SLUICE_FIELD_TEMPLATE:
      schema = string_schema ("^[^\\n]*$");
      break;
    case SLUICE_FIELD_TEXT:
      schema = string_schema (NULL);
      break;
    case SLUICE_FIELD_IDENTIFIER:
    case SLUICE_FIELD_STEP_REF:
      schema = string_schema (IDENTIFIER_PATTERN);
      break;
    case SLUICE_FIELD_PATH:
      schema = string_schema (PATH_PATTERN);
      break;
    case SLUICE_FIELD_URL:
      /* white space only inside {{ template }} references */
      schema = string_schema ("^https?://(\\{\\{[^}]*\\}\\}|[^/\\s{])(\\{\\{[^}]*\\}\\}|[^\\s{])*$");
      break;
    case SLUICE_FIELD_CRON:
      schema = string_schema ("^\\s*\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s*$");
      break;
    case SLUICE_FIELD_DURATION:
      schema = string_schema (DURATION_PATTERN);
      json_object_set_int_member (schema, "minLength", 2);
      break;
    case SLUICE_FIELD_INTEGER:
      schema = json_object_new ();
      json_object_set_string_member (schema, "type", "integer");
      json_object_set_int_member (schema, "minimum", field->minimum);
      if (field->maximum > 0)
        json_object_set_int_member (schema, "maximum", field->maximum);
      break;
    case SLUICE_FIELD_NUMBER:
      schema = json_object_new ();
      json_object_set_string_member (schema, "type", "number");
      break;
    case SLUICE_FIELD_BOOLEAN:
      schema = json_object_new ();
      json_object_set_string_member (schema, "type", "boolean");
      break;
    case SLUICE_FIELD_ENUM:
      {
        JsonArray *choices = json_array_new ();

        schema = json_object_new ();
        for (guint i = 0; field->choices[i]; i++)
          json_array_add_string_element (choices, field->choices[i]);
        json_object_set_array_member (schema, "enum", choices);
      }
      break;
    case SLUICE_FIELD_VALUE:
      {
        JsonArray *any_of = json_array_new ();
        JsonObject *list = json_object_new ();

        schema = json_object_new ();
        json_array_add_object_element (any_of, scalar_value_schema ());
        json_object_set_string_member (list, "type", "array");
        json_object_set_object_member (list, "items", scalar_value_schema ());
        json_array_add_object_element (any_of, list);
        json_object_set_array_member (schema, "anyOf", any_of);
      }
      break;
    case SLUICE_FIELD_LIST:
      schema = json_object_new ();
      json_object_set_string_member (schema, "type", "array");
      json_object_set_object_member (schema, "items", field_schema (field->item));
      break;
    case SLUICE_FIELD_MAP:
      schema = json_object_new ();
      json_object_set_string_member (schema, "type", "object");
      json_object_set_object_member (schema, "additionalProperties", field_schema (field->item));
      break;
    case SLUICE_FIELD_OBJECT:
      if (field->fields == sluice_filter_field.fields)
        schema = ref_schema ("filter");
      else
        schema = object_schema (field->fields);
      break;
    case SLUICE_FIELD_STEP:
      schema = ref_schema ((field->flags & SLUICE_FIELD_FLAG_TRIGGER) ? "trigger" : "step");
      break;
    default:
      g_assert_not_reached ();
    }

  if (field->title && field->kind != SLUICE_FIELD_STEP && !json_object_has_member (schema, "$ref"))
    json_object_set_string_member (schema, "title", field->title);
  if (field->description && !json_object_has_member (schema, "$ref"))
    json_object_set_string_member (schema, "description", field->description);

  return schema;
}

static JsonObject *
step_schema (gboolean triggers_only)
{
  JsonObject *schema = json_object_new ();
  JsonObject *properties = json_object_new ();
  JsonArray *required = json_array_new ();
  JsonArray *all_of = json_array_new ();
  JsonArray *type_names = json_array_new ();
  JsonObject *type_schema;
  const SluiceStepType *types;
  guint n_types;

  types = sluice_step_type_get_all (&n_types);

  json_object_set_string_member (schema, "type", "object");
  add_properties (properties, NULL, step_head_fields);
  json_array_add_string_element (required, "type");
  if (!triggers_only)
    json_array_add_string_element (required, "id");

  type_schema = json_object_get_object_member (properties, "type");
  json_object_remove_member (type_schema, "type");
  json_object_remove_member (type_schema, "pattern");

  for (guint i = 0; i < n_types; i++)
    {
      JsonObject *branch, *condition, *cond_props, *const_schema, *then;
      JsonObject *then_props;
      JsonArray *then_required;

      if (triggers_only && !sluice_step_type_is_trigger (&types[i]))
        continue;
      json_array_add_string_element (type_names, types[i].name);

      branch = json_object_new ();
      condition = json_object_new ();
      cond_props = json_object_new ();
      const_schema = json_object_new ();
      json_object_set_string_member (const_schema, "const", types[i].name);
      json_object_set_object_member (cond_props, "type", const_schema);
      json_object_set_object_member (condition, "properties", cond_props);
      json_object_set_object_member (branch, "if", condition);

      then = json_object_new ();
      then_props = json_object_new ();
      then_required = json_array_new ();
      add_properties (then_props, then_required, types[i].fields);
      add_properties (then_props, NULL, edge_fields (&types[i]));
      json_object_set_string_member (then, "description", types[i].description);
      json_object_set_object_member (then, "properties", then_props);
      if (json_array_get_length (then_required) > 0)
        json_object_set_array_member (then, "required", then_required);
      else
        json_array_unref (then_required);
      json_object_set_object_member (branch, "then", then);

      json_array_add_object_element (all_of, branch);
    }

  json_object_set_array_member (type_schema, "enum", type_names);
  json_object_set_object_member (schema, "properties", properties);
  json_object_set_array_member (schema, "required", required);
  json_object_set_array_member (schema, "allOf", all_of);
  /* Properties of the matching type's branch count as evaluated, so this
   * rejects keys that belong to no field of the step's type. */
  json_object_set_boolean_member (schema, "unevaluatedProperties", FALSE);

  return schema;
}

/**
 * sluice_schema_to_json_schema:
 *
 * The workflow grammar as a JSON Schema (draft 2020-12), for editors and
 * other tools. Shipped as data/sluice-workflow.schema.json; a test keeps
 * that file equal to this output.
 *
 * Returns: (transfer full): the schema
 */
JsonNode *
sluice_schema_to_json_schema (void)
{
  JsonObject *root = object_schema (sluice_schema_workflow ()->fields);
  JsonObject *defs = json_object_new ();
  JsonObject *ordered = json_object_new ();
  JsonNode *node;
  g_autoptr(GList) members = NULL;

  json_object_set_object_member (defs, "trigger", step_schema (TRUE));
  json_object_set_object_member (defs, "step", step_schema (FALSE));
  json_object_set_object_member (defs, "filter", object_schema (sluice_filter_field.fields));

  json_object_set_string_member (ordered, "$schema", "https://json-schema.org/draft/2020-12/schema");
  json_object_set_string_member (ordered, "$id", "https://sluice.dev/schemas/workflow-v1.json");
  json_object_set_string_member (ordered, "title", sluice_schema_workflow ()->title);
  json_object_set_string_member (ordered, "description", sluice_schema_workflow ()->description);
  members = json_object_get_members (root);
  for (GList *l = members; l; l = l->next)
    json_object_set_member (ordered, l->data, json_node_copy (json_object_get_member (root, l->data)));
  json_object_set_object_member (ordered, "$defs", defs);
  json_object_unref (root);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, ordered);
  return node;
}
