/* test-translation.c — sluice-cli speaks German when asked to
 *
 * Compiles po/de.po with “msgfmt --check” into a temporary locale folder
 * (<tmp>/de/LC_MESSAGES/sluice.mo), points the built binary ($SLUICE_CLI)
 * at it with SLUICE_LOCALEDIR, and checks that --help, a validation
 * finding and the plural summary line come out in German while rule ids,
 * YAML keys and the severity words stay as they are.
 *
 * Which locale settings work: glibc's gettext ignores LANGUAGE only when
 * LC_MESSAGES is the "C" (or "POSIX") locale. The built-in C.UTF-8 locale
 * (glibc ≥ 2.35, Debian 12) is not "C" for gettext, so LANGUAGE=de with
 * LC_ALL=C.UTF-8 or LANG=C.UTF-8 translates without any generated locale
 * — no “locales” package needed. A de_DE.UTF-8 locale is tested too when
 * the system has one (`locale -a`); otherwise that test is skipped.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

static char *work_dir;    /* workflow files the tests write */
static char *locale_dir;  /* <tmp>/de/LC_MESSAGES/sluice.mo */
static char *empty_dir;   /* a locale folder with no translations */

/* A valid workflow; line 20 makes it point at a step that does not exist. */
static const char broken_document[] =
  "apiVersion: sluice.dev/v1\n"
  "kind: Workflow\n"
  "metadata:\n"
  "  name: base\n"
  "spec:\n"
  "  trigger:\n"
  "    id: start\n"
  "    type: event\n"
  "    event: usage.updated\n"
  "    filters:\n"
  "    - path: data.percent\n"
  "      op: gte\n"
  "      value: 80\n"
  "    next: first\n"
  "  entityKey: data.account\n"
  "  steps:\n"
  "  - id: first\n"
  "    type: record\n"
  "    title: Usage at {{ data.percent }}%\n"
  "    next: nowhere\n";

/* A valid workflow with a step nothing leads to: one warning. */
static const char orphan_document[] =
  "apiVersion: sluice.dev/v1\n"
  "kind: Workflow\n"
  "metadata:\n"
  "  name: base\n"
  "spec:\n"
  "  trigger:\n"
  "    id: start\n"
  "    type: event\n"
  "    event: usage.updated\n"
  "    filters:\n"
  "    - path: data.percent\n"
  "      op: gte\n"
  "      value: 80\n"
  "    next: first\n"
  "  entityKey: data.account\n"
  "  steps:\n"
  "  - id: first\n"
  "    type: record\n"
  "    title: Usage at {{ data.percent }}%\n"
  "  - id: orphan\n"
  "    type: end\n";

/* ---- running the binary ------------------------------------------------------ */

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

/* The locale environment of one run: every variable that decides the
 * language is set or unset, so nothing leaks in from the caller. */
typedef struct
{
  const char *lc_all;        /* NULL: unset */
  const char *lang;          /* NULL: unset */
  const char *language;      /* NULL: unset */
  const char *localedir;     /* SLUICE_LOCALEDIR */
} LocaleEnv;

static CliResult *
run_cli_env (const LocaleEnv *env,
             const char      *first,
             ...) G_GNUC_NULL_TERMINATED;

static CliResult *
run_cli_env (const LocaleEnv *env,
             const char      *first,
             ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  const char *cli = g_getenv ("SLUICE_CLI");
  static const char * const locale_variables[] = {
    "LC_ALL", "LC_MESSAGES", "LC_CTYPE", "LANG", "LANGUAGE",
  };
  va_list ap;

  if (cli == NULL)
    g_error ("SLUICE_CLI must name the sluice-cli binary to test");

  g_ptr_array_add (argv, (gpointer) cli);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; i < G_N_ELEMENTS (locale_variables); i++)
    g_subprocess_launcher_unsetenv (launcher, locale_variables[i]);
  if (env->lc_all != NULL)
    g_subprocess_launcher_setenv (launcher, "LC_ALL", env->lc_all, TRUE);
  if (env->lang != NULL)
    g_subprocess_launcher_setenv (launcher, "LANG", env->lang, TRUE);
  if (env->language != NULL)
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", env->language, TRUE);
  g_subprocess_launcher_setenv (launcher, "SLUICE_LOCALEDIR", env->localedir, TRUE);
  g_subprocess_launcher_set_cwd (launcher, work_dir);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  if (process == NULL)
    g_error ("cannot run %s: %s", cli, error->message);

  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error))
    g_error ("cannot talk to %s: %s", cli, error->message);

  /* a crash is never an exit status */
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;

  return result;
}

