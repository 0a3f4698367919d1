/*
 * timeline.c - the tl_timeline container and its build: tags every article
 * of a corpus and extracts its mentions (extract.c) on a pool of pthreads,
 * one article at a time per worker (tagged in a workspace the worker owns), each
 * article's result in its own slot
 * (the mentions' strings left in an arena of the article's, reset once they
 * are interned and reused for a later article: no string is copied or freed
 * on its own);
 * the calling thread interns the slots in corpus order into the timeline's
 * pool (event.h) as they are finished, between its own articles (so that
 * interning overlaps the other threads' work; an article's strings, then its
 * arrays, then its records, each step's pool slots fetched ahead, since the
 * pool outgrows the caches), then merges them (merge.c) with the words of
 * their sentences, which the workers find (the merge would otherwise look
 * for them on one thread) and keeps the events that reach min_confidence.
 * A corpus that defers reads (defer_reads) reads each file once, when a worker
 * makes its article; a file that fails then is skipped (the corpus reports it).
 * Progress (options->progress) is reported from the calling thread only,
 * after each article it finishes and once all are done. The output depends
 * on neither the thread count nor the input order. A timeline owns its name,
 * events and pool; this file also owns the free functions of the data model
 * (event.h), the interning of a mention into a pool (tl_mref_intern) and
 * the switch over exporters.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "corpus.h"
#include "error.h"
#include "export.h"
#include "extract.h"
#include "extract_arena.h"
#include "extract_features.h"
#include "hash.h"
#include "merge.h"
#include "mention_jsonl.h"

tl_timeline *tl_timeline_new_empty(const tl_build_options *options, tl_error *err)
{
	tl_timeline *t = calloc(1, sizeof *t);
	const char *name = options && options->name ? options->name : "timeline";
	if (!t || !(t->name = strdup(name))) {
		free(t);
		tl_error_nomem(err);
		return NULL;
	}
	return t;
}

void tl_strings_free(tl_strings *s)
{
	for (size_t i = 0; i < s->count; i++)
		free(s->items[i]);
	free(s->items);
	s->items = NULL;
	s->count = 0;
}

void tl_mention_free_fields(tl_mention *m)
{
	if (m->pooled)
		return; /* the pool owns every string and array */
	free(m->doc);
	free(m->source);
	free(m->url);
	free(m->text);
	free(m->sentence);
	free(m->title);
	tl_strings_free(&m->actors);
	tl_strings_free(&m->keywords);
	tl_strings_free(&m->figures);
}

void tl_event_free_fields(tl_event *e)
{
	free(e->title);
	free(e->conflict);
	if (e->refs) {
		/* Made by the merge: the strings are its mentions' pool's. */
		free(e->actors.items);
		free(e->keywords.items);
	} else {
		tl_strings_free(&e->actors);
		tl_strings_free(&e->keywords);
	}
	for (size_t i = 0; e->mentions && i < e->n_mentions; i++)
		tl_mention_free_fields(&e->mentions[i]);
	free(e->mentions);
	free(e->refs); /* what they point at belongs to a pool */
}

/* A word of a sentence (in the article's arena) and its pool hash. */
typedef struct found_word {
	const char *s;
	size_t len;
	uint64_t hash; /* tl_strpool_hash() */
} found_word;

/* The words of an article's sentences (tl_extract_keywords, finished), found
 * on the worker threads so that the merge does not look for them: mention j
 * has words[first[j], first[j + 1]), none when its sentence is the previous
 * mention's (or it has none); the words are in the article's arena, with its
 * mentions. */
typedef struct article_words {
	found_word *words;
	size_t n_words, cap_words;
	size_t *first; /* per mention, and one past the last */
} article_words;

static void article_words_free(article_words *aw)
{
	free(aw->words);
	free(aw->first);
	memset(aw, 0, sizeof *aw);
}

/* A string whose pool hash was worked out ahead (hash_ahead), so that its slot
 * was fetched while the others were hashed: key and len are the string. */
typedef struct ahead {
	const char *key;
	size_t len;
	uint64_t hash;
} ahead;

/* Interns strings into a pool, taking the hashes worked out ahead for them in
 * the order they are asked for: aheads[next..n). A string that is not the next
 * one (a plan that went another way) is just hashed again, and one that is is
 * interned even where it reads as the previous mention's, whose pooled copy
 * the pool then gives: the result is the same either way. */
typedef struct interner {
	tl_strpool *pool;
	ahead *aheads;
	size_t n, next, cap;
} interner;

/* How many strings ahead of the one interned the pooled bytes of a planned string
 * are fetched (its slot was, when it was planned). */
#define BYTES_AHEAD 4

/* Whether s is the next string planned: the plan then found it to differ from the
 * previous mention's (no other field shares its pointer). */
static bool is_planned(const interner *in, const char *s)
{
	return in->next < in->n && in->aheads[in->next].key == s;
}

/* The plan's entry for s when s is the next string planned (taken), else NULL. */
static const ahead *take_planned(interner *in, const char *s)
{
	if (!is_planned(in, s))
		return NULL;
	const ahead *a = &in->aheads[in->next++];
	if (in->next + BYTES_AHEAD < in->n)
		tl_strpool_prefetch_bytes(in->pool, in->aheads[in->next + BYTES_AHEAD].hash);
	return a;
}

static const char *intern_bytes(interner *in, const char *s, size_t n)
{
	const ahead *a = take_planned(in, s);
	return tl_strpool_intern_hashed(in->pool, s, n, a ? a->hash : tl_strpool_hash(s, n));
}

