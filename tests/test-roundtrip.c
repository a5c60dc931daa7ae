/* test-roundtrip.c — parse → emit → parse loses nothing, and emitting is
 * deterministic: the shipped examples and generated documents
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sluice-duration.h"
#include "sluice-filter.h"
#include "sluice-json.h"
#include "sluice-step-type.h"
#include "sluice-workflow.h"
#include "sluice-yaml-writer.h"

#define N_GENERATED 500

/* ---- helpers -------------------------------------------------------------- */

static char *
describe_diagnostics (SluiceDiagnostics *diagnostics)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_string_append_printf (out, "%s %u:%u %s\n", d->rule_id, d->line, d->column, d->message);
    }

  return g_string_free (out, FALSE);
}

/* Loads @text and asserts it has no problem at all; prints it if it has. */
static SluiceWorkflow *
load_clean (const char *text,
            const char *what)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  SluiceWorkflow *workflow = sluice_workflow_load_from_data (text, strlen (text), diagnostics);
  g_autofree char *problems = describe_diagnostics (diagnostics);

  if (workflow == NULL || diagnostics->len > 0)
    g_printerr ("%s does not load:\n%s---\n%s---\n", what, problems, text);
  g_assert_cmpstr (problems, ==, "");
  g_assert_nonnull (workflow);

  return workflow;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_examples (void)
{
  g_autofree char *dir_path = g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".workflow.yaml"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));

  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Strict equality: same shape, same value types (an int is not a double,
 * "80" is not 80), doubles bit for bit (NaN equals NaN, -0.0 is not 0.0),
 * object members in any order. Reports the first difference. */
static gboolean
json_strict_equal (JsonNode   *a,
                   JsonNode   *b,
                   const char *path,
                   GString    *why)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    {
      g_string_append_printf (why, "%s: node type %d vs %d", path, JSON_NODE_TYPE (a), JSON_NODE_TYPE (b));
      return FALSE;
    }

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        {
          g_string_append_printf (why, "%s: %s vs %s", path,
                                  g_type_name (json_node_get_value_type (a)),
                                  g_type_name (json_node_get_value_type (b)));
          return FALSE;
        }
      if (json_node_get_value_type (a) == G_TYPE_STRING)
        {
          if (g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0)
            return TRUE;
          g_string_append_printf (why, "%s: “%s” vs “%s”", path, json_node_get_string (a), json_node_get_string (b));
          return FALSE;
        }
      if (json_node_get_value_type (a) == G_TYPE_INT64)
        {
          if (json_node_get_int (a) == json_node_get_int (b))
            return TRUE;
          g_string_append_printf (why, "%s: %" PRId64 " vs %" PRId64, path,
                                  json_node_get_int (a), json_node_get_int (b));
          return FALSE;
        }
      if (json_node_get_value_type (a) == G_TYPE_BOOLEAN)
        {
          if (json_node_get_boolean (a) == json_node_get_boolean (b))
            return TRUE;
          g_string_append_printf (why, "%s: booleans differ", path);
          return FALSE;
        }
      {
        double x = json_node_get_double (a);
        double y = json_node_get_double (b);

        if ((isnan (x) && isnan (y)) || (x == y && signbit (x) == signbit (y)))
          return TRUE;
        g_string_append_printf (why, "%s: %.17g vs %.17g", path, x, y);
        return FALSE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a);
        JsonArray *y = json_node_get_array (b);

        if (json_array_get_length (x) != json_array_get_length (y))
          {
            g_string_append_printf (why, "%s: %u vs %u items", path,
                                    json_array_get_length (x), json_array_get_length (y));
            return FALSE;
          }
        for (guint i = 0; i < json_array_get_length (x); i++)
          {
            g_autofree char *item = g_strdup_printf ("%s[%u]", path, i);

            if (!json_strict_equal (json_array_get_element (x, i), json_array_get_element (y, i), item, why))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *x = json_node_get_object (a);
        JsonObject *y = json_node_get_object (b);
        g_autoptr(GList) members = json_object_get_members (x);

        if (json_object_get_size (x) != json_object_get_size (y))
          {
            g_string_append_printf (why, "%s: %u vs %u members", path,
                                    json_object_get_size (x), json_object_get_size (y));
            return FALSE;
          }
        for (GList *l = members; l != NULL; l = l->next)
          {
            g_autofree char *member = g_strdup_printf ("%s.%s", path, (const char *) l->data);

            if (!json_object_has_member (y, l->data))
              {
                g_string_append_printf (why, "%s: missing", member);
                return FALSE;
              }
            if (!json_strict_equal (json_object_get_member (x, l->data), json_object_get_member (y, l->data),
                                    member, why))
              return FALSE;
          }
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static void
assert_json_equal (JsonNode   *a,
                   JsonNode   *b,
                   const char *context)
{
  g_autoptr(GString) why = g_string_new (NULL);

  if (!json_strict_equal (a, b, "", why))
    g_error ("%s: documents differ at %s", context, why->str);
}

/* Writes @node as YAML with every mapping's keys in a random order, so the
 * canonical writer has to put them back in order. */
static void
write_shuffled (SluiceYamlWriter *writer,
                JsonNode         *node,
                GRand            *rand)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      sluice_yaml_writer_null (writer);
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        sluice_yaml_writer_string (writer, json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        sluice_yaml_writer_int (writer, json_node_get_int (node));
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        sluice_yaml_writer_boolean (writer, json_node_get_boolean (node));
      else
        sluice_yaml_writer_double (writer, json_node_get_double (node));
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        sluice_yaml_writer_begin_sequence (writer, n == 0);
        for (guint i = 0; i < n; i++)
          write_shuffled (writer, json_array_get_element (array, i), rand);
        sluice_yaml_writer_end_sequence (writer);
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);
        g_autoptr(GPtrArray) keys = g_ptr_array_new ();

        if (members == NULL)
          {
            sluice_yaml_writer_empty_mapping (writer);
            break;
          }
        for (GList *l = members; l != NULL; l = l->next)
          g_ptr_array_add (keys, l->data);
        /* Fisher–Yates */
        for (guint i = keys->len - 1; i > 0; i--)
          {
            guint j = g_rand_int_range (rand, 0, i + 1);
            gpointer tmp = keys->pdata[i];

            keys->pdata[i] = keys->pdata[j];
            keys->pdata[j] = tmp;
          }

        sluice_yaml_writer_begin_mapping (writer);
        for (guint i = 0; i < keys->len; i++)
          {
            sluice_yaml_writer_string (writer, keys->pdata[i]);
            write_shuffled (writer, json_object_get_member (object, keys->pdata[i]), rand);
          }
        sluice_yaml_writer_end_mapping (writer);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static char *
to_shuffled_yaml (SluiceWorkflow *workflow,
                  GRand          *rand)
{
  g_autoptr(JsonNode) json = sluice_workflow_to_json (workflow, TRUE);
  SluiceYamlWriter *writer = sluice_yaml_writer_new ();

  write_shuffled (writer, json, rand);
  return sluice_yaml_writer_finish (writer);
}

/* ---- the shipped examples ------------------------------------------------- */

static void
test_examples_listed (void)
{
  g_autoptr(GPtrArray) paths = list_examples ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (names, g_path_get_basename (g_ptr_array_index (paths, i)));
  g_ptr_array_sort (names, compare_paths);

  /* the examples the documentation talks about are there */
  g_assert_cmpuint (names->len, >=, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (names, "usage-quota-80.workflow.yaml", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "agreement-renewal-t30.workflow.yaml", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "contact-fanout.workflow.yaml", g_str_equal, NULL));
}

static void
test_examples_canonical (void)
{
  g_autoptr(GPtrArray) paths = list_examples ();

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *contents = read_file (path);
      g_autoptr(SluiceWorkflow) workflow = load_clean (contents, path);
      g_autoptr(SluiceWorkflow) reloaded = NULL;
      g_autoptr(JsonNode) json = NULL;
      g_autoptr(JsonNode) reloaded_json = NULL;
      g_autofree char *yaml = sluice_workflow_to_yaml (workflow);
      g_autofree char *again = sluice_workflow_to_yaml (workflow);
      g_autofree char *reemitted = NULL;

      g_test_message ("%s", path);

      /* stored canonically: emitting gives the file back byte for byte */
      g_assert_cmpstr (yaml, ==, contents);
      /* emitting twice gives the same bytes */
      g_assert_cmpstr (again, ==, yaml);

      /* load(emit(x)) == x */
      reloaded = load_clean (yaml, path);
      g_assert_true (sluice_workflow_equal (workflow, reloaded));
      g_assert_true (sluice_workflow_equal (reloaded, workflow));
      json = sluice_workflow_to_json (workflow, TRUE);
      reloaded_json = sluice_workflow_to_json (reloaded, TRUE);
      assert_json_equal (json, reloaded_json, path);
      reemitted = sluice_workflow_to_yaml (reloaded);
      g_assert_cmpstr (reemitted, ==, contents);

      /* a step per document step, trigger first */
      g_assert_nonnull (sluice_workflow_get_trigger (workflow));
      g_assert_true (sluice_workflow_get_step (workflow, 0) == sluice_workflow_get_trigger (workflow));
      g_assert_cmpuint (sluice_workflow_get_n_steps (workflow), ==, sluice_workflow_get_n_steps (reloaded));
    }
}

