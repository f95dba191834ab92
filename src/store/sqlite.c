/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The SQLite connection: pragmas for durability (WAL, synchronous=FULL,
 * foreign keys), a busy handler so writers queue, the statement cache,
 * migrations, transactions, the connection pool, the audit log and the search
 * index's write side.
 */
#include "core/common.h"
#include "store/internal.h"
#include "store/schema.h"
#include "store/store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_schema_version(void)
{
	return schema_count();
}

int store_sqlerr(struct store *s, int rc, struct kh_error *err)
{
	int primary = rc & 0xff;
	const char *detail = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	if (primary == SQLITE_CONSTRAINT)
		return kh_fail(err, KH_ECONFLICT, NULL, "Dữ liệu mâu thuẫn với dữ liệu đã có (%s)",
			       detail);
	fprintf(stderr, "kehoach: sqlite error %d: %s\n", rc, detail);
	return kh_fail(err, KH_EIO, NULL, "Lỗi cơ sở dữ liệu: %s", detail);
}

sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct kh_error *err)
{
	size_t h = ((uintptr_t)sql >> 4) % STORE_STMT_CACHE;
	for (size_t i = 0; i < STORE_STMT_CACHE; i++) {
		struct stmt_slot *slot = &s->cache[(h + i) % STORE_STMT_CACHE];
		if (slot->sql == sql) {
			sqlite3_reset(slot->stmt);
			sqlite3_clear_bindings(slot->stmt);
			return slot->stmt;
		}
		if (!slot->sql) {
			int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
						    &slot->stmt, NULL);
			if (rc != SQLITE_OK) {
				store_sqlerr(s, rc, err);
				slot->stmt = NULL;
				return NULL;
			}
			slot->sql = sql;
			return slot->stmt;
		}
	}
	/* Cache full: a bug (raise STORE_STMT_CACHE). */
	kh_fail(err, KH_EINTERNAL, NULL, "Bộ nhớ đệm câu lệnh đã đầy");
	return NULL;
}

void store_bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void store_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

void store_bind_day(sqlite3_stmt *st, int i, int32_t day)
{
	if (day)
		sqlite3_bind_int(st, i, day);
	else
		sqlite3_bind_null(st, i);
}

const char *store_col_text(struct arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	if (!t)
		return "";
	return arena_memdup0(a, t, (size_t)sqlite3_column_bytes(st, i));
}

int64_t store_col_id(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, i);
}

static int exec(struct store *s, const char *sql, struct kh_error *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		kh_fail(err, KH_EIO, NULL, "Lỗi cơ sở dữ liệu: %s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return KH_EIO;
	}
	return 0;
}

/* Process-wide SQLite settings, before its first use: each connection is
 * used by one thread at a time (so no per-connection mutexes), and no
 * memory statistics (which take a global mutex on every allocation). */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

