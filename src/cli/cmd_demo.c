/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* `kehoach demo --db FILE`: load the demo province and print the accounts. */
#include "core/common.h"
#include "app/demo.h"
#include "cli/cli.h"
#include "cli/commands.h"

#include <stdio.h>

int cmd_demo(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct demo_report rep;
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_demo_load(&ctx, &rep, &err)) {
		rc = cli_error(&err);
		goto out;
	}
	printf("Đã nạp dữ liệu mẫu: %d tổ chức, %d thay đổi cơ cấu, %d người, %d chức vụ, "
	       "%d văn bản, %d liên kết văn bản, %d kế hoạch, %d báo cáo tiến độ, %d chỉ tiêu, "
	       "%d đợt báo cáo.\n\n",
	       rep.orgs, rep.changes, rep.people, rep.positions, rep.documents, rep.links,
	       rep.plans, rep.progress, rep.indicators, rep.campaigns);
	printf("Tài khoản mẫu (mật khẩu chung: %s — chỉ dùng để thử):\n", rep.password);
	for (int i = 0; i < rep.n_accounts; i++) {
		const struct demo_account *a = &rep.accounts[i];
		printf("  %-14s %s%s%s%s\n", a->username, a->role_hint,
		       *a->person_name ? " — " : "", a->person_name, a->admin ? " (quản trị)" : "");
	}
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}
