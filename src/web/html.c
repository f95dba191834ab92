/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * HTML output. html() escapes every %s argument for its context, so a page
 * cannot emit user text unescaped by accident; raw output (%r) is visible at
 * the call site. The page layout is here too: one frame for every page.
 */
#include "core/common.h"
#include "app/notify.h"
#include "core/date.h"
#include "web/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void escape(struct buf *b, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
}

void html(struct req *r, const char *fmt, ...)
{
	struct buf *b = &r->out;
	va_list ap;
	va_start(ap, fmt);
	const char *run = fmt;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		buf_add(b, run, (size_t)(p - run));
		p++;
		switch (*p) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (s)
				escape(b, s);
			break;
		}
		case 'r': {
			const char *s = va_arg(ap, const char *);
			if (s)
				buf_puts(b, s);
			break;
		}
		case 'u': {
			const char *s = va_arg(ap, const char *);
			struct buf tmp;
			buf_init(&tmp, 1 << 20);
			if (s)
				url_encode(&tmp, s);
			escape(b, tmp.data);
			buf_release(&tmp);
			break;
		}
		case 'd':
			buf_printf(b, "%d", va_arg(ap, int));
			break;
		case 'D':
			buf_printf(b, "%lld", (long long)va_arg(ap, int64_t));
			break;
		case 't':
		case 'T': {
			int32_t day = va_arg(ap, int32_t);
			if (day) {
				int y, m, d;
				date_to_ymd(day, &y, &m, &d);
				if (*p == 't')
					buf_printf(b, "%02d/%02d/%04d", d, m, y);
				else
					buf_printf(b, "%04d-%02d-%02d", y, m, d);
			}
			break;
		}
		case '%':
			buf_putc(b, '%');
			break;
		default:
			/* A bug in a format string: show it rather than crash. */
			buf_puts(b, "%?");
			if (!*p)
				p--;
			break;
		}
		run = p + 1;
	}
	buf_puts(b, run);
	va_end(ap);
}

void html_csrf_field(struct req *r)
{
	if (r->session_csrf)
		html(r, "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">",
		     r->session_csrf);
}

void html_notice(struct req *r, const char *kind, const char *message)
{
	html(r, "<div class=\"notice notice-%s\" role=\"%r\">%s</div>", kind,
	     strcmp(kind, "error") == 0 ? "alert" : "status", message);
}

const char *notice_lookup(const struct notice *table, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (strcmp(key, table[i].key) == 0)
			return table[i].text;
	return NULL;
}

void html_error_box(struct req *r, const struct kh_error *e)
{
	html_notice(r, "error", e->message[0] ? e->message : "Dữ liệu không hợp lệ");
}

static void nav_link(struct req *r, const char *href, const char *label)
{
	bool active = strcmp(r->path, href) == 0 ||
		      (strlen(href) > 1 && strncmp(r->path, href, strlen(href)) == 0);
	html(r, "<a href=\"%s\"%r>%s</a>", href, active ? " aria-current=\"page\"" : "", label);
}

/* "Hộp thư" with the count of unread notifications. A failure to count
 * only drops the badge: the page itself must still render. */
static void inbox_link(struct req *r)
{
	struct kh_error err;
	int64_t unread = 0;
	bool active = strncmp(r->path, "/inbox", 6) == 0;
	kh_error_clear(&err);
	if (app_notify_unread(&r->ctx, &unread, &err) != 0)
		unread = 0;
	html(r, "<a href=\"/inbox\"%r>Hộp thư", active ? " aria-current=\"page\"" : "");
	if (unread > 0)
		html(r, " <span class=\"badge\" aria-label=\"%D chưa đọc\">%D</span>", unread,
		     unread);
	html(r, "</a>");
}

void page_begin(struct req *r, const char *title)
{
	buf_clear(&r->out);
	html(r,
	     "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	     "<title>%s — Kế hoạch hành động</title>"
	     "<link rel=\"icon\" href=\"data:,\">"
	     "<link rel=\"stylesheet\" href=\"/static/app.css\">"
	     "<script src=\"/static/app.js\" defer></script></head><body>"
	     "<header class=\"topbar\"><a class=\"brand\" href=\"/\">Kế hoạch hành động</a>",
	     title);
	if (r->authenticated) {
		html(r, "<nav aria-label=\"Chính\">");
		nav_link(r, "/orgs", "Tổ chức");
		nav_link(r, "/people", "Cán bộ, đảng viên");
		nav_link(r, "/documents", "Văn bản");
		nav_link(r, "/plans", "Kế hoạch");
		nav_link(r, "/report-campaigns", "Báo cáo");
		nav_link(r, "/dashboard", "Theo dõi");
		nav_link(r, "/compliance", "Rà soát");
		inbox_link(r);
		if (r->actor.is_admin)
			nav_link(r, "/admin/users", "Quản trị");
		html(r,
		     "</nav><form class=\"search\" method=\"get\" action=\"/search\" role=\"search\">"
		     "<input type=\"search\" name=\"q\" placeholder=\"Tìm tổ chức, người, văn bản, kế hoạch…\" "
		     "aria-label=\"Tìm kiếm\" value=\"%s\"><button type=\"submit\">Tìm</button></form>"
		     "<div class=\"user\"><a href=\"/account\" title=\"Tài khoản\">%s</a>",
		     strcmp(r->path, "/search") == 0 ? req_param(r, "q") : NULL, r->actor.username);
		if (r->via_cookie) {
			html(r, "<form method=\"post\" action=\"/logout\">");
			html_csrf_field(r);
			html(r, "<button type=\"submit\" class=\"link\">Đăng xuất</button></form>");
		}
		html(r, "</div>");
	}
	html(r, "</header><main>");
}

void page_end(struct req *r)
{
	html(r, "</main><footer>kehoach — hệ thống xây dựng, theo dõi kế hoạch hành động"
		"</footer></body></html>\n");
}
