/* sluice-workflow.c
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sluice-json.h"
#include "sluice-workflow.h"
#include "sluice-yaml-tree.h"

struct _SluiceWorkflow
{
  GObject          parent_instance;

  JsonObject      *metadata;
  char            *entity_key;
  GPtrArray       *steps;       /* SluiceStep; a trigger, if any, first */
  JsonObject      *safety;      /* NULL when the document has none */
  JsonObject      *layout;      /* NULL when the document has none */
  SluiceSourceMap *source_map;  /* NULL unless loaded from text */
};

G_DEFINE_FINAL_TYPE (SluiceWorkflow, sluice_workflow, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sluice_workflow_finalize (GObject *object)
{
  SluiceWorkflow *self = (SluiceWorkflow *) object;

  g_clear_pointer (&self->metadata, json_object_unref);
  g_clear_pointer (&self->entity_key, g_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->safety, json_object_unref);
  g_clear_pointer (&self->layout, json_object_unref);
  g_clear_pointer (&self->source_map, g_hash_table_unref);

  G_OBJECT_CLASS (sluice_workflow_parent_class)->finalize (object);
}

static void
sluice_workflow_class_init (SluiceWorkflowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sluice_workflow_finalize;

  /**
   * SluiceWorkflow::changed:
   *
   * Emitted after any edit of the model, so views can refresh.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
sluice_workflow_init (SluiceWorkflow *self)
{
  self->metadata = json_object_new ();
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_step_unref);
}

SluiceWorkflow *
sluice_workflow_new (const char *name)
{
  SluiceWorkflow *self = g_object_new (SLUICE_TYPE_WORKFLOW, NULL);

  if (name != NULL)
    json_object_set_string_member (self->metadata, "name", name);
  json_object_set_int_member (self->metadata, "version", 1);

  return self;
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
dup_object (JsonObject *object)
{
  return object != NULL ? sluice_json_object_deep_copy (object) : NULL;
}

static void
add_step_from_json (SluiceWorkflow *self,
                    JsonNode       *node,
                    const char     *path)
{
  g_autoptr(SluiceStep) step = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  step = sluice_step_new_from_json (json_node_get_object (node));
  if (step == NULL)
    return;
  sluice_step_set_source_path (step, path);
  g_ptr_array_add (self->steps, g_steal_pointer (&step));
}

/**
 * sluice_workflow_new_from_json:
 * @document: a workflow as sluice_schema_read() gives it
 *
 * Builds the model from a document that has passed the schema; the model
 * copies what it keeps.
 *
 * Returns: (transfer full): the workflow
 */
SluiceWorkflow *
sluice_workflow_new_from_json (JsonNode *document)
{
  g_autoptr(JsonNode) copy = NULL;
  SluiceWorkflow *self;
  JsonObject *root, *spec;
  JsonNode *steps;

  g_return_val_if_fail (document != NULL && JSON_NODE_HOLDS_OBJECT (document), NULL);

  copy = sluice_json_deep_copy (document);
  root = json_node_get_object (copy);
  spec = object_member (root, "spec");

  self = g_object_new (SLUICE_TYPE_WORKFLOW, NULL);

  if (object_member (root, "metadata"))
    {
      json_object_unref (self->metadata);
      self->metadata = json_object_ref (object_member (root, "metadata"));
    }

  if (spec != NULL)
    {
      self->entity_key = g_strdup (json_object_get_string_member_with_default (spec, "entityKey", NULL));
      add_step_from_json (self, json_object_get_member (spec, "trigger"), "spec.trigger");

      steps = json_object_get_member (spec, "steps");
      if (steps != NULL && JSON_NODE_HOLDS_ARRAY (steps))
        {
          JsonArray *array = json_node_get_array (steps);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *path = g_strdup_printf ("spec.steps[%u]", i);
              add_step_from_json (self, json_array_get_element (array, i), path);
            }
        }

      if (object_member (spec, "safety"))
        self->safety = json_object_ref (object_member (spec, "safety"));
    }

  if (object_member (root, "layout"))
    self->layout = json_object_ref (object_member (root, "layout"));

  return self;
}

static gboolean
check_document_kind (const SluiceYamlNode *root,
                     SluiceDiagnostics    *diagnostics)
{
  static const char * const keys[] = { "apiVersion", "kind" };
  gboolean ok = TRUE;

  if (root->kind != SLUICE_YAML_MAPPING)
    {
      sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "schema/type", root->line, root->column,
                              _("A workflow is a mapping that starts with apiVersion and kind, not %s"),
                              sluice_yaml_kind_describe (root));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (sluice_yaml_mapping_lookup (root, keys[i]) == NULL)
        {
          sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "schema/required", 1, 1,
                                  _("The document has no “%s”; a workflow starts with “apiVersion: %s” and “kind: Workflow”"),
                                  keys[i], SLUICE_API_VERSION);
          ok = FALSE;
        }
    }

  return ok;
}

