/* test-template.c — {{ references }}, field paths, URL hosts and allowed
 * domains, and which filter values suit which op
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sluice-domain.h"
#include "sluice-filter.h"
#include "sluice-json.h"
#include "sluice-template.h"

static JsonNode *
json_parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* The context templates are rendered against in these tests. */
static JsonNode *
make_context (void)
{
  return json_parse ("{"
                     "  \"data\": {"
                     "    \"account\": \"acme\","
                     "    \"percent\": 80,"
                     "    \"negative\": -3,"
                     "    \"big\": 9007199254740993,"
                     "    \"ratio\": 2.5,"
                     "    \"whole\": 80.0,"
                     "    \"active\": true,"
                     "    \"off\": false,"
                     "    \"nothing\": null,"
                     "    \"empty\": \"\","
                     "    \"template\": \"{{ data.account }}\","
                     "    \"contacts\": ["
                     "      { \"email\": \"a@example.com\" },"
                     "      { \"email\": \"b@example.com\", \"name\": \"Bé 日本\" }"
                     "    ],"
                     "    \"tags\": [\"x\", \"y\"],"
                     "    \"matrix\": [[1, 2], [3, 4]],"
                     "    \"nested\": { \"k\": 1 }"
                     "  },"
                     "  \"entity\": \"acme\","
                     "  \"event\": { \"id\": \"evt-1\", \"type\": \"usage.updated\" }"
                     "}");
}

/* ---- parsing ------------------------------------------------------------- */

/* Parses @text and returns its references as "path@offset;…". */
static char *
describe_refs (const char *text)
{
  g_autofree char *problem = NULL;
  gsize offset = G_MAXSIZE;
  g_autoptr(GPtrArray) refs = sluice_template_parse (text, &problem, &offset);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (refs);
  g_assert_null (problem);
  g_assert_cmpuint (offset, ==, G_MAXSIZE);

  for (guint i = 0; i < refs->len; i++)
    {
      SluiceTemplateRef *ref = g_ptr_array_index (refs, i);

      g_string_append_printf (out, "%s@%zu;", ref->path, ref->offset);
    }

  return g_string_free (out, FALSE);
}

static void
assert_refs (const char *text,
             const char *expected)
{
  g_autofree char *got = describe_refs (text);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_parse_refs (void)
{
  assert_refs ("Hi {{ data.a }} and {{data.contacts[1].email}}!",
               "data.a@3;data.contacts[1].email@20;");
  /* offsets are in bytes: ü is two */
  assert_refs ("ü {{ x }}", "x@3;");
  assert_refs ("日本 {{ entity }}", "entity@7;");
  assert_refs ("{{a}}{{b}}", "a@0;b@5;");
  /* white space around the path is not part of it */
  assert_refs ("{{   data.a\t}}", "data.a@0;");
  assert_refs ("{{\ndata.a\n}}", "data.a@0;");
  /* a stray closer and single braces are text */
  assert_refs ("}} {{ a }}", "a@3;");
  assert_refs ("{ a } {b}", "");
  assert_refs ("{{ x }}}", "x@0;");
  assert_refs ("{{ $meta.@id }} {{ a_b-c[10][2] }}", "$meta.@id@0;a_b-c[10][2]@16;");
  assert_refs ("{{ data.contacts[0].email }}", "data.contacts[0].email@0;");
}

static void
test_parse_no_refs (void)
{
  static const char * const texts[] = { "plain text", "", "{", "}", "}}", "{ {", "a } } b", NULL };

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autofree char *problem = NULL;
      g_autoptr(GPtrArray) refs = sluice_template_parse (texts[i], &problem, NULL);

      g_assert_nonnull (refs);
      g_assert_cmpuint (refs->len, ==, 0);
      g_assert_null (problem);
      g_assert_false (sluice_template_has_refs (texts[i]));
    }

  g_assert_true (sluice_template_has_refs ("a {{ b }}"));
  /* has_refs is a quick look, not a parse */
  g_assert_true (sluice_template_has_refs ("a {{"));
  g_assert_false (sluice_template_has_refs (NULL));
}

