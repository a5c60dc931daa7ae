/* sluice-server-http.c — the control plane over HTTP (libsoup SoupServer)
 *
 * One handler for everything under /v1: it finds the route, checks the
 * method, the token and its role, the rate limit and the path parameters,
 * then calls the route's handler. Bodies over the route's limit are
 * refused from their Content-Length, before they are read.
 *
 * Copyright 2026 The Sluice authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sluice-json.h"
#include "sluice-server-auth.h"
#include "sluice-server-private.h"
#include "sluice-server-reports.h"
#include "sluice-server-request.h"

G_DEFINE_FINAL_TYPE (SluiceServer, sluice_server, G_TYPE_OBJECT)

typedef struct
{
  gint64 second;
  guint  count;
} RateBucket;

static void
sluice_server_dispose (GObject *object)
{
  SluiceServer *self = SLUICE_SERVER (object);

  sluice_server_shutdown (self);
  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->rate_buckets, g_hash_table_unref);

  G_OBJECT_CLASS (sluice_server_parent_class)->dispose (object);
}

static void
sluice_server_class_init (SluiceServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sluice_server_dispose;
}

static void
sluice_server_init (SluiceServer *self)
{
  self->rate_buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ---- answers -------------------------------------------------------------- */

void
sluice_server_respond_json (SoupServerMessage *msg,
                            guint              status,
                            JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  char *text;

  json_node_set_object (node, object);
  text = sluice_json_to_string (node, FALSE);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

/**
 * sluice_server_respond_error:
 * @extra: (nullable): more members of the error object ("current_version", …)
 *
 * Answers {"error": {"code", "message", …extra}} with the code's status.
 */
void
sluice_server_respond_error (SoupServerMessage *msg,
                             const GError      *error,
                             JsonObject        *extra)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonObject *problem = json_object_new ();
  SluiceServerError code = SLUICE_SERVER_ERROR_INTERNAL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (error->domain == SLUICE_SERVER_ERROR)
    code = error->code;
  else
    g_warning ("Internal error: %s", error->message);

  json_object_set_string_member (problem, "code", sluice_server_error_code_name (code));
  json_object_set_string_member (problem, "message", error->message);
  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (problem, name, json_node_copy (value));
    }
  json_object_set_object_member (body, "error", problem);

  if (code == SLUICE_SERVER_ERROR_UNAUTHENTICATED)
    soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer realm=\"sluice\"");
  if (code == SLUICE_SERVER_ERROR_RATE_LIMITED)
    soup_message_headers_replace (headers, "Retry-After", "1");
  if (code == SLUICE_SERVER_ERROR_TOO_LARGE)
    soup_message_headers_replace (headers, "Connection", "close");
  sluice_server_respond_json (msg, sluice_server_error_http_status (code), body);
}

void
sluice_server_respond_problem (SoupServerMessage *msg,
                               SluiceServerError  code,
                               const char        *message)
{
  g_autoptr(GError) error = g_error_new_literal (SLUICE_SERVER_ERROR, code, message);

  sluice_server_respond_error (msg, error, NULL);
}

const char *
sluice_server_request_query (SluiceServerRequest *request,
                             const char          *name)
{
  return request->query != NULL ? g_hash_table_lookup (request->query, name) : NULL;
}

/* The media type without parameters ("application/json; charset=utf-8"). */
gboolean
sluice_server_check_content_type (SluiceServerRequest *request,
                                  const char * const  *accepted,
                                  GError             **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  /* no Content-Type at all: take the body for what the route expects */
  if (type == NULL && soup_message_headers_get_one (headers, "Content-Type") == NULL)
    return TRUE;
  if (type != NULL)
    for (guint i = 0; accepted[i] != NULL; i++)
      if (g_ascii_strcasecmp (type, accepted[i]) == 0)
        return TRUE;

  g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_UNSUPPORTED_MEDIA_TYPE,
               _("This request takes a body of type %s"), accepted[0]);
  return FALSE;
}

gboolean
sluice_server_request_json (SluiceServerRequest  *request,
                            JsonObject          **object,
                            GError              **error)
{
  static const char * const json_types[] = { "application/json", NULL };
  gsize length;
  const char *data = g_bytes_get_data (request->body, &length);

  if (!sluice_server_check_content_type (request, json_types, error))
    return FALSE;
  *object = sluice_server_parse_json_object (data, length, error);
  return *object != NULL;
}

/* ---- routing -------------------------------------------------------------- */

/* The path under /v1/ as segments, or NULL when it is not under /v1/. */
static GStrv
split_path (const char *path)
{
  if (!g_str_has_prefix (path, "/v1/"))
    return NULL;
  return g_strsplit (path + 4, "/", 8);
}

static gboolean
pattern_matches (const char *pattern,
                 GStrv       segments)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);

  if (g_strv_length (parts) != g_strv_length (segments))
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '{')
        {
          if (segments[i][0] == '\0')
            return FALSE;
        }
      else if (!g_str_equal (parts[i], segments[i]))
        return FALSE;
    }
  return TRUE;
}

/* The route for @path and @method; *path_known says whether any method
 * has a route there (405 rather than 404), @allow lists those methods. */
