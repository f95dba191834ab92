/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The documents register's use cases (see app/document.h): lenient number
 * parsing into the canonical form, the duplicate rule (same number, same
 * year), the flow-down read rule, links between documents, the audit log and
 * the search entry.
 */
#include "core/common.h"
#include "app/document.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/num.h"
#include "store/org.h"
#include "store/person.h"
#include "store/search.h"
#include "text/docnum.h"
#include "text/fold.h"
#include "text/utf8.h"

#include <stdlib.h>
#include <string.h>

static const char *nz(const char *s)
{
	return s ? s : "";
}

static const char *json_text(struct app_ctx *ctx, json_t *j)
{
	if (!j)
		return NULL;
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (!s)
		return NULL;
	const char *r = arena_strdup(ctx->arena, s);
	free(s);
	return r;
}

const char *app_document_link_label(enum document_link_kind kind, bool outgoing)
{
	switch (kind) {
	case DOCUMENT_LINK_IMPLEMENTS:
		return outgoing ? "Triển khai thực hiện" : "Được triển khai bởi";
	case DOCUMENT_LINK_BASED_ON:
		return outgoing ? "Căn cứ" : "Là căn cứ của";
	case DOCUMENT_LINK_REPLACES:
		return outgoing ? "Thay thế" : "Bị thay thế bởi";
	default:
		return "";
	}
}

json_t *app_document_json(const struct document *d, const struct document_link_item *links,
			  int n_links)
{
	char iso[11];
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(d->id));
	json_object_set_new(j, "kind", json_string(nz(d->kind)));
	json_object_set_new(j, "number", json_string(nz(d->number)));
	if (d->date) {
		date_format_iso(d->date, iso);
		json_object_set_new(j, "date", json_string(iso));
	} else {
		json_object_set_new(j, "date", json_null());
	}
	json_object_set_new(j, "issuer_org_id",
			    d->issuer_org_id ? json_integer(d->issuer_org_id) : json_null());
	json_object_set_new(j, "issuer_name", json_string(nz(d->issuer_name)));
	json_object_set_new(j, "title", json_string(nz(d->title)));
	if (n_links >= 0) {
		json_t *a = json_array();
		for (int i = 0; i < n_links; i++) {
			const struct document_link_item *l = &links[i];
			json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:s, s:s}", "kind",
							   document_link_kind_name(l->link.kind),
							   "direction", l->outgoing ? "out" : "in",
							   "document_id", (json_int_t)l->other_id,
							   "number", nz(l->link.other_number),
							   "title", nz(l->link.other_title)));
		}
		json_object_set_new(j, "links", a);
	}
	return j;
}

/* ---- scope ---- */

/*
 * The orgs whose documents flow down to the actor: the ancestors of each
 * read root, and the bodies of those ancestors — their children at their own
 * level (agencies take their committee's level): the Bộ Chính trị and the Ban
 * Bí thư of the Central Committee, the Ban Tổ chức or the Văn phòng of the
 * Tỉnh ủy — whose resolutions, directives and guidance are addressed to every
 * level below. Sibling committees sit a level lower, so they stay out.
 * Arena-allocated, as of today.
 */
static int flow_down_orgs(struct app_ctx *ctx, int64_t **out, int *n_out, struct kh_error *err)
{
	int rc, n = 0, cap = 16;
	int64_t *v = arena_alloc(ctx->arena, sizeof(*v) * (size_t)cap);
	if ((rc = app_scope_load(ctx, err)))
		return rc;
	for (int i = 0; i < ctx->actor->n_read_roots; i++) {
		int64_t *chain;
		int nc;
		rc = store_org_ancestors(ctx->store, ctx->arena, ctx->actor->read_roots[i],
					 ctx->today, &chain, &nc, err);
		if (rc)
			return rc;
		for (int k = 1; k < nc; k++) {
			struct org *kids = NULL, self;
			int nk = 0;
			if ((rc = store_org_get(ctx->store, ctx->arena, chain[k], ctx->today, &self,
						err)) ||
			    (rc = store_org_children(ctx->store, ctx->arena, chain[k], ctx->today,
						     &kids, &nk, err)))
				return rc;
			if (n + nk + 1 > cap) {
				int ncap = (n + nk + 1) * 2;
				int64_t *w = arena_alloc(ctx->arena, sizeof(*w) * (size_t)ncap);
				memcpy(w, v, sizeof(*v) * (size_t)n);
				v = w;
				cap = ncap;
			}
			v[n++] = chain[k];
			for (int c = 0; c < nk; c++)
				if (kids[c].level == self.level)
					v[n++] = kids[c].id;
		}
	}
	*out = v;
	*n_out = n;
	return 0;
}

