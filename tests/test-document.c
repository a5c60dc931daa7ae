/* test-document.c — undo, saving, the YAML text and drafts
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sluice-document.h"

static char *tmpdir;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static SluiceDocument *
load_example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SluiceDocument *document = sluice_document_new ();

  g_assert_true (sluice_document_load (document, file, &error));
  g_assert_no_error (error);
  return document;
}

static void
rename_workflow (SluiceDocument *document,
                 const char     *name)
{
  sluice_document_begin_edit (document, "Rename");
  sluice_workflow_set_name (sluice_document_get_workflow (document), name);
  sluice_document_end_edit (document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR);
}

static void
test_new_is_clean (void)
{
  g_autoptr(SluiceDocument) document = sluice_document_new ();
  SluiceWorkflow *workflow = sluice_document_get_workflow (document);

  g_assert_false (sluice_document_get_modified (document));
  g_assert_false (sluice_document_can_undo (document));
  g_assert_nonnull (sluice_workflow_get_trigger (workflow));
  g_assert_cmpstr (sluice_workflow_get_entity_key (workflow), ==, "data.account");
}

static void
test_undo_redo (void)
{
  g_autoptr(SluiceDocument) document = load_example ("usage-quota-80.workflow.yaml");
  SluiceWorkflow *workflow;

  g_assert_false (sluice_document_get_modified (document));

  rename_workflow (document, "first");
  rename_workflow (document, "second");
  g_assert_true (sluice_document_get_modified (document));
  g_assert_cmpstr (sluice_document_get_undo_label (document), ==, "Rename");

  g_assert_true (sluice_document_undo (document));
  workflow = sluice_document_get_workflow (document);
  g_assert_cmpstr (sluice_workflow_get_name (workflow), ==, "first");

  g_assert_true (sluice_document_undo (document));
  workflow = sluice_document_get_workflow (document);
  g_assert_cmpstr (sluice_workflow_get_name (workflow), ==, "usage-quota-80");
  /* back at the saved state: clean again */
  g_assert_false (sluice_document_get_modified (document));
  g_assert_false (sluice_document_can_undo (document));

  g_assert_true (sluice_document_redo (document));
  g_assert_cmpstr (sluice_workflow_get_name (sluice_document_get_workflow (document)), ==, "first");
  g_assert_true (sluice_document_can_redo (document));

  /* a new edit drops the redo history */
  rename_workflow (document, "third");
  g_assert_false (sluice_document_can_redo (document));
}

/* Nested edits, as one drag of many moves, make one undo step; an edit
 * that changes nothing makes none. */
static void
test_edit_grouping (void)
{
  g_autoptr(SluiceDocument) document = load_example ("usage-quota-80.workflow.yaml");
  SluiceWorkflow *workflow = sluice_document_get_workflow (document);
  double x, y;
  guint changes = 0;

  sluice_document_begin_edit (document, "Move step");
  for (int i = 1; i <= 10; i++)
    {
      sluice_document_begin_edit (document, "Move step");
      sluice_workflow_set_position (workflow, "record-nudge", 20 * i, 40);
      sluice_document_end_edit (document, SLUICE_DOCUMENT_CHANGE_LAYOUT);
      changes++;
    }
  sluice_document_end_edit (document, SLUICE_DOCUMENT_CHANGE_LAYOUT);
  g_assert_cmpuint (changes, ==, 10);

  g_assert_true (sluice_document_can_undo (document));
  g_assert_true (sluice_document_undo (document));
  g_assert_false (sluice_document_can_undo (document));
  g_assert_false (sluice_workflow_get_position (sluice_document_get_workflow (document), "record-nudge", &x, &y));

  sluice_document_begin_edit (document, "Nothing");
  sluice_document_end_edit (document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR);
  g_assert_false (sluice_document_can_undo (document));
}

