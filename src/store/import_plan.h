/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The one read the plan importer needs from storage: every org in existence
 * on a day with its name and short name in force and its parent, so that
 * app/import_plan.c can match the bodies a plan names against the tree.
 */
#ifndef KH_STORE_IMPORT_PLAN_H
#define KH_STORE_IMPORT_PLAN_H

#include "core/model.h"
#include "store/store.h"

/* The orgs whose version is in force on day (id, parent_id, name,
 * short_name, kind, level, valid_from, valid_to; child_count 0), by id.
 * Allocated in a. */
int store_import_orgs_at(struct store *s, struct arena *a, int32_t day, struct org **out, int *n,
			 struct kh_error *err) KH_MUST_CHECK;

#endif
