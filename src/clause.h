/*
 * clause.h - the structure of one whitespace-folded sentence, for the
 * extractor: the dateline ("WASHINGTON, June 6 (Wire) - "), the clause that
 * holds a date (bounded by ";", spaced dashes, ", and", ", which", ...; moved
 * past "said ... that" and subordinators), and the span cut with a date (its
 * prepositions and a possessive "'s"). Pure functions over byte offsets; no
 * state, no allocation.
 */
#ifndef TL_CLAUSE_H
#define TL_CLAUSE_H

#include <stdbool.h>
#include <stddef.h>

#include "extract.h"

typedef struct tl_layout {
	size_t body;   /* where the text starts after the dateline (0 without one) */
	size_t cs, ce; /* the clause holding the anchor date: [cs, ce) */
} tl_layout;

/* The dateline and the clause of s[0..len) that holds the timex a. */
tl_layout tl_clause_layout(const char *s, size_t len, const tl_sentence_timex *a);

/* tl_clause_layout() in two steps, for a caller that may stop after the
 * first: where the body starts (the layout's body), then the clause of a
 * given that body is l->body (sets l->cs and l->ce). */
size_t tl_clause_body(const char *s, size_t len);
void tl_clause_find(const char *s, size_t len, const tl_sentence_timex *a, tl_layout *l);

/* The span [*rs, *re) to cut for date t: the timex, up to three date
 * prepositions before it (not before floor) and a possessive after it. */
void tl_clause_removal_span(const char *s, size_t len, size_t floor, const tl_sentence_timex *t,
			    size_t *rs, size_t *re);

/* Quote state at s[i]: ASCII double quotes toggle, curly ones open and close.
 * Returns the bytes of the quotation mark at i (0 when none). */
size_t tl_clause_quote_step(const char *s, size_t len, size_t i, bool *in_quote);

/* Whether the timex gives a date (DATE or TIME, not DURATION or SET). */
static inline bool tl_clause_is_dated(const tl_sentence_timex *t)
{
	return t->timex->type == TL_TIMEX_DATE || t->timex->type == TL_TIMEX_TIME;
}

#endif
