/*
 * patterns.c - the PCRE2 pattern table of the tagging stage and the only file
 * that includes pcre2.h. The pattern is written as named fragments (month,
 * weekday, quantity, unit, ...) in a (?(DEFINE)...) block and one alternative
 * per class of temporal expression, each ending in a (*MARK:name) that tells
 * the recognizer which class matched. Alternatives are ordered so that the
 * longer, more specific readings come first (PCRE2 takes the first
 * alternative that matches); each carries the set of start-word classes it
 * can begin with. The alternatives are compiled one by one and, for each
 * class of start word, tried in order, skipping those
 * that cannot match given the first letter of the next word, or at numbers
 * the count of digits and what follows them (keys); that is the same first
 * match as the joined pattern at a fraction of the work; an alternative that
 * needs a word ("Z:", pattern_words.h) is skipped where none of its first words
 * starts with one, and the commonest shapes ("F:", pattern_fast.h) are matched
 * by hand unless that is unsure. Before compiling, every (?&name) call is
 * replaced by a copy of the fragment (pattern_expand.h), so the JIT code runs
 * no subroutine calls. The tagger owns one tl_patterns: the compiled codes
 * and their JIT code (made on each alternative's first try, under a lock) and
 * a match context with match and depth limits.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "buf.h"
#include "error.h"
#include "pattern_expand.h"
#include "pattern_fast.h"
#include "pattern_words.h"
#include "patterns.h"

#define MATCH_WINDOW 400
#define MAX_ALT 64  /* alternatives in the table: bits of a uint64_t set */
#define MAX_KEYS 30 /* keys of a split class, the last one for "anything else" */
#define AFTER_DIGITS_KEYS 35 /* see after_digits_key() */

/*
 * An alternative is compiled (pcre2_compile, then its JIT code) the first time it is
 * tried: a run over a few articles tries little more than half of them, a short text
 * none. Under the lock, published through ready[i]; kept out of struct tl_patterns so
 * that tries through a const pointer may fill it. tl_patterns_check() compiles them
 * all at once. Nothing else changes after tl_patterns_new().
 */
typedef struct lazy_code {
	pthread_mutex_t lock;
	tl_fragment_set fs;         /* the fragments, for the compiles to come */
	atomic_bool ready[MAX_ALT]; /* code[i] is compiled and its JIT compile has run */
	pcre2_code *code[MAX_ALT];  /* alternatives[i] compiled alone */
	bool jit[MAX_ALT];          /* with JIT code: match through pcre2_jit_match() */
	int error[MAX_ALT];         /* or the PCRE2 error of its compile or JIT compile */
	size_t offset[MAX_ALT];     /* where its compile failed */
} lazy_code;

#define LOCK_FAILED (-10000) /* a try's return when the JIT lock fails */

struct tl_patterns {
	/* The alternatives compiled alone (lazy) and, per start class and key of the text
	 * at the try (see split_keys()), the set of those to try (bit i for
	 * alternatives[i], tried from the lowest bit up); at numbers also per character
	 * after the digits (after_digits). */
	lazy_code *lazy;
	uint64_t alts[TL_START_COUNT][MAX_KEYS];
	uint64_t after_digits[AFTER_DIGITS_KEYS];
	uint64_t other_first[27]; /* "other" class: by the word's own first letter ("W:") */
	tl_needed_words need[MAX_ALT]; /* what alternatives[i] cannot match without ("Z:") */
	tl_needed_index need_index;    /* those lists by first letters, list i for need[i] */
	char fast_id[MAX_ALT];      /* its hand-written matcher ("F:"), 0 for none */
	unsigned fast_cls[MAX_ALT]; /* the start classes that matcher is for (bit per class) */
	tl_kind alt_kind[MAX_ALT];  /* the class its (*MARK) names */
	uint64_t digit_alts;      /* the alternatives of the digits class */
	pcre2_match_context *mctx;
	tl_kind mark_kind[26]; /* the class named by (*MARK:A) ... (*MARK:Z); NONE if unused */
};

struct tl_match_scratch {
	pcre2_match_data *md;
};

/* The pattern, in pieces joined at run time (C17 caps literals at 4095 bytes). */
#define S_D (1u << TL_START_DIGIT)
#define S_M (1u << TL_START_MONTH)
#define S_K (1u << TL_START_WEEKDAY)
#define S_T (1u << TL_START_THE)
#define S_A (1u << TL_START_A)
#define S_R (1u << TL_START_REL)
#define S_O (1u << TL_START_MOD)
#define S_N (1u << TL_START_NUM)
#define S_P (1u << TL_START_APPROX)
#define S_X (1u << TL_START_OTHER)

/* The named fragments, shared by every compiled pattern. */
static const char *const defines[] = {
    /* the fragments; case-sensitive parts are wrapped in (?-i:...) */
    "(?(DEFINE)",
    "(?<s> [\\ \\t]+ \\n? [\\ \\t]* | \\n [\\ \\t]* )",
    "(?<b> (?![\\p{L}\\p{N}]) )",
    "(?<monthfull> (?-i: January|February|March|April|May|June|July|August|September",
    "  |October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST",
    "  |SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER) (?&b) )",
    "(?<monthabbr> (?-i: (?:Jan|Feb|Apr|Aug|Sept?|Oct|Nov|Dec) (?:\\.|(?&b)) ",
    "  | (?:Mar|Jun|Jul) \\. ) )",
    "(?<month> (?&monthfull) | (?&monthabbr) )",
    "(?<weekday> (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday) (?&b) )",
    "(?<dom> (?:0?[1-9]|[12][0-9]|3[01]) (?:st|nd|rd|th)? (?![\\d]) (?&b) )",
    "(?<ones> one|two|three|four|five|six|seven|eight|nine )",
    "(?<teens> ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen",
    "  |nineteen )",
    "(?<tens> twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety )",
    /* years as digits or as spoken in broadcasts: "nineteen ninety-six" */
    "(?<yearw> (?:nineteen|eighteen|twenty)[-\\ ](?:(?&tens)(?:[-\\ ](?&ones))?|(?&teens)",
    "  |oh[-\\ ](?&ones)) (?&b) )",
    "(?<year4> (?: (?:1[0-9][0-9][0-9]|20[0-9][0-9]) (?![\\d]) | (?&yearw) ) (?&b) )",
    "(?<numword> (?: (?&tens) (?:[-\\ ](?&ones))? | (?&teens) | (?&ones) )",
    "  (?:[-\\ ]hundred)? (?&b) | hundred (?&b) | a\\ hundred (?&b) | a\\ dozen (?&b) )",
    "(?<qty> (?: \\d{1,3}(?:,\\d{3})*(?:\\.\\d+)? | \\d+ (?:\\ 1/2)? | (?&numword)",
    "  | a(?:\\s+couple\\s+of|\\s+few)? | an | few | several | some | many | a\\ half",
    "  | half\\ an? ",
    "  | (?:a\\ )?couple(?:\\ of)? | dozens\\ of | hundreds\\ of | thousands\\ of )",
    "  (?:\\s+and\\s+a\\s+half)? (?&b) )",
    "(?<unit> (?!(?<=-)quarters?\\b) (?:seconds?|minutes?|hours?|days?|nights?|weeks?",
    "  |weekends?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)) (?&b) )",
    "(?<units> (?:seconds|minutes|hours|days|weeks|months|quarters|years|decades",
    "  |centuries) (?&b) )",
    /* modifiers inside the extent (TimeML); "over" stays outside, and "about", "almost"
     * too except before "ago" (see there) */
    "(?<approx> (?:around|approximately|roughly|nearly|more\\s+than|less\\s+than",
    "  |fewer\\s+than|at\\s+least|at\\s+most|up\\s+to|no\\s+more\\s+than|no\\s+less\\s+than",
    "  |the\\s+better\\s+part\\s+of) (?&b) )",
    "(?<pday> (?:morning|afternoon|evening|night|overnight) (?&b) )",
    "(?<season> (?:spring|summer|fall|autumn|winter) (?&b) )",
    "(?<ord> (?:first|second|third|fourth|1st|2nd|3rd|4th|final|last) )",
    "(?<qual> (?:current|latest|previous|prior|same|comparable|corresponding|year-earlier|year-ago",
    "  |fiscal|calendar|recent|just-ended|most\\s+recent|prior-year|year-before) (?&b) )",
    /* "the quarter a year ago", "the corresponding period last year": a year before */
    "(?<yago> (?&s) (?:a(?&s)year(?&s)(?:ago|earlier)|last(?&s)year(?!'s)) (?&b) )",
    "(?<clock> (?: (?:[01]?[0-9]|2[0-3]) (?::[0-5][0-9]){0,2} \\s? (?:[ap]\\.m\\.|[ap]m(?&b)",
    "  |[ap]\\.m(?&b)) | (?:[01]?[0-9]|2[0-3]):[0-5][0-9](?![\\d:])",
    "  | (?:[1-9]|1[0-2])(?:\\ o'clock)?\\ in\\ the\\ (?:morning|afternoon|evening) (?&b)",
    "  | (?:[1-9]|1[0-2])\\ o'clock ) )",
    "(?<tz> (?-i:[ECMP][SD]T|GMT|UTC) (?&b) )",
    "(?<dayword> (?:(?&weekday)|today|tonight|yesterday|tomorrow) (?:(?&s)(?&pday))? )",
    "(?<pmod> (?:early|earlier|late|later|mid|the\\s+end\\s+of|the\\s+beginning\\s+of",
    "  |the\\s+start\\s+of|the\\s+middle\\s+of|the\\s+rest\\s+of|the\\s+remainder\\s+of",
    "  |the\\s+close\\s+of) (?&b) )",
    "(?<prevmay> (?<=\\bin\\ |\\bsince\\ |\\buntil\\ |\\bby\\ |\\bof\\ |\\bduring\\ ",
    "  |\\bbefore\\ |\\bafter\\ |\\bthrough\\ |\\bfrom\\ |\\bto\\ |\\bearly\\ |\\blate\\ ",
    "  |\\bmid-|\\blast\\ |\\bnext\\ |\\bthis\\ |\\band\\ |\\bor\\ |\\bthat\\ |\\bin\\ early\\ ) )",
    ")",

};

