/* sluice-cli-export.c — sluice-cli export: a workflow as manifests of another engine
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sluice-argo-export.h"
#include "sluice-cli.h"
#include "sluice-validator.h"

/* "TYPE=IMAGE" options, parsed into the override table. */
static gboolean
parse_images (char      **specs,
              GArray     *images,
              GError    **error)
{
  for (guint i = 0; specs && specs[i]; i++)
    {
      char *equals = strchr (specs[i], '=');
      SluiceArgoImage image = { NULL };
      gboolean known = FALSE;
      guint n_defaults;
      const SluiceArgoImage *defaults = sluice_argo_default_images (&n_defaults);

      if (equals == NULL || equals == specs[i] || equals[1] == '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not TYPE=IMAGE, e.g. notify=registry.example.com/notify:2"), specs[i]);
          return FALSE;
        }
      *equals = '\0';
      for (guint k = 0; k < n_defaults; k++)
        known |= g_str_equal (defaults[k].step_type, specs[i]);
      if (!known)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” steps do not run in a container image; images are set for record, notify, ticket, api and job"),
                       specs[i]);
          return FALSE;
        }
      image.step_type = specs[i];
      image.image = equals + 1;
      g_array_append_val (images, image);
    }

  return TRUE;
}

/* Writes @contents to @dir/@name through a temporary file, so a reader
 * never sees half a manifest. */
static gboolean
write_manifest (const char  *dir,
                const char  *name,
                const char  *contents,
                char       **written,
                GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (!g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, error))
    return FALSE;

  *written = g_steal_pointer (&path);
  return TRUE;
}

