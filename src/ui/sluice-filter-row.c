/* sluice-filter-row.c
 *
 * The inspector's editor for one structured filter. It holds what the
 * author types until it forms a valid filter, and only then says
 * ::changed, so the model never sees half-typed conditions.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-filter-row.h"
#include "sluice-json.h"
#include "sluice-schema.h"
#include "sluice-yaml-scalar.h"

/* How long typing may pause before the row applies what it has. */
#define COMMIT_DELAY_MS 700

struct _SluiceFilterRow
{
  AdwPreferencesRow parent_instance;

  GtkEntry      *path_entry;
  GtkDropDown   *op_dropdown;
  GtkEntry      *value_entry;
  GtkLabel      *problem_label;

  char          *committed;   /* the filter as JSON text, as last set or emitted */
  char          *problem;
  guint          commit_source;
  gboolean       filling;     /* widgets are being set from a filter */
};

G_DEFINE_FINAL_TYPE (SluiceFilterRow, sluice_filter_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_PATH,
  PROP_OP,
  PROP_VALUE_TEXT,
  PROP_PROBLEM,
  N_PROPS
};

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- values as text ------------------------------------------------------------ */

static void
append_scalar_text (GString  *out,
                    JsonNode *node,
                    gboolean  in_list)
{
  if (JSON_NODE_HOLDS_NULL (node))
    g_string_append (out, "null");
  else if (!JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree char *json = sluice_json_to_string (node, FALSE);
      g_string_append (out, json);
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      /* Quote what would otherwise read back as something else: "80",
       * "true", "", or a comma inside a list item. */
      if (sluice_yaml_resolve_plain (text, NULL) != SLUICE_SCALAR_STRING
          || (in_list && strchr (text, ',') != NULL)
          || text[0] == '"' || g_ascii_isspace (text[0])
          || (text[0] != '\0' && g_ascii_isspace (text[strlen (text) - 1])))
        {
          g_string_append_c (out, '"');
          for (const char *p = text; *p; p++)
            {
              if (*p == '"' || *p == '\\')
                g_string_append_c (out, '\\');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      else
        g_string_append (out, text);
    }
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
 * sluice_filter_value_to_text:
 * @value: (nullable): a filter's value
 *
 * Returns: (transfer full): the value as the author would type it: lists
 *   comma-separated, text quoted only when it would not read back as text
 */
char *
sluice_filter_value_to_text (JsonNode *value)
{
  GString *out = g_string_new (NULL);

  if (value == NULL)
    return g_string_free (out, FALSE);

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_scalar_text (out, json_array_get_element (array, i), TRUE);
        }
    }
  else
    append_scalar_text (out, value, FALSE);

  return g_string_free (out, FALSE);
}

/* A plain scalar as YAML reads it; "quoted" text is always text. */
static JsonNode *
scalar_from_text (const char *text,
                  gboolean    always_text)
{
  SluiceScalarValue value;
  gsize len = strlen (text);

  if (len >= 2 && text[0] == '"' && text[len - 1] == '"')
    {
      GString *unquoted = g_string_new (NULL);
      JsonNode *node;

      for (const char *p = text + 1; p < text + len - 1; p++)
        {
          if (*p == '\\' && p + 1 < text + len - 1)
            p++;
          g_string_append_c (unquoted, *p);
        }
      node = json_node_init_string (json_node_alloc (), unquoted->str);
      g_string_free (unquoted, TRUE);
      return node;
    }

  if (always_text)
    return json_node_init_string (json_node_alloc (), text);

  switch (sluice_yaml_resolve_plain (text, &value))
    {
    case SLUICE_SCALAR_NULL:
      return json_node_init_null (json_node_alloc ());
    case SLUICE_SCALAR_BOOL:
      return json_node_init_boolean (json_node_alloc (), value.boolean);
    case SLUICE_SCALAR_INT:
      return json_node_init_int (json_node_alloc (), value.integer);
    case SLUICE_SCALAR_FLOAT:
      return json_node_init_double (json_node_alloc (), value.number);
    case SLUICE_SCALAR_STRING:
    default:
      return json_node_init_string (json_node_alloc (), text);
    }
}

/* Splits "a, b, \"c, d\"" at the commas outside quotes. */
static GPtrArray *
split_list (const char *text)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  GString *item = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text;; p++)
    {
      if (*p == '\0' || (*p == ',' && !quoted))
        {
          g_strstrip (item->str);
          item->len = strlen (item->str);
          if (item->len > 0)
            g_ptr_array_add (items, g_strdup (item->str));
          g_string_truncate (item, 0);
          if (*p == '\0')
            break;
          continue;
        }
      if (*p == '\\' && quoted && p[1] != '\0')
        {
          g_string_append_c (item, *p++);
          g_string_append_c (item, *p);
          continue;
        }
      if (*p == '"')
        quoted = !quoted;
      g_string_append_c (item, *p);
    }

  g_string_free (item, TRUE);
  return items;
}