static void
assert_parse_error (const char *text,
                    const char *expected_problem,
                    gsize       expected_offset)
{
  g_autofree char *problem = NULL;
  gsize offset = G_MAXSIZE;
  g_autoptr(GPtrArray) refs = sluice_template_parse (text, &problem, &offset);

  g_assert_null (refs);
  g_assert_cmpstr (problem, ==, expected_problem);
  g_assert_cmpuint (offset, ==, expected_offset);

  /* the out arguments are optional */
  g_clear_pointer (&refs, g_ptr_array_unref);
  refs = sluice_template_parse (text, NULL, NULL);
  g_assert_null (refs);
}

static void
test_parse_errors (void)
{
  static const char * const not_paths[] = {
    "a b", "data..a", "data.a[x]", "data.a[]", ".a", "a.", "data.a | upper", "data.a[1", "a]", "{ a",
    "data.a()", "data/a", "dätä", NULL
  };

  assert_parse_error ("Hello {{ data.a", "“{{” is never closed with “}}”", 6);
  assert_parse_error ("{{ a }} {{ b", "“{{” is never closed with “}}”", 8);
  assert_parse_error ("{{ data.a }", "“{{” is never closed with “}}”", 0);
  assert_parse_error ("ü {{", "“{{” is never closed with “}}”", 3);
  assert_parse_error ("x {{ }}", "“{{ }}” is empty; write a field such as {{ data.account }}", 2);
  assert_parse_error ("{{}}", "“{{ }}” is empty; write a field such as {{ data.account }}", 0);
  assert_parse_error ("{{ \t }}", "“{{ }}” is empty; write a field such as {{ data.account }}", 0);
  assert_parse_error ("{{ a b }}",
                      "“a b” is not a field reference; templates hold a field path such as data.account", 0);
  /* the first problem is the one reported */
  assert_parse_error ("ok {{ a }} {{ b c }} {{", "“b c” is not a field reference; templates hold a field path such as data.account", 11);
  assert_parse_error ("{{{ a }}}", "“{ a” is not a field reference; templates hold a field path such as data.account", 0);

  for (guint i = 0; not_paths[i] != NULL; i++)
    {
      g_autofree char *text = g_strdup_printf ("x{{ %s }}", not_paths[i]);
      g_autofree char *expected = g_strdup_printf ("“%s” is not a field reference; templates hold a field path such as data.account",
                                                   not_paths[i]);

      assert_parse_error (text, expected, 1);
    }
}

/* ---- rendering ------------------------------------------------------------ */

static void
assert_renders (JsonNode   *context,
                const char *text,
                const char *expected,
                guint       expected_missing)
{
  guint missing = G_MAXUINT;
  g_autofree char *rendered = sluice_template_render (text, context, &missing);
  g_autofree char *again = sluice_template_render (text, context, NULL);

  g_assert_cmpstr (rendered, ==, expected);
  g_assert_cmpuint (missing, ==, expected_missing);
  g_assert_cmpstr (again, ==, expected);
}

static void
test_render_values (void)
{
  g_autoptr(JsonNode) context = make_context ();

  assert_renders (context, "{{ data.account }} is at {{ data.percent }}%", "acme is at 80%", 0);
  assert_renders (context, "{{ data.negative }}", "-3", 0);
  assert_renders (context, "{{ data.big }}", "9007199254740993", 0);
  assert_renders (context, "ratio {{ data.ratio }}", "ratio 2.5", 0);
  assert_renders (context, "{{ data.whole }}", "80", 0);
  assert_renders (context, "{{data.active}}/{{data.off}}", "true/false", 0);
  assert_renders (context, "{{ data.contacts[1].email }}", "b@example.com", 0);
  assert_renders (context, "<{{ data.contacts[1].name }}>", "<Bé 日本>", 0);
  assert_renders (context, "ünï {{ entity }} 日本", "ünï acme 日本", 0);
  assert_renders (context, "{{ event.id }}", "evt-1", 0);
  assert_renders (context, "{{ data.matrix[1][0] }}", "3", 0);
  /* lists and objects render as compact JSON */
  assert_renders (context, "{{ data.tags }}", "[\"x\",\"y\"]", 0);
  assert_renders (context, "{{ data.nested }}", "{\"k\":1}", 0);
  /* a rendered value is not rendered again */
  assert_renders (context, "{{ data.template }}", "{{ data.account }}", 0);
  /* text without references comes back as it is */
  assert_renders (context, "no refs, {single} braces }}", "no refs, {single} braces }}", 0);
  assert_renders (context, "", "", 0);
  assert_renders (context, "{{ x }}}", "}", 1);
}

