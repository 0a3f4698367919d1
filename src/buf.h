/*
 * buf.h - a growable byte buffer. A tl_buf owns its bytes; the data is always
 * NUL-terminated after the last byte so it can be used as a C string. Append
 * calls return 0 or TL_ENOMEM and leave the buffer unchanged on failure.
 * tl_buf_detach() hands the bytes to the caller (free() them). Also the one
 * growth step for the library's other growable arrays (tl_array_grow).
 */
#ifndef TL_BUF_H
#define TL_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "error.h"

typedef struct tl_buf {
	char *data; /* NULL until the first append */
	size_t len;
	size_t cap;
} tl_buf;

#define TL_BUF_INIT {NULL, 0, 0}

/* Room for one more element in an array of size-byte elements holding n of *cap:
 * when n == *cap, doubles *cap (first when it is 0) and reallocates items. Returns
 * the array to use (items itself when it had room), or NULL when out of memory or
 * the size would overflow: then items is untouched, still the caller's, and *cap
 * unchanged. */
void *tl_array_grow(void *items, size_t *cap, size_t n, size_t first, size_t size);

/* Room for extra more bytes and the NUL after them: TL_OK, or TL_ENOMEM (b
 * unchanged). The usual case, room already there, is inline; growing is
 * tl_buf_grow_slow() (out of line). */
int tl_buf_grow_slow(tl_buf *b, size_t extra);
static inline int tl_buf_grow(tl_buf *b, size_t extra)
{
	if (b->len < b->cap && extra < b->cap - b->len)
		return TL_OK;
	return tl_buf_grow_slow(b, extra);
}
int tl_buf_append(tl_buf *b, const char *bytes, size_t n);
int tl_buf_puts(tl_buf *b, const char *s);
/* Appends one byte (inline: the exporters and the map step call it per byte
 * or per line). */
static inline int tl_buf_putc(tl_buf *b, char c)
{
	if (b->cap - b->len <= 1 && tl_buf_grow(b, 1) != TL_OK)
		return TL_ENOMEM;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
	return TL_OK;
}
int tl_buf_printf(tl_buf *b, const char *fmt, ...) TL_PRINTF(2, 3);
/* Length of the valid UTF-8 sequence at s[0..n) (n >= 1), or 0 when it is not
 * valid (RFC 3629: overlong forms, surrogates and code points past U+10FFFF are
 * invalid). The one UTF-8 check every writer and reader shares. */
size_t tl_utf8_sequence(const unsigned char *s, size_t n);

/* How tl_json_escape_to() writes a byte that is not valid UTF-8. */
typedef enum tl_json_invalid {
	TL_JSON_INVALID_ESCAPED, /* the six characters \ufffd */
	TL_JSON_INVALID_RAW      /* U+FFFD itself, three UTF-8 bytes */
} tl_json_invalid;

/* Worst case of tl_json_escape_to(): every byte a six-byte \u00XX escape. */
#define TL_JSON_ESCAPED_MAX(n) ((n) * 6)

#ifdef __SSE2__
/* Bit i set when byte i of x needs escaping in a JSON string (tl_json_plain8()'s
 * rule for sixteen bytes): as signed bytes, plain ones are above 0x1f (0x80..0xff
 * are negative) and none of '"', '\\' and DEL. */
static inline unsigned tl_json_special16(__m128i x)
{
	__m128i bad = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
				   _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
	bad = _mm_or_si128(bad, _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)));
	bad = _mm_or_si128(bad, _mm_cmplt_epi8(x, _mm_set1_epi8(0x20)));
	return (unsigned)_mm_movemask_epi8(bad);
}
#endif

/* True when none of the eight bytes of x (as loaded from memory) needs escaping in a
 * JSON string: each is printable ASCII other than '"' and '\\' (0x20..0x7e). */
