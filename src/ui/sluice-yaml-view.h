/* sluice-yaml-view.h — the document as YAML text, editable
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sluice-document.h"

G_BEGIN_DECLS

#define SLUICE_TYPE_YAML_VIEW (sluice_yaml_view_get_type ())
G_DECLARE_FINAL_TYPE (SluiceYamlView, sluice_yaml_view, SLUICE, YAML_VIEW, GtkWidget)

GtkWidget      *sluice_yaml_view_new            (void);
void            sluice_yaml_view_set_document   (SluiceYamlView *self,
                                                 SluiceDocument *document);
SluiceDocument *sluice_yaml_view_get_document   (SluiceYamlView *self);
GtkTextBuffer  *sluice_yaml_view_get_buffer     (SluiceYamlView *self);
void            sluice_yaml_view_apply_now      (SluiceYamlView *self);

G_END_DECLS