/**
 * sluice_filter_value_from_text:
 * @text: what the author typed
 * @op: the filter's operator
 *
 * Reads a value the way YAML reads a plain scalar: 80 is a number, true a
 * boolean, "80" (quoted) text. For in and not_in the text is a
 * comma-separated list (brackets allowed); for matches and within it is
 * always text.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL for empty text
 *   or an operator that takes none
 */
JsonNode *
sluice_filter_value_from_text (const char     *text,
                               SluiceFilterOp  op)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  if (trimmed[0] == '\0' || op == SLUICE_FILTER_CHANGED)
    return NULL;

  if (op == SLUICE_FILTER_IN || op == SLUICE_FILTER_NOT_IN)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(GPtrArray) items = NULL;
      char *inner = trimmed;
      gsize len = strlen (trimmed);
      JsonNode *node;

      if (len >= 2 && trimmed[0] == '[' && trimmed[len - 1] == ']')
        {
          trimmed[len - 1] = '\0';
          inner = trimmed + 1;
        }

      items = split_list (inner);
      for (guint i = 0; i < items->len; i++)
        json_array_add_element (array, scalar_from_text (g_ptr_array_index (items, i), FALSE));

      node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (node, array);
      return node;
    }

  return scalar_from_text (trimmed, op == SLUICE_FILTER_MATCHES || op == SLUICE_FILTER_WITHIN);
}

/* ---- the row -------------------------------------------------------------------- */

static gboolean
get_op (SluiceFilterRow *self,
        SluiceFilterOp  *op)
{
  guint selected = gtk_drop_down_get_selected (self->op_dropdown);

  if (selected >= SLUICE_N_FILTER_OPS)
    return FALSE;
  *op = selected;
  return TRUE;
}

static const char *
value_placeholder (SluiceFilterOp op)
{
  switch (op)
    {
    case SLUICE_FILTER_IN:
    case SLUICE_FILTER_NOT_IN:
      return _("Values, separated by commas");
    case SLUICE_FILTER_EXISTS:
      return _("true or false (default: true)");
    case SLUICE_FILTER_MATCHES:
      return _("Regular expression");
    case SLUICE_FILTER_WITHIN:
      return _("Duration, e.g. 30d");
    case SLUICE_FILTER_CHANGED:
      return _("No value");
    case SLUICE_FILTER_EQ:
    case SLUICE_FILTER_NE:
    case SLUICE_FILTER_GT:
    case SLUICE_FILTER_GTE:
    case SLUICE_FILTER_LT:
    case SLUICE_FILTER_LTE:
    case SLUICE_FILTER_CONTAINS:
    case SLUICE_N_FILTER_OPS:
    default:
      return _("Value, e.g. 80 or storage");
    }
}

