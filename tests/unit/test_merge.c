/* test_merge.c - unit tests for the cross-article merge (merge.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "date.h"
#include "extract.h"
#include "hash.h"
#include "merge.h"
#include "merge_candidates.h"

/* One mention to build: doc, article date, sentence, the date text and its value. */
typedef struct spec {
	const char *doc;
	tl_date published;
	const char *sentence, *date_text, *value;
} spec;

static tl_mention make(const spec *sp)
{
	tl_timex t;
	memset(&t, 0, sizeof t);
	t.type = TL_TIMEX_DATE;
	t.grain = strlen(sp->value) == 10 ? TL_GRAIN_DAY : TL_GRAIN_MONTH;
	strncpy(t.value, sp->value, sizeof t.value - 1);
	const char *p = strstr(sp->sentence, sp->date_text);
	assert_non_null(p);
	tl_sentence_timex st = {(size_t)(p - sp->sentence),
				(size_t)(p - sp->sentence) + strlen(sp->date_text), &t};
	tl_mention m;
	assert_int_equal(tl_extract_sentence(sp->sentence, strlen(sp->sentence), &st, 1, 0,
					     sp->published, &m), TL_OK);
	m.doc = strdup(sp->doc);
	assert_non_null(m.doc);
	m.article_date = sp->published;
	/* Offsets as if the sentence started at byte 100 of its file. */
	m.sentence_start = 100;
	m.sentence_end = 100 + strlen(sp->sentence);
	m.start = 100 + st.start;
	m.end = 100 + st.end;
	return m;
}

static tl_mention *make_all(const spec *sp, const size_t *order, size_t n)
{
	tl_mention *ms = calloc(n + 1, sizeof *ms);
	assert_non_null(ms);
	for (size_t i = 0; i < n; i++)
		ms[i] = make(&sp[order ? order[i] : i]);
	return ms;
}

/* The pool the events of the last merge() point into (event.h). */
static tl_strpool *merged_pool;

static int merge(tl_mention *ms, size_t n, tl_event **ev, size_t *ne)
{
	assert_null(merged_pool);
	merged_pool = tl_strpool_new();
	assert_non_null(merged_pool);
	return tl_merge_mentions(ms, n, merged_pool, ev, ne, NULL);
}

/* Frees the events of the last merge() and their pool. */
static void free_events(tl_event *ev, size_t n)
{
	for (size_t i = 0; i < n; i++)
		tl_event_free_fields(&ev[i]);
	free(ev);
	tl_strpool_free(merged_pool);
	merged_pool = NULL;
}

/* Mention k of e (its strings stay in the pool). */
static tl_mention mention_of(const tl_event *e, size_t k)
{
	tl_mention scratch;
	return *tl_event_mention(e, k, &scratch);
}

/* Everything the exporters show, one line per event. */
static char *render(const tl_event *ev, size_t n)
{
	tl_buf b = TL_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(tl_buf_printf(&b, "%s %s %s [%s] %.6f", ev[i].id, ev[i].value,
					       ev[i].title, ev[i].conflict ? ev[i].conflict : "",
					       ev[i].confidence), TL_OK);
		for (size_t k = 0; k < ev[i].n_mentions; k++)
			assert_int_equal(tl_buf_printf(&b, " %s@%zu", mention_of(&ev[i], k).doc,
						       mention_of(&ev[i], k).start), TL_OK);
		assert_int_equal(tl_buf_putc(&b, '\n'), TL_OK);
	}
	assert_int_equal(tl_buf_puts(&b, ""), TL_OK);
	return tl_buf_detach(&b);
}

static char *merge_render(const spec *sp, const size_t *order, size_t n)
{
	tl_event *ev;
	size_t ne;
	assert_int_equal(merge(make_all(sp, order, n), n, &ev, &ne), TL_OK);
	char *r = render(ev, ne);
	free_events(ev, ne);
	return r;
}

