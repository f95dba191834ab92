/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The SQL of report campaigns (see store/report.h): campaigns, their due
 * days and appendix indicators, reports, filings; the reporting orgs of a
 * subtree in one recursive query over the tree as of a day; the progress
 * counts of an org's approved plans in one aggregate; the lock of the
 * figures a report accepted; reminders remembered once per report, stage
 * and org.
 */
#include "core/common.h"
#include "store/report.h"
#include "store/internal.h"

#include <string.h>

/* The org's name in force on day, else its latest name. */
#define ORG_NAME_NEAR(col, day)                                                     \
	"coalesce((SELECT v.name FROM org_versions v WHERE v.org_id = " col         \
	" AND v.valid_from <= " day " AND (v.valid_to IS NULL OR v.valid_to > " day \
	") LIMIT 1), (SELECT v.name FROM org_versions v WHERE v.org_id = " col      \
	" ORDER BY v.valid_from DESC LIMIT 1), '')"

/* ---- campaigns ---- */

#define CAMPAIGN_COLS                                                                      \
	"c.id, c.org_id, c.kind, c.year_from, c.year_to, c.title, c.number, c.outline,"    \
	" c.conference_from, c.conference_to, c.after_conference, c.status, c.created_by," \
	" c.created_at, c.updated_at, (SELECT o.level FROM orgs o WHERE o.id = c.org_id)"

static void read_campaign(struct arena *a, sqlite3_stmt *st, struct report_campaign_row *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->org_id = sqlite3_column_int64(st, 1);
	c->kind = store_col_text(a, st, 2);
	c->year_from = sqlite3_column_int(st, 3);
	c->year_to = sqlite3_column_int(st, 4);
	c->title = store_col_text(a, st, 5);
	c->number = store_col_text(a, st, 6);
	c->outline = store_col_text(a, st, 7);
	c->conference_from = store_col_day(st, 8);
	c->conference_to = store_col_day(st, 9);
	c->after_conference = store_col_text(a, st, 10);
	c->status = store_col_text(a, st, 11);
	c->created_by = store_col_id(st, 12);
	c->created_at = sqlite3_column_int64(st, 13);
	c->updated_at = sqlite3_column_int64(st, 14);
	c->org_level = sqlite3_column_int(st, 15);
	c->org_name = store_col_text(a, st, 16);
}

int store_report_campaign_insert(struct store *s, const struct report_campaign_row *c, int64_t *id,
				 struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO report_campaigns (org_id, kind, year_from, year_to, title, number,"
		" outline, conference_from, conference_to, after_conference, status, created_by,"
		" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
		" ?12, ?13, ?13)",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, c->org_id);
	store_bind_text(st, 2, c->kind);
	sqlite3_bind_int(st, 3, c->year_from);
	sqlite3_bind_int(st, 4, c->year_to);
	store_bind_text(st, 5, c->title);
	store_bind_text(st, 6, c->number ? c->number : "");
	store_bind_text(st, 7, c->outline ? c->outline : "[]");
	store_bind_day(st, 8, c->conference_from);
	store_bind_day(st, 9, c->conference_to);
	store_bind_text(st, 10, c->after_conference ? c->after_conference : "");
	store_bind_text(st, 11, c->status ? c->status : "open");
	store_bind_id(st, 12, c->created_by);
	sqlite3_bind_int64(st, 13, c->created_at);
	int rc = store_step_done(s, st, err);
	if (rc)
		return rc;
	*id = store_last_id(s);
	return 0;
}

int store_report_campaign_update(struct store *s, const struct report_campaign_row *c,
				 struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"UPDATE report_campaigns SET title = ?2, number = ?3, outline = ?4,"
		" conference_from = ?5, conference_to = ?6, after_conference = ?7, status = ?8,"
		" updated_at = ?9 WHERE id = ?1",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, c->id);
	store_bind_text(st, 2, c->title);
	store_bind_text(st, 3, c->number);
	store_bind_text(st, 4, c->outline);
	store_bind_day(st, 5, c->conference_from);
	store_bind_day(st, 6, c->conference_to);
	store_bind_text(st, 7, c->after_conference);
	store_bind_text(st, 8, c->status);
	sqlite3_bind_int64(st, 9, c->updated_at);
	return store_step_done(s, st, err);
}

int store_report_campaign_get(struct store *s, struct arena *a, int64_t id, int32_t day,
			      struct report_campaign_row *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT " CAMPAIGN_COLS
				      "," ORG_NAME_NEAR("c.org_id", "?2") " FROM report_campaigns c"
									  " WHERE c.id = ?1",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_campaign(a, st, out);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy đợt báo cáo số %lld",
			       (long long)id);
	return store_sqlerr(s, rc, err);
}

