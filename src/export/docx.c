/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The DOCX writer (export/docx.h): the parts of a WordprocessingML package
 * built as text in bounded buffers, zipped in memory with libzip. Element
 * order inside w:pPr, w:rPr, w:tblPr and w:tcPr follows the schema, since
 * Word refuses a file whose properties come out of order. Sizes are in
 * half-points (w:sz) and twentieths of a point (twips).
 */
#include "core/common.h"
#include "export/docx.h"
#include "core/buf.h"
#include "export/xml.h"

#include <string.h>
#include <time.h>
#include <zip.h>

#define DOCX_LIMIT (64u * 1024u * 1024u)
#define PART_LIMIT (32u * 1024u * 1024u)

/* A4 portrait in twips. */
#define A4_W 11906
#define A4_H 16838

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

static int twips(double mm)
{
	return (int)(mm * 1440.0 / 25.4 + 0.5);
}

/* How one paragraph looks. */
struct pstyle {
	const char *jc; /* "left", "center", "both"; NULL = left */
	int sz;		/* half-points; 0 = the default 14 pt */
	bool bold, italic, underline;
	int first;	   /* first-line indent, twips */
	int left, right;   /* indents, twips */
	int before, after; /* spacing, twips */
	bool keep_next;
	bool rule; /* a line under the paragraph */
};

static void rpr(struct buf *b, const struct pstyle *s)
{
	if (!s->bold && !s->italic && !s->underline && !s->sz)
		return;
	buf_puts(b, "<w:rPr>");
	if (s->bold)
		buf_puts(b, "<w:b/><w:bCs/>");
	if (s->italic)
		buf_puts(b, "<w:i/><w:iCs/>");
	if (s->sz)
		buf_printf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", s->sz, s->sz);
	if (s->underline)
		buf_puts(b, "<w:u w:val=\"single\"/>");
	buf_puts(b, "</w:rPr>");
}

/* One run of text; "\n" becomes a line break, a tab a tab. */
static void run(struct buf *b, const struct pstyle *s, const char *text)
{
	buf_puts(b, "<w:r>");
	rpr(b, s);
	buf_puts(b, "<w:t xml:space=\"preserve\">");
	const char *p = text;
	while (*p) {
		size_t n = strcspn(p, "\n\t");
		char *piece = xstrndup(p, n);
		xml_escape(b, piece);
		free(piece);
		p += n;
		if (!*p)
			break;
		buf_puts(b, *p == '\n' ? "</w:t><w:br/><w:t xml:space=\"preserve\">"
				       : "</w:t><w:tab/><w:t xml:space=\"preserve\">");
		p++;
	}
	buf_puts(b, "</w:t></w:r>");
}

static void ppr(struct buf *b, const struct pstyle *s)
{
	buf_puts(b, "<w:pPr>");
	if (s->keep_next)
		buf_puts(b, "<w:keepNext/>");
	if (s->rule)
		buf_puts(b, "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\""
			    " w:color=\"000000\"/></w:pBdr>");
	buf_printf(b, "<w:spacing w:before=\"%d\" w:after=\"%d\"/>", s->before, s->after);
	if (s->first || s->left || s->right)
		buf_printf(b, "<w:ind w:left=\"%d\" w:right=\"%d\" w:firstLine=\"%d\"/>", s->left,
			   s->right, s->first);
	buf_printf(b, "<w:jc w:val=\"%s\"/>", s->jc ? s->jc : "left");
	rpr(b, s);
	buf_puts(b, "</w:pPr>");
}

/* A paragraph: an optional label run (same style) and the text. */
static void para(struct buf *b, const struct pstyle *s, const char *label, const char *text)
{
	buf_puts(b, "<w:p>");
	ppr(b, s);
	if (label && *label) {
		char *l = NULL;
		size_t n = strlen(label);
		/* "I." "1." "-" take a space after; "a)" too. */
		l = xmalloc(n + 2);
		memcpy(l, label, n);
		l[n] = ' ';
		l[n + 1] = '\0';
		run(b, s, l);
		free(l);
	}
	if (text && *text)
		run(b, s, text);
	buf_puts(b, "</w:p>");
}

