/* sluice-server-replay.c — sluice-server replay: historical events as live traffic
 *
 * For demos: the events of a dataset are replayed in time order (sped up)
 * through the workflow's current rollout — shadow and full see every
 * entity, a canary only its members (sluice_canary_contains, or the
 * segment) — and what the simulator says each event would do is recorded
 * as runtime counters, with errors injected at a chosen rate. The replay
 * writes to the server's database directly (SQLite WAL lets it share the
 * file with a running server, whose long polls notice), so the status
 * moves and auto-pause fires exactly as for a real executor.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "sluice-canary.h"
#include "sluice-server-commands.h"
#include "sluice-server-rollout-private.h"
#include "sluice-server-versions.h"
#include "sluice-simulator.h"
#include "sluice-time.h"

#define BATCH_MS 250

/* One event the workflow acts on: when, for whom, how many actions. */
typedef struct
{
  gint64  time_ms;
  char   *entity;
  guint   actions;
} ReplayEvent;

typedef struct
{
  SluiceServerStore *store;
  SluiceEventStore  *events;
  SluiceSimulator   *simulator;
  char              *workflow;
  gint64             version;      /* the version the plan is for */
  GArray            *plan;         /* ReplayEvent, by time */
  GStrv              segment;      /* members of the canary segment, or NULL */
  char              *segment_name;
} Replay;

static void
replay_event_clear (gpointer data)
{
  g_free (((ReplayEvent *) data)->entity);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const ReplayEvent *x = a, *y = b;

  return (x->time_ms > y->time_ms) - (x->time_ms < y->time_ms);
}

/* What the version does to each event, from the simulator's shadow log
 * of every entity it matches. */
static gboolean
replay_make_plan (Replay   *replay,
                  gint64    version,
                  GError  **error)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(SluiceScope) scope = sluice_scope_new ();
  g_autofree char *yaml = sluice_server_versions_get_yaml (replay->store, replay->workflow, version, error);

  if (yaml == NULL)
    return FALSE;
  workflow = sluice_workflow_load_from_data (yaml, strlen (yaml), diagnostics);
  if (workflow == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Version %" PRId64 " does not load"), version);
      return FALSE;
    }
  result = sluice_simulator_run (replay->simulator, workflow, scope, NULL, error);
  if (result == NULL)
    return FALSE;

  g_clear_pointer (&replay->plan, g_array_unref);
  replay->plan = g_array_new (FALSE, TRUE, sizeof (ReplayEvent));
  g_array_set_clear_func (replay->plan, replay_event_clear);
  for (guint i = 0; i < result->entities->len; i++)
    {
      const char *entity = g_array_index (result->entities, SluiceEntityStat, i).entity;
      g_autoptr(JsonNode) log = sluice_simulator_shadow_log (replay->simulator, workflow, scope, entity,
                                                             G_MAXUINT, NULL, error);
      JsonArray *entries;

      if (log == NULL)
        return FALSE;
      entries = json_node_get_array (log);
      for (guint j = 0; j < json_array_get_length (entries); j++)
        {
          JsonObject *entry = json_array_get_object_element (entries, j);
          const char *fate = json_object_get_string_member (entry, "fate");
          const char *time = json_object_get_string_member (json_object_get_object_member (entry, "event"), "time");
          ReplayEvent event = { 0 };

          if (g_strcmp0 (fate, "run") != 0 && g_strcmp0 (fate, "cooldown") != 0)
            continue;
          if (time == NULL || !sluice_time_parse_rfc3339 (time, strlen (time), &event.time_ms))
            continue;
          event.entity = g_strdup (entity);
          event.actions = json_array_get_length (json_object_get_array_member (entry, "actions"));
          g_array_append_val (replay->plan, event);
        }
    }
  g_array_sort (replay->plan, compare_events);
  replay->version = version;
  return TRUE;
}

static gboolean
in_rollout (Replay                    *replay,
            const SluiceServerRollout *rollout,
            const char                *entity)
{
  switch (rollout->mode)
    {
    case SLUICE_SERVER_MODE_SHADOW:
    case SLUICE_SERVER_MODE_FULL:
      return TRUE;
    case SLUICE_SERVER_MODE_CANARY:
      if (rollout->canary_segment != NULL)
        {
          if (g_strcmp0 (replay->segment_name, rollout->canary_segment) != 0)
            {
              g_clear_pointer (&replay->segment, g_strfreev);
              g_free (replay->segment_name);
              replay->segment_name = g_strdup (rollout->canary_segment);
              replay->segment = sluice_event_store_get_segment (replay->events, rollout->canary_segment, NULL);
            }
          return replay->segment != NULL && g_strv_contains ((const char * const *) replay->segment, entity);
        }
      return sluice_canary_contains (replay->workflow, entity, rollout->canary_percent);
    case SLUICE_SERVER_MODE_DISABLED:
    default:
      return FALSE;
    }
}

