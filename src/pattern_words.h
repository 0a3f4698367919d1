/*
 * pattern_words.h - the needed-word check of the tagging patterns. Many
 * alternatives of patterns.c cannot match without one of a few words (a unit
 * before "ago", a month name after "the 9th of"); their "Z:" key lists them
 * with how many words into the match it may come. Before such an alternative
 * is tried, the words after the position are read (once per try, as far as
 * needed) and the try is skipped when none of them starts one of its first
 * words: a try that cannot match costs a scan of a few words instead of a run
 * of the JIT code. Everything here is plain data owned by its caller.
 */
#ifndef TL_PATTERN_WORDS_H
#define TL_PATTERN_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TL_NEEDED_MAX 32 /* words in one list */
#define TL_WORDS_MAX 16  /* words read after a position (fewer than 64) */

/* One alternative's list: n == 0 for none. */
typedef struct tl_needed_words {
	uint64_t pairs[16]; /* bit (c0 & 31) << 5 | (c1 & 31): a word starts with c0 c1 */
	unsigned min_words; /* how many words into the match one may start: at least */
	unsigned max_words; /* and fewer than this; 0: any */
	uint64_t allow[2];  /* ASCII punctuation the words before one may end in */
	bool any_allowed;   /* allow has a bit */
	/* for tl_needed_words_ruled_out(): max_words, or TL_WORDS_MAX + 1 for any; and 1
	 * when a word that ends in punctuation ends the search (none allowed), else
	 * past any limit */
	unsigned limit, punct_add;
	unsigned n;
	/* word k: its first 8 bytes (lower case) in val[k] under mask[k]; longer words go
	 * on at rest[k] (rest_len[k] bytes, lower case, into the parsed list) */
	uint64_t val[TL_NEEDED_MAX], mask[TL_NEEDED_MAX];
	const char *rest[TL_NEEDED_MAX];
	unsigned char rest_len[TL_NEEDED_MAX];
	unsigned char len[TL_NEEDED_MAX]; /* word k's length */
	uint32_t whole;                   /* bit k: word k must end where the text's word
	                                   * does (written "quarter>" in the list) */
	uint32_t first[32]; /* bit k in first[c & 31]: word k starts with byte c (a text
	                     * word's candidates, read before the whole compare) */
} tl_needed_words;

/* Which lists (bit i: list i, up to 64) have a word that starts with each pair of
 * first letters (see tl_needed_words.pairs): a word read is matched against those
 * only. */
typedef struct tl_needed_index {
	uint64_t by_pair[1024];
} tl_needed_index;

/*
 * The words after a try's position, as far as read: where each starts (after white
 * space or '-'), its first bytes and the punctuation it ends in, up to the end of the
 * window.
 */
typedef struct tl_word_starts {
	size_t at[TL_WORDS_MAX];
	uint64_t key[TL_WORDS_MAX]; /* its first 8 bytes | 0x20, zeros past the window */
	uint64_t may[TL_WORDS_MAX];       /* the lists it may be a word of (by its pair; all
	                                   * of them for a word with a byte that is not ASCII) */
	unsigned char last[TL_WORDS_MAX]; /* its last byte if ASCII punctuation, else 0 */
	bool wide[TL_WORDS_MAX];          /* it has a byte that is not ASCII */
	/* seen[k]: the lists words 0..k-1 may be a word of (all lists for a word with a
	 * byte that is not ASCII): a list that none of its first words may be in is
	 * turned down at once */
	uint64_t seen[TL_WORDS_MAX + 1];
	unsigned punct; /* the first word read that ends in ASCII punctuation, or
	                 * TL_WORDS_MAX when none */
	const tl_needed_index *index;
	unsigned n;
	size_t next; /* where to read on */
	bool done;   /* no more words: the window ended */
} tl_word_starts;

/* Parses "n/word|word...", "n,./word|..." or "m-n/word|..." (len bytes, not
 * 0-terminated; kept, not copied) into *nw (zeroed first by the caller); false when it
 * is malformed. One of the words must start one of the first n words (0: any), not
 * one of the first m; between n and '/' stands the ASCII punctuation the words before
 * the needed one may end in (by default none: a word that ends in punctuation ends
 * the search). A word is matched as a prefix ("quarter" is also in "quarterly")
 * unless it ends in '>': then no ASCII letter or digit may follow it in the text (for
 * an alternative that has a boundary (?&b) right after the word), so that
 * "quarterly" is not taken for "quarter>". */
bool tl_needed_words_parse(tl_needed_words *nw, const char *list, size_t len);

/* Adds list nw as number id (< 64) to the index. */
void tl_needed_index_add(tl_needed_index *index, const tl_needed_words *nw, unsigned id);

/* Starts reading words at pos, matched against the lists of index (inline: every
 * try makes one). */
static inline void tl_word_starts_init(tl_word_starts *w, size_t pos,
                                       const tl_needed_index *index)
{
	w->index = index;
	w->n = 0;
	w->seen[0] = 0;
	w->punct = TL_WORDS_MAX;
	w->next = pos;
	w->done = false;
}

/* The part of tl_needed_words_present() that reads words: out of line. */
bool tl_needed_words_scan(const tl_needed_words *nw, unsigned id, tl_word_starts *w,
                          const char *text, size_t stop);

/* Do the words already read in w rule out an alternative that needs nw (list number id
 * in w's index)? True when the words the loop of tl_needed_words_scan() would read
 * before it stops (max_words, or for a list that allows no punctuation the first word
 * that ends in some) are all read and none is one of the list's. About half the calls
 * are settled so, in a few instructions; false means "read on". */
static inline bool tl_needed_words_ruled_out(const tl_needed_words *nw, unsigned id,
                                             const tl_word_starts *w)
{
	unsigned e = w->punct + nw->punct_add; /* w->punct <= TL_WORDS_MAX */
	e = e < nw->limit ? e : nw->limit;
	return e <= w->n && !((w->seen[e] >> id) & 1);
}

/*
 * Might an alternative that needs nw (list number id in w's index) match where w was
 * started? False when none of its words starts one of the first max_words words of
 * text[..stop); reads more of w as needed.
 */
static inline bool tl_needed_words_present(const tl_needed_words *nw, unsigned id,
                                           tl_word_starts *w, const char *text, size_t stop)
{
	return !tl_needed_words_ruled_out(nw, id, w) &&
	       tl_needed_words_scan(nw, id, w, text, stop);
}

#endif
