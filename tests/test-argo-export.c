/* test-argo-export.c — workflows as Argo Events + Argo Workflows manifests
 *
 * The three examples are compared byte for byte with golden files in
 * tests/golden/argo/ (run with SLUICE_UPDATE_GOLDEN=1 to write them after
 * a deliberate change, then review the diff). Every filter op and step
 * type has a test of its own, on the parsed YAML, and the CLI is run as CI
 * would run it.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sluice-argo-export.h"
#include "sluice-validator.h"
#include "sluice-yaml-tree.h"

static const char * const examples[] = {
  "usage-quota-80",
  "agreement-renewal-t30",
  "contact-fanout",
};

/* ---- helpers ------------------------------------------------------------------- */

static char *
example_path (const char *name)
{
  const char *datadir = g_getenv ("SLUICE_DATADIR");
  g_autofree char *file = g_strdup_printf ("%s.workflow.yaml", name);

  if (datadir == NULL)
    g_error ("SLUICE_DATADIR must name the data folder of the source tree");
  return g_build_filename (datadir, "examples", file, NULL);
}

static SluiceWorkflow *
load (const char *text)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  SluiceWorkflow *workflow = sluice_workflow_load_from_data (text, strlen (text), diagnostics);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = sluice_diagnostic_format (g_ptr_array_index (diagnostics, i), "test");
      g_test_message ("%s", line);
    }
  g_assert_nonnull (workflow);
  return workflow;
}

static SluiceWorkflow *
load_example (const char *name)
{
  g_autofree char *path = example_path (name);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("cannot read %s: %s", path, error->message);
  return load (text);
}

static SluiceArgoManifests *
export_with (SluiceWorkflow          *workflow,
             const SluiceArgoOptions *options,
             SluiceDiagnostics       *findings)
{
  g_autoptr(GError) error = NULL;
  SluiceArgoManifests *manifests = sluice_argo_export (workflow, options, findings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (manifests);
  return manifests;
}

static SluiceYamlNode *
parse (const char *text)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  SluiceYamlNode *root = sluice_yaml_read (text, strlen (text), diagnostics);

  if (diagnostics->len > 0)
    {
      g_autofree char *line = sluice_diagnostic_format (g_ptr_array_index (diagnostics, 0), "manifest");
      g_test_message ("%s\n%s", line, text);
    }
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_nonnull (root);
  return root;
}

/* Follows @path, keys and list positions separated by spaces:
 * "spec dependencies 0 filters data 1 path". */
static SluiceYamlNode *
lookup (SluiceYamlNode *root,
        const char     *path)
{
  g_auto(GStrv) parts = g_strsplit (path, " ", -1);
  SluiceYamlNode *node = root;

  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      if (node->kind == SLUICE_YAML_SEQUENCE)
        {
          guint64 index = g_ascii_strtoull (parts[i], NULL, 10);

          node = index < sluice_yaml_node_n_children (node) ? g_ptr_array_index (node->children, index) : NULL;
        }
      else
        node = sluice_yaml_mapping_lookup (node, parts[i]);
    }

  return node;
}

static const char *
scalar (SluiceYamlNode *root,
        const char     *path)
{
  SluiceYamlNode *node = lookup (root, path);

  return node != NULL && node->kind == SLUICE_YAML_SCALAR ? node->scalar : NULL;
}

static guint
size (SluiceYamlNode *root,
      const char     *path)
{
  SluiceYamlNode *node = lookup (root, path);

  if (node == NULL)
    return 0;
  if (node->kind == SLUICE_YAML_MAPPING)
    return sluice_yaml_mapping_size (node);
  return sluice_yaml_node_n_children (node);
}

/* The item of the sequence at @path whose "name" is @name. */
static SluiceYamlNode *
named (SluiceYamlNode *root,
       const char     *path,
       const char     *name)
{
  SluiceYamlNode *list = lookup (root, path);

  for (guint i = 0; list && i < sluice_yaml_node_n_children (list); i++)
    {
      SluiceYamlNode *item = g_ptr_array_index (list->children, i);

      if (g_strcmp0 (scalar (item, "name"), name) == 0)
        return item;
    }
  return NULL;
}

static SluiceYamlNode *
task (SluiceYamlNode *template_root,
      const char     *template_name,
      const char     *task_name)
{
  SluiceYamlNode *template = named (template_root, "spec templates", template_name);

  g_assert_nonnull (template);
  return named (template, "dag tasks", task_name);
}

static SluiceYamlNode *
template_named (SluiceYamlNode *template_root,
                const char     *name)
{
  return named (template_root, "spec templates", name);
}

/* The args of a container template, joined by newlines. */
static char *
container_args (SluiceYamlNode *template)
{
  SluiceYamlNode *args = lookup (template, "container args");
  GString *out = g_string_new (NULL);

  for (guint i = 0; args && i < sluice_yaml_node_n_children (args); i++)
    g_string_append_printf (out, "%s\n", ((SluiceYamlNode *) g_ptr_array_index (args->children, i))->scalar);
  return g_string_free (out, FALSE);
}

static const SluiceDiagnostic *
find (SluiceDiagnostics *findings,
      const char        *rule_id,
      const char        *step_id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const SluiceDiagnostic *d = g_ptr_array_index (findings, i);

      if (g_str_equal (d->rule_id, rule_id) && (step_id == NULL || g_strcmp0 (d->step_id, step_id) == 0))
        return d;
    }
  return NULL;
}

static void
assert_finding (SluiceDiagnostics *findings,
                const char        *rule_id,
                const char        *step_id,
                SluiceSeverity     severity)
{
  const SluiceDiagnostic *d = find (findings, rule_id, step_id);

  if (d == NULL)
    {
      for (guint i = 0; i < findings->len; i++)
        {
          g_autofree char *line = sluice_diagnostic_format (g_ptr_array_index (findings, i), NULL);
          g_test_message ("%s", line);
        }
      g_test_fail_printf ("no finding [%s] for step %s", rule_id, step_id ? step_id : "(none)");
      return;
    }
  g_assert_cmpint (d->severity, ==, severity);
}

static void
assert_no_findings (SluiceDiagnostics *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      g_autofree char *line = sluice_diagnostic_format (g_ptr_array_index (findings, i), NULL);
      g_test_message ("unexpected: %s", line);
    }
  g_assert_cmpuint (findings->len, ==, 0);
}

/* ---- building test workflows ---------------------------------------------------------- */

static const char head[] =
  "apiVersion: sluice.dev/v1\n"
  "kind: Workflow\n"
  "metadata:\n"
  "  name: test-flow\n"
  "  version: 2\n"
  "spec:\n";

/* An event trigger with @filters (YAML list items at 4 spaces, or "")
 * leading to a record step "act". */
static char *
doc_with_trigger_filters (const char *filters)
{
  return g_strconcat (head,
                      "  trigger:\n"
                      "    id: start\n"
                      "    type: event\n"
                      "    event: thing.happened\n",
                      *filters ? "    filters:\n" : "", filters,
                      "    next: act\n"
                      "  entityKey: data.account\n"
                      "  steps:\n"
                      "  - id: act\n"
                      "    type: record\n"
                      "    title: Hello\n",
                      NULL);
}

/* A trigger leading to @steps (YAML list items at 2 spaces), starting at
 * the first, with @safety (at 4 spaces, or ""). */
static char *
doc_with_steps (const char *first,
                const char *steps,
                const char *safety)
{
  return g_strconcat (head,
                      "  trigger:\n"
                      "    id: start\n"
                      "    type: event\n"
                      "    event: thing.happened\n"
                      "    next: ", first, "\n"
                      "  entityKey: data.account\n"
                      "  steps:\n",
                      steps,
                      *safety ? "  safety:\n" : "", safety,
                      NULL);
}

typedef struct
{
  SluiceArgoManifests *manifests;
  SluiceDiagnostics   *findings;
  SluiceYamlNode      *trigger;    /* the Sensor or CronWorkflow */
  SluiceYamlNode      *template;   /* the WorkflowTemplate */
} Exported;

static void
exported_free (Exported *e)
{
  sluice_argo_manifests_free (e->manifests);
  g_ptr_array_unref (e->findings);
  sluice_yaml_node_free (e->trigger);
  sluice_yaml_node_free (e->template);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Exported, exported_free)

static Exported *
export_text_with (const char              *text,
                  const SluiceArgoOptions *options)
{
  g_autoptr(SluiceWorkflow) workflow = load (text);
  Exported *e = g_new0 (Exported, 1);

  e->findings = sluice_diagnostics_new ();
  e->manifests = export_with (workflow, options, e->findings);
  e->trigger = parse (e->manifests->trigger_yaml);
  e->template = parse (e->manifests->template_yaml);
  return e;
}

static Exported *
export_text (const char *text)
{
  return export_text_with (text, NULL);
}

/* The Sensor of a workflow whose trigger has the one filter @filter. */
static Exported *
export_filter (const char *filter)
{
  g_autofree char *text = doc_with_trigger_filters (filter);

  return export_text (text);
}

/* The data filter after the event type filter. */
#define DATA(n) "spec dependencies 0 filters data " #n

/* ---- golden files ---------------------------------------------------------------------- */

static void
test_golden (gconstpointer data)
{
  const char *name = data;
  g_autoptr(SluiceWorkflow) workflow = load_example (name);
  g_autoptr(SluiceDiagnostics) findings = sluice_diagnostics_new ();
  g_autoptr(SluiceArgoManifests) manifests = export_with (workflow, NULL, findings);
  g_autofree char *actual = sluice_argo_manifests_to_string (manifests);
  g_autofree char *file = g_strdup_printf ("%s.yaml", name);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "golden", "argo", file, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (g_getenv ("SLUICE_UPDATE_GOLDEN"), "1") == 0)
    {
      if (!g_file_set_contents (path, actual, -1, &error))
        g_error ("cannot write %s: %s", path, error->message);
      g_test_message ("wrote %s", path);
    }

  if (!g_file_get_contents (path, &expected, NULL, &error))
    {
      g_test_fail_printf ("cannot read %s (%s); run with SLUICE_UPDATE_GOLDEN=1 to write it", path, error->message);
      return;
    }
  g_assert_cmpstr (actual, ==, expected);
}

/* What the examples are reported for: only what Argo really lacks. */
static void
test_example_findings (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr(SluiceWorkflow) workflow = load_example (examples[i]);
      g_autoptr(SluiceDiagnostics) findings = sluice_diagnostics_new ();
      g_autoptr(SluiceArgoManifests) manifests = export_with (workflow, NULL, findings);
      const SluiceDiagnostic *d;

      /* every example has a per-entity cooldown */
      assert_finding (findings, "argo/unsupported-cooldown", NULL, SLUICE_SEVERITY_WARNING);
      d = find (findings, "argo/unsupported-cooldown", NULL);
      g_assert_cmpstr (d ? d->path : NULL, ==, "spec.safety.cooldown");
      g_assert_cmpuint (d ? d->line : 0, >, 0);

      if (g_str_equal (examples[i], "contact-fanout"))
        {
          /* op: changed needs the previous event */
          assert_finding (findings, "argo/unsupported-filter", "account-updated", SLUICE_SEVERITY_ERROR);
          g_assert_cmpuint (findings->len, ==, 2);
        }
      else
        g_assert_cmpuint (findings->len, ==, 1);
    }
}

