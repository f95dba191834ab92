/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The SQL of comments and requests on plans: one row carries the comment,
 * its answer, its escalation and the decision on it. The three completing
 * writes are guarded UPDATEs (the step must still be open) whose change
 * count tells the use case whether it won; reads join the author's person or
 * account and the names of the orgs involved.
 */
#include "core/common.h"
#include "store/comment.h"
#include "store/internal.h"

#include <string.h>

/* Steps a statement expected to change rows; *changes gets how many. */
static int step_changes(struct store *s, sqlite3_stmt *st, int *changes, struct kh_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*changes = sqlite3_changes(s->db);
	return 0;
}

/* The org's name in force on day, else its latest name. */
#define ORG_NAME_NEAR(col, day)                                                     \
	"coalesce((SELECT v.name FROM org_versions v WHERE v.org_id = " col         \
	" AND v.valid_from <= " day " AND (v.valid_to IS NULL OR v.valid_to > " day \
	") LIMIT 1), (SELECT v.name FROM org_versions v WHERE v.org_id = " col      \
	" ORDER BY v.valid_from DESC LIMIT 1), '')"

#define ON_BEHALF_NAME                                                                           \
	"CASE WHEN c.on_behalf_org_id IS NULL THEN '' ELSE " ORG_NAME_NEAR("c.on_behalf_org_id", \
									   "?9") " END"
#define ESCALATED_NAME                                                         \
	"CASE WHEN c.escalated_to_org_id IS NULL THEN '' ELSE " ORG_NAME_NEAR( \
		"c.escalated_to_org_id", "?9") " END"
#define AUTHOR_NAME                                                                    \
	"coalesce((SELECT p.full_name FROM people p WHERE p.id = c.author_person_id)," \
	" (SELECT u.username FROM users u WHERE u.id = c.author_user_id), '')"

/* ?9 is the day the names are taken on in every read below. */
#define COMMENT_COLS                                                                           \
	"c.id, c.plan_id, c.item_id, c.version, c.kind, c.author_user_id,"                     \
	" c.author_person_id, c.on_behalf_org_id, c.text, c.created_at, c.created_day,"        \
	" coalesce(c.answer, ''), c.answer_text, c.answer_item_id, c.answered_at,"             \
	" c.answered_by, c.escalated_at, c.escalated_by, c.escalated_to_org_id,"               \
	" coalesce(c.decision, ''), c.decision_text, c.decided_at, c.decided_by, " AUTHOR_NAME \
	", " ON_BEHALF_NAME ", " ESCALATED_NAME " FROM plan_comments c"

static int64_t col_i64(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, i);
}

static void read_comment(struct arena *a, sqlite3_stmt *st, struct plan_comment *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->plan_id = sqlite3_column_int64(st, 1);
	c->item_id = store_col_id(st, 2);
	c->version = sqlite3_column_int(st, 3);
	const char *kind = (const char *)sqlite3_column_text(st, 4);
	enum plan_comment_kind k = PLAN_COMMENT_COMMENT;
	if (kind && plan_comment_kind_parse(kind, &k))
		c->kind = k;
	c->author_user_id = col_i64(st, 5);
	c->author_person_id = store_col_id(st, 6);
	c->on_behalf_org_id = store_col_id(st, 7);
	c->text = store_col_text(a, st, 8);
	c->created_at = sqlite3_column_int64(st, 9);
	c->created_day = sqlite3_column_int(st, 10);
	c->answer = store_col_text(a, st, 11);
	c->answer_text = store_col_text(a, st, 12);
	c->answer_item_id = store_col_id(st, 13);
	c->answered_at = col_i64(st, 14);
	c->answered_by = col_i64(st, 15);
	c->escalated_at = col_i64(st, 16);
	c->escalated_by = col_i64(st, 17);
	c->escalated_to_org_id = store_col_id(st, 18);
	c->decision = store_col_text(a, st, 19);
	c->decision_text = store_col_text(a, st, 20);
	c->decided_at = col_i64(st, 21);
	c->decided_by = col_i64(st, 22);
	c->author_name = store_col_text(a, st, 23);
	c->on_behalf_name = store_col_text(a, st, 24);
	c->escalated_to_name = store_col_text(a, st, 25);
}

int store_comment_insert(struct store *s, const struct plan_comment *c, int64_t *id,
			 struct kh_error *err)
{
	int changes;
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO plan_comments(plan_id, item_id, version, kind, author_user_id,"
		" author_person_id, on_behalf_org_id, text, created_at, created_day)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, c->plan_id);
	store_bind_id(st, 2, c->item_id);
	sqlite3_bind_int(st, 3, c->version);
	store_bind_text(st, 4, plan_comment_kind_name(c->kind));
	store_bind_id(st, 5, c->author_user_id);
	store_bind_id(st, 6, c->author_person_id);
	store_bind_id(st, 7, c->on_behalf_org_id);
	store_bind_text(st, 8, c->text);
	sqlite3_bind_int64(st, 9, c->created_at);
	sqlite3_bind_int(st, 10, c->created_day);
	int rc = step_changes(s, st, &changes, err);
	if (rc)
		return rc;
	*id = store_last_id(s);
	return 0;
}

int store_comment_get(struct store *s, struct arena *a, int64_t id, int32_t day,
		      struct plan_comment *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " COMMENT_COLS " WHERE c.id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 9, day);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_comment(a, st, out);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy góp ý số %lld",
			       (long long)id);
	return store_sqlerr(s, rc, err);
}

