/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The demo data: a fictional province, "tỉnh Sơn Nam", as pure data for the
 * demo loader (`kehoach demo`) to feed through the use cases. It starts in
 * the 2015–2020 shape (central committee → Tỉnh ủy → Thành ủy Vân Hà, Huyện
 * ủy Lạc Điền, Huyện ủy Phú Sơn, Đảng ủy Khối các cơ quan and Khối Doanh
 * nghiệp → base organizations → cells) and carries the 2025 reorganization
 * as dated changes: on 2025-02-01 the two blocs end and Đảng bộ UBND tỉnh and
 * Đảng bộ các cơ quan Đảng tỉnh begin; on 2025-03-01 Ban Tuyên giáo and Ban
 * Dân vận merge, and two departments (sở) merge into others; on 2025-07-01
 * the district level is dissolved and its communes are merged into larger
 * ones directly under the Tỉnh ủy. All places and people are fictional; the
 * central documents are real (numbers, dates, issuers, titles).
 *
 * Keys are stable ASCII identifiers ("tu", "x_tanphong", "p_bt2",
 * "g.cb_tph_dongxuan.head"); an org key may serve as the org's external code.
 * Dates are "YYYY-MM-DD"; a NULL end date means "still in force". Every
 * string is UTF-8 in NFC and lives for the whole process.
 *
 * How to load it (the order matters):
 *  1. Orgs. An org named by a DEMO_CREATE or DEMO_SPLIT change (as
 *     target_key) is created by that change; every other org is created up
 *     front, in array order (parents come before children), from its
 *     valid_from. All up-front orgs start on or before the first change.
 *  2. Changes, in array order (sorted by date; within a date, creations
 *     first, then moves and renames, then merges, then dissolutions). Children
 *     are always moved explicitly before their parent is merged or dissolved,
 *     so a merge or dissolution never has children left to carry along.
 *  3. People (member_org_key, residence_org_key and managing_org_key name orgs
 *     that exist today), then positions, then documents, then links, then
 *     users.
 */
#ifndef KH_APP_DEMO_DATA_H
#define KH_APP_DEMO_DATA_H

#include <stdbool.h>
#include <stddef.h>

/* The day the up-front tree of the province starts (central orgs are older). */
#define DEMO_START_DATE "2015-10-01"

struct demo_org {
	const char *key;
	const char *parent_key; /* NULL for the root (the central committee) */
	const char *name;
	const char *short_name; /* as used in document symbols: "TU", "BTCĐUK" */
	const char *kind;	/* an org kind name (core/model.h): "committee"… */
	int level;		/* 0 central … 4 cell; an agency takes its committee's */
	const char *valid_from; /* "YYYY-MM-DD"; for change-created orgs the change date */
};

struct demo_person {
	const char *key;
	const char *full_name;
	int birth_year;
	const char *gender;	       /* "nam" or "nu" */
	const char *member_org_key;    /* nơi sinh hoạt: a cell or a base org */
	const char *residence_org_key; /* nơi cư trú: a residential cell, or NULL */
	const char *managing_org_key;  /* cấp ủy quản lý cán bộ, or NULL */
	bool retired;
	const char *external_id; /* "SN-000123" */
};

struct demo_position {
	const char *person_key;
	const char *org_key;
	const char *role;  /* a position role name: "head", "deputy", "standing",
			    * "committee", "member", "staff" */
	const char *title; /* as written: "Bí thư Tỉnh ủy" */
	const char *valid_from;
	const char *valid_to; /* first day no longer held; NULL = current */
};

struct demo_document {
	const char *key;
	const char *kind;   /* NQ, CT, KL, QĐ, QĐi, HD, KH, CV… */
	const char *number; /* canonical "35-CT/TW"; "" for a congress resolution,
			     * which carries no number */
	const char *date;
	const char *issuer_org_key;
	const char *title;
};

struct demo_document_link {
	const char *from_key;
	const char *to_key;
	const char *kind; /* "implements", "based_on" or "replaces" */
};

enum demo_change_op { DEMO_RENAME, DEMO_MOVE, DEMO_MERGE, DEMO_SPLIT, DEMO_DISSOLVE, DEMO_CREATE };

/*
 * One dated change. Per op:
 *  DEMO_CREATE   org_key = target_key = the new org (its demo_org entry has
 *                valid_from = date and names its parent).
 *  DEMO_SPLIT    org_key = the source, which goes on; target_key = the new
 *                org split off (a demo_org entry under the source's parent,
 *                same kind and level, valid_from = date).
 *  DEMO_RENAME   org_key; new_name; new_short_name (NULL = unchanged).
 *  DEMO_MOVE     org_key moves under target_key.
 *  DEMO_MERGE    org_key ends and is merged into target_key, which goes on.
 *  DEMO_DISSOLVE org_key ends (it has no children left that day).
 * An org that ended is never touched again.
 */
struct demo_change {
	const char *date;
	enum demo_change_op op;
	const char *org_key;
	const char *target_key;
	const char *new_name;
	const char *new_short_name;
	const char *note; /* Vietnamese: the decision behind the change */
};

struct demo_user {
	const char *username;
	const char *person_key;
	bool admin;
	const char *role_hint; /* Vietnamese, printed next to the account */
};

struct demo_data {
	const struct demo_org *orgs;
	size_t n_orgs;
	const struct demo_person *people;
	size_t n_people;
	const struct demo_position *positions;
	size_t n_positions;
	const struct demo_document *documents;
	size_t n_documents;
	const struct demo_document_link *links;
	size_t n_links;
	const struct demo_change *changes;
	size_t n_changes;
	const struct demo_user *users;
	size_t n_users;
	const char *password; /* shared by every demo account; for demos only */
};

/* The demo data, built on the first call (deterministically: a fixed-seed
 * generator fills in ordinary members and the leaders of base orgs and cells
 * around the hand-written key people) and the same pointer afterwards. The
 * data is static and never freed. Not thread-safe on the first call. */
const struct demo_data *demo_data_get(void);

/* The org, person or document with this key, or NULL. */
const struct demo_org *demo_org_find(const struct demo_data *d, const char *key);
const struct demo_person *demo_person_find(const struct demo_data *d, const char *key);
const struct demo_document *demo_document_find(const struct demo_data *d, const char *key);

/* True when the org is created by a DEMO_CREATE or DEMO_SPLIT change rather
 * than up front. */
bool demo_org_created_by_change(const struct demo_data *d, const char *key);

/* The day the org ends (merged or dissolved), or NULL while it exists. */
const char *demo_org_end(const struct demo_data *d, const char *key);

/* The org event kind name for op ("create", "rename", "move", "merge",
 * "split", "dissolve"), as in core/model.h. */
const char *demo_change_op_name(enum demo_change_op op);

#endif
