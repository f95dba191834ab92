/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Fuzz target for the CSV reader (text/csv.h). Any input must parse or fail
 * cleanly (KH_EINVAL or KH_ETOOBIG with a message, nothing to free). What
 * parses must hold no blank record and have increasing line numbers; the
 * record limit must cut exactly at the record count. The project has no
 * CSV writer, so this file has one (RFC 4180: quote a field holding the
 * separator, a quote, CR or LF; double the quotes), with the choices the
 * input's own bytes make — CRLF or LF, a final line break or not, quoting
 * every field or only where needed, a BOM or not — and the records must
 * come back from csv_parse() unchanged, with the separator kept and each
 * record's line number counted from the written text.
 */
#include "core/common.h"
#include "core/buf.h"
#include "text/csv.h"

#include "fuzz.h"

struct writer_opts {
	char separator;
	bool crlf;
	bool final_break;
	bool quote_all;
	bool bom;
};

static bool needs_quotes(const char *f, char sep, bool first)
{
	if (first && (unsigned char)f[0] == 0xEF)
		return true; /* could be read as a byte-order mark */
	for (; *f; f++)
		if (*f == sep || *f == ',' || *f == ';' || *f == '"' || *f == '\r' || *f == '\n')
			return true;
	return false;
}

/* The number of line breaks in the n bytes at p, as the reader counts them
 * (CRLF is one). */
static int count_breaks(const char *p, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		if (p[i] == '\n' || (p[i] == '\r' && (i + 1 == n || p[i + 1] != '\n')))
			k++;
	return k;
}

/* Writes c as CSV into b; lines[i] gets the line where record i starts. */
static void write_csv(struct buf *b, const struct csv *c, const struct writer_opts *o, int *lines)
{
	if (o->bom)
		buf_add(b, "\xEF\xBB\xBF", 3);
	for (int i = 0; i < c->n_records; i++) {
		const struct csv_record *r = &c->records[i];
		lines[i] = 1 + count_breaks(b->data ? b->data : "", b->len);
		for (int j = 0; j < r->n_fields; j++) {
			const char *f = r->fields[j];
			if (j)
				buf_putc(b, o->separator);
			if (!o->quote_all && !needs_quotes(f, o->separator, i == 0 && j == 0)) {
				buf_puts(b, f);
				continue;
			}
			buf_putc(b, '"');
			for (; *f; f++) {
				if (*f == '"')
					buf_putc(b, '"');
				buf_putc(b, *f);
			}
			buf_putc(b, '"');
		}
		if (i + 1 < c->n_records || o->final_break)
			buf_puts(b, o->crlf ? "\r\n" : "\n");
	}
}

static void dump_csv(const char *label, const struct csv *c)
{
	fprintf(stderr, "  %s: separator '%c', %d records\n", label, c->separator, c->n_records);
	for (int i = 0; i < c->n_records && i < 20; i++) {
		fprintf(stderr, "   record %d, line %d:\n", i, c->records[i].line);
		for (int j = 0; j < c->records[i].n_fields && j < 20; j++)
			fuzz_dump("field", c->records[i].fields[j],
				  strlen(c->records[i].fields[j]));
	}
}

static void check_invariants(const struct csv *c, const uint8_t *data, size_t size)
{
	int prev = 0;
	fuzz_check(c->separator == ',' || c->separator == ';', "separator is neither ',' nor ';'");
	fuzz_check(c->n_records >= 0 && (c->n_records == 0 || c->records), "records missing");
	for (int i = 0; i < c->n_records; i++) {
		const struct csv_record *r = &c->records[i];
		fuzz_check(r->n_fields >= 1 && r->fields, "a record without fields");
		if (r->n_fields == 1 && r->fields[0][0] == '\0')
			fuzz_fail("record %d is blank but was kept", i);
		if (r->line <= prev) {
			dump_csv("parsed", c);
			fuzz_fail("record %d starts on line %d, after line %d", i, r->line, prev);
		}
		prev = r->line;
		for (int j = 0; j < r->n_fields; j++)
			fuzz_check(strlen(r->fields[j]) <= size, "a field longer than the input");
	}
	(void)data;
}

static void check_roundtrip(const struct csv *c, const uint8_t *data, size_t size)
{
	unsigned h = 0;
	for (size_t i = 0; i < size; i++)
		h = h * 31 + data[i];
	/* ';' only survives when the header shows it: two fields or more. */
	bool semi = c->separator == ';' && c->n_records && c->records[0].n_fields >= 2;
	struct writer_opts o = {
		.separator = semi ? ';' : ',',
		.crlf = h & 1,
		.final_break = h & 2,
		.quote_all = h & 4,
		.bom = h & 8,
	};
	struct buf b;
	int *lines = xmalloc(xmul((size_t)c->n_records + 1, sizeof(int)));
	buf_init(&b, SIZE_MAX);
	write_csv(&b, c, &o, lines);

	struct csv back;
	struct kh_error err = {0};
	if (csv_parse(b.data ? b.data : "", b.len, 0, &back, &err) != 0) {
		dump_csv("first parse", c);
		fuzz_dump("written", b.data, b.len);
		fuzz_fail("written CSV does not parse: %s", err.message);
	}
	bool same =
		back.n_records == c->n_records && (!c->n_records || back.separator == o.separator);
	for (int i = 0; same && i < c->n_records; i++) {
		const struct csv_record *x = &c->records[i], *y = &back.records[i];
		same = x->n_fields == y->n_fields && y->line == lines[i];
		for (int j = 0; same && j < x->n_fields; j++)
			same = strcmp(x->fields[j], y->fields[j]) == 0;
	}
	if (!same) {
		dump_csv("first parse", c);
		fuzz_dump("written", b.data, b.len);
		dump_csv("parsed back", &back);
		for (int i = 0; i < c->n_records; i++)
			fprintf(stderr, "  expected line of record %d: %d\n", i, lines[i]);
		fuzz_fail("CSV does not round-trip through the writer");
	}
	csv_release(&back);
	buf_release(&b);
	free(lines);
}

static void check_limit(const uint8_t *data, size_t size, int n_records)
{
	struct csv c;
	struct kh_error err = {0};
	const char *s = (const char *)data;
	if (n_records < 1)
		return;
	if (csv_parse(s, size, n_records, &c, &err) != 0)
		fuzz_fail("csv_parse() with max_records = the record count failed: %s",
			  err.message);
	fuzz_check(c.n_records == n_records, "the record limit changed the records");
	csv_release(&c);
	if (n_records > 1) {
		kh_error_clear(&err);
		int rc = csv_parse(s, size, n_records - 1, &c, &err);
		fuzz_check(rc == KH_ETOOBIG, "csv_parse() ignored max_records");
		fuzz_check(err.code == KH_ETOOBIG && err.message[0],
			   "KH_ETOOBIG without a message");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv c;
	struct kh_error err = {0};
	int rc = csv_parse((const char *)data, size, 0, &c, &err);
	if (rc) {
		if (rc != KH_EINVAL && rc != KH_ETOOBIG)
			fuzz_fail("csv_parse() returned %d", rc);
		fuzz_check(err.code == rc && err.message[0],
			   "csv_parse() failed without a message");
		fuzz_check(ref_valid(err.message, strlen(err.message)),
			   "csv_parse() error message is not valid UTF-8");
		return 0;
	}
	check_invariants(&c, data, size);
	check_roundtrip(&c, data, size);
	check_limit(data, size, c.n_records);
	csv_release(&c);
	fuzz_check(c.n_records == 0 && c.records == NULL, "csv_release() left records behind");
	return 0;
}
