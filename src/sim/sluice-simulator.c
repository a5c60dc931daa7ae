/* sluice-simulator.c — the dry-run engine
 *
 * A run compiles the workflow into a plan whose filters point straight at
 * typed columns (sluice-event-columns.c), then walks the trigger type's
 * events in time order: scope, trigger filters, entity, cooldown, and the
 * step graph with its branches, fan-out, gates and actions. Nothing is
 * sent anywhere; actions are only counted, timed and attributed.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-canary.h"
#include "sluice-domain.h"
#include "sluice-duration.h"
#include "sluice-event-columns.h"
#include "sluice-filter.h"
#include "sluice-json.h"
#include "sluice-sim-error.h"
#include "sluice-simulator.h"
#include "sluice-template.h"
#include "sluice-time.h"
#include "sluice-validator.h"

struct _SluiceSimulator
{
  GObject             parent_instance;

  SluiceEventStore   *store;
  SluiceEventColumns *columns;
};

G_DEFINE_FINAL_TYPE (SluiceSimulator, sluice_simulator, G_TYPE_OBJECT)

/* Rough latency of one action of each type, for the run-time estimate. */
static const struct {
  const char *type;
  gint64      latency_ms;
} action_latency[] = {
  { "record", 50 }, { "notify", 300 }, { "ticket", 400 },
  { "webhook", 250 }, { "api", 200 }, { "job", 2000 },
};

typedef enum
{
  OUTCOME_PASS,
  OUTCOME_FAIL,
  OUTCOME_MISSING,
  OUTCOME_WRONG_TYPE,
  OUTCOME_NO_PREVIOUS,
} Outcome;

typedef struct
{
  guint8  kind;
  double  number;
  guint32 text;
} Constant;

/* A filter, bound to its column. */
typedef struct
{
  SluiceFilter        *filter;
  const SluiceColumn  *column;
  SluiceFilterOutcome *outcome;
  Constant             constant;
  const char          *string;     /* the constant's text, for gt/lt/contains */
  GArray              *set;        /* Constant, for in / not_in */
  GRegex              *regex;
  gint64               within_ms;
  gboolean             expected;   /* exists: true or false */
  gboolean             time_ms;    /* the path is the event time, in ms: compare as times */
  guint8              *memo;       /* per pool id: 0 unknown, 1 fail, 2 pass, 3 wrong type */
  guint8              *prev_kind;  /* changed: per entity, 0 = none seen yet */
  double              *prev_number;
  guint32             *prev_text;
} Condition;

typedef struct
{
  Constant constant;
  int      next;
} Case;

typedef struct
{
  SluiceStep          *step;
  const char          *type;
  SluiceStepOutcome   *outcome;
  GPtrArray           *conditions;   /* Condition, for condition steps */
  gboolean             match_any;
  const SluiceColumn  *column;       /* switch: the path; foreach: the list */
  GArray              *cases;        /* Case */
  guint64              cap;
  gint64               duration_ms;  /* delay, or cooldown window */
  gint64              *last_pass;    /* cooldown step: per entity */
  char                *key;          /* cooldown step: its key template, if any */
  GPtrArray           *key_refs;     /* KeyRef, the key's {{ references }} */
  GHashTable          *last_by_key;  /* rendered key → last pass time */
  int                  next, then_, else_, otherwise;
  gint64               latency_ms;
  char                *destination;
  GArray              *times;        /* when each action is wanted */
} StepPlan;

typedef struct
{
  SluiceSimulator    *self;
  SluiceWorkflow     *workflow;
  const SluiceScope  *scope;
  SluiceSimResult    *result;
  SluiceTypeTable    *table;
  SluiceStringPool   *pool;
  GPtrArray          *triggers;      /* Condition, the trigger's filters */
  GPtrArray          *history;       /* Condition, every `changed` filter (borrowed) */
  const SluiceColumn *source_column; /* the trigger's source filter, if any */
  guint32             source_id;
  GPtrArray          *plans;         /* StepPlan, in document order */
  int                 first;         /* plan the trigger leads to */
  guint32            *entity_ids;    /* per table row */
  guint32             pool_size;
  gint64              cooldown_ms;
  guint64             max_fan_out;
  gint64              timeout_ms;
  gint64              now;           /* the event being run */
  guint               row;
  guint32             entity;
  guint64             budget;        /* actions the event may still cause */
  gint64              run_latency_ms;

  /* per-scope sets and per-entity state, indexed by pool id */
  guint8             *tenant_ok;     /* NULL: every tenant */
  guint8             *entity_ok;     /* bit 1: in a scope segment, bit 2: in the canary segment */
  guint32            *entity_events;
  guint32            *entity_runs;
  guint32            *entity_actions;
  guint32            *entity_tenant;
  gint64             *last_run;

  /* shadow log only: the event as JSON, and where actions are written */
  JsonNode           *context;
  JsonArray          *shadow_actions;
} Run;

/* ---- values ---------------------------------------------------------------- */

static Constant
constant_from_json (JsonNode         *node,
                    SluiceStringPool *pool)
{
  Constant c = { SLUICE_VALUE_MISSING, 0, 0 };

  if (node == NULL)
    return c;

  if (JSON_NODE_HOLDS_NULL (node))
    c.kind = SLUICE_VALUE_NULL;
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      c.kind = SLUICE_VALUE_STRING;
      /* text never seen in the data gets id 0 and equals nothing */
      c.text = sluice_string_pool_lookup (pool, json_node_get_string (node));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      c.kind = SLUICE_VALUE_BOOLEAN;
      c.number = json_node_get_boolean (node);
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    {
      c.kind = SLUICE_VALUE_NUMBER;
      c.number = json_node_get_double (node);
    }
  return c;
}

/* Same kind and same value; for strings, the same pool id. */
static gboolean
value_equals (guint8          kind,
              double          number,
              guint32         text,
              const Constant *c)
{
  if (kind != c->kind)
    return FALSE;
  switch (kind)
    {
    case SLUICE_VALUE_STRING:
      return c->text != 0 && text == c->text;
    case SLUICE_VALUE_NUMBER:
    case SLUICE_VALUE_BOOLEAN:
      return number == c->number;
    case SLUICE_VALUE_NULL:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_scalar (guint8 kind)
{
  return kind == SLUICE_VALUE_STRING || kind == SLUICE_VALUE_NUMBER
      || kind == SLUICE_VALUE_BOOLEAN || kind == SLUICE_VALUE_NULL;
}

/* ---- conditions ------------------------------------------------------------ */

static void
condition_free (Condition *condition)
{
  sluice_filter_free (condition->filter);
  g_clear_pointer (&condition->set, g_array_unref);
  g_clear_pointer (&condition->regex, g_regex_unref);
  g_free (condition->memo);
  g_free (condition->prev_kind);
  g_free (condition->prev_number);
  g_free (condition->prev_text);
  g_free (condition);
}

static Condition *
condition_new (Run                *run,
               const SluiceFilter *filter,
               const char         *step_id,
               guint               index)
{
  Condition *condition = g_new0 (Condition, 1);
  SluiceFilterOutcome *outcome = g_new0 (SluiceFilterOutcome, 1);
  JsonNode *value = filter->value;

  condition->filter = g_new0 (SluiceFilter, 1);
  condition->filter->path = g_strdup (filter->path);
  condition->filter->op = filter->op;
  condition->filter->value = value ? json_node_copy (value) : NULL;
  condition->column = sluice_type_table_get_column (run->table, filter->path);

  outcome->step_id = g_strdup (step_id);
  outcome->index = index;
  outcome->description = sluice_filter_describe (filter);
  g_ptr_array_add (run->result->filters, outcome);
  condition->outcome = outcome;

  condition->constant = constant_from_json (value, run->pool);
  if (value && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    condition->string = json_node_get_string (condition->filter->value);

  /* "time" is the event time in milliseconds: a timestamp to compare it
   * with is turned into milliseconds too */
  condition->time_ms = g_str_equal (filter->path, "time");
  if (condition->time_ms && condition->string != NULL && filter->op != SLUICE_FILTER_WITHIN)
    {
      gint64 ms;

      if (sluice_time_parse_rfc3339 (condition->string, strlen (condition->string), &ms))
        {
          condition->constant.kind = SLUICE_VALUE_NUMBER;
          condition->constant.number = ms;
          condition->string = NULL;
        }
    }

  switch (filter->op)
    {
    case SLUICE_FILTER_IN:
    case SLUICE_FILTER_NOT_IN:
      condition->set = g_array_new (FALSE, FALSE, sizeof (Constant));
      if (value && JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              Constant c = constant_from_json (json_array_get_element (array, i), run->pool);
              g_array_append_val (condition->set, c);
            }
        }
      break;

    case SLUICE_FILTER_MATCHES:
      if (condition->string)
        condition->regex = g_regex_new (condition->string, G_REGEX_OPTIMIZE, 0, NULL);
      condition->memo = g_new0 (guint8, run->pool_size);
      break;

    case SLUICE_FILTER_CONTAINS:
    case SLUICE_FILTER_WITHIN:
      condition->memo = g_new0 (guint8, run->pool_size);
      if (filter->op == SLUICE_FILTER_WITHIN && condition->string)
        sluice_duration_parse (condition->string, &condition->within_ms);
      break;

    case SLUICE_FILTER_EXISTS:
      condition->expected = value == NULL || !JSON_NODE_HOLDS_VALUE (value)
                            || json_node_get_value_type (value) != G_TYPE_BOOLEAN
                            || json_node_get_boolean (value);
      break;

    case SLUICE_FILTER_CHANGED:
      condition->prev_kind = g_new0 (guint8, run->pool_size);
      condition->prev_number = g_new0 (double, run->pool_size);
      condition->prev_text = g_new0 (guint32, run->pool_size);
      g_ptr_array_add (run->history, condition);
      break;

    case SLUICE_FILTER_EQ:
    case SLUICE_FILTER_NE:
    case SLUICE_FILTER_GT:
    case SLUICE_FILTER_GTE:
    case SLUICE_FILTER_LT:
    case SLUICE_FILTER_LTE:
    case SLUICE_N_FILTER_OPS:
    default:
      break;
    }

  return condition;
}

/* `contains` on a list: is the constant one of its items? */
static gboolean
array_contains (const char     *json,
                const Constant *c,
                const char     *string,
                Run            *run)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonArray *array;

  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return FALSE;

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (c->kind == SLUICE_VALUE_STRING)
        {
          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING
              && g_strcmp0 (json_node_get_string (item), string) == 0)
            return TRUE;
        }
      else
        {
          Constant v = constant_from_json (item, run->pool);
          if (value_equals (v.kind, v.number, v.text, c))
            return TRUE;
        }
    }
  return FALSE;
}