/**
 * sluice_workflow_load_from_data:
 * @text: the YAML text
 * @length: its length in bytes
 * @diagnostics: where every problem found is added, with its position
 *
 * Reads a workflow document. Everything wrong with the text — YAML syntax,
 * unsupported YAML features, unknown keys, wrong types — is reported, not
 * just the first problem. Policy checks are sluice_workflow_validate()'s job.
 *
 * Returns: (transfer full) (nullable): the workflow, or %NULL when an
 *   error was reported
 */
SluiceWorkflow *
sluice_workflow_load_from_data (const char        *text,
                                gsize              length,
                                SluiceDiagnostics *diagnostics)
{
  g_autoptr(SluiceYamlNode) root = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GHashTable) source_map = NULL;
  SluiceSchemaContext context;
  SluiceWorkflow *self;
  guint errors_before;

  g_return_val_if_fail (diagnostics != NULL, NULL);

  errors_before = sluice_diagnostics_count (diagnostics, SLUICE_SEVERITY_ERROR);

  root = sluice_yaml_read (text, length, diagnostics);
  if (root == NULL)
    return NULL;

  if (!check_document_kind (root, diagnostics))
    return NULL;

  source_map = sluice_source_map_new ();
  context.diagnostics = diagnostics;
  context.source_map = source_map;
  document = sluice_schema_read (sluice_schema_workflow (), root, "", &context);

  if (document == NULL || sluice_diagnostics_count (diagnostics, SLUICE_SEVERITY_ERROR) > errors_before)
    return NULL;

  self = sluice_workflow_new_from_json (document);
  self->source_map = g_steal_pointer (&source_map);

  return self;
}

/**
 * sluice_workflow_load_from_file:
 * @error: set only when the file cannot be read at all
 *
 * Like sluice_workflow_load_from_data(), for a file. Files over the size
 * limit are refused before they are read.
 */
SluiceWorkflow *
sluice_workflow_load_from_file (GFile             *file,
                                SluiceDiagnostics *diagnostics,
                                GError           **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a workflow file"), g_file_peek_path (file));
      return NULL;
    }

  if (g_file_info_get_size (info) > SLUICE_YAML_MAX_SIZE)
    {
      sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "yaml/too-large", 0, 0,
                              _("The file is %" PRId64 " bytes; workflows are limited to %d bytes"),
                              g_file_info_get_size (info), SLUICE_YAML_MAX_SIZE);
      return NULL;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;

  return sluice_workflow_load_from_data (contents, length, diagnostics);
}

/**
 * sluice_workflow_to_json:
 * @with_layout: whether to include the canvas layout
 *
 * Returns: (transfer full): the document as JSON, shaped like its YAML
 */
