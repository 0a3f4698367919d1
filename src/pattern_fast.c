/*
 * pattern_fast.c - hand-written matchers for seventeen alternatives of patterns.c
 * (see pattern_fast.h) and tl_fast_match(), which runs them: "month day", the
 * full date and the bare month name at month names (the latter also after
 * early, late, mid, earlier, later), the weekday at weekdays, the bare year at
 * its digits and after early, late, mid, calendar or fiscal, the ISO date at its
 * digits, "last week" at
 * this/last/next (and at "the", only to rule it out, also after "the end of"),
 * and (only to rule it out) bare units after "for" and the like, "the third
 * day" but after "is", and decades at "the" and early/mid/late; the time of day
 * is in pattern_fast_clock.c, the durations
 * and "two days ago" in pattern_fast_counts.c, today, "this morning",
 * "every year" and the screens of bare units after verbs and of "quarterly" in
 * pattern_fast_days.c, the readers they share in pattern_fast_text.h. They
 * follow the PCRE2 text of their alternative step by step over ASCII and give
 * up (TL_FAST_UNSURE) wherever Unicode could change the answer: a non-ASCII
 * byte read by \s, \d, (?&b) or a caseless compare (PCRE2 folds 's' with
 * U+017F, for one). The fragments they stand for: (?&s) = [ \t]+ \n? [ \t]*
 * | \n [ \t]*, (?&b) = (?![\p{L}\p{N}]). Owns nothing.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "pattern_fast.h"
#include "pattern_fast_clock.h"
#include "pattern_fast_counts.h"
#include "pattern_fast_days.h"
#include "pattern_fast_text.h"

/* The matchers tl_fast_match() runs stay out of line: inlined, they would make it save
 * the registers of the largest of them on every call. */
#if defined(__GNUC__)
#define MATCHER __attribute__((noinline))
#else
#define MATCHER
#endif

/* Month names, case-sensitive: (?&monthfull) before (?&b), and the abbreviations of
 * (?&monthabbr) (Jan... before '.' or (?&b); Mar, Jun, Jul before '.' only), grouped
 * by first letter (full names first). */
typedef struct month_name {
	const char *s;
	unsigned char len;
	unsigned char abbr; /* 0 full name, 1 abbreviation, 2 abbreviation before '.' only */
} month_name;

static const month_name months[] = {
    {"April", 5, 0},     {"August", 6, 0},   {"APRIL", 5, 0},    {"AUGUST", 6, 0},
    {"Apr", 3, 1},       {"Aug", 3, 1},                                          /* A 0-5 */
    {"December", 8, 0},  {"DECEMBER", 8, 0}, {"Dec", 3, 1},                      /* D 6-8 */
    {"February", 8, 0},  {"FEBRUARY", 8, 0}, {"Feb", 3, 1},                      /* F 9-11 */
    {"January", 7, 0},   {"June", 4, 0},     {"July", 4, 0},     {"JANUARY", 7, 0},
    {"JUNE", 4, 0},      {"JULY", 4, 0},     {"Jan", 3, 1},      {"Jun", 3, 2},
    {"Jul", 3, 2},                                                              /* J 12-20 */
    {"March", 5, 0},     {"May", 3, 0},      {"MARCH", 5, 0},    {"Mar", 3, 2},  /* M 21-24 */
    {"November", 8, 0},  {"NOVEMBER", 8, 0}, {"Nov", 3, 1},                      /* N 25-27 */
    {"October", 7, 0},   {"OCTOBER", 7, 0},  {"Oct", 3, 1},                      /* O 28-30 */
    {"September", 9, 0}, {"SEPTEMBER", 9, 0}, {"Sept", 4, 1},    {"Sep", 3, 1},  /* S 31-34 */
};

/* The names that start with c: *first and the count. */
static size_t months_of(char c, size_t *first)
{
	switch (c) {
	case 'A': *first = 0; return 6;
	case 'D': *first = 6; return 3;
	case 'F': *first = 9; return 3;
	case 'J': *first = 12; return 9;
	case 'M': *first = 21; return 4;
	case 'N': *first = 25; return 3;
	case 'O': *first = 28; return 3;
	case 'S': *first = 31; return 4;
	default: *first = 0; return 0;
	}
}

/*
 * The end of (?&month) at pos that (?&s) can follow: 1 with *end set, 0 when no
 * reading of the month is followed by a blank, -1 unsure, -2 when no month name
 * starts at pos at all. The names are tried in the pattern's order; at most one
 * reading ends before a blank.
 */
static int month_before_blank(const char *t, size_t stop, size_t pos, size_t *end)
{
	bool any = false;
	size_t from, count = months_of(t[pos], &from);
	for (size_t k = from; k < from + count; k++) {
		const month_name *mn = &months[k];
		if (!starts_with(t, stop, pos, mn->s, mn->len))
			continue;
		any = true;
		size_t e = pos + mn->len;
		if (mn->abbr && e < stop && t[e] == '.') {
			if (e + 1 < stop && (t[e + 1] == ' ' || t[e + 1] == '\t' || t[e + 1] == '\n')) {
				*end = e + 1;
				return 1;
			}
		}
		if (mn->abbr == 2)
			continue;
		int b = boundary(t, stop, e);
		if (b < 0)
			return -1;
		if (b && e < stop && (t[e] == ' ' || t[e] == '\t' || t[e] == '\n')) {
			*end = e;
			return 1;
		}
	}
	return any ? 0 : -2;
}

/*
 * "month day" at a month name (month_and_day() reads (?&month)(?&s)(?&dom), the end of
 * the day in *day_end, month_day() the rest):
 *   (?:around(?&s))? (?:(?&weekday),?(?&s))? (?&month)(?&s)(?&dom)
 *   (?!\s?(?:%|percent|,\d)) (?!,?(?&s)(?&year4))
 * with dom = (?:0?[1-9]|[12][0-9]|3[01]) (?:st|nd|rd|th)? (?![\d]) (?&b) and year4 =
 * (?: (?:1[0-9]{3}|20[0-9]{2}) (?![\d]) | (?&yearw) ) (?&b). A month name at pos is
 * neither "around" nor a weekday, so the optional words cannot match.
 */
