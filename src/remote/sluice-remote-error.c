/* sluice-remote-error.c — HTTP statuses, server error bodies and transport
 * failures turned into messages that say what happened and what to do
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-remote-error.h"

/* What the server said travels inside the GError (an extended error
 * domain), so g_task_return_error, g_error_copy and g_propagate_error
 * keep it without a side channel. */
typedef struct
{
  guint       http_status;
  char       *code;
  char       *server_message;
  JsonObject *details;
  guint       retry_after;
  gint64      current_version;
  char       *required_role;
} SluiceRemoteErrorPrivate;

static void
sluice_remote_error_private_init (SluiceRemoteErrorPrivate *priv)
{
  if (priv == NULL)
    return;
  priv->current_version = -1;
}

static void
sluice_remote_error_private_copy (const SluiceRemoteErrorPrivate *src,
                                  SluiceRemoteErrorPrivate       *dest)
{
  if (src == NULL || dest == NULL)
    return;
  dest->http_status = src->http_status;
  dest->code = g_strdup (src->code);
  dest->server_message = g_strdup (src->server_message);
  dest->details = src->details ? json_object_ref (src->details) : NULL;
  dest->retry_after = src->retry_after;
  dest->current_version = src->current_version;
  dest->required_role = g_strdup (src->required_role);
}

static void
sluice_remote_error_private_clear (SluiceRemoteErrorPrivate *priv)
{
  if (priv == NULL)
    return;
  g_clear_pointer (&priv->code, g_free);
  g_clear_pointer (&priv->server_message, g_free);
  g_clear_pointer (&priv->details, json_object_unref);
  g_clear_pointer (&priv->required_role, g_free);
}

G_DEFINE_EXTENDED_ERROR (SluiceRemoteError, sluice_remote_error)

static SluiceRemoteErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != SLUICE_REMOTE_ERROR)
    return NULL;
  return sluice_remote_error_get_private (error);
}

/* Retry-After is either seconds or an HTTP date. */
static guint
parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value = headers ? soup_message_headers_get_one (headers, "Retry-After") : NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *trimmed = NULL;
  guint64 seconds;

  if (value == NULL)
    return 0;
  trimmed = g_strstrip (g_strdup (value));
  if (g_ascii_string_to_unsigned (trimmed, 10, 0, 24 * 3600, &seconds, NULL))
    return (guint) seconds;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;
  now = g_date_time_new_now_utc ();
  return (guint) CLAMP (g_date_time_difference (when, now) / G_TIME_SPAN_SECOND, 0, 24 * 3600);
}

/* "  3:5: error: [graph/dangling-edge] message" for each diagnostic. */
static void
append_diagnostics (GString    *text,
                    JsonObject *details)
{
  JsonArray *diagnostics;

  if (details == NULL || !json_object_has_member (details, "diagnostics"))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (details, "diagnostics")))
    return;

  diagnostics = json_object_get_array_member (details, "diagnostics");
  for (guint i = 0; i < json_array_get_length (diagnostics); i++)
    {
      JsonNode *node = json_array_get_element (diagnostics, i);
      JsonObject *d;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      d = json_node_get_object (node);
      g_string_append (text, "\n  ");
      if (json_object_get_int_member_with_default (d, "line", 0) > 0)
        g_string_append_printf (text, "%" PRId64 ":%" PRId64 ": ",
                                json_object_get_int_member_with_default (d, "line", 0),
                                json_object_get_int_member_with_default (d, "column", 0));
      g_string_append_printf (text, "%s: ", json_object_get_string_member_with_default (d, "severity", "error"));
      if (json_object_get_string_member_with_default (d, "rule", NULL) != NULL)
        g_string_append_printf (text, "[%s] ", json_object_get_string_member (d, "rule"));
      g_string_append (text, json_object_get_string_member_with_default (d, "message", ""));
    }
}

