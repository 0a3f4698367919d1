/* test_tag_output.c - unit tests for the tag writers (tag_output.c): JSON Lines and TimeML,
 * written from a whole article and from one tagged in windows (article_stream.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "article.h"
#include "buf.h"
#include "timeline.h"

/* Tags text (dated 2025-06-11) and returns what writer wrote; caller frees. */
static char *write_tags(const char *text, size_t len,
			int (*writer)(FILE *, const tl_article *, tl_error *))
{
	tl_error err = {0};
	tl_tagger *tagger = tl_tagger_new(&err);
	assert_non_null(tagger);
	tl_article_meta meta = {.date = "2025-06-11", .date_source = TL_DATE_OPTION};
	tl_article *a = tl_article_from_bytes(text, len, NULL, "doc \"1\"", &meta, &err);
	assert_non_null(a);
	assert_int_equal(tl_article_tag(a, tagger, &err), TL_OK);
	char *out = NULL;
	size_t out_len = 0;
	FILE *f = open_memstream(&out, &out_len);
	assert_non_null(f);
	assert_int_equal(writer(f, a, &err), TL_OK);
	fclose(f);
	tl_article_free(a);
	tl_tagger_free(tagger);
	return out;
}

static void jsonl_has_byte_offsets_and_escaped_fields(void **state)
{
	(void)state;
	const char text[] = "Talks ended on Tuesday.\nA 90-day truce began April 9.";
	char *out = write_tags(text, sizeof text - 1, tl_write_tags_jsonl);
	assert_string_equal(out,
		"{\"doc\":\"doc \\\"1\\\"\",\"start\":15,\"end\":22,\"text\":\"Tuesday\","
		"\"type\":\"DATE\",\"value\":\"2025-06-10\",\"grain\":\"day\"}\n"
		"{\"doc\":\"doc \\\"1\\\"\",\"start\":26,\"end\":32,\"text\":\"90-day\","
		"\"type\":\"DURATION\",\"value\":\"P90D\"}\n"
		"{\"doc\":\"doc \\\"1\\\"\",\"start\":45,\"end\":52,\"text\":\"April 9\","
		"\"type\":\"DATE\",\"value\":\"2025-04-09\",\"grain\":\"day\"}\n");
	free(out);
}

static void jsonl_text_is_valid_utf8_whatever_the_input(void **state)
{
	(void)state;
	/* an invalid byte inside a span the cleaner turned into a space */
	const char text[] = "They met at 7\xe4pm on Caf\xc3\xa9 day, April 9.";
	char *out = write_tags(text, sizeof text - 1, tl_write_tags_jsonl);
	for (size_t i = 0; out[i];) {
		size_t n = tl_utf8_sequence((const unsigned char *)out + i, strlen(out + i));
		assert_true(n > 0);
		i += n;
	}
	assert_non_null(strstr(out, "\"text\":\"April 9\""));
	free(out);
}

static uint32_t next_random(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 16;
}

/* One JSON line the slow way (printf and tl_buf_json_escape()), as the writer must
 * write it. */
static void reference_line(tl_buf *b, const tl_article *a, const tl_timex *t)
{
	int rc = tl_buf_puts(b, "{\"doc\":\"");
	rc |= tl_buf_json_escape(b, tl_article_name(a), strlen(tl_article_name(a)));
	rc |= tl_buf_printf(b, "\",\"start\":%zu,\"end\":%zu,\"text\":\"", t->start, t->end);
	rc |= tl_buf_json_escape(b, a->raw + t->start, t->end - t->start);
	rc |= tl_buf_printf(b, "\",\"type\":\"%s\",\"value\":\"", tl_timex_type_name(t->type));
	rc |= tl_buf_json_escape(b, t->value, strlen(t->value));
	rc |= tl_buf_puts(b, "\"");
	if (t->mod[0])
		rc |= tl_buf_printf(b, ",\"mod\":\"%s\"", t->mod);
	if (t->quant[0])
		rc |= tl_buf_printf(b, ",\"quant\":\"%s\"", t->quant);
	if (t->freq[0])
		rc |= tl_buf_printf(b, ",\"freq\":\"%s\"", t->freq);
	if (t->grain != TL_GRAIN_NONE)
		rc |= tl_buf_printf(b, ",\"grain\":\"%s\"", tl_grain_name(t->grain));
	rc |= tl_buf_puts(b, "}\n");
	assert_int_equal(rc, TL_OK);
}

/* The in-place JSON writer against the slow reference: every byte value in spans and
 * values, offsets around each power of ten, every type and grain, optional fields. */
