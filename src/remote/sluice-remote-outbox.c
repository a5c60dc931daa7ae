/* sluice-remote-outbox.c — a publish the author asked for is never lost
 *
 * Each publish is one JSON file in $XDG_DATA_HOME/sluice/outbox/, written
 * atomically before the request goes out and removed only once the server
 * confirms it. A retry sends the same idempotency key, so the server
 * creates at most one version however often the request was sent.
 * Tokens are never written here.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sluice-remote-error.h"
#include "sluice-remote-outbox.h"

#define OUTBOX_FORMAT 1

struct _SluiceRemoteOutbox
{
  GObject  parent_instance;
  char    *directory;
};

G_DEFINE_FINAL_TYPE (SluiceRemoteOutbox, sluice_remote_outbox, G_TYPE_OBJECT)

/* Pending publishes */

static void
sluice_remote_pending_clear (SluiceRemotePending *self)
{
  g_free (self->id);
  g_free (self->server_url);
  g_free (self->workflow);
  g_free (self->yaml);
  g_free (self->idempotency_key);
  g_free (self->report_digest);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->last_attempt_at, g_date_time_unref);
  g_free (self->last_error);
  g_free (self->last_error_code);
}

SluiceRemotePending *
sluice_remote_pending_ref (SluiceRemotePending *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_rc_box_acquire (self);
}

void
sluice_remote_pending_unref (SluiceRemotePending *self)
{
  g_return_if_fail (self != NULL);
  g_rc_box_release_full (self, (GDestroyNotify) sluice_remote_pending_clear);
}

G_DEFINE_BOXED_TYPE (SluiceRemotePending, sluice_remote_pending,
                     sluice_remote_pending_ref, sluice_remote_pending_unref)

static char *
new_idempotency_key (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("sluice-", uuid, NULL);
}

/**
 * sluice_remote_pending_record_failure:
 *
 * Notes what went wrong. A refusal the author must act on (a stale base,
 * an invalid workflow) marks the publish as needing the author, so it is
 * not sent again by itself.
 */
void
sluice_remote_pending_record_failure (SluiceRemotePending *self,
                                      const GError        *error)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (error != NULL);

  g_free (self->last_error);
  self->last_error = g_strdup (error->message);
  g_free (self->last_error_code);
  self->last_error_code = g_strdup (sluice_remote_error_to_code_string (error));
  self->needs_author = sluice_remote_error_is_definitive (error);
}

/**
 * sluice_remote_pending_rebase:
 *
 * Publishes on top of another version. The server refused the old base,
 * so no version exists for the old key: a new key is safe, and needed
 * because the request is a different one now.
 */
void
sluice_remote_pending_rebase (SluiceRemotePending *self,
                              gint64               base_version)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (base_version >= 0);

  if (self->base_version == base_version)
    return;
  self->base_version = base_version;
  g_free (self->idempotency_key);
  self->idempotency_key = new_idempotency_key ();
  self->needs_author = FALSE;
}

/* The outbox */

static void
sluice_remote_outbox_finalize (GObject *object)
{
  SluiceRemoteOutbox *self = SLUICE_REMOTE_OUTBOX (object);

  g_free (self->directory);
  G_OBJECT_CLASS (sluice_remote_outbox_parent_class)->finalize (object);
}

static void
sluice_remote_outbox_class_init (SluiceRemoteOutboxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sluice_remote_outbox_finalize;
}

static void
sluice_remote_outbox_init (SluiceRemoteOutbox *self)
{
}

/**
 * sluice_remote_outbox_new:
 * @directory: (nullable): where to keep publishes; %NULL for
 *   $XDG_DATA_HOME/sluice/outbox
 */
SluiceRemoteOutbox *
sluice_remote_outbox_new (const char *directory)
{
  SluiceRemoteOutbox *self = g_object_new (SLUICE_REMOTE_TYPE_OUTBOX, NULL);

  self->directory = directory ? g_strdup (directory)
                              : g_build_filename (g_get_user_data_dir (), "sluice", "outbox", NULL);
  return self;
}

const char *
sluice_remote_outbox_get_directory (SluiceRemoteOutbox *self)
{
  g_return_val_if_fail (SLUICE_REMOTE_IS_OUTBOX (self), NULL);
  return self->directory;
}

