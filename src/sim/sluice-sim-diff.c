/* sluice-sim-diff.c
 *
 * An entity "qualifies" under a version when that version would take at
 * least one action on it. The diff says which entities newly qualify, which
 * drop out and which stay, and how each step's actions change, so an author
 * moving a window from T–30 to T–45 sees exactly who is new.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-sim-diff.h"

static void
action_delta_free (SluiceActionDelta *delta)
{
  g_free (delta->step_id);
  g_free (delta);
}

static GHashTable *
qualifying (SluiceSimResult *result)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < result->entities->len; i++)
    {
      SluiceEntityStat *stat = &g_array_index (result->entities, SluiceEntityStat, i);

      if (stat->actions > 0)
        g_hash_table_insert (set, (gpointer) stat->entity, stat);
    }
  return set;
}

static SluiceActionDelta *
find_delta (GPtrArray  *deltas,
            const char *step_id)
{
  for (guint i = 0; i < deltas->len; i++)
    {
      SluiceActionDelta *delta = g_ptr_array_index (deltas, i);
      if (g_strcmp0 (delta->step_id, step_id) == 0)
        return delta;
    }
  return NULL;
}

static void
add_deltas (GPtrArray       *deltas,
            SluiceSimResult *result,
            gboolean         after)
{
  for (guint i = 0; i < result->steps->len; i++)
    {
      SluiceStepOutcome *step = g_ptr_array_index (result->steps, i);
      SluiceActionDelta *delta;

      if (g_strcmp0 (step->step_type, "event") == 0 || g_strcmp0 (step->step_type, "schedule") == 0)
        continue;

      delta = find_delta (deltas, step->step_id);
      if (delta == NULL)
        {
          delta = g_new0 (SluiceActionDelta, 1);
          delta->step_id = g_strdup (step->step_id);
          g_ptr_array_add (deltas, delta);
        }
      if (after)
        delta->after = step->actions;
      else
        delta->before = step->actions;
    }
}

/**
 * sluice_sim_diff_new:
 * @before: a run of the old version
 * @after: a run of the new version over the same scope
 *
 * Entity lists keep the order of their result: most actions first.
 */
SluiceSimDiff *
sluice_sim_diff_new (SluiceSimResult *before,
                     SluiceSimResult *after)
{
  SluiceSimDiff *diff = g_new0 (SluiceSimDiff, 1);
  g_autoptr(GHashTable) in_before = qualifying (before);
  g_autoptr(GHashTable) in_after = qualifying (after);

  diff->before = sluice_sim_result_ref (before);
  diff->after = sluice_sim_result_ref (after);
  diff->added = g_ptr_array_new ();
  diff->removed = g_ptr_array_new ();
  diff->unchanged = g_ptr_array_new ();
  diff->deltas = g_ptr_array_new_with_free_func ((GDestroyNotify) action_delta_free);

  for (guint i = 0; i < after->entities->len; i++)
    {
      SluiceEntityStat *stat = &g_array_index (after->entities, SluiceEntityStat, i);

      if (stat->actions == 0)
        continue;
      g_ptr_array_add (g_hash_table_contains (in_before, stat->entity) ? diff->unchanged : diff->added, stat);
    }

  for (guint i = 0; i < before->entities->len; i++)
    {
      SluiceEntityStat *stat = &g_array_index (before->entities, SluiceEntityStat, i);

      if (stat->actions > 0 && !g_hash_table_contains (in_after, stat->entity))
        g_ptr_array_add (diff->removed, stat);
    }

  add_deltas (diff->deltas, before, FALSE);
  add_deltas (diff->deltas, after, TRUE);

  return diff;
}

void
sluice_sim_diff_free (SluiceSimDiff *diff)
{
  if (diff == NULL)
    return;

  sluice_sim_result_unref (diff->before);
  sluice_sim_result_unref (diff->after);
  g_ptr_array_unref (diff->added);
  g_ptr_array_unref (diff->removed);
  g_ptr_array_unref (diff->unchanged);
  g_ptr_array_unref (diff->deltas);
  g_free (diff);
}

