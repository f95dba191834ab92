/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The web layer's contract for handler writers. A request arrives with its
 * inputs already checked: the body is within the route's size limit and is
 * valid UTF-8 in NFC (a multipart body sent to a route that declares a
 * P_BINARY field is checked part by part instead: every field but the raw
 * file is); query and form parameters are only those the route
 * declares, each valid for its declared type; path arguments ({id}) are
 * positive integers; the actor is authenticated unless the route is public,
 * and a cookie-authenticated write carried the right CSRF token. A handler
 * calls app/ (never store/), then answers with exactly one resp_* call.
 *
 * Memory: everything hangs off r->arena, released when the request is done.
 */
#ifndef KH_WEB_HTTP_H
#define KH_WEB_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/arena.h"
#include "core/buf.h"

enum http_method { HTTP_GET = 1, HTTP_POST = 2, HTTP_PUT = 4, HTTP_PATCH = 8, HTTP_DELETE = 16 };

/* Declared parameter types (route.params). */
enum param_type {
	P_TEXT,	    /* one line of text: no control characters; max 500 chars */
	P_LONGTEXT, /* multi-line text, max 20000 chars */
	P_INT,	    /* a decimal int64 */
	P_ID,	    /* a positive int64 */
	P_DATE,	    /* YYYY-MM-DD */
	P_BOOL,	    /* "1", "0", "true", "false", "on" (checkbox) */
	P_FILE,	    /* a multipart file upload (form only) */
	P_DOCUMENT, /* a whole document's text (a pasted plan): multi-line, max
		     * 1,000,000 chars */
	P_BINARY,   /* a multipart file upload kept as raw bytes, not checked as
		     * UTF-8 (DOCX, XLSX): value holds them, NUL-terminated, and
		     * len their count; the filename is still checked text */
};

struct param_decl {
	const char *name;
	enum param_type type;
};

struct kv {
	const char *name;
	const char *value; /* NFC UTF-8; for P_FILE, the file's bytes (validated UTF-8);
			    * for P_BINARY, the file's raw bytes */
	size_t len;
	const char *filename; /* P_FILE and P_BINARY only */
};

struct req;
typedef void (*handler_fn)(struct req *r);

/* Route flags. */
enum {
	ROUTE_PUBLIC = 1,     /* no login needed */
	ROUTE_LARGE_BODY = 2, /* body limit 20 MiB instead of 1 MiB (uploads) */
	ROUTE_NO_CSRF = 4,    /* the login form: no session yet */
	ROUTE_RAW_BODY = 8,   /* a body that is not multipart is a file as raw bytes (an
			       * API upload of XLSX): neither checked as UTF-8 nor parsed;
			       * r->body and r->body_len hold it */
};

struct route {
	int methods;	     /* HTTP_GET | HTTP_POST… */
	const char *pattern; /* "/api/v1/orgs/{id}/children": {id} captures a P_ID */
	handler_fn handler;
	int flags;
	struct param_decl params[16]; /* query and form fields; ends at name NULL */
	const char *name;	      /* metrics label; defaults to pattern */
};

struct req {
	struct arena arena;
	enum http_method method;
	const char *path;     /* decoded, without the query */
	const char *full_url; /* path with the query, as received (for next=) */
	bool is_api;	      /* under /api/ */
	const struct route *route;
	int64_t ids[4]; /* the {id}s of the path, in order */
	int n_ids;
	struct kv *params; /* declared params present in query or form */
	int n_params, cap_params;
	const char *body; /* raw body, NUL-terminated, NFC UTF-8 (multipart: as sent) */
	size_t body_len;
	json_t *json; /* the parsed body when it is JSON (API writes) */
	const char *content_type;
	const char *client_ip;
	const char *form_csrf; /* the csrf_token form field, when sent */

	/* Authentication, set by the server before the handler runs. */
	struct actor actor;
	bool authenticated;
	bool via_cookie;
	const char *session_csrf; /* the session's CSRF token (cookie auth) */
	struct app_ctx ctx;	  /* store, arena, actor, clock */

	/* The response being built. */
	int status;
	struct buf out;
	const char *out_type;
	struct kv headers[8];
	int n_headers;
	bool answered;
	void *server; /* internal */
	void *conn;   /* internal: the libmicrohttpd connection */
};

/* ---- inputs ---- */

/* The declared parameter's value, or NULL when absent (or empty, for non-text
 * types). */
