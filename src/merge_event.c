/*
 * merge_event.c - turns one cluster of the merge into an event: its members
 * sorted by (doc, start), the value most documents agree on (the finest one
 * inside the day most give), the most representative headline, the status
 * most mentions give, the union of actors and keywords, the conflicts the
 * members show (dates, percentages) and the stable id (merge.h). Owns the
 * scratch arrays it keeps from one event to the next (event_scratch, made
 * and freed by the merge); the event built owns its members, title and
 * conflict, and the arrays of its actors and keywords, whose strings it
 * borrows from the pool of its mentions (event.h).
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "buf.h"
#include "error.h"
#include "extract.h"
#include "hash.h"
#include "merge.h"
#include "merge_work.h"

/* Writes x in decimal at p (no NUL); returns the length. */
static size_t put_decimal(char *p, size_t x)
{
	char tmp[24];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + x % 10);
		x /= 10;
	} while (x);
	for (size_t k = 0; k < n; k++)
		p[k] = tmp[n - 1 - k];
	return n;
}

void tl_merge_event_id(const tl_mention *m, char id[17])
{
	uint64_t h = TL_FNV1A64_INIT;
	const char *doc = m->doc ? m->doc : "";
	const char *sentence = m->sentence ? m->sentence : "";
	/* "OFFSET:LENGTH" of the date in its sentence, as "%zu:%zu" would write it. */
	char where[64];
	size_t n = put_decimal(where, m->start >= m->sentence_start
					      ? m->start - m->sentence_start : m->start);
	where[n++] = ':';
	n += put_decimal(where + n, m->end - m->start);
	h = tl_fnv1a64(h, doc, strlen(doc) + 1);
	h = tl_fnv1a64(h, sentence, strlen(sentence) + 1);
	h = tl_fnv1a64(h, where, n);
	static const char hex[] = "0123456789abcdef";
	for (int k = 15; k >= 0; k--) {
		id[k] = hex[h & 15];
		h >>= 4;
	}
	id[16] = '\0';
}

/* Distinct docs of members[0..n) (pointers into the mentions), sorted. */
static int docs_line(tl_buf *b, const tl_mention *const *ms, size_t n)
{
	const char *last = NULL;
	for (size_t k = 0; k < n; k++) {
		const char *d = ms[k]->doc ? ms[k]->doc : "?";
		if (last && strcmp(last, d) == 0)
			continue;
		if (tl_buf_puts(b, last ? ", " : "") != TL_OK || tl_buf_puts(b, d) != TL_OK)
			return TL_ENOMEM;
		last = d;
	}
	return TL_OK;
}

typedef struct group {
	const char *label;        /* a value or a figure */
	const tl_mention **ms;    /* members holding it, by doc */
	size_t n, n_docs;
	long day;
} group;

static int cmp_group(const void *a, const void *b)
{
	const group *x = a, *y = b;
	if (x->n_docs != y->n_docs)
		return x->n_docs > y->n_docs ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return strcmp(x->label, y->label);
}

static size_t distinct_docs(const tl_mention **ms, size_t n)
{
	size_t d = 0;
	for (size_t k = 0; k < n; k++)
		if (k == 0 || cmp_null_str(ms[k]->doc, ms[k - 1]->doc) != 0)
			d++;
	return d;
}

static int describe_groups(tl_buf *b, const char *what, group *g, size_t n)
{
	if (tl_buf_puts(b, b->len ? "; " : "") != TL_OK || tl_buf_puts(b, what) != TL_OK ||
	    tl_buf_puts(b, " differ: ") != TL_OK)
		return TL_ENOMEM;
	for (size_t k = 0; k < n; k++) {
		if (tl_buf_puts(b, k ? " vs " : "") != TL_OK ||
		    tl_buf_puts(b, g[k].label) != TL_OK || tl_buf_puts(b, " (") != TL_OK ||
		    docs_line(b, g[k].ms, g[k].n) != TL_OK || tl_buf_putc(b, ')') != TL_OK)
			return TL_ENOMEM;
	}
	return TL_OK;
}

/*
 * Groups the day-level members (days[k] != LONG_MIN) by day, largest group
 * first. Returns the number of groups, in *groups (room for n), their
 * members in *pool (room for n).
 */
