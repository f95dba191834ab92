/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The demo's year-end self-assessment (app/demo_assessment.c), for app/demo.c. */
#ifndef KH_APP_DEMO_ASSESSMENT_H
#define KH_APP_DEMO_ASSESSMENT_H

#include "app/app.h"

/* A draft self-assessment of the Vân Hà ward secretary's approved 2026 plan
 * (ratings pre-filled from its progress, shortcomings, causes, two
 * remedies), once the clock is in December 2026 or later; nothing before.
 * Call from the demo loader after app_demo_plans() and app_demo_progress(),
 * inside its transaction, with the system actor. *n counts the assessments
 * made (0 or 1). */
int app_demo_assessment(struct app_ctx *ctx, int *n, struct kh_error *err) KH_MUST_CHECK;

#endif
