/* sluice-remote-types.h — what the control plane answers, as typed records
 *
 * Each record is reference counted, read-only once made, and keeps the
 * JSON object it came from (`json`) for fields newer than this client.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  SLUICE_REMOTE_MODE_UNKNOWN,
  SLUICE_REMOTE_MODE_DISABLED,
  SLUICE_REMOTE_MODE_SHADOW,
  SLUICE_REMOTE_MODE_CANARY,
  SLUICE_REMOTE_MODE_FULL,
} SluiceRemoteMode;

const char       *sluice_remote_mode_to_string   (SluiceRemoteMode  mode);
SluiceRemoteMode  sluice_remote_mode_from_string (const char       *text);

/* Auto-pause when, within window_seconds, events ≥ min_events and
 * errors/events > max_error_rate. Fields below 0 are "not given". */
typedef struct
{
  double  max_error_rate;
  gint64  window_seconds;
  gint64  min_events;
} SluiceRemoteErrorBudget;

char *sluice_remote_error_budget_format (const SluiceRemoteErrorBudget *budget);

typedef struct
{
  char       *workflow;
  gint64      number;
  char       *digest;
  char       *author;
  GDateTime  *created_at;
  char       *report_digest;  /* nullable */
  gint64      base_version;
  char       *yaml;           /* only from sluice_remote_client_get_version_async() */
  JsonObject *json;
} SluiceRemoteVersion;

typedef struct
{
  char             *name;
  gint64            latest_version;
  gint64            active_version;  /* -1: none */
  SluiceRemoteMode  mode;
  gboolean          paused;
  JsonObject       *json;
} SluiceRemoteWorkflowInfo;

typedef struct
{
  char                    *workflow;
  SluiceRemoteMode         mode;
  gint64                   version;            /* -1: none */
  double                   canary_percent;     /* 0: not a percent canary */
  char                    *canary_segment;     /* NULL: not a segment canary */
  SluiceRemoteErrorBudget  error_budget;
  gboolean                 auto_pause;
  gboolean                 paused;
  char                    *paused_reason;
  gint64                   last_good_version;  /* -1: none */
  GDateTime               *updated_at;
  char                    *updated_by;
  JsonObject              *json;
} SluiceRemoteRollout;

typedef struct
{
  char                    *workflow;
  gint64                   revision;
  gint64                   active_version;     /* -1: none */
  SluiceRemoteMode         mode;
  double                   canary_percent;
  char                    *canary_segment;
  gboolean                 paused;
  char                    *paused_reason;
  gboolean                 kill_switch;
  gint64                   events;
  gint64                   actions;
  gint64                   errors;
  double                   error_rate;
  SluiceRemoteErrorBudget  error_budget;
  GDateTime               *updated_at;
  JsonObject              *json;
} SluiceRemoteStatus;

typedef struct
{
  gboolean    engaged;
  char       *reason;
  GDateTime  *updated_at;
  char       *updated_by;
  JsonObject *json;
} SluiceRemoteKillSwitch;

typedef struct
{
  gint64      id;
  GDateTime  *time;
  char       *actor;
  char       *role;
  char       *workflow;       /* nullable: global entries */
  char       *action;         /* "version_published", "auto_paused", … */
  gint64      version;        /* -1: none */
  char       *report_digest;  /* nullable */
  JsonObject *details;        /* never NULL, maybe empty */
  JsonObject *json;
} SluiceRemoteAuditEntry;

/* What to change in a rollout (PUT …/rollout); start from _init. */
typedef struct
{
  SluiceRemoteMode         mode;
  gint64                   version;         /* 0: current, or the latest published */
  double                   canary_percent;  /* 0: not given */
  const char              *canary_segment;  /* NULL: not given */
  SluiceRemoteErrorBudget  error_budget;    /* fields < 0: not given */
  int                      auto_pause;      /* -1: not given, 0, 1 */
} SluiceRemoteRolloutChange;

void sluice_remote_rollout_change_init (SluiceRemoteRolloutChange *change,
                                        SluiceRemoteMode           mode);

#define SLUICE_REMOTE_TYPE_VERSION       (sluice_remote_version_get_type ())
#define SLUICE_REMOTE_TYPE_WORKFLOW_INFO (sluice_remote_workflow_info_get_type ())
#define SLUICE_REMOTE_TYPE_ROLLOUT       (sluice_remote_rollout_get_type ())
#define SLUICE_REMOTE_TYPE_STATUS        (sluice_remote_status_get_type ())
#define SLUICE_REMOTE_TYPE_KILL_SWITCH   (sluice_remote_kill_switch_get_type ())
#define SLUICE_REMOTE_TYPE_AUDIT_ENTRY   (sluice_remote_audit_entry_get_type ())

#define SLUICE_REMOTE_DECLARE_RECORD(TypeName, type_name)                         \
  GType       type_name##_get_type       (void) G_GNUC_CONST;                     \
  TypeName   *type_name##_new_from_json  (JsonObject *object, GError **error);    \
  TypeName   *type_name##_ref            (TypeName *self);                        \
  void        type_name##_unref          (TypeName *self);                        \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (TypeName, type_name##_unref)

SLUICE_REMOTE_DECLARE_RECORD (SluiceRemoteVersion, sluice_remote_version)
SLUICE_REMOTE_DECLARE_RECORD (SluiceRemoteWorkflowInfo, sluice_remote_workflow_info)
SLUICE_REMOTE_DECLARE_RECORD (SluiceRemoteRollout, sluice_remote_rollout)
SLUICE_REMOTE_DECLARE_RECORD (SluiceRemoteStatus, sluice_remote_status)
SLUICE_REMOTE_DECLARE_RECORD (SluiceRemoteKillSwitch, sluice_remote_kill_switch)
SLUICE_REMOTE_DECLARE_RECORD (SluiceRemoteAuditEntry, sluice_remote_audit_entry)

G_END_DECLS
