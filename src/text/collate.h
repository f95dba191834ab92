/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Vietnamese sort order, for lists shown to people and for an SQLite
 * collation. Strings are compared level by level over the whole string, as
 * the Unicode Collation Algorithm and the CLDR Vietnamese tailoring do:
 *
 *   1. letters, without case or tone, in the Vietnamese alphabet
 *      a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z)
 *      — the foreign letters in brackets sit in their Latin places; other
 *      scripts follow by code point. White space sorts before punctuation
 *      and symbols, those before digits, digits before letters;
 *   2. tones: none, huyền (à), hỏi (ả), ngã (ã), sắc (á), nặng (ạ), so
 *      ma < mà < mả < mã < má < mạ; a letter with another accent (ä, ñ)
 *      sorts right after the bare letter, before its tones;
 *   3. case: lower before upper;
 *   4. the bytes of the text in NFC with tones placed by
 *      text_tone_normalize(), so the order is total and two strings compare
 *      equal exactly when they differ only in normalization form or tone
 *      placement ("Tỉnh uỷ" = "Tỉnh ủy").
 *
 * Examples: "An" < "Ăn" < "Âm", "Dũng" < "Đông", "Hà" < "Hải",
 * "Hà Nội" < "Hàn". Numbers compare digit by digit ("10" < "2").
 */
#ifndef KH_TEXT_COLLATE_H
#define KH_TEXT_COLLATE_H

#include <stddef.h>

/* Compares the alen bytes at a with the blen bytes at b (UTF-8, NFC or NFD,
 * no NUL needed) in Vietnamese order; returns <0, 0 or >0 like memcmp. Text
 * that is not valid UTF-8 (or holds a NUL) sorts after all valid text, by
 * its bytes. Fit for sqlite3_create_collation_v2(). */
int text_collate(const char *a, size_t alen, const char *b, size_t blen);

/* The sort key of the NUL-terminated string s (caller frees; *len gets its
 * length in bytes, and the key may contain NUL bytes). Keys compare like
 * text_collate() when compared as SQLite compares BLOBs: memcmp() over the
 * shorter length, then the shorter key first. Store it in a BLOB column to
 * sort large tables without calling back into C. */
char *text_collate_key(const char *s, size_t *len);

#endif
