/* test_extract.c - unit tests for the mention extractor (extract.c) and actor finder (actors.c). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "actors.h"
#include "extract.h"
#include "extract_features.h"
#include "hash.h"
#include "headline.h"
#include "lexicon.h"
#include "mention_jsonl.h"
#include "extract_arena.h"
#include "extract_cases.h"

/* Puts t on the first occurrence of word in raw (the test texts hold it). */
static void place_at(tl_timex *t, const char *raw, const char *word)
{
	const char *at = strstr(raw, word);
	assert_non_null(at);
	t->start = (size_t)(at - raw);
	t->end = t->start + strlen(word);
}

static char *title_of(const char *s, const char *what, const char *value)
{
	tl_timex t = make_timex(TL_TIMEX_DATE, value, strlen(value) == 10 ? TL_GRAIN_DAY
									  : TL_GRAIN_MONTH);
	tl_sentence_timex st = place(s, what, &t);
	char *title = tl_extract_title(s, strlen(s), &st, 1, 0);
	assert_non_null(title);
	return title;
}

static const struct {
	const char *sentence, *timex, *value, *title;
} title_cases[] = {
	{"On Saturday, China's Ministry of Commerce announced it had approved some rare earth "
	 "export licenses.", "Saturday", "2025-06-07",
	 "China's Ministry of Commerce announced it had approved some rare earth export licenses"},
	{"President Donald Trump on Wednesday raised the tariff on Chinese imports to 125%.",
	 "Wednesday", "2025-04-09",
	 "President Donald Trump raised the tariff on Chinese imports to 125%"},
	{"Senior officials will meet in London on Monday.", "Monday", "2025-06-09",
	 "Senior officials will meet in London"},
	{"Yesterday's joint statement from Geneva was greeted with relief.", "Yesterday",
	 "2025-05-12", "Joint statement from Geneva was greeted with relief"},
	{"After 9 April, American duties on most Chinese goods stood at 145 per cent; China's "
	 "reply sits at 125 per cent.", "9 April", "2025-04-09",
	 "American duties on most Chinese goods stood at 145 per cent"},
	{"WASHINGTON, June 6 (Harbor Wire) - President Donald Trump said Friday that officials "
	 "would meet a Chinese delegation in London on Monday.", "Monday", "2025-06-09",
	 "Officials would meet a Chinese delegation in London"},
	{"Trump raised tariffs to 125%, while Beijing on Friday announced export curbs on seven "
	 "rare earths.", "Friday", "2025-04-04",
	 "Beijing announced export curbs on seven rare earths"},
	{"The meeting was arranged after Trump and Xi spoke by phone on June 4, officials said.",
	 "June 4", "2025-06-04", "Trump and Xi spoke by phone, officials said"},
	{"Talks resumed in Stockholm (on July 28) without a deal.", "July 28", "2025-07-28",
	 "Talks resumed in Stockholm without a deal"},
	{"The tariff rose to 20% in March.", "March", "2025-03", "The tariff rose to 20%"},
	{"The meetings, which began on Monday at Rosenbad, were the third formal round.",
	 "Monday", "2025-07-28", "The meetings, which began at Rosenbad, were the third formal round"},
	{"Higher rates, including China's, take effect on April 9.", "April 9", "2025-04-09",
	 "Higher rates, including China's, take effect"},
	{"Trump, on Friday, said tariffs would rise.", "Friday", "2025-06-06",
	 "Trump said tariffs would rise"},
	{"Trump and Xi met on Thursday, Oct. 30, in Busan.", "Thursday, Oct. 30", "2025-10-30",
	 "Trump and Xi met in Busan"},
	{"A further meeting could be arranged as soon as next week.", "next week", "2025-06-16",
	 "A further meeting could be arranged"},
	{"The new deadline is Nov. 10.", "Nov. 10", "2025-11-10", "The new deadline"},
	{"Stocks rallied, bringing the index to a record on Friday, traders said.", "Friday",
	 "2025-06-06", "Bringing the index to a record, traders said"},
	/* Spaced dashes after the date end its clause; hyphens, quotes do not. */
	{"Exporters signed a 90-day pact on Monday - the talks then stalled.", "Monday",
	 "2025-06-09", "Exporters signed a 90-day pact"},
	{"Exporters signed a pact on Monday \xE2\x80\x94 the talks then stalled.", "Monday",
	 "2025-06-09", "Exporters signed a pact"},
	{"Exporters signed a pact on Monday with U.S.-China \xE2\x80\x9C" "fast-track\xE2\x80\x9D "
	 "terms -- the talks then stalled.", "Monday", "2025-06-09",
	 "Exporters signed a pact with U.S.-China \xE2\x80\x9C" "fast-track\xE2\x80\x9D terms"},
	/* Spaces and marks the cuts leave, long runs between them (tidy() steps
	 * sixteen bytes at a time), spaces after "(" and doubled ones. */
	{"Trade  negotiators   representing   the   European   Commission ( on Monday ) "
	 "agreed ,, with   lengthy   deliberations , to   resume   talks  .", "Monday",
	 "2025-06-09",
	 "Trade negotiators representing the European Commission agreed, with lengthy "
	 "deliberations, to resume\xE2\x80\xA6"},
	{"Officials from seventeen governments and international organisations met in "
	 "Geneva on Monday, ( ) and again later.", "Monday", "2025-06-09",
	 "Officials from seventeen governments and international organisations met in Geneva, "
	 "and again later"},
	{"Exporters signed a pact on Monday with \"low - cost\" terms -3% \xE2\x80\x93 the talks "
	 "then stalled.", "Monday", "2025-06-09",
	 "Exporters signed a pact with \"low - cost\" terms -3%"},
};

static void titles_from_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof title_cases / sizeof title_cases[0]; i++) {
		char *t = title_of(title_cases[i].sentence, title_cases[i].timex,
				   title_cases[i].value);
		if (strcmp(t, title_cases[i].title) != 0)
			print_error("case %zu: got \"%s\"\n", i, t);
		assert_string_equal(t, title_cases[i].title);
		free(t);
	}
}

/* A long title without quotes is cut at its last space within
 * TL_TITLE_MAX bytes (looked for sixteen bytes a step), wherever it falls. */
