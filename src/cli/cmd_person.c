/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * People from the command line: `person import` loads a CSV export of
 * members (ma_dang_vien, ho_ten, nam_sinh, gioi_tinh, ma_noi_sinh_hoat,
 * ma_noi_cu_tru, da_nghi_huu) through the same use case as the web import,
 * as the system actor, and prints one line per row: line, member id, action,
 * name, message.
 */
#include "core/common.h"
#include "app/person.h"
#include "cli/cli.h"
#include "cli/cmd_person.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const USAGE =
	"Cách dùng:\n"
	"  kehoach person import --db FILE [--dry-run] FILE.csv\n"
	"Cột của tệp CSV: ma_dang_vien,ho_ten,nam_sinh,gioi_tinh,ma_noi_sinh_hoat,"
	"ma_noi_cu_tru,da_nghi_huu\n";

static const char *const WITH_VALUE[] = {"db", NULL};

#define IMPORT_FILE_LIMIT (64u << 20)

static int person_import(int argc, char **argv)
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
	if (!path) {
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
	rc = app_person_import_csv(&ctx, norm, nlen, cli_flag(argc, argv, "dry-run"), &rep, &err);
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

int cmd_person(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return person_import(argc, argv);
	fputs(USAGE, stderr);
	return CLI_USAGE;
}
