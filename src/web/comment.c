/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Pages and API of comments, answers, escalations and the notifications inbox. (Being written.) */
#include "core/common.h"
#include "web/plan_ui.h"
#include "web/routes.h"

static const struct route routes[] = {
	{0, NULL, NULL, 0, {{NULL, 0}}, NULL},
};

struct route_list web_routes_comment(void)
{
	return (struct route_list){routes, 0};
}

void web_plan_comments_section(struct req *r, const struct plan_view *v)
{
	(void)r;
	(void)v;
}
