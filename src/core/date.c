/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Civil-date arithmetic (days from civil, after H. Hinnant's algorithm). */
#include "core/common.h"
#include "core/date.h"

#include <stdio.h>

bool date_valid_ymd(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

int date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int32_t date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(int32_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (*m <= 2);
}

int date_parse_iso(const char *s, int32_t *out)
{
	int v[3] = {0, 0, 0};
	const int width[3] = {4, 2, 2};
	const char *p = s;
	if (!s)
		return KH_EINVAL;
	for (int i = 0; i < 3; i++) {
		for (int k = 0; k < width[i]; k++, p++) {
			if (*p < '0' || *p > '9')
				return KH_EINVAL;
			v[i] = v[i] * 10 + (*p - '0');
		}
		if (i < 2 && *p++ != '-')
			return KH_EINVAL;
	}
	if (*p || v[0] < 1900 || v[0] > 2200 || !date_valid_ymd(v[0], v[1], v[2]))
		return KH_EINVAL;
	*out = date_from_ymd(v[0], v[1], v[2]);
	return 0;
}

void date_format_iso(int32_t days, char out[11])
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	/* Clamp so the output always fits 10 characters. */
	y = y < 0 ? 0 : y % 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

const char *date_format_timestamp(int64_t t, char out[32])
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400;
	int y, m, d;
	date_to_ymd((int32_t)days, &y, &m, &d);
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(secs / 3600),
		 (int)(secs / 60 % 60), (int)(secs % 60));
	return out;
}
