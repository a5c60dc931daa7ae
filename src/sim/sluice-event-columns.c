/* sluice-event-columns.c
 *
 * What makes a re-run after an edit take milliseconds: the first run of a
 * workflow reads the events of its trigger type once, extracts every field
 * path its filters, conditions and entity key use into typed arrays, and
 * keeps them. A later run that uses the same paths touches neither SQLite
 * nor JSON; a new path costs one pass over that type's events. Everything
 * is thrown away when the dataset changes (its generation).
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-event-columns.h"
#include "sluice-json.h"
#include "sluice-sim-error.h"

struct _SluiceEventColumns
{
  SluiceEventStore *store;
  guint64           generation;
  SluiceStringPool *pool;
  GHashTable       *tables;      /* type → SluiceTypeTable */
};

static void
column_free (SluiceColumn *column)
{
  g_free (column->kinds);
  g_free (column->numbers);
  g_free (column->texts);
  g_free (column);
}

static void
type_table_free (SluiceTypeTable *table)
{
  g_free (table->type);
  g_free (table->times);
  g_free (table->seqs);
  g_free (table->tenants);
  g_free (table->sorted_of);
  g_hash_table_unref (table->columns);
  g_free (table);
}

SluiceEventColumns *
sluice_event_columns_new (SluiceEventStore *store)
{
  SluiceEventColumns *columns = g_new0 (SluiceEventColumns, 1);

  columns->store = g_object_ref (store);
  columns->generation = sluice_event_store_get_generation (store);
  columns->pool = sluice_string_pool_new ();
  columns->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) type_table_free);

  return columns;
}

void
sluice_event_columns_free (SluiceEventColumns *columns)
{
  if (columns == NULL)
    return;

  g_object_unref (columns->store);
  sluice_string_pool_unref (columns->pool);
  g_hash_table_unref (columns->tables);
  g_free (columns);
}

/**
 * sluice_event_columns_get_pool:
 *
 * The pool every text of the columns is in. A new pool replaces it when
 * the dataset changes; take a reference to keep using the old one.
 */
SluiceStringPool *
sluice_event_columns_get_pool (SluiceEventColumns *columns)
{
  return columns->pool;
}

const SluiceColumn *
sluice_type_table_get_column (SluiceTypeTable *table,
                              const char      *path)
{
  return g_hash_table_lookup (table->columns, path);
}

/* The first position whose time is ≥ @time_ms (n when none). */
guint
sluice_type_table_lower_bound (SluiceTypeTable *table,
                               gint64           time_ms)
{
  guint lo = 0, hi = table->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (table->times[mid] < time_ms)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* ---- where a path's value comes from ---------------------------------- */

typedef enum
{
  SOURCE_DATA,        /* data.x.y: inside the payload */
  SOURCE_ENVELOPE,    /* id, type, source, subject, tenant: a column */
  SOURCE_TIME,        /* time: the event time, as a number of ms */
  SOURCE_EXTENSIONS,  /* anything else: another attribute */
} PathSource;

static PathSource
path_source (const char  *path,
             const char **rest)
{
  static const char * const envelope[] = { "id", "type", "source", "subject", "tenant", NULL };

  if (g_str_equal (path, "data"))
    {
      *rest = "";
      return SOURCE_DATA;
    }
  if (g_str_has_prefix (path, "data.") || g_str_has_prefix (path, "data["))
    {
      *rest = path + (path[4] == '.' ? 5 : 4);
      return SOURCE_DATA;
    }
  *rest = path;
  if (g_strv_contains (envelope, path))
    return SOURCE_ENVELOPE;
  if (g_str_equal (path, "time"))
    return SOURCE_TIME;
  return SOURCE_EXTENSIONS;
}

static void
set_value (SluiceColumn     *column,
           guint             row,
           JsonNode         *node,
           SluiceStringPool *pool)
{
  if (node == NULL)
    {
      column->kinds[row] = SLUICE_VALUE_MISSING;
      return;
    }

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      column->kinds[row] = SLUICE_VALUE_NULL;
      break;

    case JSON_NODE_ARRAY:
      {
        g_autofree char *text = sluice_json_to_string (node, FALSE);

        column->kinds[row] = SLUICE_VALUE_ARRAY;
        column->numbers[row] = json_array_get_length (json_node_get_array (node));
        column->texts[row] = sluice_string_pool_intern (pool, text, -1);
      }
      break;

    case JSON_NODE_OBJECT:
      {
        g_autofree char *text = sluice_json_to_string (node, FALSE);

        column->kinds[row] = SLUICE_VALUE_OBJECT;
        column->texts[row] = sluice_string_pool_intern (pool, text, -1);
      }
      break;

    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          column->kinds[row] = SLUICE_VALUE_STRING;
          column->texts[row] = sluice_string_pool_intern (pool, json_node_get_string (node), -1);
        }
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        {
          column->kinds[row] = SLUICE_VALUE_BOOLEAN;
          column->numbers[row] = json_node_get_boolean (node);
        }
      else
        {
          column->kinds[row] = SLUICE_VALUE_NUMBER;
          column->numbers[row] = json_node_get_double (node);
        }
      break;
    }
}

