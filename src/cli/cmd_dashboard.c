/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * kehoach dashboard — "who has not done it yet" for an org's subtree and a
 * year, a line per child org (or JSON); kehoach counters check|rebuild —
 * the operator's view of the counters behind it: compare them with a full
 * recount (exit 1 when they differ), or rebuild them from the rows.
 */
#include "core/common.h"
#include "app/dashboard.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/date.h"
#include "core/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const USAGE_DASH =
	"Cách dùng: kehoach dashboard --db FILE --org ID [--year N] [--json]\n";
static const char *const USAGE_COUNTERS =
	"Cách dùng: kehoach counters --db FILE check | kehoach counters --db FILE rebuild\n"
	"Mã thoát: 0 khi khớp (hoặc đã dựng lại), 1 khi lệch hoặc lỗi, 2 khi sai cú pháp.\n";

static const char *const WITH_VALUE[] = {"db", "org", "year", NULL};

static void print_row(const struct dashboard_row *d, const char *indent)
{
	printf("%s%s: chưa có kế hoạch %d/%d, kế hoạch chậm %d, quá hạn %d, sắp đến hạn %d,"
	       " đề nghị chưa trả lời %d, báo cáo chưa nộp %d, nộp muộn %d",
	       indent, d->org.name, d->plans_missing, d->c.orgs, d->plans_late, d->c.overdue,
	       d->c.due_soon, d->c.requests_open, d->c.reports_missing, d->c.reports_late);
	if (d->percent_done >= 0)
		printf(", hoàn thành %d%% (%d/%d)", d->percent_done, d->c.items_done, d->c.items);
	printf("\n");
}

int cmd_dashboard(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct dashboard d;
	int64_t org, year;
	const char *o = cli_opt(argc, argv, "org"), *y = cli_opt(argc, argv, "year");
	if (!o || num_parse_i64(o, 1, INT64_MAX, &org) != 0 ||
	    (y && num_parse_i64(y, 1990, 2100, &year) != 0) ||
	    cli_positional(argc, argv, 0, WITH_VALUE)) {
		fputs(USAGE_DASH, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (!y) {
		int yy, mm, dd;
		date_to_ymd(ctx.today, &yy, &mm, &dd);
		year = yy;
	}
	if (app_dashboard(&ctx, org, (int)year, &d, &err)) {
		rc = cli_error(&err);
		goto out;
	}
	if (cli_flag(argc, argv, "json")) {
		json_t *j = app_dashboard_json(&d);
		char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(j);
		if (s)
			printf("%s\n", s);
		free(s);
	} else {
		printf("Năm %d\n", (int)year);
		print_row(&d.total, "");
		for (int i = 0; i < d.n_children; i++)
			print_row(&d.children[i], "  ");
	}
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}

int cmd_counters(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	const char *what = cli_positional(argc, argv, 0, WITH_VALUE);
	if (!what || (strcmp(what, "check") != 0 && strcmp(what, "rebuild") != 0)) {
		fputs(USAGE_COUNTERS, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (strcmp(what, "rebuild") == 0) {
		if (app_counters_rebuild(&ctx, &err)) {
			rc = cli_error(&err);
			goto out;
		}
		printf("Đã dựng lại số liệu theo dõi từ dữ liệu.\n");
		rc = CLI_OK;
	} else {
		int n;
		if (app_counters_check(&ctx, &n, &err)) {
			rc = cli_error(&err);
			goto out;
		}
		if (n) {
			printf("Số liệu theo dõi lệch với đếm lại: %d dòng khác nhau"
			       " (chạy: kehoach counters --db FILE rebuild)\n",
			       n);
			rc = CLI_FAIL;
		} else {
			printf("Số liệu theo dõi khớp với đếm lại toàn bộ.\n");
			rc = CLI_OK;
		}
	}
out:
	cli_close(&ctx);
	return rc;
}