/* Editing a copy leaves the original alone, at every depth. */
static void
test_examples_copy (void)
{
  g_autoptr(GPtrArray) paths = list_examples ();

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *contents = read_file (path);
      g_autoptr(SluiceWorkflow) workflow = load_clean (contents, path);
      g_autoptr(SluiceWorkflow) copy = sluice_workflow_copy (workflow);
      g_autofree char *copy_yaml = sluice_workflow_to_yaml (copy);
      g_autofree char *original_yaml = NULL;
      g_autofree char *edited_yaml = NULL;
      g_autofree char *original_name = g_strdup (sluice_workflow_get_name (workflow));
      SluiceStep *copy_trigger;
      SluiceStep *copy_step;
      JsonArray *filters;

      g_test_message ("%s", path);
      g_assert_true (copy != workflow);
      g_assert_true (sluice_workflow_equal (workflow, copy));
      g_assert_cmpstr (copy_yaml, ==, contents);
      g_assert_cmpuint (sluice_workflow_get_n_steps (copy), ==, sluice_workflow_get_n_steps (workflow));

      /* the steps are not shared */
      for (guint s = 0; s < sluice_workflow_get_n_steps (workflow); s++)
        {
          g_assert_true (sluice_workflow_get_step (copy, s) != sluice_workflow_get_step (workflow, s));
          g_assert_true (sluice_step_get_json (sluice_workflow_get_step (copy, s))
                         != sluice_step_get_json (sluice_workflow_get_step (workflow, s)));
        }

      /* edit the copy: a step's text, its id, the name, a filter deep
       * inside the trigger, the safety settings and the labels */
      copy_step = sluice_workflow_get_step (copy, 1);
      sluice_step_set_string (copy_step, "name", "Edited in the copy");
      sluice_step_set_id (copy_step, "edited");
      sluice_workflow_set_name (copy, "edited-copy");
      sluice_workflow_set_description (copy, "changed");
      copy_trigger = sluice_workflow_get_trigger (copy);
      filters = json_node_get_array (sluice_step_get_member (copy_trigger, "filters"));
      json_object_set_string_member (json_array_get_object_element (filters, 0), "path", "data.edited");
      json_object_set_int_member (sluice_workflow_get_safety (copy), "maxFanOut", 999);
      json_object_set_string_member (json_object_get_object_member (sluice_workflow_get_metadata (copy), "labels"),
                                     "team", "edited");
      sluice_workflow_set_position (copy, "edited", 1, 2);

      original_yaml = sluice_workflow_to_yaml (workflow);
      g_assert_cmpstr (original_yaml, ==, contents);
      g_assert_cmpstr (sluice_workflow_get_name (workflow), ==, original_name);
      g_assert_false (sluice_workflow_equal (workflow, copy));

      /* and the copy really has the edits */
      edited_yaml = sluice_workflow_to_yaml (copy);
      g_assert_nonnull (strstr (edited_yaml, "  name: edited-copy\n"));
      g_assert_nonnull (strstr (edited_yaml, "  - id: edited\n"));
      g_assert_nonnull (strstr (edited_yaml, "    name: Edited in the copy\n"));
      g_assert_nonnull (strstr (edited_yaml, "    - path: data.edited\n"));
      g_assert_nonnull (strstr (edited_yaml, "    maxFanOut: 999\n"));
      g_assert_nonnull (strstr (edited_yaml, "    team: edited\n"));
      g_assert_true (g_str_has_suffix (edited_yaml,
                                       "layout:\n"
                                       "  nodes:\n"
                                       "    edited:\n"
                                       "      x: 1\n"
                                       "      y: 2\n"));

      /* a copy of the edited copy is independent of it in turn */
      {
        g_autoptr(SluiceWorkflow) second = sluice_workflow_copy (copy);

        g_assert_true (sluice_workflow_equal (second, copy));
        sluice_workflow_remove_step (second, "edited");
        g_assert_false (sluice_workflow_equal (second, copy));
        g_assert_nonnull (sluice_workflow_lookup_step (copy, "edited"));
      }
    }
}

