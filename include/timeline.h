/*
 * timeline.h - the public API of libtimeline.
 *
 * libtimeline turns news articles into one dated chronology. The pipeline is
 * load -> clean -> tag (TIMEX3 recognition and normalization) -> extract events
 * -> merge across articles -> export (iCalendar, CSV, JSON, Markdown) -> diff.
 *
 * This is the only installed header. Everything it names starts with tl_ or TL_.
 *
 * Ownership, once for the whole API:
 *   - tl_x_new() returns an object the caller frees with tl_x_free(); every
 *     tl_x_free(NULL) is a no-op.
 *   - tl_x_add(parent, child) hands child to parent; freeing the parent frees it.
 *   - Pointers returned by getters (const char *, const tl_x *) belong to the
 *     object they came from and live as long as it does.
 *   - Functions that return a plain char * say so; the caller free()s it.
 *
 * Errors: functions return 0 (TL_OK) or a negative TL_E* code; those returning
 * a pointer return NULL on failure. Every fallible call takes a tl_error *
 * (may be NULL) that receives the code and a message naming the file, the
 * line when there is one, and what to do about it.
 *
 * The library never prints, never exits and never reads the clock or the
 * locale: the same input always gives byte-identical output.
 */
#ifndef TIMELINE_H
#define TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(TL_BUILDING_LIBRARY) && defined(__GNUC__)
#define TL_EXPORT __attribute__((visibility("default")))
#else
#define TL_EXPORT
#endif

/* ## Errors */

enum tl_status {
	TL_OK = 0,
	TL_ENOMEM = -1,   /* out of memory */
	TL_EIO = -2,      /* a file could not be read or written */
	TL_EINPUT = -3,   /* malformed input: manifest row, JSON line, article header */
	TL_ENODATE = -4,  /* an article has no publication date */
	TL_EDATE = -5,    /* a date string is not a valid calendar date */
	TL_EUSAGE = -6,   /* an argument is out of range or inconsistent */
	TL_EINTERNAL = -7 /* a bug: a pattern failed to compile, a limit was hit */
};

#define TL_ERROR_MESSAGE_MAX 512

/* What went wrong: the code and a message for a person. */
typedef struct tl_error {
	int code;
	char message[TL_ERROR_MESSAGE_MAX];
} tl_error;

/* A short, static description of a TL_E* code ("out of memory"). */
TL_EXPORT const char *tl_strerror(int code);

/* The library version, "MAJOR.MINOR.PATCH". */
TL_EXPORT const char *tl_version(void);

/* ## Dates and granularity */

/* How precise a date or a TIMEX3 value is, from coarsest to finest. */
typedef enum tl_grain {
	TL_GRAIN_NONE = 0, /* no calendar position: PAST_REF, durations */
	TL_GRAIN_CENTURY,
	TL_GRAIN_DECADE,
	TL_GRAIN_YEAR,
	TL_GRAIN_HALF,
	TL_GRAIN_QUARTER,
	TL_GRAIN_SEASON,
	TL_GRAIN_MONTH,
	TL_GRAIN_WEEK,
	TL_GRAIN_WEEKEND,
	TL_GRAIN_DAY,
	TL_GRAIN_PART_OF_DAY, /* 2025-06-05TMO */
	TL_GRAIN_TIME         /* 2025-06-05T21:30 */
} tl_grain;

/* "day", "month", ...; "none" for TL_GRAIN_NONE. Static string. */
TL_EXPORT const char *tl_grain_name(tl_grain grain);

/* A calendar day. Valid years are 1..9999. */
typedef struct tl_date {
	int year;
	int month; /* 1..12 */
	int day;   /* 1..31 */
} tl_date;

/* Parses "YYYY-MM-DD" strictly (a real calendar day). */
TL_EXPORT int tl_date_parse(const char *text, tl_date *out, tl_error *err);

/*
 * The calendar interval a TIMEX3 value covers: [first, end) with end exclusive,
 * and its grain. "2025-06-05" -> [06-05, 06-06) day; "2025-W23" -> [06-02, 06-09)
 * week; "2025-05" -> [05-01, 06-01) month; "2025-Q2" -> quarter; "199" -> decade.
 * Returns TL_EINPUT for values without a calendar position (P90D, PAST_REF,
 * XXXX-WXX-1).
 */
TL_EXPORT int tl_value_interval(const char *value, tl_date *first, tl_date *end, tl_grain *grain);

