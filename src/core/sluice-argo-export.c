/* sluice-argo-export.c — a workflow as Argo Events + Argo Workflows manifests
 *
 * A Sluice workflow becomes two Kubernetes objects:
 *
 *  - an Argo Events Sensor (or, for a schedule trigger, an Argo Workflows
 *    CronWorkflow) that picks the events the trigger's filters accept and
 *    submits one Workflow per event, with the whole CloudEvent as the
 *    workflow parameter "event";
 *  - an Argo Workflows WorkflowTemplate holding the steps as a DAG.
 *
 * What every construct maps to, and what is reported instead when Argo has
 * no way to say it, is documented in help/C/export-argo.page; the rule ids
 * of the findings are listed there too. Nothing is left out silently: a
 * filter, template reference or safety setting that Argo cannot express is
 * a finding naming the step.
 *
 * The field names follow the published CRDs. What this file relies on:
 *
 *  - Sensor (argo-events pkg/apis/sensor/v1alpha1/types.go):
 *    spec.template.serviceAccountName; dependencies[] {name,
 *    eventSourceName, eventName, filters {data, exprs}}; DataFilter {path
 *    (a gjson path), type string|number|bool, comparator
 *    ">=" ">" "=" "!=" "<" "<=", value []string}; ExprFilter {expr
 *    (govaluate), fields [{name, path}]}; triggers[] {template {name,
 *    argoWorkflow {operation, source.resource, parameters}}, rateLimit
 *    {unit Second|Minute|Hour, requestsPerUnit}}; TriggerParameter {src
 *    {dependencyName, dataKey}, dest}.
 *  - How data filters compare (argo-events sensors/dependencies/filter.go):
 *    several values in one filter pass when any one matches; filters are
 *    and-ed; a path the event lacks fails the filter; for type string each
 *    value is a Go regular expression (RE2) that "=" requires to match and
 *    "!=" to not match, so exact text is written as ^quoted$; numbers use
 *    every comparator. govaluate compares strings lexicographically but
 *    reads a date-like string literal as a number (govaluate MANUAL.md).
 *  - The webhook event source wraps a request as {header, body}
 *    (argo-events docs/sensors/filters/data.md), so a structured-mode
 *    CloudEvent posted to it sits under "body" (SluiceArgoOptions.payload_key).
 *  - WorkflowTemplate / CronWorkflow (argo-workflows docs): dag.tasks[]
 *    {name, template, depends, when, withParam, arguments}; enhanced
 *    depends "a.Succeeded || b.Succeeded", a task whose `when` is false is
 *    Skipped and one whose depends is false Omitted, so a branch not taken
 *    stops there (docs/enhanced-depends-logic.md); retryStrategy {limit,
 *    retryPolicy, backoff {duration, factor, cap}} (cap: Argo Workflows
 *    3.7 and later); activeDeadlineSeconds on the workflow and on a
 *    suspend template, which fails the node at the deadline (argo-workflows
 *    PR #1704); http {method, url, headers [{name, value}], body}
 *    (docs/http-template.md); suspend {} and suspend {duration};
 *    CronWorkflow spec {schedule, timezone, workflowSpec}
 *    (docs/cron-workflows.md).
 *  - Expression tags "{{=…}}" (docs/variables.md, util/expr/env/env.go):
 *    expr-lang with jsonpath(json, path), toJson(), sprig.*; in `when`
 *    the tag is replaced by true or false before Argo evaluates it. expr
 *    slices clamp to the list's length (expr vm/runtime Slice), so
 *    list[:cap] is the first cap items of any list.
 *
 * Output is deterministic: objects are built with members in a fixed
 * order and written through SluiceYamlWriter, so the same workflow always
 * gives the same bytes.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-argo-export.h"
#include "sluice-duration.h"
#include "sluice-filter.h"
#include "sluice-json.h"
#include "sluice-template.h"
#include "sluice-yaml-writer.h"

G_DEFINE_QUARK (sluice-argo-error-quark, sluice_argo_error)

#define ARGO_API_VERSION   "argoproj.io/v1alpha1"
#define EVENT_PARAMETER    "workflow.parameters.event"
#define MAX_PATHS_PER_TASK 64

/* ---- the default action images ------------------------------------------------ */

static const char * const record_command[] = { "sluice-action", "record", NULL };
static const char * const notify_command[] = { "sluice-action", "notify", NULL };
static const char * const ticket_command[] = { "sluice-action", "ticket", NULL };
static const char * const api_command[] = { "sluice-action", "api", NULL };
static const char * const job_command[] = { "sluice-action", "job", NULL };

static const SluiceArgoImage default_images[] = {
  { "record", "ghcr.io/sluice/actions-record:1", record_command },
  { "notify", "ghcr.io/sluice/actions-notify:1", notify_command },
  { "ticket", "ghcr.io/sluice/actions-ticket:1", ticket_command },
  { "api",    "ghcr.io/sluice/actions-api:1",    api_command },
  { "job",    "ghcr.io/sluice/actions-job:1",    job_command },
};

/**
 * sluice_argo_default_images:
 *
 * The images and commands action steps run in unless the options say
 * otherwise; one per container-run step type.
 */
const SluiceArgoImage *
sluice_argo_default_images (guint *n_images)
{
  if (n_images)
    *n_images = G_N_ELEMENTS (default_images);
  return default_images;
}

/* ---- the export ------------------------------------------------------------------ */

typedef struct
{
  SluiceWorkflow          *workflow;
  SluiceDiagnostics       *findings;
  const char              *sluice_name;     /* metadata.name as written */
  char                    *name;            /* the Kubernetes name */
  const char              *event_source_name;
  const char              *event_name;
  const char              *payload_key;
  const char              *sensor_service_account;
  const char              *service_account;
  const char              *namespace_name;
  const SluiceArgoImage   *images;
  JsonObject              *safety;          /* may be NULL */
  GHashTable              *reported;        /* finding keys, so each is said once */
  GHashTable              *doc_index;       /* SluiceStep* → position + 1 */
  GHashTable              *guards;          /* condition or switch id → GPtrArray of branch guards */
  GHashTable              *template_names;  /* names used in spec.templates */
  GHashTable              *step_templates;  /* "id\x1fscope" → template name */
  GHashTable              *multiplicity;    /* step id → runs per event (guint64 *) */
  JsonArray               *templates;       /* spec.templates after "main" */
  guint                    walk_budget;     /* steps walk() may still visit */
  gboolean                 route_template;  /* the no-op route template is needed */
  const char              *route_name;
} Export;

static void
report (Export           *ex,
        SluiceSeverity    severity,
        const char       *rule_id,
        const SluiceStep *step,
        const char       *field,
        const char       *format,
        ...) G_GNUC_PRINTF (6, 7);

/* Adds a finding once. @field is relative to @step, or a document path
 * when there is no step. */
static void
report (Export           *ex,
        SluiceSeverity    severity,
        const char       *rule_id,
        const SluiceStep *step,
        const char       *field,
        const char       *format,
        ...)
{
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  SluiceSourcePosition position = { 0, 0 };
  SluiceDiagnostic *diagnostic;
  const char *base = step ? sluice_step_get_source_path (step) : NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (base != NULL && field != NULL)
    path = g_strdup_printf ("%s.%s", base, field);
  else
    path = g_strdup (base ? base : field);

  key = g_strdup_printf ("%s\x1f%s\x1f%s", rule_id, path ? path : "", message);
  if (!g_hash_table_add (ex->reported, g_steal_pointer (&key)))
    return;

  if (path != NULL)
    sluice_workflow_lookup_position (ex->workflow, path, &position);

  diagnostic = sluice_diagnostics_add (ex->findings, severity, rule_id,
                                       position.line, position.column, "%s", message);
  diagnostic->path = g_steal_pointer (&path);
  if (step != NULL)
    diagnostic->step_id = g_strdup (sluice_step_get_id (step));
}

static const char *
step_type_name (const SluiceStep *step)
{
  return sluice_step_get_step_type (step)->name;
}

static gboolean
is_action (const SluiceStep *step)
{
  return sluice_step_get_step_type (step)->category == SLUICE_STEP_CATEGORY_ACTION;
}

/* Steps that become a DAG task; conditions and switches become `when`
 * clauses on the tasks after them, a cooldown is reported and passed
 * through, an end stops its path. */
static gboolean
is_task (const SluiceStep *step)
{
  const char *type = step_type_name (step);

  return is_action (step)
    || g_str_equal (type, "delay")
    || g_str_equal (type, "approval")
    || g_str_equal (type, "foreach");
}

static guint
doc_index (Export           *ex,
           const SluiceStep *step)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (ex->doc_index, step));
}

/* ---- small text helpers ---------------------------------------------------------- */

/* An expr-lang string literal. */
static void
append_expr_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '\'':
          g_string_append (out, "\\'");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '\'');
}

/* Like Go's regexp.QuoteMeta: @text as an RE2 pattern matching itself. */
static void
append_regex_quoted (GString    *out,
                     const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (strchr ("\\.+*?()|[]{}^$", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static char *
regex_exact (const char *text)
{
  GString *out = g_string_new ("^");

  append_regex_quoted (out, text);
  g_string_append_c (out, '$');
  return g_string_free (out, FALSE);
}

/* Whether a GRegex (PCRE) pattern uses something Go's RE2 does not have:
 * look-around, back-references, atomic groups, possessive quantifiers. We
 * look for the constructs rather than parse the pattern, so this can say
 * no to a pattern RE2 would take, never yes to one it would refuse. */
static gboolean
regex_is_re2 (const char *pattern)
{
  static const char * const pcre_only[] = {
    "(?=", "(?!", "(?<=", "(?<!", "(?>", "(?<", "(?|", "(?#", "(?R", "(?&",
    "\\g", "\\k", "\\Z", "\\G", "\\h", "\\H", "\\R", "\\X", "\\K",
    "*+", "++", "?+", "}+",
    NULL
  };

  for (guint i = 0; pcre_only[i] != NULL; i++)
    if (strstr (pattern, pcre_only[i]) != NULL)
      return FALSE;

  for (const char *p = pattern; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          if (p[1] >= '1' && p[1] <= '9')
            return FALSE;
          p++;
        }
    }

  return TRUE;
}

/* A Sluice duration in Go's time.ParseDuration syntax, which Argo reads:
 * "7d" is "168h", "1h30m" stays, "250ms" stays. */
static char *
go_duration (gint64 msec)
{
  GString *out = g_string_new (NULL);
  gint64 hours = msec / SLUICE_MSEC_PER_HOUR;
  gint64 minutes = (msec / SLUICE_MSEC_PER_MINUTE) % 60;
  gint64 seconds = (msec / SLUICE_MSEC_PER_SECOND) % 60;
  gint64 millis = msec % SLUICE_MSEC_PER_SECOND;

  if (hours > 0)
    g_string_append_printf (out, "%" PRId64 "h", hours);
  if (minutes > 0)
    g_string_append_printf (out, "%" PRId64 "m", minutes);
  if (seconds > 0)
    g_string_append_printf (out, "%" PRId64 "s", seconds);
  if (millis > 0)
    g_string_append_printf (out, "%" PRId64 "ms", millis);
  if (out->len == 0)
    g_string_append (out, "0s");

  return g_string_free (out, FALSE);
}

/* ---- field paths ------------------------------------------------------------------ */

/* One step of a Sluice field path: a name, or a list position. */
typedef struct
{
  char *name;    /* NULL for a position */
  guint index;
} PathPart;

static void
path_part_free (PathPart *part)
{
  g_free (part->name);
  g_free (part);
}

/* Splits "data.contacts[0].email" into data, contacts, [0], email. The
 * schema has checked the path's form; anything else gives %NULL. */
static GPtrArray *
path_split (const char *path)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) path_part_free);
  const char *p = path;

  if (path == NULL || *path == '\0')
    return NULL;

  while (*p)
    {
      const char *start = p;
      PathPart *part;

      while (*p && *p != '.' && *p != '[')
        p++;
      if (p == start)
        return NULL;
      part = g_new0 (PathPart, 1);
      part->name = g_strndup (start, p - start);
      g_ptr_array_add (parts, part);

      while (*p == '[')
        {
          char *end;
          guint64 n = g_ascii_strtoull (p + 1, &end, 10);

          if (end == p + 1 || *end != ']')
            return NULL;
          part = g_new0 (PathPart, 1);
          part->index = (guint) MIN (n, G_MAXUINT);
          g_ptr_array_add (parts, part);
          p = end + 1;
        }

      if (*p == '.')
        p++;
      else if (*p != '\0')
        return NULL;
    }

  return g_steal_pointer (&parts);
}

