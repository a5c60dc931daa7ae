/* sluice-report.c
 *
 * A report is one JSON document. It is written whole with
 * g_file_replace_contents(), which goes through a temporary file and a
 * rename, so a reader never sees half of one; a file that was cut off on
 * the way (a copy, a download) is told apart from one that is not a
 * report at all, because the two need different advice.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-json.h"
#include "sluice-report.h"
#include "sluice-sim-diff.h"
#include "sluice-time.h"

struct _SluiceReport
{
  GObject   parent_instance;

  JsonNode *document;
};

G_DEFINE_FINAL_TYPE (SluiceReport, sluice_report, G_TYPE_OBJECT)

G_DEFINE_QUARK (sluice-report-error-quark, sluice_report_error)

static void
sluice_report_finalize (GObject *object)
{
  SluiceReport *self = SLUICE_REPORT (object);

  g_clear_pointer (&self->document, json_node_unref);

  G_OBJECT_CLASS (sluice_report_parent_class)->finalize (object);
}

static void
sluice_report_class_init (SluiceReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sluice_report_finalize;
}

static void
sluice_report_init (SluiceReport *self)
{
}

static JsonObject *
root (SluiceReport *self)
{
  return json_node_get_object (self->document);
}

/* ---- building ------------------------------------------------------------- */

