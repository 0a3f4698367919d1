/*
 * norm_words.h - what the normalizer's rules share: a span split into lower-cased
 * word and number tokens (toks), the lexicon (months, weekdays, units, number
 * words, parts of the day, seasons, direction words), the writers of TIMEX3
 * values and mods, and moving a date by a unit. Each token carries its length
 * and its lexicon entries, looked up once when the span is split, so the rules
 * compare lengths and small ints instead of calling strcmp; values are written
 * by a bounded writer (tl_norm_out) instead of snprintf. Internal to the
 * normalizer (normalize.c and the norm_*.c rule modules); pure functions, no
 * state, no allocation.
 */
#ifndef TL_NORM_WORDS_H
#define TL_NORM_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "normalize.h"
#include "timeline.h"

#define TOK_MAX 32

#define TOK_LEN 24

#define QTY_X -1.0 /* "several", "a few": an unknown number */

/*
 * A token carries its length and its lexicon entries, found once by
 * tl_norm_tokenize, so the rules compare lengths and small ints, not strings.
 */
typedef struct tok {
	char w[TOK_LEN];
	double num; /* value when is_num */
	bool is_num;
	int digits;        /* number of digits when is_num and integral */
	int len;           /* strlen(w) */
	signed char month; /* tl_norm_month_of(w), 0 for numbers */
	signed char wday;  /* tl_norm_weekday_of(w), 0 for numbers */
	signed char unit;  /* tl_norm_unit_of(w), U_NONE for numbers */
	signed char small; /* tl_norm_small_number(w), -1 for numbers */
} tok;

typedef struct toks {
	tok v[TOK_MAX];
	int n;
	unsigned long long sig; /* tok_bit() of every word token: has() skips most spans */
} toks;

enum unit {
	U_NONE,
	U_SEC,
	U_MIN,
	U_HOUR,
	U_DAY,
	U_WEEK,
	U_WEEKEND,
	U_FORTNIGHT,
	U_MONTH,
	U_QUARTER,
	U_HALF,
	U_YEAR,
	U_DECADE,
	U_CENTURY
};

static inline bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool is_dig(char c)
{
	return c >= '0' && c <= '9';
}

/* True when token k is the word w[0..n) (no string compare unless the lengths
 * and first letters agree; n is a constant when w is a literal). */
static inline bool tok_is(const tok *k, const char *w, size_t n)
{
	return !k->is_num && (size_t)k->len == n && k->w[0] == w[0] && memcmp(k->w, w, n) == 0;
}

/* The bit of a word of n letters starting with c in toks.sig (a constant for a literal). */
static inline unsigned long long tok_bit(size_t n, char c)
{
	return 1ULL << ((n * 5 + (unsigned char)c) & 63);
}

static inline bool eq(const toks *t, int i, const char *w)
{
	return i >= 0 && i < t->n && tok_is(&t->v[i], w, strlen(w));
}

static inline bool has(const toks *t, const char *w)
{
	size_t n = strlen(w);
	if (!(t->sig & tok_bit(n, w[0])))
		return false; /* no word of that length and first letter */
	for (int i = 0; i < t->n; i++)
		if (tok_is(&t->v[i], w, n))
			return true;
	return false;
}

static inline int find(const toks *t, const char *w)
{
	size_t n = strlen(w);
	if (!(t->sig & tok_bit(n, w[0])))
		return -1;
	for (int i = 0; i < t->n; i++)
		if (tok_is(&t->v[i], w, n))
			return i;
	return -1;
}

/* Splits s[0..len) into at most TOK_MAX lower-cased word and number tokens. */
void tl_norm_tokenize(const char *s, size_t len, toks *t);

/* 1..12 for a month name or abbreviation ("sept"), 0 otherwise; likewise
 * 1..7 (Monday first) for a weekday, plural or not, and the unit of a word. */
int tl_norm_month_of(const char *w);

int tl_norm_weekday_of(const char *w);

enum unit tl_norm_unit_of(const char *w);

/* The first unit word at or after i (-1 when none); *u receives it. */
int tl_norm_find_unit(const toks *t, int from, enum unit *u);

/* The value of a number word from "zero" to "ninety", -1 otherwise. */
int tl_norm_small_number(const char *w);

/*
 * Reads a quantity starting at token i: digits, number words ("twenty four"),
 * "a"/"an", "a couple of", "several". Returns the value (QTY_X when vague) and
 * sets *next past it; returns -2 when there is no quantity at i.
 */
double tl_norm_read_qty(const toks *t, int i, int *next);

/*
 * A bounded writer for values, the snprintf of the normalizer without its cost:
 * what does not fit in b[0..cap) is cut, b stays terminated and n counts the
 * full length, as snprintf's return value does.
 */
typedef struct tl_norm_out {
	char *b;
	size_t cap;
	size_t n;
} tl_norm_out;

/* The writer's small steps are inline: every value of a span goes through them. */
static inline void tl_norm_out_init(tl_norm_out *o, char *b, size_t cap)
{
	o->b = b;
	o->cap = cap;
	o->n = 0;
	if (cap)
		b[0] = '\0';
}

/* Appends c, keeping the buffer terminated; o->n counts what did not fit too. */
static inline void tl_norm_out_char(tl_norm_out *o, char c)
{
	if (o->n + 1 < o->cap) {
		o->b[o->n] = c;
		o->b[o->n + 1] = '\0';
	}
	o->n++;
}

