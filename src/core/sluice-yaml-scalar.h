/* sluice-yaml-scalar.h — what a plain YAML scalar means, and when a string
 * must be quoted to keep meaning text
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SLUICE_SCALAR_STRING,
  SLUICE_SCALAR_NULL,
  SLUICE_SCALAR_BOOL,
  SLUICE_SCALAR_INT,
  SLUICE_SCALAR_FLOAT,
} SluiceScalarType;

typedef struct
{
  gboolean boolean;
  gint64   integer;
  double   number;
} SluiceScalarValue;

SluiceScalarType sluice_yaml_resolve_plain      (const char        *text,
                                                 SluiceScalarValue *value);
gboolean         sluice_yaml_is_yaml11_special  (const char        *text);
gboolean         sluice_yaml_string_needs_quotes (const char       *text);
char            *sluice_yaml_format_double      (double             value);

G_END_DECLS
