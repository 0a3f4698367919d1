/* test_timeline.c - unit tests for tl_timeline_build (timeline.c) over the sample corpus. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "event.h"

#define MANIFEST TL_SOURCE_ROOT "/samples/manifest.csv"

static tl_timeline *build(const tl_build_options *options)
{
	tl_error err = {0, ""};
	tl_corpus *corpus = tl_corpus_new(NULL, &err);
	assert_non_null(corpus);
	assert_true(tl_corpus_add_manifest(corpus, MANIFEST, &err) >= 0);
	assert_true(tl_corpus_count(corpus) > 0);
	tl_tagger *tagger = tl_tagger_new(&err);
	assert_non_null(tagger);
	tl_timeline *t = tl_timeline_build(corpus, tagger, options, &err);
	if (!t)
		print_error("build failed: %s\n", err.message);
	assert_non_null(t);
	tl_tagger_free(tagger);
	tl_corpus_free(corpus);
	return t;
}

static char *as_json(const tl_timeline *t)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	assert_non_null(f);
	assert_int_equal(tl_timeline_write(t, TL_FORMAT_JSON, NULL, f, NULL), TL_OK);
	assert_int_equal(fclose(f), 0);
	return data;
}

static void same_output_for_any_thread_count(void **state)
{
	(void)state;
	tl_build_options one = {.jobs = 1};
	tl_timeline *t1 = build(&one);
	char *j1 = as_json(t1);
	for (int jobs = 0; jobs <= 5; jobs += 2) {
		tl_build_options opt = {.jobs = jobs};
		tl_timeline *t = build(&opt);
		char *j = as_json(t);
		assert_string_equal(j, j1);
		free(j);
		tl_timeline_free(t);
	}
	free(j1);
	tl_timeline_free(t1);
}

typedef struct progress_log {
	pthread_t caller;
	size_t calls, last_done, last_bytes, total;
	int bad; /* a call from another thread, or figures going backwards */
} progress_log;

static void on_progress(void *data, size_t done, size_t total, size_t bytes_done)
{
	progress_log *log = data;
	if (!pthread_equal(pthread_self(), log->caller) || done <= log->last_done ||
	    bytes_done < log->last_bytes || done > total)
		log->bad++;
	log->calls++;
	log->last_done = done;
	log->last_bytes = bytes_done;
	log->total = total;
}

/* Progress comes from the calling thread, grows, ends at the total; the output is unchanged. */
static void progress_is_reported(void **state)
{
	(void)state;
	tl_build_options plain = {.jobs = 1};
	tl_timeline *t0 = build(&plain);
	char *j0 = as_json(t0);
	for (int jobs = 1; jobs <= 3; jobs += 2) {
		progress_log log = {.caller = pthread_self()};
		tl_build_options opt = {.jobs = jobs, .progress = on_progress, .progress_data = &log};
		tl_timeline *t = build(&opt);
		char *j = as_json(t);
		assert_string_equal(j, j0);
		assert_int_equal(log.bad, 0);
		assert_true(log.calls >= 1);
		assert_true(log.total > 0);
		assert_int_equal(log.last_done, log.total);
		assert_true(log.last_bytes > 0);
		if (jobs == 1)
			assert_int_equal(log.calls, log.total);
		free(j);
		tl_timeline_free(t);
	}
	free(j0);
	tl_timeline_free(t0);
}