JsonNode *
sluice_workflow_to_json (SluiceWorkflow *self,
                         gboolean        with_layout)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonObject) spec = json_object_new ();
  g_autoptr(JsonArray) steps = json_array_new ();
  JsonNode *node;
  guint first = 0;

  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);

  json_object_set_string_member (root, "apiVersion", SLUICE_API_VERSION);
  json_object_set_string_member (root, "kind", "Workflow");
  json_object_set_object_member (root, "metadata", dup_object (self->metadata));

  if (self->steps->len > 0
      && sluice_step_type_is_trigger (sluice_step_get_step_type (g_ptr_array_index (self->steps, 0))))
    {
      json_object_set_object_member (spec, "trigger",
                                     dup_object (sluice_step_get_json (g_ptr_array_index (self->steps, 0))));
      first = 1;
    }
  if (self->entity_key != NULL)
    json_object_set_string_member (spec, "entityKey", self->entity_key);
  for (guint i = first; i < self->steps->len; i++)
    json_array_add_object_element (steps, dup_object (sluice_step_get_json (g_ptr_array_index (self->steps, i))));
  if (json_array_get_length (steps) > 0)
    json_object_set_array_member (spec, "steps", g_steal_pointer (&steps));
  if (self->safety != NULL)
    json_object_set_object_member (spec, "safety", dup_object (self->safety));
  json_object_set_object_member (root, "spec", g_steal_pointer (&spec));

  if (with_layout && self->layout != NULL)
    json_object_set_object_member (root, "layout", dup_object (self->layout));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  return node;
}

/**
 * sluice_workflow_to_yaml:
 *
 * The canonical YAML of the document: the same model always gives the
 * same bytes.
 */
char *
sluice_workflow_to_yaml (SluiceWorkflow *self)
{
  g_autoptr(JsonNode) json = NULL;

  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);

  json = sluice_workflow_to_json (self, TRUE);
  return sluice_schema_write_yaml (sluice_schema_workflow (), json);
}

/**
 * sluice_workflow_get_digest:
 *
 * A SHA-256 of the canonical document *without* its layout: moving a node
 * on the canvas does not make a new version, changing behaviour does.
 *
 * Returns: (transfer full): "sha256:<hex>"
 */
char *
sluice_workflow_get_digest (SluiceWorkflow *self)
{
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *yaml = NULL;
  g_autofree char *hex = NULL;

  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);

  json = sluice_workflow_to_json (self, FALSE);
  yaml = sluice_schema_write_yaml (sluice_schema_workflow (), json);
  hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, yaml, -1);
  return g_strconcat ("sha256:", hex, NULL);
}

SluiceWorkflow *
sluice_workflow_copy (SluiceWorkflow *self)
{
  g_autoptr(JsonNode) json = NULL;

  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);

  json = sluice_workflow_to_json (self, TRUE);
  return sluice_workflow_new_from_json (json);
}

/* Two workflows are equal when their canonical documents are. */
gboolean
sluice_workflow_equal (SluiceWorkflow *a,
                       SluiceWorkflow *b)
{
  g_autofree char *ya = NULL;
  g_autofree char *yb = NULL;

  g_return_val_if_fail (SLUICE_IS_WORKFLOW (a), FALSE);
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (b), FALSE);

  ya = sluice_workflow_to_yaml (a);
  yb = sluice_workflow_to_yaml (b);
  return g_strcmp0 (ya, yb) == 0;
}

/**
 * sluice_workflow_changed:
 *
 * Call after editing the model (or a step of it) in place: the source
 * positions no longer hold, and views are told.
 */
void
sluice_workflow_changed (SluiceWorkflow *self)
{
  g_return_if_fail (SLUICE_IS_WORKFLOW (self));

  g_clear_pointer (&self->source_map, g_hash_table_unref);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
sluice_workflow_get_name (SluiceWorkflow *self)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);
  return json_object_get_string_member_with_default (self->metadata, "name", NULL);
}

