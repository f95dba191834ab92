/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Use cases of action plans (see app/plan.h): who may read, edit and decide
 * on a plan; the one-plan rule for an owner; items with their deadline
 * understood by text/deadline.h; the life draft → comment → approved →
 * adjusting → approved, each version frozen as the JSON of app_plan_json;
 * the recipients the tree gives; the diff of two versions; the cascade from
 * an upper plan and the carry-over into a new year. Every change is one
 * transaction with its audit entry and the plan's search entry.
 *
 * Deadlines are read against the plan's year for a year plan; a term plan
 * passes year 0, so relative words ("năm sau", "cuối năm") stay not
 * understood there (a term has no one year to resolve them against) while
 * every phrase with its own year is read as for a year plan.
 */
#include "core/common.h"
#include "app/plan.h"
#include "app/assessment.h"
#include "app/document.h"
#include "app/notify.h"
#include "app/progress.h"
#include "core/buf.h"
#include "core/date.h"
#include "store/document.h"
#include "store/org.h"
#include "store/person.h"
#include "store/plan.h"
#include "store/progress.h"
#include "store/search.h"
#include "text/deadline.h"
#include "text/fold.h"
#include "text/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FIELD_MAX 2000	   /* the shorter free texts: coordinators, resources… */
#define LINE_MAX_CHARS 500 /* one-line fields: section, lead, deadline */

static const char *const MSG_NO_READ = "Bạn không có quyền xem kế hoạch này";
static const char *const MSG_ISSUED =
	"Kế hoạch đã ban hành: muốn thay đổi, hãy mở điều chỉnh, bổ sung (nêu lý do).";

static const char *nz(const char *s)
{
	return s ? s : "";
}

static int copy_err(struct kh_error *err, const struct kh_error *e, int rc)
{
	kh_fail(err, e->code ? e->code : (enum kh_err)rc, e->field, "%s", e->message);
	return rc;
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

/* A one-line value trimmed into the arena (NULL stays NULL). */
static const char *trim_line(struct app_ctx *ctx, const char *s)
{
	if (!s)
		return NULL;
	char *t = text_trim_dup(s);
	const char *r = arena_strdup(ctx->arena, t);
	free(t);
	return r;
}

/* A multi-line text: controls other than tab and line breaks refused. */
static int check_text(const char *field, const char *label, const char *v, size_t max,
		      bool required, struct kh_error *err)
{
	bool blank = true;
	for (const char *p = v; p && *p && blank; p++)
		blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
	if (!v || blank) {
		if (required)
			return kh_fail(err, KH_EINVAL, field, "%s không được để trống", label);
		return 0;
	}
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t') || *p == 0x7F)
			return kh_fail(err, KH_EINVAL, field, "%s không được chứa ký tự điều khiển",
				       label);
	if (utf8_char_count(v) > max)
		return kh_fail(err, KH_EINVAL, field, "%s dài quá %zu ký tự", label, max);
	return 0;
}

static bool status_editable(enum plan_status st)
{
	return st == PLAN_DRAFT || st == PLAN_COMMENT || st == PLAN_ADJUSTING;
}

static const char *years_text(struct app_ctx *ctx, const struct plan *p)
{
	if (p->scope == PLAN_SCOPE_YEAR)
		return arena_printf(ctx->arena, "năm %d", p->year_from);
	return arena_printf(ctx->arena, "nhiệm kỳ %d–%d", p->year_from, p->year_to);
}

/* ---- JSON ---- */

static json_t *day_json(int32_t day)
{
	char iso[11];
	if (!day)
		return json_null();
	date_format_iso(day, iso);
	return json_string(iso);
}

static json_t *time_json(int64_t t, bool date_only)
{
	char s[32];
	struct tm tm;
	time_t tt = (time_t)t;
	if (!t || !gmtime_r(&tt, &tm))
		return json_null();
	strftime(s, sizeof(s), date_only ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(s);
}

static json_t *id_json(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

json_t *app_deadline_json(const struct plan_item *it)
{
	json_t *j = json_object();
	json_object_set_new(j, "as_written", json_string(nz(it->deadline_text)));
	json_object_set_new(j, "kind",
			    json_string(deadline_kind_name((enum deadline_kind)it->deadline_kind)));
	json_object_set_new(j, "start", day_json(it->deadline_start));
	json_object_set_new(j, "end", day_json(it->deadline_end));
	return j;
}

json_t *app_plan_item_json(const struct plan_item *it)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(it->id));
	json_object_set_new(j, "plan_id", json_integer(it->plan_id));
	json_object_set_new(j, "seq", json_integer(it->seq));
	json_object_set_new(j, "part", json_integer(it->part));
	json_object_set_new(j, "section", json_string(nz(it->section)));
	json_object_set_new(j, "kind", json_string(plan_item_kind_name(it->kind)));
	json_object_set_new(j, "category", json_string(plan_item_category_name(it->category)));
	json_object_set_new(j, "text", json_string(nz(it->text)));
	json_object_set_new(j, "measures", json_string(nz(it->measures)));
	json_t *lead = json_object();
	json_object_set_new(lead, "org_id", id_json(it->lead_org_id));
	json_object_set_new(lead, "group", json_boolean(it->lead_group));
	json_object_set_new(lead, "person_id", id_json(it->lead_person_id));
	json_object_set_new(lead, "as_written", json_string(nz(it->lead_text)));
	json_object_set_new(lead, "name", json_string(nz(it->lead_name)));
	json_object_set_new(j, "lead", lead);
	json_t *co = json_object();
	json_object_set_new(co, "as_written", json_string(nz(it->coordinators)));
	json_t *ids = json_array();
	for (int i = 0; i < it->n_coordinator_orgs; i++)
		json_array_append_new(ids, json_integer(it->coordinator_org_ids[i]));
	json_object_set_new(co, "org_ids", ids);
	json_object_set_new(j, "coordinators", co);
	json_object_set_new(j, "coordinate_with", json_string(nz(it->coordinate_with)));
	json_object_set_new(j, "addressee", json_string(nz(it->addressee)));
	json_object_set_new(j, "addressee_org_id", id_json(it->addressee_org_id));
	json_object_set_new(j, "proposal_state", json_string(nz(it->proposal_state)));
	json_object_set_new(j, "proposal_note", json_string(nz(it->proposal_note)));
	json_object_set_new(j, "deadline", app_deadline_json(it));
	json_object_set_new(j, "resources", json_string(nz(it->resources)));
	json_object_set_new(j, "serves", json_string(nz(it->serves)));
	json_object_set_new(j, "upper_item_id", id_json(it->upper_item_id));
	json_object_set_new(j, "carried_from_id", id_json(it->carried_from_id));
	json_object_set_new(j, "status", json_string(nz(it->status)));
	/* the lead's latest progress (the history: /api/v1/items/{id}/progress) */
	json_object_set_new(j, "progress",
			    json_pack("{s:s, s:i, s:o, s:o}", "state",
				      it->progress_state && *it->progress_state ? it->progress_state
										: "not_started",
				      "percent", it->progress_percent, "day",
				      day_json(it->progress_day), "done_day",
				      day_json(it->done_day)));
	return j;
}

json_t *app_plan_json(const struct plan *p, const struct plan_item *items, int n_items)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(p->id));
	json_t *owner = json_object();
	json_object_set_new(owner, "type", json_string(p->owner_org_id ? "org" : "person"));
	json_object_set_new(owner, "id",
			    json_integer(p->owner_org_id ? p->owner_org_id : p->owner_person_id));
	json_object_set_new(owner, "name", json_string(nz(p->owner_name)));
	json_object_set_new(j, "owner", owner);
	json_object_set_new(j, "scope", json_string(p->scope == PLAN_SCOPE_TERM ? "term" : "year"));
	json_object_set_new(j, "year_from", json_integer(p->year_from));
	json_object_set_new(j, "year_to", json_integer(p->year_to));
	json_object_set_new(j, "form", json_integer(p->form));
	json_object_set_new(j, "title", json_string(nz(p->title)));
	json_object_set_new(j, "goals", json_string(nz(p->goals)));
	json_object_set_new(j, "organization", json_string(nz(p->organization)));
	json_object_set_new(j, "status", json_string(plan_status_name(p->status)));
	json_object_set_new(j, "upper_plan_id", id_json(p->upper_plan_id));
	json_object_set_new(j, "based_on_plan_id", id_json(p->based_on_plan_id));
	json_object_set_new(j, "version", json_integer(p->version));
	json_object_set_new(j, "adjust_reason", json_string(nz(p->adjust_reason)));
	json_object_set_new(j, "sent_at", time_json(p->sent_at, true));
	json_object_set_new(j, "approved_at",
			    p->approved_day ? day_json(p->approved_day)
					    : time_json(p->approved_at, true));
	json_object_set_new(j, "created_at", time_json(p->created_at, false));
	if (items) {
		json_t *a = json_array();
		for (int i = 0; i < n_items; i++)
			json_array_append_new(a, app_plan_item_json(&items[i]));
		json_object_set_new(j, "items", a);
	}
	return j;
}

const char *app_plan_recipient_role_label(const char *role)
{
	static const struct {
		const char *role, *label;
	} labels[] = {
		{"managing", "Cấp ủy quản lý cán bộ"},
		{"unit", "Lãnh đạo cơ quan, đơn vị"},
		{"base", "Đảng ủy cơ sở"},
		{"cell", "Chi bộ nơi sinh hoạt"},
		{"upper", "Cấp ủy cấp trên"},
	};
	for (size_t i = 0; role && i < KH_ARRAY_LEN(labels); i++)
		if (strcmp(role, labels[i].role) == 0)
			return labels[i].label;
	return "";
}

/* ---- scope ---- */

static int acts(struct app_ctx *ctx, int64_t org, bool *yes, struct kh_error *err)
{
	struct kh_error e = {0};
	*yes = false;
	if (!org)
		return 0;
	int rc = app_can_act_for_org(ctx, org, &e);
	if (rc == 0)
		*yes = true;
	else if (rc != KH_EFORBIDDEN)
		return copy_err(err, &e, rc);
	return 0;
}

/* Whether the actor may keep the collective plan of org: those who hold a
 * position in the org itself, and the staff of its Văn phòng (DESIGN.md
 * "Who may do what": the office of an org edits its collective plan). Not
 * every manager of the subtree: a province's Ban Tổ chức or a committee
 * head reads and comments on a commune's plan but does not write it. */
static int owns_org(struct app_ctx *ctx, int64_t org, bool *yes, struct kh_error *err)
{
	int rc;
	*yes = false;
	if (!org)
		return 0;
	if (app_sees_all(ctx)) {
		*yes = true;
		return 0;
	}
	if ((rc = app_scope_load(ctx, err)))
		return rc;
	const struct actor *a = ctx->actor;
	for (int i = 0; i < a->n_act_orgs && !*yes; i++) {
		if (a->act_orgs[i] == org) {
			*yes = true;
			break;
		}
		struct org o;
		struct kh_error e = {0};
		rc = store_org_get_nearest(ctx->store, ctx->arena, a->act_orgs[i], ctx->today, &o,
					   &e);
		if (rc == KH_ENOTFOUND)
			continue;
		if (rc)
			return copy_err(err, &e, rc);
		*yes = o.kind == ORG_OFFICE && o.parent_id == org;
	}
	return 0;
}

