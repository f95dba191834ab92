/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The SQL of quality classification (see store/classification.h): the rule
 * sets held as data, one classification per subject and period with its
 * current stage, the history of its steps, and the counts of a deciding
 * group that the quota is judged on.
 */
#include "core/common.h"
#include "store/classification.h"
#include "store/internal.h"

#include <string.h>

static int col_points(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int(st, i);
}

static void bind_points(sqlite3_stmt *st, int i, int v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, v);
}

/* ---- rules ---- */

#define RULE_COLS                                                                     \
	"code, title, year_from, coalesce(year_to, 0), periods, scored, general_max," \
	" task_max, excellent_min, good_min, complete_min, late_weight_pct,"          \
	" excellent_on_time, quota_pct, quota_min, conditions, exceed_points"

static void read_rule(struct arena *a, sqlite3_stmt *st, struct class_rule_row *r)
{
	memset(r, 0, sizeof(*r));
	r->code = store_col_text(a, st, 0);
	r->title = store_col_text(a, st, 1);
	r->year_from = sqlite3_column_int(st, 2);
	r->year_to = sqlite3_column_int(st, 3);
	r->periods = store_col_text(a, st, 4);
	r->scored = sqlite3_column_int(st, 5) != 0;
	r->general_max = sqlite3_column_int(st, 6);
	r->task_max = sqlite3_column_int(st, 7);
	r->excellent_min = sqlite3_column_int(st, 8);
	r->good_min = sqlite3_column_int(st, 9);
	r->complete_min = sqlite3_column_int(st, 10);
	r->late_weight_pct = sqlite3_column_int(st, 11);
	r->excellent_on_time = sqlite3_column_int(st, 12) != 0;
	r->quota_pct = sqlite3_column_int(st, 13);
	r->quota_min = sqlite3_column_int(st, 14);
	r->conditions = store_col_text(a, st, 15);
	r->exceed_points = sqlite3_column_int(st, 16);
}

