/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Charts drawn on the server as inline SVG (no script, no external file):
 * bars and lines over categories with a value axis, grid, ticks, a legend
 * and a title. Every text (title, categories, series labels, values) is
 * XML-escaped here, so callers pass plain text. Used by the indicator pages
 * (actual vs target over the years, a figure per child org) and meant for
 * any "per child org" or "over the years" picture.
 *
 * Vertical: categories along the x axis; each "bar" series is a group of
 * bars side by side per category, each "line" series a polyline with dots
 * over the category centres (missing values break the line). Horizontal
 * (c->horizontal): categories down the y axis with bars to the right —
 * long org names stay readable; line series are drawn as tick marks.
 * The value axis starts at 0 (or below, for negative values) and ends at a
 * round number above the largest value.
 */
#ifndef KH_WEB_CHART_H
#define KH_WEB_CHART_H

#include <stdbool.h>

#include "core/buf.h"

enum chart_kind { CHART_BAR, CHART_LINE };

struct chart_series {
	const char *label; /* legend text */
	enum chart_kind kind;
	const char *color;    /* an SVG color such as "#a4161a"; NULL = a default */
	const double *values; /* n_categories values */
	const bool *present;  /* n_categories flags; NULL = all present */
};

struct chart {
	const char *title; /* may be NULL */
	const char *unit;  /* shown at the value axis; may be NULL */
	const char *const *categories;
	int n_categories;
	const struct chart_series *series;
	int n_series;
	int width, height; /* pixels; 0 = 720 × 320 (horizontal: height from the rows) */
	bool horizontal;
	/* Writes a value as the chart shows it (ticks, bar labels); NULL = %g. */
	void (*format)(double v, char out[40]);
	const char *aria_label; /* the SVG's accessible name; NULL = the title */
};

/* Appends the chart as an <svg> element to out. Nothing is drawn for
 * series with no present value but the axes and legend. */
void chart_svg(struct buf *out, const struct chart *c);

/* Appends s to out escaped for XML text and attribute values. */
void chart_escape(struct buf *out, const char *s);

#endif
