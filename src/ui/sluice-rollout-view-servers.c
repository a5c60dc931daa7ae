/* sluice-rollout-view-servers.c — the Rollout view's servers and sign-in
 *
 * Saved servers come from GSettings (sluice-remote-servers), tokens from
 * the keyring (sluice-remote-token). When no keyring answers, a token is
 * kept in memory for the rest of the session, and the view says so.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sluice-remote-token.h"
#include "sluice-rollout-view-private.h"

/* URL → token, for this process: what the keyring could not keep */
static GHashTable *session_tokens;

static const char *
session_token (const char *url)
{
  return session_tokens ? g_hash_table_lookup (session_tokens, url) : NULL;
}

static void
remember_session_token (const char *url,
                        const char *token)
{
  if (session_tokens == NULL)
    session_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (token != NULL)
    g_hash_table_replace (session_tokens, g_strdup (url), g_strdup (token));
  else
    g_hash_table_remove (session_tokens, url);
}

static void
show_connection_problem (SluiceRolloutView *self,
                         const char        *title,
                         const GError      *error)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->connection_row), title);
  adw_action_row_set_subtitle (self->connection_row, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->connection_row), TRUE);
  g_free (self->error);
  self->error = g_strdup (error->message);
  sluice_rollout_view_update_state (self);
  sluice_rollout_view_updated (self);
}

/* ---- who am I --------------------------------------------------------------------------- */

typedef struct
{
  SluiceRolloutView *self;
  char              *token_to_store;  /* typed in: goes to the keyring once it works */
} WhoamiData;

static void
whoami_data_free (WhoamiData *data)
{
  g_object_unref (data->self);
  g_free (data->token_to_store);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WhoamiData, whoami_data_free)

static void
token_stored_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WhoamiData) data = user_data;
  SluiceRolloutView *self = data->self;
  g_autoptr(GError) error = NULL;

  if (sluice_remote_token_store_finish (result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* still signed in: only the next session will have to ask again */
  if (self->client != NULL)
    remember_session_token (sluice_remote_client_get_base_url (self->client), data->token_to_store);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_row), TRUE);
  if (!g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_KEYRING))
    adw_action_row_set_subtitle (self->keyring_row, error->message);
}

static void
whoami_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WhoamiData) data = user_data;
  SluiceRolloutView *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;

  if (!sluice_remote_client_whoami_finish (SLUICE_REMOTE_CLIENT (source), result, &name, &role, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_UNAUTHENTICATED))
        {
          sluice_remote_client_set_token (self->client, NULL);
          remember_session_token (sluice_remote_client_get_base_url (self->client), NULL);
          show_connection_problem (self, _("The server refused this token"), error);
          gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
        }
      else
        show_connection_problem (self, _("Could not reach the server"), error);
      return;
    }

  if (source != G_OBJECT (self->client))
    return;

  g_free (self->name);
  self->name = g_steal_pointer (&name);
  g_free (self->role);
  self->role = g_steal_pointer (&role);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");

  if (data->token_to_store != NULL)
    {
      const char *token = data->token_to_store;

      sluice_remote_token_store_async (sluice_remote_client_get_base_url (self->client), token,
                                       self->cancellable, token_stored_cb, g_steal_pointer (&data));
    }

  sluice_rollout_view_signed_in (self);
}

static void
check_identity (SluiceRolloutView *self,
                const char        *token_to_store)
{
  WhoamiData *data = g_new0 (WhoamiData, 1);

  data->self = g_object_ref (self);
  data->token_to_store = g_strdup (token_to_store);
  gtk_widget_set_visible (GTK_WIDGET (self->connection_row), FALSE);
  sluice_remote_client_whoami_async (self->client, self->cancellable, whoami_cb, data);
}

