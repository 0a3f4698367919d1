/*
 * tense.c - the tense cues of a sentence, for the normalizer: a table of
 * words that mark past or future ("said", "will", "expected"...), the
 * nearest cue right before a span (local_tense), when there is none and the
 * span opens its sentence the first cue after it (the main clause's verb),
 * and otherwise the majority of the cues of the sentence. tl_tense_scan()
 * reads the sentence around one span; a tl_tense_index answers the spans of a
 * text in order and remembers the sentence of the previous span, so that finding
 * the sentence of the next one reads only the text in between;
 * tl_tense_index_local() answers only from the cue before a span. The index owns no
 * memory (tl_tense_index_new allocates the index itself); the text is borrowed.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define HAVE_SSE2 1
#endif

#include "tense.h"

/* What each byte may be for the rules: an ASCII letter, the apostrophe of "they'll",
 * a clause boundary, a character that may end a sentence (ends_before, ends_at). */
enum { C_LETTER = 1, C_APOS = 2, C_CLAUSE = 4, C_STOP = 8 };
static const unsigned char CLASS[256] = {
    ['A'] = C_LETTER, ['B'] = C_LETTER, ['C'] = C_LETTER, ['D'] = C_LETTER, ['E'] = C_LETTER,
    ['F'] = C_LETTER, ['G'] = C_LETTER, ['H'] = C_LETTER, ['I'] = C_LETTER, ['J'] = C_LETTER,
    ['K'] = C_LETTER, ['L'] = C_LETTER, ['M'] = C_LETTER, ['N'] = C_LETTER, ['O'] = C_LETTER,
    ['P'] = C_LETTER, ['Q'] = C_LETTER, ['R'] = C_LETTER, ['S'] = C_LETTER, ['T'] = C_LETTER,
    ['U'] = C_LETTER, ['V'] = C_LETTER, ['W'] = C_LETTER, ['X'] = C_LETTER, ['Y'] = C_LETTER,
    ['Z'] = C_LETTER, ['a'] = C_LETTER, ['b'] = C_LETTER, ['c'] = C_LETTER, ['d'] = C_LETTER,
    ['e'] = C_LETTER, ['f'] = C_LETTER, ['g'] = C_LETTER, ['h'] = C_LETTER, ['i'] = C_LETTER,
    ['j'] = C_LETTER, ['k'] = C_LETTER, ['l'] = C_LETTER, ['m'] = C_LETTER, ['n'] = C_LETTER,
    ['o'] = C_LETTER, ['p'] = C_LETTER, ['q'] = C_LETTER, ['r'] = C_LETTER, ['s'] = C_LETTER,
    ['t'] = C_LETTER, ['u'] = C_LETTER, ['v'] = C_LETTER, ['w'] = C_LETTER, ['x'] = C_LETTER,
    ['y'] = C_LETTER, ['z'] = C_LETTER, ['\''] = C_APOS,  [','] = C_CLAUSE, [';'] = C_CLAUSE,
    [':'] = C_CLAUSE, ['.'] = C_STOP,   ['!'] = C_STOP,   ['?'] = C_STOP,   ['\n'] = C_STOP,
};

static unsigned class_of(char c)
{
	return CLASS[(unsigned char)c];
}

static bool is_letter(char c)
{
	return class_of(c) & C_LETTER;
}

static bool is_dig(char c)
{
	return c >= '0' && c <= '9';
}

#ifdef HAVE_SSE2
/* Bit k: p[k] of the 16 bytes at p is an ASCII letter (or, with apos, a '\''). A
 * signed compare after an offset that puts 'a'..'z' (| 0x20) at the bottom. */
static inline unsigned letters16(const char *p, bool apos)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i l = _mm_cmplt_epi8(
	    _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8((char)(0x80 - 'a'))),
	    _mm_set1_epi8((char)(-128 + 26)));
	if (apos)
		l = _mm_or_si128(l, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
	return (unsigned)_mm_movemask_epi8(l);
}
#endif

/* The end of the run of letters that goes on at s[j], b at most. Words are read
 * sixteen bytes a step where SSE2 is there. */
static size_t letters_end(const char *s, size_t j, size_t b)
{
#ifdef HAVE_SSE2
	while (b - j >= 16) {
		unsigned out = ~letters16(s + j, false) & 0xffffu;
		if (out)
			return j + (size_t)__builtin_ctz(out);
		j += 16;
	}
#endif
	while (j < b && is_letter(s[j]))
		j++;
	return j;
}

/* The start of the run of letters and apostrophes that ends at s[i - 1], a at least. */
static size_t letters_start(const char *s, size_t a, size_t i)
{
#ifdef HAVE_SSE2
	while (i - a >= 16) {
		unsigned out = ~letters16(s + i - 16, true) & 0xffffu;
		if (out)
			return i - 16 + (size_t)(32 - __builtin_clz(out));
		i -= 16;
	}
#endif
	while (i > a && (class_of(s[i - 1]) & (C_LETTER | C_APOS)))
		i--;
	return i;
}

typedef struct cue {
	const char *w;
	unsigned char len;
	signed char tense; /* 1 future, -1 past: what the word counts for in a sentence */
	bool past;         /* a past verb right before a span ("won" is both) */
} cue;

