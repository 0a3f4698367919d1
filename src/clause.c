/*
 * clause.c - the structure of a folded sentence (see clause.h): where its
 * dateline ends, which clause holds a given date (clause marks are never
 * looked for inside quotation marks), and which words go with a date when it
 * is cut out of a headline. Byte scanning, linear in the sentence length
 * (the clause scan looks at sixteen bytes a step where SSE2 is there, and
 * stops only at marks and at spaces before words that may matter, reading
 * the rest of a step's stops from its mask); no state, no allocation.
 */
#include <stdint.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "clause.h"
#include "lexicon.h"

/* Where the body starts after a dateline ("WASHINGTON, June 6 (Wire) - "), else 0. */
static size_t dateline_end(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (tl_ascii_upper((unsigned char)s[i]) || s[i] == ' ' || s[i] == '.'))
		i++;
	if (i < 3 || (i < len && tl_ascii_lower((unsigned char)s[i])))
		return 0;
	size_t limit = len < 90 ? len : 90;
	for (size_t j = i; j + 2 < limit; j++) {
		if (s[j] != ' ')
			continue;
		size_t dash = 0;
		if (s[j + 1] == '-' && s[j + 2] == '-')
			dash = 2;
		else if (s[j + 1] == '-')
			dash = 1;
		else if (tl_has_prefix(s, len, j + 1, "\xE2\x80\x94") ||
			 tl_has_prefix(s, len, j + 1, "\xE2\x80\x93"))
			dash = 3;
		if (dash && j + 1 + dash < len && s[j + 1 + dash] == ' ')
			return j + 2 + dash;
	}
	return 0;
}

/* Quote state: ASCII double quotes toggle; curly ones open and close. */
static inline size_t quote_step(const char *s, size_t len, size_t i, bool *in_quote)
{
	if (s[i] == '"') {
		*in_quote = !*in_quote;
		return 1;
	}
	if ((unsigned char)s[i] != 0xE2)
		return 0;
	if (tl_has_prefix(s, len, i, "\xE2\x80\x9C")) {
		*in_quote = true;
		return 3;
	}
	if (tl_has_prefix(s, len, i, "\xE2\x80\x9D")) {
		*in_quote = false;
		return 3;
	}
	return 0;
}

size_t tl_clause_quote_step(const char *s, size_t len, size_t i, bool *in_quote)
{
	return quote_step(s, len, i, in_quote);
}

/* A reporting verb among the few words before position e. */
static bool reporting_before(const char *s, size_t e, size_t floor)
{
	size_t pos = e;
	for (int k = 0; k < 5; k++) {
		size_t ws, we;
		while (pos > floor && s[pos - 1] == ',')
			pos--;
		if (!tl_word_before(s, pos, floor, &ws, &we))
			return false;
		if (tl_lexicon_find(s + ws, we - ws, TL_LEX_REPORTING))
			return true;
		pos = ws;
	}
	return false;
}

/* After the date no word matters: a space counts only before a dash, so the
 * scan stops at the dash ('-', or 0xE2 for the long ones) instead. */
static const bool clause_byte_after[256] = {
	['"'] = true, [0xE2] = true, [';'] = true, [':'] = true, [','] = true, ['-'] = true,
};

/* Before the date a space matters only before a word that may be "that" or
 * a subordinator (their first letters, either case), or before a dash: the
 * scan passes the other spaces (what find_clause() does there changes
 * nothing). */
#define FIRST(c) [c] = true, [(c) - 32] = true
static const bool pre_space_next[256] = {
	FIRST('a'), FIRST('b'), FIRST('f'), FIRST('o'), FIRST('s'), FIRST('t'), FIRST('w'),
	['-'] = true, [0xE2] = true,
};
#undef FIRST

/* The other bytes the scan before the date stops at: quotation marks (and
 * the lead byte of curly ones and dashes) and clause marks. */
static const bool pre_mark[256] = {
	['"'] = true, [0xE2] = true, [';'] = true, [':'] = true, [','] = true,
};

#if defined(__SSE2__) && defined(__GNUC__)
/* The bytes of 16 that both scans stop at: '"', the lead byte of curly
 * quotes and dashes (0xE2), ';', ':' and ','. */