static void
update_value_entry (SluiceFilterRow *self)
{
  SluiceFilterOp op = SLUICE_FILTER_EQ;
  gboolean has_op = get_op (self, &op);

  gtk_entry_set_placeholder_text (self->value_entry, value_placeholder (op));
  gtk_widget_set_sensitive (GTK_WIDGET (self->value_entry), !has_op || op != SLUICE_FILTER_CHANGED);
}

static void
set_problem (SluiceFilterRow *self,
             char            *problem,
             gboolean         in_path)
{
  g_free (self->problem);
  self->problem = problem;

  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);

  if (problem != NULL && in_path)
    gtk_widget_add_css_class (GTK_WIDGET (self->path_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->path_entry), "error");

  if (problem != NULL && !in_path)
    gtk_widget_add_css_class (GTK_WIDGET (self->value_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_entry), "error");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem ? problem : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/* Checks the row as typed; %FALSE with the problem shown if invalid. */
static gboolean
validate (SluiceFilterRow *self)
{
  const char *path = gtk_editable_get_text (GTK_EDITABLE (self->path_entry));
  SluiceFilter filter = { (char *) path, SLUICE_FILTER_EQ, NULL };
  char *problem = NULL;

  if (path[0] == '\0')
    {
      set_problem (self, g_strdup (_("Enter the event field to test, e.g. data.percent")), TRUE);
      return FALSE;
    }
  if (!sluice_path_is_valid (path))
    {
      set_problem (self, g_strdup_printf (_("“%s” is not a field path; write names joined by dots, e.g. data.account"), path),
                   TRUE);
      return FALSE;
    }
  if (!get_op (self, &filter.op))
    {
      set_problem (self, g_strdup (_("Pick how to compare")), FALSE);
      return FALSE;
    }

  filter.value = sluice_filter_value_from_text (gtk_editable_get_text (GTK_EDITABLE (self->value_entry)), filter.op);
  sluice_filter_check_value (&filter, &problem);
  g_clear_pointer (&filter.value, json_node_unref);

  set_problem (self, problem, FALSE);
  return problem == NULL;
}

/**
 * sluice_filter_row_commit:
 *
 * Applies what the row holds now instead of after the typing pause:
 * emits ::changed if it is a valid filter that differs from the last one.
 *
 * Returns: %TRUE if ::changed was emitted
 */
gboolean
sluice_filter_row_commit (SluiceFilterRow *self)
{
  g_autoptr(JsonNode) filter = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SLUICE_IS_FILTER_ROW (self), FALSE);

  g_clear_handle_id (&self->commit_source, g_source_remove);

  if (self->filling || !validate (self))
    return FALSE;

  filter = sluice_filter_row_dup_filter (self);
  text = sluice_json_to_string (filter, FALSE);
  if (g_strcmp0 (text, self->committed) == 0)
    return FALSE;

  g_free (self->committed);
  self->committed = g_steal_pointer (&text);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static gboolean
commit_timeout_cb (gpointer user_data)
{
  SluiceFilterRow *self = user_data;

  self->commit_source = 0;
  sluice_filter_row_commit (self);
  return G_SOURCE_REMOVE;
}

static void
entry_changed_cb (SluiceFilterRow *self,
                  GtkEditable     *editable)
{
  if (self->filling)
    return;

  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[GTK_ENTRY (editable) == self->path_entry ? PROP_PATH : PROP_VALUE_TEXT]);

  g_clear_handle_id (&self->commit_source, g_source_remove);
  self->commit_source = g_timeout_add (COMMIT_DELAY_MS, commit_timeout_cb, self);
}

static void
entry_activate_cb (SluiceFilterRow *self,
                   GtkEntry        *entry)
{
  sluice_filter_row_commit (self);
}

static void
entry_leave_cb (SluiceFilterRow         *self,
                GtkEventControllerFocus *controller)
{
  if (self->commit_source != 0)
    sluice_filter_row_commit (self);
}

