/*
 * lexicon.h - the words the extractor knows, and how it reads words: ASCII
 * character classes (no locale), word boundaries in a folded sentence, and
 * the word tables of extraction (date prepositions, connectives, reporting
 * verbs, status cues, stopwords ...) behind one case-insensitive lookup that
 * answers every table the caller asks about at once, as a set of TL_LEX_*
 * flags. The tables are read-only; lexicon.c indexes them in a hash table
 * built once, on first use, and never changed after. Nothing here allocates.
 */
#ifndef TL_LEXICON_H
#define TL_LEXICON_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

/* ## ASCII classes (no locale) */

static inline bool tl_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline bool tl_ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static inline bool tl_ascii_alpha(unsigned char c)
{
	/* c | 0x20 lower-cases a letter, and is a lower-case letter only for one. */
	return (unsigned char)((c | 0x20) - 'a') < 26;
}
static inline bool tl_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline bool tl_ascii_alnum(unsigned char c)
{
	return tl_ascii_alpha(c) || tl_ascii_digit(c);
}
static inline bool tl_ascii_space(unsigned char c)
{
	/* One bit test: ' ', '\t', '\n', '\v', '\f', '\r'. */
	const unsigned long long spaces = 1ull << ' ' | 1ull << '\t' | 1ull << '\n' |
					  1ull << '\v' | 1ull << '\f' | 1ull << '\r';
	return c <= ' ' && (spaces >> c & 1);
}
static inline unsigned char tl_ascii_to_lower(unsigned char c)
{
	return tl_ascii_upper(c) ? (unsigned char)(c - 'A' + 'a') : c;
}
/* Letters for words: ASCII letters and any UTF-8 byte. */
static inline bool tl_word_char(unsigned char c) { return tl_ascii_alpha(c) || c >= 0x80; }

/* ## Words in a sentence */

/* Whether s[i..len) starts with the literal p. */
static inline bool tl_has_prefix(const char *s, size_t len, size_t i, const char *p)
{
	size_t n = strlen(p);
	return i + n <= len && memcmp(s + i, p, n) == 0;
}

/* Whether w[0..n) is the lower-case literal lit, ASCII case ignored. */
static inline bool tl_word_equal_ci(const char *w, size_t n, const char *lit)
{
	/* One pass, no strlen: the first letter rules most words out, and the
	 * literal must end exactly where the word does. */
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!lit[i] || tl_ascii_to_lower((unsigned char)w[i]) != (unsigned char)lit[i])
			return false;
	return lit[n] == '\0';
}

/* The bytes of a word for tl_word_end(): tl_word_char() bytes and '\''. */
extern const bool tl_word_end_byte[256];
/* tl_word_char() as a table, for byte loops (tl_word_before()). */
extern const bool tl_word_char_byte[256];

/* End of the word starting at i: letters, UTF-8 bytes and apostrophes.
 * Sixteen bytes a step with SSE2 while sixteen are left before len (a byte
 * of a word is a letter, whose c | 0x20 - 'a' is below 26 unsigned, a byte
 * with its high bit set, or '\''), then byte by byte. */
static inline size_t tl_word_end(const char *s, size_t len, size_t i)
{
#if defined(__SSE2__) && defined(__GNUC__)
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i k = _mm_xor_si128(
			_mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a')),
			_mm_set1_epi8((char)0x80));
		__m128i letter = _mm_cmplt_epi8(k, _mm_set1_epi8((char)(0x80 + 26)));
		__m128i word = _mm_or_si128(letter, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
		unsigned m = ((unsigned)_mm_movemask_epi8(word) | (unsigned)_mm_movemask_epi8(v)) ^
			     0xffffu;
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < len && tl_word_end_byte[(unsigned char)s[i]])
		i++;
	return i;
}

/* The word ending just before position e (skipping one space), not before
 * floor: [*ws, *we). False when there is none. */
