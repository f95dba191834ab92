/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Migration 11: quality classification (đánh giá, xếp loại chất lượng; issue
 * 5, DESIGN.md "Quality classification"). classification_rules holds the
 * versioned rule sets as data, one row per regulation, chosen by the period
 * evaluated (year_from..year_to, inclusive; NULL year_to = still in force):
 * the periods it allows, whether it scores (points of general criteria and of
 * task results), the grade thresholds, the weight of a task done late, whether
 * "excellent" requires every task on time, the quota of "excellent" (quota_pct
 * of those graded good or better in the same group, at least quota_min) and
 * the conditions as shown (JSON array of texts). The figures of the seeded
 * rows that the regulations leave to guidance (thresholds, late weight, quota
 * floor, the first year of 366-QĐ/TW) are OUR READING and can be changed by
 * editing the row. classifications holds one row per subject and period (an
 * org, its leadership collective, a member) with its current stage and grade;
 * classification_steps the history of every stage (self-assessment, proposal,
 * decision, re-examination).
 */
#include "core/common.h"
#include "store/schema.h"

const char schema_m11_classification[] =
	"CREATE TABLE classification_rules ("
	"  code TEXT PRIMARY KEY,"
	"  title TEXT NOT NULL,"
	"  year_from INTEGER NOT NULL,"
	"  year_to INTEGER,"
	"  periods TEXT NOT NULL,"
	"  scored INTEGER NOT NULL DEFAULT 0,"
	"  general_max INTEGER NOT NULL DEFAULT 0,"
	"  task_max INTEGER NOT NULL DEFAULT 0,"
	"  excellent_min INTEGER NOT NULL DEFAULT 0,"
	"  good_min INTEGER NOT NULL DEFAULT 0,"
	"  complete_min INTEGER NOT NULL DEFAULT 0,"
	"  late_weight_pct INTEGER NOT NULL DEFAULT 50,"
	"  excellent_on_time INTEGER NOT NULL DEFAULT 0,"
	"  quota_pct INTEGER NOT NULL DEFAULT 20,"
	"  quota_min INTEGER NOT NULL DEFAULT 1,"
	"  conditions TEXT NOT NULL DEFAULT '[]',"
	"  exceed_points INTEGER NOT NULL DEFAULT 0"
	") WITHOUT ROWID;"
	"INSERT INTO classification_rules VALUES ("
	"  '124-QĐ/TW',"
	"  'Quy định 124-QĐ/TW ngày 10/10/2023 của Bộ Chính trị về kiểm điểm và đánh giá,"
	" xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị',"
	"  2023, 2025, 'year', 0, 0, 0, 0, 0, 0, 50, 0, 20, 1,"
	"  '[\"Xếp loại theo tiêu chí và điều kiện, không chấm điểm; đánh giá hằng năm\","
	" \"«Hoàn thành xuất sắc nhiệm vụ»: hoàn thành 100% chỉ tiêu, nhiệm vụ, tiêu biểu"
	" xuất sắc\","
	" \"Tỷ lệ «Hoàn thành xuất sắc» không quá 20% số được xếp loại «Hoàn thành tốt nhiệm"
	" vụ» trở lên\","
	" \"Tổ chức có tổ chức trực thuộc bị thi hành kỷ luật không được xếp loại «Hoàn thành"
	" xuất sắc»\"]', 0);"
	"INSERT INTO classification_rules VALUES ("
	"  '366-QĐ/TW',"
	"  'Quy định 366-QĐ/TW năm 2025 của Bộ Chính trị về kiểm điểm, đánh giá, xếp loại"
	" chất lượng đối với tập thể, cá nhân trong hệ thống chính trị',"
	"  2026, NULL, 'quarter,year,term', 1, 30, 70, 90, 70, 50, 50, 1, 20, 1,"
	"  '[\"Thang điểm 100: 30 điểm tiêu chí chung, 70 điểm kết quả thực hiện nhiệm vụ\","
	" \"Đánh giá theo quý, năm và nhiệm kỳ\","
	" \"«Hoàn thành xuất sắc nhiệm vụ»: từ 90 điểm và mọi nhiệm vụ hoàn thành đúng hạn\","
	" \"«Hoàn thành tốt nhiệm vụ»: từ 70 điểm; «Hoàn thành nhiệm vụ»: từ 50 điểm\","
	" \"Tỷ lệ «Hoàn thành xuất sắc» không quá 20% số được xếp loại «Hoàn thành tốt nhiệm"
	" vụ» trở lên\","
	" \"Tổ chức có tổ chức trực thuộc bị thi hành kỷ luật không được xếp loại «Hoàn thành"
	" xuất sắc»\", \"Mỗi chỉ tiêu vượt mục tiêu cộng 2 điểm kết quả thực hiện nhiệm vụ,"
	" không quá 70 điểm\"]', 2);"
	"CREATE TABLE classifications ("
	"  id INTEGER PRIMARY KEY,"
	"  rule_code TEXT NOT NULL REFERENCES classification_rules(code),"
	"  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('org', 'collective', 'member')),"
	"  org_id INTEGER NOT NULL REFERENCES orgs(id),"
	"  person_id INTEGER REFERENCES people(id),"
	"  deciding_org_id INTEGER NOT NULL REFERENCES orgs(id),"
	"  period_kind TEXT NOT NULL CHECK (period_kind IN ('quarter', 'year', 'term')),"
	"  year INTEGER NOT NULL,"
	"  part INTEGER NOT NULL DEFAULT 0,"
	"  stage TEXT NOT NULL CHECK (stage IN ('self', 'proposed', 'decided')),"
	"  grade TEXT NOT NULL"
	"    CHECK (grade IN ('excellent', 'good', 'complete', 'not_complete')),"
	"  general_points INTEGER,"
	"  task_points INTEGER,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE UNIQUE INDEX classifications_subject ON classifications(subject_kind, org_id,"
	"  coalesce(person_id, 0), period_kind, year, part);"
	"CREATE INDEX classifications_by_decider ON classifications(deciding_org_id, year);"
	"CREATE TABLE classification_steps ("
	"  id INTEGER PRIMARY KEY,"
	"  classification_id INTEGER NOT NULL REFERENCES classifications(id),"
	"  stage TEXT NOT NULL CHECK (stage IN ('self', 'proposed', 'decided', 'reexamined')),"
	"  grade TEXT NOT NULL,"
	"  general_points INTEGER,"
	"  task_points INTEGER,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  by_user INTEGER,"
	"  at INTEGER NOT NULL"
	");"
	"CREATE INDEX classification_steps_by_class ON classification_steps(classification_id);";
