/*
 * test_tense.c - unit tests for the tense cues (tense.c): the tense read around
 * spans of hand-written sentences, and the index, which must give exactly what
 * the direct scan gives for every span of the sample articles and of generated
 * text full of cues, stops and long sentences.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tense.h"

/* The tense of the first occurrence of span in text, by the scan and by an index
 * on the heap and on the stack. */
static int tense_of(const char *text, const char *span)
{
	const char *p = strstr(text, span);
	if (!p)
		fail_msg("'%s' not in '%s'", span, text);
	size_t len = strlen(text), start = (size_t)(p - text), end = start + strlen(span);
	int t = tl_tense_scan(text, len, start, end);
	tl_tense_index *ix = tl_tense_index_new(text, len);
	assert_non_null(ix);
	assert_int_equal(tl_tense_index_at(ix, start, end), t);
	tl_tense_index_free(ix);
	tl_tense_index on_stack;
	tl_tense_index_init(&on_stack, text, len);
	assert_int_equal(tl_tense_index_at(&on_stack, start, end), t);
	return t;
}

static void cues(void **state)
{
	(void)state;
	/* a cue right before the span */
	assert_int_equal(tense_of("Officials said Tuesday the plan worked.", "Tuesday"), -2);
	assert_int_equal(tense_of("The board will meet in January.", "January"), 3);
	assert_int_equal(tense_of("Talks resume Monday in Geneva.", "Monday"), 2);
	assert_int_equal(tense_of("The bonds will be paid Dec. 14.", "Dec. 14"), 2);
	assert_int_equal(tense_of("The plant is expected to close Friday.", "Friday"), 2);
	assert_int_equal(tense_of("Reforms succeed Monday, indeed.", "Monday"), 0);
	/* the words of the rules in any case */
	assert_int_equal(tense_of("The board WILL Meet in January.", "January"), 3);
	assert_int_equal(tense_of("Talks Resumes Monday in Geneva.", "Monday"), 2);
	assert_int_equal(tense_of("The plant IS EXPECTED to close Friday.", "Friday"), 2);
	assert_int_equal(tense_of("Reforms SUCCEED Monday, INDEED.", "Monday"), 0);
	assert_int_equal(tense_of("The bonds were walkED Friday.", "Friday"), -2);
	assert_int_equal(tense_of("The unnamed Friday talks.", "Friday"), -1);
	/* no cue nearby: the majority of the sentence */
	assert_int_equal(tense_of("In January, the firm said sales rose.", "January"), -1);
	assert_int_equal(tense_of("In January, the plant could open and may grow.", "January"), 1);
	assert_int_equal(tense_of("In March, the United Nations meets.", "March"), 0);
	/* the span's own words and other sentences do not count */
	assert_int_equal(tense_of("He said so. On Friday, talks go on.", "Friday"), 0);
	assert_int_equal(tense_of("On the last Friday, talks go on.", "the last Friday"), 0);
	assert_int_equal(tense_of("The U.S. envoy said, on Friday, talks go on.", "Friday"), -1);
	assert_int_equal(tense_of("Prices rose.\n\nOn Friday, talks go on.", "Friday"), 0);
	/* the main clause after "when" is looked for up to the sentence's end only */
	assert_int_equal(
	    tense_of("On Friday when talks ended. They will go, and may win.", "Friday"), -1);
	/* a lower-case word in -ed counts as past, in the main clause or the sentence */
	assert_int_equal(tense_of("On Friday, the firm walked out.", "Friday"), -1);
	assert_int_equal(tense_of("In the first week of March the firm walked out.", "March"), -1);
	assert_int_equal(tense_of("In the first week of March the firm WALKED out.", "March"), 0);
	assert_int_equal(tense_of("In the first week of March the firm Walked out.", "March"), 0);
	/* a title ("Mr.", "vs.") or a stop before a comma does not end the sentence */
	assert_int_equal(tense_of("In January, Mr. Smith resigned.", "January"), -1);
	assert_int_equal(tense_of("In March, Roe vs. Wade was argued.", "March"), -1);
	assert_int_equal(tense_of("In May, a bomb in Selma, Ala., injured two.", "May"), -1);
	assert_int_equal(tense_of("In May, sales of Acme Co. Fell.", "May"), 0);
	/* a plan made in the past: "had" before a likely future cue */
	assert_int_equal(tense_of("The offer had been due to expire Friday.", "Friday"), -2);
	assert_int_equal(tense_of("Talks had been scheduled to resume Monday.", "Monday"), -2);
	assert_int_equal(tense_of("He had said talks resume Monday.", "Monday"), 2);
	/* a stop inside the span does not end its sentence */
	assert_int_equal(tense_of("In the first week of March. Prices could rise and may grow.",
	                          "March. Prices"),
	                 1);
}

