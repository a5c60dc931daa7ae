/* test-json-scan.c — the strict JSON scanner of the event reader
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "sluice-json-scan.h"

static gboolean
scan (const char        *text,
      SluiceJsonScanner *scanner)
{
  return sluice_json_scan_document (scanner, text, strlen (text));
}

static void
test_valid (void)
{
  static const char * const valid[] = {
    "0", "-0", "1", "-1", "12345678901234567890123", "1.5", "-0.0", "1e5", "1E+5", "1e-5",
    "0.1e10", "1.5e308", "1e400",
    "true", "false", "null",
    "\"\"", "\"a\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\u0041\\u00e9\\u20ac\"",
    "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"é€😀\"", "\"\x7f\"",
    "[]", "[ ]", "{}", "{ }", "[1,2,3]", "[[[]]]", "{\"a\":{\"b\":[1,{\"c\":null}]}}",
    " \t\r\n[ 1 , 2 ]\n ", "{\"\":0}", "{\"a\":1,\"a\":2}",
    "\"long string that is longer than eight bytes, twice over, with \\\"escapes\\\" in it\"",
  };
  SluiceJsonScanner scanner = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      if (!scan (valid[i], &scanner))
        g_error ("“%s” should be valid, got error %d at %" G_GSIZE_FORMAT,
                 valid[i], scanner.error, scanner.error_offset);
    }
}

static const struct {
  const char      *text;
  SluiceJsonError  error;
  gsize            offset;
} invalid_cases[] = {
  { "", SLUICE_JSON_ERROR_EMPTY, 0 },
  { "  \n ", SLUICE_JSON_ERROR_EMPTY, 4 },
  { "[1,2", SLUICE_JSON_ERROR_UNEXPECTED_END, 4 },
  { "{\"a\":", SLUICE_JSON_ERROR_UNEXPECTED_END, 5 },
  { "\"abc", SLUICE_JSON_ERROR_UNEXPECTED_END, 4 },
  { "tru", SLUICE_JSON_ERROR_UNEXPECTED_END, 3 },
  { "}", SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER, 0 },
  { "[1,}", SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER, 3 },
  { "{\"a\":}", SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER, 5 },
  { "NaN", SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER, 0 },
  { "[Infinity]", SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER, 1 },
  { "+1", SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER, 0 },
  { ".5", SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER, 0 },
  { "{'a':1}", SLUICE_JSON_ERROR_EXPECTED_NAME, 1 },
  { "{a:1}", SLUICE_JSON_ERROR_EXPECTED_NAME, 1 },
  { "{\"a\" 1}", SLUICE_JSON_ERROR_EXPECTED_COLON, 5 },
  { "{\"a\":1 \"b\":2}", SLUICE_JSON_ERROR_EXPECTED_COMMA, 7 },
  { "[1 2]", SLUICE_JSON_ERROR_EXPECTED_COMMA, 3 },
  { "[1,]", SLUICE_JSON_ERROR_TRAILING_COMMA, 3 },
  { "[1, \n]", SLUICE_JSON_ERROR_TRAILING_COMMA, 5 },
  { "{\"a\":1,}", SLUICE_JSON_ERROR_TRAILING_COMMA, 7 },
  { "True", SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER, 0 },
  { "nul", SLUICE_JSON_ERROR_UNEXPECTED_END, 3 },
  { "nulL", SLUICE_JSON_ERROR_INVALID_LITERAL, 0 },
  { "[falsy]", SLUICE_JSON_ERROR_INVALID_LITERAL, 1 },
  { "01", SLUICE_JSON_ERROR_INVALID_NUMBER, 0 },
  { "[-01]", SLUICE_JSON_ERROR_INVALID_NUMBER, 2 },
  { "1.", SLUICE_JSON_ERROR_UNEXPECTED_END, 2 },
  { "[1.]", SLUICE_JSON_ERROR_INVALID_NUMBER, 3 },
  { "[1.e5]", SLUICE_JSON_ERROR_INVALID_NUMBER, 3 },
  { "[1e]", SLUICE_JSON_ERROR_INVALID_NUMBER, 3 },
  { "[1e+]", SLUICE_JSON_ERROR_INVALID_NUMBER, 4 },
  { "[-]", SLUICE_JSON_ERROR_INVALID_NUMBER, 2 },
  { "[-a]", SLUICE_JSON_ERROR_INVALID_NUMBER, 2 },
  { "\"a\tb\"", SLUICE_JSON_ERROR_CONTROL_CHARACTER, 2 },
  { "\"a\nb\"", SLUICE_JSON_ERROR_CONTROL_CHARACTER, 2 },
  { "[\"0123456789\x01\"]", SLUICE_JSON_ERROR_CONTROL_CHARACTER, 12 },
  { "\"\\x\"", SLUICE_JSON_ERROR_INVALID_ESCAPE, 1 },
  { "\"abc\\U0041\"", SLUICE_JSON_ERROR_INVALID_ESCAPE, 4 },
  { "\"\\'\"", SLUICE_JSON_ERROR_INVALID_ESCAPE, 1 },
  { "\"\\u12G4\"", SLUICE_JSON_ERROR_INVALID_UNICODE_ESCAPE, 1 },
  { "\"\\u12\"", SLUICE_JSON_ERROR_INVALID_UNICODE_ESCAPE, 1 },
  { "\"\\ud800\"", SLUICE_JSON_ERROR_LONE_SURROGATE, 1 },
  { "\"\\ud800x\"", SLUICE_JSON_ERROR_LONE_SURROGATE, 1 },
  { "\"\\ud800\\u0041\"", SLUICE_JSON_ERROR_LONE_SURROGATE, 1 },
  { "\"ab\\udc00\"", SLUICE_JSON_ERROR_LONE_SURROGATE, 3 },
  { "\"\\ud800\\uzzzz\"", SLUICE_JSON_ERROR_INVALID_UNICODE_ESCAPE, 7 },
  { "\"\xc3\x28\"", SLUICE_JSON_ERROR_INVALID_UTF8, 1 },
  { "\"\xc0\xaf\"", SLUICE_JSON_ERROR_INVALID_UTF8, 1 },          /* overlong */
  { "\"\xe0\x80\xaf\"", SLUICE_JSON_ERROR_INVALID_UTF8, 1 },      /* overlong */
  { "\"\xed\xa0\x80\"", SLUICE_JSON_ERROR_INVALID_UTF8, 1 },      /* a surrogate */
  { "\"\xf4\x90\x80\x80\"", SLUICE_JSON_ERROR_INVALID_UTF8, 1 },  /* above U+10FFFF */
  { "\"abcdefgh\xff\"", SLUICE_JSON_ERROR_INVALID_UTF8, 9 },
  { "\"\x80\"", SLUICE_JSON_ERROR_INVALID_UTF8, 1 },
  { "\xef\xbb\xbf{}", SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER, 0 }, /* BOMs are the reader's business */
  { "[1]x", SLUICE_JSON_ERROR_TRAILING_TEXT, 3 },
  { "{} {}", SLUICE_JSON_ERROR_TRAILING_TEXT, 3 },
  { "1 2", SLUICE_JSON_ERROR_TRAILING_TEXT, 2 },
  { "/* c */ 1", SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER, 0 },
  { "[1] // c", SLUICE_JSON_ERROR_TRAILING_TEXT, 4 },
};