static void long_titles_cut_at_their_last_space(void **state)
{
	(void)state;
	for (size_t k = 1; k <= 24; k++) {
		char words[400] = "", s[480];
		size_t n = 0;
		for (size_t w = 0; n < 200; w++) {
			size_t wl = 1 + (k + w * 7) % k;
			if (n)
				words[n++] = ' ';
			memset(words + n, 'b' + (int)(w % 20), wl);
			n += wl;
		}
		words[n] = '\0';
		snprintf(s, sizeof s, "On Monday %s.", words);
		char *t = title_of(s, "Monday", "2025-06-09");
		size_t cut = 0;
		for (size_t i = 0; i <= TL_TITLE_MAX && i < n; i++)
			if (words[i] == ' ')
				cut = i;
		char want[480];
		snprintf(want, sizeof want, "%.*s\xE2\x80\xA6", (int)cut, words);
		want[0] = (char)(want[0] - 'a' + 'A');
		assert_string_equal(t, want);
		free(t);
	}
}

static void long_titles_cut_at_words_outside_quotes(void **state)
{
	(void)state;
	const char *s = "On Wednesday the commerce minister told a packed room of exporters "
			"that the agreement was \"a great deal for both countries and a "
			"historic moment for the workers of every province\" and left.";
	char *t = title_of(s, "Wednesday", "2025-06-11");
	size_t n = strlen(t);
	assert_true(n <= TL_TITLE_MAX + 3);
	assert_memory_equal(t + n - 3, "\xE2\x80\xA6", 3);
	assert_true(t[n - 4] != ' ');
	size_t quotes = 0;
	for (size_t i = 0; i < n; i++)
		quotes += t[i] == '"';
	assert_int_equal(quotes % 2, 0);
	/* A word boundary: the text before the ellipsis is a prefix followed by a space. */
	const char *body = s + strlen("On Wednesday ");
	assert_memory_equal(t + 1, body + 1, n - 4);
	assert_true(body[n - 3] == ' ' || body[n - 3] == '"');
	free(t);

	const char *shorter = "Officials met on Monday.";
	t = title_of(shorter, "Monday", "2025-06-09");
	assert_string_equal(t, "Officials met");
	free(t);
}

static void actors_are_found_and_normalized(void **state)
{
	(void)state;
	const char *s = "Treasury Secretary Scott Bessent met Chinese Vice Premier He Lifeng and "
			"US Trade Representative Jamieson Greer in Geneva, where China's Ministry "
			"of Commerce and the White House said U.S. and American firms would gain.";
	tl_strings a = {NULL, 0};
	assert_int_equal(tl_actors_find(s, strlen(s), true, &a), TL_OK);
	tl_strings_finish(&a);
	tl_actors_collapse(&a);
	const char *want[] = {"Scott Bessent", "China", "He Lifeng", "United States",
			      "Jamieson Greer", "Geneva", "Ministry of Commerce", "White House"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		if (!has(&a, want[i]))
			print_error("missing actor %s\n", want[i]);
		assert_true(has(&a, want[i]));
	}
	assert_false(has(&a, "Treasury Secretary Scott Bessent"));
	assert_false(has(&a, "Vice Premier"));
	tl_strings_free(&a);

	const char *t = "Tariffs were not on the agenda as Beijing and Washington talked.";
	assert_int_equal(tl_actors_find(t, strlen(t), true, &a), TL_OK);
	tl_strings_finish(&a);
	assert_int_equal(a.count, 2);
	assert_string_equal(a.items[0], "China");
	assert_string_equal(a.items[1], "United States");
	tl_strings_free(&a);

	/* Several one-word actors covered by longer ones (freed items are never read again). */
	const char *v = "Xi met Trump, Bessent, He Lifeng, Lifeng, Scott Bessent and Xi Jinping.";
	assert_int_equal(tl_actors_find(v, strlen(v), true, &a), TL_OK);
	tl_strings_finish(&a);
	tl_actors_collapse(&a);
	assert_int_equal(a.count, 4);
	tl_strings_free(&a);

	const char *u = "Trump spoke with President Donald Trump.";
	assert_int_equal(tl_actors_find(u, strlen(u), true, &a), TL_OK);
	tl_strings_finish(&a);
	tl_actors_collapse(&a);
	assert_int_equal(a.count, 1);
	assert_string_equal(a.items[0], "Donald Trump");
	tl_strings_free(&a);

	/* DATELINE capitals match gazetteer words of any case, short capitals
	 * only as written; titles, stop words and organization heads as written. */
	const char *w = "WASHINGTON and BEIJING met TOKYO, Putin, PUTIN and Commerce Secretary "
			"Howard Lutnick; Bank of Japan and Mr. Modi said Friday. Usa agreed.";
	assert_int_equal(tl_actors_find(w, strlen(w), false, &a), TL_OK);
	tl_strings_finish(&a);
	const char *caps[] = {"Bank of Japan", "China", "Howard Lutnick", "Japan",
			      "Narendra Modi", "United States", "Usa", "Vladimir Putin"};
	assert_int_equal(a.count, sizeof caps / sizeof caps[0]);
	for (size_t i = 0; i < a.count; i++)
		assert_string_equal(a.items[i], caps[i]);
	tl_strings_free(&a);
}

/* The actors of s as one string, sorted, joined by '|'; the finder on a
 * copy of s padded with zero bytes (as the extractor calls it) must find
 * the same. */
static void assert_actors(const char *s, bool at_start, const char *want)
{
	tl_strings a = {NULL, 0}, b = {NULL, 0};
	size_t n = strlen(s);
	char *padded = calloc(n + 17, 1);
	assert_non_null(padded);
	memcpy(padded, s, n);
	assert_int_equal(tl_actors_find(s, n, at_start, &a), TL_OK);
	assert_int_equal(tl_actors_find_in(NULL, padded, n, true, at_start, &b), TL_OK);
	tl_strings_finish(&a);
	tl_strings_finish(&b);
	char got[512] = "";
	assert_int_equal(b.count, a.count);
	for (size_t i = 0; i < a.count; i++) {
		assert_string_equal(b.items[i], a.items[i]);
		if (i)
			strcat(got, "|");
		strcat(got, a.items[i]);
	}
	tl_strings_free(&a);
	tl_strings_free(&b);
	free(padded);
	assert_string_equal(got, want);
}

/* Capitals after lower-case words, inside words, after hyphens, curly quotes
 * and digits: only a token that starts with a capital starts an actor, and
 * the first token of a sentence start counts only when the gazetteer knows it. */
