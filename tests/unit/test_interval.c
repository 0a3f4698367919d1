/* test_interval.c - unit tests for calendar intervals and day numbers (interval.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

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
	assert_int_equal(day(1, 1, 1), -719162);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(day_numbers),
		cmocka_unit_test(intervals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
