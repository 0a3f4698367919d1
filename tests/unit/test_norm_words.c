/*
 * test_norm_words.c - unit tests for the normalizer's shared parts
 * (norm_words.c and the duration writer of norm_duration.c): tokens,
 * quantities, the lexicon and the values written for a date at each grain.
 * The fast paths (token lengths, the sorted lexicon, the bounded writer) are
 * checked against plain strcmp/snprintf versions written here.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "norm_duration.h"
#include "norm_memo.h"
#include "normalize.h"
#include "patterns.h"
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

/* Absurd counts the recognizer never hands over, straight to the normalizer:
 * no signed overflow (UBSan in CI), no value outside the calendar. */
static void absurd_counts(void **state)
{
	(void)state;
	tl_date dct = {2025, 6, 6};
	tl_norm_context c = {dct, dct, TL_GRAIN_DAY, 0, 0, 0, NULL, 0, NULL, 0};
	tl_timex x;
	const char *clock = "123456789012 p.m.";
	memset(&x, 0, sizeof x);
	assert_int_not_equal(tl_normalize_span(TL_KIND_TIME, clock, strlen(clock), &c, &x), TL_OK);
	const char *ago = "99999999999999999999 years ago";
	memset(&x, 0, sizeof x);
	assert_int_not_equal(tl_normalize_span(TL_KIND_AGO, ago, strlen(ago), &c, &x), TL_OK);
}

