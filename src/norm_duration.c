/*
 * norm_duration.c - the rules for durations and sets: "two days" P2D, "a year and
 * a half" P1Y6M, "several years" PXY; "every Monday" XXXX-WXX-1, "daily" P1D,
 * "twice a year" (freq 2X); the duration value writer they share.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "norm_duration.h"

/* "P3D", "PT4H", "PXY"; fractions move to the next smaller unit (1.5 years -> P18M). */
void tl_norm_duration_value(char *b, double q, enum unit u)
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
	/* A count no long holds ("10^300 years") is "many", as an unknown count is:
	 * the conversions below would be undefined behaviour. */
	if (q < 0 || q * f >= 1e15) {
		tl_norm_out o;
		tl_norm_out_init(&o, b, TL_VALUE_MAX);
		tl_norm_out_str(&o, time ? "PTX" : "PX");
		tl_norm_out_str(&o, u == U_FORTNIGHT ? "W" : code);
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
			tl_norm_out o;
			tl_norm_out_init(&o, b, TL_VALUE_MAX);
			tl_norm_out_str(&o, "P");
			if (whole > 0) {
				tl_norm_out_str(&o, time ? "T" : "");
				tl_norm_out_int(&o, whole, 0);
				tl_norm_out_str(&o, code);
			}
			tl_norm_out_str(&o, down[i].time && (whole == 0 || !time) ? "T" : "");
			tl_norm_out_int(&o, part, 0);
			tl_norm_out_str(&o, down[i].code);
			if (o.n < TL_VALUE_MAX)
				return;
			break; /* too long to write: fall back to the rounded whole */
		}
	}
	tl_norm_out o;
	tl_norm_out_init(&o, b, TL_VALUE_MAX);
	tl_norm_out_str(&o, time ? "PT" : "P");
	tl_norm_out_int(&o, (long)(q + 0.5), 0);
	tl_norm_out_str(&o, code);
}

static bool after_rate_amount(const tl_norm_context *c);

/* True when the word right before the span is a modal verb ("will", "could"...). */
static bool after_modal(const tl_norm_context *c)
{
	static const char *const modals[] = {"will", "would", "could",  "might", "may",
	                                     "can",  "shall", "should", "must"};
	if (!c->pre)
		return false;
	size_t i = c->pre_len;
	while (i > 0 && c->pre[i - 1] == ' ')
		i--;
	size_t j = i;
	while (i > 0 && is_letter(c->pre[i - 1]))
		i--;
	if (i == 0 && c->pre_len == 16)
		return false; /* the word may be cut by the start of pre */
	for (size_t k = 0; k < sizeof modals / sizeof modals[0]; k++)
		if (j - i == strlen(modals[k]) && !memcmp(c->pre + i, modals[k], j - i))
			return true;
	return false;
}

/*
 * True when "of" and a determiner or a number, and then no unit of time, follow
 * the span: "a quarter of the market", "of its sales", "of all" are fractions; "a
 * quarter of a century", "of the year" and "a quarter of weak demand" are times.
 */
static bool fraction_of(const tl_norm_context *c)
{
	static const char *const dets[] = {"the", "its", "their", "all",  "his",
	                                   "her", "our", "these", "those"};
	if (!tl_norm_followed_by(c, "of"))
		return false;
	toks after;
	tl_norm_tokenize(c->post, c->post_len, &after);
	if (after.n < 2)
		return false;
	bool det = after.v[1].is_num;
	for (size_t k = 0; k < sizeof dets / sizeof dets[0] && !det; k++)
		det = eq(&after, 1, dets[k]);
	enum unit u;
	int at = tl_norm_find_unit(&after, 2, &u);
	return det && (at < 0 || at > 3);
}

/*
 * True when "of" and a word for money follow the span: "a bonus equal to six
 * months of base pay", "two years of salary" are amounts, not times.
 */
static bool money_of(const tl_norm_context *c)
{
	static const char *const money[] = {"base",      "pay",      "salary",   "salaries",
	                                    "wages",     "rent",     "income",   "earnings",
	                                    "revenue",   "revenues", "sales",    "interest",
	                                    "dividends", "benefits", "severance"};
	/* "of" right after the span, read inline: this runs for every duration */
	size_t i = 0, n = c->post ? c->post_len : 0;
	while (i < n && c->post[i] == ' ')
		i++;
	if (i == 0 || i + 2 > n || c->post[i] != 'o' || c->post[i + 1] != 'f' ||
	    (i + 2 < n && is_letter(c->post[i + 2])))
		return false;
	toks after;
	tl_norm_tokenize(c->post, c->post_len, &after);
	for (size_t k = 0; k < sizeof money / sizeof money[0]; k++)
		if (eq(&after, 1, money[k]))
			return true;
	return false;
}

