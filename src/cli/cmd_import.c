/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * `kehoach import --json FILE [--year N]`: reads a plan written as plain
 * text or DOCX (told apart by the ZIP signature, not the name) with the
 * importer of text/importer.h and prints what it found as JSON, without a
 * database: {"title", "items": [{"path", "text", "lead", "coordinators",
 * "deadline": {"as_written", "kind", "start", "end"}}]}. "title" is "" when
 * the document has none; "lead" and the deadline's "as_written", "start"
 * and "end" are null when absent (kind "none" when no deadline is stated).
 * `kehoach import --db FILE --org ORG_ID [--year N] [--term YEAR_TO] FILE`
 * saves it, as the system, as a draft plan of the org (app/import_plan.h:
 * the bodies named matched to the tree), prints the new plan's id on stdout
 * and the names that matched no org on stderr ("Chưa khớp được: …"; they
 * stay as written in the items). --year defaults to the current year.
 * Exit status: 0 ok, 1 unreadable or invalid file (or refused), 2 bad
 * usage.
 */
#include "core/common.h"
#include "app/import_plan.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/date.h"
#include "core/num.h"
#include "text/docx.h"
#include "text/importer.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const USAGE =
	"Cách dùng:\n"
	"  kehoach import --json FILE [--year N]\n"
	"  kehoach import --db FILE --org ORG_ID [--year N] [--term NĂM_CUỐI] FILE\n"
	"FILE là văn bản UTF-8 (.txt) hoặc tệp Word (.docx).\n";

static const char *const WITH_VALUE[] = {"db", "org", "year", "term", NULL};

/* The most bytes a plan file may have (a DOCX with pictures is large). */
#define IMPORT_FILE_LIMIT (64u * 1024 * 1024)

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *day_or_null(int32_t day)
{
	char iso[11];
	if (!day)
		return json_null();
	date_format_iso(day, iso);
	return json_string(iso);
}

static json_t *doc_json(const struct import_doc *d)
{
	json_t *root = json_object(), *items = json_array();
	json_object_set_new(root, "title", json_string(d->title ? d->title : ""));
	for (int i = 0; i < d->n_items; i++) {
		const struct import_item *it = &d->items[i];
		json_t *o = json_object(), *co = json_array(), *dl = json_object();
		json_object_set_new(o, "path", json_string(it->path));
		json_object_set_new(o, "text", json_string(it->text));
		json_object_set_new(o, "lead", str_or_null(it->lead));
		for (int j = 0; j < it->n_coordinators; j++)
			json_array_append_new(co, json_string(it->coordinators[j]));
		json_object_set_new(o, "coordinators", co);
		json_object_set_new(dl, "as_written", str_or_null(it->deadline_text));
		json_object_set_new(dl, "kind", json_string(deadline_kind_name(it->deadline.kind)));
		json_object_set_new(dl, "start", day_or_null(it->deadline.start));
		json_object_set_new(dl, "end", day_or_null(it->deadline.end));
		json_object_set_new(o, "deadline", dl);
		json_array_append_new(items, o);
	}
	json_object_set_new(root, "items", items);
	return root;
}

