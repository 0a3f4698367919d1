/*
 * norm_relative.c - the rules for expressions resolved against the article date
 * or the last date mentioned: weekdays and deictic words ("Friday",
 * "yesterday", "tonight"), clock times, "last/this/next" + unit ("the latest"
 * + unit as "the last"), "two years ago", anaphora ("the following day", "a
 * year earlier") and the vague references (PRESENT_REF, PAST_REF, FUTURE_REF).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "norm_calendar.h"
#include "norm_duration.h"
#include "norm_relative.h"

#define WEEKDAY_AHEAD_MAX 4

/* The day a deictic word or weekday in the span names; false when none. */
static bool day_word(const toks *t, const tl_norm_context *c, tl_date *out)
{
	/* "this morning"; not "this coming Sunday" (below) */
	if (has(t, "today") || has(t, "tonight") || (has(t, "this") && !has(t, "coming"))) {
		*out = c->dct;
		return true;
	}
	if (has(t, "yesterday") || (has(t, "last") && tl_norm_part_of_day(t))) {
		*out = tl_date_add_days(c->dct, -1);
		return true;
	}
	if (has(t, "tomorrow")) {
		*out = tl_date_add_days(c->dct, 1);
		return true;
	}
	for (int i = 0; i < t->n; i++) {
		int wd = t->v[i].is_num ? 0 : t->v[i].wday;
		if (!wd)
			continue;
		int at, dir = tl_norm_direction_word(t, &at);
		/* "this coming Sunday" is the coming one, whatever the week */
		if (dir == 0 && has(t, "coming")) {
			dir = 1;
			at = find(t, "coming");
		}
		tl_date anchor = tl_norm_anaphoric(t) ? c->ref : c->dct;
		/* no tense cue: the past, as news mostly reports (TimeBank: 282 of 297 bare
		 * weekdays are on or before the article date) */
		if (dir == 2 || dir == 0)
			dir = c->tense > 0 ? 1 : -1;
		bool strict = has(t, "last") || has(t, "next");
		*out = dir == 0 ? tl_norm_resolve_weekday(anchor, wd, 0, false)
		                : tl_norm_resolve_weekday(anchor, wd, dir, strict);
		/* a bare weekday is almost never five or more days ahead (one of the
		 * ~500 in TimeBank and AQUAINT); a past one often is */
		if (dir > 0 && at < 0 && c->tense != 3 &&
		    tl_date_diff_days(anchor, *out) > WEEKDAY_AHEAD_MAX)
			*out = tl_norm_resolve_weekday(anchor, wd, -1, false);
		return true;
	}
	return false;
}

int tl_norm_time(const char *s, size_t len, const toks *t, const tl_norm_context *c, tl_timex *x)
{
	int h = -1, m = 0;
	size_t i = 0;
	while (i < len && !is_dig(s[i]))
		i++; /* past "around", "about" */
	if (i < len && is_dig(s[i])) {
		h = 0;
		while (i < len && is_dig(s[i])) {
			int digit = s[i++] - '0';
			if (h <= 99) /* past three digits it is no hour: kept out of range, not overflowed */
				h = h * 10 + digit;
		}
		if (i + 2 < len && s[i] == ':' && is_dig(s[i + 1]) && is_dig(s[i + 2])) {
			m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
			i += 3;
		}
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && (s[i] == 'p' || s[i] == 'P') && h < 12)
			h += 12;
		else if (h < 12 && (has(t, "afternoon") || has(t, "evening")))
			h += 12; /* "4 in the afternoon" */
		else if (i < len && (s[i] == 'a' || s[i] == 'A') && h == 12)
			h = 0;
	} else if (has(t, "noon") || has(t, "midday")) {
		h = 12;
	} else if (has(t, "midnight")) {
		h = 0;
	}
	if (h < 0 || h > 23)
		return TL_EINPUT;
	tl_date d = c->dct;
	int mi = -1;
	for (int k = 0; k < t->n; k++)
		if (!t->v[k].is_num && t->v[k].month)
			mi = k;
	if (mi >= 0 && mi + 1 < t->n && t->v[mi + 1].is_num) {
		int mo = t->v[mi].month, dd = (int)t->v[mi + 1].num;
		tl_date e = {tl_norm_nearest_year(c->dct, mo, dd, c->tense), mo, dd};
		if (tl_date_valid(e))
			d = e;
	} else if (!day_word(t, c, &d) && c->ref_grain >= TL_GRAIN_DAY &&
	           !(c->tense > 0 && tl_date_compare(c->ref, c->dct) < 0)) {
		/* a bare clock time ("the blast occurred at 10:35 a.m.") is on the day
		 * the story last named, which is the article date until a day is named;
		 * in a future sentence a day already past is not it ("will open at 9 a.m.") */
		d = c->ref;
	}
	char b[TL_VALUE_MAX];
	tl_norm_fmt_time(b, d, h, m);
	tl_norm_set_value(x, TL_TIMEX_TIME, TL_GRAIN_TIME, b);
	if (has(t, "around") || has(t, "about"))
		tl_norm_set_mod(x, "APPROX");
	return TL_OK;
}

