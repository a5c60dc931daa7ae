/* sluice-xxh64.h — the XXH64 hash, for content hashes and derived ids
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint64 sluice_xxh64 (const void *data,
                      gsize       len,
                      guint64     seed);

G_END_DECLS
