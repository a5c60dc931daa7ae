/* sluice-remote-error.h — what can go wrong talking to a control plane
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define SLUICE_REMOTE_ERROR (sluice_remote_error_quark ())

/* Cancellation is not here: it stays G_IO_ERROR_CANCELLED, as everywhere. */
typedef enum
{
  SLUICE_REMOTE_ERROR_FAILED,          /* anything without a better code */
  SLUICE_REMOTE_ERROR_OFFLINE,         /* refused, unreachable, connection lost */
  SLUICE_REMOTE_ERROR_DNS,             /* the host name does not resolve */
  SLUICE_REMOTE_ERROR_TLS,             /* certificate or handshake problems */
  SLUICE_REMOTE_ERROR_TIMEOUT,         /* no answer in time */
  SLUICE_REMOTE_ERROR_UNAUTHENTICATED, /* 401: token missing, wrong or revoked */
  SLUICE_REMOTE_ERROR_FORBIDDEN,       /* 403: the token's role is too low */
  SLUICE_REMOTE_ERROR_NOT_FOUND,       /* 404 */
  SLUICE_REMOTE_ERROR_CONFLICT,        /* 409: stale base, invalid transition, no good version */
  SLUICE_REMOTE_ERROR_INVALID,         /* 400, 422: the server's diagnostics are in the message */
  SLUICE_REMOTE_ERROR_TOO_LARGE,       /* 413 */
  SLUICE_REMOTE_ERROR_RATE_LIMITED,    /* 429 */
  SLUICE_REMOTE_ERROR_KILL_SWITCH,     /* 423: the global kill switch is engaged */
  SLUICE_REMOTE_ERROR_SERVER,          /* 5xx */
  SLUICE_REMOTE_ERROR_PROTOCOL,        /* a response we cannot understand */
  SLUICE_REMOTE_ERROR_KEYRING,         /* no keyring answered */
  SLUICE_REMOTE_ERROR_SETTINGS,        /* saved servers: schema missing, unknown name, bad URL */
  SLUICE_REMOTE_ERROR_OUTBOX,          /* the outbox cannot be read or written */
} SluiceRemoteError;

GQuark      sluice_remote_error_quark              (void);

GError     *sluice_remote_error_new_for_response   (const char         *server,
                                                    guint               status,
                                                    SoupMessageHeaders *headers,
                                                    GBytes             *body);
GError     *sluice_remote_error_new_for_transport  (const char         *server,
                                                    const GError       *error,
                                                    GTlsCertificateFlags tls_errors);

/* What the server said, kept beside the message for UIs and scripts. */
guint       sluice_remote_error_get_http_status    (const GError       *error);
const char *sluice_remote_error_get_code           (const GError       *error);
const char *sluice_remote_error_get_server_message (const GError       *error);
JsonObject *sluice_remote_error_get_details        (const GError       *error);
guint       sluice_remote_error_get_retry_after    (const GError       *error);
gint64      sluice_remote_error_get_current_version (const GError      *error);
const char *sluice_remote_error_get_required_role  (const GError       *error);

const char *sluice_remote_error_to_code_string     (const GError       *error);
gboolean    sluice_remote_error_is_definitive      (const GError       *error);
gboolean    sluice_remote_error_is_transient       (const GError       *error);

G_END_DECLS
