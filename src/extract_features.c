/*
 * extract_features.c - what a mention's clause says besides its headline (see
 * extract_features.h): actors (actors.c), keywords (lower-case content words,
 * stopwords dropped, lightly stemmed, news synonyms folded), figures ("145%",
 * "$50 billion", "90-day"), and the judgement of the mention: status (done,
 * planned, negated) and confidence (grain, quotes, market reports, bylines,
 * thin headlines). The keywords and the status cues of a clause are read in
 * one pass over its words (clause_words()), the cues kept for the judgement.
 * No state; the strings it makes go into the mention (into the caller's arena
 * when it gives one, extract_arena.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "actors.h"
#include "buf.h"
#include "byte_range.h"
#include "clause.h"
#include "extract_features.h"
#include "hash.h"
#include "headline.h"
#include "lexicon.h"

/* ## Keywords */

/* Light suffix stripping so that "tariffs"/"tariff", "raised"/"raises" meet. */
static inline size_t stem(char *w, size_t n)
{
	if (n > 4 && memcmp(w + n - 3, "ies", 3) == 0) {
		w[n - 3] = 'y';
		n -= 2;
	} else if (n > 4 && memcmp(w + n - 4, "sses", 4) == 0) {
		n -= 2;
	} else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
		   w[n - 2] != 'i') {
		n--;
	}
	if (n > 5 && memcmp(w + n - 3, "ing", 3) == 0)
		n -= 3;
	else if (n > 4 && memcmp(w + n - 2, "ed", 2) == 0)
		n -= 2;
	if (n > 4 && w[n - 1] == 'e')
		n--;
	/* News synonyms that name the same thing, sorted by first letter (the
	 * filter below lists their lengths and first letters: keep it in step;
	 * a synonym has at most 7 bytes: add_keyword() makes room for that). */
#define SAME(from, to) {from, to, sizeof(from) - 1, sizeof(to) - 1}
	static const struct same {
		const char *from, *to;
		size_t from_n, to_n;
	} same[] = {
		SAME("agreement", "deal"), SAME("duty", "tariff"),    SAME("expir", "deadlin"),
		SAME("expiry", "deadlin"), SAME("halv", "cut"),	      SAME("laps", "deadlin"),
		SAME("levy", "tariff"),	   SAME("licenc", "licens"),  SAME("negotiation", "talk"),
		SAME("pact", "deal"),	   SAME("reduc", "cut"),      SAME("reduction", "cut"),
		SAME("slash", "cut"),
	};
#undef SAME
	/* Most words have no synonym: the first letters of the table's words of
	 * each length rule them out before any compare. */
#define L(c) (1u << ((c) - 'a'))
	static const unsigned firsts_of[12] = {
		[4] = L('d') | L('h') | L('l') | L('p'), [5] = L('e') | L('r') | L('s'),
		[6] = L('e') | L('l'), [9] = L('a') | L('r'), [11] = L('n'),
	};
#undef L
	if (n > 11 || (unsigned)(w[0] - 'a') >= 26 || !(firsts_of[n] >> (w[0] - 'a') & 1))
		return n;
	const size_t count = sizeof same / sizeof same[0];
	for (size_t i = 0; i < count && same[i].from[0] <= w[0]; i++) {
		if (same[i].from[0] == w[0] && same[i].from_n == n &&
		    memcmp(w, same[i].from, n) == 0) {
			n = same[i].to_n;
			memcpy(w, same[i].to, n);
			break;
		}
	}
	return n;
}

/* Byte classes of the keyword scan: words are runs of ASCII letters; a digit
 * or a UTF-8 byte glued to a word's end spoils it, a digit before it too. */
enum { K_ALPHA = 1, K_DIGIT = 2, K_HIGH = 4 };
#define ALPHA2(c) [c] = K_ALPHA, [(c) + 32] = K_ALPHA
#define HIGH16(c)                                                                                  \
	[c] = K_HIGH, [(c) + 1] = K_HIGH, [(c) + 2] = K_HIGH, [(c) + 3] = K_HIGH,                  \
	[(c) + 4] = K_HIGH, [(c) + 5] = K_HIGH, [(c) + 6] = K_HIGH, [(c) + 7] = K_HIGH,            \
	[(c) + 8] = K_HIGH, [(c) + 9] = K_HIGH, [(c) + 10] = K_HIGH, [(c) + 11] = K_HIGH,          \
	[(c) + 12] = K_HIGH, [(c) + 13] = K_HIGH, [(c) + 14] = K_HIGH, [(c) + 15] = K_HIGH