/*
 * The alternatives, most specific first. mask: the classes of first word each can
 * start with (tl_patterns_match_at tries only those of the word at the position).
 */
static const struct alternative {
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
} alternatives[] = {
    /* times of day */
    {S_D | S_P, "(?: (?:around(?&s))? (?&clock) (?:(?&s)(?&tz))? (?: ,?(?&s)(?:on(?&s))?(?&dayword)"
                "  | ,?(?&s)(?&month)(?&s)(?&dom) )? (*MARK:T) )", "D:12 P:0 E:_:ap F:DPc"},
    /* "noon Friday"; a bare "noon" only after a preposition of time ("at midday"), not
     * in "high noon" */
    {S_X, "(?: (?:noon|midnight|midday) (?: ,?(?&s) (?&dayword) | (?&b) (?!-)"
          "  (?<=\\bat\\ noon|\\bat\\ midnight|\\bat\\ midday|\\bby\\ noon|\\bby\\ midnight"
          "  |\\bby\\ midday|\\buntil\\ noon|\\buntil\\ midnight|\\buntil\\ midday"
          "  |\\bafter\\ midnight|\\bbefore\\ noon|\\bbefore\\ midnight|\\bafter\\ noon) )"
          "  (*MARK:T) )", "W:mn"},
    /* full dates */
    {S_M | S_K,
     "(?: (?:(?&weekday)(?&s))? (?&month)(?&s)(?&dom),?(?&s)(?&year4) (*MARK:F) )",
     "K:adfjmnos M:0. Z:2-4,./1|20|nineteen|eighteen|twenty"},
    {S_D | S_K | S_T,
     "(?: (?:(?&weekday)(?&s))? (?:the(?&s))? (?<![$\\d.,])(?&dom)(?&s)(?:of(?&s))? (?&month)"
     "  ,?(?&s) (?&year4) (*MARK:F) )", "T:0 D:12 K:0t E:_nrst "
     "Z:5/jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"},
    {S_D,
     "(?: (?=[12]) (?<![\\d.\\-/]) [12][0-9]{3}-[01][0-9]-[0-3][0-9] (?![\\d\\-]) (*MARK:F) )",
     "D:4 E:-"},
    {S_D, "(?: (?=[0-9]) (?<![\\d.\\-/]) "
          "(?:1[0-2]|0?[1-9])/(?:3[01]|[12][0-9]|0?[1-9])/(?:[12][0-9]{3}|[0-9]{2})"
          "  (?![\\d/]) (*MARK:F) )", "D:12 E:/"},
    /* month + day; "Monday, Oct. 26" is one expression, but before a year the weekday
     * stays apart ("Tuesday, Aug. 4, 1998": the tagger names the day) */
    {S_M | S_K | S_P,
     "(?: (?:around(?&s))? (?:(?&weekday),?(?&s))? (?&month)(?&s)(?&dom)"
     "  (?!\\s?(?:%|percent|,\\d)) (?!,?(?&s)(?&year4)) (*MARK:D) )",
     "K:adfjmnos. P:adfjmnos M:0. F:Md "
     "Z:3,/jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"},
    {S_D | S_K | S_T,
     "(?: (?:(?&weekday)(?&s))? (?:the(?&s))? (?<![$\\d.,])(?&dom)(?&s)(?:of(?&s))? (?&month)"
     "  (*MARK:D) )", "T:0 D:12 K:0t E:_nrst "
     "Z:5/jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"},
    /* month + year, month + "last year" */
    {S_O | S_T | S_M,
     "(?: (?:(?&pmod)(?&s)|mid-)? (?&month),?(?&s)(?:of(?&s))?(?&year4) (*MARK:M) )",
     "T:bcemrs O:adfjmnos- M:0.onet "
     "Z:6,./1|20|nineteen|eighteen|twenty"},
    {S_O | S_T | S_M,
     "(?: (?:(?&pmod)(?&s)|mid-)? (?&monthfull) (?&s)(?:this|last|next)(?&s)year (?&b)"
     "  (*MARK:H) )", "T:bcemrs O:adfjmnos- M:lnt Z:6/year"},
    /* decades and centuries */
    {S_T | S_O | S_D,
     "(?: (?:the(?&s))? (?:(?:early|mid|late)(?&s)|mid-)? (?:1[0-9]|20)[0-9]0'?s (?&b)"
     "  (*MARK:E) )", "T:0elm D:4 O:0- E:'s F:TOe"},
    {S_T | S_O | S_D,
     "(?: (?:the(?&s))? (?:(?:early|mid|late)(?&s)|mid-)? '[0-9]0s (?&b) (*MARK:E) )",
     "T:elm D: O:-"},
    {S_T | S_O | S_X,
     "(?: (?:the(?&s))? (?:(?:early|mid|late)(?&s)|mid-)? (?:twenties|thirties|forties"
     "  |fifties|sixties|seventies|eighties|nineties) (?&b) (*MARK:E) )",
     "T:eflmnst O:efnst- W:eflmnst "
     "Z:3/twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties"},
    {S_T | S_O | S_D,
     "(?: (?:the(?&s))? (?:(?:early|mid|late)(?&s)|mid-)? (?:1[0-9]|2[0-1]|[1-9])(?:st|nd|rd|th)"
     "  (?:-|(?&s))century (?&b) (*MARK:E) )", "T:0elm D:12 O:0- E:nrst Z:4/century"},
    {S_T | S_O | S_X,
     "(?: (?:the(?&s))? (?:(?:early|mid|late)(?&s)|mid-)? (?:nineteenth|eighteenth|twentieth"
     "  |twenty-first|seventeenth|sixteenth)(?:-|(?&s))century (?&b) (*MARK:E) )",
     "T:elmnst O:enst- X:c- W:elmnst Z:5/century"},
    /* quarters and halves */
    {S_T | S_R | S_X | S_O | S_D | S_N,
     "(?: (?:(?:the|this|that|last|next)(?&s))? (?:(?&qual)(?&s))* "
     "  (?:(?&year4)(?&s))? (?&ord)(?&s) (?:(?:fiscal|calendar)(?&s))? (?:quarter|half)"
     "  (?&b) (?:(?&s)of(?&s)(?:(?:fiscal|calendar)(?&s))?(?:(?&year4)|(?:this|last|next|the)"
     "  (?&s)(?:fiscal(?&s))?year(?&b)))? (?:,?(?&s)(?&year4))? (*MARK:Q) )",
     "T:0cefjlmnprsty D:14 O:0cefjlmnprsty- R:0cefhjlmnpqrsty N:efnost- "
     "X:0cefhjlmnpqrsty- E:_nrst W:cefjlmnprsty Z:0/quarter|half"},
    {S_R,
     "(?: (?:this|last|next)\\ year's(?&s)(?:(?&ord)(?:-|(?&s)))?(?:quarter|half) (*MARK:Q) )",
     "R:y"},
    /* "third-quarter profit": an adjective, its determiner belongs to the noun */
    {S_X | S_D | S_N | S_O,
     "(?: (?:(?:fiscal|calendar)(?&s))? (?:(?&year4)(?&s))? (?&ord)-(?:fiscal-)?(?:quarter|half)"
     "  (?&b) (*MARK:Q) )", "D:14 O:0eflnst N:efnost- X:- E:_nrst W:ceflnst Z:7/quarter|half"},
    {S_X | S_D,
     "(?: (?-i:Q[1-4]|[1-4]Q|H[12]) (?:(?&s)(?&year4)|\\ ?'[0-9]{2}|[0-9]{2})? (?&b) (*MARK:Q) )",
     "D:1 E:q W:hq"},
    {S_T | S_R,
     "(?: (?:the|this|that)(?&s) (?:(?&qual)(?&s))+ (?:quarter|period|half) (?&b) (?&yago)? "
     "  (*MARK:Q) )",
     "T:cfjlmprsy R:cfjlmprsy Z:0/quarter|period|half"},
    {S_T | S_R,
     "(?: (?:the|this|that)(?&s) (?:quarter|half) (?&b) (?!-) (?&yago)? (*MARK:Q) )",
     "T:hq R:hq"},
    {S_T, "(?: the(?&s) (?:(?&qual)(?&s))? (?:1[0-9]|20)[0-9]{2} (?&s)(?:quarter|period) (?&b) "
          "(*MARK:Q) )", "T:0cfjlmprsy Z:5/quarter|period"},
    {S_T | S_O,
     "(?: (?:the(?&s))? year-(?:earlier|ago|before) (?&s)(?:(?&ord)(?&s))?(?:quarter|period"
     "  |half)(?&b) (*MARK:A) )", "T:y O:-"},
    {S_O, "(?: year-(?:earlier|ago|before) (?&b) (*MARK:A) )", "O:-"},
    /* seasons */
    {S_T | S_O | S_X,
     "(?: (?:(?:the|early|late|mid)(?&s)|mid-)? (?&season)(?:(?&s)of)?(?&s)(?&year4)"
     "  (*MARK:S) )", "T:afsw O:afsw- X:0enot W:aeflmstw "
     "Z:4/1|20|nineteen|eighteen|twenty"},
    {S_O | S_R | S_T,
     "(?: (?:(?:early|late|mid)(?&s))? (?:this(?:(?&s)past)?|last|next|that|the\\ coming"
     "  |the\\ past)(?&s) (?&season) (*MARK:S) )", "T:cp O:lnt R:afpsw "
     "Z:4/spring|summer|fall|autumn|winter"},
    {S_O | S_T, "(?: (?:(?:early|late)(?&s))? the(?&s)(?:(?:early|late)(?&s))?"
                "  (?:spring|summer|autumn|winter)(?&b) (?!(?&s)of\\b) (*MARK:S) )", "T:aelsw O:t "
                "Z:4/spring|summer|autumn|winter"},
    /* part of a year */
    {S_T | S_X | S_O | S_D,
     "(?: (?:the(?&s))? (?:(?:first|second|1st|2nd)(?&s)half|end|beginning|start|middle|rest"
     "  |remainder|close|balance) (?&s)of(?&s)(?:(?:fiscal|calendar)(?&s))? (?&year4) (*MARK:P) )",
     "T:0bcefmrs D:1 O:o X:ho E:ns W:bcefmrst "
     "Z:6/1|20|nineteen|eighteen|twenty"},
    /* bare years; not after words that make a number of them (No., Section, about), or
     * with "post-", "pre-" before them (the recognizer adds the prefix to the span). The
     * first lookahead is a guard: only letters, blanks and '-' (the modifiers) may stand
     * before the year, so most tries end there instead of in the long lookbehind */
    {S_D | S_O | S_T,
     "(?: (?=[^\\x00-\\x08\\x0b-\\x1f\\x21-\\x2c\\x2e-\\x40\\x5b-\\x60\\x7b-\\x7f]*+"
     "  (?:1[5-9]|20)[0-9]{2})"
     " (?=[0-9efmltcFMLTC]) (?: (?<=\\bpost-|\\bpre-) (?:1[5-9][0-9]{2}|20[0-9]{2})"
     "  (?![\\d]|[.,/\\-:]\\d|'s(?&b)) | (?<![$#\\d.,/\\-]) (?<!No\\.\\ |Section\\ |Sec\\.\\ |Article\\ "
     "|Chapter\\ |Flight\\ "
     "  |Route\\ |Rule\\ |Room\\ |number\\ |Model\\ |Boeing\\ |Apollo\\ |Windows\\ |Version\\ "
     "  |version\\ |Title\\ |Interstate\\ |Highway\\ |Resolution\\ |Bill\\ |HR\\ |S\\.\\ "
     "  |about\\ |around\\ |nearly\\ |some\\ |than\\ |almost\\ |roughly\\ |only\\ |just\\ "
     "  |approximately\\ |over\\ |under\\ |to\\ \\$|top\\ |No\\ )"
     "  (?:(?:(?:early|late|mid|calendar|fiscal|the\\ fiscal\\ year|fiscal\\ year|calendar"
     "  \\ year|the\\ year|the\\ end\\ of|the\\ beginning\\ of|the\\ start\\ of|the\\ middle\\ of)"
     "  (?&s)|mid-) )* (?:1[5-9][0-9]{2}|20[0-9]{2}) (?![\\d]|[.,/\\-:]\\d|-(?&b)|'s(?&b))"
     "  (?!\\s?(?:%|percent|per\\s+cent)) "
     "  (?!(?&s)(?!was\\b|has\\b|is\\b|does\\b|levels\\b|results\\b|figures\\b|sales\\b"
     "  |earnings\\b|elections?\\b|games\\b|olympics\\b|as\\b|numbers\\b|totals\\b|Olympics\\b)"
     "  (?-i:[a-z]+s)(?&b)) (?:(?&s)(?:or(?&s)(?:later|earlier)|and(?&s)beyond)(?&b))? )"
     "  (*MARK:Y) )", "T:befmsy D:4 O:0ceflmty- F:Dy "
     "Z:0/15|16|17|18|19|20"},
    {S_T | S_O,
     "(?: (?:the(?&s))? year(?&s)two(?&s)thousand (?:(?&s)and(?&s)(?&numword))? (*MARK:Y) )",
     "T:y O:t"},
    /* a spoken year after a preposition; "nineteen ninety-six" (a century, then tens)
     * is read as a year anywhere, unless a unit, "percent" or "dollars" makes it a number */
    {S_N, "(?: (?=nineteen|eighteen|twenty) (?: (?<=\\bin\\ |\\bof\\ |\\bsince\\ |\\buntil\\ "
          "|\\bby\\ |\\bfrom\\ |\\bduring\\ ) (?&yearw) | (?>(?:nineteen|eighteen)[-\\ ](?&tens)"
          "  (?:[-\\ ](?&ones))?) (?&b) (?!(?&s)(?:(?&unit)|percent|per\\s+cent|dollars|cents)(?&b)) ) (*MARK:Y) )",
     "N:efnost-"},
    /* last/this/next + unit, weekday or month */
    {S_O | S_R | S_T,
     "(?: (?:(?:early|earlier|late|later|mid)(?:-|(?&s)))? (?:(?&pmod)(?&s))?"
     "  (?:this|last|next|past|coming|the(?&s)(?:current|previous|coming|following|preceding"
     "  |past|last|next|present)) (?&s)(?:(?:fiscal|calendar)(?&s))?"
     "  (?:week|weekend|month|year|quarter|decade|century|(?&weekday)|(?>(?&month))(?!(?&s)\\d))"
     "  (?&b)(?!-) (?:(?&s)or(?&s)so(?&b))? (*MARK:R) )",
     "T:bceflmnprs O:celmnpt- R:acdfjmnoqstwy F:RTr "
     "Z:8/week|month|year|quarter|decade|century|monday|tuesday|wednesday|thursday|friday"
     "|saturday|sunday|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"},
    {S_O, "(?: (?:earlier|later|early|late) (?&s)in(?&s)the(?&s)(?:week|month|year|decade)"
          "  (?&b) (*MARK:R) )", "O:i"},
    {S_T | S_O,
     "(?: (?:the(?&s))? (?:end|beginning|start|middle|rest|remainder|close) (?&s)of(?&s)the(?&s)"
     "  (?:(?:fiscal|calendar)(?&s))?(?:week|month|year|quarter|decade|century) (?&b) (*MARK:R) )",
     "T:bcemrs O:o Z:6/week|month|year|quarter|decade|century"},
    /* parts of days */
    {S_O | S_R | S_X | S_K,
     "(?: (?:(?:early|earlier|late|later|mid)(?:-|(?&s)))? (?:this|yesterday|tomorrow|last"
     "  |(?&weekday)) (?&s) (?&pday) (*MARK:O) )", "K:aemno O:flmstwy- R:aemno X:aemno W:eflmstwy "
     "Z:3/morning|afternoon|evening|night|overnight"},
    /* "mid-afternoon", "mid-morning yesterday": the DCT's (or that day's) part */
    {S_O,
     "(?: mid(?:-|(?&s))(?:morning|afternoon) (?&b) (?:(?&s)(?:today|yesterday|tomorrow"
     "  |(?&weekday)))? (*MARK:O) )", "O:-am"},
    {S_O | S_X,
     "(?: (?:(?:early|earlier|late|later)(?&s))? (?:today|tonight|yesterday|tomorrow) (?&b)"
     "  (*MARK:N) )", "O:ty W:elty"},
    {S_T | S_X,
     "(?: (?:the\\ )?day\\ (?:before\\ yesterday|after\\ tomorrow"
     "  |(?:before|after)\\ (?:(?:last|next|this)\\ )?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
     "  (?![a-z0-9])) (*MARK:N) )",
     "T:d X:ab W:dt"},
    /* "today is the eighth day of the strike", "it's the second day": the DCT */
    {S_T,
     "(?: (?<=\\bis\\ |'s\\ ) the(?&s)(?:first|second|third|fourth|fifth|sixth"
     "  |seventh|eighth|ninth|tenth)(?&s)day (?&b) (*MARK:N) )",
     "T:efnst F:Ti"},
    /* the week a day is in */
    {S_T, "(?: the(?&s)week(?&s)of(?&s)(?&month)(?&s)(?&dom) (?:,?(?&s)(?&year4))? (*MARK:L) )",
     "T:w"},
    /* named holidays, capitalized; a bare "Christmas" or "Thanksgiving" before a noun
     * ("Christmas tree") names no day; "Easter week" is the week of Easter Sunday */
    {S_X | S_R,
     "(?: (?:(?:last|next|this)(?&s))? (?-i: (?:Christmas|Thanksgiving|New\\ Year's|Independence"
     "  |Labor|Labour|Memorial|Election|Veterans'?|Columbus|Presidents'?|Valentine's)\\ Day (?&b)"
     "  | (?:Christmas|New\\ Year's)\\ Eve (?&b) | Easter\\ (?:Sunday|week) (?&b)"
     "  | (?:Thanksgiving|Christmas|Halloween|Easter) (?&b)"
     "  (?!(?&s)(?!(?:and|or|to|in|at|on|for|by|with|from|as|than|but|until|since|during"
     "  |following|before|after|when|while|because|the|he|she|it|they|we|you|i|that|which|who"
     "  |is|are|was|were|has|had|will|would|this|last|next|weekend|holidays?|season|shopping)\\b)"
     "  [a-z]) )"
     "  (?:,?(?&s)(?&year4))? (*MARK:V) )",
     "R:cehilmnptv W:cehilmnptv Z:2/christmas|thanksgiving|easter|new|independence|labor|labour"
     "|memorial|election|veterans|columbus|presidents|valentine|halloween"},
    /* ago, earlier, later; "about two years ago" points at a day, so the approximator
     * belongs to it (a duration leaves "about" outside) */
    {S_P | S_D | S_N | S_A,
     "(?: (?:(?:(?&approx)|about|almost)(?&s))? (?&qty)(?:(?&s)|-)(?:more(?&s))?(?&unit)(?&s)"
     "  (?:or(?&s)so(?&s))? (?: (?:ago|earlier|later|from\\s+now|hence)(?&b) | (?:before|after)(?&b)"
     "  (?=\\s*[,.;:)\"]|\\s*$) ) (*MARK:G) )",
     "D:1234 N:acdefhmnoqstwy- P:0acdefhlmnost A:acdfhmnqswy- E:_-,. "
     "Z:15/ago|earlier|later|from|hence|before|after"},
    /* durations */
    {S_P | S_T | S_A | S_R | S_X | S_D | S_N,
     "(?: (?!an?\\s+second\\b) (?:(?&approx)(?&s))? (?:(?:the|a|an)(?&s))?"
     "  (?:(?:past|last|next|first|coming|previous|following|final|remaining|latest|initial"
     "  |entire|whole|full|same|additional|further|another|extra|other|recent)(?&s))?"
     "  (?&qty)(?:(?&s)|-)(?:(?:more|additional|straight|consecutive|full)(?&s))?"
     "  (?:(?:trading|business|working)(?&s)(?=days?\\b))? (?&unit)"
     "  (?!-) (?:(?&s)and(?&s)a(?&s)half)? (?:(?&s)or(?&s)so(?&b))? (*MARK:U) )",
     "T:0abcdefhilmnoprstw D:1234 R:0acdefhmnost N:abcdefhmnoqstwy- X:0acdefhmnost E:_-,. "
     "F:TDNRXu "
     "Z:14/second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur"},
    {S_P | S_T | S_A,
     "(?: (?:(?&approx)(?&s))? (?:the|a|an)(?&s)(?:past|last|next|coming"
     "  |final|remaining|better\\ part\\ of\\ a|full|entire|whole)(?&s)(?:few(?&s)|several(?&s))"
     "  (?&units) (*MARK:U) )", "T:bceflnprw P:almt A:bceflnprw Z:10/few|several"},
    {S_P | S_A | S_T | S_N | S_R,
     "(?: (?:(?&approx)(?&s))? (?:(?:a|an|the)(?&s))? (?:few|several|many|some|coming"
     "  |next|past|last)(?&s)(?&units) (*MARK:U) )",
     "T:bcflmnps R:cdhmqswy N:cdhmqswy P:acflmnpst A:cflmnps "
     "Z:7/second|minute|hour|day|week|month|quarter|year|decade|centur"},
    {S_R, "(?: (?:recent|past|coming|these)(?&s)(?&units) (*MARK:C) )", "R:cdhmqswy"},
    /* a unit after "for", "in"...: the unit is checked before the lookbehind list */
    {S_T | S_X,
     "(?: (?=(?&units)) (?<=\\bfor\\ |\\bin\\ |\\bin\\ the\\ |\\bwithin\\ the\\ |\\bfor\\ the\\ "
     "  |\\bwithin\\ |\\blasting\\ |\\btook\\ |\\btake\\ "
     "|\\bover\\ )"
     "  (?&units) (?:(?&s)or(?&s)(?&units))? (?!(?&s)(?:ago|of|later|earlier)\\b)"
     "  (*MARK:U) )", "T: W:cdhmqswy F:Xl "
     "Z:1/seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries"},
    /* "over the years": the whole extent, as TimeBank tags it */
    {S_T,
     "(?: (?<=\\bover\\ ) the(?&s)(?&units) (?!(?&s)(?:ago|of|later|earlier)\\b)"
     "  (*MARK:U) )",
     "T:cdhmqswy"},
    /* sets */
    {S_X, "(?: (?:every|each)(?&s)(?:other(?&s))?(?:(?&qty)(?&s))? (?:(?&unit)|(?&weekday)"
          "  |(?&month)|(?&pday)|(?&season)) (*MARK:X) )", "X:0acdefhjmnoqstwy W:e"},
    /* "annually" always; "a quarterly dividend" is an adjective, not a timex */
    {S_X, "(?: (?:annually|semiannually|semi-annually) (?&b) (*MARK:X) )", "W:as"},
    {S_X, "(?: (?:daily|weekly|monthly|yearly|hourly|nightly|biweekly|bimonthly) (?&b)"
          "  (?!(?&s)(?-i:[A-Z])) (*MARK:X) )", "W:bdhmnwy"},
    {S_X, "(?: quarterly (?&b) (?!(?&s)(?!(?:and|or|to|in|at|on|for|by|with|from|as|than|but"
          "  |until|since|during|over|basis)\\b)(?-i:[a-z])) (*MARK:X) )", "W:q"},
    {S_N | S_D,
     "(?: (?:once|twice|(?&numword)\\s+times|\\d+\\s+times)(?&s)(?:a|per|each|every)(?&s)"
     "  (?:day|week|month|year|decade) (?&b) (*MARK:X) )", "D:1234 N:aefhnopst- E:_"},
    {S_K, "(?: (?&weekday)(?&s)(?:mornings|afternoons|evenings|nights) (?&b) (*MARK:X) )",
     "K:aemn"},
    {S_K, "(?: (?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays) (?&b)"
          "  (*MARK:X) )",
     "Z:1/mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays"},
    /* anaphoric */
    {S_O | S_T | S_X | S_R,
     "(?: (?:(?:earlier|later)(?&s))? (?:the(?&s))? (?:previous|following|next|prior|preceding"
     "  |same|subsequent)(?&s) (?:day|week|weekend|month|year|quarter|decade|morning|afternoon"
     "  |evening|night) (?&b) (*MARK:A) )", "T:fnps O:fnpst R:ademnqwy X:ademnqwy W:eflnpst"},
    {S_O | S_R,
     "(?: (?:(?:earlier|later)(?&s))? that(?&s)(?:same(?&s))?(?:day|week|weekend|month|year"
     "  |morning|afternoon|evening|night) (?&b) (*MARK:A) )", "O:t R:ademnswy"},
    /* "the year ended ..."; "day-long", "decades-long": a unit with no count before
     * it (TimeBank and AQUAINT tag both; "3 day-long meetings" counts meetings) */
    {S_T | S_X | S_O,
     "(?: (?: the(?&s)(?:(?:fiscal|full)(?&s))?year (?=(?&s)(?:ended|ending|ends|to)\\b)"
     "  | (?<![a-z0-9\\-]) (?<![0-9]\\s) (?:(?:second|minute|hour|day|night|week|month|year"
     "  |decade)s?|century|centuries)-long (?![a-z0-9]) ) (*MARK:U) )",
     "T:fy X:- O:- W:cdfhmnqswy"},
    {S_T, "(?: the(?&s)(?:(?:fiscal|full)(?&s))?(?:week|weekend|month|year) (?&b) (?!-|'s|(?&s)"
          "  (?:of|in|after|before|when|that|to|for|he|she|they|we|ended|ending|ends)\\b)"
          "  (*MARK:A) )", "T:fmwy"},
    {S_T | S_O | S_P,
     "(?: (?:around(?&s))? (?:the(?&s))? year(?:-|(?&s)|'s(?&s))end (?&b) (*MARK:P) )",
     "T:y O:e-. P:ty"},
    /* references */
    {S_X | S_T | S_R | S_P,
     "(?: (?:now|currently|(?:more\\s+|most\\s+)?recently|lately|nowadays"
     "  |formerly|these\\s+days"
     "  |the\\s+(?:recent\\s+|distant\\s+)?past(?!(?&s)(?:\\d|(?&numword)|few|several|couple)\\b)"
     "  |the\\s+(?:near\\s+|distant\\s+|immediate\\s+)?future|the\\s+present"
     "  |the\\s+(?:near|short|long)\\s+term(?!-)|future\\s+(?&units)) (?&b) (*MARK:W) )",
     "T:dfilnprs R:d P:r W:cflnrt"},
    {S_R, "(?: (?=current) current (?&b) "
          "(?!(?&s)(?:account|accounts"
          "  |affairs|events|year|month|week|quarter|period|fiscal|flows?|levels?|rate)\\b)"
          "  (?=(?&s)[a-z]) (*MARK:W) )", "R:abcdefghijklmnopqrstuvwxyz"},
    /* weekdays and months */
    {S_R | S_O | S_T | S_K, "(?: (?:(?:last|next|this|coming|past|the\\s+following"
                            "  |the\\s+previous|the\\s+next)(?&s))? (?&weekday) (*MARK:K) )",
                            "T:fnp O: R:fmstw F:Kk"},
    {S_O | S_T | S_M,
     "(?: (?:(?:early|late|mid|earlier|later)(?:-|(?&s))(?:in(?&s))?|mid-|(?&pmod)(?&s))?"
     "  (?: (?!(?-i:May|March)(?&b))(?:(?&monthfull)|(?-i:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug"
     "  |Sept?|Oct|Nov|Dec)\\.)) | (?=Ma)(?&prevmay)(?-i:May|March)(?&b)"
     "  | (?<=\\bthe\\ )(?-i:March)(?![a-z0-9]|\\ (?:on|of|to|for|from|against|through"
     "  |madness)\\b) ) (*MARK:H) )",
     "T:bcemrs O:adfijmnos- F:Mm"},
};

