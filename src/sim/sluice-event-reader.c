/* sluice-event-reader.c
 *
 * Turns a stream of JSON events into envelope records, one at a time and
 * in constant memory: the text buffer only grows to hold the largest single
 * event (at most twice that, see fill_more()), whatever the size of the file.
 *
 * Layers, bottom up:
 *
 *  - input: the stream is read in 1 MiB chunks. Gzip input (magic 1f 8b)
 *    is decompressed here through a GZlibDecompressor driven by hand rather
 *    than a GConverterInputStream: that way the first bytes can be looked at
 *    before deciding, bytes_read counts the compressed bytes exactly, and
 *    concatenated gzip members (pigz, bgzip, `cat a.gz b.gz`) are read too.
 *    A UTF-8 byte-order mark at the start is skipped.
 *
 *  - layout: JSON Lines (one value per line; a bad line is rejected and
 *    reading goes on with the next), or JSON (a top-level array streamed
 *    element by element, or values one after another, each possibly over
 *    many lines). In JSON a syntax error ends the reading: where the next
 *    value starts cannot be known reliably after it.
 *
 *  - envelope: an object with "specversion" is a CloudEvent (structured
 *    mode, JSON format), checked against CloudEvents 1.0; any other object
 *    goes through the SluiceEventMapping given.
 *
 * Values are checked and taken apart by sluice-json-scan.c without building
 * a tree, which is what makes the reader fast.
 *
 * Ids derived from content (a mapping without id_path) are "xxh64:" and the
 * 16 lower-case hex digits of XXH64 (seed 0) of the value's compact text,
 * that is the value as read without the whitespace between tokens, so that
 * re-indenting a file does not change the ids.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sluice-event-reader.h"
#include "sluice-json-scan.h"
#include "sluice-sim-error.h"
#include "sluice-time.h"
#include "sluice-xxh64.h"

#define CHUNK_SIZE (1024 * 1024)

/* Long values are cut in messages so one bad event cannot flood a report. */
#define MAX_QUOTED_CHARS 60

typedef enum
{
  STATE_START,
  STATE_LINES,          /* JSON Lines */
  STATE_VALUES,         /* JSON values one after another, at the top level */
  STATE_ARRAY_FIRST,    /* just after a top-level '[' */
  STATE_ARRAY_NEXT,     /* after an element: ',' or ']' */
  STATE_ARRAY_ELEMENT,  /* after a ',' */
  STATE_DONE,
} ReaderState;

typedef enum
{
  VALUE_FOUND,
  VALUE_REJECTED,
  VALUE_END,
  VALUE_ERROR,
} ValueResult;

/* The mapping's paths, split once. */
typedef struct
{
  char **id;
  char **type;
  char **source;
  char **time;
  char **tenant;
  char **subject;
  char **data;
} MappingPaths;

struct _SluiceEventReader
{
  GInputStream       *input;
  SluiceEventFormat   format;           /* as asked */
  SluiceEventFormat   layout;           /* JSONL or JSON once known */
  SluiceEventMapping *mapping;
  MappingPaths        paths;
  gboolean            has_default_time;
  gint64              default_time_ms;
  ReaderState         state;

  /* compressed input, only for gzip */
  GConverter         *gunzip;
  guchar             *raw;
  gsize               raw_size;
  gsize               raw_start;
  gsize               raw_end;
  gboolean            raw_eof;
  gboolean            member_done;
  guint64             bytes_read;

  /* decoded text; [start, end) is not consumed yet */
  char               *buf;
  gsize               cap;
  gsize               start;
  gsize               end;
  gboolean            eof;              /* nothing more will come after end */
  guint64             abs_base;         /* offset in the decoded input of buf[0] */

  /* where start is, for messages */
  guint               line;
  guint64             line_start_abs;   /* decoded offset where that line starts */
  guint               column_carry;     /* characters of the line before buf[0] */

  SluiceJsonScanner   scanner;
  GString            *reason;
  GString            *name;             /* an unescaped member name */
  GString            *text[8];          /* unescaped strings, compacted data, … */
  char                derived_id[24];
};

enum
{
  TEXT_ID,
  TEXT_TYPE,
  TEXT_SOURCE,
  TEXT_SUBJECT,
  TEXT_TENANT,
  TEXT_DATA,
  TEXT_EXTENSIONS,
  TEXT_SCRATCH,         /* for values looked at and not kept */
};

/* Formats */

static const struct {
  const char        *name;
  SluiceEventFormat  format;
} format_names[] = {
  { "auto", SLUICE_EVENT_FORMAT_AUTO },
  { "jsonl", SLUICE_EVENT_FORMAT_JSONL },
  { "ndjson", SLUICE_EVENT_FORMAT_JSONL },
  { "json", SLUICE_EVENT_FORMAT_JSON },
  { "cloudevents", SLUICE_EVENT_FORMAT_CLOUDEVENTS },
};

/**
 * sluice_event_format_from_string:
 * @name: "auto", "jsonl" (or "ndjson"), "json" or "cloudevents"
 * @format: (out): the format
 *
 * Returns: %TRUE if @name names a format
 */
gboolean
sluice_event_format_from_string (const char        *name,
                                 SluiceEventFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i].name) == 0)
      {
        if (format != NULL)
          *format = format_names[i].format;
        return TRUE;
      }
  return FALSE;
}

/**
 * sluice_event_format_to_string:
 * @format: a format
 *
 * Returns: the name sluice_event_format_from_string() takes
 */
const char *
sluice_event_format_to_string (SluiceEventFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;
  g_return_val_if_reached ("auto");
}

/* Mappings */

/**
 * sluice_event_mapping_new:
 *
 * Returns: (transfer full): an empty mapping: ids derived from the content,
 *   no type, source or time yet
 */
SluiceEventMapping *
sluice_event_mapping_new (void)
{
  return g_new0 (SluiceEventMapping, 1);
}

static const char * const preset_names[] = {
  "gharchive",
  "eventbridge",
  "github-webhook",
  NULL,
};

/**
 * sluice_event_mapping_preset_names:
 *
 * Returns: (transfer none): the names sluice_event_mapping_new_preset() knows
 */
const char * const *
sluice_event_mapping_preset_names (void)
{
  return preset_names;
}

/**
 * sluice_event_mapping_new_preset:
 * @name: "gharchive", "eventbridge" or "github-webhook"
 * @error: return location for an error
 *
 * Mappings for well-known event shapes:
 *
 * - gharchive: GH Archive / GitHub Events API events; id, type, created_at,
 *   tenant = repo.name, source "https://www.gharchive.org";
 * - eventbridge: AWS EventBridge events; id, detail-type, source, time,
 *   tenant = account;
 * - github-webhook: GitHub webhook payloads, which carry neither their event
 *   name nor an id: set @type to the event name (the X-GitHub-Event header)
 *   and @has_time/@time_ms for payloads without "repository.updated_at";
 *   the id is derived from the content; tenant = repository.owner.login.
 *
 * The payload is always the whole object.
 *
 * Returns: (transfer full): the mapping, or %NULL if @name is unknown
 */
