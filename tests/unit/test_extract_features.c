/* test_extract_features.c - unit tests for the scans of a mention's clause
 * (extract_features.c): its keywords, read in whole words from the padded cut
 * clause; its status cues, read from word masks; the status of later dates
 * and the confidence of approximate ones; and the word ends of lexicon.h
 * and the byte-range scans of byte_range.h that the scans use. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "byte_range.h"
#include "extract.h"
#include "extract_features.h"
#include "hash.h"
#include "lexicon.h"

#include "extract_cases.h"

static tl_event_status status_of(const char *s, const char *what, const char *value)
{
	tl_timex t = make_timex(TL_TIMEX_DATE, value, TL_GRAIN_DAY);
	tl_mention m = mention_of(s, what, &t);
	tl_event_status st = m.status;
	tl_mention_free_fields(&m);
	return st;
}

/* A mention's keywords are read from its cut clause, padded, sixteen bytes a
 * step: they must be what tl_extract_keywords() finds in the same words, for
 * long words, words glued to digits or UTF-8, and a word that ends the text. */
static void mention_keywords_match_the_plain_scan(void **state)
{
	(void)state;
	const char *s = "On Friday negotiators from twentyseven countries approved the "
			"extraordinarilylongcompoundwordforthetests and x2tariffs tariffs3 caf\xC3\xA9 "
			"r\xC3\xA9sum\xC3\xA9 quotas sixteenletterswd seventeenletterwd lastword";
	tl_timex fri = make_timex(TL_TIMEX_DATE, "2025-06-06", TL_GRAIN_DAY);
	tl_sentence_timex tx[1] = {place(s, "Friday", &fri)};
	tl_mention m;
	assert_int_equal(tl_extract_sentence(s, strlen(s), tx, 1, 0, dct, &m), TL_OK);
	const char *rest = s + strlen("On Friday");
	tl_strings k = {0};
	assert_int_equal(tl_extract_keywords(rest, strlen(rest), &k), TL_OK);
	tl_strings_finish(&k);
	same_strings(&m.keywords, &k);
	assert_true(has(&m.keywords, "lastword"));
	assert_true(has(&m.keywords, "extraordinarilylongcompoundwordforthetest"));
	assert_false(has(&m.keywords, "tariff")); /* "x2tariffs", "tariffs3": glued */
	tl_strings_free(&k);
	tl_mention_free_fields(&m);
}

/* A date after the article's day is planned: for article dates that carry
 * over into the next month or year (day 0, day 31 of a short month, month
 * 13), the order is that of the day numbers, as for ordinary ones. */
static void later_dates_are_planned_by_day_number(void **state)
{
	(void)state;
	const char *s = "Negotiators met in London on Monday.";
	static const char *const values[] = {"2025-02-27", "2025-02-28", "2025-03-01",
					     "2025-03-02", "2025-03-03", "2025-12-31",
					     "2026-01-01", "2026-01-02"};
	static const tl_date dcts[] = {
		{2025, 2, 27}, {2025, 2, 28}, {2025, 2, 29}, {2025, 2, 30}, {2025, 2, 31},
		{2025, 3, 0},  {2025, 3, 1},  {2025, 3, 2},  {2025, 12, 31}, {2025, 12, 32},
		{2025, 13, 1}, {2025, 0, 31}, {2026, 1, 1},  {2026, 1, 0},	{2024, 14, 2},
	};
	for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
		tl_timex t = make_timex(TL_TIMEX_DATE, values[v], TL_GRAIN_DAY);
		tl_sentence_timex st = place(s, "Monday", &t);
		tl_date first, end;
		tl_grain g;
		assert_int_equal(tl_extract_interval(values[v], &first, &end, &g), TL_OK);
		for (size_t d = 0; d < sizeof dcts / sizeof dcts[0]; d++) {
			tl_mention m;
			assert_int_equal(tl_extract_sentence(s, strlen(s), &st, 1, 0, dcts[d], &m),
					 TL_OK);
			bool later = tl_extract_day_number(first) > tl_extract_day_number(dcts[d]);
			assert_int_equal(m.status, later ? TL_STATUS_PLANNED : TL_STATUS_DONE);
			tl_mention_free_fields(&m);
		}
	}
}

