/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * kehoach classify — filled in by the classification slice of issue 5.
 */
#include "core/common.h"
#include "cli/cli.h"
#include "cli/commands.h"

int cmd_classify(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "kehoach classify: chưa có\n");
	return CLI_USAGE;
}
