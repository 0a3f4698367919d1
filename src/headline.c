/*
 * headline.c - the short headline of a mention (see headline.h): the clause
 * that holds the date, with every date and its prepositions cut out, then
 * tidied (spaces, punctuation left by the cuts, leading connectives, dangling
 * last words, unmatched quotes), capitalized and capped at TL_TITLE_MAX bytes
 * at a space outside quotation marks. No state; the text it builds goes into
 * the caller's buffer.
 */
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "clause.h"
#include "headline.h"
#include "lexicon.h"

/* The span [*rs, *re) cut for the dated timex tx[i] inside s[a, b); false
 * when tx[i] is no date or lies outside. */
static inline bool cut_span(const char *s, size_t len, size_t a, size_t b,
			    const tl_sentence_timex *tx, size_t i, size_t floor, size_t *rs_out,
			    size_t *re_out, tl_cut *removal)
{
	if (!tl_clause_is_dated(&tx[i]) || tx[i].start < a || tx[i].end > b)
		return false;
	size_t rs, re;
	tl_clause_removal_span(s, len, floor > a ? floor : a, &tx[i], &rs, &re);
	if (removal)
		*removal = (tl_cut){rs, re};
	/* A date set off by commas takes both: "Trump, on Friday, said" */
	size_t cb = rs, ca = re;
	while (cb > a && s[cb - 1] == ' ')
		cb--;
	while (ca < b && s[ca] == ' ')
		ca++;
	if (cb > a && s[cb - 1] == ',' && ca < b && s[ca] == ',') {
		rs = cb - 1;
		re = ca + 1;
	} else if (rs < tx[i].start && ca + 2 < b && s[ca] == ',' && s[ca + 1] == ' ' &&
		   tl_lexicon_find(s + ca + 2, tl_word_end(s, b, ca + 2) - (ca + 2),
				   TL_LEX_DATE_PREP)) {
		re = ca + 1; /* "met on Thursday, Oct. 30, in Busan" */
	}
	*rs_out = rs;
	*re_out = re > b ? b : re;
	return true;
}

/* Writes s[*pos, rs) and sep (sep_n bytes) for one cut at *w and moves *pos
 * past it. */
static inline void put_cut(const char *s, size_t rs, size_t re, const char *sep, size_t sep_n,
			   size_t *pos, char **w)
{
	if (rs < *pos)
		rs = *pos;
	if (rs > *pos) {
		memcpy(*w, s + *pos, rs - *pos);
		*w += rs - *pos;
	}
	memcpy(*w, sep, sep_n);
	*w += sep_n;
	if (re > *pos)
		*pos = re;
}

/* Room in out for the text of s[a, b) with up to cuts cuts, each sep_n bytes:
 * the kept bytes of the text are at most b - a. Returns where to write. */
static char *cut_room(tl_buf *out, size_t a, size_t b, size_t cuts, size_t sep_n)
{
	size_t text = b > a ? b - a : 0;
	if (cuts > (SIZE_MAX - text) / (sep_n + 1) ||
	    tl_buf_grow(out, text + cuts * sep_n) != TL_OK)
		return NULL;
	return out->data + out->len;
}

/* Writes the rest s[pos, b) at w and ends out there. */
static int put_rest(const char *s, size_t pos, size_t b, char *w, tl_buf *out)
{
	if (b > pos) {
		memcpy(w, s + pos, b - pos);
		w += b - pos;
	}
	*w = '\0';
	out->len = (size_t)(w - out->data);
	return TL_OK;
}

/* Copies s[a, b) minus the date spans into out; each cut becomes sep. */
int tl_headline_cut_dates(const char *s, size_t len, size_t a, size_t b,
			  const tl_sentence_timex *tx, size_t n, size_t floor, const char *sep,
			  tl_buf *out)
{
	size_t sep_n = strlen(sep);
	char *w = cut_room(out, a, b, n, sep_n);
	if (!w)
		return TL_ENOMEM;
	size_t pos = a, rs, re;
	for (size_t i = 0; i < n; i++)
		if (cut_span(s, len, a, b, tx, i, floor, &rs, &re, NULL))
			put_cut(s, rs, re, sep, sep_n, &pos, &w);
	return put_rest(s, pos, b, w, out);
}

