/* test_recognize.c - unit tests for span recognition (recognize.c, patterns.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pattern_words.h"
#include "recognize.h"
#include "trigger_words.h"

static tl_recognizer *rec;

static int setup(void **state)
{
	(void)state;
	tl_error err;
	rec = tl_recognizer_new(&err);
	return rec ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	tl_recognizer_free(rec);
	return 0;
}

/* The spans of text joined as "[a][b]". */
static void spans(const char *text, char *out, size_t cap)
{
	tl_candidate *c = NULL;
	size_t n = 0;
	tl_error err;
	assert_int_equal(tl_recognize_run(rec, text, strlen(text), &c, &n, &err), TL_OK);
	out[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(out + used, cap - used, "[%.*s]", (int)(c[i].end - c[i].start),
		                 text + c[i].start);
		if (w > 0 && (size_t)w < cap - used)
			used += (size_t)w;
	}
	free(c);
}

static void expect(const char *text, const char *want)
{
	char got[1024];
	spans(text, got, sizeof got);
	if (strcmp(got, want) != 0)
		fail_msg("'%s': want %s, got %s", text, want, got);
}

static void extents(void **state)
{
	(void)state;
	expect("They met on Tuesday.", "[Tuesday]");
	expect("in the past three months", "[the past three months]");
	expect("more than four hours later", "[more than four hours later]");
	expect("a 90-day review", "[90-day]");
	expect("from April 9-11 in Paris", "[April 9][11]");
	expect("from April 9\xe2\x80\x93"
	       "11",
	       "[April 9][11]");
	expect("on Nov. 10, 1989, and mid-April", "[Nov. 10, 1989][mid-April]");
	expect("10 p.m. Wednesday", "[10 p.m. Wednesday]");
	expect("the 1990s and the late 1970s", "[the 1990s][the late 1970s]");
	expect("third-quarter profit rose", "[third-quarter]");
	expect("every Monday", "[every Monday]");
	expect("Q1 2025 results", "[Q1 2025]");
	expect("2025-04-09 and 4/9/2025", "[2025-04-09][4/9/2025]");
	/* holidays: at the name itself (W:), after last/next/this (R:), through a possessive */
	expect("closed on Election Day", "[Election Day]");
	expect("since last Thanksgiving when", "[last Thanksgiving]");
	expect("on Valentine's Day and Presidents' Day", "[Valentine's Day][Presidents' Day]");
	expect("on Christmas Eve, 1997", "[Christmas Eve, 1997]");
	expect("the Christmas tree", "");
	/* the approximator belongs to "ago"; a spoken year needs no preposition */
	expect("about two years ago", "[about two years ago]");
	expect("almost a week or so ago", "[almost a week or so ago]");
	expect("Atlanta nineteen ninety-six", "[nineteen ninety-six]");
	expect("nineteen ninety-five dollars", "");
	expect("on Sunday mornings", "[Sunday mornings]");
	expect("in the week of May 12", "[the week of May 12]");
	expect("more recently", "[more recently]");
	expect("due around May 20", "[around May 20]");
	expect("in the early summer and this past fall", "[the early summer][this past fall]");
	expect("in 1994 or later", "[1994 or later]");
	expect("on Monday, Oct. 26 and Friday, Oct. 30, 1998", "[Monday, Oct. 26][Friday][Oct. 30, 1998]");
	expect("for the full year and the fiscal year", "[the full year][the fiscal year]");
	expect("last Oct. 23 and last Oct.", "[Oct. 23][last Oct.]");
}

static void negatives(void **state)
{
	(void)state;
	expect("Theresa May said it may march on.", "");
	expect("Prices rose 145% and 30 per cent.", "");
	expect("They sold 2025 units under Section 232.", "");
	expect("Call 555-1234 or 1-800-555-2025.", "");
	expect("Xi's approval of version 10.2.1 came.", "");
}

static void hostile_input(void **state)
{
	(void)state;
	/* invalid UTF-8, NUL-free binary junk and long digit runs must not fail */
	size_t n = 200000;
	char *buf = malloc(n + 1);
	assert_non_null(buf);
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(i % 7 == 0 ? 0xff : i % 5 == 0 ? ' ' : '0' + (int)(i % 10));
	buf[n] = '\0';
	tl_candidate *c = NULL;
	size_t count = 0;
	tl_error err;
	assert_int_equal(tl_recognize_run(rec, buf, n, &c, &count, &err), TL_OK);
	free(c);
	memset(buf, '9', n);
	assert_int_equal(tl_recognize_run(rec, buf, n, &c, &count, &err), TL_OK);
	free(c);
	free(buf);
	assert_int_equal(tl_recognize_run(rec, "", 0, &c, &count, &err), TL_OK);
	assert_int_equal(count, 0);
	assert_null(c);
}

/* A run in a scratch finds what a run of its own finds, text after text, whether the
 * scratch's array grows (a text with more spans), is kept or is replaced (past its
 * limit), and a text with none leaves nothing behind from the one before. */
static void scratch_runs(void **state)
{
	(void)state;
	tl_error err;
	tl_recognize_scratch *rs = tl_recognize_scratch_new(rec, &err);
	assert_non_null(rs);
	size_t big_n = 6000 * 24;
	char *big = malloc(big_n + 1);
	assert_non_null(big);
	for (size_t i = 0; i < big_n; i += 24)
		memcpy(big + i, "On March 3, 2021 it ro. ", 24);
	big[big_n] = '\0';
	const char *texts[] = {"It rose 5% on Monday and fell on March 3, 2021.",
	                       "Nothing here at all.",
	                       "",
	                       big,
	                       "Two years ago, in the 1990s, at 5 p.m. last week.",
	                       big,
	                       "The deal closed Tuesday."};
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		size_t len = strlen(texts[t]);
		tl_candidate *own = NULL;
		size_t n_own = 0;
		assert_int_equal(tl_recognize_run(rec, texts[t], len, &own, &n_own, &err), TL_OK);
		const tl_candidate *in = NULL;
		size_t n_in = 99;
		assert_int_equal(tl_recognize_run_in(rec, rs, texts[t], len, &in, &n_in, &err),
		                 TL_OK);
		assert_int_equal(n_in, n_own);
		if (n_own == 0)
			assert_null(in);
		for (size_t i = 0; i < n_own; i++) {
			assert_int_equal(in[i].start, own[i].start);
			assert_int_equal(in[i].end, own[i].end);
			assert_int_equal(in[i].kind, own[i].kind);
		}
		if (texts[t] == big)
			assert_true(n_own > 4096); /* past the scratch's limit: replaced next run */
		else if (len > 0)
			assert_true(n_own > 0 || strstr(texts[t], "Nothing"));
		free(own);
	}
	free(big);
	tl_recognize_scratch_free(rs);
	tl_recognize_scratch_free(NULL);
}

/*
 * Lookahead guards in patterns.c skip an alternative when what must follow is
 * absent (a year after the modifiers of a bare year, a unit word after "for",
 * "in"). Each case here is one the guard must let through.
 */
static void guards(void **state)
{
	(void)state;
	expect("It closed in early 1998, then in fiscal year 1999.",
	       "[early 1998][fiscal year 1999]");
	expect("By the fiscal year 2003 and the end of 2004.", "[the fiscal year 2003][the end of 2004]");
	expect("Sales in mid-1996 and late\n1997 fell.", "[mid-1996][late\n1997]");
	expect("in fiscal\t1999 and Fiscal 2000", "[fiscal\t1999][Fiscal 2000]");
	expect("Toyota 2004 models; since 1999; in 2001-02.", "[1999]");
	expect("no year: the company said it would 2017", "[2017]");
	expect("It lasted for weeks, then in the years before.", "[weeks][years]");
	expect("Over months or years.", "[months or years]");
}

/*
 * At "the", patterns.c tries only the alternatives that may go on with the first
 * letter of the next word (keys "T:"): one case for each way in, several blanks, a
 * tab and a line break, capitals, and a "the" not followed by a letter or digit.
 */
