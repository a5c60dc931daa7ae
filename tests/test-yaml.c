/* test-yaml.c — what the YAML reader refuses and where, what the schema
 * reports, how plain scalars resolve and how strings are written back
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
#include "sluice-workflow.h"
#include "sluice-yaml-scalar.h"
#include "sluice-yaml-tree.h"
#include "sluice-yaml-writer.h"

#define HEAD \
  "apiVersion: sluice.dev/v1\n" \
  "kind: Workflow\n" \
  "metadata:\n" \
  "  name: t\n"

/* HEAD plus the smallest spec that loads; step lists go after it at line 10 */
#define SPEC \
  HEAD \
  "spec:\n" \
  "  trigger:\n" \
  "    type: event\n" \
  "    event: a.b\n" \
  "  entityKey: data.account\n"

/* ---- helpers -------------------------------------------------------------- */

/* The diagnostics as "rule line:column" lines, in the order they came. */
static char *
describe_diagnostics (SluiceDiagnostics *diagnostics)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_string_append_printf (out, "%s %u:%u\n", d->rule_id, d->line, d->column);
    }

  return g_string_free (out, FALSE);
}

/* Loads @text (of @length bytes, or up to its NUL when -1) and returns
 * what was reported; *@workflow gets the result when it is wanted. */
static SluiceDiagnostics *
load (const char      *text,
      gssize           length,
      SluiceWorkflow **workflow)
{
  SluiceDiagnostics *diagnostics = sluice_diagnostics_new ();
  SluiceWorkflow *result;

  result = sluice_workflow_load_from_data (text, length < 0 ? strlen (text) : (gsize) length, diagnostics);
  if (workflow != NULL)
    *workflow = result;
  else
    g_clear_object (&result);

  return diagnostics;
}

/* Asserts that @text fails to load with exactly @expected ("rule l:c\n"…). */
static SluiceDiagnostics *
assert_load_fails (const char *text,
                   gssize      length,
                   const char *expected)
{
  g_autoptr(SluiceWorkflow) workflow = NULL;
  SluiceDiagnostics *diagnostics = load (text, length, &workflow);
  g_autofree char *got = describe_diagnostics (diagnostics);

  g_assert_cmpstr (got, ==, expected);
  g_assert_null (workflow);

  return diagnostics;
}

static SluiceWorkflow *
assert_loads (const char *text)
{
  SluiceWorkflow *workflow = NULL;
  g_autoptr(SluiceDiagnostics) diagnostics = load (text, -1, &workflow);
  g_autofree char *got = describe_diagnostics (diagnostics);

  if (workflow == NULL)
    g_printerr ("%s", text);
  g_assert_cmpstr (got, ==, "");
  g_assert_nonnull (workflow);

  return workflow;
}

static const char *
message_at (SluiceDiagnostics *diagnostics,
            guint              i)
{
  g_assert_cmpuint (i, <, diagnostics->len);
  return ((SluiceDiagnostic *) g_ptr_array_index (diagnostics, i))->message;
}

static const char *
path_at (SluiceDiagnostics *diagnostics,
         guint              i)
{
  g_assert_cmpuint (i, <, diagnostics->len);
  return ((SluiceDiagnostic *) g_ptr_array_index (diagnostics, i))->path;
}

/* Reads @text with the bare tree reader: returns the root and checks the
 * diagnostics are @expected. */
static SluiceYamlNode *
read_tree (const char *text,
           gssize      length,
           const char *expected)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  SluiceYamlNode *root = sluice_yaml_read (text, length < 0 ? strlen (text) : (gsize) length, diagnostics);
  g_autofree char *got = describe_diagnostics (diagnostics);

  g_assert_cmpstr (got, ==, expected);
  return root;
}

/* ---- refused YAML features ------------------------------------------------ */

static void
test_duplicate_key (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;
  g_autoptr(SluiceYamlNode) root = NULL;

  /* the duplicate is reported, and so are the schema errors after it */
  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\n"
                                   "kind: Workflow\n"
                                   "kind: Workflow\n"
                                   "metadata:\n"
                                   "  name: T\n"
                                   "  versoin: 1\n",
                                   -1,
                                   "yaml/duplicate-key 3:1\n"
                                   "schema/format 5:9\n"
                                   "schema/unknown-key 6:3\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "Duplicate key “kind” (first defined at line 2); remove one of them");
  g_assert_cmpstr (path_at (diagnostics, 1), ==, "metadata.name");
  g_assert_cmpstr (path_at (diagnostics, 2), ==, "metadata.versoin");

  /* deeper down, in a step */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (SPEC
                                   "  steps:\n"
                                   "  - id: a\n"
                                   "    type: end\n"
                                   "    id: b\n",
                                   -1,
                                   "yaml/duplicate-key 13:5\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "Duplicate key “id” (first defined at line 11); remove one of them");

  /* the tree keeps reading; the first value wins for lookups */
  root = read_tree ("a: 1\nb: 2\na: 3\n", -1, "yaml/duplicate-key 3:1\n");
  g_assert_nonnull (root);
  g_assert_cmpstr (sluice_yaml_mapping_lookup (root, "a")->scalar, ==, "1");

  /* keys that differ only in quoting are the same key */
  g_clear_pointer (&root, sluice_yaml_node_free);
  root = read_tree ("a: 1\n\"a\": 2\n", -1, "yaml/duplicate-key 2:1\n");
  g_assert_nonnull (root);
}

static void
test_anchor (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\n"
                                   "kind: Workflow\n"
                                   "metadata: &m\n"
                                   "  name: t\n",
                                   -1, "yaml/anchor 3:11\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "Anchors (&m) are not supported; write the value out where it is used");

  /* on a scalar and on a sequence */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("apiVersion: &v sluice.dev/v1\n", -1, "yaml/anchor 1:13\n");
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD "  labels:\n    a: &x [b]\n", -1, "yaml/anchor 6:8\n");
}

static void
test_alias (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;
  g_autoptr(SluiceYamlNode) root = NULL;

  /* an alias needs an anchor first, and the anchor is what is reported:
   * reading stops there */
  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\n"
                                   "kind: Workflow\n"
                                   "metadata: &m\n"
                                   "  name: t\n"
                                   "other: *m\n",
                                   -1, "yaml/anchor 3:11\n");

  /* libyaml's parser does not resolve aliases, so one without an anchor
   * is not a syntax error: it is refused as an alias */
  root = read_tree ("a: *x\n", -1, "yaml/alias 1:4\n");
  g_assert_null (root);

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("apiVersion: *v\n", -1, "yaml/alias 1:13\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "Aliases (*v) are not supported; write the value out where it is used");

  /* in a sequence */
  g_clear_pointer (&root, sluice_yaml_node_free);
  root = read_tree ("- a\n- *b\n", -1, "yaml/alias 2:3\n");
  g_assert_null (root);
}

static void
test_tag (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails ("apiVersion: !!str sluice.dev/v1\n", -1, "yaml/tag 1:13\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "Tags (tag:yaml.org,2002:str) are not supported; quote the value if it is text");

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\nkind: !custom x\n", -1, "yaml/tag 2:7\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "Tags (!custom) are not supported; quote the value if it is text");

  /* a tag on a quoted scalar, a block mapping, a flow mapping, an empty value */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("apiVersion: !!str \"sluice.dev/v1\"\n", -1, "yaml/tag 1:13\n");
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\nkind: Workflow\nmetadata: !!map\n  name: t\n",
                                   -1, "yaml/tag 3:11\n");
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD "  labels: !!map {a: b}\n", -1, "yaml/tag 5:11\n");
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD "  labels:\n    a: !!str\n", -1, "yaml/tag 6:8\n");
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD "  labels: !!seq\n  - a\n", -1, "yaml/tag 5:11\n");
}

/* Regression: the non-specific tag "!" on a scalar is dropped silently: libyaml
 * reports it as plain_implicit, so `kind: ! Workflow` loads, and
 * `title: ! 80` (the string "80" in YAML) is read as an integer. */
static void
test_regression_non_specific_tag (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\nkind: ! Workflow\nmetadata:\n  name: t\n",
                                   -1, "yaml/tag 2:7\n");
}

static void
test_merge_key (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails (HEAD "  <<: {description: x}\n", -1, "yaml/merge-key 5:3\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "Merge keys (<<) are not supported; write the keys out in full");

  /* a quoted "<<" is an ordinary (here: unknown) key */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD "  \"<<\": x\n", -1, "schema/unknown-key 5:3\n");
}

static void
test_tab (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;

  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\nkind: Workflow\nmetadata:\n\tname: t\n",
                                   -1, "yaml/tab 4:1\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "Tabs cannot be used for indentation in YAML; indent with spaces");

  /* after some spaces of indentation: the column is the tab's */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\nkind: Workflow\nmetadata:\n  \tname: t\n",
                                   -1, "yaml/tab 4:3\n");

  /* the first line, before a sequence item */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("\t- a\n", -1, "yaml/tab 1:1\n");

  /* a tab inside a quoted string, and as the space after a colon, is fine */
  workflow = assert_loads (HEAD "  description: \"a\tb\"\n  version:\t3\n");
  g_assert_cmpstr (sluice_workflow_get_description (workflow), ==, "a\tb");
  g_assert_cmpint (sluice_workflow_get_version (workflow), ==, 3);
}

/* Regression: a tab in the *content* of a block scalar, after its indentation, is
 * text (libyaml reads it), but the pre-scan reports it as indentation. */
static void
test_regression_tab_in_block_scalar (void)
{
  g_autoptr(SluiceWorkflow) workflow = NULL;

  workflow = assert_loads (HEAD
                           "  description: |\n"
                           "    columns:\n"
                           "    \tname\tvalue\n");
  g_assert_cmpstr (sluice_workflow_get_description (workflow), ==, "columns:\n\tname\tvalue\n");
}

