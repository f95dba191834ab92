/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The org tree's use cases (see app/org.h). Each public change checks
 * authorization and input, then runs one write transaction through the
 * internal do_* steps, which assume both and are shared by the composite use
 * cases (merge into a new org, split, import). A step closes the org's
 * version in force on the effective day and opens the next one, records the
 * dated event, audits and refreshes the search index entry.
 */
#include "core/common.h"
#include "app/import.h"
#include "app/org.h"
#include "store/person.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/num.h"
#include "text/collate.h"
#include "text/csv.h"
#include "text/fold.h"
#include "text/utf8.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ---- */

static int32_t day_or_today(const struct app_ctx *ctx, int32_t d)
{
	return d ? d : ctx->today;
}

/* dd/mm/yyyy for messages. */
static const char *fmt_day(struct app_ctx *ctx, int32_t d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return arena_printf(ctx->arena, "%02d/%02d/%04d", dd, m, y);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

bool org_exists_on(const struct org *o, int32_t day)
{
	return o->valid_from <= day && (o->valid_to == 0 || day < o->valid_to);
}

/* Sorting by Vietnamese collation keys computed once per org, rather than
 * collating inside every comparison (n keys instead of n log n collations). */
struct keyed_org {
	char *key;
	size_t len;
	struct org org;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed_org *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->org.id < y->org.id ? -1 : x->org.id > y->org.id;
}

static void sort_orgs(struct org *v, int n)
{
	if (n < 2)
		return;
	struct keyed_org *k = xcalloc((size_t)n, sizeof(*k));
	for (int i = 0; i < n; i++) {
		k[i].key = text_collate_key(v[i].name, &k[i].len);
		k[i].org = v[i];
	}
	qsort(k, (size_t)n, sizeof(*k), cmp_keyed);
	for (int i = 0; i < n; i++) {
		v[i] = k[i].org;
		free(k[i].key);
	}
	free(k);
}

/* A JSON text in the arena (for audit), releasing j. */
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

static json_t *version_json(struct app_ctx *ctx, int64_t id, const char *name,
			    const char *short_name, int64_t parent_id, int32_t date)
{
	char iso[11];
	date_format_iso(date, iso);
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(id));
	json_object_set_new(j, "name", json_string(nz(name)));
	json_object_set_new(j, "short_name", json_string(nz(short_name)));
	json_object_set_new(j, "parent_id", parent_id ? json_integer(parent_id) : json_null());
	json_object_set_new(j, "date", json_string(iso));
	(void)ctx;
	return j;
}

static int check_note(const char *note, struct kh_error *err)
{
	return app_check_name("note", "Ghi chú", note, ORG_NOTE_MAX, false, err);
}

static int check_names(const char *name, const char *short_name, struct kh_error *err)
{
	int rc = app_check_name("name", "Tên tổ chức", name, ORG_NAME_MAX, true, err);
	if (rc)
		return rc;
	return app_check_name("short_name", "Tên viết tắt", short_name, ORG_SHORT_NAME_MAX, false,
			      err);
}

static int require_manage_parent(struct app_ctx *ctx, int64_t parent_id, struct kh_error *err)
{
	if (parent_id)
		return app_can_manage_org(ctx, parent_id, err);
	if (app_sees_all(ctx))
		return 0;
	return kh_fail(err, KH_EFORBIDDEN, "parent_id",
		       "Chỉ quản trị viên được tạo tổ chức cấp cao nhất (không có cấp trên)");
}

/* ---- the search index ---- */

/* Common abbreviations of folded phrases, as written in document symbols
 * and in speech ("TU", "BTC", "UBKT"). */
static const struct {
	const char *phrase;
	const char *abbr;
} abbreviations[] = {
	{"uy ban kiem tra", "ubkt"},
	{"hoi dong nhan dan", "hdnd"},
	{"uy ban nhan dan", "ubnd"},
	{"mat tran to quoc", "mttq"},
	{"ban can su dang", "bcsd"},
	{"ban chap hanh", "bch"},
	{"ban thuong vu", "btv"},
	{"ban to chuc", "btc"},
	{"ban tuyen giao", "btg"},
	{"ban dan van", "bdv"},
	{"tinh uy", "tu"},
	{"thanh uy", "thu"},
	{"huyen uy", "hu"},
	{"quan uy", "qu"},
	{"thi uy", "thiu"},
	{"dang uy", "du"},
	{"dang bo", "db"},
	{"chi bo", "cb"},
	{"dang doan", "dd"},
	{"van phong", "vp"},
	{"co so", "cs"},
};

/* Appends to b the folded text with known phrases replaced by their
 * abbreviation, then the initials of all its words. */
static void append_abbreviations(struct buf *b, const char *folded)
{
	const char *p = folded;
	bool replaced = false;
	struct buf t;
	buf_init(&t, 4096);
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		bool hit = false;
		for (size_t i = 0; i < KH_ARRAY_LEN(abbreviations); i++) {
			size_t n = strlen(abbreviations[i].phrase);
			if (strncmp(p, abbreviations[i].phrase, n) == 0 &&
			    (p[n] == ' ' || p[n] == '\0')) {
				buf_printf(&t, " %s", abbreviations[i].abbr);
				p += n;
				hit = replaced = true;
				break;
			}
		}
		if (hit)
			continue;
		buf_putc(&t, ' ');
		while (*p && *p != ' ')
			buf_putc(&t, *p++);
	}
	if (replaced)
		buf_puts(b, t.data);
	/* Initials: "ban to chuc tinh uy" -> "btctu". */
	buf_putc(b, ' ');
	int words = 0;
	for (p = folded; *p; p++)
		if (*p != ' ' && (p == folded || p[-1] == ' ')) {
			buf_putc(b, *p);
			words++;
		}
	if (words < 2)
		buf_truncate(b, b->len - (size_t)words);
	buf_release(&t);
}

static void append_folded(struct buf *b, const char *s, bool abbreviate)
{
	if (!s || !*s)
		return;
	char *f = text_fold(s);
	buf_putc(b, ' ');
	buf_puts(b, f);
	if (abbreviate)
		append_abbreviations(b, f);
	free(f);
}

/* Rewrites the org's search entry from all its versions: the title is the
 * latest name, the text holds every name and short name it ever had. */
static int reindex(struct app_ctx *ctx, int64_t id, struct kh_error *err)
{
	struct org_version *v;
	struct org o;
	int n, rc;
	struct buf b;

	rc = store_org_versions(ctx->store, ctx->arena, id, &v, &n, err);
	if (rc)
		return rc;
	if (n == 0)
		return store_org_index(ctx->store, id, NULL, NULL, NULL, err);
	rc = store_org_get_nearest(ctx->store, ctx->arena, id, ctx->today, &o, err);
	if (rc)
		return rc;
	const struct org_version *last = &v[n - 1];
	buf_init(&b, 64 * 1024);
	for (int i = 0; i < n; i++) {
		bool seen = false;
		for (int j = 0; j < i; j++)
			if (strcmp(v[j].name, v[i].name) == 0 &&
			    strcmp(v[j].short_name, v[i].short_name) == 0)
				seen = true;
		if (seen)
			continue;
		append_folded(&b, v[i].name, true);
		append_folded(&b, v[i].short_name, false);
	}
	const char *subtitle;
	if (*last->parent_name)
		subtitle = arena_printf(ctx->arena, "%s · %s", last->parent_name,
					org_kind_label(o.kind));
	else
		subtitle = org_kind_label(o.kind);
	if (o.valid_to)
		subtitle = arena_printf(ctx->arena, "%s · ngừng hoạt động từ %s", subtitle,
					fmt_day(ctx, o.valid_to));
	rc = store_org_index(ctx->store, id, last->name, subtitle, buf_failed(&b) ? "" : b.data,
			     err);
	buf_release(&b);
	return rc;
}

