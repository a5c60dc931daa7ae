/* sluice-inspector.c
 *
 * The right pane of the Design view. Its form is generated from the
 * schema: one row per field of the step type, chosen by the field's kind,
 * so a new step type or field needs no code here.
 *
 * Every row holds what the author types until it is applied (Enter, a
 * pause in typing, leaving the row); applying checks the text with the
 * loader's own field reader, so the model never holds a value the YAML
 * could not read back, and makes one document edit (one undo step).
 * Edits made here do not rebuild the form (the author keeps their place);
 * edits from elsewhere (canvas, YAML, undo) do.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sluice-filter-row.h"
#include "sluice-inspector.h"
#include "sluice-json.h"
#include "sluice-schema.h"
#include "sluice-step.h"
#include "sluice-validator.h"

/* How long typing may pause before a field applies what it has. */
#define APPLY_DELAY_MS 700

typedef struct _Binding Binding;

struct _SluiceInspector
{
  GtkWidget             parent_instance;

  GtkStack             *stack;
  AdwStatusPage        *status_page;
  GtkBox               *workflow_box;
  AdwPreferencesGroup  *workflow_findings_group;
  AdwPreferencesPage   *step_page;
  GtkImage             *step_icon;
  GtkLabel             *step_title;
  GtkLabel             *step_subtitle;
  AdwPreferencesGroup  *findings_group;
  AdwPreferencesGroup  *connections_group;

  SluiceDocument       *document;
  char                 *step_id;

  GPtrArray            *bindings;        /* Binding, one per field shown */
  GPtrArray            *form_groups;     /* the generated groups, to remove on rebuild */
  GPtrArray            *findings_rows;   /* rows of findings_group */
  GPtrArray            *workflow_findings_rows;
  GPtrArray            *connection_rows; /* rows of connections_group */
  guint                 editing;         /* inside our own document edit */
  gboolean              filling;         /* widgets are being set from the model */
};

