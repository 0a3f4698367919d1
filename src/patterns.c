/*
 * patterns.c - the PCRE2 pattern table of the tagging stage and the only file
 * that includes pcre2.h. The pattern is written as named fragments (month,
 * weekday, quantity, unit, ...) in a (?(DEFINE)...) block and one alternative
 * per class of temporal expression, each ending in a (*MARK:name) that tells
 * the recognizer which class matched. Alternatives are ordered so that the
 * longer, more specific readings come first (PCRE2 takes the first
 * alternative that matches); each carries the set of start-word classes it
 * can begin with, and one anchored pattern is compiled per class with only
 * its alternatives. All classes but month names are split instead: their
 * alternatives are compiled one by one and tried in order, skipping those
 * that cannot match given the first letter of the next word, or at numbers
 * the count of digits and what follows them (keys); that is the same first
 * match as the joined pattern at a fraction of the work. Before compiling,
 * every (?&name) call is replaced by a copy of the fragment (see expand()),
 * so the JIT code runs no subroutine calls. The tagger owns one tl_patterns:
 * the compiled codes, their JIT code and a match context with match and
 * depth limits.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "buf.h"
#include "error.h"
#include "patterns.h"

#define MATCH_WINDOW 400
#define MAX_ALT 64  /* alternatives in the table: bits of a uint64_t set */
#define MAX_KEYS 30 /* keys of a split class, the last one for "anything else" */
#define AFTER_DIGITS_KEYS 35 /* see after_digits_key() */