static void after_the(void **state)
{
	(void)state;
	expect("in the 1990s and the late 1970s", "[the 1990s][the late 1970s]");
	expect("the 5th of May 2001 and the 9 April", "[the 5th of May 2001][the 9 April]");
	expect("the end of May 2004 and the middle of June",
	       "[the end of May 2004][the middle of June]");
	expect("the 'nineties and the mid-sixties", "[nineties][the mid-sixties]");
	expect("the twenties", "[the twenties]");
	expect("the first quarter of 1998, the current quarter",
	       "[the first quarter of 1998][the current quarter]");
	expect("the quarter, the half, the 2004 quarter", "[the quarter][the half][the 2004 quarter]");
	expect("the year-earlier quarter and the year-end", "[the year-earlier quarter][the year-end]");
	expect("the spring of 2003 and the fall 1998", "[the spring of 2003][the fall 1998]");
	expect("the coming spring and the past winter", "[the coming spring][the past winter]");
	expect("the first half of 1998 and the balance of 1997",
	       "[the first half of 1998][the balance of 1997]");
	expect("the fiscal year 1999 and the year two thousand",
	       "[the fiscal year 1999][the year two thousand]");
	expect("the end of the month and the previous week",
	       "[the end of the month][the previous week]");
	expect("the day before yesterday", "[the day before yesterday]");
	expect("the past three months and the better part of a decade",
	       "[the past three months][the better part of a decade]");
	expect("the last few weeks, the few months", "[the last few weeks][the few months]");
	expect("the following day, the same week", "[the following day][the same week]");
	expect("the fiscal year ended June 30", "[the fiscal year][June 30]");
	expect("the week was long", "[the week]");
	expect("the distant past, the near future and the present",
	       "[the distant past][the near future][the present]");
	expect("the following Tuesday and the next Friday",
	       "[the following Tuesday][the next Friday]");
	expect("THE PAST YEAR and The Previous Day", "[THE PAST YEAR][The Previous Day]");
	expect("the\tfollowing\nweek", "[the\tfollowing\nweek]");
	expect("the  past  two  years and the  1990s", "[the  past  two  years][the  1990s]");
	expect("the two weeks, the hundreds of years, the dozens of days",
	       "[the two weeks][the hundreds of years][the dozens of days]");
	expect("the a few days", "[the a few days]");
	expect("the initial three months and the other two days",
	       "[the initial three months][the other two days]");
	expect("the remaining five years", "[the remaining five years]");
	/* "the latest" only before a unit (pattern_fast.c leaves it to PCRE2) */
	expect("the latest fiscal year and THE LATEST\tWEEK",
	       "[the latest fiscal year][THE LATEST\tWEEK]");
	expect("the end of the latest month", "[the end of the latest month]");
	expect("the latest news, the latest Monday, the latest May 5, the latest year-end",
	       "[Monday][May 5][year-end]");
	/* a number after "the" also goes by its digits */
	expect("the 1990's, the 10 days, the 90-day, the 1st half, the 21st century",
	       "[the 1990's][the 10 days][90-day][the 1st half][the 21st century]");
	expect("the 2004 first quarter, the 2004 quarter, the 3 1/2 years, the 2.5 years",
	       "[the 2004 first quarter][the 2004 quarter][the 3 1/2 years][the 2.5 years]");
	expect("the 9th and the 3rd quarter", "[the 3rd quarter]");
	expect("on the 1st of May and 2nd of June", "[the 1st of May][2nd of June]");
}

/* At a number, patterns.c tries only the alternatives that fit its count of digits and
 * the character after them. */
static void digit_runs(void **state)
{
	(void)state;
	expect("at 5 p.m. and 10:30 a.m. EDT, 9 o'clock", "[5 p.m.][10:30 a.m. EDT][9 o'clock]");
	expect("on 9 April 2001 and 12 May, the 9th of May",
	       "[9 April 2001][12 May][the 9th of May]");
	expect("in 1998 and 2025-04-09 and 4/9/2025", "[1998][2025-04-09][4/9/2025]");
	expect("the 1990s and 1990s, 21st century, 3rd-century",
	       "[the 1990s][1990s][21st century][3rd-century]");
	expect("1st quarter and 2004 first quarter and 2004 third-quarter",
	       "[1st quarter][2004 first quarter][2004 third-quarter]");
	expect("1st half of 1998", "[1st half of 1998]");
	expect("100 days, 12345 years, 3 days", "[100 days][12345 years][3 days]");
	expect("5 times a year and 2 1/2 hours", "[5 times a year][2 1/2 hours]");
	expect("grew 5 times faster", "");
	expect("'90s and '70s", "['90s]['70s]");
	expect("12-month and 3 to 5 days", "[12-month][3 to 5 days]");
	expect("07/04/1999 and 13/01/2000", "[07/04/1999]");
	/* and what follows the digits */
	expect("the 1ST quarter; 1990's and 1998s", "[the 1ST quarter][1990's][1998]");
	expect("in 1998, in 1998. in 1998-style, 1998) and (1998",
	       "[1998][1998][1998][1998][1998]");
	expect("2.5 years, 3-day, 1998:", "[2.5 years][3-day][1998]");
	expect("12\xc2\xa0"
	       "days and 1998\xc2\xa0",
	       "[1998]");
}

/* Word look-up (first two letters and length, then the table): any case, one-letter
 * words, a digit second. */
static void word_table(void **state)
{
	(void)state;
	expect("A year ago and a Year Earlier", "[A year ago][a Year Earlier]");
	expect("LAST WEEK, Last Week, lAsT wEeK", "[LAST WEEK][Last Week][lAsT wEeK]");
	expect("Q1 2025, q3 and H2 results", "[Q1 2025][H2]");
	expect("S 10 days", "[10 days]");
	expect("the supercalifragilistic week", "");
}

/* At a weekday, patterns.c tries only the alternatives that fit the next word, or
 * those that need none when no word follows. */
static void weekdays(void **state)
{
	(void)state;
	expect("They met on Tuesday.", "[Tuesday]");
	expect("Tuesday, April 9, 2001", "[Tuesday][April 9, 2001]");
	expect("Monday morning and Friday night", "[Monday morning][Friday night]");
	expect("Tuesday April 9 and Tuesday April 9 2002",
	       "[Tuesday April 9][Tuesday April 9 2002]");
	expect("Wednesday the 9th of May and Friday 9 May",
	       "[Wednesday the 9th of May][Friday 9 May]");
	expect("on Sundays, Tuesday's vote", "[Sundays][Tuesday]");
	expect("Monday-Friday and Saturday (local time)", "[Monday][Friday][Saturday]");
	expect("Monday\tmorning and THURSDAY EVENING", "[Monday\tmorning][THURSDAY EVENING]");
	expect("on Tuesday\xc2\xa0morning", "[Tuesday]");
	expect("the following Tuesday. the", "[the following Tuesday]");
	expect("the-year and the.", "");
}

/* At a modifier (early, mid, fiscal, year...), patterns.c tries only the alternatives
 * that fit the next word, a '-' right after it, or no next word. */
static void modifiers(void **state)
{
	(void)state;
	expect("early May and late June 2004, mid-April and mid-2004",
	       "[early May][late June 2004][mid-April][mid-2004]");
	expect("the mid-1990s and mid-'90s, early 1990s, late '70s",
	       "[the mid-1990s][mid-'90s][early 1990s][late '70s]");
	expect("early twenties and mid-sixties, mid-19th century",
	       "[early twenties][mid-sixties][mid-19th century]");
	expect("fiscal 1998 and fiscal year 1999, calendar 2004, fiscal first quarter",
	       "[fiscal 1998][fiscal year 1999][calendar 2004][fiscal first quarter]");
	expect("fiscal third-quarter and fiscal 1999 fourth-quarter",
	       "[fiscal third-quarter][fiscal 1999 fourth-quarter]");
	expect("year-earlier and year-ago quarter, year-end and year's end, year end",
	       "[year-earlier][year-ago quarter][year-end][year's end][year end]");
	expect("mid-summer 2004, late this spring, early last fall",
	       "[mid-summer 2004][late this spring][early last fall]");
	expect("end of 1999, balance of 2004, rest of the year",
	       "[end of 1999][balance of 2004][rest of the year]");
	expect("year two thousand", "[year two thousand]");
	expect("late last week, early in the year, later in the week",
	       "[late last week][early in the year][later in the week]");
	expect("early this morning, late Friday night, mid-Tuesday afternoon",
	       "[early this morning][late Friday night][mid-Tuesday afternoon]");
	expect("earlier today, later tonight", "[earlier today][later tonight]");
	expect("earlier the previous day, later that same week",
	       "[earlier the previous day][later that same week]");
	expect("early in May, late in March", "[early in May][late in March]");
	expect("Early May, LATE JUNE, Mid-2004", "[Early May][LATE JUNE][Mid-2004]");
	expect("early, late. mid- year-", "");
}

