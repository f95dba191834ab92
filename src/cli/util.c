/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Option parsing and database opening shared by the CLI commands. */
#include "core/common.h"
#include "app/runtime.h"
#include "cli/cli.h"
#include "text/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cli_opt(int argc, char **argv, const char *name)
{
	size_t n = strlen(name);
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) || strncmp(argv[i] + 2, name, n))
			continue;
		if (argv[i][2 + n] == '=')
			return argv[i] + 3 + n;
		if (argv[i][2 + n] == '\0' && i + 1 < argc)
			return argv[i + 1];
	}
	return NULL;
}

bool cli_flag(int argc, char **argv, const char *name)
{
	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], "--", 2) == 0 && strcmp(argv[i] + 2, name) == 0)
			return true;
	return false;
}

const char *cli_positional(int argc, char **argv, int skip, const char *const *with_value)
{
	int seen = 0;
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) == 0) {
			if (!strchr(argv[i], '=') && with_value)
				for (const char *const *w = with_value; *w; w++)
					if (strcmp(argv[i] + 2, *w) == 0) {
						i++;
						break;
					}
			continue;
		}
		if (seen++ >= skip)
			return argv[i];
	}
	return NULL;
}

int cli_error(const struct kh_error *err)
{
	fprintf(stderr, "kehoach: %s\n", err->message[0] ? err->message : "lỗi không xác định");
	return CLI_FAIL;
}

int cli_open(int argc, char **argv, struct app_ctx *ctx, struct actor *actor, struct arena *arena)
{
	struct kh_error err;
	const char *db = cli_opt(argc, argv, "db");
	memset(ctx, 0, sizeof(*ctx));
	if (!db) {
		fprintf(stderr, "kehoach: thiếu --db FILE\n");
		return CLI_USAGE;
	}
	app_actor_system(actor);
	if (app_ctx_open(db, ctx, arena, actor, &err))
		return cli_error(&err);
	return 0;
}

void cli_close(struct app_ctx *ctx)
{
	app_ctx_close(ctx);
}

char *cli_read_file(const char *path, size_t limit, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "kehoach: không mở được %s: %s\n", path, strerror(errno));
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *data = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > limit) {
				fprintf(stderr, "kehoach: tệp %s lớn quá giới hạn %zu byte\n", path,
					limit);
				free(data);
				if (f != stdin)
					fclose(f);
				return NULL;
			}
			cap = xmul(cap, 2);
			data = xrealloc(data, cap);
		}
		size_t got = fread(data + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	bool bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (bad) {
		fprintf(stderr, "kehoach: lỗi đọc %s\n", path);
		free(data);
		return NULL;
	}
	data[n] = '\0';
	*len = n;
	return data;
}

char *cli_read_text(const char *path, size_t limit, size_t *len)
{
	size_t n = 0, nlen = 0;
	char *norm = NULL, *data = cli_read_file(path, limit, &n);
	if (!data)
		return NULL;
	if (!utf8_valid(data, n) || text_normalize(data, n, &norm, &nlen) != 0) {
		fprintf(stderr,
			"kehoach: %s không phải văn bản UTF-8 hợp lệ (hãy lưu tệp dạng UTF-8)\n",
			path);
		free(data);
		return NULL;
	}
	free(data);
	*len = nlen;
	return norm;
}
