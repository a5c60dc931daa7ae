/* sluice-impact-view-data.c — the Impact view's datasets: open, create,
 * import events and segments (with progress and cancel), the demo data,
 * recent datasets, and the tenant and segment choosers they fill
 *
 * Everything that touches a dataset goes through the view's runner, in a
 * thread; here only the answers are shown.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-impact-view-private.h"

#define MAX_RECENT_DATASETS   10
#define MAX_REJECTIONS_SHOWN  200
#define DEMO_RESOURCE         "/dev/sluice/Sluice/examples/demo-events.jsonl.gz"

/* ---- messages --------------------------------------------------------------- */

static void
show_error_dialog (SluiceImpactView *self,
                   const char       *heading,
                   const char       *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (!GTK_IS_WINDOW (root))
    {
      sluice_impact_view_toast (self, body);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
is_dataset_name (const char *name)
{
  return g_str_has_suffix (name, ".db") || g_str_has_suffix (name, ".sluice")
      || g_str_has_suffix (name, ".sqlite") || g_str_has_suffix (name, ".sqlite3");
}

static GtkFileFilter *
dataset_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Datasets"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sluice");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  return filter;
}

static GtkFileFilter *
events_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Event files"));
  gtk_file_filter_add_pattern (filter, "*.jsonl");
  gtk_file_filter_add_pattern (filter, "*.ndjson");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_pattern (filter, "*.jsonl.gz");
  gtk_file_filter_add_pattern (filter, "*.ndjson.gz");
  gtk_file_filter_add_pattern (filter, "*.json.gz");
  gtk_file_filter_add_pattern (filter, "*.gz");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_mime_type (filter, "application/x-ndjson");
  return filter;
}

/* ---- the choosers of tenants and segments ------------------------------------ */

static void
update_tenants_button (SluiceImpactView *self)
{
  guint n = 0, unchecked = g_hash_table_size (self->unchecked_tenants);
  g_autofree char *label = NULL;

  for (guint i = 0; self->info != NULL && i < self->info->tenants->len; i++)
    if (((SluiceTenantCount *) g_ptr_array_index (self->info->tenants, i))->tenant != NULL)
      n++;

  if (unchecked == 0)
    label = g_strdup (_("All Tenants"));
  else if (unchecked >= n)
    label = g_strdup (_("No Tenants"));
  else
    /* Translators: "3 of 20 Tenants" */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u Tenant", "%u of %u Tenants", n),
                             n - unchecked, n);
  gtk_menu_button_set_label (self->tenants_button, label);
}

static void
update_segments_button (SluiceImpactView *self)
{
  guint n = g_hash_table_size (self->checked_segments);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("All Entities"));
  else if (n == 1)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, self->checked_segments);
      g_hash_table_iter_next (&iter, &name, NULL);
      /* Translators: the entities of one segment, "Segment enterprise-eu" */
      label = g_strdup_printf (_("Segment %s"), (const char *) name);
    }
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Segment", "%u Segments", n), n);
  gtk_menu_button_set_label (self->segments_button, label);
}

static void
tenant_toggled_cb (GtkCheckButton   *check,
                   SluiceImpactView *self)
{
  const char *tenant = g_object_get_data (G_OBJECT (check), "sluice-tenant");

  if (self->updating_lists)
    return;
  if (gtk_check_button_get_active (check))
    g_hash_table_remove (self->unchecked_tenants, tenant);
  else
    g_hash_table_add (self->unchecked_tenants, g_strdup (tenant));
  update_tenants_button (self);
  sluice_impact_view_schedule_run (self);
}

static void
segment_toggled_cb (GtkCheckButton   *check,
                    SluiceImpactView *self)
{
  const char *segment = g_object_get_data (G_OBJECT (check), "sluice-segment");

  if (self->updating_lists)
    return;
  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->checked_segments, g_strdup (segment));
  else
    g_hash_table_remove (self->checked_segments, segment);
  update_segments_button (self);
  sluice_impact_view_schedule_run (self);
}

