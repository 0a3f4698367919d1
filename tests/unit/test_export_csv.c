/*
 * test_export_csv.c - unit tests of the CSV exporter (export_csv.c) on the
 * hand-made timeline of tests/export_fixture.c: the header, whole rows,
 * RFC 4180 quoting, CRLF record ends, inclusive ISO end dates, formula
 * neutralization (and its absence on date cells), the Excel BOM, invalid
 * UTF-8 repair and write errors. Each test owns what it makes.
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
#include "hash.h"

static char *render(const tl_timeline *t, bool excel)
{
	tl_export_options options = {false, excel};
	return fixture_render(tl_export_csv, t, &options);
}

static char *render_fixture(bool excel)
{
	tl_timeline *t = fixture_timeline(0);
	char *text = render(t, excel);
	tl_timeline_free(t);
	return text;
}

static const char header[] = "start_date,end_date,value,granularity,title,actors,sources,"
			     "mentions,conflict,confidence,evidence\r\n";

static void test_header_and_rows(void **state)
{
	(void)state;
	char *csv = render_fixture(false);
	assert_memory_equal(csv, header, sizeof header - 1);
	/* Every event is a row, vague ones too (with empty dates). */
	assert_non_null(strstr(csv, "\r\n,,PAST_REF,none,Tariffs were raised before,United States,"
				    "2025-04-22-rare-earth-leverage-analysis,1,,0.40,\"Earlier, "
				    "tariffs were raised.\"\r\n"));
	assert_non_null(strstr(csv, "\r\n2025-01-01,2025-12-31,2025,year,Trade war in 2025,China,"
				    "Pacific Ledger Online,1,,0.50,This year the trade war "
				    "escalated.\r\n"));
	assert_non_null(strstr(csv, "\r\n2025-05-12,2025-05-12,2025-05-12,day,\"Geneva talks end, "
				    "\"\"truce\"\" agreed; tariffs cut\",United States; China; "
				    "Scott Bessent; He Lifeng,Harbor Wire; Zürich Daily — "
				    "Wirtschaft,2,,0.86,\"Negotiators said on Monday, in Geneva, "
				    "that the \"\"truce\"\" holds.\"\r\n"));
	free(csv);
}

/* A list cell leaves out an item equal to a piece of the list so far, split
 * at "; " (so "A" is in "A; B", but "A; B" is not in "A; B; B; C"). */
static void test_list_pieces(void **state)
{
	(void)state;
	tl_timeline *t = fixture_timeline(0);
	tl_event *e = &t->events[0];
	tl_strings_free(&e->actors);
	static const char *const actors[] = {"A; B", "A", "B; C", "A; B", "C", "a0000421",
					     "a0000420", "a0000421", "; D", "D"};
	for (size_t i = 0; i < sizeof actors / sizeof actors[0]; i++)
		assert_int_equal(tl_strings_push(&e->actors, actors[i], strlen(actors[i])), TL_OK);
	char *csv = render(t, false);
	assert_non_null(strstr(csv, ",A; B; B; C; A; B; a0000421; a0000420; ; D,"));
	free(csv);
	tl_timeline_free(t);
}

/* end_date is the inclusive last day: week, weekend, month across a year end. */
static void test_inclusive_end(void **state)
{
	(void)state;
	char *csv = render_fixture(false);
	assert_non_null(strstr(csv, "\r\n2025-06-02,2025-06-08,2025-W23,week,"));
	assert_non_null(strstr(csv, "\r\n2025-10-11,2025-10-12,2025-W41-WE,weekend,"));
	assert_non_null(strstr(csv, "\r\n2025-12-01,2025-12-31,2025-12,month,"));
	free(csv);
}

static void test_formula_neutralized(void **state)
{
	(void)state;
	char *csv = render_fixture(false);
	/* Title with "=", evidence with "-", title with "@", evidence with TAB. */
	assert_non_null(strstr(csv, ",\"'=1+2 Trump–Xi call\nX-INJECT:evil\","));
	assert_non_null(strstr(csv, ",\"'-5% is what \"\"markets\"\" feared,\nsaid one trader.\""
				    "\r\n"));
	assert_non_null(strstr(csv, ",\"'@everyone; a \\backslash, and a bad byte \xef\xbf\xbd "
				    "here\","));
	assert_non_null(strstr(csv, ",'\tTalks did not take place this weekend.\r\n"));
	free(csv);

	/* A conflict starting with "+" too; the ISO date cells stay untouched. */
	tl_timeline *t = fixture_timeline(0);
	free(t->events[2].conflict);
	t->events[2].conflict = strdup("+cmd|' /C calc'!A0");
	assert_non_null(t->events[2].conflict);
	csv = render(t, false);
	assert_non_null(strstr(csv, ",2,'+cmd|' /C calc'!A0,0.86,"));
	assert_null(strstr(csv, "'2025"));
	free(csv);
	tl_timeline_free(t);
}

/* Records end in CRLF; a bare LF appears only inside quoted cells. */
static void test_crlf_records(void **state)
{
	(void)state;
	char *csv = render_fixture(false);
	bool quoted = false;
	size_t records = 0;
	for (const char *p = csv; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '\n' && !quoted) {
			assert_true(p > csv && p[-1] == '\r');
			records++;
		} else if (*p == '\r') {
			assert_false(quoted);
			assert_int_equal(p[1], '\n');
		}
	}
	assert_false(quoted);
	assert_int_equal(records, 7);
	size_t len = strlen(csv);
	assert_true(len > 2 && csv[len - 2] == '\r' && csv[len - 1] == '\n');
	free(csv);
}

static void test_excel_bom(void **state)
{
	(void)state;
	char *csv = render_fixture(true);
	assert_memory_equal(csv, "\xef\xbb\xbf", 3);
	assert_memory_equal(csv + 3, header, sizeof header - 1);
	free(csv);
	csv = render_fixture(false);
	assert_int_equal(csv[0], 's');
	free(csv);
}

static void test_empty_timeline(void **state)
{
	(void)state;
	tl_timeline t = {NULL, NULL, 0, {0, 0, 0}, NULL};
	char *csv = render(&t, false);
	assert_string_equal(csv, header);
	free(csv);
}

static void test_write_failure(void **state)
{
	(void)state;
	fixture_check_write_failure(tl_export_csv, "CSV");
}

/* The whole export of the fixture, byte for byte (tests/data/export/). */
static void test_golden(void **state)
{
	(void)state;
	char *text = render_fixture(false);
	assert_int_equal(fixture_golden("fixture.csv", text), 0);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_and_rows),
		cmocka_unit_test(test_inclusive_end),
		cmocka_unit_test(test_list_pieces),
		cmocka_unit_test(test_formula_neutralized),
		cmocka_unit_test(test_crlf_records),
		cmocka_unit_test(test_excel_bom),
		cmocka_unit_test(test_empty_timeline),
		cmocka_unit_test(test_write_failure),
		cmocka_unit_test(test_golden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
