/* test-sample-generator.c — the demo-domain sample events and generate-sample
 *
 * Generates samples in memory and reads every line back with json-glib:
 * each must be a CloudEvent 1.0 with the data its type promises, in time
 * order inside the window, and the mix must look like the demo domain
 * (type shares, a few full accounts, big contact lists). Then the same
 * through `sluice-cli generate-sample` ($SLUICE_CLI).
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sluice-sample-generator.h"

#define MSEC_PER_DAY G_GINT64_CONSTANT (86400000)

static char *work_dir;

/* ---- generating ---------------------------------------------------------------- */

static GBytes *
generate (const SluiceSampleOptions *options)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sluice_sample_generator_write (output, options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, NULL));

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

static GBytes *
generate_events (guint64 n_events,
                 guint32 seed)
{
  SluiceSampleOptions options;

  sluice_sample_options_init (&options);
  options.n_events = n_events;
  options.seed = seed;
  return generate (&options);
}

/* Everything @compressed holds, gunzipped. */
static GBytes *
gunzip (GInputStream *compressed)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) input = g_converter_input_stream_new (compressed, G_CONVERTER (decompressor));
  g_autoptr(GOutputStream) text = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (text, input, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (text));
}

/* ---- reading a sample back ----------------------------------------------------- */

enum { USAGE, AGREEMENT, ACCOUNT, CONTACT, INVOICE, N_TYPES };

static const struct {
  const char *type;
  const char *source;
  double      share;
} types[N_TYPES] = {
  { "usage.updated",     "//billing.sluice.example", 0.40 },
  { "agreement.updated", "//legal.sluice.example",   0.10 },
  { "account.updated",   "//crm.sluice.example",     0.15 },
  { "contact.created",   "//crm.sluice.example",     0.15 },
  { "invoice.paid",      "//billing.sluice.example", 0.20 },
};

/* What a pass over a sample found. */
typedef struct
{
  guint64     n_lines;
  guint64     n_bytes;
  guint64     n_types[N_TYPES];
  guint       max_tenant;
  guint       max_account;
  guint64     n_usage_80;              /* usage events at 80% or more */
  guint64     n_usage_85;
  GHashTable *storage_80;              /* accounts with storage at 80% or more */
  GHashTable *storage_85;
  guint64     n_many_contacts;         /* account.updated with more than 25 */
  guint       max_contacts;
} SampleStats;

static void
sample_stats_free (SampleStats *stats)
{
  g_clear_pointer (&stats->storage_80, g_hash_table_unref);
  g_clear_pointer (&stats->storage_85, g_hash_table_unref);
  g_free (stats);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SampleStats, sample_stats_free)

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_test_message ("missing or not a string: %s", member);
      g_test_fail ();
      return "";
    }
  return json_node_get_string (node);
}

static gint64
get_int (JsonObject *object,
         const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_test_message ("missing or not an integer: %s", member);
      g_test_fail ();
      return -1;
    }
  return json_node_get_int (node);
}

static gboolean
str_in (const char         *value,
        const char * const *choices)
{
  return g_strv_contains (choices, value);
}

static guint
parse_number_after (const char *text,
                    const char *prefix)
{
  guint64 value = 0;

  if (!g_str_has_prefix (text, prefix)
      || !g_ascii_string_to_unsigned (text + strlen (prefix), 10, 1, G_MAXUINT, &value, NULL))
    {
      g_test_message ("“%s” is not %sNUMBER", text, prefix);
      g_test_fail ();
    }
  return (guint) value;
}

/* The event's "time" must be RFC 3339 in UTC with milliseconds, exactly as
 * GDateTime writes it: a check of our hand-made calendar arithmetic. */
static gint64
check_time (const char *text)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);
  g_autofree char *seconds = NULL;
  g_autofree char *expected = NULL;

  g_assert_nonnull (time);
  if (time == NULL)
    return 0;
  seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  expected = g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (time) / 1000);
  g_assert_cmpstr (text, ==, expected);

  return g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
}

