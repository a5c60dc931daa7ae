/* sluice-argo-export.h — a workflow as Argo Events + Argo Workflows manifests
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sluice-diagnostic.h"
#include "sluice-workflow.h"

G_BEGIN_DECLS

#define SLUICE_ARGO_ERROR (sluice_argo_error_quark ())

typedef enum
{
  SLUICE_ARGO_ERROR_NO_NAME,      /* metadata.name is missing */
  SLUICE_ARGO_ERROR_NO_TRIGGER,   /* nothing starts the workflow */
} SluiceArgoError;

/* The container that runs one kind of action step (record, notify, ticket,
 * api, job). The step's settings reach it as arguments
 * `--FIELD=VALUE`; see help/C/export-argo.page for the contract. */
typedef struct
{
  const char         *step_type;   /* "notify" */
  const char         *image;       /* "ghcr.io/sluice/actions-notify:1" */
  const char * const *command;     /* NULL-terminated; NULL keeps the default */
} SluiceArgoImage;

/* Everything is optional: a zeroed struct (or %NULL) gives the defaults
 * documented on each field. */
typedef struct
{
  const char            *namespace_name;          /* metadata.namespace; none when NULL */
  const char            *event_source_name;       /* EventSource name; "sluice" */
  const char            *event_name;              /* event in that source; "cloudevents" */
  const char            *payload_key;             /* where the CloudEvent sits in the Argo event data; "body" */
  const char            *sensor_service_account;  /* may submit workflows; "operate-workflow-sa" */
  const char            *service_account;         /* runs the workflow pods; the namespace default when NULL */
  const SluiceArgoImage *images;                  /* overrides, ended by { NULL } */
} SluiceArgoOptions;

/* The two manifests of an export. The trigger is a Sensor for an event
 * trigger and a CronWorkflow for a schedule trigger. */
typedef struct
{
  char *name;               /* metadata.name of both */
  char *trigger_kind;       /* "Sensor" or "CronWorkflow" */
  char *trigger_filename;   /* "<name>.sensor.yaml" or "<name>.cronworkflow.yaml" */
  char *trigger_yaml;
  char *template_filename;  /* "<name>.workflowtemplate.yaml" */
  char *template_yaml;
} SluiceArgoManifests;

GQuark                 sluice_argo_error_quark         (void);
const SluiceArgoImage *sluice_argo_default_images      (guint                     *n_images);
SluiceArgoManifests   *sluice_argo_export              (SluiceWorkflow            *workflow,
                                                        const SluiceArgoOptions   *options,
                                                        SluiceDiagnostics         *findings,
                                                        GError                   **error);
char                  *sluice_argo_manifests_to_string (const SluiceArgoManifests *manifests);
void                   sluice_argo_manifests_free      (SluiceArgoManifests       *manifests);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SluiceArgoManifests, sluice_argo_manifests_free)

G_END_DECLS
