/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The search index, seen from outside the store: one entry per searchable
 * record (org, person, document, later plan), holding the title and subtitle
 * shown in results and a text folded by text_fold() that FTS5 indexes.
 *
 * Queries are made of folded words only: each word becomes a quoted prefix
 * term ("word"*), all required, so no user text ever reaches FTS5's query
 * syntax. By convention the folded text starts with the folded title, which
 * lets a query rank "title starts with these words" first.
 */
#ifndef KH_STORE_SEARCH_H
#define KH_STORE_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/model.h"
#include "store/store.h"

/* Sets the entry for (type, id), replacing any earlier one. folded should
 * begin with text_fold(title). Call inside the caller's write transaction. */
int store_search_set(struct store *s, enum search_type type, int64_t id, const char *title,
		     const char *subtitle, const char *folded, struct kh_error *err) KH_MUST_CHECK;
/* Removes the entry for (type, id); no error when absent. */
int store_search_remove(struct store *s, enum search_type type, int64_t id,
			struct kh_error *err) KH_MUST_CHECK;

/* The FTS5 MATCH expression for folded words: "w1"* "w2"* …, in the
 * arena; a word is a run of ASCII letters and digits and non-ASCII
 * characters, anything else separates words. "" when there is no word. */
const char *store_search_match(struct arena *a, const char *folded_query);

/* One candidate, best first. */
struct search_row {
	enum search_type type;
	int64_t id;
	const char *title;
	const char *subtitle;
	double score; /* bm25: lower is better */
	bool prefix;  /* the indexed text starts with the query */
};

/* Entries matching every word of folded_query as a prefix, of the types in
 * types_mask (bit 1 << type), ordered by prefix match first, then bm25,
 * then type and id; rows [offset, offset + limit). */
int store_search_find(struct store *s, struct arena *a, const char *folded_query, int types_mask,
		      int limit, int offset, struct search_row **out, int *n,
		      struct kh_error *err) KH_MUST_CHECK;

/* The stored title and subtitle of an entry; KH_ENOTFOUND when absent. */
int store_search_get(struct store *s, struct arena *a, enum search_type type, int64_t id,
		     const char **title, const char **subtitle, struct kh_error *err) KH_MUST_CHECK;

#endif
