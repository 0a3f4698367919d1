/*
 * pattern_fast_text.h - the small readers the hand-written matchers of
 * pattern_fast.c and pattern_fast_counts.c share: ASCII classes, (?&b) and
 * (?&s) as the patterns define them, compares with and without case, the
 * optional "or so", runs of letters and lists of words (with the signature
 * that turns most words away before the list is read; runs of letters are found
 * 16 bytes at a time with SSE2, else byte by byte: byte_range.h). Inline functions over the
 * caller's text; no state.
 */
#ifndef TL_PATTERN_FAST_TEXT_H
#define TL_PATTERN_FAST_TEXT_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byte_range.h"
#include "pattern_fast.h"

static inline bool is_ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static inline bool is_ascii_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* (?&b) at i: 1 when no letter or digit follows, 0 when one does, -1 unknown. */
static inline int boundary(const char *t, size_t stop, size_t i)
{
	if (i >= stop)
		return 1;
	unsigned char c = (unsigned char)t[i];
	if (c >= 0x80)
		return -1;
	return !is_ascii_alnum(c);
}

/* (?&s) at i: the end of the blanks (at most one newline) that start there, i when
 * there are none. A shorter match never helps the callers: what follows is never a
 * blank. */
static inline size_t blanks_end(const char *t, size_t stop, size_t i)
{
	/* the common case first: one space before a byte that is no blank (i may be
	 * past stop: some callers ask before they know a word fits) */
	if (i + 2 <= stop && t[i] == ' ' && (unsigned char)t[i + 1] > ' ')
		return i + 1;
	while (i < stop && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (i < stop && t[i] == '\n')
		i++;
	while (i < stop && (t[i] == ' ' || t[i] == '\t'))
		i++;
	return i;
}

/* Does t[i..stop) start with lit (n bytes)? */
static inline bool starts_with(const char *t, size_t stop, size_t i, const char *lit, size_t n)
{
	if (stop - i < n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (t[i + k] != lit[k])
			return false;
	return true;
}

/* The same, case-insensitive over ASCII (lower is lower case); -1 when a byte in the
 * way is not ASCII. */
static inline int starts_caseless(const char *t, size_t stop, size_t i, const char *lower, size_t n)
{
	size_t m = stop - i < n ? stop - i : n;
	for (size_t k = 0; k < m; k++) {
		unsigned char c = (unsigned char)t[i + k];
		if (c >= 0x80)
			return -1;
		if ((c | 0x20) != (unsigned char)lower[k])
			return 0;
	}
	return m == n;
}

/* The optional tail (?:(?&s)or(?&s)so(?&b))? of a match that ends where blanks_end()
 * put o: moves *end past "or so" when it is there; TL_FAST_UNSURE when a byte in
 * the way is not ASCII, else TL_FAST_MATCH. */
static inline int or_so(const char *t, size_t stop, size_t o, size_t *end)
{
	int r = starts_caseless(t, stop, o, "or", 2);
	if (r <= 0)
		return r < 0 ? TL_FAST_UNSURE : TL_FAST_MATCH;
	size_t so = blanks_end(t, stop, o + 2);
	if (so == o + 2)
		return TL_FAST_MATCH;
	r = starts_caseless(t, stop, so, "so", 2);
	if (r <= 0)
		return r < 0 ? TL_FAST_UNSURE : TL_FAST_MATCH;
	int b = boundary(t, stop, so + 2);
	if (b < 0)
		return TL_FAST_UNSURE;
	if (b)
		*end = so + 2;
	return TL_FAST_MATCH;
}

/* The run of ASCII letters at i: its end; -1 in *unsure when a non-ASCII byte ends it
 * (a letter for \p{L}, or a case variant for a caseless compare). No byte at or past
 * stop is read (byte_range.h: 16 bytes at a time while they fit). */
static inline size_t letters_end(const char *t, size_t stop, size_t i, bool *unsure)
{
	i = tl_byte_range(t, i, stop, false, 0x20, 'a', 'z', false);
	*unsure = i < stop && (unsigned char)t[i] >= 0x80;
	return i;
}

/* A lower-case word and its length. */
typedef struct word {
	const char *s;
	size_t len;
} word;

/* Is t[i..i+n) (ASCII letters) one of the words, in any case? */
static inline bool word_in(const char *t, size_t i, size_t n, const word *words, size_t count)
{
	for (size_t w = 0; w < count; w++) {
		if (words[w].len != n || (t[i] | 0x20) != words[w].s[0])
			continue;
		size_t k = 1;
		while (k < n && (t[i + k] | 0x20) == words[w].s[k])
			k++;
		if (k == n)
			return true;
	}
	return false;
}

/* The bit of a word of n letters that starts with c in a list's signature, the OR of
 * its words' bits (written next to each list, checked in debug builds): a word whose
 * bit the signature lacks is not in the list, told without reading the list. */
static inline uint64_t word_bit(unsigned char c, size_t n)
{
	return UINT64_C(1) << ((((unsigned)c | 0x20u) * 7u + (unsigned)n) & 63u);
}

#ifndef NDEBUG
static inline uint64_t list_sig(const word *words, size_t count)
{
	uint64_t sig = 0;
	for (size_t w = 0; w < count; w++)
		sig |= word_bit((unsigned char)words[w].s[0], words[w].len);
	return sig;
}
#endif

/* word_in() behind the list's signature sig. */
#define WORD_IN(t, i, n, list, sig)                                                             \
	((n) > 0 && ((sig) & word_bit((unsigned char)(t)[i], (n))) &&                          \
	 word_in(t, i, n, list, sizeof list / sizeof list[0]))

#endif
