/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Search across orgs, people and documents (plans later), within the
 * actor's scope. The query is folded (text_fold: case, diacritics, đ → d,
 * tone-mark placement), so "tinh uy", "Tỉnh uỷ" and "TỈNH ỦY" find the same
 * things; every word must match as a word prefix. Best first: an exact title
 * match, then a title starting with the query, then an indexed text
 * starting with it, then bm25 relevance.
 */
#ifndef KH_APP_SEARCH_H
#define KH_APP_SEARCH_H

#include "app/app.h"
#include "core/model.h"

/* Bits of the types mask. */
#define SEARCH_MASK(t) (1 << (t))
#define SEARCH_MASK_ALL                                                                        \
	(SEARCH_MASK(SEARCH_ORG) | SEARCH_MASK(SEARCH_PERSON) | SEARCH_MASK(SEARCH_DOCUMENT) | \
	 SEARCH_MASK(SEARCH_PLAN))

#define SEARCH_LIMIT_DEFAULT 20
#define SEARCH_LIMIT_MAX 100

/* At most limit hits (0 = SEARCH_LIMIT_DEFAULT, capped at SEARCH_LIMIT_MAX)
 * of the types in types (0 = all) that the actor may read, best first, in
 * ctx->arena. A query with fewer than two characters after folding gives no
 * hits, and no query text is ever an error. */
int app_search(struct app_ctx *ctx, const char *q, int types, int limit, struct search_hit **out,
	       int *n, struct kh_error *err) KH_MUST_CHECK;

/* Parses a comma-separated list of type names ("org,person,document,plan")
 * into a mask; false when a name is unknown. NULL or "" gives all. */
bool app_search_types_parse(const char *s, int *mask);

#endif
