/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Progress of plan items (see app/progress.h): the states derived from the
 * deadline model for every shape of deadline, who may report what, reports
 * with their evidence files (checked by their first bytes, stored by their
 * SHA-256 under "<database>.files/ab/cdef…", written to a temporary file
 * and renamed, before the transaction that records them: a file left by a
 * failed transaction is harmless and is reused by the next upload of the
 * same content), the event of a conditional deadline, the fan-out of
 * assigned items, and summaries of a plan or an org's plans for a period.
 */
#include "core/common.h"
#include "app/progress.h"
#include "app/plan.h"
#include "core/date.h"
#include "store/notify.h"
#include "store/org.h"
#include "store/plan.h"
#include "store/progress.h"
#include "text/deadline.h"
#include "text/utf8.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* ---- names ---- */

static const char *const derived_names[] = {"no_due",	    "not_due",	 "due_soon", "overdue",
					    "done_on_time", "done_late", "done"};
static const char *const derived_labels[] = {
	"Chưa xác định hạn",   "Chưa đến hạn",	  "Sắp đến hạn", "Quá hạn",
	"Hoàn thành đúng hạn", "Hoàn thành muộn", "Hoàn thành"};

const char *progress_derived_name(enum progress_derived d)
{
	return (unsigned)d < KH_ARRAY_LEN(derived_names) ? derived_names[d] : "no_due";
}

const char *progress_derived_label(enum progress_derived d)
{
	return (unsigned)d < KH_ARRAY_LEN(derived_labels) ? derived_labels[d] : "";
}

static const char *const state_names[] = {"not_started", "in_progress", "done", "stalled"};
static const char *const state_labels[] = {"Chưa thực hiện", "Đang thực hiện", "Hoàn thành",
					   "Tạm dừng, vướng mắc"};

const char *progress_state_label(const char *state)
{
	for (size_t i = 0; state && i < KH_ARRAY_LEN(state_names); i++)
		if (strcmp(state, state_names[i]) == 0)
			return state_labels[i];
	return "";
}

bool progress_state_valid(const char *state)
{
	return *progress_state_label(state) != '\0';
}

/* ---- derivation ---- */

static bool is_done_state(const char *s)
{
	return s && strcmp(s, "done") == 0;
}

static bool end_done(const int32_t *ends, int n, int32_t e)
{
	for (int i = 0; i < n; i++)
		if (ends[i] == e)
			return true;
	return false;
}

static enum progress_derived pending(int32_t due, int32_t on)
{
	if (!due)
		return PROGRESS_NO_DUE;
	if (on > due)
		return PROGRESS_OVERDUE;
	if ((int64_t)due - on <= DEADLINE_SOON_DAYS)
		return PROGRESS_DUE_SOON;
	return PROGRESS_NOT_DUE;
}

/* The due day of a non-recurring deadline (0 = none). */
static int32_t fixed_due(const struct plan_item *it)
{
	switch (it->deadline_kind) {
	case DEADLINE_DATE:
	case DEADLINE_WINDOW:
		return it->deadline_end;
	case DEADLINE_CONDITIONAL:
		return it->event_day ? it->event_day + it->deadline_after_days : 0;
	default:
		return 0;
	}
}

#define OCCURRENCES_MAX 2000

void progress_derive(const struct plan_item *it, int32_t on, int32_t from, const int32_t *done_ends,
		     int n_done, struct progress_derivation *out)
{
	memset(out, 0, sizeof(*out));
	bool done = is_done_state(it->progress_state) && it->done_day && it->done_day <= on;
	if (it->deadline_kind != DEADLINE_RECURRING) {
		int32_t due = fixed_due(it);
		out->due = due;
		if (done)
			out->derived = !due		     ? PROGRESS_DONE
				       : it->done_day <= due ? PROGRESS_DONE_ON_TIME
							     : PROGRESS_DONE_LATE;
		else
			out->derived = pending(due, on);
		return;
	}
	struct deadline d = {.kind = DEADLINE_RECURRING,
			     .start = it->deadline_start,
			     .end = it->deadline_end,
			     .period = (enum deadline_period)it->deadline_period};
	int32_t cur = deadline_due(&d, on);
	if (!cur) { /* "thường xuyên": no occurrences, never overdue */
		out->derived = done ? PROGRESS_DONE : PROGRESS_NO_DUE;
		return;
	}
	out->due = cur;
	out->occurrence_end = cur;
	out->occurrence_done = end_done(done_ends, n_done, cur);
	/* The occurrences that ended before `on`, from the later of the duty's
	 * start and `from`. */
	int32_t first = d.start > from ? d.start : from;
	if (first) {
		int32_t e = deadline_due(&d, first);
		for (int k = 0; e && e < on && k < OCCURRENCES_MAX; k++) {
			out->occurrences_due++;
			if (!end_done(done_ends, n_done, e))
				out->occurrences_missed++;
			int32_t next = deadline_due(&d, e + 1);
			if (next <= e)
				break;
			e = next;
		}
	}
	if (cur < on) { /* the duty has ended: its last occurrence is past */
		out->derived = out->occurrences_missed ? PROGRESS_OVERDUE : PROGRESS_DONE_ON_TIME;
		return;
	}
	if (out->occurrences_missed)
		out->derived = PROGRESS_OVERDUE;
	else if (out->occurrence_done)
		out->derived = PROGRESS_DONE_ON_TIME;
	else
		out->derived = pending(cur, on);
}