#define CUE(w, t, p)                                                                               \
	{                                                                                          \
		w, sizeof w - 1, t, p                                                              \
	}

/* Words that mark the tense of a sentence (a word ending in -ed counts as past),
 * sorted by length, then by bytes, for cue_of(). */
static const cue cues[] = {
    CUE("ll", 1, 0),        CUE("ago", -1, 1),       CUE("did", -1, 1),
    CUE("due", 1, 0),       CUE("got", -1, 1),       CUE("had", -1, 1),
    CUE("hit", -1, 1),      CUE("led", -1, 1),       CUE("may", 1, 0),
    CUE("met", -1, 1),      CUE("ran", -1, 1),       CUE("saw", -1, 1),
    CUE("was", -1, 1),      CUE("won", 1, 1),        CUE("came", -1, 1),
    CUE("drew", -1, 1),     CUE("fell", -1, 1),      CUE("felt", -1, 1),
    CUE("flew", -1, 1),     CUE("gave", -1, 1),      CUE("grew", -1, 1),
    CUE("held", -1, 1),     CUE("knew", -1, 1),      CUE("last", -1, 1),
    CUE("left", -1, 1),     CUE("lost", -1, 1),      CUE("made", -1, 1),
    CUE("next", 1, 0),      CUE("paid", -1, 1),      CUE("plan", 1, 0),
    CUE("quit", -1, 1),     CUE("rang", -1, 1),      CUE("rose", -1, 1),
    CUE("said", -1, 1),     CUE("sent", -1, 1),      CUE("shot", -1, 1),
    CUE("sold", -1, 1),     CUE("told", -1, 1),      CUE("took", -1, 1),
    CUE("went", -1, 1),     CUE("were", -1, 1),      CUE("will", 1, 0),
    CUE("wore", -1, 1),     CUE("began", -1, 1),     CUE("broke", -1, 1),
    CUE("chose", -1, 1),    CUE("could", 1, 0),      CUE("found", -1, 1),
    CUE("froze", -1, 1),    CUE("going", 1, 0),      CUE("might", 1, 0),
    CUE("plans", 1, 0),     CUE("shall", 1, 0),      CUE("spent", -1, 1),
    CUE("spoke", -1, 1),    CUE("stood", -1, 1),     CUE("swore", -1, 1),
    CUE("threw", -1, 1),    CUE("would", 1, 0),      CUE("wrote", -1, 1),
    CUE("became", -1, 1),   CUE("bought", -1, 1),    CUE("fought", -1, 1),
    CUE("struck", -1, 1),   CUE("taught", -1, 1),    CUE("brought", -1, 1),
    CUE("earlier", -1, 1),  CUE("expects", 1, 0),    CUE("intends", 1, 0),
    CUE("thought", -1, 1),  CUE("expected", 1, 0),   CUE("reported", -1, 1),
    CUE("tomorrow", 1, 0),  CUE("upcoming", 1, 0),   CUE("announced", -1, 1),
    CUE("scheduled", 1, 0), CUE("yesterday", -1, 1), CUE("understood", -1, 1),
};

/* The hash of a lower-case word, one letter at a time, and its first slot. */
#define HASH_STEP(h, c) ((h)*33u + (unsigned char)(c))
#define SLOTS 256

static unsigned slot_of(unsigned h)
{
	return (h ^ (h >> 8)) & (SLOTS - 1);
}

/* 1 + the index in cues[] of the cue whose hash leads to this slot (open
 * addressing, next slot on a collision), 0 for an empty slot. Generated from
 * cues[]; slots_agree() checks it in debug builds: regenerate it whenever cues[]
 * changes. */
static const unsigned char cue_slot[SLOTS] = {
    64, 18, 52, 0,  0,  0,  0,  0,  0,  17, 0,  0,  0,  8,  68, 0, 11, 35, 0,  0,  0,  0,  42, 0,
    21, 0,  0,  0,  0,  48, 0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 0,  0,  0,  0,  13, 0,  5,  41,
    24, 28, 61, 0,  0,  0,  0,  0,  73, 45, 0,  44, 0,  0,  66, 0, 0,  0,  26, 0,  0,  0,  32, 0,
    0,  19, 59, 0,  0,  56, 0,  0,  0,  0,  0,  0,  0,  0,  1,  0, 27, 0,  0,  0,  0,  0,  58, 39,
    0,  0,  15, 0,  20, 0,  4,  36, 0,  0,  0,  0,  0,  72, 0,  0, 0,  0,  0,  0,  0,  31, 43, 0,
    23, 0,  57, 9,  0,  0,  0,  51, 60, 0,  54, 0,  0,  0,  0,  0, 0,  30, 6,  0,  0,  0,  0,  0,
    55, 0,  0,  0,  0,  0,  0,  0,  78, 0,  16, 34, 0,  0,  22, 0, 47, 0,  0,  40, 77, 0,  0,  0,
    0,  0,  0,  0,  0,  7,  76, 0,  0,  0,  0,  50, 65, 0,  70, 0, 0,  0,  0,  0,  0,  0,  0,  0,
    0,  0,  75, 0,  0,  0,  0,  0,  49, 0,  74, 0,  0,  0,  0,  0, 0,  63, 0,  0,  0,  0,  0,  0,
    0,  0,  46, 0,  0,  12, 71, 25, 53, 0,  0,  0,  37, 0,  3,  0, 0,  0,  29, 69, 0,  0,  0,  67,
    62, 38, 0,  33, 0,  0,  0,  0,  0,  0,  0,  10, 14, 2,  0,  0,
};