/* Keys in any order in the text emit the same canonical bytes. */
static void
test_examples_key_order (void)
{
  g_autoptr(GPtrArray) paths = list_examples ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *contents = read_file (path);
      g_autoptr(SluiceWorkflow) workflow = load_clean (contents, path);

      guint n_shuffled = 0;

      for (guint round = 0; round < 20; round++)
        {
          g_autofree char *shuffled = to_shuffled_yaml (workflow, rand);
          g_autoptr(SluiceWorkflow) reloaded = load_clean (shuffled, path);
          g_autofree char *yaml = sluice_workflow_to_yaml (reloaded);

          g_assert_cmpstr (yaml, ==, contents);
          if (g_strcmp0 (shuffled, contents) != 0)
            n_shuffled++;
        }
      /* the keys really were out of order */
      g_assert_cmpuint (n_shuffled, >=, 19);
    }
}

/* A hand-shuffled document, to be sure the shuffling above is not a
 * no-op: every level is out of order here. */
static void
test_key_order_by_hand (void)
{
  static const char shuffled[] =
    "spec:\n"
    "  safety:\n"
    "    timeout: 5m\n"
    "    cooldown: 7d\n"
    "  steps:\n"
    "  - next: b\n"
    "    title: Hello\n"
    "    type: record\n"
    "    id: a\n"
    "  - type: end\n"
    "    id: b\n"
    "  entityKey: data.account\n"
    "  trigger:\n"
    "    filters:\n"
    "    - value: 80\n"
    "      op: gte\n"
    "      path: data.percent\n"
    "    event: usage.updated\n"
    "    type: event\n"
    "    id: usage\n"
    "layout:\n"
    "  nodes:\n"
    "    b:\n"
    "      y: 2\n"
    "      x: 1.5\n"
    "    a:\n"
    "      y: 0\n"
    "      x: -3\n"
    "  viewport:\n"
    "    zoom: 2\n"
    "metadata:\n"
    "  labels:\n"
    "    zeta: z\n"
    "    alpha: a\n"
    "  version: 3\n"
    "  name: t\n"
    "kind: Workflow\n"
    "apiVersion: sluice.dev/v1\n";
  static const char canonical[] =
    "apiVersion: sluice.dev/v1\n"
    "kind: Workflow\n"
    "metadata:\n"
    "  name: t\n"
    "  version: 3\n"
    "  labels:\n"
    "    alpha: a\n"
    "    zeta: z\n"
    "spec:\n"
    "  trigger:\n"
    "    id: usage\n"
    "    type: event\n"
    "    event: usage.updated\n"
    "    filters:\n"
    "    - path: data.percent\n"
    "      op: gte\n"
    "      value: 80\n"
    "  entityKey: data.account\n"
    "  steps:\n"
    "  - id: a\n"
    "    type: record\n"
    "    title: Hello\n"
    "    next: b\n"
    "  - id: b\n"
    "    type: end\n"
    "  safety:\n"
    "    cooldown: 7d\n"
    "    timeout: 5m\n"
    "layout:\n"
    "  viewport:\n"
    "    zoom: 2\n"
    "  nodes:\n"
    "    a:\n"
    "      x: -3\n"
    "      y: 0\n"
    "    b:\n"
    "      x: 1.5\n"
    "      y: 2\n";
  g_autoptr(SluiceWorkflow) workflow = load_clean (shuffled, "shuffled");
  g_autoptr(SluiceWorkflow) reloaded = NULL;
  g_autofree char *yaml = sluice_workflow_to_yaml (workflow);
  double x, y, zoom;

  g_assert_cmpstr (yaml, ==, canonical);
  reloaded = load_clean (yaml, "canonical");
  g_assert_true (sluice_workflow_equal (workflow, reloaded));

  g_assert_true (sluice_workflow_get_position (reloaded, "b", &x, &y));
  g_assert_cmpfloat (x, ==, 1.5);
  g_assert_cmpfloat (y, ==, 2.0);
  g_assert_true (sluice_workflow_get_viewport (reloaded, &x, &y, &zoom));
  g_assert_cmpfloat (x, ==, 0.0);
  g_assert_cmpfloat (y, ==, 0.0);
  g_assert_cmpfloat (zoom, ==, 2.0);
  g_assert_false (sluice_workflow_get_position (reloaded, "usage", &x, &y));
}

/* ---- layout and digest ------------------------------------------------------ */

