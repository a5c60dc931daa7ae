/* sluice-document.c
 *
 * Undo keeps whole canonical snapshots: a workflow is a page of text, so a
 * snapshot per edit is cheap, and restoring one can never leave the model
 * half-changed. "Modified" is simply "differs from what was last saved",
 * so undoing back to the saved state makes the document clean again.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-document.h"
#include "sluice-validator.h"

/* Snapshots kept for undo; older ones are dropped. */
#define MAX_UNDO 200

typedef struct
{
  char *yaml;
  char *label;
} Snapshot;

struct _SluiceDocument
{
  GObject            parent_instance;

  SluiceWorkflow    *workflow;
  GFile             *file;
  char              *saved_yaml;     /* canonical text at the last load or save */

  GQueue            *undo;           /* Snapshot, newest at the head */
  GQueue            *redo;
  guint              edit_depth;
  char              *edit_before;    /* canonical text when the outer edit began */
  char              *edit_label;

  char              *text;           /* the YAML view's text, when it differs from the model */
  gboolean           text_has_errors;
  SluiceDiagnostics *diagnostics;

  char              *draft_id;
  guint              autosave_source;
};

G_DEFINE_FINAL_TYPE (SluiceDocument, sluice_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Seconds after the last change before a draft is written. */
#define AUTOSAVE_DELAY 3

static void
snapshot_free (Snapshot *snapshot)
{
  g_free (snapshot->yaml);
  g_free (snapshot->label);
  g_free (snapshot);
}

static void
clear_queue (GQueue *queue)
{
  g_queue_clear_full (queue, (GDestroyNotify) snapshot_free);
}

static void
sluice_document_dispose (GObject *object)
{
  SluiceDocument *self = (SluiceDocument *) object;

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  G_OBJECT_CLASS (sluice_document_parent_class)->dispose (object);
}

static void
sluice_document_finalize (GObject *object)
{
  SluiceDocument *self = (SluiceDocument *) object;

  g_clear_object (&self->workflow);
  g_clear_object (&self->file);
  g_free (self->saved_yaml);
  clear_queue (self->undo);
  clear_queue (self->redo);
  g_queue_free (self->undo);
  g_queue_free (self->redo);
  g_free (self->edit_before);
  g_free (self->edit_label);
  g_free (self->text);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_free (self->draft_id);

  G_OBJECT_CLASS (sluice_document_parent_class)->finalize (object);
}

static void
sluice_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SluiceDocument *self = SLUICE_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_take_string (value, sluice_document_get_title (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, sluice_document_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, sluice_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, sluice_document_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sluice_document_class_init (SluiceDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sluice_document_dispose;
  object_class->finalize = sluice_document_finalize;
  object_class->get_property = sluice_document_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SluiceDocument::changed:
   * @flags: a SluiceDocumentChange mask
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sluice_document_init (SluiceDocument *self)
{
  self->undo = g_queue_new ();
  self->redo = g_queue_new ();
  self->diagnostics = sluice_diagnostics_new ();
  self->draft_id = g_uuid_string_random ();
}

static void
validate (SluiceDocument *self)
{
  g_ptr_array_set_size (self->diagnostics, 0);
  sluice_workflow_validate (self->workflow, NULL, self->diagnostics);
  sluice_diagnostics_sort (self->diagnostics);
}

static void
set_workflow (SluiceDocument *self,
              SluiceWorkflow *workflow)
{
  g_set_object (&self->workflow, workflow);
  validate (self);
}

static void notify_state (SluiceDocument *self);

static gboolean
autosave_cb (gpointer user_data)
{
  SluiceDocument *self = user_data;
  g_autoptr(GError) error = NULL;

  self->autosave_source = 0;
  if (sluice_document_get_modified (self) && !sluice_document_autosave (self, &error))
    g_warning ("Could not write a draft of “%s”: %s", sluice_workflow_get_name (self->workflow), error->message);

  return G_SOURCE_REMOVE;
}

/* Views hear of every change; a draft follows a few seconds later. */
static void
emit_changed (SluiceDocument *self,
              guint           flags)
{
  g_signal_emit (self, signals[CHANGED], 0, flags);
  notify_state (self);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (sluice_document_get_modified (self))
    self->autosave_source = g_timeout_add_seconds (AUTOSAVE_DELAY, autosave_cb, self);
}

static void
notify_state (SluiceDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/**
 * sluice_document_new:
 *
 * A blank workflow: an event trigger and an entity key, ready to build on.
 */
SluiceDocument *
sluice_document_new (void)
{
  SluiceDocument *self = g_object_new (SLUICE_TYPE_DOCUMENT, NULL);
  g_autoptr(SluiceWorkflow) workflow = sluice_workflow_new ("new-workflow");
  g_autoptr(SluiceStep) trigger = sluice_step_new (sluice_step_type_lookup ("event"), "trigger");

  sluice_workflow_set_entity_key (workflow, "data.account");
  sluice_workflow_add_step (workflow, trigger);
  sluice_workflow_set_position (workflow, "trigger", 40, 120);
  set_workflow (self, workflow);
  self->saved_yaml = sluice_workflow_to_yaml (workflow);

  return self;
}

static SluiceWorkflow *
parse (const char        *text,
       gsize              length,
       SluiceDiagnostics *diagnostics)
{
  return sluice_workflow_load_from_data (text, length, diagnostics);
}

/**
 * sluice_document_new_from_template:
 * @template_name: "blank", or an example's name such as "usage-quota-80"
 *
 * A new, unsaved document with the template's content.
 */
SluiceDocument *
sluice_document_new_from_template (const char  *template_name,
                                   GError     **error)
{
  g_autoptr(SluiceDocument) self = NULL;
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autofree char *path = NULL;
  gsize length;
  const char *data;

  if (template_name == NULL || g_str_equal (template_name, "blank"))
    return sluice_document_new ();

  path = g_strdup_printf ("/dev/sluice/Sluice/examples/%s.workflow.yaml", template_name);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  workflow = parse (data, length, diagnostics);
  if (workflow == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The template “%s” is not a valid workflow"), template_name);
      return NULL;
    }

  self = g_object_new (SLUICE_TYPE_DOCUMENT, NULL);
  set_workflow (self, workflow);
  /* a template is new work: unsaved until the author saves it */
  self->saved_yaml = g_strdup ("");

  return g_steal_pointer (&self);
}

/**
 * sluice_document_load:
 *
 * Replaces the document with @file's workflow. On error nothing changes;
 * @error says what is wrong, with file:line:column for problems in the text.
 */
gboolean
sluice_document_load (SluiceDocument  *self,
                      GFile           *file,
                      GError         **error)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(GError) io_error = NULL;

  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  workflow = sluice_workflow_load_from_file (file, diagnostics, &io_error);
  if (workflow == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (io_error != NULL)
        g_propagate_error (error, g_steal_pointer (&io_error));
      else
        {
          g_autofree char *first = NULL;

          sluice_diagnostics_sort (diagnostics);
          first = diagnostics->len > 0
            ? sluice_diagnostic_format (g_ptr_array_index (diagnostics, 0), name)
            : g_strdup (name);
          if (diagnostics->len <= 1)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("%s is not a valid workflow: %s"), name, first);
          else
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "%s is not a valid workflow (%u problem), the first: %s",
                                      "%s is not a valid workflow (%u problems), the first: %s",
                                      diagnostics->len),
                         name, diagnostics->len, first);
        }
      return FALSE;
    }

  set_workflow (self, workflow);
  g_set_object (&self->file, file);
  g_free (self->saved_yaml);
  self->saved_yaml = sluice_workflow_to_yaml (workflow);
  g_clear_pointer (&self->text, g_free);
  clear_queue (self->undo);
  clear_queue (self->redo);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  emit_changed (self, SLUICE_DOCUMENT_CHANGE_REPLACED | SLUICE_DOCUMENT_CHANGE_BEHAVIOUR | SLUICE_DOCUMENT_CHANGE_LAYOUT);
  return TRUE;
}

/**
 * sluice_document_save:
 * @file: (nullable): where to save; %NULL for the document's own file
 *
 * Saves the canonical YAML atomically: the old file stays whole until the
 * new one is complete. The draft is removed once the file is written.
 */
gboolean
sluice_document_save (SluiceDocument  *self,
                      GFile           *file,
                      GError         **error)
{
  g_autofree char *yaml = NULL;

  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), FALSE);

  if (file == NULL)
    file = self->file;
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  yaml = sluice_workflow_to_yaml (self->workflow);
  if (!g_file_replace_contents (file, yaml, strlen (yaml), NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, error))
    return FALSE;

  if (self->file != file)
    {
      g_set_object (&self->file, file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  g_free (self->saved_yaml);
  self->saved_yaml = g_steal_pointer (&yaml);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  sluice_document_discard_draft (self);
  notify_state (self);

  return TRUE;
}

SluiceWorkflow *
sluice_document_get_workflow (SluiceDocument *self)
{
  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), NULL);
  return self->workflow;
}

