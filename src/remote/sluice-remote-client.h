/* sluice-remote-client.h — the control plane over HTTP(S), asynchronously
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sluice-remote-error.h"
#include "sluice-remote-types.h"

G_BEGIN_DECLS

#define SLUICE_REMOTE_MAX_PUBLISH_SIZE (1024 * 1024)
#define SLUICE_REMOTE_MAX_REPORT_SIZE  (16 * 1024 * 1024)
#define SLUICE_REMOTE_MAX_WAIT         60

#define SLUICE_REMOTE_TYPE_CLIENT (sluice_remote_client_get_type ())
G_DECLARE_FINAL_TYPE (SluiceRemoteClient, sluice_remote_client, SLUICE_REMOTE, CLIENT, GObject)

SluiceRemoteClient *sluice_remote_client_new                (const char          *base_url,
                                                             GError             **error);
gboolean            sluice_remote_check_url                 (const char          *url,
                                                             GError             **error);

const char         *sluice_remote_client_get_base_url       (SluiceRemoteClient  *self);
const char         *sluice_remote_client_get_display_name   (SluiceRemoteClient  *self);
void                sluice_remote_client_set_display_name   (SluiceRemoteClient  *self,
                                                             const char          *name);
void                sluice_remote_client_set_token          (SluiceRemoteClient  *self,
                                                             const char          *token);
gboolean            sluice_remote_client_has_token          (SluiceRemoteClient  *self);
gboolean            sluice_remote_client_get_tls_insecure   (SluiceRemoteClient  *self);
void                sluice_remote_client_set_tls_insecure   (SluiceRemoteClient  *self,
                                                             gboolean             insecure);
guint               sluice_remote_client_get_timeout        (SluiceRemoteClient  *self);
void                sluice_remote_client_set_timeout        (SluiceRemoteClient  *self,
                                                             guint                seconds);
void                sluice_remote_client_set_retry_policy   (SluiceRemoteClient  *self,
                                                             guint                max_attempts,
                                                             guint                first_delay_ms,
                                                             guint                max_delay_ms);
void                sluice_remote_client_set_max_response_size (SluiceRemoteClient *self,
                                                             gsize                size);

/* GET /v1/health → the server's version */
void                sluice_remote_client_health_async       (SluiceRemoteClient  *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
char               *sluice_remote_client_health_finish      (SluiceRemoteClient  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* GET /v1/whoami */
void                sluice_remote_client_whoami_async       (SluiceRemoteClient  *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            sluice_remote_client_whoami_finish      (SluiceRemoteClient  *self,
                                                             GAsyncResult        *result,
                                                             char               **name,
                                                             char               **role,
                                                             GError             **error);

/* GET /v1/workflows → SluiceRemoteWorkflowInfo */
void                sluice_remote_client_list_workflows_async  (SluiceRemoteClient  *self,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
GPtrArray          *sluice_remote_client_list_workflows_finish (SluiceRemoteClient  *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

/* POST /v1/workflows/{name}/versions. Retried safely thanks to the key;
 * prefer sluice_remote_publish_async(), which keeps it in the outbox. */
void                sluice_remote_client_publish_async      (SluiceRemoteClient  *self,
                                                             const char          *workflow,
                                                             const char          *yaml,
                                                             gint64               base_version,
                                                             const char          *idempotency_key,
                                                             const char          *report_digest,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
SluiceRemoteVersion *sluice_remote_client_publish_finish    (SluiceRemoteClient  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* GET …/versions → SluiceRemoteVersion, newest first */
void                sluice_remote_client_list_versions_async  (SluiceRemoteClient  *self,
                                                               const char          *workflow,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
GPtrArray          *sluice_remote_client_list_versions_finish (SluiceRemoteClient  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

/* GET …/versions/{n}, with its YAML */
void                sluice_remote_client_get_version_async  (SluiceRemoteClient  *self,
                                                             const char          *workflow,
                                                             gint64               number,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
SluiceRemoteVersion *sluice_remote_client_get_version_finish (SluiceRemoteClient *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* POST …/versions/{n}/run-test → the server's JSON answer */
void                sluice_remote_client_run_test_async     (SluiceRemoteClient  *self,
                                                             const char          *workflow,
                                                             gint64               number,
                                                             GBytes              *events,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
JsonObject         *sluice_remote_client_run_test_finish    (SluiceRemoteClient  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* POST /v1/reports → its digest ("sha256:…") and title */
void                sluice_remote_client_upload_report_async  (SluiceRemoteClient  *self,
                                                               GBytes              *report,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
char               *sluice_remote_client_upload_report_finish (SluiceRemoteClient  *self,
                                                               GAsyncResult        *result,
                                                               char               **title,
                                                               GError             **error);

/* GET /v1/reports/{digest} → the report file's bytes */
void                sluice_remote_client_get_report_async   (SluiceRemoteClient  *self,
                                                             const char          *digest,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GBytes             *sluice_remote_client_get_report_finish  (SluiceRemoteClient  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* GET and PUT …/rollout */
void                sluice_remote_client_get_rollout_async  (SluiceRemoteClient  *self,
                                                             const char          *workflow,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
SluiceRemoteRollout *sluice_remote_client_get_rollout_finish (SluiceRemoteClient *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void                sluice_remote_client_set_rollout_async  (SluiceRemoteClient              *self,
                                                             const char                      *workflow,
                                                             const SluiceRemoteRolloutChange *change,
                                                             GCancellable                    *cancellable,
                                                             GAsyncReadyCallback              callback,
                                                             gpointer                         user_data);
SluiceRemoteRollout *sluice_remote_client_set_rollout_finish (SluiceRemoteClient *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* POST …/rollout/promote, pause, resume, rollback → the rollout after it.
 * These are not retried: a repeated rollback would roll back twice. */
void                sluice_remote_client_promote_async      (SluiceRemoteClient  *self,
                                                             const char          *workflow,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
void                sluice_remote_client_pause_async        (SluiceRemoteClient  *self,
                                                             const char          *workflow,
                                                             const char          *reason,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
void                sluice_remote_client_resume_async       (SluiceRemoteClient  *self,
                                                             const char          *workflow,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
void                sluice_remote_client_rollback_async     (SluiceRemoteClient  *self,
                                                             const char          *workflow,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
SluiceRemoteRollout *sluice_remote_client_rollout_action_finish (SluiceRemoteClient *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* GET and PUT /v1/kill-switch */
void                sluice_remote_client_get_kill_switch_async  (SluiceRemoteClient  *self,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
void                sluice_remote_client_set_kill_switch_async  (SluiceRemoteClient  *self,
                                                                 gboolean             engaged,
                                                                 const char          *reason,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
SluiceRemoteKillSwitch *sluice_remote_client_kill_switch_finish (SluiceRemoteClient  *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error);

/* GET …/status; with @after_revision ≥ 0, a long poll that answers once
 * the revision is past it, or after @wait_seconds (≤ 60) unchanged. */
void                sluice_remote_client_get_status_async   (SluiceRemoteClient  *self,
                                                             const char          *workflow,
                                                             gint64               after_revision,
                                                             guint                wait_seconds,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
SluiceRemoteStatus *sluice_remote_client_get_status_finish  (SluiceRemoteClient  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* POST …/runtime: counter increments for the active version (not retried) */
void                sluice_remote_client_report_runtime_async  (SluiceRemoteClient  *self,
                                                                const char          *workflow,
                                                                gint64               events,
                                                                gint64               actions,
                                                                gint64               errors,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
gboolean            sluice_remote_client_report_runtime_finish (SluiceRemoteClient  *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

/* GET …/audit, or /v1/audit when @workflow is NULL → SluiceRemoteAuditEntry,
 * newest first. @limit 0 and @before 0 leave them to the server. */
void                sluice_remote_client_list_audit_async   (SluiceRemoteClient  *self,
                                                             const char          *workflow,
                                                             guint                limit,
                                                             gint64               before,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GPtrArray          *sluice_remote_client_list_audit_finish  (SluiceRemoteClient  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

G_END_DECLS