static void
member_string (JsonBuilder *builder,
               const char  *name,
               const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
member_node (JsonBuilder *builder,
             const char  *name,
             JsonNode    *node)
{
  json_builder_set_member_name (builder, name);
  if (node != NULL)
    json_builder_add_value (builder, node);
  else
    json_builder_add_null_value (builder);
}

static JsonNode *
workflow_to_json (SluiceWorkflow *workflow)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *digest = sluice_workflow_get_digest (workflow);
  g_autofree char *yaml = sluice_workflow_to_yaml (workflow);
  gint64 version = sluice_workflow_get_version (workflow);

  json_builder_begin_object (builder);
  member_string (builder, "name", sluice_workflow_get_name (workflow));
  json_builder_set_member_name (builder, "version");
  if (version > 0)
    json_builder_add_int_value (builder, version);
  else
    json_builder_add_null_value (builder);
  member_string (builder, "digest", digest);
  member_string (builder, "yaml", yaml);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
dataset_to_json (SluiceEventStore *store)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *digest = sluice_event_store_get_digest (store);
  g_autofree char *file_name = NULL;
  const char *path = sluice_event_store_get_path (store);
  gint64 first = 0, last = 0;
  gboolean has_range = sluice_event_store_get_time_range (store, &first, &last);

  /* an in-memory dataset has no name of its own; see set_dataset_name */
  if (path != NULL && *path != '\0' && !g_str_equal (path, ":memory:"))
    file_name = g_path_get_basename (path);

  json_builder_begin_object (builder);
  member_string (builder, "digest", digest);
  member_string (builder, "file_name", file_name);
  json_builder_set_member_name (builder, "events");
  json_builder_add_int_value (builder, sluice_event_store_count_events (store));
  if (has_range)
    {
      g_autofree char *first_text = sluice_time_format (first);
      g_autofree char *last_text = sluice_time_format (last);

      member_string (builder, "first_event", first_text);
      member_string (builder, "last_event", last_text);
    }
  else
    {
      member_string (builder, "first_event", NULL);
      member_string (builder, "last_event", NULL);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
author_name (void)
{
  const char *real = g_get_real_name ();

  /* GLib says "Unknown" when the password database has no name */
  if (real != NULL && *real != '\0' && !g_str_equal (real, "Unknown"))
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

/**
 * sluice_report_new:
 * @workflow: the version under review
 * @comparison: (nullable): the version it is compared with
 * @result: @workflow's dry run
 * @comparison_result: (nullable): @comparison's dry run over the same scope
 * @store: the dataset both ran over
 *
 * Builds a report now, by the current user. The diff lists the entities
 * @workflow newly acts on (against @comparison) and those it drops.
 */
SluiceReport *
sluice_report_new (SluiceWorkflow   *workflow,
                   SluiceWorkflow   *comparison,
                   SluiceSimResult  *result,
                   SluiceSimResult  *comparison_result,
                   SluiceEventStore *store)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *author = author_name ();
  SluiceReport *self;

  g_return_val_if_fail (SLUICE_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (comparison == NULL || SLUICE_IS_WORKFLOW (comparison), NULL);
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail ((comparison == NULL) == (comparison_result == NULL), NULL);
  g_return_val_if_fail (SLUICE_IS_EVENT_STORE (store), NULL);

  json_builder_begin_object (builder);
  member_string (builder, "format", SLUICE_REPORT_FORMAT);
  member_string (builder, "created", created);
  member_string (builder, "author", author);
  member_string (builder, "generator", "Sluice " PACKAGE_VERSION);
  member_node (builder, "workflow", workflow_to_json (workflow));
  member_node (builder, "comparison", comparison ? workflow_to_json (comparison) : NULL);
  member_node (builder, "dataset", dataset_to_json (store));
  member_node (builder, "scope", sluice_scope_to_json (result->scope));
  member_node (builder, "result", sluice_sim_result_to_json (result, SLUICE_REPORT_MAX_ENTITIES));
  member_node (builder, "comparison_result",
               comparison_result ? sluice_sim_result_to_json (comparison_result, SLUICE_REPORT_MAX_ENTITIES) : NULL);
  if (comparison_result != NULL)
    {
      g_autoptr(SluiceSimDiff) diff = sluice_sim_diff_new (comparison_result, result);
      member_node (builder, "diff", sluice_sim_diff_to_json (diff, SLUICE_REPORT_MAX_ENTITIES));
    }
  else
    member_node (builder, "diff", NULL);
  json_builder_end_object (builder);

  self = g_object_new (SLUICE_TYPE_REPORT, NULL);
  self->document = json_builder_get_root (builder);
  return self;
}

/**
 * sluice_report_set_dataset_name:
 * @name: (nullable): what to call the dataset, e.g. the event file it was
 *   imported from when it only lived in memory
 */
void
sluice_report_set_dataset_name (SluiceReport *self,
                                const char   *name)
{
  JsonObject *dataset;

  g_return_if_fail (SLUICE_IS_REPORT (self));

  dataset = sluice_report_get_dataset (self);
  if (name != NULL)
    json_object_set_string_member (dataset, "file_name", name);
  else
    json_object_set_null_member (dataset, "file_name");
}

/* ---- loading ---------------------------------------------------------------- */

/* Whether @data stops inside a string, an object or an array: what a JSON
 * document looks like when the end of its file is missing. */
static gboolean
json_text_is_cut_off (const char *data,
                      gsize       length)
{
  gboolean in_string = FALSE, escaped = FALSE, seen_any = FALSE;
  gssize depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '{':
        case '[':
          depth++;
          seen_any = TRUE;
          break;
        case '}':
        case ']':
          depth--;
          break;
        default:
          break;
        }
    }
  return seen_any && (in_string || depth > 0);
}

static gboolean
check_object_member (JsonObject  *object,
                     const char  *member,
                     gboolean     nullable,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  if (nullable && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return TRUE;

  g_set_error (error, SLUICE_REPORT_ERROR, SLUICE_REPORT_ERROR_DAMAGED,
               _("The report is damaged: its “%s” part is missing or not an object. "
                 "Make the report again from the workflow and the dataset."),
               member);
  return FALSE;
}

static gboolean
check_string_member (JsonObject  *object,
                     const char  *member,
                     const char  *where,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return TRUE;

  g_set_error (error, SLUICE_REPORT_ERROR, SLUICE_REPORT_ERROR_DAMAGED,
               _("The report is damaged: “%s” of its “%s” part is missing or not text. "
                 "Make the report again from the workflow and the dataset."),
               member, where);
  return FALSE;
}

static gboolean
check_format (JsonObject  *object,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, "format");
  const char *format;
  guint64 version = 0;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, SLUICE_REPORT_ERROR, SLUICE_REPORT_ERROR_NOT_A_REPORT,
                   _("This is not a Sluice report: it is JSON, but it does not say it is in format %s."),
                   SLUICE_REPORT_FORMAT);
      return FALSE;
    }

  format = json_node_get_string (node);
  if (g_str_equal (format, SLUICE_REPORT_FORMAT))
    return TRUE;

  if (g_str_has_prefix (format, SLUICE_REPORT_FORMAT_PREFIX)
      && g_ascii_string_to_unsigned (format + strlen (SLUICE_REPORT_FORMAT_PREFIX), 10, 1, G_MAXUINT64,
                                     &version, NULL)
      && version > 1)
    {
      g_set_error (error, SLUICE_REPORT_ERROR, SLUICE_REPORT_ERROR_NEWER_FORMAT,
                   _("This report is in format %s, from a newer version of Sluice; this version reads %s. "
                     "Update Sluice to open it."),
                   format, SLUICE_REPORT_FORMAT);
      return FALSE;
    }

  g_set_error (error, SLUICE_REPORT_ERROR, SLUICE_REPORT_ERROR_NOT_A_REPORT,
               _("This is not a Sluice report: its format is “%s”, not %s."),
               format, SLUICE_REPORT_FORMAT);
  return FALSE;
}

