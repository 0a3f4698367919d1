/*
 * text.c - the input cleaner (see text.h for the rules). One linear pass over
 * the raw bytes decodes UTF-8, folds typography to ASCII, drops CRs and joins
 * print hyphenation while it fills the clean copy and its offset map, kept as
 * runs (a new run only where the clean text stops following the original
 * byte for byte), so plain text - line feeds included, unless one follows a
 * '-' and may join a hyphenated word - is found sixteen bytes at a time
 * (SSE2, with a cheaper test of 64 bytes at once while they hold no line feed
 * and nothing else to clean; else eight with word arithmetic), copied with memcpy() and the map
 * costs 8 bytes per run instead of bytes per byte; a second linear pass blanks
 * web-page cruft lines (text_cruft.c) and a third splits sentences. Nothing is
 * allocated per byte: the clean copy is sized from the input (cleaning never
 * makes text longer) and the runs array grows by doubling. The tl_text it
 * fills owns every allocation; this file keeps no other state.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ascii.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "text_cruft.h"

#define OFF_BITS TL_RUN_OFF_BITS
#define OFF_MASK TL_RUN_OFF_MASK

/* What the cleaner replaced: invalid UTF-8 and NUL bytes, for the warnings. */
typedef struct damage {
	size_t n_invalid, first_invalid;
	size_t n_nul, first_nul;
} damage;

/* The state of the cleaning pass. */
typedef struct cleaner {
	const unsigned char *raw;
	size_t len;
	char *clean;
	tl_run *runs;
	size_t n_runs, cap_runs;
	bool failed; /* the runs array could not grow */
	size_t j; /* bytes written to clean */
	damage d;
} cleaner;

/* Makes clean[c->j] (standing for the width original bytes at raw offset at) part of a
 * run: the current one when it continues there, else a new one. */
static void map_at(cleaner *c, size_t at, size_t width)
{
	uint32_t packed = (uint32_t)at | (uint32_t)(width - 1) << OFF_BITS;
	if (c->n_runs > 0) {
		tl_run *last = &c->runs[c->n_runs - 1];
		size_t w = (last->orig >> OFF_BITS) + 1;
		if (w == width && (last->orig & OFF_MASK) + w * (c->j - last->clean) == at)
			return;
		if (last->clean == c->j) { /* an empty run (its byte was taken back): reuse it */
			last->orig = packed;
			return;
		}
	}
	if (c->n_runs == c->cap_runs) {
		size_t cap = c->cap_runs ? c->cap_runs * 2 : 64;
		tl_run *grown = c->failed ? NULL : realloc(c->runs, cap * sizeof *grown);
		if (!grown) {
			c->failed = true;
			return;
		}
		c->runs = grown;
		c->cap_runs = cap;
	}
	c->runs[c->n_runs++] = (tl_run){(uint32_t)c->j, packed};
}

static void emit(cleaner *c, char ch, size_t at, size_t width)
{
	map_at(c, at, width);
	c->clean[c->j++] = ch;
}

/* Common first halves of hyphenated compounds: "rare-\nearth" keeps its hyphen. */
static bool compound_head(const char *w, size_t n)
{
	static const char *const heads[] = {
		"all", "anti", "back", "best", "big", "co", "cross", "day", "eight", "end", "ex",
		"far", "first", "five", "follow", "four", "free", "full", "half", "hard", "high",
		"ill", "large", "left", "long", "low", "mid", "month", "much", "multi", "near",
		"new", "nine", "non", "north", "old", "one", "open", "part", "post", "rare",
		"record", "right", "run", "second", "self", "semi", "set", "seven", "short", "side",
		"six", "small", "so", "south", "east", "west", "ten", "third", "three", "top",
		"trade", "two", "vice", "week", "well", "wide", "year",
	};
	char low[8];
	if (n >= sizeof low)
		return false;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tl_to_lower((unsigned char)w[i]);
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
		if (strlen(heads[i]) == n && memcmp(heads[i], low, n) == 0)
			return true;
	return false;
}

