/* test_json.c - unit tests for the strict JSON reader (json_read.c): valid and
 * invalid documents, escapes and surrogates, UTF-8 checks, the depth limit,
 * hostile nesting, and the line:column of error messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hash.h"
#include "json_read.h"
#include "merge.h"

/* Parses s; returns the root (valid until the next parse on doc) or NULL. */
static const tl_json *parse(tl_json_doc *doc, const char *s, tl_error *err)
{
	const tl_json *root = NULL;
	int rc = tl_json_parse(doc, s, strlen(s), "t.json", 1, 0, &root, err);
	return rc == TL_OK ? root : NULL;
}

static void parses_every_kind_of_value(void **state)
{
	(void)state;
	tl_json_doc *doc = tl_json_doc_new();
	tl_error err = {0};
	const tl_json *r = parse(doc, " {\"s\": \"a\\\"b\\\\c\\/\\n\\t\", \"n\": -12.5e1, "
				 "\"z\": 0, \"t\": true, \"f\": false, \"x\": null, "
				 "\"a\": [1, [], {}, \"\"], \"big\": 18446744073709551615}\n",
				 &err);
	assert_non_null(r);
	assert_int_equal(r->type, TL_JSON_OBJECT);
	assert_int_equal(r->len, 8);
	assert_string_equal(tl_json_get(r, "s")->u.str, "a\"b\\c/\n\t");
	assert_true(tl_json_get(r, "n")->number == -125.0);
	assert_int_equal(tl_json_get(r, "t")->type, TL_JSON_TRUE);
	assert_int_equal(tl_json_get(r, "f")->type, TL_JSON_FALSE);
	assert_int_equal(tl_json_get(r, "x")->type, TL_JSON_NULL);
	const tl_json *a = tl_json_get(r, "a");
	assert_int_equal(a->type, TL_JSON_ARRAY);
	assert_int_equal(a->len, 4);
	assert_int_equal(a->u.items[1].type, TL_JSON_ARRAY);
	assert_int_equal(a->u.items[1].len, 0);
	assert_int_equal(a->u.items[2].type, TL_JSON_OBJECT);
	assert_int_equal(a->u.items[3].len, 0);
	size_t z = 1;
	assert_true(tl_json_size(tl_json_get(r, "z"), &z));
	assert_int_equal(z, 0);
	assert_false(tl_json_size(tl_json_get(r, "n"), &z));
	assert_null(tl_json_get(r, "missing"));
	tl_json_doc_free(doc);
}

static void numbers_are_exact_and_size_checked(void **state)
{
	(void)state;
	tl_json_doc *doc = tl_json_doc_new();
	tl_error err = {0};
	const tl_json *r = parse(doc, "[0.85, 0.1, 1e-3, 123456789, 1E2, 1e400, "
				 "99999999999999999999]", &err);
	assert_non_null(r);
	assert_true(r->u.items[0].number == 0.85);
	assert_true(r->u.items[1].number == 0.1);
	assert_true(r->u.items[2].number == 0.001);
	size_t n;
	assert_true(tl_json_size(&r->u.items[3], &n));
	assert_int_equal(n, 123456789);
	assert_true(r->u.items[4].number == 100.0);
	assert_true(r->u.items[5].number > 1e308);
	assert_false(tl_json_size(&r->u.items[6], &n)); /* does not fit size_t */
	tl_json_doc_free(doc);
}

static void decodes_unicode_escapes_and_surrogate_pairs(void **state)
{
	(void)state;
	tl_json_doc *doc = tl_json_doc_new();
	tl_error err = {0};
	const tl_json *r = parse(doc, "[\"caf\\u00e9\", \"\\ud83d\\ude00\", \"\\u20AC\", "
				 "\"\xe2\x82\xac\", \"a\\u0000b\"]", &err);
	assert_non_null(r);
	assert_string_equal(r->u.items[0].u.str, "caf\xc3\xa9");
	assert_string_equal(r->u.items[1].u.str, "\xf0\x9f\x98\x80");
	assert_string_equal(r->u.items[2].u.str, "\xe2\x82\xac");
	assert_string_equal(r->u.items[3].u.str, "\xe2\x82\xac");
	assert_int_equal(r->u.items[4].len, 3);
	assert_true(tl_json_is_text(&r->u.items[0]));
	assert_false(tl_json_is_text(&r->u.items[4])); /* embedded NUL */
	tl_json_doc_free(doc);
}

