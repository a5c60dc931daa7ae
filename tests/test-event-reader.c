/* test-event-reader.c — event files to envelope records
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "sluice-event-reader.h"
#include "sluice-json-scan.h"
#include "sluice-sim-error.h"
#include "sluice-time.h"
#include "sluice-xxh64.h"

/* A stream that hands out at most a few bytes per read, to show that the
 * reader does not care where reads end. */

#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM, GInputStream)

struct _TestTrickleStream
{
  GInputStream  parent_instance;
  GBytes       *bytes;
  gsize         pos;
  gsize         step;
};

G_DEFINE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
test_trickle_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size;
  const guchar *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (MIN (count, self->step), size - self->pos);

  memcpy (buffer, data + self->pos, n);
  self->pos += n;
  return (gssize) n;
}

static void
test_trickle_stream_finalize (GObject *object)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (object);

  g_bytes_unref (self->bytes);
  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
}

static GInputStream *
trickle_stream_new (GBytes *bytes,
                    gsize   step)
{
  TestTrickleStream *self = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  self->bytes = g_bytes_ref (bytes);
  self->step = step;
  return G_INPUT_STREAM (self);
}

/* What a reader produced, copied out of its buffers. */

typedef struct
{
  char    *id;
  char    *type;
  char    *source;
  char    *subject;
  char    *tenant;
  char    *data;
  char    *extensions;
  gint64   time_ms;
  guint64  hash;
  guint    line;
} Event;

typedef struct
{
  guint  line;
  char  *reason;
} Rejection;

typedef struct
{
  GPtrArray         *events;
  GPtrArray         *rejections;
  GError            *error;
  SluiceEventFormat  layout;
  guint64            bytes_read;
} Result;

static void
event_free (Event *event)
{
  g_free (event->id);
  g_free (event->type);
  g_free (event->source);
  g_free (event->subject);
  g_free (event->tenant);
  g_free (event->data);
  g_free (event->extensions);
  g_free (event);
}

static void
rejection_free (Rejection *rejection)
{
  g_free (rejection->reason);
  g_free (rejection);
}

static void
result_free (Result *result)
{
  g_ptr_array_unref (result->events);
  g_ptr_array_unref (result->rejections);
  g_clear_error (&result->error);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

static char *
span_dup (const SluiceTextSpan *span)
{
  return span->ptr != NULL ? g_strndup (span->ptr, span->len) : NULL;
}

static Event *
event_index (Result *result,
             guint   i)
{
  g_assert_cmpuint (i, <, result->events->len);
  return g_ptr_array_index (result->events, i);
}

static Rejection *
rejection_index (Result *result,
                 guint   i)
{
  g_assert_cmpuint (i, <, result->rejections->len);
  return g_ptr_array_index (result->rejections, i);
}

static Result *
read_stream_full (GInputStream             *input,
                  SluiceEventFormat         format,
                  const SluiceEventMapping *mapping,
                  gboolean                  has_default_time,
                  gint64                    default_time)
{
  g_autoptr(SluiceEventReader) reader = sluice_event_reader_new (input, format, mapping);
  Result *result = g_new0 (Result, 1);
  guint64 last_bytes = 0;

  result->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  result->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  if (has_default_time)
    sluice_event_reader_set_default_time (reader, default_time);

  for (;;)
    {
      SluiceEventRecord record;
      SluiceEventRejection rejection;
      SluiceEventReadResult r;

      r = sluice_event_reader_next (reader, &record, &rejection, NULL, &result->error);

      /* progress only goes forward */
      g_assert_cmpuint (sluice_event_reader_get_bytes_read (reader), >=, last_bytes);
      last_bytes = sluice_event_reader_get_bytes_read (reader);

      if (r == SLUICE_EVENT_READ_END || r == SLUICE_EVENT_READ_ERROR)
        {
          g_assert_true ((r == SLUICE_EVENT_READ_ERROR) == (result->error != NULL));
          break;
        }
      if (r == SLUICE_EVENT_READ_REJECTED)
        {
          Rejection *copy = g_new0 (Rejection, 1);

          g_assert_nonnull (rejection.reason);
          g_assert_cmpuint (strlen (rejection.reason), >, 0);
          g_assert_cmpuint (rejection.line, >, 0);
          copy->line = rejection.line;
          copy->reason = g_strdup (rejection.reason);
          g_ptr_array_add (result->rejections, copy);
        }
      else
        {
          Event *copy = g_new0 (Event, 1);

          g_assert_cmpint (r, ==, SLUICE_EVENT_READ_EVENT);
          /* an event always has an id and a type */
          g_assert_nonnull (record.id.ptr);
          g_assert_cmpuint (record.id.len, >, 0);
          g_assert_nonnull (record.type.ptr);
          copy->id = span_dup (&record.id);
          copy->type = span_dup (&record.type);
          copy->source = span_dup (&record.source);
          copy->subject = span_dup (&record.subject);
          copy->tenant = span_dup (&record.tenant);
          copy->data = span_dup (&record.data);
          copy->extensions = span_dup (&record.extensions);
          copy->time_ms = record.time_ms;
          copy->hash = record.content_hash;
          copy->line = record.line;
          g_ptr_array_add (result->events, copy);
        }
    }

  /* after the end, the end */
  {
    SluiceEventRecord record;
    SluiceEventRejection rejection;
    g_autoptr(GError) error = NULL;

    if (result->error == NULL)
      g_assert_cmpint (sluice_event_reader_next (reader, &record, &rejection, NULL, &error),
                       ==, SLUICE_EVENT_READ_END);
  }

  result->layout = sluice_event_reader_get_format (reader);
  result->bytes_read = sluice_event_reader_get_bytes_read (reader);
  return result;
}

static Result *
read_stream (GInputStream             *input,
             SluiceEventFormat         format,
             const SluiceEventMapping *mapping)
{
  return read_stream_full (input, format, mapping, FALSE, 0);
}

static Result *
read_bytes (GBytes                   *bytes,
            SluiceEventFormat         format,
            const SluiceEventMapping *mapping)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes (bytes);

  return read_stream (input, format, mapping);
}

static Result *
read_text (const char               *text,
           SluiceEventFormat         format,
           const SluiceEventMapping *mapping)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return read_bytes (bytes, format, mapping);
}

static Result *
read_file (const char               *path,
           SluiceEventFormat         format,
           const SluiceEventMapping *mapping)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) input = g_file_read (file, NULL, &error);

  g_assert_no_error (error);
  return read_stream (G_INPUT_STREAM (input), format, mapping);
}

static void
assert_same_events (Result *a,
                    Result *b)
{
  g_assert_cmpuint (a->events->len, ==, b->events->len);
  g_assert_cmpuint (a->rejections->len, ==, b->rejections->len);
  for (guint i = 0; i < a->events->len; i++)
    {
      Event *x = event_index (a, i), *y = event_index (b, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->type, ==, y->type);
      g_assert_cmpstr (x->source, ==, y->source);
      g_assert_cmpstr (x->subject, ==, y->subject);
      g_assert_cmpstr (x->tenant, ==, y->tenant);
      g_assert_cmpstr (x->data, ==, y->data);
      g_assert_cmpstr (x->extensions, ==, y->extensions);
      g_assert_cmpint (x->time_ms, ==, y->time_ms);
      g_assert_cmpuint (x->hash, ==, y->hash);
      g_assert_cmpuint (x->line, ==, y->line);
    }
  for (guint i = 0; i < a->rejections->len; i++)
    {
      g_assert_cmpuint (rejection_index (a, i)->line, ==, rejection_index (b, i)->line);
      g_assert_cmpstr (rejection_index (a, i)->reason, ==, rejection_index (b, i)->reason);
    }
}

static gint64
parse_time (const char *text)
{
  gint64 ms = 0;

  g_assert_true (sluice_time_parse_rfc3339 (text, strlen (text), &ms));
  return ms;
}

#define CE(id, extra) \
  "{\"specversion\":\"1.0\",\"id\":\"" id "\",\"source\":\"//test\",\"type\":\"t\"," \
  "\"time\":\"2026-10-25T13:04:05.123Z\"" extra "}"