enum { BREAK_KEEP_NEWLINE, BREAK_JOIN, BREAK_KEEP_HYPHEN };

/* Decides what a line break right after clean[j-1] == '-' becomes, given the
 * first byte r of the next line. */
static int hyphen_break(const cleaner *c, unsigned char r)
{
	size_t j = c->j;
	if (j >= 2 && tl_is_digit((unsigned char)c->clean[j - 2]))
		return tl_is_alpha(r) || tl_is_digit(r) ? BREAK_KEEP_HYPHEN : BREAK_KEEP_NEWLINE;
	if (j < 2 || !tl_is_alpha((unsigned char)c->clean[j - 2]))
		return BREAK_KEEP_NEWLINE;
	size_t w = j - 2;
	while (w > 0 && tl_is_alpha((unsigned char)c->clean[w - 1]))
		w--;
	size_t n = j - 1 - w;
	bool in_compound =
	    w > 0 && (c->clean[w - 1] == '-' || tl_is_digit((unsigned char)c->clean[w - 1]));
	if (tl_is_upper(r) || tl_is_digit(r))
		return BREAK_KEEP_HYPHEN;
	if (!tl_is_lower(r))
		return BREAK_KEEP_NEWLINE;
	if (n == 1 || in_compound || compound_head(c->clean + w, n))
		return BREAK_KEEP_HYPHEN;
	return BREAK_JOIN;
}

/* Handles a line break of nl_len raw bytes at i whose '\n' sits at nl_at; returns the raw
 * index to continue from. */
static size_t line_break(cleaner *c, size_t i, size_t nl_len, size_t nl_at)
{
	size_t next = i + nl_len;
	/* Only an ASCII hyphen joins lines: a folded dash ("word\xe2\x80\x94") keeps its break. */
	if (c->j > 0 && c->clean[c->j - 1] == '-' && c->n_runs > 0 &&
	    c->runs[c->n_runs - 1].orig >> OFF_BITS == 0) {
		size_t k = next;
		while (k < c->len && tl_is_blank(c->raw[k]))
			k++;
		if (k < c->len) {
			int what = hyphen_break(c, c->raw[k]);
			if (what == BREAK_JOIN)
				c->j--;
			if (what != BREAK_KEEP_NEWLINE)
				return k;
		}
	}
	emit(c, '\n', nl_at, 1);
	return next;
}

/* Length of the valid UTF-8 sequence at s[0..n) and its code point; 0 when invalid. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char b = s[0];
	size_t len;
	uint32_t v, min;
	if (b >= 0xc2 && b <= 0xdf) {
		len = 2, v = b & 0x1f, min = 0x80;
	} else if (b >= 0xe0 && b <= 0xef) {
		len = 3, v = b & 0x0f, min = 0x800;
	} else if (b >= 0xf0 && b <= 0xf4) {
		len = 4, v = b & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[k] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

/* What a code point folds to: a single ASCII byte, 0 to drop it, or -1 to copy it. */
static int fold(uint32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032:
		return '\'';
	case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
	case 0x2212:
		return '-';
	case 0x00a0: case 0x2002: case 0x2003: case 0x2004: case 0x2005: case 0x2006:
	case 0x2007: case 0x2008: case 0x2009: case 0x200a: case 0x202f: case 0x205f:
	case 0x3000:
		return ' ';
	case 0xfeff: case 0x200b: case 0x200c: case 0x200d: case 0x2060: case 0x00ad:
		return 0;
	default:
		return -1;
	}
}

#ifdef __SSE2__
/* The first of 16 bytes whose bit is clear in ok (a movemask), or 16 when all are set. */
static unsigned first_clear(unsigned ok)
{
	return ok == 0xffff ? 16u : (unsigned)__builtin_ctz(~ok);
}
#endif

/* The end of the run starting at raw[i] (i >= 1) of bytes the cleaner copies as they are
 * and that continue the current run of the map: printable ASCII (0x20..0x7e), and line
 * feeds except after an ASCII '-' (line_break() may join those lines). Sixteen bytes at
 * a time with SSE2 (as signed bytes, printable means above 0x1f and below 0x7f; bytes
 * from 0x80 up are negative; the byte before each is loaded too, for the '-'), else
 * eight printable bytes at a time, a byte flagged when it is >= 0x80, < 0x20 or exactly
 * 0x7f, and line feeds one at a time. */