static void durations(void **state)
{
	(void)state;
	static const struct {
		double qty;
		enum unit unit;
		const char *value;
	} cases[] = {
	    {1.5, U_YEAR, "P1Y6M"},
	    {0.5, U_HOUR, "PT30M"},
	    {1.5, U_DAY, "P1DT12H"},
	    {QTY_X, U_DECADE, "PXE"},
	    {2, U_CENTURY, "P200Y"},
	    {1e300, U_YEAR, "PXY"}, /* no overflow (UBSan), just "many" */
	    {1e300, U_HOUR, "PTXH"},
	    {1, U_FORTNIGHT, "P2W"},
	    {QTY_X, U_HOUR, "PTXH"},
	    {QTY_X, U_FORTNIGHT, "PXW"},
	    {1.5, U_MIN, "PT1M30S"},
	    {0.5, U_DAY, "PT12H"},
	    {3, U_WEEKEND, "P3WE"},
	    {1234567, U_SEC, "PT1234567S"},
	    {2.5, U_QUARTER, "P2Q2M"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char b[TL_VALUE_MAX];
		tl_norm_duration_value(b, cases[i].qty, cases[i].unit);
		assert_string_equal(b, cases[i].value);
	}
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

/* The lexicon as plain lists, the way it read before the sorted table. */
static int ref_month(const char *w)
{
	static const char *const ab[] = {"jan", "feb", "mar", "apr", "may", "jun",
	                                 "jul", "aug", "sep", "oct", "nov", "dec"};
	static const char *const full[] = {"january",   "february", "march",    "april",
	                                   "may",       "june",     "july",     "august",
	                                   "september", "october",  "november", "december"};
	for (int m = 0; m < 12; m++)
		if (!strcmp(w, ab[m]) || !strcmp(w, full[m]))
			return m + 1;
	return strcmp(w, "sept") == 0 ? 9 : 0;
}

static int ref_weekday(const char *w)
{
	static const char *const names[] = {"monday", "tuesday",  "wednesday", "thursday",
	                                    "friday", "saturday", "sunday"};
	for (int d = 0; d < 7; d++) {
		size_t n = strlen(names[d]);
		if (!strncmp(w, names[d], n) && (w[n] == '\0' || !strcmp(w + n, "s")))
			return d + 1;
	}
	return 0;
}

static int ref_unit(const char *w)
{
	static const struct {
		const char *w;
		enum unit u;
	} units[] = {
	    {"second", U_SEC},      {"minute", U_MIN},          {"hour", U_HOUR},
	    {"day", U_DAY},         {"night", U_DAY},           {"week", U_WEEK},
	    {"weekend", U_WEEKEND}, {"fortnight", U_FORTNIGHT}, {"month", U_MONTH},
	    {"quarter", U_QUARTER}, {"year", U_YEAR},           {"decade", U_DECADE},
	};
	char plural[40];
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		snprintf(plural, sizeof plural, "%ss", units[i].w);
		if (!strcmp(w, units[i].w) || !strcmp(w, plural))
			return units[i].u;
	}
	if (!strcmp(w, "half"))
		return U_HALF;
	return !strcmp(w, "century") || !strcmp(w, "centuries") ? U_CENTURY : U_NONE;
}

static int ref_small(const char *w)
{
	static const char *const ones[] = {
	    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
	    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
	    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
	static const char *const tens[] = {"twenty", "thirty",  "forty",  "fifty",
	                                   "sixty",  "seventy", "eighty", "ninety"};
	for (int i = 0; i < 20; i++)
		if (!strcmp(w, ones[i]))
			return i;
	for (int i = 0; i < 8; i++)
		if (!strcmp(w, tens[i]))
			return 20 + 10 * i;
	return -1;
}

/* Each lookup and each token's fields agree with the plain lists on w. */
static void check_word(const char *w)
{
	assert_int_equal(tl_norm_month_of(w), ref_month(w));
	assert_int_equal(tl_norm_weekday_of(w), ref_weekday(w));
	assert_int_equal(tl_norm_unit_of(w), ref_unit(w));
	assert_int_equal(tl_norm_small_number(w), ref_small(w));
	toks t;
	tl_norm_tokenize(w, strlen(w), &t);
	if (t.n != 1 || t.v[0].is_num || strcmp(t.v[0].w, w) != 0)
		return; /* not a single lower-case word */
	assert_int_equal(t.v[0].len, (int)strlen(w));
	assert_int_equal(t.v[0].month, ref_month(w));
	assert_int_equal(t.v[0].wday, ref_weekday(w));
	assert_int_equal(t.v[0].unit, ref_unit(w));
	assert_int_equal(t.v[0].small, ref_small(w));
}

static void lexicon_table(void **state)
{
	(void)state;
	size_t n = tl_norm_lexicon_size();
	assert_int_equal(n, 93);
	for (size_t i = 0; i < n; i++) {
		const char *w = tl_norm_lexicon_word(i);
		if (i > 0) {
			/* searchable: by first letter, then length, then bytes */
			const char *p = tl_norm_lexicon_word(i - 1);
			assert_true(p[0] < w[0] || (p[0] == w[0] && (strlen(p) < strlen(w) ||
			                                             (strlen(p) == strlen(w) &&
			                                              strcmp(p, w) < 0))));
		}
		check_word(w);
		/* near misses: a letter more, a letter less, a plural */
		char b[40];
		snprintf(b, sizeof b, "%ss", w);
		check_word(b);
		snprintf(b, sizeof b, "%sa", w);
		check_word(b);
		snprintf(b, sizeof b, "%.*s", (int)strlen(w) - 1, w);
		check_word(b);
		snprintf(b, sizeof b, "a%s", w);
		check_word(b);
	}
	static const char *const others[] = {"",    "a",  "z",  "zzz",      "mayday", "septs",
	                                     "the", "10", "'s", "sundayss", "halves", "nights"};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		check_word(others[i]);
	assert_null(tl_norm_lexicon_word(n));
}

static void token_fields(void **state)
{
	(void)state;
	toks t;
	const char *s = "a an and 12 Mondays 1,234 123456789012345678 999999999999999 0.25";
	tl_norm_tokenize(s, strlen(s), &t);
	assert_int_equal(t.n, 9);
	assert_true(eq(&t, 0, "a") && !eq(&t, 0, "an") && !eq(&t, 1, "a") && eq(&t, 1, "an"));
	assert_true(eq(&t, 2, "and") && !eq(&t, 2, "an") && !eq(&t, 2, "andy"));
	assert_false(eq(&t, 3, "12")); /* numbers are not words */
	assert_false(has(&t, "12") || has(&t, "") || has(&t, "mondays s"));
	assert_int_equal(find(&t, "mondays"), 4);
	assert_int_equal(t.v[4].wday, 1);
	assert_int_equal(t.v[4].len, 7);
	assert_int_equal(t.v[3].unit, U_NONE);
	assert_int_equal(t.v[3].small, -1);
	assert_true(t.v[3].num == 12 && t.v[3].len == 2);
	assert_true(t.v[5].num == 1234 && t.v[5].digits == 4);
	assert_true(t.v[6].num == 123456789012345678.0 && t.v[6].digits == 18);
	assert_true(t.v[7].num == 999999999999999.0);
	assert_true(t.v[8].num == 0.25 && t.v[8].digits == 1);
	/* a word cut at TOK_LEN - 1 letters keeps its cut length */
	const char *l = "abcdefghijklmnopqrstuvwxyzabc";
	tl_norm_tokenize(l, strlen(l), &t);
	assert_int_equal(t.v[0].len, TOK_LEN - 1);
	assert_true(eq(&t, 0, "abcdefghijklmnopqrstuvw"));
	assert_true(has(&t, "abcdefghijklmnopqrstuvw"));
	/* has/find (which skip spans by toks.sig) find every word they hold, at
	 * its first place, and nothing else */
	const char *p = "the year's end of 1999 and the Late Evening overnight x ab";
	tl_norm_tokenize(p, strlen(p), &t);
	for (int i = 0; i < t.n; i++) {
		if (t.v[i].is_num) {
			assert_false(has(&t, t.v[i].w));
			continue;
		}
		int first = 0;
		while (strcmp(t.v[first].w, t.v[i].w) != 0)
			first++;
		assert_true(has(&t, t.v[i].w));
		assert_int_equal(find(&t, t.v[i].w), first);
	}
	assert_int_equal(find(&t, "the"), 0);
	assert_int_equal(find(&t, "'s"), 2);
	assert_int_equal(find(&t, "evening"), 9);
	assert_false(has(&t, "tha") || has(&t, "ends") || has(&t, "a") || has(&t, "evenings"));
}

static void writer(void **state)
{
	(void)state;
	static const long vals[] = {LONG_MIN, -12345, -100, -5, -1, 0, 5, 42, 999, 10000, LONG_MAX};
	static const int widths[] = {0, 1, 2, 3, 4, 6};
	char got[64], want[64];
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		for (size_t j = 0; j < sizeof widths / sizeof widths[0]; j++) {
			tl_norm_out o;
			tl_norm_out_init(&o, got, sizeof got);
			tl_norm_out_str(&o, "x");
			tl_norm_out_int(&o, vals[i], widths[j]);
			int n = snprintf(want, sizeof want, "x%0*ld", widths[j], vals[i]);
			assert_string_equal(got, want);
			assert_int_equal(o.n, n);
		}
	}
	/* cut to fit like snprintf, counting the whole */
	tl_norm_out o;
	tl_norm_out_init(&o, got, 5);
	tl_norm_out_str(&o, "P12");
	tl_norm_out_int(&o, 3456, 0);
	assert_string_equal(got, "P123");
	assert_int_equal(o.n, 7);
	tl_norm_out_init(&o, got, 5); /* just fits */
	tl_norm_out_str(&o, "P1");
	tl_norm_out_int(&o, 23, 0);
	assert_string_equal(got, "P123");
	assert_int_equal(o.n, 4);
	tl_norm_out_init(&o, got, 5); /* one too many */
	tl_norm_out_str(&o, "P12");
	tl_norm_out_int(&o, -4, 0);
	assert_string_equal(got, "P12-");
	assert_int_equal(o.n, 5);
	/* every grain against its printf form */
	static const tl_date days[] = {{2025, 6, 6},  {7, 1, 9},    {1999, 12, 31}, {12345, 3, 1},
	                               {-44, 3, 15},  {0, 0, 0},    {9999, 99, 99}, {2024, 100, 5},
	                               {2024, 5, -1}, {10000, 1, 1}};
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		tl_date d = days[i];
		tl_timex x;
		memset(&x, 0, sizeof x);
		tl_norm_point_at(&x, d, U_DAY);
		snprintf(want, sizeof want, "%04d-%02d-%02d", d.year, d.month, d.day);
		assert_string_equal(x.value, want);
		tl_norm_fmt_day(got, d);
		assert_string_equal(got, want);
		tl_norm_point_at(&x, d, U_MONTH);
		snprintf(want, sizeof want, "%04d-%02d", d.year, d.month);
		assert_string_equal(x.value, want);
		assert_int_equal(x.grain, TL_GRAIN_MONTH);
		tl_norm_point_at(&x, d, U_HALF);
		snprintf(want, sizeof want, "%04d-H%d", d.year, (d.month - 1) / 6 + 1);
		assert_string_equal(x.value, want);
		tl_norm_point_at(&x, d, U_CENTURY);
		snprintf(want, sizeof want, "%02d", d.year / 100);
		assert_string_equal(x.value, want);
		tl_norm_point_at(&x, d, U_YEAR);
		snprintf(want, sizeof want, "%04d", d.year);
		assert_string_equal(x.value, want);
		assert_int_equal(x.type, TL_TIMEX_DATE);
		assert_int_equal(x.grain, TL_GRAIN_YEAR);
	}
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		tl_date d = days[i];
		tl_norm_fmt_time(got, d, 7, 5);
		snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d", d.year, d.month, d.day, 7,
		         5);
		assert_string_equal(got, want);
		tl_norm_fmt_day_part(got, d, "EV");
		snprintf(want, sizeof want, "%04d-%02d-%02dT%s", d.year, d.month, d.day, "EV");
		assert_string_equal(got, want);
		tl_norm_fmt_year_part(got, d.year, 'Q', d.month);
		snprintf(want, sizeof want, "%04d-%c%d", d.year, 'Q', d.month);
		assert_string_equal(got, want);
	}
	tl_norm_fmt_time(got, (tl_date){2001, 9, 11}, 23, 59);
	assert_string_equal(got, "2001-09-11T23:59");
	tl_timex x;
	memset(&x, 0, sizeof x);
	tl_norm_set_mod(&x, "A_MOD_LONGER_THAN_FIFTEEN");
	assert_string_equal(x.mod, "A_MOD_LONGER_TH"); /* TL_MOD_MAX - 1 letters */
	tl_norm_set_mod(&x, NULL);
	assert_string_equal(x.mod, "");
	tl_norm_set_value(&x, TL_TIMEX_DURATION, TL_GRAIN_NONE, "P1Y");
	assert_string_equal(x.value, "P1Y");
	assert_int_equal(x.type, TL_TIMEX_DURATION);
}