static void
test_errors (void)
{
  SluiceJsonScanner scanner = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const char *text = invalid_cases[i].text;
      g_autofree char *escaped = g_strescape (text, NULL);
      g_autofree char *message = NULL;

      if (scan (text, &scanner))
        g_error ("“%s” should be invalid", escaped);
      if (scanner.error != invalid_cases[i].error || scanner.error_offset != invalid_cases[i].offset)
        g_error ("“%s”: expected error %d at %zu, got %d at %" G_GSIZE_FORMAT,
                 escaped, invalid_cases[i].error, invalid_cases[i].offset,
                 scanner.error, scanner.error_offset);

      /* every error has words */
      message = sluice_json_describe_error (scanner.error, text, strlen (text), scanner.error_offset);
      g_assert_nonnull (message);
      g_assert_cmpuint (strlen (message), >, 5);
    }
}

static void
test_messages (void)
{
  static const struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "{\"a\":}", "unexpected “}”" },
    { "[1,]", "trailing commas are not JSON" },
    { "\"a\tb\"", "control character U+0009 in a string" },
    { "\"\\x\"", "invalid escape “\\” “x”" },
    { "\"\\ud800\"", "surrogate" },
    { "\"\xff\"", "invalid UTF-8" },
    { "[\"é\" \"x\"]", "found “\"”" },
    { "[1 é]", "found “é”" },
    { "tru", "unexpected end" },
    { "01", "invalid number" },
  };
  SluiceJsonScanner scanner = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;

      g_assert_false (scan (cases[i].text, &scanner));
      message = sluice_json_describe_error (scanner.error, cases[i].text, strlen (cases[i].text),
                                            scanner.error_offset);
      if (strstr (message, cases[i].message) == NULL)
        g_error ("“%s”: message “%s” lacks “%s”", cases[i].text, message, cases[i].message);
    }
}

