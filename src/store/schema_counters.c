/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Migration 9: per-org counters for the dashboards (issue 5), so that "who
 * has not done it yet" over a subtree reads a few counter rows per child
 * org instead of scanning plans, items, requests and reports.
 *
 * org_closure holds the current tree (as of counters.day in settings):
 * every (ancestor, descendant) pair, an org being its own ancestor at depth
 * 0. org_counts holds, per org, sums over its whole subtree, per metric and
 * key:
 *   orgs            0      committees and cells (who should have a plan)
 *   plan            year   collective year plans of committees and cells
 *   plan_ok         year   of those, approved by 31 March of the year
 *   item            0      items of approved plans (not proposals)
 *   item_done       0      of those, reported done
 *   item_due        day    open items of approved plans, by due day (not
 *                          recurring duties; a conditional deadline once its
 *                          event is recorded)
 *   item_due_b      block  the same by block of 32 days (day >> 5)
 *   request_open    0      requests not yet answered, by the plan's owner
 *   report_open     day    reports of open campaigns not submitted (draft or
 *                          returned), by due day
 *   report_open_b   block  the same by block of 32 days
 *   report_late     0      reports submitted after their due day
 * The blocks make "how many are past due on day D" cheap at any time: the
 * blocks before D's block plus the days of D's block before D — some
 * twenty rows a year instead of one per day.
 * Triggers keep the sums in the same transaction as the change: each one
 * adds the new row's contribution and takes the old row's away, as one
 * upsert of a signed delta for every ancestor. A change to the tree only
 * marks the counters dirty (counters.dirty in settings); store/counters.c
 * rebuilds the closure and recounts everything from the rows before the
 * next read — the same recount a test compares the kept sums with.
 */
#include "core/common.h"
#include "store/schema.h"
#include "store/counters_sql.h"

/* clang-format off */
/* (the macros build SQL; they read best laid out by hand) */

/* Adds sign × the contribution of one row to every ancestor of its org: one
 * upsert of a signed delta per metric. */
#define UPSERT " ON CONFLICT(org_id, metric, key) DO UPDATE SET n = n + excluded.n;"

#define ITEM_DELTA(I, SIGN)                                                                \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'item_due', "       \
	DUE(I) ", " SIGN " FROM plans p JOIN org_closure c ON c.descendant = p.owner_org_id"   \
	" WHERE p.id = " I ".plan_id AND " ITEM_OPEN(I, "p") UPSERT                            \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'item_due_b', "     \
	DUE(I) " >> 5, " SIGN " FROM plans p JOIN org_closure c"                               \
	" ON c.descendant = p.owner_org_id WHERE p.id = " I ".plan_id AND " ITEM_OPEN(I, "p")  \
	UPSERT                                                                                 \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'item', 0, " SIGN   \
	" FROM plans p JOIN org_closure c ON c.descendant = p.owner_org_id"                    \
	" WHERE p.id = " I ".plan_id AND " ITEM_IN(I, "p") UPSERT                              \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'item_done', 0, "   \
	SIGN " FROM plans p JOIN org_closure c ON c.descendant = p.owner_org_id"               \
	" WHERE p.id = " I ".plan_id AND " ITEM_IN(I, "p") " AND " I                           \
	".progress_state = 'done'" UPSERT

#define PLAN_ITEMS_DELTA(P, SIGN)                                                          \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'item_due', "       \
	DUE("i") ", " SIGN " * count(*) FROM plan_items i JOIN org_closure c"                  \
	" ON c.descendant = " P ".owner_org_id WHERE i.plan_id = " P ".id AND "                \
	ITEM_OPEN("i", P) " GROUP BY c.ancestor, " DUE("i") UPSERT                             \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'item_due_b', "     \
	DUE("i") " >> 5, " SIGN " * count(*) FROM plan_items i JOIN org_closure c"             \
	" ON c.descendant = " P ".owner_org_id WHERE i.plan_id = " P ".id AND "                \
	ITEM_OPEN("i", P) " GROUP BY c.ancestor, " DUE("i") " >> 5" UPSERT                     \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'item', 0, " SIGN   \
	" * count(*) FROM plan_items i JOIN org_closure c ON c.descendant = " P                \
	".owner_org_id WHERE i.plan_id = " P ".id AND " ITEM_IN("i", P)                        \
	" GROUP BY c.ancestor" UPSERT                                                          \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'item_done', 0, "   \
	SIGN " * count(*) FROM plan_items i JOIN org_closure c ON c.descendant = " P           \
	".owner_org_id WHERE i.plan_id = " P ".id AND " ITEM_IN("i", P)                        \
	" AND i.progress_state = 'done' GROUP BY c.ancestor" UPSERT

