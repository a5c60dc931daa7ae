/* sluice-validator.h — policy checks on a workflow
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sluice-diagnostic.h"
#include "sluice-policy.h"
#include "sluice-workflow.h"

G_BEGIN_DECLS

void sluice_workflow_validate (SluiceWorkflow    *workflow,
                               SluicePolicy      *policy,
                               SluiceDiagnostics *diagnostics);

G_END_DECLS
