/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Use cases of people (cán bộ, đảng viên) and their positions (chức vụ).
 *
 * Who may see whom: a person is readable when the org where they hold
 * membership (nơi sinh hoạt), their residence cell, the committee that
 * manages them as a cadre, or an org where they hold a current position is
 * readable (app_can_read_org). Who may change whom: a person is written by
 * whoever manages (app_can_manage_org) their member org — or, with no member
 * org, their managing org — before and after the change; a position by
 * whoever manages the position's org. People with no org at all are
 * admin-only.
 *
 * Every change runs in one transaction, is audited ("person.create",
 * "person.update", "position.add", "position.end", "person.import") and
 * refreshes the person's search entry (title: full name; subtitle: their
 * main current position and its org).
 *
 * Results are allocated in ctx->arena.
 */
#ifndef KH_APP_PERSON_H
#define KH_APP_PERSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "app/org.h"
#include "core/model.h"
#include "store/person.h"

#define PERSON_NAME_MAX 120
#define PERSON_EXTERNAL_ID_MAX 50
#define POSITION_TITLE_MAX 200
#define PERSON_PAGE_MAX 200
#define PERSON_IMPORT_MAX_ROWS 100000

/* Fields for create and update. On update a NULL string or a false set_
 * flag keeps the current value; on create they mean empty/none. */
struct person_input {
	const char *full_name;	 /* required on create; ≤ PERSON_NAME_MAX, no controls */
	const char *gender;	 /* "nam", "nu" (also "nữ") or "" */
	const char *external_id; /* the national member database id; "" clears */
	int birth_year;		 /* 1900..this year; 0 = unknown */
	bool set_birth_year;
	int64_t member_org_id; /* 0 = none */
	bool set_member_org;
	int64_t residence_org_id;
	bool set_residence_org;
	int64_t managing_org_id;
	bool set_managing_org;
	bool retired;
	bool set_retired;
};

/* Creates a person; *out receives the stored record. KH_ECONFLICT when the
 * external id is taken. */
int app_person_create(struct app_ctx *ctx, const struct person_input *in, struct person *out,
		      struct kh_error *err) KH_MUST_CHECK;
/* Changes the fields given in in. */
int app_person_update(struct app_ctx *ctx, int64_t id, const struct person_input *in,
		      struct person *out, struct kh_error *err) KH_MUST_CHECK;
/* The person, when readable. KH_ENOTFOUND / KH_EFORBIDDEN. */
int app_person_get(struct app_ctx *ctx, int64_t id, struct person *out,
		   struct kh_error *err) KH_MUST_CHECK;

/* Everything a person's page shows. */
struct person_view {
	struct person person;
	const char *member_org_name; /* "" when none */
	const char *residence_org_name;
	const char *managing_org_name;
	const char *subtitle;	    /* main position and org, or "" */
	struct position *positions; /* all, current first */
	int n_positions;
	bool can_edit; /* the actor may change the person */
};
int app_person_view(struct app_ctx *ctx, int64_t id, struct person_view *out,
		    struct kh_error *err) KH_MUST_CHECK;
/* Whether the actor may change p (no error: a yes/no for pages). */
bool app_person_can_edit(struct app_ctx *ctx, const struct person *p);

/* A list request. */
struct person_query {
	int64_t org_id; /* 0: everyone the actor may read */
	bool subtree;	/* with org_id: members of the whole subtree */
	bool positions; /* with org_id: people holding a position there */
	bool all_time;	/* with positions: also past positions */
	const char *q;	/* words to look for in names (folded, prefixes) */
	int limit;	/* 1..PERSON_PAGE_MAX (0 = 50) */
	int offset;
};
struct person_page {
	struct person_item *items;
	int n;
	int64_t total;
	int limit, offset;
};
/* A page of people in Vietnamese name order. With org_id the org must be
 * readable; without, an admin sees everyone and anyone else the members of
 * their read scope. */
int app_person_list(struct app_ctx *ctx, const struct person_query *q, struct person_page *out,
		    struct kh_error *err) KH_MUST_CHECK;

/* The person as the API and the audit log show it (a new reference):
 * id, full_name, birth_year (null when unknown), gender, member_org_id,
 * residence_org_id, managing_org_id (null when none), retired, external_id. */
json_t *app_person_json(const struct person *p);

/* ---- positions ---- */

struct position_input {
	int64_t person_id;
	int64_t org_id;
	const char *role;   /* a position role name ("head", "deputy"…) */
	const char *title;  /* as written; "" = the role's label */
	int32_t valid_from; /* required */
	int32_t valid_to;   /* 0 = current */
};
/* Adds a position. The org must exist on valid_from; the same person, org
 * and role may not overlap in time (KH_ECONFLICT). */
int app_position_add(struct app_ctx *ctx, const struct position_input *in, struct position *out,
		     struct kh_error *err) KH_MUST_CHECK;
/* Ends a position on valid_to (0 = today): its first day no longer held;
 * must be after valid_from. */
int app_position_end(struct app_ctx *ctx, int64_t id, int32_t valid_to, struct position *out,
		     struct kh_error *err) KH_MUST_CHECK;
/* The position, when its person or org is readable. */
int app_position_get(struct app_ctx *ctx, int64_t id, struct position *out,
		     struct kh_error *err) KH_MUST_CHECK;
/* Positions of a person or in an org (exactly one non-zero) in force on day,
 * or all when day is 0. */
int app_position_list(struct app_ctx *ctx, int64_t person_id, int64_t org_id, int32_t day,
		      struct position **out, int *n, struct kh_error *err) KH_MUST_CHECK;

/* The position as JSON (a new reference): id, person_id, org_id, role,
 * title, valid_from, valid_to (ISO dates or null), and person_name and
 * org_name when filled. */
json_t *app_position_json(const struct position *p);

/* ---- CSV import ---- */

/*
 * Imports people from CSV with the header `ma_dang_vien,ho_ten,nam_sinh,
 * gioi_tinh,ma_noi_sinh_hoat,ma_noi_cu_tru,da_nghi_huu` (any order; ho_ten
 * required; `,` or `;`). ma_dang_vien is the external id: a person already
 * imported under it is updated instead of created again. The org columns
 * name an org by its code (orgs.code) or, failing that, by its numeric id.
 * gioi_tinh: nam / nữ (or empty); da_nghi_huu: có/không, x, 1/0, true/false
 * (empty = không). Every row is checked first; when any row is wrong nothing
 * is applied and KH_EINVAL is returned with out listing each row's error in
 * Vietnamese (the valid rows then have action "skip"). A dry run reports what would happen and
 * applies nothing. The actor must manage each row's member org (admins and the CLI: anything). out
 * is always filled (arena) unless the file itself is unreadable.
 */
int app_person_import_csv(struct app_ctx *ctx, const char *csv_text, size_t len, bool dry_run,
			  struct import_report *out, struct kh_error *err) KH_MUST_CHECK;

#endif
