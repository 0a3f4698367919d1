/*
 * patterns.h - the compiled PCRE2 patterns of the tagging stage. Anchored
 * patterns, written with named fragments ((?(DEFINE)...) and (?&name), inlined
 * before compiling), hold one alternative per class of temporal expression;
 * a try runs those that may start with the class of word at the position
 * (tl_start) and fit the text there, the first that matches wins. Each
 * alternative ends in a (*MARK) that names its class (tl_kind). patterns.c is
 * the only file that includes pcre2.h: it owns the compiled code, its JIT
 * code and the match context, all read-only after tl_patterns_new() but for
 * the code itself, compiled for each alternative on its first try under a
 * lock (so one tl_patterns serves many threads). Match scratch space
 * (tl_match_scratch) belongs to one call and one thread.
 */
#ifndef TL_PATTERNS_H
#define TL_PATTERNS_H

#include <stdbool.h>
#include <stddef.h>

#include "timeline.h"

/* The class of a recognized span: which alternative of the pattern matched. */
typedef enum tl_kind {
	TL_KIND_NONE = 0,
	TL_KIND_TIME,       /* 10 p.m. Wednesday, 9:30 a.m. EDT */
	TL_KIND_DATE_FULL,  /* April 9, 2025; 9 April 2025; 2025-04-09; 4/9/2025 */
	TL_KIND_MONTH_DAY,  /* April 9, Nov. 10, 9 April */
	TL_KIND_MONTH_YEAR, /* January 1998, mid-May 2025 */
	TL_KIND_DECADE,     /* the 1990s, the late seventies */
	TL_KIND_QUARTER,    /* the first quarter, third-quarter, Q1 2025, the second half */
	TL_KIND_SEASON,     /* spring 2025, last fall */
	TL_KIND_PART_OF,    /* the end of 1990, the first half of 1998 */
	TL_KIND_YEAR,       /* 1998, fiscal 1989, mid-1996 */
	TL_KIND_RELATIVE,   /* last week, this year, earlier this month, the past year */
	TL_KIND_PART_DAY,   /* this morning, Friday night, last night */
	TL_KIND_DEICTIC,    /* today, yesterday, tomorrow, tonight */
	TL_KIND_AGO,        /* two days ago, a year earlier, a week later */
	TL_KIND_DURATION,   /* two days, 90-day, the past three months */
	TL_KIND_SET,        /* every Monday, annually, twice a year */
	TL_KIND_REF,        /* now, recently, the past, the future, recent years */
	TL_KIND_WEEKDAY,    /* Tuesday, last Friday, next Tuesday */
	TL_KIND_MONTH,      /* April, early May, last June */
	TL_KIND_ANAPHOR,    /* the following day, that month, the year, year-earlier */
	TL_KIND_HOLIDAY,    /* Thanksgiving Day, Christmas Eve, last Labor Day */
	TL_KIND_WEEK_OF,    /* the week of March 6 */
	TL_KIND_COUNT
} tl_kind;

/*
 * The class of the word an expression would start with. A try runs only the
 * alternatives that can start with such a word, so a try at "the" never runs
 * the alternatives for "May 5"; they are narrowed further by the next word's
 * first letter (at numbers: by the count of digits and what follows them).
 */
typedef enum tl_start {
	TL_START_DIGIT = 0, /* a digit or the apostrophe of '90s */
	TL_START_MONTH,     /* January, Sept. */
	TL_START_WEEKDAY,   /* Monday, Fridays */
	TL_START_THE,       /* the */
	TL_START_A,         /* a, an */
	TL_START_REL,       /* this, last, next, past, coming, that, these, recent, current */
	TL_START_MOD,       /* early, late, mid, end, beginning, fiscal, year (year-earlier) */
	TL_START_NUM,       /* number words and vague quantities: two, several, nineteen */
	TL_START_APPROX,    /* around, nearly, more (than), at (least), up (to) */
	TL_START_OTHER,     /* everything else: today, now, every, daily, first, Q1 */
	TL_START_COUNT
} tl_start;

typedef struct tl_patterns tl_patterns;
typedef struct tl_match_scratch tl_match_scratch;

/* Prepares the patterns (each is compiled on its first try). NULL with err set on
 * failure. */
tl_patterns *tl_patterns_new(tl_error *err);

/* Compiles and JIT-compiles every pattern now: TL_OK, or an error naming the first
 * that fails (tests use it; tries would report the same on first use). */
int tl_patterns_check(const tl_patterns *patterns, tl_error *err);
void tl_patterns_free(tl_patterns *patterns);

/* The body of the pattern's named fragment (?<name>...) in *body (*len bytes, not
 * 0-terminated, owned by patterns): false when there is none. Tests read the words
 * of the pattern through it. */
bool tl_patterns_fragment(const tl_patterns *patterns, const char *name, const char **body,
                          size_t *len);

/* Scratch (match data) for one caller; free with tl_patterns_scratch_free(). */
tl_match_scratch *tl_patterns_scratch_new(const tl_patterns *patterns, tl_error *err);
void tl_patterns_scratch_free(tl_match_scratch *scratch);

/*
 * Tries the pattern for start class cls anchored at text[pos] (text is len
 * bytes; lookbehind may see text before pos). run_end is the end of the run of
 * ASCII letters and digits that starts at pos when the caller knows it (the
 * recognizer found it), else 0. Returns 1 and sets *end (exclusive) and *kind on
 * a match, 0 when nothing matches there, or a negative TL_E* code with err set.
 */
int tl_patterns_match_at(const tl_patterns *patterns, tl_match_scratch *scratch, tl_start cls,
                         const char *text, size_t len, size_t pos, size_t run_end, size_t *end,
                         tl_kind *kind, tl_error *err);

#endif
