/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The people commands: `kehoach person import`. */
#ifndef KH_CLI_CMD_PERSON_H
#define KH_CLI_CMD_PERSON_H

/* `person import --db FILE [--dry-run] FILE.csv` imports people from CSV
 * (FILE "-" reads stdin) as the system actor and prints one line per row.
 * argv[0] is "person". Returns 0, 1 (runtime error or rows in error) or 2
 * (usage). */
int cmd_person(int argc, char **argv);

#endif
