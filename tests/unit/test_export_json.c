/*
 * test_export_json.c - unit tests of the JSON exporter (export_json.c) on the
 * hand-made timeline of tests/export_fixture.c: exact pretty-printed pieces
 * with keys in their fixed order, optional keys, null dates, string escaping
 * (quotes, backslash, control characters), invalid UTF-8 replaced by U+FFFD,
 * locale-free numbers, empty arrays, determinism and write errors. Each test
 * owns what it makes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define EXPORT_FIXTURE_LIBRARY
#include "../export_fixture.c"
#include "buf.h"
#include "export.h"
#include "hash.h"

static char *render(const tl_timeline *t)
{
	return fixture_render(tl_export_json, t, NULL);
}

static char *render_fixture(int variant)
{
	tl_timeline *t = fixture_timeline(variant);
	char *text = render(t);
	tl_timeline_free(t);
	return text;
}

static void test_document_start(void **state)
{
	(void)state;
	char *json = render_fixture(0);
	assert_memory_equal(json, "{\n  \"name\": \"US–China tariffs, 2025\",\n  \"stamp\": "
			    "\"2025-11-01\",\n  \"events\": [\n    {\n      \"id\": "
			    "\"0a0a0a0a0a0a0a01\",\n", 115);
	size_t len = strlen(json);
	assert_string_equal(json + len - 7, "\n  ]\n}\n");
	free(json);
}

/* An event's keys in their fixed order, with 2-space indentation. */
static void test_event_keys(void **state)
{
	(void)state;
	char *json = render_fixture(0);
	const char *want =
		"    {\n"
		"      \"id\": \"0a0a0a0a0a0a0a03\",\n"
		"      \"value\": \"2025-05-12\",\n"
		"      \"grain\": \"day\",\n"
		"      \"start\": \"2025-05-12\",\n"
		"      \"end\": \"2025-05-13\",\n"
		"      \"title\": \"Geneva talks end, \\\"truce\\\" agreed; tariffs cut\",\n"
		"      \"status\": \"done\",\n"
		"      \"confidence\": 0.86,\n"
		"      \"actors\": [\n"
		"        \"United States\",\n"
		"        \"China\",\n"
		"        \"Scott Bessent\",\n"
		"        \"He Lifeng\"\n"
		"      ],\n"
		"      \"sequence\": 0,\n"
		"      \"keywords\": [\n"
		"        \"tariff\",\n"
		"        \"talks\"\n"
		"      ],\n"
		"      \"mentions\": [\n"
		"        {\n"
		"          \"doc\": \"2025-05-12-geneva-wire\",\n"
		"          \"start\": 100,\n"
		"          \"end\": 106,\n"
		"          \"text\": \"Monday\",\n"
		"          \"sentence\": \"Negotiators said on Monday, in Geneva, that the "
		"\\\"truce\\\" holds.\",\n"
		"          \"title\": \"Geneva talks end, \\\"truce\\\" agreed; tariffs cut\",\n"
		"          \"value\": \"2025-05-12\",\n"
		"          \"source\": \"Harbor Wire\",\n"
		"          \"url\": \"https://example.org/harbor/2025/05/12/geneva, truce\",\n"
		"          \"article_date\": \"2025-05-12\",\n"
		"          \"type\": \"DATE\",\n"
		"          \"grain\": \"day\",\n"
		"          \"first\": \"2025-05-12\",\n"
		"          \"end_date\": \"2025-05-13\",\n"
		"          \"sentence_start\": 80,\n"
		"          \"sentence_end\": 142,\n"
		"          \"status\": \"done\",\n"
		"          \"confidence\": 0.86,\n"
		"          \"actors\": [\n";
	assert_non_null(strstr(json, want));
	assert_non_null(strstr(json, "          \"figures\": []\n        },\n        {\n"
				     "          \"doc\": \"2025-05-13-geneva-truce-analysis\",\n"));
	free(json);
}

static void test_optional_keys_and_nulls(void **state)
{
	(void)state;
	char *json = render_fixture(0);
	/* No calendar position: null dates. */
	assert_non_null(strstr(json, "\"value\": \"PAST_REF\",\n      \"grain\": \"none\",\n"
				     "      \"start\": null,\n      \"end\": null,\n"));
	/* mod and conflict only when set; no source/url keys when unknown. */
	assert_non_null(strstr(json, "\"value\": \"2025-12\",\n      \"mod\": \"START\",\n"
				     "      \"grain\": \"month\",\n"));
	assert_non_null(strstr(json, "      \"conflict\": \"dates differ: 2025-06-05 (a, b) vs "
				     "2025-06-04 (c); see \\\\notes\",\n      \"sequence\": 0,\n"));
	assert_non_null(strstr(json, "\"value\": \"2025-W41-WE\",\n          \"article_date\": "));
	/* An event without actors has an empty array. */
	assert_non_null(strstr(json, "\"confidence\": 0.70,\n      \"actors\": [],\n"));
	/* Only the one event with a conflict has the key. */
	const char *c = strstr(json, "\"conflict\"");
	assert_non_null(c);
	assert_null(strstr(c + 1, "\"conflict\""));
	free(json);

	json = render_fixture(1);
	assert_non_null(strstr(json, "\"sequence\": 1,\n"));
	free(json);
}