static const unsigned char key_class[256] = {
	ALPHA2('A'), ALPHA2('B'), ALPHA2('C'), ALPHA2('D'), ALPHA2('E'), ALPHA2('F'),
	ALPHA2('G'), ALPHA2('H'), ALPHA2('I'), ALPHA2('J'), ALPHA2('K'), ALPHA2('L'),
	ALPHA2('M'), ALPHA2('N'), ALPHA2('O'), ALPHA2('P'), ALPHA2('Q'), ALPHA2('R'),
	ALPHA2('S'), ALPHA2('T'), ALPHA2('U'), ALPHA2('V'), ALPHA2('W'), ALPHA2('X'),
	ALPHA2('Y'), ALPHA2('Z'),
	['0'] = K_DIGIT, ['1'] = K_DIGIT, ['2'] = K_DIGIT, ['3'] = K_DIGIT, ['4'] = K_DIGIT,
	['5'] = K_DIGIT, ['6'] = K_DIGIT, ['7'] = K_DIGIT, ['8'] = K_DIGIT, ['9'] = K_DIGIT,
	HIGH16(0x80), HIGH16(0x90), HIGH16(0xA0), HIGH16(0xB0),
	HIGH16(0xC0), HIGH16(0xD0), HIGH16(0xE0), HIGH16(0xF0),
};
#undef ALPHA2
#undef HIGH16

/* The lexicon key of the word w[0..n) of ASCII letters, n <= 16: lower-cased
 * and zero-padded to 16 bytes. With padded, the 16 bytes from w are readable
 * (the word's text has 16 bytes of slack after its end): two loads, masked,
 * instead of a loop. */
static inline void word_key(const char *w, size_t n, bool padded, uint64_t key[2])
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (padded) {
		const uint64_t lower = UINT64_C(0x2020202020202020);
		uint64_t lo, hi;
		memcpy(&lo, w, 8);
		memcpy(&hi, w + 8, 8);
		/* Keep the word's bytes (the first ones in memory: the low ones). */
		if (n >= 8) {
			hi = n == 8 ? 0 : (hi | lower) & (~UINT64_C(0) >> (64 - 8 * (n - 8)));
			lo |= lower;
		} else {
			lo = (lo | lower) & (~UINT64_C(0) >> (64 - 8 * n));
			hi = 0;
		}
		key[0] = lo;
		key[1] = hi;
		return;
	}
#endif
	unsigned char b[16] = {0};
	for (size_t k = 0; k < n; k++)
		b[k] = (unsigned char)(w[k] | 0x20);
	memcpy(key, b, sizeof b);
}

/* Adds the keyword of the letters w[0, n) (3 <= n < 48, no stopword) to out,
 * in arena a or owned (a NULL); key is the word's lexicon key when n <= 16
 * (word_key()). Letters only: | 0x20 lower-cases them. A word of up to 16
 * letters is made from its key; in an arena it is made in place (a synonym
 * is at most 7 bytes), followed by eight zero bytes as tl_xarena_add() wants. */
static inline int add_keyword(tl_xarena *a, const char *w0, size_t n, const uint64_t key[2],
			      tl_strings *out)
{
	char word[48 + 8];
	char *w;
	if (n <= 16) {
		w = a ? tl_xarena_alloc(a, 24) : word;
		if (!w)
			return TL_ENOMEM;
		memcpy(w, key, 16);
		memset(w + 16, 0, 8);
	} else {
		/* No stopword is that long. */
		w = a ? tl_xarena_alloc(a, n + 8) : word;
		if (!w)
			return TL_ENOMEM;
		for (size_t k = 0; k < n; k++)
			w[k] = (char)(w0[k] | 0x20);
	}
	n = stem(w, n);
	memset(w + n, 0, 8);
	return a ? tl_xarena_add(a, out, w) : tl_strings_push(out, w, n);
}

/* tl_extract_keywords(), byte by byte (the map step's clauses go through
 * clause_words() instead). Keywords are lower-case ASCII letters only (stem()
 * and its synonyms keep them so): the map step writes them with no escape
 * test (tl_mention_jsonl_put_extracted()). */
static int find_keywords(tl_xarena *a, const char *t, size_t len, tl_strings *out)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t i = 0;
	tl_lexicon_ensure(); /* for the stopword lookups */
	for (;;) {
		while (i < len && !(key_class[u[i]] & K_ALPHA))
			i++;
		if (i >= len)
			break;
		size_t j = i + 1;
		while (j < len && (key_class[u[j]] & K_ALPHA))
			j++;
		size_t n = j - i;
		bool glued = j < len && (key_class[u[j]] & (K_DIGIT | K_HIGH));
		if (glued || n < 3 || n >= 48 || (i > 0 && (key_class[u[i - 1]] & K_DIGIT))) {
			i = j;
			continue;
		}
		uint64_t key[2];
		if (n <= 16) {
			word_key(t + i, n, false, key);
			if (tl_lexicon_find_key(key, n, TL_LEX_STOPWORD)) {
				i = j;
				continue;
			}
		}
		if (add_keyword(a, t + i, n, key, out) != TL_OK)
			return TL_ENOMEM;
		i = j;
	}
	return TL_OK;
}

int tl_extract_keywords(const char *t, size_t len, tl_strings *out)
{
	return find_keywords(NULL, t, len, out);
}

int tl_extract_keywords_in(tl_xarena *a, const char *t, size_t len, tl_strings *out)
{
	return find_keywords(a, t, len, out);
}

/* Whether t[i..) holds the word w (two bytes or more), not followed by a
 * letter. Most tries fail at the first two bytes, with no strlen(). */
