/* sluice-yaml-view.c
 *
 * Text edits reach the model a moment after the author stops typing, and
 * only when the text loads; until then the canvas keeps the last good
 * model and the problems are marked where they are, underlined and in the
 * gutter. Edits elsewhere (canvas, inspector) regenerate the text, keeping
 * the cursor on the same line and column.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>
#include <glib/gi18n-lib.h>

#include "sluice-yaml-view.h"

/* Milliseconds of quiet after typing before the text is applied. */
#define APPLY_DELAY 400

#define ERROR_CATEGORY   "sluice-error"
#define WARNING_CATEGORY "sluice-warning"

struct _SluiceYamlView
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkSourceView   *view;
  GtkSourceBuffer *buffer;
  GtkTextTag      *error_tag;
  GtkTextTag      *warning_tag;

  SluiceDocument  *document;
  guint            apply_source;
  gboolean         updating;   /* we are setting the text ourselves */
};

G_DEFINE_FINAL_TYPE (SluiceYamlView, sluice_yaml_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_marks (SluiceYamlView *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, ERROR_CATEGORY);
  gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, WARNING_CATEGORY);
  gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self->buffer), self->error_tag, &start, &end);
  gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self->buffer), self->warning_tag, &start, &end);
}

/* Underlines from the problem's column to the end of its line, and puts
 * an icon with the message in the gutter. */
static void
mark_diagnostics (SluiceYamlView *self)
{
  SluiceDiagnostics *diagnostics = sluice_document_get_diagnostics (self->document);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  clear_marks (self);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);
      gboolean is_error = d->severity == SLUICE_SEVERITY_ERROR;
      GtkSourceMark *mark;
      GtkTextIter start, end;

      if (d->line == 0 || d->line > (guint) gtk_text_buffer_get_line_count (buffer))
        continue;

      gtk_text_buffer_get_iter_at_line_offset (buffer, &start, d->line - 1, 0);
      end = start;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      if (d->column > 1 && (guint) gtk_text_iter_get_chars_in_line (&start) >= d->column)
        gtk_text_iter_set_line_offset (&start, d->column - 1);

      gtk_text_buffer_apply_tag (buffer, is_error ? self->error_tag : self->warning_tag, &start, &end);
      mark = gtk_source_buffer_create_source_mark (self->buffer, NULL,
                                                   is_error ? ERROR_CATEGORY : WARNING_CATEGORY, &start);
      g_object_set_data_full (G_OBJECT (mark), "sluice-message",
                              g_strdup_printf ("[%s] %s", d->rule_id, d->message), g_free);
    }
}

static char *
query_tooltip_markup_cb (GtkSourceMarkAttributes *attributes,
                         GtkSourceMark           *mark,
                         gpointer                 user_data)
{
  const char *message = g_object_get_data (G_OBJECT (mark), "sluice-message");

  return message ? g_markup_escape_text (message, -1) : NULL;
}

static void
show_text (SluiceYamlView *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  const char *text = sluice_document_get_text (self->document);
  g_autofree char *current = NULL;
  GtkTextIter start, end, cursor;
  int line, column;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (current, text) != 0)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      line = gtk_text_iter_get_line (&cursor);
      column = gtk_text_iter_get_line_offset (&cursor);

      self->updating = TRUE;
      gtk_text_buffer_begin_irreversible_action (buffer);
      gtk_text_buffer_set_text (buffer, text, -1);
      gtk_text_buffer_end_irreversible_action (buffer);
      self->updating = FALSE;

      /* same line and column, as near as the new text allows */
      if (!gtk_text_buffer_get_iter_at_line (buffer, &cursor, line))
        gtk_text_buffer_get_end_iter (buffer, &cursor);
      else if (gtk_text_iter_get_chars_in_line (&cursor) > column)
        gtk_text_iter_set_line_offset (&cursor, column);
      gtk_text_buffer_place_cursor (buffer, &cursor);
    }

  mark_diagnostics (self);
}

static void
document_changed_cb (SluiceYamlView *self,
                     guint           flags)
{
  if (!self->updating)
    show_text (self);
}

/**
 * sluice_yaml_view_apply_now:
 *
 * Applies pending typing at once instead of after the pause.
 */
void
sluice_yaml_view_apply_now (SluiceYamlView *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_if_fail (SLUICE_IS_YAML_VIEW (self));

  g_clear_handle_id (&self->apply_source, g_source_remove);
  if (self->document == NULL)
    return;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);

  self->updating = TRUE;
  sluice_document_set_text (self->document, text);
  self->updating = FALSE;
  mark_diagnostics (self);
}

