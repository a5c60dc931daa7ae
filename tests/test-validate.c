/* test-validate.c — every validation rule, with the positions it reports
 *
 * Each case is a small YAML document: the base document below, which has no
 * findings at all, with a few lines changed or added. Line numbers in the
 * expectations count from the top of that document; the comments next to
 * the YAML give them.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sluice-validator.h"

#define ERROR   SLUICE_SEVERITY_ERROR
#define WARNING SLUICE_SEVERITY_WARNING

/* The smallest workflow that is fine: no finding, with or without a policy
 * that asks for nothing. Steps and safety settings are appended after
 * line 19, so the lines above keep their numbers. */
static const char base_document[] =
  "apiVersion: sluice.dev/v1\n"           /*  1 */
  "kind: Workflow\n"                      /*  2 */
  "metadata:\n"                           /*  3 */
  "  name: base\n"                        /*  4 */
  "spec:\n"                               /*  5 */
  "  entityKey: data.account\n"           /*  6 */
  "  trigger:\n"                          /*  7 */
  "    id: start\n"                       /*  8 */
  "    type: event\n"                     /*  9 */
  "    event: usage.updated\n"            /* 10 */
  "    filters:\n"                        /* 11 */
  "    - path: data.percent\n"            /* 12 */
  "      op: gte\n"                       /* 13 */
  "      value: 80\n"                     /* 14 */
  "    next: first\n"                     /* 15 */
  "  steps:\n"                            /* 16 */
  "  - id: first\n"                       /* 17 */
  "    type: record\n"                    /* 18 */
  "    title: Usage at {{ data.percent }}%\n"; /* 19 */

/* ---- helpers ------------------------------------------------------------- */

static char *
dump_diagnostics (SluiceDiagnostics *diagnostics)
{
  GString *out = g_string_new (NULL);

  if (diagnostics->len == 0)
    g_string_append (out, "  (no findings)\n");

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_string_append_printf (out, "  %s %s at %u:%u (path %s, step %s): %s\n",
                              sluice_severity_to_string (d->severity), d->rule_id,
                              d->line, d->column,
                              d->path ? d->path : "-", d->step_id ? d->step_id : "-",
                              d->message);
    }

  return g_string_free (out, FALSE);
}

/* Replaces the one occurrence of @find in @text. */
static char *
edit (const char *text,
      const char *find,
      const char *replacement)
{
  const char *at = strstr (text, find);

  if (at == NULL || strstr (at + 1, find) != NULL)
    g_error ("“%s” is not in the document exactly once", find);

  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, replacement, at + strlen (find));
}

static char *
edit_base (const char *find,
           const char *replacement)
{
  return edit (base_document, find, replacement);
}

static char *
base_plus (const char *tail)
{
  return g_strconcat (base_document, tail, NULL);
}

static char *
policy_document (const char *spec)
{
  return g_strconcat ("apiVersion: sluice.dev/v1\n"
                      "kind: Policy\n"
                      "metadata:\n"
                      "  name: test\n"
                      "spec:\n",
                      spec, NULL);
}

/* Loads @text (which must load without errors), validates it against the
 * policy in @policy_text (if any) and returns the findings. */
static SluiceDiagnostics *
validate_with_policy (const char *text,
                      const char *policy_text)
{
  g_autoptr(SluiceDiagnostics) load_diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluicePolicy) policy = NULL;
  SluiceDiagnostics *diagnostics = sluice_diagnostics_new ();

  if (policy_text != NULL)
    {
      policy = sluice_policy_load_from_data (policy_text, strlen (policy_text), load_diagnostics);
      if (policy == NULL)
        {
          g_autofree char *dump = dump_diagnostics (load_diagnostics);
          g_test_fail_printf ("the policy does not load:\n%s%s", dump, policy_text);
          return diagnostics;
        }
    }

  workflow = sluice_workflow_load_from_data (text, strlen (text), load_diagnostics);
  if (workflow == NULL)
    {
      g_autofree char *dump = dump_diagnostics (load_diagnostics);
      g_test_fail_printf ("the workflow does not load:\n%s%s", dump, text);
      return diagnostics;
    }
  g_assert_cmpuint (load_diagnostics->len, ==, 0);

  sluice_workflow_validate (workflow, policy, diagnostics);
  return diagnostics;
}

static SluiceDiagnostics *
validate (const char *text)
{
  return validate_with_policy (text, NULL);
}

static const SluiceDiagnostic *
find_finding (SluiceDiagnostics *diagnostics,
              const char        *rule_id,
              SluiceSeverity     severity,
              guint              line,
              guint              column,
              const char        *message_part)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_str_equal (d->rule_id, rule_id) && d->severity == severity
          && d->line == line && d->column == column
          && (message_part == NULL || strstr (d->message, message_part) != NULL))
        return d;
    }

  return NULL;
}

static guint
count_rule (SluiceDiagnostics *diagnostics,
            const char        *rule_id)
{
  guint n = 0;

  for (guint i = 0; i < diagnostics->len; i++)
    if (g_str_equal (((SluiceDiagnostic *) g_ptr_array_index (diagnostics, i))->rule_id, rule_id))
      n++;

  return n;
}

static const SluiceDiagnostic *
assert_finding_full (const char        *where,
                     SluiceDiagnostics *diagnostics,
                     const char        *rule_id,
                     SluiceSeverity     severity,
                     guint              line,
                     guint              column,
                     const char        *message_part)
{
  const SluiceDiagnostic *found = find_finding (diagnostics, rule_id, severity, line, column, message_part);

  if (found == NULL)
    {
      g_autofree char *dump = dump_diagnostics (diagnostics);
      g_test_fail_printf ("%s: expected %s [%s] at %u:%u%s%s%s, found:\n%s",
                          where, sluice_severity_to_string (severity), rule_id, line, column,
                          message_part ? " mentioning “" : "", message_part ? message_part : "",
                          message_part ? "”" : "", dump);
    }

  return found;
}

#define assert_finding(d, rule, severity, line, column) \
  assert_finding_full (G_STRLOC, d, rule, severity, line, column, NULL)
#define assert_finding_message(d, rule, severity, line, column, part) \
  assert_finding_full (G_STRLOC, d, rule, severity, line, column, part)

static void
assert_no_rule_full (const char        *where,
                     SluiceDiagnostics *diagnostics,
                     const char        *rule_id)
{
  if (count_rule (diagnostics, rule_id) > 0)
    {
      g_autofree char *dump = dump_diagnostics (diagnostics);
      g_test_fail_printf ("%s: expected no [%s], found:\n%s", where, rule_id, dump);
    }
}

#define assert_no_rule(d, rule) assert_no_rule_full (G_STRLOC, d, rule)

static void
assert_n_findings_full (const char        *where,
                        SluiceDiagnostics *diagnostics,
                        guint              n)
{
  if (diagnostics->len != n)
    {
      g_autofree char *dump = dump_diagnostics (diagnostics);
      g_test_fail_printf ("%s: expected %u findings, found %u:\n%s", where, n, diagnostics->len, dump);
    }
}

#define assert_n_findings(d, n) assert_n_findings_full (G_STRLOC, d, n)
#define assert_clean(d) assert_n_findings_full (G_STRLOC, d, 0)

static char *
read_data_file (const char *relative)
{
  g_autofree char *path = g_build_filename (g_getenv ("SLUICE_DATADIR"), relative, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("cannot read %s: %s", path, error->message);
  return contents;
}

/* ---- the base and the examples ---------------------------------------------- */

static void
test_base_is_clean (void)
{
  g_autoptr(SluiceDiagnostics) plain = validate (base_document);
  g_autofree char *empty_policy = policy_document ("  requireRateLimits: false\n");
  g_autoptr(SluiceDiagnostics) with_policy = validate_with_policy (base_document, empty_policy);

  assert_clean (plain);
  assert_clean (with_policy);
}

static void
test_examples_are_clean (void)
{
  static const char * const examples[] = {
    "examples/usage-quota-80.workflow.yaml",
    "examples/agreement-renewal-t30.workflow.yaml",
    "examples/contact-fanout.workflow.yaml",
  };
  g_autofree char *policy = read_data_file ("policies/default.policy.yaml");

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *text = read_data_file (examples[i]);
      g_autoptr(SluiceDiagnostics) plain = validate (text);
      g_autoptr(SluiceDiagnostics) with_policy = validate_with_policy (text, policy);

      g_test_message ("%s", examples[i]);
      assert_clean (plain);
      assert_clean (with_policy);
    }
}

/* ---- trigger ------------------------------------------------------------------ */

static void
test_trigger_missing (void)
{
  /* spec loses lines 7-15; steps: is line 7, first is line 8 */
  g_autofree char *text = edit_base ("  trigger:\n"
                                     "    id: start\n"
                                     "    type: event\n"
                                     "    event: usage.updated\n"
                                     "    filters:\n"
                                     "    - path: data.percent\n"
                                     "      op: gte\n"
                                     "      value: 80\n"
                                     "    next: first\n", "");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  const SluiceDiagnostic *d;

  /* reported on spec (line 5 is "spec:", its mapping starts at line 6) */
  d = assert_finding (diagnostics, "trigger/missing", ERROR, 6, 3);
  g_assert_true (d == NULL || d->step_id == NULL);
  /* without a trigger nothing is unreachable: reachability needs a start */
  assert_no_rule (diagnostics, "graph/unreachable-step");
  assert_n_findings (diagnostics, 1);
}

