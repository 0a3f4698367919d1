/*
 * trigger_words.c - the recognizer's word lists (heads, starters, links), the
 * start class of each word and the table built from them (see
 * trigger_words.h). Owns nothing: the table lives in its caller.
 */
#include <stdbool.h>
#include <string.h>

#include "trigger_words.h"

/*
 * Heads: a temporal expression always contains one (month and weekday names,
 * units, deictic words; digits are heads too). Starters may begin an
 * expression before its head ("the past three months", "more than four hours").
 * The pattern is only tried where a head is, at the starters a few words before
 * it first, so ordinary words cost one table look-up.
 */
static const char *const head_words[] = {
    "january",   "february",  "march",      "april",      "may",       "june",       "july",
    "august",    "september", "october",    "november",   "december",  "jan",        "feb",
    "mar",       "apr",       "jun",        "jul",        "aug",       "sep",        "sept",
    "oct",       "nov",       "dec",        "monday",     "tuesday",   "wednesday",  "thursday",
    "friday",    "saturday",  "sunday",     "mondays",    "tuesdays",  "wednesdays", "thursdays",
    "fridays",   "saturdays", "sundays",    "q1",         "q2",        "q3",         "q4",
    "h1",        "h2",        "second",     "seconds",    "minute",    "minutes",    "hour",
    "hours",     "day",       "days",       "night",      "nights",    "week",       "weeks",
    "weekend",   "weekends",  "fortnight",  "fortnights", "month",     "months",     "quarter",
    "quarters",  "year",      "years",      "decade",     "decades",   "century",    "centuries",
    "half",      "period",    "spring",     "summer",     "fall",      "autumn",     "winter",
    "today",     "tonight",   "yesterday",  "tomorrow",   "morning",   "afternoon",  "evening",
    "overnight", "noon",      "midnight",   "now",        "currently", "recently",   "lately",
    "nowadays",  "formerly",  "previously", "soon",       "presently", "past",       "future",
    "present",   "moment",    "current",    "recent",     "daily",     "weekly",     "monthly",
    "quarterly", "annually",  "yearly",     "hourly",     "nightly",   "biweekly",   "semiannually",
    "bimonthly", "twenties",  "thirties",   "forties",    "fifties",   "sixties",    "seventies",
    "eighties",  "nineties",  "thousand",   "once",       "nineteen",  "eighteen",
    "thanksgiving", "christmas", "halloween", "term", "midday", "easter",
};

static const char *const starter_words[] = {
    "the",
    "this",
    "that",
    "last",
    "next",
    "coming",
    "its",
    "their",
    "early",
    "earlier",
    "late",
    "later",
    "mid",
    "end",
    "beginning",
    "start",
    "middle",
    "rest",
    "remainder",
    "close",
    "balance",
    "first",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "final",
    "fiscal",
    "calendar",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "some",
    "more",
    "less",
    "fewer",
    "at",
    "up",
    "no",
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "few",
    "several",
    "many",
    "couple",
    "dozens",
    "hundreds",
    "thousands",
    "these",
    "every",
    "each",
    "twice",
    "previous",
    "following",
    "prior",
    "preceding",
    "same",
    "subsequent",
    "right",
    "semi",
    "once",
    "latest",
    "comparable",
    "corresponding",
    "most",
    "better",
    "initial",
    "entire",
    "whole",
    "full",
    "additional",
    "further",
    "another",
    "extra",
    "other",
    "remaining",
    "straight",
    "consecutive",
    "around",
    "about",
    "almost",
    /* the first words of holidays named "... Day" */
    "new",
    "independence",
    "labor",
    "labour",
    "memorial",
    "election",
    "veterans",
    "columbus",
    "presidents",
    "valentine",
};

/*
 * Links may stand between a starter and its head ("more than four hours", "the
 * end of 1990"); any other word in between means the starter cannot reach the
 * head and it is forgotten.
 */
static const char *const link_words[] = {
    "of",    "than",   "least",  "to",   "and",  "or",      "so",
    "part",  "s",      "on",     "in",   "near", "distant", "immediate",
    "barely", "just", "only", "over",    "under",   "times",   "short",   "long",
    "trading", "business", "working",
};