static int month_and_day(const char *t, size_t stop, size_t pos, size_t *day_end)
{
	size_t m;
	int r = month_before_blank(t, stop, pos, &m);
	if (r != 1)
		return r == 0 ? TL_FAST_NONE : TL_FAST_UNSURE;
	size_t d = blanks_end(t, stop, m);
	size_t e = d;
	while (e < stop && is_ascii_digit((unsigned char)t[e]) && e - d < 3)
		e++;
	size_t nd = e - d;
	if (nd == 0 || nd > 2)
		return TL_FAST_NONE; /* [1-9] etc. are ASCII: nothing else starts a day */
	int v = nd == 1 ? t[d] - '0' : (t[d] - '0') * 10 + (t[d + 1] - '0');
	if (v < 1 || v > 31)
		return TL_FAST_NONE;
	/* the suffix, then (?![\d]) (?&b); without it (?&b) must hold right after */
	for (size_t k = e; k < e + 2 && k < stop; k++)
		if ((unsigned char)t[k] >= 0x80)
			return TL_FAST_UNSURE;
	size_t q = e;
	bool suffixed = false;
	if (stop - e >= 2) {
		char s0 = (char)(t[e] | 0x20), s1 = (char)(t[e + 1] | 0x20);
		suffixed = (s0 == 's' && s1 == 't') || (s0 == 'n' && s1 == 'd') ||
		           (s0 == 'r' && s1 == 'd') || (s0 == 't' && s1 == 'h');
	}
	if (suffixed)
		q = e + 2;
	int b = boundary(t, stop, q);
	if (b < 0)
		return TL_FAST_UNSURE;
	if (!b)
		return TL_FAST_NONE; /* a digit or letter after the day, with or without suffix */
	*day_end = q;
	return TL_FAST_MATCH;
}

/* month_and_day(), read once a try. */
static int month_and_day_once(const char *t, size_t stop, size_t pos, size_t *day_end,
                              tl_fast_memo *memo)
{
	if (!memo->day_read) {
		memo->day = month_and_day(t, stop, pos, &memo->day_end);
		memo->day_read = true;
	}
	*day_end = memo->day_end;
	return memo->day;
}

static MATCHER int month_day(const char *t, size_t stop, size_t pos, size_t *end,
                             tl_fast_memo *memo)
{
	size_t q;
	int r = month_and_day_once(t, stop, pos, &q, memo);
	if (r != TL_FAST_MATCH)
		return r;
	/* (?!\s?(?:%|percent|,\d)) */
	for (int skip = 1; skip >= 0; skip--) {
		size_t i = q;
		if (skip) {
			if (i >= stop)
				continue;
			unsigned char c = (unsigned char)t[i];
			if (c >= 0x80)
				return TL_FAST_UNSURE; /* \s has non-ASCII members */
			if (!(c == ' ' || (c >= '\t' && c <= '\r')))
				continue;
			i++;
		}
		if (i >= stop)
			continue;
		if (t[i] == '%')
			return TL_FAST_NONE;
		if (t[i] != ',' && (t[i] | 0x20) != 'p')
			continue;
		if (t[i] == ',' && i + 1 < stop) {
			unsigned char c = (unsigned char)t[i + 1];
			if (c >= 0x80)
				return TL_FAST_UNSURE; /* \d has non-ASCII members */
			if (is_ascii_digit(c))
				return TL_FAST_NONE;
		}
		int pc = starts_caseless(t, stop, i, "percent", 7);
		if (pc < 0)
			return TL_FAST_UNSURE;
		if (pc)
			return TL_FAST_NONE;
	}
	/* (?!,?(?&s)(?&year4)) */
	size_t j = q < stop && t[q] == ',' ? q + 1 : q;
	size_t y = blanks_end(t, stop, j);
	if (y > j && y < stop) {
		unsigned char c = (unsigned char)t[y];
		static const struct {
			const char *s;
			size_t len;
		} yearw[] = {{"nineteen", 8}, {"eighteen", 8}, {"twenty", 6}};
		unsigned char c0 = (unsigned char)(c | 0x20);
		for (size_t k = 0; k < 3 && (c0 == 'n' || c0 == 'e' || c0 == 't' || c >= 0x80); k++)
			if (starts_caseless(t, stop, y, yearw[k].s, yearw[k].len) != 0)
				return TL_FAST_UNSURE; /* maybe a year in words (yearw) */
		if (stop - y >= 4 && is_ascii_digit(c) && is_ascii_digit((unsigned char)t[y + 1]) &&
		    is_ascii_digit((unsigned char)t[y + 2]) && is_ascii_digit((unsigned char)t[y + 3]) &&
		    (c == '1' || (c == '2' && t[y + 1] == '0'))) {
			if (y + 4 < stop && (unsigned char)t[y + 4] >= 0x80)
				return TL_FAST_UNSURE;
			if (boundary(t, stop, y + 4) == 1)
				return TL_FAST_NONE; /* a year follows: the full date's, not ours */
		}
	}
	*end = q;
	return TL_FAST_MATCH;
}

/*
 * The full date at a month name:
 *   (?:(?&weekday)(?&s))? (?&month)(?&s)(?&dom),?(?&s)(?&year4)
 * (no month name is a weekday, so the optional word cannot match), with year4 as
 * above. A year in words (yearw) is left to PCRE2.
 */
