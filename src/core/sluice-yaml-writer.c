/* sluice-yaml-writer.c
 *
 * We drive libyaml's emitter event by event and pick every scalar's style
 * ourselves: plain where a plain scalar reads back as the same string in
 * both YAML 1.1 and 1.2, double-quoted where it would not ("yes", "1.0",
 * "0123"), literal blocks for multi-line text. Lines are never folded and
 * UTF-8 is written as is, so the output is stable and diffs cleanly.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <yaml.h>

#include "sluice-yaml-scalar.h"
#include "sluice-yaml-writer.h"

struct _SluiceYamlWriter
{
  yaml_emitter_t emitter;
  GString       *output;
  gboolean       encoded;   /* some scalar went through encode_astral() */
};

/* libyaml 0.2.5's emitter escapes every character above U+FFFF ("🎉"
 * becomes "\U0001F389") and then refuses plain and block styles for the
 * whole scalar. To keep UTF-8 as written, such characters travel through
 * the emitter as two private-use characters (U+E000+high, U+E400+low ten
 * bits), which it passes through untouched, and are put back in
 * decode_astral(). Private-use characters of the text itself in that range
 * are escaped with U+E800 so the trip is exact. */
#define ASTRAL_HIGH  0xE000
#define ASTRAL_LOW   0xE400
#define ASTRAL_QUOTE 0xE800

static gboolean
needs_astral_encoding (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (*p >= 0xF0 || *p == 0xEE)
      return TRUE;
  return FALSE;
}

static char *
encode_astral (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c > 0xFFFF)
        {
          gunichar v = c - 0x10000;
          g_string_append_unichar (out, ASTRAL_HIGH + (v >> 10));
          g_string_append_unichar (out, ASTRAL_LOW + (v & 0x3FF));
        }
      else if (c >= ASTRAL_HIGH && c <= ASTRAL_QUOTE)
        {
          g_string_append_unichar (out, ASTRAL_QUOTE);
          g_string_append_unichar (out, c);
        }
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
decode_astral (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ASTRAL_QUOTE)
        {
          p = g_utf8_next_char (p);
          g_string_append_unichar (out, g_utf8_get_char (p));
        }
      else if (c >= ASTRAL_HIGH && c < ASTRAL_LOW)
        {
          gunichar low;

          p = g_utf8_next_char (p);
          low = g_utf8_get_char (p);
          g_string_append_unichar (out, 0x10000 + (((c - ASTRAL_HIGH) << 10) | (low - ASTRAL_LOW)));
        }
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static int
write_handler (void          *data,
               unsigned char *buffer,
               size_t         size)
{
  GString *output = data;

  g_string_append_len (output, (const char *) buffer, size);
  return 1;
}

/* The emitter only fails on misuse (events out of order) or when out of
 * memory; both are programming errors here, not input errors. */
static void
emit (SluiceYamlWriter *writer,
      yaml_event_t     *event)
{
  if (!yaml_emitter_emit (&writer->emitter, event))
    g_error ("YAML emitter: %s", writer->emitter.problem ? writer->emitter.problem : "unknown error");
}

SluiceYamlWriter *
sluice_yaml_writer_new (void)
{
  SluiceYamlWriter *writer = g_new0 (SluiceYamlWriter, 1);
  yaml_event_t event;

  writer->output = g_string_new (NULL);
  yaml_emitter_initialize (&writer->emitter);
  yaml_emitter_set_output (&writer->emitter, write_handler, writer->output);
  yaml_emitter_set_unicode (&writer->emitter, 1);
  yaml_emitter_set_width (&writer->emitter, -1);
  yaml_emitter_set_indent (&writer->emitter, 2);
  yaml_emitter_set_break (&writer->emitter, YAML_LN_BREAK);

  yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING);
  emit (writer, &event);
  yaml_document_start_event_initialize (&event, NULL, NULL, NULL, 1);
  emit (writer, &event);

  return writer;
}

void
sluice_yaml_writer_begin_mapping (SluiceYamlWriter *writer)
{
  yaml_event_t event;

  yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
  emit (writer, &event);
}

void
sluice_yaml_writer_end_mapping (SluiceYamlWriter *writer)
{
  yaml_event_t event;

  yaml_mapping_end_event_initialize (&event);
  emit (writer, &event);
}

