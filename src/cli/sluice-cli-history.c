/* sluice-cli-history.c — sluice-cli versions and audit: what was published,
 * and who changed what
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-cli-remote.h"

/* versions NAME --show N: that version's YAML, as published */
static int
show_version (SluiceRemoteClient     *client,
              SluiceCliRemoteOptions *options,
              const char             *workflow,
              gint64                  number)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SluiceRemoteVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;

  sluice_remote_client_get_version_async (client, workflow, number, sluice_cli_remote_cancellable (),
                                          sluice_cli_wait_cb, &wait);
  result = sluice_cli_wait_run (&wait);
  version = sluice_remote_client_get_version_finish (client, result, &error);
  if (version == NULL)
    return sluice_cli_remote_fail (options, "versions", error);

  if (options->json)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), version->json);
      g_autofree char *text = json_to_string (node, TRUE);

      printf ("%s\n", text);
    }
  else
    fputs (version->yaml ? version->yaml : "", stdout);
  return SLUICE_CLI_EXIT_OK;
}

int
sluice_cli_versions (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceRemoteClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;
  SluiceCliRemoteOptions options;
  gint64 show = 0;
  const GOptionEntry entries[] = {
    { "show", 0, 0, G_OPTION_ARG_INT64, &show,
      N_("Print this version’s YAML as published, e.g. to merge your changes into it"), N_("N") },
    { NULL }
  };
  int status = SLUICE_CLI_EXIT_USAGE;

  sluice_cli_remote_options_init (&options);
  context = g_option_context_new (_("NAME — the published versions of a workflow, newest first"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sluice_cli_remote_add_options (context, &options, TRUE);
  g_option_context_set_description (context, _("Exit status: 0 done, 1 refused or failed, 2 bad arguments."));

  if (!sluice_cli_parse_options (context, &argc, &argv) || !sluice_cli_remote_check_options (&options, "versions"))
    goto out;
  if (argc != 2)
    {
      g_printerr (_("sluice-cli versions: give one workflow name\n"));
      goto out;
    }
  if (show < 0)
    {
      g_printerr (_("sluice-cli versions: --show takes a version number, 1 or more\n"));
      goto out;
    }
  if (!sluice_cli_parse_workflow_name (argv[1], "versions"))
    goto out;

  client = sluice_cli_remote_connect (&options, "versions");
  if (client == NULL)
    goto out;

  if (show > 0)
    {
      status = show_version (client, &options, argv[1], show);
      goto out;
    }

  sluice_remote_client_list_versions_async (client, argv[1], sluice_cli_remote_cancellable (),
                                            sluice_cli_wait_cb, &wait);
  result = sluice_cli_wait_run (&wait);
  versions = sluice_remote_client_list_versions_finish (client, result, &error);
  if (versions == NULL)
    {
      status = sluice_cli_remote_fail (&options, "versions", error);
      goto out;
    }

  if (options.json)
    sluice_cli_print_json_list ("versions", versions, G_STRUCT_OFFSET (SluiceRemoteVersion, json));
  else if (versions->len == 0)
    printf (_("%s has no published versions on %s.\n"), argv[1], sluice_remote_client_get_display_name (client));
  else
    for (guint i = 0; i < versions->len; i++)
      {
        SluiceRemoteVersion *version = g_ptr_array_index (versions, i);
        g_autofree char *created = sluice_cli_format_time (version->created_at);

        printf ("%4" PRId64 "  %s  %-12s  %s%s%s\n", version->number, created,
                version->author ? version->author : "—", version->digest ? version->digest : "—",
                version->report_digest ? _("  report ") : "",
                version->report_digest ? version->report_digest : "");
      }
  status = SLUICE_CLI_EXIT_OK;

out:
  sluice_cli_remote_options_clear (&options);
  return status;
}

/* "from canary to full", "version 3 → 2": the details worth a glance */
static char *
describe_details (JsonObject *details)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (details);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (details, l->data);
      g_autofree char *value = NULL;

      if (JSON_NODE_HOLDS_VALUE (node))
        {
          if (json_node_get_value_type (node) == G_TYPE_STRING)
            value = g_strdup (json_node_get_string (node));
          else
            value = json_to_string (node, FALSE);
        }
      else if (!JSON_NODE_HOLDS_NULL (node))
        value = json_to_string (node, FALSE);
      else
        continue;
      g_string_append_printf (text, "%s%s=%s", text->len ? " " : "", (const char *) l->data, value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
sluice_cli_audit (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceRemoteClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries_found = NULL;
  g_autoptr(GError) error = NULL;
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;
  SluiceCliRemoteOptions options;
  gboolean all = FALSE;
  int limit = 0;
  gint64 before = 0;
  int status = SLUICE_CLI_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Every workflow, and the kill switch"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("At most N entries, newest first"), N_("N") },
    { "before", 0, 0, G_OPTION_ARG_INT64, &before, N_("Only entries older than the entry ID"), N_("ID") },
    { NULL }
  };

  sluice_cli_remote_options_init (&options);
  context = g_option_context_new (_("NAME | --all — who changed what, and when"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sluice_cli_remote_add_options (context, &options, TRUE);
  g_option_context_set_description (context, _("Exit status: 0 done, 1 refused or failed, 2 bad arguments."));

  if (!sluice_cli_parse_options (context, &argc, &argv) || !sluice_cli_remote_check_options (&options, "audit"))
    goto out;
  if ((all && argc != 1) || (!all && argc != 2) || limit < 0 || before < 0)
    {
      g_printerr (_("sluice-cli audit: give one workflow name, or --all; --limit and --before are positive\n"));
      goto out;
    }
  if (!all && !sluice_cli_parse_workflow_name (argv[1], "audit"))
    goto out;

  client = sluice_cli_remote_connect (&options, "audit");
  if (client == NULL)
    goto out;

  sluice_remote_client_list_audit_async (client, all ? NULL : argv[1], (guint) limit, before,
                                         sluice_cli_remote_cancellable (), sluice_cli_wait_cb, &wait);
  result = sluice_cli_wait_run (&wait);
  entries_found = sluice_remote_client_list_audit_finish (client, result, &error);
  if (entries_found == NULL)
    {
      status = sluice_cli_remote_fail (&options, "audit", error);
      goto out;
    }

  if (options.json)
    sluice_cli_print_json_list ("entries", entries_found, G_STRUCT_OFFSET (SluiceRemoteAuditEntry, json));
  else
    for (guint i = 0; i < entries_found->len; i++)
      {
        SluiceRemoteAuditEntry *entry = g_ptr_array_index (entries_found, i);
        g_autofree char *when = sluice_cli_format_time (entry->time);
        g_autofree char *details = describe_details (entry->details);
        g_autofree char *version = entry->version > 0 ? g_strdup_printf (" v%" PRId64, entry->version)
                                                      : g_strdup ("");

        printf ("%6" PRId64 "  %s  %-10s %-9s  %-20s %s%s%s%s\n", entry->id, when,
                entry->actor ? entry->actor : "—", entry->role ? entry->role : "—",
                entry->action, entry->workflow ? entry->workflow : "", version,
                details[0] ? "  " : "", details);
      }
  status = SLUICE_CLI_EXIT_OK;

out:
  sluice_cli_remote_options_clear (&options);
  return status;
}
