/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The documents register's SQL: rows, the duplicate-number lookup, the
 * filtered and scoped list (one recursive query over the tree as of a day
 * for the reader's subtrees, plus an explicit list of ancestor orgs whose
 * documents flow down), and the links between documents in both directions.
 */
#include "core/common.h"
#include "core/buf.h"
#include "store/document.h"
#include "store/internal.h"
#include "store/search.h"

#include <string.h>

/* The org's name in force on day, else its latest name. */
#define ORG_NAME_NEAR(col, day)                                                     \
	"coalesce((SELECT v.name FROM org_versions v WHERE v.org_id = " col         \
	" AND v.valid_from <= " day " AND (v.valid_to IS NULL OR v.valid_to > " day \
	") LIMIT 1), (SELECT v.name FROM org_versions v WHERE v.org_id = " col      \
	" ORDER BY v.valid_from DESC LIMIT 1))"

#define DOC_COLS "d.id, d.kind, d.number, d.date, d.issuer_org_id, d.title"

static void read_document(struct arena *a, sqlite3_stmt *st, struct document *d)
{
	memset(d, 0, sizeof(*d));
	d->id = sqlite3_column_int64(st, 0);
	d->kind = store_col_text(a, st, 1);
	d->number = store_col_text(a, st, 2);
	d->date = sqlite3_column_type(st, 3) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 3);
	d->issuer_org_id = store_col_id(st, 4);
	d->title = store_col_text(a, st, 5);
	d->issuer_name = store_col_text(a, st, 6);
}

int store_document_insert(struct store *s, const struct document *d, int64_t now, int64_t *id,
			  struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO documents(kind, number, date, issuer_org_id, title, created_at,"
		" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
		err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, d->kind);
	store_bind_text(st, 2, d->number ? d->number : "");
	store_bind_day(st, 3, d->date);
	store_bind_id(st, 4, d->issuer_org_id);
	store_bind_text(st, 5, d->title);
	sqlite3_bind_int64(st, 6, now);
	int rc = store_step_done(s, st, err);
	if (rc)
		return rc;
	*id = store_last_id(s);
	return 0;
}

int store_document_update(struct store *s, const struct document *d, int64_t now,
			  struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"UPDATE documents SET kind = ?1, number = ?2, date = ?3, issuer_org_id = ?4,"
		" title = ?5, updated_at = ?6 WHERE id = ?7",
		err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, d->kind);
	store_bind_text(st, 2, d->number ? d->number : "");
	store_bind_day(st, 3, d->date);
	store_bind_id(st, 4, d->issuer_org_id);
	store_bind_text(st, 5, d->title);
	sqlite3_bind_int64(st, 6, now);
	sqlite3_bind_int64(st, 7, d->id);
	return store_step_done(s, st, err);
}

int store_document_get(struct store *s, struct arena *a, int64_t id, int32_t name_day,
		       struct document *out, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT " DOC_COLS ", coalesce(" ORG_NAME_NEAR(
				   "d.issuer_org_id",
				   "coalesce(d.date, ?2)") ", '')"
							   " FROM documents d WHERE d.id = ?1",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, name_day);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_document(a, st, out);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy văn bản số %lld",
			       (long long)id);
	return store_sqlerr(s, rc, err);
}

int store_document_find_number(struct store *s, const char *number, int32_t from, int32_t to,
			       int64_t except_id, int64_t *id, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "SELECT id FROM documents WHERE number = ?1 AND id <> ?4 AND"
			   " ((?2 = 0 AND ?3 = 0 AND date IS NULL) OR (date >= ?2 AND date < ?3))"
			   " ORDER BY id LIMIT 1",
			   err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, number);
	sqlite3_bind_int(st, 2, from);
	sqlite3_bind_int(st, 3, to);
	sqlite3_bind_int64(st, 4, except_id);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

/*
 * The list. Parameters: ?1 scope roots (JSON array), ?2 the day, ?3 1 for
 * no scope, ?4 extra issuers (JSON array), ?5 kind, ?6 issuer, ?7/?8 date
 * range, ?9 limit, ?10 offset, ?11 the FTS match (query variant), ?12 the
 * number.
 */
#define DOC_LIST_HEAD                                                                                               \
	"WITH RECURSIVE sub(id) AS (SELECT value FROM json_each(?1) UNION"                                          \
	" SELECT v.org_id FROM org_versions v JOIN sub ON v.parent_id = sub.id"                                     \
	" JOIN orgs o ON o.id = v.org_id WHERE ?3 = 0 AND ((v.valid_from <= ?2"                                     \
	" AND (v.valid_to IS NULL OR v.valid_to > ?2)) OR (o.valid_to <= ?2"                                        \
	" AND v.valid_to = o.valid_to)))"                                                                           \
	" SELECT " DOC_COLS ", coalesce(" ORG_NAME_NEAR(                                                            \
		"d.issuer_org_id",                                                                                  \
		"coalesce(d.date, ?2)") ", ''),"                                                                    \
					" count(*) OVER () FROM documents d"                                        \
					" WHERE (?3 = 1 OR d.issuer_org_id IS NULL OR d.issuer_org_id IN sub OR"    \
					" d.issuer_org_id IN (SELECT value FROM json_each(?4)))"                    \
					" AND (?5 IS NULL OR d.kind = ?5) AND (?6 IS NULL OR d.issuer_org_id = ?6)" \
					" AND (?7 IS NULL OR (d.date >= ?7 AND d.date < ?8))"                       \
					" AND (?12 IS NULL OR d.number = ?12)"
/* The subtree above holds the orgs under the roots as of ?2 and, for an
 * org no longer in existence, as of its last day (its final version): the
 * documents of a dissolved district or bloc stay with the province, as
 * reading one of them does (app_can_read_org judges it on its last day). */
