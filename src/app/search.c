/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Search across the index (see app/search.h). The store returns candidates
 * in batches ordered by "indexed text starts with the query", then bm25;
 * each batch is re-ranked here with the folded titles (exact title, title
 * prefix), then filtered by the actor's scope — org readable, person
 * readable, document flowing down to the actor, plan readable
 * (app_plan_rights) — until enough hits are found or a bounded number of
 * candidates has been looked at.
 */
#include "core/common.h"
#include "app/search.h"
#include "app/document.h"
#include "app/person.h"
#include "app/plan.h"
#include "core/buf.h"
#include "store/document.h"
#include "store/search.h"
#include "text/fold.h"
#include "text/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Candidates looked at per batch and at most in all. */
#define BATCH 200
#define SCAN_MAX 2000

struct ranked {
	struct search_row row;
	int tier;  /* 3 exact title, 2 title prefix, 1 text prefix, 0 other */
	int order; /* position in the store's order, for a stable sort */
};

bool app_search_types_parse(const char *s, int *mask)
{
	*mask = 0;
	if (!s || !*s) {
		*mask = SEARCH_MASK_ALL;
		return true;
	}
	const char *p = s;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		bool ok = false;
		for (int t = SEARCH_ORG; t <= SEARCH_PLAN; t++) {
			const char *name = search_type_name((enum search_type)t);
			if (strlen(name) == n && strncmp(name, p, n) == 0) {
				*mask |= SEARCH_MASK(t);
				ok = true;
			}
		}
		if (!ok && n)
			return false;
		p = e ? e + 1 : p + n;
	}
	if (!*mask)
		*mask = SEARCH_MASK_ALL;
	return true;
}

/* The folded query with single spaces and no space at either end; caller
 * frees. */
static char *fold_query(const char *q)
{
	char *f = text_fold(q);
	size_t o = 0;
	for (size_t i = 0; f[i]; i++) {
		bool space = f[i] == ' ' || f[i] == '\t' || f[i] == '\n' || f[i] == '\r';
		if (space && (o == 0 || f[o - 1] == ' '))
			continue;
		f[o++] = space ? ' ' : f[i];
	}
	while (o && f[o - 1] == ' ')
		o--;
	f[o] = '\0';
	return f;
}

/* Whether the query occurs in t as a phrase starting at a word: "tinh uy"
 * in "van phong tinh uy", not in "uy ban … tinh". */
static bool has_phrase(const char *t, const char *folded_q, size_t qlen)
{
	for (const char *p = strstr(t, folded_q); p; p = strstr(p + 1, folded_q))
		if (p == t || p[-1] == ' ')
			return true;
	return qlen == 0;
}

/* Best first: the title is the query (4), starts with it (3), holds it as a
 * phrase (2); the indexed text starts with it (1); the words only (0). */
static int tier_of(const struct search_row *r, const char *folded_q, size_t qlen)
{
	char *t = fold_query(r->title);
	int tier = r->prefix ? 1 : 0;
	if (strcmp(t, folded_q) == 0)
		tier = 4;
	else if (strncmp(t, folded_q, qlen) == 0)
		tier = 3;
	else if (has_phrase(t, folded_q, qlen))
		tier = 2;
	free(t);
	return tier;
}

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->tier != y->tier)
		return y->tier - x->tier;
	if (x->row.score != y->row.score)
		return x->row.score < y->row.score ? -1 : 1;
	return x->order - y->order;
}

/* Sets *ok when the actor may see the hit; unknown records are not seen. */
static int hit_readable(struct app_ctx *ctx, const struct search_row *r, bool *ok,
			struct kh_error *err)
{
	struct kh_error e;
	int rc;
	*ok = false;
	if (app_sees_all(ctx)) {
		*ok = true;
		return 0;
	}
	switch (r->type) {
	case SEARCH_ORG:
		rc = app_can_read_org(ctx, r->id, &e);
		break;
	case SEARCH_PERSON: {
		struct person p;
		rc = app_person_get(ctx, r->id, &p, &e);
		break;
	}
	case SEARCH_DOCUMENT: {
		struct document d;
		rc = store_document_get(ctx->store, ctx->arena, r->id, ctx->today, &d, &e);
		if (rc == 0)
			return app_document_readable(ctx, d.issuer_org_id, ok, err);
		break;
	}
	case SEARCH_PLAN: {
		struct plan_rights pr;
		rc = app_plan_rights(ctx, r->id, NULL, &pr, &e);
		if (rc == 0 && !pr.read)
			return 0;
		break;
	}
	default:
		return 0;
	}
	if (rc == 0)
		*ok = true;
	else if (rc != KH_EFORBIDDEN && rc != KH_ENOTFOUND) {
		kh_fail(err, e.code, e.field, "%s", e.message);
		return rc;
	}
	return 0;
}

int app_search(struct app_ctx *ctx, const char *q, int types, int limit, struct search_hit **out,
	       int *n, struct kh_error *err)
{
	char *folded = NULL;
	int rc = 0, count = 0;

	*out = NULL;
	*n = 0;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (limit <= 0)
		limit = SEARCH_LIMIT_DEFAULT;
	if (limit > SEARCH_LIMIT_MAX)
		limit = SEARCH_LIMIT_MAX;
	if (types <= 0)
		types = SEARCH_MASK_ALL;
	if (!q || !*q)
		return 0;
	folded = fold_query(q);
	size_t qlen = strlen(folded);
	if (utf8_char_count(folded) < 2)
		goto out;

	struct search_hit *hits = arena_alloc(ctx->arena, sizeof(*hits) * (size_t)limit);
	for (int offset = 0; offset < SCAN_MAX && count < limit; offset += BATCH) {
		struct search_row *rows;
		int nrows;
		rc = store_search_find(ctx->store, ctx->arena, folded, types, BATCH, offset, &rows,
				       &nrows, err);
		if (rc)
			goto out;
		struct ranked *rk = arena_alloc(ctx->arena, sizeof(*rk) * (size_t)(nrows + 1));
		for (int i = 0; i < nrows; i++) {
			rk[i].row = rows[i];
			rk[i].tier = tier_of(&rows[i], folded, qlen);
			rk[i].order = i;
		}
		if (nrows > 1)
			qsort(rk, (size_t)nrows, sizeof(*rk), cmp_ranked);
		for (int i = 0; i < nrows && count < limit; i++) {
			bool ok;
			if ((rc = hit_readable(ctx, &rk[i].row, &ok, err)))
				goto out;
			if (!ok)
				continue;
			struct search_hit *h = &hits[count++];
			h->type = rk[i].row.type;
			h->id = rk[i].row.id;
			h->title = rk[i].row.title;
			h->subtitle = rk[i].row.subtitle;
		}
		if (nrows < BATCH)
			break;
	}
	*out = hits;
	*n = count;
out:
	free(folded);
	return rc;
}
