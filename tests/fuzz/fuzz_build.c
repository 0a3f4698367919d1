/*
 * fuzz_build.c - libFuzzer target for the whole build: the input is split at
 * "\n====\n" into up to three articles, written to a temporary folder and
 * loaded with tl_corpus_add_path(), then tl_timeline_build() runs and the
 * timeline is written in every format (which must succeed), and each
 * article's map-step mentions, into /dev/null. The first byte picks the corpus options (--date or none,
 * --infer-date) and the number of jobs. Built as a replay program without
 * libFuzzer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <timeline.h>

#include "fuzz_replay.h"
#include "fuzz_tmpfile.h"

#define MAX_DOCS 3

static const char *const doc_names[MAX_DOCS] = {"docs/a.txt", "docs/b.md", "docs/sub/a.txt"};


static void make_dirs(void)
{
	static int done;
	if (done)
		return;
	char path[256];
	if (snprintf(path, sizeof path, "%s/docs", fuzz_tmpdir()) >= (int)sizeof path ||
	    mkdir(path, 0700) != 0)
		abort();
	if (snprintf(path, sizeof path, "%s/docs/sub", fuzz_tmpdir()) >= (int)sizeof path ||
	    mkdir(path, 0700) != 0)
		abort();
	done = 1;
}

static const uint8_t *find_separator(const uint8_t *p, const uint8_t *end)
{
	static const char sep[] = "\n====\n";
	size_t n = sizeof sep - 1;
	for (; p && (size_t)(end - p) >= n; p++)
		if (memcmp(p, sep, n) == 0)
			return p;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const dates[] = {NULL, "2025-06-11", "2000-02-29", "0001-01-01"};
	if (size < 1)
		return 0;
	make_dirs();
	unsigned pick = data[0];
	const uint8_t *p = data + 1, *end = data + size;
	size_t docs = 0;
	char path[256];
	while (docs < MAX_DOCS) {
		const uint8_t *sep = docs + 1 < MAX_DOCS ? find_separator(p, end) : NULL;
		const uint8_t *stop = sep ? sep : end;
		fuzz_write_file(doc_names[docs], p, (size_t)(stop - p), path, sizeof path);
		docs++;
		if (!sep)
			break;
		p = sep + 6;
	}
	for (size_t i = docs; i < MAX_DOCS; i++)
		fuzz_remove(doc_names[i]);

	tl_corpus_options copts = {.date = dates[pick & 3], .infer_date = (pick & 4) != 0};
	tl_error err;
	tl_corpus *corpus = tl_corpus_new(&copts, &err);
	if (!corpus)
		abort();
	if (snprintf(path, sizeof path, "%s/docs", fuzz_tmpdir()) >= (int)sizeof path)
		abort();
	(void)tl_corpus_add_path(corpus, path, &err);
	tl_build_options bopts = {.jobs = (pick & 8) ? 2 : 1,
				  .min_confidence = (pick & 16) ? 0.5 : 0.0};
	tl_timeline *timeline = tl_timeline_build(corpus, fuzz_tagger(), &bopts, &err);
	FILE *sink = fopen("/dev/null", "w");
	if (!sink)
		abort();
	if (timeline) {
		static const tl_format formats[] = {TL_FORMAT_JSON, TL_FORMAT_ICS, TL_FORMAT_CSV,
						    TL_FORMAT_MD};
		tl_export_options eopts = {.include_vague = (pick & 32) != 0,
					   .excel = (pick & 64) != 0};
		for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
			if (tl_timeline_write(timeline, formats[i], &eopts, sink, &err) != TL_OK) {
				fprintf(stderr, "fuzz: export failed: %s\n", err.message);
				abort(); /* a built timeline can be written in every format */
			}
		}
		tl_timeline_free(timeline);
	}
	for (size_t i = 0; i < tl_corpus_count(corpus); i++)
		(void)tl_article_write_mentions(sink, tl_corpus_article(corpus, i),
						fuzz_tagger(), &err);
	if (fclose(sink) != 0)
		abort();
	tl_corpus_free(corpus);
	return 0;
}

#ifndef TL_FUZZ_LIBFUZZER
static void fuzz_teardown(void)
{
	for (size_t i = 0; i < MAX_DOCS; i++)
		fuzz_remove(doc_names[i]);
	fuzz_remove("docs/sub");
	fuzz_remove("docs");
	fuzz_remove_dir();
	fuzz_tagger_free();
}
#endif
