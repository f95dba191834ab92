/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Compiled-in static files. */
#ifndef KH_WEB_ASSETS_H
#define KH_WEB_ASSETS_H
extern const char asset_app_css[];
extern const char asset_app_js[];
#endif