static void actors_start_only_at_capitalized_tokens(void **state)
{
	(void)state;
	assert_actors("the Geneva talks", true, "Geneva");
	assert_actors("Geneva talks", true, "");
	assert_actors("  \"Geneva\" talks", true, "");
	assert_actors("  \"Geneva\" talks", false, "Geneva");
	assert_actors("\xE2\x80\x9CGeneva\xE2\x80\x9D talks with Berne", true, "Berne");
	assert_actors("talks in \xE2\x80\x9CGeneva\xE2\x80\x9D", true, "Geneva");
	assert_actors("McDonald and ex-Geneva staff met", false, "McDonald");
	assert_actors("iPhone sales and -Zurich rose in 2025 Berne", false, "Berne|Zurich");
	assert_actors("sales rose 5%Zurich and caf\xC3\xA9" "Berne", false, "Zurich");
	assert_actors("no capitals at all, none.", true, "");
	assert_actors("talks with Bank of Japan and the Fed", true, "Bank of Japan|Fed");
	assert_actors("a b c d e f g h i j k l m n o p q r s t u v w x y z Xi", true, "Xi Jinping");
}

/* The clause of the date what in s, as the text it spans. */
static void assert_clause(const char *s, const char *what, const char *want)
{
	tl_timex t = make_timex(TL_TIMEX_DATE, "2025-06-06", TL_GRAIN_DAY);
	tl_sentence_timex st = place(s, what, &t);
	tl_layout l = tl_clause_layout(s, strlen(s), &st);
	char got[512];
	snprintf(got, sizeof got, "%.*s", (int)(l.ce - l.cs), s + l.cs);
	assert_string_equal(got, want);
}

/* Which spaces the clause scan looks at: before "that" and subordinators in
 * any case, before dashes, long and short sentences (sixteen-byte steps and
 * the byte-at-a-time rest), marks after the date and in quotes. */
static void clauses_are_bounded_by_marks_and_subordinators(void **state)
{
	(void)state;
	assert_clause("Officials said THAT the ministry will meet on June 6 in Geneva.", "June 6",
		      "the ministry will meet on June 6 in Geneva.");
	assert_clause("Officials Said That the ministry will meet on June 6 in Geneva.", "June 6",
		      "the ministry will meet on June 6 in Geneva.");
	assert_clause("The board met in Geneva, AFTER the two sides spoke at length on June 6.",
		      "June 6", "AFTER the two sides spoke at length on June 6.");
	assert_clause("The board met - the two sides spoke at length on June 6 - in Geneva.",
		      "June 6", "the two sides spoke at length on June 6");
	assert_clause("The board met \xE2\x80\x94 the two sides spoke on June 6 \xE2\x80\x94 in Geneva.",
		      "June 6", "the two sides spoke on June 6");
	assert_clause("Board -met; sides spoke on June 6, and later left.", "June 6", "sides spoke on June 6");
	assert_clause("They left when the talks with all the envoys ended on June 6; rain fell.",
		      "June 6", "when the talks with all the envoys ended on June 6");
	assert_clause("\"We met; they left,\" Li said on June 6, which was late -- or not.",
		      "June 6", "\"We met; they left,\" Li said on June 6");
	assert_clause("a; b Once x y z w on June 6", "June 6", "Once x y z w on June 6");
	assert_clause("x -y on June 6 -z", "June 6", "x -y on June 6 -z");
	assert_clause("On June 6 the sides met, following weeks of talks: no deal.", "June 6",
		      "On June 6 the sides met");
	assert_clause("Sources say that officials, including envoys from both sides, met since "
		      "Friday and Saturday before signing on June 6 at noon; rain fell",
		      "June 6", "since Friday and Saturday before signing on June 6 at noon");
}

/* tl_features_dropped() may only say "dropped" of a mention the full
 * extraction scores below TL_EXTRACT_FLOOR, and must say it of the dates
 * that can never score more (the article walk then skips building them). */
