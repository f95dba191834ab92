/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The HTTP server: libmicrohttpd with a thread pool on epoll. For each
 * request it collects the body within the route's limit, validates it as
 * UTF-8 and normalizes it to NFC, keeps only the declared parameters,
 * authenticates (session cookie or bearer token), enforces CSRF on
 * cookie-authenticated writes, lends a database connection from the pool,
 * runs the handler, and adds the security headers. The server keeps no state
 * between requests except metrics; sessions and rate limits live in the
 * database.
 */
#include "core/common.h"
#include "app/auth.h"
#include "app/runtime.h"
#include "core/date.h"
#include "core/num.h"
#include "text/utf8.h"
#include "web/internal.h"
#include "web/routes.h"
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct server {
	struct app_pool *pool;
	const struct route **routes;
	int nroutes;
	bool quiet;
};

/* Per-connection state while the body arrives. */
struct pending {
	struct req r;
	struct buf body;
	size_t limit;
	bool too_big;
	struct timespec start;
	int route_index;
	bool method_mismatch;
	bool bad_id;
};

static const char *const CSP =
	"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
	"object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

static enum http_method parse_method(const char *m)
{
	if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
		return HTTP_GET;
	if (strcmp(m, "POST") == 0)
		return HTTP_POST;
	if (strcmp(m, "PUT") == 0)
		return HTTP_PUT;
	if (strcmp(m, "PATCH") == 0)
		return HTTP_PATCH;
	if (strcmp(m, "DELETE") == 0)
		return HTTP_DELETE;
	return 0;
}

/* Matches path against a pattern, capturing {id} segments as positive
 * integers. Returns 1 on match, 0 on no match, -1 when the shape matches but
 * an id is not a valid number (a 404). */
