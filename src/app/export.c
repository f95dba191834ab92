/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Plan exports (app/export.h): the plan read with app_plan_get, the bodies
 * around it looked up in the tree (the issuing body and the one above it,
 * the place, the signer), and the whole turned into the layout-neutral
 * official document of export/doc.h, which export/docx.c and export/pdf.c
 * write. The names of the bodies follow the header conventions of Hướng
 * dẫn 36: a committee issues as "ĐẢNG ỦY XÃ …" under "ĐẢNG BỘ TỈNH …", an
 * advisory body as "VĂN PHÒNG" under "TỈNH ỦY …", a provincial committee
 * alone.
 */
#include "core/common.h"
#include "app/export.h"
#include "app/plan.h"
#include "core/buf.h"
#include "core/date.h"
#include "export/doc.h"
#include "export/docx.h"
#include "export/pdf.h"
#include "export/xlsx.h"
#include "store/document.h"
#include "store/org.h"
#include "store/person.h"
#include "text/docnum.h"

#include <string.h>

const char *app_export_content_type(const char *format)
{
	if (!format)
		return NULL;
	if (strcmp(format, "docx") == 0)
		return DOCX_CONTENT_TYPE;
	if (strcmp(format, "pdf") == 0)
		return PDF_CONTENT_TYPE;
	if (strcmp(format, "xlsx") == 0)
		return XLSX_CONTENT_TYPE;
	return NULL;
}

/* The rest of s after one of the prefixes (NULL-terminated list), or NULL. */
static const char *after_prefix(const char *s, const char *const *prefixes, int *which)
{
	for (int i = 0; prefixes[i]; i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(s, prefixes[i], n) == 0 && s[n]) {
			if (which)
				*which = i;
			return s + n;
		}
	}
	return NULL;
}

/* Committees named by their committee: "Tỉnh ủy Sơn Nam" is the committee of
 * "Đảng bộ tỉnh Sơn Nam". Pairs of (committee prefix, party body prefix). */
static const char *const COMMITTEE_PREFIX[] = {
	"Tỉnh ủy ", "Tỉnh uỷ ", "Thành ủy ", "Thành uỷ ", "Huyện ủy ", "Huyện uỷ ", "Quận ủy ",
	"Quận uỷ ", "Thị ủy ",	"Thị uỷ ",   "Đảng ủy ",  "Đảng uỷ ",  NULL,
};
static const char *const PARTY_BODY_PREFIX[] = {
	"Đảng bộ tỉnh ",   "Đảng bộ tỉnh ",   "Đảng bộ thành phố ", "Đảng bộ thành phố ",
	"Đảng bộ huyện ",  "Đảng bộ huyện ",  "Đảng bộ quận ",	    "Đảng bộ quận ",
	"Đảng bộ thị xã ", "Đảng bộ thị xã ", "Đảng bộ ",	    "Đảng bộ ",
};

/* The advisory bodies' names end with their committee: "Văn phòng Tỉnh ủy". */
static const char *const COMMITTEE_SUFFIX[] = {
	" Tỉnh ủy", " Tỉnh uỷ", " Thành ủy", " Thành uỷ", " Huyện ủy", " Huyện uỷ", " Quận ủy",
	" Quận uỷ", " Thị ủy",	" Thị uỷ",   " Đảng ủy",  " Đảng uỷ",  NULL,
};

/* Words before a place's name, stripped to find "Sơn Nam" in "Tỉnh ủy Sơn
 * Nam" and "Tân Phong" in "Đảng bộ xã Tân Phong". The first ones name a
 * body only; the rest (from PLACE_LOCALITY on) say that a locality
 * follows — "Đảng bộ Văn phòng Tỉnh ủy" names no place. */
static const char *const PLACE_PREFIX[] = {
	"Đảng ủy ",  "Đảng uỷ ",  "Đảng bộ ",  "Chi bộ ",    "Tỉnh ủy ", "Tỉnh uỷ ",
	"Thành ủy ", "Thành uỷ ", "Huyện ủy ", "Huyện uỷ ",  "Quận ủy ", "Quận uỷ ",
	"Thị ủy ",   "Thị uỷ ",	  "tỉnh ",     "thành phố ", "huyện ",	 "quận ",
	"thị xã ",   "thị trấn ", "xã ",       "phường ",    "đặc khu ", NULL,
};
#define PLACE_LOCALITY 4

