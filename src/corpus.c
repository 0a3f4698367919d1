/* corpus.c - placeholder corpus: single files only (full loader being written). */
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "error.h"

struct tl_corpus {
	tl_corpus_options options;
	tl_article **articles;
	size_t count, cap;
	size_t failures;
};

TL_EXPORT tl_corpus *tl_corpus_new(const tl_corpus_options *options, tl_error *err)
{
	tl_corpus *c = calloc(1, sizeof *c);
	if (!c) {
		tl_error_nomem(err);
		return NULL;
	}
	if (options)
		c->options = *options;
	return c;
}

TL_EXPORT void tl_corpus_free(tl_corpus *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->count; i++)
		tl_article_free(c->articles[i]);
	free(c->articles);
	free(c);
}

static int push(tl_corpus *c, tl_article *a, tl_error *err)
{
	if (c->count == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		tl_article **grown = realloc(c->articles, cap * sizeof *grown);
		if (!grown)
			return tl_error_nomem(err);
		c->articles = grown;
		c->cap = cap;
	}
	c->articles[c->count++] = a;
	return TL_OK;
}

TL_EXPORT int tl_corpus_add_path(tl_corpus *c, const char *path, tl_error *err)
{
	tl_article_meta meta = {.date = c->options.date, .date_source = TL_DATE_OPTION,
				.infer_date = c->options.infer_date};
	tl_error local;
	tl_article *a = tl_article_read(path, NULL, &meta, &local);
	if (!a) {
		c->failures++;
		if (c->options.on_error)
			c->options.on_error(c->options.userdata, &local);
		if (err)
			*err = local;
		return 1;
	}
	if (push(c, a, err) != TL_OK) {
		tl_article_free(a);
		return TL_ENOMEM;
	}
	return 0;
}

TL_EXPORT int tl_corpus_add_manifest(tl_corpus *c, const char *manifest_path, tl_error *err)
{
	(void)c;
	return tl_error_set(err, TL_EUSAGE, "%s: manifests are not supported yet", manifest_path);
}

TL_EXPORT size_t tl_corpus_count(const tl_corpus *c) { return c->count; }
TL_EXPORT tl_article *tl_corpus_article(const tl_corpus *c, size_t i)
{
	return i < c->count ? c->articles[i] : NULL;
}
TL_EXPORT size_t tl_corpus_failures(const tl_corpus *c) { return c->failures; }
