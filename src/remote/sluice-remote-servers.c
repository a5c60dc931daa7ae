/* sluice-remote-servers.c — saved servers in GSettings (key "servers",
 * a(ssb): name, URL, accept any certificate). Tokens live in the keyring.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-remote-client.h"
#include "sluice-remote-servers.h"

struct _SluiceRemoteServers
{
  GObject    parent_instance;
  GSettings *settings;
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SluiceRemoteServers, sluice_remote_servers, G_TYPE_OBJECT)

void
sluice_remote_server_free (SluiceRemoteServer *server)
{
  if (server == NULL)
    return;
  g_free (server->name);
  g_free (server->url);
  g_free (server);
}

/* "https://host/" and "https://host" are the same server, as for the client */
static char *
normalize_url (const char *url)
{
  gsize length = strlen (url);

  while (length > 0 && url[length - 1] == '/')
    length--;
  return g_strndup (url, length);
}

static SluiceRemoteServer *
server_new (const char *name,
            const char *url,
            gboolean    tls_insecure)
{
  SluiceRemoteServer *server = g_new0 (SluiceRemoteServer, 1);

  server->name = g_strdup (name);
  server->url = normalize_url (url);
  server->tls_insecure = tls_insecure;
  return server;
}

static void
sluice_remote_servers_dispose (GObject *object)
{
  SluiceRemoteServers *self = SLUICE_REMOTE_SERVERS (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sluice_remote_servers_parent_class)->dispose (object);
}

static void
sluice_remote_servers_class_init (SluiceRemoteServersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sluice_remote_servers_dispose;

  /* the list changed, here or in another process */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sluice_remote_servers_init (SluiceRemoteServers *self)
{
}

static void
settings_changed_cb (SluiceRemoteServers *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sluice_remote_servers_new:
 *
 * Returns: (transfer full) (nullable): the saved servers, or %NULL with
 * %SLUICE_REMOTE_ERROR_SETTINGS when the settings schema is not installed
 * (GSettings would abort the program instead)
 */
SluiceRemoteServers *
sluice_remote_servers_new (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  SluiceRemoteServers *self;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SLUICE_REMOTE_SETTINGS_SCHEMA, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "servers"))
    {
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS,
                   _("Cannot read the saved servers: the settings schema %s is not installed. "
                     "Install Sluice (or set GSETTINGS_SCHEMA_DIR to its compiled schema), "
                     "or give the server’s address instead of a name."),
                   SLUICE_REMOTE_SETTINGS_SCHEMA);
      return NULL;
    }

  self = g_object_new (SLUICE_REMOTE_TYPE_SERVERS, NULL);
  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_signal_connect_object (self->settings, "changed::servers", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * sluice_remote_servers_list:
 *
 * Returns: (transfer container) (element-type SluiceRemoteServer): the
 * saved servers, in the order they were added
 */
GPtrArray *
sluice_remote_servers_list (SluiceRemoteServers *self)
{
  GPtrArray *servers = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_remote_server_free);
  g_autoptr(GVariant) value = NULL;
  GVariantIter iter;
  const char *name;
  const char *url;
  gboolean insecure;

  g_return_val_if_fail (SLUICE_REMOTE_IS_SERVERS (self), servers);

  value = g_settings_get_value (self->settings, "servers");
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&sb)", &name, &url, &insecure))
    g_ptr_array_add (servers, server_new (name, url, insecure));
  return servers;
}

/** Returns: (transfer full) (nullable): the server saved as @name */
SluiceRemoteServer *
sluice_remote_servers_lookup (SluiceRemoteServers *self,
                              const char          *name)
{
  g_autoptr(GPtrArray) servers = NULL;

  g_return_val_if_fail (SLUICE_REMOTE_IS_SERVERS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  servers = sluice_remote_servers_list (self);
  for (guint i = 0; i < servers->len; i++)
    {
      SluiceRemoteServer *server = g_ptr_array_index (servers, i);

      if (g_str_equal (server->name, name))
        return g_ptr_array_steal_index (servers, i);
    }
  return NULL;
}

static gboolean
store (SluiceRemoteServers  *self,
       GPtrArray            *servers,
       GError              **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ssb)"));

  for (guint i = 0; i < servers->len; i++)
    {
      SluiceRemoteServer *server = g_ptr_array_index (servers, i);
      g_variant_builder_add (&builder, "(ssb)", server->name, server->url, server->tls_insecure);
    }

  if (!g_settings_set_value (self->settings, "servers", g_variant_builder_end (&builder)))
    {
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS,
                   _("Cannot save the servers: the settings are read-only"));
      return FALSE;
    }
  /* a command-line tool exits right after; the write must not be lost */
  g_settings_sync ();
  return TRUE;
}

