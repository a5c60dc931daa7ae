/* fuzz-workflow-loader.c — feeds arbitrary bytes to the workflow loader
 *
 * Besides "no crash, no leak, no undefined behaviour", it checks the
 * round-trip promise on every input that loads: the canonical YAML must
 * load again without errors, give an equal model and the same bytes.
 *
 * Built with libFuzzer when -Dfuzzing=true; built with the replay driver
 * (fuzz-replay.c) as a normal test over the corpus and past crashes.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "sluice-policy.h"
#include "sluice-validator.h"
#include "sluice-workflow.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* a g_return_if_fail() hit is a bug the fuzzer should stop on */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_round_trip (SluiceWorkflow *workflow)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) again = NULL;
  g_autofree char *yaml = sluice_workflow_to_yaml (workflow);
  g_autofree char *yaml_again = NULL;

  again = sluice_workflow_load_from_data (yaml, strlen (yaml), diagnostics);
  if (again == NULL)
    {
      for (guint i = 0; i < diagnostics->len; i++)
        {
          g_autofree char *line = sluice_diagnostic_format (g_ptr_array_index (diagnostics, i), "<emitted>");
          g_printerr ("%s\n", line);
        }
      g_printerr ("--- emitted ---\n%s---\n", yaml);
      g_error ("the canonical form of a loaded workflow does not load again");
    }

  yaml_again = sluice_workflow_to_yaml (again);
  if (g_strcmp0 (yaml, yaml_again) != 0)
    {
      g_printerr ("--- first ---\n%s--- second ---\n%s---\n", yaml, yaml_again);
      g_error ("emit → parse → emit changed the document");
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluicePolicy) policy = NULL;

  workflow = sluice_workflow_load_from_data ((const char *) data, size, diagnostics);
  if (workflow != NULL)
    {
      g_autofree char *digest = sluice_workflow_get_digest (workflow);

      g_assert (g_str_has_prefix (digest, "sha256:"));
      sluice_workflow_validate (workflow, NULL, diagnostics);
      check_round_trip (workflow);
    }

  /* the same bytes as a policy exercise the other grammar */
  policy = sluice_policy_load_from_data ((const char *) data, size, diagnostics);
  if (workflow != NULL && policy != NULL)
    sluice_workflow_validate (workflow, policy, diagnostics);

  for (guint i = 0; i < diagnostics->len; i++)
    g_free (sluice_diagnostic_format (g_ptr_array_index (diagnostics, i), "fuzz"));

  return 0;
}
