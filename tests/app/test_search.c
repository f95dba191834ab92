/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Search through the use-case layer on a real database built with the use
 * cases themselves: folding of case and diacritics (đ too), both tone-mark
 * placements, best match first, the actor's scope (documents flow down), FTS
 * syntax typed by users, short queries, the types mask and the limit. */
#include "core/common.h"
#include "app/document.h"
#include "app/org.h"
#include "app/person.h"
#include "app/search.h"
#include "core/date.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fx {
	char path[512];
	struct store *s;
	struct arena a;
	struct actor system;
	struct app_ctx sys;
	struct kh_error err;
	int64_t central, son_nam, bac_ha, board, hoa_binh, cell, board_only, board_tu;
	int64_t an, thuy, duc, hoa, reader, other;
	int64_t doc_tw, doc_tu, doc_bh, doc_free;
};

static int32_t D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

#define OK(call)                                                              \
	do {                                                                  \
		int rc_ = (call);                                             \
		if (rc_)                                                      \
			fail_msg("%s -> %d: %s", #call, rc_, f->err.message); \
	} while (0)

static int64_t org(struct fx *f, int64_t parent, const char *name, const char *kind, int level)
{
	struct org_create in = {.parent_id = parent,
				.name = name,
				.kind = kind,
				.level = level,
				.date = D(2015, 1, 1)};
	int64_t id = 0;
	OK(app_org_create(&f->sys, &in, &id, &f->err));
	return id;
}

static int64_t person(struct fx *f, const char *name, int64_t member)
{
	struct person_input in = {
		.full_name = name, .member_org_id = member, .set_member_org = true};
	struct person p;
	OK(app_person_create(&f->sys, &in, &p, &f->err));
	return p.id;
}

static void position(struct fx *f, int64_t who, int64_t where, const char *role, const char *title)
{
	struct position_input in = {.person_id = who,
				    .org_id = where,
				    .role = role,
				    .title = title,
				    .valid_from = D(2020, 10, 1)};
	struct position p;
	OK(app_position_add(&f->sys, &in, &p, &f->err));
}

static int64_t document(struct fx *f, const char *number, int64_t issuer, const char *title)
{
	struct document_input in = {.number = number,
				    .issuer_org_id = issuer,
				    .set_issuer = true,
				    .title = title,
				    .date = D(2021, 3, 1),
				    .set_date = true};
	struct document d;
	OK(app_document_create(&f->sys, &in, &d, &f->err));
	return d.id;
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	const char *tmp = getenv("KH_TEST_TMP");
	char cmd[600];
	if (!tmp)
		tmp = "/tmp";
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", tmp);
	if (system(cmd) != 0)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/app_search_%d.db", tmp, (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err))
		return -1;
	arena_init(&f->a, 8192);
	app_actor_system(&f->system);
	f->sys = (struct app_ctx){.store = f->s,
				  .arena = &f->a,
				  .actor = &f->system,
				  .today = D(2026, 1, 15),
				  .now = 1768435200};
	f->central = org(f, 0, "Ban Chấp hành Trung ương", "committee", 0);
	f->son_nam = org(f, f->central, "Tỉnh ủy Sơn Nam", "committee", 1);
	f->bac_ha = org(f, f->central, "Tỉnh uỷ Bắc Hà", "committee", 1);
	f->board_tu = org(f, f->son_nam, "Ban Tổ chức Tỉnh ủy", "org_board", 2);
	f->hoa_binh = org(f, f->son_nam, "Huyện ủy Hòa Bình", "committee", 2);
	f->cell = org(f, f->hoa_binh, "Chi bộ Thôn Đông", "cell", 4);
	f->board_only = org(f, f->bac_ha, "Ban Tổ chức", "org_board", 2);

	f->an = person(f, "Nguyễn Văn An", f->cell);
	position(f, f->an, f->son_nam, "head", "Bí thư Tỉnh ủy");
	f->thuy = person(f, "Trần Thị Thủy", f->cell);
	f->duc = person(f, "Đặng Văn Đức", f->cell);
	f->hoa = person(f, "Lê Thị Hoà", f->bac_ha);
	f->reader = person(f, "Phạm Văn Đọc", f->cell);
	position(f, f->reader, f->cell, "member", "");
	f->other = person(f, "Vũ Văn Khác", f->board_only);

	f->doc_tw = document(f, "Số 19-NQ/TW", f->central, "Nghị quyết về tổ chức bộ máy");
	f->doc_tu = document(f, "số 05 - NQ/TU", f->son_nam, "Nghị quyết về phát triển kinh tế");
	f->doc_bh = document(f, "07-NQ/TU", f->bac_ha, "Nghị quyết của Tỉnh ủy Bắc Hà");
	f->doc_free = document(f, "36-HD/VPTW", 0,
			       "Hướng dẫn thể thức văn bản của Ban Tổ chức Trung ương");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char p[600];
	store_close(f->s);
	arena_release(&f->a);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	free(f);
	return 0;
}

static int search(struct fx *f, struct app_ctx *c, const char *q, int types,
		  struct search_hit **hits)
{
	int n = -1;
	int rc = app_search(c, q, types, 50, hits, &n, &f->err);
	if (rc)
		fail_msg("app_search(%s) -> %d: %s", q, rc, f->err.message);
	return n;
}

static bool has(const struct search_hit *h, int n, enum search_type t, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (h[i].type == t && h[i].id == id)
			return true;
	return false;
}

static void test_case_and_diacritics(void **state)
{
	struct fx *f = *state;
	struct search_hit *a, *b, *c;
	int na = search(f, &f->sys, "tinh uy son nam", 0, &a);
	int nb = search(f, &f->sys, "Tỉnh uỷ Sơn Nam", 0, &b);
	int nc = search(f, &f->sys, "TỈNH ỦY SƠN NAM", 0, &c);
	assert_true(na > 0);
	assert_int_equal(na, nb);
	assert_int_equal(na, nc);
	for (int i = 0; i < na; i++) {
		assert_int_equal(a[i].type, b[i].type);
		assert_int_equal(a[i].id, b[i].id);
		assert_int_equal(a[i].type, c[i].type);
		assert_int_equal(a[i].id, c[i].id);
	}
	assert_int_equal(a[0].type, SEARCH_ORG);
	assert_int_equal(a[0].id, f->son_nam);
	assert_string_equal(a[0].title, "Tỉnh ủy Sơn Nam");
}

static void test_d_and_tone_placement(void **state)
{
	struct fx *f = *state;
	struct search_hit *h;
	const char *dq[] = {"dang van duc", "Đặng Văn Đức", "ĐẶNG", "đức", "duc"};
	for (size_t i = 0; i < KH_ARRAY_LEN(dq); i++) {
		int n = search(f, &f->sys, dq[i], SEARCH_MASK(SEARCH_PERSON), &h);
		assert_true(has(h, n, SEARCH_PERSON, f->duc));
	}
	/* Thủy / Thuỷ and Hoà / Hòa: both placements find both spellings. */
	int n = search(f, &f->sys, "Thuỷ", 0, &h);
	assert_true(has(h, n, SEARCH_PERSON, f->thuy));
	n = search(f, &f->sys, "Thủy", 0, &h);
	assert_true(has(h, n, SEARCH_PERSON, f->thuy));
	n = search(f, &f->sys, "Hòa", SEARCH_MASK(SEARCH_PERSON), &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].id, f->hoa);
	/* "Tỉnh uỷ Bắc Hà" was written with the other placement. */
	n = search(f, &f->sys, "tỉnh ủy bắc hà", 0, &h);
	assert_true(n > 0);
	assert_int_equal(h[0].type, SEARCH_ORG);
	assert_int_equal(h[0].id, f->bac_ha);
}