struct tl_patterns {
	pcre2_code *code[TL_START_COUNT]; /* one per start class; NULL for a split class */
	bool jit[TL_START_COUNT];         /* JIT-compiled: matched through pcre2_jit_match() */
	/* Split classes (see split_keys()): their alternatives compiled alone (alt_code[i]
	 * for alternatives[i]) and, per key of the text at the try, the set of those to
	 * try (bit i for alternatives[i], tried from the lowest bit up); at numbers also
	 * per character after the digits (after_digits). */
	pcre2_code *alt_code[MAX_ALT];
	bool alt_jit[MAX_ALT];
	uint64_t alts[TL_START_COUNT][MAX_KEYS];
	uint64_t after_digits[AFTER_DIGITS_KEYS];
	uint64_t other_first[27]; /* "other" class: by the word's own first letter ("W:") */
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
	 * T: (at "the"), K: (a weekday), O: (a modifier: early, mid, fiscal, year...),
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
	 * A list that misses a way in loses matches: tests/unit/test_recognize.c has
	 * one case per way in.
	 */
	const char *keys;
} alternatives[] = {
    /* times of day */
    {S_D | S_P, "(?: (?:around(?&s))? (?&clock) (?:(?&s)(?&tz))? (?: ,?(?&s)(?:on(?&s))?(?&dayword)"
                "  | ,?(?&s)(?&month)(?&s)(?&dom) )? (*MARK:T) )", "D:12 P:0 E:_:ap"},
    {S_X, "(?: (?:noon|midnight) ,?(?&s) (?&dayword) (*MARK:T) )", "X:fmstwy. W:mn"},
    /* full dates */
    {S_M | S_K,
     "(?: (?:(?&weekday)(?&s))? (?&month)(?&s)(?&dom),?(?&s)(?&year4) (*MARK:F) )",
     "K:adfjmnos"},
    {S_D | S_K | S_T,
     "(?: (?:(?&weekday)(?&s))? (?:the(?&s))? (?<![$\\d.,])(?&dom)(?&s)(?:of(?&s))? (?&month)"
     "  ,?(?&s) (?&year4) (*MARK:F) )", "T:0 D:12 K:0t E:_nrst"},
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
     "K:adfjmnos. P:adfjmnos"},
    {S_D | S_K | S_T,
     "(?: (?:(?&weekday)(?&s))? (?:the(?&s))? (?<![$\\d.,])(?&dom)(?&s)(?:of(?&s))? (?&month)"
     "  (*MARK:D) )", "T:0 D:12 K:0t E:_nrst"},
    /* month + year, month + "last year" */
    {S_O | S_T | S_M,
     "(?: (?:(?&pmod)(?&s)|mid-)? (?&month),?(?&s)(?:of(?&s))?(?&year4) (*MARK:M) )",
     "T:bcemrs O:adfjmnos-"},
    {S_O | S_T | S_M,
     "(?: (?:(?&pmod)(?&s)|mid-)? (?&monthfull) (?&s)(?:this|last|next)(?&s)year (?&b)"
     "  (*MARK:H) )", "T:bcemrs O:adfjmnos-"},
    /* decades and centuries */
    {S_T | S_O | S_D,
     "(?: (?:the(?&s))? (?:(?:early|mid|late)(?&s)|mid-)? (?:1[0-9]|20)[0-9]0'?s (?&b)"
     "  (*MARK:E) )", "T:0elm D:4 O:0- E:'s"},
    {S_T | S_O | S_D,
     "(?: (?:the(?&s))? (?:(?:early|mid|late)(?&s)|mid-)? '[0-9]0s (?&b) (*MARK:E) )",
     "T:elm D: O:-"},
    {S_T | S_O | S_X,
     "(?: (?:the(?&s))? (?:(?:early|mid|late)(?&s)|mid-)? (?:twenties|thirties|forties"
     "  |fifties|sixties|seventies|eighties|nineties) (?&b) (*MARK:E) )",
     "T:eflmnst O:efnst- W:eflmnst"},
    {S_T | S_O | S_D,
     "(?: (?:the(?&s))? (?:(?:early|mid|late)(?&s)|mid-)? (?:1[0-9]|2[0-1]|[1-9])(?:st|nd|rd|th)"
     "  (?:-|(?&s))century (?&b) (*MARK:E) )", "T:0elm D:12 O:0- E:nrst"},
    {S_T | S_O | S_X,
     "(?: (?:the(?&s))? (?:(?:early|mid|late)(?&s)|mid-)? (?:nineteenth|eighteenth|twentieth"
     "  |twenty-first|seventeenth|sixteenth)(?:-|(?&s))century (?&b) (*MARK:E) )",
     "T:elmnst O:enst- X:c- W:elmnst"},
    /* quarters and halves */
    {S_T | S_R | S_X | S_O | S_D | S_N,
     "(?: (?:(?:the|this|that|last|next)(?&s))? (?:(?&qual)(?&s))* "
     "  (?:(?&year4)(?&s))? (?&ord)(?&s) (?:(?:fiscal|calendar)(?&s))? (?:quarter|half)"
     "  (?&b) (?:(?&s)of(?&s)(?:(?:fiscal|calendar)(?&s))?(?:(?&year4)|(?:this|last|next|the)"
     "  (?&s)(?:fiscal(?&s))?year(?&b)))? (?:,?(?&s)(?&year4))? (*MARK:Q) )",
     "T:0cefjlmnprsty D:14 O:0cefjlmnprsty- R:0cefhjlmnpqrsty N:efnost- "
     "X:0cefhjlmnpqrsty- E:_nrst W:cefjlmnprsty"},
    {S_R,
     "(?: (?:this|last|next)\\ year's(?&s)(?:(?&ord)(?:-|(?&s)))?(?:quarter|half) (*MARK:Q) )",
     "R:y"},
    /* "third-quarter profit": an adjective, its determiner belongs to the noun */
    {S_X | S_D | S_N | S_O,
     "(?: (?:(?:fiscal|calendar)(?&s))? (?:(?&year4)(?&s))? (?&ord)-(?:fiscal-)?(?:quarter|half)"
     "  (?&b) (*MARK:Q) )", "D:14 O:0eflnst N:efnost- X:- E:_nrst W:ceflnst"},
    {S_X | S_D,
     "(?: (?-i:Q[1-4]|[1-4]Q|H[12]) (?:(?&s)(?&year4)|\\ ?'[0-9]{2}|[0-9]{2})? (?&b) (*MARK:Q) )",
     "D:1 E:q W:hq"},
    {S_T | S_R,
     "(?: (?:the|this|that)(?&s) (?:(?&qual)(?&s))+ (?:quarter|period|half) (?&b) (?&yago)? "
     "  (*MARK:Q) )",
     "T:cfjlmprsy R:cfjlmprsy"},
    {S_T | S_R,
     "(?: (?:the|this|that)(?&s) (?:quarter|half) (?&b) (?!-) (?&yago)? (*MARK:Q) )",
     "T:hq R:hq"},
    {S_T, "(?: the(?&s) (?:(?&qual)(?&s))? (?:1[0-9]|20)[0-9]{2} (?&s)(?:quarter|period) (?&b) "
          "(*MARK:Q) )", "T:0cfjlmprsy"},
    {S_T | S_O,
     "(?: (?:the(?&s))? year-(?:earlier|ago|before) (?&s)(?:(?&ord)(?&s))?(?:quarter|period"
     "  |half)(?&b) (*MARK:A) )", "T:y O:-"},
    {S_O, "(?: year-(?:earlier|ago|before) (?&b) (*MARK:A) )", "O:-"},
    /* seasons */
    {S_T | S_O | S_X,
     "(?: (?:(?:the|early|late|mid)(?&s)|mid-)? (?&season)(?:(?&s)of)?(?&s)(?&year4)"
     "  (*MARK:S) )", "T:afsw O:afsw- X:0enot W:aeflmstw"},
    {S_O | S_R | S_T,
     "(?: (?:(?:early|late|mid)(?&s))? (?:this(?:(?&s)past)?|last|next|that|the\\ coming"
     "  |the\\ past)(?&s) (?&season) (*MARK:S) )", "T:cp O:lnt R:afpsw"},
    {S_O | S_T, "(?: (?:(?:early|late)(?&s))? the(?&s)(?:(?:early|late)(?&s))?"
                "  (?:spring|summer|autumn|winter)(?&b) (?!(?&s)of\\b) (*MARK:S) )", "T:aelsw O:t"},
    /* part of a year */
    {S_T | S_X | S_O | S_D,
     "(?: (?:the(?&s))? (?:(?:first|second|1st|2nd)(?&s)half|end|beginning|start|middle|rest"
     "  |remainder|close|balance) (?&s)of(?&s)(?:(?:fiscal|calendar)(?&s))? (?&year4) (*MARK:P) )",
     "T:0bcefmrs D:1 O:o X:ho E:ns W:bcefmrst"},
    /* bare years; not after words that make a number of them (No., Section, about). The
     * first lookahead is a guard: only letters, blanks and '-' (the modifiers) may stand
     * before the year, so most tries end there instead of in the long lookbehind */
    {S_D | S_O | S_T,
     "(?: (?=[^\\x00-\\x08\\x0b-\\x1f\\x21-\\x2c\\x2e-\\x40\\x5b-\\x60\\x7b-\\x7f]*+"
     "  (?:1[5-9]|20)[0-9]{2})"
     " (?=[0-9efmltcFMLTC]) (?<![$#\\d.,/\\-]) (?<!No\\.\\ |Section\\ |Sec\\.\\ |Article\\ "
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
     "  (?-i:[a-z]+s)(?&b)) (?:(?&s)(?:or(?&s)(?:later|earlier)|and(?&s)beyond)(?&b))?"
     "  (*MARK:Y) )", "T:befmsy D:4 O:0ceflmty-"},
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
     "  (?&b)(?!-) (?:(?&s)or(?&s)so(?&b))? (*MARK:R) )", "T:bceflmnprs O:celmnpt- R:acdfjmnoqstwy"},
    {S_O, "(?: (?:earlier|later|early|late) (?&s)in(?&s)the(?&s)(?:week|month|year|decade)"
          "  (?&b) (*MARK:R) )", "O:i"},
    {S_T | S_O,
     "(?: (?:the(?&s))? (?:end|beginning|start|middle|rest|remainder|close) (?&s)of(?&s)the(?&s)"
     "  (?:(?:fiscal|calendar)(?&s))?(?:week|month|year|quarter|decade|century) (?&b) (*MARK:R) )",
     "T:bcemrs O:o"},
    /* parts of days */
    {S_O | S_R | S_X | S_K,
     "(?: (?:(?:early|earlier|late|later|mid)(?:-|(?&s)))? (?:this|yesterday|tomorrow|last"
     "  |(?&weekday)) (?&s) (?&pday) (*MARK:O) )", "K:aemno O:flmstwy- R:aemno X:aemno W:eflmstwy"},
    /* "mid-afternoon", "mid-morning yesterday": the DCT's (or that day's) part */
    {S_O,
     "(?: mid(?:-|(?&s))(?:morning|afternoon) (?&b) (?:(?&s)(?:today|yesterday|tomorrow"
     "  |(?&weekday)))? (*MARK:O) )", "O:-am"},
    {S_O | S_X,
     "(?: (?:(?:early|earlier|late|later)(?&s))? (?:today|tonight|yesterday|tomorrow) (?&b)"
     "  (*MARK:N) )", "O:ty W:elty"},
    {S_T | S_X,
     "(?: (?:the\\ )?day\\ (?:before\\ yesterday|after\\ tomorrow) (*MARK:N) )",
     "T:d X:ab W:dt"},
    /* "today is the eighth day of the strike", "it's the second day": the DCT */
    {S_T,
     "(?: (?<=\\bis\\ |'s\\ ) the(?&s)(?:first|second|third|fourth|fifth|sixth"
     "  |seventh|eighth|ninth|tenth)(?&s)day (?&b) (*MARK:N) )",
     "T:efnst"},
    /* the week a day is in */
    {S_T, "(?: the(?&s)week(?&s)of(?&s)(?&month)(?&s)(?&dom) (?:,?(?&s)(?&year4))? (*MARK:L) )",
     "T:w"},
    /* named holidays, capitalized; a bare "Christmas" or "Thanksgiving" before a noun
     * ("Christmas tree") names no day */
    {S_X | S_R,
     "(?: (?:(?:last|next|this)(?&s))? (?-i: (?:Christmas|Thanksgiving|New\\ Year's|Independence"
     "  |Labor|Labour|Memorial|Election|Veterans'?|Columbus|Presidents'?|Valentine's)\\ Day (?&b)"
     "  | (?:Christmas|New\\ Year's)\\ Eve (?&b) | (?:Thanksgiving|Christmas|Halloween) (?&b)"
     "  (?!(?&s)(?!(?:and|or|to|in|at|on|for|by|with|from|as|than|but|until|since|during"
     "  |following|before|after|when|while|because|the|he|she|it|they|we|you|i|that|which|who"
     "  |is|are|was|were|has|had|will|would|this|last|next|weekend|holidays?|season|shopping)\\b)"
     "  [a-z]) )"
     "  (?:,?(?&s)(?&year4))? (*MARK:V) )",
     "R:cehilmnptv W:cehilmnptv"},
    /* ago, earlier, later; "about two years ago" points at a day, so the approximator
     * belongs to it (a duration leaves "about" outside) */
    {S_P | S_D | S_N | S_A,
     "(?: (?:(?:(?&approx)|about|almost)(?&s))? (?&qty)(?:(?&s)|-)(?:more(?&s))?(?&unit)(?&s)"
     "  (?:or(?&s)so(?&s))? (?: (?:ago|earlier|later|from\\s+now|hence)(?&b) | (?:before|after)(?&b)"
     "  (?=\\s*[,.;:)\"]|\\s*$) ) (*MARK:G) )",
     "D:1234 N:acdefhmnoqstwy- P:0acdefhlmnost A:acdfhmnqswy- E:_-,."},
    /* durations */
    {S_P | S_T | S_A | S_R | S_X | S_D | S_N,
     "(?: (?!an?\\s+second\\b) (?:(?&approx)(?&s))? (?:(?:the|a|an)(?&s))?"
     "  (?:(?:past|last|next|first|coming|previous|following|final|remaining|latest|initial"
     "  |entire|whole|full|same|additional|further|another|extra|other|recent)(?&s))?"
     "  (?&qty)(?:(?&s)|-)(?:(?:more|additional|straight|consecutive|full)(?&s))?"
     "  (?:(?:trading|business|working)(?&s)(?=days?\\b))? (?&unit)"
     "  (?!-) (?:(?&s)and(?&s)a(?&s)half)? (?:(?&s)or(?&s)so(?&b))? (*MARK:U) )",
     "T:0abcdefhilmnoprstw D:1234 R:0acdefhmnost N:abcdefhmnoqstwy- X:0acdefhmnost E:_-,."},
    {S_P | S_T | S_A,
     "(?: (?:(?&approx)(?&s))? (?:the|a|an)(?&s)(?:past|last|next|coming"
     "  |final|remaining|better\\ part\\ of\\ a|full|entire|whole)(?&s)(?:few(?&s)|several(?&s))"
     "  (?&units) (*MARK:U) )", "T:bceflnprw P:almt A:bceflnprw"},
    {S_P | S_A | S_T | S_N | S_R,
     "(?: (?:(?&approx)(?&s))? (?:(?:a|an|the)(?&s))? (?:few|several|many|some|coming"
     "  |next|past|last)(?&s)(?&units) (*MARK:U) )",
     "T:bcflmnps R:cdhmqswy N:cdhmqswy P:acflmnpst A:cflmnps"},
    {S_R, "(?: (?:recent|past|coming|these)(?&s)(?&units) (*MARK:C) )", "R:cdhmqswy"},
    /* a unit after "for", "in"...: the unit is checked before the lookbehind list */
    {S_T | S_X,
     "(?: (?=(?&units)) (?<=\\bfor\\ |\\bin\\ |\\bin\\ the\\ |\\bwithin\\ the\\ |\\bfor\\ the\\ "
     "  |\\bwithin\\ |\\blasting\\ |\\btook\\ |\\btake\\ "
     "|\\bover\\ )"
     "  (?&units) (?:(?&s)or(?&s)(?&units))? (?!(?&s)(?:ago|of|later|earlier)\\b)"
     "  (*MARK:U) )", "T: W:cdhmqswy"},
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
          "  (*MARK:X) )", NULL},
    /* anaphoric */
    {S_O | S_T | S_X | S_R,
     "(?: (?:(?:earlier|later)(?&s))? (?:the(?&s))? (?:previous|following|next|prior|preceding"
     "  |same|subsequent)(?&s) (?:day|week|weekend|month|year|quarter|decade|morning|afternoon"
     "  |evening|night) (?&b) (*MARK:A) )", "T:fnps O:fnpst R:ademnqwy X:ademnqwy W:eflnpst"},
    {S_O | S_R,
     "(?: (?:(?:earlier|later)(?&s))? that(?&s)(?:same(?&s))?(?:day|week|weekend|month|year"
     "  |morning|afternoon|evening|night) (?&b) (*MARK:A) )", "O:t R:ademnswy"},
    {S_T, "(?: the(?&s)(?:(?:fiscal|full)(?&s))?year (?=(?&s)(?:ended|ending|ends|to)\\b)"
          "  (*MARK:U) )", "T:fy"},
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
                            "T:fnp O: R:fmstw"},
    {S_O | S_T | S_M,
     "(?: (?:(?:early|late|mid|earlier|later)(?:-|(?&s))(?:in(?&s))?|mid-|(?&pmod)(?&s))?"
     "  (?: (?!(?-i:May|March)(?&b))(?:(?&monthfull)|(?-i:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug"
     "  |Sept?|Oct|Nov|Dec)\\.)) | (?=Ma)(?&prevmay)(?-i:May|March)(?&b) ) (*MARK:H) )",
     "T:bcemrs O:adfijmnos-"},
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