/**
 * sluice_report_new_from_json:
 * @document: a parsed report
 *
 * Checks the format and that every part is there.
 *
 * Returns: (transfer full) (nullable): the report, holding a reference to
 *   @document
 */
SluiceReport *
sluice_report_new_from_json (JsonNode  *document,
                             GError   **error)
{
  SluiceReport *self;
  JsonObject *object;
  static const char * const required[] = { "workflow", "dataset", "scope", "result" };
  static const char * const optional[] = { "comparison", "comparison_result", "diff" };

  g_return_val_if_fail (document != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (document))
    {
      g_set_error (error, SLUICE_REPORT_ERROR, SLUICE_REPORT_ERROR_NOT_A_REPORT,
                   _("This is not a Sluice report: it is JSON, but not an object."));
      return NULL;
    }
  object = json_node_get_object (document);

  if (!check_format (object, error))
    return NULL;
  if (!check_string_member (object, "created", _("report"), error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!check_object_member (object, required[i], FALSE, error))
      return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    if (!check_object_member (object, optional[i], TRUE, error))
      return NULL;
  if (!check_string_member (json_object_get_object_member (object, "workflow"), "yaml", "workflow", error)
      || !check_string_member (json_object_get_object_member (object, "workflow"), "digest", "workflow", error))
    return NULL;
  if (json_object_get_member (object, "comparison") != NULL
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "comparison"))
      && !check_object_member (object, "comparison_result", FALSE, error))
    return NULL;

  self = g_object_new (SLUICE_TYPE_REPORT, NULL);
  self->document = json_node_ref (document);
  return self;
}

/**
 * sluice_report_load_from_data:
 *
 * Returns: (transfer full) (nullable): the report in @data; otherwise
 *   %NULL with an error that says whether the file is not a report, was
 *   cut off, is damaged, or is from a newer Sluice
 */
SluiceReport *
sluice_report_load_from_data (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  gsize start = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  while (start < length && g_ascii_isspace (data[start]))
    start++;
  if (start == length)
    {
      g_set_error (error, SLUICE_REPORT_ERROR, SLUICE_REPORT_ERROR_TRUNCATED,
                   _("The report is empty: nothing was written to the file. Get the file again."));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      if (data[start] == '{' && json_text_is_cut_off (data, length))
        g_set_error (error, SLUICE_REPORT_ERROR, SLUICE_REPORT_ERROR_TRUNCATED,
                     _("The report is incomplete: the file ends in the middle of the document, "
                       "so it was cut off while being written or copied. Get the file again."));
      else
        g_set_error (error, SLUICE_REPORT_ERROR, SLUICE_REPORT_ERROR_NOT_A_REPORT,
                     _("This is not a Sluice report: it is not a JSON document (%s)."),
                     parse_error->message);
      return NULL;
    }

  return sluice_report_new_from_json (json_parser_get_root (parser), error);
}

/**
 * sluice_report_load:
 *
 * Returns: (transfer full) (nullable): the report in @file
 */
SluiceReport *
sluice_report_load (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, error))
    return NULL;
  return sluice_report_load_from_data (data, length, error);
}

/* ---- saving ------------------------------------------------------------------ */

/* Returns: (transfer full): the report file's bytes, indented JSON */
char *
sluice_report_to_data (SluiceReport *self,
                       gsize        *length)
{
  g_autofree char *text = NULL;
  char *data;

  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);

  text = sluice_json_to_string (self->document, TRUE);
  data = g_strconcat (text, "\n", NULL);
  if (length != NULL)
    *length = strlen (data);
  return data;
}

/**
 * sluice_report_save:
 *
 * Writes the report to @file atomically: the old file, if any, stays
 * whole until the new one is.
 */
gboolean
sluice_report_save (SluiceReport  *self,
                    GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (SLUICE_IS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = sluice_report_to_data (self, &length);
  return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, cancellable, error);
}

/**
 * sluice_report_output_for_filename:
 *
 * Returns: what a file of this name should hold, by its extension
 */