/* The done occurrences of item among pairs sorted by item (arena). */
static void ends_of(const struct store_done_end *v, int n, int64_t item, struct arena *a,
		    int32_t **out, int *count)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += v[i].item_id == item;
	*out = arena_alloc(a, sizeof(**out) * (size_t)(k + 1));
	*count = 0;
	for (int i = 0; i < n; i++)
		if (v[i].item_id == item)
			(*out)[(*count)++] = v[i].end;
}

static int32_t plan_first_day(const struct plan *p)
{
	return date_from_ymd(p->year_from, 1, 1);
}

/* Derives the state of one item on ctx->today (loading its done
 * occurrences). */
static int derive_one(struct app_ctx *ctx, const struct plan *p, const struct plan_item *it,
		      int32_t on, struct progress_derivation *d, struct kh_error *err)
{
	struct store_done_end *v = NULL;
	int n = 0, rc;
	int32_t *ends;
	int nends;
	if (it->deadline_kind == DEADLINE_RECURRING &&
	    (rc = store_progress_done_ends(ctx->store, ctx->arena, it->id, 0, &v, &n, err)))
		return rc;
	ends_of(v, n, it->id, ctx->arena, &ends, &nends);
	progress_derive(it, on, plan_first_day(p), ends, nends, d);
	return 0;
}

/* ---- summaries ---- */

struct sumlist {
	struct progress_item_summary *v;
	int n, cap;
};

static void count_item(struct progress_summary *s, const struct plan_item *it,
		       const struct progress_derivation *d, int64_t *percent_sum)
{
	s->n_items++;
	*percent_sum += it->progress_percent;
	switch (d->derived) {
	case PROGRESS_DONE_ON_TIME:
	case PROGRESS_DONE:
		s->done_on_time++;
		break;
	case PROGRESS_DONE_LATE:
		s->done_late++;
		break;
	case PROGRESS_OVERDUE:
		s->overdue++;
		break;
	default:
		/* "done" here: an earlier occurrence of a recurring duty. */
		if (it->progress_state && strcmp(it->progress_state, "not_started") != 0)
			s->in_progress++;
		else
			s->not_started++;
	}
	if (d->derived == PROGRESS_DUE_SOON)
		s->due_soon++;
	if (it->progress_state && strcmp(it->progress_state, "stalled") == 0)
		s->stalled++;
}

static int summarize_plan(struct app_ctx *ctx, const struct plan *p, const struct progress_query *q,
			  int32_t on, struct progress_summary *out, struct sumlist *l,
			  int64_t *percent_sum, struct kh_error *err)
{
	struct plan_item *items;
	struct store_done_end *ends;
	int nitems, nends, rc;
	if ((rc = store_plan_items(ctx->store, ctx->arena, p->id, ctx->today, &items, &nitems,
				   err)) ||
	    (rc = store_progress_done_ends(ctx->store, ctx->arena, 0, p->id, &ends, &nends, err)))
		return rc;
	int32_t from = q->from ? q->from : plan_first_day(p);
	for (int i = 0; i < nitems; i++) {
		const struct plan_item *it = &items[i];
		if (q->tasks_only && it->kind != PLAN_ITEM_TASK &&
		    it->kind != PLAN_ITEM_KEY_PROJECT)
			continue;
		int32_t *e;
		int ne;
		ends_of(ends, nends, it->id, ctx->arena, &e, &ne);
		struct progress_derivation d;
		progress_derive(it, on, from, e, ne, &d);
		count_item(out, it, &d, percent_sum);
		if (!q->with_items)
			continue;
		if (l->n == l->cap) {
			int ncap = l->cap ? l->cap * 2 : 64;
			struct progress_item_summary *w =
				arena_alloc(ctx->arena, sizeof(*w) * (size_t)ncap);
			if (l->n)
				memcpy(w, l->v, sizeof(*w) * (size_t)l->n);
			l->v = w;
			l->cap = ncap;
		}
		l->v[l->n].item = *it;
		l->v[l->n].d = d;
		l->n++;
	}
	return 0;
}

