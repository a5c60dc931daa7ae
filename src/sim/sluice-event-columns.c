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
#include "sluice-json-scan.h"
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
  if (column == NULL)
    return;
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

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gsize
skip_space (const char *text,
            gsize       offset,
            gsize       end)
{
  while (offset < end && is_space (text[offset]))
    offset++;
  return offset;
}

/* The span of the index-th item of the array at @span. */
static gboolean
array_item (const char     *text,
            SluiceJsonSpan  span,
            guint64         index,
            SluiceJsonSpan *item)
{
  gsize p = skip_space (text, span.start + 1, span.end);

  for (guint64 i = 0; p < span.end && text[p] != ']'; i++)
    {
      gsize end = sluice_json_skip_value (text, span.end, p);

      if (i == index)
        {
          item->start = p;
          item->end = end;
          return TRUE;
        }
      p = skip_space (text, end, span.end);
      if (p < span.end && text[p] == ',')
        p = skip_space (text, p + 1, span.end);
    }
  return FALSE;
}

static guint64
array_length (const char     *text,
              SluiceJsonSpan  span)
{
  gsize p = skip_space (text, span.start + 1, span.end);
  guint64 n = 0;

  while (p < span.end && text[p] != ']')
    {
      p = skip_space (text, sluice_json_skip_value (text, span.end, p), span.end);
      n++;
      if (p < span.end && text[p] == ',')
        p = skip_space (text, p + 1, span.end);
    }
  return n;
}

/* Follows @path ("contacts[0].email") from the value at @span, over JSON
 * text the importer has already checked. */
static gboolean
lookup_span (const char     *text,
             SluiceJsonSpan  span,
             const char     *path,
             SluiceJsonSpan *out)
{
  const char *p = path;

  while (*p != '\0')
    {
      const char *name_end = p;

      while (*name_end != '\0' && *name_end != '.' && *name_end != '[')
        name_end++;
      if (name_end > p)
        {
          if (sluice_json_kind_at (text, span.start) != SLUICE_JSON_KIND_OBJECT
              || !sluice_json_object_get_member (text, span, p, name_end - p, &span))
            return FALSE;
        }
      p = name_end;

      while (*p == '[')
        {
          char *close = NULL;
          guint64 index = g_ascii_strtoull (p + 1, &close, 10);

          if (close == NULL || *close != ']' || close == p + 1
              || sluice_json_kind_at (text, span.start) != SLUICE_JSON_KIND_ARRAY
              || !array_item (text, span, index, &span))
            return FALSE;
          p = close + 1;
        }
      if (*p == '.')
        p++;
    }

  *out = span;
  return TRUE;
}

static void
set_value_from_span (SluiceColumn     *column,
                     guint             row,
                     const char       *text,
                     SluiceJsonSpan    span,
                     SluiceStringPool *pool,
                     GString          *scratch)
{
  const char *start = text + span.start;
  gsize len = span.end - span.start;

  switch (sluice_json_kind_at (text, span.start))
    {
    case SLUICE_JSON_KIND_NULL:
      column->kinds[row] = SLUICE_VALUE_NULL;
      break;

    case SLUICE_JSON_KIND_BOOLEAN:
      column->kinds[row] = SLUICE_VALUE_BOOLEAN;
      column->numbers[row] = *start == 't';
      break;

    case SLUICE_JSON_KIND_NUMBER:
      column->kinds[row] = SLUICE_VALUE_NUMBER;
      column->numbers[row] = sluice_json_number_to_double (start, len);
      break;

    case SLUICE_JSON_KIND_STRING:
      column->kinds[row] = SLUICE_VALUE_STRING;
      if (memchr (start + 1, '\\', len - 2) == NULL)
        column->texts[row] = sluice_string_pool_intern (pool, start + 1, len - 2);
      else
        {
          g_string_truncate (scratch, 0);
          sluice_json_unescape (start + 1, len - 2, scratch);
          column->texts[row] = sluice_string_pool_intern (pool, scratch->str, scratch->len);
        }
      break;

    case SLUICE_JSON_KIND_ARRAY:
      column->kinds[row] = SLUICE_VALUE_ARRAY;
      column->numbers[row] = array_length (text, span);
      column->texts[row] = sluice_string_pool_intern (pool, start, len);
      break;

    case SLUICE_JSON_KIND_OBJECT:
      column->kinds[row] = SLUICE_VALUE_OBJECT;
      column->texts[row] = sluice_string_pool_intern (pool, start, len);
      break;

    case SLUICE_JSON_KIND_NONE:
    default:
      column->kinds[row] = SLUICE_VALUE_MISSING;
      break;
    }
}