/* One paragraph per line of text. */
static void paras(struct buf *b, const struct pstyle *s, const char *text)
{
	const char *p = text;
	do {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		para(b, s, NULL, line);
		free(line);
		p += n;
		if (*p)
			p++;
	} while (*p);
}

static void table_begin(struct buf *b, int width, const int *cols, int n, bool borders)
{
	const char *v = borders ? "single" : "nil";
	buf_printf(b, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:tblBorders>", width);
	static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
	for (size_t i = 0; i < KH_ARRAY_LEN(sides); i++)
		buf_printf(b, "<w:%s w:val=\"%s\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
			   sides[i], v);
	buf_printf(b,
		   "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"%d\""
		   " w:type=\"dxa\"/><w:right w:w=\"%d\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
		   "<w:tblGrid>",
		   borders ? 80 : 0, borders ? 80 : 0);
	for (int i = 0; i < n; i++)
		buf_printf(b, "<w:gridCol w:w=\"%d\"/>", cols[i]);
	buf_puts(b, "</w:tblGrid>");
}

static void cell_begin(struct buf *b, int width, bool center_v)
{
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>%s</w:tcPr>", width,
		   center_v ? "<w:vAlign w:val=\"center\"/>" : "");
}

/* The header block: issuing body on the left, the party and the date on
 * the right. */
static void header_block(struct buf *b, const struct doc *d, int width)
{
	int cols[2] = {width * 45 / 100, 0};
	cols[1] = width - cols[0];
	table_begin(b, width, cols, 2, false);
	buf_puts(b, "<w:tr>");
	cell_begin(b, cols[0], false);
	struct pstyle s = {.jc = "center"};
	if (*d->upper_body)
		para(b, &s, NULL, d->upper_body);
	s.bold = true;
	para(b, &s, NULL, d->issuer);
	s.bold = false;
	para(b, &s, NULL, "*");
	if (*d->number)
		para(b, &s, NULL, d->number);
	if (*d->about) {
		struct pstyle a = {.jc = "center", .sz = 24, .before = 60};
		para(b, &a, NULL, d->about);
	}
	buf_puts(b, "</w:tc>");
	cell_begin(b, cols[1], false);
	/* The rule under the party's name runs about its width. */
	int ind = cols[1] / 2 - 2300;
	struct pstyle party = {
		.jc = "center", .sz = 30, .bold = true, .rule = true, .left = ind, .right = ind};
	if (ind < 0)
		party.left = party.right = 0;
	para(b, &party, NULL, d->party);
	struct pstyle date = {.jc = "center", .italic = true, .before = 240};
	para(b, &date, NULL, d->place_date);
	buf_puts(b, "</w:tc></w:tr></w:tbl>");
}

static void title_block(struct buf *b, const struct doc *d, int width)
{
	if (*d->type) {
		struct pstyle t = {.jc = "center", .sz = 32, .bold = true, .before = 360};
		para(b, &t, NULL, d->type);
		struct pstyle s = {.jc = "center", .bold = true};
		if (*d->subject)
			paras(b, &s, d->subject);
		struct pstyle r = {.jc = "center", .after = 240};
		para(b, &r, NULL, "-----");
	}
	if (d->n_addressees == 1) {
		struct pstyle k = {.jc = "center", .before = 240, .after = 240};
		char *line = xmalloc(strlen(d->addressees[0]) + 16);
		snprintf(line, strlen(d->addressees[0]) + 16, "Kính gửi: %s", d->addressees[0]);
		para(b, &k, NULL, line);
		free(line);
	} else if (d->n_addressees > 1) {
		struct pstyle k = {.left = width / 5, .before = 240};
		para(b, &k, NULL, "Kính gửi:");
		struct pstyle a = {.left = width / 5 + 1134};
		for (int i = 0; i < d->n_addressees; i++) {
			char *line = xmalloc(strlen(d->addressees[i]) + 8);
			snprintf(line, strlen(d->addressees[i]) + 8, "- %s%s", d->addressees[i],
				 i + 1 < d->n_addressees ? ";" : ".");
			para(b, &a, NULL, line);
			free(line);
		}
		struct pstyle gap = {.after = 120};
		para(b, &gap, NULL, "");
	}
}