static inline bool tl_json_plain8(uint64_t x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
	/* a byte < 0x20, '"', '\\' or DEL is a zero byte of x - 0x20 or of one of the
	 * XORs (which keep the high bit, so ~x covers them); a high bit is not ASCII */
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\'), d = x ^ (ones * 0x7f);
	uint64_t hit = ((x - ones * 0x20) | (q - ones) | (b - ones) | (d - ones)) & ~x & highs;
	return !(hit | (x & highs));
}

/* Whether every byte of s[0..n) is plain, for n <= 16: two overlapping loads cover
 * the bytes (those read twice are tested twice), so no byte loop runs for the short
 * strings the writers mostly escape (spans, TIMEX3 values). */
static inline bool tl_json_plain_upto16(const char *s, size_t n)
{
	uint64_t x;
	if (n >= 8) {
		uint64_t y;
		memcpy(&x, s, 8);
		memcpy(&y, s + n - 8, 8);
		return tl_json_plain8(x) && tl_json_plain8(y);
	}
	if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		x = (uint64_t)a | (uint64_t)b << 32;
	} else if (n > 0) { /* s[0], s[n / 2], s[n - 1] are all the bytes; spaces pad */
		x = UINT64_C(0x2020202020) << 24 | (uint64_t)(unsigned char)s[0] |
		    (uint64_t)(unsigned char)s[n / 2] << 8 |
		    (uint64_t)(unsigned char)s[n - 1] << 16;
	} else {
		return true;
	}
	return tl_json_plain8(x);
}

/* Copies s[0..n) to d for n <= 16 with overlapping moves instead of a memcpy() call. */
static inline void tl_copy_upto16(char *d, const char *s, size_t n)
{
	if (n >= 8) {
		uint64_t x, y;
		memcpy(&x, s, 8);
		memcpy(&y, s + n - 8, 8);
		memcpy(d, &x, 8);
		memcpy(d + n - 8, &y, 8);
	} else if (n >= 4) {
		uint32_t x, y;
		memcpy(&x, s, 4);
		memcpy(&y, s + n - 4, 4);
		memcpy(d, &x, 4);
		memcpy(d + n - 4, &y, 4);
	} else if (n > 0) {
		char a = s[0], b = s[n / 2], c = s[n - 1];
		d[0] = a;
		d[n / 2] = b;
		d[n - 1] = c;
	}
}

/* Length of the prefix of s[0..n) that goes into a JSON string as it is:
 * printable ASCII but '"' and '\\' (checked eight bytes at a time). */
size_t tl_json_plain_run(const char *s, size_t n);

/* The one JSON string writer: writes s[0..n) as the inside of a JSON string
 * (no quotes) at dst, which must have room for TL_JSON_ESCAPED_MAX(n) bytes,
 * and returns the end of what it wrote. '"', '\\', \n, \r and \t get their
 * short escapes, other controls and DEL \u00XX; invalid UTF-8 bytes become
 * U+FFFD as `invalid` says, so the output is always valid JSON text. */
char *tl_json_escape_to(char *dst, const char *s, size_t n, tl_json_invalid invalid);

/* tl_json_escape_to() with its short-string case inline, for writers that call it per
 * field: a plain string of at most 16 bytes is tested and copied without a call. */
static inline char *tl_json_escape_inline(char *dst, const char *s, size_t n,
					  tl_json_invalid invalid)
{
	if (n <= 16 && tl_json_plain_upto16(s, n)) {
		tl_copy_upto16(dst, s, n);
		return dst + n;
	}
	return tl_json_escape_to(dst, s, n, invalid);
}

/* Appends s[0..n) as tl_json_escape_to(..., TL_JSON_INVALID_ESCAPED) writes it. */
int tl_buf_json_escape(tl_buf *b, const char *s, size_t n);
/* Empties b, keeping its memory (inline). */
static inline void tl_buf_reset(tl_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}
char *tl_buf_detach(tl_buf *b);
void tl_buf_free(tl_buf *b);

#endif
