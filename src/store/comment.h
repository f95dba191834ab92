/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Storage of the comments and requests on plans (plan_comments): the row with
 * its answer, escalation and decision, and the few reads of plans, items and
 * recipients the comment use cases need. No rule lives here: who may answer,
 * when a request may be escalated and to whom are the app's (app/comment.h).
 * The writes that complete a comment (answer, escalation, decision) change
 * the row only while that step is still open, and report whether they did,
 * so that two concurrent answers cannot both win.
 *
 * Reads copy strings into the caller's arena. Every function returns 0 or a
 * negative enum kh_err with err filled.
 */
#ifndef KH_STORE_COMMENT_H
#define KH_STORE_COMMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/model.h"
#include "store/store.h"

/* Inserts c (the plan, item, version, kind, author, on-behalf org, text and
 * creation time; the answer, escalation and decision are left empty); *id
 * receives the new id. */
int store_comment_insert(struct store *s, const struct plan_comment *c, int64_t *id,
			 struct kh_error *err) KH_MUST_CHECK;

/* The comment with author_name (the person's name, else the username),
 * on_behalf_name and escalated_to_name (org names as of day, else their
 * latest). KH_ENOTFOUND when unknown. */
int store_comment_get(struct store *s, struct arena *a, int64_t id, int32_t day,
		      struct plan_comment *out, struct kh_error *err) KH_MUST_CHECK;

/* Every comment on the plan, oldest first, names filled as by
 * store_comment_get. *out is arena-allocated. */
int store_comment_list(struct store *s, struct arena *a, int64_t plan_id, int32_t day,
		       struct plan_comment **out, int *n, struct kh_error *err) KH_MUST_CHECK;

/* Every escalated comment still waiting for a decision, oldest escalation
 * first. */
int store_comment_escalations(struct store *s, struct arena *a, int32_t day,
			      struct plan_comment **out, int *n,
			      struct kh_error *err) KH_MUST_CHECK;

/* Records the answer ("accepted" or "explained") when the comment has none
 * yet; *done tells whether it did (false: already answered, or unknown). */
int store_comment_set_answer(struct store *s, int64_t id, const char *answer, const char *text,
			     int64_t answer_item_id, int64_t at, int64_t by, bool *done,
			     struct kh_error *err) KH_MUST_CHECK;
/* Records the escalation to org when the comment is unanswered and not yet
 * escalated; *done tells whether it did. */
int store_comment_set_escalation(struct store *s, int64_t id, int64_t to_org_id, int64_t at,
				 int64_t by, bool *done, struct kh_error *err) KH_MUST_CHECK;
/* Records the decision ("upheld" or "dismissed") on an escalated comment
 * without one; *done tells whether it did. */
int store_comment_set_decision(struct store *s, int64_t id, const char *decision, const char *text,
			       int64_t at, int64_t by, bool *done,
			       struct kh_error *err) KH_MUST_CHECK;

/* ---- the plan rows the use cases read ---- */

/* The plan an item belongs to and its seq, or *plan_id = 0 when the item is
 * unknown. */
int store_comment_item_plan(struct store *s, int64_t item_id, int64_t *plan_id, int *seq,
			    struct kh_error *err) KH_MUST_CHECK;

/* The orgs the plan was sent to (plan_recipients), in the order recorded.
 * *out is arena-allocated. */
int store_comment_recipient_orgs(struct store *s, struct arena *a, int64_t plan_id, int64_t **out,
				 int *n, struct kh_error *err) KH_MUST_CHECK;

#endif
