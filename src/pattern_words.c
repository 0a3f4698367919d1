/*
 * pattern_words.c - the needed-word check of the tagging patterns (see
 * pattern_words.h): parsing an alternative's "Z:" list and the cheap scan of
 * the words after a try's position that decides whether the alternative is
 * worth a PCRE2 try there. It owns nothing: lists point into the pattern
 * table, word positions live in the caller's tl_word_starts.
 */
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define HAVE_SSE2 1
#endif

#include "ascii.h"
#include "pattern_words.h"

/* How the scan sees a byte: 1 white space or '-' (between words), 2 ASCII punctuation
 * (a word that ends in one ends the search), 0 letters, digits and the bytes of
 * non-ASCII characters (Unicode spaces inside a pattern's \s stay inside a word). */
static const unsigned char byte_kind[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 2, 2,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2,
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2,
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2,
    /* 0x80-0xff: 0 */
};

/* The index of a word that starts with the bytes c0 c1 (| 0x20) in pairs. */
static inline unsigned pair_index(unsigned c0, unsigned c1)
{
	return ((c0 & 31u) << 5) | (c1 & 31u);
}

bool tl_needed_words_parse(tl_needed_words *nw, const char *list, size_t len)
{
	const char *end = list + len;
	const char *w = list;
	unsigned min = 0, max = 0;
	while (w < end && *w >= '0' && *w <= '9' && max < 100)
		max = max * 10 + (unsigned)(*w++ - '0');
	if (w < end && *w == '-') {
		min = max;
		max = 0;
		const char *digits = ++w;
		while (w < end && *w >= '0' && *w <= '9' && max < 100)
			max = max * 10 + (unsigned)(*w++ - '0');
		if (w == digits || min >= max)
			return false;
	}
	if (w == list || max >= TL_WORDS_MAX)
		return false;
	nw->min_words = min;
	nw->max_words = max;
	for (; w < end && *w != '/'; w++) {
		unsigned char c = (unsigned char)*w;
		if (byte_kind[c] != 2)
			return false;
		nw->allow[c >> 6] |= UINT64_C(1) << (c & 63);
		nw->any_allowed = true;
	}
	if (w >= end)
		return false;
	nw->limit = max ? max : TL_WORDS_MAX + 1;
	nw->punct_add = nw->any_allowed ? TL_WORDS_MAX + 2 : 1;
	for (w++; w < end;) {
		const char *bar = memchr(w, '|', (size_t)(end - w));
		size_t n = bar ? (size_t)(bar - w) : (size_t)(end - w);
		if (n == 0 || n > 255 || nw->n == TL_NEEDED_MAX)
			return false;
		unsigned k = nw->n++;
		const char *next = w + n + 1;
		if (w[n - 1] == '>') { /* a whole word */
			if (--n == 0)
				return false;
			nw->whole |= UINT32_C(1) << k;
		}
		nw->len[k] = (unsigned char)n;
		size_t head = n < 8 ? n : 8;
		uint64_t val = 0, mask = 0;
		for (size_t b = 0; b < head; b++) {
			val |= (uint64_t)(unsigned char)w[b] << (8 * b);
			mask |= (uint64_t)0xff << (8 * b);
		}
		nw->val[k] = val;
		nw->mask[k] = mask;
		nw->rest[k] = w + head;
		nw->first[(unsigned char)w[0] & 31u] |= UINT32_C(1) << k;
		nw->rest_len[k] = (unsigned char)(n - head);
		unsigned c0 = (unsigned char)w[0];
		for (unsigned c1 = 0; c1 < 32; c1++)
			if (n == 1 || c1 == ((unsigned char)w[1] & 31u)) {
				unsigned idx = pair_index(c0, c1);
				nw->pairs[idx >> 6] |= UINT64_C(1) << (idx & 63);
			}
		w = next;
	}
	return nw->n > 0;
}

void tl_needed_index_add(tl_needed_index *index, const tl_needed_words *nw, unsigned id)
{
	for (unsigned k = 0; k < 1024; k++)
		if ((nw->pairs[k >> 6] >> (k & 63)) & 1)
			index->by_pair[k] |= UINT64_C(1) << id;
}

/* The first white space or '-' at or after i, or stop; *wide is set when a byte
 * before it is not ASCII. */