int store_report_campaign_list(struct store *s, struct arena *a, int64_t org_id, int32_t day,
			       struct report_campaign_row **out, int *n, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT " CAMPAIGN_COLS "," ORG_NAME_NEAR(
			"c.org_id",
			"?2") " FROM report_campaigns c WHERE ?1 = 0 OR c.org_id = ?1 OR c.id IN"
			      " (SELECT r.campaign_id FROM reports r WHERE r.org_id = ?1)"
			      " ORDER BY c.year_to DESC, c.id DESC LIMIT 1000",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, day);
	struct report_campaign_row *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		read_campaign(a, st, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_report_due_put(struct store *s, int64_t campaign_id, int level, int32_t due_day,
			 struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "INSERT OR REPLACE INTO report_campaign_due (campaign_id, level,"
			   " due_day) VALUES (?1, ?2, ?3)",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, campaign_id);
	sqlite3_bind_int(st, 2, level);
	sqlite3_bind_int(st, 3, due_day);
	return store_step_done(s, st, err);
}

int store_report_due_list(struct store *s, struct arena *a, int64_t campaign_id, int **levels,
			  int32_t **days, int *n, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT level, due_day FROM report_campaign_due"
				      " WHERE campaign_id = ?1 ORDER BY level",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, campaign_id);
	int *lv = NULL;
	int32_t *dv = NULL;
	int cap = 0, cap2 = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		lv = store_vec_grow(a, lv, &cap, count, sizeof(*lv));
		dv = store_vec_grow(a, dv, &cap2, count, sizeof(*dv));
		lv[count] = sqlite3_column_int(st, 0);
		dv[count++] = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*levels = lv;
	*days = dv;
	*n = count;
	return 0;
}

int store_report_indicator_put(struct store *s, int64_t campaign_id, int64_t indicator_id, int seq,
			       struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT OR REPLACE INTO report_campaign_indicators"
				      " (campaign_id, indicator_id, seq) VALUES (?1, ?2, ?3)",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, campaign_id);
	sqlite3_bind_int64(st, 2, indicator_id);
	sqlite3_bind_int(st, 3, seq);
	return store_step_done(s, st, err);
}

int store_report_indicator_list(struct store *s, struct arena *a, int64_t campaign_id,
				int64_t **ids, int *n, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT indicator_id FROM report_campaign_indicators"
				      " WHERE campaign_id = ?1 ORDER BY seq, indicator_id",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, campaign_id);
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

int store_report_indicator_org(struct store *s, int64_t indicator_id, int64_t *org_id,
			       struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT org_id FROM indicators WHERE id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, indicator_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*org_id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, "indicator_ids", "Không có chỉ tiêu số %lld",
			       (long long)indicator_id);
	return store_sqlerr(s, rc, err);
}