int tl_norm_weekday(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	tl_date d;
	if (!day_word(t, c, &d))
		return TL_EINPUT;
	tl_norm_point_at(x, d, U_DAY);
	tl_norm_set_mod(x, tl_norm_point_mod(t));
	return TL_OK;
}

int tl_norm_part_day(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	const char *pd = tl_norm_part_of_day(t);
	tl_date d = c->dct;
	if (!pd || (!day_word(t, c, &d) && !eq(t, 0, "mid")))
		return TL_EINPUT; /* "by mid-afternoon" alone is the article's day */
	bool weekday = false;
	for (int i = 0; i < t->n && !weekday; i++)
		weekday = !t->v[i].is_num && t->v[i].wday != 0;
	if (weekday && (!strcmp(pd, "MO") || !strcmp(pd, "NI"))) {
		/* "Thursday morning", "Friday night": the corpora mostly give the day */
		tl_norm_point_at(x, d, U_DAY);
		tl_norm_set_mod(x, tl_norm_point_mod(t));
		return TL_OK;
	}
	char b[TL_VALUE_MAX];
	tl_norm_fmt_day_part(b, d, pd);
	tl_norm_set_value(x, TL_TIMEX_TIME, TL_GRAIN_PART_OF_DAY, b);
	tl_norm_set_mod(x, tl_norm_point_mod(t));
	return TL_OK;
}

/* The word of s[i..n) that starts at i (letters only) is one of list; *end gets its end. */
static bool word_in(const char *s, size_t i, size_t n, const char *const *list, size_t count,
                    size_t *end)
{
	size_t j = i;
	while (j < n && is_letter(s[j]))
		j++;
	*end = j;
	for (size_t k = 0; k < count && j > i; k++)
		if (strlen(list[k]) == j - i && !strncmp(s + i, list[k], j - i))
			return true;
	return false;
}

/*
 * "today's youth", "in today's world": today in the sense of nowadays, an age
 * rather than the article's day, before a noun for people or for the times.
 * Both corpora leave all four such uses untagged ("today's world", "today's
 * personal computers" in TimeBank, "today's youth" in AQUAINT), while "today's
 * editions", "today's vote" are the day. The noun (lower case, right after
 * "'s") must end the phrase: punctuation or a function word follows it, so
 * "today's youth rally" and "today's men's final" stay the day, and so does
 * "today's personal computers" (an adjective first). What follows must be
 * seen whole in the text the caller gives after the span.
 */
