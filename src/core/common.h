/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Included first by every .c file: the error convention, allocation
 * wrappers and the banned-functions list. */
#ifndef KH_CORE_COMMON_H
#define KH_CORE_COMMON_H

/* The system headers come before banned.h: at -O2 glibc defines atoi & co.
 * inline, which the banned macros would break if they came first. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/err.h"
#include "core/mem.h"

#define KH_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#include "core/banned.h"

#endif
