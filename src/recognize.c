/*
 * recognize.c - the recognizer: one pass over the words of the text, found 64
 * bytes at a time through bit masks of letters and digits, each tested against
 * the head filters of trigger_words.h (most words are turned away by their first
 * and last letters and length, most of the rest by their first two letters and
 * length) and noted in a history of the last few words; at a
 * head, the words before it are looked up in the word table (heads, starters,
 * links) and the anchored pattern of patterns.c is tried at the starters among
 * them, then at the head; then small span repairs (second day of "April 9-11",
 * determiners dropped before adjectival durations "a 90-day", "over" taken into
 * "over a week", "post-" into "post-1959"). It owns the patterns and the word
 * table; the candidate array it returns belongs to the caller, or, for a run in a
 * tl_recognize_scratch, to that scratch (reused, with the match data, by the next
 * run of the thread that owns it).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define HAVE_SSE2 1
#endif

#include "ascii.h"
#include "buf.h"
#include "error.h"
#include "recognize.h"
#include "trigger_words.h"

#define HISTORY 8       /* words remembered before a head (more than WINDOW_WORDS) */
#define WINDOW_WORDS 6  /* how far before its head an expression may start */

struct tl_recognizer {
	tl_patterns *patterns;
	tl_trigger_table words;
};

tl_recognizer *tl_recognizer_new(tl_error *err)
{
	tl_recognizer *r = calloc(1, sizeof *r);
	if (!r) {
		tl_error_nomem(err);
		return NULL;
	}
	r->patterns = tl_patterns_new(err);
	if (!r->patterns) {
		free(r);
		return NULL;
	}
	tl_trigger_table_init(&r->words);
	return r;
}

void tl_recognizer_free(tl_recognizer *r)
{
	if (!r)
		return;
	tl_patterns_free(r->patterns);
	free(r);
}