static Outcome
evaluate_memo (Condition *cond,
               guint32    text,
               guint8     kind,
               Run       *run)
{
  guint8 memo = text < run->pool_size ? cond->memo[text] : 0;
  const char *s;
  Outcome outcome = OUTCOME_WRONG_TYPE;

  if (memo != 0)
    return memo == 1 ? OUTCOME_FAIL : memo == 2 ? OUTCOME_PASS : OUTCOME_WRONG_TYPE;

  s = sluice_string_pool_get (run->pool, text);
  switch (cond->filter->op)
    {
    case SLUICE_FILTER_MATCHES:
      if (kind == SLUICE_VALUE_STRING && cond->regex)
        outcome = g_regex_match (cond->regex, s, 0, NULL) ? OUTCOME_PASS : OUTCOME_FAIL;
      break;

    case SLUICE_FILTER_CONTAINS:
      if (kind == SLUICE_VALUE_STRING && cond->constant.kind == SLUICE_VALUE_STRING)
        outcome = strstr (s, cond->string) ? OUTCOME_PASS : OUTCOME_FAIL;
      else if (kind == SLUICE_VALUE_ARRAY)
        outcome = array_contains (s, &cond->constant, cond->string, run) ? OUTCOME_PASS : OUTCOME_FAIL;
      break;

    default:
      g_assert_not_reached ();
    }

  if (text < run->pool_size)
    cond->memo[text] = outcome == OUTCOME_FAIL ? 1 : outcome == OUTCOME_PASS ? 2 : 3;
  return outcome;
}

static Outcome
compare_ordered (Condition *cond,
                 guint8     kind,
                 double     number,
                 guint32    text,
                 Run       *run)
{
  int cmp;

  if (kind == SLUICE_VALUE_NUMBER && cond->constant.kind == SLUICE_VALUE_NUMBER)
    cmp = number < cond->constant.number ? -1 : number > cond->constant.number;
  else if (kind == SLUICE_VALUE_STRING && cond->string != NULL)
    cmp = strcmp (sluice_string_pool_get (run->pool, text), cond->string);
  else
    return OUTCOME_WRONG_TYPE;

  switch (cond->filter->op)
    {
    case SLUICE_FILTER_GT:
      return cmp > 0 ? OUTCOME_PASS : OUTCOME_FAIL;
    case SLUICE_FILTER_GTE:
      return cmp >= 0 ? OUTCOME_PASS : OUTCOME_FAIL;
    case SLUICE_FILTER_LT:
      return cmp < 0 ? OUTCOME_PASS : OUTCOME_FAIL;
    case SLUICE_FILTER_LTE:
    default:
      return cmp <= 0 ? OUTCOME_PASS : OUTCOME_FAIL;
    }
}

/* A field's timestamp: RFC 3339 text, or a number of epoch seconds. */
static gboolean
value_time (Condition *cond,
            guint8     kind,
            double     number,
            guint32    text,
            Run       *run,
            gint64    *ms)
{
  if (kind == SLUICE_VALUE_NUMBER)
    {
      /* the event time is in ms; other numeric fields are epoch seconds */
      *ms = cond->time_ms ? (gint64) number : (gint64) (number * 1000);
      return TRUE;
    }
  if (kind == SLUICE_VALUE_STRING)
    {
      const char *s = sluice_string_pool_get (run->pool, text);
      return sluice_time_parse_rfc3339 (s, strlen (s), ms);
    }
  return FALSE;
}

static Outcome
evaluate (Condition *cond,
          Run       *run,
          guint      row)
{
  const SluiceColumn *column = cond->column;
  guint8 kind = column ? column->kinds[row] : SLUICE_VALUE_MISSING;
  double number = column ? column->numbers[row] : 0;
  guint32 text = column ? column->texts[row] : 0;

  if (cond->filter->op == SLUICE_FILTER_EXISTS)
    return (kind != SLUICE_VALUE_MISSING) == cond->expected ? OUTCOME_PASS : OUTCOME_FAIL;

  if (cond->filter->op == SLUICE_FILTER_CHANGED)
    {
      guint32 e = run->entity;
      Outcome outcome;

      if (kind == SLUICE_VALUE_MISSING)
        return OUTCOME_MISSING;
      if (e == 0)
        return OUTCOME_NO_PREVIOUS;
      /* the entity's previous event of this type, whatever happened to
       * it; record_history() keeps that up to date */
      if (cond->prev_kind[e] == 0)
        outcome = OUTCOME_NO_PREVIOUS;
      else
        {
          Constant prev = { cond->prev_kind[e] - 1, cond->prev_number[e], cond->prev_text[e] };
          outcome = value_equals (kind, number, text, &prev) ? OUTCOME_FAIL : OUTCOME_PASS;
          if (kind == SLUICE_VALUE_STRING && prev.kind == SLUICE_VALUE_STRING)
            outcome = text == prev.text ? OUTCOME_FAIL : OUTCOME_PASS;
        }
      return outcome;
    }

  if (kind == SLUICE_VALUE_MISSING)
    return OUTCOME_MISSING;

  switch (cond->filter->op)
    {
    case SLUICE_FILTER_EQ:
    case SLUICE_FILTER_NE:
      {
        gboolean equal;

        if (cond->constant.kind == SLUICE_VALUE_NULL)
          equal = kind == SLUICE_VALUE_NULL;
        else if (kind != cond->constant.kind)
          return OUTCOME_WRONG_TYPE;
        else
          equal = value_equals (kind, number, text, &cond->constant);
        return equal == (cond->filter->op == SLUICE_FILTER_EQ) ? OUTCOME_PASS : OUTCOME_FAIL;
      }

    case SLUICE_FILTER_GT:
    case SLUICE_FILTER_GTE:
    case SLUICE_FILTER_LT:
    case SLUICE_FILTER_LTE:
      return compare_ordered (cond, kind, number, text, run);

    case SLUICE_FILTER_IN:
    case SLUICE_FILTER_NOT_IN:
      {
        gboolean kind_seen = FALSE;
        gboolean found = FALSE;

        if (!is_scalar (kind))
          return OUTCOME_WRONG_TYPE;
        for (guint i = 0; i < cond->set->len && !found; i++)
          {
            const Constant *c = &g_array_index (cond->set, Constant, i);

            kind_seen |= c->kind == kind;
            found = value_equals (kind, number, text, c);
          }
        if (!kind_seen)
          return OUTCOME_WRONG_TYPE;
        return found == (cond->filter->op == SLUICE_FILTER_IN) ? OUTCOME_PASS : OUTCOME_FAIL;
      }

    case SLUICE_FILTER_CONTAINS:
      if (kind != SLUICE_VALUE_STRING && kind != SLUICE_VALUE_ARRAY)
        return OUTCOME_WRONG_TYPE;
      return evaluate_memo (cond, text, kind, run);

    case SLUICE_FILTER_MATCHES:
      if (kind != SLUICE_VALUE_STRING)
        return OUTCOME_WRONG_TYPE;
      return evaluate_memo (cond, text, kind, run);

    case SLUICE_FILTER_WITHIN:
      {
        gint64 when;

        if (!value_time (cond, kind, number, text, run, &when))
          return OUTCOME_WRONG_TYPE;
        return ABS (when - run->now) <= cond->within_ms ? OUTCOME_PASS : OUTCOME_FAIL;
      }

    case SLUICE_FILTER_EXISTS:
    case SLUICE_FILTER_CHANGED:
    case SLUICE_N_FILTER_OPS:
    default:
      g_assert_not_reached ();
    }
}

