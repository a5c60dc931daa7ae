/* sluice-cli-remote.c — server, token, output and waiting, shared by the
 * control-plane commands
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "sluice-cli.h"
#include "sluice-cli-remote.h"
#include "sluice-remote-servers.h"
#include "sluice-remote-token.h"

void
sluice_cli_remote_options_init (SluiceCliRemoteOptions *options)
{
  *options = (SluiceCliRemoteOptions) { .timeout = 30, .attempts = 4 };
}

void
sluice_cli_remote_options_clear (SluiceCliRemoteOptions *options)
{
  g_clear_pointer (&options->server, g_free);
  g_clear_pointer (&options->format, g_free);
}

void
sluice_cli_remote_add_options (GOptionContext         *context,
                               SluiceCliRemoteOptions *options,
                               gboolean                with_server)
{
  const GOptionEntry server_entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, &options->server,
      N_("The control plane: a saved server’s name or an address (default: $SLUICE_SERVER)"), N_("SERVER") },
    { "insecure", 0, 0, G_OPTION_ARG_NONE, &options->insecure,
      N_("Accept any TLS certificate from the server (a self-signed demo server only)"), NULL },
    { NULL }
  };
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options->format,
      N_("Output format: text (default) or json"), N_("FORMAT") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options->timeout,
      N_("Give up on an attempt after this many seconds (default: 30)"), N_("SECONDS") },
    { "attempts", 0, 0, G_OPTION_ARG_INT, &options->attempts,
      N_("Attempts for requests that are safe to repeat (default: 4)"), N_("N") },
    { NULL }
  };

  if (with_server)
    g_option_context_add_main_entries (context, server_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

gboolean
sluice_cli_remote_check_options (SluiceCliRemoteOptions *options,
                                 const char             *command)
{
  if (options->format != NULL && !g_str_equal (options->format, "text") && !g_str_equal (options->format, "json"))
    {
      g_printerr (_("sluice-cli %s: unknown format “%s”; use text or json\n"), command, options->format);
      return FALSE;
    }
  if (options->timeout < 0 || options->attempts < 1)
    {
      g_printerr (_("sluice-cli %s: --timeout must be 0 or more and --attempts at least 1\n"), command);
      return FALSE;
    }
  options->json = g_strcmp0 (options->format, "json") == 0;
  return TRUE;
}

/* Ctrl+C */

static gboolean
interrupted_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_CONTINUE;
}

/* Cancelled by SIGINT or SIGTERM, so a command stops cleanly: a publish
 * under way stays in the outbox. */
GCancellable *
sluice_cli_remote_cancellable (void)
{
  static GCancellable *cancellable;

  if (cancellable == NULL)
    {
      cancellable = g_cancellable_new ();
      g_unix_signal_add (SIGINT, interrupted_cb, cancellable);
      g_unix_signal_add (SIGTERM, interrupted_cb, cancellable);
    }
  return cancellable;
}

void
sluice_cli_wait_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SluiceCliWait *wait = user_data;

  wait->result = g_object_ref (result);
  if (wait->loop != NULL)
    g_main_loop_quit (wait->loop);
}

/* Returns: (transfer full): the result, once the call finished */
GAsyncResult *
sluice_cli_wait_run (SluiceCliWait *wait)
{
  if (wait->result == NULL)
    {
      wait->loop = g_main_loop_new (NULL, FALSE);
      g_main_loop_run (wait->loop);
      g_clear_pointer (&wait->loop, g_main_loop_unref);
    }
  return g_steal_pointer (&wait->result);
}

/* Tokens: $SLUICE_TOKEN first (CI, and machines without a keyring), then
 * the keyring. Never from the command line, where `ps` would show it. */
