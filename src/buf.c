/*
 * buf.c - growable NUL-terminated byte buffer (see buf.h). Owns b->data until
 * tl_buf_detach() or tl_buf_free(). Growth doubles capacity, so appends are
 * amortized O(1); every size computation is checked for overflow.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

int tl_buf_grow(tl_buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1)
		return TL_ENOMEM;
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return TL_OK;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *data = realloc(b->data, cap);
	if (!data)
		return TL_ENOMEM;
	b->data = data;
	b->cap = cap;
	return TL_OK;
}

int tl_buf_append(tl_buf *b, const char *bytes, size_t n)
{
	if (tl_buf_grow(b, n) != TL_OK)
		return TL_ENOMEM;
	if (n)
		memcpy(b->data + b->len, bytes, n);
	b->len += n;
	b->data[b->len] = '\0';
	return TL_OK;
}

int tl_buf_puts(tl_buf *b, const char *s)
{
	return tl_buf_append(b, s, strlen(s));
}

int tl_buf_putc(tl_buf *b, char c)
{
	return tl_buf_append(b, &c, 1);
}

int tl_buf_printf(tl_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return TL_EINTERNAL;
	if (tl_buf_grow(b, (size_t)n) != TL_OK)
		return TL_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return TL_OK;
}

int tl_buf_json_escape(tl_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int rc;
		switch (c) {
		case '"':
			rc = tl_buf_append(b, "\\\"", 2);
			break;
		case '\\':
			rc = tl_buf_append(b, "\\\\", 2);
			break;
		case '\n':
			rc = tl_buf_append(b, "\\n", 2);
			break;
		case '\r':
			rc = tl_buf_append(b, "\\r", 2);
			break;
		case '\t':
			rc = tl_buf_append(b, "\\t", 2);
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
				rc = tl_buf_append(b, esc, 6);
			} else {
				rc = tl_buf_putc(b, (char)c);
			}
		}
		if (rc != TL_OK)
			return rc;
	}
	return TL_OK;
}

void tl_buf_reset(tl_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *tl_buf_detach(tl_buf *b)
{
	char *data = b->data;
	if (!data)
		data = calloc(1, 1);
	b->data = NULL;
	b->len = b->cap = 0;
	return data;
}

void tl_buf_free(tl_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