static void
test_trigger_duplicate (void)
{
  g_autofree char *text = base_plus ("  - id: again\n"          /* 20 */
                                     "    type: schedule\n"     /* 21 */
                                     "    cron: 0 9 * * 1\n");  /* 22 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  const SluiceDiagnostic *d;

  d = assert_finding_message (diagnostics, "trigger/duplicate", ERROR, 21, 11, "“again” is a second trigger");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "again");
  /* a second trigger is not also "unreachable" */
  assert_n_findings (diagnostics, 1);
}

static void
test_trigger_no_filters (void)
{
  /* no filters at all: lines 11-14 go, next is line 11 */
  g_autofree char *missing = edit_base ("    filters:\n"
                                        "    - path: data.percent\n"
                                        "      op: gte\n"
                                        "      value: 80\n", "");
  /* an empty list counts as none */
  g_autofree char *empty = edit_base ("    filters:\n"
                                      "    - path: data.percent\n"
                                      "      op: gte\n"
                                      "      value: 80\n", "    filters: []\n");
  /* a schedule trigger needs no filters */
  g_autofree char *schedule = edit_base ("    type: event\n"
                                         "    event: usage.updated\n"
                                         "    filters:\n"
                                         "    - path: data.percent\n"
                                         "      op: gte\n"
                                         "      value: 80\n",
                                         "    type: schedule\n"
                                         "    cron: 0 9 * * 1-5\n");
  g_autoptr(SluiceDiagnostics) d1 = validate (missing);
  g_autoptr(SluiceDiagnostics) d2 = validate (empty);
  g_autoptr(SluiceDiagnostics) d3 = validate (schedule);

  /* reported on the event type, line 10 */
  assert_finding_message (d1, "trigger/no-filters", WARNING, 10, 12, "every “usage.updated” event");
  assert_n_findings (d1, 1);
  assert_finding (d2, "trigger/no-filters", WARNING, 10, 12);
  assert_n_findings (d2, 1);
  assert_clean (d3);
}

static void
test_trigger_no_next (void)
{
  g_autofree char *text = edit_base ("    next: first\n", "");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  const SluiceDiagnostic *d;

  /* on the trigger itself (its mapping starts at line 8); every later
   * line moves up one */
  d = assert_finding (diagnostics, "trigger/no-next", WARNING, 8, 5);
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "start");
  assert_finding (diagnostics, "graph/unreachable-step", WARNING, 16, 9);
  assert_n_findings (diagnostics, 2);
}

/* ---- graph ---------------------------------------------------------------------- */

static void
test_graph_duplicate_id (void)
{
  g_autofree char *text = base_plus ("    next: second\n"    /* 20 */
                                     "  - id: second\n"      /* 21 */
                                     "    type: record\n"    /* 22 */
                                     "    title: Two\n"      /* 23 */
                                     "  - id: second\n"      /* 24 */
                                     "    type: end\n");     /* 25 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  assert_finding_message (diagnostics, "graph/duplicate-id", ERROR, 24, 9, "“second”");
  /* the first "second" is the one edges lead to */
  assert_finding (diagnostics, "graph/unreachable-step", WARNING, 24, 9);
  assert_n_findings (diagnostics, 2);
}

static void
test_graph_dangling_edge (void)
{
  g_autofree char *next = base_plus ("    next: nowhere\n");                /* 20 */
  g_autofree char *branch = base_plus ("    next: check\n"                  /* 20 */
                                       "  - id: check\n"                    /* 21 */
                                       "    type: condition\n"              /* 22 */
                                       "    filters:\n"                     /* 23 */
                                       "    - path: data.plan\n"            /* 24 */
                                       "      op: eq\n"                     /* 25 */
                                       "      value: pro\n"                 /* 26 */
                                       "    then: missing-then\n"           /* 27 */
                                       "    else: missing-else\n");         /* 28 */
  g_autofree char *cases = base_plus ("    next: route\n"                   /* 20 */
                                      "  - id: route\n"                     /* 21 */
                                      "    type: switch\n"                  /* 22 */
                                      "    path: data.plan\n"               /* 23 */
                                      "    cases:\n"                        /* 24 */
                                      "    - value: pro\n"                  /* 25 */
                                      "      next: done\n"                  /* 26 */
                                      "    - value: free\n"                 /* 27 */
                                      "      next: missing-case\n"          /* 28 */
                                      "    default: missing-default\n"      /* 29 */
                                      "  - id: done\n"                      /* 30 */
                                      "    type: end\n");                   /* 31 */
  g_autofree char *fixed = edit (cases, "missing-default", "done");
  g_autofree char *fixed2 = edit (fixed, "missing-case", "done");
  g_autoptr(SluiceDiagnostics) d1 = validate (next);
  g_autoptr(SluiceDiagnostics) d2 = validate (branch);
  g_autoptr(SluiceDiagnostics) d3 = validate (cases);
  g_autoptr(SluiceDiagnostics) d4 = validate (fixed2);
  const SluiceDiagnostic *d;

  d = assert_finding_message (d1, "graph/dangling-edge", ERROR, 20, 11, "“first” leads to “nowhere”");
  g_assert_cmpstr (d ? d->path : NULL, ==, "spec.steps[0].next");
  assert_n_findings (d1, 1);

  assert_finding_message (d2, "graph/dangling-edge", ERROR, 27, 11, "“missing-then”");
  assert_finding_message (d2, "graph/dangling-edge", ERROR, 28, 11, "“missing-else”");
  assert_n_findings (d2, 2);

  d = assert_finding_message (d3, "graph/dangling-edge", ERROR, 28, 13, "“missing-case”");
  g_assert_cmpstr (d ? d->path : NULL, ==, "spec.steps[1].cases[1].next");
  assert_finding_message (d3, "graph/dangling-edge", ERROR, 29, 14, "“missing-default”");
  assert_n_findings (d3, 2);

  assert_clean (d4);
}

static void
test_graph_edge_to_trigger (void)
{
  g_autofree char *text = base_plus ("    next: start\n");   /* 20 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  assert_finding_message (diagnostics, "graph/edge-to-trigger", ERROR, 20, 11, "the trigger “start”");
  /* an edge to the trigger is not also a loop */
  assert_no_rule (diagnostics, "graph/cycle");
  assert_n_findings (diagnostics, 1);
}

static void
test_graph_cycle (void)
{
  g_autofree char *self_loop = base_plus ("    next: first\n");   /* 20 */
  g_autofree char *loop = base_plus ("    next: second\n"         /* 20 */
                                     "  - id: second\n"           /* 21 */
                                     "    type: delay\n"          /* 22 */
                                     "    duration: 1h\n"         /* 23 */
                                     "    next: third\n"          /* 24 */
                                     "  - id: third\n"            /* 25 */
                                     "    type: delay\n"          /* 26 */
                                     "    duration: 1h\n"         /* 27 */
                                     "    next: second\n");       /* 28 */
  g_autoptr(SluiceDiagnostics) d1 = validate (self_loop);
  g_autoptr(SluiceDiagnostics) d2 = validate (loop);
  const SluiceDiagnostic *d;

  assert_finding_message (d1, "graph/cycle", ERROR, 20, 11, "Going from “first” to “first”");
  assert_n_findings (d1, 1);

  /* reported once, on the edge that closes the loop */
  d = assert_finding_message (d2, "graph/cycle", ERROR, 28, 11, "Going from “third” to “second”");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "third");
  assert_n_findings (d2, 1);
}

static void
test_graph_diamond_is_not_a_cycle (void)
{
  g_autofree char *text = base_plus ("    next: check\n"
                                     "  - id: check\n"
                                     "    type: condition\n"
                                     "    filters:\n"
                                     "    - path: data.plan\n"
                                     "      op: eq\n"
                                     "      value: pro\n"
                                     "    then: left\n"
                                     "    else: right\n"
                                     "  - id: left\n"
                                     "    type: delay\n"
                                     "    duration: 1h\n"
                                     "    next: join\n"
                                     "  - id: right\n"
                                     "    type: delay\n"
                                     "    duration: 2h\n"
                                     "    next: join\n"
                                     "  - id: join\n"
                                     "    type: end\n");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  assert_clean (diagnostics);
}

static void
test_graph_unreachable_step (void)
{
  g_autofree char *orphan = base_plus ("  - id: orphan\n"  /* 20 */
                                       "    type: delay\n" /* 21 */
                                       "    duration: 1h\n"/* 22 */
                                       "    next: first\n");/* 23 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate (orphan);
  const SluiceDiagnostic *d;

  /* leading somewhere does not make a step reachable */
  d = assert_finding_message (diagnostics, "graph/unreachable-step", WARNING, 20, 9, "Nothing leads to “orphan”");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "orphan");
  assert_n_findings (diagnostics, 1);
}

/* ---- required fields ------------------------------------------------------------ */

/* A valid YAML value for @field, written after "key:" at step level
 * (4 spaces of indent). */
