/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * People and positions: their rows, the lists by org (members of an org, of
 * its subtree, people holding a position there) with paging, and the
 * Vietnamese name order. That order — given name (the last word) first, then
 * the full name — is kept as a sort key in people.sort_key, built here from
 * text_collate_key() whenever a name is written, so lists page in name order
 * off an index instead of sorting through a C collation.
 */
#include "core/common.h"
#include "core/buf.h"
#include "store/internal.h"
#include "store/person.h"
#include "store/search.h"
#include "text/collate.h"

#include <stdlib.h>
#include <string.h>

/* ---- the Vietnamese name sort key ---- */

/* The last word of a name: the given name ("Nguyễn Văn An" → "An"). */
static void given_name(const char *s, size_t n, const char **g, size_t *gn)
{
	size_t end = n;
	while (end > 0 && s[end - 1] == ' ')
		end--;
	size_t start = end;
	while (start > 0 && s[start - 1] != ' ')
		start--;
	*g = s + start;
	*gn = end - start;
}

/* key(given name) 0x00 key(full name), xmalloc'd. Keys compare with
 * memcmp; the 0x00 after the first key sorts a given name before any longer
 * one that starts with it, since key bytes past a level mark are text bytes,
 * never 0x00. */
static char *name_sort_key(const char *full_name, size_t *len)
{
	const char *g;
	size_t gn, kg_len, kf_len;
	given_name(full_name, strlen(full_name), &g, &gn);
	char *given = xmemdup0(g, gn);
	char *kg = text_collate_key(given, &kg_len);
	char *kf = text_collate_key(full_name, &kf_len);
	char *key = xmalloc(xadd(xadd(kg_len, kf_len), 1));
	memcpy(key, kg, kg_len);
	key[kg_len] = '\0';
	memcpy(key + kg_len + 1, kf, kf_len);
	*len = kg_len + 1 + kf_len;
	free(given);
	free(kg);
	free(kf);
	return key;
}

static void bind_sort_key(sqlite3_stmt *st, int i, const char *full_name)
{
	size_t len;
	char *key = name_sort_key(full_name ? full_name : "", &len);
	sqlite3_bind_blob64(st, i, key, len, free);
}

/* ---- people ---- */

#define PERSON_COLS                                                   \
	"p.id, p.full_name, p.birth_year, p.gender, p.member_org_id," \
	" p.residence_org_id, p.managing_org_id, p.retired, p.external_id"

/* The org's name in force on day, else its latest name. */
#define ORG_NAME_NEAR(col, day)                                                     \
	"coalesce((SELECT v.name FROM org_versions v WHERE v.org_id = " col         \
	" AND v.valid_from <= " day " AND (v.valid_to IS NULL OR v.valid_to > " day \
	") LIMIT 1), (SELECT v.name FROM org_versions v WHERE v.org_id = " col      \
	" ORDER BY v.valid_from DESC LIMIT 1))"

static void read_person(struct arena *a, sqlite3_stmt *st, struct person *p)
{
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->full_name = store_col_text(a, st, 1);
	p->birth_year = sqlite3_column_int(st, 2);
	p->gender = store_col_text(a, st, 3);
	p->member_org_id = store_col_id(st, 4);
	p->residence_org_id = store_col_id(st, 5);
	p->managing_org_id = store_col_id(st, 6);
	p->retired = sqlite3_column_int(st, 7) != 0;
	p->external_id = store_col_text(a, st, 8);
}

static void bind_person(sqlite3_stmt *st, const struct person *p)
{
	store_bind_text(st, 1, p->full_name);
	if (p->birth_year)
		sqlite3_bind_int(st, 2, p->birth_year);
	else
		sqlite3_bind_null(st, 2);
	store_bind_text(st, 3, p->gender ? p->gender : "");
	store_bind_id(st, 4, p->member_org_id);
	store_bind_id(st, 5, p->residence_org_id);
	store_bind_id(st, 6, p->managing_org_id);
	sqlite3_bind_int(st, 7, p->retired ? 1 : 0);
	store_bind_text(st, 8, p->external_id && *p->external_id ? p->external_id : NULL);
	bind_sort_key(st, 11, p->full_name);
}

int store_person_insert(struct store *s, const struct person *p, int64_t now, int64_t *id,
			struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO people(full_name, birth_year, gender, member_org_id,"
		" residence_org_id, managing_org_id, retired, external_id, created_at,"
		" updated_at, sort_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?11)",
		err);
	if (!st)
		return store_fail_stmt(err);
	bind_person(st, p);
	sqlite3_bind_int64(st, 9, now);
	int rc = store_step_done(s, st, err);
	if (rc)
		return rc;
	*id = store_last_id(s);
	return 0;
}

