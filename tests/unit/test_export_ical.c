/*
 * test_export_ical.c - unit tests of the iCalendar exporter (export_ical.c) on
 * the hand-made timeline of tests/export_fixture.c: calendar properties, the
 * exclusive DTEND of each grain, vague events, DTSTAMP from the input, TEXT
 * escaping against line and property injection, CRLF, folding at 75 octets
 * without splitting UTF-8 (libical 3.0.16's own folding, checked here),
 * determinism and write errors. Each test owns the timeline and output it
 * makes.
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

/* The timeline rendered as iCalendar; the caller frees the text. */
static char *render(const tl_timeline *t, bool include_vague)
{
	tl_export_options options = {include_vague, false};
	return fixture_render(tl_export_ics, t, &options);
}

static char *render_fixture(int variant, bool include_vague)
{
	tl_timeline *t = fixture_timeline(variant);
	char *text = render(t, include_vague);
	tl_timeline_free(t);
	return text;
}

/* Undoes RFC 5545 folding: CRLF followed by one space is removed. */
static char *unfold(const char *s)
{
	char *u = malloc(strlen(s) + 1);
	assert_non_null(u);
	char *w = u;
	while (*s) {
		if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ') {
			s += 3;
			continue;
		}
		*w++ = *s++;
	}
	*w = '\0';
	return u;
}

/* The VEVENT whose UID is id, unfolded; the caller frees it. */
static char *vevent(const char *ics, const char *id)
{
	char *u = unfold(ics);
	char uid[64];
	snprintf(uid, sizeof uid, "UID:%s@timeline\r\n", id);
	char *p = strstr(u, uid);
	assert_non_null(p);
	char *begin = p;
	while (begin > u && strncmp(begin, "BEGIN:VEVENT", 12) != 0)
		begin--;
	char *end = strstr(p, "END:VEVENT\r\n");
	assert_non_null(end);
	size_t n = (size_t)(end - begin) + 12;
	char *ev = malloc(n + 1);
	assert_non_null(ev);
	memcpy(ev, begin, n);
	ev[n] = '\0';
	free(u);
	return ev;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_calendar_properties(void **state)
{
	(void)state;
	char *ics = render_fixture(0, false);
	assert_non_null(strstr(ics, "BEGIN:VCALENDAR\r\n"));
	assert_non_null(strstr(ics, "\r\nVERSION:2.0\r\n"));
	assert_non_null(strstr(ics, "\r\nPRODID:-//timeline//timeline "));
	assert_non_null(strstr(ics, "\r\nCALSCALE:GREGORIAN\r\n"));
	/* X values keep commas (libical 3.0.16 escapes only \ and newline there). */
	assert_non_null(strstr(ics, "\r\nX-WR-CALNAME:US–China tariffs, 2025\r\n"));
	assert_int_equal(count(ics, "BEGIN:VEVENT\r\n"), 4);
	assert_int_equal(count(ics, "END:VEVENT\r\n"), 4);
	size_t len = strlen(ics);
	assert_true(len > 15 && strcmp(ics + len - 15, "END:VCALENDAR\r\n") == 0);
	free(ics);
}

/* [DTSTART, DTEND) per grain: day, week, weekend, month across a year end. */
static void test_dtend_per_grain(void **state)
{
	(void)state;
	static const struct {
		const char *id, *start, *end;
	} cases[] = {
		{"0a0a0a0a0a0a0a03", "20250512", "20250513"},
		{"0a0a0a0a0a0a0a04", "20250602", "20250609"},
		{"0a0a0a0a0a0a0a05", "20251011", "20251013"},
		{"0a0a0a0a0a0a0a06", "20251201", "20260101"},
	};
	char *ics = render_fixture(0, false);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *ev = vevent(ics, cases[i].id);
		char want[64];
		snprintf(want, sizeof want, "\r\nDTSTART;VALUE=DATE:%s\r\n", cases[i].start);
		assert_non_null(strstr(ev, want));
		snprintf(want, sizeof want, "\r\nDTEND;VALUE=DATE:%s\r\n", cases[i].end);
		assert_non_null(strstr(ev, want));
		free(ev);
	}
	free(ics);
}

/* An event whose end is missing or not after its start still gets one day. */
static void test_dtend_never_equals_dtstart(void **state)
{
	(void)state;
	tl_timeline *t = fixture_timeline(0);
	t->events[2].end_date = t->events[2].first;
	t->events[3].end_date = (tl_date){0, 0, 0};
	char *ics = render(t, false);
	char *ev = vevent(ics, "0a0a0a0a0a0a0a03");
	assert_non_null(strstr(ev, "DTEND;VALUE=DATE:20250513\r\n"));
	free(ev);
	ev = vevent(ics, "0a0a0a0a0a0a0a04");
	assert_non_null(strstr(ev, "DTEND;VALUE=DATE:20250603\r\n"));
	free(ev);
	free(ics);
	tl_timeline_free(t);
}

