/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The dashboard counters (store/counters.h): the closure of the tree
 * computed in C from the versions in force (an org walks up its parents,
 * guarded against cycles), the full recount as one INSERT … SELECT per
 * metric over the same conditions the triggers use (store/counters_sql.h),
 * and the reads of the dashboards.
 */
#include "core/common.h"
#include "store/counters.h"
#include "store/counters_sql.h"
#include "store/internal.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

/* clang-format off */
/* The recount of every metric into table T (laid out by hand). */
#define RECOUNT(T)                                                                         \
	"INSERT INTO " T "(org_id, metric, key, n) SELECT c.ancestor, 'orgs', 0, count(*)"     \
	" FROM org_closure c JOIN orgs o ON o.id = c.descendant"                               \
	" WHERE o.kind IN ('committee', 'cell') GROUP BY c.ancestor;"                          \
	"INSERT INTO " T "(org_id, metric, key, n) SELECT c.ancestor, 'plan', p.year_from,"     \
	" count(*) FROM plans p JOIN org_closure c ON c.descendant = p.owner_org_id"           \
	" WHERE " YEAR_PLAN("p") " GROUP BY c.ancestor, p.year_from;"                          \
	"INSERT INTO " T "(org_id, metric, key, n) SELECT c.ancestor, 'plan_ok', p.year_from,"  \
	" count(*) FROM plans p JOIN org_closure c ON c.descendant = p.owner_org_id"           \
	" WHERE " YEAR_PLAN("p") " AND " APPROVED_IN_TIME("p")                                 \
	" GROUP BY c.ancestor, p.year_from;"                                                   \
	"INSERT INTO " T "(org_id, metric, key, n) SELECT c.ancestor, 'item', 0, count(*)"     \
	" FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN org_closure c"               \
	" ON c.descendant = p.owner_org_id WHERE " ITEM_IN("i", "p") " GROUP BY c.ancestor;"   \
	"INSERT INTO " T "(org_id, metric, key, n) SELECT c.ancestor, 'item_done', 0,"         \
	" count(*) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN org_closure c"      \
	" ON c.descendant = p.owner_org_id WHERE " ITEM_IN("i", "p")                           \
	" AND i.progress_state = 'done' GROUP BY c.ancestor;"                                  \
	"INSERT INTO " T "(org_id, metric, key, n) SELECT c.ancestor, 'item_due', " DUE("i")   \
	", count(*) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN org_closure c"     \
	" ON c.descendant = p.owner_org_id WHERE " ITEM_OPEN("i", "p")                         \
	" GROUP BY c.ancestor, " DUE("i") ";"                                                  \
	"INSERT INTO " T "(org_id, metric, key, n) SELECT c.ancestor, 'item_due_b', " DUE("i") \
	" >> 5, count(*) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN org_closure c" \
	" ON c.descendant = p.owner_org_id WHERE " ITEM_OPEN("i", "p")                         \
	" GROUP BY c.ancestor, " DUE("i") " >> 5;"                                             \
	"INSERT INTO " T "(org_id, metric, key, n) SELECT c.ancestor, 'request_open', 0,"      \
	" count(*) FROM plan_comments q JOIN plans p ON p.id = q.plan_id JOIN org_closure c"   \
	" ON c.descendant = p.owner_org_id WHERE q.kind = 'request' AND q.answer IS NULL"      \
	" GROUP BY c.ancestor;"                                                                \
	"INSERT INTO " T "(org_id, metric, key, n) SELECT c.ancestor, 'report_open',"          \
	" r.due_day, count(*) FROM reports r JOIN org_closure c ON c.descendant = r.org_id"    \
	" WHERE " REPORT_OPEN("r") " GROUP BY c.ancestor, r.due_day;"                          \
	"INSERT INTO " T "(org_id, metric, key, n) SELECT c.ancestor, 'report_open_b',"        \
	" r.due_day >> 5, count(*) FROM reports r JOIN org_closure c"                          \
	" ON c.descendant = r.org_id WHERE " REPORT_OPEN("r")                                  \
	" GROUP BY c.ancestor, r.due_day >> 5;"                                                \
	"INSERT INTO " T "(org_id, metric, key, n) SELECT c.ancestor, 'report_late', 0,"       \
	" count(*) FROM reports r JOIN org_closure c ON c.descendant = r.org_id"               \
	" WHERE " REPORT_LATE("r") " GROUP BY c.ancestor;"