int store_open(const char *path, struct store **out, struct kh_error *err)
{
	pthread_once(&config_once, configure);
	struct store *s = xcalloc(1, sizeof(*s));
	int rc = sqlite3_open_v2(path, &s->db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		kh_fail(err, KH_EIO, NULL, "Không mở được cơ sở dữ liệu %s: %s", path,
			s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		goto fail;
	}
	s->path = xstrdup(path);
	sqlite3_extended_result_codes(s->db, 1);
	/* Writers wait for each other (up to 10 s) instead of failing. */
	sqlite3_busy_timeout(s->db, 10000);
	rc = exec(s,
		  "PRAGMA journal_mode=WAL;"
		  "PRAGMA synchronous=FULL;"
		  "PRAGMA foreign_keys=ON;"
		  "PRAGMA temp_store=MEMORY;"
		  "PRAGMA cache_size=-16000;",
		  err);
	if (rc)
		goto fail;
	*out = s;
	return 0;
fail:
	store_close(s);
	return err ? err->code : KH_EIO;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < STORE_STMT_CACHE; i++)
		if (s->cache[i].stmt)
			sqlite3_finalize(s->cache[i].stmt);
	if (s->db)
		sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int store_version(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int v = 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int store_check_version(struct store *s, struct kh_error *err)
{
	int v = store_version(s);
	if (v == schema_count())
		return 0;
	if (v < schema_count())
		return kh_fail(
			err, KH_ECONFLICT, NULL,
			"Cơ sở dữ liệu ở phiên bản %d, cần %d: hãy chạy `kehoach init --db %s`", v,
			schema_count(), s->path);
	return kh_fail(err, KH_ECONFLICT, NULL,
		       "Cơ sở dữ liệu ở phiên bản %d, mới hơn chương trình này (%d)", v,
		       schema_count());
}

int store_migrate(struct store *s, int *from, struct kh_error *err)
{
	int v = store_version(s);
	if (from)
		*from = v;
	if (v > schema_count())
		return store_check_version(s, err);
	for (int i = v; i < schema_count(); i++) {
		char pragma[64];
		int rc = exec(s, "BEGIN IMMEDIATE", err);
		if (rc)
			return rc;
		/* Someone else may have migrated while we waited for the lock. */
		if (store_version(s) > i) {
			exec(s, "COMMIT", NULL);
			continue;
		}
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d", i + 1);
		if ((rc = exec(s, schema_migration(i), err)) || (rc = exec(s, pragma, err)) ||
		    (rc = exec(s, "COMMIT", err))) {
			exec(s, "ROLLBACK", NULL);
			return rc;
		}
	}
	return 0;
}

int store_begin(struct store *s, bool write, struct kh_error *err)
{
	if (s->tx_depth > 0) {
		/* A write inside a read transaction would have to upgrade its lock,
		 * which fails instead of waiting when another writer went first:
		 * refuse it as the bug it is. */
		if (write && !s->tx_write)
			return kh_fail(err, KH_EINTERNAL, NULL,
				       "Lỗi chương trình: ghi dữ liệu trong giao dịch chỉ đọc");
		s->tx_depth++;
		return 0;
	}
	int rc = exec(s, write ? "BEGIN IMMEDIATE" : "BEGIN", err);
	if (rc == 0) {
		s->tx_depth = 1;
		s->tx_write = write;
	}
	return rc;
}

int store_commit(struct store *s, struct kh_error *err)
{
	if (s->tx_depth == 0)
		return kh_fail(err, KH_EINTERNAL, NULL, "Không có giao dịch để ghi");
	if (--s->tx_depth > 0)
		return 0;
	int rc = exec(s, "COMMIT", err);
	if (rc)
		exec(s, "ROLLBACK", NULL);
	return rc;
}

void store_rollback(struct store *s)
{
	if (s->tx_depth == 0)
		return;
	s->tx_depth = 0;
	if (!sqlite3_get_autocommit(s->db))
		exec(s, "ROLLBACK", NULL);
}

int64_t store_db_size(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int64_t size = 0;
	if (sqlite3_prepare_v2(
		    s->db,
		    "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
		    -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		size = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return size;
}

int64_t store_last_id(struct store *s)
{
	return sqlite3_last_insert_rowid(s->db);
}

/* ---- pool ---- */

struct store_pool {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	int size, nfree;
	struct store **free_list;
};

int store_pool_open(const char *path, int size, struct store_pool **out, struct kh_error *err)
{
	struct store_pool *p = xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	p->free_list = xcalloc((size_t)size, sizeof(*p->free_list));
	for (int i = 0; i < size; i++) {
		struct store *s;
		int rc = store_open(path, &s, err);
		if (rc) {
			store_pool_close(p);
			return rc;
		}
		p->free_list[p->nfree++] = s;
		p->size++;
	}
	*out = p;
	return 0;
}

struct store *store_pool_acquire(struct store_pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->nfree == 0)
		pthread_cond_wait(&p->freed, &p->lock);
	struct store *s = p->free_list[--p->nfree];
	pthread_mutex_unlock(&p->lock);
	return s;
}

void store_pool_release(struct store_pool *p, struct store *s)
{
	store_rollback(s);
	pthread_mutex_lock(&p->lock);
	p->free_list[p->nfree++] = s;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

void store_pool_close(struct store_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->nfree; i++)
		store_close(p->free_list[i]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
	free(p->free_list);
	free(p);
}

/* ---- audit ---- */

int store_audit(struct store *s, int64_t at, int64_t user_id, const char *action,
		const char *entity, int64_t entity_id, const char *before, const char *after,
		struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO audit_log(at, user_id, action, entity, entity_id, before, after)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)",
		err);
	if (!st)
		return err ? err->code : KH_EIO;
	sqlite3_bind_int64(st, 1, at);
	store_bind_id(st, 2, user_id);
	store_bind_text(st, 3, action);
	store_bind_text(st, 4, entity);
	store_bind_id(st, 5, entity_id);
	store_bind_text(st, 6, before);
	store_bind_text(st, 7, after);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_audit_list(struct store *s, struct arena *a, const char *entity, int64_t entity_id,
		     int limit, struct audit_entry **out, int *n, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT l.id, l.at, l.user_id, coalesce(u.username, ''), l.action, l.entity,"
		" l.entity_id, l.before, l.after FROM audit_log l"
		" LEFT JOIN users u ON u.id = l.user_id"
		" WHERE (?1 IS NULL OR l.entity = ?1) AND (?2 IS NULL OR l.entity_id = ?2)"
		" ORDER BY l.id DESC LIMIT ?3",
		err);
	if (!st)
		return err ? err->code : KH_EIO;
	store_bind_text(st, 1, entity);
	store_bind_id(st, 2, entity_id);
	sqlite3_bind_int(st, 3, limit);
	int cap = 16, count = 0, rc;
	struct audit_entry *v = arena_alloc(a, sizeof(*v) * (size_t)cap);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			struct audit_entry *w = arena_alloc(a, sizeof(*v) * (size_t)cap * 2);
			memcpy(w, v, sizeof(*v) * (size_t)cap);
			v = w;
			cap *= 2;
		}
		struct audit_entry *e = &v[count++];
		e->id = sqlite3_column_int64(st, 0);
		e->at = sqlite3_column_int64(st, 1);
		e->user_id = store_col_id(st, 2);
		e->username = store_col_text(a, st, 3);
		e->action = store_col_text(a, st, 4);
		e->entity = store_col_text(a, st, 5);
		e->entity_id = store_col_id(st, 6);
		e->before = store_col_text(a, st, 7);
		e->after = store_col_text(a, st, 8);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

/* ---- search index, write side ---- */

static int64_t search_rowid(int type, int64_t id)
{
	return ((int64_t)type << 40) | id;
}

int store_search_delete(struct store *s, int type, int64_t id, struct kh_error *err)
{
	int64_t rowid = search_rowid(type, id);
	sqlite3_stmt *st =
		store_stmt(s,
			   "INSERT INTO search_fts(search_fts, rowid, folded)"
			   " SELECT 'delete', rowid, folded FROM search_docs WHERE rowid = ?",
			   err);
	if (!st)
		return err ? err->code : KH_EIO;
	sqlite3_bind_int64(st, 1, rowid);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	st = store_stmt(s, "DELETE FROM search_docs WHERE rowid = ?", err);
	if (!st)
		return err ? err->code : KH_EIO;
	sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}

int store_search_put(struct store *s, int type, int64_t id, const char *title, const char *subtitle,
		     const char *searchable, struct kh_error *err)
{
	int rc = store_search_delete(s, type, id, err);
	if (rc)
		return rc;
	int64_t rowid = search_rowid(type, id);
	sqlite3_stmt *st =
		store_stmt(s,
			   "INSERT INTO search_docs(rowid, type, ref_id, title, subtitle, folded)"
			   " VALUES (?, ?, ?, ?, ?, ?)",
			   err);
	if (!st)
		return err ? err->code : KH_EIO;
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_int(st, 2, type);
	sqlite3_bind_int64(st, 3, id);
	store_bind_text(st, 4, title);
	store_bind_text(st, 5, subtitle ? subtitle : "");
	store_bind_text(st, 6, searchable);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	st = store_stmt(s, "INSERT INTO search_fts(rowid, folded) VALUES (?, ?)", err);
	if (!st)
		return err ? err->code : KH_EIO;
	sqlite3_bind_int64(st, 1, rowid);
	store_bind_text(st, 2, searchable);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, err);
}
