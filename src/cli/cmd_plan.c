/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Plans from the command line, as the system actor: `plan check` prints the
 * quality check of a plan (one finding per line, or the API's JSON),
 * `plan list` the plans of an org's subtree and a year, and `plan
 * compliance` who in a subtree has no plan for a year, which plans were not
 * approved by 31 March and which still wait for answers, and `plan sheet`
 * applies the item list edited in Excel (the XLSX of `kehoach export
 * --format xlsx`), one report line per row. Exit status: 0 when the
 * command ran (findings are output, not failure), 1 on an error (a sheet
 * with wrong rows included: nothing is applied), 2 on bad usage.
 */
#include "core/common.h"
#include "app/check.h"
#include "app/plan.h"
#include "app/plan_sheet.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/date.h"
#include "core/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const USAGE =
	"Cách dùng:\n"
	"  kehoach plan check --db FILE PLAN_ID [--json]\n"
	"  kehoach plan list --db FILE [--org ID] [--year N]\n"
	"  kehoach plan compliance --db FILE --org ID --year N [--json]\n"
	"  kehoach plan sheet --db FILE PLAN_ID FILE.xlsx [--dry-run]\n"
	"Mã thoát: 0 khi lệnh chạy xong (kể cả khi kiểm tra có phát hiện vấn đề), 1 khi lỗi,\n"
	"2 khi sai cú pháp.\n";

static const char *const WITH_VALUE[] = {"db", "org", "year", NULL};

static void print_json(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (s)
		printf("%s\n", s);
	free(s);
}

/* --name as an integer in [min, max]; def when absent; false when invalid. */
static bool opt_int(int argc, char **argv, const char *name, int64_t min, int64_t max, int64_t def,
		    int64_t *out)
{
	const char *s = cli_opt(argc, argv, name);
	*out = def;
	return !s || num_parse_i64(s, min, max, out) == 0;
}

static int plan_check(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct check_report rep;
	int64_t id;
	const char *arg = cli_positional(argc, argv, 1, WITH_VALUE);
	if (!arg || num_parse_i64(arg, 1, INT64_MAX, &id) != 0) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_plan_check(&ctx, id, &rep, &err)) {
		rc = cli_error(&err);
		goto out;
	}
	if (cli_flag(argc, argv, "json")) {
		print_json(app_check_json(&rep));
	} else {
		for (int i = 0; i < rep.n; i++)
			printf("Nội dung số %d: %s\n", rep.findings[i].item_seq,
			       rep.findings[i].message);
		printf("%d nội dung, %d vấn đề\n", rep.n_items, rep.n);
	}
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}

static int plan_list(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct plan_page page;
	int64_t org, year;
	if (!opt_int(argc, argv, "org", 1, INT64_MAX, 0, &org) ||
	    !opt_int(argc, argv, "year", 1990, 2100, 0, &year)) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	struct plan_query q = {.org_id = org, .year = (int)year, .limit = PLAN_PAGE_MAX};
	int shown = 0;
	for (;;) {
		if (app_plan_list(&ctx, &q, &page, &err)) {
			rc = cli_error(&err);
			goto out;
		}
		for (int i = 0; i < page.n; i++) {
			const struct plan *p = &page.items[i];
			char years[32];
			if (p->year_to > p->year_from)
				snprintf(years, sizeof(years), "%d–%d", p->year_from, p->year_to);
			else
				snprintf(years, sizeof(years), "%d", p->year_from);
			printf("%lld\t%s\t%s\t%s\t%s\n", (long long)p->id, years, p->title,
			       p->owner_name ? p->owner_name : "", plan_status_label(p->status));
		}
		shown += page.n;
		if (page.n == 0 || shown >= page.total)
			break;
		q.offset = shown;
	}
	printf("%d kế hoạch\n", shown);
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}

static void print_plans(const char *heading, const struct compliance_plan *v, int n)
{
	printf("\n%s: %d\n", heading, n);
	for (int i = 0; i < n; i++) {
		const struct plan *p = &v[i].plan;
		char day[11] = "";
		if (p->approved_day)
			date_format_iso(p->approved_day, day);
		printf("  %lld\t%s\t%s\t%s\t%s\t%d\n", (long long)p->id, p->title,
		       p->owner_name ? p->owner_name : "", plan_status_label(p->status),
		       *day ? day : "-", v[i].open_comments);
	}
}

static int plan_compliance(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct compliance_report rep;
	int64_t org, year;
	if (!cli_opt(argc, argv, "org") || !cli_opt(argc, argv, "year") ||
	    !opt_int(argc, argv, "org", 1, INT64_MAX, 0, &org) ||
	    !opt_int(argc, argv, "year", 1990, 2100, 0, &year)) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_plan_compliance(&ctx, org, (int)year, &rep, &err)) {
		rc = cli_error(&err);
		goto out;
	}
	if (cli_flag(argc, argv, "json")) {
		print_json(app_compliance_json(&rep));
		rc = CLI_OK;
		goto out;
	}
	char due[11];
	date_format_iso(rep.due_day, due);
	printf("Năm %d, hạn %s: %d người đứng đầu, %d cấp ủy và chi bộ, %d kế hoạch\n", rep.year,
	       due, rep.n_heads, rep.n_orgs, rep.n_plans);
	printf("\nNgười đứng đầu chưa có kế hoạch cá nhân: %d\n", rep.n_heads_without_plan);
	for (int i = 0; i < rep.n_heads_without_plan; i++) {
		const struct compliance_head *h = &rep.heads_without_plan[i];
		printf("  %lld\t%s\t%s\t%s\n", (long long)h->person_id, h->person_name, h->title,
		       h->org_name);
	}
	printf("\nCấp ủy, chi bộ chưa có kế hoạch: %d\n", rep.n_orgs_without_plan);
	for (int i = 0; i < rep.n_orgs_without_plan; i++)
		printf("  %lld\t%s\n", (long long)rep.orgs_without_plan[i].org_id,
		       rep.orgs_without_plan[i].org_name);
	print_plans("Kế hoạch chưa hoàn thành trước ngày 31 tháng 3", rep.late, rep.n_late);
	print_plans("Kế hoạch còn góp ý, đề nghị chưa trả lời", rep.waiting, rep.n_waiting);
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}

static const char *sheet_action(const char *action)
{
	static const char *const LABELS[][2] = {
		{"update", "sửa"}, {"create", "thêm"},	   {"unchanged", "không đổi"},
		{"error", "lỗi"},  {"kept", "giữ nguyên"},
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(LABELS); i++)
		if (strcmp(action, LABELS[i][0]) == 0)
			return LABELS[i][1];
	return action;
}

/* One line per row: "Dòng 7  mã 12  sửa  Đã sửa: Nội dung"; kept items
 * without a row. */
static int plan_sheet(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct sheet_report rep;
	int64_t id;
	size_t len = 0;
	const char *arg = cli_positional(argc, argv, 1, WITH_VALUE);
	const char *path = cli_positional(argc, argv, 2, WITH_VALUE);
	if (!arg || num_parse_i64(arg, 1, INT64_MAX, &id) != 0 || !path) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	char *bytes = cli_read_file(path, PLAN_SHEET_MAX_BYTES, &len);
	if (!bytes) {
		rc = CLI_FAIL;
		goto out;
	}
	kh_error_clear(&err);
	bool dry = cli_flag(argc, argv, "dry-run");
	rc = app_plan_sheet_apply(&ctx, id, bytes, len, dry, &rep, &err);
	for (int i = 0; i < rep.n_rows; i++) {
		const struct sheet_row *w = &rep.rows[i];
		char where[32], item[32];
		snprintf(where, sizeof(where), w->row ? "Dòng %d" : "-", w->row);
		snprintf(item, sizeof(item), w->item_id ? "mã %lld" : "-", (long long)w->item_id);
		printf("%s\t%s\t%s\t%s\n", where, item, sheet_action(w->action),
		       *w->message ? w->message : "");
	}
	fflush(stdout);
	if (rc) {
		rc = cli_error(&err);
		goto out;
	}
	printf("%s: %d sửa, %d thêm, %d không đổi, %d giữ nguyên (không có trong tệp)\n",
	       rep.applied ? "Đã ghi" : "Kiểm tra xong (chưa ghi)", rep.n_updated, rep.n_created,
	       rep.n_unchanged, rep.n_kept);
	rc = CLI_OK;
out:
	free(bytes);
	cli_close(&ctx);
	return rc;
}

int cmd_plan(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "check") == 0)
		return plan_check(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return plan_list(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "compliance") == 0)
		return plan_compliance(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "sheet") == 0)
		return plan_sheet(argc, argv);
	fputs(USAGE, stderr);
	return CLI_USAGE;
}
