/* test-cli.c — sluice-cli as CI runs it: arguments in, text and exit status out
 *
 * Runs the built binary ($SLUICE_CLI) in a temporary folder holding the
 * files each test writes, and checks what it prints on stdout and stderr
 * and how it exits (0 fine, 1 findings, 2 usage or unreadable input).
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

static char *work_dir;

/* A valid workflow without findings; 19 lines. */
static const char clean_document[] =
  "apiVersion: sluice.dev/v1\n"           /*  1 */
  "kind: Workflow\n"                      /*  2 */
  "metadata:\n"                           /*  3 */
  "  name: base\n"                        /*  4 */
  "spec:\n"                               /*  5 */
  "  trigger:\n"                          /*  6 */
  "    id: start\n"                       /*  7 */
  "    type: event\n"                     /*  8 */
  "    event: usage.updated\n"            /*  9 */
  "    filters:\n"                        /* 10 */
  "    - path: data.percent\n"            /* 11 */
  "      op: gte\n"                       /* 12 */
  "      value: 80\n"                     /* 13 */
  "    next: first\n"                     /* 14 */
  "  entityKey: data.account\n"           /* 15 */
  "  steps:\n"                            /* 16 */
  "  - id: first\n"                       /* 17 */
  "    type: record\n"                    /* 18 */
  "    title: Usage at {{ data.percent }}%\n"; /* 19 */

static const char dangling_line[] =
  "    next: nowhere\n";                  /* 20: an error */

static const char orphan_lines[] =
  "  - id: orphan\n"                      /* 20: a warning */
  "    type: end\n";

static const char dangling_message[] =
  "error: [graph/dangling-edge] “first” leads to “nowhere”, but there is no step with that id\n";
static const char orphan_message[] =
  "warning: [graph/unreachable-step] Nothing leads to “orphan”, so it never runs; connect it or remove it\n";

/* The same workflow as messy_canonical, written every way but the canonical one. */
static const char messy_document[] =
  "kind: Workflow\n"
  "apiVersion: \"sluice.dev/v1\"\n"
  "metadata: {name: messy, version: 1}\n"
  "spec:\n"
  "  entityKey: data.account\n"
  "  trigger:\n"
  "    type: event\n"
  "    next: first\n"
  "    id: start\n"
  "    event: usage.updated\n"
  "    filters:\n"
  "      - {path: data.percent, op: gte, value: 80}\n"
  "  steps:\n"
  "    - title: 'Usage at {{ data.percent }}%'\n"
  "      type: record\n"
  "      id: first\n"
  "      category: \"yes\"\n"
  "  safety:\n"
  "    cooldown: 24h\n";

static const char messy_canonical[] =
  "apiVersion: sluice.dev/v1\n"
  "kind: Workflow\n"
  "metadata:\n"
  "  name: messy\n"
  "  version: 1\n"
  "spec:\n"
  "  trigger:\n"
  "    id: start\n"
  "    type: event\n"
  "    event: usage.updated\n"
  "    filters:\n"
  "    - path: data.percent\n"
  "      op: gte\n"
  "      value: 80\n"
  "    next: first\n"
  "  entityKey: data.account\n"
  "  steps:\n"
  "  - id: first\n"
  "    type: record\n"
  "    title: Usage at {{ data.percent }}%\n"
  "    category: \"yes\"\n"
  "  safety:\n"
  "    cooldown: 1d\n";

static const char * const examples[] = {
  "usage-quota-80.workflow.yaml",
  "agreement-renewal-t30.workflow.yaml",
  "contact-fanout.workflow.yaml",
};

/* ---- running the binary ------------------------------------------------------ */

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

/* Runs sluice-cli with @args in the work folder, feeding it @input (or
 * nothing) on stdin. */
static CliResult *
run_cli_argv (const char         *input,
              const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  const char *cli = g_getenv ("SLUICE_CLI");

  if (cli == NULL)
    g_error ("SLUICE_CLI must name the sluice-cli binary to test");

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
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

  /* a crash is never an exit status */
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;

  return result;
}

static CliResult *
run_cli_input (const char *input,
               const char *first,
               ...) G_GNUC_NULL_TERMINATED;

