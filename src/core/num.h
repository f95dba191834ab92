/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Range-checked number parsing: the whole string must be the number. */
#ifndef KH_CORE_NUM_H
#define KH_CORE_NUM_H

#include <stdint.h>

#include "core/err.h"

/* Parses a decimal integer in [min, max] from all of s (no spaces, no
 * trailing text). Returns 0, or KH_EINVAL. */
int num_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out) KH_MUST_CHECK;

#endif
