/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Storage of the documents register and the links between documents
 * (implements, based on, replaces). No rule lives here: numbers arrive
 * already canonical (text/docnum.h) and authorization is the app's.
 *
 * Reads copy strings into the caller's arena. Every function returns 0 or a
 * negative enum kh_err with err filled.
 */
#ifndef KH_STORE_DOCUMENT_H
#define KH_STORE_DOCUMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/model.h"
#include "store/store.h"

/* Inserts d (d->id and issuer_name ignored); *id receives the new id. */
int store_document_insert(struct store *s, const struct document *d, int64_t now, int64_t *id,
			  struct kh_error *err) KH_MUST_CHECK;
/* Rewrites kind, number, date, issuer and title of d->id. */
int store_document_update(struct store *s, const struct document *d, int64_t now,
			  struct kh_error *err) KH_MUST_CHECK;
/* With issuer_name (the issuer's name nearest to the document's date, or to
 * name_day when undated). KH_ENOTFOUND when unknown. */
int store_document_get(struct store *s, struct arena *a, int64_t id, int32_t name_day,
		       struct document *out, struct kh_error *err) KH_MUST_CHECK;
/* A document other than except_id with this number dated within
 * [from, to) — or undated when from and to are both 0 — or *id = 0. */
int store_document_find_number(struct store *s, const char *number, int32_t from, int32_t to,
			       int64_t except_id, int64_t *id, struct kh_error *err) KH_MUST_CHECK;

struct document_filter {
	const char *kind;      /* exact canonical kind, or NULL */
	const char *number;    /* exact canonical number, or NULL */
	int64_t issuer_org_id; /* 0 = any */
	int32_t date_from;     /* with date_to: dated within [from, to); 0 = any */
	int32_t date_to;
	const char *folded_query; /* folded words, each a prefix; NULL/"" = none */
	/* The reader's scope, unless all: documents with no issuer, issued by an
	 * org in the subtree (as of day) of one of roots[], or by one of
	 * extra[] (the ancestors of the roots: documents flow down). */
	bool all;
	const int64_t *roots;
	int n_roots;
	const int64_t *extra;
	int n_extra;
	int32_t day;
	int limit; /* 1..1000 */
	int offset;
};

/* A page of documents, newest first (undated last); *total counts all
 * matches. */
int store_document_list(struct store *s, struct arena *a, const struct document_filter *f,
			struct document **out, int *n, int64_t *total,
			struct kh_error *err) KH_MUST_CHECK;

/* ---- links ---- */

/* Adds from → to of kind; KH_ECONFLICT when it exists. */
int store_document_link_insert(struct store *s, int64_t from_id, int64_t to_id,
			       enum document_link_kind kind, struct kh_error *err) KH_MUST_CHECK;
/* Removes the link; no error when absent. */
int store_document_link_delete(struct store *s, int64_t from_id, int64_t to_id,
			       enum document_link_kind kind, struct kh_error *err) KH_MUST_CHECK;
/* Whether the link exists. */
int store_document_link_exists(struct store *s, int64_t from_id, int64_t to_id,
			       enum document_link_kind kind, bool *exists,
			       struct kh_error *err) KH_MUST_CHECK;

/* A link of a document, seen from that document. */
struct document_link_item {
	struct document_link link; /* other_number/other_title: the other side */
	bool outgoing;		   /* this document is link.from_id */
	int64_t other_id;
	int64_t other_issuer_org_id; /* for the reader's scope check */
};

/* Every link from or to the document: outgoing first, by kind then the
 * other's date. */
int store_document_links(struct store *s, struct arena *a, int64_t id,
			 struct document_link_item **out, int *n,
			 struct kh_error *err) KH_MUST_CHECK;

#endif
