/* test_interval.c - unit tests for calendar intervals and day numbers (interval.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>

#include "date.h"
#include "interval.h"

static long day(int y, int m, int d)
{
	tl_date x = {y, m, d};
	return tl_extract_day_number(x);
}

static void day_numbers(void **state)
{
	(void)state;
	assert_int_equal(day(1970, 1, 1), 0);
	assert_int_equal(day(1969, 12, 31), -1);
	assert_int_equal(day(2000, 3, 1), 11017);
	assert_int_equal(day(2025, 6, 5), 20244);
	/* Months and days out of range carry over, as timegm() does. */
	assert_int_equal(day(2024, 13, 1), day(2025, 1, 1));
	assert_int_equal(day(2025, 0, 1), day(2024, 12, 1));
	assert_int_equal(day(2025, 3, 0), day(2025, 2, 28));
	assert_int_equal(day(2024, 2, 30), day(2024, 3, 1));
	/* libical's calendar: Julian leap years up to 1752, so 13 days (100, 200, 300,
	 * 500, ..., 1700) more than the proleptic Gregorian count (-719162) back to year 1 */
	assert_int_equal(day(1, 1, 1), -719175);
	assert_int_equal(day(1, 1, 1), -(long)tl_date_diff_days((tl_date){1, 1, 1}, (tl_date){1970, 1, 1}));
}

/* Day numbers agree with date.c's libical day counts and go back to the same date, on
 * every day of years around libical's switch, today's, and the last ones. */
static void day_numbers_as_libical(void **state)
{
	(void)state;
	static const int from[] = {1, 1748, 1898, 1968, 2020, 9995};
	const tl_date epoch = {1970, 1, 1};
	for (size_t k = 0; k < sizeof from / sizeof from[0]; k++)
		for (int y = from[k]; y < from[k] + 5; y++)
			for (int m = 1; m <= 12; m++)
				for (int d = 1; d <= tl_date_days_in_month(y, m); d++) {
					tl_date t = {y, m, d};
					long n = tl_extract_day_number(t);
					assert_int_equal(n, tl_date_diff_days(epoch, t));
					tl_date back = tl_date_from_day_number(n);
					assert_int_equal(back.year, y);
					assert_int_equal(back.month, m);
					assert_int_equal(back.day, d);
				}
	tl_date far = tl_date_from_day_number(tl_extract_day_number((tl_date){10003, 2, 3}));
	assert_int_equal(far.year, 10003);
	assert_int_equal(far.day, 3);
}

static void intervals(void **state)
{
	(void)state;
	tl_date f, e;
	tl_grain g;
	assert_int_equal(tl_extract_interval("2024-02", &f, &e, &g), TL_OK);
	assert_int_equal(g, TL_GRAIN_MONTH);
	assert_int_equal(tl_extract_day_number(e) - tl_extract_day_number(f), 29);
	assert_int_equal(tl_extract_interval("2024-12-31", &f, &e, &g), TL_OK);
	assert_int_equal(e.year, 2025);
	assert_int_equal(e.month, 1);
	assert_int_equal(e.day, 1);
	assert_int_equal(tl_extract_interval("2026-W01-WE", &f, &e, &g), TL_OK);
	assert_int_equal(g, TL_GRAIN_WEEKEND);
	assert_int_equal(tl_extract_day_number(e) - tl_extract_day_number(f), 2);
	assert_int_equal(tl_extract_interval("2025-H2", &f, &e, &g), TL_OK);
	assert_int_equal(f.month, 7);
	assert_int_equal(e.year, 2026);
	assert_int_not_equal(tl_extract_interval("2025-13", &f, &e, &g), TL_OK);
	assert_int_not_equal(tl_extract_interval("PRESENT_REF", &f, &e, &g), TL_OK);
}

/* Checks tl_extract_interval(v) against tl_value_interval(v) (date.c, through
 * libical): the same answer, and the same interval when both place it. */
static void same_as_date_c(const char *v)
{
	tl_date f1, e1, f2, e2;
	tl_grain g1, g2;
	int r1 = tl_extract_interval(v, &f1, &e1, &g1);
	int r2 = tl_value_interval(v, &f2, &e2, &g2);
	if (r2 != TL_OK) {
		/* Not placed by date.c: the fallback parser may (or may not). */
		return;
	}
	assert_int_equal(r1, TL_OK);
	assert_int_equal(g1, g2);
	assert_int_equal(tl_date_compare(f1, f2), 0);
	assert_int_equal(tl_date_compare(e1, e2), 0);
}

/* The quick path for YYYY, YYYY-MM and YYYY-MM-DD gives what date.c gives,
 * on every day of four centuries and at the edges of its range. */
static void usual_values_as_date_c(void **state)
{
	(void)state;
	char v[32];
	for (int y = 1795; y <= 2405; y++) {
		snprintf(v, sizeof v, "%04d", y);
		same_as_date_c(v);
		for (int m = 0; m <= 13; m++) {
			snprintf(v, sizeof v, "%04d-%02d", y, m);
			same_as_date_c(v);
			for (int d = 0; d <= 32; d++) {
				snprintf(v, sizeof v, "%04d-%02d-%02d", y, m, d);
				same_as_date_c(v);
			}
		}
	}
	const char *edges[] = {"9998", "9999", "9998-12", "9998-12-31", "9999-01-01", "0001",
			       "1752-02-29", "1800-02-29", "1900-02-29", "2000-02-29",
			       "2023-02-29", "2024-02-30", "2024-1-01", "2024-01-01T10:00",
			       "2024-01-01x", "2024-01", "2024-", "202", "2024-W01"};
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
		same_as_date_c(edges[i]);
	tl_date f, e;
	tl_grain g;
	assert_int_not_equal(tl_extract_interval("2023-02-29", &f, &e, &g), TL_OK);
	assert_int_equal(tl_extract_interval("2000-02-29", &f, &e, &g), TL_OK);
	assert_int_equal(e.month, 3);
	assert_int_equal(e.day, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(day_numbers),
		cmocka_unit_test(day_numbers_as_libical),
		cmocka_unit_test(intervals),
		cmocka_unit_test(usual_values_as_date_c),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
