/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Downloads of the official documents (app/export.h): the plan as DOCX or
 * PDF, its item list as XLSX, from its page (/plans/{id}/export.docx,
 * .pdf, .xlsx) and from the API (/api/v1/plans/{id}/export?format=docx|pdf|
 * xlsx); and the way back for the XLSX (app/plan_sheet.h): the page "Sửa
 * hàng loạt bằng Excel" (/plans/{id}/sheet: the download, the upload form,
 * the report row by row after an upload) and POST /api/v1/plans/{id}/sheet
 * with the workbook as the raw body (ROUTE_RAW_BODY). The file comes
 * as an attachment named after the plan: an ASCII name for old clients and
 * the Vietnamese one as filename*=UTF-8''… (RFC 6266, RFC 5987). Refusals
 * are the plan page's own: 404 for an unknown plan, 403 for one the actor
 * may not read, 400 for an unknown format.
 */
#include "core/common.h"
#include "app/export.h"
#include "app/plan.h"
#include "app/plan_sheet.h"
#include "core/buf.h"
#include "text/fold.h"
#include "web/http.h"
#include "web/routes.h"

#include <string.h>
#include <strings.h>

#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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

static void export_xlsx(struct req *r)
{
	send_export(r, "xlsx");
}

static void api_export(struct req *r)
{
	send_export(r, req_param(r, "format"));
}

/* ---- the bulk edit ---- */

static const char *sheet_action_label(const char *action)
{
	static const char *const LABELS[][2] = {
		{"update", "Sửa"}, {"create", "Thêm mới"}, {"unchanged", "Không đổi"},
		{"error", "Lỗi"},  {"kept", "Giữ nguyên"},
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(LABELS); i++)
		if (strcmp(action, LABELS[i][0]) == 0)
			return LABELS[i][1];
	return action;
}

static void sheet_report_html(struct req *r, const struct sheet_report *rep)
{
	html(r,
	     "<h2>Kết quả%s</h2><p>%d dòng sửa, %d dòng thêm mới, %d dòng không đổi, %d dòng lỗi;"
	     " %d nội dung không có trong tệp được giữ nguyên.</p>",
	     rep->applied ? "" : " (chưa ghi)", rep->n_updated, rep->n_created, rep->n_unchanged,
	     rep->n_errors, rep->n_kept);
	html(r, "<table class=\"sheet-report\"><thead><tr><th>Dòng</th><th>Mã</th>"
		"<th>Kết quả</th><th>Nội dung</th><th>Ghi chú</th></tr></thead><tbody>");
	for (int i = 0; i < rep->n_rows; i++) {
		const struct sheet_row *w = &rep->rows[i];
		html(r, "<tr%r><td>", strcmp(w->action, "error") == 0 ? " class=\"error\"" : "");
		if (w->row)
			html(r, "%d", w->row);
		html(r, "</td><td>");
		if (w->item_id)
			html(r, "%D", w->item_id);
		html(r, "</td><td>%s</td><td>%s</td><td>%s</td></tr>",
		     sheet_action_label(w->action), w->text, w->message);
	}
	html(r, "</tbody></table>");
}

/* The page: what to do, the download, the report of an upload (rep not
 * NULL), the upload form when the plan may be edited now. */
static void sheet_page_render(struct req *r, int status, int rc, const struct kh_error *uerr,
			      const struct sheet_report *rep)
{
	struct kh_error err;
	struct plan_view v;
	if (app_plan_get(&r->ctx, r->ids[0], &v, &err)) {
		resp_error(r, &err);
		return;
	}
	const struct plan *p = &v.plan;
	page_begin(r, "Sửa hàng loạt bằng Excel");
	html(r,
	     "<nav class=\"breadcrumb\"><a href=\"/plans\">Kế hoạch</a> › <a href=\"/plans/%D\">"
	     "%s</a> › <span aria-current=\"page\">Sửa hàng loạt bằng Excel</span></nav>"
	     "<h1>Sửa hàng loạt bằng Excel</h1>"
	     "<ol><li>Tải tệp Excel danh sách nội dung của kế hoạch: <a class=\"button\""
	     " href=\"/plans/%D/export.xlsx\">Tải tệp Excel (XLSX)</a></li>"
	     "<li>Sửa các ô trong Excel hoặc LibreOffice: nội dung, biện pháp, chủ trì, phối hợp,"
	     " thời gian hoàn thành, nguồn lực… Thêm nội dung mới: thêm dòng và để trống cột"
	     " <em>Mã</em>. Cột <em>Loại</em> và <em>Nhóm</em> chọn trong danh sách; cột"
	     " <em>TT</em> và <em>Hiểu là</em> chỉ để xem. Xóa một dòng khỏi tệp không xóa nội"
	     " dung khỏi kế hoạch. Đừng thêm, xóa hay đổi chỗ các cột.</li>"
	     "<li>Tải tệp lên dưới đây. Mọi dòng được kiểm tra trước; nếu có dòng lỗi thì chưa"
	     " dòng nào được ghi, và từng lỗi được chỉ rõ dòng, cột.</li></ol>",
	     p->id, p->title, p->id);
	if (rep || rc) {
		if (rc)
			html_error_box(r, uerr);
		else if (rep->applied)
			html_notice(r, "ok", "Đã ghi các thay đổi vào kế hoạch.");
		else
			html_notice(r, "info",
				    "Tệp hợp lệ. Bỏ chọn «Chỉ kiểm tra» rồi gửi lại để ghi.");
		if (rep && rep->n_rows)
			sheet_report_html(r, rep);
	}
	if (v.rights.edit) {
		html(r,
		     "<form class=\"stack\" method=\"post\" action=\"/plans/%D/sheet\""
		     " enctype=\"multipart/form-data\">",
		     p->id);
		html_csrf_field(r);
		html(r,
		     "<label>Tệp Excel (.xlsx) <input type=\"file\" name=\"file\" accept=\".xlsx,"
		     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\""
		     " required></label>"
		     "<label><input type=\"checkbox\" name=\"dry_run\" value=\"1\"> Chỉ kiểm tra,"
		     " chưa ghi</label><p><button type=\"submit\" class=\"primary\">Tải lên</button>"
		     "</p></form>");
	} else {
		html_notice(r, "info",
			    v.rights.own
				    ? "Kế hoạch đã ban hành: muốn sửa, hãy mở điều chỉnh, bổ"
				      " sung trên trang kế hoạch rồi tải tệp lên."
				    : "Bạn chỉ xem được kế hoạch này: chỉ bên xây dựng kế hoạch"
				      " mới tải tệp lên để sửa.");
	}
	page_end(r);
	resp_html(r, status);
}

