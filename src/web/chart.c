/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Server-drawn SVG charts (web/chart.h): the value scale rounded to a nice
 * step, the axes and grid, bars and lines, a legend; every text escaped at
 * the point of output. Coordinates are printed with one decimal.
 */
#include "core/common.h"
#include "web/chart.h"

#include <math.h>
#include <string.h>

#define FONT "font-family=\"'Liberation Serif','Times New Roman',serif\""

static const char *const PALETTE[] = {"#1f4e79", "#a4161a", "#1b6b2f", "#b8860b", "#6a3d9a"};

void chart_escape(struct buf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			buf_puts(out, "&quot;");
			break;
		case '\'':
			buf_puts(out, "&#39;");
			break;
		default:
			buf_putc(out, *s);
		}
	}
}

/* s cut to at most max characters (UTF-8 aware), with "…" when cut. */
static void escape_cut(struct buf *out, const char *s, int max)
{
	int chars = 0;
	const char *p = s ? s : "";
	for (; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80) {
			if (chars == max)
				break;
			chars++;
		}
	}
	char *cut = xstrndup(s ? s : "", (size_t)(p - (s ? s : "")));
	chart_escape(out, cut);
	free(cut);
	if (*p)
		buf_puts(out, "…");
}

static void fmt_default(double v, char out[40])
{
	snprintf(out, 40, "%g", v);
}

static bool present(const struct chart_series *s, int i)
{
	return (!s->present || s->present[i]) && isfinite(s->values[i]);
}

static const char *color_of(const struct chart *c, int k)
{
	return c->series[k].color ? c->series[k].color : PALETTE[k % KH_ARRAY_LEN(PALETTE)];
}

/* The scale [lo, hi] with its step: covers 0 and every value. */
static void scale(const struct chart *c, double *lo, double *hi, double *step)
{
	double mn = 0, mx = 0;
	for (int k = 0; k < c->n_series; k++)
		for (int i = 0; i < c->n_categories; i++)
			if (present(&c->series[k], i)) {
				double v = c->series[k].values[i];
				mn = v < mn ? v : mn;
				mx = v > mx ? v : mx;
			}
	if (mx == mn)
		mx = mn + 1;
	double raw = (mx - mn) / 5;
	double mag = pow(10, floor(log10(raw)));
	static const double NICE[] = {1, 2, 2.5, 5, 10};
	double st = mag * 10;
	for (size_t i = 0; i < KH_ARRAY_LEN(NICE); i++)
		if (NICE[i] * mag >= raw) {
			st = NICE[i] * mag;
			break;
		}
	*step = st;
	*lo = floor(mn / st) * st;
	*hi = ceil(mx / st) * st;
	if (*hi <= *lo)
		*hi = *lo + st;
}

