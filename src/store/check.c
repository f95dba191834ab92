/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The quality check's and the compliance report's SQL (store/check.h). The
 * compliance lists are each one statement over the subtree: a recursive walk
 * of org_versions in force on the day, then indexed probes into positions
 * (positions_by_org), plans (plans_by_org, plans_by_person) and the partial
 * index of unanswered comments — never a query per org.
 */
#include "core/common.h"
#include "store/check.h"
#include "store/internal.h"

#include <string.h>

/* Grows an arena array of elements of size sz to hold one more; returns the
 * (possibly moved) array. */
static void *grow(struct arena *a, void *v, int count, int *cap, size_t sz)
{
	if (count < *cap)
		return v;
	int ncap = *cap ? *cap * 2 : 32;
	void *w = arena_alloc(a, xmul((size_t)ncap, sz));
	if (count)
		memcpy(w, v, xmul((size_t)count, sz));
	*cap = ncap;
	return w;
}

/* ---- items ---- */

#define ITEM_COLS                                                                        \
	"i.id, i.plan_id, i.seq, i.kind, i.category, i.text, i.measures, i.lead_org_id," \
	" i.lead_person_id, i.lead_text, i.coordinate_with, i.deadline_kind,"            \
	" i.deadline_text, i.upper_item_id, i.carried_from_id"

static void read_item(struct arena *a, sqlite3_stmt *st, struct check_item *it)
{
	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(st, 0);
	it->plan_id = sqlite3_column_int64(st, 1);
	it->seq = sqlite3_column_int(st, 2);
	if (!plan_item_kind_parse((const char *)sqlite3_column_text(st, 3), &it->kind))
		it->kind = PLAN_ITEM_TASK;
	if (!plan_item_category_parse((const char *)sqlite3_column_text(st, 4), &it->category))
		it->category = PLAN_CATEGORY_YEAR;
	it->text = store_col_text(a, st, 5);
	it->measures = store_col_text(a, st, 6);
	it->lead_org_id = store_col_id(st, 7);
	it->lead_person_id = store_col_id(st, 8);
	it->lead_text = store_col_text(a, st, 9);
	it->coordinate_with = store_col_text(a, st, 10);
	it->deadline_kind = store_col_text(a, st, 11);
	it->deadline_text = store_col_text(a, st, 12);
	it->upper_item_id = store_col_id(st, 13);
	it->carried_from_id = store_col_id(st, 14);
	it->plan_title = store_col_text(a, st, 15);
}

