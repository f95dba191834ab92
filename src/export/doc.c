/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The description of an official document that the DOCX and PDF writers
 * share (export/doc.h): building it block by block, every string copied into
 * the doc's own arena, and the few text forms the format fixes — capitals
 * for the bodies' names and the place and date line.
 */
#include "core/common.h"
#include "export/doc.h"

#include <string.h>
#include <utf8proc.h>

void doc_init(struct doc *d)
{
	memset(d, 0, sizeof(*d));
	arena_init(&d->arena, 16 * 1024);
	d->party = "ĐẢNG CỘNG SẢN VIỆT NAM";
	d->upper_body = d->issuer = d->number = d->about = d->place_date = "";
	d->type = d->subject = d->title = "";
	d->archive = "Lưu VP.";
	d->sign.on_behalf = d->sign.title = d->sign.name = "";
	d->margin_top = 20;
	d->margin_bottom = 20;
	d->margin_left = 30;
	d->margin_right = 15;
}

void doc_release(struct doc *d)
{
	arena_release(&d->arena);
	memset(d, 0, sizeof(*d));
}

const char *doc_str(struct doc *d, const char *s)
{
	return arena_strdup(&d->arena, s ? s : "");
}

const char *doc_caps(struct doc *d, const char *s)
{
	if (!s)
		return "";
	size_t n = strlen(s);
	/* Upper case never takes more than 4 bytes per code point, and a
	 * code point takes at least one byte. */
	char *out = arena_alloc(&d->arena, xadd(xmul(n, 4), 1));
	size_t o = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
		if (k <= 0) { /* not UTF-8: copy the byte as it is */
			out[o++] = (char)*p++;
			continue;
		}
		p += k;
		o += (size_t)utf8proc_encode_char(utf8proc_toupper(c), (utf8proc_uint8_t *)out + o);
	}
	out[o] = '\0';
	return out;
}

const char *doc_place_date(struct doc *d, const char *place, int year, int month, int day)
{
	return arena_printf(&d->arena, "%s%sngày %s%d tháng %s%d năm %d", place ? place : "",
			    place && *place ? ", " : "", day < 10 ? "0" : "", day,
			    month < 3 ? "0" : "", month, year);
}

/* Grows an arena array of elem-sized slots to hold one more than *n. */
static void *grow(struct doc *d, void *v, int n, int *cap, size_t elem)
{
	if (n < *cap)
		return v;
	int ncap = *cap ? *cap * 2 : 16;
	void *nv = arena_alloc(&d->arena, xmul((size_t)ncap, elem));
	if (n)
		memcpy(nv, v, xmul((size_t)n, elem));
	*cap = ncap;
	return nv;
}

static struct doc_block *add_block(struct doc *d, enum doc_block_kind kind)
{
	d->blocks = grow(d, d->blocks, d->n_blocks, &d->cap_blocks, sizeof(*d->blocks));
	struct doc_block *b = &d->blocks[d->n_blocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->label = b->text = "";
	return b;
}

static int clamp_level(int level)
{
	return level < 1 ? 1 : level > 4 ? 4 : level;
}

void doc_heading(struct doc *d, int level, const char *label, const char *text)
{
	struct doc_block *b = add_block(d, DOC_HEADING);
	b->level = clamp_level(level);
	b->label = doc_str(d, label);
	b->text = doc_str(d, text);
}

void doc_paragraph(struct doc *d, int flags, const char *text)
{
	struct doc_block *b = add_block(d, DOC_PARAGRAPH);
	b->flags = flags;
	b->text = doc_str(d, text);
}

void doc_list_item(struct doc *d, int level, int flags, const char *label, const char *text)
{
	struct doc_block *b = add_block(d, DOC_LIST_ITEM);
	b->level = clamp_level(level);
	b->flags = flags;
	b->label = doc_str(d, label);
	b->text = doc_str(d, text);
}

struct doc_table *doc_table(struct doc *d, int n_cols, const char *const *headers,
			    const int *widths, const int *center)
{
	if (n_cols < 1)
		n_cols = 1;
	if (n_cols > DOC_TABLE_MAX_COLS)
		n_cols = DOC_TABLE_MAX_COLS;
	struct doc_table *t = arena_alloc(&d->arena, sizeof(*t));
	t->n_cols = n_cols;
	int total = 0;
	for (int i = 0; i < n_cols; i++) {
		t->headers[i] = doc_str(d, headers ? headers[i] : NULL);
		t->widths[i] = widths && widths[i] > 0 ? widths[i] : 100 / n_cols;
		t->center[i] = center ? center[i] : 0;
		total += t->widths[i];
	}
	/* Widths that do not add up to 100 are scaled to. */
	if (total != 100)
		for (int i = 0; i < n_cols; i++)
			t->widths[i] = t->widths[i] * 100 / total;
	struct doc_block *b = add_block(d, DOC_TABLE);
	b->table = t;
	return t;
}

void doc_table_row(struct doc *d, struct doc_table *t, const char *const *cells)
{
	t->cells = grow(d, (void *)t->cells, t->n_rows, &t->cap_rows,
			xmul(sizeof(*t->cells), (size_t)t->n_cols));
	const char **row = &t->cells[(size_t)t->n_rows * (size_t)t->n_cols];
	for (int i = 0; i < t->n_cols; i++)
		row[i] = doc_str(d, cells[i]);
	t->n_rows++;
}

void doc_recipient(struct doc *d, const char *text)
{
	d->recipients =
		grow(d, d->recipients, d->n_recipients, &d->cap_recipients, sizeof(*d->recipients));
	d->recipients[d->n_recipients++] = doc_str(d, text);
}

void doc_addressee(struct doc *d, const char *text)
{
	d->addressees =
		grow(d, d->addressees, d->n_addressees, &d->cap_addressees, sizeof(*d->addressees));
	d->addressees[d->n_addressees++] = doc_str(d, text);
}
