/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The use cases of people and positions (see app/person.h): authorization
 * through the org tree, validation, one transaction per change, the audit
 * log, and the person's search entry, rebuilt after every change that can
 * alter its title or subtitle. The CSV import checks every row first and
 * applies all rows in one transaction, or none.
 */
#include "core/common.h"
#include "app/import.h"
#include "app/person.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/num.h"
#include "store/org.h"
#include "store/search.h"
#include "text/csv.h"
#include "text/fold.h"
#include "text/utf8.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ---- */

static const char *nz(const char *s)
{
	return s ? s : "";
}

static int this_year(const struct app_ctx *ctx)
{
	int y, m, d;
	date_to_ymd(ctx->today, &y, &m, &d);
	return y;
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

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *day_or_null(int32_t day)
{
	char iso[11];
	if (!day)
		return json_null();
	date_format_iso(day, iso);
	return json_string(iso);
}

json_t *app_person_json(const struct person *p)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(p->id));
	json_object_set_new(j, "full_name", json_string(nz(p->full_name)));
	json_object_set_new(j, "birth_year",
			    p->birth_year ? json_integer(p->birth_year) : json_null());
	json_object_set_new(j, "gender", json_string(nz(p->gender)));
	json_object_set_new(j, "member_org_id", id_or_null(p->member_org_id));
	json_object_set_new(j, "residence_org_id", id_or_null(p->residence_org_id));
	json_object_set_new(j, "managing_org_id", id_or_null(p->managing_org_id));
	json_object_set_new(j, "retired", json_boolean(p->retired));
	json_object_set_new(j, "external_id", json_string(nz(p->external_id)));
	return j;
}

json_t *app_position_json(const struct position *p)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(p->id));
	json_object_set_new(j, "person_id", json_integer(p->person_id));
	json_object_set_new(j, "org_id", json_integer(p->org_id));
	json_object_set_new(j, "role", json_string(position_role_name(p->role)));
	json_object_set_new(j, "title", json_string(nz(p->title)));
	json_object_set_new(j, "valid_from", day_or_null(p->valid_from));
	json_object_set_new(j, "valid_to", day_or_null(p->valid_to));
	if (p->person_name && *p->person_name)
		json_object_set_new(j, "person_name", json_string(p->person_name));
	if (p->org_name && *p->org_name)
		json_object_set_new(j, "org_name", json_string(p->org_name));
	return j;
}

/* ---- authorization ---- */

/* 0 when the actor may read the person (see person.h), else KH_EFORBIDDEN. */
static int can_read_person(struct app_ctx *ctx, const struct person *p, struct kh_error *err)
{
	struct kh_error e;
	int rc;
	if (app_sees_all(ctx))
		return 0;
	const int64_t orgs[] = {p->member_org_id, p->residence_org_id, p->managing_org_id};
	for (size_t i = 0; i < KH_ARRAY_LEN(orgs); i++) {
		if (!orgs[i])
			continue;
		rc = app_can_read_org(ctx, orgs[i], &e);
		if (rc == 0)
			return 0;
		if (rc != KH_EFORBIDDEN) {
			kh_fail(err, e.code, e.field, "%s", e.message);
			return rc;
		}
	}
	struct position *pos;
	int n;
	rc = store_position_list(ctx->store, ctx->arena, p->id, 0, ctx->today, ctx->today, &pos, &n,
				 err);
	if (rc)
		return rc;
	for (int i = 0; i < n; i++) {
		rc = app_can_read_org(ctx, pos[i].org_id, &e);
		if (rc == 0)
			return 0;
		if (rc != KH_EFORBIDDEN) {
			kh_fail(err, e.code, e.field, "%s", e.message);
			return rc;
		}
	}
	return kh_fail(err, KH_EFORBIDDEN, NULL,
		       "Bạn không có quyền xem thông tin người này (ngoài phạm vi được giao)");
}

/* The org whose managers may change the person. */
static int64_t home_org(const struct person *p)
{
	return p->member_org_id ? p->member_org_id : p->managing_org_id;
}

static int can_edit_person(struct app_ctx *ctx, const struct person *p, struct kh_error *err)
{
	if (app_sees_all(ctx))
		return 0;
	int64_t home = home_org(p);
	if (!home)
		return kh_fail(err, KH_EFORBIDDEN, "member_org_id",
			       "Chỉ quản trị viên được quản lý người chưa thuộc tổ chức nào");
	int rc = app_can_manage_org(ctx, home, err);
	if (rc == KH_EFORBIDDEN)
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Bạn không có quyền thay đổi thông tin người này: cần quyền quản lý"
			       " nơi sinh hoạt của họ");
	return rc;
}

bool app_person_can_edit(struct app_ctx *ctx, const struct person *p)
{
	struct kh_error e;
	return can_edit_person(ctx, p, &e) == 0;
}

