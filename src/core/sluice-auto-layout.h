/* sluice-auto-layout.h — left-to-right layered layout of a workflow graph
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sluice-workflow.h"

G_BEGIN_DECLS

/* The height of a step's node in canvas units (the canvas knows how tall
 * its cards are; the layout only needs the number). */
typedef double (*SluiceAutoLayoutHeightFunc) (const SluiceStep *step,
                                              gpointer          user_data);

typedef struct
{
  double                     origin_x;       /* top-left of the laid-out graph */
  double                     origin_y;
  double                     column_spacing; /* from one column's left edge to the next's */
  double                     row_gap;        /* free space between nodes of a column */
  double                     grid;           /* positions are multiples of this; 0: no grid */
  double                     node_height;    /* when height_func is NULL */
  SluiceAutoLayoutHeightFunc height_func;
  gpointer                   user_data;
} SluiceAutoLayoutOptions;

/* Where the layout puts one step: (x, y) is the top-left of its node. */
typedef struct
{
  char   *step_id;
  double  x;
  double  y;
  guint   column;
  guint   row;
  guint   reachable : 1;   /* reachable from the trigger */
} SluiceLayoutPosition;

void     sluice_auto_layout_options_init (SluiceAutoLayoutOptions       *options);
GArray  *sluice_auto_layout_compute      (SluiceWorkflow                *workflow,
                                          const SluiceAutoLayoutOptions *options);
void     sluice_auto_layout_apply        (SluiceWorkflow                *workflow,
                                          GArray                        *positions);

G_END_DECLS