static SluiceColumn *
column_new (guint n)
{
  SluiceColumn *column = g_new0 (SluiceColumn, 1);

  column->kinds = g_new0 (guint8, MAX (n, 1));
  column->numbers = g_new0 (double, MAX (n, 1));
  column->texts = g_new0 (guint32, MAX (n, 1));
  return column;
}

/* ---- loading ------------------------------------------------------------ */

typedef struct
{
  guint   row;   /* in read order */
  gint64  time;
  gint64  seq;
} SortKey;

static int
compare_sort_keys (const void *a,
                   const void *b)
{
  const SortKey *ka = a, *kb = b;

  if (ka->time != kb->time)
    return ka->time < kb->time ? -1 : 1;
  return ka->seq < kb->seq ? -1 : (ka->seq > kb->seq);
}

static gboolean
load_table (SluiceEventColumns *columns,
            SluiceTypeTable    *table,
            GError            **error)
{
  sqlite3 *db = sluice_event_store_get_database (columns->store);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (SortKey));
  g_autoptr(GArray) tenants = g_array_new (FALSE, FALSE, sizeof (guint32));
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT seq, time, tenant FROM events WHERE type = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_DATABASE,
                   _("Cannot read the dataset: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, table->type, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SortKey key = { keys->len, sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 0) };
      const char *tenant = (const char *) sqlite3_column_text (stmt, 2);
      guint32 tenant_id = tenant ? sluice_string_pool_intern (columns->pool, tenant, sqlite3_column_bytes (stmt, 2)) : 0;

      g_array_append_val (keys, key);
      g_array_append_val (tenants, tenant_id);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_DATABASE,
                   _("Cannot read the dataset: %s"), sqlite3_errmsg (db));
      return FALSE;
    }

  qsort (keys->data, keys->len, sizeof (SortKey), compare_sort_keys);

  table->n = keys->len;
  table->times = g_new (gint64, MAX (table->n, 1));
  table->seqs = g_new (gint64, MAX (table->n, 1));
  table->tenants = g_new (guint32, MAX (table->n, 1));
  table->sorted_of = g_new (guint32, MAX (table->n, 1));

  for (guint i = 0; i < table->n; i++)
    {
      const SortKey *key = &g_array_index (keys, SortKey, i);

      table->times[i] = key->time;
      table->seqs[i] = key->seq;
      table->tenants[i] = g_array_index (tenants, guint32, key->row);
      table->sorted_of[key->row] = i;
    }

  return TRUE;
}

