/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The access scope: which subtrees of the org tree an actor may read, act for
 * and restructure, derived from the person's positions in force on
 * ctx->today. act_orgs are the orgs where they hold a position; read_roots add,
 * for a position in an advisory body (Văn phòng, Ban Tổ chức, UBKT, Tuyên giáo,
 * Dân vận), the committee the body belongs to (its parent); manage_roots are
 * the parent committee of a Ban Tổ chức or Văn phòng position, and the
 * committee itself for its head. Every manage root is also a read root.
 *
 * A check walks the org's ancestor chain (one bounded recursive query, depth
 * about 8) and looks for a root in it — never a subtree scan. The chain is
 * taken as of ctx->today, or, for an org that does not exist that day, as of
 * its last day (or its first, when it starts later).
 */
#include "core/common.h"
#include "app/app.h"
#include "core/model.h"
#include "store/org.h"

#include <string.h>

/* Adds id to an arena set of capacity cap when absent. */
static void set_add(int64_t *v, int *n, int cap, int64_t id)
{
	for (int i = 0; i < *n; i++)
		if (v[i] == id)
			return;
	if (*n < cap)
		v[(*n)++] = id;
}

int app_scope_load(struct app_ctx *ctx, struct kh_error *err)
{
	struct actor *a = ctx->actor;
	struct position *pos = NULL;
	int npos = 0, rc;

	if (!a)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (a->scope_loaded || a->system || a->is_admin) {
		a->scope_loaded = true;
		return 0;
	}
	a->act_orgs = a->read_roots = a->manage_roots = NULL;
	a->n_act_orgs = a->n_read_roots = a->n_manage_roots = 0;
	a->read_memo = NULL;
	if (a->person_id) {
		rc = store_positions_current_of_person(ctx->store, ctx->arena, a->person_id,
						       ctx->today, &pos, &npos, err);
		if (rc)
			return rc;
	}
	int cap = npos * 2 + 1;
	a->act_orgs = arena_alloc(ctx->arena, sizeof(int64_t) * (size_t)cap);
	a->read_roots = arena_alloc(ctx->arena, sizeof(int64_t) * (size_t)cap);
	a->manage_roots = arena_alloc(ctx->arena, sizeof(int64_t) * (size_t)cap);
	for (int i = 0; i < npos; i++) {
		struct org o;
		rc = store_org_get(ctx->store, ctx->arena, pos[i].org_id, ctx->today, &o, err);
		if (rc == KH_ENOTFOUND)
			continue; /* a position in an org that no longer exists */
		if (rc)
			return rc;
		set_add(a->act_orgs, &a->n_act_orgs, cap, o.id);
		set_add(a->read_roots, &a->n_read_roots, cap, o.id);
		if (o.parent_id && org_kind_is_advisory(o.kind))
			set_add(a->read_roots, &a->n_read_roots, cap, o.parent_id);
		if (o.parent_id && (o.kind == ORG_ORG_BOARD || o.kind == ORG_OFFICE))
			set_add(a->manage_roots, &a->n_manage_roots, cap, o.parent_id);
		if (o.kind == ORG_COMMITTEE && pos[i].role == POSITION_HEAD)
			set_add(a->manage_roots, &a->n_manage_roots, cap, o.id);
	}
	for (int i = 0; i < a->n_manage_roots; i++)
		set_add(a->read_roots, &a->n_read_roots, cap, a->manage_roots[i]);
	a->scope_loaded = true;
	return 0;
}

/* The day on which to judge the org's place in the tree: today when it
 * exists then, else its last (or first) day. */
static int judge_day(struct app_ctx *ctx, int64_t org_id, int32_t *day, bool *known,
		     struct kh_error *err)
{
	int32_t from, to;
	struct kh_error e;
	int rc = store_org_span(ctx->store, org_id, &from, &to, &e);
	*day = ctx->today;
	*known = false;
	if (rc == KH_ENOTFOUND)
		return 0;
	if (rc) {
		kh_fail(err, e.code, e.field, "%s", e.message);
		return rc;
	}
	*known = true;
	if (to && ctx->today >= to)
		*day = to - 1;
	else if (ctx->today < from)
		*day = from;
	return 0;
}

/* Sets *in when some ancestor-or-self of org_id is in roots. */
static int within(struct app_ctx *ctx, int64_t org_id, const int64_t *roots, int nroots, bool *in,
		  struct kh_error *err)
{
	int64_t *chain = NULL;
	int nchain = 0, rc;
	int32_t day;
	bool known;

	*in = false;
	if (nroots == 0 || org_id <= 0)
		return 0;
	rc = judge_day(ctx, org_id, &day, &known, err);
	if (rc || !known)
		return rc;
	rc = store_org_ancestors(ctx->store, ctx->arena, org_id, day, &chain, &nchain, err);
	if (rc)
		return rc;
	for (int i = 0; i < nchain && !*in; i++)
		for (int j = 0; j < nroots; j++)
			if (chain[i] == roots[j]) {
				*in = true;
				break;
			}
	return 0;
}

