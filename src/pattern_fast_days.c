/*
 * pattern_fast_days.c - the hand-written matchers of patterns.c's
 * alternatives for days, parts of days and sets (see pattern_fast.h, which
 * runs them): "today" and the other deictic day words alone, a part of a day
 * after this, last, yesterday, tomorrow or a weekday ("this morning"), "every"
 * or "each" before a unit, a weekday, a part of a day or a season ("every
 * year"), and two screens that only rule alternatives out: bare plural units
 * ("weeks") by the words before them, "quarterly" by the word after it. Like
 * the others they follow their alternative over ASCII and give up
 * (TL_FAST_UNSURE) where Unicode could change the answer or the text takes a
 * branch they do not read (a modifier before the words, "every other", a
 * count). Owns nothing.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "pattern_fast_days.h"
#include "pattern_fast_text.h"

/* Each list with its signature (see word_bit(), checked in debug builds). */
static const word modifier[] = {{"early", 5}, {"earlier", 7}, {"late", 4}, {"later", 5},
                                {"mid", 3}};
#define MODIFIER_SIG UINT64_C(0x4300000000000500)
static const word weekday[] = {{"monday", 6},   {"tuesday", 7}, {"wednesday", 9},
                               {"thursday", 8}, {"friday", 6},  {"saturday", 8},
                               {"sunday", 6}};
#define WEEKDAY_SIG UINT64_C(0x0018280000010402)
/* (?&pday) */
static const word part_of_day[] = {{"morning", 7}, {"afternoon", 9}, {"evening", 7},
                                   {"night", 5},   {"overnight", 9}};
#define PART_OF_DAY_SIG UINT64_C(0x0001000000040484)

/* Is t[i..i + n) one of the words of list (signature sig), in any case? */
static inline bool in_list(const char *t, size_t i, size_t n, const word *list, size_t count,
                    uint64_t sig)
{
	assert(list_sig(list, count) == sig);
	return n > 0 && (sig & word_bit((unsigned char)t[i], n)) && word_in(t, i, n, list, count);
}

/* The word of ASCII letters at i (its end in *e) followed by (?&b): 1 when the words
 * hold it, 0 when no match can read it, TL_FAST_UNSURE when a byte that is not ASCII
 * is in the way. */
static inline int word_then_boundary(const char *t, size_t stop, size_t i, const word *words,
                              size_t count, uint64_t sig, size_t *e)
{
	bool unsure;
	*e = letters_end(t, stop, i, &unsure);
	if (unsure)
		return TL_FAST_UNSURE;
	if (!in_list(t, i, *e - i, words, count, sig))
		return 0;
	int b = boundary(t, stop, *e);
	return b < 0 ? TL_FAST_UNSURE : b;
}

/*
 *   (?:(?:early|earlier|late|later)(?&s))? (?:today|tonight|yesterday|tomorrow) (?&b)
 * at the day word (the modifiers are left to PCRE2).
 */
int tl_fast_deictic(const char *t, size_t stop, size_t pos, size_t *end)
{
	static const word day[] = {{"today", 5}, {"tonight", 7}, {"yesterday", 9},
	                           {"tomorrow", 8}};
	bool unsure;
	size_t e = letters_end(t, stop, pos, &unsure);
	if (unsure || in_list(t, pos, e - pos, modifier, sizeof modifier / sizeof modifier[0],
	                      MODIFIER_SIG))
		return TL_FAST_UNSURE;
	int r = word_then_boundary(t, stop, pos, day, sizeof day / sizeof day[0],
	                           UINT64_C(0x001a000001000000), &e);
	if (r == 1)
		*end = e;
	return r == 1 ? TL_FAST_MATCH : r == 0 ? TL_FAST_NONE : TL_FAST_UNSURE;
}

/*
 *   (?:(?:early|earlier|late|later|mid)(?:-|(?&s)))?
 *   (?:this|yesterday|tomorrow|last|(?&weekday)) (?&s) (?&pday)
 * at the first of the day words (the modifiers are left to PCRE2).
 */