/* The number of each ASCII letter in the alphabet, 1 for 'a' or 'A'; 0 for other bytes. */
static const unsigned char LETTER_NO[256] = {
    ['A'] = 1,  ['B'] = 2,  ['C'] = 3,  ['D'] = 4,  ['E'] = 5,  ['F'] = 6,  ['G'] = 7,  ['H'] = 8,
    ['I'] = 9,  ['J'] = 10, ['K'] = 11, ['L'] = 12, ['M'] = 13, ['N'] = 14, ['O'] = 15, ['P'] = 16,
    ['Q'] = 17, ['R'] = 18, ['S'] = 19, ['T'] = 20, ['U'] = 21, ['V'] = 22, ['W'] = 23, ['X'] = 24,
    ['Y'] = 25, ['Z'] = 26, ['a'] = 1,  ['b'] = 2,  ['c'] = 3,  ['d'] = 4,  ['e'] = 5,  ['f'] = 6,
    ['g'] = 7,  ['h'] = 8,  ['i'] = 9,  ['j'] = 10, ['k'] = 11, ['l'] = 12, ['m'] = 13, ['n'] = 14,
    ['o'] = 15, ['p'] = 16, ['q'] = 17, ['r'] = 18, ['s'] = 19, ['t'] = 20, ['u'] = 21, ['v'] = 22,
    ['w'] = 23, ['x'] = 24, ['y'] = 25, ['z'] = 26};

/* For each length n and first letter f (LETTER_NO), the last letters of the cues
 * that start so (bit LETTER_NO): most words are turned down with one lookup before
 * they are hashed. Generated from cues[]; slots_agree() checks it with cue_slot. */
static const uint32_t cue_ends[11][27] = {
    [2] = {[12] = 0x1000},
    [3] = {[1] = 0x8000,
           [4] = 0x30,
           [7] = 0x100000,
           [8] = 0x100010,
           [12] = 0x10,
           [13] = 0x2100000,
           [18] = 0x4000,
           [19] = 0x800000,
           [23] = 0x84000},
    [4] = {[3] = 0x20,
           [4] = 0x800000,
           [6] = 0x901000,
           [7] = 0x800020,
           [8] = 0x10,
           [11] = 0x800000,
           [12] = 0x100000,
           [13] = 0x20,
           [14] = 0x100000,
           [16] = 0x4010,
           [17] = 0x100000,
           [18] = 0xa0,
           [19] = 0x100010,
           [20] = 0x810,
           [23] = 0x101020},
    [5] = {[2] = 0x4020,
           [3] = 0x30,
           [6] = 0x30,
           [7] = 0x80,
           [13] = 0x100000,
           [16] = 0x80000,
           [19] = 0x101030,
           [20] = 0x800000,
           [23] = 0x30},
    [6] = {[2] = 0x100020, [6] = 0x100000, [19] = 0x800, [20] = 0x100000},
    [7] = {[2] = 0x100000, [5] = 0xc0000, [9] = 0x80000, [20] = 0x100000},
    [8] = {[5] = 0x10, [18] = 0x10, [20] = 0x800000, [21] = 0x80},
    [9] = {[1] = 0x10, [19] = 0x10, [25] = 0x2000000},
    [10] = {[21] = 0x10},
};

/* False when w[0..n) is surely no cue: no cue has its length, first and last letters. */
static bool may_be_cue(const char *w, size_t n)
{
	if (n - 2 > 8) /* n < 2 or n > 10, in one test: no cue is that long */
		return false;
	unsigned f = LETTER_NO[(unsigned char)w[0]], l = LETTER_NO[(unsigned char)w[n - 1]];
	return cue_ends[n][f] >> l & 1;
}

/* The cue spelled by the n characters w[0..n) (either case), or NULL. */
static const cue *cue_of(const char *w, size_t n)
{
	if (!may_be_cue(w, n))
		return NULL;
	unsigned h = 0;
	for (size_t k = 0; k < n; k++)
		h = HASH_STEP(h, w[k] | 0x20);
	for (unsigned at = slot_of(h); cue_slot[at]; at = (at + 1) & (SLOTS - 1)) {
		const cue *cu = &cues[cue_slot[at] - 1];
		if (cu->len != n)
			continue;
		size_t k = 0;
		while (k < n && (char)(w[k] | 0x20) == cu->w[k])
			k++;
		if (k == n)
			return cu;
	}
	return NULL;
}

#ifndef NDEBUG
static bool slots_agree(void)
{
	size_t used = 0;
	for (size_t k = 0; k < SLOTS; k++)
		used += cue_slot[k] != 0;
	for (size_t k = 0; k < sizeof cues / sizeof cues[0]; k++)
		if (cue_of(cues[k].w, cues[k].len) != &cues[k])
			return false;
	return used == sizeof cues / sizeof cues[0];
}
#endif

