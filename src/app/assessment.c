/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The year-end self-assessment of a plan (see app/assessment.h): the view
 * with every item's rating (stored, or pre-filled from the progress), the
 * texts and the remedies; saving and submitting by the owner side of an
 * issued plan; carrying the remedies into next year's plan as its items
 * (through app_plan_item_create, so the plan's editing rules hold); the
 * remedies that did not make it.
 */
#include "core/common.h"
#include "app/assessment.h"
#include "store/assessment.h"
#include "store/plan.h"

#include <string.h>

#define TEXT_MAX_BYTES (PLAN_TEXT_MAX * 4)

static const char *nz(const char *s)
{
	return s ? s : "";
}

bool assessment_rating_valid(const char *rating)
{
	return rating && (strcmp(rating, "done") == 0 || strcmp(rating, "partly") == 0 ||
			  strcmp(rating, "not_done") == 0);
}

const char *assessment_rating_label(const char *rating)
{
	if (!rating)
		return "";
	if (strcmp(rating, "done") == 0)
		return "Hoàn thành";
	if (strcmp(rating, "partly") == 0)
		return "Hoàn thành một phần";
	if (strcmp(rating, "not_done") == 0)
		return "Chưa hoàn thành";
	return "";
}

static const char *prefill(const char *progress_state)
{
	if (progress_state && strcmp(progress_state, "done") == 0)
		return "done";
	if (progress_state && strcmp(progress_state, "in_progress") == 0)
		return "partly";
	return "not_done";
}

static bool issued(enum plan_status st)
{
	return st == PLAN_APPROVED || st == PLAN_ADJUSTING || st == PLAN_CLOSED;
}

/* Loads everything but the rights check beyond read. */
static int load(struct app_ctx *ctx, int64_t plan_id, struct assessment_view *v,
		struct kh_error *err)
{
	struct store_assessment a;
	struct store_assessment_rating *r;
	struct store_remedy *m;
	struct plan_item *items;
	int nr, nm, n, rc;

	memset(v, 0, sizeof(*v));
	if ((rc = app_plan_rights(ctx, plan_id, &v->plan, &v->rights, err)))
		return rc;
	if (!v->rights.read)
		return kh_fail(err, KH_EFORBIDDEN, NULL, "Bạn không có quyền xem kế hoạch này");
	if ((rc = store_assessment_get(ctx->store, ctx->arena, plan_id, &a, err)))
		return rc;
	v->id = a.id;
	v->status = a.status;
	v->summary = a.summary;
	v->shortcomings = a.shortcomings;
	v->causes = a.causes;
	v->created_at = a.created_at;
	v->updated_at = a.updated_at;
	v->submitted_at = a.submitted_at;
	v->issued = issued(v->plan.status);
	bool submitted = strcmp(a.status, "submitted") == 0;
	v->can_edit = v->rights.own && v->issued && !submitted;

	if ((rc = store_plan_items(ctx->store, ctx->arena, plan_id, ctx->today, &items, &n, err)))
		return rc;
	r = NULL;
	nr = 0;
	if (a.id && (rc = store_assessment_ratings(ctx->store, ctx->arena, a.id, &r, &nr, err)))
		return rc;
	v->items = arena_alloc(ctx->arena, sizeof(*v->items) * (size_t)(n + 1));
	v->n_items = n;
	for (int i = 0; i < n; i++) {
		struct assessment_item *it = &v->items[i];
		it->item_id = items[i].id;
		it->seq = items[i].seq;
		it->section = nz(items[i].section);
		it->text = nz(items[i].text);
		it->progress_state = nz(items[i].progress_state);
		it->rating = prefill(items[i].progress_state);
		it->note = "";
		for (int k = 0; k < nr; k++)
			if (r[k].item_id == it->item_id) {
				it->rating = r[k].rating;
				it->note = r[k].note;
				it->stored = true;
				break;
			}
		if (strcmp(it->rating, "done") == 0)
			v->n_done++;
		else if (strcmp(it->rating, "partly") == 0)
			v->n_partly++;
		else
			v->n_not_done++;
	}

	m = NULL;
	nm = 0;
	if (a.id && (rc = store_assessment_remedies(ctx->store, ctx->arena, a.id, &m, &nm, err)))
		return rc;
	v->remedies = arena_alloc(ctx->arena, sizeof(*v->remedies) * (size_t)(nm + 1));
	v->n_remedies = nm;
	for (int i = 0; i < nm; i++) {
		v->remedies[i] = (struct assessment_remedy){
			m[i].id, m[i].seq, m[i].text, m[i].carried_item_id, m[i].carried_plan_id};
		if (!m[i].carried_item_id)
			v->n_not_carried++;
	}

	v->next_year = v->plan.year_to + 1;
	v->next_plan_title = "";
	if ((rc = store_plan_find_owner(ctx->store, v->plan.owner_org_id, v->plan.owner_person_id,
					PLAN_SCOPE_YEAR, v->next_year, false, &v->next_plan_id,
					err)))
		return rc;
	if (v->next_plan_id) {
		struct plan next;
		struct plan_rights nr_;
		if ((rc = app_plan_rights(ctx, v->next_plan_id, &next, &nr_, err)))
			return rc;
		v->next_plan_title = next.title;
		v->can_carry = v->rights.own && submitted && nr_.edit && v->n_not_carried > 0;
	}
	return 0;
}

int app_assessment_get(struct app_ctx *ctx, int64_t plan_id, struct assessment_view *out,
		       struct kh_error *err)
{
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	return load(ctx, plan_id, out, err);
}

/* The view, when the actor may write the assessment now. */
static int load_writable(struct app_ctx *ctx, int64_t plan_id, struct assessment_view *v,
			 struct kh_error *err)
{
	int rc = app_assessment_get(ctx, plan_id, v, err);
	if (rc)
		return rc;
	if (!v->rights.own)
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ chủ kế hoạch mới tự đánh giá kết quả thực hiện kế hoạch");
	if (!v->issued)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Kế hoạch chưa được phê duyệt, ban hành: chưa tự đánh giá được");
	if (strcmp(v->status, "submitted") == 0)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Bản tự đánh giá đã gửi, không sửa được nữa");
	return 0;
}

static int check_text(const char *field, const char *label, const char *s, struct kh_error *err)
{
	if (s && strlen(s) > TEXT_MAX_BYTES)
		return kh_fail(err, KH_EINVAL, field, "%s quá dài", label);
	return 0;
}

static int validate(struct app_ctx *ctx, const struct assessment_view *v,
		    const struct assessment_input *in, const char ***remedies, int *n_remedies,
		    struct kh_error *err)
{
	int rc;
	if ((rc = check_text("summary", "Đánh giá chung", in->summary, err)) ||
	    (rc = check_text("shortcomings", "Hạn chế, khuyết điểm", in->shortcomings, err)) ||
	    (rc = check_text("causes", "Nguyên nhân chủ quan", in->causes, err)))
		return rc;
	for (int i = 0; i < in->n_ratings; i++) {
		const struct assessment_rating_input *ri = &in->ratings[i];
		if (!assessment_rating_valid(ri->rating))
			return kh_fail(err, KH_EINVAL, "rating",
				       "Mức đánh giá phải là «done» (hoàn thành), «partly» (hoàn"
				       " thành một phần) hoặc «not_done» (chưa hoàn thành)");
		bool found = false;
		for (int k = 0; k < v->n_items && !found; k++)
			found = v->items[k].item_id == ri->item_id;
		if (!found)
			return kh_fail(err, KH_EINVAL, "item_id",
				       "Nội dung số %lld không thuộc kế hoạch này",
				       (long long)ri->item_id);
		if ((rc = check_text("note", "Ghi chú", ri->note, err)))
			return rc;
	}
	*remedies = NULL;
	*n_remedies = 0;
	if (!in->set_remedies)
		return 0;
	const char **out = arena_alloc(ctx->arena, sizeof(*out) * (size_t)(in->n_remedies + 1));
	int n = 0;
	for (int i = 0; i < in->n_remedies; i++) {
		const char *s = nz(in->remedies[i]);
		while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		size_t len = strlen(s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
			       s[len - 1] == '\n'))
			len--;
		if (!len)
			continue;
		if (len > ASSESSMENT_REMEDY_MAX * 4)
			return kh_fail(err, KH_EINVAL, "remedies", "Biện pháp thứ %d quá dài",
				       i + 1);
		char *t = arena_alloc(ctx->arena, len + 1);
		memcpy(t, s, len);
		t[len] = '\0';
		out[n++] = t;
	}
	if (n > ASSESSMENT_REMEDIES_MAX)
		return kh_fail(err, KH_EINVAL, "remedies", "Nhiều nhất %d biện pháp",
			       ASSESSMENT_REMEDIES_MAX);
	*remedies = out;
	*n_remedies = n;
	return 0;
}