static const char *outer(const char *pre)
{
	tl_norm_context c;
	memset(&c, 0, sizeof c);
	c.pre = pre;
	c.pre_len = strlen(pre);
	return tl_norm_outer_mod(&c);
}

static void outer_mods(void **state)
{
	(void)state;
	assert_string_equal(outer("about "), "APPROX");
	assert_string_equal(outer("for almost "), "LESS_THAN");
	assert_string_equal(outer("in (over "), "MORE_THAN");
	assert_string_equal(outer("under "), "LESS_THAN");
	assert_string_equal(outer("and some "), "APPROX");
	assert_null(outer("roundabout "));
	assert_null(outer("handsome "));
	assert_null(outer("about"));
	assert_null(outer(""));
	assert_null(outer("over  "));
}

/* The word helpers as they read before the single pass: one has() per word. */
static const char *ref_approx(const toks *t)
{
	if (has(t, "about") || has(t, "around") || has(t, "approximately") || has(t, "roughly") ||
	    has(t, "some") || (has(t, "or") && has(t, "so")))
		return "APPROX";
	if ((eq(t, 0, "more") || eq(t, 0, "over")) && !eq(t, 1, "the"))
		return "MORE_THAN";
	if (has(t, "nearly") || has(t, "almost") || eq(t, 0, "less") || eq(t, 0, "fewer") ||
	    has(t, "under") || has(t, "barely"))
		return "LESS_THAN";
	if (eq(t, 0, "at") && eq(t, 1, "least"))
		return "EQUAL_OR_MORE";
	if ((eq(t, 0, "at") && eq(t, 1, "most")) || (eq(t, 0, "up") && eq(t, 1, "to")) ||
	    (eq(t, 0, "no") && eq(t, 1, "more")))
		return "EQUAL_OR_LESS";
	if (eq(t, 0, "no") && eq(t, 1, "less"))
		return "EQUAL_OR_MORE";
	return NULL;
}