static char *
repeat (const char *text,
        guint       n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (out, text);
  return g_string_free (out, FALSE);
}

static void
test_too_deep_flow (void)
{
  g_autofree char *ok_open = repeat ("[", SLUICE_YAML_MAX_DEPTH);
  g_autofree char *ok_close = repeat ("]", SLUICE_YAML_MAX_DEPTH);
  g_autofree char *ok = g_strconcat (ok_open, ok_close, "\n", NULL);
  g_autofree char *deep_open = repeat ("[", SLUICE_YAML_MAX_DEPTH + 1);
  g_autofree char *deep_close = repeat ("]", SLUICE_YAML_MAX_DEPTH + 1);
  g_autofree char *deep = g_strconcat (deep_open, deep_close, "\n", NULL);
  g_autofree char *mixed = NULL;
  g_autoptr(SluiceYamlNode) root = NULL;
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;
  g_autofree char *expected = NULL;
  SluiceYamlNode *node;
  guint depth = 0;

  /* exactly the limit is fine */
  root = read_tree (ok, -1, "");
  g_assert_nonnull (root);
  node = root;
  while (node != NULL && node->kind == SLUICE_YAML_SEQUENCE && sluice_yaml_node_n_children (node) > 0)
    {
      node = g_ptr_array_index (node->children, 0);
      depth++;
    }
  g_assert_nonnull (node);
  g_assert_cmpuint (depth, ==, SLUICE_YAML_MAX_DEPTH - 1);
  g_assert_cmpuint (node->kind, ==, SLUICE_YAML_SEQUENCE);
  g_clear_pointer (&root, sluice_yaml_node_free);

  /* one more is refused where it opens */
  expected = g_strdup_printf ("yaml/too-deep 1:%d\n", SLUICE_YAML_MAX_DEPTH + 1);
  root = read_tree (deep, -1, expected);
  g_assert_null (root);

  /* in a workflow, at the position of the first collection too deep */
  mixed = g_strconcat (HEAD "  labels: ", deep_open, deep_close, "\n", NULL);
  g_free (expected);
  /* metadata and labels are two levels already */
  expected = g_strdup_printf ("yaml/too-deep 5:%d\n", 11 + SLUICE_YAML_MAX_DEPTH - 2);
  diagnostics = assert_load_fails (mixed, -1, expected);
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "The document nests deeper than 64 levels");
}

static void
test_too_deep_block (void)
{
  GString *text = g_string_new (NULL);
  g_autofree char *doc = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(SluiceYamlNode) root = NULL;
  guint n = SLUICE_YAML_MAX_DEPTH + 1;

  /* n nested block mappings: mapping i (1-based) starts at line i,
   * column 2(i-1)+1 */
  for (guint i = 0; i < n; i++)
    {
      for (guint j = 0; j < i; j++)
        g_string_append (text, "  ");
      g_string_append (text, i + 1 < n ? "a:\n" : "a: x\n");
    }
  doc = g_string_free (text, FALSE);

  expected = g_strdup_printf ("yaml/too-deep %u:%u\n", n, 2 * (n - 1) + 1);
  root = read_tree (doc, -1, expected);
  g_assert_null (root);

  /* block sequences of block sequences: "- - - x" */
  g_clear_pointer (&doc, g_free);
  {
    g_autofree char *dashes = repeat ("- ", n);

    doc = g_strconcat (dashes, "x\n", NULL);
  }
  g_free (expected);
  expected = g_strdup_printf ("yaml/too-deep 1:%u\n", 2 * (n - 1) + 1);
  root = read_tree (doc, -1, expected);
  g_assert_null (root);
}

/* A hundred thousand open brackets: refused at the limit, without
 * recursing (a stack overflow would crash the test). */
static void
test_too_deep_huge (void)
{
  g_autofree char *brackets = repeat ("[", 100000);
  g_autofree char *braces = repeat ("{a: ", 100000);
  g_autofree char *expected = g_strdup_printf ("yaml/too-deep 1:%d\n", SLUICE_YAML_MAX_DEPTH + 1);
  g_autofree char *expected_braces = g_strdup_printf ("yaml/too-deep 1:%d\n", 4 * SLUICE_YAML_MAX_DEPTH + 1);
  g_autoptr(SluiceYamlNode) root = NULL;
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  root = read_tree (brackets, -1, expected);
  g_assert_null (root);
  root = read_tree (braces, -1, expected_braces);
  g_assert_null (root);

  diagnostics = assert_load_fails (brackets, -1, expected);
}

