/* sluice-canvas.c — the workflow graph: draw, select, move, connect
 *
 * The canvas draws every step as a card in snapshot() rather than making
 * it a child widget: thousands of steps stay smooth that way. It keeps
 *
 *  - a scene: one Node per step (position, size, ports, texts, problems),
 *    rebuilt when the document changes; only positions are updated when
 *    only the layout changed;
 *  - a render cache: the static part of the picture (edges and the cards
 *    not being dragged) in tiles of 256 × 256 pixels at the current zoom,
 *    each rendered once to a texture by the widget's renderer, so a frame
 *    while panning copies a few images. Tiles are dropped when the scene,
 *    the zoom or the style changes; during a zoom the old tiles are shown
 *    scaled until it settles. Each card's detailed drawing is cached too
 *    (in canvas units, scaled when drawn); below a zoom of LOD_ZOOM cards
 *    are plain boxes without text, and only visible parts are drawn;
 *  - live drawing on top: selection, keyboard focus, hovered port, and
 *    whatever a drag is doing (moved cards, a new edge, a rubber band).
 *
 * Interaction (see also the help page of the Design view):
 *  - click selects, Ctrl/Shift+click adds or removes, double-click or
 *    Enter emits ::activate-step;
 *  - left-drag a card moves the selection (snapped to the grid, one undo
 *    step per drag); left-drag from an output port to another card
 *    connects them (to empty space: nothing happens);
 *  - left-drag on empty space pans, Shift+left-drag selects with a rubber
 *    band, middle-drag pans anywhere; scrolling pans (touchpad or wheel,
 *    Shift+wheel sideways), Ctrl+scroll and pinch zoom;
 *  - Tab/Shift+Tab walk the steps in document order and leave the canvas
 *    after the last; Alt+Right/Alt+Left follow an edge forward/back,
 *    Alt+Down/Alt+Up switch between the targets of the step last left;
 *    arrows move the selection by one grid step; Delete, Ctrl+C/V/D/A,
 *    Ctrl+plus/minus/0 and Ctrl+L are the canvas.* actions.
 *
 * GTK 4.8 has no accessible objects for drawn items, so the canvas itself
 * (role group) carries the focused step in its accessible label, e.g.
 * "Step 2 of 5: Notify owner (notify), email to 1 recipient; leads to
 * open-ticket", which screen readers announce as the focus moves.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "sluice-auto-layout.h"
#include "sluice-canvas.h"
#include "sluice-json.h"

#define NODE_W          SLUICE_CANVAS_NODE_WIDTH
#define NODE_H          SLUICE_CANVAS_NODE_HEIGHT
#define GRID            SLUICE_CANVAS_GRID
#define INPUT_Y         40.0   /* the input port, from the card's top */
#define PORT_R          5.0
#define PORT_HIT        9.0    /* widget pixels around a port that grab it */
#define CORNER          8.0
#define COLUMN_SPACING  320.0  /* the auto layout's, and where new steps go */
#define ROW_GAP         40.0
#define LOD_ZOOM        0.5    /* below this, cards are plain boxes */
#define DRAG_THRESHOLD  3.0
#define ZOOM_STEP       1.25
#define LABEL_SPACE     16.0   /* room right of a card for its ports */
#define LABEL_WIDTH     56.0   /* port labels, inside the card's right edge */

typedef enum
{
  PORT_NEXT,
  PORT_THEN,
  PORT_ELSE,
  PORT_CASE,
  PORT_DEFAULT,
} PortKind;

typedef struct
{
  PortKind  kind;
  guint     case_index;
  char     *label;        /* shown beside the port; NULL for "next" */
  char     *target;       /* step id, or NULL */
  int       target_node;  /* index in nodes, or -1 */
} Port;

typedef struct
{
  SluiceStep           *step;
  char                 *id;
  const SluiceStepType *type;
  guint                 index;
  double                x, y;        /* top-left, canvas units */
  double                height;
  gboolean              placed;      /* the position is in the document */
  Port                 *ports;
  guint                 n_ports;
  char                 *title;
  char                 *summary;
  guint                 n_errors;
  guint                 n_warnings;
  char                 *problems;    /* one line per finding, or NULL */
  GskRenderNode        *render;      /* the detailed card at (0, 0) */
  gboolean              moving;
  double                dx, dy;      /* offset while moving */
} Node;

typedef struct
{
  GdkRGBA background;
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA card;
  GdkRGBA border;
  GdkRGBA shade;
  GdkRGBA accent;
  GdkRGBA accent_fill;
  GdkRGBA error;
  GdkRGBA warning;
  GdkRGBA edge;
  GdkRGBA grid;
  GdkRGBA port;
  GdkRGBA category[4];
} Colors;

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_MOVE,
  DRAG_CONNECT,
  DRAG_RUBBER_BAND,
} DragMode;

typedef enum
{
  HIT_NONE,
  HIT_NODE,
  HIT_INPUT,
  HIT_OUTPUT,
} HitKind;

struct _SluiceCanvas
{
  GtkWidget             parent_instance;

  SluiceDocument       *document;
  SluiceWorkflow       *workflow;    /* what the scene was built from */
  SluiceCanvasViewport *viewport;

  /* scene */
  GPtrArray            *nodes;       /* Node, document order */
  GHashTable           *by_id;       /* id → Node */
  GHashTable           *virtual_positions; /* id → double[2] for unplaced steps */
  graphene_rect_t       bounds;
  guint                 scene_serial;

  GHashTable           *selection;   /* set of ids */
  char                 *focus_id;
  char                 *walk_origin; /* Alt+arrows: the step we left */
  guint                 walk_index;

  /* render cache: tiles of the static scene at tiles_zoom */
  GHashTable           *tiles;       /* packed (x, y) → Tile */
  double                tiles_zoom;
  int                   tiles_scale;
  guint                 tiles_serial;
  guint                 settle_source;
  Colors                colors;
  gboolean              colors_valid;
  GHashTable           *icons;       /* icon name → GdkPaintable */

  /* interaction */
  DragMode              mode;
  double                drag_x, drag_y;         /* widget point where the drag began */
  double                pan_x, pan_y;           /* viewport offset then */
  gboolean              drag_moved;
  char                 *drag_node;              /* the card or port the drag began on */
  guint                 drag_port;
  char                 *connect_target;
  GHashTable           *rubber_base;
  graphene_rect_t       rubber;                 /* widget coordinates */
  char                 *press_node;             /* select only it on release */
  double                pointer_x, pointer_y;
  gboolean              pointer_inside;
  char                 *hover_node;
  int                   hover_port;             /* -1: none, -2: input */
  double                pinch_zoom;
  double                middle_x, middle_y;

  gboolean              pending_fit;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (SluiceCanvas, sluice_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_VIEWPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SELECTION_CHANGED,
  ACTIVATE_STEP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What Ctrl+C copied last in this process; the system clipboard holds the
 * same bytes for other processes. */
static char *local_clipboard;

static void rebuild_scene          (SluiceCanvas *self);
static void selection_changed      (SluiceCanvas *self);
static void update_actions         (SluiceCanvas *self);
static void update_accessible      (SluiceCanvas *self);
static void invalidate_cache       (SluiceCanvas *self);
static void append_grid            (SluiceCanvas          *self,
                                    GtkSnapshot           *snapshot,
                                    const graphene_rect_t *bounds,
                                    double                 zoom);
static void follow_edge            (SluiceCanvas *self,
                                    const char   *direction);

/* ---- small helpers -------------------------------------------------------- */

static SluiceWorkflow *
get_workflow (SluiceCanvas *self)
{
  return self->document ? sluice_document_get_workflow (self->document) : NULL;
}

static double
snap (double value)
{
  return round (value / GRID) * GRID;
}

static double
current_zoom (SluiceCanvas *self)
{
  return sluice_canvas_viewport_get_zoom (self->viewport);
}

static Node *
lookup_node (SluiceCanvas *self,
             const char   *id)
{
  return id ? g_hash_table_lookup (self->by_id, id) : NULL;
}

static Node *
node_at (SluiceCanvas *self,
         guint         i)
{
  return g_ptr_array_index (self->nodes, i);
}

static double
node_x (const Node *node)
{
  return node->x + (node->moving ? node->dx : 0);
}

static double
node_y (const Node *node)
{
  return node->y + (node->moving ? node->dy : 0);
}

static void
node_rect (const Node      *node,
           graphene_rect_t *rect)
{
  graphene_rect_init (rect, node_x (node), node_y (node), NODE_W, node->height);
}

static gboolean
node_has_input (const Node *node)
{
  return !sluice_step_type_is_trigger (node->type);
}

static double
port_y (const Node *node,
        guint       i)
{
  return node->n_ports <= 1 ? INPUT_Y : 30 + 20 * i;
}

/* How many output ports a step has: next; then+else; one per case and a
 * default; none for end. */
static guint
step_n_ports (const SluiceStep *step)
{
  switch (sluice_step_get_step_type (step)->edges)
    {
    case SLUICE_STEP_EDGES_NEXT:
      return 1;
    case SLUICE_STEP_EDGES_BRANCH:
      return 2;
    case SLUICE_STEP_EDGES_CASES:
      {
        JsonNode *cases = sluice_step_get_member (step, "cases");

        return 1 + (cases && JSON_NODE_HOLDS_ARRAY (cases) ? json_array_get_length (json_node_get_array (cases)) : 0);
      }
    case SLUICE_STEP_EDGES_NONE:
    default:
      return 0;
    }
}

static double
height_for_ports (guint n_ports)
{
  return MAX (NODE_H, n_ports <= 1 ? NODE_H : 20.0 * n_ports + 40);
}

static double
layout_height_func (const SluiceStep *step,
                    gpointer          user_data)
{
  return height_for_ports (step_n_ports (step));
}

typedef struct
{
  cairo_surface_t *surface;  /* NULL: nothing to draw */
  GdkTexture      *texture;  /* the same pixels, for renderers other than cairo */
} Tile;

static void
free_tile (gpointer data)
{
  Tile *tile = data;

  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_clear_object (&tile->texture);
  g_free (tile);
}

static void
node_free (gpointer data)
{
  Node *node = data;

  for (guint i = 0; i < node->n_ports; i++)
    {
      g_free (node->ports[i].label);
      g_free (node->ports[i].target);
    }
  g_free (node->ports);
  g_clear_pointer (&node->step, sluice_step_unref);
  g_free (node->id);
  g_free (node->title);
  g_free (node->summary);
  g_free (node->problems);
  g_clear_pointer (&node->render, gsk_render_node_unref);
  g_free (node);
}

static char *
case_label (JsonObject *item)
{
  JsonNode *value = item ? json_object_get_member (item, "value") : NULL;

  if (value == NULL)
    return g_strdup ("?");
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  return json_to_string (value, FALSE);
}

static void
add_port (GArray     *ports,
          PortKind    kind,
          guint       case_index,
          const char *label,
          const char *target)
{
  Port port = { kind, case_index, g_strdup (label), g_strdup (target), -1 };

  g_array_append_val (ports, port);
}

static void
build_ports (Node *node)
{
  g_autoptr(GArray) ports = g_array_new (FALSE, FALSE, sizeof (Port));
  const SluiceStep *step = node->step;

  switch (node->type->edges)
    {
    case SLUICE_STEP_EDGES_NEXT:
      add_port (ports, PORT_NEXT, 0, NULL, sluice_step_get_string (step, "next"));
      break;

    case SLUICE_STEP_EDGES_BRANCH:
      add_port (ports, PORT_THEN, 0, _("then"), sluice_step_get_string (step, "then"));
      add_port (ports, PORT_ELSE, 0, _("else"), sluice_step_get_string (step, "else"));
      break;

    case SLUICE_STEP_EDGES_CASES:
      {
        JsonNode *cases = sluice_step_get_member (step, "cases");

        if (cases && JSON_NODE_HOLDS_ARRAY (cases))
          {
            JsonArray *array = json_node_get_array (cases);

            for (guint i = 0; i < json_array_get_length (array); i++)
              {
                JsonNode *element = json_array_get_element (array, i);
                JsonObject *item = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
                g_autofree char *label = case_label (item);

                add_port (ports, PORT_CASE, i, label,
                          item ? json_object_get_string_member_with_default (item, "next", NULL) : NULL);
              }
          }
        add_port (ports, PORT_DEFAULT, 0, _("default"), sluice_step_get_string (step, "default"));
      }
      break;

    case SLUICE_STEP_EDGES_NONE:
    default:
      break;
    }

  node->n_ports = ports->len;
  node->ports = (Port *) g_array_free (g_steal_pointer (&ports), FALSE);
  node->height = height_for_ports (node->n_ports);
}

static const char *
port_field (const Port *port)
{
  switch (port->kind)
    {
    case PORT_NEXT:
      return "next";
    case PORT_THEN:
      return "then";
    case PORT_ELSE:
      return "else";
    case PORT_DEFAULT:
      return "default";
    case PORT_CASE:
    default:
      return NULL;
    }
}

/* ---- the scene ------------------------------------------------------------ */

static void compute_bounds (SluiceCanvas *self);

static gboolean
overlaps_any (SluiceCanvas *self,
              double        x,
              double        y,
              double        height,
              Node         *except)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x - GRID, y - GRID, NODE_W + 2 * GRID, height + 2 * GRID);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *other = node_at (self, i);
      graphene_rect_t r;

