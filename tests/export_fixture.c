/*
 * export_fixture.c - a hand-made timeline for the exporter tests, and a small
 * program that writes it in every format. The events cover each grain the
 * calendar spans differently (day, week, weekend, month across a year end,
 * year, no position) and carry hostile text: commas, quotes, semicolons,
 * backslashes, CR/LF, formula starts, invalid UTF-8 and long multi-byte
 * lines. Unit tests include this file with EXPORT_FIXTURE_LIBRARY defined to
 * get fixture_timeline(); the program (tests/meson.build: export_fixture)
 * writes DIR/timeline.{ics,csv,json,md} and DIR/timeline-vague.ics (vague
 * events kept) for tests/cli/clients.sh. Variant 1
 * is the same timeline "rebuilt": same ids, a changed title, SEQUENCE bumped,
 * one more mention. The caller owns the timeline (tl_timeline_free). Unit
 * tests also get fixture_golden(), which compares an export with its golden
 * file in tests/data/export/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"

static char *fixture_strdup(const char *s)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d) {
		fputs("export_fixture: out of memory\n", stderr);
		abort();
	}
	return d;
}

static void fixture_strings(tl_strings *out, const char *const *items)
{
	size_t n = 0;
	while (items && items[n])
		n++;
	out->count = n;
	out->items = n ? calloc(n, sizeof *out->items) : NULL;
	if (n && !out->items)
		abort();
	for (size_t i = 0; i < n; i++)
		out->items[i] = fixture_strdup(items[i]);
}

typedef struct fixture_mention {
	const char *doc, *source, *url, *text, *sentence;
	tl_date article_date;
} fixture_mention;

typedef struct fixture_event {
	const char *id, *value, *mod;
	tl_grain grain;
	tl_date first, end;
	const char *title;
	const char *actors[5];
	const char *conflict;
	tl_event_status status;
	double confidence;
	fixture_mention mentions[3];
} fixture_event;

static const fixture_event fixture_events[] = {
	{"0a0a0a0a0a0a0a01", "PAST_REF", "", TL_GRAIN_NONE, {0, 0, 0}, {0, 0, 0},
	 "Tariffs were raised before", {"United States", NULL}, NULL, TL_STATUS_DONE, 0.4,
	 {{"2025-04-22-rare-earth-leverage-analysis", NULL, NULL, "earlier",
	   "Earlier, tariffs were raised.", {2025, 4, 22}}}},
	{"0a0a0a0a0a0a0a02", "2025", "", TL_GRAIN_YEAR, {2025, 1, 1}, {2026, 1, 1},
	 "Trade war in 2025", {"China", NULL}, NULL, TL_STATUS_DONE, 0.5,
	 {{"2025-10-31-busan-truce-analysis", "Pacific Ledger Online", NULL, "this year",
	   "This year the trade war escalated.", {2025, 10, 31}}}},
	{"0a0a0a0a0a0a0a03", "2025-05-12", "", TL_GRAIN_DAY, {2025, 5, 12}, {2025, 5, 13},
	 "Geneva talks end, \"truce\" agreed; tariffs cut",
	 {"United States", "China", "Scott Bessent", "He Lifeng", NULL}, NULL, TL_STATUS_DONE,
	 0.856,
	 {{"2025-05-12-geneva-wire", "Harbor Wire",
	   "https://example.org/harbor/2025/05/12/geneva, truce", "Monday",
	   "Negotiators said on Monday, in Geneva, that the \"truce\" holds.", {2025, 5, 12}},
	  {"2025-05-13-geneva-truce-analysis", "Zürich Daily — Wirtschaft", NULL, "May 12",
	   "Die Gespräche in Zürich endeten am 12. Mai — \"gut\".", {2025, 5, 13}}}},
	{"0a0a0a0a0a0a0a04", "2025-W23", "", TL_GRAIN_WEEK, {2025, 6, 2}, {2025, 6, 9},
	 "=1+2 Trump–Xi call\r\nX-INJECT:evil", {"Donald Trump", "Xi Jinping", NULL},
	 "dates differ: 2025-06-05 (a, b) vs 2025-06-04 (c); see \\notes",
	 TL_STATUS_PLANNED, 0.6,
	 {{"2025-06-06-trump-xi-call-wire", "Meridian Newswire",
	   "https://example.net/meridian/call\r\nX-INJECT:1", "next week",
	   "-5% is what \"markets\" feared,\nsaid one trader.", {2025, 6, 6}}}},
	{"0a0a0a0a0a0a0a05", "2025-W41-WE", "", TL_GRAIN_WEEKEND, {2025, 10, 11}, {2025, 10, 13},
	 "@everyone; a \\backslash, and a bad byte \xff here", {"China", NULL}, NULL,
	 TL_STATUS_NEGATED, 1.0,
	 {{"2025-10-10-trump-100-threat-wire", NULL, NULL, "this weekend",
	   "\tTalks did not take place this weekend.", {2025, 10, 10}}}},
	{"0a0a0a0a0a0a0a06", "2025-12", "START", TL_GRAIN_MONTH, {2025, 12, 1}, {2026, 1, 1},
	 "Zürich — Genève — Zürich — Genève — Zürich — Genève — Zürich — Genève — "
	 "Zürich — Genève — Zürich — Genève — Zürich — Genève — 日本語のテキスト 🚢🚢🚢",
	 {NULL}, NULL, TL_STATUS_PLANNED, 0.7,
	 {{"2025-11-01-busan-details-web", "Pacific Ledger Online",
	   "https://example.com/pacific-ledger/busan", "early December",
	   "Shipments resume in early December.", {2025, 11, 1}}}},
};

#define FIXTURE_EVENTS (sizeof fixture_events / sizeof fixture_events[0])

static void fixture_mention_fill(tl_mention *m, const fixture_mention *f, const fixture_event *e)
{
	memset(m, 0, sizeof *m);
	m->doc = fixture_strdup(f->doc);
	m->source = fixture_strdup(f->source);
	m->url = fixture_strdup(f->url);
	m->article_date = f->article_date;
	m->start = 100;
	m->end = 100 + strlen(f->text);
	m->sentence_start = 80;
	m->sentence_end = 80 + strlen(f->sentence);
	m->text = fixture_strdup(f->text);
	m->sentence = fixture_strdup(f->sentence);
	m->title = fixture_strdup(e->title);
	m->type = TL_TIMEX_DATE;
	snprintf(m->value, sizeof m->value, "%s", e->value);
	snprintf(m->mod, sizeof m->mod, "%s", e->mod);
	m->grain = e->grain;
	m->first = e->first;
	m->end_date = e->end;
	fixture_strings(&m->actors, e->actors);
	static const char *const keywords[] = {"tariff", "talks", NULL};
	fixture_strings(&m->keywords, keywords);
	fixture_strings(&m->figures, NULL);
	m->status = e->status;
	m->confidence = e->confidence;
}

/* The fixture timeline; variant 1 is the rebuilt one. */
static tl_timeline *fixture_timeline(int variant)
{
	tl_timeline *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	t->name = fixture_strdup("US–China tariffs, 2025");
	t->stamp = (tl_date){2025, 11, 1};
	t->n_events = FIXTURE_EVENTS;
	t->events = calloc(FIXTURE_EVENTS, sizeof *t->events);
	if (!t->events)
		abort();
	for (size_t i = 0; i < FIXTURE_EVENTS; i++) {
		const fixture_event *f = &fixture_events[i];
		tl_event *e = &t->events[i];
		snprintf(e->id, sizeof e->id, "%s", f->id);
		snprintf(e->value, sizeof e->value, "%s", f->value);
		snprintf(e->mod, sizeof e->mod, "%s", f->mod);
		e->grain = f->grain;
		e->first = f->first;
		e->end_date = f->end;
		e->title = fixture_strdup(f->title);
		fixture_strings(&e->actors, f->actors);
		static const char *const keywords[] = {"tariff", "talks", NULL};
		fixture_strings(&e->keywords, keywords);
		e->conflict = fixture_strdup(f->conflict);
		e->status = f->status;
		e->confidence = f->confidence;
		size_t n = 0;
		while (n < 3 && f->mentions[n].doc)
			n++;
		size_t extra = variant == 1 && i == 2 ? 1 : 0;
		e->mentions = calloc(n + extra, sizeof *e->mentions);
		if (!e->mentions)
			abort();
		for (size_t j = 0; j < n; j++)
			fixture_mention_fill(&e->mentions[j], &f->mentions[j], f);
		if (extra) {
			static const fixture_mention later = {
				"2025-05-14-lower-tariffs-take-effect-wire", "Harbor Wire", NULL,
				"May 12", "The cuts agreed on May 12 took effect.", {2025, 5, 14}};
			fixture_mention_fill(&e->mentions[n], &later, f);
			free(e->title);
			e->title = fixture_strdup("Geneva talks end with a 90-day truce");
			e->sequence = 1;
		}
		e->n_mentions = n + extra;
	}
	if (variant == 1)
		t->stamp = (tl_date){2025, 11, 2};
	return t;
}