static SluiceEventStore *
open_events (const char  *dataset,
             const char  *events_file,
             GError     **error)
{
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(SluiceImportReport) report = NULL;
  g_autoptr(GFile) file = NULL;

  if (dataset != NULL)
    return sluice_event_store_open (dataset, error);

  store = sluice_event_store_open (":memory:", error);
  if (store == NULL)
    return NULL;
  file = g_file_new_for_commandline_arg (events_file);
  report = sluice_event_store_import_file (store, file, SLUICE_EVENT_FORMAT_AUTO, NULL, NULL, NULL, NULL, error);
  if (report == NULL)
    return NULL;
  return g_steal_pointer (&store);
}

static gboolean stop_requested;

static gboolean
stop_cb (gpointer user_data)
{
  stop_requested = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
replay_clear (Replay *replay)
{
  g_clear_object (&replay->store);
  g_clear_object (&replay->simulator);
  g_clear_object (&replay->events);
  g_clear_pointer (&replay->plan, g_array_unref);
  g_clear_pointer (&replay->segment, g_strfreev);
  g_clear_pointer (&replay->segment_name, g_free);
  g_clear_pointer (&replay->workflow, g_free);
}

/* Replays @replay->plan; returns the exit status. */
static int
replay_run (Replay *replay,
            double  speed,
            double  error_rate,
            guint32 seed)
{
  static const SluiceServerActor actor = { "replay", SLUICE_SERVER_ROLE_PUBLISHER };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 start_wall = g_get_monotonic_time () / 1000;
  gint64 start_event, skipped = 0;
  gboolean was_paused = FALSE;
  guint i = 0;

  if (replay->plan->len == 0)
    {
      g_printerr (_("sluice-server replay: the workflow acts on none of these events\n"));
      return SLUICE_SERVER_EXIT_OK;
    }
  start_event = g_array_index (replay->plan, ReplayEvent, 0).time_ms;

  while (i < replay->plan->len && !stop_requested)
    {
      g_auto(SluiceServerRollout) rollout = { 0 };
      g_autoptr(GError) error = NULL;
      SluiceServerCounters counters = { 0 };
      gint64 wall = g_get_monotonic_time () / 1000 - start_wall;
      gint64 until = start_event + (gint64) ((wall + BATCH_MS) * speed);

      if (!sluice_server_rollout_load (replay->store, replay->workflow, &rollout, &error))
        {
          g_printerr ("sluice-server replay: %s\n", error->message);
          return SLUICE_SERVER_EXIT_FAILED;
        }
      /* a rollback (or a new version) changes what each event does */
      if (rollout.version != 0 && rollout.version != replay->version)
        {
          gint64 now_event = g_array_index (replay->plan, ReplayEvent, i).time_ms;

          printf (_("version %" PRId64 " is rolled out now; replaying it\n"), rollout.version);
          if (!replay_make_plan (replay, rollout.version, &error))
            {
              g_printerr ("sluice-server replay: %s\n", error->message);
              return SLUICE_SERVER_EXIT_FAILED;
            }
          for (i = 0; i < replay->plan->len && g_array_index (replay->plan, ReplayEvent, i).time_ms < now_event; i++)
            ;
          continue;
        }

      for (; i < replay->plan->len && g_array_index (replay->plan, ReplayEvent, i).time_ms < until; i++)
        {
          const ReplayEvent *event = &g_array_index (replay->plan, ReplayEvent, i);

          /* a paused or killed workflow does not run */
          if (rollout.paused || !in_rollout (replay, &rollout, event->entity))
            {
              skipped += rollout.paused;
              continue;
            }
          counters.events++;
          counters.actions += event->actions;
          if (g_rand_double (rand) < error_rate)
            counters.errors++;
        }

      if (rollout.paused && !was_paused)
        printf (_("paused: %s\n"), rollout.paused_reason ? rollout.paused_reason : "");
      was_paused = rollout.paused;

      if (counters.events > 0)
        {
          g_autofree char *when = sluice_time_format (until);

          if (!sluice_server_runtime_record (replay->store, &actor, replay->workflow, &counters, &error))
            {
              g_printerr ("sluice-server replay: %s\n", error->message);
              return SLUICE_SERVER_EXIT_FAILED;
            }
          printf (_("%s  v%" PRId64 " %s  +%" PRId64 " events  +%" PRId64
                    " actions  +%" PRId64 " errors\n"),
                  when, rollout.version, sluice_server_mode_to_string (rollout.mode),
                  counters.events, counters.actions, counters.errors);
          fflush (stdout);
        }
      g_usleep (BATCH_MS * 1000);
      /* dispatches the SIGINT/SIGTERM sources */
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  printf (_("replay done: %u events, %" PRId64 " skipped while paused\n"), i, skipped);
  return SLUICE_SERVER_EXIT_OK;
}

int
sluice_server_command_replay (int    argc,
                              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SluiceServerRollout) rollout = { 0 };
  g_autofree char *data_dir = NULL;
  g_autofree char *workflow = NULL;
  g_autofree char *events_file = NULL;
  g_autofree char *dataset = NULL;
  double speed = 3600, error_rate = 0;
  int seed = 1, status;
  guint sigterm, sigint;
  Replay replay = { 0 };
  const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("The server’s folder (the server may be running)"), N_("DIR") },
    { "workflow", 'w', 0, G_OPTION_ARG_STRING, &workflow,
      N_("The workflow whose rollout the events go through"), N_("NAME") },
    { "events", 'e', 0, G_OPTION_ARG_FILENAME, &events_file,
      N_("Events to replay (JSON Lines, JSON, CloudEvents)"), N_("FILE") },
    { "dataset", 0, 0, G_OPTION_ARG_FILENAME, &dataset,
      N_("Or a dataset made with sluice-cli import"), N_("DB") },
    { "speed", 's', 0, G_OPTION_ARG_DOUBLE, &speed,
      N_("Event-time seconds per real second (default 3600: an hour a second)"), N_("X") },
    { "error-rate", 0, 0, G_OPTION_ARG_DOUBLE, &error_rate,
      N_("Fraction of events that fail, 0 to 1 (default 0)"), N_("R") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
      N_("Seed of the injected errors: the same seed fails the same events (default 1)"), N_("S") },
    { NULL }
  };

  context = g_option_context_new (_("— replay events through a workflow’s rollout, for demos"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Replays the events in time order, sped up, through the rollout of the workflow\n"
      "as it is now and as it changes: shadow and full see every entity, a canary only\n"
      "its members. The simulator decides which events the rolled-out version acts\n"
      "on and with how many actions; errors are injected at --error-rate. Counters go\n"
      "straight into DIR/sluice-server.db, in-process, as a “replay” publisher: a\n"
      "running sluice-server on the same DIR shows them in its status and long polls,\n"
      "and its error budget auto-pauses the workflow. Nothing is sent anywhere.\n"
      "Paused workflows do not run; after a rollback the new version is replayed."));

  if (!sluice_server_parse_options (context, &argc, &argv))
    return SLUICE_SERVER_EXIT_USAGE;
  if (data_dir == NULL || workflow == NULL || (events_file == NULL) == (dataset == NULL))
    {
      g_printerr (_("sluice-server replay: give --data-dir, --workflow and one of --events or --dataset\n"));
      return SLUICE_SERVER_EXIT_USAGE;
    }
  if (!(speed > 0) || !isfinite (speed) || !(error_rate >= 0 && error_rate <= 1))
    {
      g_printerr (_("sluice-server replay: --speed must be more than 0 and --error-rate between 0 and 1\n"));
      return SLUICE_SERVER_EXIT_USAGE;
    }

  replay.workflow = g_strdup (workflow);
  replay.store = sluice_server_store_open (data_dir, &error);
  if (replay.store == NULL
      || !sluice_server_rollout_load (replay.store, workflow, &rollout, &error)
      || (replay.events = open_events (dataset, events_file, &error)) == NULL)
    {
      g_printerr ("sluice-server replay: %s\n", error->message);
      replay_clear (&replay);
      return SLUICE_SERVER_EXIT_FAILED;
    }
  if (rollout.version == 0)
    {
      g_printerr (_("sluice-server replay: “%s” has no version rolled out; set its rollout first\n"), workflow);
      replay_clear (&replay);
      return SLUICE_SERVER_EXIT_FAILED;
    }

  replay.simulator = sluice_simulator_new (replay.events);
  if (!replay_make_plan (&replay, rollout.version, &error))
    {
      g_printerr ("sluice-server replay: %s\n", error->message);
      replay_clear (&replay);
      return SLUICE_SERVER_EXIT_FAILED;
    }

  sigterm = g_unix_signal_add (SIGTERM, stop_cb, NULL);
  sigint = g_unix_signal_add (SIGINT, stop_cb, NULL);
  status = replay_run (&replay, speed, error_rate, (guint32) seed);
  g_source_remove (sigterm);
  g_source_remove (sigint);

  replay_clear (&replay);
  return status;
}