static int reads(struct app_ctx *ctx, int64_t org, bool *yes, struct kh_error *err)
{
	struct kh_error e = {0};
	*yes = false;
	if (!org)
		return 0;
	int rc = app_can_read_org(ctx, org, &e);
	if (rc == 0)
		*yes = true;
	else if (rc != KH_EFORBIDDEN && rc != KH_ENOTFOUND)
		return copy_err(err, &e, rc);
	return 0;
}

/* Whether org exists today (the tree's recipients must). */
static int exists_today(struct app_ctx *ctx, int64_t org, struct org *o, bool *yes,
			struct kh_error *err)
{
	struct kh_error e = {0};
	*yes = false;
	if (!org)
		return 0;
	int rc = store_org_get(ctx->store, ctx->arena, org, ctx->today, o, &e);
	if (rc == 0)
		*yes = true;
	else if (rc != KH_ENOTFOUND)
		return copy_err(err, &e, rc);
	return 0;
}

/* The first strict ancestor of org (as of today) that is a committee, or
 * (base_too) sits at the base level; 0 when none. */
static int committee_above(struct app_ctx *ctx, int64_t org, bool base_too, int64_t *out,
			   struct kh_error *err)
{
	int64_t *chain;
	int n, rc;
	*out = 0;
	if (!org)
		return 0;
	if ((rc = store_org_ancestors(ctx->store, ctx->arena, org, ctx->today, &chain, &n, err)))
		return rc;
	for (int i = 1; i < n; i++) {
		struct org o;
		bool ok;
		if ((rc = exists_today(ctx, chain[i], &o, &ok, err)))
			return rc;
		if (ok && (o.kind == ORG_COMMITTEE || (base_too && o.level == ORG_LEVEL_BASE))) {
			*out = o.id;
			return 0;
		}
	}
	return 0;
}

struct rlist {
	struct plan_recipient *v;
	int n, cap;
};

static int rlist_add(struct app_ctx *ctx, struct rlist *l, int64_t org, const char *role,
		     struct kh_error *err)
{
	struct org o;
	bool ok;
	int rc;
	if (!org)
		return 0;
	for (int i = 0; i < l->n; i++)
		if (l->v[i].org_id == org)
			return 0;
	if ((rc = exists_today(ctx, org, &o, &ok, err)) || !ok)
		return rc;
	if (l->n == l->cap) {
		int ncap = l->cap ? l->cap * 2 : 8;
		struct plan_recipient *w = arena_alloc(ctx->arena, sizeof(*w) * (size_t)ncap);
		if (l->n)
			memcpy(w, l->v, sizeof(*w) * (size_t)l->n);
		l->v = w;
		l->cap = ncap;
	}
	struct plan_recipient *r = &l->v[l->n++];
	r->org_id = org;
	r->org_name = o.name;
	r->role = role;
	r->role_label = app_plan_recipient_role_label(role);
	return 0;
}

/* The recipients the tree gives (DESIGN.md "Recipients"). */
static int compute_recipients(struct app_ctx *ctx, const struct plan *p,
			      struct plan_recipient **out, int *n, struct kh_error *err)
{
	struct rlist l = {0};
	int rc;
	*out = NULL;
	*n = 0;
	if (p->owner_org_id) {
		int64_t up;
		if ((rc = committee_above(ctx, p->owner_org_id, false, &up, err)) ||
		    (rc = rlist_add(ctx, &l, up, "upper", err)))
			return rc;
	} else {
		struct person pe;
		struct position *pos;
		int npos;
		int64_t managing = 0, base = 0;
		if ((rc = store_person_get(ctx->store, ctx->arena, p->owner_person_id, &pe, err)))
			return rc;
		if ((rc = store_positions_current_of_person(ctx->store, ctx->arena, pe.id,
							    ctx->today, &pos, &npos, err)))
			return rc;
		managing = pe.managing_org_id;
		if (managing) {
			struct org o;
			bool ok;
			if ((rc = exists_today(ctx, managing, &o, &ok, err)))
				return rc;
			if (!ok)
				managing = 0;
		}
		if (!managing &&
		    (rc = committee_above(ctx, pe.member_org_id, false, &managing, err)))
			return rc;
		if ((rc = rlist_add(ctx, &l, managing, "managing", err)))
			return rc;
		for (int i = 0; i < npos; i++)
			if (pos[i].role == POSITION_HEAD &&
			    (rc = rlist_add(ctx, &l, pos[i].org_id, "unit", err)))
				return rc;
		if ((rc = committee_above(ctx, pe.member_org_id, true, &base, err)) ||
		    (rc = rlist_add(ctx, &l, base, "base", err)) ||
		    (rc = rlist_add(ctx, &l, pe.member_org_id, "cell", err)))
			return rc;
	}
	*out = l.v;
	*n = l.n;
	return 0;
}

/* The recorded recipients of a plan that was sent. */
static int recorded_recipients(struct app_ctx *ctx, const struct plan *p,
			       struct plan_recipient **out, int *n, struct kh_error *err)
{
	struct plan_recipient_row *rows;
	int nrows;
	int rc = store_plan_recipients(ctx->store, ctx->arena, p->id, ctx->today, &rows, &nrows,
				       err);
	if (rc)
		return rc;
	struct plan_recipient *v = arena_alloc(ctx->arena, sizeof(*v) * (size_t)(nrows + 1));
	for (int i = 0; i < nrows; i++) {
		v[i].org_id = rows[i].org_id;
		v[i].org_name = rows[i].org_name;
		v[i].role = rows[i].role;
		v[i].role_label = app_plan_recipient_role_label(rows[i].role);
	}
	*out = v;
	*n = nrows;
	return 0;
}

/* Whether the actor reads the owner side of an individual plan: the
 * person, or whoever reads their member org or an org where they hold a
 * current position. */
static int reads_person(struct app_ctx *ctx, int64_t person_id, bool *yes, struct kh_error *err)
{
	struct person pe;
	struct position *pos;
	int npos, rc;
	*yes = false;
	if (ctx->actor->person_id && ctx->actor->person_id == person_id) {
		*yes = true;
		return 0;
	}
	if ((rc = store_person_get(ctx->store, ctx->arena, person_id, &pe, err)))
		return rc;
	if ((rc = reads(ctx, pe.member_org_id, yes, err)) || *yes)
		return rc;
	if ((rc = store_positions_current_of_person(ctx->store, ctx->arena, person_id, ctx->today,
						    &pos, &npos, err)))
		return rc;
	for (int i = 0; i < npos && !*yes; i++)
		if ((rc = reads(ctx, pos[i].org_id, yes, err)))
			return rc;
	return 0;
}

static bool status_issued(enum plan_status st)
{
	return st == PLAN_APPROVED || st == PLAN_ADJUSTING || st == PLAN_CLOSED;
}

/* The strict ancestors (as of today) of the actor's read roots: their
 * issued collective plans flow down to the actor, as their resolutions do
 * (a lower level reads the upper plan it must make concrete). Arena. */
static int upper_orgs(struct app_ctx *ctx, int64_t **out, int *n, struct kh_error *err)
{
	int rc, count = 0, cap = 16;
	int64_t *v = arena_alloc(ctx->arena, sizeof(*v) * (size_t)cap);
	*out = v;
	*n = 0;
	if ((rc = app_scope_load(ctx, err)))
		return rc;
	for (int i = 0; i < ctx->actor->n_read_roots; i++) {
		int64_t *chain;
		int nc;
		if ((rc = store_org_ancestors(ctx->store, ctx->arena, ctx->actor->read_roots[i],
					      ctx->today, &chain, &nc, err)))
			return rc;
		for (int k = 1; k < nc; k++) {
			bool dup = false;
			for (int j = 0; j < count && !dup; j++)
				dup = v[j] == chain[k];
			if (dup)
				continue;
			if (count == cap) {
				int64_t *w = arena_alloc(ctx->arena, sizeof(*w) * (size_t)cap * 2);
				memcpy(w, v, sizeof(*v) * (size_t)count);
				v = w;
				cap *= 2;
			}
			v[count++] = chain[k];
		}
	}
	*out = v;
	*n = count;
	return 0;
}

static int compute_rights(struct app_ctx *ctx, const struct plan *p, struct plan_rights *r,
			  struct kh_error *err)
{
	int rc;
	memset(r, 0, sizeof(*r));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	bool open = p->status == PLAN_COMMENT || p->status == PLAN_APPROVED ||
		    p->status == PLAN_ADJUSTING;
	if (app_sees_all(ctx)) {
		r->read = r->own = r->decide = true;
		r->edit = status_editable(p->status);
		r->comment = p->version > 0 && open;
		return 0;
	}
	if (p->owner_org_id) {
		if ((rc = owns_org(ctx, p->owner_org_id, &r->own, err)))
			return rc;
		r->read = r->own;
		if (!r->read && (rc = reads(ctx, p->owner_org_id, &r->read, err)))
			return rc;
		if (!r->read && status_issued(p->status)) {
			int64_t *up;
			int nup;
			if ((rc = upper_orgs(ctx, &up, &nup, err)))
				return rc;
			for (int i = 0; i < nup && !r->read; i++)
				r->read = up[i] == p->owner_org_id;
		}
	} else {
		r->own = ctx->actor->person_id && ctx->actor->person_id == p->owner_person_id;
		r->read = r->own;
		if (!r->read && (rc = reads_person(ctx, p->owner_person_id, &r->read, err)))
			return rc;
	}
	if (p->version > 0) {
		struct plan_recipient *rec;
		int nrec;
		bool recipient = false;
		if ((rc = recorded_recipients(ctx, p, &rec, &nrec, err)))
			return rc;
		for (int i = 0; i < nrec; i++) {
			bool yes;
			if ((rc = acts(ctx, rec[i].org_id, &yes, err)))
				return rc;
			if (!yes)
				continue;
			recipient = true;
			if (strcmp(rec[i].role, "managing") == 0 ||
			    strcmp(rec[i].role, "upper") == 0)
				r->decide = true;
		}
		r->read = r->read || recipient;
		/* A head does not comment on their own plan, even when they act for
		 * a recipient (the agency they head gets it). (A committee that
		 * manages a lower org acts for it and still comments on its plan.) */
		r->comment = recipient && open && !(p->owner_person_id && r->own);
	}
	r->edit = r->own && status_editable(p->status);
	return 0;
}

int app_plan_rights(struct app_ctx *ctx, int64_t id, struct plan *plan, struct plan_rights *out,
		    struct kh_error *err)
{
	struct plan p;
	int rc;
	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = store_plan_get(ctx->store, ctx->arena, id, ctx->today, &p, err)))
		return rc;
	if ((rc = compute_rights(ctx, &p, out, err)))
		return rc;
	if (plan)
		*plan = p;
	return 0;
}

