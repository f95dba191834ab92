/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The history of a plan, oldest first, as one list: what the audit log
 * holds for the plan (created, edited, items added, changed, moved or
 * removed, sent, approved, adjustments opened and issued, proposals
 * answered) and the life of each comment and request (made, answered,
 * escalated, decided). Readable to whoever reads the plan.
 */
#ifndef KH_APP_HISTORY_H
#define KH_APP_HISTORY_H

#include <jansson.h>
#include <stdint.h>

#include "app/app.h"

struct plan_event {
	int64_t at;	    /* unix seconds */
	const char *action; /* "plan.create", "plan.item.update", "comment.create",
			       "comment.answer", "comment.escalate", "comment.decide"… */
	const char *label; /* Vietnamese: "Thêm nội dung", "Kiến nghị lên cấp ủy quản lý"… */
	const char *who;    /* the account or person who did it */
	const char *detail; /* the item's text, the reason, the comment's text…; "" */
	int64_t comment_id; /* for comment events; 0 otherwise */
	int64_t audit_id;   /* the audit entry it comes from: the order of events */
};

/* The events of a readable plan, oldest first (at most the last 2000 audit
 * entries). */
int app_plan_history(struct app_ctx *ctx, int64_t plan_id, struct plan_event **out, int *n,
		     struct kh_error *err) KH_MUST_CHECK;

/* {at (ISO timestamp), action, label, who, detail, comment_id|null}. */
json_t *app_plan_event_json(const struct plan_event *e);

#endif