static void
count_outcome (SluiceFilterOutcome *outcome,
               Outcome              result)
{
  switch (result)
    {
    case OUTCOME_PASS:
      outcome->passed++;
      break;
    case OUTCOME_FAIL:
      outcome->rejected++;
      break;
    case OUTCOME_MISSING:
      outcome->missing++;
      break;
    case OUTCOME_WRONG_TYPE:
      outcome->wrong_type++;
      break;
    case OUTCOME_NO_PREVIOUS:
    default:
      outcome->no_previous++;
      break;
    }
}

/* Every condition is evaluated (not short-circuited) so each one's counts
 * describe all the events it saw. Could-not-evaluate counts as not passed. */
static gboolean
evaluate_all (GPtrArray *conditions,
              gboolean   match_any,
              Run       *run)
{
  gboolean all = TRUE;
  gboolean any = FALSE;

  for (guint i = 0; i < conditions->len; i++)
    {
      Condition *cond = g_ptr_array_index (conditions, i);
      Outcome outcome = evaluate (cond, run, run->row);

      count_outcome (cond->outcome, outcome);
      all &= outcome == OUTCOME_PASS;
      any |= outcome == OUTCOME_PASS;
    }

  return match_any ? any : all;
}

/* ---- keys from templates ------------------------------------------------------ */

/* One {{ reference }} of a key template and the column it reads. */
typedef struct
{
  gsize               start;    /* of the braces in the template */
  gsize               end;      /* just after them */
  gboolean            entity;   /* {{ entity }} */
  const SluiceColumn *column;   /* else the event field; NULL when unknown */
} KeyRef;

/* The event field a template reference reads: data.x is data.x, event.x
 * is the attribute x. Other roots (workflow, steps) are not per event. */
static char *
template_ref_event_path (const char *ref)
{
  if (g_str_has_prefix (ref, "data.") || g_str_equal (ref, "data"))
    return g_strdup (ref);
  if (g_str_has_prefix (ref, "event."))
    return g_strdup (ref + strlen ("event."));
  return NULL;
}

static void
add_template_paths (GPtrArray  *paths,
                    const char *text)
{
  g_autoptr(GPtrArray) refs = text ? sluice_template_parse (text, NULL, NULL) : NULL;

  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      g_autofree char *path = template_ref_event_path (((SluiceTemplateRef *) g_ptr_array_index (refs, i))->path);

      if (path != NULL && !g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

static void
append_column_value (GString            *out,
                     const SluiceColumn *column,
                     guint               row,
                     SluiceStringPool   *pool)
{
  switch (column->kinds[row])
    {
    case SLUICE_VALUE_STRING:
    case SLUICE_VALUE_ARRAY:
    case SLUICE_VALUE_OBJECT:
      g_string_append (out, sluice_string_pool_get (pool, column->texts[row]));
      break;
    case SLUICE_VALUE_NUMBER:
      {
        g_autofree char *text = sluice_double_to_string (column->numbers[row]);
        g_string_append (out, text);
      }
      break;
    case SLUICE_VALUE_BOOLEAN:
      g_string_append (out, column->numbers[row] ? "true" : "false");
      break;
    case SLUICE_VALUE_NULL:
    case SLUICE_VALUE_MISSING:
    default:
      break;
    }
}

/* What `changed` compares with: the value of the entity's previous event
 * of the type, in scope or not, matched or not. */
static void
record_history (Run   *run,
                guint  row)
{
  guint32 entity = run->entity_ids[row];

  if (entity == 0)
    return;

  for (guint i = 0; i < run->history->len; i++)
    {
      Condition *cond = g_ptr_array_index (run->history, i);

      if (cond->column == NULL || cond->column->kinds[row] == SLUICE_VALUE_MISSING)
        continue;
      cond->prev_kind[entity] = cond->column->kinds[row] + 1;
      cond->prev_number[entity] = cond->column->numbers[row];
      cond->prev_text[entity] = cond->column->texts[row];
    }
}

/* ---- the plan ---------------------------------------------------------------- */

static void
step_plan_free (StepPlan *plan)
{
  g_clear_pointer (&plan->conditions, g_ptr_array_unref);
  g_clear_pointer (&plan->cases, g_array_unref);
  g_clear_pointer (&plan->times, g_array_unref);
  g_free (plan->last_pass);
  g_free (plan->key);
  g_clear_pointer (&plan->key_refs, g_ptr_array_unref);
  g_clear_pointer (&plan->last_by_key, g_hash_table_unref);
  g_free (plan->destination);
  g_free (plan);
}

static int
plan_index (SluiceWorkflow *workflow,
            const char     *id)
{
  guint n = sluice_workflow_get_n_steps (workflow);

  if (id == NULL)
    return -1;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (sluice_step_get_id (sluice_workflow_get_step (workflow, i)), id) == 0)
      return i;
  return -1;
}

/* Where an action's requests go, as people would name it. */
static char *
step_destination (const SluiceStep *step)
{
  const char *type = sluice_step_get_step_type (step)->name;
  const char *url = sluice_step_get_string (step, "url");
  const char *webhook = sluice_step_get_string (step, "webhookUrl");

  if (url != NULL)
    {
      g_autofree char *host = sluice_url_get_host (url);
      if (host != NULL && strstr (host, "{{") == NULL)
        return g_steal_pointer (&host);
      return g_strdup (_("(decided by event data)"));
    }
  if (g_str_equal (type, "notify"))
    {
      g_autofree char *host = webhook ? sluice_url_get_host (webhook) : NULL;
      if (host != NULL)
        return g_steal_pointer (&host);
      return g_strdup (g_strcmp0 (sluice_step_get_string (step, "channel"), "chat") == 0 ? "chat" : "email");
    }
  if (g_str_equal (type, "ticket"))
    return g_strdup_printf ("ticket:%s", sluice_step_get_string (step, "queue") ?: "");
  if (g_str_equal (type, "record"))
    return g_strdup ("timeline");
  if (g_str_equal (type, "job"))
    return g_strdup_printf ("job:%s", sluice_step_get_string (step, "job") ?: "");
  if (g_str_equal (type, "api"))
    return g_strdup_printf ("api:%s", sluice_step_get_string (step, "service") ?: "");
  return NULL;
}

static void
add_filter_paths (GPtrArray        *paths,
                  const SluiceStep *step)
{
  g_autoptr(GPtrArray) filters = sluice_step_get_filters (step);

  for (guint i = 0; i < filters->len; i++)
    {
      SluiceFilter *filter = g_ptr_array_index (filters, i);

      if (*filter->path != '\0' && !g_ptr_array_find_with_equal_func (paths, filter->path, g_str_equal, NULL))
        g_ptr_array_add (paths, g_strdup (filter->path));
    }
}

static void
add_path (GPtrArray  *paths,
          const char *path)
{
  if (path != NULL && *path != '\0' && !g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL))
    g_ptr_array_add (paths, g_strdup (path));
}

/* Every field path the run will read. */
static GPtrArray *
collect_paths (SluiceWorkflow *workflow)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  guint n = sluice_workflow_get_n_steps (workflow);

  add_path (paths, sluice_workflow_get_entity_key (workflow));
  if (sluice_workflow_get_trigger (workflow) != NULL
      && sluice_step_get_string (sluice_workflow_get_trigger (workflow), "source") != NULL)
    add_path (paths, "source");
  for (guint i = 0; i < n; i++)
    {
      SluiceStep *step = sluice_workflow_get_step (workflow, i);
      const char *type = sluice_step_get_step_type (step)->name;

      add_filter_paths (paths, step);
      if (g_str_equal (type, "switch"))
        add_path (paths, sluice_step_get_string (step, "path"));
      if (g_str_equal (type, "foreach"))
        add_path (paths, sluice_step_get_string (step, "items"));
      if (g_str_equal (type, "cooldown"))
        add_template_paths (paths, sluice_step_get_string (step, "key"));
    }
  g_ptr_array_add (paths, NULL);
  return paths;
}

