/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* XML escaping for the parts of DOCX and XLSX packages: see export/xml.h. */
#include "core/common.h"
#include "export/xml.h"

#include <string.h>

void xml_escape(struct buf *b, const char *s)
{
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&apos;");
			break;
		default:
			if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				break;
			/* U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters. */
			if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
				p += 2;
				break;
			}
			buf_putc(b, (char)*p);
		}
	}
}