/* The name with a committee suffix removed ("Văn phòng Tỉnh ủy" → "Văn
 * phòng"), in the arena. */
static const char *without_committee(struct arena *a, const char *name)
{
	size_t n = strlen(name);
	for (int i = 0; COMMITTEE_SUFFIX[i]; i++) {
		size_t k = strlen(COMMITTEE_SUFFIX[i]);
		if (n > k && strcmp(name + n - k, COMMITTEE_SUFFIX[i]) == 0)
			return arena_memdup0(a, name, n - k);
	}
	return name;
}

/* How a committee org names itself as the issuer: a "Đảng bộ X" org issues
 * as its committee, "Đảng ủy X". */
static const char *issuer_name(struct app_ctx *ctx, const struct org *o)
{
	static const char db[] = "Đảng bộ ";
	if (o->kind == ORG_COMMITTEE && strncmp(o->name, db, sizeof(db) - 1) == 0)
		return arena_printf(ctx->arena, "Đảng ủy %s", o->name + sizeof(db) - 1);
	return o->name;
}

/* How the upper org appears above a lower committee or cell: as its party
 * body ("Tỉnh ủy Sơn Nam" → "Đảng bộ tỉnh Sơn Nam"). */
static const char *party_body_name(struct app_ctx *ctx, const struct org *o)
{
	int i;
	const char *rest = after_prefix(o->name, COMMITTEE_PREFIX, &i);
	if (rest && o->kind == ORG_COMMITTEE)
		return arena_printf(ctx->arena, "%s%s", PARTY_BODY_PREFIX[i], rest);
	return o->name;
}

/* The place in the date line: the locality of the nearest committee at or
 * above org. */
static int place_of(struct app_ctx *ctx, int64_t org_id, int32_t day, const char **out,
		    struct kh_error *err)
{
	*out = "";
	for (int depth = 0; org_id && depth < 16; depth++) {
		struct org o;
		int rc = store_org_get_nearest(ctx->store, ctx->arena, org_id, day, &o, err);
		if (rc)
			return rc;
		if (o.kind == ORG_COMMITTEE) {
			const char *s = o.name, *rest;
			bool locality = false;
			int which;
			while ((rest = after_prefix(s, PLACE_PREFIX, &which))) {
				s = rest;
				locality = locality || which >= PLACE_LOCALITY;
			}
			if (locality) {
				*out = s;
				return 0;
			}
		}
		org_id = o.parent_id;
	}
	return 0;
}

/* The header block's bodies for an issuing org. */
static int header_bodies(struct app_ctx *ctx, struct doc *d, const struct org *o, int32_t day,
			 struct kh_error *err)
{
	d->issuer = doc_caps(d, issuer_name(ctx, o));
	if (!o->parent_id || (o->kind == ORG_COMMITTEE && o->level <= ORG_LEVEL_PROVINCE))
		return 0;
	struct org up;
	int rc = store_org_get_nearest(ctx->store, ctx->arena, o->parent_id, day, &up, err);
	if (rc)
		return rc;
	if (o->kind == ORG_COMMITTEE || o->kind == ORG_CELL) {
		d->upper_body = doc_caps(d, party_body_name(ctx, &up));
	} else {
		/* An advisory body or agency of a committee: "TỈNH ỦY SƠN NAM"
		 * over "VĂN PHÒNG". */
		d->upper_body = doc_caps(d, up.name);
		d->issuer = doc_caps(d, without_committee(ctx->arena, o->name));
	}
	return 0;
}

