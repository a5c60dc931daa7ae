/* sluice-json-scan.c
 *
 * Import reads hundreds of megabytes of JSON; building a json-glib tree for
 * every event costs more than everything else together. This scanner checks
 * one value against RFC 8259 in a single pass without allocating:
 *
 *  - no trailing commas, no NaN/Infinity, no comments, no leading zeros;
 *  - strings: no unescaped control characters, only the escapes the RFC
 *    names, \u with four hex digits and surrogates in high-low pairs,
 *    and well-formed UTF-8 (no overlongs, no encoded surrogates, ≤ U+10FFFF);
 *  - nesting limited (SLUICE_JSON_MAX_DEPTH) with an explicit stack, so a
 *    million '[' cannot overflow the C stack.
 *
 * While scanning it can note where the members of the top-level object
 * are, which is all an envelope reader needs; nested fields are found
 * later by skipping over the already-checked text.
 *
 * Strings are checked eight bytes at a time (SWAR): a word without a quote,
 * a backslash, a control character or a non-ASCII byte needs no look at its
 * bytes one by one.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sluice-json-scan.h"

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Byte classes inside strings. */
enum
{
  C_PLAIN,
  C_QUOTE,
  C_BACKSLASH,
  C_CONTROL,
  C_UTF8,
};

/* everything not named is C_PLAIN (0) */
static const guint8 string_class[256] = {
  [0x00 ... 0x1f] = C_CONTROL,
  ['"'] = C_QUOTE,
  ['\\'] = C_BACKSLASH,
  [0x80 ... 0xff] = C_UTF8,
};

