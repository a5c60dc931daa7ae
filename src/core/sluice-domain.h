/* sluice-domain.h — where an action's requests go
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *sluice_url_get_host       (const char         *url);
char     *sluice_email_get_domain   (const char         *address);
gboolean  sluice_domain_is_allowed  (const char         *host,
                                     const char * const *patterns);

G_END_DECLS