static char *
field_value (const SluiceField *field)
{
  switch (field->kind)
    {
    case SLUICE_FIELD_STRING:
    case SLUICE_FIELD_TEXT:
    case SLUICE_FIELD_TEMPLATE:
    case SLUICE_FIELD_IDENTIFIER:
      return g_strdup (" ops");
    case SLUICE_FIELD_STEP_REF:
      return g_strdup (" start");
    case SLUICE_FIELD_PATH:
      return g_strdup (" data.items");
    case SLUICE_FIELD_URL:
      return g_strdup (" https://sluice.example/hook");
    case SLUICE_FIELD_CRON:
      return g_strdup (" \"0 9 * * 1\"");
    case SLUICE_FIELD_DURATION:
      return g_strdup (" 1h");
    case SLUICE_FIELD_INTEGER:
    case SLUICE_FIELD_NUMBER:
      return g_strdup (" 3");
    case SLUICE_FIELD_BOOLEAN:
      return g_strdup (" true");
    case SLUICE_FIELD_ENUM:
      return g_strdup_printf (" %s", field->choices[0]);
    case SLUICE_FIELD_VALUE:
      return g_strdup (" 1");
    case SLUICE_FIELD_LIST:
      if (field->item->kind == SLUICE_FIELD_OBJECT)
        {
          /* a list of filters */
          g_assert_true (field->item == &sluice_filter_field);
          return g_strdup ("\n    - path: data.plan\n      op: exists");
        }
      return g_strdup (" [ops]");
    case SLUICE_FIELD_MAP:
    case SLUICE_FIELD_OBJECT:
    case SLUICE_FIELD_STEP:
    default:
      /* a step type grew a required field of a new kind: teach this test */
      g_error ("no sample value for the kind of “%s”", field->name);
    }
}

/* A workflow whose @type step has every required field but @skip. The
 * probed step is the trigger (mapping at line 8) for trigger types, else
 * the first step (mapping at line 16). */
static char *
probe_document (const SluiceStepType *type,
                const char           *skip)
{
  GString *fields = g_string_new (NULL);
  gboolean trigger = sluice_step_type_is_trigger (type);
  g_autofree char *lines = NULL;

  for (guint f = 0; type->fields[f].name != NULL; f++)
    {
      const SluiceField *field = &type->fields[f];
      g_autofree char *value = NULL;

      if (!(field->flags & SLUICE_FIELD_FLAG_REQUIRED) || g_strcmp0 (field->name, skip) == 0)
        continue;
      value = field_value (field);
      g_string_append_printf (fields, "    %s:%s\n", field->name, value);
    }
  lines = g_string_free (fields, FALSE);

  if (trigger)
    return g_strdup_printf ("apiVersion: sluice.dev/v1\n"   /*  1 */
                            "kind: Workflow\n"              /*  2 */
                            "metadata:\n"                   /*  3 */
                            "  name: probe\n"               /*  4 */
                            "spec:\n"                       /*  5 */
                            "  entityKey: data.account\n"   /*  6 */
                            "  trigger:\n"                  /*  7 */
                            "    id: start\n"               /*  8 */
                            "    type: %s\n"
                            "%s"
                            "    next: done\n"
                            "  steps:\n"
                            "  - id: done\n"
                            "    type: end\n",
                            type->name, lines);

  return g_strdup_printf ("apiVersion: sluice.dev/v1\n"     /*  1 */
                          "kind: Workflow\n"                /*  2 */
                          "metadata:\n"                     /*  3 */
                          "  name: probe\n"                 /*  4 */
                          "spec:\n"                         /*  5 */
                          "  entityKey: data.account\n"     /*  6 */
                          "  trigger:\n"                    /*  7 */
                          "    id: start\n"                 /*  8 */
                          "    type: event\n"               /*  9 */
                          "    event: usage.updated\n"      /* 10 */
                          "    filters:\n"                  /* 11 */
                          "    - path: data.percent\n"      /* 12 */
                          "      op: exists\n"              /* 13 */
                          "    next: probe\n"               /* 14 */
                          "  steps:\n"                      /* 15 */
                          "  - id: probe\n"                 /* 16 */
                          "    type: %s\n"                  /* 17 */
                          "%s",
                          type->name, lines);
}

static void
test_config_required_fields (void)
{
  const SluiceStepType *types;
  guint n_types, n_required = 0;

  types = sluice_step_type_get_all (&n_types);
  g_assert_cmpuint (n_types, >, 0);

  for (guint t = 0; t < n_types; t++)
    {
      const SluiceStepType *type = &types[t];
      gboolean trigger = sluice_step_type_is_trigger (type);
      guint line = trigger ? 8 : 16;
      const char *id = trigger ? "start" : "probe";
      g_autofree char *complete = probe_document (type, NULL);
      g_autoptr(SluiceDiagnostics) none = validate (complete);

      g_test_message ("step type %s", type->name);
      assert_no_rule (none, "config/missing-field");

      for (guint f = 0; type->fields[f].name != NULL; f++)
        {
          const SluiceField *field = &type->fields[f];
          g_autofree char *text = NULL;
          g_autofree char *needs = NULL;
          g_autoptr(SluiceDiagnostics) diagnostics = NULL;
          const SluiceDiagnostic *d;

          if (!(field->flags & SLUICE_FIELD_FLAG_REQUIRED))
            continue;

          n_required++;
          g_test_message ("step type %s without %s", type->name, field->name);
          text = probe_document (type, field->name);
          diagnostics = validate (text);
          needs = g_strdup_printf ("“%s” needs “%s”", id, field->name);
          d = assert_finding_message (diagnostics, "config/missing-field", ERROR, line, 5, needs);
          g_assert_cmpstr (d ? d->step_id : NULL, ==, id);
          g_assert_cmpuint (count_rule (diagnostics, "config/missing-field"), ==, 1);
        }
    }

  /* the palette does have required fields; the loop above checked them */
  g_assert_cmpuint (n_required, >=, 18);
}

static void
test_config_empty_values (void)
{
  g_autofree char *text = base_plus ("    next: tell\n"          /* 20 */
                                     "  - id: tell\n"            /* 21 */
                                     "    type: notify\n"        /* 22 */
                                     "    channel: chat\n"       /* 23 */
                                     "    to: []\n"              /* 24 */
                                     "    message: \"\"\n"       /* 25 */
                                     "    next: note\n"          /* 26 */
                                     "  - id: note\n"            /* 27 */
                                     "    type: record\n"        /* 28 */
                                     "    title: ''\n"           /* 29 */
                                     "  safety:\n"
                                     "    rateLimits:\n"
                                     "    - type: notify\n"
                                     "      limit: 10\n"
                                     "      per: 1h\n");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  /* an empty value is pointed at where it stands */
  assert_finding_message (diagnostics, "config/missing-field", ERROR, 24, 9, "“tell” needs “to”");
  assert_finding_message (diagnostics, "config/missing-field", ERROR, 25, 14, "“tell” needs “message”");
  assert_finding_message (diagnostics, "config/missing-field", ERROR, 29, 12, "“note” needs “title”");
  assert_n_findings (diagnostics, 3);
}

static void
test_config_switch_cases (void)
{
  g_autofree char *text = base_plus ("    next: route\n"        /* 20 */
                                     "  - id: route\n"          /* 21 */
                                     "    type: switch\n"       /* 22 */
                                     "    path: data.plan\n"    /* 23 */
                                     "    cases:\n"             /* 24 */
                                     "    - value: pro\n"       /* 25 */
                                     "    - next: done\n"       /* 26 */
                                     "    - value: free\n"      /* 27 */
                                     "      next: done\n"       /* 28 */
                                     "  - id: done\n"           /* 29 */
                                     "    type: end\n");        /* 30 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  assert_finding_message (diagnostics, "config/missing-field", ERROR, 25, 7, "Case 1 of “route” has no “next”");
  assert_finding_message (diagnostics, "config/missing-field", ERROR, 26, 7, "Case 2 of “route” has no “value”");
  assert_n_findings (diagnostics, 2);
}

static void
test_config_filters (void)
{
  g_autofree char *text = base_plus ("    next: check\n"        /* 20 */
                                     "  - id: check\n"          /* 21 */
                                     "    type: condition\n"    /* 22 */
                                     "    filters:\n"           /* 23 */
                                     "    - op: exists\n"       /* 24 */
                                     "    - path: data.plan\n"  /* 25 */
                                     "    - path: data.seats\n" /* 26 */
                                     "      op: gt\n"           /* 27 */
                                     "      value: 10\n");      /* 28 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  const SluiceDiagnostic *d;

  d = assert_finding_message (diagnostics, "config/missing-field", ERROR, 24, 7, "Filter 1 of “check” has no “path”");
  g_assert_cmpstr (d ? d->path : NULL, ==, "spec.steps[1].filters[0]");
  assert_finding_message (diagnostics, "config/missing-field", ERROR, 25, 7, "Filter 2 of “check” has no “op”");
  assert_n_findings (diagnostics, 2);
}

/* ---- document ------------------------------------------------------------------- */

static void
test_document_missing_name (void)
{
  g_autofree char *text = edit_base ("  name: base\n", "  version: 3\n");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  const SluiceDiagnostic *d;

  /* on metadata, whose mapping starts at line 4 */
  d = assert_finding_message (diagnostics, "document/missing-field", ERROR, 4, 3, "metadata.name");
  g_assert_true (d == NULL || d->step_id == NULL);
  assert_n_findings (diagnostics, 1);
}

/* A document loaded from text always has a place to point at: a missing
 * top-level section falls back to the document itself, which starts at
 * 1:1 (sluice_source_map_lookup: "the closest enclosing value"). Line 0
 * is only for models built in memory. */
static void
test_document_missing_metadata (void)
{
  g_autofree char *text = edit_base ("metadata:\n"
                                     "  name: base\n", "");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  assert_finding_message (diagnostics, "document/missing-field", ERROR, 1, 1, "metadata.name");
  assert_n_findings (diagnostics, 1);
}