static int read_items(struct store *s, struct arena *a, sqlite3_stmt *st, struct check_item **out,
		      int *n, struct kh_error *err)
{
	struct check_item *v = NULL;
	int count = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow(a, v, count, &cap, sizeof(*v));
		read_item(a, st, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_check_items(struct store *s, struct arena *a, int64_t plan_id, struct check_item **out,
		      int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT " ITEM_COLS ", p.title FROM plan_items i"
				      " JOIN plans p ON p.id = i.plan_id"
				      " WHERE i.plan_id = ?1 ORDER BY i.seq, i.id",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	return read_items(s, a, st, out, n, err);
}

int store_check_owner_items(struct store *s, struct arena *a, int64_t plan_id, int64_t owner_org_id,
			    int64_t owner_person_id, struct check_item **out, int *n,
			    struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	/* Two indexed lookups (plans_by_org, plans_by_person) rather than an OR
	 * the planner might turn into a scan of every plan. */
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT " ITEM_COLS ", p.title FROM plans p JOIN plan_items i ON i.plan_id = p.id"
		" WHERE p.id <> ?1 AND ((?2 IS NOT NULL AND p.owner_org_id = ?2)"
		" OR (?3 IS NOT NULL AND p.owner_person_id = ?3))"
		" ORDER BY p.id, i.seq, i.id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	store_bind_id(st, 2, owner_org_id);
	store_bind_id(st, 3, owner_person_id);
	return read_items(s, a, st, out, n, err);
}

/* ---- the subtree ---- */

/* The orgs of ?1's subtree on day ?2 (versions in force that day). */
#define SUBTREE                                                           \
	"sub(id) AS (SELECT ?1 UNION SELECT v.org_id FROM org_versions v" \
	" JOIN sub ON v.parent_id = sub.id WHERE v.valid_from <= ?2"      \
	" AND (v.valid_to IS NULL OR v.valid_to > ?2))"
/* The heads on day ?2 of the orgs of sub: one row per position. */
#define HEAD_POSITIONS                                                       \
	"SELECT q.person_id, q.org_id, q.title FROM positions q JOIN sub"    \
	" ON q.org_id = sub.id WHERE q.role = 'head' AND q.valid_from <= ?2" \
	" AND (q.valid_to IS NULL OR q.valid_to > ?2)"
/* The org's name on day ?2. */
#define ORG_NAME(col)                                                         \
	"coalesce((SELECT v.name FROM org_versions v WHERE v.org_id = " col   \
	" AND v.valid_from <= ?2 AND (v.valid_to IS NULL OR v.valid_to > ?2)" \
	" LIMIT 1), (SELECT v.name FROM org_versions v WHERE v.org_id = " col \
	" ORDER BY v.valid_from DESC LIMIT 1), '')"

int store_check_heads(struct store *s, struct arena *a, int64_t root, int32_t day, int year,
		      struct check_head **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	/* min(org_id) picks, per person, the row of the org with the lowest id
	 * (SQLite takes the bare columns from the row that gave the minimum). */
	sqlite3_stmt *st = store_stmt(
		s,
		"WITH RECURSIVE " SUBTREE ", h(person_id, org_id, title) AS"
		" (SELECT person_id, min(org_id), title FROM (" HEAD_POSITIONS ")"
		" GROUP BY person_id)"
		" SELECT h.person_id, p.full_name, h.org_id, " ORG_NAME(
			"h.org_id") ", h.title,"
				    " EXISTS (SELECT 1 FROM plans x WHERE x.owner_person_id = h.person_id"
				    " AND x.scope = 'year' AND x.year_from = ?3)"
				    " FROM h JOIN people p ON p.id = h.person_id ORDER BY p.sort_key, p.id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, root);
	sqlite3_bind_int(st, 2, day);
	sqlite3_bind_int(st, 3, year);
	struct check_head *v = NULL;
	int count = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow(a, v, count, &cap, sizeof(*v));
		struct check_head *h = &v[count++];
		h->person_id = sqlite3_column_int64(st, 0);
		h->person_name = store_col_text(a, st, 1);
		h->org_id = sqlite3_column_int64(st, 2);
		h->org_name = store_col_text(a, st, 3);
		h->title = store_col_text(a, st, 4);
		h->has_plan = sqlite3_column_int(st, 5) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_check_orgs(struct store *s, struct arena *a, int64_t root, int32_t day, int year,
		     struct check_org **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s,
		"WITH RECURSIVE " SUBTREE " SELECT o.id, " ORG_NAME(
			"o.id") " AS name, o.kind,"
				" o.level, EXISTS (SELECT 1 FROM plans x WHERE x.owner_org_id = o.id"
				" AND x.scope = 'year' AND x.year_from = ?3)"
				" FROM orgs o JOIN sub ON o.id = sub.id WHERE o.kind IN ('committee', 'cell')"
				" ORDER BY o.level, name, o.id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, root);
	sqlite3_bind_int(st, 2, day);
	sqlite3_bind_int(st, 3, year);
	struct check_org *v = NULL;
	int count = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow(a, v, count, &cap, sizeof(*v));
		struct check_org *o = &v[count++];
		o->org_id = sqlite3_column_int64(st, 0);
		o->org_name = store_col_text(a, st, 1);
		if (!org_kind_parse((const char *)sqlite3_column_text(st, 2), &o->kind))
			o->kind = ORG_COMMITTEE;
		o->level = sqlite3_column_int(st, 3);
		o->has_plan = sqlite3_column_int(st, 4) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

#define PLAN_COLS                                                                         \
	"p.id, p.owner_org_id, p.owner_person_id, p.scope, p.year_from, p.year_to,"       \
	" p.form, p.title, p.status, p.upper_plan_id, p.based_on_plan_id, p.document_id," \
	" p.version, p.adjust_reason, p.sent_at, p.approved_at, p.approved_day,"          \
	" p.created_by, p.created_at, p.updated_at"

static void read_plan(struct arena *a, sqlite3_stmt *st, struct plan *p)
{
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->owner_org_id = store_col_id(st, 1);
	p->owner_person_id = store_col_id(st, 2);
	const char *scope = (const char *)sqlite3_column_text(st, 3);
	p->scope = scope && strcmp(scope, "term") == 0 ? PLAN_SCOPE_TERM : PLAN_SCOPE_YEAR;
	p->year_from = sqlite3_column_int(st, 4);
	p->year_to = sqlite3_column_int(st, 5);
	p->form = sqlite3_column_int(st, 6);
	p->title = store_col_text(a, st, 7);
	p->goals = "";
	p->organization = "";
	if (!plan_status_parse((const char *)sqlite3_column_text(st, 8), &p->status))
		p->status = PLAN_DRAFT;
	p->upper_plan_id = store_col_id(st, 9);
	p->based_on_plan_id = store_col_id(st, 10);
	p->document_id = store_col_id(st, 11);
	p->version = sqlite3_column_int(st, 12);
	p->adjust_reason = store_col_text(a, st, 13);
	p->sent_at = sqlite3_column_int64(st, 14);
	p->approved_at = sqlite3_column_int64(st, 15);
	p->approved_day = sqlite3_column_int(st, 16);
	p->created_by = store_col_id(st, 17);
	p->created_at = sqlite3_column_int64(st, 18);
	p->updated_at = sqlite3_column_int64(st, 19);
	p->owner_name = store_col_text(a, st, 20);
}

int store_check_plans(struct store *s, struct arena *a, int64_t root, int32_t day, int year,
		      struct check_plan **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	/* The org plans and the head plans as two indexed joins; a person who
	 * heads several orgs of the subtree appears once in heads. */
	sqlite3_stmt *st = store_stmt(
		s,
		"WITH RECURSIVE " SUBTREE ", heads(person_id) AS"
		" (SELECT DISTINCT person_id FROM (" HEAD_POSITIONS ")),"
		" found(id, owner_name) AS ("
		"SELECT p.id, " ORG_NAME(
			"p.owner_org_id") " FROM plans p JOIN sub"
					  " ON p.owner_org_id = sub.id WHERE p.year_from <= ?3 AND p.year_to >= ?3"
					  " UNION ALL SELECT p.id, x.full_name FROM plans p JOIN heads h"
					  " ON p.owner_person_id = h.person_id JOIN people x ON x.id = p.owner_person_id"
					  " WHERE p.year_from <= ?3 AND p.year_to >= ?3)"
					  " SELECT " PLAN_COLS
					  ", f.owner_name, (SELECT count(*) FROM plan_comments c"
					  " WHERE c.plan_id = p.id AND c.answer IS NULL)"
					  " FROM found f JOIN plans p ON p.id = f.id ORDER BY f.owner_name, p.id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, root);
	sqlite3_bind_int(st, 2, day);
	sqlite3_bind_int(st, 3, year);
	struct check_plan *v = NULL;
	int count = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow(a, v, count, &cap, sizeof(*v));
		read_plan(a, st, &v[count].plan);
		v[count++].open_comments = sqlite3_column_int(st, 21);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}