static void
check_usage (JsonObject  *data,
             SampleStats *stats)
{
  static const char * const metrics[] = { "storage", "seats", "api_calls", NULL };
  const char *metric = get_string (data, "metric");
  gint64 percent = get_int (data, "percent");

  g_assert_true (str_in (metric, metrics));
  g_assert_cmpint (percent, >=, 0);
  g_assert_cmpint (percent, <=, 100);
  g_assert_cmpint (get_int (data, "quota_gb"), >, 0);
  g_assert_nonnull (strchr (get_string (data, "owner_email"), '@'));
  g_assert_true (g_str_has_suffix (get_string (data, "csm_email"), "@sluice.example"));

  stats->n_usage_80 += percent >= 80;
  stats->n_usage_85 += percent >= 85;
  if (g_str_equal (metric, "storage") && percent >= 80)
    g_hash_table_add (stats->storage_80, g_strdup (get_string (data, "account")));
  if (g_str_equal (metric, "storage") && percent >= 85)
    g_hash_table_add (stats->storage_85, g_strdup (get_string (data, "account")));
}

static void
check_agreement (JsonObject *data,
                 gint64      time_ms)
{
  static const char * const kinds[] = { "MSA", "NDA", "DPA", NULL };
  const char *id = get_string (data, "agreement_id");
  gint64 days = get_int (data, "expires_in_days");
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (time_ms / 1000);
  g_autoptr(GDateTime) expires = g_date_time_add_days (time, (int) days);
  g_autofree char *expires_on = g_date_time_format (expires, "%Y-%m-%d");
  g_autofree char *url = g_strdup_printf ("https://docs.sluice.example/agreements/%s.pdf", id);
  JsonNode *contacts = json_object_get_member (data, "contacts");

  g_assert_true (g_str_has_prefix (id, "agr-"));
  g_assert_true (str_in (get_string (data, "kind"), kinds));
  g_assert_cmpint (days, >=, 0);
  g_assert_cmpint (days, <=, 120);
  g_assert_cmpstr (get_string (data, "expires_on"), ==, expires_on);
  g_assert_cmpstr (get_string (data, "document_url"), ==, url);
  g_assert_true (contacts != NULL && JSON_NODE_HOLDS_OBJECT (contacts));
  if (contacts != NULL && JSON_NODE_HOLDS_OBJECT (contacts))
    g_assert_nonnull (strchr (get_string (json_node_get_object (contacts), "legal"), '@'));
}

static void
check_account (JsonObject  *data,
               SampleStats *stats)
{
  static const char * const plans[] = { "free", "team", "business", "enterprise", NULL };
  JsonNode *node = json_object_get_member (data, "contacts");
  g_autoptr(GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *contacts;
  guint n;

  g_assert_true (str_in (get_string (data, "plan"), plans));
  g_assert_true (str_in (get_string (data, "previous_plan"), plans));
  g_assert_true (node != NULL && JSON_NODE_HOLDS_ARRAY (node));
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  contacts = json_node_get_array (node);
  n = json_array_get_length (contacts);
  g_assert_cmpuint (n, <=, 40);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *contact = json_array_get_object_element (contacts, i);
      const char *email;

      g_assert_nonnull (contact);
      if (contact == NULL)
        continue;
      g_assert_cmpstr (get_string (contact, "name"), !=, "");
      email = get_string (contact, "email");
      g_assert_nonnull (strchr (email, '@'));
      /* the for-each example sends one welcome per address */
      g_assert_true (g_hash_table_add (emails, (gpointer) email));
    }

  stats->n_many_contacts += n > 25;
  stats->max_contacts = MAX (stats->max_contacts, n);
}

static void
check_contact (JsonObject *data)
{
  g_assert_nonnull (strchr (get_string (data, "email"), '@'));
  g_assert_cmpstr (get_string (data, "name"), !=, "");
  g_assert_cmpstr (get_string (data, "role"), !=, "");
}

static void
check_invoice (JsonObject *data)
{
  static const char * const currencies[] = { "EUR", "USD", "GBP", NULL };
  JsonNode *amount = json_object_get_member (data, "amount");

  g_assert_true (g_str_has_prefix (get_string (data, "invoice_id"), "inv-"));
  g_assert_true (str_in (get_string (data, "currency"), currencies));
  /* always written with cents, so JSON readers see a double */
  g_assert_true (amount != NULL && JSON_NODE_HOLDS_VALUE (amount)
                 && json_node_get_value_type (amount) == G_TYPE_DOUBLE);
  if (amount != NULL && JSON_NODE_HOLDS_VALUE (amount))
    g_assert_cmpfloat (json_node_get_double (amount), >, 0.0);
}

/* Reads a sample line by line and checks everything a single event or
 * the order of events can show; returns what the mix looks like. */
