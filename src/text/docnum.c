/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Parsing and rendering of document numbers and symbols (see docnum.h). The
 * input is decoded to code points, the many dashes and spaces people type
 * are mapped to plain ones, the "Số"/"Số:" prefix is dropped, spaces next to
 * the separators are squeezed out, and what remains must read as
 * NUMBER-KIND/ISSUER (party) or NUMBER[/YEAR]/KIND-ISSUER (state). Anything
 * else — trailing words, missing parts, stray characters — is refused with a
 * message that shows the expected shapes.
 */
#include "core/common.h"
#include "text/docnum.h"

#include <stdio.h>
#include <string.h>

#define MAX_CPS 256

struct kind_info {
	const char *canonical;
	const char *label;
};

/* Kinds of party and state documents the register knows. Their folded forms
 * (upper case, Đ → D) must be distinct: "HĐ" (hợp đồng) is left out because
 * it would collide with "HD" (hướng dẫn). */
static const struct kind_info kinds[] = {
	{"NQ", "Nghị quyết"},
	{"CT", "Chỉ thị"},
	{"KL", "Kết luận"},
	{"QĐ", "Quyết định"},
	{"QĐi", "Quy định"},
	{"QC", "Quy chế"},
	{"HD", "Hướng dẫn"},
	{"KH", "Kế hoạch"},
	{"CTr", "Chương trình"},
	{"BC", "Báo cáo"},
	{"TB", "Thông báo"},
	{"CV", "Công văn"},
	{"TTr", "Tờ trình"},
	{"ĐA", "Đề án"},
	{"PA", "Phương án"},
	{"BB", "Biên bản"},
	{"CĐ", "Công điện"},
	{"NĐ", "Nghị định"},
	{"TT", "Thông tư"},
	{"NQLT", "Nghị quyết liên tịch"},
	{"TTLT", "Thông tư liên tịch"},
};

const char *docnum_known_kind(int i)
{
	return i >= 0 && i < (int)KH_ARRAY_LEN(kinds) ? kinds[i].canonical : NULL;
}

/* ---- code points ---- */

/* Decodes UTF-8 into cps (at most max); returns the count, or -1 when the
 * input is not valid UTF-8 or too long. */
static int decode(const char *s, uint32_t *cps, int max)
{
	const unsigned char *p = (const unsigned char *)s;
	int n = 0;
	while (*p) {
		uint32_t c;
		int len;
		if (p[0] < 0x80) {
			c = p[0];
			len = 1;
		} else if ((p[0] & 0xe0) == 0xc0) {
			c = p[0] & 0x1f;
			len = 2;
		} else if ((p[0] & 0xf0) == 0xe0) {
			c = p[0] & 0x0f;
			len = 3;
		} else if ((p[0] & 0xf8) == 0xf0) {
			c = p[0] & 0x07;
			len = 4;
		} else {
			return -1;
		}
		for (int i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return -1;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
		    (len == 4 && c < 0x10000) || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return -1;
		if (n == max)
			return -1;
		cps[n++] = c;
		p += len;
	}
	return n;
}

/* Appends the UTF-8 encoding of c; false when out of room (n counts the
 * NUL). */
static bool encode(uint32_t c, char *out, size_t n, size_t *o)
{
	char b[4];
	size_t len;
	if (c < 0x80) {
		b[0] = (char)c;
		len = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xc0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3f));
		len = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xe0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[2] = (char)(0x80 | (c & 0x3f));
		len = 3;
	} else {
		b[0] = (char)(0xf0 | (c >> 18));
		b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[3] = (char)(0x80 | (c & 0x3f));
		len = 4;
	}
	if (*o + len >= n)
		return false;
	memcpy(out + *o, b, len);
	*o += len;
	out[*o] = '\0';
	return true;
}