/* The pooled copy of s (NULL stays NULL); false when out of memory. */
static bool intern_string(interner *in, bool pooled, const char *s, const char **out)
{
	if (!s || pooled) {
		*out = s;
		return true;
	}
	const ahead *a = take_planned(in, s);
	*out = a ? tl_strpool_intern_hashed(in->pool, s, a->len, a->hash)
		 : intern_bytes(in, s, strlen(s));
	return *out != NULL;
}

static bool intern_strings(interner *in, bool pooled, const tl_strings *s, tl_strings *out)
{
	*out = *s;
	if (pooled || !s->count)
		return true;
	char **items = malloc(s->count * sizeof *items);
	bool ok = items != NULL;
	for (size_t i = 0; ok && i < s->count; i++) {
		const char *p;
		ok = intern_string(in, false, s->items[i], &p);
		items[i] = (char *)(uintptr_t)p; /* pooled: never written through */
	}
	out->items = ok ? tl_strpool_intern_array(in->pool, items, s->count) : NULL;
	free(items);
	return out->items != NULL;
}

/* The fields of a mention that are not strings, into its head and body. */
static void copy_scalars(const tl_mention *m, tl_mhead *head, tl_mbody *body)
{
	head->article_date = m->article_date;
	body->start = m->start;
	body->end = m->end;
	body->sentence_start = m->sentence_start;
	body->sentence_end = m->sentence_end;
	body->type = (unsigned char)m->type;
	body->grain = (unsigned char)m->grain;
	body->first = m->first;
	body->end_date = m->end_date;
	body->status = (unsigned char)m->status;
	body->confidence = m->confidence;
}

static int mref_intern(interner *in, const tl_mention *m, tl_mref *out)
{
	/* Records are compared as bytes: their padding is zeroed first. */
	tl_mhead head;
	tl_mbody body;
	memset(&head, 0, sizeof head);
	memset(&body, 0, sizeof body);
	bool ok = intern_string(in, m->pooled, m->doc, &head.doc) &&
		  intern_string(in, m->pooled, m->source, &head.source) &&
		  intern_string(in, m->pooled, m->url, &head.url) &&
		  intern_string(in, m->pooled, m->text, &body.text) &&
		  intern_string(in, m->pooled, m->sentence, &body.sentence) &&
		  intern_string(in, m->pooled, m->title, &body.title) &&
		  (body.value = intern_bytes(in, m->value, strnlen(m->value, sizeof m->value - 1))) &&
		  (body.mod = intern_bytes(in, m->mod, strnlen(m->mod, sizeof m->mod - 1))) &&
		  intern_strings(in, m->pooled, &m->actors, &body.actors) &&
		  intern_strings(in, m->pooled, &m->keywords, &body.keywords) &&
		  intern_strings(in, m->pooled, &m->figures, &body.figures);
	if (!ok)
		return TL_ENOMEM;
	copy_scalars(m, &head, &body);
	out->head = tl_strpool_intern_record(in->pool, &head, sizeof head);
	out->body = out->head ? tl_strpool_intern_record(in->pool, &body, sizeof body) : NULL;
	return out->body ? TL_OK : TL_ENOMEM;
}

int tl_mref_intern(tl_strpool *pool, const tl_mention *m, tl_mref *out)
{
	interner in = {.pool = pool};
	return mref_intern(&in, m, out);
}

/* s pooled: prev_pooled when s reads as prev (the same field of the previous
 * mention of an article, pooled as prev_pooled), else interned. */
static bool intern_like(interner *in, const char *s, const char *prev, const char *prev_pooled,
			const char **out)
{
	/* (arena mentions share the pointer of a string they share) */
	if (s && prev && !is_planned(in, s) && (s == prev || strcmp(s, prev) == 0)) {
		*out = prev_pooled;
		return true;
	}
	return intern_string(in, false, s, out);
}

/* The same for a field held in a char array of size bytes (value, mod), read
 * as tl_mref_intern() reads it. NULL when out of memory. */
static const char *intern_field(interner *in, const char *s, const char *prev,
				const char *prev_pooled, size_t size)
{
	size_t n = strnlen(s, size - 1);
	if (n == strnlen(prev, size - 1) && memcmp(s, prev, n) == 0)
		return prev_pooled;
	return intern_bytes(in, s, n);
}

static bool same_strings(const tl_strings *a, const tl_strings *b)
{
	if (a->count != b->count)
		return false;
	if (a->items == b->items) /* one arena set (or both empty) */
		return true;
	for (size_t i = 0; i < a->count; i++)
		if (strcmp(a->items[i], b->items[i]) != 0)
			return false;
	return true;
}

/* Notes s[0..n) as a string to be interned next: its hash, and its pool slot fetched
 * into the cache meanwhile. TL_OK or TL_ENOMEM. */
static int plan_bytes(interner *in, const char *s, size_t n)
{
	if (in->n == in->cap) {
		ahead *grown = tl_array_grow(in->aheads, &in->cap, in->n, 256, sizeof *grown);
		if (!grown)
			return TL_ENOMEM;
		in->aheads = grown;
	}
	uint64_t h = tl_strpool_hash(s, n);
	tl_strpool_prefetch(in->pool, h);
	in->aheads[in->n++] = (ahead){s, n, h};
	return TL_OK;
}

/* The strings intern_like() will intern: s unless it reads as prev (NULL: none); n
 * is strlen(s), or SIZE_MAX for unknown. */
