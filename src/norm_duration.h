/*
 * norm_duration.h - the rules for durations and sets: "two days" P2D, "a year and
 * a half" P1Y6M, "several years" PXY; "every Monday" XXXX-WXX-1, "daily" P1D,
 * "twice a year" (freq 2X); the duration value writer they share.
 */
#ifndef TL_NORM_DURATION_H
#define TL_NORM_DURATION_H

#include "norm_words.h"

/* "P3D", "PT4H", "PXY"; fractions move to the next smaller unit (1.5 years -> P18M). */
void tl_norm_duration_value(char *b, double q, enum unit u);

/*
 * The rules: each reads the tokens t of a span of its class (and, when it takes
 * s and len, the span's text) and fills x; TL_OK, or TL_EINPUT when the span is
 * not a temporal expression after all.
 */
int tl_norm_duration(const toks *t, const tl_norm_context *c, tl_timex *x);

int tl_norm_set(const toks *t, const tl_norm_context *c, tl_timex *x);

#endif