static void
test_render_missing (void)
{
  g_autoptr(JsonNode) context = make_context ();
  g_autoptr(JsonNode) null_context = json_node_init_null (json_node_alloc ());

  /* missing values render as nothing and are counted */
  assert_renders (context, "[{{ data.missing }}]", "[]", 1);
  assert_renders (context, "{{ data.contacts[5].email }}", "", 1);
  assert_renders (context, "{{ data.account.first }}", "", 1);
  assert_renders (context, "{{ data.tags.x }}", "", 1);
  assert_renders (context, "{{ a }} {{ b }} {{ data.account }}", "  acme", 2);
  assert_renders (context, "{{ a }}{{ a }}", "", 2);

  /* null and the empty string are values: they render as nothing but are
   * not missing */
  assert_renders (context, "[{{ data.nothing }}]", "[]", 0);
  assert_renders (context, "[{{ data.empty }}]", "[]", 0);

  /* a context that is not an object has nothing in it */
  assert_renders (null_context, "{{ data.account }}!", "!", 1);

  /* a malformed template renders as it is, with nothing counted */
  assert_renders (context, "Hi {{ data.account", "Hi {{ data.account", 0);
  assert_renders (context, "{{ data.account }} {{ a b }}", "{{ data.account }} {{ a b }}", 0);
}

/* Regression: doubles are rendered with g_ascii_dtostr(), which always uses
 * %.17g: a ratio of 0.1 appears in an e-mail as 0.10000000000000001. */
static void
test_regression_render_double (void)
{
  g_autoptr(JsonNode) context = json_parse ("{\"data\": {\"ratio\": 0.1, \"price\": 19.99}}");

  assert_renders (context, "{{ data.ratio }} / {{ data.price }}", "0.1 / 19.99", 0);
}

/* ---- field paths ---------------------------------------------------------- */

static void
test_path_lookup (void)
{
  g_autoptr(JsonNode) context = make_context ();
  JsonNode *node;

  node = sluice_json_path_lookup (context, "data.account");
  g_assert_nonnull (node);
  g_assert_cmpstr (json_node_get_string (node), ==, "acme");

  node = sluice_json_path_lookup (context, "data.contacts[0].email");
  g_assert_cmpstr (json_node_get_string (node), ==, "a@example.com");

  node = sluice_json_path_lookup (context, "data.matrix[1][1]");
  g_assert_cmpint (json_node_get_int (node), ==, 4);

  node = sluice_json_path_lookup (context, "data");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_true (json_object_has_member (json_node_get_object (node), "contacts"));

  node = sluice_json_path_lookup (context, "data.contacts");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);

  /* a null value is found: it is there */
  node = sluice_json_path_lookup (context, "data.nothing");
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_NULL (node));

  /* the empty path is the root */
  g_assert_true (sluice_json_path_lookup (context, "") == context);

  /* missing */
  g_assert_null (sluice_json_path_lookup (context, "data.missing"));
  g_assert_null (sluice_json_path_lookup (context, "data.missing.deeper"));
  g_assert_null (sluice_json_path_lookup (context, "nothing"));
  g_assert_null (sluice_json_path_lookup (context, "data.nothing.x"));

  /* wrong kind: a name on a list, an index on an object or a string */
  g_assert_null (sluice_json_path_lookup (context, "data.contacts.email"));
  g_assert_null (sluice_json_path_lookup (context, "data.nested[0]"));
  g_assert_null (sluice_json_path_lookup (context, "data.account[0]"));
  g_assert_null (sluice_json_path_lookup (context, "data.account.length"));
  g_assert_null (sluice_json_path_lookup (context, "data.percent.x"));

  /* index out of range, negative, malformed */
  g_assert_null (sluice_json_path_lookup (context, "data.contacts[2]"));
  g_assert_null (sluice_json_path_lookup (context, "data.contacts[2].email"));
  g_assert_null (sluice_json_path_lookup (context, "data.contacts[-1]"));
  g_assert_null (sluice_json_path_lookup (context, "data.contacts[99999999999999999999]"));
  g_assert_null (sluice_json_path_lookup (context, "data.contacts[1"));
  g_assert_null (sluice_json_path_lookup (context, "data.contacts[x]"));
  g_assert_null (sluice_json_path_lookup (context, "data.matrix[0][2]"));

  /* a root that is not an object */
  {
    g_autoptr(JsonNode) list = json_parse ("[1, 2]");

    g_assert_null (sluice_json_path_lookup (list, "data"));
    g_assert_cmpint (json_node_get_int (sluice_json_path_lookup (list, "[1]")), ==, 2);
  }
}

