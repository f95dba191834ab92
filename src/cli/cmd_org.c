/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The org tree from the command line: `org import` loads a CSV export of the
 * tree (the same use case as the web import, as the system actor) and prints
 * one line per row; `org tree` prints the tree as of a date, indented, with
 * ids, short names and kinds — handy to check an import or a reorganization.
 */
#include "core/common.h"
#include "app/org.h"
#include "cli/cli.h"
#include "cli/cmd_org.h"
#include "core/date.h"
#include "core/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const USAGE =
	"Cách dùng:\n"
	"  kehoach org import --db FILE [--dry-run] [--date YYYY-MM-DD] FILE.csv\n"
	"  kehoach org tree --db FILE [--date YYYY-MM-DD] [--root ID]\n";

static const char *const WITH_VALUE[] = {"db", "date", "root", NULL};

#define IMPORT_FILE_LIMIT (64u << 20)
#define TREE_MAX_DEPTH 16

/* --date, or 0 for today; -1 when invalid (message printed). */
static int32_t opt_date(int argc, char **argv)
{
	const char *s = cli_opt(argc, argv, "date");
	int32_t d;
	if (!s)
		return 0;
	if (date_parse_iso(s, &d) != 0) {
		fprintf(stderr, "kehoach: --date phải có dạng YYYY-MM-DD\n");
		return -1;
	}
	return d;
}

static int org_import(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct import_report rep;
	char *norm = NULL;
	size_t nlen = 0;
	int rc;

	const char *path = cli_positional(argc, argv, 1, WITH_VALUE);
	int32_t date = opt_date(argc, argv);
	if (!path || date < 0) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	norm = cli_read_text(path, IMPORT_FILE_LIMIT, &nlen);
	if (!norm) {
		rc = CLI_FAIL;
		goto out;
	}
	kh_error_clear(&err);
	rc = app_org_import_csv(&ctx, norm, nlen, date, cli_flag(argc, argv, "dry-run"), &rep,
				&err);
	for (int i = 0; i < rep.n_rows; i++) {
		const struct import_row *w = &rep.rows[i];
		printf("Dòng %d\t%s\t%s\t%s\t%s\n", w->line, w->code, w->action, w->name,
		       w->message);
	}
	fflush(stdout);
	if (rc) {
		rc = cli_error(&err);
		goto out;
	}
	printf("%s: %d dòng — %d tạo mới, %d cập nhật, %d không đổi\n",
	       rep.applied ? "Đã nhập" : "Kiểm tra xong (chưa nhập)", rep.n_rows, rep.n_created,
	       rep.n_updated, rep.n_unchanged);
	rc = CLI_OK;
out:
	free(norm);
	cli_close(&ctx);
	return rc;
}

static int print_subtree(struct app_ctx *ctx, const struct org *o, int32_t date, int depth,
			 struct kh_error *err)
{
	struct org *kids;
	int n;
	printf("%*s%s", depth * 2, "", o->name);
	if (*o->short_name)
		printf(" (%s)", o->short_name);
	printf(" [%lld, %s]\n", (long long)o->id, org_kind_label(o->kind));
	if (!o->child_count || depth >= TREE_MAX_DEPTH)
		return 0;
	int rc = app_org_children(ctx, o->id, date, &kids, &n, err);
	if (rc)
		return rc;
	for (int i = 0; i < n; i++) {
		rc = print_subtree(ctx, &kids[i], date, depth + 1, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int org_tree(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct org *roots = NULL, one;
	int n = 0, rc;
	int64_t root = 0;

	int32_t date = opt_date(argc, argv);
	const char *root_s = cli_opt(argc, argv, "root");
	if (date < 0 || (root_s && num_parse_i64(root_s, 1, INT64_MAX, &root) != 0)) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (!date)
		date = ctx.today;
	if (root) {
		rc = app_org_get(&ctx, root, date, &one, &err);
		if (!rc && !org_exists_on(&one, date))
			rc = kh_fail(&err, KH_ENOTFOUND, NULL,
				     "Tổ chức %lld không tồn tại vào ngày đã chọn",
				     (long long)root);
		roots = &one;
		n = 1;
	} else {
		rc = app_org_roots(&ctx, date, &roots, &n, &err);
	}
	for (int i = 0; !rc && i < n; i++)
		rc = print_subtree(&ctx, &roots[i], date, 0, &err);
	if (rc)
		rc = cli_error(&err);
	cli_close(&ctx);
	return rc ? rc : CLI_OK;
}

int cmd_org(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return org_import(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "tree") == 0)
		return org_tree(argc, argv);
	fputs(USAGE, stderr);
	return CLI_USAGE;
}
