/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * DOCX to plain text (see docx.h). Skeleton; the reader follows.
 */
#include "core/common.h"
#include "text/docx.h"

bool docx_sniff(const void *bytes, size_t len)
{
	return len >= 4 && memcmp(bytes, "PK\3\4", 4) == 0;
}

int docx_to_text(const void *bytes, size_t len, char **out, size_t *out_len, struct kh_error *err)
{
	*out = NULL;
	*out_len = 0;
	return kh_fail(err, KH_EINVAL, "file", "Chưa đọc được DOCX");
}