/* ASCII letters and digits (a table: the word scan tests every byte). */
static const uint8_t alnum_table[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
	['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
	['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
	['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static inline bool is_alnum(unsigned char c)
{
	return alnum_table[c];
}

/* The end of the run of ASCII letters and digits that goes on at text[i]. */
static inline size_t alnum_end(const char *t, size_t len, size_t i)
{
#ifdef HAVE_SSE2
	/* 16 bytes at a time: c - '0' < 10 or (c | 0x20) - 'a' < 26, compared unsigned
	 * through the signed compare with the sign bit flipped */
	const __m128i flip = _mm_set1_epi8((char)0x80);
	const __m128i zero = _mm_set1_epi8('0'), ten = _mm_set1_epi8((char)(10 ^ 0x80));
	const __m128i a = _mm_set1_epi8('a'), n26 = _mm_set1_epi8((char)(26 ^ 0x80));
	const __m128i lower = _mm_set1_epi8(0x20);
	while (len - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i d = _mm_xor_si128(_mm_sub_epi8(v, zero), flip);
		__m128i l = _mm_xor_si128(_mm_sub_epi8(_mm_or_si128(v, lower), a), flip);
		__m128i in = _mm_or_si128(_mm_cmplt_epi8(d, ten), _mm_cmplt_epi8(l, n26));
		unsigned out = ~(unsigned)_mm_movemask_epi8(in) & 0xffffu;
		if (out)
			return i + (size_t)__builtin_ctz(out);
		i += 16;
	}
#endif
	while (i < len && is_alnum((unsigned char)t[i]))
		i++;
	return i;
}

/* The index of the highest set bit of m, which must not be 0. */
static inline unsigned clz64(uint64_t m)
{
#if defined(__GNUC__)
	return (unsigned)__builtin_clzll(m);
#else
	unsigned k = 0;
	while (!(m >> 63)) {
		m <<= 1;
		k++;
	}
	return k;
#endif
}

/*
 * 64 bytes of the text at a time, as bit masks (bit k for text[base + k]; none past
 * limit): the word scan finds each word's start and end with a count of zero bits
 * instead of a look at every byte. A word that runs into the last byte of the block
 * may go on past it: the block ends before it (limit), and the next one starts with it,
 * unless it fills the whole block (then open has its bits, and it is read apart).
 */
typedef struct scan_block {
	size_t base, limit;
	uint64_t start;   /* ASCII letters and digits and '\'' (where the scan stops) */
	uint64_t special; /* digits and '\'' (words that are not letters first) */
	uint64_t first;   /* those of start that follow no letter or digit: where the next
	                   * word begins after one that ends in the block */
	uint64_t last;    /* the last letter or digit of each run, and bit 63: a count of
	                   * zero bits from a word's start gives its length */
	uint64_t open;    /* a run of letters and digits that fills the block, or 0 */
} scan_block;

/* The block of the text at at (< len). */
static inline scan_block block_at(const char *t, size_t len, size_t at)
{
	size_t n = len - at < 64 ? len - at : 64;
	const char *p = t + at;
	char pad[64];
	if (n < 64) {
		memset(pad, 0, sizeof pad); /* NUL: neither a letter, a digit nor '\'' */
		memcpy(pad, p, n);
		p = pad;
	}
	uint64_t word = 0, special = 0;
#ifdef HAVE_SSE2
	/* signed compares after an offset that puts the range at the bottom: a letter is
	 * (c | 0x20) + 0x80 - 'a' < -128 + 26, a digit c + 0x80 - '0' < -128 + 10 */
	const __m128i to_a = _mm_set1_epi8((char)(0x80 - 'a')), lower = _mm_set1_epi8(0x20);
	const __m128i to_0 = _mm_set1_epi8((char)(0x80 - '0')), quote = _mm_set1_epi8('\'');
	const __m128i n26 = _mm_set1_epi8((char)(-128 + 26)), n10 = _mm_set1_epi8((char)(-128 + 10));
	for (unsigned k = 0; k < 64; k += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
		__m128i l = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, lower), to_a), n26);
		__m128i d = _mm_cmplt_epi8(_mm_add_epi8(v, to_0), n10);
		__m128i x = _mm_or_si128(d, _mm_cmpeq_epi8(v, quote));
		word |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(l, d)) << k;
		special |= (uint64_t)(unsigned)_mm_movemask_epi8(x) << k;
	}
#else
	for (unsigned k = 0; k < 64; k++) {
		unsigned char c = (unsigned char)p[k];
		word |= (uint64_t)is_alnum(c) << k;
		special |= (uint64_t)(tl_is_digit(c) || c == '\'') << k;
	}
#endif
	uint64_t start = word | special;
	scan_block b = {at,
	                at + n,
	                start,
	                special,
	                start & ~(word & (word << 1)),
	                (word & ~(word >> 1)) | (UINT64_C(1) << 63),
	                0};
	/* the block ends after its last byte that is no letter or digit, when a run of
	 * them reaches its end (no bit past the text is set): without a branch, which
	 * would go either way as often */
	uint64_t gaps = ~word;
	if (gaps) {
		unsigned after = 64 - clz64(gaps); /* 64 when the last byte is a gap */
		uint64_t keep = (UINT64_C(2) << (after - 1)) - 1;
		b.limit = at + (after < n ? after : n);
		b.start &= keep;
		b.special &= keep;
		b.first &= keep;
	} else {
		b.open = ~UINT64_C(0);
	}
	return b;
}

typedef struct cand_list {
	tl_candidate *v;
	size_t n, cap;
} cand_list;

static int cand_push(cand_list *l, size_t start, size_t end, int kind, tl_error *err)
{
	if (l->n == l->cap) { /* the call only when the array is full */
		tl_candidate *v = tl_array_grow(l->v, &l->cap, l->n, 64, sizeof *v);
		if (!v)
			return tl_error_nomem(err);
		l->v = v;
	}
	l->v[l->n++] = (tl_candidate){start, end, kind};
	return TL_OK;
}

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define NOINLINE
#define ALWAYS_INLINE inline
#endif

static ALWAYS_INLINE int word_class(const tl_recognizer *r, const char *text, size_t len,
                                    size_t i, size_t *wend, tl_start *start);

