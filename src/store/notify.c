/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The SQL of notifications (addressed to an org or a person, read marks per
 * user), of the mail outbox and of the settings table. A user's list is one
 * query over the two address indexes: the person, or the orgs the app passes
 * as a JSON array bound to one parameter.
 */
#include "core/common.h"
#include "core/buf.h"
#include "store/internal.h"
#include "store/notify.h"

#include <string.h>

static int step_changes(struct store *s, sqlite3_stmt *st, int *changes, struct kh_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	if (changes)
		*changes = sqlite3_changes(s->db);
	return 0;
}

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

/* ---- notifications ---- */

int store_notification_insert(struct store *s, const struct notification *n, int64_t *id,
			      struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "INSERT INTO notifications(created_at, kind, org_id, person_id, plan_id,"
			   " comment_id, text, link) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, n->created_at);
	store_bind_text(st, 2, n->kind);
	store_bind_id(st, 3, n->org_id);
	store_bind_id(st, 4, n->person_id);
	store_bind_id(st, 5, n->plan_id);
	store_bind_id(st, 6, n->comment_id);
	store_bind_text(st, 7, n->text ? n->text : "");
	store_bind_text(st, 8, n->link ? n->link : "");
	int rc = step_changes(s, st, NULL, err);
	if (rc)
		return rc;
	*id = store_last_id(s);
	return 0;
}

/* The audience's notifications: ?1 user, ?2 person (NULL = none), ?3 orgs
 * (JSON array).
 *
 * One event often reaches a user by several rows: a plan sent to every
 * recipient org is one row per org, and a person holding positions in two
 * of them sees both. Lists and counts therefore take the rows of one event —
 * same kind, plan, comment and second — as one notification, shown with its
 * first row's id and read when any of its rows is; marking one row read
 * marks them all. */
#define AUDIENCE                                                       \
	" FROM notifications n WHERE (n.person_id = ?2 OR n.org_id IN" \
	" (SELECT value FROM json_each(?3)))"
#define IS_READ                                                           \
	"EXISTS (SELECT 1 FROM notification_reads r WHERE r.user_id = ?1" \
	" AND r.notification_id = n.id)"

static void bind_audience(struct arena *a, sqlite3_stmt *st,
			  const struct notification_audience *who)
{
	sqlite3_bind_int64(st, 1, who->user_id);
	store_bind_id(st, 2, who->person_id);
	store_bind_text(st, 3, ids_json(a, who->orgs, who->n_orgs));
}

/* The audience's events: id (the first row's) and rd (read) per event. */
#define EVENTS                                                                    \
	"WITH events AS (SELECT min(n.id) AS id, max(" IS_READ ") AS rd" AUDIENCE \
	" GROUP BY n.kind, n.plan_id, n.comment_id, n.created_at) "
/* The rows of the audience that belong to the event of row ?4. */
#define SAME_EVENT                                                   \
	" AND EXISTS (SELECT 1 FROM notifications k WHERE k.id = ?4" \
	" AND k.kind = n.kind AND k.plan_id IS n.plan_id"            \
	" AND k.comment_id IS n.comment_id AND k.created_at = n.created_at)"

static int counts(struct store *s, struct arena *a, const struct notification_audience *who,
		  int64_t *total, int64_t *unread, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s, EVENTS "SELECT count(*), coalesce(sum(NOT rd), 0) FROM events", err);
	if (!st)
		return store_fail_stmt(err);
	bind_audience(a, st, who);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*total = sqlite3_column_int64(st, 0);
		*unread = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}