static void
test_document_rate_limit_fields (void)
{
  g_autofree char *text = base_plus ("  safety:\n"            /* 20 */
                                     "    rateLimits:\n"      /* 21 */
                                     "    - type: notify\n"   /* 22 */
                                     "      limit: 10\n"      /* 23 */
                                     "    - type: ticket\n"   /* 24 */
                                     "      per: 1h\n"        /* 25 */
                                     "    - type: webhook\n"  /* 26 */
                                     "      limit: 10\n"      /* 27 */
                                     "      per: 1h\n");      /* 28 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  /* without per: on its limit */
  assert_finding_message (diagnostics, "document/missing-field", ERROR, 23, 14, "both “limit” and “per”");
  /* without limit: on the rate limit */
  assert_finding (diagnostics, "document/missing-field", ERROR, 24, 7);
  assert_n_findings (diagnostics, 2);
}

static void
test_spec_missing_entity_key (void)
{
  g_autofree char *text = edit_base ("  entityKey: data.account\n", "");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  /* on spec, whose mapping now starts with trigger: at line 6 */
  assert_finding_message (diagnostics, "spec/missing-entity-key", ERROR, 6, 3, "spec.entityKey");
  assert_n_findings (diagnostics, 1);
}

/* ---- filters ------------------------------------------------------------------------ */

typedef struct
{
  const char *op;
  const char *value;     /* YAML, or NULL for none */
  const char *problem;   /* part of the message, or NULL when the value is fine */
} FilterCase;

static const FilterCase filter_cases[] = {
  { "eq", NULL, "“eq” compares with one value" },
  { "eq", "[1, 2]", "“eq” compares with one value" },
  { "ne", "[pro]", "“ne” compares with one value" },
  { "gt", "true", "“gt” needs a number or a text value" },
  { "gte", NULL, "“gte” needs a number or a text value" },
  { "lt", "[1]", "“lt” needs a number or a text value" },
  { "lte", "null", "“lte” needs a number or a text value" },
  { "in", "pro", "“in” needs a list of values" },
  { "not_in", NULL, "“not_in” needs a list of values" },
  { "exists", "maybe", "“exists” takes true or false" },
  { "exists", "3", "“exists” takes true or false" },
  { "contains", NULL, "“contains” needs one value" },
  { "contains", "[a, b]", "“contains” needs one value" },
  { "contains", "null", "“contains” needs one value" },
  { "matches", "\"a(\"", "The regular expression does not compile" },
  { "matches", "3", "“matches” needs a regular expression as text" },
  { "within", "soon", "“within” needs a duration" },
  { "within", "30", "“within” needs a duration" },
  { "within", NULL, "“within” needs a duration" },
  { "changed", "true", "“changed” takes no value" },

  { "eq", "pro", NULL },
  { "ne", "2", NULL },
  { "gt", "1.5", NULL },
  { "gte", "80", NULL },
  { "lt", "\"2026-01-01\"", NULL },
  { "lte", "abc", NULL },
  { "in", "[MSA, NDA]", NULL },
  { "not_in", "[]", NULL },
  { "exists", NULL, NULL },
  { "exists", "false", NULL },
  { "contains", "vip", NULL },
  { "matches", "\"^[a-z]+$\"", NULL },
  { "within", "7d", NULL },
  { "changed", NULL, NULL },
};

static void
test_filter_invalid_value (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (filter_cases); i++)
    {
      const FilterCase *c = &filter_cases[i];
      g_autofree char *value = c->value ? g_strdup_printf ("      value: %s\n", c->value) : g_strdup ("");
      g_autofree char *text = NULL;
      g_autoptr(SluiceDiagnostics) diagnostics = NULL;
      const SluiceDiagnostic *d;

      text = g_strdup_printf ("%s"
                              "    next: check\n"          /* 20 */
                              "  - id: check\n"            /* 21 */
                              "    type: condition\n"      /* 22 */
                              "    filters:\n"             /* 23 */
                              "    - path: data.a\n"       /* 24 */
                              "      op: %s\n"             /* 25 */
                              "%s",                        /* 26: value */
                              base_document, c->op, value);
      g_test_message ("op %s, value %s", c->op, c->value ? c->value : "(none)");
      diagnostics = validate (text);

      if (c->problem == NULL)
        {
          assert_clean (diagnostics);
          continue;
        }

      /* on the value when there is one, else on the op */
      d = c->value
        ? assert_finding_message (diagnostics, "filter/invalid-value", ERROR, 26, 14, c->problem)
        : assert_finding_message (diagnostics, "filter/invalid-value", ERROR, 25, 11, c->problem);
      g_assert_cmpstr (d ? d->step_id : NULL, ==, "check");
      assert_finding_message (diagnostics, "filter/invalid-value", ERROR, d ? d->line : 0, d ? d->column : 0,
                              "Filter 1 of “check”: ");
      assert_n_findings (diagnostics, 1);
    }
}

static void
test_filter_invalid_value_in_trigger (void)
{
  g_autofree char *text = edit_base ("      value: 80\n", "      value: [80]\n");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  const SluiceDiagnostic *d;

  d = assert_finding_message (diagnostics, "filter/invalid-value", ERROR, 14, 14, "Filter 1 of “start”");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "start");
  assert_n_findings (diagnostics, 1);
}

/* ---- templates --------------------------------------------------------------------- */

static void
test_template_syntax (void)
{
  g_autofree char *text = base_plus ("    next: t\n"                               /* 20 */
                                     "  - id: t\n"                                 /* 21 */
                                     "    type: ticket\n"                          /* 22 */
                                     "    queue: ops\n"                            /* 23 */
                                     "    title: \"About {{ data.account\"\n"      /* 24 */
                                     "    description: \"{{ }}\"\n"                /* 25 */
                                     "    assignee: \"{{ data.owner + 1 }}\"\n"    /* 26 */
                                     "  safety:\n"
                                     "    rateLimits:\n"
                                     "    - step: t\n"
                                     "      limit: 10\n"
                                     "      per: 1h\n");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  const SluiceDiagnostic *d;

  d = assert_finding_message (diagnostics, "template/syntax", ERROR, 24, 12, "never closed");
  g_assert_cmpstr (d ? d->path : NULL, ==, "spec.steps[1].title");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "t");
  assert_finding_message (diagnostics, "template/syntax", ERROR, 25, 18, "is empty");
  assert_finding_message (diagnostics, "template/syntax", ERROR, 26, 15, "“data.owner + 1” is not a field reference");
  assert_n_findings (diagnostics, 3);
}

static void
test_template_references (void)
{
  g_autofree char *text = base_plus ("    next: second\n"                                       /* 20 */
                                     "  - id: second\n"                                         /* 21 */
                                     "    type: record\n"                                       /* 22 */
                                     "    title: \"{{ stuff.a }} {{ event.x }} {{ workflow.x }}\"\n" /* 23 */
                                     "    detail: |\n"                                          /* 24 */
                                     "      {{ steps.nope.result }} {{ steps.first.result }}\n" /* 25 */
                                     "      {{ data.a[0].b }} {{ entity }} {{ event.tenant }}\n"
                                     "      {{ workflow.name }} {{ workflow.version }} {{ event.id }}\n");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  const SluiceDiagnostic *d;

  d = assert_finding_message (diagnostics, "template/unknown-root", ERROR, 23, 12, "starts with “stuff”");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "second");
  assert_finding_message (diagnostics, "template/unknown-field", ERROR, 23, 12, "event has no field “x”");
  assert_finding_message (diagnostics, "template/unknown-field", ERROR, 23, 12, "workflow has no field “x”");
  /* a block scalar is reported where it starts, at its indicator */
  assert_finding_message (diagnostics, "template/unknown-step", ERROR, 24, 13, "a step “nope”");
  assert_n_findings (diagnostics, 4);
}

static void
test_template_safety_keys (void)
{
  g_autofree char *text = base_plus ("  safety:\n"                                            /* 20 */
                                     "    dedupeKey: \"{{ data.account }}-{{ nope.x }}\"\n"   /* 21 */
                                     "    idempotencyKey: \"{{ event.idd }}\"\n");            /* 22 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  const SluiceDiagnostic *d;

  d = assert_finding_message (diagnostics, "template/unknown-root", ERROR, 21, 16, "“nope”");
  g_assert_true (d == NULL || d->step_id == NULL);
  assert_finding_message (diagnostics, "template/unknown-field", ERROR, 22, 21, "no field “idd”");
  assert_n_findings (diagnostics, 2);
}

static void
test_template_item_outside_foreach (void)
{
  /* item in a step that no for-each leads to */
  g_autofree char *outside = edit_base ("    title: Usage at {{ data.percent }}%\n",
                                        "    title: \"Hello {{ item.name }}\"\n");   /* 19 */
  /* the for-each's item name used off its path */
  g_autofree char *named = base_plus ("    next: each\n"                  /* 20 */
                                      "  - id: each\n"                    /* 21 */
                                      "    type: foreach\n"               /* 22 */
                                      "    items: data.contacts\n"        /* 23 */
                                      "    as: contact\n"                 /* 24 */
                                      "    cap: 10\n"                     /* 25 */
                                      "  - id: loose\n"                   /* 26 */
                                      "    type: record\n"                /* 27 */
                                      "    title: \"{{ contact.name }}\"\n"); /* 28 */
  g_autoptr(SluiceDiagnostics) d1 = validate (outside);
  g_autoptr(SluiceDiagnostics) d2 = validate (named);
  const SluiceDiagnostic *d;

  d = assert_finding_message (d1, "template/item-outside-foreach", ERROR, 19, 12, "“{{ item.name }}”");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "first");
  assert_n_findings (d1, 1);

  assert_finding_message (d2, "template/item-outside-foreach", ERROR, 28, 12, "names it “contact”");
  assert_finding (d2, "graph/unreachable-step", WARNING, 26, 9);
  assert_n_findings (d2, 2);
}

