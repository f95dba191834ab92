/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The quality check of a plan and the compliance of a subtree (app/check.h).
 *
 * The check looks at the items of kind task and key project (proposals and
 * indicators are neither led nor scheduled like tasks, and an indicator is
 * its own measure) and reports, in item order:
 *  - no_lead: no lead org, lead person or lead as written. An individual
 *    plan's items are led by the head themself, so they are reported only
 *    when a coordination item names nobody to coordinate with;
 *  - no_deadline: the deadline is "none" (nothing written, or words the
 *    deadline parser did not understand — then the message quotes them);
 *  - no_measure: the measures are empty AND the text says nothing concrete
 *    — no number (a date, a count, a document number) and no capitalized
 *    word past a sentence's first (a named body, document or place; the
 *    words always capitalized in generic phrases — Đảng, Nhà nước, Nhân
 *    dân, Tổ quốc, Hồ Chí Minh… — do not count) — AND it is either short
 *    (under CHECK_SHORT_WORDS words) or opens with a generic verb phrase
 *    ("tăng cường", "nâng cao", "đẩy mạnh", "tiếp tục"…);
 *  - repeats_upper: the text scores at least SIMILAR_THRESHOLD against an
 *    item of the upper plan (the best match is reported). An item copied by
 *    the cascade (upper_item_id set) implements the upper item on purpose:
 *    it is reported only when its measures are empty and it scores at least
 *    CHECK_COPY_THRESHOLD — copied without being made concrete;
 *  - repeats_own: the same against the items of the owner's other plans,
 *    except the item it was carried over from or to (carried_from_id).
 * Signatures are built once per item; the pairs are items × (upper items +
 * the owner's other items), a few hundred thousand at most.
 *
 * Compliance, as of ctx->today, for a year: a head must have an individual
 * plan of scope "year" for that year, and a committee or cell a collective
 * one — a term plan does not count, since seed 000 asks for a plan every
 * year ("hằng năm … xây dựng, bổ sung … kế hoạch thực hiện cụ thể cho năm
 * tiếp theo"), made after the year-end review and finished by 31 March.
 * The plans looked at are those covering the year whose owner is an org of
 * the subtree or a head of one; the year plans among them are late when
 * approved after 31 March, or not approved when today is past it; any of
 * them with a comment or request not answered is waiting.
 */
#include "core/common.h"
#include "app/check.h"
#include "app/plan.h"
#include "core/date.h"
#include "store/check.h"
#include "store/org.h"
#include "text/fold.h"
#include "text/similar.h"

#include <string.h>
#include <utf8proc.h>

#define CHECK_SHORT_WORDS 12
#define CHECK_COPY_THRESHOLD 0.95

static const char *nz(const char *s)
{
	return s ? s : "";
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* ---- concreteness ---- */

/* Capitalized words that generic phrases carry anyway (folded). */
static const char *const ALWAYS_CAPITAL[] = {
	"dang", "nha", "nuoc", "nhan", "dan",  "to",  "quoc",
	"ho",	"chi", "minh", "bac",  "viet", "nam",
};

/* Verb phrases that open generic items (folded), each followed by a space
 * or the end. */
static const char *const GENERIC_OPENERS[] = {
	"tang cuong", "nang cao",   "day manh",	 "tiep tuc", "thuc hien tot", "lam tot",
	"quan triet", "doi moi",    "phat huy",	 "cung co",  "chu trong",     "quan tam",
	"tich cuc",   "nghiem tuc", "ren luyen", "tu duong", "gop phan",      "thuong xuyen",
};

static bool always_capital(const char *word, size_t len)
{
	char buf[64];
	if (len >= sizeof(buf))
		return false;
	memcpy(buf, word, len);
	buf[len] = '\0';
	char *f = text_fold(buf);
	bool yes = false;
	for (size_t i = 0; f && i < KH_ARRAY_LEN(ALWAYS_CAPITAL) && !yes; i++)
		yes = strcmp(f, ALWAYS_CAPITAL[i]) == 0;
	free(f);
	return yes;
}

/* A number, or a capitalized word that does not open a sentence. */
static bool says_something_concrete(const char *text)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	bool sentence_start = true;
	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
		if (k <= 0)
			return false;
		utf8proc_category_t cat = utf8proc_category(c);
		bool word_char = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO);
		if (!word_char) {
			if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n')
				sentence_start = true;
			p += k;
			continue;
		}
		/* A word: [p, q). */
		const utf8proc_uint8_t *q = p;
		bool digit = false, upper = utf8proc_isupper(c);
		while (*q) {
			utf8proc_int32_t d;
			utf8proc_ssize_t m = utf8proc_iterate(q, -1, &d);
			if (m <= 0)
				break;
			utf8proc_category_t dc = utf8proc_category(d);
			if (!(dc >= UTF8PROC_CATEGORY_LU && dc <= UTF8PROC_CATEGORY_NO))
				break;
			if (dc == UTF8PROC_CATEGORY_ND)
				digit = true;
			q += m;
		}
		if (digit)
			return true;
		if (upper && !sentence_start && !always_capital((const char *)p, (size_t)(q - p)))
			return true;
		sentence_start = false;
		p = q;
	}
	return false;
}

