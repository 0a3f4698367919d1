/*
 * pattern_fast_counts.c - the hand-written matchers of patterns.c's
 * alternatives that count units (see pattern_fast.h, which runs them): the
 * simplest durations ("30 days", "the past three years") and points before or
 * after now ("two days ago", "a year earlier"). Like the others they follow
 * their alternative over ASCII and give up where Unicode could change the
 * answer. Owns nothing.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "pattern_fast_counts.h"
#include "pattern_fast_text.h"

/* The number words both matchers read as a quantity: ones, teens and tens. */
static const word number[] = {
    {"one", 3},      {"two", 3},      {"three", 5},    {"four", 4},      {"five", 4},
    {"six", 3},      {"seven", 5},    {"eight", 5},    {"nine", 4},      {"ten", 3},
    {"eleven", 6},   {"twelve", 6},   {"thirteen", 8}, {"fourteen", 8},  {"fifteen", 7},
    {"sixteen", 7},  {"seventeen", 9}, {"eighteen", 8}, {"nineteen", 8}, {"twenty", 6},
    {"thirty", 6},   {"forty", 5},    {"fifty", 5},    {"sixty", 5},     {"seventy", 7},
    {"eighty", 6},   {"ninety", 6}};

/* The time units both matchers read (the unit fragment of the patterns), the
 * commonest in news first: word_in() reads the list in order. */
static const word time_unit[] = {
    {"years", 5},   {"year", 4},     {"months", 6},    {"month", 5},      {"weeks", 5},
    {"week", 4},    {"days", 4},     {"day", 3},       {"hours", 5},      {"hour", 4},
    {"weekend", 7}, {"second", 6},   {"night", 5},     {"decade", 6},     {"decades", 7},
    {"seconds", 7}, {"minute", 6},   {"minutes", 7},   {"nights", 6},     {"weekends", 8},
    {"fortnight", 9}, {"fortnights", 10}, {"century", 7}, {"centuries", 9}};

/*
 * The simplest durations ("30 days", "six weeks", "The 12-month", "the past three
 * years", "another 10 days") at "the", a number, a number word, and at the
 * this/last/next and "other" words, which can only start it as its adjective:
 *   (?!an?\s+second\b) (?:(?&approx)(?&s))? (?:(?:the|a|an)(?&s))?
 *   (?:(?:past|last|next|...|recent)(?&s))? (?&qty)(?:(?&s)|-)
 *   (?:(?:more|additional|straight|consecutive|full)(?&s))? (?&unit) (?!-)
 *   (?:(?&s)and(?&s)a(?&s)half)? (?:(?&s)or(?&s)so(?&b))?
 * Only a bare digit run or one number word (ones, teens, tens) as the quantity, and
 * a unit right after it; everything else (a/an, approximators, "the better part of",
 * "twenty-one", "hundred", "1,000", "2.5", "1/2", "and a half", "more", a quarter
 * after '-', non-ASCII) is left to PCRE2. TL_FAST_NONE only where the quantity
 * would have to start with a run of ASCII letters that starts no (?&qty): "the
 * company", "the last time".
 */