/* The paths into the payload of one pass, split at their first name so
 * one walk over an object's members finds all of them. */
typedef struct
{
  const char     *first;      /* the first name, not NUL-terminated */
  gsize           first_len;
  const char     *rest;       /* what follows it: "", ".x", "[0].y" */
  gboolean        found;
  SluiceJsonSpan  span;
} DataPath;

static void
data_path_init (DataPath   *path,
                const char *text)
{
  const char *end = text;

  while (*end != '\0' && *end != '.' && *end != '[')
    end++;
  path->first = text;
  path->first_len = end - text;
  path->rest = *end == '.' ? end + 1 : end;
}

/* Finds the first-level member of every path in one walk over @text. */
static void
find_members (const char *text,
              gsize       len,
              DataPath   *paths,
              guint       n_paths)
{
  gsize p = skip_space (text, 0, len);

  for (guint i = 0; i < n_paths; i++)
    paths[i].found = FALSE;

  if (p >= len || text[p] != '{')
    return;
  p = skip_space (text, p + 1, len);

  while (p < len && text[p] == '"')
    {
      gsize name_start = p + 1;
      gsize name_end, value_start, value_end;

      p = name_start;
      while (text[p] != '"')
        p += text[p] == '\\' ? 2 : 1;
      name_end = p;
      p = skip_space (text, p + 1, len);
      value_start = skip_space (text, p + 1, len);  /* past ':' */
      value_end = sluice_json_skip_value (text, len, value_start);

      for (guint i = 0; i < n_paths; i++)
        if (paths[i].first_len == name_end - name_start
            && sluice_json_string_equal (text + name_start, name_end - name_start,
                                         paths[i].first, paths[i].first_len))
          {
            /* the last duplicate wins, as everywhere else */
            paths[i].found = TRUE;
            paths[i].span.start = value_start;
            paths[i].span.end = value_end;
          }

      p = skip_space (text, value_end, len);
      if (p < len && text[p] == ',')
        p = skip_space (text, p + 1, len);
    }
}