static CliResult *
run_cli_input (const char *input,
               const char *first,
               ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return run_cli_argv (input, (const char * const *) args->pdata);
}

#define run_cli(...) run_cli_input (NULL, __VA_ARGS__, NULL)

/* Writes @contents to @name in the work folder; returns the full path. */
static char *
write_file (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (work_dir, name, NULL);

  if (!g_file_set_contents (path, contents, -1, &error))
    g_error ("cannot write %s: %s", path, error->message);
  return path;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("cannot read %s: %s", path, error->message);
  return contents;
}

static char *
data_path (const char *first,
           ...) G_GNUC_NULL_TERMINATED;

static char *
data_path (const char *first,
           ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *datadir = g_getenv ("SLUICE_DATADIR");
  va_list ap;

  if (datadir == NULL)
    g_error ("SLUICE_DATADIR must name the data folder of the source tree");
  g_ptr_array_add (parts, (gpointer) datadir);
  va_start (ap, first);
  for (const char *part = first; part != NULL; part = va_arg (ap, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (ap);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

/* Returns: (nullable): the object @text holds; %NULL, and the test
 * failed, when it is not a JSON object */
static JsonObject *
parse_json_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    {
      g_test_fail_printf ("not JSON (%s):\n%s", error->message, text);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_test_fail_printf ("not a JSON object:\n%s", text);
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* ---- the program ------------------------------------------------------------------ */

static void
test_version (void)
{
  g_autoptr(CliResult) result = run_cli ("--version");

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->out, ==, "sluice-cli 0.1.0\n");
  g_assert_cmpstr (result->err, ==, "");
}

static void
test_help (void)
{
  g_autoptr(CliResult) result = run_cli ("--help");
  g_autoptr(CliResult) short_result = run_cli ("-h");

  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_str_has_prefix (result->out, "Usage: sluice-cli COMMAND [OPTION…] [ARGUMENT…]\n"));
  g_assert_nonnull (strstr (result->out, "\n  validate         Check workflows for errors and risks\n"));
  g_assert_nonnull (strstr (result->out, "\n  fmt              Print workflows in canonical form\n"));
  g_assert_nonnull (strstr (result->out, "\n  schema           Print the JSON Schema of the workflow format\n"));
  g_assert_cmpstr (result->err, ==, "");

  g_assert_cmpint (short_result->status, ==, 0);
  g_assert_cmpstr (short_result->out, ==, result->out);
}

static void
test_no_arguments (void)
{
  static const char * const no_args[] = { NULL };
  g_autoptr(CliResult) result = run_cli_argv (NULL, no_args);

  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpstr (result->out, ==, "");
  /* the usage goes to stderr when it is a mistake */
  g_assert_true (g_str_has_prefix (result->err, "Usage: sluice-cli COMMAND"));
}

static void
test_unknown_command (void)
{
  g_autoptr(CliResult) result = run_cli ("frobnicate", "x.yaml");

  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err, ==,
                   "sluice-cli: unknown command “frobnicate”\n"
                   "Run “sluice-cli --help” to see the commands.\n");
}

/* ---- validate ---------------------------------------------------------------------- */

static void
test_validate_examples (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = data_path ("examples", examples[i], NULL);
      g_autoptr(CliResult) result = run_cli ("validate", path);

      g_test_message ("%s", examples[i]);
      g_assert_cmpint (result->status, ==, 0);
      g_assert_cmpstr (result->out, ==, "");
      g_assert_cmpstr (result->err, ==, "1 file checked, 0 errors, 0 warnings\n");
    }
}

static void
test_validate_error (void)
{
  g_autofree char *text = g_strconcat (clean_document, dangling_line, NULL);
  g_autofree char *path = write_file ("broken.workflow.yaml", text);
  g_autoptr(CliResult) result = run_cli ("validate", "broken.workflow.yaml");
  g_autofree char *expected = g_strconcat ("broken.workflow.yaml:20:11: ", dangling_message, NULL);

  g_assert_cmpint (result->status, ==, 1);
  g_assert_true (g_str_has_prefix (result->out, "broken.workflow.yaml:20:11: error: [graph/dangling-edge] "));
  g_assert_cmpstr (result->out, ==, expected);
  g_assert_cmpstr (result->err, ==, "1 file checked, 1 error, 0 warnings\n");
}

