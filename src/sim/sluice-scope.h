/* sluice-scope.h — which events a dry run looks at
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64   from_ms;          /* inclusive; G_MININT64 for no lower bound */
  gint64   to_ms;            /* exclusive; G_MAXINT64 for no upper bound */
  GStrv    tenants;          /* NULL: every tenant */
  GStrv    segments;         /* NULL: every entity; else entities in any of them */
  double   canary_percent;   /* < 0: no canary preview */
  char    *canary_segment;   /* or a segment as the canary */
} SluiceScope;

SluiceScope *sluice_scope_new          (void);
SluiceScope *sluice_scope_copy         (const SluiceScope *scope);
void         sluice_scope_free         (SluiceScope       *scope);
JsonNode    *sluice_scope_to_json      (const SluiceScope *scope);
gboolean     sluice_scope_parse_window (SluiceScope       *scope,
                                        const char        *from,
                                        const char        *to,
                                        gint64             latest_ms,
                                        GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceScope, sluice_scope_free)

G_END_DECLS
