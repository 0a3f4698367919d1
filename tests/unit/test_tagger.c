/* test_tagger.c - unit tests for the tagger entry points (tagger.c): order, threads, errors,
 * workspaces. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tagger.h"

static const char article[] =
    "WASHINGTON - Officials said Friday that the talks, held on Tuesday, would resume "
    "next week. Two days ago the ministry announced a 90-day review; in the past three "
    "months prices rose 145%. The previous year was worse. The following day, a week "
    "later, every Monday, and now.";

/* A full day, a month, a year, a quarter, a season or a time each anchor what follows
 * them (through the tagger's shortcut for these values: the same as
 * tl_value_interval()); an invalid day does not move the anchor. Expected values are
 * those of the build before the shortcut. */
static void days_months_and_years_anchor_anaphora(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want; /* the value of the text's last timex */
	} cases[] = {
	    {"Talks began on June 3, 2025. The next day they ended.", "2025-06-04"},
	    {"Talks began on December 31, 2024. The next day they ended.", "2025-01-01"},
	    {"Talks began on February 29, 2024. The next day they ended.", "2024-03-01"},
	    {"Talks began in March 2024. A month later they ended.", "2024-04"},
	    {"On February 30, 2025 they met. The next day they left.", "2025-06-07"},
	    {"In 2023 sales fell. A year later they rose.", "2024"},
	    {"In 2023 sales fell. The next month they rose.", "2023-02"},
	    {"Sales fell in March 2024. The next day they rose.", "2024-03-XX"},
	    {"Sales fell on June 3, 2025. That month they rose.", "2025-06"},
	    /* quarters, halves, seasons, times and parts of days (also by the shortcut) */
	    {"Sales fell in the second quarter of 2019. A year earlier they rose.", "2018-Q2"},
	    {"Sales fell in the first half of 2019. The next month they rose.", "2019-02"},
	    {"Sales fell in the first quarter of 2019. The next day they rose.", "2019-Q1"},
	    {"They met in the fourth quarter of 2019. The following month they left.", "2019-11"},
	    {"They met in the spring of 2019. The next month they left.", "2019-04"},
	    {"They met in the winter of 2019. The next day they left.", "2019-Q4"},
	    {"They met at 10 p.m. on June 3, 2024. The next day they left.", "2024-06-04"},
	    {"They met on the evening of June 3, 2024. The next month they left.", "2024-07"},
	};
	tl_error err;
	tl_tagger *tg = tl_tagger_new(&err);
	assert_non_null(tg);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tl_timex *t = NULL;
		size_t n = 0;
		assert_int_equal(tl_tag_text(tg, cases[i].text, strlen(cases[i].text),
					     (tl_date){2025, 6, 6}, &t, &n, &err),
				 TL_OK);
		assert_true(n >= 1);
		assert_string_equal(t[n - 1].value, cases[i].want);
		free(t);
	}
	tl_tagger_free(tg);
}

static void sorted_and_disjoint(void **state)
{
	(void)state;
	tl_error err;
	tl_tagger *tg = tl_tagger_new(&err);
	assert_non_null(tg);
	tl_timex *t = NULL;
	size_t n = 0;
	tl_date dct = {2025, 6, 6};
	assert_int_equal(tl_tag_text(tg, article, strlen(article), dct, &t, &n, &err), TL_OK);
	assert_true(n >= 10);
	for (size_t i = 0; i < n; i++) {
		assert_true(t[i].start < t[i].end);
		assert_true(t[i].end <= strlen(article));
		if (i > 0)
			assert_true(t[i - 1].end <= t[i].start);
	}
	free(t);
	tl_tagger_free(tg);
}

/* Values never leave the years 1..9999, even next to the ends of the calendar. */
static void values_stay_inside_the_calendar(void **state)
{
	(void)state;
	static const char text[] = "Next year. Tomorrow. Next month. Last year. Yesterday. "
				   "Two years ago. Today.";
	static const tl_date ends[] = {{9999, 12, 31}, {1, 1, 1}};
	tl_error err;
	tl_tagger *tg = tl_tagger_new(&err);
	assert_non_null(tg);
	for (size_t e = 0; e < 2; e++) {
		tl_timex *t = NULL;
		size_t n = 0;
		assert_int_equal(tl_tag_text(tg, text, strlen(text), ends[e], &t, &n, &err), TL_OK);
		assert_true(n >= 1); /* "Today" at least */
		for (size_t i = 0; i < n; i++) {
			const char *v = t[i].value;
			assert_true(v[0] != '-');
			assert_false(v[0] >= '0' && v[0] <= '9' && v[1] >= '0' && v[1] <= '9' &&
				     v[2] >= '0' && v[2] <= '9' && v[3] >= '0' && v[3] <= '9' &&
				     v[4] >= '0' && v[4] <= '9');
			assert_false(strncmp(v, "0000", 4) == 0);
		}
		free(t);
	}
	tl_tagger_free(tg);
}