/* Sets a row from the JSON text of the payload or the extensions. */
static void
set_value_from_json (SluiceColumn     *column,
                     guint             row,
                     const char       *text,
                     gsize             len,
                     const char       *path,
                     SluiceStringPool *pool,
                     GString          *scratch)
{
  SluiceJsonSpan span = { 0, len };
  SluiceJsonSpan value;

  if (text == NULL)
    {
      column->kinds[row] = SLUICE_VALUE_MISSING;
      return;
    }

  span.start = skip_space (text, 0, len);
  if (lookup_span (text, span, path, &value))
    set_value_from_span (column, row, text, value, pool, scratch);
  else
    column->kinds[row] = SLUICE_VALUE_MISSING;
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

static void
column_resize (SluiceColumn *column,
               guint         n)
{
  column->kinds = g_renew (guint8, column->kinds, n);
  column->numbers = g_renew (double, column->numbers, n);
  column->texts = g_renew (guint32, column->texts, n);
}

/* Puts the values read in row order into time order. */
static void
column_permute (SluiceColumn  *column,
                const guint32 *sorted_of,
                guint          n)
{
  g_autofree guint8 *kinds = g_new (guint8, MAX (n, 1));
  g_autofree double *numbers = g_new (double, MAX (n, 1));
  g_autofree guint32 *texts = g_new (guint32, MAX (n, 1));

  for (guint r = 0; r < n; r++)
    {
      kinds[sorted_of[r]] = column->kinds[r];
      numbers[sorted_of[r]] = column->numbers[r];
      texts[sorted_of[r]] = column->texts[r];
    }

  g_free (column->kinds);
  g_free (column->numbers);
  g_free (column->texts);
  column->kinds = g_steal_pointer (&kinds);
  column->numbers = g_steal_pointer (&numbers);
  column->texts = g_steal_pointer (&texts);
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

/* Makes the table's order from the keys read: time, then import order. */
static void
order_table (SluiceTypeTable *table,
             GArray          *keys,
             GArray          *tenants)
{
  if (keys->len > 1)  /* qsort (NULL, 0, …) is undefined */
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
}

/*
 * One pass over the events of the table's type. The first pass also reads
 * times and tenants and orders the table; later passes only add columns
 * for new paths. Rows come back in rowid order each time, so the n-th row
 * read is always the same event.
 */
static gboolean
scan_rows (SluiceEventColumns *columns,
           SluiceTypeTable    *table,
           GPtrArray          *paths,
           gboolean            first,
           GCancellable       *cancellable,
           GError            **error)
{
  static const char * const envelope[] = { "id", "type", "source", "subject", "tenant" };
  sqlite3 *db = sluice_event_store_get_database (columns->store);
  g_autoptr(GPtrArray) new_columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GArray) keys = first ? g_array_new (FALSE, FALSE, sizeof (SortKey)) : NULL;
  g_autoptr(GArray) tenants = first ? g_array_new (FALSE, FALSE, sizeof (guint32)) : NULL;
  g_autofree PathSource *sources = g_new (PathSource, MAX (paths->len, 1));
  g_autofree const char **rests = g_new (const char *, MAX (paths->len, 1));
  g_autofree int *sql_columns = g_new0 (int, MAX (paths->len, 1));
  g_autofree DataPath *data_paths = g_new0 (DataPath, MAX (paths->len, 1));
  g_autofree guint *data_path_of = g_new0 (guint, MAX (paths->len, 1));
  g_autoptr(GString) sql = g_string_new ("SELECT seq, time, tenant, data");
  guint n_data_paths = 0;
  gboolean need_extensions = FALSE;
  guint capacity = first ? 4096 : table->n;
  sqlite3_stmt *stmt = NULL;
  guint row = 0;
  int rc;

  for (guint p = 0; p < paths->len; p++)
    {
      g_ptr_array_add (new_columns, column_new (capacity));
      sources[p] = path_source (g_ptr_array_index (paths, p), &rests[p]);
      if (sources[p] == SOURCE_DATA)
        {
          data_path_of[p] = n_data_paths;
          data_path_init (&data_paths[n_data_paths++], rests[p]);
        }
      need_extensions |= sources[p] == SOURCE_EXTENSIONS;
      for (guint k = 0; k < G_N_ELEMENTS (envelope); k++)
        if (sources[p] == SOURCE_ENVELOPE && g_str_equal (rests[p], envelope[k]))
          sql_columns[p] = 5 + k;
    }

  /* Only the columns this pass needs: every one read costs on 1M rows. */
  g_string_append (sql, need_extensions ? ", extensions" : ", NULL");
  for (guint k = 0; k < G_N_ELEMENTS (envelope); k++)
    {
      gboolean needed = FALSE;

      for (guint p = 0; p < paths->len; p++)
        needed |= sql_columns[p] == (int) (5 + k);
      g_string_append_printf (sql, ", %s", needed ? envelope[k] : "NULL");
    }
  g_string_append (sql, " FROM events WHERE type = ?");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_DATABASE,
                   _("Cannot read the dataset: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, table->type, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *data = (const char *) sqlite3_column_text (stmt, 3);
      gsize data_len = sqlite3_column_bytes (stmt, 3);
      guint position;

      if ((row & 0xffff) == 0xffff && g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      if (first)
        {
          SortKey key = { row, sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 0) };
          const char *tenant = (const char *) sqlite3_column_text (stmt, 2);
          guint32 tenant_id = tenant ? sluice_string_pool_intern (columns->pool, tenant, sqlite3_column_bytes (stmt, 2)) : 0;

          g_array_append_val (keys, key);
          g_array_append_val (tenants, tenant_id);
          if (row >= capacity)
            {
              capacity *= 2;
              for (guint p = 0; p < paths->len; p++)
                column_resize (g_ptr_array_index (new_columns, p), capacity);
            }
          position = row;
        }
      else if (row < table->n)
        position = table->sorted_of[row];
      else
        break;  /* the table changed under us; the generation check will catch it */
      row++;

      if (n_data_paths > 0 && data != NULL)
        find_members (data, data_len, data_paths, n_data_paths);

      for (guint p = 0; p < paths->len; p++)
        {
          SluiceColumn *column = g_ptr_array_index (new_columns, p);

          switch (sources[p])
            {
            case SOURCE_DATA:
              {
                DataPath *path = &data_paths[data_path_of[p]];
                SluiceJsonSpan value;

                if (data == NULL || data_path_of[p] >= n_data_paths)
                  column->kinds[position] = SLUICE_VALUE_MISSING;
                else if (path->first_len == 0)  /* "data" itself, or "data[0]…" */
                  set_value_from_json (column, position, data, data_len, path->rest, columns->pool, scratch);
                else if (path->found && lookup_span (data, path->span, path->rest, &value))
                  set_value_from_span (column, position, data, value, columns->pool, scratch);
                else
                  column->kinds[position] = SLUICE_VALUE_MISSING;
              }
              break;

            case SOURCE_ENVELOPE:
              if (sqlite3_column_type (stmt, sql_columns[p]) == SQLITE_NULL)
                column->kinds[position] = SLUICE_VALUE_MISSING;
              else
                {
                  column->kinds[position] = SLUICE_VALUE_STRING;
                  column->texts[position] =
                    sluice_string_pool_intern (columns->pool, (const char *) sqlite3_column_text (stmt, sql_columns[p]),
                                               sqlite3_column_bytes (stmt, sql_columns[p]));
                }
              break;

            case SOURCE_TIME:
              column->kinds[position] = SLUICE_VALUE_NUMBER;
              column->numbers[position] = sqlite3_column_int64 (stmt, 1);
              break;

            case SOURCE_EXTENSIONS:
            default:
              set_value_from_json (column, position, (const char *) sqlite3_column_text (stmt, 4),
                                   sqlite3_column_bytes (stmt, 4), rests[p], columns->pool, scratch);
              break;
            }
        }
    }
  sqlite3_finalize (stmt);

  if (error != NULL && *error != NULL)
    return FALSE;

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_DATABASE,
                   _("Cannot read the dataset: %s"), sqlite3_errmsg (db));
      return FALSE;
    }

  if (first)
    {
      order_table (table, keys, tenants);
      for (guint p = 0; p < paths->len; p++)
        column_permute (g_ptr_array_index (new_columns, p), table->sorted_of, table->n);
    }

  for (guint p = 0; p < paths->len; p++)
    {
      g_hash_table_insert (table->columns, g_strdup (g_ptr_array_index (paths, p)),
                           g_ptr_array_index (new_columns, p));
      new_columns->pdata[p] = NULL;  /* the table owns it now */
    }

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
  gboolean first;

  if (sluice_event_store_get_generation (columns->store) != columns->generation)
    {
      g_hash_table_remove_all (columns->tables);
      sluice_string_pool_unref (columns->pool);
      columns->pool = sluice_string_pool_new ();
      columns->generation = sluice_event_store_get_generation (columns->store);
    }

  table = g_hash_table_lookup (columns->tables, type);
  first = table == NULL;
  if (first)
    {
      table = g_new0 (SluiceTypeTable, 1);
      table->type = g_strdup (type);
      table->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) column_free);
    }

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    if (!g_hash_table_contains (table->columns, paths[i])
        && !g_ptr_array_find_with_equal_func (missing, paths[i], g_str_equal, NULL))
      g_ptr_array_add (missing, (gpointer) paths[i]);

  if ((first || missing->len > 0) && !scan_rows (columns, table, missing, first, cancellable, error))
    {
      if (first)
        type_table_free (table);
      return NULL;
    }

  if (first)
    g_hash_table_insert (columns->tables, table->type, table);

  return table;
}