/* ---- internal steps (transaction open, authorization done) ---- */

static int add_event(struct app_ctx *ctx, enum org_event_kind kind, int32_t date, int64_t org_id,
		     int64_t other_id, const char *old_value, const char *new_value,
		     const char *note, struct kh_error *err)
{
	struct org_event ev = {
		.kind = kind,
		.date = date,
		.org_id = org_id,
		.other_org_id = other_id,
		.old_value = old_value,
		.new_value = new_value,
		.note = note,
	};
	return store_org_event_insert(ctx->store, &ev, ctx->actor ? ctx->actor->user_id : 0,
				      ctx->now, err);
}

/* The org's version in force on date, which must be its latest. */
static int latest_at(struct app_ctx *ctx, int64_t id, int32_t date, struct org_version *v,
		     struct kh_error *err)
{
	struct org_version last;
	struct org o;
	int rc = store_org_version_at(ctx->store, ctx->arena, id, date, v, err);
	if (rc == KH_ENOTFOUND) {
		rc = store_org_get_nearest(ctx->store, ctx->arena, id, date, &o, err);
		if (rc)
			return rc;
		if (o.valid_to && date >= o.valid_to)
			return kh_fail(
				err, KH_EINVAL, "date",
				"«%s» đã ngừng hoạt động từ ngày %s, không còn tồn tại vào ngày %s",
				o.name, fmt_day(ctx, o.valid_to), fmt_day(ctx, date));
		return kh_fail(err, KH_EINVAL, "date",
			       "«%s» chưa được thành lập vào ngày %s (thành lập ngày %s)", o.name,
			       fmt_day(ctx, date), fmt_day(ctx, o.valid_from));
	}
	if (rc)
		return rc;
	rc = store_org_version_last(ctx->store, ctx->arena, id, &last, err);
	if (rc)
		return rc;
	if (last.id != v->id)
		return kh_fail(err, KH_EINVAL, "date",
			       "«%s» đã có thay đổi từ ngày %s; chỉ ghi được thay đổi có hiệu lực"
			       " từ ngày đó trở đi",
			       v->name, fmt_day(ctx, last.valid_from));
	return 0;
}

/* Replaces v (in force on date, the latest) from date on by the given
 * values: a correction in place when v starts on date. */
static int apply_version(struct app_ctx *ctx, const struct org_version *v, int32_t date,
			 int64_t parent_id, const char *name, const char *short_name,
			 struct kh_error *err)
{
	int rc;
	if (v->valid_from == date)
		return store_org_version_update(ctx->store, v->id, parent_id, name, short_name,
						err);
	rc = store_org_version_set_end(ctx->store, v->id, date, err);
	if (rc)
		return rc;
	return store_org_version_insert(ctx->store, v->org_id, date, v->valid_to, parent_id, name,
					short_name, err);
}

/* The org's name as of day (or nearest), for event texts; "" for 0. */
static const char *name_of(struct app_ctx *ctx, int64_t id, int32_t day)
{
	const char *name = "";
	struct kh_error e;
	if (!id || store_org_name_near(ctx->store, ctx->arena, id, day, &name, &e))
		return "";
	return name;
}

struct name_memo {
	struct {
		int64_t id;
		int32_t day;
		const char *name;
	} e[32];
	int n;
};

static const char *name_of_memo(struct app_ctx *ctx, struct name_memo *m, int64_t id, int32_t day)
{
	for (int i = 0; i < m->n; i++)
		if (m->e[i].id == id && m->e[i].day == day)
			return m->e[i].name;
	const char *name = name_of(ctx, id, day);
	if (m->n < (int)KH_ARRAY_LEN(m->e)) {
		m->e[m->n].id = id;
		m->e[m->n].day = day;
		m->e[m->n].name = name;
		m->n++;
	}
	return name;
}

static int do_create(struct app_ctx *ctx, const struct org_create *in, int32_t date,
		     enum org_kind kind, int64_t *id, struct kh_error *err)
{
	struct org parent;
	int64_t existing;
	int rc;

	if (in->parent_id) {
		rc = store_org_get(ctx->store, ctx->arena, in->parent_id, date, &parent, err);
		if (rc == KH_ENOTFOUND)
			return kh_fail(err, KH_EINVAL, "parent_id",
				       "Tổ chức cấp trên không tồn tại vào ngày %s",
				       fmt_day(ctx, date));
		if (rc)
			return rc;
	}
	if (in->code && *in->code) {
		rc = store_org_find_code(ctx->store, in->code, &existing, err);
		if (rc)
			return rc;
		if (existing)
			return kh_fail(err, KH_ECONFLICT, "code",
				       "Mã «%s» đã được dùng cho tổ chức khác", in->code);
	}
	rc = store_org_insert(ctx->store, kind, in->level, date, in->code, ctx->now, id, err);
	if (rc)
		return rc;
	rc = store_org_version_insert(ctx->store, *id, date, 0, in->parent_id, in->name,
				      nz(in->short_name), err);
	if (rc)
		return rc;
	rc = add_event(ctx, ORG_EVENT_CREATE, date, *id, in->parent_id, "", in->name, nz(in->note),
		       err);
	if (rc)
		return rc;
	json_t *after = version_json(ctx, *id, in->name, in->short_name, in->parent_id, date);
	json_object_set_new(after, "kind", json_string(org_kind_name(kind)));
	json_object_set_new(after, "level", json_integer(in->level));
	if (in->code && *in->code)
		json_object_set_new(after, "code", json_string(in->code));
	rc = app_audit(ctx, "org.create", "org", *id, NULL, json_text(ctx, after), err);
	if (rc)
		return rc;
	return reindex(ctx, *id, err);
}

static int do_rename(struct app_ctx *ctx, int64_t id, const char *name, const char *short_name,
		     int32_t date, const char *note, struct kh_error *err)
{
	struct org_version v;
	int rc = latest_at(ctx, id, date, &v, err);
	if (rc)
		return rc;
	if (!short_name)
		short_name = v.short_name;
	if (strcmp(name, v.name) == 0 && strcmp(short_name, v.short_name) == 0)
		return kh_fail(err, KH_EINVAL, "name",
			       "Tên mới trùng với tên hiện tại của tổ chức");
	rc = apply_version(ctx, &v, date, v.parent_id, name, short_name, err);
	if (rc)
		return rc;
	const char *old_value =
		*v.short_name ? arena_printf(ctx->arena, "%s (%s)", v.name, v.short_name) : v.name;
	const char *new_value =
		*short_name ? arena_printf(ctx->arena, "%s (%s)", name, short_name) : name;
	rc = add_event(ctx, ORG_EVENT_RENAME, date, id, 0, old_value, new_value, nz(note), err);
	if (rc)
		return rc;
	rc = app_audit(ctx, "org.rename", "org", id,
		       json_text(ctx, version_json(ctx, id, v.name, v.short_name, v.parent_id,
						   v.valid_from)),
		       json_text(ctx, version_json(ctx, id, name, short_name, v.parent_id, date)),
		       err);
	if (rc)
		return rc;
	return reindex(ctx, id, err);
}

