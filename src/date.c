/*
 * date.c - calendar arithmetic for the tagging stage and the public helpers
 * tl_grain_name(), tl_date_parse() and tl_value_interval(). The calendar
 * (day of year, day of week, month lengths, day shifts) is libical's
 * icaltime_* functions (tl_date_to_ical() makes their DATE values, for
 * export_ical.c too); the one shortcut, a shift that stays within days 1-28
 * of a month, is plain addition (every month has those days) and a test
 * compares it with libical. This file adds the ISO-8601 week rules on top and
 * parses TIMEX3 value strings. It owns no memory.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libical/ical.h>

#include "date.h"
#include "error.h"

TL_EXPORT const char *tl_grain_name(tl_grain grain)
{
	static const char *const names[] = {"none",    "century",     "decade", "year", "half",
	                                    "quarter", "season",      "month",  "week", "weekend",
	                                    "day",     "part-of-day", "time"};
	if ((unsigned)grain >= sizeof names / sizeof names[0])
		return "none";
	return names[grain];
}

struct icaltimetype tl_date_to_ical(tl_date d)
{
	struct icaltimetype t = icaltime_null_date();
	t.year = d.year;
	t.month = d.month;
	t.day = d.day;
	return t;
}

static tl_date from_ical(struct icaltimetype t)
{
	tl_date d = {t.year, t.month, t.day};
	return d;
}

int tl_date_days_in_month(int year, int month)
{
	if (month < 1 || month > 12)
		return 0;
	return icaltime_days_in_month(month, year);
}

int tl_date_compare(tl_date a, tl_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

tl_date tl_date_add_days(tl_date d, int days)
{
	if (d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 28 && days >= -27 &&
	    days <= 27 && d.day + days >= 1 && d.day + days <= 28)
		return (tl_date){d.year, d.month, d.day + days}; /* within the month: as libical */
	struct icaltimetype t = tl_date_to_ical(d);
	icaltime_adjust(&t, days, 0, 0, 0);
	return from_ical(t);
}

tl_date tl_date_add_months(tl_date d, int months)
{
	int m = d.year * 12 + (d.month - 1) + months;
	tl_date r = {m / 12, m % 12 + 1, d.day};
	int dim = tl_date_days_in_month(r.year, r.month);
	if (r.day > dim)
		r.day = dim;
	return r;
}

int tl_date_weekday(tl_date d)
{
	int w = icaltime_day_of_week(tl_date_to_ical(d)); /* 1 = Sunday .. 7 = Saturday */
	return w == 1 ? 7 : w - 1;
}

/* ISO week: the week containing the year's first Thursday is week 1. */
void tl_date_iso_week(tl_date d, int *iso_year, int *week)
{
	int doy = icaltime_day_of_year(tl_date_to_ical(d));
	int wd = tl_date_weekday(d);
	int w = (doy - wd + 10) / 7;
	int y = d.year;
	if (w < 1) {
		y--;
		tl_date dec31 = {y, 12, 31};
		tl_date_iso_week(dec31, &y, &w);
	} else if (w == 53 && doy + (4 - wd) > icaltime_days_in_year(y)) {
		/* This week's Thursday falls in the next year: it is that year's week 1. */
		y++;
		w = 1;
	}
	*iso_year = y;
	*week = w;
}

tl_date tl_date_from_iso_week(int iso_year, int week, int weekday)
{
	tl_date jan4 = {iso_year, 1, 4};
	tl_date monday1 = tl_date_add_days(jan4, 1 - tl_date_weekday(jan4));
	return tl_date_add_days(monday1, (week - 1) * 7 + (weekday - 1));
}

int tl_date_diff_days(tl_date a, tl_date b)
{
	/* Count through year starts with libical's day-of-year and year lengths. */
	int da = icaltime_day_of_year(tl_date_to_ical(a)),
	    db = icaltime_day_of_year(tl_date_to_ical(b));
	int n = db - da;
	for (int y = a.year; y < b.year; y++)
		n += icaltime_days_in_year(y);
	for (int y = b.year; y < a.year; y++)
		n -= icaltime_days_in_year(y);
	return n;
}

