/*
 * text_cruft.c - the cleaner's second pass (see text_cruft.h): finds the lines
 * of a clean text that are web-page furniture rather than article text ("Top
 * of page", "Image Source: ...", "Facebook | X | LinkedIn", cookie and
 * copyright notices, the lists of other stories under "More News") and blanks
 * them with spaces, so that offsets do not move. Lines are found with
 * memchr(), empty ones stepped over in place; furniture openings are looked up
 * by their first letter, and the phrases looked for anywhere in a short line
 * sixteen bytes at a time (SSE2). Owns nothing; no state.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ascii.h"
#include "text_cruft.h"

/* A literal with its length, so that tables are scanned without strlen(). */
typedef struct lit {
	const char *s;
	size_t n;
} lit;

#define LIT(x) {x, sizeof x - 1}

/* The punctuation that ends prose: . ! ? , ; and, with colon set, ':'. */
static bool ends_prose(unsigned char c, bool colon)
{
	return c == '.' || c == '!' || c == '?' || c == ',' || c == ';' || (colon && c == ':');
}

/* Case-insensitive test of s[0..m) against a lower-case literal of m bytes. */
static bool same_lower(const char *s, const char *word, size_t m)
{
	for (size_t i = 0; i < m; i++)
		if (tl_to_lower((unsigned char)s[i]) != (unsigned char)word[i])
			return false;
	return true;
}

static bool starts_with(const char *s, size_t n, const char *word)
{
	size_t m = strlen(word);
	return m <= n && same_lower(s, word, m);
}

/* Case-insensitive substring test; memchr() finds the candidates for the first letter. */
static bool contains(const char *s, size_t n, const char *word)
{
	size_t m = strlen(word);
	char firsts[2] = {word[0],
	                  tl_is_lower((unsigned char)word[0]) ? (char)(word[0] - 32) : word[0]};
	for (int f = 0; f < 2 && m <= n; f++) {
		const char *p = s, *end = s + n - m + 1;
		while ((p = memchr(p, firsts[f], (size_t)(end - p))) != NULL) {
			if (same_lower(p + 1, word + 1, m - 1))
				return true;
			if (++p >= end)
				break;
		}
	}
	return false;
}

/* contains() for the phrases tested on every short line: the candidates are the places of
 * a rare letter of the word (word[anchor], lower case), in either case, and the rest is
 * compared around them. With SSE2 sixteen bytes are looked at per step ((c | 0x20) equals
 * a lower-case letter for exactly its two cases), the last step overlapping the one
 * before; else memchr() finds each case in turn. */
static bool contains_around(const char *s, size_t n, const char *word, size_t m, size_t anchor)
{
	if (m > n)
		return false;
	size_t last = n - (m - anchor); /* the anchor's places are anchor..last */
#ifdef __SSE2__
	if (n >= 16) {
		const __m128i fold = _mm_set1_epi8(0x20), want = _mm_set1_epi8(word[anchor]);
		for (size_t i = anchor; i <= last;) {
			size_t at = i + 16 <= n ? i : n - 16; /* the last step overlaps */
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
			unsigned hits = (unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(_mm_or_si128(v, fold), want));
			hits &= ~0u << (i - at); /* places before i were looked at */
			while (hits) {
				size_t p = at + (size_t)__builtin_ctz(hits);
				if (p > last)
					return false;
				if (same_lower(s + p - anchor, word, m))
					return true;
				hits &= hits - 1;
			}
			i = at + 16;
		}
		return false;
	}
#endif
	for (int f = 0; f < 2; f++) {
		char a = f ? (char)(word[anchor] - 32) : word[anchor];
		const char *p = s + anchor, *end = s + last + 1;
		while (p < end && (p = memchr(p, a, (size_t)(end - p))) != NULL) {
			if (same_lower(p - anchor, word, m))
				return true;
			p++;
		}
	}
	return false;
}

static bool has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tl_is_digit((unsigned char)s[i]))
			return true;
	return false;
}