/* The generator's lines (tests/bench use the same shape). */
static char *
usage_line (guint i)
{
  return g_strdup_printf ("{\"specversion\":\"1.0\",\"id\":\"evt-%09u\","
                          "\"source\":\"//billing.sluice.example/tenants/t%02u\","
                          "\"type\":\"usage.updated\",\"time\":\"2026-10-25T13:04:05.123Z\","
                          "\"tenant\":\"t%02u\",\"datacontenttype\":\"application/json\","
                          "\"data\":{\"account\":\"acct-%05u\",\"metric\":\"storage\","
                          "\"percent\":%u,\"quota_gb\":500,"
                          "\"owner_email\":\"owner@acct-%05u.example\","
                          "\"csm_email\":\"csm-%02u@sluice.example\"}}",
                          i, i % 13, i % 13, i, i % 100, i, i % 7);
}

/* Layouts */

static void
test_jsonl_malformed_line (void)
{
  g_autoptr(Result) result = read_text (CE ("a", "") "\n"
                                        CE ("b", ",") "\n"
                                        CE ("c", "") "\n"
                                        "[1,2]\n"
                                        CE ("d", "") "\n",
                                        SLUICE_EVENT_FORMAT_AUTO, NULL);

  g_assert_no_error (result->error);
  g_assert_cmpint (result->layout, ==, SLUICE_EVENT_FORMAT_JSONL);
  g_assert_cmpuint (result->events->len, ==, 3);
  g_assert_cmpstr (event_index (result, 0)->id, ==, "a");
  g_assert_cmpuint (event_index (result, 0)->line, ==, 1);
  g_assert_cmpstr (event_index (result, 1)->id, ==, "c");
  g_assert_cmpuint (event_index (result, 1)->line, ==, 3);
  g_assert_cmpstr (event_index (result, 2)->id, ==, "d");
  g_assert_cmpuint (event_index (result, 2)->line, ==, 5);

  g_assert_cmpuint (result->rejections->len, ==, 2);
  g_assert_cmpuint (rejection_index (result, 0)->line, ==, 2);
  g_assert_cmpstr (rejection_index (result, 0)->reason, ==,
                   "not valid JSON: a comma before the end of an object or array "
                   "(trailing commas are not JSON) at column 94");
  g_assert_cmpuint (rejection_index (result, 1)->line, ==, 4);
  g_assert_cmpstr (rejection_index (result, 1)->reason, ==,
                   "an event must be a JSON object, not an array");
}

static void
test_jsonl_blank_lines (void)
{
  g_autoptr(Result) result = read_text ("\n\n" CE ("a", "") "\n   \n\t\n" CE ("b", "") "\n\n \n",
                                        SLUICE_EVENT_FORMAT_AUTO, NULL);

  g_assert_no_error (result->error);
  g_assert_cmpint (result->layout, ==, SLUICE_EVENT_FORMAT_JSONL);
  g_assert_cmpuint (result->rejections->len, ==, 0);
  g_assert_cmpuint (result->events->len, ==, 2);
  g_assert_cmpuint (event_index (result, 0)->line, ==, 3);
  g_assert_cmpuint (event_index (result, 1)->line, ==, 6);
}

static void
test_jsonl_crlf (void)
{
  g_autoptr(Result) result = read_text (CE ("a", ",\"data\":{\"x\":1}") "\r\n"
                                        "\r\n"
                                        CE ("b", ",") "\r\n"
                                        CE ("c", ",\"data\":\"x\"") "\r\n"
                                        CE ("d", ""),   /* no line end at the end */
                                        SLUICE_EVENT_FORMAT_AUTO, NULL);

  g_assert_no_error (result->error);
  g_assert_cmpint (result->layout, ==, SLUICE_EVENT_FORMAT_JSONL);
  g_assert_cmpuint (result->events->len, ==, 3);
  g_assert_cmpstr (event_index (result, 0)->data, ==, "{\"x\":1}");
  g_assert_cmpuint (event_index (result, 1)->line, ==, 4);
  g_assert_cmpstr (event_index (result, 1)->data, ==, "\"x\"");
  g_assert_cmpstr (event_index (result, 2)->id, ==, "d");
  g_assert_cmpuint (event_index (result, 2)->line, ==, 5);
  g_assert_cmpuint (result->rejections->len, ==, 1);
  g_assert_cmpuint (rejection_index (result, 0)->line, ==, 3);
  g_assert_true (g_str_has_prefix (rejection_index (result, 0)->reason, "not valid JSON: "));
}

/* Forcing JSON Lines on pretty-printed JSON rejects line by line, and the
 * reading goes on. */
static void
test_jsonl_forced (void)
{
  g_autoptr(Result) result = read_text ("{\n  \"specversion\": \"1.0\"\n}\n" CE ("a", "") "\n",
                                        SLUICE_EVENT_FORMAT_JSONL, NULL);

  g_assert_no_error (result->error);
  g_assert_cmpuint (result->rejections->len, ==, 3);
  g_assert_cmpuint (rejection_index (result, 2)->line, ==, 3);
  g_assert_cmpuint (result->events->len, ==, 1);
  g_assert_cmpuint (event_index (result, 0)->line, ==, 4);
}

static GString *
pretty_array (guint n)
{
  GString *text = g_string_new ("[\n");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = usage_line (i);

      if (i % 3 == 0)
        {
          /* some elements pretty-printed over several lines */
          g_autoptr(JsonNode) node = json_from_string (line, NULL);
          g_autofree char *pretty = json_to_string (node, TRUE);

          g_string_append (text, pretty);
        }
      else
        g_string_append (text, line);
      g_string_append (text, i + 1 < n ? " ,\n" : "\n");
    }
  g_string_append (text, "]\n");
  return text;
}

static void
test_json_array_streamed (void)
{
  g_autoptr(GString) text = pretty_array (60);
  g_autoptr(GBytes) bytes = g_bytes_new (text->str, text->len);
  g_autoptr(Result) whole = read_bytes (bytes, SLUICE_EVENT_FORMAT_AUTO, NULL);
  guint steps[] = { 1, 7, 4096 };

  g_assert_no_error (whole->error);
  g_assert_cmpint (whole->layout, ==, SLUICE_EVENT_FORMAT_JSON);
  g_assert_cmpuint (whole->rejections->len, ==, 0);
  g_assert_cmpuint (whole->events->len, ==, 60);
  g_assert_cmpuint (whole->bytes_read, ==, text->len);

  /* line numbers of the elements: the first starts on line 2 and the
   * pretty ones take 17 lines */
  g_assert_cmpuint (event_index (whole, 0)->line, ==, 2);
  g_assert_cmpuint (event_index (whole, 1)->line, ==, 2 + 17);
  g_assert_cmpuint (event_index (whole, 2)->line, ==, 2 + 17 + 1);
  g_assert_cmpuint (event_index (whole, 3)->line, ==, 2 + 17 + 2);
  g_assert_cmpuint (event_index (whole, 4)->line, ==, 2 + 17 + 2 + 17);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *id = g_strdup_printf ("evt-%09u", i);
      g_autofree char *line = usage_line (i);
      g_autoptr(JsonNode) node = json_from_string (line, NULL);
      g_autofree char *data = json_to_string (json_object_get_member (json_node_get_object (node), "data"),
                                              FALSE);

      g_assert_cmpstr (event_index (whole, i)->id, ==, id);
      /* pretty data is stored compact */
      g_assert_cmpstr (event_index (whole, i)->data, ==, data);
    }

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      g_autoptr(GInputStream) trickle = trickle_stream_new (bytes, steps[s]);
      g_autoptr(Result) streamed = read_stream (trickle, SLUICE_EVENT_FORMAT_AUTO, NULL);

      g_assert_no_error (streamed->error);
      assert_same_events (whole, streamed);
    }
}

/* Many megabytes, so the values cross the 1 MiB chunks, and one event
 * larger than a chunk, so the buffer has to grow. */
