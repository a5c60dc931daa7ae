/* sluice-remote-publish.c — publishing through the outbox: kept on disk
 * first, sent with its idempotency key, forgotten once confirmed
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-remote-publish.h"

typedef struct
{
  SluiceRemoteOutbox  *outbox;
  SluiceRemotePending *pending;
} PublishData;

static void
publish_data_free (PublishData *data)
{
  g_clear_object (&data->outbox);
  g_clear_pointer (&data->pending, sluice_remote_pending_unref);
  g_free (data);
}

static void
published_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SluiceRemoteVersion) version = NULL;

  version = sluice_remote_client_publish_finish (SLUICE_REMOTE_CLIENT (source), result, &error);
  if (version != NULL)
    {
      /* If this fails, the next retry is answered with this same version
       * (same key), and removes it then. */
      sluice_remote_outbox_remove (data->outbox, data->pending->id, NULL);
      g_clear_pointer (&data->pending, sluice_remote_pending_unref);
      g_task_return_pointer (task, g_steal_pointer (&version), (GDestroyNotify) sluice_remote_version_unref);
      return;
    }

  sluice_remote_pending_record_failure (data->pending, error);
  /* Should this fail, the file from before the attempt is still there,
   * only without the last error: the publish is kept either way. */
  sluice_remote_outbox_save (data->outbox, data->pending, NULL);
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
send_pending (SluiceRemoteClient *client,
              GTask              *task)
{
  PublishData *data = g_task_get_task_data (task);
  SluiceRemotePending *pending = data->pending;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&pending->last_attempt_at, g_date_time_unref);
  pending->last_attempt_at = g_date_time_new_now_utc ();
  pending->attempts++;
  /* the attempt is on disk before it is on the wire */
  if (!sluice_remote_outbox_save (data->outbox, pending, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  sluice_remote_client_publish_async (client, pending->workflow, pending->yaml, pending->base_version,
                                      pending->idempotency_key, pending->report_digest,
                                      g_task_get_cancellable (task), published_cb, task);
}

/**
 * sluice_remote_publish_async:
 *
 * Keeps the publish in @outbox, then sends it. On success it leaves the
 * outbox; on any failure it stays there with the error, to be retried
 * with sluice_remote_publish_pending_async().
 */
void
sluice_remote_publish_async (SluiceRemoteClient  *client,
                             SluiceRemoteOutbox  *outbox,
                             const char          *workflow,
                             const char          *yaml,
                             gint64               base_version,
                             const char          *report_digest,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  PublishData *data;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (client));
  g_return_if_fail (SLUICE_REMOTE_IS_OUTBOX (outbox));
  g_return_if_fail (workflow != NULL && yaml != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, sluice_remote_publish_async);
  data = g_new0 (PublishData, 1);
  data->outbox = g_object_ref (outbox);
  g_task_set_task_data (task, data, (GDestroyNotify) publish_data_free);

  if (strlen (yaml) > SLUICE_REMOTE_MAX_PUBLISH_SIZE)
    {
      /* it could never be accepted: nothing to keep */
      g_task_return_new_error (task, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_TOO_LARGE,
                               _("The workflow is larger than %d bytes, the most a control plane accepts"),
                               SLUICE_REMOTE_MAX_PUBLISH_SIZE);
      g_object_unref (task);
      return;
    }

  data->pending = sluice_remote_outbox_add (outbox, sluice_remote_client_get_base_url (client),
                                            sluice_remote_client_get_tls_insecure (client),
                                            workflow, yaml, base_version, report_digest, &error);
  if (data->pending == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  send_pending (client, task);
}

/**
 * sluice_remote_publish_pending_async:
 *
 * Sends a kept publish again, with its own idempotency key: if an earlier
 * attempt did reach the server, it answers with that same version.
 */
void
sluice_remote_publish_pending_async (SluiceRemoteClient  *client,
                                     SluiceRemoteOutbox  *outbox,
                                     SluiceRemotePending *pending,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  PublishData *data;

  g_return_if_fail (SLUICE_REMOTE_IS_CLIENT (client));
  g_return_if_fail (SLUICE_REMOTE_IS_OUTBOX (outbox));
  g_return_if_fail (pending != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, sluice_remote_publish_async);
  data = g_new0 (PublishData, 1);
  data->outbox = g_object_ref (outbox);
  data->pending = sluice_remote_pending_ref (pending);
  g_task_set_task_data (task, data, (GDestroyNotify) publish_data_free);

  send_pending (client, task);
}

/**
 * sluice_remote_publish_finish:
 * @kept: (out) (optional) (nullable): on failure, the publish as kept in
 *   the outbox (with the error and whether it needs the author); %NULL
 *   when nothing was kept
 *
 * Returns: (transfer full): the new version, or the one an earlier
 * attempt with the same key created
 */
SluiceRemoteVersion *
sluice_remote_publish_finish (SluiceRemoteClient   *client,
                              GAsyncResult         *result,
                              SluiceRemotePending **kept,
                              GError              **error)
{
  PublishData *data;

  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, sluice_remote_publish_async), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (kept != NULL)
    *kept = data->pending ? sluice_remote_pending_ref (data->pending) : NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}
