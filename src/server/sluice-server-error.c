/* sluice-server-error.c — the stable error codes of the control-plane protocol
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sluice-server-error.h"

G_DEFINE_QUARK (sluice-server-error-quark, sluice_server_error)

static const struct
{
  const char *name;
  guint       status;
} codes[] = {
  [SLUICE_SERVER_ERROR_INTERNAL]               = { "internal", 500 },
  [SLUICE_SERVER_ERROR_UNAUTHENTICATED]        = { "unauthenticated", 401 },
  [SLUICE_SERVER_ERROR_FORBIDDEN]              = { "forbidden", 403 },
  [SLUICE_SERVER_ERROR_NOT_FOUND]              = { "not_found", 404 },
  [SLUICE_SERVER_ERROR_METHOD_NOT_ALLOWED]     = { "method_not_allowed", 405 },
  [SLUICE_SERVER_ERROR_STALE_BASE]             = { "stale_base", 409 },
  [SLUICE_SERVER_ERROR_INVALID_TRANSITION]     = { "invalid_transition", 409 },
  [SLUICE_SERVER_ERROR_NO_GOOD_VERSION]        = { "no_good_version", 409 },
  [SLUICE_SERVER_ERROR_IDEMPOTENCY_KEY_REUSED] = { "idempotency_key_reused", 422 },
  [SLUICE_SERVER_ERROR_INVALID_WORKFLOW]       = { "invalid_workflow", 422 },
  [SLUICE_SERVER_ERROR_INVALID_REQUEST]        = { "invalid_request", 400 },
  [SLUICE_SERVER_ERROR_INVALID_NAME]           = { "invalid_name", 400 },
  [SLUICE_SERVER_ERROR_TOO_LARGE]              = { "too_large", 413 },
  [SLUICE_SERVER_ERROR_UNSUPPORTED_MEDIA_TYPE] = { "unsupported_media_type", 415 },
  [SLUICE_SERVER_ERROR_RATE_LIMITED]           = { "rate_limited", 429 },
  [SLUICE_SERVER_ERROR_KILL_SWITCH]            = { "kill_switch", 423 },
  [SLUICE_SERVER_ERROR_UNKNOWN_REPORT]         = { "invalid_request", 422 },
};

const char *
sluice_server_error_code_name (SluiceServerError code)
{
  if ((guint) code >= G_N_ELEMENTS (codes))
    return codes[SLUICE_SERVER_ERROR_INTERNAL].name;
  return codes[code].name;
}

guint
sluice_server_error_http_status (SluiceServerError code)
{
  if ((guint) code >= G_N_ELEMENTS (codes))
    return codes[SLUICE_SERVER_ERROR_INTERNAL].status;
  return codes[code].status;
}
