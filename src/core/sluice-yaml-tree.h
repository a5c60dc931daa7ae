/* sluice-yaml-tree.h — YAML text to a small tree that remembers positions
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sluice-diagnostic.h"

G_BEGIN_DECLS

/* Documents larger than this are refused before parsing: a workflow is a
 * page of text, and the limit keeps a stray multi-GB file from eating RAM. */
#define SLUICE_YAML_MAX_SIZE  (4 * 1024 * 1024)
/* Nesting deeper than this is refused; real workflows stay under 10. */
#define SLUICE_YAML_MAX_DEPTH 64

typedef enum
{
  SLUICE_YAML_SCALAR,
  SLUICE_YAML_MAPPING,
  SLUICE_YAML_SEQUENCE,
} SluiceYamlKind;

typedef struct _SluiceYamlNode SluiceYamlNode;

struct _SluiceYamlNode
{
  SluiceYamlKind  kind;
  guint           line;      /* 1-based */
  guint           column;    /* 1-based, in characters */
  char           *scalar;    /* UTF-8 text of a scalar */
  gboolean        plain;     /* an unquoted scalar: its type is resolved */
  GPtrArray      *children;  /* sequence items, or mapping key/value pairs */
};

SluiceYamlNode *sluice_yaml_read              (const char        *text,
                                               gsize              length,
                                               SluiceDiagnostics *diagnostics);
void            sluice_yaml_node_free         (SluiceYamlNode    *node);
guint           sluice_yaml_node_n_children   (const SluiceYamlNode *node);
SluiceYamlNode *sluice_yaml_mapping_key       (const SluiceYamlNode *mapping,
                                               guint              i);
SluiceYamlNode *sluice_yaml_mapping_value     (const SluiceYamlNode *mapping,
                                               guint              i);
guint           sluice_yaml_mapping_size      (const SluiceYamlNode *mapping);
SluiceYamlNode *sluice_yaml_mapping_lookup    (const SluiceYamlNode *mapping,
                                               const char        *key);
const char     *sluice_yaml_kind_describe     (const SluiceYamlNode *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceYamlNode, sluice_yaml_node_free)

G_END_DECLS
