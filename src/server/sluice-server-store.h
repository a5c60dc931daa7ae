/* sluice-server-store.h — the control plane's durable state in one SQLite file
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "sluice-server-role.h"

G_BEGIN_DECLS

#define SLUICE_SERVER_DB_NAME "sluice-server.db"

#define SLUICE_TYPE_SERVER_STORE (sluice_server_store_get_type ())
G_DECLARE_FINAL_TYPE (SluiceServerStore, sluice_server_store, SLUICE, SERVER_STORE, GObject)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

SluiceServerStore *sluice_server_store_open          (const char         *data_dir,
                                                      GError            **error);
sqlite3           *sluice_server_store_get_database  (SluiceServerStore  *self);

/* Transactions: every change and its audit row commit together. */
gboolean           sluice_server_store_begin         (SluiceServerStore  *self,
                                                      GError            **error);
gboolean           sluice_server_store_commit        (SluiceServerStore  *self,
                                                      GError            **error);
void               sluice_server_store_rollback      (SluiceServerStore  *self);

sqlite3_stmt      *sluice_server_store_prepare       (SluiceServerStore  *self,
                                                      const char         *sql,
                                                      GError            **error);
gboolean           sluice_server_store_step_done     (SluiceServerStore  *self,
                                                      sqlite3_stmt       *stmt,
                                                      GError            **error);
gboolean           sluice_server_store_set_error     (SluiceServerStore  *self,
                                                      GError            **error);

gboolean           sluice_server_store_add_audit     (SluiceServerStore       *self,
                                                      const SluiceServerActor *actor,
                                                      const char              *workflow,
                                                      const char              *action,
                                                      gint64                   version,
                                                      const char              *report_digest,
                                                      JsonObject              *details,
                                                      GError                 **error);

/* Says that the status of @workflow (or of every workflow, for NULL)
 * changed; long polls listen to "workflow-changed". */
void               sluice_server_store_notify_changed (SluiceServerStore *self,
                                                       const char        *workflow);
gint64             sluice_server_store_data_version   (SluiceServerStore *self);

/* Times are RFC 3339 UTC, to the second. */
char              *sluice_server_format_time          (gint64             unix_seconds);
char              *sluice_server_now                  (void);
gint64             sluice_server_now_ms               (void);

void               sluice_server_bind_text_or_null    (sqlite3_stmt      *stmt,
                                                       int                index,
                                                       const char        *text);
void               sluice_server_bind_version_or_null (sqlite3_stmt      *stmt,
                                                       int                index,
                                                       gint64             version);
const char        *sluice_server_column_text          (sqlite3_stmt      *stmt,
                                                       int                index);

G_END_DECLS
