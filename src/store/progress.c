/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The SQL of progress (see store/progress.h): the history of reports of an
 * item with the org and the author named, the item's figures, the
 * occurrences of recurring duties reported done, evidence files and the
 * plans that reference them, assignments of upper items to orgs (with the
 * answer looked up live when none is recorded), cleaning what points at an
 * item before it is deleted, and the reminders' dedupe.
 */
#include "core/common.h"
#include "store/progress.h"
#include "store/internal.h"

#include <string.h>

#define ORG_NAME_NEAR(col, day)                                                     \
	"coalesce((SELECT v.name FROM org_versions v WHERE v.org_id = " col         \
	" AND v.valid_from <= " day " AND (v.valid_to IS NULL OR v.valid_to > " day \
	") LIMIT 1), (SELECT v.name FROM org_versions v WHERE v.org_id = " col      \
	" ORDER BY v.valid_from DESC LIMIT 1), '')"

const char *store_db_path(struct store *s)
{
	return s && s->path ? s->path : "";
}

/* ---- reports ---- */

int store_progress_insert(struct store *s, const struct store_progress_row *r, int64_t *id,
			  struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO item_progress(item_id, org_id, occurrence_end, state, percent, day,"
		" note, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, r->item_id);
	store_bind_id(st, 2, r->org_id);
	store_bind_day(st, 3, r->occurrence_end);
	store_bind_text(st, 4, r->state);
	sqlite3_bind_int(st, 5, r->percent);
	sqlite3_bind_int(st, 6, r->day);
	store_bind_text(st, 7, r->note ? r->note : "");
	store_bind_id(st, 8, r->created_by);
	sqlite3_bind_int64(st, 9, r->created_at);
	int rc = store_step_done(s, st, err);
	if (!rc)
		*id = store_last_id(s);
	return rc;
}

#define PROGRESS_COLS                                                                       \
	"g.id, g.item_id, g.org_id, g.occurrence_end, g.state, g.percent, g.day, g.note,"   \
	" g.created_by, coalesce((SELECT pe.full_name FROM users u JOIN people pe"          \
	" ON pe.id = u.person_id WHERE u.id = g.created_by), (SELECT u.username FROM users" \
	" u WHERE u.id = g.created_by), ''), g.created_at"

static void read_row(struct arena *a, sqlite3_stmt *st, struct store_progress_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->item_id = sqlite3_column_int64(st, 1);
	r->org_id = store_col_id(st, 2);
	r->occurrence_end = store_col_day(st, 3);
	r->state = store_col_text(a, st, 4);
	r->percent = sqlite3_column_int(st, 5);
	r->day = store_col_day(st, 6);
	r->note = store_col_text(a, st, 7);
	r->created_by = store_col_id(st, 8);
	r->created_by_name = store_col_text(a, st, 9);
	r->created_at = sqlite3_column_int64(st, 10);
	r->org_name = "";
}

int store_progress_list(struct store *s, struct arena *a, int64_t item_id, int32_t day,
			struct store_progress_row **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT " PROGRESS_COLS ", CASE WHEN g.org_id IS NULL THEN ''"
			   " ELSE " ORG_NAME_NEAR("g.org_id",
						  "?2") " END"
							" FROM item_progress g WHERE g.item_id = ?1"
							" ORDER BY g.day DESC, g.id DESC",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int(st, 2, day);
	struct store_progress_row *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		read_row(a, st, &v[count]);
		v[count].org_name = store_col_text(a, st, 11);
		count++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_progress_lead_latest(struct store *s, struct arena *a, int64_t item_id,
			       struct store_progress_row *out, bool *found, struct kh_error *err)
{
	*found = false;
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT " PROGRESS_COLS " FROM item_progress g"
				      " WHERE g.item_id = ?1 AND g.org_id IS NULL"
				      " ORDER BY coalesce(g.occurrence_end, 0) DESC,"
				      " g.id DESC LIMIT 1",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, item_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_row(a, st, out);
		*found = true;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_progress_item_set(struct store *s, int64_t item_id, const char *state, int percent,
			    int32_t day, int32_t done_day, int64_t now, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "UPDATE plan_items SET progress_state = ?2,"
				      " progress_percent = ?3, progress_day = ?4, done_day = ?5,"
				      " updated_at = ?6 WHERE id = ?1",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, item_id);
	store_bind_text(st, 2, state);
	sqlite3_bind_int(st, 3, percent);
	store_bind_day(st, 4, day);
	store_bind_day(st, 5, done_day);
	sqlite3_bind_int64(st, 6, now);
	return store_step_done(s, st, err);
}

int store_progress_event_set(struct store *s, int64_t item_id, int32_t day, int64_t now,
			     struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "UPDATE plan_items SET event_day = ?2, updated_at = ?3 WHERE id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, item_id);
	store_bind_day(st, 2, day);
	sqlite3_bind_int64(st, 3, now);
	return store_step_done(s, st, err);
}

/* The pairs of a bound statement (item_id, occurrence_end). */
static int read_ends(struct store *s, struct arena *a, sqlite3_stmt *st,
		     struct store_done_end **out, int *n, struct kh_error *err)
{
	struct store_done_end *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		v[count].item_id = sqlite3_column_int64(st, 0);
		v[count].end = sqlite3_column_int(st, 1);
		count++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

/* Both forms walk item_progress by its index on item_id: one item, or the
 * items of one plan. */
#define DONE_END_LATEST                                                                  \
	" g.org_id IS NULL AND g.occurrence_end IS NOT NULL AND g.state = 'done'"        \
	" AND g.id = (SELECT max(h.id) FROM item_progress h WHERE h.item_id = g.item_id" \
	" AND h.org_id IS NULL AND h.occurrence_end = g.occurrence_end)"

int store_progress_done_ends(struct store *s, struct arena *a, int64_t item_id, int64_t plan_id,
			     struct store_done_end **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st;
	if (item_id) {
		st = store_stmt(s,
				"SELECT g.item_id, g.occurrence_end FROM item_progress g"
				" WHERE g.item_id = ?1 AND" DONE_END_LATEST
				" ORDER BY g.occurrence_end",
				err);
		if (!st)
			return store_fail_stmt(err);
		sqlite3_bind_int64(st, 1, item_id);
	} else {
		st = store_stmt(s,
				"SELECT g.item_id, g.occurrence_end FROM plan_items i"
				" JOIN item_progress g ON g.item_id = i.id WHERE i.plan_id = ?1"
				" AND i.deadline_kind = 'recurring' AND" DONE_END_LATEST
				" ORDER BY g.item_id, g.occurrence_end",
				err);
		if (!st)
			return store_fail_stmt(err);
		sqlite3_bind_int64(st, 1, plan_id);
	}
	return read_ends(s, a, st, out, n, err);
}

/* ---- files ---- */

int store_file_put(struct store *s, const char *sha256, int64_t size, const char *mime, int64_t now,
		   struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT OR IGNORE INTO files(sha256, size, mime, created_at)"
				      " VALUES (?1, ?2, ?3, ?4)",
				      err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, sha256);
	sqlite3_bind_int64(st, 2, size);
	store_bind_text(st, 3, mime);
	sqlite3_bind_int64(st, 4, now);
	return store_step_done(s, st, err);
}

int store_file_get(struct store *s, struct arena *a, const char *sha256, struct store_file *out,
		   struct kh_error *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st =
		store_stmt(s, "SELECT sha256, size, mime FROM files WHERE sha256 = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, sha256);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->sha256 = store_col_text(a, st, 0);
		out->size = sqlite3_column_int64(st, 1);
		out->mime = store_col_text(a, st, 2);
		out->name = "";
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy tệp");
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}

int store_evidence_put(struct store *s, int64_t progress_id, const char *sha256, const char *name,
		       struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT OR IGNORE INTO progress_evidence(progress_id, sha256,"
				      " name) VALUES (?1, ?2, ?3)",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, progress_id);
	store_bind_text(st, 2, sha256);
	store_bind_text(st, 3, name);
	return store_step_done(s, st, err);
}

int store_evidence_of_item(struct store *s, struct arena *a, int64_t item_id,
			   struct store_file **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT e.progress_id, e.sha256, e.name, f.mime, f.size FROM progress_evidence e"
		" JOIN item_progress g ON g.id = e.progress_id JOIN files f ON f.sha256 = e.sha256"
		" WHERE g.item_id = ?1 ORDER BY e.progress_id, e.name",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, item_id);
	struct store_file *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		v[count].progress_id = sqlite3_column_int64(st, 0);
		v[count].sha256 = store_col_text(a, st, 1);
		v[count].name = store_col_text(a, st, 2);
		v[count].mime = store_col_text(a, st, 3);
		v[count].size = sqlite3_column_int64(st, 4);
		count++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_evidence_plans(struct store *s, struct arena *a, const char *sha256, int64_t **plans,
			 int *n, const char **name, struct kh_error *err)
{
	*plans = NULL;
	*n = 0;
	*name = "";
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT i.plan_id, min(e.name) FROM progress_evidence e"
				      " JOIN item_progress g ON g.id = e.progress_id"
				      " JOIN plan_items i ON i.id = g.item_id WHERE e.sha256 = ?1"
				      " GROUP BY i.plan_id ORDER BY i.plan_id",
				      err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, sha256);
	int64_t *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		v[count] = sqlite3_column_int64(st, 0);
		if (count == 0)
			*name = store_col_text(a, st, 1);
		count++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*plans = v;
	*n = count;
	return 0;
}

/* ---- assignments ---- */

int store_assignment_put(struct store *s, int64_t item_id, int64_t org_id, int64_t answer_item_id,
			 int64_t now, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT OR IGNORE INTO item_assignments(item_id, org_id,"
				      " answer_item_id, created_at) VALUES (?1, ?2, ?3, ?4)",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int64(st, 2, org_id);
	store_bind_id(st, 3, answer_item_id);
	sqlite3_bind_int64(st, 4, now);
	int rc = store_step_done(s, st, err);
	if (rc || !answer_item_id)
		return rc;
	return store_assignment_answer(s, item_id, org_id, answer_item_id, err);
}

int store_assignments_unanswered_clear(struct store *s, int64_t item_id, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "DELETE FROM item_assignments WHERE item_id = ?1 AND answer_item_id IS NULL",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, item_id);
	return store_step_done(s, st, err);
}

int store_assignment_answer(struct store *s, int64_t upper_item_id, int64_t org_id,
			    int64_t answer_item_id, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "UPDATE item_assignments SET answer_item_id = ?3"
			   " WHERE item_id = ?1 AND org_id = ?2 AND answer_item_id IS NULL",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, upper_item_id);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_int64(st, 3, answer_item_id);
	return store_step_done(s, st, err);
}

int store_assignments(struct store *s, struct arena *a, int64_t org_id, int64_t item_id,
		      int32_t day, struct store_assignment **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT x.item_id, x.org_id, x.org_name, x.answer, (SELECT plan_id FROM plan_items"
		" WHERE id = x.answer) FROM (SELECT s.item_id, s.org_id,"
		" " ORG_NAME_NEAR(
			"s.org_id",
			"?3") " AS org_name, coalesce(s.answer_item_id,"
			      " (SELECT i.id FROM plan_items i JOIN plans p ON p.id = i.plan_id"
			      " WHERE i.upper_item_id = s.item_id AND p.owner_org_id = s.org_id"
			      " ORDER BY i.id LIMIT 1)) AS answer FROM item_assignments s"
			      " WHERE (?1 > 0 AND s.org_id = ?1) OR (?2 > 0 AND s.item_id = ?2)) x"
			      " ORDER BY CASE WHEN ?1 > 0 THEN -x.item_id ELSE 0 END, x.org_name, x.org_id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int64(st, 2, item_id);
	sqlite3_bind_int(st, 3, day);
	struct store_assignment *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		v[count].item_id = sqlite3_column_int64(st, 0);
		v[count].org_id = sqlite3_column_int64(st, 1);
		v[count].org_name = store_col_text(a, st, 2);
		v[count].answer_item_id = store_col_id(st, 3);
		v[count].answer_plan_id = store_col_id(st, 4);
		count++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_assignment_counts(struct store *s, struct arena *a, int64_t plan_id,
			    struct store_assign_count **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT s.item_id, count(*), sum(s.answer_item_id IS NOT NULL OR EXISTS (SELECT 1"
		" FROM plan_items x JOIN plans p ON p.id = x.plan_id WHERE x.upper_item_id ="
		" s.item_id AND p.owner_org_id = s.org_id)) FROM plan_items i JOIN item_assignments s"
		" ON s.item_id = i.id WHERE i.plan_id = ?1 GROUP BY s.item_id ORDER BY s.item_id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	struct store_assign_count *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		v[count].item_id = sqlite3_column_int64(st, 0);
		v[count].assigned = sqlite3_column_int(st, 1);
		v[count].answered = sqlite3_column_int(st, 2);
		count++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

/* Runs a statement bound to one id. */
static int exec_id(struct store *s, sqlite3_stmt *st, int64_t id, struct kh_error *err)
{
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	return store_step_done(s, st, err);
}

int store_progress_forget_item(struct store *s, int64_t item_id, struct kh_error *err)
{
	int rc;
	if ((rc = exec_id(s,
			  store_stmt(s,
				     "DELETE FROM progress_evidence WHERE progress_id IN"
				     " (SELECT id FROM item_progress WHERE item_id = ?1)",
				     err),
			  item_id, err)) ||
	    (rc = exec_id(s, store_stmt(s, "DELETE FROM item_progress WHERE item_id = ?1", err),
			  item_id, err)) ||
	    (rc = exec_id(s, store_stmt(s, "DELETE FROM item_assignments WHERE item_id = ?1", err),
			  item_id, err)) ||
	    (rc = exec_id(s,
			  store_stmt(s,
				     "UPDATE item_assignments SET answer_item_id = NULL"
				     " WHERE answer_item_id = ?1",
				     err),
			  item_id, err)))
		return rc;
	return exec_id(
		s,
		store_stmt(s, "DELETE FROM reminders WHERE subject = 'item' AND subject_id = ?1",
			   err),
		item_id, err);
}

int store_progress_forget_plan(struct store *s, int64_t plan_id, struct kh_error *err)
{
	int rc;
	if ((rc = exec_id(s,
			  store_stmt(s,
				     "DELETE FROM progress_evidence WHERE progress_id IN"
				     " (SELECT g.id FROM item_progress g JOIN plan_items i"
				     " ON i.id = g.item_id WHERE i.plan_id = ?1)",
				     err),
			  plan_id, err)) ||
	    (rc = exec_id(s,
			  store_stmt(s,
				     "DELETE FROM item_progress WHERE item_id IN"
				     " (SELECT id FROM plan_items WHERE plan_id = ?1)",
				     err),
			  plan_id, err)) ||
	    (rc = exec_id(s,
			  store_stmt(s,
				     "DELETE FROM item_assignments WHERE item_id IN"
				     " (SELECT id FROM plan_items WHERE plan_id = ?1)",
				     err),
			  plan_id, err)))
		return rc;
	return exec_id(s,
		       store_stmt(s,
				  "UPDATE item_assignments SET answer_item_id = NULL"
				  " WHERE answer_item_id IN (SELECT id FROM plan_items"
				  " WHERE plan_id = ?1)",
				  err),
		       plan_id, err);
}

/* ---- reminders ---- */

int store_reminder_mark(struct store *s, const char *subject, int64_t subject_id, const char *stage,
			int64_t org_id, int32_t day, bool *fresh, struct kh_error *err)
{
	*fresh = false;
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT OR IGNORE INTO reminders(subject, subject_id, stage,"
				      " org_id, sent_day) VALUES (?1, ?2, ?3, ?4, ?5)",
				      err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, subject);
	sqlite3_bind_int64(st, 2, subject_id);
	store_bind_text(st, 3, stage);
	sqlite3_bind_int64(st, 4, org_id);
	sqlite3_bind_int(st, 5, day);
	int rc = store_step_done(s, st, err);
	if (!rc)
		*fresh = sqlite3_changes(s->db) > 0;
	return rc;
}