/* --db FILE --org ORG_ID: saves the plan as a draft of the org. */
static int import_to_db(int argc, char **argv)
{
	struct kh_error err;
	struct app_ctx ctx;
	struct actor actor;
	struct arena arena;
	struct import_preview pv;
	struct import_saved saved;
	int64_t org = 0, year = 0, year_to = 0;
	const char *path = cli_positional(argc, argv, 0, WITH_VALUE);
	const char *os = cli_opt(argc, argv, "org"), *ys = cli_opt(argc, argv, "year"),
		   *ts = cli_opt(argc, argv, "term");
	if (!path || cli_flag(argc, argv, "json") || !os || !cli_opt(argc, argv, "db") ||
	    num_parse_i64(os, 1, INT64_MAX, &org) != 0) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	if ((ys && num_parse_i64(ys, 1990, 2100, &year) != 0) ||
	    (ts && num_parse_i64(ts, 1990, 2100, &year_to) != 0)) {
		fprintf(stderr, "kehoach import: --year và --term là năm từ 1990 đến 2100\n");
		return CLI_USAGE;
	}
	size_t len = 0;
	char *data = cli_read_file(path, IMPORT_FILE_LIMIT, &len);
	if (!data)
		return CLI_FAIL;
	int rc = cli_open(argc, argv, &ctx, &actor, &arena);
	if (rc) {
		free(data);
		return rc;
	}
	if (!year) {
		int m, d, y;
		date_to_ymd(ctx.today, &y, &m, &d);
		year = y;
	}
	struct import_save in = {.org_id = org,
				 .scope = year_to ? "term" : "year",
				 .year = (int)year,
				 .year_to = (int)year_to};
	if (app_plan_import_preview(&ctx, data, len, org, (int)year, &pv, &err) ||
	    app_plan_import_save(&ctx, &in, &pv, &saved, &err)) {
		fprintf(stderr, "kehoach: %s: %s\n", path, err.message);
		rc = CLI_FAIL;
		goto out;
	}
	printf("%lld\n", (long long)saved.plan.id);
	fflush(stdout);
	if (saved.n_unmatched) {
		fputs("Chưa khớp được: ", stderr);
		for (int i = 0; i < saved.n_unmatched; i++)
			fprintf(stderr, "%s%s", i ? "; " : "", saved.unmatched[i]);
		fputc('\n', stderr);
	}
	fprintf(stderr, "Đã lưu dự thảo «%s» với %d nội dung (kế hoạch số %lld)\n",
		saved.plan.title, saved.n_items, (long long)saved.plan.id);
	rc = CLI_OK;
out:
	free(data);
	cli_close(&ctx);
	return rc;
}

int cmd_import(int argc, char **argv)
{
	struct kh_error err;
	struct import_doc doc = {0};
	int rc = CLI_FAIL;
	char *data = NULL, *text = NULL;
	size_t len = 0, text_len = 0;
	int64_t year = 0;
	kh_error_clear(&err);
	if (cli_opt(argc, argv, "db") || cli_opt(argc, argv, "org"))
		return import_to_db(argc, argv);
	const char *path = cli_positional(argc, argv, 0, WITH_VALUE);
	const char *json_path = cli_opt(argc, argv, "json");
	if (json_path)
		path = json_path;
	else if (!cli_flag(argc, argv, "json"))
		path = NULL;
	const char *ys = cli_opt(argc, argv, "year");
	if (ys && num_parse_i64(ys, 1900, 2200, &year) != 0) {
		fprintf(stderr, "kehoach import: --year phải là năm từ 1900 đến 2200\n");
		return CLI_USAGE;
	}
	if (!path) {
		fputs(USAGE, stderr);
		return CLI_USAGE;
	}
	data = cli_read_file(path, IMPORT_FILE_LIMIT, &len);
	if (!data)
		goto out;
	if (docx_sniff(data, len)) {
		if (docx_to_text(data, len, &text, &text_len, &err)) {
			fprintf(stderr, "kehoach: %s: %s\n", path, err.message);
			goto out;
		}
	} else {
		text = data;
		text_len = len;
		data = NULL;
	}
	if (import_parse(text, text_len, (int)year, &doc, &err)) {
		fprintf(stderr, "kehoach: %s: %s\n", path, err.message);
		goto out;
	}
	json_t *j = doc_json(&doc);
	if (json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
	    fputc('\n', stdout) != EOF && fflush(stdout) == 0)
		rc = CLI_OK;
	else
		fprintf(stderr, "kehoach: không ghi được kết quả\n");
	json_decref(j);
out:
	import_doc_release(&doc);
	free(text);
	free(data);
	return rc;
}
