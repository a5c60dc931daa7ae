/* sluice-impact-treemap.c
 *
 * The legend and tiles are drawn once into a cached render node by the
 * same chart code as the reports' (sluice-charts.c), which also says where
 * each tile went; the hovered tile's outline is drawn live on top. The
 * cache is dropped when the entities, the size or the light/dark style
 * change.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sluice-impact-treemap.h"

/* between the legend and the tiles */
#define LEGEND_GAP 8

struct _SluiceImpactTreemap
{
  GtkWidget      parent_instance;

  GArray        *entities;   /* SluiceImpactTreemapEntity, grouped by tenant */
  GStringChunk  *strings;
  GArray        *items;      /* SluiceTreemapItem, parallel to entities */
  GArray        *hits;       /* SluiceTreemapHit, from the last drawing */
  double         map_top;    /* where the tiles start, below the legend */
  gboolean       compared;
  gboolean       with_other;
  GskRenderNode *cache;
  int            cache_width, cache_height;
  int            hover;      /* entity index, or -1 */
  char          *selected;   /* the entity whose shadow log is shown */
};

G_DEFINE_FINAL_TYPE (SluiceImpactTreemap, sluice_impact_treemap, GTK_TYPE_WIDGET)

enum {
  ENTITY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
invalidate (SluiceImpactTreemap *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
style_changed_cb (SluiceImpactTreemap *self)
{
  invalidate (self);
}

static void
sluice_impact_treemap_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  SluiceImpactTreemap *self = SLUICE_IMPACT_TREEMAP (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (self->entities->len == 0)
    return;

  if (self->cache == NULL)
    {
      GtkSnapshot *cache = gtk_snapshot_new ();
      gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
      SluiceChartPalette palette = *(dark ? sluice_chart_palette_dark () : sluice_chart_palette_light ());
      cairo_t *cr;

      /* the view's own background, so the chart sits in it */
      palette.background = dark ? (SluiceChartColor) { 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1 }
                                : (SluiceChartColor) { 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0, 1 };
      palette.font_family = "Cantarell";

      cr = gtk_snapshot_append_cairo (cache, &GRAPHENE_RECT_INIT (0, 0, width, height));
      self->map_top = sluice_treemap_draw_legend (cr, width, self->compared, self->with_other, &palette) + LEGEND_GAP;
      cairo_translate (cr, 0, self->map_top);
      g_clear_pointer (&self->hits, g_array_unref);
      self->hits = sluice_treemap_draw (cr, width, MAX (height - self->map_top, 1),
                                        (SluiceTreemapItem *) self->items->data, self->items->len, &palette);
      cairo_destroy (cr);
      self->cache = gtk_snapshot_free_to_node (cache);
    }

  gtk_snapshot_append_node (snapshot, self->cache);

  /* hover and selection, live on top of the cached tiles */
  for (guint i = 0; self->hits != NULL && i < self->hits->len; i++)
    {
      const SluiceTreemapHit *hit = &g_array_index (self->hits, SluiceTreemapHit, i);
      const SluiceImpactTreemapEntity *entity;
      gboolean selected;

      if (hit->index == G_MAXUINT)
        continue;
      entity = &g_array_index (self->entities, SluiceImpactTreemapEntity, hit->index);
      selected = self->selected != NULL && g_strcmp0 (entity->entity, self->selected) == 0;
      if ((int) hit->index == self->hover || selected)
        {
          GskRoundedRect outline;
          const GdkRGBA ink = adw_style_manager_get_dark (adw_style_manager_get_default ())
                              ? (GdkRGBA) { 1, 1, 1, 1 } : (GdkRGBA) { 0, 0, 0, 0.9 };
          float line = selected ? 3 : 2;

          gsk_rounded_rect_init_from_rect (&outline,
                                           &GRAPHENE_RECT_INIT (hit->rect.x, hit->rect.y + self->map_top,
                                                                hit->rect.width, hit->rect.height), 0);
          gtk_snapshot_append_border (snapshot, &outline, (float[4]) { line, line, line, line },
                                      (GdkRGBA[4]) { ink, ink, ink, ink });
        }
    }
}

/**
 * sluice_impact_treemap_set_selected:
 * @entity: (nullable): the entity to outline
 */
void
sluice_impact_treemap_set_selected (SluiceImpactTreemap *self,
                                    const char          *entity)
{
  g_return_if_fail (SLUICE_IS_IMPACT_TREEMAP (self));

  if (g_strcmp0 (self->selected, entity) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (entity);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sluice_impact_treemap_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  SluiceImpactTreemap *self = SLUICE_IMPACT_TREEMAP (widget);

  if (width != self->cache_width || height != self->cache_height)
    {
      self->cache_width = width;
      self->cache_height = height;
      invalidate (self);
    }
}

static void
sluice_impact_treemap_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 360;
}

/**
 * sluice_impact_treemap_hit_test:
 *
 * Returns: the entity under (@x, @y), or -1
 */
int
sluice_impact_treemap_hit_test (SluiceImpactTreemap *self,
                                double               x,
                                double               y)
{
  const SluiceTreemapHit *hit;

  g_return_val_if_fail (SLUICE_IS_IMPACT_TREEMAP (self), -1);

  if (self->hits == NULL)
    return -1;
  hit = sluice_treemap_hit_at (self->hits, x, y - self->map_top);
  return hit != NULL && hit->index != G_MAXUINT ? (int) hit->index : -1;
}

static void
set_hover (SluiceImpactTreemap *self,
           int                  hover)
{
  if (self->hover == hover)
    return;
  self->hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   hover >= 0 && g_array_index (self->entities, SluiceImpactTreemapEntity, hover).entity
                                   ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SluiceImpactTreemap      *self)
{
  set_hover (self, sluice_impact_treemap_hit_test (self, x, y));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          SluiceImpactTreemap      *self)
{
  set_hover (self, -1);
}

static void
released_cb (GtkGestureClick     *gesture,
             int                  n_press,
             double               x,
             double               y,
             SluiceImpactTreemap *self)
{
  int index = sluice_impact_treemap_hit_test (self, x, y);
  const SluiceImpactTreemapEntity *entity;

  if (index < 0)
    return;
  entity = &g_array_index (self->entities, SluiceImpactTreemapEntity, index);
  if (entity->entity != NULL)
    g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, entity->entity);
}

/* ---- the keyboard: the arrows walk the entities, Enter opens one ---------------------------- */

static char *describe_entity (const SluiceImpactTreemapEntity *entity);

/* The next entity from @from in @step's direction, skipping the tiles that
 * stand for the rest of a tenant; -1 past either end. */
static int
next_entity (SluiceImpactTreemap *self,
             int                  from,
             int                  step)
{
  int n = (int) self->entities->len;

  for (int i = from + step; i >= 0 && i < n; i += step)
    if (g_array_index (self->entities, SluiceImpactTreemapEntity, i).entity != NULL)
      return i;
  return -1;
}

static void
move_cursor (SluiceImpactTreemap *self,
             int                  index)
{
  g_autofree char *text = NULL;

  if (index < 0)
    return;
  set_hover (self, index);
  /* a screen reader says the entity the cursor is on */
  text = describe_entity (&g_array_index (self->entities, SluiceImpactTreemapEntity, index));
  {
    g_autofree char *plain = NULL;

    pango_parse_markup (text, -1, 0, NULL, &plain, NULL, NULL);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    plain ? plain : text, -1);
  }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SluiceImpactTreemap   *self)
{
  int first = next_entity (self, -1, 1);

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Right:
    case GDK_KEY_KP_Down:
      move_cursor (self, self->hover < 0 ? first : next_entity (self, self->hover, 1));
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Left:
    case GDK_KEY_KP_Up:
      move_cursor (self, self->hover < 0 ? first : next_entity (self, self->hover, -1));
      return TRUE;
    case GDK_KEY_Home:
      move_cursor (self, first);
      return TRUE;
    case GDK_KEY_End:
      move_cursor (self, next_entity (self, (int) self->entities->len, -1));
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->hover >= 0)
        {
          const SluiceImpactTreemapEntity *entity = &g_array_index (self->entities, SluiceImpactTreemapEntity,
                                                                     self->hover);
          if (entity->entity != NULL)
            g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, entity->entity);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
}