/*
 * The tense the nearest verb-like cue before the span gives, looking back at
 * most LOCAL_WORDS words within the clause (LOCAL_WORDS_WILL for "will",
 * "shall", "until", which return 2: sure future): "would", "is", "by", an
 * infinitive "to" ("is scheduled to close Monday") read as future (1); a past
 * cue or a word in -ed as past (-1). 0 when no cue is near.
 */
#define LOCAL_WORDS 8
#define LOCAL_WORDS_WILL 16

/* The word that ends right before s[i] (within s[a..i)), lower-cased into w (at most
 * cap - 1 letters); *at receives its start. */
static void word_before(const char *s, size_t a, size_t i, char *w, size_t cap, size_t *at)
{
	while (i > a && s[i - 1] == ' ')
		i--;
	size_t j = i;
	while (j > a && is_letter(s[j - 1]))
		j--;
	size_t n = i - j < cap - 1 ? i - j : 0;
	for (size_t k = 0; k < n; k++)
		w[k] = (char)(s[j + k] | 0x20);
	w[n] = '\0';
	*at = j;
}

/* True when the "to" ending at s[j] starts an infinitive: a lower-case word that is
 * not a determiner follows ("to close", not "to the", "to NATO", "to death"). */
static bool infinitive(const char *s, size_t j)
{
	static const char *const not_verbs[] = {"the ", "a ",     "an ",   "his ",  "her ",
	                                        "its ", "their ", "this ", "that ", "death "};
	while (s[j] == ' ')
		j++;
	if (s[j] < 'a' || s[j] > 'z')
		return false;
	for (size_t k = 0; k < sizeof not_verbs / sizeof not_verbs[0]; k++)
		if (!strncmp(s + j, not_verbs[k], strlen(not_verbs[k])))
			return false;
	return true;
}

/* True when the n characters w[0..n) spell lit, a lower-case word of m characters, in
 * either case. The words of the rules are read in place, never copied. */
static bool spells(const char *w, size_t n, const char *lit, size_t m)
{
	if (n != m)
		return false;
	for (size_t k = 0; k < m; k++)
		if ((char)(w[k] | 0x20) != lit[k])
			return false;
	return true;
}
#define SPELLS(w, n, lit) spells(w, n, lit, sizeof lit - 1)

/* For each length n, the first letters (bit LETTER_NO, bit 0 for the apostrophe of
 * "'ll") of the words local_tense() spells out before it looks for a cue: "will",
 * "'ll", "shall", "until", "had", the scheduled verbs (scheduled_verb(), with their
 * -s), "would", "soon", "is", "are", "to", the deadline words and "scheduled",
 * "planned", "expected". A word whose bit is clear is none of them, and goes
 * straight to the cue table (~60 instructions a word spared). special_agree()
 * checks it in debug builds: keep it in step with those words. */
#define LB(c) (1u << ((c) - 'a' + 1))
static const uint32_t special_first[13] = {
    [2] = LB('i') | LB('t') | LB('b'),
    [3] = 1u | LB('h') | LB('a'),
    [4] = LB('w') | LB('s') | LB('m') | LB('o') | LB('v'),
    [5] = LB('s') | LB('u') | LB('w') | LB('b') | LB('m') | LB('o') | LB('v'),
    [6] = LB('a') | LB('b') | LB('e') | LB('r') | LB('s') | LB('t') | LB('v'),
    [7] = LB('t') | LB('p') | LB('a') | LB('e') | LB('r'),
    [8] = LB('e'),
    [9] = LB('e') | LB('s'),
};
#undef LB

/* False when w[0..n) (n <= 12, either case) is surely none of the words above. */
static bool may_be_special(const char *w, size_t n)
{
	return special_first[n] >> LETTER_NO[(unsigned char)w[0]] & 1;
}

/* True when the "had" ending at s[j] leads a pluperfect verb group: "been" or a
 * word in -ed follows ("had been due to", "had planned to"), within s[..end). */
static bool pluperfect(const char *s, size_t j, size_t end)
{
	while (j < end && s[j] == ' ')
		j++;
	size_t k = j;
	while (k < end && is_letter(s[k]))
		k++;
	return SPELLS(s + j, k - j, "been") ||
	       (k - j > 3 && s[k - 1] == 'd' && s[k - 2] == 'e' && s[j] >= 'a' && s[j] <= 'z');
}

/* A preposition that sets a deadline or a start: "by February", "through
 * January", "effective Feb. 1" (right before the date). */
static bool deadline_word(const char *w, size_t n)
{
	return SPELLS(w, n, "by") || SPELLS(w, n, "through") || SPELLS(w, n, "effective");
}

/* A present-tense verb of a scheduled event ("Arafat meet separately Monday",
 * "the offer expires Friday"): the event is still to come. */
