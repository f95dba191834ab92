/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Pieces of other pages drawn by web/progress.c: the progress of one item in
 * the plan page's items table. Each writes HTML with html() and must not
 * answer the request.
 */
#ifndef KH_WEB_PROGRESS_UI_H
#define KH_WEB_PROGRESS_UI_H

#include "app/progress.h"
#include "web/http.h"

/* The item's state badge ("Quá hạn", "Sắp đến hạn", "Hoàn thành đúng
 * hạn"…), its percent bar, and a link to its progress page. */
void web_progress_cell(struct req *r, const struct plan_item *it,
		       const struct progress_derivation *d);
/* For an item assigned to other orgs: "Giao N tổ chức: K đã có kế hoạch"
 * linking to the list of them on the item's progress page. */
void web_progress_assigned(struct req *r, const struct plan_item *it, int assigned, int answered);

#endif