static char *view_json_text(const struct assessment_view *v)
{
	json_t *j = app_assessment_json(v);
	char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	return s;
}

/* Writes the texts, every item's rating and (when set) the remedies; status
 * "submitted" when submit. Inside a transaction. */
static int write(struct app_ctx *ctx, struct assessment_view *v, const struct assessment_input *in,
		 const char **remedies, int n_remedies, bool submit, struct kh_error *err)
{
	struct store_assessment a = {
		.id = v->id,
		.plan_id = v->plan.id,
		.status = submit ? "submitted" : "draft",
		.summary = in && in->summary ? in->summary : v->summary,
		.shortcomings = in && in->shortcomings ? in->shortcomings : v->shortcomings,
		.causes = in && in->causes ? in->causes : v->causes,
		.created_by = ctx->actor->user_id,
		.created_at = v->id ? v->created_at : ctx->now,
		.updated_at = ctx->now,
		.submitted_by = submit ? ctx->actor->user_id : 0,
		.submitted_at = submit ? ctx->now : 0,
	};
	int64_t id;
	int rc = store_assessment_put(ctx->store, &a, &id, err);
	for (int i = 0; !rc && i < v->n_items; i++) {
		struct store_assessment_rating r = {v->items[i].item_id, v->items[i].rating,
						    v->items[i].note};
		for (int k = 0; in && k < in->n_ratings; k++)
			if (in->ratings[k].item_id == r.item_id) {
				r.rating = in->ratings[k].rating;
				if (in->ratings[k].note)
					r.note = in->ratings[k].note;
			}
		rc = store_assessment_rating_put(ctx->store, id, &r, err);
	}
	if (!rc && in && in->set_remedies)
		rc = store_assessment_remedies_set(ctx->store, id, remedies, n_remedies, err);
	return rc;
}

