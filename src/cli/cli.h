/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Shared by the command-line entry points. */
#ifndef KH_CLI_CLI_H
#define KH_CLI_CLI_H

#include <stdbool.h>

#include "app/app.h"

/* Exit codes. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* Finds "--name VALUE" in argv; NULL when absent. */
const char *cli_opt(int argc, char **argv, const char *name);
/* True when the flag "--name" is present. */
bool cli_flag(int argc, char **argv, const char *name);
/* The first argument that is neither an option nor an option's value,
 * after skipping `skip` leading words; NULL when none. Options listed in
 * with_value take a value. */
const char *cli_positional(int argc, char **argv, int skip, const char *const *with_value);

/* Opens the database at --db (required), checks its schema version, and fills
 * ctx with a system actor and the clock. Prints the error and returns
 * non-zero on failure. Release with cli_close(). */
int cli_open(int argc, char **argv, struct app_ctx *ctx, struct actor *actor, struct arena *arena);
void cli_close(struct app_ctx *ctx);
/* Prints a kh_error to stderr as "kehoach: message" and returns CLI_FAIL. */
int cli_error(const struct kh_error *err);
/* Reads a whole file (max limit bytes); NULL with a message on failure.
 * Caller frees. */
char *cli_read_file(const char *path, size_t limit, size_t *len);
/* cli_read_file, then checked as UTF-8 and normalized to NFC (the text a
 * user's CSV or plan file must be); NULL with a Vietnamese message
 * otherwise. Caller frees. */
char *cli_read_text(const char *path, size_t limit, size_t *len);

#endif