static int match(const char *pattern, const char *path, int64_t *ids, int *n_ids)
{
	const char *p = pattern, *s = path;
	int n = 0, bad = 0;
	while (*p && *s) {
		if (*p == '{') {
			const char *pe = strchr(p, '}');
			if (!pe)
				return 0;
			const char *se = s;
			while (*se && *se != '/')
				se++;
			if (se == s)
				return 0;
			int64_t v = 0;
			bool ok = se - s <= 18;
			for (const char *c = s; ok && c < se; c++) {
				if (*c < '0' || *c > '9')
					ok = false;
				else
					v = v * 10 + (*c - '0');
			}
			if (!ok || v <= 0)
				bad = 1;
			if (n < 4)
				ids[n++] = v;
			p = pe + 1;
			s = se;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	if (*p || *s)
		return 0;
	*n_ids = n;
	return bad ? -1 : 1;
}

static void find_route(struct server *srv, struct pending *pd)
{
	struct req *r = &pd->r;
	pd->route_index = -1;
	for (int i = 0; i < srv->nroutes; i++) {
		int64_t ids[4];
		int n = 0;
		int m = match(srv->routes[i]->pattern, r->path, ids, &n);
		if (m == 0)
			continue;
		if (m < 0) {
			pd->bad_id = true;
			continue;
		}
		if (!(srv->routes[i]->methods & (int)r->method)) {
			pd->method_mismatch = true;
			continue;
		}
		pd->route_index = i;
		r->route = srv->routes[i];
		memcpy(r->ids, ids, sizeof(ids));
		r->n_ids = n;
		return;
	}
}

struct args_ctx {
	struct req *r;
	struct kh_error *err;
	int rc;
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				   size_t key_size, const char *value, size_t value_size)
{
	struct args_ctx *a = cls;
	if (a->rc || !key || memchr(key, '\0', key_size))
		return MHD_YES;
	a->rc = req_add_param(a->r, key, value ? value : "", value ? value_size : 0, NULL, a->err);
	return a->rc ? MHD_NO : MHD_YES;
}

static double elapsed(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void authenticate(struct req *r, struct MHD_Connection *conn)
{
	struct kh_error err;
	const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
	if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
		if (app_auth_bearer(&r->ctx, auth + 7, &r->actor, &err) == 0)
			r->authenticated = true;
		return;
	}
	const char *cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "kh_session");
	if (cookie && *cookie) {
		const char *csrf = NULL;
		if (app_auth_session(&r->ctx, cookie, &r->actor, &csrf, &err) == 0) {
			r->authenticated = true;
			r->via_cookie = true;
			r->session_csrf = csrf ? arena_strdup(&r->arena, csrf) : NULL;
		}
	}
}

static bool tokens_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;
	for (size_t i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

/* The methods the routes matching r's path answer, for a 405's Allow. */
static const char *allowed_methods(struct server *srv, struct req *r)
{
	static const char *const names[] = {"GET, HEAD", "POST", "PUT", "PATCH", "DELETE"};
	int methods = 0;
	for (int i = 0; i < srv->nroutes; i++) {
		int64_t ids[4];
		int n = 0;
		if (match(srv->routes[i]->pattern, r->path, ids, &n) > 0)
			methods |= srv->routes[i]->methods;
	}
	struct buf b;
	buf_init(&b, 256);
	for (int i = 0; i < 5; i++)
		if (methods & (1 << i))
			buf_printf(&b, "%s%s", b.len ? ", " : "", names[i]);
	const char *s = arena_strdup(&r->arena, b.data);
	buf_release(&b);
	return s;
}

/* Does the route declare a raw file field? */
static bool route_takes_binary(const struct route *rt)
{
	for (size_t i = 0; i < KH_ARRAY_LEN(rt->params) && rt->params[i].name; i++)
		if (rt->params[i].type == P_BINARY)
			return true;
	return false;
}

/* Runs the request through the gates and the handler. */
static void dispatch(struct server *srv, struct pending *pd, struct MHD_Connection *conn)
{
	struct req *r = &pd->r;
	struct kh_error err;
	kh_error_clear(&err);

	if (!r->method) {
		resp_fail(r, KH_EMETHOD, "Phương thức HTTP không được hỗ trợ");
		return;
	}
	if (pd->route_index < 0) {
		if (pd->method_mismatch) {
			resp_fail(r, KH_EMETHOD,
				  "Phương thức HTTP không được hỗ trợ cho địa chỉ này");
			resp_header(r, "Allow", allowed_methods(srv, r));
		} else {
			resp_fail(r, KH_ENOTFOUND,
				  pd->bad_id ? "Mã số trong địa chỉ không hợp lệ"
					     : "Không tìm thấy trang hoặc tài nguyên này");
		}
		return;
	}
	if (pd->too_big) {
		resp_fail(r, KH_ETOOBIG, "Dữ liệu gửi lên vượt quá giới hạn cho phép");
		return;
	}
	/* The body must be valid UTF-8. A multipart body is kept byte for byte
	 * (its boundaries are CRLF-delimited) and each of its fields is
	 * normalized on its own; any other body is normalized to NFC whole.
	 * A route taking a raw file (P_BINARY) gets its multipart body
	 * unchecked here: req_add_param checks every other field, and the
	 * file's name, one by one. A ROUTE_RAW_BODY route gets any other body
	 * as the raw bytes of a file, unchecked and unparsed. */
	const char *ct0 = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
	bool multipart = ct0 && strncasecmp(ct0, "multipart/form-data", 19) == 0;
	if (pd->body.len) {
		char *norm = NULL;
		size_t n = 0;
		bool raw_ok = multipart && route_takes_binary(r->route);
		bool raw_file = !multipart && (r->route->flags & ROUTE_RAW_BODY);
		if (!raw_file &&
		    ((!raw_ok && !utf8_valid(pd->body.data, pd->body.len)) ||
		     (!multipart && text_normalize(pd->body.data, pd->body.len, &norm, &n) != 0))) {
			resp_fail(r, KH_EINVAL, "Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ");
			return;
		}
		if (multipart || raw_file) {
			r->body = arena_memdup0(&r->arena, pd->body.data, pd->body.len);
			r->body_len = pd->body.len;
		} else {
			r->body = arena_memdup0(&r->arena, norm, n);
			r->body_len = n;
			free(norm);
		}
	} else {
		r->body = "";
	}
	/* Parameters: query string, then form fields. */
	struct args_ctx a = {r, &err, 0};
	MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &a);
	if (a.rc) {
		resp_error(r, &err);
		return;
	}
	const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
	r->content_type = ct ? arena_strdup(&r->arena, ct) : "";
	if (r->body_len && r->method != HTTP_GET &&
	    (multipart || !(r->route->flags & ROUTE_RAW_BODY))) {
		int rc = 0;
		if (strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33) == 0)
			rc = req_parse_urlencoded(r, r->body, r->body_len, &err);
		else if (strncasecmp(r->content_type, "multipart/form-data", 19) == 0)
			rc = req_parse_multipart(r, r->content_type, &err);
		else if (strncasecmp(r->content_type, "application/json", 16) == 0) {
			json_error_t jerr;
			r->json = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
			if (!r->json || !json_is_object(r->json))
				rc = kh_fail(
					&err, KH_EINVAL, NULL,
					"JSON không hợp lệ (dòng %d, cột %d): cần một đối tượng JSON",
					jerr.line, jerr.column);
		}
		if (rc) {
			resp_error(r, &err);
			return;
		}
	}

	/* The URL with its declared query, for "next=" after login. */
	if (r->method == HTTP_GET && r->n_params) {
		struct buf u;
		buf_init(&u, 8192);
		buf_puts(&u, r->path);
		for (int i = 0; i < r->n_params; i++) {
			buf_putc(&u, i ? '&' : '?');
			url_encode(&u, r->params[i].name);
			buf_putc(&u, '=');
			url_encode(&u, r->params[i].value);
		}
		if (!buf_failed(&u))
			r->full_url = arena_strdup(&r->arena, u.data);
		buf_release(&u);
	}

	/* Who is asking. */
	r->ctx.arena = &r->arena;
	r->ctx.actor = &r->actor;
	app_pool_lend(srv->pool, &r->ctx);
	authenticate(r, conn);
	if (!r->authenticated && !(r->route->flags & ROUTE_PUBLIC)) {
		if (r->is_api || r->method != HTTP_GET) {
			resp_fail(r, KH_EUNAUTH,
				  "Cần đăng nhập hoặc mã truy cập (Bearer token) hợp lệ");
		} else {
			struct buf loc;
			buf_init(&loc, 8192);
			buf_puts(&loc, "/login?next=");
			url_encode(&loc, r->full_url);
			resp_redirect(r, loc.data);
			buf_release(&loc);
		}
		return;
	}
	if (!r->authenticated) {
		memset(&r->actor, 0, sizeof(r->actor));
		r->actor.username = "";
	}
	/* Cookie-authenticated writes must prove they come from our pages. */
	if (r->via_cookie && r->method != HTTP_GET && !(r->route->flags & ROUTE_NO_CSRF)) {
		const char *sent =
			MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
		if (!sent)
			sent = r->form_csrf;
		if (!sent || !r->session_csrf || !tokens_equal(sent, r->session_csrf)) {
			resp_fail(
				r, KH_EFORBIDDEN,
				"Mã xác thực biểu mẫu (CSRF) không hợp lệ hoặc đã hết hạn; hãy tải lại trang và thử lại");
			return;
		}
	}
	/* A page reads with many small queries: one read transaction gives
	 * them one snapshot and takes the file lock once instead of per query.
	 * GET handlers never write (store_begin refuses a write inside it). */
	bool read_tx = r->method == HTTP_GET && app_read_begin(&r->ctx);
	r->route->handler(r);
	if (read_tx)
		app_read_end(&r->ctx);
	if (!r->answered)
		resp_fail(r, KH_EINTERNAL, "Yêu cầu không được xử lý");
}

