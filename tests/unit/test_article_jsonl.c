/* test_article_jsonl.c - unit tests for the JSON Lines article reader (article_jsonl.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "article.h"

/* Writes text to a fresh temporary file and returns its path (static buffer). */
static const char *temp_file(const char *text)
{
	static char path[] = "/tmp/tl_jsonl_XXXXXX";
	strcpy(path, "/tmp/tl_jsonl_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

/* The next records of r are rejected, one by one, each with an error naming
 * want[i]; the record after them is the good article "ok". */
static void rejected_then_ok(tl_article_reader *r, const char *const *want, size_t n)
{
	tl_error err = {0};
	tl_article *a;
	for (size_t i = 0; i < n; i++) {
		int rc = tl_article_reader_next(r, &a, &err);
		assert_true(rc < 0);
		assert_null(a);
		assert_non_null(strstr(err.message, want[i]));
	}
	assert_int_equal(tl_article_reader_next(r, &a, &err), 1);
	assert_string_equal(tl_article_name(a), "ok");
	tl_article_free(a);
}

static void reads_articles_and_metadata(void **state)
{
	(void)state;
	const char *path = temp_file(
		"{\"id\":\"w1\",\"date\":\"2025-06-11\",\"source\":\"Wire\",\"url\":\"https://x.example/1\","
		"\"title\":\"Talks\",\"text\":\"They met on Tuesday.\\nThen left.\"}\n"
		"\n"
		"{\"id\":\"w2\",\"date\":\"2025-06-12\",\"text\":\"\\u00c9lys\\u00e9e spoke.\"}\r\n");
	tl_error err = {0};
	tl_article_reader *r = tl_article_reader_open(path, false, &err);
	assert_non_null(r);
	tl_article *a;
	assert_int_equal(tl_article_reader_next(r, &a, &err), 1);
	assert_string_equal(tl_article_name(a), "w1");
	assert_string_equal(tl_article_source(a), "Wire");
	assert_string_equal(tl_article_url(a), "https://x.example/1");
	assert_string_equal(tl_article_title(a), "Talks");
	tl_date d = tl_article_date(a);
	assert_int_equal(d.year * 10000 + d.month * 100 + d.day, 20250611);
	size_t len;
	const char *bytes = tl_article_bytes(a, &len);
	assert_int_equal(len, strlen("They met on Tuesday.\nThen left."));
	assert_memory_equal(bytes, "They met on Tuesday.\nThen left.", len);
	tl_article_free(a);
	assert_int_equal(tl_article_reader_next(r, &a, &err), 1);
	assert_string_equal(tl_article_name(a), "w2");
	bytes = tl_article_bytes(a, &len);
	assert_memory_equal(bytes, "\xc3\x89lys\xc3\xa9" "e spoke.", len);
	tl_article_free(a);
	assert_int_equal(tl_article_reader_next(r, &a, &err), 0);
	assert_null(a);
	tl_article_reader_free(r);
	unlink(path);
}

static void bad_lines_name_the_line_and_reading_goes_on(void **state)
{
	(void)state;
	const char *path = temp_file("[1,2]\n"
				     "{\"id\":\"x\",\"date\":\"2025-06-11\"}\n"
				     "{\"id\":\"y\",\"date\":\"2025-02-30\",\"text\":\"t\"}\n"
				     "{\"id\":\"z\",\"text\":\"no date here\"}\n"
				     "{broken\n"
				     "{\"id\":\"ok\",\"date\":\"2025-06-11\",\"text\":\"fine\"}\n");
	tl_error err = {0};
	tl_article_reader *r = tl_article_reader_open(path, false, &err);
	assert_non_null(r);
	const char *const want[] = {":1: expected one JSON object", ":2: an article needs",
				    ":3: ", ":4: article \"z\"", ":5:"};
	rejected_then_ok(r, want, sizeof want / sizeof want[0]);
	tl_article *a;
	assert_int_equal(tl_article_reader_next(r, &a, &err), 0);
	tl_article_reader_free(r);
	unlink(path);
}

static void missing_file_is_an_io_error(void **state)
{
	(void)state;
	tl_error err = {0};
	assert_null(tl_article_reader_open("/nonexistent/articles.jsonl", false, &err));
	assert_int_equal(err.code, TL_EIO);
	assert_non_null(strstr(err.message, "/nonexistent/articles.jsonl: cannot open"));
	tl_article_reader_free(NULL);
}

/* Records the fast scanner decodes and records it leaves to the strict
 * reader must give the same articles: escapes of every kind, surrogate
 * pairs, raw UTF-8 and DEL, null and unknown members, odd spacing, members
 * of other types, \u0000 in the text. */
static void every_record_shape_reads_the_same(void **state)
{
	(void)state;
	const char *path = temp_file(
		"  { \"id\" : \"e1\" , \"date\":\"2025-06-11\",\t\"text\":"
		"\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u20AC \\ud83d\\ude00 "
		"\xc3\xa9\x7f end\" }\n"
		"{\"id\":\"e2\",\"date\":\"2025-06-11\",\"title\":null,\"source\":null,\"extra\":\"x\","
		"\"url\":null,\"text\":\"plain text that is longer than eight bytes\"}\n"
		"{\"id\":\"e3\",\"date\":\"2025-06-11\",\"n\":5,\"tags\":[\"a\"],\"text\":\"t3\"}\n"
		"{\"id\":\"e4\",\"date\":\"2025-06-11\",\"text\":\"a\\u0000b\"}\n"
		"{\"i\\u0064\":\"e5\",\"date\":\"2025-06-11\",\"text\":\"t5\"}\n");
	static const struct {
		const char *id, *text;
		size_t len; /* 0: strlen(text) */
	} want[] = {
		{"e1", "q\" b\\ s/ \b\f\n\r\t \xc3\xa9\xe2\x82\xac \xf0\x9f\x98\x80 \xc3\xa9\x7f end",
		 0},
		{"e2", "plain text that is longer than eight bytes", 0},
		{"e3", "t3", 0},
		{"e4", "a\0b", 3},
		{"e5", "t5", 0},
	};
	tl_error err = {0};
	tl_article_reader *r = tl_article_reader_open(path, false, &err);
	assert_non_null(r);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		tl_article *a;
		assert_int_equal(tl_article_reader_next(r, &a, &err), 1);
		assert_string_equal(tl_article_name(a), want[i].id);
		assert_null(tl_article_source(a));
		assert_null(tl_article_url(a));
		size_t len, want_len = want[i].len ? want[i].len : strlen(want[i].text);
		const char *bytes = tl_article_bytes(a, &len);
		assert_int_equal(len, want_len);
		assert_memory_equal(bytes, want[i].text, len);
		tl_article_free(a);
	}
	tl_article *a;
	assert_int_equal(tl_article_reader_next(r, &a, &err), 0);
	tl_article_reader_free(r);
	unlink(path);
}

/* The fast path finds the first byte that stops a run of plain bytes inside an
 * eight-byte word: each kind of stop at every position of texts up to 20 bytes. */
static void stops_at_every_position_decode(void **state)
{
	(void)state;
	static const struct {
		const char *json, *text; /* the stop as written in the line, as decoded */
	} stops[] = {{"\\n", "\n"}, {"\\\"", "\""}, {"\xc3\xa9", "\xc3\xa9"},
		     {"\\u20ac", "\xe2\x82\xac"}, {"\\\\", "\\"}};
	char line[128], want[64];
	for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++) {
		for (size_t n = 1; n <= 20; n++) {
			for (size_t at = 0; at < n; at++) {
				char before[32], after[32];
				memset(before, 'a', at);
				before[at] = '\0';
				memset(after, 'b', n - at - 1);
				after[n - at - 1] = '\0';
				snprintf(line, sizeof line,
					 "{\"id\":\"x\",\"date\":\"2025-06-11\",\"text\":\"%s%s%s\"}\n",
					 before, stops[k].json, after);
				snprintf(want, sizeof want, "%s%s%s", before, stops[k].text, after);
				const char *path = temp_file(line);
				tl_error err = {0};
				tl_article_reader *r = tl_article_reader_open(path, false, &err);
				assert_non_null(r);
				tl_article *a;
				assert_int_equal(tl_article_reader_next(r, &a, &err), 1);
				size_t len;
				const char *bytes = tl_article_bytes(a, &len);
				assert_int_equal(len, strlen(want));
				assert_memory_equal(bytes, want, len);
				tl_article_free(a);
				tl_article_reader_free(r);
				unlink(path);
			}
		}
	}
}