const char *req_param(struct req *r, const char *name);
/* P_INT/P_ID value, or def when absent. */
int64_t req_param_int(struct req *r, const char *name, int64_t def);
/* P_DATE value as a day number, or def when absent. */
int32_t req_param_date(struct req *r, const char *name, int32_t def);
bool req_param_bool(struct req *r, const char *name);
/* Every value of a repeated parameter (e.g. checkboxes named source_ids);
 * returns the count and sets *out to an arena array. */
int req_param_all(struct req *r, const char *name, const char ***out);
/* A link to path keeping the current values of the listed parameters, with
 * offset=N appended (for the pages of a list). Arena-allocated. */
const char *req_page_url(struct req *r, const char *path, const char *const *keep, int nkeep,
			 int64_t offset);
/* A P_FILE or P_BINARY upload, or NULL. */
const struct kv *req_file(struct req *r, const char *name);
/* A request header, or NULL. */
const char *req_header(struct req *r, const char *name);

/* JSON body fields (API). Each returns 0, or KH_EINVAL naming the field.
 * Strings are checked like P_TEXT (or P_LONGTEXT when multiline). Missing
 * optional fields leave *out untouched. */
int json_field_text(struct req *r, const char *name, bool required, bool multiline,
		    const char **out, struct kh_error *err) KH_MUST_CHECK;
int json_field_int(struct req *r, const char *name, bool required, int64_t min, int64_t max,
		   int64_t *out, struct kh_error *err) KH_MUST_CHECK;
int json_field_date(struct req *r, const char *name, bool required, int32_t *out,
		    struct kh_error *err) KH_MUST_CHECK;
int json_field_bool(struct req *r, const char *name, bool required, bool *out,
		    struct kh_error *err) KH_MUST_CHECK;
/* Field present (even as null)? */
bool json_has(struct req *r, const char *name);

/* ---- answers ---- */

/* 200/201… with a JSON body; steals the reference to v. */
void resp_json(struct req *r, int status, json_t *v);
/* The error as JSON on the API, as a Vietnamese page otherwise, with the
 * status that fits e->code (400, 401, 403, 404, 409, 413, 429, 500). */
void resp_error(struct req *r, const struct kh_error *e);
/* Shorthand for resp_error with a fresh error. */
void resp_fail(struct req *r, enum kh_err code, const char *message);
/* 303 See Other to location (a path on this site). */
void resp_redirect(struct req *r, const char *location);
/* Sends r->out as text/html (after page_end). */
void resp_html(struct req *r, int status);
/* Any content with its type (CSV, text). body is copied. */
void resp_body(struct req *r, int status, const char *type, const char *body, size_t len);
/* Adds a response header (value must not contain CR or LF; refused if so). */
void resp_header(struct req *r, const char *name, const char *value);
/* The HTTP status for an error code. */
int http_status_for(enum kh_err code);

/* ---- HTML ---- */

/*
 * html() appends to r->out with a small format language that escapes by
 * default:
 *   %s  text, HTML-escaped (NULL prints nothing)
 *   %r  raw HTML — only for literals and already-escaped output
 *   %u  a URL query component: percent-encoded, then escaped
 *   %d  int      %D  int64_t     %t  a day number as dd/mm/yyyy (0: nothing)
 *   %T  a day number as YYYY-MM-DD (for <input type=date>; 0: nothing)
 *   %%  a percent sign
 * The argument types must match: the compiler cannot check this format.
 */
void html(struct req *r, const char *fmt, ...);

/* Starts a full page: doctype, head, the top bar (site name, navigation,
 * search box, the user's name and the logout form), then <main>. */
void page_begin(struct req *r, const char *title);
/* Closes <main> and the document. Follow with resp_html(). */
void page_end(struct req *r);
/* The hidden CSRF input for forms that write. */
void html_csrf_field(struct req *r);
/* A notice box at the top of a page: kind "error", "ok" or "info". */
void html_notice(struct req *r, const char *kind, const char *message);

/* A page's notices after a redirect ("?notice=renamed"): key → text. */
struct notice {
	const char *key;
	const char *text;
};
/* The text for key in a table, or NULL (unknown or NULL key). */
const char *notice_lookup(const struct notice *table, size_t n, const char *key);

/* Renders a form-validation failure: when the error is KH_EINVAL the page is
 * re-rendered by the caller; this writes the error box. */
void html_error_box(struct req *r, const struct kh_error *e);

/* ---- registration ---- */

/* Each web module exposes its routes; server.c lists the modules. */
struct route_list {
	const struct route *routes;
	int count;
};

#define ROUTES(arr) ((struct route_list){(arr), (int)(sizeof(arr) / sizeof((arr)[0]))})

#endif