static GPtrArray *
compile_conditions (Run              *run,
                    const SluiceStep *step)
{
  g_autoptr(GPtrArray) filters = sluice_step_get_filters (step);
  GPtrArray *conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) condition_free);

  for (guint i = 0; i < filters->len; i++)
    g_ptr_array_add (conditions, condition_new (run, g_ptr_array_index (filters, i), sluice_step_get_id (step), i));

  return conditions;
}

static void
compile_plan (Run *run)
{
  SluiceWorkflow *workflow = run->workflow;
  guint n = sluice_workflow_get_n_steps (workflow);
  JsonObject *safety = sluice_workflow_get_safety (workflow);
  SluiceStep *trigger = sluice_workflow_get_trigger (workflow);

  run->plans = g_ptr_array_new_with_free_func ((GDestroyNotify) step_plan_free);
  run->history = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      SluiceStep *step = sluice_workflow_get_step (workflow, i);
      StepPlan *plan = g_new0 (StepPlan, 1);
      const char *type = sluice_step_get_step_type (step)->name;
      const char *s;

      plan->step = step;
      plan->type = type;
      plan->outcome = g_new0 (SluiceStepOutcome, 1);
      plan->outcome->step_id = g_strdup (sluice_step_get_id (step));
      plan->outcome->step_type = g_strdup (type);
      g_ptr_array_add (run->result->steps, plan->outcome);

      plan->next = plan_index (workflow, sluice_step_get_string (step, "next"));
      plan->then_ = plan_index (workflow, sluice_step_get_string (step, "then"));
      plan->else_ = plan_index (workflow, sluice_step_get_string (step, "else"));
      plan->otherwise = plan_index (workflow, sluice_step_get_string (step, "default"));

      if (g_str_equal (type, "condition"))
        {
          plan->conditions = compile_conditions (run, step);
          plan->match_any = g_strcmp0 (sluice_step_get_string (step, "match"), "any") == 0;
        }
      else if (g_str_equal (type, "switch"))
        {
          g_autoptr(GArray) edges = sluice_step_get_edges (step);

          plan->column = sluice_type_table_get_column (run->table, sluice_step_get_string (step, "path") ?: "");
          plan->cases = g_array_new (FALSE, FALSE, sizeof (Case));
          for (guint e = 0; e < edges->len; e++)
            {
              SluiceEdge *edge = &g_array_index (edges, SluiceEdge, e);
              Case c;

              if (!g_str_has_prefix (edge->label, "cases["))
                continue;
              c.constant = constant_from_json (edge->case_value, run->pool);
              c.next = plan_index (workflow, edge->target);
              g_array_append_val (plan->cases, c);
            }
        }
      else if (g_str_equal (type, "foreach"))
        {
          JsonNode *cap = sluice_step_get_member (step, "cap");

          plan->column = sluice_type_table_get_column (run->table, sluice_step_get_string (step, "items") ?: "");
          plan->cap = cap ? (guint64) json_node_get_int (cap) : G_MAXUINT64;
        }
      else if (g_str_equal (type, "delay") && (s = sluice_step_get_string (step, "duration")))
        sluice_duration_parse (s, &plan->duration_ms);
      else if (g_str_equal (type, "cooldown"))
        {
          if ((s = sluice_step_get_string (step, "window")))
            sluice_duration_parse (s, &plan->duration_ms);
          plan->last_pass = g_new (gint64, run->pool_size);
          for (guint32 k = 0; k < run->pool_size; k++)
            plan->last_pass[k] = G_MININT64;

          if ((s = sluice_step_get_string (step, "key")) && sluice_template_has_refs (s))
            {
              g_autoptr(GPtrArray) refs = sluice_template_parse (s, NULL, NULL);

              plan->key = g_strdup (s);
              plan->key_refs = g_ptr_array_new_with_free_func (g_free);
              plan->last_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
              for (guint r = 0; refs != NULL && r < refs->len; r++)
                {
                  SluiceTemplateRef *ref = g_ptr_array_index (refs, r);
                  g_autofree char *path = template_ref_event_path (ref->path);
                  KeyRef *key_ref = g_new0 (KeyRef, 1);
                  const char *close = strstr (s + ref->offset, "}}");

                  key_ref->start = ref->offset;
                  key_ref->end = close ? (gsize) (close - s) + 2 : strlen (s);
                  key_ref->entity = g_str_equal (ref->path, "entity");
                  key_ref->column = path ? sluice_type_table_get_column (run->table, path) : NULL;
                  g_ptr_array_add (plan->key_refs, key_ref);
                }
            }
        }

      if (sluice_step_get_step_type (step)->category == SLUICE_STEP_CATEGORY_ACTION)
        {
          plan->destination = step_destination (step);
          plan->times = g_array_new (FALSE, FALSE, sizeof (gint64));
          for (guint k = 0; k < G_N_ELEMENTS (action_latency); k++)
            if (g_str_equal (action_latency[k].type, type))
              plan->latency_ms = action_latency[k].latency_ms;
        }

      g_ptr_array_add (run->plans, plan);
    }

  run->first = trigger ? plan_index (workflow, sluice_step_get_string (trigger, "next")) : -1;

  /* "Only events from this source": a pool id of 0 matches nothing */
  if (trigger != NULL && sluice_step_get_string (trigger, "source") != NULL)
    {
      run->source_column = sluice_type_table_get_column (run->table, "source");
      run->source_id = sluice_string_pool_lookup (run->pool, sluice_step_get_string (trigger, "source"));
    }
  run->triggers = trigger ? compile_conditions (run, trigger) : g_ptr_array_new ();

  if (safety != NULL)
    {
      const char *s;

      if ((s = json_object_get_string_member_with_default (safety, "cooldown", NULL)))
        sluice_duration_parse (s, &run->cooldown_ms);
      if ((s = json_object_get_string_member_with_default (safety, "timeout", NULL)))
        sluice_duration_parse (s, &run->timeout_ms);
      run->max_fan_out = json_object_get_int_member_with_default (safety, "maxFanOut", 0);
    }
}

/* ---- walking the graph --------------------------------------------------------- */

static void walk (Run *run, int index, guint64 mult, gint64 when, guint depth);

static void
render_field (JsonObject        *out,
              const SluiceField *field,
              JsonNode          *value,
              JsonNode          *context,
              guint             *n_missing)
{
  guint missing = 0;

  switch (field->kind)
    {
    case SLUICE_FIELD_TEMPLATE:
    case SLUICE_FIELD_TEXT:
    case SLUICE_FIELD_URL:
      {
        g_autofree char *text = sluice_template_render (json_node_get_string (value), context, &missing);
        json_object_set_string_member (out, field->name, text);
      }
      break;

    case SLUICE_FIELD_LIST:
    case SLUICE_FIELD_MAP:
      {
        g_autoptr(JsonNode) copy = sluice_json_deep_copy (value);

        if (field->item->kind == SLUICE_FIELD_TEMPLATE && JSON_NODE_HOLDS_ARRAY (copy))
          {
            JsonArray *array = json_node_get_array (copy);

            for (guint i = 0; i < json_array_get_length (array); i++)
              {
                JsonNode *item = json_array_get_element (array, i);
                g_autofree char *text = sluice_template_render (json_node_get_string (item), context, &missing);

                json_node_set_string (item, text);
                *n_missing += missing;
              }
            missing = 0;
          }
        else if (field->item->kind == SLUICE_FIELD_TEMPLATE && JSON_NODE_HOLDS_OBJECT (copy))
          {
            JsonObjectIter iter;
            const char *name;
            JsonNode *item;

            json_object_iter_init_ordered (&iter, json_node_get_object (copy));
            while (json_object_iter_next_ordered (&iter, &name, &item))
              {
                g_autofree char *text = sluice_template_render (json_node_get_string (item), context, &missing);

                json_node_set_string (item, text);
                *n_missing += missing;
              }
            missing = 0;
          }
        json_object_set_member (out, field->name, g_steal_pointer (&copy));
      }
      break;

    default:
      json_object_set_member (out, field->name, sluice_json_deep_copy (value));
      break;
    }

  *n_missing += missing;
}

/* The would-be action, with its templates filled from the event. */
static void
record_shadow_action (Run      *run,
                      StepPlan *plan,
                      gint64    when)
{
  const SluiceStepType *type = sluice_step_get_step_type (plan->step);
  JsonObject *action = json_object_new ();
  JsonObject *fields = json_object_new ();
  g_autofree char *time = sluice_time_format (when);
  guint n_missing = 0;

  for (guint f = 0; type->fields[f].name != NULL; f++)
    {
      JsonNode *value = sluice_step_get_member (plan->step, type->fields[f].name);

      if (value != NULL)
        render_field (fields, &type->fields[f], value, run->context, &n_missing);
    }

  json_object_set_string_member (action, "step", plan->outcome->step_id);
  json_object_set_string_member (action, "type", plan->type);
  json_object_set_string_member (action, "time", time);
  if (plan->destination != NULL)
    json_object_set_string_member (action, "destination", plan->destination);
  json_object_set_object_member (action, "fields", fields);
  json_object_set_int_member (action, "missing_values", n_missing);
  json_array_add_object_element (run->shadow_actions, action);
}

