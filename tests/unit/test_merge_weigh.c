/*
 * test_merge_weigh.c - unit tests of what the merge is given or lends
 * beside the clustering: the words of sentences found before the merge
 * (tl_merge_refs_words, merge_weigh.c: the same events as finding them in
 * the merge, and really used when given) and an event's actors and
 * keywords borrowed from the pool of its mentions (merge_event.c). Each
 * test owns its pool, mentions and events.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract.h"
#include "hash.h"
#include "merge.h"

/* A mention of value (a day) in doc, published on that day, as extract makes it. */
static tl_mention make(const char *doc, const char *sentence, const char *date_text,
		       const char *value)
{
	tl_timex t;
	memset(&t, 0, sizeof t);
	t.type = TL_TIMEX_DATE;
	t.grain = TL_GRAIN_DAY;
	strncpy(t.value, value, sizeof t.value - 1);
	const char *p = strstr(sentence, date_text);
	assert_non_null(p);
	tl_sentence_timex st = {(size_t)(p - sentence), (size_t)(p - sentence) + strlen(date_text),
				&t};
	tl_mention m;
	tl_date published = {2025, 6, 5};
	assert_int_equal(tl_extract_sentence(sentence, strlen(sentence), &st, 1, 0, published, &m),
			 TL_OK);
	m.doc = strdup(doc);
	assert_non_null(m.doc);
	m.article_date = published;
	/* Offsets as if the sentence started at byte 100 of its file. */
	m.sentence_start = 100;
	m.sentence_end = 100 + strlen(sentence);
	m.start = 100 + st.start;
	m.end = 100 + st.end;
	return m;
}

static const char *const sentences[] = {
	"Farmers harvested the wheat crop early on June 5, 2025, despite the drought.",
	"Volcano Etna erupted near mountain villages on June 5, 2025, forcing evacuations.",
	"Farmers harvested wheat early on June 5, 2025, as the drought went on.",
};
#define N_SENTENCES (sizeof sentences / sizeof sentences[0])

/* The mentions of sentences[0..n) (doc "d<k>"), interned into pool. */
static tl_mref *make_refs(tl_strpool *pool, size_t n)
{
	tl_mref *refs = calloc(n + 1, sizeof *refs);
	assert_non_null(refs);
	for (size_t k = 0; k < n; k++) {
		char doc[24]; /* "d" and any size_t */
		snprintf(doc, sizeof doc, "d%zu", k);
		tl_mention m = make(doc, sentences[k], "June 5, 2025", "2025-06-05");
		assert_int_equal(tl_mref_intern(pool, &m, &refs[k]), TL_OK);
		tl_mention_free_fields(&m);
	}
	return refs;
}

/* words[k] for sentence k of refs: the given words, pooled. */
static tl_sentence_words *make_words(tl_strpool *pool, const tl_mref *refs, size_t n,
				     const tl_strings *given)
{
	tl_sentence_words *words = calloc(n + 1, sizeof *words);
	assert_non_null(words);
	for (size_t k = 0; k < n; k++) {
		char **items = calloc(given[k].count + 1, sizeof *items);
		assert_non_null(items);
		for (size_t i = 0; i < given[k].count; i++) {
			const char *p = tl_strpool_intern(pool, given[k].items[i],
							  strlen(given[k].items[i]));
			assert_non_null(p);
			items[i] = (char *)(uintptr_t)p;
		}
		words[k].sentence = refs[k].body->sentence;
		words[k].words.items = tl_strpool_intern_array(pool, items, given[k].count);
		words[k].words.count = given[k].count;
		assert_non_null(words[k].words.items);
		free(items);
	}
	return words;
}

static void free_events(tl_event *ev, size_t n)
{
	for (size_t i = 0; i < n; i++)
		tl_event_free_fields(&ev[i]);
	free(ev);
}

/* Given the words the merge would find itself (in reverse order, one of them
 * twice), the events are the same, field for field. */