/* The tag writer's output for a is byte for byte the reference lines in want (freed). */
static void assert_writer_gives(const tl_article *a, tl_buf *want)
{
	tl_error err = {0};
	char *out = NULL;
	size_t out_len = 0;
	FILE *f = open_memstream(&out, &out_len);
	assert_non_null(f);
	assert_int_equal(tl_write_tags_jsonl(f, a, &err), TL_OK);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(out_len, want->len);
	assert_string_equal(out, want->data);
	free(out);
	tl_buf_free(want);
}

static void jsonl_matches_the_printf_reference(void **state)
{
	(void)state;
	size_t len = 1100000;
	char *raw = malloc(len);
	assert_non_null(raw);
	uint32_t seed = 7;
	for (size_t i = 0; i < len; i++) {
		uint32_t r = next_random(&seed);
		/* mostly plain, so that long spans with one byte to escape are common */
		raw[i] = r % 23 ? (char)('a' + r % 26) : (char)(r / 23 % 256);
	}
	memcpy(raw, "Date: 2025-06-11\n\n", 18);
	tl_error err = {0};
	tl_article *a = tl_article_from_bytes(raw, len, NULL, "d\x01\"\\\xc3\xa9\xff", NULL,
					      &err);
	free(raw);
	assert_non_null(a);
	static const size_t starts[] = {0, 1, 8, 9, 10, 11, 98, 99, 100, 101, 999, 1000,
					9999, 10000, 99999, 100000, 999999, 1000000, 1099950};
	static const char *const values[] = {"2025-06-11", "P90D", "a\"b\\c\n\t\r\x01\x1f\x7f",
					     "\xc3\xa9\xe2\x80\x9c\xf0\x9f\x98\x80", "\xff\xc3",
					     "", "PRESENT_REF"};
	size_t n = 2000;
	tl_timex *t = calloc(n, sizeof *t);
	assert_non_null(t);
	tl_buf want = TL_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		uint32_t r = next_random(&seed);
		t[i].start = i < sizeof starts / sizeof starts[0] ? starts[i]
								: next_random(&seed) * 16 % 1099000;
		t[i].end = t[i].start + (r % 7 == 0 ? 0 : r % 40);
		assert_true(t[i].end + 17 <= a->raw_len);
		if (i % 3 == 0) /* a quote, a backslash or DEL at each place of a short span */
			a->raw[t[i].start + r % 17] = "\"\\\x7f"[i % 9 / 3];
		else if (i % 3 == 1) /* and in the second 16 bytes of one of up to 32 */
			a->raw[t[i].start + 16 + r % 16] = "\"\\\x7f"[i % 9 / 3];
		t[i].type = (tl_timex_type)(r % 4);
		t[i].grain = (tl_grain)(r / 4 % (TL_GRAIN_TIME + 1));
		snprintf(t[i].value, sizeof t[i].value, "%s",
			 values[r / 64 % (sizeof values / sizeof values[0])]);
		if (r & 0x100)
			snprintf(t[i].mod, sizeof t[i].mod, "APPROX");
		if (r & 0x200)
			snprintf(t[i].quant, sizeof t[i].quant, "EVERY");
		if (r & 0x400)
			snprintf(t[i].freq, sizeof t[i].freq, "1W");
	}
	/* the last span ends the text, fewer than 32 bytes after its start, with a byte to
	 * escape past its sixteenth */
	t[n - 1].start = a->raw_len - 20;
	t[n - 1].end = a->raw_len;
	a->raw[a->raw_len - 2] = '"';
	for (size_t i = 0; i < n; i++)
		reference_line(&want, a, &t[i]);
	free(a->timexes);
	a->timexes = t;
	a->n_timexes = n;
	assert_writer_gives(a, &want);
	tl_article_free(a);
}

/* A document name too long for the writer's stack buffer once escaped (the head of each
 * line is then on the heap), with spans of every short length, the last one within 16
 * bytes of the end of the text. */
static void jsonl_long_names_match_the_reference(void **state)
{
	(void)state;
	char name[400];
	for (size_t i = 0; i < sizeof name - 1; i++)
		name[i] = "\"\\\x01" "ab"[i % 5];
	name[sizeof name - 1] = '\0';
	const char text[] = "Talks ended on Tuesday. A 90-day truce began April 9, 2025, "
			    "and lasted until mid-January; every week since June, nothing. Talks "
			    "resume \"Friday\""; /* a span that ends the text, escaped */
	tl_error err = {0};
	tl_tagger *tagger = tl_tagger_new(&err);
	assert_non_null(tagger);
	tl_article_meta meta = {.date = "2025-06-11", .date_source = TL_DATE_OPTION};
	tl_article *a = tl_article_from_bytes(text, sizeof text - 1, NULL, name, &meta, &err);
	assert_non_null(a);
	assert_int_equal(tl_article_tag(a, tagger, &err), TL_OK);
	assert_true(a->n_timexes >= 5);
	tl_buf want = TL_BUF_INIT;
	for (size_t i = 0; i < a->n_timexes; i++)
		reference_line(&want, a, &a->timexes[i]);
	assert_writer_gives(a, &want);
	tl_article_free(a);
	tl_tagger_free(tagger);
}

