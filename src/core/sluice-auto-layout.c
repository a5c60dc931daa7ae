/* sluice-auto-layout.c — left-to-right layered layout of a workflow graph
 *
 * A small Sugiyama-style layout, in four passes:
 *
 *  1. Cycles are broken by a depth-first search from the trigger (then
 *     from the steps nobody points at, then from the rest, each in document
 *     order): an edge back to a step still on the search stack is left out
 *     of the layering.
 *  2. Columns by longest path from the trigger, so every kept edge goes
 *     left to right. Steps the trigger cannot reach are laid out the same
 *     way among themselves in extra columns to the right of the rest.
 *  3. The order within each column: a few down-and-up sweeps that sort each
 *     column by the barycentre of its neighbours' relative positions,
 *     keeping the order with the fewest crossings between adjacent columns.
 *  4. Heights: each node wants to sit level with its predecessors, then its
 *     successors; an isotonic regression (pool adjacent violators) gives
 *     the closest positions that keep the order and the minimum gap.
 *
 * Everything depends only on the model and the options, so the same
 * workflow always gets the same layout.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sluice-auto-layout.h"

#define N_SWEEPS 12

typedef struct
{
  guint   n;
  GArray *out;        /* per node: GArray of guint successors (deduplicated, edge order) */
  GArray *in;         /* per node: GArray of guint predecessors, DAG edges only */
  GArray *dag_out;    /* per node: GArray of guint successors, DAG edges only */
  guint  *column;
  guint  *pos;        /* index within the column */
  gboolean *reachable;
  double *height;
  double *center;     /* vertical centre */
  GPtrArray *columns; /* GArray of guint per column */
} Graph;

static GArray *
node_list (GArray *lists,
           guint   i)
{
  return g_array_index (lists, GArray *, i);
}

static void
free_lists (GArray *lists)
{
  if (lists == NULL)
    return;
  for (guint i = 0; i < lists->len; i++)
    g_array_unref (node_list (lists, i));
  g_array_unref (lists);
}

static GArray *
new_lists (guint n)
{
  GArray *lists = g_array_sized_new (FALSE, FALSE, sizeof (GArray *), n);

  for (guint i = 0; i < n; i++)
    {
      GArray *list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (lists, list);
    }
  return lists;
}

static void
append_unique (GArray *list,
               guint   value)
{
  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, guint, i) == value)
      return;
  g_array_append_val (list, value);
}

void
sluice_auto_layout_options_init (SluiceAutoLayoutOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (SluiceAutoLayoutOptions) {
    .origin_x = 0,
    .origin_y = 0,
    .column_spacing = 320,
    .row_gap = 40,
    .grid = 20,
    .node_height = 80,
  };
}

/* ---- 1. cycles ------------------------------------------------------------ */

enum { WHITE, GREY, BLACK };

typedef struct
{
  guint node;
  guint next_edge;
} Frame;

/* Depth-first search from @root; appends finished nodes to @postorder and
 * keeps the edges that do not close a cycle in dag_out/in. */
static void
dfs (Graph  *g,
     guint   root,
     guint8 *colour,
     GArray *postorder,
     GArray *preorder)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  Frame first = { root, 0 };

  if (colour[root] != WHITE)
    return;

  colour[root] = GREY;
  g_array_append_val (preorder, root);
  g_array_append_val (stack, first);

  while (stack->len > 0)
    {
      Frame *top = &g_array_index (stack, Frame, stack->len - 1);
      GArray *out = node_list (g->out, top->node);

      if (top->next_edge < out->len)
        {
          guint u = top->node;
          guint v = g_array_index (out, guint, top->next_edge++);

          if (colour[v] == GREY)
            continue; /* a back edge: it closes a cycle, leave it out */

          g_array_append_val (node_list (g->dag_out, u), v);
          g_array_append_val (node_list (g->in, v), u);

          if (colour[v] == WHITE)
            {
              Frame next = { v, 0 };

              colour[v] = GREY;
              g_array_append_val (preorder, v);
              g_array_append_val (stack, next);
            }
        }
      else
        {
          colour[top->node] = BLACK;
          g_array_append_val (postorder, top->node);
          g_array_set_size (stack, stack->len - 1);
        }
    }
}