static void
token_found_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = sluice_remote_token_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->client == NULL)
    return;

  if (token == NULL)
    {
      /* no token yet, or no keyring: the token row asks for one */
      if (error != NULL && g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_KEYRING))
        gtk_widget_set_visible (GTK_WIDGET (self->keyring_row), TRUE);
      sluice_rollout_view_update_state (self);
      return;
    }

  sluice_remote_client_set_token (self->client, token);
  check_identity (self, NULL);
}

/**
 * sluice_rollout_view_use_client:
 * @token: (nullable): the token to use; without one, the session's or
 *   the keyring's, else the author is asked
 *
 * Talks to @client's server from now on.
 */
void
sluice_rollout_view_use_client (SluiceRolloutView  *self,
                                SluiceRemoteClient *client,
                                const char         *token)
{
  const char *url = sluice_remote_client_get_base_url (client);

  sluice_rollout_view_disconnect (self);
  self->client = g_object_ref (client);
  gtk_widget_set_visible (GTK_WIDGET (self->tls_warning_row), sluice_remote_client_get_tls_insecure (client));
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->connection_row), FALSE);

  if (token == NULL)
    token = session_token (url);

  if (token != NULL)
    {
      sluice_remote_client_set_token (self->client, token);
      check_identity (self, NULL);
    }
  else
    sluice_remote_token_lookup_async (url, self->cancellable, token_found_cb, g_object_ref (self));

  sluice_rollout_view_refresh (self);
}

static void
token_apply_cb (SluiceRolloutView *self)
{
  g_autofree char *token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));

  if (token[0] == '\0')
    return;
  if (self->client == NULL)
    {
      sluice_rollout_view_toast (self, _("Choose or add a server first"));
      return;
    }

  g_clear_pointer (&self->role, g_free);
  sluice_remote_client_set_token (self->client, token);
  check_identity (self, token);
}

/* ---- choosing a server --------------------------------------------------------------------- */

static void
connect_selected (SluiceRolloutView *self)
{
  guint selected = adw_combo_row_get_selected (self->server_row);
  SluiceRemoteServer *server;
  g_autoptr(SluiceRemoteClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (self->server_list == NULL || selected >= self->server_list->len)
    return;

  server = g_ptr_array_index (self->server_list, selected);
  if (self->client != NULL && g_strcmp0 (sluice_remote_client_get_base_url (self->client), server->url) == 0
      && sluice_remote_client_get_tls_insecure (self->client) == server->tls_insecure)
    return;

  client = sluice_remote_client_new (server->url, &error);
  if (client == NULL)
    {
      sluice_rollout_view_disconnect (self);
      show_connection_problem (self, _("This server’s address is not usable"), error);
      return;
    }
  sluice_remote_client_set_tls_insecure (client, server->tls_insecure);
  if (server->name != NULL)
    sluice_remote_client_set_display_name (client, server->name);
  sluice_rollout_view_use_client (self, client, NULL);
}

static void
server_selected_cb (SluiceRolloutView *self)
{
  if (self->filling_servers)
    return;
  sluice_rollout_view_update_remove_server (self);
  connect_selected (self);
}

static char *
server_label (SluiceRemoteServer *server)
{
  return server->name ? g_strdup (server->name) : g_strdup (server->url);
}

/**
 * sluice_rollout_view_fill_servers:
 * @select: (nullable): the name to select, else the first
 *
 * Lists the saved servers, plus the address in use if it is not saved,
 * and connects to the selected one.
 */
void
sluice_rollout_view_fill_servers (SluiceRolloutView *self,
                                  const char        *select)
{
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  SluiceRemoteServer *adhoc = NULL;
  guint selected = 0;

  /* an address given directly stays in the list */
  if (self->client != NULL && self->server_list != NULL)
    for (guint i = 0; i < self->server_list->len; i++)
      {
        SluiceRemoteServer *server = g_ptr_array_index (self->server_list, i);

        if (server->name == NULL && g_strcmp0 (server->url, sluice_remote_client_get_base_url (self->client)) == 0)
          {
            adhoc = g_new0 (SluiceRemoteServer, 1);
            adhoc->url = g_strdup (server->url);
            adhoc->tls_insecure = server->tls_insecure;
          }
      }

  g_clear_pointer (&self->server_list, g_ptr_array_unref);
  self->server_list = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_remote_server_free);
  if (self->servers != NULL)
    saved = sluice_remote_servers_list (self->servers);

  for (guint i = 0; saved != NULL && i < saved->len; i++)
    {
      SluiceRemoteServer *server = g_ptr_array_index (saved, i);
      SluiceRemoteServer *copy = g_new0 (SluiceRemoteServer, 1);

      copy->name = g_strdup (server->name);
      copy->url = g_strdup (server->url);
      copy->tls_insecure = server->tls_insecure;
      if (select != NULL && g_strcmp0 (select, server->name) == 0)
        selected = self->server_list->len;
      else if (select == NULL && self->client != NULL
               && g_strcmp0 (server->url, sluice_remote_client_get_base_url (self->client)) == 0)
        selected = self->server_list->len;
      g_ptr_array_add (self->server_list, copy);
    }
  if (adhoc != NULL)
    {
      if (select == NULL)
        selected = self->server_list->len;
      g_ptr_array_add (self->server_list, adhoc);
    }

  for (guint i = 0; i < self->server_list->len; i++)
    g_ptr_array_add (labels, server_label (g_ptr_array_index (self->server_list, i)));
  g_ptr_array_add (labels, NULL);

  self->filling_servers = TRUE;
  gtk_string_list_splice (self->server_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->server_model)),
                          (const char * const *) labels->pdata);
  if (self->server_list->len > 0)
    adw_combo_row_set_selected (self->server_row, selected);
  self->filling_servers = FALSE;

  sluice_rollout_view_update_remove_server (self);
  if (self->server_list->len == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->server_row), _("None saved yet: add one"));
  else
    {
      SluiceRemoteServer *server = g_ptr_array_index (self->server_list, adw_combo_row_get_selected (self->server_row));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->server_row), server->name ? server->url : NULL);
    }

  connect_selected (self);
}