size_t tl_headline_find_cuts(const char *s, size_t len, size_t a, size_t b,
			     const tl_sentence_timex *tx, size_t n, size_t floor, tl_cut *cuts,
			     size_t anchor, tl_cut *removal)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (cut_span(s, len, a, b, tx, i, floor, &cuts[count].rs, &cuts[count].re,
			     i == anchor ? removal : NULL))
			count++;
	return count;
}

int tl_headline_apply_cuts(const char *s, size_t a, size_t b, const tl_cut *cuts, size_t count,
			   const char *sep, tl_buf *out)
{
	size_t sep_n = strlen(sep);
	char *w = cut_room(out, a, b, count, sep_n);
	if (!w)
		return TL_ENOMEM;
	size_t pos = a;
	for (size_t i = 0; i < count; i++)
		put_cut(s, cuts[i].rs, cuts[i].re, sep, sep_n, &pos, &w);
	return put_rest(s, pos, b, w, out);
}

static bool is_punct_mark(char c)
{
	return c == ',' || c == ';' || c == ':' || c == '.';
}

/* Bytes tidy() acts on: the end, spaces, punctuation marks and ')'. */
static const bool tidy_byte[256] = {
	[0] = true,   [' '] = true,  ['\t'] = true, ['\n'] = true, ['\v'] = true, ['\f'] = true,
	['\r'] = true, [','] = true,  [';'] = true,  [':'] = true,  ['.'] = true,  [')'] = true,
};

#if defined(__SSE2__) && defined(__GNUC__)
/* The bytes of v that tidy() acts on (tidy_byte), as a bit mask. */
static inline unsigned tidy16(__m128i v)
{
#define EQ(c) _mm_cmpeq_epi8(v, _mm_set1_epi8(c))
	/* '\t'..'\r' are the bytes whose c - 9 is below 5 as an unsigned byte. */
	__m128i ctl = _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(v, _mm_set1_epi8(9)),
						   _mm_set1_epi8((char)0x80)),
				     _mm_set1_epi8((char)(0x80 + 5)));
	__m128i hit = _mm_or_si128(_mm_or_si128(_mm_or_si128(EQ(0), EQ(' ')), ctl),
				   _mm_or_si128(_mm_or_si128(EQ(','), EQ(';')),
						_mm_or_si128(_mm_or_si128(EQ(':'), EQ('.')), EQ(')'))));
#undef EQ
	return (unsigned)_mm_movemask_epi8(hit);
}
#endif

/* The first r' >= r (r > 0) where tidy() must look at t[r'] when the bytes
 * from r on are copied as they are: a tidy_byte, but not a space after a byte
 * other than ' ' and '(' (t[r - 1] counts: it must be the byte before t[r] in
 * the output too). t has sixteen readable bytes after its NUL. */
static size_t tidy_next(const char *t, size_t r)
{
#if defined(__SSE2__) && defined(__GNUC__)
	const __m128i space = _mm_set1_epi8(' '), paren = _mm_set1_epi8('(');
	for (;; r += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + r));
		__m128i prev = _mm_loadu_si128((const __m128i *)(const void *)(t + r - 1));
		__m128i after_word = _mm_andnot_si128(
			_mm_or_si128(_mm_cmpeq_epi8(prev, space), _mm_cmpeq_epi8(prev, paren)),
			_mm_cmpeq_epi8(v, space));
		unsigned m = tidy16(v) & ~(unsigned)_mm_movemask_epi8(after_word);
		if (m)
			return r + (size_t)__builtin_ctz(m);
	}
#else
	for (;; r++) {
		while (!tidy_byte[(unsigned char)t[r]])
			r++;
		if (t[r] != ' ' || t[r - 1] == ' ' || t[r - 1] == '(')
			return r;
	}
#endif
}

/* Folds spaces and repairs punctuation left by cuts, in place; returns the
 * new length. t has sixteen readable bytes after its NUL (tidy_next()). */
