/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * What the readers of Office Open XML packages (text/docx.c, text/xlsx_read.c)
 * share: unpacking one part of a package opened from memory with a size
 * bound, and a libxml2 streaming reader that never touches the network,
 * loads no DTD and prints nothing.
 */
#ifndef KH_TEXT_OOXML_H
#define KH_TEXT_OOXML_H

#include <libxml/xmlreader.h>
#include <stddef.h>
#include <zip.h>

#include "core/err.h"

/* Unpacks part name of z (at most max bytes) into *out (NUL-terminated; caller frees) and its
 * length. KH_ENOTFOUND (err untouched) when the package has no such part;
 * KH_ETOOBIG when it is larger than max bytes; KH_EINVAL when it does not
 * inflate. what names the kind of file in the messages ("DOCX", "Excel"). */
int ooxml_read_part(zip_t *z, size_t max, const char *what, const char *name, char **out,
		    size_t *out_len, struct kh_error *err) KH_MUST_CHECK;

/* A streaming reader over data (NULL when len is too large or libxml2
 * refuses); free with xmlFreeTextReader. Initializes libxml2 once. */
xmlTextReaderPtr ooxml_xml_reader(const char *data, size_t len);

#endif