/**
 * sluice_rollout_view_connect:
 *
 * Signs in to @url with @token, for this session: neither the address nor
 * the token is saved.
 */
void
sluice_rollout_view_connect (SluiceRolloutView *self,
                             const char        *url,
                             gboolean           tls_insecure,
                             const char        *token)
{
  g_autoptr(SluiceRemoteClient) client = NULL;
  g_autoptr(GError) error = NULL;
  SluiceRemoteServer *server;

  g_return_if_fail (SLUICE_IS_ROLLOUT_VIEW (self));
  g_return_if_fail (url != NULL);

  client = sluice_remote_client_new (url, &error);
  if (client == NULL)
    {
      show_connection_problem (self, _("This server’s address is not usable"), error);
      return;
    }
  sluice_remote_client_set_tls_insecure (client, tls_insecure);
  if (token != NULL)
    remember_session_token (sluice_remote_client_get_base_url (client), token);
  sluice_rollout_view_use_client (self, client, token);

  /* listed, so that the combo row says where we are */
  server = g_new0 (SluiceRemoteServer, 1);
  server->url = g_strdup (sluice_remote_client_get_base_url (client));
  server->tls_insecure = tls_insecure;
  if (self->server_list == NULL)
    self->server_list = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_remote_server_free);
  g_ptr_array_add (self->server_list, server);
  sluice_rollout_view_fill_servers (self, NULL);
}

/**
 * sluice_rollout_view_connect_from_environment:
 *
 * Signs in to $SLUICE_SERVER with $SLUICE_TOKEN for this session, when
 * the first names an address (a saved server's name is chosen from the
 * list instead) and it has not been tried yet.
 *
 * Returns: whether it did
 */
gboolean
sluice_rollout_view_connect_from_environment (SluiceRolloutView *self)
{
  const char *url = g_getenv ("SLUICE_SERVER");

  if (self->environment_tried || url == NULL || !sluice_remote_check_url (url, NULL))
    return FALSE;
  self->environment_tried = TRUE;
  sluice_rollout_view_connect (self, url, FALSE, g_getenv ("SLUICE_TOKEN"));
  return TRUE;
}