/* The plan and the actor's rights on it; KH_EFORBIDDEN when not readable. */
static int load_readable(struct app_ctx *ctx, int64_t id, struct plan *p, struct plan_rights *r,
			 struct kh_error *err)
{
	int rc = app_plan_rights(ctx, id, p, r, err);
	if (rc)
		return rc;
	if (!r->read)
		return kh_fail(err, KH_EFORBIDDEN, NULL, "%s", MSG_NO_READ);
	return 0;
}

/* The plan, when the actor is its owner side. */
static int load_owned(struct app_ctx *ctx, int64_t id, struct plan *p, struct kh_error *err)
{
	struct plan_rights r;
	int rc = load_readable(ctx, id, p, &r, err);
	if (rc)
		return rc;
	if (!r.own)
		return kh_fail(
			err, KH_EFORBIDDEN, NULL,
			p->owner_org_id
				? "Chỉ cấp ủy, cơ quan chủ trì kế hoạch mới được làm việc này"
				: "Chỉ đồng chí chủ kế hoạch mới được làm việc này");
	return 0;
}

/* The plan, when the actor may change its working copy now. */
static int load_editable(struct app_ctx *ctx, int64_t id, struct plan *p, struct kh_error *err)
{
	int rc = load_owned(ctx, id, p, err);
	if (rc)
		return rc;
	if (p->status == PLAN_CLOSED)
		return kh_fail(err, KH_ECONFLICT, NULL, "Kế hoạch đã kết thúc, không sửa được");
	if (!status_editable(p->status))
		return kh_fail(err, KH_ECONFLICT, NULL, "%s", MSG_ISSUED);
	return 0;
}

