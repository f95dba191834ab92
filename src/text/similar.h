/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Near-duplicate detection for the plans' quality check ("trên sao dưới
 * vậy": a lower plan's item that copies the upper plan's item). A text's
 * signature is the set of its word bigrams, hashed: the words are those of
 * text_fold() (no case, no diacritics, no punctuation), with
 *
 *  - the stop words dropped — và, các, của, những, cho, với, là, để, ở,
 *    tại, theo, về, trong, một, được, đã, sẽ, này, đó, nhằm, việc —
 *    function words whose presence or order says nothing about the task.
 *    Kept on purpose: "thực hiện" (part of what a task is), and words whose
 *    folded form is also a content word — đang (= Đảng), cũng (= cung cấp),
 *    như (= nhu cầu), đối (= đổi mới);
 *  - the names of levels made one word: tỉnh, huyện, thành, thị, quận, xã,
 *    phường all count the same, so that an item copied with "Tỉnh ủy"
 *    changed to "Huyện ủy" or "Thành ủy" is still the same item.
 *
 * A text of one remaining word has that word as its only element. The
 * score is the containment of the smaller set in the larger, so an item
 * copied with a clause added, removed or moved still scores high.
 */
#ifndef KH_TEXT_SIMILAR_H
#define KH_TEXT_SIMILAR_H

#include <stdint.h>

/* A text's signature: n sorted, distinct hashes (h NULL when n is 0). */
struct similar_sig {
	uint32_t *h;
	int n;
};

/* Builds the signature of text (NULL counts as ""); h is xmalloc'd —
 * release with similar_sig_release(). */
void similar_sig_init(struct similar_sig *s, const char *text);
/* Frees the hashes and leaves an empty signature. */
void similar_sig_release(struct similar_sig *s);

/* 0..1: how much of the smaller signature is contained in the other
 * (|A ∩ B| / min(|A|, |B|)); robust to re-ordered clauses, punctuation,
 * diacritics and case. 0 when either signature is empty. */
double similar_score(const struct similar_sig *a, const struct similar_sig *b);

/* similar_score() of two texts, for one-off comparisons. */
double similar_texts(const char *a, const char *b);

#define SIMILAR_THRESHOLD 0.8 /* the check reports pairs at or above this */

#endif
