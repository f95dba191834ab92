/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Importing a plan written as text or DOCX (issue 4 "Importer"): the
 * document is read by text/importer.h, the bodies it names are matched to
 * orgs of the tree, the user corrects the proposal, and the result is saved
 * as a draft collective plan with one item per task.
 *
 * Matching: every distinct body name (a lead, a coordinator) is keyed with
 * import_name_key() — no case, no diacritics, either tone placement, the
 * usual abbreviations (UBKT, BTV, HĐND, UBND, MTTQ, ĐUK, TU…) expanded — and
 * compared with the keys of the names and short names of the orgs in
 * existence today that the actor may read. Best first: the same key (name,
 * then short name); an org whose name starts with the words written ("Tỉnh
 * ủy" → "Tỉnh ủy Sơn Nam"); a name written longer than the org's ("Ban Tổ
 * chức Tỉnh ủy Sơn Nam" → "Ban Tổ chức Tỉnh ủy"); the words written found
 * inside an org's name. Among equals the org nearest in the tree to the
 * plan's owner wins. A group ("Các huyện ủy, đảng ủy trực thuộc Tỉnh ủy")
 * is matched through the org it belongs to (the name after "trực thuộc",
 * else the longest tail of the words that names an org): the item's lead is
 * then that org with lead_group set. Names that match nothing are kept as
 * written (lead_text, coordinators) and listed; they are never dropped.
 *
 * Everything returned is allocated in ctx->arena.
 */
#ifndef KH_APP_IMPORT_PLAN_H
#define KH_APP_IMPORT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/model.h"
#include "text/deadline.h"

/* How many candidate orgs are offered per name. */
#define IMPORT_CANDIDATES_MAX 8

struct import_candidate {
	int64_t org_id;
	const char *name;
};

/* A body the document names (a lead or a coordinator), once per key. */
struct import_body {
	const char *name;     /* as first written */
	const char *key;      /* import_name_key(name) */
	bool group;	      /* "Các …": org_id is the org the group belongs to */
	int64_t org_id;	      /* the org proposed, 0 = no match */
	const char *org_name; /* its name today, or NULL */
	/* Orgs to choose from: the proposal first, then the other matches;
	 * without a match, the orgs nearest to the owner in the tree. */
	struct import_candidate *candidates;
	int n_candidates;
	int uses; /* items naming it (as lead or coordinator) */
};

struct import_entry {
	const char *path;    /* "II.C.1" */
	const char *text;    /* the task as written */
	const char *section; /* the nearest heading's text, or NULL */
	const char *lead;    /* as written, or NULL */
	bool lead_group;
	int lead_body; /* index into bodies, -1 without a lead */
	/* The lead org to save: set from the body's proposal; the caller may
	 * correct it (0 = keep the name as text only). */
	int64_t lead_org_id;
	const char **coordinators; /* as written */
	int *coordinator_bodies;   /* index into bodies for each */
	int n_coordinators;
	const char *deadline_text; /* may be corrected; NULL or "" = none */
	struct deadline deadline;  /* as understood with the preview's year */
	int line;		   /* 1-based line of the source */
};

struct import_preview {
	const char *title;	/* the document's title, or NULL */
	const char *number;	/* "203-CV/BTCĐUK", or NULL */
	const char *issuer;	/* or NULL */
	const char *place_date; /* or NULL */
	int plan_year;		/* the year relative deadlines were read with */
	const char *text;	/* the source as UTF-8 text (a DOCX converted), NUL-terminated */
	size_t text_len;
	bool was_docx;
	struct import_entry *items;
	int n_items;
	struct import_body *bodies;
	int n_bodies;
	int n_unmatched; /* bodies with org_id 0 */
};

/* Reads len bytes — UTF-8 text, or a DOCX package (told apart by its ZIP
 * signature) — and proposes a match for every body named, for a plan of
 * org_id (which the actor must be able to read; it orders the matches) and
 * year (relative deadlines; 0 = from the document). KH_EINVAL when the bytes
 * are neither text nor a readable DOCX, or hold no item; KH_ETOOBIG past
 * the importer's limit; KH_EFORBIDDEN/KH_ENOTFOUND for the org. Writes
 * nothing. */
int app_plan_import_preview(struct app_ctx *ctx, const char *bytes, size_t len, int64_t org_id,
			    int year, struct import_preview *out,
			    struct kh_error *err) KH_MUST_CHECK;

struct import_save {
	int64_t org_id;	   /* the owner: the actor must act for it (app_plan_create) */
	const char *scope; /* "year" (NULL) or "term" */
	int year;	   /* year, or first year of the term */
	int year_to;	   /* term: last year; 0 = year + 5 */
	const char *title; /* NULL or "": the document's, else a title made by the app */
};

/* What a save made. */
struct import_saved {
	struct plan plan;
	int n_items;
	const char **unmatched; /* names kept as text only (no org), distinct */
	int n_unmatched;
};

/* Saves pv (a preview of the same org, perhaps corrected: items'
 * lead_org_id and deadline_text, bodies' org_id) as a draft collective
 * plan of in->org_id with one item per entry, in order: section = the
 * heading's text, lead_text and coordinators as written, lead_org_id (with
 * lead_group) and coordinator_org_ids where matched, deadline_text read
 * again against the plan's year. One transaction: on any refusal nothing is
 * written. Corrected org ids must be orgs the actor may read. */
int app_plan_import_save(struct app_ctx *ctx, const struct import_save *in,
			 const struct import_preview *pv, struct import_saved *out,
			 struct kh_error *err) KH_MUST_CHECK;

/* The org each of n names matches, as the preview matches the bodies of a
 * plan of owner_org_id (0: none, for an individual plan): ids[i] is the best
 * org the actor may read, or 0 when none matches; groups[i] (may be NULL)
 * is set for a group ("Các đảng ủy trực thuộc Tỉnh ủy"), matched to the org
 * it belongs to. For editors of a plan that re-read names (the XLSX sheet). */
int app_import_match_names(struct app_ctx *ctx, int64_t owner_org_id, const char *const *names,
			   int n, int64_t *ids, bool *groups, struct kh_error *err) KH_MUST_CHECK;

#endif