static void
test_template_item_inside_foreach (void)
{
  /* the item is in scope in the step the for-each leads to and in every
   * step after it */
  g_autofree char *text = base_plus ("    next: each\n"
                                     "  - id: each\n"
                                     "    type: foreach\n"
                                     "    items: data.contacts\n"
                                     "    cap: 10\n"
                                     "    next: greet\n"
                                     "  - id: greet\n"
                                     "    type: record\n"
                                     "    title: \"Hi {{ item.name }}\"\n"
                                     "    next: later\n"
                                     "  - id: later\n"
                                     "    type: record\n"
                                     "    title: \"Bye {{ item.name }} ({{ item.email }})\"\n");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  assert_clean (diagnostics);
}

static void
test_template_foreach_as (void)
{
  /* with “as: contact” the item is “contact”, and “item” is not in scope */
  g_autofree char *text = base_plus ("    next: each\n"                       /* 20 */
                                     "  - id: each\n"                         /* 21 */
                                     "    type: foreach\n"                    /* 22 */
                                     "    items: data.contacts\n"             /* 23 */
                                     "    as: contact\n"                      /* 24 */
                                     "    cap: 10\n"                          /* 25 */
                                     "    next: greet\n"                      /* 26 */
                                     "  - id: greet\n"                        /* 27 */
                                     "    type: record\n"                     /* 28 */
                                     "    title: \"Hi {{ contact.name }}\"\n" /* 29 */
                                     "    detail: \"{{ item.name }}\"\n");    /* 30 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  assert_finding_message (diagnostics, "template/item-outside-foreach", ERROR, 30, 13, "names it “item”");
  assert_n_findings (diagnostics, 1);
}

/* A step reached both through a for-each and around it accepts the item
 * (the validator takes the union of the paths); so must the steps after
 * it, whichever branch of the condition is written first. */
static void
test_template_foreach_scope_is_order_independent (void)
{
  static const struct {
    const char *label;
    const char *yaml;
  } branches[] = {
    { "for-each first", "    then: each\n    else: inside\n" },
    { "for-each second", "    then: inside\n    else: each\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (branches); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(SluiceDiagnostics) diagnostics = NULL;

      text = g_strdup_printf ("%s"
                              "    next: cond\n"
                              "  - id: cond\n"
                              "    type: condition\n"
                              "    filters:\n"
                              "    - path: data.plan\n"
                              "      op: eq\n"
                              "      value: pro\n"
                              "%s"
                              "  - id: each\n"
                              "    type: foreach\n"
                              "    items: data.contacts\n"
                              "    cap: 10\n"
                              "    next: inside\n"
                              "  - id: inside\n"
                              "    type: record\n"
                              "    title: \"{{ item.name }}\"\n"
                              "    next: after\n"
                              "  - id: after\n"
                              "    type: record\n"
                              "    title: \"{{ item.email }}\"\n",
                              base_document, branches[i].yaml);
      g_test_message ("%s", branches[i].label);
      diagnostics = validate (text);
      assert_clean (diagnostics);
    }
}

/* ---- destinations ------------------------------------------------------------------ */

static const char rate_limit_everything[] =
  "    rateLimits:\n"
  "    - type: webhook\n"
  "      limit: 10\n"
  "      per: 1m\n"
  "    - type: notify\n"
  "      limit: 10\n"
  "      per: 1m\n"
  "    - type: api\n"
  "      limit: 10\n"
  "      per: 1m\n";

static void
test_safety_domain_not_allowed (void)
{
  g_autofree char *text = g_strconcat (base_document,
                                       "    next: hook\n"                           /* 20 */
                                       "  - id: hook\n"                             /* 21 */
                                       "    type: webhook\n"                        /* 22 */
                                       "    url: https://evil.test/collect\n"       /* 23 */
                                       "    next: call\n"                           /* 24 */
                                       "  - id: call\n"                             /* 25 */
                                       "    type: api\n"                            /* 26 */
                                       "    service: billing\n"                     /* 27 */
                                       "    operation: setPlan\n"                   /* 28 */
                                       "    url: https://User@API.Other.test:8443/v1\n" /* 29 */
                                       "    next: chat\n"                           /* 30 */
                                       "  - id: chat\n"                             /* 31 */
                                       "    type: notify\n"                         /* 32 */
                                       "    channel: chat\n"                        /* 33 */
                                       "    to: [\"#ops\", ops@evil.test]\n"        /* 34 */
                                       "    message: hi\n"                          /* 35 */
                                       "    webhookUrl: https://chat.evil.test/hook\n" /* 36 */
                                       "    next: mail\n"                           /* 37 */
                                       "  - id: mail\n"                             /* 38 */
                                       "    type: notify\n"                         /* 39 */
                                       "    channel: email\n"                       /* 40 */
                                       "    to:\n"                                  /* 41 */
                                       "    - \"{{ data.owner_email }}\"\n"         /* 42 */
                                       "    - ops@sluice.example\n"                 /* 43 */
                                       "    - boss@Evil.Test\n"                     /* 44 */
                                       "    cc:\n"                                  /* 45 */
                                       "    - x@{{ data.domain }}\n"                /* 46 */
                                       "    - ceo@elsewhere.test\n"                 /* 47 */
                                       "    message: hi\n"                          /* 48 */
                                       "  safety:\n"                                /* 49 */
                                       "    allowlist:\n"                           /* 50 */
                                       "    - sluice.example\n",                    /* 51 */
                                       rate_limit_everything, NULL);
  g_autofree char *allowed = edit (text, "    - sluice.example\n",
                                   "    - sluice.example\n"
                                   "    - evil.test\n"
                                   "    - \"*.evil.test\"\n"
                                   "    - api.other.test\n"
                                   "    - elsewhere.test\n");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  g_autoptr(SluiceDiagnostics) none = validate (allowed);
  const SluiceDiagnostic *d;

  d = assert_finding_message (diagnostics, "safety/domain-not-allowed", ERROR, 23, 10, "sends to evil.test, which is not on the allowlist");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "hook");
  g_assert_cmpstr (d ? d->path : NULL, ==, "spec.steps[1].url");
  /* the host without user info and port, lower-cased */
  assert_finding_message (diagnostics, "safety/domain-not-allowed", ERROR, 29, 10, "sends to api.other.test,");
  assert_finding_message (diagnostics, "safety/domain-not-allowed", ERROR, 36, 17, "sends to chat.evil.test,");
  /* literal email recipients; chat recipients are channels, not addresses */
  d = assert_finding_message (diagnostics, "safety/domain-not-allowed", ERROR, 44, 7, "sends to evil.test,");
  g_assert_cmpstr (d ? d->path : NULL, ==, "spec.steps[4].to[2]");
  assert_finding_message (diagnostics, "safety/domain-not-allowed", ERROR, 47, 7, "sends to elsewhere.test,");
  /* templated recipients go to the entity's own people: not checked */
  g_assert_cmpuint (count_rule (diagnostics, "safety/domain-not-allowed"), ==, 5);
  assert_no_rule (diagnostics, "safety/dynamic-destination");
  assert_n_findings (diagnostics, 5);

  assert_clean (none);
}

static void
test_safety_no_allowlist (void)
{
  g_autofree char *text = base_plus ("    next: hook\n"                        /* 20 */
                                     "  - id: hook\n"                          /* 21 */
                                     "    type: webhook\n"                     /* 22 */
                                     "    url: https://hooks.example.com/x\n"  /* 23 */
                                     "  safety:\n"
                                     "    rateLimits:\n"
                                     "    - step: hook\n"
                                     "      limit: 1\n"
                                     "      per: 1m\n");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  assert_finding_message (diagnostics, "safety/domain-not-allowed", ERROR, 23, 10, "allows no outbound domains");
  assert_n_findings (diagnostics, 1);
}

static void
test_safety_wildcard_domains (void)
{
  g_autofree char *text = g_strconcat (base_document,
                                       "    next: a\n"                             /* 20 */
                                       "  - id: a\n"                               /* 21 */
                                       "    type: webhook\n"                       /* 22 */
                                       "    url: https://a.example.com/x\n"        /* 23 */
                                       "    next: b\n"                             /* 24 */
                                       "  - id: b\n"                               /* 25 */
                                       "    type: webhook\n"                       /* 26 */
                                       "    url: https://example.com/x\n"          /* 27 */
                                       "    next: c\n"                             /* 28 */
                                       "  - id: c\n"                               /* 29 */
                                       "    type: webhook\n"                       /* 30 */
                                       "    url: https://deep.a.example.com/x\n"   /* 31 */
                                       "    next: d\n"                             /* 32 */
                                       "  - id: d\n"                               /* 33 */
                                       "    type: webhook\n"                       /* 34 */
                                       "    url: https://badexample.com/x\n"       /* 35 */
                                       "  safety:\n"
                                       "    allowlist:\n"
                                       "    - \"*.example.com\"\n",
                                       rate_limit_everything, NULL);
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  /* "*.example.com" allows its subdomains, at any depth, not itself */
  assert_finding_message (diagnostics, "safety/domain-not-allowed", ERROR, 27, 10, "sends to example.com,");
  assert_finding_message (diagnostics, "safety/domain-not-allowed", ERROR, 35, 10, "sends to badexample.com,");
  assert_n_findings (diagnostics, 2);
}

static void
test_safety_dynamic_destination (void)
{
  g_autofree char *text = base_plus ("    next: hook\n"                          /* 20 */
                                     "  - id: hook\n"                            /* 21 */
                                     "    type: webhook\n"                       /* 22 */
                                     "    url: https://{{data.host}}/hook\n"     /* 23 */
                                     "  safety:\n"
                                     "    rateLimits:\n"
                                     "    - step: hook\n"
                                     "      limit: 1\n"
                                     "      per: 1m\n");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  const SluiceDiagnostic *d;

  d = assert_finding_message (diagnostics, "safety/dynamic-destination", WARNING, 23, 10, "({{data.host}})");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "hook");
  /* it cannot be checked, so it is not also reported as not allowed */
  assert_no_rule (diagnostics, "safety/domain-not-allowed");
  assert_n_findings (diagnostics, 1);
}