static size_t plain_end(const unsigned char *raw, size_t i, size_t len)
{
#ifdef __SSE2__
	/* printable: as signed bytes, c + 1 is above 0x20 for 0x20..0x7e only (0x7f and
	 * bytes from 0x80 up wrap to negatives or zero) */
	const __m128i one = _mm_set1_epi8(1), space = _mm_set1_epi8(0x20),
		      lf = _mm_set1_epi8('\n'), dash = _mm_set1_epi8('-');
	while (i + 32 <= len) { /* 32 bytes per test while the run goes on */
		if (i + 64 <= len) {
			/* the fast path: 64 bytes with no line feed, all printable, need
			 * neither the line-feed nor the '-' tests */
			__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(raw + i));
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(raw + i + 16));
			__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(raw + i + 32));
			__m128i z = _mm_loadu_si128((const __m128i *)(const void *)(raw + i + 48));
			__m128i pw = _mm_and_si128(_mm_cmpgt_epi8(_mm_add_epi8(w, one), space),
						   _mm_cmpgt_epi8(_mm_add_epi8(x, one), space));
			__m128i py = _mm_and_si128(_mm_cmpgt_epi8(_mm_add_epi8(y, one), space),
						   _mm_cmpgt_epi8(_mm_add_epi8(z, one), space));
			if (_mm_movemask_epi8(_mm_and_si128(pw, py)) == 0xffff) {
				i += 64;
				continue;
			}
		}
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(raw + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(raw + i + 16));
		__m128i lf_a = _mm_cmpeq_epi8(a, lf), lf_b = _mm_cmpeq_epi8(b, lf);
		__m128i ok_a = _mm_or_si128(_mm_cmpgt_epi8(_mm_add_epi8(a, one), space), lf_a);
		__m128i ok_b = _mm_or_si128(_mm_cmpgt_epi8(_mm_add_epi8(b, one), space), lf_b);
		if (_mm_movemask_epi8(_mm_and_si128(ok_a, ok_b)) != 0xffff)
			break;
		if (_mm_movemask_epi8(_mm_or_si128(lf_a, lf_b))) {
			/* a line feed: the bytes before it are looked at only then */
			__m128i pa = _mm_loadu_si128((const __m128i *)(const void *)(raw + i - 1));
			__m128i pb = _mm_loadu_si128((const __m128i *)(const void *)(raw + i + 15));
			__m128i join_a = _mm_and_si128(_mm_cmpeq_epi8(pa, dash), lf_a);
			__m128i join_b = _mm_and_si128(_mm_cmpeq_epi8(pb, dash), lf_b);
			if (_mm_movemask_epi8(_mm_or_si128(join_a, join_b)))
				break;
		}
		i += 32;
	}
	while (i + 16 <= len) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(raw + i));
		__m128i p = _mm_loadu_si128((const __m128i *)(const void *)(raw + i - 1));
		__m128i ok = _mm_or_si128(
		    _mm_cmpgt_epi8(_mm_add_epi8(v, one), space),
		    _mm_andnot_si128(_mm_cmpeq_epi8(p, dash), _mm_cmpeq_epi8(v, lf)));
		unsigned k = first_clear((unsigned)_mm_movemask_epi8(ok));
		i += k;
		if (k < 16)
			return i;
	}
#else
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
	for (;;) {
		while (i + 8 <= len) {
			uint64_t x;
			memcpy(&x, raw + i, 8);
			uint64_t del = x ^ (ones * 0x7f);
			uint64_t bad = x | ((x - ones * 0x20) & ~x) | ((del - ones) & ~del);
			if (bad & highs)
				break;
			i += 8;
		}
		while (i < len && raw[i] >= 0x20 && raw[i] < 0x7f)
			i++;
		if (i + 8 > len || raw[i] != '\n' || raw[i - 1] == '-')
			break; /* the tail, and what the word loop stops at, go to the byte loop */
		i++;
	}