static void
test_layout_emission (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples", "usage-quota-80.workflow.yaml", NULL);
  g_autofree char *contents = read_file (path);
  g_autoptr(SluiceWorkflow) workflow = load_clean (contents, path);
  g_autoptr(SluiceWorkflow) reloaded = NULL;
  g_autofree char *yaml = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *again = NULL;
  double x, y, zoom;

  sluice_workflow_set_position (workflow, "usage-updated", 0, 0);
  sluice_workflow_set_position (workflow, "record-nudge", 240, -80);
  sluice_workflow_set_position (workflow, "open-ticket", 12.5, 0.25);
  sluice_workflow_set_position (workflow, "notify-owner", -1e15, 1e20);
  sluice_workflow_set_viewport (workflow, -40.75, 10, 1.5);

  yaml = sluice_workflow_to_yaml (workflow);
  expected = g_strconcat (contents,
                          "layout:\n"
                          "  viewport:\n"
                          "    x: -40.75\n"
                          "    y: 10\n"
                          "    zoom: 1.5\n"
                          "  nodes:\n"
                          "    notify-owner:\n"
                          "      x: -1e+15\n"
                          "      y: 1e+20\n"
                          "    open-ticket:\n"
                          "      x: 12.5\n"
                          "      y: 0.25\n"
                          "    record-nudge:\n"
                          "      x: 240\n"
                          "      y: -80\n"
                          "    usage-updated:\n"
                          "      x: 0\n"
                          "      y: 0\n",
                          NULL);
  g_assert_cmpstr (yaml, ==, expected);

  reloaded = load_clean (yaml, "with layout");
  again = sluice_workflow_to_yaml (reloaded);
  g_assert_cmpstr (again, ==, yaml);
  g_assert_true (sluice_workflow_get_position (reloaded, "open-ticket", &x, &y));
  g_assert_cmpfloat (x, ==, 12.5);
  g_assert_cmpfloat (y, ==, 0.25);
  g_assert_true (sluice_workflow_get_position (reloaded, "notify-owner", &x, &y));
  g_assert_cmpfloat (x, ==, -1e15);
  g_assert_cmpfloat (y, ==, 1e20);
  g_assert_true (sluice_workflow_get_viewport (reloaded, &x, &y, &zoom));
  g_assert_cmpfloat (x, ==, -40.75);
  g_assert_cmpfloat (y, ==, 10);
  g_assert_cmpfloat (zoom, ==, 1.5);

  /* removing a step removes its position and the edge to it (a rate
   * limit naming it stays, for validation to report) */
  sluice_workflow_remove_step (reloaded, "open-ticket");
  g_assert_false (sluice_workflow_get_position (reloaded, "open-ticket", &x, &y));
  g_clear_pointer (&again, g_free);
  again = sluice_workflow_to_yaml (reloaded);
  g_assert_null (strstr (again, "    open-ticket:\n"));
  g_assert_null (strstr (again, "next: open-ticket"));
  g_assert_null (strstr (again, "id: open-ticket"));
  g_assert_nonnull (strstr (again, "    - step: open-ticket\n"));
  g_assert_nonnull (strstr (again, "    record-nudge:\n"));
}

static void
test_digest (void)
{
  g_autoptr(GPtrArray) paths = list_examples ();
  g_autofree char *path = g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples", "usage-quota-80.workflow.yaml", NULL);
  g_autofree char *contents = read_file (path);
  g_autoptr(SluiceWorkflow) workflow = load_clean (contents, path);
  g_autofree char *digest = sluice_workflow_get_digest (workflow);
  g_autofree char *expected = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *yaml_before = NULL;
  g_autofree char *yaml_after = NULL;
  JsonArray *filters;
  JsonObject *threshold;

  /* the digest is the SHA-256 of the canonical text without layout; the
   * example has no layout, so it is the file's */
  hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1);
  expected = g_strconcat ("sha256:", hex, NULL);
  g_assert_cmpstr (digest, ==, expected);
  g_assert_cmpuint (strlen (digest), ==, 7 + 64);

  /* every example: digest is stable and matches its text */
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *text = read_file (g_ptr_array_index (paths, i));
      g_autoptr(SluiceWorkflow) example = load_clean (text, g_ptr_array_index (paths, i));
      g_autofree char *d1 = sluice_workflow_get_digest (example);
      g_autofree char *d2 = sluice_workflow_get_digest (example);
      g_autofree char *h = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

      g_assert_cmpstr (d1, ==, d2);
      g_assert_true (g_str_has_suffix (d1, h));
    }

  /* moving nodes and the viewport changes the text but not the digest */
  yaml_before = sluice_workflow_to_yaml (workflow);
  sluice_workflow_set_position (workflow, "record-nudge", 100, 200);
  sluice_workflow_set_position (workflow, "notify-owner", 300.5, -20);
  sluice_workflow_set_viewport (workflow, 5, 5, 0.5);
  yaml_after = sluice_workflow_to_yaml (workflow);
  g_assert_cmpstr (yaml_before, !=, yaml_after);
  moved = sluice_workflow_get_digest (workflow);
  g_assert_cmpstr (moved, ==, digest);

  /* a threshold from 80 to 81 changes it */
  filters = json_node_get_array (sluice_step_get_member (sluice_workflow_get_trigger (workflow), "filters"));
  threshold = json_array_get_object_element (filters, 1);
  g_assert_cmpint (json_object_get_int_member (threshold, "value"), ==, 80);
  json_object_set_int_member (threshold, "value", 81);
  changed = sluice_workflow_get_digest (workflow);
  g_assert_cmpstr (changed, !=, digest);
  g_assert_true (g_str_has_prefix (changed, "sha256:"));

  /* so does 80 as a float: the type is behaviour too */
  g_clear_pointer (&changed, g_free);
  json_object_set_double_member (threshold, "value", 80.0);
  changed = sluice_workflow_get_digest (workflow);
  g_assert_cmpstr (changed, !=, digest);

  /* and back to 80 gives the first digest again */
  json_object_set_int_member (threshold, "value", 80);
  restored = sluice_workflow_get_digest (workflow);
  g_assert_cmpstr (restored, ==, digest);

  /* metadata and safety count */
  g_clear_pointer (&changed, g_free);
  json_object_set_string_member (sluice_workflow_get_safety (workflow), "cooldown", "8d");
  changed = sluice_workflow_get_digest (workflow);
  g_assert_cmpstr (changed, !=, digest);
  json_object_set_string_member (sluice_workflow_get_safety (workflow), "cooldown", "7d");
  g_clear_pointer (&changed, g_free);
  sluice_workflow_set_version (workflow, 2);
  changed = sluice_workflow_get_digest (workflow);
  g_assert_cmpstr (changed, !=, digest);
}