int tl_fast_part_of_day(const char *t, size_t stop, size_t pos, size_t *end)
{
	static const word first[] = {{"this", 4}, {"yesterday", 9}, {"tomorrow", 8},
	                             {"last", 4}};
	bool unsure;
	size_t e = letters_end(t, stop, pos, &unsure);
	if (unsure || in_list(t, pos, e - pos, modifier, sizeof modifier / sizeof modifier[0],
	                      MODIFIER_SIG))
		return TL_FAST_UNSURE;
	if (!in_list(t, pos, e - pos, first, sizeof first / sizeof first[0],
	             UINT64_C(0x0111000001000000)) &&
	    !in_list(t, pos, e - pos, weekday, sizeof weekday / sizeof weekday[0], WEEKDAY_SIG))
		return TL_FAST_NONE;
	/* (?&weekday)'s (?&b) holds before the blanks (?&s) needs */
	size_t j = blanks_end(t, stop, e);
	if (j == e)
		return TL_FAST_NONE;
	int r = word_then_boundary(t, stop, j, part_of_day,
	                           sizeof part_of_day / sizeof part_of_day[0], PART_OF_DAY_SIG, &e);
	if (r == 1)
		*end = e;
	return r == 1 ? TL_FAST_MATCH : r == 0 ? TL_FAST_NONE : TL_FAST_UNSURE;
}

/*
 *   (?:every|each)(?&s)(?:other(?&s))?(?:(?&qty)(?&s))?
 *   (?:(?&unit)|(?&weekday)|(?&month)|(?&pday)|(?&season))
 * where a unit, a weekday, a part of a day or a season follows every/each at once
 * (none of them can be read as "other" or a quantity) or after a simple count (a
 * run of digits, few, several, a number word from one to nineteen); anything else
 * ("1,000", "2.5", "twenty-one", "other", a month name) is left to PCRE2.
 */

/* A simple (?&qty)(?&s) at j (a run of digits, or one of the words, whole, before
 * (?&b)): where the word after it starts, or j when there is none; *unsure when
 * PCRE2 might read more ("1,000", "2.5", "5 1/2", "six hundred", "and a half"). */
static size_t simple_count(const char *t, size_t stop, size_t j, bool *unsure)
{
	static const word count[] = {
	    {"few", 3},      {"several", 7},   {"one", 3},     {"two", 3},      {"three", 5},
	    {"four", 4},     {"five", 4},      {"six", 3},     {"seven", 5},    {"eight", 5},
	    {"nine", 4},     {"ten", 3},       {"eleven", 6},  {"twelve", 6},   {"thirteen", 8},
	    {"fourteen", 8}, {"fifteen", 7},   {"sixteen", 7}, {"seventeen", 9}, {"eighteen", 8},
	    {"nineteen", 8}};
	*unsure = false;
	size_t e = j;
	while (e < stop && is_ascii_digit((unsigned char)t[e]))
		e++;
	if (e == j) {
		e = letters_end(t, stop, j, unsure);
		if (*unsure || !in_list(t, j, e - j, count, sizeof count / sizeof count[0],
		                        UINT64_C(0x0016d50000067f40)))
			return j;
	}
	if (e >= stop || t[e] != ' ') {
		*unsure = true; /* ',', '.', '-', a letter, the end */
		return j;
	}
	size_t u = blanks_end(t, stop, e);
	if (u >= stop || is_ascii_digit((unsigned char)t[u]) ||
	    starts_caseless(t, stop, u, "and", 3) != 0 ||
	    starts_caseless(t, stop, u, "hundred", 7) != 0) {
		*unsure = true;
		return j;
	}
	return u;
}

int tl_fast_every(const char *t, size_t stop, size_t pos, size_t *end)
{
	static const word first[] = {{"every", 5}, {"each", 4}};
	/* (?&unit), (?&weekday), (?&pday), (?&season): whole words before (?&b) */
	static const word next[] = {
	    {"year", 4},       {"years", 5},     {"month", 5},    {"months", 6},
	    {"week", 4},       {"weeks", 5},     {"day", 3},      {"days", 4},
	    {"hour", 4},       {"hours", 5},     {"minute", 6},   {"minutes", 7},
	    {"second", 6},     {"seconds", 7},   {"night", 5},    {"nights", 6},
	    {"weekend", 7},    {"weekends", 8},  {"fortnight", 9}, {"fortnights", 10},
	    {"quarter", 7},    {"quarters", 8},  {"decade", 6},   {"decades", 7},
	    {"century", 7},    {"centuries", 9}, {"monday", 6},   {"tuesday", 7},
	    {"wednesday", 9},  {"thursday", 8},  {"friday", 6},   {"saturday", 8},
	    {"sunday", 6},     {"morning", 7},   {"afternoon", 9}, {"evening", 7},
	    {"overnight", 9},  {"spring", 6},    {"summer", 6},   {"fall", 4},
	    {"autumn", 6},     {"winter", 6}};
	bool unsure;
	size_t e = letters_end(t, stop, pos, &unsure);
	if (unsure)
		return TL_FAST_UNSURE;
	if (!in_list(t, pos, e - pos, first, sizeof first / sizeof first[0],
	             UINT64_C(0x0000000000000180)))
		return TL_FAST_NONE;
	size_t j = blanks_end(t, stop, e);
	if (j == e)
		return TL_FAST_NONE;
	j = simple_count(t, stop, j, &unsure);
	if (unsure)
		return TL_FAST_UNSURE;
	int r = word_then_boundary(t, stop, j, next, sizeof next / sizeof next[0],
	                           UINT64_C(0xd0193800f01d47ef), &e);
	if (r != 1)
		return TL_FAST_UNSURE;
	*end = e;
	return TL_FAST_MATCH;
}

