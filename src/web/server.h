/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Starting and stopping the HTTP server (libmicrohttpd, thread pool + epoll). */
#ifndef KH_WEB_SERVER_H
#define KH_WEB_SERVER_H

#include <stdbool.h>

#include "core/err.h"

struct web_config {
	const char *db_path;
	const char *listen; /* "127.0.0.1:8080" */
	int threads;	    /* worker threads; 0 = two per core */
	bool quiet;	    /* no access log */
};

/* Serves until SIGINT or SIGTERM, then stops accepting, finishes the
 * requests in flight and returns 0. Fails when the address is taken or the
 * database is not at this build's schema version. */
int web_serve(const struct web_config *cfg, struct kh_error *err) KH_MUST_CHECK;

/* Calls fn for every route the server answers, in matching order:
 * methods (HTTP_* bits), pattern, and whether it is public. */
void web_routes_each(void (*fn)(int methods, const char *pattern, bool is_public, void *arg),
		     void *arg);

#endif