int app_plan_require_editable(struct app_ctx *ctx, int64_t id, struct kh_error *err)
{
	struct plan p;
	return load_editable(ctx, id, &p, err);
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

static int reindex(struct app_ctx *ctx, int64_t id, struct kh_error *err)
{
	struct plan p;
	struct buf b;
	int rc = store_plan_get(ctx->store, ctx->arena, id, ctx->today, &p, err);
	if (rc)
		return rc;
	const char *years = years_text(ctx, &p);
	const char *subtitle = arena_printf(ctx->arena, "%s · %s · %s", nz(p.owner_name), years,
					    plan_status_label(p.status));
	buf_init(&b, 64 * 1024);
	append_fold(&b, p.title);
	append_fold(&b, p.owner_name);
	append_fold(&b, years);
	if (p.scope == PLAN_SCOPE_TERM)
		buf_printf(&b, " %d %d", p.year_from, p.year_to);
	rc = store_search_set(ctx->store, SEARCH_PLAN, id, p.title, subtitle,
			      buf_failed(&b) ? "" : b.data, err);
	buf_release(&b);
	return rc;
}

/* ---- audit helpers ---- */

static const char *plan_text(struct app_ctx *ctx, const struct plan *p)
{
	return json_text(ctx, app_plan_json(p, NULL, 0));
}

static const char *item_text(struct app_ctx *ctx, const struct plan_item *it)
{
	return json_text(ctx, app_plan_item_json(it));
}

/* ---- items: input ---- */

static int deadline_year(const struct plan *p)
{
	return p->scope == PLAN_SCOPE_YEAR ? p->year_from : 0;
}

static void parse_deadline(const struct plan *p, struct plan_item *it)
{
	struct deadline d;
	deadline_parse(nz(it->deadline_text), deadline_year(p), &d);
	it->deadline_kind = (int)d.kind;
	it->deadline_start = d.start;
	it->deadline_end = d.end;
	it->deadline_period = (int)d.period;
	it->deadline_after_days = d.after_days;
}

/* An item of a collective plan that implements an upper item answers the
 * upper item's assignment to the owner org (issue 5: who has answered). */
static int link_answer(struct app_ctx *ctx, const struct plan *p, const struct plan_item *it,
		       struct kh_error *err)
{
	if (!it->upper_item_id || !p->owner_org_id)
		return 0;
	return store_assignment_answer(ctx->store, it->upper_item_id, p->owner_org_id, it->id, err);
}

static int check_org_readable(struct app_ctx *ctx, int64_t org, const char *field,
			      struct kh_error *err)
{
	struct org o;
	struct kh_error e = {0};
	int rc = store_org_get_nearest(ctx->store, ctx->arena, org, ctx->today, &o, &e);
	if (rc == KH_ENOTFOUND)
		return kh_fail(err, KH_EINVAL, field, "Không có tổ chức số %lld", (long long)org);
	if (rc)
		return copy_err(err, &e, rc);
	if ((rc = app_can_read_org(ctx, org, &e))) {
		kh_fail(err, e.code, field, "%s", e.message);
		return rc;
	}
	return 0;
}

/* Applies in over it (the item's current or default values), validating. */
static int apply_item_input(struct app_ctx *ctx, const struct plan *p, struct plan_item *it,
			    const struct plan_item_input *in, bool create, struct kh_error *err)
{
	int rc;
	if (in->part) {
		if (in->part < 1 || in->part > 3)
			return kh_fail(err, KH_EINVAL, "part",
				       "Phần của kế hoạch phải là 1, 2 hoặc 3");
		it->part = in->part;
	}
	if (in->section) {
		it->section = trim_line(ctx, in->section);
		if ((rc = app_check_name("section", "Đề mục", it->section, LINE_MAX_CHARS, false,
					 err)))
			return rc;
	}
	if (in->kind && !plan_item_kind_parse(in->kind, &it->kind))
		return kh_fail(err, KH_EINVAL, "kind",
			       "Loại nội dung phải là task, key_project, proposal hoặc indicator");
	if (in->category && !plan_item_category_parse(in->category, &it->category))
		return kh_fail(err, KH_EINVAL, "category",
			       "Nhóm nội dung phải là term, year hoặc coordination");
	if (in->text)
		it->text = arena_strdup(ctx->arena, in->text);
	if ((rc = check_text("text", "Nội dung, công việc", it->text, PLAN_TEXT_MAX, true, err)))
		return rc;
	if (in->measures) {
		it->measures = arena_strdup(ctx->arena, in->measures);
		if ((rc = check_text("measures", "Biện pháp", it->measures, PLAN_TEXT_MAX, false,
				     err)))
			return rc;
	}
	if (in->set_lead) {
		if (in->lead_group && !in->lead_org_id)
			return kh_fail(err, KH_EINVAL, "lead_org_id",
				       "Chủ trì theo nhóm cần tổ chức cấp trên của nhóm");
		if (in->lead_org_id &&
		    (rc = check_org_readable(ctx, in->lead_org_id, "lead_org_id", err)))
			return rc;
		if (in->lead_person_id) {
			struct person pe;
			struct kh_error e = {0};
			rc = store_person_get(ctx->store, ctx->arena, in->lead_person_id, &pe, &e);
			if (rc == KH_ENOTFOUND)
				return kh_fail(err, KH_EINVAL, "lead_person_id",
					       "Không có cán bộ, đảng viên số %lld",
					       (long long)in->lead_person_id);
			if (rc)
				return copy_err(err, &e, rc);
		}
		it->lead_org_id = in->lead_org_id;
		it->lead_group = in->lead_group;
		it->lead_person_id = in->lead_person_id;
		it->lead_text = trim_line(ctx, nz(in->lead_text));
		if ((rc = app_check_name("lead_text", "Chủ trì", it->lead_text, LINE_MAX_CHARS,
					 false, err)))
			return rc;
	}
	if (in->coordinators) {
		it->coordinators = trim_line(ctx, in->coordinators);
		if ((rc = app_check_name("coordinators", "Phối hợp", it->coordinators, FIELD_MAX,
					 false, err)))
			return rc;
	}
	if (in->set_coordinator_orgs) {
		if (in->n_coordinator_orgs < 0 || in->n_coordinator_orgs > 200)
			return kh_fail(err, KH_EINVAL, "coordinator_org_ids",
				       "Nhiều nhất 200 tổ chức phối hợp");
		int64_t *v =
			arena_alloc(ctx->arena, sizeof(*v) * (size_t)(in->n_coordinator_orgs + 1));
		int n = 0;
		for (int i = 0; i < in->n_coordinator_orgs; i++) {
			bool dup = false;
			for (int k = 0; k < n && !dup; k++)
				dup = v[k] == in->coordinator_org_ids[i];
			if (dup)
				continue;
			if ((rc = check_org_readable(ctx, in->coordinator_org_ids[i],
						     "coordinator_org_ids", err)))
				return rc;
			v[n++] = in->coordinator_org_ids[i];
		}
		it->coordinator_org_ids = v;
		it->n_coordinator_orgs = n;
	}
	if (in->coordinate_with) {
		it->coordinate_with = trim_line(ctx, in->coordinate_with);
		if ((rc = app_check_name("coordinate_with", "Phối hợp với", it->coordinate_with,
					 FIELD_MAX, false, err)))
			return rc;
	}
	if (in->addressee) {
		it->addressee = trim_line(ctx, in->addressee);
		if ((rc = app_check_name("addressee", "Nơi nhận đề xuất", it->addressee,
					 LINE_MAX_CHARS, false, err)))
			return rc;
	}
	if (in->set_addressee) {
		if (in->addressee_org_id) {
			struct org o;
			struct kh_error e = {0};
			rc = store_org_get_nearest(ctx->store, ctx->arena, in->addressee_org_id,
						   ctx->today, &o, &e);
			if (rc == KH_ENOTFOUND)
				return kh_fail(err, KH_EINVAL, "addressee_org_id",
					       "Không có tổ chức số %lld",
					       (long long)in->addressee_org_id);
			if (rc)
				return copy_err(err, &e, rc);
		}
		it->addressee_org_id = in->addressee_org_id;
	}
	bool reparse = create;
	if (in->deadline_text) {
		it->deadline_text = trim_line(ctx, in->deadline_text);
		if ((rc = app_check_name("deadline_text", "Thời hạn", it->deadline_text,
					 LINE_MAX_CHARS, false, err)))
			return rc;
		reparse = true;
	}
	if (in->deadline_kind) {
		enum deadline_kind k;
		if (!deadline_kind_parse(in->deadline_kind, &k))
			return kh_fail(err, KH_EINVAL, "deadline_kind",
				       "Loại thời hạn phải là none, date, window, from, recurring"
				       " hoặc conditional");
		if (in->deadline_start && in->deadline_end && in->deadline_start > in->deadline_end)
			return kh_fail(err, KH_EINVAL, "deadline_end",
				       "Ngày kết thúc của thời hạn trước ngày bắt đầu");
		if (reparse)
			parse_deadline(p, it);
		it->deadline_kind = (int)k;
		it->deadline_start = k == DEADLINE_NONE ? 0 : in->deadline_start;
		it->deadline_end = k == DEADLINE_NONE ? 0 : in->deadline_end;
		if (k != DEADLINE_RECURRING)
			it->deadline_period = 0;
		if (k != DEADLINE_CONDITIONAL)
			it->deadline_after_days = 0;
	} else if (reparse) {
		parse_deadline(p, it);
	}
	if (in->resources) {
		it->resources = arena_strdup(ctx->arena, in->resources);
		if ((rc = check_text("resources", "Nguồn lực", it->resources, FIELD_MAX, false,
				     err)))
			return rc;
	}
	if (in->serves) {
		it->serves = arena_strdup(ctx->arena, in->serves);
		if ((rc = check_text("serves", "Mục tiêu, chỉ tiêu phục vụ", it->serves, FIELD_MAX,
				     false, err)))
			return rc;
	}
	if (in->set_upper_item) {
		if (in->upper_item_id) {
			struct plan_item up;
			struct kh_error e = {0};
			rc = store_plan_item_get(ctx->store, ctx->arena, in->upper_item_id,
						 ctx->today, &up, &e);
			if (rc && rc != KH_ENOTFOUND)
				return copy_err(err, &e, rc);
			if (rc || !p->upper_plan_id || up.plan_id != p->upper_plan_id)
				return kh_fail(err, KH_EINVAL, "upper_item_id",
					       "Nội dung số %lld không thuộc kế hoạch cấp trên của"
					       " kế hoạch này",
					       (long long)in->upper_item_id);
		}
		it->upper_item_id = in->upper_item_id;
	}
	return 0;
}

static void item_defaults(const struct plan *p, struct plan_item *it)
{
	memset(it, 0, sizeof(*it));
	it->plan_id = p->id;
	it->part = 2;
	it->kind = PLAN_ITEM_TASK;
	it->category = PLAN_CATEGORY_YEAR;
	it->section = it->text = it->measures = it->lead_text = it->coordinators = "";
	it->coordinate_with = it->addressee = it->proposal_state = it->proposal_note = "";
	it->deadline_text = it->resources = it->serves = "";
	it->status = "open";
	it->lead_name = "";
}

/* ---- plans ---- */

static int check_sources(struct app_ctx *ctx, const int64_t *ids, int n, struct kh_error *err)
{
	if (n < 0 || n > 100)
		return kh_fail(err, KH_EINVAL, "source_ids", "Nhiều nhất 100 văn bản căn cứ");
	for (int i = 0; i < n; i++) {
		struct document d;
		struct kh_error e = {0};
		bool ok;
		int rc = store_document_get(ctx->store, ctx->arena, ids[i], ctx->today, &d, &e);
		if (rc == KH_ENOTFOUND)
			return kh_fail(err, KH_EINVAL, "source_ids", "Không có văn bản số %lld",
				       (long long)ids[i]);
		if (rc)
			return copy_err(err, &e, rc);
		if ((rc = app_document_readable(ctx, d.issuer_org_id, &ok, err)))
			return rc;
		if (!ok)
			return kh_fail(err, KH_EINVAL, "source_ids",
				       "Bạn không có quyền xem văn bản số %lld", (long long)ids[i]);
	}
	return 0;
}

/* The upper plan must exist and be readable. */
static int check_upper(struct app_ctx *ctx, int64_t upper, int64_t self, struct plan *up,
		       struct kh_error *err)
{
	struct plan_rights r;
	struct kh_error e = {0};
	if (upper == self)
		return kh_fail(err, KH_EINVAL, "upper_plan_id",
			       "Kế hoạch không thể là kế hoạch cấp trên của chính nó");
	int rc = app_plan_rights(ctx, upper, up, &r, &e);
	if (rc == KH_ENOTFOUND || (rc == 0 && !r.read))
		return kh_fail(err, KH_EINVAL, "upper_plan_id",
			       "Không có kế hoạch cấp trên số %lld", (long long)upper);
	if (rc)
		return copy_err(err, &e, rc);
	return 0;
}

/* Inserts a copy of src into plan p at the end (seq), as created now. */
static int insert_copy(struct app_ctx *ctx, const struct plan *p, const struct plan_item *src,
		       int seq, struct plan_item *it, struct kh_error *err)
{
	int64_t id;
	item_defaults(p, it);
	it->part = src->part;
	it->section = src->section;
	it->kind = src->kind;
	it->category = src->category;
	it->text = src->text;
	it->measures = src->measures;
	it->deadline_text = src->deadline_text;
	it->resources = src->resources;
	it->serves = src->serves;
	it->seq = seq;
	it->created_at = it->updated_at = ctx->now;
	parse_deadline(p, it);
	int rc = store_plan_item_insert(ctx->store, it, &id, err);
	it->id = id;
	return rc;
}

/* With cascade: the upper plan's items assigned to the owner org, each
 * copied with upper_item_id set and the owner org as lead. */
static int cascade_items(struct app_ctx *ctx, const struct plan *p, int *seq, struct kh_error *err)
{
	struct org self;
	struct plan_item *v;
	int n, rc;
	if ((rc = store_org_get_nearest(ctx->store, ctx->arena, p->owner_org_id, ctx->today, &self,
					err)))
		return rc;
	if ((rc = store_plan_items_assigned(ctx->store, ctx->arena, p->upper_plan_id,
					    p->owner_org_id, self.parent_id, ctx->today, &v, &n,
					    err)))
		return rc;
	for (int i = 0; i < n; i++) {
		struct plan_item it;
		if ((rc = insert_copy(ctx, p, &v[i], ++*seq, &it, err)))
			return rc;
		it.upper_item_id = v[i].id;
		it.lead_org_id = p->owner_org_id;
		it.updated_at = ctx->now;
		if ((rc = store_plan_item_update(ctx->store, &it, err)) ||
		    (rc = link_answer(ctx, p, &it, err)))
			return rc;
	}
	return 0;
}

/*
 * With carry-over (year plans): the owner's latest issued term plan
 * covering the year — else last year's plan — is the base; its items not
 * done are copied (term items always), then last year's plan's items not
 * done, unless already copied through the term plan. The remedies of last
 * year's submitted self-assessment join after them (app_plan_create calls
 * app_assessment_carry_into_new).
 */
static int carry_over_items(struct app_ctx *ctx, struct plan *p, int *seq, struct kh_error *err)
{
	int64_t term = 0, last = 0, *copied = NULL;
	int ncopied = 0, rc;
	if ((rc = store_plan_find_owner(ctx->store, p->owner_org_id, p->owner_person_id,
					PLAN_SCOPE_TERM, p->year_from, true, &term, err)) ||
	    (rc = store_plan_find_owner(ctx->store, p->owner_org_id, p->owner_person_id,
					PLAN_SCOPE_YEAR, p->year_from - 1, false, &last, err)))
		return rc;
	if (last == p->id)
		last = 0;
	p->based_on_plan_id = term ? term : last;
	int64_t sources[2] = {term, last};
	for (int s = 0; s < 2; s++) {
		struct plan_item *v;
		int n;
		if (!sources[s])
			continue;
		if ((rc = store_plan_items(ctx->store, ctx->arena, sources[s], ctx->today, &v, &n,
					   err)))
			return rc;
		if (!copied)
			copied =
				arena_alloc(ctx->arena, sizeof(*copied) * (size_t)(n + 1) * 2 + 64);
		for (int i = 0; i < n; i++) {
			bool done = strcmp(nz(v[i].status), "done") == 0;
			if (done && !(s == 0 && v[i].category == PLAN_CATEGORY_TERM))
				continue;
			bool dup = false;
			for (int k = 0; k < ncopied && !dup; k++)
				dup = copied[k] == v[i].carried_from_id;
			if (dup)
				continue;
			struct plan_item it;
			if ((rc = insert_copy(ctx, p, &v[i], ++*seq, &it, err)))
				return rc;
			it.carried_from_id = v[i].id;
			it.lead_org_id = v[i].lead_org_id;
			it.lead_group = v[i].lead_group;
			it.lead_person_id = v[i].lead_person_id;
			it.lead_text = v[i].lead_text;
			it.coordinators = v[i].coordinators;
			it.coordinator_org_ids = v[i].coordinator_org_ids;
			it.n_coordinator_orgs = v[i].n_coordinator_orgs;
			it.coordinate_with = v[i].coordinate_with;
			it.addressee = v[i].addressee;
			it.addressee_org_id = v[i].addressee_org_id;
			it.upper_item_id = v[i].upper_item_id;
			if ((rc = store_plan_item_update(ctx->store, &it, err)))
				return rc;
			if (ncopied < (n + 1) * 2 + 8)
				copied[ncopied++] = v[i].id;
		}
	}
	return 0;
}

int app_plan_create(struct app_ctx *ctx, const struct plan_input *in, struct plan *out,
		    struct kh_error *err)
{
	struct plan p = {0}, upper = {0};
	int rc;

	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (!in->scope || (strcmp(in->scope, "term") != 0 && strcmp(in->scope, "year") != 0))
		return kh_fail(err, KH_EINVAL, "scope",
			       "Phạm vi kế hoạch phải là term (toàn khóa) hoặc year (năm)");
	p.scope = strcmp(in->scope, "term") == 0 ? PLAN_SCOPE_TERM : PLAN_SCOPE_YEAR;
	if (in->year_from < 1990 || in->year_from > 2100)
		return kh_fail(err, KH_EINVAL, "year_from", "Năm phải từ 1990 đến 2100");
	p.year_from = p.year_to = in->year_from;
	if (p.scope == PLAN_SCOPE_TERM) {
		if (in->year_to < in->year_from || in->year_to > 2100)
			return kh_fail(err, KH_EINVAL, "year_to",
				       "Năm cuối nhiệm kỳ phải từ năm đầu đến 2100");
		p.year_to = in->year_to;
	}
	if (in->form < 0 || in->form > 2)
		return kh_fail(err, KH_EINVAL, "form", "Mẫu kế hoạch là 1 hoặc 2");
	p.form = in->form ? in->form : 1;
	if (in->owner_org_id && in->owner_person_id)
		return kh_fail(err, KH_EINVAL, "owner_org_id",
			       "Kế hoạch của một tổ chức hoặc của một cá nhân, không phải cả hai");
	p.owner_org_id = in->owner_org_id;
	p.owner_person_id = in->owner_person_id;
	if (!p.owner_org_id && !p.owner_person_id) {
		if (!ctx->actor->person_id)
			return kh_fail(err, KH_EINVAL, "owner_person_id",
				       "Tài khoản chưa gắn với cán bộ, đảng viên: hãy chọn tổ chức"
				       " hoặc người chủ kế hoạch");
		p.owner_person_id = ctx->actor->person_id;
	}
	if (p.owner_org_id) {
		struct org o;
		struct kh_error e = {0};
		rc = store_org_get_nearest(ctx->store, ctx->arena, p.owner_org_id, ctx->today, &o,
					   &e);
		if (rc == KH_ENOTFOUND)
			return kh_fail(err, KH_EINVAL, "owner_org_id", "Không có tổ chức số %lld",
				       (long long)p.owner_org_id);
		if (rc)
			return copy_err(err, &e, rc);
		bool owner;
		if ((rc = owns_org(ctx, p.owner_org_id, &owner, err)))
			return rc;
		if (!owner)
			return kh_fail(err, KH_EFORBIDDEN, "owner_org_id",
				       "Bạn không có quyền xây dựng kế hoạch của tổ chức này: "
				       "kế hoạch của tập thể do người giữ chức vụ trong tổ chức "
				       "hoặc Văn phòng của tổ chức soạn");
		p.owner_name = o.name;
	} else {
		struct person pe;
		struct position *pos;
		int npos;
		bool head = false;
		struct kh_error e = {0};
		rc = store_person_get(ctx->store, ctx->arena, p.owner_person_id, &pe, &e);
		if (rc == KH_ENOTFOUND)
			return kh_fail(err, KH_EINVAL, "owner_person_id",
				       "Không có cán bộ, đảng viên số %lld",
				       (long long)p.owner_person_id);
		if (rc)
			return copy_err(err, &e, rc);
		if (!app_sees_all(ctx) && ctx->actor->person_id != p.owner_person_id)
			return kh_fail(err, KH_EFORBIDDEN, "owner_person_id",
				       "Chỉ chính đồng chí đứng đầu xây dựng kế hoạch hành động cá"
				       " nhân của mình");
		if ((rc = store_positions_current_of_person(ctx->store, ctx->arena, pe.id,
							    ctx->today, &pos, &npos, err)))
			return rc;
		for (int i = 0; i < npos && !head; i++)
			head = pos[i].role == POSITION_HEAD;
		if (!head)
			return kh_fail(
				err, KH_EINVAL, "owner_person_id",
				"Chỉ người đứng đầu mới xây dựng kế hoạch hành động cá nhân");
		p.owner_name = pe.full_name;
	}
	if (in->title && *in->title) {
		p.title = trim_line(ctx, in->title);
	} else {
		p.title = arena_printf(ctx->arena, "Kế hoạch hành động %s của %s",
				       years_text(ctx, &p), p.owner_name);
	}
	if ((rc = app_check_name("title", "Tên kế hoạch", p.title, PLAN_TITLE_MAX, true, err)))
		return rc;
	p.goals = arena_strdup(ctx->arena, nz(in->goals));
	p.organization = arena_strdup(ctx->arena, nz(in->organization));
	if ((rc = check_text("goals", "Mục đích, yêu cầu", p.goals, PLAN_TEXT_MAX, false, err)) ||
	    (rc = check_text("organization", "Tổ chức thực hiện", p.organization, PLAN_TEXT_MAX,
			     false, err)))
		return rc;
	if (in->upper_plan_id) {
		if ((rc = check_upper(ctx, in->upper_plan_id, 0, &upper, err)))
			return rc;
		p.upper_plan_id = in->upper_plan_id;
	}
	if (in->set_sources && (rc = check_sources(ctx, in->source_ids, in->n_sources, err)))
		return rc;
	if (in->cascade) {
		if (!p.upper_plan_id || !p.owner_org_id)
			return kh_fail(err, KH_EINVAL, "cascade",
				       "Cụ thể hóa kế hoạch cấp trên cần kế hoạch cấp trên và tổ"
				       " chức chủ kế hoạch");
		if (upper.status == PLAN_DRAFT)
			return kh_fail(err, KH_ECONFLICT, "upper_plan_id",
				       "Kế hoạch cấp trên còn là dự thảo: chưa cụ thể hóa được");
	}
	if (in->carry_over && p.scope != PLAN_SCOPE_YEAR)
		return kh_fail(err, KH_EINVAL, "carry_over",
			       "Chỉ kế hoạch năm mới kế thừa nội dung của kế hoạch trước");
	p.status = PLAN_DRAFT;
	p.adjust_reason = "";
	p.created_by = ctx->actor->user_id;
	p.created_at = p.updated_at = ctx->now;

	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	int64_t other;
	const char *other_title;
	int seq = 0;
	rc = store_plan_find_overlap(ctx->store, ctx->arena, p.owner_org_id, p.owner_person_id,
				     p.scope, p.year_from, p.year_to, 0, &other, &other_title, err);
	if (!rc && other)
		rc = kh_fail(err, KH_ECONFLICT, "year_from",
			     p.owner_person_id
				     ? "Đồng chí đã có kế hoạch “%s” (số %lld): hãy bổ sung vào kế"
				       " hoạch đó"
				     : "Tổ chức đã có kế hoạch “%s” (số %lld): hãy bổ sung vào kế"
				       " hoạch đó",
			     other_title, (long long)other);
	if (!rc)
		rc = store_plan_insert(ctx->store, &p, &p.id, err);
	if (!rc && in->set_sources)
		rc = store_plan_sources_set(ctx->store, p.id, in->source_ids, in->n_sources, err);
	if (!rc && in->cascade)
		rc = cascade_items(ctx, &p, &seq, err);
	if (!rc && in->carry_over) {
		rc = carry_over_items(ctx, &p, &seq, err);
		if (!rc && p.based_on_plan_id)
			rc = store_plan_update(ctx->store, &p, err);
		if (!rc) /* last year's remedies (app/assessment.h) */
			rc = app_assessment_carry_into_new(ctx, p.id, err);
	}
	if (!rc)
		rc = reindex(ctx, p.id, err);
	if (!rc)
		rc = app_audit(ctx, "plan.create", "plan", p.id, NULL, plan_text(ctx, &p), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return out ? store_plan_get(ctx->store, ctx->arena, p.id, ctx->today, out, err) : 0;
}

int app_plan_update(struct app_ctx *ctx, int64_t id, const struct plan_input *in, struct plan *out,
		    struct kh_error *err)
{
	struct plan before, p, upper;
	int rc;
	if ((rc = load_editable(ctx, id, &before, err)))
		return rc;
	p = before;
	if (in->title) {
		p.title = trim_line(ctx, in->title);
		if (!*p.title)
			p.title = arena_printf(ctx->arena, "Kế hoạch hành động %s của %s",
					       years_text(ctx, &p), nz(p.owner_name));
		if ((rc = app_check_name("title", "Tên kế hoạch", p.title, PLAN_TITLE_MAX, true,
					 err)))
			return rc;
	}
	if (in->form) {
		if (in->form != 1 && in->form != 2)
			return kh_fail(err, KH_EINVAL, "form", "Mẫu kế hoạch là 1 hoặc 2");
		p.form = in->form;
	}
	if (in->goals) {
		p.goals = arena_strdup(ctx->arena, in->goals);
		if ((rc = check_text("goals", "Mục đích, yêu cầu", p.goals, PLAN_TEXT_MAX, false,
				     err)))
			return rc;
	}
	if (in->organization) {
		p.organization = arena_strdup(ctx->arena, in->organization);
		if ((rc = check_text("organization", "Tổ chức thực hiện", p.organization,
				     PLAN_TEXT_MAX, false, err)))
			return rc;
	}
	if (in->set_upper || in->upper_plan_id) {
		if (in->upper_plan_id && in->upper_plan_id != before.upper_plan_id &&
		    (rc = check_upper(ctx, in->upper_plan_id, id, &upper, err)))
			return rc;
		p.upper_plan_id = in->upper_plan_id;
	}
	if (in->set_sources && (rc = check_sources(ctx, in->source_ids, in->n_sources, err)))
		return rc;
	p.updated_at = ctx->now;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_plan_update(ctx->store, &p, err);
	if (!rc && in->set_sources)
		rc = store_plan_sources_set(ctx->store, id, in->source_ids, in->n_sources, err);
	if (!rc)
		rc = reindex(ctx, id, err);
	if (!rc)
		rc = app_audit(ctx, "plan.update", "plan", id, plan_text(ctx, &before),
			       plan_text(ctx, &p), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return out ? store_plan_get(ctx->store, ctx->arena, id, ctx->today, out, err) : 0;
}

int app_plan_delete(struct app_ctx *ctx, int64_t id, struct kh_error *err)
{
	struct plan p;
	int rc;
	if ((rc = load_owned(ctx, id, &p, err)))
		return rc;
	if (p.status != PLAN_DRAFT || p.version > 0)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Chỉ xóa được dự thảo chưa gửi lấy ý kiến, chưa ban hành");
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_progress_forget_plan(ctx->store, id, err);
	if (!rc)
		rc = store_plan_delete(ctx->store, id, err);
	if (rc == KH_ECONFLICT)
		rc = kh_fail(err, KH_ECONFLICT, NULL,
			     "Kế hoạch đang được kế hoạch khác hoặc ý kiến góp ý dẫn chiếu:"
			     " không xóa được");
	if (!rc)
		rc = store_search_remove(ctx->store, SEARCH_PLAN, id, err);
	if (!rc)
		rc = app_audit(ctx, "plan.delete", "plan", id, plan_text(ctx, &p), NULL, err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc)
		store_rollback(ctx->store);
	return rc;
}

/* The progress state of every item of an issued plan on ctx->today. */
static int derive_items(struct app_ctx *ctx, struct plan_view *v, struct kh_error *err)
{
	struct store_done_end *ends;
	struct store_assign_count *counts;
	int nends, ncounts, rc;
	if ((rc = store_progress_done_ends(ctx->store, ctx->arena, 0, v->plan.id, &ends, &nends,
					   err)) ||
	    (rc = store_assignment_counts(ctx->store, ctx->arena, v->plan.id, &counts, &ncounts,
					  err)))
		return rc;
	v->assigned = arena_alloc(ctx->arena, sizeof(*v->assigned) * (size_t)(v->n_items + 1));
	memset(v->assigned, 0, sizeof(*v->assigned) * (size_t)(v->n_items + 1));
	for (int i = 0; i < v->n_items; i++)
		for (int k = 0; k < ncounts; k++)
			if (counts[k].item_id == v->items[i].id) {
				v->assigned[i].assigned = counts[k].assigned;
				v->assigned[i].answered = counts[k].answered;
			}
	int32_t *e = arena_alloc(ctx->arena, sizeof(*e) * (size_t)(nends + 1));
	v->derived = arena_alloc(ctx->arena, sizeof(*v->derived) * (size_t)(v->n_items + 1));
	for (int i = 0; i < v->n_items; i++) {
		int ne = 0;
		for (int k = 0; k < nends; k++)
			if (ends[k].item_id == v->items[i].id)
				e[ne++] = ends[k].end;
		progress_derive(&v->items[i], ctx->today, date_from_ymd(v->plan.year_from, 1, 1), e,
				ne, &v->derived[i]);
	}
	return 0;
}

int app_plan_get(struct app_ctx *ctx, int64_t id, struct plan_view *out, struct kh_error *err)
{
	int64_t *src;
	int nsrc, rc;
	memset(out, 0, sizeof(*out));
	if ((rc = load_readable(ctx, id, &out->plan, &out->rights, err)))
		return rc;
	if ((rc = store_plan_items(ctx->store, ctx->arena, id, ctx->today, &out->items,
				   &out->n_items, err)))
		return rc;
	if ((rc = store_plan_sources(ctx->store, ctx->arena, id, &src, &nsrc, err)))
		return rc;
	if (status_issued(out->plan.status) && (rc = derive_items(ctx, out, err)))
		return rc;
	out->sources = arena_alloc(ctx->arena, sizeof(*out->sources) * (size_t)(nsrc + 1));
	for (int i = 0; i < nsrc; i++) {
		struct document d;
		bool ok;
		if ((rc = store_document_get(ctx->store, ctx->arena, src[i], ctx->today, &d,
					     err)) ||
		    (rc = app_document_readable(ctx, d.issuer_org_id, &ok, err)))
			return rc;
		if (ok)
			out->sources[out->n_sources++] = d;
	}
	if (out->plan.version > 0)
		rc = recorded_recipients(ctx, &out->plan, &out->recipients, &out->n_recipients,
					 err);
	else
		rc = compute_recipients(ctx, &out->plan, &out->recipients, &out->n_recipients, err);
	if (rc)
		return rc;
	out->upper_title = "";
	if (out->plan.upper_plan_id) {
		struct plan up;
		struct plan_rights r;
		struct kh_error e = {0};
		if (app_plan_rights(ctx, out->plan.upper_plan_id, &up, &r, &e) == 0 && r.read)
			out->upper_title = up.title;
	}
	return store_plan_open_comments(ctx->store, id, &out->open_comments, err);
}

int app_plan_list(struct app_ctx *ctx, const struct plan_query *q, struct plan_page *out,
		  struct kh_error *err)
{
	struct plan_filter f = {0};
	enum plan_status st;
	char *folded = NULL;
	int64_t *upper;
	int n_upper, rc;
	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	f.limit = q->limit <= 0 ? 50 : q->limit > PLAN_PAGE_MAX ? PLAN_PAGE_MAX : q->limit;
	f.offset = q->offset < 0 ? 0 : q->offset;
	f.day = ctx->today;
	if (q->status && *q->status) {
		if (!plan_status_parse(q->status, &st))
			return kh_fail(err, KH_EINVAL, "status",
				       "Trạng thái kế hoạch không hợp lệ");
		f.status = plan_status_name(st);
	}
	if (q->year && (q->year < 1990 || q->year > 2100))
		return kh_fail(err, KH_EINVAL, "year", "Năm phải từ 1990 đến 2100");
	f.year = q->year;
	f.owner_org_id = q->owner_org_id;
	f.owner_person_id = q->owner_person_id;
	f.org_id = q->org_id;
	f.inbox = q->inbox;
	if (app_sees_all(ctx)) {
		f.all = true;
	} else {
		if ((rc = app_scope_load(ctx, err)))
			return rc;
		f.read_roots = ctx->actor->read_roots;
		f.n_read_roots = ctx->actor->n_read_roots;
		f.act_orgs = ctx->actor->act_orgs;
		f.n_act_orgs = ctx->actor->n_act_orgs;
		f.manage_roots = ctx->actor->manage_roots;
		f.n_manage_roots = ctx->actor->n_manage_roots;
		f.person_id = ctx->actor->person_id;
		if ((rc = upper_orgs(ctx, &upper, &n_upper, err)))
			return rc;
		f.issued_orgs = upper;
		f.n_issued_orgs = n_upper;
	}
	if (q->q && *q->q) {
		folded = text_fold(q->q);
		f.folded_query = folded;
	}
	rc = store_plan_list(ctx->store, ctx->arena, &f, &out->items, &out->n, &out->total, err);
	free(folded);
	out->limit = f.limit;
	out->offset = f.offset;
	return rc;
}

/* ---- items ---- */

int app_plan_item_create(struct app_ctx *ctx, int64_t plan_id, const struct plan_item_input *in,
			 struct plan_item *out, struct kh_error *err)
{
	struct plan p;
	struct plan_item it;
	int n, rc;
	if ((rc = load_editable(ctx, plan_id, &p, err)))
		return rc;
	if ((rc = store_plan_item_count(ctx->store, plan_id, &n, err)))
		return rc;
	if (n >= PLAN_ITEMS_MAX)
		return kh_fail(err, KH_ETOOBIG, NULL, "Kế hoạch đã có %d nội dung, không thêm được",
			       n);
	item_defaults(&p, &it);
	if ((rc = apply_item_input(ctx, &p, &it, in, true, err)))
		return rc;
	it.seq = in->after_seq == 0 ? n + 1 : in->after_seq < 0 ? 1 : in->after_seq + 1;
	if (it.seq > n + 1)
		it.seq = n + 1;
	it.created_at = it.updated_at = ctx->now;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_plan_item_insert(ctx->store, &it, &it.id, err);
	if (!rc)
		rc = link_answer(ctx, &p, &it, err);
	if (!rc)
		rc = app_audit(ctx, "plan.item.create", "plan", plan_id, NULL, item_text(ctx, &it),
			       err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return out ? store_plan_item_get(ctx->store, ctx->arena, it.id, ctx->today, out, err) : 0;
}

/* The item and its plan, when the plan may be edited now. */
static int load_item_editable(struct app_ctx *ctx, int64_t item_id, struct plan_item *it,
			      struct plan *p, struct kh_error *err)
{
	int rc = store_plan_item_get(ctx->store, ctx->arena, item_id, ctx->today, it, err);
	if (rc)
		return rc;
	return load_editable(ctx, it->plan_id, p, err);
}

int app_plan_item_update(struct app_ctx *ctx, int64_t item_id, const struct plan_item_input *in,
			 struct plan_item *out, struct kh_error *err)
{
	struct plan p;
	struct plan_item before, it;
	int rc;
	if ((rc = load_item_editable(ctx, item_id, &before, &p, err)))
		return rc;
	it = before;
	if ((rc = apply_item_input(ctx, &p, &it, in, false, err)))
		return rc;
	it.updated_at = ctx->now;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_plan_item_update(ctx->store, &it, err);
	if (!rc)
		rc = link_answer(ctx, &p, &it, err);
	if (!rc)
		rc = app_audit(ctx, "plan.item.update", "plan", p.id, item_text(ctx, &before),
			       item_text(ctx, &it), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return out ? store_plan_item_get(ctx->store, ctx->arena, item_id, ctx->today, out, err) : 0;
}

int app_plan_item_delete(struct app_ctx *ctx, int64_t item_id, struct kh_error *err)
{
	struct plan p;
	struct plan_item it;
	int refs, rc;
	if ((rc = load_item_editable(ctx, item_id, &it, &p, err)))
		return rc;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_plan_item_refs(ctx->store, item_id, &refs, err);
	if (!rc && refs > 0)
		rc = kh_fail(err, KH_ECONFLICT, NULL,
			     "Nội dung này đã có ý kiến góp ý, báo cáo tiến độ hoặc được kế hoạch"
			     " khác cụ thể hóa, kế thừa: không xóa được, hãy sửa nội dung");
	if (!rc)
		rc = store_progress_forget_item(ctx->store, item_id, err);
	if (!rc)
		rc = store_plan_item_delete(ctx->store, item_id, err);
	if (!rc)
		rc = app_audit(ctx, "plan.item.delete", "plan", p.id, item_text(ctx, &it), NULL,
			       err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc)
		store_rollback(ctx->store);
	return rc;
}

int app_plan_item_move(struct app_ctx *ctx, int64_t item_id, int seq, struct kh_error *err)
{
	struct plan p;
	struct plan_item it;
	int n, rc;
	if ((rc = load_item_editable(ctx, item_id, &it, &p, err)))
		return rc;
	if ((rc = store_plan_item_count(ctx->store, p.id, &n, err)))
		return rc;
	if (seq < 1 || seq > n)
		return kh_fail(err, KH_EINVAL, "seq", "Vị trí phải từ 1 đến %d", n);
	if (seq == it.seq)
		return 0;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_plan_item_move(ctx->store, item_id, seq, ctx->now, err);
	if (!rc) {
		json_t *b = json_pack("{s:I, s:i}", "item_id", (json_int_t)item_id, "seq", it.seq);
		json_t *a = json_pack("{s:I, s:i}", "item_id", (json_int_t)item_id, "seq", seq);
		rc = app_audit(ctx, "plan.item.move", "plan", p.id, json_text(ctx, b),
			       json_text(ctx, a), err);
	}
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc)
		store_rollback(ctx->store);
	return rc;
}

int app_plan_item_get(struct app_ctx *ctx, int64_t item_id, struct plan_item *out,
		      struct plan_rights *rights, struct kh_error *err)
{
	struct plan p;
	struct plan_rights r;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	int rc = store_plan_item_get(ctx->store, ctx->arena, item_id, ctx->today, out, err);
	if (rc)
		return rc;
	if ((rc = load_readable(ctx, out->plan_id, &p, &r, err)))
		return rc;
	if (rights)
		*rights = r;
	return 0;
}

/* ---- proposals ---- */

int app_plan_proposal_answer(struct app_ctx *ctx, int64_t item_id, const char *state,
			     const char *note, struct kh_error *err)
{
	struct plan p;
	struct plan_rights r;
	struct plan_item it;
	bool may = false;
	int rc;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = store_plan_item_get(ctx->store, ctx->arena, item_id, ctx->today, &it, err)))
		return rc;
	if ((rc = load_readable(ctx, it.plan_id, &p, &r, err)))
		return rc;
	if (it.kind != PLAN_ITEM_PROPOSAL)
		return kh_fail(err, KH_EINVAL, NULL, "Nội dung này không phải đề xuất, kiến nghị");
	if (p.version == 0)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Kế hoạch chưa gửi đi: đề xuất chưa đến nơi nhận");
	if (!state || (strcmp(state, "accepted") != 0 && strcmp(state, "rejected") != 0))
		return kh_fail(err, KH_EINVAL, "state",
			       "Trả lời đề xuất là accepted (tiếp thu) hoặc rejected (không tiếp"
			       " thu)");
	const char *n = note ? note : "";
	if ((rc = check_text("note", "Giải thích", n, FIELD_MAX, strcmp(state, "rejected") == 0,
			     err)))
		return rc;
	/* The addressee side: whoever acts for the addressee org, or decides
	 * for the owner (the managing or upper committee). */
	may = r.decide || app_sees_all(ctx);
	if (!may && it.addressee_org_id && (rc = acts(ctx, it.addressee_org_id, &may, err)))
		return rc;
	if (!may)
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ nơi nhận đề xuất hoặc cấp ủy quản lý mới trả lời được đề xuất"
			       " này");
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_plan_item_set_proposal(ctx->store, item_id, state, n, ctx->now, err);
	if (!rc) {
		json_t *b = json_pack("{s:I, s:s, s:s}", "item_id", (json_int_t)item_id, "state",
				      nz(it.proposal_state), "note", nz(it.proposal_note));
		json_t *a = json_pack("{s:I, s:s, s:s}", "item_id", (json_int_t)item_id, "state",
				      state, "note", n);
		rc = app_audit(ctx, "plan.proposal.answer", "plan", p.id, json_text(ctx, b),
			       json_text(ctx, a), err);
	}
	if (!rc) {
		struct notification nt = {
			.kind = "proposal_answered",
			.org_id = p.owner_org_id,
			.person_id = p.owner_person_id,
			.plan_id = p.id,
			.text = arena_printf(ctx->arena, "Đề xuất số %d trong kế hoạch “%s” %s",
					     it.seq, p.title,
					     strcmp(state, "accepted") == 0
						     ? "đã được tiếp thu"
						     : "không được tiếp thu (có giải thích)"),
			.link = arena_printf(ctx->arena, "/plans/%lld", (long long)p.id),
		};
		rc = app_notify(ctx, &nt, err);
	}
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc)
		store_rollback(ctx->store);
	return rc;
}

