/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The CSV reader of csv.h: one pass over the bytes with a small state
 * machine (field start, unquoted, quoted, after a closing quote), fields
 * built in a bounded buffer and copied out. The separator is chosen from the
 * first record before parsing. Shared by every importer.
 */
#include "core/common.h"
#include "core/buf.h"
#include "text/csv.h"

#include <stdlib.h>
#include <string.h>

#define CSV_FIELD_LIMIT (1u << 20)

/* ';' when the first record holds more semicolons than commas outside
 * quotes, else ','. */
static char detect_separator(const char *p, const char *end)
{
	int commas = 0, semis = 0;
	bool quoted = false;
	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '\n' || *p == '\r'))
			break;
		else if (!quoted && *p == ',')
			commas++;
		else if (!quoted && *p == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

struct builder {
	struct csv *c;
	int cap_records;
	char **fields;
	int n_fields, cap_fields;
	struct buf field;
};

static void push_field(struct builder *b)
{
	if (b->n_fields == b->cap_fields) {
		b->cap_fields = b->cap_fields ? b->cap_fields * 2 : 8;
		b->fields = xrealloc(b->fields, xmul((size_t)b->cap_fields, sizeof(char *)));
	}
	b->fields[b->n_fields++] = buf_take(&b->field);
}

/* Ends the current record; a record of one empty field is a blank line
 * and is dropped. */
static void push_record(struct builder *b, int line)
{
	if (b->n_fields == 1 && b->fields[0][0] == '\0') {
		free(b->fields[0]);
		b->n_fields = 0;
		return;
	}
	struct csv *c = b->c;
	if (c->n_records == b->cap_records) {
		b->cap_records = b->cap_records ? b->cap_records * 2 : 16;
		c->records =
			xrealloc(c->records, xmul((size_t)b->cap_records, sizeof(*c->records)));
	}
	struct csv_record *r = &c->records[c->n_records++];
	r->line = line;
	r->n_fields = b->n_fields;
	r->fields = b->fields;
	b->fields = NULL;
	b->n_fields = b->cap_fields = 0;
}

static void builder_release(struct builder *b)
{
	for (int i = 0; i < b->n_fields; i++)
		free(b->fields[i]);
	free(b->fields);
	buf_release(&b->field);
}

int csv_parse(const char *text, size_t len, int max_records, struct csv *out, struct kh_error *err)
{
	enum { START, UNQUOTED, QUOTED, AFTER_QUOTE } state = START;
	struct csv c = {0};
	struct builder b = {.c = &c};
	const char *p = text, *end = text + len;
	int line = 1, record_line = 1, rc = 0;
	bool in_record = false;

	buf_init(&b.field, CSV_FIELD_LIMIT);
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	c.separator = detect_separator(p, end);

	while (p < end) {
		char ch = *p++;
		if (!in_record) {
			in_record = true;
			record_line = line;
		}
		switch (state) {
		case START:
		case UNQUOTED:
			if (ch == '"' && state == START) {
				state = QUOTED;
			} else if (ch == c.separator) {
				push_field(&b);
				state = START;
			} else if (ch == '\n' || ch == '\r') {
				if (ch == '\r' && p < end && *p == '\n')
					p++;
				push_field(&b);
				push_record(&b, record_line);
				line++;
				in_record = false;
				state = START;
			} else {
				buf_putc(&b.field, ch);
				state = UNQUOTED;
			}
			break;
		case QUOTED:
			if (ch == '"') {
				if (p < end && *p == '"') {
					buf_putc(&b.field, '"');
					p++;
				} else {
					state = AFTER_QUOTE;
				}
			} else {
				if (ch == '\n' || (ch == '\r' && !(p < end && *p == '\n')))
					line++;
				buf_putc(&b.field, ch);
			}
			break;
		case AFTER_QUOTE:
			if (ch == c.separator) {
				push_field(&b);
				state = START;
			} else if (ch == '\n' || ch == '\r') {
				if (ch == '\r' && p < end && *p == '\n')
					p++;
				push_field(&b);
				push_record(&b, record_line);
				line++;
				in_record = false;
				state = START;
			} else {
				rc = kh_fail(err, KH_EINVAL, NULL,
					     "Dòng %d: có ký tự sau dấu ngoặc kép đóng", line);
				goto out;
			}
			break;
		}
		if (buf_failed(&b.field)) {
			rc = kh_fail(err, KH_ETOOBIG, NULL, "Dòng %d: ô dữ liệu quá dài", line);
			goto out;
		}
		if (max_records > 0 && c.n_records > max_records) {
			rc = kh_fail(err, KH_ETOOBIG, NULL, "Tệp có quá %d dòng", max_records);
			goto out;
		}
	}
	if (state == QUOTED) {
		rc = kh_fail(err, KH_EINVAL, NULL,
			     "Dòng %d: dấu ngoặc kép mở nhưng không được đóng", record_line);
		goto out;
	}
	if (in_record) {
		push_field(&b);
		push_record(&b, record_line);
	}
	if (max_records > 0 && c.n_records > max_records) {
		rc = kh_fail(err, KH_ETOOBIG, NULL, "Tệp có quá %d dòng", max_records);
		goto out;
	}
out:
	builder_release(&b);
	if (rc) {
		csv_release(&c);
		return rc;
	}
	*out = c;
	return 0;
}

void csv_release(struct csv *c)
{
	for (int i = 0; i < c->n_records; i++) {
		for (int j = 0; j < c->records[i].n_fields; j++)
			free(c->records[i].fields[j]);
		free(c->records[i].fields);
	}
	free(c->records);
	c->records = NULL;
	c->n_records = 0;
}
