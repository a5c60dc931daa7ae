/* sluice-cli-common.c — what every command does the same way
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixinputstream.h>

#include "sluice-cli.h"
#include "sluice-yaml-tree.h"

/* Parses options; on a mistake, says what is wrong and how to get help. */
gboolean
sluice_cli_parse_options (GOptionContext   *context,
                          int              *argc,
                          char           ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("sluice-cli: %s\n", error->message);
      g_printerr (_("Run “%s --help” to see the options.\n"), (*argv)[0]);
      return FALSE;
    }

  return TRUE;
}

/**
 * sluice_cli_read_input:
 * @filename: a path, or "-" for standard input
 *
 * Reads a whole document, refusing anything over the document size limit
 * before reading it all.
 */
char *
sluice_cli_read_input (const char  *filename,
                       gsize       *length,
                       GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[64 * 1024];

  if (g_strcmp0 (filename, "-") == 0)
    stream = g_unix_input_stream_new (0, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (filename);
      stream = G_INPUT_STREAM (g_file_read (file, NULL, error));
      if (stream == NULL)
        return NULL;
    }

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (bytes->len + n > SLUICE_YAML_MAX_SIZE)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("the file is larger than %d bytes, the limit for a workflow"),
                       SLUICE_YAML_MAX_SIZE);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, n);
    }

  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

void
sluice_cli_print_diagnostics (SluiceDiagnostics *diagnostics,
                              const char        *filename,
                              FILE              *stream)
{
  const char *shown = g_strcmp0 (filename, "-") == 0 ? "<stdin>" : filename;

  sluice_diagnostics_sort (diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = sluice_diagnostic_format (g_ptr_array_index (diagnostics, i), shown);
      fprintf (stream, "%s\n", line);
    }
}
