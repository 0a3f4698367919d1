/*
 * test_normalize.c - the data-driven table of the tagging stage:
 * tests/data/normalize.tsv, one case per line (article date, sentence, expected
 * extent, type, value, mod). The whole tagger runs on the sentence; the case
 * passes when a timex with exactly that extent has that type, value and mod.
 * An extent of "-" means nothing at all may be tagged in the sentence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "norm_words.h"
#include "normalize.h"
#include "tagger.h"

#define FIELDS 6

static int split_tabs(char *line, char **f)
{
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < FIELDS + 1; p++) {
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	}
	return n;
}

static int check_case(const tl_tagger *tg, char **f, int lineno)
{
	tl_date dct;
	tl_error err;
	if (tl_date_parse(f[0], &dct, &err) != TL_OK) {
		printf("normalize.tsv:%d: bad date %s\n", lineno, f[0]);
		return 1;
	}
	tl_timex *t = NULL;
	size_t n = 0;
	if (tl_tagger_run(tg, f[1], strlen(f[1]), dct, &t, &n, &err) != TL_OK) {
		printf("normalize.tsv:%d: tagger failed: %s\n", lineno, err.message);
		return 1;
	}
	int bad = 0;
	if (strcmp(f[2], "-") == 0) {
		for (size_t i = 0; i < n; i++)
			printf("normalize.tsv:%d: '%s': unexpected '%.*s' %s\n", lineno, f[1],
			       (int)(t[i].end - t[i].start), f[1] + t[i].start, t[i].value);
		bad = n > 0;
	} else {
		size_t i;
		size_t el = strlen(f[2]);
		for (i = 0; i < n; i++)
			if (t[i].end - t[i].start == el && memcmp(f[1] + t[i].start, f[2], el) == 0)
				break;
		const char *mod = strcmp(f[5], "-") == 0 ? "" : f[5];
		if (i == n) {
			printf("normalize.tsv:%d: '%s': no timex '%s'; got:", lineno, f[1], f[2]);
			for (size_t j = 0; j < n; j++)
				printf(" [%.*s]=%s", (int)(t[j].end - t[j].start),
				       f[1] + t[j].start, t[j].value);
			printf("\n");
			bad = 1;
		} else if (strcmp(tl_timex_type_name(t[i].type), f[3]) != 0 ||
		           strcmp(t[i].value, f[4]) != 0 || strcmp(t[i].mod, mod) != 0) {
			printf("normalize.tsv:%d: '%s': want %s %s %s, got %s %s %s\n", lineno,
			       f[2], f[3], f[4], f[5], tl_timex_type_name(t[i].type), t[i].value,
			       t[i].mod[0] ? t[i].mod : "-");
			bad = 1;
		}
	}
	free(t);
	return bad;
}

static void table(void **state)
{
	(void)state;
	const char *path = TL_TEST_DATA_DIR "/normalize.tsv";
	FILE *fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	tl_error err;
	tl_tagger *tg = tl_tagger_new(&err);
	assert_non_null(tg);
	char line[2048];
	int lineno = 0, cases = 0, failed = 0;
	while (fgets(line, sizeof line, fp)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *f[FIELDS + 1];
		if (split_tabs(line, f) != FIELDS) {
			printf("normalize.tsv:%d: want %d tab-separated columns\n", lineno, FIELDS);
			failed++;
			continue;
		}
		cases++;
		failed += check_case(tg, f, lineno);
	}
	fclose(fp);
	tl_tagger_free(tg);
	printf("normalize.tsv: %d cases, %d failed\n", cases, failed);
	assert_true(cases >= 300);
	assert_int_equal(failed, 0);
}

/* Sets carry a quant and a frequency the table does not show: one case for each way
 * they are written (weekday, month, season, part of the day, "N times"). */