G_DEFINE_FINAL_TYPE (SluiceInspector, sluice_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_STEP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The fields every step has. The schema keeps them in a private table
 * (step_head_fields in sluice-schema.c); these mirror it, except that
 * "name" is labelled Name here, since several step types have a Title
 * field of their own (a ticket's, a timeline entry's). */
static const SluiceField step_id_field = {
  "id", SLUICE_FIELD_IDENTIFIER, SLUICE_FIELD_FLAG_REQUIRED, N_("Id"),
  N_("A unique name for the step: lower-case letters, digits and dashes"),
};
static const SluiceField step_name_field = {
  "name", SLUICE_FIELD_STRING, 0, N_("Name"),
  N_("A title for the canvas; the type's name when empty"),
};

/* ---- bindings: one field of the model and the widgets that edit it ----------- */

typedef enum
{
  TARGET_STEP,       /* a member of the shown step */
  TARGET_METADATA,   /* a member of the workflow's metadata */
  TARGET_ENTITY_KEY, /* spec.entityKey */
} Target;

struct _Binding
{
  SluiceInspector   *self;          /* NULL once the form was rebuilt */
  const SluiceField *field;
  Target             target;
  GtkWidget         *widget;        /* the row, or the group of a list */
  GtkWidget         *message_row;   /* shows ->problem; NULL for lists */
  GtkLabel          *message_label;
  GtkWidget         *finding_icon;  /* marks a validation finding; may be NULL */
  GtkWidget         *clear_button;  /* numbers: back to "not set" */
  GtkTextBuffer     *buffer;        /* TEXT */
  GtkStringList     *choices;       /* ENUM */
  gboolean           has_default;   /* ENUM: item 0 means "not set" */
  gboolean           unset;         /* numbers: the field has no value */
  char              *problem;
  guint              apply_source;

  /* LIST and MAP */
  GPtrArray         *items;         /* item rows in model order, a pending one last */
  GtkWidget         *empty_row;
};

/* One item row of a list or map. */
typedef struct
{
  Binding   *list;                  /* a reference */
  GtkWidget *row;
  GtkWidget *key_entry;             /* maps */
  GtkWidget *value_entry;           /* maps */
  gboolean   pending;               /* added in the form, not yet in the model */
  guint      apply_source;
} Item;

static void
binding_clear (Binding *b)
{
  g_clear_handle_id (&b->apply_source, g_source_remove);
  g_clear_pointer (&b->problem, g_free);
  g_clear_pointer (&b->items, g_ptr_array_unref);
}

static Binding *
binding_ref (Binding *b)
{
  return g_rc_box_acquire (b);
}

static void
binding_unref (Binding *b)
{
  g_rc_box_release_full (b, (GDestroyNotify) binding_clear);
}

/* The form is being replaced: stop timers and cut the way back. */
static void
binding_detach (Binding *b)
{
  b->self = NULL;
  g_clear_handle_id (&b->apply_source, g_source_remove);
  if (b->items != NULL)
    for (guint i = 0; i < b->items->len; i++)
      {
        Item *item = g_object_get_data (g_ptr_array_index (b->items, i), "sluice-item");
        g_clear_handle_id (&item->apply_source, g_source_remove);
      }
}

static Binding *
binding_new (SluiceInspector   *self,
             const SluiceField *field,
             Target             target,
             GtkWidget         *widget)
{
  Binding *b = g_rc_box_new0 (Binding);

  b->self = self;
  b->field = field;
  b->target = target;
  b->widget = widget;
  /* the widget holds the binding, so signal handlers can trust it */
  g_object_set_data_full (G_OBJECT (widget), "sluice-binding", b, (GDestroyNotify) binding_unref);
  g_ptr_array_add (self->bindings, binding_ref (b));
  gtk_widget_set_name (widget, field->name);

  return b;
}

static SluiceWorkflow *
get_workflow (SluiceInspector *self)
{
  return self->document ? sluice_document_get_workflow (self->document) : NULL;
}

static SluiceStep *
get_step (SluiceInspector *self)
{
  SluiceWorkflow *workflow = get_workflow (self);

  return workflow && self->step_id ? sluice_workflow_lookup_step (workflow, self->step_id) : NULL;
}

/* Returns: (transfer full) (nullable): the field's value in the model */
static JsonNode *
binding_dup_value (Binding *b)
{
  SluiceWorkflow *workflow = get_workflow (b->self);
  SluiceStep *step;
  JsonNode *node = NULL;
  const char *text;

  switch (b->target)
    {
    case TARGET_STEP:
      step = get_step (b->self);
      node = step ? sluice_step_get_member (step, b->field->name) : NULL;
      break;

    case TARGET_METADATA:
      node = json_object_get_member (sluice_workflow_get_metadata (workflow), b->field->name);
      break;

    case TARGET_ENTITY_KEY:
    default:
      text = sluice_workflow_get_entity_key (workflow);
      return text ? json_node_init_string (json_node_alloc (), text) : NULL;
    }

  return node ? json_node_ref (node) : NULL;
}

static char *
binding_dup_string (Binding *b)
{
  g_autoptr(JsonNode) node = binding_dup_value (b);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* Takes @value (nullable: removes the field). Call inside an edit. */
static void
binding_set_value (Binding  *b,
                   JsonNode *value)
{
  SluiceWorkflow *workflow = get_workflow (b->self);
  SluiceStep *step;

  switch (b->target)
    {
    case TARGET_STEP:
      step = get_step (b->self);
      if (step != NULL)
        sluice_step_set_member (step, b->field->name, value);
      else if (value != NULL)
        json_node_unref (value);
      break;

    case TARGET_METADATA:
      if (value != NULL)
        json_object_set_member (sluice_workflow_get_metadata (workflow), b->field->name, value);
      else
        json_object_remove_member (sluice_workflow_get_metadata (workflow), b->field->name);
      break;

    case TARGET_ENTITY_KEY:
    default:
      sluice_workflow_set_entity_key (workflow, value ? json_node_get_string (value) : NULL);
      g_clear_pointer (&value, json_node_unref);
      break;
    }
}

/* ---- edits ------------------------------------------------------------------- */

static void refresh_status (SluiceInspector *self);

static void
begin_edit (SluiceInspector *self,
            const char      *label)
{
  self->editing++;
  sluice_document_begin_edit (self->document, label);
}

/* The form already shows the change; only what is derived from the
 * model (header, findings, connections) is refreshed. */
static void
end_edit (SluiceInspector *self)
{
  sluice_document_end_edit (self->document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR);
  self->editing--;
  refresh_status (self);
}

static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

/* ---- checking text as the loader would ----------------------------------------- */

/**
 * read_scalar:
 *
 * Reads @text for @field with the document loader's own field reader, so
 * the form accepts exactly what a YAML file may say, canonicalised the
 * same way (a duration "90m" becomes "1h30m").
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with @problem set
 */
static JsonNode *
read_scalar (const SluiceField  *field,
             const char         *text,
             char              **problem)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  SluiceSchemaContext context = { diagnostics, NULL };
  SluiceYamlNode node = { SLUICE_YAML_SCALAR, 0, 0, (char *) text, FALSE, NULL };
  JsonNode *value;

  value = sluice_schema_read (field, &node, field->name, &context);
  if (diagnostics->len > 0)
    {
      SluiceDiagnostic *first = g_ptr_array_index (diagnostics, 0);

      g_clear_pointer (&value, json_node_unref);
      *problem = g_strdup (first->message);
    }
  else if (value == NULL)
    *problem = g_strdup_printf (_("“%s” is not a valid value"), text);

  return value;
}

static void
binding_show_problem (Binding *b,
                      char    *problem)
{
  g_free (b->problem);
  b->problem = problem;

  if (problem != NULL)
    gtk_widget_add_css_class (b->widget, "error");
  else
    gtk_widget_remove_css_class (b->widget, "error");

  if (b->message_row != NULL)
    {
      gtk_label_set_text (b->message_label, problem ? problem : "");
      gtk_widget_set_visible (b->message_row, problem != NULL);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (b->widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problem ? problem : _(b->field->description),
                                  -1);
}

/* ---- scalar fields: entries, text, numbers, switches, choices ------------------- */

static void
apply_value (Binding  *b,
             JsonNode *value)
{
  g_autoptr(JsonNode) owned = value;
  g_autoptr(JsonNode) current = binding_dup_value (b);
  g_autofree char *label = NULL;
  SluiceInspector *self = b->self;

  if (values_equal (current, value))
    return;

  label = g_strdup_printf (_("Change “%s”"), _(b->field->title));
  begin_edit (self, label);
  binding_set_value (b, g_steal_pointer (&owned));
  end_edit (self);
}

/* Applies the text of an entry or text view. */
static void
apply_text (Binding    *b,
            const char *text)
{
  SluiceInspector *self = b->self;
  JsonNode *value = NULL;
  char *problem = NULL;

  if (text[0] == '\0')
    {
      if (b->field->flags & SLUICE_FIELD_FLAG_REQUIRED)
        problem = g_strdup_printf (_("%s is required: %s"), _(b->field->title), _(b->field->description));
    }
  else
    value = read_scalar (b->field, text, &problem);

  if (problem == NULL && b->target == TARGET_STEP && b->field == &step_id_field)
    {
      SluiceStep *other = sluice_workflow_lookup_step (get_workflow (self), text);

      if (other != NULL && other != get_step (self))
        problem = g_strdup_printf (_("Another step is already called “%s”; step ids must be unique"), text);
    }

  binding_show_problem (b, problem);
  if (problem != NULL)
    {
      g_clear_pointer (&value, json_node_unref);
      return;
    }

  if (b->target == TARGET_STEP && b->field == &step_id_field)
    {
      g_autofree char *old_id = g_strdup (self->step_id);
      g_autofree char *new_id = g_strdup (json_node_get_string (value));

      json_node_unref (value);
      if (g_strcmp0 (old_id, new_id) == 0)
        return;

      /* edges, rate limits and the canvas position follow the new id */
      begin_edit (self, _("Rename step"));
      if (sluice_workflow_rename_step (get_workflow (self), old_id, new_id))
        {
          g_free (self->step_id);
          self->step_id = g_strdup (new_id);
        }
      end_edit (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_ID]);
      return;
    }

  apply_value (b, value);
}

static void
binding_apply_now (Binding *b)
{
  g_clear_handle_id (&b->apply_source, g_source_remove);

  if (b->self == NULL || b->self->document == NULL)
    return;

  if (b->buffer != NULL)
    {
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (b->buffer, &start, &end);
      text = gtk_text_buffer_get_text (b->buffer, &start, &end, FALSE);
      apply_text (b, text);
    }
  else if (GTK_IS_EDITABLE (b->widget))
    apply_text (b, gtk_editable_get_text (GTK_EDITABLE (b->widget)));
}

static gboolean
apply_timeout_cb (gpointer user_data)
{
  Binding *b = user_data;

  b->apply_source = 0;
  binding_apply_now (b);
  return G_SOURCE_REMOVE;
}

static void
text_changed_cb (gpointer  instance,
                 Binding  *b)
{
  if (b->self == NULL || b->self->filling)
    return;

  g_clear_handle_id (&b->apply_source, g_source_remove);
  b->apply_source = g_timeout_add (APPLY_DELAY_MS, apply_timeout_cb, b);
}

static void
apply_now_cb (gpointer  instance,
              Binding  *b)
{
  if (b->self != NULL && !b->self->filling)
    binding_apply_now (b);
}

static void apply_number (Binding *b);
static void item_flush (Item *item);

/* Applies what a field holds now, if it is waiting for a typing pause. */
static void
binding_flush (Binding *b)
{
  if (b->apply_source != 0)
    {
      if (g_object_get_data (G_OBJECT (b->widget), "sluice-spin") != NULL)
        apply_number (b);
      else
        binding_apply_now (b);
    }

  if (b->items != NULL)
    for (guint i = 0; i < b->items->len; i++)
      item_flush (g_object_get_data (g_ptr_array_index (b->items, i), "sluice-item"));
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                Binding                 *b)
{
  binding_flush (b);
}

static void
add_focus_leave (GtkWidget *widget,
                 Binding   *b)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), b);
  gtk_widget_add_controller (widget, focus);
}

/* A row below a field that says why its text was not applied. */
static GtkWidget *
message_row_new (Binding *b)
{
  /* AdwPreferencesGroup keeps only preferences rows in its boxed list */
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  GtkWidget *label = gtk_label_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_visible (row, FALSE);
  gtk_widget_add_css_class (row, "sluice-field-problem");

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_add_css_class (box, "error");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  b->message_row = row;
  b->message_label = GTK_LABEL (label);
  return row;
}

static GtkWidget *
finding_icon_new (Binding *b)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_set_visible (icon, FALSE);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  b->finding_icon = icon;
  return icon;
}

static void
describe_row (GtkWidget         *row,
              const SluiceField *field)
{
  gtk_widget_set_tooltip_text (row, _(field->description));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(field->description),
                                  -1);
}