static const SluiceServerRoute *
find_route (const char *method,
            const char *path,
            gboolean   *path_known,
            GString    *allow)
{
  g_auto(GStrv) segments = split_path (path);
  const SluiceServerRoute *routes, *found = NULL;
  guint n_routes;

  *path_known = FALSE;
  if (segments == NULL)
    return NULL;

  routes = sluice_server_routes (&n_routes);
  for (guint i = 0; i < n_routes; i++)
    {
      if (!pattern_matches (routes[i].pattern, segments))
        continue;
      *path_known = TRUE;
      if (allow != NULL)
        g_string_append_printf (allow, "%s%s", allow->len ? ", " : "", routes[i].method);
      if (g_str_equal (routes[i].method, method) && found == NULL)
        found = &routes[i];
    }
  return found;
}

/* Decodes and checks the {…} parameters into @request; the strings live
 * in @storage. */
static gboolean
read_params (const SluiceServerRoute  *route,
             const char               *path,
             SluiceServerRequest      *request,
             GPtrArray                *storage,
             GError                  **error)
{
  g_auto(GStrv) parts = g_strsplit (route->pattern, "/", -1);
  g_auto(GStrv) segments = split_path (path);
  guint n = 0;

  for (guint i = 0; parts[i] != NULL && segments[i] != NULL; i++)
    {
      char *value;

      if (parts[i][0] != '{')
        continue;
      value = g_uri_unescape_string (segments[i], "/");
      if (value != NULL)
        g_ptr_array_add (storage, value);

      if (g_str_equal (parts[i], "{name}") && !sluice_server_name_is_valid (value))
        {
          g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_NAME,
                       _("A workflow name is 1 to 63 lowercase letters, digits and dashes, starting and ending "
                         "with a letter or digit"));
          return FALSE;
        }
      if (g_str_equal (parts[i], "{n}") && !sluice_server_parse_count (value, 1, G_MAXINT32, &request->number))
        {
          g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                       _("A version number is a whole number from 1"));
          return FALSE;
        }
      if (g_str_equal (parts[i], "{digest}") && !sluice_server_reports_digest_is_valid (value))
        {
          g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_INVALID_REQUEST,
                       _("A report digest is “sha256:” and 64 lowercase hexadecimal digits"));
          return FALSE;
        }
      if (n < SLUICE_SERVER_MAX_PARAMS)
        request->params[n++] = value;
    }
  return TRUE;
}

static gboolean
authenticate (SluiceServer             *self,
              SoupServerMessage        *msg,
              const SluiceServerRoute  *route,
              SluiceServerRequest      *request,
              char                    **name,
              GError                  **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *token = sluice_server_auth_bearer_token (soup_message_headers_get_one (headers, "Authorization"));
  SluiceServerRole role = SLUICE_SERVER_ROLE_NONE;

  if (route->role == SLUICE_SERVER_ROLE_NONE)
    {
      request->actor.name = "anonymous";
      return TRUE;
    }

  if (token == NULL || !sluice_server_auth_lookup (self->store, token, name, &role))
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_UNAUTHENTICATED,
                   _("This request needs a valid token: send “Authorization: Bearer TOKEN”"));
      return FALSE;
    }
  request->actor.name = *name;
  request->actor.role = role;

  if (role < route->role)
    {
      g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_FORBIDDEN,
                   _("This request needs the role %s; %s has the role %s"),
                   sluice_server_role_to_string (route->role), *name, sluice_server_role_to_string (role));
      return FALSE;
    }
  return TRUE;
}

/* A fixed one-second window per token: crude, but enough to keep one
 * runaway client from starving the others. */
static gboolean
check_rate_limit (SluiceServer  *self,
                  const char    *who,
                  GError       **error)
{
  gint64 second = g_get_monotonic_time () / G_USEC_PER_SEC;
  RateBucket *bucket;

  if (self->rate_limit == 0)
    return TRUE;

  bucket = g_hash_table_lookup (self->rate_buckets, who);
  if (bucket == NULL)
    {
      bucket = g_new0 (RateBucket, 1);
      g_hash_table_insert (self->rate_buckets, g_strdup (who), bucket);
    }
  if (bucket->second != second)
    {
      bucket->second = second;
      bucket->count = 0;
    }
  if (++bucket->count <= self->rate_limit)
    return TRUE;

  g_set_error (error, SLUICE_SERVER_ERROR, SLUICE_SERVER_ERROR_RATE_LIMITED,
               _("Too many requests: at most %u a second; try again after Retry-After seconds"),
               self->rate_limit);
  return FALSE;
}

static gboolean
body_too_large (SoupServerMessage       *msg,
                const SluiceServerRoute *route,
                goffset                  length)
{
  gsize limit = route != NULL ? route->body_limit : SLUICE_SERVER_LIMIT_JSON;

  if (length >= 0 && (guint64) length <= limit)
    return FALSE;

  {
    g_autofree char *message = g_strdup_printf (_("The body is larger than %zu bytes, the limit of this request"),
                                                limit);
    sluice_server_respond_problem (msg, SLUICE_SERVER_ERROR_TOO_LARGE, message);
  }
  return TRUE;
}