/* The signer of a collective plan: the head of the owner org on day. */
static int signature(struct app_ctx *ctx, struct doc *d, const struct org *o, int32_t day,
		     struct kh_error *err)
{
	struct position *v;
	int n, rc;
	if ((rc = store_position_list(ctx->store, ctx->arena, 0, o->id, day, day, &v, &n, err)))
		return rc;
	const struct position *head = NULL;
	for (int i = 0; i < n && !head; i++)
		if (v[i].role == POSITION_HEAD)
			head = &v[i];
	if (o->kind == ORG_COMMITTEE) {
		d->sign.on_behalf = "T/M BAN THƯỜNG VỤ";
		d->sign.title = "BÍ THƯ";
	} else if (o->kind == ORG_CELL) {
		d->sign.on_behalf = "T/M CHI BỘ";
		d->sign.title = "BÍ THƯ";
	} else {
		d->sign.title = head && *head->title
					? doc_caps(d, without_committee(ctx->arena, head->title))
					: "THỦ TRƯỞNG CƠ QUAN";
	}
	d->sign.name = doc_str(d, head ? head->person_name : "");
	return 0;
}

/* "2. Xây dựng Đảng" → label "2." and text; a heading without its own
 * number gets none (*label_len 0). Same reading as the plan page. */
static size_t own_label(const char *s)
{
	size_t n = strspn(s, "0123456789");
	if (!n)
		n = strspn(s, "IVXLC");
	if (!n && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		n = 1;
	if (n > 0 && n < 8 && (s[n] == '.' || s[n] == ')' || s[n] == '-' || s[n] == '/'))
		return n + 1;
	return 0;
}

static void section_heading(struct doc *d, int level, const char *section, int *counter,
			    const char *fallback)
{
	size_t n = *section ? own_label(section) : 0;
	if (n) {
		char *label = xstrndup(section, n);
		const char *text = section + n;
		while (*text == ' ')
			text++;
		doc_heading(d, level, label, text);
		free(label);
		return;
	}
	char label[16];
	snprintf(label, sizeof(label), "%d.", ++*counter);
	doc_heading(d, level, label, *section ? section : fallback);
}

static const char *const ITEM_HEADERS[] = {"TT", "Nội dung, công việc, biện pháp", "Chủ trì",
					   "Phối hợp", "Thời gian hoàn thành"};
static const int ITEM_WIDTHS[] = {6, 42, 18, 17, 17};
static const int ITEM_CENTER[] = {1, 0, 0, 0, 0};

static void item_row(struct app_ctx *ctx, struct doc *d, struct doc_table *t,
		     const struct plan_item *it, int no)
{
	char num[16];
	snprintf(num, sizeof(num), "%d", no);
	const char *text = it->text;
	if (*it->measures)
		text = arena_printf(ctx->arena, "%s\nBiện pháp: %s", text, it->measures);
	if (*it->resources)
		text = arena_printf(ctx->arena, "%s\nNguồn lực: %s", text, it->resources);
	if (it->kind == PLAN_ITEM_KEY_PROJECT)
		text = arena_printf(ctx->arena, "%s\n(Công trình trọng điểm)", text);
	const char *lead = *it->lead_text ? it->lead_text : it->lead_name ? it->lead_name : "";
	/* A group lead is every committee and cell under the org named. */
	if (it->lead_group && !*it->lead_text && *lead)
		lead = arena_printf(ctx->arena, "Các cấp ủy, tổ chức đảng trực thuộc %s", lead);
	const char *coord = it->coordinators;
	if (*it->coordinate_with)
		coord = arena_printf(ctx->arena, "%s%sPhối hợp với: %s", coord, *coord ? "\n" : "",
				     it->coordinate_with);
	const char *row[] = {num, text, lead, coord, it->deadline_text};
	doc_table_row(d, t, row);
}

/* The items of part `part` (category filter for individual plans; -1 =
 * any), proposals excluded, as a table; false when there are none. */
static bool items_table(struct app_ctx *ctx, struct doc *d, const struct plan_view *v, int part,
			int category, const char *section)
{
	struct doc_table *t = NULL;
	int no = 0;
	for (int i = 0; i < v->n_items; i++) {
		const struct plan_item *it = &v->items[i];
		if (it->kind == PLAN_ITEM_PROPOSAL || it->part != part)
			continue;
		if (category >= 0 && (int)it->category != category)
			continue;
		if (section && strcmp(section, it->section) != 0)
			continue;
		if (!t)
			t = doc_table(d, 5, ITEM_HEADERS, ITEM_WIDTHS, ITEM_CENTER);
		item_row(ctx, d, t, it, ++no);
	}
	return t != NULL;
}

static const char *const INDIVIDUAL_GROUPS[] = {
	"Những việc thực hiện cả nhiệm kỳ (gồm công việc thường xuyên)",
	"Những công việc thực hiện trong năm",
	"Những công việc phối hợp",
};

static void part_two(struct app_ctx *ctx, struct doc *d, const struct plan_view *v)
{
	int heading = 0;
	if (!v->plan.owner_org_id) {
		for (int c = 0; c < PLAN_CATEGORY_COUNT; c++) {
			char label[16];
			snprintf(label, sizeof(label), "%d.", ++heading);
			doc_heading(d, 2, label,
				    c < (int)KH_ARRAY_LEN(INDIVIDUAL_GROUPS)
					    ? INDIVIDUAL_GROUPS[c]
					    : plan_item_category_label((enum plan_item_category)c));
			if (!items_table(ctx, d, v, 2, c, NULL))
				doc_paragraph(d, 0, "Không có.");
		}
	} else {
		/* Sections in the order they first appear, as on the page. */
		const char *section = NULL;
		for (int i = 0; i < v->n_items; i++) {
			const struct plan_item *it = &v->items[i];
			if (it->kind == PLAN_ITEM_PROPOSAL || it->part != 2)
				continue;
			if (section && strcmp(section, it->section) == 0)
				continue;
			bool seen = false;
			for (int k = 0; k < i && !seen; k++)
				seen = v->items[k].kind != PLAN_ITEM_PROPOSAL &&
				       v->items[k].part == 2 &&
				       strcmp(v->items[k].section, it->section) == 0;
			section = it->section;
			if (seen)
				continue;
			/* Every group counts, also one with its own number, so
			 * that the proposals come after the last. */
			int before = heading;
			section_heading(d, 2, section, &heading, "Nội dung, nhiệm vụ");
			heading = before + 1;
			(void)items_table(ctx, d, v, 2, -1, section);
		}
	}

	struct doc_table *t = NULL;
	int no = 0;
	for (int i = 0; i < v->n_items; i++) {
		const struct plan_item *it = &v->items[i];
		if (it->kind != PLAN_ITEM_PROPOSAL)
			continue;
		if (!t) {
			char label[16];
			snprintf(label, sizeof(label), "%d.", ++heading);
			doc_heading(d, 2, label, "Đề xuất, kiến nghị");
			static const char *const H[] = {"TT", "Nội dung đề xuất, kiến nghị",
							"Nơi nhận"};
			static const int W[] = {7, 63, 30}, C[] = {1, 0, 0};
			t = doc_table(d, 3, H, W, C);
		}
		char num[16];
		snprintf(num, sizeof(num), "%d", ++no);
		const char *text = *it->measures ? arena_printf(ctx->arena, "%s\nBiện pháp: %s",
								it->text, it->measures)
						 : it->text;
		const char *row[] = {num, text, it->addressee};
		doc_table_row(d, t, row);
	}
}

/* The file name: the title without characters file systems refuse, cut
 * at a character boundary. */
static const char *file_name(struct app_ctx *ctx, const char *title, const char *ext)
{
	struct buf b;
	buf_init(&b, 4096);
	bool space = false;
	for (const unsigned char *p = (const unsigned char *)title; *p; p++) {
		if (*p < 0x20 || strchr("/\\:*?\"<>|", *p) || *p == ' ') {
			space = b.len > 0;
			continue;
		}
		if (space && b.len >= 100)
			break; /* cut between words */
		if (b.len >= 140 && (*p & 0xC0) != 0x80)
			break;
		if (space)
			buf_putc(&b, ' ');
		space = false;
		buf_putc(&b, (char)*p);
	}
	const char *name = arena_printf(ctx->arena, "%s.%s", b.len ? b.data : "Ke-hoach", ext);
	buf_release(&b);
	return name;
}

static const char *const PARTS_TYPE[][2] = {
	{"Kế hoạch ", "KẾ HOẠCH"},
	{"Chương trình ", "CHƯƠNG TRÌNH"},
};

/* Fills d from the plan v (its bodies read in the open read transaction). */
static int build(struct app_ctx *ctx, const struct plan_view *v, struct doc *d,
		 struct kh_error *err)
{
	const struct plan *p = &v->plan;
	int32_t day = p->approved_day ? p->approved_day : ctx->today;
	int y, m, dd, rc;
	date_to_ymd(day, &y, &m, &dd);

	/* The issuing org: the owner, or the cell where the head is a member. */
	int64_t issuer_id = p->owner_org_id;
	if (!issuer_id) {
		struct person per;
		if ((rc = store_person_get(ctx->store, ctx->arena, p->owner_person_id, &per, err)))
			return rc;
		issuer_id = per.member_org_id ? per.member_org_id : per.managing_org_id;
	}
	struct org owner = {0};
	const char *place = "";
	if (issuer_id) {
		if ((rc = store_org_get_nearest(ctx->store, ctx->arena, issuer_id, day, &owner,
						err)) ||
		    (rc = header_bodies(ctx, d, &owner, day, err)) ||
		    (rc = place_of(ctx, issuer_id, day, &place, err)))
			return rc;
	}
	d->place_date = doc_place_date(d, place, y, m, dd);

	d->type = "KẾ HOẠCH";
	const char *subject = p->title;
	for (size_t i = 0; i < KH_ARRAY_LEN(PARTS_TYPE); i++) {
		size_t n = strlen(PARTS_TYPE[i][0]);
		if (strncmp(subject, PARTS_TYPE[i][0], n) == 0 && subject[n]) {
			d->type = PARTS_TYPE[i][1];
			subject += n;
			break;
		}
	}
	d->subject = doc_str(d, subject);
	if (p->document_id) {
		struct document doc;
		if ((rc = store_document_get(ctx->store, ctx->arena, p->document_id, day, &doc,
					     err)))
			return rc;
		if (*doc.number)
			d->number = doc_str(d, arena_printf(ctx->arena, "Số %s", doc.number));
	} else if (p->owner_org_id && owner.short_name && *owner.short_name) {
		/* Not yet registered: the number left blank to be written in. */
		d->number = doc_str(d, arena_printf(ctx->arena, "Số       -%s/%s",
						    strcmp(d->type, "KẾ HOẠCH") ? "CTr" : "KH",
						    owner.short_name));
	}

	d->title = doc_str(d, p->title);
	d->created_at = p->approved_at ? p->approved_at : ctx->now;

	/* The bases: the documents the plan implements. */
	for (int i = 0; i < v->n_sources; i++) {
		const struct document *s = &v->sources[i];
		const char *label = docnum_kind_label(s->kind);
		struct buf b;
		buf_init(&b, 8192);
		buf_printf(&b, "Căn cứ %s", label ? label : "văn bản");
		if (*s->number)
			buf_printf(&b, " số %s", s->number);
		if (s->date) {
			int sy, sm, sd;
			date_to_ymd(s->date, &sy, &sm, &sd);
			buf_printf(&b, ", ngày %d/%d/%d", sd, sm, sy);
		}
		if (s->issuer_name && *s->issuer_name)
			buf_printf(&b, " của %s", s->issuer_name);
		if (*s->title)
			buf_printf(&b, " %s", s->title);
		buf_puts(&b, i + 1 < v->n_sources ? ";" : ".");
		doc_paragraph(d, DOC_ITALIC, b.data);
		buf_release(&b);
	}

	doc_heading(d, 1, "I.", "MỤC ĐÍCH, YÊU CẦU");
	if (*p->goals)
		doc_paragraph(d, 0, p->goals);
	(void)items_table(ctx, d, v, 1, -1, NULL);
	doc_heading(d, 1, "II.", "NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP");
	part_two(ctx, d, v);
	doc_heading(d, 1, "III.", "TỔ CHỨC THỰC HIỆN");
	if (*p->organization)
		doc_paragraph(d, 0, p->organization);
	(void)items_table(ctx, d, v, 3, -1, NULL);

	for (int i = 0; i < v->n_recipients; i++)
		doc_recipient(d, v->recipients[i].org_name);
	if (p->owner_org_id) {
		if ((rc = signature(ctx, d, &owner, day, err)))
			return rc;
	} else {
		d->sign.title = "NGƯỜI XÂY DỰNG KẾ HOẠCH";
		d->sign.name = doc_str(d, p->owner_name);
	}
	return 0;
}

int app_export_header(struct app_ctx *ctx, struct doc *d, int64_t org_id, int32_t day,
		      struct kh_error *err)
{
	struct org o;
	const char *place = "";
	int y, m, dd, rc;
	if ((rc = store_org_get_nearest(ctx->store, ctx->arena, org_id, day, &o, err)) ||
	    (rc = header_bodies(ctx, d, &o, day, err)) ||
	    (rc = place_of(ctx, org_id, day, &place, err)))
		return rc;
	date_to_ymd(day, &y, &m, &dd);
	d->place_date = doc_place_date(d, place, y, m, dd);
	return 0;
}

int app_export_signature(struct app_ctx *ctx, struct doc *d, int64_t org_id, int32_t day,
			 struct kh_error *err)
{
	struct org o;
	int rc = store_org_get_nearest(ctx->store, ctx->arena, org_id, day, &o, err);
	if (rc)
		return rc;
	return signature(ctx, d, &o, day, err);
}

const char *app_export_file_name(struct app_ctx *ctx, const char *title, const char *ext)
{
	return file_name(ctx, title, ext);
}

/* The item list as the workbook of export/xlsx.h — the template that
 * app/plan_sheet.h reads back. */
static int export_xlsx(struct app_ctx *ctx, const struct plan_view *v, char **bytes, size_t *len,
		       const char **filename, struct kh_error *err)
{
	const struct plan *p = &v->plan;
	struct xlsx_items in = {
		.plan_id = p->id,
		.title = p->title,
		.owner = p->owner_name ? p->owner_name : "",
		.years = p->year_to > p->year_from
				 ? arena_printf(ctx->arena, "%d–%d", p->year_from, p->year_to)
				 : arena_printf(ctx->arena, "%d", p->year_from),
		.items = v->items,
		.n_items = v->n_items,
	};
	int rc = xlsx_items_write(&in, bytes, len, err);
	if (!rc)
		*filename =
			file_name(ctx, arena_printf(ctx->arena, "Nội dung - %s", p->title), "xlsx");
	return rc;
}

int app_plan_export(struct app_ctx *ctx, int64_t plan_id, const char *format, char **bytes,
		    size_t *len, const char **filename, struct kh_error *err)
{
	struct plan_view v;
	struct doc d;
	bool began = false;
	int rc;

	*bytes = NULL;
	*len = 0;
	*filename = NULL;
	/* The plan first: a plan the actor may not read is refused whatever
	 * the format asked for. */
	if ((rc = app_plan_get(ctx, plan_id, &v, err)))
		return rc;
	if (!app_export_content_type(format))
		return kh_fail(err, KH_EINVAL, "format",
			       "Định dạng tệp phải là docx (Word), pdf hoặc xlsx (Excel)");
	if (strcmp(format, "xlsx") == 0)
		return export_xlsx(ctx, &v, bytes, len, filename, err);
	doc_init(&d);
	if ((rc = store_begin(ctx->store, false, err)))
		goto out;
	began = true;
	if ((rc = build(ctx, &v, &d, err)))
		goto out;
	if ((rc = store_commit(ctx->store, err)))
		goto out;
	began = false;
	if (strcmp(format, "docx") == 0)
		rc = docx_write(&d, bytes, len, err);
	else
		rc = pdf_write(&d, bytes, len, NULL, err);
	if (rc)
		goto out;
	*filename = file_name(ctx, v.plan.title, format);
out:
	if (began)
		store_rollback(ctx->store);
	doc_release(&d);
	return rc;
}