static const char *ref_point(const toks *t)
{
	if (has(t, "early") || has(t, "earlier") || has(t, "beginning") || has(t, "start"))
		return "START";
	if (has(t, "mid") || has(t, "middle"))
		return "MID";
	if (has(t, "late") || has(t, "later") || has(t, "end") || has(t, "close"))
		return "END";
	return NULL;
}

static int ref_season(const toks *t)
{
	if (has(t, "spring"))
		return 0;
	if (has(t, "summer"))
		return 1;
	if (has(t, "fall") || has(t, "autumn"))
		return 2;
	return has(t, "winter") ? 3 : -1;
}

static const char *ref_part(const toks *t)
{
	if (has(t, "morning"))
		return "MO";
	if (has(t, "afternoon"))
		return "AF";
	if (has(t, "evening"))
		return "EV";
	if (has(t, "night") || has(t, "tonight") || has(t, "overnight"))
		return "NI";
	return NULL;
}

static void same_mod(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got, want);
}

static void word_helpers(void **state)
{
	(void)state;
	static const char *const spans[] = {
	    "about two years",
	    "around 5 p.m.",
	    "a year or so",
	    "a year or two",
	    "more than a week",
	    "over the weekend",
	    "nearly a decade",
	    "less than a month",
	    "fewer than 10 days",
	    "under two hours",
	    "barely a year",
	    "at least three days",
	    "at most a week",
	    "up to 90 days",
	    "no more than a year",
	    "no less than a decade",
	    "some 20 years",
	    "approximately six months",
	    "roughly a month",
	    "almost a year",
	    "early next year",
	    "earlier this month",
	    "the beginning of 2020",
	    "the start of the week",
	    "mid-June",
	    "the middle of May",
	    "late last year",
	    "later this week",
	    "the end of the month",
	    "the close of 1999",
	    "early and late spring",
	    "mid to late summer",
	    "this fall",
	    "autumn and winter",
	    "winter morning",
	    "Friday afternoon",
	    "Tuesday evening",
	    "last night",
	    "tonight",
	    "overnight",
	    "the morning and evening",
	    "12 10 1999",
	    "",
	    "two",
	    "mornings",
	    "ends",
	};
	for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
		toks t;
		tl_norm_tokenize(spans[i], strlen(spans[i]), &t);
		same_mod(tl_norm_approx_mod(&t), ref_approx(&t));
		same_mod(tl_norm_point_mod(&t), ref_point(&t));
		same_mod(tl_norm_part_of_day(&t), ref_part(&t));
		assert_int_equal(tl_norm_season_of(&t), ref_season(&t));
	}
	/* and a few exact answers, so the two cannot be wrong together */
	toks t;
	tl_norm_tokenize("a year or so", 12, &t);
	assert_string_equal(tl_norm_approx_mod(&t), "APPROX");
	tl_norm_tokenize("mid to late summer", 18, &t);
	assert_string_equal(tl_norm_point_mod(&t), "MID");
	assert_int_equal(tl_norm_season_of(&t), 1);
	tl_norm_tokenize("the morning and evening", 23, &t);
	assert_string_equal(tl_norm_part_of_day(&t), "MO");
}