/* Removes the rows, and keeps the placeholder. */
static void
clear_list_box (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
fill_tenants (SluiceImpactView *self)
{
  self->updating_lists = TRUE;
  clear_list_box (self->tenants_list);

  for (guint i = 0; self->info != NULL && i < self->info->tenants->len; i++)
    {
      SluiceTenantCount *count = g_ptr_array_index (self->info->tenants, i);
      g_autofree char *events = NULL;
      GtkWidget *box, *check, *number;

      /* the scope names tenants; events without one are in it only when all are */
      if (count->tenant == NULL)
        continue;

      events = sluice_impact_format_count (count->n_events);
      check = gtk_check_button_new_with_label (count->tenant);
      gtk_widget_set_hexpand (check, TRUE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   !g_hash_table_contains (self->unchecked_tenants, count->tenant));
      g_object_set_data_full (G_OBJECT (check), "sluice-tenant", g_strdup (count->tenant), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (tenant_toggled_cb), self);

      number = gtk_label_new (events);
      gtk_widget_add_css_class (number, "dim-label");
      gtk_widget_add_css_class (number, "numeric");
      gtk_widget_set_tooltip_text (number, _("Events of this tenant in the dataset"));

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_box_append (GTK_BOX (box), check);
      gtk_box_append (GTK_BOX (box), number);
      gtk_list_box_append (self->tenants_list, box);
    }

  update_tenants_button (self);
  self->updating_lists = FALSE;
}

static void
fill_segments (SluiceImpactView *self)
{
  g_autoptr(GtkStringList) canary = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->canary_dropdown);
  g_autofree char *selected_name = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    selected_name = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (self->canary_dropdown)),
                                                          selected));
  selected = 0;

  self->updating_lists = TRUE;
  clear_list_box (self->segments_list);
  gtk_string_list_append (canary, _("Share of Entities"));

  for (guint i = 0; self->info != NULL && self->info->segments[i] != NULL; i++)
    {
      const char *name = self->info->segments[i];
      GtkWidget *check = gtk_check_button_new_with_label (name);

      gtk_widget_set_margin_start (check, 6);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->checked_segments, name));
      g_object_set_data_full (G_OBJECT (check), "sluice-segment", g_strdup (name), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (segment_toggled_cb), self);
      gtk_list_box_append (self->segments_list, check);

      gtk_string_list_append (canary, name);
      if (g_strcmp0 (name, selected_name) == 0)
        selected = i + 1;
    }

  gtk_drop_down_set_model (self->canary_dropdown, G_LIST_MODEL (canary));
  gtk_drop_down_set_selected (self->canary_dropdown, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->canary_scale), selected == 0);
  update_segments_button (self);
  self->updating_lists = FALSE;
}

/**
 * sluice_impact_view_set_tenants:
 * @tenants: (nullable): the tenants in scope; %NULL for all
 */
void
sluice_impact_view_set_tenants (SluiceImpactView   *self,
                                const char * const *tenants)
{
  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));

  g_hash_table_remove_all (self->unchecked_tenants);
  for (guint i = 0; tenants != NULL && self->info != NULL && i < self->info->tenants->len; i++)
    {
      SluiceTenantCount *count = g_ptr_array_index (self->info->tenants, i);

      if (count->tenant != NULL && !g_strv_contains (tenants, count->tenant))
        g_hash_table_add (self->unchecked_tenants, g_strdup (count->tenant));
    }
  fill_tenants (self);
  sluice_impact_view_schedule_run (self);
}

/**
 * sluice_impact_view_set_segments:
 * @segments: (nullable): only entities of these segments; %NULL for all
 */
void
sluice_impact_view_set_segments (SluiceImpactView   *self,
                                 const char * const *segments)
{
  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));

  g_hash_table_remove_all (self->checked_segments);
  for (guint i = 0; segments != NULL && self->info != NULL && segments[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) self->info->segments, segments[i]))
      g_hash_table_add (self->checked_segments, g_strdup (segments[i]));
  fill_segments (self);
  sluice_impact_view_schedule_run (self);
}

static void
set_all_tenants (SluiceImpactView *self,
                 gboolean          checked)
{
  g_hash_table_remove_all (self->unchecked_tenants);
  for (guint i = 0; !checked && self->info != NULL && i < self->info->tenants->len; i++)
    {
      SluiceTenantCount *count = g_ptr_array_index (self->info->tenants, i);

      if (count->tenant != NULL)
        g_hash_table_add (self->unchecked_tenants, g_strdup (count->tenant));
    }
  fill_tenants (self);
  sluice_impact_view_schedule_run (self);
}

static void
all_tenants_cb (SluiceImpactView *self)
{
  set_all_tenants (self, TRUE);
}

