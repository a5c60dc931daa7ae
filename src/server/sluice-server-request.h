/* sluice-server-request.h — strict reading of what a request carries
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean    sluice_server_name_is_valid        (const char  *name);
gboolean    sluice_server_parse_count          (const char  *text,
                                                gint64       min,
                                                gint64       max,
                                                gint64      *value);

JsonObject *sluice_server_parse_json_object    (const char  *body,
                                                gsize        length,
                                                GError     **error);
gboolean    sluice_server_check_members        (JsonObject  *object,
                                                const char  *const *allowed,
                                                const char  *where,
                                                GError     **error);
gboolean    sluice_server_get_string_member    (JsonObject  *object,
                                                const char  *name,
                                                char       **value,
                                                GError     **error);
gboolean    sluice_server_get_int_member       (JsonObject  *object,
                                                const char  *name,
                                                gint64       min,
                                                gint64       max,
                                                gboolean    *present,
                                                gint64      *value,
                                                GError     **error);
gboolean    sluice_server_get_double_member    (JsonObject  *object,
                                                const char  *name,
                                                gboolean    *present,
                                                double      *value,
                                                GError     **error);
gboolean    sluice_server_get_boolean_member   (JsonObject  *object,
                                                const char  *name,
                                                gboolean    *present,
                                                gboolean    *value,
                                                GError     **error);
JsonObject *sluice_server_get_object_member    (JsonObject  *object,
                                                const char  *name,
                                                GError     **error);

G_END_DECLS
