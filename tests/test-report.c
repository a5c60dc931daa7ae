/* test-report.c — impact reports: the file, its HTML and PDF exports, the
 * charts, and the CLI's `report` and `simulate --fail-if`
 *
 * The datasets are Story 1 in miniature: usage.updated events whose
 * percentages are chosen per entity, run under the example workflow at
 * 80 % and a copy at 85 %, so who newly qualifies is known beforehand.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sim-test-util.h"
#include "sluice-charts.h"
#include "sluice-report-data.h"
#include "sluice-report.h"

static char *work_dir;

/* ---- fixtures ---------------------------------------------------------------- */

/* The example workflow at @threshold, with a URL and markup in its
 * description: the HTML must escape the one and may only show the other
 * inside the workflow's text. */
static char *
story1_yaml (guint threshold)
{
  const char *datadir = g_getenv ("SLUICE_DATADIR");
  g_autofree char *path = g_build_filename (datadir ? datadir : "data", "examples", "usage-quota-80.workflow.yaml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *value = g_strdup_printf ("      value: %u\n", threshold);
  g_autofree char *name = g_strdup_printf ("  name: usage-quota-%u\n", threshold);
  g_autoptr(GError) error = NULL;
  GString *yaml;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);

  yaml = g_string_new (text);
  g_assert_cmpuint (g_string_replace (yaml, "      value: 80\n", value, 1), ==, 1);
  g_assert_cmpuint (g_string_replace (yaml, "  name: usage-quota-80\n", name, 1), ==, 1);
  g_assert_cmpuint (g_string_replace (yaml, "ticket with the recommended SKUs.\n",
                                      "ticket with the recommended SKUs.\n"
                                      "    Runbook: https://wiki.example/usage <b>&amp;</b> \"quoted\"\n", 1), ==, 1);
  return g_string_free (yaml, FALSE);
}

/* One storage event per entity at @percent[i] %, tenants t0…t4, one hour
 * apart, plus an entity whose id needs escaping everywhere. */
static char *
story1_events (guint n_entities)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_entities; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *tenant = g_strdup_printf ("t%u", i % 5);
      g_autofree char *time = g_strdup_printf ("2026-10-%02uT%02u:00:00Z", 1 + (i / 24) % 28, i % 24);
      /* 60 … 99: 80 and up qualify under 80, 85 and up under 85 */
      guint percent = 60 + (i * 7) % 40;
      g_autofree char *data = g_strdup_printf ("{\"account\":\"acct-%04u\",\"metric\":\"storage\",\"percent\":%u,"
                                               "\"quota_gb\":100,\"owner_email\":\"o%u@example.test\","
                                               "\"csm_email\":\"csm@example.test\"}", i, percent, i);
      test_add_event (out, id, "usage.updated", time, tenant, data);
    }
  test_add_event (out, "odd", "usage.updated", "2026-10-01T00:30:00Z", "t<&>",
                  "{\"account\":\"a<b>&\\\"c'\",\"metric\":\"storage\",\"percent\":95,\"quota_gb\":100}");
  return g_string_free (out, FALSE);
}

/* Expected, by story1_events' formula: entities at 80–84 %. */
static guint
story1_newly_qualify (guint n_entities)
{
  guint n = 0;

  for (guint i = 0; i < n_entities; i++)
    {
      guint percent = 60 + (i * 7) % 40;
      n += percent >= 80 && percent < 85;
    }
  return n;
}

typedef struct
{
  TestDataset     *ds;
  SluiceWorkflow  *workflow;
  SluiceWorkflow  *comparison;
  SluiceSimResult *result;
  SluiceSimResult *comparison_result;
  SluiceReport    *report;
} Story;

static void
story_free (Story *story)
{
  g_clear_object (&story->report);
  g_clear_pointer (&story->result, sluice_sim_result_unref);
  g_clear_pointer (&story->comparison_result, sluice_sim_result_unref);
  g_clear_object (&story->workflow);
  g_clear_object (&story->comparison);
  g_clear_pointer (&story->ds, test_dataset_free);
  g_free (story);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Story, story_free)

static Story *
story_new (guint    n_entities,
           gboolean compared)
{
  Story *story = g_new0 (Story, 1);
  g_autofree char *events = story1_events (n_entities);
  g_autofree char *yaml = story1_yaml (80);

  story->ds = test_dataset_new ();
  test_dataset_import_all (story->ds, events, n_entities + 1);
  story->workflow = test_load_workflow (yaml);
  story->result = test_run (story->ds, story->workflow, NULL);
  if (compared)
    {
      g_autofree char *other = story1_yaml (85);

      story->comparison = test_load_workflow (other);
      story->comparison_result = test_run (story->ds, story->comparison, NULL);
    }
  story->report = sluice_report_new (story->workflow, story->comparison, story->result,
                                     story->comparison_result, story->ds->store);
  return story;
}

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

/* ---- the report file ------------------------------------------------------- */

