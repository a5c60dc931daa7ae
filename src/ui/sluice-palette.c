/* sluice-palette.c
 *
 * The left pane of the Design view: every step type under its category,
 * with a search entry on top. Rows are drag sources for the canvas, and
 * double-click or Enter adds a step without dragging.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sluice-palette.h"
#include "sluice-step-type.h"

struct _SluicePalette
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *search_entry;
  GtkListBox         *list_box;

  GtkFilterListModel *model;     /* GtkStringObject: step type names */
  GtkCustomFilter    *filter;
  char              **search_words;  /* normalized, case-folded */
};

G_DEFINE_FINAL_TYPE (SluicePalette, sluice_palette, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SEARCH_TEXT,
  N_PROPS
};

enum {
  STEP_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- search ----------------------------------------------------------------- */

static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized, -1);
}

/* Every word of the search must occur in the type's title, description or
 * name, so "email notify" and "notify email" both find Notify. */
static gboolean
type_matches (gpointer item,
              gpointer user_data)
{
  SluicePalette *self = user_data;
  const SluiceStepType *type = sluice_step_type_lookup (gtk_string_object_get_string (item));
  g_autofree char *haystack = NULL;
  g_autofree char *text = NULL;

  if (self->search_words == NULL || self->search_words[0] == NULL)
    return TRUE;
  if (type == NULL)
    return FALSE;

  text = g_strjoin (" ", _(type->title), _(type->description), type->name, NULL);
  haystack = fold (text);

  for (guint i = 0; self->search_words[i] != NULL; i++)
    if (strstr (haystack, self->search_words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static void
apply_search (SluicePalette *self,
              const char    *text)
{
  g_autofree char *folded = fold (text ? text : "");

  g_clear_pointer (&self->search_words, g_strfreev);
  self->search_words = g_strsplit_set (g_strstrip (folded), " \t", -1);

  /* g_strsplit_set leaves empty words between runs of spaces */
  {
    guint j = 0;

    for (guint i = 0; self->search_words[i] != NULL; i++)
      {
        if (self->search_words[i][0] == '\0')
          g_free (self->search_words[i]);
        else
          self->search_words[j++] = self->search_words[i];
      }
    self->search_words[j] = NULL;
  }

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_list_box_invalidate_headers (self->list_box);
}

static void
search_changed_cb (SluicePalette  *self,
                   GtkSearchEntry *entry)
{
  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

static void
emit_step_activated (SluicePalette *self,
                     guint          position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item != NULL)
    g_signal_emit (self, signals[STEP_ACTIVATED], 0, gtk_string_object_get_string (item));
}

/* Enter in the search entry adds the first match: type "noti", Enter. */
static void
search_activate_cb (SluicePalette  *self,
                    GtkSearchEntry *entry)
{
  emit_step_activated (self, 0);
}

static void
search_stop_cb (SluicePalette  *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static gboolean
search_key_pressed_cb (SluicePalette         *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  first = gtk_list_box_get_row_at_index (self->list_box, 0);
  if (first == NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (GTK_WIDGET (first));
  return GDK_EVENT_STOP;
}

/* Up from the first row goes back to the search entry. */
static gboolean
list_keynav_failed_cb (SluicePalette    *self,
                       GtkDirectionType  direction,
                       GtkListBox       *list_box)
{
  if (direction != GTK_DIR_UP)
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* ---- rows ----------------------------------------------------------------- */

static const SluiceStepType *
row_get_type (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "sluice-step-type");
}

static void
row_activated_cb (SluicePalette *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list_box)
{
  const SluiceStepType *type = row_get_type (row);

  if (type != NULL)
    g_signal_emit (self, signals[STEP_ACTIVATED], 0, type->name);
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  const SluiceStepType *type = row_get_type (row);
  const SluiceStepType *previous = before ? row_get_type (before) : NULL;
  GtkWidget *header;

  if (previous != NULL && previous->category == type->category)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_list_box_row_get_header (row);
  if (header != NULL && GPOINTER_TO_INT (g_object_get_data (G_OBJECT (header), "sluice-category")) == (int) type->category + 1)
    return;

  header = g_object_new (GTK_TYPE_LABEL,
                         "label", sluice_step_category_title (type->category),
                         "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                         NULL);
  g_object_set_data (G_OBJECT (header), "sluice-category", GINT_TO_POINTER (type->category + 1));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_set_margin_start (header, 18);
  gtk_widget_set_margin_end (header, 18);
  gtk_widget_set_margin_top (header, before != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

/* The drag icon: the type's icon on an accent-coloured tile, so it reads on
 * the canvas in both the light and the dark style. */
static GdkPaintable *
make_drag_icon (GtkWidget            *widget,
                const SluiceStepType *type)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  G_GNUC_END_IGNORE_DEPRECATIONS
  const int tile = 40, icon_size = 24;
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  GdkRGBA background = { 0.21, 0.52, 0.89, 1.0 };
  GdkRGBA foreground = { 1, 1, 1, 1 };
  GskRoundedRect rect;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (style, "accent_bg_color", &background);
  gtk_style_context_lookup_color (style, "accent_fg_color", &foreground);
  G_GNUC_END_IGNORE_DEPRECATIONS

  icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)),
                                     type->icon_name, NULL, icon_size,
                                     gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (0, 0, tile, tile), 8);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, tile, tile));
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((tile - icon_size) / 2.0, (tile - icon_size) / 2.0));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                            icon_size, icon_size, &foreground, 1);
  gtk_snapshot_restore (snapshot);

  return gtk_snapshot_free_to_paintable (g_steal_pointer (&snapshot), &GRAPHENE_SIZE_INIT (tile, tile));
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 SluicePalette *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  const SluiceStepType *type = row_get_type (GTK_LIST_BOX_ROW (row));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPaintable) icon = NULL;

  if (type == NULL)
    return NULL;

  icon = make_drag_icon (row, type);
  gtk_drag_source_set_icon (source, icon,
                            gdk_paintable_get_intrinsic_width (icon) / 2,
                            gdk_paintable_get_intrinsic_height (icon) / 2);

  bytes = g_bytes_new (type->name, strlen (type->name));
  return gdk_content_provider_new_for_bytes (SLUICE_PALETTE_MIME_TYPE, bytes);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SluicePalette *self = user_data;
  const SluiceStepType *type = sluice_step_type_lookup (gtk_string_object_get_string (item));
  GtkWidget *row, *box, *image, *labels, *title, *description;
  GtkDragSource *source;

  g_assert (type != NULL);

  row = gtk_list_box_row_new ();
  g_object_set_data (G_OBJECT (row), "sluice-step-type", (gpointer) type);
  gtk_widget_set_name (row, type->name);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  image = gtk_image_new_from_icon_name (type->icon_name);
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_widget_set_margin_top (image, 2);
  gtk_box_append (GTK_BOX (box), image);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  title = gtk_label_new (_(type->title));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (labels), title);

  description = gtk_label_new (_(type->description));
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (description), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (description, "caption");
  gtk_widget_add_css_class (description, "dim-label");
  gtk_box_append (GTK_BOX (labels), description);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(type->title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(type->description),
                                  -1);
  gtk_widget_set_tooltip_text (row, _("Drag onto the canvas, or double-click to add"));

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  return row;
}