static bool generic_today(const toks *t, const tl_norm_context *c)
{
	static const char *const nouns[] = {"world",       "youth",     "society",  "generation",
	                                    "generations", "children",  "kids",     "teenagers",
	                                    "students",    "parents",   "families", "consumers",
	                                    "workers",     "voters",    "economy",  "culture",
	                                    "technology",  "standards", "dollars",  "terms"};
	static const char *const next[] = {
	    "where", "what", "who", "that", "which", "and",  "or",    "but",  "of",
	    "in",    "on",   "at",  "to",   "for",   "with", "is",    "are",  "was",
	    "were",  "have", "has", "will", "would", "can",  "could", "may",  "must",
	    "need",  "want", "the", "a",    "an",    "as",   "than",  "from", "by"};
	const char *p = c->post;
	size_t n = c->post_len, j, k;
	if (t->n != 1 || !eq(t, 0, "today") || !p || n < 4 || p[0] != '\'' || p[1] != 's' ||
	    p[2] != ' ' || !word_in(p, 3, n, nouns, sizeof nouns / sizeof nouns[0], &j) || j == n)
		return false;
	/* punctuation ends the phrase; "youth's", "youth-led" do not */
	if (p[j] != ' ')
		return p[j] != '\'' && p[j] != '-';
	k = j;
	while (k < n && p[k] == ' ')
		k++;
	if (k < n && !is_letter(p[k]))
		return true;
	return word_in(p, k, n, next, sizeof next / sizeof next[0], &j) && j < n;
}

int tl_norm_deictic(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	if (generic_today(t, c))
		return TL_EINPUT;
	tl_date d = c->dct;
	if (has(t, "yesterday"))
		d = tl_date_add_days(d, has(t, "before") ? -2 : -1);
	else if (has(t, "tomorrow"))
		d = tl_date_add_days(d, has(t, "after") ? 2 : 1);
	else if ((has(t, "before") || has(t, "after")) && day_word(t, c, &d))
		d = tl_date_add_days(d, has(t, "before") ? -1 : 1); /* "the day before Monday" */
	if (has(t, "tonight")) {
		char b[TL_VALUE_MAX];
		tl_norm_fmt_day_part(b, d, "NI");
		tl_norm_set_value(x, TL_TIMEX_TIME, TL_GRAIN_PART_OF_DAY, b);
	} else {
		tl_norm_point_at(x, d, U_DAY);
	}
	tl_norm_set_mod(x, tl_norm_point_mod(t));
	return TL_OK;
}

int tl_norm_relative(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	int at, dir = tl_norm_direction_word(t, &at);
	if (dir == 2 && (at = find(t, "latest")) >= 0)
		dir = -1; /* "the latest fiscal year": the last one, from the DCT */
	else if (dir == 2)
		dir = 0; /* "earlier in the year" */
	int m = 0, wd = 0;
	enum unit u = U_NONE;
	for (int i = at + 1; i < t->n; i++) {
		if (t->v[i].is_num)
			continue;
		if (!m)
			m = t->v[i].month;
		if (!wd)
			wd = t->v[i].wday;
		if (u == U_NONE)
			u = (enum unit)t->v[i].unit;
	}
	bool the = eq(t, at - 1, "the");
	bool follow = eq(t, at, "next") || eq(t, at, "following") || eq(t, at, "previous") ||
	              eq(t, at, "preceding");
	tl_date anchor = the && (tl_norm_anaphoric(t) || follow) ? c->ref : c->dct;
	if (m) {
		int y = dir == 0 ? c->dct.year : tl_norm_resolve_month_year(anchor, m, dir, true);
		/* "last February" on March 1 is not the month just past in the same year
		 * (that is "this February", "in February", "last month") but the year
		 * before's; "last December" on January 5 is the month just past */
		if (dir < 0 && !the && y == anchor.year && anchor.month - m == 1)
			y--;
		tl_date d = {y, m, 1};
		tl_norm_point_at(x, d, U_MONTH);
	} else if (wd) {
		tl_date d = dir == 0 ? tl_norm_resolve_weekday(anchor, wd, 0, false)
		                     : tl_norm_resolve_weekday(anchor, wd, dir, true);
		tl_norm_point_at(x, d, U_DAY);
	} else if (the && eq(t, at, "past") && (u == U_DECADE || u == U_CENTURY)) {
		/* "over the past decade": the ten years up to the article, not the
		 * calendar decade before it ("the 1980s" in 1998 misses eight of the ten
		 * years meant; AQUAINT: P10Y); "the last decade" and "the past year" stay
		 * calendar periods, as TimeBank tags them */
		char b[TL_VALUE_MAX];
		tl_norm_duration_value(b, 1, u);
		tl_norm_set_value(x, TL_TIMEX_DURATION, TL_GRAIN_NONE, b);
		return TL_OK;
	} else if (u != U_NONE) {
		tl_norm_point_at(x, tl_norm_shift(anchor, u, dir), u);
	} else {
		return TL_EINPUT;
	}
	tl_norm_set_mod(x, tl_norm_point_mod(t));
	return TL_OK;
}