/* ---- structure ----------------------------------------------------------------------------- */

static void
test_sensor_structure (void)
{
  g_autoptr(SluiceWorkflow) workflow = load_example ("usage-quota-80");
  g_autoptr(SluiceDiagnostics) findings = sluice_diagnostics_new ();
  g_autoptr(SluiceArgoManifests) manifests = export_with (workflow, NULL, findings);
  g_autoptr(SluiceYamlNode) sensor = parse (manifests->trigger_yaml);
  SluiceYamlNode *trigger;

  g_assert_cmpstr (manifests->trigger_kind, ==, "Sensor");
  g_assert_cmpstr (manifests->trigger_filename, ==, "usage-quota-80.sensor.yaml");
  g_assert_cmpstr (scalar (sensor, "apiVersion"), ==, "argoproj.io/v1alpha1");
  g_assert_cmpstr (scalar (sensor, "kind"), ==, "Sensor");
  g_assert_cmpstr (scalar (sensor, "metadata name"), ==, "usage-quota-80");
  g_assert_cmpstr (scalar (sensor, "metadata labels app.kubernetes.io/managed-by"), ==, "sluice");
  g_assert_cmpstr (scalar (sensor, "metadata annotations sluice.dev/version"), ==, "1");
  g_assert_true (g_str_has_prefix (scalar (sensor, "metadata annotations sluice.dev/digest"), "sha256:"));
  g_assert_cmpstr (scalar (sensor, "spec template serviceAccountName"), ==, "operate-workflow-sa");

  /* one dependency: the trigger */
  g_assert_cmpuint (size (sensor, "spec dependencies"), ==, 1);
  g_assert_cmpstr (scalar (sensor, "spec dependencies 0 name"), ==, "usage-updated");
  g_assert_cmpstr (scalar (sensor, "spec dependencies 0 eventSourceName"), ==, "sluice");
  g_assert_cmpstr (scalar (sensor, "spec dependencies 0 eventName"), ==, "cloudevents");

  /* the event type, then metric = storage, then percent >= 80 */
  g_assert_cmpuint (size (sensor, "spec dependencies 0 filters data"), ==, 3);
  g_assert_cmpstr (scalar (sensor, DATA (0) " path"), ==, "body.type");
  g_assert_cmpstr (scalar (sensor, DATA (0) " value 0"), ==, "^usage\\.updated$");
  g_assert_cmpstr (scalar (sensor, DATA (1) " path"), ==, "body.data.metric");
  g_assert_cmpstr (scalar (sensor, DATA (1) " value 0"), ==, "^storage$");
  g_assert_cmpstr (scalar (sensor, DATA (2) " path"), ==, "body.data.percent");
  g_assert_cmpstr (scalar (sensor, DATA (2) " type"), ==, "number");
  g_assert_cmpstr (scalar (sensor, DATA (2) " comparator"), ==, ">=");
  g_assert_cmpstr (scalar (sensor, DATA (2) " value 0"), ==, "80");
  g_assert_null (lookup (sensor, "spec dependencies 0 filters exprs"));

  /* the trigger submits the template with the event as its parameter */
  trigger = lookup (sensor, "spec triggers 0");
  g_assert_nonnull (trigger);
  g_assert_cmpstr (scalar (trigger, "template name"), ==, "usage-quota-80");
  g_assert_cmpstr (scalar (trigger, "template argoWorkflow operation"), ==, "submit");
  g_assert_cmpstr (scalar (trigger, "template argoWorkflow source resource kind"), ==, "Workflow");
  g_assert_cmpstr (scalar (trigger, "template argoWorkflow source resource metadata generateName"), ==, "usage-quota-80-");
  g_assert_cmpstr (scalar (trigger, "template argoWorkflow source resource spec workflowTemplateRef name"), ==, "usage-quota-80");
  g_assert_cmpstr (scalar (trigger, "template argoWorkflow source resource spec arguments parameters 0 name"), ==, "event");
  g_assert_cmpstr (scalar (trigger, "template argoWorkflow parameters 0 src dependencyName"), ==, "usage-updated");
  g_assert_cmpstr (scalar (trigger, "template argoWorkflow parameters 0 src dataKey"), ==, "body");
  g_assert_cmpstr (scalar (trigger, "template argoWorkflow parameters 0 dest"), ==, "spec.arguments.parameters.0.value");

  /* notify-owner 100/h and open-ticket 20/h: the strictest wins */
  g_assert_cmpstr (scalar (trigger, "rateLimit unit"), ==, "Hour");
  g_assert_cmpstr (scalar (trigger, "rateLimit requestsPerUnit"), ==, "20");
}

static void
test_template_structure (void)
{
  g_autoptr(SluiceWorkflow) workflow = load_example ("usage-quota-80");
  g_autoptr(SluiceDiagnostics) findings = sluice_diagnostics_new ();
  g_autoptr(SluiceArgoManifests) manifests = export_with (workflow, NULL, findings);
  g_autoptr(SluiceYamlNode) root = parse (manifests->template_yaml);
  SluiceYamlNode *t;

  g_assert_cmpstr (manifests->template_filename, ==, "usage-quota-80.workflowtemplate.yaml");
  g_assert_cmpstr (scalar (root, "apiVersion"), ==, "argoproj.io/v1alpha1");
  g_assert_cmpstr (scalar (root, "kind"), ==, "WorkflowTemplate");
  g_assert_cmpstr (scalar (root, "metadata name"), ==, "usage-quota-80");
  g_assert_true (g_str_has_prefix (scalar (root, "metadata annotations workflows.argoproj.io/description"), "When an account"));
  g_assert_cmpstr (scalar (root, "spec entrypoint"), ==, "main");
  g_assert_cmpstr (scalar (root, "spec activeDeadlineSeconds"), ==, "300");
  g_assert_cmpstr (scalar (root, "spec arguments parameters 0 name"), ==, "event");

  /* main + one template per step */
  g_assert_cmpuint (size (root, "spec templates"), ==, 4);
  g_assert_cmpstr (scalar (root, "spec templates 0 name"), ==, "main");

  /* the DAG edges follow next */
  g_assert_cmpuint (size (root, "spec templates 0 dag tasks"), ==, 3);
  t = task (root, "main", "record-nudge");
  g_assert_null (lookup (t, "depends"));
  g_assert_null (lookup (t, "when"));
  g_assert_cmpstr (scalar (task (root, "main", "notify-owner"), "depends"), ==, "record-nudge.Succeeded");
  g_assert_cmpstr (scalar (task (root, "main", "open-ticket"), "depends"), ==, "notify-owner.Succeeded");

  /* retries with exponential backoff */
  t = template_named (root, "notify-owner");
  g_assert_cmpstr (scalar (t, "retryStrategy limit"), ==, "3");
  g_assert_cmpstr (scalar (t, "retryStrategy retryPolicy"), ==, "Always");
  g_assert_cmpstr (scalar (t, "retryStrategy backoff duration"), ==, "10s");
  g_assert_cmpstr (scalar (t, "retryStrategy backoff factor"), ==, "2");
  g_assert_cmpstr (scalar (t, "retryStrategy backoff cap"), ==, "5m");
  g_assert_cmpstr (scalar (t, "container image"), ==, "ghcr.io/sluice/actions-notify:1");
}

/* Every task names a template that exists, every depends term a task of
 * the same DAG, the entrypoint a template: what Argo's own validation
 * checks first. */
static void
check_references (SluiceYamlNode *root)
{
  SluiceYamlNode *templates = lookup (root, "spec templates");
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (templates);
  for (guint i = 0; i < sluice_yaml_node_n_children (templates); i++)
    {
      const char *name = scalar (g_ptr_array_index (templates->children, i), "name");

      g_assert_nonnull (name);
      g_assert_true (g_hash_table_add (names, (gpointer) name));
    }
  g_assert_true (g_hash_table_contains (names, scalar (root, "spec entrypoint")));

  for (guint i = 0; i < sluice_yaml_node_n_children (templates); i++)
    {
      SluiceYamlNode *tasks = lookup (g_ptr_array_index (templates->children, i), "dag tasks");
      g_autoptr(GHashTable) task_names = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint k = 0; tasks && k < sluice_yaml_node_n_children (tasks); k++)
        {
          SluiceYamlNode *t = g_ptr_array_index (tasks->children, k);

          g_assert_true (g_hash_table_add (task_names, (gpointer) scalar (t, "name")));
          g_assert_true (g_hash_table_contains (names, scalar (t, "template")));
        }
      for (guint k = 0; tasks && k < sluice_yaml_node_n_children (tasks); k++)
        {
          const char *depends = scalar (g_ptr_array_index (tasks->children, k), "depends");
          g_auto(GStrv) terms = depends ? g_strsplit (depends, " || ", -1) : NULL;

          for (guint d = 0; terms && terms[d]; d++)
            {
              g_autofree char *name = g_strndup (terms[d], strlen (terms[d]) - strlen (".Succeeded"));

              g_assert_true (g_str_has_suffix (terms[d], ".Succeeded"));
              g_assert_true (g_hash_table_contains (task_names, name));
            }
        }
    }
}

static void
test_examples_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr(SluiceWorkflow) workflow = load_example (examples[i]);
      g_autoptr(SluiceDiagnostics) findings = sluice_diagnostics_new ();
      g_autoptr(SluiceArgoManifests) manifests = export_with (workflow, NULL, findings);
      g_autoptr(SluiceYamlNode) trigger = parse (manifests->trigger_yaml);
      g_autoptr(SluiceYamlNode) root = parse (manifests->template_yaml);

      g_assert_cmpstr (scalar (trigger, "apiVersion"), ==, "argoproj.io/v1alpha1");
      g_assert_cmpstr (scalar (trigger, "kind"), ==, "Sensor");
      g_assert_cmpstr (scalar (root, "apiVersion"), ==, "argoproj.io/v1alpha1");
      g_assert_cmpstr (scalar (root, "kind"), ==, "WorkflowTemplate");
      g_assert_cmpstr (scalar (trigger, "metadata name"), ==, examples[i]);
      g_assert_cmpstr (scalar (root, "metadata name"), ==, examples[i]);
      check_references (root);
    }
}

static void
test_multi_document (void)
{
  g_autoptr(SluiceWorkflow) workflow = load_example ("agreement-renewal-t30");
  g_autoptr(SluiceDiagnostics) findings = sluice_diagnostics_new ();
  g_autoptr(SluiceArgoManifests) manifests = export_with (workflow, NULL, findings);
  g_autofree char *stream = sluice_argo_manifests_to_string (manifests);
  g_autofree char *expected = g_strconcat (manifests->template_yaml, "---\n", manifests->trigger_yaml, NULL);

  /* the template first, so a Sensor never submits before it exists */
  g_assert_cmpstr (stream, ==, expected);
  g_assert_true (g_str_has_prefix (stream, "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\n"));
}

