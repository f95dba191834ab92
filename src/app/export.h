/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Exports of the plans as the documents people sign and file (DESIGN.md §2
 * "Documents"): a plan becomes an official document (export/doc.h) —
 * header block of the issuing body, number and symbol, place and date,
 * "KẾ HOẠCH" (or "CHƯƠNG TRÌNH") over its subject, the bases, the three
 * parts (I. MỤC ĐÍCH, YÊU CẦU; II. NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP with the
 * items numbered in tables grouped as on the plan page — by category for an
 * individual plan, by section for a collective one — and the proposals in
 * their own table; III. TỔ CHỨC THỰC HIỆN), the recipients and the
 * signature — then a DOCX or PDF file.
 *
 * Whoever may read the plan may export it (app_plan_get's read right); an
 * export is a read, so it is not audited. The document shows the working
 * copy, dated the day of approval, or today for a plan not yet approved.
 */
#ifndef KH_APP_EXPORT_H
#define KH_APP_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"

/* The MIME type of an export format ("docx", "pdf", "xlsx"), or NULL when
 * the format is not one the exports know. */
const char *app_export_content_type(const char *format);

/* Writes plan plan_id as format ("docx" or "pdf"; "xlsx": the item list as
 * the workbook that app/plan_sheet.h reads back): *bytes (caller frees)
 * holds *len bytes; *filename (ctx->arena) is a file name for it, in
 * Vietnamese, without path separators ("Kế hoạch hành động năm 2026 ….pdf").
 * KH_ENOTFOUND for an unknown plan, KH_EFORBIDDEN when the actor may not
 * read it (whatever the format), then KH_EINVAL for another format. */
int app_plan_export(struct app_ctx *ctx, int64_t plan_id, const char *format, char **bytes,
		    size_t *len, const char **filename, struct kh_error *err) KH_MUST_CHECK;

/* ---- shared by the documents of other use cases (app/report.c) ---- */

struct doc;
/* Fills the header block of d for a document issued by org_id on day: the
 * issuing body and the one above it (Hướng dẫn 36), the place and date
 * line. Call inside a read transaction. */
int app_export_header(struct app_ctx *ctx, struct doc *d, int64_t org_id, int32_t day,
		      struct kh_error *err) KH_MUST_CHECK;
/* The signature block of a document of org_id ("T/M BAN THƯỜNG VỤ" / "BÍ
 * THƯ" for a committee, with its head's name). */
int app_export_signature(struct app_ctx *ctx, struct doc *d, int64_t org_id, int32_t day,
			 struct kh_error *err) KH_MUST_CHECK;
/* A file name from a title: characters file systems refuse dropped, cut
 * between words; ext without the dot. In ctx->arena. */
const char *app_export_file_name(struct app_ctx *ctx, const char *title, const char *ext);

#endif