SluiceEventMapping *
sluice_event_mapping_new_preset (const char  *name,
                                 GError     **error)
{
  g_autoptr(SluiceEventMapping) mapping = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  mapping = sluice_event_mapping_new ();
  if (g_str_equal (name, "gharchive"))
    {
      mapping->id_path = g_strdup ("id");
      mapping->type_path = g_strdup ("type");
      mapping->source = g_strdup ("https://www.gharchive.org");
      mapping->time_path = g_strdup ("created_at");
      mapping->tenant_path = g_strdup ("repo.name");
    }
  else if (g_str_equal (name, "eventbridge"))
    {
      mapping->id_path = g_strdup ("id");
      mapping->type_path = g_strdup ("detail-type");
      mapping->source_path = g_strdup ("source");
      mapping->time_path = g_strdup ("time");
      mapping->tenant_path = g_strdup ("account");
    }
  else if (g_str_equal (name, "github-webhook"))
    {
      mapping->source = g_strdup ("https://github.com");
      mapping->time_path = g_strdup ("repository.updated_at");
      mapping->tenant_path = g_strdup ("repository.owner.login");
    }
  else
    {
      g_autofree char *known = g_strjoinv (", ", (char **) preset_names);

      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_INPUT,
                   _("Unknown preset “%s”; the presets are: %s"), name, known);
      return NULL;
    }

  return g_steal_pointer (&mapping);
}

/**
 * sluice_event_mapping_copy:
 * @mapping: a mapping
 *
 * Returns: (transfer full): a copy of @mapping
 */
SluiceEventMapping *
sluice_event_mapping_copy (const SluiceEventMapping *mapping)
{
  SluiceEventMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);

  copy = g_new0 (SluiceEventMapping, 1);
  copy->id_path = g_strdup (mapping->id_path);
  copy->type_path = g_strdup (mapping->type_path);
  copy->type = g_strdup (mapping->type);
  copy->source_path = g_strdup (mapping->source_path);
  copy->source = g_strdup (mapping->source);
  copy->time_path = g_strdup (mapping->time_path);
  copy->time_ms = mapping->time_ms;
  copy->has_time = mapping->has_time;
  copy->tenant_path = g_strdup (mapping->tenant_path);
  copy->subject_path = g_strdup (mapping->subject_path);
  copy->data_path = g_strdup (mapping->data_path);
  return copy;
}

/**
 * sluice_event_mapping_free:
 * @mapping: (nullable): a mapping; its strings are freed with it
 */
void
sluice_event_mapping_free (SluiceEventMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_free (mapping->id_path);
  g_free (mapping->type_path);
  g_free (mapping->type);
  g_free (mapping->source_path);
  g_free (mapping->source);
  g_free (mapping->time_path);
  g_free (mapping->tenant_path);
  g_free (mapping->subject_path);
  g_free (mapping->data_path);
  g_free (mapping);
}

static char **
split_path (const char *path)
{
  if (path == NULL || *path == '\0')
    return NULL;
  return g_strsplit (path, ".", -1);
}

/* The reader */

/**
 * sluice_event_reader_new:
 * @input: the events; plain or gzip-compressed
 * @format: how they are laid out, or %SLUICE_EVENT_FORMAT_AUTO
 * @mapping: (nullable): where the envelope is in objects that are not
 *   CloudEvents; copied
 *
 * Returns: (transfer full): a reader; call sluice_event_reader_next()
 *   until it returns %SLUICE_EVENT_READ_END or %SLUICE_EVENT_READ_ERROR
 */
SluiceEventReader *
sluice_event_reader_new (GInputStream             *input,
                         SluiceEventFormat         format,
                         const SluiceEventMapping *mapping)
{
  SluiceEventReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);

  self = g_new0 (SluiceEventReader, 1);
  self->input = g_object_ref (input);
  self->format = format;
  self->layout = format;
  self->state = STATE_START;
  self->line = 1;
  self->cap = CHUNK_SIZE;
  self->buf = g_malloc (self->cap);
  self->scanner.members = g_array_sized_new (FALSE, FALSE, sizeof (SluiceJsonMember), 32);
  self->reason = g_string_new (NULL);
  self->name = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->text); i++)
    self->text[i] = g_string_new (NULL);

  if (mapping != NULL)
    {
      self->mapping = sluice_event_mapping_copy (mapping);
      self->paths.id = split_path (mapping->id_path);
      self->paths.type = split_path (mapping->type_path);
      self->paths.source = split_path (mapping->source_path);
      self->paths.time = split_path (mapping->time_path);
      self->paths.tenant = split_path (mapping->tenant_path);
      self->paths.subject = split_path (mapping->subject_path);
      self->paths.data = split_path (mapping->data_path);
    }

  return self;
}

/**
 * sluice_event_reader_free:
 * @reader: (nullable): a reader
 */
void
sluice_event_reader_free (SluiceEventReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_object (&reader->input);
  g_clear_object (&reader->gunzip);
  sluice_event_mapping_free (reader->mapping);
  g_strfreev (reader->paths.id);
  g_strfreev (reader->paths.type);
  g_strfreev (reader->paths.source);
  g_strfreev (reader->paths.time);
  g_strfreev (reader->paths.tenant);
  g_strfreev (reader->paths.subject);
  g_strfreev (reader->paths.data);
  g_free (reader->raw);
  g_free (reader->buf);
  g_array_unref (reader->scanner.members);
  g_string_free (reader->reason, TRUE);
  g_string_free (reader->name, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (reader->text); i++)
    g_string_free (reader->text[i], TRUE);
  g_free (reader);
}

/**
 * sluice_event_reader_set_default_time:
 * @reader: a reader
 * @time_ms: UTC milliseconds since the epoch
 *
 * CloudEvents may leave out "time", but an event without a time cannot
 * be simulated: by default such events are rejected. With a default time
 * (say, the time of the import) they are read with that time instead.
 */
void
sluice_event_reader_set_default_time (SluiceEventReader *reader,
                                      gint64             time_ms)
{
  g_return_if_fail (reader != NULL);

  reader->has_default_time = TRUE;
  reader->default_time_ms = time_ms;
}

/**
 * sluice_event_reader_get_format:
 * @reader: a reader
 *
 * Returns: %SLUICE_EVENT_FORMAT_JSONL or %SLUICE_EVENT_FORMAT_JSON once
 *   the reader has seen the start of the input; before, the format asked for
 */
SluiceEventFormat
sluice_event_reader_get_format (SluiceEventReader *reader)
{
  g_return_val_if_fail (reader != NULL, SLUICE_EVENT_FORMAT_AUTO);

  return reader->layout;
}

/**
 * sluice_event_reader_get_bytes_read:
 * @reader: a reader
 *
 * Returns: how many bytes were read from the input stream so far, before
 *   decompression, to compare with the size of the file for progress
 */
guint64
sluice_event_reader_get_bytes_read (SluiceEventReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->bytes_read;
}

/* Input */

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* UTF-8 characters in @len bytes: those that are not continuation bytes,
 * eight at a time, as a long minified line may pass through here. */
static guint64
count_characters (const char *text,
                  gsize       len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  guint64 n = len;

  while (end - p >= 8)
    {
      guint64 w;

      memcpy (&w, p, sizeof w);
      n -= (guint64) __builtin_popcountll (w & ~(w << 1) & G_GUINT64_CONSTANT (0x8080808080808080));
      p += 8;
    }
  for (; p < end; p++)
    if ((*p & 0xc0) == 0x80)
      n--;
  return n;
}

/* Moves the unread text to the front of the buffer. */
static void
compact_buffer (SluiceEventReader *self)
{
  guint64 start_abs = self->abs_base + self->start;

  if (self->start == 0)
    return;

  if (self->line_start_abs < start_abs)
    {
      gsize from = self->line_start_abs > self->abs_base
                   ? (gsize) (self->line_start_abs - self->abs_base) : 0;

      self->column_carry += (guint) count_characters (self->buf + from, self->start - from);
    }

  memmove (self->buf, self->buf + self->start, self->end - self->start);
  self->abs_base = start_abs;
  self->end -= self->start;
  self->start = 0;
}