/* A few lines, then one whose span alone outgrows the writer's stack buffer: the lines
 * written so far move to the heap with it. */
static void jsonl_long_span_after_short_lines(void **state)
{
	(void)state;
	size_t len = 40000;
	char *raw = malloc(len);
	assert_non_null(raw);
	for (size_t i = 0; i < len; i++)
		raw[i] = i % 97 == 0 ? '"' : (char)('a' + i % 26);
	tl_error err = {0};
	tl_article_meta meta = {.date = "2025-06-11", .date_source = TL_DATE_OPTION};
	tl_article *a = tl_article_from_bytes(raw, len, NULL, "long", &meta, &err);
	free(raw);
	assert_non_null(a);
	size_t n = 6;
	tl_timex *t = calloc(n, sizeof *t);
	assert_non_null(t);
	tl_buf want = TL_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		t[i].start = 100 * i;
		t[i].end = t[i].start + (i == 4 ? 30000 : 12);
		t[i].type = TL_TIMEX_DATE;
		t[i].grain = TL_GRAIN_DAY;
		snprintf(t[i].value, sizeof t[i].value, "2025-06-1%zu", i);
		reference_line(&want, a, &t[i]);
	}
	free(a->timexes);
	a->timexes = t;
	a->n_timexes = n;
	assert_true(want.len > 30000);
	assert_writer_gives(a, &want);
	tl_article_free(a);
}

static void timeml_wraps_spans_inline(void **state)
{
	(void)state;
	const char text[] = "Prices <rose> & fell on Tuesday.";
	char *out = write_tags(text, sizeof text - 1, tl_write_tags_timeml);
	assert_non_null(strstr(out, "value=\"2025-06-11\" temporalFunction=\"false\" "
				    "functionInDocument=\"CREATION_TIME\">20250611</TIMEX3></DCT>"));
	assert_non_null(strstr(out, "<TEXT>Prices &lt;rose&gt; &amp; fell on <TIMEX3 tid=\"t1\" "
				    "type=\"DATE\" value=\"2025-06-10\">Tuesday</TIMEX3>.</TEXT>"));
	free(out);
}

/* A body whose blank lines give the windows their ends, with what must not be cut
 * there: a hyphenated word across a line break, sentences over several lines,
 * a web-page list with its items, a line longer than the context kept on each side,
 * an anaphoric date whose anchor is in the paragraph before, CRLF paragraphs,
 * invalid UTF-8, a BOM and curly quotes within the text, a last line without its
 * line feed. */
static const char window_text[] =
	"Title: Window test\nDate: 2025-06-11\n\n"
	"GENEVA, March 3 (Wire) - The talks began on March 3, 2024, when envoys dis-\n"
	"closed a plan. The year-\nlong truce and a 90-\nday pause were signed.\n\n"
	"The following day, ministers met again.\n\n"
	"More News\n- Markets rally on Tuesday\n- Talks stall until June 5\n\n"
	"Image Source: Reuters\nTop of page\n\n"
	"A long paragraph: "
	"on Monday the envoys said little and on Tuesday they said less, "
	"on Wednesday they met for an hour and on Thursday for two hours, "
	"on Friday nothing happened, and on Saturday they flew home, "
	"a week later they came back, and two weeks later they left again; "
	"by March 20 the envoys had met nine times, by March 27 ten times, "
	"in April eleven times, in May twelve times, and in the first quarter "
	"fourteen times in all, more than in all of 2023, officials said. "
	"on Monday the envoys said little and on Tuesday they said less, "
	"on Wednesday they met for an hour and on Thursday for two hours, "
	"on Friday nothing happened, and on Saturday they flew home, "
	"a week later they came back, and two weeks later they left again.\n"
	"Three days later, it ended.\n\n"
	"\n\n"
	"Officials said on Friday the deal \xe2\x80\x9cwould hold\xe2\x80\x9d through 2025.\r\n\r\n"
	"Prices rose 3% in the\r\nsecond quarter \xff\xfe and \xef\xbb\xbf" "fell the next day.\n\n"
	"A day earlier, on June 4, the talks stalled.\n\n"
	"\n"
	"The day after, they resumed on Wednesday.";

