/*
 * pattern_fast_days.c - the hand-written matchers of patterns.c's
 * alternatives for days and parts of days (see pattern_fast.h, which runs
 * them): "today" and the other deictic day words alone, a part of a day after
 * this, last, yesterday, tomorrow or a weekday ("this morning"), and "every"
 * or "each" before a unit, a weekday, a part of a day or a season ("every
 * year"). Like the others they follow their alternative over ASCII and give up
 * (TL_FAST_UNSURE) where Unicode could change the answer or the text takes a
 * branch they do not read (a modifier before the words, "every other", a
 * count). Owns nothing.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>

#include "pattern_fast_days.h"
#include "pattern_fast_text.h"

static const word modifier[] = {{"early", 5}, {"earlier", 7}, {"late", 4}, {"later", 5},
                                {"mid", 3}};
static const word weekday[] = {{"monday", 6},   {"tuesday", 7}, {"wednesday", 9},
                               {"thursday", 8}, {"friday", 6},  {"saturday", 8},
                               {"sunday", 6}};
/* (?&pday) */
static const word part_of_day[] = {{"morning", 7}, {"afternoon", 9}, {"evening", 7},
                                   {"night", 5},   {"overnight", 9}};

/* The word of ASCII letters at i (its end in *e) followed by (?&b): 1 when the words
 * hold it, 0 when no match can read it, TL_FAST_UNSURE when a byte that is not ASCII
 * is in the way. */
static int word_then_boundary(const char *t, size_t stop, size_t i, const word *words,
                              size_t count, size_t *e)
{
	bool unsure;
	*e = letters_end(t, stop, i, &unsure);
	if (unsure)
		return TL_FAST_UNSURE;
	if (*e == i || !word_in(t, i, *e - i, words, count))
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
	if (unsure || word_in(t, pos, e - pos, modifier, sizeof modifier / sizeof modifier[0]))
		return TL_FAST_UNSURE;
	int r = word_then_boundary(t, stop, pos, day, sizeof day / sizeof day[0], &e);
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
	if (unsure || e == pos ||
	    word_in(t, pos, e - pos, modifier, sizeof modifier / sizeof modifier[0]))
		return TL_FAST_UNSURE;
	if (!word_in(t, pos, e - pos, first, sizeof first / sizeof first[0]) &&
	    !word_in(t, pos, e - pos, weekday, sizeof weekday / sizeof weekday[0]))
		return TL_FAST_NONE;
	/* (?&weekday)'s (?&b) holds before the blanks (?&s) needs */
	size_t j = blanks_end(t, stop, e);
	if (j == e)
		return TL_FAST_NONE;
	int r = word_then_boundary(t, stop, j, part_of_day,
	                           sizeof part_of_day / sizeof part_of_day[0], &e);
	if (r == 1)
		*end = e;
	return r == 1 ? TL_FAST_MATCH : r == 0 ? TL_FAST_NONE : TL_FAST_UNSURE;
}

/*
 *   (?:every|each)(?&s)(?:other(?&s))?(?:(?&qty)(?&s))?
 *   (?:(?&unit)|(?&weekday)|(?&month)|(?&pday)|(?&season))
 * where a unit, a weekday, a part of a day or a season follows every/each at once
 * (none of them can be read as "other" or a quantity); anything else (a count,
 * "other", a month name) is left to PCRE2.
 */
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
	if (e == pos || !word_in(t, pos, e - pos, first, sizeof first / sizeof first[0]))
		return TL_FAST_NONE;
	size_t j = blanks_end(t, stop, e);
	if (j == e)
		return TL_FAST_NONE;
	int r = word_then_boundary(t, stop, j, next, sizeof next / sizeof next[0], &e);
	if (r != 1)
		return TL_FAST_UNSURE;
	*end = e;
	return TL_FAST_MATCH;
}