/* The "error" object of a body, or NULL when the body is not ours. */
static JsonObject *
parse_error_body (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonNode *error;
  gsize length = 0;
  const char *data = body ? g_bytes_get_data (body, &length) : NULL;

  if (data == NULL || length == 0 || !json_parser_load_from_data (parser, data, length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  error = json_object_get_member (json_node_get_object (root), "error");
  if (error == NULL || !JSON_NODE_HOLDS_OBJECT (error))
    return NULL;
  return json_object_ref (json_node_get_object (error));
}

static SluiceRemoteError
code_for_status (guint status)
{
  switch (status)
    {
    case 400: return SLUICE_REMOTE_ERROR_INVALID;
    case 401: return SLUICE_REMOTE_ERROR_UNAUTHENTICATED;
    case 403: return SLUICE_REMOTE_ERROR_FORBIDDEN;
    case 404: return SLUICE_REMOTE_ERROR_NOT_FOUND;
    case 409: return SLUICE_REMOTE_ERROR_CONFLICT;
    case 413: return SLUICE_REMOTE_ERROR_TOO_LARGE;
    case 422: return SLUICE_REMOTE_ERROR_INVALID;
    case 423: return SLUICE_REMOTE_ERROR_KILL_SWITCH;
    case 429: return SLUICE_REMOTE_ERROR_RATE_LIMITED;
    default:
      return status >= 500 && status < 600 ? SLUICE_REMOTE_ERROR_SERVER : SLUICE_REMOTE_ERROR_PROTOCOL;
    }
}

static char *
message_for_response (const char               *server,
                      SluiceRemoteError         code,
                      SluiceRemoteErrorPrivate *priv)
{
  const char *said = priv->server_message;
  const char *stable = priv->code ? priv->code : "";
  const char *phrase = soup_status_get_phrase (priv->http_status);
  g_autoptr(GString) text = g_string_new (NULL);

  if (said == NULL)
    said = phrase ? phrase : _("no explanation given");

  switch (code)
    {
    case SLUICE_REMOTE_ERROR_UNAUTHENTICATED:
      g_string_printf (text, _("%s did not accept the access token: it is missing, wrong or revoked. "
                               "Sign in to this server again with a valid token."), server);
      break;

    case SLUICE_REMOTE_ERROR_FORBIDDEN:
      if (priv->required_role != NULL)
        g_string_printf (text, _("%s refused this: it needs a token with the “%s” role, and yours has less (%s). "
                                 "Ask an administrator of the server for that role."),
                         server, priv->required_role, said);
      else
        g_string_printf (text, _("%s refused this: your token’s role does not allow it (%s). "
                                 "Ask an administrator of the server for a higher role."),
                         server, said);
      break;

    case SLUICE_REMOTE_ERROR_NOT_FOUND:
      g_string_printf (text, _("Not found on %s: %s"), server, said);
      break;

    case SLUICE_REMOTE_ERROR_CONFLICT:
      if (g_str_equal (stable, "stale_base") && priv->current_version >= 0)
        g_string_printf (text, _("%s already has version %" PRId64 " of this workflow, newer than the one your "
                                 "changes are based on. Get version %" PRId64 ", merge your changes into it "
                                 "and publish again with it as the base."),
                         server, priv->current_version, priv->current_version);
      else if (g_str_equal (stable, "invalid_transition") && priv->details != NULL
               && json_object_get_string_member_with_default (priv->details, "mode", NULL) != NULL)
        g_string_printf (text, _("%s refused the rollout change: %s (the rollout is in %s mode now)"),
                         server, said, json_object_get_string_member (priv->details, "mode"));
      else if (g_str_equal (stable, "no_good_version"))
        g_string_printf (text, _("Nothing to roll back to on %s: no other version of this workflow has run "
                                 "without breaching its error budget (%s)."), server, said);
      else
        g_string_printf (text, _("%s refused this because of a conflict: %s"), server, said);
      break;

    case SLUICE_REMOTE_ERROR_INVALID:
      if (g_str_equal (stable, "idempotency_key_reused"))
        g_string_printf (text, _("%s already received a different publish with the same idempotency key (%s). "
                                 "Discard the kept publish and publish again."), server, said);
      else if (g_str_equal (stable, "invalid_workflow"))
        g_string_printf (text, _("%s rejected the workflow as invalid: %s"), server, said);
      else
        g_string_printf (text, _("%s rejected the request: %s"), server, said);
      append_diagnostics (text, priv->details);
      break;

    case SLUICE_REMOTE_ERROR_TOO_LARGE:
      g_string_printf (text, _("%s refused the upload as too large (%s). Make it smaller."), server, said);
      break;

    case SLUICE_REMOTE_ERROR_RATE_LIMITED:
      if (priv->retry_after > 0)
        g_string_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                            "%s is limiting how often it is asked; try again in %u second.",
                                            "%s is limiting how often it is asked; try again in %u seconds.",
                                            priv->retry_after),
                         server, priv->retry_after);
      else
        g_string_printf (text, _("%s is limiting how often it is asked; try again in a moment."), server);
      break;

    case SLUICE_REMOTE_ERROR_KILL_SWITCH:
      g_string_printf (text, _("The global kill switch is engaged on %s, so nothing can be enabled (%s). "
                               "An administrator has to release it first."), server, said);
      break;

    case SLUICE_REMOTE_ERROR_SERVER:
      g_string_printf (text, _("%s had a problem of its own (HTTP %u: %s). Try again later; if it goes on, "
                               "tell the server’s administrator."), server, priv->http_status, said);
      break;

    case SLUICE_REMOTE_ERROR_PROTOCOL:
    default:
      g_string_printf (text, _("%s answered with HTTP %u (%s), which Sluice did not expect. "
                               "Is this address a Sluice control plane, and is it up to date?"),
                       server, priv->http_status, said);
      break;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * sluice_remote_error_new_for_response:
 * @server: how to name the server in the message
 * @status: the HTTP status, not 2xx
 * @headers: (nullable): the response headers, for Retry-After
 * @body: (nullable): the response body, `{"error": {"code", "message", …}}`
 *
 * Returns: (transfer full): an error of %SLUICE_REMOTE_ERROR saying what
 * the server refused and what to do, with the server's code and extra
 * fields kept for sluice_remote_error_get_code() and friends.
 */
GError *
sluice_remote_error_new_for_response (const char         *server,
                                      guint               status,
                                      SoupMessageHeaders *headers,
                                      GBytes             *body)
{
  SluiceRemoteError code = code_for_status (status);
  g_autoptr(JsonObject) details = parse_error_body (body);
  SluiceRemoteErrorPrivate parsed = { 0, };
  SluiceRemoteErrorPrivate *priv;
  g_autofree char *message = NULL;
  GError *error;

  sluice_remote_error_private_init (&parsed);
  parsed.http_status = status;
  parsed.retry_after = parse_retry_after (headers);
  if (details != NULL)
    {
      parsed.code = (char *) json_object_get_string_member_with_default (details, "code", NULL);
      parsed.server_message = (char *) json_object_get_string_member_with_default (details, "message", NULL);
      parsed.current_version = json_object_get_int_member_with_default (details, "current_version", -1);
      parsed.required_role = (char *) json_object_get_string_member_with_default (details, "required_role", NULL);
      parsed.details = details;
    }

  message = message_for_response (server, code, &parsed);
  error = g_error_new_literal (SLUICE_REMOTE_ERROR, code, message);
  priv = sluice_remote_error_get_private (error);
  sluice_remote_error_private_copy (&parsed, priv);
  return error;
}

static char *
describe_certificate (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_strdup (_("its certificate is not signed by an authority this computer trusts (self-signed?)"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup (_("its certificate was made for another host name"));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return g_strdup (_("its certificate has expired"));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_strdup (_("its certificate is not valid yet (is this computer’s clock right?)"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_strdup (_("its certificate has been revoked"));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return g_strdup (_("its certificate uses an insecure algorithm"));
  return g_strdup (_("its certificate cannot be checked"));
}

/**
 * sluice_remote_error_new_for_transport:
 * @server: how to name the server in the message
 * @error: what GIO or libsoup said
 * @tls_errors: the peer certificate's problems, if any
 *
 * Returns: (transfer full): a %SLUICE_REMOTE_ERROR for network failures,
 * or a copy of @error when it is G_IO_ERROR_CANCELLED.
 */
GError *
sluice_remote_error_new_for_transport (const char           *server,
                                       const GError         *error,
                                       GTlsCertificateFlags  tls_errors)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (error->domain == SLUICE_REMOTE_ERROR)
    return g_error_copy (error);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_DNS,
                        _("Cannot find the server %s: its host name does not resolve (%s). "
                          "Check the address and your network connection."),
                        server, error->message);

  if (error->domain == G_TLS_ERROR || tls_errors != 0)
    {
      g_autofree char *why = tls_errors != 0 ? describe_certificate (tls_errors) : g_strdup (error->message);

      return g_error_new (SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_TLS,
                          _("Cannot talk securely to %s: %s. For a demo server with a self-signed certificate "
                            "that you trust, turn off the check for that server only (“Accept any certificate”, "
                            "or --insecure for sluice-cli); never for a real server."),
                          server, why);
    }

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_TIMED_OUT:
          return g_error_new (SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_TIMEOUT,
                              _("%s did not answer in time. It may be overloaded or the network slow; "
                                "try again later."), server);
        case G_IO_ERROR_CONNECTION_REFUSED:
          return g_error_new (SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OFFLINE,
                              _("Cannot reach %s: the connection was refused. Check that the server is "
                                "running and the address is right, then try again."), server);
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_HOST_UNREACHABLE:
          return g_error_new (SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OFFLINE,
                              _("Cannot reach %s: the network is unreachable. Check your connection, "
                                "then try again."), server);
        case G_IO_ERROR_CONNECTION_CLOSED:
        case G_IO_ERROR_PARTIAL_INPUT:
          return g_error_new (SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OFFLINE,
                              _("The connection to %s was lost before it answered. Try again."), server);
        case G_IO_ERROR_PROXY_FAILED:
        case G_IO_ERROR_PROXY_AUTH_FAILED:
        case G_IO_ERROR_PROXY_NEED_AUTH:
        case G_IO_ERROR_PROXY_NOT_ALLOWED:
          return g_error_new (SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OFFLINE,
                              _("Cannot reach %s through the proxy: %s. Check the proxy settings."),
                              server, error->message);
        default:
          break;
        }
    }

  return g_error_new (SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OFFLINE,
                      _("Cannot talk to %s: %s. Check the address and your network connection."),
                      server, error->message);
}

/** Returns: the HTTP status of a refusal, 0 when there was no response. */
guint
sluice_remote_error_get_http_status (const GError *error)
{
  SluiceRemoteErrorPrivate *priv = get_private (error);

  return priv ? priv->http_status : 0;
}

/** Returns: (nullable): the server's stable code, like "stale_base". */
const char *
sluice_remote_error_get_code (const GError *error)
{
  SluiceRemoteErrorPrivate *priv = get_private (error);

  return priv ? priv->code : NULL;
}

/** Returns: (nullable): the server's own message, untranslated. */
const char *
sluice_remote_error_get_server_message (const GError *error)
{
  SluiceRemoteErrorPrivate *priv = get_private (error);

  return priv ? priv->server_message : NULL;
}

/** Returns: (nullable) (transfer none): the server's whole "error" object, extra fields included. */
JsonObject *
sluice_remote_error_get_details (const GError *error)
{
  SluiceRemoteErrorPrivate *priv = get_private (error);

  return priv ? priv->details : NULL;
}

/** Returns: seconds from Retry-After, 0 when absent. */
guint
sluice_remote_error_get_retry_after (const GError *error)
{
  SluiceRemoteErrorPrivate *priv = get_private (error);

  return priv ? priv->retry_after : 0;
}

/** Returns: the server's current version on "stale_base", else -1. */
gint64
sluice_remote_error_get_current_version (const GError *error)
{
  SluiceRemoteErrorPrivate *priv = get_private (error);

  return priv ? priv->current_version : -1;
}

/** Returns: (nullable): the role a 403 says is needed, when the server says. */
const char *
sluice_remote_error_get_required_role (const GError *error)
{
  SluiceRemoteErrorPrivate *priv = get_private (error);

  return priv ? priv->required_role : NULL;
}

/**
 * sluice_remote_error_to_code_string:
 *
 * Returns: a stable, untranslated name for scripts and files: the
 * server's code when it gave one ("stale_base"), else our own
 * ("offline", "timeout", "cancelled", …).
 */
const char *
sluice_remote_error_to_code_string (const GError *error)
{
  static const char * const names[] = {
    "failed", "offline", "dns", "tls", "timeout", "unauthenticated", "forbidden",
    "not_found", "conflict", "invalid", "too_large", "rate_limited", "kill_switch",
    "server", "protocol", "keyring", "settings", "outbox",
  };

  if (error == NULL)
    return NULL;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  if (error->domain != SLUICE_REMOTE_ERROR)
    return "failed";
  if (sluice_remote_error_get_code (error) != NULL)
    return sluice_remote_error_get_code (error);
  if (error->code >= 0 && (guint) error->code < G_N_ELEMENTS (names))
    return names[error->code];
  return "failed";
}

/**
 * sluice_remote_error_is_definitive:
 *
 * Returns: %TRUE when the server refused the request itself (a conflict,
 * invalid content, too large): sending it again unchanged cannot work,
 * the author has to change something.
 */
gboolean
sluice_remote_error_is_definitive (const GError *error)
{
  return g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_CONFLICT)
      || g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_INVALID)
      || g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_TOO_LARGE);
}

/**
 * sluice_remote_error_is_transient:
 *
 * Returns: %TRUE for failures that may go away by themselves: offline,
 * timeouts, rate limits, 502/503/504 — what the client retries.
 */
gboolean
sluice_remote_error_is_transient (const GError *error)
{
  guint status;

  if (error == NULL || error->domain != SLUICE_REMOTE_ERROR)
    return FALSE;
  switch (error->code)
    {
    case SLUICE_REMOTE_ERROR_OFFLINE:
    case SLUICE_REMOTE_ERROR_TIMEOUT:
    case SLUICE_REMOTE_ERROR_RATE_LIMITED:
      return TRUE;
    case SLUICE_REMOTE_ERROR_SERVER:
      status = sluice_remote_error_get_http_status (error);
      return status == 502 || status == 503 || status == 504;
    default:
      return FALSE;
    }
}