/* ---- generated documents ------------------------------------------------------ */

typedef struct
{
  GRand     *rand;
  GPtrArray *ids;      /* the step ids of the document being made */
} Generator;

static const char * const single_line_pool[] = {
  "hello", "Hello, world", "data.account", "usage.updated", "Upgrade Nudge", "STORAGE-1TB",
  "yes", "no", "on", "off", "y", "n", "Y", "No", "ON", "Off", "true", "False", "TRUE",
  "null", "Null", "NULL", "~", "", " ", "  ",
  "1", "-1", "+1", "80", "1.0", ".5", "1e3", ".inf", "-.inf", ".nan", "0123", "0x1F", "0o17", "0b101",
  "1:30", "1_000", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "=", "<<",
  " leading", "trailing ", "a: b", "a:b", "key:", "#hash", "a #b", "a# b", "-dash", "- item", "--- doc",
  "...", "?q", "? q", ":colon", "@at", "%pct", "*star", "&amp", "!bang", "|pipe", ">gt", "`tick",
  "'single'", "\"double\"", "it's", "back\\slash", "[x]", "{x}", "a, b", "{{ data.x }}",
  "{{ data.account }}: upgrade", "Hi {{ contact.name }}!", "{{", "}}", "{{ unclosed",
  "ünïcödé", "日本語", "emoji 🎉", "🎉", "a\tb", "\t", "cr\rhere", "del\x7f", "nel\xc2\x85", "nbsp\xc2\xa0",
  "\xc2\xa0lead", "\xef\xbb\xbf" "bom", "ls\xe2\x80\xa8" "sep", "…",
  NULL
};

static const char * const multi_line_pool[] = {
  "a\nb", "a\nb\n", "line\n\nafter a blank line\n", "  indented first\nsecond\n", "trailing spaces  \nx",
  "a\n\n\n", "\n", "\n\n", "x\n  y", "ünïcödé\n日本語\n", "🎉 party\nx\n", "tab\tinside\nline\n",
  "{{ data.a }}\n{{ data.b }}", "- not a list\n# not a comment\n", "ends with space \n", " \n", "\na",
  "a\r\nb", "key: value\nother: thing\n", "yes\nno\n", "...\n---\n", "\ttab first\n",
  "Hello,\n\naccount {{ data.account }} uses {{ data.percent }}% of its quota.\n",
  NULL
};

static gboolean
coin (Generator *gen,
      double     p)
{
  return g_rand_double (gen->rand) < p;
}

static const char *
pick (Generator          *gen,
      const char * const *pool)
{
  return pool[g_rand_int_range (gen->rand, 0, g_strv_length ((char **) pool))];
}

/* Random text built from characters YAML cares about. */
static char *
random_text (Generator *gen,
             gboolean   multi_line)
{
  static const char * const pieces[] = {
    "a", "b", "z", "0", "1", "9", " ", " ", ":", "#", "-", "?", "{", "}", "[", "]", ",", "&", "*", "!",
    "|", ">", "'", "\"", "%", "@", "`", "~", ".", "\\", "\t", "y", "n", "e", "x", "_", "+",
    "ü", "日", "🎉", "{{", "}}", "\r",
    NULL
  };
  GString *out = g_string_new (NULL);
  guint length = g_rand_int_range (gen->rand, 0, 14);

  for (guint i = 0; i < length; i++)
    {
      if (multi_line && coin (gen, 0.15))
        g_string_append_c (out, '\n');
      else
        g_string_append (out, pick (gen, pieces));
    }

  return g_string_free (out, FALSE);
}

static char *
gen_single_line (Generator *gen)
{
  if (coin (gen, 0.3))
    return random_text (gen, FALSE);
  if (coin (gen, 0.02))
    {
      /* longer than any simple key */
      GString *out = g_string_new ("long ");

      while (out->len < 300)
        g_string_append (out, "word ");
      g_string_append (out, "end");
      return g_string_free (out, FALSE);
    }
  return g_strdup (pick (gen, single_line_pool));
}

static char *
gen_text (Generator *gen)
{
  if (coin (gen, 0.4))
    return gen_single_line (gen);
  if (coin (gen, 0.3))
    return random_text (gen, TRUE);
  return g_strdup (pick (gen, multi_line_pool));
}

