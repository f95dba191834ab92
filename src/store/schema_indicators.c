/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Migration 7: indicators (chỉ tiêu, issue 5). An indicator is defined once,
 * by the org whose plan or resolution sets it; every org of that org's
 * subtree may hold figures for it in indicator_values: the baseline (period
 * 'baseline', with its year), targets (period 'target'; year 0 = the whole
 * term, else that year) and actuals (periods 'year', 'h1' = first half,
 * 'estimate' = estimate for the year). A parent's figure is derived from its
 * children's by the indicator's rollup rule unless the rule is 'manual';
 * weighted means and shares take their weights from weight_indicator_id.
 * Figures accepted in a report are locked until the upper org reopens it.
 */
#include "core/common.h"
#include "store/schema.h"

const char schema_m7_indicators[] =
	"CREATE TABLE indicators ("
	"  id INTEGER PRIMARY KEY,"
	"  org_id INTEGER NOT NULL REFERENCES orgs(id),"
	"  plan_id INTEGER REFERENCES plans(id),"
	"  document_id INTEGER REFERENCES documents(id),"
	"  seq INTEGER NOT NULL DEFAULT 0,"
	"  code TEXT NOT NULL DEFAULT '',"
	"  name TEXT NOT NULL,"
	"  unit TEXT NOT NULL DEFAULT '',"
	"  direction TEXT NOT NULL DEFAULT 'up' CHECK (direction IN ('up', 'down', 'exact')),"
	"  rollup TEXT NOT NULL DEFAULT 'sum'"
	"    CHECK (rollup IN ('sum', 'mean', 'weighted_mean', 'share', 'manual')),"
	"  weight_indicator_id INTEGER REFERENCES indicators(id),"
	"  year_from INTEGER NOT NULL,"
	"  year_to INTEGER NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  CHECK (year_to >= year_from)"
	");"
	"CREATE INDEX indicators_by_org ON indicators(org_id, seq);"
	"CREATE INDEX indicators_by_plan ON indicators(plan_id, seq);"
	"CREATE TABLE indicator_values ("
	"  indicator_id INTEGER NOT NULL REFERENCES indicators(id),"
	"  org_id INTEGER NOT NULL REFERENCES orgs(id),"
	"  period TEXT NOT NULL"
	"    CHECK (period IN ('baseline', 'target', 'year', 'h1', 'estimate')),"
	"  year INTEGER NOT NULL,"
	"  value REAL NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  locked INTEGER NOT NULL DEFAULT 0,"
	"  entered_by INTEGER,"
	"  entered_at INTEGER NOT NULL,"
	"  PRIMARY KEY (indicator_id, org_id, period, year)"
	") WITHOUT ROWID;"
	"CREATE INDEX indicator_values_by_org ON indicator_values(org_id, indicator_id);";
