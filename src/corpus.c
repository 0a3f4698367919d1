/*
 * corpus.c - loads articles into a tl_corpus from files, folders and CSV
 * manifests: folders are walked by corpus_walk.c, manifests read by
 * corpus_manifest.c, and both load each file through corpus.h. Loading never
 * stops at a bad file: each failure goes to options.on_error with a message
 * naming the file (and the manifest line) and is counted. A file reached twice
 * is read once: a folder or path that reaches a file already loaded (say, by a
 * manifest row, with its metadata) skips it quietly; a manifest row naming a
 * file already loaded (a duplicate row, a hard link, a file of another
 * manifest) is a failure. Articles are sorted by name, then path; files that
 * share a stem are named by the shortest tails of their paths that tell them
 * apart ("x/talks", "y/talks"; "talks.txt", "talks.md" when only the extension
 * differs), so document names stay unique and do not depend on where the corpus
 * sits. Each file has a small record (entry, never moved once added; the sorted
 * orders are arrays of 32-bit indexes): its path split into a folder shared with
 * its neighbours and the rest, its file id, its name when not its stem, its
 * date, and for a lazy corpus its size (the second read needs no fstat());
 * strings live in an arena (corpus_store.c). An eager corpus keeps each article
 * too; a lazy one keeps just the record (plus a manifest row's metadata and the
 * warnings, when any) and makes the article on demand, so memory grows by about
 * 125 bytes a file. With defer_reads a file a folder listed is not read at load
 * at all but when its article is first made (one read instead of two), unless
 * its name or loading depends on other files (a shared stem, a second path to
 * it): its failure is then held, with its place in the order of loading, until
 * tl_corpus_report() passes them all on in that order; such reads may run on
 * several threads at once (tl_timeline_build), which share a lock for what they
 * write beyond their own record. The corpus owns its records, articles, arena,
 * held failures, that lock, a copy of options.date and its bookkeeping; no
 * global state.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "article.h"
#include "buf.h"
#include "corpus.h"
#include "corpus_store.h"
#include "error.h"

/* What the corpus keeps of a file besides its path and date, when there is any: its
 * name when it is not its stem and, for a lazy corpus, the manifest row's metadata (as
 * written there) and the load's warnings. Rare, so one pointer in the entry. */
typedef struct kept {
	const char *name;                            /* NULL: the stem */
	const char *title, *source, *url, *warnings; /* NULL when none */
} kept;

/*
 * One file. An eager corpus keeps its article; a lazy one keeps this record only (80
 * bytes plus the file name) and makes the article when tl_corpus_article() asks for
 * it, until tl_corpus_release().
 */
typedef struct entry {
	tl_article *article; /* owned; NULL while a lazy corpus keeps only the record */
	const char *dir;     /* the path up to and with its last '/' ("" for none); arena,
			      * shared by the files of a folder */
	const char *base;    /* the rest of the path (arena) */
	const kept *kept;    /* arena, or NULL when there is nothing more */
	file_id id;          /* (st_dev, st_ino): a file reached twice is read once */
	uint32_t date;       /* year << 9 | month << 5 | day */
	uint8_t date_source;
	uint16_t stem_n;     /* bytes of the stem (base without extension); UINT16_MAX:
			      * count them */
	tl_header_spans spans; /* a lazy corpus's: where the header put the title, source,
				* url and body, so restoring need not parse it again */
	uint32_t size;       /* a lazy corpus's: the file's size when loaded (0: unknown),
			      * so restoring reads it without fstat() */
	uint32_t seq;        /* defer_reads: its place in the order of loading, for its
			      * failure (see held) */
	uint8_t state;       /* ENTRY_READ, or with defer_reads ENTRY_UNREAD / ENTRY_FAILED */
} entry;

enum { ENTRY_READ, ENTRY_UNREAD, ENTRY_FAILED };

/* A failure held back (defer_reads) until tl_corpus_report(), with its place in the order
 * of loading. */
typedef struct held {
	uint32_t seq;
	tl_error error;
} held;

struct tl_corpus {
	tl_corpus_options options;
	char *date;         /* copy of options.date */
	entry *items;       /* in the order loaded: entries never move */
	size_t n_items;     /* entries in items; more than count when some failed late */
	uint32_t *order;    /* indexes of items by (stem, path); same capacity as items */
	size_t count, cap;  /* entries in order, capacity of both */
	size_t settled;     /* order[0..settled) is sorted and named */
	bool shared_stems;  /* some files share a stem, so names are not all stems */
	uint32_t *by_name;  /* with shared_stems: indexes of items by (name, path) */
	tl_arena strings;   /* paths, names, kept records */
	const char *last_dir; /* the folder of the last file added (in strings) */
	htable loaded;      /* files read as articles: their ids to indexes of items */
	id_set manifests;   /* manifests loaded, never read as articles */
	size_t failures;
	bool holding;       /* defer_reads before tl_corpus_report(): failures are held */
	uint32_t next_seq;  /* the next place in the order of loading */
	held *held;         /* the failures held, in the order they happened */
	size_t n_held, cap_held;
	pthread_mutex_t lock; /* defer_reads: what a deferred read writes beyond its own
			       * entry (held failures, their count, the arena), for the
			       * threads of tl_timeline_build() */
};