static void
test_determinism (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr(SluiceWorkflow) workflow = load_example (examples[i]);
      g_autoptr(SluiceWorkflow) copy = sluice_workflow_copy (workflow);
      g_autofree char *canonical = sluice_workflow_to_yaml (workflow);
      g_autoptr(SluiceWorkflow) reread = load (canonical);
      g_autoptr(SluiceDiagnostics) f1 = sluice_diagnostics_new ();
      g_autoptr(SluiceDiagnostics) f2 = sluice_diagnostics_new ();
      g_autoptr(SluiceDiagnostics) f3 = sluice_diagnostics_new ();
      g_autoptr(SluiceDiagnostics) f4 = sluice_diagnostics_new ();
      g_autoptr(SluiceArgoManifests) a = export_with (workflow, NULL, f1);
      g_autoptr(SluiceArgoManifests) b = export_with (workflow, NULL, f2);
      g_autoptr(SluiceArgoManifests) c = export_with (copy, NULL, f3);
      g_autoptr(SluiceArgoManifests) d = export_with (reread, NULL, f4);
      g_autofree char *sa = sluice_argo_manifests_to_string (a);
      g_autofree char *sb = sluice_argo_manifests_to_string (b);
      g_autofree char *sc = sluice_argo_manifests_to_string (c);
      g_autofree char *sd = sluice_argo_manifests_to_string (d);

      g_assert_cmpstr (sa, ==, sb);
      g_assert_cmpstr (sa, ==, sc);
      g_assert_cmpstr (sa, ==, sd);
      g_assert_cmpuint (f1->len, ==, f2->len);
    }
}

/* ---- trigger filters → Sensor, one op at a time ------------------------------------------------ */

static void
assert_data_filter (Exported   *e,
                    const char *path,
                    const char *type,
                    const char *comparator,
                    const char *value)
{
  g_assert_cmpuint (size (e->trigger, "spec dependencies 0 filters data"), ==, 2);
  g_assert_cmpstr (scalar (e->trigger, DATA (1) " path"), ==, path);
  g_assert_cmpstr (scalar (e->trigger, DATA (1) " type"), ==, type);
  g_assert_cmpstr (scalar (e->trigger, DATA (1) " comparator"), ==, comparator);
  g_assert_cmpuint (size (e->trigger, DATA (1) " value"), ==, 1);
  g_assert_cmpstr (scalar (e->trigger, DATA (1) " value 0"), ==, value);
}

static void
assert_filter_left_out (Exported *e)
{
  assert_finding (e->findings, "argo/unsupported-filter", "start", SLUICE_SEVERITY_ERROR);
  /* only the event type is checked */
  g_assert_cmpuint (size (e->trigger, "spec dependencies 0 filters data"), ==, 1);
  g_assert_null (lookup (e->trigger, "spec dependencies 0 filters exprs"));
}

static void
test_sensor_eq (void)
{
  g_autoptr(Exported) text = export_filter ("    - {path: data.x, op: eq, value: a.b*c}\n");
  g_autoptr(Exported) number = export_filter ("    - {path: data.x, op: eq, value: 2.5}\n");
  g_autoptr(Exported) boolean = export_filter ("    - {path: data.x, op: eq, value: true}\n");
  g_autoptr(Exported) null = export_filter ("    - {path: data.x, op: eq, value: null}\n");

  /* text is a regular expression to Argo: anchored and escaped */
  assert_data_filter (text, "body.data.x", "string", "=", "^a\\.b\\*c$");
  assert_no_findings (text->findings);
  assert_data_filter (number, "body.data.x", "number", "=", "2.5");
  assert_data_filter (boolean, "body.data.x", "bool", NULL, "true");
  assert_filter_left_out (null);
}

static void
test_sensor_ne (void)
{
  g_autoptr(Exported) text = export_filter ("    - {path: data.x, op: ne, value: free}\n");
  g_autoptr(Exported) number = export_filter ("    - {path: data.x, op: ne, value: 3}\n");
  g_autoptr(Exported) boolean = export_filter ("    - {path: data.x, op: ne, value: true}\n");

  assert_data_filter (text, "body.data.x", "string", "!=", "^free$");
  assert_data_filter (number, "body.data.x", "number", "!=", "3");
  /* bool filters have no comparator: not true is false */
  assert_data_filter (boolean, "body.data.x", "bool", NULL, "false");
}