static const spec geneva[] = {
	{"wire", {2025, 5, 12}, "US and Chinese officials agreed in Geneva on Monday to a 90-day "
	 "truce that slashes tariffs.", "Monday", "2025-05-12"},
	{"courier", {2025, 5, 12}, "On May 12, Washington and Beijing agreed in Geneva to a "
	 "90-day truce that slashes tariffs.", "May 12", "2025-05-12"},
	{"journal", {2025, 5, 13}, "Yesterday's Geneva truce between the US and China slashes "
	 "tariffs for 90 days.", "Yesterday", "2025-05-12"},
	{"weekly", {2025, 6, 12}, "The 90-day truce agreed in Geneva in May slashed tariffs "
	 "between the US and China.", "May", "2025-05"},
	{"wire", {2025, 5, 12}, "Tesla opened a battery factory in Shanghai on Monday.", "Monday",
	 "2025-05-12"},
};

static void values_are_compatible_when_nested(void **state)
{
	(void)state;
	assert_true(tl_merge_values_compatible("2025-06-05", "2025-W23"));
	assert_true(tl_merge_values_compatible("2025-W23", "2025-06-05"));
	assert_true(tl_merge_values_compatible("2025-05", "2025-05-12"));
	assert_true(tl_merge_values_compatible("2025", "2025-05-12"));
	assert_true(tl_merge_values_compatible("2025-06-05T10:00", "2025-06-05"));
	assert_false(tl_merge_values_compatible("2025-06-05", "2025-06-04"));
	assert_false(tl_merge_values_compatible("2025-W22", "2025-06"));
	assert_false(tl_merge_values_compatible("2025-06-09", "2025-W23"));
	assert_false(tl_merge_values_compatible("2025-04", "2025-05-12"));
}

static void four_docs_make_one_event(void **state)
{
	(void)state;
	tl_event *ev;
	size_t ne;
	assert_int_equal(merge(make_all(geneva, NULL, 5), 5, &ev, &ne), TL_OK);
	assert_int_equal(ne, 2);
	const tl_event *truce = ev[0].n_mentions == 4 ? &ev[0] : &ev[1];
	const tl_event *other = truce == &ev[0] ? &ev[1] : &ev[0];
	assert_int_equal(truce->n_mentions, 4);
	assert_int_equal(other->n_mentions, 1);
	assert_string_equal(truce->value, "2025-05-12");
	assert_int_equal(truce->grain, TL_GRAIN_DAY);
	assert_null(truce->conflict);
	/* Mentions sorted by (doc, start). */
	for (size_t k = 1; k < truce->n_mentions; k++)
		assert_true(strcmp(mention_of(truce, k - 1).doc, mention_of(truce, k).doc) <= 0);
	assert_true(truce->confidence > mention_of(truce, 0).confidence);
	assert_true(truce->confidence <= 1.0);
	assert_int_equal(strlen(truce->id), 16);
	free_events(ev, ne);
}

static void conflicting_dates_are_flagged(void **state)
{
	(void)state;
	static const spec call[] = {
		{"harbor", {2025, 6, 6}, "President Donald Trump and Xi Jinping spoke by phone "
		 "on Thursday about trade and rare earth magnets.", "Thursday", "2025-06-05"},
		{"meridian", {2025, 6, 11}, "Trump and Xi Jinping spoke by phone on June 5 about "
		 "rare earth magnets.", "June 5", "2025-06-05"},
		{"keystone", {2025, 6, 11}, "Donald Trump and Xi Jinping spoke by phone on June 4 "
		 "about trade and magnets.", "June 4", "2025-06-04"},
	};
	tl_event *ev;
	size_t ne;
	assert_int_equal(merge(make_all(call, NULL, 3), 3, &ev, &ne), TL_OK);
	assert_int_equal(ne, 1);
	assert_int_equal(ev[0].n_mentions, 3);
	assert_string_equal(ev[0].value, "2025-06-05");
	assert_non_null(ev[0].conflict);
	assert_non_null(strstr(ev[0].conflict, "2025-06-05 (harbor, meridian)"));
	assert_non_null(strstr(ev[0].conflict, "2025-06-04 (keystone)"));
	free_events(ev, ne);
}