/* Does the text at k start with lit (ASCII, case-insensitive)? */
static bool starts_with(const char *t, size_t len, size_t k, const char *lit)
{
	size_t n = strlen(lit);
	if (k + n > len)
		return false;
	for (size_t x = 0; x < n; x++)
		if ((char)(t[k + x] | 0x20) != lit[x])
			return false;
	return true;
}

/*
 * The class of the digit run text[i..j). TL_W_HEAD when it may start or carry a
 * date or a count of units: years (1000-2099), clock times, "4/9", "90-day",
 * "9th", "5 p.m.", "3 weeks". TL_W_STARTER when it may count a unit a few words
 * on ("5 more years", "2 1/2 hours", "10 to 15 days") or be the hour of "4 in the
 * morning". TL_W_NONE for the rest:
 * prices, decimals, thousands, percentages ("$23.25", "3,000", "2%"), which
 * also ends any expression in progress.
 */
static NOINLINE int digits_class_rest(const tl_recognizer *r, const char *t, size_t len,
                                      size_t i, size_t j);

static inline int digits_class(const tl_recognizer *r, const char *t, size_t len, size_t i,
                               size_t j)
{
	if (i > 1 && (t[i - 1] == '.' || t[i - 1] == ',') && tl_is_digit((unsigned char)t[i - 2]))
		return TL_W_NONE; /* the fraction or thousands of a number */
	if (i > 0 && t[i - 1] == '$')
		return TL_W_NONE;
	size_t n = j - i;
	if (n == 4 && (t[i] == '1' || (t[i] == '2' && t[i + 1] == '0')))
		return TL_W_HEAD;
	return digits_class_rest(r, t, len, i, j);
}

/* digits_class() of a number that is no year and follows no '$' and no number's '.' or
 * ',': what comes after it decides (out of line: the tests above, inlined, settle the
 * commonest numbers without a call). */
static NOINLINE int digits_class_rest(const tl_recognizer *r, const char *t, size_t len,
                                      size_t i, size_t j)
{
	if (j >= len)
		return TL_W_NONE;
	char c = t[j];
	bool end_next = j + 1 >= len || !is_alnum((unsigned char)t[j + 1]);
	if (c == ':' || c == '\'')
		return TL_W_HEAD;
	if (c == '/')
		return j + 1 < len && tl_is_digit((unsigned char)t[j + 1]) ? TL_W_HEAD : TL_W_NONE;
	if (c == '-') {
		size_t e;
		tl_start st;
		if (j + 1 < len && tl_is_digit((unsigned char)t[j + 1]))
			return TL_W_HEAD;
		return j + 1 < len && is_alnum((unsigned char)t[j + 1]) &&
		               word_class(r, t, len, j + 1, &e, &st) == TL_W_HEAD
		           ? TL_W_HEAD
		           : TL_W_NONE;
	}
	if (((c | 0x20) == 's' && end_next) || starts_with(t, len, j, "st") ||
	    starts_with(t, len, j, "nd") || starts_with(t, len, j, "rd") ||
	    starts_with(t, len, j, "th"))
		return TL_W_HEAD; /* "80s", "9th", "21st" */
	size_t k = j;
	if (c == '.' && k + 1 < len && tl_is_digit((unsigned char)t[k + 1])) {
		k++; /* "2.5 years" */
		while (k < len && tl_is_digit((unsigned char)t[k]))
			k++;
	}
	while (k < len && t[k] == ' ')
		k++;
	if (k >= len || k == j)
		return TL_W_NONE;
	/* the words after it that make it a head ("5 p.m.") or a starter ("5 more"),
	 * looked for by their first letter */
	switch ((unsigned char)(t[k] | 0x20)) {
	case 'a':
		if (starts_with(t, len, k, "a.m") || starts_with(t, len, k, "am "))
			return TL_W_HEAD;
		if (starts_with(t, len, k, "additional ") || starts_with(t, len, k, "and "))
			return TL_W_STARTER;
		break;
	case 'p':
		if (starts_with(t, len, k, "p.m") || starts_with(t, len, k, "pm "))
			return TL_W_HEAD;
		break;
	case 'o':
		if (starts_with(t, len, k, "o'clock"))
			return TL_W_HEAD;
		if (starts_with(t, len, k, "or "))
			return TL_W_STARTER;
		break;
	case 'm':
		if (starts_with(t, len, k, "more "))
			return TL_W_STARTER;
		break;
	case 't':
		if (starts_with(t, len, k, "to ") || starts_with(t, len, k, "trading ") ||
		    starts_with(t, len, k, "times "))
			return TL_W_STARTER;
		break;
	case 'b':
		if (starts_with(t, len, k, "business "))
			return TL_W_STARTER;
		break;
	case 'w':
		if (starts_with(t, len, k, "working "))
			return TL_W_STARTER;
		break;
	case 'i':
		if (starts_with(t, len, k, "in the "))
			return TL_W_STARTER;
		break;
	default:
		break;
	}
	if (tl_is_digit((unsigned char)t[k]) && k + 1 < len && t[k + 1] == '/')
		return TL_W_STARTER;
	if (!is_alnum((unsigned char)t[k]) || tl_is_digit((unsigned char)t[k]))
		return TL_W_NONE;
	size_t e;
	tl_start st;
	return word_class(r, t, len, k, &e, &st) == TL_W_HEAD ? TL_W_HEAD : TL_W_NONE;
}