static void test_best_first(void **state)
{
	struct fx *f = *state;
	struct search_hit *h;
	/* Exact title, then a title that starts with the words, then the
	 * document that only mentions them. */
	int n = search(f, &f->sys, "ban to chuc", 0, &h);
	assert_true(n >= 3);
	assert_int_equal(h[0].type, SEARCH_ORG);
	assert_int_equal(h[0].id, f->board_only);
	assert_int_equal(h[1].type, SEARCH_ORG);
	assert_int_equal(h[1].id, f->board_tu);
	assert_true(has(h, n, SEARCH_DOCUMENT, f->doc_free));
	/* Prefix of the last word. */
	n = search(f, &f->sys, "tinh uy son n", 0, &h);
	assert_true(n > 0);
	assert_int_equal(h[0].id, f->son_nam);
	/* A person's subtitle carries the main position. */
	n = search(f, &f->sys, "nguyen van an", SEARCH_MASK(SEARCH_PERSON), &h);
	assert_int_equal(n, 1);
	assert_string_equal(h[0].title, "Nguyễn Văn An");
	assert_string_equal(h[0].subtitle, "Bí thư Tỉnh ủy · Tỉnh ủy Sơn Nam");
	/* A document by its number, however it was typed. */
	n = search(f, &f->sys, "05-NQ/TU", SEARCH_MASK(SEARCH_DOCUMENT), &h);
	assert_true(n >= 1);
	assert_int_equal(h[0].id, f->doc_tu);
	assert_string_equal(h[0].title, "05-NQ/TU — Nghị quyết về phát triển kinh tế");
}