/* ## Temporal expressions (TimeML TIMEX3) */

typedef enum tl_timex_type {
	TL_TIMEX_DATE = 0,
	TL_TIMEX_TIME,
	TL_TIMEX_DURATION,
	TL_TIMEX_SET
} tl_timex_type;

/* "DATE", "TIME", "DURATION", "SET". Static string. */
TL_EXPORT const char *tl_timex_type_name(tl_timex_type type);

#define TL_VALUE_MAX 40
#define TL_MOD_MAX 16

/* One recognized and normalized temporal expression. */
typedef struct tl_timex {
	size_t start;                 /* byte offset into the original file */
	size_t end;                   /* exclusive */
	tl_timex_type type;
	tl_grain grain;
	char value[TL_VALUE_MAX];     /* "2025-04-09", "2025-W23-WE", "P90D", "PAST_REF" */
	char mod[TL_MOD_MAX];         /* "" or START, MID, END, APPROX, BEFORE, ON_OR_BEFORE ... */
	char quant[TL_MOD_MAX];       /* SETs: "" or EVERY, EACH */
	char freq[TL_MOD_MAX];        /* SETs: "" or "1W" */
} tl_timex;

/*
 * The tagger holds the compiled patterns. Build it once and share it between
 * threads: its patterns are read-only after tl_tagger_new(), and each thread
 * that tags takes a scratch workspace of its own from it (~1 MB, kept for
 * the next run until tl_tagger_free()), under a lock - unless it owns one and
 * passes it (tl_tag_text_in()).
 */
typedef struct tl_tagger tl_tagger;

TL_EXPORT tl_tagger *tl_tagger_new(tl_error *err);
TL_EXPORT void tl_tagger_free(tl_tagger *tagger);

/*
 * Recognizes and normalizes the temporal expressions of text[0..len) against
 * the article date dct. The text is taken as it is (no header parsing); it is
 * cleaned internally and offsets refer to text. On success *out is an array of
 * *count timexes in text order that the caller free()s (NULL when none).
 */
TL_EXPORT int tl_tag_text(const tl_tagger *tagger, const char *text, size_t len, tl_date dct,
			  tl_timex **out, size_t *count, tl_error *err);

/*
 * A tagging workspace: what a thread keeps from one tagging call to the next (the
 * memo of span tokens, the recognizer's candidate array and match data). A thread
 * that owns one tags without taking the tagger's lock. Use it from one thread at a
 * time, with any tagger. tl_tag_workspace_new() returns NULL when out of memory (err
 * says so); free it with tl_tag_workspace_free() (NULL: nothing).
 */
typedef struct tl_tag_workspace tl_tag_workspace;

TL_EXPORT tl_tag_workspace *tl_tag_workspace_new(tl_error *err);
TL_EXPORT void tl_tag_workspace_free(tl_tag_workspace *ws);

/* tl_tag_text() in the caller's workspace ws (NULL: one of the tagger's, as
 * tl_tag_text() does): the same timexes. */
TL_EXPORT int tl_tag_text_in(const tl_tagger *tagger, tl_tag_workspace *ws, const char *text,
			     size_t len, tl_date dct, tl_timex **out, size_t *count,
			     tl_error *err);

/* ## Articles */

/* Where an article's publication date came from. */
typedef enum tl_date_source {
	TL_DATE_NONE = 0,
	TL_DATE_OPTION,   /* --date */
	TL_DATE_MANIFEST, /* manifest row */
	TL_DATE_HEADER,   /* Date:/Published: header or front matter */
	TL_DATE_DATELINE, /* "LONDON, June 11 (Reuters) -" */
	TL_DATE_FILENAME, /* 2025-06-11-talks.txt */
	TL_DATE_INFERRED  /* guessed from the text (--infer-date) */
} tl_date_source;

TL_EXPORT const char *tl_date_source_name(tl_date_source source);

/*
 * One article: its original bytes, metadata, cleaned text and, once tagged,
 * its timexes. Offsets everywhere are byte offsets into the original file.
 */
typedef struct tl_article tl_article;

/* Fixed metadata from outside the file (the --date option, a manifest row). */
typedef struct tl_article_meta {
	const char *date;   /* "YYYY-MM-DD" or NULL */
	tl_date_source date_source; /* TL_DATE_OPTION or TL_DATE_MANIFEST when date is set */
	const char *title;  /* NULL when unknown */
	const char *source; /* outlet name or NULL */
	const char *url;    /* NULL when unknown */
	bool infer_date;    /* when no date is found anywhere, guess it from the text */
} tl_article_meta;

