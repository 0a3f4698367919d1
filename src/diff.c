/*
 * diff.c - matching the events of two timelines, and what is built on that
 * matching: the diff report (text, JSON, CSV) and --previous
 * (tl_timeline_apply_previous). Events are matched by id first; the rest are
 * paired greedily, best score first, when their dates nest (one interval
 * within the other, as the merge requires) and their actors, keywords and
 * title words overlap. A tl_diff owns deep copies of the events it reports
 * (their mentions owned, copied out of a timeline's pool when they were
 * pooled), so it stays valid after the timelines are freed. No clock, no locale.
 * Timelines are read back by json_model.c.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "event.h"
#include "export.h"
#include "extract.h"
#include "json_read.h"

/* ## Matching events */

static bool placed(const tl_event *e)
{
	return e->grain != TL_GRAIN_NONE && e->first.year > 0 &&
	       tl_date_compare(e->first, e->end_date) < 0;
}

/* An event's calendar interval in day numbers, computed once per event so
 * that comparing all pairs stays cheap. */
typedef struct span {
	long first, end;
	bool placed;
} span;

static span event_span(const tl_event *e)
{
	tl_date first, end;
	tl_grain grain;
	span s = {0, 0, false};
	if (tl_extract_interval(e->value, &first, &end, &grain) == TL_OK) {
		s.first = tl_extract_day_number(first);
		s.end = tl_extract_day_number(end);
		s.placed = s.first < s.end;
	}
	return s;
}

/* Compatible dates, by the merge's rule (tl_merge_values_compatible): one
 * interval within the other; equal values when either has no calendar
 * position. */
static bool dates_nest(const tl_event *a, span sa, const tl_event *b, span sb)
{
	if (!sa.placed || !sb.placed)
		return strcmp(a->value, b->value) == 0;
	return (sa.first <= sb.first && sb.end <= sa.end) ||
	       (sb.first <= sa.first && sa.end <= sb.end);
}

/* The lower-cased content tokens of an event: actors, keywords, title words. */
typedef struct tokens {
	char **items;
	size_t count;
} tokens;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool stop_word(const char *w)
{
	static const char *const stop[] = {"about", "after", "and", "are", "but", "for", "from",
		"has", "have", "into", "its", "new", "not", "over", "said", "says", "than",
		"that", "the", "their", "this", "was", "were", "will", "with"};
	for (size_t i = 0; i < sizeof stop / sizeof stop[0]; i++)
		if (strcmp(w, stop[i]) == 0)
			return true;
	return false;
}

static int push_token(tokens *t, size_t *cap, const char *s, size_t n)
{
	if (n < 3)
		return TL_OK;
	char **items = tl_array_grow(t->items, cap, t->count, 16, sizeof *items);
	if (!items)
		return TL_ENOMEM;
	t->items = items;
	char *w = malloc(n + 1);
	if (!w)
		return TL_ENOMEM;
	for (size_t i = 0; i < n; i++)
		w[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
	w[n] = '\0';
	if (stop_word(w)) {
		free(w);
		return TL_OK;
	}
	t->items[t->count++] = w;
	return TL_OK;
}

static void tokens_free(tokens *t)
{
	for (size_t i = 0; i < t->count; i++)
		free(t->items[i]);
	free(t->items);
	t->items = NULL;
	t->count = 0;
}

static bool word_byte(char c)
{
	char lower = (char)(c | 0x20);
	return (lower >= 'a' && lower <= 'z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

static int event_tokens(const tl_event *e, tokens *t)
{
	size_t cap = 0;
	int rc = TL_OK;
	for (size_t i = 0; i < e->actors.count && rc == TL_OK; i++)
		rc = push_token(t, &cap, e->actors.items[i], strlen(e->actors.items[i]));
	for (size_t i = 0; i < e->keywords.count && rc == TL_OK; i++)
		rc = push_token(t, &cap, e->keywords.items[i], strlen(e->keywords.items[i]));
	const char *s = e->title ? e->title : "";
	while (*s && rc == TL_OK) {
		size_t n = 0;
		while (s[n] && word_byte(s[n]))
			n++;
		rc = push_token(t, &cap, s, n);
		s += n ? n : 1;
	}
	if (rc != TL_OK)
		return rc;
	if (t->count)
		qsort(t->items, t->count, sizeof *t->items, cmp_str);
	size_t k = 0; /* unique */
	for (size_t i = 0; i < t->count; i++) {
		if (k && strcmp(t->items[k - 1], t->items[i]) == 0)
			free(t->items[i]);
		else
			t->items[k++] = t->items[i];
	}
	t->count = k;
	return TL_OK;
}

static size_t shared_tokens(const tokens *a, const tokens *b)
{
	size_t i = 0, j = 0, n = 0;
	while (i < a->count && j < b->count) {
		int c = strcmp(a->items[i], b->items[j]);
		if (c == 0)
			n++;
		i += c <= 0;
		j += c >= 0;
	}
	return n;
}

typedef struct candidate {
	size_t old_i, new_i;
	unsigned score; /* overlap in thousandths, +1000 for the same value */
} candidate;

static int cmp_candidate(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->old_i != y->old_i)
		return x->old_i < y->old_i ? -1 : 1;
	return (x->new_i > y->new_i) - (x->new_i < y->new_i);
}

static int cmp_id_index(const void *a, const void *b, const tl_event *events)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(events[x].id, events[y].id);
	return c ? c : (x > y) - (x < y);
}

/* qsort has no context argument: sort indices by id with a small insertion-free
 * merge sort instead. */
static void sort_by_id(size_t *idx, size_t *tmp, size_t n, const tl_event *events)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	sort_by_id(idx, tmp, h, events);
	sort_by_id(idx + h, tmp, n - h, events);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = cmp_id_index(&idx[i], &idx[j], events) <= 0 ? idx[i++] : idx[j++];
	while (i < h)
		tmp[k++] = idx[i++];
	while (j < n)
		tmp[k++] = idx[j++];
	memcpy(idx, tmp, n * sizeof *idx);
}