int app_progress_summary(struct app_ctx *ctx, const struct progress_query *q,
			 struct progress_summary *out, struct kh_error *err)
{
	struct sumlist l = {0};
	int64_t percent_sum = 0;
	int rc;
	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	int32_t on = q->to && q->to < ctx->today ? q->to : ctx->today;
	if (q->from && q->to && q->from > q->to)
		return kh_fail(err, KH_EINVAL, "from", "Ngày đầu kỳ sau ngày cuối kỳ");
	if (q->plan_id) {
		struct plan p;
		struct plan_rights r;
		if ((rc = app_plan_rights(ctx, q->plan_id, &p, &r, err)))
			return rc;
		if (!r.read)
			return kh_fail(err, KH_EFORBIDDEN, NULL,
				       "Bạn không có quyền xem kế hoạch này");
		if ((rc = summarize_plan(ctx, &p, q, on, out, &l, &percent_sum, err)))
			return rc;
	} else if (q->org_id || q->person_id) {
		if (q->org_id && (rc = app_can_read_org(ctx, q->org_id, err)))
			return rc;
		int y1, y2, m, d;
		date_to_ymd(q->from ? q->from : on, &y1, &m, &d);
		date_to_ymd(q->to ? q->to : on, &y2, &m, &d);
		int64_t *ids;
		int n;
		if ((rc = store_plan_ids_issued(ctx->store, ctx->arena, q->org_id, q->person_id, y1,
						y2, &ids, &n, err)))
			return rc;
		for (int i = 0; i < n; i++) {
			struct plan p;
			if (!q->org_id) {
				/* a person's plans: those the actor may read */
				struct plan_rights r;
				struct kh_error e;
				if (app_plan_rights(ctx, ids[i], &p, &r, &e) || !r.read)
					continue;
			}
			if ((rc = store_plan_get(ctx->store, ctx->arena, ids[i], ctx->today, &p,
						 err)) ||
			    (rc = summarize_plan(ctx, &p, q, on, out, &l, &percent_sum, err)))
				return rc;
		}
	} else {
		return kh_fail(err, KH_EINVAL, "plan_id", "Cần chọn kế hoạch hoặc tổ chức");
	}
	out->percent_mean = out->n_items ? (int)(percent_sum / out->n_items) : 0;
	out->items = l.v;
	out->n = l.n;
	return 0;
}

/* ---- rights ---- */

static int acts(struct app_ctx *ctx, int64_t org, bool *yes, struct kh_error *err)
{
	struct kh_error e = {0};
	*yes = false;
	if (!org)
		return 0;
	int rc = app_can_act_for_org(ctx, org, &e);
	if (rc == 0)
		*yes = true;
	else if (rc != KH_EFORBIDDEN && rc != KH_ENOTFOUND) {
		*err = e;
		return rc;
	}
	return 0;
}

static int compute_rights(struct app_ctx *ctx, const struct plan_item *it,
			  const struct plan_rights *pr, struct progress_rights *r,
			  struct kh_error *err)
{
	int rc;
	memset(r, 0, sizeof(*r));
	bool all = app_sees_all(ctx);
	r->lead = all || pr->own ||
		  (it->lead_person_id && ctx->actor->person_id == it->lead_person_id);
	if (!r->lead && (rc = acts(ctx, it->lead_org_id, &r->lead, err)))
		return rc;
	r->part_orgs = arena_alloc(ctx->arena,
				   sizeof(*r->part_orgs) * (size_t)(it->n_coordinator_orgs + 1));
	for (int i = 0; i < it->n_coordinator_orgs; i++) {
		bool yes = all;
		if (!yes && (rc = acts(ctx, it->coordinator_org_ids[i], &yes, err)))
			return rc;
		if (yes)
			r->part_orgs[r->n_part_orgs++] = it->coordinator_org_ids[i];
	}
	/* The lead and the coordinators see the item they report on even when
	 * the plan is not otherwise theirs to read (a sibling org named as
	 * coordinator). */
	r->read = pr->read || r->lead || r->n_part_orgs > 0;
	return 0;
}

/* The item, its plan and the actor's rights; KH_EFORBIDDEN when not
 * readable. */
static int load_item(struct app_ctx *ctx, int64_t item_id, struct plan_item *it, struct plan *p,
		     struct progress_rights *r, struct kh_error *err)
{
	struct plan_rights pr;
	int rc;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = store_plan_item_get(ctx->store, ctx->arena, item_id, ctx->today, it, err)) ||
	    (rc = app_plan_rights(ctx, it->plan_id, p, &pr, err)) ||
	    (rc = compute_rights(ctx, it, &pr, r, err)))
		return rc;
	if (!r->read)
		return kh_fail(err, KH_EFORBIDDEN, NULL, "Bạn không có quyền xem kế hoạch này");
	return 0;
}

static int require_running(const struct plan *p, struct kh_error *err)
{
	if (p->status == PLAN_APPROVED || p->status == PLAN_ADJUSTING)
		return 0;
	return kh_fail(
		err, KH_ECONFLICT, NULL,
		p->status == PLAN_CLOSED
			? "Kế hoạch đã kết thúc, không báo cáo tiến độ được nữa"
			: "Kế hoạch chưa được phê duyệt, ban hành: chưa báo cáo tiến độ được");
}

