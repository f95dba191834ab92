/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Bump allocator with a list of blocks: see arena.h. */
#include "core/common.h"
#include "core/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

void arena_init(struct arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 8192;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = _Alignof(max_align_t);
	n = xadd(n, align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	struct arena_block *b = a->head;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > a->block_size ? n : a->block_size;
		b = xmalloc(xadd(sizeof(*b), cap));
		b->used = 0;
		b->cap = cap;
		/* A huge one-off allocation goes behind the current block so the
		 * current block's free space is not wasted. */
		if (a->head && n > a->block_size) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_memdup0(struct arena *a, const void *p, size_t n)
{
	char *r = arena_alloc(a, xadd(n, 1));
	if (n)
		memcpy(r, p, n);
	r[n] = '\0';
	return r;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_memdup0(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		va_end(ap2);
		return arena_strdup(a, "");
	}
	char *r = arena_alloc(a, (size_t)n + 1);
	vsnprintf(r, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return r;
}