/* The status cues are read from word masks of 64 bytes at a time: a cue
 * word at every place around the windows' ends, after words that run past a
 * window, is found, and a clause without one stays done. */
static void status_cues_anywhere_in_long_clauses(void **state)
{
	(void)state;
	static const struct {
		const char *cue;
		tl_event_status want;
	} cases[] = {{" did not meet", TL_STATUS_NEGATED},
		     {" will meet", TL_STATUS_PLANNED},
		     {" won't meet", TL_STATUS_NEGATED},
		     {" did meet", TL_STATUS_DONE}};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		for (size_t k = 0; k < 80; k++) {
			char s[256];
			char q[96], w[80];
			memset(q, 'q', k);
			q[k] = '\0';
			memset(w, 'w', 70);
			w[70] = '\0';
			snprintf(s, sizeof s, "Trade %s envoys %s%s on Friday.", q, w, cases[c].cue);
			assert_int_equal(status_of(s, "Friday", "2025-06-06"), cases[c].want);
		}
	}
}

/* An approximate date ("around May 5") counts a little less than the same
 * date said exactly; other modifiers do not change the confidence. */
static void approximate_dates_score_a_little_lower(void **state)
{
	(void)state;
	const char *s = "Trump and Xi met in Geneva on Monday to cut tariffs on steel imports.";
	tl_timex exact = make_timex(TL_TIMEX_DATE, "2025-06-09", TL_GRAIN_DAY);
	tl_mention m = mention_of(s, "Monday", &exact);
	double base = m.confidence;
	tl_mention_free_fields(&m);
	assert_true(base > 0);
	static const char *const mods[] = {"APPROX", "APPROXX", "APPRO", "START", "approx"};
	for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++) {
		tl_timex t = make_timex(TL_TIMEX_DATE, "2025-06-09", TL_GRAIN_DAY);
		strcpy(t.mod, mods[i]);
		tl_mention a = mention_of(s, "Monday", &t);
		assert_true(fabs(a.confidence - (i == 0 ? base * 0.9 : base)) < 1e-12);
		tl_mention_free_fields(&a);
	}
}

/* tl_word_end() reads sixteen bytes a step where it can: every word byte
 * (letters, UTF-8, apostrophes) and every other byte, at every place before
 * and after a step's end, ends the word where a byte loop ends it. */
static void word_end_matches_a_byte_loop(void **state)
{
	(void)state;
	static const char word_bytes[] = "aZ'\x80\xC3\xE2\xFF";
	static const char others[] = " -,.0\x7f\x01\"@[`{";
	for (size_t w = 0; w + 1 < sizeof word_bytes; w++) {
		for (size_t o = 0; o + 1 < sizeof others; o++) {
			for (size_t end = 0; end < 40; end++) {
				char text[48];
				memset(text, word_bytes[w], sizeof text);
				text[end] = others[o];
				for (size_t len = end; len <= sizeof text; len += 7) {
					size_t want = 0;
					while (want < len && tl_word_end_byte[(unsigned char)text[want]])
						want++;
					assert_int_equal(tl_word_end(text, len, 0), want);
					size_t from3 = 3;
					while (from3 < len &&
					       tl_word_end_byte[(unsigned char)text[from3]])
						from3++;
					if (len > 3)
						assert_int_equal(tl_word_end(text, len, 3), from3);
				}
			}
		}
	}
}

/* The byte-range scan of byte_range.h (next digit, next capital, end of a
 * run of letters) finds, with SSE2 or without, padded or not, what a loop
 * over the byte classes finds: for texts of every length up to 70 made of
 * bytes next to the ranges' edges, from every start. An unpadded text is
 * its own allocation of len bytes (a sanitizer build sees any read past it);
 * a padded one has sixteen bytes after it, bytes the scan stops at, bytes
 * it passes, or some of each, which it must never answer. */
static bool in_class(unsigned char c, int range)
{
	bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	switch (range) {
	case 0:
		return c >= '0' && c <= '9'; /* next digit */
	case 1:
		return c >= 'A' && c <= 'Z'; /* next capital */
	default:
		return !letter; /* end of a run of letters */
	}
}

