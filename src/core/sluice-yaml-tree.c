/* sluice-yaml-tree.c — libyaml events to a located tree, refusing what we
 * do not support with a message that says where and why.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <yaml.h>
#include <glib/gi18n-lib.h>

#include "sluice-yaml-tree.h"
#include "sluice-yaml-scalar.h"

void
sluice_yaml_node_free (SluiceYamlNode *node)
{
  if (node == NULL)
    return;

  g_free (node->scalar);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static SluiceYamlNode *
node_new (SluiceYamlKind    kind,
          const yaml_mark_t *mark)
{
  SluiceYamlNode *node = g_new0 (SluiceYamlNode, 1);

  node->kind = kind;
  node->line = mark->line + 1;
  node->column = mark->column + 1;
  if (kind != SLUICE_YAML_SCALAR)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) sluice_yaml_node_free);

  return node;
}

guint
sluice_yaml_node_n_children (const SluiceYamlNode *node)
{
  return node->children != NULL ? node->children->len : 0;
}

guint
sluice_yaml_mapping_size (const SluiceYamlNode *mapping)
{
  g_return_val_if_fail (mapping->kind == SLUICE_YAML_MAPPING, 0);
  return mapping->children->len / 2;
}

SluiceYamlNode *
sluice_yaml_mapping_key (const SluiceYamlNode *mapping,
                         guint                 i)
{
  return g_ptr_array_index (mapping->children, 2 * i);
}

SluiceYamlNode *
sluice_yaml_mapping_value (const SluiceYamlNode *mapping,
                           guint                 i)
{
  return g_ptr_array_index (mapping->children, 2 * i + 1);
}

SluiceYamlNode *
sluice_yaml_mapping_lookup (const SluiceYamlNode *mapping,
                            const char           *key)
{
  if (mapping == NULL || mapping->kind != SLUICE_YAML_MAPPING)
    return NULL;

  for (guint i = 0; i < sluice_yaml_mapping_size (mapping); i++)
    if (g_strcmp0 (sluice_yaml_mapping_key (mapping, i)->scalar, key) == 0)
      return sluice_yaml_mapping_value (mapping, i);

  return NULL;
}

const char *
sluice_yaml_kind_describe (const SluiceYamlNode *node)
{
  switch (node->kind)
    {
    case SLUICE_YAML_MAPPING:
      return _("a mapping");
    case SLUICE_YAML_SEQUENCE:
      return _("a list");
    case SLUICE_YAML_SCALAR:
    default:
      if (!node->plain)
        return _("a string");
      switch (sluice_yaml_resolve_plain (node->scalar, NULL))
        {
        case SLUICE_SCALAR_NULL:
          return _("null");
        case SLUICE_SCALAR_BOOL:
          return _("a boolean");
        case SLUICE_SCALAR_INT:
          return _("an integer");
        case SLUICE_SCALAR_FLOAT:
          return _("a number");
        case SLUICE_SCALAR_STRING:
        default:
          return _("a string");
        }
    }
}

/* Checks the raw text before libyaml sees it, so the common mistakes get a
 * precise message instead of libyaml's generic one. */
static gboolean
check_text (const char        *text,
            gsize              length,
            SluiceDiagnostics *diagnostics)
{
  const char *end = NULL;
  guint line = 1;
  guint column = 1;

  if (length > SLUICE_YAML_MAX_SIZE)
    {
      sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "yaml/too-large", 0, 0,
                              _("The document is %zu bytes; workflows are limited to %d bytes"),
                              length, SLUICE_YAML_MAX_SIZE);
      return FALSE;
    }

  /* g_utf8_validate() stops at the first bad byte or NUL; say which */
  if (!g_utf8_validate (text, length, &end))
    {
      for (const char *p = text; p < end; p = g_utf8_next_char (p))
        {
          if (*p == '\n')
            line++, column = 1;
          else
            column++;
        }
      if (*end == '\0')
        sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "yaml/encoding", line, column,
                                _("The text contains a NUL character; workflows are plain text"));
      else
        sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "yaml/encoding", line, column,
                                _("The text is not valid UTF-8 (byte 0x%02x); save the file as UTF-8"),
                                (guint) (guchar) *end);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GPtrArray         *stack;        /* open collections, borrowed */
  SluiceYamlNode    *root;
  SluiceDiagnostics *diagnostics;
  guint              n_documents;
} TreeBuilder;