static void
add_entry_row (SluiceInspector     *self,
               AdwPreferencesGroup *group,
               const SluiceField   *field,
               Target               target)
{
  GtkWidget *row = adw_entry_row_new ();
  Binding *b = binding_new (self, field, target, row);
  g_autofree char *text = binding_dup_string (b);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  describe_row (row, field);

  if (field->kind == SLUICE_FIELD_URL)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_URL);
  if (field->kind != SLUICE_FIELD_STRING && field->kind != SLUICE_FIELD_TEMPLATE)
    adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row), GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_NO_EMOJI);
  if (field->kind == SLUICE_FIELD_CRON || field->kind == SLUICE_FIELD_PATH || field->kind == SLUICE_FIELD_IDENTIFIER)
    gtk_widget_add_css_class (row, "monospace");

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), finding_icon_new (b));
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");

  g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), b);
  g_signal_connect (row, "apply", G_CALLBACK (apply_now_cb), b);
  g_signal_connect (row, "entry-activated", G_CALLBACK (apply_now_cb), b);
  add_focus_leave (row, b);

  adw_preferences_group_add (group, row);
  adw_preferences_group_add (group, message_row_new (b));
}

/* Multi-line text: a text view under the field's title. */
static void
add_text_row (SluiceInspector     *self,
              AdwPreferencesGroup *group,
              const SluiceField   *field,
              Target               target)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_(field->title));
  GtkWidget *view = gtk_text_view_new ();
  Binding *b = binding_new (self, field, target, row);
  g_autofree char *text = binding_dup_string (b);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "sluice-text-row");
  describe_row (row, field);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), finding_icon_new (b));
  gtk_box_append (GTK_BOX (box), header);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 64);
  gtk_widget_add_css_class (view, "inline");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(field->description),
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                  -1);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  b->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (b->buffer, text ? text : "", -1);
  g_signal_connect (b->buffer, "changed", G_CALLBACK (text_changed_cb), b);
  add_focus_leave (view, b);

  adw_preferences_group_add (group, row);
  adw_preferences_group_add (group, message_row_new (b));
}

static void
update_clear_button (Binding *b)
{
  if (b->clear_button != NULL)
    gtk_widget_set_visible (b->clear_button, !b->unset);
}

/* Empty text keeps the value, so clearing the field does not invent one. */
static int
spin_input_cb (GtkSpinButton *spin,
               double        *new_value,
               Binding       *b)
{
  if (gtk_editable_get_text (GTK_EDITABLE (spin))[0] != '\0')
    return FALSE;
  *new_value = gtk_spin_button_get_value (spin);
  return TRUE;
}

static gboolean
spin_output_cb (GtkSpinButton *spin,
                Binding       *b)
{
  /* An unset field shows no number rather than a made-up one. */
  if (!b->unset)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (spin), "");
  return TRUE;
}

static void
apply_number (Binding *b)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (b->widget), "sluice-spin");
  JsonNode *value;

  g_clear_handle_id (&b->apply_source, g_source_remove);
  if (b->self == NULL)
    return;

  if (b->unset)
    value = NULL;
  else if (b->field->kind == SLUICE_FIELD_INTEGER)
    value = json_node_init_int (json_node_alloc (), gtk_spin_button_get_value_as_int (spin));
  else
    value = json_node_init_double (json_node_alloc (), gtk_spin_button_get_value (spin));

  apply_value (b, value);
}

static gboolean
number_timeout_cb (gpointer user_data)
{
  Binding *b = user_data;

  b->apply_source = 0;
  apply_number (b);
  return G_SOURCE_REMOVE;
}

static void
spin_value_changed_cb (GtkSpinButton *spin,
                       Binding       *b)
{
  if (b->self == NULL || b->self->filling)
    return;

  b->unset = FALSE;
  update_clear_button (b);
  /* holding an arrow down is one edit, not dozens */
  g_clear_handle_id (&b->apply_source, g_source_remove);
  b->apply_source = g_timeout_add (APPLY_DELAY_MS / 2, number_timeout_cb, b);
}

static void
spin_activate_cb (GtkText *text,
                  Binding *b)
{
  if (b->apply_source != 0)
    apply_number (b);
}

static void
clear_number_cb (GtkButton *button,
                 Binding   *b)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (b->widget), "sluice-spin");

  b->unset = TRUE;
  update_clear_button (b);
  gtk_editable_set_text (GTK_EDITABLE (spin), "");
  apply_number (b);
}

static void
add_number_row (SluiceInspector     *self,
                AdwPreferencesGroup *group,
                const SluiceField   *field,
                Target               target)
{
  GtkWidget *row = adw_action_row_new ();
  Binding *b = binding_new (self, field, target, row);
  g_autoptr(JsonNode) value = binding_dup_value (b);
  double lower = field->minimum;
  double upper = field->maximum > 0 ? field->maximum : (double) G_MAXINT32;
  GtkAdjustment *adjustment = gtk_adjustment_new (lower, lower, upper, 1, 10, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1, field->kind == SLUICE_FIELD_INTEGER ? 0 : 2);
  GtkWidget *clear;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->description));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), finding_icon_new (b));

  if (!(field->flags & SLUICE_FIELD_FLAG_REQUIRED))
    {
      clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
      gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (clear, _("Use the Default"));
      gtk_widget_add_css_class (clear, "flat");
      g_signal_connect (clear, "clicked", G_CALLBACK (clear_number_cb), b);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), clear);
      b->clear_button = clear;
    }

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->title),
                                  -1);
  g_object_set_data (G_OBJECT (row), "sluice-spin", spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);

  b->unset = value == NULL || !JSON_NODE_HOLDS_VALUE (value);
  if (!b->unset)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                               json_node_get_value_type (value) == G_TYPE_INT64
                               ? (double) json_node_get_int (value) : json_node_get_double (value));
  update_clear_button (b);

  g_signal_connect (spin, "input", G_CALLBACK (spin_input_cb), b);
  g_signal_connect (spin, "output", G_CALLBACK (spin_output_cb), b);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_value_changed_cb), b);
  /* GtkSpinButton::activate is newer than GTK 4.8: its text's is not */
  g_signal_connect_after (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activate",
                          G_CALLBACK (spin_activate_cb), b);
  add_focus_leave (spin, b);
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  if (b->unset)
    gtk_editable_set_text (GTK_EDITABLE (spin), "");

  adw_preferences_group_add (group, row);
}

static void
switch_active_cb (GtkSwitch  *toggle,
                  GParamSpec *pspec,
                  Binding    *b)
{
  if (b->self == NULL || b->self->filling)
    return;
  apply_value (b, json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (toggle)));
}

static void
add_switch_row (SluiceInspector     *self,
                AdwPreferencesGroup *group,
                const SluiceField   *field,
                Target               target)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  Binding *b = binding_new (self, field, target, row);
  g_autoptr(JsonNode) value = binding_dup_value (b);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->description));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), finding_icon_new (b));

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle),
                         value && JSON_NODE_HOLDS_VALUE (value)
                         && json_node_get_value_type (value) == G_TYPE_BOOLEAN
                         && json_node_get_boolean (value));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->title),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (switch_active_cb), b);

  adw_preferences_group_add (group, row);
}

