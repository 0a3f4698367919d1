/*
 * byte_range.h - the scan "where is the next byte in (or out of) a range",
 * which the keyword figures (next digit), the actor finder (next capital)
 * and the pattern matchers (end of a run of letters) all make: sixteen bytes
 * a step with SSE2, byte by byte otherwise (tl_byte_range_plain(), the same
 * scan without SSE2, which the tests hold the fast one to). A byte c is in the
 * range when (c | fold) - lo, as an unsigned byte, is at most hi - lo: fold
 * 0x20 takes both cases of a letter. How far a scan may read is said by
 * padded: without it no byte at or past len is read; with it the sixteen
 * bytes from len on are readable too (whatever they hold: the answer is never
 * past len). Header only, no state.
 */
#ifndef TL_BYTE_RANGE_H
#define TL_BYTE_RANGE_H

#include <stdbool.h>
#include <stddef.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

/* Whether byte c is in the range (see above). */
static inline bool tl_byte_in_range(unsigned char c, unsigned char fold, unsigned char lo,
				    unsigned char hi)
{
	return (unsigned char)((c | fold) - lo) <= (unsigned char)(hi - lo);
}

/* The first k in [i, len) whose byte s[k] is in the range (inside) or out of
 * it (!inside), or len when there is none (also when i >= len), byte by
 * byte. */
static inline size_t tl_byte_range_plain(const char *s, size_t i, size_t len, unsigned char fold,
					 unsigned char lo, unsigned char hi, bool inside)
{
	for (; i < len; i++)
		if (tl_byte_in_range((unsigned char)s[i], fold, lo, hi) == inside)
			return i;
	return len;
}

/* tl_byte_range_plain() for i <= len, sixteen bytes a step with SSE2: while
 * sixteen bytes are left before len, or with padded (sixteen readable bytes
 * after len) up to len; the bytes left, one by one. Meant to be inlined with
 * constant fold, lo, hi, inside and padded. */
static inline size_t tl_byte_range(const char *s, size_t i, size_t len, bool padded,
				   unsigned char fold, unsigned char lo, unsigned char hi,
				   bool inside)
{
#if defined(__SSE2__) && defined(__GNUC__)
	/* (c | fold) - lo + 0x80 is below 0x80 + (hi - lo + 1) as a signed
	 * byte exactly when (c | fold) - lo is at most hi - lo unsigned. */
	const __m128i f = _mm_set1_epi8((char)fold);
	const __m128i shift = _mm_set1_epi8((char)(unsigned char)(0x80 - lo));
	const __m128i limit = _mm_set1_epi8((char)(unsigned char)(0x80 + (hi - lo) + 1));
	while (padded ? i < len : len - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i k = _mm_add_epi8(_mm_or_si128(v, f), shift);
		unsigned in = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(k, limit));
		unsigned m = inside ? in : in ^ 0xffffu;
		if (m) {
			size_t at = i + (size_t)__builtin_ctz(m);
			return !padded || at < len ? at : len; /* unpadded: at < len */
		}
		i += 16;
	}
#else
	(void)padded;
#endif
	return tl_byte_range_plain(s, i, len, fold, lo, hi, inside);
}

#endif