static size_t tidy(char *t)
{
	size_t w = 0;
	for (size_t r = 0; t[r]; r++) {
		/* Other bytes, and single spaces after a word, are copied as they
		 * are (they are in place until a byte is dropped). The byte at r
		 * is taken as it is only when no space rule applies to it: its
		 * output neighbour may differ from t[r - 1]. */
		size_t e = tidy_byte[(unsigned char)t[r]] ? r : tidy_next(t, r + 1);
		if (w == r) {
			w = r = e;
		} else if (e > r) {
			memmove(t + w, t + r, e - r);
			w += e - r;
			r = e;
		}
		if (!t[r])
			break;
		char c = t[r];
		if (tl_ascii_space((unsigned char)c)) {
			if (w > 0 && t[w - 1] != ' ' && t[w - 1] != '(')
				t[w++] = ' ';
			continue;
		}
		if (is_punct_mark(c) || c == ')') {
			while (w > 0 && t[w - 1] == ' ')
				w--;
			/* ",," or ", ." keep the stronger (later) mark only for "." */
			if (w > 0 && is_punct_mark(t[w - 1]) && is_punct_mark(c) && t[w - 1] != '.') {
				if (c == '.' || c == ';')
					t[w - 1] = c;
				continue;
			}
			if (c == ')' && w > 0 && t[w - 1] == '(') {
				w--;
				while (w > 0 && t[w - 1] == ' ')
					w--;
				continue;
			}
		}
		t[w++] = c;
	}
	t[w] = '\0';
	return w;
}

static size_t strip_leading(char *t)
{
	size_t i = 0, changed = 1;
	while (changed) {
		changed = 0;
		while (t[i] && (t[i] == ' ' || is_punct_mark(t[i]) || t[i] == '-')) {
			i++;
			changed = 1;
		}
		size_t we = i;
		while (tl_ascii_alpha((unsigned char)t[we]))
			we++;
		if (we > i && (t[we] == ' ' || t[we] == ',') &&
		    tl_lexicon_find(t + i, we - i, TL_LEX_LEAD)) {
			i = we;
			changed = 1;
		}
	}
	return i;
}

/* Strips t[0..n) (n its length) of trailing punctuation, a final full stop
 * and dangling words; returns the new length. */
static size_t strip_trailing(char *t, size_t n)
{
	bool changed = true;
	/* The length at which the last word was found to be no dangling one:
	 * a pass that reaches it again changes nothing more. */
	size_t kept = SIZE_MAX;
	while (changed && n) {
		changed = false;
		while (n && (t[n - 1] == ' ' || t[n - 1] == ',' || t[n - 1] == ';' ||
			     t[n - 1] == ':' || t[n - 1] == '-')) {
			n--;
			changed = true;
		}
		/* A final full stop, but not the one of "U.S." */
		if (n >= 1 && t[n - 1] == '.' && !(n >= 3 && t[n - 3] == '.')) {
			n--;
			changed = true;
		}
		if (n == kept)
			break;
		kept = n;
		size_t k = n;
		while (k && tl_ascii_alpha((unsigned char)t[k - 1]))
			k--;
		if (k < n && (k == 0 || t[k - 1] == ' ') && k > 0 &&
		    tl_lexicon_find(t + k, n - k, TL_LEX_DANGLING)) {
			n = k;
			changed = true;
		}
	}
	t[n] = '\0';
	return n;
}

/* Cuts t to TL_TITLE_MAX bytes at a space outside quotation marks, adding "…". */
static int cap_title(tl_buf *b)
{
	if (b->len <= TL_TITLE_MAX)
		return TL_OK;
	bool in_quote = false;
	size_t cut = 0, any_space = 0, quote_open = 0;
	size_t i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
	/* Sixteen bytes a step up to the first that may be a quotation mark
	 * ('"' or the lead byte 0xE2 of a curly one): before it, the last space
	 * of a step is the cut (no quote is open). */
	size_t stop = b->len < TL_TITLE_MAX + 1 ? b->len : TL_TITLE_MAX + 1;
	for (; i + 16 <= stop; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b->data + i));
		if (_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
						   _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)))))
			break;
		unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
		if (sp)
			cut = any_space = i + 31 - (size_t)__builtin_clz(sp);
	}
