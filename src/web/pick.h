/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Defaults of pages that show an org and a year. */
#ifndef KH_WEB_PICK_H
#define KH_WEB_PICK_H

#include <stdint.h>

#include "web/http.h"

/* The year of the app's today. */
int req_current_year(struct req *r);

/* The org a page opens on: the first org the actor acts for (the committee
 * itself for a position in one of its advisory bodies), or the province for
 * those who see everything. 0 when none. */
int64_t req_default_org(struct req *r);

#endif