/*
 * The tokenizer reads letters eight bytes a step and the usual integers in one
 * pass: its tokens must be those of a plain byte-by-byte reading (written here)
 * on every string, at every length and offset: words of 7, 8, 9, 16, 23, 24 and
 * more letters ending at the span's end or not, apostrophes, bytes >= 0x80,
 * commas in numbers, fractions, long numbers.
 */
static void ref_tokenize(const char *s, size_t len, toks *t)
{
	t->n = 0;
	for (size_t i = 0; i < len && t->n < TOK_MAX;) {
		unsigned char c = (unsigned char)s[i];
		bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z', digit = c >= '0' && c <= '9';
		if (!letter && !digit && c != '\'') {
			i++;
			continue;
		}
		tok *k = &t->v[t->n++];
		memset(k, 0, sizeof *k);
		if (digit) {
			char buf[32];
			size_t n = 0;
			bool frac = false;
			while (i < len && ((s[i] >= '0' && s[i] <= '9') ||
			                   ((s[i] == ',' || s[i] == '.') && i + 1 < len &&
			                    s[i + 1] >= '0' && s[i + 1] <= '9' && !frac))) {
				if (s[i] == '.')
					frac = true;
				if (s[i] != ',' && n < sizeof buf - 1)
					buf[n++] = s[i];
				if (s[i] >= '0' && s[i] <= '9' && !frac)
					k->digits++;
				i++;
			}
			buf[n] = '\0';
			k->is_num = true;
			k->num = strtod(buf, NULL);
			size_t keep = n < TOK_LEN - 1 ? n : TOK_LEN - 1;
			memcpy(k->w, buf, keep);
			k->w[keep] = '\0';
		} else {
			size_t n = 0;
			if (c == '\'')
				k->w[n++] = s[i++];
			for (; i < len && (((unsigned char)s[i] | 0x20) >= 'a' &&
			                   ((unsigned char)s[i] | 0x20) <= 'z');
			     i++)
				if (n < TOK_LEN - 1)
					k->w[n++] = (char)(s[i] | 0x20);
			k->w[n] = '\0';
		}
		k->len = (int)strlen(k->w);
	}
}