GFile *
sluice_document_get_file (SluiceDocument *self)
{
  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), NULL);
  return self->file;
}

/* The file's name, or the workflow's for a document never saved. */
char *
sluice_document_get_title (SluiceDocument *self)
{
  const char *name;

  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), NULL);

  if (self->file != NULL)
    return g_file_get_basename (self->file);

  name = sluice_workflow_get_name (self->workflow);
  return g_strdup (name && *name ? name : _("New workflow"));
}

gboolean
sluice_document_get_modified (SluiceDocument *self)
{
  g_autofree char *yaml = NULL;

  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), FALSE);

  if (self->text != NULL)
    return TRUE;
  yaml = sluice_workflow_to_yaml (self->workflow);
  return g_strcmp0 (yaml, self->saved_yaml) != 0;
}

void
sluice_document_begin_edit (SluiceDocument *self,
                            const char     *label)
{
  g_return_if_fail (SLUICE_IS_DOCUMENT (self));

  if (self->edit_depth++ > 0)
    return;

  g_free (self->edit_before);
  self->edit_before = sluice_workflow_to_yaml (self->workflow);
  g_free (self->edit_label);
  self->edit_label = g_strdup (label);
}

static void
push_undo (SluiceDocument *self,
           char           *yaml,
           const char     *label)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->yaml = yaml;
  snapshot->label = g_strdup (label);
  g_queue_push_head (self->undo, snapshot);
  while (g_queue_get_length (self->undo) > MAX_UNDO)
    snapshot_free (g_queue_pop_tail (self->undo));
  clear_queue (self->redo);
}

