/* sluice-string-pool.h — each distinct text once, by number
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SluiceStringPool SluiceStringPool;

SluiceStringPool *sluice_string_pool_new     (void);
SluiceStringPool *sluice_string_pool_ref     (SluiceStringPool *pool);
void              sluice_string_pool_unref   (SluiceStringPool *pool);
guint32           sluice_string_pool_intern  (SluiceStringPool *pool,
                                              const char       *text,
                                              gssize            length);
guint32           sluice_string_pool_lookup  (SluiceStringPool *pool,
                                              const char       *text);
const char       *sluice_string_pool_get     (SluiceStringPool *pool,
                                              guint32           id);
guint32           sluice_string_pool_size    (SluiceStringPool *pool);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceStringPool, sluice_string_pool_unref)

G_END_DECLS