/* LANGUAGE=de in the built-in C.UTF-8 locale, as CI runs it. */
#define GERMAN(...) \
  run_cli_env (&(LocaleEnv) { "C.UTF-8", NULL, "de", locale_dir }, __VA_ARGS__, NULL)

static char *
write_file (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (work_dir, name, NULL);

  if (!g_file_set_contents (path, contents, -1, &error))
    g_error ("cannot write %s: %s", path, error->message);
  return path;
}

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *h_ = (haystack); \
    if (h_ == NULL || strstr (h_, (needle)) == NULL) \
      g_test_fail_printf ("%s does not contain “%s”:\n%s", #haystack, (needle), h_ ? h_ : "(null)"); \
  } G_STMT_END

#define assert_not_contains(haystack, needle) \
  G_STMT_START { \
    const char *h_ = (haystack); \
    if (h_ != NULL && strstr (h_, (needle)) != NULL) \
      g_test_fail_printf ("%s contains “%s”:\n%s", #haystack, (needle), h_); \
  } G_STMT_END

/* ---- the translation --------------------------------------------------------- */

static void
test_help (void)
{
  g_autoptr(CliResult) result = GERMAN ("--help");

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_true (g_str_has_prefix (result->out, "Aufruf: sluice-cli BEFEHL [OPTION …] [ARGUMENT …]\n"));
  assert_contains (result->out, "\nBefehle:\n");
  assert_contains (result->out, "\nOptionen:\n");
  /* N_() in a table, translated when printed; the command name stays */
  assert_contains (result->out, "\n  validate         Workflows auf Fehler und Risiken prüfen\n");
  assert_contains (result->out, "„sluice-cli BEFEHL --help“");
  assert_not_contains (result->out, "Commands:");
}

static void
test_command_help (void)
{
  g_autoptr(CliResult) result = GERMAN ("validate", "--help");

  /* the command's own option texts go through its GOptionContext's
   * translation domain; GLib's words (“Usage:”) are GLib's to translate */
  g_assert_cmpint (result->status, ==, 0);
  assert_contains (result->out, "DATEI … – Workflows auf Fehler und Risiken prüfen");
  assert_contains (result->out, "Außerdem die Organisationsrichtlinie in DATEI prüfen");
  assert_contains (result->out, "--policy");
}

static void
test_unknown_command (void)
{
  g_autoptr(CliResult) result = GERMAN ("frobnicate");

  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err, ==,
                   "sluice-cli: unbekannter Befehl „frobnicate“\n"
                   "„sluice-cli --help“ zeigt die Befehle.\n");
}

static void
test_validate (void)
{
  g_autofree char *path = write_file ("broken.workflow.yaml", broken_document);
  g_autoptr(CliResult) result = GERMAN ("validate", "broken.workflow.yaml");

  g_assert_cmpint (result->status, ==, 1);
  /* the message is German; the position, the severity word and the rule
   * id in brackets are for tools and stay as they are */
  g_assert_cmpstr (result->out, ==,
                   "broken.workflow.yaml:20:11: error: [graph/dangling-edge] „first“ führt zu "
                   "„nowhere“, aber es gibt keinen Schritt mit dieser ID\n");
  /* singular and plural forms in one line */
  g_assert_cmpstr (result->err, ==, "1 Datei geprüft, 1 Fehler, 0 Warnungen\n");
}

static void
test_validate_plurals (void)
{
  g_autofree char *broken = write_file ("broken.workflow.yaml", broken_document);
  g_autofree char *orphan = write_file ("orphan.workflow.yaml", orphan_document);
  g_autoptr(CliResult) result = GERMAN ("validate", "broken.workflow.yaml", "orphan.workflow.yaml");
  g_autoptr(CliResult) twice = GERMAN ("validate", "broken.workflow.yaml", "broken.workflow.yaml");

  g_assert_cmpint (result->status, ==, 1);
  assert_contains (result->out,
                   "orphan.workflow.yaml:20:9: warning: [graph/unreachable-step] Nichts führt zu "
                   "„orphan“, daher läuft dieser Schritt nie; verbinde oder entferne ihn\n");
  g_assert_cmpstr (result->err, ==, "2 Dateien geprüft, 1 Fehler, 1 Warnung\n");

  g_assert_cmpint (twice->status, ==, 1);
  g_assert_cmpstr (twice->err, ==, "2 Dateien geprüft, 2 Fehler, 0 Warnungen\n");
}

/* ---- which locale settings translate ----------------------------------------- */

