/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * A CSV reader (RFC 4180, and what Excel writes in Vietnam): fields may be
 * quoted with '"' and a quote inside a quoted field is doubled; records end
 * with CRLF, LF or CR, and a quoted field may span lines; a UTF-8 byte-order
 * mark is skipped; the separator is ',' unless the first record (the header)
 * holds more ';' than ',' outside quotes — Excel's choice under a Vietnamese
 * locale. Blank lines are skipped. Fields are returned as written, untrimmed.
 *
 *   struct csv c;
 *   if (csv_parse(text, len, &c, &err) == 0) {
 *           for (int i = 0; i < c.n_records; i++) ... c.records[i].fields[j] ...
 *           csv_release(&c);
 *   }
 */
#ifndef KH_TEXT_CSV_H
#define KH_TEXT_CSV_H

#include <stddef.h>

#include "core/err.h"

struct csv_record {
	int line; /* 1-based line of the file where the record starts */
	int n_fields;
	char **fields; /* NUL-terminated; owned by the struct csv */
};

struct csv {
	char separator; /* ',' or ';' */
	int n_records;
	struct csv_record *records;
};

/* Parses len bytes of text into *out (records including the header). On
 * success the caller owns *out and must csv_release() it; on failure
 * (KH_EINVAL: an unterminated quote, or text after a closing quote — the
 * message names the line) nothing is left to free. At most max_records
 * records are read (0 = no limit); more is KH_ETOOBIG. */
int csv_parse(const char *text, size_t len, int max_records, struct csv *out,
	      struct kh_error *err) KH_MUST_CHECK;

/* Frees what csv_parse() allocated; the struct is left empty. */
void csv_release(struct csv *c);

#endif