/* The class of the word text[i..i+n) (a letter, then letters and digits); *start
 * receives its start class. */
static inline int letter_class(const tl_recognizer *r, const char *text, size_t len, size_t i,
                               size_t n, tl_start *start)
{
	int cls = tl_trigger_lookup(&r->words, text + i, n, len - i, start);
	/* "may" and "march" in lower case are the verbs */
	if (cls == TL_W_HEAD && text[i] == 'm' &&
	    ((n == 3 && (text[i + 1] | 0x20) == 'a' && (text[i + 2] | 0x20) == 'y') ||
	     (n == 5 && (text[i + 1] | 0x20) == 'a' && (text[i + 2] | 0x20) == 'r' &&
	      (text[i + 3] | 0x20) == 'c' && (text[i + 4] | 0x20) == 'h')))
		return TL_W_NONE;
	return cls;
}

/* The class of the word at text[i] (an alnum run); *wend receives its end, *start its
 * start class. */
static ALWAYS_INLINE int word_class(const tl_recognizer *r, const char *text, size_t len,
                                    size_t i, size_t *wend, tl_start *start)
{
	size_t j = i;
	if (tl_is_digit((unsigned char)text[i])) {
		*start = TL_START_DIGIT;
		while (j < len && tl_is_digit((unsigned char)text[j]))
			j++;
		*wend = j;
		return digits_class(r, text, len, i, j);
	}
	j = alnum_end(text, len, i + 1);
	*wend = j;
	return letter_class(r, text, len, i, j - i, start);
}

/* "April 9-11", "April 9 and 10": the span for the second day, or 0. */
static size_t range_second_day(const char *t, size_t len, size_t end, size_t *start)
{
	if (end == 0 || !tl_is_digit((unsigned char)t[end - 1]))
		return 0;
	size_t i = end;
	while (i < len && t[i] == ' ')
		i++;
	if (i < len && t[i] == '-')
		i++;
	else if (i + 2 < len && memcmp(t + i, "\xe2\x80\x93", 3) == 0)
		i += 3;
	else if (i + 3 < len && memcmp(t + i, "to ", 3) == 0)
		i += 3;
	else if (i + 4 < len && memcmp(t + i, "and ", 4) == 0)
		i += 4;
	else if (i + 8 < len && memcmp(t + i, "through ", 8) == 0)
		i += 8;
	else
		return 0;
	while (i < len && t[i] == ' ')
		i++;
	size_t d = i;
	int v = 0;
	while (i < len && tl_is_digit((unsigned char)t[i]) && i - d < 3)
		v = v * 10 + (t[i++] - '0');
	if (i == d || i - d > 2 || v < 1 || v > 31 ||
	    (i < len && (is_alnum((unsigned char)t[i]) || t[i] == '%' ||
	                 (t[i] == ',' && i + 1 < len && tl_is_digit((unsigned char)t[i + 1])))))
		return 0;
	*start = d;
	return i;
}

