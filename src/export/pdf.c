/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The PDF writer (export/pdf.h). A small flowing layout over cairo: a
 * cursor moves down the page; each text is a pango layout whose lines are
 * drawn one by one so that a paragraph can continue on the next page; a
 * table row is drawn in slices when it must break, its cells continuing
 * side by side under a repeated header row. Units are PDF points: the
 * pango context is set to 72 dpi so that "14 pt" is 14 units, and metric
 * hinting is off so that the glyph advances are not rounded.
 */
#include "core/common.h"
#include "export/pdf.h"
#include "core/buf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#define PDF_LIMIT (64u * 1024u * 1024u)
#define MM (72.0 / 25.4)
#define A4_W (210.0 * MM) /* 595.276 */
#define A4_H (297.0 * MM) /* 841.89 */

#define BODY_PT 14.0
#define TABLE_PT 13.0
#define SMALL_PT 12.0
#define INDENT (10.0 * MM) /* first-line indent of body paragraphs */
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5
#define RULE_W 0.6

/* One font map for the process, made on first use and kept: loading the
 * fonts once makes an export cheap, and a map held by a static stays
 * reachable (pango's own default map is per thread and is never freed for
 * the main thread). A pango font map is not safe for concurrent use, so
 * documents are laid out one at a time. */
static pthread_mutex_t font_lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap *font_map;

#if defined(__SANITIZE_ADDRESS__)
/* The sanitizer build's leak check: fontconfig, as pango 1.50 drives it
 * (matching fonts on a worker thread), loses the patterns it prepares for
 * the fonts it renders — a few kilobytes per font, once per process since
 * the font map is kept. Not ours to fix, and hiding it keeps the leak check
 * strict for everything else. This is the LeakSanitizer's own hook, so the
 * suppression travels with every binary that links the PDF writer. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
/* ... and without listing the suppressions at every exit. */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *pango;
	struct buf out;
	const struct doc *d;
	double x0, width, top, bottom;
	double y;
	int page;
};

