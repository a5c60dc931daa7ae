/* sluice-cli-generate-sample.c — sluice-cli generate-sample
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixoutputstream.h>

#include "sluice-cli.h"
#include "sluice-sample-generator.h"

#define MSEC_PER_DAY G_GINT64_CONSTANT (86400000)

typedef struct
{
  guint last_percent;
} Progress;

static void
progress_cb (guint64  n_written,
             guint64  n_events,
             gpointer user_data)
{
  Progress *progress = user_data;
  guint percent = n_events > 0 ? (guint) (n_written * 100 / n_events) : 100;

  if (percent == progress->last_percent)
    return;
  progress->last_percent = percent;

  /* one line that counts up, on a terminal only */
  fputc ('\r', stderr);
  fprintf (stderr, _("Generating sample events… %u%%"), percent);
  if (n_written == n_events)
    fputc ('\n', stderr);
  fflush (stderr);
}

/* RFC 3339 ("2026-11-01T00:00:00Z"); a bare date means its midnight, UTC. */
static gboolean
parse_end_time (const char *text,
                gint64     *end_ms)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL && strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);
      time = g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (time == NULL)
    return FALSE;

  *end_ms = g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
  return TRUE;
}

/* Parses a whole number between @min and @max, or says what is wrong. */
static gboolean
parse_count (const char *option,
             const char *text,
             guint64     min,
             guint64     max,
             guint64    *value)
{
  if (!g_ascii_string_to_unsigned (text, 10, min, max, value, NULL))
    {
      g_autofree char *min_text = g_strdup_printf ("%" PRIu64, min);
      g_autofree char *max_text = g_strdup_printf ("%" PRIu64, max);

      g_printerr (_("sluice-cli generate-sample: %s wants a whole number from %s to %s, not “%s”\n"),
                  option, min_text, max_text, text);
      return FALSE;
    }
  return TRUE;
}

int
sluice_cli_generate_sample (int    argc,
                            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GOutputStream) file_stream = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *events_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *days_text = NULL;
  g_autofree char *tenants_text = NULL;
  g_autofree char *accounts_text = NULL;
  g_autofree char *output = NULL;
  SluiceSampleOptions options;
  Progress progress = { G_MAXUINT };
  gboolean existed = FALSE;
  guint64 value;
  const GOptionEntry entries[] = {
    { "events", 'n', 0, G_OPTION_ARG_STRING, &events_text,
      N_("How many events to generate (required)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the random numbers, 0 to 4294967295 (default: 1)"), N_("S") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end_text,
      N_("End of the time window, RFC 3339 (default: 2026-11-01T00:00:00Z)"), N_("TIME") },
    { "days", 'd', 0, G_OPTION_ARG_STRING, &days_text,
      N_("Length of the time window in days (default: 30)"), N_("D") },
    { "tenants", 0, 0, G_OPTION_ARG_STRING, &tenants_text,
      N_("Number of tenants (default: 20)"), N_("N") },
    { "accounts", 0, 0, G_OPTION_ARG_STRING, &accounts_text,
      N_("Number of accounts (default: 50000)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output; gzip-compressed if FILE ends in .gz"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("— generate sample events of the demo domain"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Writes CloudEvents 1.0 as JSON Lines: usage.updated, agreement.updated,\n"
      "account.updated, contact.created and invoice.paid events of accounts in\n"
      "several tenants, in time order over the days before the end time. The same\n"
      "options always give the same bytes, so a sample can be made again anywhere.\n\n"
      "Example:\n"
      "  sluice-cli generate-sample --events 1000000 --output events.jsonl.gz\n\n"
      "Exit status: 0 on success, 1 when the output cannot be written, 2 when the\n"
      "options are wrong."));

  if (!sluice_cli_parse_options (context, &argc, &argv))
    return SLUICE_CLI_EXIT_USAGE;

  if (argc > 1)
    {
      g_printerr (_("sluice-cli generate-sample: takes no arguments; did you mean --output %s?\n"), argv[1]);
      return SLUICE_CLI_EXIT_USAGE;
    }
  if (events_text == NULL)
    {
      g_printerr (_("sluice-cli generate-sample: say how many events to generate with --events N\n"));
      return SLUICE_CLI_EXIT_USAGE;
    }

  sluice_sample_options_init (&options);

  if (!parse_count ("--events", events_text, 0, SLUICE_SAMPLE_MAX_EVENTS, &options.n_events))
    return SLUICE_CLI_EXIT_USAGE;
  if (seed_text != NULL)
    {
      if (!parse_count ("--seed", seed_text, 0, G_MAXUINT32, &value))
        return SLUICE_CLI_EXIT_USAGE;
      options.seed = (guint32) value;
    }
  if (days_text != NULL)
    {
      if (!parse_count ("--days", days_text, 1, SLUICE_SAMPLE_MAX_DAYS, &value))
        return SLUICE_CLI_EXIT_USAGE;
      options.days = (guint) value;
    }
  if (tenants_text != NULL)
    {
      if (!parse_count ("--tenants", tenants_text, 1, SLUICE_SAMPLE_MAX_TENANTS, &value))
        return SLUICE_CLI_EXIT_USAGE;
      options.n_tenants = (guint) value;
    }
  if (accounts_text != NULL)
    {
      if (!parse_count ("--accounts", accounts_text, 1, SLUICE_SAMPLE_MAX_ACCOUNTS, &value))
        return SLUICE_CLI_EXIT_USAGE;
      options.n_accounts = (guint) value;
    }
  if (end_text != NULL && !parse_end_time (end_text, &options.end_ms))
    {
      g_printerr (_("sluice-cli generate-sample: --end wants a time like 2026-11-01T00:00:00Z, not “%s”\n"),
                  end_text);
      return SLUICE_CLI_EXIT_USAGE;
    }
  if (!sluice_sample_options_check (&options, &error))
    {
      g_printerr ("sluice-cli generate-sample: %s\n", error->message);
      return SLUICE_CLI_EXIT_USAGE;
    }

  if (output == NULL || g_str_equal (output, "-"))
    stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  else
    {
      file = g_file_new_for_commandline_arg (output);
      existed = g_file_query_exists (file, NULL);
      file_stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE,
                                                     NULL, &error));
      if (file_stream == NULL)
        {
          g_printerr (_("sluice-cli generate-sample: cannot write %s: %s\n"), output, error->message);
          return SLUICE_CLI_EXIT_FAILED;
        }

      if (g_str_has_suffix (output, ".gz"))
        {
          g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);

          /* No file info: the gzip header then holds no name and no time,
           * so the file is as reproducible as its contents. */
          stream = g_converter_output_stream_new (file_stream, G_CONVERTER (compressor));
        }
      else
        stream = g_object_ref (file_stream);
    }

  if (!sluice_sample_generator_write (stream, &options,
                                      isatty (STDERR_FILENO) ? progress_cb : NULL, &progress,
                                      NULL, &error)
      || !g_output_stream_close (stream, NULL, &error))
    {
      g_printerr (_("sluice-cli generate-sample: cannot write %s: %s\n"),
                  output != NULL ? output : _("standard output"), error->message);

      /* Leave no half-written file behind: closing with a cancelled
       * cancellable keeps a file that was there, and one we made goes. */
      if (file_stream != NULL)
        {
          g_autoptr(GCancellable) cancelled = g_cancellable_new ();

          g_cancellable_cancel (cancelled);
          g_output_stream_close (file_stream, cancelled, NULL);
          if (!existed)
            g_file_delete (file, NULL, NULL);
        }
      return SLUICE_CLI_EXIT_FAILED;
    }

  return SLUICE_CLI_EXIT_OK;
}