/* Every cue of tense.c, with the tense it counts for and whether it is a past verb
 * right before a span: each one is found in lower case, capitalized and in upper
 * case (the letters that turn words down before hashing must let them all pass),
 * and words near them are not cues. */
static const struct {
	const char *w;
	int tense;
	bool past;
} all_cues[] = {{"ll", 1, false},        {"ago", -1, true},       {"did", -1, true},
                {"due", 1, false},       {"got", -1, true},       {"had", -1, true},
                {"hit", -1, true},       {"led", -1, true},       {"may", 1, false},
                {"met", -1, true},       {"ran", -1, true},       {"saw", -1, true},
                {"was", -1, true},       {"won", 1, true},        {"came", -1, true},
                {"drew", -1, true},      {"fell", -1, true},      {"felt", -1, true},
                {"flew", -1, true},      {"gave", -1, true},      {"grew", -1, true},
                {"held", -1, true},      {"knew", -1, true},      {"last", -1, true},
                {"left", -1, true},      {"lost", -1, true},      {"made", -1, true},
                {"next", 1, false},      {"paid", -1, true},      {"plan", 1, false},
                {"quit", -1, true},      {"rang", -1, true},      {"rose", -1, true},
                {"said", -1, true},      {"sent", -1, true},      {"shot", -1, true},
                {"sold", -1, true},      {"told", -1, true},      {"took", -1, true},
                {"went", -1, true},      {"were", -1, true},      {"will", 1, false},
                {"wore", -1, true},      {"began", -1, true},     {"broke", -1, true},
                {"chose", -1, true},     {"could", 1, false},     {"found", -1, true},
                {"froze", -1, true},     {"going", 1, false},     {"might", 1, false},
                {"plans", 1, false},     {"shall", 1, false},     {"spent", -1, true},
                {"spoke", -1, true},     {"stood", -1, true},     {"swore", -1, true},
                {"threw", -1, true},     {"would", 1, false},     {"wrote", -1, true},
                {"became", -1, true},    {"bought", -1, true},    {"fought", -1, true},
                {"struck", -1, true},    {"taught", -1, true},    {"brought", -1, true},
                {"earlier", -1, true},   {"expects", 1, false},   {"intends", 1, false},
                {"thought", -1, true},   {"expected", 1, false},  {"reported", -1, true},
                {"tomorrow", 1, false},  {"upcoming", 1, false},  {"announced", -1, true},
                {"scheduled", 1, false}, {"yesterday", -1, true}, {"understood", -1, true}};

/* s with its letters in lower case (0), its first one in upper case (1), all of them
 * (2). */
static void cased(char *out, const char *s, int how)
{
	for (size_t k = 0; s[k]; k++)
		out[k] = (how == 2 || (how == 1 && k == 0)) && s[k] >= 'a' && s[k] <= 'z'
		             ? (char)(s[k] - 'a' + 'A')
		             : s[k];
	out[strlen(s)] = '\0';
}

static void every_cue(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof all_cues / sizeof all_cues[0]; k++) {
		for (int how = 0; how < 3; how++) {
			char w[16], text[64];
			cased(w, all_cues[k].w, how);
			/* the main clause after an opening span: its first cue decides */
			snprintf(text, sizeof text, "On Friday, the firm %s it.", w);
			if (tense_of(text, "Friday") != (all_cues[k].tense > 0 ? 1 : -1))
				fail_msg("'%s': not read as a cue", text);
			/* a past verb right before the span */
			if (all_cues[k].past) {
				snprintf(text, sizeof text, "Officials %s Friday.", w);
				if (tense_of(text, "Friday") != -2)
					fail_msg("'%s': not read as a past verb", text);
			}
		}
	}
	/* the same first and last letters and length as cues, or a cue's letters
	 * with more */
	static const char *const not_cues[] = {"sad",  "wall",  "Mays", "nexts", "willy",
	                                       "a",    "l",     "sai",  "saidx", "wen",
	                                       "wont", "lasts", "hast", "ELL"};
	for (size_t k = 0; k < sizeof not_cues / sizeof not_cues[0]; k++) {
		char text[64];
		snprintf(text, sizeof text, "On Friday, the firm %s it.", not_cues[k]);
		if (tense_of(text, "Friday") != 0)
			fail_msg("'%s': read as a cue", text);
	}
}