struct scope_memo {
	int n;
	struct {
		int64_t org_id;
		bool in;
	} e[256];
};

static bool memo_get(const struct scope_memo *m, int64_t org_id, bool *in)
{
	for (int i = 0; m && i < m->n; i++)
		if (m->e[i].org_id == org_id) {
			*in = m->e[i].in;
			return true;
		}
	return false;
}

static void memo_put(struct app_ctx *ctx, int64_t org_id, bool in)
{
	struct scope_memo *m = ctx->actor->read_memo;
	if (!m)
		m = ctx->actor->read_memo = arena_alloc(ctx->arena, sizeof(*m));
	if (m->n < (int)KH_ARRAY_LEN(m->e)) {
		m->e[m->n].org_id = org_id;
		m->e[m->n].in = in;
		m->n++;
	}
}

int app_can_read_orgs_prime(struct app_ctx *ctx, const int64_t *ids, int n, struct kh_error *err)
{
	if (app_sees_all(ctx) || n <= 0)
		return 0;
	int rc = app_scope_load(ctx, err);
	if (rc)
		return rc;
	int64_t *pending = arena_alloc(ctx->arena, sizeof(*pending) * (size_t)n);
	int npending = 0;
	for (int i = 0; i < n; i++) {
		bool in, dup = false;
		if (ids[i] <= 0 || memo_get(ctx->actor->read_memo, ids[i], &in))
			continue;
		for (int k = 0; k < npending && !dup; k++)
			dup = pending[k] == ids[i];
		if (!dup)
			pending[npending++] = ids[i];
	}
	if (npending == 0)
		return 0;
	int64_t *origin, *anc;
	int npairs;
	rc = store_org_ancestor_pairs(ctx->store, ctx->arena, pending, npending, ctx->today,
				      &origin, &anc, &npairs, err);
	if (rc)
		return rc;
	for (int i = 0; i < npending; i++) {
		bool in = false;
		for (int p = 0; p < npairs && !in; p++)
			if (origin[p] == pending[i])
				for (int j = 0; j < ctx->actor->n_read_roots && !in; j++)
					in = anc[p] == ctx->actor->read_roots[j];
		memo_put(ctx, pending[i], in);
	}
	return 0;
}

int app_can_read_org(struct app_ctx *ctx, int64_t org_id, struct kh_error *err)
{
	bool in = false, memoized = false;
	if (app_sees_all(ctx))
		return 0;
	int rc = app_scope_load(ctx, err);
	if (rc)
		return rc;
	memoized = memo_get(ctx->actor->read_memo, org_id, &in);
	if (!memoized) {
		rc = within(ctx, org_id, ctx->actor->read_roots, ctx->actor->n_read_roots, &in,
			    err);
		if (rc)
			return rc;
		memo_put(ctx, org_id, in);
	}
	if (in)
		return 0;
	return kh_fail(err, KH_EFORBIDDEN, NULL,
		       "Bạn không có quyền xem tổ chức này (ngoài phạm vi được giao)");
}

int app_can_manage_org(struct app_ctx *ctx, int64_t org_id, struct kh_error *err)
{
	bool in;
	if (app_sees_all(ctx))
		return 0;
	int rc = app_scope_load(ctx, err);
	if (rc)
		return rc;
	rc = within(ctx, org_id, ctx->actor->manage_roots, ctx->actor->n_manage_roots, &in, err);
	if (rc)
		return rc;
	if (in)
		return 0;
	return kh_fail(err, KH_EFORBIDDEN, NULL, "Bạn không có quyền thay đổi cơ cấu tổ chức này");
}

int app_can_act_for_org(struct app_ctx *ctx, int64_t org_id, struct kh_error *err)
{
	if (app_sees_all(ctx))
		return 0;
	int rc = app_scope_load(ctx, err);
	if (rc)
		return rc;
	for (int i = 0; i < ctx->actor->n_act_orgs; i++)
		if (ctx->actor->act_orgs[i] == org_id)
			return 0;
	bool in;
	rc = within(ctx, org_id, ctx->actor->manage_roots, ctx->actor->n_manage_roots, &in, err);
	if (rc)
		return rc;
	if (in)
		return 0;
	return kh_fail(err, KH_EFORBIDDEN, NULL,
		       "Bạn không có quyền làm việc thay mặt tổ chức này");
}

bool app_manages_any(struct app_ctx *ctx)
{
	struct kh_error err;
	if (app_sees_all(ctx))
		return true;
	return app_scope_load(ctx, &err) == 0 && ctx->actor->n_manage_roots > 0;
}