/* "from now", "hence": counted from the article date whatever came before. */
static bool from_dct_only(const toks *t)
{
	return has(t, "now") || has(t, "hence");
}

/* Up to this many weeks, "N weeks ago" is a day; beyond, the week (in both
 * corpora "two weeks ago" and "a week or so ago" are days, "six weeks ago" weeks). */
#define WEEKS_AGO_AS_DAY 2

int tl_norm_ago(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	int i = 0, next;
	while (i < t->n && tl_norm_read_qty(t, i, &next) == -2)
		i++;
	double q = tl_norm_read_qty(t, i, &next);
	enum unit u;
	if (q == -2 || tl_norm_find_unit(t, next, &u) < 0)
		return TL_EINPUT;
	if (q > 0 && eq(t, next, "thousand"))
		q *= 1000; /* "two thousand years ago" (a year before 1 is not written) */
	int dir =
	    has(t, "ago") || has(t, "earlier") || has(t, "before") || has(t, "previously") ? -1 : 1;
	bool from_dct = has(t, "ago") || has(t, "now") || has(t, "hence");
	tl_date anchor = from_dct ? c->dct : c->ref;
	if (q < 0 && !from_dct) {
		/* "a few days later" in a story told in the past: neither past nor future of
		 * the article, only a vague length (PXD, as TimeBank has it) */
		char b[TL_VALUE_MAX];
		tl_norm_duration_value(b, QTY_X, u);
		tl_norm_set_value(x, TL_TIMEX_DURATION, TL_GRAIN_NONE, b);
		return TL_OK;
	}
	if (q < 0) {
		tl_norm_set_value(x, TL_TIMEX_DATE, TL_GRAIN_NONE,
		                  dir < 0 ? "PAST_REF" : "FUTURE_REF");
		return TL_OK;
	}
	if (q > 1e5)
		return TL_EINPUT; /* no count that large fits the calendar (and int must not overflow) */
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
		tl_norm_point_at(x,
		                 dir < 0 ? tl_norm_year_before_quarter(c)
		                         : tl_norm_shift(c->ref, U_YEAR, dir),
		                 U_QUARTER);
		return TL_OK;
	}
	enum unit g = u;
	/* "two weeks ago" is a day; "six weeks ago" no longer names one: its week */
	if (u == U_FORTNIGHT || u == U_WEEKEND || (u == U_WEEK && n <= WEEKS_AGO_AS_DAY))
		g = U_DAY;
	if (u == U_DECADE || u == U_CENTURY)
		g = U_YEAR;
	if (u == U_SEC || u == U_MIN || u == U_HOUR)
		g = U_DAY;
	if (!from_dct)
		g = tl_norm_no_finer_than(g, c->ref_grain);
	tl_norm_point_at(x, tl_norm_shift(anchor, u, dir * n), g);
	const char *mod = tl_norm_approx_mod(t);
	if (!mod)
		mod = tl_norm_outer_mod(c);
	if (mod && !strcmp(mod, "MORE_THAN"))
		mod = dir < 0 ? "BEFORE" : "AFTER";
	else if (mod && strcmp(mod, "APPROX") != 0)
		mod = dir < 0 ? "AFTER" : "BEFORE";
	tl_norm_set_mod(x, mod);
	return TL_OK;
}

