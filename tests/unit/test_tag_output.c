/* test_tag_output.c - unit tests for the tag writers (tag_output.c): JSON Lines and TimeML. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jsonl_has_byte_offsets_and_escaped_fields),
		cmocka_unit_test(jsonl_text_is_valid_utf8_whatever_the_input),
		cmocka_unit_test(timeml_wraps_spans_inline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