/* "Facebook | X | LinkedIn" or "Home > World > Trade": short items between separators. */
static bool is_menu(const char *s, size_t n)
{
	if (ends_prose((unsigned char)s[n - 1], true))
		return false; /* prose, even when it happens to hold a '|' (tested first: cheap) */
	char sep = memchr(s, '|', n) ? '|' : memchr(s, '>', n) ? '>' : memchr(s, '/', n) ? '/' : 0;
	if (!sep)
		return false;
	for (size_t i = 0; sep == '/' && i < n; i++)
		if (s[i] == '/' && (i == 0 || i + 1 >= n || s[i - 1] != ' ' || s[i + 1] != ' '))
			return false; /* "and/or", a URL: only "News / Trade" is a menu */
	size_t items = 0, a = 0;
	while (a <= n) {
		const char *e = memchr(s + a, sep, n - a);
		size_t b = e ? (size_t)(e - s) : n, words = 0;
		for (size_t i = a; i < b; i++)
			if (!tl_is_blank((unsigned char)s[i]) &&
			    (i == a || tl_is_blank((unsigned char)s[i - 1])))
				words++;
		if (words == 0 || words > 4 || b - a > 34)
			return false;
		items++;
		a = b + 1;
	}
	return items >= (sep == '>' ? 3u : 2u);
}

/* Line openings that mark furniture ("Image Source: ...", "Sign up for ..."), grouped by
 * their first byte: the lines starting with it are compared with that group only. */
static const lit *furniture_heads(unsigned char first, size_t *count)
{
	static const lit a[] = {LIT("advertisement")};
	static const lit b[] = {LIT("by continuing to use")};
	static const lit c[] = {
		LIT("comments ("), LIT("click here"), LIT("comments are "),
		LIT("customer service"), LIT("call the newsroom"), LIT("continued on page"),
	};
	static const lit d[] = {LIT("download the")};
	static const lit f[] = {LIT("follow us on")};
	static const lit g[] = {LIT("got a tip")};
	static const lit i[] = {LIT("image source:"), LIT("image:"), LIT("image credit")};
	static const lit l[] = {LIT("listen to this article"), LIT("log in to")};
	static const lit p[] = {LIT("photo:"), LIT("photograph:"), LIT("photo credit")};
	static const lit r[] = {LIT("read more:")};
	static const lit s[] = {
		LIT("sign up for"), LIT("share on "), LIT("subscribe to"), LIT("sign in to"),
		LIT("see more"),
	};
	static const lit t[] = {
		LIT("this site uses cookies"), LIT("this website uses cookies"),
	};
	static const lit w[] = {LIT("we use cookies")};
	static const lit paren[] = {LIT("(c) ")};
	static const lit copyright[] = {LIT("\xc2\xa9")};
#define GROUP(x) (*count = sizeof x / sizeof x[0], x)
	switch (first) {
	case 'a': return GROUP(a);
	case 'b': return GROUP(b);
	case 'c': return GROUP(c);
	case 'd': return GROUP(d);
	case 'f': return GROUP(f);
	case 'g': return GROUP(g);
	case 'i': return GROUP(i);
	case 'l': return GROUP(l);
	case 'p': return GROUP(p);
	case 'r': return GROUP(r);
	case 's': return GROUP(s);
	case 't': return GROUP(t);
	case 'w': return GROUP(w);
	case '(': return GROUP(paren);
	case 0xc2: return GROUP(copyright);
	default:
		*count = 0;
		return NULL;
	}
#undef GROUP
}