/*
 * Bare plural units after a verb of lasting, a preposition, "or", "and", "then", a
 * comma, "--" or at the start of a sentence, only to rule them out (never answers
 * TL_FAST_MATCH) by their lookbehinds, every branch of which ends in a space after
 * one of these words (whole: \b before it), ", ", "-- ", a sentence's punctuation and one
 * or two spaces, or is a newline or the start of the text. A byte that is not ASCII
 * among the last eleven before pos leaves it to PCRE2 (caseless folds).
 */
int tl_fast_after_verb(const char *t, size_t pos)
{
	static const word before[] = {
	    {"lasted", 6},   {"lasts", 5},   {"takes", 5},      {"taking", 6},  {"spent", 5},
	    {"spend", 5},    {"spends", 6},  {"spending", 8},   {"waited", 6},  {"wait", 4},
	    {"waits", 5},    {"waiting", 7}, {"for", 3},        {"in", 2},      {"within", 6},
	    {"over", 4},     {"during", 6},  {"through", 7},    {"throughout", 10},
	    {"from", 4},     {"lasting", 7}, {"took", 4},       {"take", 4},    {"then", 4},
	    {"or", 2},       {"and", 3}};
	if (pos == 0 || t[pos - 1] == '\n')
		return TL_FAST_UNSURE;
	if (t[pos - 1] != ' ' || pos < 2)
		return TL_FAST_NONE;
	for (size_t k = pos > 11 ? pos - 11 : 0; k < pos; k++)
		if ((unsigned char)t[k] >= 0x80)
			return TL_FAST_UNSURE;
	unsigned char c = (unsigned char)t[pos - 2];
	if (c == ' ' || (c != 0 && strchr(",-.;:!?(\"", c)))
		return TL_FAST_UNSURE;
	/* the word before the space, whole (\b: no \w before it); longer than every word
	 * of the list, it ends in none of them after a \b */
	size_t i = pos - 1, b = i;
	while (b > 0 && i - b <= 10 && (is_ascii_alnum((unsigned char)t[b - 1]) || t[b - 1] == '_'))
		b--;
	if (i - b > 10)
		return TL_FAST_NONE;
	assert(list_sig(before, sizeof before / sizeof before[0]) == UINT64_C(0x0e4f2c02000069e4));
	return WORD_IN(t, b, i - b, before, UINT64_C(0x0e4f2c02000069e4)) ? TL_FAST_UNSURE
	                                                                   : TL_FAST_NONE;
}

/*
 * "quarterly" before a lower-case word, only to rule it out (never answers
 * TL_FAST_MATCH): its branch
 *   quarterly (?&b) (?!(?&s)(?!(?:and|or|to|...|basis)\b)(?-i:[a-z]))
 * fails where one space and a word of lower-case ASCII letters not in the list
 * follow, the word ending before ASCII that is neither a letter, a digit nor '_';
 * the alternative's other branches cannot start at "quarterly". Anything else is
 * left to PCRE2.
 */
int tl_fast_quarterly(const char *t, size_t stop, size_t pos)
{
	static const word ok[] = {
	    {"and", 3},     {"or", 2},     {"to", 2},    {"in", 2},    {"at", 2},
	    {"on", 2},      {"for", 3},    {"by", 2},    {"with", 4},  {"from", 4},
	    {"as", 2},      {"than", 4},   {"but", 3},   {"until", 5}, {"since", 5},
	    {"during", 6},  {"over", 4},   {"basis", 5}};
	if (stop - pos < 11 || starts_caseless(t, stop, pos, "quarterly ", 10) != 1)
		return TL_FAST_UNSURE;
	size_t w = pos + 10, e = w;
	while (e < stop && t[e] >= 'a' && t[e] <= 'z')
		e++;
	if (e == w || (e < stop && ((unsigned char)t[e] >= 0x80 || t[e] == '_' ||
	                            is_ascii_alnum((unsigned char)t[e]))))
		return TL_FAST_UNSURE;
	return word_in(t, w, e - w, ok, sizeof ok / sizeof ok[0]) ? TL_FAST_UNSURE
	                                                           : TL_FAST_NONE;
}
