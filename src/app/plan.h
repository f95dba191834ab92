/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Use cases of action plans (DESIGN.md §1 "Plans", "The plan's life"):
 * collective plans of an org and individual plans of a head, their items,
 * sending for comment, approval, adjustment, versions and their diff,
 * carry-over into a new year, and the cascade from an upper plan.
 *
 * The life: draft → sent for comment (status "comment": version 1 is frozen,
 * the recipients computed from the tree get it in their inbox) → the owner
 * takes comments up by editing the working copy → approved (a frozen
 * version) → adjustments: app_plan_adjust_open() with a reason makes the
 * working copy editable again ("adjusting"), app_plan_approve() then issues
 * the adjustment as a new frozen version and notifies the recipients. A
 * version once frozen never changes (the store refuses it).
 *
 * Who may do what:
 *  - read: the owner side (whoever reads the owner org, for a collective
 *    plan; the person, or whoever reads an org where the person holds a
 *    position or membership, for an individual plan), every actor who
 *    acts for a recipient org once the plan was sent, and — for an issued
 *    (approved, adjusting, closed) collective plan — the lower levels: whoever
 *    reads an org below the owner org (upper plans flow down like their
 *    resolutions, so that a lower level can make them concrete);
 *  - edit, send, approve, adjust: a collective plan — whoever acts for the
 *    owner org (app_can_act_for_org: its members with a position, and the
 *    offices that manage it); an individual plan — the person alone (and
 *    admins, the system);
 *  - comment: whoever acts for a recipient org while the plan is out for
 *    comment, approved or adjusting (app/comment.h) — not the head on their
 *    own individual plan;
 *  - decide: whoever acts for the recipient "managing" (an individual plan)
 *    or "upper" (a collective plan) — the committee that rules on
 *    escalations and may answer proposals.
 * Items can be changed only while the plan is a draft, out for comment, or
 * adjusting: KH_ECONFLICT "Kế hoạch đã ban hành…" otherwise.
 *
 * Every change runs in one transaction, is audited ("plan.create",
 * "plan.update", "plan.item.create|update|delete|move", "plan.send",
 * "plan.approve", "plan.adjust") and keeps the search entry of the plan
 * (title; subtitle: owner and years; folded: title, owner name, years).
 * Results are allocated in ctx->arena.
 *
 * Deadlines are parsed with the plan's year for a year plan and with year 0
 * for a term plan (relative words such as "năm sau" then stay not
 * understood; phrases with their own year are read the same).
 */
#ifndef KH_APP_PLAN_H
#define KH_APP_PLAN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "app/progress.h"
#include "core/model.h"

#define PLAN_TITLE_MAX 500
#define PLAN_TEXT_MAX 20000 /* goals, organization, an item's text and measures */
#define PLAN_ITEMS_MAX 2000 /* items per plan */
#define PLAN_PAGE_MAX 200

/* ---- plans ---- */

/* Fields for create and update. On update a NULL string, 0 or a false set_
 * flag keeps the current value. */
struct plan_input {
	int64_t owner_org_id;	 /* create: exactly one of the two owners */
	int64_t owner_person_id; /* create; 0 with owner_org_id 0 = the actor's own person */
	const char *scope;	 /* "term" or "year"; create: required */
	int year_from;		 /* create: required (1990..2100) */
	int year_to;		 /* term: the last year (≥ year_from); year: ignored */
	int form;		 /* 1 or 2; 0 = 1 (create) / keep (update) */
	const char *title;	 /* create: NULL or "" = a title made from owner and years */
	const char *goals;
	const char *organization;
	int64_t upper_plan_id;	   /* must be readable; 0 = none (update: keep) */
	bool set_upper;		   /* update: set upper_plan_id even to 0 */
	const int64_t *source_ids; /* documents implemented (readable); with set_sources */
	int n_sources;
	bool set_sources;
	/* create only: */
	bool cascade;	 /* copy the upper plan's items assigned to the owner org */
	bool carry_over; /* start from the term plan and last year's open items */
};

/* Creates a draft plan. A person who already has a plan for an overlapping
 * period of the same scope gets KH_ECONFLICT naming it (they supplement that
 * plan instead: seed 000 "không phải xây dựng lại"); so does an org with a
 * collective plan of the same scope and years. With cascade, the items of
 * the upper plan assigned to the owner org (as lead, as coordinator, or as
 * a member of a lead group) are copied with upper_item_id set. With
 * carry_over (year plans), the items of the owner's term plan that are
 * still open and of last year's plan that are not done are copied with
 * carried_from_id set, and based_on_plan_id is set. */