static MATCHER int full_date(const char *t, size_t stop, size_t pos, size_t *end,
                             tl_fast_memo *memo)
{
	size_t q;
	int r = month_and_day_once(t, stop, pos, &q, memo);
	if (r != TL_FAST_MATCH)
		return r;
	/* ,?(?&s): the blanks must follow the day or its comma (the year is no blank) */
	size_t j = q < stop && t[q] == ',' ? q + 1 : q;
	size_t y = blanks_end(t, stop, j);
	if (y == j || y >= stop)
		return TL_FAST_NONE;
	unsigned char c = (unsigned char)t[y];
	if (c >= 0x80)
		return TL_FAST_UNSURE;
	unsigned char c0 = (unsigned char)(c | 0x20);
	if (c0 == 'n' || c0 == 'e' || c0 == 't')
		return TL_FAST_UNSURE; /* maybe a year in words */
	if (stop - y < 4 || !is_ascii_digit(c) || !is_ascii_digit((unsigned char)t[y + 1]) ||
	    !is_ascii_digit((unsigned char)t[y + 2]) || !is_ascii_digit((unsigned char)t[y + 3]) ||
	    !(c == '1' || (c == '2' && t[y + 1] == '0')))
		return TL_FAST_NONE;
	/* (?![\d]) (?&b) after the four digits */
	int b = boundary(t, stop, y + 4);
	if (b < 0)
		return TL_FAST_UNSURE;
	if (!b)
		return TL_FAST_NONE;
	*end = y + 4;
	return TL_FAST_MATCH;
}

/*
 * The bare month name at a month name:
 *   (?: (?:early|late|mid|earlier|later)(?:-|(?&s))(?:in(?&s))? | mid- | (?&pmod)(?&s) )?
 *   (?: (?!(?-i:May|March)(?&b)) (?:(?&monthfull)|(?-i:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug
 *   |Sept?|Oct|Nov|Dec)\.)) | (?=Ma)(?&prevmay)(?-i:May|March)(?&b)
 *   | (?<=\bthe\ )(?-i:March)(?&b)(?!...) )
 * "May" and "March" (their lookbehinds) and anything that might begin with one of the
 * modifiers are left to PCRE2.
 */
static int bare_month(const char *t, size_t stop, size_t pos, size_t *end)
{
	if (pos >= stop)
		return TL_FAST_UNSURE;
	unsigned char c0 = (unsigned char)(t[pos] | 0x20);
	if (c0 == 'e' || c0 == 'l' || c0 == 'm' || c0 == 't' || (unsigned char)t[pos] >= 0x80)
		return TL_FAST_UNSURE; /* a modifier, "May", "March", "Mar." (see above) */
	size_t from, count = months_of(t[pos], &from);
	for (size_t k = from; k < from + count; k++) {
		const month_name *mn = &months[k];
		if (!starts_with(t, stop, pos, mn->s, mn->len))
			continue;
		size_t e = pos + mn->len;
		if (mn->abbr) {
			if (e < stop && t[e] == '.') {
				*end = e + 1;
				return TL_FAST_MATCH;
			}
			continue;
		}
		int b = boundary(t, stop, e);
		if (b < 0)
			return TL_FAST_UNSURE;
		if (b) {
			*end = e;
			return TL_FAST_MATCH;
		}
	}
	return TL_FAST_NONE; /* no modifier, no month name, not "Ma" for the second branch */
}

/*
 * The month after one modifier (the bare month alternative at early, late, mid,
 * earlier, later, which end at e): '-' or (?&s), then a month name as bare_month()
 * reads it (the first branch has no lookbehind). "in" after the modifier, "May",
 * "March" and "Mar." (the branches with lookbehinds) are left to PCRE2.
 */
static int modified_month(const char *t, size_t stop, size_t e, size_t *end)
{
	size_t m = e < stop && t[e] == '-' ? e + 1 : blanks_end(t, stop, e);
	if (m == e || m >= stop || t[m] == 'M' || t[m] == 'i' || t[m] == 'I' ||
	    (unsigned char)t[m] >= 0x80)
		return TL_FAST_UNSURE;
	return bare_month(t, stop, m, end);
}

/* The bare month at a month name, or after a modifier (see modified_month()). */
static MATCHER int month_alone(const char *t, size_t stop, size_t pos, size_t *end)
{
	static const word mods[] = {{"early", 5}, {"late", 4}, {"mid", 3}, {"earlier", 7},
	                            {"later", 5}};
	if (pos < stop && t[pos] >= 'A' && t[pos] <= 'Z')
		return bare_month(t, stop, pos, end);
	bool unsure;
	size_t e = letters_end(t, stop, pos, &unsure);
	if (!unsure && word_in(t, pos, e - pos, mods, sizeof mods / sizeof mods[0]))
		return modified_month(t, stop, e, end);
	return bare_month(t, stop, pos, end);
}

/*
 * The weekday at a weekday:
 *   (?:(?:last|next|this|coming|past|the\s+following|the\s+previous|the\s+next)(?&s))?
 *   (?&weekday)
 * with weekday = (?:monday|...|sunday) (?&b), caseless. No weekday starts with one of
 * the optional words.
 */
static MATCHER int weekday(const char *t, size_t stop, size_t pos, size_t *end)
{
	static const struct {
		const char *s;
		size_t len;
	} days[] = {{"monday", 6}, {"tuesday", 7}, {"wednesday", 9}, {"thursday", 8},
	            {"friday", 6}, {"saturday", 8}, {"sunday", 6}};
	unsigned char c0 = (unsigned char)(t[pos] | 0x20);
	for (size_t k = 0; k < sizeof days / sizeof days[0]; k++) {
		if (c0 != (unsigned char)days[k].s[0])
			continue;
		int s = starts_caseless(t, stop, pos, days[k].s, days[k].len);
		if (s < 0)
			return TL_FAST_UNSURE;
		if (!s)
			continue;
		size_t e = pos + days[k].len;
		int b = boundary(t, stop, e);
		if (b < 0)
			return TL_FAST_UNSURE;
		if (!b)
			return TL_FAST_NONE;
		*end = e;
		return TL_FAST_MATCH;
	}
	return TL_FAST_UNSURE;
}