/* ---- validation ---- */

/* Canonical gender ("nam", "nu", "") from what people write. */
static bool parse_gender(const char *s, const char **out)
{
	if (!s || !*s) {
		*out = "";
		return true;
	}
	char *f = text_fold(s);
	char *t = text_trim_dup(f);
	bool ok = true;
	if (strcmp(t, "nam") == 0)
		*out = "nam";
	else if (strcmp(t, "nu") == 0)
		*out = "nu";
	else if (!*t)
		*out = "";
	else
		ok = false;
	free(t);
	free(f);
	return ok;
}

/* The org exists (on any day). */
static int check_org(struct app_ctx *ctx, int64_t id, const char *field, const char *label,
		     struct kh_error *err)
{
	struct org o;
	struct kh_error e;
	if (!id)
		return 0;
	int rc = store_org_get_nearest(ctx->store, ctx->arena, id, ctx->today, &o, &e);
	if (rc == KH_ENOTFOUND)
		return kh_fail(err, KH_EINVAL, field, "%s: không có tổ chức số %lld", label,
			       (long long)id);
	if (rc)
		kh_fail(err, e.code, e.field, "%s", e.message);
	return rc;
}

static int check_birth_year(struct app_ctx *ctx, int year, struct kh_error *err)
{
	if (year == 0)
		return 0;
	if (year < 1900 || year > this_year(ctx))
		return kh_fail(err, KH_EINVAL, "birth_year", "Năm sinh phải từ 1900 đến %d",
			       this_year(ctx));
	return 0;
}

/* Checks p's fields (full_name already trimmed). */
static int validate_person(struct app_ctx *ctx, const struct person *p, struct kh_error *err)
{
	int rc = app_check_name("full_name", "Họ và tên", p->full_name, PERSON_NAME_MAX, true, err);
	if (rc)
		return rc;
	if ((rc = check_birth_year(ctx, p->birth_year, err)))
		return rc;
	rc = app_check_name("external_id", "Mã đảng viên", p->external_id, PERSON_EXTERNAL_ID_MAX,
			    false, err);
	if (rc)
		return rc;
	if ((rc = check_org(ctx, p->member_org_id, "member_org_id", "Nơi sinh hoạt", err)) ||
	    (rc = check_org(ctx, p->residence_org_id, "residence_org_id", "Nơi cư trú", err)) ||
	    (rc = check_org(ctx, p->managing_org_id, "managing_org_id", "Cấp ủy quản lý", err)))
		return rc;
	return 0;
}

/* KH_ECONFLICT when another person holds the external id. */
static int check_external_unique(struct app_ctx *ctx, const char *external_id, int64_t self,
				 struct kh_error *err)
{
	int64_t other;
	if (!external_id || !*external_id)
		return 0;
	int rc = store_person_find_external(ctx->store, external_id, &other, err);
	if (rc)
		return rc;
	if (other && other != self) {
		struct person o;
		struct kh_error e;
		const char *name = "";
		if (store_person_get(ctx->store, ctx->arena, other, &o, &e) == 0)
			name = o.full_name;
		return kh_fail(err, KH_ECONFLICT, "external_id",
			       "Mã đảng viên «%s» đã được dùng cho «%s» (số %lld)", external_id,
			       name, (long long)other);
	}
	return 0;
}

/* Applies in onto p (update semantics); trims the name. */
static int apply_input(struct app_ctx *ctx, struct person *p, const struct person_input *in,
		       struct kh_error *err)
{
	if (in->full_name) {
		char *t = text_trim_dup(in->full_name);
		p->full_name = arena_strdup(ctx->arena, t);
		free(t);
	}
	if (in->gender && !parse_gender(in->gender, &p->gender))
		return kh_fail(err, KH_EINVAL, "gender",
			       "Giới tính phải là «nam», «nữ» hoặc để trống");
	if (in->external_id) {
		char *t = text_trim_dup(in->external_id);
		p->external_id = arena_strdup(ctx->arena, t);
		free(t);
	}
	if (in->set_birth_year)
		p->birth_year = in->birth_year;
	if (in->set_member_org)
		p->member_org_id = in->member_org_id;
	if (in->set_residence_org)
		p->residence_org_id = in->residence_org_id;
	if (in->set_managing_org)
		p->managing_org_id = in->managing_org_id;
	if (in->set_retired)
		p->retired = in->retired;
	return 0;
}

/* ---- the search entry ---- */

static int role_rank(enum position_role r)
{
	switch (r) {
	case POSITION_HEAD:
		return 0;
	case POSITION_DEPUTY:
		return 1;
	case POSITION_STANDING:
		return 2;
	case POSITION_COMMITTEE:
		return 3;
	case POSITION_STAFF:
		return 4;
	case POSITION_MEMBER:
		return 5;
	default:
		return 6;
	}
}