static void conflicting_figures_are_flagged(void **state)
{
	(void)state;
	static const spec rate[] = {
		{"harbor", {2025, 4, 10}, "On Wednesday President Donald Trump raised the tariff "
		 "on Chinese goods to 145%.", "Wednesday", "2025-04-09"},
		{"meridian", {2025, 4, 11}, "On Wednesday President Donald Trump raised the total "
		 "tariff on Chinese goods to 125%.", "Wednesday", "2025-04-09"},
	};
	tl_event *ev;
	size_t ne;
	assert_int_equal(merge(make_all(rate, NULL, 2), 2, &ev, &ne), TL_OK);
	assert_int_equal(ne, 1);
	assert_non_null(ev[0].conflict);
	assert_non_null(strstr(ev[0].conflict, "145% (harbor)"));
	assert_non_null(strstr(ev[0].conflict, "125% (meridian)"));
	assert_null(strstr(ev[0].conflict, "dates"));
	free_events(ev, ne);
}

/* The table hash: never 0, the same for the same bytes, and every byte and
 * the length count (lengths around its 8- and 32-byte steps). */
static void the_table_hash_sees_every_byte(void **state)
{
	(void)state;
	char text[80];
	for (size_t i = 0; i < sizeof text; i++)
		text[i] = (char)('a' + i % 26);
	uint64_t seen[81 * 2];
	size_t n_seen = 0;
	for (size_t len = 0; len <= sizeof text; len++) {
		uint64_t h = tl_hash_bytes(text, len, 0);
		assert_true(h != 0);
		assert_true(h == tl_hash_bytes(text, len, 0));
		assert_true(h != tl_hash_bytes(text, len, 1));
		seen[n_seen++] = h;
		if (len) {
			text[len - 1] ^= 1; /* the last byte */
			seen[n_seen++] = tl_hash_bytes(text, len, 0);
			text[len - 1] ^= 1;
		}
	}
	for (size_t i = 0; i < n_seen; i++)
		for (size_t j = i + 1; j < n_seen; j++)
			assert_true(seen[i] != seen[j]);
}

/* Copies of one report from other outlets share its pooled strings and
 * arrays (as the reduce step reads them): the figures conflict is found
 * with the copies listed, and copies alone never disagree. */
static void copies_sharing_figure_arrays_keep_their_conflict(void **state)
{
	(void)state;
	static const spec rate[] = {
		{"harbor", {2025, 4, 10}, "On Wednesday President Donald Trump raised the tariff "
		 "on Chinese goods to 145%.", "Wednesday", "2025-04-09"},
		{"meridian", {2025, 4, 11}, "On Wednesday President Donald Trump raised the total "
		 "tariff on Chinese goods to 125%.", "Wednesday", "2025-04-09"},
	};
	static const char *const names[] = {"harbor~1", "harbor~2", "meridian~1"};
	static const size_t of[] = {0, 0, 1};
	for (int only_harbor = 0; only_harbor < 2; only_harbor++) {
		tl_strpool *pool = tl_strpool_new();
		assert_non_null(pool);
		tl_mention ms[6];
		tl_mref *refs = calloc(6, sizeof *refs);
		assert_non_null(refs);
		size_t n = 0, n_made = 0;
		ms[n++] = make(&rate[0]);
		if (!only_harbor)
			ms[n++] = make(&rate[1]);
		n_made = n;
		for (size_t k = 0; k < 3; k++) {
			if (only_harbor && of[k] == 1)
				continue;
			ms[n] = ms[of[k]]; /* the original owns the shared strings */
			ms[n].doc = (char *)(uintptr_t)names[k];
			n++;
		}
		for (size_t i = 0; i < n; i++)
			assert_int_equal(tl_mref_intern(pool, &ms[i], &refs[i]), TL_OK);
		for (size_t i = 0; i < n_made; i++)
			tl_mention_free_fields(&ms[i]);
		/* One pooled figure array for a report and its copies. */
		assert_ptr_equal(refs[n_made].body->figures.items, refs[0].body->figures.items);
		tl_event *ev;
		size_t ne;
		assert_int_equal(tl_merge_refs(refs, n, &ev, &ne, NULL), TL_OK);
		assert_int_equal(ne, 1);
		assert_int_equal(ev[0].n_mentions, n);
		if (only_harbor) {
			assert_null(ev[0].conflict);
		} else {
			assert_non_null(ev[0].conflict);
			assert_non_null(strstr(ev[0].conflict,
					       "145% (harbor, harbor~1, harbor~2) vs 125% "
					       "(meridian, meridian~1)"));
		}
		for (size_t i = 0; i < ne; i++)
			tl_event_free_fields(&ev[i]);
		free(ev);
		tl_strpool_free(pool);
	}
}

