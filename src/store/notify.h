/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Storage of notifications and their per-user read marks, the mail outbox,
 * and the settings table (key → text value). A notification is addressed to
 * an org, a person, or both; a user sees those addressed to their person or
 * to one of the orgs the caller lists (the app decides which). No rule lives
 * here.
 *
 * Reads copy strings into the caller's arena. Every function returns 0 or a
 * negative enum kh_err with err filled.
 */
#ifndef KH_STORE_NOTIFY_H
#define KH_STORE_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/model.h"
#include "store/store.h"

/* ---- notifications ---- */

/* Inserts n (id and read ignored); *id receives the new id. */
int store_notification_insert(struct store *s, const struct notification *n, int64_t *id,
			      struct kh_error *err) KH_MUST_CHECK;

/* Whom a user's list covers: notifications addressed to person_id (0 =
 * none) or to one of orgs[]; read marks are those of user_id. */
struct notification_audience {
	int64_t user_id;
	int64_t person_id;
	const int64_t *orgs;
	int n_orgs;
};

/* A page of the audience's notifications, newest first; *total counts all
 * of them (unread only when unread_only), *unread the unread ones. The rows
 * of one event (same kind, plan, comment and created_at) reaching the
 * audience by several addresses count and show once, with the smallest id,
 * read when any of them is. */
int store_notification_list(struct store *s, struct arena *a,
			    const struct notification_audience *who, bool unread_only, int limit,
			    int offset, struct notification **out, int *n, int64_t *total,
			    int64_t *unread, struct kh_error *err) KH_MUST_CHECK;
/* The number of unread notifications of the audience (events, as listed). */
int store_notification_unread(struct store *s, const struct notification_audience *who,
			      int64_t *count, struct kh_error *err) KH_MUST_CHECK;
/* Marks notification id read for the audience's user, with every other row
 * of its event that reaches the audience; *found is false when the
 * notification does not exist or is not addressed to the audience. */
int store_notification_mark_read(struct store *s, const struct notification_audience *who,
				 int64_t id, bool *found, struct kh_error *err) KH_MUST_CHECK;
/* Marks every notification of the audience read; *marked gets how many were
 * unread. */
int store_notification_mark_all_read(struct store *s, const struct notification_audience *who,
				     int *marked, struct kh_error *err) KH_MUST_CHECK;

/* The e-mail addresses (non-empty users.email of enabled accounts) of the
 * users a notification reaches: the accounts linked to person_id (0 = none)
 * and the accounts whose person holds a position in org_id (0 = none) in
 * force on day. Each address once; *out is arena-allocated. */
int store_notify_emails(struct store *s, struct arena *a, int64_t person_id, int64_t org_id,
			int32_t day, const char ***out, int *n, struct kh_error *err) KH_MUST_CHECK;

/* ---- the mail outbox ---- */

struct mail_message {
	int64_t id;
	int64_t created_at;
	const char *to_addr;
	const char *subject;
	const char *body;
	int attempts;
	const char *last_error;
	int64_t sent_at; /* 0 = not sent */
};

/* Queues a message — unless the same message to the same address is
 * already waiting from the same second: one event addressed to several orgs
 * a person works for (a plan sent to their cell and their committee) makes
 * one mail, as the inbox shows it once. */
int store_mail_insert(struct store *s, const char *to_addr, const char *subject, const char *body,
		      int64_t now, struct kh_error *err) KH_MUST_CHECK;
/* Up to max unsent messages with fewer than max_attempts attempts, oldest
 * first. */
int store_mail_pending(struct store *s, struct arena *a, int max, int max_attempts,
		       struct mail_message **out, int *n, struct kh_error *err) KH_MUST_CHECK;
/* Marks a message sent (counting the attempt). */
int store_mail_mark_sent(struct store *s, int64_t id, int64_t now,
			 struct kh_error *err) KH_MUST_CHECK;
/* Counts a failed attempt with its error. */
int store_mail_mark_failed(struct store *s, int64_t id, const char *error,
			   struct kh_error *err) KH_MUST_CHECK;

/* ---- settings ---- */

/* The setting's value, or *value = NULL when unset. */
int store_setting_get(struct store *s, struct arena *a, const char *key, const char **value,
		      struct kh_error *err) KH_MUST_CHECK;
/* Sets the setting; value NULL removes it. */
int store_setting_set(struct store *s, const char *key, const char *value,
		      struct kh_error *err) KH_MUST_CHECK;

#endif