static void dropped_mentions_score_below_the_floor(void **state)
{
	(void)state;
	static const struct {
		const char *sentence, *timex, *value;
		tl_grain grain;
		bool dropped;
	} cases[] = {
		{"WASHINGTON, June 6 (Wire) - Trade talks resumed in London on Monday.", "June 6",
		 "2025-06-06", TL_GRAIN_DAY, true},
		{"WASHINGTON, June 6 (Wire) - Trade talks resumed in London on Monday.", "Monday",
		 "2025-06-09", TL_GRAIN_DAY, false},
		{"By the trade desk Updated June 6, 2025", "June 6, 2025", "2025-06-06",
		 TL_GRAIN_DAY, true},
		{"Officials said the talks would resume now.", "now", "PRESENT_REF", TL_GRAIN_NONE,
		 true},
		{"Tariffs were much lower in the 1990s, officials said.", "the 1990s", "199",
		 TL_GRAIN_DECADE, true},
		{"China raised tariffs on American goods in 2024.", "2024", "2024", TL_GRAIN_YEAR,
		 false},
		{"The president will sign the bill next month.", "next month", "2025-07",
		 TL_GRAIN_MONTH, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tl_timex t = make_timex(TL_TIMEX_DATE, cases[i].value, cases[i].grain);
		const char *s = cases[i].sentence;
		tl_sentence_timex st = place(s, cases[i].timex, &t);
		tl_mention m = mention_of(s, cases[i].timex, &t);
		tl_layout l = tl_clause_layout(s, strlen(s), &st);
		bool dropped = tl_features_dropped(s, strlen(s), &st, &l, &m);
		assert_int_equal(dropped, cases[i].dropped);
		if (dropped)
			assert_true(m.confidence < TL_EXTRACT_FLOOR);
		else
			assert_true(m.confidence >= TL_EXTRACT_FLOOR);
		tl_mention_free_fields(&m);
	}
}

static tl_event_status status_of(const char *s, const char *what, const char *value)
{
	tl_timex t = make_timex(TL_TIMEX_DATE, value, TL_GRAIN_DAY);
	tl_mention m = mention_of(s, what, &t);
	tl_event_status st = m.status;
	tl_mention_free_fields(&m);
	return st;
}

static void status_is_detected(void **state)
{
	(void)state;
	assert_int_equal(status_of("Negotiators met in London on Monday.", "Monday",
				   "2025-06-09"), TL_STATUS_DONE);
	assert_int_equal(status_of("Negotiators will meet in London on Monday.", "Monday",
				   "2025-06-09"), TL_STATUS_PLANNED);
	assert_int_equal(status_of("The truce is scheduled to expire on Aug. 12.", "Aug. 12",
				   "2025-06-09"), TL_STATUS_PLANNED);
	assert_int_equal(status_of("The ministers did not meet on Friday.", "Friday",
				   "2025-06-06"), TL_STATUS_NEGATED);
	assert_int_equal(status_of("There were no talks on Friday.", "Friday", "2025-06-06"),
			 TL_STATUS_NEGATED);
	assert_int_equal(status_of("The sides never met on Friday.", "Friday", "2025-06-06"),
			 TL_STATUS_NEGATED);
	assert_int_equal(status_of("Beijing won't retaliate, officials said on Friday.", "Friday",
				   "2025-06-06"), TL_STATUS_NEGATED);
	assert_int_equal(status_of("Tariffs were due to rise on Friday.", "Friday", "2025-06-06"),
			 TL_STATUS_PLANNED);
	assert_int_equal(status_of("The tariff set rates on Friday.", "Friday", "2025-06-06"),
			 TL_STATUS_DONE);
	assert_int_equal(status_of("Officials said they'll meet on Friday.", "Friday",
				   "2025-06-06"), TL_STATUS_PLANNED);
	assert_int_equal(status_of("Talks ended no later than Friday.", "Friday", "2025-06-06"),
			 TL_STATUS_DONE);
	/* A date after the article is planned even without a cue. */
	assert_int_equal(status_of("Higher duties take effect on July 9.", "July 9",
				   "2025-07-09"), TL_STATUS_PLANNED);
}

static double confidence_of(const char *s, const char *what, tl_timex_type type,
			    const char *value, tl_grain grain)
{
	tl_timex t = make_timex(type, value, grain);
	tl_mention m = mention_of(s, what, &t);
	double c = m.confidence;
	tl_mention_free_fields(&m);
	return c;
}

static void generic_dates_score_low(void **state)
{
	(void)state;
	double event = confidence_of("China imposed export controls on rare earths on April 4.",
				     "April 4", TL_TIMEX_DATE, "2025-04-04", TL_GRAIN_DAY);
	assert_true(event >= 0.5);
	assert_true(confidence_of("The ministry cut this year's budget for ports.", "this year",
				  TL_TIMEX_DATE, "2025", TL_GRAIN_YEAR) < TL_EXTRACT_FLOOR);
	assert_true(confidence_of("Exports were the lowest in 22 months.", "22 months",
				  TL_TIMEX_DURATION, "P22M", TL_GRAIN_NONE) < TL_EXTRACT_FLOOR);
	assert_true(confidence_of("Talks are now under way in Geneva.", "now", TL_TIMEX_DATE,
				  "PRESENT_REF", TL_GRAIN_NONE) < TL_EXTRACT_FLOOR);
	assert_true(confidence_of("Officials meet every week in Geneva.", "every week",
				  TL_TIMEX_SET, "P1W", TL_GRAIN_NONE) < TL_EXTRACT_FLOOR);
	assert_true(confidence_of("BEIJING, April 11 (Wire) - China raised tariffs.", "April 11",
				  TL_TIMEX_DATE, "2025-04-11", TL_GRAIN_DAY) < TL_EXTRACT_FLOOR);
	double quote = confidence_of("Retail sales rose, the agency said Friday.", "Friday",
				     TL_TIMEX_DATE, "2025-06-06", TL_GRAIN_DAY);
	double market = confidence_of("The Dow fell 2% on Friday as stocks slid.", "Friday",
				      TL_TIMEX_DATE, "2025-06-06", TL_GRAIN_DAY);
	assert_true(quote < event);
	assert_true(market < event);
	assert_true(confidence_of("The trade war began in 2018.", "2018", TL_TIMEX_DATE, "2018",
				  TL_GRAIN_YEAR) < event);
	/* "S&P" and "Wall Street" anywhere in the clause make a market report:
	 * half the confidence; a plain "Street" or "S&" does not. */
	static const struct {
		const char *s;
		bool market;
	} named[] = {
		{"Wall Street banks opened a new office in Geneva on Friday.", true},
		{"The banks opened a Wall Street office in Geneva on Friday.", true},
		{"The banks opened a new office in Geneva on Friday near Wall Street.", true},
		{"The banks joined the S&P panel in Geneva on Friday.", true},
		{"The banks opened a Main Street office in Geneva on Friday.", false},
		{"The banks opened a new office at Wall Streets in Geneva on Friday.", true},
		{"The banks opened a Wal Street office in Geneva on Friday.", false},
		{"The banks joined the S&A panel in Geneva on Friday.", false},
		{"S&P analysts met bankers in Geneva on Friday.", true},
	};
	double base = confidence_of("The banks opened a new office in Geneva on Friday.", "Friday",
				    TL_TIMEX_DATE, "2025-06-06", TL_GRAIN_DAY);
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		double c = confidence_of(named[i].s, "Friday", TL_TIMEX_DATE, "2025-06-06",
					 TL_GRAIN_DAY);
		assert_true(fabs(c - (named[i].market ? base * 0.5 : base)) < 1e-9);
	}
}

static void figures_and_anchored_durations(void **state)
{
	(void)state;
	const char *s = "Duties rose to 145% from 125 percent on imports worth $50 billion under a "
			"90-day truce agreed in May.";
	tl_timex dur = make_timex(TL_TIMEX_DURATION, "P90D", TL_GRAIN_NONE);
	tl_timex may = make_timex(TL_TIMEX_DATE, "2025-05", TL_GRAIN_MONTH);
	tl_sentence_timex tx[2] = {place(s, "90-day", &dur), place(s, "May", &may)};
	tl_mention m;
	assert_int_equal(tl_extract_sentence(s, strlen(s), tx, 2, 1, dct, &m), TL_OK);
	assert_true(has(&m.figures, "145%"));
	assert_true(has(&m.figures, "125%"));
	assert_true(has(&m.figures, "$50 billion"));
	assert_true(has(&m.figures, "90-day"));
	assert_true(has(&m.keywords, "truc")); /* stemmed */
	assert_int_equal(m.status, TL_STATUS_DONE);
	assert_true(has(&m.keywords, "tariff")); /* "duties", folded */
	assert_false(has(&m.keywords, "may"));
	assert_string_equal(m.value, "2025-05");
	assert_int_equal(m.first.month, 5);
	assert_int_equal(m.end_date.month, 6);
	assert_non_null(strstr(m.title, "90-day truce agreed"));
	assert_null(strstr(m.title, "May"));
	tl_mention_free_fields(&m);

	/* The duration alone is no event. */
	tl_mention d;
	assert_int_equal(tl_extract_sentence(s, strlen(s), tx, 2, 0, dct, &d), TL_OK);
	assert_true(d.confidence < TL_EXTRACT_FLOOR);
	tl_mention_free_fields(&d);
}

/* Every synonym of the keyword stemmer folds, whatever its case and suffix;
 * words next to them in length and letter do not. */
static void keyword_synonyms_fold(void **state)
{
	(void)state;
	const char *s = "Duty, LEVY, licence, expiry, lapses, reductions, slashed, halved, "
			"agreements, pact, negotiations, duel, lever, pacts, expired, reduced";
	tl_strings k = {0};
	assert_int_equal(tl_extract_keywords(s, strlen(s), &k), TL_OK);
	tl_strings_finish(&k);
	const char *want[] = {"cut", "deadlin", "deal", "duel", "lever", "licens", "talk",
			      "tariff"};
	assert_int_equal(k.count, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < k.count; i++)
		assert_string_equal(k.items[i], want[i]);
	tl_strings_free(&k);
}