/*
 * A bare number read as a year right after a capitalized word is usually part
 * of a name ("Metro 2033", "Windows 2000"), unless that word starts the
 * sentence or is one that leads into years ("In 1998", "Fiscal 1989").
 */
static bool year_in_name(const char *t, size_t start)
{
	static const char *const ok[] = {
	    "In",     "By",      "Since",     "Until",    "Before", "After",  "During",
	    "From",   "Through", "Fiscal",    "Calendar", "Spring", "Summer", "Fall",
	    "Autumn", "Winter",  "Christmas", "Easter",   "Early",  "Late",   "Of",
	    "And",    "The",     "To",        "Between",  "Year",   "Mid",    "Through",
	    "For",    "On",      "At",        "Than",     NULL};
	if (start < 3 || t[start - 1] != ' ' || !tl_is_digit((unsigned char)t[start]))
		return false;
	size_t e = start - 1, b = e;
	while (b > 0 && is_alnum((unsigned char)t[b - 1]))
		b--;
	if (b == e || t[b] < 'A' || t[b] > 'Z')
		return false;
	for (int i = 0; ok[i]; i++)
		if (strlen(ok[i]) == e - b && memcmp(ok[i], t + b, e - b) == 0)
			return false;
	/* the first word of a sentence may be capitalized for that reason alone */
	size_t p = b;
	while (p > 0 && t[p - 1] == ' ')
		p--;
	if (p == 0 || t[p - 1] == '.' || t[p - 1] == '\n' || t[p - 1] == '"' || t[p - 1] == '!' ||
	    t[p - 1] == '?')
		return false;
	return true;
}

/*
 * "a 90-day", "the two-week", "a five year plan": a duration used as an
 * adjective keeps only the adjective (TimeML leaves the determiner to the noun).
 */
static size_t adjective_start(const char *t, size_t start, size_t end)
{
	size_t last = end;
	while (last > start && t[last - 1] != ' ' && t[last - 1] != '\n')
		last--;
	if (last == start)
		return start;
	if (memchr(t + last, '-', end - last))
		return last;
	/* "a five year": determiner, a number, a singular unit */
	size_t w2 = start;
	while (w2 < end && t[w2] != ' ')
		w2++;
	size_t n1 = w2 - start;
	bool det =
	    (n1 == 1 && (t[start] | 0x20) == 'a') ||
	    (n1 == 2 && (t[start] | 0x20) == 'a' && t[start + 1] == 'n') ||
	    (n1 == 3 && (t[start] | 0x20) == 't' && t[start + 1] == 'h' && t[start + 2] == 'e');
	if (!det || t[end - 1] == 's' || w2 + 1 >= end)
		return start;
	w2++;
	static const char *const numbers[] = {"one ",    "two ",    "three ",   "four ",  "five ",
	                                      "six ",    "seven ",  "eight ",   "nine ",  "ten ",
	                                      "eleven ", "twelve ", "fifteen ", "twenty", "thirty",
	                                      "forty",   "fifty",   "sixty",    NULL};
	bool number = tl_is_digit((unsigned char)t[w2]);
	for (int i = 0; numbers[i] && !number; i++)
		number = strncmp(t + w2, numbers[i], strlen(numbers[i])) == 0;
	if (!number)
		return start;
	static const char *const vague[] = {
	    "few ",  "couple ", "several ", "dozen ",  "half ",     "past ",
	    "last ", "next ",   "first ",   "coming ", "previous ", "following ",
	    "full ", "entire ", "whole ",   "final ",  NULL};
	for (int i = 0; vague[i]; i++)
		if (strncmp(t + w2, vague[i], strlen(vague[i])) == 0)
			return start;
	return w2;
}

