/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The text boundary. Every string that enters kehoach — a form field, a JSON
 * value, a request body, an imported file — passes text_normalize() once: it
 * must be valid UTF-8 (strict: no overlong forms, no surrogates, nothing past
 * U+10FFFF, no NUL), must not hold control characters other than tab and line
 * breaks, gets its line breaks unified to "\n" and is put in Unicode NFC, so
 * that "Tỉnh" typed on a Mac (decomposed) and on Windows (composed) are the
 * same bytes. Single-line fields are then checked with text_has_controls()
 * and measured with utf8_char_count(). Pure functions, no I/O.
 */
#ifndef KH_TEXT_UTF8_H
#define KH_TEXT_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* True when the n bytes at s are well-formed UTF-8 by the Unicode standard's
 * table (shortest form only, no surrogates U+D800..U+DFFF, at most U+10FFFF)
 * and hold no NUL byte. n == 0 is valid (s may then be NULL). */
bool utf8_valid(const char *s, size_t n);

/* Checks and normalizes n bytes of user text: it must be valid UTF-8 (see
 * utf8_valid) without C0 control characters other than tab, LF and CR; CRLF
 * and lone CR become LF; the result is in NFC. On success returns 0 and sets
 * *out to a new NUL-terminated string the caller frees and *out_len to its
 * length in bytes (out_len may be NULL). On bad input returns KH_EINVAL and
 * sets *out to NULL (nothing to free). */
int text_normalize(const char *s, size_t n, char **out, size_t *out_len) KH_MUST_CHECK;

/* True when s (NUL-terminated, normally already normalized) holds a
 * character that has no place in a single-line field: any C0 control
 * (including tab, LF and CR), DEL, a C1 control (U+0080..U+009F, among them
 * NEL) or the Unicode line and paragraph separators U+2028/U+2029. */
bool text_has_controls(const char *s);

/* A copy of s (caller frees) without leading and trailing white space, with
 * every inner run of white space turned into one ' '. White space here is
 * ASCII space, tab, LF, VT, FF, CR and the no-break space U+00A0, which
 * documents pasted from word processors are full of. */
char *text_trim_dup(const char *s);

/* The number of code points in the NUL-terminated UTF-8 string s (the bytes
 * that are not continuation bytes; exact for valid input). */
size_t utf8_char_count(const char *s);

#endif
