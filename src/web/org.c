/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Placeholder route table until this module's pages land. */
#include "core/common.h"
#include "web/routes.h"

struct route_list web_routes_org(void)
{
	return (struct route_list){NULL, 0};
}