int tl_norm_anaphor(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	enum unit u = U_NONE;
	for (int i = 0; i < t->n && u == U_NONE; i++)
		if (!t->v[i].is_num)
			u = (enum unit)t->v[i].unit;
	const char *pd = tl_norm_part_of_day(t);
	if (pd)
		u = U_DAY;
	if (has(t, "year") && (has(t, "earlier") || has(t, "ago") || has(t, "before"))) {
		/* "year-earlier", "the year-ago quarter" */
		if (has(t, "quarter") || has(t, "period"))
			tl_norm_point_at(x,
			                 tl_date_add_months(tl_norm_last_full_quarter(c->dct), -12),
			                 U_QUARTER);
		else if (c->ref_grain == TL_GRAIN_QUARTER)
			tl_norm_point_at(x, tl_norm_year_before_quarter(c), U_QUARTER);
		else
			tl_norm_point_at(x, tl_date_add_months(c->dct, -12), U_YEAR);
		return TL_OK;
	}
	if (u == U_NONE)
		return TL_EINPUT;
	int at, dir = tl_norm_direction_word(t, &at);
	if (dir == 2) {
		/* "the year", "the week", "the weekend": the one the article is in */
		if (u == U_WEEKEND) {
			/* past tense: the last one; future, or late in the week: the coming one */
			bool ahead =
			    c->tense > 0 || (c->tense == 0 && tl_date_weekday(c->dct) >= 4);
			tl_date d = ahead ? tl_norm_resolve_weekday(c->dct, 6, 1, false)
			                  : tl_norm_resolve_weekday(c->dct, 6, -1, false);
			tl_norm_point_at(x, d, U_WEEKEND);
		} else {
			tl_norm_point_at(x, c->dct, u);
		}
		return TL_OK;
	}
	tl_date d = tl_norm_shift(c->ref, u, dir);
	tl_norm_point_at(x, d, tl_norm_no_finer_than(u, c->ref_grain));
	if (u == U_DAY && !pd && x->grain == TL_GRAIN_MONTH) {
		/* "that same day" after "last October": some day of that month, 1998-10-XX
		 * (AQUAINT); tl_value_interval() places it as the month */
		size_t n = strlen(x->value);
		if (n + 4 > sizeof x->value)
			return TL_EINPUT;
		memcpy(x->value + n, "-XX", 4);
		return TL_OK;
	}
	if (pd && x->grain == TL_GRAIN_DAY) {
		/* a part of a day; after a coarser anchor ("last week ... the previous
		 * evening") only the anchor's grain is known: no "2019-W34TEV" */
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

/* True when "then" comes right before the span: "the then current price",
 * "then-current" are current at a time in the past. */
static bool after_then(const tl_norm_context *c)
{
	size_t n = c->pre ? c->pre_len : 0;
	if (n < 5 || (c->pre[n - 1] != ' ' && c->pre[n - 1] != '-') ||
	    strncasecmp(c->pre + n - 5, "then", 4) != 0)
		return false;
	return n == 5 || !is_letter(c->pre[n - 6]);
}

int tl_norm_ref(const toks *t, const tl_norm_context *c, tl_timex *x)
{
	enum unit u;
	if (tl_norm_find_unit(t, 0, &u) >= 0 && !has(t, "these")) {
		/* "recent weeks" is a vague duration; "recent years", "past years" the past */
		if ((has(t, "recent") || has(t, "coming")) && u < U_YEAR) {
			char b[TL_VALUE_MAX];
			tl_norm_duration_value(b, QTY_X, u);
			tl_norm_set_value(x, TL_TIMEX_DURATION, TL_GRAIN_NONE, b);
			return TL_OK;
		}
		if (has(t, "coming")) {
			char b[TL_VALUE_MAX];
			tl_norm_duration_value(b, QTY_X, u);
			tl_norm_set_value(x, TL_TIMEX_DURATION, TL_GRAIN_NONE, b);
			return TL_OK;
		}
	}
	const char *v = "PRESENT_REF";
	if (has(t, "recently") || has(t, "lately") || has(t, "formerly") || has(t, "previously") ||
	    has(t, "recent") || has(t, "past") || has(t, "once") ||
	    (has(t, "current") && after_then(c)))
		v = "PAST_REF";
	else if (has(t, "soon") || has(t, "future") || has(t, "coming") || has(t, "term"))
		v = "FUTURE_REF";
	tl_norm_set_value(x, TL_TIMEX_DATE, TL_GRAIN_NONE, v);
	return TL_OK;
}