int store_report_subtree_orgs(struct store *s, struct arena *a, int64_t root, int32_t day,
			      struct report_org **out, int *n, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT v.org_id FROM org_versions v"
		" JOIN sub ON v.parent_id = sub.id WHERE v.valid_from <= ?2"
		" AND (v.valid_to IS NULL OR v.valid_to > ?2))"
		" SELECT o.id, o.level, " ORG_NAME_NEAR("o.id",
							"?2") " AS name FROM orgs o"
							      " JOIN sub ON o.id = sub.id"
							      " WHERE o.id <> ?1 AND o.kind IN"
							      " ('committee', 'cell')"
							      " ORDER BY o.level, name, o.id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, root);
	sqlite3_bind_int(st, 2, day);
	struct report_org *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		v[count].id = sqlite3_column_int64(st, 0);
		v[count].level = sqlite3_column_int(st, 1);
		v[count].name = store_col_text(a, st, 2);
		count++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

/* ---- reports ---- */

#define REPORT_COLS                                                                             \
	"r.id, r.campaign_id, r.org_id, r.status, r.due_day, r.number, r.body, r.submitted_at," \
	" r.submitted_day, r.returned_reason, r.decided_at, r.decided_by, r.created_at,"        \
	" r.updated_at, (SELECT o.level FROM orgs o WHERE o.id = r.org_id)"

static void read_report(struct arena *a, sqlite3_stmt *st, struct report_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->campaign_id = sqlite3_column_int64(st, 1);
	r->org_id = sqlite3_column_int64(st, 2);
	r->status = store_col_text(a, st, 3);
	r->due_day = sqlite3_column_int(st, 4);
	r->number = store_col_text(a, st, 5);
	r->body = store_col_text(a, st, 6);
	r->submitted_at = store_col_id(st, 7);
	r->submitted_day = store_col_day(st, 8);
	r->returned_reason = store_col_text(a, st, 9);
	r->decided_at = store_col_id(st, 10);
	r->decided_by = store_col_id(st, 11);
	r->created_at = sqlite3_column_int64(st, 12);
	r->updated_at = sqlite3_column_int64(st, 13);
	r->org_level = sqlite3_column_int(st, 14);
	r->org_name = store_col_text(a, st, 15);
}

int store_report_insert(struct store *s, const struct report_row *r, int64_t *id,
			struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT INTO reports (campaign_id, org_id, status, due_day,"
				      " number, body, created_at, updated_at)"
				      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, r->campaign_id);
	sqlite3_bind_int64(st, 2, r->org_id);
	store_bind_text(st, 3, r->status ? r->status : "draft");
	sqlite3_bind_int(st, 4, r->due_day);
	store_bind_text(st, 5, r->number ? r->number : "");
	store_bind_text(st, 6, r->body ? r->body : "{}");
	sqlite3_bind_int64(st, 7, r->created_at);
	int rc = store_step_done(s, st, err);
	if (rc)
		return rc;
	*id = store_last_id(s);
	return 0;
}

int store_report_get(struct store *s, struct arena *a, int64_t id, int32_t day,
		     struct report_row *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT " REPORT_COLS
				      "," ORG_NAME_NEAR("r.org_id", "?2") " FROM reports r"
									  " WHERE r.id = ?1",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_report(a, st, out);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy báo cáo số %lld",
			       (long long)id);
	return store_sqlerr(s, rc, err);
}

int store_report_list(struct store *s, struct arena *a, int64_t campaign_id, int32_t day,
		      struct report_row **out, int *n, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT " REPORT_COLS
			   "," ORG_NAME_NEAR("r.org_id", "?2") " AS name FROM reports r"
							       " WHERE r.campaign_id = ?1"
							       " ORDER BY 15, name, r.org_id",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, campaign_id);
	sqlite3_bind_int(st, 2, day);
	struct report_row *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		read_report(a, st, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_report_update(struct store *s, const struct report_row *r, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"UPDATE reports SET number = ?2, body = ?3, status = ?4, submitted_at = ?5,"
		" submitted_day = ?6, returned_reason = ?7, decided_at = ?8, decided_by = ?9,"
		" updated_at = ?10 WHERE id = ?1",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, r->id);
	store_bind_text(st, 2, r->number);
	store_bind_text(st, 3, r->body);
	store_bind_text(st, 4, r->status);
	store_bind_id(st, 5, r->submitted_at);
	store_bind_day(st, 6, r->submitted_day);
	store_bind_text(st, 7, r->returned_reason);
	store_bind_id(st, 8, r->decided_at);
	store_bind_id(st, 9, r->decided_by);
	sqlite3_bind_int64(st, 10, r->updated_at);
	return store_step_done(s, st, err);
}

int store_report_lock_figures(struct store *s, int64_t campaign_id, int64_t org_id, int year_from,
			      int year_to, bool locked, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"UPDATE indicator_values SET locked = ?5 WHERE org_id = ?2"
		" AND period IN ('year', 'h1', 'estimate') AND year BETWEEN ?3 AND ?4"
		" AND indicator_id IN (SELECT indicator_id FROM report_campaign_indicators"
		" WHERE campaign_id = ?1)",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, campaign_id);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_int(st, 3, year_from);
	sqlite3_bind_int(st, 4, year_to);
	sqlite3_bind_int(st, 5, locked ? 1 : 0);
	return store_step_done(s, st, err);
}