int store_person_update(struct store *s, const struct person *p, int64_t now, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "UPDATE people SET full_name = ?1, birth_year = ?2, gender = ?3,"
			   " member_org_id = ?4, residence_org_id = ?5, managing_org_id = ?6,"
			   " retired = ?7, external_id = ?8, updated_at = ?9, sort_key = ?11"
			   " WHERE id = ?10",
			   err);
	if (!st)
		return store_fail_stmt(err);
	bind_person(st, p);
	sqlite3_bind_int64(st, 9, now);
	sqlite3_bind_int64(st, 10, p->id);
	return store_step_done(s, st, err);
}

int store_person_get(struct store *s, struct arena *a, int64_t id, struct person *out,
		     struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s, "SELECT " PERSON_COLS " FROM people p WHERE p.id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_person(a, st, out);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy cán bộ, đảng viên số %lld",
			       (long long)id);
	return store_sqlerr(s, rc, err);
}

int store_person_find_external(struct store *s, const char *external_id, int64_t *id,
			       struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM people WHERE external_id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, external_id);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

/*
 * The list statements, a page and its count for each mode, with and without
 * a word filter. Parameters: ?1 the orgs as a JSON array, ?2 the day, ?3 the
 * FTS match (variants with a query only), ?4 limit, ?5 offset, ?6 1 to take
 * positions of any time. Pages walk people.sort_key; the org name and the
 * subtitle are looked up for the returned rows only.
 */
#define LIST_COLS                                                      \
	"SELECT " PERSON_COLS ", coalesce(" ORG_NAME_NEAR(             \
		"p.member_org_id",                                     \
		"?2") ", ''), coalesce(sd.subtitle, '') FROM people p" \
		      " LEFT JOIN search_docs sd ON sd.rowid = (2 << 40) | p.id"
#define LIST_COUNT "SELECT count(*) FROM people p"
#define LIST_MATCH                                                                \
	" JOIN (SELECT search_docs.ref_id AS id FROM search_fts JOIN search_docs" \
	" ON search_docs.rowid = search_fts.rowid WHERE search_fts MATCH ?3"      \
	" AND search_docs.type = 2) m ON m.id = p.id"
#define LIST_SUBTREE_CTE                                                        \
	"WITH RECURSIVE sub(id) AS (SELECT value FROM json_each(?1) UNION"      \
	" SELECT v.org_id FROM org_versions v JOIN sub ON v.parent_id = sub.id" \
	" WHERE v.valid_from <= ?2 AND (v.valid_to IS NULL OR v.valid_to > ?2)) "
#define W_ALL ""
#define W_MEMBERS " WHERE p.member_org_id IN (SELECT value FROM json_each(?1))"
#define W_SUBTREE " WHERE p.member_org_id IN sub"
#define W_POSITIONS                                                                 \
	" WHERE p.id IN (SELECT q.person_id FROM positions q WHERE q.org_id IN"     \
	" (SELECT value FROM json_each(?1)) AND (?6 = 1 OR (q.valid_from <= ?2 AND" \
	" (q.valid_to IS NULL OR q.valid_to > ?2))))"
#define LIST_ORDER " ORDER BY p.sort_key, p.id LIMIT ?4 OFFSET ?5"

/* Page and count for one mode, without and with the word filter. */
#define LIST_VARIANTS(head, where)                                        \
	{                                                                 \
		{head LIST_COLS where LIST_ORDER, head LIST_COUNT where}, \
		{                                                         \
			head LIST_COLS LIST_MATCH where LIST_ORDER,       \
				head LIST_COUNT LIST_MATCH where          \
		}                                                         \
	}

static const struct {
	const char *page, *count;
} list_stmts[4][2] = {
	[PERSON_LIST_ALL] = LIST_VARIANTS("", W_ALL),
	[PERSON_LIST_MEMBERS] = LIST_VARIANTS("", W_MEMBERS),
	[PERSON_LIST_SUBTREE] = LIST_VARIANTS(LIST_SUBTREE_CTE, W_SUBTREE),
	[PERSON_LIST_POSITIONS] = LIST_VARIANTS("", W_POSITIONS),
};

/* A JSON array of ids for json_each(). */
static char *ids_json(struct arena *a, const int64_t *ids, int n)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	buf_putc(&b, '[');
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", (long long)ids[i]);
	buf_putc(&b, ']');
	char *s = arena_strdup(a, buf_failed(&b) ? "[]" : b.data);
	buf_release(&b);
	return s;
}