/* Each invalid input must fail with TL_EINPUT and a message containing want. */
static void rejects_invalid_documents(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *want;
	} cases[] = {
		{"", "t.json:1:1: expected a value"},
		{"   ", "expected a value"},
		{"[1,]", "trailing comma"},
		{"{\"a\":1,}", "expected an object key"},
		{"{\"a\" 1}", "expected ':'"},
		{"{a:1}", "expected an object key"},
		{"[1 2]", "expected ',' or ']'"},
		{"{\"a\":1 \"b\":2}", "expected ',' or '}'"},
		{"[01]", "leading zeros"},
		{"[1.]", "after the decimal point"},
		{"[1e]", "exponent"},
		{"[-]", "expected a digit"},
		{"[+1]", "expected a value"},
		{"[.5]", "expected a value"},
		{"[NaN]", "expected a value"},
		{"[tru]", "expected a value"},
		{"[truex]", "expected a value"},
		{"\"abc", "not closed"},
		{"\"a\\x\"", "unknown escape"},
		{"\"\\u12G4\"", "four hex digits"},
		{"\"\\ud83d\"", "high surrogate"},
		{"\"\\ud83d\\u0041\"", "high surrogate"},
		{"\"\\ude00\"", "lone low surrogate"},
		{"\"a\tb\"", "control character"},
		{"\"\xc0\x80\"", "invalid UTF-8"},          /* overlong NUL */
		{"\"\xed\xa0\x80\"", "invalid UTF-8"},      /* UTF-8 encoded surrogate */
		{"\"\xf5\x80\x80\x80\"", "invalid UTF-8"},  /* above U+10FFFF */
		{"\"\xe2\x82\"", "invalid UTF-8"},          /* truncated */
		{"\"\x80\"", "invalid UTF-8"},              /* stray continuation */
		{"{\"k\":1,\"k\":2}", "key \"k\" twice"},
		{"[1] [2]", "after the JSON value"},
		{"\xef\xbb\xbf[]", "byte order mark"},
		{"[\xe2\x82\xac]", "byte 0xe2"},
	};
	tl_json_doc *doc = tl_json_doc_new();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tl_error err = {0};
		const tl_json *root = NULL;
		int rc = tl_json_parse(doc, cases[i].in, strlen(cases[i].in), "t.json", 1, 0, &root,
				       &err);
		if (rc != TL_EINPUT || !strstr(err.message, cases[i].want))
			fail_msg("case %zu <%s>: rc %d, message '%s', want '%s'", i, cases[i].in,
				 rc, err.message, cases[i].want);
	}
	tl_json_doc_free(doc);
}

static void reports_line_and_column_in_characters(void **state)
{
	(void)state;
	tl_json_doc *doc = tl_json_doc_new();
	tl_error err = {0};
	assert_null(parse(doc, "{\n  \"a\": [1,\n    tru]\n}", &err));
	assert_non_null(strstr(err.message, "t.json:3:5: "));
	/* é is two bytes but one column */
	assert_null(parse(doc, "[\"\xc3\xa9\xc3\xa9\", x]", &err));
	assert_non_null(strstr(err.message, "t.json:1:8: "));
	/* JSON Lines: the caller gives the line number of the record */
	const tl_json *root;
	assert_int_equal(tl_json_parse(doc, "{\"a\":}", 6, "m.jsonl", 42, 0, &root, &err),
			 TL_EINPUT);
	assert_non_null(strstr(err.message, "m.jsonl:42:6: "));
	/* positions of values are kept for later messages */
	const tl_json *r = parse(doc, "{\n \"a\": [true,\n  \"x\"]}", &err);
	assert_non_null(r);
	const tl_json *a = tl_json_get(r, "a");
	assert_int_equal(a->line, 2);
	assert_int_equal(a->column, 7);
	assert_int_equal(a->u.items[1].line, 3);
	assert_int_equal(a->u.items[1].column, 3);
	/* columns of values after multi-byte characters count characters */
	r = parse(doc, "[\"\xc3\xa9\xe2\x82\xac\", 1,\n \"\xc3\xa9\", 2]", &err);
	assert_non_null(r);
	assert_int_equal(r->u.items[1].column, 8);
	assert_int_equal(r->u.items[3].line, 2);
	assert_int_equal(r->u.items[3].column, 7);
	tl_json_doc_free(doc);
}