/* Holds failure e at place seq; false when out of memory (it is then passed on now). */
static bool hold(tl_corpus *c, uint32_t seq, const tl_error *e)
{
	held *grown = tl_array_grow(c->held, &c->cap_held, c->n_held, 8, sizeof *grown);
	if (!grown)
		return false;
	c->held = grown;
	c->held[c->n_held++] = (held){seq, *e};
	return true;
}

/* Counts a failure of the file loaded at place seq: held or passed on. */
static void fail_at(tl_corpus *c, uint32_t seq, const tl_error *e)
{
	c->failures++;
	if (c->holding && hold(c, seq, e))
		return;
	if (c->options.on_error)
		c->options.on_error(c->options.userdata, e);
}

void tl_corpus_fail(tl_corpus *c, tl_corpus_call *k, const tl_error *e)
{
	if (k->failures++ == 0)
		k->first = *e;
	fail_at(c, c->next_seq++, e);
}

int tl_corpus_finish(tl_corpus_call *k, tl_error *err)
{
	if (k->failures && err)
		*err = k->first;
	return k->failures;
}

TL_EXPORT tl_corpus *tl_corpus_new(const tl_corpus_options *options, tl_error *err)
{
	tl_corpus *c = calloc(1, sizeof *c);
	if (!c) {
		tl_error_nomem(err);
		return NULL;
	}
	if (options)
		c->options = *options;
	if (pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c);
		tl_error_set(err, TL_EINTERNAL, "cannot create a mutex for the corpus; "
			     "the system is out of resources, try again");
		return NULL;
	}
	c->holding = c->options.lazy && c->options.defer_reads;
	if (c->options.date) {
		tl_date d;
		if (!tl_article_parse_date(c->options.date, strlen(c->options.date), &d)) {
			tl_error_set(err, TL_EUSAGE,
			             "--date: '%s' is not a real calendar day; write "
			             "it as YYYY-MM-DD",
			             c->options.date);
			pthread_mutex_destroy(&c->lock);
			free(c);
			return NULL;
		}
		if (!(c->date = strdup(c->options.date))) {
			pthread_mutex_destroy(&c->lock);
			free(c);
			tl_error_nomem(err);
			return NULL;
		}
		c->options.date = c->date;
	}
	return c;
}

TL_EXPORT void tl_corpus_free(tl_corpus *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_items; i++)
		tl_article_free(c->items[i].article);
	free(c->items);
	free(c->held);
	free(c->order);
	free(c->by_name);
	tl_arena_free(&c->strings);
	tl_h_free(&c->loaded);
	tl_id_set_free(&c->manifests);
	free(c->date);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* ## Paths and names of entries */

/* The entry's whole path in local[0..cap) when it fits (the usual case: no allocation),
 * else malloc()ed (always with cap 0); NULL when out of memory. */
static char *path_in(const entry *e, char *local, size_t cap)
{
	size_t d = strlen(e->dir), b = strlen(e->base);
	char *p = d + b < cap ? local : malloc(d + b + 1);
	if (p) {
		memcpy(p, e->dir, d);
		memcpy(p + d, e->base, b + 1);
	}
	return p;
}

/* The length of the file's stem: its name without the extension. */
static size_t stem_len(const char *base)
{
	const char *dot = strrchr(base, '.');
	return dot && dot != base ? (size_t)(dot - base) : strlen(base);
}

static size_t entry_stem(const entry *e)
{
	return e->stem_n < UINT16_MAX ? e->stem_n : stem_len(e->base);
}

/* The name set apart from the stem, or NULL. */
static const char *given_name(const entry *e)
{
	return e->kept ? e->kept->name : NULL;
}

/* The entry's name as (s, n): the stem unless the name was set apart. */
static void entry_name(const entry *e, const char **s, size_t *n)
{
	const char *name = given_name(e);
	*s = name ? name : e->base;
	*n = name ? strlen(name) : entry_stem(e);
}

/* strcmp() of a[0..an) and b[0..bn), neither holding a NUL. */
static int compare_spans(const char *a, size_t an, const char *b, size_t bn)
{
	int r = memcmp(a, b, an < bn ? an : bn);
	return r ? r : (an > bn) - (an < bn);
}

/* strcmp() of the two entries' whole paths (folder and rest), without building them. */
static int compare_paths(const entry *a, const entry *b)
{
	const char *pa = a->dir, *pb = b->dir;
	bool a_dir = true, b_dir = true;
	for (;;) {
		if (!*pa && a_dir)
			pa = a->base, a_dir = false;
		if (!*pb && b_dir)
			pb = b->base, b_dir = false;
		if (*pa != *pb || !*pa)
			return (unsigned char)*pa - (unsigned char)*pb;
		pa++, pb++;
	}
}