/* Shadow log only: run the steps after a for-each once per item, with
 * the item under its name in the template context. */
static void
walk_items (Run      *run,
            StepPlan *plan,
            guint64   items,
            guint64   mult,
            gint64    when,
            guint     depth)
{
  const char *name = sluice_step_get_string (plan->step, "as") ?: "item";
  const char *path = sluice_step_get_string (plan->step, "items");
  JsonObject *context = json_node_get_object (run->context);
  JsonNode *list = path ? sluice_json_path_lookup (run->context, path) : NULL;
  g_autoptr(JsonNode) saved = NULL;

  if (json_object_has_member (context, name))
    saved = json_node_ref (json_object_get_member (context, name));

  for (guint64 k = 0; k < items; k++)
    {
      JsonNode *item = list && JSON_NODE_HOLDS_ARRAY (list) && k < json_array_get_length (json_node_get_array (list))
                       ? json_array_get_element (json_node_get_array (list), k) : NULL;

      if (item != NULL)
        json_object_set_member (context, name, sluice_json_deep_copy (item));
      walk (run, plan->next, mult, when, depth + 1);
    }

  if (saved != NULL)
    json_object_set_member (context, name, g_steal_pointer (&saved));
  else
    json_object_remove_member (context, name);
}

static void
walk (Run    *run,
      int     index,
      guint64 mult,
      gint64  when,
      guint   depth)
{
  StepPlan *plan;

  /* a cycle is a validation error; here it must only not hang */
  if (index < 0 || mult == 0 || depth > run->plans->len)
    return;

  plan = g_ptr_array_index (run->plans, index);
  plan->outcome->reached += mult;

  if (g_str_equal (plan->type, "condition"))
    {
      gboolean pass = evaluate_all (plan->conditions, plan->match_any, run);
      walk (run, pass ? plan->then_ : plan->else_, mult, when, depth + 1);
    }
  else if (g_str_equal (plan->type, "switch"))
    {
      int next = plan->otherwise;

      if (plan->column != NULL)
        for (guint i = 0; i < plan->cases->len; i++)
          {
            const Case *c = &g_array_index (plan->cases, Case, i);

            if (value_equals (plan->column->kinds[run->row], plan->column->numbers[run->row],
                              plan->column->texts[run->row], &c->constant))
              {
                next = c->next;
                break;
              }
          }
      walk (run, next, mult, when, depth + 1);
    }
  else if (g_str_equal (plan->type, "foreach"))
    {
      guint64 items = 0;

      if (plan->column != NULL && plan->column->kinds[run->row] == SLUICE_VALUE_ARRAY)
        items = (guint64) plan->column->numbers[run->row];
      if (items > plan->cap)
        {
          plan->outcome->cap_hits++;
          items = plan->cap;
        }
      if (run->context == NULL)
        walk (run, plan->next, mult * items, when, depth + 1);
      else
        walk_items (run, plan, items, mult, when, depth);
    }
  else if (g_str_equal (plan->type, "cooldown"))
    {
      gint64 *last = &plan->last_pass[run->entity];

      if (plan->key_refs != NULL)
        {
          g_autoptr(GString) key = g_string_new (NULL);
          gsize pos = 0;

          for (guint r = 0; r < plan->key_refs->len; r++)
            {
              KeyRef *ref = g_ptr_array_index (plan->key_refs, r);

              g_string_append_len (key, plan->key + pos, ref->start - pos);
              if (ref->entity)
                g_string_append (key, sluice_string_pool_get (run->pool, run->entity) ?: "");
              else if (ref->column != NULL)
                append_column_value (key, ref->column, run->row, run->pool);
              pos = ref->end;
            }
          g_string_append (key, plan->key + pos);

          last = g_hash_table_lookup (plan->last_by_key, key->str);
          if (last == NULL)
            {
              last = g_new (gint64, 1);
              *last = G_MININT64;
              g_hash_table_insert (plan->last_by_key, g_strdup (key->str), last);
            }
        }

      if (*last != G_MININT64 && when < *last + plan->duration_ms)
        {
          plan->outcome->suppressed += mult;
          return;
        }
      *last = when;
      /* the items of a for-each share the entity: the first passes, the
       * others arrive within the window */
      if (mult > 1 && plan->duration_ms > 0)
        {
          plan->outcome->suppressed += mult - 1;
          mult = 1;
        }
      walk (run, plan->next, mult, when, depth + 1);
    }
  else if (g_str_equal (plan->type, "delay"))
    walk (run, plan->next, mult, when + plan->duration_ms, depth + 1);
  else if (g_str_equal (plan->type, "approval"))
    {
      plan->outcome->pending_approvals += mult;
      walk (run, plan->next, mult, when, depth + 1);
    }
  else if (plan->times != NULL)
    {
      guint64 allowed = MIN (mult, run->budget);

      run->budget -= allowed;
      run->result->dropped_by_fan_out += mult - allowed;
      plan->outcome->actions += allowed;
      run->result->actions_total += allowed;
      run->run_latency_ms += plan->latency_ms * allowed;
      for (guint64 k = 0; k < allowed; k++)
        g_array_append_val (plan->times, when);
      if (run->shadow_actions != NULL && allowed > 0)
        record_shadow_action (run, plan, when);
      walk (run, plan->next, mult, when, depth + 1);
    }
  /* end, and triggers that validation reports as misplaced: stop */
}

/* ---- aggregation ------------------------------------------------------------------ */

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 ta = *(const gint64 *) a, tb = *(const gint64 *) b;
  return ta < tb ? -1 : ta > tb;
}

/* The most times in any window of @window_ms; times sorted. */
static guint64
peak_in_window (const gint64 *times,
                gsize         n,
                gint64        window_ms)
{
  guint64 peak = 0;
  gsize start = 0;

  for (gsize i = 0; i < n; i++)
    {
      while (times[start] <= times[i] - window_ms)
        start++;
      peak = MAX (peak, i - start + 1);
    }
  return peak;
}

static void
add_data_finding (Run            *run,
                  SluiceSeverity  severity,
                  const char     *rule_id,
                  const char     *step_id,
                  const char     *format,
                  ...) G_GNUC_PRINTF (5, 6);

static void
add_data_finding (Run            *run,
                  SluiceSeverity  severity,
                  const char     *rule_id,
                  const char     *step_id,
                  const char     *format,
                  ...)
{
  g_autofree char *message = NULL;
  SluiceDiagnostic *diagnostic;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  diagnostic = sluice_diagnostics_add (run->result->findings, severity, rule_id, 0, 0, "%s", message);
  diagnostic->step_id = g_strdup (step_id);
}

static void
summarize_destinations (Run *run)
{
  g_autoptr(GHashTable) by_destination = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < run->plans->len; i++)
    {
      StepPlan *plan = g_ptr_array_index (run->plans, i);
      SluiceDestinationStat *stat;

      if (plan->times == NULL || plan->destination == NULL || plan->times->len == 0)
        continue;

      stat = g_hash_table_lookup (by_destination, plan->destination);
      if (stat == NULL)
        {
          stat = g_new0 (SluiceDestinationStat, 1);
          stat->destination = g_strdup (plan->destination);
          stat->kind = g_strdup (plan->type);
          g_hash_table_insert (by_destination, stat->destination, stat);
          g_ptr_array_add (run->result->destinations, stat);
        }
      stat->requests += plan->times->len;
    }

  /* peaks need every step's times for one destination together */
  for (guint d = 0; d < run->result->destinations->len; d++)
    {
      SluiceDestinationStat *stat = g_ptr_array_index (run->result->destinations, d);
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < run->plans->len; i++)
        {
          StepPlan *plan = g_ptr_array_index (run->plans, i);

          if (plan->times != NULL && g_strcmp0 (plan->destination, stat->destination) == 0)
            g_array_append_vals (times, plan->times->data, plan->times->len);
        }
      g_array_sort (times, compare_times);
      stat->peak_per_hour = peak_in_window ((gint64 *) times->data, times->len, SLUICE_MSEC_PER_HOUR);
      stat->peak_per_day = peak_in_window ((gint64 *) times->data, times->len, SLUICE_MSEC_PER_DAY);
    }
}

static int
compare_destinations (gconstpointer a,
                      gconstpointer b)
{
  const SluiceDestinationStat *da = *(SluiceDestinationStat **) a;
  const SluiceDestinationStat *db = *(SluiceDestinationStat **) b;

  if (da->requests != db->requests)
    return da->requests > db->requests ? -1 : 1;
  return g_strcmp0 (da->destination, db->destination);
}

