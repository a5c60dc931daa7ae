/* sluice-server-role.h — who may do what on the control plane
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each role includes the ones before it. */
typedef enum
{
  SLUICE_SERVER_ROLE_NONE,
  SLUICE_SERVER_ROLE_VIEWER,
  SLUICE_SERVER_ROLE_AUTHOR,
  SLUICE_SERVER_ROLE_PUBLISHER,
  SLUICE_SERVER_ROLE_ADMIN,
} SluiceServerRole;

/* The caller of a request, as its token says; the actor of audit entries. */
typedef struct
{
  const char       *name;
  SluiceServerRole  role;
} SluiceServerActor;

const char       *sluice_server_role_to_string   (SluiceServerRole  role);
SluiceServerRole  sluice_server_role_from_string (const char       *text);

G_END_DECLS
