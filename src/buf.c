/*
 * buf.c - growable NUL-terminated byte buffer (see buf.h). Owns b->data until
 * tl_buf_detach() or tl_buf_free(). Growth doubles capacity, so appends are
 * amortized O(1), here and in tl_array_grow() for the other arrays; every size computation is checked for overflow. JSON
 * escaping finds runs of bytes that need none sixteen bytes at a time (SSE2,
 * else eight) and appends each run at once; a string of at most 16 bytes is
 * tested with two overlapping word loads and copied with two moves.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"

void *tl_array_grow(void *items, size_t *cap, size_t n, size_t first, size_t size)
{
	if (n < *cap)
		return items;
	size_t ncap = *cap ? *cap * 2 : first;
	if (ncap < *cap || size == 0 || ncap > SIZE_MAX / size)
		return NULL;
	void *grown = realloc(items, ncap * size);
	if (grown)
		*cap = ncap;
	return grown;
}

int tl_buf_grow_slow(tl_buf *b, size_t extra)
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

size_t tl_json_plain_run(const char *s, size_t n)
{
	size_t i = 0;
	if (n <= 16 && tl_json_plain_upto16(s, n))
		return n;
#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) { /* sixteen bytes at a time */
		unsigned mask = tl_json_special16(
			_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
	}
	if (tl_json_plain_upto16(s + i, n - i)) /* the tail, fewer than 16 bytes */
		return n;
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (!tl_json_plain8(x))
			break;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			break;
	}
	return i;
}

#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* tl_json_escape_to() past its short-string test: kept out of line, so that the test
 * runs without this loop's register saves. */
static NOINLINE char *escape_runs(char *dst, const char *s, size_t n,
				  tl_json_invalid invalid)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	char *o = dst;
	size_t i = 0;
	while (i < n) {
		size_t run = tl_json_plain_run(s + i, n - i);
		memcpy(o, s + i, run);
		o += run;
		i += run;
		if (i == n)
			break;
		unsigned char c = u[i];
		if (c >= 0x80) {
			size_t len = tl_utf8_sequence(u + i, n - i);
			if (len) {
				memcpy(o, s + i, len);
				o += len;
				i += len;
			} else if (invalid == TL_JSON_INVALID_RAW) {
				memcpy(o, "\xef\xbf\xbd", 3);
				o += 3;
				i++;
			} else {
				memcpy(o, "\\ufffd", 6);
				o += 6;
				i++;
			}
			continue;
		}
		*o++ = '\\';
		switch (c) {
		case '"':
		case '\\':
			*o++ = (char)c;
			break;
		case '\n':
			*o++ = 'n';
			break;
		case '\r':
			*o++ = 'r';
			break;
		case '\t':
			*o++ = 't';
			break;
		default: /* other controls and DEL */
			memcpy(o, "u00", 3);
			o[3] = hex[c >> 4];
			o[4] = hex[c & 15];
			o += 5;
		}
		i++;
	}
	return o;
}

char *tl_json_escape_to(char *dst, const char *s, size_t n, tl_json_invalid invalid)
{
	if (n <= 16 && tl_json_plain_upto16(s, n)) { /* a usual span or value: one test, one copy */
		tl_copy_upto16(dst, s, n);
		return dst + n;
	}
	return escape_runs(dst, s, n, invalid);
}

int tl_buf_json_escape(tl_buf *b, const char *s, size_t n)
{
	if (n > (SIZE_MAX - 1) / 6 || tl_buf_grow(b, TL_JSON_ESCAPED_MAX(n)) != TL_OK)
		return TL_ENOMEM;
	char *end = tl_json_escape_to(b->data + b->len, s, n, TL_JSON_INVALID_ESCAPED);
	b->len = (size_t)(end - b->data);
	b->data[b->len] = '\0';
	return TL_OK;
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
