/*
 * tagger.c - the tagging stage's entry points: tl_tagger_new/free (the tagger
 * owns the recognizer, hence the compiled patterns, read-only after creation
 * and safe to share between threads, and the tagging workspaces of the threads
 * that tag with it: each run takes one and gives it back, so a thread's memo of
 * span tokens (norm_memo.c) and its recognizer scratch (candidate array and match
 * data) serve its next texts), tl_tagger_run (recognize, then
 * normalize each span in text order, carrying the anchor for anaphora, the
 * month for day ranges and a tense index (tense.c) that reads the text
 * between two spans once, and only as much of a span's tense as its value may
 * depend on: tl_norm_tense_need), the public tl_tag_text and, for a thread that
 * owns its workspace (public tl_tag_workspace_new/free), tl_tag_text_in. The timex
 * array it returns belongs to the caller.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "norm_memo.h"
#include "norm_words.h"
#include "normalize.h"
#include "recognize.h"
#include "tagger.h"
#include "tense.h"

struct tl_tag_workspace {
	tl_tok_memo *memo;
	tl_recognize_scratch *scan; /* made on the first run (it needs a recognizer) */
	tl_tag_workspace *next; /* in the tagger's list of idle workspaces */
};

/* The workspaces a tagger made for the threads that tag with it: one is taken for a
 * run and given back after it, so there are never more than threads tagging at once. */
typedef struct workspace_pool {
	pthread_mutex_t lock;
	tl_tag_workspace *idle;
} workspace_pool;

struct tl_tagger {
	tl_recognizer *recognizer;
	workspace_pool *pool; /* not const with the tagger: runs take and give back */
};

TL_EXPORT tl_tag_workspace *tl_tag_workspace_new(tl_error *err)
{
	tl_tag_workspace *ws = calloc(1, sizeof *ws);
	if (ws)
		ws->memo = tl_tok_memo_new(TL_TOK_MEMO_SETS);
	if (!ws || !ws->memo) {
		free(ws);
		tl_error_nomem(err);
		return NULL;
	}
	return ws;
}

TL_EXPORT void tl_tag_workspace_free(tl_tag_workspace *ws)
{
	if (!ws)
		return;
	tl_tok_memo_free(ws->memo);
	tl_recognize_scratch_free(ws->scan);
	free(ws);
}

TL_EXPORT tl_tagger *tl_tagger_new(tl_error *err)
{
	tl_tagger *t = calloc(1, sizeof *t);
	workspace_pool *pool = calloc(1, sizeof *pool);
	if (!t || !pool || pthread_mutex_init(&pool->lock, NULL) != 0) {
		free(pool);
		free(t);
		tl_error_nomem(err);
		return NULL;
	}
	t->pool = pool;
	t->recognizer = tl_recognizer_new(err);
	if (!t->recognizer) {
		tl_tagger_free(t);
		return NULL;
	}
	return t;
}

TL_EXPORT void tl_tagger_free(tl_tagger *tagger)
{
	if (!tagger)
		return;
	tl_recognizer_free(tagger->recognizer);
	while (tagger->pool->idle) {
		tl_tag_workspace *ws = tagger->pool->idle;
		tagger->pool->idle = ws->next;
		tl_tag_workspace_free(ws);
	}
	(void)pthread_mutex_destroy(&tagger->pool->lock); /* no thread holds it any more */
	free(tagger->pool);
	free(tagger);
}

/* An idle workspace of the tagger's, or a new one; NULL when none could be made (the
 * run then goes without: the same result, only slower). */
static tl_tag_workspace *workspace_take(const tl_tagger *tagger)
{
	workspace_pool *pool = tagger->pool;
	tl_tag_workspace *ws = NULL;
	if (pthread_mutex_lock(&pool->lock) != 0)
		return NULL;
	ws = pool->idle;
	if (ws)
		pool->idle = ws->next;
	(void)pthread_mutex_unlock(&pool->lock); /* cannot fail: this thread holds it */
	return ws ? ws : tl_tag_workspace_new(NULL);
}

/* Gives ws (from workspace_take) back to the tagger's idle list. */
static void workspace_give(const tl_tagger *tagger, tl_tag_workspace *ws)
{
	workspace_pool *pool = tagger->pool;
	if (!ws)
		return;
	if (pthread_mutex_lock(&pool->lock) != 0) {
		tl_tag_workspace_free(ws);
		return;
	}
	ws->next = pool->idle;
	pool->idle = ws;
	(void)pthread_mutex_unlock(&pool->lock); /* cannot fail: this thread holds it */
}

