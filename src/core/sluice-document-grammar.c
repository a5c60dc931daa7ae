/* sluice-document-grammar.c — the fields of a workflow and a policy
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sluice-filter.h"
#include "sluice-schema.h"

#define REQUIRED SLUICE_FIELD_FLAG_REQUIRED
#define END { NULL }

/* ---- filters ------------------------------------------------------------ */

static const SluiceField filter_fields[] = {
  { "path", SLUICE_FIELD_PATH, REQUIRED, N_("Field"),
    N_("The event field to test, e.g. data.percent") },
  { "op", SLUICE_FIELD_ENUM, REQUIRED, N_("Operator"),
    N_("How to compare: eq, ne, gt, gte, lt, lte, in, not_in, exists, contains, matches, within, changed"),
    sluice_filter_op_names },
  { "value", SLUICE_FIELD_VALUE, 0, N_("Value"),
    N_("What to compare with: a value, a list for in/not_in, a duration for within") },
  END
};

const SluiceField sluice_filter_field = {
  "filter", SLUICE_FIELD_OBJECT, 0, N_("Filter"),
  N_("One condition on an event field"), NULL, NULL, filter_fields,
};

/* ---- workflow ----------------------------------------------------------- */

static const char * const api_versions[] = { "sluice.dev/v1", NULL };
static const char * const workflow_kinds[] = { "Workflow", NULL };
static const char * const policy_kinds[] = { "Policy", NULL };
static const char * const backoff_choices[] = { "none", "fixed", "exponential", NULL };

static const SluiceField label_item = { "label", SLUICE_FIELD_STRING };
static const SluiceField domain_item = { "domain", SLUICE_FIELD_STRING };
static const SluiceField step_type_item = { "type", SLUICE_FIELD_STRING };

static const SluiceField metadata_fields[] = {
  { "name", SLUICE_FIELD_IDENTIFIER, REQUIRED, N_("Name"),
    N_("The workflow's name: lower-case letters, digits and dashes") },
  { "version", SLUICE_FIELD_INTEGER, 0, N_("Version"),
    N_("The revision of this document, counting up from 1"), NULL, NULL, NULL, 1 },
  { "description", SLUICE_FIELD_TEXT, 0, N_("Description"),
    N_("What the workflow is for, in a sentence or two") },
  { "labels", SLUICE_FIELD_MAP, 0, N_("Labels"),
    N_("Key/value labels for searching and grouping"), NULL, &label_item },
  END
};

static const SluiceField retry_fields[] = {
  { "max", SLUICE_FIELD_INTEGER, 0, N_("Attempts"),
    N_("How many times a failed action is retried"), NULL, NULL, NULL, 0, 20 },
  { "backoff", SLUICE_FIELD_ENUM, 0, N_("Backoff"),
    N_("How the wait between retries grows: none, fixed or exponential"), backoff_choices },
  { "delay", SLUICE_FIELD_DURATION, 0, N_("First delay"),
    N_("The wait before the first retry") },
  { "maxDelay", SLUICE_FIELD_DURATION, 0, N_("Longest delay"),
    N_("The wait between retries never grows beyond this") },
  END
};

static const SluiceField rate_limit_fields[] = {
  { "step", SLUICE_FIELD_STEP_REF, 0, N_("Step"),
    N_("The action step this limit applies to") },
  { "type", SLUICE_FIELD_STRING, 0, N_("Step type"),
    N_("Or: every action step of this type, e.g. notify") },
  { "limit", SLUICE_FIELD_INTEGER, REQUIRED, N_("Limit"),
    N_("At most this many actions…"), NULL, NULL, NULL, 1 },
  { "per", SLUICE_FIELD_DURATION, REQUIRED, N_("Per"),
    N_("…in this window, e.g. 1m or 1h") },
  END
};

static const SluiceField rate_limit_item = {
  "rateLimit", SLUICE_FIELD_OBJECT, 0, N_("Rate limit"),
  N_("A limit on how often an action may run"), NULL, NULL, rate_limit_fields,
};