static size_t class_scan(const unsigned char *u, size_t i, size_t len, int range)
{
	while (i < len && !in_class(u[i], range))
		i++;
	return i;
}

/* The scan of range: plain, or padded or not (fold, lo, hi, inside and padded
 * constant in each call, as the callers have them). */
static size_t range_scan(const char *s, size_t i, size_t len, bool padded, int range, bool plain)
{
	switch (range) {
	case 0:
		if (plain)
			return tl_byte_range_plain(s, i, len, 0, '0', '9', true);
		return padded ? tl_byte_range(s, i, len, true, 0, '0', '9', true)
			      : tl_byte_range(s, i, len, false, 0, '0', '9', true);
	case 1:
		if (plain)
			return tl_byte_range_plain(s, i, len, 0, 'A', 'Z', true);
		return padded ? tl_byte_range(s, i, len, true, 0, 'A', 'Z', true)
			      : tl_byte_range(s, i, len, false, 0, 'A', 'Z', true);
	default:
		if (plain)
			return tl_byte_range_plain(s, i, len, 0x20, 'a', 'z', false);
		return padded ? tl_byte_range(s, i, len, true, 0x20, 'a', 'z', false)
			      : tl_byte_range(s, i, len, false, 0x20, 'a', 'z', false);
	}
}

static void byte_range_matches_a_class_loop(void **state)
{
	(void)state;
	static const unsigned char edges[] = {'/', '0', '9', '{', ':', '@', 'A', 'Z',
					      '[', '`', 'a', 'z', 0x10, 0x2F, 0x80, 0xB0,
					      0xC1, 0xDA, 0xE2, 0xFF, 0x00, ' '};
	/* The padding of each range: a byte the scan stops at, one it passes;
	 * how many passed bytes come first. */
	static const unsigned char stop_at[3] = {'5', 'Q', ' '};
	static const size_t passed_first[3] = {0, 7, 16};
	uint32_t seed = 12345;
	for (int round = 0; round < 200; round++) {
		for (size_t len = 0; len <= 70; len++) {
			unsigned char text[70 + 16];
			for (size_t k = 0; k < len; k++) {
				seed = seed * 1103515245u + 12345u;
				/* Many letters and digits: runs that whole steps pass. */
				size_t pick = (seed >> 16) % (sizeof edges * 3);
				if (pick < sizeof edges)
					text[k] = edges[pick];
				else if (pick < 2 * sizeof edges)
					text[k] = (unsigned char)('a' + pick % 26);
				else
					text[k] = (unsigned char)('0' + pick % 10);
			}
			for (int range = 0; range < 3; range++) {
				char *own = malloc(len ? len : 1);
				char *padded = malloc(len + 16);
				assert_non_null(own);
				assert_non_null(padded);
				memcpy(own, text, len);
				memcpy(padded, text, len);
				for (size_t k = 0; k < 16; k++)
					padded[len + k] = k < passed_first[round % 3]
								  ? 'x'
								  : (char)stop_at[range];
				for (size_t i = 0; i <= len; i++) {
					size_t want = class_scan(text, i, len, range);
					size_t plain = range_scan(own, i, len, false, range, true);
					size_t fast = range_scan(own, i, len, false, range, false);
					size_t pad = range_scan(padded, i, len, true, range, false);
					assert_int_equal(plain, want);
					assert_int_equal(fast, want);
					assert_int_equal(pad, want);
				}
				free(own);
				free(padded);
			}
		}
	}
}

/* The one pass over a clause's words (tl_features_find) finds the keywords
 * that tl_extract_keywords() finds in the clause with its dates cut out, and
 * cues that judge every date of the clause as a scan of the clause does
 * (tl_features_judge() without them): for words cut in two by a date, words
 * with apostrophes, UTF-8 and digits, "no" before or after a date, more "no"
 * words than the pass keeps, cue words inside dates, and more dates than
 * tl_features_find() has room for without an allocation. */
