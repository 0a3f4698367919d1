/*
 * ascii.h - locale-free ASCII character classes and a count of trailing zero
 * bits, shared by the scanners (text cleanup, cruft lines, the recognizer,
 * actors, intervals). Header only: every function is static inline, so each
 * scanner keeps its tight loops free of calls. Owns nothing.
 */
#ifndef TL_ASCII_H
#define TL_ASCII_H

#include <stdbool.h>
#include <stdint.h>

static inline bool tl_is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool tl_is_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool tl_is_alpha(unsigned char c)
{
	return tl_is_upper(c) || tl_is_lower(c);
}

static inline bool tl_is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline bool tl_is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static inline unsigned char tl_to_lower(unsigned char c)
{
	return tl_is_upper(c) ? (unsigned char)(c - 'A' + 'a') : c;
}

/* The index of the lowest set bit of m, which must not be 0. */
static inline unsigned tl_ctz64(uint64_t m)
{
#if defined(__GNUC__)
	return (unsigned)__builtin_ctzll(m);
#else
	unsigned k = 0;
	while (!(m & 1)) {
		m >>= 1;
		k++;
	}
	return k;
#endif
}

#endif