static void
test_encoding (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  /* Latin-1 "café": the é is the 19th character of line 5 */
  diagnostics = assert_load_fails (HEAD "  description: caf\xe9\n", -1, "yaml/encoding 5:19\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "The text is not valid UTF-8 (byte 0xe9); save the file as UTF-8");

  /* columns count characters: "  description: ü" is 16 of them */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD "  description: \xc3\xbc\xff\n", -1, "yaml/encoding 5:17\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "The text is not valid UTF-8 (byte 0xff); save the file as UTF-8");

  /* the first byte, and a truncated sequence at the very end */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("\x80" "apiVersion: x\n", -1, "yaml/encoding 1:1\n");
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("a: \xe6\x97", -1, "yaml/encoding 1:4\n");

  /* UTF-16 is not UTF-8 either */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("\xff\xfe" "a\0:\0", 6, "yaml/encoding 1:1\n");
}

static void
test_nul (void)
{
  static const char text[] = HEAD "  description: a\0b\n";
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  /* "  description: a" is 16 characters: the NUL is the 17th */
  diagnostics = assert_load_fails (text, sizeof text - 1, "yaml/encoding 5:17\n");

  /* a NUL as the very first byte */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("\0", 1, "yaml/encoding 1:1\n");
}

/* Regression: sluice_yaml_read() documents (and g_return_val_if_fail allows)
 * text == NULL with length 0, but passes it on to libyaml, whose
 * yaml_parser_set_input_string() asserts `input` and aborts. */
static void
test_regression_read_null_text (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceYamlNode) root = sluice_yaml_read (NULL, 0, diagnostics);

  g_assert_nonnull (root);
  g_assert_cmpuint (root->kind, ==, SLUICE_YAML_MAPPING);
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

/* Regression: g_utf8_validate() stops at a NUL, so the "contains a NUL character"
 * branch of check_text() is never reached and a NUL is reported as
 * "not valid UTF-8 (byte 0x00); save the file as UTF-8". */
static void
test_regression_nul_message (void)
{
  static const char text[] = HEAD "  description: a\0b\n";
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails (text, sizeof text - 1, "yaml/encoding 5:17\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "The text contains a NUL character; workflows are plain text");
}

static void
test_too_large (void)
{
  GString *text = g_string_new (SPEC);
  g_autofree char *doc = NULL;
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;
  gsize length;

  /* a comment pads the document to exactly the limit: that loads */
  g_string_append_c (text, '#');
  while (text->len < SLUICE_YAML_MAX_SIZE - 1)
    g_string_append_c (text, 'x');
  g_string_append_c (text, '\n');
  g_assert_cmpuint (text->len, ==, SLUICE_YAML_MAX_SIZE);
  length = text->len;
  doc = g_string_free (text, FALSE);

  diagnostics = load (doc, length, &workflow);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_nonnull (workflow);

  /* one byte more does not; even if the extra byte is nonsense, nothing
   * else is looked at */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  doc = g_realloc (doc, length + 2);
  doc[length] = '\xff';
  doc[length + 1] = '\0';
  diagnostics = assert_load_fails (doc, length + 1, "yaml/too-large 0:0\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "The document is 4194305 bytes; workflows are limited to 4194304 bytes");
}

static void
test_multiple_documents (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;

  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\nkind: Workflow\n---\napiVersion: sluice.dev/v1\n",
                                   -1, "yaml/multiple-documents 3:1\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "A workflow file holds one document; move the part after “---” into its own file");

  /* both explicit */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("---\na: 1\n---\nb: 2\n", -1, "yaml/multiple-documents 3:1\n");

  /* an empty second document still counts */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (SPEC "---\n", -1, "yaml/multiple-documents 10:1\n");

  /* one explicit document, with its end marker, is fine */
  workflow = assert_loads ("---\n" SPEC "...\n");
  g_assert_cmpstr (sluice_workflow_get_name (workflow), ==, "t");
}

static void
test_complex_key (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\nkind: Workflow\n? [a]\n: b\n",
                                   -1, "yaml/complex-key 3:3\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "Mapping keys must be plain text, not a list");

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\nkind: Workflow\n[a]: b\n",
                                   -1, "yaml/complex-key 3:1\n");

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\n{a: b}: c\n",
                                   -1, "yaml/complex-key 2:1\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "Mapping keys must be plain text, not a mapping");

  /* "? key" with a scalar is an ordinary key */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD "? versoin\n: 1\n", -1, "schema/unknown-key 5:3\n");
}

static void
test_syntax (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\nkind: Workflow\nmetadata:\n  name: [t\n",
                                   -1, "yaml/syntax 5:1\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "Invalid YAML: did not find expected ',' or ']' while parsing a flow sequence (line 4)");

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("key: \"unterminated\n", -1, "yaml/syntax 2:1\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "Invalid YAML: found unexpected end of stream while scanning a quoted scalar (line 1)");

  /* a bad indentation */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\n kind: Workflow\n", -1, "yaml/syntax 2:6\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "Invalid YAML: mapping values are not allowed in this context");

  /* a tab that is not indentation but cannot start a token either */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("- \tx\n", -1, "yaml/syntax 1:3\n");
}

static void
test_empty_document (void)
{
  g_autoptr(SluiceYamlNode) root = NULL;
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  /* nothing, a comment, an explicit empty document: an empty mapping */
  root = read_tree ("", 0, "");
  g_assert_nonnull (root);
  g_assert_cmpuint (root->kind, ==, SLUICE_YAML_MAPPING);
  g_assert_cmpuint (sluice_yaml_mapping_size (root), ==, 0);
  g_assert_cmpuint (root->line, ==, 1);
  g_assert_cmpuint (root->column, ==, 1);
  g_clear_pointer (&root, sluice_yaml_node_free);

  root = read_tree ("# nothing here\n", -1, "");
  g_assert_cmpuint (root->kind, ==, SLUICE_YAML_MAPPING);
  g_clear_pointer (&root, sluice_yaml_node_free);

  root = read_tree ("---\n", -1, "");
  g_assert_nonnull (root);
  /* "---" with no content is a null scalar, not an empty mapping */
  g_assert_cmpuint (root->kind, ==, SLUICE_YAML_SCALAR);
  g_assert_cmpstr (root->scalar, ==, "");

  /* as a workflow: both header keys are missing */
  diagnostics = assert_load_fails ("", 0, "schema/required 1:1\nschema/required 1:1\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "The document has no “apiVersion”; a workflow starts with “apiVersion: sluice.dev/v1” and “kind: Workflow”");
  g_assert_cmpstr (message_at (diagnostics, 1), ==,
                   "The document has no “kind”; a workflow starts with “apiVersion: sluice.dev/v1” and “kind: Workflow”");
}

static void
test_not_a_mapping (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails ("- apiVersion: sluice.dev/v1\n- kind: Workflow\n", -1, "schema/type 1:1\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "A workflow is a mapping that starts with apiVersion and kind, not a list");

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("\n\n  hello\n", -1, "schema/type 3:3\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "A workflow is a mapping that starts with apiVersion and kind, not a string");

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("42\n", -1, "schema/type 1:1\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "A workflow is a mapping that starts with apiVersion and kind, not an integer");

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  /* the empty scalar of "---" sits on the line after it */
  diagnostics = assert_load_fails ("---\n", -1, "schema/type 2:1\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "A workflow is a mapping that starts with apiVersion and kind, not null");
}

static void
test_missing_header (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails ("kind: Workflow\nmetadata:\n  name: t\n", -1, "schema/required 1:1\n");
  g_assert_nonnull (strstr (message_at (diagnostics, 0), "no “apiVersion”"));

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("metadata:\n  name: t\napiVersion: sluice.dev/v1\n", -1, "schema/required 1:1\n");
  g_assert_nonnull (strstr (message_at (diagnostics, 0), "no “kind”"));

  /* present but wrong */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v2\nkind: Workflow\n", -1, "schema/enum 1:13\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "“apiVersion” cannot be “sluice.dev/v2”; did you mean “sluice.dev/v1”? (choices: sluice.dev/v1)");

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails ("apiVersion: sluice.dev/v1\nkind: Policy\n", -1, "schema/enum 2:7\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "“kind” cannot be “Policy”; choose one of: Workflow");
}

/* ---- schema errors ---------------------------------------------------------- */

static void
test_schema_unknown_key (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails (SPEC "  saftey:\n    cooldown: 1d\n", -1, "schema/unknown-key 10:3\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "Unknown key “saftey”; did you mean “safety”?");
  g_assert_cmpstr (path_at (diagnostics, 0), ==, "spec.saftey");

  /* in a step: the message names the step type */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (SPEC
                                   "  steps:\n"
                                   "  - id: n\n"
                                   "    type: notify\n"
                                   "    subjet: Hello\n"
                                   "    zzzzzzzz: 1\n",
                                   -1,
                                   "schema/unknown-key 13:5\n"
                                   "schema/unknown-key 14:5\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "Unknown key “subjet” for a step of type notify; did you mean “subject”?");
  g_assert_cmpstr (path_at (diagnostics, 0), ==, "spec.steps[0].subjet");
  g_assert_cmpstr (message_at (diagnostics, 1), ==, "Unknown key “zzzzzzzz” for a step of type notify");

  /* nothing close enough: no suggestion */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD "  colour: red\n", -1, "schema/unknown-key 5:3\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "Unknown key “colour”");

  /* an edge that the step type does not have */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (SPEC
                                   "  steps:\n"
                                   "  - id: stop\n"
                                   "    type: end\n"
                                   "    next: stop\n",
                                   -1, "schema/unknown-key 13:5\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "Unknown key “next” for a step of type end");
}

static void
test_schema_types (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;

  /* "2" is text because it is quoted */
  diagnostics = assert_load_fails (HEAD "  version: \"2\"\n", -1, "schema/type 5:12\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "“version” must be a whole number, not a string");
  g_assert_cmpstr (path_at (diagnostics, 0), ==, "metadata.version");

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD "  version: 2.0\n", -1, "schema/type 5:12\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "“version” must be a whole number, not a number");

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD "  version: [2]\n", -1, "schema/type 5:12\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "“version” must be a whole number, not a list");

  /* a number where text is expected: the message says how to quote it */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (SPEC
                                   "  steps:\n"
                                   "  - id: r\n"
                                   "    type: record\n"
                                   "    title: 80\n"
                                   "    detail: 1.0\n"
                                   "    category: null\n",
                                   -1,
                                   "schema/type 13:12\n"
                                   "schema/type 14:13\n"
                                   "schema/type 15:15\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "“title” must be text, not an integer; write \"80\" to keep it as text");
  g_assert_cmpstr (message_at (diagnostics, 1), ==,
                   "“detail” must be text, not a number; write \"1.0\" to keep it as text");
  g_assert_cmpstr (message_at (diagnostics, 2), ==,
                   "“category” must be text, not null; write \"null\" to keep it as text");

  /* a list where a string goes, a string where a list goes, a multi-line
   * string in a one-line field */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (SPEC
                                   "  steps:\n"
                                   "  - id: n\n"
                                   "    type: notify\n"
                                   "    channel: [email]\n"
                                   "    to: owner@example.com\n"
                                   "    subject: |\n"
                                   "      two\n"
                                   "      lines\n"
                                   "    message: hi\n",
                                   -1,
                                   "schema/type 13:14\n"
                                   "schema/type 14:9\n"
                                   "schema/type 15:14\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "“channel” must be one of its choices, not a list");
  g_assert_cmpstr (message_at (diagnostics, 1), ==, "“to” must be a list, not a string");
  g_assert_cmpstr (message_at (diagnostics, 2), ==, "“subject” must be a single line");

  /* quoted numbers are fine where text is expected */
  workflow = assert_loads (SPEC
                           "  steps:\n"
                           "  - id: r\n"
                           "    type: record\n"
                           "    title: \"80\"\n");
  g_assert_cmpstr (sluice_step_get_string (sluice_workflow_lookup_step (workflow, "r"), "title"), ==, "80");
}

static void
test_schema_enum (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails (SPEC
                                   "  steps:\n"
                                   "  - id: w\n"
                                   "    type: webhook\n"
                                   "    method: post\n"
                                   "    url: https://example.com/\n"
                                   "  safety:\n"
                                   "    retries:\n"
                                   "      backoff: expo\n",
                                   -1,
                                   "schema/enum 13:13\n"
                                   "schema/enum 17:16\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "“method” cannot be “post”; did you mean “POST”? (choices: GET, POST, PUT, PATCH, DELETE)");
  g_assert_cmpstr (path_at (diagnostics, 0), ==, "spec.steps[0].method");
  g_assert_cmpstr (message_at (diagnostics, 1), ==,
                   "“backoff” cannot be “expo”; choose one of: none, fixed, exponential");
  g_assert_cmpstr (path_at (diagnostics, 1), ==, "spec.safety.retries.backoff");

  /* filter ops are an enum too */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD
                                   "spec:\n"
                                   "  trigger:\n"
                                   "    type: event\n"
                                   "    event: a.b\n"
                                   "    filters:\n"
                                   "    - path: data.a\n"
                                   "      op: gtee\n"
                                   "      value: 1\n",
                                   -1, "schema/enum 11:11\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "“op” cannot be “gtee”; did you mean “gte”? (choices: eq, ne, gt, gte, lt, lte, in, not_in, exists, contains, matches, within, changed)");
}

static void
test_schema_duration (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autofree char *yaml = NULL;

  diagnostics = assert_load_fails (SPEC
                                   "  steps:\n"
                                   "  - id: d\n"
                                   "    type: delay\n"
                                   "    duration: 1.5h\n"
                                   "  - id: e\n"
                                   "    type: delay\n"
                                   "    duration: 7\n"
                                   "  - id: f\n"
                                   "    type: delay\n"
                                   "    duration: \"\"\n"
                                   "  - id: g\n"
                                   "    type: delay\n"
                                   "    duration: {}\n",
                                   -1,
                                   "schema/format 13:15\n"
                                   "schema/format 16:15\n"
                                   "schema/format 19:15\n"
                                   "schema/type 22:15\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "“1.5h” is not a duration; write a number and a unit (ms, s, m, h, d, w), e.g. 30s, 15m or 7d");
  g_assert_cmpstr (message_at (diagnostics, 3), ==, "“duration” must be a duration, not a mapping");

  /* durations are kept in their canonical spelling */
  workflow = assert_loads (SPEC
                           "  safety:\n"
                           "    cooldown: 1w\n"
                           "    timeout: 90m\n"
                           "    retries:\n"
                           "      delay: \"60s\"\n");
  yaml = sluice_workflow_to_yaml (workflow);
  g_assert_nonnull (strstr (yaml,
                            "  safety:\n"
                            "    cooldown: 7d\n"
                            "    timeout: 1h30m\n"
                            "    retries:\n"
                            "      delay: 1m\n"));
}

static void
test_schema_identifier (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = load (SPEC
                      "  steps:\n"
                      "  - id: Bad_Id\n"
                      "    type: end\n",
                      -1, NULL);
  g_assert_true (diagnostics->len >= 1);
  g_assert_cmpstr (((SluiceDiagnostic *) g_ptr_array_index (diagnostics, 0))->rule_id, ==, "schema/format");
  g_assert_cmpuint (((SluiceDiagnostic *) g_ptr_array_index (diagnostics, 0))->line, ==, 11);
  g_assert_cmpuint (((SluiceDiagnostic *) g_ptr_array_index (diagnostics, 0))->column, ==, 9);
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "“Bad_Id” is not a valid name: use lower-case letters, digits and dashes (at most 63), e.g. notify-owner");
  g_clear_pointer (&diagnostics, g_ptr_array_unref);

  /* a step reference, a trailing dash, a name that is too long */
  diagnostics = assert_load_fails (SPEC
                                   "  steps:\n"
                                   "  - id: a\n"
                                   "    type: delay\n"
                                   "    duration: 1s\n"
                                   "    next: Next\n"
                                   "  - id: b\n"
                                   "    type: delay\n"
                                   "    duration: 1s\n"
                                   "    next: b-\n"
                                   "  - id: c\n"
                                   "    type: delay\n"
                                   "    duration: 1s\n"
                                   "    next: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
                                   -1,
                                   "schema/format 14:11\n"
                                   "schema/format 18:11\n"
                                   "schema/format 22:11\n");

  /* 63 characters is the longest name */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = load (SPEC
                      "  steps:\n"
                      "  - id: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
                      "    type: end\n",
                      -1, NULL);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  /* a path */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD
                                   "spec:\n"
                                   "  trigger:\n"
                                   "    type: event\n"
                                   "    event: a.b\n"
                                   "  entityKey: data[0]x\n",
                                   -1, "schema/format 9:14\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "“data[0]x” is not a field path; write names joined by dots, e.g. data.account or data.contacts[0].email");
}

/* Regression: a step whose id is present but malformed is also reported as having
 * no id at all ("The step has no “id”"), which is not true. */
static void
test_regression_invalid_id_reported_missing (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails (SPEC
                                   "  steps:\n"
                                   "  - id: Bad_Id\n"
                                   "    type: end\n",
                                   -1, "schema/format 11:9\n");
}

static void
test_schema_range (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;

  diagnostics = assert_load_fails (SPEC
                                   "  steps:\n"
                                   "  - id: a\n"
                                   "    type: foreach\n"
                                   "    items: data.x\n"
                                   "    cap: 100001\n"
                                   "  - id: b\n"
                                   "    type: foreach\n"
                                   "    items: data.x\n"
                                   "    cap: 0\n"
                                   "  safety:\n"
                                   "    maxFanOut: 0\n"
                                   "    retries:\n"
                                   "      max: 21\n"
                                   "    rateLimits:\n"
                                   "    - limit: -1\n"
                                   "      per: 1m\n",
                                   -1,
                                   "schema/range 14:10\n"
                                   "schema/range 18:10\n"
                                   "schema/range 20:16\n"
                                   "schema/range 22:12\n"
                                   "schema/range 24:14\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "“cap” must be between 1 and 100000");
  g_assert_cmpstr (message_at (diagnostics, 2), ==, "“maxFanOut” must be at least 1");
  g_assert_cmpstr (message_at (diagnostics, 3), ==, "“max” must be between 0 and 20");
  g_assert_cmpstr (path_at (diagnostics, 4), ==, "spec.safety.rateLimits[0].limit");

  /* a number too big for 64 bits is not an integer at all */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (HEAD "  version: 99999999999999999999\n", -1, "schema/type 5:12\n");

  /* the bounds themselves are fine */
  workflow = assert_loads (SPEC
                           "  steps:\n"
                           "  - id: a\n"
                           "    type: foreach\n"
                           "    items: data.x\n"
                           "    cap: 100000\n"
                           "  - id: b\n"
                           "    type: foreach\n"
                           "    items: data.x\n"
                           "    cap: 1\n"
                           "  safety:\n"
                           "    retries:\n"
                           "      max: 0\n");
}

static void
test_schema_step_type (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails (SPEC
                                   "  steps:\n"
                                   "  - id: a\n"
                                   "    type: notfy\n"
                                   "  - id: b\n"
                                   "    type: qqqqqqqqq\n"
                                   "  - id: c\n",
                                   -1,
                                   "schema/unknown-step-type 12:11\n"
                                   "schema/unknown-step-type 14:11\n"
                                   "schema/required 15:5\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "Unknown step type “notfy”; did you mean “notify”?");
  g_assert_cmpstr (path_at (diagnostics, 0), ==, "spec.steps[0]");
  g_assert_cmpstr (message_at (diagnostics, 1), ==, "Unknown step type “qqqqqqqqq”");
  g_assert_cmpstr (message_at (diagnostics, 2), ==,
                   "The step has no “type”; say what kind of step it is, e.g. type: notify");

  /* a step that is not a mapping */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = assert_load_fails (SPEC "  steps:\n  - notify\n", -1, "schema/type 11:5\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==, "“steps[0]” must be a mapping, not a string");
}

static void
test_schema_trigger_type (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;

  diagnostics = assert_load_fails (HEAD
                                   "spec:\n"
                                   "  trigger:\n"
                                   "    type: notify\n"
                                   "  entityKey: data.account\n",
                                   -1, "schema/trigger-type 7:11\n");
  g_assert_cmpstr (message_at (diagnostics, 0), ==,
                   "The trigger must be an event or schedule trigger, not “notify”");
  g_assert_cmpstr (path_at (diagnostics, 0), ==, "spec.trigger");

  /* the trigger's id may be left out: it is "trigger" */
  workflow = assert_loads (HEAD
                           "spec:\n"
                           "  trigger:\n"
                           "    type: schedule\n"
                           "    cron: 0 9 * * 1-5\n"
                           "  entityKey: data.account\n");
  g_assert_cmpstr (sluice_step_get_id (sluice_workflow_get_trigger (workflow)), ==, "trigger");
}

static void
test_schema_boolean (void)
{
  static const char * const refused[] = { "yes", "no", "on", "off", "y", "\"true\"", "1", "~", NULL };
  g_autoptr(SluiceWorkflow) workflow = NULL;

  for (guint i = 0; refused[i] != NULL; i++)
    {
      g_autofree char *text = g_strdup_printf (SPEC
                                               "  steps:\n"
                                               "  - id: j\n"
                                               "    type: job\n"
                                               "    job: x\n"
                                               "    wait: %s\n",
                                               refused[i]);
      g_autofree char *message = NULL;
      g_autoptr(SluiceDiagnostics) diagnostics = assert_load_fails (text, -1, "schema/type 14:11\n");
      g_autofree char *unquoted = g_strdup (refused[i]);

      if (unquoted[0] == '"')
        {
          memmove (unquoted, unquoted + 1, strlen (unquoted));
          unquoted[strlen (unquoted) - 1] = '\0';
        }
      message = g_strdup_printf ("“wait” must be true or false, not “%s”", unquoted);
      g_assert_cmpstr (message_at (diagnostics, 0), ==, message);
    }

  /* YAML 1.2 spellings of true and false */
  workflow = assert_loads (SPEC
                           "  steps:\n"
                           "  - id: j\n"
                           "    type: job\n"
                           "    job: x\n"
                           "    wait: True\n"
                           "  - id: k\n"
                           "    type: job\n"
                           "    job: x\n"
                           "    wait: FALSE\n");
  g_assert_true (json_node_get_boolean (sluice_step_get_member (sluice_workflow_lookup_step (workflow, "j"), "wait")));
  g_assert_false (json_node_get_boolean (sluice_step_get_member (sluice_workflow_lookup_step (workflow, "k"), "wait")));
}

static void
test_schema_positions (void)
{
  g_autoptr(SluiceWorkflow) workflow = NULL;
  SluiceSourcePosition position;

  workflow = assert_loads (SPEC
                           "  steps:\n"
                           "  - id: w\n"
                           "    type: webhook\n"
                           "    url: https://example.com/\n"
                           "    headers:\n"
                           "      X-Tag: \"ünïcödé {{ data.x }}\"\n");

  g_assert_true (sluice_workflow_lookup_position (workflow, "spec.steps[0].url", &position));
  g_assert_cmpuint (position.line, ==, 13);
  g_assert_cmpuint (position.column, ==, 10);

  /* columns count characters, and a map entry has its own position */
  g_assert_true (sluice_workflow_lookup_position (workflow, "spec.steps[0].headers.X-Tag", &position));
  g_assert_cmpuint (position.line, ==, 15);
  g_assert_cmpuint (position.column, ==, 14);

  /* a field that is not written falls back to its step */
  g_assert_true (sluice_workflow_lookup_position (workflow, "spec.steps[0].body", &position));
  g_assert_cmpuint (position.line, ==, 11);
  g_assert_cmpuint (position.column, ==, 5);

  g_assert_true (sluice_workflow_lookup_position (workflow, "spec.trigger.event", &position));
  g_assert_cmpuint (position.line, ==, 8);
  g_assert_cmpuint (position.column, ==, 12);

  /* after an edit, positions are gone */
  sluice_workflow_set_name (workflow, "u");
  g_assert_false (sluice_workflow_lookup_position (workflow, "spec.steps[0].url", &position));
}

/* ---- scalar resolution ------------------------------------------------------ */

static void
assert_resolves (const char       *text,
                 SluiceScalarType  type)
{
  SluiceScalarValue value = { 0 };

  if (sluice_yaml_resolve_plain (text, &value) != type)
    g_error ("“%s” resolves as %d, expected %d", text, sluice_yaml_resolve_plain (text, NULL), type);
}

static void
assert_resolves_int (const char *text,
                     gint64      expected)
{
  SluiceScalarValue value = { 0 };

  if (sluice_yaml_resolve_plain (text, &value) != SLUICE_SCALAR_INT)
    g_error ("“%s” is not an integer", text);
  g_assert_cmpint (value.integer, ==, expected);
}

static void
assert_resolves_float (const char *text,
                       double      expected)
{
  SluiceScalarValue value = { 0 };

  if (sluice_yaml_resolve_plain (text, &value) != SLUICE_SCALAR_FLOAT)
    g_error ("“%s” is not a float", text);
  if (isnan (expected))
    g_assert_true (isnan (value.number));
  else
    g_assert_cmpfloat (value.number, ==, expected);
}

static void
assert_resolves_bool (const char *text,
                      gboolean    expected)
{
  SluiceScalarValue value = { 0 };

  if (sluice_yaml_resolve_plain (text, &value) != SLUICE_SCALAR_BOOL)
    g_error ("“%s” is not a boolean", text);
  g_assert_cmpint (value.boolean, ==, expected);
}

static void
test_resolve_null (void)
{
  assert_resolves ("", SLUICE_SCALAR_NULL);
  assert_resolves ("~", SLUICE_SCALAR_NULL);
  assert_resolves ("null", SLUICE_SCALAR_NULL);
  assert_resolves ("Null", SLUICE_SCALAR_NULL);
  assert_resolves ("NULL", SLUICE_SCALAR_NULL);
  assert_resolves ("nULL", SLUICE_SCALAR_STRING);
  assert_resolves ("nul", SLUICE_SCALAR_STRING);
  assert_resolves ("~~", SLUICE_SCALAR_STRING);
}

static void
test_resolve_bool (void)
{
  assert_resolves_bool ("true", TRUE);
  assert_resolves_bool ("True", TRUE);
  assert_resolves_bool ("TRUE", TRUE);
  assert_resolves_bool ("false", FALSE);
  assert_resolves_bool ("False", FALSE);
  assert_resolves_bool ("FALSE", FALSE);

  /* YAML 1.1 booleans are text in YAML 1.2 */
  assert_resolves ("tRUE", SLUICE_SCALAR_STRING);
  assert_resolves ("yes", SLUICE_SCALAR_STRING);
  assert_resolves ("no", SLUICE_SCALAR_STRING);
  assert_resolves ("on", SLUICE_SCALAR_STRING);
  assert_resolves ("off", SLUICE_SCALAR_STRING);
  assert_resolves ("y", SLUICE_SCALAR_STRING);
  assert_resolves ("n", SLUICE_SCALAR_STRING);
  assert_resolves ("Yes", SLUICE_SCALAR_STRING);
}

static void
test_resolve_int (void)
{
  assert_resolves_int ("0", 0);
  assert_resolves_int ("42", 42);
  assert_resolves_int ("-17", -17);
  assert_resolves_int ("+5", 5);
  assert_resolves_int ("-0", 0);
  /* YAML 1.2 core: leading zeros are still decimal */
  assert_resolves_int ("0123", 123);
  assert_resolves_int ("007", 7);
  assert_resolves_int ("0x1F", 31);
  assert_resolves_int ("0xff", 255);
  assert_resolves_int ("0o17", 15);
  assert_resolves_int ("0o0", 0);
  assert_resolves_int ("9223372036854775807", G_MAXINT64);
  assert_resolves_int ("-9223372036854775807", -G_MAXINT64);
  assert_resolves_int ("0x7fffffffffffffff", G_MAXINT64);

  /* not integers */
  assert_resolves ("0x", SLUICE_SCALAR_STRING);
  assert_resolves ("0xG", SLUICE_SCALAR_STRING);
  assert_resolves ("0o8", SLUICE_SCALAR_STRING);
  assert_resolves ("0o", SLUICE_SCALAR_STRING);
  assert_resolves ("-0x1F", SLUICE_SCALAR_STRING);
  assert_resolves ("+0o7", SLUICE_SCALAR_STRING);
  assert_resolves ("0b101", SLUICE_SCALAR_STRING);
  assert_resolves ("1_000", SLUICE_SCALAR_STRING);
  assert_resolves ("1:30", SLUICE_SCALAR_STRING);
  assert_resolves ("12abc", SLUICE_SCALAR_STRING);
  assert_resolves ("+", SLUICE_SCALAR_STRING);
  assert_resolves ("-", SLUICE_SCALAR_STRING);
  assert_resolves (" 1", SLUICE_SCALAR_STRING);
  assert_resolves ("2001-12-14", SLUICE_SCALAR_STRING);

  /* too big for 64 bits: still a number, as a float */
  assert_resolves_float ("9223372036854775808", 9223372036854775808.0);
}

/* Regression: parse_int() negates after parsing the digits, so the smallest
 * 64-bit integer overflows and becomes a float: an int value of G_MININT64
 * is written as -9223372036854775808 and read back as -9.2233720368547758e+18. */
static void
test_regression_resolve_int_min (void)
{
  assert_resolves_int ("-9223372036854775808", G_MININT64);
}

static void
test_resolve_float (void)
{
  assert_resolves_float ("1.0", 1.0);
  assert_resolves_float (".5", 0.5);
  assert_resolves_float ("-.5", -0.5);
  assert_resolves_float ("+1.5", 1.5);
  assert_resolves_float ("1.", 1.0);
  assert_resolves_float ("1e3", 1000.0);
  assert_resolves_float ("1E3", 1000.0);
  assert_resolves_float ("1.5e-3", 0.0015);
  assert_resolves_float ("-2e+2", -200.0);
  assert_resolves_float ("0.1", 0.1);
  assert_resolves_float (".inf", INFINITY);
  assert_resolves_float (".Inf", INFINITY);
  assert_resolves_float ("+.INF", INFINITY);
  assert_resolves_float ("-.inf", -INFINITY);
  assert_resolves_float (".nan", NAN);
  assert_resolves_float (".NaN", NAN);
  assert_resolves_float (".NAN", NAN);

  assert_resolves (".", SLUICE_SCALAR_STRING);
  assert_resolves ("1e", SLUICE_SCALAR_STRING);
  assert_resolves ("e3", SLUICE_SCALAR_STRING);
  assert_resolves ("1.2.3", SLUICE_SCALAR_STRING);
  assert_resolves ("-.nan", SLUICE_SCALAR_STRING);
  assert_resolves ("inf", SLUICE_SCALAR_STRING);
  assert_resolves ("nan", SLUICE_SCALAR_STRING);
  assert_resolves (".infinity", SLUICE_SCALAR_STRING);
  assert_resolves ("1.0.", SLUICE_SCALAR_STRING);
  assert_resolves ("1,5", SLUICE_SCALAR_STRING);
}

static void
test_needs_quotes (void)
{
  static const char * const quoted[] = {
    "yes", "no", "on", "off", "y", "n", "Y", "N", "YES", "Off",
    "null", "Null", "NULL", "nULL", "~", "",
    "true", "True", "tRUE", "false",
    "1", "-1", "+1", "1.0", ".5", "1e3", ".inf", "-.inf", ".nan", "0123", "0x1F", "0o17",
    "0b101", "1:30", "190:20:30", "1_000", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
    "=", "<<",
    NULL
  };
  static const char * const plain[] = {
    "hello", "data.account", "usage.updated", "Hello world", "x1", "1x", "yes please",
    "nan", "inf", "ünïcödé", "日本語", "STORAGE-1TB", "0 9 * * 1-5", "v1.2.3",
    NULL
  };

  for (guint i = 0; quoted[i] != NULL; i++)
    if (!sluice_yaml_string_needs_quotes (quoted[i]))
      g_error ("“%s” should need quotes", quoted[i]);

  for (guint i = 0; plain[i] != NULL; i++)
    if (sluice_yaml_string_needs_quotes (plain[i]))
      g_error ("“%s” should not need quotes", plain[i]);

  /* the YAML 1.1 forms that only 1.1 readers see */
  g_assert_true (sluice_yaml_is_yaml11_special ("yes"));
  g_assert_true (sluice_yaml_is_yaml11_special ("0b101"));
  g_assert_true (sluice_yaml_is_yaml11_special ("1:30"));
  g_assert_true (sluice_yaml_is_yaml11_special ("1_000"));
  g_assert_true (sluice_yaml_is_yaml11_special ("2001-12-14"));
  g_assert_false (sluice_yaml_is_yaml11_special ("true"));
  g_assert_false (sluice_yaml_is_yaml11_special ("hello"));
  g_assert_false (sluice_yaml_is_yaml11_special ("usage.updated"));
}

static void
test_format_double (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 1.0, "1.0" },
    { -1.0, "-1.0" },
    { 0.0, "0.0" },
    { 0.5, "0.5" },
    { 120.0, "120.0" },
    { 0.25, "0.25" },
    { -1024.5, "-1024.5" },
    { 1e20, "1e+20" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sluice_yaml_format_double (cases[i].value);
      SluiceScalarValue value;

      g_assert_cmpstr (text, ==, cases[i].text);
      /* and it reads back as the same float */
      g_assert_cmpint (sluice_yaml_resolve_plain (text, &value), ==, SLUICE_SCALAR_FLOAT);
      g_assert_cmpfloat (value.number, ==, cases[i].value);
    }

  {
    g_autofree char *inf = sluice_yaml_format_double (INFINITY);
    g_autofree char *ninf = sluice_yaml_format_double (-INFINITY);
    g_autofree char *nan = sluice_yaml_format_double (NAN);

    g_assert_cmpstr (inf, ==, ".inf");
    g_assert_cmpstr (ninf, ==, "-.inf");
    g_assert_cmpstr (nan, ==, ".nan");
  }
}

/* Regression: sluice_yaml_format_double() promises "the shortest text that reads
 * back as the same double" but g_ascii_dtostr() always uses %.17g, so 0.1
 * is written 0.10000000000000001 and 0.3 as 0.29999999999999999. */
static void
test_regression_format_double_shortest (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 0.1, "0.1" },
    { 0.3, "0.3" },
    { 1.1, "1.1" },
    { 40.7, "40.7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sluice_yaml_format_double (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* ---- emission --------------------------------------------------------------- */

static JsonNode *
json_parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* A workflow with an event trigger and @step (not yet added). */
static SluiceWorkflow *
workflow_with_step (SluiceStep *step)
{
  SluiceWorkflow *workflow = sluice_workflow_new ("t");
  g_autoptr(SluiceStep) trigger = sluice_step_new (sluice_step_type_lookup ("event"), "start");

  sluice_step_set_string (trigger, "event", "a.b");
  sluice_workflow_add_step (workflow, trigger);
  sluice_workflow_set_entity_key (workflow, "data.account");
  sluice_workflow_add_step (workflow, step);

  return workflow;
}

#define EMITTED_HEAD \
  "apiVersion: sluice.dev/v1\n" \
  "kind: Workflow\n" \
  "metadata:\n" \
  "  name: t\n" \
  "  version: 1\n" \
  "spec:\n" \
  "  trigger:\n" \
  "    id: start\n" \
  "    type: event\n" \
  "    event: a.b\n" \
  "  entityKey: data.account\n" \
  "  steps:\n"

/* Emits, checks the text, reloads, and checks it emits the same again. */
static SluiceWorkflow *
assert_emits (SluiceWorkflow *workflow,
              const char     *expected)
{
  g_autofree char *yaml = sluice_workflow_to_yaml (workflow);
  g_autofree char *again = NULL;
  SluiceWorkflow *reloaded;

  g_assert_cmpstr (yaml, ==, expected);
  reloaded = assert_loads (yaml);
  again = sluice_workflow_to_yaml (reloaded);
  g_assert_cmpstr (again, ==, yaml);
  g_assert_true (sluice_workflow_equal (workflow, reloaded));

  return reloaded;
}

static const char * const tricky_strings[] = {
  "yes", "no", "on", "off", "null", "~", "true", "1.0", "0123", "1:30", "0x1F", "2001-12-14",
  " leading", "trailing ", "a: b", "a:b", "#hash", "a #b", "a# b", "-dash", "- item", "?q", "@at",
  "%pct", "*star", "&amp", "!bang", "|pipe", ">gt", "'single", "\"double\"", "back\\slash",
  "{{ data.x }}", "[x]", "plain text", "data.account", "",
  "ünïcödé", "日本語", "tab\there",
  NULL
};

static void
test_emit_strings (void)
{
  g_autoptr(SluiceStep) step = sluice_step_new (sluice_step_type_lookup ("ticket"), "open");
  g_autoptr(JsonArray) labels = json_array_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceWorkflow) reloaded = NULL;
  JsonNode *node;
  JsonArray *read_labels;

  for (guint i = 0; tricky_strings[i] != NULL; i++)
    json_array_add_string_element (labels, tricky_strings[i]);
  sluice_step_set_string (step, "queue", "ops");
  sluice_step_set_string (step, "title", "{{ data.account }}: upgrade");
  sluice_step_set_string (step, "assignee", "~");
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, labels);
  sluice_step_set_member (step, "labels", node);

  workflow = workflow_with_step (step);
  reloaded = assert_emits (workflow,
                           EMITTED_HEAD
                           "  - id: open\n"
                           "    type: ticket\n"
                           "    queue: ops\n"
                           "    title: \"{{ data.account }}: upgrade\"\n"
                           "    assignee: \"~\"\n"
                           "    labels:\n"
                           "    - \"yes\"\n"
                           "    - \"no\"\n"
                           "    - \"on\"\n"
                           "    - \"off\"\n"
                           "    - \"null\"\n"
                           "    - \"~\"\n"
                           "    - \"true\"\n"
                           "    - \"1.0\"\n"
                           "    - \"0123\"\n"
                           "    - \"1:30\"\n"
                           "    - \"0x1F\"\n"
                           "    - \"2001-12-14\"\n"
                           "    - \" leading\"\n"
                           "    - \"trailing \"\n"
                           "    - \"a: b\"\n"
                           "    - a:b\n"
                           "    - \"#hash\"\n"
                           "    - \"a #b\"\n"
                           "    - a# b\n"
                           "    - \"-dash\"\n"
                           "    - \"- item\"\n"
                           "    - \"?q\"\n"
                           "    - \"@at\"\n"
                           "    - \"%pct\"\n"
                           "    - \"*star\"\n"
                           "    - \"&amp\"\n"
                           "    - \"!bang\"\n"
                           "    - \"|pipe\"\n"
                           "    - \">gt\"\n"
                           "    - \"'single\"\n"
                           "    - \"\\\"double\\\"\"\n"
                           "    - back\\slash\n"
                           "    - \"{{ data.x }}\"\n"
                           "    - \"[x]\"\n"
                           "    - plain text\n"
                           "    - data.account\n"
                           "    - \"\"\n"
                           "    - ünïcödé\n"
                           "    - 日本語\n"
                           "    - \"tab\\there\"\n");

  /* every label reads back as the same string */
  read_labels = json_node_get_array (sluice_step_get_member (sluice_workflow_lookup_step (reloaded, "open"), "labels"));
  g_assert_cmpuint (json_array_get_length (read_labels), ==, g_strv_length ((char **) tricky_strings));
  for (guint i = 0; tricky_strings[i] != NULL; i++)
    {
      JsonNode *label = json_array_get_element (read_labels, i);

      g_assert_cmpint (json_node_get_value_type (label), ==, G_TYPE_STRING);
      g_assert_cmpstr (json_node_get_string (label), ==, tricky_strings[i]);
    }
  g_assert_cmpstr (sluice_step_get_string (sluice_workflow_lookup_step (reloaded, "open"), "assignee"), ==, "~");
}

static void
test_emit_multiline (void)
{
  g_autoptr(SluiceStep) step = sluice_step_new (sluice_step_type_lookup ("notify"), "tell");
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceWorkflow) reloaded = NULL;
  g_autoptr(SluiceWorkflow) second = NULL;
  g_autoptr(SluiceStep) detail = sluice_step_new (sluice_step_type_lookup ("record"), "note");
  SluiceStep *read_step;

  sluice_step_set_string (step, "channel", "email");
  sluice_step_set_member (step, "to", json_parse ("[\"{{ data.owner }}\"]"));
  sluice_step_set_string (step, "message", "Hello {{ data.name }},\n\nünïcödé 日本語\n  indented\n");
  sluice_step_set_string (step, "next", "note");
  sluice_step_set_string (detail, "title", "t");
  sluice_step_set_string (detail, "detail", "no newline at the end\nsecond line");

  workflow = workflow_with_step (step);
  sluice_workflow_add_step (workflow, detail);
  reloaded = assert_emits (workflow,
                           EMITTED_HEAD
                           "  - id: tell\n"
                           "    type: notify\n"
                           "    channel: email\n"
                           "    to:\n"
                           "    - \"{{ data.owner }}\"\n"
                           "    message: |\n"
                           "      Hello {{ data.name }},\n"
                           "\n"
                           "      ünïcödé 日本語\n"
                           "        indented\n"
                           "    next: note\n"
                           "  - id: note\n"
                           "    type: record\n"
                           "    title: t\n"
                           "    detail: |-\n"
                           "      no newline at the end\n"
                           "      second line\n");

  read_step = sluice_workflow_lookup_step (reloaded, "tell");
  g_assert_cmpstr (sluice_step_get_string (read_step, "message"), ==,
                   "Hello {{ data.name }},\n\nünïcödé 日本語\n  indented\n");
  read_step = sluice_workflow_lookup_step (reloaded, "note");
  g_assert_cmpstr (sluice_step_get_string (read_step, "detail"), ==, "no newline at the end\nsecond line");

  /* a first line that starts with spaces needs an indentation indicator,
   * and trailing blank lines need "keep" */
  g_clear_object (&workflow);
  g_clear_object (&reloaded);
  sluice_step_set_string (detail, "detail", "  starts indented\nthen not\n\n\n");
  g_clear_pointer (&step, sluice_step_unref);
  step = sluice_step_copy (detail);
  workflow = workflow_with_step (step);
  second = assert_emits (workflow,
                         EMITTED_HEAD
                         "  - id: note\n"
                         "    type: record\n"
                         "    title: t\n"
                         "    detail: |2+\n"
                         "        starts indented\n"
                         "      then not\n"
                         "\n"
                         "\n"
                         /* libyaml ends the document explicitly after a
                          * kept block scalar, so its blank lines stay */
                         "...\n");
  g_assert_cmpstr (sluice_step_get_string (sluice_workflow_lookup_step (second, "note"), "detail"), ==,
                   "  starts indented\nthen not\n\n\n");
}

/* Regression: text above U+FFFF (emoji) is written as "\U0001F600" escapes in a
 * double-quoted scalar, and a multi-line text holding one loses its
 * literal block: libyaml 0.2.5's emitter counts 4-byte UTF-8 as not
 * printable. The writer promises "UTF-8 is written as is". */
static void
test_regression_emit_emoji (void)
{
  g_autoptr(SluiceStep) step = sluice_step_new (sluice_step_type_lookup ("record"), "note");
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceWorkflow) reloaded = NULL;

  sluice_step_set_string (step, "title", "Party 🎉");
  sluice_step_set_string (step, "detail", "Well done 👍\nsee you\n");
  workflow = workflow_with_step (step);
  reloaded = assert_emits (workflow,
                           EMITTED_HEAD
                           "  - id: note\n"
                           "    type: record\n"
                           "    title: Party 🎉\n"
                           "    detail: |\n"
                           "      Well done 👍\n"
                           "      see you\n");
}

/* Even if escaped, emoji survive the round trip. */
static void
test_emit_emoji_round_trip (void)
{
  g_autoptr(SluiceStep) step = sluice_step_new (sluice_step_type_lookup ("record"), "note");
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceWorkflow) reloaded = NULL;
  g_autofree char *yaml = NULL;

  sluice_step_set_string (step, "title", "Party 🎉");
  sluice_step_set_string (step, "detail", "Well done 👍\nsee you\n");
  workflow = workflow_with_step (step);
  yaml = sluice_workflow_to_yaml (workflow);
  reloaded = assert_loads (yaml);
  g_assert_cmpstr (sluice_step_get_string (sluice_workflow_lookup_step (reloaded, "note"), "title"), ==, "Party 🎉");
  g_assert_cmpstr (sluice_step_get_string (sluice_workflow_lookup_step (reloaded, "note"), "detail"), ==,
                   "Well done 👍\nsee you\n");
}

static void
test_emit_values (void)
{
  g_autoptr(SluiceStep) step = sluice_step_new (sluice_step_type_lookup ("condition"), "check");
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceWorkflow) reloaded = NULL;
  g_autoptr(GPtrArray) filters = NULL;
  JsonArray *list;
  SluiceFilter *filter;

  sluice_step_set_member (step, "filters",
                          json_parse ("["
                                      "{\"path\": \"data.a\", \"op\": \"eq\", \"value\": 80},"
                                      "{\"path\": \"data.a\", \"op\": \"eq\", \"value\": 1.0},"
                                      "{\"path\": \"data.a\", \"op\": \"lt\", \"value\": 2.5},"
                                      "{\"path\": \"data.a\", \"op\": \"eq\", \"value\": true},"
                                      "{\"path\": \"data.a\", \"op\": \"eq\", \"value\": \"80\"},"
                                      "{\"path\": \"data.a\", \"op\": \"eq\", \"value\": null},"
                                      "{\"path\": \"data.a\", \"op\": \"eq\", \"value\": \"yes\"},"
                                      "{\"path\": \"data.a\", \"op\": \"eq\", \"value\": -7},"
                                      "{\"path\": \"data.a\", \"op\": \"in\", \"value\": [1, \"1\", 1.5, false, null, \"no\", \"x\"]},"
                                      "{\"path\": \"data.a\", \"op\": \"in\", \"value\": []},"
                                      "{\"path\": \"data.a\", \"op\": \"changed\"}"
                                      "]"));
  sluice_step_set_string (step, "then", "check");
  workflow = workflow_with_step (step);
  reloaded = assert_emits (workflow,
                           EMITTED_HEAD
                           "  - id: check\n"
                           "    type: condition\n"
                           "    filters:\n"
                           "    - path: data.a\n"
                           "      op: eq\n"
                           "      value: 80\n"
                           "    - path: data.a\n"
                           "      op: eq\n"
                           "      value: 1.0\n"
                           "    - path: data.a\n"
                           "      op: lt\n"
                           "      value: 2.5\n"
                           "    - path: data.a\n"
                           "      op: eq\n"
                           "      value: true\n"
                           "    - path: data.a\n"
                           "      op: eq\n"
                           "      value: \"80\"\n"
                           "    - path: data.a\n"
                           "      op: eq\n"
                           "      value: null\n"
                           "    - path: data.a\n"
                           "      op: eq\n"
                           "      value: \"yes\"\n"
                           "    - path: data.a\n"
                           "      op: eq\n"
                           "      value: -7\n"
                           "    - path: data.a\n"
                           "      op: in\n"
                           "      value:\n"
                           "      - 1\n"
                           "      - \"1\"\n"
                           "      - 1.5\n"
                           "      - false\n"
                           "      - null\n"
                           "      - \"no\"\n"
                           "      - x\n"
                           "    - path: data.a\n"
                           "      op: in\n"
                           "      value: []\n"
                           "    - path: data.a\n"
                           "      op: changed\n"
                           "    then: check\n");

  /* the types survive */
  filters = sluice_step_get_filters (sluice_workflow_lookup_step (reloaded, "check"));
  g_assert_cmpuint (filters->len, ==, 11);
  filter = g_ptr_array_index (filters, 0);
  g_assert_cmpint (json_node_get_value_type (filter->value), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (filter->value), ==, 80);
  filter = g_ptr_array_index (filters, 1);
  g_assert_cmpint (json_node_get_value_type (filter->value), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (filter->value), ==, 1.0);
  filter = g_ptr_array_index (filters, 3);
  g_assert_cmpint (json_node_get_value_type (filter->value), ==, G_TYPE_BOOLEAN);
  g_assert_true (json_node_get_boolean (filter->value));
  filter = g_ptr_array_index (filters, 4);
  g_assert_cmpint (json_node_get_value_type (filter->value), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_node_get_string (filter->value), ==, "80");
  filter = g_ptr_array_index (filters, 5);
  g_assert_true (JSON_NODE_HOLDS_NULL (filter->value));
  filter = g_ptr_array_index (filters, 8);
  list = json_node_get_array (filter->value);
  g_assert_cmpuint (json_array_get_length (list), ==, 7);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (list, 0)), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (list, 1)), ==, G_TYPE_STRING);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (list, 2)), ==, G_TYPE_DOUBLE);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (list, 3)), ==, G_TYPE_BOOLEAN);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (list, 4)));
  g_assert_cmpstr (json_array_get_string_element (list, 5), ==, "no");
  g_assert_cmpstr (json_array_get_string_element (list, 6), ==, "x");
  filter = g_ptr_array_index (filters, 9);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (filter->value)), ==, 0);
  filter = g_ptr_array_index (filters, 10);
  g_assert_null (filter->value);
}