#endif
	while (i < len &&
	       ((raw[i] >= 0x20 && raw[i] < 0x7f) || (raw[i] == '\n' && raw[i - 1] != '-')))
		i++;
	return i;
}

/* The first pass: raw -> clean + map. */
static void clean_bytes(cleaner *c)
{
	const unsigned char *raw = c->raw;
	size_t i = 0, len = c->len;
	while (i < len) {
		unsigned char b = raw[i];
		if (b >= 0x20 && b < 0x7f) {
			/* The hot path: printable ASCII, and the line feeds among it that
			 * join nothing, are copied as they are, in one run. */
			size_t k = plain_end(raw, i + 1, len);
			map_at(c, i, 1);
			memcpy(c->clean + c->j, raw + i, k - i);
			c->j += k - i;
			i = k;
		} else if (b == '\n') {
			i = line_break(c, i, 1, i);
		} else if (b == '\r') {
			if (i + 1 < len && raw[i + 1] == '\n')
				i = line_break(c, i, 2, i + 1);
			else
				i = line_break(c, i, 1, i);
		} else if (b == '\t') {
			emit(c, '\t', i, 1);
			i++;
		} else if (b < 0x80) {
			if (b == 0 && c->d.n_nul++ == 0)
				c->d.first_nul = i;
			emit(c, ' ', i, 1);
			i++;
		} else {
			uint32_t cp;
			size_t n = utf8_decode(raw + i, len - i, &cp);
			if (n == 0) {
				if (c->d.n_invalid++ == 0)
					c->d.first_invalid = i;
				emit(c, ' ', i, 1);
				i++;
				continue;
			}
			if (cp == 0x2028 || cp == 0x2029) {
				i = line_break(c, i, n, i);
				continue;
			}
			int f = fold(cp);
			if (f > 0)
				emit(c, (char)f, i, n);
			for (size_t k = 0; f < 0 && k < n; k++)
				emit(c, (char)raw[i + k], i + k, 1);
			i += n;
		}
	}
}

/* A literal with its length, so that tables are scanned without strlen(). */
typedef struct lit {
	const char *s;
	size_t n;
} lit;

#define LIT(x) {x, sizeof x - 1}

static bool in_list(const char *w, size_t n, const lit *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (list[i].n == n && list[i].s[0] == w[0] && memcmp(list[i].s, w, n) == 0)
			return true;
	return false;
}

/* Word lists grouped by length: groups[n] holds the words of n bytes. */
typedef struct lit_group {
	const lit *words;
	size_t count;
} lit_group;

static bool in_group(const char *w, size_t n, const lit_group *groups, size_t n_groups)
{
	return n < n_groups && in_list(w, n, groups[n].words, groups[n].count);
}

/* A word often starting a sentence, at s[0..n). */
static bool sentence_opener(const char *s, size_t n)
{
	static const lit words[] = {
		LIT("The"), LIT("A"), LIT("An"), LIT("It"), LIT("He"), LIT("She"), LIT("They"),
		LIT("We"), LIT("I"), LIT("In"), LIT("On"), LIT("At"), LIT("But"), LIT("And"),
		LIT("Or"), LIT("So"), LIT("This"), LIT("That"), LIT("These"), LIT("Those"),
		LIT("Its"), LIT("His"), LIT("Her"), LIT("Their"), LIT("There"), LIT("Then"),
		LIT("However"), LIT("Meanwhile"), LIT("After"), LIT("Before"), LIT("When"),
		LIT("While"), LIT("If"), LIT("As"), LIT("Some"), LIT("Many"), LIT("Both"),
		LIT("Officials"), LIT("Yet"), LIT("Still"), LIT("Now"),
	};
	size_t w = 0;
	while (w < n && tl_is_alpha((unsigned char)s[w]))
		w++;
	return in_list(s, w, words, sizeof words / sizeof words[0]);
}

/*
 * Whether the '.' at clean[dot] closes an abbreviation rather than a sentence; next is
 * the first non-space byte after it.
 */