static void
test_validate_load_error (void)
{
  /* a schema error: the file does not load, so it is not validated */
  g_autofree char *path = write_file ("typo.workflow.yaml",
                                      "apiVersion: sluice.dev/v1\n"
                                      "kind: Workflow\n"
                                      "metadata:\n"
                                      "  name: typo\n"
                                      "  colour: blue\n");
  g_autoptr(CliResult) result = run_cli ("validate", "typo.workflow.yaml");

  g_assert_cmpint (result->status, ==, 1);
  g_assert_true (g_str_has_prefix (result->out, "typo.workflow.yaml:5:3: error: [schema/unknown-key] "));
  g_assert_cmpstr (result->err, ==, "1 file checked, 1 error, 0 warnings\n");
}

static void
test_validate_strict (void)
{
  g_autofree char *text = g_strconcat (clean_document, orphan_lines, NULL);
  g_autofree char *path = write_file ("warn.workflow.yaml", text);
  g_autoptr(CliResult) lenient = run_cli ("validate", "warn.workflow.yaml");
  g_autoptr(CliResult) strict = run_cli ("validate", "--strict", "warn.workflow.yaml");
  g_autoptr(CliResult) strict_short = run_cli ("validate", "-s", "warn.workflow.yaml");
  g_autofree char *expected = g_strconcat ("warn.workflow.yaml:20:9: ", orphan_message, NULL);

  /* warnings alone pass... */
  g_assert_cmpint (lenient->status, ==, 0);
  g_assert_cmpstr (lenient->out, ==, expected);
  g_assert_cmpstr (lenient->err, ==, "1 file checked, 0 errors, 1 warning\n");

  /* ...unless they must not */
  g_assert_cmpint (strict->status, ==, 1);
  g_assert_cmpstr (strict->out, ==, expected);
  g_assert_cmpint (strict_short->status, ==, 1);
}