/*
 * The fragments are inlined: each (?&name) becomes (?i:body), the body itself
 * expanded. Since PCRE2 10.30 a subroutine call backtracks like a group, so the
 * inline copy matches exactly the same text; (?i:...) gives it the options of
 * its definition (the DEFINE block is caseless). Without calls the JIT code
 * runs no subroutine frames, which made up most of the matching time.
 */
#define MAX_FRAGMENTS 64
#define MAX_NESTING 16

typedef struct fragment {
	const char *name;
	size_t name_len;
	const char *body; /* between "(?<name>" and its closing ")" */
	size_t body_len;
} fragment;

typedef struct fragment_set {
	char *source; /* the joined DEFINE block the fragments point into */
	fragment f[MAX_FRAGMENTS];
	size_t n;
} fragment_set;

/* The end of the character class opening at s[i] == '[' (just past its ']'). */
static size_t class_end(const char *s, size_t len, size_t i)
{
	i++;
	if (i < len && s[i] == '^')
		i++;
	if (i < len && s[i] == ']')
		i++;
	while (i < len && s[i] != ']')
		i += s[i] == '\\' ? 2 : 1;
	return i < len ? i + 1 : len;
}

/* Splits the DEFINE block into its named groups; false when it is not shaped as
 * "(?(DEFINE)" (?<name> body )... ")" or on ENOMEM. */
