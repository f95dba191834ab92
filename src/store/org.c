/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The org tree's SQL: as-of reads over org_versions (valid_from <= D <
 * coalesce(valid_to, +inf)), the ancestor chain by a bounded recursive query,
 * version and event writes, the importer's external codes, the tree filter
 * over the search index, and the one positions query the access scope needs
 * (kept here, next to the tree it walks, so people/positions CRUD stays in
 * store/person.c).
 */
#include "core/common.h"
#include "store/internal.h"
#include "core/buf.h"
#include "store/org.h"

#include <string.h>

/* Columns shared by the org reads: id, parent, name, short, kind, level,
 * from, to, child count. */
#define ORG_COLS                                                                  \
	"o.id, v.parent_id, v.name, v.short_name, o.kind, o.level, o.valid_from," \
	" o.valid_to"

#define CHILD_COUNT(day)                                                \
	"(SELECT count(*) FROM org_versions c WHERE c.parent_id = o.id" \
	" AND c.valid_from <= " day " AND (c.valid_to IS NULL OR c.valid_to > " day "))"

#define IN_FORCE(alias, day)                                                     \
	alias ".valid_from <= " day " AND (" alias ".valid_to IS NULL OR " alias \
	      ".valid_to > " day ")"

/* Grows an arena vector of elem-sized items when full. */
static void read_org(struct arena *a, sqlite3_stmt *st, struct org *o)
{
	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(st, 0);
	o->parent_id = store_col_id(st, 1);
	o->name = store_col_text(a, st, 2);
	o->short_name = store_col_text(a, st, 3);
	const char *kind = (const char *)sqlite3_column_text(st, 4);
	if (!org_kind_parse(kind, &o->kind))
		o->kind = ORG_COMMITTEE;
	o->level = sqlite3_column_int(st, 5);
	o->valid_from = sqlite3_column_int(st, 6);
	o->valid_to = sqlite3_column_type(st, 7) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 7);
	if (sqlite3_column_count(st) > 8)
		o->child_count = sqlite3_column_int64(st, 8);
}

static void read_version(struct arena *a, sqlite3_stmt *st, struct org_version *v)
{
	memset(v, 0, sizeof(*v));
	v->id = sqlite3_column_int64(st, 0);
	v->org_id = sqlite3_column_int64(st, 1);
	v->valid_from = sqlite3_column_int(st, 2);
	v->valid_to = sqlite3_column_type(st, 3) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 3);
	v->parent_id = store_col_id(st, 4);
	v->name = store_col_text(a, st, 5);
	v->short_name = store_col_text(a, st, 6);
	v->parent_name = store_col_text(a, st, 7);
}

/* Steps a statement expected to change rows. */
static int count_children(struct store *s, int64_t id, int32_t day, int64_t *out,
			  struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT count(*) FROM org_versions c WHERE c.parent_id = ?1"
				      " AND " IN_FORCE("c", "?2"),
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}

int store_org_get(struct store *s, struct arena *a, int64_t id, int32_t day, struct org *out,
		  struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT " ORG_COLS
		", " CHILD_COUNT("?2") " FROM orgs o JOIN org_versions v ON v.org_id = o.id"
				       " WHERE o.id = ?1 AND " IN_FORCE(
					       "v", "?2") " ORDER BY v.valid_from DESC LIMIT 1",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_org(a, st, out);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy tổ chức");
}

int store_org_get_nearest(struct store *s, struct arena *a, int64_t id, int32_t day,
			  struct org *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT " ORG_COLS ", v.valid_to"
		" FROM orgs o JOIN org_versions v ON v.org_id = o.id"
		" WHERE o.id = ?1"
		" ORDER BY CASE WHEN " IN_FORCE(
			"v",
			"?2") " THEN 0"
			      "  WHEN v.valid_from <= ?2 THEN 1 ELSE 2 END,"
			      " CASE WHEN v.valid_from <= ?2 THEN -v.valid_from ELSE v.valid_from END"
			      " LIMIT 1",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_sqlerr(s, rc, err);
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy tổ chức");
	}
	struct org o;
	memset(&o, 0, sizeof(o));
	o.id = sqlite3_column_int64(st, 0);
	o.parent_id = store_col_id(st, 1);
	o.name = store_col_text(a, st, 2);
	o.short_name = store_col_text(a, st, 3);
	if (!org_kind_parse((const char *)sqlite3_column_text(st, 4), &o.kind))
		o.kind = ORG_COMMITTEE;
	o.level = sqlite3_column_int(st, 5);
	o.valid_from = sqlite3_column_int(st, 6);
	o.valid_to = sqlite3_column_type(st, 7) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 7);
	int32_t vto = sqlite3_column_type(st, 8) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 8);
	sqlite3_reset(st);
	/* Children as of a day inside the chosen version. */
	int32_t cday = day;
	if (vto && cday >= vto)
		cday = vto - 1;
	if (cday < o.valid_from)
		cday = o.valid_from;
	int r = count_children(s, id, cday, &o.child_count, err);
	if (r)
		return r;
	*out = o;
	return 0;
}