static void test_scope(void **state)
{
	struct fx *f = *state;
	struct actor a = {.user_id = 7, .person_id = f->reader, .username = "doc"};
	struct app_ctx c = f->sys;
	struct search_hit *h;
	c.actor = &a;
	/* Resolutions: the centre's and the own province's flow down, the
	 * unissued one is everyone's, the other province's is not visible. */
	int n = search(f, &c, "nghi quyet", 0, &h);
	assert_true(has(h, n, SEARCH_DOCUMENT, f->doc_tw));
	assert_true(has(h, n, SEARCH_DOCUMENT, f->doc_tu));
	assert_false(has(h, n, SEARCH_DOCUMENT, f->doc_bh));
	n = search(f, &c, "huong dan", 0, &h);
	assert_true(has(h, n, SEARCH_DOCUMENT, f->doc_free));
	/* People of the own cell yes; of the other province no. */
	n = search(f, &c, "van", SEARCH_MASK(SEARCH_PERSON), &h);
	assert_true(has(h, n, SEARCH_PERSON, f->duc));
	assert_true(has(h, n, SEARCH_PERSON, f->an));
	assert_false(has(h, n, SEARCH_PERSON, f->other));
	n = search(f, &c, "hoa", SEARCH_MASK(SEARCH_PERSON), &h);
	assert_int_equal(n, 0);
	/* Orgs: the own cell, not the provinces. */
	n = search(f, &c, "chi bo", 0, &h);
	assert_true(has(h, n, SEARCH_ORG, f->cell));
	n = search(f, &c, "tinh uy", SEARCH_MASK(SEARCH_ORG), &h);
	assert_int_equal(n, 0);
	/* The same query as the system sees both provinces. */
	n = search(f, &f->sys, "tinh uy", SEARCH_MASK(SEARCH_ORG), &h);
	assert_true(has(h, n, SEARCH_ORG, f->son_nam));
	assert_true(has(h, n, SEARCH_ORG, f->bac_ha));
}

static void test_hostile_and_short_queries(void **state)
{
	struct fx *f = *state;
	struct search_hit *h;
	const char *odd[] = {"\"",
			     "\"\"",
			     "*",
			     "**",
			     "tinh*",
			     "NEAR(tinh uy)",
			     "tinh\" OR \"uy",
			     "(",
			     ")",
			     "-tinh",
			     "^uy",
			     "tinh:uy",
			     "AND",
			     "OR NOT",
			     "{uy}",
			     "'",
			     "tinh + uy",
			     "\\",
			     "%_",
			     "; DROP TABLE people; --",
			     "NEAR/2"};
	for (size_t i = 0; i < KH_ARRAY_LEN(odd); i++)
		(void)search(f, &f->sys, odd[i], 0, &h);
	int n = search(f, &f->sys, "NEAR(tinh uy)", 0, &h);
	assert_int_equal(n, 0); /* "near" is just a word that matches nothing */
	n = search(f, &f->sys, "tinh\" OR \"uy", SEARCH_MASK(SEARCH_ORG), &h);
	assert_int_equal(n, 0);
	n = search(f, &f->sys, "(tinh uy)", SEARCH_MASK(SEARCH_ORG), &h);
	assert_true(has(h, n, SEARCH_ORG, f->son_nam));
	/* Empty, one character, or nothing left after folding: no hits. */
	const char *shortq[] = {"", " ", "a", "Đ", "đ", "ả", "  x  ", "?!", "--"};
	for (size_t i = 0; i < KH_ARRAY_LEN(shortq); i++) {
		n = search(f, &f->sys, shortq[i], 0, &h);
		assert_int_equal(n, 0);
	}
	n = -1;
	assert_int_equal(app_search(&f->sys, NULL, 0, 10, &h, &n, &f->err), 0);
	assert_int_equal(n, 0);
}

static void test_types_and_limit(void **state)
{
	struct fx *f = *state;
	struct search_hit *h;
	int n = search(f, &f->sys, "nghi quyet", SEARCH_MASK(SEARCH_DOCUMENT), &h);
	assert_int_equal(n, 3);
	for (int i = 0; i < n; i++)
		assert_int_equal(h[i].type, SEARCH_DOCUMENT);
	assert_int_equal(app_search(&f->sys, "nghi quyet", 0, 2, &h, &n, &f->err), 0);
	assert_int_equal(n, 2);
	int mask;
	assert_true(app_search_types_parse("org,document", &mask));
	assert_int_equal(mask, SEARCH_MASK(SEARCH_ORG) | SEARCH_MASK(SEARCH_DOCUMENT));
	assert_true(app_search_types_parse("", &mask));
	assert_int_equal(mask, SEARCH_MASK_ALL);
	assert_false(app_search_types_parse("org,nope", &mask));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_case_and_diacritics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_d_and_tone_placement, setup, teardown),
		cmocka_unit_test_setup_teardown(test_best_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_and_short_queries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_types_and_limit, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