/* Regression: an empty index "[]" is read as [0] (g_ascii_strtoull() parses no
 * digits, returns 0 and leaves the end at the ']'), so a path the grammar
 * refuses finds the first item. */
static void
test_regression_path_lookup_empty_index (void)
{
  g_autoptr(JsonNode) context = make_context ();

  g_assert_null (sluice_json_path_lookup (context, "data.contacts[]"));
  g_assert_null (sluice_json_path_lookup (context, "data.contacts[].email"));
}

/* ---- hosts and domains ----------------------------------------------------- */

static void
assert_host (const char *url,
             const char *expected)
{
  g_autofree char *host = sluice_url_get_host (url);

  g_assert_cmpstr (host, ==, expected);
}

static void
test_url_host (void)
{
  assert_host ("https://example.com/path", "example.com");
  assert_host ("https://example.com", "example.com");
  assert_host ("http://example.com?x=1", "example.com");
  assert_host ("https://example.com#frag", "example.com");
  /* lower case, no port, no user info */
  assert_host ("https://Example.COM:8443/x", "example.com");
  assert_host ("https://user:pass@api.example.com/x", "api.example.com");
  assert_host ("https://user@api.example.com:443", "api.example.com");
  /* IPv6 literals keep their brackets, and their colons */
  assert_host ("http://[::1]:8080/x", "[::1]");
  assert_host ("https://[2001:DB8::1]/", "[2001:db8::1]");
  assert_host ("https://u@[::1]/", "[::1]");
  /* a host from a template is returned as written */
  assert_host ("https://{{ data.host }}/hook", "{{ data.host }}");
  assert_host ("https://{{ data.Host }}:8080/hook", "{{ data.Host }}");
  assert_host ("https://{{ data.base_url }}", "{{ data.base_url }}");
  assert_host ("https://api.{{ data.region }}.example.com/v1", "api.{{ data.region }}.example.com");
  assert_host ("https://ünï.example/x", "ünï.example");

  /* not http(s) URLs, or no host */
  assert_host ("ftp://example.com/", NULL);
  assert_host ("HTTPS://example.com/", NULL);
  assert_host ("example.com", NULL);
  assert_host ("", NULL);
  assert_host ("https://", NULL);
  assert_host ("https:///path", NULL);
  assert_host ("https://:8080/", NULL);
  assert_host ("https://user@/x", NULL);
}

static void
test_email_domain (void)
{
  g_autofree char *a = sluice_email_get_domain ("owner@Example.COM");
  g_autofree char *b = sluice_email_get_domain ("a@b@c.org");
  g_autofree char *c = sluice_email_get_domain ("owner@");
  g_autofree char *d = sluice_email_get_domain ("no-at-sign");

  g_assert_cmpstr (a, ==, "example.com");
  g_assert_cmpstr (b, ==, "c.org");
  g_assert_null (c);
  g_assert_null (d);
}

static void
test_domain_allowed (void)
{
  static const char * const patterns[] = { "*.example.com", "sluice.example", NULL };
  static const char * const empty[] = { NULL };
  static const char * const exact[] = { "example.com", NULL };

  g_assert_true (sluice_domain_is_allowed ("a.example.com", patterns));
  g_assert_true (sluice_domain_is_allowed ("a.b.example.com", patterns));
  g_assert_false (sluice_domain_is_allowed ("example.com", patterns));
  g_assert_false (sluice_domain_is_allowed ("badexample.com", patterns));
  g_assert_false (sluice_domain_is_allowed (".example.com", patterns));
  g_assert_false (sluice_domain_is_allowed ("a.example.com.evil.org", patterns));
  g_assert_false (sluice_domain_is_allowed ("a.example.co", patterns));

  g_assert_true (sluice_domain_is_allowed ("sluice.example", patterns));
  g_assert_true (sluice_domain_is_allowed ("SLUICE.Example", patterns));
  g_assert_false (sluice_domain_is_allowed ("sub.sluice.example", patterns));
  g_assert_false (sluice_domain_is_allowed ("sluice.example.org", patterns));
  g_assert_false (sluice_domain_is_allowed ("xsluice.example", patterns));

  /* an exact name does not allow its subdomains */
  g_assert_true (sluice_domain_is_allowed ("example.com", exact));
  g_assert_false (sluice_domain_is_allowed ("a.example.com", exact));

  /* nothing allowed, nothing to check, a host decided by event data */
  g_assert_false (sluice_domain_is_allowed ("a.example.com", empty));
  g_assert_false (sluice_domain_is_allowed ("a.example.com", NULL));
  g_assert_false (sluice_domain_is_allowed (NULL, patterns));
  g_assert_false (sluice_domain_is_allowed ("", patterns));
  g_assert_false (sluice_domain_is_allowed ("{{ data.host }}", patterns));

  /* together: the host of a URL against the list */
  {
    g_autofree char *host = sluice_url_get_host ("https://user@API.Example.com:443/v1");
    g_autofree char *evil = sluice_url_get_host ("https://example.com.evil.org/");
    g_autofree char *ipv6 = sluice_url_get_host ("https://[::1]/");

    g_assert_true (sluice_domain_is_allowed (host, patterns));
    g_assert_false (sluice_domain_is_allowed (evil, patterns));
    g_assert_false (sluice_domain_is_allowed (ipv6, patterns));
  }
}

