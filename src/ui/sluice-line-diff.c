/* sluice-line-diff.c — a unified diff of two texts, line by line
 *
 * A plain longest-common-subsequence diff: workflows are a few hundred
 * lines, so the quadratic table is small. Past a size where it would not
 * be, the changed middle is shown as replaced wholesale.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sluice-line-diff.h"

#define MAX_TABLE_CELLS (16 * 1024 * 1024)

typedef enum { OP_SAME = ' ', OP_DEL = '-', OP_ADD = '+' } OpKind;

typedef struct
{
  OpKind  kind;
  guint   old_line;  /* 0-based, valid for SAME and DEL */
  guint   new_line;  /* 0-based, valid for SAME and ADD */
} Op;

static char **
split_lines (const char *text,
             guint      *n)
{
  char **lines = g_strsplit (text ? text : "", "\n", -1);
  guint len = g_strv_length (lines);

  /* a final newline ends the last line, it does not start another */
  if (len > 0 && lines[len - 1][0] == '\0')
    {
      g_free (lines[len - 1]);
      lines[len - 1] = NULL;
      len--;
    }
  *n = len;
  return lines;
}

static void
diff_middle (char  **a,
             guint   a0,
             guint   a1,
             char  **b,
             guint   b0,
             guint   b1,
             GArray *ops)
{
  guint n = a1 - a0, m = b1 - b0;
  guint32 *table;
  guint i = 0, j = 0;

  if ((guint64) (n + 1) * (m + 1) > MAX_TABLE_CELLS)
    {
      for (guint k = a0; k < a1; k++)
        g_array_append_val (ops, ((Op) { OP_DEL, k, 0 }));
      for (guint k = b0; k < b1; k++)
        g_array_append_val (ops, ((Op) { OP_ADD, 0, k }));
      return;
    }

  /* table[i][j]: the LCS length of a[i..] and b[j..] */
  table = g_new0 (guint32, (gsize) (n + 1) * (m + 1));
#define T(x, y) table[(gsize) (x) * (m + 1) + (y)]
  for (guint x = n; x-- > 0;)
    for (guint y = m; y-- > 0;)
      T (x, y) = strcmp (a[a0 + x], b[b0 + y]) == 0
        ? T (x + 1, y + 1) + 1
        : MAX (T (x + 1, y), T (x, y + 1));

  while (i < n || j < m)
    {
      if (i < n && j < m && strcmp (a[a0 + i], b[b0 + j]) == 0)
        {
          g_array_append_val (ops, ((Op) { OP_SAME, a0 + i, b0 + j }));
          i++, j++;
        }
      else if (i < n && (j == m || T (i + 1, j) >= T (i, j + 1)))
        {
          /* deletions before additions, as diff(1) shows them */
          g_array_append_val (ops, ((Op) { OP_DEL, a0 + i, 0 }));
          i++;
        }
      else
        {
          g_array_append_val (ops, ((Op) { OP_ADD, 0, b0 + j }));
          j++;
        }
    }
#undef T
  g_free (table);
}

/**
 * sluice_line_diff_unified:
 * @context: lines of context around each change, usually 3
 *
 * Returns: the differences as a unified diff (“--- old”, “+++ new”, hunks),
 *   or an empty string when the texts have the same lines.
 */
char *
sluice_line_diff_unified (const char *old_text,
                          const char *new_text,
                          const char *old_label,
                          const char *new_label,
                          guint       context)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  g_autoptr(GArray) ops = g_array_new (FALSE, FALSE, sizeof (Op));
  GString *out = g_string_new (NULL);
  guint n, m, prefix = 0, suffix = 0;
  guint k = 0;

  a = split_lines (old_text, &n);
  b = split_lines (new_text, &m);

  while (prefix < n && prefix < m && strcmp (a[prefix], b[prefix]) == 0)
    prefix++;
  while (suffix < n - prefix && suffix < m - prefix
         && strcmp (a[n - 1 - suffix], b[m - 1 - suffix]) == 0)
    suffix++;

  for (guint i = 0; i < prefix; i++)
    g_array_append_val (ops, ((Op) { OP_SAME, i, i }));
  diff_middle (a, prefix, n - suffix, b, prefix, m - suffix, ops);
  for (guint i = 0; i < suffix; i++)
    g_array_append_val (ops, ((Op) { OP_SAME, n - suffix + i, m - suffix + i }));

  if (prefix == n && prefix == m)
    return g_string_free (out, FALSE);

  g_string_append_printf (out, "--- %s\n+++ %s\n", old_label, new_label);

  /* hunks: runs of changes, joined when their context would touch */
  while (k < ops->len)
    {
      guint start, end, last_change, old_start = 0, new_start = 0, old_count = 0, new_count = 0;
      gboolean have_old = FALSE, have_new = FALSE;

      while (k < ops->len && g_array_index (ops, Op, k).kind == OP_SAME)
        k++;
      if (k == ops->len)
        break;

      start = k > context ? k - context : 0;
      last_change = k;
      end = k;
      while (end < ops->len)
        {
          if (g_array_index (ops, Op, end).kind != OP_SAME)
            last_change = end;
          else if (end - last_change > 2 * context)
            break;
          end++;
        }
      end = MIN (ops->len, last_change + context + 1);

      for (guint i = start; i < end; i++)
        {
          Op *op = &g_array_index (ops, Op, i);

          if (op->kind != OP_ADD)
            {
              if (!have_old)
                old_start = op->old_line, have_old = TRUE;
              old_count++;
            }
          if (op->kind != OP_DEL)
            {
              if (!have_new)
                new_start = op->new_line, have_new = TRUE;
              new_count++;
            }
        }
      /* an empty side names the line before it, as diff(1) does */
      if (!have_old)
        {
          guint before = 0;

          for (guint i = 0; i < start; i++)
            if (g_array_index (ops, Op, i).kind != OP_ADD)
              before++;
          old_start = before;
        }
      else
        old_start++;
      if (!have_new)
        {
          guint before = 0;

          for (guint i = 0; i < start; i++)
            if (g_array_index (ops, Op, i).kind != OP_DEL)
              before++;
          new_start = before;
        }
      else
        new_start++;

      g_string_append_printf (out, "@@ -%u,%u +%u,%u @@\n", old_start, old_count, new_start, new_count);
      for (guint i = start; i < end; i++)
        {
          Op *op = &g_array_index (ops, Op, i);
          const char *line = op->kind == OP_ADD ? b[op->new_line] : a[op->old_line];

          g_string_append_printf (out, "%c%s\n", (char) op->kind, line);
        }
      k = end;
    }

  return g_string_free (out, FALSE);
}