/* Each verb of a scheduled event, with or without -s and in either case, right
 * before a span: a likely future, sure after "will"; words near them are not. */
static void scheduled_verbs(void **state)
{
	(void)state;
	static const char *const verbs[] = {"meet",   "begin", "start",  "open",  "resume",
	                                    "arrive", "vote",  "expire", "visit", "travel"};
	for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++) {
		for (int how = 0; how < 3; how++) {
			char w[16], ws[24], text[64];
			cased(w, verbs[k], how);
			snprintf(ws, sizeof ws, "%s%s", w, how == 2 ? "S" : "s");
			snprintf(text, sizeof text, "Talks %s Monday.", w);
			if (tense_of(text, "Monday") != 2)
				fail_msg("'%s': not a scheduled event", text);
			snprintf(text, sizeof text, "Talks %s Monday.", ws);
			if (tense_of(text, "Monday") != 2)
				fail_msg("'%s': not a scheduled event", text);
			snprintf(text, sizeof text, "Talks will %s Monday.", w);
			if (tense_of(text, "Monday") != 3)
				fail_msg("'%s': not a sure future", text);
		}
	}
	static const char *const not_verbs[] = {"meat", "vots",      "visitss", "starting",
	                                        "vist", "travels's", "beginx",  "a"};
	for (size_t k = 0; k < sizeof not_verbs / sizeof not_verbs[0]; k++) {
		char text[64];
		snprintf(text, sizeof text, "Talks %s Monday.", not_verbs[k]);
		if (tense_of(text, "Monday") != 0)
			fail_msg("'%s': read as a scheduled event", text);
	}
}

/* The spans of one to three words that start at every stride-th word of text, in
 * order, by both ways: a stride of one word has the index reuse the sentence of
 * the previous span, a wide one has it look for the sentence afresh. */
static void agree_on_stride(const char *text, size_t len, size_t stride)
{
	tl_tense_index *ix = tl_tense_index_new(text, len);
	assert_non_null(ix);
	size_t spans = 0, word = 0;
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && text[i - 1] != ' ' && text[i - 1] != '\n')
			continue;
		if (text[i] == ' ' || text[i] == '\n')
			continue;
		if (word++ % stride != 0)
			continue;
		size_t e = i;
		for (int w = 0; w < 3 && e < len; w++) {
			while (e < len && text[e] != ' ' && text[e] != '\n')
				e++;
			int want = tl_tense_scan(text, len, i, e);
			int got = tl_tense_index_at(ix, i, e);
			if (got != want)
				fail_msg("span %zu..%zu: index %d, scan %d", i, e, got, want);
			spans++;
			while (e < len && (text[e] == ' ' || text[e] == '\n'))
				e++;
		}
	}
	tl_tense_index_free(ix);
	assert_true(spans > 0);
}

static void agree_on(const char *text, size_t len)
{
	static const size_t strides[] = {1, 2, 7, 40, 61};
	for (size_t k = 0; k < sizeof strides / sizeof strides[0]; k++)
		agree_on_stride(text, len, strides[k]);
}

static void index_agrees_on_samples(void **state)
{
	(void)state;
	static const char *const names[] = {"2025-02-04-fentanyl-tariff-wire.txt",
	                                    "2025-05-12-geneva-wire.txt",
	                                    "2025-05-13-geneva-truce-analysis.txt"};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		char path[512];
		snprintf(path, sizeof path, "%s/samples/%s", TL_SOURCE_ROOT, names[k]);
		FILE *f = fopen(path, "rb");
		if (!f)
			fail_msg("cannot open %s", path);
		static char buf[1 << 16];
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = '\0';
		agree_on(buf, n);
	}
}