void
sluice_workflow_set_name (SluiceWorkflow *self,
                          const char     *name)
{
  g_return_if_fail (SLUICE_IS_WORKFLOW (self));
  json_object_set_string_member (self->metadata, "name", name);
  sluice_workflow_changed (self);
}

gint64
sluice_workflow_get_version (SluiceWorkflow *self)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), 0);
  return json_object_get_int_member_with_default (self->metadata, "version", 0);
}

void
sluice_workflow_set_version (SluiceWorkflow *self,
                             gint64          version)
{
  g_return_if_fail (SLUICE_IS_WORKFLOW (self));
  json_object_set_int_member (self->metadata, "version", version);
  sluice_workflow_changed (self);
}

const char *
sluice_workflow_get_description (SluiceWorkflow *self)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);
  return json_object_get_string_member_with_default (self->metadata, "description", NULL);
}

void
sluice_workflow_set_description (SluiceWorkflow *self,
                                 const char     *description)
{
  g_return_if_fail (SLUICE_IS_WORKFLOW (self));
  if (description == NULL || *description == '\0')
    json_object_remove_member (self->metadata, "description");
  else
    json_object_set_string_member (self->metadata, "description", description);
  sluice_workflow_changed (self);
}

JsonObject *
sluice_workflow_get_metadata (SluiceWorkflow *self)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);
  return self->metadata;
}

const char *
sluice_workflow_get_entity_key (SluiceWorkflow *self)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);
  return self->entity_key;
}

void
sluice_workflow_set_entity_key (SluiceWorkflow *self,
                                const char     *entity_key)
{
  g_return_if_fail (SLUICE_IS_WORKFLOW (self));
  g_free (self->entity_key);
  self->entity_key = g_strdup (entity_key);
  sluice_workflow_changed (self);
}

/**
 * sluice_workflow_get_safety:
 *
 * Returns: (transfer none) (nullable): the safety settings, or %NULL
 */
JsonObject *
sluice_workflow_get_safety (SluiceWorkflow *self)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);
  return self->safety;
}

guint
sluice_workflow_get_n_steps (SluiceWorkflow *self)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), 0);
  return self->steps->len;
}

SluiceStep *
sluice_workflow_get_step (SluiceWorkflow *self,
                          guint           position)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (position < self->steps->len, NULL);
  return g_ptr_array_index (self->steps, position);
}

/* The first step with @id; with duplicate ids (an error validation
 * reports) later ones are not found. */
SluiceStep *
sluice_workflow_lookup_step (SluiceWorkflow *self,
                             const char     *id)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);

  for (guint i = 0; i < self->steps->len; i++)
    if (g_strcmp0 (sluice_step_get_id (g_ptr_array_index (self->steps, i)), id) == 0)
      return g_ptr_array_index (self->steps, i);

  return NULL;
}

/**
 * sluice_workflow_get_trigger:
 *
 * Returns: (transfer none) (nullable): the first trigger step
 */
SluiceStep *
sluice_workflow_get_trigger (SluiceWorkflow *self)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);

  for (guint i = 0; i < self->steps->len; i++)
    if (sluice_step_type_is_trigger (sluice_step_get_step_type (g_ptr_array_index (self->steps, i))))
      return g_ptr_array_index (self->steps, i);

  return NULL;
}

/* A trigger added to a workflow without one goes first, where the
 * document keeps it (spec.trigger). */
void
sluice_workflow_add_step (SluiceWorkflow *self,
                          SluiceStep     *step)
{
  g_return_if_fail (SLUICE_IS_WORKFLOW (self));
  g_return_if_fail (step != NULL);

  if (sluice_step_type_is_trigger (sluice_step_get_step_type (step)) && sluice_workflow_get_trigger (self) == NULL)
    g_ptr_array_insert (self->steps, 0, sluice_step_ref (step));
  else
    g_ptr_array_add (self->steps, sluice_step_ref (step));

  sluice_workflow_changed (self);
}

