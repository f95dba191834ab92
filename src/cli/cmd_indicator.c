/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * kehoach indicator: `list` prints the indicators that apply to an org,
 * `table` its table for a year (baseline, targets, actuals, comparisons;
 * derived figures marked with their derivation), `sheet` applies the
 * figures edited in Excel (the XLSX of the page "Chỉ tiêu", or of `export`),
 * one report line per row; `demo` loads the demo's indicators into a demo
 * database that lacks them. Exit status: 0 when the command ran, 1 on an error (a sheet
 * with wrong rows included: nothing is applied), 2 on bad usage.
 */
#include "core/common.h"
#include "app/demo_indicators.h"
#include "app/indicator.h"
#include "app/indicator_sheet.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/date.h"
#include "core/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const USAGE =
	"Cách dùng:\n"
	"  kehoach indicator list --db FILE --org ID [--json]\n"
	"  kehoach indicator table --db FILE --org ID --year N [--json]\n"
	"  kehoach indicator export --db FILE --org ID --year N --output FILE.xlsx\n"
	"  kehoach indicator sheet --db FILE --org ID FILE.xlsx [--dry-run]\n"
	"  kehoach indicator demo --db FILE   (nạp chỉ tiêu mẫu vào cơ sở dữ liệu mẫu)\n"
	"Mã thoát: 0 khi lệnh chạy xong, 1 khi lỗi, 2 khi sai cú pháp.\n";

static const char *const WITH_VALUE[] = {"db", "org", "year", "output", NULL};

static void print_json(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (s)
		printf("%s\n", s);
	free(s);
}

static bool opt_int(int argc, char **argv, const char *name, int64_t min, int64_t max, int64_t def,
		    int64_t *out)
{
	const char *s = cli_opt(argc, argv, name);
	*out = def;
	return !s || num_parse_i64(s, min, max, out) == 0;
}

static int indicator_list(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct indicator *v;
	int64_t org;
	int n;
	if (!opt_int(argc, argv, "org", 1, INT64_MAX, 0, &org) || !org) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_indicator_list(&ctx, org, &v, &n, &err)) {
		rc = cli_error(&err);
		goto out;
	}
	if (cli_flag(argc, argv, "json")) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, app_indicator_json(&v[i]));
		print_json(json_pack("{s:o}", "indicators", a));
	} else {
		for (int i = 0; i < n; i++)
			printf("%lld\t%s\t%s\t%s\t%s\t%d–%d\t%s\n", (long long)v[i].id, v[i].code,
			       v[i].name, v[i].unit, indicator_rollup_label(v[i].rollup),
			       v[i].year_from, v[i].year_to, v[i].org_name);
	}
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}

static const char *fig(struct arena *a, const struct indicator_figure *f)
{
	char b[40];
	if (!f->has_value)
		return "-";
	indicator_format_number(f->value, b);
	return arena_printf(a, "%s%s", b, f->derived ? "*" : "");
}

static int indicator_table(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct indicator_table t;
	int64_t org, year;
	if (!opt_int(argc, argv, "org", 1, INT64_MAX, 0, &org) || !org ||
	    !opt_int(argc, argv, "year", 1, 9999, 0, &year) || !year) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_indicator_table(&ctx, org, (int)year, NULL, 0, &t, &err)) {
		rc = cli_error(&err);
		goto out;
	}
	if (cli_flag(argc, argv, "json")) {
		print_json(app_indicator_table_json(&t));
		rc = CLI_OK;
		goto out;
	}
	printf("Chỉ tiêu năm %d — %s\n", t.year, t.org_name);
	printf("STT\tChỉ tiêu\tĐơn vị tính\tGiá trị nền (năm)\tMục tiêu nhiệm kỳ\tMục tiêu năm"
	       "\tThực hiện 6 tháng\tƯớc năm\tThực hiện năm\tSo với mục tiêu\tSo với giá trị nền\n");
	for (int i = 0; i < t.n_rows; i++) {
		const struct indicator_row *w = &t.rows[i];
		char pct[48] = "", base[100] = "", n1[40], n2[40];
		if (w->cmp.has_target) {
			indicator_format_number(w->cmp.pct_of_target, n1);
			snprintf(pct, sizeof(pct), "%s%% ", n1);
		}
		if (w->cmp.has_baseline) {
			indicator_format_number(w->cmp.vs_baseline, n1);
			indicator_format_number(w->cmp.vs_baseline_pct, n2);
			if (w->cmp.has_baseline_pct)
				snprintf(base, sizeof(base), "%s%s (%s%s%%)",
					 w->cmp.vs_baseline > 0 ? "+" : "", n1,
					 w->cmp.vs_baseline_pct > 0 ? "+" : "", n2);
			else
				snprintf(base, sizeof(base), "%s%s",
					 w->cmp.vs_baseline > 0 ? "+" : "", n1);
		}
		printf("%s\t%s\t%s\t%s%s\t%s\t%s\t%s\t%s\t%s\t%s%s\t%s\n",
		       *w->ind.code ? w->ind.code : arena_printf(&arena, "%d", i + 1), w->ind.name,
		       w->ind.unit, fig(&arena, &w->baseline),
		       w->baseline.has_value ? arena_printf(&arena, " (%d)", w->baseline.year) : "",
		       fig(&arena, &w->term_target), fig(&arena, &w->year_target),
		       fig(&arena, &w->h1), fig(&arena, &w->estimate), fig(&arena, &w->actual), pct,
		       w->cmp.verdict_label, base);
	}
	bool any = false;
	for (int i = 0; i < t.n_rows; i++) {
		const struct indicator_row *w = &t.rows[i];
		const struct indicator_figure *F[] = {&w->baseline,    &w->term_target,
						      &w->year_target, &w->h1,
						      &w->estimate,    &w->actual};
		static const char *const L[] = {"Giá trị nền",	"Mục tiêu nhiệm kỳ",
						"Mục tiêu năm", "Thực hiện 6 tháng",
						"Ước năm",	"Thực hiện năm"};
		for (size_t k = 0; k < KH_ARRAY_LEN(F); k++) {
			if (!*F[k]->derivation)
				continue;
			if (!any)
				printf("\n* số tổng hợp từ đơn vị trực thuộc:\n");
			any = true;
			printf("%s, %s: %s\n", w->ind.name, L[k], F[k]->derivation);
		}
	}
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}

