/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Storage of people (cadres and party members) and their positions. No rule
 * lives here — the app layer validates and authorizes; these functions read
 * and write rows. Lists of people come sorted in Vietnamese order by given
 * name (the last word of the full name), then by full name: every write of a
 * name also writes its sort key (text_collate_key()) to people.sort_key.
 *
 * Reads copy strings into the caller's arena. Every function returns 0 or a
 * negative enum kh_err with err filled.
 */
#ifndef KH_STORE_PERSON_H
#define KH_STORE_PERSON_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/model.h"
#include "store/store.h"

/* ---- people ---- */

/* Inserts p (p->id ignored); *id receives the new id. An external_id of ""
 * is stored as NULL. A duplicate external_id is KH_ECONFLICT. */
int store_person_insert(struct store *s, const struct person *p, int64_t now, int64_t *id,
			struct kh_error *err) KH_MUST_CHECK;
/* Rewrites every column of the person p->id. */
int store_person_update(struct store *s, const struct person *p, int64_t now,
			struct kh_error *err) KH_MUST_CHECK;
/* KH_ENOTFOUND when unknown. */
int store_person_get(struct store *s, struct arena *a, int64_t id, struct person *out,
		     struct kh_error *err) KH_MUST_CHECK;
/* The person with this external id, or *id = 0. */
int store_person_find_external(struct store *s, const char *external_id, int64_t *id,
			       struct kh_error *err) KH_MUST_CHECK;

/* Gives every person written before people.sort_key existed (migration 4)
 * their sort key; *filled counts them. Cheap when there is none (an index
 * lookup). Call inside a write transaction. */
int store_person_fill_sort_keys(struct store *s, int *filled, struct kh_error *err) KH_MUST_CHECK;

/* Which people a list returns. */
enum person_list_mode {
	PERSON_LIST_ALL,       /* everyone */
	PERSON_LIST_MEMBERS,   /* member_org_id is one of orgs[] */
	PERSON_LIST_SUBTREE,   /* member_org_id lies in the subtree of one of orgs[] on day */
	PERSON_LIST_POSITIONS, /* holds a position in orgs[0] on day (any time when day is 0) */
};

struct person_filter {
	enum person_list_mode mode;
	const int64_t *orgs;
	int n_orgs;
	int32_t day;
	const char *folded_query; /* text_fold()ed words, each a prefix; NULL or "" = none */
	int limit;		  /* 1..1000 */
	int offset;
};

/* One line of a list: the person, the name of their member org (as of the
 * filter's day, else its last name) and their search subtitle (main
 * position). */
struct person_item {
	struct person person;
	const char *member_org_name;
	const char *subtitle;
};

/* A page of people matching f, in Vietnamese name order; *total is the
 * count of all matches. *out is arena-allocated. */
int store_person_list(struct store *s, struct arena *a, const struct person_filter *f,
		      struct person_item **out, int *n, int64_t *total,
		      struct kh_error *err) KH_MUST_CHECK;

/* ---- positions ---- */

/* Inserts p (p->id, person_name and org_name ignored); *id receives the new
 * id. */
int store_position_insert(struct store *s, const struct position *p, int64_t *id,
			  struct kh_error *err) KH_MUST_CHECK;
/* Sets the position's end day (0 = current again). */
int store_position_set_end(struct store *s, int64_t id, int32_t valid_to,
			   struct kh_error *err) KH_MUST_CHECK;
/* With person_name and org_name (the org's name nearest to name_day).
 * KH_ENOTFOUND when unknown. */
int store_position_get(struct store *s, struct arena *a, int64_t id, int32_t name_day,
		       struct position *out, struct kh_error *err) KH_MUST_CHECK;
/* Positions of the person (person_id) or in the org (org_id) — exactly one
 * of the two non-zero — in force on day, or all when day is 0. Names as of
 * name_day. A person's come newest first; an org's by role (head first),
 * then Vietnamese name order. */
int store_position_list(struct store *s, struct arena *a, int64_t person_id, int64_t org_id,
			int32_t day, int32_t name_day, struct position **out, int *n,
			struct kh_error *err) KH_MUST_CHECK;
/* Whether the person holds another position (not except_id) with the same
 * org and role whose dates overlap [from, to) (to 0 = open). */
int store_position_overlaps(struct store *s, int64_t person_id, int64_t org_id,
			    enum position_role role, int32_t from, int32_t to, int64_t except_id,
			    bool *overlaps, struct kh_error *err) KH_MUST_CHECK;

/* The name of an org nearest to day (in force that day, else its latest
 * version), or "" when unknown. */
int store_org_name_near(struct store *s, struct arena *a, int64_t org_id, int32_t day,
			const char **name, struct kh_error *err) KH_MUST_CHECK;

#endif
