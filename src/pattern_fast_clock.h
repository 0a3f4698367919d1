/*
 * pattern_fast_clock.h - the hand-written matcher of the time of day ('c' of
 * tl_fast_match(), which answers through it; see pattern_fast.h for the answers).
 */
#ifndef TL_PATTERN_FAST_CLOCK_H
#define TL_PATTERN_FAST_CLOCK_H

#include <stddef.h>

/* "3:30 p.m.", "10 am EDT" at the number, and "around" only to pass it on ('c'). */
int tl_fast_clock(const char *t, size_t stop, size_t pos, size_t *end);

#endif