#ifdef EXPORT_FIXTURE_LIBRARY
typedef int (*fixture_exporter)(const tl_timeline *, const tl_export_options *, FILE *,
				tl_error *);

/* Exports t with options (NULL: defaults) into memory; the text is the caller's to free. */
static char *fixture_render(fixture_exporter export, const tl_timeline *t,
			    const tl_export_options *options)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	tl_error err = {0};
	assert_int_equal(export(t, options, out, &err), TL_OK);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(strlen(text), len);
	return text;
}

/* Exporting the fixture to /dev/full fails with TL_EIO and a message naming the
 * format (format_name); skipped where /dev/full does not exist. */
static void fixture_check_write_failure(fixture_exporter export, const char *format_name)
{
	FILE *full = fopen("/dev/full", "w");
	if (!full)
		skip();
	tl_timeline *t = fixture_timeline(0);
	tl_error err = {0};
	assert_int_equal(export(t, NULL, full, &err), TL_EIO);
	assert_int_equal(err.code, TL_EIO);
	assert_non_null(strstr(err.message, format_name));
	fclose(full);
	tl_timeline_free(t);
}

/*
 * Compares text with the golden file tests/data/export/NAME (TL_TEST_DATA_DIR).
 * The library version is written as @VERSION@ there, so a version bump does
 * not churn the files. With TL_UPDATE_GOLDEN=1 in the environment the file is
 * rewritten instead (review the git diff). Returns 0 when they match; on a
 * difference it prints the first differing line to stderr and returns 1.
 */