static void tokenizer_against_plain(void **state)
{
	(void)state;
	static const char pieces[][40] = {
	    "a",
	    "Quarter",
	    "quarterly",
	    "September",
	    "WEDNESDAYS",
	    "abcdefgh",
	    "abcdefghi",
	    "Abcdefghijklmnop",
	    "abcdefghijklmnopqrstuvw",
	    "abcdefghijklmnopqrstuvwxyzAB",
	    "'90s",
	    "'",
	    "1,000",
	    "12,5",
	    "3.25",
	    "2.5.6",
	    "1234567890123456",
	    "123456789012345",
	    "12345678901234567890123456789012345",
	    "0",
	    " ",
	    ", ",
	    "-",
	    ".",
	    "\xc3\xa9",
	    "caf\xc3\xa9",
	    "@[`{",
	    "Z",
	    "z",
	    "19th",
	    "Wednesdays",
	    "wednesday",
	    "Wednesdaysx",
	    "fortnights",
	    "Fortnight",
	    "Sept",
	    "septembe",
	    "MONDAYS",
	    "mondayss",
	    "twenty",
	    "nineteen",
	    "centuries",
	    "year",
	    "yea",
	};
	unsigned seed = 12345;
	char s[200];
	for (int round = 0; round < 20000; round++) {
		size_t len = 0;
		int parts = 1 + (int)(seed % 6);
		for (int p = 0; p < parts; p++) {
			seed = seed * 1103515245u + 12345u;
			const char *w = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
			size_t n = strlen(w);
			if (len + n >= sizeof s)
				break;
			memcpy(s + len, w, n);
			len += n;
		}
		seed = seed * 1103515245u + 12345u;
		size_t from = len ? (seed >> 16) % (len < 4 ? len : 4) : 0;
		toks a, b;
		tl_norm_tokenize(s + from, len - from, &a);
		ref_tokenize(s + from, len - from, &b);
		assert_int_equal(a.n, b.n);
		for (int i = 0; i < a.n; i++) {
			assert_string_equal(a.v[i].w, b.v[i].w);
			assert_int_equal(a.v[i].len, b.v[i].len);
			assert_int_equal(a.v[i].is_num, b.v[i].is_num);
			if (a.v[i].is_num) {
				assert_true(a.v[i].num == b.v[i].num);
				assert_int_equal(a.v[i].digits, b.v[i].digits);
			} else {
				/* the lexicon read through the token's eight-byte key and
				 * through the word */
				assert_int_equal(a.v[i].month, tl_norm_month_of(b.v[i].w));
				assert_int_equal(a.v[i].wday, tl_norm_weekday_of(b.v[i].w));
				assert_int_equal(a.v[i].unit, tl_norm_unit_of(b.v[i].w));
				assert_int_equal(a.v[i].small, tl_norm_small_number(b.v[i].w));
			}
		}
	}
}

