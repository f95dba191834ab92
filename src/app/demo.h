/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Loading the demo province (app/demo_data.h) through the use cases. */
#ifndef KH_APP_DEMO_H
#define KH_APP_DEMO_H

#include "app/app.h"

struct demo_account {
	const char *username;
	const char *person_name; /* "" when not linked */
	const char *role_hint;
	bool admin;
};

struct demo_report {
	int orgs, changes, people, positions, documents, links, plans;
	int progress, indicators, campaigns; /* progress reports, indicators, report campaigns */
	int assessments;		     /* year-end self-assessments (from December) */
	int classifications;		     /* quality classifications */
	struct demo_account *accounts;	     /* ctx->arena */
	int n_accounts;
	const char *password;
};

/* Loads the demo data into a database that holds no orgs yet (KH_ECONFLICT
 * otherwise), in one transaction: either all of it or nothing. System actor
 * only. */
int app_demo_load(struct app_ctx *ctx, struct demo_report *out, struct kh_error *err) KH_MUST_CHECK;

/* The demo's plans (app/demo_plans.c), made through the plan and comment
 * use cases inside the loader's transaction once the tree, people and
 * accounts are in: the Tỉnh ủy's 2025–2030 programme (approved), a commune's
 * 2026 plan cascaded from it (draft), two heads' 2026 plans (one sent for
 * comment with a request on it, one approved). *n_plans counts them. */
int app_demo_plans(struct app_ctx *ctx, int *n_plans, struct kh_error *err) KH_MUST_CHECK;

#endif