/* ---- 3. order within columns ---------------------------------------------- */

static void
fenwick_add (guint *tree,
             guint  size,
             guint  index)
{
  for (guint i = index + 1; i <= size; i += i & -i)
    tree[i]++;
}

static guint
fenwick_sum (const guint *tree,
             guint        index) /* how many added at positions < index */
{
  guint sum = 0;

  for (guint i = index; i > 0; i -= i & -i)
    sum += tree[i];
  return sum;
}

typedef struct
{
  guint upper;
  guint lower;
} EdgePair;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const EdgePair *x = a, *y = b;

  if (x->upper != y->upper)
    return x->upper < y->upper ? -1 : 1;
  if (x->lower != y->lower)
    return x->lower < y->lower ? -1 : 1;
  return 0;
}

/* Crossings between edges joining adjacent columns (Barth–Jünger–Mutzel). */
static guint64
count_crossings (Graph *g)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (EdgePair));
  guint64 total = 0;

  for (guint c = 0; c + 1 < g->columns->len; c++)
    {
      GArray *column = g_ptr_array_index (g->columns, c);
      guint size = ((GArray *) g_ptr_array_index (g->columns, c + 1))->len;
      g_autofree guint *tree = NULL;

      g_array_set_size (pairs, 0);
      for (guint i = 0; i < column->len; i++)
        {
          guint u = g_array_index (column, guint, i);
          GArray *out = node_list (g->dag_out, u);

          for (guint e = 0; e < out->len; e++)
            {
              guint v = g_array_index (out, guint, e);

              if (g->column[v] == c + 1)
                {
                  EdgePair pair = { g->pos[u], g->pos[v] };
                  g_array_append_val (pairs, pair);
                }
            }
        }
      if (pairs->len < 2)
        continue;

      g_array_sort (pairs, compare_pairs);
      tree = g_new0 (guint, size + 1);
      for (guint i = 0; i < pairs->len; i++)
        {
          guint lower = g_array_index (pairs, EdgePair, i).lower;

          /* earlier edges (smaller upper end) that end below this one */
          total += i - fenwick_sum (tree, lower + 1);
          fenwick_add (tree, size, lower);
        }
    }

  return total;
}

typedef struct
{
  guint  node;
  double key;
  guint  old;
} SortItem;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const SortItem *x = a, *y = b;

  if (x->key < y->key)
    return -1;
  if (x->key > y->key)
    return 1;
  return x->old < y->old ? -1 : x->old > y->old;
}

static double
relative_position (Graph *g,
                   guint  node)
{
  GArray *column = g_ptr_array_index (g->columns, g->column[node]);

  return (g->pos[node] + 0.5) / column->len;
}

/* Sorts column @c by the mean relative position of the neighbours in
 * @lists that lie in columns on the @before side of it. */
static void
sort_column (Graph   *g,
             guint    c,
             GArray  *lists,
             gboolean before)
{
  GArray *column = g_ptr_array_index (g->columns, c);
  g_autoptr(GArray) items = g_array_sized_new (FALSE, FALSE, sizeof (SortItem), column->len);

  for (guint i = 0; i < column->len; i++)
    {
      guint v = g_array_index (column, guint, i);
      GArray *neighbours = node_list (lists, v);
      SortItem item = { v, 0, i };
      double sum = 0;
      guint count = 0;

      for (guint e = 0; e < neighbours->len; e++)
        {
          guint u = g_array_index (neighbours, guint, e);

          if (before ? g->column[u] < c : g->column[u] > c)
            {
              sum += relative_position (g, u);
              count++;
            }
        }
      item.key = count > 0 ? sum / count : (i + 0.5) / column->len;
      g_array_append_val (items, item);
    }

  g_array_sort (items, compare_items);
  for (guint i = 0; i < items->len; i++)
    {
      guint v = g_array_index (items, SortItem, i).node;

      g_array_index (column, guint, i) = v;
      g->pos[v] = i;
    }
}

static void
save_order (Graph *g,
            guint *saved)
{
  memcpy (saved, g->pos, g->n * sizeof (guint));
}