/* Is c a white-space character for \s, as far as ASCII goes? */
static bool is_ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* (?:%|percent|per\s+cent) at i: 1, 0, or -1 unsure. */
static int percent_at(const char *t, size_t stop, size_t i)
{
	if (i >= stop)
		return 0;
	if (t[i] == '%')
		return 1;
	int r = starts_caseless(t, stop, i, "per", 3);
	if (r <= 0)
		return r;
	size_t j = i + 3;
	r = starts_caseless(t, stop, j, "cent", 4);
	if (r != 0)
		return r;
	size_t k = j;
	while (k < stop && is_ascii_space((unsigned char)t[k]))
		k++;
	if ((j < stop && (unsigned char)t[j] >= 0x80) || (k < stop && (unsigned char)t[k] >= 0x80))
		return -1; /* \s has non-ASCII members */
	return k > j ? starts_caseless(t, stop, k, "cent", 4) : 0;
}

/*
 * A bare year at a number (the years alternative at its digits; the optional
 * modifiers before the year cannot match at a digit):
 *   (?=(?:1[5-9]|20)[0-9]{2}) (?<![$#\d.,/\-]) (?<!No\.\ |Section\ |...|No\ )
 *   (?:1[5-9][0-9]{2}|20[0-9]{2}) (?![\d]|[.,/\-:]\d|-(?&b)|'s(?&b))
 *   (?!\s?(?:%|percent|per\s+cent)) (?!(?&s)(?!was\b|...)(?-i:[a-z]+s)(?&b))
 *   (?:(?&s)(?:or(?&s)(?:later|earlier)|and(?&s)beyond)(?&b))?
 * Reads up to 14 bytes before pos.
 */
/* "post-" or "pre-" (a word of its own) right before pos: ASCII, already checked. */
static bool prefixed_year(const char *t, size_t pos)
{
	for (size_t n = 4; n <= 5; n++) {
		if (pos < n || (pos > n && is_ascii_alnum((unsigned char)t[pos - n - 1])))
			continue;
		const char *w = n == 5 ? "post" : "pre";
		bool same = true;
		for (size_t x = 0; x + 1 < n && same; x++)
			same = ((unsigned char)t[pos - n + x] | 0x20) == (unsigned char)w[x];
		if (same)
			return true;
	}
	return false;
}

/*
 * Does the text before from end with one of the words (the second lookbehind's list:
 * lower case, compared without case for letters, exactly for other bytes)?
 */
static bool ends_with_one(const char *t, size_t from, const word *words, size_t count)
{
	for (size_t k = 0; k < count; k++) {
		size_t n = words[k].len;
		if (from < n)
			continue;
		bool same = true;
		for (size_t x = 0; x < n && same; x++) {
			unsigned char c = (unsigned char)t[from - n + x], w = (unsigned char)words[k].s[x];
			same = w >= 'a' && w <= 'z' ? (c | 0x20) == w && is_ascii_alnum(c) : c == w;
		}
		if (same)
			return true;
	}
	return false;
}

/* The words of the second lookbehind, each followed by a blank, by the byte before
 * that blank ('.' or a letter, in lower case): a year is read only after the words of
 * the group of the byte before it. (The pattern's "to $" never comes before a year
 * that is read: '$' before it rules the year out first.) */
static bool after_excluded_word(const char *t, size_t from)
{
	static const word after_dot[] = {{"no. ", 4}, {"sec. ", 5}, {"s. ", 3}};
	static const word after_d[] = {{"around ", 7}};
	static const word after_e[] = {{"article ", 8}, {"route ", 6},       {"rule ", 5},
	                               {"title ", 6},   {"interstate ", 11}, {"some ", 5}};
	static const word after_g[] = {{"boeing ", 7}};
	static const word after_l[] = {{"model ", 6}, {"bill ", 5}};
	static const word after_m[] = {{"room ", 5}};
	static const word after_n[] = {{"section ", 8}, {"version ", 8}, {"resolution ", 11},
	                               {"than ", 5}};
	static const word after_o[] = {{"apollo ", 7}, {"no ", 3}};
	static const word after_p[] = {{"top ", 4}};
	static const word after_r[] = {{"chapter ", 8}, {"number ", 7}, {"hr ", 3},
	                               {"over ", 5},    {"under ", 6}};
	static const word after_s[] = {{"windows ", 8}};
	static const word after_tt[] = {{"flight ", 7}, {"about ", 6}, {"almost ", 7}, {"just ", 5}};
	static const word after_y[] = {{"highway ", 8}, {"nearly ", 7}, {"roughly ", 8},
	                               {"only ", 5},    {"approximately ", 14}};
	if (from < 2 || t[from - 1] != ' ')
		return false;
	const word *list;
	size_t count;
	switch ((unsigned char)(t[from - 2] | 0x20)) {
	case '.':
		list = after_dot;
		count = sizeof after_dot / sizeof after_dot[0];
		break;
	case 'd':
		list = after_d;
		count = sizeof after_d / sizeof after_d[0];
		break;
	case 'e':
		list = after_e;
		count = sizeof after_e / sizeof after_e[0];
		break;
	case 'g':
		list = after_g;
		count = sizeof after_g / sizeof after_g[0];
		break;
	case 'l':
		list = after_l;
		count = sizeof after_l / sizeof after_l[0];
		break;
	case 'm':
		list = after_m;
		count = sizeof after_m / sizeof after_m[0];
		break;
	case 'n':
		list = after_n;
		count = sizeof after_n / sizeof after_n[0];
		break;
	case 'o':
		list = after_o;
		count = sizeof after_o / sizeof after_o[0];
		break;
	case 'p':
		list = after_p;
		count = sizeof after_p / sizeof after_p[0];
		break;
	case 'r':
		list = after_r;
		count = sizeof after_r / sizeof after_r[0];
		break;
	case 's':
		list = after_s;
		count = sizeof after_s / sizeof after_s[0];
		break;
	case 't':
		list = after_tt;
		count = sizeof after_tt / sizeof after_tt[0];
		break;
	case 'y':
		list = after_y;
		count = sizeof after_y / sizeof after_y[0];
		break;
	default:
		return false;
	}
	return ends_with_one(t, from, list, count);
}

