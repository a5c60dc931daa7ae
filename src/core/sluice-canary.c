/* sluice-canary.c
 *
 * Canary membership must be the same in the simulator's preview and on the
 * control plane, across runs, machines and versions of a workflow, so it is
 * a plain documented hash with no seed:
 *
 *   bucket = FNV-1a-64 (UTF-8 workflow name, 0x00 byte, UTF-8 entity key)
 *            mod 10000
 *   in canary of P percent  ⇔  bucket < round (P × 100)
 *
 * Growing the percentage only adds entities (5% ⊂ 10%), and a new version
 * of the same workflow keeps its canary entities, because the version is
 * not part of the key.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sluice-canary.h"

#define FNV_OFFSET G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define FNV_PRIME  G_GUINT64_CONSTANT (0x100000001b3)

static guint64
fnv1a (guint64     hash,
       const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= FNV_PRIME;
    }
  return hash;
}

/**
 * sluice_canary_bucket:
 *
 * Returns: the entity's bucket for this workflow, 0 to 9999
 */
guint
sluice_canary_bucket (const char *workflow_name,
                      const char *entity_key)
{
  guint64 hash;

  g_return_val_if_fail (workflow_name != NULL, 0);
  g_return_val_if_fail (entity_key != NULL, 0);

  hash = fnv1a (FNV_OFFSET, workflow_name);
  hash ^= 0;            /* the separator byte */
  hash *= FNV_PRIME;
  hash = fnv1a (hash, entity_key);

  return (guint) (hash % SLUICE_CANARY_BUCKETS);
}

/**
 * sluice_canary_contains:
 * @percent: the canary size, 0 to 100; fractions down to 0.01 count
 */
gboolean
sluice_canary_contains (const char *workflow_name,
                        const char *entity_key,
                        double      percent)
{
  double threshold = round (CLAMP (percent, 0.0, 100.0) * 100.0);

  return sluice_canary_bucket (workflow_name, entity_key) < (guint) threshold;
}