static bool fragments_parse(fragment_set *fs)
{
	size_t total = 1;
	for (size_t i = 0; i < sizeof defines / sizeof defines[0]; i++)
		total += strlen(defines[i]);
	fs->n = 0;
	fs->source = malloc(total);
	if (!fs->source)
		return false;
	size_t len = 0;
	for (size_t i = 0; i < sizeof defines / sizeof defines[0]; i++) {
		size_t n = strlen(defines[i]);
		memcpy(fs->source + len, defines[i], n);
		len += n;
	}
	fs->source[len] = '\0';
	const char *s = fs->source;
	static const char open[] = "(?(DEFINE)";
	if (strncmp(s, open, sizeof open - 1) != 0)
		return false;
	size_t i = sizeof open - 1;
	for (;;) {
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && s[i] == ')')
			return true;
		if (i + 3 > len || memcmp(s + i, "(?<", 3) != 0 || fs->n == MAX_FRAGMENTS)
			return false;
		fragment *f = &fs->f[fs->n++];
		f->name = s + i + 3;
		const char *gt = memchr(f->name, '>', len - (i + 3));
		if (!gt)
			return false;
		f->name_len = (size_t)(gt - f->name);
		i = (size_t)(gt - s) + 1;
		f->body = s + i;
		int depth = 1;
		while (i < len && depth > 0) {
			if (s[i] == '\\') {
				i += 2;
			} else if (s[i] == '[') {
				i = class_end(s, len, i);
			} else {
				depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
				i++;
			}
		}
		if (depth != 0)
			return false;
		f->body_len = (size_t)(s + i - 1 - f->body);
	}
}