static int year_at(const char *t, size_t stop, size_t from, size_t pos, size_t *end)
{
	static const struct {
		const char *s;
		size_t len;
	} plural_ok[] = {{"was", 3},     {"has", 3},      {"is", 2},       {"does", 4},
	                 {"levels", 6},  {"results", 7},  {"figures", 7},  {"sales", 5},
	                 {"earnings", 8}, {"election", 8}, {"elections", 9}, {"games", 5},
	                 {"olympics", 8}, {"as", 2},      {"numbers", 7},  {"totals", 6}};
	if (stop - pos < 4)
		return TL_FAST_NONE;
	const char *d = t + pos;
	for (int k = 0; k < 4; k++)
		if (!is_ascii_digit((unsigned char)d[k]))
			return TL_FAST_NONE;
	if (!((d[0] == '1' && d[1] >= '5') || (d[0] == '2' && d[1] == '0')))
		return TL_FAST_NONE;
	/* the two lookbehinds: ASCII only, and the list compared without case (letters) */
	size_t back = from < 14 ? from : 14;
	for (size_t k = 1; k <= back; k++)
		if ((unsigned char)t[from - k] >= 0x80)
			return TL_FAST_UNSURE;
	if (from > 0 && t[from - 1] == '-')
		return prefixed_year(t, from) ? TL_FAST_UNSURE : TL_FAST_NONE; /* "post-1959" */
	if (from > 0 &&
	    (strchr("$#.,/", t[from - 1]) || is_ascii_digit((unsigned char)t[from - 1])))
		return TL_FAST_NONE;
	if (after_excluded_word(t, from))
		return TL_FAST_NONE;
	size_t y = pos + 4;
	/* (?![\d]|[.,/\-:]\d|-(?&b)|'s(?&b)) */
	if (y < stop) {
		unsigned char c = (unsigned char)t[y];
		unsigned char n = y + 1 < stop ? (unsigned char)t[y + 1] : 0;
		if (c >= 0x80 || n >= 0x80)
			return TL_FAST_UNSURE;
		if (is_ascii_digit(c) || (strchr(".,/-:", c) && c && is_ascii_digit(n)))
			return TL_FAST_NONE;
		int b = c == '-' ? boundary(t, stop, y + 1)
		        : c == '\'' && (n | 0x20) == 's' ? boundary(t, stop, y + 2)
		                                         : 0;
		if (b < 0)
			return TL_FAST_UNSURE;
		if (b)
			return TL_FAST_NONE;
		/* (?!\s?(?:%|percent|per\s+cent)) */
		int r = percent_at(t, stop, y);
		if (r == 0 && is_ascii_space(c))
			r = percent_at(t, stop, y + 1);
		if (r < 0)
			return TL_FAST_UNSURE;
		if (r)
			return TL_FAST_NONE;
	}
	/* (?!(?&s)(?!was\b|...)(?-i:[a-z]+s)(?&b)): a plural noun after the year */
	size_t z = blanks_end(t, stop, y);
	if (z > y) {
		size_t k = z;
		while (k < stop && t[k] >= 'a' && t[k] <= 'z')
			k++;
		if (k - z >= 2 && t[k - 1] == 's') {
			int b = boundary(t, stop, k);
			if (b < 0)
				return TL_FAST_UNSURE;
			if (b) {
				bool excepted = false; /* \b after the word: '_' is a word character */
				for (size_t x = 0; x < sizeof plural_ok / sizeof plural_ok[0]; x++)
					excepted |= plural_ok[x].len == k - z &&
					            memcmp(t + z, plural_ok[x].s, k - z) == 0;
				if (!excepted || (k < stop && t[k] == '_'))
					return TL_FAST_NONE;
			}
		}
	}
	/* (?:(?&s)(?:or(?&s)(?:later|earlier)|and(?&s)beyond)(?&b))? */
	*end = y;
	if (z > y) {
		static const struct {
			const char *link, *word;
			size_t link_len, word_len;
		} tails[] = {{"or", "later", 2, 5}, {"or", "earlier", 2, 7}, {"and", "beyond", 3, 6}};
		for (size_t x = 0; x < sizeof tails / sizeof tails[0]; x++) {
			int r = starts_caseless(t, stop, z, tails[x].link, tails[x].link_len);
			if (r < 0)
				return TL_FAST_UNSURE;
			size_t w = blanks_end(t, stop, z + tails[x].link_len);
			if (!r || w == z + tails[x].link_len)
				continue;
			r = starts_caseless(t, stop, w, tails[x].word, tails[x].word_len);
			if (r < 0)
				return TL_FAST_UNSURE;
			if (!r)
				continue;
			int b = boundary(t, stop, w + tails[x].word_len);
			if (b < 0)
				return TL_FAST_UNSURE;
			if (b) {
				*end = w + tails[x].word_len;
				break;
			}
		}
	}
	return TL_FAST_MATCH;
}

/*
 * The year at a modifier (the years alternative at early, late, mid, calendar or
 * fiscal): one of them, (?&s) or "mid-", then the year as bare_year() reads it, with
 * the lookbehinds at the modifier. More modifiers ("fiscal year 1998", "the end of")
 * are left to PCRE2.
 */
