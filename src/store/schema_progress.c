/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Migration 6: progress of plan items (issue 5). Each report of progress is
 * a row of item_progress — by the lead or by one coordinator org for its
 * part, or for one occurrence of a recurring duty — and the item keeps the
 * lead's latest figures (progress_state, progress_percent, done_day) so
 * lists and counters never scan the history. A conditional deadline
 * ("sau 30 ngày kể từ …") becomes a date once its event is recorded
 * (event_day + deadline_after_days). Evidence files are stored
 * content-addressed beside the database; files holds one row per content.
 * An item assigned to a group fans out: item_assignments holds one row per
 * member org, with the item of that org's own plan that answers it.
 * Reminders (deadline soon, due, overdue — of items and of reports) are
 * written once per subject, stage and org: the reminders table remembers.
 */
#include "core/common.h"
#include "store/schema.h"

const char schema_m6_progress[] =
	"ALTER TABLE plan_items ADD COLUMN deadline_after_days INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE plan_items ADD COLUMN event_day INTEGER;"
	"ALTER TABLE plan_items ADD COLUMN progress_state TEXT NOT NULL DEFAULT 'not_started';"
	"ALTER TABLE plan_items ADD COLUMN progress_percent INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE plan_items ADD COLUMN progress_day INTEGER;"
	"ALTER TABLE plan_items ADD COLUMN done_day INTEGER;"
	"CREATE TABLE item_progress ("
	"  id INTEGER PRIMARY KEY,"
	"  item_id INTEGER NOT NULL REFERENCES plan_items(id),"
	"  org_id INTEGER REFERENCES orgs(id),"
	"  occurrence_end INTEGER,"
	"  state TEXT NOT NULL"
	"    CHECK (state IN ('not_started', 'in_progress', 'done', 'stalled')),"
	"  percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),"
	"  day INTEGER NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  created_by INTEGER,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX item_progress_by_item ON item_progress(item_id, id);"
	"CREATE TABLE files ("
	"  sha256 TEXT PRIMARY KEY,"
	"  size INTEGER NOT NULL,"
	"  mime TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE progress_evidence ("
	"  progress_id INTEGER NOT NULL REFERENCES item_progress(id),"
	"  sha256 TEXT NOT NULL REFERENCES files(sha256),"
	"  name TEXT NOT NULL,"
	"  PRIMARY KEY (progress_id, sha256)"
	") WITHOUT ROWID;"
	"CREATE TABLE item_assignments ("
	"  item_id INTEGER NOT NULL REFERENCES plan_items(id),"
	"  org_id INTEGER NOT NULL REFERENCES orgs(id),"
	"  answer_item_id INTEGER REFERENCES plan_items(id),"
	"  created_at INTEGER NOT NULL,"
	"  PRIMARY KEY (item_id, org_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX item_assignments_by_org ON item_assignments(org_id, item_id);"
	/* The answers' side: deleting an item checks (and clears) its being an
	 * answer without scanning every assignment. */
	"CREATE INDEX item_assignments_by_answer ON item_assignments(answer_item_id);"
	"CREATE TABLE reminders ("
	"  subject TEXT NOT NULL,"
	"  subject_id INTEGER NOT NULL,"
	"  stage TEXT NOT NULL,"
	"  org_id INTEGER NOT NULL,"
	"  sent_day INTEGER NOT NULL,"
	"  PRIMARY KEY (subject, subject_id, stage, org_id)"
	") WITHOUT ROWID;";