static SampleStats *
check_sample (GBytes                    *bytes,
              const SluiceSampleOptions *options)
{
  g_autoptr(SampleStats) stats = g_new0 (SampleStats, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) account_tenants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);
  const char *end = text + size;
  gint64 window_start = options->end_ms - options->days * MSEC_PER_DAY;
  gint64 last_time = G_MININT64;

  stats->storage_80 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stats->storage_85 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stats->n_bytes = size;

  g_assert_true (size == 0 || end[-1] == '\n');

  for (const char *line = text; line < end; )
    {
      const char *eol = memchr (line, '\n', end - line);
      g_autoptr(GError) error = NULL;
      g_autofree char *expected_id = NULL;
      JsonObject *event, *data;
      JsonNode *data_node;
      const char *type, *account, *tenant;
      gint64 time_ms;
      guint tenant_number, account_number;
      int t;

      g_assert_nonnull (eol);
      if (eol == NULL)
        break;

      stats->n_lines++;
      if (!json_parser_load_from_data (parser, line, eol - line, &error))
        g_error ("line %" PRIu64 ": %s", stats->n_lines, error->message);
      line = eol + 1;

      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      event = json_node_get_object (json_parser_get_root (parser));

      g_assert_cmpstr (get_string (event, "specversion"), ==, "1.0");
      g_assert_cmpstr (get_string (event, "datacontenttype"), ==, "application/json");

      /* ids: unique, and numbered in order */
      expected_id = g_strdup_printf ("evt-%09" PRIu64, stats->n_lines);
      g_assert_cmpstr (get_string (event, "id"), ==, expected_id);
      g_assert_true (g_hash_table_add (ids, g_strdup (get_string (event, "id"))));

      type = get_string (event, "type");
      for (t = 0; t < N_TYPES; t++)
        if (g_str_equal (type, types[t].type))
          break;
      g_assert_cmpint (t, <, N_TYPES);
      if (t == N_TYPES)
        continue;
      stats->n_types[t]++;
      g_assert_cmpstr (get_string (event, "source"), ==, types[t].source);

      time_ms = check_time (get_string (event, "time"));
      g_assert_cmpint (time_ms, >=, window_start);
      g_assert_cmpint (time_ms, <, options->end_ms);
      g_assert_cmpint (time_ms, >=, last_time);
      last_time = time_ms;

      data_node = json_object_get_member (event, "data");
      g_assert_true (data_node != NULL && JSON_NODE_HOLDS_OBJECT (data_node));
      if (data_node == NULL || !JSON_NODE_HOLDS_OBJECT (data_node))
        continue;
      data = json_node_get_object (data_node);

      /* every account lives in one tenant */
      tenant = get_string (event, "tenant");
      account = get_string (data, "account");
      tenant_number = parse_number_after (tenant, "t");
      account_number = parse_number_after (account, "acct-");
      g_assert_cmpuint (tenant_number, <=, options->n_tenants);
      g_assert_cmpuint (account_number, <=, options->n_accounts);
      stats->max_tenant = MAX (stats->max_tenant, tenant_number);
      stats->max_account = MAX (stats->max_account, account_number);
      if (g_hash_table_contains (account_tenants, account))
        g_assert_cmpstr (g_hash_table_lookup (account_tenants, account), ==, tenant);
      else
        g_hash_table_insert (account_tenants, g_strdup (account), (gpointer) g_intern_string (tenant));

      switch (t)
        {
        case USAGE:
          check_usage (data, stats);
          break;
        case AGREEMENT:
          check_agreement (data, time_ms);
          break;
        case ACCOUNT:
          check_account (data, stats);
          break;
        case CONTACT:
          check_contact (data);
          break;
        case INVOICE:
          check_invoice (data);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return g_steal_pointer (&stats);
}

/* The default sample, checked once and shared by the tests of its mix. */
static SampleStats *default_stats;

static SampleStats *
get_default_stats (void)
{
  if (default_stats == NULL)
    {
      SluiceSampleOptions options;
      g_autoptr(GBytes) bytes = NULL;

      sluice_sample_options_init (&options);
      options.n_events = 20000;
      bytes = generate (&options);
      default_stats = check_sample (bytes, &options);
    }
  return default_stats;
}

/* ---- tests of the generator ---------------------------------------------------- */

static void
test_valid_events (void)
{
  SampleStats *stats = get_default_stats ();

  g_assert_cmpuint (stats->n_lines, ==, 20000);
  g_test_message ("average line: %.1f bytes", (double) stats->n_bytes / stats->n_lines);
}

static void
test_deterministic (void)
{
  g_autoptr(GBytes) first = generate_events (5000, 1);
  g_autoptr(GBytes) second = generate_events (5000, 1);
  g_autoptr(GBytes) other_seed = generate_events (5000, 2);
  g_autoptr(GBytes) more = generate_events (5001, 1);

  g_assert_true (g_bytes_equal (first, second));
  g_assert_false (g_bytes_equal (first, other_seed));
  g_assert_false (g_bytes_equal (first, more));
}

static void
test_event_count (void)
{
  const guint64 counts[] = { 0, 1, 2, 999, 4097 };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr(GBytes) bytes = generate_events (counts[i], 3);
      gsize size;
      const char *text = g_bytes_get_data (bytes, &size);
      guint64 lines = 0;

      for (gsize j = 0; j < size; j++)
        lines += text[j] == '\n';
      g_assert_cmpuint (lines, ==, counts[i]);
    }
}

