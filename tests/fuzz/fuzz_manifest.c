/*
 * fuzz_manifest.c - libFuzzer target for the manifest reader: the input is
 * written to a temporary manifest.csv beside three small articles (a.txt,
 * sub/b.md and "c, d.txt") it may name, then tl_corpus_add_manifest() loads
 * it and every article's metadata is read back. The first byte picks the
 * corpus options (--date, --infer-date). Built as a replay program without
 * libFuzzer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <timeline.h>

#include "fuzz_replay.h"
#include "fuzz_tmpfile.h"

static const char article_a[] = "Title: Talks\nDate: 2025-06-11\n\nTalks resumed on Monday "
				"after a pause in April 2024.\n";
static const char article_b[] = "---\ntitle: Vote\ndate: 2025-05-02\n---\n\nThe vote is set "
				"for next Tuesday.\n";
static const char article_c[] = "LONDON, June 11 (Reuters) - A deal was signed yesterday.\n";

static void fuzz_setup(void)
{
	static int done;
	if (done)
		return;
	char path[256];
	fuzz_write_file("a.txt", (const uint8_t *)article_a, sizeof article_a - 1, path,
			sizeof path);
	if (snprintf(path, sizeof path, "%s/sub", fuzz_tmpdir()) >= (int)sizeof path)
		abort();
	if (mkdir(path, 0700) != 0)
		abort();
	fuzz_write_file("sub/b.md", (const uint8_t *)article_b, sizeof article_b - 1, path,
			sizeof path);
	fuzz_write_file("c, d.txt", (const uint8_t *)article_c, sizeof article_c - 1, path,
			sizeof path);
	done = 1;
}

static void ignore_diag(void *userdata, const tl_error *error)
{
	(void)userdata;
	if (!memchr(error->message, '\0', sizeof error->message))
		abort(); /* messages are always terminated */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	fuzz_setup();
	char manifest[256];
	fuzz_write_file("manifest.csv", data + 1, size - 1, manifest, sizeof manifest);
	tl_corpus_options options = {.date = (data[0] & 1) ? "2024-02-29" : NULL,
				     .infer_date = (data[0] & 2) != 0,
				     .on_error = ignore_diag};
	tl_error err;
	tl_corpus *corpus = tl_corpus_new(&options, &err);
	if (!corpus)
		abort();
	int rc = tl_corpus_add_manifest(corpus, manifest, &err);
	if (rc < 0 && !memchr(err.message, '\0', sizeof err.message))
		abort();
	size_t n = tl_corpus_count(corpus);
	for (size_t i = 0; i < n; i++) {
		tl_article *a = tl_corpus_article(corpus, i);
		if (!a || !tl_article_name(a))
			abort();
		tl_date d = tl_article_date(a);
		if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1 ||
		    d.day > 31)
			abort(); /* a loaded article always has a real date */
		const char *s = tl_article_title(a);
		if (s)
			(void)strlen(s);
		s = tl_article_source(a);
		if (s)
			(void)strlen(s);
		s = tl_article_url(a);
		if (s)
			(void)strlen(s);
	}
	tl_corpus_free(corpus);
	return 0;
}

#ifndef TL_FUZZ_LIBFUZZER
static void fuzz_teardown(void)
{
	fuzz_remove("manifest.csv");
	fuzz_remove("a.txt");
	fuzz_remove("sub/b.md");
	fuzz_remove("c, d.txt");
	fuzz_remove("sub");
	fuzz_remove_dir();
}
#endif
