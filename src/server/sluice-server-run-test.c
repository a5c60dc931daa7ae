/* sluice-server-run-test.c — a server-side dry run of a version over given events
 *
 * The events go into an event store in memory and through the same
 * simulator as `sluice-cli simulate`, so the answer is what the author
 * saw on their workstation. Nothing is sent: the simulator cannot.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-server-error.h"
#include "sluice-server-run-test.h"
#include "sluice-server-versions.h"
#include "sluice-simulator.h"

static SluiceWorkflow *
load_version (SluiceServerStore  *store,
              const char         *workflow,
              gint64              number,
              GError            **error)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autofree char *yaml = sluice_server_versions_get_yaml (store, workflow, number, error);
  SluiceWorkflow *loaded;

  if (yaml == NULL)
    return NULL;
  loaded = sluice_workflow_load_from_data (yaml, strlen (yaml), diagnostics);
  if (loaded == NULL)
    g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INTERNAL,
                 _("The stored version %" PRId64 " of “%s” no longer loads"), number, workflow);
  return loaded;
}

static JsonArray *
rejections_to_json (SluiceImportReport *report)
{
  JsonArray *rejected = json_array_new ();

  for (guint i = 0; report->rejections != NULL && i < report->rejections->len; i++)
    {
      SluiceImportRejection *rejection = g_ptr_array_index (report->rejections, i);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "line", rejection->line);
      json_object_set_string_member (object, "reason", rejection->reason);
      json_array_add_object_element (rejected, object);
    }
  return rejected;
}

/* The would-be actions of one entity, from its shadow log. */
static gboolean
add_entity_actions (SluiceSimulator    *simulator,
                    SluiceWorkflow     *workflow,
                    const SluiceScope  *scope,
                    const char         *entity,
                    JsonArray          *actions,
                    GError            **error)
{
  g_autoptr(JsonNode) log = sluice_simulator_shadow_log (simulator, workflow, scope, entity, G_MAXUINT, NULL, error);
  JsonArray *entries;

  if (log == NULL)
    return FALSE;
  entries = json_node_get_array (log);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonArray *shadow = json_object_get_array_member (json_array_get_object_element (entries, i), "actions");

      for (guint j = 0; shadow != NULL && j < json_array_get_length (shadow); j++)
        {
          JsonObject *source = json_array_get_object_element (shadow, j);
          JsonObject *action = json_object_new ();

          if (json_array_get_length (actions) >= SLUICE_SERVER_RUN_TEST_MAX_ACTIONS)
            {
              json_object_unref (action);
              return TRUE;
            }
          json_object_set_string_member (action, "step", json_object_get_string_member (source, "step"));
          json_object_set_string_member (action, "entity", entity);
          json_object_set_string_member (action, "time", json_object_get_string_member (source, "time"));
          json_object_set_string_member (action, "type", json_object_get_string_member (source, "type"));
          json_object_set_member (action, "rendered", json_node_copy (json_object_get_member (source, "fields")));
          json_array_add_object_element (actions, action);
        }
    }
  return TRUE;
}

static void
add_log (JsonArray *logs,
         char      *line)
{
  json_array_add_string_element (logs, line);
  g_free (line);
}

static gboolean
record_test_run (SluiceServerStore        *store,
                 const SluiceServerActor  *actor,
                 const char               *workflow,
                 gint64                    number,
                 SluiceSimResult          *result,
                 GError                  **error)
{
  g_autoptr(JsonObject) details = json_object_new ();

  json_object_set_int_member (details, "events", result->events_scanned);
  json_object_set_int_member (details, "events_matched", result->events_matched);
  json_object_set_int_member (details, "entities_matched", result->entities_matched);
  json_object_set_int_member (details, "actions", result->actions_total);

  if (!sluice_server_store_begin (store, error))
    return FALSE;
  if (!sluice_server_store_add_audit (store, actor, workflow, "test_run", number, NULL, details, error)
      || !sluice_server_store_commit (store, error))
    {
      sluice_server_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * sluice_server_run_test:
 * @events: JSON Lines, a JSON array or a CloudEvents batch
 *
 * Returns: (transfer full): {events, candidates, actions, logs, rejected},
 *   or %NULL with @error set
 */
JsonObject *
sluice_server_run_test (SluiceServerStore        *store,
                        const SluiceServerActor  *actor,
                        const char               *workflow,
                        gint64                    number,
                        GBytes                   *events,
                        GError                  **error)
{
  g_autoptr(SluiceWorkflow) loaded = NULL;
  g_autoptr(SluiceEventStore) event_store = NULL;
  g_autoptr(SluiceSimulator) simulator = NULL;
  g_autoptr(SluiceImportReport) report = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonArray) candidates = json_array_new ();
  g_autoptr(JsonArray) actions = json_array_new ();
  g_autoptr(JsonArray) logs = json_array_new ();
  JsonObject *answer;

  loaded = load_version (store, workflow, number, error);
  if (loaded == NULL)
    return NULL;

  event_store = sluice_event_store_open (":memory:", error);
  if (event_store == NULL)
    return NULL;
  input = g_memory_input_stream_new_from_bytes (events);
  report = sluice_event_store_import (event_store, input, "run-test", g_bytes_get_size (events),
                                      SLUICE_EVENT_FORMAT_AUTO, NULL, NULL, NULL, NULL, &local_error);
  if (report == NULL)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("The events cannot be read: %s"), local_error->message);
      return NULL;
    }

  simulator = sluice_simulator_new (event_store);
  result = sluice_simulator_run (simulator, loaded, scope, NULL, &local_error);
  if (result == NULL)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                   _("The dry run failed: %s"), local_error->message);
      return NULL;
    }

  for (guint i = 0; i < result->entities->len; i++)
    {
      const SluiceEntityStat *stat = &g_array_index (result->entities, SluiceEntityStat, i);

      json_array_add_string_element (candidates, stat->entity);
      if (stat->actions > 0 && json_array_get_length (actions) < SLUICE_SERVER_RUN_TEST_MAX_ACTIONS
          && !add_entity_actions (simulator, loaded, scope, stat->entity, actions, error))
        return NULL;
    }

  add_log (logs, g_strdup_printf (_("read %" PRIu64 " events, %" PRIu64
                                                          " rejected, %" PRIu64 " duplicates"),
                                                        report->events_read, report->rejected, report->duplicates));
  add_log (logs, g_strdup_printf (_("%" PRIu64 " events matched the trigger, "
                                                          "%" PRIu64 " entities, %" PRIu64
                                                          " would-be actions"),
                                                        result->events_matched, result->entities_matched,
                                                        result->actions_total));
  if (result->actions_total > SLUICE_SERVER_RUN_TEST_MAX_ACTIONS)
    add_log (logs, g_strdup_printf (_("only the first %d actions are listed"),
                                                          SLUICE_SERVER_RUN_TEST_MAX_ACTIONS));

  if (!record_test_run (store, actor, workflow, number, result, error))
    return NULL;

  answer = json_object_new ();
  json_object_set_int_member (answer, "events", report->events_added + report->duplicates);
  json_object_set_array_member (answer, "candidates", g_steal_pointer (&candidates));
  json_object_set_array_member (answer, "actions", g_steal_pointer (&actions));
  json_object_set_array_member (answer, "logs", g_steal_pointer (&logs));
  json_object_set_array_member (answer, "rejected", rejections_to_json (report));
  return answer;
}