static enum MHD_Result send_response(struct server *srv, struct pending *pd,
				     struct MHD_Connection *conn)
{
	struct req *r = &pd->r;
	if (buf_failed(&r->out)) {
		buf_clear(&r->out);
		resp_fail(r, KH_EINTERNAL, "Trang quá lớn để hiển thị");
	}
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(r->out.len, r->out.data, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type",
				r->out_type ? r->out_type : "text/plain; charset=utf-8");
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	bool has_cache = false;
	for (int i = 0; i < r->n_headers; i++) {
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
		if (strcasecmp(r->headers[i].name, "Cache-Control") == 0)
			has_cache = true;
	}
	if (!has_cache)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	int status = r->status ? r->status : 200;
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	double secs = elapsed(&pd->start);
	metrics_record(pd->route_index,
		       pd->route_index >= 0 ? (srv->routes[pd->route_index]->name
						       ? srv->routes[pd->route_index]->name
						       : srv->routes[pd->route_index]->pattern)
					    : "unmatched",
		       status, secs);
	if (!srv->quiet)
		fprintf(stderr, "%s %s %d %.1fms\n",
			r->method == HTTP_GET	   ? "GET"
			: r->method == HTTP_POST   ? "POST"
			: r->method == HTTP_PUT	   ? "PUT"
			: r->method == HTTP_PATCH  ? "PATCH"
			: r->method == HTTP_DELETE ? "DELETE"
						   : "?",
			r->path, status, secs * 1000);
	return ret;
}