static inline bool word_at(const char *t, size_t len, size_t i, const char *w)
{
	if (i + 1 >= len || t[i] != w[0] || t[i + 1] != w[1])
		return false;
	size_t n = strlen(w);
	return i + n <= len && memcmp(t + i, w, n) == 0 &&
	       (i + n == len || !tl_ascii_alpha((unsigned char)t[i + n]));
}

static size_t scan_number(const char *t, size_t len, size_t i)
{
	while (i < len && (tl_ascii_digit((unsigned char)t[i]) ||
			   ((t[i] == ',' || t[i] == '.') && i + 1 < len &&
			    tl_ascii_digit((unsigned char)t[i + 1]))))
		i++;
	return i;
}

/* Room for a figure: longer ones are not kept. */
#define FIGURE_MAX 80

/* fig = lead (0 or 1 byte), t[0..n), then tail: what snprintf() would make,
 * without its format parsing (a figure's number is digits, '.', ',' and '-',
 * no NUL). Returns the figure's length, or 0 when it needs FIGURE_MAX bytes or
 * more (the figure is dropped then). */
static size_t make_figure(char fig[FIGURE_MAX], char lead, const char *t, size_t n,
			  const char *tail, size_t tail_n)
{
	size_t total = (lead != 0) + n + tail_n;
	if (total >= FIGURE_MAX)
		return 0;
	char *p = fig;
	if (lead)
		*p++ = lead;
	memcpy(p, t, n);
	memcpy(p + n, tail, tail_n);
	return total;
}

/* The first ASCII digit of t[i, len), or len, for a text padded with sixteen
 * zero bytes (tl_features_find()): sixteen bytes a step with SSE2. */
static inline size_t next_digit(const char *t, size_t len, size_t i)
{
	return tl_byte_range(t, i, len, true, 0, '0', '9', true);
}

/* "145%", "125 percent" -> "125%", "$50 billion", "90-day", "90 days" -> "90-day".
 * t is padded (next_digit()). */
static int find_figures(tl_xarena *a, const char *t, size_t len, tl_strings *out)
{
	static const char *const unit_hy[] = {"-day", "-week", "-month", "-year", "-point"};
	static const char *const unit_sp[] = {" day", " week", " month", " year", " point"};
	static const char *const unit_pl[] = {" days", " weeks", " months", " years", " points"};
	static const char *const scales[] = {"trillion", "billion", "million", "bn"};
	static const char *const scale_sp[] = {" trillion", " billion", " million", " bn"};
	char fig[FIGURE_MAX];
	/* Only a digit can start a figure: the scan jumps from one to the next. */
	for (size_t i = next_digit(t, len, 0); i < len; i = next_digit(t, len, i + 1)) {
		if ((i > 0 && (tl_ascii_alnum((unsigned char)t[i - 1]) || t[i - 1] == '.' ||
			       t[i - 1] == ',' || t[i - 1] == '-')))
			continue;
		size_t j = scan_number(t, len, i);
		size_t nl = j - i;
		if (nl > 20)
			continue;
		bool dollar = i > 0 && t[i - 1] == '$';
		size_t k = j, range_end = j;
		if (k + 1 < len && t[k] == '-' && tl_ascii_digit((unsigned char)t[k + 1]))
			range_end = scan_number(t, len, k + 1);
		size_t w = 0;
		if ((range_end < len && t[range_end] == '%') ||
		    word_at(t, len, range_end, " percent") ||
		    word_at(t, len, range_end, " per cent")) {
			w = make_figure(fig, 0, t + i, range_end - i, "%", 1);
		} else if (dollar) {
			size_t s = 0;
			while (s < 4 && !word_at(t, len, j, scale_sp[s]) && !word_at(t, len, j, scales[s]))
				s++;
			w = s < 4 ? make_figure(fig, '$', t + i, nl, scale_sp[s], strlen(scale_sp[s]))
				  : make_figure(fig, '$', t + i, nl, "", 0);
		} else {
			for (size_t u = 0; u < 5 && !w; u++) {
				if (word_at(t, len, j, unit_hy[u]) || word_at(t, len, j, unit_sp[u]) ||
				    word_at(t, len, j, unit_pl[u]))
					w = make_figure(fig, 0, t + i, nl, unit_hy[u], strlen(unit_hy[u]));
			}
		}
		if (w > 0 && tl_xarena_push(a, out, fig, w) != TL_OK)
			return TL_ENOMEM;
		i = range_end;
	}
	return TL_OK;
}

/* ## Status and confidence */

static bool inside_timex(const tl_sentence_timex *tx, size_t n, size_t i)
{
	for (size_t k = 0; k < n; k++)
		if (i >= tx[k].start && i < tx[k].end)
			return true;
	return false;
}

/* What the words of the clause s[cs, ce) say, in one pass. */
typedef struct cues {
	bool negated; /* "not", "never", "-n't", "no talks on Friday" */
	bool planned; /* "will", "plans", "set to", "-'ll" */
	bool market;  /* "stocks", "Nasdaq": a market report */
} cues;

/* What the word s[i, j) of a clause ending at ce says, into *c (scan_cues(),
 * which has built the lexicon index: tl_lexicon_ensure()). */
