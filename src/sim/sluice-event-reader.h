/* sluice-event-reader.h — event files to envelope records, streaming
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How the values are laid out in the input. */
typedef enum
{
  SLUICE_EVENT_FORMAT_AUTO,         /* guess from the first bytes */
  SLUICE_EVENT_FORMAT_JSONL,        /* one JSON value per line */
  SLUICE_EVENT_FORMAT_JSON,         /* a JSON array of events, or one or more JSON values */
  SLUICE_EVENT_FORMAT_CLOUDEVENTS,  /* like JSON, and every event must be a CloudEvent 1.0 */
} SluiceEventFormat;

gboolean    sluice_event_format_from_string (const char        *name,
                                             SluiceEventFormat *format);
const char *sluice_event_format_to_string   (SluiceEventFormat  format);

/* Where the envelope fields of a plain (non-CloudEvents) JSON object are.
 * Paths are dotted field paths into the object ("repo.name"). For each of
 * type, source and time either a path or a fixed value may be given. */
typedef struct
{
  char    *id_path;       /* NULL: the id is derived from the content */
  char    *type_path;
  char    *type;          /* fixed type, e.g. a GitHub webhook's event name */
  char    *source_path;
  char    *source;
  char    *time_path;     /* RFC 3339 text, or a number of epoch seconds */
  gint64   time_ms;       /* fixed time, used when has_time and time_path is NULL or finds nothing */
  gboolean has_time;
  char    *tenant_path;
  char    *subject_path;
  char    *data_path;     /* NULL: the whole object is the payload */
} SluiceEventMapping;

SluiceEventMapping *sluice_event_mapping_new        (void);
SluiceEventMapping *sluice_event_mapping_new_preset (const char         *name,
                                                     GError            **error);
const char * const *sluice_event_mapping_preset_names (void);
SluiceEventMapping *sluice_event_mapping_copy       (const SluiceEventMapping *mapping);
void                sluice_event_mapping_free       (SluiceEventMapping *mapping);

/* A piece of text that is not NUL-terminated; ptr is NULL when absent. */
typedef struct
{
  const char *ptr;
  gsize       len;
} SluiceTextSpan;

/* One event, ready to store. Spans point into the reader's buffers and
 * stay valid until the next call to sluice_event_reader_next(). */
typedef struct
{
  SluiceTextSpan id;
  SluiceTextSpan type;
  SluiceTextSpan source;
  SluiceTextSpan subject;
  SluiceTextSpan tenant;
  gint64         time_ms;       /* UTC, milliseconds since the epoch */
  SluiceTextSpan data;          /* the payload as JSON text; absent when the event has none */
  SluiceTextSpan extensions;    /* other attributes as a JSON object text, or absent */
  guint64        content_hash;  /* of the whole event as read: same id + other hash = conflict */
  guint          line;          /* 1-based line where the event starts */
} SluiceEventRecord;

/* Why a value was not imported; valid until the next call. */
typedef struct
{
  guint       line;
  const char *reason;           /* translated, e.g. "missing “time”" */
} SluiceEventRejection;

typedef enum
{
  SLUICE_EVENT_READ_EVENT,      /* *record holds an event */
  SLUICE_EVENT_READ_REJECTED,   /* *rejection says what was skipped; reading goes on */
  SLUICE_EVENT_READ_END,        /* no more input */
  SLUICE_EVENT_READ_ERROR,      /* I/O error or cancelled; *error is set */
} SluiceEventReadResult;

typedef struct _SluiceEventReader SluiceEventReader;

SluiceEventReader    *sluice_event_reader_new            (GInputStream         *input,
                                                          SluiceEventFormat     format,
                                                          const SluiceEventMapping *mapping);
SluiceEventReadResult sluice_event_reader_next           (SluiceEventReader    *reader,
                                                          SluiceEventRecord    *record,
                                                          SluiceEventRejection *rejection,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
guint64               sluice_event_reader_get_bytes_read (SluiceEventReader    *reader);
void                  sluice_event_reader_free           (SluiceEventReader    *reader);

/* CloudEvents without a "time" get this one instead of being rejected. */
void                  sluice_event_reader_set_default_time (SluiceEventReader *reader,
                                                            gint64             time_ms);
/* JSONL or JSON once the first bytes are read; until then what was asked. */
SluiceEventFormat     sluice_event_reader_get_format     (SluiceEventReader    *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceEventReader, sluice_event_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceEventMapping, sluice_event_mapping_free)

G_END_DECLS
