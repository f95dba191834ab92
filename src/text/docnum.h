/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Document numbers and symbols ("số và ký hiệu văn bản"). The Party writes
 * "Số 12-NQ/TU" — number, hyphen, kind, slash, issuer — and numbers each kind
 * from 01 within a committee term; state bodies write "Số: 12/NQ-HĐND" —
 * number, slash, kind, hyphen, issuer — and legal normative documents add the
 * year: "Số: 15/2020/NĐ-CP". People type every variant: with or without
 * "Số"/"Số:", spaces around the separators, en dashes, lower case.
 *
 * docnum_parse() reads them all leniently into a struct docnum;
 * docnum_format() renders the one canonical spelling ("203-CV/BTCĐUK",
 * "12/NQ-HĐND", "15/2020/NĐ-CP"), which is what the register stores and
 * compares. Pure functions: no I/O, no allocation.
 */
#ifndef KH_TEXT_DOCNUM_H
#define KH_TEXT_DOCNUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum docnum_style {
	DOCNUM_PARTY = 0, /* "12-NQ/TU" */
	DOCNUM_STATE = 1, /* "12/NQ-HĐND", "15/2020/NĐ-CP" */
};

#define DOCNUM_KIND_MAX 24   /* bytes, with the NUL */
#define DOCNUM_ISSUER_MAX 96 /* bytes, with the NUL */
#define DOCNUM_NUMBER_MAX 9999999
/* Room for any canonical rendering, with the NUL. */
#define DOCNUM_TEXT_MAX (16 + DOCNUM_KIND_MAX + DOCNUM_ISSUER_MAX)

struct docnum {
	int64_t number;		    /* 1..DOCNUM_NUMBER_MAX; leading zeros are not kept */
	int year;		    /* state style "15/2020/NĐ-CP"; 0 = none */
	char kind[DOCNUM_KIND_MAX]; /* canonical: "NQ", "QĐi", "CTr", "CV"… */
	char issuer_symbol[DOCNUM_ISSUER_MAX]; /* "BTCĐUK", "TU", "HĐND", "CP"… */
	enum docnum_style style;
};

/* Parses s (UTF-8) leniently. Returns 0 and fills *out, or KH_EINVAL with a
 * Vietnamese message in err (field "number") saying what was expected. */
int docnum_parse(const char *s, struct docnum *out, struct kh_error *err) KH_MUST_CHECK;

/* Writes the canonical spelling of d into out (n bytes, NUL-terminated;
 * DOCNUM_TEXT_MAX always suffices). Returns its length. */
size_t docnum_format(const struct docnum *d, char *out, size_t n);

/* The canonical spelling of a document kind: known kinds match without
 * regard to case or to đ/d ("qdi" → "QĐi", "ctr" → "CTr"); an unknown kind
 * written all in lower case is upper-cased, otherwise kept. false when kind
 * is empty, too long, or holds anything but letters. */
bool docnum_kind_canonical(const char *kind, char out[DOCNUM_KIND_MAX]);

/* The Vietnamese name of a canonical kind ("NQ" → "Nghị quyết"), or NULL
 * when the kind is not one the register knows. */
const char *docnum_kind_label(const char *kind);

/* The i-th known kind in display order (canonical spelling), or NULL past
 * the last. */
const char *docnum_known_kind(int i);

#endif