/* Ids come from the command line too: only our own shape may name a file. */
static gboolean
check_id (const char  *id,
          GError     **error)
{
  gboolean ok = id != NULL && id[0] != '\0' && strlen (id) <= 128;

  for (const char *p = id; ok && *p; p++)
    ok = g_ascii_isalnum (*p) || *p == '-';
  if (!ok)
    g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OUTBOX,
                 _("“%s” is not the id of a kept publish"), id ? id : "");
  return ok;
}

static char *
path_for_id (SluiceRemoteOutbox *self,
             const char         *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (self->directory, name, NULL);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = value ? g_date_time_format_iso8601 (value) : NULL;

  add_string (builder, name, text);
}

static char *
pending_to_json (SluiceRemotePending *pending,
                 gsize               *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, OUTBOX_FORMAT);
  add_string (builder, "server_url", pending->server_url);
  json_builder_set_member_name (builder, "tls_insecure");
  json_builder_add_boolean_value (builder, pending->tls_insecure);
  add_string (builder, "workflow", pending->workflow);
  json_builder_set_member_name (builder, "base_version");
  json_builder_add_int_value (builder, pending->base_version);
  add_string (builder, "idempotency_key", pending->idempotency_key);
  add_string (builder, "report_digest", pending->report_digest);
  add_time (builder, "created_at", pending->created_at);
  add_time (builder, "last_attempt_at", pending->last_attempt_at);
  json_builder_set_member_name (builder, "attempts");
  json_builder_add_int_value (builder, pending->attempts);
  add_string (builder, "last_error", pending->last_error);
  add_string (builder, "last_error_code", pending->last_error_code);
  json_builder_set_member_name (builder, "needs_author");
  json_builder_add_boolean_value (builder, pending->needs_author);
  add_string (builder, "yaml", pending->yaml);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, length);
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  return g_strdup (json_object_get_string_member_with_default (object, name, NULL));
}

static GDateTime *
time_member (JsonObject *object,
             const char *name)
{
  const char *text = json_object_get_string_member_with_default (object, name, NULL);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return text ? g_date_time_new_from_iso8601 (text, utc) : NULL;
}

static SluiceRemotePending *
pending_from_file (const char  *path,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  SluiceRemotePending *pending;
  JsonObject *object;
  JsonNode *root;

  if (!json_parser_load_from_mapped_file (parser, path, &local_error))
    {
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OUTBOX,
                   _("Cannot read the kept publish %s: %s"), path, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL
      || json_object_get_string_member_with_default (object, "server_url", NULL) == NULL
      || json_object_get_string_member_with_default (object, "workflow", NULL) == NULL
      || json_object_get_string_member_with_default (object, "yaml", NULL) == NULL
      || json_object_get_string_member_with_default (object, "idempotency_key", NULL) == NULL)
    {
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OUTBOX,
                   _("The kept publish %s is damaged: it lacks the server, the workflow or its key"), path);
      return NULL;
    }

  pending = g_rc_box_new0 (SluiceRemotePending);
  pending->id = g_strdup (id);
  pending->server_url = dup_member (object, "server_url");
  pending->tls_insecure = json_object_get_boolean_member_with_default (object, "tls_insecure", FALSE);
  pending->workflow = dup_member (object, "workflow");
  pending->yaml = dup_member (object, "yaml");
  pending->base_version = json_object_get_int_member_with_default (object, "base_version", 0);
  pending->idempotency_key = dup_member (object, "idempotency_key");
  pending->report_digest = dup_member (object, "report_digest");
  pending->created_at = time_member (object, "created_at");
  pending->last_attempt_at = time_member (object, "last_attempt_at");
  pending->attempts = (guint) json_object_get_int_member_with_default (object, "attempts", 0);
  pending->last_error = dup_member (object, "last_error");
  pending->last_error_code = dup_member (object, "last_error_code");
  pending->needs_author = json_object_get_boolean_member_with_default (object, "needs_author", FALSE);
  if (pending->created_at == NULL)
    pending->created_at = g_date_time_new_now_utc ();
  return pending;
}

/**
 * sluice_remote_outbox_save:
 *
 * Writes @pending atomically (a temporary file renamed over the old one,
 * synced), readable by the user only.
 */