/* Appends more raw (compressed) input after what is left of it. */
static gboolean
read_raw (SluiceEventReader  *self,
          GCancellable       *cancellable,
          GError            **error)
{
  gssize n;

  if (self->raw_start > 0)
    {
      memmove (self->raw, self->raw + self->raw_start, self->raw_end - self->raw_start);
      self->raw_end -= self->raw_start;
      self->raw_start = 0;
    }
  if (self->raw_end == self->raw_size)
    {
      self->raw_size *= 2;
      self->raw = g_realloc (self->raw, self->raw_size);
    }

  n = g_input_stream_read (self->input, self->raw + self->raw_end,
                           self->raw_size - self->raw_end, cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    self->raw_eof = TRUE;
  self->raw_end += (gsize) n;
  self->bytes_read += (guint64) n;
  return TRUE;
}

static gboolean
fill_gunzip (SluiceEventReader  *self,
             GCancellable       *cancellable,
             GError            **error)
{
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      GConverterResult result;
      gsize consumed = 0, produced = 0;

      if (self->raw_start == self->raw_end && !self->raw_eof)
        {
          if (!read_raw (self, cancellable, error))
            return FALSE;
          continue;
        }

      if (self->member_done)
        {
          if (self->raw_start == self->raw_end)
            {
              self->eof = TRUE;
              return TRUE;
            }
          /* another gzip member follows, as in concatenated files */
          if ((guchar) self->raw[self->raw_start] != 0x1f)
            {
              g_set_error_literal (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_INPUT,
                                   _("The gzip input has data after its end that is not gzip"));
              return FALSE;
            }
          g_converter_reset (self->gunzip);
          self->member_done = FALSE;
        }

      result = g_converter_convert (self->gunzip,
                                    self->raw + self->raw_start, self->raw_end - self->raw_start,
                                    self->buf + self->end, self->cap - self->end,
                                    self->raw_eof ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &consumed, &produced, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            {
              if (self->raw_eof)
                {
                  g_set_error_literal (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_INPUT,
                                       _("The gzip input is cut short"));
                  return FALSE;
                }
              if (!read_raw (self, cancellable, error))
                return FALSE;
              continue;
            }
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
            {
              self->cap *= 2;
              self->buf = g_realloc (self->buf, self->cap);
              continue;
            }
          g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_INPUT,
                       _("The gzip input cannot be decompressed: %s"), local_error->message);
          return FALSE;
        }

      self->raw_start += consumed;
      self->end += produced;
      if (result == G_CONVERTER_FINISHED)
        self->member_done = TRUE;
      if (produced > 0)
        return TRUE;
      if (self->raw_eof && self->raw_start == self->raw_end && !self->member_done)
        {
          g_set_error_literal (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_INPUT,
                               _("The gzip input is cut short"));
          return FALSE;
        }
    }
}

/* Reads one more piece of input after what is in the buffer. Sets eof
 * when there is no more. Checks for cancellation, so this happens at
 * least once per chunk. */
static gboolean
fill (SluiceEventReader  *self,
      GCancellable       *cancellable,
      GError            **error)
{
  gssize n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (self->eof)
    return TRUE;

  compact_buffer (self);
  if (self->end == self->cap)
    {
      /* one value fills the whole buffer */
      self->cap *= 2;
      self->buf = g_realloc (self->buf, self->cap);
    }

  if (self->gunzip != NULL)
    return fill_gunzip (self, cancellable, error);

  n = g_input_stream_read (self->input, self->buf + self->end, self->cap - self->end,
                           cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    self->eof = TRUE;
  self->end += (gsize) n;
  self->bytes_read += (guint64) n;
  return TRUE;
}

/* Reads at least as much again as is pending, so scanning a value again
 * from its start after each read costs linear time in all, even when the
 * stream hands out a few bytes per read. */
static gboolean
fill_more (SluiceEventReader  *self,
           GCancellable       *cancellable,
           GError            **error)
{
  gsize want = MAX (self->end - self->start, 1);
  gsize got = 0;

  while (!self->eof && got < want)
    {
      gsize had = self->end - self->start;

      if (!fill (self, cancellable, error))
        return FALSE;
      got += (self->end - self->start) - had;
      /* a full buffer is worth one more try; fill() grows it if needed */
      if (self->start == 0 && self->end == self->cap)
        break;
    }
  return TRUE;
}

static gboolean
ensure_bytes (SluiceEventReader  *self,
              gsize               n,
              GCancellable       *cancellable,
              GError            **error)
{
  while (self->end - self->start < n && !self->eof)
    if (!fill (self, cancellable, error))
      return FALSE;
  return TRUE;
}

/* Moves start to @offset past @newlines line ends, the last at @last_newline. */
static inline void
advance (SluiceEventReader *self,
         gsize              offset,
         guint              newlines,
         gsize              last_newline)
{
  if (newlines > 0)
    {
      self->line += newlines;
      self->line_start_abs = self->abs_base + last_newline + 1;
      self->column_carry = 0;
    }
  self->start = offset;
}

/* Skips whitespace, reading more as needed. Afterwards either start < end
 * (a non-space character) or the input is over. */
static gboolean
skip_space (SluiceEventReader  *self,
            GCancellable       *cancellable,
            GError            **error)
{
  for (;;)
    {
      while (self->start < self->end && is_space (self->buf[self->start]))
        {
          if (self->buf[self->start] == '\n')
            advance (self, self->start + 1, 1, self->start);
          else
            self->start++;
        }
      if (self->start < self->end || self->eof)
        return TRUE;
      if (!fill (self, cancellable, error))
        return FALSE;
    }
}

/* 1-based column of buf[@offset], which is on the line at start. */
static guint
column_at (SluiceEventReader *self,
           gsize              offset)
{
  gsize from = self->line_start_abs > self->abs_base
               ? (gsize) (self->line_start_abs - self->abs_base) : 0;
  guint line, column;

  sluice_json_locate (self->buf, from, offset, &line, &column);
  if (line == 1)
    column += self->column_carry;
  return column;
}

/* Messages */

/* Appends @text quoted, cut to a readable length. */
static void
append_quoted (GString    *out,
               const char *text,
               gsize       len)
{
  const char *end = text + len;
  const char *p = text;
  guint n = 0;

  g_string_append (out, "“");
  while (p < end && n < MAX_QUOTED_CHARS)
    {
      const char *next = g_utf8_find_next_char (p, end);

      if (next == NULL)
        next = end;
      if ((guchar) *p < 0x20)
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, next - p);
      p = next;
      n++;
    }
  if (p < end)
    g_string_append (out, "…");
  g_string_append (out, "”");
}

static char *
quote (const char *text,
       gsize       len)
{
  GString *out = g_string_sized_new (len + 8);

  append_quoted (out, text, MIN (len, MAX_QUOTED_CHARS * 4));
  return g_string_free (out, FALSE);
}

G_GNUC_PRINTF (2, 3)
static void
reject (SluiceEventReader *self,
        const char        *format,
        ...)
{
  va_list args;

  g_string_truncate (self->reason, 0);
  va_start (args, format);
  g_string_append_vprintf (self->reason, format, args);
  va_end (args);
}