/**
 * sluice_document_end_edit:
 * @change: what kind of change was made
 *
 * Ends an edit. An edit that changed nothing leaves no undo step.
 */
void
sluice_document_end_edit (SluiceDocument       *self,
                          SluiceDocumentChange  change)
{
  g_autofree char *after = NULL;

  g_return_if_fail (SLUICE_IS_DOCUMENT (self));
  g_return_if_fail (self->edit_depth > 0);

  if (--self->edit_depth > 0)
    return;

  after = sluice_workflow_to_yaml (self->workflow);
  if (g_strcmp0 (after, self->edit_before) == 0)
    {
      g_clear_pointer (&self->edit_before, g_free);
      return;
    }

  push_undo (self, g_steal_pointer (&self->edit_before), self->edit_label);
  g_clear_pointer (&self->text, g_free);
  sluice_workflow_changed (self->workflow);
  validate (self);
  emit_changed (self, change);
}

/**
 * sluice_document_set_text:
 *
 * Takes the YAML view's text. When it loads, the model becomes what it
 * says (one undo step); when it does not, the model stays as it was and
 * the problems are in sluice_document_get_diagnostics().
 *
 * Returns: %TRUE if the text was applied to the model
 */
gboolean
sluice_document_set_text (SluiceDocument *self,
                          const char     *text)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  g_free (self->text);
  self->text = g_strdup (text);

  workflow = parse (text, strlen (text), diagnostics);
  self->text_has_errors = workflow == NULL;
  if (workflow == NULL)
    {
      sluice_diagnostics_sort (diagnostics);
      g_ptr_array_unref (self->diagnostics);
      self->diagnostics = g_steal_pointer (&diagnostics);
      notify_state (self);
      return FALSE;
    }

  before = sluice_workflow_to_yaml (self->workflow);
  after = sluice_workflow_to_yaml (workflow);
  if (g_strcmp0 (before, after) != 0)
    push_undo (self, g_steal_pointer (&before), _("Edit YAML"));

  /* keep the author's text (and its positions for the markers) as it is */
  set_workflow (self, workflow);
  if (g_strcmp0 (after, text) == 0)
    g_clear_pointer (&self->text, g_free);
  emit_changed (self, SLUICE_DOCUMENT_CHANGE_REPLACED | SLUICE_DOCUMENT_CHANGE_BEHAVIOUR | SLUICE_DOCUMENT_CHANGE_LAYOUT);
  return TRUE;
}

