/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Pure arithmetic of the classification rule sets (see app/rules.h): grade
 * names and labels, the periods a rule allows, the task-result score, the
 * grade a score allows and the quota of "excellent". No I/O.
 */
#include "core/common.h"
#include "app/rules.h"

#include <string.h>

static const char *const NAMES[] = {"not_complete", "complete", "good", "excellent"};
static const char *const LABELS[] = {"Không hoàn thành nhiệm vụ", "Hoàn thành nhiệm vụ",
				     "Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"};

const char *class_grade_name(enum class_grade g)
{
	return (unsigned)g < KH_ARRAY_LEN(NAMES) ? NAMES[g] : "";
}

const char *class_grade_label(enum class_grade g)
{
	return (unsigned)g < KH_ARRAY_LEN(LABELS) ? LABELS[g] : "";
}

bool class_grade_parse(const char *s, enum class_grade *out)
{
	for (size_t i = 0; s && i < KH_ARRAY_LEN(NAMES); i++)
		if (strcmp(s, NAMES[i]) == 0) {
			*out = (enum class_grade)i;
			return true;
		}
	return false;
}

const char *class_grade_label_of(const char *name)
{
	enum class_grade g;
	return class_grade_parse(name, &g) ? class_grade_label(g) : "";
}

const char *class_period_label(const char *kind)
{
	if (!kind)
		return "";
	if (strcmp(kind, "quarter") == 0)
		return "Quý";
	if (strcmp(kind, "year") == 0)
		return "Năm";
	if (strcmp(kind, "term") == 0)
		return "Nhiệm kỳ";
	return "";
}

bool class_rule_allows(const struct class_rule_row *r, const char *kind)
{
	size_t n = kind ? strlen(kind) : 0;
	if (!n || !r->periods)
		return false;
	for (const char *p = r->periods; *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, kind, n) == 0)
			return true;
		if (!e)
			break;
		p = e + 1;
	}
	return false;
}

void class_task_score(const struct class_rule_row *r, int on_time, int late, int overdue, int open,
		      struct class_task_score *out)
{
	memset(out, 0, sizeof(*out));
	out->on_time = on_time;
	out->late = late;
	out->overdue = overdue;
	out->open = open;
	out->items = on_time + late + overdue + open;
	out->counted = on_time + late + overdue;
	out->all_on_time = late == 0 && overdue == 0;
	if (!out->counted || !r->scored) {
		out->points = -1;
		return;
	}
	/* In hundredths of an item, rounded half up. */
	int64_t num = (int64_t)r->task_max * (on_time * 100 + late * r->late_weight_pct);
	int64_t den = (int64_t)out->counted * 100;
	out->points = (int)((num * 2 + den) / (den * 2));
}

void class_task_exceeded(const struct class_rule_row *r, struct class_task_score *out)
{
	out->exceed_bonus = 0;
	if (out->points < 0 || r->exceed_points <= 0 || out->indicators_exceeded <= 0)
		return;
	int64_t room = r->task_max - out->points;
	int64_t bonus = (int64_t)out->indicators_exceeded * r->exceed_points;
	out->exceed_bonus = (int)(bonus < room ? bonus : room > 0 ? room : 0);
	out->points += out->exceed_bonus;
}

enum class_grade class_grade_for_points(const struct class_rule_row *r, int total, bool all_on_time)
{
	if (!r->scored)
		return CLASS_EXCELLENT;
	if (total >= r->excellent_min && (all_on_time || !r->excellent_on_time))
		return CLASS_EXCELLENT;
	if (total >= r->good_min)
		return CLASS_GOOD;
	if (total >= r->complete_min)
		return CLASS_COMPLETE;
	return CLASS_NOT_COMPLETE;
}

int class_quota_max(const struct class_rule_row *r, int good_or_better)
{
	int n = good_or_better * r->quota_pct / 100;
	return n < r->quota_min ? r->quota_min : n;
}