static void
combo_selected_cb (AdwComboRow *row,
                   GParamSpec  *pspec,
                   Binding     *b)
{
  guint selected = adw_combo_row_get_selected (row);

  if (b->self == NULL || b->self->filling || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (b->has_default && selected == 0)
    apply_value (b, NULL);
  else
    apply_value (b, json_node_init_string (json_node_alloc (),
                                           gtk_string_list_get_string (b->choices, selected)));
}

static void
add_combo_row (SluiceInspector     *self,
               AdwPreferencesGroup *group,
               const SluiceField   *field,
               Target               target)
{
  GtkWidget *row = adw_combo_row_new ();
  Binding *b = binding_new (self, field, target, row);
  g_autofree char *current = binding_dup_string (b);
  guint selected = GTK_INVALID_LIST_POSITION;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->description));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), finding_icon_new (b));

  /* An optional choice can be left to its default. */
  b->has_default = !(field->flags & SLUICE_FIELD_FLAG_REQUIRED);
  b->choices = gtk_string_list_new (NULL);
  if (b->has_default)
    {
      gtk_string_list_append (b->choices, C_("choice", "Default"));
      selected = 0;
    }
  for (guint i = 0; field->choices && field->choices[i]; i++)
    {
      gtk_string_list_append (b->choices, field->choices[i]);
      if (g_strcmp0 (current, field->choices[i]) == 0)
        selected = i + (b->has_default ? 1 : 0);
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (b->choices));
  g_object_unref (b->choices);  /* the row keeps it */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), b);

  adw_preferences_group_add (group, row);
}

/* Kinds the form has no editor for show their value; the YAML view edits them. */
static void
add_readonly_row (SluiceInspector     *self,
                  AdwPreferencesGroup *group,
                  const SluiceField   *field,
                  Target               target)
{
  GtkWidget *row = adw_action_row_new ();
  Binding *b = binding_new (self, field, target, row);
  g_autoptr(JsonNode) value = binding_dup_value (b);
  g_autofree char *text = value ? sluice_json_to_string (value, FALSE) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text ? text : _("Not set; edit it in the YAML view"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), finding_icon_new (b));
  describe_row (row, field);

  adw_preferences_group_add (group, row);
}

/* ---- lists, maps and filters ----------------------------------------------------- */

static Item *
item_get (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "sluice-item");
}

static void
item_free (Item *item)
{
  g_clear_handle_id (&item->apply_source, g_source_remove);
  binding_unref (item->list);
  g_free (item);
}

static guint
item_index (Item *item)
{
  guint index = 0;

  g_ptr_array_find (item->list->items, item->row, &index);
  return index;
}

static JsonArray *
list_array (Binding  *b,
            gboolean  create)
{
  SluiceStep *step = get_step (b->self);
  JsonNode *node;

  if (step == NULL)
    return NULL;

  node = sluice_step_get_member (step, b->field->name);
  if ((node == NULL || !JSON_NODE_HOLDS_ARRAY (node)) && create)
    {
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, json_array_new ());
      sluice_step_set_member (step, b->field->name, node);
    }

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
map_object (Binding  *b,
            gboolean  create)
{
  SluiceStep *step = get_step (b->self);
  JsonNode *node;

  if (step == NULL)
    return NULL;

  node = sluice_step_get_member (step, b->field->name);
  if ((node == NULL || !JSON_NODE_HOLDS_OBJECT (node)) && create)
    {
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
      sluice_step_set_member (step, b->field->name, node);
    }

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* An emptied list or map leaves the document, as if never written. */
static void
drop_if_empty (Binding *b)
{
  SluiceStep *step = get_step (b->self);
  JsonNode *node = step ? sluice_step_get_member (step, b->field->name) : NULL;

  if (node == NULL)
    return;
  if ((JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0)
      || (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) == 0))
    sluice_step_set_member (step, b->field->name, NULL);
}

static void
update_empty_row (Binding *b)
{
  gtk_widget_set_visible (b->empty_row, b->items->len == 0);
}

static void
item_remove_widget (Item *item)
{
  Binding *list = item->list;
  GtkWidget *row = item->row;

  g_clear_handle_id (&item->apply_source, g_source_remove);
  g_ptr_array_remove (list->items, row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (list->widget), row);
  update_empty_row (list);
}

static void
item_remove_cb (GtkWidget *button,
                Item      *item)
{
  Binding *list = item->list;
  SluiceInspector *self = list->self;
  g_autofree char *label = NULL;
  guint index;

  if (self == NULL)
    return;

  if (!item->pending)
    {
      index = item_index (item);
      if (list->field->item == &sluice_filter_field)
        label = g_strdup_printf (_("Remove filter from “%s”"), _(list->field->title));
      else
        label = g_strdup_printf (_("Remove from “%s”"), _(list->field->title));
      begin_edit (self, label);
      if (list->field->kind == SLUICE_FIELD_MAP)
        {
          JsonObject *object = map_object (list, FALSE);
          const char *key = g_object_get_data (G_OBJECT (item->row), "sluice-key");

          if (object != NULL && key != NULL)
            json_object_remove_member (object, key);
        }
      else
        {
          JsonArray *array = list_array (list, FALSE);

          if (array != NULL && index < json_array_get_length (array))
            json_array_remove_element (array, index);
        }
      drop_if_empty (list);
      end_edit (self);
    }

  item_remove_widget (item);
}

/* Puts @value at the item's place (appending a pending item). */
static void
list_item_store (Item     *item,
                 JsonNode *value)
{
  Binding *list = item->list;
  SluiceInspector *self = list->self;
  g_autoptr(JsonNode) owned = value;
  g_autofree char *label = NULL;
  JsonArray *array;
  guint index = item_index (item);

  array = list_array (list, FALSE);
  if (!item->pending && array != NULL && index < json_array_get_length (array)
      && values_equal (json_array_get_element (array, index), value))
    return;

  if (list->field->item == &sluice_filter_field && item->pending)
    label = g_strdup_printf (_("Add filter to “%s”"), _(list->field->title));
  else if (list->field->item == &sluice_filter_field)
    label = g_strdup_printf (_("Change filter in “%s”"), _(list->field->title));
  else if (item->pending)
    label = g_strdup_printf (_("Add to “%s”"), _(list->field->title));
  else
    label = g_strdup_printf (_("Change “%s”"), _(list->field->title));

  begin_edit (self, label);
  array = list_array (list, TRUE);
  if (item->pending || index >= json_array_get_length (array))
    json_array_add_element (array, g_steal_pointer (&owned));
  else
    {
      /* json-glib has no "replace": rebuild the array around the item */
      g_autoptr(JsonArray) copy = json_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, i == index ? g_steal_pointer (&owned)
                                                 : json_node_ref (json_array_get_element (array, i)));
      {
        JsonNode *node = json_node_new (JSON_NODE_ARRAY);

        json_node_set_array (node, copy);
        sluice_step_set_member (get_step (self), list->field->name, node);
      }
    }
  item->pending = FALSE;
  end_edit (self);
}

static void
list_entry_apply (Item *item)
{
  Binding *list = item->list;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (item->row));
  g_autofree char *problem = NULL;
  JsonNode *value;

  g_clear_handle_id (&item->apply_source, g_source_remove);
  if (list->self == NULL)
    return;

  if (text[0] == '\0')
    {
      /* an empty recipient means nothing: remove it instead */
      if (!item->pending)
        gtk_widget_add_css_class (item->row, "error");
      gtk_widget_set_tooltip_text (item->row, item->pending ? NULL : _("Enter a value, or remove the item"));
      return;
    }

  value = read_scalar (list->field->item, text, &problem);
  gtk_widget_set_tooltip_text (item->row, problem);
  if (problem != NULL)
    {
      gtk_widget_add_css_class (item->row, "error");
      return;
    }
  gtk_widget_remove_css_class (item->row, "error");
  list_item_store (item, value);
}

