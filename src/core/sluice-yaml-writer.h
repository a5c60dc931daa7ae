/* sluice-yaml-writer.h — canonical YAML out through libyaml's emitter
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SluiceYamlWriter SluiceYamlWriter;

SluiceYamlWriter *sluice_yaml_writer_new            (void);
void              sluice_yaml_writer_begin_mapping  (SluiceYamlWriter *writer);
void              sluice_yaml_writer_end_mapping    (SluiceYamlWriter *writer);
void              sluice_yaml_writer_begin_sequence (SluiceYamlWriter *writer,
                                                     gboolean          empty);
void              sluice_yaml_writer_end_sequence   (SluiceYamlWriter *writer);
void              sluice_yaml_writer_empty_mapping  (SluiceYamlWriter *writer);
void              sluice_yaml_writer_string         (SluiceYamlWriter *writer,
                                                     const char       *text);
void              sluice_yaml_writer_plain          (SluiceYamlWriter *writer,
                                                     const char       *text);
void              sluice_yaml_writer_int            (SluiceYamlWriter *writer,
                                                     gint64            value);
void              sluice_yaml_writer_double         (SluiceYamlWriter *writer,
                                                     double            value);
void              sluice_yaml_writer_boolean        (SluiceYamlWriter *writer,
                                                     gboolean          value);
void              sluice_yaml_writer_null           (SluiceYamlWriter *writer);
char             *sluice_yaml_writer_finish         (SluiceYamlWriter *writer);

G_END_DECLS
