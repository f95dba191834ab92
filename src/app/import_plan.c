/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Importing a plan document (app/import_plan.h): the bytes are read by the
 * importer (DOCX converted first), the bodies named are matched to the orgs
 * of the tree the actor may read — by name keys, nearest to the owner in
 * the tree among equals — and a corrected preview is saved as a draft plan
 * with its items in one transaction, through the plan use cases (their
 * transactions nest in ours).
 */
#include "core/common.h"
#include "app/import_plan.h"
#include "app/plan.h"
#include "core/buf.h"
#include "store/import_plan.h"
#include "text/docx.h"
#include "text/importer.h"
#include "text/utf8.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define LINE_CHARS 500	 /* section, lead, deadline (app/plan.c) */
#define FIELD_CHARS 2000 /* coordinators */
#define FAR_AWAY 100000	 /* tree distance of unrelated orgs */
#define MAX_DEPTH 64

/* Match strengths, best first. */
enum {
	SCORE_NAME = 100,    /* the same key as the org's name */
	SCORE_SHORT = 90,    /* the same key as its short name */
	SCORE_PREFIX = 70,   /* the org's name starts with the words written */
	SCORE_LONGER = 60,   /* the words written start with the org's name */
	SCORE_CONTAINS = 40, /* the words written inside the org's name */
};

/* The tree as of today, with keys. */
struct tree {
	struct org *orgs; /* by id */
	int n;
	char **name_keys; /* malloc'ed */
	char **short_keys;
	bool *readable;
	int64_t chain[MAX_DEPTH]; /* the owner and its ancestors */
	int n_chain;
};

struct scored {
	int idx; /* into tree.orgs */
	int score;
	int distance;
};

static char *arena_dup_free(struct arena *a, char *s)
{
	char *d = s ? arena_strdup(a, s) : NULL;
	free(s);
	return d;
}

