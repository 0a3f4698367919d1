/*
 * corpus_walk.c - adds a file or a folder to a corpus (tl_corpus_add_path).
 * Folders are walked recursively: regular *.txt and *.md files in byte order of
 * their names, hidden entries, loaded manifests and a folder's own
 * README/LICENSE/CHANGELOG skipped, each directory visited once by (st_dev,
 * st_ino) so symlink loops end. A regular file the listing's d_type names is not
 * stat()ed for a lazy corpus (the read's fstat() gives its id and size), unless
 * the corpus defers reads (defer_reads): then it is stat()ed for its id and size
 * and recorded unread. Each file goes to corpus.c (corpus.h) to be loaded; an
 * unreadable folder or a dangling link to an article is one failure, and the
 * walk goes on. Owns nothing beyond one call: the listings and the set of
 * folders seen are freed before it returns.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "article.h"
#include "buf.h"
#include "corpus.h"
#include "corpus_store.h"
#include "error.h"

typedef struct walk {
	tl_corpus *c;
	tl_corpus_call *k;
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

/* Listed names are kept after a byte holding their d_type. */
static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
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

/* Lists dir's visible entries, sorted, each name after a byte holding its d_type;
 * *names is NULL and *count 0 on failure. */
static int list_dir(walk *w, const char *dir, char ***names, size_t *count)
{
	*names = NULL;
	*count = 0;
	DIR *d = opendir(dir);
	if (!d) {
		tl_error e;
		tl_error_set(&e, TL_EIO, "%s: cannot read folder: %s; check its permissions", dir,
			     strerror(errno));
		tl_corpus_fail(w->c, w->k, &e);
		return TL_OK;
	}
	char **list = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	int rc = TL_OK;
	while (rc == TL_OK && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char **grown = tl_array_grow(list, &cap, n, 32, sizeof *grown);
		if (!grown) {
			rc = TL_ENOMEM;
			break;
		}
		list = grown;
		size_t len = strlen(de->d_name);
		if (!(list[n] = malloc(len + 2))) {
			rc = TL_ENOMEM;
		} else {
			list[n][0] = (char)de->d_type;
			memcpy(list[n] + 1, de->d_name, len + 1);
			n++;
		}
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

/* name's d_type is type: a regular file is loaded into a lazy corpus without a stat() of
 * its own (the read gives its id) unless manifests were loaded (one could sit among the
 * articles) or reads are deferred (the stat() then replaces a read: it gives the id and
 * size of the file left unread; a large file is read at once, as ever); links, folders
 * and entries of unknown type are stat()ed. */
static void walk_entry(walk *w, const char *dir, const char *name, unsigned char type)
{
	if (type == DT_REG && tl_corpus_options_of(w->c)->lazy &&
	    tl_corpus_manifest_count(w->c) == 0) {
		if (!article_name(name))
			return;
		char *path = join_path(dir, name);
		if (!path) {
			w->rc = TL_ENOMEM;
			return;
		}
		tl_article_meta meta = tl_corpus_option_meta(w->c);
		size_t before = tl_corpus_count(w->c);
		w->found++;
		struct stat st;
		if (!tl_corpus_options_of(w->c)->defer_reads || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			w->rc = tl_corpus_load_stat(w->c, w->k, path, &meta, NULL, w->err);
		else if ((size_t)st.st_size >= TL_ARTICLE_LARGE) /* read now, as ever */
			w->rc = tl_corpus_load_stat(w->c, w->k, path, &meta, &st, w->err);
		else
			w->rc = tl_corpus_defer(w->c, w->k, path, &meta, &st, w->err);
		w->loaded += tl_corpus_count(w->c) - before;
		free(path);
		return;
	}
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
			tl_corpus_fail(w->c, w->k, &e);
		}
	} else if (S_ISDIR(st.st_mode)) {
		walk_dir(w, path, (file_id){st.st_dev, st.st_ino});
	} else if (S_ISREG(st.st_mode) && article_name(name) &&
		   !tl_corpus_is_manifest(w->c, (file_id){st.st_dev, st.st_ino})) {
		tl_article_meta meta = tl_corpus_option_meta(w->c);
		size_t before = tl_corpus_count(w->c);
		w->found++;
		w->rc = tl_corpus_load_stat(w->c, w->k, path, &meta, &st, w->err);
		w->loaded += tl_corpus_count(w->c) - before;
	}
	free(path);
}

static void walk_dir(walk *w, const char *dir, file_id id)
{
	if (tl_id_find(&w->seen, id) >= 0)
		return; /* a symlink loop, or a folder reached twice */
	if (tl_id_add(&w->seen, id) != TL_OK) {
		w->rc = TL_ENOMEM;
		return;
	}
	char **names;
	size_t n;
	if ((w->rc = list_dir(w, dir, &names, &n)) != TL_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		if (w->rc == TL_OK)
			walk_entry(w, dir, names[i] + 1, (unsigned char)names[i][0]);
		free(names[i]);
	}
	free(names);
}

TL_EXPORT int tl_corpus_add_path(tl_corpus *c, const char *path, tl_error *err)
{
	tl_corpus_call k = {0};
	struct stat st;
	int rc = TL_OK;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		walk w = {.c = c, .k = &k, .err = err};
		walk_dir(&w, path, (file_id){st.st_dev, st.st_ino});
		tl_id_set_free(&w.seen);
		rc = w.rc;
		if (rc == TL_OK && w.found == 0 && k.failures == 0) {
			tl_error e;
			tl_error_set(&e, TL_EINPUT, "%s: no *.txt or *.md files in this folder or "
				     "below; give the folder that holds the articles", path);
			tl_corpus_fail(c, &k, &e);
		}
	} else {
		tl_article_meta meta = tl_corpus_option_meta(c);
		rc = tl_corpus_load_file(c, &k, path, &meta, "", err);
	}
	if (rc == TL_OK)
		rc = tl_corpus_settle(c, err);
	return rc != TL_OK ? rc : tl_corpus_finish(&k, err);
}
