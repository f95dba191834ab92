/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The demo's indicators (app/demo_indicators.c), for app/demo.c. */
#ifndef KH_APP_DEMO_INDICATORS_H
#define KH_APP_DEMO_INDICATORS_H

#include "app/app.h"

/* The Tỉnh ủy's indicators of the 2025–2030 term in the style of seed
 * 002's appendix — new members (sum), organizations and members rated good
 * or better (shares of the count indicators), members disciplined (share,
 * fewer is better), the mean score of cell meetings (mean), the province's
 * PAR rank (entered by hand) — with the baseline of 2020, the targets of
 * the term and of 2025 and 2026, the 2025 results of the committees under
 * the Tỉnh ủy (one missing) and of most cells of Lạc Điền, the first half
 * and estimates of 2026: enough for a table where derived figures, missing units
 * and an entered figure beside a derived one all show. Made through the
 * indicator use cases in one transaction (the loader's, when called inside
 * it), as the system.
 * *n_indicators (may be NULL) counts the indicators. KH_ECONFLICT when the
 * Tỉnh ủy already has indicators (loaded twice). */
int app_demo_indicators(struct app_ctx *ctx, int *n_indicators, struct kh_error *err) KH_MUST_CHECK;

#endif