static gboolean
refuse_event (TreeBuilder        *builder,
              const yaml_event_t *event,
              const char         *anchor,
              const char         *tag)
{
  guint line = event->start_mark.line + 1;
  guint column = event->start_mark.column + 1;

  if (anchor != NULL)
    {
      sluice_diagnostics_add (builder->diagnostics, SLUICE_SEVERITY_ERROR, "yaml/anchor", line, column,
                              _("Anchors (&%s) are not supported; write the value out where it is used"),
                              anchor);
      return TRUE;
    }

  if (tag != NULL)
    {
      sluice_diagnostics_add (builder->diagnostics, SLUICE_SEVERITY_ERROR, "yaml/tag", line, column,
                              _("Tags (%s) are not supported; quote the value if it is text"),
                              tag);
      return TRUE;
    }

  return FALSE;
}

/* Adds a finished node to its parent, checking keys as they arrive. */
static gboolean
attach_node (TreeBuilder    *builder,
             SluiceYamlNode *node)
{
  SluiceYamlNode *parent;

  if (builder->stack->len == 0)
    {
      g_assert (builder->root == NULL);
      builder->root = node;
      return TRUE;
    }

  parent = g_ptr_array_index (builder->stack, builder->stack->len - 1);

  if (parent->kind == SLUICE_YAML_MAPPING && parent->children->len % 2 == 0)
    {
      /* node is a key */
      if (node->kind != SLUICE_YAML_SCALAR)
        {
          sluice_diagnostics_add (builder->diagnostics, SLUICE_SEVERITY_ERROR, "yaml/complex-key",
                                  node->line, node->column,
                                  _("Mapping keys must be plain text, not %s"),
                                  sluice_yaml_kind_describe (node));
          sluice_yaml_node_free (node);
          return FALSE;
        }

      if (node->plain && g_strcmp0 (node->scalar, "<<") == 0)
        {
          sluice_diagnostics_add (builder->diagnostics, SLUICE_SEVERITY_ERROR, "yaml/merge-key",
                                  node->line, node->column,
                                  _("Merge keys (<<) are not supported; write the keys out in full"));
          sluice_yaml_node_free (node);
          return FALSE;
        }

      for (guint i = 0; i < parent->children->len; i += 2)
        {
          SluiceYamlNode *key = g_ptr_array_index (parent->children, i);

          if (g_strcmp0 (key->scalar, node->scalar) == 0)
            {
              sluice_diagnostics_add (builder->diagnostics, SLUICE_SEVERITY_ERROR, "yaml/duplicate-key",
                                      node->line, node->column,
                                      _("Duplicate key “%s” (first defined at line %u); remove one of them"),
                                      node->scalar, key->line);
              /* keep going: later errors are still worth reporting */
              break;
            }
        }
    }

  g_ptr_array_add (parent->children, node);
  return TRUE;
}

/* Whether libyaml stopped at a tab in a line's indentation: YAML forbids
 * those, and libyaml's own message ("found character that cannot start any
 * token") does not say so. Tabs elsewhere (in a block scalar's text, after a
 * value) are fine and never get here. */
static gboolean
error_is_tab_indent (const char        *text,
                     gsize              length,
                     const yaml_mark_t *mark)
{
  const char *p = text;
  const char *end = text + length;

  for (gsize line = 0; line < mark->line && p < end; p++)
    if (*p == '\n')
      line++;

  for (gsize column = 0; p < end && *p != '\n'; p = g_utf8_next_char (p), column++)
    {
      if (*p == '\t')
        return TRUE;
      if (*p != ' ' || column >= mark->column)
        return FALSE;
    }

  return FALSE;
}

static void
add_parser_error (SluiceDiagnostics   *diagnostics,
                  const yaml_parser_t *parser,
                  const char          *text,
                  gsize                length)
{
  const yaml_mark_t *mark = &parser->problem_mark;
  const char *problem = parser->problem != NULL ? parser->problem : _("unknown problem");

  if (error_is_tab_indent (text, length, mark))
    {
      const char *p = text;
      guint column = 1;

      for (gsize line = 0; line < mark->line; p++)
        if (*p == '\n')
          line++;
      while (*p == ' ')
        p++, column++;
      sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "yaml/tab", mark->line + 1, column,
                              _("Tabs cannot be used for indentation in YAML; indent with spaces"));
      return;
    }

  if (parser->error == YAML_MEMORY_ERROR)
    {
      sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "yaml/syntax", 0, 0,
                              _("Out of memory while reading the document"));
      return;
    }

  if (parser->context != NULL)
    sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "yaml/syntax",
                            mark->line + 1, mark->column + 1,
                            /* Translators: the first %s is libyaml's problem, the second its context */
                            _("Invalid YAML: %s %s (line %u)"),
                            problem, parser->context, (guint) parser->context_mark.line + 1);
  else
    sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "yaml/syntax",
                            mark->line + 1, mark->column + 1,
                            _("Invalid YAML: %s"), problem);
}