static void
test_round_trip (void)
{
  g_autoptr(Story) story = story_new (40, TRUE);
  g_autofree char *path = work_path ("round-trip" SLUICE_REPORT_EXTENSION);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SluiceReport) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *workflow, *dataset, *result, *diff;

  g_assert_true (sluice_report_save (story->report, file, NULL, &error));
  g_assert_no_error (error);

  loaded = sluice_report_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  g_assert_true (json_node_equal (sluice_report_get_document (story->report), sluice_report_get_document (loaded)));
  before = sluice_report_to_data (story->report, NULL);
  after = sluice_report_to_data (loaded, NULL);
  g_assert_cmpstr (before, ==, after);

  /* the parts are there and say what was run */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (sluice_report_get_document (loaded)), "format"),
                   ==, SLUICE_REPORT_FORMAT);
  workflow = sluice_report_get_workflow (loaded);
  g_assert_cmpstr (json_object_get_string_member (workflow, "name"), ==, "usage-quota-80");
  g_assert_cmpint (json_object_get_int_member (workflow, "version"), ==, 1);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (workflow, "digest"), "sha256:"));
  g_assert_nonnull (strstr (json_object_get_string_member (workflow, "yaml"), "value: 80"));
  g_assert_cmpstr (json_object_get_string_member (sluice_report_get_comparison (loaded), "name"), ==, "usage-quota-85");

  dataset = sluice_report_get_dataset (loaded);
  g_assert_cmpint (json_object_get_int_member (dataset, "events"), ==, 41);
  g_assert_cmpstr (json_object_get_string_member (dataset, "first_event"), ==, "2026-10-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (dataset, "file_name"), ==, "events.sluice");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (dataset, "digest"), "sha256:"));

  result = sluice_report_get_result (loaded);
  g_assert_cmpint (json_object_get_int_member (result, "entities_matched"), ==, story->result->entities_matched);
  g_assert_cmpint (json_object_get_int_member (result, "actions_total"), ==, story->result->actions_total);
  g_assert_nonnull (sluice_report_get_scope (loaded));
  g_assert_nonnull (sluice_report_get_comparison_result (loaded));

  diff = sluice_report_get_diff (loaded);
  g_assert_cmpint (json_object_get_int_member (diff, "added_entities"), ==, story1_newly_qualify (40));
  g_assert_cmpint (json_object_get_int_member (diff, "removed_entities"), ==, 0);

  g_assert_nonnull (sluice_report_get_created (loaded));
  g_assert_true (g_str_has_suffix (sluice_report_get_created (loaded), "Z"));
  g_assert_nonnull (sluice_report_get_author (loaded));
}

