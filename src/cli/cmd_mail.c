/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* `kehoach mail` (being written). */
#include "core/common.h"
#include "cli/cli.h"
#include "cli/commands.h"

#include <stdio.h>

int cmd_mail(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("Lệnh đang được xây dựng.\n", stderr);
	return CLI_FAIL;
}
