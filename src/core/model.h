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
	const char *email;	 /* where notifications are mailed; "" = none */
};

/* An API bearer token as listed: never its secret or hash. */
struct api_token {
	int64_t id;
	int64_t user_id;
	const char *label;  /* "" when none */
	int64_t created_at; /* unix seconds */
	bool revoked;
};

/* ---- plans (DESIGN.md §1 "Plans", "The plan's life") ---- */

#define PLAN_STATUSES                                         \
	X(DRAFT, "draft", "Dự thảo")                          \
	X(COMMENT, "comment", "Đang lấy ý kiến góp ý")        \
	X(APPROVED, "approved", "Đã phê duyệt, ban hành")     \
	X(ADJUSTING, "adjusting", "Đang điều chỉnh, bổ sung") \
	X(CLOSED, "closed", "Đã kết thúc")

enum plan_status {
#define X(e, s, vi) PLAN_##e,
	PLAN_STATUSES
#undef X
		PLAN_STATUS_COUNT
};
const char *plan_status_name(enum plan_status k);
const char *plan_status_label(enum plan_status k);
bool plan_status_parse(const char *s, enum plan_status *out);

enum plan_scope { PLAN_SCOPE_TERM = 0, PLAN_SCOPE_YEAR = 1 };

struct plan {
	int64_t id;
	int64_t owner_org_id;	 /* collective plan; 0 for an individual plan */
	int64_t owner_person_id; /* individual plan of a head; 0 for a collective plan */
	enum plan_scope scope;
	int year_from; /* the year, or the term's first year */
	int year_to;   /* = year_from for a year plan; the term's last year */
	int form;      /* 1 or 2 (seed 000: mẫu 1, mẫu 2) */
	const char *title;
	const char *goals;	  /* part 1: goals and requirements (free text) */
	const char *organization; /* part 3: organization of implementation */
	enum plan_status status;
	int64_t upper_plan_id;	   /* the plan it cascades from; 0 = none */
	int64_t based_on_plan_id;  /* carried over from (term plan or last year's); 0 = none */
	int64_t document_id;	   /* once issued as a document; 0 = none */
	int version;		   /* number of the last version sent out; 0 = never sent */
	const char *adjust_reason; /* while adjusting; "" otherwise */
	int64_t sent_at;	   /* unix seconds; 0 = never */
	int64_t approved_at;	   /* unix seconds; 0 = not approved */
	int32_t approved_day;	   /* day number of approval (the 31 March rule); 0 = none */
	int64_t created_by;	   /* user id */
	int64_t created_at, updated_at;
	/* Filled by reads for display: */
	const char *owner_name; /* the org's name, or the person's full name */
};

#define PLAN_ITEM_KINDS                                        \
	X(TASK, "task", "Nội dung, công việc")                 \
	X(KEY_PROJECT, "key_project", "Công trình trọng điểm") \
	X(PROPOSAL, "proposal", "Đề xuất, kiến nghị")          \
	X(INDICATOR, "indicator", "Chỉ tiêu")

enum plan_item_kind {
#define X(e, s, vi) PLAN_ITEM_##e,
	PLAN_ITEM_KINDS
#undef X
		PLAN_ITEM_KIND_COUNT
};
const char *plan_item_kind_name(enum plan_item_kind k);
const char *plan_item_kind_label(enum plan_item_kind k);
bool plan_item_kind_parse(const char *s, enum plan_item_kind *out);

#define PLAN_ITEM_CATEGORIES                                                  \
	X(TERM, "term", "Thực hiện cả nhiệm kỳ (gồm công việc thường xuyên)") \
	X(YEAR, "year", "Thực hiện trong năm")                                \
	X(COORDINATION, "coordination", "Phối hợp với cá nhân, cơ quan, đơn vị")

enum plan_item_category {
#define X(e, s, vi) PLAN_CATEGORY_##e,
	PLAN_ITEM_CATEGORIES
#undef X
		PLAN_CATEGORY_COUNT
};
const char *plan_item_category_name(enum plan_item_category k);
const char *plan_item_category_label(enum plan_item_category k);
bool plan_item_category_parse(const char *s, enum plan_item_category *out);