int app_plan_create(struct app_ctx *ctx, const struct plan_input *in, struct plan *out,
		    struct kh_error *err) KH_MUST_CHECK;
/* Title, goals, organization, form, upper plan, sources. Same status rule
 * as items. */
int app_plan_update(struct app_ctx *ctx, int64_t id, const struct plan_input *in, struct plan *out,
		    struct kh_error *err) KH_MUST_CHECK;
/* Deletes a draft that was never sent (with its items). */
int app_plan_delete(struct app_ctx *ctx, int64_t id, struct kh_error *err) KH_MUST_CHECK;

/* What the actor may do with a plan (filled by app_plan_get). */
struct plan_rights {
	bool read;
	bool edit;    /* change the working copy now (status allows it) */
	bool own;     /* the owner side: send, approve, adjust, answer comments */
	bool comment; /* acts for a recipient org while comments are open */
	bool decide;  /* acts for the managing committee (escalations) */
};

/* A recipient of a plan sent for comment. */
struct plan_recipient {
	int64_t org_id;
	const char *org_name;
	const char *role; /* "managing" (cấp ủy quản lý cán bộ), "unit" (lãnh đạo
			     cơ quan, đơn vị), "base" (đảng ủy cơ sở), "cell" (chi bộ
			     nơi sinh hoạt), "upper" (cấp ủy cấp trên) */
	const char *role_label;
};

struct plan_view {
	struct plan plan;
	struct plan_item *items; /* in seq order */
	int n_items;
	struct document *sources; /* readable ones */
	int n_sources;
	struct plan_recipient *recipients; /* once sent; else the computed ones */
	int n_recipients;
	struct plan_rights rights;
	const char *upper_title; /* "" when none or not readable */
	int open_comments;	 /* comments and requests not yet answered */
	/* Issued plans (approved, adjusting, closed): each item's progress
	 * state on ctx->today, in the order of items (app/progress.h); NULL
	 * otherwise. */
	struct progress_derivation *derived;
	/* Issued plans: per item (same order), how many orgs it is assigned
	 * to and how many have answered with their own plan; NULL otherwise. */
	struct plan_item_assigned {
		int assigned, answered;
	} * assigned;
};

/* A plan with its items. KH_ENOTFOUND when unknown; KH_EFORBIDDEN when not
 * readable. */
int app_plan_get(struct app_ctx *ctx, int64_t id, struct plan_view *out,
		 struct kh_error *err) KH_MUST_CHECK;
/* The rights alone (cheap; for comments, the inbox and the check): 0 with
 * out->read false when the actor may not read it; KH_ENOTFOUND when unknown.
 * plan (may be NULL) receives the plan. */
int app_plan_rights(struct app_ctx *ctx, int64_t id, struct plan *plan, struct plan_rights *out,
		    struct kh_error *err) KH_MUST_CHECK;

struct plan_query {
	int64_t owner_org_id;	 /* 0 = any */
	int64_t owner_person_id; /* 0 = any */
	int64_t org_id;		 /* plans of this org's subtree (collective and individual
				    plans of people holding membership there); 0 = any */
	int year;		 /* plans covering this year; 0 = any */
	const char *status;	 /* a status name; NULL = any */
	bool inbox;		 /* only plans sent to an org the actor acts for */
	const char *q;		 /* words in the title or owner name */
	int limit;		 /* 1..PLAN_PAGE_MAX (0 = 50) */
	int offset;
};
struct plan_page {
	struct plan *items;
	int n;
	int64_t total;
	int limit, offset;
};
/* The readable plans matching q, newest first. */
int app_plan_list(struct app_ctx *ctx, const struct plan_query *q, struct plan_page *out,
		  struct kh_error *err) KH_MUST_CHECK;

/* 0 when the actor may change the plan's working copy now (owner side,
 * status draft, comment or adjusting); otherwise the refusal every editing
 * use case gives (KH_EFORBIDDEN, KH_ECONFLICT "Kế hoạch đã ban hành…",
 * KH_ENOTFOUND). For use cases that edit through others (the XLSX sheet). */