#define PLAN_DELTA(P, SIGN)                                                                \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'plan', "           \
	P ".year_from, " SIGN " FROM org_closure c WHERE c.descendant = " P ".owner_org_id"    \
	" AND " YEAR_PLAN(P) UPSERT                                                           \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'plan_ok', "        \
	P ".year_from, " SIGN " FROM org_closure c WHERE c.descendant = " P ".owner_org_id"    \
	" AND " YEAR_PLAN(P) " AND " APPROVED_IN_TIME(P) UPSERT

/* The open requests of plan P, for a plan that changes owner. */
#define PLAN_REQUESTS_DELTA(P, SIGN)                                                       \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'request_open', 0, " \
	SIGN " * count(*) FROM plan_comments q JOIN org_closure c ON c.descendant = " P          \
	".owner_org_id WHERE q.plan_id = " P ".id AND q.kind = 'request' AND q.answer IS NULL"  \
	" GROUP BY c.ancestor" UPSERT

#define REQUEST_DELTA(Q, SIGN)                                                             \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'request_open', 0, " \
	SIGN " FROM plans p JOIN org_closure c ON c.descendant = p.owner_org_id"               \
	" WHERE p.id = " Q ".plan_id AND " Q ".kind = 'request' AND " Q ".answer IS NULL" UPSERT

#define REPORT_DELTA(R, SIGN)                                                              \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'report_open', "    \
	R ".due_day, " SIGN " FROM org_closure c WHERE c.descendant = " R ".org_id AND "       \
	REPORT_OPEN(R) UPSERT                                                                 \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'report_open_b', "  \
	R ".due_day >> 5, " SIGN " FROM org_closure c WHERE c.descendant = " R ".org_id AND "  \
	REPORT_OPEN(R) UPSERT                                                                 \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'report_late', 0, " \
	SIGN " FROM org_closure c WHERE c.descendant = " R ".org_id AND " REPORT_LATE(R) UPSERT

/* A campaign closed (sign -1) or reopened (1): its open reports. */
#define CAMPAIGN_DELTA(K, SIGN)                                                            \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'report_open',"     \
	" r.due_day, " SIGN " * count(*) FROM reports r JOIN org_closure c"                    \
	" ON c.descendant = r.org_id WHERE r.campaign_id = " K ".id"                           \
	" AND r.status IN ('draft', 'returned') GROUP BY c.ancestor, r.due_day" UPSERT         \
	"INSERT INTO org_counts(org_id, metric, key, n) SELECT c.ancestor, 'report_open_b',"   \
	" r.due_day >> 5, " SIGN " * count(*) FROM reports r JOIN org_closure c"               \
	" ON c.descendant = r.org_id WHERE r.campaign_id = " K ".id"                           \
	" AND r.status IN ('draft', 'returned') GROUP BY c.ancestor, r.due_day >> 5" UPSERT

#define DIRTY                                                                              \
	"INSERT INTO settings(key, value) VALUES ('counters.dirty', '1')"                      \
	" ON CONFLICT(key) DO UPDATE SET value = '1';"

