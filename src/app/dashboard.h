/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * "Who has not done it yet" (issue 5, dashboards): for an org and each of
 * its children, over their whole subtrees — committees and cells without a
 * collective plan of the year, plans approved late (after 31 March) or not
 * yet approved past it, items overdue and due within 7 days, requests not
 * answered, reports missing past their due day and reports submitted late,
 * and the share of items done. Read from the per-org counters
 * (store/counters.h) that triggers keep in the same transaction as every
 * change, so a page costs a few rows per child at any size; the counters
 * are rebuilt first when the tree changed. Each count drills down to its
 * rows. Children with nothing to follow (an advisory body without plans or
 * reports) are left out. Readable by whoever reads the org.
 */
#ifndef KH_APP_DASHBOARD_H
#define KH_APP_DASHBOARD_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/model.h"
#include "store/counters.h"

struct dashboard_row {
	struct org org;
	struct dash_counts c;
	int plans_missing; /* orgs - plans */
	int plans_late;	   /* plans not approved in time, once 31 March has passed */
	int percent_done;  /* items done / items, 0..100; -1 when there are no items */
};

struct dashboard {
	int year;
	int32_t today;
	int32_t plan_due;	    /* 31 March of the year */
	struct dashboard_row total; /* the org asked for */
	struct dashboard_row *children;
	int n_children;
};

int app_dashboard(struct app_ctx *ctx, int64_t org_id, int year, struct dashboard *out,
		  struct kh_error *err) KH_MUST_CHECK;
json_t *app_dashboard_json(const struct dashboard *d);

/* The lists behind the counts, by name: "plans_missing", "plans_late",
 * "items_overdue", "items_due_soon", "requests_open", "reports_missing",
 * "reports_late". */
bool app_dash_list_parse(const char *name, enum dash_list *out);
const char *app_dash_list_name(enum dash_list l);
const char *app_dash_list_label(enum dash_list l); /* Vietnamese */

/* Up to limit (1..1000) rows behind list in org_id's subtree. */
int app_dashboard_rows(struct app_ctx *ctx, int64_t org_id, enum dash_list list, int year,
		       int limit, struct dash_row **out, int *n,
		       struct kh_error *err) KH_MUST_CHECK;
json_t *app_dash_rows_json(enum dash_list list, const struct dash_row *v, int n);

/* Operators: rebuild the counters from the rows; compare them with a full
 * recount (*n_diff rows differ). Administrators only. */
int app_counters_rebuild(struct app_ctx *ctx, struct kh_error *err) KH_MUST_CHECK;
int app_counters_check(struct app_ctx *ctx, int *n_diff, struct kh_error *err) KH_MUST_CHECK;

#endif