/**
 * sluice_yaml_read:
 * @text: UTF-8 YAML text
 * @length: its length in bytes
 * @diagnostics: where problems are reported
 *
 * Parses one YAML document into a tree. Anchors, aliases, tags, merge keys,
 * complex keys, several documents in one stream, tabs in indentation,
 * non-UTF-8 text, documents over %SLUICE_YAML_MAX_SIZE and nesting deeper
 * than %SLUICE_YAML_MAX_DEPTH are refused with a located error.
 *
 * Duplicate keys are reported but do not stop reading (the first one
 * wins), so the schema can report further problems in one pass; callers
 * must treat any error added to @diagnostics as failure.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL when the
 *   text cannot be read at all. An empty document gives an empty mapping.
 */
SluiceYamlNode *
sluice_yaml_read (const char        *text,
                  gsize              length,
                  SluiceDiagnostics *diagnostics)
{
  yaml_parser_t parser;
  TreeBuilder builder = { 0 };
  gboolean failed = FALSE;
  gboolean done = FALSE;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);

  if (text == NULL)
    text = "";

  if (!check_text (text, length, diagnostics))
    return NULL;

  builder.stack = g_ptr_array_new ();
  builder.diagnostics = diagnostics;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) text, length);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  while (!done && !failed)
    {
      yaml_event_t event;
      SluiceYamlNode *node = NULL;

      if (!yaml_parser_parse (&parser, &event))
        {
          add_parser_error (diagnostics, &parser, text, length);
          failed = TRUE;
          break;
        }

      switch (event.type)
        {
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;

        case YAML_DOCUMENT_START_EVENT:
          if (++builder.n_documents > 1)
            {
              sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "yaml/multiple-documents",
                                      event.start_mark.line + 1, event.start_mark.column + 1,
                                      _("A workflow file holds one document; move the part after “---” into its own file"));
              failed = TRUE;
            }
          break;

        case YAML_ALIAS_EVENT:
          sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "yaml/alias",
                                  event.start_mark.line + 1, event.start_mark.column + 1,
                                  _("Aliases (*%s) are not supported; write the value out where it is used"),
                                  (const char *) event.data.alias.anchor);
          failed = TRUE;
          break;

        case YAML_SCALAR_EVENT:
          /* libyaml sets a tag only when one is written, "!" included */
          if (refuse_event (&builder, &event,
                            (const char *) event.data.scalar.anchor,
                            (const char *) event.data.scalar.tag))
            {
              failed = TRUE;
              break;
            }
          node = node_new (SLUICE_YAML_SCALAR, &event.start_mark);
          node->scalar = g_strndup ((const char *) event.data.scalar.value, event.data.scalar.length);
          node->plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
          if (!attach_node (&builder, node))
            failed = TRUE;
          break;

        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
          {
            gboolean is_seq = event.type == YAML_SEQUENCE_START_EVENT;
            const char *anchor = (const char *) (is_seq ? event.data.sequence_start.anchor
                                                        : event.data.mapping_start.anchor);
            const char *tag = (const char *) (is_seq ? event.data.sequence_start.tag
                                                     : event.data.mapping_start.tag);
            if (refuse_event (&builder, &event, anchor, tag))
              {
                failed = TRUE;
                break;
              }

            if (builder.stack->len >= SLUICE_YAML_MAX_DEPTH)
              {
                sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "yaml/too-deep",
                                        event.start_mark.line + 1, event.start_mark.column + 1,
                                        _("The document nests deeper than %d levels"),
                                        SLUICE_YAML_MAX_DEPTH);
                failed = TRUE;
                break;
              }

            node = node_new (is_seq ? SLUICE_YAML_SEQUENCE : SLUICE_YAML_MAPPING, &event.start_mark);
            if (!attach_node (&builder, node))
              {
                failed = TRUE;
                break;
              }
            g_ptr_array_add (builder.stack, node);
          }
          break;

        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          g_ptr_array_remove_index (builder.stack, builder.stack->len - 1);
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        default:
          break;
        }

      yaml_event_delete (&event);
    }

  yaml_parser_delete (&parser);
  g_ptr_array_unref (builder.stack);

  if (failed)
    {
      g_clear_pointer (&builder.root, sluice_yaml_node_free);
      return NULL;
    }

  if (builder.root == NULL)
    {
      yaml_mark_t start = { 0 };
      builder.root = node_new (SLUICE_YAML_MAPPING, &start);
    }

  return builder.root;
}