/* ---- files ---- */

static int64_t max_file_bytes(struct app_ctx *ctx)
{
	const char *v = NULL;
	struct kh_error e = {0};
	if (store_setting_get(ctx->store, ctx->arena, "evidence.max_bytes", &v, &e) || !v)
		return PROGRESS_FILE_MAX_DEFAULT;
	char *end;
	long long n = strtoll(v, &end, 10);
	return *end || n <= 0 ? PROGRESS_FILE_MAX_DEFAULT : (int64_t)n;
}

int app_progress_evidence_max(struct app_ctx *ctx, int64_t *bytes, struct kh_error *err)
{
	int rc = store_begin(ctx->store, false, err);
	if (rc)
		return rc;
	*bytes = max_file_bytes(ctx);
	store_rollback(ctx->store);
	return 0;
}

int app_progress_set_evidence_max(struct app_ctx *ctx, int64_t bytes, struct kh_error *err)
{
	int rc;
	if ((rc = app_require_admin(ctx, err)))
		return rc;
	if (bytes < 1 || bytes > PROGRESS_FILE_MAX_LIMIT)
		return kh_fail(err, KH_EINVAL, "evidence_max",
			       "Dung lượng tối đa của tệp minh chứng phải từ 1 byte đến %d MB",
			       PROGRESS_FILE_MAX_LIMIT / 1000000);
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	char value[24], old[24], b[80], a[80];
	snprintf(old, sizeof(old), "%lld", (long long)max_file_bytes(ctx));
	snprintf(value, sizeof(value), "%lld", (long long)bytes);
	snprintf(b, sizeof(b), "{\"evidence.max_bytes\":%s}", old);
	snprintf(a, sizeof(a), "{\"evidence.max_bytes\":%s}", value);
	if ((rc = store_setting_set(ctx->store, "evidence.max_bytes", value, err)) ||
	    (rc = app_audit(ctx, "setting.update", "setting", 0, b, a, err))) {
		store_rollback(ctx->store);
		return rc;
	}
	return store_commit(ctx->store, err);
}

static bool has(const void *data, size_t len, const char *needle)
{
	return memmem(data, len, needle, strlen(needle)) != NULL;
}

/* The type of the content by its first bytes; NULL when not allowed. */
static const char *sniff(const unsigned char *b, size_t n)
{
	if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
		return "image/jpeg";
	if (n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0) {
		if (!has(b, n, "[Content_Types].xml"))
			return NULL;
		if (has(b, n, "word/"))
			return "application/vnd.openxmlformats-officedocument.wordprocessingml."
			       "document";
		if (has(b, n, "xl/"))
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		return NULL;
	}
	if (memchr(b, 0, n) == NULL && utf8_valid((const char *)b, n))
		return "text/plain; charset=utf-8";
	return NULL;
}

static const char *files_dir(struct app_ctx *ctx)
{
	const char *db = store_db_path(ctx->store);
	if (!*db || strcmp(db, ":memory:") == 0)
		return NULL;
	return arena_printf(ctx->arena, "%s.files", db);
}