static bool scheduled_verb(const char *w, size_t n)
{
	/* by first letter: "vote" and "visit" share theirs */
	static const char *const verbs[26] = {
	    ['a' - 'a'] = "arrive", ['b' - 'a'] = "begin",  ['e' - 'a'] = "expire",
	    ['m' - 'a'] = "meet",   ['o' - 'a'] = "open",   ['r' - 'a'] = "resume",
	    ['s' - 'a'] = "start",  ['t' - 'a'] = "travel", ['v' - 'a'] = "vote",
	};
	if (n < 4 || n > 7)
		return false;
	unsigned f = (unsigned)(w[0] | 0x20) - 'a';
	if (f >= 26 || !verbs[f])
		return false;
	const char *v = f == 'v' - 'a' && (w[1] | 0x20) == 'i' ? "visit" : verbs[f];
	size_t m = strlen(v);
	return (n == m || (n == m + 1 && (w[m] | 0x20) == 's')) && spells(w, m, v, m);
}

/* Words in -ed that are not past verbs: "succeed", "proceed", "need", "indeed". */
static bool not_past_ed(const char *w, size_t n)
{
	return (n >= 4 && SPELLS(w + n - 4, 4, "ceed")) || SPELLS(w, n, "need") ||
	       SPELLS(w, n, "indeed") || SPELLS(w, n, "speed");
}

/* True when the participle starting at s[i] follows "will/would/shall/to be": a
 * passive whose time is still to come ("to be completed by", "will be paid"). */
static bool after_be(const char *s, size_t a, size_t i)
{
	char w[8];
	size_t at;
	word_before(s, a, i, w, sizeof w, &at);
	if (strcmp(w, "be") != 0)
		return false;
	word_before(s, a, at, w, sizeof w, &at);
	if (!strcmp(w, "still") || !strcmp(w, "also") || !strcmp(w, "then"))
		word_before(s, a, at, w, sizeof w, &at);
	return !strcmp(w, "will") || !strcmp(w, "would") || !strcmp(w, "shall") ||
	       !strcmp(w, "to") || !strcmp(w, "ll");
}

/*
 * True when the word that ends right before s[i] is a title or "vs.", which a
 * name always follows: "Mr. Smith", "Gen. Powell", "Roe vs. Wade" (never the end
 * of a sentence).
 */
static bool title_abbreviation(const char *s, size_t i)
{
	static const struct {
		char w[7];
		unsigned char n;
	} titles[] = {{"mr", 2},  {"mrs", 3},  {"ms", 2},   {"dr", 2},    {"gen", 3},
	              {"gov", 3}, {"sen", 3},  {"rep", 3},  {"lt", 2},    {"col", 3},
	              {"sgt", 3}, {"capt", 4}, {"maj", 3},  {"adm", 3},   {"vs", 2},
	              {"rev", 3}, {"prof", 4}, {"cmdr", 4}, {"messrs", 6}};
	size_t j = i;
	while (j > 0 && i - j < 7 && is_letter(s[j - 1]))
		j--;
	size_t n = i - j;
	if (n < 2 || n > 6 ||
	    (j > 0 && (is_letter(s[j - 1]) || is_dig(s[j - 1]) || s[j - 1] == '.')))
		return false;
	if (s[j] >= 'a' && s[j] != 'v')
		return false; /* titles are capitalized; only "vs." is not */
	char f = (char)(s[j] | 0x20);
	for (size_t k = 0; k < sizeof titles / sizeof titles[0]; k++)
		if (titles[k].n == n && titles[k].w[0] == f && spells(s + j, n, titles[k].w, n))
			return true;
	return false;
}

/*
 * True when s[i] ends a sentence: "!", "?", or a "." that is not part of an
 * abbreviation ("U.S. officials", "a.m.", "Sept. 30": a single letter before the
 * stop, a comma after it, or a lower-case word or a number after it; "Mr.
 * Smith", "Roe vs. Wade": a title before it).
 */
static bool sentence_end(const char *s, size_t len, size_t i)
{
	if (s[i] == '!' || s[i] == '?')
		return true;
	if (s[i] != '.')
		return false;
	if (i > 0 && is_letter(s[i - 1]) && (i == 1 || !is_letter(s[i - 2])))
		return false; /* "U.S.", "a.m.", "Gen. J. Smith" */
	size_t j = i + 1;
	if (j < len && (s[j] == ',' || s[j] == ';'))
		return false; /* "Birmingham, Ala., killed": the clause goes on */
	while (j < len && s[j] == ' ')
		j++;
	if (j < len && j > i + 1 && ((s[j] >= 'a' && s[j] <= 'z') || is_dig(s[j])))
		return false;
	return !(i > 1 && is_letter(s[i - 1]) && title_abbreviation(s, i));
}

/* What the word s[i..j) adds to the counts of the sentence: a cue, and a past
 * verb when it is a lower-case word in -ed. Longer words count for nothing. */
#define WORD_MAX 12
static void word_counts(const char *s, size_t i, size_t j, int *fut, int *pst)
{
	size_t n = j - i;
	if (n > WORD_MAX)
		return;
	const cue *cu = cue_of(s + i, n);
	if (cu) {
		/* a cue counts once, for its own tense: "scheduled", "expected" are
		 * future cues, not past verbs in -ed */
		if (cu->tense > 0)
			(*fut)++;
		else
			(*pst)++;
		return;
	}
	/* a lower-case word ending in -ed reads as a past verb */
	if (n > 3 && s[j - 1] == 'd' && s[j - 2] == 'e' && s[i] >= 'a' && !not_past_ed(s + i, n))
		(*pst)++;
}

