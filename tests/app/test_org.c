/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The org tree's use cases on a real SQLite file, as the system actor:
 * create/rename/move/merge/split/dissolve with their refusals, the tree as of
 * dates on both sides of a change, the 2025-style reorganization, history,
 * search and the CSV import. */
#include "core/common.h"
#include "app/org.h"
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
	struct actor actor;
	struct app_ctx ctx;
	struct kh_error err;
};

static int32_t D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
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
	snprintf(f->path, sizeof(f->path), "%s/app_org_%d.db", tmp, (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err)) {
		fprintf(stderr, "%s\n", f->err.message);
		return -1;
	}
	arena_init(&f->a, 8192);
	app_actor_system(&f->actor);
	f->ctx.store = f->s;
	f->ctx.arena = &f->a;
	f->ctx.actor = &f->actor;
	f->ctx.today = D(2026, 1, 15);
	f->ctx.now = 1768435200;
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

#define OK(call)                                                              \
	do {                                                                  \
		int rc_ = (call);                                             \
		if (rc_)                                                      \
			fail_msg("%s -> %d: %s", #call, rc_, f->err.message); \
	} while (0)

static int64_t create(struct fx *f, int64_t parent, const char *name, const char *short_name,
		      const char *kind, int level, int32_t date)
{
	struct org_create in = {.parent_id = parent,
				.name = name,
				.short_name = short_name,
				.kind = kind,
				.level = level,
				.date = date};
	int64_t id = 0;
	OK(app_org_create(&f->ctx, &in, &id, &f->err));
	assert_true(id > 0);
	return id;
}

/* The names of id's children as of day, joined with "|". */
static const char *kids(struct fx *f, int64_t id, int32_t day)
{
	struct org *v;
	int n;
	if (id)
		OK(app_org_children(&f->ctx, id, day, &v, &n, &f->err));
	else
		OK(app_org_roots(&f->ctx, day, &v, &n, &f->err));
	char *s = arena_strdup(&f->a, "");
	for (int i = 0; i < n; i++)
		s = arena_printf(&f->a, "%s%s%s", s, i ? "|" : "", v[i].name);
	return s;
}

static void test_create_validation(void **state)
{
	struct fx *f = *state;
	int64_t p = create(f, 0, "Tỉnh ủy Sơn Nam", "TU", "committee", 1, D(2015, 1, 1));
	struct org_create in = {
		.parent_id = p, .name = "", .kind = "committee", .level = 2, .date = D(2016, 1, 1)};
	int64_t id;
	assert_int_equal(app_org_create(&f->ctx, &in, &id, &f->err), KH_EINVAL);
	assert_string_equal(f->err.field, "name");
	char longname[260];
	memset(longname, 'a', 201);
	longname[201] = '\0';
	in.name = longname;
	assert_int_equal(app_org_create(&f->ctx, &in, &id, &f->err), KH_EINVAL);
	in.name = "Huyện ủy";
	in.short_name = "0123456789012345678901234567890";
	assert_int_equal(app_org_create(&f->ctx, &in, &id, &f->err), KH_EINVAL);
	assert_string_equal(f->err.field, "short_name");
	in.short_name = "HU";
	in.level = 10;
	assert_int_equal(app_org_create(&f->ctx, &in, &id, &f->err), KH_EINVAL);
	in.level = 2;
	in.kind = "district";
	assert_int_equal(app_org_create(&f->ctx, &in, &id, &f->err), KH_EINVAL);
	in.kind = "committee";
	in.date = D(2014, 12, 31); /* the parent does not exist yet */
	assert_int_equal(app_org_create(&f->ctx, &in, &id, &f->err), KH_EINVAL);
	assert_non_null(strstr(f->err.message, "không tồn tại"));
	in.date = D(2015, 1, 1);
	OK(app_org_create(&f->ctx, &in, &id, &f->err));

	struct org o;
	OK(app_org_get(&f->ctx, id, D(2015, 6, 1), &o, &f->err));
	assert_string_equal(o.name, "Huyện ủy");
	assert_string_equal(o.short_name, "HU");
	assert_int_equal(o.parent_id, p);
	assert_int_equal(o.level, 2);
	assert_int_equal(o.valid_from, D(2015, 1, 1));
	assert_int_equal(o.valid_to, 0);
	assert_true(org_exists_on(&o, D(2015, 6, 1)));
	assert_int_equal(app_org_get(&f->ctx, 424242, 0, &o, &f->err), KH_ENOTFOUND);

	struct audit_entry *au;
	int n;
	OK(store_audit_list(f->s, &f->a, "org", id, 10, &au, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(au[0].action, "org.create");
	assert_non_null(strstr(au[0].after, "Huyện ủy"));
}

static void test_rename(void **state)
{
	struct fx *f = *state;
	int64_t p = create(f, 0, "Tỉnh ủy Sơn Nam", "TU", "committee", 1, D(2015, 1, 1));
	int64_t d = create(f, p, "Huyện ủy Bắc Sơn", "HU", "committee", 2, D(2015, 1, 1));
	OK(app_org_rename(&f->ctx, d, "Thị ủy Bắc Sơn", "TU", D(2020, 1, 1), "Nâng cấp", &f->err));
	struct org o;
	OK(app_org_get(&f->ctx, d, D(2019, 12, 31), &o, &f->err));
	assert_string_equal(o.name, "Huyện ủy Bắc Sơn");
	assert_string_equal(o.short_name, "HU");
	OK(app_org_get(&f->ctx, d, D(2020, 1, 1), &o, &f->err));
	assert_string_equal(o.name, "Thị ủy Bắc Sơn");
	assert_string_equal(o.short_name, "TU");
	assert_int_equal(o.valid_from, D(2015, 1, 1)); /* the org's first day */

	/* Same name, a date before the version in force, before the org. */
	assert_int_equal(
		app_org_rename(&f->ctx, d, "Thị ủy Bắc Sơn", NULL, D(2021, 1, 1), NULL, &f->err),
		KH_EINVAL);
	assert_int_equal(
		app_org_rename(&f->ctx, d, "Huyện ủy X", NULL, D(2019, 6, 1), NULL, &f->err),
		KH_EINVAL);
	assert_non_null(strstr(f->err.message, "01/01/2020"));
	assert_int_equal(
		app_org_rename(&f->ctx, d, "Huyện ủy X", NULL, D(2010, 6, 1), NULL, &f->err),
		KH_EINVAL);
	assert_int_equal(app_org_rename(&f->ctx, d, "", NULL, D(2021, 6, 1), NULL, &f->err),
			 KH_EINVAL);

	/* A rename on the day the version started corrects it in place. */
	OK(app_org_rename(&f->ctx, d, "Thị ủy Bắc Sơn Mới", NULL, D(2020, 1, 1), NULL, &f->err));
	struct org_history h;
	OK(app_org_history(&f->ctx, d, &h, &f->err));
	assert_int_equal(h.n_versions, 2);
	assert_string_equal(h.versions[1].name, "Thị ủy Bắc Sơn Mới");
	assert_string_equal(h.versions[1].short_name, "TU");
	assert_int_equal(h.n_events, 3);
	assert_int_equal(h.events[0].ev.kind, ORG_EVENT_CREATE);
	assert_int_equal(h.events[1].ev.kind, ORG_EVENT_RENAME);
	assert_string_equal(h.events[1].ev.old_value, "Huyện ủy Bắc Sơn (HU)");
	assert_string_equal(h.events[1].ev.note, "Nâng cấp");
	assert_string_equal(h.events[1].org_name, "Huyện ủy Bắc Sơn");

	/* The search index follows the name, and still knows the old one. */
	struct org *hits;
	int n;
	OK(app_org_search(&f->ctx, "thi uy bac son", 0, 10, &hits, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(hits[0].id, d);
	OK(app_org_search(&f->ctx, "Huyện ủy Bắc", 0, 10, &hits, &n, &f->err));
	assert_int_equal(n, 1);
	OK(app_org_search(&f->ctx, "TU son nam", 0, 10, &hits, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(hits[0].id, p);
}

static void test_move_and_cycles(void **state)
{
	struct fx *f = *state;
	int64_t p = create(f, 0, "Tỉnh ủy", "TU", "committee", 1, D(2015, 1, 1));
	int64_t d = create(f, p, "Huyện ủy", "HU", "committee", 2, D(2015, 1, 1));
	int64_t c = create(f, d, "Đảng ủy xã An", "", "committee", 3, D(2015, 1, 1));
	int64_t k = create(f, c, "Chi bộ thôn 1", "", "cell", 4, D(2015, 1, 1));

	assert_int_equal(app_org_move(&f->ctx, d, k, D(2020, 1, 1), NULL, &f->err), KH_EINVAL);
	assert_non_null(strstr(f->err.message, "trực thuộc nó"));
	assert_int_equal(app_org_move(&f->ctx, d, d, D(2020, 1, 1), NULL, &f->err), KH_EINVAL);
	assert_int_equal(app_org_move(&f->ctx, c, 99999, D(2020, 1, 1), NULL, &f->err), KH_EINVAL);
	assert_int_equal(app_org_move(&f->ctx, c, d, D(2020, 1, 1), NULL, &f->err), KH_EINVAL);
	int64_t later = create(f, p, "Đảng ủy Khối", "", "committee", 2, D(2022, 1, 1));
	assert_int_equal(app_org_move(&f->ctx, c, later, D(2021, 1, 1), NULL, &f->err), KH_EINVAL);

	OK(app_org_move(&f->ctx, c, p, D(2020, 1, 1), "Trực thuộc tỉnh", &f->err));
	assert_string_equal(kids(f, d, D(2019, 12, 31)), "Đảng ủy xã An");
	assert_string_equal(kids(f, d, D(2020, 1, 1)), "");
	assert_string_equal(kids(f, p, D(2020, 1, 1)), "Đảng ủy xã An|Huyện ủy");

	struct org *path;
	int n;
	OK(app_org_path(&f->ctx, k, D(2019, 1, 1), &path, &n, &f->err));
	assert_int_equal(n, 3);
	assert_int_equal(path[0].id, p);
	assert_int_equal(path[1].id, d);
	assert_int_equal(path[2].id, c);
	OK(app_org_path(&f->ctx, k, D(2021, 1, 1), &path, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(path[1].id, c);

	/* A root can be made (system actor). */
	OK(app_org_move(&f->ctx, d, 0, D(2021, 1, 1), NULL, &f->err));
	assert_string_equal(kids(f, 0, D(2021, 1, 1)), "Huyện ủy|Tỉnh ủy");
}

static void test_merge(void **state)
{
	struct fx *f = *state;
	int64_t p = create(f, 0, "Tỉnh ủy", "TU", "committee", 1, D(2015, 1, 1));
	int64_t a = create(f, p, "Đảng ủy xã An", "", "committee", 3, D(2015, 1, 1));
	int64_t b = create(f, p, "Đảng ủy xã Bình", "", "committee", 3, D(2015, 1, 1));
	int64_t c = create(f, p, "Đảng ủy xã Châu", "", "committee", 3, D(2015, 1, 1));
	int64_t ka = create(f, a, "Chi bộ thôn Đông", "", "cell", 4, D(2015, 1, 1));
	int64_t kb = create(f, b, "Chi bộ thôn Tây", "", "cell", 4, D(2015, 1, 1));

	int64_t srcs[] = {a, b};
	assert_int_equal(app_org_merge(&f->ctx, srcs, 2, ka, D(2022, 1, 1), NULL, &f->err),
			 KH_EINVAL);
	assert_int_equal(app_org_merge(&f->ctx, srcs, 2, a, D(2022, 1, 1), NULL, &f->err),
			 KH_EINVAL);
	int64_t dup[] = {a, a};
	assert_int_equal(app_org_merge(&f->ctx, dup, 2, c, D(2022, 1, 1), NULL, &f->err),
			 KH_EINVAL);
	assert_int_equal(app_org_merge(&f->ctx, srcs, 0, c, D(2022, 1, 1), NULL, &f->err),
			 KH_EINVAL);
	assert_int_equal(app_org_merge(&f->ctx, srcs, 2, c, D(2010, 1, 1), NULL, &f->err),
			 KH_EINVAL);

	OK(app_org_merge(&f->ctx, srcs, 2, c, D(2022, 1, 1), "Sáp nhập xã", &f->err));
	assert_string_equal(kids(f, p, D(2021, 12, 31)),
			    "Đảng ủy xã An|Đảng ủy xã Bình|Đảng ủy xã Châu");
	assert_string_equal(kids(f, p, D(2022, 1, 1)), "Đảng ủy xã Châu");
	assert_string_equal(kids(f, c, D(2022, 1, 1)), "Chi bộ thôn Đông|Chi bộ thôn Tây");
	assert_string_equal(kids(f, a, D(2021, 1, 1)), "Chi bộ thôn Đông");

	/* A merged org shows its last version, marked as ended. */
	struct org o;
	OK(app_org_get(&f->ctx, a, D(2023, 1, 1), &o, &f->err));
	assert_string_equal(o.name, "Đảng ủy xã An");
	assert_int_equal(o.valid_to, D(2022, 1, 1));
	assert_false(org_exists_on(&o, D(2023, 1, 1)));
	assert_int_equal(app_org_rename(&f->ctx, a, "X", NULL, D(2023, 1, 1), NULL, &f->err),
			 KH_EINVAL);
	assert_non_null(strstr(f->err.message, "ngừng hoạt động"));

	/* Events both ways. */
	struct org_history h;
	OK(app_org_history(&f->ctx, c, &h, &f->err));
	int merges = 0;
	for (int i = 0; i < h.n_events; i++)
		if (h.events[i].ev.kind == ORG_EVENT_MERGE) {
			merges++;
			assert_int_equal(h.events[i].ev.other_org_id, c);
			assert_string_equal(h.events[i].other_name, "Đảng ủy xã Châu");
		}
	assert_int_equal(merges, 2);
	OK(app_org_history(&f->ctx, a, &h, &f->err));
	assert_int_equal(h.events[h.n_events - 1].ev.kind, ORG_EVENT_MERGE);
	OK(app_org_history(&f->ctx, kb, &h, &f->err));
	assert_int_equal(h.events[h.n_events - 1].ev.kind, ORG_EVENT_MOVE);
	assert_int_equal(h.events[h.n_events - 1].ev.other_org_id, c);
}

static void test_split_and_dissolve(void **state)
{
	struct fx *f = *state;
	int64_t p = create(f, 0, "Tỉnh ủy", "TU", "committee", 1, D(2015, 1, 1));
	int64_t a = create(f, p, "Đảng bộ Khối", "ĐBK", "committee", 2, D(2015, 1, 1));
	int64_t k = create(f, a, "Chi bộ Sở A", "", "cell", 3, D(2015, 1, 1));
	struct org_split_part parts[] = {{"Đảng bộ Khối Doanh nghiệp", "ĐBKDN"},
					 {"Đảng bộ Khối Cơ quan", "ĐBKCQ"}};
	int64_t *ids;
	/* Dissolving a source that still has a child is refused. */
	assert_int_equal(
		app_org_split(&f->ctx, a, parts, 2, D(2020, 1, 1), true, NULL, &ids, &f->err),
		KH_EINVAL);
	assert_int_equal(
		app_org_split(&f->ctx, a, parts, 0, D(2020, 1, 1), false, NULL, &ids, &f->err),
		KH_EINVAL);
	OK(app_org_split(&f->ctx, a, parts, 2, D(2020, 1, 1), false, "Chia khối", &ids, &f->err));
	assert_string_equal(kids(f, p, D(2020, 1, 1)),
			    "Đảng bộ Khối|Đảng bộ Khối Cơ quan|Đảng bộ Khối Doanh nghiệp");
	struct org o;
	OK(app_org_get(&f->ctx, ids[0], 0, &o, &f->err));
	assert_int_equal(o.level, 2);
	assert_int_equal(o.kind, ORG_COMMITTEE);
	assert_int_equal(o.parent_id, p);
	assert_int_equal(o.valid_from, D(2020, 1, 1));
	struct org_history h;
	OK(app_org_history(&f->ctx, ids[1], &h, &f->err));
	assert_int_equal(h.n_events, 2);
	assert_int_equal(h.events[0].ev.kind, ORG_EVENT_CREATE);
	assert_int_equal(h.events[1].ev.kind, ORG_EVENT_SPLIT);
	assert_int_equal(h.events[1].ev.org_id, a);

	/* Dissolving with a child: refused, then with children_to. */
	assert_int_equal(app_org_dissolve(&f->ctx, a, D(2021, 1, 1), 0, NULL, &f->err), KH_EINVAL);
	assert_non_null(strstr(f->err.message, "trực thuộc"));
	assert_int_equal(app_org_dissolve(&f->ctx, a, D(2021, 1, 1), k, NULL, &f->err), KH_EINVAL);
	OK(app_org_dissolve(&f->ctx, a, D(2021, 1, 1), ids[1], "Giải thể", &f->err));
	assert_string_equal(kids(f, ids[1], D(2021, 1, 1)), "Chi bộ Sở A");
	assert_string_equal(kids(f, p, D(2021, 1, 1)),
			    "Đảng bộ Khối Cơ quan|Đảng bộ Khối Doanh nghiệp");
	OK(app_org_get(&f->ctx, a, 0, &o, &f->err));
	assert_int_equal(o.valid_to, D(2021, 1, 1));
	assert_int_equal(app_org_dissolve(&f->ctx, a, D(2022, 1, 1), 0, NULL, &f->err), KH_EINVAL);

	/* Split with the source dissolved. */
	struct org_split_part two[] = {{"Chi bộ Sở A1", ""}, {"Chi bộ Sở A2", ""}};
	OK(app_org_split(&f->ctx, k, two, 2, D(2022, 1, 1), true, NULL, &ids, &f->err));
	OK(app_org_get(&f->ctx, ids[0], 0, &o, &f->err));
	assert_string_equal(kids(f, o.parent_id, D(2022, 1, 1)), "Chi bộ Sở A1|Chi bộ Sở A2");
	OK(app_org_get(&f->ctx, k, 0, &o, &f->err));
	assert_int_equal(o.valid_to, D(2022, 1, 1));
}

/* The 2025 reorganization: the district level goes, communes merge into new
 * communes directly under the province; both shapes stay visible by date. */
static void test_reorganization_2025(void **state)
{
	struct fx *f = *state;
	int32_t start = D(2015, 1, 1), cut = D(2025, 7, 1);
	int64_t p = create(f, 0, "Tỉnh ủy Sơn Nam", "TU", "committee", 1, start);
	int64_t h = create(f, p, "Huyện ủy Đông Hưng", "HU", "committee", 2, start);
	int64_t x1 = create(f, h, "Đảng ủy xã Đông Hà", "", "committee", 3, start);
	int64_t x2 = create(f, h, "Đảng ủy xã Đông La", "", "committee", 3, start);
	int64_t x3 = create(f, h, "Đảng ủy thị trấn Đông Hưng", "", "committee", 3, start);
	create(f, x1, "Chi bộ thôn 1", "", "cell", 4, start);
	create(f, x2, "Chi bộ thôn 2", "", "cell", 4, start);

	int64_t merged[] = {x1, x2};
	struct org_create nw = {.parent_id = p,
				.name = "Đảng ủy xã Đông Hưng Mới",
				.kind = "committee",
				.level = 3,
				.date = cut,
				.note = "Sắp xếp đơn vị hành chính"};
	int64_t n;
	OK(app_org_merge_into_new(&f->ctx, merged, 2, &nw, &n, &f->err));
	OK(app_org_move(&f->ctx, x3, p, cut, NULL, &f->err));
	OK(app_org_dissolve(&f->ctx, h, cut, 0, "Kết thúc cấp huyện", &f->err));

	assert_string_equal(kids(f, 0, D(2020, 1, 1)), "Tỉnh ủy Sơn Nam");
	assert_string_equal(kids(f, p, D(2020, 1, 1)), "Huyện ủy Đông Hưng");
	assert_string_equal(kids(f, h, D(2020, 1, 1)),
			    "Đảng ủy thị trấn Đông Hưng|Đảng ủy xã Đông Hà|Đảng ủy xã Đông La");
	assert_string_equal(kids(f, p, D(2026, 1, 1)),
			    "Đảng ủy thị trấn Đông Hưng|Đảng ủy xã Đông Hưng Mới");
	assert_string_equal(kids(f, n, D(2026, 1, 1)), "Chi bộ thôn 1|Chi bộ thôn 2");
	assert_string_equal(kids(f, h, D(2026, 1, 1)), "");
	struct org o;
	OK(app_org_get(&f->ctx, h, D(2026, 1, 1), &o, &f->err));
	assert_int_equal(o.valid_to, cut);
	assert_int_equal(o.child_count, 3); /* as of its last day */
	OK(app_org_get(&f->ctx, p, D(2020, 1, 1), &o, &f->err));
	assert_int_equal(o.child_count, 1);
	OK(app_org_get(&f->ctx, p, D(2026, 1, 1), &o, &f->err));
	assert_int_equal(o.child_count, 2);
	/* Searching the dissolved district finds nothing on a later date. */
	struct org *hits;
	int nh;
	OK(app_org_search(&f->ctx, "huyen uy dong hung", D(2026, 1, 1), 10, &hits, &nh, &f->err));
	assert_int_equal(nh, 0);
	OK(app_org_search(&f->ctx, "HU dong hung", D(2020, 1, 1), 10, &hits, &nh, &f->err));
	/* "hu" is also a prefix of "hung": the town matches too. */
	assert_int_equal(nh, 2);
	assert_string_equal(hits[1].name, "Huyện ủy Đông Hưng");
}

static int64_t count_roots(struct fx *f)
{
	struct org *v;
	int n;
	OK(app_org_roots(&f->ctx, D(2030, 1, 1), &v, &n, &f->err));
	return n;
}

static void test_import(void **state)
{
	struct fx *f = *state;
	struct import_report r;
	const char *csv = "\xEF\xBB\xBFma,ma_cap_tren,ten,ten_viet_tat,loai,cap,ngay_hieu_luc\r\n"
			  "T01,,Tỉnh ủy Sơn Nam,TU,committee,1,2015-01-01\r\n"
			  "H01,T01,Huyện ủy Đông Hưng,HU,Đảng bộ,2,01/01/2015\r\n"
			  "X01,H01,\"Đảng ủy xã Đông Hà, Đông La\",,committee,,2015-01-01\r\n"
			  "C01,X01,Chi bộ thôn 1,,Chi bộ,4,\r\n";
	/* A dry run reports and applies nothing. */
	OK(app_org_import_csv(&f->ctx, csv, strlen(csv), D(2016, 1, 1), true, &r, &f->err));
	assert_false(r.applied);
	assert_int_equal(r.n_rows, 4);
	assert_int_equal(r.n_created, 4);
	assert_int_equal(count_roots(f), 0);

	OK(app_org_import_csv(&f->ctx, csv, strlen(csv), D(2016, 1, 1), false, &r, &f->err));
	assert_true(r.applied);
	assert_int_equal(r.n_created, 4);
	assert_int_equal(count_roots(f), 1);
	struct org *v;
	int n;
	OK(app_org_roots(&f->ctx, D(2016, 1, 1), &v, &n, &f->err));
	int64_t t = v[0].id;
	assert_string_equal(kids(f, t, D(2016, 1, 1)), "Huyện ủy Đông Hưng");
	OK(app_org_children(&f->ctx, t, D(2016, 1, 1), &v, &n, &f->err));
	int64_t hid = v[0].id;
	OK(app_org_children(&f->ctx, hid, D(2016, 1, 1), &v, &n, &f->err));
	assert_string_equal(v[0].name, "Đảng ủy xã Đông Hà, Đông La");
	assert_int_equal(v[0].level, 3); /* the parent's level + 1 */
	OK(app_org_children(&f->ctx, v[0].id, D(2016, 1, 1), &v, &n, &f->err));
	assert_int_equal(v[0].kind, ORG_CELL);
	assert_int_equal(v[0].valid_from, D(2016, 1, 1)); /* as_of when no date */

	/* Re-importing the same file changes nothing. */
	OK(app_org_import_csv(&f->ctx, csv, strlen(csv), D(2016, 1, 1), false, &r, &f->err));
	assert_int_equal(r.n_created, 0);
	assert_int_equal(r.n_unchanged, 4);
	assert_int_equal(count_roots(f), 1);

	/* A new name and a new parent update the org from the row's date. */
	const char *csv2 = "ma;ma_cap_tren;ten;ten_viet_tat;loai;cap;ngay_hieu_luc\n"
			   "H01;T01;Thị ủy Đông Hưng;TU;committee;2;2020-01-01\n"
			   "X01;T01;Đảng ủy xã Đông Hà, Đông La;;committee;3;2020-01-01\n";
	OK(app_org_import_csv(&f->ctx, csv2, strlen(csv2), 0, false, &r, &f->err));
	assert_int_equal(r.n_updated, 2);
	assert_string_equal(r.rows[0].action, "update");
	assert_string_equal(kids(f, t, D(2019, 1, 1)), "Huyện ủy Đông Hưng");
	assert_string_equal(kids(f, t, D(2020, 1, 1)),
			    "Đảng ủy xã Đông Hà, Đông La|Thị ủy Đông Hưng");

	/* Errors by row; nothing applied. */
	const char *bad = "ma,ma_cap_tren,ten,ten_viet_tat,loai,cap,ngay_hieu_luc\n"
			  "N01,T01,Đảng ủy mới,,committee,3,2021-01-01\n"
			  "N02,ZZZ,Chi bộ lạc,,cell,4,2021-01-01\n"
			  "N03,T01,,,cell,4,2021-01-01\n"
			  "N04,T01,Chi bộ A,,khu phố,4,2021-01-01\n"
			  "N05,T01,Chi bộ B,,cell,12,2021-13-01\n"
			  "N01,T01,Đảng ủy trùng,,committee,3,2021-01-01\n"
			  "N06,N07,Vòng 1,,cell,4,2021-01-01\n"
			  "N07,N06,Vòng 2,,cell,4,2021-01-01\n";
	int rc = app_org_import_csv(&f->ctx, bad, strlen(bad), 0, false, &r, &f->err);
	assert_int_equal(rc, KH_EINVAL);
	assert_false(r.applied);
	assert_int_equal(r.n_rows, 8);
	assert_int_equal(r.n_errors, 7);
	assert_string_equal(r.rows[0].action,
			    "skip"); /* valid, not applied; its duplicate is row 7 */
	assert_int_equal(r.rows[1].line, 3);
	assert_non_null(strstr(r.rows[1].message, "ZZZ"));
	assert_non_null(strstr(r.rows[2].message, "Tên tổ chức"));
	assert_non_null(strstr(r.rows[3].message, "khu phố"));
	assert_non_null(strstr(r.rows[4].message, "cấp"));
	assert_non_null(strstr(r.rows[5].message, "dòng 2"));
	assert_non_null(strstr(r.rows[6].message, "vòng lặp"));
	assert_string_equal(kids(f, t, D(2022, 1, 1)),
			    "Đảng ủy xã Đông Hà, Đông La|Thị ủy Đông Hưng");

	/* An apply-time error (parent created after the child's date) too. */
	const char *late = "ma,ma_cap_tren,ten,loai,ngay_hieu_luc\n"
			   "L01,T01,Đảng ủy mới,committee,2024-01-01\n"
			   "L02,L01,Chi bộ sớm,cell,2023-01-01\n";
	rc = app_org_import_csv(&f->ctx, late, strlen(late), 0, false, &r, &f->err);
	assert_int_equal(rc, KH_EINVAL);
	assert_int_equal(r.n_errors, 1);
	assert_string_equal(r.rows[0].action, "skip"); /* rolled back with the file */
	assert_string_equal(r.rows[1].action, "error");
	assert_string_equal(kids(f, t, D(2025, 1, 1)),
			    "Đảng ủy xã Đông Hà, Đông La|Thị ủy Đông Hưng");

	/* File-level errors. */
	const char *nohdr = "T01,,Tỉnh ủy,TU,committee,1,2015-01-01\n";
	assert_int_equal(app_org_import_csv(&f->ctx, nohdr, strlen(nohdr), 0, false, &r, &f->err),
			 KH_EINVAL);
	assert_non_null(strstr(f->err.message, "Dòng 1"));
	assert_int_equal(app_org_import_csv(&f->ctx, "", 0, 0, false, &r, &f->err), KH_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_validation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rename, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_and_cycles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_split_and_dissolve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reorganization_2025, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