/* Refuses parent_id when it lies inside id's subtree on date (or is id). */
static int check_not_inside(struct app_ctx *ctx, int64_t id, int64_t parent_id, int32_t date,
			    const char *field, struct kh_error *err)
{
	int64_t *chain;
	int n;
	int rc = store_org_ancestors(ctx->store, ctx->arena, parent_id, date, &chain, &n, err);
	if (rc)
		return rc;
	for (int i = 0; i < n; i++)
		if (chain[i] == id)
			return kh_fail(err, KH_EINVAL, field,
				       "Không thể chuyển một tổ chức vào chính nó hoặc vào tổ chức"
				       " trực thuộc nó");
	return 0;
}

static int do_move(struct app_ctx *ctx, int64_t id, int64_t parent_id, int32_t date,
		   const char *note, struct kh_error *err)
{
	struct org_version v;
	struct org parent;
	int rc = latest_at(ctx, id, date, &v, err);
	if (rc)
		return rc;
	if (parent_id == v.parent_id)
		return kh_fail(err, KH_EINVAL, "parent_id", "«%s» đã trực thuộc tổ chức này",
			       v.name);
	if (parent_id) {
		rc = store_org_get(ctx->store, ctx->arena, parent_id, date, &parent, err);
		if (rc == KH_ENOTFOUND)
			return kh_fail(err, KH_EINVAL, "parent_id",
				       "Tổ chức cấp trên mới không tồn tại vào ngày %s",
				       fmt_day(ctx, date));
		if (rc)
			return rc;
		rc = check_not_inside(ctx, id, parent_id, date, "parent_id", err);
		if (rc)
			return rc;
	}
	rc = apply_version(ctx, &v, date, parent_id, v.name, v.short_name, err);
	if (rc)
		return rc;
	rc = add_event(ctx, ORG_EVENT_MOVE, date, id, parent_id,
		       name_of(ctx, v.parent_id, date - 1), name_of(ctx, parent_id, date), nz(note),
		       err);
	if (rc)
		return rc;
	rc = app_audit(ctx, "org.move", "org", id,
		       json_text(ctx, version_json(ctx, id, v.name, v.short_name, v.parent_id,
						   v.valid_from)),
		       json_text(ctx, version_json(ctx, id, v.name, v.short_name, parent_id, date)),
		       err);
	if (rc)
		return rc;
	return reindex(ctx, id, err);
}

/* Ends the org on date (its last day is date - 1). */
static int do_end(struct app_ctx *ctx, int64_t id, int32_t date, struct kh_error *err)
{
	struct org_version v;
	int rc = latest_at(ctx, id, date, &v, err);
	if (rc)
		return rc;
	if (v.valid_to)
		return kh_fail(err, KH_EINVAL, "date", "«%s» đã có ngày ngừng hoạt động %s", v.name,
			       fmt_day(ctx, v.valid_to));
	if (v.valid_from >= date)
		return kh_fail(err, KH_EINVAL, "date",
			       "«%s» có thay đổi vào chính ngày %s; ngày kết thúc phải sau ngày đó",
			       v.name, fmt_day(ctx, date));
	rc = store_org_version_set_end(ctx->store, v.id, date, err);
	if (rc)
		return rc;
	return store_org_set_end(ctx->store, id, date, err);
}

/* Moves every child of id on date (except those listed in skip) under
 * to_id. */