/* The last `parts` components of path ("a/b/talks.txt", 2 -> "b/talks"), without the
 * extension unless keep_ext; parts == 1 gives the file's stem. */
static char *path_tail(const char *path, size_t parts, bool keep_ext)
{
	const char *end = path + strlen(path), *b = end;
	while (b > path && parts > 0) {
		b--;
		if (*b == '/' && --parts == 0)
			b++;
	}
	while (b[0] == '.' && b[1] == '/')
		b += 2;
	const char *slash = strrchr(b, '/');
	const char *base = slash ? slash + 1 : b;
	const char *dot = keep_ext ? NULL : strrchr(base, '.');
	if (dot == base)
		dot = NULL;
	return strndup(b, (size_t)((dot ? dot : end) - b));
}

static size_t count_parts(const entry *e)
{
	size_t n = 1;
	for (const char *p = e->dir; *p; p++)
		n += *p == '/';
	for (const char *p = e->base; *p; p++)
		n += *p == '/';
	return n;
}

/* items[ia] against items[ib] by (stem, path). */
static int compare_entries(const tl_corpus *c, uint32_t ia, uint32_t ib)
{
	const entry *a = &c->items[ia], *b = &c->items[ib];
	int r = compare_spans(a->base, entry_stem(a), b->base, entry_stem(b));
	return r ? r : compare_paths(a, b);
}

/* items[ia] against items[ib] by (name, path). */
static int compare_names_paths(const tl_corpus *c, uint32_t ia, uint32_t ib)
{
	const entry *a = &c->items[ia], *b = &c->items[ib];
	const char *as, *bs;
	size_t an, bn;
	entry_name(a, &as, &an);
	entry_name(b, &bs, &bn);
	int r = compare_spans(as, an, bs, bn);
	return r ? r : compare_paths(a, b);
}

typedef int (*index_order)(const tl_corpus *c, uint32_t a, uint32_t b);

static void sift_down(const tl_corpus *c, uint32_t *v, size_t root, size_t n, index_order cmp)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && cmp(c, v[child], v[child + 1]) < 0)
			child++;
		if (cmp(c, v[root], v[child]) >= 0)
			return;
		uint32_t t = v[root];
		v[root] = v[child];
		v[child] = t;
	}
}

/* Sorts indexes of items in place (qsort() has no context argument in C17; a heap sort
 * needs no memory): nothing to do when they are in order already, as a sorted folder
 * or a shell glob gives them. Keys are unique (no two entries share a path). */
static void sort_indexes(const tl_corpus *c, uint32_t *v, size_t n, index_order cmp)
{
	size_t i = 1;
	while (i < n && cmp(c, v[i - 1], v[i]) <= 0)
		i++;
	if (i >= n)
		return;
	for (i = n / 2; i-- > 0;)
		sift_down(c, v, i, n, cmp);
	for (size_t end = n; end-- > 1;) {
		uint32_t t = v[0];
		v[0] = v[end];
		v[end] = t;
		sift_down(c, v, 0, end, cmp);
	}
}

static bool same_stem(const tl_corpus *c, uint32_t ia, uint32_t ib)
{
	const entry *a = &c->items[ia], *b = &c->items[ib];
	return compare_spans(a->base, entry_stem(a), b->base, entry_stem(b)) == 0;
}

/* Gives the entry the name (NULL: its stem), in its article too when there is one. The
 * kept record is copied with the new name (renames are rare: the old copy stays in the
 * arena). */
static int set_name(tl_corpus *c, entry *e, const char *name)
{
	const char *have = given_name(e);
	if (name ? have && strcmp(name, have) == 0 : !have)
		return TL_OK;
	kept k = e->kept ? *e->kept : (kept){0};
	k.name = name ? tl_arena_strndup(&c->strings, name, strlen(name)) : NULL;
	if (name && !k.name)
		return TL_ENOMEM;
	kept *p = NULL;
	if (k.name || k.title || k.source || k.url || k.warnings) {
		if (!(p = tl_arena_alloc(&c->strings, sizeof *p)))
			return TL_ENOMEM;
		*p = k;
	}
	if (e->article) {
		char *copy = name ? strdup(name) : strndup(e->base, entry_stem(e));
		if (!copy)
			return TL_ENOMEM;
		free(e->article->name);
		e->article->name = copy;
	}
	e->kept = p;
	return TL_OK;
}

/* The path tails of the n entries items[group[i]]: tails[i], malloc()ed; NULL when out
 * of memory. */
static char **path_tails(const tl_corpus *c, const uint32_t *group, size_t n, size_t parts,
			 bool keep_ext)
{
	char **tails = calloc(n, sizeof *tails);
	for (size_t i = 0; tails && i < n; i++) {
		char *path = path_in(&c->items[group[i]], NULL, 0);
		tails[i] = path ? path_tail(path, parts, keep_ext) : NULL;
		free(path);
		if (!tails[i]) {
			for (size_t j = 0; j < i; j++)
				free(tails[j]);
			free(tails);
			tails = NULL;
		}
	}
	return tails;
}