/* "Bí thư Tỉnh ủy · Tỉnh ủy Sơn Nam" from the main current position, else
 * the member org's name, else "". */
static int person_subtitle(struct app_ctx *ctx, const struct person *p, const char **out,
			   struct kh_error *err)
{
	struct position *pos;
	int n, rc;
	*out = "";
	rc = store_position_list(ctx->store, ctx->arena, p->id, 0, ctx->today, ctx->today, &pos, &n,
				 err);
	if (rc)
		return rc;
	const struct position *best = NULL;
	for (int i = 0; i < n; i++)
		if (!best || role_rank(pos[i].role) < role_rank(best->role) ||
		    (role_rank(pos[i].role) == role_rank(best->role) &&
		     pos[i].valid_from < best->valid_from))
			best = &pos[i];
	if (best) {
		const char *title = *best->title ? best->title : position_role_label(best->role);
		char *ft = text_fold(title), *fo = text_fold(best->org_name);
		bool has_org = *fo && strstr(ft, fo) != NULL;
		free(ft);
		free(fo);
		if (has_org || !*best->org_name)
			*out = title;
		else
			*out = arena_printf(ctx->arena, "%s · %s", title, best->org_name);
		return 0;
	}
	if (p->member_org_id)
		return store_org_name_near(ctx->store, ctx->arena, p->member_org_id, ctx->today,
					   out, err);
	return 0;
}

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

/* Rewrites the person's search entry (inside the caller's transaction). */
static int person_reindex(struct app_ctx *ctx, const struct person *p, struct kh_error *err)
{
	const char *subtitle;
	struct buf b;
	int rc = person_subtitle(ctx, p, &subtitle, err);
	if (rc)
		return rc;
	buf_init(&b, 16 * 1024);
	append_fold(&b, p->full_name);
	append_fold(&b, subtitle);
	append_fold(&b, p->external_id);
	rc = store_search_set(ctx->store, SEARCH_PERSON, p->id, p->full_name, subtitle,
			      buf_failed(&b) ? "" : b.data, err);
	buf_release(&b);
	return rc;
}

/* ---- people ---- */

/* Opens the write transaction of a change to people, and first gives any
 * person stored before sort keys existed their key (a no-op index lookup
 * once done), so name-ordered lists stay right after an upgrade. */
static int begin_people_write(struct app_ctx *ctx, struct kh_error *err)
{
	int filled, rc = store_begin(ctx->store, true, err);
	if (rc)
		return rc;
	rc = store_person_fill_sort_keys(ctx->store, &filled, err);
	if (rc)
		store_rollback(ctx->store);
	return rc;
}

/* Inserts a validated, authorized person (transaction open). */
static int do_create(struct app_ctx *ctx, struct person *p, struct kh_error *err)
{
	int rc = check_external_unique(ctx, p->external_id, 0, err);
	if (rc)
		return rc;
	rc = store_person_insert(ctx->store, p, ctx->now, &p->id, err);
	if (rc)
		return rc;
	rc = person_reindex(ctx, p, err);
	if (rc)
		return rc;
	return app_audit(ctx, "person.create", "person", p->id, NULL,
			 json_text(ctx, app_person_json(p)), err);
}

/* Rewrites a validated, authorized person (transaction open). */
static int do_update(struct app_ctx *ctx, const struct person *before, const struct person *p,
		     struct kh_error *err)
{
	int rc = check_external_unique(ctx, p->external_id, p->id, err);
	if (rc)
		return rc;
	rc = store_person_update(ctx->store, p, ctx->now, err);
	if (rc)
		return rc;
	rc = person_reindex(ctx, p, err);
	if (rc)
		return rc;
	return app_audit(ctx, "person.update", "person", p->id,
			 json_text(ctx, app_person_json(before)),
			 json_text(ctx, app_person_json(p)), err);
}

int app_person_create(struct app_ctx *ctx, const struct person_input *in, struct person *out,
		      struct kh_error *err)
{
	struct person p = {.full_name = "", .gender = "", .external_id = ""};
	int rc;

	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = apply_input(ctx, &p, in, err)))
		return rc;
	if ((rc = validate_person(ctx, &p, err)))
		return rc;
	if ((rc = can_edit_person(ctx, &p, err)))
		return rc;
	if ((rc = begin_people_write(ctx, err)))
		return rc;
	rc = do_create(ctx, &p, err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	*out = p;
	return 0;
}

