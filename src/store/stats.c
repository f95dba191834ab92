/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Whole-database counts: see stats.h. */
#include "core/common.h"
#include "store/internal.h"
#include "store/stats.h"

int store_stats_get(struct store *s, struct store_stats *out, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT (SELECT count(*) FROM orgs), (SELECT count(*) FROM people),"
			   " (SELECT count(*) FROM documents), (SELECT count(*) FROM users)",
			   err);
	if (!st)
		return err ? err->code : KH_EIO;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_sqlerr(s, rc, err);
	}
	out->orgs = sqlite3_column_int64(st, 0);
	out->people = sqlite3_column_int64(st, 1);
	out->documents = sqlite3_column_int64(st, 2);
	out->users = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	return 0;
}