int store_report_progress(struct store *s, int64_t org_id, int year_from, int year_to,
			  int32_t today, struct report_progress *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT count(DISTINCT p.id), count(i.id),"
		" coalesce(sum(i.progress_state = 'done'), 0),"
		" coalesce(sum(i.progress_state = 'done' AND i.deadline_end IS NOT NULL"
		" AND i.done_day > i.deadline_end), 0),"
		" coalesce(sum(i.progress_state <> 'done' AND i.deadline_end IS NOT NULL"
		" AND i.deadline_end < ?4), 0)"
		" FROM plans p LEFT JOIN plan_items i ON i.plan_id = p.id AND i.kind <> 'proposal'"
		" WHERE p.owner_org_id = ?1 AND p.status IN ('approved', 'adjusting', 'closed')"
		" AND p.year_from <= ?3 AND p.year_to >= ?2",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, year_from);
	sqlite3_bind_int(st, 3, year_to);
	sqlite3_bind_int(st, 4, today);
	memset(out, 0, sizeof(*out));
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->plans = sqlite3_column_int(st, 0);
		out->items = sqlite3_column_int(st, 1);
		out->done = sqlite3_column_int(st, 2);
		out->done_late = sqlite3_column_int(st, 3);
		out->overdue = sqlite3_column_int(st, 4);
		out->due_later = out->items - out->done - out->overdue;
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

/* ---- filings ---- */

int store_report_filing_insert(struct store *s, const struct report_filing_row *f, int64_t *id,
			       struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT INTO report_filings (report_id, kind, document_id,"
				      " sha256, name, filed_at, filed_by)"
				      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, f->report_id);
	store_bind_text(st, 2, f->kind);
	store_bind_id(st, 3, f->document_id);
	store_bind_text(st, 4, f->sha256 && *f->sha256 ? f->sha256 : NULL);
	store_bind_text(st, 5, f->name ? f->name : "");
	sqlite3_bind_int64(st, 6, f->filed_at);
	store_bind_id(st, 7, f->filed_by);
	int rc = store_step_done(s, st, err);
	if (rc)
		return rc;
	*id = store_last_id(s);
	return 0;
}

int store_report_filing_list(struct store *s, struct arena *a, int64_t report_id,
			     struct report_filing_row **out, int *n, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT f.id, f.report_id, f.kind, f.document_id, coalesce(d.number, ''),"
		" coalesce(d.title, ''), coalesce(f.sha256, ''), f.name, f.filed_at, f.filed_by"
		" FROM report_filings f LEFT JOIN documents d ON d.id = f.document_id"
		" WHERE f.report_id = ?1 ORDER BY f.id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, report_id);
	struct report_filing_row *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		struct report_filing_row *f = &v[count++];
		f->id = sqlite3_column_int64(st, 0);
		f->report_id = sqlite3_column_int64(st, 1);
		f->kind = store_col_text(a, st, 2);
		f->document_id = store_col_id(st, 3);
		f->document_number = store_col_text(a, st, 4);
		f->document_title = store_col_text(a, st, 5);
		f->sha256 = store_col_text(a, st, 6);
		f->name = store_col_text(a, st, 7);
		f->filed_at = sqlite3_column_int64(st, 8);
		f->filed_by = store_col_id(st, 9);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

/* ---- reminders ---- */

int store_report_pending(struct store *s, struct arena *a, int32_t until, int32_t day,
			 struct report_pending **out, int *n, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT r.id, r.campaign_id, r.org_id, " ORG_NAME_NEAR(
			"r.org_id", "?2") ", c.org_id, c.title, r.status, r.due_day"
					  " FROM reports r JOIN report_campaigns c"
					  " ON c.id = r.campaign_id WHERE c.status = 'open'"
					  " AND r.status IN ('draft', 'returned')"
					  " AND r.org_id <> c.org_id AND r.due_day <= ?1"
					  " ORDER BY c.id, r.org_id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int(st, 1, until);
	sqlite3_bind_int(st, 2, day);
	struct report_pending *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		struct report_pending *p = &v[count++];
		p->report_id = sqlite3_column_int64(st, 0);
		p->campaign_id = sqlite3_column_int64(st, 1);
		p->org_id = sqlite3_column_int64(st, 2);
		p->org_name = store_col_text(a, st, 3);
		p->upper_org_id = sqlite3_column_int64(st, 4);
		p->campaign_title = store_col_text(a, st, 5);
		p->status = store_col_text(a, st, 6);
		p->due_day = sqlite3_column_int(st, 7);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_report_reminder_put(struct store *s, int64_t subject_id, const char *stage,
			      int64_t org_id, int32_t day, bool *fresh, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT OR IGNORE INTO reminders (subject, subject_id, stage,"
				      " org_id, sent_day) VALUES ('report', ?1, ?2, ?3, ?4)",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, subject_id);
	store_bind_text(st, 2, stage);
	sqlite3_bind_int64(st, 3, org_id);
	sqlite3_bind_int(st, 4, day);
	int rc = store_step_done(s, st, err);
	if (rc)
		return rc;
	*fresh = sqlite3_changes(s->db) > 0;
	return 0;
}