/* Regression (same cause as /yaml/regression/format-double-shortest): 0.1 in a filter is
 * written "value: 0.10000000000000001". */
static void
test_regression_emit_double_value (void)
{
  g_autoptr(SluiceStep) step = sluice_step_new (sluice_step_type_lookup ("condition"), "check");
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceWorkflow) reloaded = NULL;

  sluice_step_set_member (step, "filters",
                          json_parse ("[{\"path\": \"data.ratio\", \"op\": \"gte\", \"value\": 0.1}]"));
  workflow = workflow_with_step (step);
  reloaded = assert_emits (workflow,
                           EMITTED_HEAD
                           "  - id: check\n"
                           "    type: condition\n"
                           "    filters:\n"
                           "    - path: data.ratio\n"
                           "      op: gte\n"
                           "      value: 0.1\n");
}

/* Typed values read from text keep the type they were written with. */
static void
test_read_values (void)
{
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(GPtrArray) filters = NULL;
  static const GType types[] = {
    G_TYPE_INT64, G_TYPE_STRING, G_TYPE_DOUBLE, G_TYPE_BOOLEAN, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_STRING,
  };

  workflow = assert_loads (HEAD
                           "spec:\n"
                           "  trigger:\n"
                           "    type: event\n"
                           "    event: a.b\n"
                           "    filters:\n"
                           "    - {path: data.a, op: eq, value: 80}\n"
                           "    - {path: data.a, op: eq, value: \"80\"}\n"
                           "    - {path: data.a, op: eq, value: 80.0}\n"
                           "    - {path: data.a, op: eq, value: true}\n"
                           "    - {path: data.a, op: eq, value: yes}\n"
                           "    - {path: data.a, op: eq, value: 0x10}\n"
                           "    - {path: data.a, op: eq, value: 'single'}\n"
                           "    - {path: data.a, op: eq, value: ~}\n"
                           "  entityKey: data.account\n");
  filters = sluice_step_get_filters (sluice_workflow_get_trigger (workflow));
  g_assert_cmpuint (filters->len, ==, 8);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      SluiceFilter *filter = g_ptr_array_index (filters, i);

      g_assert_cmpint (json_node_get_value_type (filter->value), ==, types[i]);
    }
  g_assert_cmpstr (json_node_get_string (((SluiceFilter *) g_ptr_array_index (filters, 4))->value), ==, "yes");
  g_assert_cmpint (json_node_get_int (((SluiceFilter *) g_ptr_array_index (filters, 5))->value), ==, 16);
  g_assert_true (JSON_NODE_HOLDS_NULL (((SluiceFilter *) g_ptr_array_index (filters, 7))->value));
}

