/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Shared by the store's own files only: the connection struct, the cached
 * statement helper and small binding helpers. Never included outside store/.
 */
#ifndef KH_STORE_INTERNAL_H
#define KH_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/arena.h"
#include "core/err.h"

#define STORE_STMT_CACHE 1024

struct stmt_slot {
	const char *sql; /* a string literal: cached by address */
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char *path;
	int tx_depth;
	bool tx_write; /* the outermost transaction took the write lock */
	struct stmt_slot cache[STORE_STMT_CACHE];
};

/* Returns the cached, reset, unbound prepared statement for a string literal
 * sql, preparing it on first use; NULL (with err set) on a prepare failure,
 * which is a bug. */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct kh_error *err);

/* Maps a failed sqlite3 call to KH_EIO (or KH_ECONFLICT for constraint
 * violations), with a Vietnamese message and the SQLite detail logged. */
int store_sqlerr(struct store *s, int rc, struct kh_error *err);

/* Binding helpers: text NULL binds SQL NULL; id 0 binds NULL. */
void store_bind_text(sqlite3_stmt *st, int i, const char *text);
void store_bind_id(sqlite3_stmt *st, int i, int64_t id);
/* Day number 0 binds NULL. */
void store_bind_day(sqlite3_stmt *st, int i, int32_t day);

/* Column helpers: text is copied into the arena ("" for NULL). */
const char *store_col_text(struct arena *a, sqlite3_stmt *st, int i);
int64_t store_col_id(sqlite3_stmt *st, int i);

/* The error of a failed store_stmt() (its err), KH_EIO when it set none. */
int store_fail_stmt(struct kh_error *err);
/* Steps a statement that returns no row and resets it: 0 on SQLITE_DONE. */
int store_step_done(struct store *s, sqlite3_stmt *st, struct kh_error *err);
/* v (count elements of elem bytes, room for *cap) with room for one more,
 * grown by doubling in the arena (the old block stays there). */
void *store_vec_grow(struct arena *a, void *v, int *cap, int count, size_t elem);
/* A day-number column, 0 for NULL. */
int32_t store_col_day(sqlite3_stmt *st, int i);

/* Keeps the search index in step: one row per (type, id). folded is the
 * text_fold()ed searchable text; title is shown in results. */
int store_search_put(struct store *s, int type, int64_t id, const char *title, const char *subtitle,
		     const char *searchable, struct kh_error *err);
int store_search_delete(struct store *s, int type, int64_t id, struct kh_error *err);

#endif
