/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * DOCX to plain text, for the importer (text/importer.h). A DOCX file is a
 * ZIP package whose word/document.xml holds the body; this reads it from
 * memory (no file I/O) and writes one line per paragraph (w:p), a tab for
 * w:tab, a line break for w:br and w:cr, the text of italic runs (w:i,
 * w:iCs) between '*' markers. A table row of three or more cells becomes
 * one line with its cells separated by tabs (a cell's paragraphs joined by
 * spaces) — the way a table pasted from Word reads, and what the importer
 * reads task tables from; the cells of narrower rows (layout tables such as
 * the header block) give their paragraphs as lines of their own. Automatic numbering (w:numPr,
 * directly or through the paragraph's style) is written out as text the way Word shows it, from
 * word/numbering.xml: "%1." → "1.", "%1.%2." → "1.2.", "%1)" with
 * lowerLetter → "a)", upperRoman → "I", bullets as "-" (the list's first
 * bullet level), "+" (second), "•" (deeper) unless the list's own symbol is
 * one of those.
 * Deleted text of tracked changes, field instructions and the fallback copy
 * of alternate content are skipped. External entities are never loaded.
 */
#ifndef KH_TEXT_DOCX_H
#define KH_TEXT_DOCX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* The most bytes a part of the package may unpack to (zip bombs). */
#define DOCX_MAX_PART (64u * 1024 * 1024)

/* True when the bytes start like a ZIP package ("PK\3\4"). */
bool docx_sniff(const void *bytes, size_t len);

/* Converts the DOCX package held in bytes. Returns 0 and sets *out (caller
 * frees; NUL-terminated UTF-8) and *out_len; or KH_EINVAL with a Vietnamese
 * message when it is not a readable DOCX (not a ZIP, no word/document.xml,
 * broken XML), KH_ETOOBIG when a part unpacks past DOCX_MAX_PART. */
int docx_to_text(const void *bytes, size_t len, char **out, size_t *out_len,
		 struct kh_error *err) KH_MUST_CHECK;

#endif
