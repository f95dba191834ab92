/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Writes an official document (export/doc.h) as a Word package (DOCX,
 * Office Open XML) in memory: [Content_Types].xml, _rels/.rels,
 * word/document.xml with its relationships, word/styles.xml,
 * word/settings.xml, word/header1.xml (the page number, shown from page 2),
 * docProps/core.xml and docProps/app.xml. A4 portrait with the doc's
 * margins; the header block and the signature block as borderless
 * two-column tables; Times New Roman 14 pt — the font Word offices have,
 * and which LibreOffice shows with the metric-compatible Liberation Serif.
 */
#ifndef KH_EXPORT_DOCX_H
#define KH_EXPORT_DOCX_H

#include <stddef.h>

#include "core/err.h"
#include "export/doc.h"

/* The MIME type of a DOCX file. */
#define DOCX_CONTENT_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

/* Writes d as a DOCX package: *out (caller frees) holds *len bytes.
 * KH_ETOOBIG past 64 MiB, KH_EIO when the zip cannot be made. */
int docx_write(const struct doc *d, char **out, size_t *len, struct kh_error *err) KH_MUST_CHECK;

#endif