static void
test_validate_json (void)
{
  g_autofree char *broken = g_strconcat (clean_document, dangling_line, NULL);
  g_autofree char *warn = g_strconcat (clean_document, orphan_lines, NULL);
  g_autofree char *path1 = write_file ("json-broken.workflow.yaml", broken);
  g_autofree char *path2 = write_file ("json-warn.workflow.yaml", warn);
  g_autoptr(CliResult) result = run_cli ("validate", "--format", "json",
                                         "json-broken.workflow.yaml", "json-warn.workflow.yaml");
  g_autoptr(CliResult) clean = NULL;
  g_autofree char *example = data_path ("examples", examples[0], NULL);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonObject) clean_root = NULL;
  JsonArray *files, *diagnostics;
  JsonObject *file, *d;

  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->err, ==, "");

  root = parse_json_object (result->out);
  if (root == NULL)
    return;
  g_assert_false (json_object_get_boolean_member (root, "valid"));
  g_assert_cmpint (json_object_get_int_member (root, "errors"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "warnings"), ==, 1);

  files = json_object_get_array_member (root, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 2);

  file = json_array_get_object_element (files, 0);
  g_assert_cmpstr (json_object_get_string_member (file, "file"), ==, "json-broken.workflow.yaml");
  g_assert_false (json_object_get_boolean_member (file, "valid"));
  g_assert_cmpint (json_object_get_int_member (file, "errors"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (file, "warnings"), ==, 0);
  diagnostics = json_object_get_array_member (file, "diagnostics");
  g_assert_cmpuint (json_array_get_length (diagnostics), ==, 1);
  d = json_array_get_object_element (diagnostics, 0);
  g_assert_cmpstr (json_object_get_string_member (d, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (d, "rule"), ==, "graph/dangling-edge");
  g_assert_cmpint (json_object_get_int_member (d, "line"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (d, "column"), ==, 11);
  g_assert_cmpstr (json_object_get_string_member (d, "path"), ==, "spec.steps[0].next");
  g_assert_cmpstr (json_object_get_string_member (d, "step"), ==, "first");
  g_assert_cmpstr (json_object_get_string_member (d, "message"), ==,
                   "“first” leads to “nowhere”, but there is no step with that id");

  file = json_array_get_object_element (files, 1);
  g_assert_cmpstr (json_object_get_string_member (file, "file"), ==, "json-warn.workflow.yaml");
  g_assert_true (json_object_get_boolean_member (file, "valid"));
  g_assert_cmpint (json_object_get_int_member (file, "errors"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (file, "warnings"), ==, 1);
  diagnostics = json_object_get_array_member (file, "diagnostics");
  g_assert_cmpuint (json_array_get_length (diagnostics), ==, 1);
  d = json_array_get_object_element (diagnostics, 0);
  g_assert_cmpstr (json_object_get_string_member (d, "severity"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (d, "rule"), ==, "graph/unreachable-step");
  g_assert_cmpint (json_object_get_int_member (d, "line"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (d, "column"), ==, 9);

  /* a clean file: valid, empty list */
  clean = run_cli ("validate", "-f", "json", example);
  g_assert_cmpint (clean->status, ==, 0);
  clean_root = parse_json_object (clean->out);
  if (clean_root == NULL)
    return;
  g_assert_true (json_object_get_boolean_member (clean_root, "valid"));
  g_assert_cmpint (json_object_get_int_member (clean_root, "errors"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (clean_root, "warnings"), ==, 0);
  files = json_object_get_array_member (clean_root, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 1);
  file = json_array_get_object_element (files, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (file, "diagnostics")), ==, 0);
}

static void
test_validate_unknown_format (void)
{
  g_autofree char *path = write_file ("format.workflow.yaml", clean_document);
  g_autoptr(CliResult) result = run_cli ("validate", "--format", "xml", "format.workflow.yaml");

  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err, ==, "sluice-cli validate: unknown format “xml”; use text or json\n");
}

static void
test_validate_missing_file (void)
{
  g_autoptr(CliResult) result = run_cli ("validate", "does-not-exist.workflow.yaml");
  g_autoptr(CliResult) no_file = run_cli ("validate");

  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_true (g_str_has_prefix (result->err, "sluice-cli validate: cannot read does-not-exist.workflow.yaml: "));

  g_assert_cmpint (no_file->status, ==, 2);
  g_assert_cmpstr (no_file->err, ==, "sluice-cli validate: give at least one workflow file\n");
}

static void
test_validate_policy (void)
{
  g_autofree char *example = data_path ("examples", "contact-fanout.workflow.yaml", NULL);
  g_autofree char *default_policy = data_path ("policies", "default.policy.yaml", NULL);
  g_autofree char *policy = write_file ("no-foreach.policy.yaml",
                                        "apiVersion: sluice.dev/v1\n"
                                        "kind: Policy\n"
                                        "metadata:\n"
                                        "  name: no-foreach\n"
                                        "spec:\n"
                                        "  forbiddenStepTypes:\n"
                                        "  - foreach\n");
  g_autoptr(CliResult) without = run_cli ("validate", example);
  g_autoptr(CliResult) with_default = run_cli ("validate", "--policy", default_policy, example);
  g_autoptr(CliResult) failing = run_cli ("validate", "--policy", "no-foreach.policy.yaml", example);
  g_autofree char *expected = g_strdup_printf ("%s:36:11: error: [policy/forbidden-step-type] "
                                               "The organisation policy does not allow foreach steps (“each-contact”)\n",
                                               example);

  g_assert_cmpint (without->status, ==, 0);
  g_assert_cmpint (with_default->status, ==, 0);
  g_assert_cmpstr (with_default->out, ==, "");

  g_assert_cmpint (failing->status, ==, 1);
  g_assert_cmpstr (failing->out, ==, expected);
  g_assert_cmpstr (failing->err, ==, "1 file checked, 1 error, 0 warnings\n");
}

static void
test_validate_invalid_policy (void)
{
  g_autofree char *example = data_path ("examples", examples[0], NULL);
  g_autofree char *policy = write_file ("bad.policy.yaml",
                                        "apiVersion: sluice.dev/v1\n"
                                        "kind: Policy\n"
                                        "metadata:\n"
                                        "  name: bad\n"
                                        "spec:\n"
                                        "  maxFanOut: lots\n");
  g_autoptr(CliResult) result = run_cli ("validate", "--policy", "bad.policy.yaml", example);
  g_autoptr(CliResult) missing = run_cli ("validate", "--policy", "no-such.policy.yaml", example);

  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_true (g_str_has_prefix (result->err, "bad.policy.yaml:6:14: error: [schema/type] "));
  g_assert_true (g_str_has_suffix (result->err, "sluice-cli validate: the policy bad.policy.yaml is not valid\n"));

  g_assert_cmpint (missing->status, ==, 2);
  g_assert_true (g_str_has_prefix (missing->err, "sluice-cli validate: cannot read the policy no-such.policy.yaml: "));
}

static void
test_validate_stdin (void)
{
  g_autofree char *broken = g_strconcat (clean_document, dangling_line, NULL);
  g_autoptr(CliResult) result = run_cli_input (broken, "validate", "-", NULL);
  g_autoptr(CliResult) clean = run_cli_input (clean_document, "validate", "-", NULL);
  g_autofree char *expected = g_strconcat ("<stdin>:20:11: ", dangling_message, NULL);

  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out, ==, expected);
  g_assert_cmpstr (result->err, ==, "1 file checked, 1 error, 0 warnings\n");

  g_assert_cmpint (clean->status, ==, 0);
  g_assert_cmpstr (clean->out, ==, "");
}

static void
test_validate_several_files (void)
{
  g_autofree char *broken = g_strconcat (clean_document, dangling_line, NULL);
  g_autofree char *warn = g_strconcat (clean_document, orphan_lines, NULL);
  g_autofree char *p1 = write_file ("many-clean.workflow.yaml", clean_document);
  g_autofree char *p2 = write_file ("many-warn.workflow.yaml", warn);
  g_autofree char *p3 = write_file ("many-broken.workflow.yaml", broken);
  g_autoptr(CliResult) fine = run_cli ("validate", "many-clean.workflow.yaml", "many-warn.workflow.yaml");
  g_autoptr(CliResult) failed = run_cli ("validate", "many-broken.workflow.yaml", "many-clean.workflow.yaml",
                                         "many-warn.workflow.yaml");
  g_autoptr(CliResult) unreadable_last = run_cli ("validate", "many-broken.workflow.yaml", "many-missing.workflow.yaml");
  g_autoptr(CliResult) unreadable_first = run_cli ("validate", "many-missing.workflow.yaml", "many-broken.workflow.yaml");
  g_autofree char *expected = g_strconcat ("many-broken.workflow.yaml:20:11: ", dangling_message,
                                           "many-warn.workflow.yaml:20:9: ", orphan_message, NULL);

  g_assert_cmpint (fine->status, ==, 0);
  g_assert_cmpstr (fine->err, ==, "2 files checked, 0 errors, 1 warning\n");

  /* every file is checked, in order; the status is the worst */
  g_assert_cmpint (failed->status, ==, 1);
  g_assert_cmpstr (failed->out, ==, expected);
  g_assert_cmpstr (failed->err, ==, "3 files checked, 1 error, 1 warning\n");

  g_assert_cmpint (unreadable_last->status, ==, 2);
  g_assert_cmpint (unreadable_first->status, ==, 2);
  g_assert_nonnull (strstr (unreadable_first->out, "many-broken.workflow.yaml:20:11: error:"));
}

static void
test_validate_help (void)
{
  g_autoptr(CliResult) result = run_cli ("validate", "--help");

  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "sluice-cli validate [OPTION…] FILE…"));
  g_assert_nonnull (strstr (result->out, "--strict"));
  g_assert_nonnull (strstr (result->out, "--policy=FILE"));
  g_assert_nonnull (strstr (result->out, "Exit status: 0 when every file is valid, 1 when any has errors"));
}

/* ---- fmt ------------------------------------------------------------------------------ */

static void
test_fmt_prints_canonical (void)
{
  g_autofree char *path = write_file ("messy.workflow.yaml", messy_document);
  g_autoptr(CliResult) result = run_cli ("fmt", "messy.workflow.yaml");
  g_autoptr(CliResult) again = NULL;
  g_autoptr(CliResult) from_stdin = run_cli_input (messy_document, "fmt", "-", NULL);
  g_autofree char *after = NULL;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->out, ==, messy_canonical);
  g_assert_cmpstr (result->err, ==, "");

  /* printing leaves the file alone */
  after = read_file (path);
  g_assert_cmpstr (after, ==, messy_document);

  g_assert_cmpint (from_stdin->status, ==, 0);
  g_assert_cmpstr (from_stdin->out, ==, messy_canonical);

  /* the canonical form is a fixed point */
  again = run_cli_input (messy_canonical, "fmt", "-", NULL);
  g_assert_cmpstr (again->out, ==, messy_canonical);
}

