/* sluice-server-long-poll.c — status requests that wait for the next change
 *
 * A waiting request is a paused SoupServerMessage, a timeout source and
 * a list entry: no thread per request. Changes made by this process wake
 * waiters at once ("workflow-changed"); changes committed by another
 * process (a replay writing to the same database) are noticed by polling
 * SQLite's data_version while anyone waits.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sluice-server-private.h"
#include "sluice-server-rollout.h"

#define EXTERNAL_CHANGE_POLL_MS 200

typedef struct
{
  SluiceServer      *server;
  SoupServerMessage *msg;
  char              *workflow;
  gint64             after;
  guint              timeout_source;
  gulong             finished_handler;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  g_clear_handle_id (&waiter->timeout_source, g_source_remove);
  g_clear_signal_handler (&waiter->finished_handler, waiter->msg);
  g_clear_object (&waiter->msg);
  g_free (waiter->workflow);
  g_free (waiter);
}

static void
stop_polling_when_idle (SluiceServer *self)
{
  if (self->waiters == NULL)
    g_clear_handle_id (&self->poll_source, g_source_remove);
}

/* Answers with the status as it is now and lets the message go on. */
static void
waiter_answer (Waiter *waiter)
{
  SluiceServer *self = waiter->server;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) status = NULL;

  self->waiters = g_list_remove (self->waiters, waiter);
  stop_polling_when_idle (self);

  status = sluice_server_status_get (self->store, waiter->workflow, &error);
  if (status != NULL)
    sluice_server_respond_json (waiter->msg, 200, status);
  else
    sluice_server_respond_error (waiter->msg, error, NULL);
  g_clear_signal_handler (&waiter->finished_handler, waiter->msg);
  soup_server_message_unpause (waiter->msg);
  waiter_free (waiter);
}

static gboolean
waiter_timeout_cb (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter->timeout_source = 0;
  waiter_answer (waiter);
  return G_SOURCE_REMOVE;
}

/* The connection went away while we waited: forget the request. */
static void
waiter_finished_cb (SoupServerMessage *msg,
                    gpointer           user_data)
{
  Waiter *waiter = user_data;
  SluiceServer *self = waiter->server;

  self->waiters = g_list_remove (self->waiters, waiter);
  stop_polling_when_idle (self);
  g_clear_signal_handler (&waiter->finished_handler, waiter->msg);
  waiter_free (waiter);
}

static gboolean
poll_external_changes_cb (gpointer user_data)
{
  SluiceServer *self = user_data;
  gint64 version = sluice_server_store_data_version (self->store);

  if (version != self->data_version)
    {
      self->data_version = version;
      sluice_server_long_poll_check (self, NULL);
    }
  return G_SOURCE_CONTINUE;
}

void
sluice_server_long_poll_add (SluiceServer      *self,
                             SoupServerMessage *msg,
                             const char        *workflow,
                             gint64             after,
                             guint              wait_seconds)
{
  Waiter *waiter = g_new0 (Waiter, 1);

  waiter->server = self;
  waiter->msg = g_object_ref (msg);
  waiter->workflow = g_strdup (workflow);
  waiter->after = after;
  /* not g_timeout_add_seconds (): it rounds to whole seconds and may answer early */
  waiter->timeout_source = g_timeout_add (wait_seconds * 1000, waiter_timeout_cb, waiter);
  waiter->finished_handler = g_signal_connect (msg, "finished", G_CALLBACK (waiter_finished_cb), waiter);
  soup_server_message_pause (msg);

  if (self->waiters == NULL)
    {
      self->data_version = sluice_server_store_data_version (self->store);
      self->poll_source = g_timeout_add (EXTERNAL_CHANGE_POLL_MS, poll_external_changes_cb, self);
    }
  self->waiters = g_list_prepend (self->waiters, waiter);
}

/**
 * sluice_server_long_poll_check:
 * @workflow: (nullable): the workflow that changed, or NULL for any
 *
 * Answers every waiter whose workflow's revision moved past its "after".
 */
void
sluice_server_long_poll_check (SluiceServer *self,
                               const char   *workflow)
{
  GList *ready = NULL;

  for (GList *l = self->waiters; l != NULL; l = l->next)
    {
      Waiter *waiter = l->data;

      if (workflow != NULL && g_strcmp0 (workflow, waiter->workflow) != 0)
        continue;
      if (sluice_server_status_revision (self->store, waiter->workflow) > waiter->after)
        ready = g_list_prepend (ready, waiter);
    }

  for (GList *l = ready; l != NULL; l = l->next)
    waiter_answer (l->data);
  g_list_free (ready);
}

/* On shutdown: answer everyone with the status as it is. */
void
sluice_server_long_poll_clear (SluiceServer *self)
{
  while (self->waiters != NULL)
    waiter_answer (self->waiters->data);
  g_clear_handle_id (&self->poll_source, g_source_remove);
}