static void title_and_open(struct buf *out, const struct chart *c, int w, int h)
{
	buf_printf(out,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\""
		   " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" " FONT
		   " font-size=\"12\" aria-label=\"",
		   w, h, w, h);
	chart_escape(out, c->aria_label ? c->aria_label : c->title ? c->title : "Biểu đồ");
	buf_puts(out, "\">");
	buf_printf(out, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>", w, h);
	if (c->title) {
		buf_printf(out,
			   "<text x=\"%d\" y=\"18\" text-anchor=\"middle\" font-size=\"14\""
			   " font-weight=\"bold\">",
			   w / 2);
		chart_escape(out, c->title);
		buf_puts(out, "</text>");
	}
}

static void legend(struct buf *out, const struct chart *c, int y)
{
	double x = 10;
	for (int k = 0; k < c->n_series; k++) {
		const char *col = color_of(c, k);
		if (c->series[k].kind == CHART_LINE && !c->horizontal)
			buf_printf(out,
				   "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
				   " stroke-width=\"2\"/>",
				   x, y - 4, x + 14, y - 4, col);
		else
			buf_printf(
				out,
				"<rect x=\"%.1f\" y=\"%d\" width=\"14\" height=\"10\" fill=\"%s\"/>",
				x, y - 9, col);
		buf_printf(out, "<text x=\"%.1f\" y=\"%d\">", x + 18, y);
		chart_escape(out, c->series[k].label);
		buf_puts(out, "</text>");
		x += 30 + 7.0 * (double)strlen(c->series[k].label ? c->series[k].label : "") * 0.8;
	}
}

static void value_title(struct buf *out, const struct chart *c, int k, int i, const char *num)
{
	buf_puts(out, "<title>");
	chart_escape(out, c->categories[i]);
	buf_puts(out, " — ");
	chart_escape(out, c->series[k].label);
	buf_puts(out, ": ");
	chart_escape(out, num);
	if (c->unit && *c->unit) {
		buf_putc(out, ' ');
		chart_escape(out, c->unit);
	}
	buf_puts(out, "</title>");
}

static void vertical(struct buf *out, const struct chart *c)
{
	int w = c->width > 0 ? c->width : 720, h = c->height > 0 ? c->height : 320;
	void (*fmt)(double, char[40]) = c->format ? c->format : fmt_default;
	double left = 70, right = 15, top = c->title ? 34 : 14, bottom = 56;
	double pw = w - left - right, ph = h - top - bottom;
	double lo, hi, step;
	char num[40];
	scale(c, &lo, &hi, &step);
#define Y(v) (top + ph * (hi - (v)) / (hi - lo))
	title_and_open(out, c, w, h);
	for (double t = lo; t <= hi + step / 2; t += step) {
		fmt(fabs(t) < step / 1e6 ? 0 : t, num);
		buf_printf(
			out,
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d8d8d8\"/>"
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
			left, Y(t), left + pw, Y(t), left - 6, Y(t) + 4);
		chart_escape(out, num);
		buf_puts(out, "</text>");
	}
	if (c->unit && *c->unit) {
		buf_printf(out, "<text x=\"4\" y=\"%.1f\" font-style=\"italic\">", top - 6);
		chart_escape(out, c->unit);
		buf_puts(out, "</text>");
	}
	buf_printf(out,
		   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1c1c1c\"/>"
		   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1c1c1c\"/>",
		   left, top, left, top + ph, left, Y(0), left + pw, Y(0));
	int n = c->n_categories > 0 ? c->n_categories : 1;
	double slot = pw / n;
	int n_bars = 0;
	for (int k = 0; k < c->n_series; k++)
		n_bars += c->series[k].kind == CHART_BAR;
	double bw = n_bars ? slot * 0.7 / n_bars : 0;
	int max_label = (int)(slot / 6.5);
	for (int i = 0; i < c->n_categories; i++) {
		double cx = left + slot * (i + 0.5);
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", cx,
			   top + ph + 16);
		escape_cut(out, c->categories[i], max_label > 3 ? max_label : 3);
		buf_puts(out, "</text>");
		int b = 0;
		for (int k = 0; k < c->n_series; k++) {
			if (c->series[k].kind != CHART_BAR)
				continue;
			double x = cx - slot * 0.35 + bw * b++;
			if (!present(&c->series[k], i))
				continue;
			double v = c->series[k].values[i];
			double y0 = Y(0), y1 = Y(v);
			fmt(v, num);
			buf_printf(out,
				   "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
				   " fill=\"%s\">",
				   x, y1 < y0 ? y1 : y0, bw * 0.92, fabs(y0 - y1), color_of(c, k));
			value_title(out, c, k, i, num);
			buf_puts(out, "</rect>");
			if (bw >= 22) {
				buf_printf(out,
					   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\""
					   " font-size=\"11\">",
					   x + bw * 0.46, (y1 < y0 ? y1 : y0) - 3);
				chart_escape(out, num);
				buf_puts(out, "</text>");
			}
		}
	}
	for (int k = 0; k < c->n_series; k++) {
		if (c->series[k].kind != CHART_LINE)
			continue;
		const char *col = color_of(c, k);
		bool open = false;
		for (int i = 0; i < c->n_categories; i++) {
			if (!present(&c->series[k], i)) {
				if (open)
					buf_puts(out, "\"/>");
				open = false;
				continue;
			}
			double x = left + slot * (i + 0.5), y = Y(c->series[k].values[i]);
			if (!open)
				buf_printf(
					out,
					"<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
					" points=\"",
					col);
			buf_printf(out, "%s%.1f,%.1f", open ? " " : "", x, y);
			open = true;
		}
		if (open)
			buf_puts(out, "\"/>");
		for (int i = 0; i < c->n_categories; i++) {
			if (!present(&c->series[k], i))
				continue;
			fmt(c->series[k].values[i], num);
			buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\">",
				   left + slot * (i + 0.5), Y(c->series[k].values[i]), col);
			value_title(out, c, k, i, num);
			buf_puts(out, "</circle>");
		}
	}
	legend(out, c, h - 10);
	buf_puts(out, "</svg>");