static gboolean
is_simple_name (const char *name)
{
  if (!g_ascii_isalpha (*name) && *name != '_')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* The JSONPath of parts[first..last), e.g. "$.data.contacts[0]". */
static char *
json_path (GPtrArray *parts,
           guint      first,
           guint      last)
{
  GString *out = g_string_new ("$");

  for (guint i = first; i < last; i++)
    {
      PathPart *part = g_ptr_array_index (parts, i);

      if (part->name == NULL)
        g_string_append_printf (out, "[%u]", part->index);
      else if (is_simple_name (part->name))
        g_string_append_printf (out, ".%s", part->name);
      else
        g_string_append_printf (out, "[\"%s\"]", part->name);
    }

  return g_string_free (out, FALSE);
}

/* jsonpath(base, '<path of parts[first..last)>'), or @base itself for
 * an empty path. */
static char *
jsonpath_call (const char *base,
               GPtrArray  *parts,
               guint       first,
               guint       last)
{
  g_autofree char *path = NULL;
  GString *out;

  if (first >= last)
    return g_strdup (base);

  path = json_path (parts, first, last);
  out = g_string_new ("jsonpath(");
  g_string_append_printf (out, "%s, ", base);
  append_expr_string (out, path);
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

/* The value of an event field path (data.x, or an envelope attribute such
 * as tenant) as an expr-lang expression over the "event" parameter. */
static char *
event_field_expr (const char *path)
{
  g_autoptr(GPtrArray) parts = path_split (path);

  if (parts == NULL)
    return NULL;
  return jsonpath_call (EVENT_PARAMETER, parts, 0, parts->len);
}

/* The gjson path of an event field inside the Argo event data:
 * "body.data.percent". gjson gives '.', '*', '?' and a few more a meaning,
 * so every character but letters, digits, '_' and '-' is escaped. */
static char *
gjson_path (Export     *ex,
            const char *path)
{
  g_autoptr(GPtrArray) parts = path_split (path);
  GString *out;

  if (parts == NULL)
    return NULL;

  out = g_string_new (ex->payload_key);
  for (guint i = 0; i < parts->len; i++)
    {
      PathPart *part = g_ptr_array_index (parts, i);

      if (out->len > 0)
        g_string_append_c (out, '.');
      if (part->name == NULL)
        {
          g_string_append_printf (out, "%u", part->index);
          continue;
        }
      for (const char *p = part->name; *p; p++)
        {
          if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

/* ---- JSON values -------------------------------------------------------------------- */

typedef enum
{
  VALUE_NONE,
  VALUE_NULL,
  VALUE_STRING,
  VALUE_NUMBER,
  VALUE_BOOL,
  VALUE_LIST,
  VALUE_OTHER,
} ValueKind;

static ValueKind
value_kind (JsonNode *node)
{
  if (node == NULL)
    return VALUE_NONE;
  if (JSON_NODE_HOLDS_NULL (node))
    return VALUE_NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return VALUE_LIST;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return VALUE_OTHER;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return VALUE_STRING;
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return VALUE_NUMBER;
    case G_TYPE_BOOLEAN:
      return VALUE_BOOL;
    default:
      return VALUE_OTHER;
    }
}

/* A number as text that Go's strconv.ParseFloat and expr-lang read. */
static char *
number_text (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" PRId64, json_node_get_int (node));
  return sluice_double_to_string (json_node_get_double (node));
}

/* The kind all items of @list share, or VALUE_OTHER when they are mixed
 * or not scalars, VALUE_NONE when the list is empty. */
static ValueKind
list_kind (JsonArray *list)
{
  ValueKind kind = VALUE_NONE;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      ValueKind k = value_kind (json_array_get_element (list, i));

      if (k != VALUE_STRING && k != VALUE_NUMBER && k != VALUE_BOOL)
        return VALUE_OTHER;
      if (kind != VALUE_NONE && kind != k)
        return VALUE_OTHER;
      kind = k;
    }

  return kind;
}

static void
append_expr_literal (GString  *out,
                     JsonNode *node)
{
  switch (value_kind (node))
    {
    case VALUE_STRING:
      append_expr_string (out, json_node_get_string (node));
      break;

    case VALUE_NUMBER:
      {
        g_autofree char *text = number_text (node);
        g_string_append (out, text);
      }
      break;

    case VALUE_BOOL:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;

    case VALUE_LIST:
      {
        JsonArray *list = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (list); i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            append_expr_literal (out, json_array_get_element (list, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case VALUE_NONE:
    case VALUE_NULL:
    case VALUE_OTHER:
    default:
      g_string_append (out, "nil");
      break;
    }
}

static gboolean
json_equal (JsonNode *a,
            JsonNode *b)
{
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  ta = sluice_json_to_string (a, FALSE);
  tb = sluice_json_to_string (b, FALSE);
  return g_strcmp0 (ta, tb) == 0;
}

/* ---- building the manifests as JSON -------------------------------------------------- */

static JsonObject *
add_object (JsonObject *parent,
            const char *name)
{
  JsonObject *child = json_object_new ();

  json_object_set_object_member (parent, name, child);
  return child;
}

static JsonArray *
add_array (JsonObject *parent,
           const char *name)
{
  JsonArray *child = json_array_new ();

  json_object_set_array_member (parent, name, child);
  return child;
}

static JsonObject *
append_object (JsonArray *array)
{
  JsonObject *child = json_object_new ();

  json_array_add_object_element (array, child);
  return child;
}

static JsonArray *
string_array (const char * const *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings && strings[i]; i++)
    json_array_add_string_element (array, strings[i]);
  return array;
}

static void
add_parameter (JsonArray  *parameters,
               const char *name,
               const char *value)
{
  JsonObject *parameter = append_object (parameters);

  json_object_set_string_member (parameter, "name", name);
  if (value != NULL)
    json_object_set_string_member (parameter, "value", value);
}

/* ---- trigger filters → Sensor data filters and exprs ------------------------------------ */

static JsonObject *
add_data_filter (JsonArray  *data,
                 const char *path,
                 const char *type,
                 const char *comparator)
{
  JsonObject *filter = append_object (data);

  json_object_set_string_member (filter, "path", path);
  json_object_set_string_member (filter, "type", type);
  if (comparator != NULL)
    json_object_set_string_member (filter, "comparator", comparator);
  return filter;
}

static void
add_data_filter_value (JsonArray  *data,
                       const char *path,
                       const char *type,
                       const char *comparator,
                       const char *value)
{
  JsonObject *filter = add_data_filter (data, path, type, comparator);
  JsonArray *values = add_array (filter, "value");

  json_array_add_string_element (values, value);
}

/* A data filter that passes whenever @path exists: a string filter's
 * value is a regular expression, and ".*" matches every value's text. */
static void
add_exists_filter (JsonArray  *data,
                   const char *path)
{
  add_data_filter_value (data, path, "string", NULL, ".*");
}

static const char *
comparator_symbol (SluiceFilterOp op)
{
  switch (op)
    {
    case SLUICE_FILTER_EQ:
      return "=";
    case SLUICE_FILTER_NE:
      return "!=";
    case SLUICE_FILTER_GT:
      return ">";
    case SLUICE_FILTER_GTE:
      return ">=";
    case SLUICE_FILTER_LT:
      return "<";
    case SLUICE_FILTER_LTE:
      return "<=";
    case SLUICE_FILTER_IN:
    case SLUICE_FILTER_NOT_IN:
    case SLUICE_FILTER_EXISTS:
    case SLUICE_FILTER_CONTAINS:
    case SLUICE_FILTER_MATCHES:
    case SLUICE_FILTER_WITHIN:
    case SLUICE_FILTER_CHANGED:
    case SLUICE_N_FILTER_OPS:
    default:
      return NULL;
    }
}

static void
report_sensor_filter (Export             *ex,
                      SluiceStep         *trigger,
                      guint               index,
                      const SluiceFilter *filter,
                      const char         *why)
{
  g_autofree char *field = g_strdup_printf ("filters[%u]", index);
  g_autofree char *description = sluice_filter_describe (filter);

  report (ex, SLUICE_SEVERITY_ERROR, "argo/unsupported-filter", trigger, field,
          _("The Sensor cannot check the trigger filter “%s” (%s); it leaves the filter out, so events the workflow rejects would start it"),
          description, why);
}

/* A string ordering (gt, lt, …) as a govaluate expr filter. govaluate
 * reads a string literal that looks like a date as a number, and we cannot
 * tell which ones it will, so values with digits are not sent that way;
 * nor are quotes and backslashes, whose escaping govaluate leaves open. */
static gboolean
add_string_order_expr (JsonArray          *exprs,
                       const char         *path,
                       const SluiceFilter *filter)
{
  const char *value = json_node_get_string (filter->value);
  JsonObject *expr;
  JsonArray *fields;
  JsonObject *field;
  g_autofree char *text = NULL;

  for (const char *p = value; *p; p++)
    if (g_ascii_isdigit (*p) || *p == '\'' || *p == '\\' || *p == '"')
      return FALSE;

  text = g_strdup_printf ("value %s '%s'", comparator_symbol (filter->op), value);
  expr = append_object (exprs);
  json_object_set_string_member (expr, "expr", text);
  fields = add_array (expr, "fields");
  field = append_object (fields);
  json_object_set_string_member (field, "name", "value");
  json_object_set_string_member (field, "path", path);
  return TRUE;
}

static void
sensor_filter (Export             *ex,
               SluiceStep         *trigger,
               guint               index,
               const SluiceFilter *filter,
               JsonArray          *data,
               JsonArray          *exprs)
{
  g_autofree char *path = gjson_path (ex, filter->path);
  ValueKind kind = value_kind (filter->value);

  if (path == NULL)
    {
      report_sensor_filter (ex, trigger, index, filter, _("the field path is not valid"));
      return;
    }

  switch (filter->op)
    {
    case SLUICE_FILTER_EQ:
    case SLUICE_FILTER_NE:
      if (kind == VALUE_STRING)
        {
          g_autofree char *exact = regex_exact (json_node_get_string (filter->value));
          add_data_filter_value (data, path, "string", comparator_symbol (filter->op), exact);
        }
      else if (kind == VALUE_NUMBER)
        {
          g_autofree char *number = number_text (filter->value);
          add_data_filter_value (data, path, "number", comparator_symbol (filter->op), number);
        }
      else if (kind == VALUE_BOOL)
        {
          /* A bool filter has no comparator: "not true" is "false". */
          gboolean wanted = json_node_get_boolean (filter->value) == (filter->op == SLUICE_FILTER_EQ);
          add_data_filter_value (data, path, "bool", NULL, wanted ? "true" : "false");
        }
      else
        report_sensor_filter (ex, trigger, index, filter, _("data filters compare text, numbers and true or false, not null"));
      break;

    case SLUICE_FILTER_GT:
    case SLUICE_FILTER_GTE:
    case SLUICE_FILTER_LT:
    case SLUICE_FILTER_LTE:
      if (kind == VALUE_NUMBER)
        {
          g_autofree char *number = number_text (filter->value);
          add_data_filter_value (data, path, "number", comparator_symbol (filter->op), number);
        }
      else if (kind != VALUE_STRING || !add_string_order_expr (exprs, path, filter))
        report_sensor_filter (ex, trigger, index, filter,
                              _("Argo Events orders text only in expressions, which read text with digits as dates"));
      break;

    case SLUICE_FILTER_IN:
      {
        JsonArray *list = kind == VALUE_LIST ? json_node_get_array (filter->value) : NULL;
        ValueKind items = list ? list_kind (list) : VALUE_OTHER;
        JsonObject *object;
        JsonArray *values;

        if (items != VALUE_STRING && items != VALUE_NUMBER && items != VALUE_BOOL)
          {
            report_sensor_filter (ex, trigger, index, filter,
                                  _("one data filter compares values of one kind, and the list is empty or mixes kinds"));
            break;
          }

        /* the values of one data filter are alternatives */
        object = add_data_filter (data, path,
                                  items == VALUE_STRING ? "string" : items == VALUE_NUMBER ? "number" : "bool",
                                  items == VALUE_BOOL ? NULL : "=");
        values = add_array (object, "value");
        for (guint i = 0; i < json_array_get_length (list); i++)
          {
            JsonNode *item = json_array_get_element (list, i);
            g_autofree char *text = items == VALUE_STRING ? regex_exact (json_node_get_string (item))
                                  : items == VALUE_NUMBER ? number_text (item)
                                  : g_strdup (json_node_get_boolean (item) ? "true" : "false");
            json_array_add_string_element (values, text);
          }
      }
      break;

    case SLUICE_FILTER_NOT_IN:
      {
        JsonArray *list = kind == VALUE_LIST ? json_node_get_array (filter->value) : NULL;
        ValueKind items = list ? list_kind (list) : VALUE_OTHER;
        guint n = list ? json_array_get_length (list) : 0;

        if (items == VALUE_NONE && list != NULL)
          add_exists_filter (data, path);   /* not in [] passes every present value */
        else if (items == VALUE_STRING)
          {
            /* several "!=" values would be or-ed, so one pattern holds them all */
            GString *pattern = g_string_new ("^(?:");

            for (guint i = 0; i < n; i++)
              {
                if (i > 0)
                  g_string_append_c (pattern, '|');
                append_regex_quoted (pattern, json_array_get_string_element (list, i));
              }
            g_string_append (pattern, ")$");
            add_data_filter_value (data, path, "string", "!=", pattern->str);
            g_string_free (pattern, TRUE);
          }
        else if (items == VALUE_NUMBER)
          {
            /* separate filters are and-ed */
            for (guint i = 0; i < n; i++)
              {
                g_autofree char *number = number_text (json_array_get_element (list, i));
                add_data_filter_value (data, path, "number", "!=", number);
              }
          }
        else if (items == VALUE_BOOL)
          {
            gboolean has_true = FALSE, has_false = FALSE;

            for (guint i = 0; i < n; i++)
              {
                if (json_array_get_boolean_element (list, i))
                  has_true = TRUE;
                else
                  has_false = TRUE;
              }
            if (has_true && has_false)
              report_sensor_filter (ex, trigger, index, filter, _("no value of true or false passes it"));
            else
              add_data_filter_value (data, path, "bool", NULL, has_true ? "false" : "true");
          }
        else
          report_sensor_filter (ex, trigger, index, filter,
                                _("one data filter compares values of one kind, and the list mixes kinds"));
      }
      break;

    case SLUICE_FILTER_EXISTS:
      if (kind == VALUE_BOOL && !json_node_get_boolean (filter->value))
        report_sensor_filter (ex, trigger, index, filter,
                              _("a data filter fails on a missing field, so it cannot require one to be absent"));
      else
        add_exists_filter (data, path);
      break;

    case SLUICE_FILTER_CONTAINS:
      if (kind == VALUE_STRING)
        {
          GString *pattern = g_string_new (NULL);
          g_autofree char *field = g_strdup_printf ("filters[%u]", index);

          append_regex_quoted (pattern, json_node_get_string (filter->value));
          add_data_filter_value (data, path, "string", "=", pattern->str);
          g_string_free (pattern, TRUE);
          report (ex, SLUICE_SEVERITY_WARNING, "argo/approximate-filter", trigger, field,
                  _("The Sensor checks “contains” on the field's text: exact for a text field, but a list passes when any item contains “%s”, not only when an item equals it"),
                  json_node_get_string (filter->value));
        }
      else if (kind == VALUE_NUMBER || kind == VALUE_BOOL)
        {
          /* gjson's #(==value) query finds a list item equal to the value */
          GString *query = g_string_new (path);

          g_string_append (query, ".#(==");
          if (kind == VALUE_NUMBER)
            {
              g_autofree char *number = number_text (filter->value);
              g_string_append (query, number);
            }
          else
            g_string_append (query, json_node_get_boolean (filter->value) ? "true" : "false");
          g_string_append_c (query, ')');
          add_exists_filter (data, query->str);
          g_string_free (query, TRUE);
        }
      else
        report_sensor_filter (ex, trigger, index, filter, _("it looks for null"));
      break;

    case SLUICE_FILTER_MATCHES:
      if (kind == VALUE_STRING && regex_is_re2 (json_node_get_string (filter->value)))
        add_data_filter_value (data, path, "string", "=", json_node_get_string (filter->value));
      else
        report_sensor_filter (ex, trigger, index, filter,
                              _("Argo uses Go regular expressions (RE2), which have no look-around, back-references or possessive quantifiers"));
      break;

    case SLUICE_FILTER_WITHIN:
      report_sensor_filter (ex, trigger, index, filter,
                            _("Argo Events filters compare no dates and durations; its time filter only checks the time of day the event arrived"));
      break;

    case SLUICE_FILTER_CHANGED:
      report_sensor_filter (ex, trigger, index, filter,
                            _("a Sensor remembers nothing of an entity's previous event"));
      break;

    case SLUICE_N_FILTER_OPS:
    default:
      g_assert_not_reached ();
    }
}

/* ---- condition filters → expr-lang for `when` -------------------------------------------- */

static void
report_when_filter (Export             *ex,
                    SluiceStep         *step,
                    guint               index,
                    const SluiceFilter *filter,
                    const char         *why)
{
  g_autofree char *field = g_strdup_printf ("filters[%u]", index);
  g_autofree char *description = sluice_filter_describe (filter);

  report (ex, SLUICE_SEVERITY_ERROR, "argo/unsupported-filter", step, field,
          _("Argo cannot evaluate the filter “%s” of “%s” in a when clause (%s); the branch is decided without it"),
          description, sluice_step_get_id (step), why);
}

/* Whether the field @path is present: its last name is a key of the
 * object holding it (expr's `in` on a map), or its last position is
 * inside the list. */
static char *
exists_expr (const char *path)
{
  g_autoptr(GPtrArray) parts = path_split (path);
  g_autofree char *parent = NULL;
  PathPart *last;
  GString *out;

  if (parts == NULL)
    return NULL;

  last = g_ptr_array_index (parts, parts->len - 1);
  parent = jsonpath_call (EVENT_PARAMETER, parts, 0, parts->len - 1);
  if (parts->len == 1)
    {
      g_free (parent);
      parent = g_strdup ("jsonpath(" EVENT_PARAMETER ", '$')");
    }

  out = g_string_new (NULL);
  if (last->name != NULL)
    {
      append_expr_string (out, last->name);
      g_string_append_printf (out, " in %s", parent);
    }
  else
    g_string_append_printf (out, "len(%s) > %u", parent, last->index);

  return g_string_free (out, FALSE);
}

/* @filter as an expr-lang condition, or %NULL (reported) when Argo cannot
 * evaluate it. */
static char *
filter_expr (Export             *ex,
             SluiceStep         *step,
             guint               index,
             const SluiceFilter *filter)
{
  g_autofree char *field = event_field_expr (filter->path);
  ValueKind kind = value_kind (filter->value);
  GString *out;

  if (field == NULL)
    {
      report_when_filter (ex, step, index, filter, _("the field path is not valid"));
      return NULL;
    }

  out = g_string_new (NULL);
  switch (filter->op)
    {
    case SLUICE_FILTER_EQ:
    case SLUICE_FILTER_NE:
    case SLUICE_FILTER_GT:
    case SLUICE_FILTER_GTE:
    case SLUICE_FILTER_LT:
    case SLUICE_FILTER_LTE:
      {
        const char *symbol = filter->op == SLUICE_FILTER_EQ ? "==" : comparator_symbol (filter->op);

        g_string_append_printf (out, "%s %s ", field, symbol);
        append_expr_literal (out, filter->value);
      }
      break;

    case SLUICE_FILTER_IN:
    case SLUICE_FILTER_NOT_IN:
      if (kind != VALUE_LIST)
        goto unsupported;
      if (filter->op == SLUICE_FILTER_NOT_IN)
        g_string_append (out, "!(");
      g_string_append_printf (out, "%s in ", field);
      append_expr_literal (out, filter->value);
      if (filter->op == SLUICE_FILTER_NOT_IN)
        g_string_append_c (out, ')');
      break;

    case SLUICE_FILTER_EXISTS:
      {
        g_autofree char *exists = exists_expr (filter->path);
        gboolean wanted = kind != VALUE_BOOL || json_node_get_boolean (filter->value);

        if (exists == NULL)
          goto unsupported;
        if (wanted)
          g_string_append (out, exists);
        else
          g_string_append_printf (out, "!(%s)", exists);
      }
      break;

    case SLUICE_FILTER_CONTAINS:
      if (kind == VALUE_STRING)
        {
          /* text contains text; a list contains an equal item */
          g_string_append_printf (out, "(sprig.kindIs('slice', %s) ? ", field);
          append_expr_literal (out, filter->value);
          g_string_append_printf (out, " in %s : %s contains ", field, field);
          append_expr_literal (out, filter->value);
          g_string_append_c (out, ')');
        }
      else if (kind == VALUE_NUMBER || kind == VALUE_BOOL)
        {
          append_expr_literal (out, filter->value);
          g_string_append_printf (out, " in %s", field);
        }
      else
        goto unsupported;
      break;

    case SLUICE_FILTER_MATCHES:
      if (kind != VALUE_STRING || !regex_is_re2 (json_node_get_string (filter->value)))
        {
          report_when_filter (ex, step, index, filter,
                              _("Argo uses Go regular expressions (RE2), which have no look-around, back-references or possessive quantifiers"));
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_printf (out, "%s matches ", field);
      append_expr_literal (out, filter->value);
      break;

    case SLUICE_FILTER_WITHIN:
      report_when_filter (ex, step, index, filter,
                          _("the event's time is not known to the workflow, only its payload"));
      g_string_free (out, TRUE);
      return NULL;

    case SLUICE_FILTER_CHANGED:
      report_when_filter (ex, step, index, filter,
                          _("a workflow run knows nothing of the entity's previous event"));
      g_string_free (out, TRUE);
      return NULL;

    case SLUICE_N_FILTER_OPS:
    default:
      g_assert_not_reached ();
    }

  return g_string_free (out, FALSE);

unsupported:
  report_when_filter (ex, step, index, filter, _("its value does not suit the operator"));
  g_string_free (out, TRUE);
  return NULL;
}

/* Joins conditions with @op ("&&" or "||"), each in parentheses when
 * there are several. */
static char *
join_exprs (GPtrArray  *exprs,
            const char *op)
{
  GString *out;

  if (exprs->len == 1)
    return g_strdup (g_ptr_array_index (exprs, 0));

  out = g_string_new (NULL);
  for (guint i = 0; i < exprs->len; i++)
    {
      if (i > 0)
        g_string_append_printf (out, " %s ", op);
      g_string_append_printf (out, "(%s)", (const char *) g_ptr_array_index (exprs, i));
    }
  return g_string_free (out, FALSE);
}

static char *
negate (const char *expr)
{
  return g_strdup_printf ("!(%s)", expr);
}

/* The guard of each outgoing edge of a condition or switch, in the order
 * of sluice_step_get_edges(); %NULL for an edge with no guard. Computed
 * once per step, so its findings are reported once. */
static GPtrArray *
branch_guards (Export     *ex,
               SluiceStep *step)
{
  GPtrArray *guards = g_hash_table_lookup (ex->guards, sluice_step_get_id (step));
  g_autoptr(GArray) edges = NULL;

  if (guards != NULL)
    return guards;

  guards = g_ptr_array_new_with_free_func (g_free);
  edges = sluice_step_get_edges (step);

  if (g_str_equal (step_type_name (step), "condition"))
    {
      g_autoptr(GPtrArray) filters = sluice_step_get_filters (step);
      g_autoptr(GPtrArray) exprs = g_ptr_array_new_with_free_func (g_free);
      gboolean any = g_strcmp0 (sluice_step_get_string (step, "match"), "any") == 0;
      g_autofree char *guard = NULL;

      for (guint i = 0; i < filters->len; i++)
        {
          char *expr = filter_expr (ex, step, i, g_ptr_array_index (filters, i));

          if (expr != NULL)
            g_ptr_array_add (exprs, expr);
        }
      guard = exprs->len > 0 ? join_exprs (exprs, any ? "||" : "&&") : g_strdup ("true");

      for (guint e = 0; e < edges->len; e++)
        {
          SluiceEdge *edge = &g_array_index (edges, SluiceEdge, e);

          g_ptr_array_add (guards, g_str_equal (edge->label, "then") ? g_strdup (guard) : negate (guard));
        }
    }
  else
    {
      const char *path = sluice_step_get_string (step, "path");
      g_autofree char *field = path ? event_field_expr (path) : NULL;
      g_autoptr(GPtrArray) seen = g_ptr_array_new ();

      for (guint e = 0; e < edges->len; e++)
        {
          SluiceEdge *edge = &g_array_index (edges, SluiceEdge, e);
          GString *guard;

          if (field == NULL)
            {
              report (ex, SLUICE_SEVERITY_ERROR, "argo/unsupported-filter", step, "path",
                      _("The switch “%s” has no valid field path, so Argo cannot choose a case"),
                      sluice_step_get_id (step));
              g_ptr_array_add (guards, g_strdup ("false"));
              continue;
            }

          guard = g_string_new (NULL);
          if (g_str_equal (edge->label, "default"))
            {
              /* none of the cases */
              g_string_append_printf (guard, "!(%s in [", field);
              for (guint k = 0; k < seen->len; k++)
                {
                  if (k > 0)
                    g_string_append (guard, ", ");
                  append_expr_literal (guard, g_ptr_array_index (seen, k));
                }
              g_string_append (guard, "])");
            }
          else
            {
              gboolean duplicate = FALSE;

              for (guint k = 0; k < seen->len; k++)
                duplicate |= json_equal (g_ptr_array_index (seen, k), edge->case_value);

              /* the first matching case wins, so a repeated value never leads anywhere */
              if (duplicate)
                g_string_append (guard, "false");
              else
                {
                  g_string_append_printf (guard, "%s == ", field);
                  append_expr_literal (guard, edge->case_value);
                  g_ptr_array_add (seen, edge->case_value);
                }
            }
          g_ptr_array_add (guards, g_string_free (guard, FALSE));
        }
    }

  g_hash_table_insert (ex->guards, (gpointer) sluice_step_get_id (step), guards);
  return guards;
}

/* ---- templates: {{ data.account }} → {{=jsonpath(…)}} ------------------------------------------ */

/* @ref (a template reference's path) as an expr-lang expression, or as
 * literal text in *@literal; %NULL and reported when Argo has no value
 * for it. @scope holds the for-each item names the step sees, outermost
 * first. */
static char *
ref_expr (Export     *ex,
          SluiceStep *step,
          const char *field,
          const char *ref,
          GPtrArray  *scope,
          char      **literal)
{
  g_autoptr(GPtrArray) parts = path_split (ref);
  const char *root;

  if (parts == NULL)
    return NULL;
  root = ((PathPart *) g_ptr_array_index (parts, 0))->name;

  for (guint i = scope ? scope->len : 0; i > 0; i--)
    {
      const char *item = g_ptr_array_index (scope, i - 1);

      if (g_str_equal (item, root))
        {
          g_autofree char *base = g_strdup_printf ("inputs.parameters['%s']", item);
          return jsonpath_call (base, parts, 1, parts->len);
        }
    }

  if (g_str_equal (root, "data"))
    return jsonpath_call (EVENT_PARAMETER, parts, 0, parts->len);

  if (g_str_equal (root, "event"))
    return jsonpath_call (EVENT_PARAMETER, parts, 1, parts->len);

  if (g_str_equal (root, "entity") && parts->len == 1)
    {
      const char *key = sluice_workflow_get_entity_key (ex->workflow);

      if (key != NULL)
        return event_field_expr (key);
    }

  if (g_str_equal (root, "workflow") && parts->len == 2)
    {
      const char *name = ((PathPart *) g_ptr_array_index (parts, 1))->name;

      if (g_strcmp0 (name, "name") == 0)
        {
          *literal = g_strdup (ex->sluice_name);
          return NULL;
        }
      if (g_strcmp0 (name, "version") == 0)
        {
          *literal = g_strdup_printf ("%" PRId64, sluice_workflow_get_version (ex->workflow));
          return NULL;
        }
    }

  if (g_str_equal (root, "steps"))
    report (ex, SLUICE_SEVERITY_ERROR, "argo/unsupported-template", step, field,
            _("“{{ %s }}” reads what another step produced; the exported steps produce no outputs, so Argo has no value for it"),
            ref);
  else
    report (ex, SLUICE_SEVERITY_ERROR, "argo/unsupported-template", step, field,
            _("“{{ %s }}” names nothing the exported workflow knows; Argo would leave it empty"),
            ref);
  return NULL;
}

/* A template text with every reference turned into an Argo expression
 * tag. Text without references comes back as it is. */
static char *
render_template (Export     *ex,
                 SluiceStep *step,
                 const char *field,
                 const char *text,
                 GPtrArray  *scope)
{
  g_autoptr(GPtrArray) refs = NULL;
  GString *out;
  const char *p = text;

  if (!sluice_template_has_refs (text))
    return g_strdup (text);

  refs = sluice_template_parse (text, NULL, NULL);
  if (refs == NULL)
    {
      report (ex, SLUICE_SEVERITY_ERROR, "argo/unsupported-template", step, field,
              _("The template in “%s” is malformed, so it is exported as plain text"), field);
      return g_strdup (text);
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < refs->len; i++)
    {
      SluiceTemplateRef *ref = g_ptr_array_index (refs, i);
      const char *start = text + ref->offset;
      const char *end = strstr (start + 2, "}}") + 2;
      g_autofree char *literal = NULL;
      g_autofree char *expr = NULL;

      g_string_append_len (out, p, start - p);
      expr = ref_expr (ex, step, field, ref->path, scope, &literal);
      if (expr != NULL)
        g_string_append_printf (out, "{{=%s}}", expr);
      else if (literal != NULL)
        g_string_append (out, literal);
      p = end;
    }
  g_string_append (out, p);

  return g_string_free (out, FALSE);
}

/* ---- step templates ------------------------------------------------------------------------- */

static const SluiceArgoImage *
image_for (Export     *ex,
           const char *type)
{
  for (guint i = 0; ex->images && ex->images[i].step_type != NULL; i++)
    if (g_str_equal (ex->images[i].step_type, type))
      return &ex->images[i];

  for (guint i = 0; i < G_N_ELEMENTS (default_images); i++)
    if (g_str_equal (default_images[i].step_type, type))
      return &default_images[i];

  return NULL;
}

static const char * const *
command_for (const char *type,
             const SluiceArgoImage *image)
{
  if (image->command != NULL)
    return image->command;

  for (guint i = 0; i < G_N_ELEMENTS (default_images); i++)
    if (g_str_equal (default_images[i].step_type, type))
      return default_images[i].command;

  return NULL;
}

/* A name not yet used in @names, from @base: base, base-2, base-3… */
static char *
unique_name (GHashTable *names,
             const char *base)
{
  char *name = g_strdup (base);

  for (guint n = 2; g_hash_table_contains (names, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u", base, n);
    }
  g_hash_table_add (names, g_strdup (name));
  return name;
}

static JsonObject *
retry_strategy (Export     *ex,
                SluiceStep *step)
{
  JsonNode *node = ex->safety ? json_object_get_member (ex->safety, "retries") : NULL;
  JsonObject *retries, *strategy, *backoff;
  const char *kind, *delay, *max_delay;
  gint64 attempts, msec;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  retries = json_node_get_object (node);
  attempts = json_object_get_int_member_with_default (retries, "max", 0);
  if (attempts <= 0)
    return NULL;

  strategy = json_object_new ();
  json_object_set_int_member (strategy, "limit", attempts);
  /* Sluice retries a failed action whatever made it fail */
  json_object_set_string_member (strategy, "retryPolicy", "Always");

  kind = json_object_get_string_member_with_default (retries, "backoff", "none");
  delay = json_object_get_string_member_with_default (retries, "delay", NULL);
  max_delay = json_object_get_string_member_with_default (retries, "maxDelay", NULL);

  if (g_strcmp0 (kind, "none") == 0)
    return strategy;

  if (delay == NULL || !sluice_duration_parse (delay, &msec))
    {
      report (ex, SLUICE_SEVERITY_WARNING, "argo/approximate-retry", NULL, "spec.safety.retries",
              _("The retries have a %s backoff but no first delay, so Argo retries at once"), kind);
      return strategy;
    }

  backoff = add_object (strategy, "backoff");
  {
    g_autofree char *duration = go_duration (msec);
    json_object_set_string_member (backoff, "duration", duration);
  }
  json_object_set_int_member (backoff, "factor", g_str_equal (kind, "exponential") ? 2 : 1);
  if (g_str_equal (kind, "exponential") && max_delay != NULL && sluice_duration_parse (max_delay, &msec))
    {
      g_autofree char *cap = go_duration (msec);
      json_object_set_string_member (backoff, "cap", cap);
    }

  return strategy;
}

static void
add_scope_inputs (JsonObject *template,
                  GPtrArray  *scope)
{
  JsonArray *parameters;

  if (scope == NULL || scope->len == 0)
    return;

  parameters = add_array (add_object (template, "inputs"), "parameters");
  for (guint i = 0; i < scope->len; i++)
    add_parameter (parameters, g_ptr_array_index (scope, i), NULL);
}

static void
add_arg (JsonArray  *args,
         const char *name,
         const char *value)
{
  g_autofree char *arg = g_strdup_printf ("--%s=%s", name, value);

  json_array_add_string_element (args, arg);
}

/* One "--field=value" argument per setting, lists as repeated arguments,
 * maps as "--field=key=value"; text passes through render_template(). */
static void
add_field_args (Export            *ex,
                SluiceStep        *step,
                const SluiceField *field,
                JsonNode          *node,
                GPtrArray         *scope,
                JsonArray         *args)
{
  switch (value_kind (node))
    {
    case VALUE_STRING:
      {
        g_autofree char *value = render_template (ex, step, field->name, json_node_get_string (node), scope);
        add_arg (args, field->name, value);
      }
      break;

    case VALUE_NUMBER:
      {
        g_autofree char *value = number_text (node);
        add_arg (args, field->name, value);
      }
      break;

    case VALUE_BOOL:
      add_arg (args, field->name, json_node_get_boolean (node) ? "true" : "false");
      break;

    case VALUE_LIST:
      {
        JsonArray *list = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (list); i++)
          {
            JsonNode *item = json_array_get_element (list, i);
            g_autofree char *path = g_strdup_printf ("%s[%u]", field->name, i);
            g_autofree char *value = NULL;

            if (value_kind (item) == VALUE_STRING)
              value = render_template (ex, step, path, json_node_get_string (item), scope);
            else
              value = sluice_json_to_string (item, FALSE);
            add_arg (args, field->name, value);
          }
      }
      break;

    case VALUE_OTHER:
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObjectIter iter;
          const char *key;
          JsonNode *member;

          json_object_iter_init_ordered (&iter, json_node_get_object (node));
          while (json_object_iter_next_ordered (&iter, &key, &member))
            {
              g_autofree char *path = g_strdup_printf ("%s.%s", field->name, key);
              g_autofree char *value = value_kind (member) == VALUE_STRING
                ? render_template (ex, step, path, json_node_get_string (member), scope)
                : sluice_json_to_string (member, FALSE);
              g_autofree char *pair = g_strdup_printf ("%s=%s", key, value);

              add_arg (args, field->name, pair);
            }
        }
      break;

    case VALUE_NONE:
    case VALUE_NULL:
    default:
      break;
    }
}

static char *
idempotency_key (Export     *ex,
                 SluiceStep *step,
                 GPtrArray  *scope)
{
  const char *key = ex->safety ? json_object_get_string_member_with_default (ex->safety, "idempotencyKey", NULL) : NULL;

  if (key == NULL || *key == '\0')
    return NULL;
  return render_template (ex, step, "idempotencyKey", key, scope);
}

static void
container_template (Export     *ex,
                    SluiceStep *step,
                    GPtrArray  *scope,
                    JsonObject *template)
{
  const SluiceStepType *type = sluice_step_get_step_type (step);
  const SluiceArgoImage *image = image_for (ex, type->name);
  const char *entity_key = sluice_workflow_get_entity_key (ex->workflow);
  g_autofree char *entity = entity_key ? event_field_expr (entity_key) : NULL;
  g_autofree char *key = idempotency_key (ex, step, scope);
  JsonObject *container = add_object (template, "container");
  JsonArray *args;

  json_object_set_string_member (container, "image", image->image);
  json_object_set_array_member (container, "command", string_array (command_for (type->name, image)));
  args = add_array (container, "args");

  add_arg (args, "workflow", ex->sluice_name);
  add_arg (args, "step", sluice_step_get_id (step));
  if (entity != NULL)
    {
      g_autofree char *tag = g_strdup_printf ("{{=%s}}", entity);
      add_arg (args, "entity", tag);
    }
  if (key != NULL)
    add_arg (args, "idempotency-key", key);

  for (guint f = 0; type->fields[f].name != NULL; f++)
    {
      JsonNode *node = sluice_step_get_member (step, type->fields[f].name);

      if (node != NULL)
        add_field_args (ex, step, &type->fields[f], node, scope, args);
    }
}

static void
http_template (Export     *ex,
               SluiceStep *step,
               GPtrArray  *scope,
               JsonObject *template)
{
  JsonObject *http = add_object (template, "http");
  JsonNode *headers = sluice_step_get_member (step, "headers");
  const char *body = sluice_step_get_string (step, "body");
  const char *url = sluice_step_get_string (step, "url");
  g_autofree char *key = idempotency_key (ex, step, scope);
  g_autofree char *rendered_url = url ? render_template (ex, step, "url", url, scope) : g_strdup ("");
  JsonArray *header_list = NULL;
  gboolean has_key_header = FALSE;

  json_object_set_string_member (http, "method", sluice_step_get_string (step, "method") ?: "POST");
  json_object_set_string_member (http, "url", rendered_url);

  if (headers != NULL && JSON_NODE_HOLDS_OBJECT (headers))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, json_node_get_object (headers));
      while (json_object_iter_next_ordered (&iter, &name, &value))
        {
          g_autofree char *path = g_strdup_printf ("headers.%s", name);
          g_autofree char *text = value_kind (value) == VALUE_STRING
            ? render_template (ex, step, path, json_node_get_string (value), scope)
            : sluice_json_to_string (value, FALSE);
          JsonObject *header;

          if (header_list == NULL)
            header_list = add_array (http, "headers");
          header = append_object (header_list);
          json_object_set_string_member (header, "name", name);
          json_object_set_string_member (header, "value", text);
          has_key_header |= g_ascii_strcasecmp (name, "Idempotency-Key") == 0;
        }
    }

  /* the safety idempotency key travels as the usual header, unless the
   * step sets that header itself */
  if (key != NULL && !has_key_header)
    {
      JsonObject *header;

      if (header_list == NULL)
        header_list = add_array (http, "headers");
      header = append_object (header_list);
      json_object_set_string_member (header, "name", "Idempotency-Key");
      json_object_set_string_member (header, "value", key);
    }

  if (body != NULL)
    {
      g_autofree char *rendered = render_template (ex, step, "body", body, scope);
      json_object_set_string_member (http, "body", rendered);
    }
}

static void
suspend_template (Export     *ex,
                  SluiceStep *step,
                  JsonObject *template)
{
  JsonObject *suspend;
  gint64 msec;

  if (g_str_equal (step_type_name (step), "delay"))
    {
      const char *duration = sluice_step_get_string (step, "duration");
      g_autofree char *go = NULL;

      suspend = json_object_new ();
      if (duration != NULL && sluice_duration_parse (duration, &msec))
        {
          go = go_duration (msec);
          json_object_set_string_member (suspend, "duration", go);
        }
      json_object_set_object_member (template, "suspend", suspend);
      return;
    }

  /* approval: wait until someone resumes the workflow */
  {
    JsonNode *approvers = sluice_step_get_member (step, "approvers");
    const char *message = sluice_step_get_string (step, "message");
    const char *timeout = sluice_step_get_string (step, "timeout");
    JsonObject *annotations = NULL;

    if (approvers != NULL && JSON_NODE_HOLDS_ARRAY (approvers))
      {
        JsonArray *list = json_node_get_array (approvers);
        g_autoptr(GString) names = g_string_new (NULL);

        for (guint i = 0; i < json_array_get_length (list); i++)
          {
            JsonNode *item = json_array_get_element (list, i);

            if (value_kind (item) != VALUE_STRING)
              continue;
            if (names->len > 0)
              g_string_append (names, ", ");
            g_string_append (names, json_node_get_string (item));
          }
        annotations = add_object (add_object (template, "metadata"), "annotations");
        json_object_set_string_member (annotations, "sluice.dev/approvers", names->str);
        report (ex, SLUICE_SEVERITY_WARNING, "argo/approvers-not-enforced", step, "approvers",
                _("Argo lets anyone allowed to resume the workflow approve “%s”, not only %s; restrict “argo resume” with Kubernetes RBAC"),
                sluice_step_get_id (step), names->str);
      }
    if (message != NULL)
      {
        if (annotations == NULL)
          annotations = add_object (add_object (template, "metadata"), "annotations");
        json_object_set_string_member (annotations, "sluice.dev/message", message);
      }

    /* a suspend node fails at its deadline: giving up, not approving */
    if (timeout != NULL && sluice_duration_parse (timeout, &msec))
      json_object_set_int_member (template, "activeDeadlineSeconds",
                                  (msec + SLUICE_MSEC_PER_SECOND - 1) / SLUICE_MSEC_PER_SECOND);

    json_object_set_object_member (template, "suspend", json_object_new ());
  }
}

static char *
scope_key (SluiceStep *step,
           GPtrArray  *scope)
{
  GString *key = g_string_new (sluice_step_get_id (step));

  g_string_append_c (key, '\x1f');
  for (guint i = 0; scope && i < scope->len; i++)
    g_string_append_printf (key, "%s,", (const char *) g_ptr_array_index (scope, i));
  return g_string_free (key, FALSE);
}

/* The template of an action, delay or approval step, made on first use.
 * A step reached inside and outside a for-each gets one template per
 * scope, as their inputs differ. */
static const char *
step_template (Export     *ex,
               SluiceStep *step,
               GPtrArray  *scope)
{
  g_autofree char *key = scope_key (step, scope);
  const char *type = step_type_name (step);
  const char *existing = g_hash_table_lookup (ex->step_templates, key);
  JsonObject *template, *strategy;
  char *name;

  if (existing != NULL)
    return existing;

  name = unique_name (ex->template_names, sluice_step_get_id (step));
  g_hash_table_insert (ex->step_templates, g_steal_pointer (&key), name);

  template = append_object (ex->templates);
  json_object_set_string_member (template, "name", name);
  add_scope_inputs (template, scope);

  if (is_action (step))
    {
      strategy = retry_strategy (ex, step);
      if (strategy != NULL)
        json_object_set_object_member (template, "retryStrategy", strategy);
      if (g_str_equal (type, "webhook"))
        http_template (ex, step, scope, template);
      else
        container_template (ex, step, scope, template);
    }
  else
    suspend_template (ex, step, template);

  return name;
}

/* ---- the DAG ----------------------------------------------------------------------------------- */

typedef struct
{
  SluiceStep *origin;   /* the task before, or NULL: the start of the region */
  GPtrArray  *guards;   /* char *: branch conditions on the way */
} Path;

static void
path_free (Path *path)
{
  g_ptr_array_unref (path->guards);
  g_free (path);
}

/* The part of the graph one DAG template holds: the steps after the
 * trigger, or the steps after a for-each (run once per item). */
typedef struct
{
  Export     *ex;
  GPtrArray  *scope;        /* item names, outermost first */
  guint64     multiplier;   /* how often the region runs per event */
  SluiceStep *entry;        /* first step, or NULL */
  GHashTable *members;      /* SluiceStep* of the region's tasks */
  GHashTable *incoming;     /* SluiceStep* → GPtrArray of Path */
  GHashTable *task_names;
} Region;

static void
region_clear (Region *region)
{
  g_clear_pointer (&region->members, g_hash_table_unref);
  g_clear_pointer (&region->incoming, g_hash_table_unref);
  g_clear_pointer (&region->task_names, g_hash_table_unref);
}

static SluiceStep *
edge_target (Export     *ex,
             SluiceStep *from,
             const char *target_id)
{
  SluiceStep *target = sluice_workflow_lookup_step (ex->workflow, target_id);

  if (target == NULL)
    {
      report (ex, SLUICE_SEVERITY_ERROR, "argo/invalid-graph", from, NULL,
              _("“%s” leads to “%s”, which does not exist; the path ends there"),
              sluice_step_get_id (from), target_id);
      return NULL;
    }
  if (sluice_step_type_is_trigger (sluice_step_get_step_type (target)))
    return NULL;
  return target;
}

/* Finds the region's tasks: every task step reachable from @step without
 * entering a for-each's body. */
static void
collect_members (Region     *region,
                 SluiceStep *step,
                 GHashTable *visited)
{
  g_autoptr(GArray) edges = NULL;

  if (step == NULL || !g_hash_table_add (visited, step))
    return;

  if (is_task (step))
    {
      g_hash_table_add (region->members, step);
      if (g_str_equal (step_type_name (step), "foreach"))
        return;
    }

  edges = sluice_step_get_edges (step);
  for (guint e = 0; e < edges->len; e++)
    {
      SluiceEdge *edge = &g_array_index (edges, SluiceEdge, e);
      collect_members (region, edge_target (region->ex, step, edge->target), visited);
    }
}

static void
add_path (Region     *region,
          SluiceStep *origin,
          SluiceStep *target,
          GPtrArray  *guards)
{
  GPtrArray *paths = g_hash_table_lookup (region->incoming, target);
  Path *path;

  if (paths == NULL)
    {
      paths = g_ptr_array_new_with_free_func ((GDestroyNotify) path_free);
      g_hash_table_insert (region->incoming, target, paths);
    }

  if (paths->len >= MAX_PATHS_PER_TASK)
    {
      report (region->ex, SLUICE_SEVERITY_ERROR, "argo/too-complex", target, NULL,
              _("More than %d ways through conditions lead to “%s”; simplify the branches before exporting"),
              MAX_PATHS_PER_TASK, sluice_step_get_id (target));
      return;
    }

  path = g_new0 (Path, 1);
  path->origin = origin;
  path->guards = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < guards->len; i++)
    g_ptr_array_add (path->guards, g_strdup (g_ptr_array_index (guards, i)));
  g_ptr_array_add (paths, path);
}

/* Follows the graph from @origin's edge to @step through conditions,
 * switches and cooldowns, collecting the branch guards, up to the next
 * task. */
static void
walk (Region     *region,
      SluiceStep *origin,
      SluiceStep *step,
      GPtrArray  *guards,
      guint       depth)
{
  Export *ex = region->ex;
  const char *type;
  g_autoptr(GArray) edges = NULL;
  GPtrArray *branch;

  if (step == NULL)
    return;

  /* branches that meet again multiply the ways through; a budget keeps a
   * pathological graph from taking forever */
  if (ex->walk_budget == 0)
    {
      report (ex, SLUICE_SEVERITY_ERROR, "argo/too-complex", NULL, "spec.steps",
              _("The branches of the workflow meet again too often to export; simplify them"));
      return;
    }
  ex->walk_budget--;

  if (depth > sluice_workflow_get_n_steps (ex->workflow))
    {
      report (ex, SLUICE_SEVERITY_ERROR, "argo/invalid-graph", step, NULL,
              _("The steps around “%s” go round in a loop; a DAG cannot hold it"),
              sluice_step_get_id (step));
      return;
    }

  if (is_task (step))
    {
      add_path (region, origin, step, guards);
      return;
    }

  type = step_type_name (step);
  edges = sluice_step_get_edges (step);

  if (g_str_equal (type, "cooldown"))
    {
      const char *window = sluice_step_get_string (step, "window");

      report (ex, SLUICE_SEVERITY_WARNING, "argo/unsupported-cooldown", step, "window",
              _("Argo keeps no per-entity memory between runs, so the cooldown “%s” (%s) lets every run through"),
              sluice_step_get_id (step), window ? window : "");
    }

  branch = g_str_equal (type, "condition") || g_str_equal (type, "switch") ? branch_guards (ex, step) : NULL;

  for (guint e = 0; e < edges->len; e++)
    {
      SluiceEdge *edge = &g_array_index (edges, SluiceEdge, e);
      SluiceStep *target = edge_target (ex, step, edge->target);
      const char *guard = branch && e < branch->len ? g_ptr_array_index (branch, e) : NULL;

      if (guard != NULL)
        g_ptr_array_add (guards, g_strdup (guard));
      walk (region, origin, target, guards, depth + 1);
      if (guard != NULL)
        g_ptr_array_remove_index (guards, guards->len - 1);
    }
}

static int
compare_doc_order (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  Export *ex = user_data;
  guint ia = doc_index (ex, *(SluiceStep **) a);
  guint ib = doc_index (ex, *(SluiceStep **) b);

  return ia < ib ? -1 : ia > ib;
}

static char *
when_clause (GPtrArray *guards)
{
  g_autofree char *joined = NULL;

  if (guards == NULL || guards->len == 0)
    return NULL;
  joined = join_exprs (guards, "&&");
  return g_strdup_printf ("{{=%s}}", joined);
}

static void
add_scope_arguments (JsonObject *task,
                     GPtrArray  *scope,
                     const char *item)
{
  JsonArray *parameters;
  guint n = scope ? scope->len : 0;

  if (n == 0 && item == NULL)
    return;

  parameters = add_array (add_object (task, "arguments"), "parameters");
  for (guint i = 0; i < n; i++)
    {
      const char *name = g_ptr_array_index (scope, i);
      g_autofree char *value = g_strdup_printf ("{{inputs.parameters.%s}}", name);

      /* an inner for-each's item hides an outer one of the same name */
      if (item != NULL && g_str_equal (name, item))
        continue;
      add_parameter (parameters, name, value);
    }
  if (item != NULL)
    add_parameter (parameters, item, "{{item}}");
}

static const char *
route_template (Export *ex)
{
  if (!ex->route_template)
    {
      JsonObject *template = append_object (ex->templates);
      JsonObject *suspend;
      char *name = unique_name (ex->template_names, "sluice-route");

      /* a suspend of no time runs no pod: a task that only carries a
       * `when` towards a step several branches lead to */
      json_object_set_string_member (template, "name", name);
      suspend = add_object (template, "suspend");
      json_object_set_string_member (suspend, "duration", "0");
      ex->route_template = TRUE;
      ex->route_name = name;
      g_hash_table_insert (ex->step_templates, g_strdup ("\x1froute"), name);
    }
  return ex->route_name;
}

static JsonObject *
new_task (JsonArray  *tasks,
          const char *name,
          const char *template_name)
{
  JsonObject *task = append_object (tasks);

  json_object_set_string_member (task, "name", name);
  json_object_set_string_member (task, "template", template_name);
  return task;
}

static void
set_depends (JsonObject *task,
             GPtrArray  *terms)
{
  GString *depends;

  if (terms->len == 0)
    return;

  depends = g_string_new (NULL);
  for (guint i = 0; i < terms->len; i++)
    {
      if (i > 0)
        g_string_append (depends, " || ");
      g_string_append (depends, g_ptr_array_index (terms, i));
    }
  json_object_set_string_member (task, "depends", depends->str);
  g_string_free (depends, TRUE);
}

static void
add_term (GPtrArray  *terms,
          const char *task_name)
{
  g_autofree char *term = g_strdup_printf ("%s.Succeeded", task_name);

  if (!g_ptr_array_find_with_equal_func (terms, term, g_str_equal, NULL))
    g_ptr_array_add (terms, g_steal_pointer (&term));
}

static void build_region (Export     *ex,
                          SluiceStep *entry,
                          GPtrArray  *scope,
                          guint64     multiplier,
                          JsonObject *template);

static guint64
foreach_cap (Export     *ex,
             SluiceStep *step,
             gboolean   *known)
{
  JsonNode *cap = sluice_step_get_member (step, "cap");

  *known = TRUE;
  if (cap != NULL && value_kind (cap) == VALUE_NUMBER && json_node_get_int (cap) > 0)
    return (guint64) json_node_get_int (cap);
  if (ex->safety && json_object_get_int_member_with_default (ex->safety, "maxFanOut", 0) > 0)
    return (guint64) json_object_get_int_member_with_default (ex->safety, "maxFanOut", 0);

  *known = FALSE;
  return 1;
}

/* The task of a for-each: a DAG template of the steps after it, run with
 * withParam over the list cut to the cap. Returns FALSE when the body has
 * no task at all. */
static gboolean
foreach_task (Export     *ex,
              Region     *region,
              SluiceStep *step,
              JsonObject *task)
{
  const char *items = sluice_step_get_string (step, "items");
  const char *as = sluice_step_get_string (step, "as") ?: "item";
  const char *next = sluice_step_get_string (step, "next");
  SluiceStep *entry = next ? edge_target (ex, step, next) : NULL;
  g_autoptr(GPtrArray) scope = g_ptr_array_new ();
  g_autofree char *list = items ? event_field_expr (items) : NULL;
  g_autofree char *with_param = NULL;
  const char *name = json_object_get_string_member (task, "template");
  JsonObject *template;
  guint position;
  gboolean known;
  guint64 cap = foreach_cap (ex, step, &known);

  if (list == NULL)
    {
      report (ex, SLUICE_SEVERITY_ERROR, "argo/invalid-graph", step, "items",
              _("The for-each “%s” names no valid list field"), sluice_step_get_id (step));
      return FALSE;
    }

  if (!known)
    report (ex, SLUICE_SEVERITY_ERROR, "argo/foreach-without-cap", step, "items",
            _("The for-each “%s” has no cap and the workflow no maxFanOut, so the exported loop runs over the whole list"),
            sluice_step_get_id (step));

  for (guint i = 0; region->scope && i < region->scope->len; i++)
    if (!g_str_equal (g_ptr_array_index (region->scope, i), as))
      g_ptr_array_add (scope, g_ptr_array_index (region->scope, i));
  g_ptr_array_add (scope, (gpointer) as);

  /* the loop's template goes before the templates of its steps */
  position = json_array_get_length (ex->templates);
  template = append_object (ex->templates);
  json_object_set_string_member (template, "name", name);
  add_scope_inputs (template, scope);
  build_region (ex, entry, scope, region->multiplier * cap, template);

  if (json_array_get_length (json_object_get_array_member (json_object_get_object_member (template, "dag"), "tasks")) == 0)
    {
      json_array_remove_element (ex->templates, position);
      report (ex, SLUICE_SEVERITY_WARNING, "argo/empty-foreach", step, NULL,
              _("Nothing runs for each item of “%s”, so the for-each is left out"),
              sluice_step_get_id (step));
      return FALSE;
    }

  if (known)
    with_param = g_strdup_printf ("{{=toJson(%s[:%" PRIu64 "])}}", list, cap);
  else
    with_param = g_strdup_printf ("{{=toJson(%s)}}", list);
  json_object_set_string_member (task, "withParam", with_param);
  add_scope_arguments (task, region->scope, as);
  return TRUE;
}

static void
note_multiplicity (Export     *ex,
                   SluiceStep *step,
                   guint64     runs)
{
  guint64 *count = g_hash_table_lookup (ex->multiplicity, sluice_step_get_id (step));

  if (count == NULL)
    {
      count = g_new0 (guint64, 1);
      g_hash_table_insert (ex->multiplicity, (gpointer) sluice_step_get_id (step), count);
    }
  *count += runs;
}

/* Fills @template (a DAG template) with the tasks of the region that
 * starts at @entry. */
static void
build_region (Export     *ex,
              SluiceStep *entry,
              GPtrArray  *scope,
              guint64     multiplier,
              JsonObject *template)
{
  Region region = { ex, scope, multiplier, entry, NULL, NULL, NULL };
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) guards = g_ptr_array_new_with_free_func (g_free);
  JsonArray *tasks = add_array (add_object (template, "dag"), "tasks");
  GHashTableIter iter;
  gpointer key;

  region.members = g_hash_table_new (NULL, NULL);
  region.incoming = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  region.task_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  collect_members (&region, entry, visited);
  members = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, region.members);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (members, key);
  g_ptr_array_sort_with_data (members, compare_doc_order, ex);

  /* paths from the start of the region and from each task to the next tasks */
  walk (&region, NULL, entry, guards, 0);
  for (guint i = 0; i < members->len; i++)
    {
      SluiceStep *step = g_ptr_array_index (members, i);
      const char *next = sluice_step_get_string (step, "next");

      if (g_str_equal (step_type_name (step), "foreach") || next == NULL)
        continue;
      walk (&region, step, edge_target (ex, step, next), guards, 0);
    }

  /* task names first, so route tasks cannot take a step's name */
  for (guint i = 0; i < members->len; i++)
    g_hash_table_add (region.task_names, g_strdup (sluice_step_get_id (g_ptr_array_index (members, i))));

  for (guint i = 0; i < members->len; i++)
    {
      SluiceStep *step = g_ptr_array_index (members, i);
      GPtrArray *paths = g_hash_table_lookup (region.incoming, step);
      g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) routes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autofree char *when = NULL;
      const char *template_name;
      gboolean unconditional = FALSE;
      JsonObject *task;

      if (paths == NULL || paths->len == 0)
        continue;

      if (paths->len == 1)
        {
          Path *path = g_ptr_array_index (paths, 0);

          if (path->origin != NULL)
            add_term (terms, sluice_step_get_id (path->origin));
          when = when_clause (path->guards);
        }
      else
        {
          /* several ways lead here: each guarded one through a route
           * task that carries its `when`, all joined with || */
          for (guint p = 0; p < paths->len && !unconditional; p++)
            {
              Path *path = g_ptr_array_index (paths, p);
              g_autofree char *route_name = NULL;
              g_autofree char *base = NULL;
              g_autoptr(GPtrArray) route_terms = g_ptr_array_new_with_free_func (g_free);
              g_autofree char *route_when = NULL;
              JsonObject *route;

              if (path->guards->len == 0)
                {
                  if (path->origin == NULL)
                    unconditional = TRUE;
                  else
                    add_term (terms, sluice_step_get_id (path->origin));
                  continue;
                }

              base = g_strdup_printf ("%s-via-%u", sluice_step_get_id (step), p + 1);
              route_name = unique_name (region.task_names, base);
              route = json_object_new ();
              json_object_set_string_member (route, "name", route_name);
              json_object_set_string_member (route, "template", route_template (ex));
              if (path->origin != NULL)
                add_term (route_terms, sluice_step_get_id (path->origin));
              set_depends (route, route_terms);
              route_when = when_clause (path->guards);
              json_object_set_string_member (route, "when", route_when);
              g_ptr_array_add (routes, route);
              add_term (terms, route_name);
            }
          if (unconditional)
            {
              g_ptr_array_set_size (terms, 0);
              g_ptr_array_set_size (routes, 0);
            }
        }

      for (guint r = 0; r < routes->len; r++)
        json_array_add_object_element (tasks, json_object_ref (g_ptr_array_index (routes, r)));

      if (g_str_equal (step_type_name (step), "foreach"))
        {
          char *name = unique_name (ex->template_names, sluice_step_get_id (step));

          task = json_object_new ();
          json_object_set_string_member (task, "name", sluice_step_get_id (step));
          json_object_set_string_member (task, "template", name);
          g_free (name);
          set_depends (task, terms);
          if (when != NULL)
            json_object_set_string_member (task, "when", when);
          if (foreach_task (ex, &region, step, task))
            json_array_add_object_element (tasks, task);
          else
            json_object_unref (task);
          continue;
        }

      template_name = step_template (ex, step, scope);
      task = new_task (tasks, sluice_step_get_id (step), template_name);
      set_depends (task, terms);
      if (when != NULL)
        json_object_set_string_member (task, "when", when);
      add_scope_arguments (task, scope, NULL);
      if (is_action (step))
        note_multiplicity (ex, step, multiplier);
    }

  region_clear (&region);
}

