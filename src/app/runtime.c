/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Database lifecycle for the entry points: see runtime.h. */
#include "core/common.h"
#include "app/runtime.h"
#include "store/person.h"

int app_db_init(const char *path, int *from, int *to, struct kh_error *err)
{
	struct store *s = NULL;
	int rc = store_open(path, &s, err);
	if (rc == 0)
		rc = store_migrate(s, from, err);
	if (rc == 0)
		*to = store_version(s);
	/* Data that a migration cannot compute in SQL (Vietnamese sort keys of
	 * people stored before the keys existed) is filled in here. */
	int filled = 0;
	if (rc == 0 && (rc = store_begin(s, true, err)) == 0) {
		rc = store_person_fill_sort_keys(s, &filled, err);
		if (rc == 0)
			rc = store_commit(s, err);
		else
			store_rollback(s);
	}
	store_close(s);
	return rc;
}

int app_ctx_open(const char *path, struct app_ctx *ctx, struct arena *arena, struct actor *actor,
		 struct kh_error *err)
{
	struct store *s = NULL;
	int rc = store_open(path, &s, err);
	if (rc == 0)
		rc = store_check_version(s, err);
	if (rc) {
		store_close(s);
		return rc;
	}
	arena_init(arena, 65536);
	ctx->store = s;
	ctx->arena = arena;
	ctx->actor = actor;
	app_ctx_clock(ctx);
	return 0;
}

void app_ctx_close(struct app_ctx *ctx)
{
	if (ctx->arena)
		arena_release(ctx->arena);
	ctx->arena = NULL;
	store_close(ctx->store);
	ctx->store = NULL;
}

struct app_pool {
	struct store_pool *pool;
};

int app_pool_open(const char *path, int size, struct app_pool **out, struct kh_error *err)
{
	struct store *check = NULL;
	int rc = store_open(path, &check, err);
	if (rc == 0)
		rc = store_check_version(check, err);
	store_close(check);
	if (rc)
		return rc;
	struct app_pool *p = xcalloc(1, sizeof(*p));
	if ((rc = store_pool_open(path, size, &p->pool, err))) {
		free(p);
		return rc;
	}
	*out = p;
	return 0;
}

void app_pool_lend(struct app_pool *p, struct app_ctx *ctx)
{
	ctx->store = store_pool_acquire(p->pool);
	app_ctx_clock(ctx);
}

void app_pool_return(struct app_pool *p, struct app_ctx *ctx)
{
	if (ctx->store)
		store_pool_release(p->pool, ctx->store);
	ctx->store = NULL;
}

void app_pool_close(struct app_pool *p)
{
	if (!p)
		return;
	store_pool_close(p->pool);
	free(p);
}

bool app_read_begin(struct app_ctx *ctx)
{
	return store_begin(ctx->store, false, NULL) == 0;
}

void app_read_end(struct app_ctx *ctx)
{
	store_rollback(ctx->store);
}

int64_t app_db_size(struct app_ctx *ctx)
{
	return ctx->store ? store_db_size(ctx->store) : 0;
}
