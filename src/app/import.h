/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* What the CSV importers (org, people) share once their rows are applied. */
#ifndef KH_APP_IMPORT_H
#define KH_APP_IMPORT_H

#include "app/org.h"

/*
 * Finishes an import inside its write transaction: counts the rows (those
 * already marked action "error" are errors; when any is, the valid rows are
 * marked "skip", since nothing is applied), then refuses the file (KH_EINVAL)
 * when a row is wrong, stops (0) for a dry run, or writes the audit entry
 * (audit_action on entity) and commits, setting out->applied. *tx becomes
 * false once committed; the caller rolls back when it is still true.
 */
int app_import_finish(struct app_ctx *ctx, struct import_report *out, bool dry_run,
		      const char *audit_action, const char *entity, bool *tx,
		      struct kh_error *err) KH_MUST_CHECK;

#endif