static void
test_json_array_large (void)
{
  g_autoptr(GString) text = g_string_new ("[");
  g_autoptr(GString) jsonl = g_string_new (NULL);
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Result) result = NULL;
  g_autoptr(Result) lines = NULL;
  guint n = 12000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = usage_line (i);

      g_string_append (text, i > 0 ? ",\n" : "\n");
      g_string_append (text, line);
      g_string_append (jsonl, line);
      g_string_append_c (jsonl, '\n');
      if (i == n / 2)
        {
          /* 3 MiB of data in one event */
          g_string_append (big, CE ("big", ",\"data\":{\"blob\":\""));
          g_string_truncate (big, big->len - 1);
          for (guint k = 0; k < 3 * 1024 * 1024 / 64; k++)
            g_string_append (big, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
          g_string_append (big, "\"}}");
          g_string_append (text, ",\n");
          g_string_append (text, big->str);
          g_string_append (jsonl, big->str);
          g_string_append_c (jsonl, '\n');
        }
    }
  g_string_append (text, "\n]");

  bytes = g_bytes_new (text->str, text->len);
  result = read_bytes (bytes, SLUICE_EVENT_FORMAT_JSON, NULL);
  g_assert_no_error (result->error);
  g_assert_cmpuint (result->rejections->len, ==, 0);
  g_assert_cmpuint (result->events->len, ==, n + 1);
  g_assert_cmpstr (event_index (result, n / 2 + 1)->id, ==, "big");
  g_assert_cmpuint (strlen (event_index (result, n / 2 + 1)->data), ==, 3 * 1024 * 1024 + 11);
  g_assert_cmpuint (event_index (result, n)->line, ==, n + 2);
  g_assert_cmpuint (result->bytes_read, ==, text->len);

  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = g_bytes_new (jsonl->str, jsonl->len);
  lines = read_bytes (bytes, SLUICE_EVENT_FORMAT_AUTO, NULL);
  g_assert_no_error (lines->error);
  g_assert_cmpint (lines->layout, ==, SLUICE_EVENT_FORMAT_JSONL);
  g_assert_cmpuint (lines->events->len, ==, n + 1);
  g_assert_cmpuint (event_index (lines, n)->line, ==, n + 1);
  g_assert_cmpstr (event_index (lines, n / 2 + 1)->data, ==, event_index (result, n / 2 + 1)->data);
}

static void
test_json_pretty_values (void)
{
  const char *text =
    "{\n"
    "  \"specversion\": \"1.0\",\n"
    "  \"id\": \"one\",\n"
    "  \"source\": \"//test\",\n"
    "  \"type\": \"t\",\n"
    "  \"time\": \"2026-10-25T13:04:05Z\",\n"
    "  \"data\": { \"a\": [ 1, 2 ],\n"
    "            \"b\": \"x y\" }\n"
    "}\n"
    "\n"
    "{\"specversion\": \"1.0\", \"id\": \"two\", \"source\": \"//test\",\n"
    " \"type\": \"t\", \"time\": \"2026-10-25T13:04:06Z\"}   {\"specversion\": \"1.0\",\n"
    " \"id\": \"three\", \"source\": \"//test\", \"type\": \"t\", \"time\": \"2026-10-25T13:04:07Z\"}\n";
  g_autoptr(Result) result = read_text (text, SLUICE_EVENT_FORMAT_AUTO, NULL);

  g_assert_no_error (result->error);
  g_assert_cmpint (result->layout, ==, SLUICE_EVENT_FORMAT_JSON);
  g_assert_cmpuint (result->rejections->len, ==, 0);
  g_assert_cmpuint (result->events->len, ==, 3);
  g_assert_cmpstr (event_index (result, 0)->id, ==, "one");
  g_assert_cmpuint (event_index (result, 0)->line, ==, 1);
  g_assert_cmpstr (event_index (result, 0)->data, ==, "{\"a\":[1,2],\"b\":\"x y\"}");
  g_assert_cmpstr (event_index (result, 1)->id, ==, "two");
  g_assert_cmpuint (event_index (result, 1)->line, ==, 11);
  g_assert_cmpstr (event_index (result, 2)->id, ==, "three");
  g_assert_cmpuint (event_index (result, 2)->line, ==, 12);
  g_assert_cmpint (event_index (result, 2)->time_ms, ==, parse_time ("2026-10-25T13:04:07Z"));
}

/* In JSON a syntax error ends the reading: the rejection says where and
 * that the rest was not read. */
static void
test_json_syntax_error_stops (void)
{
  static const struct {
    const char *text;
    guint       events;
    guint       line;
    const char *reason;
  } cases[] = {
    { CE ("a", "") "\n{\n  \"specversion\": \"1.0\",\n  \"id\": \"b\",,\n}\n" CE ("c", ""), 1, 4,
      "not valid JSON: expected a member name in double quotes, found “,” at column 13, in the "
      "value that starts on line 2; reading stopped here, as where the next event starts cannot "
      "be known after a syntax error" },
    { "{\n\"specversion\": }\n", 0, 2,
      "not valid JSON: unexpected “}” at column 16, in the value that starts on line 1; "
      "reading stopped here" },
    { "[" CE ("a", "") ",\n" CE ("b", "") ",\n]", 2, 3,
      "not valid JSON: a comma before the end of an object or array (trailing commas are not "
      "JSON) at column 1; reading stopped here, as where the next event starts cannot be known "
      "after a syntax error" },
    { "[" CE ("a", "") " " CE ("b", "") "]", 1, 1,
      "not valid JSON: expected “,” or the end of the object or array, found “{” at column 96; "
      "reading stopped here, as where the next event starts cannot be known after a syntax error" },
    { "[" CE ("a", "") ",\n", 1, 2, NULL },
    { "{\"specversion\": \"1.0\",\n \"id\": \"a", 0, 2, NULL },
    { "[{\"é\": 1, \"x\": tru }]", 0, 1, "invalid literal; JSON knows only true, false and null at column 16" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) result = read_text (cases[i].text, SLUICE_EVENT_FORMAT_JSON, NULL);
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GInputStream) trickle = trickle_stream_new (bytes, 3);
      g_autoptr(Result) trickled = read_stream (trickle, SLUICE_EVENT_FORMAT_JSON, NULL);

      /* the same lines and columns when the text comes in small pieces */
      assert_same_events (result, trickled);
      g_assert_no_error (result->error);
      g_assert_cmpint (result->layout, ==, SLUICE_EVENT_FORMAT_JSON);
      g_assert_cmpuint (result->events->len, ==, cases[i].events);
      g_assert_cmpuint (result->rejections->len, ==, 1);
      g_assert_cmpuint (rejection_index (result, 0)->line, ==, cases[i].line);
      g_assert_true (g_str_has_prefix (rejection_index (result, 0)->reason, "not valid JSON: "));
      g_assert_nonnull (strstr (rejection_index (result, 0)->reason, "reading stopped here"));
      if (cases[i].reason != NULL && strstr (rejection_index (result, 0)->reason, cases[i].reason) == NULL)
        g_error ("case %u: reason “%s”, expected “%s”", i, rejection_index (result, 0)->reason,
                 cases[i].reason);
    }
}

static void
test_auto_detect (void)
{
  static const struct {
    const char        *text;
    SluiceEventFormat  layout;
    guint              events;
  } cases[] = {
    { "", SLUICE_EVENT_FORMAT_JSONL, 0 },
    { " \n\t\n", SLUICE_EVENT_FORMAT_JSONL, 0 },
    { "[]", SLUICE_EVENT_FORMAT_JSON, 0 },
    { "  \n [ ] \n", SLUICE_EVENT_FORMAT_JSON, 0 },
    { "[" CE ("a", "") "]", SLUICE_EVENT_FORMAT_JSON, 1 },
    { CE ("a", ""), SLUICE_EVENT_FORMAT_JSONL, 1 },
    { CE ("a", "") "\n" CE ("b", ""), SLUICE_EVENT_FORMAT_JSONL, 2 },
    { "\n\n" CE ("a", "") "\n", SLUICE_EVENT_FORMAT_JSONL, 1 },
    { CE ("a", "") " " CE ("b", "") "\n", SLUICE_EVENT_FORMAT_JSON, 2 },
    { "{\n" "\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\","
      "\"time\":\"2026-10-25T13:04:05Z\"}", SLUICE_EVENT_FORMAT_JSON, 1 },
    /* arrays after arrays, and values after them */
    { "[" CE ("a", "") "] [] [" CE ("b", "") "," CE ("c", "") "]\n" CE ("d", ""), SLUICE_EVENT_FORMAT_JSON, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) result = read_text (cases[i].text, SLUICE_EVENT_FORMAT_AUTO, NULL);
      g_autoptr(Result) cloudevents = read_text (cases[i].text, SLUICE_EVENT_FORMAT_CLOUDEVENTS, NULL);

      g_assert_no_error (result->error);
      g_assert_cmpint (result->layout, ==, cases[i].layout);
      g_assert_cmpuint (result->rejections->len, ==, 0);
      g_assert_cmpuint (result->events->len, ==, cases[i].events);
      assert_same_events (result, cloudevents);
    }
}

