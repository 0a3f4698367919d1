/*
 * fuzz_pipeline.c - one fuzz target for every entry point that reads
 * untrusted bytes: the article reader (header, front matter, dateline,
 * cleanup), the tagger, and the tag writers. The first input byte picks the
 * article date (or none, so the date must come from the header block, front
 * matter, dateline or, with --infer-date, the text) and --infer-date; the rest
 * is the article. Its metadata getters are read back.
 * Built two ways: with -DTL_FUZZ_LIBFUZZER as a libFuzzer target (meson
 * -Dfuzzing=true, clang), and by default as a replay program that runs every
 * file given on the command line, so `meson test` replays the seed corpus and
 * every past crash in plain CI (the main() is in fuzz_replay.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <timeline.h>

#include "fuzz_replay.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const dates[] = {"2025-06-11", "1998-03-04", "2000-02-29", "0001-01-01",
					    "9999-12-31", "2024-12-30", "2025-01-01", NULL};
	if (size < 1)
		return 0;
	unsigned pick = data[0];
	tl_article_meta meta = {.date = dates[pick % 8], .date_source = TL_DATE_OPTION,
				.infer_date = (pick & 0x10) != 0};
	if (pick & 0x20) { /* no outside date: header, front matter, dateline, file name */
		meta.date = NULL;
		meta.date_source = TL_DATE_NONE;
	}
	tl_error err;
	tl_article *article = tl_article_from_bytes((const char *)data + 1, size - 1, "fuzz.txt",
						    "fuzz", &meta, &err);
	if (!article)
		return 0;
	tl_date d = tl_article_date(article);
	if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31)
		abort(); /* an article always has a real date */
	const char *fields[] = {tl_article_name(article), tl_article_title(article),
				tl_article_source(article), tl_article_url(article),
				tl_article_warnings(article),
				tl_date_source_name(tl_article_date_source(article))};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (fields[i])
			(void)strlen(fields[i]);
	FILE *sink = fopen("/dev/null", "w");
	if (!sink)
		abort();
	if (tl_article_tag(article, fuzz_tagger(), &err) == TL_OK) {
		size_t len;
		const char *bytes = tl_article_bytes(article, &len);
		for (size_t i = 0; i < tl_article_timex_count(article); i++) {
			const tl_timex *t = tl_article_timex(article, i);
			if (t->start > t->end || t->end > len || !bytes)
				abort(); /* offsets must stay inside the original bytes */
		}
		tl_write_tags_jsonl(sink, article, &err);
		tl_write_tags_timeml(sink, article, &err);
	}
	fclose(sink);
	tl_article_free(article);
	return 0;
}

#ifndef TL_FUZZ_LIBFUZZER
static void fuzz_teardown(void)
{
	fuzz_tagger_free();
}
#endif
