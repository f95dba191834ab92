/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The CSV import reports as HTML and JSON: see import.h. */
#include "core/common.h"
#include "web/import.h"

static const char *action_label(const char *action)
{
	static const struct {
		const char *action, *label;
	} labels[] = {
		{"create", "Tạo mới"},
		{"update", "Cập nhật"},
		{"unchanged", "Không đổi"},
		{"skip", "Chưa nhập"},
	};
	for (size_t i = 0; action && i < KH_ARRAY_LEN(labels); i++)
		if (strcmp(action, labels[i].action) == 0)
			return labels[i].label;
	return "Lỗi";
}

void web_import_report_html(struct req *r, const struct import_report *rep, const char *code_label,
			    const char *name_label)
{
	html(r, "<h2>Kết quả%s</h2>", rep->applied ? "" : " (chưa nhập)");
	html(r, "<p>%d dòng: %d tạo mới, %d cập nhật, %d không đổi, %d lỗi.</p>", rep->n_rows,
	     rep->n_created, rep->n_updated, rep->n_unchanged, rep->n_errors);
	html(r,
	     "<table><thead><tr><th>Dòng</th><th>%s</th><th>%s</th><th>Kết quả</th>"
	     "<th>Ghi chú</th></tr></thead><tbody>",
	     code_label, name_label);
	for (int i = 0; i < rep->n_rows; i++) {
		const struct import_row *w = &rep->rows[i];
		bool error = w->action && strcmp(w->action, "error") == 0;
		html(r, "<tr%r><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
		     error ? " class=\"error\"" : "", w->line, w->code, w->name,
		     action_label(w->action), w->message);
	}
	html(r, "</tbody></table>");
}

void web_import_outcome_html(struct req *r, int rc, const struct kh_error *err,
			     const struct import_report *rep, const char *code_label,
			     const char *name_label)
{
	if (rc)
		html_error_box(r, err);
	else if (rep->applied)
		html_notice(r, "ok", "Đã nhập xong.");
	else
		html_notice(r, "info", "Tệp hợp lệ. Bỏ chọn «Chỉ kiểm tra» rồi gửi lại để nhập.");
	if (rep->n_rows)
		web_import_report_html(r, rep, code_label, name_label);
}

static json_t *report_json(const struct import_report *rep)
{
	json_t *rows = json_array();
	for (int i = 0; i < rep->n_rows; i++) {
		const struct import_row *w = &rep->rows[i];
		json_array_append_new(rows, json_pack("{s:i, s:s, s:s, s:s, s:s}", "line", w->line,
						      "code", w->code ? w->code : "", "name",
						      w->name ? w->name : "", "action", w->action,
						      "message", w->message ? w->message : ""));
	}
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:b, s:o}", "rows", rep->n_rows, "created",
			 rep->n_created, "updated", rep->n_updated, "unchanged", rep->n_unchanged,
			 "errors", rep->n_errors, "applied", rep->applied, "results", rows);
}

void web_import_answer(struct req *r, int rc, const struct kh_error *err,
		       const struct import_report *rep)
{
	if (rc == KH_EINVAL && rep->n_rows) {
		json_t *inner = json_pack("{s:s, s:s}", "code", kh_err_name(err->code), "message",
					  err->message);
		resp_json(r, 400,
			  json_pack("{s:o, s:o}", "error", inner, "report", report_json(rep)));
		return;
	}
	if (rc) {
		resp_error(r, err);
		return;
	}
	resp_json(r, 200, report_json(rep));
}
