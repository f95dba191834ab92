/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Names and labels of the domain's enumerations: see model.h. */
#include "core/common.h"
#include "core/model.h"

#include <string.h>

#define ENUM_TABLE(prefix, LIST)                                        \
	static const char *const prefix##_names[] = {LIST};             \
	static bool prefix##_lookup(const char *s, int count, int *out) \
	{                                                               \
		for (int i = 0; s && i < count; i++)                    \
			if (strcmp(prefix##_names[i], s) == 0) {        \
				*out = i;                               \
				return true;                            \
			}                                               \
		return false;                                           \
	}

#define X(e, s, vi) s,
ENUM_TABLE(org_kind, ORG_KINDS)
ENUM_TABLE(org_event_kind, ORG_EVENT_KINDS)
ENUM_TABLE(position_role, POSITION_ROLES)
ENUM_TABLE(document_link_kind, DOCUMENT_LINK_KINDS)
ENUM_TABLE(plan_status, PLAN_STATUSES)
ENUM_TABLE(plan_item_kind, PLAN_ITEM_KINDS)
ENUM_TABLE(plan_item_category, PLAN_ITEM_CATEGORIES)
ENUM_TABLE(plan_comment_kind, PLAN_COMMENT_KINDS)
#undef X

#define X(e, s, vi) vi,
static const char *const org_kind_labels[] = {ORG_KINDS};
static const char *const org_event_kind_labels[] = {ORG_EVENT_KINDS};
static const char *const position_role_labels[] = {POSITION_ROLES};
static const char *const document_link_kind_labels[] = {DOCUMENT_LINK_KINDS};
static const char *const plan_status_labels[] = {PLAN_STATUSES};
static const char *const plan_item_kind_labels[] = {PLAN_ITEM_KINDS};
static const char *const plan_item_category_labels[] = {PLAN_ITEM_CATEGORIES};
static const char *const plan_comment_kind_labels[] = {PLAN_COMMENT_KINDS};
#undef X

#define ENUM_FUNCS(type, prefix, COUNT)                                    \
	const char *prefix##_name(enum type k)                             \
	{                                                                  \
		return (int)k >= 0 && k < COUNT ? prefix##_names[k] : "";  \
	}                                                                  \
	const char *prefix##_label(enum type k)                            \
	{                                                                  \
		return (int)k >= 0 && k < COUNT ? prefix##_labels[k] : ""; \
	}                                                                  \
	bool prefix##_parse(const char *s, enum type *out)                 \
	{                                                                  \
		int i;                                                     \
		if (!prefix##_lookup(s, COUNT, &i))                        \
			return false;                                      \
		*out = (enum type)i;                                       \
		return true;                                               \
	}

ENUM_FUNCS(org_kind, org_kind, ORG_KIND_COUNT)
ENUM_FUNCS(org_event_kind, org_event_kind, ORG_EVENT_KIND_COUNT)
ENUM_FUNCS(position_role, position_role, POSITION_ROLE_COUNT)
ENUM_FUNCS(document_link_kind, document_link_kind, DOCUMENT_LINK_KIND_COUNT)
ENUM_FUNCS(plan_status, plan_status, PLAN_STATUS_COUNT)
ENUM_FUNCS(plan_item_kind, plan_item_kind, PLAN_ITEM_KIND_COUNT)
ENUM_FUNCS(plan_item_category, plan_item_category, PLAN_CATEGORY_COUNT)
ENUM_FUNCS(plan_comment_kind, plan_comment_kind, PLAN_COMMENT_KIND_COUNT)

bool org_kind_is_advisory(enum org_kind k)
{
	return k == ORG_OFFICE || k == ORG_ORG_BOARD || k == ORG_INSPECTION ||
	       k == ORG_PROPAGANDA || k == ORG_MASS_MOBILIZATION;
}

const char *org_level_label(int level)
{
	switch (level) {
	case ORG_LEVEL_CENTRAL:
		return "Trung ương";
	case ORG_LEVEL_PROVINCE:
		return "Cấp tỉnh";
	case ORG_LEVEL_UPPER_BASE:
		return "Cấp trên cơ sở";
	case ORG_LEVEL_BASE:
		return "Cấp cơ sở";
	case ORG_LEVEL_CELL:
		return "Chi bộ trực thuộc";
	default:
		return "Cấp khác";
	}
}

const char *search_type_name(enum search_type t)
{
	switch (t) {
	case SEARCH_ORG:
		return "org";
	case SEARCH_PERSON:
		return "person";
	case SEARCH_DOCUMENT:
		return "document";
	case SEARCH_PLAN:
		return "plan";
	}
	return "";
}