static size_t *id_order(const tl_timeline *t)
{
	size_t n = t->n_events;
	size_t *idx = malloc((n ? n : 1) * sizeof *idx), *tmp = malloc((n ? n : 1) * sizeof *tmp);
	if (!idx || !tmp) {
		free(idx);
		free(tmp);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	sort_by_id(idx, tmp, n, t->events);
	free(tmp);
	return idx;
}

/* Pairs by id: walks both id-sorted index lists. */
static int match_by_id(const tl_timeline *a, const tl_timeline *b, size_t *a_to_b, size_t *b_to_a)
{
	size_t *ia = id_order(a), *ib = id_order(b);
	int rc = ia && ib ? TL_OK : TL_ENOMEM;
	for (size_t i = 0, j = 0; rc == TL_OK && i < a->n_events && j < b->n_events;) {
		int c = strcmp(a->events[ia[i]].id, b->events[ib[j]].id);
		if (c == 0) {
			a_to_b[ia[i]] = ib[j];
			b_to_a[ib[j]] = ia[i];
		}
		i += c <= 0;
		j += c >= 0;
	}
	free(ia);
	free(ib);
	return rc;
}

/* Events of a that match no b event by id are paired with unmatched b events
 * whose dates nest and whose content overlaps, best score first. */
static int match_by_content(const tl_timeline *a, const tl_timeline *b, size_t *a_to_b,
			    size_t *b_to_a)
{
	tokens *ta = calloc(a->n_events + 1, sizeof *ta), *tb = calloc(b->n_events + 1, sizeof *tb);
	span *sa = malloc((a->n_events + 1) * sizeof *sa);
	span *sb = malloc((b->n_events + 1) * sizeof *sb);
	candidate *cands = NULL;
	size_t n = 0, cap = 0;
	int rc = ta && tb && sa && sb ? TL_OK : TL_ENOMEM;
	for (size_t i = 0; rc == TL_OK && i < a->n_events; i++)
		sa[i] = event_span(&a->events[i]);
	for (size_t j = 0; rc == TL_OK && j < b->n_events; j++)
		sb[j] = event_span(&b->events[j]);
	for (size_t i = 0; rc == TL_OK && i < a->n_events; i++)
		if (a_to_b[i] == SIZE_MAX)
			rc = event_tokens(&a->events[i], &ta[i]);
	for (size_t j = 0; rc == TL_OK && j < b->n_events; j++)
		if (b_to_a[j] == SIZE_MAX)
			rc = event_tokens(&b->events[j], &tb[j]);
	for (size_t i = 0; rc == TL_OK && i < a->n_events; i++) {
		if (a_to_b[i] != SIZE_MAX)
			continue;
		for (size_t j = 0; rc == TL_OK && j < b->n_events; j++) {
			const tl_event *x = &a->events[i], *y = &b->events[j];
			if (b_to_a[j] != SIZE_MAX || !dates_nest(x, sa[i], y, sb[j]))
				continue;
			size_t shared = shared_tokens(&ta[i], &tb[j]);
			size_t small = ta[i].count < tb[j].count ? ta[i].count : tb[j].count;
			bool same_value = strcmp(x->value, y->value) == 0;
			/* overlap coefficient: at least half of the smaller side, or a
			 * third with the same date value */
			if (!shared || shared * 1000 / small < (same_value ? 334u : 500u))
				continue;
			candidate *c = tl_array_grow(cands, &cap, n, 64, sizeof *c);
			if (!c) {
				rc = TL_ENOMEM;
				break;
			}
			cands = c;
			cands[n++] = (candidate){i, j, (unsigned)(shared * 1000 / small) +
						 (same_value ? 1000u : 0u)};
		}
	}
	if (rc == TL_OK && n) {
		qsort(cands, n, sizeof *cands, cmp_candidate);
		for (size_t k = 0; k < n; k++) {
			size_t i = cands[k].old_i, j = cands[k].new_i;
			if (a_to_b[i] == SIZE_MAX && b_to_a[j] == SIZE_MAX) {
				a_to_b[i] = j;
				b_to_a[j] = i;
			}
		}
	}
	for (size_t i = 0; ta && i < a->n_events; i++)
		tokens_free(&ta[i]);
	for (size_t j = 0; tb && j < b->n_events; j++)
		tokens_free(&tb[j]);
	free(ta);
	free(tb);
	free(sa);
	free(sb);
	free(cands);
	return rc;
}

/* Fills a_to_b / b_to_a (SIZE_MAX: unmatched). Caller frees both. */
static int match_events(const tl_timeline *a, const tl_timeline *b, size_t **a_to_b,
			size_t **b_to_a)
{
	*a_to_b = malloc((a->n_events + 1) * sizeof **a_to_b);
	*b_to_a = malloc((b->n_events + 1) * sizeof **b_to_a);
	if (!*a_to_b || !*b_to_a)
		return TL_ENOMEM;
	for (size_t i = 0; i < a->n_events; i++)
		(*a_to_b)[i] = SIZE_MAX;
	for (size_t j = 0; j < b->n_events; j++)
		(*b_to_a)[j] = SIZE_MAX;
	int rc = match_by_id(a, b, *a_to_b, *b_to_a);
	if (rc == TL_OK)
		rc = match_by_content(a, b, *a_to_b, *b_to_a);
	return rc;
}

/* ## What changed */

enum { CHANGE_DATE = 1, CHANGE_TITLE = 2, CHANGE_SOURCES = 4, CHANGE_CONFLICT = 8 };
static const char *const change_names[] = {"date", "title", "sources", "conflict"};

static int cmp_doc_ptr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The sorted, unique document ids of an event's mentions (pointers borrowed). */
static const char **event_docs(const tl_event *e, size_t *n)
{
	const char **docs = malloc((e->n_mentions + 1) * sizeof *docs);
	if (!docs)
		return NULL;
	for (size_t i = 0; i < e->n_mentions; i++) {
		tl_mention scratch;
		docs[i] = tl_event_mention(e, i, &scratch)->doc; /* not in scratch */
	}
	qsort(docs, e->n_mentions, sizeof *docs, cmp_doc_ptr);
	size_t k = 0;
	for (size_t i = 0; i < e->n_mentions; i++)
		if (!k || strcmp(docs[k - 1], docs[i]) != 0)
			docs[k++] = docs[i];
	*n = k;
	return docs;
}

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Bit set of CHANGE_*; -1 when out of memory. */
static int event_changes(const tl_event *o, const tl_event *n)
{
	int what = 0;
	if (strcmp(o->value, n->value) != 0 || strcmp(o->mod, n->mod) != 0)
		what |= CHANGE_DATE;
	if (!same_text(o->title, n->title))
		what |= CHANGE_TITLE;
	if (!same_text(o->conflict, n->conflict))
		what |= CHANGE_CONFLICT;
	size_t no, nn;
	const char **d_old = event_docs(o, &no), **d_new = event_docs(n, &nn);
	if (!d_old || !d_new) {
		what = -1;
	} else if (no != nn) {
		what |= CHANGE_SOURCES;
	} else {
		for (size_t i = 0; i < no; i++)
			if (strcmp(d_old[i], d_new[i]) != 0)
				what |= CHANGE_SOURCES;
	}
	free(d_old);
	free(d_new);
	return what;
}

/* ## --previous */

static int cmp_event_order(const void *a, const void *b)
{
	const tl_event *x = a, *y = b;
	int c = tl_date_compare(x->first, y->first);
	if (!c)
		c = strcmp(x->value, y->value);
	return c ? c : strcmp(x->id, y->id);
}

TL_EXPORT int tl_timeline_apply_previous(tl_timeline *timeline, const tl_timeline *previous,
					 tl_error *err)
{
	if (!timeline || !previous)
		return tl_error_set(err, TL_EUSAGE, "--previous: no timeline given");
	size_t *to_prev = NULL, *from_prev = NULL;
	int rc = match_events(timeline, previous, &to_prev, &from_prev);
	for (size_t i = 0; rc == TL_OK && i < timeline->n_events; i++) {
		if (to_prev[i] == SIZE_MAX)
			continue;
		tl_event *e = &timeline->events[i];
		const tl_event *p = &previous->events[to_prev[i]];
		int what = event_changes(p, e);
		if (what < 0) {
			rc = TL_ENOMEM;
			break;
		}
		memcpy(e->id, p->id, sizeof e->id);
		e->sequence = what && p->sequence < INT32_MAX ? p->sequence + 1 : p->sequence;
	}
	free(to_prev);
	free(from_prev);
	if (rc != TL_OK)
		return tl_error_nomem(err);
	if (timeline->n_events > 1)
		qsort(timeline->events, timeline->n_events, sizeof *timeline->events,
		      cmp_event_order);
	return TL_OK;
}

/* ## The diff */

typedef struct diff_entry {
	char kind;       /* '+', '-', '~' */
	int what;        /* CHANGE_* for '~' */
	tl_event *old_e; /* owned copies; NULL when absent */
	tl_event *new_e;
} diff_entry;

struct tl_diff {
	diff_entry *entries; /* removed (old order), added (new order), changed (new order) */
	size_t count;
};

static int copy_str(char **dst, const char *src)
{
	*dst = NULL;
	if (!src)
		return TL_OK;
	*dst = strdup(src);
	return *dst ? TL_OK : TL_ENOMEM;
}

static int copy_strings(tl_strings *dst, const tl_strings *src)
{
	dst->items = NULL;
	dst->count = 0;
	if (!src->count)
		return TL_OK;
	if (!(dst->items = calloc(src->count, sizeof *dst->items)))
		return TL_ENOMEM;
	for (size_t i = 0; i < src->count; i++) {
		if (copy_str(&dst->items[i], src->items[i]) != TL_OK)
			return TL_ENOMEM;
		dst->count++;
	}
	return TL_OK;
}

static int copy_mention(tl_mention *d, const tl_mention *s)
{
	*d = *s;
	d->pooled = false; /* the copy owns its strings */
	d->doc = d->source = d->url = d->text = d->sentence = d->title = NULL;
	d->actors = d->keywords = d->figures = (tl_strings){NULL, 0};
	int rc = copy_str(&d->doc, s->doc);
	rc |= copy_str(&d->source, s->source);
	rc |= copy_str(&d->url, s->url);
	rc |= copy_str(&d->text, s->text);
	rc |= copy_str(&d->sentence, s->sentence);
	rc |= copy_str(&d->title, s->title);
	rc |= copy_strings(&d->actors, &s->actors);
	rc |= copy_strings(&d->keywords, &s->keywords);
	rc |= copy_strings(&d->figures, &s->figures);
	return rc ? TL_ENOMEM : TL_OK;
}

/* A deep copy of e in new storage; NULL when out of memory. */
static tl_event *copy_event(const tl_event *e)
{
	tl_event *c = malloc(sizeof *c);
	if (!c)
		return NULL;
	*c = *e;
	c->title = c->conflict = NULL;
	c->actors = c->keywords = (tl_strings){NULL, 0};
	c->mentions = NULL;
	c->refs = NULL;
	c->n_mentions = 0;
	int rc = copy_str(&c->title, e->title);
	rc |= copy_str(&c->conflict, e->conflict);
	rc |= copy_strings(&c->actors, &e->actors);
	rc |= copy_strings(&c->keywords, &e->keywords);
	if (rc == TL_OK && e->n_mentions) {
		c->mentions = calloc(e->n_mentions, sizeof *c->mentions);
		for (size_t i = 0; c->mentions && i < e->n_mentions && rc == TL_OK; i++) {
			tl_mention scratch;
			rc = copy_mention(&c->mentions[i], tl_event_mention(e, i, &scratch));
			c->n_mentions++;
		}
		if (!c->mentions)
			rc = TL_ENOMEM;
	}
	if (rc != TL_OK) {
		tl_event_free_fields(c);
		free(c);
		return NULL;
	}
	return c;
}

static void free_event_copy(tl_event *e)
{
	if (e) {
		tl_event_free_fields(e);
		free(e);
	}
}

TL_EXPORT void tl_diff_free(tl_diff *diff)
{
	if (!diff)
		return;
	for (size_t i = 0; i < diff->count; i++) {
		free_event_copy(diff->entries[i].old_e);
		free_event_copy(diff->entries[i].new_e);
	}
	free(diff->entries);
	free(diff);
}

static int add_entry(tl_diff *d, char kind, int what, const tl_event *o, const tl_event *n)
{
	diff_entry *e = &d->entries[d->count];
	*e = (diff_entry){kind, what, NULL, NULL};
	if ((o && !(e->old_e = copy_event(o))) || (n && !(e->new_e = copy_event(n)))) {
		free_event_copy(e->old_e);
		return TL_ENOMEM;
	}
	d->count++;
	return TL_OK;
}

TL_EXPORT tl_diff *tl_diff_new(const tl_timeline *old_t, const tl_timeline *new_t, tl_error *err)
{
	if (!old_t || !new_t) {
		tl_error_set(err, TL_EUSAGE, "diff: two timelines are needed");
		return NULL;
	}
	size_t *o2n = NULL, *n2o = NULL;
	tl_diff *d = calloc(1, sizeof *d);
	int rc = d ? match_events(old_t, new_t, &o2n, &n2o) : TL_ENOMEM;
	if (rc == TL_OK && !(d->entries = calloc(old_t->n_events + new_t->n_events + 1,
						   sizeof *d->entries)))
		rc = TL_ENOMEM;
	for (size_t i = 0; rc == TL_OK && i < old_t->n_events; i++)
		if (o2n[i] == SIZE_MAX)
			rc = add_entry(d, '-', 0, &old_t->events[i], NULL);
	for (size_t j = 0; rc == TL_OK && j < new_t->n_events; j++)
		if (n2o[j] == SIZE_MAX)
			rc = add_entry(d, '+', 0, NULL, &new_t->events[j]);
	for (size_t j = 0; rc == TL_OK && j < new_t->n_events; j++) {
		if (n2o[j] == SIZE_MAX)
			continue;
		const tl_event *o = &old_t->events[n2o[j]], *n = &new_t->events[j];
		int what = event_changes(o, n);
		if (what < 0)
			rc = TL_ENOMEM;
		else if (what)
			rc = add_entry(d, '~', what, o, n);
	}
	free(o2n);
	free(n2o);
	if (rc != TL_OK) {
		tl_diff_free(d);
		tl_error_nomem(err);
		return NULL;
	}
	return d;
}

TL_EXPORT size_t tl_diff_count(const tl_diff *diff)
{
	return diff ? diff->count : 0;
}

/* ## Writing the report */

static const tl_event *entry_event(const diff_entry *e)
{
	return e->new_e ? e->new_e : e->old_e;
}

static int cmp_entry_date(const void *a, const void *b)
{
	const diff_entry *x = *(const diff_entry *const *)a, *y = *(const diff_entry *const *)b;
	int c = cmp_event_order(entry_event(x), entry_event(y));
	if (c)
		return c;
	return (x->kind > y->kind) - (x->kind < y->kind);
}

static void put_docs_delta(tl_buf *b, int *rc, const tl_event *from, const tl_event *to,
			   char sign)
{
	size_t nf, nt;
	const char **df = event_docs(from, &nf), **dt = event_docs(to, &nt);
	if (!df || !dt) {
		*rc |= TL_ENOMEM;
	} else {
		for (size_t i = 0; i < nt; i++) {
			if (!bsearch(&dt[i], df, nf, sizeof *df, cmp_doc_ptr))
				*rc |= tl_buf_printf(b, " %c%s", sign, dt[i]);
		}
	}
	free(df);
	free(dt);
}

static const char *precision_word(const tl_event *o, const tl_event *n)
{
	if (placed(o) && placed(n)) {
		bool n_in_o = tl_date_compare(o->first, n->first) <= 0 &&
			      tl_date_compare(n->end_date, o->end_date) <= 0;
		bool o_in_n = tl_date_compare(n->first, o->first) <= 0 &&
			      tl_date_compare(o->end_date, n->end_date) <= 0;
		if (n_in_o && !o_in_n)
			return "more precise";
		if (o_in_n && !n_in_o)
			return "less precise";
		if (n_in_o && o_in_n)
			return "same days";
	}
	return "moved";
}

static void put_value(tl_buf *b, int *rc, const tl_event *e)
{
	*rc |= tl_buf_puts(b, e->value[0] ? e->value : "?");
	if (e->mod[0])
		*rc |= tl_buf_printf(b, " (%s)", e->mod);
}

static void put_one_line(tl_buf *b, int *rc, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++)
		*rc |= tl_buf_putc(b, (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p);
}

static void text_entry(tl_buf *b, int *rc, const diff_entry *e, bool color)
{
	static const char *const colors[] = {"\033[32m", "\033[31m", "\033[33m"};
	const char *c = color ? colors[e->kind == '+' ? 0 : e->kind == '-' ? 1 : 2] : "";
	const tl_event *o = e->old_e, *n = e->new_e, *ev = entry_event(e);
	*rc |= tl_buf_printf(b, "%s%c ", c, e->kind);
	if (e->kind == '~' && (e->what & CHANGE_DATE)) {
		put_value(b, rc, o);
		*rc |= tl_buf_puts(b, " -> ");
	}
	put_value(b, rc, ev);
	*rc |= tl_buf_puts(b, "  ");
	put_one_line(b, rc, ev->title);
	*rc |= tl_buf_printf(b, "  [%s]%s\n", ev->id, color ? "\033[m" : "");
	if (e->kind != '~')
		return;
	if (e->what & CHANGE_DATE) {
		*rc |= tl_buf_puts(b, "    date: ");
		put_value(b, rc, o);
		*rc |= tl_buf_puts(b, " -> ");
		put_value(b, rc, n);
		*rc |= tl_buf_printf(b, " (%s)\n", precision_word(o, n));
	}
	if (e->what & CHANGE_TITLE) {
		*rc |= tl_buf_puts(b, "    title: \"");
		put_one_line(b, rc, o->title);
		*rc |= tl_buf_puts(b, "\" -> \"");
		put_one_line(b, rc, n->title);
		*rc |= tl_buf_puts(b, "\"\n");
	}
	if (e->what & CHANGE_SOURCES) {
		*rc |= tl_buf_puts(b, "    sources:");
		put_docs_delta(b, rc, o, n, '+');
		put_docs_delta(b, rc, n, o, '-');
		*rc |= tl_buf_putc(b, '\n');
	}
	if (e->what & CHANGE_CONFLICT) {
		if (!o->conflict || !o->conflict[0]) {
			*rc |= tl_buf_puts(b, "    conflict appeared: ");
			put_one_line(b, rc, n->conflict);
		} else if (!n->conflict || !n->conflict[0]) {
			*rc |= tl_buf_puts(b, "    conflict resolved (was: ");
			put_one_line(b, rc, o->conflict);
			*rc |= tl_buf_putc(b, ')');
		} else {
			*rc |= tl_buf_puts(b, "    conflict changed: ");
			put_one_line(b, rc, n->conflict);
		}
		*rc |= tl_buf_putc(b, '\n');
	}
}

static int write_text(const tl_diff *d, bool color, tl_buf *b)
{
	const diff_entry **order = malloc((d->count + 1) * sizeof *order);
	if (!order)
		return TL_ENOMEM;
	size_t counts[3] = {0, 0, 0};
	for (size_t i = 0; i < d->count; i++) {
		order[i] = &d->entries[i];
		counts[d->entries[i].kind == '+' ? 0 : d->entries[i].kind == '-' ? 1 : 2]++;
	}
	qsort(order, d->count, sizeof *order, cmp_entry_date);
	int rc = TL_OK;
	for (size_t i = 0; i < d->count; i++)
		text_entry(b, &rc, order[i], color);
	rc |= tl_buf_printf(b, "%zu added, %zu removed, %zu changed\n", counts[0], counts[1],
			    counts[2]);
	free(order);
	return rc ? TL_ENOMEM : TL_OK;
}

/* JSON: 2-space indentation, events exactly as the JSON export writes them. */
static void json_indent(tl_buf *b, int *rc, int level)
{
	*rc |= tl_buf_putc(b, '\n');
	for (int i = 0; i < level; i++)
		*rc |= tl_buf_puts(b, "  ");
}

static void json_str(tl_buf *b, int *rc, const char *s)
{
	*rc |= tl_buf_putc(b, '"');
	if (s)
		*rc |= tl_buf_json_escape(b, s, strlen(s));
	*rc |= tl_buf_putc(b, '"');
}

static void json_key(tl_buf *b, int *rc, int level, bool first, const char *key)
{
	if (!first)
		*rc |= tl_buf_putc(b, ',');
	json_indent(b, rc, level);
	json_str(b, rc, key);
	*rc |= tl_buf_puts(b, ": ");
}

/* Appends a parsed JSON value, pretty-printed at level (depth is bounded: it
 * only ever holds the exporter's output). */
static void json_value(tl_buf *b, int *rc, int level, const tl_json *v)
{
	switch (v->type) {
	case TL_JSON_NULL:
		*rc |= tl_buf_puts(b, "null");
		break;
	case TL_JSON_TRUE:
		*rc |= tl_buf_puts(b, "true");
		break;
	case TL_JSON_FALSE:
		*rc |= tl_buf_puts(b, "false");
		break;
	case TL_JSON_NUMBER: /* as written: "0.90" stays "0.90" */
		*rc |= tl_buf_append(b, v->u.str, v->len);
		break;
	case TL_JSON_STRING:
		*rc |= tl_buf_putc(b, '"');
		*rc |= tl_buf_json_escape(b, v->u.str, v->len);
		*rc |= tl_buf_putc(b, '"');
		break;
	case TL_JSON_ARRAY:
		*rc |= tl_buf_putc(b, '[');
		for (size_t i = 0; i < v->len; i++) {
			*rc |= tl_buf_puts(b, i ? "," : "");
			json_indent(b, rc, level + 1);
			json_value(b, rc, level + 1, &v->u.items[i]);
		}
		if (v->len)
			json_indent(b, rc, level);
		*rc |= tl_buf_putc(b, ']');
		break;
	case TL_JSON_OBJECT:
		*rc |= tl_buf_putc(b, '{');
		for (size_t i = 0; i < v->len; i++) {
			json_key(b, rc, level + 1, i == 0, v->u.members[i].key);
			json_value(b, rc, level + 1, &v->u.members[i].value);
		}
		if (v->len)
			json_indent(b, rc, level);
		*rc |= tl_buf_putc(b, '}');
		break;
	}
}

/*
 * Appends e in the JSON export's object shape by asking the exporter itself
 * (a one-event timeline written to memory, parsed back with doc), so the two
 * can never drift apart.
 */
static void json_event(tl_buf *b, int *rc, int level, const tl_event *e, tl_json_doc *doc)
{
	char name[] = "diff";
	tl_timeline one = {name, (tl_event *)e, 1, {0, 0, 0}, NULL};
	tl_export_options opts = {false, false};
	char *text = NULL;
	size_t len = 0;
	const tl_json *root, *events;
	if (*rc)
		return;
	FILE *f = open_memstream(&text, &len);
	if (!f) {
		*rc = TL_ENOMEM;
		return;
	}
	int r = tl_export_json(&one, &opts, f, NULL);
	if (fclose(f) != 0 && r == TL_OK)
		r = TL_ENOMEM;
	if (r == TL_OK)
		r = tl_json_parse(doc, text, len, "export", 1, 0, &root, NULL);
	if (r == TL_OK && (events = tl_json_get(root, "events")) &&
	    events->type == TL_JSON_ARRAY && events->len == 1)
		json_value(b, rc, level, &events->u.items[0]);
	else
		*rc = r == TL_ENOMEM ? TL_ENOMEM : TL_EINTERNAL;
	free(text);
}

static int write_json(const tl_diff *d, tl_buf *b)
{
	static const char *const sections[] = {"added", "removed", "changed"};
	static const char kinds[] = {'+', '-', '~'};
	tl_json_doc *doc = tl_json_doc_new();
	if (!doc)
		return TL_ENOMEM;
	int rc = tl_buf_putc(b, '{');
	for (size_t s = 0; s < 3; s++) {
		json_key(b, &rc, 1, s == 0, sections[s]);
		rc |= tl_buf_putc(b, '[');
		bool any = false;
		for (size_t i = 0; i < d->count; i++) {
			const diff_entry *e = &d->entries[i];
			if (e->kind != kinds[s])
				continue;
			rc |= tl_buf_puts(b, any ? "," : "");
			json_indent(b, &rc, 2);
			any = true;
			if (e->kind != '~') {
				json_event(b, &rc, 2, entry_event(e), doc);
				continue;
			}
			rc |= tl_buf_putc(b, '{');
			json_key(b, &rc, 3, true, "old");
			json_event(b, &rc, 3, e->old_e, doc);
			json_key(b, &rc, 3, false, "new");
			json_event(b, &rc, 3, e->new_e, doc);
			json_key(b, &rc, 3, false, "what");
			rc |= tl_buf_putc(b, '[');
			bool first = true;
			for (size_t k = 0; k < 4; k++) {
				if (!(e->what & (1 << k)))
					continue;
				rc |= tl_buf_puts(b, first ? "" : ", ");
				json_str(b, &rc, change_names[k]);
				first = false;
			}
			rc |= tl_buf_putc(b, ']');
			json_indent(b, &rc, 2);
			rc |= tl_buf_putc(b, '}');
		}
		if (any)
			json_indent(b, &rc, 1);
		rc |= tl_buf_putc(b, ']');
	}
	rc |= tl_buf_puts(b, "\n}\n");
	tl_json_doc_free(doc);
	return rc == TL_EINTERNAL ? TL_EINTERNAL : rc ? TL_ENOMEM : TL_OK;
}

/* CSV (RFC 4180): quoted when needed, CRLF line ends. */
static void csv_field(tl_buf *b, int *rc, const char *s, bool last)
{
	s = s ? s : "";
	if (strpbrk(s, ",\"\r\n")) {
		*rc |= tl_buf_putc(b, '"');
		for (; *s; s++)
			*rc |= *s == '"' ? tl_buf_puts(b, "\"\"") : tl_buf_putc(b, *s);
		*rc |= tl_buf_putc(b, '"');
	} else {
		*rc |= tl_buf_puts(b, s);
	}
	*rc |= tl_buf_puts(b, last ? "\r\n" : ",");
}

static int write_csv(const tl_diff *d, tl_buf *b)
{
	int rc = tl_buf_puts(b, "change,id,old_value,new_value,old_title,new_title,what\r\n");
	static const char *const sections[] = {"added", "removed", "changed"};
	static const char kinds[] = {'+', '-', '~'};
	for (size_t s = 0; s < 3; s++) {
		for (size_t i = 0; i < d->count; i++) {
			const diff_entry *e = &d->entries[i];
			if (e->kind != kinds[s])
				continue;
			char what[64] = "";
			for (size_t k = 0; k < 4; k++) {
				if (e->what & (1 << k)) {
					if (what[0])
						strcat(what, ";");
					strcat(what, change_names[k]);
				}
			}
			csv_field(b, &rc, sections[s], false);
			csv_field(b, &rc, entry_event(e)->id, false);
			csv_field(b, &rc, e->old_e ? e->old_e->value : "", false);
			csv_field(b, &rc, e->new_e ? e->new_e->value : "", false);
			csv_field(b, &rc, e->old_e ? e->old_e->title : "", false);
			csv_field(b, &rc, e->new_e ? e->new_e->title : "", false);
			csv_field(b, &rc, what, true);
		}
	}
	return rc ? TL_ENOMEM : TL_OK;
}

TL_EXPORT int tl_diff_write(const tl_diff *diff, tl_diff_format format, bool color, FILE *out,
			    tl_error *err)
{
	if (!diff || !out)
		return tl_error_set(err, TL_EUSAGE, "diff: nothing to write");
	tl_buf b = TL_BUF_INIT;
	int rc;
	switch (format) {
	case TL_DIFF_TEXT:
		rc = write_text(diff, color, &b);
		break;
	case TL_DIFF_JSON:
		rc = write_json(diff, &b);
		break;
	case TL_DIFF_CSV:
		rc = write_csv(diff, &b);
		break;
	default:
		tl_buf_free(&b);
		return tl_error_set(err, TL_EUSAGE, "diff: unknown format %d; use text, json or "
				    "csv", (int)format);
	}
	if (rc == TL_EINTERNAL)
		rc = tl_error_set(err, rc, "diff: the JSON exporter could not write an event");
	else if (rc != TL_OK)
		rc = tl_error_nomem(err);
	else if (b.len && (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0))
		rc = tl_error_set(err, TL_EIO, "diff: write error: %s", strerror(errno));
	tl_buf_free(&b);
	return rc;
}