static int move_children(struct app_ctx *ctx, int64_t id, int64_t to_id, int32_t date,
			 const int64_t *skip, int n_skip, const char *note, struct kh_error *err)
{
	struct org *kids;
	int n;
	int rc = store_org_children(ctx->store, ctx->arena, id, date, &kids, &n, err);
	if (rc)
		return rc;
	for (int i = 0; i < n; i++) {
		bool skipped = false;
		for (int j = 0; j < n_skip; j++)
			if (skip[j] == kids[i].id)
				skipped = true;
		if (skipped)
			continue;
		rc = do_move(ctx, kids[i].id, to_id, date, note, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int do_merge(struct app_ctx *ctx, const int64_t *sources, int n_sources, int64_t target_id,
		    int32_t date, const char *note, struct kh_error *err)
{
	struct org target;
	int64_t *chain;
	int n_chain, rc;

	if (n_sources < 1)
		return kh_fail(err, KH_EINVAL, "source_ids",
			       "Cần chọn ít nhất một tổ chức để hợp nhất");
	rc = store_org_get(ctx->store, ctx->arena, target_id, date, &target, err);
	if (rc == KH_ENOTFOUND)
		return kh_fail(err, KH_EINVAL, "target_id",
			       "Tổ chức nhận hợp nhất không tồn tại vào ngày %s",
			       fmt_day(ctx, date));
	if (rc)
		return rc;
	rc = store_org_ancestors(ctx->store, ctx->arena, target_id, date, &chain, &n_chain, err);
	if (rc)
		return rc;
	for (int i = 0; i < n_sources; i++) {
		for (int j = 0; j < i; j++)
			if (sources[j] == sources[i])
				return kh_fail(err, KH_EINVAL, "source_ids",
					       "Một tổ chức được chọn hai lần");
		for (int j = 0; j < n_chain; j++)
			if (chain[j] == sources[i])
				return kh_fail(
					err, KH_EINVAL, "source_ids",
					"Không thể hợp nhất một tổ chức vào chính nó hoặc vào"
					" tổ chức trực thuộc nó");
	}
	json_t *srcs = json_array();
	for (int i = 0; i < n_sources; i++) {
		struct org_version v;
		rc = latest_at(ctx, sources[i], date, &v, err);
		if (rc)
			goto out;
		const char *note_move =
			arena_printf(ctx->arena, "Do hợp nhất «%s» vào «%s»%s%s", v.name,
				     target.name, note && *note ? ": " : "", nz(note));
		rc = move_children(ctx, sources[i], target_id, date, sources, n_sources, note_move,
				   err);
		if (rc)
			goto out;
		rc = do_end(ctx, sources[i], date, err);
		if (rc)
			goto out;
		rc = add_event(ctx, ORG_EVENT_MERGE, date, sources[i], target_id, v.name,
			       target.name, nz(note), err);
		if (rc)
			goto out;
		rc = reindex(ctx, sources[i], err);
		if (rc)
			goto out;
		json_array_append_new(srcs, json_integer(sources[i]));
	}
	char iso[11];
	date_format_iso(date, iso);
	json_t *after = json_object();
	json_object_set_new(after, "source_ids", json_incref(srcs));
	json_object_set_new(after, "target_id", json_integer(target_id));
	json_object_set_new(after, "date", json_string(iso));
	rc = app_audit(ctx, "org.merge", "org", target_id, NULL, json_text(ctx, after), err);
out:
	json_decref(srcs);
	return rc;
}

static int do_dissolve(struct app_ctx *ctx, int64_t id, int32_t date, int64_t children_to,
		       const char *note, struct kh_error *err)
{
	struct org_version v;
	struct org *kids, to;
	int n, rc;

	rc = latest_at(ctx, id, date, &v, err);
	if (rc)
		return rc;
	rc = store_org_children(ctx->store, ctx->arena, id, date, &kids, &n, err);
	if (rc)
		return rc;
	if (n > 0 && !children_to)
		return kh_fail(
			err, KH_EINVAL, "children_to",
			"«%s» còn %d tổ chức trực thuộc vào ngày %s: hãy chuyển hoặc hợp nhất"
			" các tổ chức đó trước, hoặc chọn tổ chức tiếp nhận chúng",
			v.name, n, fmt_day(ctx, date));
	if (children_to) {
		rc = store_org_get(ctx->store, ctx->arena, children_to, date, &to, err);
		if (rc == KH_ENOTFOUND)
			return kh_fail(err, KH_EINVAL, "children_to",
				       "Tổ chức tiếp nhận không tồn tại vào ngày %s",
				       fmt_day(ctx, date));
		if (rc)
			return rc;
		rc = check_not_inside(ctx, id, children_to, date, "children_to", err);
		if (rc)
			return rc;
		const char *mnote = arena_printf(ctx->arena, "Do giải thể «%s»", v.name);
		rc = move_children(ctx, id, children_to, date, NULL, 0, mnote, err);
		if (rc)
			return rc;
	}
	rc = do_end(ctx, id, date, err);
	if (rc)
		return rc;
	rc = add_event(ctx, ORG_EVENT_DISSOLVE, date, id, children_to, v.name,
		       children_to ? to.name : "", nz(note), err);
	if (rc)
		return rc;
	rc = app_audit(
		ctx, "org.dissolve", "org", id,
		json_text(ctx,
			  version_json(ctx, id, v.name, v.short_name, v.parent_id, v.valid_from)),
		json_text(ctx, version_json(ctx, id, v.name, v.short_name, v.parent_id, date)),
		err);
	if (rc)
		return rc;
	return reindex(ctx, id, err);
}

/* Runs a write step in one transaction. */
#define IN_TX(ctx, err, call)                                     \
	do {                                                      \
		int rc_ = store_begin((ctx)->store, true, (err)); \
		if (rc_)                                          \
			return rc_;                               \
		rc_ = (call);                                     \
		if (!rc_)                                         \
			rc_ = store_commit((ctx)->store, (err));  \
		else                                              \
			store_rollback((ctx)->store);             \
		return rc_;                                       \
	} while (0)

/* ---- reads ---- */

int app_org_get(struct app_ctx *ctx, int64_t id, int32_t as_of, struct org *out,
		struct kh_error *err)
{
	int32_t day = day_or_today(ctx, as_of);
	int rc = store_org_get_nearest(ctx->store, ctx->arena, id, day, out, err);
	if (rc)
		return rc;
	return app_can_read_org(ctx, id, err);
}

int app_org_children(struct app_ctx *ctx, int64_t id, int32_t as_of, struct org **out, int *n,
		     struct kh_error *err)
{
	struct org o;
	int rc = app_org_get(ctx, id, as_of, &o, err);
	if (rc)
		return rc;
	rc = store_org_children(ctx->store, ctx->arena, id, day_or_today(ctx, as_of), out, n, err);
	if (rc)
		return rc;
	sort_orgs(*out, *n);
	return 0;
}

int app_org_roots(struct app_ctx *ctx, int32_t as_of, struct org **out, int *n,
		  struct kh_error *err)
{
	int32_t day = day_or_today(ctx, as_of);
	int rc;

	*out = NULL;
	*n = 0;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (app_sees_all(ctx)) {
		rc = store_org_children(ctx->store, ctx->arena, 0, day, out, n, err);
		if (rc)
			return rc;
		sort_orgs(*out, *n);
		return 0;
	}
	rc = app_scope_load(ctx, err);
	if (rc)
		return rc;
	const struct actor *a = ctx->actor;
	struct org *v = arena_alloc(ctx->arena, sizeof(*v) * (size_t)(a->n_read_roots + 1));
	int count = 0;
	for (int i = 0; i < a->n_read_roots; i++) {
		int64_t *chain;
		int nchain;
		bool inside = false;
		rc = store_org_ancestors(ctx->store, ctx->arena, a->read_roots[i], day, &chain,
					 &nchain, err);
		if (rc)
			return rc;
		for (int j = 1; j < nchain && !inside; j++)
			for (int k = 0; k < a->n_read_roots; k++)
				if (k != i && chain[j] == a->read_roots[k])
					inside = true;
		if (inside)
			continue;
		rc = store_org_get(ctx->store, ctx->arena, a->read_roots[i], day, &v[count], err);
		if (rc == KH_ENOTFOUND)
			continue;
		if (rc)
			return rc;
		count++;
	}
	kh_error_clear(err);
	sort_orgs(v, count);
	*out = v;
	*n = count;
	return 0;
}

int app_org_path(struct app_ctx *ctx, int64_t id, int32_t as_of, struct org **out, int *n,
		 struct kh_error *err)
{
	struct org o;
	int64_t *chain;
	int nchain;
	int rc = app_org_get(ctx, id, as_of, &o, err);
	if (rc)
		return rc;
	int32_t day = day_or_today(ctx, as_of);
	if (!org_exists_on(&o, day))
		day = o.valid_to && day >= o.valid_to ? o.valid_to - 1 : o.valid_from;
	rc = store_org_ancestors(ctx->store, ctx->arena, id, day, &chain, &nchain, err);
	if (rc)
		return rc;
	/* Readability is closed downwards, so stop at the first unreadable. */
	int top = 0;
	for (int i = 1; i < nchain; i++) {
		struct kh_error e;
		if (app_can_read_org(ctx, chain[i], &e))
			break;
		top = i;
	}
	struct org *v = arena_alloc(ctx->arena, sizeof(*v) * (size_t)(top + 1));
	int count = 0;
	for (int i = top; i >= 1; i--) {
		rc = store_org_get(ctx->store, ctx->arena, chain[i], day, &v[count], err);
		if (rc)
			return rc;
		count++;
	}
	*out = v;
	*n = count;
	return 0;
}

int app_org_history(struct app_ctx *ctx, int64_t id, struct org_history *out, struct kh_error *err)
{
	struct org o;
	struct org_event *ev;
	int n, rc;

	memset(out, 0, sizeof(*out));
	rc = app_org_get(ctx, id, 0, &o, err);
	if (rc)
		return rc;
	rc = store_org_versions(ctx->store, ctx->arena, id, &out->versions, &out->n_versions, err);
	if (rc)
		return rc;
	rc = store_org_events(ctx->store, ctx->arena, id, &ev, &n, err);
	if (rc)
		return rc;
	out->events = arena_alloc(ctx->arena, sizeof(*out->events) * (size_t)(n + 1));
	/* A reorganization moves many orgs on one day, so the same (org, day)
	 * names repeat: look each up once. */
	struct name_memo memo = {0};
	for (int i = 0; i < n; i++) {
		struct org_history_event *h = &out->events[i];
		h->ev = ev[i];
		/* Names as they stood just before the change. */
		h->org_name = name_of_memo(ctx, &memo, ev[i].org_id, ev[i].date - 1);
		h->other_name = name_of_memo(ctx, &memo, ev[i].other_org_id, ev[i].date);
	}
	out->n_events = n;
	return 0;
}

int app_org_search(struct app_ctx *ctx, const char *q, int32_t as_of, int limit, struct org **out,
		   int *n, struct kh_error *err)
{
	struct org *hits;
	int nhits, rc;

	*out = NULL;
	*n = 0;
	if (!q || !*q)
		return 0;
	if (utf8_char_count(q) > 200)
		return kh_fail(err, KH_EINVAL, "q", "Từ khóa tìm kiếm dài quá 200 ký tự");
	char *folded = text_fold(q);
	/* Fetch more than asked: some hits fall outside the actor's scope. */
	rc = store_org_search(ctx->store, ctx->arena, folded, day_or_today(ctx, as_of),
			      app_sees_all(ctx) ? limit : limit * 10, &hits, &nhits, err);
	free(folded);
	if (rc)
		return rc;
	struct org *v = arena_alloc(ctx->arena, sizeof(*v) * (size_t)(nhits + 1));
	int count = 0;
	for (int i = 0; i < nhits && count < limit; i++) {
		struct kh_error e;
		if (app_can_read_org(ctx, hits[i].id, &e) == 0)
			v[count++] = hits[i];
		else if (e.code != KH_EFORBIDDEN)
			return kh_fail(err, e.code, NULL, "%s", e.message);
	}
	sort_orgs(v, count);
	*out = v;
	*n = count;
	return 0;
}

/* ---- changes ---- */

static int validate_create(struct app_ctx *ctx, const struct org_create *in, enum org_kind *kind,
			   struct kh_error *err)
{
	int rc = check_names(in->name, in->short_name, err);
	if (rc)
		return rc;
	if (!in->kind || !org_kind_parse(in->kind, kind))
		return kh_fail(err, KH_EINVAL, "kind", "Loại tổ chức không hợp lệ");
	if (in->level < 0 || in->level > ORG_LEVEL_MAX)
		return kh_fail(err, KH_EINVAL, "level", "Cấp phải từ 0 đến %d", ORG_LEVEL_MAX);
	rc = app_check_name("code", "Mã tổ chức", in->code, ORG_CODE_MAX, false, err);
	if (rc)
		return rc;
	return check_note(in->note, err);
}

int app_org_create(struct app_ctx *ctx, const struct org_create *in, int64_t *id,
		   struct kh_error *err)
{
	enum org_kind kind;
	int rc = require_manage_parent(ctx, in->parent_id, err);
	if (rc)
		return rc;
	rc = validate_create(ctx, in, &kind, err);
	if (rc)
		return rc;
	IN_TX(ctx, err, do_create(ctx, in, day_or_today(ctx, in->date), kind, id, err));
}

int app_org_rename(struct app_ctx *ctx, int64_t id, const char *new_name,
		   const char *new_short_name, int32_t date, const char *note, struct kh_error *err)
{
	int rc = app_can_manage_org(ctx, id, err);
	if (rc)
		return rc;
	rc = check_names(new_name, new_short_name, err);
	if (!rc)
		rc = check_note(note, err);
	if (rc)
		return rc;
	IN_TX(ctx, err,
	      do_rename(ctx, id, new_name, new_short_name, day_or_today(ctx, date), note, err));
}

int app_org_move(struct app_ctx *ctx, int64_t id, int64_t new_parent_id, int32_t date,
		 const char *note, struct kh_error *err)
{
	int rc = app_can_manage_org(ctx, id, err);
	if (!rc)
		rc = require_manage_parent(ctx, new_parent_id, err);
	if (!rc)
		rc = check_note(note, err);
	if (rc)
		return rc;
	IN_TX(ctx, err, do_move(ctx, id, new_parent_id, day_or_today(ctx, date), note, err));
}

static int do_update(struct app_ctx *ctx, int64_t id, const char *name, const char *short_name,
		     bool move, int64_t parent_id, int32_t date, const char *note,
		     struct kh_error *err)
{
	int rc = 0;
	if (name) {
		struct org_version v;
		rc = latest_at(ctx, id, date, &v, err);
		if (rc)
			return rc;
		/* Only the move asked for, with the name sent unchanged: no rename. */
		if (!(move && strcmp(name, v.name) == 0 &&
		      (!short_name || strcmp(short_name, v.short_name) == 0)))
			rc = do_rename(ctx, id, name, short_name, date, note, err);
	}
	if (!rc && move)
		rc = do_move(ctx, id, parent_id, date, note, err);
	return rc;
}

int app_org_update(struct app_ctx *ctx, int64_t id, const char *new_name,
		   const char *new_short_name, bool move, int64_t new_parent_id, int32_t date,
		   const char *note, struct kh_error *err)
{
	int rc = app_can_manage_org(ctx, id, err);
	if (rc)
		return rc;
	if (!new_name && !move)
		return kh_fail(err, KH_EINVAL, "name", "Không có thay đổi nào được yêu cầu");
	if (!new_name && new_short_name)
		return kh_fail(err, KH_EINVAL, "name", "Đổi tên viết tắt cần kèm tên tổ chức");
	if (new_name)
		rc = check_names(new_name, new_short_name, err);
	if (!rc && move)
		rc = require_manage_parent(ctx, new_parent_id, err);
	if (!rc)
		rc = check_note(note, err);
	if (rc)
		return rc;
	IN_TX(ctx, err,
	      do_update(ctx, id, new_name, new_short_name, move, new_parent_id,
			day_or_today(ctx, date), note, err));
}

static int check_merge_rights(struct app_ctx *ctx, const int64_t *sources, int n,
			      struct kh_error *err)
{
	if (n < 1)
		return kh_fail(err, KH_EINVAL, "source_ids",
			       "Cần chọn ít nhất một tổ chức để hợp nhất");
	if (n > 1000)
		return kh_fail(err, KH_EINVAL, "source_ids",
			       "Quá nhiều tổ chức trong một lần hợp nhất");
	for (int i = 0; i < n; i++) {
		int rc = app_can_manage_org(ctx, sources[i], err);
		if (rc)
			return rc;
	}
	return 0;
}

int app_org_merge(struct app_ctx *ctx, const int64_t *source_ids, int n_sources, int64_t target_id,
		  int32_t date, const char *note, struct kh_error *err)
{
	int rc = check_merge_rights(ctx, source_ids, n_sources, err);
	if (!rc)
		rc = app_can_manage_org(ctx, target_id, err);
	if (!rc)
		rc = check_note(note, err);
	if (rc)
		return rc;
	IN_TX(ctx, err,
	      do_merge(ctx, source_ids, n_sources, target_id, day_or_today(ctx, date), note, err));
}

static int do_merge_into_new(struct app_ctx *ctx, const int64_t *sources, int n_sources,
			     const struct org_create *in, enum org_kind kind, int64_t *id,
			     struct kh_error *err)
{
	int32_t date = day_or_today(ctx, in->date);
	int rc = do_create(ctx, in, date, kind, id, err);
	if (rc)
		return rc;
	return do_merge(ctx, sources, n_sources, *id, date, in->note, err);
}

int app_org_merge_into_new(struct app_ctx *ctx, const int64_t *source_ids, int n_sources,
			   const struct org_create *new_org, int64_t *id, struct kh_error *err)
{
	enum org_kind kind;
	int rc = check_merge_rights(ctx, source_ids, n_sources, err);
	if (!rc)
		rc = require_manage_parent(ctx, new_org->parent_id, err);
	if (!rc)
		rc = validate_create(ctx, new_org, &kind, err);
	if (rc)
		return rc;
	IN_TX(ctx, err, do_merge_into_new(ctx, source_ids, n_sources, new_org, kind, id, err));
}

static int do_split(struct app_ctx *ctx, int64_t id, const struct org_split_part *parts,
		    int n_parts, int32_t date, bool dissolve_source, const char *note, int64_t *ids,
		    struct kh_error *err)
{
	struct org_version v;
	struct org src;
	int rc = latest_at(ctx, id, date, &v, err);
	if (rc)
		return rc;
	rc = store_org_get(ctx->store, ctx->arena, id, date, &src, err);
	if (rc)
		return rc;
	if (dissolve_source && src.child_count > 0)
		return kh_fail(
			err, KH_EINVAL, "dissolve_source",
			"«%s» còn %lld tổ chức trực thuộc vào ngày %s: hãy chuyển các tổ chức"
			" đó sang tổ chức mới trước khi giải thể tổ chức bị chia tách",
			v.name, (long long)src.child_count, fmt_day(ctx, date));
	json_t *created = json_array();
	for (int i = 0; i < n_parts; i++) {
		struct org_create in = {
			.parent_id = v.parent_id,
			.name = parts[i].name,
			.short_name = parts[i].short_name,
			.level = src.level,
			.date = date,
			.note = arena_printf(ctx->arena, "Chia tách từ «%s»", v.name),
		};
		rc = do_create(ctx, &in, date, src.kind, &ids[i], err);
		if (rc)
			goto out;
		rc = add_event(ctx, ORG_EVENT_SPLIT, date, id, ids[i], v.name, parts[i].name,
			       nz(note), err);
		if (rc)
			goto out;
		json_array_append_new(created, json_integer(ids[i]));
	}
	if (dissolve_source) {
		rc = do_end(ctx, id, date, err);
		if (!rc)
			rc = add_event(ctx, ORG_EVENT_DISSOLVE, date, id, 0, v.name, "",
				       arena_printf(ctx->arena, "Chia tách%s%s",
						    note && *note ? ": " : "", nz(note)),
				       err);
		if (!rc)
			rc = reindex(ctx, id, err);
		if (rc)
			goto out;
	}
	char iso[11];
	date_format_iso(date, iso);
	json_t *after = json_object();
	json_object_set_new(after, "new_ids", json_incref(created));
	json_object_set_new(after, "dissolve_source", json_boolean(dissolve_source));
	json_object_set_new(after, "date", json_string(iso));
	rc = app_audit(ctx, "org.split", "org", id, NULL, json_text(ctx, after), err);
out:
	json_decref(created);
	return rc;
}

int app_org_split(struct app_ctx *ctx, int64_t id, const struct org_split_part *parts, int n_parts,
		  int32_t date, bool dissolve_source, const char *note, int64_t **new_ids,
		  struct kh_error *err)
{
	struct org o;
	int rc = app_can_manage_org(ctx, id, err);
	if (rc)
		return rc;
	rc = app_org_get(ctx, id, date, &o, err);
	if (rc)
		return rc;
	rc = require_manage_parent(ctx, o.parent_id, err);
	if (rc)
		return rc;
	if (n_parts < 1 || n_parts > 100)
		return kh_fail(err, KH_EINVAL, "new_orgs",
			       "Cần từ 1 đến 100 tổ chức mới khi chia tách");
	for (int i = 0; i < n_parts; i++) {
		rc = check_names(parts[i].name, parts[i].short_name, err);
		if (rc)
			return rc;
	}
	rc = check_note(note, err);
	if (rc)
		return rc;
	int64_t *ids = arena_alloc(ctx->arena, sizeof(*ids) * (size_t)n_parts);
	if (new_ids)
		*new_ids = ids;
	IN_TX(ctx, err,
	      do_split(ctx, id, parts, n_parts, day_or_today(ctx, date), dissolve_source, note, ids,
		       err));
}

int app_org_dissolve(struct app_ctx *ctx, int64_t id, int32_t date, int64_t children_to,
		     const char *note, struct kh_error *err)
{
	int rc = app_can_manage_org(ctx, id, err);
	if (!rc && children_to)
		rc = app_can_manage_org(ctx, children_to, err);
	if (!rc)
		rc = check_note(note, err);
	if (rc)
		return rc;
	IN_TX(ctx, err, do_dissolve(ctx, id, day_or_today(ctx, date), children_to, note, err));
}

/* ---- CSV import ---- */

enum col { COL_CODE, COL_PARENT, COL_NAME, COL_SHORT, COL_KIND, COL_LEVEL, COL_DATE, COL_N };
static const char *const col_names[COL_N] = {
	"ma", "ma_cap_tren", "ten", "ten_viet_tat", "loai", "cap", "ngay_hieu_luc",
};

struct irow {
	int line;
	const char *f[COL_N]; /* trimmed values ("" when the column is absent) */
	enum org_kind kind;
	bool has_kind, has_level;
	int level;
	int32_t date;
	int parent_idx;	   /* row index of the parent in the file, or -1 */
	int64_t parent_id; /* existing parent org, or 0 */
	int64_t existing;  /* the org already imported under this code, or 0 */
	int depth;
	int64_t result_id;
	const char *error;
};

static const char *trim_dup(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_memdup0(a, s, n);
}

/* Kind from its code name, its label, or a common wording (folded). */
static bool parse_kind(const char *s, enum org_kind *out)
{
	static const struct {
		const char *words;
		enum org_kind kind;
	} synonyms[] = {
		{"dang bo", ORG_COMMITTEE},
		{"dang uy", ORG_COMMITTEE},
		{"cap uy", ORG_COMMITTEE},
		{"tinh uy", ORG_COMMITTEE},
		{"thanh uy", ORG_COMMITTEE},
		{"huyen uy", ORG_COMMITTEE},
		{"chi bo", ORG_CELL},
		{"van phong", ORG_OFFICE},
		{"ban to chuc", ORG_ORG_BOARD},
		{"uy ban kiem tra", ORG_INSPECTION},
		{"ubkt", ORG_INSPECTION},
		{"ban tuyen giao", ORG_PROPAGANDA},
		{"ban dan van", ORG_MASS_MOBILIZATION},
		{"dang doan", ORG_DELEGATION},
		{"ban can su dang", ORG_DELEGATION},
		{"nha nuoc", ORG_STATE},
		{"co quan nha nuoc", ORG_STATE},
		{"doan the", ORG_MASS_ORG},
		{"mat tran", ORG_MASS_ORG},
	};
	if (org_kind_parse(s, out))
		return true;
	bool ok = false;
	char *f = text_fold(s);
	/* Collapse the folded text's runs of spaces for comparison. */
	char *w = f, *r = f;
	while (*r == ' ')
		r++;
	for (; *r; r++)
		if (*r != ' ' || (r[1] && r[1] != ' '))
			*w++ = *r;
	*w = '\0';
	for (int k = 0; k < ORG_KIND_COUNT && !ok; k++) {
		char *label = text_fold(org_kind_label((enum org_kind)k));
		char *lw = label, *lr = label;
		while (*lr == ' ')
			lr++;
		for (; *lr; lr++)
			if (*lr != ' ' || (lr[1] && lr[1] != ' '))
				*lw++ = *lr;
		*lw = '\0';
		if (strcmp(label, f) == 0) {
			*out = (enum org_kind)k;
			ok = true;
		}
		free(label);
	}
	for (size_t i = 0; i < KH_ARRAY_LEN(synonyms) && !ok; i++)
		if (strcmp(synonyms[i].words, f) == 0) {
			*out = synonyms[i].kind;
			ok = true;
		}
	free(f);
	return ok;
}

/* YYYY-MM-DD or d/m/yyyy (also with '-' or '.'). */
static bool parse_day(const char *s, int32_t *out)
{
	if (date_parse_iso(s, out) == 0)
		return true;
	int d, m, y, used = 0;
	char s1, s2;
	if (sscanf(s, "%2d%c%2d%c%4d%n", &d, &s1, &m, &s2, &y, &used) != 5 ||
	    (size_t)used != strlen(s) || s1 != s2 || (s1 != '/' && s1 != '-' && s1 != '.'))
		return false;
	if (y < 1900 || y > 2200 || !date_valid_ymd(y, m, d))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
}

static void row_error(struct app_ctx *ctx, struct irow *r, const char *fmt, ...) KH_PRINTF(3, 4);
static void row_error(struct app_ctx *ctx, struct irow *r, const char *fmt, ...)
{
	if (r->error)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->error = arena_strdup(ctx->arena, msg);
}

/* Parses the header and the rows' fields; file-level problems fail. */
static int import_read(struct app_ctx *ctx, const struct csv *c, int32_t as_of,
		       struct irow **rows_out, int *n_out, struct kh_error *err)
{
	int map[COL_N];
	for (int k = 0; k < COL_N; k++)
		map[k] = -1;
	if (c->n_records == 0)
		return kh_fail(err, KH_EINVAL, "file", "Tệp CSV trống: cần dòng tiêu đề %s,%s,%s,…",
			       col_names[0], col_names[1], col_names[2]);
	const struct csv_record *h = &c->records[0];
	for (int j = 0; j < h->n_fields; j++) {
		const char *name = trim_dup(ctx->arena, h->fields[j]);
		char *lower = arena_strdup(ctx->arena, name);
		for (char *p = lower; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		if (!*lower)
			continue;
		int k;
		for (k = 0; k < COL_N; k++)
			if (strcmp(lower, col_names[k]) == 0)
				break;
		if (k == COL_N)
			return kh_fail(
				err, KH_EINVAL, "file",
				"Dòng 1: cột «%s» không được hỗ trợ (các cột: ma, ma_cap_tren,"
				" ten, ten_viet_tat, loai, cap, ngay_hieu_luc)",
				name);
		if (map[k] >= 0)
			return kh_fail(err, KH_EINVAL, "file", "Dòng 1: cột «%s» xuất hiện hai lần",
				       name);
		map[k] = j;
	}
	if (map[COL_CODE] < 0 || map[COL_NAME] < 0)
		return kh_fail(
			err, KH_EINVAL, "file",
			"Dòng 1: thiếu cột bắt buộc «ma» hoặc «ten» (dòng đầu phải là tiêu đề)");

	struct irow *rows = arena_alloc(ctx->arena, sizeof(*rows) * (size_t)c->n_records);
	int n = 0;
	for (int i = 1; i < c->n_records; i++) {
		const struct csv_record *rec = &c->records[i];
		struct irow *r = &rows[n];
		bool blank = true;
		memset(r, 0, sizeof(*r));
		r->line = rec->line;
		r->parent_idx = -1;
		for (int k = 0; k < COL_N; k++) {
			int j = map[k];
			r->f[k] = j >= 0 && j < rec->n_fields ? trim_dup(ctx->arena, rec->fields[j])
							      : "";
			if (*r->f[k])
				blank = false;
		}
		if (blank)
			continue;
		n++;
		if (rec->n_fields != h->n_fields)
			row_error(ctx, r, "có %d cột trong khi dòng tiêu đề có %d cột",
				  rec->n_fields, h->n_fields);
		struct kh_error e;
		if (!*r->f[COL_CODE])
			row_error(ctx, r, "thiếu mã tổ chức (cột ma)");
		else if (app_check_name("ma", "Mã tổ chức", r->f[COL_CODE], ORG_CODE_MAX, true, &e))
			row_error(ctx, r, "%s", e.message);
		if (check_names(r->f[COL_NAME], r->f[COL_SHORT], &e))
			row_error(ctx, r, "%s", e.message);
		if (*r->f[COL_KIND]) {
			if (parse_kind(r->f[COL_KIND], &r->kind))
				r->has_kind = true;
			else
				row_error(ctx, r, "loại tổ chức «%s» không hợp lệ", r->f[COL_KIND]);
		}
		if (*r->f[COL_LEVEL]) {
			int64_t lv;
			if (num_parse_i64(r->f[COL_LEVEL], 0, ORG_LEVEL_MAX, &lv))
				row_error(ctx, r, "cấp «%s» không hợp lệ (phải từ 0 đến %d)",
					  r->f[COL_LEVEL], ORG_LEVEL_MAX);
			r->level = (int)lv;
			r->has_level = true;
		}
		r->date = as_of;
		if (*r->f[COL_DATE] && !parse_day(r->f[COL_DATE], &r->date))
			row_error(ctx, r,
				  "ngày hiệu lực «%s» không hợp lệ (dùng YYYY-MM-DD hoặc"
				  " dd/mm/yyyy)",
				  r->f[COL_DATE]);
	}
	*rows_out = rows;
	*n_out = n;
	return 0;
}

/* Links rows to parents and existing orgs; checks rights and cycles. */
static int import_resolve(struct app_ctx *ctx, struct irow *rows, int n, struct kh_error *err)
{
	int rc;
	for (int i = 0; i < n; i++) {
		struct irow *r = &rows[i];
		for (int j = 0; j < i && *r->f[COL_CODE]; j++)
			if (strcmp(rows[j].f[COL_CODE], r->f[COL_CODE]) == 0) {
				row_error(ctx, r, "mã «%s» trùng với dòng %d", r->f[COL_CODE],
					  rows[j].line);
				break;
			}
		if (*r->f[COL_CODE]) {
			rc = store_org_find_code(ctx->store, r->f[COL_CODE], &r->existing, err);
			if (rc)
				return rc;
		}
		const char *pc = r->f[COL_PARENT];
		if (*pc) {
			if (strcmp(pc, r->f[COL_CODE]) == 0) {
				row_error(ctx, r, "tổ chức không thể là cấp trên của chính nó");
				continue;
			}
			for (int j = 0; j < n; j++)
				if (j != i && strcmp(rows[j].f[COL_CODE], pc) == 0) {
					r->parent_idx = j;
					break;
				}
			if (r->parent_idx < 0) {
				rc = store_org_find_code(ctx->store, pc, &r->parent_id, err);
				if (rc)
					return rc;
				if (!r->parent_id)
					row_error(ctx, r,
						  "không tìm thấy tổ chức cấp trên có mã «%s»"
						  " (trong tệp hoặc đã nhập trước đây)",
						  pc);
			}
		}
		if (!r->existing && !r->has_kind)
			row_error(ctx, r, "thiếu loại tổ chức (cột loai) cho tổ chức mới");
		struct kh_error e;
		if (r->existing && app_can_manage_org(ctx, r->existing, &e))
			row_error(ctx, r, "%s", e.message);
		if (r->parent_id && app_can_manage_org(ctx, r->parent_id, &e))
			row_error(ctx, r, "%s", e.message);
		if (!*pc && !app_sees_all(ctx))
			row_error(ctx, r,
				  "chỉ quản trị viên được nhập tổ chức cấp cao nhất"
				  " (không có mã cấp trên)");
	}
	/* Depths within the file; a chain longer than n is a cycle. */
	for (int i = 0; i < n; i++) {
		int d = 0, j = i;
		while (rows[j].parent_idx >= 0 && d <= n) {
			j = rows[j].parent_idx;
			d++;
		}
		rows[i].depth = d;
		if (d > n)
			row_error(ctx, &rows[i],
				  "vòng lặp cấp trên – cấp dưới giữa các dòng trong tệp");
	}
	return 0;
}

static int cmp_depth(const void *a, const void *b)
{
	const struct irow *const *x = a, *const *y = b;
	if ((*x)->depth != (*y)->depth)
		return (*x)->depth - (*y)->depth;
	return (*x)->line - (*y)->line;
}

/* Applies one valid row (transaction open); sets *action. */
static int import_apply_row(struct app_ctx *ctx, struct irow *r, const struct irow *rows,
			    const char **action, const char **what, struct kh_error *err)
{
	int64_t parent = r->parent_idx >= 0 ? rows[r->parent_idx].result_id : r->parent_id;
	int rc;

	if (!r->existing) {
		int level = r->level;
		if (!r->has_level) {
			struct org p;
			level = 0;
			if (parent && store_org_get_nearest(ctx->store, ctx->arena, parent, r->date,
							    &p, err) == 0)
				level = p.level < ORG_LEVEL_MAX ? p.level + 1 : ORG_LEVEL_MAX;
		}
		struct org_create in = {
			.parent_id = parent,
			.name = r->f[COL_NAME],
			.short_name = r->f[COL_SHORT],
			.level = level,
			.date = r->date,
			.note = "Nhập từ tệp CSV",
			.code = r->f[COL_CODE],
		};
		rc = do_create(ctx, &in, r->date, r->kind, &r->result_id, err);
		*action = "create";
		*what = "tạo mới";
		return rc;
	}
	r->result_id = r->existing;
	struct org cur;
	rc = store_org_get_nearest(ctx->store, ctx->arena, r->existing, r->date, &cur, err);
	if (rc)
		return rc;
	struct buf b;
	buf_init(&b, 1024);
	if (strcmp(cur.name, r->f[COL_NAME]) != 0 || strcmp(cur.short_name, r->f[COL_SHORT]) != 0) {
		rc = do_rename(ctx, r->existing, r->f[COL_NAME], r->f[COL_SHORT], r->date,
			       "Nhập từ tệp CSV", err);
		if (rc)
			goto out;
		buf_printf(&b, "đổi tên từ «%s»", cur.name);
	}
	if (cur.parent_id != parent) {
		rc = do_move(ctx, r->existing, parent, r->date, "Nhập từ tệp CSV", err);
		if (rc)
			goto out;
		buf_printf(&b, "%schuyển trực thuộc", b.len ? "; " : "");
	}
	int level = r->has_level ? r->level : cur.level;
	enum org_kind kind = r->has_kind ? r->kind : cur.kind;
	if (level != cur.level || kind != cur.kind) {
		rc = store_org_set_kind_level(ctx->store, r->existing, kind, level, err);
		if (!rc) {
			json_t *before = json_pack("{s:s, s:i}", "kind", org_kind_name(cur.kind),
						   "level", cur.level);
			json_t *after = json_pack("{s:s, s:i}", "kind", org_kind_name(kind),
						  "level", level);
			rc = app_audit(ctx, "org.update", "org", r->existing,
				       json_text(ctx, before), json_text(ctx, after), err);
		}
		if (rc)
			goto out;
		buf_printf(&b, "%ssửa loại/cấp", b.len ? "; " : "");
	}
	*action = b.len ? "update" : "unchanged";
	*what = b.len ? arena_strdup(ctx->arena, b.data) : "không thay đổi";
out:
	buf_release(&b);
	return rc;
}

int app_org_import_csv(struct app_ctx *ctx, const char *csv_text, size_t len, int32_t as_of,
		       bool dry_run, struct import_report *out, struct kh_error *err)
{
	struct csv c = {0};
	struct irow *rows = NULL;
	int n = 0, rc;
	bool tx = false;

	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (!csv_text || !utf8_valid(csv_text, len))
		return kh_fail(err, KH_EINVAL, "file", "Tệp không phải văn bản UTF-8 hợp lệ");
	rc = csv_parse(csv_text, len, ORG_IMPORT_MAX_ROWS + 1, &c, err);
	if (rc)
		return rc;
	rc = import_read(ctx, &c, day_or_today(ctx, as_of), &rows, &n, err);
	csv_release(&c);
	if (rc)
		return rc;
	rc = import_resolve(ctx, rows, n, err);
	if (rc)
		return rc;

	out->n_rows = n;
	out->rows = arena_alloc(ctx->arena, sizeof(*out->rows) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		out->rows[i].line = rows[i].line;
		out->rows[i].code = rows[i].f[COL_CODE];
		out->rows[i].name = rows[i].f[COL_NAME];
		/* Until applied, a valid row reports what it would do. */
		out->rows[i].action = rows[i].existing ? "update" : "create";
		out->rows[i].message = "hợp lệ";
	}
	bool any_error = false;
	for (int i = 0; i < n; i++)
		if (rows[i].error)
			any_error = true;

	if (!any_error) {
		/* Apply in parent-before-child order; a dry run rolls back, so its
		 * report is exactly what a real run would do. */
		struct irow **order = arena_alloc(ctx->arena, sizeof(*order) * (size_t)(n + 1));
		for (int i = 0; i < n; i++)
			order[i] = &rows[i];
		if (n > 1)
			qsort(order, (size_t)n, sizeof(*order), cmp_depth);
		rc = store_begin(ctx->store, true, err);
		if (rc)
			return rc;
		tx = true;
		for (int i = 0; i < n; i++) {
			struct irow *r = order[i];
			struct import_row *o = &out->rows[r - rows];
			struct kh_error e;
			kh_error_clear(&e);
			if (r->parent_idx >= 0 && rows[r->parent_idx].error) {
				row_error(ctx, r, "tổ chức cấp trên (dòng %d) có lỗi",
					  rows[r->parent_idx].line);
				any_error = true;
				continue;
			}
			rc = import_apply_row(ctx, r, rows, &o->action, &o->message, &e);
			if (rc == KH_EINVAL || rc == KH_ECONFLICT) {
				row_error(ctx, r, "%s", e.message);
				o->action = "error";
				any_error = true;
				rc = 0;
				continue;
			}
			if (rc) {
				kh_fail(err, e.code, e.field, "%s", e.message);
				goto out;
			}
		}
	}
	for (int i = 0; i < n; i++)
		if (rows[i].error) {
			out->rows[i].action = "error";
			out->rows[i].message = rows[i].error;
		}
	rc = app_import_finish(ctx, out, dry_run, "org.import", "org", &tx, err);
out:
	if (tx)
		store_rollback(ctx->store);
	return rc;
}
