/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The indicators' SQL (store/indicator.h): definitions, figures, and the two
 * set-based reads a roll-up needs — the party orgs of a subtree as of a day,
 * and every figure those orgs hold for a set of indicators, in one query
 * each (the ids travel as a JSON array bound to one parameter).
 */
#include "core/common.h"
#include "store/internal.h"
#include "core/buf.h"
#include "store/indicator.h"

#include <string.h>

/* The org's name in force on day, else its latest name. */
#define ORG_NAME_NEAR(col, day)                                                     \
	"coalesce((SELECT v.name FROM org_versions v WHERE v.org_id = " col         \
	" AND v.valid_from <= " day " AND (v.valid_to IS NULL OR v.valid_to > " day \
	") LIMIT 1), (SELECT v.name FROM org_versions v WHERE v.org_id = " col      \
	" ORDER BY v.valid_from DESC LIMIT 1), '')"

#define IND_COLS                                                                                \
	"i.id, i.org_id, i.plan_id, i.document_id, i.seq, i.code, i.name, i.unit, i.direction," \
	" i.rollup, i.weight_indicator_id, i.year_from, i.year_to, i.created_at, i.updated_at"

static void read_indicator(struct arena *a, sqlite3_stmt *st, struct indicator *o)
{
	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(st, 0);
	o->org_id = sqlite3_column_int64(st, 1);
	o->plan_id = store_col_id(st, 2);
	o->document_id = store_col_id(st, 3);
	o->seq = sqlite3_column_int(st, 4);
	o->code = store_col_text(a, st, 5);
	o->name = store_col_text(a, st, 6);
	o->unit = store_col_text(a, st, 7);
	o->direction = store_col_text(a, st, 8);
	o->rollup = store_col_text(a, st, 9);
	o->weight_indicator_id = store_col_id(st, 10);
	o->year_from = sqlite3_column_int(st, 11);
	o->year_to = sqlite3_column_int(st, 12);
	o->created_at = sqlite3_column_int64(st, 13);
	o->updated_at = sqlite3_column_int64(st, 14);
	o->org_name = store_col_text(a, st, 15);
}

static void bind_indicator(sqlite3_stmt *st, const struct indicator *ind)
{
	store_bind_id(st, 2, ind->plan_id);
	store_bind_id(st, 3, ind->document_id);
	sqlite3_bind_int(st, 4, ind->seq);
	store_bind_text(st, 5, ind->code ? ind->code : "");
	store_bind_text(st, 6, ind->name);
	store_bind_text(st, 7, ind->unit ? ind->unit : "");
	store_bind_text(st, 8, ind->direction);
	store_bind_text(st, 9, ind->rollup);
	store_bind_id(st, 10, ind->weight_indicator_id);
	sqlite3_bind_int(st, 11, ind->year_from);
	sqlite3_bind_int(st, 12, ind->year_to);
	sqlite3_bind_int64(st, 13, ind->updated_at);
}

int store_indicator_insert(struct store *s, const struct indicator *ind, int64_t *id,
			   struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO indicators (org_id, plan_id, document_id, seq, code, name, unit,"
		" direction, rollup, weight_indicator_id, year_from, year_to, updated_at, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, ind->org_id);
	bind_indicator(st, ind);
	sqlite3_bind_int64(st, 14, ind->created_at);
	int rc = store_step_done(s, st, err);
	if (rc == 0)
		*id = store_last_id(s);
	return rc;
}

int store_indicator_update(struct store *s, const struct indicator *ind, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"UPDATE indicators SET plan_id = ?2, document_id = ?3, seq = ?4, code = ?5,"
		" name = ?6, unit = ?7, direction = ?8, rollup = ?9, weight_indicator_id = ?10,"
		" year_from = ?11, year_to = ?12, updated_at = ?13 WHERE id = ?1",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, ind->id);
	bind_indicator(st, ind);
	return store_step_done(s, st, err);
}

