/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * UTF-8 validation and the normalization every input passes (see utf8.h).
 * Validation is our own byte-level decoder, written from the table of
 * well-formed sequences in the Unicode standard (chapter 3, table 3-7), so
 * that what we accept does not depend on a library's leniency. NFC comes from
 * utf8proc: decompose into code points, compose, re-encode — the steps
 * utf8proc_map() takes, done here into our own allocation so that running
 * out of memory aborts like everywhere else instead of returning an error.
 */
#include "core/common.h"
#include "text/utf8.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Decodes one code point from the n > 0 bytes at p: returns its length in
 * bytes (1..4) and sets *cp, or 0 when p does not start a well-formed
 * sequence. NUL decodes as U+0000 like any other ASCII byte. */
static size_t decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
	uint32_t v;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0; /* overlong below U+0800 */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates U+D800..U+DFFF */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90; /* overlong below U+10000 */
		else if (c == 0xF4)
			hi = 0x8F; /* past U+10FFFF */
	} else {
		return 0; /* continuation byte, C0/C1 (overlong ASCII), F5..FF */
	}
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	v = (v << 6) | (p[1] & 0x3F);
	for (size_t i = 2; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3F);
	}
	*cp = v;
	return len;
}

bool utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		if (p[i] >= 0x80) {
			uint32_t cp;
			size_t len = decode(p + i, n - i, &cp);
			if (!len)
				return false;
			i += len;
		} else if (p[i] == 0) {
			return false;
		} else {
			i++;
		}
	}
	return true;
}

/* Composes the count decomposed code points in buf (which has room for
 * count + 1 of them) and re-encodes them as UTF-8 in place; returns the
 * string, shrunk to fit, and its length. */
static char *compose_encode(utf8proc_int32_t *buf, size_t count, size_t *out_len)
{
	utf8proc_ssize_t n = utf8proc_normalize_utf32(buf, (utf8proc_ssize_t)count,
						      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (n < 0)
		abort(); /* only for code points past U+10FFFF, which decode() refuses */
	n = utf8proc_reencode(buf, n, UTF8PROC_STABLE);
	if (n < 0)
		abort();
	*out_len = (size_t)n;
	return xrealloc(buf, (size_t)n + 1);
}

int text_normalize(const char *s, size_t n, char **out, size_t *out_len)
{
	*out = NULL;
	if (!utf8_valid(s, n))
		return KH_EINVAL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return KH_EINVAL;
	}

	/* Line breaks first: CR is a starter, so this cannot change what
	 * composes with what. */
	char *lf = xmalloc(xadd(n, 1));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\r')
			lf[m++] = s[i];
		else if (i + 1 == n || s[i + 1] != '\n')
			lf[m++] = '\n';
	}
	lf[m] = '\0';

	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)lf;
	utf8proc_ssize_t count =
		m ? utf8proc_decompose(u, (utf8proc_ssize_t)m, NULL, 0, UTF8PROC_DECOMPOSE) : 0;
	if (count < 0)
		abort(); /* validated above: utf8proc accepts what decode() accepts */
	utf8proc_int32_t *buf = xmalloc(xmul(xadd((size_t)count, 1), sizeof(*buf)));
	if (count &&
	    utf8proc_decompose(u, (utf8proc_ssize_t)m, buf, count, UTF8PROC_DECOMPOSE) != count)
		abort();
	free(lf);

	size_t len;
	*out = compose_encode(buf, (size_t)count, &len);
	if (out_len)
		*out_len = len;
	return 0;
}

bool text_has_controls(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			return true;
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return true; /* C1 */
		if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
			return true; /* U+2028, U+2029 */
	}
	return false;
}

/* The length of the white space starting at p: 1 for ASCII white space, 2
 * for U+00A0, else 0. */
static size_t space_len(const char *p)
{
	switch (p[0]) {
	case ' ':
	case '\t':
	case '\n':
	case '\v':
	case '\f':
	case '\r':
		return 1;
	case '\xC2':
		return p[1] == '\xA0' ? 2 : 0;
	default:
		return 0;
	}
}

char *text_trim_dup(const char *s)
{
	char *out = xmalloc(xadd(strlen(s), 1));
	size_t n = 0;
	bool pending = false;
	while (*s) {
		size_t w = space_len(s);
		if (w) {
			pending = n > 0;
			s += w;
			continue;
		}
		if (pending)
			out[n++] = ' ';
		pending = false;
		out[n++] = *s++;
	}
	out[n] = '\0';
	return out;
}

size_t utf8_char_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}