int app_plan_require_editable(struct app_ctx *ctx, int64_t id, struct kh_error *err) KH_MUST_CHECK;

/* ---- items ---- */

/* Fields for an item. On update a NULL string or a false set_ flag keeps the
 * current value. */
struct plan_item_input {
	int part; /* 1..3; 0 = 2 (create) / keep */
	const char *section;
	const char *kind;     /* plan_item_kind name; NULL = "task" / keep */
	const char *category; /* plan_item_category name; NULL = "year" / keep */
	const char *text;     /* create: required */
	const char *measures;
	int64_t lead_org_id; /* with set_lead */
	bool lead_group;
	int64_t lead_person_id;
	const char *lead_text; /* as written; "" = none */
	bool set_lead;
	const char *coordinators;	    /* as written */
	const int64_t *coordinator_org_ids; /* with set_coordinator_orgs */
	int n_coordinator_orgs;
	bool set_coordinator_orgs;
	const char *coordinate_with;
	const char *addressee;
	int64_t addressee_org_id; /* with set_addressee */
	bool set_addressee;
	/* The deadline as written: parsed by text/deadline.h against the plan's
	 * year. An explicit kind/start/end (API) overrides the parse when
	 * deadline_kind is not NULL. */
	const char *deadline_text;
	const char *deadline_kind; /* NULL = parse deadline_text */
	int32_t deadline_start, deadline_end;
	const char *resources;
	const char *serves;
	int64_t upper_item_id; /* with set_upper_item: an item of the plan's upper plan */
	bool set_upper_item;
	int after_seq; /* create: insert after this seq; 0 = at the end (-1 = first) */
};

int app_plan_item_create(struct app_ctx *ctx, int64_t plan_id, const struct plan_item_input *in,
			 struct plan_item *out, struct kh_error *err) KH_MUST_CHECK;
int app_plan_item_update(struct app_ctx *ctx, int64_t item_id, const struct plan_item_input *in,
			 struct plan_item *out, struct kh_error *err) KH_MUST_CHECK;
/* Removes an item of the working copy while the plan is a draft, out for
 * comment or adjusting (the frozen versions keep it; the diff shows it
 * removed); KH_ECONFLICT once approved, and when a comment or another plan's
 * item (a cascade answer, a carried-over item) points at it. The items
 * after it move up; its id is never given again. */
int app_plan_item_delete(struct app_ctx *ctx, int64_t item_id, struct kh_error *err) KH_MUST_CHECK;
/* Moves an item to position seq (1..n) within its plan. */
int app_plan_item_move(struct app_ctx *ctx, int64_t item_id, int seq,
		       struct kh_error *err) KH_MUST_CHECK;
/* An item with its plan's rights. */
int app_plan_item_get(struct app_ctx *ctx, int64_t item_id, struct plan_item *out,
		      struct plan_rights *rights, struct kh_error *err) KH_MUST_CHECK;
/* Answers a proposal item of a sent plan (the addressee side: whoever acts
 * for addressee_org_id, or decides for the plan): "accepted" or "rejected"
 * with an explanation (required when rejected). Notifies the owner (the
 * org, or the person). Not bound by the editing rule: it is the
 * addressee's answer, not a change of the plan. */
int app_plan_proposal_answer(struct app_ctx *ctx, int64_t item_id, const char *state,
			     const char *note, struct kh_error *err) KH_MUST_CHECK;

/* ---- the life ---- */

/* The recipients the tree gives (DESIGN.md "Recipients"), for showing
 * before sending. */
int app_plan_recipients(struct app_ctx *ctx, int64_t id, struct plan_recipient **out, int *n,
			struct kh_error *err) KH_MUST_CHECK;
/* Sends a draft (or re-sends a plan out for comment after changes) to its
 * recipients: freezes a version ("sent"), records the recipients (the tree
 * recomputed, merged with those recorded), notifies them ("plan_sent").
 * KH_ECONFLICT when the plan has no item or no recipient, or is approved. */
int app_plan_send(struct app_ctx *ctx, int64_t id, struct plan *out,
		  struct kh_error *err) KH_MUST_CHECK;