/* Appends text[0..len) to b with every (?&name) replaced by (?i:its body), expanded. */
static int expand(const fragment_set *fs, tl_buf *b, const char *text, size_t len, int nesting)
{
	if (nesting > MAX_NESTING)
		return TL_EINTERNAL;
	size_t i = 0, copied = 0;
	int rc = TL_OK;
	while (i < len && rc == TL_OK) {
		if (text[i] == '\\') {
			i += 2;
			continue;
		}
		if (text[i] == '[') {
			i = class_end(text, len, i);
			continue;
		}
		if (i + 3 > len || memcmp(text + i, "(?&", 3) != 0) {
			i++;
			continue;
		}
		const char *name = text + i + 3;
		const char *close = memchr(name, ')', len - (i + 3));
		if (!close)
			return TL_EINTERNAL;
		size_t n = (size_t)(close - name);
		const fragment *f = NULL;
		for (size_t k = 0; k < fs->n && !f; k++)
			if (fs->f[k].name_len == n && memcmp(fs->f[k].name, name, n) == 0)
				f = &fs->f[k];
		if (!f)
			return TL_EINTERNAL;
		rc |= tl_buf_append(b, text + copied, i - copied);
		rc |= tl_buf_puts(b, "(?i:");
		if (rc == TL_OK)
			rc = expand(fs, b, f->body, f->body_len, nesting + 1);
		rc |= tl_buf_putc(b, ')');
		i = copied = (size_t)(close - text) + 1;
	}
	if (rc == TL_OK)
		rc = tl_buf_append(b, text + copied, len - copied);
	return rc;
}

