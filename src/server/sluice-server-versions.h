/* sluice-server-versions.h — published workflow versions and idempotent publishing
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sluice-diagnostic.h"
#include "sluice-server-store.h"

G_BEGIN_DECLS

/* What a publish asks for. */
typedef struct
{
  const char *workflow;
  const char *yaml;
  gsize       length;
  gint64      base_version;
  const char *idempotency_key;  /* nullable */
  const char *report_digest;    /* nullable */
} SluiceServerPublish;

/* Why a publish failed, beyond the GError: the extra members of the
 * error body. */
typedef struct
{
  gint64             current_version;  /* for stale_base */
  SluiceDiagnostics *diagnostics;      /* for invalid_workflow */
} SluiceServerPublishFailure;

void        sluice_server_publish_failure_clear (SluiceServerPublishFailure *failure);

JsonObject *sluice_server_versions_publish  (SluiceServerStore          *store,
                                             const SluiceServerActor    *actor,
                                             const SluiceServerPublish  *publish,
                                             SluiceServerPublishFailure *failure,
                                             GError                    **error);
JsonObject *sluice_server_versions_get      (SluiceServerStore          *store,
                                             const char                 *workflow,
                                             gint64                      number,
                                             gboolean                    with_yaml,
                                             GError                    **error);
JsonArray  *sluice_server_versions_list     (SluiceServerStore          *store,
                                             const char                 *workflow,
                                             GError                    **error);
gint64      sluice_server_versions_latest   (SluiceServerStore          *store,
                                             const char                 *workflow);
gboolean    sluice_server_versions_exists   (SluiceServerStore          *store,
                                             const char                 *workflow,
                                             gint64                      number);
char       *sluice_server_versions_get_yaml (SluiceServerStore          *store,
                                             const char                 *workflow,
                                             gint64                      number,
                                             GError                    **error);
JsonNode   *sluice_server_diagnostics_to_json (SluiceDiagnostics        *diagnostics);

G_END_DECLS

G_BEGIN_DECLS
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SluiceServerPublishFailure, sluice_server_publish_failure_clear)
G_END_DECLS
