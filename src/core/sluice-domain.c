/* sluice-domain.c
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sluice-domain.h"

/**
 * sluice_url_get_host:
 *
 * The host of an http(s) URL, lower-cased, without user info or port.
 * A host that is (or holds) a template is returned as written, so callers
 * can see it is decided by event data.
 *
 * Returns: (transfer full) (nullable): the host, or %NULL when @url is not
 *   an http(s) URL
 */
char *
sluice_url_get_host (const char *url)
{
  const char *start, *end, *at;

  if (g_str_has_prefix (url, "https://"))
    start = url + 8;
  else if (g_str_has_prefix (url, "http://"))
    start = url + 7;
  else
    return NULL;

  /* a template may hold '/' or ':' of its own; keep it whole */
  if (g_str_has_prefix (start, "{{"))
    {
      const char *close = strstr (start, "}}");
      end = close ? close + 2 : start + strlen (start);
      end += strcspn (end, "/?#:");
      return g_strndup (start, end - start);
    }

  end = start + strcspn (start, "/?#");
  at = memchr (start, '@', end - start);
  if (at != NULL)
    start = at + 1;
  if (*start == '[')
    {
      const char *close = memchr (start, ']', end - start);
      end = close ? close + 1 : end;
    }
  else
    {
      const char *colon = memchr (start, ':', end - start);
      if (colon != NULL)
        end = colon;
    }

  if (end == start)
    return NULL;

  return g_ascii_strdown (start, end - start);
}

/* Returns: (transfer full) (nullable): the domain of an e-mail address */
char *
sluice_email_get_domain (const char *address)
{
  const char *at = strrchr (address, '@');

  if (at == NULL || at[1] == '\0')
    return NULL;
  return g_ascii_strdown (at + 1, -1);
}

/**
 * sluice_domain_is_allowed:
 * @patterns: allowed domains: "example.com" allows exactly that host,
 *   "*.example.com" allows its subdomains (not example.com itself)
 */
gboolean
sluice_domain_is_allowed (const char         *host,
                          const char * const *patterns)
{
  if (host == NULL || patterns == NULL)
    return FALSE;

  for (guint i = 0; patterns[i] != NULL; i++)
    {
      const char *pattern = patterns[i];

      if (g_str_has_prefix (pattern, "*."))
        {
          const char *suffix = pattern + 1; /* ".example.com" */
          gsize host_len = strlen (host);
          gsize suffix_len = strlen (suffix);

          if (host_len > suffix_len && g_ascii_strcasecmp (host + host_len - suffix_len, suffix) == 0)
            return TRUE;
        }
      else if (g_ascii_strcasecmp (host, pattern) == 0)
        return TRUE;
    }

  return FALSE;
}