/* Sets the reason for a JSON syntax error found by the scanner in @text. */
static void
reject_syntax (SluiceEventReader *self,
               const char        *text,
               gsize              len,
               guint              column,
               gboolean           fatal,
               guint              value_line,
               guint              error_line)
{
  g_autofree char *what = sluice_json_describe_error (self->scanner.error, text, len,
                                                      self->scanner.error_offset);

  if (!fatal)
    {
      /* Translators: the first %s says what is wrong, e.g. unexpected “}” */
      reject (self, _("not valid JSON: %s at column %u"), what, column);
    }
  else if (value_line != error_line)
    {
      reject (self, _("not valid JSON: %s at column %u, in the value that starts on line %u; "
                      "reading stopped here, as where the next event starts cannot be known "
                      "after a syntax error"),
              what, column, value_line);
    }
  else
    {
      reject (self, _("not valid JSON: %s at column %u; reading stopped here, as where the "
                      "next event starts cannot be known after a syntax error"),
              what, column);
    }
}

/* Values */

typedef struct
{
  const char     *text;       /* base of the offsets */
  SluiceJsonSpan  value;
  guint           line;
} FoundValue;

/* The next line of JSON Lines, checked. Blank lines are skipped. */
static ValueResult
next_line_value (SluiceEventReader  *self,
                 FoundValue         *found,
                 guint              *line,
                 GCancellable       *cancellable,
                 GError            **error)
{
  for (;;)
    {
      gsize searched = 0;
      const char *nl;
      const char *text;
      gsize len;
      gsize next;

      for (;;)
        {
          nl = memchr (self->buf + self->start + searched, '\n',
                       self->end - self->start - searched);
          if (nl != NULL || self->eof)
            break;
          searched = self->end - self->start;
          if (!fill (self, cancellable, error))
            return VALUE_ERROR;
        }

      if (nl == NULL && self->start == self->end)
        return VALUE_END;

      text = self->buf + self->start;
      len = nl != NULL ? (gsize) (nl - text) : self->end - self->start;
      *line = self->line;
      next = self->start + len;
      if (nl != NULL)
        advance (self, next + 1, 1, next);
      else
        advance (self, next, 0, 0);

      if (sluice_json_scan_document (&self->scanner, text, len))
        {
          found->text = text;
          found->value = self->scanner.value;
          found->line = *line;
          return VALUE_FOUND;
        }
      if (self->scanner.error == SLUICE_JSON_ERROR_EMPTY)
        continue;

      {
        guint column;

        sluice_json_locate (text, 0, self->scanner.error_offset, NULL, &column);
        reject_syntax (self, text, len, column, FALSE, *line, *line);
      }
      return VALUE_REJECTED;
    }
}

/* The next JSON value at start, which is not whitespace; a syntax error
 * stops the reading. */
static ValueResult
scan_value (SluiceEventReader  *self,
            FoundValue         *found,
            guint              *line,
            GCancellable       *cancellable,
            GError            **error)
{
  for (;;)
    {
      SluiceJsonScanResult result;

      result = sluice_json_scan (&self->scanner, self->buf, self->end, self->start, self->eof);
      if (result == SLUICE_JSON_SCAN_INCOMPLETE)
        {
          if (!fill_more (self, cancellable, error))
            return VALUE_ERROR;
          continue;
        }

      *line = self->line;
      if (result == SLUICE_JSON_SCAN_ERROR)
        {
          guint value_line = self->line;
          guint column;

          /* count the lines up to the error, from the start of the value */
          if (self->scanner.newlines > 0)
            advance (self, self->start, self->scanner.newlines, self->scanner.last_newline);
          column = column_at (self, self->scanner.error_offset);
          *line = self->line;
          reject_syntax (self, self->buf, self->end, column, TRUE, value_line, self->line);
          self->state = STATE_DONE;
          return VALUE_REJECTED;
        }

      found->text = self->buf;
      found->value = self->scanner.value;
      found->line = self->line;
      advance (self, self->scanner.value.end, self->scanner.newlines, self->scanner.last_newline);
      return VALUE_FOUND;
    }
}

/* Stops with a syntax error at start (a character out of place between
 * the values of a JSON array). */
static ValueResult
reject_here (SluiceEventReader *self,
             SluiceJsonError    error,
             guint             *line)
{
  self->scanner.error = error;
  self->scanner.error_offset = self->start;
  *line = self->line;
  reject_syntax (self, self->buf, self->end, column_at (self, self->start), TRUE,
                 self->line, self->line);
  self->state = STATE_DONE;
  return VALUE_REJECTED;
}

static ValueResult
next_json_value (SluiceEventReader  *self,
                 FoundValue         *found,
                 guint              *line,
                 GCancellable       *cancellable,
                 GError            **error)
{
  for (;;)
    {
      if (!skip_space (self, cancellable, error))
        return VALUE_ERROR;

      if (self->start == self->end)
        {
          if (self->state == STATE_VALUES)
            {
              self->state = STATE_DONE;
              return VALUE_END;
            }
          /* inside an array */
          return reject_here (self, SLUICE_JSON_ERROR_UNEXPECTED_END, line);
        }

      switch (self->state)
        {
        case STATE_VALUES:
          if (self->buf[self->start] == '[')
            {
              self->start++;
              self->state = STATE_ARRAY_FIRST;
              continue;
            }
          return scan_value (self, found, line, cancellable, error);

        case STATE_ARRAY_FIRST:
          if (self->buf[self->start] == ']')
            {
              self->start++;
              self->state = STATE_VALUES;
              continue;
            }
          self->state = STATE_ARRAY_NEXT;
          return scan_value (self, found, line, cancellable, error);

        case STATE_ARRAY_ELEMENT:
          if (self->buf[self->start] == ']')
            return reject_here (self, SLUICE_JSON_ERROR_TRAILING_COMMA, line);
          self->state = STATE_ARRAY_NEXT;
          return scan_value (self, found, line, cancellable, error);

        case STATE_ARRAY_NEXT:
          if (self->buf[self->start] == ',')
            {
              self->start++;
              self->state = STATE_ARRAY_ELEMENT;
              continue;
            }
          if (self->buf[self->start] == ']')
            {
              self->start++;
              self->state = STATE_VALUES;
              continue;
            }
          return reject_here (self, SLUICE_JSON_ERROR_EXPECTED_COMMA, line);

        case STATE_START:
        case STATE_LINES:
        case STATE_DONE:
        default:
          g_assert_not_reached ();
        }
    }
}