int store_notification_list(struct store *s, struct arena *a,
			    const struct notification_audience *who, bool unread_only, int limit,
			    int offset, struct notification **out, int *n, int64_t *total,
			    int64_t *unread, struct kh_error *err)
{
	int64_t all = 0;
	*out = NULL;
	*n = 0;
	*total = *unread = 0;
	int rc = counts(s, a, who, &all, unread, err);
	if (rc)
		return rc;
	*total = unread_only ? *unread : all;
	sqlite3_stmt *st =
		store_stmt(s,
			   EVENTS "SELECT n.id, n.created_at, n.kind, n.org_id,"
				  " n.person_id, n.plan_id, n.comment_id, n.text, n.link,"
				  " e.rd FROM events e JOIN notifications n ON n.id = e.id"
				  " WHERE (?4 = 0 OR NOT e.rd)"
				  " ORDER BY n.id DESC LIMIT ?5 OFFSET ?6",
			   err);
	if (!st)
		return store_fail_stmt(err);
	bind_audience(a, st, who);
	sqlite3_bind_int(st, 4, unread_only ? 1 : 0);
	sqlite3_bind_int(st, 5, limit);
	sqlite3_bind_int(st, 6, offset);
	struct notification *v = arena_alloc(a, sizeof(*v) * (size_t)(limit > 0 ? limit : 1));
	int count = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && count < limit) {
		struct notification *x = &v[count++];
		memset(x, 0, sizeof(*x));
		x->id = sqlite3_column_int64(st, 0);
		x->created_at = sqlite3_column_int64(st, 1);
		x->kind = store_col_text(a, st, 2);
		x->org_id = store_col_id(st, 3);
		x->person_id = store_col_id(st, 4);
		x->plan_id = store_col_id(st, 5);
		x->comment_id = store_col_id(st, 6);
		x->text = store_col_text(a, st, 7);
		x->link = store_col_text(a, st, 8);
		x->read = sqlite3_column_int(st, 9) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_notification_unread(struct store *s, const struct notification_audience *who,
			      int64_t *count, struct kh_error *err)
{
	struct arena a;
	int64_t total = 0;
	arena_init(&a, 1024);
	*count = 0;
	int rc = counts(s, &a, who, &total, count, err);
	arena_release(&a);
	return rc;
}

int store_notification_mark_read(struct store *s, const struct notification_audience *who,
				 int64_t id, bool *found, struct kh_error *err)
{
	struct arena a;
	int rc;
	*found = false;
	arena_init(&a, 1024);
	sqlite3_stmt *st = store_stmt(s, "SELECT 1" AUDIENCE " AND n.id = ?4", err);
	if (!st) {
		rc = store_fail_stmt(err);
		goto out;
	}
	bind_audience(&a, st, who);
	sqlite3_bind_int64(st, 4, id);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		rc = store_sqlerr(s, rc, err);
		goto out;
	}
	rc = 0;
	if (!*found)
		goto out;
	st = store_stmt(s,
			"INSERT OR IGNORE INTO notification_reads(user_id, notification_id)"
			" SELECT ?1, n.id" AUDIENCE SAME_EVENT,
			err);
	if (!st) {
		rc = store_fail_stmt(err);
		goto out;
	}
	bind_audience(&a, st, who);
	sqlite3_bind_int64(st, 4, id);
	rc = step_changes(s, st, NULL, err);
out:
	arena_release(&a);
	return rc;
}

int store_notification_mark_all_read(struct store *s, const struct notification_audience *who,
				     int *marked, struct kh_error *err)
{
	struct arena a;
	arena_init(&a, 1024);
	*marked = 0;
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT OR IGNORE INTO notification_reads(user_id,"
				      " notification_id) SELECT ?1, n.id" AUDIENCE,
				      err);
	int rc;
	if (!st) {
		rc = store_fail_stmt(err);
	} else {
		bind_audience(&a, st, who);
		rc = step_changes(s, st, marked, err);
	}
	arena_release(&a);
	return rc;
}