static int plan_like(interner *in, const char *s, size_t n, const char *prev)
{
	if (!s || (prev && (s == prev || strcmp(s, prev) == 0)))
		return TL_OK;
	return plan_bytes(in, s, n != SIZE_MAX ? n : strlen(s));
}

static int plan_field(interner *in, const char *s, const char *prev, size_t size)
{
	size_t n = strnlen(s, size - 1);
	if (prev && n == strnlen(prev, size - 1) && memcmp(s, prev, n) == 0)
		return TL_OK;
	return plan_bytes(in, s, n);
}

static int plan_strings(interner *in, const tl_strings *s, const tl_strings *prev)
{
	if (!s->count || (prev && same_strings(s, prev)))
		return TL_OK;
	int rc = TL_OK;
	for (size_t i = 0; i < s->count && rc == TL_OK; i++)
		rc = plan_bytes(in, s->items[i], strlen(s->items[i]));
	return rc;
}

/*
 * Works out ahead the hashes of the strings that interning the mentions
 * ms[0..count) of an article (lens[j]: the lengths of ms[j]'s strings) will
 * look up (stage_strings_of(), mention by mention), in that order, and has
 * their slots fetched meanwhile, and those of the
 * words stage_words() will look up: the lookups then mostly find their slots in
 * the cache instead of waiting for each in turn (the pool outgrows the caches
 * on large corpora). The plan mirrors the choices of stage_strings_of(); where
 * it would not, interning only hashes again.
 */
static int hash_ahead(interner *in, const tl_mention *ms, const tl_mention_lens *lens,
		      size_t count, const article_words *aw)
{
	in->n = in->next = 0;
	int rc = TL_OK;
	for (size_t j = 0; j < count && rc == TL_OK; j++) {
		const tl_mention *m = &ms[j], *p = j ? &ms[j - 1] : NULL;
		for (size_t k = aw->first[j]; k < aw->first[j + 1]; k++) /* for stage_words() */
			tl_strpool_prefetch(in->pool, aw->words[k].hash);
		if (m->pooled || (p && p->pooled))
			continue;
		const tl_mention_lens *l = &lens[j];
		rc = plan_like(in, m->doc, l->doc, p ? p->doc : NULL);
		if (rc == TL_OK)
			rc = plan_like(in, m->source, l->source, p ? p->source : NULL);
		if (rc == TL_OK)
			rc = plan_like(in, m->url, l->url, p ? p->url : NULL);
		if (rc == TL_OK)
			rc = plan_like(in, m->text, l->text, p ? p->text : NULL);
		if (rc == TL_OK)
			rc = plan_like(in, m->sentence, l->sentence, p ? p->sentence : NULL);
		if (rc == TL_OK)
			rc = plan_like(in, m->title, l->title, p ? p->title : NULL);
		if (rc == TL_OK)
			rc = plan_field(in, m->value, p ? p->value : NULL, sizeof m->value);
		if (rc == TL_OK)
			rc = plan_field(in, m->mod, p ? p->mod : NULL, sizeof m->mod);
		if (rc == TL_OK)
			rc = plan_strings(in, &m->actors, p ? &p->actors : NULL);
		if (rc == TL_OK)
			rc = plan_strings(in, &m->keywords, p ? &p->keywords : NULL);
		if (rc == TL_OK)
			rc = plan_strings(in, &m->figures, p ? &p->figures : NULL);
	}
	for (size_t k = 0; k < BYTES_AHEAD && k < in->n; k++)
		tl_strpool_prefetch_bytes(in->pool, in->aheads[k].hash);
	return rc;
}

/* An array of pooled strings that a mention of the article being gathered holds,
 * interned in a later step than its items: the items (stage.items[from, from + n)) and
 * their hash; or, when it equals the previous mention's, that one (same). It goes to
 * out, or to the words of the sentence sentence_at (build_job.sentences) when out is
 * NULL. */
typedef struct staged_array {
	size_t from, n;
	uint64_t hash;
	tl_strings *out;
	const tl_strings *same;
	size_t sentence_at;
} staged_array;

/* A mention's records: whether its head is the previous mention's, and their hashes. */
typedef struct staged_records {
	uint64_t head, body;
	bool same_head;
} staged_records;

/* The scratch of gather_one(): the heads and bodies of an article's mentions as they
 * are filled in, the arrays and the records they will be interned as. */
typedef struct article_stage {
	tl_mhead *heads;
	tl_mbody *bodies;
	staged_records *records;
	size_t cap;            /* of heads, bodies and records */
	char **items;          /* pooled strings of the staged arrays */
	size_t n_items, cap_items;
	staged_array *arrays;
	size_t n_arrays, cap_arrays;
} article_stage;

static void article_stage_free(article_stage *st)
{
	free(st->heads);
	free(st->bodies);
	free(st->records);
	free(st->items);
	free(st->arrays);
	memset(st, 0, sizeof *st);
}

/* Room for the records of count mentions. TL_OK or TL_ENOMEM. */
static int stage_reserve(article_stage *st, size_t count)
{
	if (count <= st->cap)
		return TL_OK;
	size_t cap = st->cap ? st->cap : 64;
	while (cap < count) {
		if (cap > SIZE_MAX / 2 / sizeof *st->bodies)
			return TL_ENOMEM;
		cap *= 2;
	}
	article_stage grown = *st;
	grown.heads = realloc(st->heads, cap * sizeof *grown.heads);
	if (grown.heads)
		st->heads = grown.heads;
	grown.bodies = realloc(st->bodies, cap * sizeof *grown.bodies);
	if (grown.bodies)
		st->bodies = grown.bodies;
	grown.records = realloc(st->records, cap * sizeof *grown.records);
	if (grown.records)
		st->records = grown.records;
	if (!grown.heads || !grown.bodies || !grown.records)
		return TL_ENOMEM;
	st->cap = cap;
	return TL_OK;
}

