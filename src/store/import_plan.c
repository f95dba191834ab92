/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The plan importer's SQL: the whole tree as of a day, names and parents, in
 * one query (the matching itself is app/import_plan.c's).
 */
#include "core/common.h"
#include "store/internal.h"
#include "store/import_plan.h"

#include <string.h>

int store_import_orgs_at(struct store *s, struct arena *a, int32_t day, struct org **out, int *n,
			 struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT o.id, v.parent_id, v.name, v.short_name, o.kind, o.level, o.valid_from,"
		" o.valid_to FROM org_versions v JOIN orgs o ON o.id = v.org_id"
		" WHERE v.valid_from <= ?1 AND (v.valid_to IS NULL OR v.valid_to > ?1)"
		" ORDER BY o.id",
		err);
	if (!st)
		return err && err->code ? err->code : KH_EIO;
	sqlite3_bind_int(st, 1, day);
	struct org *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			int ncap = cap ? cap * 2 : 64;
			struct org *w = arena_alloc(a, xmul((size_t)ncap, sizeof(*w)));
			if (count)
				memcpy(w, v, xmul((size_t)count, sizeof(*w)));
			v = w;
			cap = ncap;
		}
		struct org *o = &v[count++];
		memset(o, 0, sizeof(*o));
		o->id = sqlite3_column_int64(st, 0);
		o->parent_id = store_col_id(st, 1);
		o->name = store_col_text(a, st, 2);
		o->short_name = store_col_text(a, st, 3);
		if (!org_kind_parse((const char *)sqlite3_column_text(st, 4), &o->kind))
			o->kind = ORG_COMMITTEE;
		o->level = sqlite3_column_int(st, 5);
		o->valid_from = sqlite3_column_int(st, 6);
		o->valid_to =
			sqlite3_column_type(st, 7) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 7);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}