/**
 * sluice_document_get_text:
 *
 * The text the YAML view should show: the author's own text while they
 * are typing, the canonical YAML of the model otherwise.
 *
 * Returns: (transfer none): the text
 */
const char *
sluice_document_get_text (SluiceDocument *self)
{
  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), NULL);

  if (self->text == NULL)
    self->text = sluice_workflow_to_yaml (self->workflow);
  return self->text;
}

/* Whether the YAML view holds text that does not load (the model then is
 * the last text that did). */
gboolean
sluice_document_get_text_has_errors (SluiceDocument *self)
{
  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), FALSE);
  return self->text != NULL && self->text_has_errors;
}

/**
 * sluice_document_get_diagnostics:
 *
 * Problems of the YAML text when it does not load, else the validation
 * findings of the model.
 */
SluiceDiagnostics *
sluice_document_get_diagnostics (SluiceDocument *self)
{
  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), NULL);
  return self->diagnostics;
}

gboolean
sluice_document_can_undo (SluiceDocument *self)
{
  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), FALSE);
  return !g_queue_is_empty (self->undo);
}

gboolean
sluice_document_can_redo (SluiceDocument *self)
{
  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), FALSE);
  return !g_queue_is_empty (self->redo);
}

const char *
sluice_document_get_undo_label (SluiceDocument *self)
{
  Snapshot *snapshot;

  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), NULL);

  snapshot = g_queue_peek_head (self->undo);
  return snapshot ? snapshot->label : NULL;
}

static gboolean
restore (SluiceDocument *self,
         GQueue         *from,
         GQueue         *to)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  Snapshot *snapshot = g_queue_pop_head (from);
  Snapshot *current;

  if (snapshot == NULL)
    return FALSE;

  workflow = parse (snapshot->yaml, strlen (snapshot->yaml), diagnostics);
  g_assert (workflow != NULL);  /* snapshots are our own canonical text */

  current = g_new0 (Snapshot, 1);
  current->yaml = sluice_workflow_to_yaml (self->workflow);
  current->label = g_strdup (snapshot->label);
  g_queue_push_head (to, current);

  set_workflow (self, workflow);
  g_clear_pointer (&self->text, g_free);
  snapshot_free (snapshot);

  emit_changed (self, SLUICE_DOCUMENT_CHANGE_REPLACED | SLUICE_DOCUMENT_CHANGE_BEHAVIOUR | SLUICE_DOCUMENT_CHANGE_LAYOUT);
  return TRUE;
}

gboolean
sluice_document_undo (SluiceDocument *self)
{
  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->edit_depth == 0, FALSE);
  return restore (self, self->undo, self->redo);
}

gboolean
sluice_document_redo (SluiceDocument *self)
{
  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->edit_depth == 0, FALSE);
  return restore (self, self->redo, self->undo);
}