/* clang-format on */

static int exec_sql(struct store *s, const char *sql, struct kh_error *err)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_sqlerr(s, rc, err);
}

static int setting_int(struct store *s, const char *key, int64_t *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT value FROM settings WHERE key = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

static int setting_put(struct store *s, const char *key, int64_t v, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "INSERT INTO settings(key, value) VALUES (?1, ?2)"
				      " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
				      err);
	if (!st)
		return err->code;
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, buf, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_counters_stale(struct store *s, int32_t today, bool *stale, struct kh_error *err)
{
	int64_t dirty, day;
	int rc;
	*stale = true;
	if ((rc = setting_int(s, "counters.dirty", &dirty, err)) ||
	    (rc = setting_int(s, "counters.day", &day, err)))
		return rc;
	if (dirty != 0 || day < 0) {
		*stale = true;
		return 0;
	}
	if (day == today) {
		*stale = false;
		return 0;
	}
	/* another day: the same tree unless something starts or ends between */
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT EXISTS (SELECT 1 FROM org_versions WHERE (valid_from > ?1 AND valid_from <= ?2)"
		" OR (valid_to > ?1 AND valid_to <= ?2) OR (valid_from > ?2 AND valid_from <= ?1)"
		" OR (valid_to > ?2 AND valid_to <= ?1)) OR EXISTS (SELECT 1 FROM orgs"
		" WHERE (valid_from > ?1 AND valid_from <= ?2) OR (valid_to > ?1 AND valid_to <= ?2)"
		" OR (valid_from > ?2 AND valid_from <= ?1) OR (valid_to > ?2 AND valid_to <= ?1))",
		err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, day);
	sqlite3_bind_int(st, 2, today);
	rc = sqlite3_step(st);
	bool changed = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, rc, err);
	if (!changed) {
		*stale = false;
		return setting_put(s, "counters.day", today, err);
	}
	return 0;
}

/* A small open-addressing map from org id to its index. */
struct idmap {
	int64_t *keys;
	int *vals;
	size_t cap;
};

static size_t idmap_slot(const struct idmap *m, int64_t id)
{
	size_t h = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull) & (m->cap - 1);
	while (m->keys[h] && m->keys[h] != id)
		h = (h + 1) & (m->cap - 1);
	return h;
}

static int closure_rebuild(struct store *s, int32_t today, struct kh_error *err)
{
	int rc = exec_sql(s, "DELETE FROM org_closure", err);
	if (rc)
		return rc;
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT o.id, v.parent_id FROM orgs o JOIN org_versions v ON v.org_id = o.id"
		" AND v.valid_from <= ?1 AND (v.valid_to IS NULL OR v.valid_to > ?1)"
		" WHERE o.valid_from <= ?1 AND (o.valid_to IS NULL OR o.valid_to > ?1)",
		err);
	if (!st)
		return err->code;
	sqlite3_bind_int(st, 1, today);
	int64_t *ids = NULL, *parents = NULL;
	size_t n = 0, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			ids = xrealloc(ids, xmul(cap, sizeof(*ids)));
			parents = xrealloc(parents, xmul(cap, sizeof(*parents)));
		}
		ids[n] = sqlite3_column_int64(st, 0);
		parents[n++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = store_sqlerr(s, rc, err);
		goto out;
	}
	struct idmap m = {0};
	m.cap = 16;
	while (m.cap < n * 2 + 2)
		m.cap *= 2;
	m.keys = xcalloc(m.cap, sizeof(*m.keys));
	m.vals = xcalloc(m.cap, sizeof(*m.vals));
	for (size_t i = 0; i < n; i++) {
		size_t h = idmap_slot(&m, ids[i]);
		m.keys[h] = ids[i];
		m.vals[h] = (int)i;
	}
	sqlite3_stmt *ins = store_stmt(
		s,
		"INSERT OR IGNORE INTO org_closure(ancestor, descendant, depth) VALUES (?1, ?2, ?3)",
		err);
	rc = ins ? 0 : err->code;
	for (size_t i = 0; i < n && !rc; i++) {
		int64_t at = ids[i];
		for (int depth = 0; at && depth < MAX_DEPTH && !rc; depth++) {
			sqlite3_bind_int64(ins, 1, at);
			sqlite3_bind_int64(ins, 2, ids[i]);
			sqlite3_bind_int(ins, 3, depth);
			int r2 = sqlite3_step(ins);
			sqlite3_reset(ins);
			if (r2 != SQLITE_DONE)
				rc = store_sqlerr(s, r2, err);
			size_t h = idmap_slot(&m, at);
			at = m.keys[h] ? parents[m.vals[h]] : 0;
			if (at == ids[i])
				break; /* a cycle in the data: stop */
		}
	}
	free(m.keys);
	free(m.vals);