/* ---- safety settings --------------------------------------------------------------------------- */

/* The most actions one event can cause, following the graph: a branch
 * takes its busiest side, a for-each multiplies by its cap. */
static guint64
max_actions (Export     *ex,
             SluiceStep *step,
             GHashTable *memo,
             guint       depth)
{
  g_autoptr(GArray) edges = NULL;
  guint64 *known, best = 0, own;
  const char *type;

  if (step == NULL || depth > sluice_workflow_get_n_steps (ex->workflow))
    return 0;
  if ((known = g_hash_table_lookup (memo, step)))
    return *known;

  type = step_type_name (step);
  own = is_action (step) ? 1 : 0;
  edges = sluice_step_get_edges (step);

  /* in progress: a loop (which validation reports) adds nothing */
  known = g_new0 (guint64, 1);
  g_hash_table_insert (memo, step, known);

  for (guint e = 0; e < edges->len; e++)
    {
      SluiceEdge *edge = &g_array_index (edges, SluiceEdge, e);
      SluiceStep *target = sluice_workflow_lookup_step (ex->workflow, edge->target);
      guint64 n;

      if (target == NULL || sluice_step_type_is_trigger (sluice_step_get_step_type (target)))
        continue;
      n = max_actions (ex, target, memo, depth + 1);
      if (g_str_equal (type, "foreach"))
        {
          gboolean capped;
          n *= foreach_cap (ex, step, &capped);
        }
      best = MAX (best, n);
    }

  *known = own + best;
  return *known;
}

