/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Downloads of the official documents (app/export.h): the plan as DOCX or
 * PDF from its page (/plans/{id}/export.docx, /plans/{id}/export.pdf) and
 * from the API (/api/v1/plans/{id}/export?format=docx|pdf). The file comes
 * as an attachment named after the plan: an ASCII name for old clients and
 * the Vietnamese one as filename*=UTF-8''… (RFC 6266, RFC 5987). Refusals
 * are the plan page's own: 404 for an unknown plan, 403 for one the actor
 * may not read, 400 for an unknown format.
 */
#include "core/common.h"
#include "app/export.h"
#include "core/buf.h"
#include "text/fold.h"
#include "web/http.h"
#include "web/routes.h"

#include <string.h>

/* The ASCII stand-in of a file name: folded (no diacritics, đ → d), words
 * joined by hyphens, the extension kept. */
static const char *ascii_name(struct req *r, const char *name)
{
	const char *dot = strrchr(name, '.');
	char *stem = xstrndup(name, dot ? (size_t)(dot - name) : strlen(name));
	char *folded = text_fold(stem);
	free(stem);
	for (char *p = folded; *p; p++)
		if (*p == ' ')
			*p = '-';
	const char *out =
		arena_printf(&r->arena, "%s%s", *folded ? folded : "ke-hoach", dot ? dot : "");
	free(folded);
	return out;
}

/* name percent-encoded for filename*= (RFC 5987 attr-char kept as is). */
static const char *ext_value(struct req *r, const char *name)
{
	struct buf b;
	buf_init(&b, 4096);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p))
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	const char *out = arena_strdup(&r->arena, b.data);
	buf_release(&b);
	return out;
}

static void send_export(struct req *r, const char *format)
{
	struct kh_error err;
	char *bytes;
	size_t len;
	const char *name;
	if (app_plan_export(&r->ctx, r->ids[0], format, &bytes, &len, &name, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_header(r, "Content-Disposition",
		    arena_printf(&r->arena, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
				 ascii_name(r, name), ext_value(r, name)));
	resp_header(r, "Cache-Control", "private, no-store");
	resp_body(r, 200, app_export_content_type(format), bytes, len);
	free(bytes);
}

static void export_docx(struct req *r)
{
	send_export(r, "docx");
}

static void export_pdf(struct req *r)
{
	send_export(r, "pdf");
}

static void api_export(struct req *r)
{
	send_export(r, req_param(r, "format"));
}

static const struct route routes[] = {
	{HTTP_GET, "/plans/{id}/export.docx", export_docx, 0, {{0}}, NULL},
	{HTTP_GET, "/plans/{id}/export.pdf", export_pdf, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}/export", api_export, 0, {{"format", P_TEXT}}, NULL},
};

struct route_list web_routes_export(void)
{
	return ROUTES(routes);
}