static inline bool tl_word_before(const char *s, size_t e, size_t floor, size_t *ws, size_t *we)
{
	if (e <= floor)
		return false;
	size_t j = s[e - 1] == ' ' ? e - 1 : e;
	size_t k = j;
	while (k > floor && tl_word_char_byte[(unsigned char)s[k - 1]])
		k--;
	if (k == j)
		return false;
	*ws = k;
	*we = j;
	return true;
}

/* Number of runs of non-space bytes in s[a, b), counted up to max: callers
 * compare it with a small bound, so the scan stops once it is reached. With
 * SSE2, sixteen bytes a step: the runs start at the non-space bytes after a
 * space (tl_ascii_space(): ' ' and '\t'..'\r'), or at the first byte. */
static inline size_t tl_count_words(const char *s, size_t a, size_t b, size_t max)
{
	size_t n = 0;
	bool in = false;
	size_t i = a;
#if defined(__SSE2__) && defined(__GNUC__)
	for (; i + 16 <= b && n < max; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* '\t'..'\r' are the bytes whose c - 9 is below 5 as an unsigned byte. */
		__m128i ctl = _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(v, _mm_set1_epi8(9)),
							   _mm_set1_epi8((char)0x80)),
					     _mm_set1_epi8((char)(0x80 + 5)));
		unsigned space = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), ctl));
		unsigned word = ~space & 0xffffu;
		unsigned starts = word & ~(word << 1 | (unsigned)in);
		for (; starts && n < max; starts &= starts - 1)
			n++;
		in = word >> 15;
	}
#endif
	for (; i < b && n < max; i++) {
		bool w = !tl_ascii_space((unsigned char)s[i]);
		if (w && !in)
			n++;
		in = w;
	}
	return n;
}

/* ## Word tables */

enum {
	TL_LEX_DATE_PREP = 1u << 0,      /* dropped with a date after it: "on", "since" */
	TL_LEX_LEAD = 1u << 1,           /* connective stripped from a headline's start */
	TL_LEX_DANGLING = 1u << 2,       /* a headline may not end with it: "the", "of" */
	TL_LEX_COMMA_CONJ = 1u << 3,     /* ", WORD" starts a clause: "and", "while" */
	TL_LEX_COMMA_ENDER = 1u << 4,    /* ", WORD" only ends one: "which", "including" */
	TL_LEX_NOT_PARTICIPLE = 1u << 5, /* -ing words that are no participle: "morning" */
	TL_LEX_SUBORDINATOR = 1u << 6,   /* opens the clause of a later date: "after" */
	TL_LEX_REPORTING = 1u << 7,      /* reporting verb: "said", "announced" */
	TL_LEX_QUOTE = 1u << 8,          /* routine quote next to a date: "said Friday" */
	TL_LEX_PLANNED = 1u << 9,        /* status cue: "will", "plans", "expected" */
	TL_LEX_MARKET = 1u << 10,        /* market report: "stocks", "Nasdaq" */
	TL_LEX_GENERIC_HEAD = 1u << 11,  /* "this year's budget" */
	TL_LEX_STOPWORD = 1u << 12,      /* never a keyword */
	TL_LEX_NEGATOR = 1u << 13,       /* negates its clause: "not", "never" */
	TL_LEX_NO = 1u << 14,            /* "no": negates unless "no later than" */
	TL_LEX_NEEDS_TO = 1u << 15,      /* plans only before "to": "set", "due" */
};

/* The first two letters of every TL_LEX_SUBORDINATOR word, lower case, one
 * pair after another: clause.c's scan before a date passes a space unless
 * the word after it may be one (or "that"). lexicon.c checks the table
 * against it in debug builds: add a pair with a subordinator that needs one. */
#define TL_LEX_SUBORDINATOR_PAIRS "afasbefoonsiwh"

/* The index of lexicon.c, for the inline filter below: the longest table
 * word, and the flags of the table words of each shape (first two letters,
 * length), valid once tl_lexicon_ready is set. Read only, by the lookup.
 * tl_lexicon_letter[c] is the shape index of byte c: 1..26 for an ASCII
 * letter of either case, TL_LEXICON_NOT_LETTER (0) for any other byte, whose
 * row and column of the shapes are all zero (no table word has that byte), so
 * that the filter needs no range test; the second index of a one-letter word
 * is TL_LEXICON_ONE_LETTER. */