      if (other == except || isnan (other->x))
        continue;
      node_rect (other, &r);
      if (graphene_rect_intersection (&rect, &r, NULL))
        return TRUE;
    }
  return FALSE;
}

/* Moves (x, y) down a row at a time until a card of @height fits there. */
static void
find_free_spot (SluiceCanvas *self,
                double       *x,
                double       *y,
                double        height,
                Node         *except)
{
  for (guint tries = 0; tries < 1000 && overlaps_any (self, *x, *y, height, except); tries++)
    *y += NODE_H + ROW_GAP;
}

/* Steps without a position in the document get one here, kept by the
 * canvas (not written to the document until the author moves or arranges
 * them, so opening a file does not modify it). With no positions at all
 * the whole graph gets the auto layout; otherwise a new step goes right of
 * a step that leads to it, or right of everything. */
static void
place_unplaced (SluiceCanvas   *self,
                SluiceWorkflow *workflow)
{
  g_autoptr(GArray) layout = NULL;
  gboolean any_located = FALSE;
  gboolean any_new = FALSE;

  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *node = node_at (self, i);

      if (isnan (node->x))
        any_new = TRUE;
      else
        any_located = TRUE;
    }
  if (!any_new)
    return;

  if (!any_located)
    {
      SluiceAutoLayoutOptions options;

      sluice_auto_layout_options_init (&options);
      options.origin_x = GRID * 2;
      options.origin_y = GRID * 2;
      options.column_spacing = COLUMN_SPACING;
      options.row_gap = ROW_GAP;
      options.grid = GRID;
      options.height_func = layout_height_func;
      layout = sluice_auto_layout_compute (workflow, &options);

      for (guint i = 0; i < layout->len && i < self->nodes->len; i++)
        {
          const SluiceLayoutPosition *p = &g_array_index (layout, SluiceLayoutPosition, i);
          Node *node = node_at (self, i);

          node->x = p->x;
          node->y = p->y;
        }
      return;
    }

  compute_bounds (self);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *node = node_at (self, i);
      double x = NAN, y = NAN;

      if (!isnan (node->x))
        continue;

      /* right of a located step that leads here */
      for (guint j = 0; j < self->nodes->len && isnan (x); j++)
        {
          Node *pred = node_at (self, j);

          if (isnan (pred->x))
            continue;
          for (guint p = 0; p < pred->n_ports; p++)
            if (pred->ports[p].target_node == (int) i)
              {
                x = pred->x + COLUMN_SPACING;
                y = pred->y;
                break;
              }
        }

      if (isnan (x))
        {
          x = snap (self->bounds.origin.x + self->bounds.size.width - NODE_W + COLUMN_SPACING);
          y = snap (self->bounds.origin.y);
        }

      find_free_spot (self, &x, &y, node->height, node);
      node->x = x;
      node->y = y;
    }
}

static void
compute_bounds (SluiceCanvas *self)
{
  gboolean first = TRUE;

  graphene_rect_init (&self->bounds, 0, 0, 0, 0);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      graphene_rect_t r;

      if (isnan (node_at (self, i)->x))
        continue;
      node_rect (node_at (self, i), &r);
      if (first)
        self->bounds = r;
      else
        graphene_rect_union (&self->bounds, &r, &self->bounds);
      first = FALSE;
    }
}

static void
remember_virtual_positions (SluiceCanvas *self)
{
  g_hash_table_remove_all (self->virtual_positions);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *node = node_at (self, i);

      if (!node->placed)
        {
          double *point = g_new (double, 2);

          point[0] = node->x;
          point[1] = node->y;
          g_hash_table_insert (self->virtual_positions, g_strdup (node->id), point);
        }
    }
}

static void
read_positions (SluiceCanvas   *self,
                SluiceWorkflow *workflow)
{
  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *node = node_at (self, i);
      double *point;

      node->placed = sluice_workflow_get_position (workflow, node->id, &node->x, &node->y);
      if (!node->placed)
        {
          point = g_hash_table_lookup (self->virtual_positions, node->id);
          node->x = point ? point[0] : NAN;
          node->y = point ? point[1] : NAN;
        }
    }

  place_unplaced (self, workflow);
  remember_virtual_positions (self);
  compute_bounds (self);
}

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

/* Badges come from the document's findings, which are
 * sluice_workflow_validate() with no policy, run once per edit by the
 * document (while the YAML view holds text that does not load they are
 * about the text, and the cards show none). */
static void
add_problems (SluiceCanvas   *self,
              SluiceWorkflow *workflow)
{
  SluiceDiagnostics *diagnostics = sluice_document_get_diagnostics (self->document);
  g_autoptr(GHashTable) texts = g_hash_table_new_full (NULL, NULL, NULL, free_string);

  if (diagnostics == NULL)
    return;

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);
      Node *node = lookup_node (self, d->step_id);
      GString *text;

      if (node == NULL)
        continue;
      if (d->severity == SLUICE_SEVERITY_ERROR)
        node->n_errors++;
      else
        node->n_warnings++;

      text = g_hash_table_lookup (texts, node);
      if (text == NULL)
        g_hash_table_insert (texts, node, (text = g_string_new (NULL)));
      else
        g_string_append_c (text, '\n');
      /* Translators: a validation finding on a canvas tooltip */
      g_string_append_printf (text, d->severity == SLUICE_SEVERITY_ERROR ? _("Error: %s") : _("Warning: %s"),
                              d->message);
    }

  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *node = node_at (self, i);
      GString *text = g_hash_table_lookup (texts, node);

      if (text != NULL)
        node->problems = g_strdup (text->str);
    }
}

static void
cancel_drag (SluiceCanvas *self)
{
  for (guint i = 0; i < self->nodes->len; i++)
    node_at (self, i)->moving = FALSE;
  self->mode = DRAG_NONE;
  self->drag_moved = FALSE;
  g_clear_pointer (&self->drag_node, g_free);
  g_clear_pointer (&self->connect_target, g_free);
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  g_clear_pointer (&self->press_node, g_free);
}

static gboolean
prune_selection (SluiceCanvas *self)
{
  GHashTableIter iter;
  gpointer key;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (lookup_node (self, key) == NULL)
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }

  if (self->focus_id && lookup_node (self, self->focus_id) == NULL)
    g_clear_pointer (&self->focus_id, g_free);
  if (self->walk_origin && lookup_node (self, self->walk_origin) == NULL)
    g_clear_pointer (&self->walk_origin, g_free);

  return changed;
}

static void
rebuild_scene (SluiceCanvas *self)
{
  SluiceWorkflow *workflow = get_workflow (self);
  guint n;

  if (self->mode == DRAG_MOVE || self->mode == DRAG_CONNECT)
    cancel_drag (self);

  g_ptr_array_set_size (self->nodes, 0);
  g_hash_table_remove_all (self->by_id);
  g_set_object (&self->workflow, workflow);

  n = workflow ? sluice_workflow_get_n_steps (workflow) : 0;
  for (guint i = 0; i < n; i++)
    {
      SluiceStep *step = sluice_workflow_get_step (workflow, i);
      Node *node = g_new0 (Node, 1);

      node->step = sluice_step_ref (step);
      node->id = g_strdup (sluice_step_get_id (step));
      node->type = sluice_step_get_step_type (step);
      node->index = i;
      node->title = g_strdup (sluice_step_get_title (step));
      node->summary = sluice_step_summarize (step);
      build_ports (node);
      g_ptr_array_add (self->nodes, node);
      if (!g_hash_table_contains (self->by_id, node->id))
        g_hash_table_insert (self->by_id, node->id, node);
    }

  for (guint i = 0; i < n; i++)
    {
      Node *node = node_at (self, i);

      for (guint p = 0; p < node->n_ports; p++)
        {
          Node *target = lookup_node (self, node->ports[p].target);
          node->ports[p].target_node = target ? (int) target->index : -1;
        }
    }

  if (workflow != NULL)
    {
      add_problems (self, workflow);
      read_positions (self, workflow);
    }

  self->scene_serial++;
  invalidate_cache (self);

  if (prune_selection (self))
    selection_changed (self);
  update_actions (self);
  update_accessible (self);
}

static void
update_positions (SluiceCanvas *self)
{
  SluiceWorkflow *workflow = get_workflow (self);

  if (self->mode == DRAG_MOVE)
    cancel_drag (self);
  read_positions (self, workflow);
  self->scene_serial++;
  invalidate_cache (self);
}

static void
document_changed_cb (SluiceCanvas   *self,
                     guint           flags,
                     SluiceDocument *document)
{
  SluiceWorkflow *workflow = get_workflow (self);

  if (flags == SLUICE_DOCUMENT_CHANGE_LAYOUT
      && workflow == self->workflow
      && workflow != NULL
      && sluice_workflow_get_n_steps (workflow) == self->nodes->len)
    update_positions (self);
  else
    rebuild_scene (self);
}

/* ---- colours and icons ---------------------------------------------------- */

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback,
              GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
with_alpha (GdkRGBA       *out,
            const GdkRGBA *in,
            float          alpha)
{
  *out = *in;
  out->alpha = in->alpha * alpha;
}

static void
ensure_colors (SluiceCanvas *self)
{
  GtkStyleContext *context;
  Colors *c = &self->colors;
  gboolean dark;

  if (self->colors_valid)
    return;

  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_style_context_get_color (context, &c->fg);
  with_alpha (&c->dim, &c->fg, 0.62f);
  lookup_color (context, "card_bg_color", dark ? "#303030" : "#ffffff", &c->card);
  if (c->card.alpha < 1)
    {
      /* Adwaita's dark cards are translucent white; make them opaque over
       * the view so edges do not show through */
      GdkRGBA view;

      lookup_color (context, "view_bg_color", dark ? "#1e1e1e" : "#ffffff", &view);
      c->card.red = view.red + (c->card.red - view.red) * c->card.alpha;
      c->card.green = view.green + (c->card.green - view.green) * c->card.alpha;
      c->card.blue = view.blue + (c->card.blue - view.blue) * c->card.alpha;
      c->card.alpha = 1;
    }
  with_alpha (&c->border, &c->fg, dark ? 0.22f : 0.18f);
  lookup_color (context, "card_shade_color", dark ? "rgba(0,0,0,0.36)" : "rgba(0,0,6,0.07)", &c->shade);
  lookup_color (context, "accent_bg_color", "#3584e4", &c->accent);
  with_alpha (&c->accent_fill, &c->accent, 0.18f);
  lookup_color (context, "error_color", dark ? "#ff7b63" : "#c01c28", &c->error);
  lookup_color (context, "warning_color", dark ? "#f8e45c" : "#9c6e03", &c->warning);
  /* opaque, so the grid does not show through edges */
  lookup_color (context, "view_bg_color", dark ? "#1e1e1e" : "#ffffff", &c->edge);
  c->edge.red += (c->fg.red - c->edge.red) * (dark ? 0.55f : 0.45f);
  c->edge.green += (c->fg.green - c->edge.green) * (dark ? 0.55f : 0.45f);
  c->edge.blue += (c->fg.blue - c->edge.blue) * (dark ? 0.55f : 0.45f);
  c->edge.alpha = 1;
  with_alpha (&c->grid, &c->fg, dark ? 0.16f : 0.14f);
  lookup_color (context, "view_bg_color", dark ? "#1e1e1e" : "#ffffff", &c->port);
  c->background = c->port;

  gdk_rgba_parse (&c->category[SLUICE_STEP_CATEGORY_TRIGGER], dark ? "#c061cb" : "#9141ac");
  gdk_rgba_parse (&c->category[SLUICE_STEP_CATEGORY_CONDITION], dark ? "#ffa348" : "#e66100");
  gdk_rgba_parse (&c->category[SLUICE_STEP_CATEGORY_ACTION], dark ? "#62a0ea" : "#1c71d8");
  gdk_rgba_parse (&c->category[SLUICE_STEP_CATEGORY_FLOW], dark ? "#57e389" : "#26a269");

  self->colors_valid = TRUE;
}

static void
clear_renders (SluiceCanvas *self)
{
  for (guint i = 0; i < self->nodes->len; i++)
    g_clear_pointer (&node_at (self, i)->render, gsk_render_node_unref);
  invalidate_cache (self);
}

