/*
 * norm_words.c - the normalizer's shared parts: a span split into lower-cased
 * word and number tokens (toks), the lexicon (months, weekdays, units, number
 * words, parts of the day, seasons, direction words), the writers of TIMEX3
 * values and mods, and moving a date by a unit. Each token carries its length
 * and its lexicon entries, looked up once when the span is split, so the rules
 * compare lengths and small ints instead of calling strcmp; values are written
 * by a bounded writer (tl_norm_out) instead of snprintf. Internal to the
 * normalizer (normalize.c and the norm_*.c rule modules); pure functions, no
 * allocation; the only state is the lexicon's hash table, built once on first use.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "norm_words.h"

/* Token k is the literal word lit (its length a constant). */
#define IS(k, lit) tok_is(k, lit, sizeof lit - 1)

/*
 * The lexicon: every month, weekday, unit and number word, sorted by first
 * letter, then length, then bytes (tests/unit/test_norm_words.c checks the order
 * and every entry), looked up by a hash (below). A token looks its word up once,
 * in tl_norm_tokenize.
 */
typedef struct lex_entry {
	const char *w;
	unsigned char n; /* strlen(w) */
	signed char month, wday, unit, small;
} lex_entry;

static const lex_entry lexicon[] = {
    {"apr", 3, 4, 0, U_NONE, -1},
    {"aug", 3, 8, 0, U_NONE, -1},
    {"april", 5, 4, 0, U_NONE, -1},
    {"august", 6, 8, 0, U_NONE, -1},
    {"century", 7, 0, 0, U_CENTURY, -1},
    {"centuries", 9, 0, 0, U_CENTURY, -1},
    {"day", 3, 0, 0, U_DAY, -1},
    {"dec", 3, 12, 0, U_NONE, -1},
    {"days", 4, 0, 0, U_DAY, -1},
    {"decade", 6, 0, 0, U_DECADE, -1},
    {"decades", 7, 0, 0, U_DECADE, -1},
    {"december", 8, 12, 0, U_NONE, -1},
    {"eight", 5, 0, 0, U_NONE, 8},
    {"eighty", 6, 0, 0, U_NONE, 80},
    {"eleven", 6, 0, 0, U_NONE, 11},
    {"eighteen", 8, 0, 0, U_NONE, 18},
    {"feb", 3, 2, 0, U_NONE, -1},
    {"five", 4, 0, 0, U_NONE, 5},
    {"four", 4, 0, 0, U_NONE, 4},
    {"fifty", 5, 0, 0, U_NONE, 50},
    {"forty", 5, 0, 0, U_NONE, 40},
    {"friday", 6, 0, 5, U_NONE, -1},
    {"fifteen", 7, 0, 0, U_NONE, 15},
    {"fridays", 7, 0, 5, U_NONE, -1},
    {"february", 8, 2, 0, U_NONE, -1},
    {"fourteen", 8, 0, 0, U_NONE, 14},
    {"fortnight", 9, 0, 0, U_FORTNIGHT, -1},
    {"fortnights", 10, 0, 0, U_FORTNIGHT, -1},
    {"half", 4, 0, 0, U_HALF, -1},
    {"hour", 4, 0, 0, U_HOUR, -1},
    {"hours", 5, 0, 0, U_HOUR, -1},
    {"jan", 3, 1, 0, U_NONE, -1},
    {"jul", 3, 7, 0, U_NONE, -1},
    {"jun", 3, 6, 0, U_NONE, -1},
    {"july", 4, 7, 0, U_NONE, -1},
    {"june", 4, 6, 0, U_NONE, -1},
    {"january", 7, 1, 0, U_NONE, -1},
    {"mar", 3, 3, 0, U_NONE, -1},
    {"may", 3, 5, 0, U_NONE, -1},
    {"march", 5, 3, 0, U_NONE, -1},
    {"month", 5, 0, 0, U_MONTH, -1},
    {"minute", 6, 0, 0, U_MIN, -1},
    {"monday", 6, 0, 1, U_NONE, -1},
    {"months", 6, 0, 0, U_MONTH, -1},
    {"minutes", 7, 0, 0, U_MIN, -1},
    {"mondays", 7, 0, 1, U_NONE, -1},
    {"nov", 3, 11, 0, U_NONE, -1},
    {"nine", 4, 0, 0, U_NONE, 9},
    {"night", 5, 0, 0, U_DAY, -1},
    {"nights", 6, 0, 0, U_DAY, -1},
    {"ninety", 6, 0, 0, U_NONE, 90},
    {"nineteen", 8, 0, 0, U_NONE, 19},
    {"november", 8, 11, 0, U_NONE, -1},
    {"oct", 3, 10, 0, U_NONE, -1},
    {"one", 3, 0, 0, U_NONE, 1},
    {"october", 7, 10, 0, U_NONE, -1},
    {"quarter", 7, 0, 0, U_QUARTER, -1},
    {"quarters", 8, 0, 0, U_QUARTER, -1},
    {"sep", 3, 9, 0, U_NONE, -1},
    {"six", 3, 0, 0, U_NONE, 6},
    {"sept", 4, 9, 0, U_NONE, -1},
    {"seven", 5, 0, 0, U_NONE, 7},
    {"sixty", 5, 0, 0, U_NONE, 60},
    {"second", 6, 0, 0, U_SEC, -1},
    {"sunday", 6, 0, 7, U_NONE, -1},
    {"seconds", 7, 0, 0, U_SEC, -1},
    {"seventy", 7, 0, 0, U_NONE, 70},
    {"sixteen", 7, 0, 0, U_NONE, 16},
    {"sundays", 7, 0, 7, U_NONE, -1},
    {"saturday", 8, 0, 6, U_NONE, -1},
    {"saturdays", 9, 0, 6, U_NONE, -1},
    {"september", 9, 9, 0, U_NONE, -1},
    {"seventeen", 9, 0, 0, U_NONE, 17},
    {"ten", 3, 0, 0, U_NONE, 10},
    {"two", 3, 0, 0, U_NONE, 2},
    {"three", 5, 0, 0, U_NONE, 3},
    {"thirty", 6, 0, 0, U_NONE, 30},
    {"twelve", 6, 0, 0, U_NONE, 12},
    {"twenty", 6, 0, 0, U_NONE, 20},
    {"tuesday", 7, 0, 2, U_NONE, -1},
    {"thirteen", 8, 0, 0, U_NONE, 13},
    {"thursday", 8, 0, 4, U_NONE, -1},
    {"tuesdays", 8, 0, 2, U_NONE, -1},
    {"thursdays", 9, 0, 4, U_NONE, -1},
    {"week", 4, 0, 0, U_WEEK, -1},
    {"weeks", 5, 0, 0, U_WEEK, -1},
    {"weekend", 7, 0, 0, U_WEEKEND, -1},
    {"weekends", 8, 0, 0, U_WEEKEND, -1},
    {"wednesday", 9, 0, 3, U_NONE, -1},
    {"wednesdays", 10, 0, 3, U_NONE, -1},
    {"year", 4, 0, 0, U_YEAR, -1},
    {"years", 5, 0, 0, U_YEAR, -1},
    {"zero", 4, 0, 0, U_NONE, 0},
};