const char *req_header(struct req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
	if (!v || !utf8_valid(v, strlen(v)) || text_has_controls(v))
		return NULL;
	return v;
}

/* Every module's routes, in matching order. Caller frees the array. */
static const struct route **all_routes(int *count)
{
	struct route_list lists[] = {
		web_routes_core(),	web_routes_auth(),	 web_routes_admin(),
		web_routes_org(),	web_routes_person(),	 web_routes_document(),
		web_routes_search(),	web_routes_plan(),	 web_routes_comment(),
		web_routes_check(),	web_routes_export(),	 web_routes_import_plan(),
		web_routes_progress(),	web_routes_indicator(),	 web_routes_report(),
		web_routes_dashboard(), web_routes_assessment(), web_routes_classification(),
	};
	int total = 0, n = 0;
	for (size_t i = 0; i < KH_ARRAY_LEN(lists); i++)
		total += lists[i].count;
	const struct route **v = xcalloc((size_t)total + 1, sizeof(*v));
	for (size_t i = 0; i < KH_ARRAY_LEN(lists); i++)
		for (int k = 0; k < lists[i].count; k++)
			v[n++] = &lists[i].routes[k];
	*count = n;
	return v;
}

void web_routes_each(void (*fn)(int methods, const char *pattern, bool is_public, void *arg),
		     void *arg)
{
	int n;
	const struct route **v = all_routes(&n);
	for (int i = 0; i < n; i++)
		fn(v[i]->methods, v[i]->pattern, (v[i]->flags & ROUTE_PUBLIC) != 0, arg);
	free(v);
}