static void intervals_of_values(void **state)
{
	(void)state;
	tl_date f, e;
	tl_grain g;
	assert_int_equal(tl_extract_interval("2025-W23", &f, &e, &g), TL_OK);
	assert_int_equal(f.month * 100 + f.day, 602);
	assert_int_equal(e.month * 100 + e.day, 609);
	assert_int_equal(g, TL_GRAIN_WEEK);
	assert_int_equal(tl_extract_interval("2025-05", &f, &e, &g), TL_OK);
	assert_int_equal(f.day, 1);
	assert_int_equal(e.month, 6);
	assert_int_equal(tl_extract_interval("2025-12-31", &f, &e, &g), TL_OK);
	assert_int_equal(e.year, 2026);
	assert_int_equal(tl_extract_interval("2025-Q2", &f, &e, &g), TL_OK);
	assert_int_equal(f.month, 4);
	assert_int_equal(e.month, 7);
	assert_int_not_equal(tl_extract_interval("P90D", &f, &e, &g), TL_OK);
	assert_int_not_equal(tl_extract_interval("2025-02-30", &f, &e, &g), TL_OK);
}

/* A hand-built article on raw: the cleaner fills its text and offset map; its
 * sentences are left to the caller (the splitter is not ours). */
static void hand_article(tl_article *a, const char *name, const char *raw, size_t len,
			 tl_date date)
{
	memset(a, 0, sizeof *a);
	a->name = (char *)name;
	a->raw = (char *)raw;
	a->raw_len = len;
	a->date = date;
	assert_int_equal(tl_text_clean(raw, a->raw_len, 0, NULL, &a->text, NULL), TL_OK);
	free(a->text.sentences);
	a->text.sentences = NULL;
}

/* Gives a the two dates tx as its tags and extracts its mentions: two of them. */
static tl_mention *two_mentions(tl_article *a, tl_timex tx[2])
{
	a->timexes = tx;
	a->n_timexes = 2;
	a->tagged = true;
	tl_mention *ms = NULL;
	size_t count = 0;
	assert_int_equal(tl_extract_article(a, &ms, &count, NULL), TL_OK);
	assert_int_equal(count, 2);
	return ms;
}

static void free_mentions(tl_mention *ms, size_t count)
{
	for (size_t i = 0; i < count; i++)
		tl_mention_free_fields(&ms[i]);
	free(ms);
}

/* A hand-built article: the text split on ". " (the splitter is not ours). */
static void article_mentions_map_offsets(void **state)
{
	(void)state;
	const char *raw = "Trump and Xi spoke by phone on Thursday. Talks open in London on "
			  "Monday. Nothing else happened.";
	tl_article a;
	hand_article(&a, "doc-a", raw, strlen(raw), (tl_date){2025, 6, 6});
	a.source = "Wire";
	/* The cleaner maps offsets; the sentences are ours (split on ". "). */
	assert_string_equal(a.text.clean, raw);
	tl_span *spans = calloc(4, sizeof *spans);
	assert_non_null(spans);
	size_t n = 0, start = 0;
	for (const char *p = raw; (p = strstr(p, ". ")) != NULL; p += 2) {
		spans[n].start = start;
		spans[n++].end = (size_t)(p - raw) + 1;
		start = (size_t)(p - raw) + 2;
	}
	spans[n].start = start;
	spans[n++].end = a.raw_len;
	a.text.sentences = spans;
	a.text.n_sentences = n;
	tl_timex tx[2] = {make_timex(TL_TIMEX_DATE, "2025-06-05", TL_GRAIN_DAY),
			  make_timex(TL_TIMEX_DATE, "2025-06-09", TL_GRAIN_DAY)};
	place_at(&tx[0], raw, "Thursday");
	place_at(&tx[1], raw, "Monday");
	tl_mention *ms = two_mentions(&a, tx);
	assert_string_equal(ms[0].doc, "doc-a");
	assert_string_equal(ms[0].source, "Wire");
	assert_null(ms[0].url);
	assert_int_equal(ms[0].start, tx[0].start);
	assert_int_equal(ms[0].sentence_start, 0);
	assert_int_equal(ms[0].sentence_end, spans[0].end);
	assert_string_equal(ms[0].text, "Thursday");
	assert_string_equal(ms[0].title, "Trump and Xi spoke by phone");
	assert_true(has(&ms[0].actors, "Donald Trump"));
	assert_true(has(&ms[0].actors, "Xi Jinping"));
	assert_int_equal(ms[1].sentence_start, spans[1].start);
	assert_string_equal(ms[1].sentence, "Talks open in London on Monday.");
	assert_int_equal(ms[1].status, TL_STATUS_PLANNED);
	/* The map step's lines (arena mentions) are those of the owned mentions. */
	tl_buf want = TL_BUF_INIT, got = TL_BUF_INIT;
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(tl_mention_jsonl_put(&want, &ms[i]), TL_OK);
		assert_int_equal(tl_buf_putc(&want, '\n'), TL_OK);
	}
	assert_int_equal(tl_extract_article_jsonl(&a, &got, NULL), TL_OK);
	assert_non_null(got.data);
	assert_string_equal(got.data, want.data);
	/* The build's mentions (in its arena) write the same lines too, and
	 * outlive the article's strings: doc, source and url are the arena's. */
	char name[] = "doc-a";
	a.name = name;
	tl_xarena arena = TL_XARENA_INIT;
	tl_mention *in = NULL;
	tl_mention_lens *lens = NULL;
	size_t n_in = 0;
	assert_int_equal(tl_extract_article_in(&arena, &a, &in, &lens, &n_in, NULL), TL_OK);
	assert_int_equal(n_in, 2);
	assert_non_null(lens);
	memset(name, 'x', sizeof name - 1);
	a.name = "doc-a";
	tl_buf_reset(&got);
	for (size_t i = 0; i < n_in; i++) {
		assert_false(in[i].pooled);
		assert_int_equal(lens[i].text, strlen(in[i].text));
		assert_int_equal(lens[i].sentence, strlen(in[i].sentence));
		assert_int_equal(lens[i].title, strlen(in[i].title));
		assert_int_equal(lens[i].doc, strlen("doc-a"));
		assert_int_equal(lens[i].source, strlen("Wire"));
		assert_int_equal(tl_mention_jsonl_put(&got, &in[i]), TL_OK);
		assert_int_equal(tl_buf_putc(&got, '\n'), TL_OK);
	}
	assert_string_equal(got.data, want.data);
	assert_ptr_equal(in[0].doc, in[1].doc); /* one copy for the article */
	assert_ptr_equal(in[0].source, in[1].source);
	assert_null(in[1].url);
	free(in);
	free(lens);
	/* No sentences: nothing, and no arrays. */
	a.text.n_sentences = 0;
	assert_int_equal(tl_extract_article_in(&arena, &a, &in, &lens, &n_in, NULL), TL_OK);
	assert_int_equal(n_in, 0);
	assert_null(in);
	assert_null(lens);
	a.text.n_sentences = n;
	tl_xarena_free(&arena);
	tl_buf_free(&want);
	tl_buf_free(&got);
	free_mentions(ms, 2);
	/* No sentences yet (placeholder splitter): no mentions, no failure. */
	size_t count = 0;
	a.text.n_sentences = 0;
	assert_int_equal(tl_extract_article(&a, &ms, &count, NULL), TL_OK);
	assert_int_equal(count, 0);
	assert_null(ms);
	a.text.n_sentences = n;
	tl_text_free(&a.text);
}

