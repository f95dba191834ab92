/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * XLSX to cells (see xlsx_read.h). The package is opened from memory with
 * libzip; each part is unpacked with a size bound and walked once with
 * libxml2's streaming reader (no DTD, no network). Elements are matched by
 * their local name only, so a sheet written with a namespace prefix
 * ("x:c") reads the same as one with the default namespace. The workbook
 * gives the sheets in order and their relationship ids, the workbook's
 * relationships give each sheet's part (and the shared strings' part);
 * the shared strings are read into a table, then every worksheet's cells
 * are collected, sorted by position (a later duplicate wins) for lookups by
 * binary search.
 */
#include "core/common.h"
#include "text/ooxml.h"
#include "core/buf.h"
#include "text/xlsx_read.h"

#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define MAX_STRINGS 1000000
#define MAX_TEXT (1u * 1024 * 1024) /* one cell's or string's text */

/* ---- the package ---- */

static bool named(xmlTextReaderPtr r, const char *name)
{
	const xmlChar *ln = xmlTextReaderConstLocalName(r);
	return ln && strcmp((const char *)ln, name) == 0;
}

/* An attribute without namespace; arena copy or NULL. */
static const char *attr(struct arena *a, xmlTextReaderPtr r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
	if (!v)
		return NULL;
	const char *s = arena_strdup(a, (const char *)v);
	xmlFree(v);
	return s;
}

/* The r:id of a sheet, in the transitional or the strict namespace. */
static const char *rel_id(struct arena *a, xmlTextReaderPtr r)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(r, (const xmlChar *)"id", (const xmlChar *)REL_NS);
	if (!v)
		v = xmlTextReaderGetAttributeNs(r, (const xmlChar *)"id",
						(const xmlChar *)REL_NS_STRICT);
	if (!v)
		return NULL;
	const char *s = arena_strdup(a, (const char *)v);
	xmlFree(v);
	return s;
}

static int broken(struct kh_error *err, const char *part)
{
	return kh_fail(err, KH_EINVAL, "file", "Tệp Excel bị hỏng (phần %s không đọc được)", part);
}

/* Appends text decoding _xHHHH_ escapes (a code point that is not a valid
 * scalar value is kept as written). */
static void put_decoded(struct buf *b, const char *s)
{
	while (*s) {
		const char *u = strstr(s, "_x");
		if (!u) {
			buf_puts(b, s);
			return;
		}
		buf_add(b, s, (size_t)(u - s));
		unsigned cp = 0;
		int k = 0;
		for (; k < 4; k++) {
			char c = u[2 + k];
			int v = c >= '0' && c <= '9'   ? c - '0'
				: c >= 'a' && c <= 'f' ? c - 'a' + 10
				: c >= 'A' && c <= 'F' ? c - 'A' + 10
						       : -1;
			if (v < 0)
				break;
			cp = cp * 16 + (unsigned)v;
		}
		if (k < 4 || u[6] != '_' || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
			buf_add(b, u, 2);
			s = u + 2;
			continue;
		}
		char enc[4];
		size_t n;
		if (cp < 0x80) {
			enc[0] = (char)cp;
			n = 1;
		} else if (cp < 0x800) {
			enc[0] = (char)(0xC0 | (cp >> 6));
			enc[1] = (char)(0x80 | (cp & 0x3F));
			n = 2;
		} else {
			enc[0] = (char)(0xE0 | (cp >> 12));
			enc[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
			enc[2] = (char)(0x80 | (cp & 0x3F));
			n = 3;
		}
		buf_add(b, enc, n);
		s = u + 7;
	}
}

/* Collects the text of the <t> elements under the current element (an <si>
 * or an <is>), skipping phonetic runs (<rPh>), until its end. The reader
 * stands on the opening element. */
static int rich_text(xmlTextReaderPtr r, struct buf *b)
{
	if (xmlTextReaderIsEmptyElement(r))
		return 0;
	int depth = xmlTextReaderDepth(r), in_t = 0, in_ph = 0, rc;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (xmlTextReaderDepth(r) == depth)
				return 0;
			if (named(r, "t") && in_t)
				in_t--;
			else if (named(r, "rPh") && in_ph)
				in_ph--;
		} else if (type == XML_READER_TYPE_ELEMENT) {
			if (xmlTextReaderIsEmptyElement(r))
				continue;
			if (named(r, "t"))
				in_t++;
			else if (named(r, "rPh"))
				in_ph++;
		} else if (in_t && !in_ph &&
			   (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
			    type == XML_READER_TYPE_WHITESPACE ||
			    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			const xmlChar *v = xmlTextReaderConstValue(r);
			if (v)
				put_decoded(b, (const char *)v);
			if (b->len > MAX_TEXT)
				return -1;
		}
	}
	return -1;
}

