/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The self-assessment's panel on a plan's page (web/assessment.c): a link to
 * the plan's year-end self-assessment once it is issued, and the remedies
 * of last year's assessment that did not make it into this plan.
 */
#ifndef KH_WEB_ASSESSMENT_UI_H
#define KH_WEB_ASSESSMENT_UI_H

#include "core/model.h"
#include "web/http.h"

/* Renders the panel (nothing on an error: the plan's page stands alone). */
void web_assessment_plan_panel(struct req *r, const struct plan *p);

#endif
