/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Report campaigns from the command line, as the system actor: `report
 * campaigns` lists the campaigns (of an org: opened by it or where it
 * reports), `report status` prints a campaign's counts and one line per
 * org — on time, late, missing, returned, pending — or the API's JSON.
 * Exit status: 0 done, 1 an error, 2 bad usage.
 */
#include "core/common.h"
#include "app/report.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/date.h"
#include "core/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const USAGE =
	"Cách dùng:\n"
	"  kehoach report campaigns --db FILE [--org ID]\n"
	"  kehoach report status --db FILE CAMPAIGN_ID [--json]\n"
	"Liệt kê các đợt báo cáo; in tình hình nộp báo cáo của từng đơn vị trong một đợt.\n";

static const char *const WITH_VALUE[] = {"db", "org", NULL};

static void print_json(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (s)
		printf("%s\n", s);
	free(s);
}

static const char *day_iso(int32_t day, char out[11])
{
	if (!day)
		return "";
	date_format_iso(day, out);
	return out;
}

static int campaigns(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct report_campaign *v;
	int n;
	int64_t org = 0;
	const char *s = cli_opt(argc, argv, "org");
	if (s && num_parse_i64(s, 1, INT64_MAX, &org) != 0) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_report_campaign_list(&ctx, org, &v, &n, &err)) {
		rc = cli_error(&err);
		goto out;
	}
	for (int i = 0; i < n; i++)
		printf("%lld\t%s\t%d-%d\t%s\t%s\t%s\n", (long long)v[i].row.id, v[i].row.kind,
		       v[i].row.year_from, v[i].row.year_to, v[i].row.status, v[i].row.org_name,
		       v[i].row.title);
	if (n == 0)
		printf("Không có đợt báo cáo nào.\n");
out:
	cli_close(&ctx);
	return rc;
}

static int status(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct report_campaign_status st;
	int64_t id;
	const char *arg = cli_positional(argc, argv, 1, WITH_VALUE);
	if (!arg || num_parse_i64(arg, 1, INT64_MAX, &id) != 0) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_report_campaign_status(&ctx, id, &st, &err)) {
		rc = cli_error(&err);
		goto out;
	}
	if (cli_flag(argc, argv, "json")) {
		json_t *rows = json_array();
		for (int i = 0; i < st.n_rows; i++)
			json_array_append_new(rows, app_report_json(&st.rows[i]));
		json_t *j = json_object();
		json_object_set_new(j, "campaign", app_report_campaign_json(&st.c));
		json_object_set_new(j, "counts", app_report_counts_json(&st.counts));
		json_object_set_new(j, "reports", rows);
		print_json(j);
		goto out;
	}
	const struct report_counts *k = &st.counts;
	printf("%s — %s\n", st.c.row.title, st.c.row.org_name);
	printf("Tổng số %d đơn vị: đúng hạn %d, muộn %d, chưa nộp (quá hạn) %d, trả lại %d,"
	       " chưa đến hạn %d; đã chấp nhận %d.\n",
	       k->total, k->on_time, k->late, k->missing, k->returned, k->pending, k->accepted);
	for (int i = 0; i < st.n_rows; i++) {
		const struct report *r = &st.rows[i];
		char due[11], sub[11];
		printf("%lld\t%s\t%s\t%s\thạn %s\t%s%s\n", (long long)r->row.id, r->row.org_name,
		       r->own ? "Báo cáo tổng hợp" : report_timeliness_label(r->timeliness),
		       report_status_label(r->row.status), day_iso(r->row.due_day, due),
		       r->row.submitted_day ? "gửi " : "", day_iso(r->row.submitted_day, sub));
	}
out:
	cli_close(&ctx);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	const char *sub = cli_positional(argc, argv, 0, WITH_VALUE);
	if (sub && strcmp(sub, "campaigns") == 0)
		return campaigns(argc, argv);
	if (sub && strcmp(sub, "status") == 0)
		return status(argc, argv);
	fputs(USAGE, stderr);
	return CLI_USAGE;
}