static void
test_writer_direct (void)
{
  SluiceYamlWriter *writer = sluice_yaml_writer_new ();
  g_autofree char *text = NULL;

  sluice_yaml_writer_begin_mapping (writer);
  sluice_yaml_writer_plain (writer, "list");
  sluice_yaml_writer_begin_sequence (writer, FALSE);
  sluice_yaml_writer_int (writer, G_MAXINT64);
  sluice_yaml_writer_int (writer, -1);
  sluice_yaml_writer_double (writer, 3.0);
  sluice_yaml_writer_double (writer, -INFINITY);
  sluice_yaml_writer_boolean (writer, FALSE);
  sluice_yaml_writer_null (writer);
  sluice_yaml_writer_string (writer, "null");
  sluice_yaml_writer_end_sequence (writer);
  sluice_yaml_writer_plain (writer, "empty");
  sluice_yaml_writer_begin_sequence (writer, TRUE);
  sluice_yaml_writer_end_sequence (writer);
  sluice_yaml_writer_plain (writer, "map");
  sluice_yaml_writer_empty_mapping (writer);
  sluice_yaml_writer_end_mapping (writer);
  text = sluice_yaml_writer_finish (writer);

  g_assert_cmpstr (text, ==,
                   "list:\n"
                   "- 9223372036854775807\n"
                   "- -1\n"
                   "- 3.0\n"
                   "- -.inf\n"
                   "- false\n"
                   "- null\n"
                   "- \"null\"\n"
                   "empty: []\n"
                   "map: {}\n");
}

