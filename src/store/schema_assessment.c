/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Migration 10: the year-end self-assessment of a plan (issue 5, DESIGN.md
 * glossary "assessment", "shortcoming", "remedy"). One assessment per plan
 * (draft, then submitted and frozen) with its overall summary, shortcomings
 * and their subjective causes; a rating per item of the plan (done, partly,
 * not done, with a note); the remedies, in order, each remembering the item
 * of next year's plan it was carried into. Item ids are kept without a
 * foreign key: an item removed from a plan while it is adjusted (or the
 * carried item removed from next year's draft) must not be blocked by the
 * assessment — a remedy whose item is gone counts as not carried.
 */
#include "core/common.h"
#include "store/schema.h"

const char schema_m10_assessment[] =
	"CREATE TABLE assessments ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id INTEGER NOT NULL UNIQUE REFERENCES plans(id),"
	"  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),"
	"  summary TEXT NOT NULL DEFAULT '',"
	"  shortcomings TEXT NOT NULL DEFAULT '',"
	"  causes TEXT NOT NULL DEFAULT '',"
	"  created_by INTEGER,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  submitted_by INTEGER,"
	"  submitted_at INTEGER"
	");"
	"CREATE TABLE assessment_items ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id),"
	"  item_id INTEGER NOT NULL,"
	"  rating TEXT NOT NULL CHECK (rating IN ('done', 'partly', 'not_done')),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (assessment_id, item_id)"
	") WITHOUT ROWID;"
	"CREATE TABLE assessment_remedies ("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id),"
	"  seq INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  carried_item_id INTEGER,"
	"  carried_at INTEGER"
	");"
	"CREATE INDEX assessment_remedies_by_assessment ON assessment_remedies(assessment_id, seq);"
	"CREATE INDEX assessment_remedies_by_item ON assessment_remedies(carried_item_id);";