static inline __m128i clause_marks16(__m128i v)
{
	__m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
	__m128i e2 = _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2));
	__m128i semi = _mm_cmpeq_epi8(v, _mm_set1_epi8(';'));
	__m128i colon = _mm_cmpeq_epi8(v, _mm_set1_epi8(':'));
	__m128i comma = _mm_cmpeq_epi8(v, _mm_set1_epi8(','));
	return _mm_or_si128(_mm_or_si128(_mm_or_si128(quote, e2), _mm_or_si128(semi, colon)),
			    comma);
}
#endif

#if defined(__SSE2__) && defined(__GNUC__)
/* The bytes of 16 (l1, l2: the first two letters after them, lower-cased by
 * | 0x20) before a word that may be a subordinator: one whose first two
 * letters are those of one (TL_LEX_SUBORDINATOR_PAIRS). */
static inline __m128i subordinator_pairs16(__m128i l1, __m128i l2)
{
	static const char pairs[] = TL_LEX_SUBORDINATOR_PAIRS;
	__m128i any = _mm_setzero_si128();
	for (size_t k = 0; k + 1 < sizeof pairs; k += 2)
		any = _mm_or_si128(any, _mm_and_si128(_mm_cmpeq_epi8(l1, _mm_set1_epi8(pairs[k])),
						      _mm_cmpeq_epi8(l2, _mm_set1_epi8(pairs[k + 1]))));
	return any;
}
#endif

/* The stops of the last sixteen-byte step of next_pre_stop(): bit k of mask
 * says whether s[base + k] is one. The scan of a clause goes on from just
 * after a stop, mostly inside the same step: it reads the rest of its mask
 * instead of testing those bytes again. base == SIZE_MAX: no step yet. */
typedef struct pre_steps {
	size_t base;
	unsigned mask;
} pre_steps;

/* The first byte at or after i that find_clause() acts on before the date (a
 * mark, or a space before a word or dash that may matter), or len. With
 * SSE2, sixteen bytes a step, a space counts only before a dash, "tha" (for
 * "that") or the first two letters of a subordinator; the bytes left after
 * the last step stop at every space before a first letter of those
 * (pre_space_next): stopping more often changes nothing. *last holds the
 * last step's stops (for the same s and len). */
static size_t next_pre_stop(const char *s, size_t len, size_t i, pre_steps *last)
{
	const unsigned char *u = (const unsigned char *)s;
#if defined(__SSE2__) && defined(__GNUC__)
	if (last->base != SIZE_MAX && i >= last->base && i - last->base < 16) {
		/* Whether a byte is a stop depends on the bytes only. */
		unsigned rest = last->mask & (0xffffu << (i - last->base));
		if (rest)
			return last->base + (size_t)__builtin_ctz(rest);
		i = last->base + 16;
	}
	const __m128i e2 = _mm_set1_epi8((char)0xE2), space = _mm_set1_epi8(' ');
	const __m128i dash = _mm_set1_epi8('-'), lower = _mm_set1_epi8(0x20);
	for (; i + 19 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		__m128i n1 = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 1));
		__m128i n2 = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 2));
		__m128i n3 = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 3));
		__m128i mark = clause_marks16(v);
		/* x | 0x20 is a given lower-case letter only for that letter in
		 * either case. */
		__m128i l1 = _mm_or_si128(n1, lower), l2 = _mm_or_si128(n2, lower);
		__m128i l3 = _mm_or_si128(n3, lower);
		__m128i that = _mm_and_si128(
			_mm_and_si128(_mm_cmpeq_epi8(l1, _mm_set1_epi8('t')),
				      _mm_cmpeq_epi8(l2, _mm_set1_epi8('h'))),
			_mm_cmpeq_epi8(l3, _mm_set1_epi8('a')));
		__m128i next = _mm_or_si128(_mm_or_si128(subordinator_pairs16(l1, l2), that),
					    _mm_or_si128(_mm_cmpeq_epi8(n1, dash),
							 _mm_cmpeq_epi8(n1, e2)));
		__m128i stop = _mm_or_si128(mark, _mm_and_si128(_mm_cmpeq_epi8(v, space), next));
		unsigned m = (unsigned)_mm_movemask_epi8(stop);
		if (m) {
			*last = (pre_steps){i, m};
			return i + (size_t)__builtin_ctz(m);
		}
	}