static void
test_sensor_ordering (void)
{
  static const struct { const char *op, *comparator; } ops[] = {
    { "gt", ">" }, { "gte", ">=" }, { "lt", "<" }, { "lte", "<=" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autofree char *filter = g_strdup_printf ("    - {path: data.percent, op: %s, value: 80}\n", ops[i].op);
      g_autoptr(Exported) e = export_filter (filter);

      assert_data_filter (e, "body.data.percent", "number", ops[i].comparator, "80");
      assert_no_findings (e->findings);
    }
}

static void
test_sensor_ordering_text (void)
{
  g_autoptr(Exported) e = export_filter ("    - {path: data.tier, op: gte, value: gold}\n");
  g_autoptr(Exported) date = export_filter ("    - {path: data.expires_on, op: lt, value: \"2027-01-01\"}\n");

  /* data filters order numbers only; text goes to a govaluate expr */
  g_assert_cmpuint (size (e->trigger, "spec dependencies 0 filters data"), ==, 1);
  g_assert_cmpstr (scalar (e->trigger, "spec dependencies 0 filters exprs 0 expr"), ==, "value >= 'gold'");
  g_assert_cmpstr (scalar (e->trigger, "spec dependencies 0 filters exprs 0 fields 0 name"), ==, "value");
  g_assert_cmpstr (scalar (e->trigger, "spec dependencies 0 filters exprs 0 fields 0 path"), ==, "body.data.tier");
  assert_no_findings (e->findings);

  /* govaluate would read the literal as a date */
  assert_filter_left_out (date);
}

static void
test_sensor_in (void)
{
  g_autoptr(Exported) text = export_filter ("    - {path: data.kind, op: in, value: [MSA, NDA]}\n");
  g_autoptr(Exported) number = export_filter ("    - {path: data.n, op: in, value: [1, 2]}\n");
  g_autoptr(Exported) mixed = export_filter ("    - {path: data.n, op: in, value: [1, two]}\n");

  /* the values of one data filter are alternatives */
  g_assert_cmpstr (scalar (text->trigger, DATA (1) " comparator"), ==, "=");
  g_assert_cmpuint (size (text->trigger, DATA (1) " value"), ==, 2);
  g_assert_cmpstr (scalar (text->trigger, DATA (1) " value 0"), ==, "^MSA$");
  g_assert_cmpstr (scalar (text->trigger, DATA (1) " value 1"), ==, "^NDA$");
  g_assert_cmpstr (scalar (number->trigger, DATA (1) " type"), ==, "number");
  g_assert_cmpstr (scalar (number->trigger, DATA (1) " value 1"), ==, "2");
  assert_filter_left_out (mixed);
}

static void
test_sensor_not_in (void)
{
  g_autoptr(Exported) text = export_filter ("    - {path: data.kind, op: not_in, value: [MSA, NDA]}\n");
  g_autoptr(Exported) number = export_filter ("    - {path: data.n, op: not_in, value: [1, 2]}\n");

  /* one pattern, as several != values would be or-ed */
  assert_data_filter (text, "body.data.kind", "string", "!=", "^(?:MSA|NDA)$");
  /* separate filters are and-ed */
  g_assert_cmpuint (size (number->trigger, "spec dependencies 0 filters data"), ==, 3);
  g_assert_cmpstr (scalar (number->trigger, DATA (1) " comparator"), ==, "!=");
  g_assert_cmpstr (scalar (number->trigger, DATA (1) " value 0"), ==, "1");
  g_assert_cmpstr (scalar (number->trigger, DATA (2) " value 0"), ==, "2");
}

static void
test_sensor_exists (void)
{
  g_autoptr(Exported) present = export_filter ("    - {path: data.owner, op: exists}\n");
  g_autoptr(Exported) absent = export_filter ("    - {path: data.owner, op: exists, value: false}\n");

  /* a missing path fails a data filter; .* passes any value */
  assert_data_filter (present, "body.data.owner", "string", NULL, ".*");
  assert_filter_left_out (absent);
}

static void
test_sensor_contains (void)
{
  g_autoptr(Exported) text = export_filter ("    - {path: data.note, op: contains, value: urgent}\n");
  g_autoptr(Exported) number = export_filter ("    - {path: data.codes, op: contains, value: 7}\n");

  assert_data_filter (text, "body.data.note", "string", "=", "urgent");
  assert_finding (text->findings, "argo/approximate-filter", "start", SLUICE_SEVERITY_WARNING);
  /* a gjson query finds an equal list item */
  assert_data_filter (number, "body.data.codes.#(==7)", "string", NULL, ".*");
  assert_no_findings (number->findings);
}

static void
test_sensor_matches (void)
{
  g_autoptr(Exported) re2 = export_filter ("    - {path: data.email, op: matches, value: \"@example\\\\.com$\"}\n");
  g_autoptr(Exported) pcre = export_filter ("    - {path: data.email, op: matches, value: \"^(?!admin)\"}\n");

  assert_data_filter (re2, "body.data.email", "string", "=", "@example\\.com$");
  assert_no_findings (re2->findings);
  /* look-ahead is not RE2 */
  assert_filter_left_out (pcre);
}

static void
test_sensor_within (void)
{
  g_autoptr(Exported) e = export_filter ("    - {path: data.expires_at, op: within, value: 30d}\n");

  assert_filter_left_out (e);
}

static void
test_sensor_changed (void)
{
  g_autoptr(Exported) e = export_filter ("    - {path: data.plan, op: changed}\n");

  assert_filter_left_out (e);
}

static void
test_sensor_paths (void)
{
  g_autoptr(Exported) e = export_filter ("    - {path: \"data.contacts[0].$ref\", op: eq, value: x}\n"
                                         "    - {path: tenant, op: eq, value: acme}\n");

  /* positions are gjson keys; characters gjson reads are escaped */
  g_assert_cmpstr (scalar (e->trigger, DATA (1) " path"), ==, "body.data.contacts.0.\\$ref");
  /* envelope attributes sit at the top of the CloudEvent */
  g_assert_cmpstr (scalar (e->trigger, DATA (2) " path"), ==, "body.tenant");
}

static void
test_sensor_source (void)
{
  g_autofree char *text = g_strconcat (head,
                                       "  trigger:\n"
                                       "    id: start\n"
                                       "    type: event\n"
                                       "    event: usage.updated\n"
                                       "    source: billing\n"
                                       "    next: act\n"
                                       "  entityKey: data.account\n"
                                       "  steps:\n"
                                       "  - {id: act, type: record, title: Hi}\n",
                                       NULL);
  g_autoptr(Exported) e = export_text (text);

  g_assert_cmpstr (scalar (e->trigger, DATA (0) " path"), ==, "body.type");
  g_assert_cmpstr (scalar (e->trigger, DATA (1) " path"), ==, "body.source");
  g_assert_cmpstr (scalar (e->trigger, DATA (1) " value 0"), ==, "^billing$");
  g_assert_null (lookup (e->trigger, "spec triggers 0 rateLimit"));
}

/* ---- condition filters → when, one op at a time --------------------------------------------------- */

#define FIELD "jsonpath(workflow.parameters.event, '$.data.x')"

/* The `when` of the then-task of a condition with @filters. */
static Exported *
export_condition (const char *filters,
                  const char *match)
{
  g_autofree char *steps = g_strconcat ("  - id: check\n"
                                        "    type: condition\n",
                                        match ? "    match: " : "", match ? match : "", match ? "\n" : "",
                                        "    filters:\n", filters,
                                        "    then: yes-task\n"
                                        "    else: no-task\n"
                                        "  - {id: yes-task, type: record, title: Yes}\n"
                                        "  - {id: no-task, type: record, title: No}\n",
                                        NULL);
  g_autofree char *text = doc_with_steps ("check", steps, "");

  return export_text (text);
}

static void
assert_when (const char *filter,
             const char *expected)
{
  g_autofree char *filters = g_strdup_printf ("    - %s\n", filter);
  g_autoptr(Exported) e = export_condition (filters, NULL);
  g_autofree char *then_when = g_strdup_printf ("{{=%s}}", expected);
  g_autofree char *else_when = g_strdup_printf ("{{=!(%s)}}", expected);

  assert_no_findings (e->findings);
  g_assert_cmpstr (scalar (task (e->template, "main", "yes-task"), "when"), ==, then_when);
  g_assert_cmpstr (scalar (task (e->template, "main", "no-task"), "when"), ==, else_when);
  g_assert_null (lookup (task (e->template, "main", "yes-task"), "depends"));
}

static void
test_when_eq_ne (void)
{
  assert_when ("{path: data.x, op: eq, value: storage}", FIELD " == 'storage'");
  assert_when ("{path: data.x, op: eq, value: \"it's\"}", FIELD " == 'it\\'s'");
  assert_when ("{path: data.x, op: eq, value: null}", FIELD " == nil");
  assert_when ("{path: data.x, op: ne, value: 3}", FIELD " != 3");
  assert_when ("{path: data.x, op: ne, value: false}", FIELD " != false");
}

static void
test_when_ordering (void)
{
  assert_when ("{path: data.x, op: gt, value: 80}", FIELD " > 80");
  assert_when ("{path: data.x, op: gte, value: 0.5}", FIELD " >= 0.5");
  assert_when ("{path: data.x, op: lt, value: \"2027-01-01\"}", FIELD " < '2027-01-01'");
  assert_when ("{path: data.x, op: lte, value: 10}", FIELD " <= 10");
}

static void
test_when_in (void)
{
  assert_when ("{path: data.x, op: in, value: [MSA, NDA]}", FIELD " in ['MSA', 'NDA']");
  assert_when ("{path: data.x, op: not_in, value: [1, 2]}", "!(" FIELD " in [1, 2])");
}

static void
test_when_exists (void)
{
  assert_when ("{path: data.x, op: exists}", "'x' in jsonpath(workflow.parameters.event, '$.data')");
  assert_when ("{path: data.x, op: exists, value: false}", "!('x' in jsonpath(workflow.parameters.event, '$.data'))");
  assert_when ("{path: \"data.list[2]\", op: exists}", "len(jsonpath(workflow.parameters.event, '$.data.list')) > 2");
}

static void
test_when_contains (void)
{
  assert_when ("{path: data.x, op: contains, value: b}",
               "(sprig.kindIs('slice', " FIELD ") ? 'b' in " FIELD " : " FIELD " contains 'b')");
  assert_when ("{path: data.x, op: contains, value: 5}", "5 in " FIELD);
}

static void
test_when_matches (void)
{
  g_autoptr(Exported) pcre = export_condition ("    - {path: data.x, op: matches, value: \"(a)\\\\1\"}\n", NULL);

  assert_when ("{path: data.x, op: matches, value: \"^a.*z$\"}", FIELD " matches '^a.*z$'");
  /* a back-reference is not RE2 */
  assert_finding (pcre->findings, "argo/unsupported-filter", "check", SLUICE_SEVERITY_ERROR);
}

static void
test_when_within_changed (void)
{
  g_autoptr(Exported) within = export_condition ("    - {path: data.x, op: within, value: 7d}\n"
                                                 "    - {path: data.y, op: eq, value: 1}\n", NULL);
  g_autoptr(Exported) changed = export_condition ("    - {path: data.x, op: changed}\n", NULL);

  assert_finding (within->findings, "argo/unsupported-filter", "check", SLUICE_SEVERITY_ERROR);
  /* the branch is decided on what Argo can evaluate */
  g_assert_cmpstr (scalar (task (within->template, "main", "yes-task"), "when"), ==,
                   "{{=jsonpath(workflow.parameters.event, '$.data.y') == 1}}");
  assert_finding (changed->findings, "argo/unsupported-filter", "check", SLUICE_SEVERITY_ERROR);
  g_assert_cmpstr (scalar (task (changed->template, "main", "yes-task"), "when"), ==, "{{=true}}");
}

static void
test_when_match_any (void)
{
  g_autoptr(Exported) any = export_condition ("    - {path: data.x, op: eq, value: 1}\n"
                                              "    - {path: data.y, op: eq, value: 2}\n", "any");
  g_autoptr(Exported) all = export_condition ("    - {path: data.x, op: eq, value: 1}\n"
                                              "    - {path: data.y, op: eq, value: 2}\n", "all");

  g_assert_cmpstr (scalar (task (any->template, "main", "yes-task"), "when"), ==,
                   "{{=(" FIELD " == 1) || (jsonpath(workflow.parameters.event, '$.data.y') == 2)}}");
  g_assert_cmpstr (scalar (task (all->template, "main", "yes-task"), "when"), ==,
                   "{{=(" FIELD " == 1) && (jsonpath(workflow.parameters.event, '$.data.y') == 2)}}");
}

/* ---- step types --------------------------------------------------------------------------------- */

static void
test_step_event (void)
{
  g_autofree char *text = doc_with_trigger_filters ("");
  g_autoptr(Exported) e = export_text (text);

  g_assert_cmpstr (e->manifests->trigger_kind, ==, "Sensor");
  g_assert_cmpstr (scalar (e->trigger, "spec dependencies 0 name"), ==, "start");
  g_assert_cmpstr (scalar (e->trigger, DATA (0) " value 0"), ==, "^thing\\.happened$");
  assert_no_findings (e->findings);
}

static void
test_step_schedule (void)
{
  g_autofree char *text = g_strconcat (head,
                                       "  trigger:\n"
                                       "    id: nightly\n"
                                       "    type: schedule\n"
                                       "    cron: 0 3 * * *\n"
                                       "    next: act\n"
                                       "  entityKey: data.account\n"
                                       "  steps:\n"
                                       "  - {id: act, type: record, title: Nightly}\n",
                                       NULL);
  g_autofree char *with_state = g_strconcat (head,
                                             "  trigger:\n"
                                             "    id: nightly\n"
                                             "    type: schedule\n"
                                             "    cron: 0 3 * * *\n"
                                             "    timezone: Europe/Berlin\n"
                                             "    event: usage.updated\n"
                                             "    next: act\n"
                                             "  entityKey: data.account\n"
                                             "  steps:\n"
                                             "  - {id: act, type: record, title: Nightly}\n",
                                             NULL);
  g_autoptr(Exported) e = export_text (text);
  g_autoptr(Exported) state = export_text (with_state);

  /* a schedule becomes a CronWorkflow, not a Sensor */
  g_assert_cmpstr (e->manifests->trigger_kind, ==, "CronWorkflow");
  g_assert_cmpstr (e->manifests->trigger_filename, ==, "test-flow.cronworkflow.yaml");
  g_assert_cmpstr (scalar (e->trigger, "kind"), ==, "CronWorkflow");
  g_assert_cmpstr (scalar (e->trigger, "spec schedule"), ==, "0 3 * * *");
  g_assert_cmpstr (scalar (e->trigger, "spec timezone"), ==, "UTC");
  g_assert_cmpstr (scalar (e->trigger, "spec workflowSpec workflowTemplateRef name"), ==, "test-flow");
  g_assert_cmpstr (scalar (e->trigger, "spec workflowSpec arguments parameters 0 name"), ==, "event");
  assert_no_findings (e->findings);

  g_assert_cmpstr (scalar (state->trigger, "spec timezone"), ==, "Europe/Berlin");
  /* per-entity state is not something a CronWorkflow has */
  assert_finding (state->findings, "argo/unsupported-schedule-state", "nightly", SLUICE_SEVERITY_ERROR);
}

static void
test_step_condition (void)
{
  g_autoptr(Exported) e = export_condition ("    - {path: data.x, op: eq, value: 1}\n", NULL);

  /* a condition is no task: its branches are when clauses */
  g_assert_null (task (e->template, "main", "check"));
  g_assert_cmpuint (size (e->template, "spec templates 0 dag tasks"), ==, 2);
}

static void
test_step_switch (void)
{
  static const char steps[] =
    "  - id: route\n"
    "    type: switch\n"
    "    path: data.plan\n"
    "    cases:\n"
    "    - {value: gold, next: gold-task}\n"
    "    - {value: silver, next: silver-task}\n"
    "    - {value: gold, next: never-task}\n"
    "    default: other-task\n"
    "  - {id: gold-task, type: record, title: Gold}\n"
    "  - {id: silver-task, type: record, title: Silver}\n"
    "  - {id: never-task, type: record, title: Never}\n"
    "  - {id: other-task, type: record, title: Other}\n";
  g_autofree char *text = doc_with_steps ("route", steps, "");
  g_autoptr(Exported) e = export_text (text);

  /* one when per case and one for the default */
  g_assert_cmpstr (scalar (task (e->template, "main", "gold-task"), "when"), ==,
                   "{{=jsonpath(workflow.parameters.event, '$.data.plan') == 'gold'}}");
  g_assert_cmpstr (scalar (task (e->template, "main", "silver-task"), "when"), ==,
                   "{{=jsonpath(workflow.parameters.event, '$.data.plan') == 'silver'}}");
  /* the first matching case wins */
  g_assert_cmpstr (scalar (task (e->template, "main", "never-task"), "when"), ==, "{{=false}}");
  g_assert_cmpstr (scalar (task (e->template, "main", "other-task"), "when"), ==,
                   "{{=!(jsonpath(workflow.parameters.event, '$.data.plan') in ['gold', 'silver'])}}");
}

static Exported *
export_action (const char *step,
               const char *safety)
{
  g_autofree char *text = doc_with_steps ("act", step, safety);

  return export_text (text);
}

static void
test_step_record (void)
{
  g_autoptr(Exported) e = export_action ("  - id: act\n"
                                         "    type: record\n"
                                         "    title: Nudge for {{ entity }}\n"
                                         "    category: growth\n"
                                         "    detail: |\n"
                                         "      Two\n"
                                         "      lines\n", "");
  SluiceYamlNode *t = template_named (e->template, "act");
  g_autofree char *args = container_args (t);

  g_assert_cmpstr (scalar (t, "container image"), ==, "ghcr.io/sluice/actions-record:1");
  g_assert_cmpstr (scalar (t, "container command 0"), ==, "sluice-action");
  g_assert_cmpstr (scalar (t, "container command 1"), ==, "record");
  g_assert_cmpstr (args, ==,
                   "--workflow=test-flow\n"
                   "--step=act\n"
                   "--entity={{=jsonpath(workflow.parameters.event, '$.data.account')}}\n"
                   "--title=Nudge for {{=jsonpath(workflow.parameters.event, '$.data.account')}}\n"
                   "--category=growth\n"
                   "--detail=Two\nlines\n\n");
  g_assert_null (lookup (t, "retryStrategy"));
  assert_no_findings (e->findings);
}

static void
test_step_notify (void)
{
  g_autoptr(Exported) e = export_action ("  - id: act\n"
                                         "    type: notify\n"
                                         "    channel: email\n"
                                         "    to: [\"{{ data.owner }}\", ops@example.com]\n"
                                         "    subject: Hi {{ event.tenant }}\n"
                                         "    message: From {{ workflow.name }} v{{ workflow.version }}\n",
                                         "    rateLimits:\n"
                                         "    - {step: act, limit: 30, per: 1m}\n");
  SluiceYamlNode *t = template_named (e->template, "act");
  g_autofree char *args = container_args (t);

  g_assert_cmpstr (scalar (t, "container image"), ==, "ghcr.io/sluice/actions-notify:1");
  g_assert_cmpstr (scalar (t, "container command 1"), ==, "notify");
  /* lists repeat the argument; workflow.name and version are known now */
  g_assert_nonnull (strstr (args,
                            "--channel=email\n"
                            "--to={{=jsonpath(workflow.parameters.event, '$.data.owner')}}\n"
                            "--to=ops@example.com\n"
                            "--subject=Hi {{=jsonpath(workflow.parameters.event, '$.tenant')}}\n"
                            "--message=From test-flow v2\n"));
  g_assert_cmpstr (scalar (e->trigger, "spec triggers 0 rateLimit unit"), ==, "Minute");
  g_assert_cmpstr (scalar (e->trigger, "spec triggers 0 rateLimit requestsPerUnit"), ==, "30");
  assert_no_findings (e->findings);
}

static void
test_step_ticket (void)
{
  g_autoptr(Exported) e = export_action ("  - id: act\n"
                                         "    type: ticket\n"
                                         "    queue: ops\n"
                                         "    title: Look at {{ data.account }}\n"
                                         "    priority: high\n"
                                         "    labels: [a, b]\n", "");
  SluiceYamlNode *t = template_named (e->template, "act");
  g_autofree char *args = container_args (t);

  g_assert_cmpstr (scalar (t, "container image"), ==, "ghcr.io/sluice/actions-ticket:1");
  g_assert_nonnull (strstr (args, "--queue=ops\n--title=Look at {{=jsonpath(workflow.parameters.event, '$.data.account')}}\n"
                                  "--priority=high\n--labels=a\n--labels=b\n"));
}

static void
test_step_webhook (void)
{
  g_autoptr(Exported) e = export_action ("  - id: act\n"
                                         "    type: webhook\n"
                                         "    method: PUT\n"
                                         "    url: https://hooks.example.com/x\n"
                                         "    headers:\n"
                                         "      X-Account: \"{{ data.account }}\"\n"
                                         "    body: '{\"n\": {{ data.n }}}'\n",
                                         "    idempotencyKey: \"{{ event.id }}\"\n");
  g_autoptr(Exported) own_key = export_action ("  - id: act\n"
                                               "    type: webhook\n"
                                               "    url: https://hooks.example.com/x\n"
                                               "    headers:\n"
                                               "      idempotency-key: mine\n",
                                               "    idempotencyKey: \"{{ event.id }}\"\n");
  SluiceYamlNode *t = template_named (e->template, "act");

  /* an http template, not a container */
  g_assert_null (lookup (t, "container"));
  g_assert_cmpstr (scalar (t, "http method"), ==, "PUT");
  g_assert_cmpstr (scalar (t, "http url"), ==, "https://hooks.example.com/x");
  g_assert_cmpstr (scalar (t, "http headers 0 name"), ==, "X-Account");
  g_assert_cmpstr (scalar (t, "http headers 0 value"), ==, "{{=jsonpath(workflow.parameters.event, '$.data.account')}}");
  /* the idempotency key travels as a header */
  g_assert_cmpstr (scalar (t, "http headers 1 name"), ==, "Idempotency-Key");
  g_assert_cmpstr (scalar (t, "http headers 1 value"), ==, "{{=jsonpath(workflow.parameters.event, '$.id')}}");
  g_assert_cmpstr (scalar (t, "http body"), ==, "{\"n\": {{=jsonpath(workflow.parameters.event, '$.data.n')}}}");

  /* …unless the step sets it */
  t = template_named (own_key->template, "act");
  g_assert_cmpstr (scalar (t, "http method"), ==, "POST");
  g_assert_cmpuint (size (t, "http headers"), ==, 1);
  g_assert_cmpstr (scalar (t, "http headers 0 value"), ==, "mine");
}

static void
test_step_api (void)
{
  g_autoptr(Exported) e = export_action ("  - id: act\n"
                                         "    type: api\n"
                                         "    service: billing\n"
                                         "    operation: setPlan\n"
                                         "    params:\n"
                                         "      account: \"{{ data.account }}\"\n"
                                         "      plan: pro\n", "");
  SluiceYamlNode *t = template_named (e->template, "act");
  g_autofree char *args = container_args (t);

  g_assert_cmpstr (scalar (t, "container image"), ==, "ghcr.io/sluice/actions-api:1");
  /* maps as --field=key=value */
  g_assert_nonnull (strstr (args, "--service=billing\n--operation=setPlan\n"
                                  "--params=account={{=jsonpath(workflow.parameters.event, '$.data.account')}}\n"
                                  "--params=plan=pro\n"));
}

static void
test_step_job (void)
{
  g_autoptr(Exported) e = export_action ("  - id: act\n"
                                         "    type: job\n"
                                         "    job: reindex\n"
                                         "    args: {depth: \"2\"}\n"
                                         "    wait: false\n", "");
  SluiceYamlNode *t = template_named (e->template, "act");
  g_autofree char *args = container_args (t);

  g_assert_cmpstr (scalar (t, "container image"), ==, "ghcr.io/sluice/actions-job:1");
  g_assert_nonnull (strstr (args, "--job=reindex\n--args=depth=2\n--wait=false\n"));
}

static void
test_step_delay (void)
{
  g_autoptr(Exported) e = export_action ("  - {id: act, type: delay, duration: 1h30m, next: after}\n"
                                         "  - {id: week, type: delay, duration: 7d}\n"
                                         "  - {id: after, type: record, title: Later, next: week}\n", "");

  g_assert_cmpstr (scalar (template_named (e->template, "act"), "suspend duration"), ==, "1h30m");
  /* Go durations have no days */
  g_assert_cmpstr (scalar (template_named (e->template, "week"), "suspend duration"), ==, "168h");
  g_assert_cmpstr (scalar (task (e->template, "main", "after"), "depends"), ==, "act.Succeeded");
  g_assert_cmpstr (scalar (task (e->template, "main", "week"), "depends"), ==, "after.Succeeded");
  assert_no_findings (e->findings);
}

static void
test_step_cooldown (void)
{
  g_autoptr(Exported) e = export_action ("  - {id: act, type: record, title: A, next: calm}\n"
                                         "  - {id: calm, type: cooldown, window: 1d, next: after}\n"
                                         "  - {id: after, type: record, title: B}\n", "");

  assert_finding (e->findings, "argo/unsupported-cooldown", "calm", SLUICE_SEVERITY_WARNING);
  /* the cooldown is passed through, not dropped with what follows */
  g_assert_null (task (e->template, "main", "calm"));
  g_assert_cmpstr (scalar (task (e->template, "main", "after"), "depends"), ==, "act.Succeeded");
}

static void
test_step_approval (void)
{
  g_autoptr(Exported) e = export_action ("  - id: act\n"
                                         "    type: approval\n"
                                         "    approvers: [lead@example.com, cfo@example.com]\n"
                                         "    message: Send the discount?\n"
                                         "    timeout: 1d\n"
                                         "    next: after\n"
                                         "  - {id: after, type: record, title: Approved}\n", "");
  SluiceYamlNode *t = template_named (e->template, "act");

  /* suspend {} waits for argo resume; the timeout fails it */
  g_assert_nonnull (lookup (t, "suspend"));
  g_assert_cmpuint (lookup (t, "suspend")->kind, ==, SLUICE_YAML_MAPPING);
  g_assert_cmpuint (size (t, "suspend"), ==, 0);
  g_assert_cmpstr (scalar (t, "activeDeadlineSeconds"), ==, "86400");
  g_assert_cmpstr (scalar (t, "metadata annotations sluice.dev/approvers"), ==, "lead@example.com, cfo@example.com");
  g_assert_cmpstr (scalar (t, "metadata annotations sluice.dev/message"), ==, "Send the discount?");
  assert_finding (e->findings, "argo/approvers-not-enforced", "act", SLUICE_SEVERITY_WARNING);
  g_assert_cmpstr (scalar (task (e->template, "main", "after"), "depends"), ==, "act.Succeeded");
}

static void
test_step_foreach (void)
{
  g_autoptr(Exported) e = export_action ("  - {id: act, type: record, title: First, next: each}\n"
                                         "  - id: each\n"
                                         "    type: foreach\n"
                                         "    items: data.contacts\n"
                                         "    as: contact\n"
                                         "    cap: 10\n"
                                         "    next: greet\n"
                                         "  - id: greet\n"
                                         "    type: notify\n"
                                         "    channel: email\n"
                                         "    to: [\"{{ contact.email }}\"]\n"
                                         "    message: Hello {{ contact.name }}\n"
                                         "    next: log\n"
                                         "  - {id: log, type: record, title: \"Greeted {{ contact.email }}\"}\n",
                                         "    rateLimits:\n"
                                         "    - {type: notify, limit: 100, per: 1h}\n");
  SluiceYamlNode *loop = task (e->template, "main", "each");
  SluiceYamlNode *body = template_named (e->template, "each");
  g_autofree char *args = container_args (template_named (e->template, "greet"));

  g_assert_nonnull (loop);
  g_assert_cmpstr (scalar (loop, "depends"), ==, "act.Succeeded");
  /* the list, cut to the cap */
  g_assert_cmpstr (scalar (loop, "withParam"), ==,
                   "{{=toJson(jsonpath(workflow.parameters.event, '$.data.contacts')[:10])}}");
  g_assert_cmpstr (scalar (loop, "arguments parameters 0 name"), ==, "contact");
  g_assert_cmpstr (scalar (loop, "arguments parameters 0 value"), ==, "{{item}}");

  /* the steps after the for-each run inside it, once per item */
  g_assert_nonnull (body);
  g_assert_cmpstr (scalar (body, "inputs parameters 0 name"), ==, "contact");
  g_assert_cmpuint (size (body, "dag tasks"), ==, 2);
  g_assert_cmpstr (scalar (body, "dag tasks 0 name"), ==, "greet");
  g_assert_cmpstr (scalar (body, "dag tasks 0 arguments parameters 0 value"), ==, "{{inputs.parameters.contact}}");
  g_assert_cmpstr (scalar (body, "dag tasks 1 depends"), ==, "greet.Succeeded");
  g_assert_null (task (e->template, "main", "greet"));
  g_assert_cmpstr (scalar (template_named (e->template, "greet"), "inputs parameters 0 name"), ==, "contact");
  g_assert_nonnull (strstr (args, "--to={{=jsonpath(inputs.parameters['contact'], '$.email')}}\n"));

  /* 10 notifications per event: 100 per hour allows 10 runs */
  g_assert_cmpstr (scalar (e->trigger, "spec triggers 0 rateLimit unit"), ==, "Hour");
  g_assert_cmpstr (scalar (e->trigger, "spec triggers 0 rateLimit requestsPerUnit"), ==, "10");
  check_references (e->template);
  assert_no_findings (e->findings);
}

static void
test_step_foreach_cap (void)
{
  static const char steps[] =
    "  - {id: act, type: foreach, items: data.list, next: each-item}\n"
    "  - {id: each-item, type: record, title: \"{{ item }}\"}\n";
  g_autoptr(Exported) fan_out = export_action (steps, "    maxFanOut: 5\n");
  g_autoptr(Exported) none = export_action (steps, "");
  g_autofree char *args = container_args (template_named (none->template, "each-item"));

  /* without a cap, the workflow's maxFanOut caps the loop */
  g_assert_cmpstr (scalar (task (fan_out->template, "main", "act"), "withParam"), ==,
                   "{{=toJson(jsonpath(workflow.parameters.event, '$.data.list')[:5])}}");
  assert_no_findings (fan_out->findings);
  g_assert_cmpstr (scalar (task (none->template, "main", "act"), "withParam"), ==,
                   "{{=toJson(jsonpath(workflow.parameters.event, '$.data.list'))}}");
  assert_finding (none->findings, "argo/foreach-without-cap", "act", SLUICE_SEVERITY_ERROR);
  /* the whole item, as JSON text */
  g_assert_nonnull (strstr (args, "--title={{=inputs.parameters['item']}}\n"));
}

static void
test_step_end (void)
{
  g_autofree char *steps = g_strdup ("  - id: check\n"
                                     "    type: condition\n"
                                     "    filters: [{path: data.x, op: eq, value: 1}]\n"
                                     "    then: stop\n"
                                     "    else: act\n"
                                     "  - {id: stop, type: end}\n"
                                     "  - {id: act, type: record, title: Go}\n");
  g_autofree char *text = doc_with_steps ("check", steps, "");
  g_autoptr(Exported) ended = export_text (text);

  /* an end is no task; only the other branch runs anything */
  g_assert_cmpuint (size (ended->template, "spec templates 0 dag tasks"), ==, 1);
  g_assert_null (task (ended->template, "main", "stop"));
  g_assert_cmpstr (scalar (task (ended->template, "main", "act"), "when"), ==,
                   "{{=!(" FIELD " == 1)}}");
}

/* ---- graphs ------------------------------------------------------------------------------------ */

static void
test_join (void)
{
  static const char plain[] =
    "  - id: check\n"
    "    type: condition\n"
    "    filters: [{path: data.x, op: eq, value: 1}]\n"
    "    then: a\n"
    "    else: b\n"
    "  - {id: a, type: record, title: A, next: both}\n"
    "  - {id: b, type: record, title: B, next: both}\n"
    "  - {id: both, type: record, title: Both}\n";
  static const char guarded[] =
    "  - {id: first, type: record, title: First, next: check}\n"
    "  - id: check\n"
    "    type: condition\n"
    "    filters: [{path: data.x, op: eq, value: 1}]\n"
    "    then: both\n"
    "    else: b\n"
    "  - {id: b, type: record, title: B, next: both}\n"
    "  - {id: both, type: record, title: Both}\n";
  g_autofree char *plain_text = doc_with_steps ("check", plain, "");
  g_autofree char *guarded_text = doc_with_steps ("first", guarded, "");
  g_autoptr(Exported) p = export_text (plain_text);
  g_autoptr(Exported) g = export_text (guarded_text);
  SluiceYamlNode *route;

  /* one branch is taken: the join runs after whichever ran */
  g_assert_cmpstr (scalar (task (p->template, "main", "both"), "depends"), ==, "a.Succeeded || b.Succeeded");
  g_assert_null (lookup (task (p->template, "main", "both"), "when"));

  /* a guarded way in goes through a route task carrying its when */
  route = task (g->template, "main", "both-via-1");
  g_assert_nonnull (route);
  g_assert_cmpstr (scalar (route, "template"), ==, "sluice-route");
  g_assert_cmpstr (scalar (route, "depends"), ==, "first.Succeeded");
  g_assert_cmpstr (scalar (route, "when"), ==, "{{=" FIELD " == 1}}");
  g_assert_cmpstr (scalar (task (g->template, "main", "both"), "depends"), ==, "both-via-1.Succeeded || b.Succeeded");
  g_assert_cmpstr (scalar (template_named (g->template, "sluice-route"), "suspend duration"), ==, "0");
  check_references (p->template);
  check_references (g->template);
}

static void
test_nested_conditions (void)
{
  static const char steps[] =
    "  - id: c1\n"
    "    type: condition\n"
    "    filters: [{path: data.a, op: eq, value: 1}]\n"
    "    then: c2\n"
    "  - id: c2\n"
    "    type: condition\n"
    "    filters: [{path: data.b, op: eq, value: 2}]\n"
    "    then: act\n"
    "  - {id: act, type: record, title: Both}\n";
  g_autofree char *text = doc_with_steps ("c1", steps, "");
  g_autoptr(Exported) e = export_text (text);

  /* the conditions on the way add up */
  g_assert_cmpstr (scalar (task (e->template, "main", "act"), "when"), ==,
                   "{{=(jsonpath(workflow.parameters.event, '$.data.a') == 1) && "
                   "(jsonpath(workflow.parameters.event, '$.data.b') == 2)}}");
}

static void
test_cycle_terminates (void)
{
  g_autoptr(SluiceWorkflow) workflow = sluice_workflow_new ("loop");
  g_autoptr(SluiceDiagnostics) findings = sluice_diagnostics_new ();
  g_autoptr(SluiceStep) trigger = sluice_step_new (sluice_step_type_lookup ("event"), "start");
  g_autoptr(SluiceStep) c1 = sluice_step_new (sluice_step_type_lookup ("condition"), "c1");
  g_autoptr(SluiceStep) c2 = sluice_step_new (sluice_step_type_lookup ("condition"), "c2");
  g_autoptr(SluiceArgoManifests) manifests = NULL;

  /* validation reports this loop; the export must only not hang */
  sluice_step_set_string (trigger, "event", "x");
  sluice_step_set_string (trigger, "next", "c1");
  sluice_step_set_string (c1, "then", "c2");
  sluice_step_set_string (c1, "else", "c2");
  sluice_step_set_string (c2, "then", "c1");
  sluice_step_set_string (c2, "else", "nowhere");
  sluice_workflow_add_step (workflow, trigger);
  sluice_workflow_add_step (workflow, c1);
  sluice_workflow_add_step (workflow, c2);

  manifests = export_with (workflow, NULL, findings);
  assert_finding (findings, "argo/invalid-graph", NULL, SLUICE_SEVERITY_ERROR);
  assert_finding (findings, "argo/empty-workflow", "start", SLUICE_SEVERITY_WARNING);
}

/* ---- safety ----------------------------------------------------------------------------------- */

static void
test_retries (void)
{
  static const char step[] = "  - {id: act, type: record, title: A}\n";
  g_autoptr(Exported) none = export_action (step, "    retries: {max: 2, backoff: none}\n");
  g_autoptr(Exported) fixed = export_action (step, "    retries: {max: 4, backoff: fixed, delay: 90s, maxDelay: 1h}\n");
  g_autoptr(Exported) no_delay = export_action (step, "    retries: {max: 1, backoff: exponential}\n");
  g_autoptr(Exported) zero = export_action (step, "    retries: {max: 0}\n");

  g_assert_cmpstr (scalar (template_named (none->template, "act"), "retryStrategy limit"), ==, "2");
  g_assert_null (lookup (template_named (none->template, "act"), "retryStrategy backoff"));
  g_assert_cmpstr (scalar (template_named (fixed->template, "act"), "retryStrategy backoff duration"), ==, "1m30s");
  g_assert_cmpstr (scalar (template_named (fixed->template, "act"), "retryStrategy backoff factor"), ==, "1");
  g_assert_null (lookup (template_named (fixed->template, "act"), "retryStrategy backoff cap"));
  assert_finding (no_delay->findings, "argo/approximate-retry", NULL, SLUICE_SEVERITY_WARNING);
  g_assert_null (lookup (template_named (zero->template, "act"), "retryStrategy"));
}

static void
test_timeout (void)
{
  g_autoptr(Exported) e = export_action ("  - {id: act, type: record, title: A}\n", "    timeout: 1500ms\n");

  /* whole seconds, rounded up */
  g_assert_cmpstr (scalar (e->template, "spec activeDeadlineSeconds"), ==, "2");
}

static void
test_rate_limits (void)
{
  static const char steps[] =
    "  - {id: act, type: webhook, url: \"https://a.example.com/\", next: b}\n"
    "  - {id: b, type: notify, channel: email, to: [x@example.com], message: Hi}\n";
  g_autoptr(Exported) minute = export_action (steps, "    rateLimits:\n"
                                                     "    - {step: act, limit: 90, per: 90s}\n"
                                                     "    - {type: notify, limit: 10000, per: 1h}\n");
  g_autoptr(Exported) day = export_action (steps, "    rateLimits:\n"
                                                  "    - {step: act, limit: 10, per: 1d}\n");
  g_autoptr(Exported) slow = export_action (steps, "    rateLimits:\n"
                                                   "    - {step: b, limit: 1, per: 90s}\n");
  g_autoptr(Exported) unmatched = export_action (steps, "    rateLimits:\n"
                                                        "    - {step: gone, limit: 1, per: 1s}\n");

  /* 90 per 90s is 60 a minute, stricter than 10000 an hour */
  g_assert_cmpstr (scalar (minute->trigger, "spec triggers 0 rateLimit unit"), ==, "Minute");
  g_assert_cmpstr (scalar (minute->trigger, "spec triggers 0 rateLimit requestsPerUnit"), ==, "60");
  assert_no_findings (minute->findings);

  /* an hour is Argo's largest unit */
  g_assert_cmpstr (scalar (day->trigger, "spec triggers 0 rateLimit unit"), ==, "Hour");
  g_assert_cmpstr (scalar (day->trigger, "spec triggers 0 rateLimit requestsPerUnit"), ==, "1");
  assert_finding (day->findings, "argo/approximate-rate-limit", NULL, SLUICE_SEVERITY_WARNING);

  /* 1 per 90s: no whole number per minute, 40 per hour */
  g_assert_cmpstr (scalar (slow->trigger, "spec triggers 0 rateLimit unit"), ==, "Hour");
  g_assert_cmpstr (scalar (slow->trigger, "spec triggers 0 rateLimit requestsPerUnit"), ==, "40");
  assert_finding (slow->findings, "argo/approximate-rate-limit", NULL, SLUICE_SEVERITY_WARNING);

  g_assert_null (lookup (unmatched->trigger, "spec triggers 0 rateLimit"));
}

static void
test_rate_limit_within_run (void)
{
  g_autoptr(Exported) e = export_action ("  - {id: act, type: foreach, items: data.list, cap: 50, next: hook}\n"
                                         "  - {id: hook, type: webhook, url: \"https://a.example.com/\"}\n",
                                         "    rateLimits:\n"
                                         "    - {step: hook, limit: 20, per: 1m}\n");

  /* one event makes 50 calls: more than the limit, whatever Argo does */
  assert_finding (e->findings, "argo/approximate-rate-limit", NULL, SLUICE_SEVERITY_WARNING);
  g_assert_cmpstr (scalar (e->trigger, "spec triggers 0 rateLimit requestsPerUnit"), ==, "1");
}

static void
test_fan_out (void)
{
  g_autoptr(Exported) e = export_action ("  - {id: act, type: foreach, items: data.list, cap: 10, next: one}\n"
                                         "  - {id: one, type: record, title: A, next: two}\n"
                                         "  - {id: two, type: record, title: B}\n",
                                         "    maxFanOut: 15\n");

  /* the cap holds, the total of 20 does not */
  assert_finding (e->findings, "argo/fan-out-not-enforced", NULL, SLUICE_SEVERITY_WARNING);
}

static void
test_dedupe_and_cooldown (void)
{
  g_autoptr(Exported) e = export_action ("  - {id: act, type: record, title: A}\n",
                                         "    cooldown: 1d\n"
                                         "    dedupeKey: \"{{ data.account }}\"\n");

  assert_finding (e->findings, "argo/unsupported-cooldown", NULL, SLUICE_SEVERITY_WARNING);
  assert_finding (e->findings, "argo/unsupported-dedupe", NULL, SLUICE_SEVERITY_WARNING);
}

/* ---- templates ------------------------------------------------------------------------------------- */

static void
test_template_refs (void)
{
  g_autoptr(Exported) e = export_action ("  - {id: act, type: record, title: \"{{ steps.other.id }} and {{ nothing.here }}\"}\n", "");
  g_autofree char *args = container_args (template_named (e->template, "act"));

  /* outputs of other steps do not exist on Argo */
  assert_finding (e->findings, "argo/unsupported-template", "act", SLUICE_SEVERITY_ERROR);
  g_assert_cmpuint (sluice_diagnostics_count (e->findings, SLUICE_SEVERITY_ERROR), ==, 2);
  g_assert_nonnull (strstr (args, "--title= and \n"));
}

/* ---- options -------------------------------------------------------------------------------------- */

static void
test_options (void)
{
  static const char * const command[] = { "/bin/notify", NULL };
  const SluiceArgoImage images[] = {
    { "notify", "registry.example.com/notify:7", command },
    { "record", "registry.example.com/record:3", NULL },
    { NULL }
  };
  SluiceArgoOptions options = {
    .namespace_name = "automation",
    .event_source_name = "events",
    .event_name = "usage",
    .payload_key = "",
    .sensor_service_account = "sensor-sa",
    .service_account = "runner",
    .images = images,
  };
  g_autofree char *text = doc_with_steps ("act",
                                          "  - {id: act, type: record, title: A, next: b}\n"
                                          "  - {id: b, type: notify, channel: email, to: [x@example.com], message: Hi}\n",
                                          "");
  g_autoptr(Exported) e = export_text_with (text, &options);

  g_assert_cmpstr (scalar (e->trigger, "metadata namespace"), ==, "automation");
  g_assert_cmpstr (scalar (e->template, "metadata namespace"), ==, "automation");
  g_assert_cmpstr (scalar (e->trigger, "spec triggers 0 template argoWorkflow source resource metadata namespace"), ==, "automation");
  g_assert_cmpstr (scalar (e->trigger, "spec template serviceAccountName"), ==, "sensor-sa");
  g_assert_cmpstr (scalar (e->template, "spec serviceAccountName"), ==, "runner");
  g_assert_cmpstr (scalar (e->trigger, "spec dependencies 0 eventSourceName"), ==, "events");
  g_assert_cmpstr (scalar (e->trigger, "spec dependencies 0 eventName"), ==, "usage");
  /* the CloudEvent is the whole event data */
  g_assert_cmpstr (scalar (e->trigger, DATA (0) " path"), ==, "type");
  g_assert_cmpstr (scalar (e->trigger, "spec triggers 0 template argoWorkflow parameters 0 src dataKey"), ==, "@this");

  g_assert_cmpstr (scalar (template_named (e->template, "b"), "container image"), ==, "registry.example.com/notify:7");
  g_assert_cmpstr (scalar (template_named (e->template, "b"), "container command 0"), ==, "/bin/notify");
  g_assert_cmpuint (size (template_named (e->template, "b"), "container command"), ==, 1);
  /* no command: the default one */
  g_assert_cmpstr (scalar (template_named (e->template, "act"), "container image"), ==, "registry.example.com/record:3");
  g_assert_cmpstr (scalar (template_named (e->template, "act"), "container command 1"), ==, "record");
}

static void
test_default_images (void)
{
  guint n;
  const SluiceArgoImage *images = sluice_argo_default_images (&n);

  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected = g_strdup_printf ("ghcr.io/sluice/actions-%s:1", images[i].step_type);

      g_assert_cmpstr (images[i].image, ==, expected);
      g_assert_cmpstr (images[i].command[0], ==, "sluice-action");
      g_assert_cmpstr (images[i].command[1], ==, images[i].step_type);
    }
}

