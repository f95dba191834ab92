/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Request inputs and response helpers. Parameters reach handlers only when
 * the route declares them, and only after validation for their type: this is
 * the single gate between untrusted bytes and the use cases.
 */
#include "core/common.h"
#include "core/date.h"
#include "core/num.h"
#include "text/utf8.h"
#include "web/internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *const CSRF_FIELD = "csrf_token";

/* Fields of one request: a form of a 300-item plan (the self-assessment
 * sends three per item) fits; the array grows by doubling in the arena. */
#define MAX_PARAMS 4096
#define TEXT_MAX_CHARS 500
#define LONGTEXT_MAX_CHARS 20000
#define DOCUMENT_MAX_CHARS 1000000

size_t url_decode(char *s, size_t n, bool plus)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '+' && plus) {
			c = ' ';
		} else if (c == '%' && i + 2 < n) {
			int hi = s[i + 1], lo = s[i + 2];
			int h = hi >= '0' && hi <= '9'		       ? hi - '0'
				: (hi | 32) >= 'a' && (hi | 32) <= 'f' ? (hi | 32) - 'a' + 10
								       : -1;
			int l = lo >= '0' && lo <= '9'		       ? lo - '0'
				: (lo | 32) >= 'a' && (lo | 32) <= 'f' ? (lo | 32) - 'a' + 10
								       : -1;
			if (h >= 0 && l >= 0) {
				c = (char)(h * 16 + l);
				i += 2;
			}
		}
		s[o++] = c;
	}
	s[o] = '\0';
	return o;
}

void url_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(b, (char)*p);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_add(b, e, 3);
		}
	}
}

static const struct param_decl *find_decl(const struct route *rt, const char *name)
{
	if (!rt)
		return NULL;
	for (size_t i = 0; i < KH_ARRAY_LEN(rt->params) && rt->params[i].name; i++)
		if (strcmp(rt->params[i].name, name) == 0)
			return &rt->params[i];
	return NULL;
}

static int bad_param(struct kh_error *err, const char *name, const char *why)
{
	return kh_fail(err, KH_EINVAL, name, "Tham số «%s» không hợp lệ: %s", name, why);
}