static void
style_changed (SluiceCanvas *self)
{
  self->colors_valid = FALSE;
  g_hash_table_remove_all (self->icons);
  clear_renders (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GdkPaintable *
get_icon (SluiceCanvas *self,
          const char   *icon_name)
{
  GdkPaintable *paintable = g_hash_table_lookup (self->icons, icon_name);

  if (paintable == NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
      /* not through lookup_icon's fallbacks: GTK 4.8 prefers a themed
       * fallback to an icon found in a search path or resource path */
      const char *name = gtk_icon_theme_has_icon (theme, icon_name) ? icon_name : "application-x-executable-symbolic";

      /* scale 2: cards are often zoomed in */
      paintable = GDK_PAINTABLE (gtk_icon_theme_lookup_icon (theme, name, NULL, 16,
                                                             MAX (2, gtk_widget_get_scale_factor (GTK_WIDGET (self))),
                                                             GTK_TEXT_DIR_NONE, 0));
      g_hash_table_insert (self->icons, g_strdup (icon_name), paintable);
    }
  return paintable;
}

/* ---- drawing a card ------------------------------------------------------- */

static void
rounded_rect_path (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
append_text (SluiceCanvas  *self,
             GtkSnapshot   *snapshot,
             const char    *text,
             double         x,
             double         y,
             double         width,
             double         scale,
             gboolean       bold,
             gboolean       monospace,
             gboolean       align_right,
             const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoAttrList *attrs;

  if (text == NULL || *text == '\0' || width <= 0)
    return;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  attrs = pango_attr_list_new ();
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (monospace)
    pango_attr_list_insert (attrs, pango_attr_family_new ("monospace"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (align_right)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static const GdkRGBA *
severity_color (SluiceCanvas *self,
                const Node   *node)
{
  if (node->n_errors > 0)
    return &self->colors.error;
  if (node->n_warnings > 0)
    return &self->colors.warning;
  return NULL;
}

/* The detailed card in canvas units, its top-left at (0, 0). */
static GskRenderNode *
render_card (SluiceCanvas *self,
             Node         *node)
{
  const Colors *c = &self->colors;
  const GdkRGBA *category = &c->category[node->type->category];
  const GdkRGBA *badge = severity_color (self, node);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  double h = node->height;
  double text_x = 40;
  double title_width = NODE_W - text_x - (badge ? 32 : 12);
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (-PORT_R - 2, -2, NODE_W + 2 * PORT_R + 4, h + 6));

  /* a hard shadow, a card, a category stripe */
  rounded_rect_path (cr, 0, 1.5, NODE_W, h, CORNER);
  gdk_cairo_set_source_rgba (cr, &c->shade);
  cairo_fill (cr);

  rounded_rect_path (cr, 0.5, 0.5, NODE_W - 1, h - 1, CORNER);
  gdk_cairo_set_source_rgba (cr, &c->card);
  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_clip (cr);
  cairo_rectangle (cr, 0, 0, 5, h);
  gdk_cairo_set_source_rgba (cr, category);
  cairo_fill (cr);
  cairo_restore (cr);
  rounded_rect_path (cr, 0.5, 0.5, NODE_W - 1, h - 1, CORNER);
  gdk_cairo_set_source_rgba (cr, &c->border);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  /* ports */
  cairo_set_line_width (cr, 1.5);
  if (node_has_input (node))
    {
      cairo_arc (cr, 0, INPUT_Y, PORT_R, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &c->port);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &c->edge);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < node->n_ports; i++)
    {
      cairo_arc (cr, NODE_W, port_y (node, i), PORT_R, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, node->ports[i].target ? category : &c->port);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, node->ports[i].target ? category : &c->edge);
      cairo_stroke (cr);
    }

  /* the problem badge: a disc with an exclamation mark */
  if (badge)
    {
      double bx = NODE_W - 18, by = 18;

      cairo_arc (cr, bx, by, 8, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, badge);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &c->card);
      cairo_rectangle (cr, bx - 1.25, by - 5, 2.5, 6);
      cairo_arc (cr, bx, by + 3.5, 1.4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_destroy (cr);

  /* icon, title, summary, id */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (16, 12));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (get_icon (self, node->type->icon_name)),
                                            snapshot, 16, 16,
                                            (GdkRGBA[]) { *category, c->error, c->warning, *category }, 4);
  gtk_snapshot_restore (snapshot);

  {
    gboolean labelled = node->n_ports > 1;
    double text_width = NODE_W - 28 - (labelled ? LABEL_WIDTH : 0);

    append_text (self, snapshot, node->title, text_x, 10, title_width, 1.0, TRUE, FALSE, FALSE, &c->fg);
    append_text (self, snapshot, node->summary, 16, 34, text_width, 0.92, FALSE, FALSE, FALSE, &c->dim);
    append_text (self, snapshot, node->id, 16, h - 24, text_width, 0.8, FALSE, TRUE, FALSE, &c->dim);

    /* port labels (then, else, case values), inside the right edge */
    for (guint i = 0; labelled && i < node->n_ports; i++)
      append_text (self, snapshot, node->ports[i].label, NODE_W - 10 - LABEL_WIDTH, port_y (node, i) - 8,
                   LABEL_WIDTH, 0.8, FALSE, FALSE, TRUE, &c->dim);
  }

  return gtk_snapshot_free_to_node (snapshot);
}

/* A plain box for when cards are too small to read. */
static void
append_box (SluiceCanvas *self,
            GtkSnapshot  *snapshot,
            Node         *node,
            double        zoom)
{
  const Colors *c = &self->colors;
  const GdkRGBA *badge = severity_color (self, node);
  double x = node_x (node) * zoom, y = node_y (node) * zoom;
  double w = NODE_W * zoom, h = node->height * zoom;

  gtk_snapshot_append_color (snapshot, &c->border, &GRAPHENE_RECT_INIT (x - 1, y - 1, w + 2, h + 2));
  gtk_snapshot_append_color (snapshot, &c->card, &GRAPHENE_RECT_INIT (x, y, w, h));
  gtk_snapshot_append_color (snapshot, &c->category[node->type->category],
                             &GRAPHENE_RECT_INIT (x, y, MAX (2, 6 * zoom), h));
  if (badge)
    gtk_snapshot_append_color (snapshot, badge,
                               &GRAPHENE_RECT_INIT (x + w - 20 * zoom, y + 6 * zoom, 14 * zoom, 14 * zoom));
}

static void
append_card (SluiceCanvas *self,
             GtkSnapshot  *snapshot,
             Node         *node,
             double        zoom)
{
  if (zoom < LOD_ZOOM)
    {
      append_box (self, snapshot, node, zoom);
      return;
    }

  if (node->render == NULL)
    node->render = render_card (self, node);
  if (node->render == NULL)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (node_x (node) * zoom, node_y (node) * zoom));
  gtk_snapshot_scale (snapshot, zoom, zoom);
  gtk_snapshot_append_node (snapshot, node->render);
  gtk_snapshot_restore (snapshot);
}

/* ---- edges ---------------------------------------------------------------- */

static void
edge_ends (const Node *from,
           guint       port,
           const Node *to,
           double     *x1,
           double     *y1,
           double     *x2,
           double     *y2)
{
  *x1 = node_x (from) + NODE_W;
  *y1 = node_y (from) + port_y (from, port);
  *x2 = node_x (to);
  *y2 = node_y (to) + INPUT_Y;
}

static double
edge_reach (double x1,
            double x2)
{
  double d = fabs (x2 - x1) / 2;

  return x2 < x1 + 40 ? MAX (d, 100) : MAX (d, 40);
}

static void
edge_bounds (double           x1,
             double           y1,
             double           x2,
             double           y2,
             graphene_rect_t *rect)
{
  double d = edge_reach (x1, x2);
  double left = MIN (x1, x2 - d), right = MAX (x1 + d, x2);

  graphene_rect_init (rect, left, MIN (y1, y2) - 2, right - left, fabs (y2 - y1) + 4);
}

/* An edge in zoomed canvas coordinates, arrow head included when @arrows. */
static void
path_edge (cairo_t *cr,
           double   zoom,
           double   x1,
           double   y1,
           double   x2,
           double   y2,
           gboolean arrow)
{
  double d = edge_reach (x1, x2) * zoom;
  double end = (x2 - (arrow ? PORT_R + 6 : 0)) * zoom;

  x1 *= zoom; y1 *= zoom; x2 *= zoom; y2 *= zoom;
  cairo_move_to (cr, x1, y1);
  cairo_curve_to (cr, x1 + d, y1, end - d, y2, end, y2);
}

static void
path_arrow (cairo_t *cr,
            double   zoom,
            double   x2,
            double   y2)
{
  double tip = (x2 - PORT_R - 0.5) * zoom;

  cairo_move_to (cr, tip, y2 * zoom);
  cairo_line_to (cr, tip - 8 * zoom, (y2 - 4.5) * zoom);
  cairo_line_to (cr, tip - 8 * zoom, (y2 + 4.5) * zoom);
  cairo_close_path (cr);
}

/* Strokes the edges of @nodes (all when NULL) that touch @region;
 * @moving selects the edges whose ends move (TRUE) or stay (FALSE). */
static void
draw_edges (SluiceCanvas          *self,
            cairo_t               *cr,
            double                 zoom,
            const graphene_rect_t *region,
            gboolean               moving,
            const GdkRGBA         *color,
            double                 width)
{
  gboolean detailed = zoom >= LOD_ZOOM;
  gboolean any = FALSE;

  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *from = node_at (self, i);

      for (guint p = 0; p < from->n_ports; p++)
        {
          Node *to;
          double x1, y1, x2, y2;
          graphene_rect_t rect;

          if (from->ports[p].target_node < 0)
            continue;
          to = node_at (self, from->ports[p].target_node);
          if ((from->moving || to->moving) != moving)
            continue;

          edge_ends (from, p, to, &x1, &y1, &x2, &y2);
          edge_bounds (x1, y1, x2, y2, &rect);
          if (!graphene_rect_intersection (&rect, region, NULL))
            continue;

          path_edge (cr, zoom, x1, y1, x2, y2, detailed);
          any = TRUE;
        }
    }

  if (!any)
    return;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);

  if (!detailed)
    return;

  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *from = node_at (self, i);

      for (guint p = 0; p < from->n_ports; p++)
        {
          Node *to;
          double x1, y1, x2, y2;

          if (from->ports[p].target_node < 0)
            continue;
          to = node_at (self, from->ports[p].target_node);
          if ((from->moving || to->moving) != moving)
            continue;
          edge_ends (from, p, to, &x1, &y1, &x2, &y2);
          if (graphene_rect_contains_point (region, &GRAPHENE_POINT_INIT (x2, y2)))
            path_arrow (cr, zoom, x2, y2);
        }
    }
  cairo_fill (cr);
}

/* ---- the cache and snapshot ----------------------------------------------- */

/* The static scene (edges and the cards that are not being moved) is drawn
 * in tiles of TILE × TILE pixels of the current zoom, each rendered once to
 * a texture by the widget's own renderer; a frame then only draws the
 * visible tiles and what is live. With the cairo renderer that is the
 * difference between rasterising every card and edge on every frame and
 * copying a few images. While the zoom changes the old tiles are drawn
 * scaled, and the tiles are redrawn once the zoom has been still for
 * SETTLE_MS. */
#define TILE      256
#define SETTLE_MS 150

static gint64
tile_key (int x,
          int y)
{
  /* shift the bits, not the (possibly negative) value */
  return (gint64) (((guint64) (guint32) x << 32) | (guint32) y);
}

static void
clear_tiles (SluiceCanvas *self)
{
  g_hash_table_remove_all (self->tiles);
}

static void
invalidate_cache (SluiceCanvas *self)
{
  clear_tiles (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
scaled_rect (const graphene_rect_t *rect,
             double                 zoom,
             graphene_rect_t       *out)
{
  graphene_rect_init (out, rect->origin.x * zoom, rect->origin.y * zoom,
                      rect->size.width * zoom, rect->size.height * zoom);
}

/* Cards as plain boxes, a few fills for all of them. */
static void
draw_boxes (SluiceCanvas          *self,
            cairo_t               *cr,
            const graphene_rect_t *region,
            double                 zoom)
{
  const Colors *c = &self->colors;
  enum { BORDER, CARD, STRIPE, BADGE_ERROR = STRIPE + 4, BADGE_WARNING, N_PASSES };

  for (int pass = 0; pass < N_PASSES; pass++)
    {
      const GdkRGBA *color;
      gboolean any = FALSE;

      for (guint i = 0; i < self->nodes->len; i++)
        {
          Node *node = node_at (self, i);
          double x = node->x * zoom, y = node->y * zoom, w = NODE_W * zoom, h = node->height * zoom;
          graphene_rect_t r;

          if (node->moving)
            continue;
          node_rect (node, &r);
          if (!graphene_rect_intersection (&r, region, NULL))
            continue;

          if (pass == BORDER)
            cairo_rectangle (cr, x - 1, y - 1, w + 2, h + 2);
          else if (pass == CARD)
            cairo_rectangle (cr, x, y, w, h);
          else if (pass >= STRIPE && pass < STRIPE + 4)
            {
              if ((int) node->type->category != pass - STRIPE)
                continue;
              cairo_rectangle (cr, x, y, MAX (2, 6 * zoom), h);
            }
          else if ((pass == BADGE_ERROR && node->n_errors > 0)
                   || (pass == BADGE_WARNING && node->n_errors == 0 && node->n_warnings > 0))
            cairo_rectangle (cr, x + w - 20 * zoom, y + 6 * zoom, 14 * zoom, 14 * zoom);
          else
            continue;
          any = TRUE;
        }

      if (!any)
        continue;
      color = pass == BORDER ? &c->border
              : pass == CARD ? &c->card
              : pass == BADGE_ERROR ? &c->error
              : pass == BADGE_WARNING ? &c->warning
              : &c->category[pass - STRIPE];
      gdk_cairo_set_source_rgba (cr, color);
      cairo_fill (cr);
    }
}

/* The static scene inside @region (canvas units) at @zoom. */
static GskRenderNode *
build_scene (SluiceCanvas          *self,
             const graphene_rect_t *region,
             double                 zoom)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gboolean detailed = zoom >= LOD_ZOOM;
  graphene_rect_t wide, bounds;
  gboolean any_card = FALSE;
  cairo_t *cr;

  /* a card's ports and shadow stick out a little */
  graphene_rect_inset_r (region, -LABEL_SPACE, -LABEL_SPACE, &wide);

  for (guint i = 0; i < self->nodes->len && !any_card; i++)
    {
      graphene_rect_t r;

      node_rect (node_at (self, i), &r);
      any_card = graphene_rect_intersection (&r, &wide, NULL);
    }

  scaled_rect (region, zoom, &bounds);
  gtk_snapshot_append_color (snapshot, &self->colors.background, &bounds);
  append_grid (self, snapshot, &bounds, zoom);

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (!detailed)
    cairo_set_tolerance (cr, 0.5);
  draw_edges (self, cr, zoom, region, FALSE, &self->colors.edge, detailed ? 1.5 : 1.0);
  if (!detailed && any_card)
    draw_boxes (self, cr, &wide, zoom);
  cairo_destroy (cr);

  for (guint i = 0; detailed && any_card && i < self->nodes->len; i++)
    {
      Node *node = node_at (self, i);
      graphene_rect_t r;

      if (node->moving)
        continue;
      node_rect (node, &r);
      if (graphene_rect_intersection (&r, &wide, NULL))
        append_card (self, snapshot, node, zoom);
    }

  return gtk_snapshot_free_to_node (snapshot);
}

/* Tiles are drawn with cairo (gsk_render_node_draw()), whatever the
 * renderer: the cairo renderer then paints them straight from memory. */
static Tile *
render_tile (SluiceCanvas *self,
             int           x,
             int           y,
             double        zoom,
             int           scale)
{
  g_autoptr(GskRenderNode) scene = NULL;
  graphene_rect_t region = GRAPHENE_RECT_INIT (x * TILE / zoom, y * TILE / zoom, TILE / zoom, TILE / zoom);
  Tile *tile = g_new0 (Tile, 1);
  cairo_t *cr;

  scene = build_scene (self, &region, zoom);
  if (scene == NULL)
    return tile;

  tile->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE * scale, TILE * scale);
  cairo_surface_set_device_scale (tile->surface, scale, scale);
  cr = cairo_create (tile->surface);
  cairo_translate (cr, -x * TILE, -y * TILE);
  gsk_render_node_draw (scene, cr);
  cairo_destroy (cr);
  cairo_surface_flush (tile->surface);

  return tile;
}

