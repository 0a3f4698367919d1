/*
 * buf.h - a growable byte buffer. A tl_buf owns its bytes; the data is always
 * NUL-terminated after the last byte so it can be used as a C string. Append
 * calls return 0 or TL_ENOMEM and leave the buffer unchanged on failure.
 * tl_buf_detach() hands the bytes to the caller (free() them).
 */
#ifndef TL_BUF_H
#define TL_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* How tl_json_escape_to() writes a byte that is not valid UTF-8. */
typedef enum tl_json_invalid {
	TL_JSON_INVALID_ESCAPED, /* the six characters \ufffd */
	TL_JSON_INVALID_RAW      /* U+FFFD itself, three UTF-8 bytes */
} tl_json_invalid;

/* Worst case of tl_json_escape_to(): every byte a six-byte \u00XX escape. */
#define TL_JSON_ESCAPED_MAX(n) ((n) * 6)

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

/* Length of the prefix of s[0..n) that goes into a JSON string as it is:
 * printable ASCII but '"' and '\\' (checked eight bytes at a time). */
size_t tl_json_plain_run(const char *s, size_t n);

/* The one JSON string writer: writes s[0..n) as the inside of a JSON string
 * (no quotes) at dst, which must have room for TL_JSON_ESCAPED_MAX(n) bytes,
 * and returns the end of what it wrote. '"', '\\', \n, \r and \t get their
 * short escapes, other controls and DEL \u00XX; invalid UTF-8 bytes become
 * U+FFFD as `invalid` says, so the output is always valid JSON text. */
char *tl_json_escape_to(char *dst, const char *s, size_t n, tl_json_invalid invalid);

/* Appends s[0..n) as tl_json_escape_to(..., TL_JSON_INVALID_ESCAPED) writes it. */
int tl_buf_json_escape(tl_buf *b, const char *s, size_t n);
void tl_buf_reset(tl_buf *b);
char *tl_buf_detach(tl_buf *b);
void tl_buf_free(tl_buf *b);

#endif