static void errors_and_empty(void **state)
{
	(void)state;
	tl_error err;
	tl_tagger *tg = tl_tagger_new(&err);
	assert_non_null(tg);
	tl_timex *t = (tl_timex *)&err;
	size_t n = 5;
	assert_int_equal(tl_tagger_run(tg, "", 0, (tl_date){2025, 6, 6}, &t, &n, &err), TL_OK);
	assert_null(t);
	assert_int_equal(n, 0);
	assert_int_equal(tl_tagger_run(tg, "today", 5, (tl_date){2025, 2, 30}, &t, &n, &err),
	                 TL_EDATE);
	assert_int_equal(tl_tagger_run(NULL, "today", 5, (tl_date){2025, 2, 3}, &t, &n, NULL),
	                 TL_EUSAGE);
	assert_string_equal(tl_timex_type_name(TL_TIMEX_SET), "SET");
	assert_string_equal(tl_timex_type_name(TL_TIMEX_DURATION), "DURATION");
	tl_tagger_free(tg);
	tl_tagger_free(NULL);
}

typedef struct job {
	const tl_tagger *tg;
	char first[128]; /* values joined, to compare across threads */
	int rc;
} job;

static void *run_job(void *arg)
{
	job *j = arg;
	for (int k = 0; k < 200; k++) {
		tl_timex *t = NULL;
		size_t n = 0;
		j->rc = tl_tagger_run(j->tg, article, strlen(article), (tl_date){2025, 6, 6}, &t,
		                      &n, NULL);
		if (j->rc != TL_OK)
			return NULL;
		snprintf(j->first, sizeof j->first, "%zu:%s:%s", n, n ? t[0].value : "",
		         n ? t[n - 1].value : "");
		free(t);
	}
	return NULL;
}

static void threads_share_one_tagger(void **state)
{
	(void)state;
	tl_error err;
	tl_tagger *tg = tl_tagger_new(&err);
	assert_non_null(tg);
	job jobs[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (job){.tg = tg};
		assert_int_equal(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(jobs[i].rc, TL_OK);
		assert_string_equal(jobs[i].first, jobs[0].first);
	}
	tl_tagger_free(tg);
}

/* Asserts that a[0..na) and b[0..nb) are the same timexes, field by field. */
static void assert_same_timexes(const tl_timex *a, size_t na, const tl_timex *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(a[i].start, b[i].start);
		assert_int_equal(a[i].end, b[i].end);
		assert_int_equal(a[i].type, b[i].type);
		assert_int_equal(a[i].grain, b[i].grain);
		assert_string_equal(a[i].value, b[i].value);
		assert_string_equal(a[i].mod, b[i].mod);
		assert_string_equal(a[i].quant, b[i].quant);
		assert_string_equal(a[i].freq, b[i].freq);
	}
}

/* A run gives the same timexes in the caller's workspace, in none and in one of the
 * tagger's, through the internal and the public calls, whatever that workspace's memo
 * of span tokens met before: texts made of the same sentences in other orders, at other
 * dates, one after the other. */
static void workspaces_change_nothing(void **state)
{
	(void)state;
	static const char *const sentences[] = {
	    "Officials said Friday that talks would resume next week. ",
	    "On Tuesday, April 9, the board met; it meets again in two weeks. ",
	    "Prices rose 3% last quarter and 5% in the past three months. ",
	    "A year later, every Monday, the 1990s and early 2024 came up. ",
	    "The previous year was worse; the following day, Sept. 30, was not. ",
	};
	const size_t n_sentences = sizeof sentences / sizeof sentences[0];
	tl_error err;
	tl_tagger *tg = tl_tagger_new(&err);
	assert_non_null(tg);
	tl_tag_workspace *ws = tl_tag_workspace_new(&err);
	assert_non_null(ws);
	unsigned seed = 11;
	for (int round = 0; round < 60; round++) {
		char text[1024];
		size_t len = 0;
		for (int k = 0; k < 6; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *s = sentences[(seed >> 16) % n_sentences];
			memcpy(text + len, s, strlen(s));
			len += strlen(s);
		}
		text[len] = '\0';
		tl_date dct = {1998 + round % 30, 1 + round % 12, 1 + round % 28};
		/* 0, 1: internal calls with and without a workspace; 2: the tagger's own;
		 * 3, 4: the public call with the caller's workspace and with none */
		tl_timex *t[5] = {NULL, NULL, NULL, NULL, NULL};
		size_t n[5] = {0, 0, 0, 0, 0};
		for (int w = 0; w < 5; w++) {
			tl_tagger_carry carry;
			tl_tagger_carry_init(&carry, dct);
			int rc = w == 2   ? tl_tagger_run(tg, text, len, dct, &t[w], &n[w], &err)
			         : w >= 3 ? tl_tag_text_in(tg, w == 3 ? ws : NULL, text, len, dct,
			                                   &t[w], &n[w], &err)
			                  : tl_tagger_run_part_in(tg, w == 0 ? ws : NULL, text, len,
			                                          0, len, &carry, &t[w], &n[w], &err);
			assert_int_equal(rc, TL_OK);
		}
		assert_true(n[0] >= 6);
		for (int w = 0; w < 5; w++)
			if (w != 1)
				assert_same_timexes(t[w], n[w], t[1], n[1]);
		for (int w = 0; w < 5; w++)
			free(t[w]);
	}
	tl_tag_workspace_free(ws);
	tl_tag_workspace_free(NULL);
	tl_tagger_free(tg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sorted_and_disjoint),
	    cmocka_unit_test(days_months_and_years_anchor_anaphora),
	    cmocka_unit_test(errors_and_empty),
	    cmocka_unit_test(values_stay_inside_the_calendar),
	    cmocka_unit_test(threads_share_one_tagger),
	    cmocka_unit_test(workspaces_change_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
