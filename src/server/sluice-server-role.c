/* sluice-server-role.c — who may do what on the control plane
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sluice-server-role.h"

static const char * const role_names[] = {
  [SLUICE_SERVER_ROLE_NONE]      = "none",
  [SLUICE_SERVER_ROLE_VIEWER]    = "viewer",
  [SLUICE_SERVER_ROLE_AUTHOR]    = "author",
  [SLUICE_SERVER_ROLE_PUBLISHER] = "publisher",
  [SLUICE_SERVER_ROLE_ADMIN]     = "admin",
};

const char *
sluice_server_role_to_string (SluiceServerRole role)
{
  if ((guint) role >= G_N_ELEMENTS (role_names))
    return role_names[SLUICE_SERVER_ROLE_NONE];
  return role_names[role];
}

/* Returns SLUICE_SERVER_ROLE_NONE for anything that is not a role. */
SluiceServerRole
sluice_server_role_from_string (const char *text)
{
  for (guint i = SLUICE_SERVER_ROLE_VIEWER; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (text, role_names[i]) == 0)
      return i;
  return SLUICE_SERVER_ROLE_NONE;
}
