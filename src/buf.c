/*
 * buf.c - growable NUL-terminated byte buffer (see buf.h). Owns b->data until
 * tl_buf_detach() or tl_buf_free(). Growth doubles capacity, so appends are
 * amortized O(1); every size computation is checked for overflow. JSON
 * escaping finds runs of bytes that need none eight bytes at a time and
 * appends each run at once.
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

/* Appends are the exporters' inner loop (often a byte at a time): when the bytes fit
 * (cap > len always holds once data is allocated; cap == len == 0 before) nothing is
 * called but memcpy(), and not even that for one byte. */
int tl_buf_append(tl_buf *b, const char *bytes, size_t n)
{
	if (b->cap - b->len <= n && tl_buf_grow(b, n) != TL_OK)
		return TL_ENOMEM;
	if (n == 1) /* one byte of text: cheaper than the call to memcpy() */
		b->data[b->len] = bytes[0];
	else if (n)
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
	if (b->cap - b->len <= 1 && tl_buf_grow(b, 1) != TL_OK)
		return TL_ENOMEM;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
	return TL_OK;
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

/* The end of the run of bytes from s[i] that go into a JSON string as they are (printable
 * ASCII but '"' and '\\'), eight bytes at a time: a word is left to the byte loop when
 * a byte has its high bit set, is below 0x20, or equals 0x7f, '"' or '\\' (a flag may
 * spill into the bytes above a flagged one, never into a word without one). */
static size_t json_plain_end(const char *s, size_t i, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
	while (i + 8 <= n) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t del = x ^ (ones * 0x7f), quote = x ^ (ones * '"'), bslash = x ^ (ones * '\\');
		uint64_t bad = x | ((x - ones * 0x20) & ~x) | ((del - ones) & ~del) |
			       ((quote - ones) & ~quote) | ((bslash - ones) & ~bslash);
		if (bad & highs)
			break;
		i += 8;
	}
	while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f && s[i] != '"' &&
	       s[i] != '\\')
		i++;
	return i;
}

int tl_buf_json_escape(tl_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		/* a run of bytes that need no escaping goes in with one append */
		size_t k = json_plain_end(s, i, n);
		if (k > i) {
			if (tl_buf_append(b, s + i, k - i) != TL_OK)
				return TL_ENOMEM;
			if (k == n)
				break;
			i = k;
		}
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
