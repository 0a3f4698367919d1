/*
 * normalize.c - the normalizer: one span of a known class (tl_kind) to a
 * TIMEX3 type, value, mod, grain and, for SETs, quant and freq. The span is
 * split into lower-cased word and number tokens and read by a small rule per
 * class; dates are computed with date.c against the article date or, for
 * anaphora ("the following day"), against the last date mentioned. Pure
 * functions only: no allocation, no state, no clock, no locale.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "normalize.h"

#define TOK_MAX 32
#define TOK_LEN 24
#define QTY_X -1.0 /* "several", "a few": an unknown number */

typedef struct tok {
	char w[TOK_LEN];
	double num; /* value when is_num */
	bool is_num;
	int digits; /* number of digits when is_num and integral */
} tok;

typedef struct toks {
	tok v[TOK_MAX];
	int n;
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

/* ---- tokens ---- */

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_dig(char c)
{
	return c >= '0' && c <= '9';
}

static void tokenize(const char *s, size_t len, toks *t)
{
	t->n = 0;
	size_t i = 0;
	while (i < len && t->n < TOK_MAX) {
		tok *k = &t->v[t->n];
		if (is_dig(s[i])) {
			char buf[32];
			size_t n = 0;
			int digits = 0;
			bool frac = false;
			while (i < len &&
			       (is_dig(s[i]) || ((s[i] == ',' || s[i] == '.') && i + 1 < len &&
			                         is_dig(s[i + 1]) && !frac))) {
				if (s[i] == '.')
					frac = true;
				if (s[i] != ',' && n < sizeof buf - 1)
					buf[n++] = s[i];
				if (is_dig(s[i]) && !frac)
					digits++;
				i++;
			}
			buf[n] = '\0';
			k->is_num = true;
			k->num = strtod(buf, NULL);
			k->digits = digits;
			n = n < TOK_LEN - 1 ? n : TOK_LEN - 1;
			memcpy(k->w, buf, n);
			k->w[n] = '\0';
			/* ordinal suffixes and the "s" of "1990s" stay apart */
			t->n++;
			continue;
		}
		if (is_letter(s[i]) || s[i] == '\'') {
			size_t n = 0;
			if (s[i] == '\'') {
				k->w[n++] = '\'';
				i++;
			}
			while (i < len && is_letter(s[i])) {
				if (n < TOK_LEN - 1)
					k->w[n++] = (char)(s[i] | 0x20);
				i++;
			}
			k->w[n] = '\0';
			k->is_num = false;
			k->num = 0;
			k->digits = 0;
			t->n++;
			continue;
		}
		i++;
	}
}

static bool eq(const toks *t, int i, const char *w)
{
	return i >= 0 && i < t->n && !t->v[i].is_num && strcmp(t->v[i].w, w) == 0;
}

static bool has(const toks *t, const char *w)
{
	for (int i = 0; i < t->n; i++)
		if (eq(t, i, w))
			return true;
	return false;
}

static int find(const toks *t, const char *w)
{
	for (int i = 0; i < t->n; i++)
		if (eq(t, i, w))
			return i;
	return -1;
}

/* ---- lexicon ---- */

static int month_of(const char *w)
{
	static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
	                                    "jul", "aug", "sep", "oct", "nov", "dec"};
	static const char *const full[] = {"january",   "february", "march",    "april",
	                                   "may",       "june",     "july",     "august",
	                                   "september", "october",  "november", "december"};
	for (int m = 0; m < 12; m++) {
		if (strcmp(w, full[m]) == 0 || strcmp(w, names[m]) == 0)
			return m + 1;
	}
	if (strcmp(w, "sept") == 0)
		return 9;
	return 0;
}

static int weekday_of(const char *w)
{
	static const char *const names[] = {"monday", "tuesday",  "wednesday", "thursday",
	                                    "friday", "saturday", "sunday"};
	for (int d = 0; d < 7; d++) {
		size_t n = strlen(names[d]);
		if (strncmp(w, names[d], n) == 0 && (w[n] == '\0' || strcmp(w + n, "s") == 0))
			return d + 1;
	}
	return 0;
}

static enum unit unit_of(const char *w)
{
	static const struct {
		const char *w;
		enum unit u;
	} units[] = {
	    {"second", U_SEC},
	    {"seconds", U_SEC},
	    {"minute", U_MIN},
	    {"minutes", U_MIN},
	    {"hour", U_HOUR},
	    {"hours", U_HOUR},
	    {"day", U_DAY},
	    {"days", U_DAY},
	    {"night", U_DAY},
	    {"nights", U_DAY},
	    {"week", U_WEEK},
	    {"weeks", U_WEEK},
	    {"weekend", U_WEEKEND},
	    {"weekends", U_WEEKEND},
	    {"fortnight", U_FORTNIGHT},
	    {"fortnights", U_FORTNIGHT},
	    {"month", U_MONTH},
	    {"months", U_MONTH},
	    {"quarter", U_QUARTER},
	    {"quarters", U_QUARTER},
	    {"half", U_HALF},
	    {"year", U_YEAR},
	    {"years", U_YEAR},
	    {"decade", U_DECADE},
	    {"decades", U_DECADE},
	    {"century", U_CENTURY},
	    {"centuries", U_CENTURY},
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(w, units[i].w) == 0)
			return units[i].u;
	return U_NONE;
}

/* The first unit word at or after i (-1 when none); *u receives it. */
static int find_unit(const toks *t, int from, enum unit *u)
{
	for (int i = from; i < t->n; i++) {
		if (t->v[i].is_num)
			continue;
		enum unit v = unit_of(t->v[i].w);
		if (v != U_NONE && v != U_HALF) {
			*u = v;
			return i;
		}
	}
	*u = U_NONE;
	return -1;
}