/* Days from 1970-01-01 to January 1 of each year of [YEAR_LO, YEAR_HI + 1], summed once
 * from libical's year lengths: a day number is then a look-up plus libical's day of the
 * year. Years outside the table (no TIMEX3 value has them) are counted year by year. */
enum { YEAR_LO = 0, YEAR_HI = 10001 };
static long year_start[YEAR_HI - YEAR_LO + 2];
static pthread_once_t year_start_once = PTHREAD_ONCE_INIT;

static void fill_year_start(void)
{
	long n = 0;
	for (int y = YEAR_LO; y < 1970; y++)
		n -= icaltime_days_in_year(y);
	for (int i = 0; i <= YEAR_HI - YEAR_LO + 1; i++) {
		year_start[i] = n;
		n += icaltime_days_in_year(YEAR_LO + i);
	}
}

static long days_before_year(int y)
{
	pthread_once(&year_start_once, fill_year_start);
	if (y >= YEAR_LO && y <= YEAR_HI + 1)
		return year_start[y - YEAR_LO];
	long n = year_start[0];
	for (int k = y; k < YEAR_LO; k++)
		n -= icaltime_days_in_year(k);
	if (y > YEAR_HI + 1) {
		n = year_start[YEAR_HI + 1 - YEAR_LO];
		for (int k = YEAR_HI + 1; k < y; k++)
			n += icaltime_days_in_year(k);
	}
	return n;
}

long tl_date_day_number(tl_date d)
{
	struct icaltimetype t = tl_date_to_ical((tl_date){d.year, d.month, 1});
	return days_before_year(d.year) + icaltime_day_of_year(t) - 1 + (d.day - 1);
}

tl_date tl_date_from_day_number(long n)
{
	int y = 1970;
	if (n >= days_before_year(YEAR_LO) && n < days_before_year(YEAR_HI + 1)) {
		size_t lo = 0, hi = YEAR_HI - YEAR_LO + 1; /* year_start[lo] <= n < year_start[hi] */
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			if (year_start[mid] <= n)
				lo = mid;
			else
				hi = mid;
		}
		y = YEAR_LO + (int)lo;
	} else {
		while (n < days_before_year(y))
			y--;
		while (n >= days_before_year(y + 1))
			y++;
	}
	int left = (int)(n - days_before_year(y)), m = 1;
	while (m < 12 && left >= tl_date_days_in_month(y, m))
		left -= tl_date_days_in_month(y, m++);
	return (tl_date){y, m, left + 1};
}

TL_EXPORT int tl_date_parse(const char *text, tl_date *out, tl_error *err)
{
	int y, m, d, n = 0;
	if (!text || strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    text[n] != '\0') {
		return tl_error_set(err, TL_EDATE, "'%s' is not a date; write it as YYYY-MM-DD",
		                    text ? text : "(null)");
	}
	tl_date r = {y, m, d};
	if (!tl_date_valid(r))
		return tl_error_set(err, TL_EDATE,
		                    "'%s' is not a calendar day; check the month "
		                    "and day",
		                    text);
	*out = r;
	return TL_OK;
}