static char *repeat(const char *open, const char *close, size_t n)
{
	size_t lo = strlen(open), lc = strlen(close);
	char *s = malloc(n * (lo + lc) + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++) {
		memcpy(s + i * lo, open, lo);
		memcpy(s + n * lo + i * lc, close, lc);
	}
	s[n * (lo + lc)] = '\0';
	return s;
}

static void limits_depth_without_recursion(void **state)
{
	(void)state;
	tl_json_doc *doc = tl_json_doc_new();
	tl_error err = {0};
	const tl_json *root;
	char *ok = repeat("[", "]", TL_JSON_DEFAULT_DEPTH);
	assert_non_null(parse(doc, ok, &err));
	char *deep = repeat("{\"a\":", "}", TL_JSON_DEFAULT_DEPTH + 1);
	assert_null(parse(doc, deep, &err));
	assert_non_null(strstr(err.message, "nesting is too deep"));
	/* a caller may allow more: the stack is on the heap */
	char *hostile = repeat("[", "]", 1000000);
	assert_int_equal(tl_json_parse(doc, hostile, strlen(hostile), "h", 1, 2000000, &root, &err),
			 TL_OK);
	/* and unclosed hostile nesting fails cleanly */
	hostile[1000000] = '\0';
	assert_int_equal(tl_json_parse(doc, hostile, strlen(hostile), "h", 1, 2000000, &root, &err),
			 TL_EINPUT);
	free(ok);
	free(deep);
	free(hostile);
	tl_json_doc_free(doc);
}

static void reuses_the_document_between_parses(void **state)
{
	(void)state;
	tl_json_doc *doc = tl_json_doc_new();
	tl_error err = {0};
	for (int i = 0; i < 2000; i++) {
		char line[128];
		snprintf(line, sizeof line, "{\"doc\":\"d%d\",\"start\":%d,\"list\":[\"x\",\"y\"]}",
			 i, i * 3);
		const tl_json *r = parse(doc, line, &err);
		assert_non_null(r);
		size_t start;
		assert_true(tl_json_size(tl_json_get(r, "start"), &start));
		assert_int_equal(start, (size_t)i * 3);
	}
	/* a failed parse leaves the document usable */
	assert_null(parse(doc, "[", &err));
	assert_non_null(parse(doc, "[]", &err));
	tl_json_doc_free(doc);
	tl_json_doc_free(NULL);
}

/* The record fast path reads line as the tree reader does (want 1), or
 * leaves it to the tree reader (want 0); want -1: either. Returns rc. */
static int check_record(tl_json_doc *doc, tl_strpool *pool, const char *line, int want)
{
	tl_mention fast, slow;
	memset(&fast, 0, sizeof fast);
	memset(&slow, 0, sizeof slow);
	int rc = tl_mention_from_record(line, strlen(line), pool, &fast);
	if (want < 0 && (rc == 0 || rc == 1))
		want = rc;
	if (rc != want)
		fail_msg("fast path gave %d, want %d, for %s", rc, want, line);
	if (want == 0) {
		assert_false(fast.pooled);
		assert_null(fast.doc);
		return rc;
	}
	tl_error err;
	const tl_json *root = parse(doc, line, &err);
	assert_non_null(root);
	assert_int_equal(tl_mention_from_json_pooled(root, "t", pool, &slow, &err), TL_OK);
	assert_true(fast.pooled);
	assert_int_equal(tl_mention_compare(&fast, &slow), 0);
	assert_memory_equal(&fast.first, &slow.first, sizeof fast.first);
	assert_memory_equal(&fast.end_date, &slow.end_date, sizeof fast.end_date);
	assert_int_equal(fast.sentence_end, slow.sentence_end);
	assert_true(fast.confidence == slow.confidence);
	/* one pool: equal strings and arrays are one pointer */
	assert_ptr_equal(fast.sentence, slow.sentence);
	assert_ptr_equal(fast.keywords.items, slow.keywords.items);
	return rc;
}