/*
 * Reads path and builds an article. name is the document id (NULL: the file
 * name without folder and extension). Date precedence: meta->date, then the
 * header block or front matter, then a dateline, then the file name, then (with
 * infer_date) the text. No date at all gives TL_ENODATE.
 */
TL_EXPORT tl_article *tl_article_read(const char *path, const char *name,
				      const tl_article_meta *meta, tl_error *err);

/* The same from bytes in memory; path is used in messages only (may be NULL). */
TL_EXPORT tl_article *tl_article_from_bytes(const char *bytes, size_t len, const char *path,
					    const char *name, const tl_article_meta *meta,
					    tl_error *err);

TL_EXPORT void tl_article_free(tl_article *article);

TL_EXPORT const char *tl_article_name(const tl_article *article);
TL_EXPORT const char *tl_article_path(const tl_article *article); /* NULL when from bytes */
TL_EXPORT tl_date tl_article_date(const tl_article *article);
TL_EXPORT tl_date_source tl_article_date_source(const tl_article *article);
TL_EXPORT const char *tl_article_title(const tl_article *article);  /* NULL when unknown */
TL_EXPORT const char *tl_article_source(const tl_article *article); /* NULL when unknown */
TL_EXPORT const char *tl_article_url(const tl_article *article);    /* NULL when unknown */
/* The original bytes (not NUL-terminated beyond len). */
TL_EXPORT const char *tl_article_bytes(const tl_article *article, size_t *len);
/* The number of original bytes, also of a large file that tl_article_write_tags() reads
 * in windows and never holds whole (tl_article_bytes() gives 0 bytes for it then). */
TL_EXPORT size_t tl_article_size(const tl_article *article);
/* Warnings met while cleaning ("invalid UTF-8 replaced at byte 120"); NULL when none. */
TL_EXPORT const char *tl_article_warnings(const tl_article *article);

/*
 * Frees the article's text and timexes but keeps its name, path, date and
 * metadata; the next tl_article_tag() reads the file again. Lets a program walk
 * a corpus of any size with one article's text in memory. No-op for articles
 * built from bytes (there is no file to read back).
 */
TL_EXPORT void tl_article_release(tl_article *article);

/* Tags the article (idempotent; reads the file again after tl_article_release). */
TL_EXPORT int tl_article_tag(tl_article *article, const tl_tagger *tagger, tl_error *err);
/* tl_article_tag() in the caller's workspace ws (tl_tag_workspace_new; one thread at a
 * time), the same timexes without taking one of the tagger's; ws NULL: tl_article_tag(). */
TL_EXPORT int tl_article_tag_in(tl_article *article, const tl_tagger *tagger,
				tl_tag_workspace *ws, tl_error *err);
TL_EXPORT size_t tl_article_timex_count(const tl_article *article);
TL_EXPORT const tl_timex *tl_article_timex(const tl_article *article, size_t index);

/*
 * Articles from JSON Lines, one per line: {"id", "date", "text", "source"?,
 * "url"?, "title"?} ("-" reads standard input). The reader streams: memory
 * holds one article at a time.
 */
typedef struct tl_article_reader tl_article_reader;

TL_EXPORT tl_article_reader *tl_article_reader_open(const char *path, bool infer_date,
						    tl_error *err);
/*
 * Reads the next article into *out (the caller frees it). Returns 1 for an
 * article, 0 at the end, or a negative code for a bad line (err names the file
 * and line; reading may go on with the next line) or a read error.
 */
TL_EXPORT int tl_article_reader_next(tl_article_reader *reader, tl_article **out, tl_error *err);
TL_EXPORT void tl_article_reader_free(tl_article_reader *reader);

/* ## Corpora: files, folders and manifests */

/*
 * A corpus is an ordered list of articles. Loading never stops at the first bad
 * file: each failure is reported to the callback (when set) and counted, and
 * the articles that could be read are kept. Articles are kept sorted by name,
 * then path, so the order of inputs never changes the output.
 */
typedef struct tl_corpus tl_corpus;

/* Called once per file that could not be loaded. */
typedef void (*tl_diag_fn)(void *userdata, const tl_error *error);

