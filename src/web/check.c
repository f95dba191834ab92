/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Pages and API of the quality check and of compliance. (Being written.) */
#include "core/common.h"
#include "web/plan_ui.h"
#include "web/routes.h"

static const struct route routes[] = {
	{0, NULL, NULL, 0, {{NULL, 0}}, NULL},
};

struct route_list web_routes_check(void)
{
	return (struct route_list){routes, 0};
}
