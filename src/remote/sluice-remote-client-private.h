/* sluice-remote-client-private.h — what the client and its calls share
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "sluice-remote-client.h"

G_BEGIN_DECLS

struct _SluiceRemoteClient
{
  GObject      parent_instance;

  char        *base_url;       /* without a trailing slash */
  char        *display_name;
  char        *token;
  gboolean     tls_insecure;
  guint        timeout;        /* seconds per attempt */
  guint        max_attempts;
  guint        retry_delay;    /* milliseconds before the second attempt */
  guint        max_retry_delay;
  guint        max_retry_after; /* seconds of Retry-After we are willing to wait */
  gsize        max_response_size;
  SoupSession *session;
};

/* One HTTP call: retried with a new SoupMessage per attempt. */
typedef struct _SluiceRemoteCall SluiceRemoteCall;

SluiceRemoteCall *sluice_remote_call_new               (SluiceRemoteClient  *client,
                                                        const char          *method,
                                                        const char          *path);
void              sluice_remote_call_set_body          (SluiceRemoteCall    *call,
                                                        const char          *content_type,
                                                        GBytes              *body);
void              sluice_remote_call_set_json_body     (SluiceRemoteCall    *call,
                                                        JsonBuilder         *builder);
void              sluice_remote_call_add_header        (SluiceRemoteCall    *call,
                                                        const char          *name,
                                                        const char          *value);
void              sluice_remote_call_set_idempotency_key (SluiceRemoteCall  *call,
                                                        const char          *key);
void              sluice_remote_call_set_retry         (SluiceRemoteCall    *call,
                                                        gboolean             retry);
void              sluice_remote_call_set_anonymous     (SluiceRemoteCall    *call);
void              sluice_remote_call_extend_deadline   (SluiceRemoteCall    *call,
                                                        guint                seconds);
void              sluice_remote_call_send_async        (SluiceRemoteCall    *call,
                                                        gpointer             source_tag,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GBytes           *sluice_remote_call_finish            (SluiceRemoteClient  *client,
                                                        GAsyncResult        *result,
                                                        gpointer             source_tag,
                                                        guint               *status,
                                                        GError             **error);
JsonObject       *sluice_remote_call_finish_object     (SluiceRemoteClient  *client,
                                                        GAsyncResult        *result,
                                                        gpointer             source_tag,
                                                        GError             **error);

G_END_DECLS