static GBytes *
gzip_bytes (const char *text,
            gsize       len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (out, text, len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
test_gzip (void)
{
  g_autoptr(GString) text = pretty_array (500);
  g_autoptr(GBytes) plain = g_bytes_new (text->str, text->len);
  g_autoptr(GBytes) gz = gzip_bytes (text->str, text->len);
  g_autoptr(Result) expected = read_bytes (plain, SLUICE_EVENT_FORMAT_AUTO, NULL);
  g_autoptr(Result) result = read_bytes (gz, SLUICE_EVENT_FORMAT_AUTO, NULL);
  g_autoptr(GInputStream) trickle = trickle_stream_new (gz, 7);
  g_autoptr(Result) trickled = read_stream (trickle, SLUICE_EVENT_FORMAT_AUTO, NULL);
  gsize gz_len = g_bytes_get_size (gz);

  g_assert_cmpuint (gz_len, <, text->len);
  g_assert_no_error (result->error);
  g_assert_cmpuint (result->events->len, ==, 500);
  assert_same_events (expected, result);
  assert_same_events (expected, trickled);
  /* progress counts the compressed bytes */
  g_assert_cmpuint (result->bytes_read, ==, gz_len);

  /* two gzip members one after the other, as `cat a.gz b.gz` makes */
  {
    g_autofree char *a = usage_line (1);
    g_autofree char *b = usage_line (2);
    g_autofree char *a_nl = g_strconcat (a, "\n", NULL);
    g_autoptr(GBytes) gz_a = gzip_bytes (a_nl, strlen (a_nl));
    g_autoptr(GBytes) gz_b = gzip_bytes (b, strlen (b));
    g_autoptr(GByteArray) both = g_byte_array_new ();
    g_autoptr(GBytes) both_bytes = NULL;
    g_autoptr(Result) two = NULL;

    g_byte_array_append (both, g_bytes_get_data (gz_a, NULL), g_bytes_get_size (gz_a));
    g_byte_array_append (both, g_bytes_get_data (gz_b, NULL), g_bytes_get_size (gz_b));
    both_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&both));
    two = read_bytes (both_bytes, SLUICE_EVENT_FORMAT_AUTO, NULL);
    g_assert_no_error (two->error);
    g_assert_cmpuint (two->events->len, ==, 2);
    g_assert_cmpuint (event_index (two, 1)->line, ==, 2);
  }

  /* cut short: an error, after the events that could be read */
  {
    g_autoptr(GBytes) cut = g_bytes_new_from_bytes (gz, 0, gz_len / 2);
    g_autoptr(Result) broken = read_bytes (cut, SLUICE_EVENT_FORMAT_AUTO, NULL);

    g_assert_error (broken->error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_INPUT);
    g_assert_cmpuint (broken->events->len, >, 0);
  }

  /* not gzip after the end of a gzip member */
  {
    g_autoptr(GByteArray) junk = g_byte_array_new ();
    g_autoptr(GBytes) junk_bytes = NULL;
    g_autoptr(Result) broken = NULL;

    g_byte_array_append (junk, g_bytes_get_data (gz, NULL), gz_len);
    g_byte_array_append (junk, (const guint8 *) "junk", 4);
    junk_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&junk));
    broken = read_bytes (junk_bytes, SLUICE_EVENT_FORMAT_AUTO, NULL);
    g_assert_error (broken->error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_INPUT);
    g_assert_cmpuint (broken->events->len, ==, 500);
  }
}

static void
test_bom (void)
{
  const char *text = "\xef\xbb\xbf" CE ("a", "") "\n" CE ("b", ",") "\n";
  g_autoptr(Result) result = read_text (text, SLUICE_EVENT_FORMAT_AUTO, NULL);
  g_autoptr(GBytes) gz = gzip_bytes (text, strlen (text));
  g_autoptr(Result) compressed = read_bytes (gz, SLUICE_EVENT_FORMAT_AUTO, NULL);
  g_autoptr(Result) pretty = read_text ("\xef\xbb\xbf{ ,\n  \"specversion\": \"1.0\"\n}",
                                        SLUICE_EVENT_FORMAT_AUTO, NULL);
  g_autoptr(Result) only = read_text ("\xef\xbb\xbf", SLUICE_EVENT_FORMAT_AUTO, NULL);

  g_assert_no_error (result->error);
  g_assert_cmpint (result->layout, ==, SLUICE_EVENT_FORMAT_JSONL);
  g_assert_cmpuint (result->events->len, ==, 1);
  g_assert_cmpstr (event_index (result, 0)->id, ==, "a");
  g_assert_cmpuint (result->rejections->len, ==, 1);
  /* the mark is not counted in the columns of the first line either */
  g_assert_nonnull (strstr (rejection_index (result, 0)->reason, "at column 94"));
  assert_same_events (result, compressed);
  {
    g_autoptr(GBytes) plain = g_bytes_new_static (text, strlen (text));
    g_autoptr(GInputStream) bytewise = trickle_stream_new (plain, 1);
    g_autoptr(GInputStream) gz_bytewise = trickle_stream_new (gz, 1);
    g_autoptr(Result) one = read_stream (bytewise, SLUICE_EVENT_FORMAT_AUTO, NULL);
    g_autoptr(Result) gz_one = read_stream (gz_bytewise, SLUICE_EVENT_FORMAT_AUTO, NULL);

    /* one byte per read: the mark and the gzip magic still count */
    assert_same_events (result, one);
    assert_same_events (result, gz_one);
  }

  g_assert_cmpuint (pretty->rejections->len, ==, 1);
  g_assert_nonnull (strstr (rejection_index (pretty, 0)->reason, "found “,” at column 3;"));
  g_assert_cmpuint (only->events->len + only->rejections->len, ==, 0);
}

/* CloudEvents */

static const struct {
  const char *event;
  const char *reason;
} cloudevent_rejections[] = {
  { "[1]", "an event must be a JSON object, not an array" },
  { "\"x\"", "an event must be a JSON object, not a string" },
  { "{\"specversion\": }", "not valid JSON: unexpected “}” at column 17" },
  { "{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"time\":\"2026-10-25T13:04:05Z\"}",
    "not a CloudEvent (no “specversion”) and no field mapping given; use --preset or "
    "--id-path/--type-path/--time-path" },
  { "{\"specversion\":\"0.9\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\"}",
    "“specversion” must be “1.0”, not “0.9”" },
  { "{\"specversion\":\"\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\"}",
    "“specversion” must be “1.0”, not “”" },
  { "{\"specversion\":1.0,\"id\":\"a\",\"source\":\"s\",\"type\":\"t\"}",
    "“specversion” must be the string “1.0”, not a number" },
  { "{\"specversion\":null,\"id\":\"a\",\"source\":\"s\",\"type\":\"t\"}",
    "not a CloudEvent: missing required attribute “specversion”" },
  { "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\",\"time\":\"2026-10-25T13:04:05Z\"}",
    "missing required attribute “id”" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"type\":\"t\",\"time\":\"2026-10-25T13:04:05Z\"}",
    "missing required attribute “source”" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"time\":\"2026-10-25T13:04:05Z\"}",
    "missing required attribute “type”" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\"}",
    "missing attribute “time”: optional in CloudEvents, but needed to simulate the event" },
  { "{\"specversion\":\"1.0\",\"id\":null,\"source\":\"s\",\"type\":\"t\"}",
    "missing required attribute “id”" },
  { "{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"s\",\"type\":\"t\"}",
    "“id” must not be empty" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"\",\"type\":\"t\"}",
    "“source” must not be empty" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"\"}",
    "“type” must not be empty" },
  { "{\"specversion\":\"1.0\",\"id\":25,\"source\":\"s\",\"type\":\"t\"}",
    "“id” must be a string, not a number" },
  { "{\"specversion\":\"1.0\",\"id\":{\"xyz\":\"abc\"},\"source\":\"s\",\"type\":\"t\"}",
    "“id” must be a string, not an object" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":[\"s\"],\"type\":\"t\"}",
    "“source” must be a string, not an array" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":true}",
    "“type” must be a string, not a boolean" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"\"}",
    "“subject” must not be empty" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"subject\":5}",
    "“subject” must be a string, not a number" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"time\":\"yesterday\"}",
    "“time” is not an RFC 3339 timestamp: “yesterday”" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"time\":\"2018-04-05T18:31Z\"}",
    "“time” is not an RFC 3339 timestamp: “2018-04-05T18:31Z”" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"time\":\"2026-02-30T00:00:00Z\"}",
    "“time” is not an RFC 3339 timestamp: “2026-02-30T00:00:00Z”" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"time\":1761397445}",
    "“time” must be an RFC 3339 timestamp string, not a number" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"datacontenttype\":\"xyz\"}",
    "“datacontenttype” must be a media type such as “application/json”, not “xyz”" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"datacontenttype\":\"\"}",
    "“datacontenttype” must not be empty" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"datacontenttype\":\"text/\"}",
    "“datacontenttype” must be a media type such as “application/json”, not “text/”" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"dataschema\":\"\"}",
    "“dataschema” must not be empty" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"dataschema\":\"schema.json\"}",
    "“dataschema” must be an absolute URI, not “schema.json”" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"MyExtension\":\"bad\"}",
    "attribute name “MyExtension” is not allowed: CloudEvents attribute names are made of "
    "lower-case letters a–z and digits 0–9" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"my.extension\":\"bad\"}",
    "attribute name “my.extension” is not allowed" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"\":\"bad\"}",
    "attribute name “” is not allowed" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"ext\":1.5}",
    "extension attribute “ext” is “1.5”; CloudEvents extension values are strings, booleans or "
    "integers from −2147483648 to 2147483647" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"ext\":2147483648}",
    "extension attribute “ext” is “2147483648”" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"ext\":{\"a\":1}}",
    "extension attribute “ext” is “{\"a\":1}”" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"data\":\"text\",\"data_base64\":\"eyAieHl6IjogMTIzIH0=\"}",
    "both “data” and “data_base64” are present; an event has one or the other" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"data_base64\":\"eyA!\"}",
    "“data_base64” is not valid base64" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"data_base64\":42}",
    "“data_base64” must be a base64 string, not a number" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"id\":\"b\",\"source\":\"s\",\"type\":\"t\"}",
    "attribute “id” appears twice" },
  { "{\"specversion\":\"1.0\",\"id\":null,\"id\":\"b\",\"source\":\"s\",\"type\":\"t\"}",
    "attribute “id” appears twice" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"ext\":1,\"ext\":2}",
    "attribute “ext” appears twice" },
  { "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"tenant\":7}",
    "“tenant” must be a string, not a number" },
};

