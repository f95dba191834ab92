/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Whole-database counts (for the demo loader's emptiness check and the home page). */
#ifndef KH_STORE_STATS_H
#define KH_STORE_STATS_H

#include <stdint.h>

#include "store/store.h"

struct store_stats {
	int64_t orgs; /* every org ever recorded */
	int64_t people;
	int64_t documents;
	int64_t users;
};

int store_stats_get(struct store *s, struct store_stats *out, struct kh_error *err) KH_MUST_CHECK;

#endif