static size_t day_groups(tl_mention *ms, size_t n, const long *days, group **groups,
			 const tl_mention ***pool)
{
	size_t ng = 0, used = 0;
	for (size_t k = 0; k < n; k++) {
		if (days[k] == LONG_MIN)
			continue;
		size_t g = 0;
		while (g < ng && (*groups)[g].day != days[k])
			g++;
		if (g == ng) {
			(*groups)[ng].day = days[k];
			(*groups)[ng].label = ms[k].value;
			ng++;
		}
	}
	for (size_t g = 0; g < ng; g++) {
		(*groups)[g].ms = *pool + used;
		for (size_t k = 0; k < n; k++)
			if (days[k] == (*groups)[g].day)
				(*pool)[used++] = &ms[k];
		(*groups)[g].n = (size_t)(*pool + used - (*groups)[g].ms);
		(*groups)[g].n_docs = distinct_docs((*groups)[g].ms, (*groups)[g].n);
	}
	qsort(*groups, ng, sizeof **groups, cmp_group);
	return ng;
}

bool tl_merge_is_percent(const char *f)
{
	size_t n = strlen(f);
	return n > 1 && f[n - 1] == '%';
}

typedef struct span_of {
	size_t lo, hi;
	char **only;       /* the figure array all its members give, or NULL */
	size_t only_count;
} span_of;

/* Percentages that some documents give and others contradict. */
static int figure_conflict(const tl_mention *ms, size_t n, tl_buf *out)
{
	/* Docs with percentages; each pair of such docs must share one. */
	size_t n_docs = 0;
	bool disjoint = false;
	for (size_t a = 0; a < n; a++) {
		if (a > 0 && cmp_null_str(ms[a].doc, ms[a - 1].doc) == 0)
			continue;
		n_docs++;
	}
	if (n_docs < 2)
		return TL_OK;
	/* Per doc giving a percentage: its members [lo, hi) (members are sorted
	 * by doc). Only two such docs can disagree: a pair with a doc giving
	 * none never does, so those are not paired at all (an event told by
	 * many outlets has thousands of pairs). */
	span_of *docs = malloc((n_docs + 1) * sizeof *docs);
	if (!docs)
		return TL_ENOMEM;
	size_t n_pct = 0;
	for (size_t a = 0; a < n;) {
		size_t ah = a;
		bool has = false;
		/* The one figure array its members give (copies share a pooled
		 * one), or NULL when they give several */
		char **only = NULL;
		size_t only_count = 0;
		bool several = false;
		for (; ah < n && cmp_null_str(ms[ah].doc, ms[a].doc) == 0; ah++) {
			const tl_strings *fs = &ms[ah].figures;
			for (size_t f = 0; f < fs->count; f++)
				has = has || tl_merge_is_percent(fs->items[f]);
			if (!fs->count)
				continue;
			if (only && (only != fs->items || only_count != fs->count))
				several = true;
			only = fs->items;
			only_count = fs->count;
		}
		/* A doc giving the very array an earlier one gives agrees with it
		 * and with whatever that one agrees with: it adds no pair. */
		bool seen = false;
		for (size_t k = 0; has && !several && k < n_pct && !seen; k++)
			seen = docs[k].only == only && docs[k].only_count == only_count;
		if (has && !seen)
			docs[n_pct++] = (span_of){a, ah, several ? NULL : only, only_count};
		a = ah;
	}
	for (size_t p = 0; p < n_pct && !disjoint; p++) {
		for (size_t q = p + 1; q < n_pct && !disjoint; q++) {
			bool shared = false;
			for (size_t i = docs[p].lo; i < docs[p].hi && !shared; i++)
				for (size_t f = 0; f < ms[i].figures.count && !shared; f++) {
					const char *x = ms[i].figures.items[f];
					if (!tl_merge_is_percent(x))
						continue;
					for (size_t j = docs[q].lo; j < docs[q].hi && !shared; j++)
						shared = tl_strings_has(&ms[j].figures, x);
				}
			disjoint = !shared;
		}
	}
	free(docs);
	if (!disjoint)
		return TL_OK;
	/* Every percentage not given by all of those docs, with its docs. */
	tl_strings all = {NULL, 0};
	for (size_t i = 0; i < n; i++)
		for (size_t f = 0; f < ms[i].figures.count; f++)
			if (tl_merge_is_percent(ms[i].figures.items[f]) &&
			    tl_strings_push(&all, ms[i].figures.items[f],
					    strlen(ms[i].figures.items[f])) != TL_OK) {
				tl_strings_free(&all);
				return TL_ENOMEM;
			}
	tl_strings_finish(&all);
	group *g = calloc(all.count + 1, sizeof *g);
	const tl_mention **pool = malloc((n * all.count + 1) * sizeof *pool);
	int rc = g && pool ? TL_OK : TL_ENOMEM;
	size_t ng = 0, used = 0, pct_docs = 0;
	for (size_t i = 0; i < n; i++) {
		bool has = false;
		for (size_t f = 0; f < ms[i].figures.count; f++)
			has = has || tl_merge_is_percent(ms[i].figures.items[f]);
		if (has && (i == 0 || cmp_null_str(ms[i].doc, ms[i - 1].doc) != 0 || !pct_docs))
			pct_docs++;
	}
	for (size_t v = 0; v < all.count && rc == TL_OK; v++) {
		group *gr = &g[ng];
		gr->label = all.items[v];
		gr->ms = pool + used;
		for (size_t i = 0; i < n; i++)
			if (tl_strings_has(&ms[i].figures, all.items[v]))
				pool[used++] = &ms[i];
		gr->n = (size_t)(pool + used - gr->ms);
		gr->n_docs = distinct_docs(gr->ms, gr->n);
		if (gr->n_docs < pct_docs)
			ng++;
		else
			used -= gr->n;
	}
	if (rc == TL_OK && ng >= 2) {
		qsort(g, ng, sizeof *g, cmp_group);
		rc = describe_groups(out, "figures", g, ng);
	}
	free(g);
	free(pool);
	tl_strings_free(&all);
	return rc;
}

