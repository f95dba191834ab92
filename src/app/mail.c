/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Sending queued mail through SMTP: see app/mail.h.
 * (Stubs: being written; each answers "not implemented yet".)
 */
#include "core/common.h"
#include "app/mail.h"

int app_mail_send_pending(struct app_ctx *ctx, int max, int *sent, struct kh_error *err)
{
	(void)ctx;
	(void)max;
	(void)sent;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_mail_configure(struct app_ctx *ctx, const char *host, int port, const char *from,
		       struct kh_error *err)
{
	(void)ctx;
	(void)host;
	(void)port;
	(void)from;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}
