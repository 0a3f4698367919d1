/*
 * article_jsonl.c - reads articles from JSON Lines, one article per line:
 * {"id", "date", "text", "source"?, "url"?, "title"?}. This is the input of
 * the map step (`timeline extract`) over huge corpora: the reader streams, so
 * memory holds one line and one article at a time whatever the corpus size. A
 * tl_article_reader owns its FILE (unless it is stdin), its line buffer and
 * its JSON document; each article it returns belongs to the caller.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "json_read.h"

struct tl_article_reader {
	FILE *file;
	char *name;      /* the path, for messages */
	char *line;      /* getline buffer */
	size_t line_cap;
	size_t line_no;
	tl_json_doc *doc;
	bool infer_date;
};

TL_EXPORT tl_article_reader *tl_article_reader_open(const char *path, bool infer_date,
						    tl_error *err)
{
	tl_article_reader *r = calloc(1, sizeof *r);
	if (!r) {
		tl_error_nomem(err);
		return NULL;
	}
	r->infer_date = infer_date;
	bool is_stdin = strcmp(path, "-") == 0;
	r->name = strdup(is_stdin ? "standard input" : path);
	r->doc = tl_json_doc_new();
	if (!r->name || !r->doc) {
		tl_error_nomem(err);
		goto fail;
	}
	r->file = is_stdin ? stdin : fopen(path, "rb");
	if (!r->file) {
		tl_error_set(err, TL_EIO, "%s: cannot open: %s", path, strerror(errno));
		goto fail;
	}
	return r;
fail:
	tl_article_reader_free(r);
	return NULL;
}

TL_EXPORT void tl_article_reader_free(tl_article_reader *r)
{
	if (!r)
		return;
	if (r->file && r->file != stdin)
		fclose(r->file);
	free(r->name);
	free(r->line);
	tl_json_doc_free(r->doc);
	free(r);
}

/* The string member key of obj, or NULL when absent; *bad set when not a string. */
static const char *text_member(const tl_json *obj, const char *key, bool *bad)
{
	const tl_json *v = tl_json_get(obj, key);
	if (!v || v->type == TL_JSON_NULL)
		return NULL;
	if (!tl_json_is_text(v)) {
		*bad = true;
		return NULL;
	}
	return v->u.str;
}

/* Builds the article of one parsed line; NULL with err set when the record is unusable. */
static tl_article *article_of(tl_article_reader *r, const tl_json *root, tl_error *err)
{
	if (root->type != TL_JSON_OBJECT) {
		tl_error_set(err, TL_EINPUT, "%s:%zu: expected one JSON object per line", r->name,
			     r->line_no);
		return NULL;
	}
	bool bad = false;
	const char *id = text_member(root, "id", &bad);
	const char *date = text_member(root, "date", &bad);
	const tl_json *text = tl_json_get(root, "text");
	tl_article_meta meta = {
		.date = date,
		.date_source = TL_DATE_MANIFEST,
		.title = text_member(root, "title", &bad),
		.source = text_member(root, "source", &bad),
		.url = text_member(root, "url", &bad),
		.infer_date = r->infer_date,
	};
	if (bad || !id || !*id || !text || text->type != TL_JSON_STRING) {
		tl_error_set(err, TL_EINPUT,
			     "%s:%zu: an article needs \"id\" and \"text\" strings (and \"date\" "
			     "YYYY-MM-DD; \"source\", \"url\", \"title\" are optional strings)",
			     r->name, r->line_no);
		return NULL;
	}
	tl_error inner = {0};
	tl_article *a = tl_article_from_bytes(text->u.str, text->len, NULL, id, &meta, &inner);
	if (!a)
		tl_error_set(err, inner.code, "%s:%zu: article \"%s\": %s", r->name, r->line_no, id,
			     inner.message);
	return a;
}

TL_EXPORT int tl_article_reader_next(tl_article_reader *r, tl_article **out, tl_error *err)
{
	*out = NULL;
	for (;;) {
		errno = 0;
		ssize_t n = getline(&r->line, &r->line_cap, r->file);
		if (n < 0) {
			if (ferror(r->file))
				return tl_error_set(err, TL_EIO, "%s: read error: %s", r->name,
						    strerror(errno ? errno : EIO));
			return 0;
		}
		r->line_no++;
		size_t len = (size_t)n;
		while (len && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r' ||
			       r->line[len - 1] == ' ' || r->line[len - 1] == '\t'))
			len--;
		if (len == 0)
			continue;
		const tl_json *root = NULL;
		int rc = tl_json_parse(r->doc, r->line, len, r->name, r->line_no, 0, &root, err);
		if (rc != TL_OK)
			return rc;
		*out = article_of(r, root, err);
		return *out ? 1 : (err ? err->code : TL_EINPUT);
	}
}