#define LEX_N (sizeof lexicon / sizeof lexicon[0])

/*
 * The lexicon by a hash of its words (length, first, second and last letter), in
 * LEX_SLOTS slots probed in turn: a lookup costs one or two compares instead of a
 * binary search. Built once, on the first lookup (pthread_once), then read-only.
 */
#define LEX_SLOTS 256
static unsigned char lex_slot[LEX_SLOTS]; /* 1 + the index of an entry, 0: empty */
/* An entry's first eight bytes as a number (zeros after its end), and the mask that
 * keeps the first n bytes of eight (n = 0..8): a token compares its word with one
 * entry in one step (lex_find_tok) */
static unsigned long long lex_key[LEX_N], lex_mask[9];
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;
static atomic_bool lex_ready;

static unsigned lex_hash(const char *w, size_t n)
{
	return ((unsigned)n * 107u + (unsigned char)w[0] + (unsigned char)w[1] * 7u +
	        (unsigned char)w[n - 1]) &
	       (LEX_SLOTS - 1);
}

static void lex_build(void)
{
	for (size_t n = 0; n <= 8; n++) {
		unsigned char m[8] = {0};
		memset(m, 0xff, n);
		memcpy(&lex_mask[n], m, 8);
	}
	for (size_t i = 0; i < LEX_N; i++) {
		char b[8] = {0};
		memcpy(b, lexicon[i].w, lexicon[i].n < 8 ? lexicon[i].n : 8);
		memcpy(&lex_key[i], b, 8);
	}
	for (size_t i = 0; i < LEX_N; i++) {
		unsigned h = lex_hash(lexicon[i].w, lexicon[i].n);
		while (lex_slot[h])
			h = (h + 1) & (LEX_SLOTS - 1);
		lex_slot[h] = (unsigned char)(i + 1);
	}
	atomic_store_explicit(&lex_ready, true, memory_order_release);
}

/* Whether w[0..n) may be in the lexicon (every entry is lower case, three letters or more),
 * building the lexicon's index on first use. */
static inline bool lex_may_hold(const char *w, size_t n)
{
	if (n < 3 || w[0] < 'a' || w[0] > 'z')
		return false;
	/* pthread_once() cannot fail here: POSIX lists no error for a valid once. */
	return atomic_load_explicit(&lex_ready, memory_order_acquire) ||
	       pthread_once(&lex_once, lex_build) == 0;
}

/* The entry of w[0..n), NULL when none. */
static const lex_entry *lex_find_n(const char *w, size_t n)
{
	if (!lex_may_hold(w, n))
		return NULL;
	for (unsigned h = lex_hash(w, n); lex_slot[h]; h = (h + 1) & (LEX_SLOTS - 1)) {
		const lex_entry *e = &lexicon[lex_slot[h] - 1];
		if (e->n == n && memcmp(e->w, w, n) == 0)
			return e;
	}
	return NULL;
}