/* Latin letters, including every Vietnamese one. */
static bool is_letter(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
		return true;
	if (c >= 0xc0 && c <= 0x24f)
		return c != 0xd7 && c != 0xf7;
	return c >= 0x1e00 && c <= 0x1eff;
}

static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* The upper-case partner of a Latin letter (c itself when none). Covers
 * ASCII, Latin-1, Latin Extended-A (đ, ă), ơ, ư and the Vietnamese block
 * U+1EA0..U+1EF9, where upper and lower case alternate. */
static uint32_t to_upper(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return c - 32;
	if (c >= 0xe0 && c <= 0xfe && c != 0xf7)
		return c - 32;
	if (c >= 0x100 && c <= 0x17f && (c & 1) && c != 0x131 && c != 0x138 &&
	    !(c >= 0x139 && c <= 0x148) && !(c >= 0x179 && c <= 0x17e))
		return c - 1;
	if (c == 0x1a1 || c == 0x1b0)
		return c - 1;
	if (c >= 0x1ea0 && c <= 0x1ef9 && (c & 1))
		return c - 1;
	return c;
}

static bool is_lower(uint32_t c)
{
	return is_letter(c) && to_upper(c) != c;
}

/* Folding for kind lookup: upper case, Đ/đ → D. */
static uint32_t kind_fold(uint32_t c)
{
	c = to_upper(c);
	return c == 0x110 ? 'D' : c;
}

/* ---- kinds ---- */

static bool kind_from_cps(const uint32_t *cps, int n, char out[DOCNUM_KIND_MAX])
{
	if (n <= 0 || n > 8)
		return false;
	for (int i = 0; i < n; i++)
		if (!is_letter(cps[i]))
			return false;
	for (size_t k = 0; k < KH_ARRAY_LEN(kinds); k++) {
		uint32_t known[16];
		int kn = decode(kinds[k].canonical, known, 16);
		if (kn != n)
			continue;
		int i = 0;
		while (i < n && kind_fold(known[i]) == kind_fold(cps[i]))
			i++;
		if (i == n) {
			snprintf(out, DOCNUM_KIND_MAX, "%s", kinds[k].canonical);
			return true;
		}
	}
	/* Unknown kind: keep the writer's mixed case ("TTg"-like), upper-case
	 * one written all in lower case. */
	bool any_upper = false;
	for (int i = 0; i < n; i++)
		if (!is_lower(cps[i]))
			any_upper = true;
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		if (!encode(any_upper ? cps[i] : to_upper(cps[i]), out, DOCNUM_KIND_MAX, &o))
			return false;
	return true;
}

bool docnum_kind_canonical(const char *kind, char out[DOCNUM_KIND_MAX])
{
	uint32_t cps[16];
	int n = kind ? decode(kind, cps, 16) : -1;
	if (n <= 0)
		return false;
	return kind_from_cps(cps, n, out);
}

const char *docnum_kind_label(const char *kind)
{
	if (!kind)
		return NULL;
	for (size_t k = 0; k < KH_ARRAY_LEN(kinds); k++)
		if (strcmp(kinds[k].canonical, kind) == 0)
			return kinds[k].label;
	return NULL;
}

/* ---- parsing ---- */

/* Maps the look-alikes people type to the plain separators and space. */
static uint32_t plain(uint32_t c)
{
	if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xfe58 || c == 0xfe63 ||
	    c == 0xff0d)
		return '-';
	if (c == 0xff0f || c == 0x2044 || c == 0x2215)
		return '/';
	if (c == 0xff1a)
		return ':';
	if (c == '\t' || c == 0xa0 || c == 0x202f || (c >= 0x2000 && c <= 0x200a) || c == 0x3000)
		return ' ';
	return c;
}

static bool is_sep(uint32_t c)
{
	return c == '-' || c == '/';
}