TL_EXPORT const char *tl_timex_type_name(tl_timex_type type)
{
	switch (type) {
	case TL_TIMEX_DATE:
		return "DATE";
	case TL_TIMEX_TIME:
		return "TIME";
	case TL_TIMEX_DURATION:
		return "DURATION";
	case TL_TIMEX_SET:
		return "SET";
	}
	return "DATE";
}

/* True when value stays inside the years 1..9999 that timeline.h promises. Relative
 * dates at the ends of the calendar ("tomorrow" on 9999-12-31, "last year" in year 1)
 * would give "10000-01-01" or "0000"; such spans are dropped instead. */
static bool value_in_calendar(const char *value)
{
	size_t digits = 0;
	while (value[digits] >= '0' && value[digits] <= '9')
		digits++;
	if (value[0] == '-' || digits > 4)
		return false;
	/* byte by byte, not strncmp(): called for every span (~45 instructions each) */
	return !(digits == 4 && value[0] == '0' && value[1] == '0' && value[2] == '0' &&
		 value[3] == '0');
}

static bool is_digit_char(char c)
{
	return c >= '0' && c <= '9';
}

/* The quarter, half or season of year y named by v[5..] ("Q1", "H2", "SP"... alone):
 * its first day and grain, as tl_value_interval() gives them. False for anything
 * else, and in the year 9999 (where the interval would end past the calendar). */
static bool year_part(int y, const char *v, tl_date *first, tl_grain *grain)
{
	if (y > 9998 || v[5] == '\0' || v[6] == '\0' || v[7] != '\0')
		return false;
	if ((v[5] == 'Q' && v[6] >= '1' && v[6] <= '4') ||
	    (v[5] == 'H' && v[6] >= '1' && v[6] <= '2')) {
		int span = v[5] == 'Q' ? 3 : 6;
		*first = (tl_date){y, (v[6] - '1') * span + 1, 1};
		*grain = v[5] == 'Q' ? TL_GRAIN_QUARTER : TL_GRAIN_HALF;
		return true;
	}
	static const char seasons[] = "SPSUFAWI";
	for (int i = 0; i < 4; i++) {
		if (v[5] == seasons[2 * i] && v[6] == seasons[2 * i + 1]) {
			*first = (tl_date){y, 3 + 3 * i, 1};
			*grain = TL_GRAIN_SEASON;
			return true;
		}
	}
	return false;
}

/* What tl_value_interval() gives for the commonest values, a valid "YYYY-MM-DD",
 * "YYYY-MM", "YYYY", a day's part or time "YYYY-MM-DDT..." and a quarter, half or
 * season "YYYY-Q1" (their first day and grain), without its general parse (~300
 * instructions a span). False for any other value (and for those whose interval
 * would end past 9999), which is then left to tl_value_interval(). */
static bool plain_value(const char *v, tl_date *first, tl_grain *grain)
{
	if (!is_digit_char(v[0]) || !is_digit_char(v[1]) || !is_digit_char(v[2]) ||
	    !is_digit_char(v[3]))
		return false;
	int y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
	if (y < 1)
		return false;
	if (v[4] == '\0') {
		if (y > 9998)
			return false;
		*first = (tl_date){y, 1, 1};
		*grain = TL_GRAIN_YEAR;
		return true;
	}
	if (v[4] != '-')
		return false;
	if (!is_digit_char(v[5]))
		return year_part(y, v, first, grain);
	if (!is_digit_char(v[6]))
		return false;
	int m = (v[5] - '0') * 10 + (v[6] - '0');
	if (m < 1 || m > 12)
		return false;
	if (v[7] == '\0') {
		if (y == 9999 && m == 12)
			return false;
		*first = (tl_date){y, m, 1};
		*grain = TL_GRAIN_MONTH;
		return true;
	}
	if (v[7] != '-' || !is_digit_char(v[8]) || !is_digit_char(v[9]) ||
	    (v[10] != '\0' && v[10] != 'T'))
		return false;
	tl_date d = {y, m, (v[8] - '0') * 10 + (v[9] - '0')};
	if (!tl_date_valid(d) || (y == 9999 && m == 12 && d.day == 31))
		return false;
	*first = d;
	/* "2025-06-11TEV", "2025-06-11T15:00": a part of the day or a time of it */
	*grain = v[10] == '\0'                ? TL_GRAIN_DAY
	         : strchr(v + 11, ':') != NULL ? TL_GRAIN_TIME
	                                       : TL_GRAIN_PART_OF_DAY;
	return true;
}

