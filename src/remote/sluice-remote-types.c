/* sluice-remote-types.c — reading the control plane's JSON into records
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-remote-error.h"
#include "sluice-remote-types.h"

static const char * const mode_names[] = { "unknown", "disabled", "shadow", "canary", "full" };

const char *
sluice_remote_mode_to_string (SluiceRemoteMode mode)
{
  if ((guint) mode >= G_N_ELEMENTS (mode_names))
    mode = SLUICE_REMOTE_MODE_UNKNOWN;
  return mode_names[mode];
}

SluiceRemoteMode
sluice_remote_mode_from_string (const char *text)
{
  for (guint i = 1; text != NULL && i < G_N_ELEMENTS (mode_names); i++)
    if (g_str_equal (text, mode_names[i]))
      return (SluiceRemoteMode) i;
  return SLUICE_REMOTE_MODE_UNKNOWN;
}

/* "2%/5m, at least 20 events" */
char *
sluice_remote_error_budget_format (const SluiceRemoteErrorBudget *budget)
{
  char rate[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (budget != NULL, NULL);

  if (budget->max_error_rate < 0)
    return g_strdup (_("none"));
  g_ascii_formatd (rate, sizeof rate, "%.4g", budget->max_error_rate * 100.0);
  return g_strdup_printf (_("%s%% errors over %" PRId64 " s, once there are %" PRId64 " events"),
                          rate, budget->window_seconds, budget->min_events);
}

void
sluice_remote_rollout_change_init (SluiceRemoteRolloutChange *change,
                                   SluiceRemoteMode           mode)
{
  g_return_if_fail (change != NULL);

  *change = (SluiceRemoteRolloutChange) {
    .mode = mode,
    .error_budget = { -1, -1, -1 },
    .auto_pause = -1,
  };
}

/* Lenient readers: a wrong type counts as absent. */

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static char *
dup_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gboolean
read_int (JsonObject *object,
          const char *name,
          gint64     *value)
{
  JsonNode *node = member (object, name);
  GType type = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = (gint64) json_node_get_double (node);
  else if (type == G_TYPE_STRING)
    return g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64, value, NULL);
  else
    return FALSE;
  return TRUE;
}

static gint64
get_int (JsonObject *object,
         const char *name,
         gint64      fallback)
{
  gint64 value;

  return read_int (object, name, &value) ? value : fallback;
}

static double
get_double (JsonObject *object,
            const char *name,
            double      fallback)
{
  JsonNode *node = member (object, name);
  GType type = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  return fallback;
}