#else
	(void)last;
#endif
	for (; i < len; i++) {
		if (pre_mark[u[i]] || (u[i] == ' ' && i + 1 < len && pre_space_next[u[i + 1]]))
			return i;
	}
	return len;
}

/* The first byte at or after i of the scan after the date (clause_byte_after), or len. */
static size_t next_after_stop(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
#if defined(__SSE2__) && defined(__GNUC__)
	const __m128i dash = _mm_set1_epi8('-');
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		__m128i stop = _mm_or_si128(clause_marks16(v), _mm_cmpeq_epi8(v, dash));
		unsigned m = (unsigned)_mm_movemask_epi8(stop);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < len && !clause_byte_after[u[i]])
		i++;
	return i;
}

/* ASCII bytes of a word: letters and the apostrophe. */
#define LETTERS(c) [c] = true, [(c) + 32] = true
static const bool ascii_word_byte[256] = {
	LETTERS('A'), LETTERS('B'), LETTERS('C'), LETTERS('D'), LETTERS('E'), LETTERS('F'),
	LETTERS('G'), LETTERS('H'), LETTERS('I'), LETTERS('J'), LETTERS('K'), LETTERS('L'),
	LETTERS('M'), LETTERS('N'), LETTERS('O'), LETTERS('P'), LETTERS('Q'), LETTERS('R'),
	LETTERS('S'), LETTERS('T'), LETTERS('U'), LETTERS('V'), LETTERS('W'), LETTERS('X'),
	LETTERS('Y'), LETTERS('Z'), ['\''] = true,
};
#undef LETTERS

/*
 * The clause of s[body, len) holding [ts, te): hard marks (";", ": ", spaced
 * dashes, ", and", ", which", ", -ing" ...) bound it on both sides; "said ...
 * that" and subordinators ("after Trump and Xi spoke ... on June 4") only
 * move its start. Marks inside quotation marks do not count.
 */