static const SluiceField quota_fields[] = {
  { "destination", SLUICE_FIELD_STRING, REQUIRED, N_("Destination"),
    N_("A domain such as api.example.com, or email, chat, timeline, ticket:QUEUE, job:NAME, api:SERVICE") },
  { "limit", SLUICE_FIELD_INTEGER, REQUIRED, N_("Limit"),
    N_("The destination accepts at most this many requests…"), NULL, NULL, NULL, 1 },
  { "per", SLUICE_FIELD_DURATION, REQUIRED, N_("Per"),
    N_("…in this period, e.g. 1d") },
  END
};

static const SluiceField quota_item = {
  "quota", SLUICE_FIELD_OBJECT, 0, N_("Quota"),
  N_("How many requests a destination accepts in a period"), NULL, NULL, quota_fields,
};

static const SluiceField safety_fields[] = {
  { "cooldown", SLUICE_FIELD_DURATION, 0, N_("Cooldown per entity"),
    N_("After a run, the same entity does not start another for this long") },
  { "dedupeKey", SLUICE_FIELD_TEMPLATE, 0, N_("Deduplication key"),
    N_("Events with the same key are handled once; the event id when empty") },
  { "maxFanOut", SLUICE_FIELD_INTEGER, 0, N_("Maximum fan-out"),
    N_("At most this many actions from one event"), NULL, NULL, NULL, 1 },
  { "timeout", SLUICE_FIELD_DURATION, 0, N_("Timeout"),
    N_("A run that takes longer than this is stopped") },
  { "retries", SLUICE_FIELD_OBJECT, 0, N_("Retries"),
    N_("How failed actions are retried"), NULL, NULL, retry_fields },
  { "idempotencyKey", SLUICE_FIELD_TEMPLATE, 0, N_("Idempotency key"),
    N_("Sent with every action so a retried action is applied once") },
  { "rateLimits", SLUICE_FIELD_LIST, 0, N_("Rate limits"),
    N_("Limits on how often actions may run"), NULL, &rate_limit_item },
  { "allowlist", SLUICE_FIELD_LIST, 0, N_("Allowed domains"),
    N_("Outbound calls may only go to these domains (*.example.com for subdomains)"),
    NULL, &domain_item },
  { "quotas", SLUICE_FIELD_LIST, 0, N_("Quotas"),
    N_("Requests each destination accepts per period; dry runs flag what would exceed them"),
    NULL, &quota_item },
  END
};

static const SluiceField step_item = {
  "step", SLUICE_FIELD_STEP, 0, N_("Step"), N_("One step of the workflow"),
};

static const SluiceField spec_fields[] = {
  { "trigger", SLUICE_FIELD_STEP, SLUICE_FIELD_FLAG_TRIGGER | REQUIRED, N_("Trigger"),
    N_("What starts the workflow") },
  { "entityKey", SLUICE_FIELD_PATH, REQUIRED, N_("Entity key"),
    N_("The event field that names the affected entity, e.g. data.account") },
  { "steps", SLUICE_FIELD_LIST, 0, N_("Steps"),
    N_("The steps after the trigger, each pointing at the next"), NULL, &step_item },
  { "safety", SLUICE_FIELD_OBJECT, 0, N_("Safety"),
    N_("Limits that keep the workflow from doing too much"), NULL, NULL, safety_fields },
  END
};

static const SluiceField point_fields[] = {
  { "x", SLUICE_FIELD_NUMBER, REQUIRED, "x", N_("Horizontal position on the canvas") },
  { "y", SLUICE_FIELD_NUMBER, REQUIRED, "y", N_("Vertical position on the canvas") },
  END
};

static const SluiceField viewport_fields[] = {
  { "x", SLUICE_FIELD_NUMBER, 0, "x", N_("Canvas point at the left edge of the view") },
  { "y", SLUICE_FIELD_NUMBER, 0, "y", N_("Canvas point at the top edge of the view") },
  { "zoom", SLUICE_FIELD_NUMBER, 0, N_("Zoom"), N_("Zoom factor, 1 is 100%") },
  END
};