/* A pooled mention (event.h): copies that differ only by document share
 * one body record and keep their own heads; the view gives the mention
 * back, and both orders agree. */
static void pooled_copies_share_one_body(void **state)
{
	(void)state;
	tl_strpool *pool = tl_strpool_new();
	assert_non_null(pool);
	tl_mention a = make(&geneva[0]);
	tl_mention b = a; /* a owns the shared strings */
	b.doc = (char *)(uintptr_t)"wire~1";
	tl_mref ra, rb;
	assert_int_equal(tl_mref_intern(pool, &a, &ra), TL_OK);
	assert_int_equal(tl_mref_intern(pool, &b, &rb), TL_OK);
	assert_ptr_equal(ra.body, rb.body);
	assert_ptr_not_equal(ra.head, rb.head);
	assert_string_equal(rb.head->doc, "wire~1");
	tl_mention v = tl_mref_view(&ra);
	assert_true(v.pooled);
	assert_int_equal(tl_mention_compare(&v, &a), 0);
	assert_string_equal(v.doc, "wire");
	assert_string_equal(v.value, "2025-05-12");
	assert_string_equal(v.sentence, a.sentence);
	assert_int_equal(v.start, a.start);
	assert_int_equal(v.end, a.end);
	assert_int_equal(v.keywords.count, a.keywords.count);
	assert_true(tl_mref_compare(&ra, &rb) < 0);
	assert_true(tl_mention_compare(&a, &b) < 0);
	assert_int_equal(tl_mref_compare(&rb, &rb), 0);
	tl_mention_free_fields(&a);
	tl_strpool_free(pool);
}

