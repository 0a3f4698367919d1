/*
 * tagger.h - the internal entry of the tagging stage. A tl_tagger (public,
 * opaque) owns the compiled PCRE2 patterns (patterns.c); tl_tagger_run()
 * recognizes candidate spans (recognize.c), resolves overlaps and normalizes
 * each against the article date (normalize.c). It works on CLEAN text (see
 * text.h) and reports offsets into that clean text; callers map them back to
 * the original bytes with tl_text's offset map. A run works in a tagging
 * workspace (tl_tag_workspace: the memo of span tokens, norm_memo.h, and the
 * recognizer's candidate array and match data, recognize.h) that outlives
 * it, one per thread that tags: the tagger keeps those of its threads and frees
 * them with itself; a caller may own one instead (tl_tagger_run_part_in).
 */
#ifndef TL_TAGGER_H
#define TL_TAGGER_H

#include "timeline.h"

/*
 * Tags clean[0..len) (NUL-terminated at len). On success *out holds *count
 * timexes sorted by start, non-overlapping, offsets into clean; the caller
 * free()s *out. dct is the article's publication date.
 */
int tl_tagger_run(const tl_tagger *tagger, const char *clean, size_t len, tl_date dct,
		  tl_timex **out, size_t *count, tl_error *err);

/* What tagging carries from one part of a text to the next: the article date, the
 * anchor of anaphora ("the following day") and the month and year of the last day
 * named (for "April 9-11"). */
typedef struct tl_tagger_carry {
	tl_date dct;
	tl_date ref;
	tl_grain ref_grain;
	int prev_month;
	int prev_year;
} tl_tagger_carry;

/* Sets carry to the state at the start of an article dated dct. */
void tl_tagger_carry_init(tl_tagger_carry *carry, tl_date dct);

/*
 * tl_tagger_run() on the part clean[from..to) of a text too large to hold whole, with
 * clean[0..from) and clean[to..len) as context only: spans starting there are not
 * reported (the neighbouring parts report them). carry (updated) holds the state the
 * parts before left. Parts cut at blank lines, with a few hundred bytes of context on
 * each side, give what one tl_tagger_run() over the whole text gives: no span, sentence
 * or pattern reaches across a blank line (see article_stream.c).
 */
int tl_tagger_run_part(const tl_tagger *tagger, const char *clean, size_t len, size_t from,
		       size_t to, tl_tagger_carry *carry, tl_timex **out, size_t *count,
		       tl_error *err);

/* tl_tagger_run_part() in the caller's workspace ws (tl_tag_workspace, public; NULL:
 * none, the same result more slowly) instead of one of the tagger's. */
int tl_tagger_run_part_in(const tl_tagger *tagger, tl_tag_workspace *ws, const char *clean,
                          size_t len, size_t from, size_t to, tl_tagger_carry *carry,
                          tl_timex **out, size_t *count, tl_error *err);

#endif
