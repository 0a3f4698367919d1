/*
 * tense.h - the tense cues around a candidate span: whether the sentence that
 * holds it reads as past or future ("said Tuesday", "will meet in January"),
 * which the normalizer needs for weekdays, months without a year, quarters
 * and anaphora. tl_tense_scan() reads the text around one span;
 * tl_tense_index answers the same question for all the spans of a text in
 * order, reading the text between two spans once. Neither reads the clock or
 * the locale. See NORMALIZATION.md ("Weekdays") for the rules.
 */
#ifndef TL_TENSE_H
#define TL_TENSE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The tense around s[start..end) in s[0..len): -1 past, 1 future, 0 unknown; -2/2
 * when a cue within a few words before the span decides it, 3 when that cue is
 * "will", "shall" or "until".
 */
int tl_tense_scan(const char *s, size_t len, size_t start, size_t end);

/* Answers tl_tense_scan() for spans given in increasing order of start. It keeps
 * the sentence start of the last span that needed it, so that the sentence ends
 * between two spans are searched once. It owns no memory: the caller keeps it
 * where it likes (on the stack: tl_tense_index_init) and reads none of its fields. */
typedef struct tl_tense_index {
	const char *s; /* the text, borrowed */
	size_t len;
	bool any;     /* a span's sentence start was found: the fields below hold */
	size_t start; /* the last such span */
	size_t a;     /* the start of its sentence, as tl_tense_scan finds it */
} tl_tense_index;

/* Sets ix to an index over s[0..len) (borrowed, must outlive the index). */
void tl_tense_index_init(tl_tense_index *ix, const char *s, size_t len);

/* The same on the heap; NULL when out of memory. Freed by tl_tense_index_free. */
tl_tense_index *tl_tense_index_new(const char *s, size_t len);
void tl_tense_index_free(tl_tense_index *ix);

/* Same result as tl_tense_scan(s, len, start, end), for any span. Spans that come
 * with non-decreasing start are answered fastest; the others read their sentence
 * afresh. */
int tl_tense_index_at(tl_tense_index *ix, size_t start, size_t end);

/* tl_tense_index_at() when a cue right before the span decides it (-2, 2 or 3), else
 * 0 without reading the sentence (which would give -1, 0 or 1): for a caller to whom
 * those three are all the same. Cheaper by the sentence's read; the index is left as
 * it was. */
int tl_tense_index_local(tl_tense_index *ix, size_t start, size_t end);

/* tl_tense_index_local() for a caller to whom only 3 ("will" earlier in the clause)
 * differs from the rest: 0 without reading a word when the text before the span
 * surely holds no "will", "shall", "'ll" or "until" that local_tense could reach. */
int tl_tense_index_will(tl_tense_index *ix, size_t start, size_t end);

#endif
