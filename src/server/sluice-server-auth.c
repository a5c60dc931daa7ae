/* sluice-server-auth.c — bearer tokens and their roles
 *
 * Only the SHA-256 of a token is stored: a copy of the database does not
 * let anyone in.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-server-auth.h"
#include "sluice-server-error.h"

#define TOKEN_RANDOM_BYTES 32
#define TOKEN_MAX_LENGTH   256

/* GLib's g_random is not meant for secrets; the kernel's source is. */
static gboolean
read_random_bytes (guint8  *buffer,
                   gsize    length,
                   GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/urandom");
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  gsize n_read = 0;

  if (stream == NULL)
    return FALSE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, length, &n_read, NULL, error))
    return FALSE;
  if (n_read != length)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Could not read enough random bytes for a token"));
      return FALSE;
    }
  return TRUE;
}

static char *
token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/**
 * sluice_server_auth_create_token:
 *
 * Makes a new random token for @name with @role and stores its hash.
 *
 * Returns: (transfer full): the token, to show once, or %NULL with @error set
 */
char *
sluice_server_auth_create_token (SluiceServerStore  *store,
                                 const char         *name,
                                 SluiceServerRole    role,
                                 GError            **error)
{
  static const char hex[] = "0123456789abcdef";
  guint8 random[TOKEN_RANDOM_BYTES];
  g_autoptr(GString) token = g_string_new (SLUICE_SERVER_TOKEN_PREFIX);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *now = sluice_server_now ();
  SluiceServerActor actor = { name, SLUICE_SERVER_ROLE_ADMIN };
  g_autoptr(JsonObject) details = json_object_new ();

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (role != SLUICE_SERVER_ROLE_NONE, NULL);

  if (!read_random_bytes (random, sizeof random, error))
    return NULL;
  for (guint i = 0; i < sizeof random; i++)
    {
      g_string_append_c (token, hex[random[i] >> 4]);
      g_string_append_c (token, hex[random[i] & 0xf]);
    }
  hash = token_hash (token->str);

  if (!sluice_server_store_begin (store, error))
    return NULL;
  stmt = sluice_server_store_prepare (store,
                                      "INSERT INTO tokens (sha256, name, role, created_at) VALUES (?, ?, ?, ?)",
                                      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sluice_server_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  if (!sluice_server_store_step_done (store, stmt, error))
    goto fail;

  /* the token itself never reaches the audit trail, only who and what */
  json_object_set_string_member (details, "name", name);
  json_object_set_string_member (details, "role", sluice_server_role_to_string (role));
  actor.name = "sluice-server token create";
  if (!sluice_server_store_add_audit (store, &actor, NULL, "token_created", 0, NULL, details, error)
      || !sluice_server_store_commit (store, error))
    goto fail;

  return g_string_free (g_steal_pointer (&token), FALSE);

fail:
  sluice_server_store_rollback (store);
  return NULL;
}

/**
 * sluice_server_auth_lookup:
 *
 * Returns: %TRUE when @token is known, with its owner's name and role
 */
gboolean
sluice_server_auth_lookup (SluiceServerStore  *store,
                           const char         *token,
                           char              **name,
                           SluiceServerRole   *role)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *hash = NULL;

  if (token == NULL || *token == '\0' || strlen (token) > TOKEN_MAX_LENGTH)
    return FALSE;

  hash = token_hash (token);
  stmt = sluice_server_store_prepare (store, "SELECT name, role FROM tokens WHERE sha256 = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  *name = g_strdup (sluice_server_column_text (stmt, 0));
  *role = sluice_server_role_from_string (sluice_server_column_text (stmt, 1));
  return *role != SLUICE_SERVER_ROLE_NONE;
}

/* The token of an "Authorization: Bearer TOKEN" header, or NULL for
 * anything else (another scheme, spaces or controls inside, no token). */
char *
sluice_server_auth_bearer_token (const char *authorization)
{
  const char *p;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;
  p = authorization + 7;
  while (*p == ' ')
    p++;
  if (*p == '\0')
    return NULL;
  for (const char *c = p; *c != '\0'; c++)
    if (!g_ascii_isgraph (*c))
      return NULL;
  return g_strdup (p);
}
