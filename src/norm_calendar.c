/*
 * norm_calendar.c - the rules for calendar expressions: full dates, a month and
 * day without a year (which year: nearest_year, with the tense), months,
 * years, decades and centuries, quarters and halves (the financial "the
 * quarter"), seasons, "the second half of 1998", "year-end".
 */
#include <stdbool.h>
#include <string.h>

#include "date.h"
#include "norm_calendar.h"

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

int tl_norm_nearest_year(tl_date dct, int m, int d, int tense)
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

/* Month, day and year read from a full date in any of its written orders. */
int tl_norm_full_date(const char *s, size_t len, const toks *t, const tl_norm_context *c,
                      tl_timex *x)
{
	int y = 0, m = 0, d = 0;
	int nums[3], nn = 0;
	for (int i = 0; i < t->n; i++) {
		if (t->v[i].is_num && nn < 3)
			nums[nn++] = (int)t->v[i].num;
		else if (!t->v[i].is_num && t->v[i].month)
			m = t->v[i].month;
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
	tl_norm_point_at(x, e, U_DAY); /* the day, written straight into x */
	return TL_OK;
}

bool tl_norm_read_month_day(const toks *t, int *month, int *day)
{
	int m = 0, d = 0;
	for (int i = 0; i < t->n; i++) {
		if (t->v[i].is_num && !d)
			d = (int)t->v[i].num;
		else if (!t->v[i].is_num && t->v[i].month)
			m = t->v[i].month;
	}
	*month = m;
	*day = d;
	return m && d >= 1 && d <= 31;
}

int tl_norm_month_day(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	int m, d;
	if (!tl_norm_read_month_day(t, &m, &d))
		return TL_EINPUT;
	tl_date e = {tl_norm_nearest_year(c->dct, m, d, c->tense), m, d};
	if (!tl_date_valid(e))
		return TL_EINPUT;
	tl_norm_point_at(x, e, U_DAY); /* the day, written straight into x */
	if (has(t, "around") || has(t, "about"))
		tl_norm_set_mod(x, "APPROX");
	return TL_OK;
}

/* A year written out: "nineteen ninety-six", "nineteen oh five"; 0 when none at i. */
static int spoken_year(const toks *t, int i)
{
	int c = i < t->n ? t->v[i].small : -1;
	if (c < 18 || c > 20 || t->v[i].is_num)
		return 0;
	int j = i + 1;
	if (eq(t, j, "oh"))
		j++;
	int y = j < t->n ? t->v[j].small : -1;
	if (y < 1)
		return 0;
	if (y >= 20 && y % 10 == 0 && j + 1 < t->n) {
		int o = t->v[j + 1].small;
		if (o > 0 && o < 10)
			y += o;
	}
	return c * 100 + y;
}

int tl_norm_year_token(const toks *t)
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

int tl_norm_month_year(const toks *t, tl_timex *x)
{
	int m = 0, y = tl_norm_year_token(t);
	for (int i = 0; i < t->n && !m; i++)
		if (!t->v[i].is_num)
			m = t->v[i].month;
	if (!m || !y)
		return TL_EINPUT;
	tl_date d = {y, m, 1};
	tl_norm_point_at(x, d, U_MONTH);
	tl_norm_set_mod(x, tl_norm_point_mod(t));
	return TL_OK;
}

int tl_norm_decade(const toks *t, const tl_norm_context *c, tl_timex *x)
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
		tl_norm_point_at(x, d, U_CENTURY);
		tl_norm_set_mod(x, tl_norm_point_mod(t));
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
	tl_norm_point_at(x, d, U_DECADE);
	tl_norm_set_mod(x, tl_norm_point_mod(t));
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
		if ((eq(t, i, "last") && !eq(t, i + 1, "year")) || eq(t, i, "final"))
			return 5; /* not "last year's third quarter" */
		if (!t->v[i].is_num && (t->v[i].w[0] == 'q' || t->v[i].w[0] == 'h') &&
		    t->v[i].w[1] == '\0' && i + 1 < t->n && t->v[i + 1].is_num)
			return (int)t->v[i + 1].num;
	}
	return 0;
}

