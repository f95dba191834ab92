/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * `kehoach config`: the settings an operator may change, printed as
 * "key<TAB>value"; with --escalation-days N, sets the days a collective's
 * request waits unanswered before any of its members may escalate it to the
 * managing committee (seed 000: "trong thời gian quy định"). Mail settings
 * have their own command (`kehoach mail config`).
 */
#include "core/common.h"
#include "app/comment.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/num.h"

#include <stdio.h>

static const char *const USAGE = "Cách dùng:\n"
				 "  kehoach config --db FILE [--escalation-days N]\n";

int cmd_config(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	int days = 0;
	int64_t n = 0;
	const char *set = cli_opt(argc, argv, "escalation-days");
	if (set && num_parse_i64(set, 0, 365, &n) != 0) {
		fprintf(stderr, "kehoach: --escalation-days phải là số ngày từ 0 đến 365\n%s",
			USAGE);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	kh_error_clear(&err);
	if (set && app_comment_set_escalation_days(&ctx, (int)n, &err) != 0) {
		rc = cli_error(&err);
		goto out;
	}
	if (app_comment_escalation_days(&ctx, &days, &err) != 0) {
		rc = cli_error(&err);
		goto out;
	}
	printf("plan.escalation_days\t%d\n", days);
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}