static void
test_save_and_load (void)
{
  g_autoptr(SluiceDocument) document = load_example ("agreement-renewal-t30.workflow.yaml");
  g_autoptr(SluiceDocument) reloaded = sluice_document_new ();
  g_autofree char *path = g_build_filename (tmpdir, "saved.workflow.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  rename_workflow (document, "renewal-t45");
  g_assert_true (sluice_document_save (document, file, &error));
  g_assert_no_error (error);
  g_assert_false (sluice_document_get_modified (document));
  title = sluice_document_get_title (document);
  g_assert_cmpstr (title, ==, "saved.workflow.yaml");

  g_assert_true (sluice_document_load (reloaded, file, &error));
  g_assert_true (sluice_workflow_equal (sluice_document_get_workflow (document),
                                        sluice_document_get_workflow (reloaded)));
}

static void
test_load_error_says_where (void)
{
  g_autoptr(SluiceDocument) document = sluice_document_new ();
  g_autofree char *path = g_build_filename (tmpdir, "broken.workflow.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "apiVersion: sluice.dev/v1\nkind: Workflow\nmetadata:\n  name: Bad Name\n", -1, &error);
  g_assert_no_error (error);

  g_assert_false (sluice_document_load (document, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "broken.workflow.yaml:4:9:"));
  /* the document is as it was */
  g_assert_cmpstr (sluice_workflow_get_name (sluice_document_get_workflow (document)), ==, "new-workflow");
}

static void
test_text (void)
{
  g_autoptr(SluiceDocument) document = load_example ("usage-quota-80.workflow.yaml");
  g_autofree char *text = g_strdup (sluice_document_get_text (document));
  g_autofree char *edited = NULL;
  g_auto(GStrv) parts = NULL;
  SluiceDiagnostics *diagnostics;

  /* broken text: the model stays, the problem is located */
  g_assert_false (sluice_document_set_text (document, "apiVersion: sluice.dev/v1\nkind: [\n"));
  g_assert_true (sluice_document_get_text_has_errors (document));
  g_assert_cmpstr (sluice_workflow_get_name (sluice_document_get_workflow (document)), ==, "usage-quota-80");
  diagnostics = sluice_document_get_diagnostics (document);
  g_assert_cmpuint (diagnostics->len, >, 0);
  g_assert_cmpuint (((SluiceDiagnostic *) g_ptr_array_index (diagnostics, 0))->line, ==, 3);
  g_assert_cmpstr (sluice_document_get_text (document), ==, "apiVersion: sluice.dev/v1\nkind: [\n");
  g_assert_true (sluice_document_get_modified (document));

  /* good text: the model follows, as one undo step */
  parts = g_strsplit (text, "value: 80", -1);
  edited = g_strjoinv ("value: 85", parts);
  g_assert_true (sluice_document_set_text (document, edited));
  g_assert_false (sluice_document_get_text_has_errors (document));
  g_assert_nonnull (strstr (sluice_document_get_text (document), "value: 85"));
  g_assert_true (sluice_document_can_undo (document));
  g_assert_true (sluice_document_undo (document));
  g_assert_nonnull (strstr (sluice_document_get_text (document), "value: 80"));
}

static void
test_drafts (void)
{
  g_autoptr(SluiceDocument) document = load_example ("usage-quota-80.workflow.yaml");
  g_autoptr(SluiceDocument) recovered = NULL;
  g_autoptr(GError) error = NULL;
  GList *drafts;

  rename_workflow (document, "unsaved-work");
  g_assert_true (sluice_document_autosave (document, &error));
  g_assert_no_error (error);

  drafts = sluice_document_list_drafts ();
  g_assert_cmpuint (g_list_length (drafts), ==, 1);

  recovered = sluice_document_new_from_draft (drafts->data, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sluice_workflow_get_name (sluice_document_get_workflow (recovered)), ==, "unsaved-work");
  g_assert_true (sluice_document_get_modified (recovered));
  /* it belongs to the file it came from */
  g_assert_true (g_file_equal (sluice_document_get_file (recovered), sluice_document_get_file (document)));
  g_list_free_full (drafts, g_object_unref);

  /* saving removes the draft */
  {
    g_autofree char *path = g_build_filename (tmpdir, "recovered.workflow.yaml", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_true (sluice_document_save (recovered, file, &error));
    g_assert_no_error (error);
  }
  drafts = sluice_document_list_drafts ();
  g_assert_cmpuint (g_list_length (drafts), ==, 0);
}

/* Broken text is what the author typed last: the draft keeps it. */
static void
test_draft_keeps_broken_text (void)
{
  g_autoptr(SluiceDocument) document = sluice_document_new ();
  g_autoptr(SluiceDocument) recovered = NULL;
  g_autoptr(GError) error = NULL;
  GList *drafts;

  sluice_document_set_text (document, "apiVersion: [half typed");
  g_assert_true (sluice_document_autosave (document, &error));
  drafts = sluice_document_list_drafts ();
  g_assert_cmpuint (g_list_length (drafts), ==, 1);
  recovered = sluice_document_new_from_draft (drafts->data, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sluice_document_get_text (recovered), ==, "apiVersion: [half typed");
  g_assert_true (sluice_document_get_text_has_errors (recovered));

  sluice_document_discard_draft (recovered);
  g_list_free_full (drafts, g_object_unref);
  drafts = sluice_document_list_drafts ();
  g_assert_null (drafts);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmpdir = g_dir_make_tmp ("sluice-test-document-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", tmpdir, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/new-is-clean", test_new_is_clean);
  g_test_add_func ("/document/undo-redo", test_undo_redo);
  g_test_add_func ("/document/edit-grouping", test_edit_grouping);
  g_test_add_func ("/document/save-and-load", test_save_and_load);
  g_test_add_func ("/document/load-error-says-where", test_load_error_says_where);
  g_test_add_func ("/document/text", test_text);
  g_test_add_func ("/document/drafts", test_drafts);
  g_test_add_func ("/document/draft-keeps-broken-text", test_draft_keeps_broken_text);

  status = g_test_run ();

  remove_tree (tmpdir);
  g_free (tmpdir);

  return status;
}