/*
 * True when two counts joined by "to" or "or" stand before the unit at ui: "two to
 * three weeks", "12 to 18 months", "one or two days" (not "up to 180 days"). TimeML
 * has no range value; the count is vague, like "several weeks" (TimeBank writes
 * "the next 12 to 18 months" PXM, though "two to three weeks" P2W).
 */
static bool count_range(const toks *t, int ui)
{
	for (int j = 1; j + 1 < ui; j++) {
		if (!eq(t, j, "to") && !eq(t, j, "or"))
			continue;
		int next;
		if (tl_norm_read_qty(t, j - 1, &next) != -2 && next == j &&
		    tl_norm_read_qty(t, j + 1, &next) != -2 && next <= ui)
			return true;
	}
	return false;
}

int tl_norm_duration(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	enum unit u;
	int ui = tl_norm_find_unit(t, 0, &u);
	if (ui < 0)
		return TL_EINPUT;
	if (tl_norm_followed_by(c, "old"))
		return TL_EINPUT; /* an age ("52 years old"), not the time of anything */
	if (t->n == 2 && eq(t, 0, "one") && eq(t, 1, "day") && after_modal(c)) {
		/* "Islam will one day be...": some day in the future, not a day long */
		tl_norm_set_value(x, TL_TIMEX_DATE, TL_GRAIN_NONE, "FUTURE_REF");
		return TL_OK;
	}
	if (t->n == 2 && (eq(t, 0, "a") || eq(t, 0, "an")) && ui == 1 && after_rate_amount(c))
		return TL_EINPUT; /* a rate: "$500 million a year", "four flights a week" */
	if (u == U_QUARTER && ui == t->n - 1 && eq(t, ui, "quarter") && fraction_of(c))
		return TL_EINPUT; /* "more than a quarter of the market" */
	if (ui == t->n - 1 && money_of(c))
		return TL_EINPUT; /* "six months of base pay": an amount */
	double q = -2;
	for (int i = 0; i < ui; i++) {
		int next;
		double v = tl_norm_read_qty(t, i, &next);
		if (v != -2 && next <= ui + 1) {
			/* "a couple of", "twenty four": take the longest reading */
			q = v;
			if (v != 1 || !(eq(t, i, "a") || eq(t, i, "an")) || next == ui)
				break;
		}
	}
	/* "two thousand years": millennia (TimeBank P2L); "five thousand hours" */
	bool millennia = false;
	if (q > 0 && ui > 0 && eq(t, ui - 1, "thousand")) {
		millennia = u == U_YEAR && q == (double)(long)q;
		if (!millennia)
			q *= 1000;
	}
	if (q == -2)
		q = t->v[ui].w[strlen(t->v[ui].w) - 1] == 's' ? QTY_X : 1;
	if (has(t, "few") || has(t, "several"))
		q = QTY_X;
	if (q >= 0 && eq(t, ui + 1, "and") && eq(t, ui + 2, "a") && eq(t, ui + 3, "half"))
		q += 0.5; /* "a year and a half" */
	if (count_range(t, ui))
		q = QTY_X; /* "two to three weeks", "the next 12 to 18 months": PXW, PXM */
	if (u == U_HOUR && q == 24) {
		u = U_DAY; /* "the last twenty four hours" */
		q = 1;
	}
	if (millennia && q > 0 && q < 1e12) {
		tl_norm_out o;
		tl_norm_out_init(&o, x->value, TL_VALUE_MAX);
		tl_norm_out_str(&o, "P");
		tl_norm_out_int(&o, (long)q, 0);
		tl_norm_out_str(&o, "L");
	} else {
		tl_norm_duration_value(x->value, millennia ? q * 1000 : q, u); /* straight into x */
	}
	x->type = TL_TIMEX_DURATION;
	x->grain = TL_GRAIN_NONE;
	const char *mod = tl_norm_approx_mod(t);
	if (!mod) {
		mod = tl_norm_outer_mod(c);
		if (mod && !strcmp(mod, "MORE_THAN") && eq(t, 0, "the"))
			mod = NULL; /* "over the past three weeks": during them, not more */
	}
	tl_norm_set_mod(x, mod);
	return TL_OK;
}

