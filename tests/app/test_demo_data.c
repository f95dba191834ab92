/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The demo province is consistent: unique keys, every reference resolves,
 * the dated changes replay cleanly in order over a simulated tree, every
 * position lies inside its org's life, every org has a head whenever it
 * exists, people belong to orgs that exist today, the cited documents carry
 * their real numbers and dates, and every string is valid UTF-8 in NFC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/common.h"
#include "app/demo_data.h"
#include "core/date.h"
#include "core/model.h"

#include <stdio.h>
#include <string.h>

static const struct demo_data *D;

static int setup(void **state)
{
	(void)state;
	D = demo_data_get();
	return D ? 0 : -1;
}

/* ---- small helpers ---- */

/* NULL is "never": after every date. */
static int dcmp(const char *a, const char *b)
{
	if (!a || !b)
		return a ? -1 : b ? 1 : 0;
	return strcmp(a, b);
}

static bool valid_date(const char *s)
{
	int32_t d;
	return s && strlen(s) == 10 && date_parse_iso(s, &d) == 0;
}

/* Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF), no
 * control characters, and no combining marks U+0300–U+036F (the text must
 * be precomposed, as NFC makes Vietnamese). */
static bool valid_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t cp;
		int n;
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return false;
			p++;
			continue;
		} else if ((*p & 0xe0) == 0xc0) {
			cp = *p & 0x1f;
			n = 1;
		} else if ((*p & 0xf0) == 0xe0) {
			cp = *p & 0x0f;
			n = 2;
		} else if ((*p & 0xf8) == 0xf0) {
			cp = *p & 0x07;
			n = 3;
		} else {
			return false;
		}
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		static const uint32_t min[] = {0, 0x80, 0x800, 0x10000};
		if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		if (cp >= 0x300 && cp <= 0x36f)
			return false;
		p += n + 1;
	}
	return true;
}

static void check_text(const char *what, const char *s, bool nullable)
{
	if (!s) {
		if (!nullable)
			fail_msg("%s is NULL", what);
		return;
	}
	if (!valid_text(s))
		fail_msg("%s is not valid NFC UTF-8: %s", what, s);
}

static int org_index(const char *key)
{
	for (size_t i = 0; i < D->n_orgs; i++)
		if (strcmp(D->orgs[i].key, key) == 0)
			return (int)i;
	return -1;
}

static const struct demo_org *org(const char *key)
{
	int i = key ? org_index(key) : -1;
	if (i < 0)
		fail_msg("unknown org key %s", key ? key : "(null)");
	return &D->orgs[i];
}