/*
 * "over a week", "over an hour": before "a/an" and a unit, "over" means "more
 * than" and belongs to the duration (TimeBank and AQUAINT tag it inside, both
 * times); before a count or "the" it is a preposition ("spread over three
 * years", "over the next two years") and stays out. The new start, or start.
 */
static size_t over_start(const char *t, size_t start, size_t end)
{
	if (end - start < 4 || (t[start] | 0x20) != 'a')
		return start;
	size_t n = t[start + 1] == ' ' ? 2 : t[start + 1] == 'n' && t[start + 2] == ' ' ? 3 : 0;
	if (n == 0 || memchr(t + start + n, ' ', end - start - n) ||
	    start < 5 || (t[start - 5] | 0x20) != 'o' || memcmp(t + start - 4, "ver ", 4) != 0 ||
	    (start > 5 && is_alnum((unsigned char)t[start - 6])))
		return start;
	return start - 5;
}

/* "post-1959", "pre-1990": the prefix joins the year (TimeML: mod AFTER, BEFORE). The
 * new start, or start. */
static size_t prefix_start(const char *t, size_t start)
{
	for (size_t n = 4; n <= 5; n++) {
		if (start < n || t[start - 1] != '-' ||
		    (start > n && is_alnum((unsigned char)t[start - n - 1])))
			continue;
		const char *w = n == 5 ? "post" : "pre";
		bool same = true;
		for (size_t x = 0; x + 1 < n && same; x++)
			same = (t[start - n + x] | 0x20) == w[x];
		if (same)
			return start - n;
	}
	return start;
}

/*
 * The last HISTORY words read, by word number mod HISTORY. The scan writes where each
 * word starts and its length - 1 and nothing else (most words are no head and nothing
 * is looked up for them); a head looks back through them for the starters an
 * expression may begin at, and only then are the words before it looked up, once:
 * known[k] is the word number + 1 of the class and end kept in slot k (words that
 * begin with a digit or '\'', and those the head filter let through, have theirs kept
 * when read).
 */
typedef struct history {
	size_t pos[HISTORY];
	size_t last[HISTORY]; /* its letters and digits - 1, for a word of letters */
	size_t known[HISTORY];
	size_t run_end[HISTORY]; /* the end of its letters and digits, 0 when not known */
	unsigned char cls[HISTORY];
	unsigned char start[HISTORY];
} history;

static inline void history_keep(history *h, size_t word, size_t run_end, int cls, tl_start start)
{
	size_t k = word % HISTORY;
	h->known[k] = word + 1;
	h->run_end[k] = run_end;
	h->cls[k] = (unsigned char)cls;
	h->start[k] = (unsigned char)start;
}

/*
 * The starters a head (word number word) may be reached from, newest first, into
 * at[] (slots of h); their count. Those of the WINDOW_WORDS words before it, back to
 * the nearest ordinary word (no expression runs across one) or to the end of the last
 * match, whichever comes first; links and heads between are passed.
 */
static size_t starters_before(const tl_recognizer *r, history *h, const char *text, size_t len,
                              size_t word, size_t last_end, size_t at[WINDOW_WORDS])
{
	size_t n = 0;
	for (size_t back = 1; back <= WINDOW_WORDS && back <= word; back++) {
		size_t w = word - back, k = w % HISTORY;
		size_t pos = h->pos[k];
		if (pos < last_end)
			break;
		if (h->known[k] != w + 1) {
			/* a word of letters that is no head */
			size_t e = pos + h->last[k] + 1;
			tl_start st;
			int cls = letter_class(r, text, len, pos, e - pos, &st);
			history_keep(h, w, e, cls, st);
		}
		if (h->cls[k] == TL_W_NONE)
			break;
		if (h->cls[k] == TL_W_STARTER)
			at[n++] = k;
	}
	return n;
}

/* The candidates of text[0..len) appended to l (its own on failure too), tried with the
 * match scratch s. */