static const struct {
	const char *mark;
	tl_kind kind;
} mark_kinds[] = {
    {"T", TL_KIND_TIME},       {"F", TL_KIND_DATE_FULL}, {"D", TL_KIND_MONTH_DAY},
    {"M", TL_KIND_MONTH_YEAR}, {"E", TL_KIND_DECADE},    {"Q", TL_KIND_QUARTER},
    {"S", TL_KIND_SEASON},     {"P", TL_KIND_PART_OF},   {"Y", TL_KIND_YEAR},
    {"R", TL_KIND_RELATIVE},   {"O", TL_KIND_PART_DAY},  {"N", TL_KIND_DEICTIC},
    {"G", TL_KIND_AGO},        {"U", TL_KIND_DURATION},  {"X", TL_KIND_SET},
    {"W", TL_KIND_REF},        {"C", TL_KIND_REF},       {"K", TL_KIND_WEEKDAY},
    {"H", TL_KIND_MONTH},      {"A", TL_KIND_ANAPHOR},   {"V", TL_KIND_HOLIDAY},
    {"L", TL_KIND_WEEK_OF},
};

static int pcre2_fail(tl_error *err, int code, const char *what, size_t offset)
{
	PCRE2_UCHAR msg[256];
	if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
		strcpy((char *)msg, "unknown PCRE2 error");
	return tl_error_set(err, TL_EINTERNAL, "tagger pattern: %s failed at offset %zu: %s", what,
	                    offset, (const char *)msg);
}