/* The start class of a table word (see tl_start in patterns.h). */
static tl_start start_class_of(const char *w)
{
	static const char *const months[] = {
	    "january", "february",  "march",   "april",    "may",      "june", "july",
	    "august",  "september", "october", "november", "december", "jan",  "feb",
	    "mar",     "apr",       "jun",     "jul",      "aug",      "sep",  "sept",
	    "oct",     "nov",       "dec",     NULL};
	static const char *const rel[] = {"this",    "last",    "next",  "past",  "coming",
	                                  "that",    "its",     "their", "these", "recent",
	                                  "current", "present", NULL};
	static const char *const mod[] = {"early",     "earlier",   "late",    "later",  "mid",
	                                  "end",       "beginning", "start",   "middle", "rest",
	                                  "remainder", "close",     "balance", "fiscal", "calendar",
	                                  "year",      NULL};
	static const char *const num[] = {
	    "one",       "two",     "three",     "four",     "five",     "six",      "seven",
	    "eight",     "nine",    "ten",       "eleven",   "twelve",   "thirteen", "fourteen",
	    "fifteen",   "sixteen", "seventeen", "eighteen", "nineteen", "twenty",   "thirty",
	    "forty",     "fifty",   "sixty",     "seventy",  "eighty",   "ninety",   "hundred",
	    "few",       "several", "many",      "some",     "couple",   "dozens",   "hundreds",
	    "thousands", "half",    "once",      "twice",    NULL};
	static const char *const approx[] = {"around", "about", "almost", "approximately", "roughly",
	                                     "nearly", "more",  "less",   "fewer",         "at",
	                                     "up",     "no",    NULL};
	static const struct {
		const char *const *words;
		tl_start cls;
	} lists[] = {
	    {months, TL_START_MONTH}, {rel, TL_START_REL},       {mod, TL_START_MOD},
	    {num, TL_START_NUM},      {approx, TL_START_APPROX},
	};
	if (strcmp(w, "the") == 0)
		return TL_START_THE;
	if (strcmp(w, "a") == 0 || strcmp(w, "an") == 0)
		return TL_START_A;
	for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
		for (int i = 0; lists[l].words[i]; i++)
			if (strcmp(w, lists[l].words[i]) == 0)
				return lists[l].cls;
	size_t n = strlen(w);
	static const char *const days[] = {"monday", "tuesday",  "wednesday", "thursday",
	                                   "friday", "saturday", "sunday",    NULL};
	for (int i = 0; days[i]; i++)
		if (strncmp(w, days[i], strlen(days[i])) == 0 && n <= strlen(days[i]) + 1)
			return TL_START_WEEKDAY;
	return TL_START_OTHER;
}

static void table_add(tl_trigger_table *t, const char *w, int cls)
{
	size_t n = strlen(w);
	/* a one-letter word is followed by any byte but a letter or digit */
	for (unsigned c1 = 0; c1 < 64; c1++) {
		if (n > 1 ? c1 == (((unsigned char)w[1] | 0x20u) & 63u) : true) {
			unsigned pair = tl_trigger_pair((unsigned char)w[0], (unsigned char)c1);
			t->lengths[pair] |= (uint16_t)(1u << n);
		}
	}
	if (cls == TL_W_HEAD)
		for (int upper = 0; upper < 2; upper++) /* w[0] is a lower-case letter */
			t->head_lengths[tl_trigger_head_pair((unsigned char)(w[0] - upper * 32),
			                                     (unsigned char)w[n - 1])] |=
			    (uint16_t)(1u << (n - 1));
	for (unsigned c1 = 0; cls == TL_W_HEAD && c1 < 32; c1++)
		if (n == 1 || c1 == ((unsigned char)w[1] & 31u))
			t->head_seconds[tl_trigger_second_pair((unsigned char)w[0],
			                                       (unsigned char)c1)] |=
			    (uint16_t)(1u << (n - 1));
	uint64_t q[2] = {0, 0};
	memcpy(q, w, n);
	uint32_t h = tl_trigger_hash(q[0], q[1]);
	while (t->slots[h].q[0]) {
		if (t->slots[h].q[0] == q[0] && t->slots[h].q[1] == q[1]) {
			if (cls > t->slots[h].cls)
				t->slots[h].cls = (uint8_t)cls;
			return;
		}
		h = (h + 1) & (TL_TRIGGER_SLOTS - 1);
	}
	t->slots[h].q[0] = q[0];
	t->slots[h].q[1] = q[1];
	t->slots[h].cls = (uint8_t)cls;
	t->slots[h].start = (uint8_t)start_class_of(w);
}

void tl_trigger_table_init(tl_trigger_table *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < sizeof head_words / sizeof head_words[0]; i++)
		table_add(t, head_words[i], TL_W_HEAD);
	for (size_t i = 0; i < sizeof starter_words / sizeof starter_words[0]; i++)
		table_add(t, starter_words[i], TL_W_STARTER);
	for (size_t i = 0; i < sizeof link_words / sizeof link_words[0]; i++)
		table_add(t, link_words[i], TL_W_LINK);
	/* every short word of letters not listed: no class, start class "other" */
	memset(t->short_words, (int)(TL_START_OTHER << 2), sizeof t->short_words);
	for (size_t k = 0; k < TL_TRIGGER_SLOTS; k++) {
		const char *w = (const char *)t->slots[k].q; /* zero-padded */
		size_t n = t->slots[k].q[0] ? strlen(w) : 0;
		bool letters = n > 0 && n <= 3;
		for (size_t j = 0; j < n && letters; j++)
			letters = w[j] >= 'a' && w[j] <= 'z';
		if (letters)
			t->short_words[tl_trigger_short((unsigned char)w[0],
			                                n > 1 ? (unsigned char)w[1] : 0x40,
			                                n > 2 ? (unsigned char)w[2] : 0x40)] =
			    (uint8_t)(t->slots[k].cls | t->slots[k].start << 2);
	}
}

const char *const *tl_trigger_list(int cls, size_t *count)
{
	switch (cls) {
	case TL_W_HEAD:
		*count = sizeof head_words / sizeof head_words[0];
		return head_words;
	case TL_W_STARTER:
		*count = sizeof starter_words / sizeof starter_words[0];
		return starter_words;
	case TL_W_LINK:
		*count = sizeof link_words / sizeof link_words[0];
		return link_words;
	default:
		*count = 0;
		return NULL;
	}
}