static bool sha_valid(const char *s)
{
	if (!s || strlen(s) != 64)
		return false;
	for (int i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static const char *file_path(struct app_ctx *ctx, const char *dir, const char *sha)
{
	return arena_printf(ctx->arena, "%s/%.2s/%s", dir, sha, sha + 2);
}

/* The name as uploaded without any directory, at most 200 bytes (cut on a
 * character boundary). */
static const char *clean_name(struct app_ctx *ctx, const char *name)
{
	const char *s = nz(name);
	for (const char *p = s; *p; p++)
		if (*p == '/' || *p == '\\')
			s = p + 1;
	size_t n = strlen(s);
	if (n > 200) {
		n = 200;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	char *r = arena_alloc(ctx->arena, n + 1);
	memcpy(r, s, n);
	r[n] = '\0';
	for (char *p = r; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	return *r ? r : "tep";
}

static int write_file(const char *dir, const char *path, const void *data, size_t len,
		      struct kh_error *err)
{
	char sub[4096];
	struct stat st;
	if (stat(path, &st) == 0 && (size_t)st.st_size == len)
		return 0; /* known content */
	if (mkdir(dir, 0750) != 0 && errno != EEXIST)
		goto fail;
	int n = snprintf(sub, sizeof(sub), "%s", path);
	if (n < 0 || (size_t)n >= sizeof(sub))
		goto fail;
	char *slash = strrchr(sub, '/');
	if (!slash)
		goto fail;
	*slash = '\0';
	if (mkdir(sub, 0750) != 0 && errno != EEXIST)
		goto fail;
	/* A name of its own (mkstemp): two uploads of the same content at once
	 * each write their copy and the last rename wins, with equal bytes. */
	char tmp[4200];
	n = snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		goto fail;
	int fd = mkstemp(tmp);
	if (fd < 0)
		goto fail;
	FILE *f = fdopen(fd, "wb");
	if (!f) {
		close(fd);
		unlink(tmp);
		goto fail;
	}
	bool ok = fwrite(data, 1, len, f) == len;
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		goto fail;
	}
	return 0;
fail:
	return kh_fail(err, KH_EIO, NULL, "Không lưu được tệp minh chứng (%s)", strerror(errno));
}

int app_file_save(struct app_ctx *ctx, const char *name, const void *data, size_t len,
		  struct progress_file *out, struct kh_error *err)
{
	memset(out, 0, sizeof(*out));
	out->name = clean_name(ctx, name);
	if (!data || len == 0)
		return kh_fail(err, KH_EINVAL, "file", "Tệp “%s” rỗng", out->name);
	int64_t max = max_file_bytes(ctx);
	if ((int64_t)len > max)
		return kh_fail(err, KH_ETOOBIG, "file", "Tệp “%s” quá lớn: tối đa %lld MB mỗi tệp",
			       out->name, (long long)((max + 999999) / 1000000));
	out->mime = sniff(data, len);
	if (!out->mime)
		return kh_fail(err, KH_EINVAL, "file",
			       "Tệp “%s” không thuộc loại được nhận (PDF, Word .docx, Excel .xlsx,"
			       " ảnh JPEG, PNG hoặc văn bản thuần)",
			       out->name);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	char *hex = arena_alloc(ctx->arena, sizeof(h) * 2 + 1);
	sodium_bin2hex(hex, sizeof(h) * 2 + 1, h, sizeof(h));
	out->sha256 = hex;
	out->size = (int64_t)len;
	const char *dir = files_dir(ctx);
	if (!dir)
		return kh_fail(err, KH_EIO, NULL,
			       "Không lưu được tệp minh chứng: cơ sở dữ liệu không nằm trên đĩa");
	return write_file(dir, file_path(ctx, dir, hex), data, len, err);
}

int app_progress_file(struct app_ctx *ctx, int64_t item_id, const char *sha256,
		      struct progress_file *out, const char **path, struct kh_error *err)
{
	struct plan_item it;
	struct plan p;
	struct progress_rights r;
	struct store_file *files;
	int n, rc;
	memset(out, 0, sizeof(*out));
	*path = NULL;
	if ((rc = load_item(ctx, item_id, &it, &p, &r, err)))
		return rc;
	if (!sha_valid(sha256))
		return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy tệp");
	if ((rc = store_evidence_of_item(ctx->store, ctx->arena, item_id, &files, &n, err)))
		return rc;
	for (int i = 0; i < n; i++) {
		if (strcmp(files[i].sha256, sha256) != 0)
			continue;
		const char *dir = files_dir(ctx);
		if (!dir)
			break;
		out->sha256 = files[i].sha256;
		out->name = files[i].name;
		out->mime = files[i].mime;
		out->size = files[i].size;
		*path = file_path(ctx, dir, sha256);
		return 0;
	}
	return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy tệp");
}

/* ---- reporting ---- */

static void report_from_row(struct progress_report *r, const struct store_progress_row *w)
{
	memset(r, 0, sizeof(*r));
	r->id = w->id;
	r->item_id = w->item_id;
	r->org_id = w->org_id;
	r->org_name = nz(w->org_name);
	r->occurrence_end = w->occurrence_end;
	r->state = w->state;
	r->percent = w->percent;
	r->day = w->day;
	r->note = nz(w->note);
	r->created_by = w->created_by;
	r->created_by_name = nz(w->created_by_name);
	r->created_at = w->created_at;
}

static const char *report_text(struct app_ctx *ctx, const struct store_progress_row *w,
			       const struct progress_file *files, int nfiles)
{
	json_t *o = json_object();
	json_object_set_new(o, "item_id", json_integer((json_int_t)w->item_id));
	json_object_set_new(o, "state", json_string(w->state));
	json_object_set_new(o, "percent", json_integer(w->percent));
	json_object_set_new(o, "day", json_integer(w->day));
	json_object_set_new(o, "note", json_string(nz(w->note)));
	if (w->org_id)
		json_object_set_new(o, "org_id", json_integer((json_int_t)w->org_id));
	if (w->occurrence_end)
		json_object_set_new(o, "occurrence_end", json_integer(w->occurrence_end));
	json_t *fa = json_array();
	for (int i = 0; i < nfiles; i++)
		json_array_append_new(fa, json_pack("{s:s, s:s}", "sha256", files[i].sha256, "name",
						    files[i].name));
	json_object_set_new(o, "files", fa);
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	const char *r = s ? arena_strdup(ctx->arena, s) : NULL;
	free(s);
	return r;
}

int app_progress_report(struct app_ctx *ctx, int64_t item_id, const struct progress_input *in,
			struct progress_report *out, struct kh_error *err)
{
	struct plan_item it;
	struct plan p;
	struct progress_rights r;
	int rc;
	if (out)
		memset(out, 0, sizeof(*out));
	if ((rc = load_item(ctx, item_id, &it, &p, &r, err)))
		return rc;
	if (in->org_id) {
		bool part = false, coordinator = false;
		for (int i = 0; i < it.n_coordinator_orgs; i++)
			coordinator = coordinator || it.coordinator_org_ids[i] == in->org_id;
		for (int i = 0; i < r.n_part_orgs; i++)
			part = part || r.part_orgs[i] == in->org_id;
		if (!coordinator)
			return kh_fail(err, KH_EINVAL, "org_id",
				       "Tổ chức này không phải đơn vị phối hợp của nội dung");
		if (!part)
			return kh_fail(err, KH_EFORBIDDEN, NULL,
				       "Bạn không có quyền báo cáo phần việc của đơn vị phối hợp"
				       " này");
	} else if (!r.lead) {
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ đơn vị, cá nhân chủ trì nội dung (hoặc chủ kế hoạch) mới báo"
			       " cáo tiến độ được");
	}
	if ((rc = require_running(&p, err)))
		return rc;
	if (!progress_state_valid(in->state))
		return kh_fail(err, KH_EINVAL, "state",
			       "Trạng thái phải là not_started, in_progress, done hoặc stalled");
	int percent = in->percent;
	if (percent < 0 || percent > 100)
		return kh_fail(err, KH_EINVAL, "percent", "Tỷ lệ hoàn thành phải từ 0 đến 100");
	if (is_done_state(in->state) && percent == 0)
		percent = 100;
	if (strcmp(in->state, "not_started") == 0 && percent != 0)
		return kh_fail(err, KH_EINVAL, "percent",
			       "Nội dung chưa thực hiện thì tỷ lệ hoàn thành là 0");
	int32_t day = in->day ? in->day : ctx->today;
	if (day > ctx->today)
		return kh_fail(err, KH_EINVAL, "day", "Ngày báo cáo không được sau hôm nay");
	if (day < date_from_ymd(1990, 1, 1))
		return kh_fail(err, KH_EINVAL, "day", "Ngày báo cáo không hợp lệ");
	const char *note = nz(in->note);
	if ((rc = app_check_name("note", "Ghi chú", note, PROGRESS_NOTE_MAX, false, err)))
		return rc;
	if (in->n_files < 0 || in->n_files > PROGRESS_FILES_MAX)
		return kh_fail(err, KH_EINVAL, "file", "Tối đa %d tệp minh chứng mỗi lần báo cáo",
			       PROGRESS_FILES_MAX);
	int32_t occ = 0;
	if (it.deadline_kind == DEADLINE_RECURRING) {
		struct deadline d = {.kind = DEADLINE_RECURRING,
				     .start = it.deadline_start,
				     .end = it.deadline_end,
				     .period = (enum deadline_period)it.deadline_period};
		occ = in->occurrence_end ? in->occurrence_end : deadline_due(&d, day);
		if (in->occurrence_end &&
		    deadline_due(&d, in->occurrence_end) != in->occurrence_end)
			return kh_fail(err, KH_EINVAL, "occurrence_end",
				       "Kỳ báo cáo không khớp với định kỳ của nội dung");
	} else if (in->occurrence_end) {
		return kh_fail(err, KH_EINVAL, "occurrence_end",
			       "Nội dung này không phải nhiệm vụ định kỳ");
	}
	/* Files first, outside the transaction (content-addressed: a retry
	 * finds them). */
	struct progress_file *files =
		arena_alloc(ctx->arena, sizeof(*files) * (size_t)(in->n_files + 1));
	for (int i = 0; i < in->n_files; i++)
		if ((rc = app_file_save(ctx, in->files[i].name, in->files[i].data, in->files[i].len,
					&files[i], err)))
			return rc;

	struct store_progress_row w = {.item_id = item_id,
				       .org_id = in->org_id,
				       .occurrence_end = occ,
				       .state = in->state,
				       .percent = percent,
				       .day = day,
				       .note = note,
				       .created_by = ctx->actor->user_id,
				       .created_at = ctx->now};
	const char *before =
		arena_printf(ctx->arena, "{\"state\":\"%s\",\"percent\":%d,\"done_day\":%d}",
			     nz(it.progress_state), it.progress_percent, (int)it.done_day);
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_progress_insert(ctx->store, &w, &w.id, err);
	for (int i = 0; !rc && i < in->n_files; i++) {
		rc = store_file_put(ctx->store, files[i].sha256, files[i].size, files[i].mime,
				    ctx->now, err);
		if (!rc)
			rc = store_evidence_put(ctx->store, w.id, files[i].sha256, files[i].name,
						err);
	}
	if (!rc && !in->org_id) {
		/* The item's figures: the lead's latest report. */
		struct store_progress_row latest;
		bool found;
		rc = store_progress_lead_latest(ctx->store, ctx->arena, item_id, &latest, &found,
						err);
		if (!rc && found) {
			int32_t done_day = 0;
			if (is_done_state(latest.state))
				done_day = is_done_state(it.progress_state) && it.done_day &&
							   it.done_day <= latest.day
						   ? it.done_day
						   : latest.day;
			rc = store_progress_item_set(ctx->store, item_id, latest.state,
						     latest.percent, latest.day, done_day, ctx->now,
						     err);
		}
	}
	if (!rc)
		rc = app_audit(ctx, "item.progress", "plan_item", item_id, before,
			       report_text(ctx, &w, files, in->n_files), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	if (out) {
		report_from_row(out, &w);
		out->created_by_name = nz(ctx->actor->username);
		out->files = files;
		out->n_files = in->n_files;
	}
	return 0;
}

int app_progress_get(struct app_ctx *ctx, int64_t item_id, struct progress_view *out,
		     struct kh_error *err)
{
	struct store_progress_row *rows;
	struct store_file *files;
	int nrows, nfiles, rc;
	memset(out, 0, sizeof(*out));
	if ((rc = load_item(ctx, item_id, &out->item, &out->plan, &out->rights, err)) ||
	    (rc = derive_one(ctx, &out->plan, &out->item, ctx->today, &out->d, err)) ||
	    (rc = store_progress_list(ctx->store, ctx->arena, item_id, ctx->today, &rows, &nrows,
				      err)) ||
	    (rc = store_evidence_of_item(ctx->store, ctx->arena, item_id, &files, &nfiles, err)))
		return rc;
	out->reports = arena_alloc(ctx->arena, sizeof(*out->reports) * (size_t)(nrows + 1));
	for (int i = 0; i < nrows; i++) {
		struct progress_report *r = &out->reports[i];
		report_from_row(r, &rows[i]);
		int k = 0;
		for (int j = 0; j < nfiles; j++)
			k += files[j].progress_id == r->id;
		r->files = arena_alloc(ctx->arena, sizeof(*r->files) * (size_t)(k + 1));
		for (int j = 0; j < nfiles; j++)
			if (files[j].progress_id == r->id)
				r->files[r->n_files++] =
					(struct progress_file){.sha256 = files[j].sha256,
							       .name = files[j].name,
							       .mime = files[j].mime,
							       .size = files[j].size};
	}
	out->n_reports = nrows;
	return 0;
}

int app_progress_event(struct app_ctx *ctx, int64_t item_id, int32_t day, struct plan_item *out,
		       struct kh_error *err)
{
	struct plan_item it;
	struct plan p;
	struct progress_rights r;
	int rc;
	if ((rc = load_item(ctx, item_id, &it, &p, &r, err)))
		return rc;
	if (!r.lead)
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ đơn vị chủ trì nội dung hoặc chủ kế hoạch mới ghi nhận được sự"
			       " kiện của thời hạn");
	if ((rc = require_running(&p, err)))
		return rc;
	if (it.deadline_kind != DEADLINE_CONDITIONAL)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Thời hạn của nội dung này không phụ thuộc sự kiện nào");
	if (day < 0 || day > ctx->today)
		return kh_fail(err, KH_EINVAL, "day", "Ngày xảy ra sự kiện không được sau hôm nay");
	if (day && day < date_from_ymd(1990, 1, 1))
		return kh_fail(err, KH_EINVAL, "day", "Ngày xảy ra sự kiện không hợp lệ");
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_progress_event_set(ctx->store, item_id, day, ctx->now, err);
	if (!rc)
		rc = app_audit(ctx, "item.event", "plan_item", item_id,
			       arena_printf(ctx->arena, "{\"event_day\":%d}", (int)it.event_day),
			       arena_printf(ctx->arena, "{\"event_day\":%d}", (int)day), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return out ? store_plan_item_get(ctx->store, ctx->arena, item_id, ctx->today, out, err) : 0;
}

/* ---- assignments ---- */

static int fill_assignments(struct app_ctx *ctx, const struct store_assignment *v, int n,
			    struct progress_assignment **out, int *count, struct kh_error *err)
{
	int rc;
	struct progress_assignment *w = arena_alloc(ctx->arena, sizeof(*w) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		struct progress_assignment *a = &w[i];
		struct plan up;
		memset(a, 0, sizeof(*a));
		if ((rc = store_plan_item_get(ctx->store, ctx->arena, v[i].item_id, ctx->today,
					      &a->item, err)) ||
		    (rc = store_plan_get(ctx->store, ctx->arena, a->item.plan_id, ctx->today, &up,
					 err)))
			return rc;
		a->plan_title = up.title;
		a->org_id = v[i].org_id;
		a->org_name = v[i].org_name;
		a->answer_item_id = v[i].answer_item_id;
		a->answer_plan_id = v[i].answer_plan_id;
		a->answer_state = "";
		if (a->answer_item_id) {
			struct plan_item ans;
			struct plan ap;
			if ((rc = store_plan_item_get(ctx->store, ctx->arena, a->answer_item_id,
						      ctx->today, &ans, err)) ||
			    (rc = store_plan_get(ctx->store, ctx->arena, ans.plan_id, ctx->today,
						 &ap, err)) ||
			    (rc = derive_one(ctx, &ap, &ans, ctx->today, &a->d, err)))
				return rc;
			a->answer_state = ans.progress_state;
			a->answer_percent = ans.progress_percent;
		} else if ((rc = derive_one(ctx, &up, &a->item, ctx->today, &a->d, err))) {
			return rc;
		}
	}
	*out = w;
	*count = n;
	return 0;
}

int app_progress_assignments(struct app_ctx *ctx, int64_t org_id, struct progress_assignment **out,
			     int *n, struct kh_error *err)
{
	struct store_assignment *v;
	int nv, rc;
	*out = NULL;
	*n = 0;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = app_can_read_org(ctx, org_id, err)) ||
	    (rc = store_assignments(ctx->store, ctx->arena, org_id, 0, ctx->today, &v, &nv, err)))
		return rc;
	return fill_assignments(ctx, v, nv, out, n, err);
}

int app_progress_item_assignments(struct app_ctx *ctx, int64_t item_id,
				  struct progress_assignment **out, int *n, struct kh_error *err)
{
	struct plan_item it;
	struct plan p;
	struct progress_rights r;
	struct store_assignment *v;
	int nv, rc;
	*out = NULL;
	*n = 0;
	if ((rc = load_item(ctx, item_id, &it, &p, &r, err)) ||
	    (rc = store_assignments(ctx->store, ctx->arena, 0, item_id, ctx->today, &v, &nv, err)))
		return rc;
	return fill_assignments(ctx, v, nv, out, n, err);
}

/* ---- JSON ---- */

static json_t *day_json(int32_t day)
{
	if (!day)
		return json_null();
	char s[11];
	date_format_iso(day, s);
	return json_string(s);
}

json_t *app_progress_json(const struct plan_item *it, const struct progress_derivation *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "state", json_string(nz(it->progress_state)));
	json_object_set_new(o, "state_label",
			    json_string(progress_state_label(it->progress_state)));
	json_object_set_new(o, "percent", json_integer(it->progress_percent));
	json_object_set_new(o, "day", day_json(it->progress_day));
	json_object_set_new(o, "done_day", day_json(it->done_day));
	json_object_set_new(o, "derived", json_string(progress_derived_name(d->derived)));
	json_object_set_new(o, "derived_label", json_string(progress_derived_label(d->derived)));
	json_object_set_new(o, "due", day_json(d->due));
	json_object_set_new(o, "event_day", day_json(it->event_day));
	json_object_set_new(o, "after_days", json_integer(it->deadline_after_days));
	if (it->deadline_kind == DEADLINE_RECURRING) {
		json_object_set_new(o, "occurrence_end", day_json(d->occurrence_end));
		json_object_set_new(o, "occurrence_done", json_boolean(d->occurrence_done));
		json_object_set_new(o, "occurrences_due", json_integer(d->occurrences_due));
		json_object_set_new(o, "occurrences_missed", json_integer(d->occurrences_missed));
	}
	return o;
}

