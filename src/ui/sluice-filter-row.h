/* sluice-filter-row.h — one {path, op, value} filter as a form row
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "sluice-filter.h"

G_BEGIN_DECLS

#define SLUICE_TYPE_FILTER_ROW (sluice_filter_row_get_type ())
G_DECLARE_FINAL_TYPE (SluiceFilterRow, sluice_filter_row, SLUICE, FILTER_ROW, AdwPreferencesRow)

/*
 * A field path entry, an operator drop-down, a value entry and a remove
 * button. The value is typed the way YAML reads a plain scalar (80 is a
 * number, true a boolean, "80" text); for in/not_in it is a comma-separated
 * list.
 *
 * Properties:
 *   "path", "op", "value-text" (string)  what the row shows
 *   "problem" (string, read-only)         why the row is not a valid
 *                                          filter, or NULL
 *
 * Signals:
 *   ::changed (SluiceFilterRow *row)  the author finished an edit (Enter,
 *       a pause in typing, leaving the entry, picking an operator) and the
 *       row is a valid filter different from the one set: read it with
 *       sluice_filter_row_dup_filter(). An invalid row shows its problem
 *       and emits nothing.
 *   ::remove (SluiceFilterRow *row)   the remove button was clicked
 */
GtkWidget  *sluice_filter_row_new          (void);
void        sluice_filter_row_set_filter   (SluiceFilterRow *self,
                                            JsonObject      *filter);
JsonNode   *sluice_filter_row_dup_filter   (SluiceFilterRow *self);
const char *sluice_filter_row_get_path     (SluiceFilterRow *self);
void        sluice_filter_row_set_path     (SluiceFilterRow *self,
                                            const char      *path);
const char *sluice_filter_row_get_op       (SluiceFilterRow *self);
void        sluice_filter_row_set_op       (SluiceFilterRow *self,
                                            const char      *op);
const char *sluice_filter_row_get_value_text (SluiceFilterRow *self);
void        sluice_filter_row_set_value_text (SluiceFilterRow *self,
                                              const char      *text);
const char *sluice_filter_row_get_problem  (SluiceFilterRow *self);
gboolean    sluice_filter_row_commit       (SluiceFilterRow *self);

/* How the row writes a value as text, and reads it back for @op. */
char       *sluice_filter_value_to_text    (JsonNode        *value);
JsonNode   *sluice_filter_value_from_text  (const char      *text,
                                            SluiceFilterOp   op);

G_END_DECLS
