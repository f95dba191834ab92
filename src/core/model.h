/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The domain's records as plain structs, shared by store/, app/ and the entry
 * points. Strings are NUL-terminated UTF-8 in NFC and belong to whoever
 * allocated the record (usually a request arena). Dates are day numbers
 * (core/date.h); 0 in an optional date field means "none" only where the
 * field's comment says so — otherwise use the has_ flags.
 */
#ifndef KH_CORE_MODEL_H
#define KH_CORE_MODEL_H

#include <stdbool.h>
#include <stdint.h>

/* Org kinds, stored as these exact strings. */
#define ORG_KINDS                                                 \
	X(COMMITTEE, "committee", "Cấp ủy, đảng bộ")              \
	X(CELL, "cell", "Chi bộ")                                 \
	X(OFFICE, "office", "Văn phòng")                          \
	X(ORG_BOARD, "org_board", "Ban Tổ chức")                  \
	X(INSPECTION, "inspection", "Ủy ban Kiểm tra")            \
	X(PROPAGANDA, "propaganda", "Ban Tuyên giáo")             \
	X(MASS_MOBILIZATION, "mass_mobilization", "Ban Dân vận")  \
	X(DELEGATION, "delegation", "Đảng đoàn, ban cán sự đảng") \
	X(STATE, "state", "Cơ quan nhà nước")                     \
	X(MASS_ORG, "mass_org", "Mặt trận, đoàn thể")

enum org_kind {
#define X(e, s, vi) ORG_##e,
	ORG_KINDS
#undef X
		ORG_KIND_COUNT
};

/* The string stored for kind k. */
const char *org_kind_name(enum org_kind k);
/* Vietnamese label for kind k. */
const char *org_kind_label(enum org_kind k);
/* Parses a kind string; false when unknown. */
bool org_kind_parse(const char *s, enum org_kind *out);
/* Advisory bodies of a committee (Văn phòng, Ban Tổ chức, UBKT, Tuyên giáo,
 * Dân vận): their staff may read the whole subtree of that committee. */
bool org_kind_is_advisory(enum org_kind k);

/* Levels are data, but these are the ones the demo and the labels know. */
enum {
	ORG_LEVEL_CENTRAL = 0,
	ORG_LEVEL_PROVINCE = 1,
	ORG_LEVEL_UPPER_BASE = 2,
	ORG_LEVEL_BASE = 3,
	ORG_LEVEL_CELL = 4,
	ORG_LEVEL_MAX = 9
};
/* Vietnamese label for a level ("Cấp tỉnh"…). */
const char *org_level_label(int level);

/* One org as of a given date: the version in force that day. */
struct org {
	int64_t id;
	int64_t parent_id; /* 0 = root */
	const char *name;
	const char *short_name;
	enum org_kind kind;
	int level;
	int32_t valid_from;  /* the org's first day */
	int32_t valid_to;    /* first day it no longer exists; 0 = still exists */
	int64_t child_count; /* children as of the same date (filled by lists) */
};

/* A dated change to the tree. */
#define ORG_EVENT_KINDS                         \
	X(CREATE, "create", "Thành lập")        \
	X(RENAME, "rename", "Đổi tên")          \
	X(MOVE, "move", "Chuyển trực thuộc")    \
	X(MERGE, "merge", "Hợp nhất, sáp nhập") \
	X(SPLIT, "split", "Chia tách")          \
	X(DISSOLVE, "dissolve", "Giải thể")

enum org_event_kind {
#define X(e, s, vi) ORG_EVENT_##e,
	ORG_EVENT_KINDS
#undef X
		ORG_EVENT_KIND_COUNT
};
const char *org_event_kind_name(enum org_event_kind k);
const char *org_event_kind_label(enum org_event_kind k);
bool org_event_kind_parse(const char *s, enum org_event_kind *out);

