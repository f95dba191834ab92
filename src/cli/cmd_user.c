/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The operator's account commands: `user add` creates an account (the first
 * administrator of a fresh database is made this way), `user email` sets or
 * removes the address its notifications are mailed to, and `token add` issues
 * an API token for scripts. The password is read from standard input, never
 * from the command line, where other users of the machine could see it.
 * `token list` shows an account's tokens (never their secrets) and `token
 * revoke` withdraws a leaked one. All act as the system actor, through app/
 * like every other entry point.
 */
#include "core/common.h"
#include "app/auth.h"
#include "cli/cli.h"
#include "cli/cmd_user.h"
#include "core/num.h"
#include "text/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *const USER_USAGE =
	"Cách dùng: kehoach user add --db FILE --username U --password-stdin [--admin]"
	" [--person-id N] [--email ĐỊA_CHỈ]\n"
	"           kehoach user email --db FILE --username U --email ĐỊA_CHỈ"
	"   (--email \"\" để bỏ)\n";
static const char *const TOKEN_USAGE =
	"Cách dùng: kehoach token add --db FILE --username U [--label NHÃN]\n"
	"           kehoach token list --db FILE --username U\n"
	"           kehoach token revoke --db FILE --id N\n";

static const char *const WITH_VALUE[] = {"db", "username", "person-id", "label",
					 "id", "email",	   NULL};

/* Reads the first line of stdin as the password, NFC-normalized; NULL with a
 * message on failure. The caller wipes and frees it. */
static char *read_password(void)
{
	char *line = NULL, *norm = NULL;
	size_t cap = 0, n = 0;
	ssize_t got = getline(&line, &cap, stdin);
	if (got < 0) {
		fprintf(stderr, "kehoach: không đọc được mật khẩu từ đầu vào chuẩn\n");
		goto out;
	}
	n = (size_t)got;
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (!utf8_valid(line, n) || text_normalize(line, n, &norm, &n) != 0) {
		fprintf(stderr, "kehoach: mật khẩu không phải văn bản UTF-8 hợp lệ\n");
		goto out;
	}
out:
	if (line) {
		explicit_bzero(line, cap);
		free(line);
	}
	return norm;
}

/* The --email value checked as UTF-8 and put in NFC (*out NULL when the
 * option is absent); false with a message when it is not text. The caller
 * frees *out. */
static bool read_email_opt(int argc, char **argv, char **out)
{
	const char *email = cli_opt(argc, argv, "email");
	size_t n = 0;
	*out = NULL;
	if (!email)
		return true;
	if (!utf8_valid(email, strlen(email)) ||
	    text_normalize(email, strlen(email), out, &n) != 0) {
		fprintf(stderr, "kehoach: địa chỉ thư điện tử không phải văn bản UTF-8 hợp lệ\n");
		return false;
	}
	return true;
}

static int user_add(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct user u;
	int64_t person_id = 0;
	char *password = NULL, *email = NULL;
	int rc;

	const char *username = cli_opt(argc, argv, "username");
	const char *person = cli_opt(argc, argv, "person-id");
	if (!cli_opt(argc, argv, "db") || !username || !cli_flag(argc, argv, "password-stdin") ||
	    (cli_flag(argc, argv, "email") && !cli_opt(argc, argv, "email"))) {
		fputs(USER_USAGE, stderr);
		return CLI_USAGE;
	}
	if (person && num_parse_i64(person, 1, INT64_MAX, &person_id) != 0) {
		fprintf(stderr, "kehoach: --person-id phải là một mã số dương\n");
		return CLI_USAGE;
	}
	if (!read_email_opt(argc, argv, &email))
		return CLI_USAGE;
	password = read_password();
	if (!password) {
		free(email);
		return CLI_FAIL;
	}
	rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		goto out;
	if (app_user_create_with_email(&ctx, username, password, person_id,
				       cli_flag(argc, argv, "admin"), email, &u, &err) != 0) {
		rc = cli_error(&err);
	} else {
		printf("Đã tạo tài khoản %s (id %lld)", u.username, (long long)u.id);
		if (u.email[0])
			printf(", thư điện tử %s", u.email);
		printf("\n");
		rc = CLI_OK;
	}
	cli_close(&ctx);
out:
	explicit_bzero(password, strlen(password));
	free(password);
	free(email);
	return rc;
}

/* Sets (or, with --email "", removes) the address an account's
 * notifications are mailed to. */
static int user_email(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct user *users = NULL, u;
	char *email = NULL;
	int n = 0, rc;

	const char *username = cli_opt(argc, argv, "username");
	if (!cli_opt(argc, argv, "db") || !username || !cli_opt(argc, argv, "email")) {
		fputs(USER_USAGE, stderr);
		return CLI_USAGE;
	}
	if (!read_email_opt(argc, argv, &email))
		return CLI_USAGE;
	rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc) {
		free(email);
		return rc;
	}
	if (app_user_list(&ctx, &users, &n, &err) != 0) {
		rc = cli_error(&err);
		goto out;
	}
	const struct user *found = NULL;
	for (int i = 0; i < n && !found; i++)
		if (strcasecmp(users[i].username, username) == 0)
			found = &users[i];
	if (!found) {
		kh_fail(&err, KH_ENOTFOUND, "username", "Không tìm thấy tài khoản «%s»", username);
		rc = cli_error(&err);
		goto out;
	}
	if (app_user_set_email(&ctx, found->id, email, &u, &err) != 0) {
		rc = cli_error(&err);
		goto out;
	}
	if (u.email[0])
		printf("Thông báo của tài khoản %s sẽ được gửi thư về %s\n", u.username, u.email);
	else
		printf("Đã bỏ địa chỉ thư điện tử của tài khoản %s\n", u.username);
	rc = CLI_OK;
out:
	cli_close(&ctx);
	free(email);
	return rc;
}

int cmd_user(int argc, char **argv)
{
	const char *sub = cli_positional(argc, argv, 0, WITH_VALUE);
	if (sub && strcmp(sub, "add") == 0)
		return user_add(argc, argv);
	if (sub && strcmp(sub, "email") == 0)
		return user_email(argc, argv);
	fputs(USER_USAGE, stderr);
	return CLI_USAGE;
}

static int token_add(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	const char *token = NULL;
	int rc;

	const char *username = cli_opt(argc, argv, "username");
	const char *label = cli_opt(argc, argv, "label");
	if (!cli_opt(argc, argv, "db") || !username) {
		fputs(TOKEN_USAGE, stderr);
		return CLI_USAGE;
	}
	char *norm = NULL;
	size_t n = 0;
	if (label && (!utf8_valid(label, strlen(label)) ||
		      text_normalize(label, strlen(label), &norm, &n) != 0)) {
		fprintf(stderr, "kehoach: nhãn không phải văn bản UTF-8 hợp lệ\n");
		return CLI_USAGE;
	}
	rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		goto out;
	if (app_token_create(&ctx, username, norm, &token, &err) != 0) {
		rc = cli_error(&err);
	} else {
		printf("%s\n", token);
		rc = CLI_OK;
	}
	cli_close(&ctx);
out:
	free(norm);
	return rc;
}

/* Prints one line per token of the account: id, label, creation time
 * (ISO 8601, UTC) and status, separated by tabs. */
static int token_list(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	struct user *users = NULL;
	struct api_token *tokens = NULL;
	int n_users = 0, n = 0, rc;

	const char *username = cli_opt(argc, argv, "username");
	if (!cli_opt(argc, argv, "db") || !username) {
		fputs(TOKEN_USAGE, stderr);
		return CLI_USAGE;
	}
	rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_user_list(&ctx, &users, &n_users, &err) != 0) {
		rc = cli_error(&err);
		goto out;
	}
	const struct user *u = NULL;
	for (int i = 0; i < n_users && !u; i++)
		if (strcasecmp(users[i].username, username) == 0)
			u = &users[i];
	if (!u) {
		kh_fail(&err, KH_ENOTFOUND, "username", "Không tìm thấy tài khoản «%s»", username);
		rc = cli_error(&err);
		goto out;
	}
	if (app_token_list(&ctx, u->id, &tokens, &n, &err) != 0) {
		rc = cli_error(&err);
		goto out;
	}
	for (int i = 0; i < n; i++) {
		char when[32] = "";
		struct tm tm;
		time_t t = (time_t)tokens[i].created_at;
		if (gmtime_r(&t, &tm))
			strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		printf("%lld\t%s\t%s\t%s\n", (long long)tokens[i].id, tokens[i].label, when,
		       tokens[i].revoked ? "đã thu hồi" : "đang dùng");
	}
	rc = CLI_OK;
out:
	cli_close(&ctx);
	return rc;
}

static int token_revoke(int argc, char **argv)
{
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct kh_error err;
	int64_t id = 0;
	int rc;

	const char *id_text = cli_opt(argc, argv, "id");
	if (!cli_opt(argc, argv, "db") || !id_text) {
		fputs(TOKEN_USAGE, stderr);
		return CLI_USAGE;
	}
	if (num_parse_i64(id_text, 1, INT64_MAX, &id) != 0) {
		fprintf(stderr, "kehoach: --id phải là một mã số dương\n");
		return CLI_USAGE;
	}
	rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc)
		return rc;
	if (app_token_revoke(&ctx, id, &err) != 0) {
		rc = cli_error(&err);
	} else {
		printf("Đã thu hồi mã truy cập %lld\n", (long long)id);
		rc = CLI_OK;
	}
	cli_close(&ctx);
	return rc;
}

int cmd_token(int argc, char **argv)
{
	const char *sub = cli_positional(argc, argv, 0, WITH_VALUE);
	if (sub && strcmp(sub, "add") == 0)
		return token_add(argc, argv);
	if (sub && strcmp(sub, "list") == 0)
		return token_list(argc, argv);
	if (sub && strcmp(sub, "revoke") == 0)
		return token_revoke(argc, argv);
	fputs(TOKEN_USAGE, stderr);
	return CLI_USAGE;
}