static void
check_fan_out (Export     *ex,
               SluiceStep *trigger)
{
  g_autoptr(GHashTable) memo = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  gint64 limit = ex->safety ? json_object_get_int_member_with_default (ex->safety, "maxFanOut", 0) : 0;
  guint64 most;

  if (limit <= 0)
    return;

  most = max_actions (ex, trigger, memo, 0);
  if (most > (guint64) limit)
    report (ex, SLUICE_SEVERITY_WARNING, "argo/fan-out-not-enforced", NULL, "spec.safety.maxFanOut",
            _("One event can lead to %" PRIu64 " actions; Argo enforces each for-each's cap but not the total of %" PRId64),
            most, limit);
}

static void
report_unsupported_safety (Export *ex)
{
  const char *cooldown, *dedupe;

  if (ex->safety == NULL)
    return;

  cooldown = json_object_get_string_member_with_default (ex->safety, "cooldown", NULL);
  if (cooldown != NULL)
    report (ex, SLUICE_SEVERITY_WARNING, "argo/unsupported-cooldown", NULL, "spec.safety.cooldown",
            _("Argo keeps no per-entity memory between runs, so the cooldown of %s is not enforced: every matching event starts a run"),
            cooldown);

  dedupe = json_object_get_string_member_with_default (ex->safety, "dedupeKey", NULL);
  if (dedupe != NULL)
    report (ex, SLUICE_SEVERITY_WARNING, "argo/unsupported-dedupe", NULL, "spec.safety.dedupeKey",
            _("Argo Events does not deduplicate events by a key of your choosing, so events with the same “%s” each start a run"),
            dedupe);
}

