/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Notifications (DESIGN.md "Everything is accountable"): written by the use
 * cases inside their own transaction, addressed to an org (everyone acting
 * for it sees it) or to a person; each user marks them read. When a user
 * addressed has an e-mail address and mail is configured (setting
 * "mail.smtp_host"), a message is queued in the same transaction
 * (mail_outbox) and sent after the commit by app_mail_send_pending()
 * (app/mail.h), which the server runs in the background and
 * `kehoach mail send` runs by hand.
 */
#ifndef KH_APP_NOTIFY_H
#define KH_APP_NOTIFY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/model.h"

/* Records a notification; call inside the use case's write transaction.
 * n->id, created_at and read are ignored; org_id or person_id (or both)
 * must be set. Queues the mail for the users addressed who have an
 * address. */
int app_notify(struct app_ctx *ctx, const struct notification *n,
	       struct kh_error *err) KH_MUST_CHECK;

struct notification_page {
	struct notification *items; /* newest first */
	int n;
	int64_t total;
	int64_t unread;
	int limit, offset;
};
/* The actor's notifications: addressed to their person or to an org where
 * they hold a current position (not every org they manage, so an office is
 * not flooded by its whole subtree). */
int app_notify_list(struct app_ctx *ctx, bool unread_only, int limit, int offset,
		    struct notification_page *out, struct kh_error *err) KH_MUST_CHECK;
/* The unread count alone (the top bar's badge). */
int app_notify_unread(struct app_ctx *ctx, int64_t *count, struct kh_error *err) KH_MUST_CHECK;
/* Marks one notification (id > 0) or all of the actor's (id 0) read. */
int app_notify_mark_read(struct app_ctx *ctx, int64_t id, struct kh_error *err) KH_MUST_CHECK;

/* id, created_at (ISO), kind, text, link, plan_id, comment_id, read. */
json_t *app_notification_json(const struct notification *n);

#endif
