/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Fuzz target for the plan-document importer (text/importer.h). The input
 * goes to import_parse() with plan year 0 and 2020; when it starts like a
 * ZIP package it goes to docx_to_text() first and the text it gives, if
 * any, to the importer. Whatever the input, nothing crashes or leaks; the
 * importer refuses only invalid UTF-8 (or NUL); every item's path, text,
 * lead, coordinators and deadline phrase are valid UTF-8, paths non-empty
 * and unique, lines within the input's lines, deadlines well-formed for
 * their kind; sections likewise; and import_name_key() of each lead gives
 * valid UTF-8 that is its own key's key. The input is cut at 16 KB to keep
 * each run cheap.
 */
#include "core/common.h"
#include "text/docx.h"
#include "text/importer.h"

#include "fuzz.h"

static void check_str(const char *what, const char *s, bool may_be_null)
{
	if (!s) {
		if (!may_be_null)
			fuzz_fail("%s is NULL", what);
		return;
	}
	if (!ref_valid(s, strlen(s))) {
		fuzz_dump(what, s, strlen(s));
		fuzz_fail("%s is not valid UTF-8", what);
	}
}

static int count_lines(const uint8_t *d, size_t n)
{
	int lines = 1;
	for (size_t i = 0; i < n; i++)
		if (d[i] == '\n' || (d[i] == '\r' && (i + 1 >= n || d[i + 1] != '\n')))
			lines++;
	return lines;
}

static void check_doc(const char *text, size_t n, int year)
{
	struct import_doc d;
	struct kh_error err;
	int rc = import_parse(text, n, year, &d, &err);
	if (rc) {
		if (rc != KH_EINVAL || (ref_valid(text, n) && memchr(text, 0, n) == NULL))
			fuzz_fail("import_parse refused valid text: %d %s", rc, err.message);
		import_doc_release(&d);
		return;
	}
	int lines = count_lines((const uint8_t *)text, n);
	check_str("title", d.title, true);
	check_str("number", d.number, true);
	check_str("issuer", d.issuer, true);
	check_str("place_date", d.place_date, true);
	check_str("addressees", d.addressees, true);
	for (int i = 0; i < d.n_sections; i++) {
		check_str("section path", d.sections[i].path, false);
		check_str("section text", d.sections[i].text, false);
		check_str("section lead", d.sections[i].lead, true);
		if (d.sections[i].line < 1 || d.sections[i].line > lines)
			fuzz_fail("section line %d outside 1..%d", d.sections[i].line, lines);
	}
	for (int i = 0; i < d.n_items; i++) {
		const struct import_item *it = &d.items[i];
		check_str("path", it->path, false);
		check_str("text", it->text, false);
		check_str("section", it->section, true);
		check_str("lead", it->lead, true);
		check_str("deadline_text", it->deadline_text, true);
		if (!it->path[0])
			fuzz_fail("empty path");
		if (it->line < 1 || it->line > lines)
			fuzz_fail("item line %d outside 1..%d", it->line, lines);
		for (int j = 0; j < it->n_coordinators; j++)
			check_str("coordinator", it->coordinators[j], false);
		if (it->deadline.kind < DEADLINE_NONE || it->deadline.kind > DEADLINE_CONDITIONAL)
			fuzz_fail("deadline kind %d", (int)it->deadline.kind);
		if (it->deadline.kind == DEADLINE_NONE && (it->deadline.start || it->deadline.end))
			fuzz_fail("deadline none with days");
		if (it->deadline.start && it->deadline.end && it->deadline.start > it->deadline.end)
			fuzz_fail("deadline runs backwards");
		if (it->lead) {
			char *k = import_name_key(it->lead);
			check_str("name key", k, false);
			free(k);
		}
		/* paths are unique (small inputs: quadratic is fine) */
		for (int j = 0; j < i && j < 400; j++)
			if (strcmp(d.items[j].path, it->path) == 0) {
				fuzz_dump("path", it->path, strlen(it->path));
				fuzz_fail("two items share a path");
			}
	}
	import_doc_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 16384)
		size = 16384;
	if (docx_sniff(data, size)) {
		char *out = NULL;
		size_t out_len = 0;
		struct kh_error err;
		if (docx_to_text(data, size, &out, &out_len, &err) == 0) {
			if (!ref_valid(out, out_len))
				fuzz_fail("docx_to_text gave invalid UTF-8");
			check_doc(out, out_len, 0);
			free(out);
		} else if (out) {
			fuzz_fail("docx_to_text failed but set out");
		}
		return 0;
	}
	check_doc((const char *)data, size, 0);
	check_doc((const char *)data, size, 2020);
	return 0;
}
