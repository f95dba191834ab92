/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The CSV import reports, shared by the org and people import pages and API. */
#ifndef KH_WEB_IMPORT_H
#define KH_WEB_IMPORT_H

#include "app/org.h"
#include "web/http.h"

/* The report as a results table; code_label and name_label head the columns
 * of the row's key and name ("Mã", "Tên"; "Mã đảng viên", "Họ và tên"). */
void web_import_report_html(struct req *r, const struct import_report *rep, const char *code_label,
			    const char *name_label);
/* The page's answer after an upload (for an error about the file: rc is
 * KH_EINVAL or KH_ETOOBIG, or 0): the error or the outcome, then the table. */
void web_import_outcome_html(struct req *r, int rc, const struct kh_error *err,
			     const struct import_report *rep, const char *code_label,
			     const char *name_label);
/* Answers an API import: 200 with the report, 400 with the error and the
 * report when rows are wrong, or the plain error. */
void web_import_answer(struct req *r, int rc, const struct kh_error *err,
		       const struct import_report *rep);

#endif