static int save(struct app_ctx *ctx, int64_t plan_id, const struct assessment_input *in,
		bool submit, struct kh_error *err)
{
	struct assessment_view v, after;
	const char **remedies = NULL;
	char *before = NULL, *now = NULL;
	int n_remedies = 0, rc;
	/* Read and checked inside the write transaction: two first saves at
	 * once do not both insert. */
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	if ((rc = load_writable(ctx, plan_id, &v, err)))
		goto out;
	if (in && (rc = validate(ctx, &v, in, &remedies, &n_remedies, err)))
		goto out;
	before = v.id ? view_json_text(&v) : NULL;
	if ((rc = write(ctx, &v, in, remedies, n_remedies, submit, err)) ||
	    (rc = load(ctx, plan_id, &after, err)))
		goto out;
	now = view_json_text(&after);
	if ((rc = app_audit(ctx, submit ? "assessment.submit" : "assessment.save", "plan", plan_id,
			    before, now, err)))
		goto out;
	rc = store_commit(ctx->store, err);
out:
	if (rc)
		store_rollback(ctx->store);
	free(before);
	free(now);
	return rc;
}

int app_assessment_save(struct app_ctx *ctx, int64_t plan_id, const struct assessment_input *in,
			struct kh_error *err)
{
	return save(ctx, plan_id, in, false, err);
}

int app_assessment_submit(struct app_ctx *ctx, int64_t plan_id, const struct assessment_input *in,
			  struct kh_error *err)
{
	return save(ctx, plan_id, in, true, err);
}

/* Creates next_plan's items for the remedies not carried; inside a
 * transaction. */
