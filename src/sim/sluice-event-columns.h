/* sluice-event-columns.h — the events of a type as typed columns in memory
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sluice-event-store.h"
#include "sluice-string-pool.h"

G_BEGIN_DECLS

typedef enum
{
  SLUICE_VALUE_MISSING,   /* the path is not there */
  SLUICE_VALUE_NULL,
  SLUICE_VALUE_BOOLEAN,   /* number is 0 or 1 */
  SLUICE_VALUE_NUMBER,
  SLUICE_VALUE_STRING,    /* text is a pool id */
  SLUICE_VALUE_ARRAY,     /* number is its length, text the pool id of its JSON */
  SLUICE_VALUE_OBJECT,    /* text is the pool id of its JSON */
} SluiceValueKind;

/* One path's values for every event of a table, in the table's order. */
typedef struct
{
  guint8  *kinds;
  double  *numbers;
  guint32 *texts;
} SluiceColumn;

/* The events of one type, sorted by time (then import order). */
typedef struct
{
  char       *type;
  guint       n;
  gint64     *times;
  gint64     *seqs;       /* the events' rows, to fetch them whole */
  guint32    *tenants;    /* pool ids; 0 for none */
  guint32    *sorted_of;  /* position in time order of the n-th row read */
  GHashTable *columns;    /* path → SluiceColumn */
} SluiceTypeTable;

typedef struct _SluiceEventColumns SluiceEventColumns;

SluiceEventColumns  *sluice_event_columns_new        (SluiceEventStore    *store);
void                 sluice_event_columns_free       (SluiceEventColumns  *columns);
SluiceStringPool    *sluice_event_columns_get_pool   (SluiceEventColumns  *columns);
SluiceTypeTable     *sluice_event_columns_load       (SluiceEventColumns  *columns,
                                                      const char          *type,
                                                      const char * const  *paths,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
const SluiceColumn  *sluice_type_table_get_column    (SluiceTypeTable     *table,
                                                      const char          *path);
guint                sluice_type_table_lower_bound   (SluiceTypeTable     *table,
                                                      gint64               time_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceEventColumns, sluice_event_columns_free)

G_END_DECLS