/*
 * True when the text before the span ends with an amount: a number or a
 * percentage, alone or with one word after it ("20% annually", "10,000 units
 * annually", "$17 million annually"). A frequency adverb after an amount gives
 * the rate of that amount (like "per year"), not the time of an event.
 */
static bool after_amount(const tl_norm_context *c)
{
	if (!c->pre)
		return false;
	size_t i = c->pre_len;
	for (int words = 0; words < 2; words++) {
		while (i > 0 && c->pre[i - 1] == ' ')
			i--;
		if (i > 0 && (is_dig(c->pre[i - 1]) || c->pre[i - 1] == '%'))
			return true;
		size_t j = i;
		while (i > 0 && is_letter(c->pre[i - 1]))
			i--;
		if (i == j)
			return false;
	}
	return false;
}

/*
 * True when the text right before the span is an amount: a number or a
 * percentage ("$35 a night", "358,000 a month"), or a number or number word
 * and then "million" or a plural noun ("$500 million a year", "four flights a
 * week", "700 seats a week"). "a year" after it is a rate, like "per year".
 * A preposition in between ("rose 5% in a year") makes it a duration again.
 */
static bool after_rate_amount(const tl_norm_context *c)
{
	if (!c->pre)
		return false;
	const char *p = c->pre;
	size_t i = c->pre_len;
	while (i > 0 && p[i - 1] == ' ')
		i--;
	if (i > 0 && (is_dig(p[i - 1]) || p[i - 1] == '%'))
		return true;
	size_t j = i;
	while (i > 0 && is_letter(p[i - 1]))
		i--;
	if (i == j || i == 0 || p[j - 1] != 's') {
		/* not a plural noun: only "million", "billion", "thousand" may stand here */
		static const char *const big[] = {"million", "billion", "thousand", "trillion"};
		bool ok = false;
		for (size_t k = 0; k < sizeof big / sizeof big[0] && !ok; k++)
			ok = j - i == strlen(big[k]) && !memcmp(p + i, big[k], j - i);
		if (!ok || i == 0)
			return false;
	}
	while (i > 0 && p[i - 1] == ' ')
		i--;
	if (i > 0 && is_dig(p[i - 1]))
		return true;
	size_t e = i;
	while (i > 0 && is_letter(p[i - 1]))
		i--;
	char w[TOK_LEN];
	size_t n = e - i;
	if (i == 0 || n == 0 || n >= sizeof w)
		return false; /* a word cut by the start of pre is not read */
	for (size_t k = 0; k < n; k++)
		w[k] = (char)(p[i + k] | 0x20);
	w[n] = '\0';
	return tl_norm_small_number(w) > 1;
}

/*
 * True when the word right before the span is "average": "the average daily
 * volume", "average monthly rent" name a quantity per day or month (a rate, like
 * "per day"), not a recurring time (TimeBank leaves both its "average daily"
 * untagged).
 */
static bool after_average(const tl_norm_context *c)
{
	size_t i = c->pre ? c->pre_len : 0;
	if (i == 0 || c->pre[i - 1] != ' ')
		return false;
	while (i > 0 && c->pre[i - 1] == ' ')
		i--;
	if (i < 7 || strncasecmp(c->pre + i - 7, "average", 7) != 0)
		return false;
	return i == 7 ? c->pre_len < 16 : !is_letter(c->pre[i - 8]);
}

