/*
 * fuzz_replay.h - the plain replay main() shared by every fuzz target. Built
 * without -DTL_FUZZ_LIBFUZZER, a target becomes a program that feeds each
 * file named on its command line to LLVMFuzzerTestOneInput once, so meson
 * test replays the seed corpus and every past crash without libFuzzer. A
 * target defines fuzz_teardown() to free what it keeps between inputs. It also
 * holds the one tagger the targets share across inputs (fuzz_tagger()).
 */
#ifndef TL_FUZZ_REPLAY_H
#define TL_FUZZ_REPLAY_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <timeline.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where the shared tagger lives (a function-local static, so targets that never
 * tag do not carry an unused variable). */
static inline tl_tagger **fuzz_tagger_slot(void)
{
	static tl_tagger *tagger;
	return &tagger;
}

/* The tagger shared by every input, built on first use; aborts if it cannot be. */
static inline tl_tagger *fuzz_tagger(void)
{
	tl_tagger **slot = fuzz_tagger_slot();
	if (!*slot) {
		tl_error err;
		*slot = tl_tagger_new(&err);
		if (!*slot) {
			fprintf(stderr, "fuzz: %s\n", err.message);
			abort();
		}
	}
	return *slot;
}

/* Frees the shared tagger (for fuzz_teardown()). */
static inline void fuzz_tagger_free(void)
{
	tl_tagger_free(*fuzz_tagger_slot());
	*fuzz_tagger_slot() = NULL;
}

#ifndef TL_FUZZ_LIBFUZZER
static void fuzz_teardown(void);

static int fuzz_replay_file(const char *path)
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
	int read_error = ferror(f);
	fclose(f);
	if (!buf || read_error) {
		fprintf(stderr, "fuzz: %s: %s\n", path, buf ? "read error" : "out of memory");
		free(buf);
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
		failed |= fuzz_replay_file(argv[i]);
	fuzz_teardown();
	printf("replayed %d input(s)\n", argc - 1);
	return failed;
}
#endif

#endif /* TL_FUZZ_REPLAY_H */