static int word_count(const char *folded)
{
	int n = *folded ? 1 : 0;
	for (const char *s = folded; *s; s++)
		n += *s == ' ';
	return n;
}

static bool generic_opener(const char *folded)
{
	for (size_t i = 0; i < KH_ARRAY_LEN(GENERIC_OPENERS); i++) {
		size_t n = strlen(GENERIC_OPENERS[i]);
		if (strncmp(folded, GENERIC_OPENERS[i], n) == 0 &&
		    (folded[n] == ' ' || folded[n] == '\0'))
			return true;
	}
	return false;
}

/* The no_measure rule (see the top of this file). */
static bool lacks_measure(const struct check_item *it)
{
	if (!blank(it->measures) || says_something_concrete(it->text))
		return false;
	char *folded = text_fold(it->text);
	bool lacks = !folded || word_count(folded) < CHECK_SHORT_WORDS || generic_opener(folded);
	free(folded);
	return lacks;
}

/* ---- the check ---- */

static bool checked_kind(const struct check_item *it)
{
	return it->kind == PLAN_ITEM_TASK || it->kind == PLAN_ITEM_KEY_PROJECT;
}

struct findings {
	struct app_ctx *ctx;
	struct check_finding *v;
	int n, cap;
};

static struct check_finding *add(struct findings *fs, const struct check_item *it, const char *code,
				 const char *message)
{
	if (fs->n == fs->cap) {
		int ncap = fs->cap ? fs->cap * 2 : 32;
		struct check_finding *w =
			arena_alloc(fs->ctx->arena, xmul((size_t)ncap, sizeof(*w)));
		if (fs->n)
			memcpy(w, fs->v, xmul((size_t)fs->n, sizeof(*w)));
		fs->v = w;
		fs->cap = ncap;
	}
	struct check_finding *f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->code = code;
	f->message = message;
	f->item_id = it->id;
	f->item_seq = it->seq;
	f->item_text = it->text;
	f->other_text = "";
	f->other_plan_title = "";
	return f;
}

/* The other side of a comparison: items with their signatures. */
struct side {
	struct check_item *items;
	struct similar_sig *sigs; /* NULL entries (h == NULL, n == 0) for items not compared */
	bool *use;
	int n;
};

static void side_init(struct side *sd, struct check_item *items, int n)
{
	sd->items = items;
	sd->n = n;
	sd->sigs = xcalloc((size_t)(n ? n : 1), sizeof(*sd->sigs));
	sd->use = xcalloc((size_t)(n ? n : 1), sizeof(*sd->use));
}

static void side_use(struct side *sd, int i)
{
	similar_sig_init(&sd->sigs[i], sd->items[i].text);
	sd->use[i] = true;
}

