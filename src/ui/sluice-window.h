/* sluice-window.h — one window, one workflow
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sluice-document.h"

G_BEGIN_DECLS

#define SLUICE_TYPE_WINDOW (sluice_window_get_type ())
G_DECLARE_FINAL_TYPE (SluiceWindow, sluice_window, SLUICE, WINDOW, AdwApplicationWindow)

SluiceWindow   *sluice_window_new            (GtkApplication *application);
SluiceDocument *sluice_window_get_document   (SluiceWindow   *self);
void            sluice_window_set_document   (SluiceWindow   *self,
                                              SluiceDocument *document);
gboolean        sluice_window_is_pristine    (SluiceWindow   *self);
void            sluice_window_open_file      (SluiceWindow   *self,
                                              GFile          *file);
void            sluice_window_show_view      (SluiceWindow   *self,
                                              const char     *name);
void            sluice_window_toast          (SluiceWindow   *self,
                                              const char     *message);

G_END_DECLS
