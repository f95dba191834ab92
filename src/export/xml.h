/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * XML text for the Office Open XML parts that export/ writes (DOCX, XLSX):
 * escaping of text and attribute values, and the characters XML 1.0 cannot
 * carry at all (most C0 controls), which are dropped rather than written.
 */
#ifndef KH_EXPORT_XML_H
#define KH_EXPORT_XML_H

#include "core/buf.h"

/* Appends s (valid UTF-8) to b escaped for XML text and attribute values:
 * & < > " ' as entities; tab, LF and CR kept; other C0 controls and
 * U+FFFE/U+FFFF dropped. NULL appends nothing. */
void xml_escape(struct buf *b, const char *s);

#endif
