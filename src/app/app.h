/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The use-case layer's shared context. Every use case takes a struct app_ctx:
 * the connection to use, the arena for results, who is acting, and the clock.
 * The web builds one per request, the CLI one per command. A use case checks
 * authorization, validates, runs in one transaction, writes the audit log,
 * and returns records allocated in ctx->arena.
 *
 * Who may do what (DESIGN.md "Who may do what"): an actor acts for the orgs
 * where their person holds a current position; staff of an advisory body
 * (Văn phòng, Ban Tổ chức, UBKT, Tuyên giáo, Dân vận) read the whole subtree
 * of the committee the body belongs to; the structure of the tree (create,
 * rename, move, merge, split, dissolve) is edited by the Ban Tổ chức or the
 * Văn phòng of a committee, for that committee's subtree; admins do anything;
 * the CLI acts as the system.
 */
#ifndef KH_APP_APP_H
#define KH_APP_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

struct actor {
	int64_t user_id;   /* 0 for the system */
	int64_t person_id; /* 0 when the account is not linked to a person */
	const char *username;
	bool is_admin;
	bool system; /* CLI, demo loader: every right, audited as user 0 */

	/* The scope, filled by app_scope_load() (arena-allocated): */
	bool scope_loaded;
	int64_t *act_orgs; /* orgs where the person holds a current position */
	int n_act_orgs;
	int64_t *read_roots; /* subtrees the actor may read */
	int n_read_roots;
	int64_t *manage_roots; /* subtrees whose structure the actor may edit */
	int n_manage_roots;
	/* Read checks already answered for this actor (a page checks the same
	 * orgs many times); kept by scope.c, reset when the scope loads. */
	struct scope_memo *read_memo;
};

struct app_ctx {
	struct store *store;
	struct arena *arena;
	struct actor *actor;
	int32_t today; /* day number: the local date, or KH_TODAY for tests */
	int64_t now;   /* unix seconds */
};

/* Fills ctx->today and ctx->now from the clock, honouring the KH_TODAY
 * environment variable ("YYYY-MM-DD") so tests can fix the date. */
void app_ctx_clock(struct app_ctx *ctx);

/* A system actor (for the CLI and the demo loader). */
void app_actor_system(struct actor *a);

/* Loads the actor's scope from their positions as of ctx->today (no-op for
 * the system, admins and actors already loaded). */
int app_scope_load(struct app_ctx *ctx, struct kh_error *err) KH_MUST_CHECK;

/* Authorization checks: 0, or KH_EFORBIDDEN with a Vietnamese message.
 * "Within" is judged on the tree as of ctx->today (for orgs no longer in
 * existence, as of their last day). */
int app_can_read_org(struct app_ctx *ctx, int64_t org_id, struct kh_error *err) KH_MUST_CHECK;
int app_can_manage_org(struct app_ctx *ctx, int64_t org_id, struct kh_error *err) KH_MUST_CHECK;
/* Answers the read checks of many orgs at once (one query) so that the
 * app_can_read_org calls that follow for them cost nothing: for pages that
 * link many orgs. Ids of 0 are skipped. */
int app_can_read_orgs_prime(struct app_ctx *ctx, const int64_t *ids, int n,
			    struct kh_error *err) KH_MUST_CHECK;
/* The actor acts for org_id itself (holds a position there), or manages it. */
int app_can_act_for_org(struct app_ctx *ctx, int64_t org_id, struct kh_error *err) KH_MUST_CHECK;
/* True when the actor may edit some part of the tree (admins, the system,
 * or manage roots from their positions): pages show their forms then. */
bool app_manages_any(struct app_ctx *ctx);
int app_require_admin(struct app_ctx *ctx, struct kh_error *err) KH_MUST_CHECK;
/* True when the actor sees everything (system or admin). */
bool app_sees_all(const struct app_ctx *ctx);

/* Appends an audit entry for the acting user; call inside the write
 * transaction. before/after: JSON text or NULL. */
int app_audit(struct app_ctx *ctx, const char *action, const char *entity, int64_t entity_id,
	      const char *before, const char *after, struct kh_error *err) KH_MUST_CHECK;

/* Input validation helpers shared by use cases. Each returns 0 or KH_EINVAL
 * naming the field in a Vietnamese message. The text must already be valid
 * NFC UTF-8 (the web and CLI normalize at the boundary). */
int app_check_name(const char *field, const char *label, const char *value, size_t max_chars,
		   bool required, struct kh_error *err) KH_MUST_CHECK;

#endif
