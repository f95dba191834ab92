/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The one string and document builder. A buf is always NUL-terminated, has
 * a size limit set at init, and a sticky error flag: once an append would
 * pass the limit, the buffer stops growing and every later append is a no-op,
 * so a caller appends freely and checks buf_failed() once at the end.
 *
 *   struct buf b;
 *   buf_init(&b, 64 * 1024);
 *   buf_puts(&b, "x"); buf_printf(&b, "%d", n);
 *   if (buf_failed(&b)) ...;
 *   char *s = buf_take(&b);   // caller frees s; b is empty again
 *
 * buf_release() frees the storage; a released buf may be reused after
 * buf_init().
 */
#ifndef KH_CORE_BUF_H
#define KH_CORE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct buf {
	char *data; /* NUL-terminated; never NULL after buf_init */
	size_t len;
	size_t cap;
	size_t limit; /* the most bytes len may reach */
	bool failed;
};

/* Starts an empty buffer that will hold at most limit bytes. */
void buf_init(struct buf *b, size_t limit);
/* Frees the storage. */
void buf_release(struct buf *b);
/* Empties the buffer, keeping storage and clearing the error flag. */
void buf_clear(struct buf *b);
/* Hands the string over (caller frees); the buf is left empty and usable. */
char *buf_take(struct buf *b);

void buf_add(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) KH_PRINTF(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Shortens the content to len (len <= b->len). */
void buf_truncate(struct buf *b, size_t len);

static inline bool buf_failed(const struct buf *b)
{
	return b->failed;
}

#endif