json_t *app_progress_report_json(const struct progress_report *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer((json_int_t)r->id));
	json_object_set_new(o, "item_id", json_integer((json_int_t)r->item_id));
	json_object_set_new(o, "org_id",
			    r->org_id ? json_integer((json_int_t)r->org_id) : json_null());
	json_object_set_new(o, "org_name", json_string(nz(r->org_name)));
	json_object_set_new(o, "occurrence_end", day_json(r->occurrence_end));
	json_object_set_new(o, "state", json_string(nz(r->state)));
	json_object_set_new(o, "percent", json_integer(r->percent));
	json_object_set_new(o, "day", day_json(r->day));
	json_object_set_new(o, "note", json_string(nz(r->note)));
	json_object_set_new(o, "created_by_name", json_string(nz(r->created_by_name)));
	char ts[32];
	json_object_set_new(o, "created_at", json_string(date_format_timestamp(r->created_at, ts)));
	json_t *fa = json_array();
	for (int i = 0; i < r->n_files; i++) {
		json_t *f = json_object();
		json_object_set_new(f, "sha256", json_string(r->files[i].sha256));
		json_object_set_new(f, "name", json_string(nz(r->files[i].name)));
		json_object_set_new(f, "mime", json_string(nz(r->files[i].mime)));
		json_object_set_new(f, "size", json_integer((json_int_t)r->files[i].size));
		char url[160];
		snprintf(url, sizeof(url), "/api/v1/items/%lld/evidence?sha256=%s",
			 (long long)r->item_id, r->files[i].sha256);
		json_object_set_new(f, "url", json_string(url));
		json_array_append_new(fa, f);
	}
	json_object_set_new(o, "files", fa);
	return o;
}