int tl_norm_set(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	char b[TL_VALUE_MAX];
	/* clang-format off */
#define A(w, v) {w, sizeof w - 1, v}
	/* clang-format on */
	static const struct {
		const char *w;
		size_t n;
		const char *v;
	} adverbs[] = {
	    A("daily", "P1D"),        A("nightly", "P1D"),  A("weekly", "P1W"),
	    A("biweekly", "P2W"),     A("monthly", "P1M"),  A("bimonthly", "P2M"),
	    A("quarterly", "P3M"),    A("annually", "P1Y"), A("yearly", "P1Y"),
	    A("semiannually", "P6M"), A("hourly", "PT1H"),
	};
#undef A
	x->type = TL_TIMEX_SET;
	x->grain = TL_GRAIN_NONE;
	if (eq(t, 0, "semi")) {
		tl_norm_set_value(x, TL_TIMEX_SET, TL_GRAIN_NONE, "P6M");
		return TL_OK;
	}
	for (size_t i = 0; i < sizeof adverbs / sizeof adverbs[0]; i++) {
		if ((t->sig & tok_bit(adverbs[i].n, adverbs[i].w[0])) && has(t, adverbs[i].w)) {
			if (t->n == 1 && (after_amount(c) || after_average(c)))
				return TL_EINPUT; /* a rate: "rise 8.5% annually", "average daily" */
			tl_norm_set_value(x, TL_TIMEX_SET, TL_GRAIN_NONE, adverbs[i].v);
			return TL_OK;
		}
	}
	const char *quant = has(t, "each") ? "EACH" : has(t, "every") ? "EVERY" : "";
	tl_norm_out qo;
	tl_norm_out_init(&qo, x->quant, sizeof x->quant);
	tl_norm_out_str(&qo, quant);
	for (int i = 0; i < t->n; i++) {
		if (t->v[i].is_num)
			continue;
		int wd = t->v[i].wday, m = t->v[i].month;
		const char *pd = NULL;
		tl_norm_out o, fo; /* the value into b, the frequency into x->freq */
		tl_norm_out_init(&o, b, sizeof b);
		if (wd) {
			/* "Tuesday nights": XXXX-WXX-2TNI */
			const char *wpd = has(t, "mornings")     ? "MO"
			                  : has(t, "afternoons") ? "AF"
			                  : has(t, "evenings")   ? "EV"
			                  : has(t, "nights")     ? "NI"
			                                         : tl_norm_part_of_day(t);
			tl_norm_out_str(&o, "XXXX-WXX-");
			tl_norm_out_int(&o, wd, 0);
			if (wpd) {
				tl_norm_out_str(&o, "T");
				tl_norm_out_str(&o, wpd);
			}
			tl_norm_out_init(&fo, x->freq, sizeof x->freq);
			tl_norm_out_str(&fo, "1W");
		} else if (m) {
			tl_norm_out_str(&o, "XXXX-");
			tl_norm_out_int(&o, m, 2);
			tl_norm_out_init(&fo, x->freq, sizeof x->freq);
			tl_norm_out_str(&fo, "1Y");
		} else if (tl_norm_season_of(t) >= 0) {
			static const char *const codes[] = {"SP", "SU", "FA", "WI"};
			tl_norm_out_str(&o, "XXXX-");
			tl_norm_out_str(&o, codes[tl_norm_season_of(t)]);
			tl_norm_out_init(&fo, x->freq, sizeof x->freq);
			tl_norm_out_str(&fo, "1Y");
		} else if ((pd = tl_norm_part_of_day(t)) != NULL &&
		           (enum unit)t->v[i].unit == U_NONE) {
			tl_norm_out_str(&o, "XXXX-XX-XXT");
			tl_norm_out_str(&o, pd);
			tl_norm_out_init(&fo, x->freq, sizeof x->freq);
			tl_norm_out_str(&fo, "1D");
		} else {
			continue;
		}
		tl_norm_set_value(x, TL_TIMEX_SET, TL_GRAIN_NONE, b);
		return TL_OK;
	}
	enum unit u;
	int ui = tl_norm_find_unit(t, 0, &u);
	if (ui < 0)
		return TL_EINPUT;
	double q = 1;
	int times = 0;
	for (int i = 0; i < ui; i++) {
		int next;
		double v = tl_norm_read_qty(t, i, &next);
		if (eq(t, i, "once"))
			times = 1;
		else if (eq(t, i, "twice"))
			times = 2;
		else if (v > 0 && eq(t, next, "times"))
			times = (int)v;
		else if (v > 0 && !eq(t, i, "a") && next == ui)
			q = v;
		else if (v == QTY_X && next == ui)
			q = QTY_X; /* "every few days": PXD */
	}
	if (has(t, "other") && q > 0)
		q *= 2;
	tl_norm_duration_value(x->value, q, u);
	x->type = TL_TIMEX_SET;
	x->grain = TL_GRAIN_NONE;
	if (times) {
		tl_norm_out fo;
		tl_norm_out_init(&fo, x->freq, sizeof x->freq);
		tl_norm_out_int(&fo, times, 0);
		tl_norm_out_str(&fo, "X");
	}
	return TL_OK;
}