SluiceReportOutput
sluice_report_output_for_filename (const char *filename)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (filename != NULL, SLUICE_REPORT_OUTPUT_UNKNOWN);

  lower = g_ascii_strdown (filename, -1);
  if (g_str_has_suffix (lower, SLUICE_REPORT_EXTENSION))
    return SLUICE_REPORT_OUTPUT_NATIVE;
  if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm") || g_str_has_suffix (lower, ".xhtml"))
    return SLUICE_REPORT_OUTPUT_HTML;
  if (g_str_has_suffix (lower, ".pdf"))
    return SLUICE_REPORT_OUTPUT_PDF;
  return SLUICE_REPORT_OUTPUT_UNKNOWN;
}

/**
 * sluice_report_write:
 * @output: the report file itself, or an HTML or PDF export of it
 *
 * Saves or exports to @file, atomically in every case.
 */
gboolean
sluice_report_write (SluiceReport        *self,
                     GFile               *file,
                     SluiceReportOutput   output,
                     GCancellable        *cancellable,
                     GError             **error)
{
  g_return_val_if_fail (SLUICE_IS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  switch (output)
    {
    case SLUICE_REPORT_OUTPUT_NATIVE:
      return sluice_report_save (self, file, cancellable, error);
    case SLUICE_REPORT_OUTPUT_HTML:
      return sluice_report_export_html (self, file, cancellable, error);
    case SLUICE_REPORT_OUTPUT_PDF:
      return sluice_report_export_pdf (self, file, NULL, cancellable, error);
    case SLUICE_REPORT_OUTPUT_UNKNOWN:
    default:
      g_set_error (error, SLUICE_REPORT_ERROR, SLUICE_REPORT_ERROR_EXPORT,
                   _("Cannot tell which format to write: name the file .html, .pdf or %s."),
                   SLUICE_REPORT_EXTENSION);
      return FALSE;
    }
}

/* ---- parts ------------------------------------------------------------------- */

static JsonObject *
object_member (SluiceReport *self,
               const char   *member)
{
  JsonNode *node = json_object_get_member (root (self), member);
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Returns: (transfer none): the whole document */
JsonNode *
sluice_report_get_document (SluiceReport *self)
{
  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);
  return self->document;
}

/* Returns: when the report was made, RFC 3339 in UTC */
const char *
sluice_report_get_created (SluiceReport *self)
{
  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);
  return json_object_get_string_member_with_default (root (self), "created", NULL);
}

/* Returns: (nullable): who made the report */
const char *
sluice_report_get_author (SluiceReport *self)
{
  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);
  return json_object_get_string_member_with_default (root (self), "author", NULL);
}

/* Returns: (transfer none): name, version, digest and yaml of the workflow */
JsonObject *
sluice_report_get_workflow (SluiceReport *self)
{
  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);
  return object_member (self, "workflow");
}

/* Returns: (transfer none) (nullable): the comparison version, like the workflow */
JsonObject *
sluice_report_get_comparison (SluiceReport *self)
{
  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);
  return object_member (self, "comparison");
}

/* Returns: (transfer none): digest, file_name, events, first_event, last_event */
JsonObject *
sluice_report_get_dataset (SluiceReport *self)
{
  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);
  return object_member (self, "dataset");
}

/* Returns: (transfer none): as sluice_scope_to_json() */
JsonObject *
sluice_report_get_scope (SluiceReport *self)
{
  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);
  return object_member (self, "scope");
}

/* Returns: (transfer none): as sluice_sim_result_to_json(), findings included */
JsonObject *
sluice_report_get_result (SluiceReport *self)
{
  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);
  return object_member (self, "result");
}

/* Returns: (transfer none) (nullable): the comparison version's result */
JsonObject *
sluice_report_get_comparison_result (SluiceReport *self)
{
  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);
  return object_member (self, "comparison_result");
}

/* Returns: (transfer none) (nullable): as sluice_sim_diff_to_json(), before
 *   the comparison and after the workflow */
JsonObject *
sluice_report_get_diff (SluiceReport *self)
{
  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);
  return object_member (self, "diff");
}

/* Returns: (transfer full): "Impact of usage-quota-80, version 1" */
char *
sluice_report_get_title (SluiceReport *self)
{
  JsonObject *workflow;
  const char *name;
  gint64 version;

  g_return_val_if_fail (SLUICE_IS_REPORT (self), NULL);

  workflow = sluice_report_get_workflow (self);
  name = json_object_get_string_member_with_default (workflow, "name", NULL);
  version = json_object_get_int_member_with_default (workflow, "version", 0);
  if (name == NULL)
    name = _("an unnamed workflow");
  if (version > 0)
    return g_strdup_printf (_("Impact of %s, version %" PRId64), name, version);
  return g_strdup_printf (_("Impact of %s"), name);
}
