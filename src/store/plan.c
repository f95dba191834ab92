/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The SQL of action plans (see store/plan.h): plans, items kept in a dense
 * order (an insert, move or delete shifts the neighbours in the same
 * transaction), coordinator orgs, sources, frozen versions, recipients, the
 * cascade questions asked set-wise (one query per plan, never per org) and
 * the scoped list — one recursive query over the tree as of a day, like the
 * documents register's.
 */
#include "core/common.h"
#include "store/plan.h"
#include "core/buf.h"
#include "store/internal.h"
#include "store/search.h"
#include "text/deadline.h"

#include <string.h>

static char *ids_json(struct arena *a, const int64_t *ids, int n)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	buf_putc(&b, '[');
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", (long long)ids[i]);
	buf_putc(&b, ']');
	char *r = arena_strdup(a, buf_failed(&b) ? "[]" : b.data);
	buf_release(&b);
	return r;
}

static void bind_opt_i64(sqlite3_stmt *st, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/* The org's name in force on day, else its latest name. */
#define ORG_NAME_NEAR(col, day)                                                     \
	"coalesce((SELECT v.name FROM org_versions v WHERE v.org_id = " col         \
	" AND v.valid_from <= " day " AND (v.valid_to IS NULL OR v.valid_to > " day \
	") LIMIT 1), (SELECT v.name FROM org_versions v WHERE v.org_id = " col      \
	" ORDER BY v.valid_from DESC LIMIT 1), '')"

/* ---- plans ---- */

#define PLAN_COLS                                                                           \
	"p.id, p.owner_org_id, p.owner_person_id, p.scope, p.year_from, p.year_to, p.form," \
	" p.title, p.goals, p.organization, p.status, p.upper_plan_id, p.based_on_plan_id," \
	" p.document_id, p.version, p.adjust_reason, p.sent_at, p.approved_at,"             \
	" p.approved_day, p.created_by, p.created_at, p.updated_at"
/* The owner's name; day is a parameter reference. */
#define PLAN_OWNER_NAME(day)                                                                \
	" CASE WHEN p.owner_org_id IS NOT NULL THEN " ORG_NAME_NEAR(                        \
		"p.owner_org_id", day) " ELSE coalesce((SELECT pe.full_name FROM people pe" \
				       " WHERE pe.id = p.owner_person_id), '') END"

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
	p->goals = store_col_text(a, st, 8);
	p->organization = store_col_text(a, st, 9);
	if (!plan_status_parse((const char *)sqlite3_column_text(st, 10), &p->status))
		p->status = PLAN_DRAFT;
	p->upper_plan_id = store_col_id(st, 11);
	p->based_on_plan_id = store_col_id(st, 12);
	p->document_id = store_col_id(st, 13);
	p->version = sqlite3_column_int(st, 14);
	p->adjust_reason = store_col_text(a, st, 15);
	p->sent_at = sqlite3_column_int64(st, 16);
	p->approved_at = sqlite3_column_int64(st, 17);
	p->approved_day = store_col_day(st, 18);
	p->created_by = store_col_id(st, 19);
	p->created_at = sqlite3_column_int64(st, 20);
	p->updated_at = sqlite3_column_int64(st, 21);
	p->owner_name = store_col_text(a, st, 22);
}

static const char *scope_name(enum plan_scope sc)
{
	return sc == PLAN_SCOPE_TERM ? "term" : "year";
}

