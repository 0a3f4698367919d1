/*
 * fuzz_tagger.c - libFuzzer target for the tagger alone: tl_tag_text() over
 * raw bytes (no header parsing) against an article date taken from the first
 * four input bytes, so normalization meets every year 1..9999, month and day.
 * Checks that every timex lies inside the text, that start < end, that the
 * value and mod strings are terminated, and that tl_value_interval() on each
 * value gives first < end. Built as a replay program without libFuzzer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <timeline.h>

#include "fuzz_replay.h"



static int date_before(tl_date a, tl_date b)
{
	if (a.year != b.year)
		return a.year < b.year;
	if (a.month != b.month)
		return a.month < b.month;
	return a.day < b.day;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (size < 4)
		return 0;
	tl_date dct;
	dct.year = 1 + (int)(((unsigned)data[0] << 8 | data[1]) % 9999);
	dct.month = 1 + data[2] % 12;
	dct.day = 1 + data[3] % month_days[dct.month - 1];
	if (dct.month == 2 && dct.day == 29 &&
	    !(dct.year % 4 == 0 && (dct.year % 100 != 0 || dct.year % 400 == 0)))
		dct.day = 28;
	const char *text = (const char *)data + 4;
	size_t len = size - 4;
	tl_timex *out = NULL;
	size_t count = 0;
	tl_error err;
	if (tl_tag_text(fuzz_tagger(), text, len, dct, &out, &count, &err) != TL_OK) {
		if (out)
			abort(); /* nothing to free on failure */
		return 0;
	}
	for (size_t i = 0; i < count; i++) {
		const tl_timex *t = &out[i];
		if (t->start >= t->end || t->end > len)
			abort(); /* offsets must stay inside the text */
		if (i > 0 && t->start < out[i - 1].start)
			abort(); /* text order */
		if (!memchr(t->value, '\0', sizeof t->value) || !memchr(t->mod, '\0', sizeof t->mod) ||
		    !memchr(t->quant, '\0', sizeof t->quant) || !memchr(t->freq, '\0', sizeof t->freq))
			abort();
		tl_date first, end;
		tl_grain grain;
		if (tl_value_interval(t->value, &first, &end, &grain) == TL_OK &&
		    !date_before(first, end))
			abort(); /* an interval is never empty */
	}
	free(out);
	return 0;
}

#ifndef TL_FUZZ_LIBFUZZER
static void fuzz_teardown(void)
{
	fuzz_tagger_free();
}
#endif