int
sluice_cli_export (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SluiceDiagnostics) findings = sluice_diagnostics_new ();
  g_autoptr(SluiceWorkflow) workflow = NULL;
  g_autoptr(SluiceArgoManifests) manifests = NULL;
  g_autoptr(GArray) images = g_array_new (TRUE, TRUE, sizeof (SluiceArgoImage));
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *namespace_name = NULL;
  g_autofree char *event_source = NULL;
  g_autofree char *event_name = NULL;
  g_autofree char *payload_key = NULL;
  g_autofree char *service_account = NULL;
  g_autofree char *sensor_service_account = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) image_specs = NULL;
  gboolean strict = FALSE;
  gboolean force = FALSE;
  SluiceArgoOptions options = { NULL };
  const char *filename, *shown;
  guint errors, warnings;
  gboolean failed;
  gsize length;
  const GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &target,
      N_("The engine to export to; only “argo” (Argo Events + Argo Workflows) for now"), N_("TARGET") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir,
      N_("Write one file per manifest into DIR instead of printing them"), N_("DIR") },
    { "namespace", 'n', 0, G_OPTION_ARG_STRING, &namespace_name,
      N_("Put the manifests in this Kubernetes namespace"), N_("NAMESPACE") },
    { "event-source", 0, 0, G_OPTION_ARG_STRING, &event_source,
      N_("The Argo Events EventSource the events come from (default: sluice)"), N_("NAME") },
    { "event-name", 0, 0, G_OPTION_ARG_STRING, &event_name,
      N_("The event of that EventSource (default: cloudevents)"), N_("NAME") },
    { "payload-key", 0, 0, G_OPTION_ARG_STRING, &payload_key,
      N_("Where the CloudEvent sits in the Argo event data (default: body, as the webhook event source puts it)"), N_("KEY") },
    { "service-account", 0, 0, G_OPTION_ARG_STRING, &service_account,
      N_("The service account the workflow's pods run as"), N_("NAME") },
    { "sensor-service-account", 0, 0, G_OPTION_ARG_STRING, &sensor_service_account,
      N_("The service account the Sensor submits workflows with (default: operate-workflow-sa)"), N_("NAME") },
    { "image", 0, 0, G_OPTION_ARG_STRING_ARRAY, &image_specs,
      N_("Run TYPE steps (record, notify, ticket, api, job) in IMAGE; may be repeated"), N_("TYPE=IMAGE") },
    { "strict", 's', 0, G_OPTION_ARG_NONE, &strict,
      N_("Fail on warnings too"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Write the manifests even when the export has errors"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("WORKFLOW — write a workflow as manifests of another engine"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("With --target argo, writes an Argo Events Sensor (a CronWorkflow for a schedule\n"
      "trigger) and an Argo Workflows WorkflowTemplate. Without --output both go to\n"
      "standard output as one YAML stream, the WorkflowTemplate first; with --output DIR\n"
      "they are written to DIR/NAME.sensor.yaml and DIR/NAME.workflowtemplate.yaml.\n"
      "Give “-” to read the workflow from standard input.\n\n"
      "Whatever Argo cannot express is reported on standard error, one line per finding:\n"
      "FILE:LINE:COLUMN: error|warning: [argo/rule] message. With errors (or warnings\n"
      "with --strict) no manifest is written unless --force is given.\n\n"
      "Exit status: 0 when the export is complete, 1 when the workflow is invalid or the\n"
      "export has errors (or warnings with --strict), 2 when the options are wrong or a\n"
      "file cannot be read or written."));

  if (!sluice_cli_parse_options (context, &argc, &argv))
    return SLUICE_CLI_EXIT_USAGE;

  if (target == NULL)
    {
      g_printerr (_("sluice-cli export: say which engine to export to with --target argo\n"));
      return SLUICE_CLI_EXIT_USAGE;
    }
  if (!g_str_equal (target, "argo"))
    {
      g_printerr (_("sluice-cli export: unknown target “%s”; the one target is argo\n"), target);
      return SLUICE_CLI_EXIT_USAGE;
    }
  if (argc != 2)
    {
      g_printerr (_("sluice-cli export: give exactly one workflow file\n"));
      return SLUICE_CLI_EXIT_USAGE;
    }
  if (!parse_images (image_specs, images, &error))
    {
      g_printerr ("sluice-cli export: %s\n", error->message);
      return SLUICE_CLI_EXIT_USAGE;
    }

  filename = argv[1];
  shown = g_strcmp0 (filename, "-") == 0 ? "<stdin>" : filename;
  text = sluice_cli_read_input (filename, &length, &error);
  if (text == NULL)
    {
      g_printerr (_("sluice-cli export: cannot read %s: %s\n"), filename, error->message);
      return SLUICE_CLI_EXIT_USAGE;
    }

  /* An invalid workflow is not exported: its errors are shown as
   * `validate` shows them, its warnings are left to `validate`. */
  {
    g_autoptr(SluiceDiagnostics) diagnostics = sluice_diagnostics_new ();
    g_autoptr(SluiceDiagnostics) problems = sluice_diagnostics_new ();

    workflow = sluice_workflow_load_from_data (text, length, diagnostics);
    if (workflow != NULL)
      sluice_workflow_validate (workflow, NULL, diagnostics);

    for (guint i = 0; i < diagnostics->len; i++)
      {
        SluiceDiagnostic *d = g_ptr_array_index (diagnostics, i);

        if (d->severity == SLUICE_SEVERITY_ERROR)
          g_ptr_array_add (problems, g_ptr_array_steal_index (diagnostics, i--));
      }
    if (workflow == NULL || problems->len > 0)
      {
        sluice_cli_print_diagnostics (problems, filename, stderr);
        g_printerr (_("sluice-cli export: %s is not a valid workflow; fix it first (see sluice-cli validate)\n"), shown);
        return SLUICE_CLI_EXIT_FAILED;
      }
  }

  options.namespace_name = namespace_name;
  options.event_source_name = event_source;
  options.event_name = event_name;
  options.payload_key = payload_key;
  options.service_account = service_account;
  options.sensor_service_account = sensor_service_account;
  options.images = images->len > 0 ? (const SluiceArgoImage *) images->data : NULL;

  manifests = sluice_argo_export (workflow, &options, findings, &error);
  if (manifests == NULL)
    {
      g_printerr ("sluice-cli export: %s: %s\n", shown, error->message);
      return SLUICE_CLI_EXIT_FAILED;
    }

  sluice_cli_print_diagnostics (findings, filename, stderr);
  errors = sluice_diagnostics_count (findings, SLUICE_SEVERITY_ERROR);
  warnings = sluice_diagnostics_count (findings, SLUICE_SEVERITY_WARNING);
  failed = errors > 0 || (strict && warnings > 0);

  if (failed && !force)
    {
      g_printerr (_("sluice-cli export: not writing the manifests: Argo cannot run %s as written (use --force to write them anyway)\n"),
                  shown);
      return SLUICE_CLI_EXIT_FAILED;
    }

  if (output_dir == NULL)
    {
      g_autofree char *stream = sluice_argo_manifests_to_string (manifests);

      fputs (stream, stdout);
      if (fflush (stdout) != 0)
        {
          g_printerr (_("sluice-cli export: cannot write to standard output\n"));
          return SLUICE_CLI_EXIT_USAGE;
        }
    }
  else
    {
      g_autofree char *template_path = NULL;
      g_autofree char *trigger_path = NULL;

      if (g_mkdir_with_parents (output_dir, 0755) != 0)
        {
          int saved_errno = errno;

          g_printerr (_("sluice-cli export: cannot create the folder %s: %s\n"), output_dir, g_strerror (saved_errno));
          return SLUICE_CLI_EXIT_USAGE;
        }
      if (!write_manifest (output_dir, manifests->template_filename, manifests->template_yaml, &template_path, &error)
          || !write_manifest (output_dir, manifests->trigger_filename, manifests->trigger_yaml, &trigger_path, &error))
        {
          g_printerr (_("sluice-cli export: cannot write the manifests: %s\n"), error->message);
          return SLUICE_CLI_EXIT_USAGE;
        }
      printf ("%s\n%s\n", template_path, trigger_path);
    }

  return failed ? SLUICE_CLI_EXIT_FAILED : SLUICE_CLI_EXIT_OK;
}
