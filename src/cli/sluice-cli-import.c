/* sluice-cli-import.c — sluice-cli import
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixinputstream.h>

#include "sluice-cli.h"
#include "sluice-event-store.h"

/* Rejections printed per file; the rest are counted (and kept in the
 * dataset's rejections table). */
#define MAX_PRINTED_REJECTIONS 20

static void
print_progress (const SluiceImportProgress *progress,
                gpointer                    user_data)
{
  const char *name = user_data;

  if (progress->bytes_total > 0)
    g_printerr ("\r%s: %3.0f%%, %" PRIu64 " events", name,
                100.0 * progress->bytes_read / progress->bytes_total, progress->events_read);
  else
    g_printerr ("\r%s: %" PRIu64 " events", name, progress->events_read);
}

int
sluice_cli_import (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(SluiceEventMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dataset = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *id_path = NULL, *type_path = NULL, *type = NULL, *source_path = NULL;
  g_autofree char *source = NULL, *time_path = NULL, *time = NULL, *tenant_path = NULL;
  g_autofree char *subject_path = NULL, *data_path = NULL;
  SluiceEventFormat format = SLUICE_EVENT_FORMAT_AUTO;
  gboolean show_progress = isatty (2);
  int status = SLUICE_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &dataset,
      N_("The dataset to import into; created when it does not exist"), N_("DB") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("auto (default), jsonl, json or cloudevents"), N_("FORMAT") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset,
      N_("Field mapping for non-CloudEvents JSON: gharchive, eventbridge or github-webhook"), N_("NAME") },
    { "id-path", 0, 0, G_OPTION_ARG_STRING, &id_path, N_("Field holding the event id (default: derived from the content)"), N_("PATH") },
    { "type-path", 0, 0, G_OPTION_ARG_STRING, &type_path, N_("Field holding the event type"), N_("PATH") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("The type of every event, e.g. a webhook's event name"), N_("TYPE") },
    { "source-path", 0, 0, G_OPTION_ARG_STRING, &source_path, N_("Field holding the event source"), N_("PATH") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("The source of every event"), N_("URI") },
    { "time-path", 0, 0, G_OPTION_ARG_STRING, &time_path, N_("Field holding the event time"), N_("PATH") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &time, N_("The time of every event (RFC 3339)"), N_("TIME") },
    { "tenant-path", 0, 0, G_OPTION_ARG_STRING, &tenant_path, N_("Field holding the tenant"), N_("PATH") },
    { "subject-path", 0, 0, G_OPTION_ARG_STRING, &subject_path, N_("Field holding the subject"), N_("PATH") },
    { "data-path", 0, 0, G_OPTION_ARG_STRING, &data_path, N_("Field holding the payload (default: the whole object)"), N_("PATH") },
    { NULL }
  };

  context = g_option_context_new (_("FILE… — import events into a dataset"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Reads JSON Lines, JSON arrays and CloudEvents (also gzip-compressed, and “-”\n"
      "for standard input) into an SQLite dataset. Every value that cannot be\n"
      "imported is reported with its line and the reason; the rest is imported.\n"
      "Events already in the dataset are skipped.\n\n"
      "Exit status: 0 when everything was imported, 1 when some values were\n"
      "rejected, 2 when a file or the dataset cannot be used."));

  if (!sluice_cli_parse_options (context, &argc, &argv))
    return SLUICE_CLI_EXIT_USAGE;

  if (dataset == NULL || argc < 2)
    {
      g_printerr (_("sluice-cli import: give --dataset DB and at least one event file\n"));
      return SLUICE_CLI_EXIT_USAGE;
    }
  if (format_name != NULL && !sluice_event_format_from_string (format_name, &format))
    {
      g_printerr (_("sluice-cli import: unknown format “%s”; use auto, jsonl, json or cloudevents\n"), format_name);
      return SLUICE_CLI_EXIT_USAGE;
    }

  if (preset != NULL)
    {
      mapping = sluice_event_mapping_new_preset (preset, &error);
      if (mapping == NULL)
        {
          g_printerr ("sluice-cli import: %s\n", error->message);
          return SLUICE_CLI_EXIT_USAGE;
        }
    }
  if (id_path || type_path || type || source_path || source || time_path || time
      || tenant_path || subject_path || data_path)
    {
      if (mapping == NULL)
        mapping = sluice_event_mapping_new ();
#define SET(field) if (field) { g_free (mapping->field); mapping->field = g_strdup (field); }
      SET (id_path) SET (type_path) SET (type) SET (source_path) SET (source)
      SET (time_path) SET (tenant_path) SET (subject_path) SET (data_path)
#undef SET
      if (time != NULL)
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (time, NULL);

          if (when == NULL)
            {
              g_printerr (_("sluice-cli import: --time “%s” is not an RFC 3339 time such as 2026-11-01T00:00:00Z\n"), time);
              return SLUICE_CLI_EXIT_USAGE;
            }
          mapping->time_ms = g_date_time_to_unix (when) * 1000 + g_date_time_get_microsecond (when) / 1000;
          mapping->has_time = TRUE;
        }
    }

  store = sluice_event_store_open (dataset, &error);
  if (store == NULL)
    {
      g_printerr ("sluice-cli import: %s\n", error->message);
      return SLUICE_CLI_EXIT_USAGE;
    }

  for (int i = 1; i < argc; i++)
    {
      const char *filename = argv[i];
      g_autoptr(SluiceImportReport) report = NULL;
      g_autoptr(GError) import_error = NULL;

      if (g_str_equal (filename, "-"))
        {
          g_autoptr(GInputStream) input = g_unix_input_stream_new (0, FALSE);
          report = sluice_event_store_import (store, input, "<stdin>", 0, format, mapping,
                                              show_progress ? print_progress : NULL, (gpointer) "<stdin>",
                                              NULL, &import_error);
        }
      else
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (filename);
          report = sluice_event_store_import_file (store, file, format, mapping,
                                                   show_progress ? print_progress : NULL, (gpointer) filename,
                                                   NULL, &import_error);
        }
      if (show_progress)
        g_printerr ("\r\033[K");

      if (report == NULL)
        {
          g_printerr (_("sluice-cli import: %s: %s (nothing of it was imported)\n"), filename, import_error->message);
          status = SLUICE_CLI_EXIT_USAGE;
          continue;
        }

      for (guint r = 0; r < MIN (report->rejections->len, MAX_PRINTED_REJECTIONS); r++)
        {
          SluiceImportRejection *rejection = g_ptr_array_index (report->rejections, r);
          printf ("%s:%u: %s\n", filename, rejection->line, rejection->reason);
        }
      if (report->rejected > MAX_PRINTED_REJECTIONS)
        printf (_("%s: … and %" PRIu64 " more rejected values\n"), filename,
                report->rejected - MAX_PRINTED_REJECTIONS);

      printf (_("%s: %" PRIu64 " events read, %" PRIu64 " added, %" PRIu64 " already in the dataset, %" PRIu64 " rejected (%" PRId64 " ms)\n"),
              filename, report->events_read, report->events_added, report->duplicates, report->rejected,
              report->elapsed_ms);

      if (report->rejected > 0 && status == SLUICE_CLI_EXIT_OK)
        status = SLUICE_CLI_EXIT_FAILED;
    }

  return status;
}