static int run(const tl_recognizer *r, tl_match_scratch *s, cand_list *lp, const char *text,
               size_t len, tl_error *err)
{
	cand_list l = *lp; /* a local copy: the loop keeps it in registers */
	int rc = TL_OK;
	size_t i = 0, word = 0, last_end = 0;
	history hist;
	memset(hist.known, 0, sizeof hist.known); /* no word number + 1 is 0 */
	scan_block b = {0, 0, 0, 0, 0, 0, 0};
	while (i < len) {
		if (i >= b.limit)
			b = block_at(text, len, i);
		/*
		 * The words of the block from i on: the first start at or after i, then the
		 * starts that follow no letter or digit. Words the head filter turns away
		 * are noted and counted here, without leaving the block; the scan stops at
		 * a word the filter lets through, a word that begins with a digit or '\'',
		 * and a word that fills the block (bit 63 of last stands in for the bytes
		 * after it; the bits past the text are 0).
		 */
		size_t off = i - b.base;
		uint64_t from = b.start >> off << off;
		uint64_t cand = (b.first & from) | (from & (~from + 1));
		size_t resume = b.limit, wend = 0, run_end = 0;
		const size_t base = b.base; /* in registers for the loop below */
		const uint64_t special = b.special, last = b.last;
		int cls = TL_W_NONE;
		tl_start start = TL_START_OTHER;
		bool found = false, spilled = false, letters_head = false;
		/* the words of letters before the first that begins with a digit or '\'' */
		uint64_t stop = cand & special;
		stop &= ~stop + 1;
		uint64_t letters = cand & (stop - 1);
		/* one that fills the block may go on past it: read apart, last */
		uint64_t tail = letters & b.open;
		letters ^= tail;
		const char *const tb = text + base;
		const uint16_t *const heads = r->words.head_lengths;
		const uint16_t *const seconds = r->words.head_seconds;
		while (letters) {
			unsigned o = tl_ctz64(letters);
			/* the last of its run, from its start */
			unsigned n = tl_ctz64(last >> o);
			hist.pos[word % HISTORY] = base + o;
			hist.last[word % HISTORY] = n;
			if (tl_trigger_may_be_head_in(heads, tb + o, n) &&
			    tl_trigger_may_be_head_again(seconds, tb + o, n))
				break; /* looked up below, out of this loop that every word runs */
			word++;
			letters &= letters - 1;
		}
		if (letters) {
			/* the word the head filter let through (its start and end found
			 * again: fewer values live in the loop) */
			unsigned o = tl_ctz64(letters);
			i = base + o;
			wend = run_end = i + tl_ctz64(last >> o) + 1;
			found = letters_head = true;
		}
		if (!found && tail) {
			i = base + tl_ctz64(tail);
			size_t n = alnum_end(text, len, i + 1) - i;
			hist.pos[word % HISTORY] = i;
			hist.last[word % HISTORY] = n - 1;
			if (tl_trigger_may_be_head(&r->words, text + i, n)) {
				wend = run_end = i + n;
				found = letters_head = true;
			} else {
				word++;
				resume = i + n;
				spilled = true;
			}
		}
		if (!found && !spilled && stop) {
			i = base + tl_ctz64(stop);
			if (text[i] != '\'') {
				cls = word_class(r, text, len, i, &wend, &start);
			} else {
				/* '90s; otherwise the possessive of "Valentine's Day", a link */
				wend = i + 1;
				start = TL_START_DIGIT;
				cls = i + 1 < len && tl_is_digit((unsigned char)text[i + 1]) ? TL_W_HEAD
				                                                            : TL_W_LINK;
			}
			found = true;
		}
		if (!found) {
			i = resume;
			continue;
		}
		if (letters_head) {
			/* the head filter let it through: a head, or not after all */
			cls = letter_class(r, text, len, i, run_end - i, &start);
			if (cls != TL_W_HEAD) {
				history_keep(&hist, word, run_end, cls, start);
				word++;
				i = run_end;
				continue;
			}
		}
		hist.pos[word % HISTORY] = i;
		history_keep(&hist, word, run_end, cls, start);
		if (cls == TL_W_HEAD) {
			size_t end = 0;
			tl_kind kind = TL_KIND_NONE;
			size_t at = i;
			int m = 0;
			size_t back[WINDOW_WORDS];
			/* the oldest starter first */
			for (size_t c = starters_before(r, &hist, text, len, word, last_end, back);
			     c > 0 && m == 0; c--) {
				size_t k = back[c - 1];
				size_t p = hist.pos[k];
				m = tl_patterns_match_at(r->patterns, s, (tl_start)hist.start[k], text,
				                         len, p, hist.run_end[k], &end, &kind, err);
				if (m > 0 && end <= i)
					m = 0;
				at = p;
			}
			if (m == 0) {
				at = i;
				m = tl_patterns_match_at(r->patterns, s, start, text, len, i, run_end,
				                         &end, &kind, err);
			}
			if (m < 0) {
				rc = m;
				break;
			}
			if (m > 0) {
				size_t st = at;
				if (kind == TL_KIND_YEAR && year_in_name(text, at)) {
					word++;
					i = wend;
					continue;
				}
				if (kind == TL_KIND_YEAR && st > last_end + 4)
					st = prefix_start(text, at);
				if (kind == TL_KIND_DURATION) {
					st = adjective_start(text, at, end);
					if (st == at)
						st = over_start(text, at, end);
				}
				rc = cand_push(&l, st, end, (int)kind, err);
				if (rc != TL_OK)
					break;
				size_t ds;
				size_t de = kind == TL_KIND_MONTH_DAY
				                ? range_second_day(text, len, end, &ds)
				                : 0;
				if (de) {
					rc = cand_push(&l, ds, de, TL_KIND_RANGE_DAY, err);
					if (rc != TL_OK)
						break;
					end = de;
				}
				i = last_end = end; /* the words before are behind last_end now */
				word++;
				continue;
			}
		}
		word++;
		i = wend;
	}
	*lp = l;
	return rc;
}

