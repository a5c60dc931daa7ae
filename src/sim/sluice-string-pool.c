/* sluice-string-pool.c
 *
 * The simulator compares entity keys, tenants and field values millions of
 * times per run; as numbers those comparisons are one instruction, and an
 * entity's state can live in an array indexed by its number. Id 0 means
 * "no text". Strings live in large chunks that never move, so pointers
 * handed out stay valid as long as the pool.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sluice-string-pool.h"

#define CHUNK_SIZE (1024 * 1024)

struct _SluiceStringPool
{
  gatomicrefcount  ref_count;
  GHashTable      *ids;       /* text → id, keys point into chunks */
  GPtrArray       *strings;   /* id → text; [0] is NULL */
  GPtrArray       *chunks;    /* owns every chunk */
  char            *current;   /* the chunk small strings go to */
  gsize            current_used;
};

SluiceStringPool *
sluice_string_pool_new (void)
{
  SluiceStringPool *pool = g_new0 (SluiceStringPool, 1);

  g_atomic_ref_count_init (&pool->ref_count);
  pool->ids = g_hash_table_new (g_str_hash, g_str_equal);
  pool->strings = g_ptr_array_new ();
  pool->chunks = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (pool->strings, NULL);

  return pool;
}

SluiceStringPool *
sluice_string_pool_ref (SluiceStringPool *pool)
{
  g_atomic_ref_count_inc (&pool->ref_count);
  return pool;
}

void
sluice_string_pool_unref (SluiceStringPool *pool)
{
  if (pool == NULL || !g_atomic_ref_count_dec (&pool->ref_count))
    return;

  g_hash_table_unref (pool->ids);
  g_ptr_array_unref (pool->strings);
  g_ptr_array_unref (pool->chunks);
  g_free (pool);
}

static char *
store_text (SluiceStringPool *pool,
            const char       *text,
            gsize             length)
{
  char *copy;

  if (length + 1 > CHUNK_SIZE)
    {
      /* a rare huge value gets a chunk of its own */
      copy = g_malloc (length + 1);
      g_ptr_array_add (pool->chunks, copy);
    }
  else
    {
      if (pool->current == NULL || pool->current_used + length + 1 > CHUNK_SIZE)
        {
          pool->current = g_malloc (CHUNK_SIZE);
          pool->current_used = 0;
          g_ptr_array_add (pool->chunks, pool->current);
        }
      copy = pool->current + pool->current_used;
      pool->current_used += length + 1;
    }

  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

/**
 * sluice_string_pool_intern:
 * @length: the length of @text, or -1 when it is NUL-terminated
 *
 * Returns: the id of @text (≥ 1), adding it when it is new
 */
guint32
sluice_string_pool_intern (SluiceStringPool *pool,
                           const char       *text,
                           gssize            length)
{
  char stack[256];
  const char *key = text;
  g_autofree char *heap = NULL;
  gpointer found;
  char *copy;

  if (length >= 0)
    {
      /* look up without allocating in the common case */
      if ((gsize) length < sizeof stack)
        {
          memcpy (stack, text, length);
          stack[length] = '\0';
          key = stack;
        }
      else
        key = heap = g_strndup (text, length);
    }
  else
    length = strlen (text);

  found = g_hash_table_lookup (pool->ids, key);
  if (found != NULL)
    return GPOINTER_TO_UINT (found);

  copy = store_text (pool, key, length);
  g_ptr_array_add (pool->strings, copy);
  g_hash_table_insert (pool->ids, copy, GUINT_TO_POINTER (pool->strings->len - 1));

  return pool->strings->len - 1;
}

/* Returns: the id of @text, or 0 when the pool has never seen it */
guint32
sluice_string_pool_lookup (SluiceStringPool *pool,
                           const char       *text)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (pool->ids, text));
}

const char *
sluice_string_pool_get (SluiceStringPool *pool,
                        guint32           id)
{
  g_return_val_if_fail (id < pool->strings->len, NULL);
  return g_ptr_array_index (pool->strings, id);
}

/* One more than the largest id: the length for arrays indexed by id. */
guint32
sluice_string_pool_size (SluiceStringPool *pool)
{
  return pool->strings->len;
}
