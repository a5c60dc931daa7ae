/* sluice-server-private.h — what the HTTP files of sluice-server share
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "sluice-server-error.h"
#include "sluice-server-http.h"
#include "sluice-server-role.h"

G_BEGIN_DECLS

/* Body limits of the protocol. */
#define SLUICE_SERVER_LIMIT_YAML   (1024 * 1024)
#define SLUICE_SERVER_LIMIT_REPORT (16 * 1024 * 1024)
#define SLUICE_SERVER_LIMIT_JSON   (64 * 1024)

#define SLUICE_SERVER_MAX_PARAMS 3

struct _SluiceServer
{
  GObject            parent_instance;

  SluiceServerStore *store;
  SoupServer        *soup;
  GTlsCertificate   *certificate;

  GList             *waiters;          /* long polls: SluiceServerWaiter */
  guint              poll_source;      /* while there are waiters */
  gint64             data_version;
  gulong             changed_handler;

  guint              rate_limit;       /* requests per second per token; 0: none */
  GHashTable        *rate_buckets;     /* token owner → RateBucket */
};

/* One request, as a handler sees it: the path parameters (decoded and
 * checked) and the caller. */
typedef struct
{
  SluiceServer      *server;
  SoupServerMessage *msg;
  const char        *params[SLUICE_SERVER_MAX_PARAMS];
  gint64             number;           /* the {n} parameter */
  SluiceServerActor  actor;
  GBytes            *body;
  GHashTable        *query;            /* nullable */
} SluiceServerRequest;

typedef void (*SluiceServerHandler) (SluiceServerRequest *request);

typedef struct
{
  const char          *method;
  const char          *pattern;        /* under /v1/, e.g. "workflows/{name}/versions/{n}" */
  SluiceServerRole     role;           /* NONE: no token needed */
  gsize                body_limit;
  SluiceServerHandler  handler;
} SluiceServerRoute;

const SluiceServerRoute *sluice_server_routes (guint *n_routes);

/* answers */
void     sluice_server_respond_json       (SoupServerMessage *msg,
                                           guint              status,
                                           JsonObject        *object);
void     sluice_server_respond_error      (SoupServerMessage *msg,
                                           const GError      *error,
                                           JsonObject        *extra);
void     sluice_server_respond_problem    (SoupServerMessage *msg,
                                           SluiceServerError  code,
                                           const char        *message);
gboolean sluice_server_request_json       (SluiceServerRequest *request,
                                           JsonObject         **object,
                                           GError             **error);
gboolean sluice_server_check_content_type (SluiceServerRequest *request,
                                           const char * const  *accepted,
                                           GError             **error);
const char *sluice_server_request_query   (SluiceServerRequest *request,
                                           const char          *name);

/* handlers, by file */
void sluice_server_handle_health         (SluiceServerRequest *request);
void sluice_server_handle_whoami         (SluiceServerRequest *request);
void sluice_server_handle_workflows      (SluiceServerRequest *request);
void sluice_server_handle_audit          (SluiceServerRequest *request);
void sluice_server_handle_kill_switch_get (SluiceServerRequest *request);
void sluice_server_handle_kill_switch_put (SluiceServerRequest *request);
void sluice_server_handle_report_upload  (SluiceServerRequest *request);
void sluice_server_handle_report_get     (SluiceServerRequest *request);

void sluice_server_handle_publish        (SluiceServerRequest *request);
void sluice_server_handle_versions       (SluiceServerRequest *request);
void sluice_server_handle_version        (SluiceServerRequest *request);
void sluice_server_handle_run_test       (SluiceServerRequest *request);

void sluice_server_handle_rollout_get    (SluiceServerRequest *request);
void sluice_server_handle_rollout_put    (SluiceServerRequest *request);
void sluice_server_handle_promote        (SluiceServerRequest *request);
void sluice_server_handle_pause          (SluiceServerRequest *request);
void sluice_server_handle_resume         (SluiceServerRequest *request);
void sluice_server_handle_rollback       (SluiceServerRequest *request);
void sluice_server_handle_runtime        (SluiceServerRequest *request);
void sluice_server_handle_status         (SluiceServerRequest *request);

/* long polls, in sluice-server-long-poll.c */
void sluice_server_long_poll_add         (SluiceServer      *self,
                                          SoupServerMessage *msg,
                                          const char        *workflow,
                                          gint64             after,
                                          guint              wait_seconds);
void sluice_server_long_poll_check       (SluiceServer      *self,
                                          const char        *workflow);
void sluice_server_long_poll_clear       (SluiceServer      *self);

G_END_DECLS