static int modified_year(const char *t, size_t stop, size_t pos, size_t *end)
{
	static const word mods[] = {{"early", 5}, {"late", 4}, {"mid", 3}, {"calendar", 8},
	                            {"fiscal", 6}};
	bool unsure;
	size_t e = letters_end(t, stop, pos, &unsure);
	if (unsure || !word_in(t, pos, e - pos, mods, sizeof mods / sizeof mods[0]))
		return TL_FAST_UNSURE;
	size_t y = e - pos == 3 && e < stop && t[e] == '-' ? e + 1 : blanks_end(t, stop, e);
	if (y == e || y >= stop || !is_ascii_digit((unsigned char)t[y]))
		return TL_FAST_UNSURE;
	return year_at(t, stop, pos, y, end);
}

/* The bare year at its digits, or after a modifier (see modified_year()). */
static MATCHER int bare_year(const char *t, size_t stop, size_t pos, size_t *end)
{
	if (pos < stop && ((t[pos] | 0x20) >= 'a' && (t[pos] | 0x20) <= 'z'))
		return modified_year(t, stop, pos, end);
	return year_at(t, stop, pos, pos, end);
}

/*
 * The rest of that alternative after its this/last/next... word (which ends at w):
 *   (?&s)(?:(?:fiscal|calendar)(?&s))?
 *   (?:week|weekend|month|year|quarter|decade|century|(?&weekday)|(?>(?&month))(?!(?&s)\d))
 *   (?&b)(?!-) (?:(?&s)or(?&s)so(?&b))?
 * A month name after them is left to PCRE2.
 */
static int unit_tail(const char *t, size_t stop, size_t w, size_t *end)
{
	static const word units[] = {{"week", 4},     {"weekend", 7},  {"month", 5},
	                             {"year", 4},     {"quarter", 7},  {"decade", 6},
	                             {"century", 7},  {"monday", 6},   {"tuesday", 7},
	                             {"wednesday", 9}, {"thursday", 8}, {"friday", 6},
	                             {"saturday", 8}, {"sunday", 6}};
	assert(list_sig(units, sizeof units / sizeof units[0]) == UINT64_C(0x1018280040090527));
	static const word fiscal[] = {{"fiscal", 6}, {"calendar", 8}};
	bool unsure;
	size_t u = blanks_end(t, stop, w);
	if (u == w)
		return TL_FAST_NONE;
	size_t e = letters_end(t, stop, u, &unsure);
	if (unsure)
		return TL_FAST_UNSURE;
	if (e > u && word_in(t, u, e - u, fiscal, 2)) {
		size_t v = blanks_end(t, stop, e);
		if (v == e)
			return TL_FAST_NONE;
		u = v;
		e = letters_end(t, stop, u, &unsure);
		if (unsure)
			return TL_FAST_UNSURE;
	}
	size_t from, count = u < stop ? months_of(t[u], &from) : 0;
	for (size_t k = from; k < from + count; k++)
		if (starts_with(t, stop, u, months[k].s, months[k].len))
			return TL_FAST_UNSURE; /* a month name: (?>(?&month))(?!(?&s)\d) */
	bool known = e > u && WORD_IN(t, u, e - u, units, UINT64_C(0x1018280040090527));
	if (!known || (e < stop && (is_ascii_digit((unsigned char)t[e]) || t[e] == '-')))
		return TL_FAST_NONE; /* (?&b) or (?!-) fails, and no shorter unit can do */
	*end = e;
	/* (?:(?&s)or(?&s)so(?&b))? */
	size_t o = blanks_end(t, stop, e);
	if (o == e)
		return TL_FAST_MATCH;
	return or_so(t, stop, o, end);
}

/* The end of the ASCII white space (\s) at i; *unsure when a byte that is not ASCII
 * ends it (\s takes Unicode spaces). */
static size_t spaces_end(const char *t, size_t stop, size_t i, bool *unsure)
{
	while (i < stop && (t[i] == ' ' || (t[i] >= '\t' && t[i] <= '\r')))
		i++;
	*unsure = i < stop && (unsigned char)t[i] >= 0x80;
	return i;
}

/* The word after the white space at i (at least one byte of it): its start in *w and
 * its end, or i when there is none; *unsure when a byte that is not ASCII is in the
 * way. */
static size_t next_word(const char *t, size_t stop, size_t i, size_t *w, bool *unsure)
{
	*w = spaces_end(t, stop, i, unsure);
	if (*unsure || *w == i)
		return i;
	size_t e = letters_end(t, stop, *w, unsure);
	return e == *w ? i : e;
}

/*
 * After pmod's "the\s+end" (and beginning, start...; e ends that word), only to rule
 * the alternative out: "\s+of" (?&b) (?&s), then this, last, next, past, coming, or
 * "the" and one of after_the()'s words must follow. Otherwise no match; TL_FAST_UNSURE
 * where they do, or a byte that is not ASCII is in the way.
 */
static int after_pmod(const char *t, size_t stop, size_t e)
{
	static const word first[] = {{"this", 4}, {"last", 4}, {"next", 4}, {"past", 4},
	                             {"coming", 6}};
	assert(list_sig(first, sizeof first / sizeof first[0]) == UINT64_C(0x0901000000100040));
	static const word next[] = {
	    {"current", 7}, {"previous", 8}, {"coming", 6}, {"following", 9}, {"preceding", 9},
	    {"past", 4},    {"last", 4},     {"next", 4},   {"present", 7},   {"latest", 6}};
	assert(list_sig(next, sizeof next / sizeof next[0]) == UINT64_C(0x1D00000003980040));
	bool unsure;
	size_t w, x = next_word(t, stop, e, &w, &unsure);
	if (unsure)
		return TL_FAST_UNSURE;
	if (x == e || x - w != 2 || !word_in(t, w, 2, (const word[]){{"of", 2}}, 1))
		return TL_FAST_NONE;
	size_t y = next_word(t, stop, x, &w, &unsure);
	if (unsure)
		return TL_FAST_UNSURE;
	if (y == x)
		return TL_FAST_NONE;
	if (WORD_IN(t, w, y - w, first, UINT64_C(0x0901000000100040)))
		return TL_FAST_UNSURE;
	if (y - w != 3 || !word_in(t, w, 3, (const word[]){{"the", 3}}, 1))
		return TL_FAST_NONE;
	size_t z = next_word(t, stop, y, &w, &unsure);
	if (unsure)
		return TL_FAST_UNSURE;
	if (z == y)
		return TL_FAST_NONE;
	return WORD_IN(t, w, z - w, next, UINT64_C(0x1D00000003980040)) ? TL_FAST_UNSURE
	                                                                : TL_FAST_NONE;
}

