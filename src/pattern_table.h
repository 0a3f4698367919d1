/*
 * pattern_table.h - the text of the tagging pattern: the named fragments (a
 * (?(DEFINE)...) block), the alternatives, each with the start classes it may
 * begin at and the keys that say where it can match, and the class each
 * (*MARK) names. Data only; patterns.c compiles and tries them.
 */
#ifndef TL_PATTERN_TABLE_H
#define TL_PATTERN_TABLE_H

#include <stddef.h>

#include "patterns.h"

/*
 * The alternatives, most specific first. mask: the classes of first word each can
 * start with (tl_patterns_match_at tries only those of the word at the position).
 * At most 64 (patterns.c keeps sets of them in a uint64_t): a new rule joins an
 * alternative of the same class and mask as a branch where it can.
 */
typedef struct tl_alternative {
	unsigned mask;
	const char *text;
	/*
	 * For the split classes (see split_keys()), what the text may look like where the
	 * alternative matches, as "T:... K:... D:..." (NULL or no section: anything),
	 * one letter per class as in S_T...S_N:
	 * T: (at "the"), K: (a weekday), M: (a month name), O: (a modifier: early, mid,
	 *    fiscal, year...),
	 *    R: (this, last, next, past, that, recent...), N: (a number word), P: (an
	 *    approximator: around, more, at, up...), A: (a, an) and X: (other words:
	 *    today, every, first, noon, spring...): the first character of the next
	 *    word, after the blanks: a letter (lower case), '0' for any digit; or what
	 *    follows the word itself: '-', or '.' for no next word (any other ASCII
	 *    character that is neither a letter, a digit nor white space, or the end).
	 *    T: must list every way in: a "the" the alternative reads itself, one
	 *    inside a fragment ("the end of" in pmod, "the better part of" in approx)
	 *    or a literal "the\ ";
	 * D: (at a number) the length of its run of ASCII digits: '1', '2', '4', and
	 *    '3' for 3 or 5 and more; E: what follows the digits (see after_digits_key());
	 * W: (at an "other" word) the first letter of that word itself.
	 * Z: (any class) "n/word|word...": words one of which the alternative cannot
	 *    match without, lower case ASCII, each the start of one of the match's
	 *    first n words (0: any; "m-n": not of the first m), after white space or
	 *    '-' (see pattern_words.h).
	 *    Only for alternatives whose words before it all end in a letter, a digit,
	 *    a non-ASCII character or the ASCII punctuation listed between n and '/'
	 *    ("n,./words": 'Jan.', 'April,'; no "'s"), the pattern's spaces being
	 *    (?&s), '-' or \s; n counts words split at white space and '-'.
	 * F: "Cx" or "CC...x": at start classes C (letters as above), try hand-written
	 *    matcher x of pattern_fast.h first; PCRE2 only runs where it is unsure.
	 * A list that misses a way in loses matches: tests/unit/test_recognize.c has
	 * one case per way in.
	 */
	const char *keys;
} tl_alternative;

/* The class a (*MARK:x) names. */
typedef struct tl_mark_kind {
	const char *mark;
	tl_kind kind;
} tl_mark_kind;

extern const char *const tl_pattern_fragments[]; /* joined in order */
extern const size_t tl_pattern_fragment_count;
extern const tl_alternative tl_alternatives[];
extern const size_t tl_alternative_count;
extern const tl_mark_kind tl_mark_kinds[];
extern const size_t tl_mark_kind_count;

#endif
