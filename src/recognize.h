/*
 * recognize.h - finds the spans of temporal expressions in clean text. A cheap
 * single pass over the words looks up each word in a word table (heads: month
 * and weekday names, units, dates-like numbers, deictic words; starters:
 * determiners, modifiers, quantities); only around heads are the anchored
 * patterns of patterns.c tried. Spans come out sorted, leftmost first and
 * non-overlapping, each with the class (tl_kind) that matched. A
 * tl_recognizer owns its patterns and word table and is read-only after
 * tl_recognizer_new().
 */
#ifndef TL_RECOGNIZE_H
#define TL_RECOGNIZE_H

#include <stddef.h>

#include "patterns.h"
#include "timeline.h"

/* A second day of a range ("April 9-11" -> "11"): takes its month from the span before. */
#define TL_KIND_RANGE_DAY TL_KIND_COUNT

typedef struct tl_candidate {
	size_t start; /* byte offsets into the text, end exclusive */
	size_t end;
	int kind; /* a tl_kind or TL_KIND_RANGE_DAY */
} tl_candidate;

typedef struct tl_recognizer tl_recognizer;

tl_recognizer *tl_recognizer_new(tl_error *err);
void tl_recognizer_free(tl_recognizer *recognizer);

/*
 * Finds the candidate spans of text[0..len). On success *out (caller free()s;
 * NULL when none) holds *count spans in text order.
 */
int tl_recognize_run(const tl_recognizer *recognizer, const char *text, size_t len,
                     tl_candidate **out, size_t *count, tl_error *err);

/* What one thread's runs reuse instead of allocating per text: the candidate array and
 * the PCRE2 match data. Made from a recognizer, it serves any (the match data holds no
 * pattern); never used by two threads at once. NULL (err set) when out of memory. */
typedef struct tl_recognize_scratch tl_recognize_scratch;

tl_recognize_scratch *tl_recognize_scratch_new(const tl_recognizer *recognizer, tl_error *err);
void tl_recognize_scratch_free(tl_recognize_scratch *scratch);

/* tl_recognize_run() in scratch: *out points into it (NULL when none) and stays valid
 * until its next run or its free; the caller does not free it. */
int tl_recognize_run_in(const tl_recognizer *recognizer, tl_recognize_scratch *scratch,
                        const char *text, size_t len, const tl_candidate **out, size_t *count,
                        tl_error *err);

#endif