int req_add_param(struct req *r, const char *name, const char *value, size_t len,
		  const char *filename, struct kh_error *err)
{
	if (strcmp(name, CSRF_FIELD) == 0) {
		if (!r->form_csrf)
			r->form_csrf = arena_memdup0(&r->arena, value, len);
		return 0;
	}
	const struct param_decl *d = find_decl(r->route, name);
	if (!d)
		return 0; /* undeclared: never reaches the handler */
	bool is_file = d->type == P_FILE || d->type == P_BINARY;
	if (is_file != (filename != NULL))
		return bad_param(err, name, is_file ? "cần chọn một tệp" : "không phải tệp");
	/* The whole body may not have been checked (P_BINARY routes): the
	 * file's name is text like any field. */
	if (filename && (!utf8_valid(filename, strlen(filename)) || text_has_controls(filename)))
		return bad_param(err, name, "tên tệp không phải văn bản UTF-8 hợp lệ");
	const char *v;
	size_t nlen = 0;
	if (d->type == P_BINARY) {
		v = arena_memdup0(&r->arena, value, len); /* raw bytes, as sent */
		nlen = len;
	} else {
		char *norm = NULL;
		if (text_normalize(value, len, &norm, &nlen) != 0)
			return kh_fail(err, KH_EINVAL, name,
				       "Tham số «%s» không phải văn bản UTF-8 hợp lệ", name);
		v = arena_memdup0(&r->arena, norm, nlen);
		free(norm);
	}
	int32_t day;
	int64_t num;
	switch (d->type) {
	case P_TEXT:
		if (text_has_controls(v))
			return bad_param(err, name,
					 "không được chứa ký tự xuống dòng hay ký tự điều khiển");
		/* One-line fields are kept trimmed, with inner runs of spaces
		 * collapsed: "  Chi bộ   3 " is "Chi bộ 3", and blank is empty. */
		{
			char *t = text_trim_dup(v);
			v = arena_strdup(&r->arena, t);
			nlen = strlen(v);
			free(t);
		}
		if (utf8_char_count(v) > TEXT_MAX_CHARS)
			return bad_param(err, name, "quá dài");
		break;
	case P_LONGTEXT:
		if (utf8_char_count(v) > LONGTEXT_MAX_CHARS)
			return bad_param(err, name, "quá dài");
		break;
	case P_DOCUMENT:
		if (utf8_char_count(v) > DOCUMENT_MAX_CHARS)
			return bad_param(err, name, "quá dài");
		break;
	case P_INT:
	case P_ID:
		if (!*v)
			return 0;
		if (num_parse_i64(v, d->type == P_ID ? 1 : INT64_MIN, INT64_MAX, &num) != 0)
			return bad_param(err, name,
					 d->type == P_ID ? "cần một mã số dương"
							 : "cần một số nguyên");
		break;
	case P_DATE:
		if (!*v)
			return 0;
		if (date_parse_iso(v, &day) != 0)
			return bad_param(err, name, "cần ngày dạng YYYY-MM-DD");
		break;
	case P_BOOL:
		if (*v && strcmp(v, "1") && strcmp(v, "0") && strcmp(v, "true") &&
		    strcmp(v, "false") && strcmp(v, "on"))
			return bad_param(err, name, "cần giá trị đúng/sai");
		break;
	case P_FILE:
	case P_BINARY:
		break;
	}
	if (r->n_params >= MAX_PARAMS)
		return kh_fail(err, KH_EINVAL, name, "Quá nhiều tham số");
	if (r->n_params == r->cap_params) {
		int ncap = r->cap_params ? r->cap_params * 2 : 32;
		struct kv *w = arena_alloc(&r->arena, sizeof(*w) * (size_t)ncap);
		if (r->n_params)
			memcpy(w, r->params, sizeof(*w) * (size_t)r->n_params);
		r->params = w;
		r->cap_params = ncap;
	}
	struct kv *kv = &r->params[r->n_params++];
	kv->name = d->name;
	kv->value = v;
	kv->len = nlen;
	kv->filename = filename ? arena_strdup(&r->arena, filename) : NULL;
	return 0;
}

int req_parse_urlencoded(struct req *r, const char *s, size_t n, struct kh_error *err)
{
	char *copy = arena_memdup0(&r->arena, s, n);
	char *p = copy, *end = copy + n;
	while (p < end) {
		char *amp = memchr(p, '&', (size_t)(end - p));
		char *stop = amp ? amp : end;
		char *eq = memchr(p, '=', (size_t)(stop - p));
		char *k = p, *v = eq ? eq + 1 : stop;
		size_t klen = (size_t)((eq ? eq : stop) - k), vlen = (size_t)(stop - v);
		k[klen] = '\0'; /* overwrites '=' or '&' (or the final NUL) */
		if (!eq)
			v = k + klen; /* empty value */
		else
			v[vlen] = '\0';
		klen = url_decode(k, klen, true);
		vlen = eq ? url_decode(v, vlen, true) : 0;
		if (klen && memchr(k, '\0', klen) == NULL) {
			int rc = req_add_param(r, k, eq ? v : "", vlen, NULL, err);
			if (rc)
				return rc;
		}
		p = stop + 1;
	}
	return 0;
}

/* Finds the boundary parameter of a multipart content type. */
static const char *multipart_boundary(struct req *r, const char *ct)
{
	const char *b = strcasestr(ct, "boundary=");
	if (!b)
		return NULL;
	b += 9;
	size_t n;
	if (*b == '"') {
		b++;
		const char *q = strchr(b, '"');
		if (!q)
			return NULL;
		n = (size_t)(q - b);
	} else {
		n = strcspn(b, "; \t");
	}
	if (n == 0 || n > 200)
		return NULL;
	return arena_printf(&r->arena, "--%.*s", (int)n, b);
}