/* ---- durations ---------------------------------------------------------------- */

static void
test_duration_parse (void)
{
  static const struct { const char *text; gint64 msec; const char *canonical; } valid[] = {
    { "30s", 30 * SLUICE_MSEC_PER_SECOND, "30s" },
    { "15m", 15 * SLUICE_MSEC_PER_MINUTE, "15m" },
    { "7d", 7 * SLUICE_MSEC_PER_DAY, "7d" },
    { "1h30m", SLUICE_MSEC_PER_HOUR + 30 * SLUICE_MSEC_PER_MINUTE, "1h30m" },
    { "500ms", 500, "500ms" },
    { "1w", SLUICE_MSEC_PER_WEEK, "7d" },
    { "2w3d", 17 * SLUICE_MSEC_PER_DAY, "17d" },
    { "90m", 90 * SLUICE_MSEC_PER_MINUTE, "1h30m" },
    { "3600s", SLUICE_MSEC_PER_HOUR, "1h" },
    { "1500ms", 1500, "1s500ms" },
    { "0s", 0, "0s" },
    { "0ms", 0, "0s" },
    { "007d", 7 * SLUICE_MSEC_PER_DAY, "7d" },
    { "1d2h3m4s5ms", SLUICE_MSEC_PER_DAY + 2 * SLUICE_MSEC_PER_HOUR + 3 * SLUICE_MSEC_PER_MINUTE + 4005, "1d2h3m4s5ms" },
    { "1h0m", SLUICE_MSEC_PER_HOUR, "1h" },
    /* a century is the longest */
    { "36500d", 36500 * SLUICE_MSEC_PER_DAY, "36500d" },
  };
  static const char * const invalid[] = {
    "", "7", "d", "1.5h", "-1s", "+1s", " 1s", "1s ", "1 s", "1m1h", "1s1m", "1h1h", "1ms1s", "1D", "1H",
    "1hr", "1sec", "1y", "h1", "1h30", "0x10s", "1_000s", "36501d", "99999999999999d",
    "99999999999999999999999s",
    NULL
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      gint64 msec = -1;
      g_autofree char *canonical = NULL;

      if (!sluice_duration_parse (valid[i].text, &msec))
        g_error ("“%s” should be a duration", valid[i].text);
      g_assert_cmpint (msec, ==, valid[i].msec);
      canonical = sluice_duration_format (msec);
      g_assert_cmpstr (canonical, ==, valid[i].canonical);
    }

  for (guint i = 0; invalid[i] != NULL; i++)
    {
      gint64 msec = -1;

      if (sluice_duration_parse (invalid[i], &msec))
        g_error ("“%s” should not be a duration (got %" PRId64 " ms)", invalid[i], msec);
      g_assert_cmpint (msec, ==, -1);
    }

  g_assert_false (sluice_duration_parse (NULL, NULL));
  g_assert_true (sluice_duration_parse ("1s", NULL));
}

