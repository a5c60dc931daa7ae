/* main.c — sluice, the desktop app
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "sluice-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SluiceApplication) application = NULL;

  setlocale (LC_ALL, "");
  /* SLUICE_LOCALEDIR points at translations that are not installed, for
   * tests and for running from the build folder */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SLUICE_LOCALEDIR") ? g_getenv ("SLUICE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Sluice"));
  application = sluice_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