static void test_escaping(void **state)
{
	(void)state;
	char *json = render_fixture(0);
	/* CR LF inside a title, LF and TAB inside sentences, a bad byte. */
	assert_non_null(strstr(json, "\"title\": \"=1+2 Trump–Xi call\\r\\nX-INJECT:evil\",\n"));
	assert_non_null(strstr(json, "\"sentence\": \"-5% is what \\\"markets\\\" feared,\\nsaid "
				     "one trader.\",\n"));
	assert_non_null(strstr(json, "\"sentence\": \"\\tTalks did not take place"));
	assert_non_null(strstr(json, "\"title\": \"@everyone; a \\\\backslash, and a bad byte "
				     "\xef\xbf\xbd here\",\n"));
	assert_non_null(strstr(json, "\"url\": \"https://example.net/meridian/call\\r\\n"
				     "X-INJECT:1\""));
	free(json);

	tl_timeline *t = fixture_timeline(0);
	free(t->events[2].title);
	t->events[2].title = strdup("bell\a nul-ish\x01 del\x7f overlong \xc0\xaf surrogate "
				    "\xed\xa0\x80 ok \xf0\x9f\x9a\xa2");
	assert_non_null(t->events[2].title);
	json = render(t);
	/* Controls are escaped, invalid UTF-8 becomes U+FFFD per byte, valid
	 * 4-byte characters stay. */
	assert_non_null(strstr(json, "\"title\": \"bell\\u0007 nul-ish\\u0001 del\\u007f "
				     "overlong \xef\xbf\xbd"
				     "\xef\xbf\xbd surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
				     " ok \xf0\x9f\x9a\xa2\",\n"));
	free(json);
	tl_timeline_free(t);
}

/* Titles of 0..90 bytes mixing plain text with bytes to escape at every
 * position relative to the writer's sixteen-byte blocks: each is written as
 * tl_json_escape_to() writes it. */
static void test_escaping_blocks(void **state)
{
	(void)state;
	static const char *const pieces[] = {"a", "0123456789abcdef", " ", "\"", "\\", "\n",
					     "\x01", "\x7f", "\xc3\xa9", "\xe2\x80\x94", "\xff",
					     "\xe2\x80"};
	const size_t n_pieces = sizeof pieces / sizeof pieces[0];
	uint64_t x = UINT64_C(0x2545f4914f6cdd1d);
	tl_timeline *t = fixture_timeline(0);
	for (int round = 0; round < 400; round++) {
		char title[128];
		size_t len = 0;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		size_t limit = (size_t)(x % 91);
		while (len < limit) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			const char *p = x % 3 ? pieces[x % 2] : pieces[(x >> 8) % n_pieces];
			size_t k = strlen(p);
			if (len + k > limit)
				break;
			memcpy(title + len, p, k);
			len += k;
		}
		title[len] = '\0';
		free(t->events[2].title);
		t->events[2].title = strdup(title);
		assert_non_null(t->events[2].title);
		char want[128 * 6 + 32];
		memcpy(want, "\"title\": \"", 10);
		char *end = tl_json_escape_to(want + 10, title, len, TL_JSON_INVALID_RAW);
		memcpy(end, "\",\n      \"status\"", 18);
		end[18] = '\0';
		char *json = render(t);
		assert_non_null(strstr(json, want));
		free(json);
	}
	tl_timeline_free(t);
}

/* A mention's strings and string arrays are escaped as an event's are, a
 * missing text is "", and the indentation of its members and arrays is
 * exact (mentions are written without key(): export_json.c). */
static void test_mention_members(void **state)
{
	(void)state;
	tl_timeline *t = fixture_timeline(0);
	tl_mention *m = &t->events[0].mentions[0];
	tl_strings_free(&m->figures);
	assert_int_equal(tl_strings_push(&m->figures, "5\"%\x01\xff", 5), TL_OK);
	assert_int_equal(tl_strings_push(&m->figures, "a\\b", 3), TL_OK);
	free(m->text);
	m->text = NULL;
	char *json = render(t);
	assert_non_null(strstr(json, "\"end\": 107,\n          \"text\": \"\",\n"));
	assert_non_null(strstr(json, "\"figures\": [\n            \"5\\\"%\\u0001\xef\xbf\xbd\",\n"
				     "            \"a\\\\b\"\n          ]\n        }"));
	free(json);
	tl_timeline_free(t);
}

static void test_empty_timeline(void **state)
{
	(void)state;
	tl_timeline t = {NULL, NULL, 0, {0, 0, 0}, NULL};
	char *json = render(&t);
	assert_string_equal(json, "{\n  \"name\": \"timeline\",\n  \"stamp\": null,\n"
				  "  \"events\": []\n}\n");
	free(json);
}

static void test_deterministic(void **state)
{
	(void)state;
	char *a = render_fixture(0);
	char *b = render_fixture(0);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void test_write_failure(void **state)
{
	(void)state;
	fixture_check_write_failure(tl_export_json, "JSON");
}

/* The whole export of the fixture, byte for byte (tests/data/export/). */
static void test_golden(void **state)
{
	(void)state;
	char *text = render_fixture(0);
	assert_int_equal(fixture_golden("fixture.json", text), 0);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_start),
		cmocka_unit_test(test_event_keys),
		cmocka_unit_test(test_optional_keys_and_nulls),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_escaping_blocks),
		cmocka_unit_test(test_mention_members),
		cmocka_unit_test(test_empty_timeline),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_write_failure),
		cmocka_unit_test(test_golden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