static void map_item_apply (Item *item);

static void
item_apply (Item *item)
{
  if (SLUICE_IS_FILTER_ROW (item->row))
    sluice_filter_row_commit (SLUICE_FILTER_ROW (item->row));
  else if (item->list->field->kind == SLUICE_FIELD_MAP)
    map_item_apply (item);
  else
    list_entry_apply (item);
}

static gboolean
item_timeout_cb (gpointer user_data)
{
  Item *item = user_data;

  item->apply_source = 0;
  item_apply (item);
  return G_SOURCE_REMOVE;
}

static void
item_flush (Item *item)
{
  if (item->apply_source != 0)
    {
      g_clear_handle_id (&item->apply_source, g_source_remove);
      item_apply (item);
    }
  else if (SLUICE_IS_FILTER_ROW (item->row))
    sluice_filter_row_commit (SLUICE_FILTER_ROW (item->row));
}

static void
item_changed_cb (gpointer  instance,
                 Item     *item)
{
  if (item->list->self == NULL || item->list->self->filling)
    return;
  g_clear_handle_id (&item->apply_source, g_source_remove);
  item->apply_source = g_timeout_add (APPLY_DELAY_MS, item_timeout_cb, item);
}

static void
list_entry_apply_cb (gpointer  instance,
                     Item     *item)
{
  list_entry_apply (item);
}

static void
item_leave_cb (GtkEventControllerFocus *controller,
               Item                    *item)
{
  if (item->apply_source != 0)
    {
      g_clear_handle_id (&item->apply_source, g_source_remove);
      item_apply (item);
    }
}

static GtkWidget *
remove_button_new (Item       *item,
                   const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (item_remove_cb), item);
  return button;
}

static Item *
item_new (Binding   *list,
          GtkWidget *row,
          gboolean   pending)
{
  Item *item = g_new0 (Item, 1);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  item->list = binding_ref (list);
  item->row = row;
  item->pending = pending;
  g_object_set_data_full (G_OBJECT (row), "sluice-item", item, (GDestroyNotify) item_free);

  g_signal_connect (focus, "leave", G_CALLBACK (item_leave_cb), item);
  gtk_widget_add_controller (row, focus);

  g_ptr_array_add (list->items, row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (list->widget), row);
  update_empty_row (list);
  return item;
}

static GtkWidget *
add_list_item (Binding    *list,
               const char *text,
               gboolean    pending)
{
  GtkWidget *row = adw_entry_row_new ();
  Item *item;
  g_autofree char *title = g_strdup_printf ("%s %u", _(list->field->title), list->items->len + 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  item = item_new (list, row, pending);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove_button_new (item, _("Remove")));

  g_signal_connect (row, "changed", G_CALLBACK (item_changed_cb), item);
  g_signal_connect (row, "apply", G_CALLBACK (list_entry_apply_cb), item);
  g_signal_connect (row, "entry-activated", G_CALLBACK (list_entry_apply_cb), item);
  return row;
}

/* -- map items: a key entry and a value entry -- */

static void
map_item_apply (Item *item)
{
  Binding *list = item->list;
  SluiceInspector *self = list->self;
  const char *old_key = g_object_get_data (G_OBJECT (item->row), "sluice-key");
  const char *key = gtk_editable_get_text (GTK_EDITABLE (item->key_entry));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (item->value_entry));
  g_autofree char *problem = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *label = NULL;
  JsonObject *object;

  g_clear_handle_id (&item->apply_source, g_source_remove);
  if (self == NULL)
    return;

  object = map_object (list, FALSE);
  if (key[0] == '\0')
    problem = item->pending ? NULL : g_strdup (_("Enter a name"));
  else if (g_strcmp0 (key, old_key) != 0 && object != NULL && json_object_has_member (object, key))
    problem = g_strdup_printf (_("“%s” is already set; names must be unique"), key);
  else
    value = read_scalar (list->field->item, text, &problem);

  gtk_widget_set_tooltip_text (item->key_entry, problem);
  if (problem != NULL)
    gtk_widget_add_css_class (item->key_entry, "error");
  else
    gtk_widget_remove_css_class (item->key_entry, "error");
  if (problem != NULL || value == NULL)
    return;

  if (object != NULL && g_strcmp0 (key, old_key) == 0
      && values_equal (json_object_get_member (object, key), value))
    return;

  if (item->pending)
    label = g_strdup_printf (_("Add to “%s”"), _(list->field->title));
  else
    label = g_strdup_printf (_("Change “%s”"), _(list->field->title));
  begin_edit (self, label);
  object = map_object (list, TRUE);
  if (old_key == NULL || g_strcmp0 (key, old_key) == 0)
    json_object_set_member (object, key, g_steal_pointer (&value));
  else
    {
      /* a renamed key keeps its place */
      g_autoptr(JsonObject) copy = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          if (g_str_equal (l->data, old_key))
            json_object_set_member (copy, key, g_steal_pointer (&value));
          else
            json_object_set_member (copy, l->data, json_node_ref (json_object_get_member (object, l->data)));
        }
      {
        JsonNode *node = json_node_new (JSON_NODE_OBJECT);

        json_node_set_object (node, copy);
        sluice_step_set_member (get_step (self), list->field->name, node);
      }
    }
  g_object_set_data_full (G_OBJECT (item->row), "sluice-key", g_strdup (key), g_free);
  item->pending = FALSE;
  end_edit (self);
}

static void
map_entry_activate_cb (GtkEntry *entry,
                       Item     *item)
{
  map_item_apply (item);
}