/* The quarter that financial news means by "the quarter": the last one completed. */
tl_date tl_norm_last_full_quarter(tl_date dct)
{
	tl_date q = {dct.year, (dct.month - 1) / 3 * 3 + 1, 1};
	return tl_date_add_months(q, -3);
}

/*
 * The quarter a year before the anchor quarter; but when the anchor already is
 * the year-ago counterpart of the article's last completed quarter ("in the
 * year-ago quarter. The year-ago results ..."), the anchor itself.
 */
tl_date tl_norm_year_before_quarter(const tl_norm_context *c)
{
	tl_date q = tl_date_add_months(tl_norm_last_full_quarter(c->dct), -12);
	if (c->ref.year == q.year && (c->ref.month - 1) / 3 == (q.month - 1) / 3)
		return c->ref;
	return tl_date_add_months(c->ref, -12);
}

/*
 * "the quarter ended July 31": a quarter named by the month it ended in. Companies
 * whose fiscal quarters are not calendar ones report the quarter ended July 31
 * (May to July, mostly the second calendar quarter) like the calendar quarter whose
 * end is nearest: a quarter's last month gives that quarter, its second month
 * (August: June to August) that quarter too, its first month (July) the quarter
 * before. Returns false when no month follows "ended"/"ending" right after the span.
 */
static bool quarter_ended(const tl_norm_context *c, tl_date *q)
{
	bool ended = tl_norm_followed_by(c, "ended");
	if (!ended && !tl_norm_followed_by(c, "ending"))
		return false;
	toks after;
	tl_norm_tokenize(c->post, c->post_len, &after);
	if (after.n < 2 || after.v[1].is_num || after.v[1].month <= 0)
		return false;
	int m = after.v[1].month;
	/* the month's year as for "ended in July": a past verb when it has ended */
	int y = tl_norm_nearest_year(c->dct, m, 0, ended ? -2 : c->tense);
	int qn = (m - 1) / 3; /* 0..3 */
	if ((m - 1) % 3 == 0 && --qn < 0) {
		qn = 3; /* "the quarter ended Jan. 31": last year's fourth */
		y--;
	}
	q->year = y;
	q->month = qn * 3 + 1;
	q->day = 1;
	return true;
}

