/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * DOCX to plain text (see docx.h). The package is opened from memory with
 * libzip (zip_source_buffer_create); its parts are unpacked with a size
 * bound and read with libxml2's streaming reader, never loading a DTD or an
 * external entity. word/styles.xml gives the numbering of paragraph styles
 * (Word's "List Number", headings numbered through their style),
 * word/numbering.xml the format of each list level; word/document.xml is
 * then walked once, keeping one counter per list instance and level, and
 * each paragraph written as one line.
 */
#include "core/common.h"
#include "text/ooxml.h"
#include "core/buf.h"
#include "text/docx.h"

#include <libxml/xmlreader.h>
#include <zip.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define MAX_LEVELS 9
#define MAX_LISTS 512
#define MAX_STYLES 512

bool docx_sniff(const void *bytes, size_t len)
{
	return bytes && len >= 4 && memcmp(bytes, "PK\3\4", 4) == 0;
}

/* ---- the package ---- */

/* Element of the w: namespace named name? */
static bool is_w(xmlTextReaderPtr r, const char *name)
{
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
	const xmlChar *ln = xmlTextReaderConstLocalName(r);
	return ns && ln && strcmp((const char *)ns, W_NS) == 0 &&
	       strcmp((const char *)ln, name) == 0;
}

/* The w:val (or another w: attribute) of the current element; caller frees. */
static char *w_attr(xmlTextReaderPtr r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(r, (const xmlChar *)name, (const xmlChar *)W_NS);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int w_int(xmlTextReaderPtr r, const char *name, int def)
{
	char *s = w_attr(r, name);
	if (!s)
		return def;
	char *end;
	long v = strtol(s, &end, 10);
	bool ok = !*end && end != s && v >= -1000000 && v <= 1000000;
	free(s);
	return ok ? (int)v : def;
}

/* A w:val that switches a property off ("0", "false", "off"). */
static bool w_on(xmlTextReaderPtr r)
{
	char *s = w_attr(r, "val");
	bool on = !s || !(strcmp(s, "0") == 0 || strcmp(s, "false") == 0 || strcmp(s, "off") == 0);
	free(s);
	return on;
}

/* ---- numbering ---- */

enum fmt {
	FMT_DECIMAL,
	FMT_LOWER_LETTER,
	FMT_UPPER_LETTER,
	FMT_LOWER_ROMAN,
	FMT_UPPER_ROMAN,
	FMT_BULLET,
	FMT_NONE
};

struct level {
	enum fmt fmt;
	int start;
	char text[32]; /* lvlText: "%1.", "%1.%2.", "-" */
	bool set;
};

struct abstract {
	int id;
	struct level lv[MAX_LEVELS];
};

struct list {
	int num_id;
	int abstract_id;
	int start_override[MAX_LEVELS]; /* -1 = none */
	int count[MAX_LEVELS];
	bool used[MAX_LEVELS];
};

struct style {
	char id[64];
	char based_on[64];
	int num_id; /* -1 = not set */
	int ilvl;
};

struct numbering {
	struct abstract *abs;
	int n_abs;
	struct list *lists;
	int n_lists;
	struct style *styles;
	int n_styles;
};

static void numbering_release(struct numbering *n)
{
	free(n->abs);
	free(n->lists);
	free(n->styles);
	memset(n, 0, sizeof(*n));
}

static enum fmt fmt_of(const char *s)
{
	if (!s)
		return FMT_DECIMAL;
	if (strcmp(s, "lowerLetter") == 0)
		return FMT_LOWER_LETTER;
	if (strcmp(s, "upperLetter") == 0)
		return FMT_UPPER_LETTER;
	if (strcmp(s, "lowerRoman") == 0)
		return FMT_LOWER_ROMAN;
	if (strcmp(s, "upperRoman") == 0)
		return FMT_UPPER_ROMAN;
	if (strcmp(s, "bullet") == 0)
		return FMT_BULLET;
	if (strcmp(s, "none") == 0)
		return FMT_NONE;
	return FMT_DECIMAL;
}

static void read_numbering(const char *data, size_t len, struct numbering *nb)
{
	xmlTextReaderPtr r = ooxml_xml_reader(data, len);
	if (!r)
		return;
	struct abstract *cur_abs = NULL;
	struct list *cur_list = NULL;
	struct level *cur_lv = NULL;
	int override_lvl = -1;
	while (xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		if (is_w(r, "abstractNum") && nb->n_abs < MAX_LISTS) {
			nb->abs = xrealloc(nb->abs, xmul((size_t)nb->n_abs + 1, sizeof(*nb->abs)));
			cur_abs = &nb->abs[nb->n_abs++];
			memset(cur_abs, 0, sizeof(*cur_abs));
			cur_abs->id = w_int(r, "abstractNumId", -1);
			cur_list = NULL;
			cur_lv = NULL;
		} else if (is_w(r, "lvl") && cur_abs && !cur_list) {
			int i = w_int(r, "ilvl", -1);
			cur_lv = i >= 0 && i < MAX_LEVELS ? &cur_abs->lv[i] : NULL;
			if (cur_lv) {
				memset(cur_lv, 0, sizeof(*cur_lv));
				cur_lv->start = 1;
				cur_lv->set = true;
			}
		} else if (is_w(r, "start") && cur_lv) {
			cur_lv->start = w_int(r, "val", 1);
		} else if (is_w(r, "numFmt") && cur_lv) {
			char *v = w_attr(r, "val");
			cur_lv->fmt = fmt_of(v);
			free(v);
		} else if (is_w(r, "lvlText") && cur_lv) {
			char *v = w_attr(r, "val");
			snprintf(cur_lv->text, sizeof(cur_lv->text), "%s", v ? v : "");
			free(v);
		} else if (is_w(r, "num") && nb->n_lists < MAX_LISTS) {
			nb->lists = xrealloc(nb->lists,
					     xmul((size_t)nb->n_lists + 1, sizeof(*nb->lists)));
			cur_list = &nb->lists[nb->n_lists++];
			memset(cur_list, 0, sizeof(*cur_list));
			cur_list->num_id = w_int(r, "numId", -1);
			cur_list->abstract_id = -1;
			for (int i = 0; i < MAX_LEVELS; i++)
				cur_list->start_override[i] = -1;
			cur_abs = NULL;
			cur_lv = NULL;
		} else if (is_w(r, "abstractNumId") && cur_list) {
			cur_list->abstract_id = w_int(r, "val", -1);
		} else if (is_w(r, "lvlOverride") && cur_list) {
			override_lvl = w_int(r, "ilvl", -1);
		} else if (is_w(r, "startOverride") && cur_list && override_lvl >= 0 &&
			   override_lvl < MAX_LEVELS) {
			cur_list->start_override[override_lvl] = w_int(r, "val", 1);
		}
	}
	xmlFreeTextReader(r);
}

static void read_styles(const char *data, size_t len, struct numbering *nb)
{
	xmlTextReaderPtr r = ooxml_xml_reader(data, len);
	if (!r)
		return;
	struct style *cur = NULL;
	while (xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		if (is_w(r, "style") && nb->n_styles < MAX_STYLES) {
			nb->styles = xrealloc(nb->styles,
					      xmul((size_t)nb->n_styles + 1, sizeof(*nb->styles)));
			cur = &nb->styles[nb->n_styles++];
			memset(cur, 0, sizeof(*cur));
			cur->num_id = -1;
			char *id = w_attr(r, "styleId");
			snprintf(cur->id, sizeof(cur->id), "%s", id ? id : "");
			free(id);
		} else if (is_w(r, "basedOn") && cur) {
			char *v = w_attr(r, "val");
			snprintf(cur->based_on, sizeof(cur->based_on), "%s", v ? v : "");
			free(v);
		} else if (is_w(r, "numId") && cur) {
			cur->num_id = w_int(r, "val", -1);
		} else if (is_w(r, "ilvl") && cur) {
			cur->ilvl = w_int(r, "val", 0);
		}
	}
	xmlFreeTextReader(r);
}

static const struct style *find_style(const struct numbering *nb, const char *id)
{
	for (int i = 0; i < nb->n_styles; i++)
		if (strcmp(nb->styles[i].id, id) == 0)
			return &nb->styles[i];
	return NULL;
}

/* The numbering a style gives, following basedOn a few steps. */
static void style_numbering(const struct numbering *nb, const char *id, int *num_id, int *ilvl)
{
	for (int guard = 0; guard < 8 && id && *id; guard++) {
		const struct style *s = find_style(nb, id);
		if (!s)
			return;
		if (s->num_id >= 0) {
			*num_id = s->num_id;
			*ilvl = s->ilvl;
			return;
		}
		id = s->based_on;
	}
}

static struct list *find_list(struct numbering *nb, int num_id)
{
	for (int i = 0; i < nb->n_lists; i++)
		if (nb->lists[i].num_id == num_id)
			return &nb->lists[i];
	return NULL;
}

static const struct abstract *find_abstract(const struct numbering *nb, int id)
{
	for (int i = 0; i < nb->n_abs; i++)
		if (nb->abs[i].id == id)
			return &nb->abs[i];
	return NULL;
}

static void put_roman(struct buf *b, int v, bool upper)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
		 {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
		 {5, "v"},    {4, "iv"},   {1, "i"}};
	if (v <= 0 || v > 3999) {
		buf_printf(b, "%d", v);
		return;
	}
	for (size_t i = 0; i < KH_ARRAY_LEN(r); i++)
		while (v >= r[i].v) {
			for (const char *p = r[i].s; *p; p++)
				buf_putc(b, upper ? (char)(*p - 32) : *p);
			v -= r[i].v;
		}
}

static void put_counter(struct buf *b, enum fmt f, int v)
{
	switch (f) {
	case FMT_LOWER_LETTER:
	case FMT_UPPER_LETTER: {
		if (v <= 0) {
			buf_printf(b, "%d", v);
			break;
		}
		/* a..z, then aa, bb… as Word does */
		int rep = (v - 1) / 26 + 1;
		char c = (char)((f == FMT_LOWER_LETTER ? 'a' : 'A') + (v - 1) % 26);
		for (int i = 0; i < rep && i < 8; i++)
			buf_putc(b, c);
		break;
	}
	case FMT_LOWER_ROMAN:
		put_roman(b, v, false);
		break;
	case FMT_UPPER_ROMAN:
		put_roman(b, v, true);
		break;
	default:
		buf_printf(b, "%d", v);
	}
}

/* The label of a numbered paragraph ("1.2. ", "a) ", "- "), advancing the
 * list's counters. */
static void number_label(struct numbering *nb, int num_id, int ilvl, struct buf *out)
{
	struct list *l = find_list(nb, num_id);
	if (!l || ilvl < 0 || ilvl >= MAX_LEVELS)
		return;
	const struct abstract *a = find_abstract(nb, l->abstract_id);
	if (!a)
		return;
	const struct level *lv = &a->lv[ilvl];
	if (!lv->set || lv->fmt == FMT_NONE)
		return;
	if (lv->fmt == FMT_BULLET) {
		const char *t = lv->text;
		if (strcmp(t, "-") == 0 || strcmp(t, "+") == 0 || strcmp(t, "*") == 0 ||
		    strcmp(t, "•") == 0)
			buf_puts(out, t);
		else if (strcmp(t, "–") == 0 || strcmp(t, "—") == 0)
			buf_putc(out, '-');
		else {
			/* the first bullet level of the list is "-", the second "+" */
			int nb_before = 0;
			for (int i = 0; i < ilvl; i++)
				nb_before += a->lv[i].set && a->lv[i].fmt == FMT_BULLET;
			buf_puts(out, nb_before == 0 ? "-" : nb_before == 1 ? "+" : "•");
		}
		buf_putc(out, ' ');
		return;
	}
	for (int i = 0; i < MAX_LEVELS; i++) {
		int start = l->start_override[i] >= 0 ? l->start_override[i] : a->lv[i].start;
		if (i == ilvl) {
			l->count[i] = l->used[i] ? l->count[i] + 1 : start;
			l->used[i] = true;
		} else if (i > ilvl) {
			l->used[i] = false;
		} else if (!l->used[i]) {
			l->count[i] = start;
			l->used[i] = true;
		}
	}
	size_t mark = out->len;
	for (const char *p = lv->text; *p; p++) {
		if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
			int k = p[1] - '1';
			put_counter(out, a->lv[k].set ? a->lv[k].fmt : FMT_DECIMAL, l->count[k]);
			p++;
		} else {
			buf_putc(out, *p);
		}
	}
	if (out->len > mark)
		buf_putc(out, ' ');
}

