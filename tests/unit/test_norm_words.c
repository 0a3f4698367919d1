/*
 * test_norm_words.c - unit tests for the normalizer's shared parts
 * (norm_words.c and the duration writer of norm_duration.c): tokens,
 * quantities, the lexicon and the values written for a date at each grain.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "norm_duration.h"
#include "norm_words.h"

static void tokens(void **state)
{
	(void)state;
	toks t;
	const char *s = "Nov. 10, 1989 and 2.5 Years";
	tl_norm_tokenize(s, strlen(s), &t);
	assert_int_equal(t.n, 6);
	assert_string_equal(t.v[0].w, "nov");
	assert_true(t.v[1].is_num && t.v[1].num == 10 && t.v[1].digits == 2);
	assert_true(t.v[2].is_num && t.v[2].num == 1989 && t.v[2].digits == 4);
	assert_string_equal(t.v[3].w, "and");
	assert_true(t.v[4].is_num && t.v[4].num == 2.5);
	assert_string_equal(t.v[5].w, "years");
	assert_true(has(&t, "and"));
	assert_int_equal(find(&t, "nov"), 0);
	assert_int_equal(find(&t, "dec"), -1);
}

static double qty(const char *s, int *next)
{
	toks t;
	tl_norm_tokenize(s, strlen(s), &t);
	return tl_norm_read_qty(&t, 0, next);
}

static void quantities(void **state)
{
	(void)state;
	int next;
	assert_true(qty("a year and a half", &next) == 1 && next == 1);
	assert_true(qty("two and a half years", &next) == 2.5 && next == 4);
	assert_true(qty("twenty four hours", &next) == 24 && next == 2);
	assert_true(qty("a couple of days", &next) == 2 && next == 3);
	assert_true(qty("several years", &next) == QTY_X && next == 1);
	assert_true(qty("2 1/2 years", &next) == 2.5 && next == 3);
	assert_true(qty("years", &next) == -2);
}

static void lexicon(void **state)
{
	(void)state;
	assert_int_equal(tl_norm_month_of("sept"), 9);
	assert_int_equal(tl_norm_month_of("december"), 12);
	assert_int_equal(tl_norm_month_of("mayday"), 0);
	assert_int_equal(tl_norm_weekday_of("mondays"), 1);
	assert_int_equal(tl_norm_weekday_of("sunday"), 7);
	assert_int_equal(tl_norm_unit_of("fortnights"), U_FORTNIGHT);
	assert_int_equal(tl_norm_small_number("ninety"), 90);
}

static void durations(void **state)
{
	(void)state;
	char b[TL_VALUE_MAX];
	tl_norm_duration_value(b, 1.5, U_YEAR);
	assert_string_equal(b, "P1Y6M");
	tl_norm_duration_value(b, 0.5, U_HOUR);
	assert_string_equal(b, "PT30M");
	tl_norm_duration_value(b, 1.5, U_DAY);
	assert_string_equal(b, "P1DT12H");
	tl_norm_duration_value(b, QTY_X, U_DECADE);
	assert_string_equal(b, "PXE");
	tl_norm_duration_value(b, 2, U_CENTURY);
	assert_string_equal(b, "P200Y");
	tl_norm_duration_value(b, 1, U_FORTNIGHT);
	assert_string_equal(b, "P2W");
}

static void points(void **state)
{
	(void)state;
	tl_timex x;
	memset(&x, 0, sizeof x);
	tl_date d = {2025, 6, 6};
	tl_norm_point_at(&x, d, U_WEEK);
	assert_string_equal(x.value, "2025-W23");
	tl_norm_point_at(&x, d, U_WEEKEND);
	assert_string_equal(x.value, "2025-W23-WE");
	tl_norm_point_at(&x, d, U_QUARTER);
	assert_string_equal(x.value, "2025-Q2");
	tl_norm_point_at(&x, d, U_DECADE);
	assert_string_equal(x.value, "202");
	assert_int_equal(x.grain, TL_GRAIN_DECADE);
	tl_date e = tl_norm_shift(d, U_QUARTER, -2);
	assert_int_equal(e.year, 2024);
	assert_int_equal(e.month, 12);
	assert_int_equal(tl_norm_no_finer_than(U_DAY, TL_GRAIN_YEAR), U_YEAR);
	assert_int_equal(tl_norm_no_finer_than(U_YEAR, TL_GRAIN_DAY), U_YEAR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(tokens),    cmocka_unit_test(quantities), cmocka_unit_test(lexicon),
	    cmocka_unit_test(durations), cmocka_unit_test(points),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