/* 0 when the plan of the path exists and the actor may read it: a file
 * missing or of the wrong kind is judged only then, so that nothing is said
 * about a plan out of scope. */
static int plan_readable(struct req *r, struct kh_error *err)
{
	struct plan_rights pr;
	int rc = app_plan_rights(&r->ctx, r->ids[0], NULL, &pr, err);
	if (!rc && !pr.read)
		rc = kh_fail(err, KH_EFORBIDDEN, NULL, "Bạn không có quyền xem kế hoạch này");
	return rc;
}

static void sheet_page(struct req *r)
{
	sheet_page_render(r, 200, 0, NULL, NULL);
}

static void sheet_submit(struct req *r)
{
	struct kh_error err;
	struct sheet_report rep;
	const struct kv *file = req_file(r, "file");
	int rc;
	kh_error_clear(&err);
	memset(&rep, 0, sizeof(rep));
	if (!file && (rc = plan_readable(r, &err)) == 0)
		rc = kh_fail(&err, KH_EINVAL, "file", "Hãy chọn tệp Excel (.xlsx) để tải lên");
	else if (file)
		rc = app_plan_sheet_apply(&r->ctx, r->ids[0], file->value, file->len,
					  req_param_bool(r, "dry_run"), &rep, &err);
	if (rc && rc != KH_EINVAL && rc != KH_ETOOBIG) {
		resp_error(r, &err);
		return;
	}
	sheet_page_render(r, rc ? http_status_for(rc) : 200, rc, &err, &rep);
}

/* The workbook is the body; anything but a spreadsheet (or bytes) is
 * refused before it is read. */
static void api_sheet(struct req *r)
{
	struct kh_error err;
	struct sheet_report rep;
	const char *ct = r->content_type;
	int rc;
	kh_error_clear(&err);
	memset(&rep, 0, sizeof(rep));
	if ((rc = plan_readable(r, &err)))
		;
	else if (strncasecmp(ct, XLSX_MIME, strlen(XLSX_MIME)) != 0 &&
		 strncasecmp(ct, "application/octet-stream", 24) != 0)
		rc = kh_fail(&err, KH_EINVAL, "file",
			     "Hãy gửi tệp XLSX làm nội dung yêu cầu, với Content-Type: %s",
			     XLSX_MIME);
	else if (!r->body_len)
		rc = kh_fail(&err, KH_EINVAL, "file", "Yêu cầu không có tệp XLSX");
	else
		rc = app_plan_sheet_apply(&r->ctx, r->ids[0], r->body, r->body_len,
					  req_param_bool(r, "dry_run"), &rep, &err);
	if (rc == KH_EINVAL && rep.n_rows) {
		json_t *inner = json_pack("{s:s, s:s}", "code", kh_err_name(err.code), "message",
					  err.message);
		resp_json(r, 400,
			  json_pack("{s:o, s:o}", "error", inner, "report",
				    app_sheet_report_json(&rep)));
		return;
	}
	if (rc) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_sheet_report_json(&rep));
}

static const struct route routes[] = {
	{HTTP_GET, "/plans/{id}/export.docx", export_docx, 0, {{0}}, NULL},
	{HTTP_GET, "/plans/{id}/export.pdf", export_pdf, 0, {{0}}, NULL},
	{HTTP_GET, "/plans/{id}/export.xlsx", export_xlsx, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}/export", api_export, 0, {{"format", P_TEXT}}, NULL},
	{HTTP_GET, "/plans/{id}/sheet", sheet_page, 0, {{0}}, NULL},
	{HTTP_POST,
	 "/plans/{id}/sheet",
	 sheet_submit,
	 ROUTE_LARGE_BODY,
	 {{"file", P_BINARY}, {"dry_run", P_BOOL}},
	 NULL},
	{HTTP_POST,
	 "/api/v1/plans/{id}/sheet",
	 api_sheet,
	 ROUTE_LARGE_BODY | ROUTE_RAW_BODY,
	 {{"dry_run", P_BOOL}},
	 NULL},
};

struct route_list web_routes_export(void)
{
	return ROUTES(routes);
}