static bool exists_on(const struct demo_org *o, const char *day)
{
	return strcmp(o->valid_from, day) <= 0 && dcmp(day, demo_org_end(D, o->key)) < 0;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_kind(const struct demo_org *o, const char *kind)
{
	return strcmp(o->kind, kind) == 0;
}

/* ---- keys and references ---- */

static void test_keys_unique_and_resolved(void **state)
{
	(void)state;
	for (size_t i = 0; i < D->n_orgs; i++)
		for (size_t j = i + 1; j < D->n_orgs; j++)
			if (strcmp(D->orgs[i].key, D->orgs[j].key) == 0)
				fail_msg("duplicate org key %s", D->orgs[i].key);
	for (size_t i = 0; i < D->n_people; i++)
		for (size_t j = i + 1; j < D->n_people; j++) {
			if (strcmp(D->people[i].key, D->people[j].key) == 0)
				fail_msg("duplicate person key %s", D->people[i].key);
			if (strcmp(D->people[i].external_id, D->people[j].external_id) == 0)
				fail_msg("duplicate external id %s", D->people[i].external_id);
			if (strcmp(D->people[i].full_name, D->people[j].full_name) == 0)
				fail_msg("duplicate name %s", D->people[i].full_name);
		}
	for (size_t i = 0; i < D->n_documents; i++)
		for (size_t j = i + 1; j < D->n_documents; j++) {
			if (strcmp(D->documents[i].key, D->documents[j].key) == 0)
				fail_msg("duplicate document key %s", D->documents[i].key);
			if (D->documents[i].number[0] &&
			    strcmp(D->documents[i].number, D->documents[j].number) == 0)
				fail_msg("duplicate document number %s", D->documents[i].number);
		}
	for (size_t i = 0; i < D->n_users; i++)
		for (size_t j = i + 1; j < D->n_users; j++)
			if (strcmp(D->users[i].username, D->users[j].username) == 0)
				fail_msg("duplicate username %s", D->users[i].username);

	for (size_t i = 0; i < D->n_orgs; i++) {
		const struct demo_org *o = &D->orgs[i];
		enum org_kind k;
		if (!org_kind_parse(o->kind, &k))
			fail_msg("org %s: unknown kind %s", o->key, o->kind);
		if (o->level < 0 || o->level > 4)
			fail_msg("org %s: level %d", o->key, o->level);
		if (!valid_date(o->valid_from))
			fail_msg("org %s: bad date", o->key);
		if (o->parent_key)
			(void)org(o->parent_key);
		else if (strcmp(o->key, "tw") != 0)
			fail_msg("org %s has no parent", o->key);
	}
	for (size_t i = 0; i < D->n_people; i++) {
		const struct demo_person *p = &D->people[i];
		(void)org(p->member_org_key);
		if (p->residence_org_key)
			(void)org(p->residence_org_key);
		if (p->managing_org_key)
			(void)org(p->managing_org_key);
	}
	for (size_t i = 0; i < D->n_positions; i++) {
		const struct demo_position *p = &D->positions[i];
		if (!demo_person_find(D, p->person_key))
			fail_msg("position of unknown person %s", p->person_key);
		(void)org(p->org_key);
	}
	for (size_t i = 0; i < D->n_documents; i++)
		(void)org(D->documents[i].issuer_org_key);
	for (size_t i = 0; i < D->n_links; i++) {
		if (!demo_document_find(D, D->links[i].from_key) ||
		    !demo_document_find(D, D->links[i].to_key))
			fail_msg("link %s → %s: unknown document", D->links[i].from_key,
				 D->links[i].to_key);
	}
	for (size_t i = 0; i < D->n_users; i++)
		if (!demo_person_find(D, D->users[i].person_key))
			fail_msg("user %s: unknown person", D->users[i].username);
}

/* ---- the tree and its changes ---- */

/* A committee or cell sits strictly below its parent; an agency (office,
 * board, state body, mass organization) at the level of what it belongs to.
 * The central orgs are all level 0. */
static void check_placement(const struct demo_org *child, const struct demo_org *parent,
			    const char *when)
{
	if (child->level == 0 && parent->level == 0)
		return;
	bool party = is_kind(child, "committee") || is_kind(child, "cell");
	if (party && !is_kind(parent, "committee"))
		fail_msg("%s under %s (%s): a party org under a non-committee", child->key,
			 parent->key, when);
	if (party ? child->level <= parent->level : child->level < parent->level)
		fail_msg("%s (level %d) under %s (level %d) on %s", child->key, child->level,
			 parent->key, parent->level, when);
	if (is_kind(child, "cell") && child->level != 4)
		fail_msg("cell %s not at level 4", child->key);
}

static void test_tree_and_changes(void **state)
{
	(void)state;
	size_t n = D->n_orgs;
	bool *alive = test_calloc(n, sizeof(bool));
	bool *ended = test_calloc(n, sizeof(bool));
	int *parent = test_calloc(n, sizeof(int));
	const char *first_change = D->n_changes ? D->changes[0].date : "9999-12-31";

	/* Up-front orgs, in array order: the parent must already exist. */
	for (size_t i = 0; i < n; i++) {
		const struct demo_org *o = &D->orgs[i];
		parent[i] = o->parent_key ? org_index(o->parent_key) : -1;
		if (demo_org_created_by_change(D, o->key)) {
			bool found = false;
			for (size_t c = 0; c < D->n_changes; c++)
				if ((D->changes[c].op == DEMO_CREATE ||
				     D->changes[c].op == DEMO_SPLIT) &&
				    strcmp(D->changes[c].target_key, o->key) == 0) {
					if (strcmp(D->changes[c].date, o->valid_from) != 0)
						fail_msg("%s created on %s but valid from %s",
							 o->key, D->changes[c].date, o->valid_from);
					found = true;
				}
			assert_true(found);
			continue;
		}
		if (strcmp(o->valid_from, first_change) > 0)
			fail_msg("%s starts %s, after the first change, without one", o->key,
				 o->valid_from);
		if (parent[i] >= 0) {
			const struct demo_org *p = &D->orgs[parent[i]];
			if (!alive[parent[i]] || strcmp(p->valid_from, o->valid_from) > 0)
				fail_msg("%s: parent %s does not exist on %s", o->key, p->key,
					 o->valid_from);
			check_placement(o, p, o->valid_from);
		}
		alive[i] = true;
	}

	/* Replay the changes. */
	const char *prev = NULL;
	for (size_t c = 0; c < D->n_changes; c++) {
		const struct demo_change *ch = &D->changes[c];
		if (!valid_date(ch->date))
			fail_msg("change %zu: bad date", c);
		if (prev && strcmp(prev, ch->date) > 0)
			fail_msg("changes not sorted at %zu (%s after %s)", c, ch->date, prev);
		prev = ch->date;
		check_text("change note", ch->note, false);
		int s = org_index(ch->org_key);
		int t = ch->target_key ? org_index(ch->target_key) : -1;
		if (s < 0 || (ch->target_key && t < 0))
			fail_msg("change %zu: unknown org", c);
		const char *subject = ch->org_key;

		switch (ch->op) {
		case DEMO_CREATE:
		case DEMO_SPLIT: {
			if (t < 0 || alive[t] || ended[t])
				fail_msg("change %zu: %s created twice", c, ch->target_key);
			const struct demo_org *o = &D->orgs[t];
			if (strcmp(o->valid_from, ch->date) != 0)
				fail_msg("%s: created %s, valid from %s", o->key, ch->date,
					 o->valid_from);
			if (ch->op == DEMO_CREATE && s != t)
				fail_msg("create %s: org_key and target_key differ", o->key);
			if (ch->op == DEMO_SPLIT) {
				if (!alive[s])
					fail_msg("split of %s, which does not exist", subject);
				const struct demo_org *src = &D->orgs[s];
				if (parent[s] != parent[t] || strcmp(src->kind, o->kind) != 0 ||
				    src->level != o->level)
					fail_msg("split %s → %s: not a sibling of the same kind",
						 subject, o->key);
			}
			if (parent[t] < 0 || !alive[parent[t]])
				fail_msg("%s created under an org that does not exist on %s",
					 o->key, ch->date);
			check_placement(o, &D->orgs[parent[t]], ch->date);
			alive[t] = true;
			break;
		}
		case DEMO_RENAME:
			if (!alive[s])
				fail_msg("rename of %s, which does not exist on %s", subject,
					 ch->date);
			if (!ch->new_name || !ch->new_name[0])
				fail_msg("rename of %s without a name", subject);
			check_text("new name", ch->new_name, false);
			check_text("new short name", ch->new_short_name, true);
			break;
		case DEMO_MOVE:
			if (!alive[s] || t < 0 || !alive[t])
				fail_msg("move %s → %s on %s: an org does not exist", subject,
					 ch->target_key, ch->date);
			if (parent[s] == t)
				fail_msg("move of %s to its own parent", subject);
			for (int a = t; a >= 0; a = parent[a])
				if (a == s)
					fail_msg("move of %s into its own subtree", subject);
			check_placement(&D->orgs[s], &D->orgs[t], ch->date);
			parent[s] = t;
			break;
		case DEMO_MERGE:
		case DEMO_DISSOLVE:
			if (!alive[s])
				fail_msg("%s of %s, which does not exist on %s",
					 demo_change_op_name(ch->op), subject, ch->date);
			if (ch->op == DEMO_MERGE && (t < 0 || t == s || !alive[t]))
				fail_msg("merge of %s into a missing org", subject);
			for (size_t k = 0; k < n; k++)
				if (alive[k] && parent[k] == s)
					fail_msg("%s ends on %s with child %s left", subject,
						 ch->date, D->orgs[k].key);
			if (dcmp(demo_org_end(D, subject), ch->date) != 0)
				fail_msg("demo_org_end(%s) disagrees", subject);
			alive[s] = false;
			ended[s] = true;
			break;
		default:
			fail_msg("change %zu: unknown op", c);
		}
	}

	/* Whatever has not ended reports no end. */
	for (size_t i = 0; i < n; i++)
		if (alive[i] && demo_org_end(D, D->orgs[i].key))
			fail_msg("%s alive yet has an end", D->orgs[i].key);

	/* Both shapes: the district level and the blocs then, not now. */
	const char *gone[] = {"tp", "ld", "ps", "duk", "kcq", "tu_btg", "tu_bdv"};
	for (size_t i = 0; i < KH_ARRAY_LEN(gone); i++)
		assert_true(ended[org_index(gone[i])]);
	const char *now[] = {"tu",	"dbub",	     "dbcqd",	   "tu_btgdv",
			     "x_vanha", "x_lacdien", "x_tanphong", "x_bacha"};
	for (size_t i = 0; i < KH_ARRAY_LEN(now); i++)
		assert_true(alive[org_index(now[i])]);
	assert_int_equal(parent[org_index("x_tanphong")], org_index("tu"));
	assert_int_equal(parent[org_index("cb_lt_thuynguyen")], org_index("x_lacdien"));
	assert_int_equal(parent[org_index("cs_dienluc")], org_index("dbub"));
	assert_int_equal(parent[org_index("cs_btctu")], org_index("dbcqd"));

	test_free(alive);
	test_free(ended);
	test_free(parent);
}

static void test_counts(void **state)
{
	(void)state;
	int base = 0, cells = 0;
	for (size_t i = 0; i < D->n_orgs; i++) {
		const struct demo_org *o = &D->orgs[i];
		if (is_kind(o, "committee") && o->level == 3)
			base++;
		if (is_kind(o, "cell"))
			cells++;
	}
	print_message("orgs %zu (base %d, cells %d), people %zu, positions %zu, documents %zu, "
		      "links %zu, changes %zu, users %zu\n",
		      D->n_orgs, base, cells, D->n_people, D->n_positions, D->n_documents,
		      D->n_links, D->n_changes, D->n_users);
	assert_in_range(D->n_people, 250, 400);
	assert_true(base + cells >= 30);
	assert_in_range(base, 30, 45);
	assert_in_range(cells, 40, 60);
	assert_true(D->n_documents >= 25);
	assert_true(D->n_changes >= 40);
	/* The same data on every call. */
	assert_ptr_equal(demo_data_get(), D);
}

/* ---- positions and heads ---- */

static void test_positions_inside_org_life(void **state)
{
	(void)state;
	for (size_t i = 0; i < D->n_positions; i++) {
		const struct demo_position *p = &D->positions[i];
		const struct demo_org *o = org(p->org_key);
		enum position_role r;
		if (!position_role_parse(p->role, &r))
			fail_msg("position %zu: unknown role %s", i, p->role);
		if (!valid_date(p->valid_from) || (p->valid_to && !valid_date(p->valid_to)))
			fail_msg("position %zu (%s in %s): bad dates", i, p->person_key, o->key);
		if (p->valid_to && strcmp(p->valid_to, p->valid_from) <= 0)
			fail_msg("position %s in %s ends before it starts", p->person_key, o->key);
		if (!exists_on(o, p->valid_from))
			fail_msg("position %s in %s from %s: the org does not exist then",
				 p->person_key, o->key, p->valid_from);
		if (dcmp(p->valid_to, demo_org_end(D, o->key)) > 0)
			fail_msg("position %s in %s outlives the org", p->person_key, o->key);
		if (o->level == 0)
			fail_msg("no people at the central level (%s)", p->person_key);
		check_text("title", p->title, false);
	}
}

static bool has_head_on(const char *org_key, const char *day)
{
	for (size_t i = 0; i < D->n_positions; i++) {
		const struct demo_position *p = &D->positions[i];
		if (strcmp(p->org_key, org_key) == 0 && strcmp(p->role, "head") == 0 &&
		    strcmp(p->valid_from, day) <= 0 && dcmp(day, p->valid_to) < 0)
			return true;
	}
	return false;
}

static void test_every_org_has_a_head(void **state)
{
	(void)state;
	const char *days[] = {"2015-10-01", "2016-06-01", "2018-06-01", "2020-10-14",
			      "2020-10-15", "2021-06-25", "2025-01-31", "2025-02-01",
			      "2025-03-01", "2025-06-30", "2025-07-01", "2026-06-01"};
	for (size_t i = 0; i < D->n_orgs; i++) {
		const struct demo_org *o = &D->orgs[i];
		if (o->level == 0)
			continue; /* central orgs carry no (real) people */
		for (size_t d = 0; d < KH_ARRAY_LEN(days); d++)
			if (exists_on(o, days[d]) && !has_head_on(o->key, days[d]))
				fail_msg("%s (%s) has no head on %s", o->key, o->name, days[d]);
		/* Current head of whatever exists today. */
		if (!demo_org_end(D, o->key)) {
			bool current = false;
			for (size_t k = 0; k < D->n_positions; k++)
				if (strcmp(D->positions[k].org_key, o->key) == 0 &&
				    strcmp(D->positions[k].role, "head") == 0 &&
				    !D->positions[k].valid_to)
					current = true;
			if (!current)
				fail_msg("%s has no current head", o->key);
		}
		/* One head at a time. */
		for (size_t a = 0; a < D->n_positions; a++) {
			const struct demo_position *x = &D->positions[a];
			if (strcmp(x->org_key, o->key) != 0 || strcmp(x->role, "head") != 0)
				continue;
			for (size_t b = a + 1; b < D->n_positions; b++) {
				const struct demo_position *y = &D->positions[b];
				if (strcmp(y->org_key, o->key) == 0 &&
				    strcmp(y->role, "head") == 0 &&
				    dcmp(x->valid_from, y->valid_to) < 0 &&
				    dcmp(y->valid_from, x->valid_to) < 0)
					fail_msg("%s has two heads at once (%s, %s)", o->key,
						 x->person_key, y->person_key);
			}
		}
	}
}

static int count_role(const char *org_key, const char *role)
{
	int n = 0;
	for (size_t i = 0; i < D->n_positions; i++)
		if (strcmp(D->positions[i].org_key, org_key) == 0 &&
		    strcmp(D->positions[i].role, role) == 0)
			n++;
	return n;
}

static void test_committees_are_staffed(void **state)
{
	(void)state;
	for (size_t i = 0; i < D->n_orgs; i++) {
		const struct demo_org *o = &D->orgs[i];
		if (!is_kind(o, "committee") || o->level == 0)
			continue;
		if (count_role(o->key, "deputy") == 0)
			fail_msg("committee %s has no deputy", o->key);
		bool dang_bo = o->level < 3 || starts_with(o->name, "Đảng bộ ");
		if (dang_bo && count_role(o->key, "standing") == 0)
			fail_msg("committee %s has no standing-committee member", o->key);
		if (o->level < 3 && count_role(o->key, "committee") == 0)
			fail_msg("committee %s has no committee member", o->key);
	}
	assert_true(count_role("tu", "standing") >= 5);
	assert_true(count_role("tu", "committee") >= 8);
	assert_true(count_role("tu_btc", "staff") >= 1);
}

static void test_kiem_nhiem_and_retired(void **state)
{
	(void)state;
	/* Someone heads two orgs today. */
	bool found = false;
	for (size_t p = 0; p < D->n_people && !found; p++) {
		int heads = 0;
		for (size_t i = 0; i < D->n_positions; i++)
			if (strcmp(D->positions[i].person_key, D->people[p].key) == 0 &&
			    strcmp(D->positions[i].role, "head") == 0 && !D->positions[i].valid_to)
				heads++;
		found = heads >= 2;
	}
	assert_true(found);

	/* Retired members hold membership in a residence cell, and lead nothing. */
	int retired = 0;
	for (size_t p = 0; p < D->n_people; p++) {
		const struct demo_person *x = &D->people[p];
		if (!x->retired)
			continue;
		retired++;
		const struct demo_org *m = org(x->member_org_key);
		if (!is_kind(m, "cell") || (!starts_with(m->name, "Chi bộ khu phố ") &&
					    !starts_with(m->name, "Chi bộ thôn ")))
			fail_msg("retired %s is a member of %s, not a residence cell", x->key,
				 m->name);
		if (!x->residence_org_key || strcmp(x->residence_org_key, x->member_org_key) != 0)
			fail_msg("retired %s lives elsewhere than their cell", x->key);
		for (size_t i = 0; i < D->n_positions; i++)
			if (strcmp(D->positions[i].person_key, x->key) == 0 &&
			    !D->positions[i].valid_to &&
			    strcmp(D->positions[i].role, "member") != 0)
				fail_msg("retired %s still holds %s", x->key,
					 D->positions[i].title);
	}
	assert_true(retired >= 5);
}

static void test_people(void **state)
{
	(void)state;
	int female = 0;
	for (size_t i = 0; i < D->n_people; i++) {
		const struct demo_person *p = &D->people[i];
		check_text("name", p->full_name, false);
		check_text("external id", p->external_id, false);
		if (strncmp(p->external_id, "SN-", 3) != 0 || strlen(p->external_id) != 9)
			fail_msg("external id %s", p->external_id);
		if (strcmp(p->gender, "nam") != 0 && strcmp(p->gender, "nu") != 0)
			fail_msg("%s: gender %s", p->key, p->gender);
		female += strcmp(p->gender, "nu") == 0;
		assert_in_range(p->birth_year, 1935, 2005);
		/* Three words at least: họ, tên đệm, tên. */
		const char *sp = strchr(p->full_name, ' ');
		if (!sp || !strchr(sp + 1, ' '))
			fail_msg("name %s", p->full_name);
		/* Orgs that exist today: the person is a member of them now. */
		const struct demo_org *m = org(p->member_org_key);
		if (demo_org_end(D, m->key) ||
		    !(is_kind(m, "cell") || (is_kind(m, "committee") && m->level == 3)))
			fail_msg("%s: member of %s", p->key, m->key);
		if (p->residence_org_key) {
			const struct demo_org *r = org(p->residence_org_key);
			if (demo_org_end(D, r->key) || !is_kind(r, "cell"))
				fail_msg("%s: resides in %s", p->key, r->key);
		}
		if (p->managing_org_key) {
			const struct demo_org *g = org(p->managing_org_key);
			if (demo_org_end(D, g->key) || !is_kind(g, "committee"))
				fail_msg("%s: managed by %s", p->key, g->key);
		}
	}
	assert_true(female * 100 / (int)D->n_people >= 25);
	/* Names from the issue, with their diacritics. */
	const char *names[] = {"Nguyễn Văn An", "Trần Thị Bích Hằng", "Lê Đức Thắng"};
	for (size_t k = 0; k < KH_ARRAY_LEN(names); k++) {
		bool seen = false;
		for (size_t i = 0; i < D->n_people; i++)
			seen |= strcmp(D->people[i].full_name, names[k]) == 0;
		if (!seen)
			fail_msg("%s missing", names[k]);
	}
}

/* ---- documents ---- */

static const struct demo_document *doc_by_number(const char *number)
{
	for (size_t i = 0; i < D->n_documents; i++)
		if (strcmp(D->documents[i].number, number) == 0)
			return &D->documents[i];
	return NULL;
}

static bool has_link(const char *from_number, const char *to_number, const char *kind)
{
	const struct demo_document *f = doc_by_number(from_number), *t = doc_by_number(to_number);
	if (!f || !t)
		return false;
	for (size_t i = 0; i < D->n_links; i++)
		if (strcmp(D->links[i].from_key, f->key) == 0 &&
		    strcmp(D->links[i].to_key, t->key) == 0 && strcmp(D->links[i].kind, kind) == 0)
			return true;
	return false;
}

static void test_documents(void **state)
{
	(void)state;
	const char *kinds[] = {"NQ", "CT", "KL",  "QĐ", "QĐi", "QC",
			       "HD", "KH", "CTr", "BC", "TB",  "CV"};
	for (size_t i = 0; i < D->n_documents; i++) {
		const struct demo_document *d = &D->documents[i];
		bool kind_ok = false;
		for (size_t k = 0; k < KH_ARRAY_LEN(kinds); k++)
			kind_ok |= strcmp(d->kind, kinds[k]) == 0;
		if (!kind_ok)
			fail_msg("%s: kind %s", d->key, d->kind);
		if (!valid_date(d->date))
			fail_msg("%s: date", d->key);
		check_text("document title", d->title, false);
		check_text("document number", d->number, false);
		const struct demo_org *issuer = org(d->issuer_org_key);
		/* Issued before the issuer ended (history before the data's start
		 * is allowed: a congress precedes the term it opens). */
		if (dcmp(d->date, demo_org_end(D, issuer->key)) >= 0)
			fail_msg("%s issued after %s ended", d->key, issuer->key);
		if (!d->number[0]) {
			/* Only congress resolutions go without a number. */
			if (strcmp(d->kind, "NQ") != 0 || !strstr(d->title, "Đại hội"))
				fail_msg("%s has no number", d->key);
			continue;
		}
		/* "<n>-<KIND>/<issuer short name>" */
		char kind[16], symbol[32];
		unsigned num;
		int used = 0;
		if (sscanf(d->number, "%u-%15[^/]/%31s%n", &num, kind, symbol, &used) != 3 ||
		    (size_t)used != strlen(d->number))
			fail_msg("%s: number %s", d->key, d->number);
		if (strcmp(kind, d->kind) != 0)
			fail_msg("%s: number %s, kind %s", d->key, d->number, d->kind);
		if (strcmp(symbol, issuer->short_name) != 0)
			fail_msg("%s: symbol %s, issuer %s (%s)", d->key, symbol, issuer->key,
				 issuer->short_name);
	}
	for (size_t i = 0; i < D->n_links; i++) {
		const struct demo_document_link *l = &D->links[i];
		enum document_link_kind k;
		if (!document_link_kind_parse(l->kind, &k))
			fail_msg("link kind %s", l->kind);
		if (strcmp(l->from_key, l->to_key) == 0)
			fail_msg("self link %s", l->from_key);
		/* A document cites older ones. */
		if (strcmp(demo_document_find(D, l->from_key)->date,
			   demo_document_find(D, l->to_key)->date) < 0)
			fail_msg("%s links to the later %s", l->from_key, l->to_key);
		for (size_t j = i + 1; j < D->n_links; j++)
			if (strcmp(l->from_key, D->links[j].from_key) == 0 &&
			    strcmp(l->to_key, D->links[j].to_key) == 0 &&
			    strcmp(l->kind, D->links[j].kind) == 0)
				fail_msg("duplicate link %s → %s", l->from_key, l->to_key);
	}

	/* The documents the seeds and the issue cite. */
	static const struct {
		const char *number, *date, *issuer;
	} cited[] = {
		{"04-NQ/TW", "2016-10-30", "tw"},   {"05-CT/TW", "2016-05-15", "bct"},
		{"35-CT/TW", "2019-05-30", "bct"},  {"101-QĐ/TW", "2012-06-07", "bbt"},
		{"08-QĐi/TW", "2018-10-25", "tw"},  {"55-QĐ/TW", "2016-12-19", "bct"},
		{"132-QĐ/TW", "2018-03-08", "bct"}, {"124-QĐ/TW", "2023-10-04", "bct"},
		{"366-QĐ/TW", "2025-08-30", "bct"}, {"316-KH/TU", "2018-05-04", "tu"},
		{"162-KH/TU", "2019-08-23", "tu"},  {"03-CT/TU", "2015-11-15", "tu"},
		{"01-HD/TU", NULL, "tu"},	    {"02-HD/ĐUK", NULL, "duk"},
		{"03-NQ/ĐUK", "2016-04-12", "duk"}, {"04-NQ/ĐUK", "2016-07-11", "duk"},
		{"05-NQ/ĐUK", "2016-12-08", "duk"}, {"43-KL/ĐUK", "2016-10-26", "duk"},
		{"44-KL/ĐUK", "2016-11-01", "duk"}, {"203-CV/BTCĐUK", NULL, "duk_btc"},
		{"2749-CV/BTCTU", NULL, "tu_btc"},
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(cited); i++) {
		const struct demo_document *d = doc_by_number(cited[i].number);
		if (!d)
			fail_msg("%s missing", cited[i].number);
		if (cited[i].date && strcmp(d->date, cited[i].date) != 0)
			fail_msg("%s dated %s, not %s", cited[i].number, d->date, cited[i].date);
		assert_string_equal(d->issuer_org_key, cited[i].issuer);
	}
	bool congress12 = false;
	for (size_t i = 0; i < D->n_documents; i++)
		congress12 |= strcmp(D->documents[i].date, "2016-01-28") == 0 &&
			      strstr(D->documents[i].title, "lần thứ XII") != NULL;
	assert_true(congress12);
	assert_true(has_link("124-QĐ/TW", "132-QĐ/TW", "replaces"));
	assert_true(has_link("366-QĐ/TW", "124-QĐ/TW", "replaces"));
	assert_true(has_link("162-KH/TU", "35-CT/TW", "implements"));
	assert_true(has_link("203-CV/BTCĐUK", "2749-CV/BTCTU", "based_on"));
}

/* ---- accounts and text ---- */

static void test_users(void **state)
{
	(void)state;
	const char *want[] = {"admin",	     "vanphong", "bantochuc",
			      "bithu.huyen", "bithu.xa", "bithu.chibo"};
	int admins = 0;
	assert_int_equal(D->n_users, KH_ARRAY_LEN(want));
	for (size_t i = 0; i < KH_ARRAY_LEN(want); i++) {
		assert_string_equal(D->users[i].username, want[i]);
		check_text("role hint", D->users[i].role_hint, false);
		admins += D->users[i].admin;
	}
	assert_int_equal(admins, 1);
	assert_non_null(D->password);
	assert_true(strlen(D->password) >= 8);

	/* Each account holder holds what the hint says, today or until 2025. */
	static const struct {
		const char *user, *org, *role;
	} holds[] = {
		{"vanphong", "tu_vp", "head"},
		{"bantochuc", "tu_btc", "staff"},
		{"bithu.huyen", "ld", "head"},
		{"bithu.huyen", "x_lacdien", "head"},
		{"bithu.xa", "x_tanphong", "head"},
		{"bithu.xa", "hdnd_tanphong", "head"},
		{"bithu.chibo", "cb_tph_dongxuan", "head"},
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(holds); i++) {
		const char *person = NULL;
		for (size_t u = 0; u < D->n_users; u++)
			if (strcmp(D->users[u].username, holds[i].user) == 0)
				person = D->users[u].person_key;
		bool ok = false;
		for (size_t k = 0; k < D->n_positions; k++)
			ok |= strcmp(D->positions[k].person_key, person) == 0 &&
			      strcmp(D->positions[k].org_key, holds[i].org) == 0 &&
			      strcmp(D->positions[k].role, holds[i].role) == 0;
		if (!ok)
			fail_msg("%s does not hold %s in %s", holds[i].user, holds[i].role,
				 holds[i].org);
	}
}

static void test_all_text_is_utf8(void **state)
{
	(void)state;
	for (size_t i = 0; i < D->n_orgs; i++) {
		const struct demo_org *o = &D->orgs[i];
		check_text("org key", o->key, false);
		check_text("org name", o->name, false);
		check_text("org short name", o->short_name, false);
		check_text("org kind", o->kind, false);
		assert_true(strlen(o->name) > 0 && strlen(o->short_name) <= 30);
	}
	for (size_t i = 0; i < D->n_people; i++) {
		check_text("person key", D->people[i].key, false);
		check_text("gender", D->people[i].gender, false);
	}
	for (size_t i = 0; i < D->n_positions; i++) {
		check_text("role", D->positions[i].role, false);
		check_text("title", D->positions[i].title, false);
	}
	for (size_t i = 0; i < D->n_users; i++)
		check_text("username", D->users[i].username, false);
	check_text("password", D->password, false);
	/* The validator itself. */
	assert_true(valid_text("Tỉnh ủy Sơn Nam"));
	assert_false(valid_text("Ti\xcc\x89nh")); /* a combining hook above: not NFC */
	assert_false(valid_text("\xc3\x28"));
	assert_false(valid_text("\xe0\x80\xaf")); /* overlong */
	assert_false(valid_text("\xed\xa0\x80")); /* surrogate */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_unique_and_resolved),
		cmocka_unit_test(test_tree_and_changes),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_positions_inside_org_life),
		cmocka_unit_test(test_every_org_has_a_head),
		cmocka_unit_test(test_committees_are_staffed),
		cmocka_unit_test(test_kiem_nhiem_and_retired),
		cmocka_unit_test(test_people),
		cmocka_unit_test(test_documents),
		cmocka_unit_test(test_users),
		cmocka_unit_test(test_all_text_is_utf8),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