/* The Monday of week 1 of the last ISO year a week value named: an article's weeks
 * are mostly of one year, and finding it costs ~450 instructions (libical). */
typedef struct week_memo {
	int year; /* 0: none yet */
	tl_date monday1;
} week_memo;

/* What tl_value_interval() gives for a week value "YYYY-Www", "YYYY-Www-WE" or
 * "YYYY-Www-D" of weeks 1 to 52 (which every ISO year has) in the years 1000 to 9000:
 * its first day and grain. False for any other value, which is then left to
 * tl_value_interval(). Debug builds check each answer against it. */
static bool week_value(const char *v, week_memo *m, tl_date *first, tl_grain *grain)
{
	for (int i = 0; i < 4; i++)
		if (!is_digit_char(v[i]))
			return false;
	if (v[4] != '-' || v[5] != 'W' || !is_digit_char(v[6]) || !is_digit_char(v[7]))
		return false;
	int y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
	int w = (v[6] - '0') * 10 + (v[7] - '0');
	if (y < 1000 || y > 9000 || w < 1 || w > 52)
		return false;
	int from; /* the first day's offset from the Monday, and the interval's length */
	tl_grain g;
	if (v[8] == '\0') {
		from = 0;
		g = TL_GRAIN_WEEK;
	} else if (v[8] == '-' && v[9] == 'W' && v[10] == 'E' && v[11] == '\0') {
		from = 5;
		g = TL_GRAIN_WEEKEND;
	} else if (v[8] == '-' && v[9] >= '1' && v[9] <= '7' && v[10] == '\0') {
		from = v[9] - '1';
		g = TL_GRAIN_DAY;
	} else {
		return false;
	}
	if (m->year != y) {
		tl_date jan4 = {y, 1, 4};
		m->monday1 = tl_date_add_days(jan4, 1 - tl_date_weekday(jan4));
		m->year = y;
	}
	*first = tl_date_add_days(m->monday1, (w - 1) * 7 + from);
	*grain = g;
#ifndef NDEBUG
	tl_date f2;
	tl_grain g2;
	assert(tl_value_interval(v, &f2, NULL, &g2) == TL_OK && g2 == g &&
	       tl_date_compare(f2, *first) == 0);
#endif
	return true;
}

/* A value that names a calendar position becomes the anchor of later anaphora. */
static void update_anchor(tl_norm_context *c, const tl_timex *t, week_memo *weeks)
{
	tl_date first;
	tl_grain g;
	/* "the (first) nine months" after a quarter: the year to date, so a following
	 * "a year earlier" compares years, not quarters */
	if (t->type == TL_TIMEX_DURATION && c->ref_grain == TL_GRAIN_QUARTER &&
	    !strcmp(t->value, "P9M"))
		c->ref_grain = TL_GRAIN_YEAR;
	if (t->type != TL_TIMEX_DATE && t->type != TL_TIMEX_TIME)
		return;
	if (!plain_value(t->value, &first, &g) && !week_value(t->value, weeks, &first, &g) &&
	    tl_value_interval(t->value, &first, NULL, &g) != TL_OK)
		return;
	if (g < TL_GRAIN_YEAR)
		return;
	c->ref = first;
	c->ref_grain = g;
	if (g >= TL_GRAIN_DAY) {
		c->prev_year = first.year;
		c->prev_month = first.month;
	}
}

/* Only these classes are resolved differently in past and future sentences. */
static bool needs_tense(int kind)
{
	switch (kind) {
	case TL_KIND_TIME:
	case TL_KIND_MONTH_DAY:
	case TL_KIND_QUARTER:
	case TL_KIND_SEASON:
	case TL_KIND_PART_DAY:
	case TL_KIND_WEEKDAY:
	case TL_KIND_MONTH:
	case TL_KIND_ANAPHOR:
	case TL_KIND_HOLIDAY:
		return true;
	default:
		return false;
	}
}

