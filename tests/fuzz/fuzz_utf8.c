/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Fuzz target for the text boundary (text/utf8.h). Each input is checked
 * against independent references: utf8_valid() against the textbook decoder
 * of fuzz.h; text_normalize() must accept exactly the valid input without
 * stray C0 controls, and its output must be valid UTF-8 without CR, the
 * NFC that utf8proc_map() computes from the same text, and a fixed point
 * (normalizing it again changes nothing); text_has_controls() against a
 * code-point check; text_trim_dup() against a split-and-join of the words;
 * utf8_char_count() against the reference count.
 */
#include "core/common.h"
#include "text/utf8.h"

#include <utf8proc.h>

#include "fuzz.h"

/* The C0 controls text_normalize() refuses: all but tab, LF and CR. */
static bool has_bad_c0(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
			return true;
	return false;
}

/* The reference of text_has_controls() for valid UTF-8. */
static bool ref_has_controls(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = ref_decode(p + i, n - i, &cp);
		if (!len)
			fuzz_fail("ref_has_controls on invalid text");
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
		    cp == 0x2029)
			return true;
		i += len;
	}
	return false;
}

/* CRLF and lone CR to LF, then NFC by utf8proc's own one-call path. */
static char *ref_normalize(const uint8_t *p, size_t n, size_t *len)
{
	char *lf = xmalloc(n + 1);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] != '\r')
			lf[m++] = (char)p[i];
		else if (i + 1 == n || p[i + 1] != '\n')
			lf[m++] = '\n';
	}
	lf[m] = '\0';
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)lf, (utf8proc_ssize_t)m, &nfc,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	free(lf);
	if (k < 0)
		fuzz_fail("utf8proc_map refused valid text: %s", utf8proc_errmsg(k));
	*len = (size_t)k;
	return (char *)nfc;
}

static size_t ws_len(const char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\v' || *p == '\f' || *p == '\r')
		return 1;
	return (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0 ? 2 : 0;
}

/* The words of s (maximal runs without white space) joined by one space. */
static char *ref_trim(const char *s)
{
	char *out = xmalloc(strlen(s) + 1);
	size_t n = 0;
	while (*s) {
		while (*s && ws_len(s))
			s += ws_len(s);
		if (!*s)
			break;
		if (n)
			out[n++] = ' ';
		while (*s && !ws_len(s))
			out[n++] = *s++;
	}
	out[n] = '\0';
	return out;
}

static void check_normalize(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	bool valid = ref_valid(data, size);
	char *out = (char *)1;
	size_t out_len = SIZE_MAX;

	if (utf8_valid(s, size) != valid) {
		fuzz_dump("input", data, size);
		fuzz_fail("utf8_valid() says %d, the reference decoder %d", !valid, valid);
	}
	int rc = text_normalize(s, size, &out, &out_len);
	if (!valid || has_bad_c0(data, size)) {
		fuzz_check(rc == KH_EINVAL, "text_normalize() accepted invalid text");
		fuzz_check(out == NULL, "text_normalize() failed but left *out set");
		return;
	}
	if (rc != 0) {
		fuzz_dump("input", data, size);
		fuzz_fail("text_normalize() refused valid text (%d)", rc);
	}
	fuzz_check(out_len == strlen(out), "text_normalize(): *out_len is not strlen(*out)");
	fuzz_check(utf8_valid(out, out_len) && ref_valid(out, out_len),
		   "text_normalize() output is not valid UTF-8");
	fuzz_check(!memchr(out, '\r', out_len), "text_normalize() output holds a CR");
	fuzz_check(!has_bad_c0((const uint8_t *)out, out_len),
		   "text_normalize() output holds a control character");
	fuzz_check(utf8_char_count(out) == ref_count(out, out_len),
		   "utf8_char_count() disagrees with the reference");

	size_t ref_len;
	char *ref = ref_normalize(data, size, &ref_len);
	if (ref_len != out_len || memcmp(ref, out, out_len) != 0) {
		fuzz_dump("input", data, size);
		fuzz_dump("text_normalize", out, out_len);
		fuzz_dump("utf8proc_map NFC", ref, ref_len);
		fuzz_fail("text_normalize() differs from utf8proc's NFC");
	}
	free(ref);

	char *again = NULL;
	size_t again_len;
	if (text_normalize(out, out_len, &again, &again_len) != 0 || again_len != out_len ||
	    memcmp(again, out, out_len) != 0) {
		fuzz_dump("once", out, out_len);
		if (again)
			fuzz_dump("twice", again, again_len);
		fuzz_fail("text_normalize() is not idempotent");
	}
	free(again);

	/* out_len may be NULL. */
	char *other = NULL;
	fuzz_check(text_normalize(s, size, &other, NULL) == 0 && strcmp(other, out) == 0,
		   "text_normalize() with out_len NULL differs");
	free(other);
	free(out);
}

static void check_string(const char *z)
{
	size_t n = strlen(z);
	bool valid = ref_valid(z, n);

	if (valid) {
		if (text_has_controls(z) != ref_has_controls(z)) {
			fuzz_dump("input", z, n);
			fuzz_fail("text_has_controls() says %d, the reference %d",
				  text_has_controls(z), ref_has_controls(z));
		}
		fuzz_check(utf8_char_count(z) == ref_count(z, n),
			   "utf8_char_count() disagrees with the reference");
	} else {
		(void)text_has_controls(z); /* must not read past the NUL */
		(void)utf8_char_count(z);
	}

	char *t = text_trim_dup(z);
	char *ref = ref_trim(z);
	size_t tn = strlen(t);
	if (strcmp(t, ref) != 0) {
		fuzz_dump("input", z, n);
		fuzz_dump("text_trim_dup", t, tn);
		fuzz_dump("reference", ref, strlen(ref));
		fuzz_fail("text_trim_dup() differs from the split-and-join reference");
	}
	fuzz_check(tn <= n, "text_trim_dup() grew the text");
	fuzz_check(tn == 0 || (t[0] != ' ' && t[tn - 1] != ' '),
		   "text_trim_dup() left a space at an end");
	fuzz_check(!strstr(t, "  ") && !strpbrk(t, "\t\n\v\f\r") && !strstr(t, "\xC2\xA0"),
		   "text_trim_dup() left white space other than single spaces");
	fuzz_check(!valid || ref_valid(t, tn), "text_trim_dup() broke valid UTF-8");
	char *t2 = text_trim_dup(t);
	fuzz_check(strcmp(t, t2) == 0, "text_trim_dup() is not idempotent");
	free(t2);
	free(ref);
	free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_normalize(data, size);
	/* The NUL-terminated functions see the text up to its first NUL. */
	char *z = xmemdup0(data, size);
	check_string(z);
	free(z);
	return 0;
}