/* Whether documents issued by org flow down to the actor. */
static int flows_down(struct app_ctx *ctx, int64_t org, bool *yes, struct kh_error *err)
{
	int64_t *v;
	int n;
	int rc = flow_down_orgs(ctx, &v, &n, err);
	*yes = false;
	for (int i = 0; rc == 0 && i < n && !*yes; i++)
		*yes = v[i] == org;
	return rc;
}

int app_document_readable(struct app_ctx *ctx, int64_t issuer, bool *readable, struct kh_error *err)
{
	struct kh_error e;
	*readable = true;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (app_sees_all(ctx) || !issuer)
		return 0;
	int rc = app_can_read_org(ctx, issuer, &e);
	if (rc == 0)
		return 0;
	if (rc != KH_EFORBIDDEN) {
		kh_fail(err, e.code, e.field, "%s", e.message);
		return rc;
	}
	return flows_down(ctx, issuer, readable, err);
}

static int require_readable(struct app_ctx *ctx, const struct document *d, struct kh_error *err)
{
	bool ok;
	int rc = app_document_readable(ctx, d->issuer_org_id, &ok, err);
	if (rc)
		return rc;
	if (!ok)
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Bạn không có quyền xem văn bản này (ngoài phạm vi được giao)");
	return 0;
}

/* May the actor register or change documents issued by issuer (0 = none)? */
static int can_write_issuer(struct app_ctx *ctx, int64_t issuer, struct kh_error *err)
{
	struct kh_error e;
	bool upper = false;
	int rc;
	if (app_sees_all(ctx))
		return 0;
	if ((rc = app_scope_load(ctx, err)))
		return rc;
	if (issuer) {
		rc = app_can_act_for_org(ctx, issuer, &e);
		if (rc == 0)
			return 0;
		if (rc != KH_EFORBIDDEN) {
			kh_fail(err, e.code, e.field, "%s", e.message);
			return rc;
		}
		if ((rc = flows_down(ctx, issuer, &upper, err)))
			return rc;
	}
	if ((!issuer || upper) && ctx->actor->n_manage_roots > 0)
		return 0;
	return kh_fail(err, KH_EFORBIDDEN, "issuer_org_id",
		       "Bạn không có quyền vào sổ hoặc sửa văn bản của cơ quan ban hành này");
}

static bool can_edit(struct app_ctx *ctx, const struct document *d)
{
	struct kh_error e;
	return can_write_issuer(ctx, d->issuer_org_id, &e) == 0;
}

/* ---- validation ---- */

/* Fills d->number (canonical) and d->kind from in over d. */
static int apply_input(struct app_ctx *ctx, struct document *d, const struct document_input *in,
		       struct kh_error *err)
{
	struct docnum dn;
	bool parsed = false;
	int rc;

	if (in->number) {
		char *t = text_trim_dup(in->number);
		if (!*t) {
			d->number = "";
		} else {
			rc = docnum_parse(t, &dn, err);
			if (rc) {
				free(t);
				return rc;
			}
			char canon[DOCNUM_TEXT_MAX];
			docnum_format(&dn, canon, sizeof(canon));
			d->number = arena_strdup(ctx->arena, canon);
			parsed = true;
		}
		free(t);
	} else if (*nz(d->number)) {
		parsed = docnum_parse(d->number, &dn, NULL) == 0;
	}
	if (in->kind && *in->kind) {
		char kind[DOCNUM_KIND_MAX];
		char *t = text_trim_dup(in->kind);
		bool ok = docnum_kind_canonical(t, kind);
		free(t);
		if (!ok)
			return kh_fail(
				err, KH_EINVAL, "kind",
				"Loại văn bản chỉ gồm chữ cái, như NQ, CT, KL, QĐ, QĐi, HD, KH");
		d->kind = arena_strdup(ctx->arena, kind);
	} else if (in->number || !*nz(d->kind)) {
		/* The kind follows the number unless given. */
		if (!parsed)
			return kh_fail(
				err, KH_EINVAL, "kind",
				"Cần loại văn bản (NQ, CT, KL…) khi văn bản không có số, ký hiệu");
		d->kind = arena_strdup(ctx->arena, dn.kind);
	}
	if (in->set_date)
		d->date = in->date;
	if (in->set_issuer)
		d->issuer_org_id = in->issuer_org_id;
	if (in->title) {
		char *t = text_trim_dup(in->title);
		d->title = arena_strdup(ctx->arena, t);
		free(t);
	}
	rc = app_check_name("title", "Trích yếu (tên văn bản)", d->title, DOCUMENT_TITLE_MAX, true,
			    err);
	if (rc)
		return rc;
	if (d->issuer_org_id) {
		struct org o;
		struct kh_error e;
		rc = store_org_get_nearest(ctx->store, ctx->arena, d->issuer_org_id, ctx->today, &o,
					   &e);
		if (rc == KH_ENOTFOUND)
			return kh_fail(err, KH_EINVAL, "issuer_org_id", "Không có tổ chức số %lld",
				       (long long)d->issuer_org_id);
		if (rc) {
			kh_fail(err, e.code, e.field, "%s", e.message);
			return rc;
		}
	}
	return 0;
}