int app_person_update(struct app_ctx *ctx, int64_t id, const struct person_input *in,
		      struct person *out, struct kh_error *err)
{
	struct person before, p;
	int rc;

	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = store_person_get(ctx->store, ctx->arena, id, &before, err)))
		return rc;
	if ((rc = can_read_person(ctx, &before, err)))
		return rc;
	if ((rc = can_edit_person(ctx, &before, err)))
		return rc;
	p = before;
	if ((rc = apply_input(ctx, &p, in, err)))
		return rc;
	if ((rc = validate_person(ctx, &p, err)))
		return rc;
	if (home_org(&p) != home_org(&before) && (rc = can_edit_person(ctx, &p, err)))
		return rc;
	if ((rc = begin_people_write(ctx, err)))
		return rc;
	rc = do_update(ctx, &before, &p, err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	*out = p;
	return 0;
}

int app_person_get(struct app_ctx *ctx, int64_t id, struct person *out, struct kh_error *err)
{
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	int rc = store_person_get(ctx->store, ctx->arena, id, out, err);
	if (rc)
		return rc;
	return can_read_person(ctx, out, err);
}

int app_person_view(struct app_ctx *ctx, int64_t id, struct person_view *out, struct kh_error *err)
{
	int rc;
	memset(out, 0, sizeof(*out));
	if ((rc = app_person_get(ctx, id, &out->person, err)))
		return rc;
	const struct person *p = &out->person;
	out->member_org_name = out->residence_org_name = out->managing_org_name = "";
	if ((p->member_org_id &&
	     (rc = store_org_name_near(ctx->store, ctx->arena, p->member_org_id, ctx->today,
				       &out->member_org_name, err))) ||
	    (p->residence_org_id &&
	     (rc = store_org_name_near(ctx->store, ctx->arena, p->residence_org_id, ctx->today,
				       &out->residence_org_name, err))) ||
	    (p->managing_org_id &&
	     (rc = store_org_name_near(ctx->store, ctx->arena, p->managing_org_id, ctx->today,
				       &out->managing_org_name, err))))
		return rc;
	if ((rc = store_position_list(ctx->store, ctx->arena, id, 0, 0, ctx->today, &out->positions,
				      &out->n_positions, err)))
		return rc;
	if ((rc = person_subtitle(ctx, p, &out->subtitle, err)))
		return rc;
	out->can_edit = app_person_can_edit(ctx, p);
	return 0;
}

int app_person_list(struct app_ctx *ctx, const struct person_query *q, struct person_page *out,
		    struct kh_error *err)
{
	struct person_filter f = {0};
	int64_t one;
	char *folded = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	f.limit = q->limit <= 0 ? 50 : q->limit > PERSON_PAGE_MAX ? PERSON_PAGE_MAX : q->limit;
	f.offset = q->offset < 0 ? 0 : q->offset;
	f.day = ctx->today;
	if (q->org_id) {
		if ((rc = app_can_read_org(ctx, q->org_id, err)))
			return rc;
		one = q->org_id;
		f.orgs = &one;
		f.n_orgs = 1;
		if (q->positions) {
			f.mode = PERSON_LIST_POSITIONS;
			if (q->all_time)
				f.day = 0;
		} else {
			f.mode = q->subtree ? PERSON_LIST_SUBTREE : PERSON_LIST_MEMBERS;
		}
	} else if (app_sees_all(ctx)) {
		f.mode = PERSON_LIST_ALL;
	} else {
		if ((rc = app_scope_load(ctx, err)))
			return rc;
		f.mode = PERSON_LIST_SUBTREE;
		f.orgs = ctx->actor->read_roots;
		f.n_orgs = ctx->actor->n_read_roots;
		if (f.n_orgs == 0)
			goto done;
	}
	if (q->q && *q->q) {
		folded = text_fold(q->q);
		f.folded_query = folded;
	}
	rc = store_person_list(ctx->store, ctx->arena, &f, &out->items, &out->n, &out->total, err);
	free(folded);
	if (rc)
		return rc;
done:
	out->limit = f.limit;
	out->offset = f.offset;
	return 0;
}

/* ---- positions ---- */

int app_position_add(struct app_ctx *ctx, const struct position_input *in, struct position *out,
		     struct kh_error *err)
{
	struct position p = {0};
	struct person person;
	struct org o;
	struct kh_error e;
	bool overlaps;
	int rc;

	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (!in->person_id)
		return kh_fail(err, KH_EINVAL, "person_id", "Cần chọn người giữ chức vụ");
	if (!in->org_id)
		return kh_fail(err, KH_EINVAL, "org_id", "Cần chọn tổ chức");
	if (!in->role || !position_role_parse(in->role, &p.role))
		return kh_fail(err, KH_EINVAL, "role",
			       "Chức vụ không hợp lệ: dùng head, deputy, standing, committee,"
			       " member hoặc staff");
	char *title = text_trim_dup(nz(in->title));
	p.title = arena_strdup(ctx->arena, *title ? title : position_role_label(p.role));
	free(title);
	if ((rc = app_check_name("title", "Tên chức vụ", p.title, POSITION_TITLE_MAX, true, err)))
		return rc;
	if (!in->valid_from)
		return kh_fail(err, KH_EINVAL, "valid_from", "Cần ngày bắt đầu giữ chức vụ");
	if (in->valid_to && in->valid_to <= in->valid_from)
		return kh_fail(err, KH_EINVAL, "valid_to",
			       "Ngày thôi giữ chức vụ phải sau ngày bắt đầu");
	p.person_id = in->person_id;
	p.org_id = in->org_id;
	p.valid_from = in->valid_from;
	p.valid_to = in->valid_to;