int store_notify_emails(struct store *s, struct arena *a, int64_t person_id, int64_t org_id,
			int32_t day, const char ***out, int *n, struct kh_error *err)
{
	int cap = 8, count = 0, rc;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT DISTINCT u.email FROM users u WHERE u.disabled = 0 AND u.email <> ''"
		" AND u.person_id IS NOT NULL AND (u.person_id = ?1 OR u.person_id IN"
		" (SELECT p.person_id FROM positions p WHERE p.valid_from <= ?3"
		" AND (p.valid_to IS NULL OR p.valid_to > ?3) AND (p.org_id = ?2 OR p.org_id IN"
		" (SELECT v.org_id FROM org_versions v JOIN orgs o ON o.id = v.org_id"
		" WHERE v.parent_id = ?2 AND o.kind = 'office' AND v.valid_from <= ?3"
		" AND (v.valid_to IS NULL OR v.valid_to > ?3))))) ORDER BY u.email",
		err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_id(st, 1, person_id);
	store_bind_id(st, 2, org_id);
	sqlite3_bind_int(st, 3, day);
	const char **v = arena_alloc(a, sizeof(*v) * (size_t)cap);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			const char **w = arena_alloc(a, sizeof(*w) * (size_t)cap * 2);
			memcpy(w, v, sizeof(*v) * (size_t)count);
			v = w;
			cap *= 2;
		}
		v[count++] = store_col_text(a, st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

/* ---- the mail outbox ---- */

int store_mail_insert(struct store *s, const char *to_addr, const char *subject, const char *body,
		      int64_t now, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT INTO mail_outbox(created_at, to_addr, subject, body)"
				      " SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM"
				      " mail_outbox WHERE sent_at IS NULL AND created_at = ?1"
				      " AND to_addr = ?2 AND subject = ?3 AND body = ?4)",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, now);
	store_bind_text(st, 2, to_addr);
	store_bind_text(st, 3, subject);
	store_bind_text(st, 4, body);
	return step_changes(s, st, NULL, err);
}

int store_mail_pending(struct store *s, struct arena *a, int max, int max_attempts,
		       struct mail_message **out, int *n, struct kh_error *err)
{
	int count = 0, rc;
	*out = NULL;
	*n = 0;
	if (max < 1)
		return 0;
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT id, created_at, to_addr, subject, body, attempts,"
				      " last_error FROM mail_outbox WHERE sent_at IS NULL"
				      " AND attempts < ?2 ORDER BY id LIMIT ?1",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int(st, 1, max);
	sqlite3_bind_int(st, 2, max_attempts);
	struct mail_message *v = arena_alloc(a, sizeof(*v) * (size_t)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && count < max) {
		struct mail_message *m = &v[count++];
		memset(m, 0, sizeof(*m));
		m->id = sqlite3_column_int64(st, 0);
		m->created_at = sqlite3_column_int64(st, 1);
		m->to_addr = store_col_text(a, st, 2);
		m->subject = store_col_text(a, st, 3);
		m->body = store_col_text(a, st, 4);
		m->attempts = sqlite3_column_int(st, 5);
		m->last_error = store_col_text(a, st, 6);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_mail_mark_sent(struct store *s, int64_t id, int64_t now, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "UPDATE mail_outbox SET sent_at = ?2, attempts = attempts + 1,"
			   " last_error = '' WHERE id = ?1",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	return step_changes(s, st, NULL, err);
}

int store_mail_mark_failed(struct store *s, int64_t id, const char *error, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "UPDATE mail_outbox SET attempts = attempts + 1,"
				      " last_error = ?2 WHERE id = ?1",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, error ? error : "");
	return step_changes(s, st, NULL, err);
}

/* ---- settings ---- */

int store_setting_get(struct store *s, struct arena *a, const char *key, const char **value,
		      struct kh_error *err)
{
	*value = NULL;
	sqlite3_stmt *st = store_stmt(s, "SELECT value FROM settings WHERE key = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = store_col_text(a, st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_setting_set(struct store *s, const char *key, const char *value, struct kh_error *err)
{
	sqlite3_stmt *st;
	if (!value) {
		st = store_stmt(s, "DELETE FROM settings WHERE key = ?1", err);
		if (!st)
			return store_fail_stmt(err);
		store_bind_text(st, 1, key);
		return step_changes(s, st, NULL, err);
	}
	st = store_stmt(s,
			"INSERT INTO settings(key, value) VALUES (?1, ?2)"
			" ON CONFLICT(key) DO UPDATE SET value = excluded.value",
			err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, value);
	return step_changes(s, st, NULL, err);
}
