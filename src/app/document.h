/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Use cases of the documents register (sổ văn bản): resolutions, directives,
 * conclusions, plans… with their number and symbol, date, issuing org and
 * title, and the links between them (implements, based on, replaces).
 *
 * Numbers are parsed leniently and stored canonically (text/docnum.h): "Số
 * 203 - CV/BTCĐUK" is kept as "203-CV/BTCĐUK". The kind defaults from the
 * number. Two documents with the same canonical number in the same year (or
 * both undated) are a KH_ECONFLICT.
 *
 * Who may see what: documents flow down the tree — a document is readable
 * when it has no issuer, when its issuer is readable (app_can_read_org), or
 * when its issuer is an ancestor of an org the actor reads. Who may register
 * or change: whoever acts for the issuer (app_can_act_for_org); a document
 * of an upper level (an ancestor) or with no issuer, anyone who manages some
 * org (the offices that keep the register). Links are added by whoever may
 * change the "from" document and read the "to" one.
 *
 * Every change runs in one transaction, is audited ("document.create",
 * "document.update", "document.link") and refreshes the search entry (title
 * "number — title"; folded text: number, title, issuer name, kind).
 * Results are allocated in ctx->arena.
 */
#ifndef KH_APP_DOCUMENT_H
#define KH_APP_DOCUMENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/model.h"
#include "store/document.h"

#define DOCUMENT_TITLE_MAX 1000
#define DOCUMENT_PAGE_MAX 200

/* Fields for create and update. On update a NULL string or a false set_
 * flag keeps the current value. */
struct document_input {
	const char *number; /* as written ("Số 12-NQ/TU"); "" = no number */
	const char *kind;   /* "NQ", "qđi"…; NULL or "" = the number's kind */
	int32_t date;	    /* 0 = unknown */
	bool set_date;
	int64_t issuer_org_id; /* 0 = none */
	bool set_issuer;
	const char *title; /* required; ≤ DOCUMENT_TITLE_MAX characters */
};

int app_document_create(struct app_ctx *ctx, const struct document_input *in, struct document *out,
			struct kh_error *err) KH_MUST_CHECK;
int app_document_update(struct app_ctx *ctx, int64_t id, const struct document_input *in,
			struct document *out, struct kh_error *err) KH_MUST_CHECK;

/* A document with its links (only those whose other side is readable). */
struct document_view {
	struct document doc;
	struct document_link_item *links;
	int n_links;
	bool can_edit;
};
int app_document_get(struct app_ctx *ctx, int64_t id, struct document_view *out,
		     struct kh_error *err) KH_MUST_CHECK;

struct document_query {
	const char *kind;      /* any spelling of a kind; NULL/"" = all */
	int64_t issuer_org_id; /* 0 = all */
	int year;	       /* 0 = all */
	const char *q;	       /* words in number, title, issuer (prefixes) */
	int limit;	       /* 1..DOCUMENT_PAGE_MAX (0 = 50) */
	int offset;
};
struct document_page {
	struct document_view *items; /* with links, can_edit unset */
	int n;
	int64_t total;
	int limit, offset;
};
/* The readable documents matching q, newest first. */
int app_document_list(struct app_ctx *ctx, const struct document_query *q,
		      struct document_page *out, struct kh_error *err) KH_MUST_CHECK;

/* The readable document that ref names: its id ("12"), or its number in
 * any spelling ("Số 12-NQ/TW") — the newest when several years share it.
 * KH_ENOTFOUND when none. */
int app_document_resolve(struct app_ctx *ctx, const char *ref, int64_t *id,
			 struct kh_error *err) KH_MUST_CHECK;

/* Links from_id → to_id; kind is "implements", "based_on" or "replaces". */
int app_document_link(struct app_ctx *ctx, int64_t from_id, int64_t to_id, const char *kind,
		      struct kh_error *err) KH_MUST_CHECK;

/* Whether the actor may read a document issued by issuer_org_id (0 = none),
 * for search and lists. */
int app_document_readable(struct app_ctx *ctx, int64_t issuer_org_id, bool *readable,
			  struct kh_error *err) KH_MUST_CHECK;

/* The document as the API shows it (a new reference): id, kind, number,
 * date (ISO or null), issuer_org_id (or null), issuer_name, title, and links
 * — [{kind, direction: "out"|"in", document_id, number, title}] — unless
 * n_links is negative. */
json_t *app_document_json(const struct document *d, const struct document_link_item *links,
			  int n_links);

/* "Triển khai thực hiện" / "Được triển khai bởi"… for a link seen from one
 * side. */
const char *app_document_link_label(enum document_link_kind kind, bool outgoing);

#endif
