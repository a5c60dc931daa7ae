/* sluice-line-diff.h — a unified diff of two texts, line by line
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sluice_line_diff_unified (const char *old_text,
                                const char *new_text,
                                const char *old_label,
                                const char *new_label,
                                guint       context);

G_END_DECLS