out:
	free(ids);
	free(parents);
	return rc;
}

int store_counters_rebuild(struct store *s, int32_t today, struct kh_error *err)
{
	int rc;
	if ((rc = closure_rebuild(s, today, err)) ||
	    (rc = exec_sql(s, "DELETE FROM org_counts", err)) ||
	    (rc = exec_sql(s, RECOUNT("org_counts"), err)) ||
	    (rc = setting_put(s, "counters.day", today, err)) ||
	    (rc = setting_put(s, "counters.dirty", 0, err)))
		return rc;
	return 0;
}

int store_counters_check(struct store *s, int *n_diff, struct kh_error *err)
{
	int rc;
	*n_diff = 0;
	if ((rc = exec_sql(
		     s,
		     "DROP TABLE IF EXISTS temp.recount;"
		     "CREATE TEMP TABLE recount (org_id INTEGER NOT NULL, metric TEXT NOT NULL,"
		     " key INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (org_id, metric,"
		     " key));",
		     err)) ||
	    (rc = exec_sql(s, RECOUNT("temp.recount"), err)))
		return rc;
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT count(*) FROM (SELECT org_id, metric, key, n FROM org_counts WHERE n <> 0"
		" EXCEPT SELECT org_id, metric, key, n FROM temp.recount WHERE n <> 0"
		" UNION ALL SELECT org_id, metric, key, n FROM temp.recount WHERE n <> 0"
		" EXCEPT SELECT org_id, metric, key, n FROM org_counts WHERE n <> 0)",
		err);
	if (!st)
		return err->code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n_diff = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, rc, err);
	return exec_sql(s, "DROP TABLE temp.recount", err);
}