/* Collects every row of a prepared read into an arena array. */
static int collect(struct store *s, struct arena *a, sqlite3_stmt *st, struct plan_comment **out,
		   int *n, struct kh_error *err)
{
	int cap = 16, count = 0, rc;
	struct plan_comment *v = arena_alloc(a, sizeof(*v) * (size_t)cap);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			struct plan_comment *w = arena_alloc(a, sizeof(*w) * (size_t)cap * 2);
			memcpy(w, v, sizeof(*v) * (size_t)count);
			v = w;
			cap *= 2;
		}
		read_comment(a, st, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_comment_list(struct store *s, struct arena *a, int64_t plan_id, int32_t day,
		       struct plan_comment **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st =
		store_stmt(s, "SELECT " COMMENT_COLS " WHERE c.plan_id = ?1 ORDER BY c.id", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int(st, 9, day);
	return collect(s, a, st, out, n, err);
}

int store_comment_escalations(struct store *s, struct arena *a, int32_t day,
			      struct plan_comment **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT " COMMENT_COLS
			   " WHERE c.escalated_to_org_id IS NOT NULL AND c.decision IS NULL"
			   " ORDER BY c.escalated_at, c.id",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int(st, 9, day);
	return collect(s, a, st, out, n, err);
}

int store_comment_set_answer(struct store *s, int64_t id, const char *answer, const char *text,
			     int64_t answer_item_id, int64_t at, int64_t by, bool *done,
			     struct kh_error *err)
{
	int changes = 0;
	*done = false;
	sqlite3_stmt *st = store_stmt(
		s,
		"UPDATE plan_comments SET answer = ?2, answer_text = ?3, answer_item_id = ?4,"
		" answered_at = ?5, answered_by = ?6 WHERE id = ?1 AND answer IS NULL",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, answer);
	store_bind_text(st, 3, text ? text : "");
	store_bind_id(st, 4, answer_item_id);
	sqlite3_bind_int64(st, 5, at);
	store_bind_id(st, 6, by);
	int rc = step_changes(s, st, &changes, err);
	*done = rc == 0 && changes > 0;
	return rc;
}

int store_comment_set_escalation(struct store *s, int64_t id, int64_t to_org_id, int64_t at,
				 int64_t by, bool *done, struct kh_error *err)
{
	int changes = 0;
	*done = false;
	sqlite3_stmt *st =
		store_stmt(s,
			   "UPDATE plan_comments SET escalated_at = ?2, escalated_by = ?3,"
			   " escalated_to_org_id = ?4 WHERE id = ?1 AND answer IS NULL"
			   " AND escalated_at IS NULL",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	store_bind_id(st, 3, by);
	sqlite3_bind_int64(st, 4, to_org_id);
	int rc = step_changes(s, st, &changes, err);
	*done = rc == 0 && changes > 0;
	return rc;
}

int store_comment_set_decision(struct store *s, int64_t id, const char *decision, const char *text,
			       int64_t at, int64_t by, bool *done, struct kh_error *err)
{
	int changes = 0;
	*done = false;
	sqlite3_stmt *st = store_stmt(s,
				      "UPDATE plan_comments SET decision = ?2, decision_text = ?3,"
				      " decided_at = ?4, decided_by = ?5 WHERE id = ?1"
				      " AND escalated_to_org_id IS NOT NULL AND decision IS NULL",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, decision);
	store_bind_text(st, 3, text ? text : "");
	sqlite3_bind_int64(st, 4, at);
	store_bind_id(st, 5, by);
	int rc = step_changes(s, st, &changes, err);
	*done = rc == 0 && changes > 0;
	return rc;
}

/* ---- plan rows ---- */

int store_comment_item_plan(struct store *s, int64_t item_id, int64_t *plan_id, int *seq,
			    struct kh_error *err)
{
	*plan_id = 0;
	*seq = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT plan_id, seq FROM plan_items WHERE id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, item_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*plan_id = sqlite3_column_int64(st, 0);
		*seq = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_comment_recipient_orgs(struct store *s, struct arena *a, int64_t plan_id, int64_t **out,
				 int *n, struct kh_error *err)
{
	int cap = 8, count = 0, rc;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s, "SELECT org_id FROM plan_recipients WHERE plan_id = ?1 ORDER BY sent_at, org_id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, plan_id);
	int64_t *v = arena_alloc(a, sizeof(*v) * (size_t)cap);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			int64_t *w = arena_alloc(a, sizeof(*w) * (size_t)cap * 2);
			memcpy(w, v, sizeof(*v) * (size_t)count);
			v = w;
			cap *= 2;
		}
		v[count++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}