static void side_release(struct side *sd)
{
	for (int i = 0; sd->sigs && i < sd->n; i++)
		if (sd->use[i])
			similar_sig_release(&sd->sigs[i]);
	free(sd->sigs);
	free(sd->use);
	sd->sigs = NULL;
	sd->use = NULL;
}

/* The best match of sig in sd (skipping pairs related by carry-over when
 * own); -1 when none reaches threshold. */
static int best_match(const struct side *sd, const struct check_item *it,
		      const struct similar_sig *sig, double threshold, bool own, double *score)
{
	int best = -1;
	*score = 0;
	for (int j = 0; j < sd->n; j++) {
		if (!sd->use[j])
			continue;
		const struct check_item *o = &sd->items[j];
		if (own && (it->carried_from_id == o->id || o->carried_from_id == it->id))
			continue;
		double s = similar_score(sig, &sd->sigs[j]);
		if (s >= threshold && s > *score) {
			*score = s;
			best = j;
		}
	}
	return best;
}

static int percent(double score)
{
	return (int)(score * 100.0 + 0.5);
}

/* Plans of the owner's other items the actor may read: marks the rest unused. */
static void drop_unreadable(struct app_ctx *ctx, struct side *own)
{
	int64_t last = 0;
	bool readable = false;
	for (int i = 0; i < own->n; i++) {
		int64_t pid = own->items[i].plan_id;
		if (pid != last) {
			struct plan p;
			struct plan_rights r;
			struct kh_error e;
			last = pid;
			readable = app_plan_rights(ctx, pid, &p, &r, &e) == 0 && r.read;
		}
		if (!readable && own->use[i]) {
			similar_sig_release(&own->sigs[i]);
			own->use[i] = false;
		}
	}
}

int app_plan_check(struct app_ctx *ctx, int64_t plan_id, struct check_report *out,
		   struct kh_error *err)
{
	struct plan plan, upper;
	struct plan_rights rights, upper_rights;
	struct check_item *items = NULL, *up_items = NULL, *own_items = NULL;
	int n = 0, n_up = 0, n_own = 0, rc;
	struct side up = {0}, own = {0};
	struct similar_sig *sigs = NULL;
	bool *sig_used = NULL;
	struct findings fs = {.ctx = ctx};
	const char *upper_title = "";
	bool upper_readable = false, began = false;