/* ---- drafts -------------------------------------------------------------- */

static char *
drafts_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "sluice", "drafts", NULL);
}

/**
 * sluice_document_get_draft_file:
 *
 * Where this document's draft goes: one file per open document in the
 * user's data folder, so a crash never loses more than a few seconds.
 */
GFile *
sluice_document_get_draft_file (SluiceDocument *self)
{
  g_autofree char *dir = drafts_dir ();
  g_autofree char *name = g_strconcat (self->draft_id, ".workflow.yaml", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_new_for_path (path);
}

/* Next to the draft: which file it belongs to, to save back there. */
static GFile *
draft_origin_file (GFile *draft)
{
  g_autofree char *path = g_file_get_path (draft);
  g_autofree char *origin = g_strconcat (path, ".origin", NULL);

  return g_file_new_for_path (origin);
}

/**
 * sluice_document_autosave:
 *
 * Writes the current text (even while it does not load) to the draft.
 */
gboolean
sluice_document_autosave (SluiceDocument  *self,
                          GError         **error)
{
  g_autoptr(GFile) draft = sluice_document_get_draft_file (self);
  g_autoptr(GFile) origin = draft_origin_file (draft);
  g_autoptr(GFile) dir = g_file_get_parent (draft);
  const char *text = sluice_document_get_text (self);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SLUICE_IS_DOCUMENT (self), FALSE);

  if (!g_file_make_directory_with_parents (dir, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (self->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);

      if (!g_file_replace_contents (origin, uri, strlen (uri), NULL, FALSE,
                                    G_FILE_CREATE_PRIVATE, NULL, NULL, error))
        return FALSE;
    }

  return g_file_replace_contents (draft, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE, NULL, NULL, error);
}

void
sluice_document_discard_draft (SluiceDocument *self)
{
  g_autoptr(GFile) draft = sluice_document_get_draft_file (self);
  g_autoptr(GFile) origin = draft_origin_file (draft);

  g_return_if_fail (SLUICE_IS_DOCUMENT (self));

  g_file_delete (draft, NULL, NULL);
  g_file_delete (origin, NULL, NULL);
}

/**
 * sluice_document_list_drafts:
 *
 * Drafts left behind by a session that did not end cleanly.
 *
 * Returns: (transfer full) (element-type GFile): the draft files
 */
GList *
sluice_document_list_drafts (void)
{
  g_autofree char *dir = drafts_dir ();
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  GList *drafts = NULL;
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, ".workflow.yaml"))
        continue;
      path = g_build_filename (dir, name, NULL);
      drafts = g_list_prepend (drafts, g_file_new_for_path (path));
    }

  return g_list_reverse (drafts);
}

/**
 * sluice_document_new_from_draft:
 * @draft: a file from sluice_document_list_drafts()
 *
 * Recovers a draft: its text (even if it does not load), the file it
 * belongs to, and the draft itself, which keeps being updated until the
 * document is saved.
 */
SluiceDocument *
sluice_document_new_from_draft (GFile   *draft,
                                GError **error)
{
  g_autoptr(SluiceDocument) self = sluice_document_new ();
  g_autoptr(GFile) origin = draft_origin_file (draft);
  g_autofree char *text = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *basename = g_file_get_basename (draft);

  g_return_val_if_fail (G_IS_FILE (draft), NULL);

  if (!g_file_load_contents (draft, NULL, &text, NULL, NULL, error))
    return NULL;

  if (g_file_load_contents (origin, NULL, &uri, NULL, NULL, NULL))
    self->file = g_file_new_for_uri (g_strstrip (uri));

  g_free (self->draft_id);
  self->draft_id = g_strndup (basename, strlen (basename) - strlen (".workflow.yaml"));

  /* the saved state is the file's, so the recovered text shows as modified */
  g_free (self->saved_yaml);
  self->saved_yaml = g_strdup ("");
  sluice_document_set_text (self, text);
  clear_queue (self->undo);

  return g_steal_pointer (&self);
}