static void
test_names_and_labels (void)
{
  g_autoptr(SluiceWorkflow) workflow = sluice_workflow_new ("My Flow!");
  g_autoptr(SluiceDiagnostics) findings = sluice_diagnostics_new ();
  g_autoptr(SluiceStep) trigger = sluice_step_new (sluice_step_type_lookup ("event"), "start");
  g_autoptr(SluiceStep) act = sluice_step_new (sluice_step_type_lookup ("record"), "act");
  g_autoptr(SluiceArgoManifests) manifests = NULL;
  g_autoptr(SluiceYamlNode) root = NULL;
  JsonObject *labels = json_object_new ();

  sluice_step_set_string (trigger, "event", "x");
  sluice_step_set_string (trigger, "next", "act");
  sluice_step_set_string (act, "title", "A");
  sluice_workflow_add_step (workflow, trigger);
  sluice_workflow_add_step (workflow, act);
  json_object_set_string_member (labels, "team", "growth");
  json_object_set_string_member (labels, "owner", "Jane Doe");
  json_object_set_object_member (sluice_workflow_get_metadata (workflow), "labels", labels);

  manifests = export_with (workflow, NULL, findings);
  root = parse (manifests->template_yaml);

  g_assert_cmpstr (manifests->name, ==, "my-flow");
  g_assert_cmpstr (manifests->trigger_filename, ==, "my-flow.sensor.yaml");
  assert_finding (findings, "argo/renamed", NULL, SLUICE_SEVERITY_WARNING);
  g_assert_cmpstr (scalar (root, "metadata labels team"), ==, "growth");
  g_assert_null (lookup (root, "metadata labels owner"));
  assert_finding (findings, "argo/label-skipped", NULL, SLUICE_SEVERITY_WARNING);
}

