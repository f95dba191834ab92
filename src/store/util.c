/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Small helpers every store file used to carry its own copy of
 * (store/internal.h): the error of a failed prepare, a step that returns no
 * row, an arena vector that grows, a day column.
 */
#include "core/common.h"
#include "store/internal.h"

#include <string.h>

int store_fail_stmt(struct kh_error *err)
{
	return err && err->code ? err->code : KH_EIO;
}

int store_step_done(struct store *s, sqlite3_stmt *st, struct kh_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

void *store_vec_grow(struct arena *a, void *v, int *cap, int count, size_t elem)
{
	if (v && count < *cap)
		return v;
	int ncap = *cap ? *cap * 2 : 16;
	void *w = arena_alloc(a, xmul((size_t)ncap, elem));
	if (v && count)
		memcpy(w, v, xmul((size_t)count, elem));
	*cap = ncap;
	return w;
}

int32_t store_col_day(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int(st, i);
}
