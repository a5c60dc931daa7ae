/* sluice-cli-outbox.c — sluice-cli outbox: publishes not confirmed yet
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-cli-remote.h"
#include "sluice-remote-publish.h"

static JsonObject *
pending_to_json (SluiceRemotePending *pending)
{
  JsonObject *object = json_object_new ();
  g_autofree char *created = g_date_time_format_iso8601 (pending->created_at);

  json_object_set_string_member (object, "id", pending->id);
  json_object_set_string_member (object, "server_url", pending->server_url);
  json_object_set_string_member (object, "workflow", pending->workflow);
  json_object_set_int_member (object, "base_version", pending->base_version);
  json_object_set_string_member (object, "idempotency_key", pending->idempotency_key);
  json_object_set_string_member (object, "report_digest", pending->report_digest);
  json_object_set_string_member (object, "created_at", created);
  json_object_set_int_member (object, "attempts", pending->attempts);
  json_object_set_string_member (object, "last_error", pending->last_error);
  json_object_set_string_member (object, "last_error_code", pending->last_error_code);
  json_object_set_boolean_member (object, "needs_author", pending->needs_author);
  return object;
}

static int
outbox_list (SluiceRemoteOutbox     *outbox,
             SluiceCliRemoteOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = sluice_remote_outbox_list (outbox, &error);

  if (list == NULL)
    return sluice_cli_remote_fail (options, "outbox", error);

  if (options->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < list->len; i++)
        json_array_add_object_element (array, pending_to_json (g_ptr_array_index (list, i)));
      json_object_set_array_member (object, "pending", array);
      sluice_cli_print_json_object (object);
      return SLUICE_CLI_EXIT_OK;
    }

  if (list->len == 0)
    printf (_("The outbox is empty: every publish was confirmed.\n"));
  for (guint i = 0; i < list->len; i++)
    {
      SluiceRemotePending *pending = g_ptr_array_index (list, i);
      g_autofree char *created = sluice_cli_format_time (pending->created_at);

      g_autofree char *attempts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attempt", "%u attempts",
                                                                pending->attempts), pending->attempts);

      /* Translators: the last %s is "3 attempts" */
      printf (_("%s  %s on %s, based on version %" PRId64 ", kept %s, %s\n"),
              pending->id, pending->workflow, pending->server_url, pending->base_version, created, attempts);
      if (pending->last_error != NULL)
        printf ("    %s%s\n", pending->needs_author ? _("needs you: ") : _("last error: "), pending->last_error);
    }
  return SLUICE_CLI_EXIT_OK;
}

static gboolean
retry_one (SluiceRemoteOutbox     *outbox,
           SluiceRemotePending    *pending,
           SluiceCliRemoteOptions *options,
           gint64                  base)
{
  g_autoptr(SluiceRemoteClient) client = NULL;
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(SluiceRemotePending) kept = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;

  client = sluice_cli_remote_connect_url (options, pending->server_url, NULL, pending->tls_insecure, "outbox");
  if (client == NULL)
    return FALSE;
  if (base >= 0)
    sluice_remote_pending_rebase (pending, base);

  sluice_remote_publish_pending_async (client, outbox, pending, sluice_cli_remote_cancellable (),
                                       sluice_cli_wait_cb, &wait);
  result = sluice_cli_wait_run (&wait);
  version = sluice_remote_publish_finish (client, result, &kept, &error);
  if (version == NULL)
    {
      g_printerr (_("sluice-cli outbox: %s (%s on %s) failed again\n"), pending->id, pending->workflow,
                  pending->server_url);
      sluice_cli_remote_fail (options, "outbox", error);
      sluice_cli_explain_kept (kept, error);
      return FALSE;
    }

  sluice_cli_print_published (client, options, version);
  return TRUE;
}

