/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * People and positions: their rows, the lists by org (members of an org, of
 * its subtree, people holding a position there) with paging, and the
 * Vietnamese name order. That order — given name (the last word) first, then
 * the full name, both by text_collate() — is a SQLite collation, "vi_name",
 * registered on a connection the first time a statement needs it (through
 * sqlite3_collation_needed, so an already registered collation is never
 * replaced, which would expire every cached statement).
 */
#include "core/common.h"
#include "core/buf.h"
#include "store/internal.h"
#include "store/person.h"
#include "store/search.h"
#include "text/collate.h"

#include <string.h>

static int fail_stmt(struct kh_error *err)
{
	return err && err->code ? err->code : KH_EIO;
}

/* ---- the Vietnamese name collation ---- */

/* The last word of a name: the given name ("Nguyễn Văn An" → "An"). */
static void given_name(const char *s, int n, const char **g, int *gn)
{
	int end = n;
	while (end > 0 && s[end - 1] == ' ')
		end--;
	int start = end;
	while (start > 0 && s[start - 1] != ' ')
		start--;
	*g = s + start;
	*gn = end - start;
}

static int vi_name_cmp(void *arg, int na, const void *a, int nb, const void *b)
{
	const char *ga, *gb;
	int gna, gnb;
	given_name(a, na, &ga, &gna);
	given_name(b, nb, &gb, &gnb);
	int c = text_collate(ga, (size_t)gna, gb, (size_t)gnb);
	if (c)
		return c;
	return text_collate(a, (size_t)na, b, (size_t)nb);
}

static int vi_cmp(void *arg, int na, const void *a, int nb, const void *b)
{
	return text_collate(a, (size_t)na, b, (size_t)nb);
}

static void collation_needed(void *arg, sqlite3 *db, int enc, const char *name)
{
	if (strcmp(name, "vi_name") == 0)
		sqlite3_create_collation_v2(db, "vi_name", SQLITE_UTF8, NULL, vi_name_cmp, NULL);
	else if (strcmp(name, "vi") == 0)
		sqlite3_create_collation_v2(db, "vi", SQLITE_UTF8, NULL, vi_cmp, NULL);
}

/* Call before store_stmt() on a statement that uses COLLATE vi_name/vi. */
static void want_collations(struct store *s)
{
	sqlite3_collation_needed(s->db, NULL, collation_needed);
}

/* ---- people ---- */

#define PERSON_COLS                                                           \
	"p.id, p.full_name, p.birth_year, p.gender, p.member_org_id,"          \
	" p.residence_org_id, p.managing_org_id, p.retired, p.external_id"

/* The org's name in force on day, else its latest name. */
#define ORG_NAME_NEAR(col, day)                                               \
	"coalesce((SELECT v.name FROM org_versions v WHERE v.org_id = " col      \
	" AND v.valid_from <= " day " AND (v.valid_to IS NULL OR v.valid_to > "  \
	day ") LIMIT 1), (SELECT v.name FROM org_versions v WHERE v.org_id = "   \
	col " ORDER BY v.valid_from DESC LIMIT 1))"

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
}

static int step_done(struct store *s, sqlite3_stmt *st, struct kh_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_person_insert(struct store *s, const struct person *p, int64_t now, int64_t *id,
			struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO people(full_name, birth_year, gender, member_org_id,"
		" residence_org_id, managing_org_id, retired, external_id, created_at,"
		" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)", err);
	if (!st)
		return fail_stmt(err);
	bind_person(st, p);
	sqlite3_bind_int64(st, 9, now);
	int rc = step_done(s, st, err);
	if (rc)
		return rc;
	*id = store_last_id(s);
	return 0;
}

int store_person_update(struct store *s, const struct person *p, int64_t now,
			struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
		"UPDATE people SET full_name = ?1, birth_year = ?2, gender = ?3,"
		" member_org_id = ?4, residence_org_id = ?5, managing_org_id = ?6,"
		" retired = ?7, external_id = ?8, updated_at = ?9 WHERE id = ?10", err);
	if (!st)
		return fail_stmt(err);
	bind_person(st, p);
	sqlite3_bind_int64(st, 9, now);
	sqlite3_bind_int64(st, 10, p->id);
	return step_done(s, st, err);
}