/* Whether a trimmed line s[0..n) is web-page furniture rather than article text. */
static bool is_cruft(const char *s, size_t n)
{
	static const lit whole[] = {
		LIT("top of page"), LIT("back to top"), LIT("skip to main content"),
		LIT("skip to content"), LIT("comments"), LIT("more news"),
		LIT("share this article"), LIT("share this story"), LIT("share"),
		LIT("advertisement"), LIT("sponsored"), LIT("sponsored content"), LIT("read more"),
		LIT("related"), LIT("related articles"), LIT("related stories"),
		LIT("related content"), LIT("most read"), LIT("most popular"), LIT("trending"),
		LIT("recommended"), LIT("subscribe"), LIT("sign in"), LIT("log in"), LIT("print"),
		LIT("email"), LIT("menu"), LIT("newsletters"), LIT("follow us"),
		LIT("you may also like"), LIT("continue reading"),
		LIT("story continues below advertisement"), LIT("view comments"),
		LIT("show comments"), LIT("load more"),
	};
	while (n > 0 && (s[n - 1] == ':' || tl_is_blank((unsigned char)s[n - 1])))
		n--;
	if (n == 0 || n > 200)
		return false; /* article paragraphs are longer than any furniture */
	unsigned char first = tl_to_lower((unsigned char)s[0]);
	for (size_t i = 0; n <= 40 && i < sizeof whole / sizeof whole[0]; i++)
		if (whole[i].n == n && (unsigned char)whole[i].s[0] == first &&
		    same_lower(s, whole[i].s, n))
			return true;
	if (n <= 160) {
		size_t n_heads;
		const lit *heads = furniture_heads(first, &n_heads);
		for (size_t i = 0; i < n_heads; i++)
			if (heads[i].n <= n && same_lower(s, heads[i].s, heads[i].n))
				return true;
		if (contains_around(s, n, "all rights reserved", 19, 16))
			return true;
		if (n <= 48 && has_digit(s, n) && (starts_with(s, n, "updated") ||
		    starts_with(s, n, "last updated") || starts_with(s, n, "published")))
			return true; /* "Updated 6:42 PM": page furniture, not an event */
		if (first == 'c' && starts_with(s, n, "copyright") &&
		    (contains(s, n, "\xc2\xa9") || contains(s, n, "(c)") ||
		     contains(s, n, "rights") || has_digit(s, n)))
			return true;
		if (contains_around(s, n, "cookie", 6, 3) &&
		    (contains(s, n, "accept") || contains(s, n, "policy") ||
		     contains(s, n, "consent") || contains(s, n, "settings")))
			return true;
	}
	return is_menu(s, n);
}

/* Headings after which a list of other stories follows ("More News\n- ..."); they are
 * cruft themselves. */
static bool opens_list(const char *s, size_t n)
{
	static const lit heads[] = {
		LIT("related"), LIT("more news"), LIT("more from"), LIT("more on"),
		LIT("most read"), LIT("most popular"), LIT("trending"), LIT("recommended"),
		LIT("read next"), LIT("see also"), LIT("further reading"), LIT("you may also like"),
		LIT("top stories"), LIT("latest news"),
	};
	while (n > 0 && (s[n - 1] == ':' || tl_is_blank((unsigned char)s[n - 1])))
		n--;
	if (n == 0 || n > 40 || ends_prose((unsigned char)s[n - 1], false))
		return false;
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
		if (heads[i].n <= n && same_lower(s, heads[i].s, heads[i].n))
			return true;
	return false;
}

static bool is_bullet(const char *s, size_t n)
{
	return (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') ||
	       starts_with(s, n, "\xe2\x80\xa2");
}

void tl_text_blank_cruft(char *clean, size_t len)
{
	bool in_list = false;
	size_t ls = 0;
	while (ls < len) {
		char *nl = memchr(clean + ls, '\n', len - ls);
		size_t le = nl ? (size_t)(nl - clean) : len;
		size_t a = ls, b = le;
		while (a < b && tl_is_blank((unsigned char)clean[a]))
			a++;
		while (b > a && tl_is_blank((unsigned char)clean[b - 1]))
			b--;
		bool blank = false;
		if (a == b) {
			in_list = false;
		} else if (in_list && is_bullet(clean + a, b - a)) {
			blank = true;
		} else {
			in_list = opens_list(clean + a, b - a);
			blank = in_list || is_cruft(clean + a, b - a);
		}
		if (blank)
			memset(clean + a, ' ', b - a);
		ls = le + 1;
		while (ls < len && clean[ls] == '\n') { /* empty lines: nothing to look for */
			in_list = false;
			ls++;
		}
	}
}
