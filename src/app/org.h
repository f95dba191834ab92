/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Use cases of the org tree with effective dates: read the tree as of any
 * day, and change it — create, rename, move, merge, split, dissolve — each
 * change taking effect on a given day. Reads require app_can_read_org, writes
 * app_can_manage_org on every org they touch (the org, its new parent, the
 * merge target…); a root (no parent) is created or moved to only by an admin.
 *
 * History is appended, never rewritten: a change on day D closes the org's
 * version in force on D and opens a new one from D, so the org's latest
 * version must be the one in force on D (a change dated before an already
 * recorded later change is refused). A change dated the very day the latest
 * version started corrects that version in place. Every change writes its
 * org_events, an audit entry ("org.create", "org.rename", "org.move",
 * "org.merge", "org.split", "org.dissolve", "org.import") and keeps the search
 * index in step.
 *
 * Lists of orgs are sorted in Vietnamese order in C (text_collate), after the
 * fetch — no SQLite collation is registered.
 *
 * as_of 0 means ctx->today everywhere. Results are allocated in ctx->arena.
 */
#ifndef KH_APP_ORG_H
#define KH_APP_ORG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/model.h"
#include "store/org.h"

/* Limits of the inputs. */
#define ORG_NAME_MAX 200
#define ORG_SHORT_NAME_MAX 30
#define ORG_NOTE_MAX 2000
#define ORG_CODE_MAX 50
#define ORG_IMPORT_MAX_ROWS 100000

/* The org as of as_of. When it does not exist that day, its nearest version
 * is returned (out->valid_to set when it has ended; as_of < out->valid_from
 * when not yet created) so pages can say "đã giải thể/hợp nhất ngày …".
 * KH_ENOTFOUND for an unknown id. */
int app_org_get(struct app_ctx *ctx, int64_t id, int32_t as_of, struct org *out,
		struct kh_error *err) KH_MUST_CHECK;

/* True when the org exists on day (per the record app_org_get returned). */
bool org_exists_on(const struct org *o, int32_t day);

/* The children of id as of as_of, in Vietnamese order, each with its
 * child_count. */
int app_org_children(struct app_ctx *ctx, int64_t id, int32_t as_of, struct org **out, int *n,
		     struct kh_error *err) KH_MUST_CHECK;

/* The top of what the actor may read, as of as_of: for an admin the orgs
 * without a parent that day; otherwise the actor's read roots that exist that
 * day, minus those inside another root. Vietnamese order. */
int app_org_roots(struct app_ctx *ctx, int32_t as_of, struct org **out, int *n,
		  struct kh_error *err) KH_MUST_CHECK;

/* The ancestors of id as of as_of (or its last day when absent then), root
 * first, without id itself, cut to the part the actor may read — for
 * breadcrumbs. */
int app_org_path(struct app_ctx *ctx, int64_t id, int32_t as_of, struct org **out, int *n,
		 struct kh_error *err) KH_MUST_CHECK;

/* An event as shown in a history: the names of both sides on its date. */
struct org_history_event {
	struct org_event ev;
	const char *org_name;	/* the event's org */
	const char *other_name; /* the other org, or "" */
};

struct org_history {
	struct org_version *versions; /* oldest first */
	int n_versions;
	struct org_history_event *events; /* by date; where the org is either side */
	int n_events;
};

/* The org's versions and the events on both sides (merged into X, Y merged
 * into it, split from, moved under…). */
int app_org_history(struct app_ctx *ctx, int64_t id, struct org_history *out,
		    struct kh_error *err) KH_MUST_CHECK;

/* Orgs existing on as_of whose name, short name (now or in the past) or a
 * common abbreviation matches every word of q (diacritic-insensitive, word
 * prefixes), within the actor's scope, Vietnamese order, at most limit. */
int app_org_search(struct app_ctx *ctx, const char *q, int32_t as_of, int limit, struct org **out,
		   int *n, struct kh_error *err) KH_MUST_CHECK;

/* ---- changes ---- */

struct org_create {
	int64_t parent_id;	/* 0 = a root (admin only) */
	const char *name;	/* required, at most ORG_NAME_MAX characters */
	const char *short_name; /* optional, at most ORG_SHORT_NAME_MAX */
	const char *kind;	/* an org kind name ("committee", "cell"…) */
	int level;		/* 0..ORG_LEVEL_MAX */
	int32_t date;		/* effective day; 0 = today */
	const char *note;	/* optional */
	const char *code;	/* optional external code (unique) */
};