static void
test_nothing_to_export (void)
{
  g_autoptr(SluiceWorkflow) unnamed = sluice_workflow_new (NULL);
  g_autoptr(SluiceWorkflow) untriggered = sluice_workflow_new ("x");
  g_autoptr(SluiceDiagnostics) findings = sluice_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  SluiceArgoManifests *manifests;

  manifests = sluice_argo_export (unnamed, NULL, findings, &error);
  g_assert_null (manifests);
  g_assert_error (error, SLUICE_ARGO_ERROR, SLUICE_ARGO_ERROR_NO_NAME);
  g_clear_error (&error);

  manifests = sluice_argo_export (untriggered, NULL, findings, &error);
  g_assert_null (manifests);
  g_assert_error (error, SLUICE_ARGO_ERROR, SLUICE_ARGO_ERROR_NO_TRIGGER);
}

/* ---- the CLI --------------------------------------------------------------------------------------- */

static char *work_dir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static CliResult *
run_cli_input (const char *input,
               const char *first,
               ...) G_GNUC_NULL_TERMINATED;

static CliResult *
run_cli_input (const char *input,
               const char *first,
               ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  const char *cli = g_getenv ("SLUICE_CLI");
  va_list ap;

  if (cli == NULL)
    g_error ("SLUICE_CLI must name the sluice-cli binary to test");

  g_ptr_array_add (argv, (gpointer) cli);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_set_cwd (launcher, work_dir);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  if (process == NULL)
    g_error ("cannot run %s: %s", cli, error->message);
  if (!g_subprocess_communicate_utf8 (process, input, NULL, &result->out, &result->err, &error))
    g_error ("cannot talk to %s: %s", cli, error->message);

  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  return result;
}

