/* test-remote-settings.c — saved servers in GSettings and tokens in the
 * keyring (libsecret's file backend in a temporary folder)
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "remote-test-util.h"
#include "sluice-remote-error.h"
#include "sluice-remote-servers.h"
#include "sluice-remote-token.h"

static char *work_dir;

static void
test_servers_saved (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SluiceRemoteServers) servers = sluice_remote_servers_new (&error);
  g_autoptr(SluiceRemoteServers) other = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(SluiceRemoteServer) found = NULL;
  g_autoptr(SluiceRemoteServer) by_url = NULL;
  g_autoptr(SluiceRemoteServer) plain = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) value = NULL;

  g_assert_no_error (error);
  g_assert_true (sluice_remote_servers_add (servers, "prod", "https://sluice.example.com", FALSE, &error));
  g_assert_true (sluice_remote_servers_add (servers, "demo", "https://127.0.0.1:8470", TRUE, &error));
  /* same name: replaced, not doubled */
  g_assert_true (sluice_remote_servers_add (servers, "prod", "https://sluice2.example.com", FALSE, &error));
  g_assert_no_error (error);

  /* another reader sees it: it is in the settings, as a(ssb) */
  other = sluice_remote_servers_new (&error);
  list = sluice_remote_servers_list (other);
  g_assert_cmpuint (list->len, ==, 2);
  settings = g_settings_new (SLUICE_REMOTE_SETTINGS_SCHEMA);
  value = g_settings_get_value (settings, "servers");
  g_assert_cmpstr (g_variant_get_type_string (value), ==, "a(ssb)");

  found = sluice_remote_servers_lookup (servers, "demo");
  g_assert_cmpstr (found->url, ==, "https://127.0.0.1:8470");
  g_assert_true (found->tls_insecure);

  /* an address given as is takes the settings of the saved server at that address */
  by_url = sluice_remote_servers_resolve (servers, "https://127.0.0.1:8470/", &error);
  g_assert_cmpstr (by_url->name, ==, "demo");
  g_assert_true (by_url->tls_insecure);
  plain = sluice_remote_servers_resolve (servers, "http://10.0.0.1:1", &error);
  g_assert_null (plain->name);
  g_assert_false (plain->tls_insecure);

  g_assert_null (sluice_remote_servers_resolve (servers, "staging", &error));
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS);
  g_assert_nonnull (strstr (error->message, "staging"));
  g_clear_error (&error);

  g_assert_false (sluice_remote_servers_add (servers, "bad", "not a url", FALSE, &error));
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS);
  g_clear_error (&error);

  g_assert_true (sluice_remote_servers_remove (servers, "prod", &error));
  g_assert_false (sluice_remote_servers_remove (servers, "prod", &error));
  g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sluice_remote_servers_list (servers);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (sluice_remote_servers_remove (servers, "demo", NULL));
}

static void
test_servers_without_schema (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SluiceRemoteServers) servers = NULL;
      g_autoptr(SluiceRemoteServer) server = NULL;
      g_autofree char *empty = g_build_filename (work_dir, "no-schemas", NULL);

      g_mkdir_with_parents (empty, 0700);
      g_setenv ("GSETTINGS_SCHEMA_DIR", empty, TRUE);
      g_setenv ("XDG_DATA_DIRS", empty, TRUE);
      g_setenv ("XDG_DATA_HOME", empty, TRUE);

      servers = sluice_remote_servers_new (&error);
      g_assert_null (servers);
      g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_SETTINGS);
      g_assert_nonnull (strstr (error->message, "schema"));
      g_clear_error (&error);

      /* an address still works */
      server = sluice_remote_servers_resolve (NULL, "https://sluice.example.com", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (server->url, ==, "https://sluice.example.com");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_token_keyring (void)
{
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) found_slash = NULL;
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GAsyncResult) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_slash = NULL;
  g_autofree char *after = NULL;
  g_autofree char *keyring = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  sluice_remote_token_store_async ("https://sluice.example.com", "slc_super_secret_42", NULL,
                                   remote_test_got_result, &stored);
  if (!sluice_remote_token_store_finish (remote_test_wait (&stored), &error))
    {
      /* the message must say so clearly, then this machine cannot test more */
      g_assert_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_KEYRING);
      g_assert_nonnull (strstr (error->message, "keyring"));
      g_test_skip ("libsecret's file backend is not available here");
      return;
    }

  sluice_remote_token_lookup_async ("https://sluice.example.com", NULL, remote_test_got_result, &found);
  token = sluice_remote_token_lookup_finish (remote_test_wait (&found), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "slc_super_secret_42");

  /* the same server with a trailing slash */
  sluice_remote_token_lookup_async ("https://sluice.example.com/", NULL, remote_test_got_result, &found_slash);
  token_slash = sluice_remote_token_lookup_finish (remote_test_wait (&found_slash), &error);
  g_assert_cmpstr (token_slash, ==, "slc_super_secret_42");

  /* the keyring file is encrypted: the token is not in it as text */
  keyring = g_build_filename (work_dir, "keyring", NULL);
  g_assert_true (g_file_get_contents (keyring, &contents, &length, NULL));
  g_assert_null (g_strstr_len (contents, length, "slc_super_secret_42"));

  sluice_remote_token_clear_async ("https://sluice.example.com", NULL, remote_test_got_result, &cleared);
  g_assert_true (sluice_remote_token_clear_finish (remote_test_wait (&cleared), &error));
  sluice_remote_token_lookup_async ("https://sluice.example.com", NULL, remote_test_got_result, &gone);
  after = sluice_remote_token_lookup_finish (remote_test_wait (&gone), &error);
  g_assert_no_error (error);
  g_assert_null (after);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *config = NULL;
  g_autofree char *keyring = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* each process, subprocesses too, gets its own settings and keyring */
  work_dir = remote_test_mkdtemp ();
  config = g_build_filename (work_dir, "config", NULL);
  keyring = g_build_filename (work_dir, "keyring", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-only", TRUE);

  g_test_add_func ("/remote/servers/saved", test_servers_saved);
  g_test_add_func ("/remote/servers/without-schema", test_servers_without_schema);
  g_test_add_func ("/remote/token/keyring", test_token_keyring);

  status = g_test_run ();
  remote_test_rmdir (work_dir);
  g_free (work_dir);
  return status;
}
