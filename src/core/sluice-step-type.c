/* sluice-step-type.c — the palette: every step type and its configuration
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sluice-step-type.h"

#define REQUIRED SLUICE_FIELD_FLAG_REQUIRED
#define END { NULL }

static const SluiceField template_item = { "item", SLUICE_FIELD_TEMPLATE };
static const SluiceField string_item = { "item", SLUICE_FIELD_STRING };

static const char * const match_choices[] = { "all", "any", NULL };
static const char * const channel_choices[] = { "email", "chat", NULL };
static const char * const priority_choices[] = { "low", "normal", "high", "urgent", NULL };
static const char * const method_choices[] = { "GET", "POST", "PUT", "PATCH", "DELETE", NULL };

static const SluiceField event_trigger_fields[] = {
  { "event", SLUICE_FIELD_STRING, REQUIRED, N_("Event type"),
    N_("The CloudEvents type that starts the workflow, e.g. usage.updated") },
  { "source", SLUICE_FIELD_STRING, 0, N_("Source"),
    N_("Only events from this source; leave empty for any source") },
  { "filters", SLUICE_FIELD_LIST, 0, N_("Filters"),
    N_("Conditions every matching event must meet"), NULL, &sluice_filter_field },
  END
};

static const SluiceField schedule_trigger_fields[] = {
  { "cron", SLUICE_FIELD_CRON, REQUIRED, N_("Schedule"),
    N_("When to run, as a five-field cron expression (minute hour day month weekday)") },
  { "timezone", SLUICE_FIELD_STRING, 0, N_("Time zone"),
    N_("Time zone of the schedule, e.g. Europe/Berlin; UTC when empty") },
  { "event", SLUICE_FIELD_STRING, 0, N_("State from event type"),
    N_("Check the latest event of this type for each entity at every run") },
  { "filters", SLUICE_FIELD_LIST, 0, N_("Filters"),
    N_("Conditions the entity's latest event must meet"), NULL, &sluice_filter_field },
  END
};

static const SluiceField condition_fields[] = {
  { "match", SLUICE_FIELD_ENUM, 0, N_("Match"),
    N_("Whether all filters or any one of them must pass (default: all)"), match_choices },
  { "filters", SLUICE_FIELD_LIST, REQUIRED, N_("Filters"),
    N_("The conditions; passing goes to “then”, failing to “else”"), NULL, &sluice_filter_field },
  END
};

static const SluiceField switch_fields[] = {
  { "path", SLUICE_FIELD_PATH, REQUIRED, N_("Field"),
    N_("The event field whose value picks the case, e.g. data.plan") },
  END
};

static const SluiceField record_fields[] = {
  { "title", SLUICE_FIELD_TEMPLATE, REQUIRED, N_("Title"),
    N_("What appears on the entity's timeline, e.g. Upgrade Nudge") },
  { "category", SLUICE_FIELD_STRING, 0, N_("Category"),
    N_("A timeline category such as growth or billing") },
  { "detail", SLUICE_FIELD_TEXT, 0, N_("Detail"),
    N_("Longer text shown when the timeline entry is opened") },
  END
};

static const SluiceField notify_fields[] = {
  { "channel", SLUICE_FIELD_ENUM, REQUIRED, N_("Channel"),
    N_("How to notify: email or a chat channel"), channel_choices },
  { "to", SLUICE_FIELD_LIST, REQUIRED, N_("Recipients"),
    N_("Addresses or channels; templates like {{ data.owner_email }} are filled in"),
    NULL, &template_item },
  { "cc", SLUICE_FIELD_LIST, 0, N_("Copy to"),
    N_("More recipients who get a copy"), NULL, &template_item },
  { "subject", SLUICE_FIELD_TEMPLATE, 0, N_("Subject"),
    N_("Subject line of the message") },
  { "message", SLUICE_FIELD_TEXT, REQUIRED, N_("Message"),
    N_("The message body; may hold templates") },
  { "attachments", SLUICE_FIELD_LIST, 0, N_("Attachments"),
    N_("Links or document references to attach"), NULL, &template_item },
  { "webhookUrl", SLUICE_FIELD_URL, 0, N_("Chat webhook"),
    N_("For chat: the incoming-webhook URL of the chat service") },
  END
};

static const SluiceField ticket_fields[] = {
  { "queue", SLUICE_FIELD_STRING, REQUIRED, N_("Queue"),
    N_("The ticket queue, e.g. ops or legal") },
  { "title", SLUICE_FIELD_TEMPLATE, REQUIRED, N_("Title"),
    N_("Ticket title; may hold templates") },
  { "description", SLUICE_FIELD_TEXT, 0, N_("Description"),
    N_("Ticket body; may hold templates") },
  { "priority", SLUICE_FIELD_ENUM, 0, N_("Priority"),
    N_("Ticket priority (default: normal)"), priority_choices },
  { "assignee", SLUICE_FIELD_TEMPLATE, 0, N_("Assignee"),
    N_("Who the ticket is assigned to; empty leaves it to the queue") },
  { "labels", SLUICE_FIELD_LIST, 0, N_("Labels"),
    N_("Labels to put on the ticket, e.g. recommended SKUs"), NULL, &string_item },
  END
};

static const SluiceField header_item = { "header", SLUICE_FIELD_TEMPLATE };
static const SluiceField param_item = { "param", SLUICE_FIELD_TEMPLATE };

static const SluiceField webhook_fields[] = {
  { "method", SLUICE_FIELD_ENUM, 0, N_("Method"),
    N_("HTTP method (default: POST)"), method_choices },
  { "url", SLUICE_FIELD_URL, REQUIRED, N_("URL"),
    N_("The https URL to call; its domain must be on the allowlist") },
  { "headers", SLUICE_FIELD_MAP, 0, N_("Headers"),
    N_("HTTP headers to send; values may hold templates"), NULL, &header_item },
  { "body", SLUICE_FIELD_TEXT, 0, N_("Body"),
    N_("Request body; may hold templates") },
  END
};

static const SluiceField api_fields[] = {
  { "service", SLUICE_FIELD_STRING, REQUIRED, N_("Service"),
    N_("The service that owns the operation, e.g. billing") },
  { "operation", SLUICE_FIELD_STRING, REQUIRED, N_("Operation"),
    N_("The mutation to call, e.g. setPlan") },
  { "url", SLUICE_FIELD_URL, 0, N_("Endpoint"),
    N_("The service endpoint; its domain must be on the allowlist") },
  { "params", SLUICE_FIELD_MAP, 0, N_("Parameters"),
    N_("Arguments of the mutation; values may hold templates"), NULL, &param_item },
  END
};

static const SluiceField job_fields[] = {
  { "job", SLUICE_FIELD_STRING, REQUIRED, N_("Job"),
    N_("The name of the job to run") },
  { "args", SLUICE_FIELD_MAP, 0, N_("Arguments"),
    N_("Arguments passed to the job; values may hold templates"), NULL, &param_item },
  { "wait", SLUICE_FIELD_BOOLEAN, 0, N_("Wait for completion"),
    N_("Whether the workflow waits for the job to finish") },
  END
};

static const SluiceField delay_fields[] = {
  { "duration", SLUICE_FIELD_DURATION, REQUIRED, N_("Duration"),
    N_("How long to wait before the next step, e.g. 1h") },
  END
};

static const SluiceField cooldown_fields[] = {
  { "window", SLUICE_FIELD_DURATION, REQUIRED, N_("Window"),
    N_("Let one run through per key in this window, e.g. 7d") },
  { "key", SLUICE_FIELD_TEMPLATE, 0, N_("Key"),
    N_("What counts as the same run; the entity when empty") },
  END
};

static const SluiceField approval_fields[] = {
  { "approvers", SLUICE_FIELD_LIST, REQUIRED, N_("Approvers"),
    N_("People or groups who may approve"), NULL, &template_item },
  { "message", SLUICE_FIELD_TEXT, 0, N_("Message"),
    N_("What the approvers are asked") },
  { "timeout", SLUICE_FIELD_DURATION, 0, N_("Timeout"),
    N_("How long to wait for a decision before giving up") },
  END
};

static const SluiceField foreach_fields[] = {
  { "items", SLUICE_FIELD_PATH, REQUIRED, N_("List field"),
    N_("The event field holding the list, e.g. data.contacts") },
  { "as", SLUICE_FIELD_IDENTIFIER, 0, N_("Item name"),
    N_("Name of the current item in templates (default: item)") },
  { "cap", SLUICE_FIELD_INTEGER, 0, N_("Cap"),
    N_("At most this many items are processed per event"), NULL, NULL, NULL, 1, 100000 },
  END
};

static const SluiceField no_fields[] = { END };

static const SluiceStepType step_types[] = {
  { "event", SLUICE_STEP_CATEGORY_TRIGGER, N_("Event trigger"),
    N_("Starts the workflow when a matching event arrives"),
    "sluice-step-event-symbolic", SLUICE_STEP_EDGES_NEXT, FALSE, event_trigger_fields },
  { "schedule", SLUICE_STEP_CATEGORY_TRIGGER, N_("Schedule trigger"),
    N_("Starts the workflow at set times, for time-based checks"),
    "sluice-step-schedule-symbolic", SLUICE_STEP_EDGES_NEXT, FALSE, schedule_trigger_fields },
  { "condition", SLUICE_STEP_CATEGORY_CONDITION, N_("Condition"),
    N_("Goes one way if the filters pass, the other if not"),
    "sluice-step-condition-symbolic", SLUICE_STEP_EDGES_BRANCH, FALSE, condition_fields },
  { "switch", SLUICE_STEP_CATEGORY_CONDITION, N_("Switch"),
    N_("Routes on the value of one field"),
    "sluice-step-switch-symbolic", SLUICE_STEP_EDGES_CASES, FALSE, switch_fields },
  { "record", SLUICE_STEP_CATEGORY_ACTION, N_("Record on timeline"),
    N_("Adds an entry to the entity's timeline"),
    "sluice-step-record-symbolic", SLUICE_STEP_EDGES_NEXT, FALSE, record_fields },
  { "notify", SLUICE_STEP_CATEGORY_ACTION, N_("Notify"),
    N_("Sends an email or a chat message"),
    "sluice-step-notify-symbolic", SLUICE_STEP_EDGES_NEXT, TRUE, notify_fields },
  { "ticket", SLUICE_STEP_CATEGORY_ACTION, N_("Open ticket"),
    N_("Opens a ticket in an operator queue"),
    "sluice-step-ticket-symbolic", SLUICE_STEP_EDGES_NEXT, TRUE, ticket_fields },
  { "webhook", SLUICE_STEP_CATEGORY_ACTION, N_("Webhook"),
    N_("Calls an HTTP endpoint"),
    "sluice-step-webhook-symbolic", SLUICE_STEP_EDGES_NEXT, TRUE, webhook_fields },
  { "api", SLUICE_STEP_CATEGORY_ACTION, N_("API mutation"),
    N_("Changes data through a service API"),
    "sluice-step-api-symbolic", SLUICE_STEP_EDGES_NEXT, TRUE, api_fields },
  { "job", SLUICE_STEP_CATEGORY_ACTION, N_("Run job"),
    N_("Starts a batch job"),
    "sluice-step-job-symbolic", SLUICE_STEP_EDGES_NEXT, FALSE, job_fields },
  { "delay", SLUICE_STEP_CATEGORY_FLOW, N_("Delay"),
    N_("Waits before going on"),
    "sluice-step-delay-symbolic", SLUICE_STEP_EDGES_NEXT, FALSE, delay_fields },
  { "cooldown", SLUICE_STEP_CATEGORY_FLOW, N_("Cooldown"),
    N_("Lets one run through per entity in a time window"),
    "sluice-step-cooldown-symbolic", SLUICE_STEP_EDGES_NEXT, FALSE, cooldown_fields },
  { "approval", SLUICE_STEP_CATEGORY_FLOW, N_("Approval gate"),
    N_("Waits until a person approves"),
    "sluice-step-approval-symbolic", SLUICE_STEP_EDGES_NEXT, FALSE, approval_fields },
  { "foreach", SLUICE_STEP_CATEGORY_FLOW, N_("For each"),
    N_("Runs the next steps once per item of a list"),
    "sluice-step-foreach-symbolic", SLUICE_STEP_EDGES_NEXT, FALSE, foreach_fields },
  { "end", SLUICE_STEP_CATEGORY_FLOW, N_("End"),
    N_("Stops this path of the workflow"),
    "sluice-step-end-symbolic", SLUICE_STEP_EDGES_NONE, FALSE, no_fields },
};

const SluiceStepType *
sluice_step_type_lookup (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (step_types); i++)
    if (g_strcmp0 (step_types[i].name, name) == 0)
      return &step_types[i];

  return NULL;
}

const SluiceStepType *
sluice_step_type_get_all (guint *n_types)
{
  if (n_types)
    *n_types = G_N_ELEMENTS (step_types);
  return step_types;
}

gboolean
sluice_step_type_is_trigger (const SluiceStepType *type)
{
  return type != NULL && type->category == SLUICE_STEP_CATEGORY_TRIGGER;
}

const char *
sluice_step_category_name (SluiceStepCategory category)
{
  static const char * const names[] = { "trigger", "condition", "action", "flow" };

  g_return_val_if_fail (category < G_N_ELEMENTS (names), NULL);
  return names[category];
}

const char *
sluice_step_category_title (SluiceStepCategory category)
{
  switch (category)
    {
    case SLUICE_STEP_CATEGORY_TRIGGER:
      return _("Triggers");
    case SLUICE_STEP_CATEGORY_CONDITION:
      return _("Conditions");
    case SLUICE_STEP_CATEGORY_ACTION:
      return _("Actions");
    case SLUICE_STEP_CATEGORY_FLOW:
    default:
      return _("Flow");
    }
}