/* Looks at the start of the input: gzip, byte-order mark, layout. */
static gboolean
begin (SluiceEventReader  *self,
       GCancellable       *cancellable,
       GError            **error)
{
  static const char bom[3] = { (char) 0xef, (char) 0xbb, (char) 0xbf };

  if (!ensure_bytes (self, 2, cancellable, error))
    return FALSE;

  if (self->end - self->start >= 2
      && (guchar) self->buf[0] == 0x1f && (guchar) self->buf[1] == 0x8b)
    {
      /* what was read is compressed: it moves to the raw buffer */
      self->raw_size = MAX (CHUNK_SIZE, self->end);
      self->raw = g_malloc (self->raw_size);
      memcpy (self->raw, self->buf, self->end);
      self->raw_end = self->end;
      self->raw_eof = self->eof;
      self->start = self->end = 0;
      self->eof = FALSE;
      self->gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
      if (!ensure_bytes (self, 3, cancellable, error))
        return FALSE;
    }
  else if (!ensure_bytes (self, 3, cancellable, error))
    return FALSE;

  if (self->end - self->start >= 3 && memcmp (self->buf + self->start, bom, 3) == 0)
    {
      self->start += 3;
      self->line_start_abs = self->abs_base + self->start;
    }

  if (self->format == SLUICE_EVENT_FORMAT_JSONL)
    {
      self->state = STATE_LINES;
      return TRUE;
    }

  if (!skip_space (self, cancellable, error))
    return FALSE;
  if (self->start == self->end)
    {
      self->state = STATE_DONE;
      if (self->layout == SLUICE_EVENT_FORMAT_AUTO || self->layout == SLUICE_EVENT_FORMAT_CLOUDEVENTS)
        self->layout = SLUICE_EVENT_FORMAT_JSONL;
      return TRUE;
    }

  if (self->format == SLUICE_EVENT_FORMAT_JSON || self->buf[self->start] == '[')
    {
      self->layout = SLUICE_EVENT_FORMAT_JSON;
      self->state = STATE_VALUES;
      return TRUE;
    }

  /* Does the first line hold one complete value? Then it is JSON Lines. */
  {
    gsize searched = 0;
    const char *nl;
    gsize len;

    for (;;)
      {
        nl = memchr (self->buf + self->start + searched, '\n', self->end - self->start - searched);
        if (nl != NULL || self->eof)
          break;
        searched = self->end - self->start;
        if (!fill (self, cancellable, error))
          return FALSE;
      }
    len = nl != NULL ? (gsize) (nl - (self->buf + self->start)) : self->end - self->start;
    if (sluice_json_scan_document (&self->scanner, self->buf + self->start, len))
      {
        self->layout = SLUICE_EVENT_FORMAT_JSONL;
        self->state = STATE_LINES;
      }
    else
      {
        self->layout = SLUICE_EVENT_FORMAT_JSON;
        self->state = STATE_VALUES;
      }
  }

  return TRUE;
}

/* Envelopes */

static void
set_span (SluiceTextSpan *span,
          const char     *ptr,
          gsize           len)
{
  span->ptr = ptr;
  span->len = len;
}

/* The text of the string value at @span (quotes included). */
static void
string_text (SluiceEventReader *self,
             const char        *text,
             SluiceJsonSpan     span,
             guint              scratch,
             SluiceTextSpan    *out)
{
  const char *raw = text + span.start + 1;
  gsize raw_len = span.end - span.start - 2;

  if (memchr (raw, '\\', raw_len) == NULL)
    {
      set_span (out, raw, raw_len);
      return;
    }
  g_string_truncate (self->text[scratch], 0);
  sluice_json_unescape (raw, raw_len, self->text[scratch]);
  set_span (out, self->text[scratch]->str, self->text[scratch]->len);
}

/* The JSON text of a value, without whitespace between tokens. */
static void
json_text (SluiceEventReader *self,
           const char        *text,
           SluiceJsonSpan     span,
           guint              scratch,
           SluiceTextSpan    *out)
{
  if (!self->scanner.has_space)
    {
      set_span (out, text + span.start, span.end - span.start);
      return;
    }
  g_string_truncate (self->text[scratch], 0);
  sluice_json_compact (text + span.start, span.end - span.start, self->text[scratch]);
  set_span (out, self->text[scratch]->str, self->text[scratch]->len);
}

static const SluiceJsonMember *
member_at (SluiceEventReader *self,
           guint              i)
{
  return &g_array_index (self->scanner.members, SluiceJsonMember, i);
}

/* The name of a top-level member, escapes undone. */
static void
member_name (SluiceEventReader      *self,
             const char             *text,
             const SluiceJsonMember *member,
             const char            **name,
             gsize                  *len)
{
  if (!member->name_escaped)
    {
      *name = text + member->name.start;
      *len = member->name.end - member->name.start;
      return;
    }
  g_string_truncate (self->name, 0);
  sluice_json_unescape (text + member->name.start, member->name.end - member->name.start,
                        self->name);
  *name = self->name->str;
  *len = self->name->len;
}

static gboolean
name_is (const char *name,
         gsize       len,
         const char *literal)
{
  return strlen (literal) == len && memcmp (name, literal, len) == 0;
}

/* The last top-level member called @name; duplicates are rejected for
 * CloudEvents, and elsewhere the last one wins as with json-glib. */
static const SluiceJsonMember *
find_member (SluiceEventReader *self,
             const char        *text,
             const char        *name)
{
  gsize name_len = strlen (name);

  for (guint i = self->scanner.members->len; i > 0; i--)
    {
      const SluiceJsonMember *member = member_at (self, i - 1);

      if (member->name_escaped
          ? sluice_json_string_equal (text + member->name.start,
                                      member->name.end - member->name.start, name, name_len)
          : (member->name.end - member->name.start == name_len
             && memcmp (text + member->name.start, name, name_len) == 0))
        return member;
    }
  return NULL;
}

/* CloudEvents attribute names: "lower-case alphanumeric characters". */
static gboolean
is_attribute_name (const char *name,
                   gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9')))
      return FALSE;
  return TRUE;
}

static inline gboolean
is_token_char (char c)
{
  /* RFC 2045: any printable ASCII except SPACE and tspecials */
  switch (c)
    {
    case '(': case ')': case '<': case '>': case '@': case ',': case ';': case ':':
    case '\\': case '"': case '/': case '[': case ']': case '?': case '=':
      return FALSE;
    default:
      return c > 0x20 && c < 0x7f;
    }
}

/* RFC 2046 media type: type "/" subtype, then optional parameters. */
static gboolean
is_media_type (const char *text,
               gsize       len)
{
  gsize i = 0, n;

  for (n = 0; i < len && is_token_char (text[i]); i++, n++)
    ;
  if (n == 0 || i >= len || text[i] != '/')
    return FALSE;
  i++;
  for (n = 0; i < len && is_token_char (text[i]); i++, n++)
    ;
  if (n == 0)
    return FALSE;
  while (i < len && (text[i] == ' ' || text[i] == '\t'))
    i++;
  return i == len || text[i] == ';';
}

/* RFC 3986 absolute URI: a scheme, ':', and no spaces. */
static gboolean
is_absolute_uri (const char *text,
                 gsize       len)
{
  gsize i = 0;

  if (len == 0 || !g_ascii_isalpha (text[0]))
    return FALSE;
  while (i < len && (g_ascii_isalnum (text[i]) || text[i] == '+' || text[i] == '-' || text[i] == '.'))
    i++;
  if (i >= len || text[i] != ':')
    return FALSE;
  for (; i < len; i++)
    if ((guchar) text[i] <= 0x20 || text[i] == 0x7f)
      return FALSE;
  return TRUE;
}

/* RFC 4648 base64 with padding, as CloudEvents' JSON format uses. */
static gboolean
is_base64 (const char *text,
           gsize       len)
{
  gsize padding = 0;

  if (len % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '=')
        {
          if (i < len - 2 || ++padding > 2)
            return FALSE;
        }
      else if (padding > 0
               || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return FALSE;
    }
  return TRUE;
}

/* Known attributes; bits in a mask of those seen. */
typedef enum
{
  ATTR_SPECVERSION = 1 << 0,
  ATTR_ID = 1 << 1,
  ATTR_SOURCE = 1 << 2,
  ATTR_TYPE = 1 << 3,
  ATTR_TIME = 1 << 4,
  ATTR_SUBJECT = 1 << 5,
  ATTR_DATA = 1 << 6,
  ATTR_DATA_BASE64 = 1 << 7,
  ATTR_TENANT = 1 << 8,
  ATTR_DATACONTENTTYPE = 1 << 9,
  ATTR_DATASCHEMA = 1 << 10,
  ATTR_EXTENSION = 0,
} Attribute;

