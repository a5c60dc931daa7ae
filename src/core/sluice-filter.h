/* sluice-filter.h — structured conditions: {path, op, value}
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  SLUICE_FILTER_EQ,
  SLUICE_FILTER_NE,
  SLUICE_FILTER_GT,
  SLUICE_FILTER_GTE,
  SLUICE_FILTER_LT,
  SLUICE_FILTER_LTE,
  SLUICE_FILTER_IN,
  SLUICE_FILTER_NOT_IN,
  SLUICE_FILTER_EXISTS,
  SLUICE_FILTER_CONTAINS,
  SLUICE_FILTER_MATCHES,
  SLUICE_FILTER_WITHIN,
  SLUICE_FILTER_CHANGED,
  SLUICE_N_FILTER_OPS
} SluiceFilterOp;

/* NULL-terminated, in enum order; these are the `op:` spellings. */
extern const char * const sluice_filter_op_names[];

typedef struct
{
  char           *path;
  SluiceFilterOp  op;
  JsonNode       *value;   /* NULL when the op takes none */
} SluiceFilter;

gboolean      sluice_filter_op_from_string  (const char     *name,
                                             SluiceFilterOp *op);
const char   *sluice_filter_op_to_string    (SluiceFilterOp  op);
const char   *sluice_filter_op_symbol       (SluiceFilterOp  op);
SluiceFilter *sluice_filter_new_from_json   (JsonObject     *object);
void          sluice_filter_free            (SluiceFilter   *filter);
char         *sluice_filter_describe        (const SluiceFilter *filter);
gboolean      sluice_filter_check_value     (const SluiceFilter *filter,
                                             char          **problem);
GPtrArray    *sluice_filters_from_json      (JsonArray      *array);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceFilter, sluice_filter_free)

G_END_DECLS
