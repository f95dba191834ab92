/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The plan-document importer (see importer.h). Skeleton: validates and
 * normalizes the text; the parser follows.
 */
#include "core/common.h"
#include "text/importer.h"
#include "text/fold.h"
#include "text/utf8.h"

int import_parse(const char *text, size_t len, int plan_year, struct import_doc *out,
		 struct kh_error *err)
{
	memset(out, 0, sizeof(*out));
	if (len > IMPORT_MAX_BYTES)
		return kh_fail(err, KH_ETOOBIG, "file", "Văn bản quá lớn");
	char *norm = NULL;
	if (len && text_normalize(text, len, &norm, NULL))
		return kh_fail(err, KH_EINVAL, "file", "Văn bản không phải UTF-8 hợp lệ");
	out->plan_year = plan_year;
	free(norm);
	return 0;
}

void import_doc_release(struct import_doc *d)
{
	memset(d, 0, sizeof(*d));
}

char *import_name_key(const char *name)
{
	return name ? text_fold(name) : NULL;
}