static GdkTexture *
tile_texture (Tile *tile)
{
  if (tile->texture == NULL && tile->surface != NULL)
    {
      int width = cairo_image_surface_get_width (tile->surface);
      int height = cairo_image_surface_get_height (tile->surface);
      int stride = cairo_image_surface_get_stride (tile->surface);
      g_autoptr(GBytes) bytes = g_bytes_new (cairo_image_surface_get_data (tile->surface), (gsize) stride * height);

      tile->texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
    }
  return tile->texture;
}

/* Paints tiles; @ratio scales them while a zoom is going on. */
static void
append_tiles (SluiceCanvas          *self,
              GtkSnapshot           *snapshot,
              GPtrArray             *keys,
              const graphene_rect_t *visible_px,
              double                 ratio,
              gboolean               cairo_renderer)
{
  cairo_t *cr = NULL;

  if (cairo_renderer)
    {
      cr = gtk_snapshot_append_cairo (snapshot, visible_px);
      if (ratio != 1)
        cairo_scale (cr, ratio, ratio);
    }

  for (guint i = 0; i < keys->len; i++)
    {
      gint64 packed = *(gint64 *) g_ptr_array_index (keys, i);
      Tile *tile = g_hash_table_lookup (self->tiles, &packed);
      int tx = (int) (packed >> 32), ty = (int) (gint32) (packed & 0xffffffff);

      if (tile == NULL || tile->surface == NULL)
        continue;

      if (cr != NULL)
        {
          cairo_set_source_surface (cr, tile->surface, tx * TILE, ty * TILE);
          if (ratio != 1)
            cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_FAST);
          cairo_rectangle (cr, tx * TILE, ty * TILE, TILE, TILE);
          cairo_fill (cr);
        }
      else
        gtk_snapshot_append_texture (snapshot, tile_texture (tile),
                                     &GRAPHENE_RECT_INIT (tx * TILE * ratio, ty * TILE * ratio,
                                                          TILE * ratio, TILE * ratio));
    }

  if (cr != NULL)
    cairo_destroy (cr);
}

static gboolean
settle_cb (gpointer data)
{
  SluiceCanvas *self = data;

  self->settle_source = 0;
  invalidate_cache (self);
  return G_SOURCE_REMOVE;
}

/* Appends the static scene for @visible, in zoomed canvas coordinates. */
static void
append_scene (SluiceCanvas          *self,
              GtkSnapshot           *snapshot,
              const graphene_rect_t *visible,
              double                 zoom)
{
  GskRenderer *renderer = NULL;
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  gboolean cairo_renderer;
  graphene_rect_t visible_px;
  int x0, y0, x1, y1;

  if (native != NULL)
    renderer = gtk_native_get_renderer (native);
  cairo_renderer = renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
  scaled_rect (visible, zoom, &visible_px);

  if (self->tiles_serial != self->scene_serial || self->tiles_scale != scale)
    {
      clear_tiles (self);
      self->tiles_serial = self->scene_serial;
      self->tiles_scale = scale;
      self->tiles_zoom = zoom;
    }

  if (self->tiles_zoom != zoom)
    {
      double ratio = zoom / self->tiles_zoom;

      if (g_hash_table_size (self->tiles) > 0 && ratio > 0.05 && ratio < 20)
        {
          GHashTableIter iter;
          gpointer key;

          g_hash_table_iter_init (&iter, self->tiles);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_ptr_array_add (keys, key);

          /* zooming: the old tiles, scaled, until the zoom settles */
          g_clear_handle_id (&self->settle_source, g_source_remove);
          self->settle_source = g_timeout_add (SETTLE_MS, settle_cb, self);
          append_tiles (self, snapshot, keys, &visible_px, ratio, cairo_renderer);
          return;
        }

      clear_tiles (self);
      self->tiles_zoom = zoom;
    }

  x0 = (int) floor (visible_px.origin.x / TILE);
  y0 = (int) floor (visible_px.origin.y / TILE);
  x1 = (int) floor ((visible_px.origin.x + visible_px.size.width) / TILE);
  y1 = (int) floor ((visible_px.origin.y + visible_px.size.height) / TILE);

  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        gint64 key = tile_key (x, y);
        gpointer stored_key;

        if (!g_hash_table_lookup_extended (self->tiles, &key, &stored_key, NULL))
          {
            stored_key = g_memdup2 (&key, sizeof key);
            g_hash_table_insert (self->tiles, stored_key, render_tile (self, x, y, zoom, scale));
          }
        g_ptr_array_add (keys, stored_key);
      }

  append_tiles (self, snapshot, keys, &visible_px, 1, cairo_renderer);

  /* forget tiles away from the view */
  if (g_hash_table_size (self->tiles) > (guint) ((x1 - x0 + 3) * (y1 - y0 + 3)))
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->tiles);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          gint64 packed = *(gint64 *) key;
          int tx = (int) (packed >> 32), ty = (int) (gint32) (packed & 0xffffffff);

          if (tx < x0 - 1 || tx > x1 + 1 || ty < y0 - 1 || ty > y1 + 1)
            g_hash_table_iter_remove (&iter);
        }
    }
}

/* Dots every grid step (every five when that is too dense), for the
 * region @bounds of zoomed canvas coordinates. */
static void
append_grid (SluiceCanvas          *self,
             GtkSnapshot           *snapshot,
             const graphene_rect_t *bounds,
             double                 zoom)
{
  double spacing = GRID * zoom;
  double size = zoom >= 1 ? 2 : 1.5;

  if (spacing < 10)
    spacing *= 5;
  if (spacing < 10)
    return;

  gtk_snapshot_push_repeat (snapshot, bounds, &GRAPHENE_RECT_INIT (0, 0, spacing, spacing));
  gtk_snapshot_append_color (snapshot, &self->colors.grid, &GRAPHENE_RECT_INIT (0, 0, size, size));
  gtk_snapshot_pop (snapshot);
}

static void
outline_node (cairo_t    *cr,
              const Node *node,
              double      zoom,
              double      outset)
{
  rounded_rect_path (cr,
                     node_x (node) * zoom - outset, node_y (node) * zoom - outset,
                     NODE_W * zoom + 2 * outset, node->height * zoom + 2 * outset,
                     MIN (CORNER * zoom, 8) + outset);
}

static void
draw_live (SluiceCanvas          *self,
           GtkSnapshot           *snapshot,
           const graphene_rect_t *visible,
           double                 zoom)
{
  const Colors *c = &self->colors;
  graphene_rect_t bounds;
  gboolean any_moving = self->mode == DRAG_MOVE && self->drag_moved;
  Node *focus = lookup_node (self, self->focus_id);
  Node *hover = lookup_node (self, self->hover_node);
  cairo_t *cr;

  /* cards on the move, and their edges */
  if (any_moving)
    {
      scaled_rect (visible, zoom, &bounds);
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      draw_edges (self, cr, zoom, visible, TRUE, &c->edge, zoom >= LOD_ZOOM ? 1.5 : 1.0);
      cairo_destroy (cr);

      for (guint i = 0; i < self->nodes->len; i++)
        if (node_at (self, i)->moving)
          append_card (self, snapshot, node_at (self, i), zoom);
    }

  if (g_hash_table_size (self->selection) == 0
      && !(focus && gtk_widget_has_visible_focus (GTK_WIDGET (self)))
      && !(hover && self->hover_port != -1)
      && self->mode != DRAG_CONNECT)
    return;

  scaled_rect (visible, zoom, &bounds);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);

  /* selection */
  if (g_hash_table_size (self->selection) > 0)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->selection);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          Node *node = lookup_node (self, key);
          graphene_rect_t r;

          if (node == NULL)
            continue;
          node_rect (node, &r);
          if (graphene_rect_intersection (&r, visible, NULL))
            outline_node (cr, node, zoom, 1);
        }
      gdk_cairo_set_source_rgba (cr, &c->accent);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }

  /* keyboard focus */
  if (focus && gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    {
      GdkRGBA ring;

      with_alpha (&ring, &c->accent, 0.5f);
      outline_node (cr, focus, zoom, 5);
      gdk_cairo_set_source_rgba (cr, &ring);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }

  /* the port under the pointer */
  if (hover && self->hover_port != -1 && zoom >= LOD_ZOOM / 2)
    {
      double px = node_x (hover) + (self->hover_port == -2 ? 0 : NODE_W);
      double py = node_y (hover) + (self->hover_port == -2 ? INPUT_Y : port_y (hover, self->hover_port));

      cairo_arc (cr, px * zoom, py * zoom, MAX (PORT_R * zoom, 3) + 3, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &c->accent);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }

  /* an edge being drawn */
  if (self->mode == DRAG_CONNECT && self->drag_moved)
    {
      Node *from = lookup_node (self, self->drag_node);
      Node *to = lookup_node (self, self->connect_target);
      double x2, y2;

      if (from != NULL)
        {
          if (to != NULL)
            {
              x2 = node_x (to);
              y2 = node_y (to) + INPUT_Y;
              outline_node (cr, to, zoom, 1);
              gdk_cairo_set_source_rgba (cr, &c->accent);
              cairo_set_line_width (cr, 2);
              cairo_stroke (cr);
            }
          else
            sluice_canvas_viewport_widget_to_canvas (self->viewport, self->pointer_x, self->pointer_y, &x2, &y2);

          path_edge (cr, zoom, node_x (from) + NODE_W, node_y (from) + port_y (from, self->drag_port), x2, y2, FALSE);
          gdk_cairo_set_source_rgba (cr, &c->accent);
          cairo_set_line_width (cr, 2);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_stroke (cr);
        }
    }

  cairo_destroy (cr);
}

static void
sluice_canvas_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SluiceCanvas *self = SLUICE_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double zoom = current_zoom (self);
  double ox = sluice_canvas_viewport_get_offset_x (self->viewport);
  double oy = sluice_canvas_viewport_get_offset_y (self->viewport);
  graphene_rect_t visible;
  double tx, ty;
  int scale;

  if (width <= 0 || height <= 0)
    return;

  ensure_colors (self);
  /* the view's background even without the app's style sheet; the grid
   * is part of the tiles */
  gtk_snapshot_append_color (snapshot, &self->colors.background, &GRAPHENE_RECT_INIT (0, 0, width, height));

  sluice_canvas_viewport_get_visible_rect (self->viewport, width, height, &visible);

  /* whole device pixels, so tiles are copied, not resampled */
  scale = gtk_widget_get_scale_factor (widget);
  tx = round (-ox * zoom * scale) / scale;
  ty = round (-oy * zoom * scale) / scale;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (tx, ty));
  append_scene (self, snapshot, &visible, zoom);
  draw_live (self, snapshot, &visible, zoom);
  gtk_snapshot_restore (snapshot);

  if (self->mode == DRAG_RUBBER_BAND)
    {
      const graphene_rect_t *r = &self->rubber;
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

      cairo_rectangle (cr, r->origin.x + 0.5, r->origin.y + 0.5, r->size.width, r->size.height);
      gdk_cairo_set_source_rgba (cr, &self->colors.accent_fill);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &self->colors.accent);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      cairo_destroy (cr);
    }
}