/* ---- the body ---- */

struct walker {
	struct buf out;
	struct buf line;
	bool italic_open;
	int num_id, ilvl;
	char style[64];
	bool has_numpr;
	bool in_ppr, in_rpr, in_run;
	bool run_italic;
	int p_depth;
	/* Tables: the outermost table's rows are gathered cell by cell; a row
	 * of three or more cells is written as one line, its cells separated
	 * by tabs (the importer reads task tables from such lines); a row of
	 * one or two cells — a layout table such as the header block — is
	 * written as each cell's lines, one after the other. */
	int tbl_depth;
	bool in_cell;
	struct buf cell_lines;	/* this row's cells, line by line */
	struct buf cell_joined; /* this row's cells, one per tab-separated field */
	int n_cells;
};

static void close_italic(struct walker *w)
{
	if (w->italic_open) {
		/* the marker goes before trailing spaces: "*chữ* " */
		size_t n = w->line.len;
		while (n && w->line.data[n - 1] == ' ')
			n--;
		size_t spaces = w->line.len - n;
		buf_truncate(&w->line, n);
		buf_putc(&w->line, '*');
		for (size_t i = 0; i < spaces; i++)
			buf_putc(&w->line, ' ');
		w->italic_open = false;
	}
}

static void flush_line(struct walker *w, struct numbering *nb)
{
	close_italic(w);
	if (w->has_numpr || w->style[0]) {
		int num_id = -1, ilvl = 0;
		if (w->style[0])
			style_numbering(nb, w->style, &num_id, &ilvl);
		if (w->has_numpr && w->num_id >= 0) {
			num_id = w->num_id;
			ilvl = w->ilvl;
		}
		if (w->has_numpr && w->num_id == 0)
			num_id = -1; /* numbering switched off */
		if (num_id > 0 && w->line.len)
			number_label(nb, num_id, ilvl, &w->out);
	}
	if (w->in_cell) {
		buf_add(&w->cell_lines, w->line.data, w->line.len);
		buf_putc(&w->cell_lines, '\n');
		/* inside the row's field, breaks and tabs become spaces */
		size_t at = w->cell_joined.len;
		if (w->line.len && at && w->cell_joined.data[at - 1] != '\t')
			buf_putc(&w->cell_joined, ' ');
		for (size_t i = 0; i < w->line.len; i++) {
			char c = w->line.data[i];
			buf_putc(&w->cell_joined, c == '\t' || c == '\n' ? ' ' : c);
		}
	} else {
		buf_add(&w->out, w->line.data, w->line.len);
		buf_putc(&w->out, '\n');
	}
	buf_clear(&w->line);
	w->has_numpr = false;
	w->num_id = -1;
	w->ilvl = 0;
	w->style[0] = 0;
}

