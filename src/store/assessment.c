/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The SQL of the year-end self-assessment (see store/assessment.h): one
 * assessment row per plan, its ratings per item, and its remedies joined
 * with the plan item each was carried into (a deleted item reads as not
 * carried).
 */
#include "core/common.h"
#include "store/assessment.h"
#include "store/internal.h"

#include <string.h>

static int fail_stmt(struct kh_error *err)
{
	return err && err->code ? err->code : KH_EIO;
}

static int step_done(struct store *s, sqlite3_stmt *st, struct kh_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_assessment_get(struct store *s, struct arena *a, int64_t plan_id,
			 struct store_assessment *out, struct kh_error *err)
{
	memset(out, 0, sizeof(*out));
	out->plan_id = plan_id;
	out->status = "draft";
	out->summary = out->shortcomings = out->causes = "";
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT id, status, summary, shortcomings, causes, created_by, created_at,"
		" updated_at, submitted_by, submitted_at FROM assessments WHERE plan_id = ?1",
		err);
	if (!st)
		return fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->status = store_col_text(a, st, 1);
		out->summary = store_col_text(a, st, 2);
		out->shortcomings = store_col_text(a, st, 3);
		out->causes = store_col_text(a, st, 4);
		out->created_by = store_col_id(st, 5);
		out->created_at = sqlite3_column_int64(st, 6);
		out->updated_at = sqlite3_column_int64(st, 7);
		out->submitted_by = store_col_id(st, 8);
		out->submitted_at = sqlite3_column_int64(st, 9);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_assessment_put(struct store *s, const struct store_assessment *a, int64_t *id,
			 struct kh_error *err)
{
	sqlite3_stmt *st;
	if (a->id)
		st = store_stmt(
			s,
			"UPDATE assessments SET status = ?2, summary = ?3, shortcomings = ?4,"
			" causes = ?5, updated_at = ?6, submitted_by = ?7, submitted_at = ?8"
			" WHERE id = ?1",
			err);
	else
		st = store_stmt(s,
				"INSERT INTO assessments (plan_id, status, summary, shortcomings,"
				" causes, updated_at, submitted_by, submitted_at, created_by,"
				" created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
				err);
	if (!st)
		return fail_stmt(err);
	sqlite3_bind_int64(st, 1, a->id ? a->id : a->plan_id);
	store_bind_text(st, 2, a->status);
	store_bind_text(st, 3, a->summary ? a->summary : "");
	store_bind_text(st, 4, a->shortcomings ? a->shortcomings : "");
	store_bind_text(st, 5, a->causes ? a->causes : "");
	sqlite3_bind_int64(st, 6, a->updated_at);
	store_bind_id(st, 7, a->submitted_by);
	if (a->submitted_at)
		sqlite3_bind_int64(st, 8, a->submitted_at);
	if (!a->id) {
		store_bind_id(st, 9, a->created_by);
		sqlite3_bind_int64(st, 10, a->created_at);
	}
	int rc = step_done(s, st, err);
	if (!rc && id)
		*id = a->id ? a->id : sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_assessment_ratings(struct store *s, struct arena *a, int64_t assessment_id,
			     struct store_assessment_rating **out, int *n, struct kh_error *err)
{
	int cap = 0, count = 0, rc;
	struct store_assessment_rating *v = NULL;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s, "SELECT item_id, rating, note FROM assessment_items WHERE assessment_id = ?1",
		err);
	if (!st)
		return fail_stmt(err);
	sqlite3_bind_int64(st, 1, assessment_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			int ncap = cap ? cap * 2 : 32;
			struct store_assessment_rating *w =
				arena_alloc(a, sizeof(*w) * (size_t)ncap);
			if (count)
				memcpy(w, v, sizeof(*w) * (size_t)count);
			v = w;
			cap = ncap;
		}
		v[count].item_id = sqlite3_column_int64(st, 0);
		v[count].rating = store_col_text(a, st, 1);
		v[count].note = store_col_text(a, st, 2);
		count++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_assessment_rating_put(struct store *s, int64_t assessment_id,
				const struct store_assessment_rating *r, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT OR REPLACE INTO assessment_items (assessment_id,"
				      " item_id, rating, note) VALUES (?1, ?2, ?3, ?4)",
				      err);
	if (!st)
		return fail_stmt(err);
	sqlite3_bind_int64(st, 1, assessment_id);
	sqlite3_bind_int64(st, 2, r->item_id);
	store_bind_text(st, 3, r->rating);
	store_bind_text(st, 4, r->note ? r->note : "");
	return step_done(s, st, err);
}

int store_assessment_remedies(struct store *s, struct arena *a, int64_t assessment_id,
			      struct store_remedy **out, int *n, struct kh_error *err)
{
	int cap = 0, count = 0, rc;
	struct store_remedy *v = NULL;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT r.id, r.seq, r.text, i.id, i.plan_id, r.carried_at"
				      " FROM assessment_remedies r"
				      " LEFT JOIN plan_items i ON i.id = r.carried_item_id"
				      " WHERE r.assessment_id = ?1 ORDER BY r.seq, r.id",
				      err);
	if (!st)
		return fail_stmt(err);
	sqlite3_bind_int64(st, 1, assessment_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			int ncap = cap ? cap * 2 : 16;
			struct store_remedy *w = arena_alloc(a, sizeof(*w) * (size_t)ncap);
			if (count)
				memcpy(w, v, sizeof(*w) * (size_t)count);
			v = w;
			cap = ncap;
		}
		struct store_remedy *m = &v[count++];
		m->id = sqlite3_column_int64(st, 0);
		m->seq = sqlite3_column_int(st, 1);
		m->text = store_col_text(a, st, 2);
		m->carried_item_id = store_col_id(st, 3);
		m->carried_plan_id = store_col_id(st, 4);
		m->carried_at = m->carried_item_id ? sqlite3_column_int64(st, 5) : 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_assessment_remedies_set(struct store *s, int64_t assessment_id, const char *const *texts,
				  int n, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s, "DELETE FROM assessment_remedies WHERE assessment_id = ?1", err);
	if (!st)
		return fail_stmt(err);
	sqlite3_bind_int64(st, 1, assessment_id);
	int rc = step_done(s, st, err);
	for (int i = 0; !rc && i < n; i++) {
		st = store_stmt(s,
				"INSERT INTO assessment_remedies (assessment_id, seq, text)"
				" VALUES (?1, ?2, ?3)",
				err);
		if (!st)
			return fail_stmt(err);
		sqlite3_bind_int64(st, 1, assessment_id);
		sqlite3_bind_int(st, 2, i + 1);
		store_bind_text(st, 3, texts[i]);
		rc = step_done(s, st, err);
	}
	return rc;
}

int store_assessment_remedy_carried(struct store *s, int64_t remedy_id, int64_t item_id, int64_t at,
				    struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "UPDATE assessment_remedies SET carried_item_id = ?2,"
				      " carried_at = ?3 WHERE id = ?1",
				      err);
	if (!st)
		return fail_stmt(err);
	sqlite3_bind_int64(st, 1, remedy_id);
	store_bind_id(st, 2, item_id);
	sqlite3_bind_int64(st, 3, at);
	return step_done(s, st, err);
}
