/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * `kehoach export`: writes a plan as the official document, DOCX or PDF, or
 * its item list as XLSX (the workbook `kehoach plan sheet` reads back), a
 * report of a campaign as "BÁO CÁO", or a campaign's opening letter (công
 * văn), to a file, as the system actor — for an office that files or mails plans
 * from a script. The file is written to a temporary name beside OUT and
 * renamed into place, so a failed export never leaves half a file. Exit
 * status: 0 written, 1 an error, 2 bad usage.
 */
#include "core/common.h"
#include "app/export.h"
#include "app/report.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/num.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const USAGE =
	"Cách dùng:\n"
	"  kehoach export --db FILE plan PLAN_ID --format docx|pdf|xlsx --output OUT\n"
	"  kehoach export --db FILE report REPORT_ID --format docx|pdf --output OUT\n"
	"  kehoach export --db FILE letter CAMPAIGN_ID --format docx|pdf --output OUT\n"
	"Xuất kế hoạch thành văn bản theo thể thức của Đảng (Hướng dẫn 36-HD/VPTW):\n"
	"docx để sửa bằng Word, pdf để in, gửi; xlsx là danh sách nội dung để sửa bằng\n"
	"Excel rồi nạp lại (kehoach plan sheet). report: báo cáo của một đơn vị trong đợt\n"
	"báo cáo; letter: công văn mở đợt báo cáo. OUT là tệp sẽ ghi (\"-\" = đầu ra chuẩn).\n";

static const char *const WITH_VALUE[] = {"db", "format", "output", NULL};

/* Writes data to path through a temporary file renamed into place; "-"
 * writes to stdout. */
static int write_out(const char *path, const char *data, size_t len)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			fprintf(stderr, "kehoach: không ghi được ra đầu ra chuẩn\n");
			return CLI_FAIL;
		}
		return CLI_OK;
	}
	size_t n = strlen(path) + 32;
	char *tmp = xmalloc(n);
	snprintf(tmp, n, "%s.tmp-%ld", path, (long)getpid());
	int rc = CLI_OK;
	FILE *f = fopen(tmp, "wb");
	if (!f) {
		fprintf(stderr, "kehoach: không tạo được tệp %s: %s\n", path, strerror(errno));
		rc = CLI_FAIL;
		goto out;
	}
	bool ok = fwrite(data, 1, len, f) == len;
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		fprintf(stderr, "kehoach: không ghi được tệp %s: %s\n", path, strerror(errno));
		unlink(tmp);
		rc = CLI_FAIL;
	}
out:
	free(tmp);
	return rc;
}

int cmd_export(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	const char *what = cli_positional(argc, argv, 0, WITH_VALUE);
	const char *arg = cli_positional(argc, argv, 1, WITH_VALUE);
	const char *format = cli_opt(argc, argv, "format");
	const char *output = cli_opt(argc, argv, "output");
	int64_t id;
	char *bytes = NULL;
	size_t len = 0;
	const char *name;

	bool plan = what && strcmp(what, "plan") == 0;
	bool report = what && strcmp(what, "report") == 0;
	bool letter = what && strcmp(what, "letter") == 0;
	if (!(plan || report || letter) || !arg || num_parse_i64(arg, 1, INT64_MAX, &id) != 0 ||
	    !format || !output || !*output) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	if (!app_export_content_type(format) || (!plan && strcmp(format, "xlsx") == 0)) {
		fprintf(stderr, plan ? "kehoach export: --format phải là docx, pdf hoặc xlsx\n"
				     : "kehoach export: --format phải là docx hoặc pdf\n");
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (plan     ? app_plan_export(&ctx, id, format, &bytes, &len, &name, &err)
	    : report ? app_report_export(&ctx, id, format, &bytes, &len, &name, &err)
		     : app_report_letter(&ctx, id, format, &bytes, &len, &name, &err)) {
		rc = cli_error(&err);
		goto out;
	}
	rc = write_out(output, bytes, len);
	if (rc == CLI_OK && strcmp(output, "-") != 0)
		printf("Đã xuất «%s» (%zu byte) ra %s\n", name, len, output);
out:
	free(bytes);
	cli_close(&ctx);
	return rc;
}
