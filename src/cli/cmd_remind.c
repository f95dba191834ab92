/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * kehoach remind --db FILE [--date YYYY-MM-DD] — the reminders cron runs
 * once a day (docs/OPERATIONS.md): the deadlines of plan items
 * (app/remind.h: one digest per lead per run, each item and stage once) and
 * the reports of campaigns (app/report.h). --date runs them as of another
 * day (tests, catching up). Prints what was sent; the mail they queue goes
 * out with the server's sender or `kehoach mail send`.
 */
#include "core/common.h"
#include "app/remind.h"
#include "app/report.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/date.h"

#include <stdio.h>

static const char USAGE[] = "Cách dùng: kehoach remind --db FILE [--date YYYY-MM-DD]\n";

int cmd_remind(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct remind_counts items;
	int reports = 0;
	int32_t day = 0;
	const char *date = cli_opt(argc, argv, "date");
	if (!cli_opt(argc, argv, "db") || cli_flag(argc, argv, "help")) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	if (date && date_parse_iso(date, &day) != 0) {
		fprintf(stderr, "kehoach: --date phải có dạng YYYY-MM-DD\n");
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (day)
		ctx.today = day;
	kh_error_clear(&err);
	if (app_progress_remind(&ctx, &items, &err) != 0) {
		rc = cli_error(&err);
		goto out;
	}
	printf("Nội dung kế hoạch: %d sắp đến hạn, %d đến hạn hôm nay, %d quá hạn; %d thông báo"
	       " nhắc việc.\n",
	       items.due_soon, items.due_today, items.overdue, items.notifications);
	/* The reports of campaigns (app/report.c). */
	if (app_report_remind(&ctx, &reports, &err) != 0) {
		rc = cli_error(&err);
		goto out;
	}
	printf("Báo cáo: %d thông báo nhắc việc.\n", reports);
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}