static void mention_records_read_fast_as_the_tree_reader_does(void **state)
{
	(void)state;
	tl_json_doc *doc = tl_json_doc_new();
	tl_strpool *pool = tl_strpool_new();
	assert_non_null(doc);
	assert_non_null(pool);
	char line[4096];
	FILE *f = fopen(TL_TEST_DATA_DIR "/diff/mentions.jsonl", "r");
	assert_non_null(f);
	size_t lines = 0, fast = 0; /* hand-written: some in another key order */
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		fast += (size_t)check_record(doc, pool, line, -1);
		lines++;
	}
	fclose(f);
	assert_true(lines > 10);
	assert_true(fast > 0);
#define HEAD "{\"doc\":\"d\",\"start\":3,\"end\":9,\"text\":\"June 5\",\"sentence\":"
#define MID "\"title\":\"T\",\"value\":\"2025-06-05\","
#define DATES "\"article_date\":\"2025-06-11\",\"type\":\"DATE\","
#define GRAIN "\"grain\":\"day\",\"first\":\"2025-06-05\",\"end_date\":\"2025-06-06\","
#define SPAN "\"sentence_start\":0,\"sentence_end\":40,\"status\":\"done\","
#define LISTS ",\"actors\":[\"China\"],\"keywords\":[\"meet\",\"talk\"],\"figures\":[]}"
#define TRICKY ",\"actors\":[\"a]b\",\"c\\\"]\"],\"keywords\":[\"q\"],\"figures\":[\"1%\"]}"
	static const struct {
		const char *line;
		int want;
	} cases[] = {
		{HEAD "\"Talks on June 5.\"," MID DATES GRAIN SPAN "\"confidence\":0.35" LISTS, 1},
		{HEAD "\"caf\xc3\xa9 \x7f on June 5\"," MID "\"source\":\"S\",\"url\":\"u\"," DATES
		 "\"mod\":\"START\"," GRAIN SPAN "\"confidence\":1" LISTS "\t", 1},
		{HEAD "\"x\"," MID "\"article_date\":null,\"type\":\"SET\",\"grain\":\"none\","
		 "\"first\":null,\"end_date\":null," SPAN "\"confidence\":0" LISTS, 1},
		{HEAD "\"x\"," MID DATES GRAIN SPAN "\"confidence\":0.123456789" LISTS, 1},
		{HEAD "\"say \\\"June 5\\\" \\\\ \\/ \\t \xc3\xa9\\n\"," MID DATES GRAIN SPAN
		 "\"confidence\":0.35" LISTS, 1},
		/* left to the tree reader */
		{HEAD "\"say \\u0041\"," MID DATES GRAIN SPAN "\"confidence\":0.35" LISTS, 0},
		{HEAD "\"say \\x\"," MID DATES GRAIN SPAN "\"confidence\":0.35" LISTS, 0},
		{HEAD "\"raw \t tab\"," MID DATES GRAIN SPAN "\"confidence\":0.35" LISTS, 0},
		{HEAD "\"bad \xc3 byte\"," MID DATES GRAIN SPAN "\"confidence\":0.35" LISTS, 0},
		{HEAD "\"x\"," MID DATES GRAIN SPAN "\"confidence\":1.5" LISTS, 0},
		{HEAD "\"x\"," MID DATES GRAIN SPAN "\"confidence\":0.5e0" LISTS, 0},
		{HEAD "\"x\"," MID DATES GRAIN SPAN "\"confidence\":00" LISTS, 0},
		{HEAD "\"x\"," MID DATES GRAIN "\"sentence_start\":01,\"sentence_end\":40,"
		 "\"status\":\"done\",\"confidence\":0.35" LISTS, 0},
		{HEAD "\"x\"," MID DATES GRAIN "\"sentence_start\":50,\"sentence_end\":40,"
		 "\"status\":\"done\",\"confidence\":0.35" LISTS, 0},
		{HEAD "\"x\"," MID DATES GRAIN SPAN "\"confidence\":0.35" LISTS "x", 0},
		{HEAD "\"x\"," MID DATES GRAIN SPAN "\"confidence\":0.35,\"extra\":1" LISTS, 0},
		{HEAD "\"x\"," MID "\"article_date\":\"2025-13-11\",\"type\":\"DATE\"," GRAIN SPAN
		 "\"confidence\":0.35" LISTS, 0},
		{HEAD "\"x\"," MID "\"article_date\":\"2025-06-11\",\"type\":\"DAY\"," GRAIN SPAN
		 "\"confidence\":0.35" LISTS, 0},
		{"{\"doc\":\"\",\"start\":3,\"end\":9,\"text\":\"x\",\"sentence\":\"x\"," MID DATES
		 GRAIN SPAN "\"confidence\":0.35" LISTS, 0},
		{"{\"doc\":\"d\",\"start\":9,\"end\":3,\"text\":\"x\",\"sentence\":\"x\"," MID DATES
		 GRAIN SPAN "\"confidence\":0.35" LISTS, 0},
		{" " HEAD "\"x\"," MID DATES GRAIN SPAN "\"confidence\":0.35" LISTS, 0},
		/* arrays read again come from the pool's memo: with brackets,
		 * quotes and escapes in their strings too */
		{HEAD "\"x\"," MID DATES GRAIN SPAN "\"confidence\":0.35" TRICKY, 1},
		{HEAD "\"y\"," MID DATES GRAIN SPAN "\"confidence\":0.35" TRICKY, 1},
		{HEAD "\"y\"," MID DATES GRAIN SPAN "\"confidence\":0.35" TRICKY "x", 0},
		{HEAD "\"y\"," MID DATES GRAIN SPAN "\"confidence\":0.35"
		 ",\"actors\":[\"a]b\",\"c\\\"]\"],\"keywords\":[\"q\"],\"figures\":[\"1%\"]", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_record(doc, pool, cases[i].line, cases[i].want);
	tl_strpool_free(pool);
	tl_json_doc_free(doc);
}

/* The plain run stops at the first byte a JSON string cannot hold as it is:
 * each kind of byte at each place of a buffer longer than the wide steps. */
static void plain_run_stops_at_the_first_special_byte(void **state)
{
	(void)state;
	char buf[40];
	for (int c = 0; c < 256; c++) {
		bool plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
		for (size_t at = 0; at < sizeof buf; at++) {
			memset(buf, 'a', sizeof buf);
			buf[at] = (char)c;
			size_t want = plain ? sizeof buf : at;
			assert_int_equal(tl_json_plain_run(buf, sizeof buf), want);
			/* a shorter length ends the run too */
			assert_int_equal(tl_json_plain_run(buf, at), at);
		}
	}
}

/* One confidence text for timelines and mention lines: no locale, no trailing
 * zeros, clamped to 0 and 1. */
static void confidence_text_is_short_and_clamped(void **state)
{
	(void)state;
	static const struct {
		double c;
		const char *want;
	} cases[] = {
	    {0, "0"},       {-0.5, "0"},        {1, "1"},      {2.5, "1"},
	    {0.5, "0.5"},   {0.85, "0.85"},     {0.123456789, "0.123456789"},
	    {1e-12, "0.0"}, {0.9999999999, "1"}, {0.05, "0.05"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[TL_JSON_CONFIDENCE_MAX];
		size_t n = tl_json_confidence_text(cases[i].c, text);
		assert_int_equal(n, strlen(cases[i].want));
		assert_memory_equal(text, cases[i].want, n);
		tl_buf b = {0};
		assert_int_equal(tl_json_put_confidence(&b, cases[i].c), 0);
		assert_int_equal(b.len, n);
		assert_memory_equal(b.data, cases[i].want, n);
		tl_buf_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_every_kind_of_value),
		cmocka_unit_test(numbers_are_exact_and_size_checked),
		cmocka_unit_test(decodes_unicode_escapes_and_surrogate_pairs),
		cmocka_unit_test(rejects_invalid_documents),
		cmocka_unit_test(reports_line_and_column_in_characters),
		cmocka_unit_test(limits_depth_without_recursion),
		cmocka_unit_test(reuses_the_document_between_parses),
		cmocka_unit_test(mention_records_read_fast_as_the_tree_reader_does),
		cmocka_unit_test(plain_run_stops_at_the_first_special_byte),
		cmocka_unit_test(confidence_text_is_short_and_clamped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