static void
test_locate (void)
{
  const char *text = "{\n  \"é\": [1,\n   2,]\n}";
  SluiceJsonScanner scanner = { 0 };
  guint line, column;

  g_assert_false (scan (text, &scanner));
  g_assert_cmpint (scanner.error, ==, SLUICE_JSON_ERROR_TRAILING_COMMA);
  sluice_json_locate (text, 0, scanner.error_offset, &line, &column);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 6);
  /* columns count characters, not bytes */
  sluice_json_locate (text, 0, strstr (text, "[") - text, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 8);
}

static void
test_deep (void)
{
  const gsize n = 1000000;
  g_autofree char *deep = g_malloc (2 * n + 1);
  SluiceJsonScanner scanner = { 0 };
  GString *ok;

  memset (deep, '[', n);
  memset (deep + n, ']', n);
  deep[2 * n] = '\0';
  g_assert_false (sluice_json_scan_document (&scanner, deep, 2 * n));
  g_assert_cmpint (scanner.error, ==, SLUICE_JSON_ERROR_TOO_DEEP);
  g_assert_cmpuint (scanner.error_offset, ==, SLUICE_JSON_MAX_DEPTH);

  /* objects count too, and exactly the limit is fine */
  ok = g_string_new (NULL);
  for (guint i = 0; i < SLUICE_JSON_MAX_DEPTH - 1; i++)
    g_string_append (ok, "{\"a\":");
  g_string_append (ok, "[]");
  for (guint i = 0; i < SLUICE_JSON_MAX_DEPTH - 1; i++)
    g_string_append_c (ok, '}');
  g_assert_true (sluice_json_scan_document (&scanner, ok->str, ok->len));
  g_string_prepend (ok, "[");
  g_string_append (ok, "]");
  g_assert_false (sluice_json_scan_document (&scanner, ok->str, ok->len));
  g_assert_cmpint (scanner.error, ==, SLUICE_JSON_ERROR_TOO_DEEP);
  g_string_free (ok, TRUE);

  /* the skipper needs no recursion either */
  g_assert_cmpuint (sluice_json_skip_value (deep, 2 * n, 0), ==, 2 * n);
}

/* Every proper prefix of a valid value is INCOMPLETE when more may come,
 * never an error: the reader relies on it to read values across chunks. */
static void
test_incomplete (void)
{
  static const char * const docs[] = {
    "{\"a\":[1,2.5e-3,true,false,null,\"x\\\"y\\u00e9\\ud83d\\ude00é😀\"],\"b\":{}}",
    "[ -12 , 0.5 , \"\" ]",
    "\"abcdefghijklmnopqrstuvwxyz\"",
    "123",
  };
  SluiceJsonScanner scanner = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      gsize len = strlen (docs[i]);

      for (gsize cut = 0; cut < len; cut++)
        {
          SluiceJsonScanResult result = sluice_json_scan (&scanner, docs[i], cut, 0, FALSE);

          if (result != SLUICE_JSON_SCAN_INCOMPLETE)
            g_error ("prefix %zu of “%s”: %d (error %d)", cut, docs[i], result,
                     scanner.error);
        }
      g_assert_cmpint (sluice_json_scan (&scanner, docs[i], len, 0, TRUE), ==, SLUICE_JSON_SCAN_OK);
      g_assert_cmpuint (scanner.value.end, ==, len);
    }

  /* an error shows as early as it can, without more text */
  g_assert_cmpint (sluice_json_scan (&scanner, "[1,}", 4, 0, FALSE), ==, SLUICE_JSON_SCAN_ERROR);
  g_assert_cmpint (sluice_json_scan (&scanner, "\"\\ux", 4, 0, FALSE), ==, SLUICE_JSON_SCAN_ERROR);
  g_assert_cmpint (sluice_json_scan (&scanner, "\"\\ud800\"", 8, 0, FALSE), ==, SLUICE_JSON_SCAN_ERROR);
  g_assert_cmpint (sluice_json_scan (&scanner, "nx", 2, 0, FALSE), ==, SLUICE_JSON_SCAN_ERROR);
}