static void free_tails(char **tails, size_t n)
{
	for (size_t i = 0; tails && i < n; i++)
		free(tails[i]);
	free(tails);
}

/* Whether the path tails of the n entries are all different; -1 when out of memory. */
static int tails_differ(const tl_corpus *c, const uint32_t *group, size_t n, size_t parts,
			bool keep_ext)
{
	char **tails = path_tails(c, group, n, parts, keep_ext);
	int differ = tails ? 1 : -1;
	for (size_t i = 0; differ == 1 && i < n; i++)
		for (size_t j = 0; differ == 1 && j < i; j++)
			differ = strcmp(tails[i], tails[j]) != 0;
	free_tails(tails, n);
	return differ;
}

/* Names the n entries of a group sharing a stem by the shortest path tails that tell them
 * apart ("x/talks", "y/talks"), with the extension when only that differs. */
static int name_group(tl_corpus *c, const uint32_t *group, size_t n)
{
	size_t most = 1;
	for (size_t i = 0; i < n; i++)
		if (count_parts(&c->items[group[i]]) > most)
			most = count_parts(&c->items[group[i]]);
	size_t parts = most;
	bool keep_ext = true;
	for (int k = 0; k < 2; k++) {
		for (size_t p = k ? 1 : 2; p <= most; p++) {
			int differ = tails_differ(c, group, n, p, k == 1);
			if (differ < 0)
				return TL_ENOMEM;
			if (differ) {
				parts = p;
				keep_ext = k == 1;
				k = 2;
				break;
			}
		}
	}
	char **names = path_tails(c, group, n, parts, keep_ext);
	int rc = names ? TL_OK : TL_ENOMEM;
	for (size_t i = 0; rc == TL_OK && i < n; i++)
		rc = set_name(c, &c->items[group[i]], names[i]);
	free_tails(names, n);
	return rc;
}

/* Names the entries order[lo..hi) (whole groups of equal stems): the stem, or path tails
 * when shared. */
static int name_range(tl_corpus *c, size_t lo, size_t hi, tl_error *err)
{
	const uint32_t *ord = c->order;
	for (size_t i = lo, j; i < hi; i = j) {
		for (j = i + 1; j < hi && same_stem(c, ord[i], ord[j]); j++)
			;
		if (j - i > 1) {
			if (name_group(c, ord + i, j - i) != TL_OK)
				return tl_error_nomem(err);
			c->shared_stems = true;
			continue;
		}
		if (set_name(c, &c->items[ord[i]], NULL) != TL_OK)
			return tl_error_nomem(err);
	}
	return TL_OK;
}

/* Once some names are path tails ("x/talks") they no longer sort like their stems: keep
 * a second order, by (name, path), for tl_corpus_article(). */
static int order_by_name(tl_corpus *c, tl_error *err)
{
	uint32_t *by_name = realloc(c->by_name, c->count * sizeof *by_name);
	if (!by_name)
		return tl_error_nomem(err);
	c->by_name = by_name;
	memcpy(by_name, c->order, c->count * sizeof *by_name); /* nearly in order already */
	sort_indexes(c, by_name, c->count, compare_names_paths);
	return TL_OK;
}

static int resolve_entry(tl_corpus *c, entry *e);

/* defer_reads: the names of files that share a stem depend on which of them load, so
 * those left unread in order[lo..count) are read now; the ones that fail leave the
 * order. TL_OK or TL_ENOMEM. */
static int read_shared_stems(tl_corpus *c, size_t lo)
{
	uint32_t *ord = c->order;
	bool failed = false;
	for (size_t i = lo, j; i < c->count; i = j) {
		for (j = i + 1; j < c->count && same_stem(c, ord[i], ord[j]); j++)
			;
		for (size_t m = i; j - i > 1 && m < j; m++) {
			entry *e = &c->items[ord[m]];
			if (e->state == ENTRY_UNREAD && resolve_entry(c, e) != TL_OK)
				return TL_ENOMEM;
			failed |= e->state == ENTRY_FAILED;
		}
	}
	if (failed) {
		size_t kept_n = lo;
		for (size_t i = lo; i < c->count; i++)
			if (c->items[ord[i]].state != ENTRY_FAILED)
				ord[kept_n++] = ord[i];
		c->count = kept_n;
	}
	return TL_OK;
}

/*
 * Sorts the entries added since the last call into the order and names them. Inputs
 * that come in order (a sorted folder, a shell glob) cost O(k) for k new entries, others
 * O(k log k); when they go before earlier ones, they are merged in, O(n).
 */