/* False when word_counts() surely adds nothing for the word s[i..j): a quick test
 * that spares most words the call. */
static bool may_count(const char *s, size_t i, size_t j)
{
	return may_be_cue(s + i, j - i) || (j - i > 3 && s[j - 1] == 'd');
}

/* The sentence stops before s[p] going back ... */
static bool ends_before(const char *s, size_t len, size_t p)
{
	return sentence_end(s, len, p) || (s[p] == '\n' && p > 0 && s[p - 1] == '\n');
}

/* ... and at s[q] going forward: a full stop, or a blank line. */
static bool ends_at(const char *s, size_t len, size_t q)
{
	return sentence_end(s, len, q) || (s[q] == '\n' && q + 1 < len && s[q + 1] == '\n');
}

/* ends_at(), quick for the characters that cannot end a sentence. */
static bool stop_at(const char *s, size_t len, size_t q)
{
	return (class_of(s[q]) & C_STOP) && ends_at(s, len, q);
}

/* The a of local_tense() is either the start of the sentence or only the reach of
 * the scan (tl_tense_index): then the sentence end it may meet before a is where
 * it stops, as if it were a, and *sent receives the position after it (else
 * SIZE_MAX). When it returns 0, *low receives the lowest position it read: no
 * sentence end lies in s[*low..start). */
static int local_tense(const char *s, size_t len, size_t a, size_t start, size_t *sent, size_t *low)
{
	size_t i = start;
	*sent = SIZE_MAX;
	int likely = 0; /* a likely future seen: only "will", "shall", "until" may still say more */
	for (int words = 0; words < LOCAL_WORDS_WILL && i > a;) {
		unsigned c;
		while (i > a && !((c = class_of(s[i - 1])) & C_LETTER)) {
			if (c & C_CLAUSE) {
				*low = i;
				return likely; /* a clause boundary: too far */
			}
			if ((c & C_STOP) && ends_before(s, len, i - 1)) {
				a = *sent = i; /* the sentence starts here: read no further */
				break;
			}
			i--;
		}
		size_t j = i;
		i = letters_start(s, a, i);
		if (i == j)
			break;
		words++;
		const char *w = s + i; /* in either case */
		size_t n = j - i;
		if (n > 12)
			continue;
		bool special = may_be_special(w, n);
		if (special && (SPELLS(w, n, "will") || SPELLS(w, n, "'ll") ||
		                SPELLS(w, n, "shall") || (n == 5 && !memcmp(w, "until", 5))))
			return 2; /* a future auxiliary or a deadline: sure */
		if (special && likely && words <= LOCAL_WORDS && SPELLS(w, n, "had") &&
		    pluperfect(s, j, start))
			return -1; /* "had been due to expire Friday": a plan of the past */
		if (words > LOCAL_WORDS || likely)
			continue; /* further back, or after a likely future, only those count */
		if (special && words <= 2 && scheduled_verb(w, n)) {
			/* "will meet in January" is sure, "meet Monday" likely */
			char v[8];
			size_t at;
			word_before(s, a, i, v, sizeof v, &at);
			if (!strcmp(v, "will") || !strcmp(v, "shall") || !strcmp(v, "ll"))
				return 2;
			likely = 1;
			continue;
		}
		if (special &&
		    (SPELLS(w, n, "would") || SPELLS(w, n, "soon") || SPELLS(w, n, "is") ||
		     (words == 1 && deadline_word(w, n)) || SPELLS(w, n, "are") ||
		     (SPELLS(w, n, "to") && words > 1 && infinitive(s, j)) ||
		     SPELLS(w, n, "scheduled") || SPELLS(w, n, "planned") ||
		     SPELLS(w, n, "expected"))) {
			/* "will almost double its flights by August": a "will" further back in
			 * the clause still makes it sure */
			likely = 1;
			continue;
		}
		const cue *cu = may_be_cue(w, n) ? cue_of(w, n) : NULL;
		bool past = cu && cu->past;
		/* a lower-case word in -ed is a past verb ("United" is a name, "unspecified"
		 * an adjective) */
		if (n > 3 && (w[n - 1] | 0x20) == 'd' && (w[n - 2] | 0x20) == 'e' && s[i] >= 'a' &&
		    s[i] <= 'z' && !SPELLS(w, 2, "un") && !not_past_ed(w, n))
			past = true;
		if (past)
			return after_be(s, a, i) ? 1 : -1; /* "will be paid Dec. 14": a passive */
	}
	*low = i;
	return likely;
}

/* The sentence reaches at most SENTENCE_REACH bytes before and after the span. */
#define SENTENCE_REACH 200

/* The tense from the nearest cue (local) or else the counts of the sentence. */
static int decide(int local, int fut, int pst)
{
	if (local == 2)
		return 3;
	if (local != 0)
		return 2 * local;
	if (fut > pst)
		return 1;
	if (pst > 0)
		return -1;
	return 0;
}