/* help/C/validation.page: "Use a fixed host and put the variable part in
 * the path or the body" — written the way every example writes templates. */
static void
test_safety_templated_url_path (void)
{
  g_autofree char *text = base_plus ("    next: hook\n"
                                     "  - id: hook\n"
                                     "    type: webhook\n"
                                     "    url: https://hooks.example.com/accounts/{{ data.account }}\n"
                                     "  safety:\n"
                                     "    rateLimits:\n"
                                     "    - step: hook\n"
                                     "      limit: 1\n"
                                     "      per: 1m\n"
                                     "    allowlist:\n"
                                     "    - hooks.example.com\n");
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);

  assert_clean (diagnostics);
}

/* ---- rate limits and caps ------------------------------------------------------------ */

static void
test_safety_missing_rate_limit (void)
{
  static const char steps[] =
    "    next: hook\n"                          /* 20 */
    "  - id: hook\n"                            /* 21 */
    "    type: webhook\n"                       /* 22 */
    "    url: https://hooks.example.com/x\n"    /* 23 */
    "    next: tell\n"                          /* 24 */
    "  - id: tell\n"                            /* 25 */
    "    type: notify\n"                        /* 26 */
    "    channel: chat\n"                       /* 27 */
    "    to: [\"#ops\"]\n"                      /* 28 */
    "    message: hi\n"                         /* 29 */
    "    next: run\n"                           /* 30 */
    "  - id: run\n"                             /* 31 */
    "    type: job\n"                           /* 32 */
    "    job: rebuild\n"                        /* 33 */
    "  safety:\n"                               /* 34 */
    "    allowlist:\n"                          /* 35 */
    "    - hooks.example.com\n";                /* 36 */
  g_autofree char *none = g_strconcat (base_document, steps, NULL);
  g_autofree char *by_step = g_strconcat (base_document, steps,
                                          "    rateLimits:\n"
                                          "    - step: hook\n"
                                          "      limit: 1\n"
                                          "      per: 1m\n", NULL);
  g_autofree char *by_type = g_strconcat (base_document, steps,
                                          "    rateLimits:\n"
                                          "    - type: notify\n"
                                          "      limit: 1\n"
                                          "      per: 1m\n"
                                          "    - type: webhook\n"
                                          "      limit: 1\n"
                                          "      per: 1m\n", NULL);
  g_autoptr(SluiceDiagnostics) d1 = validate (none);
  g_autoptr(SluiceDiagnostics) d2 = validate (by_step);
  g_autoptr(SluiceDiagnostics) d3 = validate (by_type);
  const SluiceDiagnostic *d;

  /* on the step's type; a record or a job stays inside the organisation */
  d = assert_finding_message (d1, "safety/missing-rate-limit", WARNING, 22, 11, "“hook” calls outside");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "hook");
  assert_finding_message (d1, "safety/missing-rate-limit", WARNING, 26, 11, "“tell” calls outside");
  assert_n_findings (d1, 2);

  assert_finding (d2, "safety/missing-rate-limit", WARNING, 26, 11);
  assert_n_findings (d2, 1);

  assert_clean (d3);
}

static void
test_safety_rate_limit_target (void)
{
  g_autofree char *text = base_plus ("    next: hook\n"                         /* 20 */
                                     "  - id: hook\n"                           /* 21 */
                                     "    type: webhook\n"                      /* 22 */
                                     "    url: https://hooks.example.com/x\n"   /* 23 */
                                     "  safety:\n"                              /* 24 */
                                     "    allowlist:\n"                         /* 25 */
                                     "    - hooks.example.com\n"                /* 26 */
                                     "    rateLimits:\n"                        /* 27 */
                                     "    - limit: 1\n"                         /* 28 */
                                     "      per: 1m\n"                          /* 29 */
                                     "    - step: hook\n"                       /* 30 */
                                     "      type: webhook\n"                    /* 31 */
                                     "      limit: 1\n"                         /* 32 */
                                     "      per: 1m\n"                          /* 33 */
                                     "    - step: ghost\n"                      /* 34 */
                                     "      limit: 1\n"                         /* 35 */
                                     "      per: 1m\n"                          /* 36 */
                                     "    - type: delay\n"                      /* 37 */
                                     "      limit: 1\n"                         /* 38 */
                                     "      per: 1m\n"                          /* 39 */
                                     "    - type: carrier-pigeon\n"             /* 40 */
                                     "      limit: 1\n"                         /* 41 */
                                     "      per: 1m\n"                          /* 42 */
                                     "    - step: hook\n"                       /* 43 */
                                     "      limit: 1\n"                         /* 44 */
                                     "      per: 1m\n"                          /* 45 */
                                     "    - type: ticket\n"                     /* 46 */
                                     "      limit: 1\n"                         /* 47 */
                                     "      per: 1m\n");                        /* 48 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  const SluiceDiagnostic *d;

  d = assert_finding_message (diagnostics, "safety/rate-limit-target", ERROR, 28, 7, "give exactly one of them");
  g_assert_cmpstr (d ? d->path : NULL, ==, "spec.safety.rateLimits[0]");
  g_assert_true (d == NULL || d->step_id == NULL);
  assert_finding_message (diagnostics, "safety/rate-limit-target", ERROR, 30, 7, "give exactly one of them");
  assert_finding_message (diagnostics, "safety/rate-limit-target", ERROR, 34, 7, "a step “ghost” that does not exist");
  assert_finding_message (diagnostics, "safety/rate-limit-target", ERROR, 37, 7, "“delay”, which is not an action type");
  assert_finding_message (diagnostics, "safety/rate-limit-target", ERROR, 40, 7, "“carrier-pigeon”, which is not an action type");
  /* rateLimits[5] and [6] are fine, even for a type no step has */
  assert_n_findings (diagnostics, 5);
}

static void
test_safety_foreach_without_cap (void)
{
  g_autofree char *text = base_plus ("    next: each\n"               /* 20 */
                                     "  - id: each\n"                 /* 21 */
                                     "    type: foreach\n"            /* 22 */
                                     "    items: data.contacts\n");   /* 23 */
  g_autofree char *capped = base_plus ("    next: each\n"
                                       "  - id: each\n"
                                       "    type: foreach\n"
                                       "    items: data.contacts\n"
                                       "    cap: 100000\n");
  g_autoptr(SluiceDiagnostics) d1 = validate (text);
  g_autoptr(SluiceDiagnostics) d2 = validate (capped);
  const SluiceDiagnostic *d;

  /* on the list it would fan out over */
  d = assert_finding_message (d1, "safety/foreach-without-cap", ERROR, 23, 12, "“each” has no cap");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "each");
  assert_n_findings (d1, 1);
  /* without a policy, any cap is enough */
  assert_clean (d2);
}

static void
test_layout_unknown_step (void)
{
  g_autofree char *text = base_plus ("layout:\n"          /* 20 */
                                     "  nodes:\n"         /* 21 */
                                     "    first:\n"       /* 22 */
                                     "      x: 10\n"      /* 23 */
                                     "      y: 20\n"      /* 24 */
                                     "    start:\n"       /* 25 */
                                     "      x: 0\n"       /* 26 */
                                     "      y: 0\n"       /* 27 */
                                     "    ghost:\n"       /* 28 */
                                     "      x: 30\n"      /* 29 */
                                     "      y: 40\n");    /* 30 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  const SluiceDiagnostic *d;

  d = assert_finding_message (diagnostics, "layout/unknown-step", WARNING, 29, 7, "“ghost”");
  g_assert_cmpstr (d ? d->path : NULL, ==, "layout.nodes.ghost");
  g_assert_true (d == NULL || d->step_id == NULL);
  assert_n_findings (diagnostics, 1);
}

/* ---- policy ------------------------------------------------------------------------- */

static void
test_policy_forbidden_step_type (void)
{
  g_autofree char *policy = policy_document ("  forbiddenStepTypes:\n"
                                             "  - job\n"
                                             "  - delay\n");
  g_autofree char *text = base_plus ("    next: wait\n"       /* 20 */
                                     "  - id: wait\n"         /* 21 */
                                     "    type: delay\n"      /* 22 */
                                     "    duration: 1h\n"     /* 23 */
                                     "    next: run\n"        /* 24 */
                                     "  - id: run\n"          /* 25 */
                                     "    type: job\n"        /* 26 */
                                     "    job: rebuild\n");   /* 27 */
  g_autoptr(SluiceDiagnostics) with_policy = validate_with_policy (text, policy);
  g_autoptr(SluiceDiagnostics) without = validate (text);
  const SluiceDiagnostic *d;

  d = assert_finding_message (with_policy, "policy/forbidden-step-type", ERROR, 22, 11, "does not allow delay steps (“wait”)");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "wait");
  assert_finding_message (with_policy, "policy/forbidden-step-type", ERROR, 26, 11, "does not allow job steps (“run”)");
  assert_n_findings (with_policy, 2);
  assert_clean (without);
}

