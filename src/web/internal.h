/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Shared by the web layer's own files: parsing helpers and metrics. */
#ifndef KH_WEB_INTERNAL_H
#define KH_WEB_INTERNAL_H

#include "web/http.h"

#define BODY_LIMIT (1u << 20)
#define BODY_LIMIT_LARGE (20u << 20)
#define PAGE_LIMIT (16u << 20)

/* Parses an application/x-www-form-urlencoded or query string into the
 * declared params of r->route. Returns 0 or KH_EINVAL (err names the field). */
int req_parse_urlencoded(struct req *r, const char *s, size_t n, struct kh_error *err);
/* Parses a multipart/form-data body. */
int req_parse_multipart(struct req *r, const char *content_type, struct kh_error *err);
/* Validates and stores one (name, value) pair when name is declared. */
int req_add_param(struct req *r, const char *name, const char *value, size_t len,
		  const char *filename, struct kh_error *err);
/* The raw value of the CSRF form field, captured during form parsing. */
extern const char *const CSRF_FIELD;

/* Percent-decodes in place (also '+' → ' ' when plus). Returns new length. */
size_t url_decode(char *s, size_t n, bool plus);
/* Appends s percent-encoded for a query component. */
void url_encode(struct buf *b, const char *s);

/* Metrics. */
void metrics_init(int nroutes);
void metrics_record(int route_index, const char *route_name, int status, double seconds);
/* Appends the Prometheus text exposition; db_size in bytes. */
void metrics_render(struct buf *b, long long db_size);

#endif