	memset(out, 0, sizeof(*out));
	out->plan_id = plan_id;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = app_plan_rights(ctx, plan_id, &plan, &rights, err)))
		return rc;
	if (!rights.read)
		return kh_fail(err, KH_EFORBIDDEN, NULL, "Bạn không có quyền xem kế hoạch này");
	if ((rc = store_begin(ctx->store, false, err)))
		return rc;
	began = true;
	if ((rc = store_check_items(ctx->store, ctx->arena, plan_id, &items, &n, err)))
		goto out;
	if (plan.upper_plan_id) {
		struct kh_error e;
		if ((rc = store_check_items(ctx->store, ctx->arena, plan.upper_plan_id, &up_items,
					    &n_up, err)))
			goto out;
		upper_readable =
			app_plan_rights(ctx, plan.upper_plan_id, &upper, &upper_rights, &e) == 0 &&
			upper_rights.read;
		upper_title = upper_readable ? upper.title : "";
	}
	if ((rc = store_check_owner_items(ctx->store, ctx->arena, plan_id, plan.owner_org_id,
					  plan.owner_person_id, &own_items, &n_own, err)))
		goto out;

	side_init(&up, up_items, n_up);
	for (int j = 0; j < n_up; j++)
		if (checked_kind(&up_items[j]))
			side_use(&up, j);
	side_init(&own, own_items, n_own);
	for (int j = 0; j < n_own; j++)
		if (checked_kind(&own_items[j]))
			side_use(&own, j);
	drop_unreadable(ctx, &own);
	sigs = xcalloc((size_t)(n ? n : 1), sizeof(*sigs));
	sig_used = xcalloc((size_t)(n ? n : 1), sizeof(*sig_used));

	bool individual = plan.owner_person_id != 0;
	for (int i = 0; i < n; i++) {
		const struct check_item *it = &items[i];
		if (!checked_kind(it))
			continue;
		bool has_lead = it->lead_org_id || it->lead_person_id || !blank(it->lead_text);
		if (individual) {
			if (it->category == PLAN_CATEGORY_COORDINATION &&
			    blank(it->coordinate_with))
				add(&fs, it, CHECK_NO_LEAD,
				    "Chưa nêu cá nhân, cơ quan, đơn vị phối hợp");
		} else if (!has_lead) {
			add(&fs, it, CHECK_NO_LEAD, "Chưa xác định đơn vị, người chủ trì");
		}
		if (!*it->deadline_kind || strcmp(it->deadline_kind, "none") == 0)
			add(&fs, it, CHECK_NO_DEADLINE,
			    blank(it->deadline_text)
				    ? "Chưa có thời gian hoàn thành"
				    : arena_printf(ctx->arena,
						   "Thời gian hoàn thành chưa cụ thể («%s»)",
						   it->deadline_text));
		if (lacks_measure(it))
			add(&fs, it, CHECK_NO_MEASURE, "Chưa có biện pháp cụ thể");

		similar_sig_init(&sigs[i], it->text);
		sig_used[i] = true;
		double score;
		bool copy = it->upper_item_id != 0;
		int j = -1;
		if (!copy || blank(it->measures))
			j = best_match(&up, it, &sigs[i],
				       copy ? CHECK_COPY_THRESHOLD : SIMILAR_THRESHOLD, false,
				       &score);
		if (j >= 0) {
			const struct check_item *o = &up_items[j];
			const char *where = upper_readable
						    ? arena_printf(ctx->arena, " «%s»", upper_title)
						    : "";
			struct check_finding *f = add(
				&fs, it, CHECK_REPEATS_UPPER,
				copy ? arena_printf(
					       ctx->arena,
					       "Sao chép nội dung số %d của kế hoạch cấp trên%s"
					       " mà chưa cụ thể hóa thành biện pháp của cấp mình"
					       " (giống %d%%)",
					       o->seq, where, percent(score))
				     : arena_printf(
					       ctx->arena,
					       "Gần như lặp lại nội dung số %d của kế hoạch cấp"
					       " trên%s (giống %d%%)",
					       o->seq, where, percent(score)));
			f->other_item_id = o->id;
			f->other_plan_id = o->plan_id;
			f->other_text = upper_readable ? o->text : "";
			f->other_plan_title = upper_title;
			f->score = score;
		}
		j = best_match(&own, it, &sigs[i], SIMILAR_THRESHOLD, true, &score);
		if (j >= 0) {
			const struct check_item *o = &own_items[j];
			struct check_finding *f =
				add(&fs, it, CHECK_REPEATS_OWN,
				    arena_printf(ctx->arena,
						 "Gần như lặp lại nội dung số %d của kế hoạch «%s»"
						 " (giống %d%%)",
						 o->seq, o->plan_title, percent(score)));
			f->other_item_id = o->id;
			f->other_plan_id = o->plan_id;
			f->other_text = o->text;
			f->other_plan_title = o->plan_title;
			f->score = score;
		}
	}
	rc = store_commit(ctx->store, err);
	began = false;
	if (rc)
		goto out;
	out->n_items = n;
	out->findings = fs.v;
	out->n = fs.n;
out:
	if (began)
		store_rollback(ctx->store);
	for (int i = 0; sig_used && i < n; i++)
		if (sig_used[i])
			similar_sig_release(&sigs[i]);
	free(sigs);
	free(sig_used);
	side_release(&up);
	side_release(&own);
	return rc;
}