static Attribute
attribute_of (const char *name,
              gsize       len)
{
  switch (len)
    {
    case 2:
      return name_is (name, len, "id") ? ATTR_ID : ATTR_EXTENSION;
    case 4:
      if (name_is (name, len, "type"))
        return ATTR_TYPE;
      if (name_is (name, len, "time"))
        return ATTR_TIME;
      if (name_is (name, len, "data"))
        return ATTR_DATA;
      return ATTR_EXTENSION;
    case 6:
      if (name_is (name, len, "source"))
        return ATTR_SOURCE;
      if (name_is (name, len, "tenant"))
        return ATTR_TENANT;
      return ATTR_EXTENSION;
    case 7:
      return name_is (name, len, "subject") ? ATTR_SUBJECT : ATTR_EXTENSION;
    case 10:
      return name_is (name, len, "dataschema") ? ATTR_DATASCHEMA : ATTR_EXTENSION;
    case 11:
      if (name_is (name, len, "specversion"))
        return ATTR_SPECVERSION;
      return name_is (name, len, "data_base64") ? ATTR_DATA_BASE64 : ATTR_EXTENSION;
    case 15:
      return name_is (name, len, "datacontenttype") ? ATTR_DATACONTENTTYPE : ATTR_EXTENSION;
    default:
      return ATTR_EXTENSION;
    }
}

/* Checks that an attribute's value is a non-empty string. */
static gboolean
check_string_attribute (SluiceEventReader      *self,
                        const char             *text,
                        const SluiceJsonMember *member,
                        const char             *name,
                        gsize                   name_len,
                        guint                   scratch,
                        SluiceTextSpan         *out)
{
  if (member->kind != SLUICE_JSON_KIND_STRING)
    {
      reject (self, _("“%.*s” must be a string, not %s"), (int) name_len, name,
              sluice_json_kind_to_string (member->kind));
      return FALSE;
    }
  string_text (self, text, member->value, scratch, out);
  if (out->len == 0)
    {
      reject (self, _("“%.*s” must not be empty"), (int) name_len, name);
      return FALSE;
    }
  return TRUE;
}

static void
append_extension (SluiceEventReader *self,
                  const char        *name,
                  gsize              name_len,
                  const char        *value,
                  gsize              value_len)
{
  GString *ext = self->text[TEXT_EXTENSIONS];

  g_string_append_c (ext, ext->len == 0 ? '{' : ',');
  g_string_append_c (ext, '"');
  g_string_append_len (ext, name, name_len);
  g_string_append_len (ext, "\":", 2);
  g_string_append_len (ext, value, value_len);
}

/* Was an extension of this name seen before member @index? */
static gboolean
is_duplicate_extension (SluiceEventReader *self,
                        const char        *text,
                        guint              index,
                        const char        *name,
                        gsize              name_len)
{
  for (guint i = 0; i < index; i++)
    {
      const SluiceJsonMember *other = member_at (self, i);

      if (sluice_json_string_equal (text + other->name.start, other->name.end - other->name.start,
                                    name, name_len))
        return TRUE;
    }
  return FALSE;
}

static gboolean
read_cloudevent (SluiceEventReader *self,
                 const char        *text,
                 SluiceEventRecord *record)
{
  guint seen = 0;        /* attributes with a value */
  guint named = 0;       /* attributes named, null or not */
  SluiceTextSpan time_text = { NULL, 0 };
  GArray *members = self->scanner.members;

  g_string_truncate (self->text[TEXT_EXTENSIONS], 0);

  for (guint i = 0; i < members->len; i++)
    {
      const SluiceJsonMember *member = member_at (self, i);
      const char *name;
      gsize name_len;
      Attribute attribute;
      SluiceTextSpan value;

      member_name (self, text, member, &name, &name_len);
      attribute = attribute_of (name, name_len);

      if (attribute == ATTR_EXTENSION && !is_attribute_name (name, name_len))
        {
          g_autofree char *quoted = quote (name, name_len);

          reject (self, _("attribute name %s is not allowed: CloudEvents attribute names "
                          "are made of lower-case letters a–z and digits 0–9"), quoted);
          return FALSE;
        }

      if (attribute != ATTR_EXTENSION ? (named & attribute) != 0
                                      : is_duplicate_extension (self, text, i, name, name_len))
        {
          reject (self, _("attribute “%.*s” appears twice"), (int) name_len, name);
          return FALSE;
        }
      named |= attribute;

      /* CloudEvents JSON: a null attribute is one that is not there */
      if (member->kind == SLUICE_JSON_KIND_NULL)
        continue;
      seen |= attribute;

      switch (attribute)
        {
        case ATTR_SPECVERSION:
          if (member->kind != SLUICE_JSON_KIND_STRING)
            {
              reject (self, _("“specversion” must be the string “1.0”, not %s"),
                      sluice_json_kind_to_string (member->kind));
              return FALSE;
            }
          string_text (self, text, member->value, TEXT_SCRATCH, &value);
          if (!(value.len == 3 && memcmp (value.ptr, "1.0", 3) == 0))
            {
              g_autofree char *quoted = quote (value.ptr, value.len);

              reject (self, _("“specversion” must be “1.0”, not %s"), quoted);
              return FALSE;
            }
          break;

        case ATTR_ID:
          if (!check_string_attribute (self, text, member, name, name_len, TEXT_ID, &record->id))
            return FALSE;
          break;

        case ATTR_SOURCE:
          if (!check_string_attribute (self, text, member, name, name_len, TEXT_SOURCE, &record->source))
            return FALSE;
          break;

        case ATTR_TYPE:
          if (!check_string_attribute (self, text, member, name, name_len, TEXT_TYPE, &record->type))
            return FALSE;
          break;

        case ATTR_SUBJECT:
          if (!check_string_attribute (self, text, member, name, name_len, TEXT_SUBJECT, &record->subject))
            return FALSE;
          break;

        case ATTR_TENANT:
          if (member->kind != SLUICE_JSON_KIND_STRING)
            {
              reject (self, _("“tenant” must be a string, not %s"),
                      sluice_json_kind_to_string (member->kind));
              return FALSE;
            }
          string_text (self, text, member->value, TEXT_TENANT, &record->tenant);
          if (record->tenant.len == 0)
            set_span (&record->tenant, NULL, 0);
          break;

        case ATTR_TIME:
          if (member->kind != SLUICE_JSON_KIND_STRING)
            {
              reject (self, _("“time” must be an RFC 3339 timestamp string, not %s"),
                      sluice_json_kind_to_string (member->kind));
              return FALSE;
            }
          string_text (self, text, member->value, TEXT_SCRATCH, &time_text);
          if (!sluice_time_parse_rfc3339 (time_text.ptr, time_text.len, &record->time_ms))
            {
              g_autofree char *quoted = quote (time_text.ptr, time_text.len);

              reject (self, _("“time” is not an RFC 3339 timestamp: %s"), quoted);
              return FALSE;
            }
          break;

        case ATTR_DATA:
          if (seen & ATTR_DATA_BASE64)
            goto both_data;
          json_text (self, text, member->value, TEXT_DATA, &record->data);
          break;

        case ATTR_DATA_BASE64:
          if (seen & ATTR_DATA)
            goto both_data;
          if (member->kind != SLUICE_JSON_KIND_STRING)
            {
              reject (self, _("“data_base64” must be a base64 string, not %s"),
                      sluice_json_kind_to_string (member->kind));
              return FALSE;
            }
          string_text (self, text, member->value, TEXT_SCRATCH, &value);
          if (!is_base64 (value.ptr, value.len))
            {
              reject (self, _("“data_base64” is not valid base64"));
              return FALSE;
            }
          /* kept as the JSON string it is */
          set_span (&record->data, text + member->value.start,
                    member->value.end - member->value.start);
          break;

        case ATTR_DATACONTENTTYPE:
          if (!check_string_attribute (self, text, member, name, name_len, TEXT_SCRATCH, &value))
            return FALSE;
          if (!is_media_type (value.ptr, value.len))
            {
              g_autofree char *quoted = quote (value.ptr, value.len);

              reject (self, _("“datacontenttype” must be a media type such as "
                              "“application/json”, not %s"), quoted);
              return FALSE;
            }
          append_extension (self, name, name_len, text + member->value.start,
                            member->value.end - member->value.start);
          break;

        case ATTR_DATASCHEMA:
          if (!check_string_attribute (self, text, member, name, name_len, TEXT_SCRATCH, &value))
            return FALSE;
          if (!is_absolute_uri (value.ptr, value.len))
            {
              g_autofree char *quoted = quote (value.ptr, value.len);

              reject (self, _("“dataschema” must be an absolute URI, not %s"), quoted);
              return FALSE;
            }
          append_extension (self, name, name_len, text + member->value.start,
                            member->value.end - member->value.start);
          break;

        case ATTR_EXTENSION:
        default:
          {
            gint64 number;
            gboolean ok;

            switch (member->kind)
              {
              case SLUICE_JSON_KIND_STRING:
              case SLUICE_JSON_KIND_BOOLEAN:
                ok = TRUE;
                break;
              case SLUICE_JSON_KIND_NUMBER:
                ok = sluice_json_number_to_int64 (text + member->value.start,
                                                  member->value.end - member->value.start,
                                                  &number)
                     && number >= G_MININT32 && number <= G_MAXINT32;
                break;
              case SLUICE_JSON_KIND_NONE:
              case SLUICE_JSON_KIND_NULL:
              case SLUICE_JSON_KIND_ARRAY:
              case SLUICE_JSON_KIND_OBJECT:
              default:
                ok = FALSE;
                break;
              }
            if (!ok)
              {
                g_autofree char *quoted = quote (text + member->value.start,
                                                 member->value.end - member->value.start);

                reject (self, _("extension attribute “%.*s” is %s; CloudEvents extension values "
                                "are strings, booleans or integers from −2147483648 to 2147483647"),
                        (int) name_len, name, quoted);
                return FALSE;
              }
            append_extension (self, name, name_len, text + member->value.start,
                              member->value.end - member->value.start);
          }
          break;
        }
    }

  if (!(seen & ATTR_SPECVERSION))
    {
      reject (self, _("not a CloudEvent: missing required attribute “specversion”"));
      return FALSE;
    }
  if (!(seen & ATTR_ID))
    {
      reject (self, _("missing required attribute “%s”"), "id");
      return FALSE;
    }
  if (!(seen & ATTR_SOURCE))
    {
      reject (self, _("missing required attribute “%s”"), "source");
      return FALSE;
    }
  if (!(seen & ATTR_TYPE))
    {
      reject (self, _("missing required attribute “%s”"), "type");
      return FALSE;
    }
  if (!(seen & ATTR_TIME))
    {
      if (!self->has_default_time)
        {
          reject (self, _("missing attribute “time”: optional in CloudEvents, "
                          "but needed to simulate the event"));
          return FALSE;
        }
      record->time_ms = self->default_time_ms;
    }

  if (self->text[TEXT_EXTENSIONS]->len > 0)
    {
      g_string_append_c (self->text[TEXT_EXTENSIONS], '}');
      set_span (&record->extensions, self->text[TEXT_EXTENSIONS]->str,
                self->text[TEXT_EXTENSIONS]->len);
    }
  return TRUE;

both_data:
  reject (self, _("both “data” and “data_base64” are present; an event has one or the other"));
  return FALSE;
}