/* A run-on sentence with n dates "May 12"; all the same value when same_value, else
 * n different ones. Returns the mentions extracted (checked for shape) and frees them. */
static size_t run_on_sentence(bool same_value)
{
	const char *unit = "talks were held in Geneva on May 12 and ";
	size_t n = 4000, ul = strlen(unit);
	char *raw = malloc(n * ul + 2);
	assert_non_null(raw);
	for (size_t i = 0; i < n; i++)
		memcpy(raw + i * ul, unit, ul);
	raw[n * ul] = '.';
	raw[n * ul + 1] = '\0';
	tl_article a;
	hand_article(&a, "long", raw, n * ul + 1, (tl_date){2025, 5, 13});
	a.text.sentences = calloc(1, sizeof *a.text.sentences);
	assert_non_null(a.text.sentences);
	a.text.sentences[0].start = 0;
	a.text.sentences[0].end = a.text.len;
	a.text.n_sentences = 1;
	tl_timex *tx = calloc(n, sizeof *tx);
	assert_non_null(tx);
	for (size_t i = 0; i < n; i++) {
		char value[16];
		snprintf(value, sizeof value, "%04d-05-12", same_value ? 2025 : 2000 + (int)i);
		tx[i] = make_timex(TL_TIMEX_DATE, value, TL_GRAIN_DAY);
		tx[i].start = i * ul + (size_t)(strstr(unit, "May") - unit);
		tx[i].end = tx[i].start + 6;
	}
	a.timexes = tx;
	a.n_timexes = n;
	tl_mention *ms = NULL;
	size_t count = 0;
	assert_int_equal(tl_extract_article(&a, &ms, &count, NULL), TL_OK);
	for (size_t i = 0; i < count; i++) {
		assert_true(strlen(ms[i].sentence) <= TL_SENTENCE_MAX + ul);
		assert_true(ms[i].sentence_start <= ms[i].start);
		assert_true(ms[i].end <= ms[i].sentence_end);
		assert_string_equal(ms[i].text, "May 12");
		tl_mention_free_fields(&ms[i]);
	}
	free(ms);
	free(tx);
	tl_text_free(&a.text);
	free(raw);
	return count;
}

/* Two dates in one clause: the article walk builds the clause's headline and
 * features once and copies them; they must equal what each date gets alone. */
static void dates_sharing_a_clause_share_its_features(void **state)
{
	(void)state;
	const char *raw = "Trump and Xi met in Geneva on May 1 and again on May 3 to cut "
			  "tariffs by 90 percent.";
	tl_article a;
	hand_article(&a, "doc-b", raw, strlen(raw), (tl_date){2025, 6, 6});
	tl_span *spans = calloc(1, sizeof *spans);
	assert_non_null(spans);
	spans[0] = (tl_span){0, a.raw_len};
	a.text.sentences = spans;
	a.text.n_sentences = 1;
	tl_timex tx[2] = {make_timex(TL_TIMEX_DATE, "2025-05-01", TL_GRAIN_DAY),
			  make_timex(TL_TIMEX_DATE, "2025-05-03", TL_GRAIN_DAY)};
	place_at(&tx[0], raw, "May 1");
	place_at(&tx[1], raw, "May 3");
	tl_mention *ms = two_mentions(&a, tx);
	assert_string_equal(ms[0].title, ms[1].title);
	assert_true(has(&ms[1].actors, "Donald Trump"));
	assert_true(has(&ms[1].figures, "90%"));
	tl_sentence_timex st[2] = {{tx[0].start, tx[0].end, &tx[0]}, {tx[1].start, tx[1].end, &tx[1]}};
	for (size_t k = 0; k < 2; k++) {
		tl_mention alone;
		assert_int_equal(tl_extract_sentence(raw, a.raw_len, st, 2, k, a.date, &alone),
				 TL_OK);
		assert_string_equal(ms[k].title, alone.title);
		same_strings(&ms[k].actors, &alone.actors);
		same_strings(&ms[k].keywords, &alone.keywords);
		same_strings(&ms[k].figures, &alone.figures);
		assert_int_equal(ms[k].status, alone.status);
		assert_true(ms[k].confidence == alone.confidence);
		tl_mention_free_fields(&alone);
	}
	free_mentions(ms, 2);
	tl_text_free(&a.text);
}

/* Cutting dates in two steps (the cuts, then the text) gives what the one-step
 * cut gives, for every separator and range. */
