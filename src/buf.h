/*
 * buf.h - a growable byte buffer. A tl_buf owns its bytes; the data is always
 * NUL-terminated after the last byte so it can be used as a C string. Append
 * calls return 0 or TL_ENOMEM and leave the buffer unchanged on failure.
 * tl_buf_detach() hands the bytes to the caller (free() them).
 */
#ifndef TL_BUF_H
#define TL_BUF_H

#include <stddef.h>

#include "error.h"

typedef struct tl_buf {
	char *data; /* NULL until the first append */
	size_t len;
	size_t cap;
} tl_buf;

#define TL_BUF_INIT {NULL, 0, 0}

int tl_buf_grow(tl_buf *b, size_t extra);
int tl_buf_append(tl_buf *b, const char *bytes, size_t n);
int tl_buf_puts(tl_buf *b, const char *s);
int tl_buf_putc(tl_buf *b, char c);
int tl_buf_printf(tl_buf *b, const char *fmt, ...) TL_PRINTF(2, 3);
/* Length of the valid UTF-8 sequence at s[0..n) (n >= 1), or 0 when it is not
 * valid (RFC 3629: overlong forms, surrogates and code points past U+10FFFF are
 * invalid). The one UTF-8 check every writer and reader shares. */
size_t tl_utf8_sequence(const unsigned char *s, size_t n);

/* Appends s[0..n) as the inside of a JSON string (no quotes added); invalid
 * UTF-8 bytes become \ufffd, so the output is always valid JSON text. */
int tl_buf_json_escape(tl_buf *b, const char *s, size_t n);
void tl_buf_reset(tl_buf *b);
char *tl_buf_detach(tl_buf *b);
void tl_buf_free(tl_buf *b);

#endif
