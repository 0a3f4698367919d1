/*
 * pattern_fast.h - hand-written matchers for the commonest shapes of the
 * tagging patterns: a month name and a day ("April 9"), the full date at a
 * month name ("April 9, 2025"), a bare month name ("April", "Sept."), a
 * weekday ("Tuesday"), a bare year ("2025", "1998 or later"), this/last/next
 * + unit ("last week"), the simplest durations ("30 days", "the past three
 * years") and points before or after now ("two days ago"), each at the start
 * word its alternative of patterns.c is tried at (F: in the keys names the
 * matcher). Each reads ASCII text only and answers exactly as the PCRE2
 * alternative would, or says it is unsure (a non-ASCII byte where Unicode
 * rules could matter, "May" and "March" after their lookbehind, a spelled-out
 * year), and the alternative is tried through PCRE2 after all. No state.
 */
#ifndef TL_PATTERN_FAST_H
#define TL_PATTERN_FAST_H

#include <stdbool.h>
#include <stddef.h>

enum { TL_FAST_UNSURE = -1, TL_FAST_NONE = 0, TL_FAST_MATCH = 1 };

/* What the matchers of one try have read at its position, for those that come after
 * it: the full date and "month day" share their reading of the month and the day.
 * The caller owns it, one per try (tl_fast_memo_init before the first matcher). */
typedef struct tl_fast_memo {
	bool day_read; /* the month and day were read: */
	int day;       /* what that answered (TL_FAST_*), */
	size_t day_end; /* and where the day ends on TL_FAST_MATCH */
} tl_fast_memo;

static inline void tl_fast_memo_init(tl_fast_memo *memo)
{
	memo->day_read = false;
	memo->day_end = 0;
}

/*
 * Runs matcher id ('d' month and day, 'f' full date at a month name, 'm' bare
 * month, also after one modifier, 'k' weekday, 'y' year at its digits or after early, late, mid, calendar
 * or fiscal, 'r' this/last/next + unit, 'u' simple duration, 'g' "two days ago",
 * 'n' today, tonight, yesterday, tomorrow, 'o' "this morning", 'x' "every year",
 * 's' the ISO date ("2024-09-24"),
 * 'c' time of day ("3:30 p.m."), 'l' bare units after for/in/over..., 'v' bare
 * units after verbs of lasting, prepositions, commas or at a sentence's start, 'q'
 * "quarterly" before a word, 'i' "is the third day", 'e' decades at "the" and
 * early/mid/late, these five never a match)
 * anchored at text[pos] (the text ends at stop; the year reads up to 14 bytes
 * before pos, as its lookbehinds do, 'l' up to 9, 'v' up to 11, 'i' up to 4), with the memo of
 * the try at pos. Returns TL_FAST_MATCH with *end set (exclusive), TL_FAST_NONE,
 * or TL_FAST_UNSURE.
 */
int tl_fast_match(char id, const char *text, size_t stop, size_t pos, size_t *end,
                  tl_fast_memo *memo);

#endif