/* At this, last, next, past, that, recent, current..., patterns.c tries only the
 * alternatives that fit the next word. */
static void relatives(void **state)
{
	(void)state;
	expect("this quarter, that half, this current quarter, last fiscal quarter",
	       "[this quarter][that half][this current quarter][last fiscal quarter]");
	expect("last year's second quarter, next first quarter, last 1998 second quarter",
	       "[last year's second quarter][next first quarter][last 1998 second quarter]");
	expect("this spring, last fall, that summer", "[this spring][last fall][that summer]");
	expect("this week, past decade, coming weekend, last Tuesday, next May",
	       "[this week][past decade][coming weekend][last Tuesday][next May]");
	expect("this fiscal year, this morning", "[this fiscal year][this morning]");
	expect("past three years, last 10 days, next few months, coming weeks",
	       "[past three years][last 10 days][next few months][coming weeks]");
	expect("recent years, these days", "[recent years][these days]");
	expect("next day, that same week, that morning", "[next day][that same week][that morning]");
	expect("current account and current market", "[current]");
	expect("This Week, LAST YEAR, last, this. next-", "[This Week][LAST YEAR]");
}

/* At number words, approximators (around, more than...) and "a", patterns.c tries
 * only the alternatives that fit the next word. */
static void quantities(void **state)
{
	(void)state;
	expect("in nineteen ninety-six and by twenty oh five", "[nineteen ninety-six]");
	expect("two days ago, three weeks later, twenty-five years, two hundred years ago",
	       "[two days ago][three weeks later][twenty-five years][two hundred years ago]");
	expect("several months, few weeks, a couple of days, dozens of years",
	       "[several months][few weeks][a couple of days][dozens of years]");
	expect("half an hour, two and a half years, three-day, five more years",
	       "[half an hour][two and a half years][three-day][five more years]");
	expect("once a year, twice a week", "[once a year][twice a week]");
	expect("around 10 p.m., around three weeks, less than a year, at least two days",
	       "[around 10 p.m.][around three weeks][less than a year][at least two days]");
	expect("up to five years, no more than a week, nearly two decades",
	       "[up to five years][no more than a week][nearly two decades]");
	expect("around the past few weeks, roughly a few months, around year-end",
	       "[around the past few weeks][roughly a few months][around year-end]");
	expect("a year ago, an hour later, a hundred years, a half day",
	       "[a year ago][an hour later][a hundred years][a half day]");
	expect("a few more days, an additional week, a past few weeks",
	       "[a few more days][an additional week][a past few weeks]");
	expect("A Year Ago, AN HOUR", "[A Year Ago][AN HOUR]");
	/* "over" joins "a/an unit" only; the hour of "4 in the morning" */
	expect("over a week, Over an hour, over three years, hangover a week",
	       "[over a week][Over an hour][three years][a week]");
	expect("at 4 in the morning, 11 o'clock in the evening, 4 in the crowd",
	       "[4 in the morning][11 o'clock in the evening]");
	expect("post-1959 and pre-2001 and Post-1999, compost-1990, mid-1999",
	       "[post-1959][pre-2001][Post-1999][mid-1999]");
}

/* At the other words (today, every, first, noon, Q1, spring...), patterns.c tries
 * only the alternatives that fit the next word. */
static void other_words(void **state)
{
	(void)state;
	expect("noon Tuesday, midnight, Friday and noon today",
	       "[noon Tuesday][midnight, Friday][noon today]");
	expect("first quarter, previous quarter, same quarter of 2004",
	       "[first quarter][previous quarter][same quarter][2004]");
	expect("first-half, second-quarter, final-quarter",
	       "[first-half][second-quarter][final-quarter]");
	expect("Q1 2004, H2, Q3'05", "[Q1 2004][H2][Q3'05]");
	expect("spring 2004, summer of 2003, first half of 1998, second half",
	       "[spring 2004][summer of 2003][first half of 1998][second half]");
	expect("yesterday morning, tomorrow night, today, tonight",
	       "[yesterday morning][tomorrow night][today][tonight]");
	expect("day before yesterday, day after tomorrow",
	       "[day before yesterday][day after tomorrow]");
	expect("first three months, previous two years, other two weeks",
	       "[first three months][previous two years][other two weeks]");
	expect("every Monday, every other week, each year, every three months",
	       "[every Monday][every other week][each year][every three months]");
	expect("every spring, every morning, every May", "[every spring][every morning][every May]");
	expect("every week, every Wednesday", "[every week][every Wednesday]");
	expect("annually, semi-annually, daily, weekly Times, quarterly dividend, quarterly basis",
	       "[annually][semi-annually][daily][quarterly]");
	expect("previous day, following week, subsequent year",
	       "[previous day][following week][subsequent year]");
	expect("now, recently, formerly, Today, NOW, Every Day",
	       "[now][recently][formerly][Today][NOW][Every Day]");
	expect("first, previous. same-", "");
	/* and by the first letter of the word itself */
	expect("semiannually, bimonthly, hourly and Sixties, Nineties",
	       "[semiannually][bimonthly][hourly][Sixties][Nineties]");
	expect("for decades, in seconds, autumn 2001, winter of 1999",
	       "[decades][seconds][autumn 2001][winter of 1999]");
	/* a bare noon, midday or midnight only after at, by, until, before, after */
	expect("at noon, by midday, until midnight. High noon, after noon-time, Midday",
	       "[noon][midday][midnight]");
	/* a unit with "-long" (at an "other" word or at "year"), no count before it */
	expect("a day-long meeting, decades-long feud, year-long slump, Hour-long talk",
	       "[day-long][decades-long][year-long][Hour-long]");
	expect("3 day-long meetings, a day-longer wait, the pre-day-long", "");
	expect("Easter week, Easter Sunday, Easter 2004 and Easter eggs",
	       "[Easter week][Easter Sunday][Easter 2004]");
}

/*
 * Alternatives with a "Z:" list (patterns.c) are only tried when one of the words they
 * need starts one of their first few words: one case each with that word as far out
 * as the alternative allows in practice, past hyphens, commas inside numbers and
 * non-ASCII spaces, and where the clause ends right after it.
 */