static char *
find_token (const char *url,
            const char *command)
{
  SluiceCliWait wait = SLUICE_CLI_WAIT_INIT;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *from_env = g_getenv ("SLUICE_TOKEN");
  char *token;

  if (from_env != NULL && from_env[0] != '\0')
    return g_strdup (from_env);

  sluice_remote_token_lookup_async (url, sluice_cli_remote_cancellable (), sluice_cli_wait_cb, &wait);
  result = sluice_cli_wait_run (&wait);
  token = sluice_remote_token_lookup_finish (result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_printerr (_("sluice-cli %s: %s Set SLUICE_TOKEN to the token instead.\n"), command, error->message);
  return token;
}

SluiceRemoteClient *
sluice_cli_remote_connect_url (SluiceCliRemoteOptions *options,
                               const char             *url,
                               const char             *name,
                               gboolean                insecure,
                               const char             *command)
{
  g_autoptr(SluiceRemoteClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  client = sluice_remote_client_new (url, &error);
  if (client == NULL)
    {
      g_printerr ("sluice-cli %s: %s\n", command, error->message);
      return NULL;
    }
  if (name != NULL)
    sluice_remote_client_set_display_name (client, name);
  if (insecure || options->insecure)
    {
      sluice_remote_client_set_tls_insecure (client, TRUE);
      if (g_str_has_prefix (url, "https:"))
        g_printerr (_("sluice-cli %s: warning: the certificate of %s is not checked; anyone on the way "
                      "could read and change what is sent\n"), command, url);
    }
  sluice_remote_client_set_timeout (client, (guint) options->timeout);
  sluice_remote_client_set_retry_policy (client, (guint) options->attempts, 500, 8000);

  token = find_token (url, command);
  sluice_remote_client_set_token (client, token);
  if (token != NULL)
    memset (token, 0, strlen (token));

  return g_steal_pointer (&client);
}

/* The client of --server (or $SLUICE_SERVER), with its token; NULL after
 * saying why not. */
SluiceRemoteClient *
sluice_cli_remote_connect (SluiceCliRemoteOptions *options,
                           const char             *command)
{
  g_autoptr(SluiceRemoteServers) servers = NULL;
  g_autoptr(SluiceRemoteServer) server = NULL;
  g_autoptr(GError) settings_error = NULL;
  g_autoptr(GError) error = NULL;
  const char *wanted = options->server ? options->server : g_getenv ("SLUICE_SERVER");

  if (wanted == NULL || wanted[0] == '\0')
    {
      g_printerr (_("sluice-cli %s: which server? Give --server NAME-OR-ADDRESS or set SLUICE_SERVER\n"), command);
      return NULL;
    }

  /* an address works without the settings schema; a name needs it */
  servers = sluice_remote_servers_new (&settings_error);
  server = sluice_remote_servers_resolve (servers, wanted, &error);
  if (server == NULL)
    {
      g_printerr ("sluice-cli %s: %s\n", command, error->message);
      if (settings_error != NULL)
        g_printerr ("sluice-cli %s: %s\n", command, settings_error->message);
      return NULL;
    }

  return sluice_cli_remote_connect_url (options, server->url, server->name, server->tls_insecure, command);
}

/* Output */

void
sluice_cli_print_json_object (JsonObject *object)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  fflush (stdout);
}

/* {"NAME": [the server's objects]} — records keep them at @json_offset. */
void
sluice_cli_print_json_list (const char *name,
                            GPtrArray  *records,
                            gsize       json_offset)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = G_STRUCT_MEMBER (JsonObject *, g_ptr_array_index (records, i), json_offset);
      json_array_add_object_element (array, json_object_ref (record));
    }
  json_object_set_array_member (object, name, array);
  sluice_cli_print_json_object (object);
}

/* Local time, to the second: "2026-11-22 05:25:08" */
char *
sluice_cli_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* Says what failed, and, where it helps, what to do from here. */
int
sluice_cli_remote_fail (SluiceCliRemoteOptions *options,
                        const char             *command,
                        const GError           *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_printerr (_("sluice-cli %s: interrupted\n"), command);
  else
    g_printerr ("sluice-cli %s: %s\n", command, error->message);

  if (g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_UNAUTHENTICATED))
    g_printerr (_("sluice-cli %s: set SLUICE_TOKEN, or keep a token in the keyring with "
                  "“sluice-cli server add NAME ADDRESS --token-stdin”\n"), command);

  if (options != NULL && options->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      JsonObject *details = json_object_new ();
      JsonObject *found = sluice_remote_error_get_details (error);

      json_object_set_string_member (details, "code", sluice_remote_error_to_code_string (error));
      json_object_set_string_member (details, "message", error->message);
      if (sluice_remote_error_get_http_status (error) != 0)
        json_object_set_int_member (details, "http_status", sluice_remote_error_get_http_status (error));
      if (found != NULL)
        json_object_set_object_member (details, "server", json_object_ref (found));
      json_object_set_object_member (object, "error", details);
      sluice_cli_print_json_object (object);
    }
  return SLUICE_CLI_EXIT_FAILED;
}

static char *
describe_canary (double      percent,
                 const char *segment)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (segment != NULL)
    return g_strdup_printf (_("segment “%s”"), segment);
  if (percent > 0)
    {
      g_ascii_formatd (number, sizeof number, "%.4g", percent);
      return g_strdup_printf ("%s%%", number);
    }
  return NULL;
}