/* ---- adding a server -------------------------------------------------------------------------- */

typedef struct
{
  AdwMessageDialog *dialog;
  AdwEntryRow      *name_row;
  AdwEntryRow      *url_row;
  GtkSwitch        *insecure_switch;
  GtkLabel         *problem;
} AddServerForm;

static void
add_server_validate_cb (AddServerForm *form)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (form->name_row));
  const char *url = gtk_editable_get_text (GTK_EDITABLE (form->url_row));
  g_autoptr(GError) error = NULL;
  gboolean ok = name[0] != '\0' && url[0] != '\0' && sluice_remote_check_url (url, &error);

  if (url[0] != '\0' && error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (form->url_row), "error");
      gtk_label_set_label (form->problem, error->message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (form->url_row), "error");
      gtk_label_set_label (form->problem, "");
    }
  gtk_widget_set_visible (GTK_WIDGET (form->problem), gtk_label_get_label (form->problem)[0] != '\0');
  adw_message_dialog_set_response_enabled (form->dialog, "add", ok);
}

static void
add_server_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        SluiceRolloutView *self)
{
  AddServerForm *form = g_object_get_data (G_OBJECT (dialog), "sluice-form");
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->name_row))));
  if (self->servers == NULL
      || !sluice_remote_servers_add (self->servers, name,
                                     gtk_editable_get_text (GTK_EDITABLE (form->url_row)),
                                     gtk_switch_get_active (form->insecure_switch), &error))
    {
      if (error == NULL)
        g_set_error_literal (&error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS,
                             _("Saved servers are not available: the settings schema is missing"));
      sluice_rollout_view_show_error (self, _("Could not add the server"), error);
      return;
    }

  sluice_rollout_view_fill_servers (self, name);
}

static void
add_server_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SluiceRolloutView *self = SLUICE_ROLLOUT_VIEW (widget);
  AddServerForm *form = g_new0 (AddServerForm, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  AdwActionRow *insecure_row;

  form->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (sluice_rollout_view_get_window (self),
                                                             _("Add a Control Plane"),
                                                             _("Its address, as its admin gave it to you. "
                                                               "The access token is asked for next.")));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  form->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->name_row), _("Name"));
  form->url_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->url_row), _("Address (https://…)"));
  gtk_editable_set_text (GTK_EDITABLE (form->url_row), "https://");
  adw_entry_row_set_input_purpose (form->url_row, GTK_INPUT_PURPOSE_URL);

  insecure_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (insecure_row), _("Accept a Self-Signed Certificate"));
  adw_action_row_set_subtitle (insecure_row,
                               _("Any certificate is then accepted: someone in between could read your token. "
                                 "Only for test servers."));
  adw_action_row_set_icon_name (insecure_row, "dialog-warning-symbolic");
  form->insecure_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (form->insecure_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (insecure_row, GTK_WIDGET (form->insecure_switch));
  adw_action_row_set_activatable_widget (insecure_row, GTK_WIDGET (form->insecure_switch));
  gtk_widget_add_css_class (GTK_WIDGET (insecure_row), "warning");

  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (form->name_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (form->url_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (insecure_row));
  gtk_box_append (GTK_BOX (box), list);

  form->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->problem, TRUE);
  gtk_label_set_xalign (form->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (form->problem), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->problem));

  adw_message_dialog_set_extra_child (form->dialog, box);
  adw_message_dialog_add_responses (form->dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (form->dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (form->dialog, "add", FALSE);
  adw_message_dialog_set_default_response (form->dialog, "add");
  adw_message_dialog_set_close_response (form->dialog, "cancel");

  g_object_set_data_full (G_OBJECT (form->dialog), "sluice-form", form, g_free);
  g_signal_connect_swapped (form->name_row, "changed", G_CALLBACK (add_server_validate_cb), form);
  g_signal_connect_swapped (form->url_row, "changed", G_CALLBACK (add_server_validate_cb), form);
  g_signal_connect_object (form->dialog, "response", G_CALLBACK (add_server_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (form->dialog));
}

/* ---- signing out -------------------------------------------------------------------------------- */

static void
token_cleared_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SluiceRolloutView) self = user_data;
  g_autoptr(GError) error = NULL;

  /* with no keyring there was nothing stored to clear */
  if (!sluice_remote_token_clear_finish (result, &error)
      && !g_error_matches (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_KEYRING))
    sluice_rollout_view_show_error (self, _("Could not remove the token from the keyring"), error);
}