static void set_quant_and_freq(void **state)
{
	(void)state;
	static const struct {
		const char *text, *value, *quant, *freq;
	} cases[] = {
	    {"twice a year", "P1Y", "", "2X"},
	    {"three times a year", "P1Y", "", "3X"},
	    {"every Monday", "XXXX-WXX-1", "EVERY", "1W"},
	    {"each July", "XXXX-07", "EACH", "1Y"},
	    {"every morning", "XXXX-XX-XXTMO", "EVERY", "1D"},
	    {"every spring", "XXXX-SP", "EVERY", "1Y"},
	    {"Friday evenings", "XXXX-WXX-5TEV", "", "1W"},
	    {"Tuesday nights", "XXXX-WXX-2TNI", "", "1W"},
	};
	tl_error err;
	tl_tagger *tg = tl_tagger_new(&err);
	assert_non_null(tg);
	tl_date dct = {2025, 6, 6};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[128];
		snprintf(text, sizeof text, "They meet %s.", cases[i].text);
		tl_timex *t = NULL;
		size_t n = 0;
		assert_int_equal(tl_tagger_run(tg, text, strlen(text), dct, &t, &n, &err), TL_OK);
		assert_int_equal(n, 1);
		assert_int_equal(t[0].type, TL_TIMEX_SET);
		assert_string_equal(t[0].value, cases[i].value);
		assert_string_equal(t[0].quant, cases[i].quant);
		assert_string_equal(t[0].freq, cases[i].freq);
		free(t);
	}
	tl_tagger_free(tg);
}

/* The value of text (a span of class kind) normalized with the tense given. */
static int value_with(int kind, const char *text, tl_date dct, int tense, tl_timex *x)
{
	tl_norm_context c = {dct, dct, TL_GRAIN_DAY, tense, 0, 0, NULL, 0, NULL, 0};
	memset(x, 0, sizeof *x);
	return tl_normalize_span(kind, text, strlen(text), &c, x);
}

/* tl_norm_tense_need() asks no less than the value depends on: for every month and day
 * and article dates through a year, the value is the same for the tenses it lets go
 * unread (all of them for NONE, the sentence's -1, 0, 1 for LOCAL); each need occurs. */