static void
op_selected_cb (SluiceFilterRow *self,
                GParamSpec      *pspec,
                GtkDropDown     *dropdown)
{
  SluiceFilterOp op;

  update_value_entry (self);
  if (self->filling)
    return;

  /* "changed" takes no value; leaving old text there would only be an error */
  if (get_op (self, &op) && op == SLUICE_FILTER_CHANGED)
    gtk_editable_set_text (GTK_EDITABLE (self->value_entry), "");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OP]);
  sluice_filter_row_commit (self);
}

static void
remove_clicked_cb (SluiceFilterRow *self,
                   GtkButton       *button)
{
  g_clear_handle_id (&self->commit_source, g_source_remove);
  g_signal_emit (self, signals[REMOVE], 0);
}

/* ---- GObject ------------------------------------------------------------------ */

static void
sluice_filter_row_dispose (GObject *object)
{
  SluiceFilterRow *self = SLUICE_FILTER_ROW (object);

  g_clear_handle_id (&self->commit_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SLUICE_TYPE_FILTER_ROW);

  G_OBJECT_CLASS (sluice_filter_row_parent_class)->dispose (object);
}

static void
sluice_filter_row_finalize (GObject *object)
{
  SluiceFilterRow *self = SLUICE_FILTER_ROW (object);

  g_free (self->committed);
  g_free (self->problem);

  G_OBJECT_CLASS (sluice_filter_row_parent_class)->finalize (object);
}

static void
sluice_filter_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SluiceFilterRow *self = SLUICE_FILTER_ROW (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, sluice_filter_row_get_path (self));
      break;

    case PROP_OP:
      g_value_set_string (value, sluice_filter_row_get_op (self));
      break;

    case PROP_VALUE_TEXT:
      g_value_set_string (value, sluice_filter_row_get_value_text (self));
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_filter_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SluiceFilterRow *self = SLUICE_FILTER_ROW (object);

  switch (prop_id)
    {
    case PROP_PATH:
      sluice_filter_row_set_path (self, g_value_get_string (value));
      break;

    case PROP_OP:
      sluice_filter_row_set_op (self, g_value_get_string (value));
      break;

    case PROP_VALUE_TEXT:
      sluice_filter_row_set_value_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_filter_row_class_init (SluiceFilterRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sluice_filter_row_dispose;
  object_class->finalize = sluice_filter_row_finalize;
  object_class->get_property = sluice_filter_row_get_property;
  object_class->set_property = sluice_filter_row_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OP] =
    g_param_spec_string ("op", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE_TEXT] =
    g_param_spec_string ("value-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/dev/sluice/Sluice/sluice-filter-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SluiceFilterRow, path_entry);
  gtk_widget_class_bind_template_child (widget_class, SluiceFilterRow, op_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SluiceFilterRow, value_entry);
  gtk_widget_class_bind_template_child (widget_class, SluiceFilterRow, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, op_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
sluice_filter_row_init (SluiceFilterRow *self)
{
  g_autoptr(GtkStringList) ops = gtk_string_list_new ((const char * const *) sluice_filter_op_names);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filling = TRUE;
  gtk_drop_down_set_model (self->op_dropdown, G_LIST_MODEL (ops));
  gtk_drop_down_set_selected (self->op_dropdown, SLUICE_FILTER_EQ);
  self->filling = FALSE;
  update_value_entry (self);
}

/* ---- public ------------------------------------------------------------------- */

GtkWidget *
sluice_filter_row_new (void)
{
  return g_object_new (SLUICE_TYPE_FILTER_ROW, NULL);
}

/**
 * sluice_filter_row_set_filter:
 * @filter: a filter object {path, op, value}, as the model holds it
 *
 * Shows @filter. This is not an edit: ::changed is not emitted. A filter
 * that is not valid (as loaded from a file) shows its problem.
 */
void
sluice_filter_row_set_filter (SluiceFilterRow *self,
                              JsonObject      *filter)
{
  g_autofree char *value_text = NULL;
  g_autoptr(JsonNode) shown = NULL;
  SluiceFilterOp op;

  g_return_if_fail (SLUICE_IS_FILTER_ROW (self));
  g_return_if_fail (filter != NULL);

  g_clear_handle_id (&self->commit_source, g_source_remove);
  self->filling = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->path_entry),
                         json_object_get_string_member_with_default (filter, "path", ""));
  if (sluice_filter_op_from_string (json_object_get_string_member_with_default (filter, "op", NULL), &op))
    gtk_drop_down_set_selected (self->op_dropdown, op);
  else
    gtk_drop_down_set_selected (self->op_dropdown, GTK_INVALID_LIST_POSITION);
  value_text = sluice_filter_value_to_text (json_object_get_member (filter, "value"));
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), value_text);

  self->filling = FALSE;
  update_value_entry (self);

  /* What the row would write back unchanged, so that a commit without an
   * edit is not an edit. */
  shown = sluice_filter_row_dup_filter (self);
  g_free (self->committed);
  self->committed = sluice_json_to_string (shown, FALSE);

  if (json_object_get_string_member_with_default (filter, "path", "")[0] != '\0')
    validate (self);
  else
    set_problem (self, NULL, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OP]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE_TEXT]);
}

