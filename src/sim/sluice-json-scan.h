/* sluice-json-scan.h — a strict, fast JSON validator that builds no tree
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deeper nesting than this is refused; no event needs it and the scanner's
 * stack stays small. */
#define SLUICE_JSON_MAX_DEPTH 512

typedef enum
{
  SLUICE_JSON_KIND_NONE,
  SLUICE_JSON_KIND_NULL,
  SLUICE_JSON_KIND_BOOLEAN,
  SLUICE_JSON_KIND_NUMBER,
  SLUICE_JSON_KIND_STRING,
  SLUICE_JSON_KIND_ARRAY,
  SLUICE_JSON_KIND_OBJECT,
} SluiceJsonKind;

typedef enum
{
  SLUICE_JSON_SCAN_OK,
  SLUICE_JSON_SCAN_INCOMPLETE,      /* the text ends inside the value and more may come */
  SLUICE_JSON_SCAN_ERROR,
} SluiceJsonScanResult;

typedef enum
{
  SLUICE_JSON_ERROR_NONE,
  SLUICE_JSON_ERROR_EMPTY,                  /* no value at all */
  SLUICE_JSON_ERROR_UNEXPECTED_END,         /* the text ends inside the value */
  SLUICE_JSON_ERROR_UNEXPECTED_CHARACTER,
  SLUICE_JSON_ERROR_EXPECTED_NAME,          /* an object member must start with a string */
  SLUICE_JSON_ERROR_EXPECTED_COLON,
  SLUICE_JSON_ERROR_EXPECTED_COMMA,         /* or the end of the object or array */
  SLUICE_JSON_ERROR_TRAILING_COMMA,
  SLUICE_JSON_ERROR_INVALID_LITERAL,        /* "tru", "nul", "True" */
  SLUICE_JSON_ERROR_INVALID_NUMBER,         /* "01", "1.", "-", "1e" */
  SLUICE_JSON_ERROR_CONTROL_CHARACTER,      /* U+0000–U+001F unescaped in a string */
  SLUICE_JSON_ERROR_INVALID_ESCAPE,         /* "\x" */
  SLUICE_JSON_ERROR_INVALID_UNICODE_ESCAPE, /* "\u12G4" */
  SLUICE_JSON_ERROR_LONE_SURROGATE,         /* "\ud800" without its low half */
  SLUICE_JSON_ERROR_INVALID_UTF8,
  SLUICE_JSON_ERROR_TOO_DEEP,
  SLUICE_JSON_ERROR_TRAILING_TEXT,          /* more after a complete value */
} SluiceJsonError;

/* A piece of the scanned text, as byte offsets. */
typedef struct
{
  gsize start;
  gsize end;
} SluiceJsonSpan;

/* One member of the top-level object, as offsets into the scanned text. */
typedef struct
{
  SluiceJsonSpan name;        /* inside the quotes, escapes not undone */
  SluiceJsonSpan value;       /* the whole value, quotes included */
  guint8         kind;        /* SluiceJsonKind of the value */
  guint8         name_escaped;
} SluiceJsonMember;

typedef struct
{
  /* settings, kept between scans */
  guint           max_depth;        /* 0 means SLUICE_JSON_MAX_DEPTH */
  GArray         *members;          /* of SluiceJsonMember, or NULL not to collect */

  /* results of the last scan */
  SluiceJsonKind  kind;
  SluiceJsonSpan  value;
  guint           newlines;         /* '\n' between the scan offset and value.end */
  gsize           last_newline;     /* offset of the last of them */
  gboolean        has_space;        /* whitespace between the tokens of the value */
  SluiceJsonError error;
  gsize           error_offset;
} SluiceJsonScanner;

SluiceJsonScanResult sluice_json_scan              (SluiceJsonScanner *scanner,
                                                    const char        *text,
                                                    gsize              len,
                                                    gsize              offset,
                                                    gboolean           complete);
gboolean             sluice_json_scan_document     (SluiceJsonScanner *scanner,
                                                    const char        *text,
                                                    gsize              len);
char                *sluice_json_describe_error    (SluiceJsonError    error,
                                                    const char        *text,
                                                    gsize              len,
                                                    gsize              offset);
void                 sluice_json_locate            (const char        *text,
                                                    gsize              from,
                                                    gsize              offset,
                                                    guint             *line,
                                                    guint             *column);
const char          *sluice_json_kind_to_string    (SluiceJsonKind     kind);

/* These work on text the scanner has accepted and do not check it again. */
SluiceJsonKind       sluice_json_kind_at           (const char        *text,
                                                    gsize              offset);
gsize                sluice_json_skip_value        (const char        *text,
                                                    gsize              len,
                                                    gsize              offset);
gboolean             sluice_json_object_get_member (const char        *text,
                                                    SluiceJsonSpan     object,
                                                    const char        *name,
                                                    gsize              name_len,
                                                    SluiceJsonSpan    *value);
gboolean             sluice_json_string_equal      (const char        *raw,
                                                    gsize              raw_len,
                                                    const char        *text,
                                                    gsize              text_len);
void                 sluice_json_unescape          (const char        *raw,
                                                    gsize              raw_len,
                                                    GString           *out);
void                 sluice_json_compact           (const char        *text,
                                                    gsize              len,
                                                    GString           *out);
gboolean             sluice_json_number_to_int64   (const char        *text,
                                                    gsize              len,
                                                    gint64            *value);
double               sluice_json_number_to_double  (const char        *text,
                                                    gsize              len);

G_END_DECLS