static void
no_tenants_cb (SluiceImpactView *self)
{
  set_all_tenants (self, FALSE);
}

/* ---- the dataset ------------------------------------------------------------------ */

static void
remember_dataset (SluiceImpactView *self,
                  const char       *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-datasets");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, uri);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_DATASETS; i++)
    if (!g_str_equal (recent[i], uri))
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-datasets", (const char * const *) updated);
}

/* The dataset menu: open, new, demo, and the recent ones. */
static void
fill_recent_menu (SluiceImpactView *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-datasets");
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenu) actions = g_menu_new ();

  g_menu_remove_all (self->recent_menu);

  g_menu_append (actions, _("_Open a Dataset…"), "impact.open-dataset");
  g_menu_append (actions, _("_New Dataset…"), "impact.new-dataset");
  g_menu_append (actions, _("Open the _Demo Data"), "impact.open-demo");
  g_menu_append (actions, _("Import a _Segment…"), "impact.import-segment");
  g_menu_append_section (self->recent_menu, NULL, G_MENU_MODEL (actions));

  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (recent[i]);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GMenuItem) item = NULL;

      if (self->info != NULL && g_strcmp0 (g_file_peek_path (file), self->info->path) == 0)
        continue;
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target (item, "impact.open-recent", "s", recent[i]);
      g_menu_append_item (section, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0)
    g_menu_append_section (self->recent_menu, _("Recent Datasets"), G_MENU_MODEL (section));
}

static char *
format_day (gint64 ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (ms / 1000);

  return time ? g_date_time_format (time, "%Y-%m-%d") : g_strdup ("?");
}

static void
update_actions (SluiceImpactView *self)
{
  gboolean importing = self->import_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "impact.import-events", self->info != NULL && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "impact.import-segment", self->info != NULL && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "impact.cancel-import", importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "impact.open-dataset", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "impact.new-dataset", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "impact.open-demo", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "impact.open-recent", !importing);
  sluice_impact_view_update_report_action (self);
}

/**
 * sluice_impact_view_update_dataset:
 * @info: (nullable): what the runner last said about its dataset
 *
 * Shows the dataset and refills what depends on it, then asks for a run.
 */
void
sluice_impact_view_update_dataset (SluiceImpactView        *self,
                                   SluiceImpactDatasetInfo *info)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;

  if (info != NULL)
    sluice_impact_dataset_info_ref (info);
  g_clear_pointer (&self->info, sluice_impact_dataset_info_unref);
  self->info = info;

  update_actions (self);
  fill_recent_menu (self);
  if (info == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  name = g_path_get_basename (info->path);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->dataset_row), name);
  if (info->has_events)
    {
      g_autofree char *count = sluice_impact_format_count (info->n_events);
      g_autofree char *first = format_day (info->first_ms);
      g_autofree char *last = format_day (info->last_ms);
      guint n_segments = g_strv_length (info->segments);

      g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s event", "%s events", info->n_events),
                                                 count);
      g_autofree char *tenants = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u tenant", "%u tenants",
                                                               info->tenants->len), info->tenants->len);
      g_autofree char *segments = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", n_segments),
                                                   n_segments);

      /* Translators: "20,000 events from 2026-10-01 to 2026-10-31 · 20 tenants · 2 segments" */
      subtitle = g_strdup_printf (_("%s from %s to %s · %s · %s"), events, first, last, tenants, segments);
    }
  else
    subtitle = g_strdup (_("No events yet: import some"));
  adw_action_row_set_subtitle (self->dataset_row, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dataset_row), info->path);

  /* tenants that went away cannot stay out of scope */
  {
    GHashTableIter iter;
    gpointer tenant;

    g_hash_table_iter_init (&iter, self->unchecked_tenants);
    while (g_hash_table_iter_next (&iter, &tenant, NULL))
      {
        gboolean found = FALSE;

        for (guint i = 0; i < info->tenants->len && !found; i++)
          found = g_strcmp0 (((SluiceTenantCount *) g_ptr_array_index (info->tenants, i))->tenant, tenant) == 0;
        if (!found)
          g_hash_table_iter_remove (&iter);
      }
    g_hash_table_iter_init (&iter, self->checked_segments);
    while (g_hash_table_iter_next (&iter, &tenant, NULL))
      if (!g_strv_contains ((const char * const *) info->segments, tenant))
        g_hash_table_iter_remove (&iter);
  }

  fill_tenants (self);
  fill_segments (self);

  gtk_stack_set_visible_child_name (self->main_stack, "impact");

  g_signal_emit_by_name (self, "dataset-changed");
  sluice_impact_view_schedule_run (self);
}

