/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * kehoach classify — quality classification from the command line: `rules`
 * lists the rule sets held in the database (the regulation, the years it
 * governs, the periods, the points and thresholds, the quota, the
 * conditions); `list` the classifications of an org's subjects and of the
 * subjects it decides for a year, a line each (or JSON).
 */
#include "core/common.h"
#include "app/classification.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const USAGE = "Cách dùng: kehoach classify rules --db FILE [--json]\n"
				 "           kehoach classify list --db FILE --org ID --year N"
				 " [--json]\n";

static const char *const WITH_VALUE[] = {"db", "org", "year", NULL};

static void print_json(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (s)
		printf("%s\n", s);
	free(s);
}

static int rules(struct app_ctx *ctx, bool as_json, struct kh_error *err)
{
	struct class_rule_row *v;
	int n;
	int rc = app_class_rules(ctx, &v, &n, err);
	if (rc)
		return rc;
	if (as_json) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, app_class_rule_json(&v[i]));
		print_json(a);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		const struct class_rule_row *r = &v[i];
		printf("%s: %s\n  Áp dụng cho kỳ đánh giá từ năm %d", r->code, r->title,
		       r->year_from);
		if (r->year_to)
			printf(" đến năm %d", r->year_to);
		printf("; kỳ: %s\n", r->periods);
		if (r->scored)
			printf("  Thang điểm %d: %d điểm tiêu chí chung, %d điểm kết quả thực hiện"
			       " nhiệm vụ; xuất sắc từ %d, tốt từ %d, hoàn thành từ %d\n",
			       r->general_max + r->task_max, r->general_max, r->task_max,
			       r->excellent_min, r->good_min, r->complete_min);
		else
			printf("  Xếp loại theo tiêu chí, không chấm điểm\n");
		printf("  Tỷ lệ «Hoàn thành xuất sắc» tối đa %d%% số được xếp loại tốt trở lên\n",
		       r->quota_pct);
	}
	return 0;
}

static int list(struct app_ctx *ctx, int64_t org, int year, bool as_json, struct kh_error *err)
{
	struct class_row *v;
	int n;
	int rc = app_class_list(ctx, org, year, &v, &n, err);
	if (rc)
		return rc;
	if (as_json) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, app_class_row_json(&v[i]));
		print_json(a);
		return 0;
	}
	if (!n)
		printf("Chưa có kết quả đánh giá, xếp loại năm %d.\n", year);
	for (int i = 0; i < n; i++) {
		const struct class_row *c = &v[i];
		const char *stage = strcmp(c->stage, "decided") == 0	? "đã quyết định"
				    : strcmp(c->stage, "proposed") == 0 ? "đã đề xuất"
									: "tự đánh giá";
		printf("#%lld %s%s%s%s — %s %d", (long long)c->id,
		       strcmp(c->subject_kind, "collective") == 0 ? "Tập thể lãnh đạo " : "",
		       strcmp(c->subject_kind, "member") == 0 ? c->person_name : c->org_name,
		       strcmp(c->subject_kind, "member") == 0 ? ", " : "",
		       strcmp(c->subject_kind, "member") == 0 ? c->org_name : "",
		       class_period_label(c->period_kind), c->year);
		if (strcmp(c->period_kind, "quarter") == 0)
			printf(" quý %d", c->part);
		else if (strcmp(c->period_kind, "term") == 0)
			printf("–%d", c->part);
		printf(": %s (%s, %s)", class_grade_label_of(c->grade), stage, c->rule_code);
		if (c->general_points >= 0 && c->task_points >= 0)
			printf(", %d điểm", c->general_points + c->task_points);
		printf("\n");
	}
	return 0;
}

int cmd_classify(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	int64_t org = 0, year = 0;
	const char *what = cli_positional(argc, argv, 0, WITH_VALUE);
	bool is_list = what && strcmp(what, "list") == 0;
	if (!what || (!is_list && strcmp(what, "rules") != 0) ||
	    cli_positional(argc, argv, 1, WITH_VALUE)) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	if (is_list) {
		const char *o = cli_opt(argc, argv, "org"), *y = cli_opt(argc, argv, "year");
		if (!o || !y || num_parse_i64(o, 1, INT64_MAX, &org) != 0 ||
		    num_parse_i64(y, 1990, 2100, &year) != 0) {
			fputs(USAGE, stderr);
			return CLI_USAGE;
		}
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	bool as_json = cli_flag(argc, argv, "json");
	if (is_list ? list(&ctx, org, (int)year, as_json, &err) : rules(&ctx, as_json, &err))
		rc = cli_error(&err);
	else
		rc = CLI_OK;
	cli_close(&ctx);
	return rc;
}