static void
test_fmt_check (void)
{
  g_autofree char *e0 = data_path ("examples", examples[0], NULL);
  g_autofree char *e1 = data_path ("examples", examples[1], NULL);
  g_autofree char *e2 = data_path ("examples", examples[2], NULL);
  g_autofree char *path = write_file ("check-messy.workflow.yaml", messy_document);
  g_autofree char *canonical = write_file ("check-canonical.workflow.yaml", messy_canonical);
  g_autoptr(CliResult) examples_result = run_cli ("fmt", "--check", e0, e1, e2);
  g_autoptr(CliResult) messy = run_cli ("fmt", "--check", "check-canonical.workflow.yaml",
                                        "check-messy.workflow.yaml");
  g_autofree char *after = NULL;

  g_assert_cmpint (examples_result->status, ==, 0);
  g_assert_cmpstr (examples_result->out, ==, "");
  g_assert_cmpstr (examples_result->err, ==, "");

  /* only the file that is not canonical is listed */
  g_assert_cmpint (messy->status, ==, 1);
  g_assert_cmpstr (messy->out, ==, "check-messy.workflow.yaml\n");
  after = read_file (path);
  g_assert_cmpstr (after, ==, messy_document);
}

static void
test_fmt_write (void)
{
  g_autofree char *path = write_file ("rewrite.workflow.yaml", messy_document);
  g_autoptr(CliResult) write_result = NULL;
  g_autoptr(CliResult) check = NULL;
  g_autoptr(CliResult) both = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  GStatBuf before_stat, after_stat;
  const char *name;

  g_assert_cmpint (g_stat (path, &before_stat), ==, 0);
  write_result = run_cli ("fmt", "--write", "rewrite.workflow.yaml");
  check = run_cli ("fmt", "--check", "rewrite.workflow.yaml");
  both = run_cli ("fmt", "--write", "--check", "rewrite.workflow.yaml");

  /* a new file renamed over the old one, not the old one rewritten in
   * place: a reader never sees half a workflow */
  g_assert_cmpint (g_stat (path, &after_stat), ==, 0);
  g_assert_cmpuint (after_stat.st_ino, !=, before_stat.st_ino);

  g_assert_cmpint (write_result->status, ==, 0);
  g_assert_cmpstr (write_result->out, ==, "");
  g_assert_cmpstr (write_result->err, ==, "");
  after = read_file (path);
  g_assert_cmpstr (after, ==, messy_canonical);

  g_assert_cmpint (check->status, ==, 0);
  g_assert_cmpstr (check->out, ==, "");

  g_assert_cmpint (both->status, ==, 2);

  /* written through a temporary file that is renamed: none is left over */
  dir = g_dir_open (work_dir, 0, &error);
  if (dir == NULL)
    g_error ("cannot list %s: %s", work_dir, error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".goutputstream") || g_str_has_suffix (name, "~"));
}

