/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Persistence behind one interface. This header and the per-resource
 * store/<resource>.h headers are all the rest of the program sees of storage:
 * no SQLite type or SQL string leaves store/, so another engine can stand
 * beside this one.
 *
 * A struct store is one connection; it is used by one thread at a time. The
 * web server keeps a pool (store_pool_*); the CLI opens one. Writes happen in
 * a transaction begun with store_begin(s, true), which takes the write lock up
 * front (BEGIN IMMEDIATE, with a busy handler) so concurrent writers queue
 * instead of failing with "database is locked".
 *
 * Reads that return records allocate their strings in the caller's arena.
 */
#ifndef KH_STORE_STORE_H
#define KH_STORE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

struct store;

/* The schema version this build creates and migrates to. */
int store_schema_version(void);

/* Opens (creating when missing) the database file. Does not migrate.
 * On success *out is owned by the caller: store_close() it. */
int store_open(const char *path, struct store **out, struct kh_error *err) KH_MUST_CHECK;
void store_close(struct store *s);

/* Creates or upgrades the schema; idempotent. Sets *from (may be NULL) to the
 * version found. */
int store_migrate(struct store *s, int *from, struct kh_error *err) KH_MUST_CHECK;
/* The schema version of the open database (0 = empty). */
int store_version(struct store *s);
/* Fails with a clear message when the database is not at this build's
 * version (so `serve` on an unmigrated file says to run `init`). */
int store_check_version(struct store *s, struct kh_error *err) KH_MUST_CHECK;

/* Transactions. store_begin(s, true) starts a write transaction. */
int store_begin(struct store *s, bool write, struct kh_error *err) KH_MUST_CHECK;
int store_commit(struct store *s, struct kh_error *err) KH_MUST_CHECK;
/* Rolls back when a transaction is open; harmless otherwise. */
void store_rollback(struct store *s);

/* Size of the database file in bytes (page_count * page_size). */
int64_t store_db_size(struct store *s);

/* A fixed-size pool of connections for the server's worker threads. */
struct store_pool;
int store_pool_open(const char *path, int size, struct store_pool **out,
		    struct kh_error *err) KH_MUST_CHECK;
/* Blocks until a connection is free. */
struct store *store_pool_acquire(struct store_pool *p);
void store_pool_release(struct store_pool *p, struct store *s);
void store_pool_close(struct store_pool *p);

/* The id of the last row written by an insert on this connection. */
int64_t store_last_id(struct store *s);

/* Appends one entry to the audit log (inside the caller's transaction).
 * before/after are JSON texts or NULL. */
int store_audit(struct store *s, int64_t at, int64_t user_id, const char *action,
		const char *entity, int64_t entity_id, const char *before, const char *after,
		struct kh_error *err) KH_MUST_CHECK;

struct audit_entry {
	int64_t id;
	int64_t at;
	int64_t user_id;
	const char *username;
	const char *action;
	const char *entity;
	int64_t entity_id;
	const char *before;
	const char *after;
};
/* Audit entries, newest first; entity NULL for all, entity_id 0 for all of
 * that entity. */
int store_audit_list(struct store *s, struct arena *a, const char *entity, int64_t entity_id,
		     int limit, struct audit_entry **out, int *n,
		     struct kh_error *err) KH_MUST_CHECK;

#endif
