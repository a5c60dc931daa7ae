/* fuzz-replay.c — runs the fuzz target over the corpus and past crashes
 *
 * A normal test: every input that once crashed (tests/fuzz/crashes/) and
 * every corpus entry keeps passing, with or without libFuzzer installed.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
replay_directory (gconstpointer user_data)
{
  const char *name = user_data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", name, NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *entry;
  guint n = 0;

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, entry, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_str_has_prefix (entry, "."))
        continue;
      g_file_get_contents (file, &contents, &length, &error);
      g_assert_no_error (error);
      g_test_message ("%s", entry);
      LLVMFuzzerTestOneInput ((const guint8 *) contents, length);
      n++;
    }

  g_test_message ("replayed %u inputs from %s", n, name);
  if (g_str_equal (name, "corpus"))
    g_assert_cmpuint (n, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  LLVMFuzzerInitialize (&argc, &argv);

  g_test_add_data_func ("/fuzz/replay/corpus", "corpus", replay_directory);
  g_test_add_data_func ("/fuzz/replay/crashes", "crashes", replay_directory);

  return g_test_run ();
}