int tl_corpus_settle(tl_corpus *c, tl_error *err)
{
	size_t old = c->settled, k = c->count - old;
	if (k == 0)
		return TL_OK;
	uint32_t *ord = c->order;
	sort_indexes(c, ord + old, k, compare_entries);
	size_t lo = old;
	if (old > 0 && compare_entries(c, ord[old - 1], ord[old]) > 0) {
		uint32_t *merged = malloc(c->count * sizeof *merged);
		if (!merged)
			return tl_error_nomem(err);
		size_t a = 0, b = old, o = 0;
		while (a < old || b < c->count) {
			bool take_old = b >= c->count ||
					(a < old && compare_entries(c, ord[a], ord[b]) <= 0);
			merged[o++] = take_old ? ord[a++] : ord[b++];
		}
		memcpy(ord, merged, c->count * sizeof *merged);
		free(merged);
		lo = 0;
	}
	while (lo > 0 && same_stem(c, ord[lo - 1], ord[lo]))
		lo--;
	if (read_shared_stems(c, lo) != TL_OK)
		return tl_error_nomem(err);
	c->settled = c->count;
	if (name_range(c, lo, c->count, err) != TL_OK)
		return TL_ENOMEM;
	return c->shared_stems ? order_by_name(c, err) : TL_OK;
}

/* ## Records */

static uint32_t pack_date(tl_date d)
{
	return (uint32_t)d.year << 9 | (uint32_t)d.month << 5 | (uint32_t)d.day;
}

static tl_date unpack_date(uint32_t v)
{
	return (tl_date){(int)(v >> 9), (int)(v >> 5 & 15), (int)(v & 31)};
}

/* A copy of s in the arena (NULL stays NULL); *oom on failure. */
static const char *keep_string(tl_corpus *c, const char *s, bool *oom)
{
	if (!s)
		return NULL;
	const char *d = tl_arena_strndup(&c->strings, s, strlen(s));
	*oom |= d == NULL;
	return d;
}

typedef struct id_probe {
	const tl_corpus *c;
	file_id id;
} id_probe;

static bool same_id_at(const void *ctx, size_t index)
{
	const id_probe *p = ctx;
	if (p->c->items[index].state == ENTRY_FAILED)
		return false; /* as if never loaded */
	const file_id *id = &p->c->items[index].id;
	return id->dev == p->id.dev && id->ino == p->id.ino;
}

/* Splits path into its folder (up to the last '/', shared with the file added before when
 * the same) and the rest, both kept in the corpus's arena. TL_OK or TL_ENOMEM. */
static int split_path(tl_corpus *c, const char *path, const char **dir, const char **base)
{
	const char *slash = strrchr(path, '/');
	size_t d = slash ? (size_t)(slash - path) + 1 : 0;
	*dir = c->last_dir;
	if (!*dir || strlen(*dir) != d || memcmp(*dir, path, d) != 0)
		*dir = tl_arena_strndup(&c->strings, path, d);
	*base = tl_arena_strndup(&c->strings, path + d, strlen(path + d));
	if (!*dir || !*base)
		return TL_ENOMEM;
	c->last_dir = *dir;
	return TL_OK;
}

/* Fills e from the article just read from path: the path split into a folder (shared with
 * the file before when the same) and the rest, the date and, for a lazy corpus, what the
 * article cannot find again by itself (the manifest's metadata, the warnings). */
static int make_record(tl_corpus *c, entry *e, const char *path, const tl_article *a,
		       const tl_article_meta *meta, size_t size)
{
	const char *dir, *base;
	if (split_path(c, path, &dir, &base) != TL_OK)
		return TL_ENOMEM;
	size_t stem = stem_len(base);
	*e = (entry){.dir = dir, .base = base, .date = pack_date(a->date),
		     .date_source = (uint8_t)a->date_source,
		     .stem_n = stem < UINT16_MAX ? (uint16_t)stem : UINT16_MAX,
		     .spans = a->spans,
		     .size = size < UINT32_MAX ? (uint32_t)size : 0};
	if (!c->options.lazy) {
		e->article = (tl_article *)a;
		return TL_OK;
	}
	kept k = {0};
	bool oom = false;
	k.title = keep_string(c, meta->title, &oom);
	k.source = keep_string(c, meta->source, &oom);
	k.url = keep_string(c, meta->url, &oom);
	k.warnings = keep_string(c, a->warnings, &oom);
	if (!oom && (k.title || k.source || k.url || k.warnings)) { /* no name yet */
		kept *p = tl_arena_alloc(&c->strings, sizeof *p);
		if (p)
			*p = k;
		e->kept = p;
		oom = !p;
	}
	return oom ? TL_ENOMEM : TL_OK;
}

/* Room for one more entry in items and order; TL_ENOMEM. */
static int grow_items(tl_corpus *c)
{
	if (c->n_items < c->cap)
		return TL_OK;
	size_t cap = c->cap ? c->cap * 2 : 16;
	entry *grown = cap > UINT32_MAX ? NULL : realloc(c->items, cap * sizeof *grown);
	if (grown)
		c->items = grown;
	uint32_t *order = grown ? realloc(c->order, cap * sizeof *order) : NULL;
	if (order)
		c->order = order;
	if (!order)
		return TL_ENOMEM;
	c->cap = cap;
	return TL_OK;
}