	rc = store_person_get(ctx->store, ctx->arena, in->person_id, &person, &e);
	if (rc == KH_ENOTFOUND)
		return kh_fail(err, KH_EINVAL, "person_id", "Không có người số %lld",
			       (long long)in->person_id);
	if (rc) {
		kh_fail(err, e.code, e.field, "%s", e.message);
		return rc;
	}
	rc = store_org_get(ctx->store, ctx->arena, in->org_id, in->valid_from, &o, &e);
	if (rc == KH_ENOTFOUND) {
		if (store_org_get_nearest(ctx->store, ctx->arena, in->org_id, ctx->today, &o, &e))
			return kh_fail(err, KH_EINVAL, "org_id", "Không có tổ chức số %lld",
				       (long long)in->org_id);
		return kh_fail(err, KH_EINVAL, "valid_from",
			       "Tổ chức «%s» không tồn tại vào ngày bắt đầu giữ chức vụ", o.name);
	}
	if (rc) {
		kh_fail(err, e.code, e.field, "%s", e.message);
		return rc;
	}
	if ((rc = app_can_manage_org(ctx, in->org_id, err)))
		return rc;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_position_overlaps(ctx->store, p.person_id, p.org_id, p.role, p.valid_from,
				     p.valid_to, 0, &overlaps, err);
	if (!rc && overlaps)
		rc = kh_fail(err, KH_ECONFLICT, "valid_from",
			     "%s đã giữ chức vụ «%s» tại %s trong khoảng thời gian này",
			     person.full_name, position_role_label(p.role), o.name);
	if (!rc)
		rc = store_position_insert(ctx->store, &p, &p.id, err);
	if (!rc)
		rc = person_reindex(ctx, &person, err);
	if (!rc)
		rc = app_audit(ctx, "position.add", "position", p.id, NULL,
			       json_text(ctx, app_position_json(&p)), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return store_position_get(ctx->store, ctx->arena, p.id, ctx->today, out, err);
}

int app_position_end(struct app_ctx *ctx, int64_t id, int32_t valid_to, struct position *out,
		     struct kh_error *err)
{
	struct position before, after;
	struct person person;
	int rc;

	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = app_position_get(ctx, id, &before, err)))
		return rc;
	if ((rc = app_can_manage_org(ctx, before.org_id, err)))
		return rc;
	if (!valid_to)
		valid_to = ctx->today;
	if (valid_to <= before.valid_from) {
		int y, m, d;
		date_to_ymd(before.valid_from, &y, &m, &d);
		return kh_fail(err, KH_EINVAL, "valid_to",
			       "Ngày thôi giữ chức vụ phải sau ngày bắt đầu (%02d/%02d/%04d)", d, m,
			       y);
	}
	after = before;
	after.valid_to = valid_to;
	if ((rc = store_person_get(ctx->store, ctx->arena, before.person_id, &person, err)))
		return rc;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_position_set_end(ctx->store, id, valid_to, err);
	if (!rc)
		rc = person_reindex(ctx, &person, err);
	if (!rc)
		rc = app_audit(ctx, "position.end", "position", id,
			       json_text(ctx, app_position_json(&before)),
			       json_text(ctx, app_position_json(&after)), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return store_position_get(ctx->store, ctx->arena, id, ctx->today, out, err);
}

int app_position_get(struct app_ctx *ctx, int64_t id, struct position *out, struct kh_error *err)
{
	struct person person;
	struct kh_error e;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	int rc = store_position_get(ctx->store, ctx->arena, id, ctx->today, out, err);
	if (rc)
		return rc;
	if (app_can_read_org(ctx, out->org_id, &e) == 0)
		return 0;
	if ((rc = store_person_get(ctx->store, ctx->arena, out->person_id, &person, err)))
		return rc;
	return can_read_person(ctx, &person, err);
}