/* Notes an array to intern in the next step (see staged_array). TL_OK or TL_ENOMEM. */
static int stage_array(article_stage *st, staged_array a)
{
	if (st->n_arrays == st->cap_arrays) {
		staged_array *grown = tl_array_grow(st->arrays, &st->cap_arrays, st->n_arrays,
						    64, sizeof *grown);
		if (!grown)
			return TL_ENOMEM;
		st->arrays = grown;
	}
	st->arrays[st->n_arrays++] = a;
	return TL_OK;
}

/* A pooled string as the next item of the array being staged. TL_OK or TL_ENOMEM. */
static int stage_item(article_stage *st, const char *pooled)
{
	if (st->n_items == st->cap_items) { /* (once the first articles are through, never) */
		char **grown = tl_array_grow(st->items, &st->cap_items, st->n_items, 256,
					     sizeof *grown);
		if (!grown)
			return TL_ENOMEM;
		st->items = grown;
	}
	st->items[st->n_items++] = (char *)(uintptr_t)pooled; /* never written through */
	return TL_OK;
}

/* The work of the build threads: articles are claimed through next. */
typedef struct build_job {
	tl_corpus *corpus;
	const tl_tagger *tagger;
	const tl_build_options *options; /* progress callback, or NULL */
	size_t n;
	size_t next;           /* next article to claim, under lock */
	size_t done, bytes;    /* articles finished and their bytes, under lock */
	size_t reported;       /* done at the last progress call (calling thread only) */
	pthread_mutex_t lock;
	/* Per article: its mentions, with their strings and sets in its arena
	 * (tl_extract_article_in(); never tl_mention_free_fields()), and the
	 * lengths of their strings, until they are interned. */
	tl_mention **mentions;
	tl_mention_lens **lens;
	tl_xarena *arenas;
	size_t *counts;
	/* Arenas of articles interned, reset for the next ones (under lock): as
	 * many arenas exist as articles are pending, plus these. */
	tl_xarena *spares;
	size_t n_spares, cap_spares;
	int *codes;            /* per article: TL_OK or the failure */
	tl_error *errors;      /* per article */
	article_words *words;  /* per article */
	bool *finished;        /* per article: its slot is filled in, under lock */
	/* The calling thread interns the articles finished so far into pool, in
	 * corpus order, while the others still work (gather_ready). */
	tl_strpool *pool;
	interner in;           /* into pool, with the hashes of an article worked out ahead */
	tl_mref *all;          /* the references of articles [0, gathered) */
	size_t n_all, cap_all;
	size_t gathered;
	int gather_rc;         /* TL_OK, or TL_ENOMEM once interning failed */
	tl_sentence_words *sentences; /* the words of the pooled sentences (merge.h) */
	size_t n_sentences, cap_sentences;
	article_stage stage;   /* gather_one()'s scratch, kept from article to article */
} build_job;

/* Finds the words of the sentences of ms[0..count) (lens: the lengths of their
 * strings) into aw, the words in arena (the mentions'). TL_OK or TL_ENOMEM. */
static int find_words(const tl_mention *ms, const tl_mention_lens *lens, size_t count,
		      tl_xarena *arena, article_words *aw)
{
	if (!(aw->first = malloc((count + 1) * sizeof *aw->first)))
		return TL_ENOMEM;
	int rc = TL_OK;
	for (size_t j = 0; j < count && rc == TL_OK; j++) {
		aw->first[j] = aw->n_words;
		const char *s = ms[j].sentence;
		const char *prev = j > 0 ? ms[j - 1].sentence : NULL;
		if (!s || (prev && (prev == s || strcmp(prev, s) == 0)))
			continue;
		tl_strings found = {NULL, 0};
		rc = tl_extract_keywords_in(arena, s, lens[j].sentence, &found);
		tl_xarena_finish(arena, &found);
		for (size_t k = 0; k < found.count && rc == TL_OK; k++) {
			if (aw->n_words == aw->cap_words) {
				found_word *w = tl_array_grow(aw->words, &aw->cap_words,
							      aw->n_words, 256, sizeof *w);
				if (!w) {
					rc = TL_ENOMEM;
					break;
				}
				aw->words = w;
			}
			const char *word = found.items[k];
			size_t len = strlen(word);
			aw->words[aw->n_words++] = (found_word){word, len,
								tl_strpool_hash(word, len)};
		}
	}
	aw->first[count] = aw->n_words;
	return rc;
}

/* Tags (in ws, the calling thread's workspace; NULL: it could not be made) and
 * extracts article i; returns its size in bytes. */