json_t *app_check_json(const struct check_report *r)
{
	static const char *const codes[] = {CHECK_NO_LEAD, CHECK_NO_DEADLINE, CHECK_NO_MEASURE,
					    CHECK_REPEATS_UPPER, CHECK_REPEATS_OWN};
	json_t *counts = json_object();
	for (size_t k = 0; k < KH_ARRAY_LEN(codes); k++)
		json_object_set_new(counts, codes[k], json_integer(0));
	json_t *a = json_array();
	for (int i = 0; i < r->n; i++) {
		const struct check_finding *f = &r->findings[i];
		json_t *c = json_object_get(counts, f->code);
		if (c)
			json_integer_set(c, json_integer_value(c) + 1);
		json_t *o = json_pack("{s:s, s:s, s:I, s:i, s:s}", "code", f->code, "message",
				      nz(f->message), "item_id", (json_int_t)f->item_id, "item_seq",
				      f->item_seq, "item_text", nz(f->item_text));
		if (f->other_item_id)
			json_object_set_new(o, "other",
					    json_pack("{s:I, s:I, s:s, s:s, s:f, s:i}", "item_id",
						      (json_int_t)f->other_item_id, "plan_id",
						      (json_int_t)f->other_plan_id, "text",
						      nz(f->other_text), "plan_title",
						      nz(f->other_plan_title), "score", f->score,
						      "percent", percent(f->score)));
		else
			json_object_set_new(o, "other", json_null());
		json_array_append_new(a, o);
	}
	return json_pack("{s:I, s:i, s:i, s:o, s:o}", "plan_id", (json_int_t)r->plan_id, "n_items",
			 r->n_items, "n_findings", r->n, "counts", counts, "findings", a);
}

/* ---- compliance ---- */

int app_plan_compliance(struct app_ctx *ctx, int64_t org_id, int year,
			struct compliance_report *out, struct kh_error *err)
{
	struct check_head *heads = NULL;
	struct check_org *orgs = NULL;
	struct check_plan *plans = NULL;
	int nh = 0, no = 0, np = 0, rc;
	struct org root;

	memset(out, 0, sizeof(*out));
	out->org_id = org_id;
	out->year = year;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (year < 1990 || year > 2100)
		return kh_fail(err, KH_EINVAL, "year", "Năm phải từ 1990 đến 2100");
	rc = store_org_get(ctx->store, ctx->arena, org_id, ctx->today, &root, err);
	if (rc == KH_ENOTFOUND)
		return kh_fail(err, KH_ENOTFOUND, "org_id",
			       "Không tìm thấy tổ chức số %lld (hoặc tổ chức không còn tồn tại)",
			       (long long)org_id);
	if (rc)
		return rc;
	if ((rc = app_can_read_org(ctx, org_id, err)))
		return rc;
	out->due_day = date_from_ymd(year, 3, 31);
	if ((rc = store_begin(ctx->store, false, err)))
		return rc;
	if ((rc = store_check_heads(ctx->store, ctx->arena, org_id, ctx->today, year, &heads, &nh,
				    err)) ||
	    (rc = store_check_orgs(ctx->store, ctx->arena, org_id, ctx->today, year, &orgs, &no,
				   err)) ||
	    (rc = store_check_plans(ctx->store, ctx->arena, org_id, ctx->today, year, &plans, &np,
				    err))) {
		store_rollback(ctx->store);
		return rc;
	}
	if ((rc = store_commit(ctx->store, err)))
		return rc;