static void pending_free(struct server *srv, struct pending *pd)
{
	app_pool_return(srv->pool, &pd->r.ctx);
	if (pd->r.json)
		json_decref(pd->r.json);
	buf_release(&pd->r.out);
	buf_release(&pd->body);
	arena_release(&pd->r.arena);
	free(pd);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct server *srv = cls;
	struct pending *pd = *con_cls;
	if (!pd) {
		pd = xcalloc(1, sizeof(*pd));
		clock_gettime(CLOCK_MONOTONIC, &pd->start);
		arena_init(&pd->r.arena, 16384);
		buf_init(&pd->r.out, PAGE_LIMIT);
		struct req *r = &pd->r;
		r->server = srv;
		r->conn = conn;
		r->method = parse_method(method);
		/* MHD has decoded the path; it must still be valid UTF-8 text. */
		const char *path = url && utf8_valid(url, strlen(url)) && !text_has_controls(url)
					   ? url
					   : "/\x01invalid";
		r->path = arena_strdup(&r->arena, path);
		r->is_api = strncmp(r->path, "/api/", 5) == 0;
		const struct sockaddr *sa = NULL;
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci)
			sa = ci->client_addr;
		char ip[INET6_ADDRSTRLEN] = "";
		if (sa && sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, ip,
				  sizeof(ip));
		else if (sa && sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, ip,
				  sizeof(ip));
		r->client_ip = arena_strdup(&r->arena, ip);
		find_route(srv, pd);
		pd->limit = pd->route_index >= 0 && (r->route->flags & ROUTE_LARGE_BODY)
				    ? BODY_LIMIT_LARGE
				    : BODY_LIMIT;
		buf_init(&pd->body, pd->limit);
		*con_cls = pd;
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!pd->too_big) {
			buf_add(&pd->body, upload_data, *upload_data_size);
			if (buf_failed(&pd->body)) {
				pd->too_big = true;
				buf_clear(&pd->body);
				pd->body.failed = true; /* keep discarding */
			}
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	struct req *r = &pd->r;
	if (pd->too_big)
		pd->body.len = 0;
	r->full_url = r->path;
	if (strcmp(r->path, "/\x01invalid") == 0) {
		resp_fail(r, KH_EINVAL, "Địa chỉ không hợp lệ");
		pd->route_index = -1;
	} else {
		dispatch(srv, pd, conn);
	}
	/* The answer is in memory now: give the database connection back
	 * before sending it. Held until the client had read the response, the
	 * pool's few connections ran out while slow clients read big pages, and
	 * a worker thread then waited in the pool for a connection that only
	 * its own unsent responses could free — the server hung under load. */
	app_pool_return(srv->pool, &r->ctx);
	return send_response(srv, pd, conn);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct pending *pd = *con_cls;
	if (pd)
		pending_free(cls, pd);
	*con_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, struct kh_error *err)
{
	const char *colon = strrchr(listen, ':');
	char host[64];
	if (!colon || (size_t)(colon - listen) >= sizeof(host))
		return kh_fail(err, KH_EINVAL, "listen",
			       "Địa chỉ lắng nghe phải có dạng IP:CỔNG, ví dụ 127.0.0.1:8080");
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	int64_t port;
	if (num_parse_i64(colon + 1, 0, 65535, &port) != 0)
		return kh_fail(err, KH_EINVAL, "listen", "Cổng không hợp lệ: %s", colon + 1);
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return kh_fail(err, KH_EINVAL, "listen", "Địa chỉ IP không hợp lệ: %s", host);
	return 0;
}

int web_serve(const struct web_config *cfg, struct kh_error *err)
{
	struct server srv = {0};
	struct sockaddr_in sa;
	struct MHD_Daemon *d = NULL;
	int rc = parse_listen(cfg->listen, &sa, err);
	if (rc)
		return rc;
	int threads = cfg->threads > 0 ? cfg->threads : 2 * (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1)
		threads = 2;
	if (threads > 64)
		threads = 64;

	if ((rc = app_pool_open(cfg->db_path, threads, &srv.pool, err)))
		return rc;
	/* Each page is built in a buffer freed when its request is done. By
	 * default glibc hands such buffers back to the kernel (munmap, madvise)
	 * and the next request pays page faults for them again: on a 200 KB plan
	 * page that was half the server time. Keep the memory instead. */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);

	srv.routes = all_routes(&srv.nroutes);
	srv.quiet = cfg->quiet;
	metrics_init(srv.nroutes);

	/* Block the stop signals before MHD starts its threads (they inherit
	 * the mask), so that only sigwait() below receives them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO, 0,
			     NULL, NULL, on_request, &srv, MHD_OPTION_SOCK_ADDR,
			     (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
			     MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
	if (!d) {
		rc = kh_fail(err, KH_EIO, "listen", "Không mở được cổng %s: %s", cfg->listen,
			     strerror(errno));
		goto out;
	}
	fprintf(stderr, "kehoach: đang phục vụ tại http://%s (cơ sở dữ liệu %s, %d luồng)\n",
		cfg->listen, cfg->db_path, threads);
	fflush(stderr);
	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "kehoach: đang dừng…\n");
	MHD_stop_daemon(d);
	fprintf(stderr, "kehoach: đã dừng\n");
	rc = 0;
out:
	app_pool_close(srv.pool);
	free(srv.routes);
	return rc;
}

/* For the metrics page. */
int64_t web_db_size(struct req *r);
int64_t web_db_size(struct req *r)
{
	return app_db_size(&r->ctx);
}