/* Regression: an exact pattern matches case-insensitively but a wildcard one
 * does not (g_str_has_suffix), so an allowlist entry "*.Example.com"
 * refuses "a.example.com" — the host sluice_url_get_host() returns is
 * always lower case. */
static void
test_regression_domain_wildcard_case (void)
{
  static const char * const patterns[] = { "*.Example.COM", NULL };

  g_assert_true (sluice_domain_is_allowed ("a.example.com", patterns));
}

/* ---- filter values ---------------------------------------------------------- */

/* Checks @value_json (NULL: no value) against @op. */
static void
assert_filter_value (SluiceFilterOp  op,
                     const char     *value_json,
                     const char     *expected_problem)
{
  SluiceFilter filter = { (char *) "data.x", op, NULL };
  g_autofree char *problem = NULL;
  gboolean ok;

  if (value_json != NULL)
    filter.value = json_parse (value_json);

  ok = sluice_filter_check_value (&filter, &problem);
  if (ok != (expected_problem == NULL))
    g_error ("op %s with %s: expected %s, got %s", sluice_filter_op_to_string (op),
             value_json ? value_json : "no value", expected_problem ? expected_problem : "no problem",
             problem ? problem : "no problem");
  if (expected_problem != NULL && g_str_has_suffix (expected_problem, "…"))
    {
      g_autofree char *prefix = g_strndup (expected_problem, strlen (expected_problem) - strlen ("…"));

      g_assert_true (g_str_has_prefix (problem, prefix));
    }
  else
    g_assert_cmpstr (problem, ==, expected_problem);

  /* the problem is optional */
  g_assert_cmpint (sluice_filter_check_value (&filter, NULL), ==, ok);

  g_clear_pointer (&filter.value, json_node_unref);
}