static void date_cuts_in_two_steps(void **state)
{
	(void)state;
	const char *s = "Trump, on Friday, said talks that began on Thursday, Oct. 30, in Busan "
			"would resume by June 4 and last 90 days.";
	tl_timex fri = make_timex(TL_TIMEX_DATE, "2025-10-31", TL_GRAIN_DAY);
	tl_timex thu = make_timex(TL_TIMEX_DATE, "2025-10-30", TL_GRAIN_DAY);
	tl_timex jun = make_timex(TL_TIMEX_DATE, "2026-06-04", TL_GRAIN_DAY);
	tl_timex dur = make_timex(TL_TIMEX_DURATION, "P90D", TL_GRAIN_NONE);
	tl_sentence_timex tx[4] = {place(s, "Friday", &fri), place(s, "Thursday, Oct. 30", &thu),
				   place(s, "June 4", &jun), place(s, "90 days", &dur)};
	size_t len = strlen(s);
	const size_t ranges[][2] = {{0, len}, {7, len}, {0, 60}, {20, 90}};
	const char *seps[] = {" ", " ; "};
	for (size_t r = 0; r < 4; r++) {
		for (size_t k = 0; k < 2; k++) {
			size_t a = ranges[r][0], b = ranges[r][1];
			tl_buf one = TL_BUF_INIT, two = TL_BUF_INIT;
			tl_cut cuts[4];
			assert_int_equal(tl_headline_cut_dates(s, len, a, b, tx, 4, 0, seps[k], &one),
					 TL_OK);
			size_t n = tl_headline_find_cuts(s, len, a, b, tx, 4, 0, cuts, 0, NULL);
			assert_int_equal(n, r < 2 ? 3 : (r == 2 ? 2 : 1)); /* durations stay */
			assert_int_equal(tl_headline_apply_cuts(s, a, b, cuts, n, seps[k], &two),
					 TL_OK);
			assert_string_equal(one.data, two.data);
			tl_buf_free(&one);
			tl_buf_free(&two);
		}
		/* Each date's removal span, handed out on the way, is the one
		 * tl_clause_removal_span() finds with floor a (dates outside the
		 * range, and the duration, hand out none). */
		for (size_t anchor = 0; anchor < 4; anchor++) {
			size_t a = ranges[r][0], b = ranges[r][1];
			tl_cut cuts[4], removal = {SIZE_MAX, SIZE_MAX};
			tl_headline_find_cuts(s, len, a, b, tx, 4, 0, cuts, anchor, &removal);
			bool inside = anchor < 3 && tx[anchor].start >= a && tx[anchor].end <= b;
			if (!inside) {
				assert_int_equal(removal.rs, SIZE_MAX);
				continue;
			}
			size_t rs, re;
			tl_clause_removal_span(s, len, a, &tx[anchor], &rs, &re);
			assert_int_equal(removal.rs, rs);
			assert_int_equal(removal.re, re);
		}
	}
}

/* A run-on sentence with thousands of dates: cut into pieces, every date kept, linear time. */
static void run_on_sentences_are_cut(void **state)
{
	(void)state;
	assert_int_equal(run_on_sentence(false), 4000);
}

/* The same date said thousands of times in one sentence is a few mentions, not thousands. */
static void repeated_date_in_one_sentence_is_capped(void **state)
{
	(void)state;
	size_t count = run_on_sentence(true);
	assert_true(count >= 1);
	assert_true(count * 4 < 4000); /* at most 3 of the ~25 dates in each cut piece */
}

/* The word index answers every table at once, ignoring ASCII case only. */
static void lexicon_flags_cover_every_table(void **state)
{
	(void)state;
	assert_int_equal(tl_lexicon_flags("after", 5),
			 TL_LEX_DATE_PREP | TL_LEX_LEAD | TL_LEX_DANGLING | TL_LEX_COMMA_CONJ |
				 TL_LEX_SUBORDINATOR | TL_LEX_STOPWORD);
	assert_int_equal(tl_lexicon_flags("SAID", 4),
			 TL_LEX_REPORTING | TL_LEX_QUOTE | TL_LEX_STOPWORD);
	assert_int_equal(tl_lexicon_flags("Nasdaq", 6), TL_LEX_MARKET);
	assert_int_equal(tl_lexicon_flags("Morning", 7), TL_LEX_NOT_PARTICIPLE);
	assert_int_equal(tl_lexicon_flags("whose", 5), TL_LEX_COMMA_ENDER | TL_LEX_STOPWORD);
	assert_int_equal(tl_lexicon_flags("budget", 6), TL_LEX_GENERIC_HEAD);
	assert_int_equal(tl_lexicon_flags("threatens", 9), TL_LEX_PLANNED);
	assert_int_equal(tl_lexicon_flags("aftermath", 5), tl_lexicon_flags("after", 5));
	assert_int_equal(tl_lexicon_flags("A", 1), TL_LEX_DANGLING | TL_LEX_STOPWORD);
	assert_int_equal(tl_lexicon_flags("S", 1), TL_LEX_STOPWORD);
	assert_int_equal(tl_lexicon_flags("x", 1), 0);
	assert_int_equal(tl_lexicon_flags("A[", 2), 0);
	assert_int_equal(tl_lexicon_flags("a{", 2), 0);
	assert_int_equal(tl_lexicon_flags("Whereas", 7), TL_LEX_LEAD | TL_LEX_COMMA_CONJ);
	assert_int_equal(tl_lexicon_flags("tariff", 6), 0);
	assert_int_equal(tl_lexicon_flags("said's", 6), 0);
	assert_int_equal(tl_lexicon_flags("", 0), 0);
	assert_int_equal(tl_lexicon_flags("saidsaidsaidsaid", 16), 0);
	assert_int_equal(tl_lexicon_flags("s\xC3\xA4id", 5), 0);
	assert_int_equal(tl_lexicon_flags("Never", 5), TL_LEX_NEGATOR);
	assert_int_equal(tl_lexicon_flags("not", 3), TL_LEX_NEGATOR | TL_LEX_STOPWORD);
	assert_int_equal(tl_lexicon_flags("NO", 2), TL_LEX_DATE_PREP | TL_LEX_STOPWORD | TL_LEX_NO);
	assert_int_equal(tl_lexicon_flags("Set", 3), TL_LEX_PLANNED | TL_LEX_NEEDS_TO);
	assert_int_equal(tl_lexicon_flags("due", 3), TL_LEX_PLANNED | TL_LEX_NEEDS_TO);
}

/* A lookup for some tables answers those only, whatever else the word is. */
static void lexicon_find_answers_the_wanted_tables(void **state)
{
	(void)state;
	assert_int_equal(tl_lexicon_find("After", 5, TL_LEX_SUBORDINATOR), TL_LEX_SUBORDINATOR);
	assert_int_equal(tl_lexicon_find("after", 5, TL_LEX_MARKET | TL_LEX_QUOTE), 0);
	assert_int_equal(tl_lexicon_find("said", 4, TL_LEX_QUOTE | TL_LEX_MARKET), TL_LEX_QUOTE);
	assert_int_equal(tl_lexicon_find("stocks", 6, TL_LEX_MARKET | TL_LEX_NO), TL_LEX_MARKET);
	assert_int_equal(tl_lexicon_find("no", 2, TL_LEX_NO | TL_LEX_NEGATOR), TL_LEX_NO);
	/* Same first letters and length as table words, but no table word. */
	assert_int_equal(tl_lexicon_find("aftex", 5, 0xFFFFu), 0);
	assert_int_equal(tl_lexicon_find("stockx", 6, TL_LEX_MARKET), 0);
	assert_int_equal(tl_lexicon_find("s\xC3\xA4id", 5, 0xFFFFu), 0);
	assert_int_equal(tl_lexicon_find("SAID", 4, 0), 0);
}