int store_class_rules(struct store *s, struct arena *a, struct class_rule_row **out, int *n,
		      struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT " RULE_COLS " FROM classification_rules ORDER BY year_from, code", err);
	if (!st)
		return store_fail_stmt(err);
	int rc, cap = 0;
	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = store_vec_grow(a, *out, &cap, *n, sizeof(**out));
		read_rule(a, st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

static int one_rule(struct store *s, struct arena *a, sqlite3_stmt *st, struct class_rule_row *out,
		    struct kh_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_rule(a, st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không có quy định xếp loại cho kỳ này");
	return store_sqlerr(s, rc, err);
}

int store_class_rule_for(struct store *s, struct arena *a, int year, struct class_rule_row *out,
			 struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT " RULE_COLS " FROM classification_rules WHERE"
				      " year_from <= ?1 AND (year_to IS NULL OR year_to >= ?1)"
				      " ORDER BY year_from DESC LIMIT 1",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int(st, 1, year);
	return one_rule(s, a, st, out, err);
}

int store_class_rule_get(struct store *s, struct arena *a, const char *code,
			 struct class_rule_row *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT " RULE_COLS " FROM classification_rules WHERE code = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, code);
	return one_rule(s, a, st, out, err);
}

/* ---- classifications ---- */

#define ORG_NAME(col)                                                       \
	"coalesce((SELECT v.name FROM org_versions v WHERE v.org_id = " col \
	" ORDER BY v.valid_from DESC LIMIT 1), '')"

#define CLASS_COLS                                                                                                   \
	"c.id, c.rule_code, c.subject_kind, c.org_id, c.person_id, c.deciding_org_id,"                               \
	" c.period_kind, c.year, c.part, c.stage, c.grade, c.general_points,"                                        \
	" c.task_points, c.created_at, c.updated_at, " ORG_NAME(                                                     \
		"c.org_id") ","                                                                                      \
			    " coalesce((SELECT p.full_name FROM people p WHERE p.id = c.person_id), ''), " ORG_NAME( \
				    "c.deciding_org_id")

static void read_class(struct arena *a, sqlite3_stmt *st, struct class_row *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->rule_code = store_col_text(a, st, 1);
	c->subject_kind = store_col_text(a, st, 2);
	c->org_id = sqlite3_column_int64(st, 3);
	c->person_id = store_col_id(st, 4);
	c->deciding_org_id = sqlite3_column_int64(st, 5);
	c->period_kind = store_col_text(a, st, 6);
	c->year = sqlite3_column_int(st, 7);
	c->part = sqlite3_column_int(st, 8);
	c->stage = store_col_text(a, st, 9);
	c->grade = store_col_text(a, st, 10);
	c->general_points = col_points(st, 11);
	c->task_points = col_points(st, 12);
	c->created_at = sqlite3_column_int64(st, 13);
	c->updated_at = sqlite3_column_int64(st, 14);
	c->org_name = store_col_text(a, st, 15);
	c->person_name = store_col_text(a, st, 16);
	c->deciding_org_name = store_col_text(a, st, 17);
}

static int one_class(struct store *s, struct arena *a, sqlite3_stmt *st, struct class_row *out,
		     struct kh_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_class(a, st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy kết quả xếp loại");
	return store_sqlerr(s, rc, err);
}

int store_class_get(struct store *s, struct arena *a, int64_t id, struct class_row *out,
		    struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s, "SELECT " CLASS_COLS " FROM classifications c WHERE c.id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	return one_class(s, a, st, out, err);
}

int store_class_find(struct store *s, struct arena *a, const struct class_row *key,
		     struct class_row *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT " CLASS_COLS " FROM classifications c WHERE"
				      " c.subject_kind = ?1 AND c.org_id = ?2 AND"
				      " coalesce(c.person_id, 0) = ?3 AND c.period_kind = ?4 AND"
				      " c.year = ?5 AND c.part = ?6",
				      err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, key->subject_kind);
	sqlite3_bind_int64(st, 2, key->org_id);
	sqlite3_bind_int64(st, 3, key->person_id);
	store_bind_text(st, 4, key->period_kind);
	sqlite3_bind_int(st, 5, key->year);
	sqlite3_bind_int(st, 6, key->part);
	return one_class(s, a, st, out, err);
}

int store_class_insert(struct store *s, const struct class_row *c, int64_t *id,
		       struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO classifications (rule_code, subject_kind, org_id, person_id,"
		" deciding_org_id, period_kind, year, part, stage, grade, general_points,"
		" task_points, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
		" ?9, ?10, ?11, ?12, ?13, ?13)",
		err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, c->rule_code);
	store_bind_text(st, 2, c->subject_kind);
	sqlite3_bind_int64(st, 3, c->org_id);
	store_bind_id(st, 4, c->person_id);
	sqlite3_bind_int64(st, 5, c->deciding_org_id);
	store_bind_text(st, 6, c->period_kind);
	sqlite3_bind_int(st, 7, c->year);
	sqlite3_bind_int(st, 8, c->part);
	store_bind_text(st, 9, c->stage);
	store_bind_text(st, 10, c->grade);
	bind_points(st, 11, c->general_points);
	bind_points(st, 12, c->task_points);
	sqlite3_bind_int64(st, 13, c->created_at);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*id = store_last_id(s);
	return 0;
}

int store_class_update(struct store *s, const struct class_row *c, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "UPDATE classifications SET rule_code = ?2, stage = ?3,"
				      " grade = ?4, general_points = ?5, task_points = ?6,"
				      " updated_at = ?7 WHERE id = ?1",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, c->id);
	store_bind_text(st, 2, c->rule_code);
	store_bind_text(st, 3, c->stage);
	store_bind_text(st, 4, c->grade);
	bind_points(st, 5, c->general_points);
	bind_points(st, 6, c->task_points);
	sqlite3_bind_int64(st, 7, c->updated_at);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_class_list(struct store *s, struct arena *a, int64_t org_id, int year,
		     struct class_row **out, int *n, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT " CLASS_COLS " FROM classifications c WHERE"
			   " (c.org_id = ?1 OR c.deciding_org_id = ?1) AND (c.year = ?2 OR"
			   " (c.period_kind = 'term' AND c.year <= ?2 AND c.part >= ?2))"
			   " ORDER BY c.subject_kind, c.period_kind, c.part, c.org_id, c.person_id",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, year);
	int rc, cap = 0;
	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = store_vec_grow(a, *out, &cap, *n, sizeof(**out));
		read_class(a, st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_class_group_counts(struct store *s, const struct class_row *group, int64_t exclude_id,
			     int *excellent, int *good_or_better, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT coalesce(sum(grade = 'excellent'), 0),"
		" coalesce(sum(grade IN ('excellent', 'good')), 0) FROM classifications WHERE"
		" deciding_org_id = ?1 AND subject_kind = ?2 AND period_kind = ?3 AND year = ?4"
		" AND part = ?5 AND stage = 'decided' AND id <> ?6",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, group->deciding_org_id);
	store_bind_text(st, 2, group->subject_kind);
	store_bind_text(st, 3, group->period_kind);
	sqlite3_bind_int(st, 4, group->year);
	sqlite3_bind_int(st, 5, group->part);
	sqlite3_bind_int64(st, 6, exclude_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*excellent = sqlite3_column_int(st, 0);
		*good_or_better = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}

/* ---- steps ---- */

int store_class_step_insert(struct store *s, const struct class_step_row *r, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO classification_steps (classification_id, stage, grade,"
		" general_points, task_points, note, by_user, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		" ?7, ?8)",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, r->classification_id);
	store_bind_text(st, 2, r->stage);
	store_bind_text(st, 3, r->grade);
	bind_points(st, 4, r->general_points);
	bind_points(st, 5, r->task_points);
	store_bind_text(st, 6, r->note ? r->note : "");
	store_bind_id(st, 7, r->by_user);
	sqlite3_bind_int64(st, 8, r->at);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_class_steps(struct store *s, struct arena *a, int64_t class_id,
		      struct class_step_row **out, int *n, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT t.id, t.classification_id, t.stage, t.grade, t.general_points,"
		" t.task_points, t.note, t.by_user, t.at, coalesce((SELECT u.username FROM users u"
		" WHERE u.id = t.by_user), '') FROM classification_steps t"
		" WHERE t.classification_id = ?1 ORDER BY t.id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, class_id);
	int rc, cap = 0;
	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = store_vec_grow(a, *out, &cap, *n, sizeof(**out));
		struct class_step_row *r = &(*out)[(*n)++];
		r->id = sqlite3_column_int64(st, 0);
		r->classification_id = sqlite3_column_int64(st, 1);
		r->stage = store_col_text(a, st, 2);
		r->grade = store_col_text(a, st, 3);
		r->general_points = col_points(st, 4);
		r->task_points = col_points(st, 5);
		r->note = store_col_text(a, st, 6);
		r->by_user = store_col_id(st, 7);
		r->at = sqlite3_column_int64(st, 8);
		r->by_name = store_col_text(a, st, 9);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}