static int carry_remedies(struct app_ctx *ctx, const struct assessment_view *v,
			  int64_t next_plan_id, int *n, struct kh_error *err)
{
	int rc = 0;
	const char *section =
		arena_printf(ctx->arena, "Khắc phục hạn chế, khuyết điểm năm %d", v->plan.year_to);
	for (int i = 0; !rc && i < v->n_remedies; i++) {
		if (v->remedies[i].carried_item_id)
			continue;
		struct plan_item_input it = {0};
		struct plan_item made;
		it.section = section;
		it.text = v->remedies[i].text;
		it.kind = "task";
		it.category = "year";
		rc = app_plan_item_create(ctx, next_plan_id, &it, &made, err);
		if (!rc)
			rc = store_assessment_remedy_carried(ctx->store, v->remedies[i].id, made.id,
							     ctx->now, err);
		if (!rc && n)
			(*n)++;
	}
	return rc;
}

int app_assessment_carry(struct app_ctx *ctx, int64_t plan_id, int *n, struct kh_error *err)
{
	struct assessment_view v, after;
	struct kh_error e2;
	char *now = NULL;
	int rc, count = 0;
	if (n)
		*n = 0;
	/* Read inside the write transaction: a remedy is carried once. */
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	if ((rc = app_assessment_get(ctx, plan_id, &v, err)))
		goto out;
	if (!v.rights.own) {
		rc = kh_fail(err, KH_EFORBIDDEN, NULL,
			     "Chỉ chủ kế hoạch mới đưa biện pháp vào kế hoạch năm sau");
		goto out;
	}
	if (strcmp(v.status, "submitted") != 0) {
		rc = kh_fail(err, KH_ECONFLICT, NULL,
			     "Hãy gửi bản tự đánh giá trước khi đưa biện pháp khắc phục vào kế"
			     " hoạch năm sau");
		goto out;
	}
	if (!v.next_plan_id) {
		rc = kh_fail(err, KH_ECONFLICT, NULL,
			     "Chưa có kế hoạch năm %d của %s: hãy lập kế hoạch năm sau trước",
			     v.next_year, nz(v.plan.owner_name));
		goto out;
	}
	kh_error_clear(&e2);
	if ((rc = app_plan_require_editable(ctx, v.next_plan_id, &e2))) {
		rc = kh_fail(err, rc == KH_EFORBIDDEN ? KH_EFORBIDDEN : KH_ECONFLICT, NULL,
			     "Không đưa được biện pháp vào kế hoạch năm %d “%s”: %s", v.next_year,
			     v.next_plan_title, e2.message);
		goto out;
	}
	if ((rc = carry_remedies(ctx, &v, v.next_plan_id, &count, err)) ||
	    (rc = load(ctx, plan_id, &after, err)))
		goto out;
	now = view_json_text(&after);
	if ((rc = app_audit(ctx, "assessment.carry", "plan", plan_id, NULL, now, err)))
		goto out;
	rc = store_commit(ctx->store, err);
out:
	if (rc)
		store_rollback(ctx->store);
	free(now);
	if (!rc && n)
		*n = count;
	return rc;
}

/* The owner's previous year plan of a year plan; 0 when none. */
static int previous_plan(struct app_ctx *ctx, const struct plan *p, int64_t *prev,
			 struct kh_error *err)
{
	*prev = 0;
	if (p->scope != PLAN_SCOPE_YEAR)
		return 0;
	int rc = store_plan_find_owner(ctx->store, p->owner_org_id, p->owner_person_id,
				       PLAN_SCOPE_YEAR, p->year_from - 1, false, prev, err);
	if (!rc && *prev == p->id)
		*prev = 0;
	return rc;
}