/* Whitespace runs, tabs and line breaks in a sentence fold to single spaces
 * wherever they are (the fold skips a regular prefix eight bytes at a time),
 * and the dates keep their places. */
static void sentences_fold_anywhere(void **state)
{
	(void)state;
	static const struct {
		const char *raw, *folded;
	} cases[] = {
		{"Officials in the capital said the trade talks resumed  on\tMonday in Geneva.",
		 "Officials in the capital said the trade talks resumed on Monday in Geneva."},
		{"Officials in the capital said the trade talks resumed on Monday\n\nin Geneva.",
		 "Officials in the capital said the trade talks resumed on Monday in Geneva."},
		{"Officials  in the capital said the trade talks resumed on Monday in Geneva.",
		 "Officials in the capital said the trade talks resumed on Monday in Geneva."},
		{"Officials in the capital said the trade talks resumed on Monday in Geneva. \t",
		 "Officials in the capital said the trade talks resumed on Monday in Geneva."},
		{"Officials in the capital said the trade talks resumed on Monday in Geneva.",
		 "Officials in the capital said the trade talks resumed on Monday in Geneva."},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		const char *raw = cases[c].raw;
		tl_article a;
		hand_article(&a, "fold", raw, strlen(raw), (tl_date){2025, 6, 10});
		a.text.sentences = calloc(1, sizeof *a.text.sentences);
		assert_non_null(a.text.sentences);
		a.text.sentences[0].end = a.text.len;
		a.text.n_sentences = 1;
		tl_timex tx = make_timex(TL_TIMEX_DATE, "2025-06-09", TL_GRAIN_DAY);
		place_at(&tx, raw, "Monday");
		a.timexes = &tx;
		a.n_timexes = 1;
		tl_mention *ms = NULL;
		size_t count = 0;
		assert_int_equal(tl_extract_article(&a, &ms, &count, NULL), TL_OK);
		assert_int_equal(count, 1);
		assert_string_equal(ms[0].sentence, cases[c].folded);
		assert_string_equal(ms[0].text, "Monday");
		assert_int_equal(ms[0].start, tx.start);
		assert_string_equal(ms[0].title,
				    "Officials in the capital said the trade talks resumed in Geneva");
		free_mentions(ms, count);
		tl_text_free(&a.text);
	}
}

/* The word-end table says what tl_word_char() and the apostrophe say. */
static void word_end_table_matches_word_bytes(void **state)
{
	(void)state;
	for (int c = 0; c < 256; c++)
		assert_int_equal(tl_word_end_byte[c], tl_word_char((unsigned char)c) || c == '\'');
	for (int c = 0; c < 256; c++)
		assert_int_equal(tl_word_char_byte[c], tl_word_char((unsigned char)c));
	assert_int_equal(tl_word_end("can't stop", 10, 0), 5);
	assert_int_equal(tl_word_end("caf\xC3\xA9s, then", 13, 0), 6);
}

/* Sets in an arena sort and drop duplicates as owned sets do, and keep
 * their strings across blocks until the arena is freed. */
static void arena_sets_match_owned_sets(void **state)
{
	(void)state;
	static const char *const words[] = {
		"tariff", "deal",	  "tariff",	"china",    "cut",	    "deal",    "beijing",
		"a",	  "cut",	  "zebra",	"negotiations", "negotiator", "negotiat",
		"negotiations"};
	tl_xarena arena = TL_XARENA_INIT;
	tl_strings in_arena = {NULL, 0}, owned = {NULL, 0};
	for (int round = 0; round < 2; round++) {
		for (size_t k = 0; k < 200; k++) {
			const char *w = words[k % (sizeof words / sizeof words[0])];
			assert_int_equal(tl_xarena_push(&arena, &in_arena, w, strlen(w)), TL_OK);
			assert_int_equal(tl_xarena_push(NULL, &owned, w, strlen(w)), TL_OK);
		}
		/* A block's worth of other strings in between. */
		for (size_t k = 0; k < 3000; k++)
			assert_non_null(tl_xarena_strndup(&arena, "0123456789abcdef0123456789", 26));
		char *big = tl_xarena_alloc(&arena, 200000);
		assert_non_null(big);
		memset(big, 'x', 200000);
		/* Every item kept in order across the array's growth steps. */
		assert_int_equal(in_arena.count, 200);
		for (size_t k = 0; k < 200; k++)
			assert_string_equal(in_arena.items[k],
					    words[k % (sizeof words / sizeof words[0])]);
		tl_xarena_finish(&arena, &in_arena);
		tl_xarena_finish(NULL, &owned);
		same_strings(&in_arena, &owned);
		assert_int_equal(in_arena.count, 10);
		assert_string_equal(in_arena.items[5], "negotiat");
		assert_string_equal(in_arena.items[6], "negotiations");
		assert_string_equal(in_arena.items[0], "a");
		assert_string_equal(in_arena.items[9], "zebra");
		tl_strings_free(&owned);
		/* A reset forgets everything: start again from empty sets. */
		tl_xarena_reset(&arena);
		in_arena = (tl_strings){NULL, 0};
	}
	tl_xarena_free(&arena);
	tl_xarena_free(&arena); /* freeing twice is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lexicon_flags_cover_every_table),
		cmocka_unit_test(lexicon_find_answers_the_wanted_tables),
		cmocka_unit_test(dropped_mentions_score_below_the_floor),
		cmocka_unit_test(titles_from_table),
		cmocka_unit_test(long_titles_cut_at_words_outside_quotes),
		cmocka_unit_test(long_titles_cut_at_their_last_space),
		cmocka_unit_test(actors_are_found_and_normalized),
		cmocka_unit_test(actors_start_only_at_capitalized_tokens),
		cmocka_unit_test(clauses_are_bounded_by_marks_and_subordinators),
		cmocka_unit_test(status_is_detected),
		cmocka_unit_test(generic_dates_score_low),
		cmocka_unit_test(figures_and_anchored_durations),
		cmocka_unit_test(keyword_synonyms_fold),
		cmocka_unit_test(intervals_of_values),
		cmocka_unit_test(article_mentions_map_offsets),
		cmocka_unit_test(arena_sets_match_owned_sets),
		cmocka_unit_test(word_end_table_matches_word_bytes),
		cmocka_unit_test(sentences_fold_anywhere),
		cmocka_unit_test(dates_sharing_a_clause_share_its_features),
		cmocka_unit_test(date_cuts_in_two_steps),
		cmocka_unit_test(run_on_sentences_are_cut),
		cmocka_unit_test(repeated_date_in_one_sentence_is_capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