static void test_vague_events(void **state)
{
	(void)state;
	char *ics = render_fixture(0, false);
	assert_null(strstr(ics, "X-TIMELINE-VALUE:2025\r\n"));
	assert_null(strstr(ics, "PAST_REF"));
	free(ics);

	ics = render_fixture(0, true);
	assert_int_equal(count(ics, "BEGIN:VEVENT\r\n"), 6);
	char *ev = vevent(ics, "0a0a0a0a0a0a0a02");
	assert_non_null(strstr(ev, "DTSTART;VALUE=DATE:20250101\r\n"));
	assert_non_null(strstr(ev, "DTEND;VALUE=DATE:20260101\r\n"));
	assert_non_null(strstr(ev, "X-TIMELINE-GRAIN:year\r\n"));
	free(ev);
	/* No calendar position: the day it was first reported, one day long. */
	ev = vevent(ics, "0a0a0a0a0a0a0a01");
	assert_non_null(strstr(ev, "DTSTART;VALUE=DATE:20250422\r\n"));
	assert_non_null(strstr(ev, "DTEND;VALUE=DATE:20250423\r\n"));
	assert_non_null(strstr(ev, "X-TIMELINE-VALUE:PAST_REF\r\n"));
	assert_non_null(strstr(ev, "X-TIMELINE-GRAIN:none\r\n"));
	free(ev);
	free(ics);
}

static void test_event_properties(void **state)
{
	(void)state;
	char *ics = render_fixture(0, false);
	char *ev = vevent(ics, "0a0a0a0a0a0a0a03");
	assert_non_null(strstr(ev, "\r\nDTSTAMP:20251101T000000Z\r\n"));
	assert_non_null(strstr(ev, "\r\nSUMMARY:Geneva talks end\\, \"truce\" agreed\\; tariffs "
				   "cut\r\n"));
	assert_non_null(strstr(ev, "\r\nDESCRIPTION:Harbor Wire (2025-05-12-geneva-wire\\, "
				   "2025-05-12): Negotiators said on Monday\\, in Geneva\\, that "
				   "the \"truce\" holds.\\nZürich Daily — Wirtschaft "
				   "(2025-05-13-geneva-truce-analysis\\, 2025-05-13): Die "
				   "Gespräche in Zürich endeten am 12. Mai — \"gut\".\r\n"));
	assert_non_null(strstr(ev, "\r\nURL:https://example.org/harbor/2025/05/12/geneva,%20truce"
				   "\r\n"));
	assert_non_null(strstr(ev, "\r\nCATEGORIES:done,United States,China,Scott Bessent\r\n"));
	assert_non_null(strstr(ev, "\r\nSTATUS:CONFIRMED\r\n"));
	assert_non_null(strstr(ev, "\r\nTRANSP:TRANSPARENT\r\n"));
	assert_non_null(strstr(ev, "\r\nSEQUENCE:0\r\n"));
	assert_non_null(strstr(ev, "\r\nX-TIMELINE-VALUE:2025-05-12\r\n"));
	assert_non_null(strstr(ev, "\r\nX-TIMELINE-GRAIN:day\r\n"));
	assert_non_null(strstr(ev, "\r\nX-TIMELINE-CONFIDENCE:0.86\r\n"));
	assert_non_null(strstr(ev, "\r\nX-TIMELINE-MENTIONS:2\r\n"));
	assert_null(strstr(ev, "X-TIMELINE-CONFLICT"));
	assert_null(strstr(ev, "X-TIMELINE-MOD"));
	free(ev);

	ev = vevent(ics, "0a0a0a0a0a0a0a04");
	assert_non_null(strstr(ev, "\r\nSTATUS:TENTATIVE\r\n"));
	assert_non_null(strstr(ev, "\r\nX-TIMELINE-CONFLICT:dates differ: 2025-06-05 (a, b) vs "
				   "2025-06-04 (c); see \\\\notes\r\n"));
	assert_non_null(strstr(ev, "\\nConflict: dates differ: 2025-06-05 (a\\, b) vs 2025-06-04 "
				   "(c)\\; see \\\\notes\r\n"));
	free(ev);

	ev = vevent(ics, "0a0a0a0a0a0a0a05");
	assert_non_null(strstr(ev, "\r\nSTATUS:CANCELLED\r\n"));
	assert_non_null(strstr(ev, "\r\nCATEGORIES:negated,China\r\n"));
	assert_null(strstr(ev, "URL:"));
	free(ev);

	ev = vevent(ics, "0a0a0a0a0a0a0a06");
	assert_non_null(strstr(ev, "\r\nX-TIMELINE-MOD:START\r\n"));
	assert_non_null(strstr(ev, "\r\nCATEGORIES:planned\r\n"));
	free(ev);
	free(ics);

	ics = render_fixture(1, false);
	ev = vevent(ics, "0a0a0a0a0a0a0a03");
	assert_non_null(strstr(ev, "\r\nSEQUENCE:1\r\n"));
	assert_non_null(strstr(ev, "\r\nDTSTAMP:20251102T000000Z\r\n"));
	assert_non_null(strstr(ev, "\r\nX-TIMELINE-MENTIONS:3\r\n"));
	free(ev);
	free(ics);
}