/* Binds the parameters shared by a page and its count (a statement
 * without one of them ignores it). */
static void bind_filter(sqlite3_stmt *st, const char *orgs, const struct person_filter *f,
			const char *match)
{
	store_bind_text(st, 1, orgs);
	sqlite3_bind_int(st, 2, f->day);
	if (*match)
		store_bind_text(st, 3, match);
	sqlite3_bind_int(st, 4, f->limit);
	sqlite3_bind_int(st, 5, f->offset);
	sqlite3_bind_int(st, 6, f->day == 0 ? 1 : 0);
}

int store_person_list(struct store *s, struct arena *a, const struct person_filter *f,
		      struct person_item **out, int *n, int64_t *total, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	if ((unsigned)f->mode >= KH_ARRAY_LEN(list_stmts))
		return kh_fail(err, KH_EINTERNAL, NULL, "Kiểu danh sách không hợp lệ");
	const char *match = f->folded_query ? store_search_match(a, f->folded_query) : "";
	bool query = *match != '\0';
	if (f->folded_query && *f->folded_query && !query)
		return 0; /* words asked for, none left after folding */
	const char *orgs = ids_json(a, f->orgs, f->n_orgs);

	sqlite3_stmt *st = store_stmt(s, list_stmts[f->mode][query].count, err);
	if (!st)
		return store_fail_stmt(err);
	bind_filter(st, orgs, f, match);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, rc, err);
	if (*total == 0 || f->offset >= *total)
		return 0;

	st = store_stmt(s, list_stmts[f->mode][query].page, err);
	if (!st)
		return store_fail_stmt(err);
	bind_filter(st, orgs, f, match);
	int cap = 0, count = 0;
	struct person_item *v = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			int ncap = cap ? cap * 2 : 32;
			struct person_item *w = arena_alloc(a, xmul((size_t)ncap, sizeof(*v)));
			if (count)
				memcpy(w, v, xmul((size_t)count, sizeof(*v)));
			v = w;
			cap = ncap;
		}
		struct person_item *it = &v[count++];
		read_person(a, st, &it->person);
		it->member_org_name = store_col_text(a, st, 9);
		it->subtitle = store_col_text(a, st, 10);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_person_fill_sort_keys(struct store *s, int *filled, struct kh_error *err)
{
	struct arena a;
	int rc = 0;
	*filled = 0;
	arena_init(&a, 16384);
	for (;;) {
		/* In batches: the select must be finished before the updates. */
		int64_t ids[256];
		const char *names[256];
		int n = 0;
		sqlite3_stmt *st = store_stmt(
			s, "SELECT id, full_name FROM people WHERE sort_key IS NULL LIMIT 256",
			err);
		if (!st) {
			rc = store_fail_stmt(err);
			goto out;
		}
		while (n < 256 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			ids[n] = sqlite3_column_int64(st, 0);
			names[n] = store_col_text(&a, st, 1);
			n++;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			rc = store_sqlerr(s, rc, err);
			goto out;
		}
		rc = 0;
		if (n == 0)
			break;
		for (int i = 0; i < n; i++) {
			st = store_stmt(s, "UPDATE people SET sort_key = ?2 WHERE id = ?1", err);
			if (!st) {
				rc = store_fail_stmt(err);
				goto out;
			}
			sqlite3_bind_int64(st, 1, ids[i]);
			bind_sort_key(st, 2, names[i]);
			if ((rc = store_step_done(s, st, err)))
				goto out;
		}
		*filled += n;
	}
out:
	arena_release(&a);
	return rc;
}

/* ---- positions ---- */

#define POSITION_COLS                                                             \
	"p.id, p.person_id, p.org_id, p.role, p.title, p.valid_from, p.valid_to," \
	" pe.full_name"

static void read_position(struct arena *a, sqlite3_stmt *st, struct position *p)
{
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->person_id = sqlite3_column_int64(st, 1);
	p->org_id = sqlite3_column_int64(st, 2);
	if (!position_role_parse((const char *)sqlite3_column_text(st, 3), &p->role))
		p->role = POSITION_MEMBER;
	p->title = store_col_text(a, st, 4);
	p->valid_from = sqlite3_column_int(st, 5);
	p->valid_to = sqlite3_column_type(st, 6) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 6);
	p->person_name = store_col_text(a, st, 7);
	p->org_name = store_col_text(a, st, 8);
}

