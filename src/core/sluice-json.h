/* sluice-json.h — small helpers json-glib 1.6 lacks
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode   *sluice_json_deep_copy        (JsonNode   *node);
JsonObject *sluice_json_object_deep_copy (JsonObject *object);
char       *sluice_json_to_string        (JsonNode   *node,
                                          gboolean    pretty);

G_END_DECLS

G_BEGIN_DECLS

JsonNode   *sluice_json_path_lookup      (JsonNode   *root,
                                          const char *path);
char       *sluice_double_to_string      (double      value);

G_END_DECLS
