/* sluice-remote-token.c — access tokens in the keyring (libsecret), one
 * per server address; never in a file, never in a log
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-remote-error.h"
#include "sluice-remote-token.h"

const SecretSchema *
sluice_remote_token_get_schema (void)
{
  static const SecretSchema schema = {
    "dev.sluice.Sluice.Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* "https://host/" and "https://host" are the same server. */
static char *
normalize_url (const char *url)
{
  gsize length = strlen (url);

  while (length > 0 && url[length - 1] == '/')
    length--;
  return g_strndup (url, length);
}

static GError *
keyring_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  return g_error_new (SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_KEYRING,
                      _("No keyring answered, so the access token cannot be kept or found there (%s). "
                        "Unlock or start the desktop keyring, or give the token for this session only."),
                      error->message);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
sluice_remote_token_store_async (const char          *server_url,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  g_autofree char *server = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (server_url != NULL && token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sluice_remote_token_store_async);
  server = normalize_url (server_url);
  label = g_strdup_printf (_("Sluice access token for %s"), server);
  secret_password_store (sluice_remote_token_get_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, stored_cb, task,
                         "server", server,
                         NULL);
}

gboolean
sluice_remote_token_store_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    {
      char *token = g_strdup (secret);

      secret_password_free (secret);
      g_task_return_pointer (task, token, g_free);
    }
}

/* Finishes with %NULL and no error when the keyring has no token for the server. */
void
sluice_remote_token_lookup_async (const char          *server_url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  g_autofree char *server = NULL;

  g_return_if_fail (server_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sluice_remote_token_lookup_async);
  server = normalize_url (server_url);
  secret_password_lookup (sluice_remote_token_get_schema (), cancellable, looked_up_cb, task,
                          "server", server,
                          NULL);
}

char *
sluice_remote_token_lookup_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: there was nothing to forget */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
sluice_remote_token_clear_async (const char          *server_url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  g_autofree char *server = NULL;

  g_return_if_fail (server_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sluice_remote_token_clear_async);
  server = normalize_url (server_url);
  secret_password_clear (sluice_remote_token_get_schema (), cancellable, cleared_cb, task,
                         "server", server,
                         NULL);
}

gboolean
sluice_remote_token_clear_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