int store_position_insert(struct store *s, const struct position *p, int64_t *id,
			  struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO positions(person_id, org_id, role, title, valid_from, valid_to)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, p->person_id);
	sqlite3_bind_int64(st, 2, p->org_id);
	store_bind_text(st, 3, position_role_name(p->role));
	store_bind_text(st, 4, p->title ? p->title : "");
	sqlite3_bind_int(st, 5, p->valid_from);
	store_bind_day(st, 6, p->valid_to);
	int rc = store_step_done(s, st, err);
	if (rc)
		return rc;
	*id = store_last_id(s);
	return 0;
}

int store_position_set_end(struct store *s, int64_t id, int32_t valid_to, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE positions SET valid_to = ?2 WHERE id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	store_bind_day(st, 2, valid_to);
	return store_step_done(s, st, err);
}

int store_position_get(struct store *s, struct arena *a, int64_t id, int32_t name_day,
		       struct position *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT " POSITION_COLS ", coalesce(" ORG_NAME_NEAR(
			"p.org_id",
			"?2") ", '')"
			      " FROM positions p JOIN people pe ON pe.id = p.person_id WHERE p.id = ?1",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, name_day);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_position(a, st, out);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy chức vụ số %lld",
			       (long long)id);
	return store_sqlerr(s, rc, err);
}

int store_position_list(struct store *s, struct arena *a, int64_t person_id, int64_t org_id,
			int32_t day, int32_t name_day, struct position **out, int *n,
			struct kh_error *err)
{
	sqlite3_stmt *st;
	*out = NULL;
	*n = 0;
	if (person_id)
		st = store_stmt(
			s,
			"SELECT " POSITION_COLS ", coalesce(" ORG_NAME_NEAR(
				"p.org_id",
				"?3") ", '')"
				      " FROM positions p JOIN people pe ON pe.id = p.person_id"
				      " WHERE p.person_id = ?1 AND (?2 IS NULL OR (p.valid_from <= ?2 AND"
				      " (p.valid_to IS NULL OR p.valid_to > ?2)))"
				      " ORDER BY p.valid_to IS NULL DESC, coalesce(p.valid_to, 0) DESC,"
				      " p.valid_from DESC, p.id DESC",
			err);
	else
		st = store_stmt(
			s,
			"SELECT " POSITION_COLS ", coalesce(" ORG_NAME_NEAR(
				"p.org_id",
				"?3") ", '')"
				      " FROM positions p JOIN people pe ON pe.id = p.person_id"
				      " WHERE p.org_id = ?1 AND (?2 IS NULL OR (p.valid_from <= ?2 AND"
				      " (p.valid_to IS NULL OR p.valid_to > ?2)))"
				      " ORDER BY p.valid_to IS NULL DESC, CASE p.role WHEN 'head' THEN 0"
				      " WHEN 'deputy' THEN 1 WHEN 'standing' THEN 2 WHEN 'committee' THEN 3"
				      " WHEN 'staff' THEN 4 ELSE 5 END, pe.sort_key,"
				      " p.valid_from DESC, p.id",
			err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, person_id ? person_id : org_id);
	store_bind_day(st, 2, day);
	sqlite3_bind_int(st, 3, name_day);
	int cap = 0, count = 0, rc;
	struct position *v = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			int ncap = cap ? cap * 2 : 16;
			struct position *w = arena_alloc(a, xmul((size_t)ncap, sizeof(*v)));
			if (count)
				memcpy(w, v, xmul((size_t)count, sizeof(*v)));
			v = w;
			cap = ncap;
		}
		read_position(a, st, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_position_overlaps(struct store *s, int64_t person_id, int64_t org_id,
			    enum position_role role, int32_t from, int32_t to, int64_t except_id,
			    bool *overlaps, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT 1 FROM positions WHERE person_id = ?1 AND org_id = ?2 AND role = ?3"
		" AND id <> ?4 AND (valid_to IS NULL OR valid_to > ?5)"
		" AND (?6 IS NULL OR valid_from < ?6) LIMIT 1",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, org_id);
	store_bind_text(st, 3, position_role_name(role));
	sqlite3_bind_int64(st, 4, except_id);
	sqlite3_bind_int(st, 5, from);
	store_bind_day(st, 6, to);
	int rc = sqlite3_step(st);
	*overlaps = rc == SQLITE_ROW;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_org_name_near(struct store *s, struct arena *a, int64_t org_id, int32_t day,
			const char **name, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT coalesce(" ORG_NAME_NEAR("?1", "?2") ", '')", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	*name = rc == SQLITE_ROW ? store_col_text(a, st, 0) : "";
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}
