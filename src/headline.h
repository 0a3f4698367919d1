/*
 * headline.h - the short headline ("who did what") of a mention, made from
 * the clause that holds its date: dates cut out, punctuation repaired,
 * connectives and dangling words stripped, capitalized, capped at
 * TL_TITLE_MAX bytes with "…". No state; output goes to the caller's buffer.
 */
#ifndef TL_HEADLINE_H
#define TL_HEADLINE_H

#include <stddef.h>

#include "buf.h"
#include "clause.h"
#include "extract.h"

/* Appends s[a, b) to out with every dated timex of tx[0..n) that lies inside
 * it cut out together with its prepositions (not before floor); each cut
 * becomes sep. Returns TL_OK or TL_ENOMEM. */
int tl_headline_cut_dates(const char *s, size_t len, size_t a, size_t b,
			  const tl_sentence_timex *tx, size_t n, size_t floor, const char *sep,
			  tl_buf *out);

/* tl_headline_cut_dates() in two steps, for callers that cut the same span
 * with two separators: the cuts of s[a, b) (cuts has room for n; returns how
 * many), then the text without them. When removal is not NULL and tx[anchor]
 * is cut, *removal gets its tl_clause_removal_span() with floor
 * max(floor, a), found on the way (left as it is otherwise). */
typedef struct tl_cut {
	size_t rs, re;
} tl_cut;
size_t tl_headline_find_cuts(const char *s, size_t len, size_t a, size_t b,
			     const tl_sentence_timex *tx, size_t n, size_t floor, tl_cut *cuts,
			     size_t anchor, tl_cut *removal);
int tl_headline_apply_cuts(const char *s, size_t a, size_t b, const tl_cut *cuts, size_t count,
			   const char *sep, tl_buf *out);

/* Replaces out's contents with the headline of the clause l->cs..l->ce of
 * s[0..len) (the whole body when the clause has under three words). cuts are
 * the clause's cuts (tl_headline_find_cuts(s, len, l->cs, l->ce, tx, n,
 * l->body)), or NULL to find them here. When words is not NULL, *words gets
 * the headline's words counted up to 3 (tl_count_words(out, 0, len, 3)),
 * known on the way. Returns TL_OK or TL_ENOMEM. */
int tl_headline_build(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
		      const tl_layout *l, const tl_cut *cuts, size_t n_cuts, tl_buf *out,
		      size_t *words);

#endif