static size_t run_article(build_job *job, tl_tag_workspace *ws, size_t i)
{
	tl_article *a = tl_corpus_article(job->corpus, i);
	if (!a) {
		/* A file of a corpus that defers reads may fail only now: the corpus
		 * holds its failure for tl_corpus_report(), and it adds nothing. */
		job->codes[i] = tl_corpus_failed(job->corpus, i) ? TL_OK
								: tl_error_nomem(&job->errors[i]);
		return 0;
	}
	int rc = ws ? tl_article_tag_in(a, job->tagger, ws, &job->errors[i])
		    : tl_error_nomem(&job->errors[i]);
	if (rc == TL_OK)
		rc = tl_article_sentences(a, &job->errors[i]);
	if (rc == TL_OK)
		rc = tl_extract_article_in(&job->arenas[i], a, &job->mentions[i], &job->lens[i],
					   &job->counts[i], &job->errors[i]);
	if (rc == TL_OK && find_words(job->mentions[i], job->lens[i], job->counts[i],
				      &job->arenas[i], &job->words[i]) != TL_OK)
		rc = tl_error_nomem(&job->errors[i]);
	size_t bytes = a->raw_len;
	/* The mentions keep what they need in the arena: drop the text so memory
	 * follows the pending articles, not the corpus (files are read again if
	 * tagged again). */
	tl_corpus_release(job->corpus, i);
	job->codes[i] = rc;
	return bytes;
}

/* Reports progress when articles were finished since the last report. Called
 * only from the thread that called tl_timeline_build, so never concurrently. */
static void report(build_job *job)
{
	if (!job->options || !job->options->progress)
		return;
	pthread_mutex_lock(&job->lock);
	size_t done = job->done, bytes = job->bytes;
	pthread_mutex_unlock(&job->lock);
	if (done > job->reported) {
		job->reported = done;
		job->options->progress(job->options->progress_data, done, job->n, bytes);
	}
}

/* The items of the array s are interned and staged, the array to go to out; as
 * intern_strings() would, an empty or pooled s is copied as it is, and one that reads
 * as the previous mention's (prev, pooled as prev_out) will be that one. TL_OK or
 * TL_ENOMEM. */
static int stage_strings(build_job *job, bool pooled, const tl_strings *s,
			 const tl_strings *prev, const tl_strings *prev_out, tl_strings *out)
{
	*out = *s;
	if (pooled || !s->count)
		return TL_OK;
	article_stage *st = &job->stage;
	if (prev && !is_planned(&job->in, s->items[0]) && same_strings(s, prev))
		return stage_array(st, (staged_array){.out = out, .same = prev_out});
	size_t from = st->n_items;
	for (size_t i = 0; i < s->count; i++) {
		const char *p;
		if (!intern_string(&job->in, false, s->items[i], &p) || stage_item(st, p) != TL_OK)
			return TL_ENOMEM;
	}
	uint64_t h = tl_strpool_array_hash(st->items + from, s->count);
	tl_strpool_prefetch(job->pool, h);
	return stage_array(st, (staged_array){from, s->count, h, out, NULL, 0});
}

/* The words found for mention j of an article (aw), whose sentence is the pooled
 * one: interned, and their array staged for the merge (build_job.sentences). TL_OK
 * or TL_ENOMEM. */
static int stage_words(build_job *job, const article_words *aw, size_t j, const char *sentence)
{
	size_t from = aw->first[j], n = aw->first[j + 1] - from;
	if (!n || !sentence)
		return TL_OK;
	article_stage *st = &job->stage;
	size_t at = st->n_items;
	for (size_t k = 0; k < n; k++) {
		const found_word *w = &aw->words[from + k];
		const char *p = tl_strpool_intern_hashed(job->pool, w->s, w->len, w->hash);
		if (!p || stage_item(st, p) != TL_OK)
			return TL_ENOMEM;
	}
	tl_sentence_words *v = tl_array_grow(job->sentences, &job->cap_sentences,
					     job->n_sentences, 1024, sizeof *v);
	if (!v)
		return TL_ENOMEM;
	job->sentences = v;
	v[job->n_sentences] = (tl_sentence_words){sentence, {NULL, n}};
	uint64_t h = tl_strpool_array_hash(st->items + at, n);
	tl_strpool_prefetch(job->pool, h);
	return stage_array(st, (staged_array){at, n, h, NULL, NULL, job->n_sentences++});
}

/* Step 1 for mention j of ms: its strings into heads[j] and bodies[j], as
 * tl_mref_intern() would (the fields it shares with the previous mention, when
 * neither is pooled, take the pooled copies that one got), its arrays and words
 * staged. TL_OK or TL_ENOMEM. */