typedef struct
{
  const char *unit;
  gint64      msec;
} RateUnit;

static const RateUnit rate_units[] = {
  { "Second", SLUICE_MSEC_PER_SECOND },
  { "Minute", SLUICE_MSEC_PER_MINUTE },
  { "Hour",   SLUICE_MSEC_PER_HOUR },
};

/* The strictest rate limit, as workflow runs per Second, Minute or Hour
 * (the units a Sensor trigger's rateLimit has). A limit on a step that
 * runs k times per event allows limit / k runs per window. */
static JsonObject *
rate_limit (Export *ex)
{
  JsonNode *node = ex->safety ? json_object_get_member (ex->safety, "rateLimits") : NULL;
  JsonArray *limits;
  double best_rate = 0;
  gint64 best_runs = 0, best_window = 0;
  guint best_index = 0;
  gboolean found = FALSE;
  JsonObject *result;
  guint start = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  limits = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (limits); i++)
    {
      JsonNode *item = json_array_get_element (limits, i);
      JsonObject *limit;
      const char *step_id, *type, *per;
      gint64 count, window = 0, runs;
      guint64 actions = 0;
      double rate;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      limit = json_node_get_object (item);
      step_id = json_object_get_string_member_with_default (limit, "step", NULL);
      type = json_object_get_string_member_with_default (limit, "type", NULL);
      per = json_object_get_string_member_with_default (limit, "per", NULL);
      count = json_object_get_int_member_with_default (limit, "limit", 0);

      if (count <= 0 || per == NULL || !sluice_duration_parse (per, &window) || window <= 0)
        continue;

      for (guint s = 0; s < sluice_workflow_get_n_steps (ex->workflow); s++)
        {
          SluiceStep *step = sluice_workflow_get_step (ex->workflow, s);
          guint64 *runs_per_event = g_hash_table_lookup (ex->multiplicity, sluice_step_get_id (step));

          if (runs_per_event == NULL)
            continue;
          if (g_strcmp0 (step_id, sluice_step_get_id (step)) == 0
              || (step_id == NULL && g_strcmp0 (type, step_type_name (step)) == 0))
            actions += *runs_per_event;
        }
      if (actions == 0)
        continue;

      runs = count / (gint64) MIN (actions, (guint64) G_MAXINT64);
      if (runs == 0)
        {
          g_autofree char *field = g_strdup_printf ("spec.safety.rateLimits[%u]", i);

          report (ex, SLUICE_SEVERITY_WARNING, "argo/approximate-rate-limit", NULL, field,
                  _("One event can cause %" PRIu64 " actions of %s, more than its limit of %" PRId64 " per %s; Argo cannot hold back actions inside one run, only whole runs"),
                  actions, step_id ? step_id : type, count, per);
          runs = 1;
        }

      rate = (double) runs / (double) window;
      if (!found || rate < best_rate)
        {
          found = TRUE;
          best_rate = rate;
          best_runs = runs;
          best_window = window;
          best_index = i;
        }
    }

  if (!found)
    return NULL;

  /* the largest unit that fits in the window keeps bursts within it */
  for (guint u = 0; u < G_N_ELEMENTS (rate_units); u++)
    if (rate_units[u].msec <= best_window)
      start = u;

  result = json_object_new ();
  for (guint u = start; u < G_N_ELEMENTS (rate_units); u++)
    {
      gint64 per_unit = best_runs * rate_units[u].msec / best_window;

      if (per_unit >= 1)
        {
          json_object_set_string_member (result, "unit", rate_units[u].unit);
          json_object_set_int_member (result, "requestsPerUnit", per_unit);
          if (rate_units[u].msec > best_window)
            {
              g_autofree char *field = g_strdup_printf ("spec.safety.rateLimits[%u]", best_index);
              g_autofree char *window = sluice_duration_format (best_window);

              report (ex, SLUICE_SEVERITY_WARNING, "argo/approximate-rate-limit", NULL, field,
                      _("%" PRId64 " runs per %s becomes %" PRId64 " per %s on Argo, which allows bursts the window would not"),
                      best_runs, window, per_unit, rate_units[u].unit);
            }
          return result;
        }
    }

  {
    g_autofree char *field = g_strdup_printf ("spec.safety.rateLimits[%u]", best_index);
    g_autofree char *window = sluice_duration_format (best_window);

    report (ex, SLUICE_SEVERITY_WARNING, "argo/approximate-rate-limit", NULL, field,
            _("%" PRId64 " runs per %s is slower than Argo can say; the Sensor allows 1 per Hour"),
            best_runs, window);
  }
  json_object_set_string_member (result, "unit", "Hour");
  json_object_set_int_member (result, "requestsPerUnit", 1);
  return result;
}