/* Runs when the headers are in, before the body is read. */
static void
early_handler_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const SluiceServerRoute *route;
  gboolean path_known;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return;
  route = find_route (soup_server_message_get_method (msg), g_uri_get_path (soup_server_message_get_uri (msg)),
                      &path_known, NULL);
  body_too_large (msg, route, soup_message_headers_get_content_length (headers));
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SluiceServer *self = user_data;
  /* route on the path as sent (still %-encoded), so an encoded slash in
   * a name is a bad name, not another path segment */
  const char *raw_path = g_uri_get_path (soup_server_message_get_uri (msg));
  g_autoptr(GPtrArray) storage = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) allow = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *actor_name = NULL;
  g_autoptr(GBytes) body = NULL;
  SluiceServerRequest request = { 0 };
  const SluiceServerRoute *route;
  gboolean path_known;

  route = find_route (soup_server_message_get_method (msg), raw_path, &path_known, allow);
  if (route == NULL && !path_known)
    {
      sluice_server_respond_problem (msg, SLUICE_SERVER_ERROR_NOT_FOUND, _("There is nothing at this path"));
      return;
    }
  if (route == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow->str);
      sluice_server_respond_problem (msg, SLUICE_SERVER_ERROR_METHOD_NOT_ALLOWED,
                                     _("This path does not take this method"));
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (body_too_large (msg, route, g_bytes_get_size (body)))
    return;

  request.server = self;
  request.msg = msg;
  request.query = query;
  request.body = body;

  if (!authenticate (self, msg, route, &request, &actor_name, &error)
      || (route->role != SLUICE_SERVER_ROLE_NONE && !check_rate_limit (self, actor_name, &error))
      || !read_params (route, raw_path, &request, storage, &error))
    {
      sluice_server_respond_error (msg, error, NULL);
      return;
    }

  route->handler (&request);
}

/* ---- life ----------------------------------------------------------------- */

static void
workflow_changed_cb (SluiceServer *self,
                     const char   *workflow)
{
  sluice_server_long_poll_check (self, workflow);
}

SluiceServer *
sluice_server_new (SluiceServerStore *store,
                   GTlsCertificate   *certificate)
{
  SluiceServer *self = g_object_new (SLUICE_TYPE_SERVER, NULL);

  self->store = g_object_ref (store);
  g_set_object (&self->certificate, certificate);
  self->changed_handler = g_signal_connect_object (store, "workflow-changed", G_CALLBACK (workflow_changed_cb),
                                                   self, G_CONNECT_SWAPPED);
  return self;
}

void
sluice_server_set_rate_limit (SluiceServer *self,
                              guint         requests_per_second)
{
  g_return_if_fail (SLUICE_IS_SERVER (self));
  self->rate_limit = requests_per_second;
}

/**
 * sluice_server_listen:
 * @address: "IP:PORT"; port 0 picks a free one
 */
gboolean
sluice_server_listen (SluiceServer  *self,
                      const char    *address,
                      GError       **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  SoupServerListenOptions options = self->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0;

  g_return_val_if_fail (SLUICE_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  connectable = g_network_address_parse (address, 8470, error);
  if (connectable == NULL)
    return FALSE;
  enumerator = g_socket_connectable_enumerate (connectable);
  socket_address = g_socket_address_enumerator_next (enumerator, NULL, error);
  if (socket_address == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Cannot listen on %s"), address);
      return FALSE;
    }

  self->soup = soup_server_new ("server-header", "sluice-server/" PACKAGE_VERSION " ",
                                "tls-certificate", self->certificate,
                                NULL);
  soup_server_add_early_handler (self->soup, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler_cb, self, NULL);
  return soup_server_listen (self->soup, socket_address, options, error);
}

/* "http://127.0.0.1:PORT/" as it listens, port chosen. Made from the
 * listening socket: soup_server_get_uris () of libsoup 3.2 leaks the
 * address it asks the socket for. */
char *
sluice_server_get_url (SluiceServer *self)
{
  g_autoptr(GSList) listeners = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *host = NULL;
  GInetSocketAddress *inet;

  g_return_val_if_fail (SLUICE_IS_SERVER (self), NULL);

  if (self->soup == NULL)
    return NULL;
  listeners = soup_server_get_listeners (self->soup);
  if (listeners == NULL)
    return NULL;
  address = g_socket_get_local_address (listeners->data, NULL);
  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return NULL;

  inet = G_INET_SOCKET_ADDRESS (address);
  host = g_inet_address_to_string (g_inet_socket_address_get_address (inet));
  return g_strdup_printf (g_inet_address_get_family (g_inet_socket_address_get_address (inet)) == G_SOCKET_FAMILY_IPV6
                          ? "%s://[%s]:%u/" : "%s://%s:%u/",
                          self->certificate != NULL ? "https" : "http", host,
                          g_inet_socket_address_get_port (inet));
}

/* Answers pending long polls and stops listening. */
void
sluice_server_shutdown (SluiceServer *self)
{
  g_return_if_fail (SLUICE_IS_SERVER (self));

  sluice_server_long_poll_clear (self);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}
