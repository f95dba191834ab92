/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The demo loader: feeds the fictional province of demo_data.c through the
 * same use cases a user's actions go through (so the demo exercises the real
 * rules, history and audit), inside one outer transaction so that a failure
 * leaves the database as it was.
 */
#include "core/common.h"
#include "app/auth.h"
#include "app/classification.h"
#include "app/demo.h"
#include "app/demo_assessment.h"
#include "app/demo_data.h"
#include "app/demo_indicators.h"
#include "app/document.h"
#include "app/org.h"
#include "app/person.h"
#include "app/progress.h"
#include "app/report.h"
#include "core/date.h"
#include "store/stats.h"

#include <stdlib.h>
#include <string.h>

/* key → id maps, linear is fine for a few hundred entries but people are
 * looked up per position, so keep a sorted index. */
struct keymap {
	const char **keys;
	int64_t *ids;
	size_t n, cap;
};

static void keymap_put(struct keymap *m, const char *key, int64_t id)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->keys = xrealloc(m->keys, xmul(m->cap, sizeof(*m->keys)));
		m->ids = xrealloc(m->ids, xmul(m->cap, sizeof(*m->ids)));
	}
	m->keys[m->n] = key;
	m->ids[m->n] = id;
	m->n++;
}

static int64_t keymap_get(const struct keymap *m, const char *key)
{
	if (!key)
		return 0;
	for (size_t i = m->n; i-- > 0;)
		if (strcmp(m->keys[i], key) == 0)
			return m->ids[i];
	return 0;
}

static void keymap_release(struct keymap *m)
{
	free(m->keys);
	free(m->ids);
	memset(m, 0, sizeof(*m));
}

static int32_t day_of(const char *iso)
{
	int32_t d = 0;
	if (iso && date_parse_iso(iso, &d) != 0)
		d = 0;
	return d;
}

/* Prefixes err's message with what was being loaded. */
static int context_fail(struct kh_error *err, const char *what, const char *key)
{
	char msg[sizeof(err->message)];
	memcpy(msg, err->message, sizeof(msg));
	return kh_fail(err, err->code ? err->code : KH_EINTERNAL, err->field,
		       "Dữ liệu mẫu, %s «%s»: %s", what, key, msg);
}

static int load_org(struct app_ctx *ctx, struct keymap *orgs, const struct demo_org *o,
		    struct kh_error *err)
{
	struct org_create in = {0};
	in.parent_id = keymap_get(orgs, o->parent_key);
	if (o->parent_key && !in.parent_id)
		return kh_fail(err, KH_EINTERNAL, NULL, "Dữ liệu mẫu: thiếu tổ chức cấp trên %s",
			       o->parent_key);
	in.name = o->name;
	in.short_name = o->short_name;
	in.kind = o->kind;
	in.level = o->level;
	in.date = day_of(o->valid_from);
	in.code = o->key;
	int64_t id;
	if (app_org_create(ctx, &in, &id, err))
		return context_fail(err, "tổ chức", o->key);
	keymap_put(orgs, o->key, id);
	return 0;
}

static int load_change(struct app_ctx *ctx, const struct demo_data *d, struct keymap *orgs,
		       const struct demo_change *c, struct kh_error *err)
{
	int32_t date = day_of(c->date);
	int64_t id = keymap_get(orgs, c->org_key);
	int64_t target = keymap_get(orgs, c->target_key);
	int rc = 0;
	switch (c->op) {
	case DEMO_CREATE: {
		const struct demo_org *o = demo_org_find(d, c->target_key);
		if (!o)
			return kh_fail(err, KH_EINTERNAL, NULL, "Dữ liệu mẫu: thiếu %s",
				       c->target_key);
		return load_org(ctx, orgs, o, err);
	}
	case DEMO_SPLIT: {
		const struct demo_org *o = demo_org_find(d, c->target_key);
		if (!o || !id)
			return kh_fail(err, KH_EINTERNAL, NULL, "Dữ liệu mẫu: chia tách %s",
				       c->org_key);
		struct org_split_part part = {o->name, o->short_name};
		int64_t *new_ids = NULL;
		rc = app_org_split(ctx, id, &part, 1, date, false, c->note, &new_ids, err);
		if (rc == 0)
			keymap_put(orgs, o->key, new_ids[0]);
		break;
	}
	case DEMO_RENAME:
		rc = app_org_rename(ctx, id, c->new_name, c->new_short_name, date, c->note, err);
		break;
	case DEMO_MOVE:
		rc = app_org_move(ctx, id, target, date, c->note, err);
		break;
	case DEMO_MERGE:
		rc = app_org_merge(ctx, &id, 1, target, date, c->note, err);
		break;
	case DEMO_DISSOLVE:
		rc = app_org_dissolve(ctx, id, date, 0, c->note, err);
		break;
	}
	return rc ? context_fail(err, demo_change_op_name(c->op), c->org_key) : 0;
}

