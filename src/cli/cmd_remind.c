/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * kehoach remind — filled in by its slice of issue 5.
 */
#include "core/common.h"
#include "cli/cli.h"
#include "cli/commands.h"

int cmd_remind(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "kehoach remind: chưa có\n");
	return CLI_USAGE;
}