static void
simulate_rate_limits (Run *run)
{
  JsonObject *safety = sluice_workflow_get_safety (run->workflow);
  JsonNode *node = safety ? json_object_get_member (safety, "rateLimits") : NULL;
  JsonArray *limits;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  limits = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (limits); i++)
    {
      JsonObject *limit = json_array_get_object_element (limits, i);
      const char *step_id = json_object_get_string_member_with_default (limit, "step", NULL);
      const char *type = json_object_get_string_member_with_default (limit, "type", NULL);
      const char *per = json_object_get_string_member_with_default (limit, "per", NULL);
      gint64 count = json_object_get_int_member_with_default (limit, "limit", 0);
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
      SluiceRateLimitResult *result;
      gint64 per_ms = 0;

      if (count <= 0 || per == NULL || !sluice_duration_parse (per, &per_ms) || per_ms <= 0)
        continue;

      for (guint p = 0; p < run->plans->len; p++)
        {
          StepPlan *plan = g_ptr_array_index (run->plans, p);

          if (plan->times == NULL)
            continue;
          if ((step_id && g_str_equal (step_id, plan->outcome->step_id))
              || (type && g_str_equal (type, plan->type)))
            g_array_append_vals (times, plan->times->data, plan->times->len);
        }
      g_array_sort (times, compare_times);

      result = g_new0 (SluiceRateLimitResult, 1);
      result->target = step_id ? g_strdup (step_id) : g_strdup_printf ("type:%s", type ? type : "");
      result->limit = count;
      result->per_ms = per_ms;
      sluice_rate_limit_simulate ((gint64 *) times->data, times->len, count, per_ms,
                                  run->timeout_ms, &result->outcome);
      g_ptr_array_add (run->result->rate_limits, result);

      if (result->outcome.dropped > 0)
        add_data_finding (run, SLUICE_SEVERITY_ERROR, "data/rate-limit-drop", step_id,
                          _("The rate limit on %s (%" PRId64 " per %s) would hold back %" PRIu64 " actions longer than the timeout, so they would be dropped"),
                          result->target, count, per, result->outcome.dropped);
      else if (result->outcome.delayed > 0)
        {
          g_autofree char *delay = sluice_duration_format (result->outcome.max_delay_ms);
          add_data_finding (run, SLUICE_SEVERITY_WARNING, "data/rate-limit-delay", step_id,
                            _("The rate limit on %s (%" PRId64 " per %s) would delay %" PRIu64 " actions, by up to %s"),
                            result->target, count, per, result->outcome.delayed, delay);
        }
    }
}

/* Each quota against the busiest period of its destination. */
static void
check_quotas (Run *run)
{
  JsonObject *safety = sluice_workflow_get_safety (run->workflow);
  JsonNode *node = safety ? json_object_get_member (safety, "quotas") : NULL;
  JsonArray *quotas;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  quotas = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (quotas); i++)
    {
      JsonObject *object = json_array_get_object_element (quotas, i);
      const char *destination = json_object_get_string_member_with_default (object, "destination", NULL);
      const char *per = json_object_get_string_member_with_default (object, "per", NULL);
      gint64 limit = json_object_get_int_member_with_default (object, "limit", 0);
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
      SluiceQuotaResult *quota;
      gint64 per_ms = 0;

      if (destination == NULL || limit <= 0 || per == NULL || !sluice_duration_parse (per, &per_ms) || per_ms <= 0)
        continue;

      for (guint p = 0; p < run->plans->len; p++)
        {
          StepPlan *plan = g_ptr_array_index (run->plans, p);

          if (plan->times != NULL && g_strcmp0 (plan->destination, destination) == 0)
            g_array_append_vals (times, plan->times->data, plan->times->len);
        }
      g_array_sort (times, compare_times);

      quota = g_new0 (SluiceQuotaResult, 1);
      quota->destination = g_strdup (destination);
      quota->limit = limit;
      quota->per_ms = per_ms;
      quota->peak = peak_in_window ((gint64 *) times->data, times->len, per_ms);
      quota->utilisation = 100.0 * quota->peak / limit;
      g_ptr_array_add (run->result->quotas, quota);

      if (quota->peak > (guint64) limit)
        add_data_finding (run, SLUICE_SEVERITY_ERROR, "data/quota-exceeded", NULL,
                          _("%s would receive up to %" PRIu64 " requests per %s, over its quota of %" PRId64),
                          destination, quota->peak, per, limit);
    }
}

static int
compare_entities (gconstpointer a,
                  gconstpointer b)
{
  const SluiceEntityStat *ea = a, *eb = b;

  if (ea->actions != eb->actions)
    return ea->actions > eb->actions ? -1 : 1;
  if (ea->events != eb->events)
    return ea->events > eb->events ? -1 : 1;
  return strcmp (ea->entity, eb->entity);
}

static void
add_filter_findings (Run *run)
{
  for (guint i = 0; i < run->result->filters->len; i++)
    {
      SluiceFilterOutcome *f = g_ptr_array_index (run->result->filters, i);
      guint64 unknown = f->missing + f->wrong_type;

      if (unknown > 0)
        add_data_finding (run, SLUICE_SEVERITY_WARNING, "data/filter-not-evaluated", f->step_id,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” (filter %u of “%s”) could not be evaluated on %" PRIu64 " event: the field is missing on %" PRIu64 " and of another type on %" PRIu64,
                                       "“%s” (filter %u of “%s”) could not be evaluated on %" PRIu64 " events: the field is missing on %" PRIu64 " and of another type on %" PRIu64,
                                       unknown),
                          f->description, f->index + 1, f->step_id, unknown, f->missing, f->wrong_type);
    }
}

static gboolean
load_scope_sets (Run       *run,
                 guint8   **tenant_ok,
                 guint8   **entity_ok,
                 GError   **error)
{
  const SluiceScope *scope = run->scope;

  if (scope->tenants != NULL)
    {
      *tenant_ok = g_new0 (guint8, run->pool_size);
      for (guint i = 0; scope->tenants[i] != NULL; i++)
        {
          guint32 id = sluice_string_pool_lookup (run->pool, scope->tenants[i]);
          if (id != 0)
            (*tenant_ok)[id] = 1;
        }
    }

  if (scope->segments != NULL || scope->canary_segment != NULL)
    {
      *entity_ok = g_new0 (guint8, run->pool_size);
      for (guint s = 0; scope->segments != NULL && scope->segments[s] != NULL; s++)
        {
          g_auto(GStrv) ids = sluice_event_store_get_segment (run->self->store, scope->segments[s], error);

          if (ids == NULL)
            return FALSE;
          for (guint i = 0; ids[i] != NULL; i++)
            {
              guint32 id = sluice_string_pool_lookup (run->pool, ids[i]);
              if (id != 0)
                (*entity_ok)[id] |= 1;
            }
        }
      if (scope->segments == NULL)
        memset (*entity_ok, 1, run->pool_size);

      if (scope->canary_segment != NULL)
        {
          g_auto(GStrv) ids = sluice_event_store_get_segment (run->self->store, scope->canary_segment, error);

          if (ids == NULL)
            return FALSE;
          for (guint i = 0; ids[i] != NULL; i++)
            {
              guint32 id = sluice_string_pool_lookup (run->pool, ids[i]);
              if (id != 0)
                (*entity_ok)[id] |= 2;
            }
        }
    }

  return TRUE;
}

/* The entity key's value as a pool id, for every row: numbers become
 * their text, so "acct-1" and 1 both work as keys. */
static void
compute_entity_ids (Run *run)
{
  const char *path = sluice_workflow_get_entity_key (run->workflow);
  const SluiceColumn *column = path ? sluice_type_table_get_column (run->table, path) : NULL;

  run->entity_ids = g_new0 (guint32, MAX (run->table->n, 1));
  if (column == NULL)
    return;

  for (guint i = 0; i < run->table->n; i++)
    {
      if (column->kinds[i] == SLUICE_VALUE_STRING)
        run->entity_ids[i] = column->texts[i];
      else if (column->kinds[i] == SLUICE_VALUE_NUMBER)
        {
          g_autofree char *text = sluice_double_to_string (column->numbers[i]);
          run->entity_ids[i] = sluice_string_pool_intern (run->pool, text, -1);
        }
    }
}

/* ---- the run ------------------------------------------------------------------ */

static void
sluice_simulator_finalize (GObject *object)
{
  SluiceSimulator *self = (SluiceSimulator *) object;

  g_clear_pointer (&self->columns, sluice_event_columns_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sluice_simulator_parent_class)->finalize (object);
}

static void
sluice_simulator_class_init (SluiceSimulatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sluice_simulator_finalize;
}

static void
sluice_simulator_init (SluiceSimulator *self)
{
}

