/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Helpers shared by the libFuzzer targets: a report-and-abort for a broken
 * invariant (libFuzzer then saves the input as a crash artifact), a printer
 * that shows the strings involved with their odd bytes escaped, and a
 * reference UTF-8 decoder written the plain way — decode, then refuse
 * overlong forms, surrogates and code points past U+10FFFF — so that the
 * table-driven decoders in src/text/ are checked against a second opinion.
 * Everything is static inline: each target includes this once.
 */
#ifndef KH_FUZZ_FUZZ_H
#define KH_FUZZ_FUZZ_H

/* The entry point libFuzzer calls with each input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints n bytes of s to stderr between quotes, escaping what is not
 * printable ASCII. */
static inline void fuzz_dump(const char *label, const void *s, size_t n)
{
	const unsigned char *p = s;
	fprintf(stderr, "  %s (%zu bytes): \"", label, n);
	for (size_t i = 0; i < n; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7F && p[i] != '"' && p[i] != '\\')
			fputc(p[i], stderr);
		else
			fprintf(stderr, "\\x%02X", p[i]);
	}
	fputs("\"\n", stderr);
}

/* Reports a broken invariant and aborts, which libFuzzer treats as a
 * crash and saves the input for. */
static inline void fuzz_fail(const char *fmt, ...) KH_PRINTF(1, 2);
static inline void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("\nFUZZ INVARIANT BROKEN: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

static inline void fuzz_check(bool ok, const char *what)
{
	if (!ok)
		fuzz_fail("%s", what);
}

static inline int fuzz_sign(int c)
{
	return (c > 0) - (c < 0);
}

/* Decodes one code point from the n > 0 bytes at p the textbook way;
 * returns its length, or 0 when p does not start a well-formed sequence
 * (NUL counts as well-formed here). */
static inline size_t ref_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t v, min;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0) {
		len = 2;
		v = p[0] & 0x1F;
		min = 0x80;
	} else if ((p[0] & 0xF0) == 0xE0) {
		len = 3;
		v = p[0] & 0x0F;
		min = 0x800;
	} else if ((p[0] & 0xF8) == 0xF0) {
		len = 4;
		v = p[0] & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* Well-formed UTF-8 without NUL, by the reference decoder. */
static inline bool ref_valid(const void *s, size_t n)
{
	const unsigned char *p = s;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = ref_decode(p + i, n - i, &cp);
		if (!len || cp == 0)
			return false;
		i += len;
	}
	return true;
}

/* The number of code points in n bytes of valid UTF-8. */
static inline size_t ref_count(const void *s, size_t n)
{
	const unsigned char *p = s;
	size_t count = 0;
	for (size_t i = 0; i < n; count++) {
		uint32_t cp;
		size_t len = ref_decode(p + i, n - i, &cp);
		i += len ? len : 1;
	}
	return count;
}

#endif