static int org_index(const struct tree *t, int64_t id)
{
	int lo = 0, hi = t->n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (t->orgs[mid].id == id)
			return mid;
		if (t->orgs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static void tree_release(struct tree *t)
{
	for (int i = 0; i < t->n; i++) {
		if (t->name_keys)
			free(t->name_keys[i]);
		if (t->short_keys)
			free(t->short_keys[i]);
	}
	free(t->name_keys);
	free(t->short_keys);
	free(t->readable);
	memset(t, 0, sizeof(*t));
}

/* Loads the tree, its keys, and which orgs the actor may read. */
static int tree_load(struct app_ctx *ctx, int64_t owner, struct tree *t, struct kh_error *err)
{
	int rc = store_import_orgs_at(ctx->store, ctx->arena, ctx->today, &t->orgs, &t->n, err);
	if (rc)
		return rc;
	t->name_keys = xcalloc((size_t)t->n + 1, sizeof(*t->name_keys));
	t->short_keys = xcalloc((size_t)t->n + 1, sizeof(*t->short_keys));
	t->readable = xcalloc((size_t)t->n + 1, sizeof(*t->readable));
	for (int i = 0; i < t->n; i++) {
		t->name_keys[i] = import_name_key(t->orgs[i].name);
		t->short_keys[i] =
			*t->orgs[i].short_name ? import_name_key(t->orgs[i].short_name) : NULL;
	}
	if (app_sees_all(ctx)) {
		for (int i = 0; i < t->n; i++)
			t->readable[i] = true;
	} else {
		int64_t *ids = arena_alloc(ctx->arena, sizeof(*ids) * ((size_t)t->n + 1));
		for (int i = 0; i < t->n; i++)
			ids[i] = t->orgs[i].id;
		if ((rc = app_can_read_orgs_prime(ctx, ids, t->n, err)))
			return rc;
		for (int i = 0; i < t->n; i++) {
			struct kh_error e;
			t->readable[i] = app_can_read_org(ctx, t->orgs[i].id, &e) == 0;
		}
	}
	for (int64_t id = owner; id && t->n_chain < MAX_DEPTH;) {
		t->chain[t->n_chain++] = id;
		int k = org_index(t, id);
		id = k >= 0 ? t->orgs[k].parent_id : 0;
	}
	return 0;
}

/* Steps between org idx and the owner through their nearest common
 * ancestor. */
static int tree_distance(const struct tree *t, int idx)
{
	int64_t id = t->orgs[idx].id;
	for (int up = 0; id && up < MAX_DEPTH; up++) {
		for (int j = 0; j < t->n_chain; j++)
			if (t->chain[j] == id)
				return up + j;
		int k = org_index(t, id);
		id = k >= 0 ? t->orgs[k].parent_id : 0;
	}
	return FAR_AWAY;
}

/* Does key start with the words of prefix? */
static bool word_prefix(const char *prefix, const char *key)
{
	size_t n = strlen(prefix);
	return n && strncmp(prefix, key, n) == 0 && (key[n] == '\0' || key[n] == ' ');
}

/* Are the words of needle found, whole, inside hay? */
static bool word_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!n)
		return false;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		if ((p == hay || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

static int word_count(const char *key)
{
	int n = *key ? 1 : 0;
	for (const char *p = key; *p; p++)
		n += *p == ' ';
	return n;
}

static int score_of(const struct tree *t, int i, const char *key)
{
	const char *nk = t->name_keys[i], *sk = t->short_keys[i];
	if (!nk || !*nk)
		return 0;
	if (strcmp(nk, key) == 0)
		return SCORE_NAME;
	if (sk && *sk && strcmp(sk, key) == 0)
		return SCORE_SHORT;
	if (word_count(key) < 2)
		return 0;
	if (word_prefix(key, nk))
		return SCORE_PREFIX;
	if (word_count(nk) >= 2 && word_prefix(nk, key))
		return SCORE_LONGER;
	if (word_contains(nk, key))
		return SCORE_CONTAINS;
	return 0;
}

static int cmp_scored(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	if (x->score != y->score)
		return y->score - x->score;
	if (x->distance != y->distance)
		return x->distance - y->distance;
	return x->idx - y->idx;
}

/* Fills the body's proposal and candidates from the orgs matching key. */
static void match_key(struct app_ctx *ctx, const struct tree *t, const char *key,
		      struct import_body *b)
{
	struct scored *v = xcalloc((size_t)t->n + 1, sizeof(*v));
	int n = 0;
	for (int i = 0; i < t->n; i++) {
		if (!t->readable[i])
			continue;
		int s = score_of(t, i, key);
		if (s > 0)
			v[n++] = (struct scored){i, s, tree_distance(t, i)};
	}
	qsort(v, (size_t)n, sizeof(*v), cmp_scored);
	bool found = n > 0;
	if (!found) {
		/* Nothing like it: offer the orgs nearest to the owner, for the
		 * user to map it by hand. */
		for (int i = 0; i < t->n; i++) {
			int d = t->readable[i] ? tree_distance(t, i) : FAR_AWAY;
			if (d <= 2)
				v[n++] = (struct scored){i, 0, d};
		}
		qsort(v, (size_t)n, sizeof(*v), cmp_scored);
	}
	int m = n < IMPORT_CANDIDATES_MAX ? n : IMPORT_CANDIDATES_MAX;
	b->candidates = arena_alloc(ctx->arena, sizeof(*b->candidates) * ((size_t)m + 1));
	for (int k = 0; k < m; k++)
		b->candidates[k] =
			(struct import_candidate){t->orgs[v[k].idx].id, t->orgs[v[k].idx].name};
	b->n_candidates = m;
	if (m && found) {
		b->org_id = b->candidates[0].org_id;
		b->org_name = b->candidates[0].name;
	}
	free(v);
}

/* A group: matched through the org it belongs to ("… trực thuộc X",
 * "… thuộc X"); without one ("Các chi bộ trực thuộc"), the owner's. */
static void match_group(struct app_ctx *ctx, const struct tree *t, int64_t owner,
			struct import_body *b)
{
	static const char *const links[] = {" truc thuoc", " thuoc"};
	for (size_t i = 0; i < KH_ARRAY_LEN(links); i++) {
		size_t n = strlen(links[i]);
		const char *p = strstr(b->key, links[i]);
		if (!p || (p[n] != '\0' && p[n] != ' '))
			continue;
		const char *rest = p[n] ? p + n + 1 : p + n;
		if (*rest) {
			match_key(ctx, t, rest, b);
		} else {
			int k = org_index(t, owner);
			if (k >= 0 && t->readable[k]) {
				b->candidates = arena_alloc(ctx->arena, sizeof(*b->candidates));
				b->candidates[0] =
					(struct import_candidate){owner, t->orgs[k].name};
				b->n_candidates = 1;
				b->org_id = owner;
				b->org_name = t->orgs[k].name;
			}
		}
		return;
	}
}

/* The body for a name, added when new; returns its index. */
static int body_of(struct app_ctx *ctx, struct import_preview *pv, int *cap, const char *name,
		   bool group)
{
	char *key = import_name_key(name);
	for (int i = 0; i < pv->n_bodies; i++) {
		if (strcmp(pv->bodies[i].key, key) == 0) {
			free(key);
			pv->bodies[i].uses++;
			pv->bodies[i].group |= group;
			return i;
		}
	}
	if (pv->n_bodies == *cap) {
		int ncap = *cap ? *cap * 2 : 16;
		struct import_body *w = arena_alloc(ctx->arena, sizeof(*w) * (size_t)ncap);
		if (pv->n_bodies)
			memcpy(w, pv->bodies, sizeof(*w) * (size_t)pv->n_bodies);
		pv->bodies = w;
		*cap = ncap;
	}
	struct import_body *b = &pv->bodies[pv->n_bodies];
	memset(b, 0, sizeof(*b));
	b->name = arena_strdup(ctx->arena, name);
	b->key = arena_dup_free(ctx->arena, key);
	b->group = group || strncmp(b->key, "cac ", 4) == 0;
	b->uses = 1;
	return pv->n_bodies++;
}

/* Copies the parsed document into the arena, with its bodies. */
static void copy_doc(struct app_ctx *ctx, const struct import_doc *d, struct import_preview *pv)
{
	struct arena *a = ctx->arena;
	pv->title = d->title ? arena_strdup(a, d->title) : NULL;
	pv->number = d->number ? arena_strdup(a, d->number) : NULL;
	pv->issuer = d->issuer ? arena_strdup(a, d->issuer) : NULL;
	pv->place_date = d->place_date ? arena_strdup(a, d->place_date) : NULL;
	pv->plan_year = d->plan_year;
	pv->items = arena_alloc(a, sizeof(*pv->items) * ((size_t)d->n_items + 1));
	pv->n_items = d->n_items;
	int cap = 0;
	for (int i = 0; i < d->n_items; i++) {
		const struct import_item *s = &d->items[i];
		struct import_entry *e = &pv->items[i];
		memset(e, 0, sizeof(*e));
		e->path = arena_strdup(a, s->path ? s->path : "");
		e->text = arena_strdup(a, s->text ? s->text : "");
		e->section = s->section ? arena_strdup(a, s->section) : NULL;
		e->lead = s->lead ? arena_strdup(a, s->lead) : NULL;
		e->lead_group = s->lead_group;
		e->lead_body = s->lead ? body_of(ctx, pv, &cap, s->lead, s->lead_group) : -1;
		e->n_coordinators = s->n_coordinators;
		e->coordinators =
			arena_alloc(a, sizeof(*e->coordinators) * ((size_t)s->n_coordinators + 1));
		e->coordinator_bodies = arena_alloc(a, sizeof(*e->coordinator_bodies) *
							       ((size_t)s->n_coordinators + 1));
		for (int k = 0; k < s->n_coordinators; k++) {
			e->coordinators[k] = arena_strdup(a, s->coordinators[k]);
			e->coordinator_bodies[k] =
				body_of(ctx, pv, &cap, s->coordinators[k], false);
		}
		e->deadline_text = s->deadline_text ? arena_strdup(a, s->deadline_text) : NULL;
		e->deadline = s->deadline;
		e->line = s->line;
	}
}

int app_plan_import_preview(struct app_ctx *ctx, const char *bytes, size_t len, int64_t org_id,
			    int year, struct import_preview *out, struct kh_error *err)
{
	struct import_doc doc = {0};
	struct tree t = {0};
	char *text = NULL;
	size_t text_len = 0;
	int rc;
	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (org_id <= 0)
		return kh_fail(err, KH_EINVAL, "org_id", "Cần chọn tổ chức chủ kế hoạch");
	if (year && (year < 1990 || year > 2100))
		return kh_fail(err, KH_EINVAL, "year", "Năm phải từ 1990 đến 2100");
	if ((rc = app_can_read_org(ctx, org_id, err)))
		return rc;
	if (!bytes || len == 0)
		return kh_fail(err, KH_EINVAL, "text",
			       "Cần tải lên tệp hoặc dán nội dung kế hoạch");
	if (docx_sniff(bytes, len)) {
		if ((rc = docx_to_text(bytes, len, &text, &text_len, err)))
			goto out;
		out->was_docx = true;
	} else {
		text = xmalloc(len + 1);
		memcpy(text, bytes, len);
		text[len] = '\0';
		text_len = len;
	}
	/* The text as the rest of the system keeps it: UTF-8 in NFC with LF
	 * line ends; stray control characters (a DOCX's, a pasted page's) read
	 * as spaces, as the importer reads them. */
	if (!utf8_valid(text, text_len)) {
		rc = kh_fail(err, KH_EINVAL, "text",
			     "Tệp không phải văn bản UTF-8 hay tệp Word (.docx) đọc được");
		goto out;
	}
	for (size_t i = 0; i < text_len; i++)
		if ((unsigned char)text[i] < 0x20 && text[i] != '\t' && text[i] != '\n' &&
		    text[i] != '\r')
			text[i] = ' ';
	{
		char *norm = NULL;
		if (text_normalize(text, text_len, &norm, &text_len) != 0) {
			rc = kh_fail(err, KH_EINVAL, "text", "Văn bản không phải UTF-8 hợp lệ");
			goto out;
		}
		free(text);
		text = norm;
	}
	if ((rc = import_parse(text, text_len, year, &doc, err)))
		goto out;
	if (doc.n_items == 0) {
		rc = kh_fail(err, KH_EINVAL, "text",
			     "Không tìm thấy nội dung công việc nào trong văn bản: cần các mục "
			     "đánh số (I., 1., a), -, …) như một kế hoạch");
		goto out;
	}
	out->text = arena_memdup0(ctx->arena, text, text_len);
	out->text_len = text_len;
	copy_doc(ctx, &doc, out);
	if ((rc = tree_load(ctx, org_id, &t, err)))
		goto out;
	for (int i = 0; i < out->n_bodies; i++) {
		struct import_body *b = &out->bodies[i];
		if (b->group)
			match_group(ctx, &t, org_id, b);
		else
			match_key(ctx, &t, b->key, b);
		if (!b->org_id)
			out->n_unmatched++;
	}
	for (int i = 0; i < out->n_items; i++) {
		struct import_entry *e = &out->items[i];
		if (e->lead_body >= 0) {
			e->lead_org_id = out->bodies[e->lead_body].org_id;
			e->lead_group = e->lead_group || out->bodies[e->lead_body].group;
		}
	}
	rc = 0;
out:
	tree_release(&t);
	import_doc_release(&doc);
	free(text);
	return rc;
}

int app_import_match_names(struct app_ctx *ctx, int64_t owner_org_id, const char *const *names,
			   int n, int64_t *ids, bool *groups, struct kh_error *err)
{
	struct tree t = {0};
	int rc = 0;
	if (n <= 0)
		return 0;
	if ((rc = tree_load(ctx, owner_org_id, &t, err)))
		goto out;
	for (int i = 0; i < n; i++) {
		struct import_body b = {0};
		char *key = import_name_key(names[i]);
		b.name = names[i];
		b.key = key;
		b.group = strncmp(key, "cac ", 4) == 0 || strncmp(key, "nhung ", 6) == 0;
		if (b.group)
			match_group(ctx, &t, owner_org_id, &b);
		else
			match_key(ctx, &t, b.key, &b);
		ids[i] = b.org_id;
		if (groups)
			groups[i] = b.group;
		free(key);
	}
out:
	tree_release(&t);
	return rc;
}

/* s cut to at most max characters (UTF-8), in the arena. */
static const char *cut(struct app_ctx *ctx, const char *s, size_t max)
{
	if (!s)
		return NULL;
	size_t chars = 0, i = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (chars == max)
				break;
			chars++;
		}
	}
	return arena_memdup0(ctx->arena, s, i);
}

/* Adds name to the list of distinct names kept as text only. */
static void add_unmatched(struct app_ctx *ctx, struct import_saved *out, int *cap, const char *name)
{
	for (int i = 0; i < out->n_unmatched; i++)
		if (strcmp(out->unmatched[i], name) == 0)
			return;
	if (out->n_unmatched == *cap) {
		int ncap = *cap ? *cap * 2 : 16;
		const char **w = arena_alloc(ctx->arena, sizeof(*w) * (size_t)ncap);
		if (out->n_unmatched)
			memcpy(w, out->unmatched, sizeof(*w) * (size_t)out->n_unmatched);
		out->unmatched = w;
		*cap = ncap;
	}
	out->unmatched[out->n_unmatched++] = name;
}

/* The plan_item_input of entry e. */
static void entry_input(struct app_ctx *ctx, const struct import_preview *pv,
			const struct import_entry *e, struct plan_item_input *in)
{
	memset(in, 0, sizeof(*in));
	in->part = 2;
	in->section = e->section ? cut(ctx, e->section, LINE_CHARS) : NULL;
	in->text = e->text;
	in->set_lead = true;
	in->lead_org_id = e->lead_org_id > 0 ? e->lead_org_id : 0;
	in->lead_group = in->lead_org_id && e->lead_group;
	in->lead_text = e->lead ? cut(ctx, e->lead, LINE_CHARS) : "";
	struct buf b;
	buf_init(&b, 64 * 1024);
	int64_t *ids = arena_alloc(ctx->arena, sizeof(*ids) * ((size_t)e->n_coordinators + 1));
	int n = 0;
	for (int k = 0; k < e->n_coordinators; k++) {
		buf_printf(&b, "%s%s", k ? ", " : "", e->coordinators[k]);
		int bi = e->coordinator_bodies[k];
		const struct import_body *body =
			bi >= 0 && bi < pv->n_bodies ? &pv->bodies[bi] : NULL;
		if (body && body->org_id > 0 && !body->group)
			ids[n++] = body->org_id;
	}
	in->coordinators = cut(ctx, buf_failed(&b) ? "" : b.data, FIELD_CHARS);
	buf_release(&b);
	in->coordinator_org_ids = ids;
	in->n_coordinator_orgs = n;
	in->set_coordinator_orgs = true;
	in->deadline_text = cut(ctx, e->deadline_text ? e->deadline_text : "", LINE_CHARS);
}

int app_plan_import_save(struct app_ctx *ctx, const struct import_save *in,
			 const struct import_preview *pv, struct import_saved *out,
			 struct kh_error *err)
{
	int rc, cap = 0;
	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (!pv || pv->n_items == 0)
		return kh_fail(err, KH_EINVAL, "text", "Văn bản không có nội dung công việc nào");
	if (pv->n_items > PLAN_ITEMS_MAX)
		return kh_fail(err, KH_ETOOBIG, "text", "Văn bản có hơn %d nội dung công việc",
			       PLAN_ITEMS_MAX);
	struct plan_input pin = {0};
	pin.owner_org_id = in->org_id;
	pin.scope = in->scope && *in->scope ? in->scope : "year";
	pin.year_from = in->year;
	pin.year_to = in->year_to ? in->year_to : in->year + 5;
	pin.title = in->title && *in->title ? in->title
		    : pv->title		    ? cut(ctx, pv->title, PLAN_TITLE_MAX)
					    : NULL;
	if (!in->org_id)
		return kh_fail(err, KH_EINVAL, "org_id", "Cần chọn tổ chức chủ kế hoạch");
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	if ((rc = app_plan_create(ctx, &pin, &out->plan, err)))
		goto out;
	for (int i = 0; i < pv->n_items; i++) {
		const struct import_entry *e = &pv->items[i];
		struct plan_item_input ii;
		entry_input(ctx, pv, e, &ii);
		if ((rc = app_plan_item_create(ctx, out->plan.id, &ii, NULL, err))) {
			/* Say which item was refused. */
			if (rc == KH_EINVAL || rc == KH_EFORBIDDEN) {
				struct kh_error inner = *err;
				rc = kh_fail(err, rc, inner.field, "Nội dung %s (dòng %d): %s",
					     e->path, e->line, inner.message);
			}
			goto out;
		}
		out->n_items++;
		if (e->lead && !ii.lead_org_id)
			add_unmatched(ctx, out, &cap, e->lead);
		for (int k = 0; k < e->n_coordinators; k++) {
			int bi = e->coordinator_bodies[k];
			if (bi < 0 || bi >= pv->n_bodies || pv->bodies[bi].org_id <= 0)
				add_unmatched(ctx, out, &cap, e->coordinators[k]);
		}
	}
	{
		json_t *un = json_array();
		for (int i = 0; i < out->n_unmatched; i++)
			json_array_append_new(un, json_string(out->unmatched[i]));
		json_t *j =
			json_pack("{s:s, s:i, s:o, s:s?}", "source", pv->was_docx ? "docx" : "text",
				  "items", out->n_items, "unmatched", un, "number", pv->number);
		char *after = j ? json_dumps(j, JSON_COMPACT) : NULL;
		json_decref(j);
		rc = app_audit(ctx, "plan.import", "plan", out->plan.id, NULL, after, err);
		free(after);
		if (rc)
			goto out;
	}
	rc = store_commit(ctx->store, err);
out:
	if (rc)
		store_rollback(ctx->store);
	return rc;
}