/* Creates an org under parent_id from date; the parent must exist that day.
 * *id receives the new org's id. */
int app_org_create(struct app_ctx *ctx, const struct org_create *in, int64_t *id,
		   struct kh_error *err) KH_MUST_CHECK;

/* Renames from date: new_short_name NULL keeps the short name. Same name and
 * short name, a date before the version in force, or an org not existing that
 * day: KH_EINVAL. */
int app_org_rename(struct app_ctx *ctx, int64_t id, const char *new_name,
		   const char *new_short_name, int32_t date, const char *note,
		   struct kh_error *err) KH_MUST_CHECK;

/* Renames (when new_name is not NULL) and/or moves (when move is true) in
 * one transaction, both from date — the API's PATCH. */
int app_org_update(struct app_ctx *ctx, int64_t id, const char *new_name,
		   const char *new_short_name, bool move, int64_t new_parent_id, int32_t date,
		   const char *note, struct kh_error *err) KH_MUST_CHECK;

/* Moves under new_parent_id (0 = make it a root: admin only) from date.
 * Refuses a parent inside the org's own subtree that day, and a parent not
 * existing that day. */
int app_org_move(struct app_ctx *ctx, int64_t id, int64_t new_parent_id, int32_t date,
		 const char *note, struct kh_error *err) KH_MUST_CHECK;

/* Merges the sources into target on date: the sources end on date, their
 * children (as of date) move to target the same day; a "merge" event links
 * each source to the target. The target must exist on date and must not be a
 * source or lie inside one. */
int app_org_merge(struct app_ctx *ctx, const int64_t *source_ids, int n_sources, int64_t target_id,
		  int32_t date, const char *note, struct kh_error *err) KH_MUST_CHECK;

/* Creates new_org (its date is the merge date) and merges the sources into
 * it, in one transaction; *id receives the new org's id. */
int app_org_merge_into_new(struct app_ctx *ctx, const int64_t *source_ids, int n_sources,
			   const struct org_create *new_org, int64_t *id,
			   struct kh_error *err) KH_MUST_CHECK;

struct org_split_part {
	const char *name;
	const char *short_name;
};

/* Splits id on date into new orgs under its parent (same kind and level),
 * each linked to it by a "split" event; when dissolve_source, the source ends
 * on date (it must then have no children that day). new_ids (may be NULL)
 * receives an arena array of the new ids, in the order of parts. */
int app_org_split(struct app_ctx *ctx, int64_t id, const struct org_split_part *parts, int n_parts,
		  int32_t date, bool dissolve_source, const char *note, int64_t **new_ids,
		  struct kh_error *err) KH_MUST_CHECK;

/* Dissolves id on date. With children that day it is refused (move or merge
 * them first) unless children_to names an org existing that day, to which
 * they move. */
int app_org_dissolve(struct app_ctx *ctx, int64_t id, int32_t date, int64_t children_to,
		     const char *note, struct kh_error *err) KH_MUST_CHECK;

/* ---- CSV import ---- */

/* One data row's outcome. */
struct import_row {
	int line; /* line in the file (the header is line 1) */
	const char *code;
	const char *name;
	const char *action;  /* "create", "update", "unchanged" or "error" */
	const char *message; /* Vietnamese: the error, or what changed */
};

struct import_report {
	int n_rows;
	int n_created, n_updated, n_unchanged, n_errors;
	bool applied; /* false for a dry run or when any row is wrong */
	struct import_row *rows;
};

/*
 * Imports orgs from CSV with the header `ma,ma_cap_tren,ten,ten_viet_tat,
 * loai,cap,ngay_hieu_luc` (any order; ma and ten required; `,` or `;`). `ma`
 * is the org's external code: an org already imported under that code is
 * updated (renamed, moved, re-kinded) from the row's date instead of being
 * created again. `ma_cap_tren` names the parent by its code (empty = a root);
 * `loai` is a kind name or its Vietnamese label; `cap` 0..9 (default: the
 * parent's level + 1); `ngay_hieu_luc` YYYY-MM-DD or dd/mm/yyyy (default
 * as_of). Every row is checked first; when any row is wrong nothing is
 * applied and KH_EINVAL is returned with out listing each row's error. A dry
 * run reports what would happen and applies nothing. out is always filled
 * (arena) unless the file itself is unreadable.
 */
int app_org_import_csv(struct app_ctx *ctx, const char *csv_text, size_t len, int32_t as_of,
		       bool dry_run, struct import_report *out, struct kh_error *err) KH_MUST_CHECK;

#endif
