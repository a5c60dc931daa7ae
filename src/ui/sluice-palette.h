/* sluice-palette.h — the step types an author can add, searchable
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a palette row carries when it is dragged: the step type's name
 * (e.g. "notify") as UTF-8 bytes. A private type, so that text dragged
 * in from other applications never turns into a step. */
#define SLUICE_PALETTE_MIME_TYPE "application/x-sluice-step"

#define SLUICE_TYPE_PALETTE (sluice_palette_get_type ())
G_DECLARE_FINAL_TYPE (SluicePalette, sluice_palette, SLUICE, PALETTE, GtkWidget)

/*
 * Properties:
 *   "search-text" (string)  what the list is filtered by
 *
 * Signals:
 *   ::step-activated (SluicePalette *palette, const char *type_name)
 *       a row was double-clicked or activated with Enter, or Enter was
 *       pressed in the search entry (the first match)
 */
GtkWidget   *sluice_palette_new              (void);
const char  *sluice_palette_get_search_text  (SluicePalette *self);
void         sluice_palette_set_search_text  (SluicePalette *self,
                                              const char    *text);
GListModel  *sluice_palette_get_model        (SluicePalette *self);
void         sluice_palette_focus_search     (SluicePalette *self);

G_END_DECLS
