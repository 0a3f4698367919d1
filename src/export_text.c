/*
 * export_text.c - tl_export_clean() for the CSV and Markdown writers without
 * a pass per byte (see export_text.h): the prefix that cleaning leaves as it
 * is, found sixteen bytes of printable ASCII at a time (SSE2, else byte by
 * byte) with multi-byte sequences checked by tl_utf8_sequence(); the rest of
 * the string, from the first byte that changes, goes to tl_export_clean().
 * Owns no memory.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "export_text.h"

size_t tl_export_clean_prefix(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
#ifdef __SSE2__
		/* as signed bytes, printable ASCII is 0x20..0x7e (0x80..0xff are negative) */
		const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f);
		while (i + 16 <= n) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i bad = _mm_or_si128(_mm_cmplt_epi8(x, space), _mm_cmpeq_epi8(x, del));
			unsigned mask = (unsigned)_mm_movemask_epi8(bad);
			if (mask) {
				i += (size_t)__builtin_ctz(mask);
				break;
			}
			i += 16;
		}
#endif
		while (i < n && u[i] >= 0x20 && u[i] < 0x7f)
			i++;
		if (i == n || u[i] < 0x80)
			break; /* a control character or DEL: cleaning changes it */
		size_t len = tl_utf8_sequence(u + i, n - i);
		if (!len)
			break; /* invalid UTF-8: becomes U+FFFD */
		i += len;
	}
	return i;
}

int tl_export_clean_view(const char *s, enum tl_clean_flags flags, tl_buf *scratch,
			 const char **text, size_t *n)
{
	if (!s)
		s = "";
	size_t len = strlen(s), same = tl_export_clean_prefix(s, len);
	if (same == len) {
		*text = s;
		*n = len;
		return TL_OK;
	}
	/* tl_export_clean() looks back at nothing: the prefix is whole characters,
	 * so cleaning the rest on its own gives the same bytes */
	tl_buf_reset(scratch);
	if (tl_buf_append(scratch, s, same) != TL_OK ||
	    tl_export_clean(scratch, s + same, flags) != TL_OK)
		return TL_ENOMEM;
	*text = scratch->data;
	*n = scratch->len;
	return TL_OK;
}
