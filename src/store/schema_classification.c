/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Migration for the classification slice of issue 5 — filled in by that slice.
 */
#include "core/common.h"
#include "store/schema.h"

const char schema_m11_classification[] = "SELECT 1;";
