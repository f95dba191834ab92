/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Opening the database for the entry points, so that web/ and cli/ never
 * touch store/ themselves: creating and migrating it, opening one context for
 * a command, and a pool of contexts' connections for the server's threads.
 */
#ifndef KH_APP_RUNTIME_H
#define KH_APP_RUNTIME_H

#include "app/app.h"

/* Creates or migrates the database at path. *from and *to receive the schema
 * versions before and after. */
int app_db_init(const char *path, int *from, int *to, struct kh_error *err) KH_MUST_CHECK;

/* Opens path for one command: checks the schema version (telling the user to
 * run `kehoach init` when it is behind) and fills ctx with the connection, the
 * arena (initialized here) and actor (left as the caller set it), and the
 * clock. Release with app_ctx_close(). */
int app_ctx_open(const char *path, struct app_ctx *ctx, struct arena *arena, struct actor *actor,
		 struct kh_error *err) KH_MUST_CHECK;
void app_ctx_close(struct app_ctx *ctx);

/* Connections for the server's worker threads. app_pool_open checks the
 * schema version first. */
struct app_pool;
int app_pool_open(const char *path, int size, struct app_pool **out,
		  struct kh_error *err) KH_MUST_CHECK;
/* Lends a connection to ctx (blocking until one is free) and sets the clock. */
void app_pool_lend(struct app_pool *p, struct app_ctx *ctx);
/* Takes the connection back (rolling back anything left open). */
void app_pool_return(struct app_pool *p, struct app_ctx *ctx);
void app_pool_close(struct app_pool *p);

/* A read transaction around a request's reads: one snapshot, one lock. A
 * use case that tries to write inside it fails (a bug). */
bool app_read_begin(struct app_ctx *ctx);
void app_read_end(struct app_ctx *ctx);

/* Size of the database in bytes, for /metrics. */
int64_t app_db_size(struct app_ctx *ctx);

#endif