int app_position_list(struct app_ctx *ctx, int64_t person_id, int64_t org_id, int32_t day,
		      struct position **out, int *n, struct kh_error *err)
{
	int rc;
	*out = NULL;
	*n = 0;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((person_id != 0) == (org_id != 0))
		return kh_fail(
			err, KH_EINVAL, "person_id",
			"Cần chọn đúng một trong hai: người (person_id) hoặc tổ chức (org_id)");
	if (person_id) {
		struct person p;
		if ((rc = app_person_get(ctx, person_id, &p, err)))
			return rc;
	} else {
		struct org o;
		struct kh_error e;
		rc = store_org_get_nearest(ctx->store, ctx->arena, org_id, ctx->today, &o, &e);
		if (rc) {
			kh_fail(err, e.code, e.field, "%s", e.message);
			return rc;
		}
		if ((rc = app_can_read_org(ctx, org_id, err)))
			return rc;
	}
	return store_position_list(ctx->store, ctx->arena, person_id, org_id, day, ctx->today, out,
				   n, err);
}

/* ---- CSV import ---- */

enum {
	PCOL_EXT,
	PCOL_NAME,
	PCOL_BIRTH,
	PCOL_GENDER,
	PCOL_MEMBER,
	PCOL_RESIDENCE,
	PCOL_RETIRED,
	PCOL_N
};

static const char *const pcol_names[PCOL_N] = {
	"ma_dang_vien",	    "ho_ten",	     "nam_sinh",    "gioi_tinh",
	"ma_noi_sinh_hoat", "ma_noi_cu_tru", "da_nghi_huu",
};

struct prow {
	int line;
	const char *f[PCOL_N];
	const char *error;
	bool existing;
	struct person before; /* when existing */
	struct person p;      /* the record after the import */
};

static void prow_error(struct app_ctx *ctx, struct prow *r, const char *fmt, ...) KH_PRINTF(3, 4);
static void prow_error(struct app_ctx *ctx, struct prow *r, const char *fmt, ...)
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

static const char *trim_arena(struct app_ctx *ctx, const char *s)
{
	char *t = text_trim_dup(s);
	const char *r = arena_strdup(ctx->arena, t);
	free(t);
	return r;
}

/* A header cell as a column key: folded, words joined by '_'
 * ("Mã đảng viên" → "ma_dang_vien"). */
static const char *header_key(struct app_ctx *ctx, const char *s)
{
	char *f = text_fold(s);
	struct buf b;
	buf_init(&b, 256);
	for (const char *p = f; *p; p++) {
		bool word = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
		if (word)
			buf_putc(&b, *p);
		else if (b.len && b.data[b.len - 1] != '_')
			buf_putc(&b, '_');
	}
	while (b.len && b.data[b.len - 1] == '_')
		buf_truncate(&b, b.len - 1);
	const char *r = arena_strdup(ctx->arena, b.data);
	buf_release(&b);
	free(f);
	return r;
}

static bool parse_yes_no(const char *s, bool *out)
{
	static const char *const yes[] = {"co", "x", "1", "true", "yes", "da nghi huu", "nghi huu"};
	static const char *const no[] = {"", "khong", "0", "false", "no", "chua"};
	char *f = text_fold(s);
	char *t = text_trim_dup(f);
	bool ok = false;
	for (size_t i = 0; i < KH_ARRAY_LEN(yes) && !ok; i++)
		if (strcmp(t, yes[i]) == 0)
			*out = ok = true;
	for (size_t i = 0; i < KH_ARRAY_LEN(no) && !ok; i++)
		if (strcmp(t, no[i]) == 0) {
			*out = false;
			ok = true;
		}
	free(t);
	free(f);
	return ok;
}

/* An org named by its code, else by its id; *id = 0 when neither. */
static int resolve_org(struct app_ctx *ctx, const char *ref, int64_t *id, struct kh_error *err)
{
	int64_t n;
	struct org o;
	struct kh_error e;
	*id = 0;
	int rc = store_org_find_code(ctx->store, ref, id, err);
	if (rc || *id)
		return rc;
	if (num_parse_i64(ref, 1, INT64_MAX, &n) == 0) {
		rc = store_org_get_nearest(ctx->store, ctx->arena, n, ctx->today, &o, &e);
		if (rc == 0)
			*id = n;
		else if (rc != KH_ENOTFOUND) {
			kh_fail(err, e.code, e.field, "%s", e.message);
			return rc;
		}
	}
	return 0;
}

/* Reads the header and each row's fields, checks them one by one, and
 * resolves orgs and existing people. File-level problems fail. */