/* Removes the step, the edges that point at it and its position. */
void
sluice_workflow_remove_step (SluiceWorkflow *self,
                             const char     *id)
{
  static const char * const edge_names[] = { "next", "then", "else", "default" };

  g_return_if_fail (SLUICE_IS_WORKFLOW (self));

  for (guint i = 0; i < self->steps->len; i++)
    {
      SluiceStep *step = g_ptr_array_index (self->steps, i);
      JsonNode *cases;

      if (g_strcmp0 (sluice_step_get_id (step), id) == 0)
        {
          g_ptr_array_remove_index (self->steps, i--);
          continue;
        }

      for (guint e = 0; e < G_N_ELEMENTS (edge_names); e++)
        if (g_strcmp0 (sluice_step_get_string (step, edge_names[e]), id) == 0)
          sluice_step_set_string (step, edge_names[e], NULL);

      cases = sluice_step_get_member (step, "cases");
      if (cases != NULL && JSON_NODE_HOLDS_ARRAY (cases))
        {
          JsonArray *array = json_node_get_array (cases);

          for (guint c = 0; c < json_array_get_length (array); c++)
            {
              JsonObject *item = json_array_get_object_element (array, c);
              if (g_strcmp0 (json_object_get_string_member_with_default (item, "next", NULL), id) == 0)
                json_object_remove_member (item, "next");
            }
        }
    }

  if (self->layout != NULL && object_member (self->layout, "nodes") != NULL)
    json_object_remove_member (object_member (self->layout, "nodes"), id);

  sluice_workflow_changed (self);
}

/**
 * sluice_workflow_make_step_id:
 * @base: a wanted id, such as the step type's name
 *
 * Returns: (transfer full): @base, or @base-2, @base-3… whichever is free
 */
char *
sluice_workflow_make_step_id (SluiceWorkflow *self,
                              const char     *base)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);

  if (sluice_workflow_lookup_step (self, base) == NULL)
    return g_strdup (base);

  for (guint n = 2; ; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", base, n);

      if (sluice_workflow_lookup_step (self, id) == NULL)
        return g_steal_pointer (&id);
    }
}

static void
rename_member (JsonObject *object,
               const char *member,
               const char *old_id,
               const char *new_id)
{
  if (g_strcmp0 (json_object_get_string_member_with_default (object, member, NULL), old_id) == 0)
    json_object_set_string_member (object, member, new_id);
}

/**
 * sluice_workflow_rename_step:
 *
 * Gives a step a new id and follows it everywhere the old one was used:
 * the edges that lead to it, its canvas position and the rate limits that
 * name it. Templates that mention steps.<old_id> are left as written, and
 * validation reports them.
 *
 * Returns: %FALSE when there is no such step or @new_id is taken
 */
gboolean
sluice_workflow_rename_step (SluiceWorkflow *self,
                             const char     *old_id,
                             const char     *new_id)
{
  static const char * const edge_names[] = { "next", "then", "else", "default" };
  SluiceStep *step;
  JsonObject *nodes;
  JsonNode *limits;

  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (old_id != NULL && new_id != NULL, FALSE);

  step = sluice_workflow_lookup_step (self, old_id);
  if (step == NULL || (g_strcmp0 (old_id, new_id) != 0 && sluice_workflow_lookup_step (self, new_id) != NULL))
    return FALSE;

  sluice_step_set_id (step, new_id);

  for (guint i = 0; i < self->steps->len; i++)
    {
      JsonObject *json = sluice_step_get_json (g_ptr_array_index (self->steps, i));
      JsonNode *cases = json_object_get_member (json, "cases");

      for (guint e = 0; e < G_N_ELEMENTS (edge_names); e++)
        rename_member (json, edge_names[e], old_id, new_id);
      if (cases != NULL && JSON_NODE_HOLDS_ARRAY (cases))
        for (guint c = 0; c < json_array_get_length (json_node_get_array (cases)); c++)
          rename_member (json_array_get_object_element (json_node_get_array (cases), c), "next", old_id, new_id);
    }

  nodes = object_member (self->layout, "nodes");
  if (nodes != NULL && json_object_has_member (nodes, old_id))
    {
      JsonNode *point = json_node_ref (json_object_get_member (nodes, old_id));

      json_object_remove_member (nodes, old_id);
      json_object_set_member (nodes, new_id, point);
    }

  limits = self->safety ? json_object_get_member (self->safety, "rateLimits") : NULL;
  if (limits != NULL && JSON_NODE_HOLDS_ARRAY (limits))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (limits)); i++)
      rename_member (json_array_get_object_element (json_node_get_array (limits), i), "step", old_id, new_id);

  sluice_workflow_changed (self);
  return TRUE;
}