static void
add_entity_list (JsonBuilder *builder,
                 const char  *name,
                 GPtrArray   *entities,
                 guint        max)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (max, entities->len); i++)
    {
      SluiceEntityStat *stat = g_ptr_array_index (entities, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "entity");
      json_builder_add_string_value (builder, stat->entity);
      json_builder_set_member_name (builder, "tenant");
      if (stat->tenant)
        json_builder_add_string_value (builder, stat->tenant);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "actions");
      json_builder_add_int_value (builder, stat->actions);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * sluice_sim_diff_to_json:
 * @max_entities: the longest entity list to write
 *
 * Keys: added_entities, removed_entities, unchanged_entities (counts),
 * added, removed, unchanged (lists), actions_delta, before, after.
 */
JsonNode *
sluice_sim_diff_to_json (SluiceSimDiff *diff,
                         guint          max_entities)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  SluiceSimResult *results[] = { diff->before, diff->after };
  const char *names[] = { "before", "after" };

  json_builder_begin_object (builder);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      json_builder_set_member_name (builder, names[i]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "workflow_digest");
      json_builder_add_string_value (builder, results[i]->workflow_digest);
      json_builder_set_member_name (builder, "events_matched");
      json_builder_add_int_value (builder, results[i]->events_matched);
      json_builder_set_member_name (builder, "entities_matched");
      json_builder_add_int_value (builder, results[i]->entities_matched);
      json_builder_set_member_name (builder, "actions_total");
      json_builder_add_int_value (builder, results[i]->actions_total);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "added_entities");
  json_builder_add_int_value (builder, diff->added->len);
  json_builder_set_member_name (builder, "removed_entities");
  json_builder_add_int_value (builder, diff->removed->len);
  json_builder_set_member_name (builder, "unchanged_entities");
  json_builder_add_int_value (builder, diff->unchanged->len);

  add_entity_list (builder, "added", diff->added, max_entities);
  add_entity_list (builder, "removed", diff->removed, max_entities);
  add_entity_list (builder, "unchanged", diff->unchanged, max_entities);

  json_builder_set_member_name (builder, "actions_delta");
  json_builder_begin_object (builder);
  for (guint i = 0; i < diff->deltas->len; i++)
    {
      SluiceActionDelta *delta = g_ptr_array_index (diff->deltas, i);

      json_builder_set_member_name (builder, delta->step_id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "before");
      json_builder_add_int_value (builder, delta->before);
      json_builder_set_member_name (builder, "after");
      json_builder_add_int_value (builder, delta->after);
      json_builder_set_member_name (builder, "delta");
      json_builder_add_int_value (builder, (gint64) delta->after - (gint64) delta->before);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
append_list (GString    *out,
             const char *title,
             GPtrArray  *entities,
             guint       max)
{
  g_string_append_printf (out, "\n%s (%u)\n", title, entities->len);
  for (guint i = 0; i < MIN (max, entities->len); i++)
    {
      SluiceEntityStat *stat = g_ptr_array_index (entities, i);
      g_string_append_printf (out, "  %-24s %-10s %u\n", stat->entity, stat->tenant ?: "—", stat->actions);
    }
  if (entities->len > max)
    g_string_append_printf (out, _("  … and %u more\n"), entities->len - max);
}

char *
sluice_sim_diff_to_text (SluiceSimDiff *diff,
                         guint          max_entities)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%-28s %10s %10s %10s\n", "", _("before"), _("after"), _("change"));
  g_string_append_printf (out, "%-28s %10" PRIu64 " %10" PRIu64 " %+10" PRId64 "\n",
                          _("Events matched"), diff->before->events_matched, diff->after->events_matched,
                          (gint64) diff->after->events_matched - (gint64) diff->before->events_matched);
  g_string_append_printf (out, "%-28s %10" PRIu64 " %10" PRIu64 " %+10" PRId64 "\n",
                          _("Entities matched"), diff->before->entities_matched, diff->after->entities_matched,
                          (gint64) diff->after->entities_matched - (gint64) diff->before->entities_matched);
  for (guint i = 0; i < diff->deltas->len; i++)
    {
      SluiceActionDelta *delta = g_ptr_array_index (diff->deltas, i);
      g_autofree char *label = g_strdup_printf (_("Actions of %s"), delta->step_id);

      g_string_append_printf (out, "%-28s %10" PRIu64 " %10" PRIu64 " %+10" PRId64 "\n",
                              label, delta->before, delta->after, (gint64) delta->after - (gint64) delta->before);
    }

  append_list (out, _("Newly qualify"), diff->added, max_entities);
  append_list (out, _("Drop out"), diff->removed, max_entities);
  g_string_append_printf (out, "\n%s: %u\n", _("Qualify in both"), diff->unchanged->len);

  return g_string_free (out, FALSE);
}