/* The value of name="..." inside a Content-Disposition header line. */
static const char *disposition_param(struct req *r, const char *line, size_t len, const char *key)
{
	size_t klen = strlen(key);
	for (size_t i = 0; i + klen + 2 < len; i++) {
		if ((i == 0 || line[i - 1] == ' ' || line[i - 1] == ';') &&
		    strncasecmp(line + i, key, klen) == 0 && line[i + klen] == '=' &&
		    line[i + klen + 1] == '"') {
			const char *v = line + i + klen + 2;
			const char *q = memchr(v, '"', len - (size_t)(v - line));
			if (!q)
				return NULL;
			return arena_memdup0(&r->arena, v, (size_t)(q - v));
		}
	}
	return NULL;
}

int req_parse_multipart(struct req *r, const char *content_type, struct kh_error *err)
{
	const char *boundary = multipart_boundary(r, content_type);
	if (!boundary)
		return kh_fail(err, KH_EINVAL, NULL, "Biểu mẫu gửi lên thiếu ranh giới (boundary)");
	size_t blen = strlen(boundary);
	const char *body = r->body, *end = r->body + r->body_len;
	const char *p = memmem(body, r->body_len, boundary, blen);
	if (!p)
		return kh_fail(err, KH_EINVAL, NULL, "Biểu mẫu gửi lên không đúng định dạng");
	for (;;) {
		p += blen;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0; /* closing boundary */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			break;
		p += 2;
		const char *hend = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			break;
		const char *name = NULL, *filename = NULL;
		for (const char *line = p; line < hend;) {
			const char *eol = memmem(line, (size_t)(hend - line) + 2, "\r\n", 2);
			size_t llen = (size_t)(eol - line);
			if (llen > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
				name = disposition_param(r, line, llen, "name");
				filename = disposition_param(r, line, llen, "filename");
			}
			line = eol + 2;
		}
		const char *data = hend + 4;
		/* The part ends at CRLF + boundary. */
		const char *next = NULL;
		for (const char *q = data; q < end;) {
			const char *m = memmem(q, (size_t)(end - q), boundary, blen);
			if (!m)
				break;
			if (m - data >= 2 && m[-2] == '\r' && m[-1] == '\n') {
				next = m;
				break;
			}
			q = m + 1;
		}
		if (!next)
			break;
		size_t dlen = (size_t)(next - 2 - data);
		if (name) {
			if (filename && !*filename && dlen == 0)
				filename = NULL; /* no file chosen */
			const struct param_decl *d = find_decl(r->route, name);
			if (!(filename == NULL && d &&
			      (d->type == P_FILE || d->type == P_BINARY))) {
				int rc = req_add_param(r, name, data, dlen, filename, err);
				if (rc)
					return rc;
			}
		}
		p = next;
	}
	return kh_fail(err, KH_EINVAL, NULL, "Biểu mẫu gửi lên không đúng định dạng");
}

const char *req_param(struct req *r, const char *name)
{
	for (int i = 0; i < r->n_params; i++)
		if (strcmp(r->params[i].name, name) == 0 && !r->params[i].filename)
			return r->params[i].value;
	return NULL;
}

int req_param_all(struct req *r, const char *name, const char ***out)
{
	int n = 0;
	const char **v = arena_alloc(&r->arena, sizeof(*v) * (size_t)(r->n_params + 1));
	for (int i = 0; i < r->n_params; i++)
		if (strcmp(r->params[i].name, name) == 0 && !r->params[i].filename)
			v[n++] = r->params[i].value;
	*out = v;
	return n;
}

const char *req_page_url(struct req *r, const char *path, const char *const *keep, int nkeep,
			 int64_t offset)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_printf(&b, "%s?", path);
	for (int i = 0; i < nkeep; i++) {
		const char *v = req_param(r, keep[i]);
		if (!v || !*v)
			continue;
		url_encode(&b, keep[i]);
		buf_putc(&b, '=');
		url_encode(&b, v);
		buf_putc(&b, '&');
	}
	buf_printf(&b, "offset=%lld", (long long)offset);
	const char *s = arena_strdup(&r->arena, buf_failed(&b) ? path : b.data);
	buf_release(&b);
	return s;
}

