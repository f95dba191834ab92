/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Request counters by route and status, and a latency histogram, exposed in
 * the Prometheus text format. Per process (each server instance is scraped
 * on its own), guarded by one mutex: a few nanoseconds per request.
 */
#include "core/common.h"
#include "web/internal.h"

#include <pthread.h>
#include <string.h>

#define MAX_SERIES 1024

static const double buckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
				 0.1,	 0.25,	0.5,	1,     2.5,  5};

struct series {
	const char *route;
	int status;
	unsigned long long count;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct series series[MAX_SERIES];
static int nseries;
static unsigned long long hist[KH_ARRAY_LEN(buckets) + 1];
static double latency_sum;
static unsigned long long latency_count;

void metrics_init(int nroutes)
{
	(void)nroutes;
	pthread_mutex_lock(&lock);
	nseries = 0;
	memset(hist, 0, sizeof(hist));
	latency_sum = 0;
	latency_count = 0;
	pthread_mutex_unlock(&lock);
}

void metrics_record(int route_index, const char *route_name, int status, double seconds)
{
	(void)route_index;
	pthread_mutex_lock(&lock);
	int i;
	for (i = 0; i < nseries; i++)
		if (series[i].status == status && strcmp(series[i].route, route_name) == 0)
			break;
	if (i == nseries && nseries < MAX_SERIES) {
		series[i].route = route_name; /* static strings: route patterns */
		series[i].status = status;
		series[i].count = 0;
		nseries++;
	}
	if (i < nseries)
		series[i].count++;
	size_t b = 0;
	while (b < KH_ARRAY_LEN(buckets) && seconds > buckets[b])
		b++;
	hist[b]++;
	latency_sum += seconds;
	latency_count++;
	pthread_mutex_unlock(&lock);
}

static void label(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		if (*s == '\n')
			buf_puts(b, "\\n");
		else
			buf_putc(b, *s);
	}
}

void metrics_render(struct buf *b, long long db_size)
{
	pthread_mutex_lock(&lock);
	buf_puts(b, "# HELP kehoach_http_requests_total HTTP requests by route and status.\n"
		    "# TYPE kehoach_http_requests_total counter\n");
	for (int i = 0; i < nseries; i++) {
		buf_puts(b, "kehoach_http_requests_total{route=\"");
		label(b, series[i].route);
		buf_printf(b, "\",status=\"%d\"} %llu\n", series[i].status, series[i].count);
	}
	buf_puts(b, "# HELP kehoach_http_request_duration_seconds Request latency.\n"
		    "# TYPE kehoach_http_request_duration_seconds histogram\n");
	unsigned long long cum = 0;
	for (size_t i = 0; i < KH_ARRAY_LEN(buckets); i++) {
		cum += hist[i];
		buf_printf(b, "kehoach_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
			   buckets[i], cum);
	}
	cum += hist[KH_ARRAY_LEN(buckets)];
	buf_printf(b, "kehoach_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", cum);
	buf_printf(b, "kehoach_http_request_duration_seconds_sum %.6f\n", latency_sum);
	buf_printf(b, "kehoach_http_request_duration_seconds_count %llu\n", latency_count);
	pthread_mutex_unlock(&lock);
	buf_printf(b,
		   "# HELP kehoach_db_size_bytes Size of the database file.\n"
		   "# TYPE kehoach_db_size_bytes gauge\nkehoach_db_size_bytes %lld\n",
		   db_size);
}