/* KH_ECONFLICT when another document has the same number in the same year
 * (or both are undated). */
static int check_duplicate(struct app_ctx *ctx, const struct document *d, struct kh_error *err)
{
	int32_t from = 0, to = 0;
	int64_t other;
	int y = 0, m, dd;
	if (!*nz(d->number))
		return 0;
	if (d->date) {
		date_to_ymd(d->date, &y, &m, &dd);
		from = date_from_ymd(y, 1, 1);
		to = date_from_ymd(y + 1, 1, 1);
	}
	int rc = store_document_find_number(ctx->store, d->number, from, to, d->id, &other, err);
	if (rc)
		return rc;
	if (!other)
		return 0;
	if (y)
		return kh_fail(err, KH_ECONFLICT, "number",
			       "Văn bản số %s năm %d đã có trong sổ (văn bản số %lld)", d->number,
			       y, (long long)other);
	return kh_fail(err, KH_ECONFLICT, "number",
		       "Văn bản số %s (không rõ ngày) đã có trong sổ (văn bản số %lld)", d->number,
		       (long long)other);
}

/* ---- the search entry ---- */

static void append_fold(struct buf *b, const char *s)
{
	if (!s || !*s)
		return;
	char *f = text_fold(s);
	if (b->len)
		buf_putc(b, ' ');
	buf_puts(b, f);
	free(f);
}

static int reindex(struct app_ctx *ctx, const struct document *d, struct kh_error *err)
{
	const char *issuer = "";
	struct buf b;
	int rc;
	if (d->issuer_org_id &&
	    (rc = store_org_name_near(ctx->store, ctx->arena, d->issuer_org_id,
				      d->date ? d->date : ctx->today, &issuer, err)))
		return rc;
	const char *title =
		*d->number ? arena_printf(ctx->arena, "%s — %s", d->number, d->title) : d->title;
	const char *label = docnum_kind_label(d->kind);
	const char *subtitle;
	if (d->date) {
		int y, m, dd;
		date_to_ymd(d->date, &y, &m, &dd);
		subtitle = arena_printf(ctx->arena, "%s%s%02d/%02d/%04d", issuer,
					*issuer ? " · " : "", dd, m, y);
	} else {
		subtitle = issuer;
	}
	buf_init(&b, 64 * 1024);
	append_fold(&b, title);
	/* Numbers below 10 are written with a leading zero ("Số 05-NQ/TU");
	 * index the bare spelling too, for users who type "5-NQ". */
	struct docnum dn;
	if (*d->number && docnum_parse(d->number, &dn, NULL) == 0 && dn.number < 10)
		buf_printf(&b, " %d", (int)dn.number);
	append_fold(&b, issuer);
	append_fold(&b, label);
	rc = store_search_set(ctx->store, SEARCH_DOCUMENT, d->id, title, subtitle,
			      buf_failed(&b) ? "" : b.data, err);
	buf_release(&b);
	return rc;
}

/* ---- use cases ---- */

