/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Pages and API of the classification slice of issue 5. Filled in by its slice; until
 * then it answers no route.
 */
#include "core/common.h"
#include "web/routes.h"

struct route_list web_routes_classification(void)
{
	return (struct route_list){NULL, 0};
}