static void needed_words(void **state)
{
	(void)state;
	/* ago, earlier, later, after */
	expect("It was about two and a half years ago that we met.",
	       "[about two and a half years ago]");
	expect("He left a\xc2\xa0"
	       "few years ago.",
	       "[a\xc2\xa0"
	       "few years ago]");
	expect("at least a couple of weeks after.", "[at least a couple of weeks after]");
	expect("Twenty-three days later, he", "[Twenty-three days later]");
	/* units of durations */
	expect("for more than twenty-one hundred and a half consecutive days or so.",
	       "[twenty-one hundred and a half consecutive days or so]");
	expect("it took 12 1/2 hours or so", "[12 1/2 hours or so]");
	expect("the better part of the past several weeks",
	       "[the better part of the past several weeks]");
	expect("Up to a few hours.", "[Up to a few hours]");
	/* quarters, halves, periods */
	expect("in the current latest previous fiscal first quarter of 1998 strongly",
	       "[the current latest previous fiscal first quarter of 1998]");
	expect("in the year-earlier second quarter", "[the year-earlier second quarter]");
	expect("In fiscal nineteen ninety-six third-quarter results",
	       "[fiscal nineteen ninety-six third-quarter]");
	expect("The most recent 1998 period was bad.", "[The most recent 1998 period]");
	expect("the most recent comparable fiscal second half",
	       "[the most recent comparable fiscal second half]");
	/* seasons, decades, centuries */
	expect("Since early this past spring", "[early this past spring]");
	expect("in the summer of nineteen ninety-six", "[the summer of nineteen ninety-six]");
	expect("the rest of calendar nineteen ninety-six",
	       "[the rest of calendar nineteen ninety-six]");
	expect("during the late mid-twenties", "[mid-twenties]");
	expect("the early twenty-first century and the mid-21st century",
	       "[the early twenty-first century][the mid-21st century]");
	/* months after weekdays, days and modifiers */
	expect("On Monday the 9th of April and Tuesday 10 of May 2001",
	       "[Monday the 9th of April][Tuesday 10 of May 2001]");
	expect("By the end of the remainder of January 2001", "[the remainder of January 2001]");
	expect("Early in the remainder of December this year",
	       "[the remainder of December this year]");
	/* this, last, next and the rest */
	expect("The end of the previous fiscal month.", "[The end of the previous fiscal month]");
	expect("Earlier this Sept. and", "[Earlier this Sept.]");
	expect("Sundays and Mondays are quiet", "[Sundays][Mondays]");
	/* PCRE2 folds U+212A to 'k' and U+017F to 's' without case: a word with a byte that
	 * is not ASCII may be the needed one */
	expect("Sales rose past calendar wee\xe2\x84\xaa or so then.",
	       "[past calendar wee\xe2\x84\xaa or so]");
	expect("Sales rose past wee\xe2\x84\xaa or  so, then.", "[past wee\xe2\x84\xaa or  so]");
	expect("It lasted two year\xc5\xbf and three day\xc5\xbf ago.",
	       "[two year\xc5\xbf][three day\xc5\xbf ago]");
	/* years after months, past the commas and periods those alternatives allow */
	expect("It was Monday, March 5 then.", "[Monday, March 5]");
	expect("Around Sunday, Nov. 3 too.", "[Around Sunday, Nov. 3]");
	expect("On Monday March 5, 1998 we met.", "[Monday March 5, 1998]");
	expect("By the end of Jan., 1998 and mid-Sept. of 1997, early April 2001.",
	       "[the end of Jan., 1998][mid-Sept. of 1997][early April 2001]");
	expect("In late December this year.", "[late December this year]");
	expect("From late 1998 to mid-2001, the end of 1987 and fiscal year 1999.",
	       "[late 1998][mid-2001][the end of 1987][fiscal year 1999]");
	/* holidays, alone and after this, last, next (each word of the list) */
	expect("Last Christmas, next Thanksgiving and this\nHalloween",
	       "[Last Christmas][next Thanksgiving][this\nHalloween]");
	expect("New Year's Day, Independence Day, Labor Day and Labour Day",
	       "[New Year's Day][Independence Day][Labor Day][Labour Day]");
	expect("Memorial Day, Election Day, Veterans' Day, Columbus Day, Presidents Day",
	       "[Memorial Day][Election Day][Veterans' Day][Columbus Day][Presidents Day]");
	expect("on Valentine's Day and New Year's Eve 1999",
	       "[Valentine's Day][New Year's Eve 1999]");
	/* bare plural units after for, in, over... (each unit of the list) */
	expect("for seconds, for minutes, for hours, in days, within weeks",
	       "[seconds][minutes][hours][days][weeks]");
	expect("for months, over quarters, for years, for decades, for centuries",
	       "[months][quarters][years][decades][centuries]");
	expect("in the years-long talks, for the decades", "[years][decades]");
	/* parts of days, ends of periods, seasons after "the" (each word of their lists) */
	expect("early this morning, late yesterday afternoon, Monday evening, last night, "
	       "mid-Tuesday overnight",
	       "[early this morning][late yesterday afternoon][Monday evening][last night]"
	       "[mid-Tuesday overnight]");
	expect("the end of the week, the start of the month, the rest of the fiscal year, "
	       "the close of the quarter, end of the decade, the middle of the century",
	       "[the end of the week][the start of the month][the rest of the fiscal year]"
	       "[the close of the quarter][end of the decade][the middle of the century]");
	expect("early the late spring, the summer, late the autumn, the early winter",
	       "[early the late spring][the summer][late the autumn][the early winter]");
	/* "the third day" only after "is" or "'s" (checked by hand first) */
	expect("Friday is the third day; Monday's the first day, his the second day, it\xc5\xbf "
	       "the fifth day",
	       "[Friday][the third day][Monday][the first day]");
	/* decades at "the" and early/mid/late (checked by hand first), each way in */
	expect("in the 1990s, the early 1980s, early 1970s, mid-1960s, the mid-1950s, late "
	       "2000s, the late 1940's, mid 1930s, the 1995s and early 1990",
	       "[the 1990s][the early 1980s][early 1970s][mid-1960s][the mid-1950s][late 2000s]"
	       "[the late 1940's][mid 1930s][1995][early 1990]");
	/* the lists of the alternatives that are short or start with their needed word, at
	 * the farthest word each allows */
	expect("by midnight Friday, at noon. And at midday.", "[midnight Friday][noon][midday]");
	expect("in the late '90s, mid-'80s and '70s", "[the late '90s][mid-'80s]['70s]");
	expect("Last year's first-quarter and this year's half",
	       "[Last year's first-quarter][this year's half]");
	expect("Q1 and H2 and q4 were", "[Q1][H2]"); /* case-sensitive; "3Q" is no head */
	expect("In the quarter and this half", "[the quarter][this half]");
	expect("The year-ago second period and the year-before quarter",
	       "[The year-ago second period][the year-before quarter]");
	expect("Year-earlier results", "[Year-earlier]");
	expect("by the year two thousand and one", "[the year two thousand and one]");
	expect("by mid-morning and mid afternoon", "[mid-morning][mid afternoon]");
	expect("earlier today, late tonight, yesterday and tomorrow",
	       "[earlier today][late tonight][yesterday][tomorrow]");
	expect("the day before yesterday and day after Sunday",
	       "[the day before yesterday][day after Sunday]");
	expect("In the week of March 6 they", "[the week of March 6]");
	expect("in recent centuries", "[recent centuries]");
	expect("over the centuries", "[the centuries]");
	expect("daily and bimonthly reports were weekly.", "[daily][bimonthly][weekly]");
	expect("paid quarterly.", "[quarterly]");
	expect("on Monday nights", "[Monday nights]");
	expect("later the previous afternoon", "[later the previous afternoon]");
	expect("the fiscal year ended and a decades-long feud", "[the fiscal year][decades-long]");
	expect("around the year's end and at year-end", "[around the year's end][year-end]");
	/* words that must end where the text's word does ("quarter>"): not in "quarterly",
	 * but before an apostrophe, a period, the end of the text or a letter that is not
	 * ASCII (it may be where (?&b) fails or not: PCRE2 decides) */
	expect("Its quarterly dividend and the third quarterly report", "");
	expect("The previous quarter's results, this half. The 1998 period, the same night, "
	       "the close of the quarter",
	       "[The previous quarter][this half][The 1998 period][the same night]"
	       "[the close of the quarter]");
	expect("fell next Monday\xc3\xa9 and the end of the year's first week",
	       "[the end of the year]");
	/* the words before them (checked by hand first), one case each */
	expect("a feud lasting years; it took months, will take weeks, within the hours",
	       "[years][months][weeks][hours]");
	expect("but days and the years and Fors years and tin days", "");
}

/* Month names are tried by the key after them too (M: in patterns.c): one case per
 * way in to each alternative that can start there. */
static void month_keys(void **state)
{
	(void)state;
	expect("On Sept. 9 and Sept. 10, 1998 and Jan 7.", "[Sept. 9][Sept. 10, 1998][Jan 7]");
	expect("April 9 2002 and MARCH 5 and April\n9 and June\t10",
	       "[April 9 2002][MARCH 5][April\n9][June\t10]");
	expect("April, 1998 and April of 1990 and Feb. 2001 and Dec 2021",
	       "[April, 1998][April of 1990][Feb. 2001][Dec 2021]");
	expect("April nineteen ninety-six and JANUARY 2001",
	       "[April nineteen ninety-six][JANUARY 2001]");
	expect("April this year and the 5th of Oct.", "[April this year][the 5th of Oct.]");
	expect("April-May. In March, things changed. May 5 and may 5.",
	       "[April][March][May 5]");
}

/* The hand-written matchers (pattern_fast.c) must answer as their PCRE2 alternatives
 * do: days that are not days, suffixes, years after the day, abbreviations with and
 * without their period, weekdays run on. */
/* The needed-word lists of pattern_table.c that screen the first words of a match
 * (a plural unit, "current", the reference words, "morning" after "mid", the day
 * words after "the day before", "year" before "end", "the"/"this"/"that" before
 * "quarter", the units after "the"): one case per way in. */
