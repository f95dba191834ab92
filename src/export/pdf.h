/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Writes an official document (export/doc.h) as PDF in memory: A4 pages
 * (595.276 × 841.89 pt) with the doc's margins, drawn with cairo and laid
 * out with pango, which shapes the Vietnamese text (stacked diacritics,
 * line breaking between words) in Liberation Serif — the Times-compatible
 * serif of fonts-liberation, embedded as a subset. Paragraphs and table
 * rows break across pages (a table's header row is repeated); headings stay
 * with what follows; the recipients and the signature stay together; pages
 * from the second carry their number, centred at the top.
 */
#ifndef KH_EXPORT_PDF_H
#define KH_EXPORT_PDF_H

#include <stddef.h>

#include "core/err.h"
#include "export/doc.h"

#define PDF_CONTENT_TYPE "application/pdf"

/* The font family the PDF is set in. */
#define PDF_FONT "Liberation Serif"

/* Writes d as a PDF: *out (caller frees) holds *len bytes; *pages (may be
 * NULL) receives the page count. KH_ETOOBIG past 64 MiB, KH_EIO when cairo
 * fails. Safe to call from several threads at once. */
int pdf_write(const struct doc *d, char **out, size_t *len, int *pages,
	      struct kh_error *err) KH_MUST_CHECK;

#endif