static inline size_t word_end(const char *t, size_t stop, size_t i, bool *wide)
{
	*wide = false;
#ifdef HAVE_SSE2
	/* 16 bytes at a time: ' ', '-', or \t..\r (c - 9 < 5, compared unsigned through
	 * the signed compare with the sign bit flipped) */
	const __m128i flip = _mm_set1_epi8((char)0x80), nine = _mm_set1_epi8(9);
	const __m128i five = _mm_set1_epi8((char)(5 ^ 0x80));
	const __m128i space = _mm_set1_epi8(' '), hyphen = _mm_set1_epi8('-');
	while (stop - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i ws = _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(v, nine), flip), five);
		__m128i br = _mm_or_si128(ws, _mm_or_si128(_mm_cmpeq_epi8(v, space),
		                                           _mm_cmpeq_epi8(v, hyphen)));
		unsigned m = (unsigned)_mm_movemask_epi8(br);
		unsigned high = (unsigned)_mm_movemask_epi8(v);
		if (m) {
			unsigned k = (unsigned)__builtin_ctz(m);
			*wide = (high & ((1u << k) - 1)) != 0;
			return i + k;
		}
		*wide = *wide || high != 0;
		i += 16;
	}
#endif
	while (i < stop && byte_kind[(unsigned char)t[i]] != 1) {
		*wide = *wide || (unsigned char)t[i] >= 0x80;
		i++;
	}
	return i;
}

/* Reads one more word into w; false when there is none. */
static bool word_read(tl_word_starts *w, const char *t, size_t stop)
{
	size_t i = w->next;
	if (w->done || w->n == TL_WORDS_MAX)
		return false;
	while (i < stop && byte_kind[(unsigned char)t[i]] == 1)
		i++;
	if (i >= stop) {
		w->done = true;
		return false;
	}
	uint64_t key = 0;
	if (stop - i >= 8) {
		memcpy(&key, t + i, 8);
		key |= UINT64_C(0x2020202020202020);
	} else {
		for (size_t b = 0; b < stop - i; b++)
			key |= (uint64_t)((unsigned char)t[i + b] | 0x20) << (8 * b);
	}
	w->key[w->n] = key;
	unsigned pair = pair_index((unsigned)key & 0xff, (unsigned)(key >> 8) & 0xff);
	w->may[w->n] = w->index->by_pair[pair];
	w->at[w->n++] = i;
	size_t e = word_end(t, stop, i, &w->wide[w->n - 1]);
	if (w->wide[w->n - 1])
		w->may[w->n - 1] = ~UINT64_C(0);
	w->seen[w->n] = w->seen[w->n - 1] | w->may[w->n - 1];
	unsigned char last = (unsigned char)t[e - 1];
	w->last[w->n - 1] = byte_kind[last] == 2 ? last : 0;
	if (w->last[w->n - 1] && w->punct == TL_WORDS_MAX)
		w->punct = w->n - 1;
	w->next = e;
	return true;
}

/* Can a word that ends at t[e] end there for a boundary (?&b)? Not before an ASCII
 * letter or digit; a byte that is not ASCII, or the end of the window, may be one. */
static inline bool may_end_at(const char *t, size_t stop, size_t e)
{
	if (e >= stop)
		return true;
	unsigned char c = (unsigned char)t[e];
	return !((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
}

/* Does t[i..stop) start with word (n bytes, lower case ASCII), in any case? */
static bool rest_matches(const char *t, size_t stop, size_t i, const char *word, size_t n)
{
	if (n == 0)
		return true;
	if (i > stop || stop - i < n)
		return false;
	for (size_t k = 0; k < n; k++)
		if ((t[i + k] | 0x20) != word[k])
			return false;
	return true;
}

bool tl_needed_words_scan(const tl_needed_words *nw, unsigned id, tl_word_starts *w,
                          const char *text, size_t stop)
{
	uint64_t bit = UINT64_C(1) << id;
	for (unsigned k = 0; nw->max_words == 0 || k < nw->max_words; k++) {
		if (k == w->n && !word_read(w, text, stop))
			/* no word k: the clause ended, or (rare) past TL_WORDS_MAX, where only
			 * the try can tell */
			return !w->done && w->n == TL_WORDS_MAX;
		/* one test for the common case, a word that cannot be the list's: its lists,
		 * or all of them for a word with a byte that is not ASCII (PCRE2 folds some
		 * non-ASCII letters to ASCII ones without case, U+017F to 's', U+212A to 'k':
		 * a word with any might be the one) */
		if ((w->may[k] & bit) && k >= nw->min_words) {
			if (w->wide[k])
				return true;
			uint64_t key = w->key[k];
			for (uint32_t cand = nw->first[key & 31u]; cand; cand &= cand - 1) {
				unsigned j = tl_ctz64(cand);
				if ((key & nw->mask[j]) == nw->val[j] &&
				    rest_matches(text, stop, w->at[k] + 8, nw->rest[j],
				                 nw->rest_len[j]) &&
				    (!((nw->whole >> j) & 1) ||
				     may_end_at(text, stop, w->at[k] + nw->len[j])))
					return true;
			}
		}
		/* a word that ends in punctuation the alternative has no room for ends it */
		unsigned char last = w->last[k];
		if (last && !((nw->allow[last >> 6] >> (last & 63)) & 1))
			return false;
	}
	return false;
}
