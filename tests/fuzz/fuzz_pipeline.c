/*
 * fuzz_pipeline.c - one fuzz target for every entry point that reads
 * untrusted bytes: the article reader (header, front matter, dateline,
 * cleanup), the tagger, and the tag writers. The first input byte picks the
 * article date and whether the header is honoured, the rest is the article.
 * Built two ways: with -DTL_FUZZ_LIBFUZZER as a libFuzzer target (meson
 * -Dfuzzing=true, clang), and by default as a replay program that runs every
 * file given on the command line, so `meson test` replays the seed corpus and
 * every past crash in plain CI.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <timeline.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static tl_tagger *shared_tagger(void)
{
	static tl_tagger *tagger;
	if (!tagger) {
		tl_error err;
		tagger = tl_tagger_new(&err);
		if (!tagger) {
			fprintf(stderr, "fuzz: %s\n", err.message);
			abort();
		}
	}
	return tagger;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const dates[] = {"2025-06-11", "1998-03-04", "2000-02-29", "0001-01-01",
					    "9999-12-31", "2024-12-30", "2025-01-01", NULL};
	if (size < 1)
		return 0;
	unsigned pick = data[0];
	tl_article_meta meta = {.date = dates[pick % 8], .date_source = TL_DATE_OPTION,
				.infer_date = (pick & 0x10) != 0};
	tl_error err;
	tl_article *article = tl_article_from_bytes((const char *)data + 1, size - 1, "fuzz.txt",
						    "fuzz", &meta, &err);
	if (!article)
		return 0;
	FILE *sink = fopen("/dev/null", "w");
	if (!sink)
		abort();
	if (tl_article_tag(article, shared_tagger(), &err) == TL_OK) {
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
static int replay(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "fuzz: %s: cannot open\n", path);
		return 1;
	}
	size_t cap = 1 << 16, len = 0, n;
	uint8_t *buf = malloc(cap);
	while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			uint8_t *grown = realloc(buf, cap * 2);
			if (!grown) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = grown;
			cap *= 2;
		}
	}
	fclose(f);
	if (!buf) {
		fprintf(stderr, "fuzz: %s: out of memory\n", path);
		return 1;
	}
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int failed = 0;
	for (int i = 1; i < argc; i++)
		failed |= replay(argv[i]);
	tl_tagger_free(shared_tagger());
	printf("replayed %d input(s)\n", argc - 1);
	return failed;
}
#endif