int app_demo_load(struct app_ctx *ctx, struct demo_report *out, struct kh_error *err)
{
	const struct demo_data *d = demo_data_get();
	struct keymap orgs = {0}, people = {0}, docs = {0};
	struct store_stats stats;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!ctx->actor || !ctx->actor->system)
		return kh_fail(err, KH_EFORBIDDEN, NULL, "Chỉ nạp dữ liệu mẫu từ dòng lệnh");
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	if ((rc = store_stats_get(ctx->store, &stats, err)))
		goto out;
	if (stats.orgs > 0) {
		rc = kh_fail(
			err, KH_ECONFLICT, NULL,
			"Cơ sở dữ liệu đã có %lld tổ chức: chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu mới",
			(long long)stats.orgs);
		goto out;
	}

	for (size_t i = 0; i < d->n_orgs; i++) {
		if (demo_org_created_by_change(d, d->orgs[i].key))
			continue;
		if ((rc = load_org(ctx, &orgs, &d->orgs[i], err)))
			goto out;
		out->orgs++;
	}
	for (size_t i = 0; i < d->n_changes; i++) {
		if ((rc = load_change(ctx, d, &orgs, &d->changes[i], err)))
			goto out;
		if (d->changes[i].op == DEMO_CREATE || d->changes[i].op == DEMO_SPLIT)
			out->orgs++;
		out->changes++;
	}
	for (size_t i = 0; i < d->n_people; i++) {
		const struct demo_person *p = &d->people[i];
		struct person_input in = {0};
		struct person rec;
		in.full_name = p->full_name;
		in.gender = p->gender;
		in.external_id = p->external_id;
		in.birth_year = p->birth_year;
		in.set_birth_year = true;
		in.member_org_id = keymap_get(&orgs, p->member_org_key);
		in.set_member_org = true;
		in.residence_org_id = keymap_get(&orgs, p->residence_org_key);
		in.set_residence_org = true;
		in.managing_org_id = keymap_get(&orgs, p->managing_org_key);
		in.set_managing_org = true;
		in.retired = p->retired;
		in.set_retired = true;
		if ((rc = app_person_create(ctx, &in, &rec, err))) {
			rc = context_fail(err, "người", p->key);
			goto out;
		}
		keymap_put(&people, p->key, rec.id);
		out->people++;
	}
	for (size_t i = 0; i < d->n_positions; i++) {
		const struct demo_position *p = &d->positions[i];
		struct position_input in = {0};
		struct position rec;
		in.person_id = keymap_get(&people, p->person_key);
		in.org_id = keymap_get(&orgs, p->org_key);
		in.role = p->role;
		in.title = p->title;
		in.valid_from = day_of(p->valid_from);
		in.valid_to = day_of(p->valid_to);
		if ((rc = app_position_add(ctx, &in, &rec, err))) {
			rc = context_fail(err, "chức vụ của", p->person_key);
			goto out;
		}
		out->positions++;
	}
	for (size_t i = 0; i < d->n_documents; i++) {
		const struct demo_document *doc = &d->documents[i];
		struct document_input in = {0};
		struct document rec;
		in.number = doc->number;
		in.kind = doc->kind;
		in.date = day_of(doc->date);
		in.set_date = true;
		in.issuer_org_id = keymap_get(&orgs, doc->issuer_org_key);
		in.set_issuer = true;
		in.title = doc->title;
		if ((rc = app_document_create(ctx, &in, &rec, err))) {
			rc = context_fail(err, "văn bản", doc->key);
			goto out;
		}
		keymap_put(&docs, doc->key, rec.id);
		out->documents++;
	}
	for (size_t i = 0; i < d->n_links; i++) {
		const struct demo_document_link *l = &d->links[i];
		if ((rc = app_document_link(ctx, keymap_get(&docs, l->from_key),
					    keymap_get(&docs, l->to_key), l->kind, err))) {
			rc = context_fail(err, "liên kết văn bản", l->from_key);
			goto out;
		}
		out->links++;
	}
	out->accounts = arena_alloc(ctx->arena, sizeof(*out->accounts) * (d->n_users + 1));
	for (size_t i = 0; i < d->n_users; i++) {
		const struct demo_user *u = &d->users[i];
		struct user rec;
		int64_t person = keymap_get(&people, u->person_key);
		if ((rc = app_user_create(ctx, u->username, d->password, person, u->admin, &rec,
					  err))) {
			rc = context_fail(err, "tài khoản", u->username);
			goto out;
		}
		const struct demo_person *p =
			u->person_key ? demo_person_find(d, u->person_key) : NULL;
		struct demo_account *a = &out->accounts[out->n_accounts++];
		a->username = u->username;
		a->person_name = p ? p->full_name : "";
		a->role_hint = u->role_hint ? u->role_hint : "";
		a->admin = u->admin;
	}
	if ((rc = app_demo_plans(ctx, &out->plans, err))) {
		rc = context_fail(err, "kế hoạch", "plans");
		goto out;
	}
	/* operating the plans: progress on them, the indicators, then a report
	 * campaign that takes both in */
	if ((rc = app_demo_progress(ctx, &out->progress, err))) {
		rc = context_fail(err, "tiến độ", "progress");
		goto out;
	}
	if ((rc = app_demo_indicators(ctx, &out->indicators, err))) {
		rc = context_fail(err, "chỉ tiêu", "indicators");
		goto out;
	}
	if ((rc = app_demo_reports(ctx, &out->campaigns, err))) {
		rc = context_fail(err, "đợt báo cáo", "reports");
		goto out;
	}
	if ((rc = app_demo_assessment(ctx, &out->assessments, err))) {
		rc = context_fail(err, "tự đánh giá", "assessment");
		goto out;
	}
	if ((rc = app_demo_classification(ctx, &out->classifications, err))) {
		rc = context_fail(err, "xếp loại chất lượng", "classification");
		goto out;
	}
	out->password = d->password;
	rc = store_commit(ctx->store, err);
out:
	if (rc)
		store_rollback(ctx->store);
	keymap_release(&orgs);
	keymap_release(&people);
	keymap_release(&docs);
	return rc;
}