/* A fixed-seed shuffle (LCG), so failures reproduce. */
static void shuffle(size_t *v, size_t n, uint32_t seed)
{
	for (size_t i = n; i > 1; i--) {
		seed = seed * 1664525u + 1013904223u;
		size_t j = (seed >> 8) % i;
		size_t t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

static const spec corpus[] = {
	{"a", {2025, 5, 12}, "US and Chinese officials agreed in Geneva on Monday to a 90-day "
	 "truce that slashes tariffs.", "Monday", "2025-05-12"},
	{"b", {2025, 5, 12}, "On May 12, Washington and Beijing agreed in Geneva to a 90-day "
	 "truce that slashes tariffs.", "May 12", "2025-05-12"},
	{"c", {2025, 5, 14}, "The lower tariffs agreed in Geneva took effect on Wednesday.",
	 "Wednesday", "2025-05-14"},
	{"a", {2025, 5, 12}, "The lower tariffs will take effect on Wednesday, officials said.",
	 "Wednesday", "2025-05-14"},
	{"d", {2025, 6, 6}, "Trump and Xi Jinping spoke by phone on Thursday.", "Thursday",
	 "2025-06-05"},
	{"e", {2025, 6, 11}, "Trump and Xi Jinping spoke by phone on June 4.", "June 4",
	 "2025-06-04"},
	{"e", {2025, 6, 11}, "Talks opened at Lancaster House in London on Monday.", "Monday",
	 "2025-06-09"},
	{"d", {2025, 6, 6}, "Trade teams will meet in London on Monday.", "Monday", "2025-06-09"},
	{"f", {2025, 6, 12}, "The London talks at Lancaster House began in June.", "June",
	 "2025-06"},
	{"f", {2025, 6, 12}, "Beijing imposed licences on seven rare earths on 4 April.",
	 "4 April", "2025-04-04"},
	{"g", {2025, 4, 4}, "On Friday Beijing imposed export licences on seven rare earth "
	 "elements.", "Friday", "2025-04-04"},
	{"h", {2025, 4, 4}, "Stocks in Tokyo fell on Friday.", "Friday", "2025-04-04"},
};
#define N_CORPUS (sizeof corpus / sizeof corpus[0])

static void output_does_not_depend_on_input_order(void **state)
{
	(void)state;
	char *base = merge_render(corpus, NULL, N_CORPUS);
	size_t order[N_CORPUS];
	for (uint32_t seed = 1; seed <= 20; seed++) {
		for (size_t i = 0; i < N_CORPUS; i++)
			order[i] = i;
		shuffle(order, N_CORPUS, seed * 2654435761u);
		char *r = merge_render(corpus, order, N_CORPUS);
		assert_string_equal(r, base);
		free(r);
	}
	free(base);
}

/* merge(A + B) flattened, plus C, merged again == merge(A + B + C); copies are dropped. */
static void merging_is_associative(void **state)
{
	(void)state;
	char *all = merge_render(corpus, NULL, N_CORPUS);
	size_t cut1 = 4, cut2 = 8;
	tl_event *ev;
	size_t ne;
	/* (A + B) */
	assert_int_equal(merge(make_all(corpus, NULL, cut2), cut2, &ev, &ne),
			 TL_OK);
	tl_mref *flat;
	size_t nf;
	assert_int_equal(tl_merge_flatten(ev, ne, &flat, &nf, NULL), TL_OK);
	assert_int_equal(nf, cut2);
	/* + (B + C), B again as copies */
	size_t rest = N_CORPUS - cut1;
	tl_mention *more = make_all(corpus + cut1, NULL, rest);
	tl_mref *joined = realloc(flat, (nf + rest) * sizeof *joined);
	assert_non_null(joined);
	for (size_t i = 0; i < rest; i++) {
		assert_int_equal(tl_mref_intern(merged_pool, &more[i], &joined[nf + i]), TL_OK);
		tl_mention_free_fields(&more[i]);
	}
	free(more);
	assert_int_equal(tl_merge_refs(joined, nf + rest, &ev, &ne, NULL), TL_OK);
	char *r = render(ev, ne);
	free_events(ev, ne);
	assert_string_equal(r, all);
	free(r);
	free(all);
}

static void ids_are_stable(void **state)
{
	(void)state;
	tl_event *ev;
	size_t ne;
	assert_int_equal(merge(make_all(geneva, NULL, 4), 4, &ev, &ne), TL_OK);
	assert_int_equal(ne, 1);
	char id[17];
	memcpy(id, ev[0].id, sizeof id);
	for (size_t i = 0; i < 16; i++)
		assert_non_null(strchr("0123456789abcdef", id[i]));
	/* The anchor is the earliest published mention: doc "courier" (2025-05-12, before "wire"). */
	char want[17];
	size_t k = 0;
	while (strcmp(mention_of(&ev[0], k).doc, "courier") != 0)
		k++;
	tl_mention anchor = mention_of(&ev[0], k);
	tl_merge_event_id(&anchor, want);
	assert_string_equal(id, want);
	free_events(ev, ne);
	/* A later article joining the event keeps the id; a rebuild gives the same id. */
	assert_int_equal(merge(make_all(geneva, NULL, 3), 3, &ev, &ne), TL_OK);
	assert_int_equal(ne, 1);
	assert_string_equal(ev[0].id, id);
	free_events(ev, ne);
	/* A different anchor sentence gives a different id. */
	assert_int_equal(merge(make_all(geneva + 4, NULL, 1), 1, &ev, &ne),
			 TL_OK);
	assert_string_not_equal(ev[0].id, id);
	free_events(ev, ne);
}

/* Different days with different rates are different events, not a conflict. */
static void different_rates_on_near_days_stay_apart(void **state)
{
	(void)state;
	static const spec rates[] = {
		{"web", {2025, 4, 4}, "China's 34% tariff on all US goods takes effect on April 10.",
		 "April 10", "2025-04-10"},
		{"wire", {2025, 4, 11}, "China's 125% tariff on all US goods takes effect on "
		 "Saturday.", "Saturday", "2025-04-12"},
	};
	tl_event *ev;
	size_t ne;
	assert_int_equal(merge(make_all(rates, NULL, 2), 2, &ev, &ne), TL_OK);
	assert_int_equal(ne, 2);
	assert_null(ev[0].conflict);
	assert_null(ev[1].conflict);
	free_events(ev, ne);
}

/* Many copies of one statement in one article: one event, quickly (bounded work). */
static void many_copies_merge_in_bounded_time(void **state)
{
	(void)state;
	size_t n = 20000;
	tl_mention *ms = calloc(n, sizeof *ms);
	assert_non_null(ms);
	tl_mention one = make(&geneva[0]);
	for (size_t i = 0; i < n; i++) {
		ms[i] = make(&geneva[0]);
		ms[i].start = one.start + 100 * i;
		ms[i].end = one.end + 100 * i;
		ms[i].sentence_start = 100 * i;
	}
	tl_mention_free_fields(&one);
	tl_event *ev;
	size_t ne;
	assert_int_equal(merge(ms, n, &ev, &ne), TL_OK);
	assert_int_equal(ne, 1);
	assert_int_equal(ev[0].n_mentions, n);
	free_events(ev, ne);
}

/* A made-up word from a number: 32768 distinct ones, five syllables each. */
static void word(unsigned x, char *out)
{
	static const char *syl[] = {"ka", "lo", "mi", "ne", "ru", "ta", "vi", "so"};
	sprintf(out, "%s%s%s%s%s", syl[x % 8], syl[x / 8 % 8], syl[x / 64 % 8],
		syl[x / 512 % 8], syl[x / 4096 % 8]);
}

/* Many mentions over five days and their month, on random topics: day buckets
 * with more clusters than MAX_CANDIDATES, copies of one sentence from several
 * documents, month mentions compared with every day, near days (conflicts). */
static tl_mention *random_corpus(size_t n, unsigned seed)
{
	tl_mention *ms = calloc(n, sizeof *ms);
	assert_non_null(ms);
	char sentence[256], doc[32], value[16], date_text[16];
	unsigned x = seed;
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		unsigned r = x >> 8;
		bool month = r % 7 == 0;
		int day = 10 + (int)(r / 7 % 5);
		if (month) {
			snprintf(value, sizeof value, "2025-05");
			snprintf(date_text, sizeof date_text, "May");
		} else {
			snprintf(value, sizeof value, "2025-05-%02d", day);
			snprintf(date_text, sizeof date_text, "May %d", day);
		}
		/* One topic in 4 is one of a few recurring ones (copies, joins). */
		unsigned topic = r / 35 % 4 == 0 ? r / 140 % 12 : (unsigned)i + 1000;
		unsigned y = topic * 2654435761u;
		size_t len = (size_t)snprintf(sentence, sizeof sentence, "In %s,", date_text);
		for (int k = 0; k < 6; k++) {
			char w[16];
			/* recurring topics keep their words; others draw theirs */
			if (topic >= 1000) {
				x = x * 1103515245u + 12345u;
				y = x >> 8;
			} else {
				y = y * 1103515245u + 12345u;
			}
			word(y >> 4, w);
			len += (size_t)snprintf(sentence + len, sizeof sentence - len, " %s", w);
		}
		snprintf(sentence + len, sizeof sentence - len, ".");
		snprintf(doc, sizeof doc, "d%03u", (unsigned)(i % 400));
		spec sp = {doc, {2025, 5, 20}, sentence, date_text, value};
		ms[i] = make(&sp);
		ms[i].start += 1000 * i; /* distinct places within one doc */
		ms[i].end += 1000 * i;
		ms[i].sentence_start += 1000 * i;
		ms[i].sentence_end += 1000 * i;
	}
	return ms;
}

static char *merge_random(size_t n, unsigned seed, size_t index_min, size_t *joined)
{
	size_t saved = tl_merge_index_min;
	tl_merge_index_min = index_min;
	tl_event *ev;
	size_t ne;
	assert_int_equal(merge(random_corpus(n, seed), n, &ev, &ne), TL_OK);
	tl_merge_index_min = saved;
	*joined = 0;
	for (size_t i = 0; i < ne; i++)
		*joined += ev[i].n_mentions > 1;
	char *r = render(ev, ne);
	free_events(ev, ne);
	return r;
}

/* Scoring through the buckets' term indexes (merge_candidates.c) skips the
 * clusters sharing no term: every index threshold must give the clusters
 * that scoring each candidate gives. */
static void indexed_candidates_give_the_same_clusters(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 3; seed++) {
		size_t joined, other;
		char *direct = merge_random(3000, seed, SIZE_MAX, &joined);
		/* Enough joins (copies, similar topics, conflicts) to mean something. */
		assert_true(joined > 20);
		const size_t mins[] = {1, 2, 40};
		for (size_t k = 0; k < sizeof mins / sizeof *mins; k++) {
			char *indexed = merge_random(3000, seed, mins[k], &other);
			assert_string_equal(indexed, direct);
			assert_int_equal(other, joined);
			free(indexed);
		}
		free(direct);
	}
}

