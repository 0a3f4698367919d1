/*
 * norm_holiday.h - the rule for named holidays ("Thanksgiving Day", "Christmas
 * Eve", "last Election Day", "Labor Day 1998"): the day they fall on in the year
 * they are written with, or else the occurrence nearest the article date.
 */
#ifndef TL_NORM_HOLIDAY_H
#define TL_NORM_HOLIDAY_H

#include "norm_words.h"

/* Reads the tokens t of a holiday span and fills x with its day; TL_OK, or
 * TL_EINPUT when t names no holiday this rule knows. */
int tl_norm_holiday(const toks *t, const tl_norm_context *c, tl_timex *x);

#endif
