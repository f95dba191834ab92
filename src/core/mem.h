/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Allocation wrappers. They abort on out-of-memory (a server that cannot
 * allocate cannot answer anyway) and check size arithmetic, so callers never
 * test for NULL. Free with free(). In test builds, mem_fail_after(n) makes the
 * n-th following allocation fail (abort) to exercise error paths in
 * subprocess tests.
 */
#ifndef KH_CORE_MEM_H
#define KH_CORE_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* count * size, aborting on overflow. */
size_t xmul(size_t count, size_t size);
/* a + b, aborting on overflow. */
size_t xadd(size_t a, size_t b);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A copy of n bytes with a NUL appended. */
char *xmemdup0(const void *p, size_t n);

#endif