static int small_number(const char *w)
{
	static const char *const ones[] = {
	    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
	    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
	    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
	static const char *const tens[] = {"twenty", "thirty",  "forty",  "fifty",
	                                   "sixty",  "seventy", "eighty", "ninety"};
	for (int i = 0; i < 20; i++)
		if (strcmp(w, ones[i]) == 0)
			return i;
	for (int i = 0; i < 8; i++)
		if (strcmp(w, tens[i]) == 0)
			return 20 + 10 * i;
	return -1;
}

/*
 * Reads a quantity starting at token i: digits, number words ("twenty four"),
 * "a"/"an", "a couple of", "several". Returns the value (QTY_X when vague) and
 * sets *next past it; returns -2 when there is no quantity at i.
 */
static double read_qty(const toks *t, int i, int *next)
{
	if (i >= t->n)
		return -2;
	const tok *k = &t->v[i];
	double v = -2;
	int j = i;
	if (k->is_num) {
		v = k->num;
		j = i + 1;
	} else if (eq(t, i, "a") || eq(t, i, "an")) {
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
	} else if (eq(t, i, "couple")) {
		v = 2;
		j = i + 1;
	} else if (eq(t, i, "half") && (eq(t, i + 1, "a") || eq(t, i + 1, "an"))) {
		v = 0.5;
		j = i + 2;
	} else if (eq(t, i, "few") || eq(t, i, "several") || eq(t, i, "some") || eq(t, i, "many") ||
	           eq(t, i, "dozens") || eq(t, i, "hundreds") || eq(t, i, "thousands")) {
		v = QTY_X;
		j = i + 1;
	} else {
		int n = small_number(k->w);
		if (n < 0)
			return -2;
		v = n;
		j = i + 1;
		if (n >= 20 && n % 10 == 0 && j < t->n) {
			int o = small_number(t->v[j].w);
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

/* ---- values ---- */

static void fmt_day(char *b, tl_date d)
{
	snprintf(b, TL_VALUE_MAX, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static void set_value(tl_timex *t, tl_timex_type type, tl_grain g, const char *value)
{
	t->type = type;
	t->grain = g;
	snprintf(t->value, sizeof t->value, "%s", value);
}

static void set_mod(tl_timex *t, const char *mod)
{
	snprintf(t->mod, sizeof t->mod, "%s", mod ? mod : "");
}

/* The value at grain u of the period containing d. */
static void point_at(tl_timex *t, tl_date d, enum unit u)
{
	char b[TL_VALUE_MAX];
	int y, w;
	switch (u) {
	case U_SEC:
	case U_MIN:
	case U_HOUR:
	case U_DAY:
		fmt_day(b, d);
		set_value(t, TL_TIMEX_DATE, TL_GRAIN_DAY, b);
		return;
	case U_WEEK:
	case U_FORTNIGHT:
		tl_date_iso_week(d, &y, &w);
		snprintf(b, sizeof b, "%04d-W%02d", y, w);
		set_value(t, TL_TIMEX_DATE, TL_GRAIN_WEEK, b);
		return;
	case U_WEEKEND:
		tl_date_iso_week(d, &y, &w);
		snprintf(b, sizeof b, "%04d-W%02d-WE", y, w);
		set_value(t, TL_TIMEX_DATE, TL_GRAIN_WEEKEND, b);
		return;
	case U_MONTH:
		snprintf(b, sizeof b, "%04d-%02d", d.year, d.month);
		set_value(t, TL_TIMEX_DATE, TL_GRAIN_MONTH, b);
		return;
	case U_QUARTER:
		snprintf(b, sizeof b, "%04d-Q%d", d.year, (d.month - 1) / 3 + 1);
		set_value(t, TL_TIMEX_DATE, TL_GRAIN_QUARTER, b);
		return;
	case U_HALF:
		snprintf(b, sizeof b, "%04d-H%d", d.year, (d.month - 1) / 6 + 1);
		set_value(t, TL_TIMEX_DATE, TL_GRAIN_HALF, b);
		return;
	case U_DECADE:
		snprintf(b, sizeof b, "%03d", d.year / 10);
		set_value(t, TL_TIMEX_DATE, TL_GRAIN_DECADE, b);
		return;
	case U_CENTURY:
		snprintf(b, sizeof b, "%02d", d.year / 100);
		set_value(t, TL_TIMEX_DATE, TL_GRAIN_CENTURY, b);
		return;
	case U_YEAR:
	case U_NONE:
	default:
		snprintf(b, sizeof b, "%04d", d.year);
		set_value(t, TL_TIMEX_DATE, TL_GRAIN_YEAR, b);
		return;
	}
}

/*
 * An anaphor is no more precise than its anchor: "a week later" after "in
 * 2018" is 2018, not a day in January.
 */
static enum unit no_finer_than(enum unit u, tl_grain anchor)
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
static tl_date shift(tl_date d, enum unit u, int n)
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

/* "P3D", "PT4H", "PXY"; fractions move to the next smaller unit (1.5 years -> P18M). */
static void duration_value(char *b, double q, enum unit u)
{
	const char *code = "D";
	bool time = false;
	double f = 1;
	switch (u) {
	case U_SEC:
		code = "S";
		time = true;
		break;
	case U_MIN:
		code = "M";
		time = true;
		break;
	case U_HOUR:
		code = "H";
		time = true;
		break;
	case U_DAY:
		code = "D";
		break;
	case U_WEEK:
		code = "W";
		break;
	case U_WEEKEND:
		code = "WE";
		break;
	case U_FORTNIGHT:
		code = "W";
		f = 2;
		break;
	case U_MONTH:
		code = "M";
		break;
	case U_QUARTER:
		code = "Q"; /* TimeBank: "the past two quarters" P2Q, "several quarters" PXQ */
		break;
	case U_HALF:
		code = "M";
		f = 6;
		break;
	case U_YEAR:
		code = "Y";
		break;
	case U_DECADE:
		code = q < 0 ? "E" : "Y";
		f = 10;
		break;
	case U_CENTURY:
		code = q < 0 ? "C" : "Y";
		f = 100;
		break;
	case U_NONE:
		break;
	}
	if (q < 0) {
		snprintf(b, TL_VALUE_MAX, "P%sX%s", time ? "T" : "", u == U_FORTNIGHT ? "W" : code);
		return;
	}
	q *= f;
	if (q != (double)(long)q) {
		/* the fraction goes to the next smaller unit, after the whole part:
		 * "2 1/2 years" P2Y6M, "a minute and a half" PT1M30S, "half an hour" PT30M */
		static const struct {
			const char *from;
			bool from_time;
			const char *code;
			bool time;
			double f;
		} down[] = {
		    {"Y", false, "M", false, 12}, {"Q", false, "M", false, 3},
		    {"M", false, "D", false, 30}, {"W", false, "D", false, 7},
		    {"D", false, "H", true, 24},  {"H", true, "M", true, 60},
		    {"M", true, "S", true, 60},
		};
		for (size_t i = 0; i < sizeof down / sizeof down[0]; i++) {
			if (strcmp(down[i].from, code) != 0 || down[i].from_time != time)
				continue;
			long whole = (long)q;
			long part = (long)((q - (double)whole) * down[i].f + 0.5);
			char head[TL_VALUE_MAX] = "";
			int n = whole > 0 ? snprintf(head, sizeof head, "%s%ld%s", time ? "T" : "",
			                             whole, code)
			                  : 0;
			if (n >= 0 && n < TL_VALUE_MAX)
				n = snprintf(b, TL_VALUE_MAX, "P%s%s%ld%s", head,
				             down[i].time && (whole == 0 || !time) ? "T" : "", part,
				             down[i].code);
			if (n >= 0 && n < TL_VALUE_MAX)
				return;
			break; /* too long to write: fall back to the rounded whole */
		}
	}
	snprintf(b, TL_VALUE_MAX, "P%s%ld%s", time ? "T" : "", (long)(q + 0.5), code);
}

/* ---- modifiers ---- */

/* Modifier words TimeML leaves outside the extent, read from the text before it. */
static const char *outer_mod(const tl_norm_context *c)
{
	static const struct {
		const char *w;
		const char *mod;
	} outer[] = {
	    {"about ", "APPROX"},    {"almost ", "LESS_THAN"}, {"over ", "MORE_THAN"},
	    {"under ", "LESS_THAN"}, {"some ", "APPROX"},
	};
	if (!c->pre)
		return NULL;
	for (size_t i = 0; i < sizeof outer / sizeof outer[0]; i++) {
		size_t n = strlen(outer[i].w);
		if (c->pre_len >= n && strncmp(c->pre + c->pre_len - n, outer[i].w, n) == 0 &&
		    (c->pre_len == n || !is_letter(c->pre[c->pre_len - n - 1])))
			return outer[i].mod;
	}
	return NULL;
}

static const char *approx_mod(const toks *t)
{
	if (has(t, "about") || has(t, "around") || has(t, "approximately") || has(t, "roughly") ||
	    has(t, "some") || (has(t, "or") && has(t, "so")))
		return "APPROX";
	if ((eq(t, 0, "more") || eq(t, 0, "over")) && !eq(t, 1, "the"))
		return "MORE_THAN";
	if (has(t, "nearly") || has(t, "almost") || eq(t, 0, "less") || eq(t, 0, "fewer") ||
	    has(t, "under") || has(t, "barely"))
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
static const char *point_mod(const toks *t)
{
	if (has(t, "early") || has(t, "earlier") || has(t, "beginning") || has(t, "start"))
		return "START";
	if (has(t, "mid") || has(t, "middle"))
		return "MID";
	if (has(t, "late") || has(t, "later") || has(t, "end") || has(t, "close"))
		return "END";
	return NULL;
}

/* ---- resolution helpers ---- */

/* The weekday wd nearest dct in direction dir (-1 on or before, 1 after, 0 same week). */
static tl_date resolve_weekday(tl_date anchor, int wd, int dir, bool strict)
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
static int resolve_month_year(tl_date anchor, int m, int dir, bool strict)
{
	if (dir < 0)
		return (m < anchor.month || (m == anchor.month && !strict)) ? anchor.year
		                                                            : anchor.year - 1;
	if (dir > 0)
		return (m > anchor.month || (m == anchor.month && !strict)) ? anchor.year
		                                                            : anchor.year + 1;
	return anchor.year;
}

/* Year for a day-and-month with no year: the occurrence nearest the article date. */
/*
 * The year of a month (and day) written without one. News looks back more than
 * ahead: the month is this year's unless it lies more than MONTHS_AHEAD months
 * after the article's month (then last year's) or more than MONTHS_BACK months
 * before it (then next year's). On the two TempEval corpora this agrees with
 * the gold year 88% of the time, against 84% for the nearest occurrence and
 * 64% for the article's year. A tense cue right before the date overrides it.
 */
#define MONTHS_AHEAD 3
#define MONTHS_BACK 7

static int nearest_year(tl_date dct, int m, int d, int tense)
{
	int delta = m - dct.month;
	int y = dct.year;
	if (delta > MONTHS_AHEAD && tense < 3)
		y--;
	else if (delta < -MONTHS_BACK && tense >= 0)
		y++; /* not in a past sentence: "stepped down in March" in a November paper */
	tl_date c = {y, m, d > 0 ? d : 1};
	if (tense == -2 && y == dct.year && delta > 1)
		y--; /* "met on Nov. 10" in an October paper */
	else if (tense == 3 && tl_date_compare(c, dct) < 0 && (delta < 0 || d > 0))
		y++; /* "will meet in January" */
	return y;
}

static int direction_word(const toks *t, int *at)
{
	for (int i = 0; i < t->n; i++) {
		const char *w = t->v[i].w;
		if (t->v[i].is_num)
			continue;
		if (!strcmp(w, "last") || !strcmp(w, "past") || !strcmp(w, "previous") ||
		    !strcmp(w, "preceding") || !strcmp(w, "prior")) {
			*at = i;
			return -1;
		}
		if (!strcmp(w, "next") || !strcmp(w, "coming") || !strcmp(w, "following") ||
		    !strcmp(w, "subsequent")) {
			*at = i;
			return 1;
		}
		if (!strcmp(w, "this") || !strcmp(w, "current") || !strcmp(w, "present") ||
		    !strcmp(w, "same") || !strcmp(w, "that")) {
			*at = i;
			return 0;
		}
	}
	*at = -1;
	return 2;
}

static bool anaphoric(const toks *t)
{
	return has(t, "following") || has(t, "previous") || has(t, "preceding") ||
	       has(t, "subsequent") || has(t, "same") || has(t, "that") || has(t, "prior");
}

/* ---- classes ---- */

static const char *part_of_day(const toks *t)
{
	if (has(t, "morning"))
		return "MO";
	if (has(t, "afternoon"))
		return "AF";
	if (has(t, "evening"))
		return "EV";
	if (has(t, "night") || has(t, "tonight") || has(t, "overnight"))
		return "NI";
	return NULL;
}

#define WEEKDAY_AHEAD_MAX 4

/* The day a deictic word or weekday in the span names; false when none. */
static bool day_word(const toks *t, const tl_norm_context *c, tl_date *out)
{
	if (has(t, "today") || has(t, "tonight") || has(t, "this")) {
		*out = c->dct;
		return true;
	}
	if (has(t, "yesterday") || (has(t, "last") && part_of_day(t))) {
		*out = tl_date_add_days(c->dct, -1);
		return true;
	}
	if (has(t, "tomorrow")) {
		*out = tl_date_add_days(c->dct, 1);
		return true;
	}
	for (int i = 0; i < t->n; i++) {
		int wd = t->v[i].is_num ? 0 : weekday_of(t->v[i].w);
		if (!wd)
			continue;
		int at, dir = direction_word(t, &at);
		tl_date anchor = anaphoric(t) ? c->ref : c->dct;
		/* no tense cue: the past, as news mostly reports (TimeBank: 282 of 297 bare
		 * weekdays are on or before the article date) */
		if (dir == 2 || dir == 0)
			dir = c->tense > 0 ? 1 : -1;
		bool strict = has(t, "last") || has(t, "next");
		*out = dir == 0 ? resolve_weekday(anchor, wd, 0, false)
		                : resolve_weekday(anchor, wd, dir, strict);
		/* a bare weekday is almost never five or more days ahead (one of the
		 * ~500 in TimeBank and AQUAINT); a past one often is */
		if (dir > 0 && at < 0 && c->tense != 3 &&
		    tl_date_diff_days(anchor, *out) > WEEKDAY_AHEAD_MAX)
			*out = resolve_weekday(anchor, wd, -1, false);
		return true;
	}
	return false;
}

static int norm_time(const char *s, size_t len, const toks *t, const tl_norm_context *c,
                     tl_timex *x)
{
	int h = -1, m = 0;
	size_t i = 0;
	while (i < len && !is_dig(s[i]) && !is_letter(s[i]))
		i++;
	if (i < len && is_dig(s[i])) {
		h = 0;
		while (i < len && is_dig(s[i]))
			h = h * 10 + (s[i++] - '0');
		if (i + 2 < len && s[i] == ':' && is_dig(s[i + 1]) && is_dig(s[i + 2])) {
			m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
			i += 3;
		}
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && (s[i] == 'p' || s[i] == 'P') && h < 12)
			h += 12;
		else if (i < len && (s[i] == 'a' || s[i] == 'A') && h == 12)
			h = 0;
	} else if (has(t, "noon")) {
		h = 12;
	} else if (has(t, "midnight")) {
		h = 0;
	}
	if (h < 0 || h > 23)
		return TL_EINPUT;
	tl_date d = c->dct;
	int mi = -1;
	for (int k = 0; k < t->n; k++)
		if (!t->v[k].is_num && month_of(t->v[k].w))
			mi = k;
	if (mi >= 0 && mi + 1 < t->n && t->v[mi + 1].is_num) {
		int mo = month_of(t->v[mi].w), dd = (int)t->v[mi + 1].num;
		tl_date e = {nearest_year(c->dct, mo, dd, c->tense), mo, dd};
		if (tl_date_valid(e))
			d = e;
	} else {
		(void)day_word(t, c, &d);
	}
	char b[TL_VALUE_MAX];
	snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d", d.year, d.month, d.day, h, m);
	set_value(x, TL_TIMEX_TIME, TL_GRAIN_TIME, b);
	if (has(t, "around") || has(t, "about"))
		set_mod(x, "APPROX");
	return TL_OK;
}

/* Month, day and year read from a full date in any of its written orders. */
static int norm_full_date(const char *s, size_t len, const toks *t, const tl_norm_context *c,
                          tl_timex *x)
{
	int y = 0, m = 0, d = 0;
	char b[TL_VALUE_MAX];
	int nums[3], nn = 0;
	for (int i = 0; i < t->n; i++) {
		if (t->v[i].is_num && nn < 3)
			nums[nn++] = (int)t->v[i].num;
		else if (!t->v[i].is_num && month_of(t->v[i].w))
			m = month_of(t->v[i].w);
	}
	if (m && nn == 2) {
		d = nums[0];
		y = nums[1];
	} else if (!m && nn == 3 && memchr(s, '-', len)) {
		y = nums[0];
		m = nums[1];
		d = nums[2];
	} else if (!m && nn == 3) {
		m = nums[0];
		d = nums[1];
		y = nums[2];
		if (y < 100) {
			int cent = c->dct.year / 100 * 100;
			y += cent;
			if (y > c->dct.year + 20)
				y -= 100;
		}
	} else {
		return TL_EINPUT;
	}
	tl_date e = {y, m, d};
	if (!tl_date_valid(e))
		return TL_EINPUT;
	fmt_day(b, e);
	set_value(x, TL_TIMEX_DATE, TL_GRAIN_DAY, b);
	return TL_OK;
}

static int norm_month_day(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	int m = 0, d = 0;
	for (int i = 0; i < t->n; i++) {
		if (t->v[i].is_num && !d)
			d = (int)t->v[i].num;
		else if (!t->v[i].is_num && month_of(t->v[i].w))
			m = month_of(t->v[i].w);
	}
	if (!m || d < 1 || d > 31)
		return TL_EINPUT;
	tl_date e = {nearest_year(c->dct, m, d, c->tense), m, d};
	if (!tl_date_valid(e))
		return TL_EINPUT;
	char b[TL_VALUE_MAX];
	fmt_day(b, e);
	set_value(x, TL_TIMEX_DATE, TL_GRAIN_DAY, b);
	if (has(t, "around") || has(t, "about"))
		set_mod(x, "APPROX");
	return TL_OK;
}

/* A year written out: "nineteen ninety-six", "nineteen oh five"; 0 when none at i. */
static int spoken_year(const toks *t, int i)
{
	int c = i < t->n ? small_number(t->v[i].w) : -1;
	if (c < 18 || c > 20 || t->v[i].is_num)
		return 0;
	int j = i + 1;
	if (eq(t, j, "oh"))
		j++;
	int y = j < t->n ? small_number(t->v[j].w) : -1;
	if (y < 1)
		return 0;
	if (y >= 20 && y % 10 == 0 && j + 1 < t->n) {
		int o = small_number(t->v[j + 1].w);
		if (o > 0 && o < 10)
			y += o;
	}
	return c * 100 + y;
}

static int year_token(const toks *t)
{
	for (int i = 0; i < t->n; i++) {
		if (t->v[i].is_num && t->v[i].digits == 4)
			return (int)t->v[i].num;
		int y = spoken_year(t, i);
		if (y)
			return y;
	}
	return 0;
}

static int norm_month_year(const toks *t, tl_timex *x)
{
	int m = 0, y = year_token(t);
	for (int i = 0; i < t->n && !m; i++)
		if (!t->v[i].is_num)
			m = month_of(t->v[i].w);
	if (!m || !y)
		return TL_EINPUT;
	tl_date d = {y, m, 1};
	point_at(x, d, U_MONTH);
	set_mod(x, point_mod(t));
	return TL_OK;
}

static int norm_decade(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	static const char *const words[] = {"twenties", "thirties",  "forties",  "fifties",
	                                    "sixties",  "seventies", "eighties", "nineties"};
	int decade = -1;
	for (int i = 0; i < t->n && decade < 0; i++) {
		const tok *k = &t->v[i];
		if (k->is_num && k->digits == 4)
			decade = (int)k->num / 10;
		else if (k->w[0] == '\'' && i + 1 < t->n && t->v[i + 1].is_num)
			decade = (int)t->v[i + 1].num;
		else if (k->is_num && k->digits == 2)
			decade = (int)k->num;
		for (int j = 0; j < 8 && decade < 0; j++)
			if (!k->is_num && strcmp(k->w, words[j]) == 0)
				decade = 20 + 10 * j;
	}
	int ci = find(t, "century");
	if (ci >= 0) {
		/* "the 20th century" is 19xx; "the nineteenth century" 18xx */
		static const char *const ords[] = {"sixteenth", "seventeenth", "eighteenth",
		                                   "nineteenth", "twentieth"};
		int n = 0;
		for (int i = 0; i < ci && !n; i++) {
			if (t->v[i].is_num)
				n = (int)t->v[i].num;
			for (int j = 0; j < 5 && !n; j++)
				if (eq(t, i, ords[j]))
					n = 16 + j;
			if (eq(t, i, "twenty") && eq(t, i + 1, "first"))
				n = 21;
		}
		if (n < 1 || n > 99)
			return TL_EINPUT;
		tl_date d = {(n - 1) * 100 > 0 ? (n - 1) * 100 : 1, 1, 1};
		point_at(x, d, U_CENTURY);
		set_mod(x, point_mod(t));
		return TL_OK;
	}
	if (decade < 0)
		return TL_EINPUT;
	if (decade < 100) {
		/* two digits: the latest such decade not after the article date */
		int y = c->dct.year / 100 * 100 + decade;
		if (y > c->dct.year)
			y -= 100;
		decade = y / 10;
	}
	tl_date d = {decade * 10 > 0 ? decade * 10 : 1, 1, 1};
	point_at(x, d, U_DECADE);
	set_mod(x, point_mod(t));
	return TL_OK;
}

static int ordinal_of(const toks *t)
{
	static const char *const words[] = {"first", "second", "third", "fourth"};
	for (int i = 0; i < t->n; i++) {
		for (int j = 0; j < 4; j++)
			if (eq(t, i, words[j]))
				return j + 1;
		if (t->v[i].is_num && t->v[i].digits == 1 && t->v[i].num >= 1 && t->v[i].num <= 4)
			return (int)t->v[i].num;
		if (eq(t, i, "last") || eq(t, i, "final"))
			return 5;
		if (!t->v[i].is_num && (t->v[i].w[0] == 'q' || t->v[i].w[0] == 'h') &&
		    t->v[i].w[1] == '\0' && i + 1 < t->n && t->v[i + 1].is_num)
			return (int)t->v[i + 1].num;
	}
	return 0;
}

/* The quarter that financial news means by "the quarter": the last one completed. */
static tl_date last_full_quarter(tl_date dct)
{
	tl_date q = {dct.year, (dct.month - 1) / 3 * 3 + 1, 1};
	return tl_date_add_months(q, -3);
}

/*
 * The quarter a year before the anchor quarter; but when the anchor already is
 * the year-ago counterpart of the article's last completed quarter ("in the
 * year-ago quarter. The year-ago results ..."), the anchor itself.
 */
static tl_date year_before_quarter(const tl_norm_context *c)
{
	tl_date q = tl_date_add_months(last_full_quarter(c->dct), -12);
	if (c->ref.year == q.year && (c->ref.month - 1) / 3 == (q.month - 1) / 3)
		return c->ref;
	return tl_date_add_months(c->ref, -12);
}

static int norm_quarter(const char *s, size_t len, const toks *t, const tl_norm_context *c,
                        tl_timex *x)
{
	bool half = has(t, "half") || (len > 0 && (s[0] == 'H' || s[len - 1] == 'H'));
	int n = ordinal_of(t);
	int y = year_token(t);
	if (!y) {
		for (int i = 0; i < t->n; i++) {
			if (t->v[i].is_num && t->v[i].digits == 2 && i > 0) {
				y = c->dct.year / 100 * 100 + (int)t->v[i].num;
				if (y > c->dct.year + 1)
					y -= 100;
			}
		}
	}
	bool year_before =
	    has(t, "earlier") || has(t, "ago") || has(t, "before") || has(t, "prior");
	tl_date base;
	if (n == 0 && y) {
		/* "the 1988 quarter": the article's reporting quarter in that year */
		tl_date q = last_full_quarter(c->dct);
		q.year = y;
		point_at(x, q, half ? U_HALF : U_QUARTER);
		return TL_OK;
	}
	if (n == 0) {
		/* "the quarter", "the latest quarter", "this quarter", "the current period" */
		if (half) {
			base = tl_date_add_months(c->dct,
			                          has(t, "this") || has(t, "current") ? 0 : -6);
		} else {
			base = has(t, "this") || has(t, "current") ? c->dct
			                                           : last_full_quarter(c->dct);
			if (has(t, "same") || has(t, "that"))
				base = c->ref;
		}
		if (year_before)
			base = tl_date_add_months(base, -12);
		point_at(x, base, half ? U_HALF : U_QUARTER);
		return TL_OK;
	}
	if (n == 5 && !eq(t, 0, "the") && (eq(t, 0, "last") || eq(t, 0, "final")) && t->n == 2) {
		/* "last quarter": the one before the article's */
		tl_date q = tl_date_add_months(c->dct, half ? -6 : -3);
		point_at(x, q, half ? U_HALF : U_QUARTER);
		return TL_OK;
	}
	if (n == 5)
		n = half ? 2 : 4;
	if (n > (half ? 2 : 4))
		return TL_EINPUT;
	if (!y) {
		y = c->dct.year;
		if (has(t, "last") && eq(t, 1, "year"))
			y--;
		else if (has(t, "next") && !has(t, "quarter"))
			y++;
		else if (find(t, "last") >= 0 && find(t, "year") > find(t, "last"))
			y--;
		else if (find(t, "next") >= 0 && find(t, "year") > find(t, "next"))
			y++;
		/* "the fourth quarter" in a past-tense sentence before it begins: last year's */
		tl_date start = {y, half ? (n - 1) * 6 + 1 : (n - 1) * 3 + 1, 1};
		if (c->tense < 0 && tl_date_compare(start, c->dct) > 0 && !has(t, "this") &&
		    !has(t, "next") && !has(t, "last"))
			y--;
		if (year_before)
			y--;
	}
	char b[TL_VALUE_MAX];
	snprintf(b, sizeof b, "%04d-%c%d", y, half ? 'H' : 'Q', n);
	set_value(x, TL_TIMEX_DATE, half ? TL_GRAIN_HALF : TL_GRAIN_QUARTER, b);
	return TL_OK;
}

static int season_of(const toks *t)
{
	if (has(t, "spring"))
		return 0;
	if (has(t, "summer"))
		return 1;
	if (has(t, "fall") || has(t, "autumn"))
		return 2;
	if (has(t, "winter"))
		return 3;
	return -1;
}

static int norm_season(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	static const char *const codes[] = {"SP", "SU", "FA", "WI"};
	int s = season_of(t);
	if (s < 0)
		return TL_EINPUT;
	int y = year_token(t);
	if (!y) {
		int at, dir = direction_word(t, &at);
		/* season s of year Y covers months 3+3s .. 5+3s (winter runs into Y+1) */
		int cur = c->dct.month >= 3 ? (c->dct.month - 3) / 3 : 3;
		int cur_year = c->dct.month >= 3 ? c->dct.year : c->dct.year - 1;
		y = cur_year;
		if (dir == -1)
			y = s < cur ? cur_year : cur_year - 1;
		else if (dir == 1)
			y = s > cur ? cur_year : cur_year + 1;
		else if (dir == 2 && c->tense < 0 && s > cur)
			y = cur_year - 1;
		else if (dir == 2 && c->tense > 0 && s < cur)
			y = cur_year + 1;
	}
	char b[TL_VALUE_MAX];
	snprintf(b, sizeof b, "%04d-%s", y, codes[s]);
	set_value(x, TL_TIMEX_DATE, TL_GRAIN_SEASON, b);
	set_mod(x, point_mod(t));
	return TL_OK;
}

static int norm_part_of(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	int y = year_token(t);
	if (!y && has(t, "year") && has(t, "end")) {
		/* "year-end", "year's end": the end of the article's year */
		tl_date d = {c->dct.year, 1, 1};
		point_at(x, d, U_YEAR);
		set_mod(x, has(t, "around") ? "APPROX" : "END");
		return TL_OK;
	}
	if (!y)
		return TL_EINPUT;
	tl_date d = {y, 1, 1};
	if (has(t, "half")) {
		if (has(t, "second") || eq(t, 1, "2"))
			d.month = 7;
		point_at(x, d, U_HALF);
		return TL_OK;
	}
	point_at(x, d, U_YEAR);
	set_mod(x, point_mod(t));
	return TL_OK;
}

static int norm_year(const toks *t, tl_timex *x)
{
	int y = year_token(t);
	int th = find(t, "thousand");
	if (!y && th > 0 && eq(t, th - 1, "two")) {
		/* "the year two thousand (and one)" */
		int next;
		double v = eq(t, th + 1, "and") ? read_qty(t, th + 2, &next) : 0;
		y = 2000 + (v > 0 ? (int)v : 0);
	}
	if (!y)
		return TL_EINPUT;
	tl_date d = {y, 1, 1};
	point_at(x, d, U_YEAR);
	set_mod(x, point_mod(t));
	return TL_OK;
}

static int norm_relative(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	int at, dir = direction_word(t, &at);
	if (dir == 2)
		dir = 0; /* "earlier in the year" */
	int m = 0, wd = 0;
	enum unit u = U_NONE;
	for (int i = at + 1; i < t->n; i++) {
		if (t->v[i].is_num)
			continue;
		if (!m)
			m = month_of(t->v[i].w);
		if (!wd)
			wd = weekday_of(t->v[i].w);
		if (u == U_NONE)
			u = unit_of(t->v[i].w);
	}
	bool the = eq(t, at - 1, "the");
	bool follow = eq(t, at, "next") || eq(t, at, "following") || eq(t, at, "previous") ||
	              eq(t, at, "preceding");
	tl_date anchor = the && (anaphoric(t) || follow) ? c->ref : c->dct;
	if (m) {
		int y = dir == 0 ? c->dct.year : resolve_month_year(anchor, m, dir, true);
		tl_date d = {y, m, 1};
		point_at(x, d, U_MONTH);
	} else if (wd) {
		tl_date d = dir == 0 ? resolve_weekday(anchor, wd, 0, false)
		                     : resolve_weekday(anchor, wd, dir, true);
		point_at(x, d, U_DAY);
	} else if (u != U_NONE) {
		point_at(x, shift(anchor, u, dir), u);
	} else {
		return TL_EINPUT;
	}
	set_mod(x, point_mod(t));
	return TL_OK;
}

static int norm_part_day(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	const char *pd = part_of_day(t);
	tl_date d;
	if (!pd || !day_word(t, c, &d))
		return TL_EINPUT;
	bool weekday = false;
	for (int i = 0; i < t->n && !weekday; i++)
		weekday = !t->v[i].is_num && weekday_of(t->v[i].w) != 0;
	if (weekday && !strcmp(pd, "MO")) {
		/* "Thursday morning": the corpora give the day (a morning on a named day) */
		point_at(x, d, U_DAY);
		set_mod(x, point_mod(t));
		return TL_OK;
	}
	char b[TL_VALUE_MAX];
	snprintf(b, sizeof b, "%04d-%02d-%02dT%s", d.year, d.month, d.day, pd);
	set_value(x, TL_TIMEX_TIME, TL_GRAIN_PART_OF_DAY, b);
	set_mod(x, point_mod(t));
	return TL_OK;
}

static int norm_deictic(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	tl_date d = c->dct;
	if (has(t, "yesterday"))
		d = tl_date_add_days(d, has(t, "before") ? -2 : -1);
	else if (has(t, "tomorrow"))
		d = tl_date_add_days(d, has(t, "after") ? 2 : 1);
	if (has(t, "tonight")) {
		char b[TL_VALUE_MAX];
		snprintf(b, sizeof b, "%04d-%02d-%02dTNI", d.year, d.month, d.day);
		set_value(x, TL_TIMEX_TIME, TL_GRAIN_PART_OF_DAY, b);
	} else {
		point_at(x, d, U_DAY);
	}
	set_mod(x, point_mod(t));
	return TL_OK;
}

/* "from now", "hence": counted from the article date whatever came before. */
static bool from_dct_only(const toks *t)
{
	return has(t, "now") || has(t, "hence");
}

static int norm_ago(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	int i = 0, next;
	while (i < t->n && read_qty(t, i, &next) == -2)
		i++;
	double q = read_qty(t, i, &next);
	enum unit u;
	if (q == -2 || find_unit(t, next, &u) < 0)
		return TL_EINPUT;
	int dir =
	    has(t, "ago") || has(t, "earlier") || has(t, "before") || has(t, "previously") ? -1 : 1;
	bool from_dct = has(t, "ago") || has(t, "now") || has(t, "hence");
	tl_date anchor = from_dct ? c->dct : c->ref;
	if (q < 0) {
		set_value(x, TL_TIMEX_DATE, TL_GRAIN_NONE, dir < 0 ? "PAST_REF" : "FUTURE_REF");
		return TL_OK;
	}
	int n = (int)(q + 0.5);
	if (q != (double)n) {
		/* "a year and a half ago": go down to months */
		if (u == U_YEAR) {
			u = U_MONTH;
			n = (int)(q * 12 + 0.5);
		}
	}
	if (u == U_YEAR && n == 1 && !from_dct_only(t) && c->ref_grain == TL_GRAIN_QUARTER) {
		/* "a year earlier" after a quarter: that quarter a year before */
		point_at(x, dir < 0 ? year_before_quarter(c) : shift(c->ref, U_YEAR, dir),
		         U_QUARTER);
		return TL_OK;
	}
	enum unit g = u;
	if (u == U_WEEK || u == U_FORTNIGHT || u == U_WEEKEND)
		g = U_DAY;
	if (u == U_DECADE || u == U_CENTURY)
		g = U_YEAR;
	if (u == U_SEC || u == U_MIN || u == U_HOUR)
		g = U_DAY;
	if (!from_dct)
		g = no_finer_than(g, c->ref_grain);
	point_at(x, shift(anchor, u, dir * n), g);
	const char *mod = approx_mod(t);
	if (!mod)
		mod = outer_mod(c);
	if (mod && !strcmp(mod, "MORE_THAN"))
		mod = dir < 0 ? "BEFORE" : "AFTER";
	else if (mod && strcmp(mod, "APPROX") != 0)
		mod = dir < 0 ? "AFTER" : "BEFORE";
	set_mod(x, mod);
	return TL_OK;
}

static int norm_duration(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	enum unit u;
	int ui = find_unit(t, 0, &u);
	if (ui < 0)
		return TL_EINPUT;
	double q = -2;
	for (int i = 0; i < ui; i++) {
		int next;
		double v = read_qty(t, i, &next);
		if (v != -2 && next <= ui + 1) {
			/* "a couple of", "twenty four": take the longest reading */
			q = v;
			if (v != 1 || !(eq(t, i, "a") || eq(t, i, "an")) || next == ui)
				break;
		}
	}
	if (q == -2)
		q = t->v[ui].w[strlen(t->v[ui].w) - 1] == 's' ? QTY_X : 1;
	if (has(t, "few") || has(t, "several"))
		q = QTY_X;
	if (q >= 0 && eq(t, ui + 1, "and") && eq(t, ui + 2, "a") && eq(t, ui + 3, "half"))
		q += 0.5; /* "a year and a half" */
	if (has(t, "or") && !has(t, "so")) {
		/* "weeks or months", "two or three days": the first reading */
		(void)0;
	}
	char b[TL_VALUE_MAX];
	if (u == U_HOUR && q == 24) {
		u = U_DAY; /* "the last twenty four hours" */
		q = 1;
	}
	duration_value(b, q, u);
	set_value(x, TL_TIMEX_DURATION, TL_GRAIN_NONE, b);
	const char *mod = approx_mod(t);
	set_mod(x, mod ? mod : outer_mod(c));
	return TL_OK;
}

static int norm_set(const toks *t, tl_timex *x)
{
	char b[TL_VALUE_MAX];
	static const struct {
		const char *w;
		const char *v;
	} adverbs[] = {
	    {"daily", "P1D"},   {"nightly", "P1D"},      {"weekly", "P1W"},    {"biweekly", "P2W"},
	    {"monthly", "P1M"}, {"bimonthly", "P2M"},    {"quarterly", "P3M"}, {"annually", "P1Y"},
	    {"yearly", "P1Y"},  {"semiannually", "P6M"}, {"hourly", "PT1H"},
	};
	x->type = TL_TIMEX_SET;
	x->grain = TL_GRAIN_NONE;
	if (eq(t, 0, "semi")) {
		set_value(x, TL_TIMEX_SET, TL_GRAIN_NONE, "P6M");
		return TL_OK;
	}
	for (size_t i = 0; i < sizeof adverbs / sizeof adverbs[0]; i++) {
		if (has(t, adverbs[i].w)) {
			set_value(x, TL_TIMEX_SET, TL_GRAIN_NONE, adverbs[i].v);
			return TL_OK;
		}
	}
	const char *quant = has(t, "each") ? "EACH" : has(t, "every") ? "EVERY" : "";
	snprintf(x->quant, sizeof x->quant, "%s", quant);
	for (int i = 0; i < t->n; i++) {
		if (t->v[i].is_num)
			continue;
		int wd = weekday_of(t->v[i].w), m = month_of(t->v[i].w);
		const char *pd = NULL;
		if (wd) {
			snprintf(b, sizeof b, "XXXX-WXX-%d", wd);
			snprintf(x->freq, sizeof x->freq, "1W");
		} else if (m) {
			snprintf(b, sizeof b, "XXXX-%02d", m);
			snprintf(x->freq, sizeof x->freq, "1Y");
		} else if (season_of(t) >= 0) {
			static const char *const codes[] = {"SP", "SU", "FA", "WI"};
			snprintf(b, sizeof b, "XXXX-%s", codes[season_of(t)]);
			snprintf(x->freq, sizeof x->freq, "1Y");
		} else if ((pd = part_of_day(t)) != NULL && unit_of(t->v[i].w) == U_NONE) {
			snprintf(b, sizeof b, "XXXX-XX-XXT%s", pd);
			snprintf(x->freq, sizeof x->freq, "1D");
		} else {
			continue;
		}
		set_value(x, TL_TIMEX_SET, TL_GRAIN_NONE, b);
		return TL_OK;
	}
	enum unit u;
	int ui = find_unit(t, 0, &u);
	if (ui < 0)
		return TL_EINPUT;
	double q = 1;
	int times = 0;
	for (int i = 0; i < ui; i++) {
		int next;
		double v = read_qty(t, i, &next);
		if (eq(t, i, "once"))
			times = 1;
		else if (eq(t, i, "twice"))
			times = 2;
		else if (v > 0 && eq(t, next, "times"))
			times = (int)v;
		else if (v > 0 && !eq(t, i, "a") && next == ui)
			q = v;
	}
	if (has(t, "other"))
		q *= 2;
	duration_value(b, q, u);
	set_value(x, TL_TIMEX_SET, TL_GRAIN_NONE, b);
	if (times)
		snprintf(x->freq, sizeof x->freq, "%dX", times);
	return TL_OK;
}

static int norm_ref(const toks *t, tl_timex *x)
{
	enum unit u;
	if (find_unit(t, 0, &u) >= 0 && !has(t, "these")) {
		/* "recent weeks" is a vague duration; "recent years", "past years" the past */
		if ((has(t, "recent") || has(t, "coming")) && u < U_YEAR) {
			char b[TL_VALUE_MAX];
			duration_value(b, QTY_X, u);
			set_value(x, TL_TIMEX_DURATION, TL_GRAIN_NONE, b);
			return TL_OK;
		}
		if (has(t, "coming")) {
			char b[TL_VALUE_MAX];
			duration_value(b, QTY_X, u);
			set_value(x, TL_TIMEX_DURATION, TL_GRAIN_NONE, b);
			return TL_OK;
		}
	}
	const char *v = "PRESENT_REF";
	if (has(t, "recently") || has(t, "lately") || has(t, "formerly") || has(t, "previously") ||
	    has(t, "recent") || has(t, "past") || has(t, "once"))
		v = "PAST_REF";
	else if (has(t, "soon") || has(t, "future") || has(t, "coming"))
		v = "FUTURE_REF";
	set_value(x, TL_TIMEX_DATE, TL_GRAIN_NONE, v);
	return TL_OK;
}

static int norm_weekday(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	tl_date d;
	if (!day_word(t, c, &d))
		return TL_EINPUT;
	point_at(x, d, U_DAY);
	set_mod(x, point_mod(t));
	return TL_OK;
}

static int norm_month(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	int m = 0;
	for (int i = 0; i < t->n && !m; i++)
		if (!t->v[i].is_num)
			m = month_of(t->v[i].w);
	if (!m)
		return TL_EINPUT;
	int y, at, dir = direction_word(t, &at);
	if (has(t, "year") && dir != 2)
		y = c->dct.year + dir; /* "June last year" */
	else
		y = nearest_year(c->dct, m, 0, c->tense);
	tl_date d = {y, m, 1};
	point_at(x, d, U_MONTH);
	set_mod(x, point_mod(t));
	return TL_OK;
}

static int norm_anaphor(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	enum unit u = U_NONE;
	for (int i = 0; i < t->n && u == U_NONE; i++)
		if (!t->v[i].is_num)
			u = unit_of(t->v[i].w);
	const char *pd = part_of_day(t);
	if (pd)
		u = U_DAY;
	if (has(t, "year") && (has(t, "earlier") || has(t, "ago") || has(t, "before"))) {
		/* "year-earlier", "the year-ago quarter" */
		if (has(t, "quarter") || has(t, "period"))
			point_at(x, tl_date_add_months(last_full_quarter(c->dct), -12), U_QUARTER);
		else if (c->ref_grain == TL_GRAIN_QUARTER)
			point_at(x, year_before_quarter(c), U_QUARTER);
		else
			point_at(x, tl_date_add_months(c->dct, -12), U_YEAR);
		return TL_OK;
	}
	if (u == U_NONE)
		return TL_EINPUT;
	int at, dir = direction_word(t, &at);
	if (dir == 2) {
		/* "the year", "the week", "the weekend": the one the article is in */
		if (u == U_WEEKEND) {
			/* past tense: the last one; future, or late in the week: the coming one */
			bool ahead =
			    c->tense > 0 || (c->tense == 0 && tl_date_weekday(c->dct) >= 4);
			tl_date d = ahead ? resolve_weekday(c->dct, 6, 1, false)
			                  : resolve_weekday(c->dct, 6, -1, false);
			point_at(x, d, U_WEEKEND);
		} else {
			point_at(x, c->dct, u);
		}
		return TL_OK;
	}
	tl_date d = shift(c->ref, u, dir);
	point_at(x, d, no_finer_than(u, c->ref_grain));
	if (pd) {
		size_t n = strlen(x->value);
		if (n + 4 > sizeof x->value)
			return TL_EINPUT;
		memcpy(x->value + n, "T", 1);
		memcpy(x->value + n + 1, pd, 3);
		x->type = TL_TIMEX_TIME;
		x->grain = TL_GRAIN_PART_OF_DAY;
	}
	return TL_OK;
}

static int normalize_class(int kind, const char *s, size_t len, const tl_norm_context *c,
                           tl_timex *x)
{
	toks t;
	tokenize(s, len, &t);
	x->mod[0] = x->quant[0] = x->freq[0] = '\0';
	x->grain = TL_GRAIN_NONE;
	x->type = TL_TIMEX_DATE;
	x->value[0] = '\0';
	if (t.n == 0)
		return TL_EINPUT;
	switch (kind) {
	case TL_KIND_TIME:
		return norm_time(s, len, &t, c, x);
	case TL_KIND_DATE_FULL:
		return norm_full_date(s, len, &t, c, x);
	case TL_KIND_MONTH_DAY:
		return norm_month_day(&t, c, x);
	case TL_KIND_MONTH_YEAR:
		return norm_month_year(&t, x);
	case TL_KIND_DECADE:
		return norm_decade(&t, c, x);
	case TL_KIND_QUARTER:
		return norm_quarter(s, len, &t, c, x);
	case TL_KIND_SEASON:
		return norm_season(&t, c, x);
	case TL_KIND_PART_OF:
		return norm_part_of(&t, c, x);
	case TL_KIND_YEAR:
		return norm_year(&t, x);
	case TL_KIND_RELATIVE:
		return norm_relative(&t, c, x);
	case TL_KIND_PART_DAY:
		return norm_part_day(&t, c, x);
	case TL_KIND_DEICTIC:
		return norm_deictic(&t, c, x);
	case TL_KIND_AGO:
		return norm_ago(&t, c, x);
	case TL_KIND_DURATION:
		return norm_duration(&t, c, x);
	case TL_KIND_SET:
		return norm_set(&t, x);
	case TL_KIND_REF:
		return norm_ref(&t, x);
	case TL_KIND_WEEKDAY:
		return norm_weekday(&t, c, x);
	case TL_KIND_MONTH:
		return norm_month(&t, c, x);
	case TL_KIND_ANAPHOR:
		return norm_anaphor(&t, c, x);
	case TL_KIND_RANGE_DAY: {
		if (!c->prev_month || !t.v[0].is_num)
			return TL_EINPUT;
		tl_date d = {c->prev_year, c->prev_month, (int)t.v[0].num};
		if (!tl_date_valid(d))
			return TL_EINPUT;
		point_at(x, d, U_DAY);
		return TL_OK;
	}
	default:
		return TL_EINPUT;
	}
}

/*
 * A deadline or a starting point written as a preposition: the preposition
 * stays outside the extent (TimeML) but gives the mod: "by April 9" is
 * ON_OR_BEFORE, "since March" ON_OR_AFTER, "before/after May" BEFORE/AFTER.
 */
static const char *preposition_mod(const tl_norm_context *c)
{
	static const struct {
		const char *w;
		const char *mod;
	} preps[] = {
	    {"by ", "ON_OR_BEFORE"},   {"no later than ", "ON_OR_BEFORE"},
	    {"since ", "ON_OR_AFTER"}, {"before ", "BEFORE"},
	    {"after ", "AFTER"},
	};
	if (!c->pre)
		return NULL;
	for (size_t i = 0; i < sizeof preps / sizeof preps[0]; i++) {
		size_t n = strlen(preps[i].w);
		if (c->pre_len >= n && memcmp(c->pre + c->pre_len - n, preps[i].w, n) == 0 &&
		    (c->pre_len == n || !is_letter(c->pre[c->pre_len - n - 1])))
			return preps[i].mod;
	}
	return NULL;
}

int tl_normalize_span(int kind, const char *s, size_t len, const tl_norm_context *c, tl_timex *x)
{
	int rc = normalize_class(kind, s, len, c, x);
	if (rc == TL_OK && x->mod[0] == '\0' &&
	    (x->type == TL_TIMEX_DATE || x->type == TL_TIMEX_TIME) && x->value[0] >= '0' &&
	    x->value[0] <= '9') {
		const char *mod = preposition_mod(c);
		if (mod)
			set_mod(x, mod);
	}
	return rc;
}