static void empty_input_gives_no_events(void **state)
{
	(void)state;
	tl_event *ev = (tl_event *)1;
	size_t ne = 7;
	assert_int_equal(merge(NULL, 0, &ev, &ne), TL_OK);
	assert_null(ev);
	assert_int_equal(ne, 0);
	free_events(ev, ne); /* the pool */
}

/* The string pool behind the reduce step: one copy per distinct string or
 * array, NUL-terminated, stable while the pool lives; large strings too. */
static void the_string_pool_keeps_one_copy(void **state)
{
	(void)state;
	tl_strpool *pool = tl_strpool_new();
	assert_non_null(pool);
	const char *a = tl_strpool_intern(pool, "tariffs rise", 6);
	const char *b = tl_strpool_intern(pool, "tariffs", 7);
	const char *c = tl_strpool_intern(pool, "tarif", 5);
	assert_string_equal(a, "tariff");
	assert_ptr_equal(a, tl_strpool_intern(pool, "tariff", 6));
	assert_ptr_not_equal(a, b);
	assert_ptr_not_equal(a, c);
	assert_string_equal(tl_strpool_intern(pool, "", 0), "");
	/* many strings: the index grows and chunks fill up; all stay valid */
	char key[32];
	const char *first = NULL;
	for (int i = 0; i < 100000; i++) {
		int n = snprintf(key, sizeof key, "word%d", i);
		const char *p = tl_strpool_intern(pool, key, (size_t)n);
		assert_non_null(p);
		if (i == 0)
			first = p;
	}
	assert_ptr_equal(first, tl_strpool_intern(pool, "word0", 5));
	assert_string_equal(tl_strpool_intern(pool, "word99999", 9), "word99999");
	/* a string larger than a chunk */
	size_t big = (size_t)3 << 20;
	char *text = malloc(big);
	assert_non_null(text);
	memset(text, 'x', big);
	const char *p = tl_strpool_intern(pool, text, big);
	assert_non_null(p);
	assert_int_equal(strlen(p), big);
	assert_ptr_equal(p, tl_strpool_intern(pool, text, big));
	free(text);
	/* arrays of pooled pointers */
	char *items[2] = {(char *)(uintptr_t)a, (char *)(uintptr_t)b};
	char **arr = tl_strpool_intern_array(pool, items, 2);
	assert_non_null(arr);
	assert_ptr_equal(arr, tl_strpool_intern_array(pool, items, 2));
	assert_ptr_not_equal(arr, tl_strpool_intern_array(pool, items, 1));
	assert_ptr_equal(arr[1], b);
	assert_true(tl_strpool_size(pool) > big);
	/* memos: a value per key, kept apart from the strings with those bytes */
	size_t v = 42, w = 7;
	assert_null(tl_strpool_memo_get(pool, "tariff", 6, sizeof v));
	assert_int_equal(tl_strpool_memo_put(pool, "tariff", 6, &v, sizeof v), TL_OK);
	assert_int_equal(tl_strpool_memo_put(pool, "tariff", 6, &w, sizeof w), TL_OK);
	const size_t *got = tl_strpool_memo_get(pool, "tariff", 6, sizeof v);
	assert_non_null(got);
	assert_int_equal(*got, 42); /* the first value stays */
	assert_null(tl_strpool_memo_get(pool, "tarif", 5, sizeof v));
	assert_ptr_equal(got, tl_strpool_memo_get_hashed(pool, "tariff", 6, sizeof v,
							 tl_strpool_memo_hash("tariff", 6)));
	assert_ptr_equal(a, tl_strpool_intern(pool, "tariff", 6));
	/* the lookup in steps finds what a plain one finds, and adds the same way */
	uint64_t h = tl_strpool_hash("tariff", 6);
	tl_strpool_prefetch(pool, h);
	assert_ptr_equal(a, tl_strpool_intern_hashed(pool, "tariff", 6, h));
	const char *d = tl_strpool_intern_hashed(pool, "duties", 6, tl_strpool_hash("duties", 6));
	assert_string_equal(d, "duties");
	assert_ptr_equal(d, tl_strpool_intern(pool, "duties", 6));
	/* a memo whose key is larger than the whole index */
	size_t memo_big = (size_t)8 << 20;
	char *memo_key = malloc(memo_big);
	assert_non_null(memo_key);
	memset(memo_key, 'k', memo_big);
	assert_int_equal(tl_strpool_memo_put(pool, memo_key, memo_big, &v, sizeof v), TL_OK);
	free(memo_key);
	/* sealed: what was handed out stays; nothing more is interned; the
	 * memos are freed with the index */
	size_t before = tl_strpool_size(pool);
	tl_strpool_seal(pool);
	assert_true(tl_strpool_size(pool) + memo_big <= before);
	assert_string_equal(a, "tariff");
	assert_string_equal(arr[1], "tariffs");
	assert_null(tl_strpool_intern(pool, "tariff", 6));
	assert_null(tl_strpool_memo_get(pool, "tariff", 6, sizeof v));
	assert_int_equal(tl_strpool_memo_put(pool, "new", 3, &v, sizeof v), TL_ENOMEM);
	tl_strpool_free(pool);
	tl_strpool_free(NULL);
	/* an empty pool has no memo */
	pool = tl_strpool_new();
	assert_non_null(pool);
	assert_null(tl_strpool_memo_get(pool, "x", 1, sizeof v));
	tl_strpool_free(pool);
}

