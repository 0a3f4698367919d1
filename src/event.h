/*
 * event.h - the data model shared by the event stages: a tl_mention is one
 * dated statement in one article (extract.c makes them); a tl_event is one
 * entry of the chronology, grouping the mentions of the same happening across
 * articles (merge.c makes them); struct tl_timeline holds the sorted events
 * (timeline.c). Exporters (export_*.c) and diff.c only read these structs.
 *
 * Ownership: a timeline owns its events; an event owns its mentions and
 * strings; a mention owns its strings and arrays, unless it is pooled: then
 * they belong to a string pool (hash.h) that the timeline holding the
 * mention owns (the reduce step reads millions of mentions repeating the
 * same texts). tl_mention_free_fields() and tl_event_free_fields() release
 * the contents of one element (not the element storage itself, which lives
 * in its parent's array).
 */
#ifndef TL_EVENT_H
#define TL_EVENT_H

#include <stdbool.h>
#include <stddef.h>

#include "timeline.h"

typedef enum tl_event_status {
	TL_STATUS_DONE = 0, /* reported as having happened */
	TL_STATUS_PLANNED,  /* scheduled, expected, threatened */
	TL_STATUS_NEGATED   /* did not happen ("did not meet on Friday") */
} tl_event_status;

typedef struct tl_strings {
	char **items; /* each owned */
	size_t count;
} tl_strings;

typedef struct tl_mention {
	char *doc;           /* article name (document id) */
	char *source;        /* outlet, or NULL */
	char *url;           /* or NULL */
	tl_date article_date;
	size_t start, end;   /* the timex, byte offsets in the article's original file */
	size_t sentence_start, sentence_end; /* the sentence, same coordinates */
	char *text;          /* the timex as written */
	char *sentence;      /* the whole sentence, whitespace folded to single spaces */
	char *title;         /* short headline: who did what */
	tl_timex_type type;
	char value[TL_VALUE_MAX];
	char mod[TL_MOD_MAX];
	tl_grain grain;
	tl_date first, end_date; /* calendar interval of value, end exclusive (if grain set) */
	tl_strings actors;   /* "China", "Scott Bessent", "Ministry of Commerce" */
	tl_strings keywords; /* lower-case content words of the clause, sorted, unique */
	tl_strings figures;  /* "145%", "$50 billion", "90-day" */
	tl_event_status status;
	bool pooled;         /* strings and string arrays belong to a tl_strpool: not freed */
	double confidence;   /* 0..1 */
} tl_mention;

typedef struct tl_event {
	char id[17];         /* 16 lower-case hex digits, stable across rebuilds */
	char value[TL_VALUE_MAX]; /* most specific value the mentions agree on */
	char mod[TL_MOD_MAX];
	tl_grain grain;
	tl_date first, end_date; /* [first, end_date) */
	char *title;
	tl_strings actors;
	tl_strings keywords;
	tl_mention *mentions; /* sorted by (doc, start) */
	size_t n_mentions;
	char *conflict;       /* NULL, or a description: "dates differ: 2025-06-05 (a, b) vs 2025-06-04 (c)" */
	tl_event_status status;
	double confidence;
	int sequence;         /* iCalendar SEQUENCE, 0 unless bumped by --previous */
} tl_event;

struct tl_timeline {
	char *name;          /* calendar name */
	tl_event *events;    /* sorted by (first, value, id) */
	size_t n_events;
	tl_date stamp;       /* newest article date: used for DTSTAMP, never the clock */
	struct tl_strpool *pool; /* owned, or NULL: holds the strings of pooled mentions */
};

/* An empty timeline named options->name ("timeline" when options or the name is NULL),
 * for tl_timeline_free(); NULL with err set when memory runs out. */
tl_timeline *tl_timeline_new_empty(const tl_build_options *options, tl_error *err);

void tl_strings_free(tl_strings *s);
void tl_mention_free_fields(tl_mention *m);
void tl_event_free_fields(tl_event *e);

#endif
