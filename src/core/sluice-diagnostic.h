/* sluice-diagnostic.h — a located finding about a document
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SLUICE_SEVERITY_WARNING,
  SLUICE_SEVERITY_ERROR,
} SluiceSeverity;

/* A finding with a stable rule id ("graph/unreachable-step") and the place
 * it points at. Lines and columns are 1-based; columns count characters
 * (not bytes) so they match GtkTextIter line offsets + 1. A line of 0 means
 * "no position known" (for a model built in memory). */
typedef struct
{
  SluiceSeverity  severity;
  char           *rule_id;
  char           *message;
  char           *path;      /* document path, e.g. "spec.steps[2].url", or NULL */
  char           *step_id;   /* the step it concerns, or NULL */
  guint           line;
  guint           column;
} SluiceDiagnostic;

void         sluice_diagnostic_free           (SluiceDiagnostic *diagnostic);
const char  *sluice_severity_to_string        (SluiceSeverity    severity);
char        *sluice_diagnostic_format         (const SluiceDiagnostic *diagnostic,
                                               const char       *filename);

/* An ordered list of diagnostics (a GPtrArray that owns them). */
typedef GPtrArray SluiceDiagnostics;

SluiceDiagnostics *sluice_diagnostics_new         (void);
SluiceDiagnostic  *sluice_diagnostics_add         (SluiceDiagnostics *diagnostics,
                                                   SluiceSeverity     severity,
                                                   const char        *rule_id,
                                                   guint              line,
                                                   guint              column,
                                                   const char        *format,
                                                   ...) G_GNUC_PRINTF (6, 7);
guint              sluice_diagnostics_count       (SluiceDiagnostics *diagnostics,
                                                   SluiceSeverity     severity);
void               sluice_diagnostics_sort        (SluiceDiagnostics *diagnostics);
gboolean           sluice_diagnostics_has_rule    (SluiceDiagnostics *diagnostics,
                                                   const char        *rule_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceDiagnostics, g_ptr_array_unref)

G_END_DECLS