int app_document_create(struct app_ctx *ctx, const struct document_input *in, struct document *out,
			struct kh_error *err)
{
	struct document d = {.kind = "", .number = "", .title = "", .issuer_name = ""};
	int rc;

	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (!in->number)
		return kh_fail(err, KH_EINVAL, "number", "Cần số, ký hiệu văn bản");
	if ((rc = apply_input(ctx, &d, in, err)))
		return rc;
	if ((rc = can_write_issuer(ctx, d.issuer_org_id, err)))
		return rc;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = check_duplicate(ctx, &d, err);
	if (!rc)
		rc = store_document_insert(ctx->store, &d, ctx->now, &d.id, err);
	if (!rc)
		rc = reindex(ctx, &d, err);
	if (!rc)
		rc = app_audit(ctx, "document.create", "document", d.id, NULL,
			       json_text(ctx, app_document_json(&d, NULL, -1)), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return store_document_get(ctx->store, ctx->arena, d.id, ctx->today, out, err);
}

int app_document_update(struct app_ctx *ctx, int64_t id, const struct document_input *in,
			struct document *out, struct kh_error *err)
{
	struct document before, d;
	int rc;

	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = store_document_get(ctx->store, ctx->arena, id, ctx->today, &before, err)))
		return rc;
	if ((rc = require_readable(ctx, &before, err)))
		return rc;
	if ((rc = can_write_issuer(ctx, before.issuer_org_id, err)))
		return rc;
	d = before;
	if ((rc = apply_input(ctx, &d, in, err)))
		return rc;
	if (d.issuer_org_id != before.issuer_org_id &&
	    (rc = can_write_issuer(ctx, d.issuer_org_id, err)))
		return rc;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = check_duplicate(ctx, &d, err);
	if (!rc)
		rc = store_document_update(ctx->store, &d, ctx->now, err);
	if (!rc)
		rc = reindex(ctx, &d, err);
	if (!rc)
		rc = app_audit(ctx, "document.update", "document", id,
			       json_text(ctx, app_document_json(&before, NULL, -1)),
			       json_text(ctx, app_document_json(&d, NULL, -1)), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return store_document_get(ctx->store, ctx->arena, id, ctx->today, out, err);
}

/* The document's links whose other side the actor may read. */
static int readable_links(struct app_ctx *ctx, int64_t id, struct document_link_item **out, int *n,
			  struct kh_error *err)
{
	struct document_link_item *v;
	int count, rc, k = 0;
	if ((rc = store_document_links(ctx->store, ctx->arena, id, &v, &count, err)))
		return rc;
	for (int i = 0; i < count; i++) {
		bool ok;
		if ((rc = app_document_readable(ctx, v[i].other_issuer_org_id, &ok, err)))
			return rc;
		if (ok)
			v[k++] = v[i];
	}
	*out = v;
	*n = k;
	return 0;
}

int app_document_get(struct app_ctx *ctx, int64_t id, struct document_view *out,
		     struct kh_error *err)
{
	int rc;
	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = store_document_get(ctx->store, ctx->arena, id, ctx->today, &out->doc, err)))
		return rc;
	if ((rc = require_readable(ctx, &out->doc, err)))
		return rc;
	if ((rc = readable_links(ctx, id, &out->links, &out->n_links, err)))
		return rc;
	out->can_edit = can_edit(ctx, &out->doc);
	return 0;
}

/* Restricts f to what the actor may read: their subtrees, what flows down
 * to them (flow_down_orgs), and documents with no issuer. */
static int fill_scope(struct app_ctx *ctx, struct document_filter *f, struct kh_error *err)
{
	int64_t *extra = NULL;
	int n_extra = 0, rc;
	f->day = ctx->today;
	if (app_sees_all(ctx)) {
		f->all = true;
		return 0;
	}
	if ((rc = app_scope_load(ctx, err)))
		return rc;
	f->roots = ctx->actor->read_roots;
	f->n_roots = ctx->actor->n_read_roots;
	if ((rc = flow_down_orgs(ctx, &extra, &n_extra, err)))
		return rc;
	f->extra = extra;
	f->n_extra = n_extra;
	return 0;
}

int app_document_resolve(struct app_ctx *ctx, const char *ref, int64_t *id, struct kh_error *err)
{
	struct document_filter f = {0};
	struct document *docs;
	struct docnum dn;
	char canon[DOCNUM_TEXT_MAX];
	int64_t total, num;
	int n, rc;

	*id = 0;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	char *t = text_trim_dup(nz(ref));
	bool numeric = num_parse_i64(t, 1, INT64_MAX, &num) == 0;
	rc = numeric ? 0 : docnum_parse(t, &dn, err);
	free(t);
	if (numeric) {
		struct document_view v;
		if ((rc = app_document_get(ctx, num, &v, err)))
			return rc;
		*id = num;
		return 0;
	}
	if (rc)
		return rc;
	docnum_format(&dn, canon, sizeof(canon));
	if ((rc = fill_scope(ctx, &f, err)))
		return rc;
	f.number = canon;
	f.limit = 1;
	if ((rc = store_document_list(ctx->store, ctx->arena, &f, &docs, &n, &total, err)))
		return rc;
	if (n == 0)
		return kh_fail(err, KH_ENOTFOUND, "number", "Không tìm thấy văn bản số %s", canon);
	*id = docs[0].id;
	return 0;
}