int tl_norm_quarter(const char *s, size_t len, const toks *t, const tl_norm_context *c, tl_timex *x)
{
	bool half = has(t, "half") || (len > 0 && (s[0] == 'H' || s[len - 1] == 'H'));
	int n = ordinal_of(t);
	int y = tl_norm_year_token(t);
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
	if (n == 0 && y && !half && has(t, "period") && c->ref_grain == TL_GRAIN_YEAR) {
		/* "in the first nine months ... in the 1988 period": the year */
		tl_date d = {y, 1, 1};
		tl_norm_point_at(x, d, U_YEAR);
		return TL_OK;
	}
	if (n == 0 && y) {
		/* "the 1988 quarter": the article's reporting quarter in that year */
		tl_date q = tl_norm_last_full_quarter(c->dct);
		q.year = y;
		tl_norm_point_at(x, q, half ? U_HALF : U_QUARTER);
		return TL_OK;
	}
	if (n == 0) {
		/* "the quarter", "the latest quarter", "this quarter", "the current period" */
		if (half) {
			base = tl_date_add_months(c->dct,
			                          has(t, "this") || has(t, "current") ? 0 : -6);
		} else {
			base = has(t, "this") || has(t, "current")
			           ? c->dct
			           : tl_norm_last_full_quarter(c->dct);
			if (has(t, "same") || has(t, "that"))
				base = c->ref;
			else
				quarter_ended(c, &base);
		}
		int last = find(t, "last");
		if (year_before || (last >= 0 && eq(t, last + 1, "year")))
			base = tl_date_add_months(base, -12); /* "last year's quarter" too */
		tl_norm_point_at(x, base, half ? U_HALF : U_QUARTER);
		return TL_OK;
	}
	if (n == 5 && !eq(t, 0, "the") && (eq(t, 0, "last") || eq(t, 0, "final")) && t->n == 2) {
		/* "last quarter": the one before the article's */
		tl_date q = tl_date_add_months(c->dct, half ? -6 : -3);
		tl_norm_point_at(x, q, half ? U_HALF : U_QUARTER);
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
	tl_norm_fmt_year_part(b, y, half ? 'H' : 'Q', n);
	tl_norm_set_value(x, TL_TIMEX_DATE, half ? TL_GRAIN_HALF : TL_GRAIN_QUARTER, b);
	return TL_OK;
}

int tl_norm_season(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	static const char *const codes[] = {"SP", "SU", "FA", "WI"};
	int s = tl_norm_season_of(t);
	if (s < 0)
		return TL_EINPUT;
	int y = tl_norm_year_token(t);
	if (!y) {
		int at, dir = tl_norm_direction_word(t, &at);
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
	tl_norm_out o;
	tl_norm_out_init(&o, b, sizeof b);
	tl_norm_out_int(&o, y, 4);
	tl_norm_out_str(&o, "-");
	tl_norm_out_str(&o, codes[s]);
	tl_norm_set_value(x, TL_TIMEX_DATE, TL_GRAIN_SEASON, b);
	tl_norm_set_mod(x, tl_norm_point_mod(t));
	return TL_OK;
}

int tl_norm_part_of(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	int y = tl_norm_year_token(t);
	if (!y && has(t, "year") && has(t, "end")) {
		/* "year-end", "year's end": the end of the article's year */
		tl_date d = {c->dct.year, 1, 1};
		tl_norm_point_at(x, d, U_YEAR);
		tl_norm_set_mod(x, has(t, "around") ? "APPROX" : "END");
		return TL_OK;
	}
	if (!y)
		return TL_EINPUT;
	tl_date d = {y, 1, 1};
	if (has(t, "half")) {
		if (has(t, "second") || eq(t, 1, "2"))
			d.month = 7;
		tl_norm_point_at(x, d, U_HALF);
		return TL_OK;
	}
	tl_norm_point_at(x, d, U_YEAR);
	tl_norm_set_mod(x, tl_norm_point_mod(t));
	return TL_OK;
}

int tl_norm_year(const toks *t, tl_timex *x)
{
	int y = tl_norm_year_token(t);
	int th = find(t, "thousand");
	if (!y && th > 0 && eq(t, th - 1, "two")) {
		/* "the year two thousand (and one)" */
		int next;
		double v = eq(t, th + 1, "and") ? tl_norm_read_qty(t, th + 2, &next) : 0;
		y = 2000 + (v > 0 ? (int)v : 0);
	}
	if (!y)
		return TL_EINPUT;
	tl_date d = {y, 1, 1};
	tl_norm_point_at(x, d, U_YEAR);
	if (has(t, "or") || has(t, "beyond")) /* "1994 or later", "1990 and beyond" */
		tl_norm_set_mod(x, has(t, "earlier") ? "ON_OR_BEFORE" : "ON_OR_AFTER");
	else if (eq(t, 0, "post") || eq(t, 0, "pre")) /* "post-1959", "pre-1990" */
		tl_norm_set_mod(x, eq(t, 0, "post") ? "AFTER" : "BEFORE");
	else
		tl_norm_set_mod(x, tl_norm_point_mod(t));
	return TL_OK;
}

int tl_norm_month(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	int m = 0;
	for (int i = 0; i < t->n && !m; i++)
		if (!t->v[i].is_num)
			m = t->v[i].month;
	if (!m)
		return TL_EINPUT;
	int y, at, dir = tl_norm_direction_word(t, &at);
	if (has(t, "year") && dir != 2)
		y = c->dct.year + dir; /* "June last year" */
	else
		y = tl_norm_nearest_year(c->dct, m, 0, c->tense);
	tl_date d = {y, m, 1};
	tl_norm_point_at(x, d, U_MONTH);
	tl_norm_set_mod(x, tl_norm_point_mod(t));
	return TL_OK;
}
