/*
 * norm_calendar.h - the rules for calendar expressions: full dates, a month and
 * day without a year (which year: nearest_year, with the tense), months,
 * years, decades and centuries, quarters and halves (the financial "the
 * quarter"), seasons, "the second half of 1998", "year-end".
 */
#ifndef TL_NORM_CALENDAR_H
#define TL_NORM_CALENDAR_H

#include "norm_words.h"

/* The year of month m (and day d, 0 when none) written without a year, read
 * with the tense of the sentence (see norm_calendar.c). */
int tl_norm_nearest_year(tl_date dct, int m, int d, int tense);

/*
 * The rules: each reads the tokens t of a span of its class (and, when it takes
 * s and len, the span's text) and fills x; TL_OK, or TL_EINPUT when the span is
 * not a temporal expression after all.
 */

/* Month, day and year read from a full date in any of its written orders. */
int tl_norm_full_date(const char *s, size_t len, const toks *t, const tl_norm_context *c,
                      tl_timex *x);

/* The month (its name) and day (the first number) of "June 5" / "5 June": false when either is
 * missing or the day is outside 1..31. */
bool tl_norm_read_month_day(const toks *t, int *month, int *day);
int tl_norm_month_day(const toks *t, const tl_norm_context *c, tl_timex *x);

/* A four-digit or spoken year in t ("1998", "nineteen ninety-eight"), 0 when none. */
int tl_norm_year_token(const toks *t);

int tl_norm_month_year(const toks *t, tl_timex *x);

int tl_norm_decade(const toks *t, const tl_norm_context *c, tl_timex *x);

/* The quarter that financial news means by "the quarter": the last one completed. */
tl_date tl_norm_last_full_quarter(tl_date dct);

/*
 * The quarter a year before the anchor quarter; but when the anchor already is
 * the year-ago counterpart of the article's last completed quarter ("in the
 * year-ago quarter. The year-ago results ..."), the anchor itself.
 */
tl_date tl_norm_year_before_quarter(const tl_norm_context *c);

int tl_norm_quarter(const char *s, size_t len, const toks *t, const tl_norm_context *c,
                    tl_timex *x);

int tl_norm_season(const toks *t, const tl_norm_context *c, tl_timex *x);

int tl_norm_part_of(const toks *t, const tl_norm_context *c, tl_timex *x);

int tl_norm_year(const toks *t, tl_timex *x);

int tl_norm_month(const toks *t, const tl_norm_context *c, tl_timex *x);

#endif