/* ---- metadata ---------------------------------------------------------------------------------- */

static gboolean
is_label_name (const char *text,
               gsize       length)
{
  if (length == 0 || length > 63)
    return FALSE;
  if (!g_ascii_isalnum (text[0]) || !g_ascii_isalnum (text[length - 1]))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_' && text[i] != '.')
      return FALSE;
  return TRUE;
}

/* A Kubernetes label key: an optional DNS prefix and "/", then a name. */
static gboolean
is_label_key (const char *key)
{
  const char *slash = strrchr (key, '/');

  if (slash != NULL)
    {
      gsize prefix = slash - key;

      if (prefix == 0 || prefix > 253)
        return FALSE;
      for (gsize i = 0; i < prefix; i++)
        if (!g_ascii_isalnum (key[i]) && key[i] != '-' && key[i] != '.')
          return FALSE;
      key = slash + 1;
    }
  return is_label_name (key, strlen (key));
}

static gboolean
is_label_value (const char *value)
{
  return *value == '\0' || is_label_name (value, strlen (value));
}

/* metadata.name as a DNS label Kubernetes accepts for every kind here:
 * lower case, letters, digits and dashes, at most 52 characters so that
 * generated workflow names stay under 63. */
static char *
kubernetes_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p && out->len < 52; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c))
        g_string_append_c (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static void
add_metadata (Export     *ex,
              JsonObject *object,
              gboolean    with_description)
{
  JsonObject *metadata = add_object (object, "metadata");
  JsonObject *labels, *annotations;
  JsonObject *sluice_labels = NULL;
  JsonNode *node = json_object_get_member (sluice_workflow_get_metadata (ex->workflow), "labels");
  const char *description = sluice_workflow_get_description (ex->workflow);
  g_autofree char *digest = sluice_workflow_get_digest (ex->workflow);
  g_autofree char *version = g_strdup_printf ("%" PRId64, sluice_workflow_get_version (ex->workflow));

  json_object_set_string_member (metadata, "name", ex->name);
  if (ex->namespace_name != NULL)
    json_object_set_string_member (metadata, "namespace", ex->namespace_name);

  labels = add_object (metadata, "labels");
  json_object_set_string_member (labels, "app.kubernetes.io/managed-by", "sluice");
  json_object_set_string_member (labels, "sluice.dev/workflow", ex->name);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    sluice_labels = json_node_get_object (node);
  if (sluice_labels != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, sluice_labels);
      while (json_object_iter_next_ordered (&iter, &key, &value))
        {
          const char *text = value_kind (value) == VALUE_STRING ? json_node_get_string (value) : NULL;

          if (json_object_has_member (labels, key))
            continue;
          if (text != NULL && is_label_key (key) && is_label_value (text))
            json_object_set_string_member (labels, key, text);
          else
            {
              g_autofree char *field = g_strdup_printf ("metadata.labels.%s", key);

              report (ex, SLUICE_SEVERITY_WARNING, "argo/label-skipped", NULL, field,
                      _("The label “%s” is not a valid Kubernetes label, so the manifests leave it out"), key);
            }
        }
    }

  annotations = add_object (metadata, "annotations");
  json_object_set_string_member (annotations, "sluice.dev/digest", digest);
  json_object_set_string_member (annotations, "sluice.dev/version", version);
  if (with_description && description != NULL)
    json_object_set_string_member (annotations, "workflows.argoproj.io/description", description);
}