static char *
gen_identifier (Generator *gen)
{
  static const char * const special[] = {
    "null", "true", "false", "yes", "no", "on", "off", "y", "n", "123", "0123", "1e3", "0x1f", "0o7",
    "1-2", "2001-12-14", "inf", "nan", "a", "0", "9-lives", "x-", NULL
  };
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789-";
  GString *out;
  guint length;

  if (coin (gen, 0.2))
    {
      const char *word = pick (gen, special);

      /* "x-" ends with a dash: not a name */
      return g_strdup (g_str_equal (word, "x-") ? "x" : word);
    }

  out = g_string_new (NULL);
  length = coin (gen, 0.05) ? 63 : (guint) g_rand_int_range (gen->rand, 1, 12);
  for (guint i = 0; i < length; i++)
    {
      char c = alphabet[g_rand_int_range (gen->rand, 0, (i == 0 || i + 1 == length) ? 36 : 37)];

      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
gen_path (Generator *gen)
{
  static const char * const names[] = {
    "data", "event", "contacts", "email", "account", "plan", "percent", "user_id", "$meta", "@id", "a-b",
    "0", "1e3", "null", "yes", "x", "ÄÖ", NULL
  };
  GString *out = g_string_new (NULL);
  guint parts = g_rand_int_range (gen->rand, 1, 5);

  for (guint i = 0; i < parts; i++)
    {
      const char *name = pick (gen, names);

      /* the path grammar is ASCII */
      if (strcmp (name, "ÄÖ") == 0)
        name = "AO";
      if (i > 0)
        g_string_append_c (out, '.');
      g_string_append (out, name);
      if (coin (gen, 0.2))
        g_string_append_printf (out, "[%d]", g_rand_int_range (gen->rand, 0, 100));
    }
  return g_string_free (out, FALSE);
}

static char *
gen_url (Generator *gen)
{
  static const char * const urls[] = {
    "https://example.com/", "https://example.com", "http://a.b:8080/x?y=1#z",
    "https://{{ data.host }}/hook", "https://api.example.com/v1/{{ data.id }}?q=%20",
    "https://ünï.example/päth", "https://user:pw@example.com/", "http://[::1]:80/", "https://x/#",
    NULL
  };

  return g_strdup (pick (gen, urls));
}

static char *
gen_cron (Generator *gen)
{
  static const char * const crons[] = {
    "0 9 * * 1-5", "*/5 * * * *", "0 0 1 * ?", "  0 0 * * MON  ", "0\t0 * * *", "15,45 8-18 * JAN-MAR 1",
    NULL
  };

  return g_strdup (pick (gen, crons));
}

static char *
gen_duration (Generator *gen)
{
  static const gint64 scales[] = {
    1, SLUICE_MSEC_PER_SECOND, SLUICE_MSEC_PER_MINUTE, SLUICE_MSEC_PER_HOUR, SLUICE_MSEC_PER_DAY,
  };
  gint64 msec = scales[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (scales))] * g_rand_int_range (gen->rand, 0, 5000);

  if (coin (gen, 0.2))
    msec += g_rand_int_range (gen->rand, 0, 1000);
  return sluice_duration_format (msec);
}

static gint64
gen_integer (Generator         *gen,
             const SluiceField *field)
{
  gint64 maximum = field->maximum > 0 ? field->maximum : G_MAXINT64;

  switch (g_rand_int_range (gen->rand, 0, 4))
    {
    case 0:
      return field->minimum;
    case 1:
      return maximum;
    case 2:
      return field->minimum + g_rand_int_range (gen->rand, 0, 10);
    default:
      {
        gint64 value = field->minimum + g_rand_int_range (gen->rand, 0, 1000000);

        return MIN (maximum, value);
      }
    }
}

static double
gen_number (Generator *gen)
{
  switch (g_rand_int_range (gen->rand, 0, 5))
    {
    case 0:
      return g_rand_int_range (gen->rand, -2000, 2000);
    case 1:
      return g_rand_int_range (gen->rand, -2000, 2000) + 0.5;
    case 2:
      return g_rand_double_range (gen->rand, -1e4, 1e4);
    case 3:
      {
        static const double special[] = { 0.1, 1e15, -1e15, 1e300, 5e-324, 123456789.125, 1e-7, 0.3 };

        return special[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (special))];
      }
    default:
      return g_rand_int_range (gen->rand, 0, 100) / 4.0;
    }
}

static JsonNode *
gen_scalar_value (Generator *gen)
{
  JsonNode *node = json_node_alloc ();

  switch (g_rand_int_range (gen->rand, 0, 6))
    {
    case 0:
      {
        g_autofree char *text = coin (gen, 0.8) ? gen_single_line (gen) : gen_text (gen);

        return json_node_init_string (node, text);
      }
    case 1:
      {
        static const gint64 special[] = { 0, 1, -1, 80, G_MAXINT64, G_MININT64 + 1, 123 };

        if (coin (gen, 0.5))
          return json_node_init_int (node, special[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (special))]);
        return json_node_init_int (node, g_rand_int_range (gen->rand, -100000, 100000));
      }
    case 2:
      {
        static const double special[] = { 1.0, 0.1, -0.0, 2.5, 1e20, -1e-300, INFINITY, -INFINITY, NAN, 80.0 };

        if (coin (gen, 0.5))
          return json_node_init_double (node, special[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (special))]);
        return json_node_init_double (node, g_rand_double_range (gen->rand, -1000, 1000));
      }
    case 3:
      return json_node_init_boolean (node, coin (gen, 0.5));
    case 4:
      return json_node_init_null (node);
    default:
      {
        g_autofree char *text = gen_identifier (gen);

        return json_node_init_string (node, text);
      }
    }
}