/* Follows a dotted path from the top-level object. */
static gboolean
lookup_path (SluiceEventReader *self,
             const char        *text,
             char             **components,
             SluiceJsonSpan    *value,
             SluiceJsonKind    *kind)
{
  const SluiceJsonMember *member = find_member (self, text, components[0]);
  SluiceJsonSpan span;

  if (member == NULL)
    return FALSE;
  span = member->value;

  for (guint i = 1; components[i] != NULL; i++)
    {
      if (sluice_json_kind_at (text, span.start) != SLUICE_JSON_KIND_OBJECT)
        return FALSE;
      if (!sluice_json_object_get_member (text, span, components[i], strlen (components[i]), &span))
        return FALSE;
    }

  *value = span;
  *kind = sluice_json_kind_at (text, span.start);
  return *kind != SLUICE_JSON_KIND_NULL;
}

typedef enum
{
  MAPPED_FOUND,
  MAPPED_MISSING,
  MAPPED_WRONG,
} MappedResult;

/* A string or number field at a mapping path. */
static MappedResult
mapped_text (SluiceEventReader *self,
             const char        *text,
             char             **path,
             const char        *path_text,
             guint              scratch,
             SluiceTextSpan    *out)
{
  SluiceJsonSpan span;
  SluiceJsonKind kind;

  if (path == NULL || !lookup_path (self, text, path, &span, &kind))
    return MAPPED_MISSING;

  switch (kind)
    {
    case SLUICE_JSON_KIND_STRING:
      string_text (self, text, span, scratch, out);
      return out->len > 0 ? MAPPED_FOUND : MAPPED_MISSING;
    case SLUICE_JSON_KIND_NUMBER:
      /* ids that are numbers are taken as written */
      set_span (out, text + span.start, span.end - span.start);
      return MAPPED_FOUND;
    case SLUICE_JSON_KIND_NONE:
    case SLUICE_JSON_KIND_NULL:
    case SLUICE_JSON_KIND_BOOLEAN:
    case SLUICE_JSON_KIND_ARRAY:
    case SLUICE_JSON_KIND_OBJECT:
    default:
      reject (self, _("“%s” must be a string or a number, not %s"),
              path_text, sluice_json_kind_to_string (kind));
      return MAPPED_WRONG;
    }
}

