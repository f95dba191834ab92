/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The table of a user's API tokens shared by the accounts page (admin.c) and
 * the user's own account page (auth.c): label, creation time, status and a
 * revoke button that posts to /admin/tokens/{id}/revoke.
 */
#ifndef KH_WEB_TOKENS_H
#define KH_WEB_TOKENS_H

#include "core/model.h"
#include "web/internal.h"

/* Writes the token table (or a "none" line) into the page. back names the
 * page the revoke form returns to: "account" or NULL for /admin/users. */
void web_token_table(struct req *r, const struct api_token *v, int n, const char *back);

#endif