static tl_article_meta option_meta(const tl_corpus *c)
{
	return (tl_article_meta){.date = c->options.date, .date_source = TL_DATE_OPTION,
				 .infer_date = c->options.infer_date};
}

/* Records in e, a deferred entry now read, what the article a told: its
 * warnings (kept beside its given name), date, date source and header spans;
 * the entry is then ENTRY_READ. TL_OK, or TL_ENOMEM with e unchanged. */
static int note_article(tl_corpus *c, entry *e, const tl_article *a)
{
	bool oom = false;
	kept k = e->kept ? *e->kept : (kept){0}; /* its name, if given */
	k.warnings = keep_string(c, a->warnings, &oom);
	kept *p = NULL;
	if (!oom && k.warnings && (p = tl_arena_alloc(&c->strings, sizeof *p)))
		*p = k;
	if (oom || (k.warnings && !p))
		return TL_ENOMEM;
	if (p)
		e->kept = p;
	e->date = pack_date(a->date);
	e->date_source = (uint8_t)a->date_source;
	e->spans = a->spans;
	e->state = ENTRY_READ;
	return TL_OK;
}

/* Reads the file of an entry a folder walk left unread (defer_reads) the way a lazy
 * corpus reads files as it loads them: its date, warnings and header spans go to the
 * record, or its failure is held at its place in the order of loading. TL_OK or
 * TL_ENOMEM. */
static int resolve_entry(tl_corpus *c, entry *e)
{
	char local[512];
	char *path = path_in(e, local, sizeof local);
	if (!path)
		return TL_ENOMEM;
	tl_article_meta meta = option_meta(c);
	tl_file_info info = {0, 0, 0};
	tl_error er = {0};
	tl_article *a = tl_article_read_released_info(path, &meta, &info, &er);
	int rc = TL_OK;
	if (!a && er.code == TL_ENOMEM) {
		rc = TL_ENOMEM;
	} else if (!a) {
		e->state = ENTRY_FAILED;
		fail_at(c, e->seq, &er);
	} else {
		rc = note_article(c, e, a);
		if (rc == TL_OK)
			e->size = info.size < UINT32_MAX ? (uint32_t)info.size : 0;
		tl_article_free(a);
	}
	if (path != local)
		free(path);
	return rc;
}

/* The index of the entry loaded from the file id, or -1; an entry left unread that holds
 * it is read first, so that one that fails counts as never loaded. TL_ENOMEM in *rc. */
static long find_loaded(tl_corpus *c, file_id id, int *rc)
{
	id_probe probe = {c, id};
	*rc = TL_OK;
	long at = tl_h_find(&c->loaded, tl_id_hash(id), same_id_at, &probe);
	while (at >= 0 && c->items[at].state == ENTRY_UNREAD) {
		if ((*rc = resolve_entry(c, &c->items[at])) != TL_OK)
			return -1;
		at = tl_h_find(&c->loaded, tl_id_hash(id), same_id_at, &probe);
	}
	return at;
}

/* Loads the file at path; st is what stat() gave for it, or NULL when the caller knows
 * it for a regular file (a folder's listing said so) and did not stat() it: then its id
 * comes from the read itself, and the check for a file already loaded follows the read. */
static int load_file(tl_corpus *c, tl_corpus_call *k, const char *path,
		     const tl_article_meta *meta, const char *where, const struct stat *st,
		     tl_error *err)
{
	tl_error e = {0};
	file_id id = {0, 0};
	int rc;
	if (st) {
		id = (file_id){st->st_dev, st->st_ino};
		long dup = find_loaded(c, id, &rc);
		if (rc != TL_OK)
			return tl_error_nomem(err);
		if (dup >= 0 && !where[0])
			return TL_OK; /* a folder or path reaching a file already loaded: keep
				       * the first */
		if (dup >= 0) {
			const entry *first = &c->items[dup];
			tl_error_set(&e, TL_EINPUT, "%s%s: already loaded as %s%s; the first copy "
				     "is kept; list each file once", where, path, first->dir,
				     first->base);
			tl_corpus_fail(c, k, &e);
			return TL_OK;
		}
	}
	tl_file_info info = {0, 0, 0};
	tl_article *a = c->options.lazy ? tl_article_read_released_info(path, meta, &info, &e)
					: tl_article_read(path, NULL, meta, &e);
	if (!st && a) {
		/* (a hard link to a file loaded, which a failed read cannot be: it was read) */
		id = (file_id){info.dev, info.ino};
		long dup = find_loaded(c, id, &rc);
		if (rc != TL_OK || dup >= 0) {
			tl_article_free(a);
			return rc != TL_OK ? tl_error_nomem(err) : TL_OK;
		}
	}
	if (!a) {
		if (e.code == TL_ENOMEM)
			return tl_error_nomem(err);
		if (where[0]) {
			tl_error prefixed;
			tl_error_set(&prefixed, e.code, "%s%s", where, e.message);
			e = prefixed;
		}
		tl_corpus_fail(c, k, &e);
		return TL_OK;
	}
	if (grow_items(c) != TL_OK) {
		tl_article_free(a);
		return tl_error_nomem(err);
	}
	entry *rec = &c->items[c->n_items];
	rc = make_record(c, rec, path, a, meta, info.size);
	rec->id = id;
	if (rc == TL_OK)
		rc = tl_h_add(&c->loaded, tl_id_hash(id), c->n_items);
	if (rc != TL_OK || c->options.lazy)
		tl_article_free(a); /* a lazy corpus keeps the record only */
	if (rc != TL_OK)
		return tl_error_nomem(err);
	c->order[c->count++] = (uint32_t)c->n_items++;
	return TL_OK;
}