static int stage_strings_of(build_job *job, const tl_mention *ms, size_t j,
			    const article_words *aw)
{
	article_stage *st = &job->stage;
	interner *in = &job->in;
	const tl_mention *m = &ms[j];
	const tl_mention *p = j && !m->pooled && !ms[j - 1].pooled ? &ms[j - 1] : NULL;
	tl_mhead *h = &st->heads[j];
	tl_mbody *b = &st->bodies[j];
	/* Records are compared as bytes: their padding is zeroed first. */
	memset(h, 0, sizeof *h);
	memset(b, 0, sizeof *b);
	bool ok;
	if (p) {
		const tl_mhead *ph = h - 1;
		const tl_mbody *pb = b - 1;
		ok = intern_like(in, m->doc, p->doc, ph->doc, &h->doc) &&
		     intern_like(in, m->source, p->source, ph->source, &h->source) &&
		     intern_like(in, m->url, p->url, ph->url, &h->url) &&
		     intern_like(in, m->text, p->text, pb->text, &b->text) &&
		     intern_like(in, m->sentence, p->sentence, pb->sentence, &b->sentence) &&
		     intern_like(in, m->title, p->title, pb->title, &b->title) &&
		     (b->value = intern_field(in, m->value, p->value, pb->value,
					      sizeof m->value)) &&
		     (b->mod = intern_field(in, m->mod, p->mod, pb->mod, sizeof m->mod));
	} else {
		ok = intern_string(in, m->pooled, m->doc, &h->doc) &&
		     intern_string(in, m->pooled, m->source, &h->source) &&
		     intern_string(in, m->pooled, m->url, &h->url) &&
		     intern_string(in, m->pooled, m->text, &b->text) &&
		     intern_string(in, m->pooled, m->sentence, &b->sentence) &&
		     intern_string(in, m->pooled, m->title, &b->title) &&
		     (b->value = intern_bytes(in, m->value, strnlen(m->value, sizeof m->value - 1))) &&
		     (b->mod = intern_bytes(in, m->mod, strnlen(m->mod, sizeof m->mod - 1)));
	}
	if (!ok ||
	    stage_strings(job, m->pooled, &m->actors, p ? &p->actors : NULL,
			  p ? &b[-1].actors : NULL, &b->actors) != TL_OK ||
	    stage_strings(job, m->pooled, &m->keywords, p ? &p->keywords : NULL,
			  p ? &b[-1].keywords : NULL, &b->keywords) != TL_OK ||
	    stage_strings(job, m->pooled, &m->figures, p ? &p->figures : NULL,
			  p ? &b[-1].figures : NULL, &b->figures) != TL_OK ||
	    stage_words(job, aw, j, b->sentence) != TL_OK)
		return TL_ENOMEM;
	copy_scalars(m, h, b);
	return TL_OK;
}

/* The arena of article i, whose mentions are interned, reset for a later article
 * (kept while fewer spares than threads wait, else freed). */
static void recycle_arena(build_job *job, size_t i)
{
	tl_xarena *a = &job->arenas[i];
	pthread_mutex_lock(&job->lock);
	if (job->n_spares < job->cap_spares) {
		tl_xarena_reset(a);
		job->spares[job->n_spares++] = *a;
		*a = (tl_xarena)TL_XARENA_INIT;
	}
	pthread_mutex_unlock(&job->lock);
	tl_xarena_free(a); /* (nothing when it was kept) */
}

/*
 * Interns the mentions of article i into the job's pool (appended to job->all, the
 * words of their sentences to job->sentences) and lets them go (their arena reset
 * for a later article). In three steps, each
 * over the whole article, so that the pool's lookups of a step overlap instead of
 * waiting for each other's cache misses: its strings (their hashes worked out and
 * their slots fetched ahead, hash_ahead()), then its arrays of strings (actors,
 * keywords, figures, the words), then its records; every hash of a step is known
 * before its first lookup and its slot fetched meanwhile. The references are those
 * tl_mref_intern() gives, mention by mention. TL_OK or TL_ENOMEM.
 */
static int gather_one(build_job *job, size_t i)
{
	size_t count = job->counts[i];
	if (count > job->cap_all - job->n_all) {
		size_t cap = job->cap_all ? job->cap_all : 1024;
		while (cap - job->n_all < count) {
			if (cap > SIZE_MAX / 2 / sizeof *job->all)
				return TL_ENOMEM;
			cap *= 2;
		}
		tl_mref *grown = realloc(job->all, cap * sizeof *grown);
		if (!grown)
			return TL_ENOMEM;
		job->all = grown;
		job->cap_all = cap;
	}
	article_stage *st = &job->stage;
	st->n_items = st->n_arrays = 0;
	const tl_mention *ms = job->mentions[i];
	if (stage_reserve(st, count) != TL_OK ||
	    hash_ahead(&job->in, ms, job->lens[i], count, &job->words[i]) != TL_OK)
		return TL_ENOMEM;
	for (size_t j = 0; j < count; j++)
		if (stage_strings_of(job, ms, j, &job->words[i]) != TL_OK)
			return TL_ENOMEM; /* job_free() frees the mentions */
	for (size_t k = 0; k < BYTES_AHEAD && k < st->n_arrays; k++)
		tl_strpool_prefetch_bytes(job->pool, st->arrays[k].hash);
	for (size_t k = 0; k < st->n_arrays; k++) {
		const staged_array *a = &st->arrays[k];
		tl_strings *out = a->out ? a->out : &job->sentences[a->sentence_at].words;
		if (a->same) {
			*out = *a->same;
			continue;
		}
		if (k + BYTES_AHEAD < st->n_arrays)
			tl_strpool_prefetch_bytes(job->pool, st->arrays[k + BYTES_AHEAD].hash);
		out->items = tl_strpool_intern_array_hashed(job->pool, st->items + a->from, a->n,
							    a->hash);
		if (!out->items)
			return TL_ENOMEM;
	}
	for (size_t j = 0; j < count; j++) {
		staged_records *r = &st->records[j];
		/* (a head equal to the previous one is that one: the pool would find it) */
		r->same_head = j && memcmp(&st->heads[j], &st->heads[j - 1], sizeof *st->heads) == 0;
		if (!r->same_head) {
			r->head = tl_strpool_record_hash(&st->heads[j], sizeof *st->heads);
			tl_strpool_prefetch(job->pool, r->head);
		}
		r->body = tl_strpool_record_hash(&st->bodies[j], sizeof *st->bodies);
		tl_strpool_prefetch(job->pool, r->body);
	}
	tl_mref *all = job->all + job->n_all;
	for (size_t j = 0; j < count; j++) {
		const staged_records *r = &st->records[j];
		all[j].head = r->same_head ? all[j - 1].head
			: tl_strpool_intern_record_hashed(job->pool, &st->heads[j],
							  sizeof *st->heads, r->head);
		all[j].body = all[j].head ? tl_strpool_intern_record_hashed(job->pool,
			&st->bodies[j], sizeof *st->bodies, r->body) : NULL;
		if (!all[j].body)
			return TL_ENOMEM;
	}
	job->n_all += count;
	article_words_free(&job->words[i]);
	free(job->mentions[i]);
	free(job->lens[i]);
	job->mentions[i] = NULL;
	job->lens[i] = NULL;
	job->counts[i] = 0;
	recycle_arena(job, i);
	return TL_OK;
}

