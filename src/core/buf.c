/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Bounded, sticky-error string builder: see buf.h. */
#include "core/common.h"
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t limit)
{
	b->cap = 64;
	b->data = xmalloc(b->cap);
	b->data[0] = '\0';
	b->len = 0;
	b->limit = limit;
	b->failed = false;
}

void buf_release(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_clear(struct buf *b)
{
	b->len = 0;
	b->data[0] = '\0';
	b->failed = false;
}

char *buf_take(struct buf *b)
{
	char *s = b->data;
	size_t limit = b->limit;
	buf_init(b, limit);
	return s;
}

/* Makes room for n more bytes plus the NUL; false (and sticky failure) when
 * that would pass the limit. */
static bool grow(struct buf *b, size_t n)
{
	if (b->failed)
		return false;
	if (n > b->limit || b->len > b->limit - n) {
		b->failed = true;
		return false;
	}
	size_t need = xadd(xadd(b->len, n), 1);
	if (need <= b->cap)
		return true;
	size_t cap = b->cap;
	while (cap < need)
		cap = xmul(cap, 2);
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
	return true;
}

void buf_add(struct buf *b, const void *data, size_t n)
{
	if (!grow(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (!grow(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}