static void needed_word_screens(void **state)
{
	(void)state;
	expect("in the past several weeks, at least the next few quarters, few years-ago",
	       "[the past several weeks][at least the next few quarters][few years]");
	expect("The current account fell; current talks, current trading", "[current][current]");
	expect("now, recently, more recently, lately and nowadays, formerly and these days",
	       "[now][recently][more recently][lately][nowadays][formerly][these days]");
	expect("in the past, the recent past, the distant past, the near future",
	       "[the past][the recent past][the distant past][the near future]");
	expect("the immediate future, the distant future, the present, the near term",
	       "[the immediate future][the distant future][the present][the near term]");
	expect("the short term, the long term and future years",
	       "[the short term][the long term][future years]");
	expect("mid-morning Friday, mid afternoon, and mid-afternoon yesterday",
	       "[mid-morning Friday][mid afternoon][mid-afternoon yesterday]");
	expect("the day before yesterday, the day after tomorrow, the day before last Monday",
	       "[the day before yesterday][the day after tomorrow][the day before last Monday]");
	expect("day after next Friday and the day before this Sunday and day before Tuesday",
	       "[day after next Friday][the day before this Sunday][day before Tuesday]");
	expect("around the year end, around year-end, the year's end and year-end",
	       "[around the year end][around year-end][the year's end][year-end]");
	expect("this quarter, that half, the quarter ago, the quarter last year",
	       "[this quarter][that half][the quarter][the quarter last year]");
	expect("the half a year ago", "[the half a year ago]");
	expect("In the week it was the month, the fiscal year, the full year and the weekend",
	       "[the week][the month][the fiscal year][the full year][the weekend]");
	/* screened out: no plural unit, no "current", no reference word, no day word */
	expect("its quarterly results, the start of, the day before.", "");
}

/* The screens of pattern_fast.c that only rule an alternative out ('v' bare units
 * after a verb, a preposition, a comma or at a sentence's start; 'q' "quarterly"
 * before a word; the rest of "the end of this week" at "the"): each way in. */
static void screens(void **state)
{
	(void)state;
	expect("The talks lasted days and spent hours, waiting weeks.",
	       "[days][hours][weeks]");
	expect("It took weeks, then months, then years -- decades of work.",
	       "[weeks][months][years][decades]");
	expect("Decades of war.\nCenturies passed. Years went by.  Months too. ( Weeks",
	       "[Decades][Centuries][Years][Months][Weeks]");
	expect("throughout centuries and during weeks of talks, spending days or hours and years",
	       "[centuries][weeks][days or hours][years]");
	expect("Prices fell: Weeks; Months? Decades! Years \" Weeks",
	       "[Weeks][Months][Decades][Years][Weeks]");
	expect("Prices fell: weeks; months, the talks weeks, the (weeks), so years", "");
	expect("the platform weeks, a candor weeks, 2for weeks, x_and weeks", "");
	expect("AND weeks, Or months", "[weeks][months]");
	expect("A quarterly dividend, quarterly and yearly, quarterly basis, quarterly in March,"
	       " quarterly report, quarterly Results, quarterly.",
	       "[quarterly][yearly][quarterly][quarterly][March][quarterly][quarterly]");
	expect("By the end of this week, the start of next year, the end of the current quarter",
	       "[the end of this week][the start of next year][the end of the current quarter]");
	expect("the close of the past month, the middle of  coming week, the rest of the year",
	       "[the close of the past month][the middle of  coming week][the rest of the year]");
	expect("the end of the following year, the end of\tlast month, the end of 2004",
	       "[the end of the following year][the end of\tlast month][the end of 2004]");
}

/* The hand matchers of pattern_fast_days.c, each way in and the texts they leave
 * to PCRE2 (modifiers, "other", counts, months). */
static void day_matchers(void **state)
{
	(void)state;
	expect("Today, tonight and tomorrow; earlier today, later tonight; todays, today2.",
	       "[Today][tonight][tomorrow][earlier today][later tonight]");
	expect("This morning, last night, Friday evening, yesterday afternoon, tomorrow overnight",
	       "[This morning][last night][Friday evening][yesterday afternoon]"
	       "[tomorrow overnight]");
	expect("early this morning, this mornings, that morning",
	       "[early this morning][that morning]");
	expect("Every year, each Monday, every morning, every spring, every other week",
	       "[Every year][each Monday][every morning][every spring][every other week]");
	expect("every few days, every May, every 3 weeks, every centuries, every-day, everyday",
	       "[every few days][every May][every 3 weeks][every centuries]");
	/* month and year at the month name (PCRE2) */
	expect("In October 2021, May of 2024, Jan. 2020 and Sept 1999; March, 2020;",
	       "[October 2021][May of 2024][Jan. 2020][Sept 1999][March, 2020]");
	expect("June of twenty twenty; July nineteen ninety-six; December 20211, August 1899x",
	       "[June of twenty twenty][July nineteen ninety-six][December][August]");
}