const char schema_m9_counters[] =
	"CREATE TABLE org_closure ("
	"  ancestor INTEGER NOT NULL,"
	"  descendant INTEGER NOT NULL,"
	"  depth INTEGER NOT NULL,"
	"  PRIMARY KEY (descendant, ancestor)"
	") WITHOUT ROWID;"
	"CREATE INDEX org_closure_by_ancestor ON org_closure(ancestor, depth, descendant);"
	"CREATE TABLE org_counts ("
	"  org_id INTEGER NOT NULL,"
	"  metric TEXT NOT NULL,"
	"  key INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (org_id, metric, key)"
	") WITHOUT ROWID;"
	/* the tree changed: recount before the next read */
	"CREATE TRIGGER counts_orgs_ins AFTER INSERT ON orgs BEGIN " DIRTY " END;"
	"CREATE TRIGGER counts_orgs_upd AFTER UPDATE ON orgs BEGIN " DIRTY " END;"
	"CREATE TRIGGER counts_orgs_del AFTER DELETE ON orgs BEGIN " DIRTY " END;"
	"CREATE TRIGGER counts_versions_ins AFTER INSERT ON org_versions BEGIN " DIRTY " END;"
	"CREATE TRIGGER counts_versions_upd AFTER UPDATE ON org_versions BEGIN " DIRTY " END;"
	"CREATE TRIGGER counts_versions_del AFTER DELETE ON org_versions BEGIN " DIRTY " END;"
	/* items */
	"CREATE TRIGGER counts_item_ins AFTER INSERT ON plan_items BEGIN "
		ITEM_DELTA("NEW", "1") " END;"
	"CREATE TRIGGER counts_item_del AFTER DELETE ON plan_items BEGIN "
		ITEM_DELTA("OLD", "-1") " END;"
	"CREATE TRIGGER counts_item_upd AFTER UPDATE OF plan_id, kind, deadline_kind, deadline_end,"
	" event_day, deadline_after_days, progress_state ON plan_items BEGIN "
		ITEM_DELTA("OLD", "-1") ITEM_DELTA("NEW", "1") " END;"
	/* plans: their own counts, and their items' and requests' when status
	 * or owner change */
	"CREATE TRIGGER counts_plan_ins AFTER INSERT ON plans BEGIN "
		PLAN_DELTA("NEW", "1") " END;"
	"CREATE TRIGGER counts_plan_del AFTER DELETE ON plans BEGIN "
		PLAN_DELTA("OLD", "-1") " END;"
	"CREATE TRIGGER counts_plan_upd AFTER UPDATE OF status, owner_org_id, scope, year_from,"
	" approved_day ON plans BEGIN "
		PLAN_DELTA("OLD", "-1") PLAN_DELTA("NEW", "1")
		PLAN_ITEMS_DELTA("OLD", "-1") PLAN_ITEMS_DELTA("NEW", "1") " END;"
	"CREATE TRIGGER counts_plan_owner AFTER UPDATE OF owner_org_id ON plans BEGIN "
		PLAN_REQUESTS_DELTA("OLD", "-1") PLAN_REQUESTS_DELTA("NEW", "1") " END;"
	/* requests */
	"CREATE TRIGGER counts_request_ins AFTER INSERT ON plan_comments BEGIN "
		REQUEST_DELTA("NEW", "1") " END;"
	"CREATE TRIGGER counts_request_del AFTER DELETE ON plan_comments BEGIN "
		REQUEST_DELTA("OLD", "-1") " END;"
	"CREATE TRIGGER counts_request_upd AFTER UPDATE OF plan_id, kind, answer ON plan_comments"
	" BEGIN " REQUEST_DELTA("OLD", "-1") REQUEST_DELTA("NEW", "1") " END;"
	/* reports */
	"CREATE TRIGGER counts_report_ins AFTER INSERT ON reports BEGIN "
		REPORT_DELTA("NEW", "1") " END;"
	"CREATE TRIGGER counts_report_del AFTER DELETE ON reports BEGIN "
		REPORT_DELTA("OLD", "-1") " END;"
	"CREATE TRIGGER counts_report_upd AFTER UPDATE OF org_id, status, due_day, submitted_day,"
	" campaign_id ON reports BEGIN "
		REPORT_DELTA("OLD", "-1") REPORT_DELTA("NEW", "1") " END;"
	/* a campaign closed or reopened: its open reports leave or come back */
	"CREATE TRIGGER counts_campaign_closed AFTER UPDATE OF status ON report_campaigns"
	" WHEN OLD.status = 'open' AND NEW.status <> 'open' BEGIN "
		CAMPAIGN_DELTA("NEW", "-1") " END;"
	"CREATE TRIGGER counts_campaign_opened AFTER UPDATE OF status ON report_campaigns"
	" WHEN OLD.status <> 'open' AND NEW.status = 'open' BEGIN "
		CAMPAIGN_DELTA("NEW", "1") " END;";
/* (no counters.day yet: the first read builds them) */

/* clang-format on */