static GtkWidget *
add_map_item (Binding    *list,
              const char *key,
              JsonNode   *value,
              gboolean    pending)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *text = value && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
                     ? json_node_get_string (value) : "";
  Item *item;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (key != NULL)
    g_object_set_data_full (G_OBJECT (row), "sluice-key", g_strdup (key), g_free);

  item = item_new (list, row, pending);

  item->key_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (item->key_entry), 6);
  gtk_entry_set_placeholder_text (GTK_ENTRY (item->key_entry), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (item->key_entry), key ? key : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (item->key_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_widget_set_hexpand (item->key_entry, TRUE);
  gtk_box_append (GTK_BOX (box), item->key_entry);

  item->value_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (item->value_entry), 8);
  gtk_entry_set_placeholder_text (GTK_ENTRY (item->value_entry), _("Value"));
  gtk_editable_set_text (GTK_EDITABLE (item->value_entry), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (item->value_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value"), -1);
  gtk_widget_set_hexpand (item->value_entry, TRUE);
  gtk_box_append (GTK_BOX (box), item->value_entry);

  gtk_box_append (GTK_BOX (box), remove_button_new (item, _("Remove")));

  g_signal_connect (item->key_entry, "changed", G_CALLBACK (item_changed_cb), item);
  g_signal_connect (item->value_entry, "changed", G_CALLBACK (item_changed_cb), item);
  g_signal_connect (item->key_entry, "activate", G_CALLBACK (map_entry_activate_cb), item);
  g_signal_connect (item->value_entry, "activate", G_CALLBACK (map_entry_activate_cb), item);
  return row;
}

/* -- filter items -- */

static void
filter_changed_cb (SluiceFilterRow *row,
                   Item            *item)
{
  if (item->list->self != NULL)
    list_item_store (item, sluice_filter_row_dup_filter (row));
}

static void
filter_remove_cb (SluiceFilterRow *row,
                  Item            *item)
{
  item_remove_cb (NULL, item);
}

static GtkWidget *
add_filter_item (Binding    *list,
                 JsonObject *filter,
                 gboolean    pending)
{
  GtkWidget *row = sluice_filter_row_new ();
  Item *item;

  if (filter != NULL)
    sluice_filter_row_set_filter (SLUICE_FILTER_ROW (row), filter);
  item = item_new (list, row, pending);
  g_signal_connect (row, "changed", G_CALLBACK (filter_changed_cb), item);
  g_signal_connect (row, "remove", G_CALLBACK (filter_remove_cb), item);
  return row;
}

static void
add_item_cb (GtkButton *button,
             Binding   *b)
{
  GtkWidget *row;

  if (b->self == NULL)
    return;

  /* One new item at a time: a pending one is focused again. */
  if (b->items->len > 0 && item_get (g_ptr_array_index (b->items, b->items->len - 1))->pending)
    row = g_ptr_array_index (b->items, b->items->len - 1);
  else if (b->field->item == &sluice_filter_field)
    row = add_filter_item (b, NULL, TRUE);
  else if (b->field->kind == SLUICE_FIELD_MAP)
    row = add_map_item (b, NULL, NULL, TRUE);
  else
    row = add_list_item (b, NULL, TRUE);

  gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
}

static AdwPreferencesGroup *
add_list_group (SluiceInspector   *self,
                GtkWidget         *parent,
                const SluiceField *field)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  Binding *b = binding_new (self, field, TARGET_STEP, GTK_WIDGET (group));
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *empty = gtk_label_new (NULL);
  g_autofree char *tooltip = NULL;
  g_autoptr(JsonNode) value = binding_dup_value (b);

  adw_preferences_group_set_title (group, _(field->title));
  adw_preferences_group_set_description (group, _(field->description));

  if (field->item == &sluice_filter_field)
    tooltip = g_strdup (_("Add Filter"));
  else
    tooltip = g_strdup_printf (_("Add to %s"), _(field->title));
  gtk_widget_set_tooltip_text (add, tooltip);
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "flat");
  g_signal_connect (add, "clicked", G_CALLBACK (add_item_cb), b);
  adw_preferences_group_set_header_suffix (group, add);

  gtk_label_set_text (GTK_LABEL (empty), field->item == &sluice_filter_field ? _("No filters") : _("None"));
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  b->empty_row = adw_preferences_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (b->empty_row), empty);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (b->empty_row), FALSE);
  gtk_widget_set_focusable (b->empty_row, FALSE);
  adw_preferences_group_add (group, b->empty_row);

  b->items = g_ptr_array_new ();

  if (field->kind == SLUICE_FIELD_MAP && value != NULL && JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        add_map_item (b, l->data, json_object_get_member (object, l->data), FALSE);
    }
  else if (field->kind == SLUICE_FIELD_LIST && value != NULL && JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (field->item == &sluice_filter_field && JSON_NODE_HOLDS_OBJECT (element))
            add_filter_item (b, json_node_get_object (element), FALSE);
          else if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            add_list_item (b, json_node_get_string (element), FALSE);
          else
            {
              g_autofree char *text = sluice_json_to_string (element, FALSE);
              add_list_item (b, text, FALSE);
            }
        }
    }
  update_empty_row (b);

  if (GTK_IS_BOX (parent))
    gtk_box_append (GTK_BOX (parent), GTK_WIDGET (group));
  else
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (parent), group);
  g_ptr_array_add (self->form_groups, group);

  return group;
}

static gboolean
field_is_editable_list (const SluiceField *field)
{
  if (field->kind == SLUICE_FIELD_MAP)
    return field->item != NULL && (field->item->kind == SLUICE_FIELD_TEMPLATE || field->item->kind == SLUICE_FIELD_STRING);
  if (field->kind == SLUICE_FIELD_LIST)
    return field->item == &sluice_filter_field
           || (field->item != NULL && (field->item->kind == SLUICE_FIELD_TEMPLATE
                                       || field->item->kind == SLUICE_FIELD_STRING));
  return FALSE;
}

static void
add_field_row (SluiceInspector     *self,
               AdwPreferencesGroup *group,
               const SluiceField   *field,
               Target               target)
{
  switch (field->kind)
    {
    case SLUICE_FIELD_STRING:
    case SLUICE_FIELD_TEMPLATE:
    case SLUICE_FIELD_IDENTIFIER:
    case SLUICE_FIELD_PATH:
    case SLUICE_FIELD_URL:
    case SLUICE_FIELD_CRON:
    case SLUICE_FIELD_DURATION:
      add_entry_row (self, group, field, target);
      break;

    case SLUICE_FIELD_TEXT:
      add_text_row (self, group, field, target);
      break;

    case SLUICE_FIELD_INTEGER:
    case SLUICE_FIELD_NUMBER:
      add_number_row (self, group, field, target);
      break;

    case SLUICE_FIELD_BOOLEAN:
      add_switch_row (self, group, field, target);
      break;

    case SLUICE_FIELD_ENUM:
      add_combo_row (self, group, field, target);
      break;

    case SLUICE_FIELD_STEP_REF:
    case SLUICE_FIELD_VALUE:
    case SLUICE_FIELD_LIST:
    case SLUICE_FIELD_MAP:
    case SLUICE_FIELD_OBJECT:
    case SLUICE_FIELD_STEP:
    default:
      add_readonly_row (self, group, field, target);
      break;
    }
}

/* ---- findings, header, connections ---------------------------------------------- */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* The field of the shown step (or workflow) a finding points at:
 * "spec.steps[2].url" → "url"; "spec.entityKey" → "entityKey". */
static char *
finding_field (SluiceStep             *step,
               const SluiceDiagnostic *diagnostic)
{
  const char *path = diagnostic->path;
  const char *base;
  gsize len;

  if (path == NULL)
    return NULL;

  if (step != NULL)
    {
      base = sluice_step_get_source_path (step);
      if (base != NULL)
        {
          len = strlen (base);
          if (!g_str_has_prefix (path, base) || path[len] != '.')
            return NULL;
          path += len + 1;
        }
    }
  else if (g_str_has_prefix (path, "metadata."))
    path += strlen ("metadata.");
  else if (g_str_has_prefix (path, "spec."))
    path += strlen ("spec.");
  else
    return NULL;

  return g_strndup (path, strcspn (path, ".["));
}

static Binding *
find_binding (SluiceInspector *self,
              const char      *name)
{
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *b = g_ptr_array_index (self->bindings, i);

      if (g_strcmp0 (b->field->name, name) == 0)
        return b;
    }
  return NULL;
}

static void
refresh_findings (SluiceInspector *self)
{
  SluiceWorkflow *workflow = get_workflow (self);
  SluiceStep *step = get_step (self);
  AdwPreferencesGroup *group = step ? self->findings_group : self->workflow_findings_group;
  GPtrArray *rows = step ? self->findings_rows : self->workflow_findings_rows;
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();

  clear_rows (self->findings_group, self->findings_rows);
  clear_rows (self->workflow_findings_group, self->workflow_findings_rows);

  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *b = g_ptr_array_index (self->bindings, i);

      if (b->finding_icon != NULL)
        gtk_widget_set_visible (b->finding_icon, FALSE);
    }

  if (workflow == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (group), FALSE);
      return;
    }

  sluice_workflow_validate (workflow, NULL, diagnostics);
  sluice_diagnostics_sort (diagnostics);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);
      gboolean error = d->severity == SLUICE_SEVERITY_ERROR;
      const char *icon_name = error ? "dialog-error-symbolic" : "dialog-warning-symbolic";
      g_autofree char *field_name = NULL;
      GtkWidget *row, *icon;
      Binding *b;

      if (g_strcmp0 (d->step_id, step ? self->step_id : NULL) != 0)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), d->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      icon = gtk_image_new_from_icon_name (icon_name);
      gtk_widget_add_css_class (icon, error ? "error" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, error ? _("Error") : _("Warning"),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (rows, row);

      field_name = finding_field (step, d);
      b = field_name ? find_binding (self, field_name) : NULL;
      if (b != NULL && b->finding_icon != NULL && !gtk_widget_get_visible (b->finding_icon))
        {
          gtk_image_set_from_icon_name (GTK_IMAGE (b->finding_icon), icon_name);
          gtk_widget_remove_css_class (b->finding_icon, error ? "warning" : "error");
          gtk_widget_add_css_class (b->finding_icon, error ? "error" : "warning");
          gtk_widget_set_tooltip_text (b->finding_icon, d->message);
          gtk_widget_set_visible (b->finding_icon, TRUE);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (group), rows->len > 0);
}