static const SluiceField node_item = {
  "node", SLUICE_FIELD_OBJECT, 0, N_("Node"), N_("Where a step sits on the canvas"),
  NULL, NULL, point_fields,
};

static const SluiceField layout_fields[] = {
  { "viewport", SLUICE_FIELD_OBJECT, 0, N_("Viewport"),
    N_("The part of the canvas last shown"), NULL, NULL, viewport_fields },
  { "nodes", SLUICE_FIELD_MAP, 0, N_("Nodes"),
    N_("Canvas position of each step, by step id"), NULL, &node_item },
  END
};

static const SluiceField workflow_fields[] = {
  { "apiVersion", SLUICE_FIELD_ENUM, REQUIRED, N_("API version"),
    N_("The version of this format"), api_versions },
  { "kind", SLUICE_FIELD_ENUM, REQUIRED, N_("Kind"),
    N_("Always Workflow"), workflow_kinds },
  { "metadata", SLUICE_FIELD_OBJECT, REQUIRED, N_("Metadata"),
    N_("Name, version and description"), NULL, NULL, metadata_fields },
  { "spec", SLUICE_FIELD_OBJECT, REQUIRED, N_("Specification"),
    N_("What the workflow does"), NULL, NULL, spec_fields },
  { "layout", SLUICE_FIELD_OBJECT, 0, N_("Layout"),
    N_("Canvas positions; no effect on behaviour"), NULL, NULL, layout_fields },
  END
};

static const SluiceField workflow_field = {
  "workflow", SLUICE_FIELD_OBJECT, 0, N_("Sluice workflow"),
  N_("An event-driven automation workflow"), NULL, NULL, workflow_fields,
};

const SluiceField *
sluice_schema_workflow (void)
{
  return &workflow_field;
}

/* ---- policy ------------------------------------------------------------- */

static const SluiceField policy_metadata_fields[] = {
  { "name", SLUICE_FIELD_IDENTIFIER, REQUIRED, N_("Name"), N_("The policy's name") },
  { "description", SLUICE_FIELD_TEXT, 0, N_("Description"), N_("What the policy is for") },
  END
};

static const SluiceField policy_spec_fields[] = {
  { "allowedDomains", SLUICE_FIELD_LIST, 0, N_("Allowed domains"),
    N_("Outbound calls may only go to these domains, whatever a workflow's allowlist says"),
    NULL, &domain_item },
  { "maxFanOut", SLUICE_FIELD_INTEGER, 0, N_("Maximum fan-out"),
    N_("No workflow may fan out wider than this"), NULL, NULL, NULL, 1 },
  { "requireRateLimits", SLUICE_FIELD_BOOLEAN, 0, N_("Require rate limits"),
    N_("Every external action must have a rate limit (an error, not a warning)") },
  { "requireCooldown", SLUICE_FIELD_BOOLEAN, 0, N_("Require a cooldown"),
    N_("Every workflow must set a per-entity cooldown") },
  { "forbiddenStepTypes", SLUICE_FIELD_LIST, 0, N_("Forbidden step types"),
    N_("Step types no workflow may use"), NULL, &step_type_item },
  END
};

static const SluiceField policy_fields[] = {
  { "apiVersion", SLUICE_FIELD_ENUM, REQUIRED, N_("API version"),
    N_("The version of this format"), api_versions },
  { "kind", SLUICE_FIELD_ENUM, REQUIRED, N_("Kind"), N_("Always Policy"), policy_kinds },
  { "metadata", SLUICE_FIELD_OBJECT, REQUIRED, N_("Metadata"), N_("Name and description"),
    NULL, NULL, policy_metadata_fields },
  { "spec", SLUICE_FIELD_OBJECT, REQUIRED, N_("Rules"), N_("What every workflow must respect"),
    NULL, NULL, policy_spec_fields },
  END
};

static const SluiceField policy_field = {
  "policy", SLUICE_FIELD_OBJECT, 0, N_("Sluice organisation policy"),
  N_("Constraints every workflow of an organisation must meet"), NULL, NULL, policy_fields,
};

const SluiceField *
sluice_schema_policy (void)
{
  return &policy_field;
}
