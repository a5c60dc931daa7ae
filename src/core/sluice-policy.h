/* sluice-policy.h — organisation-wide constraints on workflows
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sluice-diagnostic.h"

G_BEGIN_DECLS

typedef struct _SluicePolicy SluicePolicy;

SluicePolicy *sluice_policy_load_from_data        (const char        *text,
                                                   gsize              length,
                                                   SluiceDiagnostics *diagnostics);
SluicePolicy *sluice_policy_load_from_file        (GFile             *file,
                                                   SluiceDiagnostics *diagnostics,
                                                   GError           **error);
void          sluice_policy_free                  (SluicePolicy      *policy);
const char   *sluice_policy_get_name              (SluicePolicy      *policy);
const char * const *sluice_policy_get_allowed_domains (SluicePolicy  *policy);
gint64        sluice_policy_get_max_fan_out       (SluicePolicy      *policy);
gboolean      sluice_policy_get_require_rate_limits (SluicePolicy    *policy);
gboolean      sluice_policy_get_require_cooldown  (SluicePolicy      *policy);
gboolean      sluice_policy_forbids_step_type     (SluicePolicy      *policy,
                                                   const char        *type_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluicePolicy, sluice_policy_free)

G_END_DECLS
