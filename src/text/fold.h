/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Matching Vietnamese text the way people read it. text_fold() makes the key
 * that search and name matching compare: no case, no diacritics at all (đ
 * becomes d too, which FTS5's remove_diacritics does not do), words
 * separated by single spaces — "Tỉnh ủy", "TỈNH UỶ" and "tinh uy" all give
 * "tinh uy". text_tone_normalize() keeps the diacritics and settles only
 * where the tone mark sits, because both placements occur in real documents
 * ("Tỉnh uỷ" and "Tỉnh ủy", "hoà" and "hòa", "thoả" and "thỏa"). Pure
 * functions, no I/O; input is UTF-8, NFC or NFD.
 */
#ifndef KH_TEXT_FOLD_H
#define KH_TEXT_FOLD_H

#include <stdbool.h>

/* The search and matching key of s (caller frees): compatibility-decomposed,
 * case-folded, with every combining mark removed and đ/Đ (and the look-alike
 * Ð/ð that legacy-encoding converters leave behind) turned into d; each run
 * of characters that are neither letters nor digits becomes one space, and
 * there is no leading or trailing space. Bytes that are not valid UTF-8 count
 * as separators. "" when nothing is left. Folding a folded key changes
 * nothing. */
char *text_fold(const char *s);

/* s in NFC (caller frees) with the tone mark of each Vietnamese syllable on
 * one fixed vowel, so that the two placements people write compare equal.
 * The placement chosen is the one the Party's documents use: in the open
 * rhymes oa, oe and uy the tone sits on the first vowel ("hòa", "khỏe",
 * "thủy", "Tỉnh ủy", "ỦY"); otherwise on the vowel with a circumflex, breve
 * or horn (the second of ươ), else on the single vowel, else on the last
 * vowel before a final consonant ("hoàng", "huỳnh"), else on the middle one
 * of three ("ngoài", "khuỷu"). In qu- and gi- the u and i belong to the onset
 * ("quý", "già", "giữa"). Words that do not parse as one Vietnamese syllable
 * with exactly one tone mark — "café", "Raúl", numbers — are left as they
 * are; text that is not valid UTF-8 is returned unchanged. */
char *text_tone_normalize(const char *s);

/* True when text_fold(a) and text_fold(b) are equal. */
bool text_fold_eq(const char *a, const char *b);

#endif
