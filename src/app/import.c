/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The common end of the CSV importers: see import.h. */
#include "core/common.h"
#include "app/import.h"

#include <jansson.h>

int app_import_finish(struct app_ctx *ctx, struct import_report *out, bool dry_run,
		      const char *audit_action, const char *entity, bool *tx, struct kh_error *err)
{
	bool any_error = false;
	for (int i = 0; i < out->n_rows; i++) {
		if (!out->rows[i].action) /* not reached: an earlier row stopped it */
			out->rows[i].action = "";
		any_error |= strcmp(out->rows[i].action, "error") == 0;
	}
	for (int i = 0; i < out->n_rows; i++) {
		struct import_row *o = &out->rows[i];
		if (strcmp(o->action, "error") == 0) {
			out->n_errors++;
		} else if (any_error) {
			o->action = "skip";
			o->message = "hợp lệ, nhưng chưa nhập vì tệp có dòng lỗi";
		} else if (strcmp(o->action, "create") == 0) {
			out->n_created++;
		} else if (strcmp(o->action, "update") == 0) {
			out->n_updated++;
		} else if (strcmp(o->action, "unchanged") == 0) {
			out->n_unchanged++;
		}
	}
	if (any_error)
		return kh_fail(
			err, KH_EINVAL, "file",
			"Tệp có %d dòng lỗi; chưa nhập dòng nào. Hãy sửa các dòng lỗi rồi nhập "
			"lại",
			out->n_errors);
	if (dry_run)
		return 0;
	json_t *summary =
		json_pack("{s:i, s:i, s:i, s:i}", "rows", out->n_rows, "created", out->n_created,
			  "updated", out->n_updated, "unchanged", out->n_unchanged);
	char *text = json_dumps(summary, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(summary);
	int rc = app_audit(ctx, audit_action, entity, 0, NULL, text, err);
	free(text);
	if (rc)
		return rc;
	rc = store_commit(ctx->store, err);
	*tx = false;
	if (rc == 0)
		out->applied = true;
	return rc;
}