/* lex_find_n() for a token's word w[0..n): w has TOK_LEN bytes, the first eight
 * of them written (the tokenizer sees to it), so they are read as one number. */
_Static_assert(TOK_LEN >= 8, "lex_find_tok() reads eight bytes of a token's word");

static const lex_entry *lex_find_tok(const char *w, size_t n)
{
	if (!lex_may_hold(w, n))
		return NULL;
	unsigned long long key;
	memcpy(&key, w, 8);
	key &= lex_mask[n < 8 ? n : 8];
	for (unsigned h = lex_hash(w, n); lex_slot[h]; h = (h + 1) & (LEX_SLOTS - 1)) {
		size_t i = lex_slot[h] - 1u;
		const lex_entry *e = &lexicon[i];
		if (e->n == n && lex_key[i] == key && (n <= 8 || !memcmp(e->w + 8, w + 8, n - 8)))
			return e;
	}
	return NULL;
}

static const lex_entry *lex_find(const char *w)
{
	return lex_find_n(w, strlen(w));
}

size_t tl_norm_lexicon_size(void)
{
	return LEX_N;
}

const char *tl_norm_lexicon_word(size_t i)
{
	return i < LEX_N ? lexicon[i].w : NULL;
}

/* The value of the digits (commas left out) buf[0..n): exact without strtod
 * for up to 15 integral digits. */
static double number_value(const char *buf, size_t n, bool frac)
{
	if (frac || n > 15)
		return strtod(buf, NULL);
	unsigned long long v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned long long)(buf[i] - '0');
	return (double)v;
}

/* A token's four lexicon fields and an entry's lie in the same order, one byte each, so
 * they are copied as one four-byte word. */
_Static_assert(offsetof(tok, wday) == offsetof(tok, month) + 1 &&
               offsetof(tok, unit) == offsetof(tok, month) + 2 &&
               offsetof(tok, small) == offsetof(tok, month) + 3 &&
               offsetof(lex_entry, wday) == offsetof(lex_entry, month) + 1 &&
               offsetof(lex_entry, unit) == offsetof(lex_entry, month) + 2 &&
               offsetof(lex_entry, small) == offsetof(lex_entry, month) + 3,
               "set_lexicon() copies month, wday, unit and small as one word");

/* The lexicon fields of a word in no entry (and of a number). */
static const signed char no_entry[4] = {0, 0, U_NONE, -1};

static void set_lexicon(tok *k)
{
	const lex_entry *e = k->is_num ? NULL : lex_find_tok(k->w, (size_t)k->len);
	memcpy(&k->month, e ? &e->month : no_entry, 4);
}