static void add_text(struct walker *w, const char *s)
{
	if (!*s)
		return;
	if (w->run_italic && !w->italic_open) {
		/* open after leading spaces: " *chữ*" */
		while (*s == ' ') {
			buf_putc(&w->line, ' ');
			s++;
		}
		if (!*s)
			return;
		buf_putc(&w->line, '*');
		w->italic_open = true;
	} else if (!w->run_italic) {
		close_italic(w);
	}
	buf_puts(&w->line, s);
}

/* The end of a table row: one tab-separated line for a row of three or
 * more cells, else the cells' own lines. */
static void end_row(struct walker *w)
{
	if (w->n_cells >= 3) {
		buf_add(&w->out, w->cell_joined.data, w->cell_joined.len);
		buf_putc(&w->out, '\n');
	} else {
		buf_add(&w->out, w->cell_lines.data, w->cell_lines.len);
	}
	buf_clear(&w->cell_lines);
	buf_clear(&w->cell_joined);
	w->n_cells = 0;
}

/* Skips the subtree of the current element (w:del, w:instrText, mc:Fallback…). */
static int skip_subtree(xmlTextReaderPtr r)
{
	if (xmlTextReaderIsEmptyElement(r))
		return 1;
	int depth = xmlTextReaderDepth(r);
	int rc;
	while ((rc = xmlTextReaderRead(r)) == 1)
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(r) == depth)
			break;
	return rc;
}