static void
test_cloudevent_rejections (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cloudevent_rejections); i++)
    {
      g_autoptr(Result) result = read_text (cloudevent_rejections[i].event,
                                            SLUICE_EVENT_FORMAT_JSONL, NULL);
      const char *reason;

      g_assert_no_error (result->error);
      g_assert_cmpuint (result->events->len, ==, 0);
      g_assert_cmpuint (result->rejections->len, ==, 1);
      reason = rejection_index (result, 0)->reason;
      if (!g_str_has_prefix (reason, cloudevent_rejections[i].reason))
        g_error ("“%s”: reason “%s”, expected “%s”", cloudevent_rejections[i].event, reason,
                 cloudevent_rejections[i].reason);
    }

  /* with the CloudEvents format, any object must be one */
  {
    g_autoptr(Result) result = read_text ("{\"id\":\"a\"}", SLUICE_EVENT_FORMAT_CLOUDEVENTS, NULL);

    g_assert_cmpuint (result->rejections->len, ==, 1);
    g_assert_cmpstr (rejection_index (result, 0)->reason, ==,
                     "not a CloudEvent: missing required attribute “specversion”");
  }

  /* long values are cut short in reasons */
  {
    g_autoptr(GString) text = g_string_new ("{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\","
                                            "\"type\":\"t\",\"time\":\"");

    for (guint i = 0; i < 1000; i++)
      g_string_append (text, "la");
    g_string_append (text, "\"}");
    {
      g_autoptr(Result) result = read_text (text->str, SLUICE_EVENT_FORMAT_AUTO, NULL);

      g_assert_cmpuint (result->rejections->len, ==, 1);
      g_assert_cmpuint (strlen (rejection_index (result, 0)->reason), <, 200);
      g_assert_true (g_str_has_suffix (rejection_index (result, 0)->reason, "…”"));
    }
  }
}

