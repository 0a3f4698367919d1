/*
 * norm_holiday.h - the rule for named holidays ("Thanksgiving Day", "Christmas
 * Eve", "last Election Day", "Labor Day 1998"): the day they fall on in the year
 * they are written with, or else the occurrence nearest the article date; and
 * the week such a day is in ("the week of March 6").
 */
#ifndef TL_NORM_HOLIDAY_H
#define TL_NORM_HOLIDAY_H

#include "norm_words.h"

/* Reads the tokens t of a holiday span and fills x with its day; TL_OK, or
 * TL_EINPUT when t names no holiday this rule knows. */
int tl_norm_holiday(const toks *t, const tl_norm_context *c, tl_timex *x);

/* "the week of March 6": the ISO week of the day, its year read as for a month
 * and day. */
int tl_norm_week_of(const toks *t, const tl_norm_context *c, tl_timex *x);

#endif