const char *
sluice_impact_view_get_dataset_path (SluiceImpactView *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), NULL);
  return self->info ? self->info->path : NULL;
}

gint64
sluice_impact_view_get_n_events (SluiceImpactView *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), 0);
  return self->info ? self->info->n_events : 0;
}

/* ---- import --------------------------------------------------------------------- */

gboolean
sluice_impact_view_get_importing (SluiceImpactView *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), FALSE);
  return self->import_cancellable != NULL;
}

/* Returns: how far the import is, from 0 to 1 */
double
sluice_impact_view_get_import_fraction (SluiceImpactView *self)
{
  g_return_val_if_fail (SLUICE_IS_IMPACT_VIEW (self), 0);
  return self->import_fraction;
}

void
sluice_impact_view_cancel_import (SluiceImpactView *self)
{
  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));

  if (self->import_cancellable != NULL)
    {
      g_cancellable_cancel (self->import_cancellable);
      gtk_label_set_text (self->import_label, _("Cancelling…"));
    }
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  sluice_impact_view_cancel_import (SLUICE_IMPACT_VIEW (widget));
}

static void
import_progress_cb (SluiceImpactView                 *self,
                    const SluiceImpactImportProgress *progress)
{
  g_autofree char *events = sluice_impact_format_count (progress->events_read);
  g_autofree char *read = sluice_impact_format_bytes (progress->bytes_read);
  g_autofree char *text = NULL;
  double file_fraction = progress->bytes_total > 0 ? (double) progress->bytes_read / progress->bytes_total : 0;
  double seconds = progress->elapsed_us / 1e6;

  if (self->import_cancellable == NULL || g_cancellable_is_cancelled (self->import_cancellable))
    return;

  self->import_fraction = (progress->file_index + MIN (file_fraction, 1.0)) / MAX (progress->n_files, 1);
  if (progress->bytes_total > 0)
    gtk_progress_bar_set_fraction (self->import_progress, self->import_fraction);
  else
    gtk_progress_bar_pulse (self->import_progress);

  if (progress->bytes_total > 0)
    {
      g_autofree char *total = sluice_impact_format_bytes (progress->bytes_total);
      /* Translators: "events.jsonl: 12.3 MB of 45.0 MB · 120,000 events · 250,000 events/s" */
      text = g_strdup_printf (_("%s: %s of %s · %s events · %.0f events/s"),
                              progress->file_name, read, total, events,
                              seconds > 0 ? progress->events_read / seconds : 0);
    }
  else
    text = g_strdup_printf (_("%s: %s · %s events"), progress->file_name, read, events);
  gtk_label_set_text (self->import_label, text);
}

static void
begin_import (SluiceImpactView *self,
              const char       *what)
{
  g_clear_object (&self->import_cancellable);
  self->import_cancellable = g_cancellable_new ();
  self->import_started_us = g_get_monotonic_time ();
  self->import_fraction = 0;

  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_label_set_text (self->import_label, what);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  /* a run waiting for the worker would only wait behind the import */
  g_clear_handle_id (&self->throttle_id, g_source_remove);
  update_actions (self);
  g_object_notify (G_OBJECT (self), "importing");
}

/* The import row: what each file gave, and the first rejections. */
static GtkWidget *
summary_row (const char *title,
             const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* reasons quote the data: no markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
    }
  return row;
}

/* The import row: what each file gave, and the first rejections with
 * their line and reason. */