int app_document_list(struct app_ctx *ctx, const struct document_query *q,
		      struct document_page *out, struct kh_error *err)
{
	struct document_filter f = {0};
	struct document *docs;
	char kind[DOCNUM_KIND_MAX];
	char *folded = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	f.limit = q->limit <= 0 ? 50 : q->limit > DOCUMENT_PAGE_MAX ? DOCUMENT_PAGE_MAX : q->limit;
	f.offset = q->offset < 0 ? 0 : q->offset;
	f.day = ctx->today;
	f.issuer_org_id = q->issuer_org_id;
	if (q->kind && *q->kind) {
		if (!docnum_kind_canonical(q->kind, kind))
			return kh_fail(err, KH_EINVAL, "kind", "Loại văn bản không hợp lệ");
		f.kind = kind;
	}
	if (q->year) {
		if (q->year < 1900 || q->year > 2200)
			return kh_fail(err, KH_EINVAL, "year", "Năm phải từ 1900 đến 2200");
		f.date_from = date_from_ymd(q->year, 1, 1);
		f.date_to = date_from_ymd(q->year + 1, 1, 1);
	}
	if ((rc = fill_scope(ctx, &f, err)))
		return rc;
	if (q->q && *q->q) {
		folded = text_fold(q->q);
		f.folded_query = folded;
	}
	rc = store_document_list(ctx->store, ctx->arena, &f, &docs, &out->n, &out->total, err);
	free(folded);
	if (rc)
		return rc;
	out->items = arena_alloc(ctx->arena, sizeof(*out->items) * (size_t)(out->n + 1));
	for (int i = 0; i < out->n; i++) {
		out->items[i].doc = docs[i];
		rc = readable_links(ctx, docs[i].id, &out->items[i].links, &out->items[i].n_links,
				    err);
		if (rc)
			return rc;
	}
	out->limit = f.limit;
	out->offset = f.offset;
	return 0;
}

int app_document_link(struct app_ctx *ctx, int64_t from_id, int64_t to_id, const char *kind,
		      struct kh_error *err)
{
	enum document_link_kind k;
	struct document from, to;
	struct kh_error e;
	bool exists;
	int rc;

	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (!kind || !document_link_kind_parse(kind, &k))
		return kh_fail(err, KH_EINVAL, "kind",
			       "Loại liên kết phải là implements (triển khai thực hiện), based_on"
			       " (căn cứ) hoặc replaces (thay thế)");
	if (from_id == to_id)
		return kh_fail(err, KH_EINVAL, "to_id", "Văn bản không thể liên kết với chính nó");
	if ((rc = store_document_get(ctx->store, ctx->arena, from_id, ctx->today, &from, err)))
		return rc;
	if ((rc = require_readable(ctx, &from, err)))
		return rc;
	rc = store_document_get(ctx->store, ctx->arena, to_id, ctx->today, &to, &e);
	if (rc == KH_ENOTFOUND)
		return kh_fail(err, KH_EINVAL, "to_id", "Không có văn bản số %lld",
			       (long long)to_id);
	if (rc) {
		kh_fail(err, e.code, e.field, "%s", e.message);
		return rc;
	}
	if ((rc = require_readable(ctx, &to, &e))) {
		kh_fail(err, e.code, "to_id", "%s", e.message);
		return rc;
	}
	if ((rc = can_write_issuer(ctx, from.issuer_org_id, err)))
		return rc;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_document_link_exists(ctx->store, from_id, to_id, k, &exists, err);
	if (!rc && exists)
		rc = kh_fail(err, KH_ECONFLICT, "to_id", "Hai văn bản đã có liên kết này");
	if (!rc)
		rc = store_document_link_insert(ctx->store, from_id, to_id, k, err);
	if (!rc) {
		json_t *after =
			json_pack("{s:I, s:I, s:s}", "from_id", (json_int_t)from_id, "to_id",
				  (json_int_t)to_id, "kind", document_link_kind_name(k));
		rc = app_audit(ctx, "document.link", "document", from_id, NULL,
			       json_text(ctx, after), err);
	}
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return 0;
}
