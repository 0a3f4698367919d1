/*
 * normalize.h - turns one recognized span into a TIMEX3 (type, value, mod,
 * grain, quant, freq). Pure: everything it needs (the article date, the
 * anchor for anaphora, the tense of the sentence) comes in a
 * tl_norm_context; it never reads the clock or the locale and owns no memory.
 * See NORMALIZATION.md for the rules.
 */
#ifndef TL_NORMALIZE_H
#define TL_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "recognize.h"
#include "timeline.h"

typedef struct tl_norm_context {
	tl_date dct; /* the article date */
	tl_date ref; /* the last calendar date mentioned before the span (dct at first) */
	tl_grain ref_grain;
	int tense;      /* -1 past, 0 unknown, 1 future: the sentence around the span;
	                 * -2 and 2 when a cue right before the span says so, 3 after
	                 * "will"/"shall"/"until" earlier in the clause */
	int prev_month; /* month of the span just before (for "April 9-11"), 0 if none */
	int prev_year;
	const char *pre; /* the text just before the span ("about", "almost" stay outside it) */
	size_t pre_len;
	const char *post; /* the text just after the span ("37 years old") */
	size_t post_len;
} tl_norm_context;

/*
 * Normalizes text[0..len), a span of class kind, into *t (offsets untouched).
 * Returns TL_OK, or TL_EINPUT when the span is not a temporal expression after
 * all (the caller drops it).
 */
int tl_normalize_span(int kind, const char *text, size_t len, const tl_norm_context *ctx,
                      tl_timex *t);

struct toks; /* norm_words.h: a span split into tokens (tl_norm_tokenize) */

/* How much of the sentence's tense a span's value may depend on (tl_norm_tense_need). */
enum {
	TL_TENSE_NONE,  /* none: the value is the same whatever ctx->tense says */
	TL_TENSE_WILL,  /* only whether a "will" earlier in the clause makes it 3: every
	                 * other tense gives the same value */
	TL_TENSE_LOCAL, /* only a cue right before the span (-2, 2, 3): past, unknown
	                 * and future sentences (-1, 0, 1) give the same value */
	TL_TENSE_FULL   /* all of it */
};

/*
 * What the value of the span of class kind whose tokens are t, normalized with ctx
 * (its tense aside), may depend on of the tense (TL_TENSE_*), so that the caller
 * reads no more of the sentence than that: a day or a month without a year ("Aug.
 * 4", "March") takes the year the tense picks only around the ends of the months
 * near the article date; a part of a day ("this morning") and a clock time need none
 * unless a weekday or an earlier anchor is in play.
 */
int tl_norm_tense_need(int kind, const struct toks *t, const tl_norm_context *ctx);

/* tl_normalize_span() for a span already split: t is tl_norm_tokenize(text, len). */
int tl_normalize_tokens(int kind, const char *text, size_t len, const struct toks *t,
                        const tl_norm_context *ctx, tl_timex *x);

/*
 * True when the span just normalized with ctx only names the end of the
 * reporting period that is the anchor ("for the quarter ended Sept. 30"): it
 * labels that quarter and must not replace it as the anchor, so a following
 * "a year earlier" is still the quarter a year before. The caller then leaves
 * the anchor where it is.
 */
bool tl_norm_ends_period(const tl_norm_context *ctx);

#endif