static void
restore_order (Graph       *g,
               const guint *saved)
{
  memcpy (g->pos, saved, g->n * sizeof (guint));
  for (guint v = 0; v < g->n; v++)
    {
      GArray *column = g_ptr_array_index (g->columns, g->column[v]);
      g_array_index (column, guint, g->pos[v]) = v;
    }
}

static void
order_columns (Graph *g)
{
  g_autofree guint *best = g_new (guint, MAX (g->n, 1));
  guint64 best_crossings = count_crossings (g);

  save_order (g, best);

  for (guint sweep = 0; sweep < N_SWEEPS && best_crossings > 0; sweep++)
    {
      guint64 crossings;

      if (sweep % 2 == 0)
        for (guint c = 1; c < g->columns->len; c++)
          sort_column (g, c, g->in, TRUE);
      else
        for (guint c = g->columns->len - 1; c-- > 0;)
          sort_column (g, c, g->dag_out, FALSE);

      crossings = count_crossings (g);
      if (crossings < best_crossings)
        {
          best_crossings = crossings;
          save_order (g, best);
        }
    }

  restore_order (g, best);
}

/* ---- 4. heights ----------------------------------------------------------- */

typedef struct
{
  double sum_wz;   /* Σ w·target */
  double sum_w;
  guint  count;
} Block;

/* Places the nodes of @column (centres in g->center) as close as possible
 * to @want (weighted by @weight) keeping their order and a gap between
 * them: with o_i the smallest distance of node i from node 0, z_i = y_i − o_i
 * must not decrease, which is an isotonic regression. */
static void
place_column (Graph        *g,
              GArray       *column,
              const double *want,
              const double *weight,
              double        gap)
{
  g_autofree double *offset = g_new (double, column->len);
  g_autofree Block *blocks = g_new (Block, column->len);
  guint n_blocks = 0;
  guint i = 0;

  for (guint k = 0; k < column->len; k++)
    {
      guint v = g_array_index (column, guint, k);

      if (k == 0)
        offset[k] = 0;
      else
        {
          guint u = g_array_index (column, guint, k - 1);
          offset[k] = offset[k - 1] + (g->height[u] + g->height[v]) / 2 + gap;
        }

      blocks[n_blocks++] = (Block) { weight[k] * (want[k] - offset[k]), weight[k], 1 };
      while (n_blocks > 1
             && blocks[n_blocks - 2].sum_wz / blocks[n_blocks - 2].sum_w
                > blocks[n_blocks - 1].sum_wz / blocks[n_blocks - 1].sum_w)
        {
          blocks[n_blocks - 2].sum_wz += blocks[n_blocks - 1].sum_wz;
          blocks[n_blocks - 2].sum_w += blocks[n_blocks - 1].sum_w;
          blocks[n_blocks - 2].count += blocks[n_blocks - 1].count;
          n_blocks--;
        }
    }

  for (guint b = 0; b < n_blocks; b++)
    {
      double z = blocks[b].sum_wz / blocks[b].sum_w;

      for (guint k = 0; k < blocks[b].count; k++, i++)
        g->center[g_array_index (column, guint, i)] = z + offset[i];
    }
}

static void
align_columns (Graph   *g,
               GArray  *lists,
               gboolean forward,
               double   gap)
{
  guint n_columns = g->columns->len;

  for (guint step = 0; step < n_columns; step++)
    {
      guint c = forward ? step : n_columns - 1 - step;
      GArray *column = g_ptr_array_index (g->columns, c);
      g_autofree double *want = g_new (double, column->len);
      g_autofree double *weight = g_new (double, column->len);

      for (guint k = 0; k < column->len; k++)
        {
          guint v = g_array_index (column, guint, k);
          GArray *neighbours = node_list (lists, v);
          double sum = 0;
          guint count = 0;

          for (guint e = 0; e < neighbours->len; e++)
            {
              guint u = g_array_index (neighbours, guint, e);

              if (forward ? g->column[u] < c : g->column[u] > c)
                {
                  sum += g->center[u];
                  count++;
                }
            }

          /* without neighbours on that side a node stays where it is,
           * but gives way easily */
          want[k] = count > 0 ? sum / count : g->center[v];
          weight[k] = count > 0 ? count : 1e-3;
        }

      place_column (g, column, want, weight, gap);
    }
}

