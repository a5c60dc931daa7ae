/* sluice-cli-simulate.c — sluice-cli simulate and sluice-cli diff
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-cli.h"
#include "sluice-cli-dataset.h"
#include "sluice-json.h"
#include "sluice-sim-diff.h"
#include "sluice-simulator.h"

static void
print_json (JsonNode *node)
{
  g_autofree char *text = sluice_json_to_string (node, TRUE);
  printf ("%s\n", text);
}

/* ---- --fail-if ------------------------------------------------------------ */

typedef enum
{
  FAIL_IF_GT,
  FAIL_IF_GE,
  FAIL_IF_LT,
  FAIL_IF_LE,
  FAIL_IF_EQ,
  FAIL_IF_NE,
} FailIfOp;

/* "KEY OP NUMBER": a gate for CI on a number of the result */
typedef struct
{
  const char *text;
  char       *key;
  FailIfOp    op;
  double      number;
} FailIf;

static void
fail_if_clear (gpointer data)
{
  FailIf *gate = data;
  g_free (gate->key);
}

static const struct
{
  const char *symbol;
  FailIfOp    op;
} fail_if_ops[] = {
  /* two-character operators first, so ">=" is not read as ">" */
  { ">=", FAIL_IF_GE }, { "<=", FAIL_IF_LE }, { "==", FAIL_IF_EQ }, { "!=", FAIL_IF_NE },
  { ">", FAIL_IF_GT }, { "<", FAIL_IF_LT },
};

static void
print_fail_if_error (const char *text,
                     const char *problem)
{
  g_printerr (_("sluice-cli simulate: --fail-if “%s”: %s\n"
                "Write KEY OP NUMBER, for example --fail-if 'entities_matched > 500' or\n"
                "--fail-if 'actions.notify-owner >= 1000'; OP is one of > >= < <= == !=.\n"),
              text, problem);
}

