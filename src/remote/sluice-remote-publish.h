/* sluice-remote-publish.h — publishing through the outbox
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sluice-remote-client.h"
#include "sluice-remote-outbox.h"

G_BEGIN_DECLS

void                 sluice_remote_publish_async          (SluiceRemoteClient   *client,
                                                           SluiceRemoteOutbox   *outbox,
                                                           const char           *workflow,
                                                           const char           *yaml,
                                                           gint64                base_version,
                                                           const char           *report_digest,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
void                 sluice_remote_publish_pending_async  (SluiceRemoteClient   *client,
                                                           SluiceRemoteOutbox   *outbox,
                                                           SluiceRemotePending  *pending,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
SluiceRemoteVersion *sluice_remote_publish_finish         (SluiceRemoteClient   *client,
                                                           GAsyncResult         *result,
                                                           SluiceRemotePending **kept,
                                                           GError              **error);

G_END_DECLS
