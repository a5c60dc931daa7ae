/* sluice-server-error.h — the stable error codes of the control-plane protocol
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SLUICE_SERVER_ERROR (sluice_server_error_quark ())

/* One code per "code" of the protocol's error body; each has its HTTP status. */
typedef enum
{
  SLUICE_SERVER_ERROR_INTERNAL,
  SLUICE_SERVER_ERROR_UNAUTHENTICATED,
  SLUICE_SERVER_ERROR_FORBIDDEN,
  SLUICE_SERVER_ERROR_NOT_FOUND,
  SLUICE_SERVER_ERROR_METHOD_NOT_ALLOWED,
  SLUICE_SERVER_ERROR_STALE_BASE,
  SLUICE_SERVER_ERROR_INVALID_TRANSITION,
  SLUICE_SERVER_ERROR_NO_GOOD_VERSION,
  SLUICE_SERVER_ERROR_IDEMPOTENCY_KEY_REUSED,
  SLUICE_SERVER_ERROR_INVALID_WORKFLOW,
  SLUICE_SERVER_ERROR_INVALID_REQUEST,
  SLUICE_SERVER_ERROR_INVALID_NAME,
  SLUICE_SERVER_ERROR_TOO_LARGE,
  SLUICE_SERVER_ERROR_UNSUPPORTED_MEDIA_TYPE,
  SLUICE_SERVER_ERROR_RATE_LIMITED,
  SLUICE_SERVER_ERROR_KILL_SWITCH,
  SLUICE_SERVER_ERROR_UNKNOWN_REPORT,  /* "invalid_request", but 422 */
} SluiceServerError;

GQuark      sluice_server_error_quark       (void);
const char *sluice_server_error_code_name   (SluiceServerError code);
guint       sluice_server_error_http_status (SluiceServerError code);

G_END_DECLS