static void
show_import_summary (SluiceImpactView *self,
                     GPtrArray        *reports,
                     gint64            elapsed_us)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) names_builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  guint64 read = 0, added = 0, duplicates = 0, rejected = 0;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *added_text = NULL;
  g_autofree char *joined = NULL;
  GPtrArray *old;
  gint64 import_ms = 0;
  double seconds;
  guint shown = 0;

  /* AdwExpanderRow 1.2 cannot list its rows: keep the ones we add */
  old = g_object_get_data (G_OBJECT (self->import_row), "sluice-rows");
  for (guint i = 0; old != NULL && i < old->len; i++)
    adw_expander_row_remove (self->import_row, g_ptr_array_index (old, i));

  for (guint i = 0; i < reports->len; i++)
    {
      SluiceImportReport *report = g_ptr_array_index (reports, i);

      read += report->events_read;
      added += report->events_added;
      duplicates += report->duplicates;
      rejected += report->rejected;
      import_ms += report->elapsed_ms;
      g_strv_builder_add (names_builder, report->source_name);

      if (reports->len > 1)
        {
          g_autofree char *n = sluice_impact_format_count (report->events_added);
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s event added, %" PRIu64 " rejected",
                                                                "%s events added, %" PRIu64 " rejected",
                                                                report->events_added),
                                                   n, report->rejected);
          g_ptr_array_add (rows, summary_row (report->source_name, text));
        }

      for (guint k = 0; k < report->rejections->len && shown < MAX_REJECTIONS_SHOWN; k++, shown++)
        {
          SluiceImportRejection *rejection = g_ptr_array_index (report->rejections, k);
          /* Translators: where a rejected value was, "events.jsonl, line 12" */
          g_autofree char *where = g_strdup_printf (_("%s, line %u"), report->source_name, rejection->line);

          g_ptr_array_add (rows, summary_row (where, rejection->reason));
        }
    }

  if (rejected > shown)
    {
      g_autofree char *text = g_strdup_printf (_("… and %" PRIu64 " more rejected values; “sluice-cli import” lists them all"),
                                               rejected - shown);
      g_ptr_array_add (rows, summary_row (text, NULL));
    }

  for (guint i = 0; i < rows->len; i++)
    adw_expander_row_add_row (self->import_row, g_ptr_array_index (rows, i));
  g_object_set_data_full (G_OBJECT (self->import_row), "sluice-rows",
                          g_ptr_array_ref (rows), (GDestroyNotify) g_ptr_array_unref);

  /* the importer's own time: reading, checking and writing the events */
  seconds = import_ms / 1000.0;
  g_debug ("import: %" PRId64 " ms in the importer, %.1f ms in all (with describing the dataset)",
           import_ms, elapsed_us / 1000.0);
  added_text = sluice_impact_format_count (added);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %s event", "Imported %s events", added), added_text);
  names = g_strv_builder_end (names_builder);
  joined = g_strjoinv (", ", names);
  /* Translators: "from events.jsonl in 2.4 s (410,000 events/s) · 3 already in the dataset · 2 rejected" */
  subtitle = g_strdup_printf (_("from %s in %.1f s (%.0f events/s) · %" PRIu64 " already in the dataset · %" PRIu64 " rejected"),
                              joined, seconds, seconds > 0 ? read / seconds : 0, duplicates, rejected);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->import_row), title);
  adw_expander_row_set_subtitle (self->import_row, subtitle);
  adw_expander_row_set_enable_expansion (self->import_row, rows->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->import_row), TRUE);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SluiceImpactView) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  gint64 elapsed = g_get_monotonic_time () - self->import_started_us;

  reports = sluice_impact_runner_import_finish (SLUICE_IMPACT_RUNNER (source), result, &error);

  /* the view went away while importing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  g_object_notify (G_OBJECT (self), "importing");

  if (reports != NULL)
    show_import_summary (self, reports, elapsed);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sluice_impact_view_toast (self, _("Import cancelled: the file being imported was rolled back"));
  else
    show_error_dialog (self, _("Could Not Import the Events"), error->message);

  /* even a failed import may have added the files before the one that failed */
  sluice_impact_view_update_dataset (self, sluice_impact_runner_get_info (self->runner));
  g_signal_emit_by_name (self, "import-finished", reports != NULL);
}

/**
 * sluice_impact_view_import_files:
 * @files: (array length=n_files): event files
 *
 * Imports @files into the open dataset, with progress and a Cancel button.
 */
void
sluice_impact_view_import_files (SluiceImpactView  *self,
                                 GFile            **files,
                                 guint              n_files)
{
  g_autofree char *what = NULL;

  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));
  g_return_if_fail (n_files > 0 && files != NULL);

  if (self->info == NULL)
    {
      show_error_dialog (self, _("No Dataset"), _("Open or create a dataset first, then import events into it."));
      return;
    }
  if (self->import_cancellable != NULL)
    {
      sluice_impact_view_toast (self, _("Wait for the import under way to finish, or cancel it"));
      return;
    }

  what = g_file_get_basename (files[0]);
  begin_import (self, what);
  sluice_impact_runner_import_async (self->runner, files, n_files, self->import_cancellable,
                                     import_done_cb, g_object_ref (self));
}