static void
test_without_comparison (void)
{
  g_autoptr(Story) story = story_new (10, FALSE);
  g_autofree char *data = sluice_report_to_data (story->report, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SluiceReport) loaded = sluice_report_load_from_data (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_null (sluice_report_get_comparison (loaded));
  g_assert_null (sluice_report_get_comparison_result (loaded));
  g_assert_null (sluice_report_get_diff (loaded));
}

static void
assert_load_error (const char *data,
                   gsize       length,
                   int         code,
                   const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SluiceReport) report = sluice_report_load_from_data (data, length, &error);

  g_assert_null (report);
  g_assert_error (error, SLUICE_REPORT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_truncated (void)
{
  g_autoptr(Story) story = story_new (10, TRUE);
  gsize length = 0;
  g_autofree char *data = sluice_report_to_data (story->report, &length);
  gsize cuts[] = { 1, 2, 40, length / 3, length / 2, length - 3 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    assert_load_error (data, cuts[i], SLUICE_REPORT_ERROR_TRUNCATED, "incomplete");

  assert_load_error ("", 0, SLUICE_REPORT_ERROR_TRUNCATED, "empty");
  assert_load_error ("  \n", 3, SLUICE_REPORT_ERROR_TRUNCATED, "empty");

  /* a truncated file on disk says the same */
  {
    g_autofree char *path = work_path ("cut" SLUICE_REPORT_EXTENSION);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autoptr(SluiceReport) report = NULL;

    g_assert_true (g_file_set_contents (path, data, length / 2, NULL));
    report = sluice_report_load (file, NULL, &error);
    g_assert_null (report);
    g_assert_error (error, SLUICE_REPORT_ERROR, SLUICE_REPORT_ERROR_TRUNCATED);
  }
}

static void
test_wrong_format (void)
{
  g_autoptr(Story) story = story_new (10, FALSE);
  g_autofree char *data = sluice_report_to_data (story->report, NULL);
  g_autoptr(GString) newer = g_string_new (data);
  g_autoptr(GString) damaged = g_string_new (data);
  static const char not_json[] = "apiVersion: sluice.dev/v1\nkind: Workflow\n";
  static const char other_json[] = "{\"format\": \"something/1\", \"result\": {}}";
  static const char no_format[] = "{\"events\": []}";
  static const char array[] = "[1, 2, 3]";

  g_string_replace (newer, "\"sluice-report/1\"", "\"sluice-report/2\"", 1);
  assert_load_error (newer->str, newer->len, SLUICE_REPORT_ERROR_NEWER_FORMAT, "newer version of Sluice");
  assert_load_error (newer->str, newer->len, SLUICE_REPORT_ERROR_NEWER_FORMAT, "sluice-report/2");

  assert_load_error (not_json, strlen (not_json), SLUICE_REPORT_ERROR_NOT_A_REPORT, "not a Sluice report");
  assert_load_error (other_json, strlen (other_json), SLUICE_REPORT_ERROR_NOT_A_REPORT, "something/1");
  assert_load_error (no_format, strlen (no_format), SLUICE_REPORT_ERROR_NOT_A_REPORT, "not a Sluice report");
  assert_load_error (array, strlen (array), SLUICE_REPORT_ERROR_NOT_A_REPORT, "not a Sluice report");

  /* our format with a part missing */
  g_assert_cmpuint (g_string_replace (damaged, "\"result\" :", "\"outcome\" :", 1), ==, 1);
  assert_load_error (damaged->str, damaged->len, SLUICE_REPORT_ERROR_DAMAGED, "“result”");
}

/* ---- HTML ------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *stack;        /* element names */
  GHashTable *ids;         /* section ids */
  guint      n_svg;
  guint      n_tables;
  gboolean   saw_html, saw_head, saw_title, saw_body, saw_style;
  GString   *yaml_text;    /* the text of <pre class="yaml"> */
  GString   *other_text;   /* all other text */
  gboolean   in_yaml;
} HtmlCheck;

static void
html_start_cb (GMarkupParseContext  *context,
               const char           *name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  HtmlCheck *check = user_data;

  g_assert_cmpstr (name, !=, "script");
  g_assert_cmpstr (name, !=, "link");
  g_assert_cmpstr (name, !=, "img");
  g_assert_cmpstr (name, !=, "iframe");

  if (g_str_equal (name, "html"))
    {
      g_assert_cmpuint (check->stack->len, ==, 0);
      check->saw_html = TRUE;
    }
  check->saw_head |= g_str_equal (name, "head");
  check->saw_title |= g_str_equal (name, "title") && check->stack->len == 2;
  check->saw_body |= g_str_equal (name, "body");
  check->saw_style |= g_str_equal (name, "style");
  check->n_svg += g_str_equal (name, "svg");
  check->n_tables += g_str_equal (name, "table");

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      /* nothing is fetched, and no handler runs */
      g_assert_false (g_str_equal (attribute_names[i], "src"));
      g_assert_false (g_str_has_prefix (attribute_names[i], "on"));
      g_assert_null (strstr (attribute_values[i], "http:"));
      g_assert_null (strstr (attribute_values[i], "https:"));
      g_assert_null (strstr (attribute_values[i], "javascript:"));
      if (g_str_equal (name, "section") && g_str_equal (attribute_names[i], "id"))
        g_hash_table_add (check->ids, g_strdup (attribute_values[i]));
      if (g_str_equal (name, "pre") && g_str_equal (attribute_names[i], "class"))
        check->in_yaml = g_str_equal (attribute_values[i], "yaml");
    }

  g_ptr_array_add (check->stack, g_strdup (name));
}

static void
html_end_cb (GMarkupParseContext  *context,
             const char           *name,
             gpointer              user_data,
             GError              **error)
{
  HtmlCheck *check = user_data;

  g_assert_cmpuint (check->stack->len, >, 0);
  g_assert_cmpstr (g_ptr_array_index (check->stack, check->stack->len - 1), ==, name);
  g_ptr_array_remove_index (check->stack, check->stack->len - 1);
  if (g_str_equal (name, "pre"))
    check->in_yaml = FALSE;
}

static void
html_text_cb (GMarkupParseContext  *context,
              const char           *text,
              gsize                 length,
              gpointer              user_data,
              GError              **error)
{
  HtmlCheck *check = user_data;

  g_string_append_len (check->in_yaml ? check->yaml_text : check->other_text, text, length);
  g_string_append_c (check->other_text, ' ');
}

static void
check_html (const char *html,
            HtmlCheck  *check)
{
  GMarkupParser parser = { html_start_cb, html_end_cb, html_text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  check->stack = g_ptr_array_new_with_free_func (g_free);
  check->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  check->yaml_text = g_string_new (NULL);
  check->other_text = g_string_new (NULL);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));
  context = g_markup_parse_context_new (&parser, 0, check, NULL);
  if (!g_markup_parse_context_parse (context, html, -1, &error)
      || !g_markup_parse_context_end_parse (context, &error))
    {
      gint line = 0, column = 0;
      g_markup_parse_context_get_position (context, &line, &column);
      g_error ("the HTML is not well-formed at %d:%d: %s", line, column, error->message);
    }
  g_assert_cmpuint (check->stack->len, ==, 0);
}

static void
html_check_clear (HtmlCheck *check)
{
  g_ptr_array_unref (check->stack);
  g_hash_table_unref (check->ids);
  g_string_free (check->yaml_text, TRUE);
  g_string_free (check->other_text, TRUE);
}

static void
assert_card (const char *html,
             const char *id,
             gint64      value)
{
  g_autofree char *number = sluice_report_format_count (value);
  g_autofree char *card = g_strdup_printf ("<div class=\"card\" id=\"card-%s\">", id);
  g_autofree char *shown = g_strdup_printf ("<span class=\"value\">%s</span>", number);
  const char *at = strstr (html, card);

  g_assert_nonnull (at);
  g_assert_nonnull (strstr (at, shown));
  /* in the card, not in a later one */
  g_assert_true (strstr (at, shown) < strstr (at + 1, "<div class=\"card\"") ||
                 strstr (at + 1, "<div class=\"card\"") == NULL);
}

