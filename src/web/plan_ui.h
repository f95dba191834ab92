/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Pieces of the plan page drawn by other web modules: the plan page
 * (web/plan.c) calls them in this order below the items. Each writes HTML
 * with html() and must not answer the request.
 */
#ifndef KH_WEB_PLAN_UI_H
#define KH_WEB_PLAN_UI_H

#include "app/plan.h"
#include "web/http.h"

/* web/comment.c: the comments and requests on the plan, their answers and
 * escalations, with the forms the actor may use. */
void web_plan_comments_section(struct req *r, const struct plan_view *v);

#endif