static gboolean
get_bool (JsonObject *object,
          const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static GDateTime *
get_time (JsonObject *object,
          const char *name)
{
  g_autofree char *text = dup_string (object, name);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return text ? g_date_time_new_from_iso8601 (text, utc) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
read_canary (JsonObject  *object,
             double      *percent,
             char       **segment)
{
  JsonObject *canary = get_object (object, "canary");

  *percent = canary ? get_double (canary, "percent", 0) : 0;
  *segment = canary ? dup_string (canary, "segment") : NULL;
}

static void
read_error_budget (JsonObject              *object,
                   SluiceRemoteErrorBudget *budget)
{
  JsonObject *found = get_object (object, "error_budget");

  budget->max_error_rate = found ? get_double (found, "max_error_rate", -1) : -1;
  budget->window_seconds = found ? get_int (found, "window_seconds", -1) : -1;
  budget->min_events = found ? get_int (found, "min_events", -1) : -1;
}

static gboolean
require (JsonObject  *object,
         const char  *name,
         GError     **error)
{
  if (member (object, name) != NULL)
    return TRUE;
  g_set_error (error, SLUICE_REMOTE_ERROR, SLUICE_REMOTE_ERROR_PROTOCOL,
               _("The server’s answer has no “%s”. Is it a Sluice control plane of a matching version?"),
               name);
  return FALSE;
}

/* ref/unref/GType for a record held in a GRcBox, cleared by type_name##_clear */
#define SLUICE_REMOTE_DEFINE_RECORD(TypeName, type_name)                            \
  TypeName *                                                                        \
  type_name##_ref (TypeName *self)                                                  \
  {                                                                                 \
    g_return_val_if_fail (self != NULL, NULL);                                      \
    return g_rc_box_acquire (self);                                                 \
  }                                                                                 \
  void                                                                              \
  type_name##_unref (TypeName *self)                                                \
  {                                                                                 \
    g_return_if_fail (self != NULL);                                                \
    g_rc_box_release_full (self, (GDestroyNotify) type_name##_clear);               \
  }                                                                                 \
  G_DEFINE_BOXED_TYPE (TypeName, type_name, type_name##_ref, type_name##_unref)

/* Version */

static void
sluice_remote_version_clear (SluiceRemoteVersion *self)
{
  g_free (self->workflow);
  g_free (self->digest);
  g_free (self->author);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_free (self->report_digest);
  g_free (self->yaml);
  g_clear_pointer (&self->json, json_object_unref);
}

SLUICE_REMOTE_DEFINE_RECORD (SluiceRemoteVersion, sluice_remote_version)

SluiceRemoteVersion *
sluice_remote_version_new_from_json (JsonObject  *object,
                                     GError     **error)
{
  SluiceRemoteVersion *self;

  if (!require (object, "number", error))
    return NULL;

  self = g_rc_box_new0 (SluiceRemoteVersion);
  self->json = json_object_ref (object);
  self->workflow = dup_string (object, "workflow");
  self->number = get_int (object, "number", 0);
  self->digest = dup_string (object, "digest");
  self->author = dup_string (object, "author");
  self->created_at = get_time (object, "created_at");
  self->report_digest = dup_string (object, "report_digest");
  self->base_version = get_int (object, "base_version", 0);
  self->yaml = dup_string (object, "yaml");
  return self;
}

/* Workflow info */

static void
sluice_remote_workflow_info_clear (SluiceRemoteWorkflowInfo *self)
{
  g_free (self->name);
  g_clear_pointer (&self->json, json_object_unref);
}

SLUICE_REMOTE_DEFINE_RECORD (SluiceRemoteWorkflowInfo, sluice_remote_workflow_info)

SluiceRemoteWorkflowInfo *
sluice_remote_workflow_info_new_from_json (JsonObject  *object,
                                           GError     **error)
{
  SluiceRemoteWorkflowInfo *self;
  g_autofree char *mode = NULL;

  if (!require (object, "name", error))
    return NULL;

  self = g_rc_box_new0 (SluiceRemoteWorkflowInfo);
  self->json = json_object_ref (object);
  self->name = dup_string (object, "name");
  self->latest_version = get_int (object, "latest_version", 0);
  self->active_version = get_int (object, "active_version", -1);
  mode = dup_string (object, "mode");
  self->mode = sluice_remote_mode_from_string (mode);
  self->paused = get_bool (object, "paused");
  return self;
}

/* Rollout */

static void
sluice_remote_rollout_clear (SluiceRemoteRollout *self)
{
  g_free (self->workflow);
  g_free (self->canary_segment);
  g_free (self->paused_reason);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_free (self->updated_by);
  g_clear_pointer (&self->json, json_object_unref);
}

SLUICE_REMOTE_DEFINE_RECORD (SluiceRemoteRollout, sluice_remote_rollout)

SluiceRemoteRollout *
sluice_remote_rollout_new_from_json (JsonObject  *object,
                                     GError     **error)
{
  SluiceRemoteRollout *self;
  g_autofree char *mode = NULL;

  if (!require (object, "mode", error))
    return NULL;

  self = g_rc_box_new0 (SluiceRemoteRollout);
  self->json = json_object_ref (object);
  self->workflow = dup_string (object, "workflow");
  mode = dup_string (object, "mode");
  self->mode = sluice_remote_mode_from_string (mode);
  self->version = get_int (object, "version", -1);
  read_canary (object, &self->canary_percent, &self->canary_segment);
  read_error_budget (object, &self->error_budget);
  self->auto_pause = get_bool (object, "auto_pause");
  self->paused = get_bool (object, "paused");
  self->paused_reason = dup_string (object, "paused_reason");
  self->last_good_version = get_int (object, "last_good_version", -1);
  self->updated_at = get_time (object, "updated_at");
  self->updated_by = dup_string (object, "updated_by");
  return self;
}

/* Status */

static void
sluice_remote_status_clear (SluiceRemoteStatus *self)
{
  g_free (self->workflow);
  g_free (self->canary_segment);
  g_free (self->paused_reason);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->json, json_object_unref);
}

SLUICE_REMOTE_DEFINE_RECORD (SluiceRemoteStatus, sluice_remote_status)

SluiceRemoteStatus *
sluice_remote_status_new_from_json (JsonObject  *object,
                                    GError     **error)
{
  SluiceRemoteStatus *self;
  g_autofree char *mode = NULL;
  JsonObject *counters;

  if (!require (object, "revision", error))
    return NULL;

  self = g_rc_box_new0 (SluiceRemoteStatus);
  self->json = json_object_ref (object);
  self->workflow = dup_string (object, "workflow");
  self->revision = get_int (object, "revision", 0);
  self->active_version = get_int (object, "active_version", -1);
  mode = dup_string (object, "mode");
  self->mode = sluice_remote_mode_from_string (mode);
  read_canary (object, &self->canary_percent, &self->canary_segment);
  self->paused = get_bool (object, "paused");
  self->paused_reason = dup_string (object, "paused_reason");
  self->kill_switch = get_bool (object, "kill_switch");
  counters = get_object (object, "counters");
  if (counters != NULL)
    {
      self->events = get_int (counters, "events", 0);
      self->actions = get_int (counters, "actions", 0);
      self->errors = get_int (counters, "errors", 0);
    }
  self->error_rate = get_double (object, "error_rate", 0);
  read_error_budget (object, &self->error_budget);
  self->updated_at = get_time (object, "updated_at");
  return self;
}

/* Kill switch */

static void
sluice_remote_kill_switch_clear (SluiceRemoteKillSwitch *self)
{
  g_free (self->reason);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_free (self->updated_by);
  g_clear_pointer (&self->json, json_object_unref);
}

SLUICE_REMOTE_DEFINE_RECORD (SluiceRemoteKillSwitch, sluice_remote_kill_switch)

SluiceRemoteKillSwitch *
sluice_remote_kill_switch_new_from_json (JsonObject  *object,
                                         GError     **error)
{
  SluiceRemoteKillSwitch *self;

  if (!require (object, "engaged", error))
    return NULL;

  self = g_rc_box_new0 (SluiceRemoteKillSwitch);
  self->json = json_object_ref (object);
  self->engaged = get_bool (object, "engaged");
  self->reason = dup_string (object, "reason");
  self->updated_at = get_time (object, "updated_at");
  self->updated_by = dup_string (object, "updated_by");
  return self;
}

/* Audit entry */

static void
sluice_remote_audit_entry_clear (SluiceRemoteAuditEntry *self)
{
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->actor);
  g_free (self->role);
  g_free (self->workflow);
  g_free (self->action);
  g_free (self->report_digest);
  g_clear_pointer (&self->details, json_object_unref);
  g_clear_pointer (&self->json, json_object_unref);
}

SLUICE_REMOTE_DEFINE_RECORD (SluiceRemoteAuditEntry, sluice_remote_audit_entry)

SluiceRemoteAuditEntry *
sluice_remote_audit_entry_new_from_json (JsonObject  *object,
                                         GError     **error)
{
  SluiceRemoteAuditEntry *self;
  JsonObject *details;

  if (!require (object, "action", error))
    return NULL;

  self = g_rc_box_new0 (SluiceRemoteAuditEntry);
  self->json = json_object_ref (object);
  self->id = get_int (object, "id", 0);
  self->time = get_time (object, "time");
  self->actor = dup_string (object, "actor");
  self->role = dup_string (object, "role");
  self->workflow = dup_string (object, "workflow");
  self->action = dup_string (object, "action");
  self->version = get_int (object, "version", -1);
  self->report_digest = dup_string (object, "report_digest");
  details = get_object (object, "details");
  self->details = details ? json_object_ref (details) : json_object_new ();
  return self;
}