/* The style of one text. */
struct tstyle {
	double size;
	bool bold, italic, underline;
	PangoAlignment align;
	bool justify;
	double indent; /* first line of each paragraph */
};

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int length)
{
	struct buf *b = closure;
	buf_add(b, data, length);
	return buf_failed(b) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static PangoLayout *layout(struct pdf *p, const char *text, double width, const struct tstyle *s)
{
	PangoLayout *l = pango_layout_new(p->pango);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, PDF_FONT);
	pango_font_description_set_weight(fd, s->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_font_description_set_size(fd, (gint)(s->size * PANGO_SCALE));
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, pango_units_from_double(width));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, s->align);
	pango_layout_set_justify(l, s->justify);
	if (s->indent > 0 && s->align == PANGO_ALIGN_LEFT)
		pango_layout_set_indent(l, pango_units_from_double(s->indent));
	if (s->underline) {
		PangoAttrList *attrs = pango_attr_list_new();
		pango_attr_list_insert(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
		pango_layout_set_attributes(l, attrs);
		pango_attr_list_unref(attrs);
	}
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static double layout_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* One laid-out line: where to draw it and how tall it is. */
struct line {
	PangoLayoutLine *line;
	double x;    /* offset from the layout's left edge */
	double h;    /* line height */
	double base; /* baseline below the line's top */
};

/* The lines of l (xmalloc'd array; the lines belong to l). */
static int lines_of(PangoLayout *l, struct line **out)
{
	int n = pango_layout_get_line_count(l), i = 0;
	struct line *v = xcalloc((size_t)(n > 0 ? n : 1), sizeof(*v));
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		int y0, y1;
		PangoRectangle logical;
		if (i >= n)
			break;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		v[i].line = pango_layout_iter_get_line_readonly(it);
		v[i].x = (double)logical.x / PANGO_SCALE;
		v[i].h = (double)(y1 - y0) / PANGO_SCALE;
		v[i].base = (double)(pango_layout_iter_get_baseline(it) - y0) / PANGO_SCALE;
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	*out = v;
	return i;
}

static void draw_line(struct pdf *p, double x, double y, const struct line *ln)
{
	cairo_move_to(p->cr, x + ln->x, y + ln->base);
	pango_cairo_show_layout_line(p->cr, ln->line);
}

/* Draws a whole layout at (x, y) without breaking it; returns its height. */
static double draw_at(struct pdf *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	return layout_height(l);
}

static double text_at(struct pdf *p, const char *text, double x, double y, double width,
		      const struct tstyle *s)
{
	PangoLayout *l = layout(p, text, width, s);
	double h = draw_at(p, l, x, y);
	g_object_unref(l);
	return h;
}

static void page_number(struct pdf *p)
{
	char num[16];
	snprintf(num, sizeof(num), "%d", p->page);
	struct tstyle s = {.size = BODY_PT, .align = PANGO_ALIGN_CENTER};
	PangoLayout *l = layout(p, num, p->width, &s);
	draw_at(p, l, p->x0, p->top / 2 - layout_height(l) / 2);
	g_object_unref(l);
}

static void new_page(struct pdf *p)
{
	cairo_show_page(p->cr);
	p->page++;
	p->y = p->top;
	page_number(p);
}

/* Draws l from the cursor, line by line, breaking pages as needed. */
static void flow(struct pdf *p, PangoLayout *l, double x)
{
	struct line *v;
	int n = lines_of(l, &v);
	for (int i = 0; i < n; i++) {
		if (p->y + v[i].h > p->bottom && p->y > p->top)
			new_page(p);
		draw_line(p, x, p->y, &v[i]);
		p->y += v[i].h;
	}
	free(v);
}

static void hline(struct pdf *p, double x1, double x2, double y)
{
	cairo_set_line_width(p->cr, RULE_W);
	cairo_move_to(p->cr, x1, y);
	cairo_line_to(p->cr, x2, y);
	cairo_stroke(p->cr);
}

/* The header block on the first page. */
static void header_block(struct pdf *p)
{
	const struct doc *d = p->d;
	double wl = p->width * 0.45, wr = p->width - wl, xr = p->x0 + wl;
	double yl = p->top, yr = p->top;
	struct tstyle c = {.size = BODY_PT, .align = PANGO_ALIGN_CENTER};
	if (*d->upper_body)
		yl += text_at(p, d->upper_body, p->x0, yl, wl, &c);
	c.bold = true;
	yl += text_at(p, d->issuer, p->x0, yl, wl, &c);
	c.bold = false;
	yl += text_at(p, "*", p->x0, yl, wl, &c);
	if (*d->number)
		yl += text_at(p, d->number, p->x0, yl, wl, &c);
	if (*d->about) {
		struct tstyle a = {.size = SMALL_PT, .align = PANGO_ALIGN_CENTER};
		yl += 3 + text_at(p, d->about, p->x0, yl + 3, wl, &a);
	}

	struct tstyle party = {.size = 15, .bold = true, .align = PANGO_ALIGN_CENTER};
	PangoLayout *l = layout(p, d->party, wr, &party);
	PangoRectangle ink, logical;
	pango_layout_get_pixel_extents(l, &ink, &logical);
	double h = draw_at(p, l, xr, yr);
	/* The rule under the party's name, as wide as the name. */
	double mid = xr + wr / 2, half = (double)logical.width / 2;
	hline(p, mid - half, mid + half, yr + h + 1);
	g_object_unref(l);
	yr += h + 9;
	struct tstyle date = {.size = BODY_PT, .italic = true, .align = PANGO_ALIGN_CENTER};
	yr += text_at(p, d->place_date, xr, yr, wr, &date);
	p->y = (yl > yr ? yl : yr) + 6;
}

static void title_block(struct pdf *p)
{
	const struct doc *d = p->d;
	if (*d->type) {
		struct tstyle t = {.size = 16, .bold = true, .align = PANGO_ALIGN_CENTER};
		p->y += 18;
		p->y += text_at(p, d->type, p->x0, p->y, p->width, &t);
		t.size = BODY_PT;
		if (*d->subject)
			p->y += text_at(p, d->subject, p->x0 + p->width * 0.05, p->y,
					p->width * 0.9, &t);
		t.bold = false;
		p->y += text_at(p, "-----", p->x0, p->y, p->width, &t);
		p->y += 10;
	}
	if (d->n_addressees == 1) {
		struct tstyle k = {.size = BODY_PT, .align = PANGO_ALIGN_CENTER};
		char *line = g_strdup_printf("Kính gửi: %s", d->addressees[0]);
		p->y += 12;
		p->y += text_at(p, line, p->x0, p->y, p->width, &k) + 12;
		g_free(line);
	} else if (d->n_addressees > 1) {
		struct tstyle k = {.size = BODY_PT, .align = PANGO_ALIGN_LEFT};
		double x = p->x0 + p->width / 5;
		p->y += 12;
		PangoLayout *kl = layout(p, "Kính gửi:", p->width, &k);
		int kw, kh;
		pango_layout_get_pixel_size(kl, &kw, &kh);
		draw_at(p, kl, x, p->y);
		g_object_unref(kl);
		for (int i = 0; i < d->n_addressees; i++) {
			char *line = g_strdup_printf("- %s%s", d->addressees[i],
						     i + 1 < d->n_addressees ? ";" : ".");
			p->y += text_at(p, line, x + kw + 6, p->y, p->width * 0.8 - kw - 6, &k);
			g_free(line);
		}
		p->y += 12;
	}
}

/* A body text from the cursor, with space before and after. */
static void body_text(struct pdf *p, const char *text, const struct tstyle *s, double before,
		      double after, bool keep_next)
{
	PangoLayout *l = layout(p, text, p->width, s);
	if (p->y > p->top)
		p->y += before;
	if (keep_next) {
		/* A heading moves to the next page with the line that follows. */
		double h = layout_height(l);
		if (p->y + h + 2 * BODY_PT > p->bottom && p->y > p->top)
			new_page(p);
	}
	flow(p, l, p->x0);
	p->y += after;
	g_object_unref(l);
}

struct cell {
	PangoLayout *layout;
	struct line *lines;
	int n, pos;
};

static void cells_release(struct cell *c, int n)
{
	for (int i = 0; i < n; i++) {
		if (c[i].layout)
			g_object_unref(c[i].layout);
		free(c[i].lines);
	}
}

static void cells_make(struct pdf *p, struct cell *c, const char *const *texts, int n,
		       const double *w, const int *center, bool header)
{
	for (int i = 0; i < n; i++) {
		struct tstyle s = {.size = TABLE_PT,
				   .bold = header,
				   .align = header || (center && center[i]) ? PANGO_ALIGN_CENTER
									    : PANGO_ALIGN_LEFT};
		c[i].layout = layout(p, texts[i], w[i] - 2 * CELL_PAD_X, &s);
		c[i].n = lines_of(c[i].layout, &c[i].lines);
		c[i].pos = 0;
	}
}

/* The height of the remaining lines of cells. */
static double cells_height(const struct cell *c, int n)
{
	double max = 0;
	for (int i = 0; i < n; i++) {
		double h = 0;
		for (int k = c[i].pos; k < c[i].n; k++)
			h += c[i].lines[k].h;
		if (h > max)
			max = h;
	}
	return max;
}

/* Draws the part of a row that fits above limit from the cursor (at least
 * one line per cell when force), with the cell borders; returns whether
 * lines remain. */
static bool row_slice(struct pdf *p, struct cell *c, int n, const double *x, const double *w,
		      bool force, bool middle)
{
	double avail = p->bottom - p->y - 2 * CELL_PAD_Y, max = 0;
	bool left = false;
	double full = middle ? cells_height(c, n) : 0;
	for (int i = 0; i < n; i++) {
		double h = 0, y = p->y + CELL_PAD_Y;
		if (middle)
			y += (full - cells_height(&c[i], 1)) / 2;
		while (c[i].pos < c[i].n) {
			const struct line *ln = &c[i].lines[c[i].pos];
			if (h + ln->h > avail && !(force && h == 0))
				break;
			draw_line(p, x[i] + CELL_PAD_X, y, ln);
			y += ln->h;
			h += ln->h;
			c[i].pos++;
		}
		if (c[i].pos < c[i].n)
			left = true;
		if (h > max)
			max = h;
	}
	double rh = max + 2 * CELL_PAD_Y;
	cairo_set_line_width(p->cr, 0.5);
	for (int i = 0; i < n; i++)
		cairo_rectangle(p->cr, x[i], p->y, w[i], rh);
	cairo_stroke(p->cr);
	p->y += rh;
	return left;
}

static void header_row(struct pdf *p, const struct doc_table *t, const double *x, const double *w)
{
	struct cell c[DOC_TABLE_MAX_COLS];
	cells_make(p, c, t->headers, t->n_cols, w, NULL, true);
	(void)row_slice(p, c, t->n_cols, x, w, true, true);
	cells_release(c, t->n_cols);
}

static void table(struct pdf *p, const struct doc_table *t)
{
	double x[DOC_TABLE_MAX_COLS], w[DOC_TABLE_MAX_COLS], at = p->x0;
	for (int i = 0; i < t->n_cols; i++) {
		w[i] = i + 1 < t->n_cols ? p->width * t->widths[i] / 100.0 : p->x0 + p->width - at;
		x[i] = at;
		at += w[i];
	}
	struct cell hc[DOC_TABLE_MAX_COLS];
	cells_make(p, hc, t->headers, t->n_cols, w, NULL, true);
	double hh = cells_height(hc, t->n_cols) + 2 * CELL_PAD_Y;
	cells_release(hc, t->n_cols);

	p->y += 4;
	/* The header row with at least a line of the first row. */
	if (p->y + hh + 3 * TABLE_PT > p->bottom && p->y > p->top)
		new_page(p);
	header_row(p, t, x, w);
	for (int r = 0; r < t->n_rows; r++) {
		struct cell c[DOC_TABLE_MAX_COLS];
		cells_make(p, c, &t->cells[(size_t)r * (size_t)t->n_cols], t->n_cols, w, t->center,
			   false);
		double rh = cells_height(c, t->n_cols) + 2 * CELL_PAD_Y;
		double fresh = p->bottom - p->top - hh;
		/* A row that fits on a page is not split. */
		if (p->y + rh > p->bottom && rh <= fresh) {
			new_page(p);
			header_row(p, t, x, w);
		}
		bool force = p->y <= p->top + hh + 0.5;
		while (row_slice(p, c, t->n_cols, x, w, force, false)) {
			new_page(p);
			header_row(p, t, x, w);
			force = true;
		}
		cells_release(c, t->n_cols);
	}
	p->y += 6;
}

static void body(struct pdf *p)
{
	const struct doc *d = p->d;
	for (int i = 0; i < d->n_blocks; i++) {
		const struct doc_block *k = &d->blocks[i];
		struct tstyle s = {.size = BODY_PT,
				   .align = PANGO_ALIGN_LEFT,
				   .justify = true,
				   .indent = INDENT};
		char *text = NULL;
		switch (k->kind) {
		case DOC_HEADING:
			s.bold = k->level <= 3;
			s.italic = k->level >= 3;
			text = *k->label ? g_strdup_printf("%s %s", k->label, k->text)
					 : g_strdup(k->text);
			body_text(p, text, &s, k->level == 1 ? 9 : 6, 3, true);
			break;
		case DOC_PARAGRAPH:
		case DOC_LIST_ITEM:
			s.bold = k->flags & DOC_BOLD;
			s.italic = k->flags & DOC_ITALIC;
			if (k->flags & DOC_CENTER) {
				s.align = PANGO_ALIGN_CENTER;
				s.justify = false;
			}
			if (k->flags & DOC_NO_INDENT)
				s.indent = 0;
			text = k->kind == DOC_LIST_ITEM && *k->label
				       ? g_strdup_printf("%s %s", k->label, k->text)
				       : g_strdup(k->text);
			body_text(p, text, &s, 3, 3, false);
			break;
		case DOC_TABLE:
			table(p, k->table);
			break;
		}
		g_free(text);
	}
}

/* Recipients on the left, the signature on the right, kept together. */
static void foot_block(struct pdf *p)
{
	const struct doc *d = p->d;
	double wl = p->width * 0.45, wr = p->width - wl, xr = p->x0 + wl;
	struct buf b;
	buf_init(&b, 1u << 20);
	for (int i = 0; i < d->n_recipients; i++)
		buf_printf(&b, "- %s,\n", d->recipients[i]);
	if (*d->archive)
		buf_printf(&b, "- %s", d->archive);
	struct tstyle hs = {.size = BODY_PT, .bold = true, .italic = true, .underline = true};
	struct tstyle r = {.size = SMALL_PT};
	PangoLayout *lh = layout(p, "Nơi nhận:", wl, &hs);
	PangoLayout *lr = layout(p, b.data, wl - 6, &r);
	buf_release(&b);

	struct tstyle s = {.size = BODY_PT, .bold = true, .align = PANGO_ALIGN_CENTER};
	char *role = *d->sign.on_behalf
			     ? g_strdup_printf("%s\n%s", d->sign.on_behalf, d->sign.title)
			     : g_strdup(d->sign.title);
	PangoLayout *ls = layout(p, role, wr, &s);
	PangoLayout *ln = layout(p, d->sign.name, wr, &s);
	g_free(role);
	const double gap = 62; /* room to sign and stamp */
	double hl = layout_height(lh) + layout_height(lr);
	double hr = layout_height(ls) + gap + layout_height(ln);
	double h = hl > hr ? hl : hr;
	p->y += 12;
	if (p->y + h > p->bottom && p->y > p->top)
		new_page(p);
	double y = p->y;
	y += draw_at(p, lh, p->x0, y);
	draw_at(p, lr, p->x0, y);
	y = p->y + draw_at(p, ls, xr, p->y) + gap;
	draw_at(p, ln, xr, y);
	p->y += h;
	g_object_unref(lh);
	g_object_unref(lr);
	g_object_unref(ls);
	g_object_unref(ln);
}

int pdf_write(const struct doc *d, char **out, size_t *len, int *pages, struct kh_error *err)
{
	struct pdf p = {.d = d};
	int rc = 0;
	*out = NULL;
	*len = 0;
	buf_init(&p.out, PDF_LIMIT);
	pthread_mutex_lock(&font_lock);
	p.surface = cairo_pdf_surface_create_for_stream(write_cb, &p.out, A4_W, A4_H);
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS) {
		rc = kh_fail(err, KH_EIO, NULL, "Không tạo được tệp PDF: %s",
			     cairo_status_to_string(cairo_surface_status(p.surface)));
		goto out;
	}
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE,
				       *d->title ? d->title : d->subject);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "kehoach");
	if (d->created_at > 0) {
		struct tm tm;
		time_t t = (time_t)d->created_at;
		char iso[32];
		if (gmtime_r(&t, &tm) && strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm))
			cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATE_DATE,
						       iso);
	}
	p.cr = cairo_create(p.surface);
	if (!font_map)
		font_map = pango_cairo_font_map_new();
	p.pango = pango_font_map_create_context(font_map);
	pango_cairo_context_set_resolution(p.pango, 72);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p.pango, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_update_context(p.cr, p.pango);
	cairo_set_source_rgb(p.cr, 0, 0, 0);

	p.x0 = d->margin_left * MM;
	p.width = A4_W - (d->margin_left + d->margin_right) * MM;
	p.top = d->margin_top * MM;
	p.bottom = A4_H - d->margin_bottom * MM;
	p.page = 1;
	p.y = p.top;

	header_block(&p);
	title_block(&p);
	body(&p);
	foot_block(&p);
	cairo_show_page(p.cr);

	cairo_destroy(p.cr);
	p.cr = NULL;
	cairo_surface_finish(p.surface);
	cairo_status_t st = cairo_surface_status(p.surface);
	if (buf_failed(&p.out)) {
		rc = kh_fail(err, KH_ETOOBIG, NULL, "Văn bản quá lớn để xuất ra tệp PDF");
		goto out;
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		rc = kh_fail(err, KH_EIO, NULL, "Không tạo được tệp PDF: %s",
			     cairo_status_to_string(st));
		goto out;
	}
	if (pages)
		*pages = p.page;
	*len = p.out.len;
	*out = buf_take(&p.out);
out:
	if (p.cr)
		cairo_destroy(p.cr);
	if (p.pango)
		g_object_unref(p.pango);
	if (p.surface)
		cairo_surface_destroy(p.surface);
	pthread_mutex_unlock(&font_lock);
	buf_release(&p.out);
	return rc;
}
