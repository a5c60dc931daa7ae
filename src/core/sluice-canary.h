/* sluice-canary.h — which entities a canary covers
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SLUICE_CANARY_BUCKETS 10000

guint    sluice_canary_bucket    (const char *workflow_name,
                                  const char *entity_key);
gboolean sluice_canary_contains  (const char *workflow_name,
                                  const char *entity_key,
                                  double      percent);

G_END_DECLS