void
sluice_yaml_writer_empty_mapping (SluiceYamlWriter *writer)
{
  yaml_event_t event;

  yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_FLOW_MAPPING_STYLE);
  emit (writer, &event);
  sluice_yaml_writer_end_mapping (writer);
}

/* An empty list is written `[]`: a block sequence cannot be empty. */
void
sluice_yaml_writer_begin_sequence (SluiceYamlWriter *writer,
                                   gboolean          empty)
{
  yaml_event_t event;

  yaml_sequence_start_event_initialize (&event, NULL, NULL, 1,
                                        empty ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
  emit (writer, &event);
}

void
sluice_yaml_writer_end_sequence (SluiceYamlWriter *writer)
{
  yaml_event_t event;

  yaml_sequence_end_event_initialize (&event);
  emit (writer, &event);
}

/* Both "implicit" flags are set: every scalar we write is untagged, and
 * libyaml must never add a "!" tag when it changes a style. */
static void
scalar (SluiceYamlWriter    *writer,
        const char          *text,
        yaml_scalar_style_t  style)
{
  g_autofree char *encoded = NULL;
  yaml_event_t event;

  if (needs_astral_encoding (text))
    {
      text = encoded = encode_astral (text);
      writer->encoded = TRUE;
    }

  yaml_scalar_event_initialize (&event, NULL, NULL,
                                (yaml_char_t *) text, strlen (text),
                                1, 1, style);
  emit (writer, &event);
}

/* Whether @text can be written without quotes in a block context. Stricter
 * than YAML needs: when in doubt we quote, and with double quotes, so all
 * quoting in our files looks the same. */
static gboolean
plain_is_safe (const char *text)
{
  gsize len = strlen (text);

  if (len == 0)
    return FALSE;
  if (strchr ("-?:,[]{}#&*!|>'\"%@` \t", text[0]) != NULL)
    return FALSE;
  if (text[len - 1] == ' ' || text[len - 1] == ':' || text[len - 1] == '\t')
    return FALSE;
  if (strstr (text, ": ") != NULL || strstr (text, " #") != NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c < 0x20 || c == 0x7f)
        return FALSE;
    }

  return !sluice_yaml_string_needs_quotes (text);
}

/* Writes @text so it reads back as this exact string. */
void
sluice_yaml_writer_string (SluiceYamlWriter *writer,
                           const char       *text)
{
  if (strchr (text, '\n') != NULL)
    scalar (writer, text, YAML_LITERAL_SCALAR_STYLE);
  else if (plain_is_safe (text))
    scalar (writer, text, YAML_PLAIN_SCALAR_STYLE);
  else
    scalar (writer, text, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

/* Writes @text as a plain scalar, for numbers and keywords we made. */
void
sluice_yaml_writer_plain (SluiceYamlWriter *writer,
                          const char       *text)
{
  scalar (writer, text, YAML_PLAIN_SCALAR_STYLE);
}

void
sluice_yaml_writer_int (SluiceYamlWriter *writer,
                        gint64            value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" PRId64, value);
  sluice_yaml_writer_plain (writer, buf);
}

void
sluice_yaml_writer_double (SluiceYamlWriter *writer,
                           double            value)
{
  g_autofree char *text = sluice_yaml_format_double (value);

  sluice_yaml_writer_plain (writer, text);
}

void
sluice_yaml_writer_boolean (SluiceYamlWriter *writer,
                            gboolean          value)
{
  sluice_yaml_writer_plain (writer, value ? "true" : "false");
}

void
sluice_yaml_writer_null (SluiceYamlWriter *writer)
{
  sluice_yaml_writer_plain (writer, "null");
}

/**
 * sluice_yaml_writer_finish:
 *
 * Ends the document and frees @writer.
 *
 * Returns: (transfer full): the YAML text
 */
char *
sluice_yaml_writer_finish (SluiceYamlWriter *writer)
{
  yaml_event_t event;
  char *text;

  yaml_document_end_event_initialize (&event, 1);
  emit (writer, &event);
  yaml_stream_end_event_initialize (&event);
  emit (writer, &event);
  yaml_emitter_flush (&writer->emitter);
  yaml_emitter_delete (&writer->emitter);

  text = g_string_free (writer->output, FALSE);
  if (writer->encoded)
    {
      char *decoded = decode_astral (text);
      g_free (text);
      text = decoded;
    }
  g_free (writer);

  return text;
}