static const char *
edge_label (const SluiceEdge *edge,
            char            **owned)
{
  if (g_str_equal (edge->label, "next"))
    return _("Next");
  if (g_str_equal (edge->label, "then"))
    return _("Then: when the filters pass");
  if (g_str_equal (edge->label, "else"))
    return _("Else: when they do not");
  if (g_str_equal (edge->label, "default"))
    return _("Otherwise");
  if (g_str_has_prefix (edge->label, "cases[") && edge->case_value != NULL)
    {
      g_autofree char *value = sluice_filter_value_to_text (edge->case_value);

      *owned = g_strdup_printf (_("When the value is %s"), value);
      return *owned;
    }
  return edge->label;
}

static void
add_connection_row (SluiceInspector *self,
                    const char      *icon_name,
                    const char      *title,
                    const char      *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  adw_preferences_group_add (self->connections_group, row);
  g_ptr_array_add (self->connection_rows, row);
}

/* Where the step's edges go and which steps lead to it: read-only, since
 * edges are drawn on the canvas. */
static void
refresh_connections (SluiceInspector *self)
{
  SluiceWorkflow *workflow = get_workflow (self);
  SluiceStep *step = get_step (self);
  g_autoptr(GArray) edges = NULL;
  guint n = 0;

  clear_rows (self->connections_group, self->connection_rows);
  if (step == NULL)
    return;

  edges = sluice_step_get_edges (step);
  for (guint i = 0; i < edges->len; i++)
    {
      SluiceEdge *edge = &g_array_index (edges, SluiceEdge, i);
      SluiceStep *target = sluice_workflow_lookup_step (workflow, edge->target);
      g_autofree char *owned = NULL;
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", edge_label (edge, &owned), edge->target);

      add_connection_row (self, "go-next-symbolic",
                          target ? sluice_step_get_title (target) : _("A missing step"), subtitle);
      n++;
    }

  for (guint i = 0; i < sluice_workflow_get_n_steps (workflow); i++)
    {
      SluiceStep *other = sluice_workflow_get_step (workflow, i);
      g_autoptr(GArray) in = sluice_step_get_edges (other);

      for (guint e = 0; e < in->len; e++)
        {
          SluiceEdge *edge = &g_array_index (in, SluiceEdge, e);
          g_autofree char *owned = NULL;
          g_autofree char *title = NULL;
          g_autofree char *subtitle = NULL;

          if (g_strcmp0 (edge->target, self->step_id) != 0)
            continue;

          title = g_strdup_printf (_("From %s"), sluice_step_get_title (other));
          subtitle = g_strdup_printf ("%s · %s", edge_label (edge, &owned), sluice_step_get_id (other));
          add_connection_row (self, "go-previous-symbolic", title, subtitle);
          n++;
        }
    }

  if (n == 0)
    add_connection_row (self, NULL, _("Not connected"),
                        _("Drag from a step’s output port to this step, or from this step’s port to the next"));
}

static void
refresh_header (SluiceInspector *self)
{
  SluiceStep *step = get_step (self);
  const SluiceStepType *type;
  g_autofree char *subtitle = NULL;

  if (step == NULL)
    return;

  type = sluice_step_get_step_type (step);
  gtk_image_set_from_icon_name (self->step_icon, type->icon_name);
  gtk_label_set_text (self->step_title, sluice_step_get_title (step));
  /* the type's name is the title already when the step has none of its own */
  if (g_strcmp0 (sluice_step_get_title (step), _(type->title)) == 0)
    subtitle = g_strdup (_(type->description));
  else
    subtitle = g_strdup_printf ("%s · %s", _(type->title), _(type->description));
  gtk_label_set_text (self->step_subtitle, subtitle);
}

/* What depends on the model but holds no input. */
static void
refresh_status (SluiceInspector *self)
{
  refresh_header (self);
  refresh_findings (self);
  refresh_connections (self);
}

/* ---- building the form ------------------------------------------------------------- */

static void
clear_form (SluiceInspector *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    binding_detach (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);

  for (guint i = 0; i < self->form_groups->len; i++)
    {
      GtkWidget *group = g_ptr_array_index (self->form_groups, i);
      GtkWidget *parent = gtk_widget_get_parent (group);

      if (GTK_IS_BOX (parent))
        gtk_box_remove (GTK_BOX (parent), group);
      else
        adw_preferences_page_remove (self->step_page, ADW_PREFERENCES_GROUP (group));
    }
  g_ptr_array_set_size (self->form_groups, 0);
}

static AdwPreferencesGroup *
new_group (SluiceInspector *self,
           GtkWidget       *parent,
           const char      *title)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  if (title != NULL)
    adw_preferences_group_set_title (group, title);
  if (GTK_IS_BOX (parent))
    gtk_box_append (GTK_BOX (parent), GTK_WIDGET (group));
  else
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (parent), group);
  g_ptr_array_add (self->form_groups, group);
  return group;
}

static void
build_step_form (SluiceInspector *self,
                 SluiceStep      *step)
{
  const SluiceStepType *type = sluice_step_get_step_type (step);
  GtkWidget *page = GTK_WIDGET (self->step_page);
  AdwPreferencesGroup *group;

  /* the connections stay last: take them out while the form is added */
  g_object_ref (self->connections_group);
  adw_preferences_page_remove (self->step_page, self->connections_group);

  group = new_group (self, page, _("Step"));
  add_field_row (self, group, &step_id_field, TARGET_STEP);
  add_field_row (self, group, &step_name_field, TARGET_STEP);

  /* scalar fields together, then one group per list, in table order */
  group = NULL;
  for (const SluiceField *field = type->fields; field->name != NULL; field++)
    {
      if (field_is_editable_list (field))
        continue;
      if (group == NULL)
        group = new_group (self, page, _("Settings"));
      add_field_row (self, group, field, TARGET_STEP);
    }
  for (const SluiceField *field = type->fields; field->name != NULL; field++)
    if (field_is_editable_list (field))
      add_list_group (self, page, field);

  adw_preferences_page_add (self->step_page, self->connections_group);
  g_object_unref (self->connections_group);
}

static void
build_workflow_form (SluiceInspector *self)
{
  const SluiceField *root = sluice_schema_workflow ();
  const SluiceField *metadata = sluice_schema_object_lookup (root, "metadata");
  const SluiceField *spec = sluice_schema_object_lookup (root, "spec");
  AdwPreferencesGroup *group;

  group = new_group (self, GTK_WIDGET (self->workflow_box), _("Workflow"));
  add_field_row (self, group, sluice_schema_object_lookup (metadata, "name"), TARGET_METADATA);
  add_field_row (self, group, sluice_schema_object_lookup (metadata, "description"), TARGET_METADATA);
  add_field_row (self, group, sluice_schema_object_lookup (spec, "entityKey"), TARGET_ENTITY_KEY);
}