int store_indicator_delete(struct store *s, int64_t id, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s, "DELETE FROM indicator_values WHERE indicator_id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = store_step_done(s, st, err);
	if (rc)
		return rc;
	st = store_stmt(s, "DELETE FROM indicators WHERE id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	return store_step_done(s, st, err);
}

int store_indicator_get(struct store *s, struct arena *a, int64_t id, int32_t day,
			struct indicator *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT " IND_COLS
		", " ORG_NAME_NEAR("i.org_id", "?2") " FROM indicators i WHERE i.id = ?1",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_indicator(a, st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, "id", "Không tìm thấy chỉ tiêu");
	return store_sqlerr(s, rc, err);
}

int store_indicator_list_visible(struct store *s, struct arena *a, int64_t org_id, int32_t day,
				 struct indicator **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s,
		"WITH RECURSIVE anc(id, depth) AS (SELECT ?1, 0 UNION ALL"
		" SELECT v.parent_id, anc.depth + 1 FROM anc JOIN org_versions v"
		" ON v.org_id = anc.id AND v.valid_from <= ?2 AND (v.valid_to IS NULL OR v.valid_to > ?2)"
		" WHERE v.parent_id IS NOT NULL AND anc.depth < 63)"
		" SELECT " IND_COLS
		", " ORG_NAME_NEAR("i.org_id", "?2") " FROM indicators i"
						     " JOIN anc ON anc.id = i.org_id"
						     " ORDER BY anc.depth DESC, i.seq, i.id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, day);
	struct indicator *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		read_indicator(a, st, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_indicator_max_seq(struct store *s, int64_t org_id, int *out, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT coalesce(max(seq), 0) FROM indicators WHERE org_id = ?1", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, org_id);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}

int store_indicator_uses(struct store *s, int64_t id, int *locked, int *weighed_by, int *campaigns,
			 struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT (SELECT count(*) FROM indicator_values WHERE indicator_id = ?1 AND locked),"
		" (SELECT count(*) FROM indicators WHERE weight_indicator_id = ?1 AND id <> ?1),"
		" (SELECT count(*) FROM report_campaign_indicators WHERE indicator_id = ?1)",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*locked = sqlite3_column_int(st, 0);
		*weighed_by = sqlite3_column_int(st, 1);
		*campaigns = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, err);
}

#define VALUE_COLS "indicator_id, org_id, period, year, value, note, locked, entered_by, entered_at"

static void read_value(struct arena *a, sqlite3_stmt *st, struct indicator_value *v)
{
	memset(v, 0, sizeof(*v));
	v->indicator_id = sqlite3_column_int64(st, 0);
	v->org_id = sqlite3_column_int64(st, 1);
	v->period = store_col_text(a, st, 2);
	v->year = sqlite3_column_int(st, 3);
	v->value = sqlite3_column_double(st, 4);
	v->note = store_col_text(a, st, 5);
	v->locked = sqlite3_column_int(st, 6) != 0;
	v->entered_by = store_col_id(st, 7);
	v->entered_at = sqlite3_column_int64(st, 8);
}

int store_indicator_value_get(struct store *s, struct arena *a, int64_t indicator_id,
			      int64_t org_id, const char *period, int year,
			      struct indicator_value *out, bool *found, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "SELECT " VALUE_COLS " FROM indicator_values"
				      " WHERE indicator_id = ?1 AND org_id = ?2 AND period = ?3"
				      " AND year = ?4",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, indicator_id);
	sqlite3_bind_int64(st, 2, org_id);
	store_bind_text(st, 3, period);
	sqlite3_bind_int(st, 4, year);
	int rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW)
		read_value(a, st, out);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_indicator_value_put(struct store *s, const struct indicator_value *v,
			      struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO indicator_values (indicator_id, org_id, period, year, value, note,"
		" locked, entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8)"
		" ON CONFLICT (indicator_id, org_id, period, year) DO UPDATE SET value = excluded.value,"
		" note = excluded.note, entered_by = excluded.entered_by,"
		" entered_at = excluded.entered_at",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, v->indicator_id);
	sqlite3_bind_int64(st, 2, v->org_id);
	store_bind_text(st, 3, v->period);
	sqlite3_bind_int(st, 4, v->year);
	sqlite3_bind_double(st, 5, v->value);
	store_bind_text(st, 6, v->note ? v->note : "");
	store_bind_id(st, 7, v->entered_by);
	sqlite3_bind_int64(st, 8, v->entered_at);
	return store_step_done(s, st, err);
}

int store_indicator_value_delete(struct store *s, int64_t indicator_id, int64_t org_id,
				 const char *period, int year, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "DELETE FROM indicator_values WHERE indicator_id = ?1"
				      " AND org_id = ?2 AND period = ?3 AND year = ?4",
				      err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, indicator_id);
	sqlite3_bind_int64(st, 2, org_id);
	store_bind_text(st, 3, period);
	sqlite3_bind_int(st, 4, year);
	return store_step_done(s, st, err);
}

/* The party orgs under ?1 as of ?2 (committees and cells; the root whatever
 * its kind), with parent and depth. */
#define SUBTREE_CTE                                                                            \
	"WITH RECURSIVE sub(id, parent, depth) AS (SELECT ?1, 0, 0 UNION ALL"                  \
	" SELECT v.org_id, sub.id, sub.depth + 1 FROM sub JOIN org_versions v"                 \
	" ON v.parent_id = sub.id AND v.valid_from <= ?2 AND (v.valid_to IS NULL OR"           \
	" v.valid_to > ?2) JOIN orgs o ON o.id = v.org_id AND o.kind IN ('committee', 'cell')" \
	" WHERE sub.depth < 63) "

int store_indicator_subtree(struct store *s, struct arena *a, int64_t root, int32_t day,
			    struct indicator_org **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s,
		SUBTREE_CTE "SELECT sub.id, sub.parent, " ORG_NAME_NEAR(
			"sub.id", "?2") ", sub.depth FROM sub ORDER BY sub.depth, sub.id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, root);
	sqlite3_bind_int(st, 2, day);
	struct indicator_org *v = NULL;
	int cap = 0, count = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		struct indicator_org *o = &v[count++];
		o->id = sqlite3_column_int64(st, 0);
		o->parent_id = sqlite3_column_int64(st, 1);
		o->name = store_col_text(a, st, 2);
		o->depth = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_indicator_values_subtree(struct store *s, struct arena *a, int64_t root, int32_t day,
				   const int64_t *ids, int n_ids, int year_min, int year_max,
				   struct indicator_value **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	struct buf list;
	buf_init(&list, 1 << 20);
	buf_putc(&list, '[');
	for (int i = 0; i < n_ids; i++)
		buf_printf(&list, "%s%lld", i ? "," : "", (long long)ids[i]);
	buf_putc(&list, ']');
	int rc;
	sqlite3_stmt *st = store_stmt(
		s,
		SUBTREE_CTE "SELECT " VALUE_COLS
			    " FROM indicator_values x JOIN sub ON sub.id = x.org_id"
			    " WHERE x.indicator_id IN (SELECT value FROM json_each(?3))"
			    " AND (x.period = 'baseline' OR (x.period = 'target' AND x.year = 0)"
			    " OR x.year BETWEEN ?4 AND ?5)",
		err);
	if (!st) {
		rc = store_fail_stmt(err);
		goto out;
	}
	sqlite3_bind_int64(st, 1, root);
	sqlite3_bind_int(st, 2, day);
	sqlite3_bind_text(st, 3, list.data, (int)list.len, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, year_min);
	sqlite3_bind_int(st, 5, year_max);
	struct indicator_value *v = NULL;
	int cap = 0, count = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store_vec_grow(a, v, &cap, count, sizeof(*v));
		read_value(a, st, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = store_sqlerr(s, rc, err);
		goto out;
	}
	*out = v;
	*n = count;
	rc = 0;
out:
	buf_release(&list);
	return rc;
}
