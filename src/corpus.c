/*
 * corpus.c - loads articles into a tl_corpus from files, folders and CSV
 * manifests. Folders are walked recursively: regular *.txt and *.md files in
 * byte order of their names, hidden entries, loaded manifests and a folder's
 * own README/LICENSE/CHANGELOG skipped, each directory visited once by
 * (st_dev, st_ino) so symlink loops end. Manifests are read with the RFC 4180
 * reader of csv_read.c. Loading never stops at a bad file: each failure goes to
 * options.on_error with a message naming the file (and the manifest line) and
 * is counted. A file reached twice is read once: a folder or path that
 * reaches a file already loaded (say, by a manifest row, with its metadata)
 * skips it quietly; a manifest row naming a file already loaded (a duplicate
 * row, a hard link, a file of another manifest) is a failure. Articles are
 * sorted by name, then path; files that share a stem are named by the
 * shortest tails of their paths that tell them apart ("x/talks", "y/talks";
 * "talks.txt", "talks.md" when only the extension differs), so document names
 * stay unique and do not depend on where the corpus sits. The corpus owns its
 * articles, a copy of options.date and its bookkeeping; no global state.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "article.h"
#include "buf.h"
#include "csv_read.h"
#include "error.h"

typedef struct file_id {
	dev_t dev;
	ino_t ino;
} file_id;

typedef struct entry {
	tl_article *article;
	char *stem;  /* file name without folder and extension */
	file_id id;
} entry;

/*
 * ## A small hash table: 64-bit hashes to indexes into an append-only array the caller
 * keeps, which also settles equality (hashes may collide). Open addressing, linear
 * probing, at most half full.
 */
typedef struct hslot {
	uint64_t hash;
	size_t value; /* index + 1; 0 marks an empty slot */
} hslot;

typedef struct htable {
	hslot *slots;
	size_t cap, count;
} htable;

typedef bool (*h_same)(const void *ctx, size_t index);

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	x *= UINT64_C(0xc4ceb9fe1a85ec53);
	return x ^ (x >> 33);
}

static uint64_t id_hash(file_id id)
{
	return mix64((uint64_t)id.dev * UINT64_C(0x9e3779b97f4a7c15) ^ (uint64_t)id.ino);
}

static uint64_t str_hash(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	return mix64(h);
}

/* The index stored for an entry equal to ctx (as judged by same), or -1. */
static long h_find(const htable *t, uint64_t hash, h_same same, const void *ctx)
{
	if (!t->cap)
		return -1;
	for (size_t i = hash & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		const hslot *e = &t->slots[i];
		if (!e->value)
			return -1;
		if (e->hash == hash && same(ctx, e->value - 1))
			return (long)(e->value - 1);
	}
}

static int h_add(htable *t, uint64_t hash, size_t index)
{
	if (2 * (t->count + 1) > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		hslot *slots = calloc(cap, sizeof *slots);
		if (!slots)
			return TL_ENOMEM;
		for (size_t k = 0; k < t->cap; k++) {
			if (!t->slots[k].value)
				continue;
			size_t i = t->slots[k].hash & (cap - 1);
			while (slots[i].value)
				i = (i + 1) & (cap - 1);
			slots[i] = t->slots[k];
		}
		free(t->slots);
		t->slots = slots;
		t->cap = cap;
	}
	size_t i = hash & (t->cap - 1);
	while (t->slots[i].value)
		i = (i + 1) & (t->cap - 1);
	t->slots[i] = (hslot){hash, index + 1};
	t->count++;
	return TL_OK;
}

/* A set of file ids (append-only array + table). */
typedef struct id_set {
	file_id *ids;
	const char **paths; /* for messages: the path the id was first met under (borrowed) */
	size_t count, cap;
	htable table;
} id_set;

typedef struct id_probe {
	const id_set *set;
	file_id id;
} id_probe;

static bool same_id_at(const void *ctx, size_t index)
{
	const id_probe *p = ctx;
	return p->set->ids[index].dev == p->id.dev && p->set->ids[index].ino == p->id.ino;
}