static int pimport_read(struct app_ctx *ctx, const struct csv *c, struct prow **rows_out,
			int *n_out, bool present[PCOL_N], struct kh_error *err)
{
	int map[PCOL_N];
	int rc;
	for (int k = 0; k < PCOL_N; k++)
		map[k] = -1;
	if (c->n_records == 0)
		return kh_fail(err, KH_EINVAL, "file",
			       "Tệp CSV trống: cần dòng tiêu đề ma_dang_vien,ho_ten,nam_sinh,"
			       "gioi_tinh,ma_noi_sinh_hoat,ma_noi_cu_tru,da_nghi_huu");
	const struct csv_record *h = &c->records[0];
	for (int j = 0; j < h->n_fields; j++) {
		const char *key = header_key(ctx, h->fields[j]);
		if (!*key)
			continue;
		int k;
		for (k = 0; k < PCOL_N; k++)
			if (strcmp(key, pcol_names[k]) == 0)
				break;
		if (k == PCOL_N)
			return kh_fail(
				err, KH_EINVAL, "file",
				"Dòng 1: cột «%s» không được hỗ trợ (các cột: ma_dang_vien,"
				" ho_ten, nam_sinh, gioi_tinh, ma_noi_sinh_hoat, ma_noi_cu_tru,"
				" da_nghi_huu)",
				trim_arena(ctx, h->fields[j]));
		if (map[k] >= 0)
			return kh_fail(err, KH_EINVAL, "file", "Dòng 1: cột «%s» xuất hiện hai lần",
				       pcol_names[k]);
		map[k] = j;
	}
	if (map[PCOL_EXT] < 0 || map[PCOL_NAME] < 0)
		return kh_fail(err, KH_EINVAL, "file",
			       "Dòng 1: thiếu cột bắt buộc «ma_dang_vien» hoặc «ho_ten» (dòng đầu"
			       " phải là tiêu đề)");
	for (int k = 0; k < PCOL_N; k++)
		present[k] = map[k] >= 0;

	struct prow *rows = arena_alloc(ctx->arena, sizeof(*rows) * (size_t)c->n_records);
	int n = 0;
	for (int i = 1; i < c->n_records; i++) {
		const struct csv_record *rec = &c->records[i];
		struct prow *r = &rows[n];
		struct kh_error e;
		bool blank = true;
		memset(r, 0, sizeof(*r));
		r->line = rec->line;
		for (int k = 0; k < PCOL_N; k++) {
			int j = map[k];
			r->f[k] =
				j >= 0 && j < rec->n_fields ? trim_arena(ctx, rec->fields[j]) : "";
			if (*r->f[k])
				blank = false;
		}
		if (blank)
			continue;
		n++;
		if (rec->n_fields != h->n_fields)
			prow_error(ctx, r, "có %d cột trong khi dòng tiêu đề có %d cột",
				   rec->n_fields, h->n_fields);

		const char *ext = r->f[PCOL_EXT];
		if (!*ext)
			prow_error(ctx, r, "thiếu mã đảng viên (cột ma_dang_vien)");
		else if (app_check_name("ma_dang_vien", "Mã đảng viên", ext, PERSON_EXTERNAL_ID_MAX,
					true, &e))
			prow_error(ctx, r, "%s", e.message);
		for (int j = 0; j < n - 1 && *ext; j++)
			if (strcmp(rows[j].f[PCOL_EXT], ext) == 0) {
				prow_error(ctx, r, "mã đảng viên «%s» trùng với dòng %d", ext,
					   rows[j].line);
				break;
			}

		/* The record as it stands, then the file's columns over it. */
		if (*ext) {
			int64_t id;
			rc = store_person_find_external(ctx->store, ext, &id, err);
			if (rc)
				return rc;
			if (id) {
				rc = store_person_get(ctx->store, ctx->arena, id, &r->before, err);
				if (rc)
					return rc;
				r->existing = true;
			}
		}
		if (r->existing) {
			r->p = r->before;
		} else {
			r->p.full_name = r->p.gender = "";
			r->p.external_id = ext;
		}
		r->p.full_name = r->f[PCOL_NAME];
		if (app_check_name("ho_ten", "Họ và tên", r->f[PCOL_NAME], PERSON_NAME_MAX, true,
				   &e))
			prow_error(ctx, r, "%s", e.message);
		if (present[PCOL_BIRTH]) {
			int64_t y = 0;
			if (*r->f[PCOL_BIRTH] &&
			    num_parse_i64(r->f[PCOL_BIRTH], 1900, this_year(ctx), &y))
				prow_error(ctx, r,
					   "năm sinh «%s» không hợp lệ (phải từ 1900 đến %d)",
					   r->f[PCOL_BIRTH], this_year(ctx));
			r->p.birth_year = (int)y;
		}
		if (present[PCOL_GENDER] && !parse_gender(r->f[PCOL_GENDER], &r->p.gender))
			prow_error(ctx, r, "giới tính «%s» không hợp lệ (nam, nữ hoặc để trống)",
				   r->f[PCOL_GENDER]);
		if (present[PCOL_RETIRED] && !parse_yes_no(r->f[PCOL_RETIRED], &r->p.retired))
			prow_error(ctx, r, "cột da_nghi_huu «%s» không hợp lệ (có/không, x, 1/0)",
				   r->f[PCOL_RETIRED]);
		const int cols[] = {PCOL_MEMBER, PCOL_RESIDENCE};
		int64_t *dest[] = {&r->p.member_org_id, &r->p.residence_org_id};
		const char *what[] = {"nơi sinh hoạt", "nơi cư trú"};
		for (int k = 0; k < 2; k++) {
			if (!present[cols[k]])
				continue;
			*dest[k] = 0;
			if (!*r->f[cols[k]])
				continue;
			rc = resolve_org(ctx, r->f[cols[k]], dest[k], err);
			if (rc)
				return rc;
			if (!*dest[k])
				prow_error(ctx, r, "không tìm thấy %s có mã «%s»", what[k],
					   r->f[cols[k]]);
		}
		if (!r->error) {
			if (r->existing && can_edit_person(ctx, &r->before, &e))
				prow_error(ctx, r, "%s", e.message);
			else if ((!r->existing || home_org(&r->p) != home_org(&r->before)) &&
				 can_edit_person(ctx, &r->p, &e))
				prow_error(ctx, r, "%s", e.message);
		}
	}
	*rows_out = rows;
	*n_out = n;
	return 0;
}