int tl_fast_duration(const char *t, size_t stop, size_t pos, size_t *end)
{
	static const word adjective[] = {
	    {"past", 4},     {"last", 4},    {"next", 4},       {"first", 5},   {"coming", 6},
	    {"previous", 8}, {"following", 9}, {"final", 5},    {"remaining", 9}, {"latest", 6},
	    {"initial", 7},  {"entire", 6},  {"whole", 5},      {"full", 4},    {"same", 4},
	    {"additional", 10}, {"further", 7}, {"another", 7}, {"extra", 5},   {"other", 5},
	    {"recent", 6}};
	assert(list_sig(adjective, sizeof adjective / sizeof adjective[0]) ==
	       UINT64_C(0x0d0242d0011ac340));
	assert(list_sig(number, sizeof number / sizeof number[0]) == UINT64_C(0x0016d5000006df40));
	static const word qty_word[] = {
	    {"hundred", 7}, {"a", 1},        {"an", 2},      {"few", 3},     {"several", 7},
	    {"some", 4},    {"many", 4},     {"half", 4},    {"couple", 6},  {"dozens", 6},
	    {"hundreds", 8}, {"thousands", 9}};
	assert(list_sig(qty_word, sizeof qty_word / sizeof qty_word[0]) ==
	       UINT64_C(0x8820130190002004));
	static const word more[] = {{"more", 4}, {"additional", 10}, {"straight", 8},
	                            {"consecutive", 11}, {"full", 4}};
	assert(list_sig(more, sizeof more / sizeof more[0]) == UINT64_C(0x8002200000004001));
	assert(list_sig(time_unit, sizeof time_unit / sizeof time_unit[0]) ==
	       UINT64_C(0xd0001800301803ef));
	bool unsure;
	size_t i = pos;
	size_t e = letters_end(t, stop, i, &unsure);
	if (unsure)
		return TL_FAST_UNSURE;
	if (e - i == 3 && word_in(t, i, 3, (const word[]){{"the", 3}}, 1)) {
		i = blanks_end(t, stop, e);
		if (i == e)
			return TL_FAST_UNSURE;
		e = letters_end(t, stop, i, &unsure);
		if (unsure || (e - i == 6 && word_in(t, i, 6, (const word[]){{"better", 6}}, 1)))
			return TL_FAST_UNSURE; /* "the better part of" (approx) */
	}
	if (e > i && WORD_IN(t, i, e - i, adjective, UINT64_C(0x0d0242d0011ac340))) {
		i = blanks_end(t, stop, e);
		if (i == e)
			return TL_FAST_UNSURE;
		e = letters_end(t, stop, i, &unsure);
		if (unsure)
			return TL_FAST_UNSURE;
	}
	/* the quantity: a digit run or one number word */
	if (e == i) {
		while (e < stop && is_ascii_digit((unsigned char)t[e]))
			e++;
		if (e == i)
			return TL_FAST_UNSURE;
	} else if (!WORD_IN(t, i, e - i, number, UINT64_C(0x0016d5000006df40))) {
		/* every (?&qty) that starts with a letter starts with one of these words
		 * whole, or one of number[]; any other run of ASCII letters ends the try */
		return WORD_IN(t, i, e - i, qty_word, UINT64_C(0x8820130190002004))
		           ? TL_FAST_UNSURE
		           : TL_FAST_NONE;
	} else if (e - i > 3 && t[i + e - i - 2] == 't' && t[e - 1] == 'y' && e < stop &&
	           t[e] == '-') {
		return TL_FAST_UNSURE; /* "twenty-one" */
	}
	if (e >= stop)
		return TL_FAST_UNSURE;
	size_t u;
	bool hyphen = t[e] == '-';
	if (hyphen) {
		u = e + 1;
	} else {
		u = blanks_end(t, stop, e);
		if (u == e)
			return TL_FAST_UNSURE;
	}
	size_t ue = letters_end(t, stop, u, &unsure);
	if (unsure || ue == u || ue >= stop)
		return TL_FAST_UNSURE;
	/* what PCRE2 would read on: "and a half", "hundred", "1/2", "more" */
	if (WORD_IN(t, u, ue - u, more, UINT64_C(0x8002200000004001)) ||
	    word_in(t, u, ue - u, (const word[]){{"and", 3}, {"hundred", 7}}, 2))
		return TL_FAST_UNSURE;
	if (!WORD_IN(t, u, ue - u, time_unit, UINT64_C(0xd0001800301803ef)))
		return TL_FAST_UNSURE;
	if (hyphen && (t[u] | 0x20) == 'q')
		return TL_FAST_UNSURE; /* (?!(?<=-)quarters?\b) */
	unsigned char c = (unsigned char)t[ue];
	if (is_ascii_digit(c) || c == '-' || c >= 0x80)
		return TL_FAST_UNSURE;
	*end = ue;
	/* (?:(?&s)and(?&s)a(?&s)half)? (?:(?&s)or(?&s)so(?&b))? */
	size_t o = blanks_end(t, stop, ue);
	if (o == ue)
		return TL_FAST_MATCH;
	int r = starts_caseless(t, stop, o, "and", 3);
	if (r != 0)
		return TL_FAST_UNSURE;
	return or_so(t, stop, o, end);
}

/*
 * (?:before|after)(?&b) (?=\s*[,.;:)"]|\s*$) once the word is read (it ends at e,
 * before no ASCII letter): only at the end of a clause or of the text. The white
 * space \s* may take is ASCII here; a byte that is not ASCII or a control
 * character after it is left to PCRE2.
 */