typedef struct tl_corpus_options {
	const char *date;  /* --date for every file, or NULL */
	bool infer_date;   /* --infer-date */
	bool lazy;         /* keep a small record per file once its date is known and make
			    * the article on demand (tl_corpus_article, tl_corpus_release):
			    * about 100 bytes a file, whatever the size of the texts */
	tl_diag_fn on_error;
	void *userdata;
	bool defer_reads;  /* with lazy: a regular file a folder walk lists is only stat()ed
			    * (its id and size) and read once, by tl_corpus_article(), which
			    * learns its date there; files whose names or loading depend on
			    * others (a shared stem, a second path to a file) are read at
			    * once. Failures are then known only after every article was
			    * made: on_error hears of none until tl_corpus_report(), which
			    * gives them all in the order of loading. tl_corpus_date() and
			    * tl_corpus_warnings() know a file only once its article was made;
			    * tl_corpus_count() counts the files that will fail then too. For
			    * readers that go through every article once (`tag`, `extract`,
			    * tl_timeline_build(), whose threads may make articles at once) */
} tl_corpus_options;

TL_EXPORT tl_corpus *tl_corpus_new(const tl_corpus_options *options, tl_error *err);
TL_EXPORT void tl_corpus_free(tl_corpus *corpus);

/* Adds a file, or every regular *.txt / *.md file under a folder (recursively,
 * symlink loops are detected). Returns the number of failures (>= 0) or a
 * negative code when nothing could be done at all. */
TL_EXPORT int tl_corpus_add_path(tl_corpus *corpus, const char *path, tl_error *err);

/* Adds the articles of a manifest: CSV with a header row, columns path,date
 * required and source,title,url optional; paths relative to the manifest. */
TL_EXPORT int tl_corpus_add_manifest(tl_corpus *corpus, const char *manifest_path, tl_error *err);

TL_EXPORT size_t tl_corpus_count(const tl_corpus *corpus);
/*
 * The article at index (NULL past the end). A lazy corpus keeps a small record per
 * file and makes the article here, released (tl_article_release), until
 * tl_corpus_release(); NULL then also means out of memory. Calls for different
 * indexes may run on different threads at once.
 */
TL_EXPORT tl_article *tl_corpus_article(const tl_corpus *corpus, size_t index);
/* Done with the article at index: a lazy corpus frees it (only its record stays), an
 * eager one releases it (tl_article_release). The same threading rule. */
TL_EXPORT void tl_corpus_release(tl_corpus *corpus, size_t index);
/* The date and the warnings of the article at index, without making the article. */
TL_EXPORT tl_date tl_corpus_date(const tl_corpus *corpus, size_t index);
TL_EXPORT const char *tl_corpus_warnings(const tl_corpus *corpus, size_t index);
TL_EXPORT size_t tl_corpus_failures(const tl_corpus *corpus);
/* defer_reads: whether the file at index failed to load (its tl_corpus_article() gave
 * NULL for that, not for want of memory); always false otherwise. */
TL_EXPORT bool tl_corpus_failed(const tl_corpus *corpus, size_t index);
/* defer_reads: reads the files not read yet, then passes every failure held so far to
 * options.on_error in the order the files were loaded (as a corpus that reads at once
 * would have), and holds none from then on. Returns the number of failures of the
 * corpus (tl_corpus_failures()), or a negative code (out of memory). Does nothing
 * more than that count otherwise. */
TL_EXPORT int tl_corpus_report(tl_corpus *corpus, tl_error *err);

/* ## Tag output */

/* One JSON object per timex, one per line: {"doc","start","end","text","type","value",
 * "mod"?,"grain"?}. The article must be tagged. */
TL_EXPORT int tl_write_tags_jsonl(FILE *out, const tl_article *article, tl_error *err);

/* The article as TimeML: DCT plus <TEXT> with inline TIMEX3 tags. */
TL_EXPORT int tl_write_tags_timeml(FILE *out, const tl_article *article, tl_error *err);

/* Tags the article (tl_article_tag) and writes it as tl_write_tags_timeml() (timeml set)
 * or tl_write_tags_jsonl() would. An article of a lazy corpus whose file is large (16 MiB
 * or more, header in its first 64 KiB, date not taken from the body) is read, tagged and
 * written window by window instead, so memory does not grow with the file: the same
 * bytes, written in several pieces, and the article is left untagged. */
TL_EXPORT int tl_article_write_tags(FILE *out, tl_article *article, const tl_tagger *tagger,
				    bool timeml, tl_error *err);


