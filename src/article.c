/* article.c - placeholder article reader: --date/manifest date only (being written). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "error.h"
#include "tagger.h"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static char *name_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	return strndup(base, n);
}

TL_EXPORT tl_article *tl_article_from_bytes(const char *bytes, size_t len, const char *path,
					    const char *name, const tl_article_meta *meta,
					    tl_error *err)
{
	tl_article *a = calloc(1, sizeof *a);
	if (!a) {
		tl_error_nomem(err);
		return NULL;
	}
	a->path = dup_or_null(path);
	a->name = name ? strdup(name) : name_from_path(path ? path : "stdin");
	a->raw = malloc(len + 1);
	if ((path && !a->path) || !a->name || !a->raw) {
		tl_error_nomem(err);
		goto fail;
	}
	memcpy(a->raw, bytes, len);
	a->raw[len] = '\0';
	a->raw_len = len;
	if (!meta || !meta->date) {
		tl_error_set(err, TL_ENODATE, "%s: no publication date; give --date YYYY-MM-DD",
			     path ? path : a->name);
		goto fail;
	}
	if (tl_date_parse(meta->date, &a->date, err) != TL_OK)
		goto fail;
	a->date_source = meta->date_source;
	if (tl_text_clean(a->raw, a->raw_len, 0, path, &a->text, err) != TL_OK)
		goto fail;
	return a;
fail:
	tl_article_free(a);
	return NULL;
}

TL_EXPORT tl_article *tl_article_read(const char *path, const char *name,
				      const tl_article_meta *meta, tl_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		tl_error_set(err, TL_EIO, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	char *data = NULL;
	size_t len = 0, cap = 0, n;
	char chunk[65536];
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + n > cap) {
			cap = (len + n) * 2;
			char *grown = realloc(data, cap);
			if (!grown) {
				free(data);
				fclose(f);
				tl_error_nomem(err);
				return NULL;
			}
			data = grown;
		}
		memcpy(data + len, chunk, n);
		len += n;
	}
	int failed = ferror(f);
	fclose(f);
	if (failed) {
		free(data);
		tl_error_set(err, TL_EIO, "%s: read error", path);
		return NULL;
	}
	tl_article *a = tl_article_from_bytes(data ? data : "", len, path, name, meta, err);
	free(data);
	return a;
}

TL_EXPORT void tl_article_free(tl_article *a)
{
	if (!a)
		return;
	free(a->path);
	free(a->name);
	free(a->raw);
	free(a->title);
	free(a->source);
	free(a->url);
	tl_text_free(&a->text);
	free(a->timexes);
	free(a->warnings);
	free(a);
}

TL_EXPORT const char *tl_article_name(const tl_article *a) { return a->name; }
TL_EXPORT const char *tl_article_path(const tl_article *a) { return a->path; }
TL_EXPORT tl_date tl_article_date(const tl_article *a) { return a->date; }
TL_EXPORT tl_date_source tl_article_date_source(const tl_article *a) { return a->date_source; }
TL_EXPORT const char *tl_article_title(const tl_article *a) { return a->title; }
TL_EXPORT const char *tl_article_source(const tl_article *a) { return a->source; }
TL_EXPORT const char *tl_article_url(const tl_article *a) { return a->url; }
TL_EXPORT const char *tl_article_warnings(const tl_article *a) { return a->warnings; }

TL_EXPORT const char *tl_article_bytes(const tl_article *a, size_t *len)
{
	if (len)
		*len = a->raw_len;
	return a->raw;
}

TL_EXPORT const char *tl_date_source_name(tl_date_source source)
{
	static const char *const names[] = {"none", "option", "manifest", "header",
					    "dateline", "filename", "inferred"};
	return (unsigned)source < sizeof names / sizeof names[0] ? names[source] : "none";
}

TL_EXPORT int tl_article_tag(tl_article *a, const tl_tagger *tagger, tl_error *err)
{
	if (a->tagged)
		return TL_OK;
	tl_timex *t = NULL;
	size_t n = 0;
	int rc = tl_tagger_run(tagger, a->text.clean, a->text.len, a->date, &t, &n, err);
	if (rc != TL_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		size_t s = tl_text_orig_start(&a->text, t[i].start);
		size_t e = tl_text_orig_end(&a->text, t[i].end);
		t[i].start = s;
		t[i].end = e;
	}
	a->timexes = t;
	a->n_timexes = n;
	a->tagged = true;
	return TL_OK;
}

TL_EXPORT size_t tl_article_timex_count(const tl_article *a) { return a->n_timexes; }

TL_EXPORT const tl_timex *tl_article_timex(const tl_article *a, size_t i)
{
	return i < a->n_timexes ? &a->timexes[i] : NULL;
}