static void
test_small_world (void)
{
  SluiceSampleOptions options;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SampleStats) stats = NULL;

  /* A window across a leap day that starts and ends mid-day. */
  sluice_sample_options_init (&options);
  options.n_events = 3000;
  options.seed = 42;
  options.n_tenants = 3;
  options.n_accounts = 40;
  options.days = 3;
  options.end_ms = G_GINT64_CONSTANT (1835604000500);   /* 2028-03-02T10:00:00.500Z */

  bytes = generate (&options);
  stats = check_sample (bytes, &options);

  g_assert_cmpuint (stats->n_lines, ==, 3000);
  g_assert_cmpuint (stats->max_tenant, ==, 3);
  g_assert_cmpuint (stats->max_account, ==, 40);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  "\"time\":\"2028-02-29T"));
}

static void
test_type_shares (void)
{
  SampleStats *stats = get_default_stats ();

  for (guint t = 0; t < N_TYPES; t++)
    {
      double share = (double) stats->n_types[t] / stats->n_lines;

      g_test_message ("%s: %.3f", types[t].type, share);
      g_assert_cmpfloat_with_epsilon (share, types[t].share, 0.02);
    }
}

static void
test_tenants_and_accounts (void)
{
  SampleStats *stats = get_default_stats ();

  /* all tenants and many accounts show up, none beyond the options */
  g_assert_cmpuint (stats->max_tenant, ==, 20);
  g_assert_cmpuint (stats->max_account, <=, 50000);
  g_assert_cmpuint (stats->max_account, >, 45000);
}

static void
test_usage_threshold (void)
{
  SampleStats *stats = get_default_stats ();
  double share_80 = (double) stats->n_usage_80 / stats->n_types[USAGE];
  double share_85 = (double) stats->n_usage_85 / stats->n_types[USAGE];
  GHashTableIter iter;
  gpointer account;

  g_test_message ("usage >= 80: %.3f, >= 85: %.3f", share_80, share_85);

  /* a few percent, and raising the threshold drops some */
  g_assert_cmpfloat (share_80, >, 0.01);
  g_assert_cmpfloat (share_80, <, 0.10);
  g_assert_cmpuint (stats->n_usage_85, >, 0);
  g_assert_cmpuint (stats->n_usage_85, <, stats->n_usage_80);

  /* the accounts the storage example matches at 85 are a strict subset of those at 80 */
  g_hash_table_iter_init (&iter, stats->storage_85);
  while (g_hash_table_iter_next (&iter, &account, NULL))
    g_assert_true (g_hash_table_contains (stats->storage_80, account));
  g_assert_cmpuint (g_hash_table_size (stats->storage_85), >, 0);
  g_assert_cmpuint (g_hash_table_size (stats->storage_85), <, g_hash_table_size (stats->storage_80));
}

static void
test_many_contacts (void)
{
  SampleStats *stats = get_default_stats ();

  /* the for-each example caps at 25 */
  g_assert_cmpuint (stats->n_many_contacts, >, 0);
  g_assert_cmpuint (stats->n_many_contacts, <, stats->n_types[ACCOUNT] / 5);
  g_assert_cmpuint (stats->max_contacts, <=, 40);
}