static void find_clause(const char *s, size_t len, size_t body, size_t ts, size_t te,
			size_t *cs, size_t *ce)
{
	size_t start = body, end = len, saved_start = body;
	bool in_quote = false, comma_start = false;
	pre_steps steps = {SIZE_MAX, 0};
	for (size_t i = body; i < len;) {
		/* Letters and most punctuation neither quote nor mark a clause. */
		if (i < ts) {
			i = next_pre_stop(s, len, i, &steps);
		} else {
			size_t from = i;
			i = next_after_stop(s, len, i);
			/* A space this scan passed, just before a dash: act on it. */
			if (i < len && i > from && s[i - 1] == ' ' &&
			    (s[i] == '-' || (unsigned char)s[i] == 0xE2))
				i--;
		}
		if (i >= len)
			break;
		size_t q = quote_step(s, len, i, &in_quote);
		if (q) {
			i += q;
			continue;
		}
		if (in_quote) {
			i++;
			continue;
		}
		size_t prev_end = 0, next = 0, resume = 0;
		bool hard = false, soft = false;
		if (s[i] == ';' || (s[i] == ':' && i + 1 < len && s[i + 1] == ' ')) {
			hard = true;
			prev_end = i;
			next = i + 1;
		} else if (s[i] == ' ' && i + 2 < len && (s[i + 1] == '-' ||
				tl_has_prefix(s, len, i + 1, "\xE2\x80\x94") ||
				tl_has_prefix(s, len, i + 1, "\xE2\x80\x93"))) {
			size_t j = i + 1;
			while (j < len && (s[j] == '-' || (unsigned char)s[j] >= 0x80))
				j++;
			if (j < len && s[j] == ' ' && j - i <= 4) {
				hard = true;
				prev_end = i;
				next = j + 1;
			}
		} else if (s[i] == ',' && i + 2 < len && s[i + 1] == ' ') {
			size_t we = tl_word_end(s, len, i + 2);
			const char *w = s + i + 2;
			size_t wl = we - (i + 2);
			unsigned flags = tl_lexicon_find(
				w, wl, TL_LEX_COMMA_CONJ | TL_LEX_COMMA_ENDER | TL_LEX_NOT_PARTICIPLE);
			bool participle = wl >= 5 && tl_ascii_lower((unsigned char)w[0]) &&
					  memcmp(w + wl - 3, "ing", 3) == 0 &&
					  !(flags & TL_LEX_NOT_PARTICIPLE);
			if (wl && ((flags & TL_LEX_COMMA_CONJ) || participle)) {
				hard = true;
				prev_end = i;
				next = i + 2;
			} else if (wl && (flags & TL_LEX_COMMA_ENDER)) {
				if (i >= te && i < end)
					end = i;
			} else if (comma_start && i < ts) {
				/* "X, including Y, did Z on DATE": the aside closed before the date. */
				start = saved_start;
				comma_start = false;
			}
			if (hard && next <= ts && next > start) {
				saved_start = start;
				start = next;
				comma_start = true;
				hard = false;
			}
		} else if (s[i] == ' ' && i < ts && (i == body || s[i - 1] != ',')) {
			/* Only a word that ends before the date can move the start. */
			size_t we = i + 1, mark = 0;
			/* ASCII letters and apostrophes first, one table test a byte. */
			while (we < len && ascii_word_byte[(unsigned char)s[we]])
				we++;
			while (we < len && (tl_word_char((unsigned char)s[we]) || s[we] == '\'')) {
				if ((unsigned char)s[we] == 0xE2 && !mark)
					mark = we;
				we++;
			}
			const char *w = s + i + 1;
			size_t wl = we - (i + 1);
			/* The scan goes on after the word, or at its first byte that
			 * may be a quotation mark or dash (0xE2): nothing else in a
			 * word is a clause byte. */
			resume = mark ? mark : we;
			if (tl_word_equal_ci(w, wl, "that") && reporting_before(s, i, body)) {
				soft = true;
				next = we;
			} else if (wl && we < ts && tl_lexicon_find(w, wl, TL_LEX_SUBORDINATOR) &&
				   tl_count_words(s, we, ts, 4) >= 4) {
				soft = true;
				next = i + 1;
			}
		}
		if ((hard || soft) && next <= ts && next > start) {
			start = next;
			comma_start = false;
		}
		if (hard && prev_end >= te && prev_end < end)
			end = prev_end;
		/* The end is set by the first mark after the date that sets it
		 * (a later one lies past it), and the start moves only before the
		 * date: nothing after can change the clause. */
		if (end < len)
			break;
		i = resume > i + 1 ? resume : i + 1;
	}
	while (start < end && s[start] == ' ')
		start++;
	while (end > start && s[end - 1] == ' ')
		end--;
	*cs = start;
	*ce = end;
}

/* The span to cut for a date: the timex, prepositions before it, "'s" after it. */
void tl_clause_removal_span(const char *s, size_t len, size_t floor, const tl_sentence_timex *t,
			 size_t *rs, size_t *re)
{
	size_t a = t->start, b = t->end;
	for (int k = 0; k < 3; k++) {
		size_t ws, we;
		if (!tl_word_before(s, a, floor, &ws, &we) ||
		    !tl_lexicon_find(s + ws, we - ws, TL_LEX_DATE_PREP))
			break;
		a = ws;
	}
	if (tl_has_prefix(s, len, b, "'s") || tl_has_prefix(s, len, b, "\xE2\x80\x99s"))
		b += s[b] == '\'' ? 2 : 4;
	else if (b < len && s[b] == '\'')
		b++;
	*rs = a;
	*re = b;
}

tl_layout tl_clause_layout(const char *s, size_t len, const tl_sentence_timex *a)
{
	tl_layout l;
	l.body = dateline_end(s, len);
	find_clause(s, len, l.body, a->start, a->end, &l.cs, &l.ce);
	return l;
}

size_t tl_clause_body(const char *s, size_t len)
{
	return dateline_end(s, len);
}

void tl_clause_find(const char *s, size_t len, const tl_sentence_timex *a, tl_layout *l)
{
	find_clause(s, len, l->body, a->start, a->end, &l->cs, &l->ce);
}