static void fast_matchers(void **state)
{
	(void)state;
	expect("Sales rose on April 9%, on April 9 percent and on April 9,5 then.",
	       "[April][April][April]");
	expect("On April 9th and April 9TH and April 31st, April 32 and April 009 and April 9am.",
	       "[April 9th][April 9TH][April 31st][April][April][April]");
	expect("On Sept 9 and Sep. 10 and Jun 9 and Jun. 9 and Mar. 10 and Mar 11.",
	       "[Sept 9][Sep. 10][Jun. 9][Mar. 10]");
	expect("On April 9, 2001 and April 9 2001x and April 9, nineteen ninety and April 9, "
	       "twenty.",
	       "[April 9, 2001][April 9][2001][April 9, nineteen ninety][April 9]");
	/* full dates at month names (read by hand, a year in words by PCRE2) */
	expect("On April 9th, 2001 and Sept. 9 1999 and April 9, 20015 and April 9,2001 and Dec "
	       "31,  2099x or Dec 31 \t1999.",
	       "[April 9th, 2001][Sept. 9 1999][April 9][April][Dec 31][2099][Dec 31 \t1999]");
	expect("Jan. 5, 1999-2000 and June 1, 2100 and June 1, 1000 and MARCH 3, 2001.",
	       "[Jan. 5, 1999][June 1][June 1, 1000][MARCH 3, 2001]");
	expect("On April 9,\n2001 and April 9\n\n2001 and April\n\n9.",
	       "[April 9,\n2001][April 9][2001][April]");
	expect("On Mondays and MONDAY and Friday1 and Fri.", "[Mondays][MONDAY]");
	expect("In Sept. and Dec and Junes and JUNE and Dec. and Mar. and March.",
	       "[Sept.][JUNE][Dec.][Mar.][March]");
	/* bare years: the words and characters before and after that make them numbers */
	expect("Sales in 1999 and No. 2001 and about 1998 and Section 1997 and top 1996 rose.",
	       "[1999]");
	expect("In 1999-2000, in 1999's plan, in 1999-x and 1998's, in 2001.5 and 1999:5 and "
	       "$1999.",
	       "[1999]");
	expect("In 1999 percent, 1999 per cent, 1999 % and 1999 people but 1999 sales and 1999 "
	       "was.",
	       "[1999][1999][1999]");
	expect("In 1999 or later and 2001 and beyond, 1998 OR EARLIER and 1997 or laterx and "
	       "1499 and 2100.",
	       "[1999 or later][2001 and beyond][1998 OR EARLIER][1997]");
	expect("In 1999 elections and 1999 election and 1999 Games and 1999 news. In 19999 and "
	       "0999.",
	       "[1999][1999][1999]");
	/* months after one modifier, by hand but for "in", May and March */
	expect("In early April, mid-June, late Sept. and earlier Sept and early in May, late May, "
	       "mid-March, early Mayor, late Junes, early JUNE, later December.",
	       "[early April][mid-June][late Sept.][early in May][late May][mid-March][early "
	       "JUNE][later December]");
	expect("By late\nAugust and Early-October, mid Oct. and LATE April.",
	       "[late\nAugust][Early-October][mid Oct.][LATE April]");
	/* years after one modifier, by hand; more modifiers through PCRE2 */
	expect("In early 1998, mid-1996 and fiscal 1989 and late 1999 or later and calendar 2001.",
	       "[early 1998][mid-1996][fiscal 1989][late 1999 or later][calendar 2001]");
	expect("In early 1998 sales and early 1400 and about early 1999 and late 1999's rose.",
	       "[early 1998][1999]");
	expect("Since Early 2003 and MID 2004 and fiscal year 2006 and late 1990s.",
	       "[Early 2003][MID 2004][fiscal year 2006][late 1990s]");
	/* this/last/next/past/coming + unit or weekday, at those words */
	expect("Sales rose this year or so, last week, next month and coming decade.",
	       "[this year or so][last week][next month][coming decade]");
	expect("Sales rose past fiscal year and this weekends and last year-old and next year2 "
	       "then.",
	       "[past fiscal year]");
	expect("Sales rose this calendar quarter or soon and THIS YEAR OR SO and last Monday and "
	       "next May.",
	       "[this calendar quarter][THIS YEAR OR SO][last Monday][next May]");
	expect("Sales rose that year and these weeks and its year and recent months.",
	       "[that year][these weeks][recent months]");
	/* before or after now: the simple ones by hand, the rest through PCRE2 */
	expect("It began 5 days ago, two weeks earlier, a year later and an hour ago.",
	       "[5 days ago][two weeks earlier][a year later][an hour ago]");
	expect("It began 5-year ago, 3 days agox, 3 days ago2, 4 days, ago, ten years later.",
	       "[5-year ago][3 days][3 days][4 days][ten years later]");
	expect("It began 3 more days ago, twenty-one days ago, 2 1/2 hours ago.",
	       "[3 more days ago][twenty-one days ago][2 1/2 hours ago]");
	expect("It began 3 days or so ago, 6 months from now, 2 years hence, 4 days before, a "
	       "quarter ago.",
	       "[3 days or so ago][6 months from now][2 years hence][4 days before][a quarter ago]");
	/* durations: the simple ones by hand, the rest through PCRE2 */
	expect("It took 30 days, six weeks and The 12-month plan, the past three years and 1000 "
	       "years.",
	       "[30 days][six weeks][12-month][the past three years][1000 years]");
	expect("It took 1,000 years and 2.5 years and 2 1/2 hours and twenty-one days and "
	       "twenty-year bonds.",
	       "[2.5 years][2 1/2 hours][twenty-one days][twenty-year]");
	expect("It took three-quarters, the better part of ten days and two more weeks and ten "
	       "days and a half.",
	       "[the better part of ten days][two more weeks][ten days and a half]");
	expect("It took five years or so and 12 hours-long and 30days and seventeen nights and "
	       "the next full three years.",
	       "[five years or so][seventeen nights][full three years]");
	/* after "the", a word that starts no quantity ends the try by hand; the words that
	 * do go on to PCRE2 (one case for each; few, several, many and some also reach the
	 * alternative after, so only hundred, a, an, couple, dozens, hundreds and
	 * thousands fail here when dropped from the list) */
	expect("It took the few days, the several weeks, the many years and the some months.",
	       "[the few days][the several weeks][the many years][the some months]");
	expect("the couple of days, the dozens of years, the hundreds of years, the thousands "
	       "of years.",
	       "[the couple of days][the dozens of years][the hundreds of years][the thousands "
	       "of years]");
	expect("the hundred days, the an hour and the a week, the last few days.",
	       "[the hundred days][the an hour][the a week][the last few days]");
	expect("the company years, the last time, the tenth day.", "");
	/* this/last/next + unit at "the": every word that may follow it goes on to PCRE2
	 * ("the close of the year" is also read by a later alternative) */
	expect("Sales rose the current year, the previous week, the coming month, the "
	       "following decade, the preceding quarter.",
	       "[the current year][the previous week][the coming month][the following "
	       "decade][the preceding quarter]");
	expect("Sales rose the past year, the last week, the next month, the present century.",
	       "[the past year][the last week][the next month][the present century]");
	expect("By the end of the year, the beginning of the week, the start of the month, the "
	       "middle of the decade, the rest of the year, the remainder of the quarter, the "
	       "close of the year.",
	       "[the end of the year][the beginning of the week][the start of the month][the "
	       "middle of the decade][the rest of the year][the remainder of the quarter][the "
	       "close of the year]");
	expect("Sales rose the company year and the\xc2\xa0" "current year.", "");
	expect("By the\xc2\xa0" "end of the past year.", "[the\xc2\xa0" "end of the past year]");
	expect("Sales rose the past fiscal year or so, the next Monday, the last pastime, the "
	       "coming year-end, the\rpast year and the\n\npast year.",
	       "[the past fiscal year or so][the next Monday][year-end][the\rpast][the\n\npast]");
	/* durations at the words that can only be their adjective */
	expect("It took another 10 days, other three weeks, this 5 years.",
	       "[another 10 days][other three weeks][5 years]");
	/* times of day: ruled out by hand only where no clock can start */
	expect("Meet around 5 pm today, at 6 a.m., 7 P.M. and 10 o'clock and 11 people.",
	       "[around 5 pm today][6 a.m.][7 P.M.][10 o'clock]");
	expect("Meet around 10:30, about 4 people and around\xc2\xa0" "5 am then.",
	       "[around 10:30][5 am]");
	/* not ASCII after the day or the name: PCRE2 decides */
	expect("On April 9\xc2\xa0percent and Monday\xc3\xa9 and April\xc2\xa0" "9.",
	       "[April][April]");
}

/* The class a word should have: the highest of the lists that hold it. */
static int listed_class(const char *w)
{
	int best = TL_W_NONE;
	for (int cls = TL_W_LINK; cls <= TL_W_HEAD; cls++) {
		size_t n;
		const char *const *list = tl_trigger_list(cls, &n);
		for (size_t i = 0; i < n; i++)
			if (strcmp(list[i], w) == 0 && cls > best)
				best = cls;
	}
	return best;
}

static int lookup(const tl_trigger_table *t, const char *w, tl_start *start)
{
	/* read from a buffer with room, as the scan does in the middle of a text */
	char buf[64] = {0};
	size_t n = strlen(w);
	memcpy(buf, w, n);
	buf[n] = ' ';
	return tl_trigger_lookup(t, buf, n, sizeof buf, start);
}

/* Every listed word is found with its class in any case, and its neighbours (one
 * letter more or less) are not, unless listed themselves. */
static void trigger_table(void **state)
{
	(void)state;
	static tl_trigger_table t;
	tl_trigger_table_init(&t);
	tl_start st;
	for (int cls = TL_W_LINK; cls <= TL_W_HEAD; cls++) {
		size_t n;
		const char *const *list = tl_trigger_list(cls, &n);
		assert_true(n > 10);
		for (size_t i = 0; i < n; i++) {
			const char *w = list[i];
			size_t len = strlen(w);
			assert_true(len <= TL_TRIGGER_MAX);
			char v[TL_TRIGGER_MAX + 2];
			int want = listed_class(w);
			if (lookup(&t, w, &st) != want)
				fail_msg("'%s': class %d, want %d", w, lookup(&t, w, &st), want);
			for (size_t k = 0; k <= len; k++)
				v[k] = (char)(k < len && w[k] >= 'a' && w[k] <= 'z' ? w[k] - 32 : w[k]);
			if (lookup(&t, v, &st) != want)
				fail_msg("'%s': class %d, want %d", v, lookup(&t, v, &st), want);
			if (len < TL_TRIGGER_MAX) {
				memcpy(v, w, len);
				v[len] = 'x';
				v[len + 1] = '\0';
				if (lookup(&t, v, &st) != listed_class(v))
					fail_msg("'%s' should not be in the table", v);
			}
			if (len > 1) {
				memcpy(v, w, len - 1);
				v[len - 1] = '\0';
				if (lookup(&t, v, &st) != listed_class(v))
					fail_msg("'%s' has the class of another word", v);
			}
		}
	}
	static const struct {
		const char *w;
		tl_start start;
	} starts[] = {
	    {"April", TL_START_MONTH}, {"SEPT", TL_START_MONTH},    {"the", TL_START_THE},
	    {"An", TL_START_A},        {"Mondays", TL_START_WEEKDAY}, {"last", TL_START_REL},
	    {"mid", TL_START_MOD},     {"twenty", TL_START_NUM},    {"around", TL_START_APPROX},
	    {"today", TL_START_OTHER}, {"every", TL_START_OTHER},    {"q3", TL_START_OTHER},
	};
	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
		assert_int_not_equal(lookup(&t, starts[i].w, &st), TL_W_NONE);
		assert_int_equal(st, starts[i].start);
	}
	assert_int_equal(lookup(&t, "supercalifragili", &st), TL_W_NONE);
	assert_int_equal(lookup(&t, "weekx", &st), TL_W_NONE);
	assert_int_equal(st, TL_START_OTHER);
	/* a word at the very end of the text: only its own bytes may be read */
	assert_int_equal(tl_trigger_lookup(&t, "week", 4, 4, &st), TL_W_HEAD);
	assert_int_equal(tl_trigger_lookup(&t, "weeks", 4, 5, &st), TL_W_HEAD);
}

/* The head filter lets every head through in any case, and turns away common words
 * that are none (the scan looks nothing else up for them). */
