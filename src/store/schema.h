/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The ordered migrations (store-internal). */
#ifndef KH_STORE_SCHEMA_H
#define KH_STORE_SCHEMA_H

/* Number of migrations; the schema version of a fully migrated database. */
int schema_count(void);
/* The SQL of migration i (0-based), or NULL. */
const char *schema_migration(int i);

/* Migrations kept in their own files (store/schema_*.c), one per area, so
 * that the SQL of an area sits beside nothing else. */
extern const char schema_m6_progress[];
extern const char schema_m7_indicators[];
extern const char schema_m8_reports[];
extern const char schema_m9_counters[];
extern const char schema_m10_assessment[];
extern const char schema_m11_classification[];

#endif