static void tense_need(void **state)
{
	(void)state;
	static const char *const months[] = {"Jan.", "Feb.", "March", "April", "May", "June",
	                                     "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."};
	static const int tenses[] = {-2, -1, 0, 1, 2, 3};
	int seen[4] = {0, 0, 0, 0};
	for (int dm = 1; dm <= 12; dm++) {
		tl_date dct = {2000 + dm % 2, dm, 1 + (dm * 7) % 28};
		for (int m = 0; m < 12; m++) {
			for (int d = 0; d <= 31; d += 3) {
				char text[32];
				int kind = d == 0 ? TL_KIND_MONTH : TL_KIND_MONTH_DAY;
				if (d == 0)
					snprintf(text, sizeof text, "%s", months[m]);
				else
					snprintf(text, sizeof text, "%s %d", months[m], d);
				toks t;
				tl_norm_tokenize(text, strlen(text), &t);
				int need = tl_norm_tense_need(kind, &t, &(tl_norm_context){dct, dct, TL_GRAIN_DAY, 0, 0, 0, NULL, 0, NULL, 0});
				assert_true(need >= TL_TENSE_NONE && need <= TL_TENSE_FULL);
				seen[need]++;
				tl_timex ref, x;
				int rc = value_with(kind, text, dct, 0, &ref);
				for (size_t k = 0; k < sizeof tenses / sizeof tenses[0]; k++) {
					bool spared = need == TL_TENSE_NONE ||
					              (need == TL_TENSE_WILL && tenses[k] != 3) ||
					              (need == TL_TENSE_LOCAL && tenses[k] >= -1 &&
					               tenses[k] <= 1);
					if (!spared)
						continue;
					assert_int_equal(value_with(kind, text, dct, tenses[k], &x), rc);
					if (rc == TL_OK && strcmp(x.value, ref.value) != 0)
						fail_msg("'%s' on %04d-%02d-%02d: tense %d gives %s, 0 %s",
						         text, dct.year, dct.month, dct.day, tenses[k],
						         x.value, ref.value);
				}
			}
		}
	}
	assert_true(seen[TL_TENSE_NONE] > 0 && seen[TL_TENSE_WILL] > 0 &&
	            seen[TL_TENSE_LOCAL] > 0 && seen[TL_TENSE_FULL] > 0);
	/* clock times and parts of days: the same value for every tense when it says
	 * NONE; an anchor before the article date or a weekday needs the tense */
	static const struct {
		int kind;
		const char *text;
		int ref_day; /* of the anchor, in the article's month (day 15) */
		int need;
	} spans[] = {
	    {TL_KIND_TIME, "10:35 a.m.", 15, TL_TENSE_NONE},
	    {TL_KIND_TIME, "10:35 a.m.", 20, TL_TENSE_NONE},
	    {TL_KIND_TIME, "10:35 a.m.", 3, TL_TENSE_FULL},
	    {TL_KIND_TIME, "9 p.m. Friday", 3, TL_TENSE_WILL},
	    {TL_KIND_TIME, "9 p.m. Monday", 3, TL_TENSE_FULL},
	    {TL_KIND_TIME, "noon Aug. 4", 15, TL_TENSE_WILL},
	    {TL_KIND_TIME, "noon Oct. 4", 15, TL_TENSE_LOCAL},
	    {TL_KIND_TIME, "noon today", 3, TL_TENSE_FULL},
	    {TL_KIND_PART_DAY, "this morning", 3, TL_TENSE_NONE},
	    {TL_KIND_PART_DAY, "yesterday afternoon", 3, TL_TENSE_NONE},
	    {TL_KIND_PART_DAY, "Saturday night", 15, TL_TENSE_NONE}, /* 1998-08-15: a Saturday */
	    {TL_KIND_PART_DAY, "Friday night", 15, TL_TENSE_WILL},
	    {TL_KIND_PART_DAY, "Sunday night", 15, TL_TENSE_FULL},
	    {TL_KIND_PART_DAY, "last Sunday night", 15, TL_TENSE_NONE},
	    {TL_KIND_WEEKDAY, "Saturday", 15, TL_TENSE_NONE},
	    {TL_KIND_WEEKDAY, "Tuesday", 15, TL_TENSE_FULL},
	    {TL_KIND_WEEKDAY, "Wednesday", 15, TL_TENSE_FULL},
	    {TL_KIND_WEEKDAY, "Thursday", 15, TL_TENSE_WILL},
	    {TL_KIND_WEEKDAY, "Friday", 15, TL_TENSE_WILL},
	    {TL_KIND_WEEKDAY, "next Tuesday", 15, TL_TENSE_NONE},
	    {TL_KIND_WEEKDAY, "that Tuesday", 15, TL_TENSE_FULL},
	    {TL_KIND_ANAPHOR, "the week", 15, TL_TENSE_NONE},
	    {TL_KIND_ANAPHOR, "the previous day", 15, TL_TENSE_NONE},
	    {TL_KIND_ANAPHOR, "the weekend", 15, TL_TENSE_FULL},
	};
	for (size_t k = 0; k < sizeof spans / sizeof spans[0]; k++) {
		tl_date dct = {1998, 8, 15};
		tl_norm_context c = {dct, {1998, 8, spans[k].ref_day}, TL_GRAIN_DAY, 0, 0, 0,
		                     NULL, 0, NULL, 0};
		toks t;
		tl_norm_tokenize(spans[k].text, strlen(spans[k].text), &t);
		assert_int_equal(tl_norm_tense_need(spans[k].kind, &t, &c), spans[k].need);
		if (spans[k].need != TL_TENSE_NONE && spans[k].need != TL_TENSE_WILL)
			continue;
		tl_timex ref, x;
		memset(&ref, 0, sizeof ref);
		int rc = tl_normalize_span(spans[k].kind, spans[k].text, strlen(spans[k].text),
		                           &c, &ref);
		assert_int_equal(rc, TL_OK);
		for (size_t j = 0; j < sizeof tenses / sizeof tenses[0]; j++) {
			if (spans[k].need == TL_TENSE_WILL && tenses[j] == 3)
				continue;
			c.tense = tenses[j];
			memset(&x, 0, sizeof x);
			assert_int_equal(tl_normalize_span(spans[k].kind, spans[k].text,
			                                   strlen(spans[k].text), &c, &x),
			                 TL_OK);
			assert_string_equal(x.value, ref.value);
		}
		c.tense = 0;
	}
	/* classes it knows nothing of: all of the tense */
	toks t;
	tl_norm_tokenize("fourth quarter", 14, &t);
	assert_int_equal(tl_norm_tense_need(TL_KIND_QUARTER, &t, &(tl_norm_context){{2000, 1, 1}, {2000, 1, 1}, TL_GRAIN_DAY, 0, 0, 0, NULL, 0, NULL, 0}),
	                 TL_TENSE_FULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(table),
	    cmocka_unit_test(set_quant_and_freq),
	    cmocka_unit_test(tense_need),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