/* "(?:" + the alternatives first..last-1 of class cls joined by "|" + ")", fragments
 * inlined; NULL on failure. */
static char *build_pattern(const fragment_set *fs, tl_start cls, size_t first_alt, size_t last_alt)
{
	tl_buf b = TL_BUF_INIT;
	int rc = tl_buf_puts(&b, "(?:");
	bool first = true;
	for (size_t i = first_alt; i < last_alt && rc == TL_OK; i++) {
		if (!(alternatives[i].mask & (1u << cls)))
			continue;
		if (!first)
			rc |= tl_buf_putc(&b, '|');
		first = false;
		if (rc == TL_OK)
			rc = expand(fs, &b, alternatives[i].text, strlen(alternatives[i].text), 0);
	}
	if (rc == TL_OK)
		rc = tl_buf_putc(&b, ')');
	if (rc != TL_OK) {
		tl_buf_free(&b);
		return NULL;
	}
	return tl_buf_detach(&b);
}

/* Builds, compiles and JIT-compiles one pattern into *code and *jit; TL_OK or an error. */
static int compile_one(const fragment_set *fs, tl_start cls, size_t first_alt, size_t last_alt,
                       pcre2_code **code, bool *jit, tl_error *err)
{
	/* Anchored at compile time: JIT does not support PCRE2_ANCHORED at match time. */
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_EXTENDED |
	                PCRE2_MATCH_INVALID_UTF | PCRE2_ANCHORED;
	char *pattern = build_pattern(fs, cls, first_alt, last_alt);
	if (!pattern)
		return tl_error_set(err, TL_EINTERNAL,
		                    "tagger pattern: cannot inline the fragments");
	int rc;
	PCRE2_SIZE off;
	*code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &rc, &off, NULL);
	free(pattern);
	if (!*code)
		return pcre2_fail(err, rc, "compile", (size_t)off);
	rc = pcre2_jit_compile(*code, PCRE2_JIT_COMPLETE);
	if (rc < 0 && rc != PCRE2_ERROR_JIT_BADOPTION)
		return pcre2_fail(err, rc, "JIT compile", 0);
	*jit = rc == 0;
	return TL_OK;
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
	case TL_START_MONTH:
		return 0;
	default:
		return 30;
	}
}