#define TL_LEXICON_KEY_MAX 16
#define TL_LEXICON_NOT_LETTER 0
#define TL_LEXICON_ONE_LETTER 27
extern const uint8_t tl_lexicon_letter[256];
extern uint16_t tl_lexicon_shapes[32][32][TL_LEXICON_KEY_MAX];
extern atomic_bool tl_lexicon_ready;
/* The lookup's out-of-line parts: the first call (builds the index) and the
 * hash lookup of a word that passed the filter. */
unsigned tl_lexicon_find_first(const char *w, size_t n, unsigned want);
unsigned tl_lexicon_find_hashed(const char *w, size_t n, unsigned want);

/* Builds the index unless it is built (thread-safe). A caller that looks up
 * many words in a row calls tl_lexicon_ensure() once, then the lookups that
 * skip the test of tl_lexicon_ready (tl_lexicon_find_built(),
 * tl_lexicon_find_key()). */
void tl_lexicon_build(void);
static inline void tl_lexicon_ensure(void)
{
	if (!atomic_load_explicit(&tl_lexicon_ready, memory_order_acquire))
		tl_lexicon_build();
}

/* The shape filter and lookup of a word of 1..TL_LEXICON_KEY_MAX bytes, the
 * index built. */
static inline unsigned tl_lexicon_shape_find(const char *w, size_t n, unsigned want)
{
	unsigned a = tl_lexicon_letter[(unsigned char)w[0]];
	unsigned b = n > 1 ? tl_lexicon_letter[(unsigned char)w[1]] : TL_LEXICON_ONE_LETTER;
	if (!(tl_lexicon_shapes[a][b][n - 1] & want))
		return 0;
	return tl_lexicon_find_hashed(w, n, want);
}

/* The TL_LEX_* flags among want of the word w[0..n), ASCII case ignored; 0
 * for a word no such table holds. Asking only for the flags one needs is
 * faster: most words are ruled out by the shape filter here, inline, without
 * a call or a hash lookup. Thread-safe. */
static inline unsigned tl_lexicon_find(const char *w, size_t n, unsigned want)
{
	if (n - 1 >= TL_LEXICON_KEY_MAX) /* n == 0 wraps round too */
		return 0;
	if (!atomic_load_explicit(&tl_lexicon_ready, memory_order_acquire))
		return tl_lexicon_find_first(w, n, want);
	return tl_lexicon_shape_find(w, n, want);
}

/* tl_lexicon_find() after tl_lexicon_ensure(). */
static inline unsigned tl_lexicon_find_built(const char *w, size_t n, unsigned want)
{
	if (n - 1 >= TL_LEXICON_KEY_MAX) /* n == 0 wraps round too */
		return 0;
	return tl_lexicon_shape_find(w, n, want);
}

/* tl_lexicon_find() of a word of n letters (1..TL_LEXICON_KEY_MAX) given as
 * its key: the word lower-cased, zero-padded to TL_LEXICON_KEY_MAX bytes
 * (key holds those bytes in memory order), for a caller that made the key
 * anyway: no byte of the word is read again. After tl_lexicon_ensure(). */
unsigned tl_lexicon_find_keyed(const uint64_t key[2], unsigned want);
static inline unsigned tl_lexicon_find_key(const uint64_t key[2], size_t n, unsigned want)
{
	const unsigned char *k = (const unsigned char *)key;
	unsigned a = tl_lexicon_letter[k[0]];
	unsigned b = n > 1 ? tl_lexicon_letter[k[1]] : TL_LEXICON_ONE_LETTER;
	if (!(tl_lexicon_shapes[a][b][n - 1] & want))
		return 0;
	return tl_lexicon_find_keyed(key, want);
}

/* All the TL_LEX_* flags of the word w[0..n). */
static inline unsigned tl_lexicon_flags(const char *w, size_t n)
{
	return tl_lexicon_find(w, n, 0xFFFFu);
}

#endif