static void
rebuild (SluiceInspector *self)
{
  SluiceStep *step = get_step (self);

  self->filling = TRUE;
  clear_form (self);

  if (self->document == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "workflow");
      gtk_widget_set_visible (GTK_WIDGET (self->workflow_box), FALSE);
    }
  else if (step != NULL)
    {
      build_step_form (self, step);
      gtk_stack_set_visible_child_name (self->stack, "step");
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->workflow_box), TRUE);
      build_workflow_form (self);
      gtk_stack_set_visible_child_name (self->stack, "workflow");
    }

  self->filling = FALSE;
  if (self->document != NULL)
    refresh_status (self);
}

static void
document_changed_cb (SluiceInspector *self,
                     guint            flags,
                     SluiceDocument  *document)
{
  /* our own edit: the form already shows it (see end_edit) */
  if (self->editing > 0)
    return;

  /* node moves change nothing the form shows */
  if (!(flags & (SLUICE_DOCUMENT_CHANGE_BEHAVIOUR | SLUICE_DOCUMENT_CHANGE_REPLACED)))
    return;

  /* an undo or a text edit may have taken the step away */
  if (self->step_id != NULL && get_step (self) == NULL)
    {
      g_clear_pointer (&self->step_id, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_ID]);
    }

  rebuild (self);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
sluice_inspector_dispose (GObject *object)
{
  SluiceInspector *self = SLUICE_INSPECTOR (object);

  if (self->bindings != NULL)
    {
      for (guint i = 0; i < self->bindings->len; i++)
        binding_detach (g_ptr_array_index (self->bindings, i));
      g_clear_pointer (&self->bindings, g_ptr_array_unref);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SLUICE_TYPE_INSPECTOR);
  g_clear_pointer (&self->form_groups, g_ptr_array_unref);
  g_clear_pointer (&self->findings_rows, g_ptr_array_unref);
  g_clear_pointer (&self->workflow_findings_rows, g_ptr_array_unref);
  g_clear_pointer (&self->connection_rows, g_ptr_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sluice_inspector_parent_class)->dispose (object);
}

static void
sluice_inspector_finalize (GObject *object)
{
  SluiceInspector *self = SLUICE_INSPECTOR (object);

  g_free (self->step_id);

  G_OBJECT_CLASS (sluice_inspector_parent_class)->finalize (object);
}

static void
sluice_inspector_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SluiceInspector *self = SLUICE_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_STEP_ID:
      g_value_set_string (value, self->step_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_inspector_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SluiceInspector *self = SLUICE_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      sluice_inspector_set_document (self, g_value_get_object (value));
      break;

    case PROP_STEP_ID:
      sluice_inspector_set_step_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Focus goes to the first field of the form. */
static gboolean
sluice_inspector_grab_focus (GtkWidget *widget)
{
  SluiceInspector *self = SLUICE_INSPECTOR (widget);

  return gtk_widget_child_focus (GTK_WIDGET (self->stack), GTK_DIR_TAB_FORWARD);
}

static void
sluice_inspector_class_init (SluiceInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sluice_inspector_dispose;
  object_class->finalize = sluice_inspector_finalize;
  object_class->get_property = sluice_inspector_get_property;
  object_class->set_property = sluice_inspector_set_property;

  widget_class->grab_focus = sluice_inspector_grab_focus;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SLUICE_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP_ID] =
    g_param_spec_string ("step-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/dev/sluice/Sluice/sluice-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, SluiceInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, SluiceInspector, status_page);
  gtk_widget_class_bind_template_child (widget_class, SluiceInspector, workflow_box);
  gtk_widget_class_bind_template_child (widget_class, SluiceInspector, workflow_findings_group);
  gtk_widget_class_bind_template_child (widget_class, SluiceInspector, step_page);
  gtk_widget_class_bind_template_child (widget_class, SluiceInspector, step_icon);
  gtk_widget_class_bind_template_child (widget_class, SluiceInspector, step_title);
  gtk_widget_class_bind_template_child (widget_class, SluiceInspector, step_subtitle);
  gtk_widget_class_bind_template_child (widget_class, SluiceInspector, findings_group);
  gtk_widget_class_bind_template_child (widget_class, SluiceInspector, connections_group);

  gtk_widget_class_set_css_name (widget_class, "sluiceinspector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sluice_inspector_init (SluiceInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_ptr_array_new_with_free_func ((GDestroyNotify) binding_unref);
  self->form_groups = g_ptr_array_new ();
  self->findings_rows = g_ptr_array_new ();
  self->workflow_findings_rows = g_ptr_array_new ();
  self->connection_rows = g_ptr_array_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Inspector"),
                                  -1);
  rebuild (self);
}

/* ---- public ---------------------------------------------------------------------- */

GtkWidget *
sluice_inspector_new (void)
{
  return g_object_new (SLUICE_TYPE_INSPECTOR, NULL);
}

/**
 * sluice_inspector_get_document:
 *
 * Returns: (transfer none) (nullable): the document edited
 */
SluiceDocument *
sluice_inspector_get_document (SluiceInspector *self)
{
  g_return_val_if_fail (SLUICE_IS_INSPECTOR (self), NULL);
  return self->document;
}

void
sluice_inspector_set_document (SluiceInspector *self,
                               SluiceDocument  *document)
{
  g_return_if_fail (SLUICE_IS_INSPECTOR (self));
  g_return_if_fail (document == NULL || SLUICE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, document_changed_cb, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);

  if (self->step_id != NULL && get_step (self) == NULL)
    {
      g_clear_pointer (&self->step_id, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_ID]);
    }

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

const char *
sluice_inspector_get_step_id (SluiceInspector *self)
{
  g_return_val_if_fail (SLUICE_IS_INSPECTOR (self), NULL);
  return self->step_id;
}

/* A step that does not exist shows the workflow. */
void
sluice_inspector_set_step_id (SluiceInspector *self,
                              const char      *step_id)
{
  g_return_if_fail (SLUICE_IS_INSPECTOR (self));

  if (g_strcmp0 (self->step_id, step_id) == 0)
    return;

  /* what was typed into the old form is applied, not lost */
  for (guint i = 0; i < self->bindings->len; i++)
    binding_flush (g_ptr_array_index (self->bindings, i));

  g_free (self->step_id);
  self->step_id = g_strdup (step_id);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_ID]);
}

GtkWidget *
sluice_inspector_get_field_widget (SluiceInspector *self,
                                   const char      *field_name)
{
  Binding *b;

  g_return_val_if_fail (SLUICE_IS_INSPECTOR (self), NULL);

  b = find_binding (self, field_name);
  return b ? b->widget : NULL;
}

gboolean
sluice_inspector_focus_field (SluiceInspector *self,
                              const char      *field_name)
{
  GtkWidget *widget = sluice_inspector_get_field_widget (self, field_name);

  if (widget == NULL)
    return FALSE;
  return gtk_widget_grab_focus (widget) || gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
}

const char *
sluice_inspector_get_field_problem (SluiceInspector *self,
                                    const char      *field_name)
{
  Binding *b;

  g_return_val_if_fail (SLUICE_IS_INSPECTOR (self), NULL);

  b = find_binding (self, field_name);
  return b ? b->problem : NULL;
}
