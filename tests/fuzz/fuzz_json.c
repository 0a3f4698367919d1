/*
 * fuzz_json.c - libFuzzer target for the readers of our own JSON: timeline
 * JSON (tl_timeline_read_json) and mention JSON Lines or timelines given to
 * the reduce step (tl_timeline_merge_files). The input goes to a temporary
 * file; the first byte picks the reader and whether the file is merged with
 * itself. A timeline that loads is then written in every format (which must
 * succeed), diffed with itself (no changes expected) and written as a diff,
 * all into /dev/null.
 * Built as a replay program without libFuzzer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <timeline.h>

#include "fuzz_replay.h"
#include "fuzz_tmpfile.h"

static void write_everything(const tl_timeline *timeline)
{
	FILE *sink = fopen("/dev/null", "w");
	if (!sink)
		abort();
	tl_error err;
	static const tl_format formats[] = {TL_FORMAT_JSON, TL_FORMAT_ICS, TL_FORMAT_CSV,
					    TL_FORMAT_MD};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		tl_export_options plain = {0}, all = {.include_vague = true, .excel = true};
		if (tl_timeline_write(timeline, formats[i], &plain, sink, &err) != TL_OK ||
		    tl_timeline_write(timeline, formats[i], &all, sink, &err) != TL_OK) {
			fprintf(stderr, "fuzz: export failed: %s\n", err.message);
			abort(); /* a timeline that loads can be written in every format */
		}
	}
	tl_diff *diff = tl_diff_new(timeline, timeline, &err);
	if (diff) {
		if (tl_diff_count(diff) != 0)
			abort(); /* a timeline never differs from itself */
		(void)tl_diff_write(diff, TL_DIFF_TEXT, true, sink, &err);
		(void)tl_diff_write(diff, TL_DIFF_JSON, false, sink, &err);
		(void)tl_diff_write(diff, TL_DIFF_CSV, false, sink, &err);
		tl_diff_free(diff);
	}
	if (fclose(sink) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	char path[256];
	fuzz_write_file("input.json", data + 1, size - 1, path, sizeof path);
	tl_error err;
	tl_timeline *timeline;
	if (data[0] & 1) {
		timeline = tl_timeline_read_json(path, &err);
	} else {
		const char *paths[] = {path, path};
		tl_build_options options = {.jobs = 1};
		timeline = tl_timeline_merge_files(paths, (data[0] & 2) ? 2 : 1, &options, &err);
	}
	if (!timeline) {
		if (!memchr(err.message, '\0', sizeof err.message))
			abort();
		return 0;
	}
	(void)tl_timeline_event_count(timeline);
	write_everything(timeline);
	tl_timeline_free(timeline);
	return 0;
}

#ifndef TL_FUZZ_LIBFUZZER
static void fuzz_teardown(void)
{
	fuzz_remove("input.json");
	fuzz_remove_dir();
}
#endif
