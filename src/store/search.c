/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The search index's read side, and public wrappers over its write side
 * (store_search_put/delete in sqlite.c). A query is folded words turned into
 * quoted prefix terms, so FTS5 operators typed by a user (quotes, *, NEAR,
 * parentheses, AND/OR/NOT) are only ever words. Ranking: an entry whose
 * indexed text begins with the query (by convention, its title does) comes
 * first, then bm25.
 */
#include "core/common.h"
#include "store/internal.h"
#include "store/search.h"

#include <string.h>

int store_search_set(struct store *s, enum search_type type, int64_t id, const char *title,
		     const char *subtitle, const char *folded, struct kh_error *err)
{
	return store_search_put(s, (int)type, id, title, subtitle, folded, err);
}

int store_search_remove(struct store *s, enum search_type type, int64_t id, struct kh_error *err)
{
	return store_search_delete(s, (int)type, id, err);
}

/* Word bytes: ASCII letters and digits, and every byte of a non-ASCII
 * character. Anything else separates words, so nothing but words ever
 * reaches the MATCH expression. */
static bool word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

const char *store_search_match(struct arena *a, const char *folded)
{
	size_t n = folded ? strlen(folded) : 0;
	char *q = arena_alloc(a, xadd(xmul(n, 4), 8));
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)(folded ? folded : "");
	while (*p) {
		while (*p && !word_byte(*p))
			p++;
		if (!*p)
			break;
		if (o)
			q[o++] = ' ';
		q[o++] = '"';
		while (*p && word_byte(*p))
			q[o++] = (char)*p++;
		q[o++] = '"';
		q[o++] = '*';
	}
	q[o] = '\0';
	return q;
}

int store_search_find(struct store *s, struct arena *a, const char *folded_query, int types_mask,
		      int limit, int offset, struct search_row **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	const char *match = store_search_match(a, folded_query);
	if (!*match || limit <= 0)
		return 0;
	/* The query as one string with single spaces, for the prefix test. */
	size_t qlen = strlen(folded_query);
	char *plain = arena_alloc(a, qlen + 1);
	size_t o = 0;
	for (const char *p = folded_query; *p; p++) {
		bool space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
		if (space && (o == 0 || plain[o - 1] == ' '))
			continue;
		plain[o++] = space ? ' ' : *p;
	}
	while (o && plain[o - 1] == ' ')
		o--;
	plain[o] = '\0';

	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT d.type, d.ref_id, d.title, d.subtitle, bm25(search_fts) AS score,"
		" substr(ltrim(d.folded), 1, length(?3)) = ?3 AS prefix"
		" FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid"
		" WHERE search_fts MATCH ?1 AND ((?2 >> d.type) & 1)"
		" ORDER BY prefix DESC, score ASC, d.type, d.ref_id LIMIT ?4 OFFSET ?5",
		err);
	if (!st)
		return err && err->code ? err->code : KH_EIO;
	store_bind_text(st, 1, match);
	sqlite3_bind_int(st, 2, types_mask);
	store_bind_text(st, 3, plain);
	sqlite3_bind_int(st, 4, limit);
	sqlite3_bind_int(st, 5, offset);
	int cap = limit < 64 ? limit : 64, count = 0, rc;
	struct search_row *v = arena_alloc(a, xmul((size_t)cap, sizeof(*v)));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			struct search_row *w = arena_alloc(a, xmul((size_t)cap * 2, sizeof(*v)));
			memcpy(w, v, xmul((size_t)cap, sizeof(*v)));
			v = w;
			cap *= 2;
		}
		struct search_row *r = &v[count++];
		r->type = (enum search_type)sqlite3_column_int(st, 0);
		r->id = sqlite3_column_int64(st, 1);
		r->title = store_col_text(a, st, 2);
		r->subtitle = store_col_text(a, st, 3);
		r->score = sqlite3_column_double(st, 4);
		r->prefix = sqlite3_column_int(st, 5) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_search_get(struct store *s, struct arena *a, enum search_type type, int64_t id,
		     const char **title, const char **subtitle, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT title, subtitle FROM search_docs WHERE rowid = (?1 << 40) | ?2", err);
	if (!st)
		return err && err->code ? err->code : KH_EIO;
	sqlite3_bind_int(st, 1, (int)type);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*title = store_col_text(a, st, 0);
		*subtitle = store_col_text(a, st, 1);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không có mục này trong chỉ mục tìm kiếm");
	return store_sqlerr(s, rc, err);
}
