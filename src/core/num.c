/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Range-checked integer parsing: see num.h. */
#include "core/common.h"
#include "core/num.h"

int num_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (!s || !*s)
		return KH_EINVAL;
	bool neg = false;
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	}
	if (!*s)
		return KH_EINVAL;
	uint64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return KH_EINVAL;
		if (v > (UINT64_MAX - 9) / 10)
			return KH_EINVAL;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	int64_t r;
	if (neg) {
		if (v > (uint64_t)INT64_MAX + 1)
			return KH_EINVAL;
		r = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	} else {
		if (v > (uint64_t)INT64_MAX)
			return KH_EINVAL;
		r = (int64_t)v;
	}
	if (r < min || r > max)
		return KH_EINVAL;
	*out = r;
	return 0;
}