static int
outbox_retry (SluiceRemoteOutbox     *outbox,
              SluiceCliRemoteOptions *options,
              char                  **ids,
              gint64                  base)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_remote_pending_unref);
  g_autoptr(GError) error = NULL;
  guint skipped = 0;
  gboolean all_ok = TRUE;

  if (ids[0] == NULL)
    {
      g_autoptr(GPtrArray) list = sluice_remote_outbox_list (outbox, &error);

      if (list == NULL)
        return sluice_cli_remote_fail (options, "outbox", error);
      if (base >= 0)
        {
          g_printerr (_("sluice-cli outbox: --base applies to one kept publish: name it\n"));
          return SLUICE_CLI_EXIT_USAGE;
        }
      /* what the server refused waits for its author, who names it to retry it */
      for (guint i = 0; i < list->len; i++)
        {
          SluiceRemotePending *pending = g_ptr_array_index (list, i);

          if (pending->needs_author)
            skipped++;
          else
            g_ptr_array_add (chosen, sluice_remote_pending_ref (pending));
        }
    }
  else
    {
      if (base >= 0 && ids[1] != NULL)
        {
          g_printerr (_("sluice-cli outbox: --base applies to one kept publish: name only one\n"));
          return SLUICE_CLI_EXIT_USAGE;
        }
      for (guint i = 0; ids[i] != NULL; i++)
        {
          SluiceRemotePending *pending = sluice_remote_outbox_lookup (outbox, ids[i], &error);

          if (pending == NULL)
            {
              g_printerr ("sluice-cli outbox: %s\n", error->message);
              return SLUICE_CLI_EXIT_USAGE;
            }
          g_ptr_array_add (chosen, pending);
        }
    }

  if (chosen->len == 0 && !options->json)
    printf (_("Nothing to send again.\n"));
  if (skipped > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "sluice-cli outbox: %u kept publish was refused by the server and waits for you; "
                             "see “sluice-cli outbox list”\n",
                             "sluice-cli outbox: %u kept publishes were refused by the server and wait for you; "
                             "see “sluice-cli outbox list”\n", skipped), skipped);

  for (guint i = 0; i < chosen->len; i++)
    all_ok &= retry_one (outbox, g_ptr_array_index (chosen, i), options, base);

  return all_ok ? SLUICE_CLI_EXIT_OK : SLUICE_CLI_EXIT_FAILED;
}

static int
outbox_discard (SluiceRemoteOutbox *outbox,
                char              **ids)
{
  g_autoptr(GError) error = NULL;

  if (ids[0] == NULL)
    {
      g_printerr (_("sluice-cli outbox: name the kept publishes to discard (see “sluice-cli outbox list”)\n"));
      return SLUICE_CLI_EXIT_USAGE;
    }
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (!sluice_remote_outbox_remove (outbox, ids[i], &error))
        {
          g_printerr ("sluice-cli outbox: %s\n", error->message);
          return SLUICE_CLI_EXIT_FAILED;
        }
      printf (_("Discarded %s.\n"), ids[i]);
    }
  return SLUICE_CLI_EXIT_OK;
}

int
sluice_cli_outbox (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceRemoteOutbox) outbox = NULL;
  SluiceCliRemoteOptions options;
  gint64 base = -1;
  int status = SLUICE_CLI_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "base", 'b', 0, G_OPTION_ARG_INT64, &base,
      N_("retry: publish on top of this version instead (after a conflict)"), N_("N") },
    { "insecure", 0, 0, G_OPTION_ARG_NONE, &options.insecure,
      N_("Accept any TLS certificate from the server (a self-signed demo server only)"), NULL },
    { NULL }
  };

  sluice_cli_remote_options_init (&options);
  context = g_option_context_new (_("list | retry [ID…] | discard ID… — publishes not confirmed yet"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sluice_cli_remote_add_options (context, &options, FALSE);
  g_option_context_set_description (context,
    _("Every publish is kept here until its server confirms it. “retry” sends them\n"
      "again, each to its own server and with its own idempotency key, so a server\n"
      "that did get an earlier attempt answers with that same version. Without IDs it\n"
      "skips publishes the server refused (a conflict, an invalid workflow): they wait\n"
      "for you to fix, rebase with --base, or discard.\n\n"
      "Exit status: 0 done, 1 a retry failed, 2 bad arguments."));

  if (!sluice_cli_parse_options (context, &argc, &argv) || !sluice_cli_remote_check_options (&options, "outbox"))
    goto out;
  if (argc < 2)
    {
      g_printerr (_("sluice-cli outbox: say list, retry or discard\n"));
      goto out;
    }

  outbox = sluice_remote_outbox_new (NULL);
  if (g_str_equal (argv[1], "list") && argc == 2)
    status = outbox_list (outbox, &options);
  else if (g_str_equal (argv[1], "retry"))
    status = outbox_retry (outbox, &options, argv + 2, base);
  else if (g_str_equal (argv[1], "discard"))
    status = outbox_discard (outbox, argv + 2);
  else
    g_printerr (_("sluice-cli outbox: use “outbox list”, “outbox retry [ID…]” or “outbox discard ID…”\n"));

out:
  sluice_cli_remote_options_clear (&options);
  return status;
}