static void items_table(struct buf *b, const struct doc_table *t, int width)
{
	int cols[DOC_TABLE_MAX_COLS], used = 0;
	for (int i = 0; i < t->n_cols; i++) {
		cols[i] = i + 1 < t->n_cols ? width * t->widths[i] / 100 : width - used;
		used += cols[i];
	}
	table_begin(b, width, cols, t->n_cols, true);
	buf_puts(b, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	for (int i = 0; i < t->n_cols; i++) {
		cell_begin(b, cols[i], true);
		struct pstyle h = {.jc = "center", .sz = 26, .bold = true};
		para(b, &h, NULL, t->headers[i]);
		buf_puts(b, "</w:tc>");
	}
	buf_puts(b, "</w:tr>");
	for (int r = 0; r < t->n_rows; r++) {
		buf_puts(b, "<w:tr>");
		for (int i = 0; i < t->n_cols; i++) {
			cell_begin(b, cols[i], false);
			struct pstyle c = {.jc = t->center[i] ? "center" : "left",
					   .sz = 26,
					   .before = 40,
					   .after = 40};
			paras(b, &c, t->cells[(size_t)r * (size_t)t->n_cols + (size_t)i]);
			buf_puts(b, "</w:tc>");
		}
		buf_puts(b, "</w:tr>");
	}
	buf_puts(b, "</w:tbl>");
	struct pstyle gap = {.after = 60};
	para(b, &gap, NULL, "");
}

static void body(struct buf *b, const struct doc *d, int width)
{
	for (int i = 0; i < d->n_blocks; i++) {
		const struct doc_block *k = &d->blocks[i];
		struct pstyle s = {.jc = "both", .first = 567, .before = 60, .after = 60};
		switch (k->kind) {
		case DOC_HEADING:
			s.bold = k->level <= 3;
			s.italic = k->level >= 3;
			s.keep_next = true;
			s.before = k->level == 1 ? 180 : 120;
			para(b, &s, k->label, k->text);
			break;
		case DOC_PARAGRAPH:
		case DOC_LIST_ITEM:
			s.bold = k->flags & DOC_BOLD;
			s.italic = k->flags & DOC_ITALIC;
			if (k->flags & DOC_CENTER) {
				s.jc = "center";
				s.first = 0;
			}
			if (k->flags & DOC_NO_INDENT)
				s.first = 0;
			if (k->kind == DOC_LIST_ITEM)
				para(b, &s, k->label, k->text);
			else
				paras(b, &s, k->text);
			break;
		case DOC_TABLE:
			items_table(b, k->table, width);
			break;
		}
	}
}

/* Recipients on the left, the signature on the right. */
static void foot_block(struct buf *b, const struct doc *d, int width)
{
	struct pstyle gap = {.before = 120};
	para(b, &gap, NULL, "");
	int cols[2] = {width * 45 / 100, 0};
	cols[1] = width - cols[0];
	table_begin(b, width, cols, 2, false);
	buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	cell_begin(b, cols[0], false);
	struct pstyle h = {.bold = true, .italic = true, .underline = true};
	para(b, &h, NULL, "Nơi nhận:");
	struct pstyle r = {.sz = 24};
	for (int i = 0; i < d->n_recipients; i++) {
		size_t n = strlen(d->recipients[i]) + 8;
		char *line = xmalloc(n);
		snprintf(line, n, "- %s,", d->recipients[i]);
		para(b, &r, NULL, line);
		free(line);
	}
	if (*d->archive) {
		size_t n = strlen(d->archive) + 4;
		char *line = xmalloc(n);
		snprintf(line, n, "- %s", d->archive);
		para(b, &r, NULL, line);
		free(line);
	}
	buf_puts(b, "</w:tc>");
	cell_begin(b, cols[1], false);
	struct pstyle s = {.jc = "center", .bold = true};
	if (*d->sign.on_behalf)
		para(b, &s, NULL, d->sign.on_behalf);
	para(b, &s, NULL, d->sign.title);
	struct pstyle blank = {0};
	for (int i = 0; i < 4; i++)
		para(b, &blank, NULL, "");
	para(b, &s, NULL, d->sign.name);
	buf_puts(b, "</w:tc></w:tr></w:tbl>");
}

static void document_xml(struct buf *b, const struct doc *d)
{
	int left = twips(d->margin_left), right = twips(d->margin_right);
	int width = A4_W - left - right;
	buf_puts(b, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:body>");
	header_block(b, d, width);
	title_block(b, d, width);
	body(b, d, width);
	foot_block(b, d, width);
	/* Page numbers from page 2: a distinct first page (w:titlePg) whose
	 * header is left empty. */
	buf_printf(
		b,
		"<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/>"
		"<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right=\"%d\""
		" w:bottom=\"%d\" w:left=\"%d\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
		"<w:titlePg/></w:sectPr></w:body></w:document>",
		A4_W, A4_H, twips(d->margin_top), right, twips(d->margin_bottom), left);
}

static const char CONTENT_TYPES[] =
	XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
		 "<Default Extension=\"rels\" ContentType=\"application/"
		 "vnd.openxmlformats-package.relationships+xml\"/>"
		 "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
		 "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
		 "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
		 "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
		 "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
		 "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
		 "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
		 "<Override PartName=\"/word/header1.xml\" ContentType=\"application/"
		 "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
		 "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
		 "vnd.openxmlformats-package.core-properties+xml\"/>"
		 "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
		 "vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>";

static const char PACKAGE_RELS[] =
	XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
		 "relationships\"><Relationship Id=\"rId1\" Type=\"" REL "officeDocument\""
		 " Target=\"word/document.xml\"/><Relationship Id=\"rId2\""
		 " Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
		 "core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\""
		 " Type=\"" REL "extended-properties\" Target=\"docProps/app.xml\"/>"
		 "</Relationships>";

static const char DOCUMENT_RELS[] =
	XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
		 "relationships\"><Relationship Id=\"rId1\" Type=\"" REL "styles\""
		 " Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"" REL "settings\""
		 " Target=\"settings.xml\"/><Relationship Id=\"rId3\" Type=\"" REL "header\""
		 " Target=\"header1.xml\"/></Relationships>";

static const char STYLES[] =
	XML_DECL "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>"
		 "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\""
		 " w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
		 "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\""
		 " w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault>"
		 "<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
		 "</w:pPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\""
		 " w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
		 "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
		 "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
		 "<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
		 "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
		 "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
		 "</w:tblCellMar></w:tblPr></w:style><w:style w:type=\"paragraph\""
		 " w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/>"
		 "</w:style></w:styles>";

static const char SETTINGS[] =
	XML_DECL "<w:settings xmlns:w=\"" NS_W "\"><w:zoom w:percent=\"100\"/>"
		 "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl"
		 " w:val=\"doNotCompress\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\""
		 " w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
		 "</w:settings>";

/* The page number, centred at the top (the first page has none). */
static const char HEADER[] =
	XML_DECL "<w:hdr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:p><w:pPr>"
		 "<w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr><w:r>"
		 "<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText"
		 " xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar"
		 " w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar"
		 " w:fldCharType=\"end\"/></w:r></w:p></w:hdr>";

static const char APP[] =
	XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
		 "extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/"
		 "officeDocument/2006/docPropsVTypes\"><Application>kehoach</Application>"
		 "</Properties>";

static void core_xml(struct buf *b, const struct doc *d)
{
	buf_puts(b,
		 XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
			  "package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/"
			  "elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
			  " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\""
			  " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
	xml_escape(b, *d->title ? d->title : d->subject);
	buf_puts(b, "</dc:title><dc:creator>kehoach</dc:creator><dc:language>vi-VN</dc:language>");
	if (d->created_at > 0) {
		struct tm tm;
		time_t t = (time_t)d->created_at;
		char iso[32];
		if (gmtime_r(&t, &tm) && strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm))
			buf_printf(
				b,
				"<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
				"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s"
				"</dcterms:modified>",
				iso, iso);
	}
	buf_puts(b, "</cp:coreProperties>");
}

struct part {
	const char *name;
	char *data; /* owned when built; NULL for the static parts */
	const char *text;
	size_t len;
};

static int zip_fail(struct kh_error *err, zip_error_t *ze)
{
	return kh_fail(err, KH_EIO, NULL, "Không tạo được tệp Word (zip): %s",
		       zip_error_strerror(ze));
}

int docx_write(const struct doc *d, char **out, size_t *len, struct kh_error *err)
{
	struct part parts[] = {
		{"[Content_Types].xml", NULL, CONTENT_TYPES, sizeof(CONTENT_TYPES) - 1},
		{"_rels/.rels", NULL, PACKAGE_RELS, sizeof(PACKAGE_RELS) - 1},
		{"word/document.xml", NULL, NULL, 0},
		{"word/_rels/document.xml.rels", NULL, DOCUMENT_RELS, sizeof(DOCUMENT_RELS) - 1},
		{"word/styles.xml", NULL, STYLES, sizeof(STYLES) - 1},
		{"word/settings.xml", NULL, SETTINGS, sizeof(SETTINGS) - 1},
		{"word/header1.xml", NULL, HEADER, sizeof(HEADER) - 1},
		{"docProps/core.xml", NULL, NULL, 0},
		{"docProps/app.xml", NULL, APP, sizeof(APP) - 1},
	};
	struct buf b;
	zip_error_t ze;
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	char *data = NULL;
	int rc = 0;

	*out = NULL;
	*len = 0;
	zip_error_init(&ze);
	buf_init(&b, PART_LIMIT);
	document_xml(&b, d);
	if (buf_failed(&b)) {
		rc = kh_fail(err, KH_ETOOBIG, NULL, "Văn bản quá lớn để xuất ra tệp Word");
		goto out;
	}
	parts[2].len = b.len;
	parts[2].data = buf_take(&b);
	core_xml(&b, d);
	if (buf_failed(&b)) {
		rc = kh_fail(err, KH_ETOOBIG, NULL, "Văn bản quá lớn để xuất ra tệp Word");
		goto out;
	}
	parts[7].len = b.len;
	parts[7].data = buf_take(&b);

	if (!(src = zip_source_buffer_create(NULL, 0, 0, &ze))) {
		rc = zip_fail(err, &ze);
		goto out;
	}
	if (!(za = zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
		rc = zip_fail(err, &ze);
		goto out;
	}
	zip_source_keep(src);
	for (size_t i = 0; i < KH_ARRAY_LEN(parts); i++) {
		const void *p = parts[i].data ? parts[i].data : parts[i].text;
		zip_source_t *s = zip_source_buffer(za, p, parts[i].len, 0);
		zip_int64_t idx = s ? zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			zip_source_free(s);
			rc = kh_fail(err, KH_EIO, NULL, "Không tạo được tệp Word (zip): %s",
				     zip_strerror(za));
			goto out;
		}
		if (d->created_at > 0)
			(void)zip_file_set_mtime(za, (zip_uint64_t)idx, (time_t)d->created_at, 0);
	}
	if (zip_close(za) < 0) {
		rc = kh_fail(err, KH_EIO, NULL, "Không tạo được tệp Word (zip): %s",
			     zip_strerror(za));
		goto out;
	}
	za = NULL;

	zip_stat_t st;
	if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    zip_source_open(src) < 0) {
		rc = zip_fail(err, zip_source_error(src));
		goto out;
	}
	if (st.size > DOCX_LIMIT) {
		zip_source_close(src);
		rc = kh_fail(err, KH_ETOOBIG, NULL, "Văn bản quá lớn để xuất ra tệp Word");
		goto out;
	}
	data = xmalloc((size_t)st.size + 1);
	zip_int64_t got = zip_source_read(src, data, st.size);
	zip_source_close(src);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		rc = kh_fail(err, KH_EIO, NULL, "Không đọc lại được tệp Word vừa tạo");
		goto out;
	}
	*out = data;
	*len = (size_t)st.size;
	data = NULL;
out:
	if (za)
		zip_discard(za);
	if (src)
		zip_source_free(src);
	free(data);
	for (size_t i = 0; i < KH_ARRAY_LEN(parts); i++)
		free(parts[i].data);
	buf_release(&b);
	zip_error_fini(&ze);
	return rc;
}
