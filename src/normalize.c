/*
 * normalize.c - the normalizer: one span of a known class (tl_kind) to a
 * TIMEX3 type, value, mod, grain and, for SETs, quant and freq. The span is
 * split into lower-cased word and number tokens (norm_words.c) and read by the
 * rule of its class: calendar expressions in norm_calendar.c, expressions
 * relative to the article date or to the last date mentioned in
 * norm_relative.c, durations and sets in norm_duration.c; this file picks the
 * rule, adds the mod a preposition before the span gives, tells the caller
 * when a span only ends the anchored quarter (tl_norm_ends_period) and how much
 * of the sentence's tense a span's value may depend on (tl_norm_tense_need, so
 * that the tagger reads no more of the sentence than that). Pure functions
 * only: no allocation, no state, no clock, no locale.
 */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "date.h"
#include "norm_calendar.h"
#include "norm_duration.h"
#include "norm_holiday.h"
#include "norm_relative.h"
#include "normalize.h"

static int normalize_class(int kind, const char *s, size_t len, const toks *t,
                           const tl_norm_context *c, tl_timex *x)
{
	x->mod[0] = x->quant[0] = x->freq[0] = '\0';
	x->grain = TL_GRAIN_NONE;
	x->type = TL_TIMEX_DATE;
	x->value[0] = '\0';
	if (t->n == 0)
		return TL_EINPUT;
	switch (kind) {
	case TL_KIND_TIME:
		return tl_norm_time(s, len, t, c, x);
	case TL_KIND_DATE_FULL:
		return tl_norm_full_date(s, len, t, c, x);
	case TL_KIND_MONTH_DAY:
		return tl_norm_month_day(t, c, x);
	case TL_KIND_MONTH_YEAR:
		return tl_norm_month_year(t, x);
	case TL_KIND_DECADE:
		return tl_norm_decade(t, c, x);
	case TL_KIND_QUARTER:
		return tl_norm_quarter(s, len, t, c, x);
	case TL_KIND_SEASON:
		return tl_norm_season(t, c, x);
	case TL_KIND_PART_OF:
		return tl_norm_part_of(t, c, x);
	case TL_KIND_YEAR:
		return tl_norm_year(t, x);
	case TL_KIND_RELATIVE:
		return tl_norm_relative(t, c, x);
	case TL_KIND_PART_DAY:
		return tl_norm_part_day(t, c, x);
	case TL_KIND_DEICTIC:
		return tl_norm_deictic(t, c, x);
	case TL_KIND_AGO:
		return tl_norm_ago(t, c, x);
	case TL_KIND_DURATION:
		return tl_norm_duration(t, c, x);
	case TL_KIND_SET:
		return tl_norm_set(t, c, x);
	case TL_KIND_REF:
		return tl_norm_ref(t, c, x);
	case TL_KIND_WEEKDAY:
		return tl_norm_weekday(t, c, x);
	case TL_KIND_MONTH:
		return tl_norm_month(t, c, x);
	case TL_KIND_ANAPHOR:
		return tl_norm_anaphor(t, c, x);
	case TL_KIND_HOLIDAY:
		return tl_norm_holiday(t, c, x);
	case TL_KIND_WEEK_OF:
		return tl_norm_week_of(t, c, x);
	case TL_KIND_RANGE_DAY: {
		if (!c->prev_month || !t->v[0].is_num)
			return TL_EINPUT;
		tl_date d = {c->prev_year, c->prev_month, (int)t->v[0].num};
		if (!tl_date_valid(d))
			return TL_EINPUT;
		tl_norm_point_at(x, d, U_DAY);
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
	/* clang-format off */
#define P(w, mod) {w, sizeof w - 1, mod}
	/* clang-format on */
	static const struct {
		const char *w;
		size_t n;
		const char *mod;
	} preps[] = {
	    P("by ", "ON_OR_BEFORE"),   P("no later than ", "ON_OR_BEFORE"),
	    P("since ", "ON_OR_AFTER"), P("before ", "BEFORE"),
	    P("after ", "AFTER"),
	};
#undef P
	if (!c->pre || c->pre_len < 3 || c->pre[c->pre_len - 1] != ' ')
		return NULL; /* every preposition above ends with a space */
	char last = c->pre[c->pre_len - 2];
	if (last != 'y' && last != 'n' && last != 'e' && last != 'r')
		return NULL; /* nor with the last letter of any of them */
	for (size_t i = 0; i < sizeof preps / sizeof preps[0]; i++) {
		size_t n = preps[i].n;
		if (c->pre_len >= n && memcmp(c->pre + c->pre_len - n, preps[i].w, n) == 0 &&
		    (c->pre_len == n || !is_letter(c->pre[c->pre_len - n - 1])))
			return preps[i].mod;
	}
	return NULL;
}

/*
 * True when s[0..len) is the title of a programme or a column rather than a
 * time: every word of it is a capitalized common time word ("This Week",
 * "Today", "60 Minutes") although it does not start a sentence (a letter or a
 * digit comes before it, quotes aside: ABC's "This Week", CBS's "60
 * Minutes", "This is VOA Today"). In running text these words are written in
 * lower case unless they start a sentence.
 */
static bool title_name(const char *s, size_t len, const tl_norm_context *c)
{
	/* clang-format off */
#define W(s) {s, sizeof s - 1}
	/* clang-format on */
	static const struct {
		const char *w;
		size_t n;
	} common[] = {W("this"),     W("last"),      W("next"),    W("today"),   W("tonight"),
	              W("tomorrow"), W("yesterday"), W("now"),     W("week"),    W("weekend"),
	              W("month"),    W("year"),      W("day"),     W("days"),    W("hour"),
	              W("hours"),    W("minute"),    W("minutes"), W("morning"), W("night")};
#undef W
	/* the (length, first letter) bits of the words above (tok_bit), to skip the
	 * list for nearly every capitalized word ("Monday", "January") */
#define B(n, c) (1ULL << (((n)*5 + (c)) & 63))
	static const unsigned long long common_bits =
	    B(4, 't') | B(4, 'l') | B(4, 'n') | B(5, 't') | B(7, 't') | B(8, 't') | B(9, 'y') |
	    B(3, 'n') | B(4, 'w') | B(7, 'w') | B(5, 'm') | B(4, 'y') | B(3, 'd') | B(4, 'd') |
	    B(4, 'h') | B(5, 'h') | B(6, 'm') | B(7, 'm') | B(7, 'm') | B(5, 'n');
#undef B
#ifndef NDEBUG
	for (size_t k = 0; k < sizeof common / sizeof common[0]; k++)
		assert(common_bits & tok_bit(common[k].n, common[k].w[0]));
#endif
	size_t words = 0;
	for (size_t i = 0; i < len;) {
		if (!is_letter(s[i])) {
			i++;
			continue;
		}
		if (s[i] < 'A' || s[i] > 'Z')
			return false; /* not capitalized */
		size_t j = i + 1;
		while (j < len && is_letter(s[j])) {
			if (s[j] < 'a' || s[j] > 'z')
				return false; /* a capital inside the word */
			j++;
		}
		if (!(common_bits & tok_bit(j - i, (char)(s[i] | 0x20))))
			return false;
		/* the word is a capital and lower-case letters: its tail compares as it is */
		bool known = false;
		for (size_t k = 0; k < sizeof common / sizeof common[0] && !known; k++)
			known = common[k].n == j - i && (s[i] | 0x20) == common[k].w[0] &&
			        s[i + 1] == common[k].w[1] &&
			        !memcmp(s + i + 1, common[k].w + 1, j - i - 1);
		if (!known)
			return false;
		words++;
		i = j;
	}
	if (words == 0 || !c->pre)
		return false;
	size_t i = c->pre_len;
	while (i > 0 && (c->pre[i - 1] == ' ' || c->pre[i - 1] == '"' || c->pre[i - 1] == '`' ||
	                 c->pre[i - 1] == '\''))
		i--;
	return i > 0 && (is_letter(c->pre[i - 1]) || is_dig(c->pre[i - 1]));
}

#ifndef NDEBUG
/* True when the year tl_norm_nearest_year() picks for month m, day d (0 for a whole
 * month) is the same for each tense of tenses[0..n). */
static bool same_year(tl_date dct, int m, int d, const int *tenses, size_t n)
{
	int y = tl_norm_nearest_year(dct, m, d, tenses[0]);
	for (size_t i = 1; i < n; i++)
		if (tl_norm_nearest_year(dct, m, d, tenses[i]) != y)
			return false;
	return true;
}

/* year_need() the slow way: by trying every tense on tl_norm_nearest_year(). */
static int year_need_tried(tl_date dct, int m, int d)
{
	static const int sentence[] = {-1, 0, 1}, but_will[] = {-2, -1, 0, 1, 2},
	                 all[] = {-2, -1, 0, 1, 2, 3};
	if (!same_year(dct, m, d, sentence, 3))
		return TL_TENSE_FULL;
	if (same_year(dct, m, d, all, 6))
		return TL_TENSE_NONE;
	return same_year(dct, m, d, but_will, 5) ? TL_TENSE_WILL : TL_TENSE_LOCAL;
}
#endif

/*
 * The need of a value that depends on the tense only through tl_norm_nearest_year()
 * for month m, day d (0 for a whole month). Read off that function's rules (debug
 * builds check it against trying every tense on it): with delta = m - dct's month,
 * a month more than MONTHS_BACK (7) behind is next year's unless the sentence is past
 * (the sentence decides); two or three ahead this year's but for a past cue ("met on
 * Nov. 10" in October): a cue decides; more than MONTHS_AHEAD (3) ahead last year's
 * unless "will" says otherwise; a day from seven months back up to the next month is
 * this year's, and after "will" next year's when it is already past.
 */
static int year_need(tl_date dct, int m, int d)
{
	int delta = m - dct.month, need;
	if (delta < -7)
		need = TL_TENSE_FULL;
	else if (delta > 3)
		need = TL_TENSE_WILL;
	else if (delta > 1)
		need = TL_TENSE_LOCAL;
	else if (tl_date_compare((tl_date){dct.year, m, d > 0 ? d : 1}, dct) < 0 &&
	         (delta < 0 || d > 0))
		need = TL_TENSE_WILL;
	else
		need = TL_TENSE_NONE;
	assert(need == year_need_tried(dct, m, d));
	return need;
}

/* True when a token of t is a weekday's name. */
static bool has_weekday(const toks *t)
{
	for (int i = 0; i < t->n; i++)
		if (!t->v[i].is_num && t->v[i].wday)
			return true;
	return false;
}

/*
 * The need of the day a weekday names (day_word() in norm_relative.c). After "last",
 * "next" and their like the word gives the direction: no tense. A bare weekday is the
 * article's day when it is that weekday (no tense), else the last one before it, or
 * in a future sentence the next one unless that is more than WEEKDAY_AHEAD_MAX (4)
 * days ahead, which only "will" keeps.
 */
static int weekday_need(const toks *t, tl_date dct)
{
	int at, dir = tl_norm_direction_word(t, &at);
	if (dir != 2)
		return (dir == -1 || dir == 1) && at >= 0 ? TL_TENSE_NONE : TL_TENSE_FULL;
	int wd = 0;
	for (int i = 0; i < t->n && !wd; i++)
		wd = t->v[i].is_num ? 0 : t->v[i].wday;
	if (!wd)
		return TL_TENSE_FULL;
	int ahead = (wd - tl_date_weekday(dct) + 7) % 7;
	return ahead == 0 ? TL_TENSE_NONE : ahead > 4 ? TL_TENSE_WILL : TL_TENSE_FULL;
}

int tl_norm_tense_need(int kind, const toks *t, const tl_norm_context *c)
{
	tl_date dct = c->dct;
	int m = 0, d = 0, mi = -1;
	switch (kind) {
	case TL_KIND_WEEKDAY:
		return weekday_need(t, dct);
	case TL_KIND_ANAPHOR:
		/* tl_norm_anaphor(): only "the weekend" is picked by the tense */
		for (int i = 0; i < t->n; i++)
			if (!t->v[i].is_num && t->v[i].unit == U_WEEKEND)
				return TL_TENSE_FULL;
		return TL_TENSE_NONE;
	case TL_KIND_PART_DAY:
		/* tl_norm_part_day(): the day a deictic word names needs no tense, a
		 * weekday's may */
		return has_weekday(t) ? weekday_need(t, dct) : TL_TENSE_NONE;
	case TL_KIND_TIME:
		/* tl_norm_time(): the day a month and day name (the year the tense
		 * picks), else a weekday's (the tense picks it), else the anchor, which a
		 * future sentence (tense > 0) turns down when it is before dct */
		for (int i = 0; i < t->n; i++)
			if (!t->v[i].is_num && t->v[i].month)
				mi = i;
		if (mi >= 0 && mi + 1 < t->n && t->v[mi + 1].is_num)
			return year_need(dct, t->v[mi].month, (int)t->v[mi + 1].num);
		if (has_weekday(t))
			return weekday_need(t, dct); /* the weekday's day, the anchor unread */
		return tl_date_compare(c->ref, dct) < 0 ? TL_TENSE_FULL : TL_TENSE_NONE;
	case TL_KIND_MONTH_DAY:
		/* the month and day as tl_norm_month_day() reads them; the tense only
		 * picks the year (tl_norm_nearest_year) */
		if (!tl_norm_read_month_day(t, &m, &d))
			return TL_TENSE_NONE; /* no value at all */
		return year_need(dct, m, d);
	case TL_KIND_MONTH:
		/* the month as tl_norm_month() reads it: the year is the tense's pick or
		 * one the span names ("June last year"), which needs none */
		for (int i = 0; i < t->n && !m; i++)
			if (!t->v[i].is_num)
				m = t->v[i].month;
		if (!m)
			return TL_TENSE_NONE;
		return year_need(dct, m, 0);
	default:
		return TL_TENSE_FULL;
	}
}

int tl_normalize_tokens(int kind, const char *s, size_t len, const toks *t,
                        const tl_norm_context *c, tl_timex *x)
{
	if (title_name(s, len, c))
		return TL_EINPUT;
	int rc = normalize_class(kind, s, len, t, c, x);
	if (rc == TL_OK && x->mod[0] == '\0' &&
	    (x->type == TL_TIMEX_DATE || x->type == TL_TIMEX_TIME) && x->value[0] >= '0' &&
	    x->value[0] <= '9') {
		const char *mod = preposition_mod(c);
		if (mod)
			tl_norm_set_mod(x, mod);
	}
	return rc;
}

bool tl_norm_ends_period(const tl_norm_context *c)
{
	static const char *const verbs[] = {"ended ", "ending "};
	if (c->ref_grain != TL_GRAIN_QUARTER || !c->pre)
		return false;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
		size_t n = strlen(verbs[i]);
		if (c->pre_len >= n && !memcmp(c->pre + c->pre_len - n, verbs[i], n) &&
		    (c->pre_len == n || !is_letter(c->pre[c->pre_len - n - 1])))
			return true;
	}
	return false;
}

int tl_normalize_span(int kind, const char *s, size_t len, const tl_norm_context *c, tl_timex *x)
{
	toks t;
	tl_norm_tokenize(s, len, &t);
	return tl_normalize_tokens(kind, s, len, &t, c, x);
}