/* Approves (issues) a draft or a plan out for comment — a frozen version
 * "approved" — or, while adjusting, issues the adjustment: a version
 * "adjustment" with the reason given at opening; the recipients are told
 * ("approved" / "adjustment"). A plan approved without having been sent
 * records its computed recipients then. approved_at/approved_day keep the
 * first approval. Plans need at least one item. */
int app_plan_approve(struct app_ctx *ctx, int64_t id, struct plan *out,
		     struct kh_error *err) KH_MUST_CHECK;
/* Opens an adjustment of an approved plan; reason required (≤ 2000
 * chars). */
int app_plan_adjust_open(struct app_ctx *ctx, int64_t id, const char *reason, struct plan *out,
			 struct kh_error *err) KH_MUST_CHECK;

/* ---- versions ---- */

struct plan_version {
	int64_t plan_id;
	int number;
	const char *kind; /* "sent", "approved", "adjustment" */
	const char *reason;
	int64_t created_at;
	int64_t created_by;
	const char *created_by_name;
	const char *snapshot; /* JSON text: app_plan_json of the plan as issued */
};
/* Every version, oldest first (snapshots not loaded). */
int app_plan_versions(struct app_ctx *ctx, int64_t id, struct plan_version **out, int *n,
		      struct kh_error *err) KH_MUST_CHECK;
/* One version with its snapshot; number 0 = the current working copy
 * (snapshot made now, kind ""). KH_ENOTFOUND for a version that does not
 * exist. */
int app_plan_version_get(struct app_ctx *ctx, int64_t id, int number, struct plan_version *out,
			 struct kh_error *err) KH_MUST_CHECK;

/* One line of a diff between two versions: items matched by id. Fields of
 * an item: "text", "measures", "lead" (as written), "lead.name",
 * "deadline" (as written), "category", "kind", "section", "coordinators"
 * (as written), "coordinator_org_ids", "resources", "serves"; of the plan:
 * "plan.title", "plan.goals", "plan.organization", "plan.form". For
 * "added"/"removed" lines field is "" and before/after hold the text. */
struct plan_diff_line {
	const char *change; /* "added", "removed", "changed" */
	int64_t item_id;
	const char *field; /* for "changed": "text", "measures", "lead", "deadline"…;
			      "plan.title"/"plan.goals"… for the plan's own fields */
	const char *before;
	const char *after;
};
/* The differences from version a to version b (0 = the working copy). */
int app_plan_diff(struct app_ctx *ctx, int64_t id, int a, int b, struct plan_diff_line **out,
		  int *n, struct kh_error *err) KH_MUST_CHECK;

/* ---- cascade ---- */

/* For each item of plan id that is assigned to other orgs (lead org, lead
 * group members, coordinator orgs), which of those orgs have answered with an
 * item of one of their own plans (upper_item_id = the item) and which have
 * not. */
struct plan_cascade_org {
	int64_t org_id;
	const char *org_name;
	int64_t answer_item_id; /* 0 = not answered */
	int64_t answer_plan_id;
};
struct plan_cascade_row {
	struct plan_item item;
	struct plan_cascade_org *orgs;
	int n_orgs;
	int n_answered;
};
int app_plan_cascade(struct app_ctx *ctx, int64_t id, struct plan_cascade_row **out, int *n,
		     struct kh_error *err) KH_MUST_CHECK;

/* ---- JSON (the API's shapes) ---- */

/* {"as_written","kind","start","end"} for an item's deadline. */
json_t *app_deadline_json(const struct plan_item *it);
/* A plan: id, owner {type: "org"|"person", id, name}, scope, year_from,
 * year_to, form, title, goals, organization, status, upper_plan_id,
 * based_on_plan_id, version, adjust_reason, sent_at, approved_at (ISO
 * dates or null), created_at; and "items" when items is not NULL. */
json_t *app_plan_json(const struct plan *p, const struct plan_item *items, int n_items);
/* An item: id, plan_id, seq, part, section, kind, category, text, measures,
 * lead {org_id, group, person_id, as_written, name}, coordinators
 * {as_written, org_ids}, coordinate_with, addressee, addressee_org_id,
 * proposal_state, proposal_note, deadline (app_deadline_json), resources,
 * serves, upper_item_id, carried_from_id, status. */
json_t *app_plan_item_json(const struct plan_item *it);

/* Label of a recipient role ("Cấp ủy quản lý cán bộ"…). */
const char *app_plan_recipient_role_label(const char *role);

#endif