static int cmp_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* strcmp(a, b), without reading pooled equal texts (one pointer). */
static inline int text_order(const char *a, const char *b)
{
	return a == b ? 0 : strcmp(a, b);
}

/*
 * Sorts v[0..n) by strcmp with tmp[0..n) as scratch: a natural merge sort,
 * since v is made of the members' sets, each sorted already (a set that is
 * not just makes more runs). Equal strings end up next to each other.
 * Returns true when v was strictly increasing already (no two equal).
 */
static bool sort_runs(char **v, char **tmp, size_t n)
{
	size_t few[64];
	size_t *ends = n < 64 ? few : malloc((n + 1) * sizeof *ends);
	if (!ends) {
		qsort(v, n, sizeof *v, cmp_text); /* the same order, only slower */
		return false;
	}
	size_t n_runs = 0;
	bool strict = true;
	for (size_t k = 1; k <= n; k++) {
		int c = k < n ? text_order(v[k - 1], v[k]) : 1;
		strict = strict && c != 0;
		if (c > 0)
			ends[n_runs++] = k;
	}
	if (n_runs == 1) {
		if (ends != few)
			free(ends);
		return strict;
	}
	char **from = v, **to = tmp;
	while (n_runs > 1) {
		size_t w = 0, lo = 0;
		for (size_t r = 0; r < n_runs; r += 2) {
			size_t mid = ends[r], hi = r + 1 < n_runs ? ends[r + 1] : mid;
			size_t i = lo, j = mid, o = lo;
			while (i < mid && j < hi)
				to[o++] = text_order(from[j], from[i]) < 0 ? from[j++] : from[i++];
			while (i < mid)
				to[o++] = from[i++];
			while (j < hi)
				to[o++] = from[j++];
			ends[w++] = hi;
			lo = hi;
		}
		n_runs = w;
		char **t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, n * sizeof *v);
	if (ends != few)
		free(ends);
	return false;
}

/*
 * Drops the repeats of a pointer from v[0..n) (the same pointer is the same
 * string), keeping the first of each in place; returns the count left. The
 * members' sets of a large event repeat the same pooled words: the sort
 * then has fewer strings to compare, and what it keeps is the same (equal
 * texts at other addresses are still merged by it). The sets stay sorted
 * runs. When the table cannot be allocated, nothing is dropped (the sort
 * and its de-duplication do it, only slower).
 */