int store_plan_insert(struct store *s, const struct plan *p, int64_t *id, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO plans(owner_org_id, owner_person_id, scope, year_from, year_to, form,"
		" title, goals, organization, status, upper_plan_id, based_on_plan_id, document_id,"
		" version, adjust_reason, sent_at, approved_at, approved_day, created_by,"
		" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
		" ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)",
		err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_id(st, 1, p->owner_org_id);
	store_bind_id(st, 2, p->owner_person_id);
	store_bind_text(st, 3, scope_name(p->scope));
	sqlite3_bind_int(st, 4, p->year_from);
	sqlite3_bind_int(st, 5, p->year_to);
	sqlite3_bind_int(st, 6, p->form);
	store_bind_text(st, 7, p->title ? p->title : "");
	store_bind_text(st, 8, p->goals ? p->goals : "");
	store_bind_text(st, 9, p->organization ? p->organization : "");
	store_bind_text(st, 10, plan_status_name(p->status));
	store_bind_id(st, 11, p->upper_plan_id);
	store_bind_id(st, 12, p->based_on_plan_id);
	store_bind_id(st, 13, p->document_id);
	sqlite3_bind_int(st, 14, p->version);
	store_bind_text(st, 15, p->adjust_reason ? p->adjust_reason : "");
	bind_opt_i64(st, 16, p->sent_at);
	bind_opt_i64(st, 17, p->approved_at);
	store_bind_day(st, 18, p->approved_day);
	store_bind_id(st, 19, p->created_by);
	sqlite3_bind_int64(st, 20, p->created_at);
	int rc = store_step_done(s, st, err);
	if (rc)
		return rc;
	*id = store_last_id(s);
	return 0;
}

int store_plan_update(struct store *s, const struct plan *p, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"UPDATE plans SET scope = ?1, year_from = ?2, year_to = ?3, form = ?4, title = ?5,"
		" goals = ?6, organization = ?7, status = ?8, upper_plan_id = ?9,"
		" based_on_plan_id = ?10, document_id = ?11, version = ?12, adjust_reason = ?13,"
		" sent_at = ?14, approved_at = ?15, approved_day = ?16, updated_at = ?17"
		" WHERE id = ?18",
		err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, scope_name(p->scope));
	sqlite3_bind_int(st, 2, p->year_from);
	sqlite3_bind_int(st, 3, p->year_to);
	sqlite3_bind_int(st, 4, p->form);
	store_bind_text(st, 5, p->title ? p->title : "");
	store_bind_text(st, 6, p->goals ? p->goals : "");
	store_bind_text(st, 7, p->organization ? p->organization : "");
	store_bind_text(st, 8, plan_status_name(p->status));
	store_bind_id(st, 9, p->upper_plan_id);
	store_bind_id(st, 10, p->based_on_plan_id);
	store_bind_id(st, 11, p->document_id);
	sqlite3_bind_int(st, 12, p->version);
	store_bind_text(st, 13, p->adjust_reason ? p->adjust_reason : "");
	bind_opt_i64(st, 14, p->sent_at);
	bind_opt_i64(st, 15, p->approved_at);
	store_bind_day(st, 16, p->approved_day);
	sqlite3_bind_int64(st, 17, p->updated_at);
	sqlite3_bind_int64(st, 18, p->id);
	return store_step_done(s, st, err);
}

int store_plan_get(struct store *s, struct arena *a, int64_t id, int32_t day, struct plan *out,
		   struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT " PLAN_COLS "," PLAN_OWNER_NAME("?2") " FROM plans p WHERE p.id = ?1",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_plan(a, st, out);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy kế hoạch số %lld",
			       (long long)id);
	return store_sqlerr(s, rc, err);
}

int store_plan_delete(struct store *s, int64_t id, struct kh_error *err)
{
	static const char *const sql[] = {
		"DELETE FROM plan_item_coordinators WHERE item_id IN"
		" (SELECT id FROM plan_items WHERE plan_id = ?1)",
		"DELETE FROM plan_items WHERE plan_id = ?1",
		"DELETE FROM plan_sources WHERE plan_id = ?1",
		"DELETE FROM plan_recipients WHERE plan_id = ?1",
		"DELETE FROM plans WHERE id = ?1",
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(sql); i++) {
		sqlite3_stmt *st = store_stmt(s, sql[i], err);
		if (!st)
			return store_fail_stmt(err);
		sqlite3_bind_int64(st, 1, id);
		int rc = store_step_done(s, st, err);
		if (rc)
			return rc;
	}
	return 0;
}