/* True when the word at s[i] opens a subordinate clause ("when", "as", "after"...). */
static bool subordinator(const char *s, size_t i, size_t b)
{
	static const char *const words[] = {"when",    "while", "as",     "after",    "before",
	                                    "because", "if",    "though", "although", "since",
	                                    "which",   "who",   "where",  "until"};
	size_t j = i;
	while (j < b && is_letter(s[j]))
		j++;
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		size_t n = strlen(words[k]);
		if (j - i == n && !strncmp(s + i, words[k], n))
			return true;
	}
	return false;
}

/*
 * A span that opens its sentence ("On Tuesday, the league plans to...", "Late
 * Friday, police said..."), with at most OPENING_WORDS words before it, takes
 * the tense of the main clause: the first cue after it. 0 when the span does
 * not open the sentence or no cue follows it.
 */
#define OPENING_WORDS 2
/* b is the end of the sentence or only the reach of the scan (tl_tense_index):
 * then the first sentence end at or after end is where it stops, as if it were b,
 * and *b is lowered to it when it reads that far. */
static int opening_tense(const char *s, size_t len, size_t a, size_t *b, size_t start, size_t end)
{
	int words = 0;
	for (size_t i = a; i < start && words <= OPENING_WORDS; i++)
		if (is_letter(s[i]) && (i == a || !is_letter(s[i - 1])))
			words++;
	if (words > OPENING_WORDS)
		return 0;
	size_t i = end, e = *b;
	while (i < e && !is_letter(s[i])) {
		if (stop_at(s, len, i))
			e = i;
		else
			i++;
	}
	if (subordinator(s, i, e)) {
		/* "On Friday, when Albright set aside vacation plans for the trip, the
		 * department lifted...": the main clause starts after the comma */
		while (i < e && s[i] != ',') {
			if (stop_at(s, len, i))
				e = i;
			else
				i++;
		}
	}
	int tense = 0;
	while (i < e && tense == 0) {
		if (!is_letter(s[i])) {
			if (stop_at(s, len, i))
				e = i;
			else
				i++;
			continue;
		}
		size_t j = letters_end(s, i + 1, e);
		int fut = 0, pst = 0;
		if (may_count(s, i, j))
			word_counts(s, i, j, &fut, &pst);
		if (fut != pst)
			tense = fut > pst ? 1 : -1;
		i = j;
	}
	*b = e;
	return tense;
}

/* The counts of the words of the sentence s[a..b) outside the span s[start..end): a word
 * that a or b cuts counts for its part inside. When b is only the reach of the scan
 * (tl_tense_index), the sentence ends at the first sentence end at or after end. */
static void sentence_counts(const char *s, size_t len, size_t a, size_t b, size_t start, size_t end,
                            int *fut, int *pst)
{
	size_t i = a;
	while (i < b) {
		if (!is_letter(s[i])) {
			if (i >= end && stop_at(s, len, i))
				break;
			i++;
			continue;
		}
		size_t j = letters_end(s, i + 1, b);
		if ((i < start || i >= end) && may_count(s, i, j)) /* not the span's own words */
			word_counts(s, i, j, fut, pst);
		i = j;
	}
}

/* The tense of the sentence that starts at s[a] when no cue is near the span: the
 * first cue after a span that opens it, else the majority of its cues. The sentence
 * ends at b or at the first sentence end at or after the span. */
static int sentence_tense(const char *s, size_t len, size_t a, size_t b, size_t start, size_t end)
{
	int open = opening_tense(s, len, a, &b, start, end);
	if (open != 0)
		return open;
	int fut = 0, pst = 0;
	sentence_counts(s, len, a, b, start, end, &fut, &pst);
	return decide(0, fut, pst);
}

int tl_tense_scan(const char *s, size_t len, size_t start, size_t end)
{
	/* the sentence: back to the last full stop or blank line, forward likewise */
	size_t a = start, b = end;
	while (a > 0 && start - a < SENTENCE_REACH && !ends_before(s, len, a - 1))
		a--;
	while (b < len && b - end < SENTENCE_REACH && !ends_at(s, len, b))
		b++;
	size_t sent, low;
	int local = local_tense(s, len, a, start, &sent, &low);
	if (local != 0)
		return decide(local, 0, 0);
	return sentence_tense(s, len, a, b, start, end);
}

/* ---- the index ---- */

#ifndef NDEBUG
/* Every word local_tense() spells out has its bit in special_first. */
static bool special_agree(void)
{
	static const char *const words[] = {
	    "will",    "'ll",    "shall",   "until",   "had",     "would",   "soon",
	    "is",      "are",    "to",      "by",      "through", "effective", "scheduled",
	    "planned", "expected", "arrive", "arrives", "begin",  "begins",  "expire",
	    "expires", "meet",   "meets",   "open",    "opens",   "resume",  "resumes",
	    "start",   "starts", "travel",  "travels", "vote",    "votes",   "visit",
	    "visits"};
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		size_t n = strlen(words[k]);
		if (!may_be_special(words[k], n))
			return false;
		char up[16];
		for (size_t i = 0; i < n; i++)
			up[i] = (char)(words[k][i] >= 'a' ? words[k][i] - 32 : words[k][i]);
		if (!may_be_special(up, n))
			return false;
	}
	return true;
}
#endif

