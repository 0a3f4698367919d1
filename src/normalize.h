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

/*
 * True when the span just normalized with ctx only names the end of the
 * reporting period that is the anchor ("for the quarter ended Sept. 30"): it
 * labels that quarter and must not replace it as the anchor, so a following
 * "a year earlier" is still the quarter a year before. The caller then leaves
 * the anchor where it is.
 */
bool tl_norm_ends_period(const tl_norm_context *ctx);

#endif