/* defer_reads: records the regular file at path (st: its stat()) that a folder's listing
 * gave without reading it; tl_corpus_article() reads it. A second path to a file loaded
 * earlier is read now, as without defer_reads (where a read that fails is a failure
 * even then: the path may be what gives the date). */
static int defer_file(tl_corpus *c, tl_corpus_call *k, const char *path,
		      const tl_article_meta *meta, const struct stat *st, tl_error *err)
{
	file_id id = {st->st_dev, st->st_ino};
	int rc;
	long dup = find_loaded(c, id, &rc);
	if (rc != TL_OK)
		return tl_error_nomem(err);
	if (dup >= 0)
		return load_file(c, k, path, meta, "", NULL, err);
	if (grow_items(c) != TL_OK)
		return tl_error_nomem(err);
	const char *dir, *base;
	if (split_path(c, path, &dir, &base) != TL_OK)
		return tl_error_nomem(err);
	size_t stem = stem_len(base);
	size_t size = (size_t)st->st_size;
	c->items[c->n_items] = (entry){.dir = dir, .base = base, .id = id,
				       .stem_n = stem < UINT16_MAX ? (uint16_t)stem : UINT16_MAX,
				       .size = size < UINT32_MAX ? (uint32_t)size : 0,
				       .seq = c->next_seq++, .state = ENTRY_UNREAD};
	if (tl_h_add(&c->loaded, tl_id_hash(id), c->n_items) != TL_OK)
		return tl_error_nomem(err);
	c->order[c->count++] = (uint32_t)c->n_items++;
	return TL_OK;
}

int tl_corpus_load_file(tl_corpus *c, tl_corpus_call *k, const char *path,
			const tl_article_meta *meta, const char *where, tl_error *err)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		tl_error e;
		tl_error_set(&e, TL_EIO, "%s%s: cannot open: %s; check the path%s", where, path,
		             strerror(errno),
		             where[0] ? " (relative to the manifest's folder)" : "");
		tl_corpus_fail(c, k, &e);
		return TL_OK;
	}
	return load_file(c, k, path, meta, where, &st, err);
}

/* ## What corpus_walk.c borrows */

int tl_corpus_load_stat(tl_corpus *c, tl_corpus_call *k, const char *path,
			const tl_article_meta *meta, const struct stat *st, tl_error *err)
{
	return load_file(c, k, path, meta, "", st, err);
}

int tl_corpus_defer(tl_corpus *c, tl_corpus_call *k, const char *path,
		    const tl_article_meta *meta, const struct stat *st, tl_error *err)
{
	return defer_file(c, k, path, meta, st, err);
}

tl_article_meta tl_corpus_option_meta(const tl_corpus *c) { return option_meta(c); }

size_t tl_corpus_manifest_count(const tl_corpus *c) { return c->manifests.count; }

bool tl_corpus_is_manifest(const tl_corpus *c, file_id id)
{
	return tl_id_find(&c->manifests, id) >= 0;
}

const tl_corpus_options *tl_corpus_options_of(const tl_corpus *c) { return &c->options; }

int tl_corpus_note_manifest(tl_corpus *c, file_id id)
{
	if (tl_id_find(&c->manifests, id) >= 0)
		return TL_OK;
	return tl_id_add(&c->manifests, id);
}

TL_EXPORT size_t tl_corpus_count(const tl_corpus *c) { return c->count; }

size_t tl_corpus_bytes(const tl_corpus *c)
{
	size_t bytes = 0;
	for (size_t i = 0; i < c->count; i++)
		bytes += c->items[c->order[i]].size;
	return bytes;
}

/* The entry at position i of the corpus's order, or NULL. */
static entry *entry_at(const tl_corpus *c, size_t i)
{
	if (i >= c->count)
		return NULL;
	return &c->items[c->shared_stems ? c->by_name[i] : c->order[i]];
}

/* Only entry i is written: calls for different indexes may run on several threads. */
/* a[0..an) + b[0..bn) as a string in local[0..cap) when it fits (the usual case: no
 * allocation per article), else in a malloc()ed copy; NULL when out of memory. */