int store_dash_counts(struct store *s, struct arena *a, int64_t org_id, int year, int32_t today,
		      struct dash_counts **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	/* The org and its children, then their counter rows: the small metrics,
	 * the year's plans, the 32-day blocks, and the days of today's block
	 * up to a week ahead — never one row per day of the year. */
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT descendant, depth FROM org_closure WHERE ancestor = ?1"
			   " AND depth <= 1 ORDER BY depth, descendant",
			   err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, org_id);
	struct dash_counts *v = NULL;
	int count = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			int ncap = cap ? cap * 2 : 32;
			struct dash_counts *w = arena_alloc(a, sizeof(*w) * (size_t)ncap);
			if (count)
				memcpy(w, v, sizeof(*w) * (size_t)count);
			v = w;
			cap = ncap;
		}
		memset(&v[count], 0, sizeof(v[count]));
		v[count].org_id = sqlite3_column_int64(st, 0);
		v[count++].depth = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	int32_t block = today >> 5;
	st = store_stmt(
		s,
		"SELECT c.descendant, k.metric, k.key, k.n FROM org_closure c JOIN org_counts k"
		" ON k.org_id = c.descendant AND k.metric IN ('orgs', 'item', 'item_done',"
		" 'request_open', 'report_late', 'item_due_b', 'report_open_b')"
		" WHERE c.ancestor = ?1 AND c.depth <= 1"
		" UNION ALL SELECT c.descendant, k.metric, k.key, k.n FROM org_closure c"
		" JOIN org_counts k ON k.org_id = c.descendant AND k.metric IN ('plan', 'plan_ok')"
		" AND k.key = ?2 WHERE c.ancestor = ?1 AND c.depth <= 1"
		" UNION ALL SELECT c.descendant, k.metric, k.key, k.n FROM org_closure c"
		" JOIN org_counts k ON k.org_id = c.descendant AND k.metric IN ('item_due',"
		" 'report_open') AND k.key >= ?3 AND k.key < ?4 WHERE c.ancestor = ?1 AND c.depth <= 1",
		err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int(st, 3, block << 5);
	sqlite3_bind_int(st, 4, today + 7);
	int last = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (v[last].org_id != id)
			for (last = 0; last < count - 1 && v[last].org_id != id; last++)
				;
		struct dash_counts *d = &v[last];
		const char *m = (const char *)sqlite3_column_text(st, 1);
		int64_t key = sqlite3_column_int64(st, 2);
		int k = sqlite3_column_int(st, 3);
		if (!m || d->org_id != id)
			continue;
		if (strcmp(m, "orgs") == 0)
			d->orgs += k;
		else if (strcmp(m, "item") == 0)
			d->items += k;
		else if (strcmp(m, "item_done") == 0)
			d->items_done += k;
		else if (strcmp(m, "request_open") == 0)
			d->requests_open += k;
		else if (strcmp(m, "report_late") == 0)
			d->reports_late += k;
		else if (strcmp(m, "plan") == 0)
			d->plans += k;
		else if (strcmp(m, "plan_ok") == 0)
			d->plans_ok += k;
		else if (strcmp(m, "item_due_b") == 0 && key < block)
			d->overdue += k;
		else if (strcmp(m, "report_open_b") == 0) {
			d->reports_pending += k; /* all open ones, less the missing below */
			if (key < block)
				d->reports_missing += k;
		} else if (strcmp(m, "item_due") == 0) {
			if (key < today)
				d->overdue += k;
			else
				d->due_soon += k;
		} else if (strcmp(m, "report_open") == 0 && key < today) {
			d->reports_missing += k;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	for (int i = 0; i < count; i++)
		v[i].reports_pending -= v[i].reports_missing;
	*out = v;
	*n = count;
	return 0;
}

/* The name of org column X as of day ?2. */
#define NAME_AT(X)                                                                         \
	"(SELECT v.name FROM org_versions v WHERE v.org_id = " X " AND v.valid_from <= ?2" \
	" ORDER BY v.valid_from DESC LIMIT 1)"

/* Each list's query: ?1 the org, ?2 today, ?3 the year, ?4 the limit; the
 * columns org_id, org_name, plan_id, plan_title, item_id, text, day. */
static const char *const list_sql[] = {
	[DASH_PLANS_MISSING] = "SELECT c.descendant, " NAME_AT(
		"c.descendant") ", 0, '', 0, '', 0"
				" FROM org_closure c JOIN orgs o ON o.id = c.descendant WHERE c.ancestor = ?1"
				" AND o.kind IN ('committee', 'cell') AND NOT EXISTS (SELECT 1 FROM plans p"
				" WHERE p.owner_org_id = c.descendant AND p.scope = 'year' AND p.year_from = ?3)"
				" ORDER BY c.depth, 2, c.descendant LIMIT ?4",
	[DASH_PLANS_LATE] = "SELECT p.owner_org_id, " NAME_AT(
		"p.owner_org_id") ", p.id, p.title, 0, p.status,"
				  " CAST(julianday(printf('%04d-03-31', p.year_from)) - 2440587.5 AS INTEGER)"
				  " FROM org_closure c JOIN plans p ON p.owner_org_id = c.descendant"
				  " WHERE c.ancestor = ?1 AND p.year_from = ?3 AND " YEAR_PLAN("p") " AND NOT " APPROVED_IN_TIME(
					  "p") " AND (p.approved_day IS NOT NULL OR ?2 > CAST(julianday(printf('%04d-03-31',"
					       " p.year_from)) - 2440587.5 AS INTEGER)) ORDER BY c.depth, 2, p.id LIMIT ?4",
	[DASH_ITEMS_OVERDUE] = "SELECT p.owner_org_id, " NAME_AT(
		"p.owner_org_id") ", p.id, p.title, i.id, i.text,"
				  " " DUE("i") " FROM org_closure c JOIN plans p ON p.owner_org_id = c.descendant"
					       " JOIN plan_items i ON i.plan_id = p.id WHERE c.ancestor = ?1 AND " ITEM_OPEN(
						       "i",
						       "p") " AND " DUE("i") " < ?2 ORDER BY 7, i.id LIMIT ?4",
	[DASH_ITEMS_DUE_SOON] = "SELECT p.owner_org_id, " NAME_AT(
		"p.owner_org_id") ", p.id, p.title, i.id, i.text,"
				  " " DUE("i") " FROM org_closure c JOIN plans p ON p.owner_org_id = c.descendant"
					       " JOIN plan_items i ON i.plan_id = p.id WHERE c.ancestor = ?1 AND " ITEM_OPEN(
						       "i",
						       "p") " AND " DUE("i") " >= ?2 AND " DUE("i") " < ?2 + 7"
												    " ORDER BY 7, i.id LIMIT ?4",
	[DASH_REQUESTS_OPEN] = "SELECT p.owner_org_id, " NAME_AT(
		"p.owner_org_id") ", p.id, p.title, q.id, q.text,"
				  " q.created_day FROM org_closure c JOIN plans p ON p.owner_org_id = c.descendant"
				  " JOIN plan_comments q ON q.plan_id = p.id WHERE c.ancestor = ?1"
				  " AND q.kind = 'request' AND q.answer IS NULL AND ?3 = ?3"
				  " ORDER BY q.created_day, q.id LIMIT ?4",
	[DASH_REPORTS_MISSING] = "SELECT r.org_id, " NAME_AT(
		"r.org_id") ", 0, '', r.id, k.title, r.due_day"
			    " FROM org_closure c JOIN reports r ON r.org_id = c.descendant"
			    " JOIN report_campaigns k ON k.id = r.campaign_id WHERE c.ancestor = ?1"
			    " AND " REPORT_OPEN("r") " AND r.due_day < ?2 AND ?3 = ?3"
						     " ORDER BY r.due_day, 2, r.id LIMIT ?4",
	[DASH_REPORTS_LATE] = "SELECT r.org_id, " NAME_AT(
		"r.org_id") ", 0, '', r.id, k.title, r.due_day"
			    " FROM org_closure c JOIN reports r ON r.org_id = c.descendant"
			    " JOIN report_campaigns k ON k.id = r.campaign_id WHERE c.ancestor = ?1"
			    " AND " REPORT_LATE("r") " AND ?2 = ?2 AND ?3 = ?3"
						     " ORDER BY r.due_day, 2, r.id LIMIT ?4",
};

int store_dash_rows(struct store *s, struct arena *a, int64_t org_id, enum dash_list list, int year,
		    int32_t today, int limit, struct dash_row **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	if ((int)list < 0 || (size_t)list >= KH_ARRAY_LEN(list_sql))
		return kh_fail(err, KH_EINVAL, "list", "Danh sách không hợp lệ");
	sqlite3_stmt *st = store_stmt(s, list_sql[list], err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, today);
	sqlite3_bind_int(st, 3, year);
	sqlite3_bind_int(st, 4, limit);
	struct dash_row *v = arena_alloc(a, sizeof(*v) * ((size_t)limit + 1));
	int count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && count < limit) {
		struct dash_row *r = &v[count++];
		r->org_id = sqlite3_column_int64(st, 0);
		r->org_name = store_col_text(a, st, 1);
		r->plan_id = sqlite3_column_int64(st, 2);
		r->plan_title = store_col_text(a, st, 3);
		r->item_id = sqlite3_column_int64(st, 4);
		r->text = store_col_text(a, st, 5);
		r->day = sqlite3_column_int(st, 6);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}