static int bad(struct kh_error *err, const char *why)
{
	return kh_fail(err, KH_EINVAL, "number",
		       "Số, ký hiệu văn bản không đúng dạng (%s): cần dạng «12-NQ/TU» (văn bản"
		       " của Đảng) hoặc «12/NQ-HĐND» (văn bản nhà nước)",
		       why);
}

/* Drops a leading "Số", "Số:", "SỐ.", "So" and the spaces after it. */
static int skip_prefix(const uint32_t *c, int n, int i)
{
	if (i + 1 < n && (c[i] == 'S' || c[i] == 's') &&
	    (c[i + 1] == 0x1ed1 || c[i + 1] == 0x1ed0 || c[i + 1] == 'o' || c[i + 1] == 'O' ||
	     c[i + 1] == 0xf4 || c[i + 1] == 0xd4)) {
		int j = i + 2;
		if (j < n && (c[j] == ' ' || c[j] == ':' || c[j] == '.' || is_digit(c[j]))) {
			while (j < n && (c[j] == ' ' || c[j] == ':' || c[j] == '.'))
				j++;
			return j;
		}
	}
	return i;
}

/* Checks an issuer symbol: letters, digits and single inner hyphens, at
 * least one letter. Writes it canonically (upper-cased when written all in
 * lower case). */
static int issuer_from_cps(const uint32_t *c, int n, char out[DOCNUM_ISSUER_MAX],
			   struct kh_error *err)
{
	bool letter = false, upper = false;
	if (n == 0)
		return bad(err, "thiếu ký hiệu cơ quan ban hành");
	if (n > 32)
		return bad(err, "ký hiệu cơ quan ban hành quá dài");
	for (int i = 0; i < n; i++) {
		if (c[i] == '-') {
			if (i == 0 || i == n - 1 || c[i - 1] == '-')
				return bad(
					err,
					"dấu gạch nối đặt sai chỗ trong ký hiệu cơ quan ban hành");
			continue;
		}
		if (c[i] == '/')
			return bad(err, "thừa dấu «/»");
		if (c[i] == ' ')
			return bad(err, "có chữ thừa sau ký hiệu");
		if (is_letter(c[i])) {
			letter = true;
			if (!is_lower(c[i]))
				upper = true;
			continue;
		}
		if (!is_digit(c[i]))
			return bad(err, "ký hiệu cơ quan ban hành chứa ký tự không hợp lệ");
	}
	if (!letter)
		return bad(err, "ký hiệu cơ quan ban hành phải có chữ cái");
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		if (!encode(upper ? c[i] : to_upper(c[i]), out, DOCNUM_ISSUER_MAX, &o))
			return bad(err, "ký hiệu cơ quan ban hành quá dài");
	return 0;
}