static char *join_in(char *local, size_t cap, const char *a, size_t an, const char *b,
		     size_t bn)
{
	char *p = an + bn < cap ? local : malloc(an + bn + 1);
	if (p) {
		memcpy(p, a, an);
		memcpy(p + an, b, bn);
		p[an + bn] = '\0';
	}
	return p;
}

/* defer_reads: makes the article of an entry left unread, from the one read of its file,
 * and keeps in the record what the read learnt (as resolve_entry() does); on failure
 * holds it and marks the entry failed. NULL then, or when out of memory. */
static tl_article *read_deferred(tl_corpus *c, entry *e)
{
	char path_local[512], name_local[256];
	char *path = path_in(e, path_local, sizeof path_local);
	const char *s;
	size_t n;
	entry_name(e, &s, &n);
	char *name = join_in(name_local, sizeof name_local, s, n, "", 0);
	tl_article_meta meta = option_meta(c);
	tl_error er = {0};
	tl_article *a = path && name ? tl_article_read_sized(path, name, &meta, e->size, &er)
				     : NULL;
	/* The read above ran unlocked; what follows writes the corpus's held failures and
	 * arena too, which other threads' reads share. */
	pthread_mutex_lock(&c->lock);
	if (!a && path && name && er.code != TL_ENOMEM) {
		e->state = ENTRY_FAILED;
		fail_at(c, e->seq, &er);
	} else if (a) {
		if (note_article(c, e, a) != TL_OK) {
			tl_article_free(a);
			a = NULL;
		} else {
			e->article = a;
		}
	}
	pthread_mutex_unlock(&c->lock);
	if (path != path_local)
		free(path);
	if (name != name_local)
		free(name);
	return a;
}

TL_EXPORT tl_article *tl_corpus_article(const tl_corpus *c, size_t i)
{
	entry *e = entry_at(c, i);
	if (!e || e->article)
		return e ? e->article : NULL;
	if (e->state == ENTRY_FAILED)
		return NULL;
	if (e->state == ENTRY_UNREAD) /* defer_reads: writes c under its lock */
		return read_deferred((tl_corpus *)c, e);
	char path_local[512], name_local[256];
	char *path = join_in(path_local, sizeof path_local, e->dir, strlen(e->dir), e->base,
			     strlen(e->base));
	const char *s;
	size_t n;
	entry_name(e, &s, &n);
	char *name = join_in(name_local, sizeof name_local, s, n, "", 0);
	const kept *k = e->kept;
	tl_article_meta meta = {.title = k ? k->title : NULL, .source = k ? k->source : NULL,
				.url = k ? k->url : NULL};
	if (path && name)
		e->article = tl_article_restore_sized(path, name, unpack_date(e->date),
						      (tl_date_source)e->date_source, &meta,
						      k ? k->warnings : NULL, &e->spans, e->size,
						      NULL);
	if (path != path_local)
		free(path);
	if (name != name_local)
		free(name);
	return e->article;
}

TL_EXPORT void tl_corpus_release(tl_corpus *c, size_t i)
{
	entry *e = entry_at(c, i);
	if (!e || !e->article)
		return;
	if (c->options.lazy) {
		tl_article_free(e->article);
		e->article = NULL;
	} else {
		tl_article_release(e->article);
	}
}

TL_EXPORT tl_date tl_corpus_date(const tl_corpus *c, size_t i)
{
	const entry *e = entry_at(c, i);
	return e ? unpack_date(e->date) : (tl_date){0, 0, 0};
}

TL_EXPORT const char *tl_corpus_warnings(const tl_corpus *c, size_t i)
{
	const entry *e = entry_at(c, i);
	if (!e)
		return NULL;
	if (e->article)
		return e->article->warnings;
	return e->kept ? e->kept->warnings : NULL;
}

TL_EXPORT size_t tl_corpus_failures(const tl_corpus *c) { return c->failures; }

TL_EXPORT bool tl_corpus_failed(const tl_corpus *c, size_t i)
{
	const entry *e = entry_at(c, i);
	return e && e->state == ENTRY_FAILED;
}

static int compare_held(const void *a, const void *b)
{
	uint32_t x = ((const held *)a)->seq, y = ((const held *)b)->seq;
	return (x > y) - (x < y);
}

TL_EXPORT int tl_corpus_report(tl_corpus *c, tl_error *err)
{
	if (!c->holding)
		return (int)c->failures;
	for (size_t i = 0; i < c->n_items; i++)
		if (c->items[i].state == ENTRY_UNREAD && resolve_entry(c, &c->items[i]) != TL_OK)
			return tl_error_nomem(err);
	/* each place holds one failure at most, so the sort need not be stable */
	if (c->n_held > 1)
		qsort(c->held, c->n_held, sizeof *c->held, compare_held);
	c->holding = false;
	for (size_t i = 0; i < c->n_held && c->options.on_error; i++)
		c->options.on_error(c->options.userdata, &c->held[i].error);
	free(c->held);
	c->held = NULL;
	c->n_held = c->cap_held = 0;
	return (int)c->failures;
}