#define run_cli(...) run_cli_input (NULL, __VA_ARGS__, NULL)

static void
test_cli_stdout (void)
{
  g_autofree char *path = example_path ("usage-quota-80");
  g_autoptr(CliResult) r = run_cli ("export", "--target", "argo", path);
  g_autofree char *golden = g_test_build_filename (G_TEST_DIST, "golden", "argo", "usage-quota-80.yaml", NULL);
  g_autofree char *expected = NULL;
  g_auto(GStrv) documents = NULL;

  g_assert_cmpint (r->status, ==, 0);
  /* the same bytes as the library gives */
  g_assert_true (g_file_get_contents (golden, &expected, NULL, NULL));
  g_assert_cmpstr (r->out, ==, expected);
  /* the cooldown warning goes to stderr, compiler style */
  g_assert_nonnull (strstr (r->err, "usage-quota-80.workflow.yaml:63:15: warning: [argo/unsupported-cooldown]"));

  /* two documents, each valid YAML */
  documents = g_strsplit (r->out, "\n---\n", -1);
  g_assert_cmpuint (g_strv_length (documents), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *doc = g_strconcat (documents[i], i == 0 ? "\n" : "", NULL);
      g_autoptr(SluiceYamlNode) root = parse (doc);

      g_assert_cmpstr (scalar (root, "kind"), ==, i == 0 ? "WorkflowTemplate" : "Sensor");
    }
}