static void
test_fmt_several_files_need_a_flag (void)
{
  g_autofree char *p1 = write_file ("two-a.workflow.yaml", messy_document);
  g_autofree char *p2 = write_file ("two-b.workflow.yaml", messy_canonical);
  g_autoptr(CliResult) result = run_cli ("fmt", "two-a.workflow.yaml", "two-b.workflow.yaml");

  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err, ==, "sluice-cli fmt: to format several files, give --write or --check\n");
}

static void
test_fmt_invalid_file (void)
{
  g_autofree char *path = write_file ("invalid.workflow.yaml",
                                      "apiVersion: sluice.dev/v1\n"
                                      "kind: Workflow\n"
                                      "metadata:\n"
                                      "  name: Not Valid\n");
  g_autoptr(CliResult) result = run_cli ("fmt", "invalid.workflow.yaml");
  g_autoptr(CliResult) write_result = run_cli ("fmt", "--write", "invalid.workflow.yaml");
  g_autofree char *after = NULL;

  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_true (g_str_has_prefix (result->err, "invalid.workflow.yaml:4:9: error: [schema/format] "));

  /* an invalid file is never rewritten */
  g_assert_cmpint (write_result->status, ==, 1);
  after = read_file (path);
  g_assert_true (g_str_has_suffix (after, "  name: Not Valid\n"));
}