/* ---- hit testing ---------------------------------------------------------- */

static Node *
hit_test (SluiceCanvas *self,
          double        widget_x,
          double        widget_y,
          HitKind      *kind,
          guint        *port)
{
  double zoom = current_zoom (self);
  double r = PORT_HIT / zoom;
  double x, y;

  sluice_canvas_viewport_widget_to_canvas (self->viewport, widget_x, widget_y, &x, &y);

  for (guint i = self->nodes->len; i-- > 0;)
    {
      Node *node = node_at (self, i);
      double nx = node_x (node), ny = node_y (node);

      if (x < nx - r || x > nx + NODE_W + r || y < ny - r || y > ny + node->height + r)
        continue;

      if (zoom >= LOD_ZOOM / 2)
        {
          for (guint p = 0; p < node->n_ports; p++)
            if (hypot (x - (nx + NODE_W), y - (ny + port_y (node, p))) <= r)
              {
                *kind = HIT_OUTPUT;
                *port = p;
                return node;
              }
          if (node_has_input (node) && hypot (x - nx, y - (ny + INPUT_Y)) <= r)
            {
              *kind = HIT_INPUT;
              return node;
            }
        }

      if (x >= nx && x <= nx + NODE_W && y >= ny && y <= ny + node->height)
        {
          *kind = HIT_NODE;
          return node;
        }
    }

  *kind = HIT_NONE;
  return NULL;
}

/* ---- selection, focus, accessibility ------------------------------------- */

static void
selection_changed (SluiceCanvas *self)
{
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static gboolean
is_selected (SluiceCanvas *self,
             const char   *id)
{
  return g_hash_table_contains (self->selection, id);
}

static void
select_only (SluiceCanvas *self,
             const char   *id)
{
  if (id != NULL && g_hash_table_size (self->selection) == 1 && is_selected (self, id))
    return;
  if (id == NULL && g_hash_table_size (self->selection) == 0)
    return;

  g_hash_table_remove_all (self->selection);
  if (id != NULL)
    g_hash_table_add (self->selection, g_strdup (id));
  selection_changed (self);
}

static void
toggle_selected (SluiceCanvas *self,
                 const char   *id)
{
  if (!g_hash_table_remove (self->selection, id))
    g_hash_table_add (self->selection, g_strdup (id));
  selection_changed (self);
}

static void
select_ids (SluiceCanvas *self,
            GPtrArray    *ids)
{
  g_hash_table_remove_all (self->selection);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (self->selection, g_strdup (g_ptr_array_index (ids, i)));
  selection_changed (self);
}

static char *
describe_node (SluiceCanvas *self,
               const Node   *node)
{
  GString *text = g_string_new (NULL);
  guint n_targets = 0;

  /* Translators: the accessible name of the focused step: position, title, type */
  g_string_append_printf (text, _("Step %u of %u: %s (%s)"),
                          node->index + 1, self->nodes->len, node->title, node->type->name);
  if (node->summary && *node->summary)
    g_string_append_printf (text, ", %s", node->summary);

  for (guint p = 0; p < node->n_ports; p++)
    if (node->ports[p].target)
      n_targets++;

  if (node->n_ports == 0)
    g_string_append (text, _("; ends the workflow"));
  else if (n_targets == 0)
    g_string_append (text, _("; leads nowhere yet"));
  else if (node->n_ports == 1)
    g_string_append_printf (text, _("; leads to %s"), node->ports[0].target);
  else
    {
      gboolean first = TRUE;

      for (guint p = 0; p < node->n_ports; p++)
        {
          if (node->ports[p].target == NULL)
            continue;
          g_string_append (text, first ? "; " : ", ");
          /* Translators: a labelled edge, e.g. "then leads to notify-owner" */
          g_string_append_printf (text, _("%s leads to %s"), node->ports[p].label, node->ports[p].target);
          first = FALSE;
        }
    }

  if (node->n_errors + node->n_warnings > 0)
    g_string_append_printf (text, "; %s", node->problems);

  return g_string_free (text, FALSE);
}

static void
update_accessible (SluiceCanvas *self)
{
  Node *focus = lookup_node (self, self->focus_id);
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (focus != NULL)
    label = describe_node (self, focus);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Workflow canvas, %u step", "Workflow canvas, %u steps",
                                          self->nodes->len), self->nodes->len);

  description = g_strdup (_("Tab moves between steps; Alt+Right and Alt+Left follow edges; "
                            "arrows move the selected steps; Enter opens the step in the inspector"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
scroll_to_node (SluiceCanvas *self,
                const Node   *node)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t visible, r;
  double dx = 0, dy = 0;

  if (width <= 0 || height <= 0)
    return;

  sluice_canvas_viewport_get_visible_rect (self->viewport, width, height, &visible);
  graphene_rect_init (&r, node->x - GRID, node->y - GRID, NODE_W + 2 * GRID, node->height + 2 * GRID);

  if (r.origin.x < visible.origin.x || r.size.width > visible.size.width)
    dx = r.origin.x - visible.origin.x;
  else if (r.origin.x + r.size.width > visible.origin.x + visible.size.width)
    dx = r.origin.x + r.size.width - (visible.origin.x + visible.size.width);
  if (r.origin.y < visible.origin.y || r.size.height > visible.size.height)
    dy = r.origin.y - visible.origin.y;
  else if (r.origin.y + r.size.height > visible.origin.y + visible.size.height)
    dy = r.origin.y + r.size.height - (visible.origin.y + visible.size.height);

  if (dx != 0 || dy != 0)
    sluice_canvas_viewport_set_offset (self->viewport, visible.origin.x + dx, visible.origin.y + dy);
}

/* Keyboard focus on a step: it becomes the selection and is announced. */
static void
focus_node (SluiceCanvas *self,
            Node         *node)
{
  if (node == NULL)
    return;

  g_free (self->focus_id);
  self->focus_id = g_strdup (node->id);
  update_actions (self);
  select_only (self, node->id);
  scroll_to_node (self, node);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_focus_id (SluiceCanvas *self,
              const char   *id)
{
  if (g_strcmp0 (self->focus_id, id) == 0)
    return;
  g_free (self->focus_id);
  self->focus_id = g_strdup (id);
  update_accessible (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- edits ---------------------------------------------------------------- */

static GPtrArray *
selected_nodes (SluiceCanvas *self)
{
  GPtrArray *nodes = g_ptr_array_new ();

  for (guint i = 0; i < self->nodes->len; i++)
    if (is_selected (self, node_at (self, i)->id))
      g_ptr_array_add (nodes, node_at (self, i));
  return nodes;
}

/* Writes new positions for the nodes that have (dx, dy) set: one edit. */
static void
commit_moves (SluiceCanvas *self,
              const char   *label)
{
  SluiceWorkflow *workflow = get_workflow (self);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));

  if (workflow == NULL)
    return;

  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *node = node_at (self, i);

      if (node->moving)
        {
          graphene_point_t point = GRAPHENE_POINT_INIT (node->x + node->dx, node->y + node->dy);

          g_ptr_array_add (ids, g_strdup (node->id));
          g_array_append_val (points, point);
        }
    }

  /* the document's ::changed rebuilds the scene: nothing of it is used below */
  for (guint i = 0; i < self->nodes->len; i++)
    node_at (self, i)->moving = FALSE;

  if (ids->len == 0)
    return;

  sluice_document_begin_edit (self->document, label);
  for (guint i = 0; i < ids->len; i++)
    {
      const graphene_point_t *p = &g_array_index (points, graphene_point_t, i);
      sluice_workflow_set_position (workflow, g_ptr_array_index (ids, i), p->x, p->y);
    }
  sluice_document_end_edit (self->document, SLUICE_DOCUMENT_CHANGE_LAYOUT);
}

static void
move_selection_by (SluiceCanvas *self,
                   double        dx,
                   double        dy)
{
  g_autoptr(GPtrArray) nodes = selected_nodes (self);
  Node *focus;

  if (nodes->len == 0 || self->mode != DRAG_NONE)
    return;

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      node->moving = TRUE;
      node->dx = snap (node->x + dx) - node->x;
      node->dy = snap (node->y + dy) - node->y;
    }
  commit_moves (self, _("Move steps"));

  if ((focus = lookup_node (self, self->focus_id)) != NULL)
    scroll_to_node (self, focus);
}

static void
connect_steps (SluiceCanvas *self,
               const char   *from_id,
               guint         port_index,
               const char   *to_id)
{
  SluiceWorkflow *workflow = get_workflow (self);
  Node *from = lookup_node (self, from_id);
  SluiceStep *step;
  PortKind kind;
  guint case_index;

  if (workflow == NULL || from == NULL || port_index >= from->n_ports)
    return;
  if (g_strcmp0 (from->ports[port_index].target, to_id) == 0)
    return;

  kind = from->ports[port_index].kind;
  case_index = from->ports[port_index].case_index;
  step = sluice_workflow_lookup_step (workflow, from_id);
  if (step == NULL)
    return;

  sluice_document_begin_edit (self->document, _("Connect steps"));
  if (kind == PORT_CASE)
    {
      JsonNode *cases = sluice_step_get_member (step, "cases");

      if (cases && JSON_NODE_HOLDS_ARRAY (cases)
          && case_index < json_array_get_length (json_node_get_array (cases)))
        {
          JsonNode *element = json_array_get_element (json_node_get_array (cases), case_index);

          if (JSON_NODE_HOLDS_OBJECT (element))
            json_object_set_string_member (json_node_get_object (element), "next", to_id);
        }
    }
  else
    {
      Port port = { kind };
      sluice_step_set_string (step, port_field (&port), to_id);
    }
  sluice_document_end_edit (self->document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR);
}

static void
delete_selection (SluiceCanvas *self)
{
  SluiceWorkflow *workflow = get_workflow (self);
  g_auto(GStrv) ids = sluice_canvas_get_selection (self);

  if (workflow == NULL || ids == NULL || ids[0] == NULL)
    return;

  sluice_document_begin_edit (self->document,
                              g_strv_length (ids) == 1 ? _("Delete step") : _("Delete steps"));
  for (guint i = 0; ids[i]; i++)
    sluice_workflow_remove_step (workflow, ids[i]);
  sluice_document_end_edit (self->document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR | SLUICE_DOCUMENT_CHANGE_LAYOUT);

  /* normally ::changed has pruned it already */
  g_hash_table_remove_all (self->selection);
  selection_changed (self);
}

/* Adds a step of @type_name with its top-left at (x, y) (snapped, moved
 * down to a free place when @find_free), and connects @after's free "next"
 * to it when @after is given. One edit; the new step is selected. */
static gboolean
add_step (SluiceCanvas *self,
          const char   *type_name,
          double        x,
          double        y,
          gboolean      find_free,
          const char   *after)
{
  SluiceWorkflow *workflow = get_workflow (self);
  const SluiceStepType *type = sluice_step_type_lookup (type_name);
  g_autoptr(SluiceStep) step = NULL;
  g_autofree char *id = NULL;
  SluiceStep *previous;

  if (workflow == NULL || type == NULL)
    return FALSE;

  x = snap (x);
  y = snap (y);
  if (find_free)
    find_free_spot (self, &x, &y, NODE_H, NULL);

  id = sluice_workflow_make_step_id (workflow, type->name);
  step = sluice_step_new (type, id);

  sluice_document_begin_edit (self->document, _("Add step"));
  sluice_workflow_add_step (workflow, step);
  sluice_workflow_set_position (workflow, id, x, y);
  previous = after && !sluice_step_type_is_trigger (type) ? sluice_workflow_lookup_step (workflow, after) : NULL;
  if (previous != NULL
      && sluice_step_get_step_type (previous)->edges == SLUICE_STEP_EDGES_NEXT
      && sluice_step_get_string (previous, "next") == NULL)
    sluice_step_set_string (previous, "next", id);
  sluice_document_end_edit (self->document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR | SLUICE_DOCUMENT_CHANGE_LAYOUT);

  set_focus_id (self, id);
  select_only (self, id);
  if (lookup_node (self, id))
    scroll_to_node (self, lookup_node (self, id));
  return TRUE;
}

static void
apply_auto_layout (SluiceCanvas *self)
{
  SluiceWorkflow *workflow = get_workflow (self);
  SluiceAutoLayoutOptions options;
  g_autoptr(GArray) positions = NULL;

  if (workflow == NULL)
    return;

  sluice_auto_layout_options_init (&options);
  options.origin_x = GRID * 2;
  options.origin_y = GRID * 2;
  options.column_spacing = COLUMN_SPACING;
  options.row_gap = ROW_GAP;
  options.grid = GRID;
  options.height_func = layout_height_func;
  positions = sluice_auto_layout_compute (workflow, &options);

  sluice_document_begin_edit (self->document, _("Arrange steps"));
  sluice_auto_layout_apply (workflow, positions);
  sluice_document_end_edit (self->document, SLUICE_DOCUMENT_CHANGE_LAYOUT);

  sluice_canvas_zoom_to_fit (self);
}