/* Asserts that a and b hold the same tokens, field by field. */
static void assert_same_tokens(const toks *a, const toks *b)
{
	assert_int_equal(a->n, b->n);
	assert_true(a->sig == b->sig);
	for (int i = 0; i < a->n; i++) {
		const tok *x = &a->v[i], *y = &b->v[i];
		assert_string_equal(x->w, y->w);
		assert_int_equal(x->len, y->len);
		assert_int_equal(x->is_num, y->is_num);
		assert_true(x->num == y->num);
		assert_int_equal(x->digits, y->digits);
		assert_int_equal(x->month, y->month);
		assert_int_equal(x->wday, y->wday);
		assert_int_equal(x->unit, y->unit);
		assert_int_equal(x->small, y->small);
	}
}

/* The memo of tokens answers what a fresh tl_norm_tokenize() does, span after span,
 * while it fills up and evicts (one set of four entries here: ten spans that repeat
 * keep pushing each other out), for spans it keeps and spans it does not (longer
 * than 24 bytes, more than 4 tokens, empty), and without a memo at all. */
static void memo_as_tokenize(void **state)
{
	(void)state;
	static const char *const spans[] = {
	    "Tuesday",       "last week",         "April 9",          "1,000 years",
	    "2.5 Years",     "the '90s",          "Nov. 10, 1989",    "next month",
	    "tuesday",       "TUESDAY",           "a b c d e",        "",
	    "twenty-four hours",                  "the first nine months of the year",
	    "9",             "abcdefghijklmnopqrstuvwx",              "abcdefghijklmnopqrstuvwxy",
	    "12345678",      "123456789",         "early 2024",       "Sept. 30",
	};
	const size_t n_spans = sizeof spans / sizeof spans[0];
	tl_tok_memo *tiny = tl_tok_memo_new(1), *big = tl_tok_memo_new(TL_TOK_MEMO_SETS);
	assert_non_null(tiny);
	assert_non_null(big);
	unsigned seed = 7;
	for (int round = 0; round < 4000; round++) {
		seed = seed * 1103515245u + 12345u;
		const char *s = spans[(seed >> 16) % n_spans];
		size_t len = strlen(s);
		toks want, got;
		tl_norm_tokenize(s, len, &want);
		/* the words' bytes past their NUL: what a hit must not leave behind */
		memset(&got, 0x5a, sizeof got);
		tl_tok_memo_tokenize(tiny, s, len, &got);
		assert_same_tokens(&got, &want);
		memset(&got, 0xa5, sizeof got);
		tl_tok_memo_tokenize(big, s, len, &got);
		assert_same_tokens(&got, &want);
		tl_tok_memo_tokenize(NULL, s, len, &got);
		assert_same_tokens(&got, &want);
	}
	size_t hits, stored;
	tl_tok_memo_counts(tiny, &hits, &stored);
	assert_true(hits > 0);
	assert_true(stored > 4); /* more than its four entries: some were evicted */
	tl_tok_memo_counts(big, &hits, &stored);
	assert_true(hits > 3000); /* every kept span seen twice stays */
	assert_true(stored <= n_spans);
	tl_tok_memo_free(tiny);
	tl_tok_memo_free(big);
	tl_tok_memo_free(NULL);
}