/* Interns, in corpus order, the articles finished since the last call
 * (up to the first unfinished or failed one). Calling thread only: the
 * pool and job->all are its own; the slots it reads were filled in before
 * their finished flag was set, under the lock. */
static void gather_ready(build_job *job)
{
	pthread_mutex_lock(&job->lock);
	size_t upto = job->gathered;
	while (upto < job->n && job->finished[upto])
		upto++;
	pthread_mutex_unlock(&job->lock);
	for (; job->gathered < upto && job->gather_rc == TL_OK; job->gathered++) {
		if (job->codes[job->gathered] != TL_OK)
			return; /* run_all() reports it */
		job->gather_rc = gather_one(job, job->gathered);
		if (job->gather_rc != TL_OK)
			return;
	}
}

/* Claims and runs articles until none is left, tagging them in a workspace of
 * its own (no lock per article; out of memory: each article it claims fails with
 * TL_ENOMEM); the calling thread (caller) also reports progress and interns what
 * is finished after each of its articles. */
static void work(build_job *job, bool caller)
{
	tl_tag_workspace *ws = tl_tag_workspace_new(NULL);
	for (;;) {
		pthread_mutex_lock(&job->lock);
		size_t i = job->next < job->n ? job->next++ : job->n;
		if (i < job->n && job->n_spares) /* its arena: a spare one when there is */
			job->arenas[i] = job->spares[--job->n_spares];
		pthread_mutex_unlock(&job->lock);
		if (i >= job->n)
			break;
		size_t bytes = run_article(job, ws, i);
		pthread_mutex_lock(&job->lock);
		job->done++;
		job->bytes += bytes;
		job->finished[i] = true;
		pthread_mutex_unlock(&job->lock);
		if (caller) {
			report(job);
			gather_ready(job);
		}
	}
	tl_tag_workspace_free(ws);
}

static void *worker(void *arg)
{
	work(arg, false);
	return NULL;
}

static size_t thread_count(const tl_build_options *options, size_t n)
{
	long jobs = options ? options->jobs : 0;
	if (jobs <= 0) {
		jobs = sysconf(_SC_NPROCESSORS_ONLN);
		if (jobs < 1)
			jobs = 1;
	}
	if (jobs > 256)
		jobs = 256;
	return (size_t)jobs < n ? (size_t)jobs : n;
}

/* Runs every article through tag + extract; the first failing article (in corpus order) wins. */
static int run_all(build_job *job, const tl_build_options *options, tl_error *err)
{
	size_t nt = thread_count(options, job->n);
	pthread_t *threads = calloc(nt + 1, sizeof *threads);
	if (!threads)
		return tl_error_nomem(err);
	size_t started = 0;
	for (; started + 1 < nt; started++)
		if (pthread_create(&threads[started], NULL, worker, job) != 0)
			break;
	/* This thread works too (alone when no thread could start), and reports. */
	work(job, true);
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	free(threads);
	report(job); /* the articles other threads finished last */
	for (size_t i = 0; i < job->n; i++) {
		if (job->codes[i] != TL_OK) {
			if (err)
				*err = job->errors[i];
			return job->codes[i];
		}
	}
	return TL_OK;
}

/* Interns what the threads left (run_all() succeeded: every article is
 * finished) and hands over the references and the words of their sentences. */
static int gather(build_job *job, tl_mref **out, size_t *count, tl_sentence_words **words,
		  size_t *n_words, tl_error *err)
{
	gather_ready(job);
	if (job->gather_rc != TL_OK)
		return tl_error_nomem(err);
	if (job->gathered != job->n)
		return tl_error_set(err, TL_EINTERNAL, "build: %zu of %zu articles were gathered; "
				    "this is a bug, please report it", job->gathered, job->n);
	if (!job->all && !(job->all = malloc(sizeof *job->all)))
		return tl_error_nomem(err);
	*out = job->all;
	*count = job->n_all;
	job->all = NULL;
	job->n_all = job->cap_all = 0;
	*words = job->sentences;
	*n_words = job->n_sentences;
	job->sentences = NULL;
	job->n_sentences = job->cap_sentences = 0;
	return TL_OK;
}

static void job_free(build_job *job)
{
	/* Arena mentions: their strings go with the arenas. */
	for (size_t i = 0; job->mentions && i < job->n; i++)
		free(job->mentions[i]);
	for (size_t i = 0; job->lens && i < job->n; i++)
		free(job->lens[i]);
	for (size_t i = 0; job->arenas && i < job->n; i++)
		tl_xarena_free(&job->arenas[i]);
	for (size_t i = 0; i < job->n_spares; i++)
		tl_xarena_free(&job->spares[i]);
	free(job->lens);
	free(job->arenas);
	free(job->spares);
	for (size_t i = 0; job->words && i < job->n; i++)
		article_words_free(&job->words[i]);
	free(job->words);
	free(job->sentences);
	free(job->mentions);
	free(job->counts);
	free(job->codes);
	free(job->errors);
	free(job->finished);
	free(job->all);
	free(job->in.aheads);
	article_stage_free(&job->stage);
	pthread_mutex_destroy(&job->lock);
}

