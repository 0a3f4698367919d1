/*
 * norm_holiday.c - named holidays to a day. Each holiday is a month and
 * either a fixed day (Christmas, December 25) or the first given weekday on
 * or after a day of the month (Thanksgiving: the Thursday on or after
 * November 22); weekdays and day shifts come from date.c (libical), no
 * calendar tables here. The year is the one written in the span, else the one
 * "last", "next" or "this" picks, else the occurrence nearest the article
 * date (tl_norm_nearest_year, as for a month without a year). US holidays
 * only, since Independence Day or Labor Day differ between countries; of the
 * movable feasts only Easter Sunday (the Gregorian computus), and "Easter week"
 * as the ISO week it ends. Also the week a named day is in ("the week of March
 * 6": 2000-W10), read the same way. Pure functions; owns nothing.
 */
#include <stdbool.h>
#include <string.h>

#include "date.h"
#include "norm_calendar.h"
#include "norm_holiday.h"

typedef struct holiday {
	const char *word;   /* a word of its name that no other holiday here has */
	const char *second; /* and one more word it must have, or NULL */
	int month;
	int day;     /* the fixed day, or the first day the weekday may fall on */
	int weekday; /* 1 = Monday .. 7 = Sunday; 0 for a fixed day; -1: Easter Sunday */
} holiday;

static const holiday holidays[] = {
    /* the "eve"s first: "Christmas Eve" also has "christmas" */
    {"christmas", "eve", 12, 24, 0},
    {"new", "eve", 12, 31, 0},
    {"christmas", NULL, 12, 25, 0},
    {"new", "year", 1, 1, 0},
    {"valentine", NULL, 2, 14, 0},
    {"independence", NULL, 7, 4, 0},
    {"halloween", NULL, 10, 31, 0},
    {"veterans", NULL, 11, 11, 0},
    {"king", NULL, 1, 15, 1},          /* third Monday of January */
    {"presidents", NULL, 2, 15, 1},    /* third Monday of February */
    {"memorial", NULL, 5, 25, 1},      /* last Monday of May */
    {"labor", NULL, 9, 1, 1},          /* first Monday of September */
    {"labour", NULL, 9, 1, 1},
    {"columbus", NULL, 10, 8, 1},      /* second Monday of October */
    {"election", NULL, 11, 2, 2},      /* the Tuesday after the first Monday */
    {"thanksgiving", NULL, 11, 22, 4}, /* fourth Thursday of November */
    {"easter", NULL, 4, 1, -1},        /* month and day for the nearest year only */
};

/* Easter Sunday of Gregorian year y (the anonymous computus: the Sunday after
 * the ecclesiastical full moon on or after March 21). */
static tl_date easter_in(int y)
{
	int a = y % 19, b = y / 100, c = y % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int n = h + l - 7 * m + 114;
	return (tl_date){y, n / 31, n % 31 + 1};
}

/* The day holiday h falls on in year y. */
static tl_date holiday_in(const holiday *h, int y)
{
	if (h->weekday < 0)
		return easter_in(y);
	tl_date d = {y, h->month, h->day};
	if (h->weekday)
		d = tl_date_add_days(d, (h->weekday - tl_date_weekday(d) + 7) % 7);
	return d;
}

static const holiday *holiday_of(const toks *t)
{
	for (size_t i = 0; i < sizeof holidays / sizeof holidays[0]; i++)
		if (has(t, holidays[i].word) && (!holidays[i].second || has(t, holidays[i].second)))
			return &holidays[i];
	return NULL;
}

int tl_norm_holiday(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	const holiday *h = holiday_of(t);
	if (!h)
		return TL_EINPUT;
	int at, dir = tl_norm_direction_word(t, &at);
	int y = tl_norm_year_token(t);
	tl_date d;
	if (y) {
		d = holiday_in(h, y);
	} else if (dir == -1 || dir == 1) {
		/* the last one before the article date, or the next one after it */
		d = holiday_in(h, c->dct.year);
		if (dir == -1 && tl_date_compare(d, c->dct) >= 0)
			d = holiday_in(h, c->dct.year - 1);
		else if (dir == 1 && tl_date_compare(d, c->dct) <= 0)
			d = holiday_in(h, c->dct.year + 1);
	} else if (dir == 0) {
		d = holiday_in(h, c->dct.year);
	} else {
		tl_date here = holiday_in(h, c->dct.year);
		d = holiday_in(h, tl_norm_nearest_year(c->dct, here.month, here.day, c->tense));
	}
	if (!tl_date_valid(d))
		return TL_EINPUT;
	if (has(t, "week")) {
		tl_norm_point_at(x, d, U_WEEK); /* "Easter week" */
		return TL_OK;
	}
	tl_norm_point_at(x, d, U_DAY); /* the day, written straight into x */
	return TL_OK;
}

int tl_norm_week_of(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	int m = 0, d = 0;
	for (int i = 0; i < t->n; i++) {
		if (t->v[i].is_num && t->v[i].digits <= 2 && !d)
			d = (int)t->v[i].num;
		else if (!t->v[i].is_num && !m)
			m = t->v[i].month;
	}
	if (!m || d < 1)
		return TL_EINPUT;
	int y = tl_norm_year_token(t);
	tl_date day = {y ? y : tl_norm_nearest_year(c->dct, m, d, c->tense), m, d};
	if (!tl_date_valid(day))
		return TL_EINPUT;
	tl_norm_point_at(x, day, U_WEEK);
	return TL_OK;
}