/* "Tuesday, Aug. 4, 1998": the weekday names the date that follows it. */
static void name_the_day(const char *clean, tl_timex *t, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (t[i].grain != TL_GRAIN_DAY || t[i + 1].grain != TL_GRAIN_DAY ||
		    t[i + 1].start != t[i].end + 2 || clean[t[i].end] != ',')
			continue;
		char c = clean[t[i].start];
		if (c < 'A' || c > 'Z' || t[i].end - t[i].start > 9)
			continue; /* a capitalized single word: the weekday */
		memcpy(t[i].value, t[i + 1].value, sizeof t[i].value);
	}
}

#ifndef NDEBUG
/* Checks in debug builds that the tense tl_norm_tense_need() let the tagger leave
 * unread changes nothing: the span normalized with the full tense gives what it gave
 * (rc, *got) with the tense read only as far as that asked. */
static void assert_tense_spared(int kind, const char *s, size_t len, const toks *tk,
                                const tl_norm_context *c, const tl_timex *got, int rc,
                                int full)
{
	tl_norm_context fc = *c;
	fc.tense = full;
	tl_timex x;
	memset(&x, 0, sizeof x);
	int frc = tl_normalize_tokens(kind, s, len, tk, &fc, &x);
	assert(frc == rc);
	assert(rc != TL_OK || (x.type == got->type && x.grain == got->grain &&
	                       !strcmp(x.value, got->value) && !strcmp(x.mod, got->mod) &&
	                       !strcmp(x.quant, got->quant) && !strcmp(x.freq, got->freq)));
	(void)frc;
}
#endif

void tl_tagger_carry_init(tl_tagger_carry *carry, tl_date dct)
{
	*carry = (tl_tagger_carry){dct, dct, TL_GRAIN_DAY, 0, 0};
}

int tl_tagger_run(const tl_tagger *tagger, const char *clean, size_t len, tl_date dct,
                  tl_timex **out, size_t *count, tl_error *err)
{
	tl_tagger_carry carry;
	tl_tagger_carry_init(&carry, dct);
	return tl_tagger_run_part(tagger, clean, len, 0, len, &carry, out, count, err);
}

int tl_tagger_run_part(const tl_tagger *tagger, const char *clean, size_t len, size_t from,
		       size_t to, tl_tagger_carry *carry, tl_timex **out, size_t *count,
		       tl_error *err)
{
	if (!tagger)
		return tl_tagger_run_part_in(tagger, NULL, clean, len, from, to, carry, out, count,
		                             err);
	tl_tag_workspace *ws = workspace_take(tagger);
	int rc = tl_tagger_run_part_in(tagger, ws, clean, len, from, to, carry, out, count, err);
	workspace_give(tagger, ws);
	return rc;
}