static inline void tl_norm_out_str(tl_norm_out *o, const char *s)
{
	while (*s)
		tl_norm_out_char(o, *s++);
}

/* v as printf's "%0*ld" with the given width writes it: any v (the general case)... */
void tl_norm_out_int_any(tl_norm_out *o, long v, int width);

/* ... and inline for the usual, years, months, days and counts of up to four digits. */
static inline void tl_norm_out_int(tl_norm_out *o, long v, int width)
{
	if (v >= 0 && v <= 9999 && width <= 4) {
		/* years, months, days, weeks: at most four digits, written from the end */
		unsigned u = (unsigned)v;
		size_t w = u < 10 ? 1 : u < 100 ? 2 : u < 1000 ? 3 : 4;
		if (w < (size_t)width)
			w = (size_t)width;
		if (o->n + w < o->cap) {
			char *p = o->b + o->n + w;
			*p = '\0';
			for (size_t k = 0; k < w; k++) {
				*--p = (char)('0' + u % 10);
				u /= 10;
			}
			o->n += w;
			return;
		}
	}
	tl_norm_out_int_any(o, v, width);
}

/* The lexicon's entries in order (for the tests): its size and i-th word. */
size_t tl_norm_lexicon_size(void);

const char *tl_norm_lexicon_word(size_t i);

/* Writers: "YYYY-MM-DD" into b (TL_VALUE_MAX bytes); the type, grain and value
 * of t; its mod (NULL for none). */
void tl_norm_fmt_day(char *b, tl_date d);

/* "YYYY-MM-DDTHH:MM" and "YYYY-MM-DDT" + part ("MO", "NI") into b (TL_VALUE_MAX bytes). */
void tl_norm_fmt_time(char *b, tl_date d, int h, int m);

void tl_norm_fmt_day_part(char *b, tl_date d, const char *part);

/* "YYYY-Qn" or "YYYY-Hn" (letter 'Q' or 'H') into b (TL_VALUE_MAX bytes). */
void tl_norm_fmt_year_part(char *b, int y, char letter, int n);

/* Copies s into b[0..cap), cut to fit like snprintf("%s"); values and mods are short:
 * no strlen, no memcpy call. Inline with the two setters below (every span sets a
 * value and a mod). */
static inline void tl_norm_copy_cut(char *b, size_t cap, const char *s)
{
	size_t n = 0;
	for (; n + 1 < cap && s[n]; n++)
		b[n] = s[n];
	b[n] = '\0';
}

static inline void tl_norm_set_value(tl_timex *t, tl_timex_type type, tl_grain g, const char *value)
{
	t->type = type;
	t->grain = g;
	tl_norm_copy_cut(t->value, sizeof t->value, value);
}

static inline void tl_norm_set_mod(tl_timex *t, const char *mod)
{
	tl_norm_copy_cut(t->mod, sizeof t->mod, mod ? mod : "");
}

/* The value at grain u of the period containing d. */
void tl_norm_point_at(tl_timex *t, tl_date d, enum unit u);

/*
 * An anaphor is no more precise than its anchor: "a week later" after "in
 * 2018" is 2018, not a day in January.
 */
enum unit tl_norm_no_finer_than(enum unit u, tl_grain anchor);

/* d moved by n units. */
tl_date tl_norm_shift(tl_date d, enum unit u, int n);

/* True when the text right after the span starts with the word w ("old"); inline, so
 * that w's length is a constant and the compare a few instructions. */
static inline bool tl_norm_followed_by(const tl_norm_context *c, const char *w)
{
	size_t i = 0, n = strlen(w);
	if (!c->post)
		return false;
	while (i < c->post_len && c->post[i] == ' ')
		i++;
	if (i == 0 || c->post_len - i < n || memcmp(c->post + i, w, n) != 0)
		return false;
	return i + n == c->post_len || !is_letter(c->post[i + n]);
}

/* Modifier words TimeML leaves outside the extent, read from the text before it. */
const char *tl_norm_outer_mod(const tl_norm_context *c);

/* The mod of a quantity: "about" APPROX, "more than" MORE_THAN ... NULL when none. */
const char *tl_norm_approx_mod(const toks *t);

/* START/MID/END from "early", "mid-", "late", "the end of" ... */
const char *tl_norm_point_mod(const toks *t);

/* 0..3 for spring, summer, fall/autumn, winter in t, -1 when none. */
int tl_norm_season_of(const toks *t);

/* "MO", "AF", "EV", "NI" for a part of the day in t, NULL when none. */
const char *tl_norm_part_of_day(const toks *t);

/* -1 for "last/past/previous", 1 for "next/coming/following", 0 for
 * "this/current/same/that", 2 when none; *at receives its token (-1). */
int tl_norm_direction_word(const toks *t, int *at);

/* True when t refers to the last date mentioned ("following", "same"...). */
bool tl_norm_anaphoric(const toks *t);

/* The weekday wd nearest dct in direction dir (-1 on or before, 1 after, 0 same week). */
tl_date tl_norm_resolve_weekday(tl_date anchor, int wd, int dir, bool strict);

/* Month m nearest the anchor in direction dir (-1 on or before, 1 on or after). */
int tl_norm_resolve_month_year(tl_date anchor, int m, int dir, bool strict);

#endif
