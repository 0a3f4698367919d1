/*
 * norm_relative.h - the rules for expressions resolved against the article date
 * or the last date mentioned: weekdays and deictic words ("Friday",
 * "yesterday", "tonight"), clock times, "last/this/next" + unit, "two years
 * ago", anaphora ("the following day", "a year earlier") and the vague
 * references (PRESENT_REF, PAST_REF, FUTURE_REF).
 */
#ifndef TL_NORM_RELATIVE_H
#define TL_NORM_RELATIVE_H

#include "norm_words.h"

/*
 * The rules: each reads the tokens t of a span of its class (and, when it takes
 * s and len, the span's text) and fills x; TL_OK, or TL_EINPUT when the span is
 * not a temporal expression after all.
 */

int tl_norm_time(const char *s, size_t len, const toks *t, const tl_norm_context *c, tl_timex *x);

int tl_norm_weekday(const toks *t, const tl_norm_context *c, tl_timex *x);

int tl_norm_part_day(const toks *t, const tl_norm_context *c, tl_timex *x);

int tl_norm_deictic(const toks *t, const tl_norm_context *c, tl_timex *x);

int tl_norm_relative(const toks *t, const tl_norm_context *c, tl_timex *x);

int tl_norm_ago(const toks *t, const tl_norm_context *c, tl_timex *x);

int tl_norm_anaphor(const toks *t, const tl_norm_context *c, tl_timex *x);

int tl_norm_ref(const toks *t, const tl_norm_context *c, tl_timex *x);

#endif