/* The memo's key is read a word (or half a word) at a time, the last one from the end of
 * the span: spans of every length it keeps (1 to 24 bytes) that differ in a single byte,
 * anywhere, must never be taken for one another. */
static void memo_keys_apart(void **state)
{
	(void)state;
	const char *word = "abcdefghijklmnopqrstuvwxyz";
	tl_tok_memo *m = tl_tok_memo_new(1024); /* room for all of them */
	assert_non_null(m);
	/* each span three times: seen, kept, then found; a key that two spans share
	 * would give the later one the earlier one's tokens */
	for (size_t len = 1; len <= 26; len++) {
		for (size_t at = 0; at <= len; at++) {
			char s[32];
			memcpy(s, word, len);
			if (at < len)
				s[at] = ' '; /* splits the word, or shortens it */
			toks want;
			tl_norm_tokenize(s, len, &want);
			for (int k = 0; k < 3; k++) {
				toks got;
				memset(&got, 0x5a, sizeof got);
				tl_tok_memo_tokenize(m, s, len, &got);
				assert_same_tokens(&got, &want);
			}
		}
	}
	size_t hits, stored;
	tl_tok_memo_counts(m, &hits, &stored);
	/* every span of 1 to 24 bytes (len + 1 of each length, all different) kept once
	 * and found once; the longer ones never */
	assert_int_equal(stored, 24 * 25 / 2 + 24);
	assert_int_equal(hits, stored);
	tl_tok_memo_free(m);
}

/* Years, months and days are written two digits at a time when they fit four and two
 * digits: every value must still be printf's, in range or not. */
static void points_as_printf(void **state)
{
	(void)state;
	static const int years[] = {-12345, -12,  -1,   0,    7,     99,    100,
	                            999,    1000, 2025, 9999, 10000, 123456};
	static const int months[] = {-3, 0, 1, 9, 10, 12, 13, 99, 100, 1000};
	for (size_t k = 0; k < sizeof years / sizeof years[0]; k++)
		for (size_t j = 0; j < sizeof months / sizeof months[0]; j++) {
			tl_timex x;
			memset(&x, 0, sizeof x);
			char want[TL_VALUE_MAX];
			tl_date d = {years[k], months[j], months[j]};
			tl_norm_point_at(&x, d, U_YEAR);
			snprintf(want, sizeof want, "%04d", d.year);
			assert_string_equal(x.value, want);
			assert_int_equal(x.grain, TL_GRAIN_YEAR);
			tl_norm_point_at(&x, d, U_MONTH);
			snprintf(want, sizeof want, "%04d-%02d", d.year, d.month);
			assert_string_equal(x.value, want);
			assert_int_equal(x.grain, TL_GRAIN_MONTH);
			tl_norm_point_at(&x, d, U_DAY);
			snprintf(want, sizeof want, "%04d-%02d-%02d", d.year, d.month, d.day);
			assert_string_equal(x.value, want);
			assert_int_equal(x.grain, TL_GRAIN_DAY);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(tokens),           cmocka_unit_test(quantities),
	    cmocka_unit_test(lexicon),          cmocka_unit_test(durations),
	    cmocka_unit_test(absurd_counts),    cmocka_unit_test(points),
	    cmocka_unit_test(lexicon_table),    cmocka_unit_test(token_fields),
	    cmocka_unit_test(writer),           cmocka_unit_test(outer_mods),
	    cmocka_unit_test(word_helpers),     cmocka_unit_test(tokenizer_against_plain),
	    cmocka_unit_test(points_as_printf), cmocka_unit_test(memo_as_tokenize),
	    cmocka_unit_test(memo_keys_apart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
