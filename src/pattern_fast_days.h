/*
 * pattern_fast_days.h - the hand-written matchers for days and parts of days
 * ('n', 'o', 'x', 'v' and 'q' of tl_fast_match(), which answers through them; see
 * pattern_fast.h for the answers).
 */
#ifndef TL_PATTERN_FAST_DAYS_H
#define TL_PATTERN_FAST_DAYS_H

#include <stddef.h>

/* "today", "tonight", "yesterday", "tomorrow" at the word itself ('n'). */
int tl_fast_deictic(const char *t, size_t stop, size_t pos, size_t *end);

/* "this morning", "last night", "Friday evening", "yesterday afternoon" at the
 * first word ('o'). */
int tl_fast_part_of_day(const char *t, size_t stop, size_t pos, size_t *end);

/* "every year", "each Monday", "every morning" at every/each ('x'). */
int tl_fast_every(const char *t, size_t stop, size_t pos, size_t *end);

/* Bare plural units after a verb of lasting, a preposition, a comma or at a sentence's
 * start, only to rule them out ('v'; reads up to 11 bytes before pos). */
int tl_fast_after_verb(const char *t, size_t pos);

/* "quarterly" before a lower-case word, only to rule it out ('q'). */
int tl_fast_quarterly(const char *t, size_t stop, size_t pos);

#endif