/* Compiles alternatives[n] alone, its fragments inlined; 0 or a PCRE2 error code
 * (*offset: where). Its JIT code comes next, see alt_ready(). */
static int compile_alt(const tl_fragment_set *fs, unsigned n, pcre2_code **code, size_t *offset)
{
	/* Anchored at compile time: JIT does not support PCRE2_ANCHORED at match time. */
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_EXTENDED |
	                PCRE2_MATCH_INVALID_UTF | PCRE2_ANCHORED;
	tl_buf b = TL_BUF_INIT;
	int rc = tl_buf_puts(&b, "(?:");
	if (rc == TL_OK)
		rc = tl_fragments_expand(fs, &b, alternatives[n].text, strlen(alternatives[n].text));
	if (rc == TL_OK)
		rc = tl_buf_putc(&b, ')');
	char *pattern = rc == TL_OK ? tl_buf_detach(&b) : NULL;
	tl_buf_free(&b);
	*offset = 0;
	if (!pattern)
		return rc == TL_OK || rc == TL_ENOMEM ? PCRE2_ERROR_NOMEMORY : PCRE2_ERROR_INTERNAL;
	PCRE2_SIZE off;
	int error;
	*code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &error, &off, NULL);
	free(pattern);
	*offset = (size_t)off;
	return *code ? 0 : error;
}