static void head_filter(void **state)
{
	(void)state;
	static tl_trigger_table t;
	tl_trigger_table_init(&t);
	size_t n;
	const char *const *heads = tl_trigger_list(TL_W_HEAD, &n);
	for (size_t i = 0; i < n; i++) {
		char w[TL_TRIGGER_MAX + 2] = {0};
		size_t len = strlen(heads[i]);
		memcpy(w, heads[i], len);
		w[len] = ' ';
		if (!tl_trigger_may_be_head(&t, w, len))
			fail_msg("head '%s' turned away", heads[i]);
		for (size_t k = 0; k < len; k++)
			w[k] = (char)(w[k] >= 'a' && w[k] <= 'z' ? w[k] - 32 : w[k]);
		if (!tl_trigger_may_be_head(&t, w, len))
			fail_msg("head '%s' in capitals turned away", heads[i]);
	}
	static const char *const none[] = {"said",  "business", "shares",  "would",
	                                   "the",   "a",       "I",       "of",     "government",
	                                   "supercalifragilistic",
	                                   /* through the first filter, not the second */
	                                   "comment", "percent", "security", "companies",
	                                   "officer", "Security"};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		char w[32] = {0};
		size_t len = strlen(none[i]);
		memcpy(w, none[i], len);
		w[len] = ' ';
		if (tl_trigger_may_be_head(&t, w, len))
			fail_msg("'%s' is no head but passes the filter", none[i]);
	}
}

/*
 * Cross-check with the pattern: every word of the fragments that name months,
 * weekdays, units, parts of days, seasons and deictic days is a head, or the scan
 * never tries the pattern at it.
 */
static void trigger_words_of_pattern(void **state)
{
	(void)state;
	static tl_trigger_table t;
	tl_trigger_table_init(&t);
	tl_error err;
	tl_patterns *p = tl_patterns_new(&err);
	assert_non_null(p);
	static const char *const heads[] = {"monthfull", "weekday", "units", "pday", "season",
	                                    "dayword"};
	size_t words = 0;
	for (size_t f = 0; f < sizeof heads / sizeof heads[0]; f++) {
		const char *body;
		size_t len;
		assert_true(tl_patterns_fragment(p, heads[f], &body, &len));
		for (size_t i = 0; i < len;) {
			size_t j = i;
			while (j < len && ((body[j] | 0x20) >= 'a' && (body[j] | 0x20) <= 'z'))
				j++;
			/* a word of the alternation: not a group's name, flag or escape */
			char before = i > 0 ? body[i - 1] : ' ';
			if (j - i >= 3 && before != '&' && before != '<' && before != '-' &&
			    before != '\\') {
				char w[32];
				tl_start st;
				assert_true(j - i < sizeof w);
				memcpy(w, body + i, j - i);
				w[j - i] = '\0';
				if (lookup(&t, w, &st) != TL_W_HEAD)
					fail_msg("'%s' of (?&%s) is not a head word", w, heads[f]);
				words++;
			}
			i = j > i ? j : i + 1;
		}
	}
	/* 23 month names (capitalized and in capitals, MAY left out), 7 weekdays, 10 units,
	 * parts of days, seasons, 4 deictic days */
	assert_int_equal(words, 23 + 7 + 10 + 5 + 5 + 4);
	tl_patterns_free(p);
}

/* The scan reads the text 64 bytes at a time: words across the edges of those blocks,
 * words longer than a block and words at the very end are read as any other. */
static void block_edges(void **state)
{
	(void)state;
	static const char filler[] =
	    "Officials said profits rose sharply amid widespread uncertainty overall ";
	const char *tail = "on April 9, 2025 and the 1990s, then last week's '90s talk";
	const char *want = "[April 9, 2025][the 1990s][last week][\'90s]";
	for (size_t pad = 0; pad < 150; pad++) {
		char text[512], got[512];
		size_t n = 0;
		while (n < pad) {
			text[n] = filler[n % (sizeof filler - 1)];
			n++;
		}
		text[n++] = ' ';
		strcpy(text + n, tail);
		spans(text, got, sizeof got);
		if (strcmp(got, want) != 0)
			fail_msg("after %zu bytes: got %s", pad, got);
	}
	char text[512];
	memset(text, 'x', 130);
	strcpy(text + 130, " next week, the 9th");
	expect(text, "[next week]");
	memset(text, 'y', 200);
	strcpy(text + 200, "week then two days");
	expect(text, "[two days]");
	/* a word that fills a block goes on in the next: not a new word there */
	memset(text, 'y', 128);
	strcpy(text + 128, "today and tomorrow");
	expect(text, "[tomorrow]");
	strcpy(text, "It rose ");
	memset(text + 8, 'y', 56);
	strcpy(text + 64, "today and tomorrow");
	expect(text, "[tomorrow]");
	expect("Monday", "[Monday]");
	expect("in 2025", "[2025]");
	expect("'9", "");
}

/* A run of letters or digits that reaches the last byte of a 64-byte block ends that
 * block early (the next one starts with the run); one that fills a whole block is read
 * on past it. Digits, '\'' and letters at those edges are read as anywhere else. */
static void block_runs(void **state)
{
	(void)state;
	char text[512];
	/* a number that fills the first block, then a starter and its head */
	memset(text, '1', 64);
	strcpy(text + 64, " last week");
	expect(text, "[last week]");
	/* a word that ends one byte before the block's end, then '\'' on its last byte */
	memset(text, 'q', 63);
	strcpy(text + 63, "'90s talk");
	expect(text, "['90s]");
	/* a word that starts at every offset near the edge runs on into the next block */
	for (size_t at = 56; at < 72; at++) {
		memset(text, ' ', at);
		strcpy(text + at, "yesterday and 12 days");
		char got[512];
		spans(text, got, sizeof got);
		if (strcmp(got, "[yesterday][12 days]") != 0)
			fail_msg("word at %zu: got %s", at, got);
	}
}

/* Every alternative compiles (tries compile them one by one, on first use). */
static void patterns_compile(void **state)
{
	(void)state;
	tl_error err;
	tl_patterns *p = tl_patterns_new(&err);
	assert_non_null(p);
	if (tl_patterns_check(p, &err) != TL_OK)
		fail_msg("%s", err.message);
	tl_patterns_free(p);
}

/* A needed-word list read by itself: does text[0..) have one of its words among its
 * first words? */
static bool needed_in(const char *list, const char *text)
{
	tl_needed_words nw;
	memset(&nw, 0, sizeof nw);
	assert_true(tl_needed_words_parse(&nw, list, strlen(list)));
	static tl_needed_index index;
	memset(&index, 0, sizeof index);
	tl_needed_index_add(&index, &nw, 0);
	tl_word_starts w;
	tl_word_starts_init(&w, 0, &index);
	return tl_needed_words_present(&nw, 0, &w, text, strlen(text));
}

/* Words written with a final '>' must end where the text's word ends; the others are
 * prefixes. */
static void whole_needed_words(void **state)
{
	(void)state;
	assert_true(needed_in("2/quarter", "its quarterly"));
	assert_false(needed_in("2/quarter>", "its quarterly"));
	assert_false(needed_in("2/quarter>|half>", "its halfway"));
	assert_false(needed_in("2/quarter>", "the quarter1"));
	assert_true(needed_in("2/quarter>", "the quarter"));
	assert_true(needed_in("2/quarter>", "the quarter's"));
	assert_true(needed_in("2/quarter>", "the quarter-end"));
	assert_true(needed_in("2/quarter>", "the quarter, then"));
	assert_true(needed_in("2/quarter>", "the quarter\xc3\xa9")); /* may be a boundary */
	assert_true(needed_in("2/wednesday>|half>", "this Wednesday."));
	assert_false(needed_in("2/wednesday>|half>", "this Wednesdays"));
	assert_true(needed_in("2/quarter>|week", "the weekend"));
	tl_needed_words nw;
	memset(&nw, 0, sizeof nw);
	assert_false(tl_needed_words_parse(&nw, "2/>", 3));
	memset(&nw, 0, sizeof nw);
	assert_false(tl_needed_words_parse(&nw, "2/quarter>|>", 12));
}

/* The words after a position are read once for every alternative tried there, and a
 * list whose words are all read is answered from what they may be: each answer must
 * be the one a list gets reading the words itself, in whatever order the lists come. */