int tl_tagger_run_part_in(const tl_tagger *tagger, tl_tag_workspace *ws, const char *clean,
                          size_t len, size_t from, size_t to, tl_tagger_carry *carry,
                          tl_timex **out, size_t *count, tl_error *err)
{
	*out = NULL;
	*count = 0;
	if (!tagger || (!clean && len) || !carry || from > to || to > len)
		return tl_error_set(err, TL_EUSAGE, "tagger: no tagger or no text given");
	tl_date dct = carry->dct;
	if (!tl_date_valid(dct))
		return tl_error_set(err, TL_EDATE,
		                    "tagger: the article date %04d-%02d-%02d is "
		                    "not a calendar day",
		                    dct.year, dct.month, dct.day);
	/* the candidates: in the workspace's scratch (no allocation once it is made), else
	 * in an array of their own */
	tl_candidate *owned = NULL;
	const tl_candidate *cands = NULL;
	size_t n = 0;
	int rc;
	if (ws && !ws->scan)
		ws->scan = tl_recognize_scratch_new(tagger->recognizer, NULL);
	if (ws && ws->scan) {
		rc = tl_recognize_run_in(tagger->recognizer, ws->scan, clean, len, &cands, &n, err);
	} else {
		rc = tl_recognize_run(tagger->recognizer, clean, len, &owned, &n, err);
		cands = owned;
	}
	if (rc != TL_OK)
		return rc;
	if (n == 0) {
		free(owned);
		return TL_OK;
	}
	/* Not calloc(): zeroing every candidate's slot cost ~3,800 instructions per article.
	 * A slot is zeroed when first used instead (a rejected candidate's slot is reused),
	 * so the bytes past each string's NUL are as deterministic as before. */
	tl_timex *res = n <= SIZE_MAX / sizeof *res ? malloc(n * sizeof *res) : NULL;
	if (!res) {
		free(owned);
		return tl_error_nomem(err);
	}
	tl_tense_index tense; /* no memory: it cannot fail */
	tl_tense_index_init(&tense, clean, len);
	tl_norm_context c = {dct, carry->ref, carry->ref_grain, 0, carry->prev_month,
			     carry->prev_year, NULL, 0, NULL, 0};
	size_t k = 0, zeroed = 0;
	toks tk; /* the tokens of the span at hand */
	week_memo weeks = {0, {0, 0, 0}};
	for (size_t i = 0; i < n; i++) {
		/* the context around a part: its spans were or will be read with their own */
		if (cands[i].start < from || cands[i].start >= to)
			continue;
		tl_timex *t = &res[k];
		if (k == zeroed) {
			memset(t, 0, sizeof *t);
			zeroed++;
		}
		const char *span = clean + cands[i].start;
		size_t span_len = cands[i].end - cands[i].start;
		tl_tok_memo_tokenize(ws ? ws->memo : NULL, span, span_len, &tk);
		/* the tense, as far as the value may depend on it: most days and months
		 * without a year need no more than the cue right before them */
		int need = needs_tense(cands[i].kind) ? tl_norm_tense_need(cands[i].kind, &tk, &c)
		                                      : TL_TENSE_NONE;
		c.tense = need == TL_TENSE_FULL
		              ? tl_tense_index_at(&tense, cands[i].start, cands[i].end)
		          : need == TL_TENSE_LOCAL
		              ? tl_tense_index_local(&tense, cands[i].start, cands[i].end)
		          : need == TL_TENSE_WILL
		              ? tl_tense_index_will(&tense, cands[i].start, cands[i].end)
		              : 0;
		if (cands[i].kind != TL_KIND_RANGE_DAY)
			c.prev_month = 0;
		c.pre_len = cands[i].start < 16 ? cands[i].start : 16;
		c.pre = clean + cands[i].start - c.pre_len;
		c.post = clean + cands[i].end;
		c.post_len = len - cands[i].end < 16 ? len - cands[i].end : 16;
		int rc_norm = tl_normalize_tokens(cands[i].kind, span, span_len, &tk, &c, t);
#ifndef NDEBUG
		if (need != TL_TENSE_FULL)
			assert_tense_spared(cands[i].kind, span, span_len, &tk, &c, t, rc_norm,
			                    tl_tense_scan(clean, len, cands[i].start, cands[i].end));
#endif
		if (rc_norm != TL_OK || !value_in_calendar(t->value))
			continue;
		t->start = cands[i].start;
		t->end = cands[i].end;
		/* "a year earlier", "year-earlier" compare with the anchor; they do not move it */
		if (!((cands[i].kind == TL_KIND_AGO || cands[i].kind == TL_KIND_ANAPHOR) &&
		      (t->grain == TL_GRAIN_QUARTER || t->grain == TL_GRAIN_YEAR)) &&
		    !tl_norm_ends_period(&c))
			update_anchor(&c, t, &weeks);
		k++;
	}
	free(owned);
	carry->ref = c.ref;
	carry->ref_grain = c.ref_grain;
	carry->prev_month = c.prev_month;
	carry->prev_year = c.prev_year;
	name_the_day(clean, res, k);
	if (k == 0) {
		free(res);
		return TL_OK;
	}
	*out = res;
	*count = k;
	return TL_OK;
}

TL_EXPORT int tl_tag_text(const tl_tagger *tagger, const char *text, size_t len, tl_date dct,
                          tl_timex **out, size_t *count, tl_error *err)
{
	return tl_tagger_run(tagger, text, len, dct, out, count, err);
}

TL_EXPORT int tl_tag_text_in(const tl_tagger *tagger, tl_tag_workspace *ws, const char *text,
                             size_t len, tl_date dct, tl_timex **out, size_t *count,
                             tl_error *err)
{
	if (!ws)
		return tl_tagger_run(tagger, text, len, dct, out, count, err);
	tl_tagger_carry carry;
	tl_tagger_carry_init(&carry, dct);
	return tl_tagger_run_part_in(tagger, ws, text, len, 0, len, &carry, out, count, err);
}