/* Compiles alternatives[n] and makes its JIT code unless done: 0, a PCRE2 error code
 * of the compile (at p->lazy->offset[n]) or JIT compile, or LOCK_FAILED. */
static int alt_ready(const tl_patterns *p, unsigned n)
{
	lazy_code *l = p->lazy;
	if (atomic_load_explicit(&l->ready[n], memory_order_acquire))
		return l->error[n];
	if (pthread_mutex_lock(&l->lock) != 0)
		return LOCK_FAILED;
	if (!atomic_load_explicit(&l->ready[n], memory_order_relaxed)) {
		int rc = compile_alt(&l->fs, n, &l->code[n], &l->offset[n]);
		if (rc == 0) {
			rc = pcre2_jit_compile(l->code[n], PCRE2_JIT_COMPLETE);
			l->jit[n] = rc == 0;
			if (rc == PCRE2_ERROR_JIT_BADOPTION)
				rc = 0;
		}
		l->error[n] = rc;
		atomic_store_explicit(&l->ready[n], true, memory_order_release);
	}
	int error = l->error[n];
	if (pthread_mutex_unlock(&l->lock) != 0)
		return LOCK_FAILED;
	return error;
}

/*
 * Split classes: instead of one joined pattern, their alternatives are tried one by
 * one, in table order (so the first that matches wins, as in the joined pattern),
 * and only those that can match given a key read from the text at the try (the
 * keys of struct alternative). The last key, for text no key describes (a '90s
 * apostrophe, "the" before a non-ASCII character), tries them all.
 */
