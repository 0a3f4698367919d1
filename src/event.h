/*
 * event.h - the data model shared by the event stages: a tl_mention is one
 * dated statement in one article (extract.c makes them); a tl_event is one
 * entry of the chronology, grouping the mentions of the same happening across
 * articles (merge.c makes them); struct tl_timeline holds the sorted events
 * (timeline.c). Exporters (export_*.c) and diff.c only read these structs.
 *
 * Ownership: a timeline owns its events; an event owns its strings and
 * either its mentions (mentions: read from a timeline JSON, copied by diff.c,
 * made by hand) or an array of references to pooled mentions (refs: what the
 * merge makes; such an event's actors and keywords are arrays of pooled
 * strings: it owns the arrays only). A mention owns its strings and arrays, unless it is pooled:
 * then they belong to a string pool (hash.h) that the timeline holding the
 * mention owns (the reduce step reads millions of mentions repeating the
 * same texts). A reference (tl_mref, 16 bytes) points at two records
 * interned in such a pool: the head (document, outlet, url, article date)
 * and the body (everything else, tl_mbody: 160 bytes, every string pooled),
 * so that the copies of one report made by many outlets share one
 * body and memory follows the distinct texts, not the mentions. Readers get
 * any event's mentions through tl_event_mention(). tl_mention_free_fields()
 * and tl_event_free_fields() release the contents of one element (not the
 * element storage itself, which lives in its parent's array).
 */
#ifndef TL_EVENT_H
#define TL_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/* The document part of a pooled mention: equal heads are one record. */
typedef struct tl_mhead {
	const char *doc, *source, *url; /* pooled; source and url may be NULL */
	tl_date article_date;
} tl_mhead;

/* The rest of a pooled mention: the fields of tl_mention, strings pooled
 * (value and mod too: never NULL), enums in a byte. Equal bodies are one
 * record. */
typedef struct tl_mbody {
	const char *text, *sentence, *title; /* NULL when absent */
	const char *value, *mod;
	tl_strings actors, keywords, figures; /* pooled arrays */
	size_t start, end, sentence_start, sentence_end;
	tl_date first, end_date;
	double confidence;
	unsigned char type, grain, status; /* tl_timex_type, tl_grain, tl_event_status */
} tl_mbody;

/* A pooled mention: its head and its body, both records of one pool,
 * shared by equal mentions. The merge fills in a body's first, end_date
 * and grain from its value in place: the same for every mention sharing
 * it. */
typedef struct tl_mref {
	const tl_mhead *head;
	tl_mbody *body;
} tl_mref;

typedef struct tl_event {
	char id[17];         /* 16 lower-case hex digits, stable across rebuilds */
	char value[TL_VALUE_MAX]; /* most specific value the mentions agree on */
	char mod[TL_MOD_MAX];
	tl_grain grain;
	tl_date first, end_date; /* [first, end_date) */
	char *title;
	tl_strings actors;
	tl_strings keywords;
	tl_mention *mentions; /* sorted by (doc, start); or NULL with refs */
	tl_mref *refs;        /* or the same as references to pooled mentions */
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

/* The mention a reference points at, its strings in the pool. */
static inline tl_mention tl_mref_view(const tl_mref *r)
{
	const tl_mbody *b = r->body;
	tl_mention m;
	/* pooled strings are never written through (char * only because
	 * unpooled mentions own theirs) */
	m.doc = (char *)(uintptr_t)r->head->doc;
	m.source = (char *)(uintptr_t)r->head->source;
	m.url = (char *)(uintptr_t)r->head->url;
	m.article_date = r->head->article_date;
	m.start = b->start;
	m.end = b->end;
	m.sentence_start = b->sentence_start;
	m.sentence_end = b->sentence_end;
	m.text = (char *)(uintptr_t)b->text;
	m.sentence = (char *)(uintptr_t)b->sentence;
	m.title = (char *)(uintptr_t)b->title;
	m.type = (tl_timex_type)b->type;
	size_t v = strlen(b->value), d = strlen(b->mod); /* shorter than the arrays: interned from them */
	memcpy(m.value, b->value, v + 1);
	memcpy(m.mod, b->mod, d + 1);
	m.grain = (tl_grain)b->grain;
	m.first = b->first;
	m.end_date = b->end_date;
	m.actors = b->actors;
	m.keywords = b->keywords;
	m.figures = b->figures;
	m.status = (tl_event_status)b->status;
	m.pooled = true;
	m.confidence = b->confidence;
	return m;
}

/* Mention i of e: &e->mentions[i], or the mention e->refs[i] points at
 * written into *scratch (its strings stay in the pool). */
static inline const tl_mention *tl_event_mention(const tl_event *e, size_t i,
						 tl_mention *scratch)
{
	if (e->mentions)
		return &e->mentions[i];
	*scratch = tl_mref_view(&e->refs[i]);
	return scratch;
}

struct tl_strpool;
/* Interns m (pooled or not) into pool as *out; m is left as it was.
 * TL_OK or TL_ENOMEM. */
int tl_mref_intern(struct tl_strpool *pool, const tl_mention *m, tl_mref *out);
void tl_mention_free_fields(tl_mention *m);
void tl_event_free_fields(tl_event *e);

#endif
