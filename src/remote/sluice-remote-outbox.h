/* sluice-remote-outbox.h — publishes kept on disk until the server confirms
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One publish the author asked for, as kept in the outbox. */
typedef struct
{
  char      *id;               /* the file name, without ".json" */
  char      *server_url;
  gboolean   tls_insecure;
  char      *workflow;
  char      *yaml;
  gint64     base_version;
  char      *idempotency_key;  /* the same on every retry */
  char      *report_digest;    /* nullable */
  GDateTime *created_at;
  GDateTime *last_attempt_at;  /* nullable */
  guint      attempts;
  char      *last_error;       /* nullable: the message of the last failure */
  char      *last_error_code;  /* nullable: "offline", "stale_base", … */
  gboolean   needs_author;     /* the server refused it: not retried by itself */
} SluiceRemotePending;

#define SLUICE_REMOTE_TYPE_PENDING (sluice_remote_pending_get_type ())

GType                sluice_remote_pending_get_type       (void) G_GNUC_CONST;
SluiceRemotePending *sluice_remote_pending_ref            (SluiceRemotePending *self);
void                 sluice_remote_pending_unref          (SluiceRemotePending *self);
void                 sluice_remote_pending_record_failure (SluiceRemotePending *self,
                                                           const GError        *error);
void                 sluice_remote_pending_rebase         (SluiceRemotePending *self,
                                                           gint64               base_version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceRemotePending, sluice_remote_pending_unref)

#define SLUICE_REMOTE_TYPE_OUTBOX (sluice_remote_outbox_get_type ())
G_DECLARE_FINAL_TYPE (SluiceRemoteOutbox, sluice_remote_outbox, SLUICE_REMOTE, OUTBOX, GObject)

SluiceRemoteOutbox  *sluice_remote_outbox_new            (const char          *directory);
const char          *sluice_remote_outbox_get_directory  (SluiceRemoteOutbox  *self);
SluiceRemotePending *sluice_remote_outbox_add            (SluiceRemoteOutbox  *self,
                                                          const char          *server_url,
                                                          gboolean             tls_insecure,
                                                          const char          *workflow,
                                                          const char          *yaml,
                                                          gint64               base_version,
                                                          const char          *report_digest,
                                                          GError             **error);
gboolean             sluice_remote_outbox_save           (SluiceRemoteOutbox  *self,
                                                          SluiceRemotePending *pending,
                                                          GError             **error);
GPtrArray           *sluice_remote_outbox_list           (SluiceRemoteOutbox  *self,
                                                          GError             **error);
SluiceRemotePending *sluice_remote_outbox_lookup         (SluiceRemoteOutbox  *self,
                                                          const char          *id,
                                                          GError             **error);
gboolean             sluice_remote_outbox_remove         (SluiceRemoteOutbox  *self,
                                                          const char          *id,
                                                          GError             **error);

G_END_DECLS