static void
test_cli_output_dir (void)
{
  g_autofree char *path = example_path ("agreement-renewal-t30");
  g_autofree char *dir = g_build_filename (work_dir, "deploy", "argo", NULL);
  g_autoptr(CliResult) r = run_cli ("export", "-t", "argo", "-o", dir, "--namespace", "legal", path);
  g_autofree char *sensor_path = g_build_filename (dir, "agreement-renewal-t30.sensor.yaml", NULL);
  g_autofree char *template_path = g_build_filename (dir, "agreement-renewal-t30.workflowtemplate.yaml", NULL);
  g_autofree char *sensor = NULL;
  g_autofree char *template = NULL;
  g_autoptr(SluiceYamlNode) sensor_root = NULL;
  g_autoptr(SluiceYamlNode) template_root = NULL;
  g_autofree char *listing = g_strdup_printf ("%s\n%s\n", template_path, sensor_path);

  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->out, ==, listing);
  g_assert_true (g_file_get_contents (sensor_path, &sensor, NULL, NULL));
  g_assert_true (g_file_get_contents (template_path, &template, NULL, NULL));
  sensor_root = parse (sensor);
  template_root = parse (template);
  g_assert_cmpstr (scalar (sensor_root, "kind"), ==, "Sensor");
  g_assert_cmpstr (scalar (sensor_root, "metadata namespace"), ==, "legal");
  g_assert_cmpstr (scalar (template_root, "kind"), ==, "WorkflowTemplate");

  /* writing again replaces the files */
  {
    g_autoptr(CliResult) again = run_cli ("export", "-t", "argo", "-o", dir, "--namespace", "legal", path);
    g_autofree char *sensor_again = NULL;

    g_assert_cmpint (again->status, ==, 0);
    g_assert_true (g_file_get_contents (sensor_path, &sensor_again, NULL, NULL));
    g_assert_cmpstr (sensor_again, ==, sensor);
  }
}

static void
test_cli_errors_block_output (void)
{
  g_autofree char *path = example_path ("contact-fanout");
  g_autofree char *dir = g_build_filename (work_dir, "blocked", NULL);
  g_autoptr(CliResult) r = run_cli ("export", "--target", "argo", path);
  g_autoptr(CliResult) to_dir = run_cli ("export", "--target", "argo", "-o", dir, path);
  g_autoptr(CliResult) forced = run_cli ("export", "--target", "argo", "--force", path);

  /* op: changed cannot be exported: no manifest, exit 1 */
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_nonnull (strstr (r->err, "error: [argo/unsupported-filter]"));
  g_assert_nonnull (strstr (r->err, "--force"));
  g_assert_cmpint (to_dir->status, ==, 1);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  /* --force writes them and still fails */
  g_assert_cmpint (forced->status, ==, 1);
  g_assert_true (g_str_has_prefix (forced->out, "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\n"));
}

static void
test_cli_strict (void)
{
  g_autofree char *path = example_path ("usage-quota-80");
  g_autoptr(CliResult) r = run_cli ("export", "--target", "argo", "--strict", path);

  /* the cooldown warning fails with --strict */
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
}

static void
test_cli_stdin_and_image (void)
{
  g_autofree char *text = doc_with_steps ("act", "  - {id: act, type: notify, channel: email, to: [\"{{ data.owner }}\"], message: Hi}\n", "");
  g_autoptr(CliResult) r = run_cli_input (text, "export", "--target", "argo",
                                          "--image", "notify=registry.example.com/n:2", "-", NULL);

  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "image: registry.example.com/n:2\n"));
  g_assert_cmpstr (r->err, ==, "");
}

static void
test_cli_usage (void)
{
  g_autofree char *path = example_path ("usage-quota-80");
  g_autoptr(CliResult) no_target = run_cli ("export", path);
  g_autoptr(CliResult) bad_target = run_cli ("export", "--target", "tekton", path);
  g_autoptr(CliResult) no_file = run_cli ("export", "--target", "argo");
  g_autoptr(CliResult) two_files = run_cli ("export", "--target", "argo", path, path);
  g_autoptr(CliResult) missing = run_cli ("export", "--target", "argo", "no-such.yaml");
  g_autoptr(CliResult) bad_image = run_cli ("export", "--target", "argo", "--image", "webhook=x:1", path);
  g_autoptr(CliResult) bad_option = run_cli ("export", "--bogus");

  g_assert_cmpint (no_target->status, ==, 2);
  g_assert_nonnull (strstr (no_target->err, "--target argo"));
  g_assert_cmpint (bad_target->status, ==, 2);
  g_assert_nonnull (strstr (bad_target->err, "tekton"));
  g_assert_cmpint (no_file->status, ==, 2);
  g_assert_cmpint (two_files->status, ==, 2);
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_nonnull (strstr (missing->err, "no-such.yaml"));
  g_assert_cmpint (bad_image->status, ==, 2);
  g_assert_cmpint (bad_option->status, ==, 2);
}

static void
test_cli_invalid_workflow (void)
{
  g_autofree char *text = doc_with_steps ("act", "  - {id: act, type: record, title: A, next: nowhere}\n", "");
  g_autoptr(CliResult) r = run_cli_input (text, "export", "--target", "argo", "-", NULL);
  g_autoptr(CliResult) broken = run_cli_input ("kind: [", "export", "--target", "argo", "-", NULL);

  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_nonnull (strstr (r->err, "<stdin>:"));
  g_assert_nonnull (strstr (r->err, "error: [graph/dangling-edge]"));
  g_assert_cmpint (broken->status, ==, 1);
  g_assert_cmpstr (broken->out, ==, "");
}

static void
test_cli_help (void)
{
  g_autoptr(CliResult) r = run_cli ("export", "--help");
  g_autoptr(CliResult) top = run_cli ("--help");

  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "sluice-cli export"));
  g_assert_nonnull (strstr (r->out, "--target"));
  g_assert_nonnull (strstr (r->out, "--output"));
  g_assert_nonnull (strstr (r->out, "Exit status"));
  g_assert_nonnull (strstr (top->out, "export"));
}

/* ---- main ---------------------------------------------------------------------------------------- */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("sluice-argo-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *name = g_strdup_printf ("/argo/golden/%s", examples[i]);
      g_test_add_data_func (name, examples[i], test_golden);
    }
  g_test_add_func ("/argo/golden/findings", test_example_findings);

  g_test_add_func ("/argo/structure/sensor", test_sensor_structure);
  g_test_add_func ("/argo/structure/workflow-template", test_template_structure);
  g_test_add_func ("/argo/structure/examples-parse", test_examples_parse);
  g_test_add_func ("/argo/structure/multi-document", test_multi_document);
  g_test_add_func ("/argo/determinism", test_determinism);

  g_test_add_func ("/argo/sensor-filter/eq", test_sensor_eq);
  g_test_add_func ("/argo/sensor-filter/ne", test_sensor_ne);
  g_test_add_func ("/argo/sensor-filter/gt-gte-lt-lte", test_sensor_ordering);
  g_test_add_func ("/argo/sensor-filter/ordering-text", test_sensor_ordering_text);
  g_test_add_func ("/argo/sensor-filter/in", test_sensor_in);
  g_test_add_func ("/argo/sensor-filter/not-in", test_sensor_not_in);
  g_test_add_func ("/argo/sensor-filter/exists", test_sensor_exists);
  g_test_add_func ("/argo/sensor-filter/contains", test_sensor_contains);
  g_test_add_func ("/argo/sensor-filter/matches", test_sensor_matches);
  g_test_add_func ("/argo/sensor-filter/within", test_sensor_within);
  g_test_add_func ("/argo/sensor-filter/changed", test_sensor_changed);
  g_test_add_func ("/argo/sensor-filter/paths", test_sensor_paths);
  g_test_add_func ("/argo/sensor-filter/source", test_sensor_source);

  g_test_add_func ("/argo/when/eq-ne", test_when_eq_ne);
  g_test_add_func ("/argo/when/gt-gte-lt-lte", test_when_ordering);
  g_test_add_func ("/argo/when/in-not-in", test_when_in);
  g_test_add_func ("/argo/when/exists", test_when_exists);
  g_test_add_func ("/argo/when/contains", test_when_contains);
  g_test_add_func ("/argo/when/matches", test_when_matches);
  g_test_add_func ("/argo/when/within-changed", test_when_within_changed);
  g_test_add_func ("/argo/when/match-any", test_when_match_any);

  g_test_add_func ("/argo/step/event", test_step_event);
  g_test_add_func ("/argo/step/schedule", test_step_schedule);
  g_test_add_func ("/argo/step/condition", test_step_condition);
  g_test_add_func ("/argo/step/switch", test_step_switch);
  g_test_add_func ("/argo/step/record", test_step_record);
  g_test_add_func ("/argo/step/notify", test_step_notify);
  g_test_add_func ("/argo/step/ticket", test_step_ticket);
  g_test_add_func ("/argo/step/webhook", test_step_webhook);
  g_test_add_func ("/argo/step/api", test_step_api);
  g_test_add_func ("/argo/step/job", test_step_job);
  g_test_add_func ("/argo/step/delay", test_step_delay);
  g_test_add_func ("/argo/step/cooldown", test_step_cooldown);
  g_test_add_func ("/argo/step/approval", test_step_approval);
  g_test_add_func ("/argo/step/foreach", test_step_foreach);
  g_test_add_func ("/argo/step/foreach-cap", test_step_foreach_cap);
  g_test_add_func ("/argo/step/end", test_step_end);

  g_test_add_func ("/argo/graph/join", test_join);
  g_test_add_func ("/argo/graph/nested-conditions", test_nested_conditions);
  g_test_add_func ("/argo/graph/cycle", test_cycle_terminates);

  g_test_add_func ("/argo/safety/retries", test_retries);
  g_test_add_func ("/argo/safety/timeout", test_timeout);
  g_test_add_func ("/argo/safety/rate-limits", test_rate_limits);
  g_test_add_func ("/argo/safety/rate-limit-within-run", test_rate_limit_within_run);
  g_test_add_func ("/argo/safety/fan-out", test_fan_out);
  g_test_add_func ("/argo/safety/dedupe-cooldown", test_dedupe_and_cooldown);

  g_test_add_func ("/argo/templates/refs", test_template_refs);
  g_test_add_func ("/argo/options", test_options);
  g_test_add_func ("/argo/options/default-images", test_default_images);
  g_test_add_func ("/argo/names-and-labels", test_names_and_labels);
  g_test_add_func ("/argo/nothing-to-export", test_nothing_to_export);

  g_test_add_func ("/argo/cli/stdout", test_cli_stdout);
  g_test_add_func ("/argo/cli/output-dir", test_cli_output_dir);
  g_test_add_func ("/argo/cli/errors-block-output", test_cli_errors_block_output);
  g_test_add_func ("/argo/cli/strict", test_cli_strict);
  g_test_add_func ("/argo/cli/stdin-and-image", test_cli_stdin_and_image);
  g_test_add_func ("/argo/cli/usage", test_cli_usage);
  g_test_add_func ("/argo/cli/invalid-workflow", test_cli_invalid_workflow);
  g_test_add_func ("/argo/cli/help", test_cli_help);

  status = g_test_run ();

  remove_tree (work_dir);
  g_free (work_dir);
  return status;
}