static inline void cue_word(const char *s, size_t ce, size_t i, size_t j,
			    const tl_sentence_timex *tx, size_t n_tx, size_t ts, cues *c)
{
	const char *w = s + i;
	size_t n = j - i;
	unsigned flags = tl_lexicon_find_built(w, n, TL_LEX_MARKET | TL_LEX_NEGATOR | TL_LEX_NO |
							     TL_LEX_PLANNED | TL_LEX_NEEDS_TO);
	if (flags & TL_LEX_MARKET)
		c->market = true;
	/* Only cue words and the endings "-n't", "-'ll" can say more. */
	bool nt = false, ll = false;
	if (n > 3 && (w[n - 1] == 't' || w[n - 1] == 'l')) {
		nt = memcmp(w + n - 3, "n't", 3) == 0;
		ll = memcmp(w + n - 3, "'ll", 3) == 0;
	}
	if (!(flags & (TL_LEX_NEGATOR | TL_LEX_NO | TL_LEX_PLANNED)) && !nt && !ll)
		return;
	if (inside_timex(tx, n_tx, i))
		return;
	if ((flags & TL_LEX_NEGATOR) || nt)
		c->negated = true;
	/* "no talks on Friday"; not "no later than". */
	if ((flags & TL_LEX_NO) && j < ts && tl_count_words(s, j, ts, 6) <= 5) {
		size_t k = j + 1, ke = tl_word_end(s, ce, k);
		if (!(tl_word_equal_ci(s + k, ke - k, "later") ||
		      tl_word_equal_ci(s + k, ke - k, "longer") ||
		      tl_word_equal_ci(s + k, ke - k, "earlier")))
			c->negated = true;
	}
	if ((flags & TL_LEX_PLANNED) || ll) {
		/* "set"/"due" plan only as "set to", "due to". */
		if (!(flags & TL_LEX_NEEDS_TO) || tl_has_prefix(s, ce, j, " to "))
			c->planned = true;
	}
}

#if defined(__SSE2__) && defined(__GNUC__)
/* Bit k of *letters and of *word says whether s[b + k] is an ASCII letter,
 * and a word byte (tl_word_end_byte: letters, bytes from 0x80 up, '\''),
 * for the 64 bytes from b; bytes from e on (past the clause) count as
 * neither. */
