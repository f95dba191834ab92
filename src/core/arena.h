/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * A memory arena: many small allocations, freed together. Each HTTP request
 * owns one, released when the request completes, so handlers never free
 * individual strings. Allocations abort on out-of-memory like xmalloc.
 */
#ifndef KH_CORE_ARENA_H
#define KH_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#include "core/err.h"

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t block_size;
};

void arena_init(struct arena *a, size_t block_size);
/* Frees every allocation made from the arena. */
void arena_release(struct arena *a);
/* n bytes aligned for any type; zeroed. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_memdup0(struct arena *a, const void *p, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) KH_PRINTF(2, 3);

#endif