static inline gboolean
is_space (guchar c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static inline gboolean
is_digit (guchar c)
{
  return (guint) (c - '0') <= 9;
}

static inline int
hex_value (guchar c)
{
  if (is_digit (c))
    return c - '0';
  c |= 0x20;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static inline guint64
load64 (const guchar *p)
{
  guint64 w;

  memcpy (&w, p, sizeof w);
  /* byte i of the text is byte i of the number, so borrows run upwards */
  return GUINT64_FROM_LE (w);
}

/* Nonzero when some byte of @w is a quote, a backslash, below 0x20 or above
 * 0x7f. The subtraction tricks can flag a byte above a real hit, never a
 * word without one, which is all the fast path needs. */
static inline guint64
word_needs_care (guint64 w)
{
  guint64 quote = w ^ (ONES * '"');
  guint64 backslash = w ^ (ONES * '\\');

  return ((quote - ONES) & ~quote)
         | ((backslash - ONES) & ~backslash)
         | ((w - ONES * 0x20) & ~w)
         | w;
}

typedef enum
{
  STRING_OK,
  STRING_INCOMPLETE,
  STRING_ERROR,
} StringResult;

/* Decodes four hex digits at @p, which has at least 4 bytes. */
static inline int
read_hex4 (const guchar *p)
{
  int a = hex_value (p[0]), b = hex_value (p[1]), c = hex_value (p[2]), d = hex_value (p[3]);

  if ((a | b | c | d) < 0)
    return -1;
  return (a << 12) | (b << 8) | (c << 4) | d;
}

/* Scans a string body from just after its opening quote; *pp ends just
 * after the closing quote. *escaped tells whether a backslash was seen. */
static StringResult
scan_string (const guchar   **pp,
             const guchar    *end,
             gboolean        *escaped,
             SluiceJsonError *error,
             const guchar   **error_at)
{
  const guchar *p = *pp;

  for (;;)
    {
      guchar c;

      while (end - p >= 8)
        {
          guint64 care = word_needs_care (load64 (p)) & HIGHS;

          if (care != 0)
            {
              /* the lowest flag is always a real one: go straight to it */
              p += (guint) __builtin_ctzll (care) / 8;
              break;
            }
          p += 8;
        }

      if (p >= end)
        goto incomplete;

      c = *p;
      switch (string_class[c])
        {
        case C_PLAIN:
          p++;
          break;

        case C_QUOTE:
          *pp = p + 1;
          return STRING_OK;

        case C_CONTROL:
          *error = SLUICE_JSON_ERROR_CONTROL_CHARACTER;
          *error_at = p;
          return STRING_ERROR;

        case C_BACKSLASH:
          *escaped = TRUE;
          if (end - p < 2)
            goto incomplete;
          switch (p[1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              p += 2;
              break;

            case 'u':
              {
                int unit;

                if (end - p < 6)
                  {
                    /* what there is must already be hex, or it is an error */
                    for (const guchar *q = p + 2; q < end; q++)
                      if (hex_value (*q) < 0)
                        {
                          *error = SLUICE_JSON_ERROR_INVALID_UNICODE_ESCAPE;
                          *error_at = p;
                          return STRING_ERROR;
                        }
                    goto incomplete;
                  }
                unit = read_hex4 (p + 2);
                if (unit < 0)
                  {
                    *error = SLUICE_JSON_ERROR_INVALID_UNICODE_ESCAPE;
                    *error_at = p;
                    return STRING_ERROR;
                  }
                if (unit >= 0xd800 && unit <= 0xdbff)
                  {
                    int low;

                    /* a high surrogate needs "\uDC00"–"\uDFFF" right after */
                    if (end - p < 12)
                      {
                        gsize have = (gsize) (end - p) - 6;
                        static const char prefix[2] = { '\\', 'u' };

                        if (memcmp (p + 6, prefix, MIN (have, 2)) != 0)
                          {
                            *error = SLUICE_JSON_ERROR_LONE_SURROGATE;
                            *error_at = p;
                            return STRING_ERROR;
                          }
                        goto incomplete;
                      }
                    if (p[6] != '\\' || p[7] != 'u')
                      {
                        *error = SLUICE_JSON_ERROR_LONE_SURROGATE;
                        *error_at = p;
                        return STRING_ERROR;
                      }
                    low = read_hex4 (p + 8);
                    if (low < 0)
                      {
                        *error = SLUICE_JSON_ERROR_INVALID_UNICODE_ESCAPE;
                        *error_at = p + 6;
                        return STRING_ERROR;
                      }
                    if (low < 0xdc00 || low > 0xdfff)
                      {
                        *error = SLUICE_JSON_ERROR_LONE_SURROGATE;
                        *error_at = p;
                        return STRING_ERROR;
                      }
                    p += 12;
                  }
                else if (unit >= 0xdc00 && unit <= 0xdfff)
                  {
                    *error = SLUICE_JSON_ERROR_LONE_SURROGATE;
                    *error_at = p;
                    return STRING_ERROR;
                  }
                else
                  p += 6;
              }
              break;

            default:
              *error = SLUICE_JSON_ERROR_INVALID_ESCAPE;
              *error_at = p;
              return STRING_ERROR;
            }
          break;

        case C_UTF8:
          {
            /* RFC 3629 section 4, byte by byte */
            guint need;
            guchar lo = 0x80, hi = 0xbf;

            if (c >= 0xc2 && c <= 0xdf)
              need = 1;
            else if (c >= 0xe0 && c <= 0xef)
              {
                need = 2;
                if (c == 0xe0)
                  lo = 0xa0;
                else if (c == 0xed)
                  hi = 0x9f;      /* no UTF-16 surrogates */
              }
            else if (c >= 0xf0 && c <= 0xf4)
              {
                need = 3;
                if (c == 0xf0)
                  lo = 0x90;
                else if (c == 0xf4)
                  hi = 0x8f;      /* nothing above U+10FFFF */
              }
            else
              {
                *error = SLUICE_JSON_ERROR_INVALID_UTF8;
                *error_at = p;
                return STRING_ERROR;
              }

            for (guint i = 1; i <= need; i++)
              {
                guchar b;

                if (p + i >= end)
                  goto incomplete;
                b = p[i];
                if (i == 1 ? (b < lo || b > hi) : (b & 0xc0) != 0x80)
                  {
                    *error = SLUICE_JSON_ERROR_INVALID_UTF8;
                    *error_at = p;
                    return STRING_ERROR;
                  }
              }
            p += need + 1;
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

incomplete:
  *pp = end;
  return STRING_INCOMPLETE;
}

static inline SluiceJsonKind
kind_of_byte (guchar c)
{
  switch (c)
    {
    case '{':
      return SLUICE_JSON_KIND_OBJECT;
    case '[':
      return SLUICE_JSON_KIND_ARRAY;
    case '"':
      return SLUICE_JSON_KIND_STRING;
    case 't':
    case 'f':
      return SLUICE_JSON_KIND_BOOLEAN;
    case 'n':
      return SLUICE_JSON_KIND_NULL;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return SLUICE_JSON_KIND_NUMBER;
    default:
      return SLUICE_JSON_KIND_NONE;
    }
}

/**
 * sluice_json_kind_at:
 * @text: checked JSON text
 * @offset: where a value starts
 *
 * Returns: the kind of the value at @offset
 */
SluiceJsonKind
sluice_json_kind_at (const char *text,
                     gsize       offset)
{
  return kind_of_byte ((guchar) text[offset]);
}

/**
 * sluice_json_kind_to_string:
 * @kind: a kind of value
 *
 * Returns: "an object", "a string", … for messages, translated
 */
const char *
sluice_json_kind_to_string (SluiceJsonKind kind)
{
  switch (kind)
    {
    case SLUICE_JSON_KIND_NULL:
      return _("null");
    case SLUICE_JSON_KIND_BOOLEAN:
      return _("a boolean");
    case SLUICE_JSON_KIND_NUMBER:
      return _("a number");
    case SLUICE_JSON_KIND_STRING:
      return _("a string");
    case SLUICE_JSON_KIND_ARRAY:
      return _("an array");
    case SLUICE_JSON_KIND_OBJECT:
      return _("an object");
    case SLUICE_JSON_KIND_NONE:
    default:
      return _("nothing");
    }
}

/* The whitespace between tokens, counting lines for error positions. */
#define SKIP_SPACE()                                                    \
  G_STMT_START {                                                        \
    while (p < end && is_space (*p))                                    \
      {                                                                 \
        if (*p == '\n')                                                 \
          {                                                             \
            newlines++;                                                 \
            last_newline = p;                                           \
          }                                                             \
        p++;                                                            \
        has_space = TRUE;                                               \
      }                                                                 \
  } G_STMT_END

#define FAIL(code, at)                                                  \
  G_STMT_START {                                                        \
    error = (code);                                                     \
    error_at = (at);                                                    \
    goto failed;                                                        \
  } G_STMT_END

#define NEED_MORE()                                                     \
  G_STMT_START {                                                        \
    if (p >= end)                                                       \
      goto out_of_text;                                                 \
  } G_STMT_END

/**
 * sluice_json_scan:
 * @scanner: settings and results
 * @text: the input, not necessarily NUL-terminated
 * @len: its length
 * @offset: where to start; whitespace before the value is skipped
 * @complete: %TRUE if nothing follows @text; otherwise running out of
 *   text inside the value is not an error but %SLUICE_JSON_SCAN_INCOMPLETE
 *
 * Checks the JSON value that starts at @offset (after whitespace) and
 * finds where it ends. Text after the value is not looked at. On success
 * @scanner->value holds the value and, if @scanner->members is set and
 * the value is an object, the members array lists its members.
 *
 * Returns: whether a value was found, more text is needed, or the text is
 *   not JSON (@scanner->error and @scanner->error_offset say why and where)
 */
SluiceJsonScanResult
sluice_json_scan (SluiceJsonScanner *scanner,
                  const char        *text,
                  gsize              len,
                  gsize              offset,
                  gboolean           complete)
{
  const guchar *base = (const guchar *) text;
  const guchar *p = base + offset;
  const guchar *end = base + len;
  const guchar *error_at = NULL;
  const guchar *last_newline = NULL;
  SluiceJsonError error = SLUICE_JSON_ERROR_NONE;
  guint newlines = 0;
  gboolean has_space = FALSE;
  guint max_depth = scanner->max_depth ? MIN (scanner->max_depth, SLUICE_JSON_MAX_DEPTH)
                                       : SLUICE_JSON_MAX_DEPTH;
  /* TRUE for an object, FALSE for an array, one per open container */
  guint8 stack[SLUICE_JSON_MAX_DEPTH];
  guint depth = 0;
  gboolean collect = FALSE;
  SluiceJsonMember member = { { 0, 0 }, { 0, 0 }, 0, 0 };
  gboolean escaped;
  StringResult sr;

  g_return_val_if_fail (scanner != NULL, SLUICE_JSON_SCAN_ERROR);
  g_return_val_if_fail (offset <= len, SLUICE_JSON_SCAN_ERROR);

  scanner->kind = SLUICE_JSON_KIND_NONE;
  scanner->error = SLUICE_JSON_ERROR_NONE;
  scanner->error_offset = 0;
  if (scanner->members != NULL)
    g_array_set_size (scanner->members, 0);

  SKIP_SPACE ();
  /* space before the value is not space inside it */
  has_space = FALSE;
  if (p >= end)
    {
      if (!complete)
        goto out_of_text;
      FAIL (SLUICE_JSON_ERROR_EMPTY, p);
    }
  scanner->value.start = (gsize) (p - base);
  scanner->kind = kind_of_byte (*p);
  collect = scanner->members != NULL && *p == '{';

value:
  if (depth == 1 && collect)
    {
      member.value.start = (gsize) (p - base);
      member.kind = kind_of_byte (*p);
    }

  switch (*p)
    {
    case '{':
      if (depth == max_depth)
        FAIL (SLUICE_JSON_ERROR_TOO_DEEP, p);
      stack[depth++] = TRUE;
      p++;
      SKIP_SPACE ();
      NEED_MORE ();
      if (*p == '}')
        {
          p++;
          depth--;
          goto after_value;
        }
      goto member_name;

    case '[':
      if (depth == max_depth)
        FAIL (SLUICE_JSON_ERROR_TOO_DEEP, p);
      stack[depth++] = FALSE;
      p++;
      SKIP_SPACE ();
      NEED_MORE ();
      if (*p == ']')
        {
          p++;
          depth--;
          goto after_value;
        }
      goto value;

    case '"':
      p++;
      escaped = FALSE;
      sr = scan_string (&p, end, &escaped, &error, &error_at);
      if (sr == STRING_INCOMPLETE)
        goto out_of_text;
      if (sr == STRING_ERROR)
        goto failed;
      goto after_value;

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      {
        if (*p == '-')
          {
            p++;
            NEED_MORE ();
          }
        if (*p == '0')
          {
            p++;
            if (p < end && is_digit (*p))
              FAIL (SLUICE_JSON_ERROR_INVALID_NUMBER, p - 1);
          }
        else if (is_digit (*p))
          {
            while (p < end && is_digit (*p))
              p++;
          }
        else
          FAIL (SLUICE_JSON_ERROR_INVALID_NUMBER, p);

        if (p < end && *p == '.')
          {
            p++;
            NEED_MORE ();
            if (!is_digit (*p))
              FAIL (SLUICE_JSON_ERROR_INVALID_NUMBER, p);
            while (p < end && is_digit (*p))
              p++;
          }
        if (p < end && (*p == 'e' || *p == 'E'))
          {
            p++;
            NEED_MORE ();
            if (*p == '+' || *p == '-')
              {
                p++;
                NEED_MORE ();
              }
            if (!is_digit (*p))
              FAIL (SLUICE_JSON_ERROR_INVALID_NUMBER, p);
            while (p < end && is_digit (*p))
              p++;
          }
        /* a number at the very end of unfinished text may go on */
        if (p >= end && !complete)
          goto out_of_text;
      }
      goto after_value;

    case 't':
    case 'f':
    case 'n':
      {
        const char *word = *p == 't' ? "true" : *p == 'f' ? "false" : "null";
        gsize word_len = *p == 'f' ? 5 : 4;
        gsize have = (gsize) (end - p);

        if (have < word_len)
          {
            if (memcmp (p, word, have) == 0)
              goto out_of_text;
            FAIL (SLUICE_JSON_ERROR_INVALID_LITERAL, p);
          }
        if (memcmp (p, word, word_len) != 0)
          FAIL (SLUICE_JSON_ERROR_INVALID_LITERAL, p);
        p += word_len;
      }
      goto after_value;

    default:
      FAIL (SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER, p);
    }

member_name:
  if (*p != '"')
    {
      if (*p == '}')
        FAIL (SLUICE_JSON_ERROR_TRAILING_COMMA, p);
      FAIL (SLUICE_JSON_ERROR_EXPECTED_NAME, p);
    }
  if (depth == 1 && collect)
    member.name.start = (gsize) (p - base) + 1;
  p++;
  escaped = FALSE;
  sr = scan_string (&p, end, &escaped, &error, &error_at);
  if (sr == STRING_INCOMPLETE)
    goto out_of_text;
  if (sr == STRING_ERROR)
    goto failed;
  if (depth == 1 && collect)
    {
      member.name.end = (gsize) (p - base) - 1;
      member.name_escaped = escaped;
    }
  SKIP_SPACE ();
  NEED_MORE ();
  if (*p != ':')
    FAIL (SLUICE_JSON_ERROR_EXPECTED_COLON, p);
  p++;
  SKIP_SPACE ();
  NEED_MORE ();
  goto value;

after_value:
  if (depth == 1 && collect)
    {
      member.value.end = (gsize) (p - base);
      g_array_append_val (scanner->members, member);
    }
  if (depth == 0)
    {
      scanner->value.end = (gsize) (p - base);
      scanner->newlines = newlines;
      scanner->last_newline = last_newline ? (gsize) (last_newline - base) : 0;
      scanner->has_space = has_space;
      return SLUICE_JSON_SCAN_OK;
    }
  SKIP_SPACE ();
  NEED_MORE ();
  if (stack[depth - 1])
    {
      if (*p == ',')
        {
          p++;
          SKIP_SPACE ();
          NEED_MORE ();
          goto member_name;
        }
      if (*p == '}')
        {
          p++;
          depth--;
          goto after_value;
        }
    }
  else
    {
      if (*p == ',')
        {
          p++;
          SKIP_SPACE ();
          NEED_MORE ();
          if (*p == ']')
            FAIL (SLUICE_JSON_ERROR_TRAILING_COMMA, p);
          goto value;
        }
      if (*p == ']')
        {
          p++;
          depth--;
          goto after_value;
        }
    }
  FAIL (SLUICE_JSON_ERROR_EXPECTED_COMMA, p);

out_of_text:
  if (!complete)
    {
      scanner->newlines = newlines;
      scanner->last_newline = last_newline ? (gsize) (last_newline - base) : 0;
      return SLUICE_JSON_SCAN_INCOMPLETE;
    }
  error = SLUICE_JSON_ERROR_UNEXPECTED_END;
  error_at = end;

failed:
  scanner->error = error;
  scanner->error_offset = (gsize) (error_at - base);
  scanner->newlines = newlines;
  scanner->last_newline = last_newline ? (gsize) (last_newline - base) : 0;
  return SLUICE_JSON_SCAN_ERROR;
}

#undef SKIP_SPACE
#undef FAIL
#undef NEED_MORE

/**
 * sluice_json_scan_document:
 * @scanner: settings and results
 * @text: the input
 * @len: its length
 *
 * Checks that @text is exactly one JSON value, with nothing but
 * whitespace around it.
 *
 * Returns: %TRUE if it is; otherwise @scanner says what is wrong
 */
gboolean
sluice_json_scan_document (SluiceJsonScanner *scanner,
                           const char        *text,
                           gsize              len)
{
  gsize p;

  if (sluice_json_scan (scanner, text, len, 0, TRUE) != SLUICE_JSON_SCAN_OK)
    return FALSE;

  for (p = scanner->value.end; p < len && is_space ((guchar) text[p]); p++)
    ;
  if (p < len)
    {
      scanner->error = SLUICE_JSON_ERROR_TRAILING_TEXT;
      scanner->error_offset = p;
      return FALSE;
    }
  return TRUE;
}

/* "“}”", "U+0007", "byte 0xFF" or "“é”" for the character at @offset. */
static char *
describe_character (const char *text,
                    gsize       len,
                    gsize       offset)
{
  guchar c = (guchar) text[offset];

  if (c >= 0x20 && c < 0x7f)
    return g_strdup_printf ("“%c”", c);
  if (c < 0x80 || c == 0x7f)
    return g_strdup_printf ("U+%04X", c);
  else
    {
      gsize n = MIN (len - offset, 4);
      gunichar u = g_utf8_get_char_validated (text + offset, (gssize) n);

      if (u != (gunichar) -1 && u != (gunichar) -2)
        {
          char buf[8] = { 0 };

          g_unichar_to_utf8 (u, buf);
          return g_strdup_printf ("“%s”", buf);
        }
      return g_strdup_printf (_("byte 0x%02X"), c);
    }
}

/**
 * sluice_json_describe_error:
 * @error: what the scanner found
 * @text: the scanned text
 * @len: its length
 * @offset: where the error is
 *
 * Returns: (transfer full): what is wrong, in words, without the position
 */
char *
sluice_json_describe_error (SluiceJsonError  error,
                            const char      *text,
                            gsize            len,
                            gsize            offset)
{
  g_autofree char *what = NULL;

  if (offset < len)
    what = describe_character (text, len, offset);

  switch (error)
    {
    case SLUICE_JSON_ERROR_NONE:
      return g_strdup (_("no error"));
    case SLUICE_JSON_ERROR_EMPTY:
      return g_strdup (_("no JSON value"));
    case SLUICE_JSON_ERROR_UNEXPECTED_END:
      return g_strdup (_("unexpected end of the text inside a value"));
    case SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER:
      return g_strdup_printf (_("unexpected %s"), what);
    case SLUICE_JSON_ERROR_EXPECTED_NAME:
      return g_strdup_printf (_("expected a member name in double quotes, found %s"), what);
    case SLUICE_JSON_ERROR_EXPECTED_COLON:
      return g_strdup_printf (_("expected “:” after the member name, found %s"), what);
    case SLUICE_JSON_ERROR_EXPECTED_COMMA:
      return g_strdup_printf (_("expected “,” or the end of the object or array, found %s"), what);
    case SLUICE_JSON_ERROR_TRAILING_COMMA:
      return g_strdup (_("a comma before the end of an object or array (trailing commas are not JSON)"));
    case SLUICE_JSON_ERROR_INVALID_LITERAL:
      return g_strdup (_("invalid literal; JSON knows only true, false and null"));
    case SLUICE_JSON_ERROR_INVALID_NUMBER:
      return g_strdup_printf (_("invalid number (unexpected %s)"), what ? what : _("end"));
    case SLUICE_JSON_ERROR_CONTROL_CHARACTER:
      return g_strdup_printf (_("control character %s in a string; it must be escaped"), what);
    case SLUICE_JSON_ERROR_INVALID_ESCAPE:
      {
        g_autofree char *escaped = offset + 1 < len ? describe_character (text, len, offset + 1)
                                                    : g_strdup ("");

        return g_strdup_printf (_("invalid escape “\\” %s in a string"), escaped);
      }
    case SLUICE_JSON_ERROR_INVALID_UNICODE_ESCAPE:
      return g_strdup (_("“\\u” must be followed by four hexadecimal digits"));
    case SLUICE_JSON_ERROR_LONE_SURROGATE:
      return g_strdup (_("“\\u” escape of half a UTF-16 surrogate pair"));
    case SLUICE_JSON_ERROR_INVALID_UTF8:
      return g_strdup (_("invalid UTF-8 in a string"));
    case SLUICE_JSON_ERROR_TOO_DEEP:
      return g_strdup_printf (_("nested deeper than %u levels"), SLUICE_JSON_MAX_DEPTH);
    case SLUICE_JSON_ERROR_TRAILING_TEXT:
      return g_strdup_printf (_("unexpected %s after the end of the value"), what);
    default:
      g_assert_not_reached ();
    }
}

/**
 * sluice_json_locate:
 * @text: the text
 * @from: an offset known to be at the start of line 1, column 1
 * @offset: a later offset
 * @line: (out): 1-based line of @offset, counted from @from
 * @column: (out): 1-based column of @offset in characters
 *
 * Turns a byte offset into a line and column for messages.
 */
void
sluice_json_locate (const char *text,
                    gsize       from,
                    gsize       offset,
                    guint      *line,
                    guint      *column)
{
  guint l = 1, c = 1;

  for (gsize i = from; i < offset; i++)
    {
      guchar b = (guchar) text[i];

      if (b == '\n')
        {
          l++;
          c = 1;
        }
      else if ((b & 0xc0) != 0x80)
        c++;
    }
  if (line != NULL)
    *line = l;
  if (column != NULL)
    *column = c;
}

/* Past the string whose opening quote is at @p; the text is checked. */
static inline const char *
skip_string (const char *p,
             const char *end)
{
  p++;
  for (;;)
    {
      const char *q = memchr (p, '"', (gsize) (end - p));
      const char *b;
      gsize n;

      g_assert (q != NULL);
      /* an odd run of backslashes before the quote escapes it */
      for (b = q, n = 0; b > p && b[-1] == '\\'; b--)
        n++;
      if (n % 2 == 0)
        return q + 1;
      p = q + 1;
    }
}

/**
 * sluice_json_skip_value:
 * @text: checked JSON text
 * @len: its length
 * @offset: where a value starts
 *
 * Returns: the offset just after that value
 */
gsize
sluice_json_skip_value (const char *text,
                        gsize       len,
                        gsize       offset)
{
  const char *p = text + offset;
  const char *end = text + len;
  guint depth = 0;

  do
    {
      switch (*p)
        {
        case '"':
          p = skip_string (p, end);
          break;
        case '{':
        case '[':
          depth++;
          p++;
          break;
        case '}':
        case ']':
          depth--;
          p++;
          break;
        default:
          if (depth == 0)
            {
              /* a number or literal on its own */
              while (p < end && !is_space (*p) && *p != ',' && *p != '}' && *p != ']')
                p++;
              return (gsize) (p - text);
            }
          p++;
          break;
        }
    }
  while (depth > 0);

  return (gsize) (p - text);
}

/**
 * sluice_json_string_equal:
 * @raw: a checked string body (inside the quotes), escapes not undone
 * @raw_len: its length
 * @text: plain text
 * @text_len: its length
 *
 * Returns: %TRUE if the string means @text
 */
gboolean
sluice_json_string_equal (const char *raw,
                          gsize       raw_len,
                          const char *text,
                          gsize       text_len)
{
  g_autoptr(GString) unescaped = NULL;

  if (memchr (raw, '\\', raw_len) == NULL)
    return raw_len == text_len && memcmp (raw, text, raw_len) == 0;

  unescaped = g_string_sized_new (raw_len);
  sluice_json_unescape (raw, raw_len, unescaped);
  return unescaped->len == text_len && memcmp (unescaped->str, text, text_len) == 0;
}

/**
 * sluice_json_object_get_member:
 * @text: checked JSON text
 * @object: an object in it
 * @name: a member name
 * @name_len: its length
 * @value: (out): where the member's value is
 *
 * Finds a member by name; with duplicates, the last one wins, as in
 * json-glib and most parsers.
 *
 * Returns: %TRUE if @object has a member called @name
 */
gboolean
sluice_json_object_get_member (const char     *text,
                               SluiceJsonSpan  object,
                               const char     *name,
                               gsize           name_len,
                               SluiceJsonSpan *value)
{
  const char *p = text + object.start + 1;
  const char *end = text + object.end;
  gboolean found = FALSE;

  for (;;)
    {
      const char *name_start, *name_end;
      gsize value_end;

      while (p < end && (is_space (*p) || *p == ','))
        p++;
      if (p >= end || *p != '"')
        return found;

      name_start = p + 1;
      name_end = skip_string (p, end) - 1;
      p = name_end + 1;
      while (is_space (*p))
        p++;
      p++;          /* ':' */
      while (is_space (*p))
        p++;
      value_end = sluice_json_skip_value (text, object.end, (gsize) (p - text));
      if (sluice_json_string_equal (name_start, (gsize) (name_end - name_start), name, name_len))
        {
          value->start = (gsize) (p - text);
          value->end = value_end;
          found = TRUE;
        }
      p = text + value_end;
    }
}

static inline void
append_utf8 (GString  *out,
             gunichar  c)
{
  char buf[6];
  int n = g_unichar_to_utf8 (c, buf);

  g_string_append_len (out, buf, n);
}

/**
 * sluice_json_unescape:
 * @raw: a checked string body (inside the quotes)
 * @raw_len: its length
 * @out: where to append the text it means
 *
 * Undoes the escapes of a JSON string.
 */
void
sluice_json_unescape (const char *raw,
                      gsize       raw_len,
                      GString    *out)
{
  const char *p = raw;
  const char *end = raw + raw_len;

  while (p < end)
    {
      const char *b = memchr (p, '\\', (gsize) (end - p));

      if (b == NULL)
        {
          g_string_append_len (out, p, end - p);
          return;
        }
      g_string_append_len (out, p, b - p);
      switch (b[1])
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar c = (gunichar) read_hex4 ((const guchar *) b + 2);

            if (c >= 0xd800 && c <= 0xdbff)
              {
                gunichar low = (gunichar) read_hex4 ((const guchar *) b + 8);

                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                p = b + 12;
              }
            else
              p = b + 6;
            append_utf8 (out, c);
          }
          continue;
        default:          /* '"', '\\', '/' */
          g_string_append_c (out, b[1]);
          break;
        }
      p = b + 2;
    }
}

/**
 * sluice_json_compact:
 * @text: checked JSON text
 * @len: its length
 * @out: where to append
 *
 * Appends @text without the whitespace between tokens.
 */
void
sluice_json_compact (const char *text,
                     gsize       len,
                     GString    *out)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *run = p;

      while (p < end && !is_space (*p) && *p != '"')
        p++;
      g_string_append_len (out, run, p - run);
      if (p >= end)
        break;
      if (*p == '"')
        {
          const char *string_end = skip_string (p, end);

          g_string_append_len (out, p, string_end - p);
          p = string_end;
        }
      else
        {
          while (p < end && is_space (*p))
            p++;
        }
    }
}

/**
 * sluice_json_number_to_int64:
 * @text: a checked JSON number
 * @len: its length
 * @value: (out): the number
 *
 * Returns: %TRUE if the number is a whole number that fits in 64 bits
 *   (1e3 and 2.0 are whole numbers)
 */
gboolean
sluice_json_number_to_int64 (const char *text,
                             gsize       len,
                             gint64     *value)
{
  const char *p = text;
  const char *end = text + len;
  gboolean negative = FALSE;
  guint64 v = 0;
  double d;

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  while (p < end && is_digit (*p) && v <= (G_MAXUINT64 - 9) / 10)
    v = v * 10 + (guint64) (*p++ - '0');
  if (p == end)
    {
      if (negative ? v > (guint64) G_MAXINT64 + 1 : v > (guint64) G_MAXINT64)
        return FALSE;
      *value = negative ? (gint64) (0 - v) : (gint64) v;
      return TRUE;
    }

  /* fractions, exponents and huge numbers: through double */
  d = sluice_json_number_to_double (text, len);
  if (!(d < 9223372036854775808.0 && d >= -9223372036854775808.0) || d != (double) (gint64) d)
    return FALSE;
  *value = (gint64) d;
  return TRUE;
}

/**
 * sluice_json_number_to_double:
 * @text: a checked JSON number
 * @len: its length
 *
 * Returns: the number, ±infinity when it is too large for a double
 */
double
sluice_json_number_to_double (const char *text,
                              gsize       len)
{
  char small[64];
  g_autofree char *large = NULL;
  char *copy;

  if (len < sizeof small)
    {
      memcpy (small, text, len);
      small[len] = '\0';
      copy = small;
    }
  else
    copy = large = g_strndup (text, len);

  return g_ascii_strtod (copy, NULL);
}