/* ---- copy and paste ------------------------------------------------------- */

static char *
serialize_selection (SluiceCanvas *self)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *steps = json_array_new ();
  JsonObject *positions = json_object_new ();
  g_autoptr(GPtrArray) nodes = selected_nodes (self);

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *n = g_ptr_array_index (nodes, i);
      JsonObject *point = json_object_new ();

      json_array_add_object_element (steps, sluice_json_object_deep_copy (sluice_step_get_json (n->step)));
      json_object_set_double_member (point, "x", n->x);
      json_object_set_double_member (point, "y", n->y);
      json_object_set_object_member (positions, n->id, point);
    }

  json_object_set_array_member (root, "steps", steps);
  json_object_set_object_member (root, "positions", positions);
  json_node_set_object (node, root);
  return json_to_string (node, FALSE);
}

static void
rewrite_target (SluiceWorkflow *workflow,
                JsonObject     *object,
                const char     *member,
                GHashTable     *renamed)
{
  const char *target = json_object_get_string_member_with_default (object, member, NULL);
  const char *renamed_to;

  if (target == NULL)
    return;
  if ((renamed_to = g_hash_table_lookup (renamed, target)))
    json_object_set_string_member (object, member, renamed_to);
  else if (sluice_workflow_lookup_step (workflow, target) == NULL)
    json_object_remove_member (object, member);
}

/* Adds copies of the steps in @json (as made by serialize_selection())
 * with new ids, moved by (dx, dy); edges between them follow the new ids,
 * edges to steps this workflow has are kept, others dropped. A trigger is
 * left out when the workflow has one. */
static gboolean
paste_json (SluiceCanvas *self,
            const char   *json,
            double        dx,
            double        dy,
            const char   *label)
{
  static const char * const edge_members[] = { "next", "then", "else", "default" };
  SluiceWorkflow *workflow = get_workflow (self);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_step_unref);
  g_autoptr(GPtrArray) new_ids = g_ptr_array_new_with_free_func (g_free);
  JsonObject *object, *positions;
  JsonArray *steps;
  gboolean has_trigger;

  if (workflow == NULL || json == NULL)
    return FALSE;

  root = json_from_string (json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "steps")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "steps")))
    return FALSE;
  steps = json_object_get_array_member (object, "steps");
  positions = json_object_has_member (object, "positions")
              && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "positions"))
              ? json_object_get_object_member (object, "positions") : NULL;
  has_trigger = sluice_workflow_get_trigger (workflow) != NULL;

  sluice_document_begin_edit (self->document, label);

  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonNode *element = json_array_get_element (steps, i);
      g_autoptr(JsonObject) copy = NULL;
      const char *old_id;
      const SluiceStepType *type;
      g_autofree char *new_id = NULL;
      SluiceStep *step;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      copy = sluice_json_object_deep_copy (json_node_get_object (element));
      type = sluice_step_type_lookup (json_object_get_string_member_with_default (copy, "type", NULL));
      old_id = json_object_get_string_member_with_default (json_node_get_object (element), "id", NULL);
      if (type == NULL || old_id == NULL || g_hash_table_contains (renamed, old_id))
        continue;
      if (sluice_step_type_is_trigger (type) && has_trigger)
        continue;

      new_id = sluice_workflow_make_step_id (workflow, old_id);
      json_object_set_string_member (copy, "id", new_id);
      step = sluice_step_new_from_json (copy);
      if (step == NULL)
        continue;
      sluice_workflow_add_step (workflow, step);
      g_ptr_array_add (added, step);
      g_hash_table_insert (renamed, g_strdup (old_id), g_strdup (new_id));
      g_ptr_array_add (new_ids, g_strdup (new_id));

      {
        JsonObject *point = positions && json_object_has_member (positions, old_id)
                            && JSON_NODE_HOLDS_OBJECT (json_object_get_member (positions, old_id))
                            ? json_object_get_object_member (positions, old_id) : NULL;
        double x = point ? json_object_get_double_member_with_default (point, "x", 0) : 0;
        double y = point ? json_object_get_double_member_with_default (point, "y", 0) : 0;

        sluice_workflow_set_position (workflow, new_id, snap (x + dx), snap (y + dy));
      }
    }

  for (guint i = 0; i < added->len; i++)
    {
      JsonObject *json_step = sluice_step_get_json (g_ptr_array_index (added, i));
      JsonNode *cases = json_object_get_member (json_step, "cases");

      for (guint e = 0; e < G_N_ELEMENTS (edge_members); e++)
        rewrite_target (workflow, json_step, edge_members[e], renamed);
      if (cases && JSON_NODE_HOLDS_ARRAY (cases))
        {
          JsonArray *array = json_node_get_array (cases);

          for (guint c = 0; c < json_array_get_length (array); c++)
            if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, c)))
              rewrite_target (workflow, json_array_get_object_element (array, c), "next", renamed);
        }
    }

  sluice_document_end_edit (self->document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR | SLUICE_DOCUMENT_CHANGE_LAYOUT);

  if (new_ids->len > 0)
    {
      set_focus_id (self, g_ptr_array_index (new_ids, 0));
      select_ids (self, new_ids);
    }
  return new_ids->len > 0;
}

static void
copy_selection (SluiceCanvas *self)
{
  g_autoptr(GdkContentProvider) provider = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *json;

  if (g_hash_table_size (self->selection) == 0)
    return;

  json = serialize_selection (self);
  g_free (local_clipboard);
  local_clipboard = json;

  bytes = g_bytes_new (json, strlen (json));
  provider = gdk_content_provider_new_for_bytes (SLUICE_STEPS_MIME_TYPE, bytes);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
  update_actions (self);
}

static void
paste_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SluiceCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *json = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not paste steps: %s", error->message);
      return;
    }

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
  json = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  paste_json (self, json, 2 * GRID, 2 * GRID, _("Paste steps"));
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SluiceCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GOutputStream) output = NULL;

  input = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  if (input == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not paste steps: %s", error->message);
      return;
    }

  output = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (output, input,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, self->cancellable,
                                paste_read_cb, g_object_ref (self));
}

static gboolean
clipboard_has_steps (SluiceCanvas *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  if (gdk_clipboard_is_local (clipboard))
    return local_clipboard != NULL;
  return gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard), SLUICE_STEPS_MIME_TYPE);
}

static void
paste (SluiceCanvas *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  static const char *mime_types[] = { SLUICE_STEPS_MIME_TYPE, NULL };

  /* our own copy: no need to go through the clipboard's streams */
  if (gdk_clipboard_is_local (clipboard) && local_clipboard != NULL)
    {
      paste_json (self, local_clipboard, 2 * GRID, 2 * GRID, _("Paste steps"));
      return;
    }

  if (!clipboard_has_steps (self))
    return;

  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, self->cancellable,
                            clipboard_read_cb, g_object_ref (self));
}

static void
duplicate_selection (SluiceCanvas *self)
{
  g_autofree char *json = NULL;

  if (g_hash_table_size (self->selection) == 0)
    return;
  json = serialize_selection (self);
  paste_json (self, json, 2 * GRID, 2 * GRID, _("Duplicate steps"));
}

static void
clipboard_changed_cb (SluiceCanvas *self)
{
  update_actions (self);
}

/* ---- actions -------------------------------------------------------------- */

static void
update_actions (SluiceCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_document = self->document != NULL;
  gboolean any = g_hash_table_size (self->selection) > 0;
  double zoom = current_zoom (self);

  gtk_widget_action_set_enabled (widget, "canvas.delete", any);
  gtk_widget_action_set_enabled (widget, "canvas.copy", any);
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", any);
  gtk_widget_action_set_enabled (widget, "canvas.paste", has_document && clipboard_has_steps (self));
  gtk_widget_action_set_enabled (widget, "canvas.select-all", self->nodes->len > 0);
  /* disabled, their keys go on to focus navigation */
  gtk_widget_action_set_enabled (widget, "canvas.move-selection", any && self->mode == DRAG_NONE);
  gtk_widget_action_set_enabled (widget, "canvas.follow-edge", self->nodes->len > 0);
  gtk_widget_action_set_enabled (widget, "canvas.activate-focus", lookup_node (self, self->focus_id) != NULL);
  gtk_widget_action_set_enabled (widget, "canvas.auto-layout", self->nodes->len > 0);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-in", zoom < SLUICE_CANVAS_ZOOM_MAX);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-out", zoom > SLUICE_CANVAS_ZOOM_MIN);
}

static void
zoom_by (SluiceCanvas *self,
         double        factor)
{
  sluice_canvas_viewport_zoom_at (self->viewport, current_zoom (self) * factor,
                                  gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                  gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

static void
action_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  SluiceCanvas *self = SLUICE_CANVAS (widget);
  const char *name = action_name + strlen ("canvas.");

  if (g_str_equal (name, "zoom-in"))
    zoom_by (self, ZOOM_STEP);
  else if (g_str_equal (name, "zoom-out"))
    zoom_by (self, 1 / ZOOM_STEP);
  else if (g_str_equal (name, "zoom-fit"))
    sluice_canvas_zoom_to_fit (self);
  else if (g_str_equal (name, "auto-layout"))
    apply_auto_layout (self);
  else if (g_str_equal (name, "delete"))
    delete_selection (self);
  else if (g_str_equal (name, "copy"))
    copy_selection (self);
  else if (g_str_equal (name, "paste"))
    paste (self);
  else if (g_str_equal (name, "duplicate"))
    duplicate_selection (self);
  else if (g_str_equal (name, "move-selection"))
    {
      int dx, dy;

      g_variant_get (parameter, "(ii)", &dx, &dy);
      move_selection_by (self, dx * GRID, dy * GRID);
    }
  else if (g_str_equal (name, "follow-edge"))
    follow_edge (self, g_variant_get_string (parameter, NULL));
  else if (g_str_equal (name, "activate-focus"))
    {
      Node *focus = lookup_node (self, self->focus_id);

      if (focus != NULL)
        g_signal_emit (self, signals[ACTIVATE_STEP], 0, focus->id);
    }
  else if (g_str_equal (name, "select-all"))
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (guint i = 0; i < self->nodes->len; i++)
        g_ptr_array_add (ids, node_at (self, i)->id);
      select_ids (self, ids);
    }
}

/* ---- pointer -------------------------------------------------------------- */

static GdkModifierType
current_modifiers (GtkEventController *controller)
{
  return gtk_event_controller_get_current_event_state (controller) & gtk_accelerator_get_default_mod_mask ();
}

static void
click_pressed_cb (SluiceCanvas    *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  GdkModifierType mods = current_modifiers (GTK_EVENT_CONTROLLER (gesture));
  gboolean extend = (mods & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0;
  HitKind kind;
  guint port;
  Node *node = hit_test (self, x, y, &kind, &port);

  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  g_clear_pointer (&self->press_node, g_free);

  if (node == NULL)
    {
      if (!extend)
        select_only (self, NULL);
      return;
    }

  set_focus_id (self, node->id);

  if (n_press == 2)
    {
      select_only (self, node->id);
      g_signal_emit (self, signals[ACTIVATE_STEP], 0, node->id);
      return;
    }

  if (extend)
    toggle_selected (self, node->id);
  else if (!is_selected (self, node->id))
    select_only (self, node->id);
  else
    self->press_node = g_strdup (node->id);
}

static void
click_released_cb (SluiceCanvas    *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  g_autofree char *id = g_steal_pointer (&self->press_node);

  if (id != NULL && !self->drag_moved)
    select_only (self, id);
}

static void
drag_begin_cb (SluiceCanvas   *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkModifierType mods = current_modifiers (GTK_EVENT_CONTROLLER (gesture));
  HitKind kind;
  guint port;
  Node *node = hit_test (self, x, y, &kind, &port);

  cancel_drag (self);
  self->drag_x = x;
  self->drag_y = y;
  self->pointer_x = x;
  self->pointer_y = y;

  if (node != NULL && kind == HIT_OUTPUT)
    {
      self->mode = DRAG_CONNECT;
      self->drag_node = g_strdup (node->id);
      self->drag_port = port;
    }
  else if (node != NULL)
    {
      self->mode = DRAG_MOVE;
      self->drag_node = g_strdup (node->id);
      if (!is_selected (self, node->id) && !(mods & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)))
        select_only (self, node->id);
    }
  else if (mods & GDK_SHIFT_MASK)
    {
      self->mode = DRAG_RUBBER_BAND;
      self->rubber_base = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      {
        GHashTableIter iter;
        gpointer key;

        g_hash_table_iter_init (&iter, self->selection);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          g_hash_table_add (self->rubber_base, g_strdup (key));
      }
      graphene_rect_init (&self->rubber, x, y, 0, 0);
    }
  else
    {
      self->mode = DRAG_PAN;
      self->pan_x = sluice_canvas_viewport_get_offset_x (self->viewport);
      self->pan_y = sluice_canvas_viewport_get_offset_y (self->viewport);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
}

static void
update_rubber_band (SluiceCanvas *self)
{
  graphene_rect_t area;
  double x1, y1, x2, y2;
  gboolean changed = FALSE;

  sluice_canvas_viewport_widget_to_canvas (self->viewport, self->rubber.origin.x, self->rubber.origin.y, &x1, &y1);
  sluice_canvas_viewport_widget_to_canvas (self->viewport,
                                           self->rubber.origin.x + self->rubber.size.width,
                                           self->rubber.origin.y + self->rubber.size.height, &x2, &y2);
  graphene_rect_init (&area, x1, y1, x2 - x1, y2 - y1);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *node = node_at (self, i);
      graphene_rect_t r;
      gboolean want;

      node_rect (node, &r);
      want = g_hash_table_contains (self->rubber_base, node->id) || graphene_rect_intersection (&area, &r, NULL);
      if (want != is_selected (self, node->id))
        {
          if (want)
            g_hash_table_add (self->selection, g_strdup (node->id));
          else
            g_hash_table_remove (self->selection, node->id);
          changed = TRUE;
        }
    }

  if (changed)
    selection_changed (self);
}