static gboolean
apply_cb (gpointer user_data)
{
  SluiceYamlView *self = user_data;

  self->apply_source = 0;
  sluice_yaml_view_apply_now (self);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (SluiceYamlView *self)
{
  if (self->updating || self->document == NULL)
    return;

  g_clear_handle_id (&self->apply_source, g_source_remove);
  self->apply_source = g_timeout_add (APPLY_DELAY, apply_cb, self);
}

static void
update_style_scheme (SluiceYamlView *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "classic-dark" : "classic");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

void
sluice_yaml_view_set_document (SluiceYamlView *self,
                               SluiceDocument *document)
{
  g_return_if_fail (SLUICE_IS_YAML_VIEW (self));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, document_changed_cb, self);
  g_clear_handle_id (&self->apply_source, g_source_remove);
  g_set_object (&self->document, document);

  if (document != NULL)
    {
      g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
      show_text (self);
      /* loading a document is not something to undo in the text */
      gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), FALSE);
      gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), TRUE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

SluiceDocument *
sluice_yaml_view_get_document (SluiceYamlView *self)
{
  g_return_val_if_fail (SLUICE_IS_YAML_VIEW (self), NULL);
  return self->document;
}

GtkTextBuffer *
sluice_yaml_view_get_buffer (SluiceYamlView *self)
{
  g_return_val_if_fail (SLUICE_IS_YAML_VIEW (self), NULL);
  return GTK_TEXT_BUFFER (self->buffer);
}

GtkWidget *
sluice_yaml_view_new (void)
{
  return g_object_new (SLUICE_TYPE_YAML_VIEW, NULL);
}

static void
sluice_yaml_view_dispose (GObject *object)
{
  SluiceYamlView *self = (SluiceYamlView *) object;

  g_clear_handle_id (&self->apply_source, g_source_remove);
  g_clear_object (&self->document);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);

  G_OBJECT_CLASS (sluice_yaml_view_parent_class)->dispose (object);
}

static void
sluice_yaml_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SluiceYamlView *self = SLUICE_YAML_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_yaml_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SluiceYamlView *self = SLUICE_YAML_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      sluice_yaml_view_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_yaml_view_class_init (SluiceYamlViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sluice_yaml_view_dispose;
  object_class->get_property = sluice_yaml_view_get_property;
  object_class->set_property = sluice_yaml_view_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SLUICE_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yamlview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
add_mark_category (SluiceYamlView *self,
                   const char     *category,
                   const char     *icon_name,
                   int             priority)
{
  g_autoptr(GtkSourceMarkAttributes) attributes = gtk_source_mark_attributes_new ();

  gtk_source_mark_attributes_set_icon_name (attributes, icon_name);
  g_signal_connect (attributes, "query-tooltip-markup", G_CALLBACK (query_tooltip_markup_cb), NULL);
  gtk_source_view_set_mark_attributes (self->view, category, attributes, priority);
}

static void
sluice_yaml_view_init (SluiceYamlView *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceLanguage *yaml = gtk_source_language_manager_get_language (languages, "yaml");

  self->buffer = gtk_source_buffer_new (NULL);
  if (yaml != NULL)
    gtk_source_buffer_set_language (self->buffer, yaml);
  gtk_source_buffer_set_highlight_syntax (self->buffer, TRUE);

  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "sluice-error",
                                                "underline", PANGO_UNDERLINE_ERROR, NULL);
  self->warning_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "sluice-warning",
                                                  "underline", PANGO_UNDERLINE_SINGLE, NULL);

  self->view = GTK_SOURCE_VIEW (gtk_source_view_new_with_buffer (self->buffer));
  g_object_unref (self->buffer);  /* the view keeps it */
  gtk_source_view_set_show_line_numbers (self->view, TRUE);
  gtk_source_view_set_highlight_current_line (self->view, TRUE);
  gtk_source_view_set_show_line_marks (self->view, TRUE);
  gtk_source_view_set_auto_indent (self->view, TRUE);
  gtk_source_view_set_insert_spaces_instead_of_tabs (self->view, TRUE);
  gtk_source_view_set_tab_width (self->view, 2);
  gtk_source_view_set_indent_width (self->view, 2);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Workflow as YAML"),
                                  -1);

  add_mark_category (self, ERROR_CATEGORY, "dialog-error-symbolic", 2);
  add_mark_category (self, WARNING_CATEGORY, "dialog-warning-symbolic", 1);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->view));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
}