int store_person_get(struct store *s, struct arena *a, int64_t id, struct person *out,
		     struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " PERSON_COLS " FROM people p WHERE p.id = ?1",
				      err);
	if (!st)
		return fail_stmt(err);
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
		return fail_stmt(err);
	store_bind_text(st, 1, external_id);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

/*
 * The list statements. Parameters: ?1 the orgs as a JSON array, ?2 the day,
 * ?3 the FTS match (variants with a query only), ?4 limit, ?5 offset, ?6 1
 * to take positions of any time. The total comes from a window count.
 */
#define LIST_SELECT                                                           \
	"SELECT " PERSON_COLS ", coalesce(" ORG_NAME_NEAR("p.member_org_id", "?2") \
	", ''), coalesce(sd.subtitle, ''), count(*) OVER ()"                     \
	" FROM people p LEFT JOIN search_docs sd ON sd.rowid = (2 << 40) | p.id"
#define LIST_MATCH                                                            \
	" JOIN (SELECT search_docs.ref_id AS id FROM search_fts JOIN search_docs"   \
	" ON search_docs.rowid = search_fts.rowid WHERE search_fts MATCH ?3"        \
	" AND search_docs.type = 2) m ON m.id = p.id"
#define LIST_SUBTREE_CTE                                                      \
	"WITH RECURSIVE sub(id) AS (SELECT value FROM json_each(?1) UNION"      \
	" SELECT v.org_id FROM org_versions v JOIN sub ON v.parent_id = sub.id"  \
	" WHERE v.valid_from <= ?2 AND (v.valid_to IS NULL OR v.valid_to > ?2)) "
#define W_MEMBERS " WHERE p.member_org_id IN (SELECT value FROM json_each(?1))"
#define W_SUBTREE " WHERE p.member_org_id IN sub"
#define W_POSITIONS                                                           \
	" WHERE p.id IN (SELECT q.person_id FROM positions q WHERE q.org_id IN"  \
	" (SELECT value FROM json_each(?1)) AND (?6 = 1 OR (q.valid_from <= ?2 AND" \
	" (q.valid_to IS NULL OR q.valid_to > ?2))))"
#define LIST_ORDER " ORDER BY p.full_name COLLATE vi_name, p.id LIMIT ?4 OFFSET ?5"

static const char *list_sql(enum person_list_mode mode, bool query)
{
	switch (mode) {
	case PERSON_LIST_ALL:
		return query ? LIST_SELECT LIST_MATCH LIST_ORDER : LIST_SELECT LIST_ORDER;
	case PERSON_LIST_MEMBERS:
		return query ? LIST_SELECT LIST_MATCH W_MEMBERS LIST_ORDER
			     : LIST_SELECT W_MEMBERS LIST_ORDER;
	case PERSON_LIST_SUBTREE:
		return query ? LIST_SUBTREE_CTE LIST_SELECT LIST_MATCH W_SUBTREE LIST_ORDER
			     : LIST_SUBTREE_CTE LIST_SELECT W_SUBTREE LIST_ORDER;
	case PERSON_LIST_POSITIONS:
		return query ? LIST_SELECT LIST_MATCH W_POSITIONS LIST_ORDER
			     : LIST_SELECT W_POSITIONS LIST_ORDER;
	}
	return NULL;
}

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

int store_person_list(struct store *s, struct arena *a, const struct person_filter *f,
		      struct person_item **out, int *n, int64_t *total, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	const char *match = f->folded_query ? store_search_match(a, f->folded_query) : "";
	bool query = *match != '\0';
	if (f->folded_query && *f->folded_query && !query)
		return 0; /* words asked for, none left after folding */
	const char *sql = list_sql(f->mode, query);
	if (!sql)
		return kh_fail(err, KH_EINTERNAL, NULL, "Kiểu danh sách không hợp lệ");
	want_collations(s);
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return fail_stmt(err);
	store_bind_text(st, 1, ids_json(a, f->orgs, f->n_orgs));
	sqlite3_bind_int(st, 2, f->day);
	if (query)
		store_bind_text(st, 3, match);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int(st, 4, f->limit);
	sqlite3_bind_int(st, 5, f->offset);
	sqlite3_bind_int(st, 6, f->day == 0 ? 1 : 0);
	int cap = 0, count = 0, rc;
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
		*total = sqlite3_column_int64(st, 11);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	if (count == 0 && f->offset > 0) {
		/* Past the end: still report how many there are. */
		struct person_filter g = *f;
		struct person_item *dummy;
		int dn;
		g.offset = 0;
		g.limit = 1;
		return store_person_list(s, a, &g, &dummy, &dn, total, err);
	}
	*out = v;
	*n = count;
	return 0;
}

