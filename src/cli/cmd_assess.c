/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * kehoach assess --db FILE PLAN_ID [--json] — prints the year-end
 * self-assessment of a plan: its status, how many items were rated done,
 * partly and not done, the shortcomings and causes, and each remedy with
 * whether it was carried into next year's plan. Exit status: 0 when
 * printed, 1 on an error (unknown plan), 2 on bad usage.
 */
#include "core/common.h"
#include "app/assessment.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const USAGE = "Cách dùng: kehoach assess --db FILE PLAN_ID [--json]\n";
static const char *const WITH_VALUE[] = {"db", NULL};

int cmd_assess(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct assessment_view v;
	int64_t id;
	const char *s = cli_positional(argc, argv, 0, WITH_VALUE);
	if (!s || num_parse_i64(s, 1, INT64_MAX, &id) != 0) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_assessment_get(&ctx, id, &v, &err)) {
		rc = cli_error(&err);
		goto out;
	}
	if (cli_flag(argc, argv, "json")) {
		json_t *j = app_assessment_json(&v);
		char *t = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(j);
		if (t)
			printf("%s\n", t);
		free(t);
	} else {
		printf("Kế hoạch %lld: %s\n", (long long)v.plan.id, v.plan.title);
		printf("Tự đánh giá: %s\n", !v.id				 ? "chưa lập"
					    : strcmp(v.status, "submitted") == 0 ? "đã gửi"
										 : "bản nháp");
		printf("Hoàn thành: %d, hoàn thành một phần: %d, chưa hoàn thành: %d (của %d nội"
		       " dung)\n",
		       v.n_done, v.n_partly, v.n_not_done, v.n_items);
		if (*v.shortcomings)
			printf("Hạn chế, khuyết điểm: %s\n", v.shortcomings);
		if (*v.causes)
			printf("Nguyên nhân chủ quan: %s\n", v.causes);
		printf("Biện pháp khắc phục: %d, chưa đưa vào kế hoạch năm %d: %d\n", v.n_remedies,
		       v.next_year, v.n_not_carried);
		for (int i = 0; i < v.n_remedies; i++) {
			const struct assessment_remedy *m = &v.remedies[i];
			if (m->carried_item_id)
				printf("  %d. %s — đã đưa vào kế hoạch %lld (nội dung %lld)\n",
				       m->seq, m->text, (long long)m->carried_plan_id,
				       (long long)m->carried_item_id);
			else
				printf("  %d. %s — chưa đưa vào kế hoạch năm sau\n", m->seq,
				       m->text);
		}
	}
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}