static void needed_words_read_once(void **state)
{
	(void)state;
	static const char *const lists[] = {
	    "0/quarter>|half>", "2/quarter>",           "3-5/week", "1/daily",  "0/year",
	    "4,./week|month",   "14/second|minute|day", "2-9/days", "0,/a|the", "6/zz",
	    "3,/week>",         "15/ago|later",
	};
	static const char *const texts[] = {
	    "the third quarter, of 1998",
	    "its quarterly results and the half.",
	    "a, b, c, d week",
	    "over the next two weeks or so",
	    "x y z w v u t s r q p o n m l k j i h g f e d c b a week",
	    "for days; then years",
	    "daily",
	    "the caf\xc3\xa9 day, a week",
	    "one, two, week",
	    "one; two week",
	    "a b c d e f g h i j k l m n ago",
	    "",
	};
	enum { L = sizeof lists / sizeof lists[0] };
	static tl_needed_words nw[L];
	static tl_needed_index index;
	memset(&index, 0, sizeof index);
	for (unsigned i = 0; i < L; i++) {
		memset(&nw[i], 0, sizeof nw[i]);
		assert_true(tl_needed_words_parse(&nw[i], lists[i], strlen(lists[i])));
		tl_needed_index_add(&index, &nw[i], i);
	}
	for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
		for (int order = 0; order < 2; order++) {
			tl_word_starts shared;
			tl_word_starts_init(&shared, 0, &index);
			for (unsigned j = 0; j < L; j++) {
				unsigned i = order ? L - 1 - j : j;
				tl_word_starts own;
				tl_word_starts_init(&own, 0, &index);
				size_t n = strlen(texts[k]);
				bool a = tl_needed_words_present(&nw[i], i, &shared, texts[k], n);
				bool b = tl_needed_words_present(&nw[i], i, &own, texts[k], n);
				if (a != b)
					fail_msg("'%s', list %s: %d read once, %d alone", texts[k],
					         lists[i], a, b);
			}
		}
}

/* Runs of letters longer than the 16 bytes the hand matchers read at once (SSE2), or
 * ending in a byte that is not ASCII, read as byte by byte. */
static void long_letter_runs(void **state)
{
	(void)state;
	expect("Over the next threeeeeeeeeeeeeeeeeeee weeks", "");
	expect("For the past three monthsxxxxxxxxxxxxxxxxxx and the past three months",
	       "[the past three months]");
	expect("in early Septemberrrrrrrrrrrrrrrrr or early September", "[early September]");
	expect("It took 5 weeksssssssssssssssssss ago, not 6 days ago", "[6 days ago]");
	expect("It ended 5 weeks\xc3\xa9 ago and two years\xc3\xa9 later", "");
	expect("last Tuesdayyyyyyyyyyyyyyyyyyyy and last Tuesday", "[last Tuesday]");
}

/* A bare year after the words of its lookbehind list ("Section 1998", "about 2000"),
 * read by the group of the byte before the blank (pattern_fast.c): ruled out in any
 * case, also at the end of a longer word ("piano": "no "). */
static void year_after_words(void **state)
{
	(void)state;
	expect("in 1998 and Section 1998 and No. 1999", "[1998]");
	expect("about 2000 people, ROUGHLY 1990 and U.S. 1998 rules", "");
	expect("the piano 1998 and Windows 2000 ran on Boeing 1977", "");
	expect("over 1500 and HR 1990, than 1980, top 1990", "");
	expect("mid 1985 in Sec. 1985 and room 1999 and just 2000 since 1999",
	       "[mid 1985][1999]");
}

/* "five days before" and "after" by hand (pattern_fast_counts.c): a point only at the
 * end of a clause or of the text, else the count alone is a duration. */
static void ago_before_after(void **state)
{
	(void)state;
	expect("Five weeks before the deadline, three days after, 2 days before. Six days after\" "
	       "and ten weeks before  ;",
	       "[Five weeks][three days after][2 days before][Six days after][ten weeks before]");
	expect("And 4 days before) and 7 weeks after2 and 9 days beforehand and eight weeks after",
	       "[4 days before][7 weeks][9 days][eight weeks after]");
	expect("Two days before\n\n, six weeks after\t.x and 5 years before:",
	       "[Two days before][six weeks after][5 years before]");
	expect("Three days befor\xc3\xa9 and two days after\xc2\xa0. And nine days after\v:",
	       "[Three days][two days after][nine days after]");
}

/* The time of day by hand (pattern_fast_clock.c), and what it leaves to PCRE2: a
 * day or date after it, o'clock, an hour it cannot read; (?&s) is ASCII, so a
 * no-break space ends the time. */
static void clock_matcher(void **state)
{
	(void)state;
	expect("At 3:00 p.m. GMT, this week and 12:30 a.m. EDT, on Friday and 9 p.m. local time "
	       "and 23:15 pm, in March.",
	       "[3:00 p.m. GMT][this week][12:30 a.m. EDT, on Friday][9 p.m.][23:15 pm][March]");
	expect("At 24:00 pm and 3 P.M. ESTx and 10:30:15 a.m. UTC on Monday and 1:00:00:00 pm and "
	       "3:00 p.m and 7 am.",
	       "[00 pm][3 P.M.][10:30:15 a.m. UTC on Monday][00:00:00 pm][3:00 p.m]");
	expect("On 12 October 2023 and 9 o'clock and 4 in the morning and 3 apples at 5 a.m.EDT "
	       "and 6:30 a.m., tuesday and 8 pm  PST.",
	       "[12 October 2023][9 o'clock][4 in the morning][5 a.m.][6:30 a.m., tuesday][8 pm  "
	       "PST]");
	expect("At 3 a.m.\xc2\xa0Monday and 5 p.m. \xc3\xa9t\xc3\xa9 and 6 p.m. Jan. 5 and 8 a.m. "
	       "Sunday morning.",
	       "[3 a.m.][Monday][5 p.m.][6 p.m. Jan. 5][8 a.m. Sunday morning]");
}

/* "every 9 months", "every few days" by hand (pattern_fast_days.c); a count PCRE2
 * might read further stays with it. */
static void every_count(void **state)
{
	(void)state;
	expect("Every 9 months and every few days, each 1,000 years, every 2.5 weeks, every 5 1/2 "
	       "days, every six hundred years, every ten and a half weeks, every several Mondays, "
	       "every 3 Junes and each seventeen nights or every 12 weeks2.",
	       "[Every 9 months][every few days][every 2.5 weeks][every 5 1/2 days][every six "
	       "hundred years][every ten and a half weeks][Mondays][each seventeen nights]");
	expect("Every 4  weeks, every seven springs, every 3-day, every twenty-one days, every "
	       "other 2 weeks, every 3 quarterly, every 9 Jan. and each 5 January.",
	       "[Every 4  weeks][3-day][every twenty-one days][every other 2 weeks][quarterly]"
	       "[every 9 Jan.][each 5 January]");
}

/* The ISO date by hand (pattern_fast.c): one fixed shape, the characters around it. */
static void iso_dates(void **state)
{
	(void)state;
	expect("On 2024-09-24, 1999-12-31x and 2024-13-01 and 2024-09-40, 3024-01-01, 12024-01-01, "
	       "2024-01-011 and 2024-01-01-02, v.2024-01-01 and /2024-01-01 and -2024-01-01 and "
	       "2024-1-01.",
	       "[2024-09-24][1999-12-31][2024-13-01]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(extents),
	    cmocka_unit_test(negatives),
	    cmocka_unit_test(hostile_input),
	    cmocka_unit_test(guards),
	    cmocka_unit_test(after_the),
	    cmocka_unit_test(digit_runs),
	    cmocka_unit_test(word_table),
	    cmocka_unit_test(weekdays),
	    cmocka_unit_test(modifiers),
	    cmocka_unit_test(relatives),
	    cmocka_unit_test(quantities),
	    cmocka_unit_test(other_words),
	    cmocka_unit_test(needed_words),
	    cmocka_unit_test(needed_word_screens),
	    cmocka_unit_test(screens),
	    cmocka_unit_test(day_matchers),
	    cmocka_unit_test(whole_needed_words),
	    cmocka_unit_test(needed_words_read_once),
	    cmocka_unit_test(month_keys),
	    cmocka_unit_test(fast_matchers),
	    cmocka_unit_test(patterns_compile),
	    cmocka_unit_test(trigger_table),
	    cmocka_unit_test(head_filter),
	    cmocka_unit_test(trigger_words_of_pattern),
	    cmocka_unit_test(block_edges),
	    cmocka_unit_test(block_runs),
	    cmocka_unit_test(ago_before_after),
	    cmocka_unit_test(clock_matcher),
	    cmocka_unit_test(every_count),
	    cmocka_unit_test(iso_dates),
	    cmocka_unit_test(long_letter_runs),
	    cmocka_unit_test(year_after_words),
	    cmocka_unit_test(scratch_runs),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