static void
forget_token_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SluiceRolloutView *self = SLUICE_ROLLOUT_VIEW (widget);
  g_autofree char *url = NULL;

  if (self->client == NULL)
    return;

  url = g_strdup (sluice_remote_client_get_base_url (self->client));
  remember_session_token (url, NULL);
  sluice_remote_client_set_token (self->client, NULL);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);
  sluice_remote_token_clear_async (url, NULL, token_cleared_cb, g_object_ref (self));
  sluice_rollout_view_refresh (self);
  sluice_rollout_view_updated (self);
}

static SluiceRemoteServer *
selected_server (SluiceRolloutView *self)
{
  guint selected = adw_combo_row_get_selected (self->server_row);

  if (self->server_list == NULL || selected >= self->server_list->len)
    return NULL;
  return g_ptr_array_index (self->server_list, selected);
}

/* Only saved servers can be removed; one given for the session goes with it. */
void
sluice_rollout_view_update_remove_server (SluiceRolloutView *self)
{
  SluiceRemoteServer *server = selected_server (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rollout.remove-server",
                                 self->servers != NULL && server != NULL && server->name != NULL);
}

static void
remove_server_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SluiceRolloutView *self = SLUICE_ROLLOUT_VIEW (widget);
  SluiceRemoteServer *server = selected_server (self);
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (server == NULL || server->name == NULL || self->servers == NULL)
    return;

  name = g_strdup (server->name);
  url = g_strdup (server->url);
  if (!sluice_remote_servers_remove (self->servers, name, &error))
    {
      sluice_rollout_view_show_error (self, _("Could not remove the server"), error);
      return;
    }

  /* its token must not outlive it in the keyring */
  remember_session_token (url, NULL);
  sluice_remote_token_clear_async (url, NULL, token_cleared_cb, g_object_ref (self));
  sluice_rollout_view_disconnect (self);
  sluice_rollout_view_fill_servers (self, NULL);
  sluice_rollout_view_refresh (self);
  sluice_rollout_view_updated (self);

  /* Translators: %s is the name of a saved server */
  message = g_strdup_printf (_("Removed the server “%s”"), name);
  sluice_rollout_view_toast (self, message);
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SluiceRolloutView *self = SLUICE_ROLLOUT_VIEW (widget);

  if (self->client != NULL && sluice_remote_client_has_token (self->client))
    check_identity (self, NULL);
  else
    {
      /* the address itself was the problem: start from the selection */
      sluice_rollout_view_disconnect (self);
      connect_selected (self);
    }
}

/* ---- setup ---------------------------------------------------------------------------------------- */

void
sluice_rollout_view_servers_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, server_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_apply_cb);

  gtk_widget_class_install_action (widget_class, "rollout.add-server", NULL, add_server_action);
  gtk_widget_class_install_action (widget_class, "rollout.forget-token", NULL, forget_token_action);
  gtk_widget_class_install_action (widget_class, "rollout.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "rollout.remove-server", NULL, remove_server_action);
}

void
sluice_rollout_view_servers_init (SluiceRolloutView *self)
{
  g_autoptr(GError) error = NULL;

  self->servers = sluice_remote_servers_new (&error);
  if (self->servers == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->server_row), error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "rollout.add-server", FALSE);
    }
  sluice_rollout_view_update_remove_server (self);
}