static void
test_policy_max_fan_out (void)
{
  g_autofree char *policy = policy_document ("  maxFanOut: 10\n");
  static const char foreach_step[] =
    "    next: each\n"               /* 20 */
    "  - id: each\n"                 /* 21 */
    "    type: foreach\n"            /* 22 */
    "    items: data.contacts\n"     /* 23 */
    "    cap: %d\n"                  /* 24 */
    "  safety:\n"                    /* 25 */
    "%s";                            /* 26: maxFanOut */
  g_autofree char *above = g_strdup_printf (foreach_step, 11, "    maxFanOut: 20\n");
  g_autofree char *at = g_strdup_printf (foreach_step, 10, "    maxFanOut: 10\n");
  g_autofree char *unset = g_strdup_printf (foreach_step, 5, "    cooldown: 1h\n");
  g_autofree char *text_above = base_plus (above);
  g_autofree char *text_at = base_plus (at);
  g_autofree char *text_unset = base_plus (unset);
  g_autoptr(SluiceDiagnostics) d1 = validate_with_policy (text_above, policy);
  g_autoptr(SluiceDiagnostics) d2 = validate_with_policy (text_at, policy);
  g_autoptr(SluiceDiagnostics) d3 = validate_with_policy (text_unset, policy);
  g_autoptr(SluiceDiagnostics) d4 = validate_with_policy (base_document, policy);
  const SluiceDiagnostic *d;

  d = assert_finding_message (d1, "policy/max-fan-out", ERROR, 24, 10, "The cap of “each” is 11, above the organisation's maximum fan-out of 10");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "each");
  d = assert_finding_message (d1, "policy/max-fan-out", ERROR, 26, 16, "maxFanOut is 20, above the organisation's maximum of 10");
  g_assert_true (d == NULL || d->step_id == NULL);
  assert_n_findings (d1, 2);

  assert_clean (d2);

  /* missing maxFanOut: on spec.safety, or on spec when there is none */
  assert_finding_message (d3, "policy/max-fan-out", ERROR, 26, 5, "set spec.safety.maxFanOut");
  assert_n_findings (d3, 1);
  assert_finding_message (d4, "policy/max-fan-out", ERROR, 6, 3, "limits fan-out to 10");
  assert_n_findings (d4, 1);
}

static void
test_policy_domain_not_allowed (void)
{
  g_autofree char *policy = policy_document ("  allowedDomains:\n"
                                             "  - \"*.example.com\"\n"
                                             "  - sluice.example\n");
  g_autofree char *text = base_plus ("    next: hook\n"                        /* 20 */
                                     "  - id: hook\n"                          /* 21 */
                                     "    type: webhook\n"                     /* 22 */
                                     "    url: https://partner.test/in\n"      /* 23 */
                                     "    next: ok\n"                          /* 24 */
                                     "  - id: ok\n"                            /* 25 */
                                     "    type: webhook\n"                     /* 26 */
                                     "    url: https://a.example.com/in\n"     /* 27 */
                                     "  safety:\n"                             /* 28 */
                                     "    rateLimits:\n"                       /* 29 */
                                     "    - type: webhook\n"                   /* 30 */
                                     "      limit: 1\n"                        /* 31 */
                                     "      per: 1m\n"                         /* 32 */
                                     "    allowlist:\n"                        /* 33 */
                                     "    - partner.test\n"                    /* 34 */
                                     "    - \"*.example.com\"\n"               /* 35 */
                                     "    - a.example.com\n"                   /* 36 */
                                     "    - \"*.b.example.com\"\n"             /* 37 */
                                     "    - example.com\n"                     /* 38 */
                                     "    - sluice.example\n");                /* 39 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate_with_policy (text, policy);
  g_autoptr(SluiceDiagnostics) without = validate (text);
  const SluiceDiagnostic *d;

  /* the destination: allowed by the workflow, not by the organisation */
  d = assert_finding_message (diagnostics, "policy/domain-not-allowed", ERROR, 23, 10, "does not allow calls to partner.test");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "hook");
  /* the allowlist entries the policy does not cover */
  d = assert_finding_message (diagnostics, "policy/domain-not-allowed", ERROR, 34, 7, "The allowlist names partner.test");
  g_assert_true (d == NULL || d->step_id == NULL);
  assert_finding_message (diagnostics, "policy/domain-not-allowed", ERROR, 38, 7, "The allowlist names example.com");
  assert_no_rule (diagnostics, "safety/domain-not-allowed");
  assert_n_findings (diagnostics, 3);

  assert_clean (without);
}

static void
test_policy_missing_rate_limit (void)
{
  g_autofree char *policy = policy_document ("  requireRateLimits: true\n");
  g_autofree char *text = base_plus ("    next: t\n"                /* 20 */
                                     "  - id: t\n"                  /* 21 */
                                     "    type: ticket\n"           /* 22 */
                                     "    queue: ops\n"             /* 23 */
                                     "    title: Look\n");          /* 24 */
  g_autofree char *limited = base_plus ("    next: t\n"
                                        "  - id: t\n"
                                        "    type: ticket\n"
                                        "    queue: ops\n"
                                        "    title: Look\n"
                                        "  safety:\n"
                                        "    rateLimits:\n"
                                        "    - step: t\n"
                                        "      limit: 5\n"
                                        "      per: 1h\n");
  g_autoptr(SluiceDiagnostics) with_policy = validate_with_policy (text, policy);
  g_autoptr(SluiceDiagnostics) without = validate (text);
  g_autoptr(SluiceDiagnostics) satisfied = validate_with_policy (limited, policy);
  const SluiceDiagnostic *d;

  /* an error instead of the warning, not as well as it */
  d = assert_finding_message (with_policy, "policy/missing-rate-limit", ERROR, 22, 11, "requires a rate limit on “t”");
  g_assert_cmpstr (d ? d->step_id : NULL, ==, "t");
  assert_no_rule (with_policy, "safety/missing-rate-limit");
  assert_n_findings (with_policy, 1);

  assert_finding (without, "safety/missing-rate-limit", WARNING, 22, 11);
  assert_n_findings (without, 1);

  assert_clean (satisfied);
}

static void
test_policy_missing_cooldown (void)
{
  g_autofree char *policy = policy_document ("  requireCooldown: true\n");
  g_autofree char *with_setting = base_plus ("  safety:\n"
                                             "    cooldown: 1d\n");
  g_autofree char *with_step = base_plus ("    next: cool\n"
                                          "  - id: cool\n"
                                          "    type: cooldown\n"
                                          "    window: 7d\n");
  g_autofree char *other_safety = base_plus ("  safety:\n"           /* 20 */
                                             "    timeout: 5m\n");   /* 21 */
  g_autoptr(SluiceDiagnostics) d1 = validate_with_policy (base_document, policy);
  g_autoptr(SluiceDiagnostics) d2 = validate_with_policy (with_setting, policy);
  g_autoptr(SluiceDiagnostics) d3 = validate_with_policy (with_step, policy);
  g_autoptr(SluiceDiagnostics) d4 = validate_with_policy (other_safety, policy);
  const SluiceDiagnostic *d;

  d = assert_finding_message (d1, "policy/missing-cooldown", ERROR, 6, 3, "requires a cooldown");
  g_assert_true (d == NULL || d->step_id == NULL);
  assert_n_findings (d1, 1);
  assert_clean (d2);
  assert_clean (d3);
  assert_finding (d4, "policy/missing-cooldown", ERROR, 21, 5);
  assert_n_findings (d4, 1);
}

/* ---- diagnostics themselves ------------------------------------------------------------ */

static void
test_model_in_memory_has_no_positions (void)
{
  g_autoptr(SluiceWorkflow) workflow = sluice_workflow_new ("in-memory");
  g_autoptr(SluiceStep) trigger = sluice_step_new (sluice_step_type_lookup ("event"), "start");
  g_autoptr(SluiceStep) hook = sluice_step_new (sluice_step_type_lookup ("webhook"), "hook");
  g_autoptr(SluiceStep) orphan = sluice_step_new (sluice_step_type_lookup ("end"), "orphan");
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  static const struct {
    const char     *rule_id;
    SluiceSeverity  severity;
    const char     *step_id;
  } expected[] = {
    { "spec/missing-entity-key", ERROR, NULL },
    { "trigger/no-filters", WARNING, "start" },
    { "graph/unreachable-step", WARNING, "orphan" },
    { "config/missing-field", ERROR, "hook" },
    { "safety/missing-rate-limit", WARNING, "hook" },
  };

  sluice_step_set_string (trigger, "event", "usage.updated");
  sluice_step_set_string (trigger, "next", "hook");
  /* added after the others, the trigger still goes first */
  sluice_workflow_add_step (workflow, hook);
  sluice_workflow_add_step (workflow, orphan);
  sluice_workflow_add_step (workflow, trigger);
  g_assert_true (sluice_workflow_get_trigger (workflow) == trigger);

  sluice_workflow_validate (workflow, NULL, diagnostics);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const SluiceDiagnostic *d = assert_finding (diagnostics, expected[i].rule_id, expected[i].severity, 0, 0);
      g_assert_cmpstr (d ? d->step_id : NULL, ==, expected[i].step_id);
    }
  assert_n_findings (diagnostics, G_N_ELEMENTS (expected));
}

