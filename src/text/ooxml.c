/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Parts and XML readers of Office Open XML packages: see text/ooxml.h. */
#include "core/common.h"
#include "text/ooxml.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

int ooxml_read_part(zip_t *z, size_t max, const char *what, const char *name, char **out,
		    size_t *out_len, struct kh_error *err)
{
	zip_stat_t st;
	*out = NULL;
	*out_len = 0;
	zip_stat_init(&st);
	if (zip_stat(z, name, 0, &st) != 0)
		return KH_ENOTFOUND;
	if ((st.valid & ZIP_STAT_SIZE) && st.size > max)
		return kh_fail(err, KH_ETOOBIG, "file", "Tệp %s có phần %s quá lớn", what, name);
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return kh_fail(err, KH_EINVAL, "file",
			       "Không đọc được phần %s của tệp %s (tệp hỏng hoặc có mật khẩu)",
			       name, what);
	/* The size in the directory may lie: start from it, grow to max. */
	size_t cap = (st.valid & ZIP_STAT_SIZE) && st.size ? (size_t)st.size + 1 : 65536, n = 0;
	char *data = xmalloc(cap);
	int rc = 0;
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > max) {
				rc = kh_fail(err, KH_ETOOBIG, "file", "Tệp %s có phần %s quá lớn",
					     what, name);
				break;
			}
			cap = xmul(cap, 2);
			data = xrealloc(data, cap);
		}
		zip_int64_t got = zip_fread(f, data + n, cap - n - 1);
		if (got < 0) {
			rc = kh_fail(err, KH_EINVAL, "file",
				     "Tệp %s bị hỏng (không giải nén được %s)", what, name);
			break;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	zip_fclose(f);
	if (rc) {
		free(data);
		return rc;
	}
	data[n] = 0;
	*out = data;
	*out_len = n;
	return 0;
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

xmlTextReaderPtr ooxml_xml_reader(const char *data, size_t len)
{
	if (len > INT32_MAX)
		return NULL;
	pthread_once(&xml_once, xml_init);
	return xmlReaderForMemory(data, (int)len, NULL, NULL,
				  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
					  XML_PARSE_COMPACT);
}