/* ## Timelines: events merged across articles */

/*
 * A timeline is the chronology of a corpus: events sorted by date, each with
 * the mentions (article, sentence, offsets) that report it.
 */
typedef struct tl_timeline tl_timeline;

/* Progress of a long build: articles done of total, and their bytes. Called from
 * the thread that called tl_timeline_build, never concurrently. */
typedef void (*tl_progress_fn)(void *userdata, size_t done, size_t total, size_t bytes_done);

typedef struct tl_build_options {
	double min_confidence; /* drop events below this (0 keeps all) */
	int jobs;              /* worker threads; 0 = one per core. Output is the same for any value */
	const char *name;      /* calendar name; NULL = "timeline" */
	tl_progress_fn progress; /* NULL: no reports */
	void *progress_data;
} tl_build_options;

/* Tags every article of corpus (with tagger), extracts its event mentions and
 * merges them into one timeline. The result does not depend on the order of
 * the articles or on jobs. A file of a defer_reads corpus that fails is skipped:
 * call tl_corpus_report() afterwards. */
TL_EXPORT tl_timeline *tl_timeline_build(tl_corpus *corpus, const tl_tagger *tagger,
					 const tl_build_options *options, tl_error *err);
TL_EXPORT void tl_timeline_free(tl_timeline *timeline);
TL_EXPORT size_t tl_timeline_event_count(const tl_timeline *timeline);

typedef enum tl_format {
	TL_FORMAT_JSON = 0,
	TL_FORMAT_ICS,
	TL_FORMAT_CSV,
	TL_FORMAT_MD
} tl_format;

/* Parses "json", "ics", "csv", "md"; returns TL_EUSAGE for anything else. */
TL_EXPORT int tl_format_parse(const char *name, tl_format *out);

typedef struct tl_export_options {
	bool include_vague; /* ics: keep year-or-coarser and PAST_REF-like events */
	bool excel;         /* csv: start with a UTF-8 BOM */
} tl_export_options;

/* Writes timeline to out in format. Output is deterministic (no clock, no locale). */
TL_EXPORT int tl_timeline_write(const tl_timeline *timeline, tl_format format,
				const tl_export_options *options, FILE *out, tl_error *err);

/* ## Reading timelines back, diffs and map/reduce */

/* Reads a timeline JSON written by tl_timeline_write(TL_FORMAT_JSON). */
TL_EXPORT tl_timeline *tl_timeline_read_json(const char *path, tl_error *err);

/* --previous: events of timeline that match an event of previous (same id, or
 * the same event by the merge rules) keep its id; when their content changed
 * their SEQUENCE becomes previous + 1, otherwise it is kept. */
TL_EXPORT int tl_timeline_apply_previous(tl_timeline *timeline, const tl_timeline *previous,
					 tl_error *err);

/* The differences between two timelines: added, removed and changed events. */
typedef struct tl_diff tl_diff;

TL_EXPORT tl_diff *tl_diff_new(const tl_timeline *old_timeline, const tl_timeline *new_timeline,
			       tl_error *err);
TL_EXPORT void tl_diff_free(tl_diff *diff);
/* Number of added + removed + changed events (0: the timelines are the same). */
TL_EXPORT size_t tl_diff_count(const tl_diff *diff);

typedef enum tl_diff_format { TL_DIFF_TEXT = 0, TL_DIFF_JSON, TL_DIFF_CSV } tl_diff_format;

/* Writes the report; color adds ANSI colors to the text format (for terminals). */
TL_EXPORT int tl_diff_write(const tl_diff *diff, tl_diff_format format, bool color, FILE *out,
			    tl_error *err);

/*
 * Map step: writes the event mentions of one tagged article as JSON Lines (one
 * mention per line, every field needed to merge them later).
 */
TL_EXPORT int tl_article_write_mentions(FILE *out, tl_article *article, const tl_tagger *tagger,
					tl_error *err);

/*
 * Reduce step: reads JSON Lines of mentions (from tl_article_write_mentions)
 * and/or timeline JSON files and merges them into one timeline. Associative,
 * commutative and idempotent: any split of the input gives the same result.
 */
TL_EXPORT tl_timeline *tl_timeline_merge_files(const char *const *paths, size_t n_paths,
					       const tl_build_options *options, tl_error *err);

#ifdef __cplusplus
}
#endif

#endif /* TIMELINE_H */