static void stamp_name_order_and_confidence(void **state)
{
	(void)state;
	tl_build_options opt = {.min_confidence = 0.5, .jobs = 2};
	tl_timeline *t = build(&opt);
	assert_string_equal(t->name, "timeline");
	assert_int_equal(t->stamp.year, 2025);
	assert_int_equal(t->stamp.month, 11);
	assert_int_equal(t->stamp.day, 1);
	assert_int_equal(tl_timeline_event_count(t), t->n_events);
	for (size_t i = 0; i < t->n_events; i++) {
		const tl_event *e = &t->events[i];
		assert_true(e->confidence >= 0.5);
		assert_true(e->n_mentions >= 1);
		assert_int_equal(strlen(e->id), 16);
		if (i == 0)
			continue;
		const tl_event *p = &t->events[i - 1];
		long a = p->first.year * 10000L + p->first.month * 100 + p->first.day;
		long b = e->first.year * 10000L + e->first.month * 100 + e->first.day;
		assert_true(a < b || (a == b && (strcmp(p->value, e->value) < 0 ||
			    (strcmp(p->value, e->value) == 0 && strcmp(p->id, e->id) < 0))));
	}
	size_t kept = t->n_events;
	tl_timeline_free(t);

	tl_build_options all = {.jobs = 2, .name = "trade war"};
	t = build(&all);
	assert_string_equal(t->name, "trade war");
	assert_true(t->n_events >= kept);
	tl_timeline_free(t);
}

static void missing_arguments_are_usage_errors(void **state)
{
	(void)state;
	tl_error err = {0, ""};
	assert_null(tl_timeline_build(NULL, NULL, NULL, &err));
	assert_int_equal(err.code, TL_EUSAGE);
	tl_timeline_free(NULL);
}

/* Copies of one record that differ only by their doc (other outlets) are
 * read once and reused (mentions_io.c): each keeps its own doc, a doc with
 * an escape is read in full, and a record differing anywhere else is not
 * taken for a copy. */
#define REST_OF_RECORD \
	"\",\"start\":132,\"end\":144,\"text\":\"a year later\",\"sentence\":\"ROME, Ju" \
	"ly 15 (Global Desk) - Many regulators a year later proposed a doping test.\"," \
	"\"title\":\"Many regulators proposed a doping test\",\"value\":\"2024\",\"sour" \
	"ce\":\"Global Desk\",\"article_date\":\"2023-07-15\",\"type\":\"DATE\",\"grain" \
	"\":\"year\",\"first\":\"2024-01-01\",\"end_date\":\"2025-01-01\",\"sentence_st" \
	"art\":86,\"sentence_end\":160,\"status\":\"planned\",\"confidence\":0.2%s"
static void record_copies_keep_their_docs(void **state)
{
	(void)state;
	char path[] = "/tmp/tl-test-copies-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	static const char *const docs[] = {"a0000000", "b~1", "c\\u0041", "d"};
	for (size_t i = 0; i < 4; i++)
		fprintf(f, "{\"doc\":\"%s" REST_OF_RECORD ",\"actors\":[],\"keywords\":"
			"[\"dop\",\"regulator\",\"test\"],\"figures\":[]}\n",
			docs[i], i == 3 ? "3" : "");
	assert_int_equal(fclose(f), 0);
	const char *paths[] = {path};
	tl_error err = {0, ""};
	tl_timeline *t = tl_timeline_merge_files(paths, 1, NULL, &err);
	assert_int_equal(remove(path), 0);
	assert_non_null(t);
	assert_int_equal(t->n_events, 1);
	const tl_event *e = &t->events[0];
	assert_int_equal(e->n_mentions, 4);
	static const char *const want[] = {"a0000000", "b~1", "cA", "d"};
	for (size_t i = 0; i < 4; i++) {
		tl_mention scratch;
		const tl_mention *m = tl_event_mention(e, i, &scratch);
		assert_string_equal(m->doc, want[i]);
		assert_string_equal(m->source, "Global Desk");
		assert_string_equal(m->value, "2024");
		assert_int_equal(m->start, 132);
		assert_int_equal(m->article_date.day, 15);
		assert_true(m->confidence == (i == 3 ? 0.23 : 0.2));
	}
	tl_timeline_free(t);
}

/* The failures a corpus passes to on_error, in order. */
typedef struct failure_log {
	size_t n;
	char first[64], last[64]; /* the file names that end their messages' first word */
} failure_log;