static int fixture_golden(const char *name, const char *text)
{
	const char *version = tl_version();
	size_t vlen = strlen(version);
	char *norm = malloc(strlen(text) * 2 + 16);
	if (!norm)
		abort();
	char *w = norm;
	for (const char *p = text; *p;) {
		if (strncmp(p, version, vlen) == 0) {
			w += sprintf(w, "@VERSION@");
			p += vlen;
		} else {
			*w++ = *p++;
		}
	}
	*w = '\0';
	char path[4096];
	snprintf(path, sizeof path, "%s/export/%s", TL_TEST_DATA_DIR, name);
	const char *update = getenv("TL_UPDATE_GOLDEN");
	if (update && strcmp(update, "1") == 0) {
		FILE *f = fopen(path, "wb");
		int bad = !f || fwrite(norm, 1, strlen(norm), f) != strlen(norm);
		bad |= f && fclose(f) != 0;
		free(norm);
		if (bad)
			fprintf(stderr, "%s: cannot write the golden file\n", path);
		return bad;
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: missing; run with TL_UPDATE_GOLDEN=1 to create it\n", path);
		free(norm);
		return 1;
	}
	char *want = calloc(1, 1 << 20);
	if (!want)
		abort();
	size_t n = fread(want, 1, (1 << 20) - 1, f);
	fclose(f);
	int differ = n != strlen(norm) || memcmp(want, norm, n) != 0;
	if (differ) {
		size_t line = 1, i = 0;
		while (i < n && norm[i] && want[i] == norm[i])
			line += want[i++] == '\n';
		fprintf(stderr, "%s: differs at line %zu (TL_UPDATE_GOLDEN=1 rewrites it)\n",
			path, line);
	}
	free(want);
	free(norm);
	return differ;
}
#else
#include "export.h"

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fputs("usage: export_fixture DIR [rebuilt]\n"
		      "Writes DIR/timeline.{ics,csv,json,md} and DIR/timeline-vague.ics\n"
		      "(with --include-vague) from the hand-made timeline.\n", stderr);
		return 1;
	}
	int variant = argc == 3 && strcmp(argv[2], "rebuilt") == 0 ? 1 : 0;
	static const struct {
		const char *ext;
		tl_format format;
	} formats[] = {{"ics", TL_FORMAT_ICS}, {"csv", TL_FORMAT_CSV}, {"json", TL_FORMAT_JSON},
		       {"md", TL_FORMAT_MD}};
	tl_timeline *t = fixture_timeline(variant);
	int status = 0;
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/timeline.%s", argv[1], formats[i].ext);
		FILE *out = fopen(path, "wb");
		if (!out) {
			perror(path);
			status = 1;
			continue;
		}
		tl_error err = {0};
		tl_export_options options = {false, false};
		if (tl_timeline_write(t, formats[i].format, &options, out, &err) != TL_OK) {
			fprintf(stderr, "%s: %s\n", path, err.message);
			status = 1;
		}
		if (fclose(out) != 0) {
			perror(path);
			status = 1;
		}
	}
	/* The calendar with the vague events too (--include-vague). */
	char path[4096];
	snprintf(path, sizeof path, "%s/timeline-vague.ics", argv[1]);
	FILE *out = fopen(path, "wb");
	tl_error err = {0};
	tl_export_options vague = {true, false};
	if (!out || tl_timeline_write(t, TL_FORMAT_ICS, &vague, out, &err) != TL_OK) {
		fprintf(stderr, "%s: %s\n", path, out ? err.message : "cannot open");
		status = 1;
	}
	if (out && fclose(out) != 0) {
		perror(path);
		status = 1;
	}
	tl_timeline_free(t);
	return status;
}
#endif
