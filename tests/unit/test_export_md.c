/*
 * test_export_md.c - unit tests of the Markdown exporter (export_md.c) on the
 * hand-made timeline of tests/export_fixture.c: the title and headings, spans
 * of coarse grains, mention bullets with links, the bold conflict line,
 * escaping of Markdown punctuation and line breaks, and write errors. Each
 * test owns what it makes.
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
#include "export.h"

static char *render(const tl_timeline *t)
{
	return fixture_render(tl_export_md, t, NULL);
}

static char *render_fixture(void)
{
	tl_timeline *t = fixture_timeline(0);
	char *text = render(t);
	tl_timeline_free(t);
	return text;
}

static void test_title_and_headings(void **state)
{
	(void)state;
	char *md = render_fixture();
	assert_memory_equal(md, "# US–China tariffs, 2025\n\n6 events, sources up to 2025-11-01."
			    "\n\n", 64);
	assert_non_null(strstr(md, "\n## 2025-05-12 — Geneva talks end, \"truce\" agreed; tariffs "
				   "cut\n\n*done, confidence 0.86, 2 mentions* · Actors: United "
				   "States, China, Scott Bessent, He Lifeng\n\n"));
	assert_non_null(strstr(md, "\n## 2025-W23 [2025-06-02 – 2025-06-08] — =1+2 Trump–Xi call "
				   "X-INJECT:evil\n\n*planned,"));
	assert_non_null(strstr(md, "\n## 2025-12 (START) [2025-12-01 – 2025-12-31] — Zürich"));
	assert_non_null(strstr(md, "\n## PAST\\_REF — Tariffs were raised before\n"));
	free(md);
}

static void test_mentions_and_conflict(void **state)
{
	(void)state;
	char *md = render_fixture();
	assert_non_null(strstr(md, "\n- [Harbor Wire](https://example.org/harbor/2025/05/12/geneva,"
				   "%20truce) (`2025-05-12-geneva-wire`), 2025-05-12: “Negotiators "
				   "said on Monday, in Geneva, that the \"truce\" holds.”\n"));
	assert_non_null(strstr(md, "\n- Zürich Daily — Wirtschaft "
				   "(`2025-05-13-geneva-truce-analysis`), 2025-05-13: “Die "
				   "Gespräche in Zürich endeten am 12. Mai — \"gut\".”\n"));
	assert_non_null(strstr(md, "\n- `2025-10-10-trump-100-threat-wire`, 2025-10-10: “Talks did "
				   "not take place this weekend.”\n"));
	assert_non_null(strstr(md, "\n**Conflict:** dates differ: 2025-06-05 (a, b) vs 2025-06-04 "
				   "(c); see \\\\notes\n"));
	assert_true(strstr(md, "Conflict") == strstr(md, "**Conflict:**") + 2);
	free(md);
}

static void test_escaping(void **state)
{
	(void)state;
	tl_timeline *t = fixture_timeline(0);
	free(t->events[2].title);
	t->events[2].title = strdup("<script>*bold* [link](x) `code` _u_ | pipe $5 $6\n# not a heading");
	assert_non_null(t->events[2].title);
	free(t->events[2].mentions[0].url);
	t->events[2].mentions[0].url = strdup("https://example.org/a (b)\n<c>");
	assert_non_null(t->events[2].mentions[0].url);
	free(t->events[2].mentions[0].doc);
	t->events[2].mentions[0].doc = strdup("doc_with_`tick`");
	assert_non_null(t->events[2].mentions[0].doc);
	char *md = render(t);
	assert_non_null(strstr(md, "\n## 2025-05-12 — \\<script\\>\\*bold\\* \\[link\\](x) "
				   "\\`code\\` \\_u\\_ \\| pipe \\$5 \\$6 \\# not a heading\n"));
	assert_non_null(strstr(md, "[Harbor Wire](https://example.org/a%20%28b%29%0A%3Cc%3E) "
				   "(`doc_with_'tick'`)"));
	/* No line but headings starts with '#'. */
	for (const char *p = strchr(md, '\n'); p; p = strchr(p + 1, '\n'))
		assert_true(p[1] != '#' || strncmp(p + 1, "## ", 3) == 0);
	free(md);
	tl_timeline_free(t);
}

static void test_write_failure(void **state)
{
	(void)state;
	fixture_check_write_failure(tl_export_md, "Markdown");
}

/* The whole export of the fixture, byte for byte (tests/data/export/). */
static void test_golden(void **state)
{
	(void)state;
	char *text = render_fixture();
	assert_int_equal(fixture_golden("fixture.md", text), 0);
	free(text);
}

/* Titles of 0..90 plain bytes mixed with Markdown punctuation at every offset
 * of the writer's sixteen-byte blocks: each punctuation byte, and only those,
 * gets its backslash. */
static void test_escaping_blocks(void **state)
{
	(void)state;
	static const char *const pieces[] = {"a", "0123456789abcdef", "\\", "`", "*", "_", "[",
					     "]", "<", ">", "|", "#", "~", "$", ".", "\xc3\xa9"};
	const size_t n_pieces = sizeof pieces / sizeof pieces[0];
	uint64_t x = UINT64_C(0x243f6a8885a308d3);
	tl_timeline *t = fixture_timeline(0);
	for (int round = 0; round < 400; round++) {
		char title[128], want[300];
		size_t len = 0, w = 0;
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
		w = (size_t)sprintf(want, " — ");
		for (size_t i = 0; i < len; i++) {
			if (strchr("\\`*_[]<>|#~$", title[i]))
				want[w++] = '\\';
			want[w++] = title[i];
		}
		const char *rest = len ? "\n\n*" : "(untitled)\n\n*";
		memcpy(want + w, rest, strlen(rest) + 1);
		free(t->events[2].title);
		t->events[2].title = strdup(title);
		assert_non_null(t->events[2].title);
		char *md = render(t);
		assert_non_null(strstr(md, want));
		free(md);
	}
	tl_timeline_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping_blocks),
		cmocka_unit_test(test_title_and_headings),
		cmocka_unit_test(test_mentions_and_conflict),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_write_failure),
		cmocka_unit_test(test_golden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