	out->heads_without_plan =
		arena_alloc(ctx->arena, sizeof(struct compliance_head) * (size_t)(nh ? nh : 1));
	for (int i = 0; i < nh; i++)
		if (!heads[i].has_plan)
			out->heads_without_plan[out->n_heads_without_plan++] =
				(struct compliance_head){heads[i].person_id, heads[i].person_name,
							 heads[i].org_id, heads[i].org_name,
							 heads[i].title};
	out->orgs_without_plan =
		arena_alloc(ctx->arena, sizeof(struct compliance_org) * (size_t)(no ? no : 1));
	for (int i = 0; i < no; i++)
		if (!orgs[i].has_plan)
			out->orgs_without_plan[out->n_orgs_without_plan++] =
				(struct compliance_org){orgs[i].org_id, orgs[i].org_name};
	out->late = arena_alloc(ctx->arena, sizeof(struct compliance_plan) * (size_t)(np ? np : 1));
	out->waiting =
		arena_alloc(ctx->arena, sizeof(struct compliance_plan) * (size_t)(np ? np : 1));
	for (int i = 0; i < np; i++) {
		const struct plan *p = &plans[i].plan;
		struct compliance_plan cp = {*p, plans[i].open_comments};
		bool year_plan = p->scope == PLAN_SCOPE_YEAR && p->year_from == year;
		bool late = p->approved_day ? p->approved_day > out->due_day
					    : ctx->today > out->due_day;
		if (year_plan && late)
			out->late[out->n_late++] = cp;
		if (plans[i].open_comments > 0)
			out->waiting[out->n_waiting++] = cp;
	}
	out->n_heads = nh;
	out->n_orgs = no;
	out->n_plans = np;
	return 0;
}

static json_t *day_json(int32_t day)
{
	char iso[11];
	if (!day)
		return json_null();
	date_format_iso(day, iso);
	return json_string(iso);
}

static json_t *compliance_plan_json(const struct compliance_plan *cp)
{
	const struct plan *p = &cp->plan;
	json_t *owner =
		json_pack("{s:s, s:I, s:s}", "type", p->owner_org_id ? "org" : "person", "id",
			  (json_int_t)(p->owner_org_id ? p->owner_org_id : p->owner_person_id),
			  "name", nz(p->owner_name));
	json_t *j = json_pack("{s:I, s:s, s:o, s:s, s:i, s:i, s:s, s:s, s:i}", "id",
			      (json_int_t)p->id, "title", nz(p->title), "owner", owner, "scope",
			      p->scope == PLAN_SCOPE_TERM ? "term" : "year", "year_from",
			      p->year_from, "year_to", p->year_to, "status",
			      plan_status_name(p->status), "status_label",
			      plan_status_label(p->status), "open_comments", cp->open_comments);
	json_object_set_new(j, "approved_day", day_json(p->approved_day));
	return j;
}

json_t *app_compliance_json(const struct compliance_report *r)
{
	json_t *heads = json_array(), *orgs = json_array(), *late = json_array(),
	       *waiting = json_array();
	for (int i = 0; i < r->n_heads_without_plan; i++) {
		const struct compliance_head *h = &r->heads_without_plan[i];
		json_array_append_new(heads, json_pack("{s:I, s:s, s:I, s:s, s:s}", "person_id",
						       (json_int_t)h->person_id, "person_name",
						       nz(h->person_name), "org_id",
						       (json_int_t)h->org_id, "org_name",
						       nz(h->org_name), "title", nz(h->title)));
	}
	for (int i = 0; i < r->n_orgs_without_plan; i++)
		json_array_append_new(orgs,
				      json_pack("{s:I, s:s}", "org_id",
						(json_int_t)r->orgs_without_plan[i].org_id,
						"org_name", nz(r->orgs_without_plan[i].org_name)));
	for (int i = 0; i < r->n_late; i++)
		json_array_append_new(late, compliance_plan_json(&r->late[i]));
	for (int i = 0; i < r->n_waiting; i++)
		json_array_append_new(waiting, compliance_plan_json(&r->waiting[i]));
	json_t *j = json_pack("{s:I, s:i, s:o, s:{s:i, s:i, s:i}}", "org_id", (json_int_t)r->org_id,
			      "year", r->year, "due", day_json(r->due_day), "totals", "heads",
			      r->n_heads, "orgs", r->n_orgs, "plans", r->n_plans);
	json_object_set_new(j, "heads_without_plan", heads);
	json_object_set_new(j, "orgs_without_plan", orgs);
	json_object_set_new(j, "late", late);
	json_object_set_new(j, "waiting", waiting);
	return j;
}