/* The index of id in the set, or -1. */
static long id_find(const id_set *s, file_id id)
{
	id_probe p = {s, id};
	return h_find(&s->table, id_hash(id), same_id_at, &p);
}

static int id_add(id_set *s, file_id id, const char *path)
{
	if (s->count == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		file_id *ids = realloc(s->ids, cap * sizeof *ids);
		if (!ids)
			return TL_ENOMEM;
		s->ids = ids;
		const char **paths = realloc(s->paths, cap * sizeof *paths);
		if (!paths)
			return TL_ENOMEM;
		s->paths = paths;
		s->cap = cap;
	}
	if (h_add(&s->table, id_hash(id), s->count) != TL_OK)
		return TL_ENOMEM;
	s->ids[s->count] = id;
	s->paths[s->count++] = path;
	return TL_OK;
}

static void id_set_free(id_set *s)
{
	free(s->ids);
	free(s->paths);
	free(s->table.slots);
	memset(s, 0, sizeof *s);
}

struct tl_corpus {
	tl_corpus_options options;
	char *date;         /* copy of options.date */
	entry *items;
	size_t count, cap;
	size_t settled;     /* items[0..settled) are sorted (by stem, path) and named */
	bool shared_stems;  /* some files share a stem, so names are not all stems */
	tl_article **by_name; /* with shared_stems: the articles sorted by (name, path) */
	id_set loaded;      /* files read as articles (paths borrowed from the articles) */
	id_set manifests;   /* manifests loaded, never read as articles */
	size_t failures;
};

/* The failures of one add_* call. */
typedef struct call {
	int failures;
	tl_error first;
} call;

static void fail(tl_corpus *c, call *k, const tl_error *e)
{
	c->failures++;
	if (k->failures++ == 0)
		k->first = *e;
	if (c->options.on_error)
		c->options.on_error(c->options.userdata, e);
}

