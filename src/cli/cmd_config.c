/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * `kehoach config`: the settings an operator may change, printed as
 * "key<TAB>value"; with --escalation-days N, sets the days a collective's
 * request waits unanswered before any of its members may escalate it to the
 * managing committee (seed 000: "trong thời gian quy định"); with
 * --evidence-max-mb N, the size limit of an evidence file. Mail settings
 * have their own command (`kehoach mail config`).
 */
#include "core/common.h"
#include "app/comment.h"
#include "app/progress.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/num.h"

#include <stdio.h>

static const char *const USAGE =
	"Cách dùng:\n"
	"  kehoach config --db FILE [--escalation-days N] [--evidence-max-mb N]\n";

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
	int64_t mb = 0, max_bytes = 0;
	const char *set_mb = cli_opt(argc, argv, "evidence-max-mb");
	if (set_mb && num_parse_i64(set_mb, 1, PROGRESS_FILE_MAX_LIMIT / 1000000, &mb) != 0) {
		fprintf(stderr, "kehoach: --evidence-max-mb phải là số MB từ 1 đến %d\n%s",
			PROGRESS_FILE_MAX_LIMIT / 1000000, USAGE);
		return CLI_USAGE;
	}
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	kh_error_clear(&err);
	if ((set && app_comment_set_escalation_days(&ctx, (int)n, &err) != 0) ||
	    (set_mb && app_progress_set_evidence_max(&ctx, mb * 1000000, &err) != 0) ||
	    app_progress_evidence_max(&ctx, &max_bytes, &err) != 0) {
		rc = cli_error(&err);
		goto out;
	}
	if (app_comment_escalation_days(&ctx, &days, &err) != 0) {
		rc = cli_error(&err);
		goto out;
	}
	printf("plan.escalation_days\t%d\n", days);
	printf("evidence.max_bytes\t%lld\n", (long long)max_bytes);
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}