struct org_event {
	int64_t id;
	enum org_event_kind kind;
	int32_t date;
	int64_t org_id;
	int64_t other_org_id; /* merged into / split from / new parent; 0 = none */
	const char *note;
	const char *old_value; /* old name or old parent, as text; may be "" */
	const char *new_value;
};

/* Position roles, stored as these strings. */
#define POSITION_ROLES                                   \
	X(HEAD, "head", "Người đứng đầu")                \
	X(DEPUTY, "deputy", "Cấp phó")                   \
	X(STANDING, "standing", "Ủy viên Ban Thường vụ") \
	X(COMMITTEE, "committee", "Cấp ủy viên")         \
	X(MEMBER, "member", "Đảng viên")                 \
	X(STAFF, "staff", "Cán bộ, chuyên viên")

enum position_role {
#define X(e, s, vi) POSITION_##e,
	POSITION_ROLES
#undef X
		POSITION_ROLE_COUNT
};
const char *position_role_name(enum position_role r);
const char *position_role_label(enum position_role r);
bool position_role_parse(const char *s, enum position_role *out);

struct person {
	int64_t id;
	const char *full_name;
	int birth_year;		  /* 0 = unknown */
	const char *gender;	  /* "nam", "nu" or "" */
	int64_t member_org_id;	  /* nơi sinh hoạt; 0 = none */
	int64_t residence_org_id; /* nơi cư trú; 0 = none */
	int64_t managing_org_id;  /* cấp ủy quản lý cán bộ; 0 = none */
	bool retired;
	const char *external_id; /* id in the national member database, or "" */
};

struct position {
	int64_t id;
	int64_t person_id;
	int64_t org_id;
	enum position_role role;
	const char *title; /* as written: "Bí thư Tỉnh ủy" */
	int32_t valid_from;
	int32_t valid_to; /* 0 = current */
	/* Filled by lists for display: */
	const char *person_name;
	const char *org_name;
};

struct document {
	int64_t id;
	const char *kind;      /* NQ, CT, KL, QĐ, QĐi, QC, HD, KH, CTr, BC, TB, CV… */
	const char *number;    /* canonical number and symbol: "12-NQ/TW" */
	int32_t date;	       /* 0 = unknown */
	int64_t issuer_org_id; /* 0 = none recorded */
	const char *title;
	const char *issuer_name; /* filled by reads */
};

#define DOCUMENT_LINK_KINDS                                 \
	X(IMPLEMENTS, "implements", "Triển khai thực hiện") \
	X(BASED_ON, "based_on", "Căn cứ")                   \
	X(REPLACES, "replaces", "Thay thế")

enum document_link_kind {
#define X(e, s, vi) DOCUMENT_LINK_##e,
	DOCUMENT_LINK_KINDS
#undef X
		DOCUMENT_LINK_KIND_COUNT
};
const char *document_link_kind_name(enum document_link_kind k);
const char *document_link_kind_label(enum document_link_kind k);
bool document_link_kind_parse(const char *s, enum document_link_kind *out);

struct document_link {
	int64_t from_id;
	int64_t to_id;
	enum document_link_kind kind;
	const char *other_number; /* the linked document's number, for display */
	const char *other_title;
};

struct user {
	int64_t id;
	const char *username;
	int64_t person_id; /* 0 = not linked */
	bool is_admin;
	bool disabled;
	int64_t created_at;	 /* unix seconds */
	const char *person_name; /* filled by reads when linked */
};

/* An API bearer token as listed: never its secret or hash. */
struct api_token {
	int64_t id;
	int64_t user_id;
	const char *label;  /* "" when none */
	int64_t created_at; /* unix seconds */
	bool revoked;
};

/* Search hits. */
enum search_type { SEARCH_ORG = 1, SEARCH_PERSON = 2, SEARCH_DOCUMENT = 3, SEARCH_PLAN = 4 };
const char *search_type_name(enum search_type t);

struct search_hit {
	enum search_type type;
	int64_t id;
	const char *title;
	const char *subtitle;
};

#endif