static void
test_fmt_help (void)
{
  g_autoptr(CliResult) result = run_cli ("fmt", "--help");

  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "sluice-cli fmt [OPTION…] FILE…"));
  g_assert_nonnull (strstr (result->out, "--check"));
  g_assert_nonnull (strstr (result->out, "--write"));
  g_assert_nonnull (strstr (result->out, "Exit status: 0 on success, 1 when a file is not valid"));
}

/* ---- schema ---------------------------------------------------------------------------- */

static void
test_schema (void)
{
  g_autoptr(CliResult) result = run_cli ("schema");
  g_autoptr(CliResult) extra = run_cli ("schema", "extra");
  g_autofree char *shipped_path = data_path ("sluice-workflow.schema.json", NULL);
  g_autofree char *shipped = read_file (shipped_path);
  g_autoptr(JsonObject) root = NULL;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");

  root = parse_json_object (result->out);
  if (root == NULL)
    return;
  g_assert_cmpstr (json_object_get_string_member (root, "$schema"), ==,
                   "https://json-schema.org/draft/2020-12/schema");
  g_assert_true (json_object_has_member (root, "properties"));

  /* the shipped file is exactly what the command prints */
  g_assert_cmpstr (result->out, ==, shipped);

  g_assert_cmpint (extra->status, ==, 2);
  g_assert_cmpstr (extra->out, ==, "");
}

/* ---- work folder ------------------------------------------------------------------------- */

static void
remove_work_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (work_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (work_dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the others still run. */
  g_test_set_nonfatal_assertions ();

  work_dir = g_dir_make_tmp ("sluice-test-cli-XXXXXX", &error);
  if (work_dir == NULL)
    g_error ("cannot make a work folder: %s", error->message);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/no-arguments", test_no_arguments);
  g_test_add_func ("/cli/unknown-command", test_unknown_command);

  g_test_add_func ("/cli/validate/examples", test_validate_examples);
  g_test_add_func ("/cli/validate/error", test_validate_error);
  g_test_add_func ("/cli/validate/load-error", test_validate_load_error);
  g_test_add_func ("/cli/validate/strict", test_validate_strict);
  g_test_add_func ("/cli/validate/json", test_validate_json);
  g_test_add_func ("/cli/validate/unknown-format", test_validate_unknown_format);
  g_test_add_func ("/cli/validate/missing-file", test_validate_missing_file);
  g_test_add_func ("/cli/validate/policy", test_validate_policy);
  g_test_add_func ("/cli/validate/invalid-policy", test_validate_invalid_policy);
  g_test_add_func ("/cli/validate/stdin", test_validate_stdin);
  g_test_add_func ("/cli/validate/several-files", test_validate_several_files);
  g_test_add_func ("/cli/validate/help", test_validate_help);

  g_test_add_func ("/cli/fmt/canonical", test_fmt_prints_canonical);
  g_test_add_func ("/cli/fmt/check", test_fmt_check);
  g_test_add_func ("/cli/fmt/write", test_fmt_write);
  g_test_add_func ("/cli/fmt/several-files", test_fmt_several_files_need_a_flag);
  g_test_add_func ("/cli/fmt/invalid", test_fmt_invalid_file);
  g_test_add_func ("/cli/fmt/help", test_fmt_help);

  g_test_add_func ("/cli/schema", test_schema);

  status = g_test_run ();

  remove_work_dir ();
  g_free (work_dir);

  return status;
}