static double
snap_up (double value,
         double grid)
{
  return grid > 0 ? ceil (value / grid - 1e-9) * grid : value;
}

static double
snap_nearest (double value,
              double grid)
{
  return grid > 0 ? round (value / grid) * grid : value;
}

/* ---- putting it together -------------------------------------------------- */

static void
graph_clear (Graph *g)
{
  free_lists (g->out);
  free_lists (g->in);
  free_lists (g->dag_out);
  g_free (g->column);
  g_free (g->pos);
  g_free (g->reachable);
  g_free (g->height);
  g_free (g->center);
  if (g->columns)
    g_ptr_array_unref (g->columns);
}

static void
clear_position (gpointer data)
{
  SluiceLayoutPosition *position = data;

  g_free (position->step_id);
}

/**
 * sluice_auto_layout_compute:
 * @options: (nullable): spacing and sizes; the defaults of
 *   sluice_auto_layout_options_init() when %NULL
 *
 * Lays the workflow out left to right. The model is not changed; see
 * sluice_auto_layout_apply().
 *
 * Returns: (transfer full) (element-type SluiceLayoutPosition): one
 *   position per step, in document order
 */
GArray *
sluice_auto_layout_compute (SluiceWorkflow                *workflow,
                            const SluiceAutoLayoutOptions *options)
{
  SluiceAutoLayoutOptions defaults;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GArray) postorder = NULL;
  g_autoptr(GArray) preorder = NULL;
  g_autofree guint8 *colour = NULL;
  g_autofree guint *in_degree = NULL;
  GArray *result;
  SluiceStep *trigger;
  Graph g = { 0 };
  guint max_reachable_column = 0;
  gboolean any_reachable = FALSE;
  guint n_columns = 0;
  double min_top = G_MAXDOUBLE;

  g_return_val_if_fail (SLUICE_IS_WORKFLOW (workflow), NULL);

  if (options == NULL)
    {
      sluice_auto_layout_options_init (&defaults);
      options = &defaults;
    }

  g.n = sluice_workflow_get_n_steps (workflow);
  result = g_array_sized_new (FALSE, TRUE, sizeof (SluiceLayoutPosition), g.n);
  g_array_set_clear_func (result, clear_position);
  if (g.n == 0)
    return result;

  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = g.n; i-- > 0;) /* the first of duplicate ids wins, as in lookup */
    g_hash_table_insert (index, (gpointer) sluice_step_get_id (sluice_workflow_get_step (workflow, i)),
                         GUINT_TO_POINTER (i));

  g.out = new_lists (g.n);
  g.in = new_lists (g.n);
  g.dag_out = new_lists (g.n);
  in_degree = g_new0 (guint, g.n);
  for (guint i = 0; i < g.n; i++)
    {
      g_autoptr(GArray) edges = sluice_step_get_edges (sluice_workflow_get_step (workflow, i));

      for (guint e = 0; e < edges->len; e++)
        {
          gpointer value;
          guint j;

          if (!g_hash_table_lookup_extended (index, g_array_index (edges, SluiceEdge, e).target, NULL, &value))
            continue;
          j = GPOINTER_TO_UINT (value);
          if (j == i)
            continue;
          append_unique (node_list (g.out, i), j);
        }
    }
  for (guint i = 0; i < g.n; i++)
    for (guint e = 0; e < node_list (g.out, i)->len; e++)
      in_degree[g_array_index (node_list (g.out, i), guint, e)]++;

  /* 1. break cycles, trigger first */
  colour = g_new0 (guint8, g.n);
  postorder = g_array_sized_new (FALSE, FALSE, sizeof (guint), g.n);
  preorder = g_array_sized_new (FALSE, FALSE, sizeof (guint), g.n);
  g.reachable = g_new0 (gboolean, g.n);

  trigger = sluice_workflow_get_trigger (workflow);
  if (trigger != NULL)
    {
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (index, sluice_step_get_id (trigger)));

      dfs (&g, t, colour, postorder, preorder);
      for (guint i = 0; i < preorder->len; i++)
        g.reachable[g_array_index (preorder, guint, i)] = TRUE;
      any_reachable = TRUE;
    }
  for (guint i = 0; i < g.n; i++)
    if (in_degree[i] == 0)
      dfs (&g, i, colour, postorder, preorder);
  for (guint i = 0; i < g.n; i++)
    dfs (&g, i, colour, postorder, preorder);

  /* 2. columns by longest path, in topological (reverse post-) order */
  g.column = g_new0 (guint, g.n);
  for (guint k = postorder->len; k-- > 0;)
    {
      guint u = g_array_index (postorder, guint, k);
      GArray *out = node_list (g.dag_out, u);

      for (guint e = 0; e < out->len; e++)
        {
          guint v = g_array_index (out, guint, e);

          if (g.reachable[u] == g.reachable[v])
            g.column[v] = MAX (g.column[v], g.column[u] + 1);
        }
    }
  for (guint i = 0; i < g.n; i++)
    if (g.reachable[i])
      max_reachable_column = MAX (max_reachable_column, g.column[i]);
  for (guint i = 0; i < g.n; i++)
    {
      if (!g.reachable[i] && any_reachable)
        g.column[i] += max_reachable_column + 1;
      n_columns = MAX (n_columns, g.column[i] + 1);
    }

  /* the first order: depth-first discovery, which keeps branches together */
  g.columns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (g.columns, g_array_new (FALSE, FALSE, sizeof (guint)));
  g.pos = g_new0 (guint, g.n);
  for (guint k = 0; k < preorder->len; k++)
    {
      guint v = g_array_index (preorder, guint, k);
      GArray *column = g_ptr_array_index (g.columns, g.column[v]);

      g.pos[v] = column->len;
      g_array_append_val (column, v);
    }

  /* 3. fewer crossings */
  order_columns (&g);

  /* 4. heights: level with predecessors, then centred on successors */
  g.height = g_new (double, g.n);
  g.center = g_new0 (double, g.n);
  for (guint i = 0; i < g.n; i++)
    {
      double h = options->height_func
                 ? options->height_func (sluice_workflow_get_step (workflow, i), options->user_data)
                 : options->node_height;
      g.height[i] = MAX (h, 1);
    }
  align_columns (&g, g.in, TRUE, options->row_gap);
  align_columns (&g, g.dag_out, FALSE, options->row_gap);

  /* tops on the grid, no overlap after rounding */
  {
    g_autofree double *top = g_new (double, g.n);

    for (guint c = 0; c < n_columns; c++)
      {
        GArray *column = g_ptr_array_index (g.columns, c);

        for (guint k = 0; k < column->len; k++)
          {
            guint v = g_array_index (column, guint, k);
            double t = snap_nearest (g.center[v] - g.height[v] / 2, options->grid);

            if (k > 0)
              {
                guint u = g_array_index (column, guint, k - 1);
                t = MAX (t, snap_up (top[u] + g.height[u] + options->row_gap, options->grid));
              }
            top[v] = t;
            min_top = MIN (min_top, t);
          }
      }

    for (guint i = 0; i < g.n; i++)
      {
        SluiceLayoutPosition position = {
          .step_id = g_strdup (sluice_step_get_id (sluice_workflow_get_step (workflow, i))),
          .x = options->origin_x + g.column[i] * options->column_spacing,
          .y = options->origin_y + top[i] - min_top,
          .column = g.column[i],
          .row = g.pos[i],
          .reachable = g.reachable[i],
        };
        g_array_append_val (result, position);
      }
  }

  graph_clear (&g);
  return result;
}

/**
 * sluice_auto_layout_apply:
 * @positions: (element-type SluiceLayoutPosition): from
 *   sluice_auto_layout_compute()
 *
 * Stores the positions in the workflow's layout. Call it inside a document
 * edit so it can be undone.
 */
void
sluice_auto_layout_apply (SluiceWorkflow *workflow,
                          GArray         *positions)
{
  g_return_if_fail (SLUICE_IS_WORKFLOW (workflow));
  g_return_if_fail (positions != NULL);

  for (guint i = 0; i < positions->len; i++)
    {
      const SluiceLayoutPosition *p = &g_array_index (positions, SluiceLayoutPosition, i);

      sluice_workflow_set_position (workflow, p->step_id, p->x, p->y);
    }
}