static void
test_html (void)
{
  g_autoptr(Story) story = story_new (40, TRUE);
  g_autofree char *html = sluice_report_to_html (story->report);
  g_autofree char *lower = g_ascii_strdown (html, -1);
  static const char * const sections[] = {
    "summary", "blast-radius", "diff", "steps", "destinations", "limits", "filters", "findings",
    "provenance", "workflow",
  };
  g_autofree char *delta = sluice_report_format_delta ((gint64) story->result->entities_matched
                                                       - (gint64) story->comparison_result->entities_matched);
  g_autofree char *delta_span = g_strdup_printf (">%s</span>", delta);
  HtmlCheck check = { 0 };

  check_html (html, &check);
  g_assert_true (check.saw_html && check.saw_head && check.saw_title && check.saw_body && check.saw_style);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_test_message ("section %s", sections[i]);
      g_assert_true (g_hash_table_contains (check.ids, sections[i]));
    }
  /* treemap, requests, limits */
  g_assert_cmpuint (check.n_svg, ==, 3);
  g_assert_cmpuint (check.n_tables, >=, 6);

  /* headline numbers first, with their deltas */
  g_assert_true (strstr (html, "id=\"summary\"") < strstr (html, "id=\"blast-radius\""));
  assert_card (html, "events_matched", story->result->events_matched);
  assert_card (html, "entities_matched", story->result->entities_matched);
  assert_card (html, "actions_total", story->result->actions_total);
  g_assert_nonnull (strstr (html, delta_span));
  g_assert_cmpuint (story->result->entities_matched, >, story->comparison_result->entities_matched);

  /* no scripts, no network: a URL only where the workflow's text has one */
  g_assert_null (strstr (lower, "<script"));
  g_assert_nonnull (strstr (check.yaml_text->str, "https://wiki.example/usage"));
  g_assert_null (strstr (check.other_text->str, "http://"));
  g_assert_null (strstr (check.other_text->str, "https://"));
  {
    /* and in the raw file, outside the <pre> blocks, neither */
    g_autoptr(GString) outside = g_string_new (NULL);
    const char *p = html;
    const char *pre;

    while ((pre = strstr (p, "<pre class=\"yaml\">")) != NULL)
      {
        g_string_append_len (outside, p, pre - p);
        p = strstr (pre, "</pre>");
        g_assert_nonnull (p);
      }
    g_string_append (outside, p);
    g_assert_null (strstr (outside->str, "http://"));
    g_assert_null (strstr (outside->str, "https://"));
  }

  /* everything is escaped: the markup in the description and the odd entity */
  g_assert_nonnull (strstr (html, "&lt;b&gt;&amp;amp;&lt;/b&gt; &quot;quoted&quot;"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_nonnull (strstr (html, "a&lt;b&gt;&amp;&quot;c&"));
  g_assert_nonnull (strstr (check.other_text->str, "a<b>&\"c'"));
  g_assert_nonnull (strstr (check.other_text->str, "t<&>"));

  html_check_clear (&check);
}

static void
test_html_export (void)
{
  g_autoptr(Story) story = story_new (10, FALSE);
  g_autofree char *path = work_path ("export.html");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *html = sluice_report_to_html (story->report);
  HtmlCheck check = { 0 };

  g_assert_true (sluice_report_write (story->report, file, sluice_report_output_for_filename (path), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, html);

  /* without a comparison there is no diff section, no deltas */
  check_html (written, &check);
  g_assert_false (g_hash_table_contains (check.ids, "diff"));
  g_assert_true (g_hash_table_contains (check.ids, "summary"));
  g_assert_null (strstr (written, "class=\"delta"));
  html_check_clear (&check);
}

/* ---- PDF ------------------------------------------------------------------- */

static guint
pdf_count_pages (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *count = NULL;

  /* cairo writes an uncompressed page tree: /Type /Pages … /Count N */
  for (const char *p = data; p < data + size - 6; p++)
    if (memcmp (p, "/Count", 6) == 0)
      count = p + 6;
  g_assert_nonnull (count);
  return (guint) g_ascii_strtoull (count, NULL, 10);
}

/* Returns: the page count pdfinfo reports, or 0 without pdfinfo */
static guint
pdfinfo_pages (const char *path)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *pages;

  if (pdfinfo == NULL)
    return 0;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              pdfinfo, path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + strlen ("Pages:"), " "), NULL, 10);
}