#define DOC_LIST_MATCH                                                             \
	" AND d.id IN (SELECT search_docs.ref_id FROM search_fts JOIN search_docs" \
	" ON search_docs.rowid = search_fts.rowid WHERE search_fts MATCH ?11"      \
	" AND search_docs.type = 3)"
#define DOC_LIST_ORDER " ORDER BY d.date IS NULL, d.date DESC, d.id DESC LIMIT ?9 OFFSET ?10"

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

int store_document_list(struct store *s, struct arena *a, const struct document_filter *f,
			struct document **out, int *n, int64_t *total, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	const char *match = f->folded_query ? store_search_match(a, f->folded_query) : "";
	bool query = *match != '\0';
	if (f->folded_query && *f->folded_query && !query)
		return 0;
	sqlite3_stmt *st = query ? store_stmt(s, DOC_LIST_HEAD DOC_LIST_MATCH DOC_LIST_ORDER, err)
				 : store_stmt(s, DOC_LIST_HEAD DOC_LIST_ORDER, err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, f->all ? "[]" : ids_json(a, f->roots, f->n_roots));
	sqlite3_bind_int(st, 2, f->day);
	sqlite3_bind_int(st, 3, f->all ? 1 : 0);
	store_bind_text(st, 4, f->all ? "[]" : ids_json(a, f->extra, f->n_extra));
	store_bind_text(st, 5, f->kind && *f->kind ? f->kind : NULL);
	store_bind_id(st, 6, f->issuer_org_id);
	if (f->date_from || f->date_to) {
		sqlite3_bind_int(st, 7, f->date_from);
		sqlite3_bind_int(st, 8, f->date_to);
	} else {
		sqlite3_bind_null(st, 7);
		sqlite3_bind_null(st, 8);
	}
	sqlite3_bind_int(st, 9, f->limit);
	sqlite3_bind_int(st, 10, f->offset);
	if (query)
		store_bind_text(st, 11, match);
	store_bind_text(st, 12, f->number && *f->number ? f->number : NULL);
	int cap = 0, count = 0, rc;
	struct document *v = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			int ncap = cap ? cap * 2 : 32;
			struct document *w = arena_alloc(a, xmul((size_t)ncap, sizeof(*v)));
			if (count)
				memcpy(w, v, xmul((size_t)count, sizeof(*v)));
			v = w;
			cap = ncap;
		}
		read_document(a, st, &v[count++]);
		*total = sqlite3_column_int64(st, 7);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	if (count == 0 && f->offset > 0) {
		struct document_filter g = *f;
		struct document *dummy;
		int dn;
		g.offset = 0;
		g.limit = 1;
		return store_document_list(s, a, &g, &dummy, &dn, total, err);
	}
	*out = v;
	*n = count;
	return 0;
}

/* ---- links ---- */

int store_document_link_insert(struct store *s, int64_t from_id, int64_t to_id,
			       enum document_link_kind kind, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "INSERT INTO document_links(from_id, to_id, kind) VALUES (?1, ?2, ?3)", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, from_id);
	sqlite3_bind_int64(st, 2, to_id);
	store_bind_text(st, 3, document_link_kind_name(kind));
	return store_step_done(s, st, err);
}

int store_document_link_delete(struct store *s, int64_t from_id, int64_t to_id,
			       enum document_link_kind kind, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "DELETE FROM document_links WHERE from_id = ?1 AND to_id = ?2 AND kind = ?3",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, from_id);
	sqlite3_bind_int64(st, 2, to_id);
	store_bind_text(st, 3, document_link_kind_name(kind));
	return store_step_done(s, st, err);
}

int store_document_link_exists(struct store *s, int64_t from_id, int64_t to_id,
			       enum document_link_kind kind, bool *exists, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT 1 FROM document_links WHERE from_id = ?1 AND to_id = ?2 AND kind = ?3",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, from_id);
	sqlite3_bind_int64(st, 2, to_id);
	store_bind_text(st, 3, document_link_kind_name(kind));
	int rc = sqlite3_step(st);
	*exists = rc == SQLITE_ROW;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_document_links(struct store *s, struct arena *a, int64_t id,
			 struct document_link_item **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT l.from_id, l.to_id, l.kind, l.from_id = ?1 AS outgoing, o.id, o.number,"
		" o.title, o.issuer_org_id"
		" FROM document_links l JOIN documents o"
		" ON o.id = CASE WHEN l.from_id = ?1 THEN l.to_id ELSE l.from_id END"
		" WHERE l.from_id = ?1 OR l.to_id = ?1"
		" ORDER BY outgoing DESC, l.kind, o.date IS NULL, o.date DESC, o.id",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int cap = 0, count = 0, rc;
	struct document_link_item *v = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			int ncap = cap ? cap * 2 : 8;
			struct document_link_item *w =
				arena_alloc(a, xmul((size_t)ncap, sizeof(*v)));
			if (count)
				memcpy(w, v, xmul((size_t)count, sizeof(*v)));
			v = w;
			cap = ncap;
		}
		struct document_link_item *it = &v[count++];
		memset(it, 0, sizeof(*it));
		it->link.from_id = sqlite3_column_int64(st, 0);
		it->link.to_id = sqlite3_column_int64(st, 1);
		if (!document_link_kind_parse((const char *)sqlite3_column_text(st, 2),
					      &it->link.kind))
			it->link.kind = DOCUMENT_LINK_BASED_ON;
		it->outgoing = sqlite3_column_int(st, 3) != 0;
		it->other_id = sqlite3_column_int64(st, 4);
		it->link.other_number = store_col_text(a, st, 5);
		it->link.other_title = store_col_text(a, st, 6);
		it->other_issuer_org_id = store_col_id(st, 7);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}
