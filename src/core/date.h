/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Civil dates (proleptic Gregorian, no time zone) as day numbers, so that
 * comparisons and "as of" queries are integer work. Stored and exchanged as
 * "YYYY-MM-DD".
 */
#ifndef KH_CORE_DATE_H
#define KH_CORE_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

/* Days since 1970-01-01 for a valid y-m-d. */
int32_t date_from_ymd(int y, int m, int d);
void date_to_ymd(int32_t days, int *y, int *m, int *d);
bool date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);
/* Parses exactly "YYYY-MM-DD" (years 1900..2200). 0 or KH_EINVAL. */
int date_parse_iso(const char *s, int32_t *out) KH_MUST_CHECK;
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format_iso(int32_t days, char out[11]);
/* Writes unix seconds t as "YYYY-MM-DDTHH:MM:SSZ" (UTC) into out (at least
 * 21 bytes; 32 is safe for any t); returns out. */
const char *date_format_timestamp(int64_t t, char out[32]);

#endif