gboolean
sluice_remote_outbox_save (SluiceRemoteOutbox   *self,
                           SluiceRemotePending  *pending,
                           GError              **error)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (SLUICE_REMOTE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (pending != NULL, FALSE);

  if (!check_id (pending->id, error))
    return FALSE;

  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OUTBOX,
                   _("Cannot create the outbox folder %s: %s"), self->directory, g_strerror (saved_errno));
      return FALSE;
    }

  path = path_for_id (self, pending->id);
  text = pending_to_json (pending, &length);
  if (!g_file_set_contents_full (path, text, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OUTBOX,
                   _("Cannot keep the publish in the outbox: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * sluice_remote_outbox_add:
 *
 * Keeps a new publish, with a fresh idempotency key, before it is sent.
 *
 * Returns: (transfer full): the kept publish, or %NULL when it could not
 * be written (then do not send it either)
 */
SluiceRemotePending *
sluice_remote_outbox_add (SluiceRemoteOutbox  *self,
                          const char          *server_url,
                          gboolean             tls_insecure,
                          const char          *workflow,
                          const char          *yaml,
                          gint64               base_version,
                          const char          *report_digest,
                          GError             **error)
{
  g_autoptr(SluiceRemotePending) pending = NULL;
  g_autofree char *random = g_uuid_string_random ();
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (SLUICE_REMOTE_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (server_url != NULL && workflow != NULL && yaml != NULL, NULL);

  pending = g_rc_box_new0 (SluiceRemotePending);
  pending->created_at = g_date_time_new_now_utc ();
  stamp = g_date_time_format (pending->created_at, "%Y%m%d%H%M%S");
  /* sorts by time and is unique */
  pending->id = g_strdup_printf ("%s-%.8s", stamp, random);
  pending->server_url = g_strdup (server_url);
  pending->tls_insecure = tls_insecure;
  pending->workflow = g_strdup (workflow);
  pending->yaml = g_strdup (yaml);
  pending->base_version = base_version;
  pending->idempotency_key = new_idempotency_key ();
  pending->report_digest = g_strdup (report_digest);

  if (!sluice_remote_outbox_save (self, pending, error))
    return NULL;
  return g_steal_pointer (&pending);
}

static int
compare_created (gconstpointer a,
                 gconstpointer b)
{
  const SluiceRemotePending *pa = *(SluiceRemotePending * const *) a;
  const SluiceRemotePending *pb = *(SluiceRemotePending * const *) b;
  int order = g_date_time_compare (pa->created_at, pb->created_at);

  return order != 0 ? order : g_strcmp0 (pa->id, pb->id);
}

/**
 * sluice_remote_outbox_list:
 *
 * Returns: (transfer container) (element-type SluiceRemotePending): the
 * kept publishes, oldest first; an empty array when there are none
 */
GPtrArray *
sluice_remote_outbox_list (SluiceRemoteOutbox  *self,
                           GError             **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_remote_pending_unref);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (SLUICE_REMOTE_IS_OUTBOX (self), NULL);

  dir = g_dir_open (self->directory, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OUTBOX,
                   _("Cannot read the outbox %s: %s"), self->directory, local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autofree char *path = NULL;
      SluiceRemotePending *pending;

      /* skips the temporary files of a write in progress */
      if (!g_str_has_suffix (name, ".json"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".json"));
      if (!check_id (id, NULL))
        continue;
      path = g_build_filename (self->directory, name, NULL);
      pending = pending_from_file (path, id, error);
      if (pending == NULL)
        return NULL;
      g_ptr_array_add (entries, pending);
    }

  g_ptr_array_sort (entries, compare_created);
  return g_steal_pointer (&entries);
}

SluiceRemotePending *
sluice_remote_outbox_lookup (SluiceRemoteOutbox  *self,
                             const char          *id,
                             GError             **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (SLUICE_REMOTE_IS_OUTBOX (self), NULL);

  if (!check_id (id, error))
    return NULL;
  path = path_for_id (self, id);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OUTBOX,
                   _("There is no kept publish “%s” in %s"), id, self->directory);
      return NULL;
    }
  return pending_from_file (path, id, error);
}

/* Forgets a publish: after the server confirmed it, or when discarded. */
gboolean
sluice_remote_outbox_remove (SluiceRemoteOutbox  *self,
                             const char          *id,
                             GError             **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (SLUICE_REMOTE_IS_OUTBOX (self), FALSE);

  if (!check_id (id, error))
    return FALSE;
  path = path_for_id (self, id);
  if (g_unlink (path) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OUTBOX,
                     _("There is no kept publish “%s” in %s"), id, self->directory);
      else
        g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_OUTBOX,
                     _("Cannot remove the kept publish %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