static bool abbreviation(const char *c, size_t len, size_t dot, size_t next)
{
	/* Grouped by length (in_group() looks at one group): every capitalized word ending a
	 * sentence was compared with all 65 words. */
	static const lit always2[] = {
		LIT("Mr"), LIT("Ms"), LIT("Dr"), LIT("Lt"), LIT("St"), LIT("Mt"), LIT("Ft"),
		LIT("vs"), LIT("Rd"),
	};
	static const lit always3[] = {
		LIT("Mrs"), LIT("Sen"), LIT("Rep"), LIT("Gov"), LIT("Gen"), LIT("Col"), LIT("Sgt"),
		LIT("Adm"), LIT("Maj"), LIT("Rev"), LIT("Hon"), LIT("Fig"), LIT("Vol"), LIT("Ave"),
		LIT("Nos"),
	};
	static const lit always4[] = {
		LIT("Prof"), LIT("Capt"), LIT("Cmdr"), LIT("Pres"), LIT("Blvd"), LIT("Dept"),
		LIT("Atty"),
	};
	static const lit always5[] = {LIT("Gov't")};
	static const lit always6[] = {LIT("approx")};
	static const lit weak2[] = {LIT("Co"), LIT("Jr"), LIT("Sr"), LIT("al")};
	static const lit weak3[] = {
		LIT("Jan"), LIT("Feb"), LIT("Mar"), LIT("Apr"), LIT("Jun"), LIT("Jul"), LIT("Aug"),
		LIT("Sep"), LIT("Oct"), LIT("Nov"), LIT("Dec"), LIT("Mon"), LIT("Tue"), LIT("Wed"),
		LIT("Thu"), LIT("Fri"), LIT("Sat"), LIT("Sun"), LIT("Inc"), LIT("Ltd"), LIT("etc"),
		LIT("est"),
	};
	static const lit weak4[] = {
		LIT("Sept"), LIT("Tues"), LIT("Thur"), LIT("Corp"), LIT("Bros"),
	};
	static const lit weak5[] = {LIT("Thurs")};
#define GROUP(a) {a, sizeof a / sizeof a[0]}
	static const lit_group always[] = {
		{NULL, 0}, {NULL, 0}, GROUP(always2), GROUP(always3), GROUP(always4),
		GROUP(always5), GROUP(always6),
	};
	static const lit_group weak[] = {
		{NULL, 0}, {NULL, 0}, GROUP(weak2), GROUP(weak3), GROUP(weak4), GROUP(weak5),
	};
#undef GROUP
	size_t w = dot;
	while (w > 0 && (tl_is_alpha((unsigned char)c[w - 1]) || c[w - 1] == '.' || c[w - 1] == '\''))
		w--;
	while (w < dot && c[w] == '.')
		w++;
	size_t n = dot - w;
	if (n == 0)
		return false;
	const char *word = c + w;
	if (n > 6 && !memchr(word, '.', n))
		return false; /* longer than any listed abbreviation */
	/* every listed word starts with a capital, 'a', 'e' or 'v': skip the lists for
	 * the ordinary lower-case word that ends most sentences */
	bool listed = tl_is_upper((unsigned char)word[0]) || word[0] == 'a' || word[0] == 'e' ||
	              word[0] == 'v';
	if (listed && in_group(word, n, always, sizeof always / sizeof always[0]))
		return true;
	if (n == 2 && memcmp(word, "No", 2) == 0)
		return next < len && tl_is_digit((unsigned char)c[next]);
	if ((listed && in_group(word, n, weak, sizeof weak / sizeof weak[0])) ||
	    memchr(word, '.', n) ||
	    (n == 1 && tl_is_upper((unsigned char)word[0]))) /* U.S., a.m., e.g., initials */
		return !(next < len && sentence_opener(c + next, len - next));
	return false;
}

/* . ! ? and the closing quotes or brackets that may follow them */
static bool closes_sentence(unsigned char ch)
{
	return ch == '.' || ch == '!' || ch == '?' || ch == '"' || ch == '\'' || ch == ')' ||
	       ch == ']';
}