static void test_given_words_same_events(void **state)
{
	(void)state;
	tl_strpool *pool = tl_strpool_new();
	assert_non_null(pool);
	tl_mref *refs = make_refs(pool, N_SENTENCES);
	tl_strings found[N_SENTENCES + 1];
	memset(found, 0, sizeof found);
	for (size_t k = 0; k < N_SENTENCES; k++) {
		assert_int_equal(tl_extract_keywords(sentences[N_SENTENCES - 1 - k],
						     strlen(sentences[N_SENTENCES - 1 - k]),
						     &found[k]), TL_OK);
		tl_strings_finish(&found[k]);
	}
	found[N_SENTENCES] = found[0];
	tl_mref *reversed = calloc(N_SENTENCES + 2, sizeof *reversed);
	assert_non_null(reversed);
	for (size_t k = 0; k < N_SENTENCES; k++)
		reversed[k] = refs[N_SENTENCES - 1 - k];
	reversed[N_SENTENCES] = reversed[0];
	tl_sentence_words *words = make_words(pool, reversed, N_SENTENCES + 1, found);
	free(reversed);
	tl_mref *copy = malloc(N_SENTENCES * sizeof *copy);
	assert_non_null(copy);
	memcpy(copy, refs, N_SENTENCES * sizeof *copy);

	tl_event *a, *b;
	size_t na, nb;
	assert_int_equal(tl_merge_refs(refs, N_SENTENCES, &a, &na, NULL), TL_OK);
	assert_int_equal(tl_merge_refs_words(copy, N_SENTENCES, words, N_SENTENCES + 1, &b, &nb,
					     NULL), TL_OK);
	assert_int_equal(na, 2); /* the harvest twice, the eruption */
	assert_int_equal(nb, na);
	for (size_t e = 0; e < na; e++) {
		assert_string_equal(a[e].id, b[e].id);
		assert_string_equal(a[e].value, b[e].value);
		assert_string_equal(a[e].title, b[e].title);
		assert_int_equal(a[e].n_mentions, b[e].n_mentions);
		assert_true(a[e].confidence == b[e].confidence);
		assert_int_equal(a[e].keywords.count, b[e].keywords.count);
		for (size_t k = 0; k < a[e].keywords.count; k++)
			assert_ptr_equal(a[e].keywords.items[k], b[e].keywords.items[k]);
	}
	free_events(a, na);
	free_events(b, nb);
	for (size_t k = 0; k < N_SENTENCES; k++)
		tl_strings_free(&found[k]);
	tl_strpool_free(pool);
}

/* Given words are used as they are: the same made-up words for the harvest
 * and the eruption put them in one event, which their own words do not. */
static void test_given_words_used(void **state)
{
	(void)state;
	tl_strpool *pool = tl_strpool_new();
	assert_non_null(pool);
	tl_mref *refs = make_refs(pool, 2);
	tl_strings same = {NULL, 0};
	static const char *const made_up[] = {"alpha", "bravo", "charli", "delta", "echo",
					      "foxtrot", "golf", "hotel", "india", "juliet",
					      "kilo", "lima"};
	for (size_t i = 0; i < sizeof made_up / sizeof made_up[0]; i++)
		assert_int_equal(tl_strings_push(&same, made_up[i], strlen(made_up[i])), TL_OK);
	tl_strings_finish(&same);
	tl_strings given[2] = {same, same};
	tl_sentence_words *words = make_words(pool, refs, 2, given);
	tl_mref *copy = malloc(2 * sizeof *copy);
	assert_non_null(copy);
	memcpy(copy, refs, 2 * sizeof *copy);

	tl_event *ev;
	size_t n;
	assert_int_equal(tl_merge_refs(refs, 2, &ev, &n, NULL), TL_OK);
	assert_int_equal(n, 2);
	free_events(ev, n);
	assert_int_equal(tl_merge_refs_words(copy, 2, words, 2, &ev, &n, NULL), TL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].n_mentions, 2);
	free_events(ev, n);
	tl_strings_free(&same);
	tl_strpool_free(pool);
}

/* An event's keywords and actors are its mentions' pooled strings, sorted
 * and unique across them; freeing the event leaves them to the pool. */
static void test_event_strings_borrowed(void **state)
{
	(void)state;
	tl_strpool *pool = tl_strpool_new();
	assert_non_null(pool);
	tl_mref *refs = make_refs(pool, N_SENTENCES);
	tl_event *ev;
	size_t n;
	assert_int_equal(tl_merge_refs(refs, N_SENTENCES, &ev, &n, NULL), TL_OK);
	for (size_t e = 0; e < n; e++) {
		const tl_strings *kw = &ev[e].keywords;
		assert_true(kw->count > 0);
		for (size_t k = 0; k < kw->count; k++) {
			if (k > 0)
				assert_true(strcmp(kw->items[k - 1], kw->items[k]) < 0);
			bool held = false;
			for (size_t i = 0; i < ev[e].n_mentions && !held; i++) {
				const tl_strings *mk = &ev[e].refs[i].body->keywords;
				for (size_t j = 0; j < mk->count && !held; j++)
					held = mk->items[j] == kw->items[k];
			}
			assert_true(held);
		}
	}
	/* The union of the harvest's two mentions: "wheat" once, both crops' words. */
	size_t harvest = ev[0].n_mentions == 2 ? 0 : 1;
	assert_int_equal(ev[harvest].n_mentions, 2);
	assert_true(tl_strings_has(&ev[harvest].keywords, "wheat"));
	free_events(ev, n);
	tl_strpool_free(pool); /* ASan: nothing freed twice */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_given_words_same_events),
		cmocka_unit_test(test_given_words_used),
		cmocka_unit_test(test_event_strings_borrowed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