static void
test_options_check (void)
{
  SluiceSampleOptions options;
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  sluice_sample_options_init (&options);
  g_assert_cmpint (options.end_ms, ==, SLUICE_SAMPLE_DEFAULT_END_MS);
  g_assert_true (sluice_sample_options_check (&options, &error));
  g_assert_no_error (error);

  options.days = 0;
  g_assert_false (sluice_sample_options_check (&options, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  sluice_sample_options_init (&options);
  options.n_tenants = 0;
  g_assert_false (sluice_sample_options_check (&options, NULL));
  options.n_tenants = SLUICE_SAMPLE_MAX_TENANTS + 1;
  g_assert_false (sluice_sample_options_check (&options, NULL));

  sluice_sample_options_init (&options);
  options.n_accounts = 0;
  g_assert_false (sluice_sample_options_check (&options, NULL));

  /* the window must not start before 1970 */
  sluice_sample_options_init (&options);
  options.end_ms = 29 * MSEC_PER_DAY;
  options.n_events = 10;
  g_assert_false (sluice_sample_generator_write (output, &options, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)), ==, 0);
}

static void
progress_cb (guint64  n_written,
             guint64  n_events,
             gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (n_written, >=, *last);
  g_assert_cmpuint (n_written, <=, n_events);
  *last = n_written;
}

static void
test_progress (void)
{
  SluiceSampleOptions options;
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  guint64 last = 0;

  sluice_sample_options_init (&options);
  options.n_events = 150000;
  g_assert_true (sluice_sample_generator_write (output, &options, progress_cb, &last, NULL, NULL));
  g_assert_cmpuint (last, ==, options.n_events);
}

static void
test_cancel (void)
{
  SluiceSampleOptions options;
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  sluice_sample_options_init (&options);
  options.n_events = 100000;
  g_cancellable_cancel (cancellable);
  g_assert_false (sluice_sample_generator_write (output, &options, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The bundled demo data is what the generator makes now: regenerate it
 * with `sluice-cli generate-sample --events 20000 --seed 1
 * --output data/examples/demo-events.jsonl.gz` when the model changes. */
static void
test_demo_data (void)
{
  const char *datadir = g_getenv ("SLUICE_DATADIR");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GInputStream) compressed = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) actual = NULL;
  g_autoptr(GError) error = NULL;

  if (datadir == NULL)
    {
      g_test_skip ("SLUICE_DATADIR is not set");
      return;
    }

  path = g_build_filename (datadir, "examples", "demo-events.jsonl.gz", NULL);
  file = g_file_new_for_path (path);
  compressed = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_assert_no_error (error);
  if (compressed == NULL)
    return;

  expected = generate_events (20000, 1);
  actual = gunzip (compressed);
  g_assert_true (g_bytes_equal (actual, expected));
}

/* ---- sluice-cli generate-sample ------------------------------------------------ */

typedef struct
{
  int     status;
  GBytes *out;
  char   *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_clear_pointer (&result->out, g_bytes_unref);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static CliResult *
run_cli (const char *first,
         ...) G_GNUC_NULL_TERMINATED;

/* Runs sluice-cli with the arguments in the work folder. */
static CliResult *
run_cli (const char *first,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  const char *cli = g_getenv ("SLUICE_CLI");
  va_list ap;

  if (cli == NULL)
    g_error ("SLUICE_CLI must name the sluice-cli binary to test");

  g_ptr_array_add (argv, (gpointer) cli);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_set_cwd (launcher, work_dir);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  if (process == NULL)
    g_error ("cannot run %s: %s", cli, error->message);
  if (!g_subprocess_communicate (process, NULL, NULL, &result->out, &err, &error))
    g_error ("cannot talk to %s: %s", cli, error->message);

  /* a crash is never an exit status */
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  /* an empty GBytes may have no data pointer */
  result->err = g_bytes_get_size (err) > 0
                ? g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err))
                : g_strdup ("");

  return result;
}

static void
test_cli_reproducible (void)
{
  g_autoptr(CliResult) first = run_cli ("generate-sample", "--events", "100", "--seed", "7", NULL);
  g_autoptr(CliResult) second = run_cli ("generate-sample", "--events", "100", "--seed", "7", NULL);
  g_autoptr(GBytes) library = generate_events (100, 7);

  g_assert_cmpint (first->status, ==, 0);
  g_assert_cmpstr (first->err, ==, "");
  g_assert_cmpuint (g_bytes_get_size (first->out), >, 0);
  g_assert_true (g_bytes_equal (first->out, second->out));
  g_assert_true (g_bytes_equal (first->out, library));
}

static void
test_cli_gzip (void)
{
  g_autoptr(CliResult) plain = run_cli ("generate-sample", "--events", "100", "--seed", "7", NULL);
  g_autoptr(CliResult) gzip = run_cli ("generate-sample", "--events", "100", "--seed", "7",
                                       "--output", "x.jsonl.gz", NULL);
  g_autofree char *path = g_build_filename (work_dir, "x.jsonl.gz", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GInputStream) compressed = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gzip->status, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (gzip->out), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 2);
  g_assert_cmphex ((guchar) contents[0], ==, 0x1f);     /* the gzip magic */
  g_assert_cmphex ((guchar) contents[1], ==, 0x8b);

  compressed = g_memory_input_stream_new_from_data (contents, length, NULL);
  text = gunzip (compressed);
  g_assert_true (g_bytes_equal (text, plain->out));
}

