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

size_t tl_utf8_sequence(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t cp, min;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2, cp = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, cp = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, cp = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

int tl_buf_json_escape(tl_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int rc;
		if (c >= 0x80) {
			size_t len = tl_utf8_sequence((const unsigned char *)s + i, n - i);
			if (len == 0) {
				rc = tl_buf_append(b, "\\ufffd", 6);
			} else {
				rc = tl_buf_append(b, s + i, len);
				i += len - 1;
			}
			if (rc != TL_OK)
				return rc;
			continue;
		}
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