int64_t req_param_int(struct req *r, const char *name, int64_t def)
{
	const char *v = req_param(r, name);
	int64_t n;
	if (!v || !*v || num_parse_i64(v, INT64_MIN, INT64_MAX, &n) != 0)
		return def;
	return n;
}

int32_t req_param_date(struct req *r, const char *name, int32_t def)
{
	const char *v = req_param(r, name);
	int32_t d;
	if (!v || !*v || date_parse_iso(v, &d) != 0)
		return def;
	return d;
}

bool req_param_bool(struct req *r, const char *name)
{
	const char *v = req_param(r, name);
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0);
}

const struct kv *req_file(struct req *r, const char *name)
{
	for (int i = 0; i < r->n_params; i++)
		if (strcmp(r->params[i].name, name) == 0 && r->params[i].filename)
			return &r->params[i];
	return NULL;
}

/* ---- JSON body fields ---- */

static json_t *json_field(struct req *r, const char *name)
{
	if (!r->json || !json_is_object(r->json))
		return NULL;
	json_t *v = json_object_get(r->json, name);
	return v && !json_is_null(v) ? v : NULL;
}

bool json_has(struct req *r, const char *name)
{
	return r->json && json_is_object(r->json) && json_object_get(r->json, name);
}

static int missing(struct req *r, const char *name, struct kh_error *err)
{
	if (!r->json)
		return kh_fail(err, KH_EINVAL, NULL,
			       "Cần gửi dữ liệu JSON (Content-Type: application/json)");
	return kh_fail(err, KH_EINVAL, name, "Thiếu trường «%s»", name);
}

int json_field_text(struct req *r, const char *name, bool required, bool multiline,
		    const char **out, struct kh_error *err)
{
	json_t *v = json_field(r, name);
	if (!v)
		return required ? missing(r, name, err) : 0;
	if (!json_is_string(v))
		return kh_fail(err, KH_EINVAL, name, "Trường «%s» phải là chuỗi", name);
	char *norm = NULL;
	size_t n = 0;
	if (text_normalize(json_string_value(v), json_string_length(v), &norm, &n) != 0)
		return kh_fail(err, KH_EINVAL, name, "Trường «%s» không phải văn bản hợp lệ", name);
	const char *s = arena_memdup0(&r->arena, norm, n);
	free(norm);
	if (!multiline && text_has_controls(s))
		return kh_fail(err, KH_EINVAL, name,
			       "Trường «%s» không được chứa ký tự xuống dòng hay ký tự điều khiển",
			       name);
	if (!multiline) {
		char *t = text_trim_dup(s);
		s = arena_strdup(&r->arena, t);
		free(t);
	}
	if (utf8_char_count(s) > (multiline ? LONGTEXT_MAX_CHARS : TEXT_MAX_CHARS))
		return kh_fail(err, KH_EINVAL, name, "Trường «%s» quá dài", name);
	if (required && !*s)
		return kh_fail(err, KH_EINVAL, name, "Trường «%s» không được để trống", name);
	*out = s;
	return 0;
}

int json_field_int(struct req *r, const char *name, bool required, int64_t min, int64_t max,
		   int64_t *out, struct kh_error *err)
{
	json_t *v = json_field(r, name);
	if (!v)
		return required ? missing(r, name, err) : 0;
	if (!json_is_integer(v))
		return kh_fail(err, KH_EINVAL, name, "Trường «%s» phải là số nguyên", name);
	json_int_t n = json_integer_value(v);
	if (n < min || n > max)
		return kh_fail(err, KH_EINVAL, name, "Trường «%s» nằm ngoài khoảng cho phép", name);
	*out = n;
	return 0;
}

int json_field_date(struct req *r, const char *name, bool required, int32_t *out,
		    struct kh_error *err)
{
	json_t *v = json_field(r, name);
	if (!v)
		return required ? missing(r, name, err) : 0;
	int32_t d;
	if (!json_is_string(v) || date_parse_iso(json_string_value(v), &d) != 0)
		return kh_fail(err, KH_EINVAL, name, "Trường «%s» phải là ngày dạng YYYY-MM-DD",
			       name);
	*out = d;
	return 0;
}