static JsonObject *
ensure_layout_object (SluiceWorkflow *self,
                      const char     *name)
{
  JsonObject *object;

  if (self->layout == NULL)
    self->layout = json_object_new ();

  object = object_member (self->layout, name);
  if (object == NULL)
    {
      object = json_object_new ();
      json_object_set_object_member (self->layout, name, object);
    }
  return object;
}

gboolean
sluice_workflow_get_position (SluiceWorkflow *self,
                              const char     *step_id,
                              double         *x,
                              double         *y)
{
  JsonObject *point;

  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), FALSE);

  point = object_member (object_member (self->layout, "nodes"), step_id);
  if (point == NULL)
    return FALSE;

  *x = json_object_get_double_member_with_default (point, "x", 0);
  *y = json_object_get_double_member_with_default (point, "y", 0);
  return TRUE;
}

/* Layout only: does not emit ::changed, which is for behaviour. The
 * caller (the canvas) knows a move happened. */
void
sluice_workflow_set_position (SluiceWorkflow *self,
                              const char     *step_id,
                              double          x,
                              double          y)
{
  JsonObject *nodes, *point;

  g_return_if_fail (SLUICE_IS_WORKFLOW (self));

  nodes = ensure_layout_object (self, "nodes");
  point = json_object_new ();
  json_object_set_double_member (point, "x", x);
  json_object_set_double_member (point, "y", y);
  json_object_set_object_member (nodes, step_id, point);
}

gboolean
sluice_workflow_get_viewport (SluiceWorkflow *self,
                              double         *x,
                              double         *y,
                              double         *zoom)
{
  JsonObject *viewport;

  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), FALSE);

  viewport = object_member (self->layout, "viewport");
  if (viewport == NULL)
    return FALSE;

  *x = json_object_get_double_member_with_default (viewport, "x", 0);
  *y = json_object_get_double_member_with_default (viewport, "y", 0);
  *zoom = json_object_get_double_member_with_default (viewport, "zoom", 1);
  return TRUE;
}

void
sluice_workflow_set_viewport (SluiceWorkflow *self,
                              double          x,
                              double          y,
                              double          zoom)
{
  JsonObject *viewport;

  g_return_if_fail (SLUICE_IS_WORKFLOW (self));

  viewport = ensure_layout_object (self, "viewport");
  json_object_set_double_member (viewport, "x", x);
  json_object_set_double_member (viewport, "y", y);
  json_object_set_double_member (viewport, "zoom", zoom);
}

/**
 * sluice_workflow_get_source_map:
 *
 * Returns: (transfer none) (nullable): where each value was in the text the
 *   workflow was loaded from; %NULL for a model built or edited in memory
 */
SluiceSourceMap *
sluice_workflow_get_source_map (SluiceWorkflow *self)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), NULL);
  return self->source_map;
}

gboolean
sluice_workflow_lookup_position (SluiceWorkflow       *self,
                                 const char           *path,
                                 SluiceSourcePosition *position)
{
  g_return_val_if_fail (SLUICE_IS_WORKFLOW (self), FALSE);
  return sluice_source_map_lookup (self->source_map, path, position);
}
