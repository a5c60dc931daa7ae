/* sluice-template.h — {{ data.account }} in action parameters
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One {{ reference }} in a template. */
typedef struct
{
  char  *path;     /* "data.account" */
  gsize  offset;   /* byte offset of the opening braces */
} SluiceTemplateRef;

void        sluice_template_ref_free  (SluiceTemplateRef *ref);
GPtrArray  *sluice_template_parse     (const char        *text,
                                       char             **problem,
                                       gsize             *problem_offset);
char       *sluice_template_render    (const char        *text,
                                       JsonNode          *context,
                                       guint             *n_missing);
gboolean    sluice_template_has_refs  (const char        *text);

G_END_DECLS