static void on_failure(void *data, const tl_error *e)
{
	failure_log *log = data;
	const char *slash = strrchr(e->message, '/');
	const char *colon = slash ? strchr(slash, ':') : NULL;
	assert_non_null(colon);
	char *to = log->n++ ? log->last : log->first;
	snprintf(to, 64, "%.*s", (int)(colon - slash - 1), slash + 1);
}

/* A folder's timeline, its files read at once or once each (defer_reads) with jobs
 * threads; the failures go to log. */
static char *build_folder(const char *dir, bool defer, int jobs, failure_log *log)
{
	tl_error err = {0, ""};
	tl_corpus_options co = {.lazy = true, .defer_reads = defer, .on_error = on_failure,
				.userdata = log};
	tl_corpus *corpus = tl_corpus_new(&co, &err);
	assert_non_null(corpus);
	assert_int_equal(tl_corpus_add_path(corpus, dir, &err), defer ? 0 : 2);
	tl_tagger *tagger = tl_tagger_new(&err);
	assert_non_null(tagger);
	tl_build_options bo = {.jobs = jobs};
	tl_timeline *t = tl_timeline_build(corpus, tagger, &bo, &err);
	assert_non_null(t);
	assert_int_equal(log->n, defer ? 0 : 2); /* held until the report */
	assert_int_equal(tl_corpus_report(corpus, &err), 2);
	char *json = as_json(t);
	tl_timeline_free(t);
	tl_tagger_free(tagger);
	tl_corpus_free(corpus);
	return json;
}

/* defer_reads: each file is read once, by the build's threads; the files that fail
 * then are skipped and reported afterwards in the order of loading, and the timeline
 * is the one of the same folder read at once. */
static void deferred_reads_build_the_same(void **state)
{
	(void)state;
	char dir[] = "/tmp/tl-test-deferred-XXXXXX";
	assert_non_null(mkdtemp(dir));
	static const char *const samples[] = {"2025-02-04-fentanyl-tariff-wire.txt",
					      "2025-04-02-liberation-day-wire.txt",
					      "2025-05-12-geneva-wire.txt"};
	char path[512], target[512];
	for (size_t i = 0; i < 3; i++) {
		snprintf(target, sizeof target, "%s/samples/%s", TL_SOURCE_ROOT, samples[i]);
		snprintf(path, sizeof path, "%s/%s", dir, samples[i]);
		assert_int_equal(symlink(target, path), 0);
	}
	static const char *const undated[] = {"a-undated.txt", "m-undated.txt"};
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, undated[i]);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs("The talks ended on Tuesday, June 3, 2025.\n", f);
		assert_int_equal(fclose(f), 0);
	}
	failure_log at_once = {0};
	char *want = build_folder(dir, false, 1, &at_once);
	assert_string_equal(at_once.first, "a-undated.txt");
	assert_string_equal(at_once.last, "m-undated.txt");
	assert_non_null(strstr(want, "geneva"));
	for (int jobs = 1; jobs <= 3; jobs += 2) {
		failure_log once = {0};
		char *got = build_folder(dir, true, jobs, &once);
		assert_string_equal(got, want);
		assert_int_equal(once.n, 2);
		assert_string_equal(once.first, "a-undated.txt");
		assert_string_equal(once.last, "m-undated.txt");
		free(got);
	}
	free(want);
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, samples[i]);
		assert_int_equal(unlink(path), 0);
	}
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, undated[i]);
		assert_int_equal(unlink(path), 0);
	}
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_output_for_any_thread_count),
		cmocka_unit_test(stamp_name_order_and_confidence),
		cmocka_unit_test(progress_is_reported),
		cmocka_unit_test(missing_arguments_are_usage_errors),
		cmocka_unit_test(record_copies_keep_their_docs),
		cmocka_unit_test(deferred_reads_build_the_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