/* ---- the manifests ------------------------------------------------------------------------------ */

/* The Workflow the Sensor submits for each event: the template with the
 * event as its parameter. */
static JsonObject *
workflow_resource (Export *ex)
{
  JsonObject *resource = json_object_new ();
  JsonObject *metadata, *labels, *spec, *ref;
  g_autofree char *generate_name = g_strdup_printf ("%s-", ex->name);

  json_object_set_string_member (resource, "apiVersion", ARGO_API_VERSION);
  json_object_set_string_member (resource, "kind", "Workflow");
  metadata = add_object (resource, "metadata");
  json_object_set_string_member (metadata, "generateName", generate_name);
  if (ex->namespace_name != NULL)
    json_object_set_string_member (metadata, "namespace", ex->namespace_name);
  labels = add_object (metadata, "labels");
  json_object_set_string_member (labels, "sluice.dev/workflow", ex->name);
  spec = add_object (resource, "spec");
  ref = add_object (spec, "workflowTemplateRef");
  json_object_set_string_member (ref, "name", ex->name);
  /* the value is replaced by the event (the trigger's parameters) */
  add_parameter (add_array (add_object (spec, "arguments"), "parameters"), "event", "");

  return resource;
}

static JsonNode *
sensor_manifest (Export     *ex,
                 SluiceStep *trigger)
{
  JsonObject *root = json_object_new ();
  JsonObject *spec, *dependency, *filters, *trigger_object, *template, *argo, *source, *parameter, *src;
  JsonArray *dependencies, *triggers, *parameters;
  g_autoptr(JsonArray) data = json_array_new ();
  g_autoptr(JsonArray) exprs = json_array_new ();
  g_autoptr(GPtrArray) trigger_filters = sluice_step_get_filters (trigger);
  const char *event = sluice_step_get_string (trigger, "event");
  const char *source_name = sluice_step_get_string (trigger, "source");
  JsonObject *limit;
  JsonNode *node;

  json_object_set_string_member (root, "apiVersion", ARGO_API_VERSION);
  json_object_set_string_member (root, "kind", "Sensor");
  add_metadata (ex, root, FALSE);

  spec = add_object (root, "spec");
  json_object_set_string_member (add_object (spec, "template"), "serviceAccountName", ex->sensor_service_account);

  /* the CloudEvent's type and source, then the trigger's filters in order */
  if (event != NULL)
    {
      g_autofree char *path = gjson_path (ex, "type");
      g_autofree char *exact = regex_exact (event);
      add_data_filter_value (data, path, "string", "=", exact);
    }
  if (source_name != NULL && *source_name != '\0')
    {
      g_autofree char *path = gjson_path (ex, "source");
      g_autofree char *exact = regex_exact (source_name);
      add_data_filter_value (data, path, "string", "=", exact);
    }
  for (guint i = 0; i < trigger_filters->len; i++)
    sensor_filter (ex, trigger, i, g_ptr_array_index (trigger_filters, i), data, exprs);

  dependencies = add_array (spec, "dependencies");
  dependency = append_object (dependencies);
  json_object_set_string_member (dependency, "name", sluice_step_get_id (trigger));
  json_object_set_string_member (dependency, "eventSourceName", ex->event_source_name);
  json_object_set_string_member (dependency, "eventName", ex->event_name);
  if (json_array_get_length (data) > 0 || json_array_get_length (exprs) > 0)
    {
      filters = add_object (dependency, "filters");
      if (json_array_get_length (data) > 0)
        json_object_set_array_member (filters, "data", json_array_ref (data));
      if (json_array_get_length (exprs) > 0)
        json_object_set_array_member (filters, "exprs", json_array_ref (exprs));
    }

  triggers = add_array (spec, "triggers");
  trigger_object = append_object (triggers);
  template = add_object (trigger_object, "template");
  json_object_set_string_member (template, "name", ex->name);
  argo = add_object (template, "argoWorkflow");
  json_object_set_string_member (argo, "operation", "submit");
  source = add_object (argo, "source");
  json_object_set_object_member (source, "resource", workflow_resource (ex));
  parameters = add_array (argo, "parameters");
  parameter = append_object (parameters);
  src = add_object (parameter, "src");
  json_object_set_string_member (src, "dependencyName", sluice_step_get_id (trigger));
  /* the whole CloudEvent, as JSON text */
  json_object_set_string_member (src, "dataKey", *ex->payload_key ? ex->payload_key : "@this");
  json_object_set_string_member (parameter, "dest", "spec.arguments.parameters.0.value");

  limit = rate_limit (ex);
  if (limit != NULL)
    json_object_set_object_member (trigger_object, "rateLimit", limit);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

static JsonNode *
cron_manifest (Export     *ex,
               SluiceStep *trigger)
{
  JsonObject *root = json_object_new ();
  JsonObject *spec, *workflow_spec, *ref;
  const char *time_zone = sluice_step_get_string (trigger, "timezone");
  JsonNode *node;

  json_object_set_string_member (root, "apiVersion", ARGO_API_VERSION);
  json_object_set_string_member (root, "kind", "CronWorkflow");
  add_metadata (ex, root, FALSE);

  spec = add_object (root, "spec");
  json_object_set_string_member (spec, "schedule", sluice_step_get_string (trigger, "cron") ?: "");
  /* Sluice reads a schedule in UTC unless told; Argo in the controller's zone */
  json_object_set_string_member (spec, "timezone", time_zone && *time_zone ? time_zone : "UTC");
  workflow_spec = add_object (spec, "workflowSpec");
  ref = add_object (workflow_spec, "workflowTemplateRef");
  json_object_set_string_member (ref, "name", ex->name);
  add_parameter (add_array (add_object (workflow_spec, "arguments"), "parameters"), "event", "{\"data\":{}}");

  if (sluice_step_get_string (trigger, "event") != NULL)
    report (ex, SLUICE_SEVERITY_ERROR, "argo/unsupported-schedule-state", trigger, "event",
            _("A CronWorkflow runs once per tick and knows no entity's latest “%s” event; the steps run once, with no event"),
            sluice_step_get_string (trigger, "event"));
  else if (sluice_step_get_member (trigger, "filters") != NULL)
    report (ex, SLUICE_SEVERITY_ERROR, "argo/unsupported-schedule-state", trigger, "filters",
            _("A CronWorkflow has no event to filter; the steps run at every tick"));

  if (ex->safety != NULL && json_object_get_member (ex->safety, "rateLimits") != NULL)
    report (ex, SLUICE_SEVERITY_WARNING, "argo/unsupported-rate-limit", NULL, "spec.safety.rateLimits",
            _("A CronWorkflow has no rate limit; the schedule alone decides how often the steps run"));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

static JsonNode *
template_manifest (Export     *ex,
                   SluiceStep *trigger)
{
  JsonObject *root = json_object_new ();
  JsonObject *spec, *main_template;
  JsonArray *templates;
  const char *timeout = ex->safety ? json_object_get_string_member_with_default (ex->safety, "timeout", NULL) : NULL;
  const char *next = sluice_step_get_string (trigger, "next");
  SluiceStep *entry = next ? edge_target (ex, trigger, next) : NULL;
  gint64 msec;
  JsonNode *node;

  json_object_set_string_member (root, "apiVersion", ARGO_API_VERSION);
  json_object_set_string_member (root, "kind", "WorkflowTemplate");
  add_metadata (ex, root, TRUE);

  spec = add_object (root, "spec");
  json_object_set_string_member (spec, "entrypoint", "main");
  if (ex->service_account != NULL)
    json_object_set_string_member (spec, "serviceAccountName", ex->service_account);
  if (timeout != NULL && sluice_duration_parse (timeout, &msec))
    json_object_set_int_member (spec, "activeDeadlineSeconds",
                                (msec + SLUICE_MSEC_PER_SECOND - 1) / SLUICE_MSEC_PER_SECOND);
  add_parameter (add_array (add_object (spec, "arguments"), "parameters"), "event", "{}");

  templates = add_array (spec, "templates");
  main_template = append_object (templates);
  json_object_set_string_member (main_template, "name", "main");
  g_hash_table_add (ex->template_names, g_strdup ("main"));

  ex->templates = json_array_new ();
  build_region (ex, entry, NULL, 1, main_template);

  if (json_array_get_length (json_object_get_array_member (json_object_get_object_member (main_template, "dag"), "tasks")) == 0)
    {
      JsonArray *tasks = json_object_get_array_member (json_object_get_object_member (main_template, "dag"), "tasks");

      report (ex, SLUICE_SEVERITY_WARNING, "argo/empty-workflow", trigger, NULL,
              _("No step runs after the trigger; the exported workflow does nothing"));
      /* a DAG needs a task */
      new_task (tasks, "nothing", route_template (ex));
    }

  for (guint i = 0; i < json_array_get_length (ex->templates); i++)
    json_array_add_element (templates, json_node_copy (json_array_get_element (ex->templates, i)));
  g_clear_pointer (&ex->templates, json_array_unref);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

/* ---- YAML ------------------------------------------------------------------------------------- */

static void
write_node (SluiceYamlWriter *writer,
            JsonNode         *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        if (json_object_get_size (object) == 0)
          {
            sluice_yaml_writer_empty_mapping (writer);
            break;
          }
        sluice_yaml_writer_begin_mapping (writer);
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            sluice_yaml_writer_string (writer, name);
            write_node (writer, member);
          }
        sluice_yaml_writer_end_mapping (writer);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        sluice_yaml_writer_begin_sequence (writer, n == 0);
        for (guint i = 0; i < n; i++)
          write_node (writer, json_array_get_element (array, i));
        sluice_yaml_writer_end_sequence (writer);
      }
      break;

    case JSON_NODE_NULL:
      sluice_yaml_writer_null (writer);
      break;

    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          sluice_yaml_writer_string (writer, json_node_get_string (node));
          break;
        case G_TYPE_BOOLEAN:
          sluice_yaml_writer_boolean (writer, json_node_get_boolean (node));
          break;
        case G_TYPE_INT64:
          sluice_yaml_writer_int (writer, json_node_get_int (node));
          break;
        default:
          sluice_yaml_writer_double (writer, json_node_get_double (node));
          break;
        }
      break;
    }
}