static void one_pass_matches_the_separate_scans(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		const char *dates; /* the dates' texts, '|' between them, in order */
	} cases[] = {
		{"Officials don't expect talks; no deal came on Friday and we'll see x2tariffs "
		 "caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9 tariffs3 O'Brien's stocks fell on Monday.",
		 "Friday|Monday"},
		{"No talks were held on Friday, no later than Monday, said the Nasdaq's chief.",
		 "Friday|Monday"},
		{"no deal no talks no tariffs no quotas no duties no levies on Friday, not yet.",
		 "Friday"},
		{"Negotiators met preJune 4 in Geneva and wrapped up talks on tariffs Friday2 days.",
		 "June 4|Friday"},
		{"Friday's talks on tariffs will resume, and Monday\xE2\x80\x99s session is set to "
		 "open; extraordinarilylongcompoundwordforthetestsandmoreletters end.",
		 "Friday|Monday"},
		{"The Nasdaq stocks rallied on the stocks Monday, while talks were due Friday.",
		 "stocks Monday|Friday"},
		{"WASHINGTON, June 6 (Wire) - Trade envoys will not meet on Monday or Tuesday or "
		 "Wednesday or Thursday or Friday or Saturday or Sunday or Monday or Tuesday or "
		 "Wednesday or Thursday or Friday or Saturday or Sunday or Monday or Tuesday or "
		 "Wednesday, no sooner, officials said.",
		 "June 6|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Monday|Tuesday|"
		 "Wednesday|Thursday|Friday|Saturday|Sunday|Monday|Tuesday|Wednesday"},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		const char *s = cases[c].s;
		size_t len = strlen(s);
		tl_timex t = make_timex(TL_TIMEX_DATE, "2025-06-13", TL_GRAIN_DAY);
		tl_sentence_timex tx[24];
		size_t n = 0, from = 0;
		for (const char *d = cases[c].dates; *d;) {
			size_t dl = strcspn(d, "|");
			char what[32];
			assert_true(dl < sizeof what);
			memcpy(what, d, dl);
			what[dl] = '\0';
			tx[n] = place(s + from, what, &t);
			tx[n].start += from;
			tx[n].end += from;
			from = tx[n++].end;
			d += dl + (d[dl] == '|');
		}
		for (size_t k = 0; k < n; k++) {
			tl_layout l = tl_clause_layout(s, len, &tx[k]);
			tl_xarena arena = TL_XARENA_INIT;
			tl_buf cut = TL_BUF_INIT;
			tl_mention m;
			memset(&m, 0, sizeof m);
			assert_int_equal(tl_extract_interval(t.value, &m.first, &m.end_date, &m.grain),
					 TL_OK);
			tl_clause_cues cues;
			assert_int_equal(tl_features_find(&arena, s, len, tx, n, &l, NULL, 0, &cut,
							  &cues, &m),
					 TL_OK);
			/* The keywords of the cut text, read byte by byte. */
			tl_buf text = TL_BUF_INIT;
			assert_int_equal(tl_headline_cut_dates(s, len, l.cs, l.ce, tx, n, l.body,
							       " ; ", &text),
					 TL_OK);
			tl_strings want = {0};
			assert_int_equal(tl_extract_keywords(text.data, text.len, &want), TL_OK);
			tl_strings_finish(&want);
			same_strings(&m.keywords, &want);
			/* The judgement with the pass's cues and with a scan. */
			double date_c = tl_features_date_confidence(s, len, &tx[k], &l, &m);
			tl_mention with = m, without = m;
			tl_features_judge(s, len, tx, n, k, &l, dct, date_c, 3, NULL, &cues, &with);
			tl_features_judge(s, len, tx, n, k, &l, dct, date_c, 3, NULL, NULL, &without);
			assert_int_equal(with.status, without.status);
			assert_true(with.confidence == without.confidence);
			tl_strings_free(&want);
			tl_buf_free(&text);
			tl_buf_free(&cut);
			tl_xarena_free(&arena);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mention_keywords_match_the_plain_scan),
		cmocka_unit_test(later_dates_are_planned_by_day_number),
		cmocka_unit_test(status_cues_anywhere_in_long_clauses),
		cmocka_unit_test(approximate_dates_score_a_little_lower),
		cmocka_unit_test(word_end_matches_a_byte_loop),
		cmocka_unit_test(byte_range_matches_a_class_loop),
		cmocka_unit_test(one_pass_matches_the_separate_scans),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