/* What tl_norm_tokenize() sees in a byte: 1 a digit, 2 an ASCII letter, 4 '\'' */
static const unsigned char tok_class[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
    ['7'] = 1, ['8'] = 1, ['9'] = 1, ['\''] = 4,
    ['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2, ['G'] = 2,
    ['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2, ['M'] = 2, ['N'] = 2,
    ['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2, ['S'] = 2, ['T'] = 2, ['U'] = 2,
    ['V'] = 2, ['W'] = 2, ['X'] = 2, ['Y'] = 2, ['Z'] = 2, ['a'] = 2, ['b'] = 2,
    ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2, ['g'] = 2, ['h'] = 2, ['i'] = 2,
    ['j'] = 2, ['k'] = 2, ['l'] = 2, ['m'] = 2, ['n'] = 2, ['o'] = 2, ['p'] = 2,
    ['q'] = 2, ['r'] = 2, ['s'] = 2, ['t'] = 2, ['u'] = 2, ['v'] = 2, ['w'] = 2,
    ['x'] = 2, ['y'] = 2, ['z'] = 2,
};

/* The number token at s[i] (a digit): its digits, commas between digits left out, and
 * one fraction; returns where it ends. Any number (the general reading). */
static size_t number_token_slow(const char *s, size_t len, size_t i, tok *k)
{
	char buf[32];
	size_t n = 0;
	int digits = 0;
	bool frac = false;
	while (i < len &&
	       (is_dig(s[i]) ||
	        ((s[i] == ',' || s[i] == '.') && i + 1 < len && is_dig(s[i + 1]) && !frac))) {
		if (s[i] == '.')
			frac = true;
		if (s[i] != ',' && n < sizeof buf - 1)
			buf[n++] = s[i];
		if (is_dig(s[i]) && !frac)
			digits++;
		i++;
	}
	buf[n] = '\0';
	k->num = number_value(buf, n, frac);
	k->digits = digits;
	n = n < TOK_LEN - 1 ? n : TOK_LEN - 1;
	memcpy(k->w, buf, n);
	k->w[n] = '\0';
	k->len = (int)n;
	return i;
}

/*
 * The number token at s[i] (a digit), as number_token_slow() reads it: the usual
 * integer of up to 15 digits (commas between digits left out) is read in one pass,
 * its digits written straight into the token and its value summed on the way; a
 * fraction or a longer number goes to number_token_slow().
 */
static size_t number_token(const char *s, size_t len, size_t i, tok *k)
{
	unsigned long long v = 0;
	size_t n = 0, j = i;
	for (;;) {
		if (j < len && is_dig(s[j])) {
			if (n < TOK_LEN - 1)
				k->w[n] = s[j];
			v = v * 10 + (unsigned long long)(s[j] - '0');
			n++;
			j++;
		} else if (j + 1 < len && s[j] == ',' && is_dig(s[j + 1])) {
			j++;
		} else {
			break;
		}
	}
	k->is_num = true;
	memcpy(&k->month, no_entry, 4);
	/* ordinal suffixes and the "s" of "1990s" stay apart */
	if (n > 15 || (j + 1 < len && s[j] == '.' && is_dig(s[j + 1])))
		return number_token_slow(s, len, i, k);
	k->num = (double)v;
	k->digits = (int)n;
	k->w[n] = '\0';
	k->len = (int)n;
	return j;
}

/*
 * The letters of a word eight bytes a step: how many of s[i..i+8) are ASCII letters
 * before the first other byte (0..8), those eight bytes lower-cased into w[0..8)
 * (what follows the letters is garbage the caller overwrites). Reads s[i..i+8), or
 * when fewer than eight bytes are left the last eight of s[0..len) (len >= 8),
 * shifted so that the bytes past len read as zeros (not letters). i < len.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LETTERS8 1
#else
#define LETTERS8 0 /* letters8() reads bytes in little-endian order */
#endif

static size_t letters8(const char *s, size_t len, size_t i, char *w)
{
	const unsigned long long ones = 0x0101010101010101ULL, high = ones * 0x80;
	unsigned long long v;
	if (i + 8 <= len) {
		memcpy(&v, s + i, 8);
	} else {
		memcpy(&v, s + len - 8, 8);
		v >>= 8 * (i - (len - 8)); /* little-endian: the first byte is the lowest */
	}
	unsigned long long y = v | ones * 0x20; /* lower case; a letter is 'a'..'z' now */
	unsigned long long lo = y & ~high;      /* seven bits a byte: no carry between bytes */
	unsigned long long ge_a = lo + ones * (0x80 - 'a'), gt_z = lo + ones * (0x80 - 'z' - 1);
	unsigned long long letter = ge_a & ~gt_z & ~y & high;
	unsigned long long other = ~letter & high;
	memcpy(w, &y, 8);
	return other ? (size_t)__builtin_ctzll(other) / 8 : 8;
}

void tl_norm_tokenize(const char *s, size_t len, toks *t)
{
	int nt = 0;
	unsigned long long sig = 0;
	size_t i = 0;
	while (i < len && nt < TOK_MAX) {
		unsigned cls = tok_class[(unsigned char)s[i]];
		if (!cls) {
			i++;
			continue;
		}
		tok *k = &t->v[nt++];
		if (cls == 1) {
			i = number_token(s, len, i, k);
			continue;
		}
		/* a word: an apostrophe ("'90s" keeps it), then its letters, lower-cased
		 * (TOK_LEN - 1 of them at most) while they are read */
		char *w = k->w;
		memset(w, 0, 8); /* lex_find_tok() reads eight bytes */
		size_t n = 0;
		if (cls == 4) {
			w[n++] = '\'';
			i++;
		}
		bool done = false;
		while (LETTERS8 && !done && i < len && n + 8 <= TOK_LEN - 1 && len >= 8) {
			size_t got = letters8(s, len, i, w + n);
			n += got;
			i += got;
			done = got < 8;
		}
		while (!done && i < len && n < TOK_LEN - 1 && tok_class[(unsigned char)s[i]] == 2)
			w[n++] = (char)(s[i++] | 0x20);
		while (!done && i < len && tok_class[(unsigned char)s[i]] == 2)
			i++; /* letters past TOK_LEN - 1 are left out */
		w[n] = '\0';
		k->len = (int)n;
		k->is_num = false;
		k->num = 0;
		k->digits = 0;
		set_lexicon(k);
		sig |= tok_bit(n, w[0]);
	}
	t->n = nt;
	t->sig = sig;
}

int tl_norm_month_of(const char *w)
{
	const lex_entry *e = lex_find(w);
	return e ? e->month : 0;
}

int tl_norm_weekday_of(const char *w)
{
	const lex_entry *e = lex_find(w);
	return e ? e->wday : 0;
}

enum unit tl_norm_unit_of(const char *w)
{
	const lex_entry *e = lex_find(w);
	return e ? (enum unit)e->unit : U_NONE;
}

/* The first unit word at or after i (-1 when none); *u receives it. */
int tl_norm_find_unit(const toks *t, int from, enum unit *u)
{
	for (int i = from; i < t->n; i++) {
		enum unit v = (enum unit)t->v[i].unit; /* U_NONE for numbers */
		if (v != U_NONE && v != U_HALF) {
			*u = v;
			return i;
		}
	}
	*u = U_NONE;
	return -1;
}

int tl_norm_small_number(const char *w)
{
	const lex_entry *e = lex_find(w);
	return e ? e->small : -1;
}

/*
 * Reads a quantity starting at token i: digits, number words ("twenty four"),
 * "a"/"an", "a couple of", "several". Returns the value (QTY_X when vague) and
 * sets *next past it; returns -2 when there is no quantity at i.
 */
double tl_norm_read_qty(const toks *t, int i, int *next)
{
	if (i >= t->n)
		return -2;
	const tok *k = &t->v[i];
	double v = -2;
	int j = i;
	if (k->is_num) {
		v = k->num;
		j = i + 1;
	} else if (IS(k, "a") || IS(k, "an")) {
		v = 1;
		j = i + 1;
		if (eq(t, j, "couple")) {
			v = 2;
			j++;
		} else if (eq(t, j, "few")) {
			v = QTY_X;
			j++;
		} else if (eq(t, j, "dozen")) {
			v = 12;
			j++;
		} else if (eq(t, j, "hundred")) {
			v = 100;
			j++;
		} else if (eq(t, j, "half")) {
			v = 0.5;
			j++;
		}
	} else if (IS(k, "couple")) {
		v = 2;
		j = i + 1;
	} else if (IS(k, "half") && (eq(t, i + 1, "a") || eq(t, i + 1, "an"))) {
		v = 0.5;
		j = i + 2;
	} else if (IS(k, "few") || IS(k, "several") || IS(k, "some") || IS(k, "many") ||
	           IS(k, "dozens") || IS(k, "hundreds") || IS(k, "thousands")) {
		v = QTY_X;
		j = i + 1;
	} else {
		int n = k->small;
		if (n < 0)
			return -2;
		v = n;
		j = i + 1;
		if (n >= 20 && n % 10 == 0 && j < t->n) {
			int o = t->v[j].small;
			if (o > 0 && o < 10) {
				v += o;
				j++;
			}
		}
		if (eq(t, j, "hundred")) {
			v *= 100;
			j++;
		}
	}
	if (v >= 1 && j + 1 < t->n && t->v[j].is_num && t->v[j].num == 1 && t->v[j + 1].is_num &&
	    t->v[j + 1].num == 2) {
		v += 0.5; /* "2 1/2" */
		j += 2;
	}
	if (eq(t, j, "of"))
		j++;
	if (eq(t, j, "and") && eq(t, j + 1, "a") && eq(t, j + 2, "half") && v >= 0) {
		v += 0.5;
		j += 3;
	}
	*next = j;
	return v;
}

void tl_norm_out_int_any(tl_norm_out *o, long v, int width)
{
	char d[24];
	int n = 0;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do {
		d[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		width--;
	size_t total = (size_t)(v < 0) + (size_t)(n > width ? n : width);
	if (o->n + total < o->cap) {
		/* it fits: no bound check per character */
		char *p = o->b + o->n;
		if (v < 0)
			*p++ = '-';
		for (int z = n; z < width; z++)
			*p++ = '0';
		while (n > 0)
			*p++ = d[--n];
		*p = '\0';
		o->n += total;
		return;
	}
	if (v < 0)
		tl_norm_out_char(o, '-');
	for (int z = n; z < width; z++)
		tl_norm_out_char(o, '0');
	while (n > 0)
		tl_norm_out_char(o, d[--n]);
}

/* "00" to "99", two bytes a number */
static const char digit_pairs[] = "00010203040506070809"
                                  "10111213141516171819"
                                  "20212223242526272829"
                                  "30313233343536373839"
                                  "40414243444546474849"
                                  "50515253545556575859"
                                  "60616263646566676869"
                                  "70717273747576777879"
                                  "80818283848586878889"
                                  "90919293949596979899";

void tl_norm_fmt_day(char *b, tl_date d)
{
	if (d.year >= 0 && d.year <= 9999 && d.month >= 0 && d.month <= 99 && d.day >= 0 &&
	    d.day <= 99) {
		/* the usual case, two digits at a time */
		memcpy(b, digit_pairs + 2 * (d.year / 100), 2);
		memcpy(b + 2, digit_pairs + 2 * (d.year % 100), 2);
		b[4] = '-';
		memcpy(b + 5, digit_pairs + 2 * d.month, 2);
		b[7] = '-';
		memcpy(b + 8, digit_pairs + 2 * d.day, 2);
		b[10] = '\0';
		return;
	}
	tl_norm_out o;
	tl_norm_out_init(&o, b, TL_VALUE_MAX);
	tl_norm_out_int(&o, d.year, 4);
	tl_norm_out_char(&o, '-');
	tl_norm_out_int(&o, d.month, 2);
	tl_norm_out_char(&o, '-');
	tl_norm_out_int(&o, d.day, 2);
}

/* Writes d's day and the 'T' that opens its time of day into b, and sets o to go on
 * writing after them. */
static void fmt_day_then_time(tl_norm_out *o, char *b, tl_date d)
{
	tl_norm_fmt_day(b, d);
	o->b = b;
	o->cap = TL_VALUE_MAX;
	o->n = strlen(b);
	tl_norm_out_char(o, 'T');
}

void tl_norm_fmt_time(char *b, tl_date d, int h, int m)
{
	tl_norm_out o;
	fmt_day_then_time(&o, b, d);
	tl_norm_out_int(&o, h, 2);
	tl_norm_out_char(&o, ':');
	tl_norm_out_int(&o, m, 2);
}

void tl_norm_fmt_day_part(char *b, tl_date d, const char *part)
{
	tl_norm_out o;
	fmt_day_then_time(&o, b, d);
	tl_norm_out_str(&o, part);
}

void tl_norm_fmt_year_part(char *b, int y, char letter, int n)
{
	tl_norm_out o;
	tl_norm_out_init(&o, b, TL_VALUE_MAX);
	tl_norm_out_int(&o, y, 4);
	tl_norm_out_char(&o, '-');
	tl_norm_out_char(&o, letter);
	tl_norm_out_int(&o, n, 0);
}

/* The value at grain u of the period containing d. */
void tl_norm_point_at(tl_timex *t, tl_date d, enum unit u)
{
	tl_norm_out o;
	tl_norm_out_init(&o, t->value, sizeof t->value);
	int y, w;
	t->type = TL_TIMEX_DATE;
	switch (u) {
	case U_SEC:
	case U_MIN:
	case U_HOUR:
	case U_DAY:
		tl_norm_fmt_day(t->value, d);
		t->grain = TL_GRAIN_DAY;
		return;
	case U_WEEK:
	case U_FORTNIGHT:
	case U_WEEKEND:
		tl_date_iso_week(d, &y, &w);
		tl_norm_out_int(&o, y, 4);
		tl_norm_out_str(&o, "-W");
		tl_norm_out_int(&o, w, 2);
		if (u == U_WEEKEND)
			tl_norm_out_str(&o, "-WE");
		t->grain = u == U_WEEKEND ? TL_GRAIN_WEEKEND : TL_GRAIN_WEEK;
		return;
	case U_MONTH:
		if (d.year >= 0 && d.year <= 9999 && d.month >= 0 && d.month <= 99) {
			memcpy(t->value, digit_pairs + 2 * (d.year / 100), 2);
			memcpy(t->value + 2, digit_pairs + 2 * (d.year % 100), 2);
			t->value[4] = '-';
			memcpy(t->value + 5, digit_pairs + 2 * d.month, 2);
			t->value[7] = '\0';
			t->grain = TL_GRAIN_MONTH;
			return;
		}
		tl_norm_out_int(&o, d.year, 4);
		tl_norm_out_char(&o, '-');
		tl_norm_out_int(&o, d.month, 2);
		t->grain = TL_GRAIN_MONTH;
		return;
	case U_QUARTER:
		tl_norm_out_int(&o, d.year, 4);
		tl_norm_out_str(&o, "-Q");
		tl_norm_out_int(&o, (d.month - 1) / 3 + 1, 0);
		t->grain = TL_GRAIN_QUARTER;
		return;
	case U_HALF:
		tl_norm_out_int(&o, d.year, 4);
		tl_norm_out_str(&o, "-H");
		tl_norm_out_int(&o, (d.month - 1) / 6 + 1, 0);
		t->grain = TL_GRAIN_HALF;
		return;
	case U_DECADE:
		tl_norm_out_int(&o, d.year / 10, 3);
		t->grain = TL_GRAIN_DECADE;
		return;
	case U_CENTURY:
		tl_norm_out_int(&o, d.year / 100, 2);
		t->grain = TL_GRAIN_CENTURY;
		return;
	case U_YEAR:
	case U_NONE:
	default:
		if (d.year >= 0 && d.year <= 9999) {
			memcpy(t->value, digit_pairs + 2 * (d.year / 100), 2);
			memcpy(t->value + 2, digit_pairs + 2 * (d.year % 100), 2);
			t->value[4] = '\0';
			t->grain = TL_GRAIN_YEAR;
			return;
		}
		tl_norm_out_int(&o, d.year, 4);
		t->grain = TL_GRAIN_YEAR;
		return;
	}
}

/*
 * An anaphor is no more precise than its anchor: "a week later" after "in
 * 2018" is 2018, not a day in January.
 */
enum unit tl_norm_no_finer_than(enum unit u, tl_grain anchor)
{
	static const struct {
		tl_grain g;
		enum unit u;
	} map[] = {
	    {TL_GRAIN_CENTURY, U_CENTURY}, {TL_GRAIN_DECADE, U_DECADE},
	    {TL_GRAIN_YEAR, U_YEAR},       {TL_GRAIN_HALF, U_HALF},
	    {TL_GRAIN_QUARTER, U_QUARTER}, {TL_GRAIN_SEASON, U_QUARTER},
	    {TL_GRAIN_MONTH, U_MONTH},     {TL_GRAIN_WEEK, U_WEEK},
	    {TL_GRAIN_WEEKEND, U_WEEK},
	};
	/* units from finest to coarsest, to compare them */
	static const enum unit order[] = {U_SEC,  U_MIN,       U_HOUR,   U_DAY,     U_WEEKEND,
	                                  U_WEEK, U_FORTNIGHT, U_MONTH,  U_QUARTER, U_HALF,
	                                  U_YEAR, U_DECADE,    U_CENTURY};
	enum unit a = U_NONE;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].g == anchor)
			a = map[i].u;
	if (a == U_NONE)
		return u; /* a day or finer anchor: keep the unit's own grain */
	int ru = -1, ra = -1;
	for (int i = 0; i < (int)(sizeof order / sizeof order[0]); i++) {
		if (order[i] == u)
			ru = i;
		if (order[i] == a)
			ra = i;
	}
	return ru >= 0 && ra >= 0 && ru < ra ? a : u;
}

/* d moved by n units. */
tl_date tl_norm_shift(tl_date d, enum unit u, int n)
{
	switch (u) {
	case U_SEC:
	case U_MIN:
	case U_HOUR:
		return d;
	case U_DAY:
		return tl_date_add_days(d, n);
	case U_WEEK:
	case U_WEEKEND:
		return tl_date_add_days(d, 7 * n);
	case U_FORTNIGHT:
		return tl_date_add_days(d, 14 * n);
	case U_MONTH:
		return tl_date_add_months(d, n);
	case U_QUARTER:
		return tl_date_add_months(d, 3 * n);
	case U_HALF:
		return tl_date_add_months(d, 6 * n);
	case U_YEAR:
		return tl_date_add_months(d, 12 * n);
	case U_DECADE:
		return tl_date_add_months(d, 120 * n);
	case U_CENTURY:
		return tl_date_add_months(d, 1200 * n);
	case U_NONE:
	default:
		return d;
	}
}

/* Modifier words TimeML leaves outside the extent, read from the text before it. */
const char *tl_norm_outer_mod(const tl_norm_context *c)
{
	/* clang-format off */
#define O(w, mod) {w, sizeof w - 1, mod}
	/* clang-format on */
	static const struct {
		const char *w;
		size_t n;
		const char *mod;
	} outer[] = {
	    O("about ", "APPROX"),    O("almost ", "LESS_THAN"), O("over ", "MORE_THAN"),
	    O("under ", "LESS_THAN"), O("some ", "APPROX"),
	};
#undef O
	if (!c->pre || c->pre_len < 3 || c->pre[c->pre_len - 1] != ' ')
		return NULL; /* every word above ends with a space */
	char last = c->pre[c->pre_len - 2];
	if (last != 't' && last != 'r' && last != 'e')
		return NULL; /* nor with the last letter of any of them */
	for (size_t i = 0; i < sizeof outer / sizeof outer[0]; i++) {
		size_t n = outer[i].n;
		if (c->pre_len >= n && memcmp(c->pre + c->pre_len - n, outer[i].w, n) == 0 &&
		    (c->pre_len == n || !is_letter(c->pre[c->pre_len - n - 1])))
			return outer[i].mod;
	}
	return NULL;
}

/* The bit of the literal word lit in toks.sig (folded to a constant): a helper whose
 * words all miss sig has no answer and skips reading the tokens. */
#define TB(lit) tok_bit(sizeof lit - 1, lit[0])

/* The helpers below read every token once instead of once per word (has). */
const char *tl_norm_approx_mod(const toks *t)
{
	if (!(t->sig &
	      (TB("about") | TB("around") | TB("approximately") | TB("roughly") | TB("some") |
	       TB("or") | TB("nearly") | TB("almost") | TB("under") | TB("barely") | TB("more") |
	       TB("over") | TB("less") | TB("fewer") | TB("at") | TB("up") | TB("no"))))
		return NULL; /* none of the words every answer below needs */
	bool approx = false, or_word = false, so_word = false, less = false;
	for (int i = 0; i < t->n; i++) {
		const tok *k = &t->v[i];
		if (k->is_num)
			continue;
		approx = approx || IS(k, "about") || IS(k, "around") || IS(k, "approximately") ||
		         IS(k, "roughly") || IS(k, "some");
		or_word = or_word || IS(k, "or");
		so_word = so_word || IS(k, "so");
		less =
		    less || IS(k, "nearly") || IS(k, "almost") || IS(k, "under") || IS(k, "barely");
	}
	if (approx || (or_word && so_word))
		return "APPROX";
	if ((eq(t, 0, "more") || eq(t, 0, "over")) && !eq(t, 1, "the"))
		return "MORE_THAN";
	if (less || eq(t, 0, "less") || eq(t, 0, "fewer"))
		return "LESS_THAN";
	if (eq(t, 0, "at") && eq(t, 1, "least"))
		return "EQUAL_OR_MORE";
	if ((eq(t, 0, "at") && eq(t, 1, "most")) || (eq(t, 0, "up") && eq(t, 1, "to")) ||
	    (eq(t, 0, "no") && eq(t, 1, "more")))
		return "EQUAL_OR_LESS";
	if (eq(t, 0, "no") && eq(t, 1, "less"))
		return "EQUAL_OR_MORE";
	return NULL;
}

/* START/MID/END from "early", "mid-", "late", "the end of" ... */
const char *tl_norm_point_mod(const toks *t)
{
	if (!(t->sig & (TB("early") | TB("earlier") | TB("beginning") | TB("start") | TB("mid") |
	                TB("middle") | TB("late") | TB("later") | TB("end") | TB("close"))))
		return NULL;
	bool start = false, mid = false, end = false;
	for (int i = 0; i < t->n; i++) {
		const tok *k = &t->v[i];
		if (k->is_num)
			continue;
		start = start || IS(k, "early") || IS(k, "earlier") || IS(k, "beginning") ||
		        IS(k, "start");
		mid = mid || IS(k, "mid") || IS(k, "middle");
		end = end || IS(k, "late") || IS(k, "later") || IS(k, "end") || IS(k, "close");
	}
	return start ? "START" : mid ? "MID" : end ? "END" : NULL;
}

int tl_norm_season_of(const toks *t)
{
	if (!(t->sig & (TB("spring") | TB("summer") | TB("fall") | TB("autumn") | TB("winter"))))
		return -1;
	bool seen[4] = {false, false, false, false};
	for (int i = 0; i < t->n; i++) {
		const tok *k = &t->v[i];
		if (k->is_num)
			continue;
		seen[0] = seen[0] || IS(k, "spring");
		seen[1] = seen[1] || IS(k, "summer");
		seen[2] = seen[2] || IS(k, "fall") || IS(k, "autumn");
		seen[3] = seen[3] || IS(k, "winter");
	}
	for (int s = 0; s < 4; s++)
		if (seen[s])
			return s;
	return -1;
}

const char *tl_norm_part_of_day(const toks *t)
{
	static const char *const codes[] = {"MO", "AF", "EV", "NI"};
	if (!(t->sig & (TB("morning") | TB("afternoon") | TB("evening") | TB("night") |
	                TB("tonight") | TB("overnight"))))
		return NULL;
	bool seen[4] = {false, false, false, false};
	for (int i = 0; i < t->n; i++) {
		const tok *k = &t->v[i];
		if (k->is_num)
			continue;
		seen[0] = seen[0] || IS(k, "morning");
		seen[1] = seen[1] || IS(k, "afternoon");
		seen[2] = seen[2] || IS(k, "evening");
		seen[3] = seen[3] || IS(k, "night") || IS(k, "tonight") || IS(k, "overnight");
	}
	for (int p = 0; p < 4; p++)
		if (seen[p])
			return codes[p];
	return NULL;
}

int tl_norm_direction_word(const toks *t, int *at)
{
	if (!(t->sig & (TB("last") | TB("past") | TB("previous") | TB("preceding") | TB("prior") |
	                TB("next") | TB("coming") | TB("following") | TB("subsequent") |
	                TB("this") | TB("current") | TB("present") | TB("same") | TB("that")))) {
		*at = -1;
		return 2;
	}
	for (int i = 0; i < t->n; i++) {
		const tok *k = &t->v[i];
		if (k->is_num)
			continue;
		if (IS(k, "last") || IS(k, "past") || IS(k, "previous") || IS(k, "preceding") ||
		    IS(k, "prior")) {
			*at = i;
			return -1;
		}
		if (IS(k, "next") || IS(k, "coming") || IS(k, "following") || IS(k, "subsequent")) {
			*at = i;
			return 1;
		}
		if (IS(k, "this") || IS(k, "current") || IS(k, "present") || IS(k, "same") ||
		    IS(k, "that")) {
			*at = i;
			return 0;
		}
	}
	*at = -1;
	return 2;
}

bool tl_norm_anaphoric(const toks *t)
{
	return has(t, "following") || has(t, "previous") || has(t, "preceding") ||
	       has(t, "subsequent") || has(t, "same") || has(t, "that") || has(t, "prior");
}

/* The weekday wd nearest dct in direction dir (-1 on or before, 1 after, 0 same week). */
tl_date tl_norm_resolve_weekday(tl_date anchor, int wd, int dir, bool strict)
{
	int cur = tl_date_weekday(anchor);
	int diff;
	if (dir < 0) {
		diff = -((cur - wd + 7) % 7);
		if (diff == 0 && strict)
			diff = -7;
	} else if (dir > 0) {
		diff = (wd - cur + 7) % 7;
		if (diff == 0 && strict)
			diff = 7;
	} else {
		diff = wd - cur;
	}
	return tl_date_add_days(anchor, diff);
}

/* Month m nearest the anchor in direction dir (-1 on or before, 1 on or after). */
int tl_norm_resolve_month_year(tl_date anchor, int m, int dir, bool strict)
{
	if (dir < 0)
		return (m < anchor.month || (m == anchor.month && !strict)) ? anchor.year
		                                                            : anchor.year - 1;
	if (dir > 0)
		return (m > anchor.month || (m == anchor.month && !strict)) ? anchor.year
		                                                            : anchor.year + 1;
	return anchor.year;
}
