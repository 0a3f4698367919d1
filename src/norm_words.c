/*
 * norm_words.c - the normalizer's shared parts: a span split into lower-cased
 * word and number tokens (toks), the lexicon (months, weekdays, units, number
 * words, parts of the day, seasons, direction words), the writers of TIMEX3
 * values and mods, and moving a date by a unit. Internal to the normalizer
 * (normalize.c and the norm_*.c rule modules); pure functions, no state, no
 * allocation.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "norm_words.h"

void tl_norm_tokenize(const char *s, size_t len, toks *t)
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

int tl_norm_month_of(const char *w)
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

int tl_norm_weekday_of(const char *w)
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

enum unit tl_norm_unit_of(const char *w)
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
int tl_norm_find_unit(const toks *t, int from, enum unit *u)
{
	for (int i = from; i < t->n; i++) {
		if (t->v[i].is_num)
			continue;
		enum unit v = tl_norm_unit_of(t->v[i].w);
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
		int n = tl_norm_small_number(k->w);
		if (n < 0)
			return -2;
		v = n;
		j = i + 1;
		if (n >= 20 && n % 10 == 0 && j < t->n) {
			int o = tl_norm_small_number(t->v[j].w);
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

void tl_norm_fmt_day(char *b, tl_date d)
{
	snprintf(b, TL_VALUE_MAX, "%04d-%02d-%02d", d.year, d.month, d.day);
}

void tl_norm_set_value(tl_timex *t, tl_timex_type type, tl_grain g, const char *value)
{
	t->type = type;
	t->grain = g;
	snprintf(t->value, sizeof t->value, "%s", value);
}

void tl_norm_set_mod(tl_timex *t, const char *mod)
{
	snprintf(t->mod, sizeof t->mod, "%s", mod ? mod : "");
}

/* The value at grain u of the period containing d. */
void tl_norm_point_at(tl_timex *t, tl_date d, enum unit u)
{
	char b[TL_VALUE_MAX];
	int y, w;
	switch (u) {
	case U_SEC:
	case U_MIN:
	case U_HOUR:
	case U_DAY:
		tl_norm_fmt_day(b, d);
		tl_norm_set_value(t, TL_TIMEX_DATE, TL_GRAIN_DAY, b);
		return;
	case U_WEEK:
	case U_FORTNIGHT:
		tl_date_iso_week(d, &y, &w);
		snprintf(b, sizeof b, "%04d-W%02d", y, w);
		tl_norm_set_value(t, TL_TIMEX_DATE, TL_GRAIN_WEEK, b);
		return;
	case U_WEEKEND:
		tl_date_iso_week(d, &y, &w);
		snprintf(b, sizeof b, "%04d-W%02d-WE", y, w);
		tl_norm_set_value(t, TL_TIMEX_DATE, TL_GRAIN_WEEKEND, b);
		return;
	case U_MONTH:
		snprintf(b, sizeof b, "%04d-%02d", d.year, d.month);
		tl_norm_set_value(t, TL_TIMEX_DATE, TL_GRAIN_MONTH, b);
		return;
	case U_QUARTER:
		snprintf(b, sizeof b, "%04d-Q%d", d.year, (d.month - 1) / 3 + 1);
		tl_norm_set_value(t, TL_TIMEX_DATE, TL_GRAIN_QUARTER, b);
		return;
	case U_HALF:
		snprintf(b, sizeof b, "%04d-H%d", d.year, (d.month - 1) / 6 + 1);
		tl_norm_set_value(t, TL_TIMEX_DATE, TL_GRAIN_HALF, b);
		return;
	case U_DECADE:
		snprintf(b, sizeof b, "%03d", d.year / 10);
		tl_norm_set_value(t, TL_TIMEX_DATE, TL_GRAIN_DECADE, b);
		return;
	case U_CENTURY:
		snprintf(b, sizeof b, "%02d", d.year / 100);
		tl_norm_set_value(t, TL_TIMEX_DATE, TL_GRAIN_CENTURY, b);
		return;
	case U_YEAR:
	case U_NONE:
	default:
		snprintf(b, sizeof b, "%04d", d.year);
		tl_norm_set_value(t, TL_TIMEX_DATE, TL_GRAIN_YEAR, b);
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

bool tl_norm_followed_by(const tl_norm_context *c, const char *w)
{
	size_t i = 0, n = strlen(w);
	if (!c->post)
		return false;
	while (i < c->post_len && c->post[i] == ' ')
		i++;
	if (i == 0 || c->post_len - i < n || strncmp(c->post + i, w, n) != 0)
		return false;
	return i + n == c->post_len || !is_letter(c->post[i + n]);
}

/* Modifier words TimeML leaves outside the extent, read from the text before it. */
const char *tl_norm_outer_mod(const tl_norm_context *c)
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

const char *tl_norm_approx_mod(const toks *t)
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
const char *tl_norm_point_mod(const toks *t)
{
	if (has(t, "early") || has(t, "earlier") || has(t, "beginning") || has(t, "start"))
		return "START";
	if (has(t, "mid") || has(t, "middle"))
		return "MID";
	if (has(t, "late") || has(t, "later") || has(t, "end") || has(t, "close"))
		return "END";
	return NULL;
}

int tl_norm_season_of(const toks *t)
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

const char *tl_norm_part_of_day(const toks *t)
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

int tl_norm_direction_word(const toks *t, int *at)
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
