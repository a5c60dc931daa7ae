/* sluice-event-store.h — a dataset of events in one SQLite file
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "sluice-event-reader.h"

G_BEGIN_DECLS

#define SLUICE_TYPE_EVENT_STORE (sluice_event_store_get_type ())
G_DECLARE_FINAL_TYPE (SluiceEventStore, sluice_event_store, SLUICE, EVENT_STORE, GObject)

/* Kept per import: the first rejections, with their line and reason. */
#define SLUICE_IMPORT_MAX_KEPT_REJECTIONS 1000

typedef struct
{
  guint64 bytes_read;
  guint64 bytes_total;    /* 0 when unknown (a pipe) */
  guint64 events_read;
  guint64 events_added;
} SluiceImportProgress;

typedef void (*SluiceImportProgressFunc) (const SluiceImportProgress *progress,
                                          gpointer                    user_data);

typedef struct
{
  guint  line;
  char  *reason;
} SluiceImportRejection;

typedef struct
{
  char      *source_name;
  guint64    events_read;     /* values that were events, imported or not */
  guint64    events_added;
  guint64    duplicates;      /* already in the dataset, same content: nothing to do */
  guint64    conflicts;       /* same id as an imported event, other content: rejected */
  guint64    rejected;        /* bad JSON, missing attributes, bad timestamps, conflicts */
  GPtrArray *rejections;      /* SluiceImportRejection, the first SLUICE_IMPORT_MAX_KEPT_REJECTIONS */
  gint64     elapsed_ms;
} SluiceImportReport;

void                sluice_import_report_free     (SluiceImportReport *report);

typedef struct
{
  char   *tenant;             /* NULL for events without one */
  gint64  n_events;
} SluiceTenantCount;

void                sluice_tenant_count_free      (SluiceTenantCount *count);

SluiceEventStore   *sluice_event_store_open              (const char       *path,
                                                          GError          **error);
const char         *sluice_event_store_get_path          (SluiceEventStore *self);
sqlite3            *sluice_event_store_get_database      (SluiceEventStore *self);
guint64             sluice_event_store_get_generation    (SluiceEventStore *self);
gint64              sluice_event_store_count_events      (SluiceEventStore *self);
gboolean            sluice_event_store_get_time_range    (SluiceEventStore *self,
                                                          gint64           *first_ms,
                                                          gint64           *last_ms);
char               *sluice_event_store_get_digest        (SluiceEventStore *self);
GPtrArray          *sluice_event_store_list_tenants      (SluiceEventStore *self,
                                                          GError          **error);
GPtrArray          *sluice_event_store_list_types        (SluiceEventStore *self,
                                                          GError          **error);

SluiceImportReport *sluice_event_store_import            (SluiceEventStore         *self,
                                                          GInputStream             *input,
                                                          const char               *source_name,
                                                          guint64                   bytes_total,
                                                          SluiceEventFormat         format,
                                                          const SluiceEventMapping *mapping,
                                                          SluiceImportProgressFunc  progress,
                                                          gpointer                  user_data,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);
SluiceImportReport *sluice_event_store_import_file       (SluiceEventStore         *self,
                                                          GFile                    *file,
                                                          SluiceEventFormat         format,
                                                          const SluiceEventMapping *mapping,
                                                          SluiceImportProgressFunc  progress,
                                                          gpointer                  user_data,
                                                          GCancellable             *cancellable,
                                                          GError                  **error);

gboolean            sluice_event_store_import_segment    (SluiceEventStore *self,
                                                          const char       *name,
                                                          GInputStream     *input,
                                                          guint            *n_entities,
                                                          GCancellable     *cancellable,
                                                          GError          **error);
GStrv               sluice_event_store_list_segments     (SluiceEventStore *self,
                                                          GError          **error);
GStrv               sluice_event_store_get_segment       (SluiceEventStore *self,
                                                          const char       *name,
                                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceImportReport, sluice_import_report_free)

G_END_DECLS
