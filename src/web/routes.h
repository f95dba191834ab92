/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The route tables of each web module; server.c concatenates them. */
#ifndef KH_WEB_ROUTES_H
#define KH_WEB_ROUTES_H

#include "web/http.h"

struct route_list web_routes_core(void);     /* web/core.c: /, healthz, metrics, static */
struct route_list web_routes_auth(void);     /* web/auth.c: login, logout, session API */
struct route_list web_routes_admin(void);    /* web/admin.c: accounts, audit log */
struct route_list web_routes_org(void);	     /* web/org.c: the org tree */
struct route_list web_routes_person(void);   /* web/person.c: people, positions */
struct route_list web_routes_document(void); /* web/document.c: the register */
struct route_list web_routes_search(void);   /* web/search.c: search page and API */
struct route_list web_routes_plan(void);     /* web/plan.c: plans, items, versions, cascade */
struct route_list web_routes_comment(void);  /* web/comment.c: comments, escalations, inbox */
struct route_list web_routes_check(void);    /* web/check.c: quality check, compliance */
struct route_list web_routes_export(void);   /* web/export.c: DOCX, PDF, XLSX; bulk edit */
/* web/import_plan.c: plans read from documents */
struct route_list web_routes_import_plan(void);
struct route_list web_routes_progress(void);   /* web/progress.c: progress, evidence, assignments */
struct route_list web_routes_indicator(void);  /* web/indicator.c: indicators and their tables */
struct route_list web_routes_report(void);     /* web/report.c: report campaigns and reports */
struct route_list web_routes_dashboard(void);  /* web/dashboard.c: who has not done it yet */
struct route_list web_routes_assessment(void); /* web/assessment.c: year-end self-assessment */
struct route_list web_routes_classification(void); /* web/classification.c: quality grades */

#endif
