/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * kehoach assess — filled in by the self-assessment slice of issue 5.
 */
#include "core/common.h"
#include "cli/cli.h"
#include "cli/commands.h"

int cmd_assess(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "kehoach assess: chưa có\n");
	return CLI_USAGE;
}