/* Saves a server, replacing one of the same name. */
gboolean
sluice_remote_servers_add (SluiceRemoteServers  *self,
                           const char           *name,
                           const char           *url,
                           gboolean              tls_insecure,
                           GError              **error)
{
  g_autoptr(GPtrArray) servers = NULL;
  gboolean replaced = FALSE;

  g_return_val_if_fail (SLUICE_REMOTE_IS_SERVERS (self), FALSE);
  g_return_val_if_fail (name != NULL && url != NULL, FALSE);

  if (name[0] == '\0' || strstr (name, "://") != NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS,
                   _("“%s” cannot name a server: give a short name like “production”"), name);
      return FALSE;
    }
  if (!sluice_remote_check_url (url, error))
    return FALSE;

  servers = sluice_remote_servers_list (self);
  for (guint i = 0; i < servers->len; i++)
    {
      SluiceRemoteServer *server = g_ptr_array_index (servers, i);

      if (g_str_equal (server->name, name))
        {
          g_free (server->url);
          server->url = normalize_url (url);
          server->tls_insecure = tls_insecure;
          replaced = TRUE;
        }
    }
  if (!replaced)
    g_ptr_array_add (servers, server_new (name, url, tls_insecure));

  return store (self, servers, error);
}

gboolean
sluice_remote_servers_remove (SluiceRemoteServers  *self,
                              const char           *name,
                              GError              **error)
{
  g_autoptr(GPtrArray) servers = NULL;

  g_return_val_if_fail (SLUICE_REMOTE_IS_SERVERS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  servers = sluice_remote_servers_list (self);
  for (guint i = 0; i < servers->len; i++)
    {
      SluiceRemoteServer *server = g_ptr_array_index (servers, i);

      if (g_str_equal (server->name, name))
        {
          g_ptr_array_remove_index (servers, i);
          return store (self, servers, error);
        }
    }

  g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS,
               _("There is no saved server called “%s”"), name);
  return FALSE;
}

/**
 * sluice_remote_servers_resolve:
 * @self: (nullable): the saved servers, or %NULL when they cannot be read
 * @name_or_url: a saved server's name, or an http(s) address
 *
 * An address is taken as is, with the settings of a saved server of the
 * same address (its name, whether to accept any certificate).
 *
 * Returns: (transfer full) (nullable): the server
 */
SluiceRemoteServer *
sluice_remote_servers_resolve (SluiceRemoteServers  *self,
                               const char           *name_or_url,
                               GError              **error)
{
  g_return_val_if_fail (self == NULL || SLUICE_REMOTE_IS_SERVERS (self), NULL);
  g_return_val_if_fail (name_or_url != NULL, NULL);

  if (strstr (name_or_url, "://") != NULL)
    {
      g_autoptr(GPtrArray) servers = NULL;
      g_autofree char *url = NULL;

      if (!sluice_remote_check_url (name_or_url, error))
        return NULL;
      url = normalize_url (name_or_url);
      servers = self ? sluice_remote_servers_list (self) : NULL;
      for (guint i = 0; servers != NULL && i < servers->len; i++)
        {
          SluiceRemoteServer *server = g_ptr_array_index (servers, i);

          if (g_str_equal (server->url, url))
            return g_ptr_array_steal_index (servers, i);
        }
      return server_new (NULL, name_or_url, FALSE);
    }

  if (self != NULL)
    {
      SluiceRemoteServer *server = sluice_remote_servers_lookup (self, name_or_url);

      if (server != NULL)
        return server;
    }

  g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS,
               _("There is no saved server called “%s”; give an address like https://sluice.example.com, "
                 "or save the server first"), name_or_url);
  return NULL;
}
