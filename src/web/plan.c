/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Pages and API of plans and their items, versions and cascade. (Being written.) */
#include "core/common.h"
#include "web/plan_ui.h"
#include "web/routes.h"

static const struct route routes[] = {
	{0, NULL, NULL, 0, {{NULL, 0}}, NULL},
};

struct route_list web_routes_plan(void)
{
	return (struct route_list){routes, 0};
}
