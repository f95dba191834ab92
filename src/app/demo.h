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
	int orgs, changes, people, positions, documents, links;
	struct demo_account *accounts; /* ctx->arena */
	int n_accounts;
	const char *password;
};

/* Loads the demo data into a database that holds no orgs yet (KH_ECONFLICT
 * otherwise), in one transaction: either all of it or nothing. System actor
 * only. */
int app_demo_load(struct app_ctx *ctx, struct demo_report *out, struct kh_error *err) KH_MUST_CHECK;

#endif