/* Reads exactly n decimal digits at s; -1 when they are not all digits. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int set_interval(tl_date a, tl_date b, tl_grain g, tl_date *first, tl_date *end,
                        tl_grain *grain)
{
	if (!tl_date_valid(a) || !tl_date_valid(b))
		return TL_EINPUT;
	if (first)
		*first = a;
	if (end)
		*end = b;
	if (grain)
		*grain = g;
	return TL_OK;
}

/* The part after "YYYY-": months, weeks, quarters, halves, seasons. */
static int year_part_interval(int y, const char *p, tl_date *first, tl_date *end, tl_grain *grain)
{
	size_t n = strlen(p);
	int v;
	if (p[0] == 'W' && n >= 3 && (v = digits(p + 1, 2)) >= 1 && v <= 53) {
		tl_date mon = tl_date_from_iso_week(y, v, 1);
		int cy, cw;
		tl_date_iso_week(mon, &cy, &cw);
		if (cw != v)
			return TL_EINPUT;
		if (n == 3)
			return set_interval(mon, tl_date_add_days(mon, 7), TL_GRAIN_WEEK, first,
			                    end, grain);
		if (strcmp(p + 3, "-WE") == 0)
			return set_interval(tl_date_add_days(mon, 5), tl_date_add_days(mon, 7),
			                    TL_GRAIN_WEEKEND, first, end, grain);
		if (p[3] == '-' && n == 5 && p[4] >= '1' && p[4] <= '7') {
			tl_date d = tl_date_add_days(mon, p[4] - '1');
			return set_interval(d, tl_date_add_days(d, 1), TL_GRAIN_DAY, first, end,
			                    grain);
		}
		return TL_EINPUT;
	}
	if (n == 2 && (p[0] == 'Q' || p[0] == 'H') && p[1] >= '1') {
		int k = p[1] - '0', span = p[0] == 'Q' ? 3 : 6;
		if (k > 12 / span)
			return TL_EINPUT;
		tl_date a = {y, (k - 1) * span + 1, 1};
		return set_interval(a, tl_date_add_months(a, span),
		                    p[0] == 'Q' ? TL_GRAIN_QUARTER : TL_GRAIN_HALF, first, end,
		                    grain);
	}
	static const char *const seasons[] = {"SP", "SU", "FA", "WI"};
	for (int i = 0; i < 4; i++) {
		if (strcmp(p, seasons[i]) == 0) {
			tl_date a = {y, 3 + 3 * i, 1};
			return set_interval(a, tl_date_add_months(a, 3), TL_GRAIN_SEASON, first,
			                    end, grain);
		}
	}
	if (n == 2 && (v = digits(p, 2)) >= 1 && v <= 12) {
		tl_date a = {y, v, 1};
		return set_interval(a, tl_date_add_months(a, 1), TL_GRAIN_MONTH, first, end, grain);
	}
	if (n == 5 && p[2] == '-' && p[3] == 'X' && p[4] == 'X' && (v = digits(p, 2)) >= 1 &&
	    v <= 12) {
		/* "YYYY-MM-XX", some day of that month: placed as the month */
		tl_date a = {y, v, 1};
		return set_interval(a, tl_date_add_months(a, 1), TL_GRAIN_MONTH, first, end, grain);
	}
	if (n >= 5 && p[2] == '-' && (v = digits(p, 2)) >= 1 && v <= 12) {
		int d = digits(p + 3, 2);
		if (d < 1 || (n > 5 && p[5] != 'T'))
			return TL_EINPUT;
		tl_date a = {y, v, d};
		tl_grain g = TL_GRAIN_DAY;
		if (n > 5)
			g = strchr(p + 6, ':') ? TL_GRAIN_TIME : TL_GRAIN_PART_OF_DAY;
		return set_interval(a, tl_date_add_days(a, 1), g, first, end, grain);
	}
	return TL_EINPUT;
}

TL_EXPORT int tl_value_interval(const char *value, tl_date *first, tl_date *end, tl_grain *grain)
{
	if (!value)
		return TL_EINPUT;
	size_t n = strlen(value);
	int v;
	if (n == 2 && (v = digits(value, 2)) >= 0) {
		tl_date a = {v * 100, 1, 1}, b = {v * 100 + 100, 1, 1};
		if (v == 0)
			a.year = 1;
		return set_interval(a, b, TL_GRAIN_CENTURY, first, end, grain);
	}
	if (n == 3 && (v = digits(value, 3)) >= 0) {
		tl_date a = {v * 10, 1, 1}, b = {v * 10 + 10, 1, 1};
		if (v == 0)
			a.year = 1;
		return set_interval(a, b, TL_GRAIN_DECADE, first, end, grain);
	}
	if (n < 4 || (v = digits(value, 4)) < 1)
		return TL_EINPUT;
	if (n == 4) {
		tl_date a = {v, 1, 1}, b = {v + 1, 1, 1};
		return set_interval(a, b, TL_GRAIN_YEAR, first, end, grain);
	}
	if (value[4] != '-')
		return TL_EINPUT;
	return year_part_interval(v, value + 5, first, end, grain);
}
