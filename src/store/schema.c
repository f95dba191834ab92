/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The schema, as an ordered list of migrations. PRAGMA user_version holds the
 * number of migrations applied; store_migrate() applies the rest, each in its
 * own transaction. Never edit a released migration: append a new one.
 *
 * Dates are day numbers since 1970-01-01 (core/date.h), times are unix
 * seconds. Org history: an org row is the identity; org_versions holds its
 * name, short name and parent over [valid_from, valid_to) — valid_to NULL
 * means open-ended — so the tree as of any day is a range query.
 */
#include "core/common.h"
#include "store/schema.h"

static const char *const migrations[] = {
	/* 1: the foundation — orgs with history, people, positions, documents,
	 * accounts, sessions, audit log, search. */
	"CREATE TABLE orgs ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  level INTEGER NOT NULL,"
	"  valid_from INTEGER NOT NULL,"
	"  valid_to INTEGER,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE TABLE org_versions ("
	"  id INTEGER PRIMARY KEY,"
	"  org_id INTEGER NOT NULL REFERENCES orgs(id),"
	"  valid_from INTEGER NOT NULL,"
	"  valid_to INTEGER,"
	"  parent_id INTEGER REFERENCES orgs(id),"
	"  name TEXT NOT NULL,"
	"  short_name TEXT NOT NULL DEFAULT '',"
	"  CHECK (valid_to IS NULL OR valid_to > valid_from)"
	");"
	"CREATE INDEX org_versions_by_org ON org_versions(org_id, valid_from);"
	"CREATE INDEX org_versions_by_parent ON org_versions(parent_id, valid_from);"
	"CREATE TABLE org_events ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  date INTEGER NOT NULL,"
	"  org_id INTEGER NOT NULL REFERENCES orgs(id),"
	"  other_org_id INTEGER REFERENCES orgs(id),"
	"  old_value TEXT NOT NULL DEFAULT '',"
	"  new_value TEXT NOT NULL DEFAULT '',"
	"  note TEXT NOT NULL DEFAULT '',"
	"  user_id INTEGER,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX org_events_by_org ON org_events(org_id, date);"
	"CREATE INDEX org_events_by_other ON org_events(other_org_id, date);"
	"CREATE TABLE people ("
	"  id INTEGER PRIMARY KEY,"
	"  full_name TEXT NOT NULL,"
	"  birth_year INTEGER,"
	"  gender TEXT NOT NULL DEFAULT '',"
	"  member_org_id INTEGER REFERENCES orgs(id),"
	"  residence_org_id INTEGER REFERENCES orgs(id),"
	"  managing_org_id INTEGER REFERENCES orgs(id),"
	"  retired INTEGER NOT NULL DEFAULT 0,"
	"  external_id TEXT UNIQUE,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE INDEX people_by_member_org ON people(member_org_id);"
	"CREATE TABLE positions ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES people(id),"
	"  org_id INTEGER NOT NULL REFERENCES orgs(id),"
	"  role TEXT NOT NULL,"
	"  title TEXT NOT NULL DEFAULT '',"
	"  valid_from INTEGER NOT NULL,"
	"  valid_to INTEGER,"
	"  CHECK (valid_to IS NULL OR valid_to > valid_from)"
	");"
	"CREATE INDEX positions_by_person ON positions(person_id);"
	"CREATE INDEX positions_by_org ON positions(org_id, role);"
	"CREATE TABLE documents ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  number TEXT NOT NULL,"
	"  date INTEGER,"
	"  issuer_org_id INTEGER REFERENCES orgs(id),"
	"  title TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE INDEX documents_by_number ON documents(number);"
	"CREATE INDEX documents_by_issuer ON documents(issuer_org_id, date);"
	"CREATE TABLE document_links ("
	"  from_id INTEGER NOT NULL REFERENCES documents(id),"
	"  to_id INTEGER NOT NULL REFERENCES documents(id),"
	"  kind TEXT NOT NULL,"
	"  PRIMARY KEY (from_id, to_id, kind),"
	"  CHECK (from_id <> to_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX document_links_to ON document_links(to_id);"
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  username TEXT NOT NULL UNIQUE COLLATE NOCASE,"
	"  password_hash TEXT NOT NULL,"
	"  person_id INTEGER REFERENCES people(id),"
	"  is_admin INTEGER NOT NULL DEFAULT 0,"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE TABLE sessions ("
	"  token_hash BLOB PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	"  csrf_token TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"CREATE INDEX sessions_by_user ON sessions(user_id);"
	"CREATE TABLE api_tokens ("
	"  id INTEGER PRIMARY KEY,"
	"  token_hash BLOB NOT NULL UNIQUE,"
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	"  label TEXT NOT NULL DEFAULT '',"
	"  created_at INTEGER NOT NULL,"
	"  revoked INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE login_attempts ("
	"  key TEXT PRIMARY KEY,"
	"  window_start INTEGER NOT NULL,"
	"  failures INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  user_id INTEGER,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  entity_id INTEGER,"
	"  before TEXT,"
	"  after TEXT"
	");"
	"CREATE INDEX audit_by_entity ON audit_log(entity, entity_id, id);"
	/* Search: titles kept here, the folded text in the FTS index under the
	 * same rowid (type << 40 | id), so an update deletes by rowid. */
	"CREATE TABLE search_docs ("
	"  rowid INTEGER PRIMARY KEY,"
	"  type INTEGER NOT NULL,"
	"  ref_id INTEGER NOT NULL,"
	"  title TEXT NOT NULL,"
	"  subtitle TEXT NOT NULL DEFAULT '',"
	"  folded TEXT NOT NULL"
	");"
	"CREATE VIRTUAL TABLE search_fts USING fts5("
	"  folded, content='search_docs', content_rowid='rowid',"
	"  tokenize='unicode61 remove_diacritics 0', prefix='2 3');"
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;",
	/* 2: orgs.code — the external code (the importer's `ma`) so that
	 * re-importing the same file updates orgs instead of duplicating them. */
	"ALTER TABLE orgs ADD COLUMN code TEXT;"
	"CREATE UNIQUE INDEX orgs_by_code ON orgs(code);",
	/* 3: expired sessions and stale login counters are swept at each login,
	 * inside its write transaction: index their time columns so the sweep
	 * does not scan every session. */
	"CREATE INDEX sessions_by_expiry ON sessions(expires_at);"
	"CREATE INDEX login_attempts_by_window ON login_attempts(window_start);",
	/* 4: people.sort_key — the Vietnamese sort key of (given name, full
	 * name) from text_collate_key(), kept by store/person.c, so that lists of
	 * hundreds of thousands of members page in name order off an index
	 * instead of sorting through a C collation. Rows written before this
	 * migration get their key on the next write to people. */
	"ALTER TABLE people ADD COLUMN sort_key BLOB;"
	"CREATE INDEX people_by_sort_key ON people(sort_key, id);"
	"CREATE INDEX people_by_member_sort ON people(member_org_id, sort_key, id);",
};

int schema_count(void)
{
	return (int)KH_ARRAY_LEN(migrations);
}

const char *schema_migration(int i)
{
	return i >= 0 && i < schema_count() ? migrations[i] : NULL;
}