static void
test_members (void)
{
  const char *text = " {\"id\" : \"a\\\"b\", \"n\":[1,{\"x\":2}], \"o\":{\"k\":\"v\"},\"e\\u0073c\":null} ";
  SluiceJsonScanner scanner = { 0 };
  const SluiceJsonMember *m;
  SluiceJsonSpan value;
  g_autoptr(GString) out = g_string_new (NULL);

  scanner.members = g_array_new (FALSE, FALSE, sizeof (SluiceJsonMember));
  g_assert_true (scan (text, &scanner));
  g_assert_cmpint (scanner.kind, ==, SLUICE_JSON_KIND_OBJECT);
  g_assert_true (scanner.has_space);
  g_assert_cmpuint (scanner.value.start, ==, 1);
  g_assert_cmpuint (scanner.value.end, ==, strlen (text) - 1);
  g_assert_cmpuint (scanner.members->len, ==, 4);

  m = &g_array_index (scanner.members, SluiceJsonMember, 0);
  g_assert_cmpmem (text + m->name.start, m->name.end - m->name.start, "id", 2);
  g_assert_cmpmem (text + m->value.start, m->value.end - m->value.start, "\"a\\\"b\"", 6);
  g_assert_cmpint (m->kind, ==, SLUICE_JSON_KIND_STRING);
  m = &g_array_index (scanner.members, SluiceJsonMember, 1);
  g_assert_cmpmem (text + m->value.start, m->value.end - m->value.start, "[1,{\"x\":2}]", 11);
  g_assert_cmpint (m->kind, ==, SLUICE_JSON_KIND_ARRAY);
  m = &g_array_index (scanner.members, SluiceJsonMember, 2);
  g_assert_cmpint (m->kind, ==, SLUICE_JSON_KIND_OBJECT);
  g_assert_true (sluice_json_object_get_member (text, m->value, "k", 1, &value));
  g_assert_cmpmem (text + value.start, value.end - value.start, "\"v\"", 3);
  g_assert_false (sluice_json_object_get_member (text, m->value, "x", 1, &value));
  m = &g_array_index (scanner.members, SluiceJsonMember, 3);
  g_assert_true (m->name_escaped);
  g_assert_true (sluice_json_string_equal (text + m->name.start, m->name.end - m->name.start, "esc", 3));
  g_assert_cmpint (m->kind, ==, SLUICE_JSON_KIND_NULL);

  /* the whole object through the slow path finds the same */
  g_assert_true (sluice_json_object_get_member (text, scanner.value, "esc", 3, &value));
  g_assert_cmpmem (text + value.start, value.end - value.start, "null", 4);

  sluice_json_compact (text + scanner.value.start, scanner.value.end - scanner.value.start, out);
  g_assert_cmpstr (out->str, ==, "{\"id\":\"a\\\"b\",\"n\":[1,{\"x\":2}],\"o\":{\"k\":\"v\"},\"e\\u0073c\":null}");

  /* only objects have members */
  g_assert_true (scan ("[{\"a\":1}]", &scanner));
  g_assert_cmpuint (scanner.members->len, ==, 0);
  g_array_unref (scanner.members);
}