static void
test_cli_bad_options (void)
{
  g_autoptr(CliResult) letters = run_cli ("generate-sample", "--events", "abc", NULL);
  g_autoptr(CliResult) missing = run_cli ("generate-sample", NULL);
  g_autoptr(CliResult) end = run_cli ("generate-sample", "--events", "10", "--end", "soon", NULL);
  g_autoptr(CliResult) days = run_cli ("generate-sample", "--events", "10", "--days", "0", NULL);

  g_assert_cmpint (letters->status, ==, 2);
  g_assert_nonnull (strstr (letters->err, "--events"));
  g_assert_nonnull (strstr (letters->err, "abc"));
  g_assert_cmpuint (g_bytes_get_size (letters->out), ==, 0);
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_nonnull (strstr (missing->err, "--events"));
  g_assert_cmpint (end->status, ==, 2);
  g_assert_nonnull (strstr (end->err, "soon"));
  g_assert_cmpint (days->status, ==, 2);
}

static void
test_cli_end_time (void)
{
  g_autoptr(CliResult) iso = run_cli ("generate-sample", "--events", "50", "--days", "2",
                                      "--end", "2027-01-01T01:00:00+01:00", NULL);
  g_autoptr(CliResult) date = run_cli ("generate-sample", "--events", "50", "--days", "2",
                                       "--end", "2027-01-01", NULL);
  SluiceSampleOptions options;
  g_autoptr(GBytes) library = NULL;

  sluice_sample_options_init (&options);
  options.n_events = 50;
  options.days = 2;
  options.end_ms = G_GINT64_CONSTANT (1798761600000);     /* 2027-01-01T00:00:00Z */
  library = generate (&options);

  g_assert_cmpint (iso->status, ==, 0);
  g_assert_cmpint (date->status, ==, 0);
  g_assert_true (g_bytes_equal (iso->out, library));
  g_assert_true (g_bytes_equal (date->out, library));
}

/* ---- work folder --------------------------------------------------------------- */

static void
remove_work_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (work_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (work_dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the others still run. */
  g_test_set_nonfatal_assertions ();

  work_dir = g_dir_make_tmp ("sluice-test-generator-XXXXXX", &error);
  if (work_dir == NULL)
    g_error ("cannot make a work folder: %s", error->message);

  g_test_add_func ("/sim/generator/valid-events", test_valid_events);
  g_test_add_func ("/sim/generator/deterministic", test_deterministic);
  g_test_add_func ("/sim/generator/event-count", test_event_count);
  g_test_add_func ("/sim/generator/small-world", test_small_world);
  g_test_add_func ("/sim/generator/type-shares", test_type_shares);
  g_test_add_func ("/sim/generator/tenants-and-accounts", test_tenants_and_accounts);
  g_test_add_func ("/sim/generator/usage-threshold", test_usage_threshold);
  g_test_add_func ("/sim/generator/many-contacts", test_many_contacts);
  g_test_add_func ("/sim/generator/options-check", test_options_check);
  g_test_add_func ("/sim/generator/progress", test_progress);
  g_test_add_func ("/sim/generator/cancel", test_cancel);
  g_test_add_func ("/sim/generator/demo-data", test_demo_data);

  g_test_add_func ("/sim/generator/cli/reproducible", test_cli_reproducible);
  g_test_add_func ("/sim/generator/cli/gzip", test_cli_gzip);
  g_test_add_func ("/sim/generator/cli/bad-options", test_cli_bad_options);
  g_test_add_func ("/sim/generator/cli/end-time", test_cli_end_time);

  status = g_test_run ();

  g_clear_pointer (&default_stats, sample_stats_free);
  remove_work_dir ();
  g_free (work_dir);

  return status;
}