#undef Y
}

static void horizontal(struct buf *out, const struct chart *c)
{
	void (*fmt)(double, char[40]) = c->format ? c->format : fmt_default;
	double row = 26, left = 230, right = 60, top = c->title ? 34 : 14, bottom = 50;
	int w = c->width > 0 ? c->width : 720;
	int h = c->height > 0 ? c->height
			      : (int)(top + row * (c->n_categories ? c->n_categories : 1) + bottom);
	double pw = w - left - right, ph = h - top - bottom;
	double lo, hi, step;
	char num[40];
	scale(c, &lo, &hi, &step);
#define X(v) (left + pw * ((v)-lo) / (hi - lo))
	title_and_open(out, c, w, h);
	for (double t = lo; t <= hi + step / 2; t += step) {
		fmt(fabs(t) < step / 1e6 ? 0 : t, num);
		buf_printf(
			out,
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d8d8d8\"/>"
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
			X(t), top, X(t), top + ph, X(t), top + ph + 14);
		chart_escape(out, num);
		buf_puts(out, "</text>");
	}
	if (c->unit && *c->unit) {
		buf_printf(out,
			   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-style=\"italic\">",
			   left + pw, top + ph + 28);
		chart_escape(out, c->unit);
		buf_puts(out, "</text>");
	}
	buf_printf(out,
		   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1c1c1c\"/>",
		   X(0), top, X(0), top + ph);
	int n_bars = 0;
	for (int k = 0; k < c->n_series; k++)
		n_bars += c->series[k].kind == CHART_BAR;
	double slot = c->n_categories ? ph / c->n_categories : ph;
	double bh = n_bars ? slot * 0.75 / n_bars : 0;
	for (int i = 0; i < c->n_categories; i++) {
		double y = top + slot * i;
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 6,
			   y + slot / 2 + 4);
		escape_cut(out, c->categories[i], 34);
		buf_puts(out, "</text>");
		int b = 0;
		for (int k = 0; k < c->n_series; k++) {
			if (!present(&c->series[k], i)) {
				b += c->series[k].kind == CHART_BAR;
				continue;
			}
			double v = c->series[k].values[i];
			fmt(v, num);
			if (c->series[k].kind == CHART_LINE) {
				buf_printf(out,
					   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
					   " stroke=\"%s\" stroke-width=\"3\">",
					   X(v), y + 2, X(v), y + slot - 2, color_of(c, k));
				value_title(out, c, k, i, num);
				buf_puts(out, "</line>");
				continue;
			}
			double by = y + slot * 0.125 + bh * b++;
			double x0 = X(0), x1 = X(v);
			buf_printf(out,
				   "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
				   " fill=\"%s\">",
				   x1 < x0 ? x1 : x0, by, fabs(x1 - x0), bh * 0.9, color_of(c, k));
			value_title(out, c, k, i, num);
			buf_printf(out, "</rect><text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">",
				   (x1 > x0 ? x1 : x0) + 3, by + bh * 0.45 + 4);
			chart_escape(out, num);
			buf_puts(out, "</text>");
		}
	}
	legend(out, c, h - 8);
	buf_puts(out, "</svg>");
#undef X
}

void chart_svg(struct buf *out, const struct chart *c)
{
	if (c->horizontal)
		horizontal(out, c);
	else
		vertical(out, c);
}