/* Regression: the digit loop only bounds the number by the century in
 * milliseconds, not by the century in the unit, so n * unit can overflow
 * gint64: 15250284453 weeks wraps to a negative total, which then passes
 * the "total > MAX" check and is accepted as a negative duration. */
static void
test_regression_duration_overflow (void)
{
  gint64 msec = 0;
  gboolean valid = sluice_duration_parse ("15250284453w", &msec);

  if (valid)
    g_test_message ("15250284453w was read as %" PRId64 " ms", msec);
  g_assert_false (valid);
}

/* Regression, as the loader sees it: `cooldown: 15250284453w` loads without an
 * error, and sluice_duration_format() is then called with a negative
 * duration (a CRITICAL, fatal under G_DEBUG=fatal-warnings). */
static void
test_regression_duration_overflow_loader (void)
{
  g_autoptr(SluiceDiagnostics) diagnostics = NULL;

  diagnostics = assert_load_fails (SPEC
                                   "  safety:\n"
                                   "    cooldown: 15250284453w\n",
                                   -1, "schema/format 11:15\n");
}

static void
test_duration_format (void)
{
  static const struct { gint64 msec; const char *text; } cases[] = {
    { 0, "0s" },
    { 1, "1ms" },
    { 999, "999ms" },
    { 1000, "1s" },
    { 61 * SLUICE_MSEC_PER_SECOND, "1m1s" },
    { SLUICE_MSEC_PER_DAY + 1, "1d1ms" },
    { SLUICE_MSEC_PER_WEEK, "7d" },
    { 30 * SLUICE_MSEC_PER_DAY, "30d" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sluice_duration_format (cases[i].msec);
      gint64 back;

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (sluice_duration_parse (text, &back));
      g_assert_cmpint (back, ==, cases[i].msec);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/yaml/refuse/duplicate-key", test_duplicate_key);
  g_test_add_func ("/yaml/refuse/anchor", test_anchor);
  g_test_add_func ("/yaml/refuse/alias", test_alias);
  g_test_add_func ("/yaml/refuse/tag", test_tag);
  g_test_add_func ("/yaml/refuse/merge-key", test_merge_key);
  g_test_add_func ("/yaml/refuse/tab", test_tab);
  g_test_add_func ("/yaml/refuse/too-deep-flow", test_too_deep_flow);
  g_test_add_func ("/yaml/refuse/too-deep-block", test_too_deep_block);
  g_test_add_func ("/yaml/refuse/too-deep-huge", test_too_deep_huge);
  g_test_add_func ("/yaml/refuse/encoding", test_encoding);
  g_test_add_func ("/yaml/refuse/nul", test_nul);
  g_test_add_func ("/yaml/refuse/too-large", test_too_large);
  g_test_add_func ("/yaml/refuse/multiple-documents", test_multiple_documents);
  g_test_add_func ("/yaml/refuse/complex-key", test_complex_key);
  g_test_add_func ("/yaml/refuse/syntax", test_syntax);
  g_test_add_func ("/yaml/document/empty", test_empty_document);
  g_test_add_func ("/yaml/document/not-a-mapping", test_not_a_mapping);
  g_test_add_func ("/yaml/document/missing-header", test_missing_header);
  g_test_add_func ("/yaml/schema/unknown-key", test_schema_unknown_key);
  g_test_add_func ("/yaml/schema/types", test_schema_types);
  g_test_add_func ("/yaml/schema/enum", test_schema_enum);
  g_test_add_func ("/yaml/schema/duration", test_schema_duration);
  g_test_add_func ("/yaml/schema/identifier", test_schema_identifier);
  g_test_add_func ("/yaml/schema/range", test_schema_range);
  g_test_add_func ("/yaml/schema/step-type", test_schema_step_type);
  g_test_add_func ("/yaml/schema/trigger-type", test_schema_trigger_type);
  g_test_add_func ("/yaml/schema/boolean", test_schema_boolean);
  g_test_add_func ("/yaml/schema/positions", test_schema_positions);
  g_test_add_func ("/yaml/scalar/null", test_resolve_null);
  g_test_add_func ("/yaml/scalar/bool", test_resolve_bool);
  g_test_add_func ("/yaml/scalar/int", test_resolve_int);
  g_test_add_func ("/yaml/scalar/float", test_resolve_float);
  g_test_add_func ("/yaml/scalar/needs-quotes", test_needs_quotes);
  g_test_add_func ("/yaml/scalar/format-double", test_format_double);
  g_test_add_func ("/yaml/emit/strings", test_emit_strings);
  g_test_add_func ("/yaml/emit/multiline", test_emit_multiline);
  g_test_add_func ("/yaml/emit/emoji-round-trip", test_emit_emoji_round_trip);
  g_test_add_func ("/yaml/emit/values", test_emit_values);
  g_test_add_func ("/yaml/emit/read-values", test_read_values);
  g_test_add_func ("/yaml/emit/writer", test_writer_direct);
  g_test_add_func ("/yaml/duration/parse", test_duration_parse);
  g_test_add_func ("/yaml/duration/format", test_duration_format);

  /* Each of these once failed; see the comment on each function. */
  g_test_add_func ("/yaml/regression/non-specific-tag", test_regression_non_specific_tag);
  g_test_add_func ("/yaml/regression/tab-in-block-scalar", test_regression_tab_in_block_scalar);
  g_test_add_func ("/yaml/regression/nul-message", test_regression_nul_message);
  g_test_add_func ("/yaml/regression/read-null-text", test_regression_read_null_text);
  g_test_add_func ("/yaml/regression/invalid-id-reported-missing", test_regression_invalid_id_reported_missing);
  g_test_add_func ("/yaml/regression/resolve-int-min", test_regression_resolve_int_min);
  g_test_add_func ("/yaml/regression/format-double-shortest", test_regression_format_double_shortest);
  g_test_add_func ("/yaml/regression/emit-emoji", test_regression_emit_emoji);
  g_test_add_func ("/yaml/regression/emit-double-value", test_regression_emit_double_value);
  g_test_add_func ("/yaml/regression/duration-overflow", test_regression_duration_overflow);
  g_test_add_func ("/yaml/regression/duration-overflow-loader", test_regression_duration_overflow_loader);

  return g_test_run ();
}