static void
import_demo_stream (SluiceImpactView *self)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  input = g_resources_open_stream (DEMO_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (input == NULL || !g_resources_get_info (DEMO_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &size, NULL, &error))
    {
      show_error_dialog (self, _("Could Not Import the Demo Data"), error->message);
      return;
    }

  begin_import (self, "demo-events.jsonl.gz");
  sluice_impact_runner_import_stream_async (self->runner, input, "demo-events.jsonl.gz", size,
                                            self->import_cancellable, import_done_cb, g_object_ref (self));
}

/* ---- open ----------------------------------------------------------------------- */

typedef struct
{
  SluiceImpactView *self;
  GPtrArray        *then_import;   /* GFile, imported once open */
  gboolean          then_demo;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->self);
  g_clear_pointer (&data->then_import, g_ptr_array_unref);
  g_free (data);
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  OpenData *data = user_data;
  SluiceImpactView *self = data->self;
  g_autoptr(SluiceImpactDatasetInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = sluice_impact_runner_open_finish (SLUICE_IMPACT_RUNNER (source), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      open_data_free (data);
      return;
    }
  if (info == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (self, _("Could Not Open the Dataset"), error->message);
      open_data_free (data);
      return;
    }

  remember_dataset (self, info->path);
  /* results of another dataset are not this one's */
  if (self->info == NULL || g_strcmp0 (self->info->path, info->path) != 0)
    {
      g_clear_pointer (&self->result, json_node_unref);
      gtk_stack_set_visible_child_name (self->results_stack, "waiting");
    }
  sluice_impact_view_update_dataset (self, info);

  if (data->then_import != NULL && data->then_import->len > 0)
    sluice_impact_view_import_files (self, (GFile **) data->then_import->pdata, data->then_import->len);
  else if (data->then_demo && info->n_events == 0)
    import_demo_stream (self);

  open_data_free (data);
}

static void
open_then (SluiceImpactView *self,
           GFile            *file,
           GPtrArray        *then_import,
           gboolean          then_demo)
{
  OpenData *data = g_new0 (OpenData, 1);

  data->self = g_object_ref (self);
  data->then_import = then_import ? g_ptr_array_ref (then_import) : NULL;
  data->then_demo = then_demo;
  sluice_impact_runner_open_async (self->runner, file, self->cancellable, open_done_cb, data);
}

/**
 * sluice_impact_view_open_dataset:
 * @file: a dataset file; made when it does not exist
 */
void
sluice_impact_view_open_dataset (SluiceImpactView *self,
                                 GFile            *file)
{
  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  open_then (self, file, NULL, FALSE);
}

/**
 * sluice_impact_view_import_demo:
 *
 * Opens the demo dataset in the user's cache folder, importing the
 * bundled sample events into it the first time.
 */
void
sluice_impact_view_import_demo (SluiceImpactView *self)
{
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "sluice", NULL);
  g_autofree char *path = g_build_filename (folder, "demo-events.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot make the folder %s: %s"), folder, g_strerror (errno));
      show_error_dialog (self, _("Could Not Open the Demo Data"), message);
      return;
    }
  open_then (self, file, NULL, TRUE);
}

static void
segment_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SluiceImpactView) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n;

  n = sluice_impact_runner_import_segment_finish (SLUICE_IMPACT_RUNNER (source), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (self, _("Could Not Import the Segment"), error->message);
      return;
    }

  {
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "The segment has %u entity",
                                                             "The segment has %u entities", n), n);
    sluice_impact_view_toast (self, message);
  }
  sluice_impact_view_update_dataset (self, sluice_impact_runner_get_info (self->runner));
}

/**
 * sluice_impact_view_import_segment:
 * @name: the segment's name
 * @file: entity ids, one per line (or the first column of a CSV file)
 */