void tl_tense_index_init(tl_tense_index *ix, const char *s, size_t len)
{
	assert(slots_agree());
	assert(special_agree());
	*ix = (tl_tense_index){s, len, false, 0, 0};
}

tl_tense_index *tl_tense_index_new(const char *s, size_t len)
{
	tl_tense_index *ix = malloc(sizeof *ix);
	if (ix)
		tl_tense_index_init(ix, s, len);
	return ix;
}

void tl_tense_index_free(tl_tense_index *ix)
{
	free(ix);
}

/* The last p in [lo, i) with ends_before(p); SIZE_MAX when none. */
static size_t stop_before(const char *s, size_t len, size_t lo, size_t i)
{
	while (i > lo) {
		i--;
		if ((class_of(s[i]) & C_STOP) && ends_before(s, len, i))
			return i;
	}
	return SIZE_MAX;
}

int tl_tense_index_at(tl_tense_index *ix, size_t start, size_t end)
{
	if (!ix || end < start || end > ix->len)
		return ix ? tl_tense_scan(ix->s, ix->len, start, end) : 0;
	const char *s = ix->s;
	size_t len = ix->len;
	size_t lo = start > SENTENCE_REACH ? start - SENTENCE_REACH : 0;
	size_t hi = len - end > SENTENCE_REACH ? end + SENTENCE_REACH : len;

	/* the cue right before the span, read back to the sentence's start at most,
	 * which local_tense meets on its way: most spans need no more */
	size_t sent, low;
	int local = local_tense(s, len, lo, start, &sent, &low);
	if (local != 0)
		return decide(local, 0, 0);

	/* the sentence's start, as tl_tense_scan finds it, reading only the text that
	 * neither local_tense nor an earlier span tells about: no sentence end lies
	 * in [low, start) or in [ix->a, ix->start) */
	size_t a = sent;
	if (a == SIZE_MAX) {
		bool after = ix->any && ix->start > lo && ix->start <= start;
		size_t floor = after ? ix->start : lo;
		size_t p = floor < low ? stop_before(s, len, floor, low) : SIZE_MAX;
		a = p != SIZE_MAX ? p + 1 : after && ix->a > lo ? ix->a : lo;
	}
	*ix = (tl_tense_index){s, len, true, start, a};

	/* its end: opening_tense and sentence_counts stop at it on their way */
	return sentence_tense(s, len, a, hi, start, end);
}

int tl_tense_index_local(tl_tense_index *ix, size_t start, size_t end)
{
	if (!ix || end < start || end > ix->len) {
		int t = ix ? tl_tense_scan(ix->s, ix->len, start, end) : 0;
		return t == 3 || t == 2 || t == -2 ? t : 0;
	}
	size_t lo = start > SENTENCE_REACH ? start - SENTENCE_REACH : 0;
	size_t sent, low;
	int local = local_tense(ix->s, ix->len, lo, start, &sent, &low);
	return local != 0 ? decide(local, 0, 0) : 0;
}

/* True when s[lo..start) may hold a word local_tense() answers 2 for, or the "will"
 * before a scheduled verb: each of "will", "'ll", "shall", "until" has an "ll" or an
 * "il" (either case), and local_tense() reads no further back than the last ',', ';'
 * or ':' before the span. Sixteen bytes a step where SSE2 is there. */
static bool may_hold_will(const char *s, size_t lo, size_t start)
{
	size_t i = start;
#ifdef HAVE_SSE2
	while (i >= lo + 16 && i >= 17) {
		const char *p = s + i - 16;
		__m128i v = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)p),
		                         _mm_set1_epi8(0x20));
		__m128i u = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(p - 1)),
		                         _mm_set1_epi8(0x20));
		unsigned l = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('l')));
		unsigned before = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(u, _mm_set1_epi8('l')), _mm_cmpeq_epi8(u, _mm_set1_epi8('i'))));
		/* ',' ';' ':' are themselves under | 0x20 */
		unsigned clause = (unsigned)_mm_movemask_epi8(
		    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
		                 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(';')),
		                              _mm_cmpeq_epi8(v, _mm_set1_epi8(':')))));
		unsigned hit = l & before;
		if (clause) {
			unsigned q = 31u - (unsigned)__builtin_clz(clause); /* the last one */
			return (hit >> q) != 0;
		}
		if (hit)
			return true;
		i -= 16;
	}
#endif
	for (; i > lo; i--) {
		char c = s[i - 1];
		if (c == ',' || c == ';' || c == ':')
			return false;
		if ((c | 0x20) == 'l' && i - 1 > 0 &&
		    ((s[i - 2] | 0x20) == 'l' || (s[i - 2] | 0x20) == 'i'))
			return true;
	}
	return false;
}

int tl_tense_index_will(tl_tense_index *ix, size_t start, size_t end)
{
	if (ix && end >= start && end <= ix->len) {
		size_t lo = start > SENTENCE_REACH ? start - SENTENCE_REACH : 0;
		if (!may_hold_will(ix->s, lo, start))
			return 0;
	}
	return tl_tense_index_local(ix, start, end);
}
