/* test-workflow-edit.c — editing the model the way the app does
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sluice-validator.h"
#include "sluice-workflow.h"

static SluiceWorkflow *
load_example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("SLUICE_DATADIR"), "examples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  SluiceWorkflow *workflow = sluice_workflow_load_from_file (file, diagnostics, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workflow);
  return workflow;
}

static guint
count_findings (SluiceWorkflow *workflow)
{
  g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();

  sluice_workflow_validate (workflow, NULL, diagnostics);
  return diagnostics->len;
}

static void
test_rename_follows_references (void)
{
  g_autoptr(SluiceWorkflow) workflow = load_example ("usage-quota-80.workflow.yaml");
  g_autofree char *yaml = NULL;
  double x, y;

  sluice_workflow_set_position (workflow, "notify-owner", 300, 40);
  g_assert_true (sluice_workflow_rename_step (workflow, "notify-owner", "tell-owner"));

  g_assert_null (sluice_workflow_lookup_step (workflow, "notify-owner"));
  g_assert_nonnull (sluice_workflow_lookup_step (workflow, "tell-owner"));
  g_assert_cmpstr (sluice_step_get_string (sluice_workflow_lookup_step (workflow, "record-nudge"), "next"), ==, "tell-owner");
  g_assert_true (sluice_workflow_get_position (workflow, "tell-owner", &x, &y));
  g_assert_cmpfloat (x, ==, 300);

  yaml = sluice_workflow_to_yaml (workflow);
  g_assert_nonnull (strstr (yaml, "- step: tell-owner\n"));
  g_assert_null (strstr (yaml, "notify-owner"));
  /* nothing dangles */
  g_assert_cmpuint (count_findings (workflow), ==, 0);
}

static void
test_rename_follows_branches_and_cases (void)
{
  g_autoptr(SluiceWorkflow) workflow = load_example ("contact-fanout.workflow.yaml");

  g_assert_true (sluice_workflow_rename_step (workflow, "note-plan", "record-plan"));
  g_assert_cmpstr (sluice_step_get_string (sluice_workflow_lookup_step (workflow, "is-enterprise"), "else"), ==, "record-plan");
  g_assert_cmpuint (count_findings (workflow), ==, 0);
}

static void
test_rename_refuses_taken_ids (void)
{
  g_autoptr(SluiceWorkflow) workflow = load_example ("usage-quota-80.workflow.yaml");

  g_assert_false (sluice_workflow_rename_step (workflow, "notify-owner", "open-ticket"));
  g_assert_false (sluice_workflow_rename_step (workflow, "no-such-step", "anything"));
  g_assert_nonnull (sluice_workflow_lookup_step (workflow, "notify-owner"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workflow/rename/follows-references", test_rename_follows_references);
  g_test_add_func ("/workflow/rename/follows-branches", test_rename_follows_branches_and_cases);
  g_test_add_func ("/workflow/rename/refuses-taken-ids", test_rename_refuses_taken_ids);

  return g_test_run ();
}