static void
test_filter_values (void)
{
  /* eq, ne: one value of any type */
  assert_filter_value (SLUICE_FILTER_EQ, "80", NULL);
  assert_filter_value (SLUICE_FILTER_EQ, "\"storage\"", NULL);
  assert_filter_value (SLUICE_FILTER_EQ, "true", NULL);
  assert_filter_value (SLUICE_FILTER_EQ, "null", NULL);
  assert_filter_value (SLUICE_FILTER_EQ, "[1, 2]", "“eq” compares with one value; use “in” for a list");
  assert_filter_value (SLUICE_FILTER_EQ, NULL, "“eq” compares with one value; use “in” for a list");
  assert_filter_value (SLUICE_FILTER_NE, "1.5", NULL);
  assert_filter_value (SLUICE_FILTER_NE, "[]", "“ne” compares with one value; use “in” for a list");
  assert_filter_value (SLUICE_FILTER_NE, NULL, "“ne” compares with one value; use “in” for a list");

  /* gt, gte, lt, lte: a number or text */
  assert_filter_value (SLUICE_FILTER_GT, "80", NULL);
  assert_filter_value (SLUICE_FILTER_GTE, "80.5", NULL);
  assert_filter_value (SLUICE_FILTER_LT, "\"2026-01-01\"", NULL);
  assert_filter_value (SLUICE_FILTER_LTE, "-1", NULL);
  assert_filter_value (SLUICE_FILTER_GT, "true", "“gt” needs a number or a text value to compare with");
  assert_filter_value (SLUICE_FILTER_GTE, "null", "“gte” needs a number or a text value to compare with");
  assert_filter_value (SLUICE_FILTER_LT, "[1]", "“lt” needs a number or a text value to compare with");
  assert_filter_value (SLUICE_FILTER_LTE, NULL, "“lte” needs a number or a text value to compare with");
  assert_filter_value (SLUICE_FILTER_LTE, "{\"a\": 1}", "“lte” needs a number or a text value to compare with");

  /* in, not_in: a list, possibly empty */
  assert_filter_value (SLUICE_FILTER_IN, "[\"MSA\", \"NDA\"]", NULL);
  assert_filter_value (SLUICE_FILTER_IN, "[]", NULL);
  assert_filter_value (SLUICE_FILTER_NOT_IN, "[1, \"1\", null]", NULL);
  assert_filter_value (SLUICE_FILTER_IN, "\"MSA\"", "“in” needs a list of values, e.g. [MSA, NDA]");
  assert_filter_value (SLUICE_FILTER_IN, NULL, "“in” needs a list of values, e.g. [MSA, NDA]");
  assert_filter_value (SLUICE_FILTER_NOT_IN, "null", "“not_in” needs a list of values, e.g. [MSA, NDA]");

  /* exists: true, false or nothing */
  assert_filter_value (SLUICE_FILTER_EXISTS, NULL, NULL);
  assert_filter_value (SLUICE_FILTER_EXISTS, "true", NULL);
  assert_filter_value (SLUICE_FILTER_EXISTS, "false", NULL);
  assert_filter_value (SLUICE_FILTER_EXISTS, "\"yes\"", "“exists” takes true or false (or no value, meaning true)");
  assert_filter_value (SLUICE_FILTER_EXISTS, "1", "“exists” takes true or false (or no value, meaning true)");
  assert_filter_value (SLUICE_FILTER_EXISTS, "null", "“exists” takes true or false (or no value, meaning true)");

  /* contains: one value that is not null */
  assert_filter_value (SLUICE_FILTER_CONTAINS, "\"@example.com\"", NULL);
  assert_filter_value (SLUICE_FILTER_CONTAINS, "3", NULL);
  assert_filter_value (SLUICE_FILTER_CONTAINS, "[\"a\"]", "“contains” needs one value to look for");
  assert_filter_value (SLUICE_FILTER_CONTAINS, "null", "“contains” needs one value to look for");
  assert_filter_value (SLUICE_FILTER_CONTAINS, NULL, "“contains” needs one value to look for");

  /* matches: a regular expression that compiles */
  assert_filter_value (SLUICE_FILTER_MATCHES, "\"^[A-Z]{3}-\\\\d+$\"", NULL);
  assert_filter_value (SLUICE_FILTER_MATCHES, "\"\"", NULL);
  assert_filter_value (SLUICE_FILTER_MATCHES, "\"(unclosed\"", "The regular expression does not compile: …");
  assert_filter_value (SLUICE_FILTER_MATCHES, "\"a{2,1}\"", "The regular expression does not compile: …");
  assert_filter_value (SLUICE_FILTER_MATCHES, "42", "“matches” needs a regular expression as text");
  assert_filter_value (SLUICE_FILTER_MATCHES, NULL, "“matches” needs a regular expression as text");

  /* within: a duration */
  assert_filter_value (SLUICE_FILTER_WITHIN, "\"30d\"", NULL);
  assert_filter_value (SLUICE_FILTER_WITHIN, "\"1h30m\"", NULL);
  assert_filter_value (SLUICE_FILTER_WITHIN, "\"30\"", "“within” needs a duration such as 30d or 12h");
  assert_filter_value (SLUICE_FILTER_WITHIN, "\"1m1h\"", "“within” needs a duration such as 30d or 12h");
  assert_filter_value (SLUICE_FILTER_WITHIN, "30", "“within” needs a duration such as 30d or 12h");
  assert_filter_value (SLUICE_FILTER_WITHIN, NULL, "“within” needs a duration such as 30d or 12h");

  /* changed: no value at all, not even null */
  assert_filter_value (SLUICE_FILTER_CHANGED, NULL, NULL);
  assert_filter_value (SLUICE_FILTER_CHANGED, "true", "“changed” takes no value");
  assert_filter_value (SLUICE_FILTER_CHANGED, "null", "“changed” takes no value");
}