/*
 * At "the" (pos + 3 ends it), the same alternative reads on only through
 * "the(?&s)(?:current|previous|...)" + unit_tail() ("latest" before a unit only,
 * which PCRE2 checks), or pmod's "the\s+end\s+of" and
 * the like: after the white space, one of these words whole. Any other word (or
 * none) means no match; after pmod's words after_pmod() reads on, and PCRE2 decides
 * wherever a byte that is not ASCII or a blank (?&s) does not take is in the way (\s
 * matches Unicode spaces).
 */
static int after_the(const char *t, size_t stop, size_t pos, size_t *end)
{
	static const word next[] = {
	    {"current", 7}, {"previous", 8}, {"coming", 6}, {"following", 9}, {"preceding", 9},
	    {"past", 4},    {"last", 4},     {"next", 4},   {"present", 7},   {"latest", 6}};
	assert(list_sig(next, sizeof next / sizeof next[0]) == UINT64_C(0x1D00000003980040));
	static const word pmod[] = {{"end", 3},  {"beginning", 9}, {"start", 5},    {"middle", 6},
	                            {"rest", 4}, {"remainder", 9}, {"close", 5}};
	assert(list_sig(pmod, sizeof pmod / sizeof pmod[0]) == UINT64_C(0x0480048400000042));
	size_t i = pos + 3, j = i;
	while (j < stop && (t[j] == ' ' || (t[j] >= '\t' && t[j] <= '\r')))
		j++;
	if (j < stop && (unsigned char)t[j] >= 0x80)
		return TL_FAST_UNSURE;
	if (j == i)
		return TL_FAST_NONE;
	bool unsure;
	size_t e = letters_end(t, stop, j, &unsure);
	if (unsure)
		return TL_FAST_UNSURE;
	if (e == j)
		return TL_FAST_NONE;
	if (WORD_IN(t, j, e - j, pmod, UINT64_C(0x0480048400000042)))
		return after_pmod(t, stop, e);
	if (!WORD_IN(t, j, e - j, next, UINT64_C(0x1D00000003980040)))
		return TL_FAST_NONE;
	if (blanks_end(t, stop, i) != j)
		return TL_FAST_UNSURE; /* \r, \v, \f or a second newline: let PCRE2 say */
	int r = unit_tail(t, stop, e, end);
	/* "latest" takes units only (a lookahead): PCRE2 says where unit_tail() may match */
	if (r != TL_FAST_NONE && e - j == 6 && word_in(t, j, 6, (const word[]){{"latest", 6}}, 1))
		return TL_FAST_UNSURE;
	return r;
}

/*
 * this/last/next/past/coming + unit or weekday at those words (the alternative's
 * modifiers and "the ..." cannot start at them; at "the", after_the()):
 *   (?:this|last|next|past|coming|the(?&s)(?:...)) + unit_tail()
 */
static MATCHER int this_unit(const char *t, size_t stop, size_t pos, size_t *end)
{
	static const word first[] = {{"this", 4}, {"last", 4}, {"next", 4}, {"past", 4},
	                             {"coming", 6}};
	assert(list_sig(first, sizeof first / sizeof first[0]) == UINT64_C(0x0901000000100040));
	bool unsure;
	size_t w = letters_end(t, stop, pos, &unsure);
	if (unsure)
		return TL_FAST_UNSURE;
	if (w - pos == 3 && word_in(t, pos, 3, (const word[]){{"the", 3}}, 1))
		return after_the(t, stop, pos, end);
	if (w == pos || !WORD_IN(t, pos, w - pos, first, UINT64_C(0x0901000000100040)))
		return TL_FAST_NONE; /* that, its, these, recent...: never this alternative */
	return unit_tail(t, stop, w, end);
}

/*
 * Bare plural units after for, in, over... ("for years"), only to rule them out
 * (never answers TL_FAST_MATCH) by their lookbehind
 *   (?<=\bfor\ |\bin\ |\bin\ the\ |\bwithin\ the\ |\bfor\ the\ |
 *       \bwithin\ |\blasting\ |\btook\ |\btake\ |\bover\ )
 * whose every branch ends in one of these words and a space (\b unchecked). A
 * byte that is not ASCII among the last nine before pos leaves it to PCRE2: a
 * caseless compare folds U+017F to 's', U+212A to 'k'.
 */
static MATCHER int after_for(const char *t, size_t pos)
{
	static const word before[] = {{"for", 3},     {"in", 2},      {"the", 3},  {"within", 6},
	                              {"lasting", 7}, {"took", 4},    {"take", 4}, {"over", 4}};
	if (pos == 0 || t[pos - 1] != ' ')
		return TL_FAST_NONE;
	for (size_t k = pos > 9 ? pos - 9 : 0; k < pos; k++)
		if ((unsigned char)t[k] >= 0x80)
			return TL_FAST_UNSURE;
	size_t i = pos - 1;
	for (size_t w = 0; w < sizeof before / sizeof before[0]; w++) {
		size_t n = before[w].len;
		if (i < n)
			continue;
		size_t k = 0;
		while (k < n && (t[i - n + k] | 0x20) == before[w].s[k])
			k++;
		if (k == n)
			return TL_FAST_UNSURE;
	}
	return TL_FAST_NONE;
}