/* What an import changes in an existing person, in words; "" = nothing. */
static const char *pimport_changes(struct app_ctx *ctx, const struct person *a,
				   const struct person *b)
{
	struct buf w;
	buf_init(&w, 1024);
	if (strcmp(a->full_name, b->full_name) != 0)
		buf_printf(&w, "%shọ tên (trước: %s)", w.len ? "; " : "", a->full_name);
	if (a->birth_year != b->birth_year)
		buf_printf(&w, "%snăm sinh", w.len ? "; " : "");
	if (strcmp(a->gender, b->gender) != 0)
		buf_printf(&w, "%sgiới tính", w.len ? "; " : "");
	if (a->member_org_id != b->member_org_id)
		buf_printf(&w, "%snơi sinh hoạt", w.len ? "; " : "");
	if (a->residence_org_id != b->residence_org_id)
		buf_printf(&w, "%snơi cư trú", w.len ? "; " : "");
	if (a->retired != b->retired)
		buf_printf(&w, "%snghỉ hưu", w.len ? "; " : "");
	const char *r = arena_strdup(ctx->arena, buf_failed(&w) ? "nhiều thay đổi" : w.data);
	buf_release(&w);
	return r;
}

int app_person_import_csv(struct app_ctx *ctx, const char *csv_text, size_t len, bool dry_run,
			  struct import_report *out, struct kh_error *err)
{
	struct csv c = {0};
	struct prow *rows = NULL;
	bool present[PCOL_N];
	int n = 0, rc;
	bool tx = false, any_error = false;

	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (!csv_text || !utf8_valid(csv_text, len))
		return kh_fail(err, KH_EINVAL, "file", "Tệp không phải văn bản UTF-8 hợp lệ");
	rc = csv_parse(csv_text, len, PERSON_IMPORT_MAX_ROWS + 1, &c, err);
	if (rc)
		return rc;
	rc = pimport_read(ctx, &c, &rows, &n, present, err);
	csv_release(&c);
	if (rc)
		return rc;

	out->n_rows = n;
	out->rows = arena_alloc(ctx->arena, sizeof(*out->rows) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		struct import_row *o = &out->rows[i];
		o->line = rows[i].line;
		o->code = rows[i].f[PCOL_EXT];
		o->name = rows[i].f[PCOL_NAME];
		o->action = ""; /* set when applied; errors marked at the end */
		o->message = "";
		if (rows[i].error)
			any_error = true;
	}

	if (!any_error) {
		/* Apply every row; a dry run rolls back, so its report is exactly
		 * what a real run would do. */
		rc = begin_people_write(ctx, err);
		if (rc)
			return rc;
		tx = true;
		for (int i = 0; i < n; i++) {
			struct prow *r = &rows[i];
			struct import_row *o = &out->rows[i];
			struct kh_error e;
			kh_error_clear(&e);
			if (r->existing) {
				const char *what = pimport_changes(ctx, &r->before, &r->p);
				if (!*what) {
					o->action = "unchanged";
					o->message = "không thay đổi";
					continue;
				}
				rc = do_update(ctx, &r->before, &r->p, &e);
				o->action = "update";
				o->message = arena_printf(ctx->arena, "cập nhật: %s", what);
			} else {
				rc = do_create(ctx, &r->p, &e);
				o->action = "create";
				o->message = "tạo mới";
			}
			if (rc == KH_EINVAL || rc == KH_ECONFLICT) {
				prow_error(ctx, r, "%s", e.message);
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
	rc = app_import_finish(ctx, out, dry_run, "person.import", "person", &tx, err);
out:
	if (tx)
		store_rollback(ctx->store);
	return rc;
}
