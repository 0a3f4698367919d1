/*
 * interval.h - calendar arithmetic for the event stage (interval.c): the
 * interval a TIMEX3 value covers and day numbers. The names keep their
 * tl_extract_ prefix from when this lived in extract.c; extract.h includes
 * this header. No state.
 */
#ifndef TL_INTERVAL_H
#define TL_INTERVAL_H

#include "timeline.h"

/*
 * The calendar interval [first, end) and grain of a TIMEX3 value, as
 * tl_value_interval() (date.c) gives it; values that function cannot place
 * are parsed here for the forms the merge needs (YYYY, YYYY-MM, YYYY-MM-DD
 * with an optional time, YYYY-Www, YYYY-Www-WE, YYYY-Qn, YYYY-Hn, seasons,
 * decades). Returns TL_OK or TL_EINPUT.
 */
int tl_extract_interval(const char *value, tl_date *first, tl_date *end, tl_grain *grain);

/* Days since 1970-01-01 of a valid date (negative before). */
long tl_extract_day_number(tl_date d);

#endif