/* Events come sorted by (first day, value, id), however many share a first
 * day (runs of one day are sorted apart from the days: merge.c). */
static void events_come_in_date_value_and_id_order(void **state)
{
	(void)state;
	enum { N = 60 };
	static const char *const words[] = {"harbor", "orchard", "violin", "glacier", "lantern",
					    "meadow", "quarry", "saddle", "tundra", "walnut"};
	static char sentences[N][160], docs[N][16];
	spec sp[N];
	for (size_t k = 0; k < N; k++) {
		/* unrelated sentences (no shared word), on two days and their month */
		snprintf(sentences[k], sizeof sentences[k], "%s%zu %s%zu %s%zu on Monday.",
			 words[k % 10], k, words[(k + 3) % 10], k * 7, words[(k + 6) % 10], k * 13);
		snprintf(docs[k], sizeof docs[k], "doc%zu", k);
		const char *value = k % 3 == 0 ? "2025-05" : k % 3 == 1 ? "2025-05-01" : "2025-05-02";
		sp[k] = (spec){docs[k], {2025, 5, 5}, sentences[k], "Monday", value};
	}
	tl_event *ev;
	size_t ne;
	assert_int_equal(merge(make_all(sp, NULL, N), N, &ev, &ne), TL_OK);
	assert_true(ne >= 40); /* more than 16 on one first day: both ways of sorting a run */
	for (size_t i = 1; i < ne; i++) {
		int c = tl_date_compare(ev[i - 1].first, ev[i].first);
		if (!c)
			c = strcmp(ev[i - 1].value, ev[i].value);
		if (!c)
			c = strcmp(ev[i - 1].id, ev[i].id);
		assert_true(c < 0);
	}
	free_events(ev, ne);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_are_compatible_when_nested),
		cmocka_unit_test(four_docs_make_one_event),
		cmocka_unit_test(conflicting_dates_are_flagged),
		cmocka_unit_test(conflicting_figures_are_flagged),
		cmocka_unit_test(copies_sharing_figure_arrays_keep_their_conflict),
		cmocka_unit_test(pooled_copies_share_one_body),
		cmocka_unit_test(the_table_hash_sees_every_byte),
		cmocka_unit_test(output_does_not_depend_on_input_order),
		cmocka_unit_test(merging_is_associative),
		cmocka_unit_test(ids_are_stable),
		cmocka_unit_test(different_rates_on_near_days_stay_apart),
		cmocka_unit_test(many_copies_merge_in_bounded_time),
		cmocka_unit_test(indexed_candidates_give_the_same_clusters),
		cmocka_unit_test(empty_input_gives_no_events),
		cmocka_unit_test(events_come_in_date_value_and_id_order),
		cmocka_unit_test(the_string_pool_keeps_one_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