static gboolean
load_paths (SluiceEventColumns *columns,
            SluiceTypeTable    *table,
            GPtrArray          *paths,
            GCancellable       *cancellable,
            GError            **error)
{
  sqlite3 *db = sluice_event_store_get_database (columns->store);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) new_columns = g_ptr_array_new ();
  sqlite3_stmt *stmt = NULL;
  guint row = 0;
  int rc;

  for (guint p = 0; p < paths->len; p++)
    g_ptr_array_add (new_columns, column_new (table->n));

  /* Rows come back in rowid order, the order load_table() read them in. */
  if (sqlite3_prepare_v2 (db,
                          "SELECT data, extensions, id, type, source, subject, tenant, time"
                          " FROM events WHERE type = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_DATABASE,
                   _("Cannot read the dataset: %s"), sqlite3_errmsg (db));
      g_ptr_array_set_free_func (new_columns, (GDestroyNotify) column_free);
      g_ptr_array_unref (g_steal_pointer (&new_columns));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, table->type, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && row < table->n)
    {
      guint position = table->sorted_of[row++];
      JsonNode *data = NULL;
      JsonNode *extensions = NULL;
      g_autoptr(JsonParser) ext_parser = NULL;

      if ((row & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL
          && json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 0),
                                         sqlite3_column_bytes (stmt, 0), NULL))
        data = json_parser_get_root (parser);

      for (guint p = 0; p < paths->len; p++)
        {
          SluiceColumn *column = g_ptr_array_index (new_columns, p);
          const char *rest;
          PathSource source = path_source (g_ptr_array_index (paths, p), &rest);

          switch (source)
            {
            case SOURCE_DATA:
              set_value (column, position, data ? (*rest ? sluice_json_path_lookup (data, rest) : data) : NULL,
                         columns->pool);
              break;

            case SOURCE_ENVELOPE:
              {
                static const char * const names[] = { "id", "type", "source", "subject", "tenant" };
                int sql_column = 2;

                for (guint k = 0; k < G_N_ELEMENTS (names); k++)
                  if (g_str_equal (rest, names[k]))
                    sql_column = 2 + k;
                if (sqlite3_column_type (stmt, sql_column) == SQLITE_NULL)
                  column->kinds[position] = SLUICE_VALUE_MISSING;
                else
                  {
                    column->kinds[position] = SLUICE_VALUE_STRING;
                    column->texts[position] =
                      sluice_string_pool_intern (columns->pool, (const char *) sqlite3_column_text (stmt, sql_column),
                                                 sqlite3_column_bytes (stmt, sql_column));
                  }
              }
              break;

            case SOURCE_TIME:
              column->kinds[position] = SLUICE_VALUE_NUMBER;
              column->numbers[position] = sqlite3_column_int64 (stmt, 7);
              break;

            case SOURCE_EXTENSIONS:
            default:
              if (extensions == NULL && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
                {
                  ext_parser = json_parser_new_immutable ();
                  if (json_parser_load_from_data (ext_parser, (const char *) sqlite3_column_text (stmt, 1),
                                                  sqlite3_column_bytes (stmt, 1), NULL))
                    extensions = json_parser_get_root (ext_parser);
                }
              set_value (column, position, extensions ? sluice_json_path_lookup (extensions, rest) : NULL,
                         columns->pool);
              break;
            }
        }
    }
  sqlite3_finalize (stmt);

  if (error != NULL && *error != NULL)
    {
      g_ptr_array_set_free_func (new_columns, (GDestroyNotify) column_free);
      return FALSE;
    }

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_DATABASE,
                   _("Cannot read the dataset: %s"), sqlite3_errmsg (db));
      g_ptr_array_set_free_func (new_columns, (GDestroyNotify) column_free);
      return FALSE;
    }

  for (guint p = 0; p < paths->len; p++)
    g_hash_table_insert (table->columns, g_strdup (g_ptr_array_index (paths, p)),
                         g_ptr_array_index (new_columns, p));

  return TRUE;
}

/**
 * sluice_event_columns_load:
 * @type: the event type
 * @paths: (array zero-terminated=1): the field paths that must be columns
 *
 * Returns: (transfer none) (nullable): the table of @type's events with a
 *   column for each of @paths, or %NULL with @error set
 */
SluiceTypeTable *
sluice_event_columns_load (SluiceEventColumns *columns,
                           const char         *type,
                           const char * const *paths,
                           GCancellable       *cancellable,
                           GError            **error)
{
  SluiceTypeTable *table;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  if (sluice_event_store_get_generation (columns->store) != columns->generation)
    {
      g_hash_table_remove_all (columns->tables);
      sluice_string_pool_unref (columns->pool);
      columns->pool = sluice_string_pool_new ();
      columns->generation = sluice_event_store_get_generation (columns->store);
    }

  table = g_hash_table_lookup (columns->tables, type);
  if (table == NULL)
    {
      table = g_new0 (SluiceTypeTable, 1);
      table->type = g_strdup (type);
      table->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) column_free);
      if (!load_table (columns, table, error))
        {
          type_table_free (table);
          return NULL;
        }
      g_hash_table_insert (columns->tables, table->type, table);
    }

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    if (!g_hash_table_contains (table->columns, paths[i])
        && !g_ptr_array_find_with_equal_func (missing, paths[i], g_str_equal, NULL))
      g_ptr_array_add (missing, (gpointer) paths[i]);

  if (missing->len > 0 && !load_paths (columns, table, missing, cancellable, error))
    return NULL;

  return table;
}