static void
test_model_edited_has_no_positions (void)
{
  g_autoptr(SluiceDiagnostics) load = sluice_diagnostics_new ();
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) workflow = sluice_workflow_load_from_data (base_document, strlen (base_document), load);

  g_assert_nonnull (workflow);
  g_assert_nonnull (sluice_workflow_get_source_map (workflow));

  /* an edit makes the positions of the text meaningless */
  sluice_workflow_set_entity_key (workflow, NULL);
  g_assert_null (sluice_workflow_get_source_map (workflow));

  sluice_workflow_validate (workflow, NULL, diagnostics);
  assert_finding (diagnostics, "spec/missing-entity-key", ERROR, 0, 0);
  assert_n_findings (diagnostics, 1);
}

static void
test_diagnostic_step_ids (void)
{
  g_autofree char *policy = policy_document ("  requireCooldown: true\n");
  g_autofree char *text = base_plus ("    next: hook\n"
                                     "  - id: hook\n"
                                     "    type: webhook\n"
                                     "    url: https://evil.test/x\n"
                                     "    next: each\n"
                                     "  - id: each\n"
                                     "    type: foreach\n"
                                     "    items: data.list\n"
                                     "    next: nowhere\n"
                                     "  - id: orphan\n"
                                     "    type: record\n"
                                     "    title: \"{{ nope }}\"\n"
                                     "  safety:\n"
                                     "    rateLimits:\n"
                                     "    - step: ghost\n"
                                     "      limit: 1\n"
                                     "      per: 1m\n"
                                     "layout:\n"
                                     "  nodes:\n"
                                     "    ghost:\n"
                                     "      x: 1\n"
                                     "      y: 2\n");
  g_autoptr(SluiceDiagnostics) diagnostics = validate_with_policy (text, policy);
  static const struct {
    const char *rule_id;
    const char *step_id;
  } expected[] = {
    { "safety/domain-not-allowed", "hook" },
    { "safety/missing-rate-limit", "hook" },
    { "safety/foreach-without-cap", "each" },
    { "graph/dangling-edge", "each" },
    { "graph/unreachable-step", "orphan" },
    { "template/unknown-root", "orphan" },
    { "safety/rate-limit-target", NULL },
    { "layout/unknown-step", NULL },
    { "policy/missing-cooldown", NULL },
  };

  assert_n_findings (diagnostics, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < diagnostics->len; j++)
        {
          const SluiceDiagnostic *d = g_ptr_array_index (diagnostics, j);

          if (!g_str_equal (d->rule_id, expected[i].rule_id))
            continue;
          found = TRUE;
          g_assert_cmpstr (d->step_id, ==, expected[i].step_id);
          /* every finding of a loaded document has a place */
          g_assert_cmpuint (d->line, >, 0);
          g_assert_cmpuint (d->column, >, 0);
          g_assert_nonnull (d->path);
        }
      if (!found)
        g_test_fail_printf ("no [%s]", expected[i].rule_id);
    }
}

static void
test_diagnostic_format (void)
{
  g_autofree char *text = base_plus ("    next: nowhere\n");   /* 20 */
  g_autoptr(SluiceDiagnostics) diagnostics = validate (text);
  g_autoptr(SluiceDiagnostics) built = sluice_diagnostics_new ();
  const SluiceDiagnostic *d;
  g_autofree char *with_file = NULL;
  g_autofree char *without_file = NULL;
  g_autofree char *no_position = NULL;
  g_autofree char *bare = NULL;
  SluiceDiagnostic *warning;

  d = assert_finding (diagnostics, "graph/dangling-edge", ERROR, 20, 11);
  if (d == NULL)
    return;

  with_file = sluice_diagnostic_format (d, "flows/broken.workflow.yaml");
  g_assert_cmpstr (with_file, ==,
                   "flows/broken.workflow.yaml:20:11: error: [graph/dangling-edge] "
                   "“first” leads to “nowhere”, but there is no step with that id");
  without_file = sluice_diagnostic_format (d, NULL);
  g_assert_cmpstr (without_file, ==,
                   "20:11: error: [graph/dangling-edge] "
                   "“first” leads to “nowhere”, but there is no step with that id");

  warning = sluice_diagnostics_add (built, WARNING, "graph/unreachable-step", 0, 0, "Nothing leads to “%s”", "x");
  no_position = sluice_diagnostic_format (warning, "model.yaml");
  g_assert_cmpstr (no_position, ==, "model.yaml: warning: [graph/unreachable-step] Nothing leads to “x”");
  bare = sluice_diagnostic_format (warning, NULL);
  g_assert_cmpstr (bare, ==, "warning: [graph/unreachable-step] Nothing leads to “x”");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the others still run. */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/validate/base/clean", test_base_is_clean);
  g_test_add_func ("/validate/examples/clean", test_examples_are_clean);

  g_test_add_func ("/validate/trigger/missing", test_trigger_missing);
  g_test_add_func ("/validate/trigger/duplicate", test_trigger_duplicate);
  g_test_add_func ("/validate/trigger/no-filters", test_trigger_no_filters);
  g_test_add_func ("/validate/trigger/no-next", test_trigger_no_next);

  g_test_add_func ("/validate/graph/duplicate-id", test_graph_duplicate_id);
  g_test_add_func ("/validate/graph/dangling-edge", test_graph_dangling_edge);
  g_test_add_func ("/validate/graph/edge-to-trigger", test_graph_edge_to_trigger);
  g_test_add_func ("/validate/graph/cycle", test_graph_cycle);
  g_test_add_func ("/validate/graph/diamond-is-not-a-cycle", test_graph_diamond_is_not_a_cycle);
  g_test_add_func ("/validate/graph/unreachable-step", test_graph_unreachable_step);

  g_test_add_func ("/validate/config/required-fields", test_config_required_fields);
  g_test_add_func ("/validate/config/empty-values", test_config_empty_values);
  g_test_add_func ("/validate/config/switch-cases", test_config_switch_cases);
  g_test_add_func ("/validate/config/filters", test_config_filters);

  g_test_add_func ("/validate/document/missing-name", test_document_missing_name);
  g_test_add_func ("/validate/document/missing-metadata", test_document_missing_metadata);
  g_test_add_func ("/validate/document/rate-limit-fields", test_document_rate_limit_fields);
  g_test_add_func ("/validate/spec/missing-entity-key", test_spec_missing_entity_key);

  g_test_add_func ("/validate/filter/invalid-value", test_filter_invalid_value);
  g_test_add_func ("/validate/filter/invalid-value-in-trigger", test_filter_invalid_value_in_trigger);

  g_test_add_func ("/validate/template/syntax", test_template_syntax);
  g_test_add_func ("/validate/template/references", test_template_references);
  g_test_add_func ("/validate/template/safety-keys", test_template_safety_keys);
  g_test_add_func ("/validate/template/item-outside-foreach", test_template_item_outside_foreach);
  g_test_add_func ("/validate/template/item-inside-foreach", test_template_item_inside_foreach);
  g_test_add_func ("/validate/template/foreach-as", test_template_foreach_as);
  g_test_add_func ("/validate/template/foreach-scope-order", test_template_foreach_scope_is_order_independent);

  g_test_add_func ("/validate/safety/domain-not-allowed", test_safety_domain_not_allowed);
  g_test_add_func ("/validate/safety/no-allowlist", test_safety_no_allowlist);
  g_test_add_func ("/validate/safety/wildcard-domains", test_safety_wildcard_domains);
  g_test_add_func ("/validate/safety/dynamic-destination", test_safety_dynamic_destination);
  g_test_add_func ("/validate/safety/templated-url-path", test_safety_templated_url_path);
  g_test_add_func ("/validate/safety/missing-rate-limit", test_safety_missing_rate_limit);
  g_test_add_func ("/validate/safety/rate-limit-target", test_safety_rate_limit_target);
  g_test_add_func ("/validate/safety/foreach-without-cap", test_safety_foreach_without_cap);
  g_test_add_func ("/validate/layout/unknown-step", test_layout_unknown_step);

  g_test_add_func ("/validate/policy/forbidden-step-type", test_policy_forbidden_step_type);
  g_test_add_func ("/validate/policy/max-fan-out", test_policy_max_fan_out);
  g_test_add_func ("/validate/policy/domain-not-allowed", test_policy_domain_not_allowed);
  g_test_add_func ("/validate/policy/missing-rate-limit", test_policy_missing_rate_limit);
  g_test_add_func ("/validate/policy/missing-cooldown", test_policy_missing_cooldown);

  g_test_add_func ("/validate/model/in-memory", test_model_in_memory_has_no_positions);
  g_test_add_func ("/validate/model/edited", test_model_edited_has_no_positions);
  g_test_add_func ("/validate/diagnostic/step-ids", test_diagnostic_step_ids);
  g_test_add_func ("/validate/diagnostic/format", test_diagnostic_format);

  return g_test_run ();
}