static void
focus_enter_cb (SluiceImpactTreemap *self)
{
  if (self->hover < 0)
    move_cursor (self, next_entity (self, -1, 1));
}

static char *
describe_entity (const SluiceImpactTreemapEntity *entity)
{
  GString *text = g_string_new (NULL);
  const char *tenant = entity->tenant ? entity->tenant : _("no tenant");

  if (entity->entity == NULL)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u more entity of %s", "%u more entities of %s",
                                                 entity->n_entities),
                              entity->n_entities, tenant);
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u action", "%u actions", entity->actions),
                              entity->actions);
      return g_string_free (text, FALSE);
    }

  g_string_append_printf (text, "<b>%s</b> · %s\n", entity->entity, tenant);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u would-be action", "%u would-be actions", entity->actions),
                          entity->actions);
  g_string_append (text, ", ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u matched event", "%u matched events", entity->events),
                          entity->events);
  if (entity->change != SLUICE_CHART_CHANGE_NONE)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, sluice_chart_change_label (entity->change));
      if (entity->change != SLUICE_CHART_CHANGE_NEW)
        g_string_append_printf (text, _(" (was %u)"), entity->before);
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("Click to see its shadow log"));
  return g_string_free (text, FALSE);
}

static gboolean
sluice_impact_treemap_query_tooltip (GtkWidget  *widget,
                                     int         x,
                                     int         y,
                                     gboolean    keyboard,
                                     GtkTooltip *tooltip)
{
  SluiceImpactTreemap *self = SLUICE_IMPACT_TREEMAP (widget);
  int index = sluice_impact_treemap_hit_test (self, x, y);
  g_autofree char *markup = NULL;
  g_autofree char *escaped = NULL;

  if (index < 0)
    return FALSE;

  /* entity names come from the data: escape them, but keep our <b> */
  {
    SluiceImpactTreemapEntity copy = g_array_index (self->entities, SluiceImpactTreemapEntity, index);
    g_autofree char *entity = copy.entity ? g_markup_escape_text (copy.entity, -1) : NULL;
    g_autofree char *tenant = copy.tenant ? g_markup_escape_text (copy.tenant, -1) : NULL;

    copy.entity = entity;
    copy.tenant = tenant;
    markup = describe_entity (&copy);
  }
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
sluice_impact_treemap_dispose (GObject *object)
{
  SluiceImpactTreemap *self = (SluiceImpactTreemap *) object;

  g_clear_pointer (&self->cache, gsk_render_node_unref);

  G_OBJECT_CLASS (sluice_impact_treemap_parent_class)->dispose (object);
}

static void
sluice_impact_treemap_finalize (GObject *object)
{
  SluiceImpactTreemap *self = (SluiceImpactTreemap *) object;

  g_array_unref (self->entities);
  g_array_unref (self->items);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self->selected);

  G_OBJECT_CLASS (sluice_impact_treemap_parent_class)->finalize (object);
}