struct plan_item {
	int64_t id;
	int64_t plan_id;
	int seq;	     /* order within the plan, from 1 */
	int part;	     /* 1 goals and indicators, 2 programme content, 3 organization */
	const char *section; /* the heading it sits under, as written; "" = none */
	enum plan_item_kind kind;
	enum plan_item_category category;
	const char *text;
	const char *measures;	/* concrete measures (biện pháp) */
	int64_t lead_org_id;	/* 0 = none */
	bool lead_group;	/* the lead is every committee or cell directly under lead_org_id */
	int64_t lead_person_id; /* 0 = none */
	const char *lead_text;	/* the lead as written ("" = none) */
	const char *coordinators;     /* as written */
	int64_t *coordinator_org_ids; /* the orgs matched among them */
	int n_coordinator_orgs;
	const char *coordinate_with; /* coordination category: persons or units named */
	const char *addressee;	     /* proposals: the body addressed, as written */
	int64_t addressee_org_id;
	const char *proposal_state; /* "", "accepted", "rejected" */
	const char *proposal_note;
	/* The deadline as written and as understood (text/deadline.h). */
	const char *deadline_text;
	int deadline_kind;		      /* enum deadline_kind */
	int32_t deadline_start, deadline_end; /* day numbers; 0 = none */
	int deadline_period;		      /* enum deadline_period */
	const char *resources;
	const char *serves;	 /* the goal or indicator served */
	int64_t upper_item_id;	 /* the upper plan's item it implements; 0 = none */
	int64_t carried_from_id; /* last year's item or the term plan's item; 0 = none */
	const char *status;	 /* progress status (issue 5): "open", "done"… */
	int64_t created_at, updated_at;
	/* Progress (issue 5, app/progress.h): a conditional deadline's delay and
	 * its recorded event, and the lead's latest report. */
	int deadline_after_days;    /* conditional: days after the event; 0 = none */
	int32_t event_day;	    /* conditional: the event's day; 0 = not recorded */
	const char *progress_state; /* "not_started", "in_progress", "done", "stalled" */
	int progress_percent;	    /* 0..100 */
	int32_t progress_day;	    /* the latest report's day; 0 = none */
	int32_t done_day;	    /* first day reported done; 0 = not done */
	/* Filled by reads for display: */
	const char *lead_name; /* the lead org's or person's name, else lead_text */
};

#define PLAN_COMMENT_KINDS             \
	X(COMMENT, "comment", "Góp ý") \
	X(REQUEST, "request", "Đề nghị, yêu cầu")

enum plan_comment_kind {
#define X(e, s, vi) PLAN_COMMENT_##e,
	PLAN_COMMENT_KINDS
#undef X
		PLAN_COMMENT_KIND_COUNT
};
const char *plan_comment_kind_name(enum plan_comment_kind k);
const char *plan_comment_kind_label(enum plan_comment_kind k);
bool plan_comment_kind_parse(const char *s, enum plan_comment_kind *out);

struct plan_comment {
	int64_t id;
	int64_t plan_id;
	int64_t item_id; /* 0 = on the plan as a whole */
	int version;	 /* the version commented on */
	enum plan_comment_kind kind;
	int64_t author_user_id;
	int64_t author_person_id; /* 0 when the account has no person */
	int64_t on_behalf_org_id; /* a collective's comment; 0 = personal */
	const char *text;
	int64_t created_at;
	int32_t created_day;
	const char *answer; /* "" unanswered, "accepted" (tiếp thu), "explained" (giải trình) */
	const char *answer_text;
	int64_t answer_item_id; /* the item the accepted comment changed or created; 0 = none */
	int64_t answered_at, answered_by;
	int64_t escalated_at, escalated_by; /* 0 = not escalated */
	int64_t escalated_to_org_id;
	const char *decision; /* "" pending, "upheld", "dismissed" */
	const char *decision_text;
	int64_t decided_at, decided_by;
	/* Filled by reads for display: */
	const char *author_name;    /* person's name or username */
	const char *on_behalf_name; /* the collective's name, or "" */
	const char *escalated_to_name;
};

struct notification {
	int64_t id;
	int64_t created_at;
	const char *kind;  /* "plan_sent", "comment", "request", "answer", "escalation",
			      "decision", "approved", "adjustment", "proposal_answered" */
	int64_t org_id;	   /* addressed to everyone acting for this org; 0 = none */
	int64_t person_id; /* addressed to this person; 0 = none */
	int64_t plan_id;
	int64_t comment_id;
	const char *text; /* Vietnamese, one line */
	const char *link; /* a path on this site */
	bool read;	  /* for the user who lists it */
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
