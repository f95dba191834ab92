/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * kehoach report — filled in by its slice of issue 5.
 */
#include "core/common.h"
#include "cli/cli.h"
#include "cli/commands.h"

int cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "kehoach report: chưa có\n");
	return CLI_USAGE;
}