/* Generated text: cues, -ed words, names, abbreviations, stops and blank lines,
 * with sentences often longer than the 200 bytes the scan reaches. Only one in
 * stop_rarity of the drawn words that hold a stop is kept (none when 0). */
static void generate_and_check(unsigned stop_rarity)
{
	static const char *const words[] = {
	    "said",    "will",    "would",     "Friday",
	    "January", "rose",    "expected",  "United",
	    "the",     "to",      "meet",      "is",
	    "by",      "U.S.",    "was",       "end.",
	    "talks",   "stop!",   "why?",      "\n\n",
	    "\n",      "indeed",  "succeeded", "won",
	    "until",   "shall",   "begins",    "they'll",
	    "paid,",   "a.m.",    "Sept.",     "walked;",
	    "be",      "plans:",  "Reported",  "extraordinarilylongwordthatnevercounts",
	    "willing", "lasting", "wasted",    "maybe",
	    "Mr.",     "vs.",     "Ala.,",     "had",
	};
	size_t cap = 20000, len = 0;
	char *text = malloc(cap + 64);
	assert_non_null(text);
	unsigned seed = 12345;
	while (len < cap) {
		seed = seed * 1103515245u + 12345u;
		static const char *const plain[] = {"the", "talks", "in", "Geneva", "on", "of"};
		const char *w = words[(seed >> 16) % (sizeof words / sizeof words[0])];
		if ((seed >> 8) % 4 != 0) /* mostly plain words, so that no cue is near */
			w = plain[(seed >> 4) % (sizeof plain / sizeof plain[0])];
		if (strpbrk(w, ".!?\n") && (stop_rarity == 0 || (seed >> 12) % stop_rarity != 0))
			continue;
		size_t n = strlen(w);
		memcpy(text + len, w, n);
		len += n;
		text[len++] = ' ';
	}
	text[len] = '\0';
	agree_on(text, len);
	free(text);
}

static void index_agrees_on_generated(void **state)
{
	(void)state;
	generate_and_check(1);
	generate_and_check(0); /* one endless sentence: the 200-byte reach cuts words */
	generate_and_check(3); /* sentences of a few hundred bytes */
}

/* tl_tense_index_local() gives tl_tense_scan()'s answer when a cue right before the span
 * decides it (-2, 2, 3) and 0 otherwise; asked between the spans of an index, it
 * leaves that index's answers as they were. Every other span asks only it. */
static void local_on(const char *text, size_t len)
{
	tl_tense_index *ix = tl_tense_index_new(text, len);
	assert_non_null(ix);
	size_t spans = 0, decided = 0;
	for (size_t i = 0; i < len; i++) {
		if ((i > 0 && text[i - 1] != ' ' && text[i - 1] != '\n') || text[i] == ' ' ||
		    text[i] == '\n')
			continue;
		size_t e = i;
		while (e < len && text[e] != ' ' && text[e] != '\n')
			e++;
		int want = tl_tense_scan(text, len, i, e);
		int local = want == 3 || want == 2 || want == -2 ? want : 0;
		int got = tl_tense_index_local(ix, i, e);
		if (got != local)
			fail_msg("span %zu..%zu: local %d, scan %d", i, e, got, want);
		decided += got != 0;
		/* tl_tense_index_will(): 3 whenever the scan says 3, else 0 or local's answer */
		int will = tl_tense_index_will(ix, i, e);
		if ((want == 3 && will != 3) || (will != 0 && will != local))
			fail_msg("span %zu..%zu: will %d, scan %d", i, e, will, want);
		if (spans++ % 2 == 0 && (got = tl_tense_index_at(ix, i, e)) != want)
			fail_msg("span %zu..%zu: index %d after local, scan %d", i, e, got, want);
	}
	assert_int_equal(tl_tense_index_local(NULL, 0, 0), 0);
	tl_tense_index_free(ix);
	assert_true(spans > 0);
	assert_true(decided > 0); /* some cue decided a span */
}

