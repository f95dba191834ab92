/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Reminders of deadlines of plan items (issue 5), run by `kehoach remind`
 * from cron: for every open item of an approved or adjusting plan that is
 * due in 7 days, due tomorrow, due today, or overdue (app/progress.h), its
 * lead is reminded — the lead org (for a group lead, or no lead org, the
 * plan's owner org; for an individual plan without a lead org, its owner
 * person) — by ONE digest notification per recipient per run ("Có 3 nội
 * dung sắp đến hạn, 1 nội dung quá hạn …" with a link), queued as mail like
 * every notification. Each (item, stage, due day, recipient) is reminded
 * once: the reminders table remembers (subject "item", stage
 * "due_7|due_1|due_today|overdue:YYYY-MM-DD"; a person recipient is stored
 * as org_id = −person_id), so a second run the same day sends nothing new.
 */
#ifndef KH_APP_REMIND_H
#define KH_APP_REMIND_H

#include "app/app.h"

struct remind_counts {
	int due_soon;	   /* items newly reminded: due within 7 days or tomorrow */
	int due_today;	   /* … due today */
	int overdue;	   /* … overdue */
	int notifications; /* digests written */
};

/* Sends the item reminders for ctx->today in one transaction (the system
 * or an admin). */
int app_progress_remind(struct app_ctx *ctx, struct remind_counts *out,
			struct kh_error *err) KH_MUST_CHECK;

#endif