static guint
export_pdf (Story      *story,
            const char *name)
{
  g_autofree char *path = work_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;
  guint n_pages = 0, from_pdfinfo;

  g_assert_true (sluice_report_export_pdf (story->report, file, &n_pages, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);

  g_assert_cmpuint (size, >, 1000);
  g_assert_true (memcmp (g_bytes_get_data (bytes, NULL), "%PDF-", 5) == 0);
  /* and ends like one: a file cut short would not */
  g_assert_true (memcmp ((const char *) g_bytes_get_data (bytes, NULL) + size - 6, "%%EOF\n", 6) == 0);
  g_assert_cmpuint (pdf_count_pages (bytes), ==, n_pages);

  from_pdfinfo = pdfinfo_pages (path);
  if (from_pdfinfo == 0)
    g_test_message ("pdfinfo (poppler-utils) is not installed; the page count is checked from the PDF itself");
  else
    g_assert_cmpuint (from_pdfinfo, ==, n_pages);

  g_test_message ("%s: %u pages", name, n_pages);
  return n_pages;
}

static void
test_pdf (void)
{
  g_autoptr(Story) small = story_new (6, FALSE);
  g_autoptr(Story) large = story_new (400, TRUE);
  guint small_pages = export_pdf (small, "small.pdf");
  guint large_pages = export_pdf (large, "large.pdf");

  /* a title page with the summary and the treemap, then the tables and the workflow */
  g_assert_cmpuint (small_pages, >=, 2);
  g_assert_cmpuint (small_pages, <=, 4);
  /* 50 top entities and 50 that newly qualify take pages of their own */
  g_assert_cmpuint (large_pages, >=, small_pages + 2);

  /* the same report gives the same number of pages every time */
  {
    g_autoptr(GError) error = NULL;
    guint again = 0;
    g_autoptr(GBytes) bytes = sluice_report_to_pdf (large->report, &again, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (again, ==, large_pages);
  }
}

/* ---- charts ---------------------------------------------------------------- */

static double
overlap (const SluiceChartRect *a,
         const SluiceChartRect *b)
{
  double w = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
  double h = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);
  return w > 0 && h > 0 ? w * h : 0;
}

/* @rects tile @area: inside it, no overlaps, areas adding up to it, each
 * proportional to its weight. */
static void
assert_tiling (const SluiceChartRect *area,
               const double          *weights,
               const SluiceChartRect *rects,
               guint                  n)
{
  double total_weight = 0, total_area = 0;
  double eps = 1e-6 * MAX (area->width, area->height);

  for (guint i = 0; i < n; i++)
    total_weight += MAX (weights[i], 0);

  for (guint i = 0; i < n; i++)
    {
      const SluiceChartRect *r = &rects[i];
      double a = r->width * r->height;

      g_assert_cmpfloat (r->width, >=, 0);
      g_assert_cmpfloat (r->height, >=, 0);
      g_assert_cmpfloat (r->x, >=, area->x - eps);
      g_assert_cmpfloat (r->y, >=, area->y - eps);
      g_assert_cmpfloat (r->x + r->width, <=, area->x + area->width + eps);
      g_assert_cmpfloat (r->y + r->height, <=, area->y + area->height + eps);
      g_assert_cmpfloat_with_epsilon (a / (area->width * area->height),
                                      MAX (weights[i], 0) / total_weight, 1e-9);
      total_area += a;

      for (guint j = i + 1; j < n; j++)
        g_assert_cmpfloat (overlap (r, &rects[j]), <, 1e-9 * area->width * area->height);
    }
  g_assert_cmpfloat_with_epsilon (total_area, area->width * area->height, 1e-9 * area->width * area->height);
}

static void
test_squarify (void)
{
  static const SluiceChartRect areas[] = {
    { 0, 0, 800, 500 }, { 10, 20, 37, 913 }, { -5, 3, 1000, 1 }, { 0, 0, 1, 1 },
  };

  for (guint round = 0; round < 60; round++)
    {
      guint n = 1 + g_test_rand_int_range (0, 300);
      g_autofree double *weights = g_new (double, n);
      g_autofree SluiceChartRect *rects = g_new (SluiceChartRect, n);
      const SluiceChartRect *area = &areas[round % G_N_ELEMENTS (areas)];

      for (guint i = 0; i < n; i++)
        /* mostly small counts, a few large ones, some zeros */
        weights[i] = g_test_rand_int_range (0, 10) == 0 ? 0 : pow (g_test_rand_double_range (1, 30), 2);
      weights[0] = 5;

      sluice_treemap_squarify (weights, n, area, rects);
      assert_tiling (area, weights, rects, n);
      for (guint i = 0; i < n; i++)
        if (weights[i] == 0)
          g_assert_cmpfloat (rects[i].width * rects[i].height, ==, 0);
    }

  /* squarified: equal weights in a square come out as squares */
  {
    double weights[16];
    SluiceChartRect rects[16];
    SluiceChartRect square = { 0, 0, 400, 400 };

    for (guint i = 0; i < 16; i++)
      weights[i] = 1;
    sluice_treemap_squarify (weights, 16, &square, rects);
    for (guint i = 0; i < 16; i++)
      {
        g_assert_cmpfloat_with_epsilon (rects[i].width, 100, 1e-6);
        g_assert_cmpfloat_with_epsilon (rects[i].height, 100, 1e-6);
      }
  }
}

static void
test_treemap_layout (void)
{
  static const char * const tenants[] = { "t1", "t2", "t3", NULL };
  SluiceTreemapItem items[90];
  double weights[90];
  SluiceChartRect rects[90];
  SluiceChartRect area = { 0, 0, 640, 360 };
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n_tenants = 0, n_entities = 0;
  cairo_surface_t *surface;
  cairo_t *cr;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      char *name = g_strdup_printf ("acct-%u", i);

      g_ptr_array_add (names, name);
      items[i] = (SluiceTreemapItem) { name, tenants[i % 4], 1 + (i * 37) % 23, 0, i % SLUICE_CHART_N_CHANGES };
      if (items[i].change == SLUICE_CHART_CHANGE_DROPPED)
        items[i].before = items[i].actions + 2;
    }
  items[5].actions = 0;    /* no actions, no tile */
  items[5].change = SLUICE_CHART_CHANGE_SAME;

  /* drawing gives the same rectangles as laying out */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 360);
  cr = cairo_create (surface);
  hits = sluice_treemap_draw (cr, 640, 360, items, G_N_ELEMENTS (items), sluice_chart_palette_light ());
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  for (guint i = 0; i < hits->len; i++)
    {
      const SluiceTreemapHit *hit = &g_array_index (hits, SluiceTreemapHit, i);

      if (hit->entity == NULL)
        {
          g_assert_cmpuint (hit->index, ==, G_MAXUINT);
          n_tenants++;
          continue;
        }
      g_assert_cmpuint (hit->index, <, G_N_ELEMENTS (items));
      g_assert_true (hit->entity == items[hit->index].entity);
      g_assert_true (hit->tenant == items[hit->index].tenant);
      weights[n_entities] = SLUICE_TREEMAP_ITEM_SIZE (&items[hit->index]);
      rects[n_entities] = hit->rect;
      n_entities++;

      /* the middle of a tile is that tile */
      g_assert_true (sluice_treemap_hit_at (hits, hit->rect.x + hit->rect.width / 2,
                                            hit->rect.y + hit->rect.height / 2) == hit);
    }

  /* three tenants and "no tenant"; every item but the one without actions */
  g_assert_cmpuint (n_tenants, ==, 4);
  g_assert_cmpuint (n_entities, ==, G_N_ELEMENTS (items) - 1);
  /* entities tile the whole area, each in proportion to its actions */
  assert_tiling (&area, weights, rects, n_entities);

  /* and each lies in its tenant's area */
  for (guint i = n_tenants; i < hits->len; i++)
    {
      const SluiceTreemapHit *hit = &g_array_index (hits, SluiceTreemapHit, i);
      gboolean inside = FALSE;

      for (guint t = 0; t < n_tenants; t++)
        {
          const SluiceTreemapHit *tenant = &g_array_index (hits, SluiceTreemapHit, t);
          if (g_strcmp0 (tenant->tenant, hit->tenant) == 0)
            inside = overlap (&tenant->rect, &hit->rect) >= hit->rect.width * hit->rect.height * (1 - 1e-9);
        }
      g_assert_true (inside);
    }

  g_assert_null (sluice_treemap_hit_at (hits, -1, 10));
  g_assert_null (sluice_treemap_hit_at (hits, 10, 361));
}

