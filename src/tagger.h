/*
 * tagger.h - the internal entry of the tagging stage. A tl_tagger (public,
 * opaque) owns the compiled PCRE2 patterns (patterns.c); tl_tagger_run()
 * recognizes candidate spans (recognize.c), resolves overlaps and normalizes
 * each against the article date (normalize.c). It works on CLEAN text (see
 * text.h) and reports offsets into that clean text; callers map them back to
 * the original bytes with tl_text's offset map.
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

#endif