static gboolean
read_mapped (SluiceEventReader *self,
             const char        *text,
             SluiceJsonSpan     value,
             SluiceEventRecord *record)
{
  const SluiceEventMapping *mapping = self->mapping;
  MappedResult result;
  SluiceJsonSpan span;
  SluiceJsonKind kind;

  /* type */
  result = mapped_text (self, text, self->paths.type, mapping->type_path, TEXT_TYPE, &record->type);
  if (result == MAPPED_WRONG)
    return FALSE;
  if (result == MAPPED_MISSING)
    {
      if (mapping->type != NULL && *mapping->type != '\0')
        set_span (&record->type, mapping->type, strlen (mapping->type));
      else if (mapping->type_path != NULL)
        {
          reject (self, _("no event type: nothing at “%s”"), mapping->type_path);
          return FALSE;
        }
      else
        {
          reject (self, _("no event type: the field mapping has neither a type path nor a fixed type"));
          return FALSE;
        }
    }

  /* time */
  if (self->paths.time != NULL && lookup_path (self, text, self->paths.time, &span, &kind))
    {
      gboolean ok = FALSE;
      SluiceTextSpan time_text = { text + span.start, span.end - span.start };

      if (kind == SLUICE_JSON_KIND_STRING)
        {
          string_text (self, text, span, TEXT_SCRATCH, &time_text);
          ok = sluice_time_parse_rfc3339 (time_text.ptr, time_text.len, &record->time_ms);
        }
      else if (kind == SLUICE_JSON_KIND_NUMBER)
        ok = sluice_time_parse_epoch_seconds (time_text.ptr, time_text.len, &record->time_ms);

      if (!ok)
        {
          g_autofree char *quoted = quote (time_text.ptr, time_text.len);

          reject (self, _("the event time at “%s” is neither an RFC 3339 timestamp nor a number "
                          "of seconds since 1970: %s"), mapping->time_path, quoted);
          return FALSE;
        }
    }
  else if (mapping->has_time)
    record->time_ms = mapping->time_ms;
  else if (mapping->time_path != NULL)
    {
      reject (self, _("no event time: nothing at “%s”"), mapping->time_path);
      return FALSE;
    }
  else
    {
      reject (self, _("no event time: the field mapping has neither a time path nor a fixed time"));
      return FALSE;
    }

  /* source, optional unless a path is given and finds nothing */
  result = mapped_text (self, text, self->paths.source, mapping->source_path, TEXT_SOURCE,
                        &record->source);
  if (result == MAPPED_WRONG)
    return FALSE;
  if (result == MAPPED_MISSING)
    {
      if (mapping->source != NULL && *mapping->source != '\0')
        set_span (&record->source, mapping->source, strlen (mapping->source));
      else if (mapping->source_path != NULL)
        {
          reject (self, _("no event source: nothing at “%s”"), mapping->source_path);
          return FALSE;
        }
    }

  /* tenant and subject are optional */
  result = mapped_text (self, text, self->paths.tenant, mapping->tenant_path, TEXT_TENANT,
                        &record->tenant);
  if (result == MAPPED_WRONG)
    return FALSE;
  result = mapped_text (self, text, self->paths.subject, mapping->subject_path, TEXT_SUBJECT,
                        &record->subject);
  if (result == MAPPED_WRONG)
    return FALSE;

  /* data: a part of the object, or all of it */
  if (self->paths.data == NULL)
    json_text (self, text, value, TEXT_DATA, &record->data);
  else if (lookup_path (self, text, self->paths.data, &span, &kind))
    json_text (self, text, span, TEXT_DATA, &record->data);

  /* id, last: a derived id may reuse the compact text of the data */
  result = mapped_text (self, text, self->paths.id, mapping->id_path, TEXT_ID, &record->id);
  if (result == MAPPED_WRONG)
    return FALSE;
  if (result == MAPPED_MISSING)
    {
      guint64 hash;

      if (mapping->id_path != NULL)
        {
          reject (self, _("no event id: nothing at “%s”"), mapping->id_path);
          return FALSE;
        }
      if (!self->scanner.has_space)
        hash = sluice_xxh64 (text + value.start, value.end - value.start, 0);
      else if (self->paths.data == NULL)
        hash = sluice_xxh64 (record->data.ptr, record->data.len, 0);
      else
        {
          g_autoptr(GString) compact = g_string_sized_new (value.end - value.start);

          sluice_json_compact (text + value.start, value.end - value.start, compact);
          hash = sluice_xxh64 (compact->str, compact->len, 0);
        }
      g_snprintf (self->derived_id, sizeof self->derived_id, "xxh64:%016" G_GINT64_MODIFIER "x",
                  hash);
      set_span (&record->id, self->derived_id, strlen (self->derived_id));
    }

  return TRUE;
}

/* Turns a checked value into a record, or says why not. */
static gboolean
read_event (SluiceEventReader *self,
            const FoundValue  *found,
            SluiceEventRecord *record)
{
  const char *text = found->text;
  gboolean is_cloudevent;

  if (self->scanner.kind != SLUICE_JSON_KIND_OBJECT)
    {
      reject (self, _("an event must be a JSON object, not %s"),
              sluice_json_kind_to_string (self->scanner.kind));
      return FALSE;
    }

  record->line = found->line;
  record->content_hash = sluice_xxh64 (text + found->value.start,
                                       found->value.end - found->value.start, 0);

  is_cloudevent = self->format == SLUICE_EVENT_FORMAT_CLOUDEVENTS
                  || find_member (self, text, "specversion") != NULL;
  if (is_cloudevent)
    return read_cloudevent (self, text, record);

  if (self->mapping == NULL)
    {
      reject (self, _("not a CloudEvent (no “specversion”) and no field mapping given; "
                      "use --preset or --id-path/--type-path/--time-path"));
      return FALSE;
    }
  return read_mapped (self, text, found->value, record);
}

/**
 * sluice_event_reader_next:
 * @reader: a reader
 * @record: (out caller-allocates): the next event, when there is one
 * @rejection: (out caller-allocates): what was skipped and why, when a
 *   value was rejected
 * @cancellable: (nullable): a cancellable, checked at least once per chunk
 * @error: return location for an I/O error
 *
 * Reads on to the next event or rejected value. After a JSON syntax error
 * in the JSON layout (not JSON Lines) the reading ends: the rejection is
 * followed by %SLUICE_EVENT_READ_END.
 *
 * Returns: what was found
 */
SluiceEventReadResult
sluice_event_reader_next (SluiceEventReader     *reader,
                          SluiceEventRecord     *record,
                          SluiceEventRejection  *rejection,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_return_val_if_fail (reader != NULL, SLUICE_EVENT_READ_ERROR);
  g_return_val_if_fail (record != NULL, SLUICE_EVENT_READ_ERROR);
  g_return_val_if_fail (rejection != NULL, SLUICE_EVENT_READ_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, SLUICE_EVENT_READ_ERROR);

  if (reader->state == STATE_START)
    {
      if (!begin (reader, cancellable, error))
        {
          reader->state = STATE_DONE;
          return SLUICE_EVENT_READ_ERROR;
        }
    }

  for (;;)
    {
      FoundValue found;
      ValueResult result;
      guint line = 0;

      switch (reader->state)
        {
        case STATE_DONE:
          return SLUICE_EVENT_READ_END;
        case STATE_LINES:
          result = next_line_value (reader, &found, &line, cancellable, error);
          break;
        case STATE_VALUES:
        case STATE_ARRAY_FIRST:
        case STATE_ARRAY_NEXT:
        case STATE_ARRAY_ELEMENT:
          result = next_json_value (reader, &found, &line, cancellable, error);
          break;
        case STATE_START:
        default:
          g_assert_not_reached ();
        }

      switch (result)
        {
        case VALUE_FOUND:
          memset (record, 0, sizeof *record);
          if (read_event (reader, &found, record))
            return SLUICE_EVENT_READ_EVENT;
          memset (record, 0, sizeof *record);
          rejection->line = found.line;
          rejection->reason = reader->reason->str;
          return SLUICE_EVENT_READ_REJECTED;

        case VALUE_REJECTED:
          rejection->line = line;
          rejection->reason = reader->reason->str;
          return SLUICE_EVENT_READ_REJECTED;

        case VALUE_END:
          reader->state = STATE_DONE;
          return SLUICE_EVENT_READ_END;

        case VALUE_ERROR:
        default:
          reader->state = STATE_DONE;
          return SLUICE_EVENT_READ_ERROR;
        }
    }
}