/* Lines the strict reader rejects are rejected with its messages, whichever
 * path saw them first. */
static void invalid_records_are_rejected_as_before(void **state)
{
	(void)state;
	const char *path = temp_file(
		"{\"id\":\"d\",\"id\":\"d\",\"date\":\"2025-06-11\",\"text\":\"t\"}\n"
		"{\"id\":\"c\",\"date\":\"2025-06-11\",\"text\":\"tab\there\"}\n"
		"{\"id\":\"u\",\"date\":\"2025-06-11\",\"text\":\"bad \xff byte\"}\n"
		"{\"id\":\"s\",\"date\":\"2025-06-11\",\"text\":\"lone \\udc00\"}\n"
		"{\"id\":\"x\",\"date\":\"2025-06-11\",\"text\":\"\\x\"}\n"
		"{\"id\":\"\",\"date\":\"2025-06-11\",\"text\":\"t\"}\n"
		"{\"id\":\"v\",\"date\":\"2025-06-11\",\"title\":7,\"text\":\"t\"}\n"
		"{\"id\":\"w\",\"date\":\"2025-06-11\",\"text\":\"t\"} x\n"
		"{\"id\":\"z\",\"date\":\"2025-06-11\",\"text\":\"t\"\n"
		"{\"id\":\"ok\",\"date\":\"2025-06-11\",\"text\":\"fine\"}\n");
	const char *const want[] = {":1:", ":2:", ":3:", ":4:", ":5:",
				    ":6: an article needs", ":7: an article needs", ":8:", ":9:"};
	tl_error err = {0};
	tl_article_reader *r = tl_article_reader_open(path, false, &err);
	assert_non_null(r);
	rejected_then_ok(r, want, sizeof want / sizeof want[0]);
	tl_article_reader_free(r);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_articles_and_metadata),
		cmocka_unit_test(bad_lines_name_the_line_and_reading_goes_on),
		cmocka_unit_test(every_record_shape_reads_the_same),
		cmocka_unit_test(stops_at_every_position_decode),
		cmocka_unit_test(invalid_records_are_rejected_as_before),
		cmocka_unit_test(missing_file_is_an_io_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