static void
test_cloudevent_fields (void)
{
  const char *text =
    "{\n"
    "  \"specversion\": \"1.0\",\n"
    "  \"id\": \"id-\\u00e9\\\"1\",\n"
    "  \"source\": \"https://example.com/s\",\n"
    "  \"type\": \"com.example.t\",\n"
    "  \"subject\": \"acct/1\",\n"
    "  \"time\": \"2026-10-25T15:04:05.123456+02:00\",\n"
    "  \"tenant\": \"t07\",\n"
    "  \"datacontenttype\": \"application/json; charset=utf-8\",\n"
    "  \"dataschema\": \"https://example.com/schema\",\n"
    "  \"extinteger\": -10,\n"
    "  \"extboolean\": true,\n"
    "  \"extstring\": \"a \\\"quoted\\\" text\",\n"
    "  \"extnull\": null,\n"
    "  \"data\": {\n"
    "    \"percent\": 83,\n"
    "    \"list\": [ 1, \"two words\" ]\n"
    "  }\n"
    "}\n"
    CE ("b64", ",\"data_base64\":\"TWE=\",\"subject\":null,\"tenant\":\"\"") "\n"
    CE ("nodata", ",\"data\":null") "\n";
  g_autoptr(Result) result = read_text (text, SLUICE_EVENT_FORMAT_AUTO, NULL);
  Event *event;
  g_autoptr(JsonNode) extensions = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_no_error (result->error);
  g_assert_cmpuint (result->rejections->len, ==, 0);
  g_assert_cmpuint (result->events->len, ==, 3);

  event = event_index (result, 0);
  g_assert_cmpstr (event->id, ==, "id-é\"1");
  g_assert_cmpstr (event->source, ==, "https://example.com/s");
  g_assert_cmpstr (event->type, ==, "com.example.t");
  g_assert_cmpstr (event->subject, ==, "acct/1");
  g_assert_cmpstr (event->tenant, ==, "t07");
  g_assert_cmpint (event->time_ms, ==, parse_time ("2026-10-25T13:04:05.123Z"));
  g_assert_cmpstr (event->data, ==, "{\"percent\":83,\"list\":[1,\"two words\"]}");
  g_assert_cmpstr (event->extensions, ==,
                   "{\"datacontenttype\":\"application/json; charset=utf-8\","
                   "\"dataschema\":\"https://example.com/schema\",\"extinteger\":-10,"
                   "\"extboolean\":true,\"extstring\":\"a \\\"quoted\\\" text\"}");
  extensions = json_from_string (event->extensions, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (event->line, ==, 1);

  event = event_index (result, 1);
  g_assert_cmpstr (event->data, ==, "\"TWE=\"");
  g_assert_null (event->subject);
  g_assert_null (event->tenant);
  g_assert_null (event->extensions);
  g_assert_cmpuint (event->line, ==, 20);

  event = event_index (result, 2);
  g_assert_null (event->data);
}

static void
test_cloudevent_default_time (void)
{
  const char *text = "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\"}\n"
                     "{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"s\",\"type\":\"t\",\"time\":null}\n"
                     CE ("c", "");
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (text, -1, NULL);
  g_autoptr(Result) result = read_stream_full (input, SLUICE_EVENT_FORMAT_AUTO, NULL, TRUE, 42);

  g_assert_cmpuint (result->rejections->len, ==, 0);
  g_assert_cmpuint (result->events->len, ==, 3);
  g_assert_cmpint (event_index (result, 0)->time_ms, ==, 42);
  g_assert_cmpint (event_index (result, 1)->time_ms, ==, 42);
  g_assert_cmpint (event_index (result, 2)->time_ms, ==, parse_time ("2026-10-25T13:04:05.123Z"));
}

/* Mappings */

static void
test_mapping (void)
{
  g_autoptr(SluiceEventMapping) mapping = sluice_event_mapping_new ();
  const char *text =
    "{\"n\":12345,\"kind\":\"created\",\"at\":1761397445.5,\"who\":{\"org\":\"acme\",\"name\":\"x\"},\"body\":{\"k\":[1, 2]}}\n"
    "{\"n\":\"str-id\",\"kind\":\"k\\u00e9\",\"at\":\"2026-10-25T13:04:05Z\",\"who\":{\"org\":7}}\n"
    "{\"n\":1,\"at\":\"2026-10-25T13:04:05Z\"}\n"
    "{\"n\":2,\"kind\":{\"a\":1},\"at\":\"2026-10-25T13:04:05Z\"}\n"
    "{\"n\":3,\"kind\":\"k\",\"at\":\"soon\"}\n"
    "{\"n\":4,\"kind\":\"k\"}\n"
    "{\"kind\":\"k\",\"at\":0}\n"
    "{\"n\":5,\"kind\":\"k\",\"at\":0,\"who\":{\"org\":[\"a\"]}}\n"
    "{\"n\":null,\"kind\":\"k\",\"at\":0}\n";
  g_autoptr(Result) result = NULL;

  mapping->id_path = g_strdup ("n");
  mapping->type_path = g_strdup ("kind");
  mapping->time_path = g_strdup ("at");
  mapping->tenant_path = g_strdup ("who.org");
  mapping->subject_path = g_strdup ("who.name");
  mapping->data_path = g_strdup ("body");
  mapping->source = g_strdup ("//fixed");

  result = read_text (text, SLUICE_EVENT_FORMAT_AUTO, mapping);
  g_assert_no_error (result->error);
  g_assert_cmpuint (result->events->len, ==, 2);
  g_assert_cmpstr (event_index (result, 0)->id, ==, "12345");
  g_assert_cmpstr (event_index (result, 0)->type, ==, "created");
  g_assert_cmpstr (event_index (result, 0)->source, ==, "//fixed");
  g_assert_cmpstr (event_index (result, 0)->tenant, ==, "acme");
  g_assert_cmpstr (event_index (result, 0)->subject, ==, "x");
  g_assert_cmpint (event_index (result, 0)->time_ms, ==, G_GINT64_CONSTANT (1761397445500));
  g_assert_cmpstr (event_index (result, 0)->data, ==, "{\"k\":[1,2]}");
  g_assert_null (event_index (result, 0)->extensions);
  g_assert_cmpstr (event_index (result, 1)->id, ==, "str-id");
  g_assert_cmpstr (event_index (result, 1)->type, ==, "ké");
  g_assert_cmpstr (event_index (result, 1)->tenant, ==, "7");
  g_assert_null (event_index (result, 1)->subject);
  g_assert_null (event_index (result, 1)->data);

  g_assert_cmpuint (result->rejections->len, ==, 7);
  g_assert_cmpstr (rejection_index (result, 0)->reason, ==, "no event type: nothing at “kind”");
  g_assert_cmpuint (rejection_index (result, 0)->line, ==, 3);
  g_assert_cmpstr (rejection_index (result, 1)->reason, ==,
                   "“kind” must be a string or a number, not an object");
  g_assert_cmpstr (rejection_index (result, 2)->reason, ==,
                   "the event time at “at” is neither an RFC 3339 timestamp nor a number of "
                   "seconds since 1970: “soon”");
  g_assert_cmpstr (rejection_index (result, 3)->reason, ==, "no event time: nothing at “at”");
  g_assert_cmpstr (rejection_index (result, 4)->reason, ==, "no event id: nothing at “n”");
  g_assert_cmpstr (rejection_index (result, 5)->reason, ==,
                   "“who.org” must be a string or a number, not an array");
  g_assert_cmpstr (rejection_index (result, 6)->reason, ==, "no event id: nothing at “n”");
}

/* Fixed values are fallbacks when a path finds nothing. */
static void
test_mapping_fallbacks (void)
{
  g_autoptr(SluiceEventMapping) mapping = sluice_event_mapping_new ();
  g_autoptr(Result) result = NULL;
  g_autoptr(Result) empty = NULL;
  g_autoptr(SluiceEventMapping) nothing = sluice_event_mapping_new ();

  mapping->type_path = g_strdup ("kind");
  mapping->type = g_strdup ("default.kind");
  mapping->time_path = g_strdup ("at");
  mapping->has_time = TRUE;
  mapping->time_ms = 1000;
  mapping->source_path = g_strdup ("src");

  result = read_text ("{\"kind\":\"k\",\"at\":\"2026-10-25T13:04:05Z\",\"src\":\"//s\"}\n"
                      "{\"src\":\"//s\"}\n"
                      "{\"kind\":\"k\"}\n",
                      SLUICE_EVENT_FORMAT_AUTO, mapping);
  g_assert_cmpuint (result->events->len, ==, 2);
  g_assert_cmpstr (event_index (result, 0)->type, ==, "k");
  g_assert_cmpstr (event_index (result, 1)->type, ==, "default.kind");
  g_assert_cmpint (event_index (result, 1)->time_ms, ==, 1000);
  g_assert_cmpuint (result->rejections->len, ==, 1);
  g_assert_cmpstr (rejection_index (result, 0)->reason, ==, "no event source: nothing at “src”");

  /* an empty mapping says what it lacks */
  empty = read_text ("{\"a\":1}", SLUICE_EVENT_FORMAT_AUTO, nothing);
  g_assert_cmpuint (empty->rejections->len, ==, 1);
  g_assert_cmpstr (rejection_index (empty, 0)->reason, ==,
                   "no event type: the field mapping has neither a type path nor a fixed type");
}

/* Without an id path the id comes from the content, and does not change
 * when the file is indented differently. */
static void
test_mapping_derived_id (void)
{
  g_autoptr(SluiceEventMapping) mapping = sluice_event_mapping_new ();
  const char *compact = "{\"a\":[1,2],\"b\":\"x y\"}";
  g_autoptr(Result) one = NULL;
  g_autoptr(Result) other = NULL;
  g_autoptr(Result) third = NULL;
  g_autofree char *expected = g_strdup_printf ("xxh64:%016" G_GINT64_MODIFIER "x",
                                               sluice_xxh64 (compact, strlen (compact), 0));

  mapping->type = g_strdup ("t");
  mapping->has_time = TRUE;

  one = read_text (compact, SLUICE_EVENT_FORMAT_AUTO, mapping);
  other = read_text ("{\n  \"a\": [ 1, 2 ],\n  \"b\": \"x y\"\n}\n", SLUICE_EVENT_FORMAT_AUTO, mapping);
  g_assert_cmpuint (one->events->len, ==, 1);
  g_assert_cmpuint (other->events->len, ==, 1);
  g_assert_cmpstr (event_index (one, 0)->id, ==, expected);
  g_assert_cmpstr (event_index (other, 0)->id, ==, expected);
  g_assert_cmpstr (event_index (other, 0)->data, ==, compact);
  /* the content hash is of the text as read */
  g_assert_cmpuint (event_index (one, 0)->hash, ==, sluice_xxh64 (compact, strlen (compact), 0));
  g_assert_cmpuint (event_index (one, 0)->hash, !=, event_index (other, 0)->hash);

  /* with a data path, the id is still of the whole object */
  mapping->data_path = g_strdup ("a");
  third = read_text ("{\n  \"a\": [ 1, 2 ],\n  \"b\": \"x y\"\n}\n", SLUICE_EVENT_FORMAT_AUTO, mapping);
  g_assert_cmpstr (event_index (third, 0)->id, ==, expected);
  g_assert_cmpstr (event_index (third, 0)->data, ==, "[1,2]");
}

static void
test_presets (void)
{
  const char * const *names = sluice_event_mapping_preset_names ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SluiceEventMapping) unknown = NULL;
  guint n = 0;

  for (; names[n] != NULL; n++)
    {
      g_autoptr(SluiceEventMapping) mapping = sluice_event_mapping_new_preset (names[n], &error);
      g_autoptr(SluiceEventMapping) copy = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (mapping);
      copy = sluice_event_mapping_copy (mapping);
      g_assert_cmpstr (copy->id_path, ==, mapping->id_path);
      g_assert_cmpstr (copy->time_path, ==, mapping->time_path);
      g_assert_cmpstr (copy->tenant_path, ==, mapping->tenant_path);
    }
  g_assert_cmpuint (n, ==, 3);

  unknown = sluice_event_mapping_new_preset ("cloudtrail", &error);
  g_assert_null (unknown);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "“cloudtrail”"));
  g_assert_nonnull (strstr (error->message, "gharchive, eventbridge, github-webhook"));
}

