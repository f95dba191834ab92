/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The account commands: `kehoach user add` and `kehoach token add`. */
#ifndef KH_CLI_CMD_USER_H
#define KH_CLI_CMD_USER_H

/* `user add --db FILE --username U --password-stdin [--admin] [--person-id N]`:
 * creates an account, reading the password from the first line of stdin.
 * argv[0] is "user". Returns 0, 1 (runtime error) or 2 (usage). */
int cmd_user(int argc, char **argv);

/* `token add --db FILE --username U [--label L]`: issues an API token and
 * prints only the token on stdout. argv[0] is "token". */
int cmd_token(int argc, char **argv);

#endif