static JsonNode *
gen_value (Generator *gen)
{
  JsonArray *array;
  JsonNode *node;
  guint n;

  if (coin (gen, 0.7))
    return gen_scalar_value (gen);

  array = json_array_new ();
  n = g_rand_int_range (gen->rand, 0, 5);
  for (guint i = 0; i < n; i++)
    json_array_add_element (array, gen_scalar_value (gen));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

static const char *
gen_step_ref (Generator *gen)
{
  return g_ptr_array_index (gen->ids, g_rand_int_range (gen->rand, 0, gen->ids->len));
}

static JsonNode *gen_field (Generator *gen, const SluiceField *field);

static void
gen_fields (Generator         *gen,
            const SluiceField *fields,
            JsonObject        *object,
            double             p_optional)
{
  for (guint i = 0; fields[i].name != NULL; i++)
    if ((fields[i].flags & SLUICE_FIELD_FLAG_REQUIRED) || coin (gen, p_optional))
      json_object_set_member (object, fields[i].name, gen_field (gen, &fields[i]));
}

static JsonNode *
gen_step (Generator            *gen,
          const SluiceStepType *type,
          const char           *id)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "type", type->name);
  if (coin (gen, 0.3))
    {
      g_autofree char *name = gen_single_line (gen);

      json_object_set_string_member (object, "name", name);
    }
  gen_fields (gen, type->fields, object, 0.6);

  switch (type->edges)
    {
    case SLUICE_STEP_EDGES_NEXT:
      if (coin (gen, 0.7))
        json_object_set_string_member (object, "next", gen_step_ref (gen));
      break;

    case SLUICE_STEP_EDGES_BRANCH:
      if (coin (gen, 0.8))
        json_object_set_string_member (object, "then", gen_step_ref (gen));
      if (coin (gen, 0.6))
        json_object_set_string_member (object, "else", gen_step_ref (gen));
      break;

    case SLUICE_STEP_EDGES_CASES:
      if (coin (gen, 0.8))
        {
          JsonArray *cases = json_array_new ();
          guint n = g_rand_int_range (gen->rand, 0, 4);

          for (guint i = 0; i < n; i++)
            {
              JsonObject *c = json_object_new ();

              json_object_set_member (c, "value", gen_value (gen));
              json_object_set_string_member (c, "next", gen_step_ref (gen));
              json_array_add_object_element (cases, c);
            }
          json_object_set_array_member (object, "cases", cases);
        }
      if (coin (gen, 0.5))
        json_object_set_string_member (object, "default", gen_step_ref (gen));
      break;

    case SLUICE_STEP_EDGES_NONE:
    default:
      break;
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static JsonNode *
gen_field (Generator         *gen,
           const SluiceField *field)
{
  JsonNode *node = NULL;

  switch (field->kind)
    {
    case SLUICE_FIELD_STRING:
    case SLUICE_FIELD_TEMPLATE:
      {
        g_autofree char *text = gen_single_line (gen);

        node = json_node_init_string (json_node_alloc (), text);
      }
      break;

    case SLUICE_FIELD_TEXT:
      {
        g_autofree char *text = gen_text (gen);

        node = json_node_init_string (json_node_alloc (), text);
      }
      break;

    case SLUICE_FIELD_IDENTIFIER:
      {
        g_autofree char *text = gen_identifier (gen);

        node = json_node_init_string (json_node_alloc (), text);
      }
      break;

    case SLUICE_FIELD_STEP_REF:
      node = json_node_init_string (json_node_alloc (), gen_step_ref (gen));
      break;

    case SLUICE_FIELD_PATH:
      {
        g_autofree char *text = gen_path (gen);

        node = json_node_init_string (json_node_alloc (), text);
      }
      break;

    case SLUICE_FIELD_URL:
      {
        g_autofree char *text = gen_url (gen);

        node = json_node_init_string (json_node_alloc (), text);
      }
      break;

    case SLUICE_FIELD_CRON:
      {
        g_autofree char *text = gen_cron (gen);

        node = json_node_init_string (json_node_alloc (), text);
      }
      break;

    case SLUICE_FIELD_DURATION:
      {
        g_autofree char *text = gen_duration (gen);

        node = json_node_init_string (json_node_alloc (), text);
      }
      break;

    case SLUICE_FIELD_INTEGER:
      node = json_node_init_int (json_node_alloc (), gen_integer (gen, field));
      break;

    case SLUICE_FIELD_NUMBER:
      node = json_node_init_double (json_node_alloc (), gen_number (gen));
      break;

    case SLUICE_FIELD_BOOLEAN:
      node = json_node_init_boolean (json_node_alloc (), coin (gen, 0.5));
      break;

    case SLUICE_FIELD_ENUM:
      node = json_node_init_string (json_node_alloc (), pick (gen, field->choices));
      break;

    case SLUICE_FIELD_VALUE:
      node = gen_value (gen);
      break;

    case SLUICE_FIELD_LIST:
      {
        JsonArray *array = json_array_new ();
        guint n;

        if (field->item->kind == SLUICE_FIELD_STEP)
          {
            /* the steps: one for each id after the trigger's */
            guint n_types;
            const SluiceStepType *types = sluice_step_type_get_all (&n_types);

            for (guint i = 1; i < gen->ids->len; i++)
              {
                const SluiceStepType *type;

                do
                  type = &types[g_rand_int_range (gen->rand, 0, n_types)];
                while (sluice_step_type_is_trigger (type));
                json_array_add_element (array, gen_step (gen, type, g_ptr_array_index (gen->ids, i)));
              }
          }
        else
          {
            n = g_rand_int_range (gen->rand, 0, 4);
            for (guint i = 0; i < n; i++)
              json_array_add_element (array, gen_field (gen, field->item));
          }
        node = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (node, array);
      }
      break;

    case SLUICE_FIELD_MAP:
      {
        JsonObject *object = json_object_new ();
        guint n = g_rand_int_range (gen->rand, 0, 4);

        for (guint i = 0; i < n; i++)
          {
            g_autofree char *key = gen_single_line (gen);

            json_object_set_member (object, key, gen_field (gen, field->item));
          }
        node = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (node, object);
      }
      break;

    case SLUICE_FIELD_OBJECT:
      {
        JsonObject *object = json_object_new ();

        gen_fields (gen, field->fields, object, 0.6);
        node = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (node, object);
      }
      break;

    case SLUICE_FIELD_STEP:
      {
        /* only the trigger is generated here */
        const SluiceStepType *type = sluice_step_type_lookup (coin (gen, 0.7) ? "event" : "schedule");

        g_assert_true (field->flags & SLUICE_FIELD_FLAG_TRIGGER);
        node = gen_step (gen, type, g_ptr_array_index (gen->ids, 0));
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return node;
}

/* A whole document: everything the grammar allows but the layout, which
 * goes through the model API. */
static SluiceWorkflow *
gen_workflow (Generator *gen)
{
  const SluiceField *grammar = sluice_schema_workflow ();
  JsonObject *root = json_object_new ();
  g_autoptr(JsonNode) document = json_node_new (JSON_NODE_OBJECT);
  JsonObject *spec;
  SluiceWorkflow *workflow;
  guint n_steps = g_rand_int_range (gen->rand, 0, 9);

  json_node_take_object (document, root);

  /* ids first, so edges can point at any step */
  g_ptr_array_set_size (gen->ids, 0);
  while (gen->ids->len < n_steps + 1)
    {
      g_autofree char *id = gen_identifier (gen);

      if (!g_ptr_array_find_with_equal_func (gen->ids, id, g_str_equal, NULL))
        g_ptr_array_add (gen->ids, g_steal_pointer (&id));
    }

  for (guint i = 0; grammar->fields[i].name != NULL; i++)
    {
      const SluiceField *field = &grammar->fields[i];

      if (g_str_equal (field->name, "layout"))
        continue;
      json_object_set_member (root, field->name, gen_field (gen, field));
    }

  /* an empty steps list is not kept by the model */
  spec = json_object_get_object_member (root, "spec");
  if (json_object_has_member (spec, "steps")
      && json_array_get_length (json_object_get_array_member (spec, "steps")) == 0)
    json_object_remove_member (spec, "steps");
  if (!json_object_has_member (spec, "steps"))
    g_ptr_array_set_size (gen->ids, 1);

  workflow = sluice_workflow_new_from_json (document);

  /* the model keeps what it was given */
  {
    g_autoptr(JsonNode) back = sluice_workflow_to_json (workflow, FALSE);

    assert_json_equal (document, back, "model from JSON");
  }

  for (guint i = 0; i < gen->ids->len; i++)
    if (coin (gen, 0.5))
      sluice_workflow_set_position (workflow, g_ptr_array_index (gen->ids, i), gen_number (gen), gen_number (gen));
  if (coin (gen, 0.3))
    sluice_workflow_set_viewport (workflow, gen_number (gen), gen_number (gen), g_rand_double_range (gen->rand, 0.1, 4));

  return workflow;
}

static void
check_generated (SluiceWorkflow *workflow,
                 GRand          *rand,
                 const char     *what)
{
  g_autofree char *yaml = sluice_workflow_to_yaml (workflow);
  g_autofree char *yaml_again = sluice_workflow_to_yaml (workflow);
  g_autoptr(SluiceWorkflow) reloaded = NULL;
  g_autoptr(SluiceWorkflow) shuffled_reloaded = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) reloaded_json = NULL;
  g_autofree char *reemitted = NULL;
  g_autofree char *shuffled = NULL;
  g_autofree char *from_shuffled = NULL;

  g_assert_cmpstr (yaml_again, ==, yaml);

  reloaded = load_clean (yaml, what);
  reemitted = sluice_workflow_to_yaml (reloaded);
  if (g_strcmp0 (reemitted, yaml) != 0)
    g_printerr ("%s: emitted\n%s---\nre-emitted\n%s---\n", what, yaml, reemitted);
  g_assert_cmpstr (reemitted, ==, yaml);
  g_assert_true (sluice_workflow_equal (workflow, reloaded));

  /* not only the same text: the same values of the same types */
  json = sluice_workflow_to_json (workflow, TRUE);
  reloaded_json = sluice_workflow_to_json (reloaded, TRUE);
  {
    g_autoptr(GString) why = g_string_new (NULL);

    if (!json_strict_equal (json, reloaded_json, "", why))
      g_error ("%s: %s in\n%s", what, why->str, yaml);
  }

  /* the same document with its keys in another order */
  shuffled = to_shuffled_yaml (workflow, rand);
  shuffled_reloaded = load_clean (shuffled, what);
  from_shuffled = sluice_workflow_to_yaml (shuffled_reloaded);
  if (g_strcmp0 (from_shuffled, yaml) != 0)
    g_printerr ("%s: shuffled\n%s---\n", what, shuffled);
  g_assert_cmpstr (from_shuffled, ==, yaml);
}

/* What the generated documents held, to be sure they cover the grammar. */
static void
count_coverage (SluiceWorkflow *workflow,
                guint          *type_counts,
                guint          *op_counts)
{
  guint n_types;
  const SluiceStepType *types = sluice_step_type_get_all (&n_types);

  for (guint i = 0; i < sluice_workflow_get_n_steps (workflow); i++)
    {
      SluiceStep *step = sluice_workflow_get_step (workflow, i);
      g_autoptr(GPtrArray) filters = sluice_step_get_filters (step);

      type_counts[sluice_step_get_step_type (step) - types]++;
      for (guint f = 0; f < filters->len; f++)
        op_counts[((SluiceFilter *) g_ptr_array_index (filters, f))->op]++;
    }
}

static void
test_generated (gconstpointer data)
{
  guint32 seed = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  Generator gen = { rand, ids };
  guint n_types;
  const SluiceStepType *types = sluice_step_type_get_all (&n_types);
  g_autofree guint *type_counts = g_new0 (guint, n_types);
  guint op_counts[SLUICE_N_FILTER_OPS] = { 0 };

  for (guint i = 0; i < N_GENERATED; i++)
    {
      g_autoptr(SluiceWorkflow) workflow = gen_workflow (&gen);
      g_autofree char *what = g_strdup_printf ("generated document %u (seed %u)", i, seed);

      check_generated (workflow, rand, what);
      count_coverage (workflow, type_counts, op_counts);
    }

  /* every step type and every filter op was in some document */
  for (guint i = 0; i < n_types; i++)
    if (type_counts[i] == 0)
      g_error ("no generated document has a %s step", types[i].name);
  for (guint i = 0; i < SLUICE_N_FILTER_OPS; i++)
    if (op_counts[i] == 0)
      g_error ("no generated document has a filter with op %s", sluice_filter_op_names[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roundtrip/examples/listed", test_examples_listed);
  g_test_add_func ("/roundtrip/examples/canonical", test_examples_canonical);
  g_test_add_func ("/roundtrip/examples/copy", test_examples_copy);
  g_test_add_func ("/roundtrip/examples/key-order", test_examples_key_order);
  g_test_add_func ("/roundtrip/key-order/by-hand", test_key_order_by_hand);
  g_test_add_func ("/roundtrip/layout", test_layout_emission);
  g_test_add_func ("/roundtrip/digest", test_digest);
  g_test_add_data_func ("/roundtrip/generated/seed-1", GUINT_TO_POINTER (1), test_generated);
  g_test_add_data_func ("/roundtrip/generated/seed-2026", GUINT_TO_POINTER (2026), test_generated);
  g_test_add_data_func ("/roundtrip/generated/seed-31337", GUINT_TO_POINTER (31337), test_generated);

  return g_test_run ();
}