static int walk_document(const char *data, size_t len, struct numbering *nb, struct walker *w,
			 struct kh_error *err)
{
	xmlTextReaderPtr r = ooxml_xml_reader(data, len);
	if (!r)
		return kh_fail(err, KH_EINVAL, "file",
			       "Tệp DOCX bị hỏng (không đọc được nội dung)");
	int rc;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_ELEMENT) {
			const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
			const xmlChar *ln = xmlTextReaderConstLocalName(r);
			bool empty = xmlTextReaderIsEmptyElement(r);
			if (ns && ln && strcmp((const char *)ns, MC_NS) == 0 &&
			    strcmp((const char *)ln, "Fallback") == 0) {
				if ((rc = skip_subtree(r)) != 1)
					break;
				continue;
			}
			if (is_w(r, "del") || is_w(r, "instrText") || is_w(r, "delText") ||
			    is_w(r, "footnoteReference") || is_w(r, "commentReference")) {
				if ((rc = skip_subtree(r)) != 1)
					break;
				continue;
			}
			if (is_w(r, "tbl") && !empty) {
				w->tbl_depth++;
			} else if (is_w(r, "tr") && w->tbl_depth == 1 && !empty) {
				buf_clear(&w->cell_lines);
				buf_clear(&w->cell_joined);
				w->n_cells = 0;
			} else if (is_w(r, "tc") && w->tbl_depth == 1 && !empty) {
				if (w->n_cells++)
					buf_putc(&w->cell_joined, '\t');
				w->in_cell = true;
			} else if (is_w(r, "p")) {
				if (w->p_depth > 0 && w->line.len)
					flush_line(w, nb); /* a text box inside a paragraph */
				if (empty) {
					flush_line(w, nb);
				} else {
					w->p_depth++;
				}
			} else if (is_w(r, "pPr")) {
				w->in_ppr = !empty;
			} else if (is_w(r, "pStyle") && w->in_ppr) {
				char *v = w_attr(r, "val");
				snprintf(w->style, sizeof(w->style), "%s", v ? v : "");
				free(v);
			} else if (is_w(r, "numPr") && w->in_ppr) {
				w->has_numpr = true;
			} else if (is_w(r, "numId") && w->in_ppr) {
				w->num_id = w_int(r, "val", -1);
			} else if (is_w(r, "ilvl") && w->in_ppr) {
				w->ilvl = w_int(r, "val", 0);
			} else if (is_w(r, "r")) {
				w->in_run = !empty;
				w->run_italic = false;
			} else if (is_w(r, "rPr") && w->in_run) {
				w->in_rpr = !empty;
			} else if ((is_w(r, "i") || is_w(r, "iCs")) && w->in_rpr) {
				if (w_on(r))
					w->run_italic = true;
			} else if (is_w(r, "t") && w->in_run && !empty) {
				xmlChar *s = xmlTextReaderReadString(r);
				if (s)
					add_text(w, (const char *)s);
				xmlFree(s);
			} else if (is_w(r, "tab") && w->in_run) {
				close_italic(w);
				buf_putc(&w->line, '\t');
			} else if ((is_w(r, "br") || is_w(r, "cr")) && w->in_run) {
				close_italic(w);
				buf_putc(&w->line, '\n');
			} else if (is_w(r, "noBreakHyphen") && w->in_run) {
				add_text(w, "-");
			} else if (is_w(r, "sym") && w->in_run) {
				add_text(w, "•");
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (is_w(r, "tbl") && w->tbl_depth > 0) {
				w->tbl_depth--;
			} else if (is_w(r, "tc") && w->tbl_depth == 1) {
				if (w->line.len)
					flush_line(w, nb);
				w->in_cell = false;
			} else if (is_w(r, "tr") && w->tbl_depth == 1) {
				end_row(w);
			} else if (is_w(r, "p") && w->p_depth > 0) {
				w->p_depth--;
				flush_line(w, nb);
			} else if (is_w(r, "pPr")) {
				w->in_ppr = false;
			} else if (is_w(r, "r")) {
				w->in_run = false;
				w->run_italic = false;
			} else if (is_w(r, "rPr")) {
				w->in_rpr = false;
			}
		}
		if (buf_failed(&w->out) || buf_failed(&w->line) || buf_failed(&w->cell_lines) ||
		    buf_failed(&w->cell_joined))
			break;
	}
	xmlFreeTextReader(r);
	if (buf_failed(&w->out) || buf_failed(&w->line) || buf_failed(&w->cell_lines) ||
	    buf_failed(&w->cell_joined))
		return kh_fail(err, KH_ETOOBIG, "file", "Nội dung tệp DOCX quá lớn");
	if (rc < 0)
		return kh_fail(err, KH_EINVAL, "file", "Tệp DOCX bị hỏng (XML không hợp lệ)");
	return 0;
}