int json_field_bool(struct req *r, const char *name, bool required, bool *out, struct kh_error *err)
{
	json_t *v = json_field(r, name);
	if (!v)
		return required ? missing(r, name, err) : 0;
	if (!json_is_boolean(v))
		return kh_fail(err, KH_EINVAL, name, "Trường «%s» phải là true hoặc false", name);
	*out = json_is_true(v);
	return 0;
}

/* ---- responses ---- */

int http_status_for(enum kh_err code)
{
	switch (code) {
	case KH_OK:
		return 200;
	case KH_EINVAL:
		return 400;
	case KH_EUNAUTH:
		return 401;
	case KH_EFORBIDDEN:
		return 403;
	case KH_ENOTFOUND:
		return 404;
	case KH_ECONFLICT:
		return 409;
	case KH_ETOOBIG:
		return 413;
	case KH_ERATE:
		return 429;
	case KH_EMETHOD:
		return 405;
	case KH_EIO:
	case KH_EINTERNAL:
		return 500;
	}
	return 500;
}

void resp_header(struct req *r, const char *name, const char *value)
{
	if (strpbrk(value, "\r\n") || r->n_headers >= (int)KH_ARRAY_LEN(r->headers))
		return;
	r->headers[r->n_headers].name = name;
	r->headers[r->n_headers].value = arena_strdup(&r->arena, value);
	r->n_headers++;
}

void resp_json(struct req *r, int status, json_t *v)
{
	buf_clear(&r->out);
	char *s = json_dumps(v, JSON_COMPACT);
	json_decref(v);
	if (s) {
		buf_puts(&r->out, s);
		free(s);
	}
	r->status = status;
	r->out_type = "application/json; charset=utf-8";
	r->answered = true;
}

void resp_body(struct req *r, int status, const char *type, const char *body, size_t len)
{
	buf_clear(&r->out);
	buf_add(&r->out, body, len);
	r->status = status;
	r->out_type = type;
	r->answered = true;
}

void resp_redirect(struct req *r, const char *location)
{
	buf_clear(&r->out);
	r->status = 303;
	r->out_type = "text/plain; charset=utf-8";
	resp_header(r, "Location", location);
	r->answered = true;
}

void resp_html(struct req *r, int status)
{
	r->status = status;
	r->out_type = "text/html; charset=utf-8";
	r->answered = true;
}

void resp_error(struct req *r, const struct kh_error *e)
{
	int status = http_status_for(e->code);
	const char *msg = e->message[0] ? e->message : "Đã có lỗi xảy ra";
	if (r->is_api) {
		json_t *inner =
			json_pack("{s:s, s:s}", "code", kh_err_name(e->code), "message", msg);
		if (e->field[0])
			json_object_set_new(inner, "field", json_string(e->field));
		resp_json(r, status, json_pack("{s:o}", "error", inner));
		return;
	}
	buf_clear(&r->out);
	const char *title;
	switch (status) {
	case 400:
		title = "Dữ liệu không hợp lệ";
		break;
	case 401:
		title = "Cần đăng nhập";
		break;
	case 403:
		title = "Không có quyền truy cập";
		break;
	case 404:
		title = "Không tìm thấy";
		break;
	case 405:
		title = "Phương thức không được hỗ trợ";
		break;
	case 409:
		title = "Xung đột dữ liệu";
		break;
	case 413:
		title = "Dữ liệu gửi lên quá lớn";
		break;
	case 429:
		title = "Quá nhiều yêu cầu";
		break;
	default:
		title = "Lỗi hệ thống";
		break;
	}
	page_begin(r, title);
	html(r, "<h1>%s</h1>", title);
	html_notice(r, "error", msg);
	html(r, "<p><a href=\"/\">Về trang chủ</a></p>");
	page_end(r);
	resp_html(r, status);
}

void resp_fail(struct req *r, enum kh_err code, const char *message)
{
	struct kh_error e;
	kh_fail(&e, code, NULL, "%s", message);
	resp_error(r, &e);
}