static bool opens_sentence(unsigned char ch)
{
	return tl_is_upper(ch) || tl_is_digit(ch) || ch == '"' || ch == '\'' || ch == '(' ||
	       ch == '[' || ch >= 0x80;
}

typedef struct splitter {
	const char *c;
	tl_span *spans;
	size_t count, cap, first_cap;
	bool failed;
} splitter;

static void add_sentence(splitter *sp, size_t s, size_t e)
{
	while (e > s && (sp->c[e - 1] == ' ' || sp->c[e - 1] == '\t' || sp->c[e - 1] == '\n'))
		e--;
	if (e <= s || sp->failed)
		return;
	if (sp->count == sp->cap) {
		/* first for a sentence per 64 bytes of text, which news text seldom passes */
		size_t cap = sp->cap ? sp->cap * 2 : sp->first_cap;
		tl_span *grown = realloc(sp->spans, cap * sizeof *grown);
		if (!grown) {
			sp->failed = true;
			return;
		}
		sp->spans = grown;
		sp->cap = cap;
	}
	sp->spans[sp->count++] = (tl_span){s, e};
}

#define NO_SENTENCE ((size_t)-1)

/* A line in Title Case or ALL CAPS: most words of four letters or more are capitalized. */
static bool title_like(const char *s, size_t n)
{
	size_t long_words = 0, capitalized = 0, lower = 0;
	for (size_t i = 0; i < n;) {
		size_t w = i;
		while (w < n && (tl_is_alpha((unsigned char)s[w]) || s[w] == '\''))
			w++;
		if (w - i >= 4) {
			long_words++;
			capitalized += tl_is_upper((unsigned char)s[i]);
		}
		for (size_t k = i; k < w; k++)
			lower += tl_is_lower((unsigned char)s[k]);
		i = w + (w == i);
	}
	return long_words >= 2 && (lower == 0 || 4 * capitalized >= 3 * long_words);
}

/* A dateline ("WASHINGTON, June 11 -", "LONDON (Reuters) -") or a byline ("By ...") at s. */
static bool dateline_or_byline(const char *s, size_t n)
{
	if (n >= 4 && s[0] == 'B' && s[1] == 'y' && s[2] == ' ' && tl_is_upper((unsigned char)s[3]))
		return true;
	size_t w = 0;
	while (w < n && (tl_is_upper((unsigned char)s[w]) || s[w] == '/' || s[w] == '.'))
		w++;
	return w >= 3 && w < n && (s[w] == ',' || s[w] == ' ') &&
	       !(w + 1 < n && tl_is_lower((unsigned char)s[w + 1]));
}

/*
 * Whether the line c[s..e), which holds the whole sentence so far, is a headline that ends
 * at its line break without punctuation: it is in Title Case or capitals, or a dateline
 * or byline follows at c[next..n). Print text wraps lines anywhere, so a plain line
 * break never ends a sentence by itself.
 */
static bool headline_break(const char *c, size_t s, size_t e, size_t next, size_t n)
{
	while (e > s && tl_is_blank((unsigned char)c[e - 1]))
		e--;
	if (e == s || strchr(".!?,;:-", c[e - 1]) || next >= n ||
	    !(tl_is_upper((unsigned char)c[next]) || c[next] == '"'))
		return false;
	return title_like(c + s, e - s) || dateline_or_byline(c + next, n - next);
}