static char *
describe_mode (SluiceRemoteMode  mode,
               gint64            version,
               double            percent,
               const char       *segment)
{
  g_autofree char *canary = describe_canary (percent, segment);
  g_autoptr(GString) text = g_string_new (sluice_remote_mode_to_string (mode));

  if (mode == SLUICE_REMOTE_MODE_CANARY && canary != NULL)
    g_string_append_printf (text, " %s", canary);
  if (version > 0)
    g_string_append_printf (text, _(", version %" PRId64), version);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
print_row (const char *label,
           const char *value)
{
  /* labels are translated: pad by characters, not bytes */
  glong width = g_utf8_strlen (label, -1);

  printf ("%s%*s %s\n", label, (int) MAX (1, 14 - width), "", value);
}

void
sluice_cli_print_rollout (SluiceRemoteRollout *rollout)
{
  g_autofree char *mode = describe_mode (rollout->mode, rollout->version, rollout->canary_percent,
                                         rollout->canary_segment);
  g_autofree char *budget = sluice_remote_error_budget_format (&rollout->error_budget);
  g_autofree char *budget_line = g_strdup_printf ("%s; %s", budget,
                                                  rollout->auto_pause ? _("auto-pause on") : _("auto-pause off"));
  g_autofree char *paused = rollout->paused
                            ? g_strdup_printf (_("yes: %s"), rollout->paused_reason ? rollout->paused_reason : _("no reason given"))
                            : g_strdup (_("no"));
  g_autofree char *last_good = rollout->last_good_version > 0
                               ? g_strdup_printf (_("version %" PRId64), rollout->last_good_version)
                               : g_strdup (_("none"));
  g_autofree char *when = sluice_cli_format_time (rollout->updated_at);
  g_autofree char *updated = g_strdup_printf (_("%s by %s"), when, rollout->updated_by ? rollout->updated_by : "—");

  print_row (_("Workflow:"), rollout->workflow ? rollout->workflow : "—");
  print_row (_("Mode:"), mode);
  print_row (_("Error budget:"), budget_line);
  print_row (_("Paused:"), paused);
  print_row (_("Last good:"), last_good);
  print_row (_("Updated:"), updated);
  fflush (stdout);
}

void
sluice_cli_print_status (SluiceRemoteStatus *status)
{
  g_autofree char *mode = describe_mode (status->mode, status->active_version, status->canary_percent,
                                         status->canary_segment);
  g_autofree char *budget = sluice_remote_error_budget_format (&status->error_budget);
  g_autofree char *paused = status->paused
                            ? g_strdup_printf (_("yes: %s"), status->paused_reason ? status->paused_reason : _("no reason given"))
                            : g_strdup (_("no"));
  char rate[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *counters = NULL;
  g_autofree char *when = sluice_cli_format_time (status->updated_at);
  g_autofree char *revision = g_strdup_printf ("%" PRId64, status->revision);

  g_ascii_formatd (rate, sizeof rate, "%.2f", status->error_rate * 100.0);
  counters = g_strdup_printf (_("%" PRId64 " events, %" PRId64 " actions, %"
                                PRId64 " errors (%s%% errors)"),
                              status->events, status->actions, status->errors, rate);

  print_row (_("Workflow:"), status->workflow ? status->workflow : "—");
  print_row (_("Revision:"), revision);
  print_row (_("Mode:"), mode);
  print_row (_("Paused:"), paused);
  print_row (_("Kill switch:"), status->kill_switch ? _("ENGAGED: nothing runs") : _("off"));
  print_row (_("Counters:"), counters);
  print_row (_("Error budget:"), budget);
  print_row (_("Updated:"), when);
  fflush (stdout);
}

/* The same rule as the server's, so a typo is caught before the network. */
gboolean
sluice_cli_parse_workflow_name (const char *name,
                                const char *command)
{
  gsize length = name ? strlen (name) : 0;
  gboolean ok = length >= 1 && length <= 63 && name[0] != '-' && name[length - 1] != '-';

  for (gsize i = 0; ok && i < length; i++)
    ok = g_ascii_islower (name[i]) || g_ascii_isdigit (name[i]) || name[i] == '-';
  if (!ok)
    g_printerr (_("sluice-cli %s: “%s” is not a workflow name: lower-case letters, digits and inner dashes, "
                  "at most 63\n"), command, name ? name : "");
  return ok;
}
