/* sluice-schema.h — the grammar of Sluice documents, as data
 *
 * One table describes every field of the workflow format. The loader checks
 * YAML against it, the writer takes its key order and scalar styles from
 * it, `sluice-cli schema` turns it into JSON Schema, and the inspector
 * builds its forms from it; so none of them can drift from the others.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sluice-diagnostic.h"
#include "sluice-yaml-tree.h"

G_BEGIN_DECLS

typedef enum
{
  SLUICE_FIELD_STRING,      /* one line of text */
  SLUICE_FIELD_TEXT,        /* text that may span lines; may hold templates */
  SLUICE_FIELD_TEMPLATE,    /* one line that may hold {{ templates }} */
  SLUICE_FIELD_IDENTIFIER,  /* lower-case name: a-z, 0-9 and '-' */
  SLUICE_FIELD_STEP_REF,    /* the id of another step (an edge) */
  SLUICE_FIELD_PATH,        /* a field path in an event: data.account */
  SLUICE_FIELD_URL,         /* http(s) URL; may hold templates */
  SLUICE_FIELD_CRON,        /* five-field cron expression */
  SLUICE_FIELD_DURATION,    /* 30s, 15m, 7d, 1h30m */
  SLUICE_FIELD_INTEGER,
  SLUICE_FIELD_NUMBER,
  SLUICE_FIELD_BOOLEAN,
  SLUICE_FIELD_ENUM,
  SLUICE_FIELD_VALUE,       /* any scalar, or a list of scalars */
  SLUICE_FIELD_LIST,        /* of ->item */
  SLUICE_FIELD_MAP,         /* text keys to ->item */
  SLUICE_FIELD_OBJECT,      /* the fixed ->fields */
  SLUICE_FIELD_STEP,        /* a step: common fields plus its type's */
} SluiceFieldKind;

typedef enum
{
  SLUICE_FIELD_FLAG_NONE     = 0,
  SLUICE_FIELD_FLAG_REQUIRED = 1 << 0, /* validation reports it missing */
  SLUICE_FIELD_FLAG_TRIGGER  = 1 << 1, /* STEP: only trigger types */
} SluiceFieldFlags;

typedef struct _SluiceField SluiceField;

struct _SluiceField
{
  const char          *name;
  SluiceFieldKind      kind;
  SluiceFieldFlags     flags;
  const char          *title;        /* N_() label, for forms */
  const char          *description;  /* N_() one line, for forms and JSON Schema */
  const char * const  *choices;      /* ENUM values, NULL-terminated */
  const SluiceField   *item;         /* LIST and MAP items */
  const SluiceField   *fields;       /* OBJECT fields, ended by a { NULL } entry */
  gint64               minimum;
  gint64               maximum;      /* 0: none */
};

/* Where each value of a loaded document came from: document path
 * ("spec.steps[2].url") to its position. */
typedef struct
{
  guint line;
  guint column;
} SluiceSourcePosition;

typedef GHashTable SluiceSourceMap;

SluiceSourceMap *sluice_source_map_new     (void);
gboolean         sluice_source_map_lookup  (SluiceSourceMap      *map,
                                            const char           *path,
                                            SluiceSourcePosition *position);

typedef struct
{
  SluiceDiagnostics *diagnostics;
  SluiceSourceMap   *source_map;
} SluiceSchemaContext;

/* A filter row: {path, op, value} */
extern const SluiceField sluice_filter_field;

const SluiceField *sluice_schema_workflow        (void);
const SluiceField *sluice_schema_policy          (void);
const SluiceField *sluice_schema_object_lookup   (const SluiceField *object,
                                                  const char        *name);

JsonNode *sluice_schema_read         (const SluiceField    *field,
                                      const SluiceYamlNode *node,
                                      const char           *path,
                                      SluiceSchemaContext  *context);
char     *sluice_schema_write_yaml   (const SluiceField    *field,
                                      JsonNode             *value);
JsonNode *sluice_schema_to_json_schema (void);

gboolean  sluice_path_is_valid       (const char           *path);
gboolean  sluice_identifier_is_valid (const char           *text);

G_END_DECLS
