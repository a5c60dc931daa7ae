/* sluice-report.h — an impact report: one file a reviewer opens offline
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sluice-event-store.h"
#include "sluice-sim-result.h"
#include "sluice-workflow.h"

G_BEGIN_DECLS

#define SLUICE_REPORT_FORMAT        "sluice-report/1"
#define SLUICE_REPORT_FORMAT_PREFIX "sluice-report/"
#define SLUICE_REPORT_EXTENSION     ".sluice-report"
#define SLUICE_REPORT_MIME_TYPE     "application/x-sluice-report"

/* Entities kept per list in the file: the top of the result and of each
 * diff list. */
#define SLUICE_REPORT_MAX_ENTITIES  1000

#define SLUICE_REPORT_ERROR (sluice_report_error_quark ())

typedef enum
{
  SLUICE_REPORT_ERROR_NOT_A_REPORT,  /* not JSON, or JSON of something else */
  SLUICE_REPORT_ERROR_TRUNCATED,     /* the file stops before the document does */
  SLUICE_REPORT_ERROR_NEWER_FORMAT,  /* written by a newer Sluice */
  SLUICE_REPORT_ERROR_DAMAGED,       /* our format, but a part is missing or wrong */
  SLUICE_REPORT_ERROR_EXPORT,        /* an HTML or PDF export failed */
} SluiceReportError;

/* What a file name asks for, by its extension. */
typedef enum
{
  SLUICE_REPORT_OUTPUT_UNKNOWN,
  SLUICE_REPORT_OUTPUT_NATIVE,       /* .sluice-report */
  SLUICE_REPORT_OUTPUT_HTML,         /* .html, .htm */
  SLUICE_REPORT_OUTPUT_PDF,          /* .pdf */
} SluiceReportOutput;

GQuark sluice_report_error_quark (void);

#define SLUICE_TYPE_REPORT (sluice_report_get_type ())
G_DECLARE_FINAL_TYPE (SluiceReport, sluice_report, SLUICE, REPORT, GObject)

SluiceReport       *sluice_report_new                     (SluiceWorkflow   *workflow,
                                                           SluiceWorkflow   *comparison,
                                                           SluiceSimResult  *result,
                                                           SluiceSimResult  *comparison_result,
                                                           SluiceEventStore *store);
SluiceReport       *sluice_report_new_from_json           (JsonNode         *document,
                                                           GError          **error);
SluiceReport       *sluice_report_load_from_data          (const char       *data,
                                                           gsize             length,
                                                           GError          **error);
SluiceReport       *sluice_report_load                    (GFile            *file,
                                                           GCancellable     *cancellable,
                                                           GError          **error);
char               *sluice_report_to_data                 (SluiceReport     *self,
                                                           gsize            *length);
gboolean            sluice_report_save                    (SluiceReport     *self,
                                                           GFile            *file,
                                                           GCancellable     *cancellable,
                                                           GError          **error);

void                sluice_report_set_dataset_name        (SluiceReport     *self,
                                                           const char       *name);

JsonNode           *sluice_report_get_document            (SluiceReport     *self);
const char         *sluice_report_get_created             (SluiceReport     *self);
const char         *sluice_report_get_author              (SluiceReport     *self);
JsonObject         *sluice_report_get_workflow            (SluiceReport     *self);
JsonObject         *sluice_report_get_comparison          (SluiceReport     *self);
JsonObject         *sluice_report_get_dataset             (SluiceReport     *self);
JsonObject         *sluice_report_get_scope               (SluiceReport     *self);
JsonObject         *sluice_report_get_result              (SluiceReport     *self);
JsonObject         *sluice_report_get_comparison_result   (SluiceReport     *self);
JsonObject         *sluice_report_get_diff                (SluiceReport     *self);
char               *sluice_report_get_title               (SluiceReport     *self);

/* exports, in sluice-report-html.c and sluice-report-pdf.c */
char               *sluice_report_to_html                 (SluiceReport     *self);
gboolean            sluice_report_export_html             (SluiceReport     *self,
                                                           GFile            *file,
                                                           GCancellable     *cancellable,
                                                           GError          **error);
GBytes             *sluice_report_to_pdf                  (SluiceReport     *self,
                                                           guint            *n_pages,
                                                           GError          **error);
gboolean            sluice_report_export_pdf              (SluiceReport     *self,
                                                           GFile            *file,
                                                           guint            *n_pages,
                                                           GCancellable     *cancellable,
                                                           GError          **error);

SluiceReportOutput  sluice_report_output_for_filename     (const char       *filename);
gboolean            sluice_report_write                   (SluiceReport     *self,
                                                           GFile            *file,
                                                           SluiceReportOutput output,
                                                           GCancellable     *cancellable,
                                                           GError          **error);

G_END_DECLS