/* ---- the life ---- */

int app_plan_recipients(struct app_ctx *ctx, int64_t id, struct plan_recipient **out, int *n,
			struct kh_error *err)
{
	struct plan p;
	struct plan_rights r;
	int rc;
	*out = NULL;
	*n = 0;
	if ((rc = load_readable(ctx, id, &p, &r, err)))
		return rc;
	return compute_recipients(ctx, &p, out, n, err);
}

/* The JSON text of the plan as it stands in the store now, with items. */
static int snapshot_now(struct app_ctx *ctx, int64_t id, const char **out, struct kh_error *err)
{
	struct plan p;
	struct plan_item *items;
	int n, rc;
	if ((rc = store_plan_get(ctx->store, ctx->arena, id, ctx->today, &p, err)) ||
	    (rc = store_plan_items(ctx->store, ctx->arena, id, ctx->today, &items, &n, err)))
		return rc;
	struct plan_item none; /* "items" is present even when empty */
	*out = json_text(ctx, app_plan_json(&p, n ? items : &none, n));
	if (!*out)
		return kh_fail(err, KH_EINTERNAL, NULL, "Không lập được bản chụp kế hoạch");
	return 0;
}

/* Writes p (status and version already set) and freezes version p->version. */
static int write_and_freeze(struct app_ctx *ctx, const struct plan *p, const char *kind,
			    const char *reason, struct kh_error *err)
{
	struct plan_version_row v = {.plan_id = p->id,
				     .number = p->version,
				     .kind = kind,
				     .reason = reason,
				     .created_at = ctx->now,
				     .created_by = ctx->actor->user_id};
	int rc = store_plan_update(ctx->store, p, err);
	if (!rc)
		rc = snapshot_now(ctx, p->id, &v.snapshot, err);
	if (!rc)
		rc = store_plan_version_insert(ctx->store, &v, err);
	if (!rc)
		rc = reindex(ctx, p->id, err);
	return rc;
}

