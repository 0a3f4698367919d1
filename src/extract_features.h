/*
 * extract_features.h - what the clause of a mention says besides its headline: the
 * actors, keywords and figures (tl_features_find), which also reads the
 * clause's status cues (tl_clause_cues), and the judgement of the mention, its
 * status and confidence (tl_features_judge). Keywords alone are
 * tl_extract_keywords() (extract.h). No state.
 */
#ifndef TL_EXTRACT_FEATURES_H
#define TL_EXTRACT_FEATURES_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "clause.h"
#include "event.h"
#include "extract.h"
#include "extract_arena.h"
#include "headline.h"

/* What the words of a clause say about a mention's status, learnt by
 * tl_features_find() in its pass over the clause's words, for
 * tl_features_judge(): the cues that hold for any date of the clause, and
 * where the "no" words end that negate it when the date comes within five
 * words after them ("no talks on Friday"). */
#define TL_CLAUSE_NO_MAX 4
typedef struct tl_clause_cues {
	bool negated, planned, market;
	bool no_overflow; /* more "no" words than no_end holds: judge scans the clause */
	size_t n_no;
	size_t no_end[TL_CLAUSE_NO_MAX];
} tl_clause_cues;

/* tl_extract_keywords() with the words (and out's array) in arena a: finish
 * out with tl_xarena_finish(). */
int tl_extract_keywords_in(tl_xarena *a, const char *text, size_t len, tl_strings *out);

/* Fills m->actors, m->keywords and m->figures (finished: sorted, unique; their
 * strings in arena a, or owned by m when a is NULL) from
 * the clause l->cs..l->ce of s[0..len), dates cut out: cuts as for
 * tl_headline_build() (NULL: found here). cut is the caller's scratch buffer
 * for that text (its contents are replaced; reusing it across calls saves an
 * allocation per mention). *cues gets the clause's status cues, read in the
 * same pass over its words as the keywords. Returns TL_OK or TL_ENOMEM (the
 * sets may then hold part of their items, and *cues is not set). */
int tl_features_find(tl_xarena *a, const char *s, size_t len, const tl_sentence_timex *tx,
		     size_t n, const tl_layout *l, const tl_cut *cuts, size_t n_cuts, tl_buf *cut,
		     tl_clause_cues *cues, tl_mention *m);

/* The confidence of the mention of timex a decided by the date alone (its
 * type, value, grain and place: durations, sets, REF and undated values,
 * datelines, bylines), or -1 when it depends on the clause, which only
 * multiplies it by factors of at most 1. Needs l->body, and of m only value,
 * grain and first. */
double tl_features_date_confidence(const char *s, size_t len, const tl_sentence_timex *a,
				   const tl_layout *l, const tl_mention *m);

/* True when the mention of timex a scores below TL_EXTRACT_FLOOR whatever
 * its headline and features say (durations, sets, REF and undated values,
 * decades, datelines, bylines): m needs only value, grain and first.
 * _given: the same from its tl_features_date_confidence(). */
bool tl_features_dropped(const char *s, size_t len, const tl_sentence_timex *a,
			 const tl_layout *l, const tl_mention *m);
bool tl_features_dropped_given(double date_c, const tl_mention *m);

/* Sets m->status and m->confidence of the mention of tx[anchor]; needs
 * m->first, m->grain and the features set, the mention's
 * tl_features_date_confidence() and the word count of the title (only
 * whether it is under 3 matters: a count up to 3 will do). removal is
 * tl_clause_removal_span(s, len, l->body, &tx[anchor]) when the caller has
 * it, or NULL. cues are the clause's from tl_features_find() (for the same
 * s, tx and layout), or NULL: the clause's words are read here then. */
void tl_features_judge(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
		       size_t anchor, const tl_layout *l, tl_date dct, double date_c,
		       size_t title_words, const tl_cut *removal, const tl_clause_cues *cues,
		       tl_mention *m);

#endif