int app_assessment_not_carried_into(struct app_ctx *ctx, int64_t plan_id,
				    struct assessment_remedy **out, int *n, int64_t *from_plan_id,
				    struct kh_error *err)
{
	struct plan p;
	struct plan_rights r;
	struct assessment_view v;
	int64_t prev;
	int rc;
	*out = NULL;
	*n = 0;
	*from_plan_id = 0;
	if ((rc = app_plan_rights(ctx, plan_id, &p, &r, err)))
		return rc;
	if (!r.read)
		return kh_fail(err, KH_EFORBIDDEN, NULL, "Bạn không có quyền xem kế hoạch này");
	if ((rc = previous_plan(ctx, &p, &prev, err)) || !prev)
		return rc;
	struct plan_rights pr;
	if ((rc = app_plan_rights(ctx, prev, NULL, &pr, err)))
		return rc;
	if (!pr.read)
		return 0;
	if ((rc = load(ctx, prev, &v, err)))
		return rc;
	*from_plan_id = prev;
	if (strcmp(v.status, "submitted") != 0)
		return 0;
	struct assessment_remedy *m =
		arena_alloc(ctx->arena, sizeof(*m) * (size_t)(v.n_remedies + 1));
	int k = 0;
	for (int i = 0; i < v.n_remedies; i++)
		if (!v.remedies[i].carried_item_id)
			m[k++] = v.remedies[i];
	*out = m;
	*n = k;
	return 0;
}

int app_assessment_carry_into_new(struct app_ctx *ctx, int64_t plan_id, struct kh_error *err)
{
	struct plan p;
	struct assessment_view v;
	int64_t prev;
	int rc;
	if ((rc = store_plan_get(ctx->store, ctx->arena, plan_id, ctx->today, &p, err)) ||
	    (rc = previous_plan(ctx, &p, &prev, err)) || !prev)
		return rc;
	if ((rc = load(ctx, prev, &v, err)))
		return rc == KH_EFORBIDDEN ? 0 : rc;
	if (strcmp(v.status, "submitted") != 0)
		return 0;
	return carry_remedies(ctx, &v, plan_id, NULL, err);
}

json_t *app_assessment_json(const struct assessment_view *v)
{
	json_t *items = json_array(), *remedies = json_array(), *not_carried = json_array();
	for (int i = 0; i < v->n_items; i++) {
		const struct assessment_item *it = &v->items[i];
		json_array_append_new(
			items,
			json_pack("{s:I, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "item_id",
				  (json_int_t)it->item_id, "seq", it->seq, "section", it->section,
				  "text", it->text, "progress_state", it->progress_state, "rating",
				  it->rating, "rating_label", assessment_rating_label(it->rating),
				  "note", it->note, "stored", it->stored));
	}
	for (int i = 0; i < v->n_remedies; i++) {
		const struct assessment_remedy *m = &v->remedies[i];
		json_t *o = json_pack("{s:I, s:i, s:s, s:b}", "id", (json_int_t)m->id, "seq",
				      m->seq, "text", m->text, "carried", m->carried_item_id != 0);
		json_object_set_new(o, "carried_item_id",
				    m->carried_item_id
					    ? json_integer((json_int_t)m->carried_item_id)
					    : json_null());
		json_object_set_new(o, "carried_plan_id",
				    m->carried_plan_id
					    ? json_integer((json_int_t)m->carried_plan_id)
					    : json_null());
		json_array_append(remedies, o);
		if (!m->carried_item_id)
			json_array_append(not_carried, o);
		json_decref(o);
	}
	json_t *j =
		json_pack("{s:I, s:s, s:i, s:s, s:s, s:s, s:s}", "plan_id", (json_int_t)v->plan.id,
			  "plan_title", nz(v->plan.title), "year", v->plan.year_to, "status",
			  v->id ? v->status : "none", "summary", nz(v->summary), "shortcomings",
			  nz(v->shortcomings), "causes", nz(v->causes));
	json_object_set_new(j, "counts",
			    json_pack("{s:i, s:i, s:i}", "done", v->n_done, "partly", v->n_partly,
				      "not_done", v->n_not_done));
	json_object_set_new(j, "items", items);
	json_object_set_new(j, "remedies", remedies);
	json_object_set_new(j, "not_carried", not_carried);
	json_object_set_new(j, "next_year", json_integer(v->next_year));
	json_object_set_new(j, "next_plan_id",
			    v->next_plan_id ? json_integer((json_int_t)v->next_plan_id)
					    : json_null());
	json_object_set_new(j, "submitted_at",
			    v->submitted_at ? json_integer((json_int_t)v->submitted_at)
					    : json_null());
	json_object_set_new(j, "can_edit", json_boolean(v->can_edit));
	json_object_set_new(j, "can_carry", json_boolean(v->can_carry));
	return j;
}