/* ---- GObject ---------------------------------------------------------------- */

static void
sluice_palette_dispose (GObject *object)
{
  SluicePalette *self = SLUICE_PALETTE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SLUICE_TYPE_PALETTE);
  /* the scrolled window is not a bound child */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (sluice_palette_parent_class)->dispose (object);
}

static void
sluice_palette_finalize (GObject *object)
{
  SluicePalette *self = SLUICE_PALETTE (object);

  g_clear_pointer (&self->search_words, g_strfreev);

  G_OBJECT_CLASS (sluice_palette_parent_class)->finalize (object);
}

static void
sluice_palette_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SluicePalette *self = SLUICE_PALETTE (object);

  switch (prop_id)
    {
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, sluice_palette_get_search_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_palette_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SluicePalette *self = SLUICE_PALETTE (object);

  switch (prop_id)
    {
    case PROP_SEARCH_TEXT:
      sluice_palette_set_search_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
sluice_palette_grab_focus (GtkWidget *widget)
{
  SluicePalette *self = SLUICE_PALETTE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
sluice_palette_class_init (SluicePaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sluice_palette_dispose;
  object_class->finalize = sluice_palette_finalize;
  object_class->get_property = sluice_palette_get_property;
  object_class->set_property = sluice_palette_set_property;

  widget_class->grab_focus = sluice_palette_grab_focus;

  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SluicePalette::step-activated:
   * @type_name: the step type's name, e.g. "notify"
   *
   * The author asked to add a step of this type without dragging it.
   */
  signals[STEP_ACTIVATED] = g_signal_new ("step-activated",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1,
                                          G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/dev/sluice/Sluice/sluice-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, SluicePalette, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SluicePalette, list_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_keynav_failed_cb);

  gtk_widget_class_set_css_name (widget_class, "sluicepalette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sluice_palette_init (SluicePalette *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const SluiceStepType *types;
  guint n_types;

  gtk_widget_init_template (GTK_WIDGET (self));

  types = sluice_step_type_get_all (&n_types);
  for (guint i = 0; i < n_types; i++)
    gtk_string_list_append (names, types[i].name);

  self->filter = gtk_custom_filter_new (type_matches, self, NULL);
  self->model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (names)),
                                           GTK_FILTER (g_object_ref (self->filter)));

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->model), create_row, self, NULL);
  gtk_list_box_set_header_func (self->list_box, update_header, NULL, NULL);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/* ---- public ------------------------------------------------------------------ */

GtkWidget *
sluice_palette_new (void)
{
  return g_object_new (SLUICE_TYPE_PALETTE, NULL);
}

const char *
sluice_palette_get_search_text (SluicePalette *self)
{
  g_return_val_if_fail (SLUICE_IS_PALETTE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

/* Filters at once, without the search entry's typing delay. */
void
sluice_palette_set_search_text (SluicePalette *self,
                                const char    *text)
{
  g_return_if_fail (SLUICE_IS_PALETTE (self));

  if (g_strcmp0 (text ? text : "", sluice_palette_get_search_text (self)) == 0)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  apply_search (self, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

/**
 * sluice_palette_get_model:
 *
 * Returns: (transfer none): the step type names shown, as #GtkStringObject
 *   items, after the search
 */
GListModel *
sluice_palette_get_model (SluicePalette *self)
{
  g_return_val_if_fail (SLUICE_IS_PALETTE (self), NULL);
  return G_LIST_MODEL (self->model);
}

/* For a window's Ctrl+F on the Design view. */
void
sluice_palette_focus_search (SluicePalette *self)
{
  g_return_if_fail (SLUICE_IS_PALETTE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}