static char *
to_yaml (JsonNode *node)
{
  SluiceYamlWriter *writer = sluice_yaml_writer_new ();

  write_node (writer, node);
  return sluice_yaml_writer_finish (writer);
}

/* ---- entry points ------------------------------------------------------------------------------- */

/**
 * sluice_argo_export:
 * @workflow: the workflow; it should have passed validation
 * @options: (nullable): where the manifests deviate from the defaults
 * @findings: where every part Argo cannot express is reported, with its
 *   rule id ("argo/…") and step
 * @error: set only when there is nothing to export (no name, no trigger)
 *
 * Writes @workflow as an Argo Events Sensor (a CronWorkflow for a
 * schedule trigger) and an Argo Workflows WorkflowTemplate. The manifests
 * are produced even when findings have error severity; callers decide
 * whether to use them.
 *
 * Returns: (transfer full) (nullable): the manifests
 */
SluiceArgoManifests *
sluice_argo_export (SluiceWorkflow           *workflow,
                    const SluiceArgoOptions  *options,
                    SluiceDiagnostics        *findings,
                    GError                  **error)
{
  static const SluiceArgoOptions no_options = { NULL };
  Export ex = { 0 };
  g_autoptr(JsonNode) trigger_node = NULL;
  g_autoptr(JsonNode) template_node = NULL;
  SluiceArgoManifests *manifests;
  SluiceStep *trigger;
  gboolean schedule;

  g_return_val_if_fail (SLUICE_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (findings != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &no_options;

  ex.workflow = workflow;
  ex.findings = findings;
  ex.sluice_name = sluice_workflow_get_name (workflow);
  if (ex.sluice_name == NULL || *ex.sluice_name == '\0')
    {
      g_set_error (error, SLUICE_ARGO_ERROR, SLUICE_ARGO_ERROR_NO_NAME,
                   _("The workflow has no name; Kubernetes objects need one (metadata.name)"));
      return NULL;
    }
  trigger = sluice_workflow_get_trigger (workflow);
  if (trigger == NULL)
    {
      g_set_error (error, SLUICE_ARGO_ERROR, SLUICE_ARGO_ERROR_NO_TRIGGER,
                   _("The workflow has no trigger, so nothing would start it on Argo"));
      return NULL;
    }

  ex.name = kubernetes_name (ex.sluice_name);
  if (*ex.name == '\0')
    {
      g_free (ex.name);
      ex.name = g_strdup ("sluice-workflow");
    }
  ex.event_source_name = options->event_source_name ?: "sluice";
  ex.event_name = options->event_name ?: "cloudevents";
  ex.payload_key = options->payload_key ?: "body";
  ex.sensor_service_account = options->sensor_service_account ?: "operate-workflow-sa";
  ex.service_account = options->service_account;
  ex.namespace_name = options->namespace_name;
  ex.images = options->images;
  ex.safety = sluice_workflow_get_safety (workflow);
  ex.reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ex.doc_index = g_hash_table_new (NULL, NULL);
  ex.guards = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  ex.template_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ex.step_templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ex.multiplicity = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  ex.walk_budget = 100000;

  for (guint i = 0; i < sluice_workflow_get_n_steps (workflow); i++)
    g_hash_table_insert (ex.doc_index, sluice_workflow_get_step (workflow, i), GUINT_TO_POINTER (i + 1));

  if (!g_str_equal (ex.name, ex.sluice_name))
    report (&ex, SLUICE_SEVERITY_WARNING, "argo/renamed", NULL, "metadata.name",
            _("“%s” is not a valid Kubernetes name; the manifests use “%s”"), ex.sluice_name, ex.name);

  schedule = g_str_equal (step_type_name (trigger), "schedule");

  /* the template first: the Sensor's rate limit needs the step counts */
  template_node = template_manifest (&ex, trigger);
  trigger_node = schedule ? cron_manifest (&ex, trigger) : sensor_manifest (&ex, trigger);
  report_unsupported_safety (&ex);
  check_fan_out (&ex, trigger);

  manifests = g_new0 (SluiceArgoManifests, 1);
  manifests->name = g_strdup (ex.name);
  manifests->trigger_kind = g_strdup (schedule ? "CronWorkflow" : "Sensor");
  manifests->trigger_filename = g_strdup_printf ("%s.%s.yaml", ex.name, schedule ? "cronworkflow" : "sensor");
  manifests->trigger_yaml = to_yaml (trigger_node);
  manifests->template_filename = g_strdup_printf ("%s.workflowtemplate.yaml", ex.name);
  manifests->template_yaml = to_yaml (template_node);

  g_free (ex.name);
  g_hash_table_unref (ex.reported);
  g_hash_table_unref (ex.doc_index);
  g_hash_table_unref (ex.guards);
  g_hash_table_unref (ex.template_names);
  g_hash_table_unref (ex.step_templates);
  g_hash_table_unref (ex.multiplicity);

  return manifests;
}

/**
 * sluice_argo_manifests_to_string:
 *
 * Both manifests as one multi-document YAML stream, the WorkflowTemplate
 * first: applied in that order, the Sensor never submits a workflow whose
 * template is not there yet.
 */
char *
sluice_argo_manifests_to_string (const SluiceArgoManifests *manifests)
{
  g_return_val_if_fail (manifests != NULL, NULL);

  return g_strconcat (manifests->template_yaml, "---\n", manifests->trigger_yaml, NULL);
}

void
sluice_argo_manifests_free (SluiceArgoManifests *manifests)
{
  if (manifests == NULL)
    return;

  g_free (manifests->name);
  g_free (manifests->trigger_kind);
  g_free (manifests->trigger_filename);
  g_free (manifests->trigger_yaml);
  g_free (manifests->template_filename);
  g_free (manifests->template_yaml);
  g_free (manifests);
}