static void
test_format_names (void)
{
  static const struct {
    const char        *name;
    SluiceEventFormat  format;
  } cases[] = {
    { "auto", SLUICE_EVENT_FORMAT_AUTO },
    { "jsonl", SLUICE_EVENT_FORMAT_JSONL },
    { "ndjson", SLUICE_EVENT_FORMAT_JSONL },
    { "JSON", SLUICE_EVENT_FORMAT_JSON },
    { "cloudevents", SLUICE_EVENT_FORMAT_CLOUDEVENTS },
  };
  SluiceEventFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (sluice_event_format_from_string (cases[i].name, &format));
      g_assert_cmpint (format, ==, cases[i].format);
      g_assert_true (sluice_event_format_from_string (sluice_event_format_to_string (format), &format));
      g_assert_cmpint (format, ==, cases[i].format);
    }
  g_assert_false (sluice_event_format_from_string ("xml", &format));
}

static void
test_cancel (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(SluiceEventReader) reader = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SluiceEventRecord record;
  SluiceEventRejection rejection;
  SluiceEventReadResult r;
  guint n = 0, total = 20000;

  for (guint i = 0; i < total; i++)
    {
      g_autofree char *line = usage_line (i);

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }
  bytes = g_bytes_new (text->str, text->len);
  input = g_memory_input_stream_new_from_bytes (bytes);
  reader = sluice_event_reader_new (input, SLUICE_EVENT_FORMAT_AUTO, NULL);

  g_assert_cmpint (sluice_event_reader_next (reader, &record, &rejection, cancellable, &error),
                   ==, SLUICE_EVENT_READ_EVENT);
  g_cancellable_cancel (cancellable);
  while ((r = sluice_event_reader_next (reader, &record, &rejection, cancellable, &error))
         == SLUICE_EVENT_READ_EVENT)
    n++;
  g_assert_cmpint (r, ==, SLUICE_EVENT_READ_ERROR);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* what was in the buffer, not the whole input */
  g_assert_cmpuint (n, <, total - 1);
  g_assert_cmpuint (sluice_event_reader_get_bytes_read (reader), <, text->len);
}

static void
test_content_hash (void)
{
  g_autoptr(Result) result = read_text (CE ("a", "") "\n" CE ("a", "") "\n" CE ("a", ",\"x\":1") "\n",
                                        SLUICE_EVENT_FORMAT_AUTO, NULL);
  const char *text = CE ("a", "");

  g_assert_cmpuint (result->events->len, ==, 3);
  g_assert_cmpuint (event_index (result, 0)->hash, ==, event_index (result, 1)->hash);
  g_assert_cmpuint (event_index (result, 0)->hash, !=, event_index (result, 2)->hash);
  g_assert_cmpuint (event_index (result, 0)->hash, ==, sluice_xxh64 (text, strlen (text), 0));

  /* XXH64 reference values */
  g_assert_cmpuint (sluice_xxh64 ("", 0, 0), ==, G_GUINT64_CONSTANT (0xef46db3751d8e999));
  g_assert_cmpuint (sluice_xxh64 ("abc", 3, 0), ==, G_GUINT64_CONSTANT (0x44bc2cf5ad770999));
}

/* The shared samples */

static char *
shared_path (const char *first,
             ...)
{
  const char *dir = g_getenv ("SLUICE_SHARED_DATADIR");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  g_ptr_array_add (parts, (gpointer) dir);
  g_ptr_array_add (parts, (gpointer) first);
  va_start (args, first);
  for (const char *p = va_arg (args, const char *); p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static GPtrArray *
list_files (const char *dir,
            const char *suffix,
            gboolean    recursive)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (recursive && g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GPtrArray) sub = list_files (path, suffix, TRUE);

          for (guint i = 0; i < sub->len; i++)
            g_ptr_array_add (files, g_strdup (g_ptr_array_index (sub, i)));
        }
      else if (g_str_has_suffix (name, suffix))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
  return files;
}

#define SKIP_WITHOUT_SHARED_DATA(path) \
  G_STMT_START { \
    if ((path) == NULL) \
      { \
        g_test_skip ("SLUICE_SHARED_DATADIR is not set"); \
        return; \
      } \
  } G_STMT_END

static void
test_data_octokit (void)
{
  g_autofree char *dir = shared_path ("octokit-webhooks", "payload-examples", "api.github.com", NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const gint64 fixed = parse_time ("2026-10-25T00:00:00Z");
  guint with_time = 0, with_tenant = 0;

  SKIP_WITHOUT_SHARED_DATA (dir);
  files = list_files (dir, ".json", TRUE);
  g_assert_cmpuint (files->len, ==, 273);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *folder = g_path_get_dirname (path);
      g_autofree char *event_name = g_path_get_basename (folder);
      g_autoptr(GError) error = NULL;
      g_autoptr(SluiceEventMapping) mapping = sluice_event_mapping_new_preset ("github-webhook", &error);
      g_autoptr(Result) result = NULL;
      Event *event;

      g_assert_no_error (error);
      mapping->type = g_strdup (event_name);
      mapping->has_time = TRUE;
      mapping->time_ms = fixed;
      result = read_file (path, SLUICE_EVENT_FORMAT_AUTO, mapping);
      g_assert_no_error (result->error);
      if (result->events->len != 1 || result->rejections->len != 0)
        g_error ("%s: %u events, first rejection: %s", path, result->events->len,
                 result->rejections->len ? rejection_index (result, 0)->reason : "none");

      event = event_index (result, 0);
      g_assert_cmpstr (event->type, ==, event_name);
      g_assert_cmpstr (event->source, ==, "https://github.com");
      g_assert_true (g_str_has_prefix (event->id, "xxh64:"));
      g_assert_nonnull (event->data);
      g_assert_true (g_str_has_prefix (event->data, "{"));
      with_time += event->time_ms != fixed;
      with_tenant += event->tenant != NULL;
      g_hash_table_add (types, g_strdup (event->type));
      g_hash_table_add (ids, g_strdup (event->id));
    }

  g_assert_cmpuint (g_hash_table_size (types), ==, 60);
  /* 235 payloads have a repository, with updated_at and an owner */
  g_assert_cmpuint (with_time, ==, 235);
  g_assert_cmpuint (with_tenant, ==, 235);
  g_assert_cmpuint (g_hash_table_size (ids), ==, 273);
}

static void
test_data_gharchive (void)
{
  g_autofree char *path = shared_path ("gharchive-pinot", "2021-07-21-few-hours.json", NULL);
  g_autoptr(SluiceEventMapping) mapping = NULL;
  g_autoptr(Result) result = NULL;
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  gint64 first = G_MAXINT64, last = G_MININT64;

  SKIP_WITHOUT_SHARED_DATA (path);
  mapping = sluice_event_mapping_new_preset ("gharchive", &error);
  g_assert_no_error (error);
  result = read_file (path, SLUICE_EVENT_FORMAT_AUTO, mapping);
  g_assert_no_error (result->error);
  g_assert_cmpint (result->layout, ==, SLUICE_EVENT_FORMAT_JSONL);
  g_assert_cmpuint (result->rejections->len, ==, 0);
  g_assert_cmpuint (result->events->len, ==, 800);
  g_assert_cmpuint (result->bytes_read, ==, 2973035);

  for (guint i = 0; i < result->events->len; i++)
    {
      Event *event = event_index (result, i);

      g_assert_cmpuint (event->line, ==, i + 1);
      g_assert_cmpstr (event->source, ==, "https://www.gharchive.org");
      g_assert_nonnull (event->tenant);
      g_assert_nonnull (strchr (event->tenant, '/'));
      g_assert_true (g_str_has_suffix (event->type, "Event"));
      g_hash_table_add (types, event->type);
      g_hash_table_add (ids, event->id);
      first = MIN (first, event->time_ms);
      last = MAX (last, event->time_ms);
    }
  g_assert_cmpuint (g_hash_table_size (types), ==, 15);
  g_assert_cmpuint (g_hash_table_size (ids), ==, 800);
  g_assert_cmpint (first, ==, parse_time ("2021-07-21T06:00:00Z"));
  g_assert_cmpint (last, ==, parse_time ("2021-07-21T09:00:04Z"));

  /* without a mapping, none of them is an event */
  {
    g_autoptr(Result) plain = read_file (path, SLUICE_EVENT_FORMAT_AUTO, NULL);

    g_assert_cmpuint (plain->events->len, ==, 0);
    g_assert_cmpuint (plain->rejections->len, ==, 800);
    g_assert_true (g_str_has_prefix (rejection_index (plain, 0)->reason, "not a CloudEvent"));
  }
}