int docnum_parse(const char *s, struct docnum *out, struct kh_error *err)
{
	uint32_t raw[MAX_CPS], c[MAX_CPS];
	int n, m = 0, i;

	memset(out, 0, sizeof(*out));
	if (!s)
		return bad(err, "để trống");
	n = decode(s, raw, MAX_CPS);
	if (n < 0)
		return bad(err, "quá dài hoặc không phải văn bản UTF-8");
	for (i = 0; i < n; i++)
		raw[i] = plain(raw[i]);
	/* Trim, and drop trailing punctuation ("12-NQ/TU." in running text). */
	int lo = 0, hi = n;
	while (lo < hi && raw[lo] == ' ')
		lo++;
	while (hi > lo && (raw[hi - 1] == ' ' || raw[hi - 1] == '.' || raw[hi - 1] == ',' ||
			   raw[hi - 1] == ';'))
		hi--;
	lo = skip_prefix(raw, hi, lo);
	if (lo >= hi)
		return bad(err, "để trống");
	/* Squeeze out spaces that touch a separator. */
	for (i = lo; i < hi; i++) {
		if (raw[i] != ' ') {
			c[m++] = raw[i];
			continue;
		}
		int j = i;
		while (j < hi && raw[j] == ' ')
			j++;
		if ((m > 0 && is_sep(c[m - 1])) || (j < hi && is_sep(raw[j]))) {
			i = j - 1;
			continue;
		}
		c[m++] = ' ';
		i = j - 1;
	}

	/* The number. */
	i = 0;
	int64_t num = 0;
	while (i < m && is_digit(c[i])) {
		if (i >= 7)
			return bad(err, "số thứ tự quá lớn");
		num = num * 10 + (c[i] - '0');
		i++;
	}
	if (i == 0)
		return bad(err, "phải bắt đầu bằng số thứ tự");
	if (num < 1)
		return bad(err, "số thứ tự phải lớn hơn 0");
	out->number = num;
	if (i == m)
		return bad(err, "thiếu loại văn bản và ký hiệu cơ quan ban hành");
	if (c[i] == '-') {
		/* Party: NUMBER-KIND/ISSUER */
		out->style = DOCNUM_PARTY;
		int k0 = ++i;
		while (i < m && c[i] != '/' && c[i] != '-' && c[i] != ' ')
			i++;
		if (i == k0)
			return bad(err, "thiếu loại văn bản");
		if (i == m)
			return bad(err, "thiếu dấu «/» và ký hiệu cơ quan ban hành");
		if (c[i] != '/')
			return bad(err, "sau loại văn bản phải là dấu «/»");
		if (!kind_from_cps(c + k0, i - k0, out->kind))
			return bad(err, "loại văn bản chỉ gồm chữ cái, như NQ, CT, KL, QĐ, KH");
		i++;
		return issuer_from_cps(c + i, m - i, out->issuer_symbol, err);
	}
	if (c[i] == '/') {
		/* State: NUMBER[/YEAR]/KIND-ISSUER */
		out->style = DOCNUM_STATE;
		i++;
		if (i + 4 < m && is_digit(c[i]) && is_digit(c[i + 1]) && is_digit(c[i + 2]) &&
		    is_digit(c[i + 3]) && c[i + 4] == '/') {
			int y = (int)((c[i] - '0') * 1000 + (c[i + 1] - '0') * 100 +
				      (c[i + 2] - '0') * 10 + (c[i + 3] - '0'));
			if (y < 1900 || y > 2200)
				return bad(err, "năm ban hành không hợp lệ");
			out->year = y;
			i += 5;
		}
		int k0 = i;
		while (i < m && c[i] != '-' && c[i] != '/' && c[i] != ' ')
			i++;
		if (i == k0)
			return bad(err, "thiếu loại văn bản");
		if (i == m)
			return bad(err, "thiếu dấu «-» và ký hiệu cơ quan ban hành");
		if (c[i] != '-')
			return bad(err, "sau loại văn bản phải là dấu «-»");
		if (!kind_from_cps(c + k0, i - k0, out->kind))
			return bad(err, "loại văn bản chỉ gồm chữ cái, như NQ, CT, KL, QĐ, KH");
		i++;
		return issuer_from_cps(c + i, m - i, out->issuer_symbol, err);
	}
	return bad(err, "sau số thứ tự phải là dấu «-» hoặc «/»");
}

size_t docnum_format(const struct docnum *d, char *out, size_t n)
{
	int len;
	if (n == 0)
		return 0;
	if (d->style == DOCNUM_STATE && d->year)
		len = snprintf(out, n, "%02lld/%d/%s-%s", (long long)d->number, d->year, d->kind,
			       d->issuer_symbol);
	else if (d->style == DOCNUM_STATE)
		len = snprintf(out, n, "%02lld/%s-%s", (long long)d->number, d->kind,
			       d->issuer_symbol);
	else
		len = snprintf(out, n, "%02lld-%s/%s", (long long)d->number, d->kind,
			       d->issuer_symbol);
	if (len < 0) {
		out[0] = '\0';
		return 0;
	}
	return (size_t)len < n ? (size_t)len : n - 1;
}
