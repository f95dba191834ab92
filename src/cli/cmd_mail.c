/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * `kehoach mail`: `mail config` sets the SMTP relay the notifications are
 * mailed through (host, port, sender; an empty host turns mail off), and
 * `mail send` sends what the outbox holds — the operator runs it from a
 * systemd timer or cron (docs/OPERATIONS.md "Thư thông báo"). Both act as
 * the system actor through app/mail.h.
 */
#include "core/common.h"
#include "app/mail.h"
#include "cli/cli.h"
#include "cli/commands.h"

#include <stdio.h>
#include <string.h>

static const char *const USAGE =
	"Cách dùng: kehoach mail send --db FILE [--max N]\n"
	"           kehoach mail config --db FILE --host H [--port N] --from ĐỊA_CHỈ\n"
	"           (--host \"\" tắt gửi thư)\n";

static const char *const WITH_VALUE[] = {"db", "host", "port", "from", "max", NULL};

static int mail_send(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	int64_t max = 100;
	int sent = 0;
	const char *max_text = cli_opt(argc, argv, "max");
	if (!cli_opt(argc, argv, "db")) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	if (max_text && num_parse_i64(max_text, 1, 100000, &max) != 0) {
		fprintf(stderr, "kehoach: --max phải là số từ 1 đến 100000\n");
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_mail_send_pending(&ctx, (int)max, &sent, &err) != 0) {
		rc = cli_error(&err);
	} else {
		printf("Đã gửi %d thư.\n", sent);
		rc = CLI_OK;
	}
	cli_close(&ctx);
	return rc;
}

static int mail_config(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	int64_t port = 25;
	const char *host = cli_opt(argc, argv, "host");
	const char *from = cli_opt(argc, argv, "from");
	const char *port_text = cli_opt(argc, argv, "port");
	if (!cli_opt(argc, argv, "db") || !host || (*host && !from)) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	if (port_text && num_parse_i64(port_text, 1, 65535, &port) != 0) {
		fprintf(stderr, "kehoach: --port phải là số từ 1 đến 65535\n");
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_mail_configure(&ctx, host, (int)port, from, &err) != 0) {
		rc = cli_error(&err);
	} else {
		if (*host)
			printf("Đã cấu hình gửi thư qua %s:%d, người gửi %s.\n", host, (int)port,
			       from);
		else
			printf("Đã tắt gửi thư thông báo.\n");
		rc = CLI_OK;
	}
	cli_close(&ctx);
	return rc;
}

int cmd_mail(int argc, char **argv)
{
	const char *sub = cli_positional(argc, argv, 0, WITH_VALUE);
	if (sub && strcmp(sub, "send") == 0)
		return mail_send(argc, argv);
	if (sub && strcmp(sub, "config") == 0)
		return mail_config(argc, argv);
	fputs(USAGE, stderr);
	return CLI_USAGE;
}
