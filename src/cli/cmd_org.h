/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The org tree commands: `kehoach org import` and `kehoach org tree`. */
#ifndef KH_CLI_CMD_ORG_H
#define KH_CLI_CMD_ORG_H

/* `org import --db FILE [--dry-run] [--date YYYY-MM-DD] FILE.csv` imports the
 * tree from CSV (FILE "-" reads stdin) and prints the per-row report;
 * `org tree --db FILE [--date YYYY-MM-DD] [--root ID]` prints the indented
 * tree as of the date. argv[0] is "org". Returns 0, 1 (runtime error or rows
 * in error) or 2 (usage). */
int cmd_org(int argc, char **argv);

#endif
