/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The reads behind the quality check of a plan and the compliance of a
 * subtree (app/check.h): a plan's items as the check needs them, the items
 * of the other plans of the same owner, and — one set-based query per list,
 * so that a province of thousands of orgs stays fast — the heads, the
 * committees and cells, and the plans of a subtree for a year. The subtree
 * is the org and everything under it on `day` (the org_versions in force
 * that day). No rule lives here: the app layer decides what is a finding,
 * what is late and who may see it.
 *
 * Reads copy strings into the caller's arena. Every function returns 0 or a
 * negative enum kh_err with err filled.
 */
#ifndef KH_STORE_CHECK_H
#define KH_STORE_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/model.h"
#include "store/store.h"

/* An item with the fields the quality check reads. */
struct check_item {
	int64_t id;
	int64_t plan_id;
	int seq;
	enum plan_item_kind kind;
	enum plan_item_category category;
	const char *text;
	const char *measures;
	int64_t lead_org_id;	/* 0 = none */
	int64_t lead_person_id; /* 0 = none */
	const char *lead_text;
	const char *coordinate_with;
	const char *deadline_kind; /* as stored: "none", "date", "window"… */
	const char *deadline_text;
	int64_t upper_item_id;	 /* 0 = none */
	int64_t carried_from_id; /* 0 = none */
	const char *plan_title;	 /* the item's plan (store_check_owner_items) */
};

/* The items of plan_id in seq order (*n = 0 for an unknown plan). */
int store_check_items(struct store *s, struct arena *a, int64_t plan_id, struct check_item **out,
		      int *n, struct kh_error *err) KH_MUST_CHECK;

/* The items of every other plan of the same owner as plan_id (the org for a
 * collective plan, the person for an individual one), by plan then seq,
 * with plan_title filled. Exactly one of owner_org_id, owner_person_id is
 * non-zero. */
int store_check_owner_items(struct store *s, struct arena *a, int64_t plan_id, int64_t owner_org_id,
			    int64_t owner_person_id, struct check_item **out, int *n,
			    struct kh_error *err) KH_MUST_CHECK;

/* A head of an org of the subtree, once per person. */
struct check_head {
	int64_t person_id;
	const char *person_name;
	int64_t org_id; /* the org of the lowest id among those they head there */
	const char *org_name;
	const char *title;
	bool has_plan; /* an individual plan of scope year for the year */
};
/* Everyone holding a position of role head on day in an org of root's
 * subtree, in Vietnamese name order, each with has_plan. */
int store_check_heads(struct store *s, struct arena *a, int64_t root, int32_t day, int year,
		      struct check_head **out, int *n, struct kh_error *err) KH_MUST_CHECK;

/* A committee or cell of the subtree. */
struct check_org {
	int64_t org_id;
	const char *org_name;
	enum org_kind kind;
	int level;
	bool has_plan; /* a collective plan of scope year for the year */
};
/* The orgs of kind committee or cell in root's subtree on day (root
 * included), by level then name, each with has_plan. */
int store_check_orgs(struct store *s, struct arena *a, int64_t root, int32_t day, int year,
		     struct check_org **out, int *n, struct kh_error *err) KH_MUST_CHECK;

/* A plan of the subtree with its comments and requests not yet answered. */
struct check_plan {
	struct plan plan; /* owner_name filled (the org's name on day, or the person's) */
	int open_comments;
};
/* The plans covering year (year_from <= year <= year_to) owned by an org of
 * root's subtree on day or by a person heading one on day, by owner name
 * then id. */
int store_check_plans(struct store *s, struct arena *a, int64_t root, int32_t day, int year,
		      struct check_plan **out, int *n, struct kh_error *err) KH_MUST_CHECK;

#endif
