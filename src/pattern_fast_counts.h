/*
 * pattern_fast_counts.h - the hand-written matchers for durations and points
 * before or after now ('u' and 'g' of tl_fast_match(), which answers through
 * them; see pattern_fast.h for the answers and what they read).
 */
#ifndef TL_PATTERN_FAST_COUNTS_H
#define TL_PATTERN_FAST_COUNTS_H

#include <stddef.h>

/* The simplest durations at "the", numbers, number words, this/last/next and other
 * words ('u'). */
int tl_fast_duration(const char *t, size_t stop, size_t pos, size_t *end);

/* "two days ago", "a year earlier", "5 weeks later" at numbers, number words and a/an
 * ('g'). */
int tl_fast_ago(const char *t, size_t stop, size_t pos, size_t *end);

#endif