static void
test_data_eventbridge (void)
{
  g_autofree char *dir = shared_path ("event-envelopes", "aws-eventbridge", NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SluiceEventMapping) mapping = sluice_event_mapping_new_preset ("eventbridge", &error);
  guint boms = 0;

  SKIP_WITHOUT_SHARED_DATA (dir);
  g_assert_no_error (error);
  files = list_files (dir, ".json", TRUE);
  g_assert_cmpuint (files->len, ==, 33);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *contents = NULL;
      gsize len;
      g_autoptr(Result) result = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;
      Event *event;
      gboolean has_bom;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      has_bom = len >= 3 && memcmp (contents, "\xef\xbb\xbf", 3) == 0;
      boms += has_bom;

      result = read_file (path, SLUICE_EVENT_FORMAT_AUTO, mapping);
      g_assert_no_error (result->error);
      if (result->events->len != 1 || result->rejections->len != 0)
        g_error ("%s: %u events, first rejection: %s", path, result->events->len,
                 result->rejections->len ? rejection_index (result, 0)->reason : "none");
      event = event_index (result, 0);

      /* the same fields as json-glib finds */
      g_assert_true (json_parser_load_from_data (parser, contents + (has_bom ? 3 : 0),
                                                 (gssize) len - (has_bom ? 3 : 0), NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (event->id, ==, json_object_get_string_member (object, "id"));
      g_assert_cmpstr (event->type, ==, json_object_get_string_member (object, "detail-type"));
      g_assert_cmpstr (event->source, ==, json_object_get_string_member (object, "source"));
      g_assert_cmpstr (event->tenant, ==, json_object_get_string_member (object, "account"));
      g_assert_cmpint (event->time_ms, ==, parse_time (json_object_get_string_member (object, "time")));
      {
        g_autoptr(JsonNode) data = json_from_string (event->data, &error);

        g_assert_no_error (error);
        g_assert_true (json_node_equal (data, json_parser_get_root (parser)));
      }
    }
  g_assert_cmpuint (boms, ==, 3);
}

static void
test_data_gcf (void)
{
  g_autofree char *dir = shared_path ("event-envelopes", "cloudevents",
                                      "gcf-functions-framework-conformance", NULL);
  g_autoptr(GPtrArray) files = NULL;
  guint n_cloudevents = 0, n_legacy = 0;

  SKIP_WITHOUT_SHARED_DATA (dir);
  files = list_files (dir, ".json", FALSE);
  g_assert_cmpuint (files->len, ==, 34);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(Result) result = read_file (path, SLUICE_EVENT_FORMAT_AUTO, NULL);

      g_assert_no_error (result->error);
      if (g_str_has_suffix (path, "-cloudevent-input.json"))
        {
          Event *event;

          if (result->events->len != 1 || result->rejections->len != 0)
            g_error ("%s: %u events, first rejection: %s", path, result->events->len,
                     result->rejections->len ? rejection_index (result, 0)->reason : "none");
          event = event_index (result, 0);
          g_assert_cmpstr (event->id, ==, "aaaaaa-1111-bbbb-2222-cccccccccccc");
          g_assert_cmpint (event->time_ms, ==, parse_time ("2020-09-29T11:32:00.123Z"));
          g_assert_true (g_str_has_prefix (event->type, "google."));
          g_assert_true (g_str_has_prefix (event->source, "//"));
          g_assert_nonnull (event->extensions);
          n_cloudevents++;
        }
      else
        {
          g_assert_true (g_str_has_suffix (path, "-legacy-input.json"));
          g_assert_cmpuint (result->events->len, ==, 0);
          g_assert_cmpuint (result->rejections->len, ==, 1);
          g_assert_true (g_str_has_prefix (rejection_index (result, 0)->reason,
                                           "not a CloudEvent (no “specversion”)"));
          n_legacy++;
        }
    }
  g_assert_cmpuint (n_cloudevents, ==, 17);
  g_assert_cmpuint (n_legacy, ==, 17);
}

/* The CloudEvents JSON conformance suite wraps its cases as
 * {testType, tests: [{id, event | batch}]}; each case is unwrapped with
 * json-glib and given to the reader on its own.
 *
 * The valid cases include events without "time", which CloudEvents allows
 * and Sluice cannot simulate: they are read with a default time here.
 * Every invalid case is rejected; none is known that the reader lets
 * through. */
static void
test_data_cloudevents_conformance (void)
{
  static const char * const files[] = {
    "valid-events.json", "invalid-events.json", "valid-batches.json", "invalid-batches.json",
  };
  guint n_cases = 0;

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = shared_path ("event-envelopes", "cloudevents", "cloudevents-conformance",
                                           files[f], NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *root;
      JsonArray *tests;
      const char *test_type;
      gboolean valid;

      SKIP_WITHOUT_SHARED_DATA (path);
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      test_type = json_object_get_string_member (root, "testType");
      valid = g_str_has_prefix (test_type, "Valid");
      tests = json_object_get_array_member (root, "tests");

      for (guint i = 0; i < json_array_get_length (tests); i++)
        {
          JsonObject *test = json_array_get_object_element (tests, i);
          const char *id = json_object_get_string_member (test, "id");
          gboolean batch = json_object_has_member (test, "batch");
          JsonNode *value = json_object_get_member (test, batch ? "batch" : "event");
          g_autofree char *text = json_to_string (value, TRUE);
          g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (text, -1, NULL);
          g_autoptr(Result) result = read_stream_full (input, SLUICE_EVENT_FORMAT_AUTO, NULL,
                                                       TRUE, 0);
          guint expected = batch ? json_array_get_length (json_node_get_array (value)) : 1;

          g_assert_no_error (result->error);
          n_cases++;
          if (valid)
            {
              if (result->events->len != expected || result->rejections->len != 0)
                g_error ("%s: %u of %u events, first rejection: %s", id, result->events->len,
                         expected, result->rejections->len ? rejection_index (result, 0)->reason : "none");
            }
          else
            {
              if (result->rejections->len == 0)
                g_error ("%s: the invalid case was not rejected", id);
              g_test_message ("%s: %s", id, rejection_index (result, 0)->reason);
            }
        }
    }
  g_assert_cmpuint (n_cases, ==, 10 + 25 + 5 + 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/reader/jsonl/malformed-line", test_jsonl_malformed_line);
  g_test_add_func ("/sim/reader/jsonl/blank-lines", test_jsonl_blank_lines);
  g_test_add_func ("/sim/reader/jsonl/crlf", test_jsonl_crlf);
  g_test_add_func ("/sim/reader/jsonl/forced", test_jsonl_forced);
  g_test_add_func ("/sim/reader/json/array-streamed", test_json_array_streamed);
  g_test_add_func ("/sim/reader/json/array-large", test_json_array_large);
  g_test_add_func ("/sim/reader/json/pretty-values", test_json_pretty_values);
  g_test_add_func ("/sim/reader/json/syntax-error-stops", test_json_syntax_error_stops);
  g_test_add_func ("/sim/reader/auto-detect", test_auto_detect);
  g_test_add_func ("/sim/reader/gzip", test_gzip);
  g_test_add_func ("/sim/reader/bom", test_bom);
  g_test_add_func ("/sim/reader/cloudevents/rejections", test_cloudevent_rejections);
  g_test_add_func ("/sim/reader/cloudevents/fields", test_cloudevent_fields);
  g_test_add_func ("/sim/reader/cloudevents/default-time", test_cloudevent_default_time);
  g_test_add_func ("/sim/reader/mapping/paths", test_mapping);
  g_test_add_func ("/sim/reader/mapping/fallbacks", test_mapping_fallbacks);
  g_test_add_func ("/sim/reader/mapping/derived-id", test_mapping_derived_id);
  g_test_add_func ("/sim/reader/mapping/presets", test_presets);
  g_test_add_func ("/sim/reader/format-names", test_format_names);
  g_test_add_func ("/sim/reader/cancel", test_cancel);
  g_test_add_func ("/sim/reader/content-hash", test_content_hash);
  g_test_add_func ("/sim/reader/data/octokit-webhooks", test_data_octokit);
  g_test_add_func ("/sim/reader/data/gharchive", test_data_gharchive);
  g_test_add_func ("/sim/reader/data/aws-eventbridge", test_data_eventbridge);
  g_test_add_func ("/sim/reader/data/gcf-conformance", test_data_gcf);
  g_test_add_func ("/sim/reader/data/cloudevents-conformance", test_data_cloudevents_conformance);

  return g_test_run ();
}