static size_t drop_repeated(char **v, size_t n)
{
	size_t cap = 64;
	while (cap < 2 * n)
		cap *= 2;
	const char **slots = calloc(cap, sizeof *slots);
	if (!slots)
		return n;
	size_t kept = 0;
	for (size_t k = 0; k < n; k++) {
		uint64_t h = (uint64_t)(uintptr_t)v[k] * UINT64_C(0x9E3779B97F4A7C15);
		size_t j = (size_t)(h >> 32) & (cap - 1);
		while (slots[j] && slots[j] != v[k])
			j = (j + 1) & (cap - 1);
		if (slots[j])
			continue;
		slots[j] = v[k];
		v[kept++] = v[k];
	}
	free(slots);
	return kept;
}

/* Unions of at least this many strings from at least this many sets drop
 * repeated pointers first (drop_repeated). */
#define REPEATS_MIN 32
#define REPEATS_SETS 4

/*
 * The union of the actors (which 0) or keywords (1) of ms[0..n), sorted and
 * unique, its strings borrowed from the pool of the mentions (an event made
 * by the merge owns only the array: event.h). Members copied from one report
 * share one pooled array: each distinct array is added once (the set does
 * not depend on the order).
 */
static int union_strings(tl_strings *dst, const tl_mention *ms, size_t n, size_t which)
{
	/* The distinct arrays: open addressing on their address (cap a power of
	 * two, at least twice n), each added once whatever the members' order;
	 * a few members are compared with each other instead. */
	enum { FEW = 8 };
	const tl_strings *few[FEW];
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	const tl_strings **slots = n <= FEW ? NULL : calloc(cap, sizeof *slots);
	const tl_strings **sets = n <= FEW ? few : slots ? malloc((n + 1) * sizeof *sets) : NULL;
	if (!sets) {
		free(slots);
		return TL_ENOMEM;
	}
	size_t n_sets = 0, total = 0;
	for (size_t i = 0; i < n; i++) {
		const tl_strings *s = which == 0 ? &ms[i].actors : &ms[i].keywords;
		if (!s->count)
			continue;
		if (!slots) {
			size_t k = 0;
			while (k < n_sets &&
			       (sets[k]->items != s->items || sets[k]->count != s->count))
				k++;
			if (k == n_sets) {
				sets[n_sets++] = s;
				total += s->count;
			}
			continue;
		}
		uint64_t h = (uint64_t)(uintptr_t)s->items * UINT64_C(0x9E3779B97F4A7C15);
		size_t k = (size_t)(h >> 32) & (cap - 1);
		while (slots[k] && (slots[k]->items != s->items || slots[k]->count != s->count))
			k = (k + 1) & (cap - 1);
		if (slots[k])
			continue;
		slots[k] = s;
		sets[n_sets++] = s;
		total += s->count;
	}
	free(slots);
	char **all = malloc((2 * total + 1) * sizeof *all);
	if (!all) {
		if (sets != few)
			free(sets);
		return TL_ENOMEM;
	}
	size_t n_all = 0;
	for (size_t i = 0; i < n_sets; i++) {
		for (size_t k = 0; k < sets[i]->count; k++)
			all[n_all++] = sets[i]->items[k];
	}
	if (sets != few)
		free(sets);
	if (n_sets >= REPEATS_SETS && n_all >= REPEATS_MIN)
		n_all = drop_repeated(all, n_all);
	size_t kept = n_all;
	if (n_all > 1 && !sort_runs(all, all + n_all, n_all)) {
		kept = 0;
		for (size_t k = 0; k < n_all; k++)
			if (k == 0 ||
			    (all[k] != all[kept - 1] && strcmp(all[k], all[kept - 1]) != 0))
				all[kept++] = all[k];
	}
	dst->items = NULL;
	dst->count = 0;
	if (kept) {
		char **items = realloc(all, kept * sizeof *items);
		if (!items) {
			free(all);
			return TL_ENOMEM;
		}
		dst->items = items;
		dst->count = kept;
	} else {
		free(all);
	}
	if (which == 0) {
		/* Borrowed strings: dropped ones must not be freed, as in an arena set. */
		tl_xarena borrowed = TL_XARENA_INIT;
		tl_actors_collapse_in(&borrowed, dst);
	}
	return TL_OK;
}

static long member_day(const tl_mention *m)
{
	if (m->grain < TL_GRAIN_DAY || !m->first.year)
		return LONG_MIN;
	return tl_extract_day_number(m->first);
}