/* ---- references ---- */

bool xlsx_ref_parse(const char *ref, int *row, int *col)
{
	const char *p = ref;
	long c = 0, rw = 0;
	int letters = 0, digits = 0;
	if (!p)
		return false;
	if (*p == '$')
		p++;
	for (; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'); p++) {
		if (++letters > 3)
			return false;
		c = c * 26 + ((*p | 0x20) - 'a' + 1);
	}
	if (*p == '$')
		p++;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 7)
			return false;
		rw = rw * 10 + (*p - '0');
	}
	if (*p || !letters || !digits || c > XLSX_MAX_COL || rw < 1 || rw > XLSX_MAX_ROW)
		return false;
	*row = (int)rw;
	*col = (int)c - 1;
	return true;
}

void xlsx_col_name(int col, char out[4])
{
	char tmp[4];
	int n = 0;
	if (col < 0 || col >= XLSX_MAX_COL) {
		out[0] = '?';
		out[1] = 0;
		return;
	}
	for (int c = col + 1; c > 0 && n < 3; c = (c - 1) / 26)
		tmp[n++] = (char)('A' + (c - 1) % 26);
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = 0;
}

/* ---- the parts ---- */

struct rel {
	const char *id, *type, *target;
};

struct reader {
	zip_t *z;
	struct xlsx_book *book;
	struct kh_error *err;
	struct rel *rels;
	int n_rels;
	const char **strings;
	int n_strings;
	int total_cells;
};

/* A relationship target as a part name: "worksheets/sheet1.xml" is under
 * xl/, "/xl/worksheets/sheet1.xml" from the root. */
static const char *part_name(struct reader *rd, const char *target)
{
	if (target[0] == '/')
		return arena_strdup(&rd->book->arena, target + 1);
	return arena_printf(&rd->book->arena, "xl/%s", target);
}