#endif
	while (i <= TL_TITLE_MAX && i < b->len) {
		bool was = in_quote;
		/* Only '"' and the lead byte of curly quotes (0xE2) can be quotes. */
		unsigned char c = (unsigned char)b->data[i];
		size_t q = c == '"' || c == 0xE2
				   ? tl_clause_quote_step(b->data, b->len, i, &in_quote)
				   : 0;
		if (q) {
			if (!was && in_quote)
				quote_open = i;
			i += q;
			continue;
		}
		if (b->data[i] == ' ') {
			any_space = i;
			if (!in_quote)
				cut = i;
		}
		i++;
	}
	if (!cut)
		cut = in_quote && quote_open > 0 ? quote_open : any_space;
	if (!cut) {
		cut = TL_TITLE_MAX;
		/* Never end inside a UTF-8 sequence. */
		while (cut > 0 && ((unsigned char)b->data[cut] & 0xC0) == 0x80)
			cut--;
	}
	b->data[cut] = '\0';
	b->len = strip_trailing(b->data, cut);
	return tl_buf_puts(b, "\xE2\x80\xA6");
}

static void capitalize(char *t)
{
	size_t i = 0;
	while (t[i] == '"' || t[i] == '\'' || t[i] == '(')
		i++;
	if (tl_ascii_lower((unsigned char)t[i]))
		t[i] = (char)(t[i] - 'a' + 'A');
}

/* Cleans a cut clause into a headline (t is modified, and stays at t);
 * returns its length. */
static size_t finish_title(char *t)
{
	size_t n = tidy(t);
	size_t lead = strip_leading(t);
	if (lead) {
		n -= lead;
		memmove(t, t + lead, n + 1);
	}
	n = strip_trailing(t, n);
	/* An unmatched quote left at either end by the cut. */
	size_t quotes = 0;
	for (const char *q = memchr(t, '"', n); q; q = memchr(q + 1, '"', n - (size_t)(q + 1 - t)))
		quotes++;
	/* strip_trailing() stops only when nothing changes: run it again only
	 * when dropping the quote changed the text. */
	if (quotes % 2 == 1 && n && t[n - 1] == '"') {
		t[n - 1] = '\0';
		n = strip_trailing(t, n - 1);
	} else if (quotes % 2 == 1 && t[0] == '"') {
		memmove(t, t + 1, n);
		n = strip_trailing(t, n - 1);
	}
	capitalize(t);
	return n;
}

int tl_headline_build(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
		      const tl_layout *l, const tl_cut *cuts, size_t n_cuts, tl_buf *out,
		      size_t *words)
{
	size_t count = 0;
	for (int pass = 0; pass < 2; pass++) {
		size_t a = pass == 0 ? l->cs : l->body;
		tl_buf_reset(out);
		/* Room for the usual headline in one allocation (appends grow it if not). */
		if (tl_buf_grow(out, len + 8) != TL_OK)
			return TL_ENOMEM;
		int rc = pass == 0 && cuts ? tl_headline_apply_cuts(s, a, l->ce, cuts, n_cuts, " ", out)
					   : tl_headline_cut_dates(s, len, a, pass == 0 ? l->ce : len,
								   tx, n, l->body, " ", out);
		if (rc != TL_OK)
			return TL_ENOMEM;
		/* Sixteen zero bytes after the text for tidy()'s steps. */
		if (tl_buf_grow(out, 16) != TL_OK)
			return TL_ENOMEM;
		memset(out->data + out->len, 0, 17);
		out->len = finish_title(out->data);
		/* A clause of one or two words is not a headline: use the sentence. */
		count = tl_count_words(out->data, 0, out->len, 3);
		if (count >= 3)
			break;
	}
	/* cap_title() changes only a headline longer than TL_TITLE_MAX. */
	bool capped = out->len > TL_TITLE_MAX;
	int rc = cap_title(out);
	if (words)
		*words = !capped ? count : tl_count_words(out->data, 0, out->len, 3);
	return rc;
}