static inline void word_masks64(const char *s, size_t b, size_t e, uint64_t *letters,
				uint64_t *word)
{
	const unsigned char *p = (const unsigned char *)s + b;
	size_t left = e - b; /* bytes of the clause from b on */
	uint64_t l = 0, w = 0;
	for (unsigned k = 0; k < 4 && 16 * k < left; k++) {
		__m128i v;
		if (left - 16 * k >= 16) {
			v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
		} else {
			/* The clause's last bytes, zero after them (no letter, no
			 * word byte): no byte past it is read. */
			unsigned char tail[16] = {0};
			tl_copy_upto16((char *)tail, (const char *)p + 16 * k, left - 16 * k);
			v = _mm_loadu_si128((const __m128i *)(const void *)tail);
		}
		/* A letter is a byte whose (c | 0x20) - 'a' is below 26, unsigned. */
		__m128i key = _mm_xor_si128(
			_mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a')),
			_mm_set1_epi8((char)0x80));
		uint64_t lm = (unsigned)_mm_movemask_epi8(
			_mm_cmplt_epi8(key, _mm_set1_epi8((char)(0x80 + 26))));
		uint64_t wm = lm | (unsigned)_mm_movemask_epi8(v) |
			      (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
		l |= lm << (16 * k);
		w |= wm << (16 * k);
	}
	*letters = l;
	*word = w;
}
#endif

/* What the words of the clause s[cs, ce) say, in one pass: a word starts at
 * an ASCII letter and runs over word bytes (tl_word_end()). Dates
 * (tx[0..n_tx)) count for no cue but a market one; ts is where the anchor
 * date starts. With SSE2 the words are found from bit masks of 64 bytes at
 * a time, not byte by byte. */
static cues scan_cues(const char *s, size_t cs, size_t ce, const tl_sentence_timex *tx,
		      size_t n_tx, size_t ts)
{
	cues c = {false, false, false};
	tl_lexicon_ensure(); /* for cue_word()'s lookups */
#if defined(__SSE2__) && defined(__GNUC__)
	size_t i = cs; /* no word starts before i */
	for (size_t b = cs; b < ce; b += 64) {
		if (i >= b + 64)
			continue; /* a word runs past this window */
		uint64_t letters, word;
		word_masks64(s, b, ce, &letters, &word);
		uint64_t todo = i > b ? letters & (~UINT64_C(0) << (i - b)) : letters;
		while (todo) {
			unsigned p = (unsigned)__builtin_ctzll(todo);
			uint64_t ends = ~word >> p; /* bits past the window read as word bytes */
			size_t ws = b + p;
			size_t we = ends ? ws + (size_t)__builtin_ctzll(ends)
					 : tl_word_end(s, ce, b + 64); /* b + 64 <= ce here */
			cue_word(s, ce, ws, we, tx, n_tx, ts, &c);
			i = we;
			if (we - b >= 64)
				break;
			todo &= ~UINT64_C(0) << (we - b);
		}
	}
#else
	for (size_t i = cs; i < ce;) {
		if (!tl_ascii_alpha((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t j = tl_word_end(s, ce, i);
		cue_word(s, ce, i, j, tx, n_tx, ts, &c);
		i = j;
	}
#endif
	return c;
}

/* ## One pass over a clause's words: keywords and status cues
 *
 * The keywords are the words of the clause with its dates cut out
 * (tl_headline_apply_cuts() puts a separator in place of each cut), the cues
 * those of the whole clause: the pass reads the clause's words once, in the
 * sentence, with one lexicon lookup for the stopword and the cue tables, and
 * tells the keywords from the pieces of text between the cuts. A keyword is a
 * run of ASCII letters, and every such run lies in a word of the cue scan (a
 * word starts at a letter and runs over letters, UTF-8 bytes and
 * apostrophes): mostly the whole word. */

/* The text between the cuts of a clause, a piece [a, b) at a time, in order:
 * what tl_headline_apply_cuts() copies between its separators. */
typedef struct pieces {
	const tl_cut *cuts;
	size_t n_cuts, k; /* cuts[k..) are ahead */
	size_t pos, ce;   /* where the next piece starts; the clause's end */
	size_t a, b;      /* the current piece */
	bool last;        /* it is the last one (it ends at ce) */
} pieces;

static void pieces_next(pieces *p)
{
	p->a = p->pos;
	if (p->k < p->n_cuts) {
		const tl_cut *c = &p->cuts[p->k++];
		p->b = c->rs > p->pos ? c->rs : p->pos;
		if (c->re > p->pos)
			p->pos = c->re;
	} else {
		p->b = p->ce > p->pos ? p->ce : p->pos;
		p->last = true;
	}
}

/* What the pass over one clause needs besides the word at hand. */
typedef struct clause_pass {
	tl_xarena *arena;
	const char *s;
	size_t len, ce;
	const tl_sentence_timex *tx;
	size_t n_tx;
	tl_strings *keywords;
	tl_clause_cues *cues;
} clause_pass;

/* The tables a word of the clause is looked up in for its cues. */
#define CUE_FLAGS (TL_LEX_MARKET | TL_LEX_NEGATOR | TL_LEX_NO | TL_LEX_PLANNED | TL_LEX_NEEDS_TO)

/* What the word s[i, j) with cue flags says, into the clause's cues, for a
 * word that may say more than "market" (a cue word, or one ending in "n't"
 * or "'ll"): as cue_word(), with the "no" words noted for the judgement of
 * each date. */
static void note_cues(const clause_pass *cp, size_t i, size_t j, unsigned flags)
{
	const char *s = cp->s, *w = s + i;
	size_t n = j - i;
	tl_clause_cues *c = cp->cues;
	bool nt = false, ll = false;
	if (n > 3 && (w[n - 1] == 't' || w[n - 1] == 'l')) {
		nt = memcmp(w + n - 3, "n't", 3) == 0;
		ll = memcmp(w + n - 3, "'ll", 3) == 0;
	}
	if (!(flags & (TL_LEX_NEGATOR | TL_LEX_NO | TL_LEX_PLANNED)) && !nt && !ll)
		return;
	if (inside_timex(cp->tx, cp->n_tx, i))
		return;
	if ((flags & TL_LEX_NEGATOR) || nt)
		c->negated = true;
	if (flags & TL_LEX_NO) {
		/* "no later than" negates nothing. */
		size_t k = j + 1, ke = tl_word_end(s, cp->ce, k);
		if (!(tl_word_equal_ci(s + k, ke - k, "later") ||
		      tl_word_equal_ci(s + k, ke - k, "longer") ||
		      tl_word_equal_ci(s + k, ke - k, "earlier"))) {
			if (c->n_no < TL_CLAUSE_NO_MAX)
				c->no_end[c->n_no++] = j;
			else
				c->no_overflow = true;
		}
	}
	if ((flags & TL_LEX_PLANNED) || ll) {
		if (!(flags & TL_LEX_NEEDS_TO) || tl_has_prefix(s, cp->ce, j, " to "))
			c->planned = true;
	}
}

/* The lexicon key of the letters w[0, n) (n <= 16) of s[0..len): two loads
 * when sixteen bytes from w are in s, else from a copy of the bytes left. */
static inline void clause_key(const char *s, size_t len, size_t ws, size_t n, uint64_t key[2])
{
	if (ws + 16 <= len) {
		word_key(s + ws, n, true, key);
	} else {
		char tail[16] = {0};
		tl_copy_upto16(tail, s + ws, len - ws);
		word_key(tail, n, true, key);
	}
}

/* The word s[ws, we) of the clause that is not all letters or not inside one
 * piece (p): its cues, and the keywords of its letter runs piece by piece, as
 * find_keywords() reads them in the cut text, where a separator (no digit,
 * no UTF-8) stands before and after every piece. Rare: out of line. */
static __attribute__((noinline)) int odd_word(const clause_pass *cp, pieces q, size_t ws,
					      size_t we)
{
	const char *s = cp->s;
	const unsigned char *u = (const unsigned char *)s;
	unsigned flags = tl_lexicon_find_built(s + ws, we - ws, CUE_FLAGS);
	if (flags & TL_LEX_MARKET)
		cp->cues->market = true;
	note_cues(cp, ws, we, flags);
	for (;;) {
		size_t from = q.a > ws ? q.a : ws, to = q.b < we ? q.b : we;
		for (size_t i = from; i < to;) {
			if (!(key_class[u[i]] & K_ALPHA)) {
				i++;
				continue;
			}
			size_t j = i + 1;
			while (j < to && (key_class[u[j]] & K_ALPHA))
				j++;
			size_t n = j - i;
			bool glued = j < q.b && (key_class[u[j]] & (K_DIGIT | K_HIGH));
			bool after_digit = i > q.a && (key_class[u[i - 1]] & K_DIGIT);
			if (!glued && !after_digit && n >= 3 && n < 48) {
				uint64_t key[2];
				if (n <= 16)
					clause_key(s, cp->len, i, n, key);
				if ((n > 16 || !tl_lexicon_find_key(key, n, TL_LEX_STOPWORD)) &&
				    add_keyword(cp->arena, s + i, n, key, cp->keywords) != TL_OK)
					return TL_ENOMEM;
			}
			i = j;
		}
		if (q.last || q.b >= we)
			return TL_OK;
		pieces_next(&q);
	}
}

/* Where the pass stands in the pieces: the words before edge lie in one
 * piece (in_piece, which starts at pa and ends at edge) or in one cut (up to
 * edge, where a piece starts). */
typedef struct zone {
	pieces p;
	size_t edge, pa;
	bool in_piece;
} zone;

/* The zone of a word that starts at ws, at or past z->edge. */
static inline void zone_at(zone *z, size_t ws)
{
	pieces *p = &z->p;
	while (p->b <= ws && !p->last)
		pieces_next(p);
	z->in_piece = ws >= p->a;
	z->edge = z->in_piece ? p->b : p->a;
	z->pa = p->a;
}

/* The word s[ws, we) of the clause (letters_only: it is all ASCII letters):
 * its keyword and its cues. */
static inline int pass_word(const clause_pass *cp, zone *z, size_t ws, size_t we,
			    bool letters_only)
{
	const char *s = cp->s;
	if (ws >= z->edge)
		zone_at(z, ws);
	if (!letters_only || we > z->edge)
		return odd_word(cp, z->p, ws, we);
	/* All letters, in a cut or inside one piece: in a piece the word is its
	 * own keyword run, glued only to a digit after it (any other byte
	 * after a word is no word byte, no UTF-8); it says no "-n't" or
	 * "-'ll". Only a keyword needs its key: the cue lookup of any other
	 * word reads its first two bytes. */
	size_t n = we - ws;
	bool keyword = z->in_piece && n >= 3 && n < 48 &&
		       !(we < z->edge && tl_ascii_digit((unsigned char)s[we])) &&
		       !(ws > z->pa && tl_ascii_digit((unsigned char)s[ws - 1]));
	uint64_t key[2];
	unsigned flags;
	if (keyword && n <= 16) {
		clause_key(s, cp->len, ws, n, key);
		flags = tl_lexicon_find_key(key, n, CUE_FLAGS | TL_LEX_STOPWORD);
		keyword = !(flags & TL_LEX_STOPWORD);
	} else {
		flags = tl_lexicon_find_built(s + ws, n, CUE_FLAGS); /* 0 past 16 letters */
	}
	if (flags & TL_LEX_MARKET)
		cp->cues->market = true;
	if (flags & (TL_LEX_NEGATOR | TL_LEX_NO | TL_LEX_PLANNED))
		note_cues(cp, ws, we, flags);
	return keyword ? add_keyword(cp->arena, s + ws, n, key, cp->keywords) : TL_OK;
}

/* The keywords (into *kw, unfinished) and the cues of the clause l->cs..l->ce
 * of s[0..len), whose cuts are cuts[0..n_cuts): one pass over its words,
 * found as scan_cues() finds them. */
static int clause_words(tl_xarena *a, const char *s, size_t len, const tl_layout *l,
			const tl_cut *cuts, size_t n_cuts, const tl_sentence_timex *tx,
			size_t n_tx, tl_strings *kw, tl_clause_cues *said)
{
	*said = (tl_clause_cues){.n_no = 0};
	const clause_pass cp = {.arena = a, .s = s, .len = len, .ce = l->ce, .tx = tx,
				.n_tx = n_tx, .keywords = kw, .cues = said};
	zone z = {.p = {.cuts = cuts, .n_cuts = n_cuts, .pos = l->cs, .ce = l->ce}};
	pieces_next(&z.p);
	zone_at(&z, l->cs);
	size_t cs = l->cs, ce = l->ce;
	tl_lexicon_ensure(); /* for the lookups */
#if defined(__SSE2__) && defined(__GNUC__)
	size_t i = cs; /* no word starts before i */
	for (size_t b = cs; b < ce; b += 64) {
		if (i >= b + 64)
			continue; /* a word runs past this window */
		uint64_t letters, word;
		word_masks64(s, b, ce, &letters, &word);
		uint64_t odd = word & ~letters; /* word bytes but no letters */
		uint64_t todo = i > b ? letters & (~UINT64_C(0) << (i - b)) : letters;
		while (todo) {
			unsigned at = (unsigned)__builtin_ctzll(todo);
			uint64_t ends = ~word >> at, rest = odd >> at;
			size_t ws = b + at, we;
			bool letters_only;
			if (ends) {
				we = ws + (size_t)__builtin_ctzll(ends);
				letters_only = !rest || (size_t)__builtin_ctzll(rest) >= we - ws;
			} else {
				we = tl_word_end(s, ce, b + 64); /* b + 64 <= ce here */
				letters_only = !rest;
				for (size_t k = b + 64; k < we && letters_only; k++)
					letters_only = tl_ascii_alpha((unsigned char)s[k]);
			}
			if (pass_word(&cp, &z, ws, we, letters_only) != TL_OK)
				return TL_ENOMEM;
			i = we;
			if (we - b >= 64)
				break;
			todo &= ~UINT64_C(0) << (we - b);
		}
	}
#else
	for (size_t i = cs; i < ce;) {
		if (!tl_ascii_alpha((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t j = tl_word_end(s, ce, i), k = i + 1;
		while (k < j && tl_ascii_alpha((unsigned char)s[k]))
			k++;
		if (pass_word(&cp, &z, i, j, k == j) != TL_OK)
			return TL_ENOMEM;
		i = j;
	}
#endif
	return TL_OK;
}

/* Whether day a comes after day b, as their day numbers say. Dates whose
 * months are 1..12 and days 1..28 (nothing carries over into the next month)
 * compare field by field, without the day numbers. */
static bool day_after(tl_date a, tl_date b)
{
	if ((unsigned)a.month - 1 < 12 && (unsigned)b.month - 1 < 12 && (unsigned)a.day - 1 < 28 &&
	    (unsigned)b.day - 1 < 28)
		return a.year != b.year	  ? a.year > b.year
		       : a.month != b.month ? a.month > b.month
					    : a.day > b.day;
	return tl_extract_day_number(a) > tl_extract_day_number(b);
}

static tl_event_status find_status(const cues *c, const tl_mention *m, tl_date dct)
{
	if (c->negated)
		return TL_STATUS_NEGATED;
	if (m->first.year && day_after(m->first, dct))
		return TL_STATUS_PLANNED;
	return c->planned ? TL_STATUS_PLANNED : TL_STATUS_DONE;
}

static double grain_base(tl_grain g)
{
	switch (g) {
	case TL_GRAIN_TIME:
	case TL_GRAIN_PART_OF_DAY:
	case TL_GRAIN_DAY:
		return 0.8;
	case TL_GRAIN_WEEKEND:
	case TL_GRAIN_WEEK:
		return 0.6;
	case TL_GRAIN_MONTH:
		return 0.55;
	case TL_GRAIN_SEASON:
	case TL_GRAIN_QUARTER:
	case TL_GRAIN_HALF:
		return 0.35;
	case TL_GRAIN_YEAR:
		return 0.2;
	case TL_GRAIN_DECADE:
	case TL_GRAIN_CENTURY:
	case TL_GRAIN_NONE:
		break;
	}
	return 0.05;
}

/* Whether s[a, b) names the market as "S&P" or "Wall Street": one pass over
 * its capital S's. */
static bool names_market(const char *s, size_t a, size_t b)
{
	const char *p = s + a, *end = s + b;
	while (p < end && (p = memchr(p, 'S', (size_t)(end - p)))) {
		if (end - p >= 3 && memcmp(p, "S&P", 3) == 0)
			return true;
		if (p - (s + a) >= 5 && end - p >= 6 && memcmp(p - 5, "Wall Street", 11) == 0)
			return true;
		p++;
	}
	return false;
}

/* Bylines and time stamps: "By the trade desk Updated 2025-08-12 09:15 ET". */
static bool is_byline(const char *s, size_t len, size_t ts)
{
	size_t ws, we;
	if (tl_word_before(s, ts, 0, &ws, &we) &&
	    (tl_word_equal_ci(s + ws, we - ws, "updated") ||
	     tl_word_equal_ci(s + ws, we - ws, "published") ||
	     tl_word_equal_ci(s + ws, we - ws, "posted")))
		return true;
	return len < 80 && tl_has_prefix(s, len, 0, "By ") && tl_count_words(s, 0, len, 12) < 12;
}

/* strstr(v, "REF") != NULL for a TIMEX3 value ("PAST_REF", "PRESENT_REF"):
 * the usual value ("2025-06-11") holds no 'R' at all, which strchr() finds
 * many bytes a step. */
static bool has_ref(const char *v)
{
	for (const char *r = strchr(v, 'R'); r; r = strchr(r + 1, 'R'))
		if (r[1] == 'E' && r[2] == 'F')
			return true;
	return false;
}

double tl_features_date_confidence(const char *s, size_t len, const tl_sentence_timex *a,
				   const tl_layout *l, const tl_mention *m)
{
	const tl_timex *t = a->timex;
	if (t->type == TL_TIMEX_DURATION || t->type == TL_TIMEX_SET || has_ref(t->value) ||
	    !m->first.year)
		return 0.05;
	if ((l->body > 0 && a->end <= l->body) || is_byline(s, len, a->start))
		return 0.02; /* the dateline or byline: the publication date, not an event */
	return -1;
}

bool tl_features_dropped_given(double date_c, const tl_mention *m)
{
	return date_c >= 0 ? date_c < TL_EXTRACT_FLOOR : grain_base(m->grain) < TL_EXTRACT_FLOOR;
}

bool tl_features_dropped(const char *s, size_t len, const tl_sentence_timex *a,
			 const tl_layout *l, const tl_mention *m)
{
	return tl_features_dropped_given(tl_features_date_confidence(s, len, a, l, m), m);
}

static double find_confidence(const char *s, size_t len, const tl_sentence_timex *a,
			      const tl_layout *l, double date_c, const cues *cue,
			      const tl_mention *m, size_t title_words, const tl_cut *removal)
{
	const tl_timex *t = a->timex;
	double c = date_c;
	if (c >= 0)
		return c;
	c = grain_base(m->grain);
	size_t rs, re, ws, we;
	if (removal) {
		rs = removal->rs;
		re = removal->re;
	} else {
		tl_clause_removal_span(s, len, l->body, a, &rs, &re);
	}
	if (tl_word_before(s, rs, l->body, &ws, &we) &&
	    tl_lexicon_find(s + ws, we - ws, TL_LEX_QUOTE))
		c *= 0.7; /* "said Friday" */
	size_t ae = tl_word_end(s, len, re + (re < len && s[re] == ' '));
	size_t as = re + (re < len && s[re] == ' ');
	if (ae > as && tl_lexicon_find(s + as, ae - as, TL_LEX_QUOTE))
		c *= 0.7; /* "on Friday said" */
	if (re > a->end && tl_lexicon_find(s + as, ae - as, TL_LEX_GENERIC_HEAD))
		c *= 0.3; /* "this year's budget" */
	if (cue->market || names_market(s, l->cs, l->ce))
		c *= 0.5; /* "the Dow fell on Friday" */
	if (m->actors.count == 0 && m->keywords.count < 3)
		c *= 0.6;
	if (title_words < 3)
		c *= 0.5;
	if (memcmp(t->mod, "APPROX", sizeof "APPROX") == 0) /* strcmp(): mod is an array */
		c *= 0.9;
	return c;
}


void tl_features_judge(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
		       size_t anchor, const tl_layout *l, tl_date dct, double date_c,
		       size_t title_words, const tl_cut *removal, const tl_clause_cues *known,
		       tl_mention *m)
{
	const tl_sentence_timex *a = &tx[anchor];
	cues c;
	if (known && !known->no_overflow) {
		c = (cues){known->negated, known->planned, known->market};
		/* "no talks on Friday": a "no" within five words before the date. */
		for (size_t k = 0; k < known->n_no && !c.negated; k++)
			if (known->no_end[k] < a->start &&
			    tl_count_words(s, known->no_end[k], a->start, 6) <= 5)
				c.negated = true;
	} else {
		c = scan_cues(s, l->cs, l->ce, tx, n, a->start);
	}
	m->status = find_status(&c, m, dct);
	m->confidence = find_confidence(s, len, a, l, date_c, &c, m, title_words, removal);
}

/* ## Features */

int tl_features_find(tl_xarena *a, const char *s, size_t len, const tl_sentence_timex *tx,
		     size_t n, const tl_layout *l, const tl_cut *cuts, size_t n_cuts, tl_buf *cut,
		     tl_clause_cues *said, tl_mention *m)
{
	tl_buf_reset(cut);
	/* The cuts, found here when the caller has none: the pass over the
	 * clause's words needs them as much as the cut text does. */
	tl_cut few[16], *own = NULL;
	if (!cuts) {
		own = n > 16 ? malloc(n * sizeof *own) : few;
		if (!own)
			return TL_ENOMEM;
		n_cuts = tl_headline_find_cuts(s, len, l->cs, l->ce, tx, n, l->body, own, SIZE_MAX,
					       NULL);
		cuts = own;
	}
	/* Room for the usual clause in one allocation (appends grow it if not). */
	int rc = tl_buf_grow(cut, l->ce - l->cs + 16);
	if (rc == TL_OK)
		rc = tl_headline_apply_cuts(s, l->cs, l->ce, cuts, n_cuts, " ; ", cut);
	/* Sixteen zero bytes after the text: the actor scan and the figures'
	 * digit scan read sixteen bytes a step. */
	if (rc == TL_OK && (rc = tl_buf_grow(cut, 16)) == TL_OK)
		memset(cut->data + cut->len, 0, 17);
	if (rc == TL_OK)
		rc = tl_actors_find_in(a, cut->data, cut->len, true, l->cs == l->body, &m->actors);
	if (rc == TL_OK)
		rc = clause_words(a, s, len, l, cuts, n_cuts, tx, n, &m->keywords, said);
	if (rc == TL_OK)
		rc = find_figures(a, cut->data, cut->len, &m->figures);
	if (own != few)
		free(own);
	tl_xarena_finish(a, &m->actors);
	tl_actors_collapse_in(a, &m->actors);
	tl_xarena_finish(a, &m->keywords);
	tl_xarena_finish(a, &m->figures);
	return rc;
}