static char class_letter(tl_start cls)
{
	static const char letter[TL_START_COUNT] = {
	    [TL_START_THE] = 'T', [TL_START_WEEKDAY] = 'K', [TL_START_MOD] = 'O',
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

/* Compiles every alternative of a split class alone and lists, for each key, those
 * whose key list allows it (all of them under the last key and without a list). */
static int compile_split(tl_patterns *p, const fragment_set *fs, tl_start cls, tl_error *err)
{
	int nkeys = split_keys(cls);
	for (size_t i = 0; i < sizeof alternatives / sizeof alternatives[0]; i++) {
		const struct alternative *a = &alternatives[i];
		if (!(a->mask & (1u << cls)))
			continue;
		if (!p->alt_code[i] && compile_one(fs, cls, i, i + 1, &p->alt_code[i],
		                                   &p->alt_jit[i], err) != TL_OK)
			return TL_EINTERNAL;
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
	fragment_set fs;
	memset(&fs, 0, sizeof fs);
	if (!fragments_parse(&fs)) {
		tl_error_set(err, TL_EINTERNAL, "tagger pattern: malformed DEFINE block");
		goto fail;
	}
	for (int cls = 0; cls < TL_START_COUNT; cls++) {
		int rc = split_keys((tl_start)cls)
		             ? compile_split(p, &fs, (tl_start)cls, err)
		             : compile_one(&fs, (tl_start)cls, 0, n_alt, &p->code[cls], &p->jit[cls],
		                           err);
		if (rc != TL_OK)
			goto fail;
	}
	free(fs.source);
	fs.source = NULL;
	for (size_t i = 0; i < sizeof mark_kinds / sizeof mark_kinds[0]; i++)
		p->mark_kind[mark_kinds[i].mark[0] - 'A'] = mark_kinds[i].kind;
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
	free(fs.source);
	tl_patterns_free(p);
	return NULL;
}

void tl_patterns_free(tl_patterns *p)
{
	if (!p)
		return;
	pcre2_match_context_free(p->mctx);
	for (int i = 0; i < TL_START_COUNT; i++)
		pcre2_code_free(p->code[i]);
	for (int i = 0; i < MAX_ALT; i++)
		pcre2_code_free(p->alt_code[i]);
	free(p);
}

tl_match_scratch *tl_patterns_scratch_new(const tl_patterns *p, tl_error *err)
{
	/* no pattern captures: any compiled code sizes the match data */
	const pcre2_code *any = p->alt_code[0];
	for (int c = 0; c < TL_START_COUNT && !any; c++)
		any = p->code[c];
	tl_match_scratch *s = calloc(1, sizeof *s);
	if (s)
		s->md = pcre2_match_data_create_from_pattern(any, NULL);
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
                     size_t stop, size_t pos)
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
	while (set) {
		unsigned n = lowest_bit(set);
		set &= set - 1;
		int rc = try_code(p, s, p->alt_code[n], p->alt_jit[n], text, stop, pos);
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
	int rc = split_keys(cls) ? try_split(p, s, cls, text, stop, pos)
	                         : try_code(p, s, p->code[cls], p->jit[cls], text, stop, pos);
	if (rc == 0 || rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT)
		return 0; /* a pathological spot is skipped, not fatal */
	if (rc < 0)
		return pcre2_fail(err, rc, "match", pos);
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	*end = ov[1];
	*kind = TL_KIND_NONE;
	PCRE2_SPTR mark = pcre2_get_mark(s->md);
	/* every mark is one capital letter: look it up by that letter */
	if (mark && mark[0] >= 'A' && mark[0] <= 'Z' && mark[1] == 0)
		*kind = p->mark_kind[mark[0] - 'A'];
	return *end > pos && *kind != TL_KIND_NONE ? 1 : 0;
}