/* The third pass: sentence spans. */
static int split_sentences(tl_text *t)
{
	const char *c = t->clean;
	size_t n = t->len, i = 0, s = NO_SENTENCE, line_start = 0;
	splitter sp = {c, NULL, 0, 0, n / 64 + 16, false};
	while (i < n) {
		unsigned char ch = (unsigned char)c[i];
		if (ch == '\n') {
			size_t k = i + 1;
			while (k < n && tl_is_blank((unsigned char)c[k]))
				k++;
			if (k >= n || c[k] == '\n' ||
			    (s != NO_SENTENCE && s >= line_start &&
			     headline_break(c, s, i, k, n))) {
				if (s != NO_SENTENCE)
					add_sentence(&sp, s, i);
				s = NO_SENTENCE;
			}
			line_start = i + 1;
			i = k;
			continue;
		}
		if (tl_is_blank(ch)) {
			i++;
			continue;
		}
		if (s == NO_SENTENCE)
			s = i;
		if (ch != '.' && ch != '!' && ch != '?') {
			/* Inside a sentence only line breaks and . ! ? matter: skip to the next
			 * (clean holds no NUL before its end, so strcspn() stops at n). */
			i += 1 + strcspn(c + i + 1, "\n.!?");
			continue;
		}
		size_t k = i + 1;
		while (k < n && closes_sentence((unsigned char)c[k]))
			k++;
		if (k < n && (tl_is_blank((unsigned char)c[k]) || c[k] == '\n')) {
			size_t m = k;
			while (m < n && (tl_is_blank((unsigned char)c[m]) || c[m] == '\n'))
				m++;
			if ((m >= n || opens_sentence((unsigned char)c[m])) &&
			    !(ch == '.' && abbreviation(c, n, i, m))) {
				add_sentence(&sp, s, k);
				s = NO_SENTENCE;
			}
		}
		i = k;
	}
	if (s != NO_SENTENCE)
		add_sentence(&sp, s, n);
	if (sp.failed) {
		free(sp.spans);
		return TL_ENOMEM;
	}
	t->sentences = sp.spans;
	t->n_sentences = sp.count;
	return TL_OK;
}

/* Sets *out to the warnings for d (NULL when there is nothing to say). */
static int make_warnings(const damage *d, size_t base, const char *path, char **out)
{
	*out = NULL;
	if (!d->n_invalid && !d->n_nul)
		return TL_OK;
	const char *name = path ? path : "(input)";
	tl_buf b = TL_BUF_INIT;
	int rc = TL_OK;
	if (d->n_invalid)
		rc = tl_buf_printf(&b, "%s: invalid UTF-8 at byte %zu (%zu byte%s replaced by "
				   "spaces); save the file as UTF-8", name,
				   base + d->first_invalid, d->n_invalid,
				   d->n_invalid == 1 ? "" : "s");
	if (rc == TL_OK && d->n_nul)
		rc = tl_buf_printf(&b,
		                   "%s%s: %zu NUL byte%s replaced by spaces (first at byte %zu); "
		                   "is this a text file?",
		                   b.len ? "\n" : "", name, d->n_nul, d->n_nul == 1 ? "" : "s",
		                   base + d->first_nul);
	if (rc != TL_OK) {
		tl_buf_free(&b);
		return TL_ENOMEM;
	}
	*out = tl_buf_detach(&b);
	return TL_OK;
}

/* The end of the run of ASCII bytes other than NUL starting at raw[i]: sixteen bytes at
 * a time with SSE2, else eight at a time, a word left to the byte loop when a byte has
 * its high bit set or is zero. */
static size_t ascii_end(const unsigned char *raw, size_t i, size_t len)
{
#ifdef __SSE2__
	/* as signed bytes, 0x01..0x7f are exactly those above zero; 32 bytes per test */
	const __m128i zero = _mm_setzero_si128();
	while (i + 64 <= len) { /* 64 bytes per test: no high bit in their OR, no zero in their
				 * unsigned minimum */
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(raw + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(raw + i + 16));
		__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(raw + i + 32));
		__m128i d = _mm_loadu_si128((const __m128i *)(const void *)(raw + i + 48));
		__m128i high = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
		__m128i low = _mm_min_epu8(_mm_min_epu8(a, b), _mm_min_epu8(c, d));
		if (_mm_movemask_epi8(_mm_or_si128(high, _mm_cmpeq_epi8(low, zero))))
			break;
		i += 64;
	}
	while (i + 32 <= len) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(raw + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(raw + i + 16));
		__m128i ok = _mm_and_si128(_mm_cmpgt_epi8(a, zero), _mm_cmpgt_epi8(b, zero));
		if (_mm_movemask_epi8(ok) != 0xffff)
			break;
		i += 32;
	}
	while (i + 16 <= len) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(raw + i));
		unsigned k = first_clear((unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(v, zero)));
		i += k;
		if (k < 16)
			return i;
	}