static void
test_chart_svg (void)
{
  SluiceTreemapItem items[] = {
    { "a<1>", "t&1", 5, 0, SLUICE_CHART_CHANGE_NEW },
    { "b", "t&1", 3, 3, SLUICE_CHART_CHANGE_SAME },
    { "c", NULL, 0, 4, SLUICE_CHART_CHANGE_DROPPED },
  };
  SluiceBarItem bars[] = {
    { "email", 155, 0, NULL },
    { "ticket:ops", 30, 20, "30 of 20" },
  };
  g_autofree char *treemap = sluice_treemap_to_svg (items, G_N_ELEMENTS (items), sluice_chart_palette_dark (),
                                                    300, 200, "tm", "Blast <radius>");
  g_autofree char *bar_chart = sluice_bar_chart_to_svg (bars, G_N_ELEMENTS (bars), sluice_chart_palette_light (),
                                                        300, sluice_bar_chart_preferred_height (2), "bars", NULL);
  g_autofree char *page = g_strconcat ("<div>", treemap, bar_chart, "</div>", NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  GMarkupParser parser = { 0 };
  g_autoptr(GError) error = NULL;

  /* the same chart, the same text */
  {
    g_autofree char *again = sluice_treemap_to_svg (items, G_N_ELEMENTS (items), sluice_chart_palette_dark (),
                                                    300, 200, "tm", "Blast <radius>");
    g_assert_cmpstr (again, ==, treemap);
  }

  g_assert_true (g_str_has_prefix (treemap, "<svg class=\"chart\" width=\"300\" height=\"200\" viewBox=\"0 0 300 200\""));
  g_assert_nonnull (strstr (treemap, "<title id=\"tm-title\">Blast &lt;radius&gt;</title>"));
  g_assert_true (g_str_has_suffix (treemap, "</svg>"));
  /* ready to inline: no declaration, namespaces or xlink, ids of its own */
  for (const char *svg = treemap; svg != NULL; svg = svg == treemap ? bar_chart : NULL)
    {
      g_assert_null (strstr (svg, "<?xml"));
      g_assert_null (strstr (svg, "http"));
      g_assert_null (strstr (svg, "xlink:"));
    }
  g_assert_null (strstr (treemap, "id=\"glyph"));
  g_assert_nonnull (strstr (treemap, "id=\"tm-glyph"));
  g_assert_nonnull (strstr (treemap, "href=\"#tm-glyph"));
  g_assert_null (strstr (bar_chart, "\"#tm-"));
  g_assert_nonnull (strstr (bar_chart, "aria-hidden=\"true\""));

  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (context, page, -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
}

static void
test_impact_data (void)
{
  g_autoptr(Story) story = story_new (40, TRUE);
  JsonObject *result = sluice_report_get_result (story->report);
  JsonObject *before = sluice_report_get_comparison_result (story->report);
  JsonObject *diff = sluice_report_get_diff (story->report);
  g_autoptr(GPtrArray) headlines = sluice_report_headlines (result, before);
  g_autoptr(GArray) items = sluice_report_treemap_items (result, before, diff);
  g_autoptr(GArray) bars = sluice_report_destination_bars (result);
  g_autoptr(GArray) limits = sluice_report_limit_bars (result);
  SluiceReportHeadline *entities = g_ptr_array_index (headlines, 1);
  guint n_new = 0;

  g_assert_cmpuint (headlines->len, ==, 6);
  g_assert_cmpstr (entities->id, ==, "entities_matched");
  g_assert_cmpfloat (entities->number, ==, story->result->entities_matched);
  g_assert_cmpfloat (entities->delta_number, ==,
                     (double) story->result->entities_matched - story->comparison_result->entities_matched);
  g_assert_nonnull (entities->delta);
  g_assert_true (g_str_has_prefix (entities->delta, "+"));

  for (guint i = 0; i < items->len; i++)
    n_new += g_array_index (items, SluiceTreemapItem, i).change == SLUICE_CHART_CHANGE_NEW;
  g_assert_cmpuint (n_new, ==, story1_newly_qualify (40));

  /* record → timeline, notify → email, ticket → ticket:ops */
  g_assert_cmpuint (bars->len, ==, 3);
  /* two rate limits, each as a share of its limit */
  g_assert_cmpuint (limits->len, ==, 2);
  g_assert_cmpfloat (g_array_index (limits, SluiceBarItem, 0).limit, ==, 100);

  {
    g_autoptr(GPtrArray) alone = sluice_report_headlines (result, NULL);
    for (guint i = 0; i < alone->len; i++)
      g_assert_null (((SluiceReportHeadline *) g_ptr_array_index (alone, i))->delta);
  }
}

/* ---- the CLI ------------------------------------------------------------------ */

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
run_cli (const char *first,
         ...) G_GNUC_NULL_TERMINATED;

static CliResult *
run_cli (const char *first,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  const char *cli = g_getenv ("SLUICE_CLI");
  va_list args;

  if (cli == NULL)
    g_error ("SLUICE_CLI must name the sluice-cli binary to test");

  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_set_cwd (launcher, work_dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", result->status, result->out, result->err);
  return result;
}

/* Writes the workflows at 80 and 85 and the events into the work folder. */
static void
write_cli_inputs (void)
{
  g_autofree char *yaml80 = story1_yaml (80);
  g_autofree char *yaml85 = story1_yaml (85);
  g_autofree char *events = story1_events (40);
  g_autofree char *path80 = work_path ("quota-80.workflow.yaml");
  g_autofree char *path85 = work_path ("quota-85.workflow.yaml");
  g_autofree char *events_path = work_path ("events.jsonl");
  g_autofree char *broken = work_path ("broken.workflow.yaml");

  g_assert_true (g_file_set_contents (path80, yaml80, -1, NULL));
  g_assert_true (g_file_set_contents (path85, yaml85, -1, NULL));
  g_assert_true (g_file_set_contents (events_path, events, -1, NULL));
  g_assert_true (g_file_set_contents (broken, "apiVersion: sluice.dev/v1\nkind: Workflow\nspec: 3\n", -1, NULL));
}

static void
test_cli_report (void)
{
  static const char * const outputs[] = { "cli.sluice-report", "cli.html", "cli.pdf" };

  write_cli_inputs ();

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autoptr(CliResult) result = run_cli ("report", "quota-80.workflow.yaml", "--events", "events.jsonl",
                                             "--compare", "quota-85.workflow.yaml", "--output", outputs[i], NULL);
      g_autofree char *path = work_path (outputs[i]);
      g_autofree char *data = NULL;
      gsize length = 0;

      g_assert_cmpint (result->status, ==, 0);
      g_assert_nonnull (strstr (result->out, outputs[i]));
      g_assert_true (g_file_get_contents (path, &data, &length, NULL));

      switch (sluice_report_output_for_filename (outputs[i]))
        {
        case SLUICE_REPORT_OUTPUT_NATIVE:
          {
            g_autoptr(GError) error = NULL;
            g_autoptr(SluiceReport) report = sluice_report_load_from_data (data, length, &error);
            JsonObject *dataset;

            g_assert_no_error (error);
            dataset = sluice_report_get_dataset (report);
            /* a dataset in memory is named after its event file */
            g_assert_cmpstr (json_object_get_string_member (dataset, "file_name"), ==, "events.jsonl");
            g_assert_cmpint (json_object_get_int_member (sluice_report_get_diff (report), "added_entities"),
                             ==, story1_newly_qualify (40));
          }
          break;
        case SLUICE_REPORT_OUTPUT_HTML:
          {
            HtmlCheck check = { 0 };
            check_html (data, &check);
            g_assert_true (g_hash_table_contains (check.ids, "diff"));
            html_check_clear (&check);
          }
          break;
        case SLUICE_REPORT_OUTPUT_PDF:
          {
            g_autoptr(GBytes) bytes = g_bytes_new (data, length);
            guint from_pdfinfo = pdfinfo_pages (path);

            g_assert_true (memcmp (data, "%PDF-", 5) == 0);
            g_assert_cmpuint (pdf_count_pages (bytes), >=, 2);
            if (from_pdfinfo > 0)
              g_assert_cmpuint (from_pdfinfo, ==, pdf_count_pages (bytes));
          }
          break;
        case SLUICE_REPORT_OUTPUT_UNKNOWN:
        default:
          g_assert_not_reached ();
        }
    }
}

static void
test_cli_report_errors (void)
{
  write_cli_inputs ();

  {
    g_autoptr(CliResult) result = run_cli ("report", "quota-80.workflow.yaml", "--events", "events.jsonl",
                                           "--output", "report.docx", NULL);
    g_assert_cmpint (result->status, ==, 2);
    g_assert_nonnull (strstr (result->err, ".html, .pdf or .sluice-report"));
  }
  {
    g_autoptr(CliResult) result = run_cli ("report", "quota-80.workflow.yaml", "--events", "events.jsonl", NULL);
    g_assert_cmpint (result->status, ==, 2);
    g_assert_nonnull (strstr (result->err, "--output"));
  }
  {
    g_autoptr(CliResult) result = run_cli ("report", "quota-80.workflow.yaml", "--output", "x.html", NULL);
    g_assert_cmpint (result->status, ==, 2);
    g_assert_nonnull (strstr (result->err, "--dataset"));
  }
  {
    g_autoptr(CliResult) result = run_cli ("report", "broken.workflow.yaml", "--events", "events.jsonl",
                                           "--output", "broken.html", NULL);
    g_autofree char *path = work_path ("broken.html");

    g_assert_cmpint (result->status, ==, 1);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr(CliResult) result = run_cli ("report", "quota-80.workflow.yaml", "--events", "events.jsonl",
                                           "--output", "no-such-folder/x.html", NULL);
    g_assert_cmpint (result->status, ==, 2);
    g_assert_nonnull (strstr (result->err, "cannot write"));
  }
  {
    g_autoptr(CliResult) result = run_cli ("report", "--help", NULL);
    g_assert_cmpint (result->status, ==, 0);
    g_assert_nonnull (strstr (result->out, "--compare"));
    g_assert_nonnull (strstr (result->out, "--output"));
  }
  {
    g_autoptr(CliResult) result = run_cli ("--help", NULL);
    g_assert_nonnull (strstr (result->out, "report"));
  }
}

static void
test_cli_fail_if (void)
{
  g_autofree char *entities = NULL;

  write_cli_inputs ();

  /* holds: the normal output, then which gate, and exit 1 */
  {
    g_autoptr(CliResult) result = run_cli ("simulate", "quota-80.workflow.yaml", "--events", "events.jsonl",
                                           "--format", "json", "--fail-if", "entities_matched > 5",
                                           "--fail-if", "runs < 0", NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (result->status, ==, 1);
    g_assert_true (json_parser_load_from_data (parser, result->out, -1, &error));
    g_assert_no_error (error);
    entities = g_strdup_printf ("%" PRId64,
                                json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                                            "entities_matched"));
    g_assert_nonnull (strstr (result->err, "“entities_matched > 5” holds"));
    g_assert_nonnull (strstr (result->err, entities));
    g_assert_null (strstr (result->err, "runs < 0"));
  }

  /* a step's actions, without spaces */
  {
    g_autoptr(CliResult) result = run_cli ("simulate", "quota-80.workflow.yaml", "--events", "events.jsonl",
                                           "--no-record", "--fail-if", "actions.notify-owner>=1", NULL);
    g_assert_cmpint (result->status, ==, 1);
    g_assert_nonnull (strstr (result->out, "Events matched"));
    g_assert_nonnull (strstr (result->err, "actions.notify-owner>=1"));
  }

  /* only the gates that hold are named */
  {
    g_autoptr(CliResult) result = run_cli ("simulate", "quota-80.workflow.yaml", "--events", "events.jsonl",
                                           "--fail-if", "entities_matched > 100000",
                                           "--fail-if", "actions.open-ticket == 0.5",
                                           "--fail-if", "actions_total != 0", NULL);
    g_assert_cmpint (result->status, ==, 1);
    g_assert_nonnull (strstr (result->err, "actions_total != 0"));
    g_assert_null (strstr (result->err, "100000"));
  }
  {
    g_autoptr(CliResult) result = run_cli ("simulate", "quota-80.workflow.yaml", "--events", "events.jsonl",
                                           "--fail-if", "entities_matched >= 100000",
                                           "--fail-if", "events_matched <= -1", NULL);
    /* none holds: exit 0 */
    g_assert_cmpint (result->status, ==, 0);
    g_assert_null (strstr (result->err, "holds"));
  }

  /* bad expressions: exit 2, a clear message, no output */
  {
    static const struct { const char *expr; const char *words; } bad[] = {
      { "entities_matched >> 5", "not a number" },
      { "entities_matched = 5", "operator" },
      { "entities_matched 5", "operator" },
      { "entities_matched >", "not a number" },
      { "> 5", "no KEY" },
      { "entities_matched > 5 apples", "more after the number" },
      { "bogus > 1", "no number “bogus”" },
      { "actions.no-such-step > 1", "actions.record-nudge" },
      { "scope.from > 1", "no number" },
      { "nothing.here > 1", "no group" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(CliResult) result = run_cli ("simulate", "quota-80.workflow.yaml", "--events", "events.jsonl",
                                               "--fail-if", bad[i].expr, NULL);

        g_assert_cmpint (result->status, ==, 2);
        g_assert_cmpstr (result->out, ==, "");
        g_assert_nonnull (strstr (result->err, bad[i].expr));
        g_assert_nonnull (strstr (result->err, bad[i].words));
        g_assert_nonnull (strstr (result->err, "KEY OP NUMBER"));
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("sluice-test-report-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/report/file/round-trip", test_round_trip);
  g_test_add_func ("/report/file/without-comparison", test_without_comparison);
  g_test_add_func ("/report/file/truncated", test_truncated);
  g_test_add_func ("/report/file/wrong-format", test_wrong_format);
  g_test_add_func ("/report/html/contents", test_html);
  g_test_add_func ("/report/html/export", test_html_export);
  g_test_add_func ("/report/pdf/pages", test_pdf);
  g_test_add_func ("/report/charts/squarify", test_squarify);
  g_test_add_func ("/report/charts/treemap-layout", test_treemap_layout);
  g_test_add_func ("/report/charts/svg", test_chart_svg);
  g_test_add_func ("/report/impact-data", test_impact_data);
  g_test_add_func ("/report/cli/report", test_cli_report);
  g_test_add_func ("/report/cli/report-errors", test_cli_report_errors);
  g_test_add_func ("/report/cli/simulate-fail-if", test_cli_fail_if);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (work_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (work_dir);
    g_free (work_dir);
  }

  return status;
}