static int read_rels(struct reader *rd)
{
	char *data;
	size_t len;
	int rc = ooxml_read_part(rd->z, XLSX_MAX_PART, "Excel", "xl/_rels/workbook.xml.rels", &data,
				 &len, rd->err);
	if (rc == KH_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	xmlTextReaderPtr r = ooxml_xml_reader(data, len);
	int cap = 0, ok;
	if (!r) {
		free(data);
		return broken(rd->err, "xl/_rels/workbook.xml.rels");
	}
	while ((ok = xmlTextReaderRead(r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    !named(r, "Relationship"))
			continue;
		struct arena *a = &rd->book->arena;
		struct rel v = {attr(a, r, "Id"), attr(a, r, "Type"), attr(a, r, "Target")};
		if (!v.id || !v.target || rd->n_rels >= 4 * XLSX_MAX_SHEETS)
			continue;
		if (rd->n_rels == cap) {
			cap = cap ? cap * 2 : 16;
			struct rel *nv = arena_alloc(a, sizeof(*nv) * (size_t)cap);
			if (rd->n_rels)
				memcpy(nv, rd->rels, sizeof(*nv) * (size_t)rd->n_rels);
			rd->rels = nv;
		}
		rd->rels[rd->n_rels++] = v;
	}
	xmlFreeTextReader(r);
	free(data);
	return ok < 0 ? broken(rd->err, "xl/_rels/workbook.xml.rels") : 0;
}

static const struct rel *rel_by_id(struct reader *rd, const char *id)
{
	for (int i = 0; id && i < rd->n_rels; i++)
		if (strcmp(rd->rels[i].id, id) == 0)
			return &rd->rels[i];
	return NULL;
}

static bool type_ends(const struct rel *v, const char *suffix)
{
	size_t n = v->type ? strlen(v->type) : 0, k = strlen(suffix);
	return n >= k && strcmp(v->type + n - k, suffix) == 0;
}

static int read_strings(struct reader *rd)
{
	const char *name = "xl/sharedStrings.xml";
	for (int i = 0; i < rd->n_rels; i++)
		if (type_ends(&rd->rels[i], "/sharedStrings"))
			name = part_name(rd, rd->rels[i].target);
	char *data;
	size_t len;
	int rc = ooxml_read_part(rd->z, XLSX_MAX_PART, "Excel", name, &data, &len, rd->err);
	if (rc == KH_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	xmlTextReaderPtr r = ooxml_xml_reader(data, len);
	int cap = 0, ok;
	struct buf b;
	buf_init(&b, MAX_TEXT + 65536);
	if (!r) {
		free(data);
		buf_release(&b);
		return broken(rd->err, name);
	}
	while ((ok = xmlTextReaderRead(r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !named(r, "si"))
			continue;
		buf_clear(&b);
		if (rich_text(r, &b) != 0 || buf_failed(&b)) {
			ok = -1;
			break;
		}
		if (rd->n_strings >= MAX_STRINGS) {
			ok = -2;
			break;
		}
		if (rd->n_strings == cap) {
			cap = cap ? cap * 2 : 256;
			rd->strings =
				xrealloc(rd->strings, xmul(sizeof(*rd->strings), (size_t)cap));
		}
		rd->strings[rd->n_strings++] =
			arena_memdup0(&rd->book->arena, b.data ? b.data : "", b.len);
	}
	xmlFreeTextReader(r);
	free(data);
	buf_release(&b);
	if (ok == -2)
		return kh_fail(rd->err, KH_ETOOBIG, "file", "Tệp Excel có quá nhiều chuỗi văn bản");
	return ok < 0 ? broken(rd->err, name) : 0;
}

/* Parses a cell's value for its type; NULL when the cell is empty or its
 * shared-string index is out of range. */
static const char *cell_value(struct reader *rd, const char *type, const char *v, const char *is)
{
	if (type && strcmp(type, "inlineStr") == 0)
		return is;
	if (!v)
		return is; /* a cell with <is> and no t= (seen in the wild) */
	if (type && strcmp(type, "s") == 0) {
		char *end;
		long k = strtol(v, &end, 10);
		if (end == v || *end || k < 0 || k >= rd->n_strings)
			return NULL;
		return rd->strings[k];
	}
	if (type && strcmp(type, "b") == 0)
		return strcmp(v, "1") == 0 ? "TRUE" : strcmp(v, "0") == 0 ? "FALSE" : v;
	return v;
}

/* A cell with its place in the file, so that of two cells at the same
 * position the later one wins, as in a spreadsheet program. */
struct placed {
	struct xlsx_cell c;
	int seq;
};

static int placed_cmp(const void *pa, const void *pb)
{
	const struct placed *a = pa, *b = pb;
	if (a->c.row != b->c.row)
		return a->c.row < b->c.row ? -1 : 1;
	if (a->c.col != b->c.col)
		return a->c.col < b->c.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int read_sheet(struct reader *rd, const char *name, struct xlsx_sheet *sh)
{
	char *data;
	size_t len;
	int rc = ooxml_read_part(rd->z, XLSX_MAX_PART, "Excel", name, &data, &len, rd->err);
	if (rc == KH_ENOTFOUND)
		return kh_fail(rd->err, KH_EINVAL, "file",
			       "Tệp Excel bị hỏng (thiếu trang tính %s)", sh->name);
	if (rc)
		return rc;
	xmlTextReaderPtr r = ooxml_xml_reader(data, len);
	struct buf v, is;
	struct placed *cells = NULL;
	int n = 0, cap = 0, ok, row = 0, col = -1;
	bool in_v = false, has_v = false, has_is = false;
	const char *type = NULL;
	struct arena *a = &rd->book->arena;
	buf_init(&v, MAX_TEXT + 65536);
	buf_init(&is, MAX_TEXT + 65536);
	if (!r) {
		rc = broken(rd->err, name);
		goto out;
	}
	while ((ok = xmlTextReaderRead(r)) == 1) {
		int nt = xmlTextReaderNodeType(r);
		bool cell_end = false;
		if (nt == XML_READER_TYPE_ELEMENT) {
			if (named(r, "row")) {
				const char *s = attr(a, r, "r");
				char *end;
				long k = s ? strtol(s, &end, 10) : row + 1;
				if (s && (end == s || *end))
					k = -1;
				if (k < 1 || k > XLSX_MAX_ROW) {
					rc = kh_fail(rd->err, KH_EINVAL, "file",
						     "Tệp Excel có số dòng không hợp lệ");
					goto out;
				}
				row = (int)k;
				col = -1;
			} else if (named(r, "c")) {
				const char *ref = attr(a, r, "r");
				int rr, cc;
				if (ref) {
					if (!xlsx_ref_parse(ref, &rr, &cc)) {
						rc = kh_fail(
							rd->err, KH_EINVAL, "file",
							"Tệp Excel có ô với địa chỉ không hợp lệ");
						goto out;
					}
				} else {
					rr = row ? row : 1;
					cc = col + 1;
					if (cc >= XLSX_MAX_COL) {
						rc = kh_fail(rd->err, KH_EINVAL, "file",
							     "Tệp Excel có quá nhiều cột");
						goto out;
					}
				}
				row = rr;
				col = cc;
				type = attr(a, r, "t");
				buf_clear(&v);
				buf_clear(&is);
				has_v = has_is = false;
				cell_end = xmlTextReaderIsEmptyElement(r);
			} else if (named(r, "v") && !xmlTextReaderIsEmptyElement(r)) {
				in_v = true;
				has_v = true;
			} else if (named(r, "v")) {
				has_v = true;
			} else if (named(r, "is")) {
				has_is = true;
				if (rich_text(r, &is) != 0 || buf_failed(&is)) {
					rc = broken(rd->err, name);
					goto out;
				}
			}
		} else if (nt == XML_READER_TYPE_END_ELEMENT) {
			if (named(r, "v"))
				in_v = false;
			else if (named(r, "c"))
				cell_end = true;
		} else if (in_v && (nt == XML_READER_TYPE_TEXT || nt == XML_READER_TYPE_CDATA ||
				    nt == XML_READER_TYPE_WHITESPACE ||
				    nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			const xmlChar *t = xmlTextReaderConstValue(r);
			if (t)
				buf_puts(&v, (const char *)t);
			if (buf_failed(&v)) {
				rc = broken(rd->err, name);
				goto out;
			}
		}
		if (!cell_end)
			continue;
		in_v = false;
		const char *text = NULL;
		if (has_v || has_is) {
			const char *vs =
				has_v ? arena_memdup0(a, v.data ? v.data : "", v.len) : NULL;
			const char *iss = NULL;
			if (has_is) {
				struct buf d;
				buf_init(&d, MAX_TEXT + 65536);
				put_decoded(&d, is.data ? is.data : "");
				iss = arena_memdup0(a, d.data ? d.data : "", d.len);
				buf_release(&d);
			}
			if (has_v && type && strcmp(type, "str") == 0) {
				struct buf d;
				buf_init(&d, MAX_TEXT + 65536);
				put_decoded(&d, vs);
				vs = arena_memdup0(a, d.data ? d.data : "", d.len);
				buf_release(&d);
			}
			text = cell_value(rd, type, vs, iss);
		}
		if (!text || !*text)
			continue;
		if (++rd->total_cells > XLSX_MAX_CELLS) {
			rc = kh_fail(rd->err, KH_ETOOBIG, "file", "Tệp Excel có quá nhiều ô");
			goto out;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			cells = xrealloc(cells, xmul(sizeof(*cells), (size_t)cap));
		}
		cells[n] = (struct placed){{row, col, text}, n};
		n++;
	}
	if (ok < 0) {
		rc = broken(rd->err, name);
		goto out;
	}
	/* By position; of duplicates the last in the file is kept. */
	if (n > 1)
		qsort(cells, (size_t)n, sizeof(*cells), placed_cmp);
	sh->cells = arena_alloc(a, sizeof(*sh->cells) * (size_t)(n ? n : 1));
	int w = 0;
	for (int i = 0; i < n; i++) {
		if (w && cells[i].c.row == sh->cells[w - 1].row &&
		    cells[i].c.col == sh->cells[w - 1].col)
			w--;
		sh->cells[w++] = cells[i].c;
	}
	n = w;
	sh->n_cells = n;
	sh->max_row = n ? sh->cells[n - 1].row : 0;
	rc = 0;
out:
	if (r)
		xmlFreeTextReader(r);
	free(data);
	free(cells);
	buf_release(&v);
	buf_release(&is);
	return rc;
}

static int read_workbook(struct reader *rd)
{
	char *data;
	size_t len;
	int rc = ooxml_read_part(rd->z, XLSX_MAX_PART, "Excel", "xl/workbook.xml", &data, &len,
				 rd->err);
	if (rc == KH_ENOTFOUND)
		return kh_fail(rd->err, KH_EINVAL, "file",
			       "Tệp không phải bảng tính Excel (XLSX): thiếu xl/workbook.xml");
	if (rc)
		return rc;
	xmlTextReaderPtr r = ooxml_xml_reader(data, len);
	struct xlsx_book *b = rd->book;
	const char **parts = NULL;
	int ok;
	if (!r) {
		free(data);
		return broken(rd->err, "xl/workbook.xml");
	}
	b->sheets = arena_alloc(&b->arena, sizeof(*b->sheets) * XLSX_MAX_SHEETS);
	parts = arena_alloc(&b->arena, sizeof(*parts) * XLSX_MAX_SHEETS);
	while ((ok = xmlTextReaderRead(r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !named(r, "sheet"))
			continue;
		if (b->n_sheets >= XLSX_MAX_SHEETS) {
			ok = -2;
			break;
		}
		struct xlsx_sheet *sh = &b->sheets[b->n_sheets];
		const char *name = attr(&b->arena, r, "name");
		const char *state = attr(&b->arena, r, "state");
		const struct rel *v = rel_by_id(rd, rel_id(&b->arena, r));
		sh->name = name ? name : "";
		sh->hidden =
			state && (strcmp(state, "hidden") == 0 || strcmp(state, "veryHidden") == 0);
		/* Without relationships, the usual part names. */
		parts[b->n_sheets] =
			v ? part_name(rd, v->target)
			  : arena_printf(&b->arena, "xl/worksheets/sheet%d.xml", b->n_sheets + 1);
		b->n_sheets++;
	}
	xmlFreeTextReader(r);
	free(data);
	if (ok == -2)
		return kh_fail(rd->err, KH_ETOOBIG, "file", "Tệp Excel có quá nhiều trang tính");
	if (ok < 0)
		return broken(rd->err, "xl/workbook.xml");
	if (!b->n_sheets)
		return kh_fail(rd->err, KH_EINVAL, "file", "Tệp Excel không có trang tính nào");
	for (int i = 0; i < b->n_sheets; i++)
		if ((rc = read_sheet(rd, parts[i], &b->sheets[i])))
			return rc;
	return 0;
}

int xlsx_read(const void *bytes, size_t len, struct xlsx_book *out, struct kh_error *err)
{
	struct reader rd = {.book = out, .err = err};
	zip_error_t ze;
	int rc;
	memset(out, 0, sizeof(*out));
	arena_init(&out->arena, 65536);
	zip_error_init(&ze);
	zip_source_t *src = len ? zip_source_buffer_create(bytes, len, 0, &ze) : NULL;
	if (src)
		rd.z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!rd.z) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		rc = kh_fail(err, KH_EINVAL, "file",
			     "Tệp không phải bảng tính Excel (XLSX) hoặc đã bị hỏng");
		goto out;
	}
	zip_error_fini(&ze);
	if (!(rc = read_rels(&rd)) && !(rc = read_strings(&rd)))
		rc = read_workbook(&rd);
	zip_discard(rd.z);
out:
	free(rd.strings);
	if (rc)
		xlsx_book_release(out);
	return rc;
}

void xlsx_book_release(struct xlsx_book *b)
{
	arena_release(&b->arena);
	memset(b, 0, sizeof(*b));
}

const struct xlsx_sheet *xlsx_sheet_find(const struct xlsx_book *b, const char *name)
{
	for (int i = 0; i < b->n_sheets; i++)
		if (strcmp(b->sheets[i].name, name) == 0)
			return &b->sheets[i];
	return NULL;
}

const char *xlsx_cell_text(const struct xlsx_sheet *s, int row, int col)
{
	int lo = 0, hi = s->n_cells - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		const struct xlsx_cell *c = &s->cells[mid];
		if (c->row == row && c->col == col)
			return c->text;
		if (c->row < row || (c->row == row && c->col < col))
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return "";
}