#else
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
	while (i + 8 <= len) {
		uint64_t x;
		memcpy(&x, raw + i, 8);
		if ((x | ((x - ones) & ~x)) & highs)
			break;
		i += 8;
	}
#endif
	while (i < len && raw[i] != 0 && raw[i] < 0x80)
		i++;
	return i;
}

/* Counts the invalid UTF-8 and NUL bytes of raw[0..len), which starts at offset at of
 * the text, into d. */
static void count_damage(const unsigned char *u, size_t len, size_t at, damage *d)
{
	size_t i = 0;
	while ((i = ascii_end(u, i, len)) < len) {
		if (u[i] == 0) {
			if (d->n_nul++ == 0)
				d->first_nul = at + i;
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(u + i, len - i, &cp);
		if (n == 0) {
			if (d->n_invalid++ == 0)
				d->first_invalid = at + i;
			n = 1;
		}
		i += n;
	}
}

int tl_text_warnings(const char *raw, size_t len, size_t base, const char *path,
		     char **warnings)
{
	damage d = {0, 0, 0, 0};
	count_damage((const unsigned char *)raw, len, 0, &d);
	return make_warnings(&d, base, path, warnings);
}

void tl_text_damage_add(tl_text_damage *d, const char *raw, size_t len)
{
	damage x = {d->n_invalid, d->first_invalid, d->n_nul, d->first_nul};
	count_damage((const unsigned char *)raw, len, d->at, &x);
	*d = (tl_text_damage){x.n_invalid, x.first_invalid, x.n_nul, x.first_nul, d->at + len};
}

int tl_text_damage_warnings(const tl_text_damage *d, size_t base, const char *path,
			    char **warnings)
{
	damage x = {d->n_invalid, d->first_invalid, d->n_nul, d->first_nul};
	return make_warnings(&x, base, path, warnings);
}

static int clean(const char *raw, size_t len, size_t base, const char *path, tl_text *out,
		 bool split, tl_error *err)
{
	memset(out, 0, sizeof *out);
	if (len >= TL_TEXT_MAX)
		return tl_error_set(err, TL_EINPUT, "%s: %zu bytes is too large for one article "
				    "(limit 1 GiB); split the file", path ? path : "(input)", len);
	out->base = base;
	out->raw_len = len;
	out->clean = malloc(len + 1);
	if (!out->clean)
		return tl_error_nomem(err);
	cleaner c = {(const unsigned char *)raw, len, out->clean, NULL, 0, 0, false, 0, {0}};
	clean_bytes(&c);
	out->runs = c.runs;
	out->n_runs = c.n_runs;
	if (c.failed) {
		tl_text_free(out);
		return tl_error_nomem(err);
	}
	out->clean[c.j] = '\0';
	out->len = c.j;
	tl_text_blank_cruft(out->clean, out->len);
	if ((split && tl_text_split(out) != TL_OK) ||
	    make_warnings(&c.d, base, path, &out->warnings) != TL_OK) {
		tl_text_free(out);
		return tl_error_nomem(err);
	}
	return TL_OK;
}

int tl_text_clean(const char *raw, size_t len, size_t base, const char *path, tl_text *out,
		  tl_error *err)
{
	return clean(raw, len, base, path, out, true, err);
}

int tl_text_clean_unsplit(const char *raw, size_t len, size_t base, const char *path,
			  tl_text *out, tl_error *err)
{
	return clean(raw, len, base, path, out, false, err);
}

int tl_text_split(tl_text *text)
{
	if (text->split)
		return TL_OK;
	int rc = split_sentences(text);
	text->split = rc == TL_OK;
	return rc;
}

void tl_text_free(tl_text *text)
{
	if (!text)
		return;
	free(text->clean);
	free(text->runs);
	free(text->sentences);
	free(text->warnings);
	memset(text, 0, sizeof *text);
}