static void
sluice_impact_treemap_class_init (SluiceImpactTreemapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sluice_impact_treemap_dispose;
  object_class->finalize = sluice_impact_treemap_finalize;
  widget_class->snapshot = sluice_impact_treemap_snapshot;
  widget_class->size_allocate = sluice_impact_treemap_size_allocate;
  widget_class->measure = sluice_impact_treemap_measure;
  widget_class->query_tooltip = sluice_impact_treemap_query_tooltip;

  /**
   * SluiceImpactTreemap::entity-activated:
   * @entity: the entity clicked
   */
  signals[ENTITY_ACTIVATED] =
    g_signal_new ("entity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "treemap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sluice_impact_treemap_init (SluiceImpactTreemap *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *key, *focus;

  self->entities = g_array_new (FALSE, TRUE, sizeof (SluiceImpactTreemapEntity));
  self->items = g_array_new (FALSE, TRUE, sizeof (SluiceTreemapItem));
  self->hover = -1;

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  /* reachable without a mouse: Tab in, arrows to walk, Enter to open */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
sluice_impact_treemap_new (void)
{
  return g_object_new (SLUICE_TYPE_IMPACT_TREEMAP, NULL);
}

/* What a screen reader says: the tenants and the largest entities, with numbers. */
static void
update_description (SluiceImpactTreemap *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_tenants = 0, n_entities = 0, listed = 0;
  guint64 actions = 0;

  for (guint i = 0; i < self->entities->len; i++)
    {
      const SluiceImpactTreemapEntity *e = &g_array_index (self->entities, SluiceImpactTreemapEntity, i);

      if (i == 0 || g_strcmp0 (e->tenant, g_array_index (self->entities, SluiceImpactTreemapEntity, i - 1).tenant) != 0)
        n_tenants++;
      n_entities += e->n_entities;
      if (e->change != SLUICE_CHART_CHANGE_DROPPED)
        actions += e->actions;
    }

  if (self->entities->len == 0)
    g_string_append (text, _("No entity would get actions."));
  else
    {
      g_autofree char *entities = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entity", "%u entities", n_entities),
                                                   n_entities);
      g_autofree char *tenants = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u tenant", "%u tenants", n_tenants),
                                                  n_tenants);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " action", "%" PRIu64 " actions",
                                                             actions), actions);

      /* Translators: "Blast radius: 41 entities in 12 tenants would get 123 actions." */
      g_string_append_printf (text, _("Blast radius: %s in %s would get %s."), entities, tenants, count);
    }

  for (guint i = 0; i < self->entities->len && listed < 10; i++)
    {
      const SluiceImpactTreemapEntity *e = &g_array_index (self->entities, SluiceImpactTreemapEntity, i);

      if (e->entity == NULL)
        continue;
      g_string_append_printf (text, " %s (%s): %u %s;", e->entity, e->tenant ? e->tenant : "—", e->actions,
                              e->change == SLUICE_CHART_CHANGE_NONE ? _("actions") : sluice_chart_change_label (e->change));
      listed++;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

/**
 * sluice_impact_treemap_set_entities:
 * @entities: (array length=n_entities): grouped by tenant; copied
 */
void
sluice_impact_treemap_set_entities (SluiceImpactTreemap             *self,
                                    const SluiceImpactTreemapEntity *entities,
                                    guint                            n_entities)
{
  g_return_if_fail (SLUICE_IS_IMPACT_TREEMAP (self));
  g_return_if_fail (entities != NULL || n_entities == 0);

  g_array_set_size (self->entities, 0);
  g_array_set_size (self->items, 0);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  self->strings = g_string_chunk_new (4096);
  self->hover = -1;
  self->compared = FALSE;
  self->with_other = FALSE;

  for (guint i = 0; i < n_entities; i++)
    {
      SluiceImpactTreemapEntity entity = entities[i];
      SluiceTreemapItem item;

      entity.entity = entity.entity ? g_string_chunk_insert_const (self->strings, entity.entity) : NULL;
      entity.tenant = entity.tenant ? g_string_chunk_insert_const (self->strings, entity.tenant) : NULL;
      g_array_append_val (self->entities, entity);

      if (entity.entity != NULL)
        item.entity = entity.entity;
      else
        {
          /* the rest of a tenant: one tile, named by how many it stands for */
          g_autofree char *rest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more", "%u more",
                                                                entity.n_entities), entity.n_entities);
          item.entity = g_string_chunk_insert (self->strings, rest);
        }
      item.tenant = entity.tenant;
      item.actions = entity.actions;
      item.before = entity.before;
      item.change = entity.change;
      g_array_append_val (self->items, item);

      self->compared |= entity.change != SLUICE_CHART_CHANGE_NONE && entity.change != SLUICE_CHART_CHANGE_OTHER;
      self->with_other |= entity.change == SLUICE_CHART_CHANGE_OTHER;
    }

  update_description (self);
  invalidate (self);
}

guint
sluice_impact_treemap_get_n_entities (SluiceImpactTreemap *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_TREEMAP (self), 0);
  return self->entities->len;
}

const SluiceImpactTreemapEntity *
sluice_impact_treemap_get_entity (SluiceImpactTreemap *self,
                                  guint                index)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_TREEMAP (self), NULL);
  g_return_val_if_fail (index < self->entities->len, NULL);
  return &g_array_index (self->entities, SluiceImpactTreemapEntity, index);
}