static const char *sheet_action(const char *action)
{
	static const char *const LABELS[][2] = {
		{"update", "sửa"},
		{"unchanged", "không đổi"},
		{"error", "lỗi"},
		{"kept", "giữ nguyên"},
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(LABELS); i++)
		if (strcmp(action, LABELS[i][0]) == 0)
			return LABELS[i][1];
	return action;
}

static int indicator_sheet(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct sheet_report rep;
	int64_t org;
	size_t len = 0;
	const char *path = cli_positional(argc, argv, 1, WITH_VALUE);
	if (!opt_int(argc, argv, "org", 1, INT64_MAX, 0, &org) || !org || !path) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	char *bytes = cli_read_file(path, INDICATOR_SHEET_MAX_BYTES, &len);
	if (!bytes) {
		rc = CLI_FAIL;
		goto out;
	}
	kh_error_clear(&err);
	rc = app_indicator_sheet_apply(&ctx, org, 0, bytes, len, cli_flag(argc, argv, "dry-run"),
				       &rep, &err);
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
	printf("%s: %d sửa, %d không đổi, %d giữ nguyên (không có trong tệp)\n",
	       rep.applied ? "Đã ghi" : "Kiểm tra xong (chưa ghi)", rep.n_updated, rep.n_unchanged,
	       rep.n_kept);
	rc = CLI_OK;
out:
	free(bytes);
	cli_close(&ctx);
	return rc;
}

/* The org's figures of a year as the XLSX template `sheet` reads back. */
static int indicator_export(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	int64_t org, year;
	char *bytes = NULL;
	size_t len = 0;
	const char *name;
	const char *out = cli_opt(argc, argv, "output");
	if (!opt_int(argc, argv, "org", 1, INT64_MAX, 0, &org) || !org ||
	    !opt_int(argc, argv, "year", 1, 9999, 0, &year) || !year || !out) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_indicator_sheet_export(&ctx, org, (int)year, &bytes, &len, &name, &err)) {
		rc = cli_error(&err);
		goto out;
	}
	FILE *f = fopen(out, "wb");
	bool ok = f && fwrite(bytes, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok) {
		fprintf(stderr, "kehoach: không ghi được tệp %s\n", out);
		rc = CLI_FAIL;
		goto out;
	}
	printf("%s\n", out);
	rc = CLI_OK;
out:
	free(bytes);
	cli_close(&ctx);
	return rc;
}

/* The demo's indicators, for a database loaded by `kehoach demo` before
 * they were part of it. */
static int indicator_demo(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	int n = 0;
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_demo_indicators(&ctx, &n, &err)) {
		rc = cli_error(&err);
		goto out;
	}
	printf("Đã nạp %d chỉ tiêu mẫu\n", n);
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}

int cmd_indicator(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "demo") == 0)
		return indicator_demo(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return indicator_list(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "table") == 0)
		return indicator_table(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "sheet") == 0)
		return indicator_sheet(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return indicator_export(argc, argv);
	fputs(USAGE, stderr);
	return CLI_USAGE;
}
