/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The ordered migrations (store-internal). */
#ifndef KH_STORE_SCHEMA_H
#define KH_STORE_SCHEMA_H

/* Number of migrations; the schema version of a fully migrated database. */
int schema_count(void);
/* The SQL of migration i (0-based), or NULL. */
const char *schema_migration(int i);

#endif
