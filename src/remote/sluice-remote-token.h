/* sluice-remote-token.h — access tokens in the user's keyring
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

const SecretSchema *sluice_remote_token_get_schema  (void) G_GNUC_CONST;

void      sluice_remote_token_store_async   (const char          *server_url,
                                             const char          *token,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  sluice_remote_token_store_finish  (GAsyncResult        *result,
                                             GError             **error);
void      sluice_remote_token_lookup_async  (const char          *server_url,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char     *sluice_remote_token_lookup_finish (GAsyncResult        *result,
                                             GError             **error);
void      sluice_remote_token_clear_async   (const char          *server_url,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  sluice_remote_token_clear_finish  (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
