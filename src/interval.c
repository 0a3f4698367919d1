/*
 * interval.c - the calendar interval of a TIMEX3 value and day numbers (see
 * interval.h), split out of extract.c. The calendar is libical's, through
 * date.c (month lengths, ISO weeks, day numbers from its year lengths); no
 * libc time functions, no locale, no state. The usual values (YYYY,
 * YYYY-MM, YYYY-MM-DD from 1800 on) are placed here as tl_value_interval()
 * (date.c) places them, without its parse and icaltimetype round trips;
 * that function is asked about the others, and the forms it cannot place
 * are parsed here.
 */
#include <stdbool.h>
#include <string.h>

#include "ascii.h"
#include "date.h"
#include "error.h"
#include "interval.h"

long tl_extract_day_number(tl_date d)
{
	/* Out-of-range months and days carry over, as timegm() would have them. */
	long m0 = (long)d.month - 1;
	long y = (long)d.year + (m0 >= 0 ? m0 / 12 : -((11 - m0) / 12));
	long m = m0 - (y - d.year) * 12 + 1;
	return tl_date_day_number((tl_date){(int)y, (int)m, 1}) + (long)d.day - 1;
}

static tl_date make_date(int y, int m, int d)
{
	while (m > 12) {
		m -= 12;
		y++;
	}
	tl_date r = {y, m, d};
	return r;
}

static bool digits_at(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!tl_is_digit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Monday of ISO week w of year y. */
static long iso_week_monday(int y, int w)
{
	return tl_extract_day_number(tl_date_from_iso_week(y, w, 1));
}

static int parse_interval(const char *v, tl_date *first, tl_date *end, tl_grain *grain)
{
	size_t len = strlen(v);
	int y, m, d, k;
	if (len == 2 && digits_at(v, 2, &y)) {
		*first = make_date(y * 100 + (y ? 0 : 1), 1, 1);
		*end = make_date(y * 100 + 100, 1, 1);
		*grain = TL_GRAIN_CENTURY;
		return TL_OK;
	}
	if (len == 3 && digits_at(v, 3, &y)) {
		*first = make_date(y ? y * 10 : 1, 1, 1);
		*end = make_date(y * 10 + 10, 1, 1);
		*grain = TL_GRAIN_DECADE;
		return TL_OK;
	}
	if (len < 4 || !digits_at(v, 4, &y) || y < 1 || y > 9998)
		return TL_EINPUT;
	if (len == 4) {
		*first = make_date(y, 1, 1);
		*end = make_date(y + 1, 1, 1);
		*grain = TL_GRAIN_YEAR;
		return TL_OK;
	}
	if (v[4] != '-')
		return TL_EINPUT;
	const char *r = v + 5;
	size_t rl = len - 5;
	if (rl >= 2 && digits_at(r, 2, &m) && m >= 1 && m <= 12) {
		if (rl == 2) {
			*first = make_date(y, m, 1);
			*end = make_date(y, m + 1, 1);
			*grain = TL_GRAIN_MONTH;
			return TL_OK;
		}
		if (rl < 5 || r[2] != '-' || !digits_at(r + 3, 2, &d) || d < 1 ||
		    d > tl_date_days_in_month(y, m) || (rl > 5 && r[5] != 'T'))
			return TL_EINPUT;
		*first = make_date(y, m, d);
		*end = tl_date_from_day_number(tl_extract_day_number(*first) + 1);
		*grain = rl == 5 ? TL_GRAIN_DAY
				 : (rl > 6 && tl_is_digit((unsigned char)r[6]) ? TL_GRAIN_TIME
									    : TL_GRAIN_PART_OF_DAY);
		return TL_OK;
	}
	if (rl >= 3 && r[0] == 'W' && digits_at(r + 1, 2, &k) && k >= 1 && k <= 53) {
		long mon = iso_week_monday(y, k);
		if (rl == 3) {
			*first = tl_date_from_day_number(mon);
			*end = tl_date_from_day_number(mon + 7);
			*grain = TL_GRAIN_WEEK;
			return TL_OK;
		}
		if (strcmp(r + 3, "-WE") == 0) {
			*first = tl_date_from_day_number(mon + 5);
			*end = tl_date_from_day_number(mon + 7);
			*grain = TL_GRAIN_WEEKEND;
			return TL_OK;
		}
		return TL_EINPUT;
	}
	if (rl == 2 && (r[0] == 'Q' || r[0] == 'H') && tl_is_digit((unsigned char)r[1])) {
		k = r[1] - '0';
		int months = r[0] == 'Q' ? 3 : 6;
		if (k < 1 || k > 12 / months)
			return TL_EINPUT;
		*first = make_date(y, (k - 1) * months + 1, 1);
		*end = make_date(y, k * months + 1, 1);
		*grain = r[0] == 'Q' ? TL_GRAIN_QUARTER : TL_GRAIN_HALF;
		return TL_OK;
	}
	static const struct { const char *code; int month; } seasons[] = {
		{"SP", 3}, {"SU", 6}, {"FA", 9}, {"WI", 12},
	};
	for (size_t i = 0; i < 4; i++) {
		if (strcmp(r, seasons[i].code) == 0) {
			*first = make_date(y, seasons[i].month, 1);
			*end = make_date(y, seasons[i].month + 3, 1);
			*grain = TL_GRAIN_SEASON;
			return TL_OK;
		}
	}
	return TL_EINPUT;
}

/* The usual values, YYYY, YYYY-MM and YYYY-MM-DD (four in five mentions),
 * placed here as tl_value_interval() places them, without its parse and its
 * icaltimetype round trips (the month lengths still come from libical);
 * false for anything else, for a day that is not in its month, and
 * for years before 1800 (libical counts leap years the Julian way up to 1752)
 * or after 9998: those go the long way. */
static bool usual_interval(const char *v, tl_date *first, tl_date *end, tl_grain *grain)
{
	int y, m, d;
	if (!digits_at(v, 4, &y) || y < 1800 || y > 9998)
		return false;
	if (v[4] == '\0') {
		*first = (tl_date){y, 1, 1};
		*end = (tl_date){y + 1, 1, 1};
		*grain = TL_GRAIN_YEAR;
		return true;
	}
	if (v[4] != '-' || !digits_at(v + 5, 2, &m) || m < 1 || m > 12)
		return false;
	tl_date next_month = m == 12 ? (tl_date){y + 1, 1, 1} : (tl_date){y, m + 1, 1};
	if (v[7] == '\0') {
		*first = (tl_date){y, m, 1};
		*end = next_month;
		*grain = TL_GRAIN_MONTH;
		return true;
	}
	int dim = tl_date_days_in_month(y, m); /* libical's count */
	if (v[7] != '-' || !digits_at(v + 8, 2, &d) || d < 1 || d > dim || v[10] != '\0')
		return false;
	*first = (tl_date){y, m, d};
	*end = d < dim ? (tl_date){y, m, d + 1} : next_month;
	*grain = TL_GRAIN_DAY;
	return true;
}

int tl_extract_interval(const char *value, tl_date *first, tl_date *end, tl_grain *grain)
{
	if (usual_interval(value, first, end, grain))
		return TL_OK;
	if (tl_value_interval(value, first, end, grain) == TL_OK)
		return TL_OK;
	return parse_interval(value, first, end, grain);
}