static void local_agrees_with_scan(void **state)
{
	(void)state;
	static const char text[] =
	    "Officials said Monday the talks will resume Friday. He left on Tuesday, "
	    "and they met Wednesday. The plant is scheduled to close Monday. The offer "
	    "expires Friday; it had been due to expire Sept. 30. They'll vote in March.\n\n"
	    "On Friday, when Albright set aside plans, the department lifted the ban. "
	    "The company WILL, its chairman said in a long statement to reporters, open "
	    "the new plant in the northern provinces of the country Monday. Shareholders "
	    "will almost certainly approve the merger of the two companies by February, "
	    "and they'll meet again in the spring of next year on March 3; until then the "
	    "old board stays. It will still be completed by Dec. 14 at the latest. Sales "
	    "fell in all of the small stores that the company owns across the country in "
	    "March, and the analysts said it would not recover until April 2 at least.";
	local_on(text, sizeof text - 1);
	char path[512];
	snprintf(path, sizeof path, "%s/samples/%s", TL_SOURCE_ROOT, "2025-05-12-geneva-wire.txt");
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	local_on(buf, n);
}

/* The sentence end between the previous span and this one lies beyond the 200
 * bytes the scan reaches: the sentence starts at the reach ("said" is too far back). */
static void stop_beyond_reach(void **state)
{
	(void)state;
	char text[512] = "He left. They said ";
	while (strlen(text) < 300)
		strcat(text, "the talks in Geneva ");
	strcat(text, "Friday and the talks of Geneva.");
	size_t len = strlen(text);
	size_t fri = (size_t)(strstr(text, "Friday") - text);
	assert_int_equal(tl_tense_scan(text, len, fri, fri + 6), 0);
	tl_tense_index *ix = tl_tense_index_new(text, len);
	assert_non_null(ix);
	assert_int_equal(tl_tense_index_at(ix, 0, 2), tl_tense_scan(text, len, 0, 2));
	assert_int_equal(tl_tense_index_at(ix, fri, fri + 6), 0);
	tl_tense_index_free(ix);
}

/* A span before the previous one is still answered (its sentence read afresh). */
static void out_of_order(void **state)
{
	(void)state;
	const char *text = "Officials said Tuesday that talks will resume Friday.";
	size_t len = strlen(text);
	tl_tense_index *ix = tl_tense_index_new(text, len);
	assert_non_null(ix);
	size_t fri = (size_t)(strstr(text, "Friday") - text);
	size_t tue = (size_t)(strstr(text, "Tuesday") - text);
	assert_int_equal(tl_tense_index_at(ix, fri, fri + 6), 3);
	assert_int_equal(tl_tense_index_at(ix, tue, tue + 7), -2);
	tl_tense_index_free(ix);
	tl_tense_index_free(NULL);
}

/* Words longer than sixteen letters (read sixteen bytes a step): one word each,
 * however long, never cut where a step ends. */
static void long_words(void **state)
{
	(void)state;
	/* the cue is the word before the long one, which counts as a word */
	assert_int_equal(tense_of("Officials said incomprehensibilities Tuesday.", "Tuesday"), -2);
	assert_int_equal(tense_of("The board will reconceptualizations Friday.", "Friday"), 3);
	/* a cue or an -ed at the end of a long word is no cue (16, 17, 32 letters) */
	assert_int_equal(tense_of("Officials xxxxxxxxxxxxsaid Tuesday.", "Tuesday"), 0);
	assert_int_equal(tense_of("Officials xxxxxxxxxxxxxsaid Tuesday.", "Tuesday"), 0);
	assert_int_equal(tense_of("Officials xxxxxxxxxxxxxxxxxxxxxxxxxxxxsaid Tuesday.", "Tuesday"),
	                 0);
	assert_int_equal(tense_of("In January, officials uncharacteristicallyplanned.", "January"),
	                 0);
	assert_int_equal(tense_of("In January, officials xxxxxxxxxxxxxxxxxxxxxxxxxxxxxwill.",
	                          "January"),
	                 0);
	/* and the words after a long one are read from its end */
	assert_int_equal(tense_of("In January, incomprehensibilities said the board.", "January"),
	                 -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cues),
	    cmocka_unit_test(every_cue),
	    cmocka_unit_test(scheduled_verbs),
	    cmocka_unit_test(index_agrees_on_samples),
	    cmocka_unit_test(index_agrees_on_generated),
	    cmocka_unit_test(stop_beyond_reach),
	    cmocka_unit_test(out_of_order),
	    cmocka_unit_test(long_words),
	    cmocka_unit_test(local_agrees_with_scan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
