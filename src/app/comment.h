/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Comments (góp ý) and requests (đề nghị, yêu cầu) on a plan sent for
 * comment, on the plan as a whole or on one item; the owner's answers; and
 * the escalation of a collective's unanswered request to the committee that
 * manages the owner (DESIGN.md "The plan's life").
 *
 *  - Comment: whoever acts for one of the plan's recipient orgs
 *    (app_can_act_for_org), while the plan is out for comment, approved or
 *    adjusting (recipients may ask for specific content at any time). As a
 *    person (on_behalf_org_id 0; needs an account linked to a person), or on
 *    behalf of a recipient collective the actor acts for. Notifies the owner
 *    ("comment" or "request").
 *  - Answer: the owner side only (struct plan_rights.own): "accepted"
 *    (tiếp thu) — linked to the item it changed or created (answer_item_id,
 *    an item of the same plan; optional) — or "explained" (giải trình) with
 *    a text (required). An answer is final: answering twice is
 *    KH_ECONFLICT. Notifies the author (person) or the collective (org).
 *  - Escalate: a request made on behalf of a collective, unanswered for at
 *    least the configured number of days (setting "plan.escalation_days",
 *    default 15), may be escalated by anyone who acts for that collective,
 *    once. It goes to the managing committee: for an individual plan the
 *    person's managing org (people.managing_org_id) or else the upper
 *    committee of their cell; for a collective plan the nearest committee
 *    above the owner org. Notifies that committee ("escalation").
 *  - Decide: whoever acts for the committee escalated to: "upheld" (the
 *    owner must take it up) or "dismissed", with a text. Notifies the owner
 *    and the collective ("decision").
 * Everything is audited ("plan.comment", "plan.answer", "plan.escalate",
 * "plan.decide") and shows on the plan's history.
 */
#ifndef KH_APP_COMMENT_H
#define KH_APP_COMMENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/model.h"

#define COMMENT_TEXT_MAX 10000
#define ESCALATION_DAYS_DEFAULT 15

struct comment_input {
	int64_t item_id;	  /* 0 = the plan as a whole */
	const char *kind;	  /* "comment" or "request" */
	int64_t on_behalf_org_id; /* 0 = as a person */
	const char *text;	  /* required */
};
int app_comment_create(struct app_ctx *ctx, int64_t plan_id, const struct comment_input *in,
		       struct plan_comment *out, struct kh_error *err) KH_MUST_CHECK;

/* answer: "accepted" or "explained". */
int app_comment_answer(struct app_ctx *ctx, int64_t comment_id, const char *answer,
		       const char *text, int64_t answer_item_id, struct plan_comment *out,
		       struct kh_error *err) KH_MUST_CHECK;
int app_comment_escalate(struct app_ctx *ctx, int64_t comment_id, struct plan_comment *out,
			 struct kh_error *err) KH_MUST_CHECK;
/* decision: "upheld" or "dismissed"; text required. */
int app_comment_decide(struct app_ctx *ctx, int64_t comment_id, const char *decision,
		       const char *text, struct plan_comment *out,
		       struct kh_error *err) KH_MUST_CHECK;

/* What the actor may do with one comment (for the page's buttons). */
struct comment_rights {
	bool answer;
	bool escalate;	       /* allowed now */
	int32_t escalate_from; /* day from which escalation is allowed; 0 = never */
	bool decide;
};
struct comment_view {
	struct plan_comment c;
	struct comment_rights rights;
};

/* Every comment on a readable plan, oldest first, with the actor's rights. */
int app_comment_list(struct app_ctx *ctx, int64_t plan_id, struct comment_view **out, int *n,
		     struct kh_error *err) KH_MUST_CHECK;
int app_comment_get(struct app_ctx *ctx, int64_t comment_id, struct comment_view *out,
		    struct kh_error *err) KH_MUST_CHECK;
/* Escalations waiting for a decision by a committee the actor acts for. */
int app_comment_escalations(struct app_ctx *ctx, struct comment_view **out, int *n,
			    struct kh_error *err) KH_MUST_CHECK;

/* The number of days a collective's request must wait unanswered before it
 * may be escalated (setting "plan.escalation_days"; ESCALATION_DAYS_DEFAULT
 * when unset). Reading is open to all; setting is for admins and the system:
 * 0..365 days, KH_EINVAL otherwise. Audited ("setting.update"). */
int app_comment_escalation_days(struct app_ctx *ctx, int *days, struct kh_error *err) KH_MUST_CHECK;
int app_comment_set_escalation_days(struct app_ctx *ctx, int days,
				    struct kh_error *err) KH_MUST_CHECK;

/* The API's shape: id, plan_id, item_id, version, kind, author {user_id,
 * person_id, name}, on_behalf {org_id, name} | null, text, created_at (ISO
 * timestamp), answer {kind, text, item_id, at} | null, escalation {at,
 * to_org_id, to_name, decision, decision_text, decided_at} | null. */
json_t *app_comment_json(const struct plan_comment *c);

#endif