/* CR/LF in a title or URL can neither end the line nor start a property. */
static void test_no_injection(void **state)
{
	(void)state;
	char *ics = render_fixture(0, false);
	char *u = unfold(ics);
	assert_null(strstr(u, "\nX-INJECT"));
	assert_non_null(strstr(u, "\r\nSUMMARY:=1+2 Trump–Xi call X-INJECT:evil\r\n"));
	assert_non_null(strstr(u, "\r\nURL:https://example.net/meridian/call%0D%0AX-INJECT:1\r\n"));
	/* The sentence's LF becomes a space; backslash and the bad byte are safe. */
	assert_non_null(strstr(u, "-5% is what \"markets\" feared\\, said one trader."));
	assert_non_null(strstr(u, "SUMMARY:@everyone\\; a \\\\backslash\\, and a bad byte "
				  "\xef\xbf\xbd here\r\n"));
	free(u);
	free(ics);
}

/* Every line ends in CRLF, has at most 75 octets, is valid UTF-8 on its own;
 * continuation lines start with exactly one space. */
static void test_crlf_and_folding(void **state)
{
	(void)state;
	char *ics = render_fixture(0, true);
	size_t folded = 0;
	for (const char *line = ics; *line;) {
		const char *eol = strstr(line, "\r\n");
		assert_non_null(eol);
		size_t n = (size_t)(eol - line);
		assert_true(n <= 75);
		assert_null(memchr(line, '\n', n));
		assert_null(memchr(line, '\r', n));
		if (line[0] == ' ') {
			folded++;
			/* The fold never falls inside a multi-byte character. */
			assert_true(((unsigned char)line[1] & 0xc0) != 0x80);
		}
		/* The line ends on a whole character. */
		size_t k = n;
		while (k > 0 && ((unsigned char)line[k - 1] & 0xc0) == 0x80)
			k--;
		if (k > 0 && (unsigned char)line[k - 1] >= 0xc0) {
			unsigned char lead = (unsigned char)line[k - 1];
			size_t want = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
			assert_int_equal(n - (k - 1), want);
		}
		line = eol + 2;
	}
	assert_true(folded > 0);
	/* Unfolding gives the long multi-byte title back intact. */
	char *ev = vevent(ics, "0a0a0a0a0a0a0a06");
	assert_non_null(strstr(ev, "\r\nSUMMARY:Zürich — Genève — Zürich — Genève — Zürich — "
				   "Genève — Zürich — Genève — Zürich — Genève — Zürich — Genève"
				   " — Zürich — Genève — 日本語のテキスト 🚢🚢🚢\r\n"));
	free(ev);
	free(ics);
}

/* Folding at every offset of 2-, 3- and 4-byte characters. */
static void test_folding_offsets(void **state)
{
	(void)state;
	static const char *const chars[] = {"ü", "—", "🚢"};
	for (size_t c = 0; c < 3; c++) {
		for (size_t pad = 0; pad < 4; pad++) {
			tl_timeline *t = fixture_timeline(0);
			tl_event *e = &t->events[2];
			free(e->title);
			e->title = calloc(1, 1024);
			assert_non_null(e->title);
			memset(e->title, 'a', pad);
			for (int i = 0; i < 60; i++)
				strcat(e->title, chars[c]);
			char *ics = render(t, false);
			for (const char *line = ics; *line;) {
				const char *eol = strstr(line, "\r\n");
				assert_true(eol - line <= 75);
				if (line[0] == ' ')
					assert_true(((unsigned char)line[1] & 0xc0) != 0x80);
				line = eol + 2;
			}
			char *ev = vevent(ics, "0a0a0a0a0a0a0a03");
			assert_non_null(strstr(ev, e->title));
			free(ev);
			free(ics);
			tl_timeline_free(t);
		}
	}
}

static void test_deterministic(void **state)
{
	(void)state;
	char *a = render_fixture(0, true);
	char *b = render_fixture(0, true);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void test_empty_timeline(void **state)
{
	(void)state;
	tl_timeline t = {NULL, NULL, 0, {0, 0, 0}, NULL};
	char *ics = render(&t, false);
	assert_non_null(strstr(ics, "X-WR-CALNAME:timeline\r\n"));
	assert_null(strstr(ics, "BEGIN:VEVENT"));
	free(ics);
}

static void test_write_failure(void **state)
{
	(void)state;
	fixture_check_write_failure(tl_export_ics, "iCalendar");
}

/* The whole export of the fixture, byte for byte (tests/data/export/). */
static void test_golden(void **state)
{
	(void)state;
	char *text = render_fixture(0, false);
	assert_int_equal(fixture_golden("fixture.ics", text), 0);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar_properties),
		cmocka_unit_test(test_dtend_per_grain),
		cmocka_unit_test(test_dtend_never_equals_dtstart),
		cmocka_unit_test(test_vague_events),
		cmocka_unit_test(test_event_properties),
		cmocka_unit_test(test_no_injection),
		cmocka_unit_test(test_crlf_and_folding),
		cmocka_unit_test(test_folding_offsets),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_empty_timeline),
		cmocka_unit_test(test_write_failure),
		cmocka_unit_test(test_golden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