static int finish(call *k, tl_error *err)
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
	if (c->options.date) {
		tl_date d;
		if (!tl_article_parse_date(c->options.date, strlen(c->options.date), &d)) {
			tl_error_set(err, TL_EUSAGE,
			             "--date: '%s' is not a real calendar day; write "
			             "it as YYYY-MM-DD",
			             c->options.date);
			free(c);
			return NULL;
		}
		if (!(c->date = strdup(c->options.date))) {
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
	for (size_t i = 0; i < c->count; i++) {
		tl_article_free(c->items[i].article);
		free(c->items[i].stem);
	}
	free(c->items);
	free(c->by_name);
	id_set_free(&c->loaded);
	id_set_free(&c->manifests);
	free(c->date);
	free(c);
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

static size_t count_parts(const char *path)
{
	size_t n = 1;
	for (; *path; path++)
		n += *path == '/';
	return n;
}

static int compare_entries(const void *pa, const void *pb)
{
	const entry *a = pa, *b = pb;
	int r = strcmp(a->stem, b->stem);
	return r ? r : strcmp(a->article->path, b->article->path);
}

/* Whether the path tails of the n entries are all different; -1 when out of memory. */
static int tails_differ(const entry *group, size_t n, size_t parts, bool keep_ext)
{
	char **tails = calloc(n, sizeof *tails);
	int differ = tails ? 1 : -1;
	for (size_t i = 0; differ == 1 && i < n; i++) {
		if (!(tails[i] = path_tail(group[i].article->path, parts, keep_ext)))
			differ = -1;
		for (size_t j = 0; differ == 1 && j < i; j++)
			differ = strcmp(tails[i], tails[j]) != 0;
	}
	for (size_t i = 0; tails && i < n; i++)
		free(tails[i]);
	free(tails);
	return differ;
}

/* Names the n entries of a group sharing a stem by the shortest path tails that tell them
 * apart ("x/talks", "y/talks"), with the extension when only that differs. */
static int name_group(entry *group, size_t n)
{
	size_t most = 1;
	for (size_t i = 0; i < n; i++)
		if (count_parts(group[i].article->path) > most)
			most = count_parts(group[i].article->path);
	size_t parts = most;
	bool keep_ext = true;
	for (int k = 0; k < 2; k++) {
		for (size_t p = k ? 1 : 2; p <= most; p++) {
			int differ = tails_differ(group, n, p, k == 1);
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
	for (size_t i = 0; i < n; i++) {
		char *name = path_tail(group[i].article->path, parts, keep_ext);
		if (!name)
			return TL_ENOMEM;
		free(group[i].article->name);
		group[i].article->name = name;
	}
	return TL_OK;
}

/* Names items[lo..hi) (whole groups of equal stems): the stem, or path tails when shared. */
static int name_range(tl_corpus *c, size_t lo, size_t hi, tl_error *err)
{
	for (size_t i = lo, j; i < hi; i = j) {
		for (j = i + 1; j < hi && strcmp(c->items[i].stem, c->items[j].stem) == 0; j++)
			;
		if (j - i > 1) {
			if (name_group(c->items + i, j - i) != TL_OK)
				return tl_error_nomem(err);
			c->shared_stems = true;
			continue;
		}
		tl_article *a = c->items[i].article;
		if (strcmp(a->name, c->items[i].stem) != 0) {
			char *name = strdup(c->items[i].stem);
			if (!name)
				return tl_error_nomem(err);
			free(a->name);
			a->name = name;
		}
	}
	return TL_OK;
}

static int compare_names_paths(const void *pa, const void *pb)
{
	const tl_article *a = *(tl_article *const *)pa, *b = *(tl_article *const *)pb;
	int r = strcmp(a->name, b->name);
	return r ? r : strcmp(a->path, b->path);
}

/* Once some names are path tails ("x/talks") they no longer sort like their stems: keep
 * a second order, by (name, path), for tl_corpus_article(). */
static int order_by_name(tl_corpus *c, tl_error *err)
{
	tl_article **sorted = realloc(c->by_name, c->count * sizeof *sorted);
	if (!sorted)
		return tl_error_nomem(err);
	c->by_name = sorted;
	for (size_t i = 0; i < c->count; i++)
		sorted[i] = c->items[i].article;
	qsort(sorted, c->count, sizeof *sorted, compare_names_paths);
	return TL_OK;
}

/*
 * Sorts the items added since the last call into place and names them. Inputs that
 * come in order (a sorted folder, a shell glob) cost O(k log k) for k new items; else
 * the new items are merged in, O(n).
 */
static int settle(tl_corpus *c, tl_error *err)
{
	size_t old = c->settled, k = c->count - old;
	if (k == 0)
		return TL_OK;
	if (k > 1)
		qsort(c->items + old, k, sizeof *c->items, compare_entries);
	size_t lo = old;
	if (old > 0 && compare_entries(&c->items[old - 1], &c->items[old]) > 0) {
		entry *merged = malloc(c->count * sizeof *merged);
		if (!merged)
			return tl_error_nomem(err);
		size_t a = 0, b = old, o = 0;
		while (a < old || b < c->count) {
			bool take_old = b >= c->count ||
					(a < old && compare_entries(&c->items[a], &c->items[b]) <= 0);
			merged[o++] = take_old ? c->items[a++] : c->items[b++];
		}
		memcpy(c->items, merged, c->count * sizeof *merged);
		free(merged);
		lo = 0;
	}
	while (lo > 0 && strcmp(c->items[lo - 1].stem, c->items[lo].stem) == 0)
		lo--;
	c->settled = c->count;
	if (name_range(c, lo, c->count, err) != TL_OK)
		return TL_ENOMEM;
	return c->shared_stems ? order_by_name(c, err) : TL_OK;
}

/* Reads one file into the corpus; where names the manifest row in messages ("" or
 * "m.csv:4: "). Returns TL_ENOMEM only when the corpus itself could not grow. */
static int load_file(tl_corpus *c, call *k, const char *path, const tl_article_meta *meta,
		     const char *where, tl_error *err)
{
	tl_error e = {0};
	struct stat st;
	if (stat(path, &st) != 0) {
		tl_error_set(&e, TL_EIO, "%s%s: cannot open: %s; check the path%s", where, path,
		             strerror(errno),
		             where[0] ? " (relative to the manifest's folder)" : "");
		fail(c, k, &e);
		return TL_OK;
	}
	file_id id = {st.st_dev, st.st_ino};
	long dup = id_find(&c->loaded, id);
	if (dup >= 0 && !where[0])
		return TL_OK; /* a folder or path reaching a file already loaded: keep the first */
	if (dup >= 0) {
		tl_error_set(&e, TL_EINPUT, "%s%s: already loaded as %s; the first copy is kept; "
			     "list each file once", where, path, c->loaded.paths[dup]);
		fail(c, k, &e);
		return TL_OK;
	}
	tl_article *a = c->options.lazy ? tl_article_read_released(path, meta, &e)
					: tl_article_read(path, NULL, meta, &e);
	if (!a) {
		if (e.code == TL_ENOMEM)
			return tl_error_nomem(err);
		if (where[0]) {
			tl_error prefixed;
			tl_error_set(&prefixed, e.code, "%s%s", where, e.message);
			e = prefixed;
		}
		fail(c, k, &e);
		return TL_OK;
	}
	char *stem = path_tail(path, 1, false);
	if (!stem || (c->count == c->cap && c->cap > ((size_t)-1) / 2 / sizeof *c->items)) {
		free(stem);
		tl_article_free(a);
		return tl_error_nomem(err);
	}
	if (c->count == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		entry *grown = realloc(c->items, cap * sizeof *grown);
		if (!grown) {
			free(stem);
			tl_article_free(a);
			return tl_error_nomem(err);
		}
		c->items = grown;
		c->cap = cap;
	}
	if (id_add(&c->loaded, id, a->path) != TL_OK) {
		free(stem);
		tl_article_free(a);
		return tl_error_nomem(err);
	}
	c->items[c->count++] = (entry){a, stem, id};
	return TL_OK;
}

static tl_article_meta option_meta(const tl_corpus *c)
{
	return (tl_article_meta){.date = c->options.date, .date_source = TL_DATE_OPTION,
				 .infer_date = c->options.infer_date};
}

/* ## Folders */

typedef struct walk {
	tl_corpus *c;
	call *k;
	id_set seen;   /* directories visited in this walk */
	size_t loaded;
	size_t found;  /* article files seen, loaded now or by an earlier input */
	int rc;        /* TL_ENOMEM stops the walk */
	tl_error *err;
} walk;

/* *.txt and *.md, except a folder's own documentation (README.md, LICENSE.txt, ...). */
static bool article_name(const char *name)
{
	static const char *const docs[] = {"readme", "license", "licence", "changelog",
					   "contributing", "copying", "authors", "notice"};
	const char *dot = strrchr(name, '.');
	if (!dot || dot == name || (strcasecmp(dot, ".txt") != 0 && strcasecmp(dot, ".md") != 0))
		return false;
	size_t n = (size_t)(dot - name);
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
		if (strlen(docs[i]) == n && strncasecmp(name, docs[i], n) == 0)
			return false;
	return true;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *name)
{
	size_t d = strlen(dir), n = strlen(name);
	bool slash = d > 0 && dir[d - 1] != '/';
	char *p = malloc(d + slash + n + 1);
	if (p) {
		memcpy(p, dir, d);
		if (slash)
			p[d] = '/';
		memcpy(p + d + slash, name, n + 1);
	}
	return p;
}

static void walk_dir(walk *w, const char *dir, file_id id);

/* Lists dir's visible entries, sorted; *names is NULL and *count 0 on failure. */
static int list_dir(walk *w, const char *dir, char ***names, size_t *count)
{
	*names = NULL;
	*count = 0;
	DIR *d = opendir(dir);
	if (!d) {
		tl_error e;
		tl_error_set(&e, TL_EIO, "%s: cannot read folder: %s; check its permissions", dir,
			     strerror(errno));
		fail(w->c, w->k, &e);
		return TL_OK;
	}
	char **list = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	int rc = TL_OK;
	while (rc == TL_OK && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			char **grown = realloc(list, ncap * sizeof *grown);
			if (!grown) {
				rc = TL_ENOMEM;
				break;
			}
			list = grown;
			cap = ncap;
		}
		if (!(list[n] = strdup(de->d_name)))
			rc = TL_ENOMEM;
		else
			n++;
	}
	closedir(d);
	if (rc != TL_OK) {
		for (size_t i = 0; i < n; i++)
			free(list[i]);
		free(list);
		return rc;
	}
	if (n > 1)
		qsort(list, n, sizeof *list, compare_names);
	*names = list;
	*count = n;
	return TL_OK;
}

static void walk_entry(walk *w, const char *dir, const char *name)
{
	char *path = join_path(dir, name);
	if (!path) {
		w->rc = TL_ENOMEM;
		return;
	}
	struct stat st;
	if (stat(path, &st) != 0) {
		if (article_name(name)) { /* a dangling link to an article */
			tl_error e;
			tl_error_set(&e, TL_EIO, "%s: cannot open: %s; fix or remove the link",
			             path, strerror(errno));
			fail(w->c, w->k, &e);
		}
	} else if (S_ISDIR(st.st_mode)) {
		walk_dir(w, path, (file_id){st.st_dev, st.st_ino});
	} else if (S_ISREG(st.st_mode) && article_name(name) &&
		   id_find(&w->c->manifests, (file_id){st.st_dev, st.st_ino}) < 0) {
		tl_article_meta meta = option_meta(w->c);
		size_t before = w->c->count;
		w->found++;
		w->rc = load_file(w->c, w->k, path, &meta, "", w->err);
		w->loaded += w->c->count - before;
	}
	free(path);
}

static void walk_dir(walk *w, const char *dir, file_id id)
{
	if (id_find(&w->seen, id) >= 0)
		return; /* a symlink loop, or a folder reached twice */
	if (id_add(&w->seen, id, NULL) != TL_OK) {
		w->rc = TL_ENOMEM;
		return;
	}
	char **names;
	size_t n;
	if ((w->rc = list_dir(w, dir, &names, &n)) != TL_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		if (w->rc == TL_OK)
			walk_entry(w, dir, names[i]);
		free(names[i]);
	}
	free(names);
}

TL_EXPORT int tl_corpus_add_path(tl_corpus *c, const char *path, tl_error *err)
{
	call k = {0};
	struct stat st;
	int rc = TL_OK;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		walk w = {.c = c, .k = &k, .err = err};
		walk_dir(&w, path, (file_id){st.st_dev, st.st_ino});
		id_set_free(&w.seen);
		rc = w.rc;
		if (rc == TL_OK && w.found == 0 && k.failures == 0) {
			tl_error e;
			tl_error_set(&e, TL_EINPUT, "%s: no *.txt or *.md files in this folder or "
				     "below; give the folder that holds the articles", path);
			fail(c, &k, &e);
		}
	} else {
		tl_article_meta meta = option_meta(c);
		rc = load_file(c, &k, path, &meta, "", err);
	}
	if (rc == TL_OK)
		rc = settle(c, err);
	return rc != TL_OK ? rc : finish(&k, err);
}

/* ## Manifests */

enum { COL_PATH, COL_DATE, COL_SOURCE, COL_TITLE, COL_URL, N_COLS };

static void trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t'))
		(*s)++, (*n)--;
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/* A field's value, trimmed, in a malloc()ed string, or NULL when empty; *oom on failure. */
static char *field_value(const tl_csv_record *rec, long col, bool *oom)
{
	if (col < 0 || (size_t)col >= rec->count)
		return NULL;
	const char *s = tl_csv_field(rec, (size_t)col);
	size_t n = strlen(s);
	trim(&s, &n);
	if (n == 0)
		return NULL;
	char *v = strndup(s, n);
	*oom |= v == NULL;
	return v;
}

static int read_whole(const char *path, char **out, size_t *len, file_id *id, tl_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return tl_error_set(err, TL_EIO,
		                    "%s: cannot open manifest: %s; check the --manifest "
		                    "path",
		                    path, strerror(errno));
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
		fclose(f);
		return tl_error_set(err, TL_EIO, "%s: cannot read manifest: %s", path,
				    S_ISDIR(st.st_mode) ? "it is a folder; give the CSV file"
							: strerror(errno));
	}
	*id = (file_id){st.st_dev, st.st_ino};
	char *data = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n + 4096 > cap) {
			size_t ncap = cap ? cap * 2 : 65536;
			char *grown = realloc(data, ncap);
			if (!grown) {
				free(data);
				fclose(f);
				return tl_error_nomem(err);
			}
			data = grown;
			cap = ncap;
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int failed = ferror(f);
	int e = errno;
	fclose(f);
	if (failed) {
		free(data);
		return tl_error_set(err, TL_EIO, "%s: cannot read manifest: %s", path, strerror(e));
	}
	*out = data;
	*len = n;
	return TL_OK;
}

/* Maps the header row to columns; TL_EINPUT when path or date is missing. */
static int header_columns(const char *manifest, const tl_csv_record *rec, long cols[N_COLS],
			  tl_error *err)
{
	static const char *const names[N_COLS] = {"path", "date", "source", "title", "url"};
	for (int i = 0; i < N_COLS; i++)
		cols[i] = -1;
	for (size_t f = 0; f < rec->count; f++) {
		const char *s = tl_csv_field(rec, f);
		size_t n = strlen(s);
		trim(&s, &n);
		for (int i = 0; i < N_COLS; i++)
			if (cols[i] < 0 && n == strlen(names[i]) &&
			    strncasecmp(s, names[i], n) == 0)
				cols[i] = (long)f;
	}
	for (int i = 0; i <= COL_DATE; i++)
		if (cols[i] < 0)
			return tl_error_set(err, TL_EINPUT,
			                    "%s:%zu: the header row has no '%s' column; "
			                    "the first line must name the columns, e.g. "
			                    "path,date,source,title,url",
			                    manifest, rec->line, names[i]);
	return TL_OK;
}

typedef struct seen_row {
	char *path;
	file_id id;
	bool has_id;
	size_t line;
} seen_row;

typedef struct manifest_run {
	tl_corpus *c;
	call *k;
	const char *manifest;
	size_t dir_len;      /* bytes of the manifest's folder prefix, with its '/' */
	long cols[N_COLS];
	seen_row *rows;
	size_t n_rows, cap_rows;
	htable by_path;      /* rows by resolved path */
	htable by_id;        /* rows by (st_dev, st_ino), for rows whose file exists */
} manifest_run;

typedef struct row_probe {
	const manifest_run *m;
	const seen_row *row;
} row_probe;

static bool same_row_path(const void *ctx, size_t index)
{
	const row_probe *p = ctx;
	return strcmp(p->m->rows[index].path, p->row->path) == 0;
}

static bool same_row_id(const void *ctx, size_t index)
{
	const row_probe *p = ctx;
	const seen_row *r = &p->m->rows[index];
	return r->id.dev == p->row->id.dev && r->id.ino == p->row->id.ino;
}

static void row_failure(manifest_run *m, size_t line, const char *fmt, ...) TL_PRINTF(3, 4);

static void row_failure(manifest_run *m, size_t line, const char *fmt, ...)
{
	char what[TL_ERROR_MESSAGE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	tl_error e;
	tl_error_set(&e, TL_EINPUT, "%s:%zu: %s", m->manifest, line, what);
	fail(m->c, m->k, &e);
}

/* Returns the line of an earlier row naming the same file, or 0; records this one. */
static int remember_row(manifest_run *m, char *resolved, size_t line, size_t *earlier)
{
	struct stat st;
	seen_row r = {resolved, {0, 0}, false, line};
	if (stat(resolved, &st) == 0)
		r.id = (file_id){st.st_dev, st.st_ino}, r.has_id = true;
	row_probe probe = {m, &r};
	uint64_t ph = str_hash(resolved), ih = r.has_id ? id_hash(r.id) : 0;
	long at = h_find(&m->by_path, ph, same_row_path, &probe);
	if (at < 0 && r.has_id)
		at = h_find(&m->by_id, ih, same_row_id, &probe);
	*earlier = at >= 0 ? m->rows[at].line : 0;
	if (*earlier) {
		free(resolved);
		return TL_OK;
	}
	if (m->n_rows == m->cap_rows) {
		size_t cap = m->cap_rows ? m->cap_rows * 2 : 64;
		seen_row *grown = realloc(m->rows, cap * sizeof *grown);
		if (!grown) {
			free(resolved);
			return TL_ENOMEM;
		}
		m->rows = grown;
		m->cap_rows = cap;
	}
	if (h_add(&m->by_path, ph, m->n_rows) != TL_OK ||
	    (r.has_id && h_add(&m->by_id, ih, m->n_rows) != TL_OK)) {
		free(resolved);
		return TL_ENOMEM;
	}
	m->rows[m->n_rows++] = r;
	return TL_OK;
}

static int manifest_row(manifest_run *m, const tl_csv_record *rec, size_t header_count,
			tl_error *err)
{
	bool empty = true;
	for (size_t i = 0; i < rec->count && empty; i++)
		empty = strspn(tl_csv_field(rec, i), " \t") == strlen(tl_csv_field(rec, i));
	if (empty)
		return TL_OK;
	if (rec->has_nul) {
		row_failure(m, rec->line, "a field holds a NUL byte; save the manifest as plain "
			    "UTF-8 text");
		return TL_OK;
	}
	if (rec->count > header_count) {
		row_failure(m, rec->line,
		            "%zu fields but the header names %zu columns; put a field "
		            "holding commas in double quotes",
		            rec->count, header_count);
		return TL_OK;
	}
	bool oom = false;
	char *path = field_value(rec, m->cols[COL_PATH], &oom);
	char *date = field_value(rec, m->cols[COL_DATE], &oom);
	char *source = field_value(rec, m->cols[COL_SOURCE], &oom);
	char *title = field_value(rec, m->cols[COL_TITLE], &oom);
	char *url = field_value(rec, m->cols[COL_URL], &oom);
	int rc = oom ? TL_ENOMEM : TL_OK;
	tl_date d;
	if (rc != TL_OK) {
		/* fall through to the frees */
	} else if (!path) {
		row_failure(m, rec->line, "the path is empty; give the article's file, relative "
			    "to the manifest's folder");
	} else if (!m->c->options.date && !date) {
		row_failure(m, rec->line, "'%s' has no date; fill the date column with "
			    "YYYY-MM-DD", path);
	} else if (!m->c->options.date && !tl_article_parse_date(date, strlen(date), &d)) {
		row_failure(m, rec->line, "the date '%s' of '%s' is not a real calendar day; write "
			    "it as YYYY-MM-DD", date, path);
	} else {
		char *resolved = path[0] == '/' || m->dir_len == 0
				 ? strdup(path) : malloc(m->dir_len + strlen(path) + 1);
		if (resolved && path[0] != '/' && m->dir_len) {
			memcpy(resolved, m->manifest, m->dir_len);
			strcpy(resolved + m->dir_len, path);
		}
		size_t earlier = 0;
		rc = resolved ? remember_row(m, resolved, rec->line, &earlier) : TL_ENOMEM;
		if (rc == TL_OK && earlier) {
			row_failure(m, rec->line,
			            "'%s' is already listed on line %zu; the first row "
			            "is kept; delete this row",
			            path, earlier);
		} else if (rc == TL_OK) {
			const char *rpath = m->rows[m->n_rows - 1].path;
			tl_article_meta meta = {
			    .date = m->c->options.date ? m->c->options.date : date,
			    .date_source = m->c->options.date ? TL_DATE_OPTION : TL_DATE_MANIFEST,
			    .title = title,
			    .source = source,
			    .url = url,
			    .infer_date = m->c->options.infer_date};
			char where[TL_ERROR_MESSAGE_MAX / 2];
			snprintf(where, sizeof where, "%s:%zu: ", m->manifest, rec->line);
			rc = load_file(m->c, m->k, rpath, &meta, where, err);
		}
	}
	free(path);
	free(date);
	free(source);
	free(title);
	free(url);
	return rc;
}

static int add_manifest_text(manifest_run *m, const char *text, size_t len, tl_error *err)
{
	tl_csv csv;
	tl_csv_record rec = {0};
	tl_error local = {0};
	tl_csv_init(&csv, text, len);
	int got = tl_csv_next(&csv, &rec, &local);
	while (got == 1 && rec.count == 1 && tl_csv_field(&rec, 0)[0] == '\0')
		got = tl_csv_next(&csv, &rec, &local); /* blank lines before the header */
	int rc = TL_OK;
	if (got == 0)
		rc = tl_error_set(err, TL_EINPUT, "%s: the manifest is empty; its first line must "
				  "name the columns, e.g. path,date,source,title,url", m->manifest);
	else if (got < 0)
		rc = got == TL_ENOMEM ? tl_error_nomem(err)
				      : tl_error_set(err, TL_EINPUT, "%s:%zu: bad header row: %s",
						     m->manifest, rec.line, local.message);
	else
		rc = header_columns(m->manifest, &rec, m->cols, err);
	size_t header_count = rec.count;
	while (rc == TL_OK && (got = tl_csv_next(&csv, &rec, &local)) != 0) {
		if (got == TL_ENOMEM)
			rc = tl_error_nomem(err);
		else if (got < 0)
			row_failure(m, rec.line, "%s", local.message);
		else
			rc = manifest_row(m, &rec, header_count, err);
	}
	tl_csv_record_free(&rec);
	return rc;
}

TL_EXPORT int tl_corpus_add_manifest(tl_corpus *c, const char *manifest_path, tl_error *err)
{
	char *text = NULL;
	size_t len = 0;
	file_id id;
	int rc = read_whole(manifest_path, &text, &len, &id, err);
	if (rc != TL_OK)
		return rc;
	if (id_find(&c->manifests, id) < 0 && id_add(&c->manifests, id, NULL) != TL_OK) {
		free(text);
		return tl_error_nomem(err);
	}
	call k = {0};
	const char *slash = strrchr(manifest_path, '/');
	manifest_run m = {.c = c, .k = &k, .manifest = manifest_path,
			  .dir_len = slash ? (size_t)(slash - manifest_path) + 1 : 0};
	rc = add_manifest_text(&m, text ? text : "", len, err);
	for (size_t i = 0; i < m.n_rows; i++)
		free(m.rows[i].path);
	free(m.rows);
	free(m.by_path.slots);
	free(m.by_id.slots);
	free(text);
	if (rc == TL_OK)
		rc = settle(c, err);
	return rc != TL_OK ? rc : finish(&k, err);
}

TL_EXPORT size_t tl_corpus_count(const tl_corpus *c) { return c->count; }

TL_EXPORT tl_article *tl_corpus_article(const tl_corpus *c, size_t i)
{
	if (i >= c->count)
		return NULL;
	return c->shared_stems ? c->by_name[i] : c->items[i].article;
}

TL_EXPORT size_t tl_corpus_failures(const tl_corpus *c) { return c->failures; }
