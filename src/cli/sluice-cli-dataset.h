/* sluice-cli-dataset.h — the dataset and scope options of several commands
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sluice-event-store.h"
#include "sluice-scope.h"
#include "sluice-workflow.h"

G_BEGIN_DECLS

typedef struct
{
  char    *dataset;
  char    *events;
  char    *from;
  char    *to;
  GStrv    tenants;
  GStrv    segments;
  double   canary;
  char    *canary_segment;
  char    *format;
  int      top;
} SluiceCliScopeOptions;

void               sluice_cli_scope_options_init   (SluiceCliScopeOptions *options);
void               sluice_cli_scope_options_clear  (SluiceCliScopeOptions *options);
GOptionGroup      *sluice_cli_scope_option_group   (SluiceCliScopeOptions *options);
SluiceEventStore  *sluice_cli_open_dataset         (SluiceCliScopeOptions *options,
                                                    const char            *command);
SluiceScope       *sluice_cli_make_scope           (SluiceCliScopeOptions *options,
                                                    SluiceEventStore      *store,
                                                    const char            *command);
gboolean           sluice_cli_check_format         (const char            *format,
                                                    const char            *command);
SluiceWorkflow    *sluice_cli_load_workflow        (const char            *filename,
                                                    const char            *command);

G_END_DECLS
