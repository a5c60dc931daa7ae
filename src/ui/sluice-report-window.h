/* sluice-report-window.h — an impact report, read-only, as reviewers see it
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sluice-report.h"

G_BEGIN_DECLS

#define SLUICE_TYPE_REPORT_WINDOW (sluice_report_window_get_type ())
G_DECLARE_FINAL_TYPE (SluiceReportWindow, sluice_report_window, SLUICE, REPORT_WINDOW, AdwApplicationWindow)

SluiceReportWindow *sluice_report_window_new        (GtkApplication     *application,
                                                     SluiceReport       *report);
SluiceReport       *sluice_report_window_get_report (SluiceReportWindow *self);
void                sluice_report_window_open       (GtkApplication     *application,
                                                     GFile              *file,
                                                     GtkWindow          *parent);
gboolean            sluice_is_report_file           (GFile              *file);

G_END_DECLS