/*
 * "is the third day", only to rule it out (never answers TL_FAST_MATCH) by its
 * lookbehind (?<=\bis\ |'s\ ) (\b unchecked); a byte that is not ASCII among the
 * three before the space leaves it to PCRE2 (U+017F folds to 's').
 */
static MATCHER int after_is(const char *t, size_t pos)
{
	if (pos < 3 || t[pos - 1] != ' ')
		return TL_FAST_NONE;
	for (size_t k = pos > 4 ? pos - 4 : 0; k < pos; k++)
		if ((unsigned char)t[k] >= 0x80)
			return TL_FAST_UNSURE;
	char a = (char)(t[pos - 3] | 0x20), b = (char)(t[pos - 2] | 0x20);
	return b == 's' && (a == 'i' || t[pos - 3] == '\'') ? TL_FAST_UNSURE : TL_FAST_NONE;
}

/*
 * Decades at "the" and early/mid/late, only to rule them out (never answers
 * TL_FAST_MATCH):
 *   (?:the(?&s))? (?:(?:early|mid|late)(?&s)|mid-)? (?:1[0-9]|20)[0-9]0'?s (?&b)
 * TL_FAST_NONE where the words or the digits cannot be those; TL_FAST_UNSURE where
 * they may (PCRE2 reads the 's' and the boundary) or a byte that is not ASCII is in
 * the way.
 */
static MATCHER int decade_screen(const char *t, size_t stop, size_t pos)
{
	static const word mod[] = {{"early", 5}, {"mid", 3}, {"late", 4}};
	bool unsure;
	size_t i = pos;
	size_t e = letters_end(t, stop, i, &unsure);
	if (unsure)
		return TL_FAST_UNSURE;
	if (e - i == 3 && word_in(t, i, 3, (const word[]){{"the", 3}}, 1)) {
		i = blanks_end(t, stop, e);
		if (i == e)
			return TL_FAST_NONE;
		e = letters_end(t, stop, i, &unsure);
		if (unsure)
			return TL_FAST_UNSURE;
	}
	if (e > i) {
		if (!word_in(t, i, e - i, mod, sizeof mod / sizeof mod[0]))
			return TL_FAST_NONE;
		size_t j = blanks_end(t, stop, e);
		if (j == e && e - i == 3 && e < stop && t[e] == '-')
			j = e + 1; /* mid- */
		if (j == e)
			return TL_FAST_NONE;
		i = j;
	}
	if (stop - i < 5)
		return TL_FAST_NONE; /* four digits and the s */
	bool century = (t[i] == '1' && is_ascii_digit((unsigned char)t[i + 1])) ||
	               (t[i] == '2' && t[i + 1] == '0');
	if (!century || !is_ascii_digit((unsigned char)t[i + 2]) || t[i + 3] != '0')
		return TL_FAST_NONE;
	return TL_FAST_UNSURE;
}

/*
 * The ISO date at its first digit:
 *   (?=[12]) (?<![\d.\-/]) [12][0-9]{3}-[01][0-9]-[0-3][0-9] (?![\d\-])
 * One fixed shape over ASCII; a byte that is not ASCII before or after it might be a
 * digit for \d and is left to PCRE2.
 */
static MATCHER int iso_date(const char *t, size_t stop, size_t pos, size_t *end)
{
	static const char shape[] = "0000-00-00"; /* 0: a digit */
	if (pos > 0) {
		unsigned char b = (unsigned char)t[pos - 1];
		if (b >= 0x80)
			return TL_FAST_UNSURE;
		if (is_ascii_digit(b) || b == '.' || b == '-' || b == '/')
			return TL_FAST_NONE;
	}
	if (stop - pos < 10)
		return TL_FAST_NONE;
	for (size_t k = 0; k < 10; k++) {
		char c = t[pos + k];
		bool ok = shape[k] == '-' ? c == '-' : is_ascii_digit((unsigned char)c);
		if (!ok)
			return TL_FAST_NONE;
	}
	if ((t[pos] != '1' && t[pos] != '2') || t[pos + 5] > '1' || t[pos + 8] > '3')
		return TL_FAST_NONE;
	if (stop - pos > 10) {
		unsigned char a = (unsigned char)t[pos + 10];
		if (a >= 0x80)
			return TL_FAST_UNSURE;
		if (is_ascii_digit(a) || a == '-')
			return TL_FAST_NONE;
	}
	*end = pos + 10;
	return TL_FAST_MATCH;
}

int tl_fast_match(char id, const char *text, size_t stop, size_t pos, size_t *end,
                  tl_fast_memo *memo)
{
	switch (id) {
	case 'd':
		return month_day(text, stop, pos, end, memo);
	case 'f':
		return full_date(text, stop, pos, end, memo);
	case 'm':
		return month_alone(text, stop, pos, end);
	case 'k':
		return weekday(text, stop, pos, end);
	case 'y':
		return bare_year(text, stop, pos, end);
	case 'r':
		return this_unit(text, stop, pos, end);
	case 'u':
		return tl_fast_duration(text, stop, pos, end);
	case 'c':
		return tl_fast_clock(text, stop, pos, end);
	case 'l':
		return after_for(text, pos);
	case 'i':
		return after_is(text, pos);
	case 'v':
		return tl_fast_after_verb(text, pos);
	case 'q':
		return tl_fast_quarterly(text, stop, pos);
	case 'e':
		return decade_screen(text, stop, pos);
	case 'g':
		return tl_fast_ago(text, stop, pos, end);
	case 'n':
		return tl_fast_deictic(text, stop, pos, end);
	case 'o':
		return tl_fast_part_of_day(text, stop, pos, end);
	case 'x':
		return tl_fast_every(text, stop, pos, end);
	case 's':
		return iso_date(text, stop, pos, end);
	default:
		return TL_FAST_UNSURE;
	}
}