static void
drag_update_cb (SluiceCanvas   *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  double zoom = current_zoom (self);

  self->pointer_x = self->drag_x + offset_x;
  self->pointer_y = self->drag_y + offset_y;

  if (!self->drag_moved && hypot (offset_x, offset_y) < DRAG_THRESHOLD)
    return;

  switch (self->mode)
    {
    case DRAG_PAN:
      self->drag_moved = TRUE;
      sluice_canvas_viewport_set_offset (self->viewport, self->pan_x - offset_x / zoom, self->pan_y - offset_y / zoom);
      break;

    case DRAG_MOVE:
      if (!self->drag_moved)
        {
          Node *grabbed = lookup_node (self, self->drag_node);

          self->drag_moved = TRUE;
          for (guint i = 0; i < self->nodes->len; i++)
            {
              Node *node = node_at (self, i);
              node->moving = node == grabbed || is_selected (self, node->id);
            }
          invalidate_cache (self);
        }
      for (guint i = 0; i < self->nodes->len; i++)
        {
          Node *node = node_at (self, i);

          if (!node->moving)
            continue;
          node->dx = snap (node->x + offset_x / zoom) - node->x;
          node->dy = snap (node->y + offset_y / zoom) - node->y;
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_CONNECT:
      {
        HitKind kind;
        guint port;
        Node *target = hit_test (self, self->pointer_x, self->pointer_y, &kind, &port);

        self->drag_moved = TRUE;
        g_clear_pointer (&self->connect_target, g_free);
        if (target != NULL && node_has_input (target) && g_strcmp0 (target->id, self->drag_node) != 0)
          self->connect_target = g_strdup (target->id);
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case DRAG_RUBBER_BAND:
      self->drag_moved = TRUE;
      graphene_rect_init (&self->rubber,
                          MIN (self->drag_x, self->pointer_x), MIN (self->drag_y, self->pointer_y),
                          fabs (offset_x), fabs (offset_y));
      update_rubber_band (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_NONE:
    default:
      break;
    }
}

static void
drag_end_cb (SluiceCanvas   *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  DragMode mode = self->mode;

  drag_update_cb (self, offset_x, offset_y, gesture);

  if (mode == DRAG_MOVE && self->drag_moved)
    {
      g_clear_pointer (&self->press_node, g_free);
      commit_moves (self, _("Move steps"));
    }
  else if (mode == DRAG_CONNECT && self->drag_moved && self->connect_target != NULL)
    {
      g_autofree char *from = g_strdup (self->drag_node);
      g_autofree char *to = g_strdup (self->connect_target);
      guint port = self->drag_port;

      cancel_drag (self);
      connect_steps (self, from, port, to);
    }

  if (self->drag_moved)
    g_clear_pointer (&self->press_node, g_free);
  cancel_drag (self);
  if (mode == DRAG_MOVE)
    invalidate_cache (self);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_cancel_cb (SluiceCanvas     *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  if (self->mode == DRAG_MOVE)
    invalidate_cache (self);
  cancel_drag (self);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
middle_drag_begin_cb (SluiceCanvas   *self,
                      double          x,
                      double          y,
                      GtkGestureDrag *gesture)
{
  self->middle_x = sluice_canvas_viewport_get_offset_x (self->viewport);
  self->middle_y = sluice_canvas_viewport_get_offset_y (self->viewport);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
middle_drag_update_cb (SluiceCanvas   *self,
                       double          offset_x,
                       double          offset_y,
                       GtkGestureDrag *gesture)
{
  double zoom = current_zoom (self);

  sluice_canvas_viewport_set_offset (self->viewport, self->middle_x - offset_x / zoom, self->middle_y - offset_y / zoom);
}

static void
middle_drag_end_cb (SluiceCanvas   *self,
                    double          offset_x,
                    double          offset_y,
                    GtkGestureDrag *gesture)
{
  middle_drag_update_cb (self, offset_x, offset_y, gesture);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static gboolean
scroll_cb (SluiceCanvas             *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType mods = current_modifiers (GTK_EVENT_CONTROLLER (controller));
  GdkScrollUnit unit = gtk_event_controller_scroll_get_unit (controller);
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (mods & GDK_CONTROL_MASK)
    {
      double x = self->pointer_inside ? self->pointer_x : width / 2;
      double y = self->pointer_inside ? self->pointer_y : height / 2;
      /* a wheel click is 1; touchpads send small smooth steps */
      double factor = pow (unit == GDK_SCROLL_UNIT_WHEEL ? 1.15 : 1.01, -dy);

      sluice_canvas_viewport_zoom_at (self->viewport, current_zoom (self) * factor, x, y);
      return TRUE;
    }

  if ((mods & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }

  if (unit == GDK_SCROLL_UNIT_WHEEL)
    {
      dx *= 60;
      dy *= 60;
    }
  sluice_canvas_viewport_scroll_by (self->viewport, dx, dy);
  return TRUE;
}

static void
zoom_begin_cb (SluiceCanvas     *self,
               GdkEventSequence *sequence,
               GtkGesture       *gesture)
{
  self->pinch_zoom = current_zoom (self);
}

static void
zoom_scale_changed_cb (SluiceCanvas   *self,
                       double          scale,
                       GtkGestureZoom *gesture)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  sluice_canvas_viewport_zoom_at (self->viewport, self->pinch_zoom * scale, x, y);
}

static void
motion_cb (SluiceCanvas             *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  HitKind kind;
  guint port = 0;
  Node *node;
  int hover_port;

  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;

  if (self->mode != DRAG_NONE)
    return;

  node = hit_test (self, x, y, &kind, &port);
  hover_port = kind == HIT_OUTPUT ? (int) port : kind == HIT_INPUT ? -2 : -1;

  if (g_strcmp0 (self->hover_node, node ? node->id : NULL) != 0 || hover_port != self->hover_port)
    {
      g_free (self->hover_node);
      self->hover_node = node ? g_strdup (node->id) : NULL;
      self->hover_port = hover_port;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), kind == HIT_OUTPUT ? "crosshair" : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (SluiceCanvas             *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  if (self->hover_node != NULL)
    {
      g_clear_pointer (&self->hover_node, g_free);
      self->hover_port = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
focus_changed_cb (SluiceCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- drop from the palette ------------------------------------------------ */

static void
step_deserialize_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GdkContentDeserializer *deserializer = user_data;
  GError *error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) < 0)
    {
      gdk_content_deserializer_return_error (deserializer, error);
      return;
    }

  g_value_take_boxed (gdk_content_deserializer_get_value (deserializer),
                      g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source)));
  gdk_content_deserializer_return_success (deserializer);
}

/* Lets a GtkDropTarget for GBytes read our private mime type. */
static void
step_deserialize (GdkContentDeserializer *deserializer)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();

  g_output_stream_splice_async (output, gdk_content_deserializer_get_input_stream (deserializer),
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                gdk_content_deserializer_get_priority (deserializer),
                                gdk_content_deserializer_get_cancellable (deserializer),
                                step_deserialize_done, deserializer);
}

static char *
type_name_from_value (const GValue *value)
{
  GBytes *bytes;
  gsize size;
  const char *data;

  if (value == NULL || !G_VALUE_HOLDS (value, G_TYPE_BYTES) || (bytes = g_value_get_boxed (value)) == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  if (size == 0 || size > 64 || !g_utf8_validate (data, size, NULL))
    return NULL;
  return g_strstrip (g_strndup (data, size));
}

static gboolean
drop_cb (SluiceCanvas  *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  g_autofree char *type_name = type_name_from_value (value);
  double cx, cy;

  if (type_name == NULL || sluice_step_type_lookup (type_name) == NULL)
    return FALSE;

  sluice_canvas_viewport_widget_to_canvas (self->viewport, x, y, &cx, &cy);
  if (!add_step (self, type_name, cx - NODE_W / 2, cy - INPUT_Y, FALSE, NULL))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

/* ---- keyboard ------------------------------------------------------------- */

/* Alt+Right: to the first target of the focused step; Alt+Left: back to
 * the step we came from, or the first step leading here; Alt+Down/Up: the
 * next/previous target of the step we came from. */
static void
follow_edge (SluiceCanvas *self,
             const char   *direction)
{
  GtkWidget *widget = GTK_WIDGET (self);
  Node *focus = lookup_node (self, self->focus_id);
  Node *origin = lookup_node (self, self->walk_origin);

  if (focus == NULL)
    {
      if (self->nodes->len > 0)
        focus_node (self, node_at (self, 0));
      return;
    }

  if (g_str_equal (direction, "forward"))
    {
      for (guint p = 0; p < focus->n_ports; p++)
        if (focus->ports[p].target_node >= 0)
          {
            g_free (self->walk_origin);
            self->walk_origin = g_strdup (focus->id);
            self->walk_index = p;
            focus_node (self, node_at (self, focus->ports[p].target_node));
            return;
          }
      gtk_widget_error_bell (widget);
      return;
    }

  if (g_str_equal (direction, "back"))
    {
      Node *pred = NULL;

      if (origin != NULL)
        for (guint p = 0; p < origin->n_ports && pred == NULL; p++)
          if (origin->ports[p].target_node == (int) focus->index)
            pred = origin;

      for (guint i = 0; i < self->nodes->len && pred == NULL; i++)
        {
          Node *node = node_at (self, i);

          for (guint p = 0; p < node->n_ports; p++)
            if (node->ports[p].target_node == (int) focus->index)
              {
                pred = node;
                break;
              }
        }

      if (pred == NULL)
        {
          gtk_widget_error_bell (widget);
          return;
        }
      g_clear_pointer (&self->walk_origin, g_free);
      focus_node (self, pred);
      return;
    }

  /* siblings: the other targets of the origin */
  if (origin != NULL && origin->n_ports > 1)
    {
      int step = g_str_equal (direction, "next") ? 1 : -1;

      for (guint tries = 0; tries < origin->n_ports; tries++)
        {
          self->walk_index = (self->walk_index + origin->n_ports + step) % origin->n_ports;
          if (origin->ports[self->walk_index].target_node >= 0)
            {
              focus_node (self, node_at (self, origin->ports[self->walk_index].target_node));
              return;
            }
        }
    }
  gtk_widget_error_bell (widget);
}

static gboolean
escape_binding_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  SluiceCanvas *self = SLUICE_CANVAS (widget);

  if (self->mode != DRAG_NONE)
    {
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (g_object_get_data (G_OBJECT (self), "drag")));
      if (self->mode == DRAG_MOVE)
        invalidate_cache (self);
      cancel_drag (self);
      gtk_widget_queue_draw (widget);
      return TRUE;
    }
  if (g_hash_table_size (self->selection) > 0)
    {
      select_only (self, NULL);
      return TRUE;
    }
  return FALSE;
}

/* Tab and Shift+Tab walk the steps; past the last (or before the first)
 * the focus leaves the canvas as usual. */
static gboolean
sluice_canvas_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  SluiceCanvas *self = SLUICE_CANVAS (widget);
  Node *focus = lookup_node (self, self->focus_id);
  guint n = self->nodes->len;
  int next;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    {
      if (gtk_widget_has_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }

  /* coming in: the canvas itself first (announced as "Workflow canvas, N
   * steps"), or the step that had the focus last time */
  if (!gtk_widget_has_focus (widget))
    {
      gtk_widget_grab_focus (widget);
      if (focus != NULL)
        focus_node (self, focus);
      return TRUE;
    }

  if (focus == NULL)
    next = direction == GTK_DIR_TAB_FORWARD ? 0 : (int) n - 1;
  else
    next = (int) focus->index + (direction == GTK_DIR_TAB_FORWARD ? 1 : -1);

  if (next < 0 || next >= (int) n)
    return FALSE;

  g_clear_pointer (&self->walk_origin, g_free);
  focus_node (self, node_at (self, next));
  return TRUE;
}

static gboolean
sluice_canvas_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_tooltip,
                             GtkTooltip *tooltip)
{
  SluiceCanvas *self = SLUICE_CANVAS (widget);
  HitKind kind = HIT_NONE;
  guint port = 0;
  Node *node;
  g_autoptr(GString) text = g_string_new (NULL);

  if (keyboard_tooltip)
    node = lookup_node (self, self->focus_id);
  else
    node = hit_test (self, x, y, &kind, &port);

  if (node == NULL || self->mode != DRAG_NONE)
    return FALSE;

  if (kind == HIT_OUTPUT)
    {
      const Port *p = &node->ports[port];

      if (p->label)
        /* Translators: tooltip of an output port, e.g. “then” */
        g_string_printf (text, _("Drag to another step to connect “%s”"), p->label);
      else
        g_string_assign (text, _("Drag to another step to connect"));
      if (p->target)
        g_string_append_printf (text, "\n%s", p->target);
    }
  else if (current_zoom (self) < LOD_ZOOM || node->problems != NULL)
    {
      g_string_append_printf (text, "%s (%s)", node->title, node->type->name);
      if (node->summary && *node->summary)
        g_string_append_printf (text, "\n%s", node->summary);
      if (node->problems)
        g_string_append_printf (text, "\n%s", node->problems);
    }
  else
    return FALSE;

  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

/* ---- GtkWidget ------------------------------------------------------------ */

static void
sluice_canvas_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
sluice_canvas_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  SluiceCanvas *self = SLUICE_CANVAS (widget);

  if (self->pending_fit && width > 0 && height > 0)
    {
      self->pending_fit = FALSE;
      sluice_canvas_zoom_to_fit (self);
    }
}

static void
sluice_canvas_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sluice_canvas_parent_class)->css_changed (widget, change);
  style_changed (SLUICE_CANVAS (widget));
}

static void
sluice_canvas_system_setting_changed (GtkWidget       *widget,
                                      GtkSystemSetting setting)
{
  GTK_WIDGET_CLASS (sluice_canvas_parent_class)->system_setting_changed (widget, setting);
  style_changed (SLUICE_CANVAS (widget));
}

static void
viewport_changed_cb (SluiceCanvas *self)
{
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sluice_canvas_dispose (GObject *object)
{
  SluiceCanvas *self = SLUICE_CANVAS (object);

  g_cancellable_cancel (self->cancellable);
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->workflow);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_hash_table_remove_all (self->tiles);
  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->nodes, 0);

  G_OBJECT_CLASS (sluice_canvas_parent_class)->dispose (object);
}

static void
sluice_canvas_finalize (GObject *object)
{
  SluiceCanvas *self = SLUICE_CANVAS (object);

  cancel_drag (self);
  g_clear_object (&self->viewport);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->virtual_positions, g_hash_table_unref);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->icons, g_hash_table_unref);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_free (self->focus_id);
  g_free (self->walk_origin);
  g_free (self->hover_node);

  G_OBJECT_CLASS (sluice_canvas_parent_class)->finalize (object);
}