static void
test_filter_ops (void)
{
  for (guint i = 0; i < SLUICE_N_FILTER_OPS; i++)
    {
      SluiceFilterOp op = SLUICE_N_FILTER_OPS;

      g_assert_true (sluice_filter_op_from_string (sluice_filter_op_names[i], &op));
      g_assert_cmpint (op, ==, i);
      g_assert_cmpstr (sluice_filter_op_to_string (op), ==, sluice_filter_op_names[i]);
      g_assert_nonnull (sluice_filter_op_symbol (op));
    }
  g_assert_null (sluice_filter_op_names[SLUICE_N_FILTER_OPS]);
  g_assert_cmpstr (sluice_filter_op_names[SLUICE_FILTER_NOT_IN], ==, "not_in");

  {
    SluiceFilterOp op = SLUICE_FILTER_EQ;

    g_assert_false (sluice_filter_op_from_string ("gtee", &op));
    g_assert_false (sluice_filter_op_from_string ("EQ", &op));
    g_assert_false (sluice_filter_op_from_string ("", &op));
    g_assert_false (sluice_filter_op_from_string (NULL, &op));
    g_assert_cmpint (op, ==, SLUICE_FILTER_EQ);
  }
}

static void
test_filter_from_json (void)
{
  g_autoptr(JsonNode) array = json_parse ("["
                                          "{\"path\": \"data.percent\", \"op\": \"gte\", \"value\": 80},"
                                          "{\"path\": \"data.kind\", \"op\": \"in\", \"value\": [\"MSA\", \"NDA\"]},"
                                          "{\"path\": \"data.x\", \"op\": \"bogus\", \"value\": 1},"
                                          "42,"
                                          "{\"path\": \"data.plan\", \"op\": \"changed\"},"
                                          "{\"path\": \"data.contacts\", \"op\": \"exists\", \"value\": true},"
                                          "{\"path\": \"data.r\", \"op\": \"lt\", \"value\": 2.5},"
                                          "{\"path\": \"data.e\", \"op\": \"ne\", \"value\": null}"
                                          "]");
  g_autoptr(GPtrArray) filters = sluice_filters_from_json (json_node_get_array (array));
  static const char * const described[] = {
    "data.percent ≥ 80",
    "data.kind in [MSA, NDA]",
    "data.plan changed",
    "data.contacts exists",
    "data.r < 2.5",
    "data.e ≠ null",
  };
  g_autoptr(GPtrArray) none = sluice_filters_from_json (NULL);

  /* the bad op and the non-object are left out */
  g_assert_cmpuint (filters->len, ==, G_N_ELEMENTS (described));
  for (guint i = 0; i < filters->len; i++)
    {
      g_autofree char *text = sluice_filter_describe (g_ptr_array_index (filters, i));

      g_assert_cmpstr (text, ==, described[i]);
    }
  g_assert_null (((SluiceFilter *) g_ptr_array_index (filters, 2))->value);
  g_assert_cmpuint (none->len, ==, 0);

  /* the filter owns a copy of its value */
  {
    JsonObject *first = json_array_get_object_element (json_node_get_array (array), 0);
    SluiceFilter *filter = g_ptr_array_index (filters, 0);

    json_object_set_int_member (first, "value", 1);
    g_assert_cmpint (json_node_get_int (filter->value), ==, 80);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/parse/refs", test_parse_refs);
  g_test_add_func ("/template/parse/no-refs", test_parse_no_refs);
  g_test_add_func ("/template/parse/errors", test_parse_errors);
  g_test_add_func ("/template/render/values", test_render_values);
  g_test_add_func ("/template/render/missing", test_render_missing);
  g_test_add_func ("/template/path/lookup", test_path_lookup);
  g_test_add_func ("/template/domain/url-host", test_url_host);
  g_test_add_func ("/template/domain/email", test_email_domain);
  g_test_add_func ("/template/domain/allowed", test_domain_allowed);
  g_test_add_func ("/template/filter/values", test_filter_values);
  g_test_add_func ("/template/filter/ops", test_filter_ops);
  g_test_add_func ("/template/filter/from-json", test_filter_from_json);

  /* Each of these once failed; see the comment on each function. */
  g_test_add_func ("/template/regression/render-double", test_regression_render_double);
  g_test_add_func ("/template/regression/path-lookup-empty-index", test_regression_path_lookup_empty_index);
  g_test_add_func ("/template/regression/domain-wildcard-case", test_regression_domain_wildcard_case);

  return g_test_run ();
}
