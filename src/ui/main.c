/* main.c — sluice, the desktop app
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "sluice-application.h"

/* SLUICE_STARTUP_PROBE=1: print how long the first frame took and quit,
 * for tests/bench/bench-startup.sh. */
static gint64 started_at;

static void
first_frame_cb (GdkFrameClock *clock,
                GApplication  *application)
{
  g_print ("first frame %.1f ms after main()\n", (g_get_monotonic_time () - started_at) / 1000.0);
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, application);
  g_application_quit (application);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (application, window_added_cb, NULL);
  /* realized now, so its frame clock exists before the first paint */
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (first_frame_cb), application);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SluiceApplication) application = NULL;

  started_at = g_get_monotonic_time ();

  setlocale (LC_ALL, "");
  /* SLUICE_LOCALEDIR points at translations that are not installed, for
   * tests and for running from the build folder */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SLUICE_LOCALEDIR") ? g_getenv ("SLUICE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Sluice"));
  application = sluice_application_new ();
  if (g_getenv ("SLUICE_STARTUP_PROBE") != NULL)
    g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