static int notify_orgs(struct app_ctx *ctx, const struct plan *p, const struct plan_recipient *v,
		       int n, const char *kind, const char *text, struct kh_error *err)
{
	for (int i = 0; i < n; i++) {
		struct notification nt = {
			.kind = kind,
			.org_id = v[i].org_id,
			.plan_id = p->id,
			.text = text,
			.link = arena_printf(ctx->arena, "/plans/%lld", (long long)p->id),
		};
		int rc = app_notify(ctx, &nt, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int require_items(struct app_ctx *ctx, int64_t id, const char *what, struct kh_error *err)
{
	int n, rc = store_plan_item_count(ctx->store, id, &n, err);
	if (rc)
		return rc;
	if (n == 0)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Kế hoạch chưa có nội dung nào: hãy thêm nội dung trước khi %s",
			       what);
	return 0;
}

int app_plan_send(struct app_ctx *ctx, int64_t id, struct plan *out, struct kh_error *err)
{
	struct plan before, p;
	struct plan_recipient *rec;
	int nrec, rc;
	if ((rc = load_owned(ctx, id, &before, err)))
		return rc;
	if (before.status != PLAN_DRAFT && before.status != PLAN_COMMENT)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       before.status == PLAN_CLOSED
				       ? "Kế hoạch đã kết thúc"
				       : "Kế hoạch đã ban hành: không gửi lấy ý kiến lại được; muốn"
					 " thay đổi, hãy mở điều chỉnh, bổ sung (nêu lý do).");
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = require_items(ctx, id, "gửi lấy ý kiến", err);
	if (!rc)
		rc = compute_recipients(ctx, &before, &rec, &nrec, err);
	if (!rc && nrec == 0)
		rc = kh_fail(err, KH_ECONFLICT, NULL,
			     "Không xác định được nơi nhận kế hoạch (cấp ủy cấp trên, cấp ủy quản"
			     " lý, chi bộ nơi sinh hoạt): hãy kiểm tra tổ chức, chức vụ và nơi"
			     " sinh hoạt");
	p = before;
	p.version++;
	p.status = PLAN_COMMENT;
	p.sent_at = ctx->now;
	p.updated_at = ctx->now;
	for (int i = 0; !rc && i < nrec; i++)
		rc = store_plan_recipient_put(ctx->store, id, rec[i].org_id, rec[i].role, ctx->now,
					      err);
	if (!rc)
		rc = write_and_freeze(ctx, &p, "sent", "", err);
	if (!rc)
		rc = app_audit(ctx, "plan.send", "plan", id, plan_text(ctx, &before),
			       plan_text(ctx, &p), err);
	if (!rc) {
		const char *text = arena_printf(
			ctx->arena, "%s gửi kế hoạch “%s” (phiên bản %d) để lấy ý kiến góp ý",
			nz(p.owner_name), p.title, p.version);
		rc = notify_orgs(ctx, &p, rec, nrec, "plan_sent", text, err);
	}
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return out ? store_plan_get(ctx->store, ctx->arena, id, ctx->today, out, err) : 0;
}

static int assigned_orgs(struct app_ctx *ctx, const struct plan *p, const struct plan_item *it,
			 int64_t **out, int *n, struct kh_error *err);

/* An issued plan's items assigned to other orgs (a group lead: every member
 * org) reach each of them: one item_assignments row per org, with the item
 * of that org's plan that already answers it (issue 5). */
static int fan_out(struct app_ctx *ctx, const struct plan *p, struct kh_error *err)
{
	struct plan_item *items;
	struct plan_answer *ans;
	int nitems, nans, rc;
	if ((rc = store_plan_items(ctx->store, ctx->arena, p->id, ctx->today, &items, &nitems,
				   err)) ||
	    (rc = store_plan_answers(ctx->store, ctx->arena, p->id, &ans, &nans, err)))
		return rc;
	for (int i = 0; i < nitems; i++) {
		int64_t *orgs;
		int norgs;
		/* An adjustment may have changed who is assigned: the assignments
		 * not answered are recomputed. */
		if ((rc = assigned_orgs(ctx, p, &items[i], &orgs, &norgs, err)) ||
		    (rc = store_assignments_unanswered_clear(ctx->store, items[i].id, err)))
			return rc;
		for (int k = 0; k < norgs; k++) {
			int64_t answer = 0;
			for (int a = 0; a < nans && !answer; a++)
				if (ans[a].upper_item_id == items[i].id && ans[a].org_id == orgs[k])
					answer = ans[a].item_id;
			if ((rc = store_assignment_put(ctx->store, items[i].id, orgs[k], answer,
						       ctx->now, err)))
				return rc;
		}
	}
	return 0;
}

int app_plan_approve(struct app_ctx *ctx, int64_t id, struct plan *out, struct kh_error *err)
{
	struct plan before, p;
	struct plan_recipient *rec = NULL;
	int nrec = 0, rc;
	if ((rc = load_owned(ctx, id, &before, err)))
		return rc;
	if (!status_editable(before.status))
		return kh_fail(err, KH_ECONFLICT, NULL,
			       before.status == PLAN_CLOSED
				       ? "Kế hoạch đã kết thúc"
				       : "Kế hoạch đã được phê duyệt, ban hành");
	bool adjustment = before.status == PLAN_ADJUSTING;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = require_items(ctx, id, "phê duyệt", err);
	p = before;
	p.version++;
	p.status = PLAN_APPROVED;
	p.updated_at = ctx->now;
	if (!adjustment) {
		p.approved_at = ctx->now;
		p.approved_day = ctx->today;
	}
	p.adjust_reason = "";
	/* A plan approved without being sent gets its recipients now: it is
	 * issued to them. */
	if (!rc)
		rc = recorded_recipients(ctx, &before, &rec, &nrec, err);
	if (!rc && nrec == 0) {
		rc = compute_recipients(ctx, &before, &rec, &nrec, err);
		for (int i = 0; !rc && i < nrec; i++)
			rc = store_plan_recipient_put(ctx->store, id, rec[i].org_id, rec[i].role,
						      ctx->now, err);
	}
	if (!rc)
		rc = write_and_freeze(ctx, &p, adjustment ? "adjustment" : "approved",
				      adjustment ? before.adjust_reason : "", err);
	if (!rc)
		rc = fan_out(ctx, &p, err);
	if (!rc)
		rc = app_audit(ctx, "plan.approve", "plan", id, plan_text(ctx, &before),
			       plan_text(ctx, &p), err);
	if (!rc) {
		const char *text =
			adjustment
				? arena_printf(
					  ctx->arena,
					  "%s điều chỉnh, bổ sung kế hoạch “%s” (phiên bản %d). Lý"
					  " do: %s",
					  nz(p.owner_name), p.title, p.version,
					  trim_line(ctx, before.adjust_reason))
				: arena_printf(ctx->arena,
					       "%s đã phê duyệt, ban hành kế hoạch “%s”",
					       nz(p.owner_name), p.title);
		rc = notify_orgs(ctx, &p, rec, nrec, adjustment ? "adjustment" : "approved", text,
				 err);
	}
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return out ? store_plan_get(ctx->store, ctx->arena, id, ctx->today, out, err) : 0;
}

int app_plan_adjust_open(struct app_ctx *ctx, int64_t id, const char *reason, struct plan *out,
			 struct kh_error *err)
{
	struct plan before, p;
	int rc;
	if ((rc = load_owned(ctx, id, &before, err)))
		return rc;
	if (before.status != PLAN_APPROVED)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       before.status == PLAN_ADJUSTING
				       ? "Kế hoạch đang được điều chỉnh, bổ sung"
				       : "Chỉ điều chỉnh, bổ sung được kế hoạch đã ban hành");
	if ((rc = check_text("reason", "Lý do điều chỉnh, bổ sung", reason, 2000, true, err)))
		return rc;
	p = before;
	p.status = PLAN_ADJUSTING;
	p.adjust_reason = arena_strdup(ctx->arena, reason);
	p.updated_at = ctx->now;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_plan_update(ctx->store, &p, err);
	if (!rc)
		rc = reindex(ctx, id, err);
	if (!rc)
		rc = app_audit(ctx, "plan.adjust", "plan", id, plan_text(ctx, &before),
			       plan_text(ctx, &p), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return out ? store_plan_get(ctx->store, ctx->arena, id, ctx->today, out, err) : 0;
}

/* ---- versions ---- */

static void version_from_row(struct plan_version *v, const struct plan_version_row *r)
{
	v->plan_id = r->plan_id;
	v->number = r->number;
	v->kind = r->kind;
	v->reason = r->reason;
	v->created_at = r->created_at;
	v->created_by = r->created_by;
	v->created_by_name = r->created_by_name;
	v->snapshot = r->snapshot;
}

int app_plan_versions(struct app_ctx *ctx, int64_t id, struct plan_version **out, int *n,
		      struct kh_error *err)
{
	struct plan p;
	struct plan_rights r;
	struct plan_version_row *rows;
	int rc;
	*out = NULL;
	*n = 0;
	if ((rc = load_readable(ctx, id, &p, &r, err)) ||
	    (rc = store_plan_versions(ctx->store, ctx->arena, id, &rows, n, err)))
		return rc;
	*out = arena_alloc(ctx->arena, sizeof(**out) * (size_t)(*n + 1));
	for (int i = 0; i < *n; i++)
		version_from_row(&(*out)[i], &rows[i]);
	return 0;
}

int app_plan_version_get(struct app_ctx *ctx, int64_t id, int number, struct plan_version *out,
			 struct kh_error *err)
{
	struct plan p;
	struct plan_rights r;
	struct plan_version_row row;
	int rc;
	memset(out, 0, sizeof(*out));
	if ((rc = load_readable(ctx, id, &p, &r, err)))
		return rc;
	if (number == 0) {
		out->plan_id = id;
		out->kind = "";
		out->reason = nz(p.adjust_reason);
		out->created_at = ctx->now;
		out->created_by = ctx->actor->user_id;
		out->created_by_name = "";
		return snapshot_now(ctx, id, &out->snapshot, err);
	}
	if (number < 0)
		return kh_fail(err, KH_ENOTFOUND, NULL, "Kế hoạch không có phiên bản %d", number);
	if ((rc = store_plan_version_get(ctx->store, ctx->arena, id, number, &row, err)))
		return rc;
	version_from_row(out, &row);
	return 0;
}

/* ---- the diff ---- */

struct dlist {
	struct plan_diff_line *v;
	int n, cap;
};

static void dl_add(struct app_ctx *ctx, struct dlist *l, const char *change, int64_t item,
		   const char *field, const char *before, const char *after)
{
	if (l->n == l->cap) {
		int ncap = l->cap ? l->cap * 2 : 16;
		struct plan_diff_line *w = arena_alloc(ctx->arena, sizeof(*w) * (size_t)ncap);
		if (l->n)
			memcpy(w, l->v, sizeof(*w) * (size_t)l->n);
		l->v = w;
		l->cap = ncap;
	}
	struct plan_diff_line *d = &l->v[l->n++];
	d->change = change;
	d->item_id = item;
	d->field = field;
	d->before = arena_strdup(ctx->arena, nz(before));
	d->after = arena_strdup(ctx->arena, nz(after));
}

/* The value at a path of one or two keys, as text: strings as they are,
 * numbers in decimal, arrays of numbers joined by ", ", null as "". */
static const char *jtext(struct app_ctx *ctx, json_t *o, const char *k1, const char *k2)
{
	json_t *v = json_object_get(o, k1);
	if (k2)
		v = json_object_get(v, k2);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(ctx->arena, "%lld", (long long)json_integer_value(v));
	if (json_is_array(v)) {
		struct buf b;
		size_t i;
		json_t *e;
		buf_init(&b, 1 << 16);
		json_array_foreach(v, i, e)
		{
			if (i)
				buf_puts(&b, ", ");
			if (json_is_integer(e))
				buf_printf(&b, "%lld", (long long)json_integer_value(e));
		}
		const char *r = arena_strdup(ctx->arena, b.data);
		buf_release(&b);
		return r;
	}
	return "";
}

static int load_snapshot(struct app_ctx *ctx, int64_t id, int number, json_t **out,
			 struct kh_error *err)
{
	struct plan_version v;
	json_error_t je;
	int rc = app_plan_version_get(ctx, id, number, &v, err);
	if (rc)
		return rc;
	*out = json_loads(v.snapshot, 0, &je);
	if (!*out)
		return kh_fail(err, KH_EINTERNAL, NULL, "Bản chụp phiên bản %d bị hỏng", number);
	return 0;
}

static json_t *find_item(json_t *items, json_int_t id)
{
	size_t i;
	json_t *e;
	json_array_foreach(items, i, e)
	{
		if (json_integer_value(json_object_get(e, "id")) == id)
			return e;
	}
	return NULL;
}

static void diff_items(struct app_ctx *ctx, struct dlist *l, json_t *a, json_t *b)
{
	static const struct {
		const char *field, *k1, *k2;
	} fields[] = {
		{"text", "text", NULL},
		{"measures", "measures", NULL},
		{"lead", "lead", "as_written"},
		{"lead.name", "lead", "name"},
		{"deadline", "deadline", "as_written"},
		{"category", "category", NULL},
		{"kind", "kind", NULL},
		{"section", "section", NULL},
		{"coordinators", "coordinators", "as_written"},
		{"coordinator_org_ids", "coordinators", "org_ids"},
		{"resources", "resources", NULL},
		{"serves", "serves", NULL},
	};
	json_t *ia = json_object_get(a, "items"), *ib = json_object_get(b, "items");
	size_t i;
	json_t *e;
	json_array_foreach(ia, i, e)
	{
		json_int_t id = json_integer_value(json_object_get(e, "id"));
		json_t *o = find_item(ib, id);
		if (!o) {
			dl_add(ctx, l, "removed", id, "", jtext(ctx, e, "text", NULL), "");
			continue;
		}
		for (size_t k = 0; k < KH_ARRAY_LEN(fields); k++) {
			const char *x = jtext(ctx, e, fields[k].k1, fields[k].k2);
			const char *y = jtext(ctx, o, fields[k].k1, fields[k].k2);
			if (strcmp(x, y) != 0)
				dl_add(ctx, l, "changed", id, fields[k].field, x, y);
		}
	}
	json_array_foreach(ib, i, e)
	{
		json_int_t id = json_integer_value(json_object_get(e, "id"));
		if (!find_item(ia, id))
			dl_add(ctx, l, "added", id, "", "", jtext(ctx, e, "text", NULL));
	}
}

int app_plan_diff(struct app_ctx *ctx, int64_t id, int a, int b, struct plan_diff_line **out,
		  int *n, struct kh_error *err)
{
	static const char *const plan_fields[] = {"title", "goals", "organization", "form"};
	json_t *ja = NULL, *jb = NULL;
	struct dlist l = {0};
	int rc;
	*out = NULL;
	*n = 0;
	if ((rc = load_snapshot(ctx, id, a, &ja, err)) ||
	    (rc = load_snapshot(ctx, id, b, &jb, err)))
		goto out;
	for (size_t k = 0; k < KH_ARRAY_LEN(plan_fields); k++) {
		const char *x = jtext(ctx, ja, plan_fields[k], NULL);
		const char *y = jtext(ctx, jb, plan_fields[k], NULL);
		if (strcmp(x, y) != 0)
			dl_add(ctx, &l, "changed", 0,
			       arena_printf(ctx->arena, "plan.%s", plan_fields[k]), x, y);
	}
	diff_items(ctx, &l, ja, jb);
	*out = l.v;
	*n = l.n;
out:
	json_decref(ja);
	json_decref(jb);
	return rc;
}

/* ---- the cascade ---- */

/* The orgs an item is assigned to, other than the plan's owner: the lead
 * org, or every current committee and cell under it for a group lead, and
 * the coordinator orgs. */
static int assigned_orgs(struct app_ctx *ctx, const struct plan *p, const struct plan_item *it,
			 int64_t **out, int *n, struct kh_error *err)
{
	int cap = it->n_coordinator_orgs + 2, k = 0, rc;
	struct org *kids = NULL;
	int nkids = 0;
	if (it->lead_group && it->lead_org_id) {
		if ((rc = store_org_children(ctx->store, ctx->arena, it->lead_org_id, ctx->today,
					     &kids, &nkids, err)))
			return rc;
		cap += nkids;
	}
	int64_t *v = arena_alloc(ctx->arena, sizeof(*v) * (size_t)cap);
	int64_t cand_lead = it->lead_group ? 0 : it->lead_org_id;
	int64_t *cand = arena_alloc(ctx->arena, sizeof(*cand) * (size_t)cap);
	int nc = 0;
	if (cand_lead)
		cand[nc++] = cand_lead;
	for (int i = 0; i < nkids; i++)
		if (kids[i].kind == ORG_COMMITTEE || kids[i].kind == ORG_CELL)
			cand[nc++] = kids[i].id;
	for (int i = 0; i < it->n_coordinator_orgs; i++)
		cand[nc++] = it->coordinator_org_ids[i];
	for (int i = 0; i < nc; i++) {
		bool dup = cand[i] == p->owner_org_id;
		for (int j = 0; j < k && !dup; j++)
			dup = v[j] == cand[i];
		if (!dup)
			v[k++] = cand[i];
	}
	*out = v;
	*n = k;
	return 0;
}

int app_plan_cascade(struct app_ctx *ctx, int64_t id, struct plan_cascade_row **out, int *n,
		     struct kh_error *err)
{
	struct plan p;
	struct plan_rights r;
	struct plan_item *items;
	struct plan_answer *ans;
	int nitems, nans, rc;
	*out = NULL;
	*n = 0;
	if ((rc = load_readable(ctx, id, &p, &r, err)) ||
	    (rc = store_plan_items(ctx->store, ctx->arena, id, ctx->today, &items, &nitems, err)) ||
	    (rc = store_plan_answers(ctx->store, ctx->arena, id, &ans, &nans, err)))
		return rc;
	struct plan_cascade_row *rows =
		arena_alloc(ctx->arena, sizeof(*rows) * (size_t)(nitems + 1));
	int count = 0;
	for (int i = 0; i < nitems; i++) {
		int64_t *orgs;
		int norgs;
		if ((rc = assigned_orgs(ctx, &p, &items[i], &orgs, &norgs, err)))
			return rc;
		if (norgs == 0)
			continue;
		struct plan_cascade_row *row = &rows[count++];
		row->item = items[i];
		row->orgs = arena_alloc(ctx->arena, sizeof(*row->orgs) * (size_t)norgs);
		row->n_orgs = norgs;
		for (int k = 0; k < norgs; k++) {
			struct plan_cascade_org *o = &row->orgs[k];
			o->org_id = orgs[k];
			if ((rc = store_org_name_near(ctx->store, ctx->arena, orgs[k], ctx->today,
						      &o->org_name, err)))
				return rc;
			for (int a = 0; a < nans && !o->answer_item_id; a++)
				if (ans[a].upper_item_id == items[i].id &&
				    ans[a].org_id == orgs[k]) {
					o->answer_item_id = ans[a].item_id;
					o->answer_plan_id = ans[a].plan_id;
				}
			if (o->answer_item_id)
				row->n_answered++;
		}
	}
	*out = rows;
	*n = count;
	return 0;
}