#define KEY_DIGIT 26 /* word keys: 0-25 a letter, then a digit, no next word, '-', other */
#define KEY_NONE 27
#define KEY_HYPHEN 28

static int split_keys(tl_start cls)
{
	switch (cls) {
	case TL_START_DIGIT:
		return 5;
	default:
		return 30;
	}
}

static char class_letter(tl_start cls)
{
	static const char letter[TL_START_COUNT] = {
	    [TL_START_THE] = 'T', [TL_START_WEEKDAY] = 'K', [TL_START_MOD] = 'O', [TL_START_MONTH] = 'M',
	    [TL_START_REL] = 'R', [TL_START_DIGIT] = 'D', [TL_START_NUM] = 'N',
	    [TL_START_APPROX] = 'P', [TL_START_A] = 'A', [TL_START_OTHER] = 'X'};
	return (unsigned)cls < TL_START_COUNT ? letter[cls] : 0;
}

/* The key of one character of an alternative's list for class cls. */
static int key_of_char(tl_start cls, unsigned char c)
{
	if (cls == TL_START_DIGIT)
		return c >= '1' && c <= '4' ? c - '1' : 4;
	if (c >= '0' && c <= '9')
		return KEY_DIGIT;
	if (c == '.')
		return KEY_NONE;
	if (c == '-')
		return KEY_HYPHEN;
	c |= 0x20;
	return c >= 'a' && c <= 'z' ? c - 'a' : split_keys(cls) - 1;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The key of the text at pos for a try of split class cls (text ends at stop). */
static int key_at(tl_start cls, const char *t, size_t stop, size_t pos)
{
	int other = split_keys(cls) - 1;
	size_t i = pos;
	if (cls == TL_START_DIGIT) {
		while (i < stop && i - pos < 5 && t[i] >= '0' && t[i] <= '9')
			i++;
		size_t n = i - pos;
		return n == 0 ? other : n == 1 ? 0 : n == 2 ? 1 : n == 4 ? 3 : 2;
	}
	/* the word itself ("the", a weekday, "Q1"...): its run of ASCII letters and digits */
	if (cls == TL_START_THE &&
	    (stop - pos < 3 || (t[pos] | 0x20) != 't' || (t[pos + 1] | 0x20) != 'h' ||
	     (t[pos + 2] | 0x20) != 'e'))
		return other;
	while (i < stop && (((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'z') ||
	                    (t[i] >= '0' && t[i] <= '9')))
		i++;
	if (i == pos)
		return other;
	if (i == stop)
		return KEY_NONE;
	unsigned char c = (unsigned char)t[i];
	if (!is_blank((char)c)) {
		/* no next word, unless \s (Unicode white space) might still find one */
		bool space = c == '\v' || c == '\f' || c == '\r' || c >= 0x80;
		return space ? other : c == '-' ? KEY_HYPHEN : KEY_NONE;
	}
	while (i < stop && is_blank(t[i]))
		i++;
	if (i == stop || t[i] == '.')
		return other;
	return key_of_char(cls, (unsigned char)t[i]);
}

/* The list after "letter:" in an alternative's keys ("T:... D:..."), NULL for none;
 * its length in *n. */
static const char *keys_of(const char *keys, char letter, size_t *n)
{
	for (const char *k = keys; k && *k; k++) {
		if (k[0] == letter && k[1] == ':' && (k == keys || k[-1] == ' ')) {
			*n = strcspn(k + 2, " ");
			return k + 2;
		}
	}
	*n = 0;
	return NULL;
}

/*
 * At a number, the character right after its digits is a second key: a letter
 * (0-25, folded), blank (26), '-', ':', '/', ',', '.', '\'' (27-32), any other ASCII
 * character or the end (33), and the last key for a non-ASCII character or \v\f\r
 * (\s might match there). In keys "E:" lists them: the letter itself, '_' for a
 * blank, the punctuation itself and '~' for any other.
 */
static int after_digits_key(unsigned char c, bool end)
{
	static const char punct[] = "-:/,.'";
	if (end)
		return 33;
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return (c | 0x20) - 'a';
	if (c == ' ' || c == '\t' || c == '\n')
		return 26;
	const char *q = c ? strchr(punct, c) : NULL;
	if (q)
		return 27 + (int)(q - punct);
	return c >= 0x80 || c == '\v' || c == '\f' || c == '\r' ? AFTER_DIGITS_KEYS - 1 : 33;
}

/* Adds alternatives[i] (of the digits class) to after_digits under its "E:" keys. */
static void after_digits_allow(tl_patterns *p, const struct alternative *a, size_t i)
{
	size_t n;
	const char *keys = keys_of(a->keys, 'E', &n);
	for (int k = 0; k < AFTER_DIGITS_KEYS; k++) {
		bool allowed = !keys || k == AFTER_DIGITS_KEYS - 1;
		for (size_t c = 0; c < n && !allowed; c++)
			allowed = keys[c] == '_'   ? k == 26
			          : keys[c] == '~' ? k == 33
			                           : after_digits_key((unsigned char)keys[c], false) == k;
		if (allowed)
			p->after_digits[k] |= UINT64_C(1) << i;
	}
}

/* Adds alternatives[i] (of the "other" class) to other_first under its "W:" letters
 * (all of them without a list; the last entry, for a word that does not start with
 * an ASCII letter, has them all). */
static void other_first_allow(tl_patterns *p, const struct alternative *a, size_t i)
{
	size_t n;
	const char *keys = keys_of(a->keys, 'W', &n);
	for (int k = 0; k < 27; k++) {
		bool allowed = !keys || k == 26;
		for (size_t c = 0; c < n && !allowed; c++)
			allowed = keys[c] - 'a' == k;
		if (allowed)
			p->other_first[k] |= UINT64_C(1) << i;
	}
}

/* Lists, for each key of class cls, the alternatives whose key list allows it (all of
 * them under the last key and without a list). */
static int compile_split(tl_patterns *p, tl_start cls)
{
	int nkeys = split_keys(cls);
	for (size_t i = 0; i < sizeof alternatives / sizeof alternatives[0]; i++) {
		const struct alternative *a = &alternatives[i];
		if (!(a->mask & (1u << cls)))
			continue;
		size_t n;
		const char *keys = keys_of(a->keys, class_letter(cls), &n);
		bool allowed[MAX_KEYS] = {false};
		allowed[nkeys - 1] = true;
		for (size_t c = 0; c < n; c++)
			allowed[key_of_char(cls, (unsigned char)keys[c])] = true;
		for (int k = 0; k < nkeys; k++)
			if (allowed[k] || !keys)
				p->alts[cls][k] |= UINT64_C(1) << i;
		if (cls == TL_START_DIGIT) {
			after_digits_allow(p, a, i);
			p->digit_alts |= UINT64_C(1) << i;
		}
		if (cls == TL_START_OTHER)
			other_first_allow(p, a, i);
	}
	return TL_OK;
}

/* Reads the "Z:" list and the "F:" matcher of alternatives[i] into p; false when
 * one is malformed. */
static bool need_parse(tl_patterns *p, size_t i)
{
	size_t n;
	const char *list = keys_of(alternatives[i].keys, 'Z', &n);
	if (list && !tl_needed_words_parse(&p->need[i], list, n))
		return false;
	if (list)
		tl_needed_index_add(&p->need_index, &p->need[i], (unsigned)i);
	const char *fast = keys_of(alternatives[i].keys, 'F', &n);
	if (fast) {
		if (n < 2)
			return false;
		for (size_t k = 0; k + 1 < n; k++) {
			int cls = 0;
			while (cls < TL_START_COUNT && class_letter((tl_start)cls) != fast[k])
				cls++;
			if (cls == TL_START_COUNT || !(alternatives[i].mask & (1u << cls)))
				return false;
			p->fast_cls[i] |= 1u << cls;
		}
		p->fast_id[i] = fast[n - 1];
	}
	return true;
}

tl_patterns *tl_patterns_new(tl_error *err)
{
	tl_patterns *p = calloc(1, sizeof *p);
	if (!p) {
		tl_error_nomem(err);
		return NULL;
	}
	size_t n_alt = sizeof alternatives / sizeof alternatives[0];
	if (n_alt > MAX_ALT) {
		tl_error_set(err, TL_EINTERNAL,
		             "tagger pattern: more than 64 alternatives; the sets of split "
		             "classes (uint64_t) must grow first");
		return NULL;
	}
	p->lazy = calloc(1, sizeof *p->lazy);
	if (!p->lazy) {
		tl_error_nomem(err);
		goto fail;
	}
	if (pthread_mutex_init(&p->lazy->lock, NULL) != 0) {
		free(p->lazy);
		p->lazy = NULL;
		tl_error_set(err, TL_EINTERNAL, "tagger pattern: cannot create the JIT lock");
		goto fail;
	}
	for (size_t i = 0; i < MAX_ALT; i++)
		atomic_init(&p->lazy->ready[i], false);
	if (!tl_fragments_parse(&p->lazy->fs, defines, sizeof defines / sizeof defines[0])) {
		tl_error_set(err, TL_EINTERNAL, "tagger pattern: malformed DEFINE block");
		goto fail;
	}
	for (size_t i = 0; i < n_alt; i++) {
		if (!need_parse(p, i)) {
			tl_error_set(err, TL_EINTERNAL,
			             "tagger pattern: alternative %zu has a malformed Z: or F: key", i);
			goto fail;
		}
	}
	for (int cls = 0; cls < TL_START_COUNT; cls++)
		if (compile_split(p, (tl_start)cls) != TL_OK)
			goto fail;
	for (size_t i = 0; i < sizeof mark_kinds / sizeof mark_kinds[0]; i++)
		p->mark_kind[mark_kinds[i].mark[0] - 'A'] = mark_kinds[i].kind;
	for (size_t i = 0; i < n_alt; i++) {
		const char *mark = strstr(alternatives[i].text, "(*MARK:");
		p->alt_kind[i] = mark ? p->mark_kind[(mark[7] - 'A') & 31] : TL_KIND_NONE;
	}
	p->mctx = pcre2_match_context_create(NULL);
	if (!p->mctx) {
		tl_error_nomem(err);
		goto fail;
	}
	if (pcre2_set_match_limit(p->mctx, 200000) != 0 ||
	    pcre2_set_depth_limit(p->mctx, 2000) != 0) {
		tl_error_set(err, TL_EINTERNAL, "tagger pattern: cannot set match limits");
		goto fail;
	}
	return p;
fail:
	tl_patterns_free(p);
	return NULL;
}

int tl_patterns_check(const tl_patterns *p, tl_error *err)
{
	for (unsigned n = 0; n < sizeof alternatives / sizeof alternatives[0]; n++) {
		int rc = alt_ready(p, n);
		if (rc == LOCK_FAILED)
			return tl_error_set(err, TL_EINTERNAL,
			                    "tagger pattern: cannot lock the JIT compile");
		if (rc < 0 && !p->lazy->code[n])
			return tl_error_set(err, TL_EINTERNAL,
			                    "tagger pattern: alternative %u does not compile at "
			                    "offset %zu (PCRE2 error %d)",
			                    n, p->lazy->offset[n], rc);
		if (rc < 0)
			return pcre2_fail(err, rc, "JIT compile", 0);
	}
	return TL_OK;
}

bool tl_patterns_fragment(const tl_patterns *p, const char *name, const char **body, size_t *len)
{
	const tl_fragment_set *fs = &p->lazy->fs;
	for (size_t i = 0; i < fs->n; i++) {
		if (fs->f[i].name_len == strlen(name) &&
		    memcmp(fs->f[i].name, name, fs->f[i].name_len) == 0) {
			*body = fs->f[i].body;
			*len = fs->f[i].body_len;
			return true;
		}
	}
	return false;
}

void tl_patterns_free(tl_patterns *p)
{
	if (!p)
		return;
	pcre2_match_context_free(p->mctx);
	if (p->lazy) {
		for (int i = 0; i < MAX_ALT; i++)
			pcre2_code_free(p->lazy->code[i]);
		tl_fragments_free(&p->lazy->fs);
		pthread_mutex_destroy(&p->lazy->lock);
		free(p->lazy);
	}
	free(p);
}

tl_match_scratch *tl_patterns_scratch_new(const tl_patterns *p, tl_error *err)
{
	/* no pattern captures: one pair of offsets, for the whole match */
	(void)p;
	tl_match_scratch *s = calloc(1, sizeof *s);
	if (s)
		s->md = pcre2_match_data_create(1, NULL);
	if (!s || !s->md) {
		free(s);
		tl_error_nomem(err);
		return NULL;
	}
	return s;
}

void tl_patterns_scratch_free(tl_match_scratch *s)
{
	if (!s)
		return;
	pcre2_match_data_free(s->md);
	free(s);
}

static inline unsigned lowest_bit(uint64_t m)
{
#if defined(__GNUC__)
	return (unsigned)__builtin_ctzll(m);
#else
	unsigned k = 0;
	while (!(m & 1)) {
		m >>= 1;
		k++;
	}
	return k;
#endif
}

/* One anchored try of code at pos: 1 on a match, 0 on none, or a PCRE2 error code. */
static int try_code(const tl_patterns *p, tl_match_scratch *s, const pcre2_code *code, bool jit,
                    const char *text, size_t stop, size_t pos)
{
	/* pcre2_jit_match() is pcre2_match() without the argument checks, which hold here */
	int rc = jit ? pcre2_jit_match(code, (PCRE2_SPTR)text, stop, pos, 0, s->md, p->mctx)
	             : pcre2_match(code, (PCRE2_SPTR)text, stop, pos, 0, s->md, p->mctx);
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : rc;
}

/* A split class: the alternatives in the set for the key of the text at pos (and, at a
 * number, for the character after its digits), in table order. */
/* The alternatives of the digits class that fit the number at pos (a run of ASCII
 * digits) by its count of digits and what follows them. */
static uint64_t number_fits(const tl_patterns *p, const char *text, size_t stop, size_t pos)
{
	size_t e = pos;
	while (e < stop && text[e] >= '0' && text[e] <= '9')
		e++;
	return p->alts[TL_START_DIGIT][key_at(TL_START_DIGIT, text, stop, pos)] &
	       p->after_digits[after_digits_key((unsigned char)text[e < stop ? e : pos],
	                                        e == stop)];
}

static int try_split(const tl_patterns *p, tl_match_scratch *s, tl_start cls, const char *text,
                     size_t stop, size_t pos, size_t *end, tl_kind *kind)
{
	int key = key_at(cls, text, stop, pos);
	uint64_t set = p->alts[cls][key];
	if (cls == TL_START_DIGIT && text[pos] >= '0' && text[pos] <= '9') {
		set &= number_fits(p, text, stop, pos);
	} else if (cls == TL_START_THE && key == KEY_DIGIT) {
		/* "the 1990s": the alternatives that read the number as they would at the
		 * number itself go by its digits too (D:, E:); the others (not in the
		 * digits class) stay */
		size_t q = pos + 3;
		while (q < stop && is_blank(text[q]))
			q++;
		set &= number_fits(p, text, stop, q) | ~p->digit_alts;
	} else if (cls == TL_START_OTHER) {
		unsigned char c = (unsigned char)(text[pos] | 0x20);
		set &= p->other_first[c >= 'a' && c <= 'z' ? c - 'a' : 26];
	}
	tl_word_starts words; /* the words after pos, read when an alternative needs them */
	tl_word_starts_init(&words, pos, &p->need_index);
	while (set) {
		unsigned n = lowest_bit(set);
		set &= set - 1;
		if (p->fast_id[n] && (p->fast_cls[n] >> cls & 1)) {
			int f = tl_fast_match(p->fast_id[n], text, stop, pos, end);
			if (f == TL_FAST_MATCH) {
				*kind = p->alt_kind[n];
				return 1;
			}
			if (f == TL_FAST_NONE)
				continue;
		}
		if (p->need[n].n && !tl_needed_words_present(&p->need[n], n, &words, text, stop))
			continue;
		int rc = alt_ready(p, n);
		if (rc != 0)
			return rc;
		rc = try_code(p, s, p->lazy->code[n], p->lazy->jit[n], text, stop, pos);
		if (rc > 0) {
			*end = pcre2_get_ovector_pointer(s->md)[1];
			*kind = TL_KIND_NONE;
			PCRE2_SPTR mark = pcre2_get_mark(s->md);
			/* every mark is one capital letter: look it up by that letter */
			if (mark && mark[0] >= 'A' && mark[0] <= 'Z' && mark[1] == 0)
				*kind = p->mark_kind[mark[0] - 'A'];
		}
		if (rc != 0)
			return rc;
	}
	return 0;
}

int tl_patterns_match_at(const tl_patterns *p, tl_match_scratch *s, tl_start cls, const char *text,
                         size_t len, size_t pos, size_t *end, tl_kind *kind, tl_error *err)
{
	/* No expression is longer than a few words: a window keeps each call (and any
	 * UTF check of the subject) short however long the text is. */
	size_t stop = len - pos > MATCH_WINDOW ? pos + MATCH_WINDOW : len;
	if ((unsigned)cls >= TL_START_COUNT)
		cls = TL_START_OTHER;
	int rc = try_split(p, s, cls, text, stop, pos, end, kind);
	if (rc == 0 || rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT)
		return 0; /* a pathological spot is skipped, not fatal */
	if (rc == LOCK_FAILED)
		return tl_error_set(err, TL_EINTERNAL, "tagger pattern: cannot lock the JIT compile");
	if (rc < 0)
		return pcre2_fail(err, rc, "compile or match", pos);
	return *end > pos && *kind != TL_KIND_NONE ? 1 : 0;
}
