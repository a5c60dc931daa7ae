/* test-yaml-view.c — the YAML view and the model follow each other
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gtksourceview/gtksource.h>

#include "sluice-yaml-view.h"

static SluiceDocument *
load_story_1 (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples",
                                            "usage-quota-80.workflow.yaml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SluiceDocument *document = sluice_document_new ();

  g_assert_true (sluice_document_load (document, file, &error));
  g_assert_no_error (error);
  return document;
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
replace_text (GtkTextBuffer *buffer,
              const char    *from,
              const char    *to)
{
  g_autofree char *text = buffer_text (buffer);
  g_auto(GStrv) parts = g_strsplit (text, from, -1);
  g_autofree char *edited = g_strjoinv (to, parts);

  gtk_text_buffer_set_text (buffer, edited, -1);
}

/* The text the view shows is the document's YAML. */
static void
test_shows_document (void)
{
  g_autoptr(SluiceDocument) document = load_story_1 ();
  GtkWidget *view = sluice_yaml_view_new ();
  g_autofree char *text = NULL;

  g_object_ref_sink (view);
  sluice_yaml_view_set_document (SLUICE_YAML_VIEW (view), document);
  text = buffer_text (sluice_yaml_view_get_buffer (SLUICE_YAML_VIEW (view)));
  g_assert_cmpstr (text, ==, sluice_document_get_text (document));
  g_object_unref (view);
}

/* Valid text reaches the model; invalid text leaves the model alone and
 * is marked on its line. */
static void
test_typing (void)
{
  g_autoptr(SluiceDocument) document = load_story_1 ();
  GtkWidget *view = sluice_yaml_view_new ();
  GtkTextBuffer *buffer;
  GtkTextTag *error_tag;
  GtkTextIter iter;
  g_autoptr(GSList) marks = NULL;

  g_object_ref_sink (view);
  sluice_yaml_view_set_document (SLUICE_YAML_VIEW (view), document);
  buffer = sluice_yaml_view_get_buffer (SLUICE_YAML_VIEW (view));
  error_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "sluice-error");

  replace_text (buffer, "value: 80", "value: 85");
  sluice_yaml_view_apply_now (SLUICE_YAML_VIEW (view));
  g_assert_false (sluice_document_get_text_has_errors (document));
  g_assert_true (sluice_document_can_undo (document));
  {
    g_autofree char *yaml = sluice_workflow_to_yaml (sluice_document_get_workflow (document));
    g_assert_nonnull (strstr (yaml, "value: 85"));
  }

  /* line 24 of Story 1 is "      value: 85": break its op on line 23 */
  replace_text (buffer, "op: gte", "op: greater");
  sluice_yaml_view_apply_now (SLUICE_YAML_VIEW (view));
  g_assert_true (sluice_document_get_text_has_errors (document));
  {
    g_autofree char *yaml = sluice_workflow_to_yaml (sluice_document_get_workflow (document));
    g_assert_nonnull (strstr (yaml, "op: gte"));   /* the model kept the last good text */
  }

  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 22, 10);
  g_assert_true (gtk_text_iter_has_tag (&iter, error_tag));
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 10);
  g_assert_false (gtk_text_iter_has_tag (&iter, error_tag));
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 22);
  marks = gtk_source_buffer_get_source_marks_at_line (GTK_SOURCE_BUFFER (buffer), 22, "sluice-error");
  g_assert_cmpuint (g_slist_length (marks), ==, 1);

  /* fixing the text clears the marks and applies it */
  replace_text (buffer, "op: greater", "op: gt");
  sluice_yaml_view_apply_now (SLUICE_YAML_VIEW (view));
  g_assert_false (sluice_document_get_text_has_errors (document));
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 22, 10);
  g_assert_false (gtk_text_iter_has_tag (&iter, error_tag));

  g_object_unref (view);
}

/* An edit elsewhere rewrites the text and keeps the cursor's line. */
static void
test_follows_model (void)
{
  g_autoptr(SluiceDocument) document = load_story_1 ();
  GtkWidget *view = sluice_yaml_view_new ();
  GtkTextBuffer *buffer;
  GtkTextIter cursor;
  g_autofree char *text = NULL;

  g_object_ref_sink (view);
  sluice_yaml_view_set_document (SLUICE_YAML_VIEW (view), document);
  buffer = sluice_yaml_view_get_buffer (SLUICE_YAML_VIEW (view));
  gtk_text_buffer_get_iter_at_line_offset (buffer, &cursor, 30, 4);
  gtk_text_buffer_place_cursor (buffer, &cursor);

  sluice_document_begin_edit (document, "Rename");
  sluice_workflow_set_name (sluice_document_get_workflow (document), "renamed-workflow");
  sluice_document_end_edit (document, SLUICE_DOCUMENT_CHANGE_BEHAVIOUR);

  text = buffer_text (buffer);
  g_assert_nonnull (strstr (text, "name: renamed-workflow\n"));
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&cursor), ==, 30);
  g_assert_cmpint (gtk_text_iter_get_line_offset (&cursor), ==, 4);

  /* and undo brings the old text back */
  g_assert_true (sluice_document_undo (document));
  g_free (text);
  text = buffer_text (buffer);
  g_assert_nonnull (strstr (text, "name: usage-quota-80\n"));

  g_object_unref (view);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  gtk_source_init ();

  g_test_add_func ("/yaml-view/shows-document", test_shows_document);
  g_test_add_func ("/yaml-view/typing", test_typing);
  g_test_add_func ("/yaml-view/follows-model", test_follows_model);

  return g_test_run ();
}
