/* sluice-policy.c
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sluice-policy.h"
#include "sluice-schema.h"
#include "sluice-yaml-tree.h"

struct _SluicePolicy
{
  char    *name;
  GStrv    allowed_domains;   /* NULL: no restriction */
  gint64   max_fan_out;       /* 0: no limit */
  gboolean require_rate_limits;
  gboolean require_cooldown;
  GStrv    forbidden_step_types;
};

void
sluice_policy_free (SluicePolicy *policy)
{
  if (policy == NULL)
    return;

  g_free (policy->name);
  g_strfreev (policy->allowed_domains);
  g_strfreev (policy->forbidden_step_types);
  g_free (policy);
}

static GStrv
string_list (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));

  return g_strv_builder_end (builder);
}

/**
 * sluice_policy_load_from_data:
 *
 * Reads a policy document (kind: Policy), reporting problems with their
 * positions like workflows do.
 *
 * Returns: (transfer full) (nullable): the policy, or %NULL on error
 */
SluicePolicy *
sluice_policy_load_from_data (const char        *text,
                              gsize              length,
                              SluiceDiagnostics *diagnostics)
{
  g_autoptr(SluiceYamlNode) root = NULL;
  g_autoptr(JsonNode) document = NULL;
  SluiceSchemaContext context = { diagnostics, NULL };
  SluicePolicy *policy;
  JsonObject *object, *metadata, *spec;
  guint errors_before;

  g_return_val_if_fail (diagnostics != NULL, NULL);

  errors_before = sluice_diagnostics_count (diagnostics, SLUICE_SEVERITY_ERROR);

  root = sluice_yaml_read (text, length, diagnostics);
  if (root == NULL)
    return NULL;

  document = sluice_schema_read (sluice_schema_policy (), root, "", &context);
  if (document == NULL || sluice_diagnostics_count (diagnostics, SLUICE_SEVERITY_ERROR) > errors_before)
    return NULL;

  object = json_node_get_object (document);
  if (!json_object_has_member (object, "kind") || !json_object_has_member (object, "spec"))
    {
      sluice_diagnostics_add (diagnostics, SLUICE_SEVERITY_ERROR, "schema/required", 1, 1,
                              _("A policy needs “kind: Policy” and a “spec” with its rules"));
      return NULL;
    }

  metadata = json_object_get_object_member (object, "metadata");
  spec = json_object_get_object_member (object, "spec");

  policy = g_new0 (SluicePolicy, 1);
  policy->name = g_strdup (metadata ? json_object_get_string_member_with_default (metadata, "name", NULL) : NULL);
  policy->allowed_domains = string_list (spec, "allowedDomains");
  policy->max_fan_out = json_object_get_int_member_with_default (spec, "maxFanOut", 0);
  policy->require_rate_limits = json_object_get_boolean_member_with_default (spec, "requireRateLimits", FALSE);
  policy->require_cooldown = json_object_get_boolean_member_with_default (spec, "requireCooldown", FALSE);
  policy->forbidden_step_types = string_list (spec, "forbiddenStepTypes");

  return policy;
}

SluicePolicy *
sluice_policy_load_from_file (GFile             *file,
                              SluiceDiagnostics *diagnostics,
                              GError           **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;

  return sluice_policy_load_from_data (contents, length, diagnostics);
}

const char *
sluice_policy_get_name (SluicePolicy *policy)
{
  return policy->name;
}

/* Returns: (nullable): the allowed domains, or %NULL for no restriction */
const char * const *
sluice_policy_get_allowed_domains (SluicePolicy *policy)
{
  return (const char * const *) policy->allowed_domains;
}

gint64
sluice_policy_get_max_fan_out (SluicePolicy *policy)
{
  return policy->max_fan_out;
}

gboolean
sluice_policy_get_require_rate_limits (SluicePolicy *policy)
{
  return policy->require_rate_limits;
}

gboolean
sluice_policy_get_require_cooldown (SluicePolicy *policy)
{
  return policy->require_cooldown;
}

gboolean
sluice_policy_forbids_step_type (SluicePolicy *policy,
                                 const char   *type_name)
{
  return policy->forbidden_step_types != NULL
      && g_strv_contains ((const char * const *) policy->forbidden_step_types, type_name);
}
