/*
 * pattern_table.c - the text of the tagging pattern (see pattern_table.h):
 * the fragments, the alternatives in the order they are tried and their keys,
 * and the classes of the marks. Owns nothing; constant data.
 */
#include "pattern_table.h"

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
const char *const tl_pattern_fragments[] = {
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
    "  (?:[-\\ ](?:hundred|thousand))? (?&b) | hundred (?&b) | a\\ hundred (?&b) | a\\ dozen (?&b) )",
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

/* The alternatives, most specific first (see tl_alternative in pattern_table.h). */
const tl_alternative tl_alternatives[] = {
    /* times of day */
    {S_D | S_P, "(?: (?:around(?&s))? (?&clock) (?:(?&s)(?&tz))? (?: ,?(?&s)(?:on(?&s))?(?&dayword)"
                "  | ,?(?&s)(?&month)(?&s)(?&dom) )? (*MARK:T) )", "D:12 P:0 E:_:ap F:DPc"},
    /* "noon Friday"; a bare "noon" only after a preposition of time ("at midday"), not
     * in "high noon" */
    {S_X, "(?: (?:noon|midnight|midday) (?: ,?(?&s) (?&dayword) | (?&b) (?!-)"
          "  (?<=\\bat\\ noon|\\bat\\ midnight|\\bat\\ midday|\\bby\\ noon|\\bby\\ midnight"
          "  |\\bby\\ midday|\\buntil\\ noon|\\buntil\\ midnight|\\buntil\\ midday"
          "  |\\bafter\\ midnight|\\bbefore\\ noon|\\bbefore\\ midnight|\\bafter\\ noon) )"
          "  (*MARK:T) )", "W:mn Z:1/noon|midnight|midday"},
    /* full dates */
    {S_M | S_K,
     "(?: (?:(?&weekday)(?&s))? (?&month)(?&s)(?&dom),?(?&s)(?&year4) (*MARK:F) )",
     "K:adfjmnos M:0. F:Mf Z:2-4,./1|20|nineteen|eighteen|twenty"},
    {S_D | S_K | S_T,
     "(?: (?:(?&weekday)(?&s))? (?:the(?&s))? (?<![$\\d.,])(?&dom)(?&s)(?:of(?&s))? (?&month)"
     "  ,?(?&s) (?&year4) (*MARK:F) )", "T:0 D:12 K:0t E:_nrst "
     "Z:5/jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"},
    {S_D,
     "(?: (?=[12]) (?<![\\d.\\-/]) [12][0-9]{3}-[01][0-9]-[0-3][0-9] (?![\\d\\-]) (*MARK:F) )",
     "D:4 E:- F:Ds"},
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
     "T:elm D: O:- Z:3/'0|'1|'2|'3|'4|'5|'6|'7|'8|'9"},
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
     "X:0cefhjlmnpqrsty- E:_nrst W:cefjlmnprsty Z:0/quarter>|half>"},
    {S_R,
     "(?: (?:this|last|next)\\ year's(?&s)(?:(?&ord)(?:-|(?&s)))?(?:quarter|half) (*MARK:Q) )",
     "R:y Z:2/year's"},
    /* "third-quarter profit": an adjective, its determiner belongs to the noun */
    {S_X | S_D | S_N | S_O,
     "(?: (?:(?:fiscal|calendar)(?&s))? (?:(?&year4)(?&s))? (?&ord)-(?:fiscal-)?(?:quarter|half)"
     "  (?&b) (*MARK:Q) )", "D:14 O:0eflnst N:efnost- X:- E:_nrst W:ceflnst Z:7/quarter>|half>"},
    {S_X | S_D,
     "(?: (?-i:Q[1-4]|[1-4]Q|H[12]) (?:(?&s)(?&year4)|\\ ?'[0-9]{2}|[0-9]{2})? (?&b) (*MARK:Q) )",
     "D:1 E:q W:hq Z:1/q1|q2|q3|q4|1q|2q|3q|4q|h1|h2"},
    {S_T | S_R,
     "(?: (?:the|this|that)(?&s) (?:(?&qual)(?&s))+ (?:quarter|period|half) (?&b) (?&yago)? "
     "  (*MARK:Q) )",
     "T:cfjlmprsy R:cfjlmprsy Z:0/quarter>|period>|half>"},
    {S_T | S_R,
     "(?: (?:the|this|that)(?&s) (?:quarter|half) (?&b) (?!-) (?&yago)? (*MARK:Q) )",
     "T:hq R:hq Z:1/the>|this>|that>"},
    {S_T, "(?: the(?&s) (?:(?&qual)(?&s))? (?:1[0-9]|20)[0-9]{2} (?&s)(?:quarter|period) (?&b) "
          "(*MARK:Q) )", "T:0cfjlmprsy Z:5/quarter>|period>"},
    {S_T | S_O,
     "(?: (?:the(?&s))? year-(?:earlier|ago|before) (?&s)(?:(?&ord)(?&s))?(?:quarter|period"
     "  |half)(?&b) (*MARK:A) )", "T:y O:- Z:3/earlier|ago|before"},
    {S_O, "(?: year-(?:earlier|ago|before) (?&b) (*MARK:A) )", "O:- Z:2/earlier|ago|before"},
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
     "  (?![\\d]|[.,/\\-:]\\d|'s(?&b))"
     "  | (?<![$#\\d.,/\\-]) (?<!No\\.\\ |Section\\ |Sec\\.\\ |Article\\ "
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
     "  (*MARK:Y) )", "T:befmsy D:4 O:0ceflmty- F:DOy "
     "Z:0/15|16|17|18|19|20"},
    {S_T | S_O,
     "(?: (?:the(?&s))? year(?&s)two(?&s)thousand (?:(?&s)and(?&s)(?&numword))? (*MARK:Y) )",
     "T:y O:t Z:4/thousand"},
    /* a spoken year after a preposition; "nineteen ninety-six" (a century, then tens)
     * is read as a year anywhere, unless a unit, "percent" or "dollars" makes it a number */
    {S_N, "(?: (?=nineteen|eighteen|twenty) (?: (?<=\\bin\\ |\\bof\\ |\\bsince\\ |\\buntil\\ "
          "|\\bby\\ |\\bfrom\\ |\\bduring\\ ) (?&yearw) | (?>(?:nineteen|eighteen)[-\\ ](?&tens)"
          "  (?:[-\\ ](?&ones))?) (?&b) (?!(?&s)(?:(?&unit)|percent|per\\s+cent|dollars|cents)(?&b)) ) (*MARK:Y) )",
     "N:efnost-"},
    /* last/this/next + unit, weekday or month; "the latest" only before a unit ("the
     * latest fiscal year", as "the last"; not "the latest Monday", "the latest May") */
    {S_O | S_R | S_T,
     "(?: (?:(?:early|earlier|late|later|mid)(?:-|(?&s)))? (?:(?&pmod)(?&s))?"
     "  (?:this|last|next|past|coming|the(?&s)(?:current|previous|coming|following|preceding"
     "  |past|last|next|present|latest(?=(?&s)(?:(?:fiscal|calendar)(?&s))?"
     "  (?:week|weekend|month|year|quarter|decade|century)(?&b))))"
     "  (?&s)(?:(?:fiscal|calendar)(?&s))?"
     "  (?:week|weekend|month|year|quarter|decade|century|(?&weekday)|(?>(?&month))(?!(?&s)\\d))"
     "  (?&b)(?!-) (?:(?&s)or(?&s)so(?&b))? (*MARK:R) )",
     "T:bceflmnprs O:celmnpt- R:acdfjmnoqstwy F:RTr "
     "Z:8/week|month>|year>|quarter>|decade>|century>|monday>|tuesday>|wednesday>"
     "|thursday>|friday>|saturday>|sunday>|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"},
    {S_O, "(?: (?:earlier|later|early|late) (?&s)in(?&s)the(?&s)(?:week|month|year|decade)"
          "  (?&b) (*MARK:R) )", "O:i"},
    {S_T | S_O,
     "(?: (?:the(?&s))? (?:end|beginning|start|middle|rest|remainder|close) (?&s)of(?&s)the(?&s)"
     "  (?:(?:fiscal|calendar)(?&s))?(?:week|month|year|quarter|decade|century) (?&b) (*MARK:R) )",
     "T:bcemrs O:o Z:6/week>|month>|year>|quarter>|decade>|century>"},
    /* parts of days */
    {S_O | S_R | S_X | S_K,
     "(?: (?:(?:early|earlier|late|later|mid)(?:-|(?&s)))? (?:this|yesterday|tomorrow|last"
     "  |(?&weekday)) (?&s) (?&pday) (*MARK:O) )", "K:aemno O:flmstwy- R:aemno X:aemno W:eflmstwy F:RXKo "
     "Z:3/morning|afternoon|evening|night|overnight"},
    /* "mid-afternoon", "mid-morning yesterday": the DCT's (or that day's) part */
    {S_O,
     "(?: mid(?:-|(?&s))(?:morning|afternoon) (?&b) (?:(?&s)(?:today|yesterday|tomorrow"
     "  |(?&weekday)))? (*MARK:O) )", "O:-am Z:2/morning|afternoon"},
    {S_O | S_X,
     "(?: (?:(?:early|earlier|late|later)(?&s))? (?:today|tonight|yesterday|tomorrow) (?&b)"
     "  (*MARK:N) )", "O:ty W:elty F:Xn Z:2/today|tonight|yesterday|tomorrow"},
    {S_T | S_X,
     "(?: (?:the\\ )?day\\ (?:before\\ yesterday|after\\ tomorrow"
     "  |(?:before|after)\\ (?:(?:last|next|this)\\ )?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
     "  (?![a-z0-9])) (*MARK:N) )",
     "T:d X:ab W:dt "
     "Z:4/yesterday|tomorrow|last|next|this|monday|tuesday|wednesday|thursday|friday"
     "|saturday|sunday"},
    /* "today is the eighth day of the strike", "it's the second day": the DCT */
    {S_T,
     "(?: (?<=\\bis\\ |'s\\ ) the(?&s)(?:first|second|third|fourth|fifth|sixth"
     "  |seventh|eighth|ninth|tenth)(?&s)day (?&b) (*MARK:N) )",
     "T:efnst F:Ti"},
    /* the week a day is in */
    {S_T, "(?: the(?&s)week(?&s)of(?&s)(?&month)(?&s)(?&dom) (?:,?(?&s)(?&year4))? (*MARK:L) )",
     "T:w Z:3/of"},
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
     "D:1234 N:acdefhmnoqstwy- P:0acdefhlmnost A:acdfhmnqswy- E:_-,. F:DNAg "
     "Z:15/ago|earlier|later|from|hence|before|after"},
    /* durations; first a range of counts, "two to three weeks", "the next 12 to 18
     * months", one timex (TimeBank, 2 of 2; "between two and six" is two, as for
     * dates); "two to three years ago" is left to "three years ago"; an approximator
     * stays outside ("at least [2 to 3 weeks]") */
    {S_T | S_R | S_D | S_N,
     "(?: (?<!\\bbetween\\ ) (?:the(?&s))?"
     "  (?:(?:past|last|next|first|coming|previous|following|final)(?&s))?"
     "  (?:\\d+|(?&numword)) (?&s)(?:to|or)(?&s) (?:\\d+|(?&numword)) (?:(?&s)|-)"
     "  (?:(?:more|additional)(?&s))? (?&unit) (?!-|(?&s)(?:ago|earlier|later|old)\\b)"
     "  (*MARK:U) )", "T:0cefilnopst R:0efnost D:123 E:_ N:efnost- Z:1-4/to|or"},
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
     "Z:7/seconds>|minutes>|hours>|days>|weeks>|months>|quarters>|years>|decades>"
     "|centuries>"},
    {S_R, "(?: (?:recent|past|coming|these)(?&s)(?&units) (?:(?&s)(?:and|or)(?&s)(?&units))?"
          "  (*MARK:C) )",
     "R:cdhmqswy Z:2/seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries"},
    /* a unit after "for", "in"...: the unit is checked before the lookbehind list
     * (pattern_fast.c's screen "l" reads the same list); two units joined by "or"
     * or "and" are one ("for weeks and months"); "within weeks or months of" is
     * left whole to the next alternative */
    {S_T | S_X,
     "(?: (?=(?&units)) (?<=\\bfor\\ |\\bin\\ |\\bin\\ the\\ |\\bwithin\\ the\\ |\\bfor\\ the\\ "
     "  |\\bwithin\\ |\\blasting\\ |\\btook\\ |\\btake\\ "
     "|\\bover\\ )"
     "  (?&units) (?>(?:(?&s)(?:or|and)(?&s)(?&units))?) (?!(?&s)(?:ago|of|later|earlier)\\b)"
     "  (*MARK:U) )", "T: W:cdhmqswy F:Xl "
     "Z:1/seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries"},
    /* bare plural units after more words, for the units that name nothing but a
     * length of time ("minutes" and "quarters" also name a record and lodgings): a
     * verb of lasting ("lasted weeks", "spent hours", "waited days") and, for weeks
     * to centuries ("days", "hours" are too often "the days of", "office hours"), a
     * preposition ("during months of talks"), "or", "and", "then" ("days, then
     * weeks"), or the start of a sentence or clause ("Years of war ..."); before
     * "of" too, as TimeBank tags them ("follows months of twists", "within weeks
     * or months of his capture"), but not after "of" ("a matter of weeks": untagged
     * in both) */
    {S_X,
     "(?: (?: (?=(?:seconds|hours|days)(?&b))"
     "  (?<=\\blasted\\ |\\blasts\\ |\\btakes\\ |\\btaking\\ |\\bspent\\ "
     "  |\\bspend\\ |\\bspends\\ |\\bspending\\ |\\bwaited\\ |\\bwait\\ "
     "  |\\bwaits\\ |\\bwaiting\\ )"
     "  | (?=(?:weeks|months|years|decades|centuries)(?&b))"
     "  (?: (?<=\\bfor\\ |\\bin\\ |\\bwithin\\ |\\bover\\ "
     "  |\\bduring\\ |\\bthrough\\ |\\bthroughout\\ |\\bfrom\\ |\\blasting\\ "
     "  |\\btook\\ |\\btake\\ |\\blasted\\ |\\blasts\\ |\\btakes\\ |\\btaking\\ "
     "  |\\bspent\\ |\\bspend\\ |\\bspends\\ |\\bspending\\ |\\bwaited\\ "
     "  |\\bwait\\ |\\bwaits\\ |\\bwaiting\\ |\\bthen\\ |\\bor\\ |\\band\\ "
     "  |,\\ |--\\ )"
     "  | (?<=^|[.;:!?(\"]\\ |[.;:!?]\\ \\ |\\n) (?=(?-i:[WMYDC])) ) )"
     "  (?&units) (?:(?&s)(?:or|and)(?&s)(?&units))? (?!(?&s)(?:ago|later|earlier|old)\\b|-)"
     "  (*MARK:U) )", "W:cdhmwy F:Xv Z:1/seconds|hours|days|weeks|months|years|decades|centuries"},
    /* "over the years": the whole extent, as TimeBank tags it; "the weeks ahead", "the
     * months to come" (TimeBank: "in the weeks ahead") */
    {S_T,
     "(?: (?: (?<=\\bover\\ ) the(?&s)(?&units) (?!(?&s)(?:ago|of|later|earlier)\\b)"
     "  | the(?&s)(?&units)(?&s)(?:ahead|to(?&s)come)(?&b) ) (*MARK:U) )",
     "T:cdhmqswy Z:2/seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries"},
    /* sets */
    {S_X, "(?: (?:every|each)(?&s)(?:other(?&s))?(?:(?&qty)(?&s))? (?:(?&unit)|(?&weekday)"
          "  |(?&month)|(?&pday)|(?&season)) (*MARK:X) )", "X:0acdefhjmnoqstwy W:e F:Xx"},
    /* "annually" always; "a quarterly dividend" is an adjective, not a timex (one
     * alternative for the three: patterns.c holds at most 64) */
    {S_X, "(?: (?: (?:annually|semiannually|semi-annually) (?&b)"
          "  | (?:daily|weekly|monthly|yearly|hourly|nightly|biweekly|bimonthly) (?&b)"
          "  (?!(?&s)(?-i:[A-Z]))"
          "  | quarterly (?&b) (?!(?&s)(?!(?:and|or|to|in|at|on|for|by|with|from|as|than|but"
          "  |until|since|during|over|basis)\\b)(?-i:[a-z])) ) (*MARK:X) )", "W:abdhmnqswy F:Xq "
          "Z:1/annually|semiannually|semi|daily|weekly|monthly|yearly|hourly|nightly|biweekly"
          "|bimonthly|quarterly"},
    {S_N | S_D,
     "(?: (?:once|twice|(?&numword)\\s+times|\\d+\\s+times)(?&s)(?:a|per|each|every)(?&s)"
     "  (?:day|week|month|year|decade) (?&b) (*MARK:X) )", "D:1234 N:aefhnopst- E:_"},
    {S_K, "(?: (?&weekday)(?&s)(?:mornings|afternoons|evenings|nights) (?&b) (*MARK:X) )",
     "K:aemn Z:2/mornings|afternoons|evenings|nights"},
    {S_K, "(?: (?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays) (?&b)"
          "  (*MARK:X) )",
     "Z:1/mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays"},
    /* anaphoric */
    {S_O | S_T | S_X | S_R,
     "(?: (?:(?:earlier|later)(?&s))? (?:the(?&s))? (?:previous|following|next|prior|preceding"
     "  |same|subsequent)(?&s) (?:day|week|weekend|month|year|quarter|decade|morning|afternoon"
     "  |evening|night) (?&b) (*MARK:A) )", "T:fnps O:fnpst R:ademnqwy X:ademnqwy W:eflnpst "
     "Z:4/day>|week|month>|year>|quarter>|decade>|morning>|afternoon>|evening>|night>"},
    {S_O | S_R,
     "(?: (?:(?:earlier|later)(?&s))? that(?&s)(?:same(?&s))?(?:day|week|weekend|month|year"
     "  |morning|afternoon|evening|night) (?&b) (*MARK:A) )", "O:t R:ademnswy"},
    /* "the year ended ..."; "day-long", "decades-long": a unit with no count before
     * it (TimeBank and AQUAINT tag both; "3 day-long meetings" counts meetings) */
    {S_T | S_X | S_O,
     "(?: (?: the(?&s)(?:(?:fiscal|full)(?&s))?year (?=(?&s)(?:ended|ending|ends|to)\\b)"
     "  | (?<![a-z0-9\\-]) (?<![0-9]\\s) (?:(?:second|minute|hour|day|night|week|month|year"
     "  |decade)s?|century|centuries)-long (?![a-z0-9]) ) (*MARK:U) )",
     "T:fy X:- O:- W:cdfhmnqswy Z:4/ended|ending|ends|to|long"},
    {S_T, "(?: the(?&s)(?:(?:fiscal|full)(?&s))?(?:week|weekend|month|year) (?&b) (?!-|'s|(?&s)"
          "  (?:of|in|after|before|when|that|to|for|he|she|they|we|ended|ending|ends)\\b)"
          "  (*MARK:A) )", "T:fmwy Z:3/week|month>|year>"},
    {S_T | S_O | S_P,
     "(?: (?:around(?&s))? (?:the(?&s))? year(?:-|(?&s)|'s(?&s))end (?&b) (*MARK:P) )",
     "T:y O:e-. P:ty Z:3/year"},
    /* references */
    {S_X | S_T | S_R | S_P,
     "(?: (?:now|currently|(?:more\\s+|most\\s+)?recently|lately|nowadays"
     "  |formerly|these\\s+days"
     "  |the\\s+(?:recent\\s+|distant\\s+)?past(?!(?&s)(?:\\d|(?&numword)|few|several|couple)\\b)"
     "  |the\\s+(?:near\\s+|distant\\s+|immediate\\s+)?future|the\\s+present"
     "  |the\\s+(?:near|short|long)\\s+term(?!-)|future\\s+(?&units)"
     "  |(?<=\\bwill\\ |\\bmay\\ |\\bmight\\ |\\bcould\\ |\\bshould\\ |\\bcan\\ |\\bmust\\ "
     "  |\\bshall\\ |\\bto\\ )soon(?!(?&s)(?:after|as|enough|thereafter)\\b)"
     "  |soon(?=(?&s)(?:will|would)\\b)) (?&b) (*MARK:W) )",
     "T:dfilnprs R:d P:r W:cflnrst "
     "Z:2/now|currently|recently|lately|nowadays|formerly|these|future|past|recent|distant"
     "|near|immediate|present|short|long|soon"},
    {S_R, "(?: (?=current) current (?&b) "
          "(?!(?&s)(?:account|accounts"
          "  |affairs|events|year|month|week|quarter|period|fiscal|flows?|levels?|rate)\\b)"
          "  (?=(?&s)[a-z]) (*MARK:W) )", "R:abcdefghijklmnopqrstuvwxyz Z:1/current"},
    /* weekdays and months */
    {S_R | S_O | S_T | S_K, "(?: (?:(?:last|next|this(?:(?&s)coming)?|coming|past"
                            "  |the\\s+following|the\\s+previous|the\\s+next)(?&s))? (?&weekday)"
                            "  (*MARK:K) )",
                            "T:fnp O: R:cfmstw F:Kk"},
    {S_O | S_T | S_M,
     "(?: (?:(?:early|late|mid|earlier|later)(?:-|(?&s))(?:in(?&s))?|mid-|(?&pmod)(?&s))?"
     "  (?: (?!(?-i:May|March)(?&b))(?:(?&monthfull)|(?-i:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug"
     "  |Sept?|Oct|Nov|Dec)\\.)) | (?=Ma)(?&prevmay)(?-i:May|March)(?&b)"
     "  | (?<=\\bthe\\ )(?-i:March)(?![a-z0-9]|\\ (?:on|of|to|for|from|against|through"
     "  |madness)\\b) ) (*MARK:H) )",
     "T:bcemrs O:adfijmnos- F:MOm"},
};