static void
test_unescape (void)
{
  static const struct {
    const char *raw;
    const char *text;
    gsize       text_len;
  } cases[] = {
    { "plain", "plain", 5 },
    { "a\\\"b\\\\c\\/d", "a\"b\\c/d", 7 },
    { "\\b\\f\\n\\r\\t", "\b\f\n\r\t", 5 },
    { "\\u0041\\u00e9\\u20AC", "Aé€", 6 },
    { "\\ud83d\\ude00!", "😀!", 5 },
    { "x\\u0000y", "x\0y", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      sluice_json_unescape (cases[i].raw, strlen (cases[i].raw), out);
      g_assert_cmpmem (out->str, out->len, cases[i].text, cases[i].text_len);
      g_assert_true (sluice_json_string_equal (cases[i].raw, strlen (cases[i].raw),
                                               cases[i].text, cases[i].text_len));
    }
}

static void
test_numbers (void)
{
  static const struct {
    const char *text;
    gboolean    is_int;
    gint64      value;
  } cases[] = {
    { "0", TRUE, 0 },
    { "-0", TRUE, 0 },
    { "42", TRUE, 42 },
    { "-2147483648", TRUE, G_MININT32 },
    { "9223372036854775807", TRUE, G_MAXINT64 },
    { "-9223372036854775808", TRUE, G_MININT64 },
    { "9223372036854775808", FALSE, 0 },
    { "1e3", TRUE, 1000 },
    { "2.0", TRUE, 2 },
    { "1.5", FALSE, 0 },
    { "1e400", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 value = -1;
      gboolean is_int = sluice_json_number_to_int64 (cases[i].text, strlen (cases[i].text), &value);

      g_assert_cmpint (is_int, ==, cases[i].is_int);
      if (is_int)
        g_assert_cmpint (value, ==, cases[i].value);
    }
  g_assert_cmpfloat (sluice_json_number_to_double ("-1.25e2", 7), ==, -125.0);
}

/* Known leniencies of json-glib 1.6 (GScanner underneath): it accepts
 * these, RFC 8259 does not, and neither do we. */
static gboolean
json_glib_is_lenient_here (SluiceJsonError error)
{
  switch (error)
    {
    case SLUICE_JSON_ERROR_EMPTY:                  /* "" and "  " */
    case SLUICE_JSON_ERROR_INVALID_NUMBER:         /* "01", "1.", "[1.e5]", "0x10" */
    case SLUICE_JSON_ERROR_CONTROL_CHARACTER:      /* raw tabs and newlines in strings */
    case SLUICE_JSON_ERROR_INVALID_ESCAPE:         /* "\x", "\U0041" */
    case SLUICE_JSON_ERROR_INVALID_UNICODE_ESCAPE: /* "\u12G4" */
    case SLUICE_JSON_ERROR_LONE_SURROGATE:         /* "\ud800x" */
    case SLUICE_JSON_ERROR_TRAILING_TEXT:          /* "{} {}" */
    case SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER:   /* ".5", a BOM, comments */
    case SLUICE_JSON_ERROR_EXPECTED_NAME:          /* {'a':1} */
    case SLUICE_JSON_ERROR_UNEXPECTED_END:         /* "1." */
      return TRUE;
    case SLUICE_JSON_ERROR_NONE:
    case SLUICE_JSON_ERROR_EXPECTED_COLON:
    case SLUICE_JSON_ERROR_EXPECTED_COMMA:
    case SLUICE_JSON_ERROR_TRAILING_COMMA:
    case SLUICE_JSON_ERROR_INVALID_LITERAL:
    case SLUICE_JSON_ERROR_INVALID_UTF8:
    case SLUICE_JSON_ERROR_TOO_DEEP:
    default:
      return FALSE;
    }
}

/* json-glib 1.6 leaks memory when it fails on a "\\u" without four hex
 * digits, and on a number followed by more text; the valgrind test setup
 * would count that against us. */
static gboolean
json_glib_leaks_on (const char *text)
{
  for (const char *p = strstr (text, "\\u"); p != NULL; p = strstr (p + 2, "\\u"))
    {
      for (guint i = 2; i < 6; i++)
        if (!g_ascii_isxdigit (p[i]))
          return TRUE;
    }
  if (g_ascii_isdigit (text[0]) || text[0] == '-')
    {
      const char *p = text + strspn (text, "-+.eE0123456789");

      p += strspn (p, " \t\r\n");
      return *p != '\0';
    }
  return FALSE;
}

static const char * const seeds[] = {
  "{\"id\":\"evt-1\",\"n\":[1,-2,3.5,-0.25e-3,1E+2],\"ok\":true,\"no\":false,\"nil\":null}",
  "{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0041\\ud83d\\ude00\",\"u\":\"é€😀\"}",
  "[[],{},[{}],{\"a\":[]},\"\",0]",
  "{\"nested\":{\"deeper\":{\"deepest\":[1,[2,[3]]]}}}",
  "[\"0123456789abcdef0123456789\",\"x\"]",
  "-12.5e10",
  "\"\\u00e9\"",
  "{ \"spaced\" : [ 1 , 2 ] , \"t\" : true }",
};

static const char * const fragments[] = {
  ",", ":", "[", "]", "{", "}", "\"", "\\", "0", "01", "-", ".", "e", "E", "+", "1.", ".1",
  "tru", "true", "nul", "null", "NaN", "\\u", "\\ud800", "\\udc00", "\\x", " ", "\xc3",
  "\xc3\xa9", "\xed\xa0\x80", "\xf0\x9f\x98\x80", "\xff", "\x01", "\t", "'", "/", "[1,]",
  "{\"a\":1,}", "\"a\":", "1e5", "-0", "\"\\\\\"",
};

/* json-glib and the scanner agree on what is JSON, except where json-glib
 * is known to accept more than RFC 8259 allows (listed above); the other
 * way round, the scanner never accepts what json-glib refuses. */
static void
test_agrees_with_json_glib (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8259);
  g_autoptr(JsonParser) parser = json_parser_new ();
  SluiceJsonScanner scanner = { 0 };
  guint n_cases = 0, n_agree = 0, n_valid = 0, n_lenient = 0, n_skipped = 0;

  for (guint i = 0; i < 600; i++)
    {
      const char *seed = seeds[g_rand_int_range (rand, 0, G_N_ELEMENTS (seeds))];
      g_autoptr(GString) text = g_string_new (seed);
      gboolean ours, theirs;
      guint kind = i % 4;

      if (kind == 1)
        {
          /* cut */
          g_string_truncate (text, g_rand_int_range (rand, 0, (gint32) text->len));
        }
      else if (kind == 2)
        {
          /* insert a fragment */
          const char *fragment = fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))];

          g_string_insert (text, g_rand_int_range (rand, 0, (gint32) text->len + 1), fragment);
        }
      else if (kind == 3)
        {
          /* delete a byte */
          g_string_erase (text, g_rand_int_range (rand, 0, (gint32) text->len), 1);
        }

      ours = sluice_json_scan_document (&scanner, text->str, text->len);
      n_cases++;
      if (json_glib_leaks_on (text->str))
        {
          /* all such texts are invalid: checked without json-glib */
          g_assert_false (ours);
          n_skipped++;
          continue;
        }
      theirs = json_parser_load_from_data (parser, text->str, (gssize) text->len, NULL);
      if (ours == theirs)
        {
          n_agree++;
          n_valid += ours;
          continue;
        }
      if (ours && !theirs)
        {
          g_autofree char *escaped = g_strescape (text->str, NULL);

          g_error ("the scanner accepts what json-glib refuses: “%s”", escaped);
        }
      if (!json_glib_is_lenient_here (scanner.error))
        {
          g_autofree char *escaped = g_strescape (text->str, NULL);

          g_error ("json-glib accepts “%s”, the scanner says %d at %" G_GSIZE_FORMAT,
                   escaped, scanner.error, scanner.error_offset);
        }
      n_lenient++;
    }

  g_test_message ("%u cases: %u agree (%u valid), %u where json-glib is lenient, "
                  "%u not given to json-glib", n_cases, n_agree, n_valid, n_lenient, n_skipped);
  g_assert_cmpuint (n_agree, >=, n_cases * 8 / 10);
  g_assert_cmpuint (n_valid, >=, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/json-scan/valid", test_valid);
  g_test_add_func ("/sim/json-scan/errors", test_errors);
  g_test_add_func ("/sim/json-scan/messages", test_messages);
  g_test_add_func ("/sim/json-scan/locate", test_locate);
  g_test_add_func ("/sim/json-scan/deep", test_deep);
  g_test_add_func ("/sim/json-scan/incomplete", test_incomplete);
  g_test_add_func ("/sim/json-scan/members", test_members);
  g_test_add_func ("/sim/json-scan/unescape", test_unescape);
  g_test_add_func ("/sim/json-scan/numbers", test_numbers);
  g_test_add_func ("/sim/json-scan/agrees-with-json-glib", test_agrees_with_json_glib);

  return g_test_run ();
}
