/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Sending the queued mail (mail_outbox) through an SMTP relay inside the
 * Party's network: plain SMTP (RFC 5321) with EHLO, MAIL FROM, RCPT TO and
 * DATA, UTF-8 subject (RFC 2047) and body (8BITMIME or quoted-printable).
 * Configured by the settings "mail.smtp_host", "mail.smtp_port" (default 25)
 * and "mail.from"; without a host nothing is queued or sent.
 */
#ifndef KH_APP_MAIL_H
#define KH_APP_MAIL_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"

/* Sends up to max pending messages (oldest first); a failure is recorded on
 * the message (attempts, last_error) and retried later, up to 5 attempts.
 * *sent receives how many went out. Runs its own transactions; never call
 * inside one. */
int app_mail_send_pending(struct app_ctx *ctx, int max, int *sent,
			  struct kh_error *err) KH_MUST_CHECK;

/* Sets the mail settings (admin): host "" turns mail off. */
int app_mail_configure(struct app_ctx *ctx, const char *host, int port, const char *from,
		       struct kh_error *err) KH_MUST_CHECK;

#endif
