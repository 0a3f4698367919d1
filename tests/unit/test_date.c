/* test_date.c - unit tests for calendar arithmetic and TIMEX3 value intervals (date.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <libical/ical.h>

#include "date.h"

static void check_interval(const char *value, const char *first, const char *end, tl_grain g)
{
	tl_date a, b;
	tl_grain grain;
	char fa[16], fb[16];
	int rc = tl_value_interval(value, &a, &b, &grain);
	if (rc != TL_OK)
		fail_msg("%s: no interval", value);
	snprintf(fa, sizeof fa, "%04d-%02d-%02d", a.year, a.month, a.day);
	snprintf(fb, sizeof fb, "%04d-%02d-%02d", b.year, b.month, b.day);
	assert_string_equal(fa, first);
	assert_string_equal(fb, end);
	assert_int_equal(grain, g);
}

static void intervals(void **state)
{
	(void)state;
	check_interval("2025-06-05", "2025-06-05", "2025-06-06", TL_GRAIN_DAY);
	check_interval("2025-12-31", "2025-12-31", "2026-01-01", TL_GRAIN_DAY);
	check_interval("2025-W23", "2025-06-02", "2025-06-09", TL_GRAIN_WEEK);
	check_interval("2025-W23-WE", "2025-06-07", "2025-06-09", TL_GRAIN_WEEKEND);
	check_interval("2025-W01", "2024-12-30", "2025-01-06", TL_GRAIN_WEEK);
	check_interval("2020-W53", "2020-12-28", "2021-01-04", TL_GRAIN_WEEK);
	check_interval("2025-05", "2025-05-01", "2025-06-01", TL_GRAIN_MONTH);
	check_interval("2025-12", "2025-12-01", "2026-01-01", TL_GRAIN_MONTH);
	/* some day of the month ("that same day" after "last October"): the month */
	check_interval("1998-10-XX", "1998-10-01", "1998-11-01", TL_GRAIN_MONTH);
	check_interval("2025-12-XX", "2025-12-01", "2026-01-01", TL_GRAIN_MONTH);
	check_interval("2025-Q2", "2025-04-01", "2025-07-01", TL_GRAIN_QUARTER);
	check_interval("2025-Q4", "2025-10-01", "2026-01-01", TL_GRAIN_QUARTER);
	check_interval("2025-H1", "2025-01-01", "2025-07-01", TL_GRAIN_HALF);
	check_interval("2025-H2", "2025-07-01", "2026-01-01", TL_GRAIN_HALF);
	check_interval("2025-SP", "2025-03-01", "2025-06-01", TL_GRAIN_SEASON);
	check_interval("2025-SU", "2025-06-01", "2025-09-01", TL_GRAIN_SEASON);
	check_interval("2025-FA", "2025-09-01", "2025-12-01", TL_GRAIN_SEASON);
	check_interval("2025-WI", "2025-12-01", "2026-03-01", TL_GRAIN_SEASON);
	check_interval("2025", "2025-01-01", "2026-01-01", TL_GRAIN_YEAR);
	check_interval("199", "1990-01-01", "2000-01-01", TL_GRAIN_DECADE);
	check_interval("19", "1900-01-01", "2000-01-01", TL_GRAIN_CENTURY);
	check_interval("2025-06-05T21:30", "2025-06-05", "2025-06-06", TL_GRAIN_TIME);
	check_interval("2025-06-05TEV", "2025-06-05", "2025-06-06", TL_GRAIN_PART_OF_DAY);
}

static void intervals_rejected(void **state)
{
	(void)state;
	const char *bad[] = {"P90D",    "PAST_REF",   "PRESENT_REF", "XXXX-WXX-1",  "XXXX-07",
	                     "2025-13", "2025-02-30", "2025-Q5",     "2025-H3",     "2021-W53",
	                     "",        "20x5",       "2025-W2",     "2025-06-05X", "2025-13-XX",
	                     "2025-06-XXT10:00", "2025-06-X", NULL};
	for (int i = 0; bad[i]; i++) {
		tl_date a, b;
		tl_grain g;
		if (tl_value_interval(bad[i], &a, &b, &g) != TL_EINPUT)
			fail_msg("'%s' should have no interval", bad[i]);
	}
	assert_int_equal(tl_value_interval(NULL, NULL, NULL, NULL), TL_EINPUT);
}

static void parse_strict(void **state)
{
	(void)state;
	tl_date d;
	tl_error err;
	assert_int_equal(tl_date_parse("2024-02-29", &d, &err), TL_OK);
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.day, 29);
	assert_int_equal(tl_date_parse("2025-02-29", &d, &err), TL_EDATE);
	assert_int_equal(tl_date_parse("2025-6-5", &d, &err), TL_EDATE);
	assert_int_equal(tl_date_parse("2025-06-05x", &d, NULL), TL_EDATE);
	assert_int_equal(tl_date_parse(NULL, &d, NULL), TL_EDATE);
}