/**
 * sluice_filter_row_dup_filter:
 *
 * Returns: (transfer full): the filter as typed, {path, op, value}, valid
 *   or not
 */
JsonNode *
sluice_filter_row_dup_filter (SluiceFilterRow *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;
  JsonNode *value;
  SluiceFilterOp op;

  g_return_val_if_fail (SLUICE_IS_FILTER_ROW (self), NULL);

  json_object_set_string_member (object, "path", gtk_editable_get_text (GTK_EDITABLE (self->path_entry)));
  if (get_op (self, &op))
    {
      json_object_set_string_member (object, "op", sluice_filter_op_to_string (op));
      value = sluice_filter_value_from_text (gtk_editable_get_text (GTK_EDITABLE (self->value_entry)), op);
      if (value != NULL)
        json_object_set_member (object, "value", value);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

const char *
sluice_filter_row_get_path (SluiceFilterRow *self)
{
  g_return_val_if_fail (SLUICE_IS_FILTER_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->path_entry));
}

void
sluice_filter_row_set_path (SluiceFilterRow *self,
                            const char      *path)
{
  g_return_if_fail (SLUICE_IS_FILTER_ROW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->path_entry), path ? path : "");
}

/**
 * sluice_filter_row_get_op:
 *
 * Returns: (nullable): the operator's name, e.g. "gte"
 */
const char *
sluice_filter_row_get_op (SluiceFilterRow *self)
{
  SluiceFilterOp op;

  g_return_val_if_fail (SLUICE_IS_FILTER_ROW (self), NULL);
  return get_op (self, &op) ? sluice_filter_op_to_string (op) : NULL;
}

/* Picking an operator is an edit: the row commits (see ::changed). */
void
sluice_filter_row_set_op (SluiceFilterRow *self,
                          const char      *op)
{
  SluiceFilterOp value;

  g_return_if_fail (SLUICE_IS_FILTER_ROW (self));

  if (sluice_filter_op_from_string (op, &value))
    gtk_drop_down_set_selected (self->op_dropdown, value);
  else
    gtk_drop_down_set_selected (self->op_dropdown, GTK_INVALID_LIST_POSITION);
}

const char *
sluice_filter_row_get_value_text (SluiceFilterRow *self)
{
  g_return_val_if_fail (SLUICE_IS_FILTER_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->value_entry));
}

void
sluice_filter_row_set_value_text (SluiceFilterRow *self,
                                  const char      *text)
{
  g_return_if_fail (SLUICE_IS_FILTER_ROW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), text ? text : "");
}

/**
 * sluice_filter_row_get_problem:
 *
 * Returns: (nullable): why the row, as last checked, is not a valid filter
 */
const char *
sluice_filter_row_get_problem (SluiceFilterRow *self)
{
  g_return_val_if_fail (SLUICE_IS_FILTER_ROW (self), NULL);
  return self->problem;
}