/**
 * sluice_simulator_new:
 *
 * A simulator keeps what it learns about the dataset between runs, so
 * keep one per dataset for as long as runs may follow.
 */
SluiceSimulator *
sluice_simulator_new (SluiceEventStore *store)
{
  SluiceSimulator *self;

  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (store), NULL);

  self = g_object_new (SLUICE_TYPE_SIMULATOR, NULL);
  self->store = g_object_ref (store);
  self->columns = sluice_event_columns_new (store);

  return self;
}

SluiceEventStore *
sluice_simulator_get_store (SluiceSimulator *self)
{
  g_return_val_if_fail (SLUICE_IS_SIMULATOR (self), NULL);
  return self->store;
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->triggers, g_ptr_array_unref);
  g_clear_pointer (&run->plans, g_ptr_array_unref);
  g_clear_pointer (&run->history, g_ptr_array_unref);
  g_clear_pointer (&run->entity_ids, g_free);
  g_clear_pointer (&run->tenant_ok, g_free);
  g_clear_pointer (&run->entity_ok, g_free);
  g_clear_pointer (&run->entity_events, g_free);
  g_clear_pointer (&run->entity_runs, g_free);
  g_clear_pointer (&run->entity_actions, g_free);
  g_clear_pointer (&run->entity_tenant, g_free);
  g_clear_pointer (&run->last_run, g_free);
}

/* Loads the columns the workflow needs and compiles it against them. */
static gboolean
run_prepare (Run               *run,
             SluiceSimulator   *self,
             SluiceWorkflow    *workflow,
             const SluiceScope *scope,
             SluiceSimResult   *result,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autoptr(GPtrArray) paths = NULL;
  SluiceStep *trigger = sluice_workflow_get_trigger (workflow);
  const char *event_type = trigger ? sluice_step_get_string (trigger, "event") : NULL;

  if (event_type == NULL)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_WORKFLOW,
                   _("The workflow has no event trigger with an event type, so there is nothing to dry-run"));
      return FALSE;
    }

  paths = collect_paths (workflow);
  run->table = sluice_event_columns_load (self->columns, event_type,
                                          (const char * const *) paths->pdata, cancellable, error);
  if (run->table == NULL)
    return FALSE;

  run->self = self;
  run->workflow = workflow;
  run->scope = scope;
  run->result = result;
  run->pool = sluice_event_columns_get_pool (self->columns);
  result->pool = sluice_string_pool_ref (run->pool);

  /* Everything that may add to the pool happens before its size is taken
   * for the per-entity arrays. */
  compute_entity_ids (run);
  run->pool_size = sluice_string_pool_size (run->pool);

  if (!load_scope_sets (run, &run->tenant_ok, &run->entity_ok, error))
    return FALSE;

  compile_plan (run);

  run->entity_events = g_new0 (guint32, run->pool_size);
  run->entity_runs = g_new0 (guint32, run->pool_size);
  run->entity_actions = g_new0 (guint32, run->pool_size);
  run->entity_tenant = g_new0 (guint32, run->pool_size);
  run->last_run = g_new (gint64, run->pool_size);
  for (guint32 k = 0; k < run->pool_size; k++)
    run->last_run[k] = G_MININT64;

  return TRUE;
}

typedef enum
{
  EVENT_OUT_OF_SCOPE,
  EVENT_NOT_MATCHED,
  EVENT_NO_ENTITY,
  EVENT_COOLDOWN,
  EVENT_RUN,
} EventFate;

/* One event through scope, trigger, entity, cooldown and the graph. */
static EventFate
run_event (Run   *run,
           guint  row)
{
  SluiceSimResult *result = run->result;
  guint32 entity = run->entity_ids[row];
  guint64 actions_before, dropped_before;

  if (run->tenant_ok != NULL && !run->tenant_ok[run->table->tenants[row]])
    return EVENT_OUT_OF_SCOPE;
  if (run->scope->segments != NULL && (entity == 0 || !(run->entity_ok[entity] & 1)))
    return EVENT_OUT_OF_SCOPE;
  if (run->source_column != NULL
      && (run->source_column->kinds[row] != SLUICE_VALUE_STRING || run->source_column->texts[row] != run->source_id))
    return EVENT_OUT_OF_SCOPE;

  run->row = row;
  run->now = run->table->times[row];
  run->entity = entity;
  result->events_scanned++;

  if (!evaluate_all (run->triggers, FALSE, run))
    return EVENT_NOT_MATCHED;

  result->events_matched++;
  if (entity == 0)
    {
      result->events_without_entity++;
      return EVENT_NO_ENTITY;
    }
  if (run->entity_events[entity]++ == 0)
    {
      result->entities_matched++;
      run->entity_tenant[entity] = run->table->tenants[row];
    }

  if (run->cooldown_ms > 0 && run->last_run[entity] != G_MININT64
      && run->now < run->last_run[entity] + run->cooldown_ms)
    {
      result->suppressed_by_cooldown++;
      return EVENT_COOLDOWN;
    }
  run->last_run[entity] = run->now;
  result->runs++;
  run->entity_runs[entity]++;

  run->budget = run->max_fan_out > 0 ? run->max_fan_out : G_MAXUINT64;
  run->run_latency_ms = 0;
  actions_before = result->actions_total;
  dropped_before = result->dropped_by_fan_out;
  walk (run, run->first, 1, run->now, 0);
  if (result->dropped_by_fan_out > dropped_before)
    result->events_over_fan_out++;

  run->entity_actions[entity] += result->actions_total - actions_before;
  result->run_time_mean_ms += run->run_latency_ms;
  result->run_time_max_ms = MAX (result->run_time_max_ms, run->run_latency_ms);

  return EVENT_RUN;
}

static void
rank_entities (Run *run)
{
  SluiceSimResult *result = run->result;
  const SluiceScope *scope = run->scope;

  for (guint32 e = 1; e < run->pool_size; e++)
    {
      SluiceEntityStat stat;

      if (run->entity_events[e] == 0)
        continue;
      stat.entity = sluice_string_pool_get (run->pool, e);
      stat.tenant = run->entity_tenant[e] ? sluice_string_pool_get (run->pool, run->entity_tenant[e]) : NULL;
      stat.events = run->entity_events[e];
      stat.runs = run->entity_runs[e];
      stat.actions = run->entity_actions[e];
      stat.in_canary = FALSE;
      if (scope->canary_segment != NULL)
        stat.in_canary = (run->entity_ok[e] & 2) != 0;
      else if (scope->canary_percent >= 0)
        stat.in_canary = sluice_canary_contains (result->workflow_name ?: "", stat.entity, scope->canary_percent);
      if (stat.in_canary)
        {
          result->canary_entities++;
          result->canary_actions += stat.actions;
        }
      g_array_append_val (result->entities, stat);
    }
  g_array_sort (result->entities, compare_entities);
}

static void
add_findings (Run *run)
{
  SluiceSimResult *result = run->result;
  SluiceStep *trigger = sluice_workflow_get_trigger (run->workflow);

  add_filter_findings (run);

  if (run->table->n == 0)
    add_data_finding (run, SLUICE_SEVERITY_WARNING, "data/no-events", sluice_step_get_id (trigger),
                      _("The dataset has no “%s” events, so the trigger never fires; import some or check the event type"),
                      run->table->type);
  if (result->events_without_entity > 0)
    add_data_finding (run, SLUICE_SEVERITY_WARNING, "data/entity-missing", NULL,
                      _("%" PRIu64 " matched events have no value at the entity key “%s”, so they were not run"),
                      result->events_without_entity, sluice_workflow_get_entity_key (run->workflow) ?: "");
  for (guint i = 0; i < result->steps->len; i++)
    {
      SluiceStepOutcome *step = g_ptr_array_index (result->steps, i);

      if (step->cap_hits > 0)
        add_data_finding (run, SLUICE_SEVERITY_WARNING, "data/fan-out-cap", step->step_id,
                          _("The for-each “%s” reached its cap on %" PRIu64 " events; the items past the cap are not processed"),
                          step->step_id, step->cap_hits);
    }
  if (result->dropped_by_fan_out > 0)
    add_data_finding (run, SLUICE_SEVERITY_WARNING, "data/max-fan-out", NULL,
                      _("maxFanOut (%" PRIu64 ") would drop %" PRIu64 " actions of %" PRIu64 " events"),
                      run->max_fan_out, result->dropped_by_fan_out, result->events_over_fan_out);

  sluice_diagnostics_sort (result->findings);
}