static void
test_lang_c_utf8 (void)
{
  /* LANG instead of LC_ALL, as a desktop session or a CI job sets it */
  g_autoptr(CliResult) result = run_cli_env (&(LocaleEnv) { NULL, "C.UTF-8", "de", locale_dir },
                                             "--help", NULL);

  g_assert_cmpint (result->status, ==, 0);
  assert_contains (result->out, "\nBefehle:\n");
}

static void
test_c_locale_stays_english (void)
{
  /* In the "C" locale gettext ignores LANGUAGE: scripts that set LC_ALL=C
   * get the untranslated, stable messages. */
  g_autoptr(CliResult) result = run_cli_env (&(LocaleEnv) { "C", NULL, "de", locale_dir },
                                             "--help", NULL);

  g_assert_cmpint (result->status, ==, 0);
  assert_contains (result->out, "\nCommands:\n");
  assert_not_contains (result->out, "Befehle:");
}

static void
test_localedir (void)
{
  /* Without the German catalogue in SLUICE_LOCALEDIR the CLI speaks
   * English: the German above came from po/de.po, not from an installed
   * copy in the build's LOCALEDIR. */
  g_autoptr(CliResult) result = run_cli_env (&(LocaleEnv) { "C.UTF-8", NULL, "de", empty_dir },
                                             "--help", NULL);

  g_assert_cmpint (result->status, ==, 0);
  assert_contains (result->out, "\nCommands:\n");
}

static void
test_de_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_MESSAGES, NULL));
  gboolean available = setlocale (LC_MESSAGES, "de_DE.UTF-8") != NULL;
  g_autoptr(CliResult) result = NULL;

  setlocale (LC_MESSAGES, saved);
  if (!available)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (see locale -a)");
      return;
    }

  /* a German locale and no LANGUAGE at all */
  result = run_cli_env (&(LocaleEnv) { NULL, "de_DE.UTF-8", NULL, locale_dir }, "--help", NULL);
  g_assert_cmpint (result->status, ==, 0);
  assert_contains (result->out, "\nBefehle:\n");
}

/* ---- setting up ---------------------------------------------------------------- */

/* Compiles po/de.po into <locale_dir>/de/LC_MESSAGES/sluice.mo; FALSE
 * when msgfmt is not installed. A .po that msgfmt --check rejects fails. */
static gboolean
compile_catalogue (void)
{
  g_autofree char *msgfmt = g_find_program_in_path ("msgfmt");
  g_autofree char *po = g_test_build_filename (G_TEST_DIST, "..", "po", "de.po", NULL);
  g_autofree char *messages = g_build_filename (locale_dir, "de", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  const char *argv[] = { NULL, "--check", "-o", mo, po, NULL };

  if (msgfmt == NULL)
    return FALSE;
  argv[0] = msgfmt;

  if (g_mkdir_with_parents (messages, 0700) != 0)
    g_error ("cannot make %s: %s", messages, g_strerror (errno));
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &wait_status, &error)
      || !g_spawn_check_wait_status (wait_status, &error))
    g_error ("msgfmt --check %s: %s\n%s", po, error->message, err ? err : "");

  return TRUE;
}

static void
test_no_msgfmt (void)
{
  g_test_skip ("msgfmt (gettext) is not installed");
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the others still run. */
  g_test_set_nonfatal_assertions ();

  work_dir = g_dir_make_tmp ("sluice-test-translation-XXXXXX", &error);
  if (work_dir == NULL)
    g_error ("cannot make a work folder: %s", error->message);
  locale_dir = g_build_filename (work_dir, "locale", NULL);
  empty_dir = g_build_filename (work_dir, "no-locale", NULL);
  g_mkdir (empty_dir, 0700);

  if (!compile_catalogue ())
    {
      /* gettext's msgfmt builds the translations; without it there are none */
      g_test_add_func ("/translation", test_no_msgfmt);
    }
  else
    {
      g_test_add_func ("/translation/help", test_help);
      g_test_add_func ("/translation/command-help", test_command_help);
      g_test_add_func ("/translation/unknown-command", test_unknown_command);
      g_test_add_func ("/translation/validate", test_validate);
      g_test_add_func ("/translation/validate/plurals", test_validate_plurals);
      g_test_add_func ("/translation/locale/lang-c-utf8", test_lang_c_utf8);
      g_test_add_func ("/translation/locale/c", test_c_locale_stays_english);
      g_test_add_func ("/translation/locale/de-de", test_de_locale);
      g_test_add_func ("/translation/localedir", test_localedir);
    }

  status = g_test_run ();

  remove_tree (work_dir);
  g_free (work_dir);
  g_free (locale_dir);
  g_free (empty_dir);

  return status;
}