void
sluice_impact_view_import_segment (SluiceImpactView *self,
                                   const char       *name,
                                   GFile            *file)
{
  g_return_if_fail (SLUICE_IS_IMPACT_VIEW (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (G_IS_FILE (file));

  sluice_impact_runner_import_segment_async (self->runner, name, file, self->cancellable,
                                             segment_done_cb, g_object_ref (self));
}

/* ---- file choosers ----------------------------------------------------------------- */

GtkFileChooserNative *
sluice_impact_view_chooser_new (SluiceImpactView     *self,
                                const char           *title,
                                GtkFileChooserAction  action,
                                const char           *accept)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

static GPtrArray *
chosen_files (GtkFileChooser *chooser)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (chooser);
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));
  return array;
}

static void
open_dataset_response_cb (GtkNativeDialog  *chooser,
                          int               response,
                          SluiceImpactView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      sluice_impact_view_open_dataset (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
open_dataset_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SluiceImpactView *self = SLUICE_IMPACT_VIEW (widget);
  GtkFileChooserNative *chooser = sluice_impact_view_chooser_new (self, _("Open a Dataset"),
                                                                  GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  g_autoptr(GtkFileFilter) filter = dataset_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (open_dataset_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    SluiceImpactView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GPtrArray) files = chosen_files (GTK_FILE_CHOOSER (chooser));
      GPtrArray *pending = g_object_get_data (G_OBJECT (chooser), "sluice-new-dataset");

      if (files->len > 0)
        {
          if (pending != NULL)
            {
              /* a new dataset: made and opened first */
              GFile *dataset = g_ptr_array_index (pending, 0);
              open_then (self, dataset, files, FALSE);
            }
          else
            sluice_impact_view_import_files (self, (GFile **) files->pdata, files->len);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_events (SluiceImpactView *self,
               GFile            *new_dataset)
{
  GtkFileChooserNative *chooser = sluice_impact_view_chooser_new (self, _("Import Events"),
                                                                  GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"));
  g_autoptr(GtkFileFilter) filter = events_filter ();

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (new_dataset != NULL)
    {
      GPtrArray *pending = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (pending, g_object_ref (new_dataset));
      g_object_set_data_full (G_OBJECT (chooser), "sluice-new-dataset", pending, (GDestroyNotify) g_ptr_array_unref);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_events_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_events (SLUICE_IMPACT_VIEW (widget), NULL);
}

static void
new_dataset_response_cb (GtkNativeDialog  *chooser,
                         int               response,
                         SluiceImpactView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GPtrArray *dropped = g_object_get_data (G_OBJECT (chooser), "sluice-dropped");

      /* the chooser asked before replacing a file; an old dataset would
       * keep its events, so start afresh — but never under the open one */
      if (self->info != NULL && g_strcmp0 (g_file_peek_path (file), self->info->path) == 0)
        {
          show_error_dialog (self, _("This Dataset Is Open"),
                             _("Choose another name for the new dataset, or import events into the open one."));
          goto out;
        }
      g_file_delete (file, NULL, NULL);
      if (dropped != NULL)
        open_then (self, file, dropped, FALSE);
      else
        choose_events (self, file);
    }
out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_new_dataset (SluiceImpactView *self,
                    GPtrArray        *dropped)
{
  GtkFileChooserNative *chooser = sluice_impact_view_chooser_new (self, _("New Dataset"),
                                                                  GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"));
  g_autoptr(GtkFileFilter) filter = dataset_filter ();
  g_autofree char *name = NULL;

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (dropped != NULL && dropped->len > 0)
    {
      g_autofree char *basename = g_file_get_basename (g_ptr_array_index (dropped, 0));
      char *dot = strchr (basename, '.');

      if (dot != NULL && dot != basename)
        *dot = '\0';
      name = g_strdup_printf ("%s.db", basename);
      g_object_set_data_full (G_OBJECT (chooser), "sluice-dropped", g_ptr_array_ref (dropped),
                              (GDestroyNotify) g_ptr_array_unref);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name ? name : _("events.db"));
  g_signal_connect (chooser, "response", G_CALLBACK (new_dataset_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_dataset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_new_dataset (SLUICE_IMPACT_VIEW (widget), NULL);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  sluice_impact_view_import_demo (SLUICE_IMPACT_VIEW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  if (!g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *message = g_strdup_printf (_("%s is no longer there"), name);

      sluice_impact_view_toast (SLUICE_IMPACT_VIEW (widget), message);
      return;
    }
  sluice_impact_view_open_dataset (SLUICE_IMPACT_VIEW (widget), file);
}

/* Segments: a file, then its name. */
typedef struct
{
  SluiceImpactView *self;
  GFile            *file;
  GtkEntry         *entry;
} SegmentData;

static void
segment_data_free (SegmentData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->file);
  g_free (data);
}

static void
segment_name_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          SegmentData      *data)
{
  if (g_str_equal (response, "import"))
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->entry))));

      if (*name != '\0')
        sluice_impact_view_import_segment (data->self, name, data->file);
    }
  segment_data_free (data);
}

static void
segment_file_response_cb (GtkNativeDialog  *chooser,
                          int               response,
                          SluiceImpactView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *basename = g_file_get_basename (file);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      SegmentData *data = g_new0 (SegmentData, 1);
      char *dot = strrchr (basename, '.');
      GtkWidget *dialog;

      if (dot != NULL && dot != basename)
        *dot = '\0';

      data->self = g_object_ref (self);
      data->file = g_object_ref (file);
      data->entry = GTK_ENTRY (gtk_entry_new ());
      gtk_editable_set_text (GTK_EDITABLE (data->entry), basename);
      gtk_entry_set_activates_default (data->entry, TRUE);

      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       _("Name the Segment"),
                                       _("Dry runs and canaries can then be limited to the entities it lists. A segment of the same name is replaced."));
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (data->entry));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "import", _("_Import"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (segment_name_response_cb), data);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_segment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SluiceImpactView *self = SLUICE_IMPACT_VIEW (widget);
  GtkFileChooserNative *chooser = sluice_impact_view_chooser_new (self, _("Import a Segment"),
                                                                  GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Entity lists (CSV or text)"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (segment_file_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- drop ---------------------------------------------------------------------------- */

/* A dataset dropped is opened; event files are imported into the open
 * dataset, or into a new one. */
static gboolean
drop_cb (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         SluiceImpactView *self)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  GFile *dataset = NULL;
  gboolean opened = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      /* workflows and reports are opened as they would be anywhere else */
      if (self->report != NULL || sluice_report_output_for_filename (name) == SLUICE_REPORT_OUTPUT_NATIVE
          || g_str_has_suffix (name, ".yaml") || g_str_has_suffix (name, ".yml"))
        {
          g_application_open (g_application_get_default (), (GFile *[]) { l->data }, 1, "");
          opened = TRUE;
          continue;
        }

      if (is_dataset_name (name))
        dataset = l->data;
      else
        g_ptr_array_add (events, g_object_ref (l->data));
    }

  if (self->import_cancellable != NULL)
    {
      sluice_impact_view_toast (self, _("Wait for the import under way to finish, or cancel it"));
      return FALSE;
    }

  if (dataset != NULL)
    open_then (self, dataset, events, FALSE);
  else if (events->len == 0)
    return opened;
  else if (self->info != NULL)
    sluice_impact_view_import_files (self, (GFile **) events->pdata, events->len);
  else
    choose_new_dataset (self, events);
  return TRUE;
}

/* ---- setup ----------------------------------------------------------------------------- */

void
sluice_impact_view_data_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "impact.open-dataset", NULL, open_dataset_action);
  gtk_widget_class_install_action (widget_class, "impact.new-dataset", NULL, new_dataset_action);
  gtk_widget_class_install_action (widget_class, "impact.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "impact.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "impact.import-events", NULL, import_events_action);
  gtk_widget_class_install_action (widget_class, "impact.import-segment", NULL, import_segment_action);
  gtk_widget_class_install_action (widget_class, "impact.cancel-import", NULL, cancel_import_action);

  gtk_widget_class_bind_template_callback (widget_class, all_tenants_cb);
  gtk_widget_class_bind_template_callback (widget_class, no_tenants_cb);
}

void
sluice_impact_view_data_init (SluiceImpactView *self)
{
  GtkDropTarget *drop;

  self->recent_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->dataset_menu_button, G_MENU_MODEL (self->recent_menu));
  g_signal_connect_object (self->settings, "changed::recent-datasets",
                           G_CALLBACK (fill_recent_menu), self, G_CONNECT_SWAPPED);
  fill_recent_menu (self);

  g_signal_connect_object (self->runner, "import-progress",
                           G_CALLBACK (import_progress_cb), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  fill_segments (self);
  update_actions (self);
}

void
sluice_impact_view_data_dispose (SluiceImpactView *self)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
}