int store_org_children(struct store *s, struct arena *a, int64_t parent_id, int32_t day,
		       struct org **out, int *n, struct kh_error *err)
{
	sqlite3_stmt *st;
	if (parent_id)
		st = store_stmt(s,
				"SELECT " ORG_COLS ", " CHILD_COUNT(
					"?2") " FROM org_versions v JOIN orgs o ON o.id = v.org_id"
					      " WHERE v.parent_id = ?1 AND " IN_FORCE("v", "?2"),
				err);
	else
		st = store_stmt(
			s,
			"SELECT " ORG_COLS ", " CHILD_COUNT(
				"?2") " FROM org_versions v JOIN orgs o ON o.id = v.org_id"
				      " WHERE v.parent_id IS NULL AND ?1 IS NULL AND " IN_FORCE(
					      "v", "?2"),
			err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_id(st, 1, parent_id);
	sqlite3_bind_int(st, 2, day);
	struct org *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		read_org(a, st, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_org_span(struct store *s, int64_t id, int32_t *from, int32_t *to, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s, "SELECT valid_from, valid_to FROM orgs WHERE id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*from = sqlite3_column_int(st, 0);
		*to = sqlite3_column_type(st, 1) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy tổ chức");
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}

int store_org_ancestor_pairs(struct store *s, struct arena *a, const int64_t *ids, int n,
			     int32_t day, int64_t **origins, int64_t **ancestors, int *npairs,
			     struct kh_error *err)
{
	struct buf list;
	int rc, count = 0, cap = 0;
	int64_t *o = NULL, *an = NULL;
	buf_init(&list, 1 << 20);
	buf_putc(&list, '[');
	for (int i = 0; i < n; i++)
		buf_printf(&list, "%s%lld", i ? "," : "", (long long)ids[i]);
	buf_putc(&list, ']');
	sqlite3_stmt *st = store_stmt(
		s,
		"WITH RECURSIVE start(id, d) AS ("
		"  SELECT o.id, CASE WHEN o.valid_to IS NOT NULL AND ?2 >= o.valid_to"
		"  THEN o.valid_to - 1 WHEN ?2 < o.valid_from THEN o.valid_from ELSE ?2 END"
		"  FROM orgs o WHERE o.id IN (SELECT value FROM json_each(?1))),"
		" anc(origin, id, d, depth) AS ("
		"  SELECT id, id, d, 0 FROM start"
		"  UNION ALL"
		"  SELECT anc.origin, v.parent_id, anc.d, anc.depth + 1 FROM anc"
		"  JOIN org_versions v ON v.org_id = anc.id AND " IN_FORCE(
			"v", "anc.d") "  WHERE v.parent_id IS NOT NULL AND anc.depth < 63)"
				      " SELECT origin, id FROM anc",
		err);
	if (!st) {
		buf_release(&list);
		return store_fail_stmt(err);
	}
	sqlite3_bind_text(st, 1, list.data, (int)list.len, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, day);
	buf_release(&list);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			int ncap = cap ? cap * 2 : 64;
			int64_t *no = arena_alloc(a, sizeof(*no) * (size_t)ncap);
			int64_t *na = arena_alloc(a, sizeof(*na) * (size_t)ncap);
			if (count) {
				memcpy(no, o, sizeof(*o) * (size_t)count);
				memcpy(na, an, sizeof(*an) * (size_t)count);
			}
			o = no;
			an = na;
			cap = ncap;
		}
		o[count] = sqlite3_column_int64(st, 0);
		an[count] = sqlite3_column_int64(st, 1);
		count++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*origins = o;
	*ancestors = an;
	*npairs = count;
	return 0;
}

int store_org_ancestors(struct store *s, struct arena *a, int64_t id, int32_t day, int64_t **out,
			int *n, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "WITH RECURSIVE anc(id, depth) AS ("
			   "  SELECT ?1, 0"
			   "  UNION ALL"
			   "  SELECT v.parent_id, anc.depth + 1 FROM anc"
			   "  JOIN org_versions v ON v.org_id = anc.id AND " IN_FORCE(
				   "v", "?2") "  WHERE v.parent_id IS NOT NULL AND anc.depth < 63)"
					      " SELECT id FROM anc ORDER BY depth",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, day);
	int64_t *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		v[count++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

#define VERSION_COLS                                                                   \
	"v.id, v.org_id, v.valid_from, v.valid_to, v.parent_id, v.name, v.short_name," \
	" coalesce((SELECT p.name FROM org_versions p WHERE p.org_id = v.parent_id"    \
	"  AND p.valid_from <= v.valid_from ORDER BY p.valid_from DESC LIMIT 1), '')"

int store_org_versions(struct store *s, struct arena *a, int64_t id, struct org_version **out,
		       int *n, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT " VERSION_COLS " FROM org_versions v WHERE v.org_id = ?1"
			   " ORDER BY v.valid_from, v.id",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	struct org_version *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		read_version(a, st, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

static int one_version(struct store *s, sqlite3_stmt *st, struct arena *a, struct org_version *out,
		       struct kh_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_version(a, st, out);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy tổ chức");
}

int store_org_version_at(struct store *s, struct arena *a, int64_t id, int32_t day,
			 struct org_version *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT " VERSION_COLS
				      " FROM org_versions v WHERE v.org_id = ?1 AND " IN_FORCE(
					      "v", "?2") " ORDER BY v.valid_from DESC LIMIT 1",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, day);
	return one_version(s, st, a, out, err);
}

int store_org_version_last(struct store *s, struct arena *a, int64_t id, struct org_version *out,
			   struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT " VERSION_COLS " FROM org_versions v WHERE v.org_id = ?1"
			   " ORDER BY v.valid_from DESC, v.id DESC LIMIT 1",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	return one_version(s, st, a, out, err);
}

int store_org_events(struct store *s, struct arena *a, int64_t id, struct org_event **out, int *n,
		     struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT id, kind, date, org_id, other_org_id, note, old_value, new_value"
			   " FROM org_events WHERE org_id = ?1 OR other_org_id = ?1"
			   " ORDER BY date, id",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	struct org_event *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		struct org_event *e = &v[count++];
		memset(e, 0, sizeof(*e));
		e->id = sqlite3_column_int64(st, 0);
		if (!org_event_kind_parse((const char *)sqlite3_column_text(st, 1), &e->kind))
			e->kind = ORG_EVENT_RENAME;
		e->date = sqlite3_column_int(st, 2);
		e->org_id = sqlite3_column_int64(st, 3);
		e->other_org_id = store_col_id(st, 4);
		e->note = store_col_text(a, st, 5);
		e->old_value = store_col_text(a, st, 6);
		e->new_value = store_col_text(a, st, 7);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

/* ---- writes ---- */

int store_org_insert(struct store *s, enum org_kind kind, int level, int32_t valid_from,
		     const char *code, int64_t created_at, int64_t *id, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "INSERT INTO orgs(kind, level, valid_from, valid_to, created_at, code)"
			   " VALUES (?1, ?2, ?3, NULL, ?4, ?5)",
			   err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, org_kind_name(kind));
	sqlite3_bind_int(st, 2, level);
	sqlite3_bind_int(st, 3, valid_from);
	sqlite3_bind_int64(st, 4, created_at);
	store_bind_text(st, 5, code && *code ? code : NULL);
	int rc = store_step_done(s, st, err);
	if (rc)
		return rc;
	*id = store_last_id(s);
	return 0;
}

int store_org_set_end(struct store *s, int64_t id, int32_t valid_to, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE orgs SET valid_to = ?2 WHERE id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	store_bind_day(st, 2, valid_to);
	return store_step_done(s, st, err);
}

int store_org_set_kind_level(struct store *s, int64_t id, enum org_kind kind, int level,
			     struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s, "UPDATE orgs SET kind = ?2, level = ?3 WHERE id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, org_kind_name(kind));
	sqlite3_bind_int(st, 3, level);
	return store_step_done(s, st, err);
}

int store_org_version_insert(struct store *s, int64_t org_id, int32_t valid_from, int32_t valid_to,
			     int64_t parent_id, const char *name, const char *short_name,
			     struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "INSERT INTO org_versions(org_id, valid_from, valid_to, parent_id, name,"
			   " short_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, valid_from);
	store_bind_day(st, 3, valid_to);
	store_bind_id(st, 4, parent_id);
	store_bind_text(st, 5, name);
	store_bind_text(st, 6, short_name ? short_name : "");
	return store_step_done(s, st, err);
}

int store_org_version_set_end(struct store *s, int64_t version_id, int32_t valid_to,
			      struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s, "UPDATE org_versions SET valid_to = ?2 WHERE id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, version_id);
	store_bind_day(st, 2, valid_to);
	return store_step_done(s, st, err);
}

int store_org_version_update(struct store *s, int64_t version_id, int64_t parent_id,
			     const char *name, const char *short_name, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "UPDATE org_versions SET parent_id = ?2, name = ?3, short_name = ?4"
			   " WHERE id = ?1",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, version_id);
	store_bind_id(st, 2, parent_id);
	store_bind_text(st, 3, name);
	store_bind_text(st, 4, short_name ? short_name : "");
	return store_step_done(s, st, err);
}

int store_org_event_insert(struct store *s, const struct org_event *ev, int64_t user_id,
			   int64_t created_at, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO org_events(kind, date, org_id, other_org_id, old_value,"
		" new_value, note, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, org_event_kind_name(ev->kind));
	sqlite3_bind_int(st, 2, ev->date);
	sqlite3_bind_int64(st, 3, ev->org_id);
	store_bind_id(st, 4, ev->other_org_id);
	store_bind_text(st, 5, ev->old_value ? ev->old_value : "");
	store_bind_text(st, 6, ev->new_value ? ev->new_value : "");
	store_bind_text(st, 7, ev->note ? ev->note : "");
	store_bind_id(st, 8, user_id);
	sqlite3_bind_int64(st, 9, created_at);
	return store_step_done(s, st, err);
}

int store_org_find_code(struct store *s, const char *code, int64_t *id, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM orgs WHERE code = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, code);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

/* ---- search ---- */

int store_org_index(struct store *s, int64_t id, const char *title, const char *subtitle,
		    const char *searchable, struct kh_error *err)
{
	if (!searchable)
		return store_search_delete(s, SEARCH_ORG, id, err);
	return store_search_put(s, SEARCH_ORG, id, title, subtitle, searchable, err);
}

/* Turns folded words into an FTS5 query: each word a quoted prefix term,
 * all required. Empty when there is no word. */
static char *fts_query(struct arena *a, const char *folded)
{
	size_t n = strlen(folded);
	char *q = arena_alloc(a, xadd(xmul(n, 2), 8));
	size_t o = 0;
	const char *p = folded;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (o)
			q[o++] = ' ';
		q[o++] = '"';
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '"')
				q[o++] = '"';
			q[o++] = *p++;
		}
		q[o++] = '"';
		q[o++] = '*';
	}
	q[o] = '\0';
	return q;
}

int store_org_search(struct store *s, struct arena *a, const char *folded_query, int32_t day,
		     int limit, struct org **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	char *q = fts_query(a, folded_query ? folded_query : "");
	if (!*q)
		return 0;
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT " ORG_COLS ", " CHILD_COUNT(
			"?2") " FROM search_fts f JOIN search_docs d ON d.rowid = f.rowid"
			      " JOIN orgs o ON o.id = d.ref_id"
			      " JOIN org_versions v ON v.org_id = o.id AND " IN_FORCE(
				      "v",
				      "?2") " WHERE search_fts MATCH ?1 AND d.type = 1 LIMIT ?3",
		err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, q);
	sqlite3_bind_int(st, 2, day);
	sqlite3_bind_int(st, 3, limit);
	struct org *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		read_org(a, st, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

/* ---- positions ---- */

int store_positions_current_of_person(struct store *s, struct arena *a, int64_t person_id,
				      int32_t day, struct position **out, int *n,
				      struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT p.id, p.person_id, p.org_id, p.role, p.title, p.valid_from,"
		" p.valid_to, coalesce(v.name, '')"
		" FROM positions p LEFT JOIN org_versions v ON v.org_id = p.org_id AND " IN_FORCE(
			"v", "?2") " WHERE p.person_id = ?1 AND " IN_FORCE("p",
									   "?2") " ORDER BY p.id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int(st, 2, day);
	struct position *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		struct position *p = &v[count++];
		memset(p, 0, sizeof(*p));
		p->id = sqlite3_column_int64(st, 0);
		p->person_id = sqlite3_column_int64(st, 1);
		p->org_id = sqlite3_column_int64(st, 2);
		if (!position_role_parse((const char *)sqlite3_column_text(st, 3), &p->role))
			p->role = POSITION_MEMBER;
		p->title = store_col_text(a, st, 4);
		p->valid_from = sqlite3_column_int(st, 5);
		p->valid_to =
			sqlite3_column_type(st, 6) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 6);
		p->org_name = store_col_text(a, st, 7);
		p->person_name = "";
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}