/* The headline: the most central mention, then the most confident, then the earliest. */
static bool better_title(const tl_mention *a, double ca, const tl_mention *b, double cb)
{
	double sa = ca + 0.25 * a->confidence, sb = cb + 0.25 * b->confidence;
	if (sa != sb)
		return sa > sb;
	return tl_merge_cmp_published(a, b) < 0;
}

/* The arrays of one event's members, kept from one event to the next. */
struct event_scratch {
	tl_mention *ms; /* views of the members */
	long *days;
	group *groups;
	const tl_mention **pool;
	size_t cap; /* room of each, in members */
};

event_scratch *tl_merge_event_scratch_new(void)
{
	return calloc(1, sizeof(event_scratch));
}

void tl_merge_event_scratch_free(event_scratch *s)
{
	if (!s)
		return;
	free(s->ms);
	free(s->days);
	free(s->groups);
	free(s->pool);
	free(s);
}

/* Gives s room for n members. */
static int scratch_room(event_scratch *s, size_t n)
{
	if (n < s->cap)
		return TL_OK;
	size_t cap = s->cap ? s->cap : 64;
	while (cap <= n)
		cap *= 2;
	free(s->ms);
	free(s->days);
	free(s->groups);
	free(s->pool);
	s->ms = malloc(cap * sizeof *s->ms);
	s->days = malloc(cap * sizeof *s->days);
	s->groups = malloc(cap * sizeof *s->groups);
	s->pool = malloc(cap * sizeof *s->pool);
	s->cap = s->ms && s->days && s->groups && s->pool ? cap : 0;
	return s->cap ? TL_OK : TL_ENOMEM;
}

/* Builds event e from the mentions refs[0..n) (sorted by doc, start), which it takes over;
 * central[k] is how representative refs[k] is (see tl_merge_order_members). The
 * mentions are read through views made for this event only, in s. */
int tl_merge_build_event(event_scratch *s, tl_mref *refs, const double *central, size_t n,
			 tl_event *e)
{
	memset(e, 0, sizeof *e);
	if (scratch_room(s, n) != TL_OK)
		return TL_ENOMEM;
	tl_mention *ms = s->ms;
	long *days = s->days;
	size_t anchor = 0;
	for (size_t k = 0; k < n; k++) {
		ms[k] = tl_mref_view(&refs[k]);
		days[k] = member_day(&ms[k]);
		if (tl_merge_cmp_published(&ms[k], &ms[anchor]) < 0)
			anchor = k;
	}
	group *groups = s->groups;
	const tl_mention **pool = s->pool;
	size_t ng = day_groups(ms, n, days, &groups, &pool);
	tl_buf conflict = TL_BUF_INIT;
	int rc = TL_OK;
	if (rc == TL_OK && ng >= 2)
		rc = describe_groups(&conflict, "dates", groups, ng);
	if (rc == TL_OK)
		rc = figure_conflict(ms, n, &conflict);
	/* The value: the finest one inside the day most documents give. */
	size_t chosen = SIZE_MAX;
	long day = ng ? groups[0].day : LONG_MIN;
	for (size_t k = 0; k < n && rc == TL_OK; k++) {
		if (day != LONG_MIN && ms[k].first.year &&
		    !nested(day, day + 1, tl_extract_day_number(ms[k].first),
			    tl_extract_day_number(ms[k].end_date)))
			continue;
		if (chosen == SIZE_MAX || ms[k].grain > ms[chosen].grain ||
		    (ms[k].grain == ms[chosen].grain && tl_merge_cmp_published(&ms[k], &ms[chosen]) < 0))
			chosen = k;
	}
	if (chosen == SIZE_MAX)
		chosen = anchor;
	size_t titled = chosen;
	for (size_t k = 0; k < n; k++)
		if (strcmp(ms[k].value, ms[chosen].value) == 0 &&
		    better_title(&ms[k], central[k], &ms[titled], central[titled]))
			titled = k;
	if (rc == TL_OK) {
		tl_merge_event_id(&ms[anchor], e->id);
		memcpy(e->value, ms[chosen].value, sizeof e->value);
		memcpy(e->mod, ms[chosen].mod, sizeof e->mod);
		e->grain = ms[chosen].grain;
		e->first = ms[chosen].first;
		e->end_date = ms[chosen].end_date;
		/* The status most mentions give; on a tie, the headline's. */
		size_t votes[3] = {0, 0, 0};
		for (size_t k = 0; k < n; k++)
			if ((unsigned)ms[k].status < 3)
				votes[ms[k].status]++;
		e->status = ms[titled].status;
		for (int st = 0; st < 3; st++)
			if (votes[st] > votes[e->status])
				e->status = (tl_event_status)st;
		e->title = strdup(ms[titled].title ? ms[titled].title : "");
		if (!e->title)
			rc = TL_ENOMEM;
	}
	if (rc == TL_OK)
		rc = union_strings(&e->actors, ms, n, 0);
	if (rc == TL_OK)
		rc = union_strings(&e->keywords, ms, n, 1);
	if (rc == TL_OK && conflict.len) {
		e->conflict = tl_buf_detach(&conflict);
		if (!e->conflict)
			rc = TL_ENOMEM;
	}
	tl_buf_free(&conflict);
	if (rc != TL_OK) {
		/* Not tl_event_free_fields(): without refs it would free the
		 * borrowed strings of the sets as if owned. */
		free(e->title);
		free(e->conflict);
		free(e->actors.items);
		free(e->keywords.items);
		memset(e, 0, sizeof *e);
		return rc;
	}
	/* Confidence: noisy-or over documents of each document's best mention. */
	double miss = 1.0;
	for (size_t k = 0; k < n;) {
		double best = 0;
		size_t j = k;
		for (; j < n && cmp_null_str(ms[j].doc, ms[k].doc) == 0; j++)
			best = ms[j].confidence > best ? ms[j].confidence : best;
		miss *= 1.0 - (best > 1 ? 1 : best);
		k = j;
	}
	e->confidence = 1.0 - miss;
	e->refs = refs;
	e->n_mentions = n;
	return TL_OK;
}

