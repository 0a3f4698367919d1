/*
 * pattern_fast_clock.c - the hand-written matcher of patterns.c's time of day
 * (see pattern_fast.h, which runs it):
 *   (?:around(?&s))? (?&clock) (?:(?&s)(?&tz))? (?: ,?(?&s)(?:on(?&s))?(?&dayword)
 *   | ,?(?&s)(?&month)(?&s)(?&dom) )?
 *   clock = (?:[01]?[0-9]|2[0-3]) (?::[0-5][0-9]){0,2} \s? (?:[ap]\.m\.|[ap]m(?&b)|[ap]\.m(?&b))
 *         | (?:[01]?[0-9]|2[0-3]):[0-5][0-9](?![\d:]) | (?:[1-9]|1[0-2])\ o'clock
 *         | (?:[1-9]|1[0-2])(?:\ o'clock)?\ in\ the\ (?:morning|afternoon|evening)
 *   tz = (?-i:[ECMP][SD]T|GMT|UTC) (?&b)
 * It reads the commonest times whole ("3:30 p.m.", "10 am EDT": an hour of one or
 * two digits, minutes, one space, a.m. or am) when no day or date follows, rules
 * out a number no branch can start with, and leaves everything else to PCRE2
 * ("around", a time with no a.m., o'clock, a day after it). Owns nothing.
 */
#include <stdbool.h>
#include <stddef.h>

#include "pattern_fast_clock.h"
#include "pattern_fast_text.h"

/* At a number followed by a blank the hour takes the whole digit run (a digit
 * after it fails every branch) and ':' cannot follow, so the byte after the blank
 * must be a or p, the o of o'clock, or "in the " follow. */
static int after_blank(const char *t, size_t stop, size_t e)
{
	if (e + 1 >= stop)
		return TL_FAST_NONE;
	unsigned char c = (unsigned char)t[e + 1];
	if (c >= 0x80 || (c | 0x20) == 'a' || (c | 0x20) == 'p')
		return TL_FAST_UNSURE;
	if ((c | 0x20) == 'o' && e + 2 < stop && t[e + 2] == '\'')
		return TL_FAST_UNSURE; /* "9 o'clock" */
	if ((c | 0x20) == 'i' && starts_caseless(t, stop, e + 1, "in the ", 7) != 0)
		return TL_FAST_UNSURE; /* "4 in the morning" */
	return TL_FAST_NONE;
}

/* The time zone (?:(?&s)(?&tz))? after the clock's end ce: where it ends, ce
 * without one, or 0 when a byte that is not ASCII leaves (?&b) unknown. */
static size_t zone_end(const char *t, size_t stop, size_t ce)
{
	size_t s = blanks_end(t, stop, ce);
	if (s == ce || stop - s < 3)
		return ce;
	const char *z = t + s;
	bool tz = (z[0] == 'E' || z[0] == 'C' || z[0] == 'M' || z[0] == 'P') &&
	          (z[1] == 'S' || z[1] == 'D') && z[2] == 'T';
	tz = tz || (z[0] == 'G' && z[1] == 'M' && z[2] == 'T') ||
	     (z[0] == 'U' && z[1] == 'T' && z[2] == 'C');
	if (!tz)
		return ce;
	int b = boundary(t, stop, s + 3);
	return b < 0 ? 0 : b ? s + 3 : ce;
}

/* Might the optional day or date ",?(?&s)(?:on(?&s))?(?&dayword)" or
 * ",?(?&s)(?&month)(?&s)(?&dom)" start at q? Read by its first letter: on, a
 * weekday, today, tonight, tomorrow, yesterday (any case), a month name
 * (capitalized); a byte that is not ASCII might be a case variant. */
static bool day_may_follow(const char *t, size_t stop, size_t q)
{
	size_t r = q < stop && t[q] == ',' ? q + 1 : q;
	size_t s = blanks_end(t, stop, r);
	if (s == r || s >= stop)
		return false;
	unsigned char c = (unsigned char)t[s];
	switch (c | 0x20) {
	case 'o': case 't': case 'y': case 'm': case 'w': case 'f': case 's':
		return true;
	default:
		return c >= 0x80 || c == 'J' || c == 'A' || c == 'N' || c == 'D';
	}
}

int tl_fast_clock(const char *t, size_t stop, size_t pos, size_t *end)
{
	if (pos >= stop)
		return TL_FAST_UNSURE;
	if (!is_ascii_digit((unsigned char)t[pos])) {
		bool unsure;
		size_t e = letters_end(t, stop, pos, &unsure);
		if (unsure || (e - pos == 6 && word_in(t, pos, 6, (const word[]){{"around", 6}}, 1)))
			return TL_FAST_UNSURE;
		return TL_FAST_NONE;
	}
	size_t e = pos;
	while (e < stop && is_ascii_digit((unsigned char)t[e]))
		e++;
	if (e >= stop)
		return TL_FAST_UNSURE;
	if (t[e] == ' ' || t[e] == '\t' || t[e] == '\n') {
		/* the commonest: a number, then a word */
		int r = after_blank(t, stop, e);
		if (r != TL_FAST_UNSURE || t[e] != ' ')
			return r;
	}
	/* The hour takes the whole run: of two digits, 00-23 (with [01]?[0-9] first
	 * or 2[0-3] after it, the first path that matches ends at the same place). */
	if (e - pos > 2 || (e - pos == 2 && t[pos] > '2') ||
	    (e - pos == 2 && t[pos] == '2' && t[pos + 1] > '3'))
		return TL_FAST_UNSURE;
	size_t i = e;
	for (int m = 0; m < 2 && stop - i >= 3 && t[i] == ':' && t[i + 1] >= '0' &&
	                t[i + 1] <= '5' && is_ascii_digit((unsigned char)t[i + 2]);
	     m++)
		i += 3;
	if (i < stop && t[i] == ' ')
		i++; /* \s? */
	/* a.m. or am before (?&b), in any case; the rest is left to PCRE2 */
	if (stop - i < 2 || ((t[i] | 0x20) != 'a' && (t[i] | 0x20) != 'p'))
		return TL_FAST_UNSURE;
	size_t ce;
	if (stop - i >= 4 && t[i + 1] == '.' && (t[i + 2] | 0x20) == 'm' && t[i + 3] == '.')
		ce = i + 4;
	else if ((t[i + 1] | 0x20) == 'm' && boundary(t, stop, i + 2) == 1)
		ce = i + 2;
	else
		return TL_FAST_UNSURE;
	size_t q = zone_end(t, stop, ce);
	if (q == 0 || day_may_follow(t, stop, q))
		return TL_FAST_UNSURE;
	*end = q;
	return TL_FAST_MATCH;
}
