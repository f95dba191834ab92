/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Allocation wrappers that abort on failure: see mem.h. */
#include "core/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
	fprintf(stderr, "kehoach: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		oom(xmul(count, size));
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

size_t xmul(size_t count, size_t size)
{
	size_t r;
	if (__builtin_mul_overflow(count, size, &r)) {
		fprintf(stderr, "kehoach: size overflow\n");
		abort();
	}
	return r;
}

size_t xadd(size_t a, size_t b)
{
	size_t r;
	if (__builtin_add_overflow(a, b, &r)) {
		fprintf(stderr, "kehoach: size overflow\n");
		abort();
	}
	return r;
}

char *xstrdup(const char *s)
{
	return xmemdup0(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	return xmemdup0(s, len);
}

char *xmemdup0(const void *p, size_t n)
{
	char *r = xmalloc(xadd(n, 1));
	if (n)
		memcpy(r, p, n);
	r[n] = '\0';
	return r;
}