static int cmp_index(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/*
 * Puts the members of cluster c in the order the event lists them, (doc,
 * start): ascending item index, as the mention array is in canonical order
 * (doc, start, ...). central[k] gets the k-th member's mean similarity to
 * the other members (the first CENTRAL_PEERS of them), which picks the
 * most representative headline. The peers' weights are scattered once in
 * scratch, so each member is read once for all of them.
 */
void tl_merge_order_members(const work *w, cluster *c, double *central, double *scratch)
{
	size_t n = c->members.n;
	uint32_t *v = c->members.v;
	if (n == 1) {
		central[0] = 0; /* no peer: what the loops below give */
		return;
	}
	size_t in_order = 1;
	while (in_order < n && v[in_order - 1] < v[in_order])
		in_order++;
	if (in_order < n)
		qsort(v, n, sizeof *v, cmp_index);
	size_t cap = n < CENTRAL_PEERS ? n : CENTRAL_PEERS;
	for (size_t j = 0; j < cap; j++) {
		const termset *peer = &w->sets[w->set_of[v[j]]];
		for (size_t t = 0; t < peer->n_terms; t++)
			scratch[(size_t)peer->ids[t] * CENTRAL_PEERS + j] =
				term_weight(w->idf, peer, t);
	}
	/* Past the first cap members, twins (one term set) get one value. */
	const termset *seen[16];
	double seen_value[16];
	size_t n_seen = 0;
	for (size_t k = 0; k < n; k++) {
		const termset *terms = &w->sets[w->set_of[v[k]]];
		size_t s = 0;
		while (k >= cap && s < n_seen && seen[s] != terms)
			s++;
		if (k >= cap && s < n_seen) {
			central[k] = seen_value[s];
			continue;
		}
		double shared[CENTRAL_PEERS];
		tl_merge_dots_interleaved(w->idf, scratch, CENTRAL_PEERS, terms, shared);
		double sum = 0;
		size_t cnt = 0;
		for (size_t j = 0; j < cap; j++) {
			if (j == k)
				continue;
			sum += tl_merge_cosine(shared[j], terms, &w->sets[w->set_of[v[j]]], 0);
			cnt++;
		}
		central[k] = cnt ? sum / (double)cnt : 0;
		if (k >= cap && n_seen < sizeof seen / sizeof seen[0]) {
			seen[n_seen] = terms;
			seen_value[n_seen++] = central[k];
		}
	}
	for (size_t j = 0; j < cap; j++) {
		const termset *peer = &w->sets[w->set_of[v[j]]];
		for (size_t t = 0; t < peer->n_terms; t++)
			scratch[(size_t)peer->ids[t] * CENTRAL_PEERS + j] = 0;
	}
}