static gboolean
parse_fail_if (const char *text,
               FailIf     *gate)
{
  const char *p = text, *key_start;
  char *end = NULL;
  gboolean found = FALSE;

  gate->text = text;
  while (g_ascii_isspace (*p))
    p++;
  key_start = p;
  while (*p != '\0' && !g_ascii_isspace (*p) && strchr ("<>=!", *p) == NULL)
    p++;
  if (p == key_start)
    {
      print_fail_if_error (text, _("there is no KEY before the operator"));
      return FALSE;
    }
  gate->key = g_strndup (key_start, p - key_start);

  while (g_ascii_isspace (*p))
    p++;
  for (guint i = 0; i < G_N_ELEMENTS (fail_if_ops) && !found; i++)
    if (g_str_has_prefix (p, fail_if_ops[i].symbol))
      {
        gate->op = fail_if_ops[i].op;
        p += strlen (fail_if_ops[i].symbol);
        found = TRUE;
      }
  if (!found)
    {
      print_fail_if_error (text, *p ? _("the operator is not one of > >= < <= == !=")
                                    : _("the operator and the number are missing"));
      return FALSE;
    }

  while (g_ascii_isspace (*p))
    p++;
  gate->number = g_ascii_strtod (p, &end);
  if (end == p || !isfinite (gate->number))
    {
      print_fail_if_error (text, _("the right-hand side is not a number"));
      return FALSE;
    }
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    {
      print_fail_if_error (text, _("there is more after the number"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
json_is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* The names of @object's numbers, for error messages: "a, b, c". */
static char *
number_members (JsonObject *object,
                const char *prefix)
{
  g_autoptr(GList) members = object ? json_object_get_members (object) : NULL;
  GString *out = g_string_new (NULL);

  for (GList *l = members; l != NULL; l = l->next)
    if (json_is_number (json_object_get_member (object, l->data)))
      g_string_append_printf (out, "%s%s%s", out->len ? ", " : "", prefix, (const char *) l->data);
  if (out->len == 0)
    g_string_append (out, _("(none)"));
  return g_string_free (out, FALSE);
}

/* Looks KEY up in the result's JSON: a top-level number, or
 * "object.member" for a number one level down (actions.STEP). */
static gboolean
fail_if_value (FailIf     *gate,
               JsonObject *root,
               double     *value)
{
  const char *dot = strchr (gate->key, '.');
  JsonNode *node;

  if (dot == NULL)
    node = json_object_get_member (root, gate->key);
  else
    {
      g_autofree char *head = g_strndup (gate->key, dot - gate->key);
      JsonNode *parent = json_object_get_member (root, head);

      if (parent == NULL || !JSON_NODE_HOLDS_OBJECT (parent))
        {
          g_autofree char *problem = g_strdup_printf (_("the result has no group “%s”"), head);
          print_fail_if_error (gate->text, problem);
          return FALSE;
        }
      node = json_object_get_member (json_node_get_object (parent), dot + 1);
      if (!json_is_number (node))
        {
          g_autofree char *prefix = g_strconcat (head, ".", NULL);
          g_autofree char *known = number_members (json_node_get_object (parent), prefix);
          g_autofree char *problem = g_strdup_printf (_("the result has no number “%s”; it has %s"),
                                                      gate->key, known);
          print_fail_if_error (gate->text, problem);
          return FALSE;
        }
    }

  if (!json_is_number (node))
    {
      g_autofree char *known = number_members (root, "");
      g_autofree char *problem = g_strdup_printf (_("the result has no number “%s”; it has %s, and actions.STEP"),
                                                  gate->key, known);
      print_fail_if_error (gate->text, problem);
      return FALSE;
    }

  *value = json_node_get_value_type (node) == G_TYPE_INT64 ? (double) json_node_get_int (node)
                                                           : json_node_get_double (node);
  return TRUE;
}

static gboolean
fail_if_holds (const FailIf *gate,
               double        value)
{
  switch (gate->op)
    {
    case FAIL_IF_GT: return value > gate->number;
    case FAIL_IF_GE: return value >= gate->number;
    case FAIL_IF_LT: return value < gate->number;
    case FAIL_IF_LE: return value <= gate->number;
    case FAIL_IF_EQ: return value == gate->number;
    case FAIL_IF_NE: return value != gate->number;
    default: break;
    }
  g_return_val_if_reached (FALSE);
}

int
sluice_cli_simulate (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(SluiceSimulator) simulator = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceScope) scope = NULL;
  g_autoptr(SluiceSimResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entity = NULL;
  g_auto(GStrv) fail_if = NULL;
  g_autoptr(GArray) gates = NULL;
  g_autofree double *gate_values = NULL;
  SluiceCliScopeOptions options;
  gboolean no_record = FALSE;
  gboolean json;
  int status = SLUICE_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "entity", 0, 0, G_OPTION_ARG_STRING, &entity,
      N_("Show the shadow log of one entity: its events and the would-be actions, filled in"), N_("ID") },
    { "no-record", 0, 0, G_OPTION_ARG_NONE, &no_record,
      N_("Do not keep this run in the dataset's run history"), NULL },
    { "fail-if", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fail_if,
      N_("Exit with 1 when KEY OP NUMBER holds, e.g. 'entities_matched > 500'; repeat for more"), N_("EXPR") },
    { NULL }
  };

  sluice_cli_scope_options_init (&options);
  context = g_option_context_new (_("WORKFLOW — dry-run a workflow over imported events"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, sluice_cli_scope_option_group (&options));
  g_option_context_set_description (context,
    _("Shows what the workflow would have done to the events in scope: events and\n"
      "entities matched, would-be actions per step, requests per destination, rate\n"
      "limit use, filters that could not be evaluated, findings, the entities with\n"
      "the most actions and, with --canary, who a canary would cover. Nothing is sent.\n"
      "Runs over a --dataset are kept in its run history.\n\n"
      "--fail-if gates CI on the result: KEY is a number of the JSON output\n"
      "(events_matched, entities_matched, actions_total, runs, …) or actions.STEP,\n"
      "OP one of > >= < <= == !=. The output is printed as usual; then each gate\n"
      "that holds is named on stderr.\n\n"
      "Exit status: 0 on success, 1 when the workflow is not valid or a --fail-if\n"
      "holds, 2 on bad options (a bad --fail-if too) or an unusable dataset."));

  if (!sluice_cli_parse_options (context, &argc, &argv))
    goto usage;
  if (argc != 2)
    {
      g_printerr (_("sluice-cli simulate: give one workflow file\n"));
      goto usage;
    }
  if (!sluice_cli_check_format (options.format, "simulate"))
    goto usage;
  json = g_strcmp0 (options.format, "json") == 0;

  gates = g_array_new (FALSE, TRUE, sizeof (FailIf));
  g_array_set_clear_func (gates, fail_if_clear);
  for (guint i = 0; fail_if != NULL && fail_if[i] != NULL; i++)
    {
      FailIf gate = { 0 };
      gboolean ok = parse_fail_if (fail_if[i], &gate);

      g_array_append_val (gates, gate);
      if (!ok)
        goto usage;
    }
  if (gates->len > 0 && entity != NULL)
    {
      g_printerr (_("sluice-cli simulate: --fail-if gates a dry run's numbers; it does not go with --entity\n"));
      goto usage;
    }

  workflow = sluice_cli_load_workflow (argv[1], "simulate");
  if (workflow == NULL)
    {
      sluice_cli_scope_options_clear (&options);
      return SLUICE_CLI_EXIT_FAILED;
    }

  store = sluice_cli_open_dataset (&options, "simulate");
  if (store == NULL || (scope = sluice_cli_make_scope (&options, store, "simulate")) == NULL)
    goto usage;

  simulator = sluice_simulator_new (store);

  if (entity != NULL)
    {
      g_autoptr(JsonNode) log = sluice_simulator_shadow_log (simulator, workflow, scope, entity, 100, NULL, &error);

      if (log == NULL)
        {
          g_printerr ("sluice-cli simulate: %s\n", error->message);
          goto usage;
        }
      print_json (log);
      sluice_cli_scope_options_clear (&options);
      return SLUICE_CLI_EXIT_OK;
    }

  result = sluice_simulator_run (simulator, workflow, scope, NULL, &error);
  if (result == NULL)
    {
      g_printerr ("sluice-cli simulate: %s\n", error->message);
      sluice_cli_scope_options_clear (&options);
      return SLUICE_CLI_EXIT_FAILED;
    }

  if (options.dataset != NULL && !no_record && !sluice_simulator_record_run (simulator, result, &error))
    {
      g_printerr ("sluice-cli simulate: %s\n", error->message);
      status = SLUICE_CLI_EXIT_USAGE;
    }

  /* every gate's key is checked before anything is printed */
  gate_values = g_new0 (double, MAX (gates->len, 1));
  if (gates->len > 0)
    {
      g_autoptr(JsonNode) node = sluice_sim_result_to_json (result, 0);

      for (guint i = 0; i < gates->len; i++)
        if (!fail_if_value (&g_array_index (gates, FailIf, i), json_node_get_object (node), &gate_values[i]))
          goto usage;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = sluice_sim_result_to_json (result, MAX (options.top, 0));
      print_json (node);
    }
  else
    {
      g_autofree char *text = sluice_sim_result_to_text (result, MAX (options.top, 0));
      fputs (text, stdout);
    }

  for (guint i = 0; i < gates->len; i++)
    {
      FailIf *gate = &g_array_index (gates, FailIf, i);
      char value[G_ASCII_DTOSTR_BUF_SIZE];

      if (!fail_if_holds (gate, gate_values[i]))
        continue;
      g_ascii_formatd (value, sizeof value, "%.15g", gate_values[i]);
      g_printerr (_("sluice-cli simulate: --fail-if “%s” holds: %s is %s\n"), gate->text, gate->key, value);
      if (status == SLUICE_CLI_EXIT_OK)
        status = SLUICE_CLI_EXIT_FAILED;
    }

  sluice_cli_scope_options_clear (&options);
  return status;

usage:
  sluice_cli_scope_options_clear (&options);
  return SLUICE_CLI_EXIT_USAGE;
}

int
sluice_cli_diff (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceEventStore) store = NULL;
  g_autoptr(SluiceSimulator) simulator = NULL;
  g_autoptr(SluiceWorkflow) before = NULL;
  g_autoptr(SluiceWorkflow) after = NULL;
  g_autoptr(SluiceScope) scope = NULL;
  g_autoptr(SluiceSimResult) result_before = NULL;
  g_autoptr(SluiceSimResult) result_after = NULL;
  g_autoptr(SluiceSimDiff) diff = NULL;
  g_autoptr(GError) error = NULL;
  SluiceCliScopeOptions options;

  sluice_cli_scope_options_init (&options);
  context = g_option_context_new (_("BEFORE AFTER — compare two versions of a workflow over the same events"));
  g_option_context_add_group (context, sluice_cli_scope_option_group (&options));
  g_option_context_set_description (context,
    _("Lists the entities that newly qualify (AFTER acts on them, BEFORE did not),\n"
      "those that drop out, and how many stay, and the change in actions per step.\n\n"
      "Exit status: 0 on success, 1 when a workflow is not valid, 2 on bad options\n"
      "or an unusable dataset."));

  if (!sluice_cli_parse_options (context, &argc, &argv))
    goto usage;
  if (argc != 3)
    {
      g_printerr (_("sluice-cli diff: give two workflow files, BEFORE and AFTER\n"));
      goto usage;
    }
  if (!sluice_cli_check_format (options.format, "diff"))
    goto usage;

  before = sluice_cli_load_workflow (argv[1], "diff");
  after = sluice_cli_load_workflow (argv[2], "diff");
  if (before == NULL || after == NULL)
    {
      sluice_cli_scope_options_clear (&options);
      return SLUICE_CLI_EXIT_FAILED;
    }

  store = sluice_cli_open_dataset (&options, "diff");
  if (store == NULL || (scope = sluice_cli_make_scope (&options, store, "diff")) == NULL)
    goto usage;

  simulator = sluice_simulator_new (store);
  result_before = sluice_simulator_run (simulator, before, scope, NULL, &error);
  if (result_before != NULL)
    result_after = sluice_simulator_run (simulator, after, scope, NULL, &error);
  if (result_after == NULL)
    {
      g_printerr ("sluice-cli diff: %s\n", error->message);
      sluice_cli_scope_options_clear (&options);
      return SLUICE_CLI_EXIT_FAILED;
    }

  diff = sluice_sim_diff_new (result_before, result_after);
  if (g_strcmp0 (options.format, "json") == 0)
    {
      g_autoptr(JsonNode) node = sluice_sim_diff_to_json (diff, MAX (options.top, 0));
      print_json (node);
    }
  else
    {
      g_autofree char *text = sluice_sim_diff_to_text (diff, MAX (options.top, 0));
      fputs (text, stdout);
    }

  sluice_cli_scope_options_clear (&options);
  return SLUICE_CLI_EXIT_OK;

usage:
  sluice_cli_scope_options_clear (&options);
  return SLUICE_CLI_EXIT_USAGE;
}