/* ---- positions ---- */

#define POSITION_COLS                                                         \
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
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO positions(person_id, org_id, role, title, valid_from, valid_to)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!st)
		return fail_stmt(err);
	sqlite3_bind_int64(st, 1, p->person_id);
	sqlite3_bind_int64(st, 2, p->org_id);
	store_bind_text(st, 3, position_role_name(p->role));
	store_bind_text(st, 4, p->title ? p->title : "");
	sqlite3_bind_int(st, 5, p->valid_from);
	store_bind_day(st, 6, p->valid_to);
	int rc = step_done(s, st, err);
	if (rc)
		return rc;
	*id = store_last_id(s);
	return 0;
}

int store_position_set_end(struct store *s, int64_t id, int32_t valid_to,
			   struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE positions SET valid_to = ?2 WHERE id = ?1", err);
	if (!st)
		return fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	store_bind_day(st, 2, valid_to);
	return step_done(s, st, err);
}

int store_position_get(struct store *s, struct arena *a, int64_t id, int32_t name_day,
		       struct position *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT " POSITION_COLS ", coalesce(" ORG_NAME_NEAR("p.org_id", "?2") ", '')"
		" FROM positions p JOIN people pe ON pe.id = p.person_id WHERE p.id = ?1", err);
	if (!st)
		return fail_stmt(err);
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
	want_collations(s);
	if (person_id)
		st = store_stmt(s,
			"SELECT " POSITION_COLS ", coalesce(" ORG_NAME_NEAR("p.org_id", "?3") ", '')"
			" FROM positions p JOIN people pe ON pe.id = p.person_id"
			" WHERE p.person_id = ?1 AND (?2 IS NULL OR (p.valid_from <= ?2 AND"
			" (p.valid_to IS NULL OR p.valid_to > ?2)))"
			" ORDER BY p.valid_to IS NULL DESC, coalesce(p.valid_to, 0) DESC,"
			" p.valid_from DESC, p.id DESC", err);
	else
		st = store_stmt(s,
			"SELECT " POSITION_COLS ", coalesce(" ORG_NAME_NEAR("p.org_id", "?3") ", '')"
			" FROM positions p JOIN people pe ON pe.id = p.person_id"
			" WHERE p.org_id = ?1 AND (?2 IS NULL OR (p.valid_from <= ?2 AND"
			" (p.valid_to IS NULL OR p.valid_to > ?2)))"
			" ORDER BY p.valid_to IS NULL DESC, CASE p.role WHEN 'head' THEN 0"
			" WHEN 'deputy' THEN 1 WHEN 'standing' THEN 2 WHEN 'committee' THEN 3"
			" WHEN 'staff' THEN 4 ELSE 5 END, pe.full_name COLLATE vi_name,"
			" p.valid_from DESC, p.id", err);
	if (!st)
		return fail_stmt(err);
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
			    enum position_role role, int32_t from, int32_t to,
			    int64_t except_id, bool *overlaps, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT 1 FROM positions WHERE person_id = ?1 AND org_id = ?2 AND role = ?3"
		" AND id <> ?4 AND (valid_to IS NULL OR valid_to > ?5)"
		" AND (?6 IS NULL OR valid_from < ?6) LIMIT 1", err);
	if (!st)
		return fail_stmt(err);
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
	sqlite3_stmt *st = store_stmt(s,
		"SELECT coalesce(" ORG_NAME_NEAR("?1", "?2") ", '')", err);
	if (!st)
		return fail_stmt(err);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	*name = rc == SQLITE_ROW ? store_col_text(a, st, 0) : "";
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}