/* Keeps the events reaching min_confidence, in place. */
static void filter_events(tl_timeline *t, double min_confidence)
{
	size_t w = 0;
	for (size_t r = 0; r < t->n_events; r++) {
		if (t->events[r].confidence >= min_confidence)
			t->events[w++] = t->events[r];
		else
			tl_event_free_fields(&t->events[r]);
	}
	t->n_events = w;
}

TL_EXPORT tl_timeline *tl_timeline_build(tl_corpus *corpus, const tl_tagger *tagger,
					 const tl_build_options *options, tl_error *err)
{
	if (!corpus || !tagger) {
		tl_error_set(err, TL_EUSAGE, "building a timeline needs a corpus and a tagger");
		return NULL;
	}
	tl_timeline *t = tl_timeline_new_empty(options, err);
	if (!t)
		return NULL;
	build_job job;
	memset(&job, 0, sizeof job);
	job.corpus = corpus;
	job.tagger = tagger;
	job.options = options;
	job.n = tl_corpus_count(corpus);
	if (pthread_mutex_init(&job.lock, NULL) != 0) {
		tl_timeline_free(t);
		tl_error_set(err, TL_EINTERNAL, "cannot create a mutex for the build threads");
		return NULL;
	}
	job.mentions = calloc(job.n + 1, sizeof *job.mentions);
	job.counts = calloc(job.n + 1, sizeof *job.counts);
	job.codes = calloc(job.n + 1, sizeof *job.codes);
	job.errors = calloc(job.n + 1, sizeof *job.errors);
	job.finished = calloc(job.n + 1, sizeof *job.finished);
	job.words = calloc(job.n + 1, sizeof *job.words);
	job.lens = calloc(job.n + 1, sizeof *job.lens);
	job.arenas = calloc(job.n + 1, sizeof *job.arenas); /* all zero: TL_XARENA_INIT */
	job.cap_spares = thread_count(options, job.n);
	job.spares = calloc(job.cap_spares + 1, sizeof *job.spares);
	job.pool = job.in.pool = t->pool = tl_strpool_new();
	bool made = job.mentions && job.counts && job.codes && job.errors && job.finished &&
		    job.words && job.lens && job.arenas && job.spares && job.pool;
	/* The pool's index sized ahead, so that it does not grow (a new table, zeroed page
	 * by page, and every entry moved) from 4,096 slots on: one entry per 64 bytes of
	 * articles, below the 23,000-28,000 per MB measured on corpus-5 to corpus-100. */
	if (made)
		(void)tl_strpool_reserve(job.pool, tl_corpus_bytes(corpus) / 64); /* a hint */
	int rc = made ? TL_OK : tl_error_nomem(err);
	if (rc == TL_OK)
		rc = run_all(&job, options, err);
	for (size_t i = 0; rc == TL_OK && i < job.n; i++) {
		tl_date d = tl_corpus_date(corpus, i);
		if (d.year > t->stamp.year || (d.year == t->stamp.year && (d.month > t->stamp.month ||
		    (d.month == t->stamp.month && d.day > t->stamp.day))))
			t->stamp = d;
	}
	tl_mref *all = NULL;
	size_t n_all = 0, n_words = 0;
	tl_sentence_words *words = NULL;
	if (rc == TL_OK)
		rc = gather(&job, &all, &n_all, &words, &n_words, err);
	job_free(&job);
	if (rc == TL_OK) {
		tl_strpool_seal(t->pool); /* its index is not needed any more */
		rc = tl_merge_refs_words(all, n_all, words, n_words, &t->events, &t->n_events, err);
	}
	if (rc != TL_OK) {
		tl_timeline_free(t);
		return NULL;
	}
	filter_events(t, options ? options->min_confidence : 0);
	return t;
}

TL_EXPORT void tl_timeline_free(tl_timeline *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_events; i++)
		tl_event_free_fields(&t->events[i]);
	free(t->events);
	free(t->name);
	tl_strpool_free(t->pool);
	free(t);
}

TL_EXPORT size_t tl_timeline_event_count(const tl_timeline *t)
{
	return t->n_events;
}

TL_EXPORT int tl_format_parse(const char *name, tl_format *out)
{
	static const struct { const char *name; tl_format format; } formats[] = {
		{"json", TL_FORMAT_JSON}, {"ics", TL_FORMAT_ICS}, {"csv", TL_FORMAT_CSV},
		{"md", TL_FORMAT_MD},
	};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		if (strcmp(name, formats[i].name) == 0) {
			*out = formats[i].format;
			return TL_OK;
		}
	}
	return TL_EUSAGE;
}

TL_EXPORT int tl_timeline_write(const tl_timeline *t, tl_format format,
				const tl_export_options *options, FILE *out, tl_error *err)
{
	tl_export_options defaults = {0};
	if (!options)
		options = &defaults;
	switch (format) {
	case TL_FORMAT_JSON:
		return tl_export_json(t, options, out, err);
	case TL_FORMAT_ICS:
		return tl_export_ics(t, options, out, err);
	case TL_FORMAT_CSV:
		return tl_export_csv(t, options, out, err);
	case TL_FORMAT_MD:
		return tl_export_md(t, options, out, err);
	}
	return tl_error_set(err, TL_EUSAGE, "unknown output format %d", (int)format);
}