static int before_after_end(const char *t, size_t stop, size_t e, size_t *end)
{
	if (e < stop && is_ascii_digit((unsigned char)t[e]))
		return TL_FAST_NONE; /* (?&b) */
	size_t i = e;
	while (i < stop && (t[i] == ' ' || (t[i] >= '\t' && t[i] <= '\r')))
		i++;
	if (i < stop && ((unsigned char)t[i] >= 0x80 || (unsigned char)t[i] < 0x20))
		return TL_FAST_UNSURE; /* other white space, other controls */
	if (i < stop && !memchr(",.;:)\"", t[i], 6))
		return TL_FAST_NONE;
	*end = e;
	return TL_FAST_MATCH;
}

/*
 * The simplest points before or after now ("two days ago", "a year earlier", "5
 * weeks later") at a number, a number word (ones, teens, tens) and a/an:
 *   (?:(?:(?&approx)|about|almost)(?&s))? (?&qty)(?:(?&s)|-)(?:more(?&s))?(?&unit)(?&s)
 *   (?:or(?&s)so(?&s))? (?: (?:ago|earlier|later|from\s+now|hence)(?&b)
 *   | (?:before|after)(?&b) (?=\s*[,.;:)"]|\s*$) )
 * (the approximators are other words). Only a digit run, one number word or a/an
 * before a blank or '-', a unit right after it, and ago, earlier or later after the
 * next blank are read here, and before or after at the end of a clause; anything
 * else that might still match ("more", "or so", "from now", "hence", "twenty-one",
 * "1,000", "a few") is left to PCRE2. TL_FAST_NONE where a word of the rest cannot
 * be there.
 */
int tl_fast_ago(const char *t, size_t stop, size_t pos, size_t *end)
{
	static const word a_or_an[] = {{"a", 1}, {"an", 2}};
	assert(list_sig(number, sizeof number / sizeof number[0]) == UINT64_C(0x0016d5000006df40));
	assert(list_sig(time_unit, sizeof time_unit / sizeof time_unit[0]) ==
	       UINT64_C(0xd0001800301803ef));
	static const word after[] = {{"ago", 3}, {"earlier", 7}, {"later", 5}};
	static const word unsure_after[] = {{"or", 2}, {"from", 4}, {"hence", 5}};
	assert(list_sig(unsure_after, sizeof unsure_after / sizeof unsure_after[0]) ==
	       UINT64_C(0x0000000020004800));
	static const word before_after[] = {{"before", 6}, {"after", 5}};
	bool unsure;
	size_t e = pos;
	while (e < stop && is_ascii_digit((unsigned char)t[e]))
		e++;
	if (e == pos) {
		e = letters_end(t, stop, pos, &unsure);
		bool article = e - pos <= 2 && word_in(t, pos, e - pos, a_or_an, 2);
		if (unsure ||
		    !(article || WORD_IN(t, pos, e - pos, number, UINT64_C(0x0016d5000006df40))))
			return TL_FAST_UNSURE;
	}
	/* (?:(?&s)|-), then the unit: a word of ASCII letters before a blank */
	if (e >= stop || (t[e] != ' ' && t[e] != '\t' && t[e] != '\n' && t[e] != '-'))
		return TL_FAST_UNSURE;
	size_t u = t[e] == '-' ? e + 1 : blanks_end(t, stop, e);
	size_t ue = letters_end(t, stop, u, &unsure);
	if (unsure || ue == u || ue >= stop ||
	    !WORD_IN(t, u, ue - u, time_unit, UINT64_C(0xd0001800301803ef)))
		return TL_FAST_UNSURE; /* "more", "few", "1/2", a quarter... */
	unsigned char c = (unsigned char)t[ue];
	if (c != ' ' && c != '\t' && c != '\n')
		return is_ascii_alnum(c) || c >= 0x80 ? TL_FAST_UNSURE : TL_FAST_NONE;
	size_t w = blanks_end(t, stop, ue);
	if (w == ue || w >= stop)
		return TL_FAST_UNSURE;
	size_t we = letters_end(t, stop, w, &unsure);
	if (unsure || we == w ||
	    WORD_IN(t, w, we - w, unsure_after, UINT64_C(0x0000000020004800)))
		return TL_FAST_UNSURE;
	if (word_in(t, w, we - w, before_after, 2))
		return before_after_end(t, stop, we, end);
	if (!word_in(t, w, we - w, after, sizeof after / sizeof after[0]))
		return TL_FAST_NONE; /* the word after the unit can be none of those */
	if (we < stop && is_ascii_digit((unsigned char)t[we]))
		return TL_FAST_NONE; /* (?&b) */
	*end = we;
	return TL_FAST_MATCH;
}