static SluiceSimResult *
result_new_for (SluiceSimulator   *self,
                SluiceWorkflow    *workflow,
                const SluiceScope *scope)
{
  SluiceSimResult *result = sluice_sim_result_new ();

  result->workflow_name = g_strdup (sluice_workflow_get_name (workflow));
  result->workflow_digest = sluice_workflow_get_digest (workflow);
  result->dataset_digest = sluice_event_store_get_digest (self->store);
  result->scope = sluice_scope_copy (scope);
  result->canary_percent = scope->canary_percent;
  result->canary_segment = g_strdup (scope->canary_segment);
  result->created_ms = g_get_real_time () / 1000;

  return result;
}

/**
 * sluice_simulator_run:
 * @workflow: the workflow; it is validated as part of the run
 * @scope: which events to look at
 *
 * Dry-runs @workflow over the events of its trigger type in @scope.
 * Nothing outside the process is touched.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
SluiceSimResult *
sluice_simulator_run (SluiceSimulator   *self,
                      SluiceWorkflow    *workflow,
                      const SluiceScope *scope,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(SluiceSimResult) result = NULL;
  gint64 started = g_get_monotonic_time ();
  Run run = { 0 };
  guint first, last;

  g_return_val_if_fail (SLUICE_IS_SIMULATOR (self), NULL);
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  result = result_new_for (self, workflow, scope);
  sluice_workflow_validate (workflow, NULL, result->findings);

  if (!run_prepare (&run, self, workflow, scope, result, cancellable, error))
    {
      run_clear (&run);
      return NULL;
    }

  first = sluice_type_table_lower_bound (run.table, scope->from_ms);
  last = scope->to_ms == G_MAXINT64 ? run.table->n : sluice_type_table_lower_bound (run.table, scope->to_ms);

  /* `changed` needs what came before the window */
  for (guint i = 0; run.history->len > 0 && i < first; i++)
    record_history (&run, i);

  for (guint i = first; i < last; i++)
    {
      if ((i & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          run_clear (&run);
          return NULL;
        }
      run_event (&run, i);
      record_history (&run, i);
    }

  if (result->runs > 0)
    result->run_time_mean_ms /= result->runs;

  rank_entities (&run);

  /* delays can put actions out of time order */
  for (guint i = 0; i < run.plans->len; i++)
    {
      StepPlan *plan = g_ptr_array_index (run.plans, i);

      if (plan->times != NULL)
        g_array_sort (plan->times, compare_times);
    }

  summarize_destinations (&run);
  g_ptr_array_sort (result->destinations, compare_destinations);
  simulate_rate_limits (&run);
  check_quotas (&run);
  add_findings (&run);

  result->elapsed_ms = (g_get_monotonic_time () - started) / 1000;

  run_clear (&run);
  return g_steal_pointer (&result);
}

/* The event as templates see it: data, event, entity and workflow. */
static JsonNode *
event_context (SluiceSimulator *self,
               SluiceWorkflow  *workflow,
               gint64           seq,
               const char      *entity,
               JsonObject     **event_out)
{
  sqlite3 *db = sluice_event_store_get_database (self->store);
  g_autoptr(JsonObject) context = json_object_new ();
  g_autoptr(JsonObject) event = json_object_new ();
  g_autoptr(JsonObject) wf = json_object_new ();
  sqlite3_stmt *stmt = NULL;
  JsonNode *node;

  sqlite3_prepare_v2 (db, "SELECT id, type, source, subject, time, tenant, data, extensions FROM events WHERE seq = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      static const char * const names[] = { "id", "type", "source", "subject" };
      g_autofree char *time = sluice_time_format (sqlite3_column_int64 (stmt, 4));

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
          json_object_set_string_member (event, names[i], (const char *) sqlite3_column_text (stmt, i));
      json_object_set_string_member (event, "time", time);
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        json_object_set_string_member (event, "tenant", (const char *) sqlite3_column_text (stmt, 5));
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          if (json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 6), -1, NULL))
            json_object_set_member (context, "data", json_node_ref (json_parser_get_root (parser)));
        }
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          if (json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 7), -1, NULL)
              && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
            {
              JsonObjectIter iter;
              const char *name;
              JsonNode *member;

              json_object_iter_init_ordered (&iter, json_node_get_object (json_parser_get_root (parser)));
              while (json_object_iter_next_ordered (&iter, &name, &member))
                if (!json_object_has_member (event, name))
                  json_object_set_member (event, name, sluice_json_deep_copy (member));
            }
        }
    }
  sqlite3_finalize (stmt);

  json_object_set_string_member (wf, "name", sluice_workflow_get_name (workflow) ?: "");
  json_object_set_int_member (wf, "version", sluice_workflow_get_version (workflow));

  *event_out = json_object_ref (event);
  json_object_set_object_member (context, "event", g_steal_pointer (&event));
  json_object_set_string_member (context, "entity", entity);
  json_object_set_object_member (context, "workflow", g_steal_pointer (&wf));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, g_steal_pointer (&context));
  return node;
}

/**
 * sluice_simulator_shadow_log:
 * @entity: the entity to drill into
 * @max_events: at most this many of its events, the earliest first
 *
 * What the workflow would have done to one entity: each of its events in
 * scope, whether it matched, and the would-be actions with their templates
 * filled from the event — exactly as sluice_simulator_run() decides.
 *
 * Returns: (transfer full) (nullable): a JSON array of
 *   {event, fate, actions}, or %NULL with @error set
 */
JsonNode *
sluice_simulator_shadow_log (SluiceSimulator   *self,
                             SluiceWorkflow    *workflow,
                             const SluiceScope *scope,
                             const char        *entity,
                             guint              max_events,
                             GCancellable      *cancellable,
                             GError           **error)
{
  static const char * const fates[] = { "out-of-scope", "not-matched", "no-entity", "cooldown", "run" };
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(JsonArray) log = json_array_new ();
  Run run = { 0 };
  JsonNode *node;
  guint32 entity_id;
  guint first, last;

  g_return_val_if_fail (SLUICE_IS_SIMULATOR (self), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  result = result_new_for (self, workflow, scope);
  if (!run_prepare (&run, self, workflow, scope, result, cancellable, error))
    {
      run_clear (&run);
      return NULL;
    }

  entity_id = sluice_string_pool_lookup (run.pool, entity);
  first = sluice_type_table_lower_bound (run.table, scope->from_ms);
  last = scope->to_ms == G_MAXINT64 ? run.table->n : sluice_type_table_lower_bound (run.table, scope->to_ms);

  for (guint i = 0; entity_id != 0 && i < last && json_array_get_length (log) < max_events; i++)
    {
      g_autoptr(JsonObject) entry = NULL;
      g_autoptr(JsonObject) event = NULL;
      g_autoptr(JsonNode) context = NULL;
      EventFate fate;

      if (run.entity_ids[i] != entity_id)
        continue;
      if (i < first)
        {
          record_history (&run, i);
          continue;
        }

      context = event_context (self, workflow, run.table->seqs[i], entity, &event);
      run.context = context;
      run.shadow_actions = json_array_new ();
      fate = run_event (&run, i);
      record_history (&run, i);

      entry = json_object_new ();
      json_object_set_object_member (entry, "event", g_steal_pointer (&event));
      if (json_object_has_member (json_node_get_object (context), "data"))
        json_object_set_member (json_object_get_object_member (entry, "event"), "data",
                                json_node_ref (json_object_get_member (json_node_get_object (context), "data")));
      json_object_set_string_member (entry, "fate", fates[fate]);
      json_object_set_array_member (entry, "actions", g_steal_pointer (&run.shadow_actions));
      json_array_add_object_element (log, g_steal_pointer (&entry));
      run.context = NULL;
    }

  run_clear (&run);

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, g_steal_pointer (&log));
  return node;
}

/**
 * sluice_simulator_record_run:
 *
 * Keeps the run's summary in the dataset, with the workflow and dataset
 * digests, scope and time, so reports and audits can refer to it.
 */
gboolean
sluice_simulator_record_run (SluiceSimulator  *self,
                             SluiceSimResult  *result,
                             GError          **error)
{
  sqlite3 *db = sluice_event_store_get_database (self->store);
  g_autoptr(JsonNode) scope = sluice_scope_to_json (result->scope);
  g_autoptr(JsonNode) summary = sluice_sim_result_to_json (result, 20);
  g_autofree char *scope_text = sluice_json_to_string (scope, FALSE);
  g_autofree char *summary_text = sluice_json_to_string (summary, FALSE);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SLUICE_IS_SIMULATOR (self), FALSE);

  sqlite3_prepare_v2 (db,
                      "INSERT INTO runs (created, workflow_name, workflow_digest, dataset_digest, scope, summary)"
                      " VALUES (?, ?, ?, ?, ?, ?)", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, result->created_ms);
  sqlite3_bind_text (stmt, 2, result->workflow_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, result->workflow_digest, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, result->dataset_digest, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, scope_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, summary_text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SLUICE_SIM_ERROR, SLUICE_SIM_ERROR_DATABASE,
                   _("Cannot record the run in the dataset: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}
