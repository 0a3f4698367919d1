/*
 * pattern_words.c - the needed-word check of the tagging patterns (see
 * pattern_words.h): parsing an alternative's "Z:" list and the cheap scan of
 * the words after a try's position that decides whether the alternative is
 * worth a PCRE2 try there. It owns nothing: lists point into the pattern
 * table, word positions live in the caller's tl_word_starts.
 */
#include <stdlib.h>
#include <string.h>

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

bool tl_needed_words_parse(tl_needed_words *nw, const char *list, size_t len)
{
	const char *end = list + len;
	const char *w = list;
	unsigned max = 0;
	while (w < end && *w >= '0' && *w <= '9' && max < 100)
		max = max * 10 + (unsigned)(*w++ - '0');
	if (w == list || w >= end || *w != '/' || max >= TL_WORDS_MAX)
		return false;
	nw->max_words = max;
	for (w++; w < end;) {
		const char *bar = memchr(w, '|', (size_t)(end - w));
		size_t n = bar ? (size_t)(bar - w) : (size_t)(end - w);
		if (n == 0 || n > 255 || nw->n == TL_NEEDED_MAX)
			return false;
		nw->word[nw->n] = w;
		nw->len[nw->n++] = (unsigned char)n;
		unsigned char c = (unsigned char)w[0];
		nw->first[c >> 6] |= UINT64_C(1) << (c & 63);
		if (c >= 'a' && c <= 'z')
			nw->first[(c ^ 0x20) >> 6] |= UINT64_C(1) << ((c ^ 0x20) & 63);
		w += n + 1;
	}
	return nw->n > 0;
}

void tl_word_starts_init(tl_word_starts *w, size_t pos)
{
	w->n = 0;
	w->next = pos;
	w->done = false;
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
	w->at[w->n++] = i;
	size_t e = i + 1;
	while (e < stop && byte_kind[(unsigned char)t[e]] != 1)
		e++;
	w->done = byte_kind[(unsigned char)t[e - 1]] == 2;
	w->next = e;
	return true;
}

/* Does t[i..stop) start with word (n bytes, lower case ASCII), in any case? */
static bool starts_caseless(const char *t, size_t stop, size_t i, const char *word, size_t n)
{
	if (stop - i < n)
		return false;
	for (size_t k = 0; k < n; k++)
		if ((t[i + k] | 0x20) != word[k])
			return false;
	return true;
}

bool tl_needed_words_present(const tl_needed_words *nw, tl_word_starts *w, const char *text,
                             size_t stop)
{
	for (unsigned k = 0; nw->max_words == 0 || k < nw->max_words; k++) {
		if (k == w->n && !word_read(w, text, stop))
			/* no word k: the clause ended, or (rare) past TL_WORDS_MAX, where only
			 * the try can tell */
			return !w->done && w->n == TL_WORDS_MAX;
		unsigned char c = (unsigned char)text[w->at[k]];
		if ((nw->first[c >> 6] >> (c & 63)) & 1)
			for (unsigned j = 0; j < nw->n; j++)
				if (starts_caseless(text, stop, w->at[k], nw->word[j], nw->len[j]))
					return true;
	}
	return false;
}
