/*
 * date.h - calendar arithmetic for the tagging stage: day/month shifts, ISO-8601
 * weeks, weekdays and the interval a TIMEX3 value covers. Built on libical's
 * icaltime_* functions, but for two shortcuts that give its answers (test_date
 * compares them): the weekday of a Gregorian date (1753 on) from a table of month
 * offsets, and a shift that stays within days 1-28 of a month. Pure functions on
 * tl_date values; nothing here allocates or keeps state.
 */
#ifndef TL_DATE_H
#define TL_DATE_H

#include <stdbool.h>

#include "timeline.h"

struct icaltimetype;

/* d as a libical DATE value (no time of day), for date.c's arithmetic and the ICS
 * export; callers include <libical/ical.h> for the type. */
struct icaltimetype tl_date_to_ical(tl_date d);

/* Days in month (1..12) of year. */
int tl_date_days_in_month(int year, int month);

/* True when d is a real calendar day in years 1..9999. Inline (every span checks its
 * day): every month has 28 days, libical is asked about the last three only. */
static inline bool tl_date_valid(tl_date d)
{
	return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
	       (d.day <= 28 || d.day <= tl_date_days_in_month(d.year, d.month));
}

/* -1, 0 or 1 as a is before, equal to or after b. */
int tl_date_compare(tl_date a, tl_date b);

/* d shifted by days (may be negative). */
tl_date tl_date_add_days(tl_date d, int days);

/* d shifted by months; the day is clamped to the target month's length. */
tl_date tl_date_add_months(tl_date d, int months);

/* ISO weekday: 1 = Monday .. 7 = Sunday. */
int tl_date_weekday(tl_date d);

/* The ISO-8601 week-numbering year and week (1..53) of d. */
void tl_date_iso_week(tl_date d, int *iso_year, int *week);

/* The day of ISO week (iso_year, week) with ISO weekday (1..7). */
tl_date tl_date_from_iso_week(int iso_year, int week, int weekday);

/* Days from 1970-01-01 to d (negative before), by libical's calendar (Julian leap
 * years up to 1752); a day past its month's end carries over. */
long tl_date_day_number(tl_date d);

/* The date of day number n (the inverse of tl_date_day_number()). */
tl_date tl_date_from_day_number(long n);

/* Days from a to b (b - a). */
int tl_date_diff_days(tl_date a, tl_date b);

#endif