int tl_recognize_run(const tl_recognizer *r, const char *text, size_t len, tl_candidate **out,
                     size_t *count, tl_error *err)
{
	*out = NULL;
	*count = 0;
	tl_match_scratch *s = tl_patterns_scratch_new(r->patterns, err);
	if (!s)
		return TL_ENOMEM;
	cand_list l = {0};
	int rc = run(r, s, &l, text, len, err);
	tl_patterns_scratch_free(s);
	if (rc != TL_OK) {
		free(l.v);
		return rc;
	}
	*out = l.v;
	*count = l.n;
	return TL_OK;
}

/* A scratch whose candidate array grew past this many is given a fresh one (the next
 * text is likely smaller: one huge article does not keep its array for good). */
#define SCRATCH_KEEP 4096

struct tl_recognize_scratch {
	tl_match_scratch *match;
	cand_list cands; /* the last run's candidates, its n reset by the next run */
};

tl_recognize_scratch *tl_recognize_scratch_new(const tl_recognizer *r, tl_error *err)
{
	tl_recognize_scratch *rs = calloc(1, sizeof *rs);
	if (!rs) {
		tl_error_nomem(err);
		return NULL;
	}
	rs->match = tl_patterns_scratch_new(r->patterns, err);
	if (!rs->match) {
		free(rs);
		return NULL;
	}
	return rs;
}

void tl_recognize_scratch_free(tl_recognize_scratch *rs)
{
	if (!rs)
		return;
	tl_patterns_scratch_free(rs->match);
	free(rs->cands.v);
	free(rs);
}

int tl_recognize_run_in(const tl_recognizer *r, tl_recognize_scratch *rs, const char *text,
                        size_t len, const tl_candidate **out, size_t *count, tl_error *err)
{
	*out = NULL;
	*count = 0;
	if (rs->cands.cap > SCRATCH_KEEP) {
		free(rs->cands.v);
		rs->cands = (cand_list){0};
	}
	rs->cands.n = 0;
	int rc = run(r, rs->match, &rs->cands, text, len, err);
	if (rc != TL_OK)
		return rc;
	*out = rs->cands.n ? rs->cands.v : NULL;
	*count = rs->cands.n;
	return TL_OK;
}