const tl_mark_kind tl_mark_kinds[] = {
    {"T", TL_KIND_TIME},       {"F", TL_KIND_DATE_FULL}, {"D", TL_KIND_MONTH_DAY},
    {"M", TL_KIND_MONTH_YEAR}, {"E", TL_KIND_DECADE},    {"Q", TL_KIND_QUARTER},
    {"S", TL_KIND_SEASON},     {"P", TL_KIND_PART_OF},   {"Y", TL_KIND_YEAR},
    {"R", TL_KIND_RELATIVE},   {"O", TL_KIND_PART_DAY},  {"N", TL_KIND_DEICTIC},
    {"G", TL_KIND_AGO},        {"U", TL_KIND_DURATION},  {"X", TL_KIND_SET},
    {"W", TL_KIND_REF},        {"C", TL_KIND_REF},       {"K", TL_KIND_WEEKDAY},
    {"H", TL_KIND_MONTH},      {"A", TL_KIND_ANAPHOR},   {"V", TL_KIND_HOLIDAY},
    {"L", TL_KIND_WEEK_OF},
};

const size_t tl_pattern_fragment_count =
    sizeof tl_pattern_fragments / sizeof tl_pattern_fragments[0];
const size_t tl_alternative_count = sizeof tl_alternatives / sizeof tl_alternatives[0];
const size_t tl_mark_kind_count = sizeof tl_mark_kinds / sizeof tl_mark_kinds[0];