static void
sluice_canvas_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SluiceCanvas *self = SLUICE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_VIEWPORT:
      g_value_set_object (value, self->viewport);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_canvas_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SluiceCanvas *self = SLUICE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      sluice_canvas_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  guint           kp_keyval,
                  int             dx,
                  int             dy)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, "canvas.move-selection", "(ii)", dx, dy);
  gtk_widget_class_add_binding_action (widget_class, kp_keyval, 0, "canvas.move-selection", "(ii)", dx, dy);
}

static void
sluice_canvas_class_init (SluiceCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const actions[] = {
    "canvas.zoom-in", "canvas.zoom-out", "canvas.zoom-fit", "canvas.auto-layout",
    "canvas.delete", "canvas.copy", "canvas.paste", "canvas.duplicate", "canvas.select-all",
    "canvas.activate-focus",
  };

  object_class->dispose = sluice_canvas_dispose;
  object_class->finalize = sluice_canvas_finalize;
  object_class->get_property = sluice_canvas_get_property;
  object_class->set_property = sluice_canvas_set_property;

  widget_class->snapshot = sluice_canvas_snapshot;
  widget_class->measure = sluice_canvas_measure;
  widget_class->size_allocate = sluice_canvas_size_allocate;
  widget_class->focus = sluice_canvas_focus;
  widget_class->query_tooltip = sluice_canvas_query_tooltip;
  widget_class->css_changed = sluice_canvas_css_changed;
  widget_class->system_setting_changed = sluice_canvas_system_setting_changed;

  /**
   * SluiceCanvas:document:
   *
   * The document shown and edited; every edit goes through it.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SLUICE_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SluiceCanvas:viewport:
   *
   * Zoom and scroll position.
   */
  properties[PROP_VIEWPORT] =
    g_param_spec_object ("viewport", NULL, NULL, SLUICE_TYPE_CANVAS_VIEWPORT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SluiceCanvas::selection-changed:
   *
   * The selected steps changed; see sluice_canvas_get_selection().
   */
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SluiceCanvas::activate-step:
   * @step_id: the step
   *
   * A step was double-clicked or Enter was pressed on it: open it.
   */
  signals[ACTIVATE_STEP] = g_signal_new ("activate-step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.move-selection", "(ii)", action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.follow-edge", "s", action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "canvas.auto-layout", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);

  add_move_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0);
  add_move_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0);
  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, 0, -1);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 0, 1);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "canvas.follow-edge", "s", "forward");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "canvas.follow-edge", "s", "back");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "canvas.follow-edge", "s", "next");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "canvas.follow-edge", "s", "previous");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "canvas.activate-focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "canvas.activate-focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "canvas.activate-focus", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_binding_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gdk_content_register_deserializer (SLUICE_STEP_MIME_TYPE, G_TYPE_BYTES, step_deserialize, NULL, NULL);
}

static void
sluice_canvas_init (SluiceCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *gesture;
  GtkEventController *controller;
  GtkDropTarget *target;

  self->nodes = g_ptr_array_new_with_free_func (node_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->virtual_positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->selection = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_tile);
  self->hover_port = -1;
  self->cancellable = g_cancellable_new ();
  self->pending_fit = TRUE;

  self->viewport = sluice_canvas_viewport_new ();
  g_signal_connect_object (self->viewport, "notify", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);

  /* the click gesture first: it decides the selection a drag then moves */
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (click_pressed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "released", G_CALLBACK (click_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-update", G_CALLBACK (drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-end", G_CALLBACK (drag_end_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "cancel", G_CALLBACK (drag_cancel_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  g_object_set_data (G_OBJECT (self), "drag", gesture);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect_object (gesture, "drag-begin", G_CALLBACK (middle_drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-update", G_CALLBACK (middle_drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-end", G_CALLBACK (middle_drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_object (gesture, "begin", G_CALLBACK (zoom_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (focus_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (focus_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);

  target = gtk_drop_target_new (G_TYPE_BYTES, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_clipboard (widget), "changed",
                           G_CALLBACK (clipboard_changed_cb), self, G_CONNECT_SWAPPED);

  update_actions (self);
  update_accessible (self);
}

/* ---- public API ----------------------------------------------------------- */

GtkWidget *
sluice_canvas_new (void)
{
  return g_object_new (SLUICE_TYPE_CANVAS, NULL);
}

SluiceDocument *
sluice_canvas_get_document (SluiceCanvas *self)
{
  g_return_val_if_fail (SLUICE_IS_CANVAS (self), NULL);
  return self->document;
}

/**
 * sluice_canvas_set_document:
 *
 * Shows @document. The view is the one its layout saved, or zoomed to fit.
 * Steps without a saved position are placed by the auto layout on the
 * canvas only; the document changes when the author moves or arranges them.
 */
void
sluice_canvas_set_document (SluiceCanvas   *self,
                            SluiceDocument *document)
{
  SluiceWorkflow *workflow;
  double x, y, zoom;

  g_return_if_fail (SLUICE_IS_CANVAS (self));
  g_return_if_fail (document == NULL || SLUICE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document)
    g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);

  cancel_drag (self);
  g_hash_table_remove_all (self->virtual_positions);
  g_hash_table_remove_all (self->selection);
  g_clear_pointer (&self->focus_id, g_free);
  g_clear_pointer (&self->walk_origin, g_free);
  rebuild_scene (self);

  workflow = get_workflow (self);
  if (workflow && sluice_workflow_get_viewport (workflow, &x, &y, &zoom))
    {
      self->pending_fit = FALSE;
      sluice_canvas_viewport_set (self->viewport, x, y, zoom);
    }
  else if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    sluice_canvas_zoom_to_fit (self);
  else
    self->pending_fit = TRUE;

  selection_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * sluice_canvas_get_viewport:
 *
 * Returns: (transfer none): zoom and scroll position
 */
SluiceCanvasViewport *
sluice_canvas_get_viewport (SluiceCanvas *self)
{
  g_return_val_if_fail (SLUICE_IS_CANVAS (self), NULL);
  return self->viewport;
}

/**
 * sluice_canvas_get_selection:
 *
 * Returns: (transfer full): the ids of the selected steps in document
 *   order, %NULL-terminated (empty when nothing is selected)
 */
char **
sluice_canvas_get_selection (SluiceCanvas *self)
{
  GStrvBuilder *builder;
  char **result;

  g_return_val_if_fail (SLUICE_IS_CANVAS (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->nodes->len; i++)
    if (is_selected (self, node_at (self, i)->id))
      g_strv_builder_add (builder, node_at (self, i)->id);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

/**
 * sluice_canvas_select_step:
 * @step_id: (nullable): a step, or %NULL to select nothing
 *
 * Selects just this step, gives it the keyboard focus within the canvas
 * and scrolls it into view.
 */
void
sluice_canvas_select_step (SluiceCanvas *self,
                           const char   *step_id)
{
  Node *node;

  g_return_if_fail (SLUICE_IS_CANVAS (self));

  node = lookup_node (self, step_id);
  if (node == NULL)
    {
      select_only (self, NULL);
      return;
    }
  focus_node (self, node);
}

/**
 * sluice_canvas_get_focus_step:
 *
 * Returns: (nullable): the step with the keyboard focus within the canvas
 */
const char *
sluice_canvas_get_focus_step (SluiceCanvas *self)
{
  g_return_val_if_fail (SLUICE_IS_CANVAS (self), NULL);
  return self->focus_id;
}

/**
 * sluice_canvas_get_step_bounds:
 * @bounds: (out): the step's card, in canvas units
 *
 * Returns: %TRUE if the step is on the canvas
 */
gboolean
sluice_canvas_get_step_bounds (SluiceCanvas    *self,
                               const char      *step_id,
                               graphene_rect_t *bounds)
{
  Node *node;

  g_return_val_if_fail (SLUICE_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  node = lookup_node (self, step_id);
  if (node == NULL)
    return FALSE;
  node_rect (node, bounds);
  return TRUE;
}

/**
 * sluice_canvas_add_step:
 * @type_name: a step type, e.g. "notify"
 *
 * Adds a step at a free place: right of the selected step (which leads to
 * it when it is a single step with a free “next”), else right of the
 * rightmost step, else in the middle of the view. The new step is
 * selected. For the palette's double-click and Enter.
 *
 * Returns: %TRUE if a step was added
 */
gboolean
sluice_canvas_add_step (SluiceCanvas *self,
                        const char   *type_name)
{
  g_autoptr(GPtrArray) selected = NULL;
  Node *anchor = NULL;
  const char *after = NULL;
  double x, y;

  g_return_val_if_fail (SLUICE_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (type_name != NULL, FALSE);

  selected = selected_nodes (self);
  for (guint i = 0; i < selected->len; i++)
    {
      Node *node = g_ptr_array_index (selected, i);
      if (anchor == NULL || node->x > anchor->x)
        anchor = node;
    }
  if (selected->len == 1)
    after = anchor->id;

  if (anchor == NULL)
    for (guint i = 0; i < self->nodes->len; i++)
      {
        Node *node = node_at (self, i);
        if (anchor == NULL || node->x > anchor->x || (node->x == anchor->x && node->y < anchor->y))
          anchor = node;
      }

  if (anchor != NULL)
    {
      x = anchor->x + COLUMN_SPACING;
      y = anchor->y;
    }
  else
    {
      sluice_canvas_viewport_widget_to_canvas (self->viewport,
                                               gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, &x, &y);
      x -= NODE_W / 2;
      y -= NODE_H / 2;
    }

  return add_step (self, type_name, x, y, TRUE, after);
}

/**
 * sluice_canvas_add_step_at:
 * @canvas_x: where the card's centre goes, in canvas units
 *
 * Adds a step centred on a canvas point (snapped to the grid), as a drop
 * from the palette does, and selects it.
 *
 * Returns: %TRUE if a step was added
 */
gboolean
sluice_canvas_add_step_at (SluiceCanvas *self,
                           const char   *type_name,
                           double        canvas_x,
                           double        canvas_y)
{
  g_return_val_if_fail (SLUICE_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (type_name != NULL, FALSE);

  return add_step (self, type_name, canvas_x - NODE_W / 2, canvas_y - INPUT_Y, FALSE, NULL);
}

/**
 * sluice_canvas_zoom_to_fit:
 *
 * Shows every step, at 100% at most.
 */
void
sluice_canvas_zoom_to_fit (SluiceCanvas *self)
{
  double width, height;
  graphene_rect_t area;

  g_return_if_fail (SLUICE_IS_CANVAS (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    {
      self->pending_fit = TRUE;
      return;
    }

  if (self->nodes->len == 0)
    {
      sluice_canvas_viewport_set (self->viewport, 0, 0, 1.0);
      return;
    }

  /* room for the port labels right of the last column */
  graphene_rect_inset_r (&self->bounds, -GRID, -GRID, &area);
  area.size.width += LABEL_SPACE / 2;
  sluice_canvas_viewport_fit (self->viewport, &area, width, height, 24, 1.0);
}