int store_plan_find_overlap(struct store *s, struct arena *a, int64_t owner_org_id,
			    int64_t owner_person_id, enum plan_scope scope, int year_from,
			    int year_to, int64_t except_id, int64_t *id, const char **title,
			    struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT id, title FROM plans WHERE (owner_org_id = ?1 OR owner_person_id = ?2)"
		" AND scope = ?3 AND year_from <= ?5 AND year_to >= ?4 AND id <> ?6"
		" ORDER BY id LIMIT 1",
		err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_id(st, 1, owner_org_id);
	store_bind_id(st, 2, owner_person_id);
	store_bind_text(st, 3, scope_name(scope));
	sqlite3_bind_int(st, 4, year_from);
	sqlite3_bind_int(st, 5, year_to);
	sqlite3_bind_int64(st, 6, except_id);
	int rc = sqlite3_step(st);
	*id = 0;
	*title = "";
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*title = store_col_text(a, st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_plan_find_owner(struct store *s, int64_t owner_org_id, int64_t owner_person_id,
			  enum plan_scope scope, int year, bool issued_only, int64_t *id,
			  struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT id FROM plans WHERE (owner_org_id = ?1 OR owner_person_id = ?2)"
			   " AND scope = ?3 AND year_from <= ?4 AND year_to >= ?4"
			   " AND (?5 = 0 OR status IN ('approved', 'adjusting', 'closed'))"
			   " ORDER BY year_from DESC, id DESC LIMIT 1",
			   err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_id(st, 1, owner_org_id);
	store_bind_id(st, 2, owner_person_id);
	store_bind_text(st, 3, scope_name(scope));
	sqlite3_bind_int(st, 4, year);
	sqlite3_bind_int(st, 5, issued_only ? 1 : 0);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_plan_sources(struct store *s, struct arena *a, int64_t plan_id, int64_t **ids, int *n,
		       struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT document_id FROM plan_sources WHERE plan_id = ?1 ORDER BY document_id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	int64_t *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		v[count++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*ids = v;
	*n = count;
	return 0;
}

int store_plan_sources_set(struct store *s, int64_t plan_id, const int64_t *ids, int n,
			   struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM plan_sources WHERE plan_id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	int rc = store_step_done(s, st, err);
	for (int i = 0; rc == 0 && i < n; i++) {
		st = store_stmt(s,
				"INSERT OR IGNORE INTO plan_sources(plan_id, document_id)"
				" VALUES (?1, ?2)",
				err);
		if (!st)
			return store_fail_stmt(err);
		sqlite3_bind_int64(st, 1, plan_id);
		sqlite3_bind_int64(st, 2, ids[i]);
		rc = store_step_done(s, st, err);
	}
	return rc;
}

/* ---- items ---- */

#define ITEM_COLS                                                                               \
	"i.id, i.plan_id, i.seq, i.part, i.section, i.kind, i.category, i.text, i.measures,"    \
	" i.lead_org_id, i.lead_group, i.lead_person_id, i.lead_text, i.coordinators,"          \
	" i.coordinate_with, i.addressee, i.addressee_org_id, i.proposal_state,"                \
	" i.proposal_note, i.deadline_text, i.deadline_kind, i.deadline_start, i.deadline_end," \
	" i.deadline_period, i.resources, i.serves, i.upper_item_id, i.carried_from_id,"        \
	" i.status, i.created_at, i.updated_at, i.deadline_after_days, i.event_day,"            \
	" i.progress_state, i.progress_percent, i.progress_day, i.done_day"
/* The lead's name; day is a parameter reference. */
#define ITEM_LEAD_NAME(day)                                                                  \
	" CASE WHEN i.lead_org_id IS NOT NULL THEN " ORG_NAME_NEAR(                          \
		"i.lead_org_id",                                                             \
		day) " WHEN i.lead_person_id IS NOT NULL THEN coalesce((SELECT pe.full_name" \
		     " FROM people pe WHERE pe.id = i.lead_person_id), i.lead_text)"         \
		     " ELSE i.lead_text END"

static void read_item(struct arena *a, sqlite3_stmt *st, struct plan_item *it)
{
	enum deadline_kind dk;
	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(st, 0);
	it->plan_id = sqlite3_column_int64(st, 1);
	it->seq = sqlite3_column_int(st, 2);
	it->part = sqlite3_column_int(st, 3);
	it->section = store_col_text(a, st, 4);
	if (!plan_item_kind_parse((const char *)sqlite3_column_text(st, 5), &it->kind))
		it->kind = PLAN_ITEM_TASK;
	if (!plan_item_category_parse((const char *)sqlite3_column_text(st, 6), &it->category))
		it->category = PLAN_CATEGORY_YEAR;
	it->text = store_col_text(a, st, 7);
	it->measures = store_col_text(a, st, 8);
	it->lead_org_id = store_col_id(st, 9);
	it->lead_group = sqlite3_column_int(st, 10) != 0;
	it->lead_person_id = store_col_id(st, 11);
	it->lead_text = store_col_text(a, st, 12);
	it->coordinators = store_col_text(a, st, 13);
	it->coordinate_with = store_col_text(a, st, 14);
	it->addressee = store_col_text(a, st, 15);
	it->addressee_org_id = store_col_id(st, 16);
	it->proposal_state = store_col_text(a, st, 17);
	it->proposal_note = store_col_text(a, st, 18);
	it->deadline_text = store_col_text(a, st, 19);
	it->deadline_kind = deadline_kind_parse((const char *)sqlite3_column_text(st, 20), &dk)
				    ? (int)dk
				    : (int)DEADLINE_NONE;
	it->deadline_start = store_col_day(st, 21);
	it->deadline_end = store_col_day(st, 22);
	it->deadline_period = sqlite3_column_int(st, 23);
	it->resources = store_col_text(a, st, 24);
	it->serves = store_col_text(a, st, 25);
	it->upper_item_id = store_col_id(st, 26);
	it->carried_from_id = store_col_id(st, 27);
	it->status = store_col_text(a, st, 28);
	it->created_at = sqlite3_column_int64(st, 29);
	it->updated_at = sqlite3_column_int64(st, 30);
	it->deadline_after_days = sqlite3_column_int(st, 31);
	it->event_day = store_col_day(st, 32);
	it->progress_state = store_col_text(a, st, 33);
	it->progress_percent = sqlite3_column_int(st, 34);
	it->progress_day = store_col_day(st, 35);
	it->done_day = store_col_day(st, 36);
	it->lead_name = store_col_text(a, st, 37);
	it->coordinator_org_ids = NULL;
	it->n_coordinator_orgs = 0;
}

/* Fills the coordinator orgs of v[0..n) from the rows (item_id, org_id) of
 * a statement already bound, ordered by item then org. */
static int attach_coordinators(struct store *s, struct arena *a, sqlite3_stmt *st,
			       struct plan_item *v, int n, struct kh_error *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t item = sqlite3_column_int64(st, 0);
		int64_t org = sqlite3_column_int64(st, 1);
		for (int i = 0; i < n; i++) {
			if (v[i].id != item)
				continue;
			int64_t *w =
				arena_alloc(a, sizeof(*w) * (size_t)(v[i].n_coordinator_orgs + 1));
			if (v[i].n_coordinator_orgs)
				memcpy(w, v[i].coordinator_org_ids,
				       sizeof(*w) * (size_t)v[i].n_coordinator_orgs);
			w[v[i].n_coordinator_orgs++] = org;
			v[i].coordinator_org_ids = w;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

/* Reads every row of a bound item statement into an arena array. */
static int read_items(struct store *s, struct arena *a, sqlite3_stmt *st, struct plan_item **out,
		      int *n, struct kh_error *err)
{
	struct plan_item *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		read_item(a, st, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_plan_items(struct store *s, struct arena *a, int64_t plan_id, int32_t day,
		     struct plan_item **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT " ITEM_COLS
			   "," ITEM_LEAD_NAME("?2") " FROM plan_items i WHERE i.plan_id = ?1"
						    " ORDER BY i.seq, i.id",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int(st, 2, day);
	int rc = read_items(s, a, st, out, n, err);
	if (rc || *n == 0)
		return rc;
	st = store_stmt(s,
			"SELECT c.item_id, c.org_id FROM plan_item_coordinators c"
			" JOIN plan_items i ON i.id = c.item_id WHERE i.plan_id = ?1"
			" ORDER BY c.item_id, c.org_id",
			err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	return attach_coordinators(s, a, st, *out, *n, err);
}

int store_plan_item_get(struct store *s, struct arena *a, int64_t id, int32_t day,
			struct plan_item *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT " ITEM_COLS
				      "," ITEM_LEAD_NAME("?2") " FROM plan_items i WHERE i.id = ?1",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_item(a, st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy nội dung số %lld",
			       (long long)id);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, rc, err);
	st = store_stmt(s,
			"SELECT item_id, org_id FROM plan_item_coordinators WHERE item_id = ?1"
			" ORDER BY org_id",
			err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	return attach_coordinators(s, a, st, out, 1, err);
}

int store_plan_item_count(struct store *s, int64_t plan_id, int *n, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM plan_items WHERE plan_id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}

static int set_coordinators(struct store *s, const struct plan_item *it, int64_t id,
			    struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s, "DELETE FROM plan_item_coordinators WHERE item_id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = store_step_done(s, st, err);
	for (int i = 0; rc == 0 && i < it->n_coordinator_orgs; i++) {
		st = store_stmt(s,
				"INSERT OR IGNORE INTO plan_item_coordinators(item_id, org_id)"
				" VALUES (?1, ?2)",
				err);
		if (!st)
			return store_fail_stmt(err);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, it->coordinator_org_ids[i]);
		rc = store_step_done(s, st, err);
	}
	return rc;
}

/* Binds the columns shared by insert and update: ?1..?26. */
static void bind_item(sqlite3_stmt *st, const struct plan_item *it)
{
	sqlite3_bind_int(st, 1, it->part);
	store_bind_text(st, 2, it->section ? it->section : "");
	store_bind_text(st, 3, plan_item_kind_name(it->kind));
	store_bind_text(st, 4, plan_item_category_name(it->category));
	store_bind_text(st, 5, it->text ? it->text : "");
	store_bind_text(st, 6, it->measures ? it->measures : "");
	store_bind_id(st, 7, it->lead_org_id);
	sqlite3_bind_int(st, 8, it->lead_group ? 1 : 0);
	store_bind_id(st, 9, it->lead_person_id);
	store_bind_text(st, 10, it->lead_text ? it->lead_text : "");
	store_bind_text(st, 11, it->coordinators ? it->coordinators : "");
	store_bind_text(st, 12, it->coordinate_with ? it->coordinate_with : "");
	store_bind_text(st, 13, it->addressee ? it->addressee : "");
	store_bind_id(st, 14, it->addressee_org_id);
	store_bind_text(st, 15, it->proposal_state ? it->proposal_state : "");
	store_bind_text(st, 16, it->proposal_note ? it->proposal_note : "");
	store_bind_text(st, 17, it->deadline_text ? it->deadline_text : "");
	store_bind_text(st, 18, deadline_kind_name((enum deadline_kind)it->deadline_kind));
	store_bind_day(st, 19, it->deadline_start);
	store_bind_day(st, 20, it->deadline_end);
	sqlite3_bind_int(st, 21, it->deadline_period);
	store_bind_text(st, 22, it->resources ? it->resources : "");
	store_bind_text(st, 23, it->serves ? it->serves : "");
	store_bind_id(st, 24, it->upper_item_id);
	store_bind_id(st, 25, it->carried_from_id);
	store_bind_text(st, 26, it->status && *it->status ? it->status : "open");
}

int store_plan_item_insert(struct store *s, const struct plan_item *it, int64_t *id,
			   struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "UPDATE plan_items SET seq = seq + 1 WHERE plan_id = ?1 AND seq >= ?2", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, it->plan_id);
	sqlite3_bind_int(st, 2, it->seq);
	int rc = store_step_done(s, st, err);
	if (rc)
		return rc;
	/* Item ids are how versions and their diff match items: an id is never
	 * given twice, even after the item with the largest one was deleted
	 * (the high-water mark is kept in settings by store_plan_item_delete). */
	st = store_stmt(s,
			"SELECT max(coalesce((SELECT max(id) FROM plan_items), 0),"
			" coalesce((SELECT CAST(value AS INTEGER) FROM settings"
			" WHERE key = 'plan_items.deleted_max'), 0)) + 1",
			err);
	if (!st)
		return store_fail_stmt(err);
	rc = sqlite3_step(st);
	int64_t next = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, rc, err);
	st = store_stmt(
		s,
		"INSERT INTO plan_items(part, section, kind, category, text, measures, lead_org_id,"
		" lead_group, lead_person_id, lead_text, coordinators, coordinate_with, addressee,"
		" addressee_org_id, proposal_state, proposal_note, deadline_text, deadline_kind,"
		" deadline_start, deadline_end, deadline_period, resources, serves, upper_item_id,"
		" carried_from_id, status, plan_id, seq, created_at, updated_at, id,"
		" deadline_after_days) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		" ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28,"
		" ?29, ?29, ?30, ?31)",
		err);
	if (!st)
		return store_fail_stmt(err);
	bind_item(st, it);
	sqlite3_bind_int64(st, 27, it->plan_id);
	sqlite3_bind_int(st, 28, it->seq);
	sqlite3_bind_int64(st, 29, it->created_at);
	sqlite3_bind_int64(st, 30, next);
	sqlite3_bind_int(st, 31, it->deadline_after_days);
	if ((rc = store_step_done(s, st, err)))
		return rc;
	*id = store_last_id(s);
	return set_coordinators(s, it, *id, err);
}

int store_plan_item_update(struct store *s, const struct plan_item *it, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"UPDATE plan_items SET part = ?1, section = ?2, kind = ?3, category = ?4, text = ?5,"
		" measures = ?6, lead_org_id = ?7, lead_group = ?8, lead_person_id = ?9,"
		" lead_text = ?10, coordinators = ?11, coordinate_with = ?12, addressee = ?13,"
		" addressee_org_id = ?14, proposal_state = ?15, proposal_note = ?16,"
		" deadline_text = ?17, deadline_kind = ?18, deadline_start = ?19,"
		" deadline_end = ?20, deadline_period = ?21, resources = ?22, serves = ?23,"
		" upper_item_id = ?24, carried_from_id = ?25, status = ?26, updated_at = ?27,"
		" deadline_after_days = ?29 WHERE id = ?28",
		err);
	if (!st)
		return store_fail_stmt(err);
	bind_item(st, it);
	sqlite3_bind_int64(st, 27, it->updated_at);
	sqlite3_bind_int64(st, 28, it->id);
	sqlite3_bind_int(st, 29, it->deadline_after_days);
	int rc = store_step_done(s, st, err);
	if (rc)
		return rc;
	return set_coordinators(s, it, it->id, err);
}

int store_plan_item_delete(struct store *s, int64_t id, struct kh_error *err)
{
	int64_t plan_id = 0;
	int seq = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT plan_id, seq FROM plan_items WHERE id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		plan_id = sqlite3_column_int64(st, 0);
		seq = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy nội dung số %lld",
			       (long long)id);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, rc, err);
	st = store_stmt(s, "DELETE FROM plan_item_coordinators WHERE item_id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_done(s, st, err)))
		return rc;
	st = store_stmt(s, "DELETE FROM plan_items WHERE id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_done(s, st, err)))
		return rc;
	st = store_stmt(s,
			"INSERT INTO settings(key, value) VALUES ('plan_items.deleted_max', ?1)"
			" ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER),"
			" CAST(excluded.value AS INTEGER))",
			err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_done(s, st, err)))
		return rc;
	st = store_stmt(s, "UPDATE plan_items SET seq = seq - 1 WHERE plan_id = ?1 AND seq > ?2",
			err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int(st, 2, seq);
	return store_step_done(s, st, err);
}

int store_plan_item_move(struct store *s, int64_t id, int seq, int64_t now, struct kh_error *err)
{
	int64_t plan_id = 0;
	int from = 0, n = 0;
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT plan_id, seq, (SELECT count(*) FROM plan_items o WHERE o.plan_id ="
		" plan_items.plan_id) FROM plan_items WHERE id = ?1",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		plan_id = sqlite3_column_int64(st, 0);
		from = sqlite3_column_int(st, 1);
		n = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy nội dung số %lld",
			       (long long)id);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, rc, err);
	if (seq < 1)
		seq = 1;
	if (seq > n)
		seq = n;
	if (seq == from)
		return 0;
	st = store_stmt(s,
			"UPDATE plan_items SET seq = CASE WHEN id = ?2 THEN ?4"
			" WHEN ?4 < ?3 THEN seq + 1 ELSE seq - 1 END,"
			" updated_at = CASE WHEN id = ?2 THEN ?5 ELSE updated_at END"
			" WHERE plan_id = ?1 AND seq BETWEEN min(?3, ?4) AND max(?3, ?4)",
			err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int(st, 3, from);
	sqlite3_bind_int(st, 4, seq);
	sqlite3_bind_int64(st, 5, now);
	return store_step_done(s, st, err);
}

int store_plan_item_refs(struct store *s, int64_t id, int *n, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT (SELECT count(*) FROM plan_comments WHERE item_id = ?1 OR answer_item_id = ?1)"
		" + (SELECT count(*) FROM plan_items WHERE upper_item_id = ?1 OR"
		" carried_from_id = ?1) + (SELECT count(*) FROM item_progress WHERE item_id = ?1)",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}

int store_plan_item_set_proposal(struct store *s, int64_t id, const char *state, const char *note,
				 int64_t now, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "UPDATE plan_items SET proposal_state = ?2, proposal_note = ?3,"
			   " updated_at = ?4 WHERE id = ?1",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, state ? state : "");
	store_bind_text(st, 3, note ? note : "");
	sqlite3_bind_int64(st, 4, now);
	return store_step_done(s, st, err);
}

int store_plan_items_assigned(struct store *s, struct arena *a, int64_t plan_id, int64_t org_id,
			      int64_t parent_id, int32_t day, struct plan_item **out, int *n,
			      struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT " ITEM_COLS "," ITEM_LEAD_NAME(
			"?4") " FROM plan_items i WHERE i.plan_id = ?1 AND ((i.lead_org_id = ?2"
			      " AND i.lead_group = 0) OR (i.lead_group = 1 AND i.lead_org_id = ?3)"
			      " OR EXISTS (SELECT 1 FROM plan_item_coordinators c"
			      " WHERE c.item_id = i.id AND c.org_id = ?2)) ORDER BY i.seq, i.id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, org_id);
	bind_opt_i64(st, 3, parent_id);
	sqlite3_bind_int(st, 4, day);
	int rc = read_items(s, a, st, out, n, err);
	if (rc || *n == 0)
		return rc;
	st = store_stmt(s,
			"SELECT c.item_id, c.org_id FROM plan_item_coordinators c"
			" JOIN plan_items i ON i.id = c.item_id WHERE i.plan_id = ?1"
			" ORDER BY c.item_id, c.org_id",
			err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	return attach_coordinators(s, a, st, *out, *n, err);
}

int store_plan_answers(struct store *s, struct arena *a, int64_t plan_id, struct plan_answer **out,
		       int *n, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT i.upper_item_id, p.owner_org_id, i.id, i.plan_id"
			   " FROM plan_items u JOIN plan_items i ON i.upper_item_id = u.id"
			   " JOIN plans p ON p.id = i.plan_id WHERE u.plan_id = ?1"
			   " ORDER BY i.upper_item_id, i.plan_id, i.id",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	struct plan_answer *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		v[count].upper_item_id = sqlite3_column_int64(st, 0);
		v[count].org_id = store_col_id(st, 1);
		v[count].item_id = sqlite3_column_int64(st, 2);
		v[count].plan_id = sqlite3_column_int64(st, 3);
		count++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

/* ---- versions ---- */

int store_plan_version_insert(struct store *s, const struct plan_version_row *v,
			      struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT INTO plan_versions(plan_id, number, kind, reason,"
				      " snapshot, created_at, created_by)"
				      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, v->plan_id);
	sqlite3_bind_int(st, 2, v->number);
	store_bind_text(st, 3, v->kind);
	store_bind_text(st, 4, v->reason ? v->reason : "");
	store_bind_text(st, 5, v->snapshot ? v->snapshot : "{}");
	sqlite3_bind_int64(st, 6, v->created_at);
	store_bind_id(st, 7, v->created_by);
	return store_step_done(s, st, err);
}

#define VERSION_COLS                                                                         \
	"v.plan_id, v.number, v.kind, v.reason, v.created_at, v.created_by,"                 \
	" coalesce((SELECT coalesce(pe.full_name, u.username) FROM users u LEFT JOIN people" \
	" pe ON pe.id = u.person_id WHERE u.id = v.created_by), '')"

static void read_version(struct arena *a, sqlite3_stmt *st, struct plan_version_row *v)
{
	memset(v, 0, sizeof(*v));
	v->plan_id = sqlite3_column_int64(st, 0);
	v->number = sqlite3_column_int(st, 1);
	v->kind = store_col_text(a, st, 2);
	v->reason = store_col_text(a, st, 3);
	v->created_at = sqlite3_column_int64(st, 4);
	v->created_by = store_col_id(st, 5);
	v->created_by_name = store_col_text(a, st, 6);
}

int store_plan_versions(struct store *s, struct arena *a, int64_t plan_id,
			struct plan_version_row **out, int *n, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT " VERSION_COLS
			   " FROM plan_versions v WHERE v.plan_id = ?1 ORDER BY v.number",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	struct plan_version_row *v = NULL;
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

int store_plan_version_get(struct store *s, struct arena *a, int64_t plan_id, int number,
			   struct plan_version_row *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT " VERSION_COLS ", v.snapshot FROM plan_versions v"
				      " WHERE v.plan_id = ?1 AND v.number = ?2",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int(st, 2, number);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_version(a, st, out);
		out->snapshot = store_col_text(a, st, 7);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Kế hoạch không có phiên bản %d", number);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}

/* ---- recipients ---- */

int store_plan_recipients(struct store *s, struct arena *a, int64_t plan_id, int32_t day,
			  struct plan_recipient_row **out, int *n, struct kh_error *err)
{
	/* In the order of the roles, as app_plan_recipients computes them. */
	sqlite3_stmt *st;
	st = store_stmt(
		s,
		"SELECT r.org_id, r.role, " ORG_NAME_NEAR(
			"r.org_id", "?2") ", r.sent_at FROM plan_recipients r"
					  " WHERE r.plan_id = ?1 ORDER BY CASE r.role"
					  " WHEN 'managing' THEN 1 WHEN 'unit' THEN 2"
					  " WHEN 'base' THEN 3 WHEN 'cell' THEN 4 ELSE 5 END,"
					  " r.org_id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int(st, 2, day);
	struct plan_recipient_row *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		v[count].org_id = sqlite3_column_int64(st, 0);
		v[count].role = store_col_text(a, st, 1);
		v[count].org_name = store_col_text(a, st, 2);
		v[count].sent_at = sqlite3_column_int64(st, 3);
		count++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_plan_recipient_put(struct store *s, int64_t plan_id, int64_t org_id, const char *role,
			     int64_t sent_at, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT INTO plan_recipients(plan_id, org_id, role, sent_at)"
				      " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(plan_id, org_id)"
				      " DO UPDATE SET sent_at = excluded.sent_at",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, org_id);
	store_bind_text(st, 3, role);
	sqlite3_bind_int64(st, 4, sent_at);
	return store_step_done(s, st, err);
}

/* ---- the list ---- */

/* The subtree of the orgs in a JSON array as of ?2 — for an org no longer
 * in existence, as of its last day (its final version), as the scope
 * checks judge it. */
#define SUBTREE(name, roots)                                                             \
	name "(id) AS (SELECT value FROM json_each(" roots ") UNION"                     \
	     " SELECT v.org_id FROM org_versions v JOIN " name " ON v.parent_id = " name \
	     ".id JOIN orgs o ON o.id = v.org_id WHERE (v.valid_from <= ?2 AND"          \
	     " (v.valid_to IS NULL OR v.valid_to > ?2)) OR (o.valid_to <= ?2 AND"        \
	     " v.valid_to = o.valid_to))"

/*
 * Parameters: ?1 read roots, ?2 the day, ?3 act orgs, ?4 manage roots (JSON
 * arrays), ?5 1 for no scope, ?6 the actor's person, ?7 1 for the inbox,
 * ?8 owner org, ?9 owner person, ?10 org (subtree filter, JSON array of 0
 * or 1), ?11 year, ?12 status, ?13 limit, ?14 offset, ?15 the FTS match,
 * ?16 the orgs whose issued plans flow down (JSON array).
 */
#define PLAN_LIST_HEAD                                                                             \
	"WITH RECURSIVE " SUBTREE("rsub", "?1") ", " SUBTREE("msub", "?4") ", " SUBTREE(           \
		"osub", "?10") ","                                                                 \
			       " acts(id) AS (SELECT value FROM json_each(?3) UNION"               \
			       " SELECT id FROM msub)"                                             \
			       " SELECT " PLAN_COLS "," PLAN_OWNER_NAME(                           \
				       "?2") ", count(*) OVER () FROM plans p WHERE"               \
					     " (?5 = 1 OR (?7 = 0 AND (p.owner_org_id IN rsub"     \
					     " OR p.owner_person_id = ?6"                          \
					     " OR EXISTS (SELECT 1 FROM people pe"                 \
					     " WHERE pe.id = p.owner_person_id"                    \
					     " AND pe.member_org_id IN rsub)"                      \
					     " OR EXISTS (SELECT 1 FROM positions po"              \
					     " WHERE po.person_id = p.owner_person_id"             \
					     " AND po.valid_from <= ?2 AND (po.valid_to IS NULL"   \
					     " OR po.valid_to > ?2) AND po.org_id IN rsub)))"      \
					     " OR (p.version > 0 AND EXISTS (SELECT 1"             \
					     " FROM plan_recipients r WHERE r.plan_id = p.id"      \
					     " AND r.org_id IN acts))"                             \
					     " OR (?7 = 0 AND p.status IN ('approved',"            \
					     " 'adjusting', 'closed') AND p.owner_org_id IN"       \
					     " (SELECT value FROM json_each(?16))))"               \
					     " AND (?7 = 0 OR (p.version > 0 AND EXISTS (SELECT 1" \
					     " FROM plan_recipients r WHERE r.plan_id = p.id"      \
					     " AND (?5 = 1 OR r.org_id IN acts))))"                \
					     " AND (?8 IS NULL OR p.owner_org_id = ?8)"            \
					     " AND (?9 IS NULL OR p.owner_person_id = ?9)"         \
					     " AND (?10 = '[]' OR p.owner_org_id IN osub"          \
					     " OR EXISTS (SELECT 1 FROM people pe"                 \
					     " WHERE pe.id = p.owner_person_id"                    \
					     " AND pe.member_org_id IN osub))"                     \
					     " AND (?11 IS NULL OR (p.year_from <= ?11"            \
					     " AND p.year_to >= ?11))"                             \
					     " AND (?12 IS NULL OR p.status = ?12)"
#define PLAN_LIST_MATCH                                                            \
	" AND p.id IN (SELECT search_docs.ref_id FROM search_fts JOIN search_docs" \
	" ON search_docs.rowid = search_fts.rowid WHERE search_fts MATCH ?15"      \
	" AND search_docs.type = 4)"
#define PLAN_LIST_ORDER " ORDER BY p.year_to DESC, p.id DESC LIMIT ?13 OFFSET ?14"

int store_plan_list(struct store *s, struct arena *a, const struct plan_filter *f,
		    struct plan **out, int *n, int64_t *total, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	const char *match = f->folded_query ? store_search_match(a, f->folded_query) : "";
	bool query = *match != '\0';
	if (f->folded_query && *f->folded_query && !query)
		return 0;
	sqlite3_stmt *st =
		query ? store_stmt(s, PLAN_LIST_HEAD PLAN_LIST_MATCH PLAN_LIST_ORDER, err)
		      : store_stmt(s, PLAN_LIST_HEAD PLAN_LIST_ORDER, err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, f->all ? "[]" : ids_json(a, f->read_roots, f->n_read_roots));
	sqlite3_bind_int(st, 2, f->day);
	store_bind_text(st, 3, f->all ? "[]" : ids_json(a, f->act_orgs, f->n_act_orgs));
	store_bind_text(st, 4, f->all ? "[]" : ids_json(a, f->manage_roots, f->n_manage_roots));
	sqlite3_bind_int(st, 5, f->all ? 1 : 0);
	sqlite3_bind_int64(st, 6, f->person_id ? f->person_id : -1);
	sqlite3_bind_int(st, 7, f->inbox ? 1 : 0);
	bind_opt_i64(st, 8, f->owner_org_id);
	bind_opt_i64(st, 9, f->owner_person_id);
	store_bind_text(st, 10, f->org_id ? ids_json(a, &f->org_id, 1) : "[]");
	if (f->year)
		sqlite3_bind_int(st, 11, f->year);
	else
		sqlite3_bind_null(st, 11);
	store_bind_text(st, 12, f->status && *f->status ? f->status : NULL);
	sqlite3_bind_int(st, 13, f->limit);
	sqlite3_bind_int(st, 14, f->offset);
	if (query)
		store_bind_text(st, 15, match);
	store_bind_text(st, 16, f->all ? "[]" : ids_json(a, f->issued_orgs, f->n_issued_orgs));
	struct plan *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		read_plan(a, st, &v[count++]);
		*total = sqlite3_column_int64(st, 23);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	if (count == 0 && f->offset > 0) {
		struct plan_filter g = *f;
		struct plan *dummy;
		int dn;
		g.offset = 0;
		g.limit = 1;
		return store_plan_list(s, a, &g, &dummy, &dn, total, err);
	}
	*out = v;
	*n = count;
	return 0;
}

int store_plan_open_comments(struct store *s, int64_t plan_id, int *n, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT count(*) FROM plan_comments WHERE plan_id = ?1 AND answer IS NULL", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}

int store_plan_items_open_issued(struct store *s, struct arena *a, int32_t day,
				 struct plan_item **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT " ITEM_COLS "," ITEM_LEAD_NAME(
			"?1") " FROM plan_items i JOIN plans p ON p.id = i.plan_id"
			      " WHERE p.status IN ('approved', 'adjusting') AND i.done_day IS NULL"
			      " AND i.deadline_kind IN ('date', 'window', 'recurring', 'conditional')"
			      " ORDER BY i.plan_id, i.seq",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int(st, 1, day);
	return read_items(s, a, st, out, n, err);
}

int store_plan_ids_issued(struct store *s, struct arena *a, int64_t org_id, int64_t person_id,
			  int year_from, int year_to, int64_t **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT id FROM plans WHERE (owner_org_id = ?1"
				      " OR owner_person_id = ?4)"
				      " AND status IN ('approved', 'adjusting', 'closed')"
				      " AND year_from <= ?3 AND year_to >= ?2"
				      " ORDER BY year_from DESC, id DESC",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int64(st, 4, person_id);
	sqlite3_bind_int(st, 2, year_from);
	sqlite3_bind_int(st, 3, year_to);
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