/* Writes window_text to a fresh file; path receives its name. */
static void window_file(char *path)
{
	strcpy(path, "/tmp/tl_window_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t n = sizeof window_text - 1;
	assert_int_equal(write(fd, window_text, n), (ssize_t)n);
	close(fd);
}

/* What writer gives for the whole file, read and tagged at once. */
static char *whole_output(const char *path, const tl_tagger *tagger, bool timeml)
{
	tl_error err = {0};
	tl_article_meta meta = {0};
	tl_article *a = tl_article_read(path, NULL, &meta, &err);
	assert_non_null(a);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	assert_int_equal(tl_article_write_tags(f, a, tagger, timeml, &err), TL_OK);
	fclose(f);
	tl_article_free(a);
	return out;
}

typedef struct window_count {
	size_t windows, timexes;
} window_count;

static int count_window(void *userdata, const char *raw, size_t raw_at, size_t raw_len,
			size_t done, size_t upto, const tl_timex *t, size_t n, tl_error *err)
{
	window_count *c = userdata;
	(void)err;
	assert_true(raw_at <= done && done <= upto && upto <= raw_at + raw_len);
	assert_non_null(raw);
	for (size_t i = 0; i < n; i++)
		assert_true(t[i].start >= done && t[i].end <= upto);
	c->windows++;
	c->timexes += n;
	return TL_OK;
}

/* Windows of every size from one byte up give the bytes the whole article gives, in
 * JSON Lines and in TimeML: the anchor of "the following day" crosses from the window
 * before, and nothing is cut at a window's end. */
static void windows_write_what_the_whole_text_gives(void **state)
{
	(void)state;
	char path[32];
	window_file(path);
	tl_error err = {0};
	tl_tagger *tagger = tl_tagger_new(&err);
	assert_non_null(tagger);
	char *want_jsonl = whole_output(path, tagger, false);
	char *want_timeml = whole_output(path, tagger, true);
	/* the anchor: the day after March 3, 2024, not after the header's date */
	assert_non_null(strstr(want_jsonl, "\"text\":\"The following day\",\"type\":\"DATE\","
					   "\"value\":\"2024-03-04\""));
	/* the hyphenated duration joined across its line break, as a whole text reads it */
	assert_non_null(strstr(want_jsonl, "\"text\":\"year-\\nlong\""));
	size_t want_timexes = 0;
	for (const char *p = want_jsonl; (p = strchr(p, '\n')); p++)
		want_timexes++;
	assert_true(want_timexes > 20);
	tl_article_meta meta = {0};
	for (size_t window = 1; window < sizeof window_text + 64; window += window < 64 ? 1 : 7) {
		tl_article *a = tl_article_read_released(path, &meta, &err);
		assert_non_null(a);
		assert_null(a->raw); /* as a lazy corpus leaves a large file */
		window_count c = {0, 0};
		assert_int_equal(tl_article_tag_windows(a, tagger, window, count_window, &c, &err),
				 TL_OK);
		assert_int_equal(c.timexes, want_timexes);
		if (window < 64)
			assert_true(c.windows >= 8);
		for (int timeml = 0; timeml < 2; timeml++) {
			char *out = NULL;
			size_t len = 0;
			FILE *f = open_memstream(&out, &len);
			assert_non_null(f);
			assert_int_equal(tl_write_tags_windowed(f, a, tagger, timeml, window, &err),
					 TL_OK);
			fclose(f);
			assert_string_equal(out, timeml ? want_timeml : want_jsonl);
			free(out);
		}
		tl_article_free(a);
	}
	free(want_jsonl);
	free(want_timeml);
	tl_tagger_free(tagger);
	unlink(path);
}

/* The warnings counted piece by piece are those of the bytes read whole. */
static void streamed_warnings_match(void **state)
{
	(void)state;
	char path[32];
	window_file(path);
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	size_t body = strstr(window_text, "GENEVA") - window_text;
	char *got = NULL, *want = NULL;
	tl_error err = {0};
	assert_int_equal(tl_article_stream_warnings(fd, body, path, &got, &err), TL_OK);
	assert_int_equal(tl_text_warnings(window_text + body, sizeof window_text - 1 - body, body,
					  path, &want), TL_OK);
	assert_non_null(want);
	assert_string_equal(got, want);
	free(got);
	free(want);
	close(fd);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jsonl_has_byte_offsets_and_escaped_fields),
		cmocka_unit_test(jsonl_text_is_valid_utf8_whatever_the_input),
		cmocka_unit_test(jsonl_matches_the_printf_reference),
		cmocka_unit_test(jsonl_long_names_match_the_reference),
		cmocka_unit_test(jsonl_long_span_after_short_lines),
		cmocka_unit_test(timeml_wraps_spans_inline),
		cmocka_unit_test(windows_write_what_the_whole_text_gives),
		cmocka_unit_test(streamed_warnings_match),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