int docx_to_text(const void *bytes, size_t len, char **out, size_t *out_len, struct kh_error *err)
{
	*out = NULL;
	*out_len = 0;
	zip_error_t zerr;
	zip_error_init(&zerr);
	struct numbering nb = {0};
	struct walker w = {0};
	char *doc = NULL, *part = NULL;
	size_t doc_len = 0, part_len = 0;
	int rc = 0;
	zip_t *z = NULL;
	if (!docx_sniff(bytes, len)) {
		rc = kh_fail(err, KH_EINVAL, "file", "Tệp không phải DOCX (không phải gói ZIP)");
		goto out;
	}
	zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &zerr);
	if (!src) {
		rc = kh_fail(err, KH_EINVAL, "file", "Không mở được tệp DOCX");
		goto out;
	}
	z = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!z) {
		zip_source_free(src);
		rc = kh_fail(err, KH_EINVAL, "file", "Tệp DOCX bị hỏng (không đọc được gói ZIP)");
		goto out;
	}
	rc = ooxml_read_part(z, DOCX_MAX_PART, "DOCX", "word/document.xml", &doc, &doc_len, err);
	if (rc == KH_ENOTFOUND)
		rc = kh_fail(err, KH_EINVAL, "file",
			     "Tệp không phải văn bản Word (thiếu word/document.xml)");
	if (rc)
		goto out;
	if (ooxml_read_part(z, DOCX_MAX_PART, "DOCX", "word/styles.xml", &part, &part_len, err) ==
	    0)
		read_styles(part, part_len, &nb);
	free(part);
	part = NULL;
	if (ooxml_read_part(z, DOCX_MAX_PART, "DOCX", "word/numbering.xml", &part, &part_len,
			    err) == 0)
		read_numbering(part, part_len, &nb);
	free(part);
	part = NULL;
	kh_error_clear(err);
	buf_init(&w.out, DOCX_MAX_PART);
	buf_init(&w.line, DOCX_MAX_PART);
	buf_init(&w.cell_lines, DOCX_MAX_PART);
	buf_init(&w.cell_joined, DOCX_MAX_PART);
	w.num_id = -1;
	rc = walk_document(doc, doc_len, &nb, &w, err);
	if (rc)
		goto out;
	if (w.line.len)
		flush_line(&w, &nb);
	*out_len = w.out.len;
	*out = buf_take(&w.out);
out:
	if (z)
		zip_discard(z);
	zip_error_fini(&zerr);
	free(doc);
	free(part);
	buf_release(&w.out);
	buf_release(&w.line);
	buf_release(&w.cell_lines);
	buf_release(&w.cell_joined);
	numbering_release(&nb);
	return rc;
}