static void arithmetic(void **state)
{
	(void)state;
	tl_date d = {2025, 6, 5};
	assert_int_equal(tl_date_weekday(d), 4); /* Thursday */
	tl_date e = tl_date_add_days(d, -36);
	assert_int_equal(e.month, 4);
	assert_int_equal(e.day, 30);
	tl_date f = tl_date_add_months((tl_date){2025, 1, 31}, 1);
	assert_int_equal(f.month, 2);
	assert_int_equal(f.day, 28);
	tl_date g = tl_date_add_months((tl_date){2025, 1, 15}, -13);
	assert_int_equal(g.year, 2023);
	assert_int_equal(g.month, 12);
	assert_int_equal(tl_date_diff_days((tl_date){2024, 12, 30}, (tl_date){2025, 1, 2}), 3);
	assert_int_equal(tl_date_diff_days((tl_date){2025, 1, 2}, (tl_date){2024, 1, 2}), -366);
	int y, w;
	tl_date_iso_week((tl_date){2027, 1, 1}, &y, &w);
	assert_int_equal(y, 2026);
	assert_int_equal(w, 53);
	tl_date_iso_week((tl_date){2024, 12, 30}, &y, &w);
	assert_int_equal(y, 2025);
	assert_int_equal(w, 1);
	tl_date_iso_week((tl_date){1998, 2, 27}, &y, &w);
	assert_int_equal(y, 1998);
	assert_int_equal(w, 9);
	assert_true(tl_date_valid((tl_date){2000, 2, 29}));
	assert_false(tl_date_valid((tl_date){1900, 2, 29}));
	assert_string_equal(tl_grain_name(TL_GRAIN_WEEKEND), "weekend");
	assert_string_equal(tl_grain_name((tl_grain)99), "none");
}

/* Every day of 1990..2030: the ISO week round-trips through tl_date_from_iso_week. */
static void iso_week_round_trip(void **state)
{
	(void)state;
	tl_date d = {1990, 1, 1};
	for (int i = 0; i < 41 * 366; i++) {
		int y, w;
		tl_date_iso_week(d, &y, &w);
		tl_date back = tl_date_from_iso_week(y, w, tl_date_weekday(d));
		if (tl_date_compare(back, d) != 0)
			fail_msg("%04d-%02d-%02d -> %d-W%02d", d.year, d.month, d.day, y, w);
		d = tl_date_add_days(d, 1);
	}
}

/* tl_date_valid() answers days 1-28 without asking libical: the same answers as the
 * month lengths give, leap years (Julian before 1753 in libical) and bounds included. */
static void valid_days(void **state)
{
	(void)state;
	static const int years[] = {-1,   0,    1,    4,    100,  1700, 1752,
	                            1800, 1900, 2000, 2024, 9999, 10000};
	for (size_t k = 0; k < sizeof years / sizeof years[0]; k++)
		for (int m = -1; m <= 13; m++)
			for (int d = -1; d <= 32; d++) {
				int y = years[k];
				bool want = y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
				            d <= tl_date_days_in_month(y, m);
				assert_int_equal(tl_date_valid((tl_date){y, m, d}), want);
			}
}

/* tl_date_add_days() moves within a month itself and tl_date_weekday() wraps
 * libical's numbering: both must answer as libical does
 * (icaltime_day_of_week, icaltime_adjust), on every day of the years around the switch,
 * today's and the last ones, and on shifts that cross months and years. */
static void weekdays_and_shifts_as_libical(void **state)
{
	(void)state;
	static const int from[] = {1, 1580, 1750, 1896, 1999, 2096, 9990};
	for (size_t k = 0; k < sizeof from / sizeof from[0]; k++)
		for (int y = from[k]; y < from[k] + 10 && y <= 9999; y++)
			for (int m = 1; m <= 12; m++)
				for (int d = 1; d <= tl_date_days_in_month(y, m); d++) {
					tl_date t = {y, m, d};
					struct icaltimetype it = tl_date_to_ical(t);
					int w = icaltime_day_of_week(it);
					assert_int_equal(tl_date_weekday(t), w == 1 ? 7 : w - 1);
					static const int shifts[] = {-40, -28, -27, -7, -1, 0,
					                             1,   6,   7,   27, 28, 400};
					for (size_t j = 0; j < sizeof shifts / sizeof shifts[0];
					     j++) {
						struct icaltimetype a = it;
						icaltime_adjust(&a, shifts[j], 0, 0, 0);
						tl_date r = tl_date_add_days(t, shifts[j]);
						assert_int_equal(r.year, a.year);
						assert_int_equal(r.month, a.month);
						assert_int_equal(r.day, a.day);
					}
				}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(intervals),
	    cmocka_unit_test(intervals_rejected),
	    cmocka_unit_test(parse_strict),
	    cmocka_unit_test(arithmetic),
	    cmocka_unit_test(iso_week_round_trip),
	    cmocka_unit_test(valid_days),
	    cmocka_unit_test(weekdays_and_shifts_as_libical),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
